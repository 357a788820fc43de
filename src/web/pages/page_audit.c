/*
 * page_audit.c - an organization's audit log in people's words
 * (/o/{org}/audit, its administrators): newest first, AUDIT_PAGE_SIZE events
 * a page, who, when, what, and the fields that changed with their values
 * before and after, in the page's language; never the stored event code,
 * JSON or ISO times.
 *
 * A GET form filters the log by person, subject (text it contains) and days
 * (from, to; both included), in SQL (store_audit_find); the pages and the
 * CSV download (/o/{org}/audit.csv) keep the filter in their links. The CSV
 * is the spreadsheet kind of the report's "CSV for spreadsheets": UTF-8 with
 * a byte order mark, one row per changed field, headings and words in the
 * page's language, formulas neutralised (report/audit_log.h).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n/i18n.h"
#include "report/html.h"
#include "report/audit_log.h"
#include "store/store.h"
#include "store/store_user.h"
#include "util/err.h"
#include "web/pages/kit.h"
#include "web/pages/manage_pages.h"
#include "web/pages/page.h"
#include "web/webctx.h"

#define AUDIT_PAGE_SIZE 50
#define AUDIT_PAGE_MAX 1000000		  /* ?page= above this is refused */
#define AUDIT_CSV_EVENTS_MAX 100000	  /* events in one CSV download */
#define AUDIT_CSV_CHUNK 500		  /* events read at a time for the CSV */
#define AUDIT_URL_MAX (HTTP_MAX_PATH * 2) /* a link with the filter in its query */

/* One changed field as a row of the event's table of changes. */
static int html_row(void *ctx, const char *field, const char *before, const char *after)
{
	struct buf *b = ctx;

	html_raw(b, "<tr><th scope=\"row\">");
	html_text(b, field);
	html_raw(b, "</th><td>");
	if (*before)
		html_text(b, before);
	else
		html_raw(b, "\xE2\x80\x94");
	html_raw(b, "</td><td>");
	if (*after)
		html_text(b, after);
	else
		html_raw(b, "\xE2\x80\x94");
	html_raw(b, "</td></tr>");
	return 0;
}

/* The fields an event changed, as a table of before and after. */
static int audit_change(struct buf *b, enum lang lang, const struct audit_event *ev)
{
	struct buf rows;
	long n;

	buf_init(&rows, b->max);
	n = audit_changes(lang, ev->before_json, ev->after_json, html_row, &rows);
	if (n < 0) {
		html_raw(b, "\xE2\x80\x94");
	} else {
		html_fmt(b,
			 "<table class=\"kv\"><thead><tr><th scope=\"col\">%s</th>"
			 "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
			 tr(lang, MSG_WM_FIELD), tr(lang, MSG_WM_BEFORE), tr(lang, MSG_WM_AFTER));
		if (!n)
			html_fmt(b, "<tr><td colspan=\"3\">%s</td></tr>",
				 tr(lang, MSG_WM_NO_CHANGES));
		else if (buf_status(&rows))
			buf_fail(b, buf_status(&rows));
		else
			html_raw(b, rows.data);
		html_raw(b, "</tbody></table>");
	}
	buf_release(&rows);
	return buf_status(b);
}

static const char *nonempty(const char *s)
{
	return s && *s ? s : NULL;
}

/* The filter of the request's query: ?user= &subject= &since= &until= (borrowed). */
static void filter_from(struct http_req *req, struct audit_filter *f)
{
	f->actor = nonempty(http_req_query(req, "user"));
	f->subject = nonempty(http_req_query(req, "subject"));
	f->since = nonempty(http_req_query(req, "since"));
	f->until = nonempty(http_req_query(req, "until"));
}

static bool filtered(const struct audit_filter *f)
{
	return f->actor || f->subject || f->since || f->until;
}

static void query_param(struct buf *b, const char *name, const char *value)
{
	if (!value)
		return;
	buf_addch(b, strchr(b->data, '?') ? '&' : '?');
	buf_addstr(b, name);
	buf_addch(b, '=');
	http_percent_encode(b, value);
}

/* "/o/<id>/audit<rest>?user=..&page=N" (page 0: none) in per-request memory; NULL when
 * too long. */
static const char *audit_url(struct http_req *req, long long org_id, const char *rest,
			     const struct audit_filter *f, long page)
{
	struct buf url;
	const char *s;
	char num[24];

	buf_init(&url, AUDIT_URL_MAX);
	buf_printf(&url, "/o/%lld/audit%s", org_id, rest);
	query_param(&url, "user", f->actor);
	query_param(&url, "subject", f->subject);
	query_param(&url, "since", f->since);
	query_param(&url, "until", f->until);
	if (page > 1) {
		snprintf(num, sizeof(num), "%ld", page);
		query_param(&url, "page", num);
	}
	s = buf_status(&url) ? NULL : http_req_strdup(req, url.data);
	buf_release(&url);
	return s;
}

static int audit_pages(struct http_req *req, struct buf *b, long long org_id,
		       const struct audit_filter *f, long page, bool more)
{
	enum lang lang = req->lang;

	html_fmt(b, "<nav class=\"pagination\" aria-label=\"%s\">", tr(lang, MSG_WM_PAGES));
	if (page > 1)
		html_elem(b, "a", tr(lang, MSG_WM_NEWER), "href",
			  audit_url(req, org_id, "", f, page - 1), "rel", "prev", (char *)NULL);
	html_fmt(b, "<span aria-current=\"page\">%s %ld</span>", tr(lang, MSG_WM_PAGE), page);
	if (more)
		html_elem(b, "a", tr(lang, MSG_WM_OLDER), "href",
			  audit_url(req, org_id, "", f, page + 1), "rel", "next", (char *)NULL);
	html_raw(b, "</nav>\n");
	return buf_status(b);
}

/* The filter form (GET): person (the people of the log), subject, from and to days,
 * with the refusal of a bad filter in it; and the CSV download of what it shows. */
static int filter_form(struct http_req *req, struct buf *b, const struct web_org *o,
		       const struct audit_filter *f, const struct err *refused)
{
	enum lang lang = req->lang;
	struct store *st = web_store(req);
	const char *action = audit_url(req, o->id, "", &(struct audit_filter){0}, 0);
	char **people = NULL;
	struct err e = ERR_INIT;
	size_t n = 0, i;
	bool listed = false;

	if (store_audit_actors(st, o->id, &people, &n, &e))
		return kit_error_notice(req, b, &e);
	html_raw(b, "<section aria-labelledby=\"audit-filter\">");
	html_elem(b, "h2", tr(lang, MSG_WM_AUDIT_FILTER), "id", "audit-filter", "class",
		  "visually-hidden", (char *)NULL);
	kit_error_notice(req, b, refused);
	html_open(b, "form", "method", "get", "action", action, "class", "toolbar filter", "role",
		  "search", (char *)NULL);
	kit_select_begin(b, "a-user", "user", tr(lang, MSG_WM_AUDIT_PERSON), 0);
	kit_option(b, "", tr(lang, MSG_WM_AUDIT_ANYONE), !f->actor);
	for (i = 0; i < n; i++) {
		bool sel = f->actor && !strcmp(f->actor, people[i]);
		listed = listed || sel;
		kit_option(b, people[i], people[i], sel);
	}
	/* a person no longer in the log (a link kept from before) stays chosen */
	if (f->actor && !listed)
		kit_option(b, f->actor, f->actor, 1);
	kit_select_end(b);
	html_raw(b, "<div class=\"field\">");
	html_elem(b, "label", tr(lang, MSG_WM_AUDIT_SUBJECT_HAS), "for", "a-subject", (char *)NULL);
	html_open(b, "input", "type", "search", "id", "a-subject", "name", "subject", "value",
		  f->subject, "maxlength", "200", (char *)NULL);
	html_raw(b, "</div><div class=\"field\">");
	html_elem(b, "label", tr(lang, MSG_WM_AUDIT_SINCE), "for", "a-since", (char *)NULL);
	html_open(b, "input", "type", "date", "id", "a-since", "name", "since", "value", f->since,
		  (char *)NULL);
	html_raw(b, "</div><div class=\"field\">");
	html_elem(b, "label", tr(lang, MSG_WM_AUDIT_UNTIL), "for", "a-until", (char *)NULL);
	html_open(b, "input", "type", "date", "id", "a-until", "name", "until", "value", f->until,
		  (char *)NULL);
	html_raw(b, "</div><div>");
	html_elem(b, "button", tr(lang, MSG_WEB_BUILD_FILTER), "type", "submit", (char *)NULL);
	if (filtered(f)) {
		html_raw(b, " ");
		html_elem(b, "a", tr(lang, MSG_WEB_BUILD_CLEAR_FILTER), "href", action,
			  (char *)NULL);
	}
	html_raw(b, "</div></form>\n");
	if (!refused) {
		html_raw(b, "<p class=\"actions\">");
		html_elem(b, "a", tr(lang, MSG_WM_AUDIT_CSV), "class", "button", "href",
			  audit_url(req, o->id, ".csv", f, 0), "download", "", (char *)NULL);
		html_raw(b, "</p>\n");
	}
	html_raw(b, "</section>\n");
	store_audit_actors_free(people, n);
	return buf_status(b);
}

/* The table of events ev[0..shown). */
static int audit_table(struct http_req *req, struct buf *b, const struct audit_event *ev,
		       size_t shown)
{
	enum lang lang = req->lang;
	size_t i;

	html_fmt(
	    b,
	    "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"cards audit\">\n<thead><tr>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
	    tr(lang, MSG_WM_WHEN), tr(lang, MSG_WM_WHO), tr(lang, MSG_WM_WHAT),
	    tr(lang, MSG_WM_SUBJECT), tr(lang, MSG_WM_CHANGES));
	for (i = 0; i < shown; i++) {
		html_fmt(b,
			 "<tr><td data-label=\"%s\"><time>%s</time></td>"
			 "<td data-label=\"%s\" class=\"who\">%s</td><td data-label=\"%s\">%s</td>"
			 "<td data-label=\"%s\">%s</td><td data-label=\"%s\">",
			 tr(lang, MSG_WM_WHEN), kit_datetime(req, ev[i].at), tr(lang, MSG_WM_WHO),
			 ev[i].actor, tr(lang, MSG_WM_WHAT), audit_event_words(lang, ev[i].action),
			 tr(lang, MSG_WM_SUBJECT), ev[i].subject, tr(lang, MSG_WM_CHANGES));
		audit_change(b, lang, &ev[i]);
		html_raw(b, "</td></tr>\n");
	}
	html_raw(b, "</tbody></table></div>\n");
	return buf_status(b);
}

int page_audit(struct http_req *req, struct http_resp *resp)
{
	struct store *st = web_store(req);
	enum lang lang = req->lang;
	struct buf *b = &resp->body;
	const char *page_s = http_req_query(req, "page");
	struct audit_event *ev = NULL;
	struct audit_filter f;
	struct err e = ERR_INIT, refused = ERR_INIT;
	struct web_org o;
	size_t n = 0, shown;
	char url[48];
	long page = 1;
	int rc = web_org(req, ROLE_ADMIN, &o), status = 200;

	if (rc)
		return rc;
	if (page_s && *page_s) {
		char *end;
		page = strtol(page_s, &end, 10);
		if (*end || page < 1 || page > AUDIT_PAGE_MAX)
			return http_failf(req, ERR_INVALID, "page", MSG_WM_E_BAD_PAGE);
	}
	filter_from(req, &f);
	/* one more than a page tells whether an older page exists */
	if (store_audit_find(st, o.id, &f, (size_t)(page - 1) * AUDIT_PAGE_SIZE,
			     AUDIT_PAGE_SIZE + 1, &ev, &n, &e)) {
		/* a filter that cannot be read is shown in the form; the rest fails */
		if (!(status = kit_form_status(&e)))
			return http_fail(req, &e);
		err_copy(&refused, &e);
	}
	shown = n > AUDIT_PAGE_SIZE ? AUDIT_PAGE_SIZE : n;
	snprintf(url, sizeof(url), "/o/%lld", o.id);
	page_begin(req, resp, status, tr(lang, MSG_WM_AUDIT_LOG));
	html_raw(b, "<p class=\"breadcrumb\">");
	html_elem(b, "a", o.name, "href", url, (char *)NULL);
	html_raw(b, "</p>\n");
	html_elem(b, "h1", tr(lang, MSG_WM_AUDIT_LOG), (char *)NULL);
	html_elem(b, "p", tr(lang, MSG_WM_AUDIT_INTRO), "class", "lead", (char *)NULL);
	filter_form(req, b, &o, &f, refused.code ? &refused : NULL);
	if (!refused.code && !shown)
		html_elem(b, "p",
			  tr(lang, filtered(&f) ? MSG_WM_AUDIT_NO_MATCH : MSG_WM_AUDIT_EMPTY),
			  (char *)NULL);
	if (shown)
		audit_table(req, b, ev, shown);
	if (page > 1 || n > AUDIT_PAGE_SIZE)
		audit_pages(req, b, o.id, &f, page, n > AUDIT_PAGE_SIZE);
	audit_list_free(ev, n);
	page_end(req, resp);
	return buf_status(b);
}

/* ---- the CSV download ---- */

int page_audit_csv(struct http_req *req, struct http_resp *resp)
{
	struct store *st = web_store(req);
	struct buf *b = &resp->body;
	struct audit_event *ev = NULL;
	struct audit_filter f;
	struct err e = ERR_INIT;
	struct web_org o;
	size_t n, i, done = 0;
	char disp[96];
	int rc = web_org(req, ROLE_ADMIN, &o);

	if (rc)
		return rc;
	filter_from(req, &f);
	rc = store_audit_filter_check(&f, &e);
	if (rc)
		return http_fail(req, &e);
	http_resp_text(resp, 200);
	resp->content_type = "text/csv; charset=utf-8";
	audit_csv_begin(b, req->lang);
	/* newest first, as on the page, a chunk at a time */
	do {
		if (store_audit_find(st, o.id, &f, done, AUDIT_CSV_CHUNK, &ev, &n, &e))
			return http_fail(req, &e);
		for (i = 0; i < n && !buf_status(b); i++)
			audit_csv_event(b, req->lang, ev[i].at, ev[i].actor, ev[i].action,
					ev[i].subject, ev[i].before_json, ev[i].after_json);
		audit_list_free(ev, n);
		ev = NULL;
		done += n;
	} while (n == AUDIT_CSV_CHUNK && done < AUDIT_CSV_EVENTS_MAX && !buf_status(b));
	if (buf_status(b))
		return buf_status(b);
	/* never a file cut short without saying so */
	if (n == AUDIT_CSV_CHUNK && done >= AUDIT_CSV_EVENTS_MAX)
		return http_failf(req, ERR_TOO_LARGE, "", MSG_WM_E_AUDIT_CSV_TOO_MANY,
				  (size_t)AUDIT_CSV_EVENTS_MAX);
	snprintf(disp, sizeof(disp), "attachment; filename=\"cdcf-audit-org%lld.csv\"", o.id);
	rc = http_resp_header(resp, "Content-Disposition", disp);
	if (!rc)
		rc = http_resp_header(resp, "Cache-Control", "private, no-store");
	return rc;
}
