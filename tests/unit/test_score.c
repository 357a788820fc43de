/* Unit tests for core/score.c, core/level.c, core/portfolio.c, core/snapshot.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/evaluation.h"
#include "core/score.h"
#include "core/snapshot.h"
#include "store/cycle_json.h"

static struct fw_node nodes[] = {
    {.ref_id = "A", .kind = NODE_CATEGORY, .parent = -1, .depth = 1, .name_en = "Cat A"},
    {.ref_id = "A-1",
     .kind = NODE_SERVICE,
     .parent = 0,
     .depth = 2,
     .assessable = 1,
     .name_en = "Risk management",
     .name_ja = "リスクマネジメント"},
    {.ref_id = "A-2",
     .kind = NODE_SERVICE,
     .parent = 0,
     .depth = 2,
     .assessable = 1,
     .name_en = "Risk assessment",
     .status = STATUS_PROVISIONAL},
    {.ref_id = "B", .kind = NODE_CATEGORY, .parent = -1, .depth = 1, .name_en = "Cat B"},
    {.ref_id = "B-1",
     .kind = NODE_SERVICE,
     .parent = 3,
     .depth = 2,
     .assessable = 1,
     .name_en = "Monitoring"},
    {.ref_id = "B-10",
     .kind = NODE_SERVICE,
     .parent = 3,
     .depth = 2,
     .assessable = 1,
     .name_en = "Ten"},
};

static struct framework fw = {
    .id = "t",
    .nodes = nodes,
    .n_nodes = sizeof(nodes) / sizeof(nodes[0]),
};

static struct entry *add(struct portfolio *p, const char *ref, enum level l, enum assignment a,
			 int ic, int it, int oc, int ot)
{
	struct entry *e = portfolio_add_entry(p, ref);
	e->level = l;
	e->assignment = a;
	e->score[SIDE_INSOURCE].current = ic;
	e->score[SIDE_INSOURCE].target = it;
	e->score[SIDE_OUTSOURCE].current = oc;
	e->score[SIDE_OUTSOURCE].target = ot;
	return e;
}

static void seed(struct portfolio *p)
{
	portfolio_init(p);
	p->fw = &fw;
	p->framework_id = strdup("t");
	/* deliberately out of catalogue order */
	add(p, "B-1", LEVEL_STANDARD, ASSIGN_OUTSOURCE, SCORE_NONE, SCORE_NONE, 2, 4);
	add(p, "A-1", LEVEL_BASIC, ASSIGN_INSOURCE, 3, 5, SCORE_NONE, SCORE_NONE);
	add(p, "A-2", LEVEL_ADVANCED, ASSIGN_UNASSIGNED, 1, 2, SCORE_NONE, SCORE_NONE);
	portfolio_sort(p);
}

static void test_levels(void **state)
{
	int s;
	(void)state;
	assert_int_equal(level_parse("basic"), LEVEL_BASIC);
	assert_int_equal(level_parse("urgent"), -1);
	assert_string_equal(level_name(LEVEL_NOT_REQUIRED), "not_required");
	assert_int_equal(assignment_parse("hybrid"), ASSIGN_HYBRID);
	assert_int_equal(side_parse("outsource"), SIDE_OUTSOURCE);
	assert_true(assignment_uses_side(ASSIGN_INSOURCE, SIDE_INSOURCE));
	assert_false(assignment_uses_side(ASSIGN_INSOURCE, SIDE_OUTSOURCE));
	assert_true(assignment_uses_side(ASSIGN_HYBRID, SIDE_OUTSOURCE));
	assert_int_equal(score_parse("n/a", &s), 0);
	assert_int_equal(s, SCORE_NA);
	assert_int_equal(score_parse("4", &s), 0);
	assert_int_equal(s, 4);
	assert_int_equal(score_parse("4x", &s), -1);
	assert_int_equal(score_parse("-1", &s), -1);
	assert_int_equal(score_parse("", &s), -1);
}

static void test_sort_catalogue_order(void **state)
{
	struct portfolio p;
	(void)state;
	seed(&p);
	add(&p, "B-10", LEVEL_OPTIONAL, ASSIGN_UNASSIGNED, SCORE_NONE, SCORE_NONE, SCORE_NONE,
	    SCORE_NONE);
	portfolio_sort(&p);
	assert_string_equal(p.entries[0].ref_id, "A-1");
	assert_string_equal(p.entries[1].ref_id, "A-2");
	assert_string_equal(p.entries[2].ref_id, "B-1");
	assert_string_equal(p.entries[3].ref_id, "B-10");
	assert_string_equal(entry_category(&p, &p.entries[2]), "B");
	assert_true(entry_provisional(&p, &p.entries[1]));
	assert_string_equal(entry_name(&p, &p.entries[0], "ja"), "リスクマネジメント");
	assert_string_equal(entry_name(&p, &p.entries[1], "ja"), "Risk assessment");
	portfolio_release(&p);
}

/* An empty portfolio sorts (it used to hand qsort a NULL array). */
static void test_sort_empty(void **state)
{
	struct portfolio p;
	(void)state;
	portfolio_init(&p);
	p.fw = &fw;
	portfolio_sort(&p);
	assert_int_equal(p.n_entries, 0);
	portfolio_release(&p);
}

static void test_entry_figure(void **state)
{
	struct portfolio p;
	struct entry *e;
	double v;
	(void)state;
	portfolio_init(&p);
	/* hybrid: mean of both sides; n/a is not a number */
	e = add(&p, "A-1", LEVEL_BASIC, ASSIGN_HYBRID, 2, 4, 4, 5);
	assert_int_equal(entry_figure(e, 0, &v), 0);
	assert_true(v == 3.0);
	assert_int_equal(entry_figure(e, 1, &v), 0);
	assert_true(v == 4.5);
	e->score[SIDE_OUTSOURCE].current = SCORE_NA;
	assert_int_equal(entry_figure(e, 0, &v), 0);
	assert_true(v == 2.0);
	/* not assessed is distinct from 1 */
	e = add(&p, "A-2", LEVEL_BASIC, ASSIGN_INSOURCE, SCORE_NONE, 3, 5, 5);
	assert_int_equal(entry_figure(e, 0, &v), -1);
	assert_false(entry_assessed(e));
	/* the side an in-house entry does not use never counts */
	e->score[SIDE_INSOURCE].current = 1;
	assert_int_equal(entry_figure(e, 0, &v), 0);
	assert_true(v == 1.0);
	assert_true(entry_assessed(e));
	portfolio_release(&p);
}

static void test_gaps_priority(void **state)
{
	struct portfolio p;
	struct gap *g;
	size_t n;
	(void)state;
	seed(&p);
	add(&p, "B-10", LEVEL_NOT_REQUIRED, ASSIGN_INSOURCE, 1, 5, SCORE_NONE, SCORE_NONE);
	add(&p, "X-1", LEVEL_STANDARD, ASSIGN_INSOURCE, 1, 5, SCORE_NONE, SCORE_NONE);
	n = score_gaps(&p, &g);
	/* basic first (A-1 gap 2), then standard by size (X-1 gap 4, B-1 gap 2), advanced */
	assert_int_equal(n, 4);
	assert_string_equal(p.entries[g[0].entry].ref_id, "A-1");
	assert_string_equal(p.entries[g[1].entry].ref_id, "X-1");
	assert_string_equal(p.entries[g[2].entry].ref_id, "B-1");
	assert_string_equal(p.entries[g[3].entry].ref_id, "A-2");
	assert_true(g[1].gap == 4.0);
	assert_int_equal(g[0].priority, level_priority(LEVEL_BASIC));
	assert_int_equal(g[3].priority, level_priority(LEVEL_ADVANCED));
	free(g);
	portfolio_release(&p);
}

static void test_rollups_and_trace(void **state)
{
	struct portfolio p;
	struct rollup *r;
	size_t n;
	(void)state;
	seed(&p);
	n = score_rollups(&p, 0, &r);
	assert_int_equal(n, 3); /* A, B, overall */
	assert_string_equal(r[0].category, "A");
	assert_int_equal(r[0].n_assessed, 2);
	assert_true(r[0].current == 2.0); /* (3 + 1) / 2 */
	assert_true(r[0].target == 3.5);  /* (5 + 2) / 2 */
	assert_null(r[2].category);
	assert_int_equal(r[2].n_assessed, 3);
	assert_true(r[2].current == 2.0); /* (3 + 1 + 2) / 3 */
	assert_int_equal(r[2].trace[0], 0);
	score_rollups_free(r, n);
	/* weighted: basic 4, advanced 2 -> (3*4 + 1*2) / 6 */
	n = score_rollups(&p, 1, &r);
	assert_true(r[0].current > 2.333 && r[0].current < 2.334);
	score_rollups_free(r, n);
	portfolio_release(&p);
}

static void test_progress(void **state)
{
	struct portfolio p;
	struct progress pr;
	(void)state;
	seed(&p);
	score_progress(&p, &pr);
	assert_int_equal(pr.catalogue_total, 4);
	assert_int_equal(pr.catalogue_done, 3);
	assert_int_equal(pr.profile_total, 3);
	assert_int_equal(pr.profile_done, 2);
	assert_int_equal(pr.portfolio_done, 3);
	portfolio_release(&p);
}

/* The one rounding rule (score.h): percentages to the nearest whole percent
 * (never truncated), figures to two decimals, halves away from zero. */
static void test_rounding(void **state)
{
	(void)state;
	assert_int_equal(score_percent(13, 57), 23); /* 22.8: truncation said 22 */
	assert_int_equal(score_percent(11, 12), 92); /* 91.7: truncation said 91 */
	assert_int_equal(score_percent(2, 12), 17);
	assert_int_equal(score_percent(1, 8), 13); /* 12.5: a half goes up */
	assert_int_equal(score_percent(12, 56), 21);
	assert_int_equal(score_percent(0, 12), 0);
	assert_int_equal(score_percent(12, 12), 100);
	assert_int_equal(score_percent(0, 0), 0);
	assert_true(score_round(11.0 / 3.0) == 3.67);
	assert_true(score_round(2.999) == 3.0);
	assert_true(score_round(1.005 + 1e-9) == 1.01);
	assert_true(score_round(-2.5) == -2.5);
	assert_true(score_round(-1.0 / 3.0) == -0.33);
	/* no "-0" */
	assert_false(signbit(score_round(-0.001)));
}

/* entry_gap and the roll-up gap: target - current, only with both figures. */
static void test_gap_of_entry_and_rollup(void **state)
{
	struct portfolio p;
	struct rollup *r;
	struct entry *e;
	size_t n;
	double v;
	(void)state;
	portfolio_init(&p);
	/* unassigned with scores on both sides: the sides that were scored */
	e = add(&p, "A-1", LEVEL_BASIC, ASSIGN_UNASSIGNED, 1, 2, SCORE_NONE, 5);
	assert_int_equal(entry_gap(e, &v), 0);
	assert_true(v == 2.5); /* 3.5 - 1 */
	e = add(&p, "A-2", LEVEL_BASIC, ASSIGN_INSOURCE, 4, 3, SCORE_NONE, SCORE_NONE);
	assert_int_equal(entry_gap(e, &v), 0);
	assert_true(v == -1.0);
	e = add(&p, "B-1", LEVEL_BASIC, ASSIGN_OUTSOURCE, SCORE_NONE, SCORE_NONE, SCORE_NA, 3);
	assert_int_equal(entry_gap(e, &v), -1);
	n = score_rollups(&p, 0, &r);
	assert_true(r[n - 1].gap == r[n - 1].target - r[n - 1].current);
	assert_true(r[n - 1].gap == 0.75); /* (3.5 + 3) / 2 - (1 + 4) / 2 */
	score_rollups_free(r, n);
	portfolio_release(&p);
}

static void test_snapshot_diff(void **state)
{
	struct portfolio p;
	struct change *ch;
	json_t *a, *b;
	size_t n;
	(void)state;
	seed(&p);
	a = snapshot_of(&p);
	portfolio_find(&p, "A-1")->score[SIDE_INSOURCE].current = 4;
	portfolio_find(&p, "B-1")->level = LEVEL_BASIC;
	add(&p, "B-10", LEVEL_OPTIONAL, ASSIGN_UNASSIGNED, SCORE_NONE, SCORE_NONE, SCORE_NONE,
	    SCORE_NONE);
	b = snapshot_of(&p);
	n = snapshot_diff(a, b, &ch);
	assert_int_equal(n, 3);
	assert_int_equal(ch[0].kind, CHANGE_SCORE);
	assert_string_equal(ch[0].field, "insource.current");
	assert_string_equal(ch[0].before, "3");
	assert_string_equal(ch[0].after, "4");
	assert_int_equal(ch[1].kind, CHANGE_LEVEL);
	assert_string_equal(ch[1].after, "basic");
	assert_int_equal(ch[2].kind, CHANGE_ADDED);
	change_list_free(ch, n);
	/* the same portfolio gives the same snapshot text */
	{
		json_t *c = snapshot_of(&p);
		char *x = json_dumps(b, JSON_COMPACT | JSON_PRESERVE_ORDER);
		char *y = json_dumps(c, JSON_COMPACT | JSON_PRESERVE_ORDER);
		assert_string_equal(x, y);
		free(x);
		free(y);
		json_decref(c);
	}
	assert_int_equal(snapshot_diff(b, b, &ch), 0);
	free(ch);
	json_decref(a);
	json_decref(b);
	portfolio_release(&p);
}

/* Compact text of a snapshot, for comparing two; the caller frees. */
static char *snapshot_text(const json_t *snap)
{
	return json_dumps(snap, JSON_COMPACT | JSON_PRESERVE_ORDER);
}

static void test_snapshot_to_portfolio(void **state)
{
	struct portfolio p, back, empty;
	struct entry *en;
	json_t *snap, *again, *odd;
	char *x, *y;
	(void)state;
	seed(&p);
	p.cycle = 3;
	en = portfolio_find(&p, "A-1");
	en->team = strdup("Blue team");
	en->note = strdup("reviewed");
	en->score[SIDE_OUTSOURCE].current = SCORE_NA;
	portfolio_find(&p, "B-1")->provider = strdup("Acme");
	en = add(&p, "X-1", LEVEL_OPTIONAL, ASSIGN_INSOURCE, 2, 3, SCORE_NONE, SCORE_NONE);
	en->custom = 1;
	en->custom_name_en = strdup("Own service");
	en->custom_category = strdup("B");
	portfolio_sort(&p);

	/* snapshot_of -> snapshot_to_portfolio -> snapshot_of gives the same JSON */
	snap = snapshot_of(&p);
	portfolio_init(&back);
	assert_int_equal(snapshot_to_portfolio(snap, &fw, &back), 0);
	assert_ptr_equal(back.fw, &fw);
	assert_string_equal(back.framework_id, "t");
	assert_int_equal(back.cycle, 3);
	assert_int_equal(back.n_entries, 4);
	again = snapshot_of(&back);
	x = snapshot_text(snap);
	y = snapshot_text(again);
	assert_string_equal(x, y);
	free(x);
	free(y);
	json_decref(again);

	/* an entry it cannot read is skipped, the rest stays */
	odd = json_array_get(json_object_get(snap, "entries"), 0);
	json_object_set_new(odd, "level", json_string("extreme"));
	portfolio_release(&back);
	portfolio_init(&back);
	assert_int_equal(snapshot_to_portfolio(snap, &fw, &back), 0);
	assert_int_equal(back.n_entries, 3);
	assert_null(portfolio_find(&back, json_string_value(json_object_get(odd, "ref"))));

	/* not a snapshot at all */
	portfolio_init(&empty);
	assert_int_equal(snapshot_to_portfolio(json_object_get(snap, "entries"), &fw, &empty),
			 ERR_INVALID);
	assert_int_equal(empty.n_entries, 0);
	portfolio_release(&empty);

	json_decref(snap);
	portfolio_release(&back);
	portfolio_release(&p);
}

static void test_evaluation_answers(void **state)
{
	struct err e = ERR_INIT;
	json_t *ok = json_pack("{s:{s:s, s:s}, s:{s:s}, s:{s:s, s:s}}", "catalogue", "appropriate",
			       "yes", "environment", "new law", "profile", "assignments", "keep",
			       "portfolio", "scores", "up", "targets", "same");
	json_t *bad;
	(void)state;
	assert_int_equal(eval_validate(ok, &e), 0);
	bad = json_deep_copy(ok);
	json_object_del(json_object_get(bad, "profile"), "assignments");
	assert_int_equal(eval_validate(bad, &e), ERR_INVALID);
	assert_string_equal(e.msg, "answers: profile.assignments: missing answer");
	json_decref(bad);
	bad = json_deep_copy(ok);
	json_object_set_new(json_object_get(bad, "catalogue"), "mood", json_string("x"));
	assert_int_equal(eval_validate(bad, &e), ERR_INVALID);
	assert_string_equal(e.msg, "answers: unknown question 'catalogue.mood'");
	json_decref(bad);
	bad = json_deep_copy(ok);
	json_object_set_new(json_object_get(bad, "portfolio"), "scores", json_string(""));
	assert_int_equal(eval_validate(bad, &e), ERR_INVALID);
	json_decref(bad);
	json_decref(ok);
}

/* portfolio_find through the index: every ref found at its entry after indexing, after
 * appends that grow the index, after a sort; a missing ref is NULL; a ref given twice
 * finds its first entry, as the scan without an index does. */
static void test_portfolio_index(void **state)
{
	struct portfolio p;
	char ref[32];
	size_t i;

	(void)state;
	portfolio_init(&p);
	for (i = 0; i < 300; i++) {
		snprintf(ref, sizeof(ref), "Z-%zu", i);
		portfolio_add_entry(&p, ref)->version = (long long)i;
	}
	assert_null(p.index);
	assert_int_equal(portfolio_find(&p, "Z-7")->version, 7); /* scan */
	portfolio_index(&p);
	assert_non_null(p.index);
	for (i = 0; i < 300; i++) {
		snprintf(ref, sizeof(ref), "Z-%zu", i);
		assert_ptr_equal(portfolio_find(&p, ref), &p.entries[i]);
	}
	assert_null(portfolio_find(&p, "Z-300"));
	assert_null(portfolio_find(&p, ""));
	/* appends keep the index, through its growth */
	for (i = 300; i < 1000; i++) {
		snprintf(ref, sizeof(ref), "Z-%zu", i);
		portfolio_add_entry(&p, ref)->version = (long long)i;
		assert_int_equal(p.n_indexed, p.n_entries);
	}
	assert_true(p.index_cap >= 2 * p.n_entries);
	for (i = 0; i < 1000; i++) {
		snprintf(ref, sizeof(ref), "Z-%zu", i);
		assert_int_equal(portfolio_find(&p, ref)->version, (long long)i);
	}
	portfolio_add_entry(&p, "Z-5")->version = -5; /* the first Z-5 stays the one found */
	assert_int_equal(portfolio_find(&p, "Z-5")->version, 5);
	/* sorting moves the entries: the index follows */
	portfolio_sort(&p);
	assert_string_equal(p.entries[0].ref_id, "Z-0");
	assert_string_equal(p.entries[999].ref_id, "Z-998");
	for (i = 0; i < 1000; i++) {
		snprintf(ref, sizeof(ref), "Z-%zu", i);
		assert_string_equal(portfolio_find(&p, ref)->ref_id, ref);
		assert_int_equal(
		    portfolio_find(&p, ref)->version == -5 ? 5 : portfolio_find(&p, ref)->version,
		    (long long)i);
	}
	portfolio_release(&p);
	assert_null(p.index);
	assert_null(portfolio_find(&p, "Z-1"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_levels),
	    cmocka_unit_test(test_sort_catalogue_order),
	    cmocka_unit_test(test_sort_empty),
	    cmocka_unit_test(test_portfolio_index),
	    cmocka_unit_test(test_entry_figure),
	    cmocka_unit_test(test_gaps_priority),
	    cmocka_unit_test(test_rollups_and_trace),
	    cmocka_unit_test(test_progress),
	    cmocka_unit_test(test_rounding),
	    cmocka_unit_test(test_gap_of_entry_and_rollup),
	    cmocka_unit_test(test_snapshot_diff),
	    cmocka_unit_test(test_snapshot_to_portfolio),
	    cmocka_unit_test(test_evaluation_answers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
