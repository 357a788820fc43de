/*
 * Unit tests for the audit log in people's words (report/audit_log.c): which
 * fields count as changed, their names and values in each language, and the
 * CSV for spreadsheets (byte order mark, headings, formulas neutralised, one
 * row per changed field).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "report/audit_log.h"
#include "util/buf.h"

/* The changes as "field|before|after\n" lines. */
static int collect(void *ctx, const char *field, const char *before, const char *after)
{
	return buf_printf(ctx, "%s|%s|%s\n", field, before, after);
}

static void changes_are(enum lang lang, const char *before, const char *after, long rows,
			const char *want)
{
	struct buf b;

	buf_init(&b, 1 << 16);
	assert_int_equal(audit_changes(lang, before, after, collect, &b), rows);
	assert_string_equal(b.data, want);
	buf_release(&b);
}

static void test_changes(void **state)
{
	(void)state;
	/* a score side field by field; version, unchanged and empty fields left out */
	changes_are(LANG_EN,
		    "{\"ref\":\"A-1\",\"level\":\"basic\",\"team\":null,\"note\":\"\","
		    "\"insource\":{\"current\":2,\"target\":4},\"version\":3}",
		    "{\"ref\":\"A-1\",\"level\":\"advanced\",\"team\":null,\"note\":null,"
		    "\"insource\":{\"current\":3,\"target\":4},\"version\":4}",
		    2,
		    "Recommendation level|Basic|Advanced\n"
		    "In-house score \xE2\x80\x94 Current|2|3\n");
	/* a removal: what it had; words in Japanese, times as on the pages */
	changes_are(
	    LANG_JA,
	    "{\"ref\":\"A-2\",\"assignment\":\"outsource\",\"provider\":\"MSSP\","
	    "\"created_at\":\"2026-04-01T09:30:00Z\",\"status\":\"done\",\"role\":\"editor\"}",
	    NULL, 6,
	    "サービス|A-2|\n割り当て|アウトソース|\n委託先|MSSP|\n"
	    "作成日時|2026-04-01 09:30 UTC|\n状態|完了|\n役割|編集者|\n");
	/* nothing to compare, and nothing changed */
	changes_are(LANG_EN, NULL, NULL, -1, "");
	changes_are(LANG_EN, "[1]", "not json", -1, "");
	changes_are(LANG_EN, "{\"a\":1}", "{\"a\":1}", 0, "");
	/* a key without words is shown as it is */
	changes_are(LANG_EN, NULL, "{\"brand_new\":true}", 1, "brand_new||yes\n");
}

static void test_event_words(void **state)
{
	char when[32];

	(void)state;
	assert_string_equal(audit_event_words(LANG_EN, "entry.delete"), "Service removed");
	assert_string_equal(audit_event_words(LANG_JA, "entry.delete"), "サービスを削除");
	assert_string_equal(audit_event_words(LANG_EN, "no.such"), "Other change");
	assert_string_equal(audit_event_words(LANG_EN, NULL), "Other change");
	audit_time_words("2026-04-01T09:30:59Z", when);
	assert_string_equal(when, "2026-04-01 09:30 UTC");
	audit_time_words("yesterday", when);
	assert_string_equal(when, "yesterday");
}

static void test_csv(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 1 << 16);
	assert_int_equal(audit_csv_begin(&b, LANG_JA), 0);
	assert_int_equal(audit_csv_event(&b, LANG_JA, "2026-04-01T09:30:00Z", "=cmd|' /C calc'!A0",
					 "entry.update", "'A-1' in 'Acme, Inc.'",
					 "{\"note\":\"@SUM(1)\"}", "{\"note\":\"-2+3\"}"),
			 0);
	assert_int_equal(audit_csv_event(&b, LANG_JA, "2026-04-01T09:31:00Z", "bob",
					 "session.create", "user 'bob'", NULL, NULL),
			 0);
	assert_string_equal(
	    b.data, "\xEF\xBB\xBF"
		    "日時,実行者,操作,対象,項目,変更前,変更後\r\n"
		    "2026-04-01 09:30 UTC,\"'=cmd|' /C calc'!A0\",サービスを変更,\"'A-1' in 'Acme, "
		    "Inc.'\",メモ,\"'@SUM(1)\",\"'-2+3\"\r\n"
		    "2026-04-01 09:31 UTC,bob,サインイン,user 'bob',,,\r\n");
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_changes),
	    cmocka_unit_test(test_event_words),
	    cmocka_unit_test(test_csv),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
