/*
 * Unit tests for the write of portfolio entries (store/store_entry.c): the audit log's
 * text of an entry is exactly what jansson writes for store_entry_json, whatever the text
 * holds; a write of a loaded portfolio (store_entry_put_loaded, the path of ops' batches and
 * imports) stores the same entry, version and audit event as store_entry_put, writes only
 * what changed, and writes nothing for an entry that did not change.
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
#include "store/store.h"
#include "store/store_int.h"

static void assert_text_as_jansson(const struct entry *en)
{
	json_t *j = store_entry_json(en);
	char *mine = store_entry_json_text(en);
	char *theirs = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY);

	json_decref(j);
	assert_non_null(mine);
	assert_non_null(theirs);
	assert_string_equal(mine, theirs);
	free(mine);
	free(theirs);
}

static void test_json_text_is_jansson(void **state)
{
	struct entry en;
	char every[128];
	int i;

	(void)state;
	memset(&en, 0, sizeof(en));
	en.ref_id = "A-1";
	en.level = LEVEL_STANDARD;
	en.assignment = ASSIGN_HYBRID;
	en.score[SIDE_INSOURCE].current = 3;
	en.score[SIDE_INSOURCE].target = SCORE_NA;
	en.score[SIDE_OUTSOURCE].current = SCORE_NONE;
	en.score[SIDE_OUTSOURCE].target = 100;
	en.version = 12345678901LL;
	assert_text_as_jansson(&en); /* no party, no note: nulls */

	for (i = 1; i < 128; i++) /* every ASCII byte, control characters included */
		every[i - 1] = (char)i;
	every[127] = '\0';
	en.note = every;
	en.team = "SOC \"blue\" \\ team";
	en.provider = "プロバイダー／MSSP";
	en.evidence = "https://example.org/a?b=c&d=e\nhttps://例え.jp/</script>";
	assert_text_as_jansson(&en);

	en.custom = 1;
	en.custom_name_en = "Custom\tservice";
	en.custom_name_ja = "独自サービス";
	en.custom_category = NULL;
	en.note = "";
	assert_text_as_jansson(&en);
}

/* The portfolio as stored, loaded. */
static void load(struct fixture *f, struct portfolio *p)
{
	struct err e = ERR_INIT;

	portfolio_init(p);
	if (store_portfolio_load(f->st, f->portfolio_id, p, &e))
		fail_msg("store_portfolio_load: %s", e.msg);
}

static size_t events(struct fixture *f, struct audit_event **list)
{
	struct err e = ERR_INIT;
	size_t n = 0;

	assert_int_equal(store_audit_list(f->st, f->org_id, 0, 100, list, &n, &e), 0);
	return n;
}

static void test_put_loaded_as_put(void **state)
{
	struct fixture *f = *state;
	struct err e = ERR_INIT;
	struct entry en, old, *stored;
	struct audit_event *ev = NULL;
	struct portfolio p;
	char before[65], after[65];
	size_t n0, n;

	/* a new entry through store_entry_put */
	memset(&en, 0, sizeof(en));
	en.ref_id = "A-1";
	en.level = LEVEL_BASIC;
	en.assignment = ASSIGN_INSOURCE;
	en.score[SIDE_INSOURCE].current = 2;
	en.score[SIDE_INSOURCE].target = 4;
	en.score[SIDE_OUTSOURCE].current = en.score[SIDE_OUTSOURCE].target = SCORE_NONE;
	en.team = strdup(FIX_TEAM);
	assert_int_equal(store_entry_put(f->st, f->portfolio_id, &en, -1, &e), 0);
	assert_int_equal(en.team_id, f->team_id);
	free(en.team);
	n0 = events(f, &ev);
	audit_list_free(ev, n0);

	/* the same entry, loaded, changed in one score and written back */
	load(f, &p);
	stored = portfolio_find(&p, "A-1");
	assert_non_null(stored);
	entry_copy(&old, stored);
	stored->score[SIDE_INSOURCE].current = 3;
	stored->note = strdup("reviewed");
	assert_int_equal(store_tx_begin(f->st, &e), 0);
	assert_int_equal(store_entry_put_loaded(f->st, &p, &old, stored, &e), 0);
	assert_int_equal(store_tx_end(f->st, 0, &e), 0);
	assert_int_equal(stored->version, 2);

	/* stored as written, the team kept, one event with before and after as text */
	portfolio_release(&p);
	load(f, &p);
	stored = portfolio_find(&p, "A-1");
	assert_int_equal(stored->score[SIDE_INSOURCE].current, 3);
	assert_int_equal(stored->score[SIDE_INSOURCE].target, 4);
	assert_string_equal(stored->note, "reviewed");
	assert_int_equal(stored->team_id, f->team_id);
	assert_string_equal(stored->team, FIX_TEAM);
	assert_int_equal(stored->version, 2);
	n = events(f, &ev);
	assert_int_equal(n, n0 + 1);
	assert_string_equal(ev[0].action, "entry.update");
	/* the update names its entry, what changed and the versions; nothing else */
	assert_string_equal(
	    ev[0].before_json,
	    "{\"ref\":\"A-1\",\"insource\":{\"current\":2},\"note\":null,\"version\":1}");
	assert_string_equal(ev[0].after_json, "{\"ref\":\"A-1\",\"insource\":{\"current\":3},"
					      "\"note\":\"reviewed\",\"version\":2}");
	audit_list_free(ev, n);

	/* nothing changed: nothing written, no event, the version stays */
	entry_release(&old);
	entry_copy(&old, stored);
	fixture_digest(f, before);
	assert_int_equal(store_tx_begin(f->st, &e), 0);
	assert_int_equal(store_entry_put_loaded(f->st, &p, &old, stored, &e), 0);
	assert_int_equal(store_tx_end(f->st, 0, &e), 0);
	fixture_digest(f, after);
	assert_string_equal(before, after);
	assert_int_equal(stored->version, 2);

	/* a provider unknown to the organization is refused, nothing stored */
	free(stored->provider);
	stored->provider = strdup("Nobody Ltd");
	stored->provider_id = 0;
	assert_int_equal(store_tx_begin(f->st, &e), 0);
	assert_int_not_equal(store_entry_put_loaded(f->st, &p, &old, stored, &e), 0);
	store_tx_end(f->st, 1, &e);
	fixture_digest(f, after);
	assert_string_equal(before, after);
	assert_int_equal(stored->version, 2);
	entry_release(&old);
	portfolio_release(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_json_text_is_jansson),
	    cmocka_unit_test_setup_teardown(test_put_loaded_as_put, fixture_setup,
					    fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
