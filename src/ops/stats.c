/*
 * stats.c - the kept figures of the portfolios, always current (ops_stats.h).
 */
#include <stdlib.h>
#include <string.h>

#include "io/catalog.h"
#include "ops/ops.h"
#include "ops/ops_int.h"
#include "ops/ops_stats.h"
#include "store/store_stats.h"
#include "util/xalloc.h"
#include "util/progress.h"

#define STATS_BATCH 500 /* portfolios read per query */

/* Compute one portfolio's figures; *found 0 when it is gone or its framework is unknown. */
static int compute(struct store *st, long long pid, struct portfolio_stats *out, int *found,
		   struct err *e)
{
	struct portfolio p;
	int rc;

	portfolio_init(&p);
	*found = 0;
	rc = ops_load_id(st, pid, &p, e);
	if (rc == ERR_NOT_FOUND) { /* deleted since it was marked, or a framework not loaded */
		err_clear(e);
		rc = 0;
	} else if (!rc) {
		portfolio_stats_compute(&p, out);
		*found = 1;
	}
	portfolio_release(&p);
	return rc;
}

/* The marked portfolios' figures made again; p (NULL: none) told of each of total, and
 * stopping it (util/progress.h). */
static int refresh(struct store *st, struct progress_watch *p, uint64_t total, struct err *e)
{
	long long *ids = NULL;
	size_t n = 0, i;
	uint64_t done = 0;
	int rc;

	do {
		rc = store_stats_dirty(st, STATS_BATCH, &ids, &n, e);
		for (i = 0; !rc && i < n; i++) {
			struct portfolio_stats v;
			int found;

			if (p && (rc = progress_at(p, ++done, total, e)))
				break;
			rc = compute(st, ids[i], &v, &found, e);
			if (!rc && found)
				rc = store_stats_put(st, ids[i], &v, e);
			if (!rc)
				rc = store_stats_unmark(st, ids[i], e);
		}
		free(ids);
		ids = NULL;
	} while (!rc && n == STATS_BATCH);
	return rc;
}

int ops_stats_keep(struct store *st, struct portfolio *p, struct err *e)
{
	struct portfolio_stats v;
	int rc;

	if (!p->fw)
		return 0;  /* left marked: the commit hook sees it is not known */
	portfolio_bind(p); /* the figures of a service's parts, as the rows left them */
	portfolio_stats_compute(p, &v);
	rc = store_stats_put(st, p->id, &v, e);
	return rc ? rc : store_stats_unmark(st, p->id, e);
}

int ops_stats_refresh(struct store *st, struct err *e)
{
	return refresh(st, NULL, 0, e);
}

int ops_stats_update(struct store *st, struct err *e)
{
	int rc = ops_tx_begin(st, e);

	if (!rc)
		rc = ops_stats_refresh(st, e); /* the commit hook finds nothing left */
	return rc ? ops_tx_end(st, rc, e) : ops_tx_end(st, 0, e);
}

static int hook(struct store *st, struct err *e)
{
	return ops_stats_refresh(st, e);
}

void ops_stats_install(void)
{
	store_set_commit_hook(hook);
}

int ops_stats_check(struct store *st, size_t max, struct ops_stats_diff **diffs, size_t *n_diffs,
		    size_t *checked, struct err *e)
{
	long long *ids = NULL, after = 0;
	size_t n = 0, i, cap = 0;
	int rc;

	*diffs = NULL;
	*n_diffs = *checked = 0;
	do {
		rc = store_portfolio_ids(st, after, STATS_BATCH, &ids, &n, e);
		for (i = 0; !rc && i < n; i++) {
			struct ops_stats_diff d = {.portfolio_id = ids[i], .kept = 1};
			int found;

			after = ids[i];
			rc = compute(st, ids[i], &d.now, &found, e);
			if (rc || !found)
				continue;
			(*checked)++;
			rc = store_stats_get(st, ids[i], &d.was, e);
			if (rc == ERR_NOT_FOUND) {
				err_clear(e);
				rc = 0;
				d.kept = 0;
			}
			if (rc || (d.kept && portfolio_stats_equal(&d.was, &d.now)))
				continue;
			if (*n_diffs < max) {
				*diffs = xgrow(*diffs, &cap, *n_diffs + 1, sizeof(**diffs));
				(*diffs)[(*n_diffs)++] = d;
			}
		}
		free(ids);
		ids = NULL;
	} while (!rc && n == STATS_BATCH);
	if (rc) {
		free(*diffs);
		*diffs = NULL;
		*n_diffs = 0;
	}
	return rc;
}

int ops_stats_rebuild(struct store *st, size_t *n, struct progress_watch *p, struct err *e)
{
	long long *ids = NULL, after = 0;
	size_t k = 0, i;
	int rc = ops_tx_begin(st, e);

	*n = 0;
	if (!rc)
		rc = store_stats_mark_all(st, e);
	if (!rc) /* count them: the hook recomputes them at the commit */
		do {
			rc = store_portfolio_ids(st, after, STATS_BATCH, &ids, &k, e);
			for (i = 0; !rc && i < k; i++)
				after = ids[i];
			*n += rc ? 0 : k;
			free(ids);
			ids = NULL;
		} while (!rc && k == STATS_BATCH);
	if (!rc)
		rc = refresh(st, p, *n, e);
	if (!rc && p) /* stopped at the last one: nothing is committed either */
		rc = progress_at(NULL, 0, 0, e);
	return ops_tx_end(st, rc, e);
}
