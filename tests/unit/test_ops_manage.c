/*
 * Unit tests for taking a service out of the catalogue (ops_service_remove,
 * ops/manage.c) and for the audit log's filters (store_audit_find,
 * store/store_audit.c): each success, each refusal with its code and field,
 * the database unchanged after every refusal, and what history keeps.
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

/* A-1 basic in-house (SOC) scored 2 -> 4, the custom service Z-1; one open action for A-1;
 * its id. */
static long long build(struct fixture *f)
{
	static const char *const refs[] = {"A-1", "A-2"};
	long long id = 0;

	OK(ops_select(f->st, FIX_ORG, FIX_FW, refs, 2, "basic", oe));
	OK(ops_assign(f->st, FIX_ORG, FIX_FW, "A-1", "insource", FIX_TEAM, NULL, -1, NULL, oe));
	OK(ops_score(f->st, FIX_ORG, FIX_FW, "A-1", "insource", "2", "4", "looked at", -1, NULL,
		     oe));
	OK(ops_service_add(f->st, FIX_ORG, FIX_FW, "Z-1", "Threat hunting", NULL, "A", "advanced",
			   oe));
	OK(ops_action_add(f->st, FIX_ORG, FIX_FW, "A-1", "Write the runbook", NULL, NULL, NULL, &id,
			  oe));
	return id;
}

static int in_catalogue(struct fixture *f, const char *ref)
{
	struct portfolio p;
	int found;

	portfolio_init(&p);
	OK(ops_load(f->st, FIX_ORG, FIX_FW, &p, oe));
	found = portfolio_find(&p, ref) != NULL;
	portfolio_release(&p);
	return found;
}

static long long version_of(struct fixture *f, const char *ref)
{
	struct portfolio p;
	long long v;

	portfolio_init(&p);
	OK(ops_load(f->st, FIX_ORG, FIX_FW, &p, oe));
	assert_non_null(portfolio_find(&p, ref));
	v = portfolio_find(&p, ref)->version;
	portfolio_release(&p);
	return v;
}

static void test_remove_keeps_history(void **state)
{
	struct fixture *f = *state;
	long long id = build(f);
	json_t *answers = json_loads(FIX_ANSWERS, 0, NULL), *snap = NULL;
	struct audit_event *ev = NULL;
	struct audit_filter only = {NULL, "'A-1'", NULL, NULL};
	struct err e = ERR_INIT;
	size_t n = 0;
	char *text;

	OK(ops_evaluate(f->st, FIX_ORG, FIX_FW, answers, "CISO", NULL, oe));
	json_decref(answers);
	/* an open action keeps it in: the refusal names the action */
	{
		char want[128];

		snprintf(want, sizeof(want),
			 "'A-1' still has open improvement actions: 1 (#%lld); mark them done or "
			 "delete them first",
			 id);
		assert_refused_msg(f, ERR_CONFLICT, "ref", want,
				   ops_service_remove(f->st, FIX_ORG, FIX_FW, "A-1", -1, &re));
	}
	OK(ops_action_status(f->st, FIX_ORG, FIX_FW, id, "done", oe));
	/* someone else's newer version */
	assert_refused(
	    f, ERR_CONFLICT, "version",
	    ops_service_remove(f->st, FIX_ORG, FIX_FW, "A-1", version_of(f, "A-1") - 1, &re));
	OK(ops_service_remove(f->st, FIX_ORG, FIX_FW, "A-1", version_of(f, "A-1"), oe));
	assert_false(in_catalogue(f, "A-1"));
	assert_true(in_catalogue(f, "A-2"));
	/* the audit log keeps the values it had */
	assert_int_equal(store_audit_find(f->st, f->org_id, &only, 0, 1, &ev, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_string_equal(ev[0].action, "entry.delete");
	assert_null(ev[0].after_json);
	assert_non_null(strstr(ev[0].before_json, "\"current\":2"));
	assert_non_null(strstr(ev[0].before_json, "\"target\":4"));
	assert_non_null(strstr(ev[0].before_json, "\"team\":\"SOC\""));
	assert_non_null(strstr(ev[0].before_json, "looked at"));
	audit_list_free(ev, n);
	/* the closed cycle keeps it; the done action stays as history */
	OK(ops_cycle_snapshot(f->st, FIX_ORG, FIX_FW, 1, &snap, oe));
	text = json_dumps(snap, JSON_COMPACT);
	assert_non_null(strstr(text, "\"A-1\""));
	free(text);
	json_decref(snap);
	assert_int_equal(fixture_count(f, "actions"), 1);
	/* gone: a second removal is refused; selecting it again starts afresh */
	assert_refused_msg(f, ERR_NOT_FOUND, "ref",
			   "'A-1' is not in the portfolio of 'Acme' for 'x1060-2021'",
			   ops_service_remove(f->st, FIX_ORG, FIX_FW, "A-1", -1, &re));
	{
		static const char *const a1[] = {"A-1"};
		struct portfolio p;

		portfolio_init(&p);
		OK(ops_select(f->st, FIX_ORG, FIX_FW, a1, 1, "standard", oe));
		OK(ops_load(f->st, FIX_ORG, FIX_FW, &p, oe));
		assert_int_equal(portfolio_find(&p, "A-1")->version, 1);
		assert_int_equal(portfolio_find(&p, "A-1")->score[SIDE_INSOURCE].current,
				 SCORE_NONE);
		portfolio_release(&p);
	}
}

static void test_remove_custom_and_refusals(void **state)
{
	struct fixture *f = *state;

	build(f);
	OK(ops_service_remove(f->st, FIX_ORG, FIX_FW, "Z-1", -1, oe));
	assert_false(in_catalogue(f, "Z-1"));
	assert_refused(f, ERR_NOT_FOUND, "ref",
		       ops_service_remove(f->st, FIX_ORG, FIX_FW, "Z-1", -1, &re));
	assert_refused(f, ERR_NOT_FOUND, "ref",
		       ops_service_remove(f->st, FIX_ORG, FIX_FW, NULL, -1, &re));
	assert_refused(f, ERR_NOT_FOUND, "",
		       ops_service_remove(f->st, "Nobody", FIX_FW, "A-2", -1, &re));
	assert_refused(f, ERR_NOT_FOUND, "framework",
		       ops_service_remove(f->st, FIX_ORG, "no-such-fw", "A-2", -1, &re));
	/* a service marked not required is in the catalogue: it can be taken out too */
	{
		static const char *const a2[] = {"A-2"};

		OK(ops_select(f->st, FIX_ORG, FIX_FW, a2, 1, "not_required", oe));
		OK(ops_service_remove(f->st, FIX_ORG, FIX_FW, "A-2", -1, oe));
		assert_false(in_catalogue(f, "A-2"));
	}
}

/* A shipped readiness component is in scope by default: it is marked not applicable, never
 * taken out (its entry would come back unscored); a custom service of that framework can be. */
static void test_remove_readiness_refused(void **state)
{
	struct fixture *f = *state;
	static const char *const psirt = "first-psirt-1.1";

	OK(ops_portfolio_new(f->st, FIX_ORG, psirt, NULL, oe));
	assert_refused_saying(f, ERR_INVALID, "ref", "mark it not applicable",
			      ops_service_remove(f->st, FIX_ORG, psirt, "OF.II.A", -1, &re));
	OK(ops_score(f->st, FIX_ORG, psirt, "OF.II.A", NULL, "1", "3", NULL, -1, NULL, oe));
	assert_refused_saying(f, ERR_INVALID, "ref", "mark it not applicable",
			      ops_service_remove(f->st, FIX_ORG, psirt, "OF.II.A", -1, &re));
	OK(ops_service_add(f->st, FIX_ORG, psirt, "X-1", "Our own", NULL, "OF", NULL, oe));
	OK(ops_service_remove(f->st, FIX_ORG, psirt, "X-1", -1, oe));
}

static size_t found(struct fixture *f, const struct audit_filter *flt, size_t offset, size_t limit)
{
	struct audit_event *ev = NULL;
	struct err e = ERR_INIT;
	size_t n = 0;

	assert_int_equal(store_audit_find(f->st, f->org_id, flt, offset, limit, &ev, &n, &e), 0);
	audit_list_free(ev, n);
	return n;
}

static void test_audit_filters(void **state)
{
	struct fixture *f = *state;
	struct audit_filter flt = {0};
	struct audit_event *ev = NULL;
	struct err e = ERR_INIT;
	char **people = NULL;
	size_t all, alice, n = 0;

	store_set_actor(f->st, "alice");
	build(f);
	store_set_actor(f->st, "bob");
	OK(ops_service_add(f->st, FIX_ORG, FIX_FW, "Z_2", "Odd_name 100%", NULL, "A", NULL, oe));
	all = found(f, NULL, 0, 1000);
	assert_true(all >= 6);
	flt.actor = "bob";
	assert_int_equal(found(f, &flt, 0, 1000), 1);
	flt.actor = "alice";
	alice = found(f, &flt, 0, 1000);
	assert_true(alice >= 5);
	flt.actor = "cli"; /* the fixture's set-up */
	assert_int_equal(found(f, &flt, 0, 1000), all - alice - 1);
	flt.actor = "carol";
	assert_int_equal(found(f, &flt, 0, 1000), 0);
	/* subject: text it contains, any case; LIKE's wildcards are plain text */
	flt.actor = NULL;
	flt.subject = "'z-1'";
	assert_int_equal(found(f, &flt, 0, 1000), 1);
	flt.subject = "Z_";
	assert_int_equal(found(f, &flt, 0, 1000), 1);
	flt.subject = "%";
	assert_int_equal(found(f, &flt, 0, 1000), 0);
	flt.subject = "a-1";
	assert_true(found(f, &flt, 0, 1000) >= 3); /* added, assigned, scored, action */
	/* days: the clock is pinned at FIX_NOW (2026-04-01), bounds included */
	flt.subject = NULL;
	flt.since = "2026-04-01";
	flt.until = "2026-04-01";
	assert_int_equal(found(f, &flt, 0, 1000), all);
	flt.since = "2026-04-02";
	flt.until = NULL;
	assert_int_equal(found(f, &flt, 0, 1000), 0);
	flt.since = NULL;
	flt.until = "2026-03-31";
	assert_int_equal(found(f, &flt, 0, 1000), 0);
	/* paginated: the filter applies before the page */
	flt.until = NULL;
	flt.actor = "alice";
	assert_int_equal(found(f, &flt, 0, 2), 2);
	assert_int_equal(found(f, &flt, alice, 10), 0);
	assert_int_equal(found(f, &flt, alice - 1, 10), 1);
	/* refusals name the filter */
	flt.actor = NULL;
	flt.since = "2026-02-30";
	assert_int_equal(store_audit_find(f->st, f->org_id, &flt, 0, 10, &ev, &n, &e), ERR_INVALID);
	assert_string_equal(e.field, "since");
	err_clear(&e);
	flt.since = NULL;
	flt.until = "yesterday";
	assert_int_equal(store_audit_find(f->st, f->org_id, &flt, 0, 10, &ev, &n, &e), ERR_INVALID);
	assert_string_equal(e.field, "until");
	err_clear(&e);
	{
		char big[AUDIT_FILTER_TEXT_MAX + 2];

		memset(big, 'x', sizeof(big) - 1);
		big[sizeof(big) - 1] = '\0';
		flt.until = NULL;
		flt.subject = big;
		assert_int_equal(store_audit_find(f->st, f->org_id, &flt, 0, 10, &ev, &n, &e),
				 ERR_TOO_LARGE);
		assert_string_equal(e.field, "subject");
	}
	/* the people of the log, for the filter's choices */
	assert_int_equal(store_audit_actors(f->st, f->org_id, &people, &n, &e), 0);
	assert_int_equal(n, 3);
	assert_string_equal(people[0], "alice");
	assert_string_equal(people[1], "bob");
	assert_string_equal(people[2], "cli");
	store_audit_actors_free(people, n);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_remove_keeps_history),
	    T(test_remove_custom_and_refusals),
	    T(test_remove_readiness_refused),
	    T(test_audit_filters),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
