/* Unit tests for report/svg.c: charts and their text alternatives. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/level.h"
#include "report/chart_quadrant.h"
#include "report/chart_trend.h"
#include "report/svg.h"
#include "util/err.h"
#include "util/xalloc.h"

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	const char *p = hay;

	while ((p = strstr(p, needle)) != NULL) {
		n++;
		p += strlen(needle);
	}
	return n;
}

static void test_figure(void **state)
{
	char f[SVG_FIGURE_MAX];
	(void)state;

	assert_string_equal(svg_figure(f, 3), "3");
	assert_string_equal(svg_figure(f, 3.5), "3.5");
	assert_string_equal(svg_figure(f, 11.0 / 3.0), "3.67");
	assert_string_equal(svg_figure(f, 2.999), "3");
	assert_string_equal(svg_figure(f, 0), "0");
	assert_string_equal(svg_figure(f, SVG_NO_VALUE), "\xE2\x80\x94");
}

static void test_radar(void **state)
{
	const char *labels[] = {"A Governance", "B <b>bold</b>", "C 監視", "D"};
	const double cur[] = {5, 2, 1, SVG_NO_VALUE};
	const double tgt[] = {5, 4, 2, SVG_NO_VALUE};
	struct buf b, again;
	(void)state;

	buf_init(&b, 0);
	assert_int_equal(svg_radar(&b, labels, cur, tgt, 4, 5, LANG_EN, "Radar \"x\""), 0);
	assert_non_null(strstr(b.data, "<svg xmlns=\"http://www.w3.org/2000/svg\""));
	assert_non_null(strstr(b.data, "role=\"img\" aria-label=\"Radar &quot;x&quot;\""));
	assert_non_null(strstr(b.data, "<title>Radar &quot;x&quot;</title><desc>"));
	assert_non_null(strstr(b.data, "class=\"current\""));
	assert_non_null(strstr(b.data, "class=\"target\""));
	/* axis 0 points up: a value of 5 of 5 sits at the top of the outer ring;
	 * D has no figure: it is left out of the chart (three axes) and named under it */
	assert_non_null(strstr(b.data, "points=\"380.0,90.0 438.9,294.0 350.6,277.0\""));
	assert_non_null(strstr(b.data, ">Left out, nothing assessed yet: D</text>"));
	assert_null(strstr(b.data, "D (\xE2\x80\x94)"));
	assert_non_null(strstr(b.data, "B &lt;b&gt;bold&lt;/b&gt;"));
	assert_null(strstr(b.data, "<b>"));
	assert_non_null(strstr(b.data, "C 監視"));
	assert_non_null(strstr(b.data, ">Current</text>"));
	assert_non_null(strstr(b.data, ">Target</text>"));
	assert_non_null(strstr(b.data, "</svg>"));
	assert_null(strstr(b.data, "<script"));
	/* the chart takes its container's width; its height follows the viewBox */
	assert_non_null(strstr(b.data, "viewBox=\"0 0 760 "));
	assert_non_null(strstr(b.data, " width=\"100%\" role=\"img\""));
	assert_null(strstr(b.data, " height=\"4"));
	/* five rings, one per score step */
	assert_int_equal(count(b.data, "<polygon points="), 5);
	/* deterministic */
	buf_init(&again, 0);
	assert_int_equal(svg_radar(&again, labels, cur, tgt, 4, 5, LANG_EN, "Radar \"x\""), 0);
	assert_string_equal(b.data, again.data);
	buf_release(&again);

	buf_reset(&b);
	assert_int_equal(svg_radar_table(&b, labels, cur, tgt, 4, LANG_JA, "数値"), 0);
	assert_non_null(strstr(b.data, "<caption>数値</caption>"));
	/* a column of figures: its heading right-aligned like its cells */
	assert_non_null(strstr(b.data, "<th scope=\"col\" class=\"num\">現状</th>"));
	assert_non_null(strstr(b.data, "<th scope=\"row\">A Governance</th><td class=\"num\">5</td>"
				       "<td class=\"num\">5</td>"));
	assert_non_null(
	    strstr(b.data, "<th scope=\"row\">D</th><td class=\"num\">\xE2\x80\x94</td>"));

	buf_reset(&b);
	assert_int_equal(svg_radar(&b, NULL, NULL, NULL, 0, 5, LANG_JA, "空"), 0);
	assert_non_null(strstr(b.data, "データはまだありません"));
	assert_non_null(strstr(b.data, "</svg>"));
	buf_release(&b);
}

static void test_radar_long_label_wraps(void **state)
{
	const char *labels[] = {"サイバーセキュリティ統括と監視の長い名前", "B", "C"};
	const double v[] = {1, 2, 3};
	struct buf b;
	(void)state;

	buf_init(&b, 0);
	assert_int_equal(svg_radar(&b, labels, v, v, 3, 5, LANG_EN, "t"), 0);
	/* the whole label stays in the tooltip; the drawn one wraps onto a second line
	 * instead of being cut */
	assert_non_null(strstr(b.data, "<title>サイバーセキュリティ統括と監視の長い名前: "));
	assert_non_null(strstr(b.data, "サイバーセキュリティ統括と<tspan x=\"380.0\" dy=\"1.2em\">"
				       "監視の長い名前</tspan></text>"));
	assert_null(strstr(b.data, "\xE2\x80\xA6"));
	buf_release(&b);
}

static void test_gap_bars(void **state)
{
	const struct svg_bar bars[] = {
	    {"A-1 Risk management", LEVEL_BASIC, 3, 5, 2},
	    {"B-1 <script>x</script>", LEVEL_STANDARD, 2, 4, 2},
	    {"C-1 脅威ハンティング", LEVEL_ADVANCED, 1, 2, 1},
	};
	struct buf b;
	(void)state;

	buf_init(&b, 0);
	assert_int_equal(svg_gap_bars(&b, bars, 3, 4, LANG_EN, "Gaps"), 0);
	assert_non_null(strstr(b.data, "role=\"img\" aria-label=\"Gaps\""));
	/* 4 points of gap span 280 px: a gap of 2 is 140 px, of 1 is 70 px */
	assert_non_null(strstr(b.data, "<rect x=\"300.0\" y=\"44.0\" width=\"140.0\" height=\"16\" "
				       "fill=\"#b91c1c\"/>"));
	assert_non_null(strstr(b.data, "width=\"70.0\" height=\"16\" fill=\"#1d4ed8\""));
	/* legend names the levels present, in priority order */
	assert_true(strstr(b.data, ">Basic</text>") < strstr(b.data, ">Standard</text>"));
	assert_non_null(strstr(b.data, ">Advanced</text>"));
	assert_null(strstr(b.data, ">Optional</text>"));
	assert_null(strstr(b.data, "<script"));
	assert_non_null(strstr(b.data, "&lt;script&gt;"));

	buf_reset(&b);
	assert_int_equal(svg_gap_table(&b, bars, 3, LANG_EN, NULL), 0);
	assert_non_null(strstr(b.data, "<th scope=\"row\">A-1 Risk management</th><td>Basic</td>"
				       "<td class=\"num\">3</td><td class=\"num\">5</td>"
				       "<td class=\"num\">2</td>"));
	assert_null(strstr(b.data, "<caption>"));

	buf_reset(&b);
	assert_int_equal(svg_gap_bars(&b, NULL, 0, 4, LANG_EN, "Gaps"), 0);
	assert_non_null(strstr(b.data, "No data yet"));
	buf_release(&b);
}

static void test_heatmap(void **state)
{
	const char *rows[] = {"Basic", "Standard"};
	const char *cols[] = {"1", "2", "3", "n/a", "\xE2\x80\x94"};
	const size_t counts[] = {0, 1, 4, 0, 0, 2, 0, 0, 1, 3};
	const struct svg_grid g = {
	    "Recommendation level", "Current score", rows, 2, cols, 5, counts};
	const size_t zero[10] = {0};
	struct svg_grid empty = g;
	struct buf b;
	(void)state;

	buf_init(&b, 0);
	assert_int_equal(svg_heatmap(&b, &g, LANG_EN, "Heat"), 0);
	assert_non_null(strstr(b.data, "aria-label=\"Heat\""));
	/* the largest count is fully shaded, an empty cell is grey */
	assert_non_null(strstr(b.data, "<title>Basic / 3: 4</title>"));
	assert_non_null(strstr(b.data, "fill=\"#1d4ed8\" fill-opacity=\"1.00\""));
	assert_non_null(strstr(b.data, "fill=\"#f3f4f6\" fill-opacity=\"1.00\""));
	assert_int_equal(count(b.data, "<rect "), 10);

	buf_reset(&b);
	assert_int_equal(svg_heatmap_table(&b, &g, "Figures"), 0);
	assert_non_null(strstr(b.data,
			       "<th scope=\"col\">Recommendation level</th><th scope=\"col\" "
			       "class=\"num\">1</th>"));
	assert_non_null(strstr(b.data, "<th scope=\"row\">Standard</th><td class=\"num\">2</td>"
				       "<td class=\"num\">0</td><td class=\"num\">0</td>"
				       "<td class=\"num\">1</td><td class=\"num\">3</td></tr>"));

	buf_reset(&b);
	empty.counts = zero;
	assert_int_equal(svg_heatmap(&b, &empty, LANG_EN, "Heat"), 0);
	assert_non_null(strstr(b.data, "No data yet"));
	buf_release(&b);
}

static void test_ceiling(void **state)
{
	const char *labels[] = {"A", "B", "C"};
	const double v[] = {1, 2, 3};
	struct buf b;
	(void)state;

	buf_init(&b, 256);
	assert_int_equal(svg_radar(&b, labels, v, v, 3, 5, LANG_EN, "t"), ERR_TOO_LARGE);
	assert_true(b.len <= 256);
	buf_release(&b);
}

static struct report_figure fig(int ok, double v, const char *text)
{
	struct report_figure f = {.ok = ok, .value = v};

	snprintf(f.text, sizeof(f.text), "%s", text);
	return f;
}

/* The trend: a polyline per series through the cycles that have figures,
 * circles for current and squares for target, the table of the numbers. */
static void test_trend(void **state)
{
	struct report_trend_point pt[3] = {
	    {.cycle = 1, .closed = "2026-01-10", .assessed = 2},
	    {.cycle = 2, .closed = "2026-02-10"},
	    {.cycle = 3, .closed = "2026-03-10", .assessed = 3},
	};
	struct buf b;
	(void)state;

	pt[0].current = fig(1, 1.5, "1.5");
	pt[0].target = fig(1, 3.75, "3.75");
	pt[1].current = fig(0, 0, "\xE2\x80\x94"); /* nothing assessed in cycle 2 */
	pt[1].target = fig(0, 0, "\xE2\x80\x94");
	pt[2].current = fig(1, 2.5, "2.5");
	pt[2].target = fig(1, 4, "4");
	buf_init(&b, 0);
	assert_int_equal(chart_trend_svg(&b, pt, 3, 5, LANG_EN, "Trend"), 0);
	assert_non_null(strstr(b.data, "role=\"img\" aria-label=\"Trend\""));
	/* x: 48 .. 592 over three cycles; y: 5 is at 20, 0 at 236 */
	assert_non_null(strstr(b.data, "stroke-width=\"2.5\" points=\"48.0,171.2 592.0,128.0 \""));
	assert_non_null(strstr(b.data, "<title>1: 1.5</title></circle>"));
	assert_non_null(strstr(b.data, "<title>3: 4</title></rect>"));
	assert_null(strstr(b.data, "<title>2:"));
	assert_int_equal(count(b.data, ">Cycle "), 3);
	buf_reset(&b);
	assert_int_equal(chart_trend_table(&b, pt, 3, LANG_EN, "Numbers"), 0);
	assert_non_null(strstr(b.data, "<caption>Numbers</caption>"));
	assert_non_null(strstr(
	    b.data, "<tr><th scope=\"row\" class=\"num\">2</th><td class=\"date\">2026-02-10</td>"
		    "<td class=\"num\">\xE2\x80\x94</td>"));
	buf_reset(&b);
	assert_int_equal(chart_trend_svg(&b, NULL, 0, 4, LANG_EN, "Trend"), 0);
	assert_non_null(strstr(b.data, "No data yet"));
	assert_non_null(strstr(b.data, ">4</text>")); /* a 0..4 scale */
	assert_null(strstr(b.data, ">5</text>"));
	buf_release(&b);
}

static int warn_all_outsourced(const struct portfolio *p, const struct entry *en)
{
	(void)p;
	return en->assignment == ASSIGN_OUTSOURCE;
}

/* The quadrant: selected services only, at their catalogue position, the
 * advisory ringed, a service without a position at the centre. */
static void test_quadrant(void **state)
{
	struct fw_node nodes[] = {
	    {.ref_id = "A", .kind = NODE_CATEGORY, .parent = -1, .depth = 1, .name_en = "Cat"},
	    {.ref_id = "A-1",
	     .kind = NODE_SERVICE,
	     .depth = 2,
	     .assessable = 1,
	     .name_en = "Policy",
	     .quadrant = {.skill = 20, .info = 10},
	     .management = 1},
	    {.ref_id = "A-2",
	     .kind = NODE_SERVICE,
	     .depth = 2,
	     .assessable = 1,
	     .name_en = "Hunting",
	     .quadrant = {.skill = 90, .info = 80}},
	};
	struct framework fw = {.id = "t", .nodes = nodes, .n_nodes = 3};
	struct portfolio p;
	struct entry *e;
	struct buf b;
	(void)state;

	portfolio_init(&p);
	p.fw = &fw;
	e = portfolio_add_entry(&p, "A-1");
	e->level = LEVEL_BASIC;
	e->assignment = ASSIGN_OUTSOURCE;
	e = portfolio_add_entry(&p, "A-2");
	e->level = LEVEL_STANDARD;
	e->assignment = ASSIGN_INSOURCE;
	e = portfolio_add_entry(&p, "X-1");
	e->level = LEVEL_OPTIONAL;
	e->custom = 1;
	e = portfolio_add_entry(&p, "A-9");
	e->level = LEVEL_NOT_REQUIRED;
	buf_init(&b, 0);
	assert_int_equal(chart_quadrant_svg(&b, &p, warn_all_outsourced, LANG_EN, "Q"), 0);
	assert_non_null(strstr(b.data, "aria-label=\"Q\""));
	/* A-1 at info 10, skill 20: x = 70 + 54, y = 36 + 420 - 84 */
	assert_non_null(strstr(b.data, "<rect x=\"119.0\" y=\"367.0\" width=\"10\""));
	assert_non_null(strstr(b.data, "<circle cx=\"124.0\" cy=\"372.0\" r=\"9\" fill=\"none\" "
				       "stroke=\"#b42318\""));
	assert_non_null(strstr(b.data, ">X-1*</text>"));
	assert_null(strstr(b.data, ">A-9"));
	buf_reset(&b);
	/* without the advisory: no ring, no legend entry for it */
	assert_int_equal(chart_quadrant_svg(&b, &p, NULL, LANG_EN, "Q"), 0);
	assert_null(strstr(b.data, "#b42318"));
	buf_reset(&b);
	assert_int_equal(chart_quadrant_table(&b, &p, warn_all_outsourced, LANG_EN, "Data"), 0);
	assert_non_null(strstr(b.data, "<caption>Data</caption>"));
	assert_non_null(strstr(b.data, "<td class=\"num\">20</td><td class=\"num\">10</td>"));
	assert_non_null(strstr(b.data, "Management-type service fully outsourced"));
	assert_non_null(strstr(b.data, "no quadrant position is known"));
	assert_int_equal(count(b.data, "<tr>"), 4); /* header + three selected */
	buf_release(&b);
	portfolio_release(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_figure),
	    cmocka_unit_test(test_radar),
	    cmocka_unit_test(test_radar_long_label_wraps),
	    cmocka_unit_test(test_gap_bars),
	    cmocka_unit_test(test_heatmap),
	    cmocka_unit_test(test_ceiling),
	    cmocka_unit_test(test_trend),
	    cmocka_unit_test(test_quadrant),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
