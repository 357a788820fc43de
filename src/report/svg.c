#include "report/svg.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/level.h"
#include "core/score.h"
#include "report/html.h"
#include "report/model.h"
#include "report/text_width.h"
#include "util/err.h"
#include "util/xalloc.h"

#define SVG_PI 3.14159265358979323846
#define FONT "system-ui, sans-serif"
#define COLOR_CURRENT "#2563eb"
#define COLOR_TARGET "#b45309"
#define COLOR_GRID "#d1d5db"
#define COLOR_TEXT "#111827"
#define COLOR_MUTED "#6b7280"
#define RADAR_LABEL_COLUMNS 26

/* Fill colour per recommendation level (enum level order); not colour alone:
 * the level is also written in the legend, the tooltip and the table. */
static const char *const level_color[LEVEL_COUNT] = {
    "#9ca3af", /* not required */
    "#b91c1c", /* basic */
    "#c2410c", /* standard */
    "#1d4ed8", /* advanced */
    "#4b5563", /* optional */
    "#0f766e", /* in scope (readiness, parameters) */
};

static const char *color_of_level(int level)
{
	return level >= 0 && level < LEVEL_COUNT ? level_color[level] : COLOR_MUTED;
}

static int no_value(double v)
{
	return !(v >= 0); /* negative or NaN */
}

/* Round to one decimal and never produce "-0.0", so output is stable. */
static double r1(double x)
{
	x = round(x * 10.0) / 10.0;
	return x == 0 ? 0.0 : x;
}

_Static_assert(SVG_FIGURE_MAX == REPORT_FIGURE_MAX, "svg_figure writes a report figure");

/* The report's figure (report_figure_format), with a chart's "no value". */
const char *svg_figure(char out[SVG_FIGURE_MAX], double v)
{
	return report_figure_format(out, no_value(v) ? NAN : v);
}

/* Write s escaped, cut to max_cols display columns with "…". */
static int label_text(struct buf *b, const char *s, size_t max_cols)
{
	size_t n;
	int rc;

	if (!s)
		return 0;
	if (text_width(s) <= max_cols)
		return html_text(b, s);
	n = text_fit(s, max_cols - 1);
	rc = html_textn(b, s, n);
	if (!rc)
		rc = html_raw(b, "\xE2\x80\xA6");
	return rc;
}

/* <svg ...><title/><desc/>: the accessible frame every chart shares. The
 * chart takes the width of its container (width 100%, its height from the
 * viewBox's proportions); the style sheets cap it where text would grow too
 * large. */
static int svg_begin(struct buf *b, double w, double h, const char *title, const char *desc)
{
	int rc;

	rc =
	    html_fmt(b,
		     "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 %.0f "
		     "%.0f\" width=\"100%%\" role=\"img\" aria-label=\"%s\" "
		     "font-family=\"" FONT "\" font-size=\"12\" fill=\"" COLOR_TEXT "\">",
		     w, h, title);
	if (!rc)
		rc = html_fmt(b, "<title>%s</title><desc>%s</desc>", title, desc);
	return rc;
}

static int svg_no_data(struct buf *b, double w, double h, enum lang lang)
{
	return html_fmt(b,
			"<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"" COLOR_MUTED
			"\">%s</text>",
			r1(w / 2), r1(h / 2), tr(lang, MSG_REPORT_CHART_NO_DATA));
}

/* ---- radar ---- */

#define RADAR_W 760.0
#define RADAR_H 520.0
#define RADAR_CX 380.0
#define RADAR_CY 260.0
#define RADAR_R 170.0

static void radar_point(size_t i, size_t n, double radius, double *x, double *y)
{
	double a = -SVG_PI / 2 + 2 * SVG_PI * (double)i / (double)n;

	*x = r1(RADAR_CX + radius * cos(a));
	*y = r1(RADAR_CY + radius * sin(a));
}

static double radar_radius(double v, double max_score)
{
	if (no_value(v))
		return 0;
	if (v > max_score)
		v = max_score;
	return RADAR_R * v / max_score;
}

/* One polygon through the values; points attribute only. */
static int radar_points(struct buf *b, const double v[], size_t n, double max_score)
{
	double x, y;
	size_t i;
	int rc = 0;

	for (i = 0; !rc && i < n; i++) {
		radar_point(i, n, radar_radius(v[i], max_score), &x, &y);
		rc = html_fmt(b, "%s%.1f,%.1f", i ? " " : "", x, y);
	}
	return rc;
}

static int radar_grid(struct buf *b, size_t n, double max_score)
{
	int steps = max_score <= 10 ? (int)ceil(max_score) : 5;
	double x, y, radius;
	size_t i;
	int k, rc = 0;

	rc = html_raw(b, "<g class=\"grid\" fill=\"none\" stroke=\"" COLOR_GRID "\">");
	for (k = 1; !rc && k <= steps; k++) {
		radius = RADAR_R * k / steps;
		if (n >= 3) {
			rc = html_raw(b, "<polygon points=\"");
			for (i = 0; !rc && i < n; i++) {
				radar_point(i, n, radius, &x, &y);
				rc = html_fmt(b, "%s%.1f,%.1f", i ? " " : "", x, y);
			}
			if (!rc)
				rc = html_raw(b, "\"/>");
		} else {
			rc = html_fmt(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"%.1f\"/>", RADAR_CX,
				      RADAR_CY, r1(radius));
		}
	}
	for (i = 0; !rc && i < n; i++) {
		radar_point(i, n, RADAR_R, &x, &y);
		rc = html_fmt(b, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\"/>",
			      RADAR_CX, RADAR_CY, x, y);
	}
	if (!rc)
		rc = html_raw(b,
			      "</g><g class=\"ticks\" font-size=\"10\" fill=\"" COLOR_MUTED "\">");
	for (k = 1; !rc && k <= steps; k++) {
		char fig[SVG_FIGURE_MAX];
		rc = html_fmt(b, "<text x=\"%.1f\" y=\"%.1f\">%s</text>", RADAR_CX + 5,
			      r1(RADAR_CY - RADAR_R * k / steps + 11),
			      svg_figure(fig, max_score * k / steps));
	}
	if (!rc)
		rc = html_raw(b, "</g>");
	return rc;
}

/* A radar label on one or two lines (at a space when there is one), cut with "…" only
 * when two lines of max_cols do not hold it; x is the label's anchor. */
static int radar_label(struct buf *b, const char *s, double x, size_t max_cols)
{
	size_t n, cut, i;
	int rc;

	if (text_width(s) <= max_cols)
		return html_text(b, s);
	n = text_fit(s, max_cols);
	cut = n;
	for (i = n; i > 0; i--)
		if (s[i] == ' ') {
			cut = i;
			break;
		}
	rc = html_textn(b, s, cut);
	while (s[cut] == ' ')
		cut++;
	if (!rc)
		rc = html_fmt(b, "<tspan x=\"%.1f\" dy=\"1.2em\">", x);
	if (!rc)
		rc = label_text(b, s + cut, max_cols);
	return rc ? rc : html_raw(b, "</tspan>");
}

static int radar_labels(struct buf *b, const char *const labels[], const double current[],
			const double target[], size_t n, enum lang lang)
{
	double a, c, s, x, y;
	const char *anchor;
	char f1[SVG_FIGURE_MAX], f2[SVG_FIGURE_MAX];
	size_t i;
	int rc;

	rc = html_raw(b, "<g class=\"labels\">");
	for (i = 0; !rc && i < n; i++) {
		a = -SVG_PI / 2 + 2 * SVG_PI * (double)i / (double)n;
		c = cos(a);
		s = sin(a);
		x = r1(RADAR_CX + (RADAR_R + 14) * c);
		y = r1(RADAR_CY + (RADAR_R + 14) * s + (s > 0.3 ? 10 : s < -0.3 ? -2 : 4));
		anchor = c > 0.3 ? "start" : c < -0.3 ? "end" : "middle";
		/* a label on two lines above the chart grows upwards, away from it */
		if (s < -0.3 && text_width(labels[i]) > RADAR_LABEL_COLUMNS)
			y = r1(y - 14);
		rc = html_fmt(b,
			      "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"><title>%s: %s %s / "
			      "%s %s</title>",
			      x, y, anchor, labels[i], tr(lang, MSG_CURRENT),
			      svg_figure(f1, current[i]), tr(lang, MSG_TARGET),
			      svg_figure(f2, target[i]));
		if (!rc)
			rc = radar_label(b, labels[i], x, RADAR_LABEL_COLUMNS);
		if (!rc)
			rc = html_raw(b, "</text>");
	}
	if (!rc)
		rc = html_raw(b, "</g>");
	return rc;
}

static int radar_dots(struct buf *b, const double v[], size_t n, double max_score,
		      const char *color)
{
	double x, y;
	size_t i;
	int rc = 0;

	for (i = 0; !rc && i < n; i++) {
		if (no_value(v[i]))
			continue;
		radar_point(i, n, radar_radius(v[i], max_score), &x, &y);
		rc = html_fmt(b, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>", x, y,
			      color);
	}
	return rc;
}

static int radar_legend(struct buf *b, enum lang lang)
{
	double y = RADAR_H - 24, x = RADAR_CX - 120;

	return html_fmt(
	    b,
	    "<g class=\"legend\"><rect x=\"%.1f\" y=\"%.1f\" width=\"18\" height=\"12\" "
	    "fill=\"" COLOR_CURRENT "\" fill-opacity=\"0.3\" stroke=\"" COLOR_CURRENT
	    "\"/><text x=\"%.1f\" y=\"%.1f\">%s</text><line x1=\"%.1f\" y1=\"%.1f\" "
	    "x2=\"%.1f\" y2=\"%.1f\" stroke=\"" COLOR_TARGET "\" stroke-width=\"2\" "
	    "stroke-dasharray=\"5 3\"/><text x=\"%.1f\" y=\"%.1f\">%s</text></g>",
	    x, y, x + 24, y + 10, tr(lang, MSG_CURRENT), x + 130, y + 6, x + 148, y + 6, x + 154,
	    y + 10, tr(lang, MSG_TARGET));
}

/* Under the radar: the categories it leaves out because nothing in them is assessed. */
static int radar_left_out(struct buf *b, const char *const labels[], const double current[],
			  const double target[], size_t n, enum lang lang)
{
	size_t i, shown = 0;
	int rc = 0;

	for (i = 0; !rc && i < n; i++) {
		if (!no_value(current[i]) || !no_value(target[i]))
			continue;
		if (!shown++)
			rc = html_fmt(
			    b,
			    "<text class=\"left-out\" x=\"10\" y=\"18\" fill=\"" COLOR_MUTED
			    "\">%s ",
			    tr(lang, MSG_REPORT_RADAR_LEFT_OUT));
		else
			rc = html_raw(b, ", ");
		if (!rc)
			rc = html_text(b, labels[i]);
	}
	return !rc && shown ? html_raw(b, "</text>") : rc;
}

int svg_radar(struct buf *b, const char *const labels[], const double current[],
	      const double target[], size_t n, double max_score, enum lang lang, const char *title)
{
	const char **l = xcalloc(n + 1, sizeof(*l));
	double *cur = xcalloc(n + 1, sizeof(*cur)), *tgt = xcalloc(n + 1, sizeof(*tgt));
	size_t i, k = 0;
	int rc;

	if (!(max_score > 0))
		max_score = 5;
	/* a category with nothing assessed is left out (and named), not drawn at 0 */
	for (i = 0; i < n; i++) {
		if (no_value(current[i]) && no_value(target[i]))
			continue;
		l[k] = labels[i];
		cur[k] = current[i];
		tgt[k++] = target[i];
	}
	/* one or two axes make a line, not a shape: a short note instead, the figures are in
	 * the table */
	rc = svg_begin(b, RADAR_W, k && k < 3 ? 56 : RADAR_H, title,
		       tr(lang, MSG_REPORT_RADAR_DESC));
	if (!rc && !k)
		rc = svg_no_data(b, RADAR_W, RADAR_H, lang);
	if (!rc && k && k < 3)
		rc = html_fmt(b, "<text x=\"10\" y=\"42\" fill=\"" COLOR_MUTED "\">%s</text>",
			      tr(lang, MSG_REPORT_RADAR_TOO_FEW));
	if (!rc && k >= 3)
		rc = radar_grid(b, k, max_score);
	if (!rc && k >= 3)
		rc = html_raw(b, "<polygon class=\"current\" fill=\"" COLOR_CURRENT
				 "\" fill-opacity=\"0.25\" stroke=\"" COLOR_CURRENT
				 "\" stroke-width=\"2\" points=\"");
	if (!rc && k >= 3)
		rc = radar_points(b, cur, k, max_score);
	if (!rc && k >= 3)
		rc =
		    html_raw(b, "\"/><polygon class=\"target\" fill=\"none\" stroke=\"" COLOR_TARGET
				"\" stroke-width=\"2\" stroke-dasharray=\"5 3\" points=\"");
	if (!rc && k >= 3)
		rc = radar_points(b, tgt, k, max_score);
	if (!rc && k >= 3)
		rc = html_raw(b, "\"/>");
	if (!rc && k >= 3)
		rc = radar_dots(b, cur, k, max_score, COLOR_CURRENT);
	if (!rc && k >= 3)
		rc = radar_dots(b, tgt, k, max_score, COLOR_TARGET);
	if (!rc && k >= 3)
		rc = radar_labels(b, l, cur, tgt, k, lang);
	if (!rc && k >= 3)
		rc = radar_legend(b, lang);
	if (!rc && k < n)
		rc = radar_left_out(b, labels, current, target, n, lang);
	if (!rc)
		rc = html_raw(b, "</svg>");
	free(l);
	free(cur);
	free(tgt);
	return rc;
}

/* ---- tables (text alternatives) ---- */

static int table_begin(struct buf *b, const char *caption)
{
	int rc = html_raw(b, "<table class=\"chart-data\">");

	if (!rc && caption)
		rc = html_fmt(b, "<caption>%s</caption>", caption);
	if (!rc)
		rc = html_raw(b, "<thead><tr>");
	return rc;
}

static int th_col(struct buf *b, const char *text)
{
	return html_fmt(b, "<th scope=\"col\">%s</th>", text);
}

/* A column of figures: its heading is right-aligned like its cells. */
static int th_num(struct buf *b, const char *text)
{
	return html_fmt(b, "<th scope=\"col\" class=\"num\">%s</th>", text);
}

static int td_num(struct buf *b, double v)
{
	char fig[SVG_FIGURE_MAX];

	return html_fmt(b, "<td class=\"num\">%s</td>", svg_figure(fig, v));
}

int svg_radar_table(struct buf *b, const char *const labels[], const double current[],
		    const double target[], size_t n, enum lang lang, const char *caption)
{
	size_t i;
	int rc;

	rc = table_begin(b, caption);
	if (!rc)
		rc = th_col(b, tr(lang, MSG_CATEGORY));
	if (!rc)
		rc = th_num(b, tr(lang, MSG_CURRENT));
	if (!rc)
		rc = th_num(b, tr(lang, MSG_TARGET));
	if (!rc)
		rc = html_raw(b, "</tr></thead><tbody>");
	for (i = 0; !rc && i < n; i++) {
		rc = html_fmt(b, "<tr><th scope=\"row\">%s</th>", labels[i]);
		if (!rc)
			rc = td_num(b, current[i]);
		if (!rc)
			rc = td_num(b, target[i]);
		if (!rc)
			rc = html_raw(b, "</tr>");
	}
	if (!rc)
		rc = html_raw(b, "</tbody></table>");
	return rc;
}

/* ---- gap bars ---- */

#define BARS_W 640.0
#define BARS_X0 300.0 /* where bars start; labels sit left of it */
#define BARS_SPAN 280.0
#define BARS_TOP 40.0
#define BARS_ROW 24.0

static double bar_gap(const struct svg_bar *bar)
{
	return no_value(bar->gap) ? SVG_NO_VALUE : bar->gap;
}

static int bars_legend(struct buf *b, const struct svg_bar *bars, size_t n, enum lang lang)
{
	int present[LEVEL_COUNT] = {0};
	double x = 8;
	size_t i;
	int l, rc;

	for (i = 0; i < n; i++)
		if (bars[i].level >= 0 && bars[i].level < LEVEL_COUNT)
			present[bars[i].level] = 1;
	rc = html_raw(b, "<g class=\"legend\">");
	/* Levels in priority order: basic, standard, advanced, optional, not required. */
	for (l = 1; !rc && l <= LEVEL_COUNT; l++) {
		int lv = l % LEVEL_COUNT;
		const char *name = tr_level(lang, lv);
		if (!present[lv])
			continue;
		rc = html_fmt(b,
			      "<rect x=\"%.1f\" y=\"8\" width=\"12\" height=\"12\" fill=\"%s\"/>"
			      "<text x=\"%.1f\" y=\"18\">%s</text>",
			      r1(x), color_of_level(lv), r1(x + 16), name);
		x += 16 + 7.0 * (double)text_width(name) + 16;
	}
	if (!rc)
		rc = html_raw(b, "</g>");
	return rc;
}

int svg_gap_bars(struct buf *b, const struct svg_bar *bars, size_t n, double max_gap,
		 enum lang lang, const char *title)
{
	char fig[SVG_FIGURE_MAX], f1[SVG_FIGURE_MAX], f2[SVG_FIGURE_MAX];
	double h, y, g, w, axis_y;
	int ticks, k, rc;
	size_t i;

	for (i = 0; i < n; i++)
		if (bar_gap(&bars[i]) > max_gap)
			max_gap = bar_gap(&bars[i]);
	if (!(max_gap > 0))
		max_gap = 1;
	h = n ? BARS_TOP + BARS_ROW * (double)n + 28 : 120;
	rc = svg_begin(b, BARS_W, h, title, tr(lang, MSG_REPORT_GAPBARS_DESC));
	if (rc)
		return rc;
	if (!n) {
		rc = svg_no_data(b, BARS_W, h, lang);
		return rc ? rc : html_raw(b, "</svg>");
	}
	rc = bars_legend(b, bars, n, lang);
	for (i = 0; !rc && i < n; i++) {
		y = BARS_TOP + BARS_ROW * (double)i;
		g = bar_gap(&bars[i]);
		w = g > 0 ? BARS_SPAN * g / max_gap : 0;
		rc =
		    html_fmt(b, "<g><title>%s (%s): %s %s / %s %s / %s %s</title>", bars[i].label,
			     tr_level(lang, bars[i].level), tr(lang, MSG_CURRENT),
			     svg_figure(f1, bars[i].current), tr(lang, MSG_TARGET),
			     svg_figure(f2, bars[i].target), tr(lang, MSG_GAP), svg_figure(fig, g));
		if (!rc)
			rc = html_fmt(b, "<text x=\"8\" y=\"%.1f\">", y + 16);
		if (!rc)
			rc = label_text(b, bars[i].label, SVG_LABEL_COLUMNS);
		if (!rc)
			rc = html_fmt(
			    b,
			    "</text><rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"16\" "
			    "fill=\"%s\"/><text x=\"%.1f\" y=\"%.1f\">%s</text></g>",
			    BARS_X0, y + 4, r1(w), color_of_level(bars[i].level),
			    r1(BARS_X0 + w + 6), y + 16, svg_figure(fig, g));
	}
	/* axis with a tick per score step (or five ticks on a wide scale) */
	axis_y = BARS_TOP + BARS_ROW * (double)n + 4;
	ticks = max_gap <= 10 ? (int)ceil(max_gap) : 5;
	if (!rc)
		rc = html_fmt(
		    b,
		    "<g class=\"axis\" font-size=\"10\" fill=\"" COLOR_MUTED
		    "\"><line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"" COLOR_GRID
		    "\"/>",
		    BARS_X0, axis_y, BARS_X0 + BARS_SPAN, axis_y);
	for (k = 0; !rc && k <= ticks; k++) {
		double x = r1(BARS_X0 + BARS_SPAN * k / ticks);
		rc = html_fmt(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>", x,
			      axis_y + 14, svg_figure(fig, max_gap * k / ticks));
	}
	if (!rc)
		rc = html_raw(b, "</g></svg>");
	return rc;
}

int svg_gap_table(struct buf *b, const struct svg_bar *bars, size_t n, enum lang lang,
		  const char *caption)
{
	size_t i;
	int rc;

	rc = table_begin(b, caption);
	if (!rc)
		rc = th_col(b, tr(lang, MSG_SERVICE));
	if (!rc)
		rc = th_col(b, tr(lang, MSG_LEVEL));
	if (!rc)
		rc = th_num(b, tr(lang, MSG_CURRENT));
	if (!rc)
		rc = th_num(b, tr(lang, MSG_TARGET));
	if (!rc)
		rc = th_num(b, tr(lang, MSG_GAP));
	if (!rc)
		rc = html_raw(b, "</tr></thead><tbody>");
	for (i = 0; !rc && i < n; i++) {
		rc = html_fmt(b, "<tr><th scope=\"row\">%s</th><td>%s</td>", bars[i].label,
			      tr_level(lang, bars[i].level));
		if (!rc)
			rc = td_num(b, bars[i].current);
		if (!rc)
			rc = td_num(b, bars[i].target);
		if (!rc)
			rc = td_num(b, bar_gap(&bars[i]));
		if (!rc)
			rc = html_raw(b, "</tr>");
	}
	if (!rc)
		rc = html_raw(b, "</tbody></table>");
	return rc;
}

/* ---- heat map ---- */

#define HEAT_LEFT 170.0
#define HEAT_TOP 56.0
#define HEAT_CELL_W 64.0
#define HEAT_CELL_H 32.0

int svg_heatmap(struct buf *b, const struct svg_grid *g, enum lang lang, const char *title)
{
	size_t r, c, max = 0, count;
	double w, h, x, y, opacity;
	int rc;

	w = HEAT_LEFT + HEAT_CELL_W * (double)g->cols + 16;
	h = HEAT_TOP + HEAT_CELL_H * (double)g->rows + 16;
	if (!g->rows || !g->cols) {
		w = 480;
		h = 120;
	}
	rc = svg_begin(b, w, h, title, tr(lang, MSG_REPORT_HEATMAP_DESC));
	if (rc)
		return rc;
	for (r = 0; r < g->rows; r++)
		for (c = 0; c < g->cols; c++)
			if (g->counts[r * g->cols + c] > max)
				max = g->counts[r * g->cols + c];
	if (!g->rows || !g->cols || !max) {
		rc = svg_no_data(b, w, h, lang);
		return rc ? rc : html_raw(b, "</svg>");
	}
	rc = html_fmt(
	    b,
	    "<text x=\"%.1f\" y=\"18\" text-anchor=\"middle\" font-weight=\"bold\">%s</text>"
	    "<text x=\"8\" y=\"%.1f\" font-weight=\"bold\">%s</text>",
	    r1(HEAT_LEFT + HEAT_CELL_W * (double)g->cols / 2), g->col_heading, HEAT_TOP - 10,
	    g->row_heading);
	for (c = 0; !rc && c < g->cols; c++)
		rc = html_fmt(b, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\">%s</text>",
			      r1(HEAT_LEFT + HEAT_CELL_W * ((double)c + 0.5)), HEAT_TOP - 10,
			      g->col_labels[c]);
	for (r = 0; !rc && r < g->rows; r++) {
		y = HEAT_TOP + HEAT_CELL_H * (double)r;
		rc = html_fmt(b, "<text x=\"8\" y=\"%.1f\">", y + 20);
		if (!rc)
			rc = label_text(b, g->row_labels[r], 22);
		if (!rc)
			rc = html_raw(b, "</text>");
		for (c = 0; !rc && c < g->cols; c++) {
			count = g->counts[r * g->cols + c];
			x = HEAT_LEFT + HEAT_CELL_W * (double)c;
			opacity = count ? 0.15 + 0.85 * (double)count / (double)max : 0;
			rc = html_fmt(
			    b,
			    "<g><title>%s / %s: %zu</title><rect x=\"%.1f\" y=\"%.1f\" "
			    "width=\"%.1f\" height=\"%.1f\" fill=\"%s\" fill-opacity=\"%.2f\" "
			    "stroke=\"#ffffff\"/><text x=\"%.1f\" y=\"%.1f\" "
			    "text-anchor=\"middle\" fill=\"%s\">%zu</text></g>",
			    g->row_labels[r], g->col_labels[c], count, x, y, HEAT_CELL_W,
			    HEAT_CELL_H, count ? "#1d4ed8" : "#f3f4f6",
			    count ? round(opacity * 100) / 100 : 1.0, r1(x + HEAT_CELL_W / 2),
			    y + 20, opacity > 0.55 ? "#ffffff" : COLOR_TEXT, count);
		}
	}
	if (!rc)
		rc = html_raw(b, "</svg>");
	return rc;
}

int svg_heatmap_table(struct buf *b, const struct svg_grid *g, const char *caption)
{
	size_t r, c;
	int rc;

	rc = table_begin(b, caption);
	if (!rc)
		rc = th_col(b, g->row_heading);
	for (c = 0; !rc && c < g->cols; c++)
		rc = th_num(b, g->col_labels[c]);
	if (!rc)
		rc = html_raw(b, "</tr></thead><tbody>");
	for (r = 0; !rc && r < g->rows; r++) {
		rc = html_fmt(b, "<tr><th scope=\"row\">%s</th>", g->row_labels[r]);
		for (c = 0; !rc && c < g->cols; c++)
			rc = html_fmt(b, "<td class=\"num\">%zu</td>", g->counts[r * g->cols + c]);
		if (!rc)
			rc = html_raw(b, "</tr>");
	}
	if (!rc)
		rc = html_raw(b, "</tbody></table>");
	return rc;
}
