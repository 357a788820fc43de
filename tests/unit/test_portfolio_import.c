/* Unit tests for io/portfolio_import.c, io/csv_read.c and ops/import.c: headings in any
 * language, level and assignment words in English, Japanese or as keys, the changes
 * listed, a dry run and a refused row storing nothing, and the bounds of the CSV reader. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"
#include "io/csv_read.h"
#include "io/portfolio_import.h"
#include "ops/ops.h"
#include "ops/ops_import.h"
#include "util/buf.h"

#include "zip_build.h"

static int setup(void **state)
{
	struct fixture *f;
	const char *refs[] = {"A-1", "A-2"};
	int rc = fixture_setup(state);

	if (rc)
		return rc;
	f = *state;
	OK(ops_select(f->st, FIX_ORG, FIX_FW, refs, 2, "basic", oe));
	OK(ops_assign(f->st, FIX_ORG, FIX_FW, "A-1", "insource", FIX_TEAM, NULL, -1, NULL, oe));
	OK(ops_score(f->st, FIX_ORG, FIX_FW, "A-1", "insource", "3", "5", NULL, -1, NULL, oe));
	return 0;
}

static void read_csv(const char *text, struct portfolio_import *in)
{
	struct err e = ERR_INIT;
	int rc = portfolio_import_read_csv(text, strlen(text), "p.csv", in, &e);

	if (rc)
		fail_msg("refused: %s", e.msg);
}

static const struct entry *entry_of(struct fixture *f, struct portfolio *p, const char *ref)
{
	portfolio_init(p);
	OK(ops_load(f->st, FIX_ORG, FIX_FW, p, oe));
	return portfolio_find(p, ref);
}

static void test_words_and_changes(void **state)
{
	struct fixture *f = *state;
	struct portfolio_import in;
	struct ops_import_result res;
	struct portfolio p;
	const struct entry *en;
	char before[65], after[65];
	struct err e = ERR_INIT;

	/* Japanese headings, in another order; words in either language and keys */
	read_csv("\xEF\xBB\xBF番号,推奨レベル,割り当て,チーム,委託先,インソース 現状,"
		 "Outsourced current,outsource.target,メモ\r\n"
		 "A-1,スタンダード,In-house,SOC,,4,,,\"checked, twice\"\r\n"
		 "A-2,advanced,アウトソース,,MSSP,,2,4,\r\n"
		 "\r\n"
		 "B-1,Basic,,,,,,,\r\n",
		 &in);
	/* the rows with values, read one at a time */
	assert_int_equal(portfolio_import_next(&in, &e), 1);
	assert_string_equal(in.row.cell[PCOL_REF], "A-1");
	assert_int_equal(portfolio_import_next(&in, &e), 1);
	assert_int_equal(portfolio_import_next(&in, &e), 1);
	assert_int_equal(in.row.line, 5);
	assert_int_equal(in.n, 3);
	assert_int_equal(portfolio_import_next(&in, &e), 0);
	fixture_digest(f, before);
	OK(ops_import(f->st, NULL, FIX_ORG, FIX_FW, &in, 1, &res, oe));
	fixture_digest(f, after);
	assert_string_equal(before, after); /* a dry run stores nothing */
	assert_int_equal(res.entries, 3);
	assert_int_equal(res.n, 9);
	assert_string_equal(res.v[0].ref, "A-1");
	assert_string_equal(res.v[0].input, "level");
	assert_string_equal(res.v[0].was, "basic");
	assert_string_equal(res.v[0].now, "standard");
	assert_string_equal(res.v[1].input, "insource.current");
	assert_string_equal(res.v[1].was, "3");
	assert_string_equal(res.v[1].now, "4");
	assert_string_equal(res.v[2].now, "checked, twice");
	assert_string_equal(res.v[8].ref, "B-1");
	assert_string_equal(res.v[8].was, "");
	assert_string_equal(res.v[8].now, "basic");
	ops_import_result_release(&res);

	OK(ops_import(f->st, NULL, FIX_ORG, FIX_FW, &in, 0, &res, oe));
	assert_int_equal(res.n, 9);
	ops_import_result_release(&res);
	en = entry_of(f, &p, "A-2");
	assert_int_equal(en->level, LEVEL_ADVANCED);
	assert_int_equal(en->assignment, ASSIGN_OUTSOURCE);
	assert_string_equal(en->provider, FIX_PROVIDER);
	assert_int_equal(en->score[SIDE_OUTSOURCE].target, 4);
	portfolio_release(&p);

	/* the same file again changes nothing */
	fixture_digest(f, before);
	OK(ops_import(f->st, NULL, FIX_ORG, FIX_FW, &in, 0, &res, oe));
	assert_int_equal(res.n, 0);
	fixture_digest(f, after);
	assert_string_equal(before, after);
	ops_import_result_release(&res);
	portfolio_import_release(&in);
}

static void test_refused_row_stores_nothing(void **state)
{
	static const char twice[] = "ref,level\nA-1,basic\nA-1,standard\n";
	struct fixture *f = *state;
	struct portfolio_import in;
	struct ops_import_result res;
	char before[65], after[65];
	struct err e = ERR_INIT;

	/* a ref twice is refused, naming both places */
	read_csv(twice, &in);
	fixture_digest(f, before);
	assert_int_equal(ops_import(f->st, NULL, FIX_ORG, FIX_FW, &in, 0, &res, &e), ERR_INVALID);
	fixture_digest(f, after);
	assert_string_equal(before, after);
	assert_int_equal(res.n_problems, 1);
	assert_non_null(
	    strstr(e.msg, "p.csv:3:1 (ref='A-1'): 'A-1' appears twice (first at p.csv:2:1"));
	ops_import_result_release(&res);
	portfolio_import_release(&in);

	read_csv("ref,level,insource.current,version\n"
		 "A-1,standard,4,\n"
		 "A-2,bogus,,\n"
		 "Z-9,basic,,\n"
		 "A-1x,basic,7,\n",
		 &in);
	fixture_digest(f, before);
	e = (struct err)ERR_INIT;
	assert_int_equal(ops_import(f->st, NULL, FIX_ORG, FIX_FW, &in, 0, &res, &e), ERR_INVALID);
	fixture_digest(f, after);
	assert_string_equal(before, after);
	assert_int_equal(res.n_problems, 3);
	assert_non_null(strstr(res.problems[0].msg, "p.csv:3:2 (level='bogus'): unknown "
						    "recommendation level 'bogus'"));
	assert_non_null(strstr(res.problems[1].msg, "p.csv:4:1 (ref='Z-9')"));
	assert_non_null(strstr(res.problems[2].msg, "p.csv:5:1 (ref='A-1x')"));
	assert_string_equal(e.msg, res.problems[0].msg);
	ops_import_result_release(&res);
	portfolio_import_release(&in);

	/* someone else's newer version */
	read_csv("ref,insource.current,version\nA-1,4,1\n", &in);
	fixture_digest(f, before);
	assert_int_equal(ops_import(f->st, NULL, FIX_ORG, FIX_FW, &in, 0, &res, &e), ERR_CONFLICT);
	fixture_digest(f, after);
	assert_string_equal(before, after);
	assert_non_null(strstr(res.problems[0].msg, "p.csv:2:3 (version='1')"));
	ops_import_result_release(&res);
	portfolio_import_release(&in);
}

static void test_workbook(void **state)
{
	struct fixture *f = *state;
	const struct zip_part parts[] = {
	    {"xl/workbook.xml",
	     WORKBOOK_XML(SHEET("About", "2", "rId2") SHEET("Portfolio", "1", "rId1")), 0},
	    {"xl/_rels/workbook.xml.rels",
	     RELS_XML(REL("rId1", "worksheets/sheet1.xml") REL("rId2", "/xl/worksheets/s2.xml")),
	     0},
	    {"xl/worksheets/sheet1.xml",
	     SHEET_XML("<row r=\"1\">"
		       "<c r=\"A1\" t=\"inlineStr\"><is><t>Ref</t></is></c>"
		       "<c r=\"B1\" t=\"inlineStr\"><is><t>Service</t></is></c>"
		       "<c r=\"D1\" t=\"inlineStr\"><is><t>Recommendation level</t></is></c>"
		       "<c r=\"H1\" t=\"inlineStr\"><is><t>In-house current</t></is></c>"
		       "<c r=\"M1\" t=\"inlineStr\"><is><t>Version</t></is></c></row>"
		       "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>A-1</t></is></c>"
		       "<c r=\"B2\" t=\"inlineStr\"><is><t>ignored</t></is></c>"
		       "<c r=\"D2\" t=\"inlineStr\"><is><t>アドバンスド</t></is></c>"
		       "<c r=\"H2\"><v>9</v></c><c r=\"M2\"><v>3</v></c></row>"),
	     0},
	    {"xl/worksheets/s2.xml",
	     SHEET_XML("<row r=\"1\"><c r=\"B1\" t=\"inlineStr\"><is><t>Acme</t></is></c></row>"
		       "<row r=\"2\"><c r=\"B2\" t=\"inlineStr\"><is><t>x1060-2021</t></is></c>"
		       "</row>"),
	     0},
	};
	struct portfolio_import in;
	struct ops_import_result res;
	struct err e = ERR_INIT;
	size_t len = 0;
	char *data = zip_build(parts, sizeof(parts) / sizeof(parts[0]), &len);
	char before[65], after[65];

	assert_non_null(data);
	assert_int_equal(portfolio_import_read_xlsx(data, len, "book.xlsx", &in, &e), 0);
	assert_string_equal(in.org, FIX_ORG);
	assert_string_equal(in.framework, FIX_FW);
	assert_int_equal(portfolio_import_next(&in, &e), 1);
	assert_int_equal(in.row.version, 3);
	assert_string_equal(in.row.cell[PCOL_NAME], "ignored");
	assert_int_equal(portfolio_import_next(&in, &e), 0);
	fixture_digest(f, before);
	assert_int_equal(ops_import(f->st, NULL, in.org, in.framework, &in, 0, &res, &e),
			 ERR_INVALID);
	fixture_digest(f, after);
	assert_string_equal(before, after);
	assert_non_null(strstr(res.problems[0].msg,
			       "book.xlsx: Portfolio!H2 (insource.current='9'): "
			       "current score for 'A-1' must be"));
	ops_import_result_release(&res);
	portfolio_import_release(&in);
	free(data);
}

/* text refused by the CSV side of the import, saying want */
static void csv_refused(const char *text, size_t len, int code, const char *want)
{
	struct portfolio_import in;
	struct err e = ERR_INIT;
	int rc = portfolio_import_read_csv(text, len, "p.csv", &in, &e);

	/* the heading when the file is opened, the rows as they are read */
	while (!rc) {
		rc = portfolio_import_next(&in, &e);
		if (rc != 1)
			break;
		rc = in.row.problem.code;
		if (rc)
			err_copy(&e, &in.row.problem);
	}
	portfolio_import_release(&in);
	assert_int_equal(rc, code);
	if (!strstr(e.msg, want))
		fail_msg("'%s' does not say '%s'", e.msg, want);
}

static void test_csv_bounds(void **state)
{
	static const char bad_utf8[] = "ref,note\nA-1,ok\nA-2,caf\xC3\x28\n";
	static const char quote[] = "ref,note\nA-1,a\"b\n";
	static const char unclosed[] = "ref,note\nA-1,\"open\n";
	static const char after_quote[] = "ref,note\nA-1,\"a\"b\n";
	struct buf b;
	size_t i;
	char *big;

	(void)state;
	csv_refused(bad_utf8, sizeof(bad_utf8) - 1, ERR_INVALID,
		    "p.csv:3:2: the text is not valid UTF-8");
	csv_refused(quote, sizeof(quote) - 1, ERR_INVALID, "p.csv:2:2: a quote");
	csv_refused(unclosed, sizeof(unclosed) - 1, ERR_INVALID, "not closed");
	csv_refused(after_quote, sizeof(after_quote) - 1, ERR_INVALID, "after the closing quote");
	csv_refused("", 0, ERR_INVALID, "p.csv: no heading row");
	csv_refused("ref,levle\n", 10, ERR_INVALID, "p.csv:1:2: heading 'levle' is not one of");
	csv_refused("ref,note,メモ\n", 16, ERR_INVALID, "column 'note' appears twice");
	csv_refused("level\nbasic\n", 12, ERR_INVALID, "no column 'ref'");
	csv_refused("ref,level\n,basic\n", 17, ERR_INVALID,
		    "p.csv:2:1 (ref=''): a row with values has no ref");
	csv_refused("ref,version\nA-1,x\n", 18, ERR_INVALID,
		    "version of 'A-1' must be a whole number");
	/* a field past its ceiling, too many fields, too many rows: each refused */
	big = malloc(CSV_FIELD_MAX + 16);
	memcpy(big, "ref\n", 4);
	memset(big + 4, 'a', CSV_FIELD_MAX + 1);
	csv_refused(big, CSV_FIELD_MAX + 5, ERR_TOO_LARGE, "p.csv:2:1: a field is longer than");
	free(big);
	buf_init(&b, (size_t)64 << 20);
	buf_addstr(&b, "ref");
	for (i = 0; i < CSV_FIELDS_MAX; i++)
		buf_addstr(&b, ",x");
	csv_refused(b.data, b.len, ERR_TOO_LARGE, "more than 256 fields");
	buf_reset(&b);
	buf_addstr(&b, "ref,level\n");
	for (i = 0; i <= PORTFOLIO_IMPORT_ROWS_MAX + 1; i++)
		buf_printf(&b, "R-%zu,basic\n", i);
	assert_int_equal(buf_status(&b), 0);
	csv_refused(b.data, b.len, ERR_TOO_LARGE, "more than");
	buf_release(&b);
}

static void test_words(void **state)
{
	char buf[16];

	(void)state;
	assert_string_equal(portfolio_import_level("ベーシック"), "basic");
	assert_string_equal(portfolio_import_level("Not required"), "not_required");
	assert_string_equal(portfolio_import_level("未選択"), "");
	assert_string_equal(portfolio_import_level("STANDARD"), "standard");
	assert_string_equal(portfolio_import_level("other"), "other");
	assert_string_equal(portfolio_import_assignment("ハイブリッド"), "hybrid");
	assert_string_equal(portfolio_import_assignment("outsource"), "outsource");
	assert_string_equal(portfolio_import_assignment(""), "unassigned");
	portfolio_import_score("3.0", buf, sizeof(buf));
	assert_string_equal(buf, "3");
	portfolio_import_score("N/A", buf, sizeof(buf));
	assert_string_equal(buf, "n/a");
	portfolio_import_score("3.5", buf, sizeof(buf));
	assert_string_equal(buf, "3.5");
}

/* Many refused rows: the first OPS_IMPORT_PROBLEMS_MAX listed in order, all counted, the
 * database unchanged; rows of another organization than the one given are refused. */
static void test_problems_bounded(void **state)
{
	struct fixture *f = *state;
	struct portfolio_import in;
	struct ops_import_result res;
	struct err e = ERR_INIT;
	char before[65], after[65];
	struct buf b;
	size_t i;

	buf_init(&b, (size_t)1 << 20);
	buf_addstr(&b, "ref,level\nA-1,standard\n");
	for (i = 0; i < OPS_IMPORT_PROBLEMS_MAX + 50; i++)
		buf_printf(&b, "Z-%zu,basic\n", i);
	read_csv(b.data, &in);
	fixture_digest(f, before);
	assert_int_equal(ops_import(f->st, NULL, FIX_ORG, FIX_FW, &in, 0, &res, &e), ERR_NOT_FOUND);
	fixture_digest(f, after);
	assert_string_equal(before, after);
	assert_int_equal(res.n_problems, OPS_IMPORT_PROBLEMS_MAX);
	assert_int_equal(res.refused, OPS_IMPORT_PROBLEMS_MAX + 50);
	assert_int_equal(res.n, 0);
	assert_non_null(strstr(res.problems[0].msg, "p.csv:3:1 (ref='Z-0')"));
	assert_non_null(strstr(res.problems[99].msg, "p.csv:102:1 (ref='Z-99')"));
	ops_import_result_release(&res);
	portfolio_import_release(&in);

	buf_reset(&b);
	buf_printf(&b, "organization,ref,level\n%s,A-1,standard\nOther,A-2,basic\n", FIX_ORG);
	read_csv(b.data, &in);
	assert_int_equal(ops_import(f->st, NULL, FIX_ORG, FIX_FW, &in, 1, &res, &e), ERR_INVALID);
	assert_int_equal(res.n_problems, 1);
	assert_non_null(strstr(e.msg, "p.csv:3:1 (organization='Other'): 'A-2' is a row of the "
				      "organization 'Other'"));
	ops_import_result_release(&res);
	/* without an organization for the file, each row's own */
	assert_int_equal(ops_import(f->st, NULL, NULL, FIX_FW, &in, 1, &res, &e), ERR_NOT_FOUND);
	assert_non_null(strstr(e.msg, "p.csv:3:1 (organization='Other'): unknown organization"));
	ops_import_result_release(&res);
	portfolio_import_release(&in);
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_words_and_changes, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_refused_row_stores_nothing, setup,
					    fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_workbook, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_problems_bounded, setup, fixture_teardown),
	    cmocka_unit_test(test_csv_bounds),
	    cmocka_unit_test(test_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
