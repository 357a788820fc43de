/*
 * page_admin.c - site administration (/admin/users: users, create one with
 * an initial password, enable or disable, make or unmake site
 * administrator) and an organization's audit log (/o/{org}/audit: newest
 * first, AUDIT_PAGE_SIZE events a page, who, when, what, and the change as
 * a key-by-key comparison of the before and after JSON).
 *
 * Administrators cannot disable themselves or take away their own site
 * administration, so a site is never left without a way in by one click.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/level.h"
#include "i18n/i18n.h"
#include "ops/ops.h"
#include "report/html.h"
#include "store/store.h"
#include "store/store_user.h"
#include "util/err.h"
#include "web/auth/auth.h"
#include "web/pages/kit.h"
#include "web/pages/manage_pages.h"
#include "web/pages/page.h"
#include "web/webctx.h"

#define AUDIT_PAGE_SIZE 50
#define AUDIT_PAGE_MAX 1000000 /* ?page= above this is refused */

/* ---- /admin/users ---- */

/* 0 for a site administrator; fails with ERR_DENIED for anybody else. */
static int site_admin_only(struct http_req *req)
{
	const struct web_user *u = web_user(req);

	if (u && u->is_admin)
		return 0;
	return http_failf(req, ERR_DENIED, NULL, MSG_WM_E_SITE_ADMIN_ONLY);
}

/* One enable/disable or admin/unadmin button for user u. */
static int flag_button(struct http_req *req, struct buf *b, const struct user *u, const char *op,
		       enum msg_id text)
{
	char url[64], label[STORE_NAME_MAX + 128];

	snprintf(url, sizeof(url), "/admin/users/%lld", u->id);
	snprintf(label, sizeof(label), "%s: %s", tr(req->lang, text), u->name);
	kit_form_begin(req, b, url, "inline");
	kit_hidden(b, "do", op);
	html_elem(b, "button", tr(req->lang, text), "type", "submit", "aria-label", label,
		  (char *)NULL);
	html_raw(b, "</form> ");
	return buf_status(b);
}

static int memberships_text(struct http_req *req, struct buf *b, struct store *st,
			    long long user_id)
{
	struct membership *ms = NULL;
	struct err e = ERR_INIT;
	char text[ERR_MSG_MAX];
	char url[48];
	size_t n = 0, i;

	if (store_membership_list_user(st, user_id, &ms, &n, &e))
		return html_text(b, err_message(&e, req->lang, text, sizeof(text)));
	for (i = 0; i < n; i++) {
		snprintf(url, sizeof(url), "/o/%lld", ms[i].org_id);
		if (i)
			html_text(b, tr(req->lang, MSG_REPORT_LIST_SEP));
		html_elem(b, "a", ms[i].org_name, "href", url, (char *)NULL);
		html_fmt(b, " (%s)", mg_role_name(req->lang, ms[i].role));
	}
	membership_list_free(ms, n);
	return buf_status(b);
}

/* The users page with status and the refusal of a form (NULL: none). */
static int users_render(struct http_req *req, struct http_resp *resp, int status,
			const struct err *refused)
{
	const struct web_user *me = web_user(req);
	struct store *st = web_store(req);
	enum lang lang = req->lang;
	struct buf *b = &resp->body;
	struct user *users = NULL;
	struct err e = ERR_INIT;
	size_t n = 0, i;

	if (store_user_list(st, &users, &n, &e))
		return http_fail(req, &e);
	page_begin(req, resp, status, tr(lang, MSG_WM_USERS));
	html_elem(b, "h1", tr(lang, MSG_WM_USERS), (char *)NULL);
	kit_done_notice(req, b);
	kit_error_notice(req, b, refused);
	html_fmt(b,
		 "\n<div class=\"table-wrap\" tabindex=\"0\"><table class=\"cards\">\n<thead><tr>"
		 "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		 "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		 "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
		 tr(lang, MSG_WM_USER), tr(lang, MSG_WM_SITE_ADMIN), tr(lang, MSG_STATUS),
		 tr(lang, MSG_WM_CREATED), tr(lang, MSG_WM_MEMBERSHIPS), tr(lang, MSG_WM_CHANGE));
	for (i = 0; i < n && !buf_status(b); i++) {
		const struct user *u = &users[i];
		bool self = me && me->id == u->id;
		html_fmt(b,
			 "<tr><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td>"
			 "<td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td>"
			 "<td data-label=\"%s\">",
			 tr(lang, MSG_WM_USER), u->name, tr(lang, MSG_WM_SITE_ADMIN),
			 tr(lang, u->is_admin ? MSG_WM_YES : MSG_WM_NO), tr(lang, MSG_STATUS),
			 tr(lang, u->disabled ? MSG_WM_DISABLED : MSG_WM_ENABLED),
			 tr(lang, MSG_WM_CREATED), kit_date(req, u->created_at),
			 tr(lang, MSG_WM_MEMBERSHIPS));
		memberships_text(req, b, st, u->id);
		html_fmt(b, "</td><td data-label=\"%s\">", tr(lang, MSG_WM_CHANGE));
		if (self) {
			html_text(b, tr(lang, MSG_WM_THIS_IS_YOU));
		} else {
			flag_button(req, b, u, u->disabled ? "enable" : "disable",
				    u->disabled ? MSG_WM_ENABLE : MSG_WM_DISABLE);
			flag_button(req, b, u, u->is_admin ? "unadmin" : "admin",
				    u->is_admin ? MSG_WM_UNMAKE_ADMIN : MSG_WM_MAKE_ADMIN);
		}
		html_raw(b, "</td></tr>\n");
	}
	html_raw(b, "</tbody></table></div>\n");
	html_elem(b, "h2", tr(lang, MSG_WM_USER_CREATE), (char *)NULL);
	kit_form_begin(req, b, "/admin/users", "stack");
	kit_input(b, "text", "user-name", "name", tr(lang, MSG_WM_USER_NAME),
		  http_req_form(req, "name"), 1, NULL);
	html_raw(b, "<div class=\"field\">");
	html_elem(b, "label", tr(lang, MSG_WM_INITIAL_PASSWORD), "for", "user-password",
		  (char *)NULL);
	html_elem(b, "span", tr(lang, MSG_WM_INITIAL_PASSWORD_HINT), "class", "hint", "id",
		  "user-password-hint", (char *)NULL);
	/* the password is never echoed back into the page */
	html_raw(b, "<input type=\"password\" id=\"user-password\" name=\"password\" "
		    "autocomplete=\"new-password\" required=\"required\" minlength=\"10\" "
		    "aria-describedby=\"user-password-hint\"></div>\n"
		    "<div class=\"field check\">");
	html_open(b, "input", "type", "checkbox", "id", "user-admin", "name", "admin", "value",
		  "yes", KIT_BOOL("checked", http_req_form(req, "admin")), (char *)NULL);
	html_elem(b, "label", tr(lang, MSG_WM_SITE_ADMIN), "for", "user-admin", (char *)NULL);
	html_raw(b, "</div>\n");
	kit_form_end(b, tr(lang, MSG_WM_USER_CREATE), "primary");
	user_list_free(users, n);
	page_end(req, resp);
	return buf_status(b);
}

int page_admin_users(struct http_req *req, struct http_resp *resp)
{
	int rc = site_admin_only(req);

	return rc ? rc : users_render(req, resp, 200, NULL);
}

int page_admin_user_add(struct http_req *req, struct http_resp *resp)
{
	const char *name = http_req_form(req, "name");
	const char *pw = http_req_form(req, "password");
	const char *admin = http_req_form(req, "admin");
	struct err e = ERR_INIT, shown;
	enum auth_pw_problem problem;
	char hash[AUTH_PWHASH_MAX];
	long long id;
	int rc = site_admin_only(req);

	if (rc)
		return rc;
	web_store_actor(req);
	if (!name || !*name) {
		err_fail(&e, ERR_INVALID, "name", MSG_WM_NEED_USER_NAME);
		return users_render(req, resp, 400, &e);
	}
	problem = auth_password_policy(pw ? pw : "");
	if (problem != AUTH_PW_OK) {
		auth_password_fail(&e, "password", problem);
		return users_render(req, resp, 400, &e);
	}
	rc = auth_password_hash(pw, hash);
	if (rc)
		return rc;
	rc = ops_user_add(web_store(req), name, hash, admin && !strcmp(admin, "yes"), &id, &e);
	sodium_memzero(hash, sizeof(hash));
	if (rc) {
		if (!kit_form_status(&e))
			return http_fail(req, &e);
		kit_reword(&shown, &e, MSG_WM_USER_EXISTS, -1, name);
		return users_render(req, resp, kit_form_status(&e), &shown);
	}
	return kit_see_other(resp, "/admin/users?done=user");
}

int page_admin_user_update(struct http_req *req, struct http_resp *resp)
{
	const char *id_s = http_req_param(req, "id");
	const char *op = http_req_form(req, "do");
	struct ops_actor who = web_actor(req, NULL);
	struct err e = ERR_INIT, shown;
	enum ops_user_change change;
	long long id;
	char *end;
	int rc = site_admin_only(req);

	if (rc)
		return rc;
	web_store_actor(req);
	id = id_s ? strtoll(id_s, &end, 10) : 0;
	if (!id_s || *end || id <= 0)
		return http_failf(req, ERR_NOT_FOUND, NULL, MSG_WM_E_UNKNOWN_USER);
	if (!op)
		op = "";
	if (!strcmp(op, "enable")) {
		change = OPS_USER_ENABLE;
	} else if (!strcmp(op, "disable")) {
		change = OPS_USER_DISABLE;
	} else if (!strcmp(op, "admin")) {
		change = OPS_USER_ADMIN;
	} else if (!strcmp(op, "unadmin")) {
		change = OPS_USER_UNADMIN;
	} else {
		err_fail(&e, ERR_INVALID, "do", MSG_WM_BAD_USER_CHANGE);
		return users_render(req, resp, 400, &e);
	}
	if (ops_user_change(web_store(req), &who, id, change, &e)) {
		if (e.code == ERR_NOT_FOUND || !kit_form_status(&e))
			return http_fail(req, &e);
		/* nobody locks themselves out: the one refusal about the change itself */
		if (e.code == ERR_INVALID)
			err_fail(&shown, e.code, e.field, MSG_WM_SELF_LOCKOUT);
		else
			err_copy(&shown, &e);
		return users_render(req, resp, kit_form_status(&e), &shown);
	}
	return kit_see_other(resp, "/admin/users?done=user-changed");
}

/* ---- /o/{org}/audit ---- */

/* The audit log in people's words: what happened, and the fields that changed with their
 * values, in the page's language; never the stored event code or JSON. */
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
};

static const char *audit_event_text(enum lang lang, const char *code)
{
	size_t i;

	for (i = 0; i < sizeof(audit_events) / sizeof(audit_events[0]); i++)
		if (!strcmp(audit_events[i].code, code))
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

/* A value as a person reads it: levels and assignments in words, yes/no, numbers, and a
 * nested object as "field: value" pairs. */
static int value_text(struct buf *b, enum lang lang, const char *key, const json_t *v)
{
	const char *k;
	json_t *x;
	size_t i, n = 0;

	if (!v || json_is_null(v))
		return html_raw(b, "\xE2\x80\x94");
	if (json_is_string(v)) {
		const char *s = json_string_value(v);

		if (!strcmp(key, "level") && level_parse(s) >= 0)
			return html_text(b, tr_level(lang, level_parse(s)));
		if (!strcmp(key, "assignment") && assignment_parse(s) >= 0)
			return html_text(b, tr_assignment(lang, assignment_parse(s)));
		if (!strcmp(key, "role") && role_parse(s) >= 0)
			return html_text(b, mg_role_name(lang, role_parse(s)));
		/* a stored time, "2026-04-01T09:30:00Z", as the rest of the pages show it */
		if (strlen(s) == 20 && s[4] == '-' && s[10] == 'T' && s[19] == 'Z') {
			char when[32];

			snprintf(when, sizeof(when), "%.10s %.5s UTC", s, s + 11);
			return html_text(b, when);
		}
		return html_text(b, s);
	}
	if (json_is_boolean(v))
		return html_text(b, tr(lang, json_is_true(v) ? MSG_WM_YES : MSG_WM_NO));
	if (json_is_integer(v))
		return html_fmt(b, "%lld", (long long)json_integer_value(v));
	if (json_is_real(v))
		return html_fmt(b, "%g", json_real_value(v));
	if (json_is_array(v)) {
		json_array_foreach (v, i, x) {
			if (i)
				html_raw(b, ", ");
			value_text(b, lang, key, x);
		}
		return buf_status(b);
	}
	json_object_foreach ((json_t *)v, k, x) {
		if (n++)
			html_raw(b, "; ");
		html_text(b, audit_field_text(lang, k));
		html_raw(b, ": ");
		value_text(b, lang, k, x);
	}
	return buf_status(b);
}

/* One row per field that differs between before and after (either may be NULL); a field
 * that is itself an object on both sides (a score side) is compared field by field. */
static size_t audit_rows(struct buf *b, enum lang lang, const char *label, const json_t *before,
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
				 label ? " \xE2\x80\x94 " : "", audit_field_text(lang, key));
			if ((!old || json_is_object(old)) && (!now || json_is_object(now)) &&
			    (json_is_object(old) || json_is_object(now))) {
				rows += audit_rows(b, lang, name, old, now);
				continue;
			}
			rows++;
			html_raw(b, "<tr><th scope=\"row\">");
			html_text(b, name);
			html_raw(b, "</th><td>");
			value_text(b, lang, key, old);
			html_raw(b, "</td><td>");
			value_text(b, lang, key, now);
			html_raw(b, "</td></tr>");
		}
	}
	return rows;
}

/* The fields an event changed, as a table of before and after. */
static int audit_change(struct buf *b, enum lang lang, const char *before_s, const char *after_s)
{
	json_t *before = before_s ? json_loads(before_s, JSON_DECODE_ANY, NULL) : NULL;
	json_t *after = after_s ? json_loads(after_s, JSON_DECODE_ANY, NULL) : NULL;
	json_t *bo = json_is_object(before) ? before : NULL,
	       *ao = json_is_object(after) ? after : NULL;

	if (!bo && !ao) {
		html_raw(b, "\xE2\x80\x94");
	} else {
		html_fmt(b,
			 "<table class=\"kv\"><thead><tr><th scope=\"col\">%s</th>"
			 "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead><tbody>",
			 tr(lang, MSG_WM_FIELD), tr(lang, MSG_WM_BEFORE), tr(lang, MSG_WM_AFTER));
		if (!audit_rows(b, lang, NULL, bo, ao))
			html_fmt(b, "<tr><td colspan=\"3\">%s</td></tr>",
				 tr(lang, MSG_WM_NO_CHANGES));
		html_raw(b, "</tbody></table>");
	}
	json_decref(before);
	json_decref(after);
	return buf_status(b);
}

static int audit_pages(struct buf *b, enum lang lang, long long org_id, long page, bool more)
{
	char url[96];

	html_fmt(b, "<nav class=\"pagination\" aria-label=\"%s\">", tr(lang, MSG_WM_PAGES));
	if (page > 1) {
		snprintf(url, sizeof(url), "/o/%lld/audit?page=%ld", org_id, page - 1);
		html_elem(b, "a", tr(lang, MSG_WM_NEWER), "href", url, "rel", "prev", (char *)NULL);
	}
	html_fmt(b, "<span aria-current=\"page\">%s %ld</span>", tr(lang, MSG_WM_PAGE), page);
	if (more) {
		snprintf(url, sizeof(url), "/o/%lld/audit?page=%ld", org_id, page + 1);
		html_elem(b, "a", tr(lang, MSG_WM_OLDER), "href", url, "rel", "next", (char *)NULL);
	}
	html_raw(b, "</nav>\n");
	return buf_status(b);
}

int page_audit(struct http_req *req, struct http_resp *resp)
{
	struct store *st = web_store(req);
	enum lang lang = req->lang;
	struct buf *b = &resp->body;
	const char *page_s = http_req_query(req, "page");
	struct audit_event *ev = NULL;
	struct err e = ERR_INIT;
	struct web_org o;
	size_t n = 0, i, shown;
	char url[48];
	long page = 1;
	int rc = web_org(req, ROLE_ADMIN, &o);

	if (rc)
		return rc;
	if (page_s && *page_s) {
		char *end;
		page = strtol(page_s, &end, 10);
		if (*end || page < 1 || page > AUDIT_PAGE_MAX)
			return http_failf(req, ERR_INVALID, "page", MSG_WM_E_BAD_PAGE);
	}
	/* one more than a page tells whether an older page exists */
	if (store_audit_list(st, o.id, (size_t)(page - 1) * AUDIT_PAGE_SIZE, AUDIT_PAGE_SIZE + 1,
			     &ev, &n, &e))
		return http_fail(req, &e);
	shown = n > AUDIT_PAGE_SIZE ? AUDIT_PAGE_SIZE : n;
	snprintf(url, sizeof(url), "/o/%lld", o.id);
	page_begin(req, resp, 200, tr(lang, MSG_WM_AUDIT_LOG));
	html_raw(b, "<p class=\"breadcrumb\">");
	html_elem(b, "a", o.name, "href", url, (char *)NULL);
	html_raw(b, "</p>\n");
	html_elem(b, "h1", tr(lang, MSG_WM_AUDIT_LOG), (char *)NULL);
	html_elem(b, "p", tr(lang, MSG_WM_AUDIT_INTRO), "class", "lead", (char *)NULL);
	if (!shown)
		html_elem(b, "p", tr(lang, MSG_WM_AUDIT_EMPTY), (char *)NULL);
	else
		html_fmt(b,
			 "<div class=\"table-wrap\" tabindex=\"0\">"
			 "<table class=\"cards audit\">\n<thead><tr>"
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
			 ev[i].actor, tr(lang, MSG_WM_WHAT), audit_event_text(lang, ev[i].action),
			 tr(lang, MSG_WM_SUBJECT), ev[i].subject, tr(lang, MSG_WM_CHANGES));
		audit_change(b, lang, ev[i].before_json, ev[i].after_json);
		html_raw(b, "</td></tr>\n");
	}
	if (shown)
		html_raw(b, "</tbody></table></div>\n");
	if (page > 1 || n > AUDIT_PAGE_SIZE)
		audit_pages(b, lang, o.id, page, n > AUDIT_PAGE_SIZE);
	audit_list_free(ev, n);
	page_end(req, resp);
	return buf_status(b);
}
