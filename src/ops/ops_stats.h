/*
 * ops_stats.h - the kept figures of every portfolio (core/stats.h,
 * store/store_stats.h), brought up to date in the transaction that changes
 * entries: a commit hook recomputes the portfolios marked by the triggers on
 * entries, with the report's rules, before the transaction commits.
 */
#ifndef CDCF_OPS_STATS_H
#define CDCF_OPS_STATS_H

#include <stdio.h>

#include "core/stats.h"
#include "store/store.h"
#include "util/err.h"

/* Install the commit hook for every store opened from now on (the program, once). */
void ops_stats_install(void);

/* Recompute the marked portfolios now (the hook; also callable inside a transaction). */
int ops_stats_refresh(struct store *st, struct err *e);

/* Keep the figures of p now, p being the portfolio as it stands in the store in the
 * current transaction (loaded by ops_load in it, its changed entries written since): a
 * batch that has the portfolio at hand spares the commit hook a load. Its mark is
 * cleared; a later change in the transaction marks it again. */
int ops_stats_keep(struct store *st, struct portfolio *p, struct err *e);

/* Recompute the marked portfolios in a transaction of their own. */
int ops_stats_update(struct store *st, struct err *e);

/* A portfolio's kept figures and the ones its entries give now. */
struct ops_stats_diff {
	long long portfolio_id;
	int kept; /* figures were kept for it */
	struct portfolio_stats was, now;
};

/*
 * Recompute every portfolio from scratch and compare with what is kept: the
 * differing ones in *diffs (malloc'd, at most max of them), their number in
 * *n_diffs, every portfolio counted in *checked. Reads only.
 */
int ops_stats_check(struct store *st, size_t max, struct ops_stats_diff **diffs, size_t *n_diffs,
		    size_t *checked, struct err *e);

/* Mark every portfolio and recompute them all, in one transaction; p (NULL: none) is told
 * of each portfolio of *n and may stop it: ERR_INTERRUPTED, nothing written. */
struct progress_watch;
int ops_stats_rebuild(struct store *st, size_t *n, struct progress_watch *p, struct err *e);

#endif
