/*
 * mapping_lib.c - mapping libraries and the shipped mappings (mapping_lib.h).
 */
#include "io/mapping_lib.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "io/yaml_doc.h"
#include "util/embedded.h"
#include "util/xalloc.h"

/* The text after the last occurrence of key ("framework:") in urn, or NULL. */
static const char *urn_tail(const char *urn, const char *key)
{
	const char *p = urn ? strstr(urn, key) : NULL;

	if (!p || strncmp(urn, "urn:", 4))
		return NULL;
	p += strlen(key);
	return *p ? p : NULL;
}

/* The ref of a requirement-node urn of framework fw ("...:req_node:FW:REF"). */
static const char *node_ref(const char *urn, const char *fw)
{
	const char *p = urn_tail(urn, ":req_node:");
	size_t n = strlen(fw);

	if (!p || strncmp(p, fw, n) || p[n] != ':' || !p[n + 1])
		return NULL;
	return p + n + 1;
}

static const char *str_of(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static int row_from_json(const json_t *r, size_t i, const char *source_name, struct mapping_set *m,
			 struct err *e)
{
	struct mapping_row *row = &m->rows[m->n_rows];
	const char *src, *tgt, *rel, *why;
	int kind;

	src = node_ref(str_of(r, "source_requirement_urn"), m->source_fw);
	if (!src)
		return err_fail(e, ERR_INVALID, "source_requirement_urn", MSG_E_MAPPING_ROW,
				source_name, i, "source_requirement_urn");
	tgt = node_ref(str_of(r, "target_requirement_urn"), m->target_fw);
	if (!tgt)
		return err_fail(e, ERR_INVALID, "target_requirement_urn", MSG_E_MAPPING_ROW,
				source_name, i, "target_requirement_urn");
	rel = str_of(r, "relationship");
	kind = mapping_rel_parse(rel);
	if (kind < 0)
		return err_fail(e, ERR_INVALID, "relationship", MSG_E_MAPPING_ROW, source_name, i,
				"relationship");
	why = str_of(r, "rationale");
	row->source_ref = xstrdup(src);
	row->target_ref = xstrdup(tgt);
	row->rel = (enum mapping_rel)kind;
	row->rationale = xstrdup(why ? why : "");
	m->n_rows++;
	return 0;
}

int mapping_from_json(const json_t *lib, const char *source_name, struct mapping_set **out,
		      struct err *e)
{
	const json_t *objects = json_object_get(lib, "objects"), *set, *rows, *cdcf;
	const char *sfw, *tfw, *id;
	struct mapping_set *m;
	size_t i;
	int rc = 0;

	*out = NULL;
	set = json_object_get(objects, "requirement_mapping_set");
	if (!set)
		set = json_array_get(json_object_get(objects, "requirement_mapping_sets"), 0);
	if (!json_is_object(set))
		return err_fail(e, ERR_INVALID, "objects.requirement_mapping_set",
				MSG_E_MAPPING_FIELD, source_name,
				"objects.requirement_mapping_set");
	sfw = urn_tail(str_of(set, "source_framework_urn"), ":framework:");
	tfw = urn_tail(str_of(set, "target_framework_urn"), ":framework:");
	if (!sfw || !tfw)
		return err_fail(e, ERR_INVALID,
				sfw ? "target_framework_urn" : "source_framework_urn",
				MSG_E_MAPPING_FIELD, source_name,
				sfw ? "target_framework_urn" : "source_framework_urn");
	rows = json_object_get(set, "requirement_mappings");
	if (!json_is_array(rows))
		return err_fail(e, ERR_INVALID, "requirement_mappings", MSG_E_MAPPING_FIELD,
				source_name, "requirement_mappings");
	if (json_array_size(rows) > MAPPING_MAX_ROWS)
		return err_fail(e, ERR_TOO_LARGE, "requirement_mappings", MSG_E_MAPPING_TOO_LARGE,
				source_name, MAPPING_MAX_ROWS);
	id = str_of(lib, "ref_id");
	if (!id)
		id = str_of(set, "ref_id");
	if (!id)
		return err_fail(e, ERR_INVALID, "ref_id", MSG_E_MAPPING_FIELD, source_name,
				"ref_id");
	m = xcalloc(1, sizeof(*m));
	m->id = xstrdup(id);
	m->name_en = xstrdup(str_of(set, "name") ? str_of(set, "name") : id);
	cdcf = json_object_get(lib, "cdcf");
	m->name_ja = xstrdup(str_of(cdcf, "name_ja"));
	m->ours = !strcmp(str_of(cdcf, "judgement") ? str_of(cdcf, "judgement") : "", "cdcf");
	m->source_fw = xstrdup(sfw);
	m->target_fw = xstrdup(tfw);
	m->rows = xcalloc(json_array_size(rows) + 1, sizeof(*m->rows));
	for (i = 0; !rc && i < json_array_size(rows); i++)
		rc = row_from_json(json_array_get(rows, i), i, source_name, m, e);
	if (rc) {
		mapping_set_free(m);
		return rc;
	}
	*out = m;
	return 0;
}

static pthread_once_t registry_once = PTHREAD_ONCE_INIT;
static struct mapping_set **registry;
static size_t registry_n;
static struct err registry_err;
static int registry_rc;

static void registry_load(void)
{
	const struct embedded_file *f;
	size_t n = 0;
	json_t *doc;

	for (f = embedded_mappings; f->name; f++)
		n++;
	registry = xcalloc(n + 1, sizeof(*registry));
	for (f = embedded_mappings; f->name && !registry_rc; f++) {
		registry_rc =
		    yaml_doc_parse((const char *)f->data, f->size, f->name, &doc, &registry_err);
		if (registry_rc)
			break;
		registry_rc = mapping_from_json(doc, f->name, &registry[registry_n], &registry_err);
		json_decref(doc);
		if (!registry_rc)
			registry_n++;
	}
}

int mapping_registry(const struct mapping_set *const **sets, size_t *n, struct err *e)
{
	pthread_once(&registry_once, registry_load);
	*sets = (const struct mapping_set *const *)registry;
	*n = registry_n;
	if (registry_rc && e)
		*e = registry_err;
	return registry_rc;
}

const struct mapping_set *mapping_registry_find(const char *a, const char *b)
{
	const struct mapping_set *const *sets;
	size_t n, i;

	mapping_registry(&sets, &n, NULL);
	for (i = 0; i < n; i++)
		if ((!strcmp(sets[i]->source_fw, a) && !strcmp(sets[i]->target_fw, b)) ||
		    (!strcmp(sets[i]->source_fw, b) && !strcmp(sets[i]->target_fw, a)))
			return sets[i];
	return NULL;
}
