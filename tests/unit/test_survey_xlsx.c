/* Unit tests for report/survey_xlsx.c and ops/survey_xlsx.c: a survey's Excel template
 * written and read back (the same bytes for the same input, the answers as keys), a
 * respondent's workbook with Japanese headings in another order and words of either
 * language, rows left unanswered, and every refusal naming its cell. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "ops/survey_xlsx.h"
#include "report/survey_xlsx.h"
#include "util/buf.h"

#include "zip_build.h"

#define CELL(ref, text) "<c r=\"" ref "\" t=\"inlineStr\"><is><t>" text "</t></is></c>"

/* A workbook with the sheet Answers (rows) and an About whose B1 names survey and B5 the
 * template's format. */
static char *book(size_t *len, const char *rows, const char *survey)
{
	char about[512];
	snprintf(about, sizeof(about),
		 SHEET_XML("<row r=\"1\">" CELL("A1", "Survey")
			       CELL("B1", "%s") "</row>"
						"<row r=\"5\">" CELL("A5", "Format")
						    CELL("B5", "cdcf-survey 1") "</row>"),
		 survey);
	const struct zip_part parts[] = {
	    {"[Content_Types].xml", XML_HEAD "<Types/>", 0},
	    {"xl/workbook.xml",
	     WORKBOOK_XML(SHEET("Answers", "1", "rId1") SHEET("About", "2", "rId2")), 0},
	    {"xl/_rels/workbook.xml.rels",
	     RELS_XML(REL("rId1", "worksheets/sheet1.xml") REL("rId2", "worksheets/sheet2.xml")),
	     0},
	    {"xl/worksheets/sheet1.xml", rows, 0},
	    {"xl/worksheets/sheet2.xml", about, 0},
	};
	char *data = zip_build(parts, sizeof(parts) / sizeof(parts[0]), len);

	assert_non_null(data);
	return data;
}

/* Japanese headings, the note first and the answer columns in another order. */
static const char answers_ja[] = SHEET_XML(
    "<row r=\"1\">" CELL("A1", "メモ") CELL("B1", "番号") CELL("C1", "現状スコア")
	CELL("D1", "実施") CELL("E1", "割り当て") CELL("F1", "推奨レベル") CELL(
	    "G1",
	    "other") "</row>"
		     "<row r=\"2\">" CELL("A2", " a note ")
			 CELL("B2", "A-1") "<c r=\"C2\"><v>3.0</v></c>" CELL("D2", "はい")
			     CELL("E2", "Outsourced") CELL(
				 "F2",
				 "スタンダード") "</row>"
						 "<row r=\"3\">" CELL("B3", "A-2") CELL(
						     "G3",
						     "not an answer") "</row>"
								      "<row r=\"4\">" CELL("B4",
											   "B-1")
									  CELL(
									      "D4",
									      "NO") "</row>"
										    "<row "
										    "r=\"5\">" CELL(
											"B5",
											"B-2") CELL("C5",
												    "n/a")
											CELL("D5", "yes") CELL(
											    "E5",
											    "インソ"
											    "ース")
											    CELL(
												"F"
												"5",
												"ba"
												"si"
												"c") "</row>");

static void test_read(void **state)
{
	struct ops_survey_xlsx x;
	struct err e = ERR_INIT;
	size_t len;
	char *data = book(&len, answers_ja, "S1");

	(void)state;
	if (ops_survey_read_xlsx(data, len, "book.xlsx", "S1", &x, &e))
		fail_msg("%s: %s", e.where, e.msg);
	assert_int_equal(x.n, 3); /* A-2 has no answer to "implemented" */
	assert_string_equal(x.in[0].ref, "A-1");
	assert_string_equal(x.in[0].implemented, "yes");
	assert_string_equal(x.in[0].level, "standard");
	assert_string_equal(x.in[0].assignment, "outsource");
	assert_string_equal(x.in[0].current, "3");
	assert_string_equal(x.in[0].note, "a note");
	assert_int_equal(x.row[0], 1);
	assert_string_equal(x.in[1].ref, "B-1");
	assert_string_equal(x.in[1].implemented, "no");
	assert_null(x.in[1].level);
	assert_null(x.in[1].assignment);
	assert_string_equal(x.in[2].assignment, "insource");
	assert_string_equal(x.in[2].level, "basic");
	assert_string_equal(x.in[2].current, "n/a");
	assert_int_equal(x.row[2], 4);

	/* a refusal of ops about a service of the workbook gets its cell */
	err_fail(&e, ERR_INVALID, "current", MSG_E_SURVEY_NOT_DONE, "B-2");
	ops_survey_xlsx_where(&x, &e);
	assert_string_equal(e.where, "book.xlsx: Answers!C5");
	ops_survey_xlsx_release(&x);
	free(data);
}

/* rows refused: the error's where is the cell, its message the value */
static void refused(const char *rows, const char *survey, const char *where, const char *word)
{
	struct ops_survey_xlsx x;
	struct err e = ERR_INIT;
	size_t len;
	char *data = book(&len, rows, "S1");

	assert_int_equal(ops_survey_read_xlsx(data, len, "book.xlsx", survey, &x, &e), ERR_INVALID);
	assert_string_equal(e.where, where);
	if (word)
		assert_non_null(strstr(e.msg, word));
	assert_int_equal(x.n, 0);
	assert_null(x.in);
	free(data);
}

#define HEAD                                                                                       \
	"<row r=\"1\">" CELL("A1", "ref") CELL("B1", "Implemented") CELL("C1", "level")            \
	    CELL("D1", "assignment") CELL("E1", "current") "</row>"

static void test_refusals(void **state)
{
	(void)state;
	refused(SHEET_XML(HEAD "<row r=\"7\">" CELL("A7", "A-1") CELL("B7", "maybe") "</row>"),
		"S1", "book.xlsx: Answers!B7", "maybe");
	refused(SHEET_XML(HEAD "<row r=\"3\">" CELL("A3", "A-1") CELL("B3", "yes")
			      CELL("C3", "Superb") "</row>"),
		"S1", "book.xlsx: Answers!C3", "Superb");
	refused(SHEET_XML(HEAD "<row r=\"3\">" CELL("A3", "A-1") CELL("B3", "yes")
			      CELL("C3", "in_scope") "</row>"),
		"S1", "book.xlsx: Answers!C3", "in_scope");
	refused(SHEET_XML(HEAD "<row r=\"2\">" CELL("A2", "A-1") CELL("B2", "yes")
			      CELL("D2", "somebody") "</row>"),
		"S1", "book.xlsx: Answers!D2", "somebody");
	refused(SHEET_XML(HEAD "<row r=\"4\">" CELL("B4", "yes") "</row>"), "S1",
		"book.xlsx: Answers!A4", NULL);
	/* no column Implemented */
	refused(SHEET_XML("<row r=\"1\">" CELL("A1", "ref") CELL("B1", "level") "</row>"), "S1", "",
		"Implemented");
	/* the workbook of another survey */
	refused(SHEET_XML(HEAD), "S2", "book.xlsx: About!B1", "S1");
}

static json_t *desc(void)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:[{s:s,s:s,s:s},{s:s,s:s,s:s}], s:{s:s,s:s}}", "id",
			 (json_int_t)1, "name", "S1", "framework", "x1060-2021", "deadline",
			 "2026-12-31", "services", "ref", "A-1", "name", "Risk management",
			 "category", "A", "ref", "=B-2", "name", "@formula-like", "category", "B",
			 "scale", "insource", "1-5, n/a", "outsource", "0-3");
}

static void test_round_trip(void **state)
{
	json_t *d = desc();
	json_t *answers =
	    json_pack("[{s:s, s:b, s:s, s:s, s:s, s:s}]", "ref", "A-1", "implemented", 1, "level",
		      "advanced", "assignment", "hybrid", "current", "4", "note", "=SUM(A1)");
	struct ops_survey_xlsx x;
	struct err e = ERR_INIT;
	struct buf a, b;
	enum lang l;

	(void)state;
	for (l = 0; l < LANG_COUNT; l++) {
		buf_init(&a, 0);
		buf_init(&b, 0);
		assert_int_equal(report_survey_template_xlsx(&a, d, answers, l), 0);
		assert_int_equal(report_survey_template_xlsx(&b, d, answers, l), 0);
		assert_int_equal(a.len, b.len);
		assert_memory_equal(a.data, b.data, a.len); /* the same bytes */
		assert_int_equal(ops_survey_read_xlsx(a.data, a.len, "t.xlsx", "S1", &x, &e), 0);
		assert_int_equal(x.n, 1);
		assert_string_equal(x.in[0].ref, "A-1");
		assert_string_equal(x.in[0].implemented, "yes");
		assert_string_equal(x.in[0].level, "advanced");
		assert_string_equal(x.in[0].assignment, "hybrid");
		assert_string_equal(x.in[0].current, "4");
		assert_string_equal(x.in[0].note, "=SUM(A1)");
		ops_survey_xlsx_release(&x);
		buf_release(&a);
		buf_release(&b);
	}
	/* an empty template: nothing answered */
	buf_init(&a, 0);
	assert_int_equal(report_survey_template_xlsx(&a, d, NULL, LANG_EN), 0);
	assert_int_equal(ops_survey_read_xlsx(a.data, a.len, "t.xlsx", "S1", &x, &e), 0);
	assert_int_equal(x.n, 0);
	ops_survey_xlsx_release(&x);
	/* read as another survey's */
	assert_int_equal(ops_survey_read_xlsx(a.data, a.len, "t.xlsx", "S9", &x, &e), ERR_INVALID);
	assert_string_equal(e.where, "t.xlsx: About!B1");
	buf_release(&a);
	json_decref(answers);
	json_decref(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_read),
	    cmocka_unit_test(test_refusals),
	    cmocka_unit_test(test_round_trip),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
