/*
 * store_stats.c - kept portfolio figures and the marks of changed portfolios (store_stats.h).
 */
#include <stdlib.h>
#include <string.h>

#include "i18n/i18n.h"
#include "store/store_int.h"
#include "store/store_stats.h"
#include "util/xalloc.h"

/* the order of STATS_COLUMNS is the order of the binds in store_stats_put and the
 * reads in store_stats_get */
#define STATS_COLUMNS                                                                              \
	"cat_total, cat_done, prof_total, prof_done, pf_total, pf_done, n_selected, n_assessed, "  \
	"current_micro, target_micro, n_gaps, gaps_not_required, gaps_basic, gaps_standard, "      \
	"gaps_advanced, "                                                                          \
	"gaps_optional, gaps_in_scope"

_Static_assert(LEVEL_COUNT == 6, "one gaps_ column per level");

/* Figures are kept as millionths in an integer column: every database has those, and a
 * figure is shown to two decimals. */
static long long micro(double v)
{
	return (long long)(v * 1e6 + (v < 0 ? -0.5 : 0.5));
}

static int ids_of(struct store *st, const char *sql, long long a, long long limit, long long **ids,
		  size_t *n, struct err *e)
{
	struct db_stmt *s = NULL;
	size_t cap = 0;
	int rc = db_prepare(st->db, sql, &s, e);

	*ids = NULL;
	*n = 0;
	if (rc)
		return rc;
	if (db_bind_int(s, 1, a) || db_bind_int(s, 2, limit)) {
		db_finalize(s);
		return err_fail(e, ERR_DB, NULL, MSG_E_DB_BIND);
	}
	while ((rc = db_step(s, e)) == DB_ROW) {
		*ids = xgrow(*ids, &cap, *n + 1, sizeof(**ids));
		(*ids)[(*n)++] = db_column_int(s, 0);
	}
	db_finalize(s);
	if (rc < 0) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return rc;
	}
	return 0;
}

int store_stats_dirty(struct store *st, size_t limit, long long **ids, size_t *n, struct err *e)
{
	return ids_of(st,
		      "SELECT portfolio_id FROM stats_dirty WHERE portfolio_id > ? "
		      "ORDER BY portfolio_id LIMIT ?",
		      0, (long long)limit, ids, n, e);
}

int store_portfolio_ids(struct store *st, long long after_id, size_t limit, long long **ids,
			size_t *n, struct err *e)
{
	return ids_of(st, "SELECT id FROM portfolios WHERE id > ? ORDER BY id LIMIT ?", after_id,
		      (long long)limit, ids, n, e);
}

int store_stats_unmark(struct store *st, long long portfolio_id, struct err *e)
{
	int rc = db_run(st->db, NULL, e, "DELETE FROM stats_dirty WHERE portfolio_id = ?", "i",
			portfolio_id);

	if (st->marked.portfolio_id == portfolio_id)
		st->marked.portfolio_id = 0; /* a later write marks it again */
	return rc < 0 ? rc : 0;
}

int store_stats_mark_all(struct store *st, struct err *e)
{
	int rc = db_run(st->db, NULL, e,
			"INSERT INTO stats_dirty (portfolio_id) SELECT id FROM portfolios "
			"WHERE id NOT IN (SELECT portfolio_id FROM stats_dirty)",
			"");
	return rc < 0 ? rc : 0;
}

int store_stats_put(struct store *st, long long portfolio_id, const struct portfolio_stats *v,
		    struct err *e)
{
	static const char sql[] =
	    "INSERT INTO portfolio_stats (portfolio_id, " STATS_COLUMNS ") VALUES "
	    "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (portfolio_id) DO "
	    "UPDATE SET cat_total = excluded.cat_total, cat_done = excluded.cat_done, "
	    "prof_total = excluded.prof_total, prof_done = excluded.prof_done, "
	    "pf_total = excluded.pf_total, pf_done = excluded.pf_done, "
	    "n_selected = excluded.n_selected, n_assessed = excluded.n_assessed, "
	    "current_micro = excluded.current_micro, target_micro = excluded.target_micro, "
	    "n_gaps = excluded.n_gaps, "
	    "gaps_not_required = excluded.gaps_not_required, gaps_basic = excluded.gaps_basic, "
	    "gaps_standard = excluded.gaps_standard, gaps_advanced = excluded.gaps_advanced, "
	    "gaps_optional = excluded.gaps_optional, gaps_in_scope = excluded.gaps_in_scope";
	const long long counts[] = {(long long)v->progress.catalogue_total,
				    (long long)v->progress.catalogue_done,
				    (long long)v->progress.profile_total,
				    (long long)v->progress.profile_done,
				    (long long)v->progress.portfolio_total,
				    (long long)v->progress.portfolio_done,
				    (long long)v->n_selected,
				    (long long)v->n_assessed};
	struct db_stmt *s = NULL;
	int k = 1, rc = db_prepare(st->db, sql, &s, e);
	size_t i;
	int bad = 0;

	if (rc)
		return rc;
	bad |= db_bind_int(s, k++, portfolio_id);
	for (i = 0; i < sizeof(counts) / sizeof(counts[0]); i++)
		bad |= db_bind_int(s, k++, counts[i]);
	bad |= v->has_figures ? db_bind_int(s, k++, micro(v->current)) : db_bind_null(s, k++);
	bad |= v->has_figures ? db_bind_int(s, k++, micro(v->target)) : db_bind_null(s, k++);
	bad |= db_bind_int(s, k++, (long long)v->n_gaps);
	for (i = 0; i < LEVEL_COUNT; i++)
		bad |= db_bind_int(s, k++, (long long)v->gaps[i]);
	if (bad) {
		db_finalize(s);
		return err_fail(e, ERR_DB, NULL, MSG_E_DB_BIND);
	}
	rc = db_step(s, e);
	db_finalize(s);
	return rc < 0 ? rc : 0;
}

int store_stats_get(struct store *st, long long portfolio_id, struct portfolio_stats *v,
		    struct err *e)
{
	struct db_stmt *s = NULL;
	size_t *counts[] = {&v->progress.catalogue_total,
			    &v->progress.catalogue_done,
			    &v->progress.profile_total,
			    &v->progress.profile_done,
			    &v->progress.portfolio_total,
			    &v->progress.portfolio_done,
			    &v->n_selected,
			    &v->n_assessed};
	int rc, c = 0;
	size_t i;

	memset(v, 0, sizeof(*v));
	rc = db_run(st->db, &s, e,
		    "SELECT " STATS_COLUMNS " FROM portfolio_stats WHERE portfolio_id = ?", "i",
		    portfolio_id);
	if (rc < 0)
		return rc;
	if (rc == DB_DONE)
		return err_fail(e, ERR_NOT_FOUND, NULL, MSG_E_DB_BIND);
	for (i = 0; i < sizeof(counts) / sizeof(counts[0]); i++)
		*counts[i] = (size_t)db_column_int(s, c++);
	v->has_figures = !db_column_is_null(s, c);
	v->current = v->has_figures ? (double)db_column_int(s, c) / 1e6 : 0;
	c++;
	v->target = v->has_figures ? (double)db_column_int(s, c) / 1e6 : 0;
	c++;
	v->n_gaps = (size_t)db_column_int(s, c++);
	for (i = 0; i < LEVEL_COUNT; i++)
		v->gaps[i] = (size_t)db_column_int(s, c++);
	db_finalize(s);
	return 0;
}
