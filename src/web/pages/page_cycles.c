/*
 * page_cycles.c - the history of an organization's cycles for one portfolio
 * (/o/{org}/p/{fw}/cycles): the trend of overall current and target scores
 * across closed cycles, the table of cycles (opened, closed with the
 * fingerprint of the frozen snapshot, approver) and the evaluation answers of
 * each closed cycle; what changed between any two cycles
 * (/cycles/{a}/diff/{b}), shown with the evaluation page's diff table.
 *
 * The trend is the report model's (report/model.h): computed from the frozen
 * snapshots with the one scoring module, so the figures of a closed cycle
 * never change when the live portfolio does, and drawn by
 * report/chart_trend.c, as in the report page and the HTML report.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/evaluation.h"
#include "core/level.h"
#include "core/snapshot.h"
#include "i18n/i18n.h"
#include "io/catalog.h"
#include "ops/ops.h"
#include "report/charts.h"
#include "report/html.h"
#include "report/model.h"
#include "store/store.h"
#include "store/store_user.h"
#include "util/err.h"
#include "web/pages/manage_pages.h"
#include "web/pages/nav.h"
#include "web/pages/page.h"
#include "web/webctx.h"

#define CYCLE_NUMBER_MAX 1000000 /* larger path numbers are refused before any lookup */

/* ---- /cycles: history and trend ---- */

/* The trend of the closed cycles (report/chart_trend.h), drawn from the
 * report model like every other view of the figures. */
static int trend_section(struct buf *b, const struct report_model *m)
{
	int rc = html_elem(b, "h2", tr(m->lang, MSG_WM_TREND_TITLE), (char *)NULL);

	if (!rc)
		rc = html_elem(b, "p", tr(m->lang, MSG_WM_TREND_INTRO), "class", "hint",
			       (char *)NULL);
	if (!rc)
		rc = html_raw(b, "<figure class=\"chart\">");
	if (!rc)
		rc = report_chart_svg(b, m, REPORT_CHART_TREND);
	if (!rc)
		rc = html_elem(b, "figcaption", tr(m->lang, MSG_WM_TREND_DESC), (char *)NULL);
	if (!rc)
		rc = html_raw(b, "</figure>\n");
	if (!rc)
		rc = report_chart_table(b, m, REPORT_CHART_TREND,
					tr(m->lang, MSG_REPORT_CHART_DATA));
	return rc;
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
	struct report_history h;
	struct report_model *m = NULL;
	struct report_input in = {.p = &p, .lang = lang, .history = &h};
	struct err e = ERR_INIT;
	struct web_org o;
	struct buf url;
	size_t n = 0;
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
	report_history_init(&h);
	if (ops_report_history(st, &p, &h, &e)) {
		report_history_release(&h);
		cycle_list_free(c, n);
		portfolio_release(&p);
		return web_fail(req, resp, &e);
	}
	if (report_model_new(&in, &m, &e)) {
		report_history_release(&h);
		cycle_list_free(c, n);
		portfolio_release(&p);
		return web_fail(req, resp, &e);
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
		rc = trend_section(b, m);
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
	report_model_free(m);
	report_history_release(&h);
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
