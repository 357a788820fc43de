/*
 * mapping_emit.c - a mapping set as a CISO Assistant mapping library (see
 * mapping_emit.h).
 */
#include "io/mapping_emit.h"

#include <string.h>

#include "io/catalog.h"
#include "io/mapping_lib.h"
#include "io/yaml_doc.h"
#include "util/buf.h"

#define URN_PREFIX_DEFAULT "urn:cdcf:risk"
#define URN_MAX_BYTES 4096 /* one urn: ids and refs are short, a library urn is the file's */

const struct mapping_set *mapping_find_directed(const char *source, const char *target)
{
	const struct mapping_set *const *sets;
	size_t n, i;

	if (!source || !target || mapping_registry(&sets, &n, NULL))
		return NULL;
	for (i = 0; i < n; i++)
		if (!strcmp(sets[i]->source_fw, source) && !strcmp(sets[i]->target_fw, target))
			return sets[i];
	return NULL;
}

/* The part of a library urn before ":library:" ("urn:intuitem:risk"), as a
 * length into urn; the default prefix when urn has none. */
static void urn_prefix(const char *urn, const char **prefix, size_t *len)
{
	const char *at = urn && !strncmp(urn, "urn:", 4) ? strstr(urn, ":library:") : NULL;

	*prefix = at ? urn : URN_PREFIX_DEFAULT;
	*len = at ? (size_t)(at - urn) : strlen(URN_PREFIX_DEFAULT);
}

/* A new JSON string PREFIX:KIND:ID[:REF], PREFIX the one of fw's library urn. */
static json_t *made_urn(const struct framework *fw, const char *kind, const char *id,
			const char *ref)
{
	const char *prefix;
	struct buf b;
	json_t *v;
	size_t len;

	urn_prefix(fw ? fw->urn : NULL, &prefix, &len);
	buf_init(&b, URN_MAX_BYTES);
	buf_add(&b, prefix, len);
	buf_printf(&b, ":%s:%s", kind, id);
	if (ref)
		buf_printf(&b, ":%s", ref);
	v = buf_status(&b) ? NULL : json_stringn(b.data, b.len);
	buf_release(&b);
	return v;
}

/* Does urn name a node of framework id the way the mapping reader reads it
 * ("...:req_node:ID:ref")? */
static int names_node(const char *urn, const char *id)
{
	const char *p = urn && !strncmp(urn, "urn:", 4) ? strstr(urn, ":req_node:") : NULL;
	size_t n = strlen(id);

	if (!p)
		return 0;
	p += strlen(":req_node:");
	return !strncmp(p, id, n) && p[n] == ':' && p[n + 1];
}

/* The urn of requirement ref of framework id (fw: NULL when not registered). */
static json_t *requirement_urn(const struct framework *fw, const char *id, const char *ref)
{
	int k = fw ? framework_find(fw, ref) : -1;

	if (k >= 0 && names_node(fw->nodes[k].urn, id))
		return json_string(fw->nodes[k].urn);
	return made_urn(fw, "req_node", id, ref);
}

static void set_str(json_t *o, const char *key, const char *v)
{
	if (v && *v)
		json_object_set_new(o, key, json_string(v));
}

json_t *mapping_ciso_json(const struct mapping_set *m)
{
	const struct framework *fs = catalog_get(m->source_fw), *ft = catalog_get(m->target_fw);
	const char *urn = mapping_registry_urn(m);
	json_t *lib = json_object(), *set = json_object(), *rows = json_array(), *deps, *ext;
	size_t i;

	json_object_set_new(lib, "urn",
			    urn ? json_string(urn) : made_urn(NULL, "library", m->id, NULL));
	json_object_set_new(lib, "locale", json_string("en"));
	json_object_set_new(lib, "ref_id", json_string(m->id));
	json_object_set_new(lib, "name", json_string(m->name_en));
	json_object_set_new(lib, "description", json_string(m->name_en));
	json_object_set_new(lib, "version", json_integer(1));
	json_object_set_new(lib, "packager", json_string("cdcf"));
	deps = json_array();
	if (fs && fs->urn && *fs->urn)
		json_array_append_new(deps, json_string(fs->urn));
	if (ft && ft->urn && *ft->urn)
		json_array_append_new(deps, json_string(ft->urn));
	json_object_set_new(lib, "dependencies", deps);
	ext = json_pack("{s:s}", "id", m->id);
	set_str(ext, "name_ja", m->name_ja);
	if (m->ours)
		json_object_set_new(ext, "judgement", json_string("cdcf"));
	json_object_set_new(lib, "cdcf", ext);

	json_object_set_new(set, "urn", made_urn(fs, "requirement_mapping_set", m->id, NULL));
	json_object_set_new(set, "ref_id", json_string(m->id));
	json_object_set_new(set, "name", json_string(m->name_en));
	json_object_set_new(set, "source_framework_urn",
			    made_urn(fs, "framework", m->source_fw, NULL));
	json_object_set_new(set, "target_framework_urn",
			    made_urn(ft, "framework", m->target_fw, NULL));
	for (i = 0; i < m->n_rows; i++) {
		const struct mapping_row *r = &m->rows[i];
		json_t *o = json_object();

		json_object_set_new(o, "source_requirement_urn",
				    requirement_urn(fs, m->source_fw, r->source_ref));
		json_object_set_new(o, "target_requirement_urn",
				    requirement_urn(ft, m->target_fw, r->target_ref));
		json_object_set_new(o, "relationship", json_string(mapping_rel_name(r->rel)));
		json_object_set_new(o, "rationale", json_string(r->rationale ? r->rationale : ""));
		json_array_append_new(rows, o);
	}
	json_object_set_new(set, "requirement_mappings", rows);
	json_object_set_new(lib, "objects", json_pack("{s:o}", "requirement_mapping_set", set));
	return lib;
}

int mapping_ciso_yaml(const struct mapping_set *m, struct buf *out, struct err *e)
{
	json_t *doc = mapping_ciso_json(m);
	int rc = yaml_doc_emit(doc, out, e);

	json_decref(doc);
	return rc;
}
