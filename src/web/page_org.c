/*
 * page_org.c - organizations: the list (/orgs, where site administrators
 * create them), one organization's overview (/o/{org}: portfolios, start a
 * new one, parent and child organizations), its settings (teams, providers,
 * members) and the download of its JSON archive.
 *
 * A user never learns of an organization they cannot see: lists show only
 * the caller's organizations (all for site administrators), and a parent or
 * child the caller is not a member of is named without a link (parent) or
 * left out (children).
 */
#include <stdlib.h>
#include <string.h>

#include "i18n/i18n.h"
#include "io/archive.h"
#include "io/catalog.h"
#include "ops/ops.h"
#include "report/html.h"
#include "store/store.h"
#include "store/store_user.h"
#include "util/err.h"
#include "web/manage_pages.h"
#include "web/nav.h"
#include "web/page.h"
#include "web/webctx.h"

/* May the caller see organization org_id? Site admins see every one. */
static int can_see(struct store *st, const struct web_user *u, long long org_id)
{
	struct membership m = {0};
	int ok;

	if (!u)
		return 0;
	if (u->is_admin)
		return 1;
	ok = store_membership_get(st, u->id, org_id, &m, NULL) == 0;
	membership_release(&m);
	return ok;
}

static const char *fw_name(enum lang lang, const struct framework *fw)
{
	return lang == LANG_JA && fw->name_ja ? fw->name_ja : fw->name_en;
}

/* ---- /orgs ---- */

static int orgs_render(struct http_req *req, struct http_resp *resp, int status, const char *msg)
{
	const struct web_user *u = web_user(req);
	struct store *st = web_store(req);
	enum lang lang = req->lang;
	struct buf *b = &resp->body;
	struct org *orgs = NULL;
	struct err e = ERR_INIT;
	struct buf url;
	size_t n = 0, i, shown = 0;
	const char *parent = http_req_form(req, "parent");
	int rc;

	if (store_org_list(st, &orgs, &n, &e))
		return web_fail(req, resp, &e);
	buf_init(&url, HTTP_MAX_PATH);
	rc = page_begin(req, resp, status, tr(lang, MSG_WM_ORGANIZATIONS));
	if (!rc)
		rc = html_elem(b, "h1", tr(lang, MSG_WM_ORGANIZATIONS), (char *)NULL);
	if (!rc)
		rc = mg_error_notice(b, msg);
	if (!rc)
		rc =
		    html_raw(b, "\n<div class=\"table-wrap\"><table class=\"cards\">\n<thead><tr>");
	if (!rc)
		rc = html_fmt(b,
			      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			      "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
			      tr(lang, MSG_ORGANIZATION), tr(lang, MSG_WM_PARENT_ORG),
			      tr(lang, MSG_WM_CREATED));
	for (i = 0; !rc && i < n; i++) {
		if (!can_see(st, u, orgs[i].id))
			continue;
		shown++;
		buf_reset(&url);
		rc = mg_org_url(&url, orgs[i].id, "");
		if (!rc)
			rc = html_fmt(b, "<tr><td data-label=\"%s\">", tr(lang, MSG_ORGANIZATION));
		if (!rc)
			rc = html_elem(b, "a", orgs[i].name, "href", url.data, (char *)NULL);
		if (!rc)
			rc = html_fmt(b,
				      "</td><td data-label=\"%s\">%s</td><td "
				      "data-label=\"%s\">%s</td></tr>\n",
				      tr(lang, MSG_WM_PARENT_ORG),
				      orgs[i].parent_name ? orgs[i].parent_name : "",
				      tr(lang, MSG_WM_CREATED), mg_date(req, orgs[i].created_at));
	}
	if (!rc)
		rc = html_raw(b, "</tbody></table></div>\n");
	if (!rc && !shown)
		rc = html_elem(b, "p",
			       tr(lang, u && u->is_admin ? MSG_WM_NO_ORGS_ADMIN : MSG_WM_NO_ORGS),
			       (char *)NULL);
	if (!rc && u && u->is_admin) {
		rc = html_elem(b, "h2", tr(lang, MSG_WM_ORG_CREATE), (char *)NULL);
		if (!rc)
			rc = mg_form_begin(req, b, "/orgs", "stack");
		if (!rc)
			rc = mg_input(b, "text", "org-name", "name", tr(lang, MSG_WM_NAME),
				      http_req_form(req, "name"), 1, NULL);
		if (!rc)
			rc = mg_select_begin(b, "org-parent", "parent", tr(lang, MSG_WM_PARENT_ORG),
					     0);
		if (!rc)
			rc = mg_option(b, "", tr(lang, MSG_WM_NONE), !parent || !*parent);
		for (i = 0; !rc && i < n; i++)
			rc = mg_option(b, orgs[i].name, orgs[i].name,
				       parent && !strcmp(parent, orgs[i].name));
		if (!rc)
			rc = mg_select_end(b);
		if (!rc)
			rc = mg_form_end(b, tr(lang, MSG_WM_ORG_CREATE), "primary");
	}
	org_list_free(orgs, n);
	buf_release(&url);
	return rc ? rc : page_end(req, resp);
}

int page_orgs(struct http_req *req, struct http_resp *resp)
{
	return orgs_render(req, resp, 200, NULL);
}

int page_orgs_create(struct http_req *req, struct http_resp *resp)
{
	const struct web_user *u = web_user(req);
	struct store *st = web_store(req);
	const char *name = http_req_form(req, "name");
	const char *parent = http_req_form(req, "parent");
	struct err e = ERR_INIT;
	struct buf url;
	long long id = 0;
	int rc;

	if (!u || !u->is_admin)
		return http_error(req, resp, 403, NULL,
				  "only site administrators create organizations");
	web_store_actor(req);
	if (store_org_add(st, name ? name : "", parent && *parent ? parent : NULL, &id, &e))
		return mg_input_error(e.code) ? orgs_render(req, resp, 400, e.msg)
					      : web_fail(req, resp, &e);
	buf_init(&url, HTTP_MAX_PATH);
	rc = mg_org_url(&url, id, "");
	if (!rc)
		rc = mg_see_other(resp, url.data);
	buf_release(&url);
	return rc;
}

/* ---- /o/{org} ---- */

/* The form that starts a portfolio: frameworks not yet used, presets by framework. */
static int portfolio_form(struct http_req *req, struct buf *b, const struct web_org *o,
			  const struct portfolio_ref *refs, size_t n_refs)
{
	enum lang lang = req->lang;
	const char *fw_sel = http_req_form(req, "framework");
	const char *pr_sel = http_req_form(req, "preset");
	struct buf url;
	size_t i, j, k, offered = 0;
	int rc;

	buf_init(&url, HTTP_MAX_PATH);
	rc = mg_org_url(&url, o->id, "/portfolios");
	if (!rc)
		rc = html_elem(b, "h2", tr(lang, MSG_WM_START_PORTFOLIO), "id", "new-portfolio",
			       (char *)NULL);
	if (!rc)
		rc = mg_form_begin(req, b, url.data, "stack");
	if (!rc)
		rc = mg_select_begin(b, "pf-framework", "framework", tr(lang, MSG_FRAMEWORK), 1);
	for (i = 0; !rc && i < catalog_count(); i++) {
		const struct framework *fw = catalog_at(i);
		int used = 0;
		for (j = 0; j < n_refs; j++)
			used |= !strcmp(refs[j].framework_id, fw->id);
		if (used)
			continue;
		offered++;
		rc = mg_option(b, fw->id, fw_name(lang, fw), fw_sel && !strcmp(fw_sel, fw->id));
	}
	if (!rc)
		rc = mg_select_end(b);
	if (!rc)
		rc = mg_select_begin(b, "pf-preset", "preset", tr(lang, MSG_WM_PRESET), 0);
	if (!rc)
		rc = mg_option(b, "", tr(lang, MSG_WM_PRESET_NONE), !pr_sel || !*pr_sel);
	for (i = 0; !rc && i < catalog_count(); i++) {
		const struct framework *fw = catalog_at(i);
		if (!fw->n_presets)
			continue;
		rc = html_open(b, "optgroup", "label", fw_name(lang, fw), (char *)NULL);
		for (k = 0; !rc && k < fw->n_presets; k++) {
			const struct preset *p = &fw->presets[k];
			rc = mg_option(
			    b, p->id, lang == LANG_JA && p->name_ja ? p->name_ja : p->name_en,
			    pr_sel && !strcmp(pr_sel, p->id) && fw_sel && !strcmp(fw_sel, fw->id));
		}
		if (!rc)
			rc = html_raw(b, "</optgroup>");
	}
	if (!rc)
		rc = mg_select_end(b);
	if (!rc)
		rc = html_elem(b, "p", tr(lang, MSG_WM_PRESET_HINT), "class", "hint", (char *)NULL);
	if (!rc)
		rc = mg_form_end(b, tr(lang, MSG_WM_START_PORTFOLIO), "primary");
	if (!rc && !offered)
		rc = html_elem(b, "p", tr(lang, MSG_WM_ALL_FRAMEWORKS_USED), "class", "hint",
			       (char *)NULL);
	buf_release(&url);
	return rc;
}

/* Parent (named; linked when visible) and the visible children. */
static int org_family(struct http_req *req, struct buf *b, struct store *st,
		      const struct web_org *o)
{
	const struct web_user *u = web_user(req);
	enum lang lang = req->lang;
	struct org me = {0}, *orgs = NULL;
	struct err e = ERR_INIT;
	struct buf url;
	size_t n = 0, i, kids = 0;
	int rc;

	if (store_org_get(st, o->id, &me, &e) || store_org_list(st, &orgs, &n, &e)) {
		org_release(&me);
		return mg_error_notice(b, e.msg);
	}
	buf_init(&url, HTTP_MAX_PATH);
	rc = html_raw(b, "<dl class=\"facts\">\n");
	if (!rc)
		rc = html_elem(b, "dt", tr(lang, MSG_WM_PARENT_ORG), (char *)NULL);
	if (!rc)
		rc = html_raw(b, "<dd>");
	if (!rc && me.parent_id && can_see(st, u, me.parent_id)) {
		rc = mg_org_url(&url, me.parent_id, "");
		if (!rc)
			rc = html_elem(b, "a", me.parent_name, "href", url.data, (char *)NULL);
	} else if (!rc) {
		rc = html_text(b, me.parent_name ? me.parent_name : tr(lang, MSG_WM_NONE));
	}
	if (!rc)
		rc = html_raw(b, "</dd>\n");
	if (!rc)
		rc = html_elem(b, "dt", tr(lang, MSG_WM_CHILD_ORGS), (char *)NULL);
	if (!rc)
		rc = html_raw(b, "<dd>");
	for (i = 0; !rc && i < n; i++) {
		if (orgs[i].parent_id != o->id || !can_see(st, u, orgs[i].id))
			continue;
		buf_reset(&url);
		rc = mg_org_url(&url, orgs[i].id, "");
		if (!rc && kids++)
			rc = html_text(b, tr(lang, MSG_REPORT_LIST_SEP));
		if (!rc)
			rc = html_elem(b, "a", orgs[i].name, "href", url.data, (char *)NULL);
	}
	if (!rc && !kids)
		rc = html_text(b, tr(lang, MSG_WM_NONE));
	if (!rc)
		rc = html_raw(b, "</dd>\n</dl>\n");
	org_release(&me);
	org_list_free(orgs, n);
	buf_release(&url);
	return rc;
}

static int org_links(struct http_req *req, struct buf *b, const struct web_org *o)
{
	enum lang lang = req->lang;
	struct buf url;
	int rc;

	buf_init(&url, HTTP_MAX_PATH);
	rc = html_raw(b, "<nav class=\"actions\" aria-label=\"");
	if (!rc)
		rc = html_text(b, tr(lang, MSG_ORGANIZATION));
	if (!rc)
		rc = html_raw(b, "\">");
	if (!rc)
		rc = mg_org_url(&url, o->id, "/settings");
	if (!rc)
		rc = html_elem(b, "a", tr(lang, MSG_WM_SETTINGS), "class", "button", "href",
			       url.data, (char *)NULL);
	if (!rc && o->role >= ROLE_ADMIN) {
		buf_reset(&url);
		rc = mg_org_url(&url, o->id, "/audit");
		if (!rc)
			rc = html_elem(b, "a", tr(lang, MSG_WM_AUDIT_LOG), "class", "button",
				       "href", url.data, (char *)NULL);
		buf_reset(&url);
		if (!rc)
			rc = mg_org_url(&url, o->id, "/export.json");
		if (!rc)
			rc = html_elem(b, "a", tr(lang, MSG_WM_EXPORT), "class", "button", "href",
				       url.data, "download", "", (char *)NULL);
	}
	if (!rc)
		rc = html_raw(b, "</nav>\n");
	buf_release(&url);
	return rc;
}

static int org_render(struct http_req *req, struct http_resp *resp, const struct web_org *o,
		      int status, const char *msg)
{
	struct store *st = web_store(req);
	enum lang lang = req->lang;
	struct buf *b = &resp->body;
	struct portfolio_ref *refs = NULL;
	struct err e = ERR_INIT;
	size_t n = 0, i;
	int rc;

	if (store_portfolio_list(st, o->id, &refs, &n, &e))
		return web_fail(req, resp, &e);
	rc = page_begin(req, resp, status, o->name);
	if (!rc)
		rc = html_elem(b, "h1", o->name, (char *)NULL);
	if (!rc)
		rc = html_fmt(b, "\n<p class=\"meta\">%s: %s</p>\n", tr(lang, MSG_WM_YOUR_ROLE),
			      mg_role_name(lang, o->role));
	if (!rc)
		rc = mg_error_notice(b, msg);
	if (!rc)
		rc = org_links(req, b, o);
	if (!rc)
		rc = org_family(req, b, st, o);
	if (!rc)
		rc = html_elem(b, "h2", tr(lang, MSG_WM_PORTFOLIOS), (char *)NULL);
	if (!rc && !n)
		rc = html_elem(b, "p", tr(lang, MSG_WM_NO_PORTFOLIO), (char *)NULL);
	if (!rc && n)
		rc = html_raw(b, "<div class=\"grid\">\n");
	for (i = 0; !rc && i < n; i++)
		rc = mg_portfolio_card(req, b, st, o->id, o->name, &refs[i]);
	if (!rc && n)
		rc = html_raw(b, "</div>\n");
	if (!rc && o->role >= ROLE_EDITOR)
		rc = portfolio_form(req, b, o, refs, n);
	portfolio_ref_list_free(refs, n);
	return rc ? rc : page_end(req, resp);
}

int page_org(struct http_req *req, struct http_resp *resp)
{
	struct web_org o;
	int rc = web_org(req, resp, ROLE_VIEWER, &o);

	if (rc)
		return MG_ANSWERED(rc);
	return org_render(req, resp, &o, 200, NULL);
}

int page_org_portfolio_new(struct http_req *req, struct http_resp *resp)
{
	struct store *st = web_store(req);
	const char *fw = http_req_form(req, "framework");
	const char *preset = http_req_form(req, "preset");
	struct err e = ERR_INIT;
	struct web_org o;
	struct buf url;
	int rc = web_org(req, resp, ROLE_EDITOR, &o);

	if (rc)
		return MG_ANSWERED(rc);
	web_store_actor(req);
	if (!fw || !*fw)
		return org_render(req, resp, &o, 400, tr(req->lang, MSG_WM_PICK_FRAMEWORK));
	if (ops_portfolio_new(st, o.name, fw, preset && *preset ? preset : NULL, &e))
		return mg_input_error(e.code) ? org_render(req, resp, &o, 400, e.msg)
					      : web_fail(req, resp, &e);
	buf_init(&url, HTTP_MAX_PATH);
	rc = web_portfolio_url(&url, o.id, fw, "catalogue");
	if (!rc)
		rc = mg_see_other(resp, url.data);
	buf_release(&url);
	return rc;
}

/* ---- /o/{org}/settings ---- */

static int party_section(struct http_req *req, struct buf *b, const struct web_org *o,
			 const struct party *list, size_t n, enum msg_id heading,
			 enum msg_id add_label, const char *path, const char *field)
{
	enum lang lang = req->lang;
	struct buf url;
	size_t i;
	int rc;

	buf_init(&url, HTTP_MAX_PATH);
	rc = html_elem(b, "h2", tr(lang, heading), (char *)NULL);
	if (!rc)
		rc = html_raw(b, "\n<ul class=\"parties\">\n");
	for (i = 0; !rc && i < n; i++)
		rc = html_elem(b, "li", list[i].name, (char *)NULL);
	if (!rc)
		rc = html_raw(b, "</ul>\n");
	if (!rc && !n)
		rc = html_elem(b, "p", tr(lang, MSG_WM_NONE_YET), "class", "hint", (char *)NULL);
	if (!rc && o->role >= ROLE_ADMIN) {
		char id[64];
		rc = mg_org_url(&url, o->id, path);
		snprintf(id, sizeof(id), "add-%s", field);
		if (!rc)
			rc = mg_form_begin(req, b, url.data, "toolbar");
		if (!rc)
			rc = mg_input(b, "text", id, field, tr(lang, add_label),
				      http_req_form(req, field), 1, NULL);
		if (!rc)
			rc = mg_form_end(b, tr(lang, MSG_WM_ADD), NULL);
	}
	buf_release(&url);
	return rc;
}

static int members_section(struct http_req *req, struct buf *b, struct store *st,
			   const struct web_org *o, const struct party *teams, size_t n_teams)
{
	enum lang lang = req->lang;
	struct membership *ms = NULL;
	struct err e = ERR_INIT;
	struct buf url;
	size_t n = 0, i;
	const char *role_sel = http_req_form(req, "role");
	const char *team_sel = http_req_form(req, "team");
	int rc, r;

	rc = html_elem(b, "h2", tr(lang, MSG_WM_MEMBERS), (char *)NULL);
	if (rc)
		return rc;
	if (store_membership_list_org(st, o->id, &ms, &n, &e))
		return mg_error_notice(b, e.msg);
	buf_init(&url, HTTP_MAX_PATH);
	rc = html_raw(b, "\n<div class=\"table-wrap\"><table class=\"cards\">\n<thead><tr>");
	if (!rc)
		rc = html_fmt(b,
			      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			      "<th scope=\"col\">%s</th>",
			      tr(lang, MSG_WM_USER), tr(lang, MSG_WM_ROLE), tr(lang, MSG_TEAM));
	if (!rc && o->role >= ROLE_ADMIN)
		rc = html_fmt(b, "<th scope=\"col\">%s</th>", tr(lang, MSG_WM_CHANGE));
	if (!rc)
		rc = html_raw(b, "</tr></thead>\n<tbody>\n");
	for (i = 0; !rc && i < n; i++) {
		rc = html_fmt(b,
			      "<tr><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td>"
			      "<td data-label=\"%s\">%s</td>",
			      tr(lang, MSG_WM_USER), ms[i].user_name, tr(lang, MSG_WM_ROLE),
			      mg_role_name(lang, ms[i].role), tr(lang, MSG_TEAM),
			      ms[i].team_name ? ms[i].team_name : "");
		if (!rc && o->role >= ROLE_ADMIN) {
			char label[STORE_NAME_MAX + 64];
			buf_reset(&url);
			rc = buf_printf(&url, "/o/%lld/settings/members/%lld/revoke", o->id,
					ms[i].user_id);
			if (!rc)
				rc = html_fmt(b, "<td data-label=\"%s\">", tr(lang, MSG_WM_CHANGE));
			if (!rc)
				rc = mg_form_begin(req, b, url.data, "inline");
			/* the button names the member for screen readers */
			snprintf(label, sizeof(label), "%s: %s", tr(lang, MSG_WM_REVOKE),
				 ms[i].user_name);
			if (!rc)
				rc = html_elem(b, "button", tr(lang, MSG_WM_REVOKE), "type",
					       "submit", "class", "danger", "aria-label", label,
					       (char *)NULL);
			if (!rc)
				rc = html_raw(b, "</form></td>");
		}
		if (!rc)
			rc = html_raw(b, "</tr>\n");
	}
	if (!rc)
		rc = html_raw(b, "</tbody></table></div>\n");
	if (!rc && !n)
		rc = html_elem(b, "p", tr(lang, MSG_WM_NONE_YET), "class", "hint", (char *)NULL);
	if (!rc && o->role >= ROLE_ADMIN) {
		char tid[32];
		buf_reset(&url);
		rc = mg_org_url(&url, o->id, "/settings/members");
		if (!rc)
			rc = html_elem(b, "h3", tr(lang, MSG_WM_GRANT), (char *)NULL);
		if (!rc)
			rc = mg_form_begin(req, b, url.data, "stack");
		if (!rc)
			rc = mg_input(b, "text", "member-user", "user", tr(lang, MSG_WM_USER_NAME),
				      http_req_form(req, "user"), 1, NULL);
		if (!rc)
			rc = mg_select_begin(b, "member-role", "role", tr(lang, MSG_WM_ROLE), 1);
		for (r = 0; !rc && r < ROLE_COUNT; r++)
			rc = mg_option(b, role_name(r), mg_role_name(lang, r),
				       role_sel ? !strcmp(role_sel, role_name(r))
						: r == ROLE_VIEWER);
		if (!rc)
			rc = mg_select_end(b);
		if (!rc)
			rc = mg_select_begin(b, "member-team", "team",
					     tr(lang, MSG_WM_ASSESSOR_TEAM), 0);
		if (!rc)
			rc = mg_option(b, "", tr(lang, MSG_WM_NONE), !team_sel || !*team_sel);
		for (i = 0; !rc && i < n_teams; i++) {
			snprintf(tid, sizeof(tid), "%lld", teams[i].id);
			rc = mg_option(b, tid, teams[i].name, team_sel && !strcmp(team_sel, tid));
		}
		if (!rc)
			rc = mg_select_end(b);
		if (!rc)
			rc = mg_form_end(b, tr(lang, MSG_WM_GRANT), "primary");
	}
	membership_list_free(ms, n);
	buf_release(&url);
	return rc;
}

static int settings_render(struct http_req *req, struct http_resp *resp, const struct web_org *o,
			   int status, const char *msg)
{
	struct store *st = web_store(req);
	enum lang lang = req->lang;
	struct buf *b = &resp->body;
	struct party *teams = NULL, *providers = NULL;
	struct err e = ERR_INIT;
	size_t nt = 0, np = 0;
	struct buf url;
	int rc;

	if (store_party_list(st, PARTY_TEAM, o->id, &teams, &nt, &e) ||
	    store_party_list(st, PARTY_PROVIDER, o->id, &providers, &np, &e)) {
		party_list_free(teams, nt);
		return web_fail(req, resp, &e);
	}
	buf_init(&url, HTTP_MAX_PATH);
	rc = page_begin(req, resp, status, tr(lang, MSG_WM_SETTINGS));
	if (!rc)
		rc = mg_org_url(&url, o->id, "");
	if (!rc)
		rc = html_raw(b, "<p class=\"breadcrumb\">");
	if (!rc)
		rc = html_elem(b, "a", o->name, "href", url.data, (char *)NULL);
	if (!rc)
		rc = html_raw(b, "</p>\n");
	if (!rc)
		rc = html_elem(b, "h1", tr(lang, MSG_WM_SETTINGS), (char *)NULL);
	if (!rc)
		rc = mg_error_notice(b, msg);
	if (!rc)
		rc = party_section(req, b, o, teams, nt, MSG_WM_TEAMS, MSG_WM_TEAM_NAME,
				   "/settings/teams", "team_name");
	if (!rc)
		rc = party_section(req, b, o, providers, np, MSG_WM_PROVIDERS, MSG_WM_PROVIDER_NAME,
				   "/settings/providers", "provider_name");
	if (!rc)
		rc = members_section(req, b, st, o, teams, nt);
	party_list_free(teams, nt);
	party_list_free(providers, np);
	buf_release(&url);
	return rc ? rc : page_end(req, resp);
}

int page_settings(struct http_req *req, struct http_resp *resp)
{
	struct web_org o;
	int rc = web_org(req, resp, ROLE_VIEWER, &o);

	if (rc)
		return MG_ANSWERED(rc);
	return settings_render(req, resp, &o, 200, NULL);
}

static int settings_done(struct http_resp *resp, const struct web_org *o)
{
	struct buf url;
	int rc;

	buf_init(&url, HTTP_MAX_PATH);
	rc = mg_org_url(&url, o->id, "/settings");
	if (!rc)
		rc = mg_see_other(resp, url.data);
	buf_release(&url);
	return rc;
}

static int party_add(struct http_req *req, struct http_resp *resp, enum party_kind k,
		     const char *field)
{
	const char *name = http_req_form(req, field);
	struct err e = ERR_INIT;
	struct web_org o;
	long long id;
	int rc = web_org(req, resp, ROLE_ADMIN, &o);

	if (rc)
		return MG_ANSWERED(rc);
	web_store_actor(req);
	if (store_party_add(web_store(req), k, o.id, name ? name : "", &id, &e))
		return mg_input_error(e.code) ? settings_render(req, resp, &o, 400, e.msg)
					      : web_fail(req, resp, &e);
	return settings_done(resp, &o);
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
	struct store *st = web_store(req);
	const char *name = http_req_form(req, "user");
	const char *role = http_req_form(req, "role");
	const char *team = http_req_form(req, "team");
	struct party *teams = NULL;
	struct user u = {0};
	struct err e = ERR_INIT;
	struct web_org o;
	long long team_id = 0;
	size_t nt = 0, i;
	int r, rc = web_org(req, resp, ROLE_ADMIN, &o);

	if (rc)
		return MG_ANSWERED(rc);
	web_store_actor(req);
	r = role_parse(role);
	if (r < 0)
		return settings_render(req, resp, &o, 400, tr(req->lang, MSG_WM_BAD_ROLE));
	if (team && *team) {
		char *end;
		int found = 0;
		team_id = strtoll(team, &end, 10);
		if (*end || team_id <= 0)
			return settings_render(req, resp, &o, 400, tr(req->lang, MSG_WM_BAD_TEAM));
		if (store_party_list(st, PARTY_TEAM, o.id, &teams, &nt, &e))
			return web_fail(req, resp, &e);
		for (i = 0; i < nt; i++)
			found |= teams[i].id == team_id;
		party_list_free(teams, nt);
		if (!found)
			return settings_render(req, resp, &o, 400, tr(req->lang, MSG_WM_BAD_TEAM));
	}
	if (store_user_find(st, name ? name : "", &u, &e)) {
		user_release(&u);
		return mg_input_error(e.code) ? settings_render(req, resp, &o, 400, e.msg)
					      : web_fail(req, resp, &e);
	}
	rc = store_membership_set(st, u.id, o.id, r, team_id, &e);
	user_release(&u);
	if (rc)
		return mg_input_error(e.code) ? settings_render(req, resp, &o, 400, e.msg)
					      : web_fail(req, resp, &e);
	return settings_done(resp, &o);
}

int page_settings_member_revoke(struct http_req *req, struct http_resp *resp)
{
	const struct web_user *me = web_user(req);
	const char *uid = http_req_param(req, "user");
	struct err e = ERR_INIT;
	struct web_org o;
	long long user_id;
	char *end;
	int rc = web_org(req, resp, ROLE_ADMIN, &o);

	if (rc)
		return MG_ANSWERED(rc);
	web_store_actor(req);
	user_id = uid ? strtoll(uid, &end, 10) : 0;
	if (!uid || *end || user_id <= 0)
		return http_error(req, resp, 404, NULL, "unknown member");
	/* an organization's admin cannot lock themselves out by accident */
	if (me && user_id == me->id && !me->is_admin)
		return settings_render(req, resp, &o, 400, tr(req->lang, MSG_WM_REVOKE_SELF));
	if (store_membership_delete(web_store(req), user_id, o.id, &e))
		return mg_input_error(e.code) ? settings_render(req, resp, &o, 400, e.msg)
					      : web_fail(req, resp, &e);
	return settings_done(resp, &o);
}

/* ---- /o/{org}/export.json ---- */

int page_org_export(struct http_req *req, struct http_resp *resp)
{
	struct err e = ERR_INIT;
	struct web_org o;
	json_t *doc = NULL;
	char *text, disp[96];
	int rc = web_org(req, resp, ROLE_ADMIN, &o);

	if (rc)
		return MG_ANSWERED(rc);
	if (archive_export(web_store(req), o.name, &doc, &e))
		return web_fail(req, resp, &e);
	/* the same bytes as `cdcf export ORG` writes */
	text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(doc);
	if (!text)
		return ERR_NOMEM;
	http_resp_text(resp, 200);
	resp->content_type = "application/json; charset=utf-8";
	rc = buf_addstr(&resp->body, text);
	free(text);
	/* the organization's name may be any text: the file is named by id */
	snprintf(disp, sizeof(disp), "attachment; filename=\"cdcf-org-%lld.json\"", o.id);
	if (!rc)
		rc = http_resp_header(resp, "Content-Disposition", disp);
	if (!rc)
		rc = http_resp_header(resp, "Cache-Control", "no-store");
	return rc;
}
