/*
 * Unit tests for the portfolio workbook (report/report_xlsx.c): a fixture
 * portfolio written as REPORT_XLSX, its parts read back with a small zip
 * reader (zlib), checked for the sheets of the layout, the headings in the
 * chosen language, the drop-downs, the hidden version column, the chart, text
 * that looks like a formula kept a string, and the same bytes from the same
 * data.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <zlib.h>

#if defined(__SANITIZE_ADDRESS__)
#include <sanitizer/lsan_interface.h>
#define LEAKS_OF_THE_LIBRARY_BEGIN() __lsan_disable()
#define LEAKS_OF_THE_LIBRARY_END() __lsan_enable()
#else
#define LEAKS_OF_THE_LIBRARY_BEGIN() ((void)0)
#define LEAKS_OF_THE_LIBRARY_END() ((void)0)
#endif

#include "fixture.h"
#include "ops/ops.h"
#include "report/model.h"
#include "report/report.h"
#include "util/xalloc.h"

/* A-1 basic hybrid (SOC / MSSP) scored on both sides with a note that looks
 * like a formula, A-2 basic outsourced, A-5 not required; one open action. */
static void build(struct fixture *f)
{
	static const char *const refs[] = {"A-1", "A-2"};
	static const char *const a5[] = {"A-5"};
	long long id = 0;

	OK(ops_select(f->st, FIX_ORG, FIX_FW, refs, 2, "basic", oe));
	OK(ops_select(f->st, FIX_ORG, FIX_FW, a5, 1, "not_required", oe));
	OK(ops_assign(f->st, FIX_ORG, FIX_FW, "A-1", "hybrid", FIX_TEAM, FIX_PROVIDER, -1, NULL,
		      oe));
	OK(ops_assign(f->st, FIX_ORG, FIX_FW, "A-2", "outsource", NULL, FIX_PROVIDER, -1, NULL,
		      oe));
	OK(ops_score(f->st, FIX_ORG, FIX_FW, "A-1", "insource", "2", "4", "=HYPERLINK(\"x\")", -1,
		     NULL, oe));
	OK(ops_score(f->st, FIX_ORG, FIX_FW, "A-1", "outsource", "na", "3", NULL, -1, NULL, oe));
	OK(ops_action_add(f->st, FIX_ORG, FIX_FW, "A-1", "Write the runbook", "ann", "2026-05-01",
			  "4", &id, oe));
}

/* The workbook of the fixture's portfolio in lang, as `cdcf report --format xlsx` makes it. */
static struct buf workbook(struct fixture *f, enum lang lang)
{
	struct err e = ERR_INIT;
	struct portfolio p;
	struct report_lists lists;
	struct report_model *m = NULL;
	struct report_input in = {.p = &p, .lang = lang, .lists = &lists};
	struct buf b;

	portfolio_init(&p);
	buf_init(&b, 0);
	assert_int_equal(ops_load(f->st, FIX_ORG, FIX_FW, &p, &e), 0);
	assert_int_equal(ops_report_lists(f->st, &p, &lists, &e), 0);
	assert_int_equal(report_model_new(&in, &m, &e), 0);
	assert_int_equal(report_model_render(m, REPORT_XLSX, &b, &e), 0);
	assert_int_equal(e.code, 0);
	report_model_free(m);
	report_lists_release(&lists);
	portfolio_release(&p);
	return b;
}

static unsigned u16(const unsigned char *p)
{
	return p[0] | (unsigned)p[1] << 8;
}

static unsigned long u32(const unsigned char *p)
{
	return u16(p) | (unsigned long)u16(p + 2) << 16;
}

/* The part called name, inflated (NUL-terminated; the caller frees it), or NULL. */
static char *part(const struct buf *zip, const char *name)
{
	const unsigned char *z = (const unsigned char *)zip->data, *eocd, *cd;
	size_t n, i, off;

	assert_true(zip->len > 22);
	eocd = z + zip->len - 22;
	assert_int_equal(u32(eocd), 0x06054b50UL);
	n = u16(eocd + 10);
	cd = z + u32(eocd + 16);
	for (i = 0; i < n; i++) {
		unsigned method = u16(cd + 10), nlen = u16(cd + 28);
		unsigned long csize = u32(cd + 20), usize = u32(cd + 24);
		const unsigned char *local;
		char *out;

		assert_int_equal(u32(cd), 0x02014b50UL);
		if (nlen == strlen(name) && !memcmp(cd + 46, name, nlen)) {
			off = u32(cd + 42);
			local = z + off;
			local += 30 + u16(local + 26) + u16(local + 28);
			out = xmalloc(usize + 1);
			if (method == 0) {
				memcpy(out, local, usize);
			} else {
				z_stream s;
				memset(&s, 0, sizeof(s));
				assert_int_equal(method, 8);
				assert_int_equal(inflateInit2(&s, -MAX_WBITS), Z_OK);
				s.next_in = (unsigned char *)local;
				s.avail_in = (uInt)csize;
				s.next_out = (unsigned char *)out;
				s.avail_out = (uInt)usize;
				assert_int_equal(inflate(&s, Z_FINISH), Z_STREAM_END);
				inflateEnd(&s);
			}
			out[usize] = '\0';
			return out;
		}
		cd += 46 + nlen + u16(cd + 30) + u16(cd + 32);
	}
	return NULL;
}

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;

	for (hay = strstr(hay, needle); hay; hay = strstr(hay + 1, needle))
		n++;
	return n;
}

static void assert_contains(const char *hay, const char *needle)
{
	if (!strstr(hay, needle))
		fail_msg("'%s' not found", needle);
}

static void test_sheets_and_drop_downs(void **state)
{
	struct fixture *f = *state;
	struct buf b;
	char *wb, *sst, *ws, *about, *chart;

	build(f);
	b = workbook(f, LANG_EN);
	assert_memory_equal(b.data, "PK\x03\x04", 4);
	wb = part(&b, "xl/workbook.xml");
	assert_non_null(wb);
	/* the six sheets, in the layout's order */
	assert_true(strstr(wb, "name=\"Portfolio\"") < strstr(wb, "name=\"Gaps\""));
	assert_true(strstr(wb, "name=\"Gaps\"") < strstr(wb, "name=\"Summary\""));
	assert_true(strstr(wb, "name=\"Summary\"") < strstr(wb, "name=\"Actions\""));
	assert_true(strstr(wb, "name=\"Actions\"") < strstr(wb, "name=\"History\""));
	assert_true(strstr(wb, "name=\"History\"") < strstr(wb, "name=\"About\""));
	sst = part(&b, "xl/sharedStrings.xml");
	assert_non_null(sst);
	assert_contains(sst, "<t>Recommendation level</t>");
	assert_contains(sst, "<t>In-house current</t>");
	assert_contains(sst, "<t>cdcf-workbook 1</t>");
	assert_contains(sst, "<t>Write the runbook</t>");
	/* a note that looks like a formula is a string, never a formula */
	assert_contains(sst, "<t>=HYPERLINK(\"x\")</t>");
	ws = part(&b, "xl/worksheets/sheet1.xml");
	assert_non_null(ws);
	assert_null(strstr(ws, "<f>"));
	assert_contains(ws, "<pane ySplit=\"1\" topLeftCell=\"A2\"");
	assert_contains(ws, "<col min=\"13\" max=\"13\"");
	assert_contains(ws, "hidden=\"1\"");
	/* level, assignment, team, provider and the four scores: one drop-down each
	 * (the three services accept the same lists) */
	assert_int_equal(count(ws, "<dataValidation "), 8);
	assert_contains(ws, "sqref=\"D2:D4\"><formula1>\"Not required,Basic,Standard,"
			    "Advanced,Optional\"</formula1>");
	assert_contains(ws, "<formula1>\"Unassigned,In-house,Outsourced,Hybrid\"</formula1>");
	assert_contains(ws, "sqref=\"F2:F4\"><formula1>\"SOC\"</formula1>");
	assert_contains(ws, "sqref=\"G2:G4\"><formula1>\"MSSP\"</formula1>");
	assert_contains(ws, "sqref=\"H2:H4\"><formula1>\"1,2,3,4,5,n/a\"</formula1>");
	assert_contains(ws, "sqref=\"K2:K4\"");
	/* the teams and providers of the drop-downs, on About */
	about = part(&b, "xl/worksheets/sheet6.xml");
	assert_non_null(about);
	assert_contains(about, "r=\"D2\"");
	assert_contains(about, "r=\"E2\"");
	assert_contains(about, "r=\"B2\"");
	chart = part(&b, "xl/charts/chart1.xml");
	assert_non_null(chart);
	assert_contains(chart, "<c:barChart>");
	assert_contains(chart, "Summary!$D$2:$D$2");
	free(wb);
	free(sst);
	free(ws);
	free(about);
	free(chart);
	buf_release(&b);
}

static void test_japanese(void **state)
{
	struct fixture *f = *state;
	struct buf b;
	char *sst, *ws;

	build(f);
	b = workbook(f, LANG_JA);
	sst = part(&b, "xl/sharedStrings.xml");
	assert_non_null(sst);
	assert_contains(sst, "<t>推奨レベル</t>");
	assert_contains(sst, "<t>インソース 現状</t>");
	assert_contains(sst, "<t>ハイブリッド</t>");
	assert_null(strstr(sst, "<t>Recommendation level</t>"));
	ws = part(&b, "xl/worksheets/sheet1.xml");
	assert_contains(
	    ws, "<formula1>\"不要,ベーシック,スタンダード,アドバンスド,オプション\"</formula1>");
	free(sst);
	free(ws);
	buf_release(&b);
}

/* Teams whose names do not fit an inline list (Excel: 255 characters;
 * a comma cannot be in one): the drop-down refers to their range on About.
 * (libxlsxwriter 1.1.4 leaks the text of such a formula: not ours.) */
static void test_long_team_list(void **state)
{
	struct fixture *f = *state;
	long long id;
	char name[64];
	struct buf b;
	char *ws, *about;
	int i;

	build(f);
	for (i = 0; i < 12; i++) {
		snprintf(name, sizeof(name), "セキュリティ運用チーム第%02d班", i);
		OK(ops_party_add(f->st, FIX_ORG, PARTY_TEAM, name, &id, oe));
	}
	OK(ops_party_add(f->st, FIX_ORG, PARTY_PROVIDER, "Audit, Inc.", &id, oe));
	LEAKS_OF_THE_LIBRARY_BEGIN();
	b = workbook(f, LANG_JA);
	LEAKS_OF_THE_LIBRARY_END();
	ws = part(&b, "xl/worksheets/sheet1.xml");
	assert_non_null(ws);
	assert_contains(ws, "sqref=\"F2:F4\"><formula1>About!$D$2:$D$14</formula1>");
	assert_contains(ws, "sqref=\"G2:G4\"><formula1>About!$E$2:$E$3</formula1>");
	about = part(&b, "xl/worksheets/sheet6.xml");
	assert_contains(about, "r=\"D14\"");
	assert_contains(about, "r=\"E3\"");
	free(ws);
	free(about);
	buf_release(&b);
}

/* The same data gives the same bytes; another language gives others. */
static void test_deterministic(void **state)
{
	struct fixture *f = *state;
	struct buf a, b, c;

	build(f);
	a = workbook(f, LANG_EN);
	b = workbook(f, LANG_EN);
	c = workbook(f, LANG_JA);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	assert_true(a.len != c.len || memcmp(a.data, c.data, a.len));
	buf_release(&a);
	buf_release(&b);
	buf_release(&c);
}

static void test_format_names(void **state)
{
	(void)state;
	assert_int_equal(report_format_parse("xlsx"), REPORT_XLSX);
	assert_string_equal(report_format_ext(REPORT_XLSX), "xlsx");
	assert_string_equal(report_format_mime(REPORT_XLSX),
			    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_sheets_and_drop_downs, fixture_setup,
					    fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_japanese, fixture_setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_deterministic, fixture_setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_long_team_list, fixture_setup, fixture_teardown),
	    cmocka_unit_test(test_format_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
