/*
 * Unit tests for editing and deleting improvement actions (ops/manage.c) and
 * for the evaluation of a cycle with nothing selected (ops/evaluate.c): each
 * success, each refusal with its code and field, and the database unchanged
 * after every refusal (fixture_digest before and after).
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

/* A-1 basic in-house (SOC), A-2 basic outsourced (MSSP), A-5 not required; one action
 * for A-1 ("Write the runbook", owner ann, due 2026-05-01, target 4); its id. */
static long long build(struct fixture *f)
{
	static const char *const refs[] = {"A-1", "A-2"};
	static const char *const a5[] = {"A-5"};
	long long id = 0;

	OK(ops_select(f->st, FIX_ORG, FIX_FW, refs, 2, "basic", oe));
	OK(ops_select(f->st, FIX_ORG, FIX_FW, a5, 1, "not_required", oe));
	OK(ops_assign(f->st, FIX_ORG, FIX_FW, "A-1", "insource", FIX_TEAM, NULL, -1, NULL, oe));
	OK(ops_assign(f->st, FIX_ORG, FIX_FW, "A-2", "outsource", NULL, FIX_PROVIDER, -1, NULL,
		      oe));
	OK(ops_action_add(f->st, FIX_ORG, FIX_FW, "A-1", "Write the runbook", "ann", "2026-05-01",
			  "4", &id, oe));
	assert_true(id > 0);
	return id;
}

/* The action id as stored (the caller releases it). */
static void get(struct fixture *f, long long id, struct action *a)
{
	struct err e = ERR_INIT;

	memset(a, 0, sizeof(*a));
	assert_int_equal(store_action_get(f->st, f->portfolio_id, id, a, &e), 0);
}

static long long audit_count(struct fixture *f, const char *action)
{
	struct audit_event *ev = NULL;
	struct err e = ERR_INIT;
	size_t n = 0, i;
	long long k = 0;

	assert_int_equal(store_audit_list(f->st, f->org_id, 0, 1000, &ev, &n, &e), 0);
	for (i = 0; i < n; i++)
		k += ev[i].action && !strcmp(ev[i].action, action);
	audit_list_free(ev, n);
	return k;
}

static void test_edit_each_field(void **state)
{
	struct fixture *f = *state;
	long long id = build(f);
	struct action a;

	OK(ops_action_edit(f->st, FIX_ORG, FIX_FW, id, "Write and test the runbook", NULL, NULL,
			   NULL, oe));
	get(f, id, &a);
	assert_string_equal(a.title, "Write and test the runbook");
	assert_string_equal(a.owner, "ann");
	assert_string_equal(a.due, "2026-05-01");
	assert_int_equal(a.target, 4);
	assert_string_equal(a.status, "open");
	action_release(&a);
	/* an owner outside the organization is typed as a name */
	OK(ops_action_edit(f->st, FIX_ORG, FIX_FW, id, NULL, "External auditor", "2026-06-30", "3",
			   oe));
	get(f, id, &a);
	assert_string_equal(a.title, "Write and test the runbook");
	assert_string_equal(a.owner, "External auditor");
	assert_string_equal(a.due, "2026-06-30");
	assert_int_equal(a.target, 3);
	action_release(&a);
	assert_int_equal(audit_count(f, "action.edit"), 2);
}

static void test_edit_clears(void **state)
{
	struct fixture *f = *state;
	long long id = build(f);
	struct action a;

	OK(ops_action_edit(f->st, FIX_ORG, FIX_FW, id, NULL, "", "", "", oe));
	get(f, id, &a);
	assert_string_equal(a.title, "Write the runbook");
	assert_null(a.owner);
	assert_null(a.due);
	assert_int_equal(a.target, SCORE_NONE);
	action_release(&a);
}

static void test_edit_unchanged_writes_nothing(void **state)
{
	struct fixture *f = *state;
	long long id = build(f);
	char before[65], after[65];

	fixture_digest(f, before);
	OK(ops_action_edit(f->st, FIX_ORG, FIX_FW, id, "Write the runbook", "ann", "2026-05-01",
			   "4", oe));
	OK(ops_action_edit(f->st, FIX_ORG, FIX_FW, id, NULL, NULL, NULL, NULL, oe));
	fixture_digest(f, after);
	assert_string_equal(before, after);
	assert_int_equal(audit_count(f, "action.edit"), 0);
}

static void test_edit_refused(void **state)
{
	struct fixture *f = *state;
	long long id = build(f), other = 0;
	char long_title[STORE_TEXT_MAX + 2];

	memset(long_title, 't', sizeof(long_title) - 1);
	long_title[sizeof(long_title) - 1] = '\0';
	assert_refused(f, ERR_INVALID, "title",
		       ops_action_edit(f->st, FIX_ORG, FIX_FW, id, "", NULL, NULL, NULL, &re));
	assert_refused(
	    f, ERR_TOO_LARGE, "title",
	    ops_action_edit(f->st, FIX_ORG, FIX_FW, id, long_title, NULL, NULL, NULL, &re));
	assert_refused(
	    f, ERR_INVALID, "due",
	    ops_action_edit(f->st, FIX_ORG, FIX_FW, id, NULL, NULL, "2026-02-30", NULL, &re));
	assert_refused(f, ERR_INVALID, "target",
		       ops_action_edit(f->st, FIX_ORG, FIX_FW, id, NULL, NULL, NULL, "9", &re));
	assert_refused(f, ERR_NOT_FOUND, "",
		       ops_action_edit(f->st, FIX_ORG, FIX_FW, 99, "T", NULL, NULL, NULL, &re));
	assert_refused(f, ERR_NOT_FOUND, "",
		       ops_action_edit(f->st, "Nobody", FIX_FW, id, "T", NULL, NULL, NULL, &re));
	/* a new target for an action whose service is no longer selected */
	OK(ops_action_add(f->st, FIX_ORG, FIX_FW, "A-2", "Review the contract", NULL, NULL, "3",
			  &other, oe));
	{
		static const char *const a2[] = {"A-2"};
		OK(ops_select(f->st, FIX_ORG, FIX_FW, a2, 1, "not_required", oe));
	}
	assert_refused(f, ERR_INVALID, "ref",
		       ops_action_edit(f->st, FIX_ORG, FIX_FW, other, NULL, NULL, NULL, "4", &re));
	/* its title can still change, also with its stored target sent back (as a form does) */
	OK(ops_action_edit(f->st, FIX_ORG, FIX_FW, other, "Close the contract", NULL, NULL, "3",
			   oe));
	{
		struct action a;
		get(f, other, &a);
		assert_string_equal(a.title, "Close the contract");
		assert_int_equal(a.target, 3);
		action_release(&a);
	}
}

static void test_delete(void **state)
{
	struct fixture *f = *state;
	long long id = build(f);
	struct action *list = NULL;
	struct err e = ERR_INIT;
	size_t n = 0;

	assert_refused(f, ERR_NOT_FOUND, "", ops_action_delete(f->st, FIX_ORG, FIX_FW, 99, &re));
	assert_refused(f, ERR_NOT_FOUND, "", ops_action_delete(f->st, "Nobody", FIX_FW, id, &re));
	OK(ops_action_delete(f->st, FIX_ORG, FIX_FW, id, oe));
	assert_int_equal(store_action_list(f->st, f->portfolio_id, NULL, &list, &n, &e), 0);
	assert_int_equal(n, 0);
	action_list_free(list, n);
	assert_int_equal(audit_count(f, "action.delete"), 1);
	assert_refused(f, ERR_NOT_FOUND, "", ops_action_delete(f->st, FIX_ORG, FIX_FW, id, &re));
}

static void test_evaluate_empty_cycle(void **state)
{
	struct fixture *f = *state;
	static const char *const a5[] = {"A-5"};
	json_t *answers = json_loads(FIX_ANSWERS, 0, NULL);

	/* an empty catalogue, then one holding only a service marked not required */
	assert_refused(f, ERR_INVALID, "catalogue",
		       ops_evaluate(f->st, FIX_ORG, FIX_FW, answers, "CISO", NULL, &re));
	OK(ops_select(f->st, FIX_ORG, FIX_FW, a5, 1, "not_required", oe));
	assert_refused(f, ERR_INVALID, "catalogue",
		       ops_evaluate(f->st, FIX_ORG, FIX_FW, answers, "CISO", NULL, &re));
	{
		struct err re = ERR_INIT;
		ops_evaluate(f->st, FIX_ORG, FIX_FW, answers, "CISO", NULL, &re);
		assert_string_equal(re.msg, "nothing is selected in the catalogue of 'Acme' for "
					    "'x1060-2021', so there is nothing to evaluate");
	}
	build(f);
	OK(ops_evaluate(f->st, FIX_ORG, FIX_FW, answers, "CISO", NULL, oe));
	json_decref(answers);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_edit_each_field), T(test_edit_clears), T(test_edit_unchanged_writes_nothing),
	    T(test_edit_refused),    T(test_delete),	  T(test_evaluate_empty_cycle),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
