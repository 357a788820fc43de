/*
 * catalog_rubric.c - the rubrics (score scales with their criteria) and the
 * presets (recommendation levels per service) of a library's framework.
 * See catalog_int.h for the contract and catalog.h for the format.
 */
#include <stdio.h>
#include <string.h>

#include "io/catalog_int.h"
#include "util/xalloc.h"

/* ---- rubrics ------------------------------------------------------------- */

static int check_range(struct catalog_ctx *c, const char *where, long long min, long long max)
{
	if (min < 0 || max > 1000000)
		return catalog_fail(c, where, MSG_E_CAT_SCALE, min, max);
	if (min >= max)
		return catalog_fail(c, where, MSG_E_CAT_MIN_MAX, min, max);
	return 0;
}

/* Append the point p of a score list (a mapping with an integer score inside
 * the rubric's range, not defined before) to r, its other fields empty. */
static int add_point(struct catalog_ctx *c, struct rubric *r, size_t *cap, const char *where,
		     const json_t *p)
{
	long long score = 0;
	int present, rc;
	size_t i;

	if (!json_is_object(p))
		return catalog_fail(c, where, MSG_E_CAT_MUST_BE_MAPPING);
	rc = catalog_get_int(c, p, "score", where, &score, &present);
	if (rc)
		return rc;
	if (!present)
		return catalog_fail(c, where, MSG_E_CAT_MISSING, "score");
	if (score < r->min_score || score > r->max_score)
		return catalog_fail(c, where, MSG_E_CAT_SCORE_OUTSIDE, score, r->min_score,
				    r->max_score);
	for (i = 0; i < r->n_points; i++)
		if (r->points[i].score == score)
			return catalog_fail(c, where, MSG_E_CAT_SCORE_TWICE, score);
	r->points = xgrow(r->points, cap, r->n_points + 1, sizeof(*r->points));
	memset(&r->points[r->n_points], 0, sizeof(*r->points));
	r->points[r->n_points].score = (int)score;
	r->n_points++;
	return 0;
}

/* cdcf rubric object: {min, max, na: {en, ja}, points: [...]}. */
static int rubric_from_cdcf(struct catalog_ctx *c, const json_t *o, const char *where,
			    struct rubric *r)
{
	const json_t *points, *p;
	long long min = 0, max = 0;
	int has_min, has_max, rc;
	size_t i, cap = 0;
	char pw[160];

	rc = catalog_get_int(c, o, "min", where, &min, &has_min);
	if (!rc)
		rc = catalog_get_int(c, o, "max", where, &max, &has_max);
	if (rc)
		return rc;
	if (!has_min || !has_max)
		return catalog_fail(c, where, MSG_E_CAT_MIN_MAX_REQUIRED);
	rc = check_range(c, where, min, max);
	if (rc)
		return rc;
	r->min_score = (int)min;
	r->max_score = (int)max;
	rc = catalog_get_pair(c, o, "title", where, 0, &r->title_en, &r->title_ja);
	if (rc)
		return rc;
	if (json_object_get(o, "na") && !json_is_null(json_object_get(o, "na"))) {
		rc = catalog_get_pair(c, o, "na", where, 1, &r->na_criterion_en,
				      &r->na_criterion_ja);
		if (rc)
			return rc;
		r->has_na = 1;
	}
	points = json_object_get(o, "points");
	if (!json_is_array(points) || !json_array_size(points))
		return catalog_fail(c, where, MSG_E_CAT_POINTS);
	json_array_foreach (points, i, p) {
		snprintf(pw, sizeof(pw), "%s: point %zu", where, i + 1);
		rc = add_point(c, r, &cap, pw, p);
		if (!rc)
			rc = catalog_get_pair(c, p, "name", pw, 1,
					      &r->points[r->n_points - 1].name_en,
					      &r->points[r->n_points - 1].name_ja);
		if (!rc)
			rc = catalog_get_pair(c, p, "criterion", pw, 0,
					      &r->points[r->n_points - 1].criterion_en,
					      &r->points[r->n_points - 1].criterion_ja);
		if (rc)
			return rc;
	}
	return 0;
}

/* CISO Assistant min_score/max_score/scores_definition (list or {scale: [...]}). */
static int rubric_from_framework(struct catalog_ctx *c, const json_t *fwo, struct rubric *r)
{
	const json_t *def, *p;
	long long min = 0, max = 100;
	int present, rc;
	size_t i, cap = 0;
	char pw[64];

	rc = catalog_get_int(c, fwo, "min_score", "framework", &min, &present);
	if (!rc)
		rc = catalog_get_int(c, fwo, "max_score", "framework", &max, &present);
	if (!rc)
		rc = check_range(c, "framework", min, max);
	if (rc)
		return rc;
	r->min_score = (int)min;
	r->max_score = (int)max;
	def = json_object_get(fwo, "scores_definition");
	if (json_is_object(def))
		def = json_object_get(def, "scale");
	if (!def || json_is_null(def))
		return 0;
	if (!json_is_array(def))
		return catalog_fail(c, "framework", MSG_E_CAT_SCORES_DEFINITION);
	json_array_foreach (def, i, p) {
		const char *name, *desc;
		struct rubric_point *pt;

		snprintf(pw, sizeof(pw), "scores_definition %zu", i + 1);
		rc = add_point(c, r, &cap, pw, p);
		if (!rc)
			rc = catalog_get_str(c, p, "name", pw, &name);
		if (!rc)
			rc = catalog_get_str(c, p, "description", pw, &desc);
		if (rc)
			return rc;
		pt = &r->points[r->n_points - 1];
		pt->name_en = xstrdup(name ? name : desc);
		pt->name_ja = xstrdup(catalog_ja_translation(p, "name"));
		pt->criterion_en = xstrdup(desc);
		pt->criterion_ja = xstrdup(catalog_ja_translation(p, "description"));
	}
	return 0;
}

static void rubric_copy(struct rubric *dst, const struct rubric *src)
{
	size_t i;

	*dst = *src;
	dst->na_criterion_en = xstrdup(src->na_criterion_en);
	dst->na_criterion_ja = xstrdup(src->na_criterion_ja);
	dst->points = src->n_points ? xcalloc(src->n_points, sizeof(*dst->points)) : NULL;
	for (i = 0; i < src->n_points; i++) {
		dst->points[i].score = src->points[i].score;
		dst->points[i].name_en = xstrdup(src->points[i].name_en);
		dst->points[i].name_ja = xstrdup(src->points[i].name_ja);
		dst->points[i].criterion_en = xstrdup(src->points[i].criterion_en);
		dst->points[i].criterion_ja = xstrdup(src->points[i].criterion_ja);
	}
}

/* framework.cdcf.scales {readiness: rubric, parameter: rubric}: the one-sided
 * scales of the models that have no sides. */
static int read_scales(struct catalog_ctx *c, const json_t *fwext, struct framework *fw)
{
	const json_t *scales = NULL, *o;
	const char *key;
	char where[160];
	int rc = 0, a;

	if (fwext)
		rc = catalog_get_obj(c, fwext, "scales", "framework: cdcf", &scales);
	if (rc || !scales)
		return rc;
	json_object_foreach ((json_t *)scales, key, o) {
		snprintf(where, sizeof(where), "framework: cdcf: scales: %.60s", key);
		a = assessment_parse(key);
		if (a < 0 || assessment_has_sides(a))
			return catalog_fail(c, where, MSG_E_CAT_SCALE_MODEL, key);
		if (!json_is_object(o))
			return catalog_fail(c, where, MSG_E_CAT_MUST_BE_MAPPING);
		rc = rubric_from_cdcf(c, o, where, &fw->scale[a]);
		if (rc)
			return rc;
	}
	return 0;
}

int catalog_read_assessment(struct catalog_ctx *c, const json_t *fwext, struct framework *fw)
{
	const json_t *decl = NULL, *v;
	int model[NODE_KIND_COUNT], declared = 0, k, a, rc = 0;
	const char *key;
	size_t i;

	for (k = 0; k < NODE_KIND_COUNT; k++)
		model[k] = ASSESS_SERVICE;
	if (fwext)
		rc = catalog_get_obj(c, fwext, "assessment", "framework: cdcf", &decl);
	if (rc)
		return rc;
	if (decl) {
		declared = 1;
		for (k = 0; k < NODE_KIND_COUNT; k++)
			model[k] = -1;
		json_object_foreach ((json_t *)decl, key, v) {
			k = node_kind_parse(key);
			if (k < 0)
				return catalog_fail(c, "framework: cdcf: assessment",
						    MSG_E_CAT_UNKNOWN_KIND, key);
			a = json_is_string(v) ? assessment_parse(json_string_value(v)) : -1;
			if (a < 0)
				return catalog_fail(c, "framework: cdcf: assessment",
						    MSG_E_CAT_ASSESSMENT, key);
			if (!assessment_has_sides(a) && !fw->scale[a].n_points)
				return catalog_fail(c, "framework: cdcf: assessment",
						    MSG_E_CAT_ASSESSMENT_SCALE, key,
						    assessment_name(a));
			model[k] = a;
		}
	}
	fw->custom_assessment = ASSESS_NONE;
	for (i = 0; i < fw->n_nodes; i++) {
		struct fw_node *n = &fw->nodes[i];
		n->assessment = ASSESS_NONE;
		if (!n->assessable)
			continue;
		if (model[n->kind] < 0)
			return catalog_fail(c, "framework: cdcf: assessment",
					    MSG_E_CAT_ASSESSMENT_UNDECLARED, n->ref_id,
					    node_kind_name(n->kind));
		n->assessment = (enum assessment)model[n->kind];
		if (fw->custom_assessment == ASSESS_NONE && n->kind != NODE_FOUNDATION)
			fw->custom_assessment = n->assessment;
	}
	if (model[NODE_SERVICE] >= 0 &&
	    (!declared || fw->custom_assessment == ASSESS_NONE || json_object_get(decl, "service")))
		fw->custom_assessment = (enum assessment)model[NODE_SERVICE];
	if (fw->custom_assessment == ASSESS_NONE)
		fw->custom_assessment = ASSESS_SERVICE;
	return 0;
}

int catalog_read_rubrics(struct catalog_ctx *c, const json_t *fwo, const json_t *fwext,
			 struct framework *fw)
{
	const json_t *rubrics = NULL, *in = NULL, *outs = NULL;
	int rc = 0;

	if (fwext)
		rc = catalog_get_obj(c, fwext, "rubrics", "framework: cdcf", &rubrics);
	if (!rc && rubrics)
		rc = catalog_get_obj(c, rubrics, "insource", "framework: cdcf: rubrics", &in);
	if (!rc && rubrics)
		rc = catalog_get_obj(c, rubrics, "outsource", "framework: cdcf: rubrics", &outs);
	if (rc)
		return rc;
	if (rubrics && !in)
		return catalog_fail(c, "framework: cdcf: rubrics", MSG_E_CAT_MISSING, "insource");
	if (!in) {
		rc = read_scales(c, fwext, fw);
		if (!rc)
			rc = rubric_from_framework(c, fwo, &fw->rubric[SIDE_INSOURCE]);
		if (!rc)
			rubric_copy(&fw->rubric[SIDE_OUTSOURCE], &fw->rubric[SIDE_INSOURCE]);
		return rc;
	}
	rc = rubric_from_cdcf(c, in, "rubric 'insource'", &fw->rubric[SIDE_INSOURCE]);
	if (!rc)
		rc = read_scales(c, fwext, fw);
	if (rc)
		return rc;
	if (!outs) {
		rubric_copy(&fw->rubric[SIDE_OUTSOURCE], &fw->rubric[SIDE_INSOURCE]);
		return 0;
	}
	return rubric_from_cdcf(c, outs, "rubric 'outsource'", &fw->rubric[SIDE_OUTSOURCE]);
}

/* ---- presets ------------------------------------------------------------- */

static int valid_level(const char *s)
{
	static const char *const levels[] = {"not_required", "basic", "standard", "advanced",
					     "optional"};
	size_t i;

	for (i = 0; i < sizeof(levels) / sizeof(levels[0]); i++)
		if (!strcmp(s, levels[i]))
			return 1;
	return 0;
}

int catalog_read_presets(struct catalog_ctx *c, const json_t *fwext, struct framework *fw,
			 const struct strmap *refs)
{
	const json_t *list = fwext ? json_object_get(fwext, "presets") : NULL, *p, *levels, *lv;
	const char *id, *ref;
	char where[160];
	size_t i, j;
	int rc;

	if (!list || json_is_null(list))
		return 0;
	if (!json_is_array(list))
		return catalog_fail(c, "framework: cdcf", MSG_E_CAT_PRESETS);
	fw->presets = xcalloc(json_array_size(list) + 1, sizeof(*fw->presets));
	json_array_foreach (list, i, p) {
		struct preset *ps = &fw->presets[i];

		snprintf(where, sizeof(where), "preset %zu", i + 1);
		if (!json_is_object(p))
			return catalog_fail(c, where, MSG_E_CAT_MUST_BE_MAPPING);
		rc = catalog_need_str(c, p, "id", where, &id);
		if (rc)
			return rc;
		snprintf(where, sizeof(where), "preset '%s'", id);
		if (framework_preset(fw, id))
			return catalog_fail(c, where, MSG_E_CAT_DEFINED_TWICE);
		ps->id = xstrdup(id);
		fw->n_presets++;
		rc = catalog_get_pair(c, p, "name", where, 0, &ps->name_en, &ps->name_ja);
		if (!rc)
			rc = catalog_get_pair(c, p, "description", where, 0, &ps->description_en,
					      &ps->description_ja);
		if (!rc)
			rc = catalog_get_obj(c, p, "levels", where, &levels);
		if (rc)
			return rc;
		if (!ps->name_en)
			ps->name_en = xstrdup(id);
		if (!levels)
			continue;
		ps->levels = xcalloc(json_object_size(levels) + 1, sizeof(*ps->levels));
		j = 0;
		json_object_foreach ((json_t *)levels, ref, lv) {
			int idx = strmap_get(refs, ref);

			if (idx < 0)
				return catalog_fail(c, where, MSG_E_CAT_NOT_A_NODE, ref);
			if (!fw->nodes[idx].assessable)
				return catalog_fail(c, where, MSG_E_CAT_NOT_ASSESSABLE, ref);
			if (!json_is_string(lv) || !valid_level(json_string_value(lv)))
				return catalog_fail(c, where, MSG_E_CAT_PRESET_LEVEL, ref);
			ps->levels[j].ref_id = xstrdup(ref);
			ps->levels[j].level = xstrdup(json_string_value(lv));
			ps->n_levels = ++j;
		}
	}
	return 0;
}
