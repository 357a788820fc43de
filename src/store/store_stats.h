/*
 * store_stats.h - the kept figures of each portfolio (table portfolio_stats)
 * and the portfolios whose entries changed since (table stats_dirty, filled
 * by triggers on entries: every write to an entry, by any path, marks its
 * portfolio). ops/stats.c recomputes the marked ones just before each commit.
 */
#ifndef CDCF_STORE_STATS_H
#define CDCF_STORE_STATS_H

#include <stddef.h>

#include "core/stats.h"
#include "store/store.h"
#include "util/err.h"

/* The marked portfolios, at most limit of them, by id (*ids malloc'd). */
int store_stats_dirty(struct store *st, size_t limit, long long **ids, size_t *n, struct err *e);
/* Unmark portfolio_id. */
int store_stats_unmark(struct store *st, long long portfolio_id, struct err *e);
/* Mark every portfolio (cdcf db stats --rebuild). */
int store_stats_mark_all(struct store *st, struct err *e);
/* Keep s as portfolio_id's figures. */
int store_stats_put(struct store *st, long long portfolio_id, const struct portfolio_stats *s,
		    struct err *e);
/* portfolio_id's kept figures; ERR_NOT_FOUND when none are kept. */
int store_stats_get(struct store *st, long long portfolio_id, struct portfolio_stats *out,
		    struct err *e);
/* The ids of the portfolios after after_id, at most limit, in id order (*ids malloc'd). */
int store_portfolio_ids(struct store *st, long long after_id, size_t limit, long long **ids,
			size_t *n, struct err *e);

#endif
