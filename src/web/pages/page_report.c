/*
 * page_report.c - the portfolio at a glance, and its downloads.
 *
 * The page renders the report model (report/model.h) that `cdcf report` and
 * every download render, so the figures cannot disagree: downloads of every
 * report format the CLI has, the build progress, X.1060's portfolio table
 * (service, recommendation level, assignment with team or provider, scores
 * by side, current, target, gap), the gaps in priority order, and the
 * charts of report/charts.h, each followed by its text alternative: the gap
 * bars, a radar of current against target per category, a recommendation
 * level x current score heat map, the procurement quadrant and the trend
 * across closed cycles.
 *
 * GET .../download/{format}: report_model_render() output with the format's
 * media type (the workbook, "xlsx": the organization's teams, providers and
 * the actions added to the model; "pdf": the HTML report printed by
 * report/pdf.c when chromium is installed) and "Content-Disposition:
 * attachment" with an ASCII-safe
 * filename (and the UTF-8 one as filename*).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/level.h"
#include "ops/ops.h"
#include "ops/ops_report.h"
#include "report/charts.h"
#include "report/html.h"
#include "report/model.h"
#include "report/pdf.h"
#include "report/report.h"
#include "store/store.h"
#include "web/pages/build_pages.h"
#include "web/pages/nav.h"
#include "web/pages/page.h"
#include "web/webctx.h"

#define FILENAME_MAX_BYTES 96 /* ASCII filename of a download */

static const enum msg_id format_label[REPORT_FORMAT_COUNT] = {
    [REPORT_TEXT] = MSG_WEB_BUILD_FMT_TEXT, [REPORT_MD] = MSG_WEB_BUILD_FMT_MD,
    [REPORT_CSV] = MSG_WEB_BUILD_FMT_CSV,   [REPORT_JSON] = MSG_WEB_BUILD_FMT_JSON,
    [REPORT_HTML] = MSG_WEB_BUILD_FMT_HTML, [REPORT_CSV_EXCEL] = MSG_WEB_BUILD_FMT_CSV_EXCEL,
    [REPORT_XLSX] = MSG_XLSX_FMT,
};

static int service_th(struct buf *b, const struct build_page *bp, const struct report_entry *re)
{
	const struct entry *en = re->e;

	html_fmt(b, "<th scope=\"row\"><span class=\"ref\">%s</span> %s", en->ref_id,
		 entry_name(&bp->p, en, bp->lc));
	if (re->provisional)
		html_fmt(b, " <span class=\"badge provisional\" title=\"%s\">%s</span>",
			 tr(bp->lang, MSG_PROVISIONAL_NOTE), tr(bp->lang, MSG_PROVISIONAL));
	if (en->custom)
		html_fmt(b, " <span class=\"badge custom\">%s</span>",
			 tr(bp->lang, MSG_CUSTOM_SERVICE));
	html_raw(b, "</th>");
	return buf_status(b);
}

static int downloads(struct http_req *req, struct buf *b, const struct build_page *bp)
{
	enum lang lang = bp->lang;
	/* the spreadsheet CSV next to the machine one */
	static const enum report_format order[] = {REPORT_TEXT,	     REPORT_MD,	  REPORT_CSV,
						   REPORT_CSV_EXCEL, REPORT_XLSX, REPORT_JSON,
						   REPORT_HTML};
	char rest[64];
	size_t i;
	enum report_format f;

	_Static_assert(sizeof(order) / sizeof(order[0]) == REPORT_FORMAT_COUNT,
		       "every report format has its download");

	html_raw(b, "<section aria-labelledby=\"downloads\">");
	html_elem(b, "h2", tr(lang, MSG_WEB_BUILD_DOWNLOADS), "id", "downloads", (char *)NULL);
	html_raw(b, "<ul class=\"downloads actions\">");
	for (i = 0; i < sizeof(order) / sizeof(order[0]); i++) {
		f = order[i];
		snprintf(rest, sizeof(rest), "download/%s", report_format_name(f));
		html_raw(b, "<li>");
		html_open(b, "a", "class", "button", "href", build_url(req, bp, rest), "download",
			  "", (char *)NULL);
		html_fmt(b, "%s <span class=\"hint\">.%s</span></a></li>",
			 tr(lang, format_label[f]), report_format_ext(f));
	}
	/* the PDF where the server can print it, else why not */
	html_raw(b, "<li>");
	if (pdf_available()) {
		html_open(b, "a", "class", "button", "href", build_url(req, bp, "download/pdf"),
			  "download", "", (char *)NULL);
		html_fmt(b, "%s <span class=\"hint\">.pdf</span></a>", tr(lang, MSG_PDF_DOWNLOAD));
	} else
		html_elem(b, "span", tr(lang, MSG_PDF_UNAVAILABLE), "class", "hint", (char *)NULL);
	html_raw(b, "</li></ul>");
	html_raw(b, "<p>");
	html_elem(b, "a", tr(lang, MSG_COVERAGE_LINK), "href", build_url(req, bp, "coverage"),
		  (char *)NULL);
	html_raw(b, "</p>");
	if (bp->o.role >= ROLE_EDITOR) {
		html_raw(b, "<p>");
		html_elem(b, "a", tr(lang, MSG_UPLOAD_LINK), "href", build_url(req, bp, "import"),
			  (char *)NULL);
		html_raw(b, "</p>");
	}
	html_raw(b, "</section>\n");
	return buf_status(b);
}

static int progress_section(struct buf *b, const struct report_model *m)
{
	enum lang lang = m->lang;
	int i;

	html_raw(b, "<section aria-labelledby=\"progress\">");
	html_elem(b, "h2", tr(lang, MSG_REPORT_PROGRESS), "id", "progress", (char *)NULL);
	html_fmt(b,
		 "<div class=\"table-wrap\" tabindex=\"0\">"
		 "<table><thead><tr><th scope=\"col\">%s</th>"
		 "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
		 "<th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>",
		 tr(lang, MSG_REPORT_PHASE), tr(lang, MSG_REPORT_MEASURE),
		 tr(lang, MSG_REPORT_DONE), tr(lang, MSG_REPORT_PERCENT));
	for (i = 0; i < REPORT_PHASES; i++) {
		const struct report_phase *ph = &m->progress[i];
		html_fmt(b,
			 "<tr><th scope=\"row\">%d. %s</th><td>%s</td><td class=\"num\">"
			 "%zu / %zu</td><td class=\"num\"><meter min=\"0\" max=\"100\" "
			 "value=\"%u\">%s</meter> %s</td></tr>",
			 i + 1, tr(lang, ph->phase), tr(lang, ph->measure), ph->done, ph->total,
			 ph->percent, ph->percent_text, ph->percent_text);
	}
	html_raw(b, "</tbody></table></div></section>\n");
	return buf_status(b);
}

/* <td class="num" data-label=...>figure</td>; a gap cell (gap not NULL) is
 * marked positive or not, when there is a gap. */
static int figure_td(struct buf *b, enum lang lang, enum msg_id head, const char *text,
		     const struct report_figure *gap)
{
	const char *cls = "num";

	if (gap && gap->ok)
		cls = gap->value > 0 ? "num gap-positive" : "num gap-none";
	return html_fmt(b, "<td class=\"%s\" data-label=\"%s\">%s</td>", cls, tr(lang, head), text);
}

static int portfolio_table(struct buf *b, const struct build_page *bp, const struct report_model *m)
{
	enum lang lang = m->lang;
	int parts = 0;
	size_t i;

	html_raw(b, "<section aria-labelledby=\"table\">");
	html_elem(b, "h2", tr(lang, MSG_PORTFOLIO), "id", "table", (char *)NULL);
	if (!m->n_entries)
		return html_fmt(b, "<p class=\"empty\">%s</p></section>\n",
				tr(lang, MSG_REPORT_NO_ENTRIES));
	html_fmt(b,
		 "<div class=\"table-wrap\" tabindex=\"0\">"
		 "<table class=\"portfolio cards\"><thead><tr>"
		 "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		 "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		 "<th scope=\"col\" class=\"num\">%s</th>"
		 "<th scope=\"col\" class=\"num\">%s</th>"
		 "<th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>\n",
		 tr(lang, MSG_SERVICE), tr(lang, MSG_LEVEL), tr(lang, MSG_ASSIGNMENT),
		 tr(lang, MSG_REPORT_SIDES), tr(lang, MSG_CURRENT), tr(lang, MSG_TARGET),
		 tr(lang, MSG_GAP));
	for (i = 0; i < m->n_entries; i++) {
		const struct report_entry *re = &m->entries[i];
		if (report_in_readiness(m, re))
			continue; /* in the readiness section */
		parts |= re->e->part;
		html_fmt(b, "<tr class=\"level-%s\">", level_name(re->e->level));
		service_th(b, bp, re);
		html_fmt(b, "<td data-label=\"%s\">", tr(lang, MSG_LEVEL));
		build_level_badge(b, lang, re->e->level);
		html_fmt(b, "</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td>",
			 tr(lang, MSG_ASSIGNMENT), re->assignment, tr(lang, MSG_REPORT_SIDES),
			 re->sides);
		figure_td(b, lang, MSG_CURRENT, re->current_cell, NULL);
		figure_td(b, lang, MSG_TARGET, re->target_cell, NULL);
		figure_td(b, lang, MSG_GAP, re->gap_cell, &re->gap);
		html_raw(b, "</tr>\n");
	}
	html_raw(b, "</tbody></table></div>");
	html_elem(b, "p", tr(lang, MSG_REPORT_LEGEND_DASH), "class", "note", (char *)NULL);
	html_elem(b, "p", tr(lang, MSG_REPORT_LEGEND_NA), "class", "note", (char *)NULL);
	html_elem(b, "p", tr(lang, MSG_REPORT_LEGEND_HYBRID), "class", "note", (char *)NULL);
	if (parts)
		html_elem(b, "p", tr(lang, MSG_REPORT_LEGEND_PARTS), "class", "note", (char *)NULL);
	html_raw(b, "</section>\n");
	return buf_status(b);
}

/* <figure> with a chart of the model, then its numbers folded away. The chart
 * writers may refuse a model they cannot draw: their answer is kept apart. */
static int chart(struct buf *b, const struct report_model *m, enum report_chart c,
		 enum msg_id caption)
{
	int rc;

	html_raw(b, "<figure class=\"chart\">");
	rc = report_chart_svg(b, m, c);
	html_elem(b, "figcaption", tr(m->lang, caption), (char *)NULL);
	html_raw(b, "</figure><details class=\"chart-data\"><summary>");
	html_text(b, tr(m->lang, MSG_REPORT_CHART_DATA));
	html_raw(b, "</summary>");
	if (!rc)
		rc = report_chart_table(b, m, c, tr(m->lang, report_chart_title(c)));
	html_raw(b, "</details>");
	return rc ? rc : buf_status(b);
}

/* A PSIRT's operational foundation: its readiness table, its roll-up and its
 * chart (nothing for a framework without readiness components). */
static int readiness_section(struct buf *b, const struct build_page *bp,
			     const struct report_model *m)
{
	enum lang lang = m->lang;
	size_t i, n = 0;
	int rc;

	for (i = 0; i < m->n_entries; i++)
		n += report_in_readiness(m, &m->entries[i]);
	if (!n)
		return 0;
	html_raw(b, "<section aria-labelledby=\"readiness\">");
	html_elem(b, "h2", tr(lang, MSG_REPORT_READINESS), "id", "readiness", (char *)NULL);
	html_elem(b, "p", tr(lang, MSG_REPORT_READINESS_INTRO), (char *)NULL);
	rc = chart(b, m, REPORT_CHART_READINESS, MSG_REPORT_READINESS_TITLE);
	html_fmt(b,
		 "<div class=\"table-wrap\" tabindex=\"0\">"
		 "<table class=\"readiness cards\"><thead><tr>"
		 "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		 "<th scope=\"col\" class=\"num\">%s</th>"
		 "<th scope=\"col\" class=\"num\">%s</th>"
		 "<th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>\n",
		 tr(lang, MSG_REPORT_COMPONENT), tr(lang, MSG_REPORT_SCOPE), tr(lang, MSG_CURRENT),
		 tr(lang, MSG_TARGET), tr(lang, MSG_GAP));
	for (i = 0; i < m->n_entries; i++) {
		const struct report_entry *re = &m->entries[i];
		if (!report_in_readiness(m, re))
			continue;
		html_fmt(b, "<tr class=\"level-%s\">", level_name(re->e->level));
		service_th(b, bp, re);
		html_fmt(b, "<td data-label=\"%s\">%s</td>", tr(lang, MSG_REPORT_SCOPE),
			 re->e->level == LEVEL_NOT_REQUIRED ? tr(lang, MSG_REPORT_NOT_APPLICABLE)
							    : tr_level(lang, re->e->level));
		figure_td(b, lang, MSG_CURRENT, re->current_cell, NULL);
		figure_td(b, lang, MSG_TARGET, re->target_cell, NULL);
		figure_td(b, lang, MSG_GAP, re->gap_cell, &re->gap);
		html_raw(b, "</tr>\n");
	}
	for (i = 0; i + 1 < m->n_rollups; i++) {
		const struct report_rollup *ru = &m->rollups[i];
		if (ru->assessment != ASSESS_READINESS)
			continue;
		html_fmt(b, "<tr class=\"total\"><th scope=\"row\">%s</th><td></td>", ru->label);
		figure_td(b, lang, MSG_CURRENT, ru->current.text, NULL);
		figure_td(b, lang, MSG_TARGET, ru->target.text, NULL);
		figure_td(b, lang, MSG_GAP, ru->gap.text, &ru->gap);
		html_raw(b, "</tr>\n");
	}
	html_raw(b, "</tbody></table></div>");
	html_elem(b, "p", tr(lang, MSG_REPORT_READINESS_SCALE), "class", "note", (char *)NULL);
	html_raw(b, "</section>\n");
	return rc ? rc : buf_status(b);
}

static int gaps_section(struct buf *b, const struct report_model *m)
{
	enum lang lang = m->lang;
	size_t i;
	int rc = 0;

	html_raw(b, "<section aria-labelledby=\"gaps\">");
	html_elem(b, "h2", tr(lang, MSG_REPORT_GAPS), "id", "gaps", (char *)NULL);
	html_elem(b, "p", tr(lang, MSG_REPORT_GAPS_INTRO), (char *)NULL);
	if (!m->n_gaps) {
		html_elem(b, "p", tr(lang, MSG_REPORT_NO_GAPS), "class", "empty", (char *)NULL);
		html_raw(b, "</section>\n");
		return buf_status(b);
	}
	html_fmt(b,
		 "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"gaps cards\"><thead><tr>"
		 "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\">%s</th>"
		 "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		 "<th scope=\"col\" class=\"num\">%s</th>"
		 "<th scope=\"col\" class=\"num\">%s</th>"
		 "<th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>\n",
		 tr(lang, MSG_REPORT_RANK), tr(lang, MSG_SERVICE), tr(lang, MSG_LEVEL),
		 tr(lang, MSG_ASSIGNMENT), tr(lang, MSG_CURRENT), tr(lang, MSG_TARGET),
		 tr(lang, MSG_GAP));
	for (i = 0; i < m->n_gaps; i++) {
		const struct report_entry *re = &m->entries[m->gaps[i]];
		html_fmt(b, "<tr><td class=\"num\" data-label=\"%s\">%zu</td>",
			 tr(lang, MSG_REPORT_RANK), i + 1);
		html_fmt(b, "<td data-label=\"%s\">%s</td><td data-label=\"%s\">",
			 tr(lang, MSG_SERVICE), re->label, tr(lang, MSG_LEVEL));
		build_level_badge(b, lang, re->e->level);
		html_fmt(b, "</td><td data-label=\"%s\">%s</td>", tr(lang, MSG_ASSIGNMENT),
			 re->assignment);
		figure_td(b, lang, MSG_CURRENT, re->current.text, NULL);
		figure_td(b, lang, MSG_TARGET, re->target.text, NULL);
		figure_td(b, lang, MSG_GAP, re->gap.text, &re->gap);
		html_raw(b, "</tr>\n");
	}
	html_raw(b, "</tbody></table></div>");
	rc = chart(b, m, REPORT_CHART_GAPS, MSG_REPORT_GAPBARS_TITLE);
	html_raw(b, "</section>\n");
	return rc ? rc : buf_status(b);
}

/* A section that is one chart: heading (with the chart's anchor), intro, chart. */
static int chart_section(struct buf *b, const struct report_model *m, enum report_chart c,
			 enum msg_id heading, enum msg_id intro, enum msg_id caption)
{
	const char *id = report_chart_id(c);
	int rc;

	html_fmt(b, "<section aria-labelledby=\"%s\">", id);
	html_elem(b, "h2", tr(m->lang, heading), "id", id, (char *)NULL);
	if (intro != MSG_COUNT)
		html_elem(b, "p", tr(m->lang, intro), "class", "note", (char *)NULL);
	rc = chart(b, m, c, caption);
	html_raw(b, "</section>\n");
	return rc ? rc : buf_status(b);
}

int page_report(struct http_req *req, struct http_resp *resp)
{
	struct buf *b = &resp->body;
	struct ops_report r;
	struct report_model *m;
	struct err e = ERR_INIT;
	struct build_page *bp;
	int rc = build_open(req, ROLE_VIEWER, &bp), charts = 0;

	if (rc)
		return rc;
	if (ops_report_model(bp->st, &bp->p, bp->lang, &r, &e))
		return http_fail(req, &e);
	m = r.m;
	page_begin(req, resp, 200, tr(bp->lang, MSG_WEB_BUILD_TAB_REPORT));
	web_portfolio_nav(req, b, &bp->o, bp->fw_id, TAB_REPORT);
	html_elem(b, "h1", tr(bp->lang, MSG_REPORT_TITLE), (char *)NULL);
	html_fmt(b, "<p class=\"meta\">%s %d</p>\n", tr(bp->lang, MSG_CYCLE), bp->p.cycle);
	html_raw(b, "<section aria-labelledby=\"glance\">");
	html_elem(b, "h2", tr(bp->lang, MSG_GLANCE_TITLE), "id", "glance", (char *)NULL);
	report_glance_html(b, m);
	html_raw(b, "</section>\n");
	downloads(req, b, bp);
	progress_section(b, m);
	portfolio_table(b, bp, m);
	/* the first chart that cannot be drawn fails the page */
	charts = readiness_section(b, bp, m);
	if (!charts)
		charts = gaps_section(b, m);
	if (!charts)
		charts = chart_section(b, m, REPORT_CHART_RADAR, MSG_REPORT_RADAR_TITLE,
				       MSG_REPORT_ROLLUP_FORMULA, MSG_REPORT_RADAR_TITLE);
	if (!charts)
		charts = chart_section(b, m, REPORT_CHART_HEATMAP, MSG_REPORT_HEATMAP_TITLE,
				       MSG_COUNT, MSG_REPORT_HEATMAP_TITLE);
	if (!charts)
		charts = chart_section(b, m, REPORT_CHART_QUADRANT, MSG_WEB_BUILD_Q_TITLE,
				       MSG_WEB_BUILD_Q_INTRO, MSG_WEB_BUILD_Q_CAPTION);
	if (!charts)
		charts = chart_section(b, m, REPORT_CHART_TREND, MSG_REPORT_TREND,
				       MSG_WM_TREND_INTRO, MSG_WM_TREND_TITLE);
	ops_report_release(&r);
	page_end(req, resp);
	return charts ? charts : buf_status(b);
}

/* Append s with everything but A-Z a-z 0-9 . - replaced by '_' (runs collapsed). */
static void ascii_part(char *out, size_t size, size_t *len, const char *s)
{
	for (; s && *s && *len + 1 < size; s++) {
		char c = *s;
		int ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
			 (c >= '0' && c <= '9') || c == '.' || c == '-';
		if (!ok) {
			if (*len && out[*len - 1] == '_')
				continue;
			c = '_';
		}
		out[(*len)++] = c;
	}
	out[*len] = 0;
}

static int disposition(struct http_req *req, struct http_resp *resp, const struct build_page *bp,
		       enum report_format f, const char *ext)
{
	char ascii[FILENAME_MAX_BYTES], cycle[32], org_id[32];
	size_t len = 0;
	struct buf h, utf8;
	int rc;

	/* the two CSVs get different names: both may land in one downloads folder */
	snprintf(cycle, sizeof(cycle), "-cycle%d%s.", bp->p.cycle,
		 f == REPORT_CSV_EXCEL ? "-excel" : "");
	snprintf(org_id, sizeof(org_id), "org%lld", bp->o.id);
	ascii_part(ascii, sizeof(ascii) - 40, &len, "cdcf-");
	ascii_part(ascii, sizeof(ascii) - 40, &len, bp->o.name);
	if (len <= 6) { /* nothing ASCII in the name */
		len = 5;
		ascii_part(ascii, sizeof(ascii) - 40, &len, org_id);
	}
	ascii_part(ascii, sizeof(ascii), &len, "-");
	ascii_part(ascii, sizeof(ascii), &len, bp->fw_id);
	ascii_part(ascii, sizeof(ascii), &len, cycle);
	ascii_part(ascii, sizeof(ascii), &len, ext);
	buf_init(&utf8, 2048);
	buf_init(&h, 8192);
	buf_printf(&utf8, "cdcf-%s-%s%s%s", bp->o.name, bp->fw_id, cycle, ext);
	buf_printf(&h, "attachment; filename=\"%s\"; filename*=UTF-8''", ascii);
	http_percent_encode(&h, utf8.data);
	rc = buf_status(&utf8) ? buf_status(&utf8) : buf_status(&h);
	if (!rc)
		rc = http_resp_header(resp, "Content-Disposition", h.data);
	(void)req;
	buf_release(&utf8);
	buf_release(&h);
	return rc;
}

int page_download(struct http_req *req, struct http_resp *resp)
{
	const char *name = http_req_param(req, "format");
	struct ops_report r;
	struct err e = ERR_INIT;
	struct build_page *bp;
	struct buf html;
	int f, rc, pdf = name && !strcmp(name, "pdf");

	f = pdf ? REPORT_HTML : name ? report_format_parse(name) : -1;
	rc = build_open(req, ROLE_VIEWER, &bp);
	if (rc)
		return rc;
	if (f < 0)
		return http_failf(req, ERR_NOT_FOUND, "format", MSG_WEB_BUILD_E_UNKNOWN_FORMAT,
				  name ? name : "");
	http_resp_text(resp, 200);
	resp->content_type = report_format_mime(f);
	rc = ops_report_model(bp->st, &bp->p, bp->lang, &r, &e);
	if (rc)
		return http_fail(req, &e);
	if (!pdf)
		rc = report_model_render(r.m, f, &resp->body, &e);
	if (!rc && pdf) { /* the HTML report, printed */
		buf_init(&html, REPORT_MAX_BYTES);
		rc = report_model_render(r.m, f, &html, &e);
		if (!rc)
			rc = report_pdf(html.data, html.len, &resp->body, &e);
		buf_release(&html);
		resp->content_type = PDF_MIME;
	}
	ops_report_release(&r);
	if (rc)
		return http_fail(req, &e);
	rc = disposition(req, resp, bp, f, pdf ? "pdf" : report_format_ext(f));
	if (!rc)
		rc = http_resp_header(resp, "Cache-Control", "private, no-store");
	return rc;
}
