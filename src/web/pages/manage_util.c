/*
 * manage_util.c - the helpers the management pages share (notices, messages
 * with arguments, dates, form pieces, redirects); declared and documented in
 * manage_pages.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/score.h"
#include "i18n/i18n.h"
#include "ops/ops.h"
#include "report/html.h"
#include "store/store.h"
#include "store/store_user.h"
#include "util/err.h"
#include "web/pages/manage_pages.h"
#include "web/webctx.h"

#define MG_TEXT_MAX 8192 /* one message with its arguments (mg_tr) */

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
	    {"scheduled", MSG_WM_DONE_SCHEDULED},
	    {"unscheduled", MSG_WM_DONE_UNSCHEDULED},
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

/* A labelled progress bar with its numbers: "Catalogue 3 / 10 (30%)". */
static int progress_bar(struct buf *b, const char *label, size_t done, size_t total)
{
	unsigned pct = score_percent(done, total);
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

int mg_build_progress(struct buf *b, int lang, const struct progress *pr)
{
	int rc = progress_bar(b, tr(lang, MSG_CATALOGUE), pr->catalogue_done, pr->catalogue_total);

	if (!rc)
		rc = progress_bar(b, tr(lang, MSG_PROFILE), pr->profile_done, pr->profile_total);
	if (!rc)
		rc = progress_bar(b, tr(lang, MSG_PORTFOLIO), pr->portfolio_done,
				  pr->portfolio_total);
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

const char *mg_role_name(int lang, int role)
{
	static const enum msg_id names[ROLE_COUNT] = {MSG_WM_ROLE_VIEWER, MSG_WM_ROLE_ASSESSOR,
						      MSG_WM_ROLE_EDITOR, MSG_WM_ROLE_ADMIN};
	return role >= 0 && role < ROLE_COUNT ? tr(lang, names[role]) : "?";
}
