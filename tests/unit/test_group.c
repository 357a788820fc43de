/*
 * Unit tests for the group view's model (ops/group.c, report/group_model.c) and its
 * renderings (report/group_render.c): the subtree at any depth and nothing else, the
 * cells, the roll-ups of core/score.c as the portfolio's own, the spread, the
 * classes, the refusals, and the CSV's formula neutralisation.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "core/score.h"
#include "ops/ops.h"
#include "ops/ops_group.h"
#include "report/group_render.h"
#include "report/report.h"
#include "store/db.h"
#include "store/store.h"
#include "util/buf.h"

#include "fixture.h"

/* A selected, assigned and scored A-1 (and optionally A-2) in org's portfolio. */
static void scored(struct fixture *f, const char *org, const char *assignment, const char *team,
		   const char *provider, const char *cur, const char *tgt)
{
	static const char *const refs[] = {"A-1", "A-2"};
	const char *side = !strcmp(assignment, "outsource") ? "outsource" : "insource";

	OK(ops_select(f->st, org, FIX_FW, refs, 2, "basic", oe));
	OK(ops_assign(f->st, org, FIX_FW, "A-1", assignment, team, provider, -1, NULL, oe));
	OK(ops_score(f->st, org, FIX_FW, "A-1", side, cur, tgt, NULL, -1, NULL, oe));
}

/* Acme > Sub 1 > Sub 1a, and Other beside them; A-1 scored 2, 4, 3 down the tree. */
static void group(struct fixture *f)
{
	struct ops_actor admin = {0, 1, ROLE_ADMIN, 0};
	long long id;

	OK(ops_org_add(f->st, &admin, "Sub 1", FIX_ORG, &id, oe));
	OK(ops_org_add(f->st, &admin, "Sub 1a", "Sub 1", &id, oe));
	OK(ops_org_add(f->st, &admin, "Other", NULL, &id, oe));
	OK(ops_party_add(f->st, "Sub 1", PARTY_PROVIDER, "=cmd()", &id, oe));
	OK(ops_party_add(f->st, "Sub 1a", PARTY_TEAM, "Blue \"team\" \\ 1", &id, oe));
	OK(ops_party_add(f->st, "Other", PARTY_TEAM, "Red", &id, oe));
	OK(ops_portfolio_new(f->st, "Sub 1", FIX_FW, NULL, oe));
	OK(ops_portfolio_new(f->st, "Sub 1a", FIX_FW, NULL, oe));
	OK(ops_portfolio_new(f->st, "Other", FIX_FW, NULL, oe));
	scored(f, FIX_ORG, "insource", FIX_TEAM, NULL, "2", "4");
	scored(f, "Sub 1", "outsource", NULL, "=cmd()", "4", "4");
	scored(f, "Sub 1a", "insource", "Blue \"team\" \\ 1", NULL, "3", "5");
	scored(f, "Other", "insource", "Red", NULL, "1", "5");
}

static size_t service(const struct group_model *m, const char *ref)
{
	size_t j;

	for (j = 0; j < m->n_services; j++)
		if (!strcmp(m->services[j].ref, ref))
			return j;
	fail_msg("no column %s", ref);
	return 0;
}

static void test_subtree_cells_spread(void **state)
{
	struct fixture *f = *state;
	struct group_model m;
	size_t a1;

	group(f);
	OK(ops_group_model(f->st, FIX_ORG, FIX_FW, GROUP_BY_CURRENT, &m, oe));
	assert_int_equal(m.n_orgs, 3); /* Other is not in Acme's group */
	assert_string_equal(m.orgs[0].name, FIX_ORG);
	assert_string_equal(m.orgs[1].name, "Sub 1");
	assert_string_equal(m.orgs[2].name, "Sub 1a");
	assert_int_equal(m.orgs[2].depth, 2);
	assert_string_equal(m.orgs[2].parent, "Sub 1");
	assert_null(m.orgs[0].parent);
	assert_int_equal(m.n_services, 2); /* what the group selected */
	a1 = service(&m, "A-1");
	assert_true(m.orgs[0].cells[a1].has_current);
	assert_true(m.orgs[0].cells[a1].current == 2.0);
	assert_string_equal(m.orgs[0].cells[a1].team, FIX_TEAM);
	assert_string_equal(m.orgs[1].cells[a1].provider, "=cmd()");
	assert_int_equal(m.orgs[1].cells[a1].assignment, ASSIGN_OUTSOURCE);
	/* the spread over the three: 2, 4, 3 */
	assert_int_equal(m.services[a1].n_assessed, 3);
	assert_true(m.services[a1].min == 2.0);
	assert_true(m.services[a1].median == 3.0);
	assert_true(m.services[a1].max == 4.0);
	/* A-2 is selected but not assessed anywhere */
	assert_int_equal(m.services[service(&m, "A-2")].n_assessed, 0);
	assert_true(m.orgs[0].cells[service(&m, "A-2")].selected);
	assert_false(m.orgs[0].cells[service(&m, "A-2")].has_current);
	/* classes of the current score on 1..5: 2 low, 3 mid, 4 high */
	assert_int_equal(group_value_class(&m, &m.services[a1], 2), GROUP_CLASS_LOW);
	assert_int_equal(group_value_class(&m, &m.services[a1], 3), GROUP_CLASS_MID);
	assert_int_equal(group_value_class(&m, &m.services[a1], 4), GROUP_CLASS_HIGH);
	group_model_release(&m);

	/* a subsidiary's group is its own subtree */
	OK(ops_group_model(f->st, "Sub 1", FIX_FW, GROUP_BY_GAP, &m, oe));
	assert_int_equal(m.n_orgs, 2);
	assert_int_equal(m.orgs[1].depth, 1);
	{
		double v;

		assert_int_equal(group_cell_value(&m, &m.orgs[1].cells[service(&m, "A-1")], &v), 0);
		assert_true(v == 2.0); /* Sub 1a's gap 5 - 3 */
		assert_int_equal(group_value_class(&m, &m.services[a1], v), GROUP_CLASS_LOW);
		assert_int_equal(group_value_class(&m, &m.services[a1], 0), GROUP_CLASS_HIGH);
	}
	group_model_release(&m);
}

/* The roll-ups are score_rollups' of each organization's own portfolio. */
static void test_rollups_are_the_reports(void **state)
{
	struct fixture *f = *state;
	struct group_model m;
	struct portfolio p;
	struct rollup *ru = NULL;
	size_t n, i, k;

	group(f);
	OK(ops_group_model(f->st, FIX_ORG, FIX_FW, GROUP_BY_CURRENT, &m, oe));
	for (i = 0; i < m.n_orgs; i++) {
		portfolio_init(&p);
		OK(ops_load(f->st, m.orgs[i].name, FIX_FW, &p, oe));
		n = score_rollups(&p, 0, &ru);
		for (k = 0; k < n; k++) {
			const struct group_rollup *g = NULL;
			size_t c;

			if (!ru[k].category)
				g = &m.orgs[i].rollups[m.n_categories];
			for (c = 0; ru[k].category && c < m.n_categories; c++)
				if (!strcmp(m.categories[c].ref, ru[k].category))
					g = &m.orgs[i].rollups[c];
			if (!g)
				continue;
			assert_int_equal(g->n_assessed, ru[k].n_assessed);
			if (g->n_assessed)
				assert_true(g->current == ru[k].current && g->gap == ru[k].gap);
		}
		score_rollups_free(ru, n);
		portfolio_release(&p);
	}
	assert_int_equal(m.orgs[0].rollups[m.n_categories].n_assessed, 1);
	group_model_release(&m);
}

static void test_refusals(void **state)
{
	struct fixture *f = *state;
	struct group_model m;
	struct err e = ERR_INIT;

	assert_int_equal(ops_group_model(f->st, "Nobody", FIX_FW, GROUP_BY_CURRENT, &m, &e),
			 ERR_NOT_FOUND);
	e = (struct err)ERR_INIT;
	assert_int_equal(ops_group_model(f->st, FIX_ORG, "nosuch", GROUP_BY_CURRENT, &m, &e),
			 ERR_NOT_FOUND);
	assert_string_equal(e.field, "framework");
}

static void test_renderings(void **state)
{
	struct fixture *f = *state;
	struct group_model m;
	struct buf b;
	enum group_format fmt;

	group(f);
	OK(ops_group_model(f->st, FIX_ORG, FIX_FW, GROUP_BY_CURRENT, &m, oe));
	buf_init(&b, REPORT_MAX_BYTES);
	assert_int_equal(group_render(&m, GROUP_CSV, LANG_EN, &b), 0);
	/* the provider's name is neutralised, the figures stay numbers */
	assert_non_null(strstr(
	    b.data,
	    "Sub 1,Acme,1,A,A-1,Risk management,basic,outsource,,\"'=cmd()\",4,4,0,high\r\n"));
	buf_reset(&b);
	assert_int_equal(group_render(&m, GROUP_JSON, LANG_EN, &b), 0);
	assert_non_null(strstr(b.data, "\"name\": \"Sub 1a\""));
	assert_non_null(strstr(b.data, "\"median\": 3"));
	{ /* valid JSON, names escaped: what a JSON reader reads back */
		json_error_t jerr;
		json_t *doc = json_loads(b.data, 0, &jerr);
		json_t *team;

		assert_non_null(doc);
		team = json_object_get(
		    json_object_get(
			json_object_get(json_array_get(json_object_get(doc, "organizations"), 2),
					"cells"),
			"A-1"),
		    "team");
		assert_string_equal(json_string_value(team), "Blue \"team\" \\ 1");
		json_decref(doc);
	}
	buf_reset(&b);
	assert_int_equal(group_render(&m, GROUP_TEXT, LANG_JA, &b), 0);
	assert_non_null(strstr(b.data, "グループビュー"));
	buf_reset(&b);
	assert_int_equal(group_render(&m, GROUP_XLSX, LANG_EN, &b), 0);
	assert_true(b.len > 4 && !memcmp(b.data, "PK", 2));
	buf_release(&b);
	group_model_release(&m);
	assert_int_equal(group_format_parse("pdf", &fmt), -1);
	assert_int_equal(group_format_parse("xlsx", &fmt), 0);
	assert_int_equal(fmt, GROUP_XLSX);
}

static const struct group_org *org_named(const struct group_model *m, const char *name)
{
	size_t i;

	for (i = 0; i < m->n_orgs; i++)
		if (!strcmp(m->orgs[i].name, name))
			return &m->orgs[i];
	fail_msg("no organization %s", name);
	return NULL;
}

/* Pages of 2 by name cover the group once, in order; every page's columns and spread are
 * the whole group's (counted scores) and its cells and roll-ups the whole model's. */
static void test_pages(void **state)
{
	struct fixture *f = *state;
	struct ops_actor admin = {0, 1, ROLE_ADMIN, 0};
	struct group_model whole, pg;
	const char *after = "";
	char *next = NULL, seen[8][64];
	size_t n = 0, i, j, k;
	long long id;

	group(f);
	OK(ops_org_add(f->st, &admin, "Sub 2", FIX_ORG, &id, oe)); /* no portfolio */
	OK(ops_org_add(f->st, &admin, "Sub 3", "Sub 1a", &id, oe));
	OK(ops_party_add(f->st, "Sub 3", PARTY_TEAM, "Green", &id, oe));
	OK(ops_portfolio_new(f->st, "Sub 3", FIX_FW, NULL, oe));
	scored(f, "Sub 3", "insource", "Green", NULL, "3",
	       "3"); /* an even count: median of 2 and 3 */
	OK(ops_group_model(f->st, FIX_ORG, FIX_FW, GROUP_BY_CURRENT, &whole, oe));
	assert_int_equal(whole.n_orgs, 5);
	do {
		OK(ops_group_page(f->st, FIX_ORG, FIX_FW, GROUP_BY_CURRENT, after, 2, &pg, oe));
		assert_int_equal(pg.n_total, 5);
		assert_int_equal(pg.first, n + 1);
		assert_true(pg.n_orgs >= 1 && pg.n_orgs <= 2);
		assert_int_equal(pg.n_services, whole.n_services);
		assert_int_equal(pg.n_categories, whole.n_categories);
		for (j = 0; j < whole.n_services; j++) {
			assert_string_equal(pg.services[j].ref, whole.services[j].ref);
			assert_int_equal(pg.services[j].n_assessed, whole.services[j].n_assessed);
			if (!whole.services[j].n_assessed)
				continue;
			assert_true(pg.services[j].min == whole.services[j].min);
			assert_true(pg.services[j].median == whole.services[j].median);
			assert_true(pg.services[j].max == whole.services[j].max);
		}
		for (i = 0; i < pg.n_orgs; i++) {
			const struct group_org *w = org_named(&whole, pg.orgs[i].name);

			assert_true(n < 8);
			snprintf(seen[n++], sizeof seen[0], "%s", pg.orgs[i].name);
			assert_int_equal(pg.orgs[i].has_portfolio, w->has_portfolio);
			assert_int_equal(pg.orgs[i].depth, w->depth);
			if (w->parent)
				assert_string_equal(pg.orgs[i].parent, w->parent);
			else
				assert_null(pg.orgs[i].parent);
			for (j = 0; j < whole.n_services; j++) {
				assert_int_equal(pg.orgs[i].cells[j].selected,
						 w->cells[j].selected);
				assert_int_equal(pg.orgs[i].cells[j].has_current,
						 w->cells[j].has_current);
				assert_true(pg.orgs[i].cells[j].current == w->cells[j].current);
			}
			for (k = 0; k <= whole.n_categories; k++)
				assert_true(pg.orgs[i].rollups[k].current == w->rollups[k].current);
		}
		free(next);
		next = pg.next_after ? strdup(pg.next_after) : NULL;
		after = next;
		group_model_release(&pg);
	} while (next);
	assert_int_equal(n, 5);
	for (i = 1; i < n; i++)
		assert_true(strcmp(seen[i - 1], seen[i]) < 0);
	assert_int_equal(whole.services[service(&whole, "A-1")].n_assessed, 4);
	assert_true(whole.services[service(&whole, "A-1")].median == 3);
	group_model_release(&whole);
}

/* The group figures kept in group_counts equal those counted from the entries. */
static void assert_group_kept(struct fixture *f, const char *when)
{
	char *diff = NULL;
	size_t groups = 0;

	OK(ops_group_check(f->st, 0, &groups, &diff, oe));
	if (diff)
		fail_msg("%s: %s", when, diff);
}

static long long org_id(struct fixture *f, const char *name)
{
	struct org o = {0};
	long long id;

	OK(store_org_find(f->st, name, &o, oe));
	id = o.id;
	org_release(&o);
	return id;
}

/* Entries written, changed and deleted and the tree reshaped: the kept figures of every
 * group follow each change (without the upkeep in store_entry.c and store_org.c the
 * check fails at the first step), a group's spread read from them is the spread of its
 * entries (test_pages compares them), a kept figure made wrong is named by the check and made right
 * by a rebuild. */
static void test_kept_counts(void **state)
{
	struct fixture *f = *state;
	struct ops_actor admin = {0, 1, ROLE_ADMIN, 0};
	static const char *const b1[] = {"B-1"};
	struct group_model m;
	char *diff = NULL;
	size_t groups = 0;
	long long id;

	group(f);
	assert_group_kept(f, "the group built");
	OK(ops_score(f->st, "Sub 1a", FIX_FW, "A-1", "insource", "5", NULL, NULL, -1, NULL, oe));
	assert_group_kept(f, "a score changed");
	OK(ops_score(f->st, "Sub 1a", FIX_FW, "A-1", "insource", NULL, NULL, "a note", -1, NULL,
		     oe));
	assert_group_kept(f, "a note written");
	OK(ops_assign(f->st, FIX_ORG, FIX_FW, "A-1", "outsource", NULL, FIX_PROVIDER, -1, NULL,
		      oe));
	assert_group_kept(f, "the top's own service outsourced");
	OK(ops_select(f->st, "Sub 1a", FIX_FW, b1, 1, "standard", oe));
	assert_group_kept(f, "a service selected");
	OK(ops_service_remove(f->st, "Sub 1a", FIX_FW, "B-1", -1, oe));
	assert_group_kept(f, "a service removed");
	/* Sub 1a (with its entries) moves under Other: Other becomes a group, Sub 1 is one no
	 * more; then back to the top */
	OK(store_org_set_parent(f->st, org_id(f, "Sub 1a"), org_id(f, "Other"), oe));
	assert_group_kept(f, "a subsidiary moved to another parent");
	OK(ops_group_model(f->st, "Other", FIX_FW, GROUP_BY_CURRENT, &m, oe));
	assert_int_equal(m.n_orgs, 2);
	group_model_release(&m);
	OK(store_org_set_parent(f->st, org_id(f, "Sub 1a"), 0, oe));
	assert_group_kept(f, "a subsidiary made an organization of its own");
	OK(store_org_set_parent(f->st, org_id(f, "Other"), org_id(f, "Sub 1a"), oe));
	assert_group_kept(f, "an organization placed under a leaf");
	OK(store_org_set_parent(f->st, org_id(f, "Sub 1a"), org_id(f, FIX_ORG), oe));
	assert_group_kept(f, "a subtree moved under the top");
	OK(ops_org_add(f->st, &admin, "Leaf", "Other", &id, oe));
	assert_group_kept(f, "a first child added");
	OK(ops_org_delete(f->st, &admin, "Leaf", oe));
	assert_group_kept(f, "a last child deleted");
	/* a wrong figure named, then made again */
	OK(db_exec(f->st->db, "UPDATE group_counts SET n = n + 7 WHERE ref = 'A-1'", oe));
	OK(ops_group_check(f->st, 0, &groups, &diff, oe));
	assert_non_null(diff);
	assert_non_null(strstr(diff, "A-1"));
	assert_non_null(strstr(diff, "kept "));
	free(diff);
	OK(ops_group_check(f->st, 1, &groups, &diff, oe));
	free(diff);
	assert_int_equal(groups, 2); /* Acme, and Sub 1a (Other under it); Sub 1 no more */
	assert_group_kept(f, "rebuilt");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_subtree_cells_spread, fixture_setup,
					    fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_rollups_are_the_reports, fixture_setup,
					    fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_refusals, fixture_setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_pages, fixture_setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_renderings, fixture_setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_kept_counts, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
