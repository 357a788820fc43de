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
	int rc;

	html_elem(b, "h2", tr(m->lang, MSG_WM_TREND_TITLE), (char *)NULL);
	html_elem(b, "p", tr(m->lang, MSG_WM_TREND_INTRO), "class", "hint", (char *)NULL);
	html_raw(b, "<figure class=\"chart\">");
	/* the chart writers may refuse a model they cannot draw: kept apart */
	rc = report_chart_svg(b, m, REPORT_CHART_TREND);
	html_elem(b, "figcaption", tr(m->lang, MSG_WM_TREND_DESC), (char *)NULL);
	html_raw(b, "</figure>\n");
	if (!rc)
		rc = report_chart_table(b, m, REPORT_CHART_TREND,
					tr(m->lang, MSG_REPORT_CHART_DATA));
	return rc ? rc : buf_status(b);
}

/* <time datetime=ts>YYYY-MM-DD HH:MM UTC</time> */
static int time_elem(struct http_req *req, struct buf *b, const char *ts)
{
	return html_fmt(b, "<time datetime=\"%s\">%s</time>", ts, kit_datetime(req, ts));
}

/* The closing time of a cycle and, below it, the fingerprint of its snapshot
 * (abbreviated; the full value and what it means in the tooltip). */
static int closed_cell(struct http_req *req, struct buf *b, const struct cycle *c)
{
	enum lang lang = req->lang;
	char title[1024], shown[16];

	if (!c->closed_at)
		return html_text(b, tr(lang, MSG_WM_STILL_OPEN));
	if (!c->snapshot_hash)
		return time_elem(req, b, c->closed_at);
	/* one block, so the card layout on small screens keeps the two lines together */
	html_raw(b, "<div class=\"closed-at\">");
	time_elem(req, b, c->closed_at);
	snprintf(title, sizeof(title), "%s %s", tr(lang, MSG_WM_FINGERPRINT_HELP),
		 c->snapshot_hash);
	/* "sha256:376733e7902e…": the algorithm is in the tooltip */
	snprintf(shown, sizeof(shown), "%.12s",
		 c->snapshot_hash + (strncmp(c->snapshot_hash, "sha256:", 7) ? 0 : 7));
	html_open(b, "span", "class", "fingerprint", "title", title, (char *)NULL);
	html_fmt(b, "%s%s<code>%s\xE2\x80\xA6</code></span></div>", tr(lang, MSG_WM_FINGERPRINT),
		 tr(lang, MSG_REPORT_COLON), shown);
	return buf_status(b);
}

static int cycle_select(struct buf *b, enum lang lang, const char *id, const char *name,
			const char *label, const struct cycle *c, size_t n, int selected)
{
	char num[16], text[64];
	size_t i;

	kit_select_begin(b, id, name, label, 1);
	for (i = 0; i < n; i++) {
		snprintf(num, sizeof(num), "%d", c[i].number);
		snprintf(text, sizeof(text), "%d%s", c[i].number,
			 c[i].closed_at ? "" : tr(lang, MSG_WM_OPEN_SUFFIX));
		kit_option(b, num, text, c[i].number == selected);
	}
	return kit_select_end(b);
}

static int cycles_table(struct http_req *req, struct buf *b, const struct web_org *o,
			const char *fw, const struct cycle *c, size_t n)
{
	enum lang lang = req->lang;
	char rest[64], text[96];
	size_t i;

	html_fmt(b,
		 "<div class=\"table-wrap\" tabindex=\"0\">"
		 "<table class=\"cards cycles\">\n<thead><tr>"
		 "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		 "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		 "</tr></thead>\n<tbody>\n",
		 tr(lang, MSG_CYCLE), tr(lang, MSG_WM_OPENED_AT), tr(lang, MSG_WM_CLOSED),
		 tr(lang, MSG_WM_APPROVED_BY), tr(lang, MSG_WM_ANSWERS), tr(lang, MSG_WM_CHANGES));
	for (i = 0; i < n; i++) {
		html_fmt(b,
			 "<tr><th scope=\"row\" data-label=\"%s\">%d</th>"
			 "<td data-label=\"%s\">",
			 tr(lang, MSG_CYCLE), c[i].number, tr(lang, MSG_WM_OPENED_AT));
		time_elem(req, b, c[i].opened_at);
		html_fmt(b, "</td><td data-label=\"%s\">", tr(lang, MSG_WM_CLOSED));
		closed_cell(req, b, &c[i]);
		html_fmt(b, "</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">",
			 tr(lang, MSG_WM_APPROVED_BY), c[i].approved_by ? c[i].approved_by : "",
			 tr(lang, MSG_WM_ANSWERS));
		if (c[i].closed_at) {
			snprintf(rest, sizeof(rest), "#answers-%d", c[i].number);
			html_elem(b, "a", tr(lang, MSG_WM_ANSWERS), "href", rest, (char *)NULL);
		}
		html_fmt(b, "</td><td data-label=\"%s\">", tr(lang, MSG_WM_CHANGES));
		if (i > 0) {
			snprintf(rest, sizeof(rest), "cycles/%d/diff/%d", c[i - 1].number,
				 c[i].number);
			snprintf(text, sizeof(text), "%d \xE2\x86\x92 %d", c[i - 1].number,
				 c[i].number);
			html_elem(b, "a", text, "href", kit_portfolio_href(req, o->id, fw, rest),
				  (char *)NULL);
		}
		html_raw(b, "</td></tr>\n");
	}
	html_raw(b, "</tbody></table></div>\n");
	return buf_status(b);
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
		return buf_status(b);
	snprintf(a, sizeof(a), "%d", last);
	snprintf(o, sizeof(o), "%d", open);
	return kit_notice(b, KIT_OK, kit_tr(req, MSG_WM_DONE_CLOSED, a, o));
}

/* The cycles, their trend model and the portfolio of a cycles page; released by
 * cycles_release. */
struct cycles_data {
	struct portfolio p;
	struct cycle *c;
	size_t n;
	struct report_history h;
	struct report_model *m;
};

static void cycles_release(struct cycles_data *d)
{
	report_model_free(d->m);
	report_history_release(&d->h);
	cycle_list_free(d->c, d->n);
	portfolio_release(&d->p);
}

/* Load what the cycles page shows: 0, or fails (http_fail); d is released either way by
 * the caller. */
static int cycles_load(struct http_req *req, const struct web_org *o, struct cycles_data *d)
{
	struct store *st = web_store(req);
	struct report_input in = {.p = &d->p, .lang = req->lang, .history = &d->h};
	struct err e = ERR_INIT;
	int rc = mg_load(req, st, o, &d->p);

	if (rc)
		return rc;
	if (store_cycle_list(st, d->p.id, &d->c, &d->n, &e) ||
	    ops_report_history(st, &d->p, &d->h, &e) || report_model_new(&in, &d->m, &e))
		return http_fail(req, &e);
	return 0;
}

int page_cycles(struct http_req *req, struct http_resp *resp)
{
	enum lang lang = req->lang;
	struct buf *b = &resp->body;
	struct cycles_data d = {0};
	struct web_org o;
	int rc = web_org(req, ROLE_VIEWER, &o), chart = 0;

	if (rc)
		return rc;
	portfolio_init(&d.p);
	report_history_init(&d.h);
	rc = cycles_load(req, &o, &d);
	if (rc) {
		cycles_release(&d);
		return rc;
	}
	page_begin(req, resp, 200, tr(lang, MSG_WM_CYCLE_HISTORY));
	web_portfolio_nav(req, b, &o, d.p.framework_id, TAB_EVALUATION);
	html_elem(b, "h1", tr(lang, MSG_WM_CYCLE_HISTORY), (char *)NULL);
	closed_notice(req, b, d.c, d.n, d.p.cycle);
	chart = trend_section(b, d.m);
	html_elem(b, "h2", tr(lang, MSG_WM_CYCLES), (char *)NULL);
	cycles_table(req, b, &o, d.p.framework_id, d.c, d.n);
	mg_cycle_answers(req, b, d.c, d.n);
	if (d.n > 1) {
		html_elem(b, "h2", tr(lang, MSG_WM_COMPARE), (char *)NULL);
		html_open(b, "form", "method", "get", "action",
			  kit_portfolio_href(req, o.id, d.p.framework_id, "cycles/compare"),
			  "class", "toolbar", (char *)NULL);
		cycle_select(b, lang, "cmp-a", "a", tr(lang, MSG_WM_FROM_CYCLE), d.c, d.n,
			     d.c[d.n - 2].number);
		cycle_select(b, lang, "cmp-b", "b", tr(lang, MSG_WM_TO_CYCLE), d.c, d.n,
			     d.c[d.n - 1].number);
		kit_form_end(b, tr(lang, MSG_WM_COMPARE), NULL);
	}
	cycles_release(&d);
	page_end(req, resp);
	return chart ? chart : buf_status(b);
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
	const char *url;
	char rest[64];
	int rc = web_org(req, ROLE_VIEWER, &o);

	if (rc)
		return rc;
	if (!a || !b)
		return http_failf(req, ERR_INVALID, !a ? "a" : "b", MSG_WM_E_TWO_CYCLES);
	snprintf(rest, sizeof(rest), "cycles/%d/diff/%d", a, b);
	url = kit_portfolio_href(req, o.id, http_req_param(req, "fw"), rest);
	return url ? kit_see_other(resp, url) : ERR_TOO_LARGE;
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
	char title[256];
	size_t n = 0;
	int rc = web_org(req, ROLE_VIEWER, &o);

	if (rc)
		return rc;
	if (!na || !nb)
		return http_failf(req, ERR_NOT_FOUND, NULL, MSG_WM_E_BAD_CYCLE);
	portfolio_init(&p);
	rc = mg_load(req, st, &o, &p);
	if (!rc && (ops_cycle_snapshot(st, o.name, p.framework_id, na, &sa, &e) ||
		    ops_cycle_snapshot(st, o.name, p.framework_id, nb, &sb, &e)))
		rc = http_fail(req, &e);
	if (rc) {
		json_decref(sa);
		portfolio_release(&p);
		return rc;
	}
	n = snapshot_diff(sa, sb, &ch);
	snprintf(title, sizeof(title), "%s: %d \xE2\x86\x92 %d", tr(lang, MSG_WM_DIFF), na, nb);
	page_begin(req, resp, 200, title);
	web_portfolio_nav(req, b, &o, p.framework_id, TAB_EVALUATION);
	html_elem(b, "h1", title, (char *)NULL);
	if (na == p.cycle || nb == p.cycle)
		html_elem(b, "p", tr(lang, MSG_WM_DIFF_OPEN_NOTE), "class", "hint", (char *)NULL);
	mg_diff_table(b, lang, &p, ch, n, title);
	html_raw(b, "<p>");
	html_elem(b, "a", tr(lang, MSG_WM_CYCLE_HISTORY), "href",
		  kit_portfolio_href(req, o.id, p.framework_id, "cycles"), (char *)NULL);
	html_raw(b, "</p>\n");
	change_list_free(ch, n);
	json_decref(sa);
	json_decref(sb);
	portfolio_release(&p);
	page_end(req, resp);
	return buf_status(b);
}
