/*
 * report_html.c - the report as one self-contained HTML file.
 *
 * Inline CSS only (no script, no external fonts or images), lang attribute
 * and UTF-8 declared, every piece of data written through the escaping
 * writer (report/html.h). Charts are inline SVG (report/charts.h), each
 * followed by a table of the numbers it shows: gap bars, the radar of the
 * roll-ups, the level x score heat map, the procurement quadrant and, when
 * the model has the closed cycles, the trend across them. The CSS prints on A4 (each
 * section after the summary from a new page; report/pdf.c prints it to PDF) with
 * table headers repeated and charts kept whole.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/level.h"
#include "report/charts.h"
#include "report/html.h"
#include "report/report_int.h"

static const char css[] =
    ":root{color-scheme:light}"
    "body{margin:0;color:#111827;background:#fff;line-height:1.5;"
    "font-family:system-ui,-apple-system,\"Segoe UI\",\"Hiragino Sans\",\"Noto Sans CJK JP\","
    "\"Yu Gothic\",Meiryo,sans-serif}"
    "main{max-width:1100px;margin:0 auto;padding:1.5rem}"
    "h1{font-size:1.6rem;margin:0 0 .75rem}"
    "h2{font-size:1.25rem;margin:2rem 0 .5rem;padding-bottom:.25rem;border-bottom:2px solid "
    "#e5e7eb}"
    "dl.meta{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem;margin:0}"
    "dl.meta dt{font-weight:600}dl.meta dd{margin:0}"
    "table{border-collapse:collapse;width:100%;margin:.5rem 0 1rem;font-size:.9rem}"
    ".table-wrap{overflow-x:auto}.table-wrap .table-wrap{overflow:visible}"
    "caption{text-align:left;font-weight:600;padding:.25rem 0}"
    "th,td{border:1px solid #d1d5db;padding:.3rem .5rem;text-align:left;vertical-align:top}"
    "thead th{background:#f3f4f6}"
    ".num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}"
    ".date{white-space:nowrap}"
    "table.chart-data .num{width:5.5rem}"
    "tr.total>*{font-weight:600;background:#f9fafb}"
    "tr.provisional>:first-child{font-style:italic}"
    "tr.level-basic>:first-child{border-left:4px solid #b91c1c}"
    "tr.level-standard>:first-child{border-left:4px solid #c2410c}"
    "tr.level-advanced>:first-child{border-left:4px solid #1d4ed8}"
    "tr.level-optional>:first-child{border-left:4px solid #4b5563}"
    "tr.level-not_required>*{color:#6b7280}"
    "dl.glance{display:grid;grid-template-columns:repeat(auto-fit,minmax(13rem,1fr));gap:.5rem;"
    "margin:.5rem 0}"
    "dl.glance>div{border:1px solid #d1d5db;border-radius:6px;padding:.5rem .75rem}"
    "dl.glance dt{font-size:.85rem;color:#374151}"
    "dl.glance dd{margin:0;font-size:1.1rem;font-weight:600}"
    "div.board h3{font-size:1rem;margin:.75rem 0 0}div.board table{margin:.25rem 0 .5rem}"
    "div.board#board-gaps td:nth-child(2){white-space:nowrap}"
    "@media(min-width:60rem){#glance{display:grid;grid-template-columns:1fr 1fr;gap:0 1.5rem}"
    "#glance>h2,#glance>dl.glance{grid-column:1/-1}}"
    "figure{margin:1rem 0}figcaption{font-weight:600;margin-bottom:.25rem}"
    "svg.chart{display:block;width:100%;max-width:56rem;height:auto}"
    "p.legend{font-size:.85rem;color:#4b5563;margin:.25rem 0}"
    "p.empty{font-style:italic}"
    "footer{margin-top:2rem;font-size:.8rem;color:#6b7280}"
    "@media print{@page{size:A4;margin:12mm}"
    "body{font-size:10pt}main{max-width:none;padding:0}"
    "h2{break-after:avoid}figure,tr{break-inside:avoid}thead{display:table-header-group}"
    "tfoot{display:table-footer-group}"
    /* the summary alone on the first page, every other section from a new page */
    "main>section~section{break-before:page}main>section~section>h2{margin-top:0}"
    "dl.glance{grid-template-columns:repeat(auto-fit,minmax(32mm,1fr))}dl.glance>div{break-inside:"
    "avoid}"
    "#glance{display:grid;grid-template-columns:1fr 1fr;gap:0 6mm}"
    "#glance>h2,#glance>dl.glance{grid-column:1/-1}"
    "div.board table{font-size:8pt;margin:.15rem 0 .3rem}div.board h3{font-size:9.5pt}"
    "dl.glance dd{font-size:10pt}dl.glance>div{padding:.25rem .5rem}"
    "table{font-size:8.5pt}th,td{padding:.2rem .35rem}th.num{white-space:normal}"
    "table.chart-data .num{width:auto}table.chart-data th[scope=row]{white-space:nowrap}"
    "#portfolio td:nth-child(2),#gaps td:nth-child(2){white-space:nowrap}"
    "svg.chart{max-width:100%;max-height:240mm}"
    ".table-wrap{overflow:visible}"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}";

/* <tr> with the classes the CSS uses: level-<name>, provisional, total. */
static int row_open(struct buf *b, int level, unsigned flags)
{
	const char *sep = "";
	int rc;

	if (level < 0 && !flags)
		return html_raw(b, "<tr>");
	rc = html_raw(b, "<tr class=\"");
	if (!rc && level >= 0) {
		rc = html_fmt(b, "level-%s", level_name(level));
		sep = " ";
	}
	if (!rc && (flags & RT_ROW_PROVISIONAL)) {
		rc = html_fmt(b, "%sprovisional", sep);
		sep = " ";
	}
	if (!rc && (flags & RT_ROW_TOTAL))
		rc = html_fmt(b, "%stotal", sep);
	if (!rc)
		rc = html_raw(b, "\">");
	return rc;
}

static int html_table(struct buf *b, const struct rtable *t, enum lang lang)
{
	size_t r, c;
	int rc;

	rc = html_raw(b, "<div class=\"table-wrap\" tabindex=\"0\"><table><thead><tr>");
	for (c = 0; !rc && c < t->ncols; c++)
		rc = html_fmt(b,
			      t->numeric[c] ? "<th scope=\"col\" class=\"num\">%s</th>"
					    : "<th scope=\"col\">%s</th>",
			      tr(lang, t->head[c]));
	if (!rc)
		rc = html_raw(b, "</tr></thead><tbody>");
	for (r = 0; !rc && r < t->nrows; r++) {
		int level = t->row_level[r];
		unsigned flags = t->row_flags[r];
		rc = row_open(b, level, flags);
		for (c = 0; !rc && c < t->ncols; c++) {
			const char *cell = t->cells[r * t->ncols + c];
			if (c == 0)
				rc = html_fmt(b, "<th scope=\"row\">%s</th>", cell);
			else if (t->numeric[c])
				rc = html_fmt(b, "<td class=\"num\">%s</td>", cell);
			else
				rc = html_fmt(b, "<td>%s</td>", cell);
		}
		if (!rc)
			rc = html_raw(b, "</tr>");
	}
	if (!rc)
		rc = html_raw(b, "</tbody></table></div>");
	return rc;
}

/* The numbers behind chart c, in a box that scrolls sideways on a narrow screen. */
static int chart_table(struct buf *b, const struct report_model *m, enum report_chart c)
{
	int rc = html_raw(b, "<div class=\"table-wrap\" tabindex=\"0\">");

	if (!rc)
		rc = report_chart_table(b, m, c, tr(m->lang, MSG_REPORT_CHART_DATA));
	if (!rc)
		rc = html_raw(b, "</div>");
	return rc;
}

/* The glance's rows as cards: <dl class="glance"><div><dt>what</dt><dd>value</dd></div>... */
static int glance_list(struct buf *b, const struct rtable *t)
{
	size_t i;
	int rc = html_raw(b, "<dl class=\"glance\">");

	for (i = 0; !rc && i < t->nrows; i++)
		rc = html_fmt(b, "<div><dt>%s</dt><dd>%s</dd></div>", t->cells[i * t->ncols],
			      t->cells[i * t->ncols + 1]);
	if (!rc)
		rc = html_raw(b, "</dl>");
	return rc;
}

/* <figure>: a chart of the model and its caption. */
static int figure(struct buf *b, const struct report_model *m, enum report_chart c,
		  enum msg_id caption)
{
	int rc = html_raw(b, "<figure>");

	if (!rc)
		rc = report_chart_svg(b, m, c);
	if (!rc)
		rc = html_fmt(b, "<figcaption>%s</figcaption></figure>", tr(m->lang, caption));
	return rc;
}

/* A section that is a chart: heading, intro, the chart, its numbers. */
static int chart_section(struct buf *b, const struct report_model *m, const char *id,
			 enum msg_id heading, enum msg_id intro, enum report_chart c,
			 enum msg_id caption)
{
	int rc = html_open(b, "section", "id", id, (char *)NULL);

	if (!rc)
		rc = html_elem(b, "h2", tr(m->lang, heading), (char *)NULL);
	if (!rc)
		rc = html_elem(b, "p", tr(m->lang, intro), (char *)NULL);
	if (!rc)
		rc = figure(b, m, c, caption);
	if (!rc)
		rc = chart_table(b, m, c);
	if (!rc)
		rc = html_close(b, "section");
	return rc;
}

/* Is s a part of the board's summary, shown inside the glance's section? */
static int board_part(const struct rsection *s)
{
	return s->kind == RSEC_BOARD_CATEGORIES || s->kind == RSEC_BOARD_GAPS ||
	       s->kind == RSEC_BOARD_CHANGES || s->kind == RSEC_BOARD_OVERDUE;
}

/* A part of the board's summary: <div class="board" id=...><h3>title</h3><table>... */
static int board_table(struct buf *b, const struct rsection *s, enum lang lang)
{
	int rc = html_open(b, "div", "class", "board", "id", s->id, (char *)NULL);

	if (!rc)
		rc = html_elem(b, "h3", tr(lang, s->title), (char *)NULL);
	if (!rc)
		rc = html_table(b, &s->t, lang);
	if (!rc)
		rc = html_close(b, "div");
	return rc;
}

/* The glance's cards, then the board's summary tables (the parts of r). */
static int glance_and_board(struct buf *b, const struct rreport *r, const struct rsection *glance)
{
	size_t k;
	int rc = glance_list(b, &glance->t);

	for (k = 0; !rc && k < r->n_sec; k++)
		if (board_part(&r->sec[k]))
			rc = board_table(b, &r->sec[k], r->m->lang);
	return rc;
}

int report_glance_html(struct buf *b, const struct report_model *m)
{
	struct rreport r;
	size_t i;
	int rc = rreport_build(&r, m);

	for (i = 0; !rc && i < r.n_sec; i++)
		if (r.sec[i].kind == RSEC_GLANCE)
			rc = glance_and_board(b, &r, &r.sec[i]);
	rreport_release(&r);
	return rc;
}

static int section(struct buf *b, const struct rreport *r, const struct rsection *s)
{
	const struct report_model *m = r->m;
	enum lang lang = m->lang;
	size_t k;
	int rc;

	rc = html_open(b, "section", "id", s->id, (char *)NULL);
	if (!rc)
		rc = html_elem(b, "h2", tr(lang, s->title), (char *)NULL);
	if (!rc && s->intro != RT_NO_MSG)
		rc = html_elem(b, "p", tr(lang, s->intro), (char *)NULL);
	/* each chart comes right before the table of its numbers */
	if (!rc && s->kind == RSEC_GAPS && m->n_gaps)
		rc = figure(b, m, REPORT_CHART_GAPS, MSG_REPORT_GAPBARS_TITLE);
	if (!rc && s->kind == RSEC_ROLLUPS && m->n_rollups > 1)
		rc = figure(b, m, REPORT_CHART_RADAR, MSG_REPORT_RADAR_TITLE);
	if (!rc && s->kind == RSEC_READINESS)
		rc = figure(b, m, REPORT_CHART_READINESS, MSG_REPORT_READINESS_TITLE);
	if (!rc && s->kind == RSEC_GLANCE) {
		rc = glance_and_board(b, r, s);
		return rc ? rc : html_close(b, "section");
	}
	if (!rc && !s->t.nrows && s->empty != RT_NO_MSG)
		rc = html_elem(b, "p", tr(lang, s->empty), "class", "empty", (char *)NULL);
	if (!rc && s->t.nrows)
		rc = html_table(b, &s->t, lang);
	for (k = 0; !rc && k < s->n_after; k++)
		rc = html_elem(b, "p", tr(lang, s->after[k]), "class", "legend", (char *)NULL);
	if (!rc && s->kind == RSEC_ROLLUPS) {
		rc = figure(b, m, REPORT_CHART_HEATMAP, MSG_REPORT_HEATMAP_TITLE);
		if (!rc)
			rc = chart_table(b, m, REPORT_CHART_HEATMAP);
	}
	if (!rc)
		rc = html_close(b, "section");
	/* the charts of their own, after the roll-ups */
	if (!rc && s->kind == RSEC_ROLLUPS)
		rc = chart_section(b, m, "quadrant", MSG_WEB_BUILD_Q_TITLE, MSG_WEB_BUILD_Q_INTRO,
				   REPORT_CHART_QUADRANT, MSG_WEB_BUILD_Q_CAPTION);
	if (!rc && s->kind == RSEC_ROLLUPS && m->has_trend)
		rc = chart_section(b, m, "trend", MSG_REPORT_TREND, MSG_WM_TREND_INTRO,
				   REPORT_CHART_TREND, MSG_WM_TREND_TITLE);
	return rc;
}

int render_html(const struct rreport *r, struct buf *out)
{
	enum lang lang = r->m->lang;
	size_t i;
	int rc;

	rc = html_fmt(out,
		      "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
		      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
		      "<meta name=\"generator\" content=\"cdcf\"><title>%s",
		      lang_code(lang), tr(lang, MSG_REPORT_TITLE));
	if (!rc && r->m->organization)
		rc = html_fmt(out, " \xE2\x80\x94 %s", r->m->organization);
	if (!rc)
		rc = html_raw(out, "</title><style>");
	if (!rc)
		rc = html_raw(out, css);
	if (!rc)
		rc = html_raw(out, "</style></head><body><main><header>");
	if (!rc)
		rc = html_elem(out, "h1", tr(lang, MSG_REPORT_TITLE), (char *)NULL);
	if (!rc)
		rc = html_raw(out, "<dl class=\"meta\">");
	for (i = 0; !rc && i < r->n_meta; i++)
		rc = html_fmt(out, "<dt>%s</dt><dd>%s</dd>", tr(lang, r->meta[i].label),
			      r->meta[i].value);
	if (!rc)
		rc = html_raw(out, "</dl></header>");
	for (i = 0; !rc && i < r->n_sec; i++)
		if (!board_part(&r->sec[i])) /* in the glance's section */
			rc = section(out, r, &r->sec[i]);
	if (!rc)
		rc = html_fmt(out, "<footer><p>%s</p></footer></main></body></html>\n",
			      tr(lang, MSG_REPORT_GENERATED));
	return rc;
}
