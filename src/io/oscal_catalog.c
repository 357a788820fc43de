/*
 * oscal_catalog.c - a framework as an OSCAL catalog and back (see oscal.h).
 *
 * Export: nodes that are not assessable (categories, areas) become groups,
 * assessable nodes and the nodes below them controls (nested controls for
 * functions). Ids are OSCAL tokens made from the ref_id ("6.4.2" becomes
 * "n6.4.2"); the ref_id itself is the "label" prop. A node's names and
 * descriptions: title (English), a "statement" part with the English
 * description, and Japanese in props name-ja / description-ja (cdcf ns).
 *
 * Import: the reverse, as a CISO Assistant library handed to
 * catalog_from_json, which checks it like any other library.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/level.h"
#include "io/catalog.h"
#include "io/oscal.h"
#include "io/oscal_int.h"
#include "util/buf.h"
#include "util/xalloc.h"

/* A group or control for node i and, recursively, its children. */
static json_t *node_json(const struct framework *fw, size_t i, int under_control)
{
	const struct fw_node *n = &fw->nodes[i];
	int control = under_control || n->assessable || n->kind == NODE_SERVICE;
	json_t *o = json_object(), *props = json_array(), *kids = json_array(),
	       *groups = json_array();
	char *tok = oscal_token(n->ref_id), num[16];
	size_t j;

	json_object_set_new(o, "id", json_string(tok));
	json_object_set_new(o, "class", json_string(node_kind_name(n->kind)));
	oscal_set_line(o, "title", n->name_en, n->ref_id);
	free(tok);
	oscal_prop(props, "label", n->ref_id, 0);
	oscal_prop(props, "kind", node_kind_name(n->kind), 1);
	oscal_prop(props, "status", n->status == STATUS_PROVISIONAL ? "provisional" : "verified",
		   1);
	oscal_prop(props, "assessable", n->assessable ? "true" : "false", 1);
	if (n->assessable)
		oscal_prop(props, "assessment", assessment_name(n->assessment), 1);
	oscal_prop(props, "name-ja", n->name_ja, 1);
	oscal_prop(props, "description-ja", n->description_ja, 1);
	if (n->quadrant.skill >= 0 && n->quadrant.info >= 0) {
		snprintf(num, sizeof(num), "%d", n->quadrant.skill);
		oscal_prop(props, "quadrant-skill", num, 1);
		snprintf(num, sizeof(num), "%d", n->quadrant.info);
		oscal_prop(props, "quadrant-info", num, 1);
	}
	if (n->management)
		oscal_prop(props, "management", "true", 1);
	oscal_prop(props, "urn", n->urn, 1);
	oscal_set_props(o, props);
	if (n->description_en && *n->description_en) {
		char *pid = oscal_token(n->ref_id), id[600];

		snprintf(id, sizeof(id), "%s_smt", pid);
		free(pid);
		json_object_set_new(o, "parts",
				    json_pack("[{s:s, s:s, s:s}]", "id", id, "name", "statement",
					      "prose", n->description_en));
	}
	for (j = i + 1; j < fw->n_nodes; j++) {
		json_t *k;

		if (fw->nodes[j].parent != (int)i)
			continue;
		k = node_json(fw, j, control);
		if (json_object_get(k, "_control"))
			json_array_append_new(kids, k);
		else
			json_array_append_new(groups, k);
	}
	if (json_array_size(groups))
		json_object_set_new(o, "groups", groups);
	else
		json_decref(groups);
	if (json_array_size(kids))
		json_object_set_new(o, "controls", kids);
	else
		json_decref(kids);
	if (control)
		json_object_set_new(o, "_control", json_true());
	return o;
}

/* Drop the marker used while building, and turn a control under a group
 * list into the right list. */
static void strip_marks(json_t *o)
{
	json_t *arr;
	size_t i;

	json_object_del(o, "_control");
	arr = json_object_get(o, "groups");
	for (i = 0; i < json_array_size(arr); i++)
		strip_marks(json_array_get(arr, i));
	arr = json_object_get(o, "controls");
	for (i = 0; i < json_array_size(arr); i++)
		strip_marks(json_array_get(arr, i));
}

/* "06/2021" or "2021" -> an RFC 3339 time; the epoch when unknown. */
static void edition_time(const char *ed, char out[32])
{
	int m = 1, y = 1970;

	if (ed && sscanf(ed, "%d/%d", &m, &y) == 2 && m >= 1 && m <= 12 && y >= 1900 && y < 10000)
		snprintf(out, 32, "%04d-%02d-01T00:00:00Z", y, m);
	else if (ed && sscanf(ed, "%d", &y) == 1 && y >= 1900 && y < 10000)
		snprintf(out, 32, "%04d-01-01T00:00:00Z", y);
	else
		snprintf(out, 32, "1970-01-01T00:00:00Z");
}

json_t *oscal_catalog_json(const struct framework *fw)
{
	json_t *cat = json_object(), *meta = json_object(), *groups = json_array(),
	       *controls = json_array(), *props = json_array();
	char uuid[37], when[32];
	size_t i;

	oscal_uuid5(fw->urn ? fw->urn : fw->id, uuid);
	edition_time(fw->edition, when);
	json_object_set_new(cat, "uuid", json_string(uuid));
	oscal_set_line(meta, "title", fw->name_en, fw->id);
	json_object_set_new(meta, "last-modified", json_string(when));
	oscal_set_line(meta, "version", fw->version, "1");
	json_object_set_new(meta, "oscal-version", json_string(OSCAL_VERSION));
	oscal_prop(props, "framework-id", fw->id, 1);
	oscal_prop(props, "urn", fw->urn, 1);
	oscal_prop(props, "name-ja", fw->name_ja, 1);
	oscal_prop(props, "edition", fw->edition, 1);
	oscal_set_props(meta, props);
	if (fw->source_note && *fw->source_note)
		json_object_set_new(meta, "remarks", json_string(fw->source_note));
	json_object_set_new(cat, "metadata", meta);
	for (i = 0; i < fw->n_nodes; i++) {
		json_t *k;

		if (fw->nodes[i].parent >= 0)
			continue;
		k = node_json(fw, i, 0);
		if (json_object_get(k, "_control"))
			json_array_append_new(controls, k);
		else
			json_array_append_new(groups, k);
	}
	if (json_array_size(groups))
		json_object_set_new(cat, "groups", groups);
	else
		json_decref(groups);
	if (json_array_size(controls))
		json_object_set_new(cat, "controls", controls);
	else
		json_decref(controls);
	strip_marks(cat);
	return json_pack("{s:o}", "catalog", cat);
}
