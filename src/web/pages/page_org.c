/*
 * page_org.c - organizations: the list (/orgs, where site administrators
 * create them), one organization's overview (/o/{org}: its portfolios with
 * the next step of each, start a new one, parent and child organizations)
 * and the download of its JSON archive. The settings (teams, providers,
 * members) are in page_settings.c. Site administrators (who create
 * organizations) add a child organization from its parent's overview.
 *
 * Starting a portfolio offers the presets grouped by framework; with a
 * framework chosen (?fw= on the overview, or the one framework left) only
 * that framework's presets, and the server refuses a preset of another
 * framework with a message that names the framework.
 *
 * A user never learns of an organization they cannot see: lists show only
 * the caller's organizations (all for site administrators), and a parent or
 * child the caller is not a member of is named without a link (parent) or
 * left out (children).
 */
#include <stdbool.h>
#include <stdio.h>
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
#include "web/pages/manage_pages.h"
#include "web/pages/nav.h"
#include "web/pages/org_list.h"
#include "web/pages/page.h"
#include "web/pages/page_group.h"
#include "web/pages/page_provider.h"
#include "web/webctx.h"

/* May the caller see organization org_id? Site admins see every one. */
static bool can_see(struct store *st, const struct web_user *u, long long org_id)
{
	struct membership m = {0};
	bool ok;

	if (!u)
		return false;
	if (u->is_admin)
		return true;
	ok = store_membership_get(st, u->id, org_id, &m, NULL) == 0;
	membership_release(&m);
	return ok;
}

static const char *fw_name(enum lang lang, const struct framework *fw)
{
	return framework_name(fw, lang_code(lang));
}

/* ---- /orgs ---- */

#define ORGS_PAGE 50 /* organizations on one page of /orgs */

/* The table of one page of the organizations the caller can see. */
static int orgs_table(struct http_req *req, struct buf *b, const struct org_page *p)
{
	enum lang lang = req->lang;
	size_t i;

	if (!p->n)
		return buf_status(b);
	html_fmt(b,
		 "\n<div class=\"table-wrap\" tabindex=\"0\">"
		 "<table class=\"cards\">\n<thead><tr>"
		 "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		 "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
		 tr(lang, MSG_ORGANIZATION), tr(lang, MSG_WM_PARENT_ORG), tr(lang, MSG_WM_CREATED));
	for (i = 0; i < p->n && !buf_status(b); i++) {
		const struct org *o = &p->rows[i].org;

		html_fmt(b, "<tr><td data-label=\"%s\">", tr(lang, MSG_ORGANIZATION));
		html_elem(b, "a", o->name, "href", kit_org_href(req, o->id, ""), (char *)NULL);
		html_fmt(b, "</td><td data-label=\"%s\">", tr(lang, MSG_WM_PARENT_ORG));
		html_text(b, o->parent_name ? o->parent_name : "");
		html_fmt(b, "</td><td data-label=\"%s\">%s</td></tr>\n", tr(lang, MSG_WM_CREATED),
			 kit_date(req, o->created_at));
	}
	html_raw(b, "</tbody></table></div>\n");
	return buf_status(b);
}

/* No organization yet: what an organization is, and the way to the form below. */
static int orgs_empty(struct http_req *req, struct buf *b)
{
	const struct web_user *u = web_user(req);
	enum lang lang = req->lang;

	if (!u || !u->is_admin)
		return html_elem(b, "p", tr(lang, MSG_WM_NO_ORGS), "class", "empty", (char *)NULL);
	html_raw(b, "<div class=\"empty-state\">");
	html_elem(b, "p", tr(lang, MSG_WM_NO_ORGS_HERE), (char *)NULL);
	html_raw(b, "<p>");
	html_elem(b, "a", tr(lang, MSG_WM_CREATE_FIRST_ORG), "class", "button primary", "href",
		  "#new-org", (char *)NULL);
	html_raw(b, "</p></div>\n");
	return buf_status(b);
}

/* The organizations page with status and the refusal e of its form (NULL: none). */
static int orgs_render(struct http_req *req, struct http_resp *resp, int status,
		       const struct err *refused)
{
	const struct web_user *u = web_user(req);
	enum lang lang = req->lang;
	struct buf *b = &resp->body;
	struct org_list l;
	struct err e = ERR_INIT;

	if (org_list_read(req, ORGS_PAGE, &l, &e))
		return http_fail(req, &e);
	page_begin(req, resp, status, tr(lang, MSG_WM_ORGANIZATIONS));
	html_elem(b, "h1", tr(lang, MSG_WM_ORGANIZATIONS), (char *)NULL);
	kit_done_notice(req, b);
	kit_error_notice(req, b, refused);
	if (l.page.total > ORGS_PAGE || l.prefix)
		org_list_search(req, b, "/orgs", &l);
	orgs_table(req, b, &l.page);
	org_list_pager(req, b, "/orgs", &l);
	if (!l.page.total && !l.prefix)
		orgs_empty(req, b);
	if (u && u->is_admin) {
		html_elem(b, "h2", tr(lang, MSG_WM_ORG_CREATE), "id", "new-org", (char *)NULL);
		kit_form_begin(req, b, "/orgs", "stack");
		kit_input(b, "text", "org-name", "name", tr(lang, MSG_WM_NAME),
			  http_req_form(req, "name"), 1, NULL);
		/* a first organization has no parent to name; the parent is typed, as there
		 * may be a hundred thousand to choose from */
		if (l.page.total)
			kit_input(b, "text", "org-parent", "parent", tr(lang, MSG_WM_PARENT_ORG),
				  http_req_form(req, "parent"), 0, tr(lang, MSG_OL_PARENT_HINT));
		kit_form_end(b, tr(lang, MSG_WM_ORG_CREATE), "primary");
	}
	org_list_release(&l);
	page_end(req, resp);
	return buf_status(b);
}

int page_orgs(struct http_req *req, struct http_resp *resp)
{
	return orgs_render(req, resp, 200, NULL);
}

int page_orgs_create(struct http_req *req, struct http_resp *resp)
{
	struct store *st = web_store(req);
	const char *name = http_req_form(req, "name");
	const char *parent = http_req_form(req, "parent");
	struct ops_actor who = web_actor(req, NULL);
	struct err e = ERR_INIT, shown;
	struct buf url;
	long long id = 0;
	int rc;

	web_store_actor(req);
	if (ops_org_add(st, &who, name, parent, &id, &e)) {
		if (!kit_form_status(&e))
			return http_fail(req, &e);
		kit_reword(&shown, &e, MSG_WM_ORG_EXISTS, MSG_WM_PARENT_UNKNOWN,
			   strcmp(e.field, "parent") ? name : parent);
		return orgs_render(req, resp, kit_form_status(&e), &shown);
	}
	buf_init(&url, HTTP_MAX_PATH);
	kit_org_url(&url, id, "");
	rc = kit_see_other_done(resp, &url, "org");
	buf_release(&url);
	return rc;
}

/* ---- /o/{org} ---- */

/* Is framework fw_id already used by one of the organization's portfolios? */
static bool fw_used(const struct portfolio_ref *refs, size_t n_refs, const char *fw_id)
{
	size_t j;

	for (j = 0; j < n_refs; j++)
		if (!strcmp(refs[j].framework_id, fw_id))
			return true;
	return false;
}

/* The framework the form is for: the one submitted or asked for (?fw=) when
 * the organization may still start it, or the only one left; else NULL. */
static const struct framework *chosen_fw(struct http_req *req, const struct portfolio_ref *refs,
					 size_t n_refs)
{
	const char *id = http_req_form(req, "framework");
	const struct framework *fw, *only = NULL;
	size_t i, left = 0;

	if (!id || !*id)
		id = http_req_query(req, "fw");
	fw = id && *id ? catalog_get(id) : NULL;
	if (fw && !fw_used(refs, n_refs, fw->id))
		return fw;
	for (i = 0; i < catalog_count(); i++)
		if (!fw_used(refs, n_refs, catalog_at(i)->id)) {
			only = catalog_at(i);
			left++;
		}
	return left == 1 ? only : NULL;
}

static int preset_options(struct buf *b, enum lang lang, const struct framework *fw,
			  const char *pr_sel)
{
	size_t k;

	for (k = 0; k < fw->n_presets; k++) {
		const struct preset *p = &fw->presets[k];
		kit_option(b, p->id, preset_name(p, lang_code(lang)),
			   pr_sel && !strcmp(pr_sel, p->id));
	}
	return buf_status(b);
}

/* "See only the presets of: X · Y" links (?fw=) for a form without a framework. */
static int preset_filter_links(struct http_req *req, struct buf *b, const struct web_org *o,
			       const struct portfolio_ref *refs, size_t n_refs)
{
	enum lang lang = req->lang;
	struct buf url;
	size_t i, shown = 0;

	html_fmt(b, "<p class=\"hint\">%s ", tr(lang, MSG_WM_PRESET_GROUPED));
	buf_init(&url, HTTP_MAX_PATH);
	for (i = 0; i < catalog_count(); i++) {
		const struct framework *fw = catalog_at(i);
		if (!fw->n_presets || fw_used(refs, n_refs, fw->id))
			continue;
		buf_reset(&url);
		kit_org_url(&url, o->id, "?fw=");
		http_percent_encode(&url, fw->id);
		buf_addstr(&url, "#new-portfolio");
		if (shown++)
			html_text(b, tr(lang, MSG_REPORT_LIST_SEP));
		html_elem(b, "a", fw_name(lang, fw), "href", buf_status(&url) ? NULL : url.data,
			  (char *)NULL);
	}
	buf_release(&url);
	html_raw(b, "</p>\n");
	return buf_status(b);
}

/* The form that starts a portfolio: frameworks not yet used, and the presets
 * of the chosen framework, or of every framework grouped by framework. */
static int portfolio_form(struct http_req *req, struct buf *b, const struct web_org *o,
			  const struct portfolio_ref *refs, size_t n_refs)
{
	enum lang lang = req->lang;
	const struct framework *chosen = chosen_fw(req, refs, n_refs);
	const char *pr_sel = http_req_form(req, "preset");
	size_t i, offered = 0, with_presets = 0;

	html_elem(b, "h2", tr(lang, MSG_WM_START_PORTFOLIO), "id", "new-portfolio", (char *)NULL);
	kit_form_begin(req, b, kit_org_href(req, o->id, "/portfolios"), "stack");
	kit_select_begin(b, "pf-framework", "framework", tr(lang, MSG_FRAMEWORK), 1);
	for (i = 0; i < catalog_count(); i++) {
		const struct framework *fw = catalog_at(i);
		if (fw_used(refs, n_refs, fw->id))
			continue;
		offered++;
		with_presets += fw->n_presets > 0;
		kit_option(b, fw->id, fw_name(lang, fw), fw == chosen);
	}
	kit_select_end(b);
	kit_select_begin(b, "pf-preset", "preset", tr(lang, MSG_WM_PRESET), 0);
	kit_option(b, "", tr(lang, MSG_WM_PRESET_NONE), !pr_sel || !*pr_sel);
	for (i = 0; i < catalog_count(); i++) {
		const struct framework *fw = catalog_at(i);
		if (!fw->n_presets || fw_used(refs, n_refs, fw->id) || (chosen && fw != chosen))
			continue;
		html_open(b, "optgroup", "label", fw_name(lang, fw), (char *)NULL);
		preset_options(b, lang, fw, pr_sel);
		html_raw(b, "</optgroup>");
	}
	kit_select_end(b);
	html_elem(b, "p", tr(lang, MSG_WM_PRESET_HINT), "class", "hint", (char *)NULL);
	if (!chosen && with_presets > 1)
		preset_filter_links(req, b, o, refs, n_refs);
	kit_form_end(b, tr(lang, MSG_WM_START_PORTFOLIO), "primary");
	if (!offered)
		html_elem(b, "p", tr(lang, MSG_WM_ALL_FRAMEWORKS_USED), "class", "hint",
			  (char *)NULL);
	return buf_status(b);
}

/* Parent (named; linked when visible) and the visible children. */
static int org_family(struct http_req *req, struct buf *b, struct store *st,
		      const struct web_org *o)
{
	const struct web_user *u = web_user(req);
	enum lang lang = req->lang;
	struct org me = {0}, *orgs = NULL;
	struct err e = ERR_INIT;
	size_t n = 0, i, kids = 0;

	if (store_org_get(st, o->id, &me, &e) || store_org_children(st, o->id, &orgs, &n, &e)) {
		org_release(&me);
		return kit_error_notice(req, b, &e);
	}
	html_raw(b, "<dl class=\"facts\">\n");
	html_elem(b, "dt", tr(lang, MSG_WM_PARENT_ORG), (char *)NULL);
	html_raw(b, "<dd>");
	if (me.parent_id && can_see(st, u, me.parent_id))
		html_elem(b, "a", me.parent_name, "href", kit_org_href(req, me.parent_id, ""),
			  (char *)NULL);
	else
		html_text(b, me.parent_name ? me.parent_name : tr(lang, MSG_WM_NONE));
	html_raw(b, "</dd>\n");
	html_elem(b, "dt", tr(lang, MSG_WM_CHILD_ORGS), (char *)NULL);
	html_raw(b, "<dd>");
	for (i = 0; i < n && !buf_status(b); i++) {
		if (!can_see(st, u, orgs[i].id))
			continue;
		if (kids++)
			html_text(b, tr(lang, MSG_REPORT_LIST_SEP));
		html_elem(b, "a", orgs[i].name, "href", kit_org_href(req, orgs[i].id, ""),
			  (char *)NULL);
	}
	if (!kids)
		html_text(b, tr(lang, MSG_WM_NONE));
	html_raw(b, "</dd>\n</dl>\n");
	org_release(&me);
	org_list_free(orgs, n);
	return buf_status(b);
}

static int org_links(struct http_req *req, struct buf *b, const struct web_org *o)
{
	enum lang lang = req->lang;

	html_raw(b, "<nav class=\"actions\" aria-label=\"");
	html_text(b, tr(lang, MSG_ORGANIZATION));
	html_raw(b, "\">");
	html_elem(b, "a", tr(lang, MSG_WM_SETTINGS), "class", "button", "href",
		  kit_org_href(req, o->id, "/settings"), (char *)NULL);
	if (o->role >= ROLE_ADMIN) {
		html_elem(b, "a", tr(lang, MSG_WM_AUDIT_LOG), "class", "button", "href",
			  kit_org_href(req, o->id, "/audit"), (char *)NULL);
		html_elem(b, "a", tr(lang, MSG_WM_EXPORT), "class", "button", "href",
			  kit_org_href(req, o->id, "/export.json"), "download", "", (char *)NULL);
	}
	html_raw(b, "</nav>\n");
	return buf_status(b);
}

/* The form adding a child organization under o, for those who may create
 * organizations (site administrators); refused: its refusal, shown in it. */
static int child_form(struct http_req *req, struct buf *b, const struct web_org *o,
		      const struct err *refused)
{
	const struct web_user *u = web_user(req);
	enum lang lang = req->lang;

	if (!u || !u->is_admin)
		return buf_status(b);
	html_raw(b, "<section aria-labelledby=\"new-child\">");
	html_elem(b, "h2", tr(lang, MSG_WM_CHILD_ADD), "id", "new-child", (char *)NULL);
	html_elem(b, "p", kit_tr(req, MSG_WM_CHILD_ADD_HINT, o->name, NULL), "class", "hint",
		  (char *)NULL);
	kit_error_notice(req, b, refused);
	/* a refusal comes back scrolled to this form, at the end of the page */
	kit_form_begin(req, b, kit_org_href(req, o->id, "/children#new-child"), "stack");
	kit_input(b, "text", "child-name", "name", tr(lang, MSG_WM_NAME),
		  refused ? http_req_form(req, "name") : NULL, 1, NULL);
	kit_form_end(b, tr(lang, MSG_WM_CHILD_ADD), NULL);
	html_raw(b, "</section>\n");
	return buf_status(b);
}

/* The overview of o with status and the refusal of its form (NULL: none);
 * child: the refusal is the child organization form's. */
static int org_render_for(struct http_req *req, struct http_resp *resp, const struct web_org *o,
			  int status, const struct err *refused, bool child)
{
	struct store *st = web_store(req);
	enum lang lang = req->lang;
	struct buf *b = &resp->body;
	struct portfolio_ref *refs = NULL;
	struct err e = ERR_INIT;
	size_t n = 0, i;

	if (store_portfolio_list(st, o->id, &refs, &n, &e))
		return http_fail(req, &e);
	page_begin(req, resp, status, o->name);
	html_elem(b, "h1", o->name, (char *)NULL);
	html_fmt(b, "\n<p class=\"meta\">%s: %s</p>\n", tr(lang, MSG_WM_YOUR_ROLE),
		 mg_role_name(lang, o->role));
	kit_done_notice(req, b);
	if (!child)
		kit_error_notice(req, b, refused);
	org_links(req, b, o);
	org_family(req, b, st, o);
	page_group_org_links(req, b, o);
	page_provider_org_link(req, b, o);
	html_elem(b, "h2", tr(lang, MSG_WM_PORTFOLIOS), (char *)NULL);
	if (!n)
		html_elem(b, "p", tr(lang, MSG_WM_NO_PORTFOLIO), (char *)NULL);
	if (n)
		html_raw(b, "<div class=\"grid\">\n");
	for (i = 0; i < n && !buf_status(b); i++)
		mg_portfolio_card(req, b, st, o->id, o->name, &refs[i]);
	if (n)
		html_raw(b, "</div>\n");
	if (o->role >= ROLE_EDITOR)
		portfolio_form(req, b, o, refs, n);
	child_form(req, b, o, child ? refused : NULL);
	portfolio_ref_list_free(refs, n);
	page_end(req, resp);
	return buf_status(b);
}

static int org_render(struct http_req *req, struct http_resp *resp, const struct web_org *o,
		      int status, const struct err *refused)
{
	return org_render_for(req, resp, o, status, refused, false);
}

int page_org(struct http_req *req, struct http_resp *resp)
{
	struct web_org o;
	int rc = web_org(req, ROLE_VIEWER, &o);

	return rc ? rc : org_render(req, resp, &o, 200, NULL);
}

int page_org_portfolio_new(struct http_req *req, struct http_resp *resp)
{
	struct store *st = web_store(req);
	const char *fw_id = http_req_form(req, "framework");
	const char *preset = http_req_form(req, "preset");
	const struct framework *fw;
	struct err e = ERR_INIT, shown = ERR_INIT;
	struct web_org o;
	struct buf url;
	int rc = web_org(req, ROLE_EDITOR, &o);

	if (rc)
		return rc;
	web_store_actor(req);
	if (!fw_id || !*fw_id) {
		err_fail(&shown, ERR_INVALID, "framework", MSG_WM_PICK_FRAMEWORK);
		return org_render(req, resp, &o, 400, &shown);
	}
	if (ops_portfolio_new(st, o.name, fw_id, preset && *preset ? preset : NULL, &e)) {
		if (!kit_form_status(&e))
			return http_fail(req, &e);
		/* the preset list offers every framework's presets until one is chosen */
		fw = catalog_get(fw_id);
		if (!strcmp(e.field, "framework") || !fw)
			err_fail(&shown, e.code, e.field, MSG_WM_UNKNOWN_FRAMEWORK);
		else if (!strcmp(e.field, "preset"))
			err_fail(&shown, e.code, e.field, MSG_WM_PRESET_WRONG_FW,
				 fw_name(req->lang, fw));
		else
			kit_reword(&shown, &e, MSG_WM_PORTFOLIO_EXISTS, -1, fw_name(req->lang, fw));
		return org_render(req, resp, &o, kit_form_status(&e), &shown);
	}
	buf_init(&url, HTTP_MAX_PATH);
	kit_portfolio_url(&url, o.id, fw_id, "catalogue");
	rc = buf_status(&url);
	if (!rc)
		rc = kit_see_other(resp, url.data);
	buf_release(&url);
	return rc;
}

/* ---- /o/{org}/export.json ---- */

int page_org_export(struct http_req *req, struct http_resp *resp)
{
	struct err e = ERR_INIT;
	struct web_org o;
	json_t *doc = NULL;
	char *text, disp[96];
	int rc = web_org(req, ROLE_ADMIN, &o);

	if (rc)
		return rc;
	if (archive_export(web_store(req), o.name, &doc, &e))
		return http_fail(req, &e);
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

/* ---- POST /o/{org}/children ---- */

int page_org_child_add(struct http_req *req, struct http_resp *resp)
{
	struct store *st = web_store(req);
	const char *name = http_req_form(req, "name");
	struct err e = ERR_INIT, shown = ERR_INIT;
	struct ops_actor who;
	struct web_org o;
	struct buf url;
	long long id = 0;
	int rc = web_org(req, ROLE_VIEWER, &o);

	if (rc)
		return rc;
	who = web_actor(req, &o);
	web_store_actor(req);
	/* the same call as `cdcf org add NAME --parent PARENT` */
	if (ops_org_add(st, &who, name, o.name, &id, &e)) {
		if (!kit_form_status(&e))
			return http_fail(req, &e);
		kit_reword(&shown, &e, MSG_WM_ORG_EXISTS, MSG_WM_PARENT_UNKNOWN,
			   strcmp(e.field, "parent") ? (name ? name : "") : o.name);
		return org_render_for(req, resp, &o, kit_form_status(&e), &shown, true);
	}
	buf_init(&url, HTTP_MAX_PATH);
	kit_org_url(&url, id, "");
	rc = kit_see_other_done(resp, &url, "org");
	buf_release(&url);
	return rc;
}
