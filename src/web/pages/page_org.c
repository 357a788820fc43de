/*
 * page_org.c - organizations: the list (/orgs, where site administrators
 * create them), one organization's overview (/o/{org}: its portfolios with
 * the next step of each, start a new one, parent and child organizations)
 * and the download of its JSON archive. The settings (teams, providers,
 * members) are in page_settings.c.
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
#include "web/pages/page.h"
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

/* The table of the organizations the caller can see; *shown gets their number. */
static int orgs_table(struct http_req *req, struct buf *b, struct store *st, const struct org *orgs,
		      size_t n, size_t *shown)
{
	const struct web_user *u = web_user(req);
	enum lang lang = req->lang;
	struct buf url;
	size_t i;
	int rc = 0, head = 0;

	*shown = 0;
	buf_init(&url, HTTP_MAX_PATH);
	for (i = 0; !rc && i < n; i++) {
		if (!can_see(st, u, orgs[i].id))
			continue;
		if (!head++)
			rc = html_fmt(
			    b,
			    "\n<div class=\"table-wrap\"><table class=\"cards\">\n<thead><tr>"
			    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			    "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
			    tr(lang, MSG_ORGANIZATION), tr(lang, MSG_WM_PARENT_ORG),
			    tr(lang, MSG_WM_CREATED));
		(*shown)++;
		buf_reset(&url);
		if (!rc)
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
	if (!rc && head)
		rc = html_raw(b, "</tbody></table></div>\n");
	buf_release(&url);
	return rc;
}

/* No organization yet: what an organization is, and the way to the form below. */
static int orgs_empty(struct http_req *req, struct buf *b)
{
	const struct web_user *u = web_user(req);
	enum lang lang = req->lang;
	int rc;

	if (!u || !u->is_admin)
		return html_elem(b, "p", tr(lang, MSG_WM_NO_ORGS), "class", "empty", (char *)NULL);
	rc = html_raw(b, "<div class=\"empty-state\">");
	if (!rc)
		rc = html_elem(b, "p", tr(lang, MSG_WM_NO_ORGS_HERE), (char *)NULL);
	if (!rc)
		rc = html_raw(b, "<p>");
	if (!rc)
		rc = html_elem(b, "a", tr(lang, MSG_WM_CREATE_FIRST_ORG), "class", "button primary",
			       "href", "#new-org", (char *)NULL);
	return rc ? rc : html_raw(b, "</p></div>\n");
}

static int orgs_render(struct http_req *req, struct http_resp *resp, int status, const char *msg,
		       const char *detail)
{
	const struct web_user *u = web_user(req);
	struct store *st = web_store(req);
	enum lang lang = req->lang;
	struct buf *b = &resp->body;
	struct org *orgs = NULL;
	struct err e = ERR_INIT;
	size_t n = 0, i, shown = 0;
	const char *parent = http_req_form(req, "parent");
	int rc;

	if (store_org_list(st, &orgs, &n, &e))
		return web_fail(req, resp, &e);
	rc = page_begin(req, resp, status, tr(lang, MSG_WM_ORGANIZATIONS));
	if (!rc)
		rc = html_elem(b, "h1", tr(lang, MSG_WM_ORGANIZATIONS), (char *)NULL);
	if (!rc)
		rc = mg_error_notice(b, msg, detail);
	if (!rc)
		rc = orgs_table(req, b, st, orgs, n, &shown);
	if (!rc && !shown)
		rc = orgs_empty(req, b);
	if (!rc && u && u->is_admin) {
		rc = html_elem(b, "h2", tr(lang, MSG_WM_ORG_CREATE), "id", "new-org", (char *)NULL);
		if (!rc)
			rc = mg_form_begin(req, b, "/orgs", "stack");
		if (!rc)
			rc = mg_input(b, "text", "org-name", "name", tr(lang, MSG_WM_NAME),
				      http_req_form(req, "name"), 1, NULL);
		/* a first organization has no parent to choose */
		if (!rc && n)
			rc = mg_select_begin(b, "org-parent", "parent", tr(lang, MSG_WM_PARENT_ORG),
					     0);
		if (!rc && n)
			rc = mg_option(b, "", tr(lang, MSG_WM_NONE), !parent || !*parent);
		for (i = 0; !rc && i < n; i++)
			rc = mg_option(b, orgs[i].name, orgs[i].name,
				       parent && !strcmp(parent, orgs[i].name));
		if (!rc && n)
			rc = mg_select_end(b);
		if (!rc)
			rc = mg_form_end(b, tr(lang, MSG_WM_ORG_CREATE), "primary");
	}
	org_list_free(orgs, n);
	return rc ? rc : page_end(req, resp);
}

int page_orgs(struct http_req *req, struct http_resp *resp)
{
	return orgs_render(req, resp, 200, NULL, NULL);
}

int page_orgs_create(struct http_req *req, struct http_resp *resp)
{
	const struct web_user *u = web_user(req);
	struct store *st = web_store(req);
	const char *name = http_req_form(req, "name");
	const char *parent = http_req_form(req, "parent");
	struct ops_actor who = {.user_id = u ? u->id : 0, .site_admin = u && u->is_admin};
	struct err e = ERR_INIT;
	char detail[ERR_MSG_MAX];
	struct buf url;
	long long id = 0;
	int rc;

	web_store_actor(req);
	if (ops_org_add(st, &who, name, parent, &id, &e)) {
		if (!mg_input_error(e.code))
			return web_fail(req, resp, &e);
		return orgs_render(req, resp, e.code == ERR_CONFLICT ? 409 : 400,
				   mg_refusal(req, &e, MSG_WM_ORG_EXISTS, MSG_WM_PARENT_UNKNOWN,
					      strcmp(e.field, "parent") ? name : parent),
				   err_message(&e, req->lang, detail, sizeof(detail)));
	}
	buf_init(&url, HTTP_MAX_PATH);
	rc = mg_org_url(&url, id, "");
	if (!rc)
		rc = mg_see_other_done(resp, &url, "org");
	buf_release(&url);
	return rc;
}

/* ---- /o/{org} ---- */

/* Is framework fw_id already used by one of the organization's portfolios? */
static int fw_used(const struct portfolio_ref *refs, size_t n_refs, const char *fw_id)
{
	size_t j;

	for (j = 0; j < n_refs; j++)
		if (!strcmp(refs[j].framework_id, fw_id))
			return 1;
	return 0;
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
	int rc = 0;

	for (k = 0; !rc && k < fw->n_presets; k++) {
		const struct preset *p = &fw->presets[k];
		rc = mg_option(b, p->id, lang == LANG_JA && p->name_ja ? p->name_ja : p->name_en,
			       pr_sel && !strcmp(pr_sel, p->id));
	}
	return rc;
}

/* "See only the presets of: X · Y" links (?fw=) for a form without a framework. */
static int preset_filter_links(struct http_req *req, struct buf *b, const struct web_org *o,
			       const struct portfolio_ref *refs, size_t n_refs)
{
	enum lang lang = req->lang;
	struct buf url;
	size_t i, shown = 0;
	int rc = html_fmt(b, "<p class=\"hint\">%s ", tr(lang, MSG_WM_PRESET_GROUPED));

	buf_init(&url, HTTP_MAX_PATH);
	for (i = 0; !rc && i < catalog_count(); i++) {
		const struct framework *fw = catalog_at(i);
		if (!fw->n_presets || fw_used(refs, n_refs, fw->id))
			continue;
		buf_reset(&url);
		rc = mg_org_url(&url, o->id, "?fw=");
		if (!rc)
			rc = http_percent_encode(&url, fw->id);
		if (!rc)
			rc = buf_addstr(&url, "#new-portfolio");
		if (!rc && shown++)
			rc = html_text(b, tr(lang, MSG_REPORT_LIST_SEP));
		if (!rc)
			rc = html_elem(b, "a", fw_name(lang, fw), "href", url.data, (char *)NULL);
	}
	buf_release(&url);
	return rc ? rc : html_raw(b, "</p>\n");
}

/* The form that starts a portfolio: frameworks not yet used, and the presets
 * of the chosen framework, or of every framework grouped by framework. */
static int portfolio_form(struct http_req *req, struct buf *b, const struct web_org *o,
			  const struct portfolio_ref *refs, size_t n_refs)
{
	enum lang lang = req->lang;
	const struct framework *chosen = chosen_fw(req, refs, n_refs);
	const char *pr_sel = http_req_form(req, "preset");
	struct buf url;
	size_t i, offered = 0, with_presets = 0;
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
		if (fw_used(refs, n_refs, fw->id))
			continue;
		offered++;
		with_presets += fw->n_presets > 0;
		rc = mg_option(b, fw->id, fw_name(lang, fw), fw == chosen);
	}
	if (!rc)
		rc = mg_select_end(b);
	if (!rc)
		rc = mg_select_begin(b, "pf-preset", "preset", tr(lang, MSG_WM_PRESET), 0);
	if (!rc)
		rc = mg_option(b, "", tr(lang, MSG_WM_PRESET_NONE), !pr_sel || !*pr_sel);
	for (i = 0; !rc && i < catalog_count(); i++) {
		const struct framework *fw = catalog_at(i);
		if (!fw->n_presets || fw_used(refs, n_refs, fw->id) || (chosen && fw != chosen))
			continue;
		rc = html_open(b, "optgroup", "label", fw_name(lang, fw), (char *)NULL);
		if (!rc)
			rc = preset_options(b, lang, fw, pr_sel);
		if (!rc)
			rc = html_raw(b, "</optgroup>");
	}
	if (!rc)
		rc = mg_select_end(b);
	if (!rc)
		rc = html_elem(b, "p", tr(lang, MSG_WM_PRESET_HINT), "class", "hint", (char *)NULL);
	if (!rc && !chosen && with_presets > 1)
		rc = preset_filter_links(req, b, o, refs, n_refs);
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
	char text[ERR_MSG_MAX];
	struct buf url;
	size_t n = 0, i, kids = 0;
	int rc;

	if (store_org_get(st, o->id, &me, &e) || store_org_list(st, &orgs, &n, &e)) {
		org_release(&me);
		return mg_error_notice(b, err_message(&e, req->lang, text, sizeof(text)), NULL);
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
		      int status, const char *msg, const char *detail)
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
		rc = mg_done_notice(req, b);
	if (!rc)
		rc = mg_error_notice(b, msg, detail);
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
	return org_render(req, resp, &o, 200, NULL, NULL);
}

int page_org_portfolio_new(struct http_req *req, struct http_resp *resp)
{
	struct store *st = web_store(req);
	const char *fw_id = http_req_form(req, "framework");
	const char *preset = http_req_form(req, "preset");
	const struct framework *fw;
	struct err e = ERR_INIT;
	char detail[ERR_MSG_MAX];
	struct web_org o;
	struct buf url;
	const char *lead;
	int rc = web_org(req, resp, ROLE_EDITOR, &o);

	if (rc)
		return MG_ANSWERED(rc);
	web_store_actor(req);
	if (!fw_id || !*fw_id)
		return org_render(req, resp, &o, 400, tr(req->lang, MSG_WM_PICK_FRAMEWORK), NULL);
	if (ops_portfolio_new(st, o.name, fw_id, preset && *preset ? preset : NULL, &e)) {
		if (!mg_input_error(e.code))
			return web_fail(req, resp, &e);
		/* the preset list offers every framework's presets until one is chosen */
		fw = catalog_get(fw_id);
		if (!strcmp(e.field, "framework") || !fw)
			lead = tr(req->lang, MSG_WM_UNKNOWN_FRAMEWORK);
		else if (!strcmp(e.field, "preset"))
			lead = mg_tr(req, MSG_WM_PRESET_WRONG_FW, fw_name(req->lang, fw), NULL);
		else
			lead = mg_refusal(req, &e, MSG_WM_PORTFOLIO_EXISTS, -1,
					  fw_name(req->lang, fw));
		return org_render(req, resp, &o, e.code == ERR_CONFLICT ? 409 : 400, lead,
				  err_message(&e, req->lang, detail, sizeof(detail)));
	}
	buf_init(&url, HTTP_MAX_PATH);
	rc = web_portfolio_url(&url, o.id, fw_id, "catalogue");
	if (!rc)
		rc = mg_see_other(resp, url.data);
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
