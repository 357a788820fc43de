/* Unit tests for report/report*.c: every format, both languages, escaping, ceilings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "core/level.h"
#include "core/snapshot.h"
#include "report/charts.h"
#include "report/model.h"
#include "report/report.h"
#include "report/text_width.h"
#include "util/xalloc.h"

/* A tiny catalogue: three categories with one service each (C-1 provisional),
 * plus A-2 for the not_required case. */
static struct fw_node nodes[] = {
    {.ref_id = "A",
     .kind = NODE_CATEGORY,
     .parent = -1,
     .depth = 1,
     .name_en = "Governance",
     .name_ja = "統括"},
    {.ref_id = "A-1",
     .kind = NODE_SERVICE,
     .parent = 0,
     .depth = 2,
     .assessable = 1,
     .name_en = "Risk management",
     .name_ja = "リスクマネジメント"},
    {.ref_id = "A-2",
     .kind = NODE_SERVICE,
     .parent = 0,
     .depth = 2,
     .assessable = 1,
     .name_en = "Policy management",
     .name_ja = "ポリシー管理"},
    {.ref_id = "B",
     .kind = NODE_CATEGORY,
     .parent = -1,
     .depth = 1,
     .name_en = "Monitoring",
     .name_ja = "監視"},
    {.ref_id = "B-1",
     .kind = NODE_SERVICE,
     .parent = 3,
     .depth = 2,
     .assessable = 1,
     .name_en = "Security monitoring",
     .name_ja = "セキュリティ監視"},
    {.ref_id = "C",
     .kind = NODE_CATEGORY,
     .parent = -1,
     .depth = 1,
     .name_en = "Response",
     .name_ja = "対応"},
    {.ref_id = "C-1",
     .kind = NODE_SERVICE,
     .parent = 5,
     .depth = 2,
     .assessable = 1,
     .name_en = "Threat hunting",
     .name_ja = "脅威ハンティング",
     .status = STATUS_PROVISIONAL},
};

static struct framework fw = {
    .id = "t-fw",
    .name_en = "Test framework",
    .name_ja = "テスト用フレームワーク",
    .nodes = nodes,
    .n_nodes = sizeof(nodes) / sizeof(nodes[0]),
    .rubric = {{.min_score = 1, .max_score = 5, .has_na = 1},
	       {.min_score = 1, .max_score = 5, .has_na = 1}},
};

static struct entry *add(struct portfolio *p, const char *ref, enum level l, enum assignment a,
			 int side, int cur, int tgt)
{
	struct entry *e = portfolio_add_entry(p, ref);
	e->level = l;
	e->assignment = a;
	if (side >= 0) {
		e->score[side].current = cur;
		e->score[side].target = tgt;
	}
	return e;
}

/* The seed's example: A-1 Basic in-house (AB department) 3 -> 5; B-1 Standard
 * outsourced (Z-MSSP) 2 -> 4; C-1 Advanced unassigned 1 -> 2 (in-house side). */
static void seed(struct portfolio *p)
{
	struct entry *e;

	portfolio_init(p);
	p->fw = &fw;
	p->framework_id = xstrdup("t-fw");
	p->org_name = xstrdup("Example Corp");
	p->cycle = 1;
	e = add(p, "A-1", LEVEL_BASIC, ASSIGN_INSOURCE, SIDE_INSOURCE, 3, 5);
	e->team = xstrdup("AB department");
	e = add(p, "B-1", LEVEL_STANDARD, ASSIGN_OUTSOURCE, SIDE_OUTSOURCE, 2, 4);
	e->provider = xstrdup("Z-MSSP");
	add(p, "C-1", LEVEL_ADVANCED, ASSIGN_UNASSIGNED, SIDE_INSOURCE, 1, 2);
}

static char *render(const struct portfolio *p, enum report_format f, enum lang lang)
{
	struct err e = ERR_INIT;
	struct buf b;
	char *out;

	buf_init(&b, 0);
	assert_int_equal(report_render(p, f, lang, &b, &e), 0);
	assert_int_equal(e.code, 0);
	out = buf_detach(&b, NULL);
	buf_release(&b);
	return out;
}

/* The line of text that starts with prefix, copied (without its newline). */
static char *line_starting(const char *text, const char *prefix)
{
	const char *p = text, *end;

	while (p && *p) {
		if (!strncmp(p, prefix, strlen(prefix))) {
			end = strchr(p, '\n');
			return xstrndup(p, end ? (size_t)(end - p) : strlen(p));
		}
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	fail_msg("no line starts with '%s'", prefix);
	return NULL;
}

static void test_format_parse(void **state)
{
	(void)state;
	assert_int_equal(report_format_parse("text"), REPORT_TEXT);
	assert_int_equal(report_format_parse("txt"), REPORT_TEXT);
	assert_int_equal(report_format_parse("md"), REPORT_MD);
	assert_int_equal(report_format_parse("markdown"), REPORT_MD);
	assert_int_equal(report_format_parse("csv"), REPORT_CSV);
	assert_int_equal(report_format_parse("json"), REPORT_JSON);
	assert_int_equal(report_format_parse("html"), REPORT_HTML);
	assert_int_equal(report_format_parse("pdf"), ERR_INVALID);
	assert_int_equal(report_format_parse(NULL), ERR_INVALID);
	assert_string_equal(report_format_mime(REPORT_HTML), "text/html; charset=utf-8");
	assert_string_equal(report_format_ext(REPORT_TEXT), "txt");
	assert_string_equal(report_format_name(REPORT_MD), "md");
}

static void test_csv(void **state)
{
	struct portfolio p;
	char *out;
	(void)state;

	seed(&p);
	out = render(&p, REPORT_CSV, LANG_EN);
	assert_string_equal(
	    out,
	    "ref,name,category,level,assignment,team,provider,insource_current,insource_target,"
	    "outsource_current,outsource_target,current,target,gap,provisional,note\r\n"
	    "A-1,Risk management,A,basic,insource,AB department,,3,5,,,3,5,2,false,\r\n"
	    "B-1,Security monitoring,B,standard,outsource,,Z-MSSP,,,2,4,2,4,2,false,\r\n"
	    "C-1,Threat hunting,C,advanced,unassigned,,,1,2,,,1,2,1,true,\r\n");
	free(out);
	out = render(&p, REPORT_CSV, LANG_JA);
	assert_non_null(strstr(out, "\r\nA-1,リスクマネジメント,A,basic,insource,AB department,"));
	free(out);
	/* a figure we computed stays a number, even a negative gap */
	add(&p, "Y-1", LEVEL_STANDARD, ASSIGN_INSOURCE, SIDE_INSOURCE, 4, 3);
	out = render(&p, REPORT_CSV, LANG_EN);
	assert_non_null(strstr(out, "\r\nY-1,Y-1,,standard,insource,,,4,3,,,4,3,-1,false,\r\n"));
	free(out);
	portfolio_release(&p);
}

static void test_csv_injection(void **state)
{
	struct portfolio p;
	struct entry *e;
	char *out;
	(void)state;

	seed(&p);
	e = add(&p, "X-1", LEVEL_OPTIONAL, ASSIGN_HYBRID, SIDE_INSOURCE, SCORE_NA, SCORE_NA);
	e->custom = 1;
	e->custom_category = xstrdup("A");
	e->custom_name_en = xstrdup("=HYPERLINK(\"http://evil.test\",\"x\")");
	e->team = xstrdup("+cmd|' /C calc'!A0");
	e->provider = xstrdup("-2+3");
	e->note = xstrdup("@SUM(1,2)\nsecond line");
	out = render(&p, REPORT_CSV, LANG_EN);
	assert_non_null(
	    strstr(out, "\r\nX-1,\"'=HYPERLINK(\"\"http://evil.test\"\",\"\"x\"\")\",A,"
			"optional,hybrid,\"'+cmd|' /C calc'!A0\",\"'-2+3\",n/a,n/a,,,,,,false,"
			"\"'@SUM(1,2)\nsecond line\"\r\n"));
	/* no cell of the row starts with a formula character */
	assert_null(strstr(out, ",="));
	assert_null(strstr(out, ",+"));
	assert_null(strstr(out, ",-"));
	assert_null(strstr(out, ",@"));
	assert_null(strstr(out, ",\"="));
	free(out);
	portfolio_release(&p);
}

/* The CSV for spreadsheets: a BOM, CRLF, the model's language, the same
 * figures as the machine CSV, formulas neutralised as there. */
static void test_csv_excel(void **state)
{
	struct portfolio p;
	struct entry *e;
	const char *q;
	char *out;
	(void)state;

	assert_int_equal(report_format_parse("csv-excel"), REPORT_CSV_EXCEL);
	assert_string_equal(report_format_ext(REPORT_CSV_EXCEL), "csv");
	assert_string_equal(report_format_mime(REPORT_CSV_EXCEL), "text/csv; charset=utf-8");
	seed(&p);
	out = render(&p, REPORT_CSV_EXCEL, LANG_EN);
	assert_string_equal(
	    out, "\xEF\xBB\xBF"
		 "Ref,Service,Category,Recommendation level,Assignment,Team,Provider,"
		 "In-house current,In-house target,Outsourced current,Outsourced target,"
		 "Current,Target,Gap,Provisional,Note\r\n"
		 "A-1,Risk management,Governance,Basic,In-house,AB department,,3,5,,,3,5,2,no,\r\n"
		 "B-1,Security monitoring,Monitoring,Standard,Outsourced,,Z-MSSP,,,2,4,2,4,2,no,"
		 "\r\n"
		 "C-1,Threat hunting,Response,Advanced,Unassigned,,,1,2,,,1,2,1,yes,\r\n");
	free(out);
	/* n/a and not assessed in words; a negative gap stays a number */
	add(&p, "A-2", LEVEL_BASIC, ASSIGN_INSOURCE, SIDE_INSOURCE, SCORE_NA, SCORE_NA);
	add(&p, "Y-1", LEVEL_STANDARD, ASSIGN_INSOURCE, SIDE_INSOURCE, 4, 3);
	add(&p, "Y-2", LEVEL_STANDARD, ASSIGN_OUTSOURCE, -1, 0, 0);
	out = render(&p, REPORT_CSV_EXCEL, LANG_EN);
	assert_non_null(strstr(out, "\r\nA-2,Policy management,Governance,Basic,In-house,,,"
				    "n/a,n/a,,,n/a,n/a,n/a,no,\r\n"));
	assert_non_null(strstr(out, "\r\nY-1,Y-1,,Standard,In-house,,,4,3,,,4,3,-1,no,\r\n"));
	assert_non_null(strstr(out, "\r\nY-2,Y-2,,Standard,Outsourced,,,,,,,"
				    "not assessed,not assessed,not assessed,no,\r\n"));
	free(out);
	out = render(&p, REPORT_CSV_EXCEL, LANG_JA);
	assert_memory_equal(out, "\xEF\xBB\xBF\xE7\x95\xAA\xE5\x8F\xB7,", 7); /* BOM, "番号," */
	assert_non_null(strstr(out, "\r\nA-1,リスクマネジメント,統括,ベーシック,インソース,"
				    "AB department,,3,5,,,3,5,2,いいえ,\r\n"));
	assert_non_null(strstr(out, "\r\nA-2,ポリシー管理,統括,ベーシック,インソース,,,"
				    "対象外,対象外,,,対象外,対象外,対象外,いいえ,\r\n"));
	assert_non_null(strstr(out, ",未評価,未評価,未評価,いいえ,\r\n"));
	assert_non_null(strstr(out, "\r\nC-1,脅威ハンティング,対応,アドバンスド,未割り当て,"));
	assert_non_null(strstr(out, ",はい,\r\n"));
	/* every line ends in CRLF: no bare LF */
	for (q = strchr(out, '\n'); q; q = strchr(q + 1, '\n'))
		assert_int_equal(q[-1], '\r');
	free(out);
	/* formulas in text cells are neutralised as in the machine CSV */
	e = add(&p, "X-1", LEVEL_OPTIONAL, ASSIGN_HYBRID, SIDE_INSOURCE, SCORE_NA, SCORE_NA);
	e->custom = 1;
	e->custom_category = xstrdup("A");
	e->custom_name_en = xstrdup("=HYPERLINK(\"http://evil.test\",\"x\")");
	e->team = xstrdup("+cmd|' /C calc'!A0");
	e->provider = xstrdup("-2+3");
	e->note = xstrdup("@SUM(1,2)");
	out = render(&p, REPORT_CSV_EXCEL, LANG_EN);
	assert_non_null(strstr(
	    out, "\r\nX-1,\"'=HYPERLINK(\"\"http://evil.test\"\",\"\"x\"\")\",Governance,"
		 "Optional,Hybrid,\"'+cmd|' /C calc'!A0\",\"'-2+3\",n/a,n/a,,,n/a,n/a,n/a,no,"
		 "\"'@SUM(1,2)\"\r\n"));
	assert_null(strstr(out, ",="));
	assert_null(strstr(out, ",+"));
	assert_null(strstr(out, ",@"));
	assert_null(strstr(out, ",\"="));
	free(out);
	portfolio_release(&p);
}

static void test_markdown(void **state)
{
	struct portfolio p;
	char *out;
	(void)state;

	seed(&p);
	p.entries[0].note = xstrdup("a | b");
	out = render(&p, REPORT_MD, LANG_EN);
	assert_true(
	    !strncmp(out, "# Service portfolio report\n\n- **Organization**: Example Corp\n",
		     strlen("# Service portfolio report\n\n- **Organization**: Example Corp\n")));
	assert_non_null(strstr(out, "- **Framework**: Test framework (t-fw)\n- **Cycle**: 1\n"));
	assert_non_null(strstr(
	    out, "## Service portfolio\n\n"
		 "| Service | Recommendation level | Assignment | Scores by side | Current | "
		 "Target | Gap |\n"
		 "| --- | --- | --- | --- | ---: | ---: | ---: |\n"
		 "| A-1 Risk management | Basic | In-house (AB department) |  | 3 | 5 | 2 |\n"
		 "| B-1 Security monitoring | Standard | Outsourced (Z-MSSP) |  | 2 | 4 | 2 |\n"
		 "| C-1 Threat hunting (provisional) | Advanced | Unassigned | "
		 "In-house 1 \xE2\x86\x92 2 | 1 | 2 | 1 |\n"));
	assert_non_null(strstr(out, "## Gaps by priority\n"));
	assert_non_null(strstr(
	    out, "| 1 | A-1 Risk management | Basic | In-house (AB department) | 3 | 5 | 2 |\n"));
	assert_non_null(strstr(out, "## Scores by category\n"));
	assert_non_null(strstr(out, "| A Governance | 1 | 1 | 3 | 5 | 2 | A-1 |\n"));
	assert_non_null(strstr(out, "| Overall | 3 | 3 | 2 | 3.67 | 1.67 | A-1, B-1, C-1 |\n"));
	assert_non_null(strstr(out, "## Build progress\n"));
	assert_non_null(strstr(out, "| Service portfolio | selected services with current and "
				    "target scored | 3 | 3 | 100% |\n"));
	assert_non_null(strstr(out, "| Service profile | selected services assigned in-house, "
				    "outsourced or both | 2 | 3 | 67% |\n"));
	/* a pipe in data cannot break the table */
	assert_non_null(strstr(out, "| A-1 Risk management | a \\| b |\n"));
	free(out);
	portfolio_release(&p);
}

static void test_text(void **state)
{
	struct portfolio p;
	char expect[256], *out, *line;
	(void)state;

	seed(&p);
	out = render(&p, REPORT_TEXT, LANG_EN);
	assert_true(!strncmp(out, "Service portfolio report\n========================\n\n",
			     strlen("Service portfolio report\n========================\n\n")));
	assert_non_null(strstr(out, "Organization: Example Corp\n"));
	assert_non_null(strstr(out, "Framework:    Test framework (t-fw)\n"));
	/* columns: widest cell per column, two spaces between, figures right-aligned */
	line = line_starting(strstr(out, "\nService portfolio\n"), "Service  ");
	snprintf(expect, sizeof(expect), "%-32s  %-20s  %-24s  %-14s  %7s  %6s  %3s", "Service",
		 "Recommendation level", "Assignment", "Scores by side", "Current", "Target",
		 "Gap");
	assert_string_equal(line, expect);
	free(line);
	/* the portfolio table's row (the summary's top gaps list A-1 first) */
	line = line_starting(strstr(out, "\nService portfolio\n"), "A-1 Risk management  ");
	snprintf(expect, sizeof(expect), "%-32s  %-20s  %-24s  %-14s  %7s  %6s  %3s",
		 "A-1 Risk management", "Basic", "In-house (AB department)", "", "3", "5", "2");
	assert_string_equal(line, expect);
	free(line);
	/* "In-house 1 → 2" is 14 columns wide: the column's width, no padding */
	line = line_starting(out, "C-1 Threat hunting (provisional)");
	snprintf(expect, sizeof(expect), "%-32s  %-20s  %-24s  %s  %7s  %6s  %3s",
		 "C-1 Threat hunting (provisional)", "Advanced", "Unassigned",
		 "In-house 1 \xE2\x86\x92 2", "1", "2", "1");
	assert_string_equal(line, expect);
	free(line);
	assert_non_null(strstr(out, "\nGaps by priority\n----------------\n"));
	assert_non_null(strstr(out, "\nScores by category\n"));
	assert_non_null(strstr(out, "\nBuild progress\n"));
	assert_non_null(strstr(out, "Provisional: name or number not yet verified"));
	free(out);
	portfolio_release(&p);
}

static void test_json(void **state)
{
	struct portfolio p;
	json_error_t jerr;
	json_t *root, *e, *g, *r;
	char *out;
	(void)state;

	seed(&p);
	out = render(&p, REPORT_JSON, LANG_EN);
	root = json_loads(out, 0, &jerr);
	assert_non_null(root);
	assert_int_equal(json_integer_value(json_object_get(root, "report_version")), 1);
	assert_string_equal(json_string_value(json_object_get(root, "organization")),
			    "Example Corp");
	assert_string_equal(json_string_value(json_object_get(root, "framework")), "t-fw");
	assert_string_equal(json_string_value(json_object_get(root, "framework_name")),
			    "Test framework");
	assert_int_equal(json_integer_value(json_object_get(root, "cycle")), 1);
	assert_string_equal(json_string_value(json_object_get(root, "lang")), "en");
	assert_int_equal(json_array_size(json_object_get(root, "entries")), 3);

	e = json_array_get(json_object_get(root, "entries"), 0);
	assert_string_equal(json_string_value(json_object_get(e, "ref")), "A-1");
	assert_string_equal(json_string_value(json_object_get(e, "name")), "Risk management");
	assert_string_equal(json_string_value(json_object_get(e, "category")), "A");
	assert_string_equal(json_string_value(json_object_get(e, "level")), "basic");
	assert_string_equal(json_string_value(json_object_get(e, "assignment")), "insource");
	assert_string_equal(json_string_value(json_object_get(e, "team")), "AB department");
	assert_true(json_is_null(json_object_get(e, "provider")));
	assert_int_equal(
	    json_integer_value(json_object_get(json_object_get(e, "insource"), "current")), 3);
	assert_int_equal(
	    json_integer_value(json_object_get(json_object_get(e, "insource"), "target")), 5);
	assert_true(json_is_null(json_object_get(json_object_get(e, "outsource"), "current")));
	assert_int_equal(json_integer_value(json_object_get(e, "current")), 3);
	assert_int_equal(json_integer_value(json_object_get(e, "target")), 5);
	assert_int_equal(json_integer_value(json_object_get(e, "gap")), 2);
	assert_true(json_is_false(json_object_get(e, "provisional")));
	assert_true(json_is_false(json_object_get(e, "custom")));
	assert_true(json_is_null(json_object_get(e, "note")));

	e = json_array_get(json_object_get(root, "entries"), 1);
	assert_string_equal(json_string_value(json_object_get(e, "provider")), "Z-MSSP");
	assert_int_equal(
	    json_integer_value(json_object_get(json_object_get(e, "outsource"), "current")), 2);
	e = json_array_get(json_object_get(root, "entries"), 2);
	assert_true(json_is_true(json_object_get(e, "provisional")));
	assert_string_equal(json_string_value(json_object_get(e, "assignment")), "unassigned");

	g = json_object_get(root, "gaps");
	assert_int_equal(json_array_size(g), 3);
	assert_string_equal(json_string_value(json_object_get(json_array_get(g, 0), "ref")), "A-1");
	assert_int_equal(json_integer_value(json_object_get(json_array_get(g, 0), "rank")), 1);
	assert_string_equal(json_string_value(json_object_get(json_array_get(g, 1), "ref")), "B-1");
	assert_string_equal(json_string_value(json_object_get(json_array_get(g, 2), "ref")), "C-1");
	assert_int_equal(json_integer_value(json_object_get(json_array_get(g, 2), "gap")), 1);

	r = json_object_get(root, "rollups");
	assert_int_equal(json_array_size(r), 3);
	assert_string_equal(json_string_value(json_object_get(json_array_get(r, 1), "category")),
			    "B");
	assert_string_equal(json_string_value(json_object_get(json_array_get(r, 1), "name")),
			    "Monitoring");
	assert_int_equal(json_integer_value(json_object_get(json_array_get(r, 1), "n_selected")),
			 1);
	assert_int_equal(json_integer_value(json_object_get(json_array_get(r, 1), "n_assessed")),
			 1);
	assert_string_equal(
	    json_string_value(json_array_get(json_object_get(json_array_get(r, 1), "trace"), 0)),
	    "B-1");

	r = json_object_get(root, "overall");
	assert_int_equal(json_integer_value(json_object_get(r, "n_selected")), 3);
	assert_int_equal(json_integer_value(json_object_get(r, "current")), 2);
	assert_true(json_is_real(json_object_get(r, "target")));
	assert_true(json_real_value(json_object_get(r, "target")) == 3.67);
	assert_int_equal(json_array_size(json_object_get(r, "trace")), 3);
	assert_string_equal(json_string_value(json_object_get(r, "formula")), "mean");

	r = json_object_get(root, "progress");
	assert_int_equal(
	    json_integer_value(json_object_get(json_object_get(r, "catalogue"), "done")), 3);
	assert_int_equal(
	    json_integer_value(json_object_get(json_object_get(r, "catalogue"), "total")), 4);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(r, "profile"), "done")),
			 2);
	assert_int_equal(
	    json_integer_value(json_object_get(json_object_get(r, "portfolio"), "done")), 3);
	json_decref(root);
	free(out);

	/* Japanese names; "n/a" stays machine-readable */
	p.entries[1].score[SIDE_OUTSOURCE].target = SCORE_NA;
	out = render(&p, REPORT_JSON, LANG_JA);
	root = json_loads(out, 0, &jerr);
	assert_non_null(root);
	e = json_array_get(json_object_get(root, "entries"), 0);
	assert_string_equal(json_string_value(json_object_get(e, "name")), "リスクマネジメント");
	e = json_array_get(json_object_get(root, "entries"), 1);
	assert_string_equal(
	    json_string_value(json_object_get(json_object_get(e, "outsource"), "target")), "n/a");
	assert_true(json_is_null(json_object_get(e, "target")));
	assert_true(json_is_null(json_object_get(e, "gap")));
	json_decref(root);
	free(out);
	portfolio_release(&p);
}

/* Gaps: basic before standard even when the standard gap is larger;
 * not_required entries are in the catalogue but never a gap. */
static void test_gap_priority(void **state)
{
	struct portfolio p;
	json_error_t jerr;
	json_t *root, *g;
	char *out, *gaps;
	(void)state;

	seed(&p);
	p.entries[1].score[SIDE_OUTSOURCE].current = 1;
	p.entries[1].score[SIDE_OUTSOURCE].target = 5;
	add(&p, "A-2", LEVEL_NOT_REQUIRED, ASSIGN_INSOURCE, SIDE_INSOURCE, 1, 5);
	portfolio_sort(&p);

	out = render(&p, REPORT_JSON, LANG_EN);
	root = json_loads(out, 0, &jerr);
	assert_non_null(root);
	g = json_object_get(root, "gaps");
	assert_int_equal(json_array_size(g), 3);
	assert_string_equal(json_string_value(json_object_get(json_array_get(g, 0), "ref")), "A-1");
	assert_string_equal(json_string_value(json_object_get(json_array_get(g, 1), "ref")), "B-1");
	assert_int_equal(json_integer_value(json_object_get(json_array_get(g, 1), "gap")), 4);
	assert_string_equal(json_string_value(json_object_get(json_array_get(g, 2), "ref")), "C-1");
	assert_int_equal(json_array_size(json_object_get(root, "entries")), 4);
	json_decref(root);
	free(out);

	out = render(&p, REPORT_MD, LANG_EN);
	assert_non_null(
	    strstr(out, "| A-2 Policy management | Not required | In-house |  | 1 | 5 | 4 |\n"));
	gaps = strstr(out, "## Gaps by priority");
	assert_non_null(gaps);
	assert_null(
	    strstr(gaps, "| A-2 Policy management | Not required | In-house | 1 | 5 | 4 |"));
	assert_true(strstr(gaps, "| 1 | A-1 ") < strstr(gaps, "| 2 | B-1 "));
	assert_true(strstr(gaps, "| 2 | B-1 ") < strstr(gaps, "| 3 | C-1 "));
	free(out);
	portfolio_release(&p);
}

static void test_hybrid_na_and_unassessed(void **state)
{
	struct portfolio p;
	struct entry *e;
	char *out;
	(void)state;

	seed(&p);
	e = add(&p, "A-2", LEVEL_STANDARD, ASSIGN_HYBRID, SIDE_INSOURCE, 3, 4);
	e->score[SIDE_OUTSOURCE].current = SCORE_NA;
	e->score[SIDE_OUTSOURCE].target = SCORE_NA;
	e->team = xstrdup("T");
	e->provider = xstrdup("P");
	portfolio_sort(&p);
	p.entries[0].score[SIDE_INSOURCE].current = SCORE_NONE; /* A-1 not assessed yet */
	out = render(&p, REPORT_MD, LANG_EN);
	assert_non_null(strstr(out, "| A-1 Risk management | Basic | In-house (AB department) |  | "
				    "\xE2\x80\x94 | 5 | \xE2\x80\x94 |\n"));
	/* a hybrid entry: each side, then the entry's figures (n/a is no number) */
	assert_non_null(strstr(out, "| A-2 Policy management | Standard | Hybrid (T / P) | "
				    "In-house 3 \xE2\x86\x92 4 / Outsourced n/a \xE2\x86\x92 n/a | "
				    "3 | 4 | 1 |\n"));
	free(out);
	out = render(&p, REPORT_TEXT, LANG_JA);
	assert_non_null(strstr(out, "ハイブリッド（T / P）"));
	assert_non_null(strstr(out, "インソース 3 → 4 / アウトソース 対象外 → 対象外"));
	free(out);
	portfolio_release(&p);
}

static void test_japanese(void **state)
{
	struct portfolio p;
	char *out, *table, *end, *line;
	size_t width = 0, n = 0;
	(void)state;

	seed(&p);
	out = render(&p, REPORT_TEXT, LANG_JA);
	assert_non_null(strstr(out, "サービスポートフォリオ報告書\n"));
	assert_non_null(strstr(out, "組織："));
	assert_non_null(strstr(out, "テスト用フレームワーク（t-fw）"));
	assert_non_null(strstr(out, "推奨レベル"));
	assert_non_null(strstr(out, "あるべき姿"));
	assert_non_null(strstr(out, "A-1 リスクマネジメント"));
	assert_non_null(strstr(out, "インソース（AB department）"));
	assert_non_null(strstr(out, "アウトソース（Z-MSSP）"));
	assert_non_null(strstr(out, "未割り当て"));
	assert_non_null(strstr(out, "C-1 脅威ハンティング（暫定）"));
	assert_non_null(strstr(out, "優先順位別のギャップ"));
	assert_non_null(strstr(out, "カテゴリ別のスコア"));
	assert_non_null(strstr(out, "構築の進捗"));
	assert_null(strstr(out, "Recommendation level"));
	assert_null(strstr(out, "In-house"));
	/* the portfolio table lines up in a terminal: every line of it (header,
	 * rule, rows; the last column is right-aligned) has the same display width */
	table = strstr(out, "サービス  ");
	assert_non_null(table);
	while (n < 5) {
		end = strchr(table, '\n');
		assert_non_null(end);
		line = xstrndup(table, (size_t)(end - table));
		if (!n)
			width = text_width(line);
		assert_int_equal(text_width(line), width);
		free(line);
		table = end + 1;
		n++;
	}
	free(out);

	out = render(&p, REPORT_HTML, LANG_JA);
	assert_non_null(strstr(out, "<html lang=\"ja\">"));
	assert_non_null(strstr(out, "<h1>サービスポートフォリオ報告書</h1>"));
	assert_non_null(strstr(out, "<th scope=\"col\">推奨レベル</th>"));
	assert_non_null(
	    strstr(out, "<th scope=\"row\">A-1 リスクマネジメント</th><td>ベーシック</td>"));
	assert_non_null(strstr(out, "aria-label=\"カテゴリ別の現状とあるべき姿\""));
	assert_null(strstr(out, ">Current<"));
	free(out);
	portfolio_release(&p);
}

static void test_html(void **state)
{
	struct portfolio p;
	char *out;
	(void)state;

	seed(&p);
	out = render(&p, REPORT_HTML, LANG_EN);
	assert_true(
	    !strncmp(out, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">",
		     strlen("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")));
	assert_non_null(
	    strstr(out, "<title>Service portfolio report \xE2\x80\x94 Example Corp</title>"));
	assert_non_null(strstr(out, "<style>"));
	assert_non_null(strstr(out, "@media print"));
	assert_non_null(strstr(out, "</html>\n"));
	/* self-contained: no script, no external resources */
	assert_null(strstr(out, "<script"));
	assert_null(strstr(out, "<link"));
	assert_null(strstr(out, "src="));
	assert_null(strstr(out, "href="));
	assert_null(strstr(out, "url("));
	assert_non_null(
	    strstr(out, "<tr class=\"level-basic\"><th scope=\"row\">A-1 Risk management</th>"
			"<td>Basic</td><td>In-house (AB department)</td><td></td>"
			"<td class=\"num\">3</td><td class=\"num\">5</td><td class=\"num\">2</td>"
			"</tr>"));
	assert_non_null(strstr(out,
			       "<tr class=\"level-advanced provisional\"><th scope=\"row\">C-1 "
			       "Threat hunting (provisional)</th>"));
	/* charts: radar and gap bars (and heat map), each followed by its numbers */
	assert_non_null(strstr(out, "<svg "));
	assert_non_null(strstr(out, "aria-label=\"Current and target by category\""));
	assert_non_null(strstr(out, "aria-label=\"Gap per service, in priority order\""));
	assert_non_null(
	    strstr(out, "aria-label=\"Services by recommendation level and current score\""));
	assert_true(strstr(out, "aria-label=\"Gap per service") <
		    strstr(out, "<th scope=\"col\" class=\"num\">Rank</th>"));
	assert_true(strstr(out, "aria-label=\"Current and target by category\"") <
		    strstr(out, "<th scope=\"col\">Services counted</th>"));
	assert_non_null(strstr(out, "<tr class=\"total\"><th scope=\"row\">Overall</th>"));
	free(out);
	portfolio_release(&p);
}

static void test_xss_is_inert(void **state)
{
	struct portfolio p;
	struct entry *e;
	char *out;
	const char *c;
	enum report_format f;
	(void)state;

	seed(&p);
	e = add(&p, "X-1", LEVEL_BASIC, ASSIGN_INSOURCE, SIDE_INSOURCE, 1, 5);
	e->custom = 1;
	e->custom_category = xstrdup("A");
	e->custom_name_en = xstrdup("<script>alert(1)</script>");
	e->team = xstrdup("<img src=x onerror=alert(2)>");
	e->note = xstrdup("</td></table><script>alert('3')</script>\x1b[31mred");
	free(p.org_name);
	p.org_name = xstrdup("Org\"><svg onload=alert(4)>");
	portfolio_sort(&p);

	out = render(&p, REPORT_HTML, LANG_EN);
	assert_null(strstr(out, "<script"));
	assert_null(strstr(out, "<img"));
	assert_null(strstr(out, "<svg onload"));
	assert_null(strstr(out, "\x1b"));
	assert_non_null(strstr(out, "&lt;script&gt;alert(1)&lt;/script&gt; (custom service)"));
	assert_non_null(strstr(out, "In-house (&lt;img src=x onerror=alert(2)&gt;)"));
	assert_non_null(strstr(out, "&lt;/td&gt;&lt;/table&gt;&lt;script&gt;alert(&#39;3&#39;)"));
	/* the gap chart label is escaped too */
	assert_non_null(strstr(out, "X-1 &lt;script&gt;alert(1)&lt;/script&gt;</text>"));
	free(out);

	out = render(&p, REPORT_MD, LANG_EN);
	/* every '<' from data is backslash-escaped, so no renderer sees a tag */
	for (c = strchr(out, '<'); c; c = strchr(c + 1, '<'))
		assert_true(c > out && c[-1] == '\\');
	assert_non_null(strstr(out, "\\<script\\>alert(1)\\</script\\>"));
	free(out);

	/* terminal output carries no escape sequences */
	for (f = REPORT_TEXT; f <= REPORT_MD; f++) {
		out = render(&p, f, LANG_EN);
		assert_null(strchr(out, '\x1b'));
		free(out);
	}
	out = render(&p, REPORT_JSON, LANG_EN);
	assert_non_null(strstr(out, "\\u001B[31mred"));
	free(out);
	portfolio_release(&p);
}

static void test_ceiling(void **state)
{
	struct portfolio p;
	struct err e = ERR_INIT;
	struct buf b;
	size_t big = REPORT_MAX_BYTES + 16;
	enum report_format f;
	char *note;
	(void)state;

	seed(&p);
	/* the caller's own ceiling: out is left as it was */
	for (f = 0; f < REPORT_FORMAT_COUNT; f++) {
		buf_init(&b, 200);
		assert_int_equal(buf_addstr(&b, "kept"), 0);
		err_clear(&e);
		assert_int_equal(report_render(&p, f, LANG_EN, &b, &e), ERR_TOO_LARGE);
		assert_int_equal(e.code, ERR_TOO_LARGE);
		assert_non_null(strstr(e.msg, "larger than the limit"));
		assert_string_equal(b.data, "kept");
		buf_release(&b);
	}
	/* REPORT_MAX_BYTES itself, with room to spare in out */
	note = xmalloc(big + 1);
	memset(note, 'x', big);
	note[big] = '\0';
	p.entries[0].note = note;
	for (f = 0; f < REPORT_FORMAT_COUNT; f++) {
		buf_init(&b, REPORT_MAX_BYTES * 2);
		err_clear(&e);
		assert_int_equal(report_render(&p, f, LANG_EN, &b, &e), ERR_TOO_LARGE);
		assert_int_equal(b.len, 0);
		assert_int_equal(b.max, REPORT_MAX_BYTES * 2);
		buf_release(&b);
	}
	portfolio_release(&p);
}

static void test_empty_portfolio(void **state)
{
	struct portfolio p;
	char *out;
	(void)state;

	portfolio_init(&p);
	p.framework_id = xstrdup("unknown");
	out = render(&p, REPORT_TEXT, LANG_EN);
	assert_non_null(strstr(out, "No services are in the catalogue yet."));
	assert_non_null(strstr(out, "No gaps"));
	free(out);
	out = render(&p, REPORT_HTML, LANG_EN);
	assert_non_null(strstr(out, "</html>"));
	free(out);
	out = render(&p, REPORT_JSON, LANG_EN);
	assert_non_null(strstr(out, "\"entries\": []"));
	assert_non_null(strstr(out, "\"organization\": null"));
	free(out);
	out = render(&p, REPORT_CSV, LANG_EN);
	assert_string_equal(out,
			    "ref,name,category,level,assignment,team,provider,insource_current,"
			    "insource_target,outsource_current,outsource_target,current,target,"
			    "gap,provisional,note\r\n");
	free(out);
	portfolio_release(&p);
}

/* The text of html from the first table after marker: tags dropped,
 * whitespace runs collapsed to one space (caller frees). */
static char *table_text_after(const char *html, const char *marker)
{
	const char *m = strstr(html, marker), *t, *end;
	char *out, *o;
	int in_tag = 0, space = 0;

	assert_non_null(m);
	t = strstr(m, "<table");
	assert_non_null(t);
	end = strstr(t, "</table>");
	assert_non_null(end);
	out = o = xmalloc((size_t)(end - t) + 1);
	for (; t < end; t++) {
		if (*t == '<')
			in_tag = 1;
		if (in_tag || *t == ' ' || *t == '\n' || *t == '\t') {
			space = 1;
			if (*t == '>')
				in_tag = 0;
			continue;
		}
		if (space && o > out)
			*o++ = ' ';
		space = 0;
		*o++ = *t;
	}
	*o = '\0';
	return out;
}

/* A 0-4 scale (SIM3): the heat map starts at 0, and a score of 0 is counted
 * there, not in the column of 1. */
static void test_zero_based_scale(void **state)
{
	struct framework fw0 = fw;
	struct portfolio p;
	char *out, *table;
	(void)state;

	fw0.rubric[0] = (struct rubric){.min_score = 0, .max_score = 4};
	fw0.rubric[1] = (struct rubric){.min_score = 0, .max_score = 4};
	portfolio_init(&p);
	p.fw = &fw0;
	p.framework_id = xstrdup("t-fw");
	add(&p, "A-1", LEVEL_BASIC, ASSIGN_INSOURCE, SIDE_INSOURCE, 0, 3);
	add(&p, "B-1", LEVEL_BASIC, ASSIGN_OUTSOURCE, SIDE_OUTSOURCE, 4, 4);
	out = render(&p, REPORT_HTML, LANG_EN);
	table = table_text_after(out, "Services by recommendation level and current score");
	assert_non_null(strstr(table, "Recommendation level 0 1 2 3 4 n/a"));
	assert_non_null(strstr(table, "Basic 1 0 0 0 1 0 0"));
	free(table);
	free(out);
	portfolio_release(&p);
}

static struct report_model *model_of(const struct report_input *in)
{
	struct report_model *m = NULL;
	struct err e = ERR_INIT;

	assert_int_equal(report_model_new(in, &m, &e), 0);
	assert_non_null(m);
	return m;
}

static char *render_model(const struct report_model *m, enum report_format f)
{
	struct err e = ERR_INIT;
	struct buf b;
	char *out;

	buf_init(&b, 0);
	assert_int_equal(report_model_render(m, f, &b, &e), 0);
	out = buf_detach(&b, NULL);
	buf_release(&b);
	return out;
}

/* The glance: the overall figures, gaps per level, the actions the caller
 * counted (none shown without them) and the planned next evaluation. */
/* The board's summary: the changes since the last closed cycle, entry by
 * entry against its frozen portfolio, and the overdue actions by title. */
static void test_board_changes(void **state)
{
	struct portfolio p, frozen;
	struct report_history h;
	struct report_action acts[2] = {
	    {.title = "Hire\nan analyst", .due = "2026-01-01", .overdue = 1},
	    {.title = "Not late", .due = "2027-01-01", .overdue = 0}};
	struct report_lists lists = {.actions = acts, .n_actions = 2};
	struct report_input in = {.lang = LANG_EN, .lists = &lists};
	struct report_actions counts = {.open = 2, .overdue = 1};
	struct report_model *m;
	json_t *root, *sum, *chg, *v;
	json_error_t jerr;
	char *out;
	(void)state;

	seed(&p);
	in.p = &p;
	m = model_of(&in); /* no history: no changes */
	assert_false(m->glance.has_changes);
	assert_null(m->glance.changes_text);
	assert_int_equal(m->glance.n_top_gaps, 3);
	assert_int_equal(m->glance.n_overdue, 1);
	assert_string_equal(m->glance.overdue[0].title, "Hire an analyst"); /* flattened */
	assert_string_equal(m->glance.overdue[0].owner, "\xE2\x80\x94");
	report_model_free(m);

	/* then: the seed plus D-9; now: A-1 current 4, B-1 Basic, C-1 in-house, no D-9 */
	report_history_init(&h);
	seed(&frozen);
	add(&frozen, "D-9", LEVEL_BASIC, ASSIGN_INSOURCE, SIDE_INSOURCE, 1, 2);
	report_history_add(&h, 3, "2026-03-10T09:00:00Z", &frozen);
	portfolio_release(&frozen);
	p.entries[0].score[SIDE_INSOURCE].current = 4;
	p.entries[1].level = LEVEL_BASIC;
	p.entries[2].assignment = ASSIGN_INSOURCE;
	in.history = &h;
	m = model_of(&in);
	assert_true(m->glance.has_changes);
	assert_int_equal(m->glance.since_cycle, 3);
	assert_int_equal(m->glance.n_changed, 4);
	assert_int_equal(m->glance.changes[REPORT_CHANGE_REMOVED], 1);
	assert_int_equal(m->glance.changes[REPORT_CHANGE_LEVEL], 1);
	assert_int_equal(m->glance.changes[REPORT_CHANGE_ASSIGNMENT], 1);
	assert_int_equal(m->glance.changes[REPORT_CHANGE_CURRENT], 1);
	assert_int_equal(m->glance.changes[REPORT_CHANGE_ADDED], 0);
	assert_string_equal(m->glance.changes_text,
			    "Removed 1, Level 1, Assignment 1, Current 1 (since cycle 3)");
	assert_int_equal(m->glance.n_change_lines, 4);
	assert_non_null(strstr(m->glance.change_lines[0], ": Current 3 \xE2\x86\x92 4"));
	assert_non_null(strstr(m->glance.change_lines[1], ": Level Standard \xE2\x86\x92 Basic"));
	assert_non_null(strstr(m->glance.change_lines[2], ": Assignment Unassigned"));
	assert_non_null(strstr(m->glance.change_lines[3], "D-9"));
	assert_non_null(strstr(m->glance.change_lines[3], ": Removed"));
	out = render_model(m, REPORT_HTML);
	/* the summary's tables inside the glance's section, before the portfolio */
	assert_true(strstr(out, "id=\"board-changes\"") <
		    strstr(out, "<section id=\"portfolio\">"));
	assert_true(strstr(out, "id=\"board-overdue\"") <
		    strstr(out, "<section id=\"portfolio\">"));
	assert_non_null(strstr(out, "Hire an analyst"));
	assert_null(strstr(out, "Not late"));
	free(out);
	report_model_free(m);

	/* the JSON summary says the same with machine values: the kinds of each
	 * changed entry, the overdue action as the caller gave it */
	in.actions = &counts;
	m = model_of(&in);
	out = render_model(m, REPORT_JSON);
	root = json_loads(out, 0, &jerr);
	assert_non_null(root);
	sum = json_object_get(root, "summary");
	chg = json_object_get(sum, "changes");
	assert_int_equal(json_integer_value(json_object_get(chg, "since_cycle")), 3);
	assert_int_equal(json_integer_value(json_object_get(chg, "n_changed")), 4);
	assert_int_equal(
	    json_integer_value(json_object_get(json_object_get(chg, "counts"), "removed")), 1);
	v = json_array_get(json_object_get(chg, "entries"), 3);
	assert_string_equal(json_string_value(json_object_get(v, "ref")), "D-9");
	assert_int_equal(json_array_size(json_object_get(v, "kinds")), 1);
	assert_string_equal(json_string_value(json_array_get(json_object_get(v, "kinds"), 0)),
			    "removed");
	assert_string_equal(json_string_value(json_object_get(v, "text")),
			    m->glance.change_lines[3]);
	v = json_array_get(json_object_get(chg, "entries"), 2);
	assert_string_equal(json_string_value(json_array_get(json_object_get(v, "kinds"), 0)),
			    "assignment");
	v = json_object_get(sum, "actions");
	assert_int_equal(json_integer_value(json_object_get(v, "overdue")), 1);
	assert_int_equal(json_array_size(json_object_get(v, "overdue_list")), 1);
	v = json_array_get(json_object_get(v, "overdue_list"), 0);
	assert_string_equal(json_string_value(json_object_get(v, "title")), "Hire\nan analyst");
	assert_true(json_is_null(json_object_get(v, "owner")));
	assert_string_equal(json_string_value(json_object_get(v, "due")), "2026-01-01");
	assert_int_equal(json_array_size(json_object_get(sum, "top_gaps")), 3);
	assert_int_equal(json_integer_value(json_object_get(sum, "n_gaps")), m->glance.n_gaps);
	json_decref(root);
	free(out);
	report_model_free(m);
	report_history_release(&h);
	portfolio_release(&p);
}

static void test_glance(void **state)
{
	struct portfolio p;
	struct report_actions actions = {.open = 3, .overdue = 1};
	struct report_input in = {.lang = LANG_EN};
	struct report_model *m;
	char *out;
	(void)state;

	seed(&p);
	in.p = &p;
	m = model_of(&in);
	assert_string_equal(m->glance.overall, "2 \xE2\x86\x92 3.67");
	assert_int_equal(m->glance.gaps[LEVEL_BASIC], 1);
	assert_int_equal(m->glance.gaps[LEVEL_STANDARD], 1);
	assert_int_equal(m->glance.gaps[LEVEL_ADVANCED], 1);
	assert_string_equal(m->glance.gaps_text, "Basic 1, Standard 1, Advanced 1, Optional 0");
	assert_false(m->glance.has_actions);
	assert_null(m->glance.actions_text);
	assert_string_equal(m->glance.next_text, "not planned");
	out = render_model(m, REPORT_TEXT);
	assert_non_null(strstr(out, "At a glance"));
	assert_null(strstr(out, "Overdue actions"));
	free(out);
	report_model_free(m);

	p.next_evaluation = xstrdup("2026-10-01");
	in.actions = &actions;
	in.lang = LANG_JA;
	m = model_of(&in);
	assert_true(m->glance.has_actions);
	assert_string_equal(m->glance.actions_text,
			    "\xE6\x9C\xAA\xE5\xAE\x8C\xE4\xBA\x86 3 \xE4\xBB\xB6"
			    "\xE3\x81\xAE\xE3\x81\x86\xE3\x81\xA1\xE6\x9C\x9F\xE9\x99\x90"
			    "\xE5\x88\x87\xE3\x82\x8C 1 \xE4\xBB\xB6");
	assert_string_equal(m->glance.next_text, "2026-10-01");
	out = render_model(m, REPORT_HTML);
	/* a card per figure, before the portfolio */
	assert_non_null(strstr(out, "<section id=\"glance\">"));
	assert_true(strstr(out, "<dl class=\"glance\">") <
		    strstr(out, "<section id=\"portfolio\">"));
	assert_non_null(strstr(out, "<dd>2026-10-01</dd>"));
	free(out);
	report_model_free(m);
	portfolio_release(&p);
}

static void test_figure_format(void **state)
{
	char f[REPORT_FIGURE_MAX];
	(void)state;

	assert_string_equal(report_figure_format(f, 3), "3");
	assert_string_equal(report_figure_format(f, 3.5), "3.5");
	assert_string_equal(report_figure_format(f, 11.0 / 3.0), "3.67");
	assert_string_equal(report_figure_format(f, 2.999), "3");
	/* a negative gap keeps its sign; a rounded zero has none */
	assert_string_equal(report_figure_format(f, -1), "-1");
	assert_string_equal(report_figure_format(f, -1.0 / 3.0), "-0.33");
	assert_string_equal(report_figure_format(f, -0.001), "0");
}

/* An unassigned entry that still has scores on both sides (in-house 1 -> 2,
 * outsourced target 5) is shown the same way in the model and every format:
 * its figures (the sides that were scored) and each side spelled out. */
static void test_unassigned_with_scores(void **state)
{
	struct report_input in = {.lang = LANG_EN};
	struct report_model *m;
	const struct report_entry *re;
	struct portfolio p;
	struct entry *e;
	char *out;
	enum report_format f;
	(void)state;

	seed(&p);
	e = &p.entries[2]; /* C-1, unassigned, in-house 1 -> 2 */
	e->score[SIDE_OUTSOURCE].target = 5;
	in.p = &p;
	m = model_of(&in);
	re = &m->entries[2];
	assert_string_equal(re->current.text, "1");
	assert_string_equal(re->target.text, "3.5");
	assert_string_equal(re->gap.text, "2.5");
	assert_string_equal(re->current_cell, "1");
	assert_string_equal(re->target_cell, "3.5");
	assert_string_equal(re->gap_cell, "2.5");
	assert_string_equal(re->sides,
			    "In-house 1 \xE2\x86\x92 2 / Outsourced \xE2\x80\x94 \xE2\x86\x92 5");
	/* single-side entries: the figure is the side's score, no sides */
	assert_string_equal(m->entries[0].sides, "");
	assert_string_equal(m->entries[0].current_cell, "3");
	/* the gaps list agrees */
	assert_int_equal(m->n_gaps, 3);
	assert_true(m->entries[m->gaps[0]].e == &p.entries[0]);

	out = render_model(m, REPORT_MD);
	assert_non_null(strstr(out, "| C-1 Threat hunting (provisional) | Advanced | Unassigned | "
				    "In-house 1 \xE2\x86\x92 2 / Outsourced \xE2\x80\x94 "
				    "\xE2\x86\x92 5 | 1 | 3.5 | 2.5 |\n"));
	assert_non_null(strstr(out, "| 3 | C-1 Threat hunting (provisional) | Advanced | "
				    "Unassigned | 1 | 3.5 | 2.5 |\n"));
	free(out);
	out = render_model(m, REPORT_CSV);
	assert_non_null(strstr(out, "\r\nC-1,Threat hunting,C,advanced,unassigned,,,1,2,,5,1,3.5,"
				    "2.5,true,\r\n"));
	free(out);
	out = render_model(m, REPORT_JSON);
	assert_non_null(
	    strstr(out, "\"current\": 1,\n      \"target\": 3.5,\n      \"gap\": 2.5,"));
	free(out);
	out = render_model(m, REPORT_HTML);
	assert_non_null(strstr(out, "<td>Unassigned</td><td>In-house 1 \xE2\x86\x92 2 / Outsourced "
				    "\xE2\x80\x94 \xE2\x86\x92 5</td><td class=\"num\">1</td>"
				    "<td class=\"num\">3.5</td><td class=\"num\">2.5</td></tr>"));
	free(out);
	/* and report_render, which builds the same model, says the same */
	for (f = REPORT_TEXT; f < REPORT_FORMAT_COUNT; f++) {
		char *again = render(&p, f, LANG_EN);
		out = render_model(m, f);
		assert_string_equal(again, out);
		free(again);
		free(out);
	}
	report_model_free(m);
	portfolio_release(&p);
}

/* Progress is rounded to the nearest whole percent in every format
 * (core/score.h), never truncated: 13 of 57 is 23 %, 11 of 12 is 92 %. */
static void test_progress_rounding(void **state)
{
	static struct fw_node many[58];
	static char refs[58][8];
	struct framework fw57 = fw;
	struct report_input in = {.lang = LANG_EN};
	struct report_model *m;
	struct portfolio p;
	char *out;
	int i;
	(void)state;

	many[0] = (struct fw_node){.ref_id = "A", .kind = NODE_CATEGORY, .parent = -1, .depth = 1};
	for (i = 1; i < 58; i++) {
		snprintf(refs[i], sizeof(refs[i]), "A-%d", i);
		many[i] = (struct fw_node){
		    .ref_id = refs[i], .kind = NODE_SERVICE, .depth = 2, .assessable = 1};
	}
	fw57.nodes = many;
	fw57.n_nodes = 58;
	portfolio_init(&p);
	p.fw = &fw57;
	p.framework_id = xstrdup("t-fw");
	/* 13 services in the catalogue, 12 selected, 11 of them assigned */
	for (i = 1; i <= 13; i++)
		add(&p, refs[i], i == 13 ? LEVEL_NOT_REQUIRED : LEVEL_BASIC,
		    i == 1 ? ASSIGN_UNASSIGNED : ASSIGN_INSOURCE, SIDE_INSOURCE,
		    i <= 2 ? 1 : SCORE_NONE, i <= 2 ? 3 : SCORE_NONE);
	in.p = &p;
	m = model_of(&in);
	assert_int_equal(m->progress[0].done, 13);
	assert_int_equal(m->progress[0].total, 57);
	assert_string_equal(m->progress[0].percent_text, "23%");
	assert_int_equal(m->progress[0].percent, 23);
	assert_string_equal(m->progress[1].percent_text, "92%");
	assert_string_equal(m->progress[2].percent_text, "17%"); /* 2 of 12 */
	out = render_model(m, REPORT_MD);
	assert_non_null(strstr(out, "| 13 | 57 | 23% |\n"));
	assert_non_null(strstr(out, "| 11 | 12 | 92% |\n"));
	assert_null(strstr(out, "22%"));
	assert_null(strstr(out, "91%"));
	free(out);
	out = render_model(m, REPORT_HTML);
	assert_non_null(strstr(out, "<td class=\"num\">23%</td>"));
	assert_non_null(strstr(out, "<td class=\"num\">92%</td>"));
	free(out);
	report_model_free(m);
	/* no selection yet: no percentage, a dash */
	portfolio_release(&p);
	portfolio_init(&p);
	p.fw = &fw57;
	in.p = &p;
	m = model_of(&in);
	assert_string_equal(m->progress[1].percent_text, "\xE2\x80\x94");
	report_model_free(m);
	portfolio_release(&p);
}

static int warn_outsourced(const struct portfolio *p, const struct entry *en)
{
	(void)p;
	return en->assignment == ASSIGN_OUTSOURCE;
}

/* The HTML report carries the procurement quadrant, and the trend across
 * closed cycles when the model has them (computed from their snapshots). */
static void test_quadrant_and_trend(void **state)
{
	struct report_input in = {.lang = LANG_EN};
	struct report_history h;
	struct report_model *m;
	struct portfolio p, frozen;
	char *out;
	(void)state;

	seed(&p);
	in.p = &p;
	m = model_of(&in);
	out = render_model(m, REPORT_HTML);
	assert_non_null(strstr(out, "<section id=\"quadrant\"><h2>Procurement quadrant</h2>"));
	assert_non_null(strstr(out, "class=\"chart quadrant\""));
	assert_null(strstr(out, "stroke=\"#b42318\"")); /* no advisory given */
	assert_null(strstr(out, "id=\"trend\""));
	free(out);
	report_model_free(m);

	/* two closed cycles: the seed (overall 2 -> 3.67), then A-1 at 4 */
	report_history_init(&h);
	seed(&frozen);
	report_history_add(&h, 1, "2026-01-10T09:00:00Z", &frozen);
	assert_int_equal(frozen.n_entries, 0); /* moved into the history */
	portfolio_release(&frozen);
	p.entries[0].score[SIDE_INSOURCE].current = 4;
	seed(&frozen);
	frozen.entries[0].score[SIDE_INSOURCE].current = 4;
	report_history_add(&h, 2, "2026-03-10T09:00:00Z", &frozen);
	portfolio_release(&frozen);
	assert_int_equal(h.n, 2);
	in.history = &h;
	in.warning = warn_outsourced;
	m = model_of(&in);
	assert_int_equal(m->n_trend, 2);
	assert_string_equal(m->trend[0].closed, "2026-01-10");
	assert_string_equal(m->trend[0].current.text, "2");
	assert_string_equal(m->trend[0].target.text, "3.67");
	assert_string_equal(m->trend[1].current.text, "2.33");
	assert_int_equal(m->trend[1].assessed, 3);
	assert_true(m->entries[1].warning); /* B-1 is outsourced */
	out = render_model(m, REPORT_HTML);
	assert_non_null(strstr(out, "<section id=\"trend\"><h2>Trend across cycles</h2>"));
	assert_non_null(strstr(
	    out, "<tr><th scope=\"row\" class=\"num\">1</th><td class=\"date\">2026-01-10</td>"
		 "<td class=\"num\">2</td><td class=\"num\">3.67</td>"));
	assert_non_null(strstr(
	    out, "<tr><th scope=\"row\" class=\"num\">2</th><td class=\"date\">2026-03-10</td>"
		 "<td class=\"num\">2.33</td><td class=\"num\">3.67</td>"));
	assert_non_null(strstr(out, "stroke=\"#b42318\"")); /* the advisory's ring */
	assert_true(strstr(out, "id=\"quadrant\"") < strstr(out, "id=\"trend\""));
	free(out);
	/* the charts of charts.h, as a page draws them */
	{
		struct buf b;
		buf_init(&b, 0);
		assert_int_equal(report_chart_svg(&b, m, REPORT_CHART_TREND), 0);
		assert_non_null(strstr(b.data, "<title>2: 2.33</title>"));
		buf_reset(&b);
		assert_int_equal(report_chart_table(&b, m, REPORT_CHART_GAPS, "Gaps"), 0);
		assert_non_null(strstr(b.data, "<caption>Gaps</caption>"));
		buf_release(&b);
	}
	/* Japanese headings */
	report_model_free(m);
	in.lang = LANG_JA;
	m = model_of(&in);
	out = render_model(m, REPORT_HTML);
	assert_non_null(strstr(out, "象限"));
	assert_non_null(strstr(out, "推移"));
	free(out);
	report_model_free(m);
	report_history_release(&h);
	portfolio_release(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_format_parse),
	    cmocka_unit_test(test_csv),
	    cmocka_unit_test(test_csv_injection),
	    cmocka_unit_test(test_csv_excel),
	    cmocka_unit_test(test_markdown),
	    cmocka_unit_test(test_text),
	    cmocka_unit_test(test_json),
	    cmocka_unit_test(test_gap_priority),
	    cmocka_unit_test(test_hybrid_na_and_unassessed),
	    cmocka_unit_test(test_japanese),
	    cmocka_unit_test(test_html),
	    cmocka_unit_test(test_xss_is_inert),
	    cmocka_unit_test(test_ceiling),
	    cmocka_unit_test(test_empty_portfolio),
	    cmocka_unit_test(test_zero_based_scale),
	    cmocka_unit_test(test_glance),
	    cmocka_unit_test(test_board_changes),
	    cmocka_unit_test(test_figure_format),
	    cmocka_unit_test(test_unassigned_with_scores),
	    cmocka_unit_test(test_progress_rounding),
	    cmocka_unit_test(test_quadrant_and_trend),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
