/*
 * stats.h - the figures of a portfolio that lists of many organizations show
 * (dashboards, group and survey views), computed by the same rules as the
 * report (core/score.h) and kept in the database as entries change
 * (ops/stats.c, table portfolio_stats), so that a list reads them instead of
 * loading every portfolio.
 */
#ifndef CDCF_STATS_H
#define CDCF_STATS_H

#include <stddef.h>

#include "core/level.h"
#include "core/portfolio.h"
#include "core/score.h"

struct portfolio_stats {
	struct progress progress; /* the three build phases (score_progress) */
	size_t n_selected;	  /* the overall roll-up's selected entries */
	size_t n_assessed;	  /* ... and those with current and target */
	int has_figures;	  /* n_assessed > 0: current and target below are valid */
	double current, target;	  /* the overall roll-up (unweighted, main model), unrounded */
	size_t n_gaps;		  /* positive gaps (score_gaps) */
	size_t gaps[LEVEL_COUNT]; /* of those, by the entry's level */
};

/* The figures of p (framework attached and bound, as ops_load gives it). */
void portfolio_stats_compute(const struct portfolio *p, struct portfolio_stats *out);

/* Are a and b the same figures (current and target to a millionth)? */
int portfolio_stats_equal(const struct portfolio_stats *a, const struct portfolio_stats *b);

#endif
