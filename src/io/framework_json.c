#include "io/framework_json.h"

json_t *names_json(const char *en, const char *ja)
{
	return json_pack("{s:s, s:s?}", "en", en ? en : "", "ja", ja);
}

json_t *framework_summary_json(const struct framework *fw)
{
	size_t services = 0, verified = 0, j;

	for (j = 0; j < fw->n_nodes; j++) {
		if (!fw->nodes[j].assessable)
			continue;
		services++;
		verified += fw->nodes[j].status == STATUS_VERIFIED;
	}
	return json_pack("{s:s, s:o, s:s?, s:I, s:I, s:I, s:I}", "id", fw->id, "name",
			 names_json(fw->name_en, fw->name_ja), "edition", fw->edition, "nodes",
			 (json_int_t)fw->n_nodes, "services", (json_int_t)services, "verified",
			 (json_int_t)verified, "presets", (json_int_t)fw->n_presets);
}

json_t *framework_nodes_json(const struct framework *fw)
{
	json_t *nodes = json_array();
	size_t i;

	for (i = 0; i < fw->n_nodes; i++) {
		const struct fw_node *n = &fw->nodes[i];
		json_t *o = json_object();
		json_object_set_new(o, "ref_id", json_string(n->ref_id));
		json_object_set_new(o, "kind", json_string(node_kind_name(n->kind)));
		json_object_set_new(o, "parent",
				    n->parent >= 0 ? json_string(fw->nodes[n->parent].ref_id)
						   : json_null());
		json_object_set_new(
		    o, "status",
		    json_string(n->status == STATUS_VERIFIED ? "verified" : "provisional"));
		json_object_set_new(o, "assessable", json_boolean(n->assessable));
		json_object_set_new(o, "assessment",
				    n->assessment != ASSESS_NONE
					? json_string(assessment_name(n->assessment))
					: json_null());
		json_object_set_new(o, "name", names_json(n->name_en, n->name_ja));
		if (n->description_en)
			json_object_set_new(o, "description",
					    names_json(n->description_en, n->description_ja));
		if (n->source_note)
			json_object_set_new(o, "source", json_string(n->source_note));
		json_array_append_new(nodes, o);
	}
	return nodes;
}

json_t *rubric_json(const struct rubric *r)
{
	json_t *points = json_array();
	size_t i;

	for (i = 0; i < r->n_points; i++)
		json_array_append_new(
		    points,
		    json_pack("{s:i, s:o, s:o}", "score", r->points[i].score, "name",
			      names_json(r->points[i].name_en, r->points[i].name_ja), "criterion",
			      names_json(r->points[i].criterion_en, r->points[i].criterion_ja)));
	return json_pack("{s:o, s:i, s:i, s:b, s:o, s:o}", "title",
			 r->title_en ? names_json(r->title_en, r->title_ja) : json_null(), "min",
			 r->min_score, "max", r->max_score, "has_na", r->has_na, "na_criterion",
			 r->has_na ? names_json(r->na_criterion_en, r->na_criterion_ja)
				   : json_null(),
			 "points", points);
}

json_t *framework_presets_json(const struct framework *fw)
{
	json_t *arr = json_array();
	size_t i, k;

	for (i = 0; i < fw->n_presets; i++) {
		const struct preset *p = &fw->presets[i];
		json_t *levels = json_array();
		for (k = 0; k < p->n_levels; k++)
			json_array_append_new(levels,
					      json_pack("{s:s, s:s}", "ref", p->levels[k].ref_id,
							"level", p->levels[k].level));
		json_array_append_new(
		    arr,
		    json_pack("{s:s, s:o, s:o, s:o}", "id", p->id, "name",
			      names_json(p->name_en, p->name_ja), "description",
			      p->description_en ? names_json(p->description_en, p->description_ja)
						: json_null(),
			      "levels", levels));
	}
	return arr;
}

json_t *framework_scales_json(const struct framework *fw)
{
	json_t *o = json_object();
	int a;

	for (a = ASSESS_SERVICE; a < ASSESS_COUNT; a++)
		if (!assessment_has_sides(a) && fw->scale[a].n_points)
			json_object_set_new(o, assessment_name(a), rubric_json(&fw->scale[a]));
	return o;
}

json_t *framework_json(const struct framework *fw)
{
	json_t *j = framework_summary_json(fw);

	json_object_set_new(j, "version", fw->version ? json_string(fw->version) : json_null());
	json_object_set_new(j, "nodes", framework_nodes_json(fw));
	json_object_set_new(j, "rubrics",
			    json_pack("{s:o, s:o}", "insource",
				      rubric_json(&fw->rubric[SIDE_INSOURCE]), "outsource",
				      rubric_json(&fw->rubric[SIDE_OUTSOURCE])));
	json_object_set_new(j, "scales", framework_scales_json(fw));
	json_object_set_new(j, "custom_assessment",
			    json_string(assessment_name(fw->custom_assessment)));
	json_object_set_new(j, "presets", framework_presets_json(fw));
	return j;
}
