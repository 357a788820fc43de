/*
 * framework.c - lookups over an immutable framework tree (see framework.h).
 * Pure functions: no I/O, no globals beyond constant tables.
 */
#include "core/framework.h"

#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static const char *const kind_names[NODE_KIND_COUNT] = {
    [NODE_CATEGORY] = "category",	[NODE_AREA] = "area",
    [NODE_SERVICE] = "service",		[NODE_FUNCTION] = "function",
    [NODE_SUBFUNCTION] = "subfunction", [NODE_FOUNDATION] = "foundation",
    [NODE_PARAMETER] = "parameter",
};

const char *node_kind_name(enum node_kind k)
{
	if ((int)k < 0 || k >= NODE_KIND_COUNT)
		return "unknown";
	return kind_names[k];
}

int node_kind_parse(const char *s)
{
	int k;

	if (!s)
		return -1;
	for (k = 0; k < NODE_KIND_COUNT; k++)
		if (!strcmp(s, kind_names[k]))
			return k;
	return -1;
}

static const char *const assessment_names[ASSESS_COUNT] = {
    [ASSESS_SERVICE] = "service",
    [ASSESS_READINESS] = "readiness",
    [ASSESS_PARAMETER] = "parameter",
};

const char *assessment_name(enum assessment a)
{
	return (unsigned)a < ASSESS_COUNT ? assessment_names[a] : NULL;
}

int assessment_parse(const char *s)
{
	int a;

	for (a = ASSESS_SERVICE; s && a < ASSESS_COUNT; a++)
		if (!strcmp(s, assessment_names[a]))
			return a;
	return -1;
}

int assessment_has_sides(enum assessment a)
{
	return a != ASSESS_READINESS && a != ASSESS_PARAMETER;
}

const struct rubric *framework_scale(const struct framework *fw, enum assessment a, enum side s)
{
	if (a == ASSESS_READINESS || a == ASSESS_PARAMETER)
		return &fw->scale[a];
	return &fw->rubric[(unsigned)s < SIDE_COUNT ? s : SIDE_INSOURCE];
}

enum assessment framework_ref_assessment(const struct framework *fw, const char *ref)
{
	int i = framework_find(fw, ref);

	if (i >= 0 && fw->nodes[i].assessable && fw->nodes[i].assessment != ASSESS_NONE)
		return fw->nodes[i].assessment;
	return fw && fw->custom_assessment != ASSESS_NONE ? fw->custom_assessment : ASSESS_SERVICE;
}

int framework_find(const struct framework *fw, const char *ref_id)
{
	size_t i;

	if (!fw || !ref_id)
		return -1;
	if (fw->ref_index.cap)
		return strmap_get(&fw->ref_index, ref_id);
	for (i = 0; i < fw->n_nodes; i++)
		if (!strcmp(fw->nodes[i].ref_id, ref_id))
			return (int)i;
	return -1;
}

static int is_grouping(enum node_kind k)
{
	return k == NODE_CATEGORY || k == NODE_AREA || k == NODE_FOUNDATION;
}

/*
 * The top-level grouping a node belongs to: the root-most node on the path
 * from the node (itself included) to its root whose kind is category, area or
 * foundation. So A-3 -> A, 6.4.2 -> 6, OF.I.A -> OF, and a category is its own.
 * Callers rely on framework_category_of(fw, c) == c for a root category.
 * The walk is bounded by n_nodes so a malformed tree cannot loop.
 */
int framework_category_of(const struct framework *fw, int node)
{
	size_t steps;
	int p, found = -1;

	if (!fw || node < 0 || (size_t)node >= fw->n_nodes)
		return -1;
	p = node;
	for (steps = 0; p >= 0 && (size_t)p < fw->n_nodes && steps <= fw->n_nodes; steps++) {
		if (is_grouping(fw->nodes[p].kind))
			found = p;
		p = fw->nodes[p].parent;
	}
	return found;
}

int rubric_accepts(const struct rubric *r, int score)
{
	if (!r)
		return 0;
	if (score == SCORE_NA)
		return r->has_na;
	return score >= r->min_score && score <= r->max_score;
}

const struct rubric_point *rubric_point(const struct rubric *r, int score)
{
	size_t i;

	if (!r)
		return NULL;
	for (i = 0; i < r->n_points; i++)
		if (r->points[i].score == score)
			return &r->points[i];
	return NULL;
}

const struct preset *framework_preset(const struct framework *fw, const char *id)
{
	size_t i;

	if (!fw || !id)
		return NULL;
	for (i = 0; i < fw->n_presets; i++)
		if (!strcmp(fw->presets[i].id, id))
			return &fw->presets[i];
	return NULL;
}

/* The name in lang of a thing named in English and maybe Japanese. */
static const char *local_name(const char *name_en, const char *name_ja, const char *lang)
{
	/* "ja", "ja-JP", "ja_JP.UTF-8" all ask for Japanese. */
	if (lang && lang[0] == 'j' && lang[1] == 'a' &&
	    (lang[2] == '\0' || lang[2] == '-' || lang[2] == '_') && name_ja && name_ja[0])
		return name_ja;
	return name_en;
}

const char *rubric_title(const struct rubric *r, const char *lang)
{
	return r->title_en ? local_name(r->title_en, r->title_ja, lang) : NULL;
}

const char *fw_node_name(const struct fw_node *n, const char *lang)
{
	return n ? local_name(n->name_en, n->name_ja, lang) : NULL;
}

const char *framework_name(const struct framework *fw, const char *lang)
{
	return fw ? local_name(fw->name_en, fw->name_ja, lang) : NULL;
}

const char *preset_name(const struct preset *pr, const char *lang)
{
	return pr ? local_name(pr->name_en, pr->name_ja, lang) : NULL;
}

const char *preset_description(const struct preset *pr, const char *lang)
{
	return pr ? local_name(pr->description_en, pr->description_ja, lang) : NULL;
}

static void node_release(struct fw_node *n)
{
	XFREE(&n->ref_id);
	XFREE(&n->urn);
	XFREE(&n->name_en);
	XFREE(&n->name_ja);
	XFREE(&n->description_en);
	XFREE(&n->description_ja);
	XFREE(&n->source_note);
}

static void rubric_release(struct rubric *r)
{
	size_t i;

	for (i = 0; i < r->n_points; i++) {
		XFREE(&r->points[i].name_en);
		XFREE(&r->points[i].name_ja);
		XFREE(&r->points[i].criterion_en);
		XFREE(&r->points[i].criterion_ja);
	}
	XFREE(&r->points);
	XFREE(&r->na_criterion_en);
	XFREE(&r->na_criterion_ja);
	XFREE(&r->title_en);
	XFREE(&r->title_ja);
	memset(r, 0, sizeof(*r));
}

static void preset_release(struct preset *p)
{
	size_t i;

	for (i = 0; i < p->n_levels; i++) {
		XFREE(&p->levels[i].ref_id);
		XFREE(&p->levels[i].level);
	}
	XFREE(&p->levels);
	XFREE(&p->id);
	XFREE(&p->name_en);
	XFREE(&p->name_ja);
	XFREE(&p->description_en);
	XFREE(&p->description_ja);
}

void framework_release(struct framework *fw)
{
	size_t i;
	int s;

	if (!fw)
		return;
	for (i = 0; i < fw->n_nodes; i++)
		node_release(&fw->nodes[i]);
	XFREE(&fw->nodes);
	for (s = 0; s < SIDE_COUNT; s++)
		rubric_release(&fw->rubric[s]);
	for (s = 0; s < ASSESS_COUNT; s++)
		rubric_release(&fw->scale[s]);
	for (i = 0; i < fw->n_presets; i++)
		preset_release(&fw->presets[i]);
	XFREE(&fw->presets);
	XFREE(&fw->id);
	XFREE(&fw->urn);
	XFREE(&fw->name_en);
	XFREE(&fw->name_ja);
	XFREE(&fw->edition);
	XFREE(&fw->version);
	XFREE(&fw->source_note);
	strmap_release(&fw->ref_index);
	memset(fw, 0, sizeof(*fw));
}

void framework_free(struct framework *fw)
{
	if (!fw)
		return;
	framework_release(fw);
	free(fw);
}
