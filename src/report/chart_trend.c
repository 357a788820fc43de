/*
 * chart_trend.c - the trend chart and its table (see chart_trend.h).
 */
#include "report/chart_trend.h"

#include <math.h>

#include "report/html.h"

#define TREND_W 640.0
#define TREND_H 300.0
#define TREND_L 48.0
#define TREND_R 48.0
#define TREND_T 20.0
#define TREND_B 64.0
#define COLOR_CURRENT "#2563eb"
#define COLOR_TARGET "#b45309"

static double trend_x(size_t i, size_t n)
{
	double w = TREND_W - TREND_L - TREND_R;

	if (n < 2)
		return TREND_L + w / 2;
	return round((TREND_L + w * (double)i / (double)(n - 1)) * 10) / 10;
}

static double trend_y(double v, double max)
{
	double h = TREND_H - TREND_T - TREND_B;

	if (v > max)
		v = max;
	return round((TREND_T + h - h * v / max) * 10) / 10;
}

static const struct report_figure *series_of(const struct report_trend_point *pt, int target)
{
	return target ? &pt->target : &pt->current;
}

/* One series as a polyline (with cycles without figures left out) and a
 * marker per point. */
static int trend_series(struct buf *b, const struct report_trend_point *pt, size_t n, double max,
			int target)
{
	size_t i;
	int rc = html_raw(b, target ? "<polyline fill=\"none\" stroke=\"" COLOR_TARGET
				      "\" stroke-width=\"2.5\" stroke-dasharray=\"6 4\" points=\""
				    : "<polyline fill=\"none\" stroke=\"" COLOR_CURRENT
				      "\" stroke-width=\"2.5\" points=\"");

	for (i = 0; !rc && i < n; i++) {
		const struct report_figure *f = series_of(&pt[i], target);
		if (!f->ok)
			continue;
		rc = html_fmt(b, "%.1f,%.1f ", trend_x(i, n), trend_y(f->value, max));
	}
	if (!rc)
		rc = html_raw(b, "\"/>");
	for (i = 0; !rc && i < n; i++) {
		const struct report_figure *f = series_of(&pt[i], target);
		if (!f->ok)
			continue;
		/* circles for current, squares for target: not colour alone */
		if (target)
			rc = html_fmt(b,
				      "<rect x=\"%.1f\" y=\"%.1f\" width=\"8\" height=\"8\" "
				      "fill=\"%s\"><title>%d: %s</title></rect>",
				      trend_x(i, n) - 4, trend_y(f->value, max) - 4, COLOR_TARGET,
				      pt[i].cycle, f->text);
		else
			rc = html_fmt(b,
				      "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" fill=\"%s\">"
				      "<title>%d: %s</title></circle>",
				      trend_x(i, n), trend_y(f->value, max), COLOR_CURRENT,
				      pt[i].cycle, f->text);
	}
	return rc;
}

int chart_trend_svg(struct buf *b, const struct report_trend_point *pt, size_t n, int max,
		    enum lang lang, const char *title)
{
	double ly = TREND_H - 18;
	size_t i;
	int rc, s;

	if (max <= 0)
		max = 5;
	rc =
	    html_fmt(b,
		     "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 %.0f "
		     "%.0f\" width=\"100%%\" role=\"img\" aria-label=\"%s\" "
		     "font-family=\"system-ui, sans-serif\" font-size=\"12\" fill=\"#111827\">"
		     "<title>%s</title><desc>%s</desc>",
		     TREND_W, TREND_H, title, title, tr(lang, MSG_WM_TREND_DESC));
	for (s = 0; !rc && s <= max; s++)
		rc = html_fmt(b,
			      "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
			      "stroke=\"#d1d5db\"/><text x=\"%.1f\" y=\"%.1f\" "
			      "text-anchor=\"end\" fill=\"#4b5563\">%d</text>",
			      TREND_L - 8, trend_y(s, max), TREND_W - TREND_R + 8, trend_y(s, max),
			      TREND_L - 14, trend_y(s, max) + 4, s);
	if (!rc && !n)
		rc = html_fmt(b,
			      "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#4b5563\">"
			      "%s</text>",
			      TREND_W / 2, TREND_H / 2, tr(lang, MSG_REPORT_CHART_NO_DATA));
	for (i = 0; !rc && i < n; i++)
		rc = html_fmt(b,
			      "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
			      "fill=\"#4b5563\">%s %d</text>",
			      trend_x(i, n), TREND_H - TREND_B + 18, tr(lang, MSG_CYCLE),
			      pt[i].cycle);
	if (!rc && n)
		rc = trend_series(b, pt, n, max, 1);
	if (!rc && n)
		rc = trend_series(b, pt, n, max, 0);
	/* legend */
	if (!rc)
		rc = html_fmt(
		    b,
		    "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" fill=\"" COLOR_CURRENT "\"/>"
		    "<text x=\"%.1f\" y=\"%.1f\">%s</text>"
		    "<rect x=\"%.1f\" y=\"%.1f\" width=\"8\" height=\"8\" fill=\"" COLOR_TARGET
		    "\"/><text x=\"%.1f\" y=\"%.1f\">%s</text></svg>",
		    TREND_L, ly, TREND_L + 10, ly + 4, tr(lang, MSG_CURRENT), TREND_L + 140, ly - 4,
		    TREND_L + 154, ly + 4, tr(lang, MSG_TARGET));
	return rc;
}

int chart_trend_table(struct buf *b, const struct report_trend_point *pt, size_t n, enum lang lang,
		      const char *caption)
{
	size_t i;
	int rc;

	rc = html_raw(b, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"chart-data\">\n");
	if (!rc && caption)
		rc = html_fmt(b, "<caption>%s</caption>\n", caption);
	if (!rc)
		rc = html_fmt(
		    b,
		    "<thead><tr><th scope=\"col\" class=\"num\">%s</th><th scope=\"col\">%s</th>"
		    "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
		    "<th scope=\"col\" class=\"num\">%s</th></tr></thead>\n<tbody>\n",
		    tr(lang, MSG_CYCLE), tr(lang, MSG_WM_CLOSED), tr(lang, MSG_CURRENT),
		    tr(lang, MSG_TARGET), tr(lang, MSG_REPORT_ASSESSED));
	for (i = 0; !rc && i < n; i++)
		rc = html_fmt(
		    b,
		    "<tr><th scope=\"row\" class=\"num\">%d</th><td class=\"date\">%s</td><td "
		    "class=\"num\">%s</td>"
		    "<td class=\"num\">%s</td><td class=\"num\">%zu</td></tr>\n",
		    pt[i].cycle, pt[i].closed, pt[i].current.text, pt[i].target.text,
		    pt[i].assessed);
	return rc ? rc : html_raw(b, "</tbody></table></div>\n");
}
