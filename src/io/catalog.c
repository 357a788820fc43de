/*
 * catalog.c - CISO Assistant library (json tree) -> struct framework. See
 * catalog.h for the format and contract; the registry of shipped catalogues
 * is in catalog_registry.c, rubrics and presets in catalog_rubric.c.
 *
 * Reading is two passes over requirement_nodes: the first copies each node
 * and indexes urns and ref_ids (duplicates fail), the second links parents,
 * computes depths (refusing cycles) and derives kinds.
 */
#include "io/catalog.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/catalog_int.h"
#include "io/yaml_doc.h"
#include "util/xalloc.h"

/* Last ':'-separated segment of a urn ("urn:x:risk:library:nist-csf-2.0" -> "nist-csf-2.0"). */
static const char *urn_tail(const char *urn)
{
	const char *s = strrchr(urn, ':');

	return s ? s + 1 : urn;
}

static int valid_id(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-' ||
		      *s == '.' || *s == '_'))
			return 0;
	return 1;
}

/* ---- nodes --------------------------------------------------------------- */

/* Name used in messages: "node 'A-3'", else "node '<urn>'", else "node #N". */
static void node_where(char *buf, size_t n, const json_t *node, size_t i)
{
	const json_t *ref = json_object_get(node, "ref_id"), *urn = json_object_get(node, "urn");

	if (json_is_string(ref) && json_string_length(ref))
		snprintf(buf, n, "node '%s'", json_string_value(ref));
	else if (json_is_string(urn))
		snprintf(buf, n, "node '%s'", json_string_value(urn));
	else
		snprintf(buf, n, "node #%zu", i + 1);
}

/* A display name for a node without one: the first line of its description. */
static char *name_from_description(const char *desc)
{
	size_t n = strcspn(desc, "\n"), cut = 117;
	char *s;

	if (n <= 120)
		return xstrndup(desc, n);
	while (cut > 0 && ((unsigned char)desc[cut] & 0xC0) == 0x80)
		cut--; /* do not split a UTF-8 sequence */
	s = xmalloc(cut + 4);
	memcpy(s, desc, cut);
	memcpy(s + cut, "...", 4);
	return s;
}

static int read_node_ext(struct catalog_ctx *c, const json_t *ext, const char *where,
			 struct fw_node *n, int *kind)
{
	const char *s;
	const json_t *q;
	long long v;
	int present, rc;

	rc = catalog_get_str(c, ext, "kind", where, &s);
	if (rc)
		return rc;
	if (s) {
		*kind = node_kind_parse(s);
		if (*kind < 0)
			return catalog_fail(c, where, MSG_E_CAT_UNKNOWN_KIND, s);
	}
	rc = catalog_get_str(c, ext, "status", where, &s);
	if (rc)
		return rc;
	if (s && !strcmp(s, "provisional"))
		n->status = STATUS_PROVISIONAL;
	else if (s && strcmp(s, "verified"))
		return catalog_fail(c, where, MSG_E_CAT_STATUS, s);
	rc = catalog_get_str(c, ext, "source", where, &s);
	if (!rc && s)
		n->source_note = xstrdup(s);
	if (!rc)
		rc = catalog_get_str(c, ext, "name_ja", where, &s);
	if (!rc && s && *s) {
		free(n->name_ja);
		n->name_ja = xstrdup(s);
	}
	if (!rc)
		rc = catalog_get_str(c, ext, "description_ja", where, &s);
	if (!rc && s && *s) {
		free(n->description_ja);
		n->description_ja = xstrdup(s);
	}
	if (!rc)
		rc = catalog_get_bool(c, ext, "management", where, &n->management);
	if (!rc)
		rc = catalog_get_obj(c, ext, "quadrant", where, &q);
	if (rc || !q)
		return rc;
	rc = catalog_get_int(c, q, "skill", where, &v, &present);
	if (rc)
		return rc;
	if (!present || v < 0 || v > 100)
		return catalog_fail(c, where, MSG_E_CAT_QUADRANT_SKILL);
	n->quadrant.skill = (int)v;
	rc = catalog_get_int(c, q, "info", where, &v, &present);
	if (rc)
		return rc;
	if (!present || v < 0 || v > 100)
		return catalog_fail(c, where, MSG_E_CAT_QUADRANT_INFO);
	n->quadrant.info = (int)v;
	return 0;
}

/*
 * First pass over one node: copy its fields. parent_urns[i] keeps the
 * borrowed parent urn, depths[i] the given depth (0 if none), kinds[i] the
 * declared kind (-1 if none).
 */
static int read_node(struct catalog_ctx *c, const json_t *jn, size_t i, int is_cdcf,
		     struct fw_node *n, const char **parent_urn, long long *depth, int *kind)
{
	const char *urn, *ref, *name, *desc;
	const json_t *ext;
	char where[200];
	int present, rc;

	node_where(where, sizeof(where), jn, i);
	if (!json_is_object(jn))
		return catalog_fail(c, where, MSG_E_CAT_MUST_BE_MAPPING);
	n->parent = -1;
	n->quadrant.skill = n->quadrant.info = -1;
	*kind = -1;
	*depth = 0;
	rc = catalog_need_str(c, jn, "urn", where, &urn);
	if (!rc)
		rc = is_cdcf ? catalog_need_str(c, jn, "ref_id", where, &ref)
			     : catalog_get_str(c, jn, "ref_id", where, &ref);
	if (!rc)
		rc = catalog_get_str(c, jn, "name", where, &name);
	if (!rc)
		rc = catalog_get_str(c, jn, "description", where, &desc);
	if (!rc)
		rc = catalog_get_str(c, jn, "parent_urn", where, parent_urn);
	if (!rc)
		rc = catalog_get_bool(c, jn, "assessable", where, &n->assessable);
	if (!rc)
		rc = catalog_get_int(c, jn, "depth", where, depth, &present);
	if (!rc)
		rc = catalog_get_obj(c, jn, "cdcf", where, &ext);
	if (rc)
		return rc;
	if (!ref || !*ref)
		ref = urn_tail(urn);
	if (!*ref)
		return catalog_fail(c, where, MSG_E_CAT_NO_REF);
	n->urn = xstrdup(urn);
	n->ref_id = xstrdup(ref);
	if (name && *name)
		n->name_en = xstrdup(name);
	else if (desc && *desc)
		n->name_en = name_from_description(desc);
	else
		n->name_en = xstrdup(ref);
	n->description_en = desc && *desc ? xstrdup(desc) : NULL;
	n->name_ja = xstrdup(catalog_ja_translation(jn, "name"));
	n->description_ja = xstrdup(catalog_ja_translation(jn, "description"));
	n->status = STATUS_VERIFIED;
	if (ext)
		return read_node_ext(c, ext, where, n, kind);
	return 0;
}

/* Second pass: parents, depths (no cycles), kinds. */
static int link_nodes(struct catalog_ctx *c, struct framework *fw, const struct strmap *urns,
		      const char **parent_urns, const long long *given_depth, const int *kinds)
{
	size_t n = fw->n_nodes, i, len;
	int *path = xmalloc(n * sizeof(*path));
	int rc = 0;

	for (i = 0; i < n; i++) {
		fw->nodes[i].depth = 0;
		if (!parent_urns[i] || !*parent_urns[i])
			continue;
		fw->nodes[i].parent = strmap_get(urns, parent_urns[i]);
		if (fw->nodes[i].parent < 0) {
			rc = catalog_fail(c, NULL, MSG_E_CAT_PARENT_UNRESOLVED, fw->nodes[i].ref_id,
					  parent_urns[i]);
			goto out;
		}
	}
	/* depth 0 = unknown, -1 = on the current walk */
	for (i = 0; i < n; i++) {
		int j = (int)i, base;

		len = 0;
		while (j >= 0 && fw->nodes[j].depth == 0) {
			fw->nodes[j].depth = -1;
			path[len++] = j;
			j = fw->nodes[j].parent;
		}
		if (j >= 0 && fw->nodes[j].depth < 0) {
			rc = catalog_fail(c, NULL, MSG_E_CAT_PARENT_CYCLE, fw->nodes[j].ref_id);
			goto out;
		}
		base = j < 0 ? 0 : fw->nodes[j].depth;
		while (len > 0)
			fw->nodes[path[--len]].depth = ++base;
	}
	for (i = 0; i < n; i++) {
		struct fw_node *nd = &fw->nodes[i];

		if (given_depth[i] && given_depth[i] != nd->depth) {
			rc = catalog_fail(c, NULL, MSG_E_CAT_DEPTH, nd->ref_id, given_depth[i],
					  nd->depth);
			goto out;
		}
		if (kinds[i] >= 0)
			nd->kind = (enum node_kind)kinds[i];
		else if (nd->assessable)
			nd->kind = NODE_SERVICE;
		else
			nd->kind = nd->depth == 1 ? NODE_CATEGORY : NODE_FUNCTION;
	}
out:
	free(path);
	return rc;
}

static int read_nodes(struct catalog_ctx *c, const json_t *list, int is_cdcf, struct framework *fw,
		      struct strmap *urns, struct strmap *refs)
{
	size_t n = json_array_size(list), i;
	const char **parent_urns;
	long long *depths;
	int *kinds;
	int rc = 0;

	if ((long long)n > INT32_MAX)
		return catalog_fail(c, "framework", MSG_E_CAT_TOO_MANY_NODES);
	fw->nodes = xcalloc(n, sizeof(*fw->nodes));
	parent_urns = xcalloc(n, sizeof(*parent_urns));
	depths = xcalloc(n, sizeof(*depths));
	kinds = xcalloc(n, sizeof(*kinds));
	strmap_init(urns, n);
	strmap_init(refs, n);
	for (i = 0; i < n && !rc; i++) {
		struct fw_node *nd = &fw->nodes[i];
		int dup;

		rc = read_node(c, json_array_get(list, i), i, is_cdcf, nd, &parent_urns[i],
			       &depths[i], &kinds[i]);
		fw->n_nodes = i + 1; /* so framework_release frees what was copied */
		if (rc)
			break;
		dup = strmap_put(urns, nd->urn, (int)i);
		if (dup >= 0)
			rc = catalog_fail(c, NULL, MSG_E_CAT_URN_TWICE, nd->ref_id, nd->urn);
		dup = rc ? -1 : strmap_put(refs, nd->ref_id, (int)i);
		if (dup >= 0)
			rc = catalog_fail(c, NULL, MSG_E_CAT_REF_TWICE, nd->ref_id,
					  fw->nodes[dup].urn);
	}
	if (!rc)
		rc = link_nodes(c, fw, urns, parent_urns, depths, kinds);
	free(parent_urns);
	free(depths);
	free(kinds);
	return rc;
}

/* ---- library ------------------------------------------------------------- */

/* objects.framework, or the single entry of objects.frameworks; NULL if none. */
static int find_framework(struct catalog_ctx *c, const json_t *lib, const json_t **out)
{
	const json_t *objects = json_object_get(lib, "objects"), *f;

	*out = NULL;
	if (!json_is_object(objects))
		return catalog_fail(c, NULL, MSG_E_CAT_NO_OBJECTS);
	f = json_object_get(objects, "framework");
	if (!f)
		f = json_object_get(objects, "frameworks");
	if (json_is_array(f)) {
		if (json_array_size(f) != 1)
			return catalog_fail(c, NULL, MSG_E_CAT_FRAMEWORKS, json_array_size(f));
		f = json_array_get(f, 0);
	}
	if (f && !json_is_object(f))
		return catalog_fail(c, NULL, MSG_E_CAT_FRAMEWORK_MAPPING);
	*out = f;
	return 0;
}

static int read_header(struct catalog_ctx *c, const json_t *lib, const json_t *libext,
		       const json_t *fwo, struct framework *fw)
{
	const char *lurn, *lname, *furn, *fref, *fname, *s, *pub, *prov, *pack;
	const json_t *ver = json_object_get(lib, "version");
	char tmp[512];
	int rc;

	rc = catalog_need_str(c, lib, "urn", "library", &lurn);
	if (!rc)
		rc = catalog_get_str(c, lib, "name", "library", &lname);
	if (!rc)
		rc = catalog_need_str(c, fwo, "urn", "framework", &furn);
	if (!rc)
		rc = catalog_need_str(c, fwo, "ref_id", "framework", &fref);
	if (!rc)
		rc = catalog_get_str(c, fwo, "name", "framework", &fname);
	if (!rc)
		rc = catalog_get_str(c, lib, "publication_date", "library", &pub);
	if (!rc)
		rc = catalog_get_str(c, lib, "provider", "library", &prov);
	if (!rc)
		rc = catalog_get_str(c, lib, "packager", "library", &pack);
	if (rc)
		return rc;
	if (libext) {
		rc = catalog_need_str(c, libext, "id", "library: cdcf", &s);
		if (rc)
			return rc;
		if (!valid_id(s))
			return catalog_fail(c, "library: cdcf", MSG_E_CAT_ID, s);
		fw->id = xstrdup(s);
	} else {
		size_t i;
		fw->id = xstrdup(urn_tail(lurn));
		for (i = 0; fw->id[i]; i++)
			if (fw->id[i] >= 'A' && fw->id[i] <= 'Z')
				fw->id[i] = (char)(fw->id[i] - 'A' + 'a');
		if (!valid_id(fw->id))
			return catalog_fail(c, "library", MSG_E_CAT_DERIVE_ID, lurn);
	}
	fw->urn = xstrdup(lurn);
	fw->name_en = xstrdup(fname && *fname ? fname : lname && *lname ? lname : fref);
	s = NULL;
	if (libext)
		rc = catalog_get_str(c, libext, "name_ja", "library: cdcf", &s);
	if (rc)
		return rc;
	if (!s)
		s = catalog_ja_translation(fwo, "name");
	if (!s)
		s = catalog_ja_translation(lib, "name");
	fw->name_ja = s && *s ? xstrdup(s) : NULL;
	s = NULL;
	if (libext)
		rc = catalog_get_str(c, libext, "edition", "library: cdcf", &s);
	if (rc)
		return rc;
	fw->edition = xstrdup(s ? s : pub);
	if (json_is_integer(ver)) {
		snprintf(tmp, sizeof(tmp), "%" JSON_INTEGER_FORMAT, json_integer_value(ver));
		fw->version = xstrdup(tmp);
	} else if (json_is_string(ver)) {
		fw->version = xstrdup(json_string_value(ver));
	} else if (ver && !json_is_null(ver)) {
		return catalog_fail(c, "library", MSG_E_CAT_VERSION);
	}
	s = NULL;
	if (libext)
		rc = catalog_get_str(c, libext, "source_note", "library: cdcf", &s);
	if (rc)
		return rc;
	if (s) {
		fw->source_note = xstrdup(s);
	} else {
		snprintf(tmp, sizeof(tmp), "CISO Assistant library '%s'%s%s%s%s", lurn,
			 prov ? ", provider " : "", prov ? prov : "", pack ? ", packager " : "",
			 pack ? pack : "");
		fw->source_note = xstrdup(tmp);
	}
	return 0;
}

int catalog_from_json(const json_t *lib, const char *source_name, struct framework **out,
		      struct err *e)
{
	struct catalog_ctx c = {source_name ? source_name : "<library>", e};
	const json_t *fwo, *libext = NULL, *fwext = NULL, *nodes;
	struct strmap urns = {0}, refs = {0};
	struct framework *fw;
	int rc;

	*out = NULL;
	if (!json_is_object(lib))
		return catalog_fail(&c, NULL, MSG_E_CAT_LIBRARY_MAPPING);
	rc = catalog_get_obj(&c, lib, "cdcf", "library", &libext);
	if (!rc)
		rc = find_framework(&c, lib, &fwo);
	if (rc)
		return rc;
	if (!fwo)
		return catalog_fail(&c, NULL, MSG_E_CAT_NO_FRAMEWORK);
	rc = catalog_get_obj(&c, fwo, "cdcf", "framework", &fwext);
	if (rc)
		return rc;
	nodes = json_object_get(fwo, "requirement_nodes");
	if (!json_is_array(nodes) || !json_array_size(nodes))
		return catalog_fail(&c, "framework", MSG_E_CAT_NODES);

	fw = xcalloc(1, sizeof(*fw));
	rc = read_header(&c, lib, libext, fwo, fw);
	if (!rc)
		rc = read_nodes(&c, nodes, libext != NULL, fw, &urns, &refs);
	if (!rc)
		rc = catalog_read_rubrics(&c, fwo, fwext, fw);
	if (!rc)
		rc = catalog_read_assessment(&c, fwext, fw);
	if (!rc)
		rc = catalog_read_presets(&c, fwext, fw, &refs);
	strmap_release(&urns);
	if (rc) {
		strmap_release(&refs);
		framework_free(fw);
		return rc;
	}
	fw->ref_index = refs; /* its keys are the nodes' ref_ids, which live as long */
	*out = fw;
	return 0;
}

int catalog_load(const char *data, size_t len, const char *source_name, struct framework **out,
		 struct err *e)
{
	json_t *doc;
	int rc;

	*out = NULL;
	rc = yaml_doc_parse(data, len, source_name, &doc, e);
	if (rc)
		return rc;
	rc = catalog_from_json(doc, source_name, out, e);
	json_decref(doc);
	return rc;
}
