/*
 * Unit tests for the kept figures of the portfolios (core/stats.c, store/store_stats.c,
 * ops/stats.c): every change of entries made through ops, and a write that bypasses ops,
 * leaves the kept figures equal to a computation from scratch (ops_stats_check); a
 * refused change keeps them as they were; a figure changed behind cdcf's back is found;
 * a rebuild makes them right again.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"
#include "ops/ops.h"
#include "ops/ops_stats.h"
#include "store/store_stats.h"

/* The kept figures agree with the entries, for every portfolio. */
static void assert_consistent(struct fixture *f)
{
	struct ops_stats_diff *d = NULL;
	struct err e = ERR_INIT;
	size_t n = 9, checked = 0;

	assert_int_equal(ops_stats_check(f->st, 10, &d, &n, &checked, &e), 0);
	if (n)
		fail_msg("portfolio %lld: kept %zu gaps, now %zu", d[0].portfolio_id,
			 d[0].was.n_gaps, d[0].now.n_gaps);
	free(d);
	assert_true(checked >= 1);
}

static void kept(struct fixture *f, struct portfolio_stats *s)
{
	struct err e = ERR_INIT;

	assert_int_equal(store_stats_get(f->st, f->portfolio_id, s, &e), 0);
}

static int group_setup(void **state)
{
	(void)state;
	ops_stats_install(); /* before the fixtures open their stores */
	return 0;
}

static void test_kept_through_every_change(void **state)
{
	struct fixture *f = *state;
	const char *refs[] = {"A-1", "A-2", "A-3"};
	struct portfolio_stats s;

	OK(ops_select(f->st, FIX_ORG, FIX_FW, refs, 3, "basic", oe));
	assert_consistent(f);
	kept(f, &s);
	assert_int_equal(s.progress.portfolio_total, 3);
	assert_false(s.has_figures);
	OK(ops_assign(f->st, FIX_ORG, FIX_FW, "A-1", "insource", FIX_TEAM, NULL, -1, NULL, oe));
	OK(ops_score(f->st, FIX_ORG, FIX_FW, "A-1", "insource", "2", "4", NULL, -1, NULL, oe));
	assert_consistent(f);
	kept(f, &s);
	assert_true(s.has_figures);
	assert_true(s.current > 1.999 && s.current < 2.001);
	assert_true(s.target > 3.999 && s.target < 4.001);
	assert_int_equal(s.n_gaps, 1);
	assert_int_equal(s.gaps[LEVEL_BASIC], 1);
	assert_int_equal(s.progress.portfolio_done, 1);
	OK(ops_assign(f->st, FIX_ORG, FIX_FW, "A-2", "outsource", NULL, FIX_PROVIDER, -1, NULL,
		      oe));
	OK(ops_score(f->st, FIX_ORG, FIX_FW, "A-2", "outsource", "3", "3", NULL, -1, NULL, oe));
	assert_consistent(f);
	kept(f, &s);
	assert_true(s.current > 2.499 && s.current < 2.501);
	assert_int_equal(s.n_gaps, 1);
	OK(ops_service_remove(f->st, FIX_ORG, FIX_FW, "A-3", -1, oe));
	assert_consistent(f);
	kept(f, &s);
	assert_int_equal(s.progress.portfolio_total, 2);
}

static void test_refusal_keeps_figures(void **state)
{
	struct fixture *f = *state;
	const char *refs[] = {"B-1"};
	struct portfolio_stats before, after;

	OK(ops_select(f->st, FIX_ORG, FIX_FW, refs, 1, "standard", oe));
	OK(ops_assign(f->st, FIX_ORG, FIX_FW, "B-1", "insource", FIX_TEAM, NULL, -1, NULL, oe));
	kept(f, &before);
	assert_refused(
	    f, ERR_INVALID, "insource.current",
	    ops_score(f->st, FIX_ORG, FIX_FW, "B-1", "insource", "9", "4", NULL, -1, NULL, &re));
	kept(f, &after);
	assert_true(portfolio_stats_equal(&before, &after));
	assert_consistent(f);
}

/* A write that does not go through the store (another tool's SQL) is not marked stale:
 * the kept figures stay as they were until the check finds them and a rebuild. */
static void test_write_outside_store(void **state)
{
	struct fixture *f = *state;
	const char *refs[] = {"C-1"};
	struct ops_stats_diff *d = NULL;
	struct err e = ERR_INIT;
	struct portfolio_stats s;
	size_t n = 0, checked = 0, rebuilt = 0;

	OK(ops_select(f->st, FIX_ORG, FIX_FW, refs, 1, "advanced", oe));
	OK(ops_assign(f->st, FIX_ORG, FIX_FW, "C-1", "insource", FIX_TEAM, NULL, -1, NULL, oe));
	assert_int_equal(db_begin(f->st->db, &e), 0);
	assert_true(db_run(f->st->db, NULL, &e,
			   "UPDATE entries SET in_current = 1, in_target = 5 WHERE ref_id = 'C-1'",
			   "") >= 0);
	assert_int_equal(db_commit(f->st->db, &e), 0);
	assert_int_equal(fixture_count(f, "stats_dirty"), 0);
	assert_int_equal(ops_stats_check(f->st, 10, &d, &n, &checked, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(d[0].now.gaps[LEVEL_ADVANCED], 1);
	free(d);
	assert_int_equal(ops_stats_rebuild(f->st, &rebuilt, NULL, &e), 0);
	assert_consistent(f);
	kept(f, &s);
	assert_int_equal(s.gaps[LEVEL_ADVANCED], 1);
}

/* Figures changed behind cdcf's back are found, and a rebuild makes them right. */
static void test_check_finds_and_rebuild_fixes(void **state)
{
	struct fixture *f = *state;
	const char *refs[] = {"A-1"};
	struct ops_stats_diff *d = NULL;
	struct err e = ERR_INIT;
	size_t n = 0, checked = 0, rebuilt = 0;

	OK(ops_select(f->st, FIX_ORG, FIX_FW, refs, 1, "basic", oe));
	assert_true(db_run(f->st->db, NULL, &e, "UPDATE portfolio_stats SET n_gaps = 7", "") >= 0);
	assert_int_equal(ops_stats_check(f->st, 10, &d, &n, &checked, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(d[0].portfolio_id, f->portfolio_id);
	assert_int_equal(d[0].was.n_gaps, 7);
	assert_int_equal(d[0].now.n_gaps, 0);
	free(d);
	assert_int_equal(ops_stats_rebuild(f->st, &rebuilt, NULL, &e), 0);
	assert_int_equal(rebuilt, 1);
	assert_consistent(f);
	assert_int_equal(fixture_count(f, "stats_dirty"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_kept_through_every_change, fixture_setup,
					    fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_refusal_keeps_figures, fixture_setup,
					    fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_write_outside_store, fixture_setup,
					    fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_check_finds_and_rebuild_fixes, fixture_setup,
					    fixture_teardown),
	};
	return cmocka_run_group_tests(tests, group_setup, NULL);
}
