/*
 * Unit tests for renaming and deleting organizations, teams and providers
 * (ops/orgs.c): each success, and each refusal with its code, its field,
 * what it says and the database unchanged (fixture_digest before and after).
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

static const struct ops_actor site_admin = {.user_id = 1, .site_admin = 1};
static const struct ops_actor org_admin = {.user_id = 2, .role = ROLE_ADMIN};
static const struct ops_actor editor = {.user_id = 3, .role = ROLE_EDITOR};

/* The party called name of FIX_ORG exists. */
static int party_exists(struct fixture *f, enum party_kind k, const char *name)
{
	struct err e = ERR_INIT;
	long long id = 0;

	return store_party_find(f->st, k, f->org_id, name, &id, &e) == 0 && id;
}

/* Audit events whose action is action. */
static long long audit_count(struct fixture *f, const char *action)
{
	struct audit_event *ev;
	struct err e = ERR_INIT;
	size_t n, i;
	long long c = 0;

	assert_int_equal(store_audit_list(f->st, 0, 0, 1000, &ev, &n, &e), 0);
	for (i = 0; i < n; i++)
		c += !strcmp(ev[i].action, action);
	audit_list_free(ev, n);
	return c;
}

/* Assign refs in-house to FIX_TEAM (and, hybrid, to FIX_PROVIDER). */
static void assign(struct fixture *f, const char *const *refs, size_t n, int hybrid)
{
	size_t i;

	OK(ops_select(f->st, FIX_ORG, FIX_FW, refs, n, "basic", oe));
	for (i = 0; i < n; i++)
		OK(ops_assign(f->st, FIX_ORG, FIX_FW, refs[i], hybrid ? "hybrid" : "insource",
			      FIX_TEAM, hybrid ? FIX_PROVIDER : NULL, -1, NULL, oe));
}

static void test_party_rename(void **state)
{
	struct fixture *f = *state;
	static const char *const refs[] = {"A-1"};
	struct portfolio p;
	char longname[STORE_NAME_MAX + 2];

	assign(f, refs, 1, 1);
	OK(ops_party_rename(f->st, NULL, FIX_ORG, PARTY_TEAM, FIX_TEAM, "Blue", oe));
	OK(ops_party_rename(f->st, &org_admin, FIX_ORG, PARTY_PROVIDER, FIX_PROVIDER, "Red", oe));
	assert_true(party_exists(f, PARTY_TEAM, "Blue"));
	assert_false(party_exists(f, PARTY_TEAM, FIX_TEAM));
	assert_true(party_exists(f, PARTY_PROVIDER, "Red"));
	assert_int_equal(audit_count(f, "team.rename"), 1);
	assert_int_equal(audit_count(f, "provider.rename"), 1);
	/* the assignment follows the party: it is referred to by id */
	portfolio_init(&p);
	OK(ops_load(f->st, FIX_ORG, FIX_FW, &p, oe));
	assert_string_equal(portfolio_find(&p, "A-1")->team, "Blue");
	assert_string_equal(portfolio_find(&p, "A-1")->provider, "Red");
	portfolio_release(&p);
	/* the same name changes nothing and records nothing */
	OK(ops_party_rename(f->st, NULL, FIX_ORG, PARTY_TEAM, "Blue", "Blue", oe));
	assert_int_equal(audit_count(f, "team.rename"), 1);

	OK(ops_party_add(f->st, FIX_ORG, PARTY_TEAM, "Green", NULL, oe));
	assert_refused_saying(
	    f, ERR_CONFLICT, "name", "team 'Blue' already exists in 'Acme'",
	    ops_party_rename(f->st, NULL, FIX_ORG, PARTY_TEAM, "Green", "Blue", &re));
	assert_refused_saying(
	    f, ERR_NOT_FOUND, "", "unknown team 'Nobody' in 'Acme'",
	    ops_party_rename(f->st, NULL, FIX_ORG, PARTY_TEAM, "Nobody", "X", &re));
	assert_refused_saying(
	    f, ERR_NOT_FOUND, "", "unknown organization 'Nowhere'",
	    ops_party_rename(f->st, NULL, "Nowhere", PARTY_TEAM, "Blue", "X", &re));
	assert_refused_saying(f, ERR_INVALID, "name", "team name must not be empty",
			      ops_party_rename(f->st, NULL, FIX_ORG, PARTY_TEAM, "Green", "", &re));
	memset(longname, 'x', sizeof(longname) - 1);
	longname[sizeof(longname) - 1] = '\0';
	assert_refused_saying(
	    f, ERR_TOO_LARGE, "name", "provider name is longer than 200 bytes",
	    ops_party_rename(f->st, NULL, FIX_ORG, PARTY_PROVIDER, "Red", longname, &re));
	assert_refused_saying(
	    f, ERR_DENIED, "", "only administrators of 'Acme'",
	    ops_party_rename(f->st, &editor, FIX_ORG, PARTY_TEAM, "Green", "X", &re));
}

static void test_party_delete(void **state)
{
	struct fixture *f = *state;
	static const char *const refs[] = {"A-1", "A-2", "A-3", "A-4"};
	long long alice, team_id;
	struct err e = ERR_INIT;

	assign(f, refs, 4, 0);
	OK(ops_assign(f->st, FIX_ORG, FIX_FW, "A-4", "hybrid", FIX_TEAM, FIX_PROVIDER, -1, NULL,
		      oe));
	OK(ops_party_add(f->st, FIX_ORG, PARTY_TEAM, "CSIRT", &team_id, oe));
	OK(ops_user_add(f->st, "alice", "$argon2id$a", 0, &alice, oe));
	OK(ops_member_set(f->st, FIX_ORG, "alice", "assessor", "CSIRT", 0, oe));

	assert_refused_saying(
	    f, ERR_CONFLICT, "",
	    "team 'SOC' in 'Acme' is still in use: services 4 (A-1, A-2, A-3, ...), "
	    "assessors 0 (-)",
	    ops_party_delete(f->st, NULL, FIX_ORG, PARTY_TEAM, FIX_TEAM, &re));
	assert_refused_saying(f, ERR_CONFLICT, "", "services 0 (-), assessors 1 (alice)",
			      ops_party_delete(f->st, NULL, FIX_ORG, PARTY_TEAM, "CSIRT", &re));
	assert_refused_saying(
	    f, ERR_CONFLICT, "", "provider 'MSSP' in 'Acme' is still in use: services 1 (A-4)",
	    ops_party_delete(f->st, NULL, FIX_ORG, PARTY_PROVIDER, FIX_PROVIDER, &re));
	assert_refused_saying(
	    f, ERR_NOT_FOUND, "", "unknown provider 'Nobody' in 'Acme'",
	    ops_party_delete(f->st, NULL, FIX_ORG, PARTY_PROVIDER, "Nobody", &re));
	assert_refused_saying(f, ERR_DENIED, "", "only administrators of 'Acme'",
			      ops_party_delete(f->st, &editor, FIX_ORG, PARTY_TEAM, "CSIRT", &re));

	/* once nothing refers to them they go, each with its audit event */
	OK(ops_member_set(f->st, FIX_ORG, "alice", "viewer", "", 0, oe));
	OK(ops_party_delete(f->st, &org_admin, FIX_ORG, PARTY_TEAM, "CSIRT", oe));
	OK(ops_assign(f->st, FIX_ORG, FIX_FW, "A-4", "insource", FIX_TEAM, NULL, -1, NULL, oe));
	OK(ops_party_delete(f->st, &site_admin, FIX_ORG, PARTY_PROVIDER, FIX_PROVIDER, oe));
	assert_false(party_exists(f, PARTY_TEAM, "CSIRT"));
	assert_false(party_exists(f, PARTY_PROVIDER, FIX_PROVIDER));
	assert_int_equal(fixture_count(f, "providers"), 0);
	assert_int_equal(audit_count(f, "team.delete"), 1);
	assert_int_equal(audit_count(f, "provider.delete"), 1);
	(void)e;
}

static void test_org_rename(void **state)
{
	struct fixture *f = *state;
	struct org o = {0};
	struct err e = ERR_INIT;

	OK(ops_org_add(f->st, NULL, "Other", NULL, NULL, oe));
	OK(ops_org_rename(f->st, &org_admin, FIX_ORG, "Acme Group", oe));
	assert_int_equal(store_org_find(f->st, "Acme Group", &o, &e), 0);
	assert_int_equal(o.id, f->org_id);
	org_release(&o);
	assert_int_equal(audit_count(f, "org.rename"), 1);
	OK(ops_org_rename(f->st, &site_admin, "Acme Group", FIX_ORG, oe));

	assert_refused_saying(f, ERR_CONFLICT, "name", "organization 'Other' already exists",
			      ops_org_rename(f->st, NULL, FIX_ORG, "Other", &re));
	assert_refused_saying(f, ERR_INVALID, "name", "organization name must not be empty",
			      ops_org_rename(f->st, NULL, FIX_ORG, "", &re));
	assert_refused_saying(f, ERR_NOT_FOUND, "", "unknown organization 'Nowhere'",
			      ops_org_rename(f->st, NULL, "Nowhere", "X", &re));
	assert_refused_saying(f, ERR_DENIED, "", "administrators of 'Acme' can rename it",
			      ops_org_rename(f->st, &editor, FIX_ORG, "X", &re));
}

static void test_org_delete(void **state)
{
	struct fixture *f = *state;
	long long bob;

	OK(ops_org_add(f->st, NULL, "Branch", FIX_ORG, NULL, oe));
	OK(ops_user_add(f->st, "bob", "$argon2id$b", 0, &bob, oe));
	OK(ops_member_set(f->st, FIX_ORG, "bob", "viewer", NULL, 0, oe));
	assert_refused_saying(f, ERR_CONFLICT, "",
			      "the organization is still in use: portfolios 1 (x1060-2021), child "
			      "organizations 1 (Branch), members 1 (bob)",
			      ops_org_delete(f->st, NULL, FIX_ORG, &re));
	assert_refused_saying(f, ERR_DENIED, "",
			      "only site administrators can delete organizations",
			      ops_org_delete(f->st, &org_admin, "Branch", &re));
	assert_refused_saying(f, ERR_NOT_FOUND, "", "unknown organization 'Nowhere'",
			      ops_org_delete(f->st, NULL, "Nowhere", &re));

	/* an organization nothing refers to goes with its teams and providers */
	OK(ops_party_add(f->st, "Branch", PARTY_TEAM, "Local SOC", NULL, oe));
	OK(ops_party_add(f->st, "Branch", PARTY_PROVIDER, "Local MSSP", NULL, oe));
	OK(ops_org_delete(f->st, &site_admin, "Branch", oe));
	assert_int_equal(fixture_count(f, "organizations"), 1);
	assert_int_equal(fixture_count(f, "teams"), 1);
	assert_int_equal(fixture_count(f, "providers"), 1);
	assert_int_equal(audit_count(f, "org.delete"), 1);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_party_rename),
	    T(test_party_delete),
	    T(test_org_rename),
	    T(test_org_delete),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
