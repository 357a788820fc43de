/*
 * page_dashboard.c - GET / for a signed-in user: every organization the user
 * belongs to (all of them for site administrators) with the state of each
 * portfolio (build progress, overall current and target, open actions, the
 * open cycle and the last evaluation), and the helpers the other management
 * pages share.
 *
 * cdcf stores no planned date for the next evaluation (X.1060 leaves the
 * timing to the organization), so the dashboard shows the open cycle with
 * the day it opened and the day of the last evaluation instead, and says so.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/score.h"
#include "i18n/i18n.h"
#include "io/catalog.h"
#include "ops/ops.h"
#include "report/html.h"
#include "report/svg.h"
#include "store/store.h"
#include "store/store_user.h"
#include "util/err.h"
#include "web/manage_pages.h"
#include "web/nav.h"
#include "web/page.h"
#include "web/webctx.h"

#define MG_TEXT_MAX 8192 /* one message with its arguments (mg_tr) */

/* ---- shared helpers ---- */

int mg_error_notice(struct buf *b, const char *msg, const char *detail)
{
	int rc;

	if (!msg)
		return 0;
	rc = html_raw(b, "<div class=\"notice error\" role=\"alert\">");
	if (!rc)
		rc = html_elem(b, "p", msg, (char *)NULL);
	if (!rc && detail && *detail && strcmp(detail, msg))
		rc = html_elem(b, "p", detail, "class", "detail", "lang", "en", (char *)NULL);
	return rc ? rc : html_raw(b, "</div>\n");
}

int mg_ok_notice(struct buf *b, const char *text)
{
	return html_elem(b, "p", text, "class", "notice ok", "role", "status", (char *)NULL);
}

int mg_done_notice(struct http_req *req, struct buf *b)
{
	static const struct {
		const char *done;
		enum msg_id text;
	} known[] = {
	    {"org", MSG_WM_DONE_ORG},
	    {"action", MSG_WM_DONE_ACTION},
	    {"action-done", MSG_WM_DONE_ACTION_DONE},
	    {"action-open", MSG_WM_DONE_ACTION_OPEN},
	    {"team", MSG_WM_DONE_TEAM},
	    {"provider", MSG_WM_DONE_PROVIDER},
	    {"member", MSG_WM_DONE_MEMBER},
	    {"revoked", MSG_WM_DONE_REVOKED},
	    {"user", MSG_WM_DONE_USER},
	    {"user-changed", MSG_WM_DONE_USER_CHANGED},
	};
	const char *done = http_req_query(req, "done");
	size_t i;

	for (i = 0; done && i < sizeof(known) / sizeof(known[0]); i++)
		if (!strcmp(done, known[i].done))
			return mg_ok_notice(b, tr(req->lang, known[i].text));
	return 0;
}

const char *mg_tr(struct http_req *req, enum msg_id id, const char *a1, const char *a2)
{
	const char *t = tr(req->lang, id), *p;
	struct buf out;
	char *s;
	int rc = 0;

	buf_init(&out, MG_TEXT_MAX);
	for (p = t; !rc && *p; p++) {
		const char *arg = NULL;
		if (p[0] == '{' && (p[1] == '1' || p[1] == '2') && p[2] == '}')
			arg = p[1] == '1' ? a1 : a2;
		if (arg) {
			rc = buf_addstr(&out, arg);
			p += 2;
		} else {
			rc = buf_addch(&out, *p);
		}
	}
	/* past the ceiling the text is cut where the argument would not fit */
	s = http_req_strdup(req, out.data);
	buf_release(&out);
	return s;
}

const char *mg_refusal(struct http_req *req, const struct err *e, int conflict, int missing,
		       const char *subject)
{
	if (e->code == ERR_CONFLICT && conflict >= 0)
		return mg_tr(req, (enum msg_id)conflict, subject ? subject : "", NULL);
	if (e->code == ERR_NOT_FOUND && missing >= 0)
		return mg_tr(req, (enum msg_id)missing, subject ? subject : "", NULL);
	return tr(req->lang, MSG_WM_NOT_SAVED);
}

int mg_progress(struct buf *b, const char *label, size_t done, size_t total)
{
	unsigned pct = total ? (unsigned)(done * 100 / total) : 0;
	int rc;

	rc = html_raw(b, "<div class=\"progress-row\">");
	if (!rc)
		rc = html_elem(b, "span", label, "class", "progress-label", (char *)NULL);
	if (!rc)
		rc =
		    html_fmt(b,
			     "<progress max=\"%zu\" value=\"%zu\" aria-label=\"%s\">%u%%</progress>"
			     "<span class=\"num\">%zu / %zu (%u%%)</span></div>\n",
			     total ? total : 1, done, label, pct, done, total, pct);
	return rc;
}

int mg_org_url(struct buf *b, long long org_id, const char *rest)
{
	return buf_printf(b, "/o/%lld%s", org_id, rest ? rest : "");
}

const char *mg_date(struct http_req *req, const char *timestamp)
{
	char *d;

	if (!timestamp)
		return NULL;
	d = http_req_strdup(req, timestamp);
	if (strlen(d) > 10 && d[10] == 'T')
		d[10] = '\0';
	return d;
}

const char *mg_datetime(struct http_req *req, const char *timestamp)
{
	char *d;

	if (!timestamp)
		return NULL;
	/* "2026-04-01T09:30:00Z" -> "2026-04-01 09:30 UTC" */
	if (strlen(timestamp) != 20 || timestamp[10] != 'T' || timestamp[19] != 'Z')
		return http_req_strdup(req, timestamp);
	d = http_req_alloc(req, 24);
	snprintf(d, 24, "%.10s %.5s UTC", timestamp, timestamp + 11);
	return d;
}

void mg_today(char out[11])
{
	char now[32];

	store_now(now);
	snprintf(out, 11, "%.10s", now);
}

int mg_overdue(const char *status, const char *due, const char *today)
{
	return status && !strcmp(status, "open") && due && *due && strcmp(due, today) < 0;
}

int mg_load(struct http_req *req, struct http_resp *resp, struct store *st, const struct web_org *o,
	    struct portfolio *p)
{
	struct err e = ERR_INIT;
	const char *fw = http_req_param(req, "fw");

	if (!fw)
		return http_error(req, resp, 404, NULL, "no framework in the path") ? -1 : 1;
	if (ops_load(st, o->name, fw, p, &e)) {
		if (e.code == ERR_NOT_FOUND)
			return http_error(req, resp, 404, NULL, e.msg) ? -1 : 1;
		return web_fail(req, resp, &e) ? -1 : 1;
	}
	return 0;
}

int mg_opened(struct buf *b, int lang, const char *date)
{
	return html_fmt(b, "%s%s %s%s", tr(lang, MSG_REPORT_PAREN_OPEN), tr(lang, MSG_WM_OPENED),
			date, tr(lang, MSG_REPORT_PAREN_CLOSE));
}

int mg_input_error(int code)
{
	return code == ERR_INVALID || code == ERR_NOT_FOUND || code == ERR_CONFLICT ||
	       code == ERR_TOO_LARGE;
}

int mg_form_begin(struct http_req *req, struct buf *b, const char *action, const char *cls)
{
	int rc =
	    html_open(b, "form", "method", "post", "action", action, "class", cls, (char *)NULL);

	if (!rc)
		rc = web_csrf_field(req, b);
	return rc ? rc : html_raw(b, "\n");
}

int mg_form_end(struct buf *b, const char *button, const char *cls)
{
	int rc = html_elem(b, "button", button, "type", "submit", "class", cls, (char *)NULL);

	return rc ? rc : html_raw(b, "</form>\n");
}

int mg_input(struct buf *b, const char *type, const char *id, const char *name, const char *label,
	     const char *value, int required, const char *hint)
{
	char hint_id[96];
	int rc;

	snprintf(hint_id, sizeof(hint_id), "%s-hint", id);
	rc = html_raw(b, "<div class=\"field\">");
	if (!rc)
		rc = html_elem(b, "label", label, "for", id, (char *)NULL);
	if (!rc && hint)
		rc = html_elem(b, "span", hint, "class", "hint", "id", hint_id, (char *)NULL);
	if (!rc)
		rc = html_open(b, "input", "type", type, "id", id, "name", name, "value", value,
			       "required", required ? "required" : NULL, "aria-describedby",
			       hint ? hint_id : NULL, (char *)NULL);
	return rc ? rc : html_raw(b, "</div>\n");
}

int mg_select_begin(struct buf *b, const char *id, const char *name, const char *label,
		    int required)
{
	int rc = html_raw(b, "<div class=\"field\">");

	if (!rc)
		rc = html_elem(b, "label", label, "for", id, (char *)NULL);
	if (!rc)
		rc = html_open(b, "select", "id", id, "name", name, "required",
			       required ? "required" : NULL, (char *)NULL);
	return rc;
}

int mg_option(struct buf *b, const char *value, const char *text, int selected)
{
	return html_elem(b, "option", text, "value", value, "selected",
			 selected ? "selected" : NULL, (char *)NULL);
}

int mg_select_end(struct buf *b)
{
	return html_raw(b, "</select></div>\n");
}

int mg_see_other(struct http_resp *resp, const char *url)
{
	return http_redirect(resp, 303, url);
}

int mg_see_other_done(struct http_resp *resp, struct buf *url, const char *done)
{
	int rc = buf_printf(url, "?done=%s", done);

	return rc ? rc : mg_see_other(resp, url->data);
}

/* A link <a href="url">text</a> where url is built in a buffer. */
static int link_to(struct buf *b, const char *url, const char *text)
{
	return html_elem(b, "a", text, "href", url, (char *)NULL);
}

/* Open and overdue actions of a portfolio. */
static int count_actions(struct store *st, long long pid, size_t *open, size_t *overdue,
			 struct err *e)
{
	struct action *a = NULL;
	size_t n = 0, i;
	char today[11];
	int rc;

	*open = *overdue = 0;
	mg_today(today);
	rc = store_action_list(st, pid, "open", &a, &n, e);
	if (rc)
		return rc;
	*open = n;
	for (i = 0; i < n; i++)
		if (mg_overdue(a[i].status, a[i].due, today))
			(*overdue)++;
	action_list_free(a, n);
	return 0;
}

/* Open cycle's opening date and the last closed cycle's closing date. */
static int cycle_dates(struct http_req *req, struct store *st, long long pid, int open_number,
		       const char **opened, const char **last_closed, struct err *e)
{
	struct cycle *c = NULL;
	size_t n = 0, i;
	int rc;

	*opened = *last_closed = NULL;
	rc = store_cycle_list(st, pid, &c, &n, e);
	if (rc)
		return rc;
	for (i = 0; i < n; i++) {
		if (c[i].number == open_number)
			*opened = mg_date(req, c[i].opened_at);
		if (c[i].closed_at)
			*last_closed = mg_date(req, c[i].closed_at);
	}
	cycle_list_free(c, n);
	return 0;
}

/* Does the organization have at least one team or provider? */
static int has_parties(struct store *st, long long org_id, int *yes, struct err *e)
{
	struct party *list = NULL;
	size_t n = 0, total = 0;
	int k, rc = 0;

	for (k = PARTY_TEAM; !rc && k <= PARTY_PROVIDER; k++) {
		rc = store_party_list(st, (enum party_kind)k, org_id, &list, &n, e);
		party_list_free(list, n);
		total += rc ? 0 : n;
		list = NULL;
		n = 0;
	}
	*yes = total > 0;
	return rc;
}

/* The first unfinished build step as a tab name and its "Next:" text. */
static const char *next_step(struct http_req *req, const struct progress *pr, int parties,
			     const char **text)
{
	char num[32];

	if (!pr->profile_total) {
		*text = tr(req->lang, MSG_WM_NEXT_CATALOGUE);
		return "catalogue";
	}
	if (pr->profile_done < pr->profile_total) {
		snprintf(num, sizeof(num), "%zu", pr->profile_total - pr->profile_done);
		*text = parties ? mg_tr(req, MSG_WM_NEXT_PROFILE, num, NULL)
				: tr(req->lang, MSG_WM_NEXT_SETUP);
		return "profile";
	}
	if (pr->portfolio_done < pr->portfolio_total) {
		snprintf(num, sizeof(num), "%zu", pr->portfolio_total - pr->portfolio_done);
		*text = mg_tr(req, MSG_WM_NEXT_PORTFOLIO, num, NULL);
		return "portfolio";
	}
	*text = tr(req->lang, MSG_WM_NEXT_REPORT);
	return "report";
}

/* <p class="next-step"><strong>Next</strong>: <a href=url>text</a></p> */
static int next_line(struct buf *b, enum lang lang, const char *url, const char *text)
{
	int rc = html_fmt(b, "<p class=\"next-step\"><strong>%s</strong>%s", tr(lang, MSG_WM_NEXT),
			  tr(lang, MSG_REPORT_COLON));

	if (!rc)
		rc = link_to(b, url, text);
	return rc ? rc : html_raw(b, "</p>\n");
}

static int fact(struct buf *b, const char *term)
{
	int rc = html_elem(b, "dt", term, (char *)NULL);

	return rc ? rc : html_raw(b, "<dd>");
}

int mg_portfolio_card(struct http_req *req, struct buf *b, struct store *st, long long org_id,
		      const char *org_name, const struct portfolio_ref *ref)
{
	enum lang lang = req->lang;
	const struct framework *fw = catalog_get(ref->framework_id);
	const char *fw_name =
	    fw ? (lang == LANG_JA && fw->name_ja ? fw->name_ja : fw->name_en) : ref->framework_id;
	struct portfolio p;
	struct progress pr;
	struct rollup *r = NULL;
	struct err e = ERR_INIT;
	struct buf url;
	size_t nr = 0, open = 0, overdue = 0;
	const char *opened = NULL, *closed = NULL, *step, *step_text;
	char f1[SVG_FIGURE_MAX], f2[SVG_FIGURE_MAX];
	int rc, parties = 0;

	portfolio_init(&p);
	buf_init(&url, HTTP_MAX_PATH);
	rc = html_raw(b, "<article class=\"card portfolio-card\">\n<h3>");
	if (rc)
		goto out;
	if (ops_load(st, org_name, ref->framework_id, &p, &e) ||
	    count_actions(st, ref->id, &open, &overdue, &e) ||
	    cycle_dates(req, st, ref->id, ref->cycle, &opened, &closed, &e) ||
	    has_parties(st, org_id, &parties, &e)) {
		/* one broken portfolio (an unknown framework) must not hide the others */
		rc = html_text(b, fw_name);
		if (!rc)
			rc = html_raw(b, "</h3>\n");
		if (!rc)
			rc = mg_error_notice(b, e.msg, NULL);
		if (!rc)
			rc = html_raw(b, "</article>\n");
		goto out;
	}
	score_progress(&p, &pr);
	nr = score_rollups(&p, 0, &r);
	step = next_step(req, &pr, parties, &step_text);
	rc = web_portfolio_url(&url, org_id, ref->framework_id, step);
	if (!rc)
		rc = link_to(b, url.data, fw_name);
	if (!rc)
		rc = html_raw(b, "</h3>\n");
	if (!rc)
		rc = mg_progress(b, tr(lang, MSG_CATALOGUE), pr.catalogue_done, pr.catalogue_total);
	if (!rc)
		rc = mg_progress(b, tr(lang, MSG_PROFILE), pr.profile_done, pr.profile_total);
	if (!rc)
		rc = mg_progress(b, tr(lang, MSG_PORTFOLIO), pr.portfolio_done, pr.portfolio_total);
	/* the next step links where the work is: Settings when the profile lacks parties */
	if (!rc && !strcmp(step, "profile") && !parties) {
		buf_reset(&url);
		rc = mg_org_url(&url, org_id, "/settings");
	}
	if (!rc)
		rc = next_line(b, lang, url.data, step_text);
	if (!rc)
		rc = html_raw(b, "<dl class=\"facts\">\n");
	if (!rc)
		rc = fact(b, tr(lang, MSG_WM_OVERALL_CURRENT_TARGET));
	if (!rc && nr > 0 && r[nr - 1].n_assessed > 0)
		rc = html_fmt(b, "%s / %s", svg_figure(f1, r[nr - 1].current),
			      svg_figure(f2, r[nr - 1].target));
	else if (!rc)
		rc = html_text(b, tr(lang, MSG_NOT_ASSESSED));
	if (!rc)
		rc = html_raw(b, "</dd>\n");
	if (!rc)
		rc = fact(b, tr(lang, MSG_WM_OPEN_ACTIONS));
	buf_reset(&url);
	if (!rc)
		rc = web_portfolio_url(&url, org_id, ref->framework_id, "actions");
	if (!rc)
		rc = html_open(b, "a", "href", url.data, (char *)NULL);
	if (!rc)
		rc = html_fmt(b, "%zu</a>", open);
	if (!rc && overdue)
		rc =
		    html_fmt(b, " <strong class=\"overdue\">%s%s%s%zu%s</strong>",
			     tr(lang, MSG_REPORT_PAREN_OPEN), tr(lang, MSG_WM_OVERDUE),
			     tr(lang, MSG_REPORT_COLON), overdue, tr(lang, MSG_REPORT_PAREN_CLOSE));
	if (!rc)
		rc = html_raw(b, "</dd>\n");
	if (!rc)
		rc = fact(b, tr(lang, MSG_WM_OPEN_CYCLE));
	if (!rc)
		rc = html_fmt(b, "%d", ref->cycle);
	if (!rc && opened)
		rc = mg_opened(b, lang, opened);
	if (!rc)
		rc = html_raw(b, "</dd>\n");
	if (!rc)
		rc = fact(b, tr(lang, MSG_WM_LAST_EVALUATION));
	if (!rc)
		rc = html_text(b, closed ? closed : tr(lang, MSG_WM_NOT_YET));
	if (!rc)
		rc = html_raw(b, "</dd>\n</dl>\n<p class=\"card-links\">");
	buf_reset(&url);
	if (!rc)
		rc = web_portfolio_url(&url, org_id, ref->framework_id, "evaluation");
	if (!rc)
		rc = link_to(b, url.data, tr(lang, MSG_EVALUATION));
	if (!rc)
		rc = html_raw(b, " · ");
	buf_reset(&url);
	if (!rc)
		rc = web_portfolio_url(&url, org_id, ref->framework_id, "cycles");
	if (!rc)
		rc = link_to(b, url.data, tr(lang, MSG_WM_CYCLES));
	if (!rc)
		rc = html_raw(b, "</p>\n</article>\n");
out:
	score_rollups_free(r, nr);
	portfolio_release(&p);
	buf_release(&url);
	return rc;
}

/* ---- the dashboard ---- */

/* One organization: heading, role, its portfolios as cards. */
static int org_section(struct http_req *req, struct buf *b, struct store *st, long long org_id,
		       const char *org_name, const char *role)
{
	enum lang lang = req->lang;
	struct portfolio_ref *refs = NULL;
	struct err e = ERR_INIT;
	struct buf url;
	size_t n = 0, i;
	int rc;

	buf_init(&url, HTTP_MAX_PATH);
	rc = mg_org_url(&url, org_id, "");
	if (!rc)
		rc = html_raw(b, "<section class=\"org\">\n<h2>");
	if (!rc)
		rc = link_to(b, url.data, org_name);
	if (!rc && role)
		rc = html_fmt(b, " <span class=\"badge\">%s</span>", role);
	if (!rc)
		rc = html_raw(b, "</h2>\n");
	if (rc)
		goto out;
	if (store_portfolio_list(st, org_id, &refs, &n, &e)) {
		rc = mg_error_notice(b, e.msg, NULL);
		goto close;
	}
	if (n == 0) {
		rc = html_raw(b, "<p>");
		if (!rc)
			rc = html_text(b, tr(lang, MSG_WM_NO_PORTFOLIO));
		if (!rc)
			rc = html_raw(b, " ");
		if (!rc)
			rc = link_to(b, url.data, tr(lang, MSG_WM_START_PORTFOLIO));
		if (!rc)
			rc = html_raw(b, "</p>\n");
		goto close;
	}
	rc = html_raw(b, "<div class=\"grid\">\n");
	for (i = 0; !rc && i < n; i++)
		rc = mg_portfolio_card(req, b, st, org_id, org_name, &refs[i]);
	if (!rc)
		rc = html_raw(b, "</div>\n");
close:
	if (!rc)
		rc = html_raw(b, "</section>\n");
out:
	portfolio_ref_list_free(refs, n);
	buf_release(&url);
	return rc;
}

const char *mg_role_name(int lang, int role)
{
	static const enum msg_id names[ROLE_COUNT] = {MSG_WM_ROLE_VIEWER, MSG_WM_ROLE_ASSESSOR,
						      MSG_WM_ROLE_EDITOR, MSG_WM_ROLE_ADMIN};
	return role >= 0 && role < ROLE_COUNT ? tr(lang, names[role]) : "?";
}

int page_dashboard(struct http_req *req, struct http_resp *resp)
{
	const struct web_user *u = web_user(req);
	struct store *st = web_store(req);
	enum lang lang = req->lang;
	struct buf *b = &resp->body;
	struct membership *ms = NULL;
	struct org *orgs = NULL;
	struct err e = ERR_INIT;
	size_t n_ms = 0, n_orgs = 0, i;
	int rc;

	if (!u)
		return http_error(req, resp, 401, NULL, "sign in first");
	if (u->is_admin ? store_org_list(st, &orgs, &n_orgs, &e)
			: store_membership_list_user(st, u->id, &ms, &n_ms, &e))
		return web_fail(req, resp, &e);
	rc = page_begin(req, resp, 200, tr(lang, MSG_WM_DASHBOARD));
	if (!rc)
		rc = html_elem(b, "h1", tr(lang, MSG_WM_DASHBOARD), (char *)NULL);
	if (!rc)
		rc = html_raw(b, "\n<nav class=\"actions\" aria-label=\"");
	if (!rc)
		rc = html_text(b, tr(lang, MSG_WM_SHORTCUTS));
	if (!rc)
		rc = html_raw(b, "\">");
	if (!rc)
		rc = html_elem(b, "a", tr(lang, MSG_WM_MY_ACTIONS), "class", "button", "href",
			       "/my/actions", (char *)NULL);
	if (!rc)
		rc = html_elem(b, "a", tr(lang, MSG_WM_ORGANIZATIONS), "class", "button", "href",
			       "/orgs", (char *)NULL);
	if (!rc && u->is_admin)
		rc = html_elem(b, "a", tr(lang, MSG_WM_USERS), "class", "button", "href",
			       "/admin/users", (char *)NULL);
	if (!rc)
		rc = html_raw(b, "</nav>\n");
	if (!rc)
		rc = html_elem(b, "p", tr(lang, MSG_WM_NEXT_EVAL_NOTE), "class", "hint",
			       (char *)NULL);
	if (!rc && n_ms + n_orgs == 0 && !u->is_admin)
		rc = html_elem(b, "p", tr(lang, MSG_WM_NO_ORGS), (char *)NULL);
	if (!rc && n_orgs == 0 && u->is_admin) {
		rc = html_fmt(b, "<p class=\"empty\">%s ", tr(lang, MSG_WM_NO_ORGS_ADMIN));
		if (!rc)
			rc = link_to(b, "/orgs#new-org", tr(lang, MSG_WM_CREATE_FIRST_ORG));
		if (!rc)
			rc = html_raw(b, "</p>\n");
	}
	for (i = 0; !rc && i < n_orgs; i++)
		rc = org_section(req, b, st, orgs[i].id, orgs[i].name, NULL);
	for (i = 0; !rc && i < n_ms; i++) {
		rc = org_section(req, b, st, ms[i].org_id, ms[i].org_name,
				 mg_role_name(lang, ms[i].role));
	}
	membership_list_free(ms, n_ms);
	org_list_free(orgs, n_orgs);
	return rc ? rc : page_end(req, resp);
}
