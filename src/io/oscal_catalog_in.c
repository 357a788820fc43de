/*
 * oscal_catalog_in.c - an OSCAL catalog (JSON) as a framework (see oscal.h).
 *
 * The catalog is rewritten as a CISO Assistant library and handed to
 * catalog_from_json, so it is checked like every other library: groups
 * become nodes that are not assessable (categories), controls assessable
 * nodes (services) and controls inside controls functions. The ref_id is the
 * "label" prop when there is one, else the id; the title is the name and the
 * prose of the "statement" part (or the first part) the description. cdcf's
 * own props (OSCAL_NS: kind, status, name-ja, description-ja) are read back,
 * so a catalog cdcf exported imports as the same tree. The framework id is
 * the cdcf "framework-id" prop of the metadata, else "oscal-" and the first
 * eight digits of the catalog's uuid.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/catalog.h"
#include "io/oscal.h"
#include "util/xalloc.h"

#define OSCAL_MAX_NODES 100000

/* The value of the prop called name (in the cdcf ns when cdcf), or NULL. */
static const char *prop_of(const json_t *obj, const char *name, int cdcf)
{
	const json_t *props = json_object_get(obj, "props"), *p;
	size_t i;

	json_array_foreach (props, i, p) {
		const char *ns = json_string_value(json_object_get(p, "ns"));

		if (!json_is_string(json_object_get(p, "name")) ||
		    strcmp(json_string_value(json_object_get(p, "name")), name))
			continue;
		if (cdcf ? (ns && !strcmp(ns, OSCAL_NS)) : !ns)
			return json_string_value(json_object_get(p, "value"));
	}
	return NULL;
}

static const char *prose_of(const json_t *obj)
{
	const json_t *parts = json_object_get(obj, "parts"), *p;
	const char *first = NULL;
	size_t i;

	json_array_foreach (parts, i, p) {
		const char *name = json_string_value(json_object_get(p, "name"));
		const char *prose = json_string_value(json_object_get(p, "prose"));

		if (!prose)
			continue;
		if (name && !strcmp(name, "statement"))
			return prose;
		if (!first)
			first = prose;
	}
	return first;
}

struct walk {
	json_t *nodes;
	const char *base; /* framework urn */
	size_t count;
	int rc;
	struct err *e;
	const char *source;
};

static void add_items(struct walk *w, const json_t *list, const char *parent_urn, int control,
		      int depth);

static void add_item(struct walk *w, const json_t *item, const char *parent_urn, int control,
		     int depth)
{
	const char *id = json_string_value(json_object_get(item, "id"));
	const char *title = json_string_value(json_object_get(item, "title"));
	const char *label = prop_of(item, "label", 0), *ref, *kind, *v;
	json_t *n, *cdcf;
	size_t n_urn;
	char *urn;

	if (w->rc)
		return;
	if (!json_is_object(item) || !title) {
		w->rc = err_fail(w->e, ERR_INVALID, "title", MSG_E_OSCAL_NO_TITLE, id ? id : "?");
		return;
	}
	if (++w->count > OSCAL_MAX_NODES || depth > 32) {
		w->rc = err_fail(w->e, ERR_TOO_LARGE, NULL, MSG_E_OSCAL_TOO_MANY, OSCAL_MAX_NODES);
		return;
	}
	ref = label ? label : id;
	if (!ref) {
		w->rc = err_fail(w->e, ERR_INVALID, "id", MSG_E_OSCAL_NO_ID, title);
		return;
	}
	n_urn = strlen(w->base) + strlen(ref) + 2;
	urn = xmalloc(n_urn);
	snprintf(urn, n_urn, "%s:%s", w->base, ref);
	n = json_pack("{s:s, s:s, s:s}", "urn", urn, "ref_id", ref, "name", title);
	kind = prop_of(item, "kind", 1);
	if (!kind)
		kind = !control ? "category" : (parent_urn && control > 1 ? "function" : "service");
	json_object_set_new(n, "assessable",
			    json_boolean(!strcmp(kind, "service") ||
					 (prop_of(item, "assessable", 1) &&
					  !strcmp(prop_of(item, "assessable", 1), "true"))));
	if (parent_urn)
		json_object_set_new(n, "parent_urn", json_string(parent_urn));
	if ((v = prose_of(item)))
		json_object_set_new(n, "description", json_string(v));
	cdcf = json_pack("{s:s}", "kind", kind);
	if ((v = prop_of(item, "status", 1)))
		json_object_set_new(cdcf, "status", json_string(v));
	if ((v = prop_of(item, "name-ja", 1)))
		json_object_set_new(cdcf, "name_ja", json_string(v));
	if ((v = prop_of(item, "description-ja", 1)))
		json_object_set_new(cdcf, "description_ja", json_string(v));
	json_object_set_new(n, "cdcf", cdcf);
	json_array_append_new(w->nodes, n);
	add_items(w, json_object_get(item, "groups"), urn, 0, depth + 1);
	add_items(w, json_object_get(item, "controls"), urn, control ? control + 1 : 1, depth + 1);
	free(urn);
}

static void add_items(struct walk *w, const json_t *list, const char *parent_urn, int control,
		      int depth)
{
	const json_t *item;
	size_t i;

	if (list && !json_is_array(list) && !w->rc) {
		w->rc = err_fail(w->e, ERR_INVALID, NULL, MSG_E_OSCAL_NOT_LIST);
		return;
	}
	json_array_foreach (list, i, item)
		add_item(w, item, parent_urn, control, depth);
}

int oscal_catalog_load(const char *text, size_t len, const char *source_name,
		       struct framework **out, struct err *e)
{
	json_error_t jerr;
	json_t *doc, *cat, *meta, *lib = NULL;
	struct walk w = {0};
	const char *uuid, *title, *fid, *version;
	char id[64], *fw_urn = NULL, *lib_urn = NULL;
	int rc;

	*out = NULL;
	doc = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr);
	if (!doc) {
		err_fail(e, ERR_INVALID, NULL, MSG_E_JSON_SYNTAX, jerr.text);
		err_prefix(e, "%s:%d:%d", source_name, jerr.line, jerr.column);
		return ERR_INVALID;
	}
	cat = json_object_get(doc, "catalog");
	meta = json_object_get(cat, "metadata");
	uuid = json_string_value(json_object_get(cat, "uuid"));
	title = json_string_value(json_object_get(meta, "title"));
	if (!json_is_object(cat) || !uuid || strlen(uuid) < 8 || !title) {
		rc = err_fail(e, ERR_INVALID, "catalog", MSG_E_OSCAL_NOT_CATALOG);
		err_prefix(e, "%s", source_name);
		goto out;
	}
	fid = prop_of(meta, "framework-id", 1);
	if (fid && strlen(fid) < sizeof(id))
		snprintf(id, sizeof(id), "%s", fid);
	else
		snprintf(id, sizeof(id), "oscal-%.8s", uuid);
	lib_urn = xmalloc(strlen(id) + 32);
	snprintf(lib_urn, strlen(id) + 32, "urn:cdcf:risk:library:%s", id);
	fw_urn = xmalloc(strlen(id) + 32);
	snprintf(fw_urn, strlen(id) + 32, "urn:cdcf:risk:framework:%s", id);
	version = json_string_value(json_object_get(meta, "version"));
	w.nodes = json_array();
	w.base = fw_urn;
	w.e = e;
	add_items(&w, json_object_get(cat, "groups"), NULL, 0, 1);
	add_items(&w, json_object_get(cat, "controls"), NULL, 1, 1);
	if (w.rc) {
		json_decref(w.nodes);
		rc = w.rc;
		err_prefix(e, "%s", source_name);
		goto out;
	}
	lib = json_pack("{s:s, s:s, s:s, s:{s:s}, s:{s:{s:s, s:s, s:s, s:o}}}", "urn", lib_urn,
			"ref_id", id, "name", title, "cdcf", "id", id, "objects", "framework",
			"urn", fw_urn, "ref_id", id, "name", title, "requirement_nodes", w.nodes);
	if (version)
		json_object_set_new(lib, "version", json_string(version));
	if (prop_of(meta, "name-ja", 1))
		json_object_set_new(json_object_get(lib, "cdcf"), "name_ja",
				    json_string(prop_of(meta, "name-ja", 1)));
	rc = catalog_from_json(lib, source_name, out, e);
out:
	free(lib_urn);
	free(fw_urn);
	json_decref(lib);
	json_decref(doc);
	return rc;
}
