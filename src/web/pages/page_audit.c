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
 * page's language, cells written by report_csv_cell (formulas neutralised).
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/level.h"
#include "i18n/i18n.h"
#include "report/html.h"
#include "report/report.h"
#include "store/store.h"
#include "store/store_user.h"
#include "util/err.h"
#include "web/pages/kit.h"
#include "web/pages/manage_pages.h"
#include "web/pages/page.h"
#include "web/webctx.h"

#define AUDIT_PAGE_SIZE 50
#define AUDIT_PAGE_MAX 1000000		   /* ?page= above this is refused */
#define AUDIT_CSV_EVENTS_MAX 100000	   /* events in one CSV download */
#define AUDIT_CSV_CHUNK 500		   /* events read at a time for the CSV */
#define AUDIT_URL_MAX (HTTP_MAX_PATH * 2)  /* a link with the filter in its query */
#define AUDIT_VALUE_MAX ((size_t)64 << 10) /* one value as text */

/* What happened, in the page's language; the stored code is never shown. */
static const struct {
	const char *code;
	enum msg_id text;
} audit_events[] = {
    {"entry.add", MSG_WM_EV_ENTRY_ADD},
    {"entry.update", MSG_WM_EV_ENTRY_UPDATE},
    {"entry.delete", MSG_WM_EV_ENTRY_DELETE},
    {"action.add", MSG_WM_EV_ACTION_ADD},
    {"action.edit", MSG_WM_EV_ACTION_EDIT},
    {"action.delete", MSG_WM_EV_ACTION_DELETE},
    {"action.set_status", MSG_WM_EV_ACTION_STATUS},
    {"cycle.close", MSG_WM_EV_CYCLE_CLOSE},
    {"portfolio.new", MSG_WM_EV_PORTFOLIO_NEW},
    {"portfolio.schedule", MSG_WM_EV_PORTFOLIO_SCHEDULE},
    {"org.add", MSG_WM_EV_ORG_ADD},
    {"org.rename", MSG_WM_EV_ORG_RENAME},
    {"org.delete", MSG_WM_EV_ORG_DELETE},
    {"org.set_parent", MSG_WM_EV_ORG_PARENT},
    {"team.add", MSG_WM_EV_TEAM_ADD},
    {"team.rename", MSG_WM_EV_TEAM_RENAME},
    {"team.delete", MSG_WM_EV_TEAM_DELETE},
    {"provider.add", MSG_WM_EV_PROVIDER_ADD},
    {"provider.rename", MSG_WM_EV_PROVIDER_RENAME},
    {"provider.delete", MSG_WM_EV_PROVIDER_DELETE},
    {"membership.set", MSG_WM_EV_MEMBERSHIP_SET},
    {"membership.delete", MSG_WM_EV_MEMBERSHIP_DELETE},
    {"user.add", MSG_WM_EV_USER_ADD},
    {"user.flags", MSG_WM_EV_USER_FLAGS},
    {"user.lang", MSG_WM_EV_USER_LANG},
    {"user.password", MSG_WM_EV_USER_PASSWORD},
    {"token.create", MSG_WM_EV_TOKEN_CREATE},
    {"token.delete", MSG_WM_EV_TOKEN_DELETE},
    {"session.create", MSG_WM_EV_SESSION_CREATE},
    {"session.delete", MSG_WM_EV_SESSION_DELETE},
};

static const struct {
	const char *key;
	enum msg_id text;
} audit_fields[] = {
    {"ref", MSG_SERVICE},
    {"level", MSG_LEVEL},
    {"assignment", MSG_ASSIGNMENT},
    {"team", MSG_WM_F_TEAM},
    {"provider", MSG_WM_F_PROVIDER},
    {"insource", MSG_SIDE_INSOURCE},
    {"outsource", MSG_SIDE_OUTSOURCE},
    {"current", MSG_CURRENT},
    {"target", MSG_TARGET},
    {"note", MSG_WM_F_NOTE},
    {"evidence", MSG_WM_F_EVIDENCE},
    {"version", MSG_WM_F_VERSION},
    {"name", MSG_WM_F_NAME},
    {"title", MSG_WM_F_TITLE},
    {"owner", MSG_WM_F_OWNER},
    {"due", MSG_WM_F_DUE},
    {"status", MSG_WM_F_STATUS},
    {"role", MSG_WM_F_ROLE},
    {"parent", MSG_WM_F_PARENT},
    {"next_evaluation", MSG_WM_F_NEXT_EVALUATION},
    {"approved_by", MSG_WM_APPROVED_BY},
    {"user", MSG_WM_F_USER},
    {"created_at", MSG_WM_F_CREATED},
    {"done_at", MSG_WM_F_DONE_AT},
    {"lang", MSG_WM_F_LANG},
    {"admin", MSG_WM_F_ADMIN},
    {"disabled", MSG_WM_F_DISABLED},
    {"custom", MSG_CUSTOM_SERVICE},
    {"name_en", MSG_WM_F_NAME_EN},
    {"name_ja", MSG_WM_F_NAME_JA},
    {"category", MSG_CATEGORY},
};

static const char *audit_event_text(enum lang lang, const char *code)
{
	size_t i;

	for (i = 0; i < sizeof(audit_events) / sizeof(audit_events[0]); i++)
		if (code && !strcmp(audit_events[i].code, code))
			return tr(lang, audit_events[i].text);
	return tr(lang, MSG_WM_EV_OTHER);
}

/* The field's name in lang; a key cdcf has no word for yet is shown as it is. */
static const char *audit_field_text(enum lang lang, const char *key)
{
	size_t i;

	for (i = 0; i < sizeof(audit_fields) / sizeof(audit_fields[0]); i++)
		if (!strcmp(audit_fields[i].key, key))
			return tr(lang, audit_fields[i].text);
	return key;
}

/* A value as a person reads it, as plain text appended to b (the caller escapes it
 * for its format): levels and assignments in words, yes/no, numbers, and a nested
 * object as "field: value" pairs; none is empty. */
static int value_text(struct buf *b, enum lang lang, const char *key, const json_t *v)
{
	const char *k;
	json_t *x;
	size_t i, n = 0;

	if (!v || json_is_null(v))
		return buf_status(b);
	if (json_is_string(v)) {
		const char *s = json_string_value(v);

		if (!strcmp(key, "level") && level_parse(s) >= 0)
			return buf_addstr(b, tr_level(lang, level_parse(s)));
		if (!strcmp(key, "assignment") && assignment_parse(s) >= 0)
			return buf_addstr(b, tr_assignment(lang, assignment_parse(s)));
		if (!strcmp(key, "role") && role_parse(s) >= 0)
			return buf_addstr(b, mg_role_name(lang, role_parse(s)));
		/* a stored time, "2026-04-01T09:30:00Z", as the rest of the pages show it */
		if (strlen(s) == 20 && s[4] == '-' && s[10] == 'T' && s[19] == 'Z')
			return buf_printf(b, "%.10s %.5s UTC", s, s + 11);
		return buf_addstr(b, s);
	}
	if (json_is_boolean(v))
		return buf_addstr(b, tr(lang, json_is_true(v) ? MSG_WM_YES : MSG_WM_NO));
	if (json_is_integer(v))
		return buf_printf(b, "%lld", (long long)json_integer_value(v));
	if (json_is_real(v))
		return buf_printf(b, "%g", json_real_value(v));
	if (json_is_array(v)) {
		json_array_foreach (v, i, x) {
			if (i)
				buf_addstr(b, ", ");
			value_text(b, lang, key, x);
		}
		return buf_status(b);
	}
	json_object_foreach ((json_t *)v, k, x) {
		if (n++)
			buf_addstr(b, "; ");
		buf_addstr(b, audit_field_text(lang, k));
		buf_addstr(b, ": ");
		value_text(b, lang, k, x);
	}
	return buf_status(b);
}

/* Where the changed fields of one event go: a row of the page's table, or a CSV row. */
struct change_out {
	enum lang lang;
	struct buf *b;
	/* write one changed field: its name in lang, and the values as plain text */
	int (*row)(struct change_out *o, const char *name, const char *before, const char *after);
	const char *const *cells; /* CSV: the event's cells before the field's */
	size_t n_cells;
};

/* One changed field (either value may be NULL): its values as text, handed to o->row. */
static int change_row(struct change_out *o, const char *name, const char *key, const json_t *old,
		      const json_t *now)
{
	struct buf before, after;
	int rc;

	buf_init(&before, AUDIT_VALUE_MAX);
	buf_init(&after, AUDIT_VALUE_MAX);
	value_text(&before, o->lang, key, old);
	value_text(&after, o->lang, key, now);
	rc = o->row(o, name, before.data, after.data);
	buf_release(&before);
	buf_release(&after);
	return rc;
}

/* One row per field that differs between before and after (either may be NULL); a field
 * that is itself an object on both sides (a score side) is compared field by field. */
static size_t audit_rows(struct change_out *o, const char *label, const json_t *before,
			 const json_t *after)
{
	const json_t *sides[2] = {after, before};
	size_t rows = 0;
	const char *key;
	json_t *v;
	int pass;

	for (pass = 0; pass < 2; pass++) {
		json_object_foreach ((json_t *)sides[pass], key, v) {
			const json_t *old = json_object_get(before, key);
			const json_t *now = json_object_get(after, key);
			char name[256];

			if (pass == 1 && now)
				continue; /* shown in the first pass */
			if (old && now && json_equal(old, now))
				continue;
			if (!strcmp(key, "version"))
				continue; /* every change bumps it: not news to a reader */
			snprintf(name, sizeof(name), "%s%s%s", label ? label : "",
				 label ? " \xE2\x80\x94 " : "", audit_field_text(o->lang, key));
			if ((!old || json_is_object(old)) && (!now || json_is_object(now)) &&
			    (json_is_object(old) || json_is_object(now))) {
				rows += audit_rows(o, name, old, now);
				continue;
			}
			rows++;
			change_row(o, name, key, old, now);
		}
	}
	return rows;
}

/* The event's before and after as JSON objects (NULL when there is none). */
static void event_objects(const struct audit_event *ev, json_t **before, json_t **after)
{
	*before = ev->before_json ? json_loads(ev->before_json, JSON_DECODE_ANY, NULL) : NULL;
	*after = ev->after_json ? json_loads(ev->after_json, JSON_DECODE_ANY, NULL) : NULL;
	if (!json_is_object(*before)) {
		json_decref(*before);
		*before = NULL;
	}
	if (!json_is_object(*after)) {
		json_decref(*after);
		*after = NULL;
	}
}

/* ---- the page ---- */

static int html_row(struct change_out *o, const char *name, const char *before, const char *after)
{
	struct buf *b = o->b;

	html_raw(b, "<tr><th scope=\"row\">");
	html_text(b, name);
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
	return html_raw(b, "</td></tr>");
}

/* The fields an event changed, as a table of before and after. */
static int audit_change(struct buf *b, enum lang lang, const struct audit_event *ev)
{
	struct change_out o = {lang, b, html_row, NULL, 0};
	json_t *before, *after;

	event_objects(ev, &before, &after);
	if (!before && !after) {
		html_raw(b, "\xE2\x80\x94");
	} else {
		html_fmt(b,
			 "<table class=\"kv\"><thead><tr><th scope=\"col\">%s</th>"
			 "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
			 tr(lang, MSG_WM_FIELD), tr(lang, MSG_WM_BEFORE), tr(lang, MSG_WM_AFTER));
		if (!audit_rows(&o, NULL, before, after))
			html_fmt(b, "<tr><td colspan=\"3\">%s</td></tr>",
				 tr(lang, MSG_WM_NO_CHANGES));
		html_raw(b, "</tbody></table>");
	}
	json_decref(before);
	json_decref(after);
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

	html_fmt(b,
		 "<div class=\"table-wrap\"><table class=\"cards audit\">\n<thead><tr>"
		 "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		 "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		 "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
		 tr(lang, MSG_WM_WHEN), tr(lang, MSG_WM_WHO), tr(lang, MSG_WM_WHAT),
		 tr(lang, MSG_WM_SUBJECT), tr(lang, MSG_WM_CHANGES));
	for (i = 0; i < shown; i++) {
		html_fmt(b,
			 "<tr><td data-label=\"%s\"><time>%s</time></td>"
			 "<td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td>"
			 "<td data-label=\"%s\">%s</td><td data-label=\"%s\">",
			 tr(lang, MSG_WM_WHEN), kit_datetime(req, ev[i].at), tr(lang, MSG_WM_WHO),
			 ev[i].actor, tr(lang, MSG_WM_WHAT), audit_event_text(lang, ev[i].action),
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

static int csv_row(struct change_out *o, const char *name, const char *before, const char *after)
{
	size_t i;

	for (i = 0; i < o->n_cells; i++)
		report_csv_cell(o->b, o->cells[i], i == 0);
	report_csv_cell(o->b, name, 0);
	report_csv_cell(o->b, before, 0);
	report_csv_cell(o->b, after, 0);
	return buf_addstr(o->b, "\r\n");
}

/* One event as CSV rows: one per changed field, or one with no field. */
static int csv_event(struct http_req *req, struct buf *b, const struct audit_event *ev)
{
	enum lang lang = req->lang;
	const char *cells[] = {kit_datetime(req, ev->at), ev->actor,
			       audit_event_text(lang, ev->action), ev->subject};
	struct change_out o = {lang, b, csv_row, cells, sizeof(cells) / sizeof(cells[0])};
	json_t *before, *after;

	event_objects(ev, &before, &after);
	if (!audit_rows(&o, NULL, before, after))
		csv_row(&o, NULL, "", "");
	json_decref(before);
	json_decref(after);
	return buf_status(b);
}

int page_audit_csv(struct http_req *req, struct http_resp *resp)
{
	static const enum msg_id heads[] = {MSG_WM_WHEN,    MSG_WM_WHO,	  MSG_WM_WHAT,
					    MSG_WM_SUBJECT, MSG_WM_FIELD, MSG_WM_BEFORE,
					    MSG_WM_AFTER};
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
	buf_addstr(b, REPORT_CSV_BOM);
	for (i = 0; i < sizeof(heads) / sizeof(heads[0]); i++)
		report_csv_cell(b, tr(req->lang, heads[i]), i == 0);
	buf_addstr(b, "\r\n");
	/* newest first, as on the page, a chunk at a time */
	do {
		if (store_audit_find(st, o.id, &f, done, AUDIT_CSV_CHUNK, &ev, &n, &e))
			return http_fail(req, &e);
		for (i = 0; i < n && !buf_status(b); i++)
			csv_event(req, b, &ev[i]);
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
