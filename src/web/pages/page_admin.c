/*
 * page_admin.c - site administration (/admin/users: users, create one with
 * an initial password, enable or disable, make or unmake site
 * administrator). An organization's audit log is in page_audit.c; the
 * frameworks and mappings of the installation in page_admin_libs.c.
 *
 * Administrators cannot disable themselves or take away their own site
 * administration, so a site is never left without a way in by one click.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n/i18n.h"
#include "ops/ops.h"
#include "report/html.h"
#include "store/store.h"
#include "store/store_user.h"
#include "util/err.h"
#include "web/auth/auth.h"
#include "web/pages/kit.h"
#include "web/pages/manage_pages.h"
#include "web/pages/page_admin_libs.h"
#include "web/pages/page.h"
#include "web/webctx.h"

/* ---- /admin/users ---- */

int page_site_admin_only(struct http_req *req)
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
	page_admin_tabs(req, b, ADMIN_TAB_USERS);
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
	int rc = page_site_admin_only(req);

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
	int rc = page_site_admin_only(req);

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
	int rc = page_site_admin_only(req);

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
