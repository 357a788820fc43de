#include "core/score.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"

static int side_value(const struct entry *e, int s, int which, int *v)
{
	int x = which ? e->score[s].target : e->score[s].current;
	if (x == SCORE_NONE || x == SCORE_NA)
		return -1;
	*v = x;
	return 0;
}

int entry_figure(const struct entry *e, int which, double *out)
{
	double sum = 0;
	int n = 0, s, v;

	for (s = 0; s < SIDE_COUNT; s++) {
		if (!entry_uses_side(e, s))
			continue;
		if (side_value(e, s, which, &v))
			continue;
		sum += v;
		n++;
	}
	if (!n && e->from_parts.n) { /* no score of its own: its parts' */
		*out = which ? e->from_parts.target : e->from_parts.current;
		return 0;
	}
	if (!n)
		return -1;
	*out = sum / n;
	return 0;
}

int entry_gap(const struct entry *e, double *out)
{
	double cur, tgt;

	if (entry_figure(e, 0, &cur) || entry_figure(e, 1, &tgt))
		return -1;
	*out = tgt - cur;
	return 0;
}

static int side_done(const struct score_pair *sp)
{
	return sp->current != SCORE_NONE && sp->target != SCORE_NONE;
}

static int own_assessed(const struct entry *e)
{
	if (!entry_has_sides(e))
		return side_done(&e->score[SIDE_INSOURCE]);
	switch (e->assignment) {
	case ASSIGN_INSOURCE:
		return side_done(&e->score[SIDE_INSOURCE]);
	case ASSIGN_OUTSOURCE:
		return side_done(&e->score[SIDE_OUTSOURCE]);
	case ASSIGN_HYBRID:
		return side_done(&e->score[SIDE_INSOURCE]) && side_done(&e->score[SIDE_OUTSOURCE]);
	default:
		return side_done(&e->score[SIDE_INSOURCE]) || side_done(&e->score[SIDE_OUTSOURCE]);
	}
}

int entry_assessed(const struct entry *e)
{
	return own_assessed(e) || e->from_parts.n > 0; /* or through its functions */
}

int entry_unfinished(const struct entry *e)
{
	if (e->level == LEVEL_NOT_REQUIRED || e->part)
		return 0;
	if (entry_has_sides(e) && e->assignment == ASSIGN_UNASSIGNED && !e->from_parts.n)
		return 1;
	return !entry_assessed(e);
}

/* Priority order; everything it needs is in the gaps themselves, so the
 * comparator has no context (no global or thread-local state). */
static int gap_cmp(const void *pa, const void *pb)
{
	const struct gap *a = pa, *b = pb;

	if (a->priority != b->priority)
		return a->priority - b->priority;
	if (a->gap != b->gap)
		return a->gap > b->gap ? -1 : 1;
	return a->entry < b->entry ? -1 : a->entry > b->entry;
}

size_t score_gaps(const struct portfolio *p, struct gap **out)
{
	struct gap *g = NULL;
	size_t n = 0, cap = 0, i;

	for (i = 0; i < p->n_entries; i++) {
		const struct entry *e = &p->entries[i];
		double cur, tgt;
		if (e->level == LEVEL_NOT_REQUIRED || e->part)
			continue;
		if (entry_figure(e, 0, &cur) || entry_figure(e, 1, &tgt))
			continue;
		if (tgt - cur <= 0)
			continue;
		g = xgrow(g, &cap, n + 1, sizeof(*g));
		g[n].entry = i;
		g[n].priority = level_priority(e->level);
		g[n].current = cur;
		g[n].target = tgt;
		g[n].gap = tgt - cur;
		n++;
	}
	if (n)
		qsort(g, n, sizeof(*g), gap_cmp);
	*out = g;
	return n;
}

double level_weight(enum level l)
{
	switch (l) {
	case LEVEL_BASIC:
	case LEVEL_IN_SCOPE:
		return 4;
	case LEVEL_STANDARD:
		return 3;
	case LEVEL_ADVANCED:
		return 2;
	case LEVEL_OPTIONAL:
		return 1;
	default:
		return 0;
	}
}

/* The model an entry counts under (an unbound entry is a service). */
static enum assessment model_of(const struct entry *e)
{
	return e->assessment == ASSESS_NONE ? ASSESS_SERVICE : e->assessment;
}

enum assessment score_main_model(const struct portfolio *p)
{
	return p->fw && p->fw->custom_assessment != ASSESS_NONE ? p->fw->custom_assessment
								: ASSESS_SERVICE;
}

static void rollup_add(struct rollup *r, const struct entry *e, size_t idx, int weighted,
		       double *wsum, size_t *cap)
{
	double cur, tgt, w;

	if (e->level == LEVEL_NOT_REQUIRED || e->part || model_of(e) != r->assessment)
		return; /* a part counts through its service */
	r->n_entries++;
	if (entry_figure(e, 0, &cur) || entry_figure(e, 1, &tgt))
		return;
	w = weighted ? level_weight(e->level) : 1.0;
	r->current += cur * w;
	r->target += tgt * w;
	*wsum += w;
	r->trace = xgrow(r->trace, cap, r->n_assessed + 1, sizeof(*r->trace));
	r->trace[r->n_assessed++] = idx;
}

size_t score_rollups(const struct portfolio *p, int weighted, struct rollup **out)
{
	struct rollup *r = NULL;
	double *wsum = NULL;
	size_t *caps = NULL;
	size_t n = 0, cap = 0, i, k;

	/* categories in order of first appearance (entries are in catalogue order) */
	for (i = 0; i < p->n_entries; i++) {
		const char *cat = entry_category(p, &p->entries[i]);
		for (k = 0; k < n; k++)
			if (!strcmp(r[k].category, cat))
				break;
		if (k == n) {
			r = xgrow(r, &cap, n + 2, sizeof(*r));
			memset(&r[n], 0, sizeof(*r));
			r[n].category = xstrdup(cat);
			r[n].assessment = model_of(&p->entries[i]);
			n++;
		}
	}
	if (cap < n + 1)
		r = xgrow(r, &cap, n + 1, sizeof(*r));
	memset(&r[n], 0, sizeof(*r)); /* overall: the entries of the main model */
	r[n].assessment = score_main_model(p);
	wsum = xcalloc(n + 1, sizeof(*wsum));
	caps = xcalloc(n + 1, sizeof(*caps));
	for (i = 0; i < p->n_entries; i++) {
		const struct entry *e = &p->entries[i];
		const char *cat = entry_category(p, e);
		for (k = 0; k < n; k++)
			if (!strcmp(r[k].category, cat))
				break;
		rollup_add(&r[k], e, i, weighted, &wsum[k], &caps[k]);
		rollup_add(&r[n], e, i, weighted, &wsum[n], &caps[n]);
	}
	for (k = 0; k <= n; k++) {
		if (wsum[k] > 0) {
			r[k].current /= wsum[k];
			r[k].target /= wsum[k];
			r[k].gap = r[k].target - r[k].current;
		}
	}
	free(wsum);
	free(caps);
	*out = r;
	return n + 1;
}

void score_rollups_free(struct rollup *r, size_t n)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < n; i++) {
		free(r[i].category);
		free(r[i].trace);
	}
	free(r);
}

void score_progress(const struct portfolio *p, struct progress *out)
{
	size_t i, custom = 0;

	memset(out, 0, sizeof(*out));
	if (p->fw)
		for (i = 0; i < p->fw->n_nodes; i++)
			if (p->fw->nodes[i].assessable && framework_part_of(p->fw, (int)i) < 0)
				out->catalogue_total++;
	for (i = 0; i < p->n_entries; i++) {
		const struct entry *e = &p->entries[i];
		if (e->part)
			continue; /* optional detail of a service: not a step of the build */
		if (e->custom)
			custom++;
		out->catalogue_done++;
		if (e->level == LEVEL_NOT_REQUIRED)
			continue;
		out->portfolio_total++;
		if (entry_has_sides(e)) { /* readiness and parameters are never assigned */
			out->profile_total++;
			/* a service assessed through its functions is provided by
			 * whoever performs them */
			if (e->assignment != ASSIGN_UNASSIGNED || e->from_parts.n)
				out->profile_done++;
		}
		if (entry_assessed(e))
			out->portfolio_done++;
	}
	out->catalogue_total += custom;
	if (out->catalogue_done > out->catalogue_total)
		out->catalogue_total = out->catalogue_done;
}

double score_round(double v)
{
	v = round(v * 100.0) / 100.0;
	return v == 0 ? 0.0 : v;
}

unsigned score_percent(size_t done, size_t total)
{
	if (!total)
		return 0;
	return (unsigned)((done * 100 + total / 2) / total);
}
