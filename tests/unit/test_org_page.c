/*
 * Unit tests for one page of the organizations a user can see (store/store_org_page.c):
 * name order, the keyset cursor, the name prefix, a member's organizations only with
 * their roles, the totals, and every page read through an index.
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
#include "store/store_org_page.h"
#include "store/store_user.h"

/* Fixture's "Acme" plus Org 01 .. Org 25, a member of the odd ones (viewer) and Org 02 (admin). */
static long long populate(struct fixture *f)
{
	struct err e = ERR_INIT;
	long long uid = 0, id;
	char name[32];
	int i;

	assert_int_equal(store_user_add(f->st, "mia", NULL, 0, &uid, &e), 0);
	for (i = 1; i <= 25; i++) {
		snprintf(name, sizeof(name), "Org %02d", i);
		assert_int_equal(store_org_add(f->st, name, i > 20 ? "Org 01" : NULL, &id, &e), 0);
		if (i % 2)
			assert_int_equal(store_membership_set(f->st, uid, id, ROLE_VIEWER, 0, &e),
					 0);
		else if (i == 2)
			assert_int_equal(store_membership_set(f->st, uid, id, ROLE_ADMIN, 0, &e),
					 0);
	}
	return uid;
}

static void test_all_in_name_order_by_pages(void **state)
{
	struct fixture *f = *state;
	struct org_page_query q = {.all = true, .limit = 10};
	struct org_page p;
	struct err e = ERR_INIT;
	char last[32];

	populate(f);
	assert_int_equal(store_org_page(f->st, &q, &p, &e), 0);
	assert_int_equal(p.total, 26);
	assert_int_equal(p.n, 10);
	assert_true(p.more);
	assert_string_equal(p.rows[0].org.name, "Acme"); /* "A" < "O" */
	assert_string_equal(p.rows[1].org.name, "Org 01");
	assert_int_equal(p.rows[1].role, -1);
	snprintf(last, sizeof(last), "%s", p.rows[9].org.name);
	assert_string_equal(last, "Org 09");
	org_page_release(&p);

	q.after = last; /* the next page starts after the last name seen */
	assert_int_equal(store_org_page(f->st, &q, &p, &e), 0);
	assert_string_equal(p.rows[0].org.name, "Org 10");
	assert_true(p.more);
	org_page_release(&p);
	q.after = "Org 19";
	assert_int_equal(store_org_page(f->st, &q, &p, &e), 0);
	assert_int_equal(p.n, 6);
	assert_false(p.more);
	assert_string_equal(p.rows[1].org.name, "Org 21");
	assert_string_equal(p.rows[1].org.parent_name, "Org 01");
	assert_int_equal(p.total, 26); /* the total counts every page */
	org_page_release(&p);
}

static void test_member_sees_own_with_roles(void **state)
{
	struct fixture *f = *state;
	struct org_page_query q = {.limit = 5};
	struct org_page p;
	struct err e = ERR_INIT;

	q.user_id = populate(f);
	assert_int_equal(store_org_page(f->st, &q, &p, &e), 0);
	assert_int_equal(p.total, 14); /* 13 odd ones and Org 02 */
	assert_int_equal(p.n, 5);
	assert_string_equal(p.rows[0].org.name, "Org 01");
	assert_int_equal(p.rows[0].role, ROLE_VIEWER);
	assert_string_equal(p.rows[1].org.name, "Org 02");
	assert_int_equal(p.rows[1].role, ROLE_ADMIN);
	assert_string_equal(p.rows[2].org.name, "Org 03");
	org_page_release(&p);
	q.offset = 12; /* the API's page numbers */
	assert_int_equal(store_org_page(f->st, &q, &p, &e), 0);
	assert_int_equal(p.n, 2);
	assert_string_equal(p.rows[1].org.name, "Org 25");
	assert_false(p.more);
	org_page_release(&p);
}

static void test_prefix(void **state)
{
	struct fixture *f = *state;
	struct org_page_query q = {.all = true, .limit = 50, .prefix = "Org 1"};
	struct org_page p;
	struct err e = ERR_INIT;

	populate(f);
	assert_int_equal(store_org_page(f->st, &q, &p, &e), 0);
	assert_int_equal(p.total, 10);
	assert_int_equal(p.n, 10);
	assert_string_equal(p.rows[0].org.name, "Org 10");
	assert_string_equal(p.rows[9].org.name, "Org 19");
	org_page_release(&p);
	q.prefix = "Zeta";
	assert_int_equal(store_org_page(f->st, &q, &p, &e), 0);
	assert_int_equal(p.total, 0);
	assert_int_equal(p.n, 0);
	org_page_release(&p);
	q.prefix = "";
	q.user_id = 999; /* no memberships */
	q.all = false;
	assert_int_equal(store_org_page(f->st, &q, &p, &e), 0);
	assert_int_equal(p.total, 0);
	org_page_release(&p);
}

/* The totals come from counts kept by triggers: they follow additions and removals, a
 * cascade from a deleted organization included. */
static void test_kept_totals(void **state)
{
	struct fixture *f = *state;
	struct org_page_query all = {.all = true, .limit = 5}, mine = {.limit = 5};
	struct org_page p;
	struct err e = ERR_INIT;
	struct org o = {0};

	mine.user_id = populate(f);
	assert_int_equal(store_membership_delete(f->st, mine.user_id, 4, &e), 0); /* Org 03 */
	assert_int_equal(store_org_find(f->st, "Org 05", &o, &e), 0);
	assert_int_equal(store_org_delete(f->st, o.id, &e), 0); /* its membership goes too */
	org_release(&o);
	assert_int_equal(store_org_page(f->st, &all, &p, &e), 0);
	assert_int_equal(p.total, 25);
	org_page_release(&p);
	assert_int_equal(store_org_page(f->st, &mine, &p, &e), 0);
	assert_int_equal(p.total, 12);
	assert_string_equal(p.rows[2].org.name, "Org 07");
	org_page_release(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_all_in_name_order_by_pages, fixture_setup,
					    fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_member_sees_own_with_roles, fixture_setup,
					    fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_prefix, fixture_setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_kept_totals, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
