/*
 * page_settings.c - an organization's settings (/o/{org}/settings): its
 * teams (in-house) and providers (outsourced), which the profile step of
 * every portfolio assigns services to, and its members with their roles.
 * Everyone in the organization may read them; only its administrators
 * change them.
 *
 * The page links back to the organization and to the profile step of each
 * of its portfolios, where the teams and providers are used.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n/i18n.h"
#include "io/catalog.h"
#include "ops/ops.h"
#include "report/html.h"
#include "store/store.h"
#include "store/store_user.h"
#include "util/err.h"
#include "web/pages/manage_pages.h"
#include "web/pages/nav.h"
#include "web/pages/page.h"
#include "web/pages/page_provider.h"
#include "web/webctx.h"

/* ---- the page ---- */

/* "/o/<id><path>/<name>/<verb>" in per-request memory (name percent-encoded). */
static const char *party_href(struct http_req *req, long long org_id, const char *path,
			      const char *name, const char *verb)
{
	struct buf url;
	const char *s;

	buf_init(&url, HTTP_MAX_PATH);
	kit_org_url(&url, org_id, path);
	buf_addch(&url, '/');
	http_percent_encode(&url, name);
	buf_printf(&url, "/%s", verb);
	s = buf_status(&url) ? NULL : http_req_strdup(req, url.data);
	buf_release(&url);
	return s;
}

/* One team or provider; for administrators, a rename form and a delete button. */
static int party_item(struct http_req *req, struct buf *b, const struct web_org *o,
		      const struct party *p, const char *path, const char *field, size_t i)
{
	enum lang lang = req->lang;
	char id[64];

	if (o->role < ROLE_ADMIN)
		return html_elem(b, "li", p->name, (char *)NULL);
	html_raw(b, "<li>");
	html_elem(b, "span", p->name, "class", "party-name", (char *)NULL);
	snprintf(id, sizeof(id), "rename-%s-%zu", field, i);
	kit_form_begin(req, b, party_href(req, o->id, path, p->name, "rename"), "toolbar");
	kit_input(b, "text", id, "name", kit_tr(req, MSG_WM_NEW_NAME_OF, p->name, NULL), p->name, 1,
		  NULL);
	kit_form_end(b, tr(lang, MSG_WM_RENAME), NULL);
	kit_form_begin(req, b, party_href(req, o->id, path, p->name, "delete"), "inline");
	/* the button names the party for screen readers */
	html_elem(b, "button", tr(lang, MSG_WM_DELETE), "type", "submit", "class", "danger",
		  "aria-label", kit_tr(req, MSG_WM_DELETE_OF, p->name, NULL), (char *)NULL);
	html_raw(b, "</form></li>\n");
	return buf_status(b);
}

/* The organization itself: rename (its administrators), delete (site administrators). */
static int org_section(struct http_req *req, struct buf *b, const struct web_org *o)
{
	const struct web_user *me = web_user(req);
	enum lang lang = req->lang;

	if (o->role < ROLE_ADMIN)
		return buf_status(b);
	html_elem(b, "h2", tr(lang, MSG_WM_THIS_ORG), (char *)NULL);
	kit_form_begin(req, b, kit_org_href(req, o->id, "/settings/rename"), "toolbar");
	kit_input(b, "text", "org-rename", "name", tr(lang, MSG_WM_ORG_NEW_NAME), o->name, 1, NULL);
	kit_form_end(b, tr(lang, MSG_WM_RENAME), NULL);
	if (me && me->is_admin) {
		html_elem(b, "p", tr(lang, MSG_WM_ORG_DELETE_HINT), "class", "hint", (char *)NULL);
		kit_form_begin(req, b, kit_org_href(req, o->id, "/settings/delete"), "inline");
		html_elem(b, "button", kit_tr(req, MSG_WM_DELETE_OF, o->name, NULL), "type",
			  "submit", "class", "danger", (char *)NULL);
		html_raw(b, "</form>\n");
	}
	return buf_status(b);
}

static int party_section(struct http_req *req, struct buf *b, const struct web_org *o,
			 const struct party *list, size_t n, enum msg_id heading,
			 enum msg_id add_label, const char *path, const char *field)
{
	enum lang lang = req->lang;
	char id[64];
	size_t i;

	html_elem(b, "h2", tr(lang, heading), (char *)NULL);
	if (n) {
		html_raw(b, "\n<ul class=\"parties\">\n");
		for (i = 0; i < n; i++)
			party_item(req, b, o, &list[i], path, field, i);
		html_raw(b, "</ul>\n");
		if (o->role >= ROLE_ADMIN)
			html_elem(b, "p", tr(lang, MSG_WM_PARTY_DELETE_HINT), "class", "hint",
				  (char *)NULL);
	} else {
		html_elem(b, "p", tr(lang, MSG_WM_NONE_YET), "class", "hint", (char *)NULL);
	}
	if (o->role >= ROLE_ADMIN) {
		snprintf(id, sizeof(id), "add-%s", field);
		kit_form_begin(req, b, kit_org_href(req, o->id, path), "toolbar");
		kit_input(b, "text", id, field, tr(lang, add_label), http_req_form(req, field), 1,
			  NULL);
		kit_form_end(b, tr(lang, MSG_WM_ADD), NULL);
	}
	return buf_status(b);
}

/* The members with their roles and teams (a revoke button each for admins). */
static int members_table(struct http_req *req, struct buf *b, const struct web_org *o,
			 const struct membership *ms, size_t n)
{
	enum lang lang = req->lang;
	char url[128], label[STORE_NAME_MAX + 64];
	size_t i;

	if (!n)
		return html_elem(b, "p", tr(lang, MSG_WM_NONE_YET), "class", "hint", (char *)NULL);
	html_raw(b, "\n<div class=\"table-wrap\" tabindex=\"0\">"
		    "<table class=\"cards\">\n<thead><tr>");
	html_fmt(b,
		 "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		 "<th scope=\"col\">%s</th>",
		 tr(lang, MSG_WM_USER), tr(lang, MSG_WM_ROLE), tr(lang, MSG_TEAM));
	if (o->role >= ROLE_ADMIN)
		html_fmt(b, "<th scope=\"col\">%s</th>", tr(lang, MSG_WM_CHANGE));
	html_raw(b, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < n; i++) {
		html_fmt(b,
			 "<tr><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td>"
			 "<td data-label=\"%s\">%s</td>",
			 tr(lang, MSG_WM_USER), ms[i].user_name, tr(lang, MSG_WM_ROLE),
			 mg_role_name(lang, ms[i].role), tr(lang, MSG_TEAM),
			 ms[i].team_name ? ms[i].team_name : "");
		if (o->role >= ROLE_ADMIN) {
			snprintf(url, sizeof(url), "/o/%lld/settings/members/%lld/revoke", o->id,
				 ms[i].user_id);
			html_fmt(b, "<td data-label=\"%s\">", tr(lang, MSG_WM_CHANGE));
			kit_form_begin(req, b, url, "inline");
			/* the button names the member for screen readers */
			snprintf(label, sizeof(label), "%s: %s", tr(lang, MSG_WM_REVOKE),
				 ms[i].user_name);
			html_elem(b, "button", tr(lang, MSG_WM_REVOKE), "type", "submit", "class",
				  "danger", "aria-label", label, (char *)NULL);
			html_raw(b, "</form></td>");
		}
		html_raw(b, "</tr>\n");
	}
	html_raw(b, "</tbody></table></div>\n");
	return buf_status(b);
}

static int members_section(struct http_req *req, struct buf *b, struct store *st,
			   const struct web_org *o, const struct party *teams, size_t n_teams)
{
	enum lang lang = req->lang;
	struct membership *ms = NULL;
	struct err e = ERR_INIT;
	size_t n = 0, i;
	const char *role_sel = http_req_form(req, "role");
	const char *team_sel = http_req_form(req, "team");
	char tid[32];
	int r;

	html_elem(b, "h2", tr(lang, MSG_WM_MEMBERS), (char *)NULL);
	if (store_membership_list_org(st, o->id, &ms, &n, &e))
		return kit_error_notice(req, b, &e);
	members_table(req, b, o, ms, n);
	if (o->role >= ROLE_ADMIN) {
		html_elem(b, "h3", tr(lang, MSG_WM_GRANT), (char *)NULL);
		kit_form_begin(req, b, kit_org_href(req, o->id, "/settings/members"), "stack");
		kit_input(b, "text", "member-user", "user", tr(lang, MSG_WM_USER_NAME),
			  http_req_form(req, "user"), 1, NULL);
		kit_select_begin(b, "member-role", "role", tr(lang, MSG_WM_ROLE), 1);
		for (r = 0; r < ROLE_COUNT; r++)
			kit_option(b, role_name(r), mg_role_name(lang, r),
				   role_sel ? !strcmp(role_sel, role_name(r)) : r == ROLE_VIEWER);
		kit_select_end(b);
		kit_select_begin(b, "member-team", "team", tr(lang, MSG_WM_ASSESSOR_TEAM), 0);
		kit_option(b, "", tr(lang, MSG_WM_NONE), !team_sel || !*team_sel);
		for (i = 0; i < n_teams; i++) {
			snprintf(tid, sizeof(tid), "%lld", teams[i].id);
			kit_option(b, tid, teams[i].name, team_sel && !strcmp(team_sel, tid));
		}
		kit_select_end(b);
		kit_form_end(b, tr(lang, MSG_WM_GRANT), "primary");
	}
	membership_list_free(ms, n);
	return buf_status(b);
}

/* "Teams and providers are assigned in step 2 of each portfolio:" and the links. */
static int portfolio_links(struct http_req *req, struct buf *b, struct store *st,
			   const struct web_org *o)
{
	enum lang lang = req->lang;
	struct portfolio_ref *refs = NULL;
	struct err e = ERR_INIT;
	size_t n = 0, i;

	if (store_portfolio_list(st, o->id, &refs, &n, &e))
		return kit_error_notice(req, b, &e);
	if (!n)
		return buf_status(b);
	html_elem(b, "p", tr(lang, MSG_WM_SETTINGS_PORTFOLIOS), "class", "hint", "id",
		  "settings-portfolios", (char *)NULL);
	html_fmt(b,
		 "<nav class=\"actions\" aria-label=\"%s\" "
		 "aria-describedby=\"settings-portfolios\">",
		 tr(lang, MSG_WM_PORTFOLIOS));
	for (i = 0; i < n; i++) {
		const struct framework *fw = catalog_get(refs[i].framework_id);
		const char *name = fw ? framework_name(fw, lang_code(lang)) : refs[i].framework_id;
		html_elem(b, "a", name, "class", "button", "href",
			  kit_portfolio_href(req, o->id, refs[i].framework_id, "profile"),
			  (char *)NULL);
	}
	html_raw(b, "</nav>\n");
	portfolio_ref_list_free(refs, n);
	return buf_status(b);
}

/* The settings of o with status and the refusal of a form (NULL: none). */
static int settings_render(struct http_req *req, struct http_resp *resp, const struct web_org *o,
			   int status, const struct err *refused)
{
	struct store *st = web_store(req);
	enum lang lang = req->lang;
	struct buf *b = &resp->body;
	struct party *teams = NULL, *providers = NULL;
	struct err e = ERR_INIT;
	size_t nt = 0, np = 0;

	if (store_party_list(st, PARTY_TEAM, o->id, &teams, &nt, &e) ||
	    store_party_list(st, PARTY_PROVIDER, o->id, &providers, &np, &e)) {
		party_list_free(teams, nt);
		return http_fail(req, &e);
	}
	page_begin(req, resp, status, tr(lang, MSG_WM_SETTINGS));
	html_raw(b, "<p class=\"breadcrumb\">");
	html_elem(b, "a", o->name, "href", kit_org_href(req, o->id, ""), (char *)NULL);
	html_raw(b, "</p>\n");
	html_elem(b, "h1", tr(lang, MSG_WM_SETTINGS), (char *)NULL);
	kit_done_notice(req, b);
	kit_error_notice(req, b, refused);
	portfolio_links(req, b, st, o);
	party_section(req, b, o, teams, nt, MSG_WM_TEAMS, MSG_WM_TEAM_NAME, "/settings/teams",
		      "team_name");
	party_section(req, b, o, providers, np, MSG_WM_PROVIDERS, MSG_WM_PROVIDER_NAME,
		      "/settings/providers", "provider_name");
	page_provider_links_section(req, b, st, o);
	members_section(req, b, st, o, teams, nt);
	org_section(req, b, o);
	party_list_free(teams, nt);
	party_list_free(providers, np);
	page_end(req, resp);
	return buf_status(b);
}

int page_settings(struct http_req *req, struct http_resp *resp)
{
	struct web_org o;
	int rc = web_org(req, ROLE_VIEWER, &o);

	return rc ? rc : settings_render(req, resp, &o, 200, NULL);
}

/* 303 to the settings with the confirmation of what was done. */
static int settings_done(struct http_resp *resp, const struct web_org *o, const char *done)
{
	struct buf url;
	int rc;

	buf_init(&url, HTTP_MAX_PATH);
	kit_org_url(&url, o->id, "/settings");
	rc = kit_see_other_done(resp, &url, done);
	buf_release(&url);
	return rc;
}

/* Show the settings again after ops refused e, saying shown (e in the page's
 * words, or e itself when NULL); a name that exists already is 409, like the
 * API's answer. A failure of the server fails the request. */
static int settings_refused(struct http_req *req, struct http_resp *resp, const struct web_org *o,
			    const struct err *e, const struct err *shown)
{
	int status = kit_form_status(e);

	if (!status)
		return http_fail(req, e);
	return settings_render(req, resp, o, status, shown ? shown : e);
}

int page_settings_show_refused(struct http_req *req, struct http_resp *resp,
			       const struct web_org *o, const struct err *e)
{
	return settings_refused(req, resp, o, e, NULL);
}

static int party_add(struct http_req *req, struct http_resp *resp, enum party_kind k,
		     const char *field)
{
	const char *name = http_req_form(req, field);
	struct err e = ERR_INIT, shown;
	struct web_org o;
	long long id;
	int rc = web_org(req, ROLE_ADMIN, &o);

	if (rc)
		return rc;
	web_store_actor(req);
	if (ops_party_add(web_store(req), o.name, k, name, &id, &e)) {
		kit_reword(&shown, &e,
			   k == PARTY_TEAM ? MSG_WM_TEAM_EXISTS : MSG_WM_PROVIDER_EXISTS, -1, name);
		return settings_refused(req, resp, &o, &e, &shown);
	}
	return settings_done(resp, &o, k == PARTY_TEAM ? "team" : "provider");
}

int page_settings_team_add(struct http_req *req, struct http_resp *resp)
{
	return party_add(req, resp, PARTY_TEAM, "team_name");
}

int page_settings_provider_add(struct http_req *req, struct http_resp *resp)
{
	return party_add(req, resp, PARTY_PROVIDER, "provider_name");
}

int page_settings_member_set(struct http_req *req, struct http_resp *resp)
{
	const char *name = http_req_form(req, "user");
	const char *role = http_req_form(req, "role");
	const char *team = http_req_form(req, "team");
	struct err e = ERR_INIT, shown = ERR_INIT;
	struct web_org o;
	long long team_id = 0;
	char *end;
	int rc = web_org(req, ROLE_ADMIN, &o);

	if (rc)
		return rc;
	web_store_actor(req);
	/* the team select sends a team's id */
	if (team && *team) {
		team_id = strtoll(team, &end, 10);
		if (*end || team_id <= 0) {
			err_fail(&shown, ERR_INVALID, "team", MSG_WM_BAD_TEAM);
			return settings_render(req, resp, &o, 400, &shown);
		}
	}
	if (!name || !*name) {
		err_fail(&shown, ERR_INVALID, "user", MSG_WM_NEED_USER_NAME);
		return settings_render(req, resp, &o, 400, &shown);
	}
	if (ops_member_set(web_store(req), o.name, name, role, NULL, team_id, &e)) {
		if (!strcmp(e.field, "role"))
			err_fail(&shown, e.code, e.field, MSG_WM_BAD_ROLE);
		else if (!strcmp(e.field, "team"))
			err_fail(&shown, e.code, e.field, MSG_WM_BAD_TEAM);
		else if (!strcmp(e.field, "user"))
			kit_reword(&shown, &e, -1, MSG_WM_USER_UNKNOWN, name);
		return settings_refused(req, resp, &o, &e, shown.code ? &shown : NULL);
	}
	return settings_done(resp, &o, "member");
}

int page_settings_member_revoke(struct http_req *req, struct http_resp *resp)
{
	const char *uid = http_req_param(req, "user");
	struct err e = ERR_INIT, shown = ERR_INIT;
	struct ops_actor who;
	struct web_org o;
	long long user_id;
	char *end;
	int rc = web_org(req, ROLE_ADMIN, &o);

	if (rc)
		return rc;
	web_store_actor(req);
	user_id = uid ? strtoll(uid, &end, 10) : 0;
	if (!uid || *end || user_id <= 0)
		return http_failf(req, ERR_NOT_FOUND, "user", MSG_WM_E_UNKNOWN_MEMBER);
	who = web_actor(req, &o);
	if (ops_member_revoke(web_store(req), &who, o.name, user_id, &e)) {
		if (e.code == ERR_INVALID)
			err_fail(&shown, e.code, e.field, MSG_WM_REVOKE_SELF);
		return settings_refused(req, resp, &o, &e, shown.code ? &shown : NULL);
	}
	return settings_done(resp, &o, "revoked");
}

/* A change of the settings by an administrator of the organization: o and the caller as
 * ops sees it (who), the store's actor set. 0, or the failure web_org recorded. */
static int admin_change(struct http_req *req, struct web_org *o, struct ops_actor *who)
{
	int rc = web_org(req, ROLE_ADMIN, o);

	if (rc)
		return rc;
	web_store_actor(req);
	*who = web_actor(req, o);
	return 0;
}

static int party_rename(struct http_req *req, struct http_resp *resp, enum party_kind k)
{
	const char *old = http_req_param(req, k == PARTY_TEAM ? "team" : "provider");
	const char *name = http_req_form(req, "name");
	struct err e = ERR_INIT, shown;
	struct ops_actor who;
	struct web_org o;
	int rc = admin_change(req, &o, &who);

	if (rc)
		return rc;
	if (ops_party_rename(web_store(req), &who, o.name, k, old, name, &e)) {
		kit_reword(&shown, &e,
			   k == PARTY_TEAM ? MSG_WM_TEAM_EXISTS : MSG_WM_PROVIDER_EXISTS, -1, name);
		return settings_refused(req, resp, &o, &e, &shown);
	}
	return settings_done(resp, &o, "renamed");
}

static int party_delete(struct http_req *req, struct http_resp *resp, enum party_kind k)
{
	const char *name = http_req_param(req, k == PARTY_TEAM ? "team" : "provider");
	struct err e = ERR_INIT;
	struct ops_actor who;
	struct web_org o;
	int rc = admin_change(req, &o, &who);

	if (rc)
		return rc;
	if (ops_party_delete(web_store(req), &who, o.name, k, name, &e))
		return settings_refused(req, resp, &o, &e, NULL);
	return settings_done(resp, &o, "deleted");
}

int page_settings_team_rename(struct http_req *req, struct http_resp *resp)
{
	return party_rename(req, resp, PARTY_TEAM);
}

int page_settings_team_delete(struct http_req *req, struct http_resp *resp)
{
	return party_delete(req, resp, PARTY_TEAM);
}

int page_settings_provider_rename(struct http_req *req, struct http_resp *resp)
{
	return party_rename(req, resp, PARTY_PROVIDER);
}

int page_settings_provider_delete(struct http_req *req, struct http_resp *resp)
{
	return party_delete(req, resp, PARTY_PROVIDER);
}

int page_settings_org_rename(struct http_req *req, struct http_resp *resp)
{
	const char *name = http_req_form(req, "name");
	struct err e = ERR_INIT, shown;
	struct ops_actor who;
	struct web_org o;
	int rc = admin_change(req, &o, &who);

	if (rc)
		return rc;
	if (ops_org_rename(web_store(req), &who, o.name, name, &e)) {
		kit_reword(&shown, &e, MSG_WM_ORG_EXISTS, -1, name);
		return settings_refused(req, resp, &o, &e, &shown);
	}
	return settings_done(resp, &o, "renamed");
}

int page_settings_org_delete(struct http_req *req, struct http_resp *resp)
{
	struct err e = ERR_INIT;
	struct ops_actor who;
	struct web_org o;
	struct buf url;
	int rc = admin_change(req, &o, &who);

	if (rc)
		return rc;
	if (ops_org_delete(web_store(req), &who, o.name, &e))
		return settings_refused(req, resp, &o, &e, NULL);
	buf_init(&url, HTTP_MAX_PATH);
	buf_addstr(&url, "/orgs");
	rc = kit_see_other_done(resp, &url, "org-deleted");
	buf_release(&url);
	return rc;
}
