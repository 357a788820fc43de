/*
 * Unit tests for the provider's view (ops/ops_provider_view.h): a provider
 * organization sees only the outsourced and hybrid services of the clients that
 * link a provider to it and share, with their outsourced side only; nothing
 * before sharing, after it stops or after unlinking, nothing of another
 * provider; only administrators change links; refusals store nothing; pages
 * follow each other without loss or repetition.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/framework.h"
#include "fixture.h"
#include "ops/ops.h"
#include "ops/ops_provider_view.h"

#define PROV_ORG "Secure MSSP"
#define OTHER_ORG "Other MSSP"

/* FIX_ORG: A-1 outsourced to FIX_PROVIDER (2 -> 4, a note), A-2 hybrid (in-house 5 -> 5,
 * outsourced 1 -> 3), A-3 in-house (4 -> 4), A-4 outsourced to "Vendor" (3 -> 3);
 * organizations PROV_ORG and OTHER_ORG; returns PROV_ORG's id. */
static long long build(struct fixture *f, long long *other_id)
{
	static const char *const refs[] = {"A-1", "A-2", "A-3", "A-4"};
	long long prov_id, vendor_id;

	OK(ops_org_add(f->st, NULL, PROV_ORG, NULL, &prov_id, oe));
	OK(ops_org_add(f->st, NULL, OTHER_ORG, NULL, other_id, oe));
	OK(ops_party_add(f->st, FIX_ORG, PARTY_PROVIDER, "Vendor", &vendor_id, oe));
	OK(ops_select(f->st, FIX_ORG, FIX_FW, refs, 4, "basic", oe));
	OK(ops_assign(f->st, FIX_ORG, FIX_FW, "A-1", "outsource", NULL, FIX_PROVIDER, -1, NULL,
		      oe));
	OK(ops_score(f->st, FIX_ORG, FIX_FW, "A-1", "outsource", "2", "4", "monthly review", -1,
		     NULL, oe));
	OK(ops_assign(f->st, FIX_ORG, FIX_FW, "A-2", "hybrid", FIX_TEAM, FIX_PROVIDER, -1, NULL,
		      oe));
	OK(ops_score(f->st, FIX_ORG, FIX_FW, "A-2", "insource", "5", "5", NULL, -1, NULL, oe));
	OK(ops_score(f->st, FIX_ORG, FIX_FW, "A-2", "outsource", "1", "3", NULL, -1, NULL, oe));
	OK(ops_assign(f->st, FIX_ORG, FIX_FW, "A-3", "insource", FIX_TEAM, NULL, -1, NULL, oe));
	OK(ops_score(f->st, FIX_ORG, FIX_FW, "A-3", "insource", "4", "4", "in-house only", -1, NULL,
		     oe));
	OK(ops_assign(f->st, FIX_ORG, FIX_FW, "A-4", "outsource", NULL, "Vendor", -1, NULL, oe));
	OK(ops_score(f->st, FIX_ORG, FIX_FW, "A-4", "outsource", "3", "3", NULL, -1, NULL, oe));
	return prov_id;
}

static void view(struct fixture *f, long long org_id, struct provider_client_page *pg)
{
	OK(ops_provider_clients(f->st, org_id, NULL, 0, PROVIDER_PAGE_MAX, pg, oe));
}

static void test_only_shared_outsourced_services(void **state)
{
	struct fixture *f = *state;
	struct provider_client_page pg;
	long long other, prov = build(f, &other);

	OK(ops_provider_link(f->st, NULL, FIX_ORG, FIX_PROVIDER, PROV_ORG, oe));
	view(f, prov, &pg);
	assert_int_equal(pg.n, 0); /* linked, not shared */
	assert_int_equal(pg.total, 0);
	provider_client_page_release(&pg);

	OK(ops_provider_share(f->st, NULL, FIX_ORG, FIX_PROVIDER, true, oe));
	view(f, prov, &pg);
	assert_int_equal(pg.n, 2);
	assert_int_equal(pg.total, 2);
	assert_int_equal(pg.total_clients, 1);
	assert_false(pg.more);
	assert_string_equal(pg.rows[0].client, FIX_ORG);
	assert_string_equal(pg.rows[0].ref_id, "A-1");
	assert_string_equal(pg.rows[0].assignment, "outsource");
	assert_int_equal(pg.rows[0].out_current, 2);
	assert_int_equal(pg.rows[0].out_target, 4);
	assert_string_equal(pg.rows[0].note, "monthly review");
	assert_string_equal(pg.rows[0].level, "basic");
	assert_string_equal(ops_provider_service_name(&pg.rows[0], "en"), "Risk management");
	/* the hybrid service: its outsourced side, never the in-house 5 */
	assert_string_equal(pg.rows[1].ref_id, "A-2");
	assert_int_equal(pg.rows[1].out_current, 1);
	assert_int_equal(pg.rows[1].out_target, 3);
	provider_client_page_release(&pg);

	/* another provider organization sees nothing of it */
	view(f, other, &pg);
	assert_int_equal(pg.n, 0);
	provider_client_page_release(&pg);
}

static void test_not_after_revoke_or_unlink(void **state)
{
	struct fixture *f = *state;
	struct provider_client_page pg;
	long long other, prov = build(f, &other);
	bool has;

	OK(ops_provider_link(f->st, NULL, FIX_ORG, FIX_PROVIDER, PROV_ORG, oe));
	OK(ops_provider_share(f->st, NULL, FIX_ORG, FIX_PROVIDER, true, oe));
	OK(ops_provider_has_clients(f->st, prov, &has, oe));
	assert_true(has);
	OK(ops_provider_share(f->st, NULL, FIX_ORG, FIX_PROVIDER, false, oe));
	view(f, prov, &pg);
	assert_int_equal(pg.n, 0);
	provider_client_page_release(&pg);
	OK(ops_provider_has_clients(f->st, prov, &has, oe));
	assert_false(has);

	/* moved to another organization: not shared there until the client says so */
	OK(ops_provider_share(f->st, NULL, FIX_ORG, FIX_PROVIDER, true, oe));
	OK(ops_provider_link(f->st, NULL, FIX_ORG, FIX_PROVIDER, OTHER_ORG, oe));
	view(f, prov, &pg);
	assert_int_equal(pg.n, 0);
	provider_client_page_release(&pg);
	view(f, other, &pg);
	assert_int_equal(pg.n, 0);
	provider_client_page_release(&pg);

	OK(ops_provider_share(f->st, NULL, FIX_ORG, FIX_PROVIDER, true, oe));
	OK(ops_provider_unlink(f->st, NULL, FIX_ORG, FIX_PROVIDER, oe));
	view(f, other, &pg);
	assert_int_equal(pg.n, 0);
	provider_client_page_release(&pg);
	assert_int_equal(fixture_count(f, "provider_links"), 0);
}

static void test_other_provider_of_the_client(void **state)
{
	struct fixture *f = *state;
	struct provider_client_page pg;
	long long other, prov = build(f, &other);

	/* the client's "Vendor" goes to OTHER_ORG: it sees A-4 only; PROV_ORG nothing */
	OK(ops_provider_link(f->st, NULL, FIX_ORG, "Vendor", OTHER_ORG, oe));
	OK(ops_provider_share(f->st, NULL, FIX_ORG, "Vendor", true, oe));
	view(f, other, &pg);
	assert_int_equal(pg.n, 1);
	assert_string_equal(pg.rows[0].ref_id, "A-4");
	assert_string_equal(pg.rows[0].provider, "Vendor");
	provider_client_page_release(&pg);
	view(f, prov, &pg);
	assert_int_equal(pg.n, 0);
	provider_client_page_release(&pg);
}

static void test_refusals(void **state)
{
	struct fixture *f = *state;
	struct ops_actor editor = {.user_id = 7, .role = ROLE_EDITOR};
	struct ops_actor admin = {.user_id = 8, .role = ROLE_ADMIN};
	long long other;

	build(f, &other);
	assert_refused(f, ERR_DENIED, "",
		       ops_provider_link(f->st, &editor, FIX_ORG, FIX_PROVIDER, PROV_ORG, &re));
	assert_refused(f, ERR_INVALID, "organization",
		       ops_provider_link(f->st, NULL, FIX_ORG, FIX_PROVIDER, FIX_ORG, &re));
	assert_refused(f, ERR_NOT_FOUND, "organization",
		       ops_provider_link(f->st, NULL, FIX_ORG, FIX_PROVIDER, "Nobody", &re));
	assert_refused(f, ERR_NOT_FOUND, "provider",
		       ops_provider_link(f->st, NULL, FIX_ORG, "Nobody", PROV_ORG, &re));
	assert_refused(f, ERR_NOT_FOUND, "",
		       ops_provider_share(f->st, NULL, FIX_ORG, FIX_PROVIDER, true, &re));
	assert_refused(f, ERR_NOT_FOUND, "",
		       ops_provider_unlink(f->st, NULL, FIX_ORG, FIX_PROVIDER, &re));
	OK(ops_provider_link(f->st, &admin, FIX_ORG, FIX_PROVIDER, PROV_ORG, oe));
	assert_refused(f, ERR_DENIED, "",
		       ops_provider_share(f->st, &editor, FIX_ORG, FIX_PROVIDER, true, &re));
	assert_refused(f, ERR_DENIED, "",
		       ops_provider_unlink(f->st, &editor, FIX_ORG, FIX_PROVIDER, &re));
	OK(ops_provider_share(f->st, &admin, FIX_ORG, FIX_PROVIDER, true, oe));
}

static void test_pages(void **state)
{
	struct fixture *f = *state;
	struct provider_client_page pg;
	struct provider_cursor at = {0, 0, 0};
	struct err e = ERR_INIT;
	long long other, prov = build(f, &other);
	const char *seen[3] = {0};
	size_t k = 0;

	OK(ops_provider_link(f->st, NULL, FIX_ORG, FIX_PROVIDER, PROV_ORG, oe));
	OK(ops_provider_share(f->st, NULL, FIX_ORG, FIX_PROVIDER, true, oe));
	OK(ops_provider_link(f->st, NULL, FIX_ORG, "Vendor", PROV_ORG, oe));
	OK(ops_provider_share(f->st, NULL, FIX_ORG, "Vendor", true, oe));
	for (;;) {
		OK(ops_provider_clients(f->st, prov, &at, 0, 1, &pg, oe));
		assert_int_equal(pg.total, 3);
		if (!pg.n) {
			provider_client_page_release(&pg);
			break;
		}
		assert_int_equal(pg.n, 1);
		assert_true(k < 3);
		seen[k++] = strcmp(pg.rows[0].ref_id, "A-1")
				? strcmp(pg.rows[0].ref_id, "A-2") ? "A-4" : "A-2"
				: "A-1";
		at = pg.rows[0].at;
		assert_int_equal(pg.more, k < 3);
		provider_client_page_release(&pg);
	}
	assert_int_equal(k, 3);
	assert_string_equal(seen[0], "A-1");
	assert_string_equal(seen[1], "A-2");
	assert_string_equal(seen[2], "A-4");
	assert_int_equal(ops_provider_clients(f->st, prov, NULL, 0, 0, &pg, &e), ERR_INVALID);
	assert_int_equal(ops_provider_cursor_parse("1.2", &at, &e), ERR_INVALID);
	OK(ops_provider_cursor_parse("1.2.3", &at, oe));
	assert_int_equal(at.entry_id, 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_only_shared_outsourced_services, fixture_setup,
					    fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_not_after_revoke_or_unlink, fixture_setup,
					    fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_other_provider_of_the_client, fixture_setup,
					    fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_refusals, fixture_setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_pages, fixture_setup, fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
