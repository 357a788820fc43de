/*
 * page_report.c - the portfolio at a glance, and its downloads.
 *
 * The page: downloads of every report format the CLI has, the build
 * progress, X.1060's portfolio table (service, recommendation level,
 * assignment with team or provider, current, target, gap), the gaps in
 * priority order, and three charts, each followed by its text alternative:
 * a radar of current against target per category, the gap bars and a
 * recommendation level x current score heat map. Every figure comes from
 * core/score.h, as in the downloads.
 *
 * GET .../download/{format}: report_render() output with the format's media
 * type and "Content-Disposition: attachment" with an ASCII-safe filename
 * (and the UTF-8 one as filename*).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/level.h"
#include "core/score.h"
#include "ops/ops.h"
#include "report/chart_data.h"
#include "report/html.h"
#include "report/report.h"
#include "report/svg.h"
#include "util/xalloc.h"
#include "web/pages/build_pages.h"
#include "web/pages/nav.h"
#include "web/pages/page.h"

#define REPORT_LABEL_MAX 600  /* one chart label: ref and name */
#define FILENAME_MAX_BYTES 96 /* ASCII filename of a download */

static const enum msg_id format_label[REPORT_FORMAT_COUNT] = {
    [REPORT_TEXT] = MSG_WEB_BUILD_FMT_TEXT, [REPORT_MD] = MSG_WEB_BUILD_FMT_MD,
    [REPORT_CSV] = MSG_WEB_BUILD_FMT_CSV,   [REPORT_JSON] = MSG_WEB_BUILD_FMT_JSON,
    [REPORT_HTML] = MSG_WEB_BUILD_FMT_HTML,
};

/* The score scale of the page's framework (1..5 for X.1060, 0..4 for SIM3). */
static struct score_scale scale(const struct framework *fw)
{
	struct score_scale sc;

	score_scale_of(fw, &sc);
	return sc;
}

static const char *score_text(enum lang lang, int score, char out[16])
{
	if (score == SCORE_NONE)
		return "—";
	if (score == SCORE_NA)
		return tr(lang, MSG_NA);
	snprintf(out, 16, "%d", score);
	return out;
}

/* Current (which 0) or target (1) cell: the side the assignment uses, both
 * sides for hybrid ("In-house 3 / Outsourced 2"); for a service not yet
 * assigned, whichever side was scored. */
static int score_cell(struct buf *b, enum lang lang, const struct entry *en, int which)
{
	char t0[16], t1[16];
	int v[SIDE_COUNT], s;

	for (s = 0; s < SIDE_COUNT; s++)
		v[s] = which ? en->score[s].target : en->score[s].current;
	if (en->assignment == ASSIGN_HYBRID)
		return html_fmt(b, "%s %s / %s %s", tr_assignment(lang, ASSIGN_INSOURCE),
				score_text(lang, v[0], t0), tr_assignment(lang, ASSIGN_OUTSOURCE),
				score_text(lang, v[1], t1));
	if (en->assignment == ASSIGN_OUTSOURCE ||
	    (en->assignment == ASSIGN_UNASSIGNED && v[0] == SCORE_NONE))
		return html_text(b, score_text(lang, v[1], t1));
	return html_text(b, score_text(lang, v[0], t0));
}

static int gap_cell(struct buf *b, const struct entry *en)
{
	char fig[SVG_FIGURE_MAX];
	double cur, tgt;

	if (entry_figure(en, 0, &cur) || entry_figure(en, 1, &tgt))
		return html_raw(b, "<td class=\"num\">—</td>");
	return html_fmt(b, "<td class=\"num %s\">%s</td>",
			tgt - cur > 0 ? "gap-positive" : "gap-none", svg_figure(fig, tgt - cur));
}

static int service_th(struct buf *b, const struct build_page *bp, const struct entry *en)
{
	int rc = html_fmt(b, "<th scope=\"row\"><span class=\"ref\">%s</span> %s", en->ref_id,
			  entry_name(&bp->p, en, bp->lc));

	if (!rc && entry_provisional(&bp->p, en))
		rc = html_fmt(b, " <span class=\"badge provisional\" title=\"%s\">%s</span>",
			      tr(bp->lang, MSG_PROVISIONAL_NOTE), tr(bp->lang, MSG_PROVISIONAL));
	if (!rc && en->custom)
		rc = html_fmt(b, " <span class=\"badge custom\">%s</span>",
			      tr(bp->lang, MSG_CUSTOM_SERVICE));
	return rc ? rc : html_raw(b, "</th>");
}

static int downloads(struct http_req *req, struct buf *b, const struct build_page *bp)
{
	enum lang lang = bp->lang;
	int rc, f;

	rc = html_raw(b, "<section aria-labelledby=\"downloads\">");
	if (!rc)
		rc = html_elem(b, "h2", tr(lang, MSG_WEB_BUILD_DOWNLOADS), "id", "downloads",
			       (char *)NULL);
	if (!rc)
		rc = html_raw(b, "<ul class=\"downloads actions\">");
	for (f = 0; !rc && f < REPORT_FORMAT_COUNT; f++) {
		char rest[64];
		const char *url;
		snprintf(rest, sizeof(rest), "download/%s", report_format_name(f));
		url = build_url(req, bp, rest);
		rc = html_raw(b, "<li>");
		if (!rc)
			rc = html_open(b, "a", "class", "button", "href", url, "download", "",
				       (char *)NULL);
		if (!rc)
			rc = html_fmt(b, "%s <span class=\"hint\">.%s</span></a></li>",
				      tr(lang, format_label[f]), report_format_ext(f));
	}
	return rc ? rc : html_raw(b, "</ul></section>\n");
}

static int progress_section(struct buf *b, const struct build_page *bp)
{
	static const enum msg_id phase[3] = {MSG_CATALOGUE, MSG_PROFILE, MSG_PORTFOLIO};
	static const enum msg_id measure[3] = {MSG_REPORT_PROGRESS_CATALOGUE,
					       MSG_REPORT_PROGRESS_PROFILE,
					       MSG_REPORT_PROGRESS_PORTFOLIO};
	enum lang lang = bp->lang;
	struct progress pg;
	size_t done[3], total[3];
	int rc, i;

	score_progress(&bp->p, &pg);
	done[0] = pg.catalogue_done, total[0] = pg.catalogue_total;
	done[1] = pg.profile_done, total[1] = pg.profile_total;
	done[2] = pg.portfolio_done, total[2] = pg.portfolio_total;
	rc = html_raw(b, "<section aria-labelledby=\"progress\">");
	if (!rc)
		rc = html_elem(b, "h2", tr(lang, MSG_REPORT_PROGRESS), "id", "progress",
			       (char *)NULL);
	if (!rc)
		rc =
		    html_fmt(b,
			     "<div class=\"table-wrap\"><table><thead><tr><th scope=\"col\">%s</th>"
			     "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
			     "<th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>",
			     tr(lang, MSG_REPORT_PHASE), tr(lang, MSG_REPORT_MEASURE),
			     tr(lang, MSG_REPORT_DONE), tr(lang, MSG_REPORT_PERCENT));
	for (i = 0; !rc && i < 3; i++) {
		unsigned pct = total[i] ? (unsigned)(done[i] * 100 / total[i]) : 0;
		rc = html_fmt(b,
			      "<tr><th scope=\"row\">%d. %s</th><td>%s</td><td class=\"num\">"
			      "%zu / %zu</td><td class=\"num\"><meter min=\"0\" max=\"100\" "
			      "value=\"%u\">%u%%</meter> %u%%</td></tr>",
			      i + 1, tr(lang, phase[i]), tr(lang, measure[i]), done[i], total[i],
			      pct, pct, pct);
	}
	return rc ? rc : html_raw(b, "</tbody></table></div></section>\n");
}

static int portfolio_table(struct buf *b, const struct build_page *bp)
{
	enum lang lang = bp->lang;
	size_t i;
	int rc;

	rc = html_raw(b, "<section aria-labelledby=\"table\">");
	if (!rc)
		rc = html_elem(b, "h2", tr(lang, MSG_PORTFOLIO), "id", "table", (char *)NULL);
	if (!rc && !bp->p.n_entries)
		return html_fmt(b, "<p class=\"empty\">%s</p></section>\n",
				tr(lang, MSG_REPORT_NO_ENTRIES));
	if (!rc)
		rc = html_fmt(
		    b,
		    "<div class=\"table-wrap\"><table class=\"portfolio cards\"><thead><tr>"
		    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		    "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
		    "<th scope=\"col\" class=\"num\">%s</th>"
		    "<th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>\n",
		    tr(lang, MSG_SERVICE), tr(lang, MSG_LEVEL), tr(lang, MSG_ASSIGNMENT),
		    tr(lang, MSG_CURRENT), tr(lang, MSG_TARGET), tr(lang, MSG_GAP));
	for (i = 0; !rc && i < bp->p.n_entries; i++) {
		const struct entry *en = &bp->p.entries[i];
		rc = html_fmt(b, "<tr class=\"level-%s\">", level_name(en->level));
		if (!rc)
			rc = service_th(b, bp, en);
		if (!rc)
			rc = html_fmt(b, "<td data-label=\"%s\">", tr(lang, MSG_LEVEL));
		if (!rc)
			rc = build_level_badge(b, lang, en->level);
		if (!rc)
			rc = html_fmt(b, "</td><td data-label=\"%s\">", tr(lang, MSG_ASSIGNMENT));
		if (!rc)
			rc = build_assignment(b, lang, en);
		if (!rc)
			rc = html_fmt(b, "</td><td class=\"num\" data-label=\"%s\">",
				      tr(lang, MSG_CURRENT));
		if (!rc)
			rc = score_cell(b, lang, en, 0);
		if (!rc)
			rc = html_fmt(b, "</td><td class=\"num\" data-label=\"%s\">",
				      tr(lang, MSG_TARGET));
		if (!rc)
			rc = score_cell(b, lang, en, 1);
		if (!rc)
			rc = html_raw(b, "</td>");
		if (!rc)
			rc = gap_cell(b, en);
		if (!rc)
			rc = html_raw(b, "</tr>\n");
	}
	if (!rc)
		rc = html_raw(b, "</tbody></table></div>");
	if (!rc)
		rc = html_elem(b, "p", tr(lang, MSG_REPORT_LEGEND_DASH), "class", "note",
			       (char *)NULL);
	if (!rc)
		rc = html_elem(b, "p", tr(lang, MSG_REPORT_LEGEND_NA), "class", "note",
			       (char *)NULL);
	return rc ? rc : html_raw(b, "</section>\n");
}

/* "A-3 Name" as a plain label for charts. */
static char *label_of(const struct build_page *bp, const struct entry *en)
{
	char buf[REPORT_LABEL_MAX];

	snprintf(buf, sizeof(buf), "%s %s", en->ref_id, entry_name(&bp->p, en, bp->lc));
	return xstrdup(buf);
}

static int gaps_section(struct buf *b, const struct build_page *bp)
{
	enum lang lang = bp->lang;
	struct gap *gaps = NULL;
	size_t n = score_gaps(&bp->p, &gaps), i;
	struct svg_bar *bars = xcalloc(n + 1, sizeof(*bars));
	char **labels = xcalloc(n + 1, sizeof(*labels));
	char f1[SVG_FIGURE_MAX], f2[SVG_FIGURE_MAX], f3[SVG_FIGURE_MAX];
	int rc;

	rc = html_raw(b, "<section aria-labelledby=\"gaps\">");
	if (!rc)
		rc = html_elem(b, "h2", tr(lang, MSG_REPORT_GAPS), "id", "gaps", (char *)NULL);
	if (!rc)
		rc = html_elem(b, "p", tr(lang, MSG_REPORT_GAPS_INTRO), (char *)NULL);
	if (!rc && !n)
		rc =
		    html_elem(b, "p", tr(lang, MSG_REPORT_NO_GAPS), "class", "empty", (char *)NULL);
	if (!rc && n)
		rc = html_fmt(b,
			      "<div class=\"table-wrap\"><table class=\"gaps cards\"><thead><tr>"
			      "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\">%s</th>"
			      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			      "<th scope=\"col\" class=\"num\">%s</th>"
			      "<th scope=\"col\" class=\"num\">%s</th>"
			      "<th scope=\"col\" class=\"num\">%s</th></tr></thead><tbody>\n",
			      tr(lang, MSG_REPORT_RANK), tr(lang, MSG_SERVICE), tr(lang, MSG_LEVEL),
			      tr(lang, MSG_ASSIGNMENT), tr(lang, MSG_CURRENT), tr(lang, MSG_TARGET),
			      tr(lang, MSG_GAP));
	for (i = 0; !rc && i < n; i++) {
		const struct entry *en = &bp->p.entries[gaps[i].entry];
		labels[i] = label_of(bp, en);
		bars[i].label = labels[i];
		bars[i].level = en->level;
		bars[i].current = gaps[i].current;
		bars[i].target = gaps[i].target;
		rc = html_fmt(b, "<tr><td class=\"num\" data-label=\"%s\">%zu</td>",
			      tr(lang, MSG_REPORT_RANK), i + 1);
		if (!rc)
			rc = html_fmt(b, "<td data-label=\"%s\">%s</td><td data-label=\"%s\">",
				      tr(lang, MSG_SERVICE), labels[i], tr(lang, MSG_LEVEL));
		if (!rc)
			rc = build_level_badge(b, lang, en->level);
		if (!rc)
			rc = html_fmt(b, "</td><td data-label=\"%s\">", tr(lang, MSG_ASSIGNMENT));
		if (!rc)
			rc = build_assignment(b, lang, en);
		if (!rc)
			rc = html_fmt(
			    b,
			    "</td><td class=\"num\" data-label=\"%s\">%s</td>"
			    "<td class=\"num\" data-label=\"%s\">%s</td>"
			    "<td class=\"num gap-positive\" data-label=\"%s\">%s</td></tr>\n",
			    tr(lang, MSG_CURRENT), svg_figure(f1, gaps[i].current),
			    tr(lang, MSG_TARGET), svg_figure(f2, gaps[i].target), tr(lang, MSG_GAP),
			    svg_figure(f3, gaps[i].gap));
	}
	if (!rc && n)
		rc = html_raw(b, "</tbody></table></div>");
	if (!rc && n) {
		rc = html_raw(b, "<figure class=\"chart\">");
		if (!rc)
			rc = svg_gap_bars(b, bars, n, scale(bp->fw).max - scale(bp->fw).min, lang,
					  tr(lang, MSG_REPORT_GAPBARS_TITLE));
		if (!rc)
			rc = html_elem(b, "figcaption", tr(lang, MSG_REPORT_GAPBARS_TITLE),
				       (char *)NULL);
		if (!rc)
			rc = html_raw(b, "</figure><details class=\"chart-data\"><summary>");
		if (!rc)
			rc = html_text(b, tr(lang, MSG_REPORT_CHART_DATA));
		if (!rc)
			rc = html_raw(b, "</summary>");
		if (!rc)
			rc = svg_gap_table(b, bars, n, lang, tr(lang, MSG_REPORT_GAPBARS_TITLE));
		if (!rc)
			rc = html_raw(b, "</details>");
	}
	for (i = 0; i < n; i++)
		free(labels[i]);
	free(labels);
	free(bars);
	free(gaps);
	return rc ? rc : html_raw(b, "</section>\n");
}

static int radar_section(struct buf *b, const struct build_page *bp)
{
	enum lang lang = bp->lang;
	struct rollup *ru = NULL;
	size_t n = score_rollups(&bp->p, 0, &ru), k = n ? n - 1 : 0, i;
	const char **labels = xcalloc(k + 1, sizeof(*labels));
	char **owned = xcalloc(k + 1, sizeof(*owned));
	double *cur = xcalloc(k + 1, sizeof(*cur)), *tgt = xcalloc(k + 1, sizeof(*tgt));
	int rc;

	for (i = 0; i < k; i++) {
		int node = ru[i].category ? framework_find(bp->fw, ru[i].category) : -1;
		char buf[REPORT_LABEL_MAX];
		snprintf(buf, sizeof(buf), "%s %s", ru[i].category ? ru[i].category : "",
			 node >= 0 ? fw_node_name(&bp->fw->nodes[node], bp->lc) : "");
		owned[i] = xstrdup(buf);
		labels[i] = owned[i];
		cur[i] = ru[i].n_assessed ? ru[i].current : SVG_NO_VALUE;
		tgt[i] = ru[i].n_assessed ? ru[i].target : SVG_NO_VALUE;
	}
	rc = html_raw(b, "<section aria-labelledby=\"radar\">");
	if (!rc)
		rc = html_elem(b, "h2", tr(lang, MSG_REPORT_RADAR_TITLE), "id", "radar",
			       (char *)NULL);
	if (!rc)
		rc = html_elem(b, "p", tr(lang, MSG_REPORT_ROLLUP_FORMULA), "class", "note",
			       (char *)NULL);
	if (!rc)
		rc = html_raw(b, "<figure class=\"chart\">");
	if (!rc)
		rc = svg_radar(b, labels, cur, tgt, k, scale(bp->fw).max, lang,
			       tr(lang, MSG_REPORT_RADAR_TITLE));
	if (!rc)
		rc = html_elem(b, "figcaption", tr(lang, MSG_REPORT_RADAR_TITLE), (char *)NULL);
	if (!rc)
		rc = html_raw(b, "</figure>");
	if (!rc)
		rc = svg_radar_table(b, labels, cur, tgt, k, lang, tr(lang, MSG_REPORT_CHART_DATA));
	for (i = 0; i < k; i++)
		free(owned[i]);
	free(owned);
	free(labels);
	free(cur);
	free(tgt);
	score_rollups_free(ru, n);
	return rc ? rc : html_raw(b, "</section>\n");
}

static int heat_section(struct buf *b, const struct build_page *bp)
{
	enum lang lang = bp->lang;
	struct heat_data h;
	int rc;

	heat_data_of(&bp->p, lang, &h);
	rc = html_raw(b, "<section aria-labelledby=\"heatmap\">");
	if (!rc)
		rc = html_elem(b, "h2", tr(lang, MSG_REPORT_HEATMAP_TITLE), "id", "heatmap",
			       (char *)NULL);
	if (!rc)
		rc = html_raw(b, "<figure class=\"chart\">");
	if (!rc)
		rc = svg_heatmap(b, &h.grid, lang, tr(lang, MSG_REPORT_HEATMAP_TITLE));
	if (!rc)
		rc = html_elem(b, "figcaption", tr(lang, MSG_REPORT_HEATMAP_TITLE), (char *)NULL);
	if (!rc)
		rc = html_raw(b, "</figure>");
	if (!rc)
		rc = svg_heatmap_table(b, &h.grid, tr(lang, MSG_REPORT_CHART_DATA));
	return rc ? rc : html_raw(b, "</section>\n");
}

int page_report(struct http_req *req, struct http_resp *resp)
{
	struct buf *b = &resp->body;
	struct build_page *bp;
	int rc = build_open(req, resp, ROLE_VIEWER, &bp);

	if (rc)
		return rc > 0 ? 0 : rc;
	rc = page_begin(req, resp, 200, tr(bp->lang, MSG_WEB_BUILD_TAB_REPORT));
	if (!rc)
		rc = web_portfolio_nav(req, b, &bp->o, bp->fw_id, TAB_REPORT);
	if (!rc)
		rc = html_elem(b, "h1", tr(bp->lang, MSG_REPORT_TITLE), (char *)NULL);
	if (!rc)
		rc = html_fmt(b, "<p class=\"meta\">%s %d</p>\n", tr(bp->lang, MSG_CYCLE),
			      bp->p.cycle);
	if (!rc)
		rc = downloads(req, b, bp);
	if (!rc)
		rc = progress_section(b, bp);
	if (!rc)
		rc = portfolio_table(b, bp);
	if (!rc)
		rc = gaps_section(b, bp);
	if (!rc)
		rc = radar_section(b, bp);
	if (!rc)
		rc = heat_section(b, bp);
	return rc ? rc : page_end(req, resp);
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
		       enum report_format f)
{
	char ascii[FILENAME_MAX_BYTES], cycle[32], org_id[32];
	size_t len = 0;
	struct buf h, utf8;
	int rc;

	snprintf(cycle, sizeof(cycle), "-cycle%d.", bp->p.cycle);
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
	ascii_part(ascii, sizeof(ascii), &len, report_format_ext(f));
	buf_init(&utf8, 2048);
	buf_init(&h, 8192);
	rc =
	    buf_printf(&utf8, "cdcf-%s-%s%s%s", bp->o.name, bp->fw_id, cycle, report_format_ext(f));
	if (!rc)
		rc = buf_printf(&h, "attachment; filename=\"%s\"; filename*=UTF-8''", ascii);
	if (!rc)
		rc = http_percent_encode(&h, utf8.data);
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
	struct err e = ERR_INIT;
	struct build_page *bp;
	int f, rc;

	f = name ? report_format_parse(name) : -1;
	rc = build_open(req, resp, ROLE_VIEWER, &bp);
	if (rc)
		return rc > 0 ? 0 : rc;
	if (f < 0)
		return http_error(req, resp, 404, "unknown_format",
				  "unknown report format (text, md, csv, json, html)");
	http_resp_text(resp, 200);
	resp->content_type = report_format_mime(f);
	rc = report_render(&bp->p, f, bp->lang, &resp->body, &e);
	if (rc)
		return web_fail(req, resp, &e);
	rc = disposition(req, resp, bp, f);
	if (!rc)
		rc = http_resp_header(resp, "Cache-Control", "private, no-store");
	return rc;
}
