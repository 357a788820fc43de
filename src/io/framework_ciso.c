/*
 * framework_ciso.c - a framework as a CISO Assistant library (see
 * framework_ciso.h).
 */
#include "io/framework_ciso.h"

#include <stdio.h>
#include <string.h>

#include "io/yaml_doc.h"

static void set_str(json_t *o, const char *key, const char *v)
{
	if (v && *v)
		json_object_set_new(o, key, json_string(v));
}

static json_t *ja(const char *name, const char *desc)
{
	json_t *t = json_object();

	set_str(t, "name", name);
	set_str(t, "description", desc);
	if (!json_object_size(t)) {
		json_decref(t);
		return NULL;
	}
	return json_pack("{s:o}", "ja", t);
}

json_t *framework_ciso_json(const struct framework *fw)
{
	json_t *lib = json_object(), *fwo = json_object(), *nodes = json_array(), *ext, *t;
	const struct rubric *r = &fw->rubric[SIDE_INSOURCE];
	char urn[512];
	size_t i;

	snprintf(urn, sizeof(urn), "urn:cdcf:risk:library:%s", fw->id);
	json_object_set_new(lib, "urn", json_string(fw->urn && *fw->urn ? fw->urn : urn));
	json_object_set_new(lib, "locale", json_string("en"));
	json_object_set_new(lib, "ref_id", json_string(fw->id));
	set_str(lib, "name", fw->name_en);
	set_str(lib, "version", fw->version);
	ext = json_pack("{s:s}", "id", fw->id);
	set_str(ext, "name_ja", fw->name_ja);
	set_str(ext, "edition", fw->edition);
	set_str(ext, "source_note", fw->source_note);
	json_object_set_new(lib, "cdcf", ext);
	snprintf(urn, sizeof(urn), "urn:cdcf:risk:framework:%s", fw->id);
	json_object_set_new(fwo, "urn", json_string(urn));
	json_object_set_new(fwo, "ref_id", json_string(fw->id));
	set_str(fwo, "name", fw->name_en);
	if (r->n_points) {
		json_t *defs = json_array();

		json_object_set_new(fwo, "min_score", json_integer(r->min_score));
		json_object_set_new(fwo, "max_score", json_integer(r->max_score));
		for (i = 0; i < r->n_points; i++) {
			const struct rubric_point *pt = &r->points[i];
			json_t *d = json_pack("{s:i}", "score", pt->score);

			set_str(d, "name", pt->name_en);
			set_str(d, "description", pt->criterion_en);
			if ((t = ja(pt->name_ja, pt->criterion_ja)))
				json_object_set_new(d, "translations", t);
			json_array_append_new(defs, d);
		}
		json_object_set_new(fwo, "scores_definition", defs);
	}
	for (i = 0; i < fw->n_nodes; i++) {
		const struct fw_node *n = &fw->nodes[i];
		json_t *o = json_object(), *x;

		json_object_set_new(o, "urn", json_string(n->urn));
		json_object_set_new(o, "assessable", json_boolean(n->assessable));
		json_object_set_new(o, "depth", json_integer(n->depth));
		if (n->parent >= 0)
			json_object_set_new(o, "parent_urn", json_string(fw->nodes[n->parent].urn));
		json_object_set_new(o, "ref_id", json_string(n->ref_id));
		set_str(o, "name", n->name_en);
		set_str(o, "description", n->description_en);
		if ((t = ja(n->name_ja, n->description_ja)))
			json_object_set_new(o, "translations", t);
		x = json_pack("{s:s}", "kind", node_kind_name(n->kind));
		if (n->status == STATUS_PROVISIONAL)
			json_object_set_new(x, "status", json_string("provisional"));
		json_object_set_new(o, "cdcf", x);
		json_array_append_new(nodes, o);
	}
	json_object_set_new(fwo, "requirement_nodes", nodes);
	json_object_set_new(lib, "objects", json_pack("{s:o}", "framework", fwo));
	return lib;
}

int framework_ciso_yaml(const struct framework *fw, struct buf *out, struct err *e)
{
	json_t *lib = framework_ciso_json(fw);
	int rc = yaml_doc_emit(lib, out, e);

	json_decref(lib);
	return rc;
}
