/*
 * page_cycles.c - the history of an organization's cycles for one portfolio
 * (/o/{org}/p/{fw}/cycles): the trend of overall current and target scores
 * across closed cycles, the table of cycles (opened, closed with the
 * fingerprint of the frozen snapshot, approver) and the evaluation answers of
 * each closed cycle; what changed between any two cycles
 * (/cycles/{a}/diff/{b}), shown with the evaluation page's diff table.
 *
 * The trend is computed from the frozen snapshots with the one scoring
 * module (score_rollups), so the figures of a closed cycle never change when
 * the live portfolio does.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/evaluation.h"
#include "core/level.h"
#include "core/score.h"
#include "core/snapshot.h"
#include "i18n/i18n.h"
#include "io/catalog.h"
#include "ops/ops.h"
#include "report/html.h"
#include "report/svg.h"
#include "store/store.h"
#include "store/store_user.h"
#include "util/err.h"
#include "util/xalloc.h"
#include "web/pages/manage_pages.h"
#include "web/pages/nav.h"
#include "web/pages/page.h"
#include "web/webctx.h"

#define CYCLE_NUMBER_MAX 1000000 /* larger path numbers are refused before any lookup */

/* ---- snapshots as portfolios ---- */

/* Overall current and target of a snapshot; -1 when nothing is assessed. */
static void snapshot_overall(const json_t *snap, const struct framework *fw, double *current,
			     double *target, size_t *assessed)
{
	struct portfolio p;
	struct rollup *r = NULL;
	size_t n;

	portfolio_init(&p);
	/* an unreadable snapshot rolls up as an empty portfolio: no values */
	(void)snapshot_to_portfolio(snap, fw, &p);
	n = score_rollups(&p, 0, &r);
	*current = *target = SVG_NO_VALUE;
	*assessed = 0;
	if (n > 0 && r[n - 1].n_assessed > 0) {
		*current = r[n - 1].current;
		*target = r[n - 1].target;
		*assessed = r[n - 1].n_assessed;
	}
	score_rollups_free(r, n);
	portfolio_release(&p);
}

/* ---- /cycles: history and trend ---- */

struct trend_point {
	int cycle;
	const char *closed;
	double current, target;
	size_t assessed;
};

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

/* One series as a polyline (with gaps left out) and a marker per point. */
static int trend_series(struct buf *b, const struct trend_point *pt, size_t n, double max,
			int target)
{
	size_t i;
	int rc = html_raw(b, target ? "<polyline fill=\"none\" stroke=\"" COLOR_TARGET
				      "\" stroke-width=\"2.5\" stroke-dasharray=\"6 4\" points=\""
				    : "<polyline fill=\"none\" stroke=\"" COLOR_CURRENT
				      "\" stroke-width=\"2.5\" points=\"");

	for (i = 0; !rc && i < n; i++) {
		double v = target ? pt[i].target : pt[i].current;
		if (v < 0)
			continue;
		rc = html_fmt(b, "%.1f,%.1f ", trend_x(i, n), trend_y(v, max));
	}
	if (!rc)
		rc = html_raw(b, "\"/>");
	for (i = 0; !rc && i < n; i++) {
		double v = target ? pt[i].target : pt[i].current;
		char fig[SVG_FIGURE_MAX];
		if (v < 0)
			continue;
		svg_figure(fig, v);
		/* circles for current, squares for target: not colour alone */
		if (target)
			rc = html_fmt(
			    b,
			    "<rect x=\"%.1f\" y=\"%.1f\" width=\"8\" height=\"8\" fill=\"%s\">"
			    "<title>%d: %s</title></rect>",
			    trend_x(i, n) - 4, trend_y(v, max) - 4, COLOR_TARGET, pt[i].cycle, fig);
		else
			rc = html_fmt(b,
				      "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" fill=\"%s\">"
				      "<title>%d: %s</title></circle>",
				      trend_x(i, n), trend_y(v, max), COLOR_CURRENT, pt[i].cycle,
				      fig);
	}
	return rc;
}

static int trend_chart(struct buf *b, enum lang lang, const struct trend_point *pt, size_t n,
		       double max)
{
	const char *title = tr(lang, MSG_WM_TREND_TITLE);
	double ly = TREND_H - 18;
	size_t i;
	int rc, s;

	rc =
	    html_fmt(b,
		     "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 %.0f "
		     "%.0f\" width=\"%.0f\" height=\"%.0f\" role=\"img\" aria-label=\"%s\" "
		     "font-family=\"system-ui, sans-serif\" font-size=\"12\" fill=\"#111827\">"
		     "<title>%s</title><desc>%s</desc>",
		     TREND_W, TREND_H, TREND_W, TREND_H, title, title, tr(lang, MSG_WM_TREND_DESC));
	for (s = 0; !rc && s <= (int)max; s++)
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

static int trend_table(struct buf *b, enum lang lang, const struct trend_point *pt, size_t n)
{
	char f1[SVG_FIGURE_MAX], f2[SVG_FIGURE_MAX];
	size_t i;
	int rc;

	rc = html_fmt(
	    b,
	    "<div class=\"table-wrap\"><table>\n<caption>%s</caption>\n<thead><tr>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
	    "<th scope=\"col\" class=\"num\">%s</th></tr></thead>\n<tbody>\n",
	    tr(lang, MSG_REPORT_CHART_DATA), tr(lang, MSG_CYCLE), tr(lang, MSG_WM_CLOSED),
	    tr(lang, MSG_CURRENT), tr(lang, MSG_TARGET), tr(lang, MSG_REPORT_ASSESSED));
	for (i = 0; !rc && i < n; i++)
		rc = html_fmt(b,
			      "<tr><th scope=\"row\">%d</th><td>%s</td><td class=\"num\">%s</td>"
			      "<td class=\"num\">%s</td><td class=\"num\">%zu</td></tr>\n",
			      pt[i].cycle, pt[i].closed, svg_figure(f1, pt[i].current),
			      svg_figure(f2, pt[i].target), pt[i].assessed);
	return rc ? rc : html_raw(b, "</tbody></table></div>\n");
}

/* <time datetime=ts>YYYY-MM-DD HH:MM UTC</time> */
static int time_elem(struct http_req *req, struct buf *b, const char *ts)
{
	return html_fmt(b, "<time datetime=\"%s\">%s</time>", ts, mg_datetime(req, ts));
}

/* The closing time of a cycle and, below it, the fingerprint of its snapshot
 * (abbreviated; the full value and what it means in the tooltip). */
static int closed_cell(struct http_req *req, struct buf *b, const struct cycle *c)
{
	enum lang lang = req->lang;
	char title[1024], shown[16];
	int rc;

	if (!c->closed_at)
		return html_text(b, tr(lang, MSG_WM_STILL_OPEN));
	if (!c->snapshot_hash)
		return time_elem(req, b, c->closed_at);
	/* one block, so the card layout on small screens keeps the two lines together */
	rc = html_raw(b, "<div class=\"closed-at\">");
	if (!rc)
		rc = time_elem(req, b, c->closed_at);
	snprintf(title, sizeof(title), "%s %s", tr(lang, MSG_WM_FINGERPRINT_HELP),
		 c->snapshot_hash);
	/* "sha256:376733e7902e…": the algorithm is in the tooltip */
	snprintf(shown, sizeof(shown), "%.12s",
		 c->snapshot_hash + (strncmp(c->snapshot_hash, "sha256:", 7) ? 0 : 7));
	if (!rc)
		rc = html_open(b, "span", "class", "fingerprint", "title", title, (char *)NULL);
	if (!rc)
		rc = html_fmt(b, "%s%s<code>%s\xE2\x80\xA6</code></span></div>",
			      tr(lang, MSG_WM_FINGERPRINT), tr(lang, MSG_REPORT_COLON), shown);
	return rc;
}

static int cycle_select(struct buf *b, enum lang lang, const char *id, const char *name,
			const char *label, const struct cycle *c, size_t n, int selected)
{
	char num[16], text[64];
	size_t i;
	int rc = mg_select_begin(b, id, name, label, 1);

	for (i = 0; !rc && i < n; i++) {
		snprintf(num, sizeof(num), "%d", c[i].number);
		snprintf(text, sizeof(text), "%d%s", c[i].number,
			 c[i].closed_at ? "" : tr(lang, MSG_WM_OPEN_SUFFIX));
		rc = mg_option(b, num, text, c[i].number == selected);
	}
	return rc ? rc : mg_select_end(b);
}

static int cycles_table(struct http_req *req, struct buf *b, const struct web_org *o,
			const char *fw, const struct cycle *c, size_t n)
{
	enum lang lang = req->lang;
	struct buf url;
	char rest[64], text[96];
	size_t i;
	int rc;

	buf_init(&url, HTTP_MAX_PATH);
	rc = html_fmt(b,
		      "<div class=\"table-wrap\"><table class=\"cards cycles\">\n<thead><tr>"
		      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		      "</tr></thead>\n<tbody>\n",
		      tr(lang, MSG_CYCLE), tr(lang, MSG_WM_OPENED_AT), tr(lang, MSG_WM_CLOSED),
		      tr(lang, MSG_WM_APPROVED_BY), tr(lang, MSG_WM_ANSWERS),
		      tr(lang, MSG_WM_CHANGES));
	for (i = 0; !rc && i < n; i++) {
		rc = html_fmt(b,
			      "<tr><th scope=\"row\" data-label=\"%s\">%d</th>"
			      "<td data-label=\"%s\">",
			      tr(lang, MSG_CYCLE), c[i].number, tr(lang, MSG_WM_OPENED_AT));
		if (!rc)
			rc = time_elem(req, b, c[i].opened_at);
		if (!rc)
			rc = html_fmt(b, "</td><td data-label=\"%s\">", tr(lang, MSG_WM_CLOSED));
		if (!rc)
			rc = closed_cell(req, b, &c[i]);
		if (!rc)
			rc = html_fmt(b, "</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">",
				      tr(lang, MSG_WM_APPROVED_BY),
				      c[i].approved_by ? c[i].approved_by : "",
				      tr(lang, MSG_WM_ANSWERS));
		if (!rc && c[i].closed_at) {
			snprintf(rest, sizeof(rest), "#answers-%d", c[i].number);
			rc =
			    html_elem(b, "a", tr(lang, MSG_WM_ANSWERS), "href", rest, (char *)NULL);
		}
		if (!rc)
			rc = html_fmt(b, "</td><td data-label=\"%s\">", tr(lang, MSG_WM_CHANGES));
		if (!rc && i > 0) {
			buf_reset(&url);
			snprintf(rest, sizeof(rest), "cycles/%d/diff/%d", c[i - 1].number,
				 c[i].number);
			snprintf(text, sizeof(text), "%d \xE2\x86\x92 %d", c[i - 1].number,
				 c[i].number);
			rc = web_portfolio_url(&url, o->id, fw, rest);
			if (!rc)
				rc = html_elem(b, "a", text, "href", url.data, (char *)NULL);
		}
		if (!rc)
			rc = html_raw(b, "</td></tr>\n");
	}
	if (!rc)
		rc = html_raw(b, "</tbody></table></div>\n");
	buf_release(&url);
	return rc;
}

/* "Cycle 1 closed; cycle 2 is open." after closing (?done=closed), from the data. */
static int closed_notice(struct http_req *req, struct buf *b, const struct cycle *c, size_t n,
			 int open)
{
	const char *done = http_req_query(req, "done");
	char a[16], o[16];
	int last = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (c[i].closed_at && c[i].number > last)
			last = c[i].number;
	if (!done || strcmp(done, "closed") || !last)
		return 0;
	snprintf(a, sizeof(a), "%d", last);
	snprintf(o, sizeof(o), "%d", open);
	return mg_ok_notice(b, mg_tr(req, MSG_WM_DONE_CLOSED, a, o));
}

int page_cycles(struct http_req *req, struct http_resp *resp)
{
	struct store *st = web_store(req);
	enum lang lang = req->lang;
	struct buf *b = &resp->body;
	struct portfolio p;
	struct cycle *c = NULL;
	struct trend_point *pt = NULL;
	struct err e = ERR_INIT;
	struct web_org o;
	struct buf url;
	size_t n = 0, npt = 0, i;
	double max = 5;
	int rc = web_org(req, resp, ROLE_VIEWER, &o);

	if (rc)
		return MG_ANSWERED(rc);
	portfolio_init(&p);
	rc = mg_load(req, resp, st, &o, &p);
	if (rc) {
		portfolio_release(&p);
		return MG_ANSWERED(rc);
	}
	if (store_cycle_list(st, p.id, &c, &n, &e)) {
		portfolio_release(&p);
		return web_fail(req, resp, &e);
	}
	if (p.fw && p.fw->rubric[0].max_score > 0)
		max = p.fw->rubric[0].max_score > p.fw->rubric[1].max_score
			  ? p.fw->rubric[0].max_score
			  : p.fw->rubric[1].max_score;
	pt = xcalloc(n ? n : 1, sizeof(*pt));
	for (i = 0; i < n; i++) {
		json_t *snap;
		if (!c[i].closed_at || !c[i].snapshot_json)
			continue;
		snap = json_loads(c[i].snapshot_json, 0, NULL);
		if (!snap)
			continue;
		pt[npt].cycle = c[i].number;
		pt[npt].closed = mg_date(req, c[i].closed_at);
		snapshot_overall(snap, catalog_get(p.framework_id), &pt[npt].current,
				 &pt[npt].target, &pt[npt].assessed);
		npt++;
		json_decref(snap);
	}
	buf_init(&url, HTTP_MAX_PATH);
	rc = page_begin(req, resp, 200, tr(lang, MSG_WM_CYCLE_HISTORY));
	if (!rc)
		rc = web_portfolio_nav(req, b, &o, p.framework_id, TAB_EVALUATION);
	if (!rc)
		rc = html_elem(b, "h1", tr(lang, MSG_WM_CYCLE_HISTORY), (char *)NULL);
	if (!rc)
		rc = closed_notice(req, b, c, n, p.cycle);
	if (!rc)
		rc = html_elem(b, "h2", tr(lang, MSG_WM_TREND_TITLE), (char *)NULL);
	if (!rc)
		rc = html_elem(b, "p", tr(lang, MSG_WM_TREND_INTRO), "class", "hint", (char *)NULL);
	if (!rc)
		rc = html_raw(b, "<figure class=\"chart\">");
	if (!rc)
		rc = trend_chart(b, lang, pt, npt, max);
	if (!rc)
		rc = html_elem(b, "figcaption", tr(lang, MSG_WM_TREND_DESC), (char *)NULL);
	if (!rc)
		rc = html_raw(b, "</figure>\n");
	if (!rc)
		rc = trend_table(b, lang, pt, npt);
	if (!rc)
		rc = html_elem(b, "h2", tr(lang, MSG_WM_CYCLES), (char *)NULL);
	if (!rc)
		rc = cycles_table(req, b, &o, p.framework_id, c, n);
	if (!rc)
		rc = mg_cycle_answers(req, b, c, n);
	if (!rc && n > 1) {
		rc = html_elem(b, "h2", tr(lang, MSG_WM_COMPARE), (char *)NULL);
		if (!rc)
			rc = web_portfolio_url(&url, o.id, p.framework_id, "cycles/compare");
		if (!rc)
			rc = html_open(b, "form", "method", "get", "action", url.data, "class",
				       "toolbar", (char *)NULL);
		if (!rc)
			rc = cycle_select(b, lang, "cmp-a", "a", tr(lang, MSG_WM_FROM_CYCLE), c, n,
					  c[n - 2].number);
		if (!rc)
			rc = cycle_select(b, lang, "cmp-b", "b", tr(lang, MSG_WM_TO_CYCLE), c, n,
					  c[n - 1].number);
		if (!rc)
			rc = mg_form_end(b, tr(lang, MSG_WM_COMPARE), NULL);
	}
	free(pt);
	cycle_list_free(c, n);
	portfolio_release(&p);
	buf_release(&url);
	return rc ? rc : page_end(req, resp);
}

/* A cycle number from the path or query: 1..CYCLE_NUMBER_MAX, else 0. */
static int cycle_number(const char *s)
{
	char *end;
	long v;

	if (!s || !*s)
		return 0;
	v = strtol(s, &end, 10);
	return *end || v <= 0 || v > CYCLE_NUMBER_MAX ? 0 : (int)v;
}

int page_cycles_compare(struct http_req *req, struct http_resp *resp)
{
	int a = cycle_number(http_req_query(req, "a"));
	int b = cycle_number(http_req_query(req, "b"));
	struct web_org o;
	struct buf url;
	char rest[64];
	int rc = web_org(req, resp, ROLE_VIEWER, &o);

	if (rc)
		return MG_ANSWERED(rc);
	if (!a || !b)
		return http_error(req, resp, 400, NULL, "choose two cycles to compare");
	snprintf(rest, sizeof(rest), "cycles/%d/diff/%d", a, b);
	buf_init(&url, HTTP_MAX_PATH);
	rc = web_portfolio_url(&url, o.id, http_req_param(req, "fw"), rest);
	if (!rc)
		rc = mg_see_other(resp, url.data);
	buf_release(&url);
	return rc;
}

int page_cycle_diff(struct http_req *req, struct http_resp *resp)
{
	struct store *st = web_store(req);
	enum lang lang = req->lang;
	struct buf *b = &resp->body;
	int na = cycle_number(http_req_param(req, "a"));
	int nb = cycle_number(http_req_param(req, "b"));
	struct portfolio p;
	struct change *ch = NULL;
	json_t *sa = NULL, *sb = NULL;
	struct err e = ERR_INIT;
	struct web_org o;
	struct buf url;
	char title[256];
	size_t n = 0;
	int rc = web_org(req, resp, ROLE_VIEWER, &o);

	if (rc)
		return MG_ANSWERED(rc);
	if (!na || !nb)
		return http_error(req, resp, 404, NULL, "cycles are numbered from 1");
	portfolio_init(&p);
	rc = mg_load(req, resp, st, &o, &p);
	if (rc) {
		portfolio_release(&p);
		return MG_ANSWERED(rc);
	}
	if (ops_cycle_snapshot(st, o.name, p.framework_id, na, &sa, &e) ||
	    ops_cycle_snapshot(st, o.name, p.framework_id, nb, &sb, &e)) {
		json_decref(sa);
		portfolio_release(&p);
		if (e.code == ERR_NOT_FOUND)
			return http_error(req, resp, 404, NULL, e.msg);
		return web_fail(req, resp, &e);
	}
	n = snapshot_diff(sa, sb, &ch);
	snprintf(title, sizeof(title), "%s: %d \xE2\x86\x92 %d", tr(lang, MSG_WM_DIFF), na, nb);
	buf_init(&url, HTTP_MAX_PATH);
	rc = page_begin(req, resp, 200, title);
	if (!rc)
		rc = web_portfolio_nav(req, b, &o, p.framework_id, TAB_EVALUATION);
	if (!rc)
		rc = html_elem(b, "h1", title, (char *)NULL);
	if (!rc && (na == p.cycle || nb == p.cycle))
		rc = html_elem(b, "p", tr(lang, MSG_WM_DIFF_OPEN_NOTE), "class", "hint",
			       (char *)NULL);
	if (!rc)
		rc = mg_diff_table(b, lang, &p, ch, n, title);
	if (!rc)
		rc = web_portfolio_url(&url, o.id, p.framework_id, "cycles");
	if (!rc)
		rc = html_raw(b, "<p>");
	if (!rc)
		rc = html_elem(b, "a", tr(lang, MSG_WM_CYCLE_HISTORY), "href", url.data,
			       (char *)NULL);
	if (!rc)
		rc = html_raw(b, "</p>\n");
	change_list_free(ch, n);
	json_decref(sa);
	json_decref(sb);
	portfolio_release(&p);
	buf_release(&url);
	return rc ? rc : page_end(req, resp);
}
