/*
 * stats.c - a portfolio's figures for lists (stats.h): the report's rules, nothing else.
 */
#include <stdlib.h>
#include <string.h>

#include "core/stats.h"

void portfolio_stats_compute(const struct portfolio *p, struct portfolio_stats *out)
{
	struct rollup *r = NULL;
	struct gap *g = NULL;
	size_t n, i;

	memset(out, 0, sizeof(*out));
	score_progress(p, &out->progress);
	n = score_rollups(p, 0, &r);
	if (n) { /* the last roll-up is the overall one */
		const struct rollup *all = &r[n - 1];

		out->n_selected = all->n_entries;
		out->n_assessed = all->n_assessed;
		out->has_figures = all->n_assessed > 0;
		if (out->has_figures) {
			out->current = all->current;
			out->target = all->target;
		}
	}
	score_rollups_free(r, n);
	out->n_gaps = score_gaps(p, &g);
	for (i = 0; i < out->n_gaps; i++) {
		enum level l = p->entries[g[i].entry].level;

		if (l >= 0 && l < LEVEL_COUNT)
			out->gaps[l]++;
	}
	free(g);
}

static int close_to(double x, double y)
{
	return x - y < 1e-6 && y - x < 1e-6; /* kept as millionths (store_stats.c) */
}

int portfolio_stats_equal(const struct portfolio_stats *a, const struct portfolio_stats *b)
{
	size_t i;

	if (memcmp(&a->progress, &b->progress, sizeof(a->progress)) ||
	    a->n_selected != b->n_selected || a->n_assessed != b->n_assessed ||
	    a->has_figures != b->has_figures || a->n_gaps != b->n_gaps)
		return 0;
	for (i = 0; i < LEVEL_COUNT; i++)
		if (a->gaps[i] != b->gaps[i])
			return 0;
	return !a->has_figures ||
	       (close_to(a->current, b->current) && close_to(a->target, b->target));
}
