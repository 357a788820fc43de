/*
 * mapping.c - mappings between frameworks and the coverage rule (mapping.h).
 */
#include "core/mapping.h"

#include <stdlib.h>
#include <string.h>

#include "core/level.h"
#include "core/score.h"
#include "util/err.h"
#include "util/xalloc.h"

static const char *const rel_names[REL_COUNT] = {"equal", "subset", "superset", "intersect"};
static const char *const status_names[COVER_STATUS_COUNT] = {"not_covered", "partly_covered",
							     "covered"};
static const char *const state_names[SRC_STATE_COUNT] = {"met", "below_target", "not_assessed",
							 "not_selected"};

const char *mapping_rel_name(enum mapping_rel r)
{
	return r < REL_COUNT ? rel_names[r] : "";
}

int mapping_rel_parse(const char *s)
{
	int i;

	for (i = 0; s && i < REL_COUNT; i++)
		if (!strcmp(s, rel_names[i]))
			return i;
	return -1;
}

enum mapping_rel mapping_rel_reverse(enum mapping_rel r)
{
	return r == REL_SUBSET ? REL_SUPERSET : r == REL_SUPERSET ? REL_SUBSET : r;
}

const char *coverage_status_name(enum coverage_status s)
{
	return s < COVER_STATUS_COUNT ? status_names[s] : "";
}

const char *source_state_name(enum source_state s)
{
	return s < SRC_STATE_COUNT ? state_names[s] : "";
}

void mapping_set_release(struct mapping_set *m)
{
	size_t i;

	if (!m)
		return;
	for (i = 0; i < m->n_rows; i++) {
		free(m->rows[i].source_ref);
		free(m->rows[i].target_ref);
		free(m->rows[i].rationale);
	}
	free(m->rows);
	free(m->id);
	free(m->name_en);
	free(m->name_ja);
	free(m->source_fw);
	free(m->target_fw);
	memset(m, 0, sizeof(*m));
}

void mapping_set_free(struct mapping_set *m)
{
	mapping_set_release(m);
	free(m);
}

/* The state of the portfolio entry ref: the first half of the rule. */
static enum source_state source_state(const struct portfolio *p, const char *ref,
				      struct coverage_source *out)
{
	const struct entry *en = portfolio_find(p, ref);

	if (!en || en->level == LEVEL_NOT_REQUIRED)
		return SRC_NOT_SELECTED;
	out->has_figures =
	    !entry_figure(en, 0, &out->current) && !entry_figure(en, 1, &out->target);
	if (!entry_assessed(en) || !out->has_figures)
		return SRC_NOT_ASSESSED;
	return out->current >= out->target ? SRC_MET : SRC_BELOW_TARGET;
}

/* The second half: the node's status from its sources. */
static enum coverage_status node_status(const struct coverage_node *n)
{
	enum coverage_status s = COVER_NONE;
	size_t i;

	for (i = 0; i < n->n_sources; i++) {
		const struct coverage_source *src = &n->sources[i];
		if (src->state == SRC_MET && (src->rel == REL_EQUAL || src->rel == REL_SUPERSET))
			return COVER_FULL;
		if (src->state == SRC_MET || src->state == SRC_BELOW_TARGET)
			s = COVER_PARTLY;
	}
	return s;
}

int coverage_build(struct coverage *cov, const struct portfolio *p, const struct framework *other,
		   const struct mapping_set *m)
{
	int reversed;
	size_t i, k;

	memset(cov, 0, sizeof(*cov));
	if (!p->framework_id || !other->id)
		return ERR_INVALID;
	if (!strcmp(m->source_fw, p->framework_id) && !strcmp(m->target_fw, other->id))
		reversed = 0;
	else if (!strcmp(m->target_fw, p->framework_id) && !strcmp(m->source_fw, other->id))
		reversed = 1;
	else
		return ERR_INVALID;
	cov->p = p;
	cov->other = other;
	cov->nodes = xcalloc(other->n_nodes ? other->n_nodes : 1, sizeof(*cov->nodes));
	for (i = 0; i < other->n_nodes; i++) {
		const char *ref = other->nodes[i].ref_id;
		struct coverage_node *n;

		if (other->nodes[i].kind != NODE_SERVICE)
			continue;
		n = &cov->nodes[cov->n_nodes++];
		n->node = (int)i;
		n->sources = xcalloc(m->n_rows ? m->n_rows : 1, sizeof(*n->sources));
		for (k = 0; k < m->n_rows; k++) {
			const struct mapping_row *r = &m->rows[k];
			struct coverage_source *src;

			if (strcmp(reversed ? r->source_ref : r->target_ref, ref))
				continue;
			src = &n->sources[n->n_sources++];
			src->ref = reversed ? r->target_ref : r->source_ref;
			src->rel = reversed ? mapping_rel_reverse(r->rel) : r->rel;
			src->rationale = r->rationale;
			src->state = source_state(p, src->ref, src);
		}
		n->status = node_status(n);
		cov->count[n->status]++;
	}
	return 0;
}

void coverage_release(struct coverage *cov)
{
	size_t i;

	if (!cov)
		return;
	for (i = 0; i < cov->n_nodes; i++)
		free(cov->nodes[i].sources);
	free(cov->nodes);
	memset(cov, 0, sizeof(*cov));
}
