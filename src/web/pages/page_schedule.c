/*
 * page_schedule.c - the planned date of a portfolio's next evaluation:
 * how the pages show it (the dashboard and organization cards, the facts of
 * the evaluation page), the small form on the evaluation page that sets or
 * clears it, and that form's POST (/o/{org}/p/{fw}/evaluation/schedule).
 *
 * X.1060 leaves the timing of evaluations to the organization, so the date
 * is the organization's plan, set by its administrators (ops_schedule_
 * evaluation); closing a cycle replaces or clears it (ops_evaluate). "Today"
 * is store_now()'s day, so CDCF_NOW pins it in tests.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "i18n/i18n.h"
#include "ops/ops.h"
#include "report/html.h"
#include "store/store.h"
#include "store/store_user.h"
#include "util/date.h"
#include "util/err.h"
#include "web/pages/manage_pages.h"
#include "web/pages/nav.h"
#include "web/webctx.h"

/* " (in 159 days)" / "（あと 159 日）" and the like for a day count. */
static int days_text(struct http_req *req, struct buf *b, long days)
{
	enum lang lang = req->lang;
	const char *text;
	char num[32];

	snprintf(num, sizeof(num), "%ld", days < 0 ? -days : days);
	if (days == 0)
		text = tr(lang, MSG_WM_DUE_TODAY);
	else if (days == 1)
		text = tr(lang, MSG_WM_TOMORROW);
	else if (days == -1)
		text = tr(lang, MSG_WM_OVERDUE_DAY);
	else
		text = kit_tr(req, days > 0 ? MSG_WM_IN_DAYS : MSG_WM_OVERDUE_DAYS, num, NULL);
	return html_fmt(b, "%s%s%s", tr(lang, MSG_REPORT_PAREN_OPEN), text,
			tr(lang, MSG_REPORT_PAREN_CLOSE));
}

int mg_next_evaluation(struct http_req *req, struct buf *b, long long org_id, const char *fw_id,
		       const char *date, int plan_link)
{
	char today[11];
	long days;

	if (!date || !date_valid(date)) {
		html_elem(b, "span", tr(req->lang, MSG_WM_NOT_PLANNED), "class", "not-planned",
			  (char *)NULL);
		if (plan_link) {
			html_raw(b, " \xC2\xB7 ");
			html_elem(b, "a", tr(req->lang, MSG_WM_PLAN_IT), "href",
				  kit_portfolio_href(req, org_id, fw_id, "evaluation#schedule"),
				  (char *)NULL);
		}
		return buf_status(b);
	}
	kit_today(today);
	days = date_valid(today) ? date_days_between(today, date) : 0;
	if (days < 0)
		html_raw(b, "<strong class=\"overdue\">");
	html_elem(b, "time", date, "datetime", date, (char *)NULL);
	days_text(req, b, days);
	if (days < 0)
		html_raw(b, "</strong>");
	return buf_status(b);
}

/* The date input, marked invalid after a refused date. */
static int date_field(struct buf *b, const char *id, const char *label, const char *hint,
		      const char *value, bool invalid)
{
	char hint_id[64];

	snprintf(hint_id, sizeof(hint_id), "%s-hint", id);
	html_raw(b, "<div class=\"field\">");
	html_elem(b, "label", label, "for", id, (char *)NULL);
	html_elem(b, "span", hint, "class", "hint", "id", hint_id, (char *)NULL);
	html_open(b, "input", "type", "date", "id", id, "name", "next_evaluation", "value", value,
		  "aria-describedby", hint_id, "aria-invalid", invalid ? "true" : NULL,
		  (char *)NULL);
	html_raw(b, "</div>\n");
	return buf_status(b);
}

int mg_schedule_section(struct http_req *req, struct buf *b, const struct web_org *o,
			const struct portfolio *p, const char *invalid)
{
	enum lang lang = req->lang;
	bool refused = invalid && !strcmp(invalid, "next_evaluation");
	const char *value = refused ? http_req_form(req, "next_evaluation") : p->next_evaluation;

	html_elem(b, "h2", tr(lang, MSG_WM_NEXT_EVALUATION), "id", "schedule", (char *)NULL);
	html_raw(b, "<p class=\"next-evaluation\">");
	mg_next_evaluation(req, b, o->id, p->framework_id, p->next_evaluation, 0);
	html_raw(b, "</p>\n");
	html_elem(b, "p", tr(lang, MSG_WM_SCHEDULE_INTRO), "class", "hint", (char *)NULL);
	if (o->role < ROLE_ADMIN)
		return html_elem(b, "p", tr(lang, MSG_WM_SCHEDULE_ADMIN_ONLY), "class", "notice",
				 (char *)NULL);
	kit_form_begin(req, b,
		       kit_portfolio_href(req, o->id, p->framework_id, "evaluation/schedule"),
		       "stack");
	date_field(b, "next-evaluation", tr(lang, MSG_WM_SCHEDULE_DATE),
		   tr(lang, MSG_WM_SCHEDULE_HINT), value, refused);
	html_elem(b, "button", tr(lang, MSG_WM_SCHEDULE_SAVE), "type", "submit", "class", "primary",
		  (char *)NULL);
	if (p->next_evaluation)
		html_elem(b, "button", tr(lang, MSG_WM_SCHEDULE_CLEAR), "type", "submit", "name",
			  "clear", "value", "yes", (char *)NULL);
	html_raw(b, "</form>\n");
	return buf_status(b);
}

int mg_close_next_field(struct http_req *req, struct buf *b, const char *invalid)
{
	bool refused = invalid && !strcmp(invalid, "close-next-evaluation");
	/* after a refused schedule form the posted date is that form's, not this one's */
	const char *value = invalid && !strcmp(invalid, "next_evaluation")
				? NULL
				: http_req_form(req, "next_evaluation");

	return date_field(b, "close-next-evaluation", tr(req->lang, MSG_WM_NEXT_EVALUATION),
			  tr(req->lang, MSG_WM_CLOSE_NEXT_HINT), value, refused);
}

int page_evaluation_schedule(struct http_req *req, struct http_resp *resp)
{
	struct store *st = web_store(req);
	const char *date = http_req_form(req, "next_evaluation");
	const char *clear = http_req_form(req, "clear");
	struct err e = ERR_INIT, shown;
	struct portfolio p;
	struct web_org o;
	struct buf url;
	int rc = web_org(req, ROLE_ADMIN, &o);

	if (rc)
		return rc;
	web_store_actor(req);
	portfolio_init(&p);
	rc = mg_load(req, st, &o, &p);
	if (rc) {
		portfolio_release(&p);
		return rc;
	}
	if (clear && !strcmp(clear, "yes"))
		date = NULL;
	if (ops_schedule_evaluation(st, o.name, p.framework_id, date, &e)) {
		portfolio_release(&p);
		if (!kit_form_status(&e))
			return http_fail(req, &e);
		/* the date the form asked for, in the form's words */
		err_fail(&shown, e.code, e.field, MSG_WM_BAD_DATE);
		return mg_evaluation_page(req, resp, &o, kit_form_status(&e), &shown,
					  "next_evaluation");
	}
	buf_init(&url, HTTP_MAX_PATH);
	kit_portfolio_url(&url, o.id, p.framework_id, "evaluation");
	rc = kit_see_other_done(resp, &url, date && *date ? "scheduled" : "unscheduled");
	buf_release(&url);
	portfolio_release(&p);
	return rc;
}
