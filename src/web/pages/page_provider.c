/*
 * page_provider.c - the provider's view on the web (page_provider.h). The
 * client's administrators link each provider to its organization and share
 * with it or stop (ops decides who may: ops/ops_provider_view.h); every member
 * of the provider organization reads /o/{org}/clients: the services its
 * sharing clients outsource to it, a page at a time (keyset), and the CSV.
 */
#include "web/pages/page_provider.h"

#include <stdio.h>
#include <string.h>

#include "i18n/i18n.h"
#include "ops/ops_provider_view.h"
#include "core/level.h"
#include "report/html.h"
#include "report/report.h"
#include "web/pages/kit.h"
#include "web/pages/page.h"

#define CLIENTS_PAGE_ROWS 100 /* rows of one page of /o/{org}/clients */

/* "/o/<id>/settings/providers/<name>/<verb>" in per-request memory. */
static const char *link_href(struct http_req *req, long long org_id, const char *name,
			     const char *verb)
{
	struct buf url;
	const char *s;

	buf_init(&url, HTTP_MAX_PATH);
	kit_org_url(&url, org_id, "/settings/providers/");
	http_percent_encode(&url, name);
	buf_printf(&url, "/%s", verb);
	s = buf_status(&url) ? NULL : http_req_strdup(req, url.data);
	buf_release(&url);
	return s;
}

/* ---- the client's side: links and sharing, on the settings page ---- */

static void link_forms(struct http_req *req, struct buf *b, const struct web_org *o,
		       const struct provider_link_row *r, size_t i)
{
	enum lang lang = req->lang;
	char id[48];

	snprintf(id, sizeof id, "provider-org-%zu", i);
	kit_form_begin(req, b, link_href(req, o->id, r->provider, "link"), "inline");
	kit_input(b, "text", id, "organization", tr(lang, MSG_PROVIDER_LINK_TO),
		  r->linked_org ? r->linked_org : "", 1, NULL);
	kit_form_end(b, tr(lang, MSG_PROVIDER_LINK_BUTTON), NULL);
	if (!r->linked_org)
		return;
	kit_form_begin(req, b, link_href(req, o->id, r->provider, "share"), "inline");
	kit_hidden(b, "share", r->shared ? "off" : "on");
	kit_form_end(b,
		     tr(lang, r->shared ? MSG_PROVIDER_UNSHARE_BUTTON : MSG_PROVIDER_SHARE_BUTTON),
		     r->shared ? "danger" : "primary");
	kit_form_begin(req, b, link_href(req, o->id, r->provider, "unlink"), "inline");
	kit_form_end(b, tr(lang, MSG_PROVIDER_UNLINK_BUTTON), "danger");
}

int page_provider_links_section(struct http_req *req, struct buf *b, struct store *st,
				const struct web_org *o)
{
	enum lang lang = req->lang;
	struct provider_link_row *rows = NULL;
	struct err e = ERR_INIT;
	size_t n = 0, i;

	if (ops_provider_links(st, o->id, &rows, &n, &e))
		return kit_error_notice(req, b, &e);
	if (!n)
		return buf_status(b);
	html_elem(b, "h2", tr(lang, MSG_PROVIDER_LINKS_TITLE), "id", "provider-links",
		  (char *)NULL);
	html_elem(b, "p", tr(lang, MSG_PROVIDER_LINKS_HINT), "class", "hint", (char *)NULL);
	html_fmt(b,
		 "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"cards\"><thead><tr>"
		 "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>",
		 tr(lang, MSG_PROVIDER_COL_PROVIDER), tr(lang, MSG_PROVIDER_LINK_TO),
		 tr(lang, MSG_PROVIDER_COL_STATUS));
	if (o->role >= ROLE_ADMIN)
		html_fmt(b, "<th scope=\"col\">%s</th>", tr(lang, MSG_WM_CHANGE));
	html_raw(b, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < n; i++) {
		const struct provider_link_row *r = &rows[i];

		html_fmt(b,
			 "<tr><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td>"
			 "<td data-label=\"%s\">%s</td>",
			 tr(lang, MSG_PROVIDER_COL_PROVIDER), r->provider,
			 tr(lang, MSG_PROVIDER_LINK_TO),
			 r->linked_org ? r->linked_org : tr(lang, MSG_PROVIDER_NOT_LINKED_YET),
			 tr(lang, MSG_PROVIDER_COL_STATUS),
			 tr(lang, r->shared ? MSG_PROVIDER_IS_SHARED : MSG_PROVIDER_NOT_SHARED));
		if (o->role >= ROLE_ADMIN) {
			html_fmt(b, "<td data-label=\"%s\">", tr(lang, MSG_WM_CHANGE));
			link_forms(req, b, o, r, i);
			html_raw(b, "</td>");
		}
		html_raw(b, "</tr>\n");
	}
	html_raw(b, "</tbody></table></div>\n");
	provider_link_rows_free(rows, n);
	return buf_status(b);
}

/* The start of a change of a link: org found with the caller's role (the
 * dispatcher answers 404 to a non-member), the actor for ops' rule. */
static int link_change(struct http_req *req, struct web_org *o, struct ops_actor *who)
{
	int rc = web_org(req, ROLE_VIEWER, o);

	if (rc)
		return rc;
	web_store_actor(req);
	*who = web_actor(req, o);
	return 0;
}

/* 303 to the settings, at the links, saying it was saved. */
static int link_done(struct http_resp *resp, const struct web_org *o)
{
	struct buf url;
	int rc;

	buf_init(&url, HTTP_MAX_PATH);
	kit_org_url(&url, o->id, "/settings");
	rc = kit_see_other_done(resp, &url, "saved");
	buf_release(&url);
	return rc;
}

int page_settings_provider_link(struct http_req *req, struct http_resp *resp)
{
	struct err e = ERR_INIT;
	struct ops_actor who;
	struct web_org o;
	int rc = link_change(req, &o, &who);

	if (rc)
		return rc;
	if (ops_provider_link(web_store(req), &who, o.name, http_req_param(req, "provider"),
			      http_req_form(req, "organization"), &e))
		return page_settings_show_refused(req, resp, &o, &e);
	return link_done(resp, &o);
}

int page_settings_provider_unlink(struct http_req *req, struct http_resp *resp)
{
	struct err e = ERR_INIT;
	struct ops_actor who;
	struct web_org o;
	int rc = link_change(req, &o, &who);

	if (rc)
		return rc;
	if (ops_provider_unlink(web_store(req), &who, o.name, http_req_param(req, "provider"), &e))
		return page_settings_show_refused(req, resp, &o, &e);
	return link_done(resp, &o);
}

int page_settings_provider_share(struct http_req *req, struct http_resp *resp)
{
	struct err e = ERR_INIT;
	struct ops_actor who;
	struct web_org o;
	bool on = false;
	int rc = link_change(req, &o, &who);

	if (rc)
		return rc;
	if (ops_provider_share_word(http_req_form(req, "share"), &on, &e) ||
	    ops_provider_share(web_store(req), &who, o.name, http_req_param(req, "provider"), on,
			       &e))
		return page_settings_show_refused(req, resp, &o, &e);
	return link_done(resp, &o);
}

/* ---- the provider's side: /o/{org}/clients ---- */

static void clients_table(struct http_req *req, struct buf *b,
			  const struct provider_client_page *pg)
{
	enum lang lang = req->lang;
	const char *lc = lang_code(lang);
	char cur[16], tgt[16];
	size_t i;

	html_fmt(
	    b,
	    "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"cards clients\"><thead><tr>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
	    tr(lang, MSG_PROVIDER_COL_CLIENT), tr(lang, MSG_PROVIDER_COL_FRAMEWORK),
	    tr(lang, MSG_PROVIDER_COL_SERVICE), tr(lang, MSG_PROVIDER_COL_LEVEL),
	    tr(lang, MSG_PROVIDER_COL_CURRENT), tr(lang, MSG_PROVIDER_COL_TARGET),
	    tr(lang, MSG_PROVIDER_COL_NOTE));
	for (i = 0; i < pg->n; i++) {
		const struct provider_client_row *r = &pg->rows[i];
		int lv = level_parse(r->level);

		ops_provider_score_text(r->out_current, cur);
		ops_provider_score_text(r->out_target, tgt);
		html_fmt(b,
			 "<tr><td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td>"
			 "<td data-label=\"%s\">%s %s</td><td data-label=\"%s\">%s</td>"
			 "<td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td>"
			 "<td data-label=\"%s\">%s</td></tr>\n",
			 tr(lang, MSG_PROVIDER_COL_CLIENT), r->client,
			 tr(lang, MSG_PROVIDER_COL_FRAMEWORK), ops_provider_framework_name(r, lc),
			 tr(lang, MSG_PROVIDER_COL_SERVICE), r->ref_id,
			 ops_provider_service_name(r, lc), tr(lang, MSG_PROVIDER_COL_LEVEL),
			 lv >= 0 ? tr_level(lang, lv) : r->level,
			 tr(lang, MSG_PROVIDER_COL_CURRENT), *cur ? cur : "-",
			 tr(lang, MSG_PROVIDER_COL_TARGET), *tgt ? tgt : "-",
			 tr(lang, MSG_PROVIDER_COL_NOTE), r->note ? r->note : "");
	}
	html_raw(b, "</tbody></table></div>\n");
}

int page_org_clients(struct http_req *req, struct http_resp *resp)
{
	struct provider_client_page pg;
	struct provider_cursor after;
	struct err e = ERR_INIT;
	struct web_org o;
	struct buf *b = &resp->body;
	enum lang lang = req->lang;
	int rc = web_org(req, ROLE_VIEWER, &o);

	if (rc)
		return rc;
	if (ops_provider_cursor_parse(http_req_query(req, "after"), &after, &e) ||
	    ops_provider_clients(web_store(req), o.id, &after, 0, CLIENTS_PAGE_ROWS, &pg, &e))
		return http_fail(req, &e);
	page_begin(req, resp, 200, tr(lang, MSG_PROVIDER_CLIENTS_TITLE));
	html_raw(b, "<p class=\"breadcrumb\">");
	html_elem(b, "a", o.name, "href", kit_org_href(req, o.id, ""), (char *)NULL);
	html_raw(b, "</p>\n");
	html_elem(b, "h1", tr(lang, MSG_PROVIDER_CLIENTS_TITLE), (char *)NULL);
	html_elem(b, "p", tr(lang, MSG_PROVIDER_CLIENTS_INTRO), "class", "hint", (char *)NULL);
	if (!pg.total) {
		html_elem(b, "p", tr(lang, MSG_PROVIDER_NONE), (char *)NULL);
	} else {
		html_fmt(b, "<p class=\"meta\">%s: %lld &middot; %s: %lld</p>\n",
			 tr(lang, MSG_PROVIDER_TOTAL_CLIENTS), pg.total_clients,
			 tr(lang, MSG_PROVIDER_TOTAL_SERVICES), pg.total);
		html_raw(b, "<p>");
		html_elem(b, "a", tr(lang, MSG_PROVIDER_CSV), "class", "button", "href",
			  kit_org_href(req, o.id, "/clients/csv"), (char *)NULL);
		html_raw(b, "</p>\n");
		clients_table(req, b, &pg);
	}
	if (pg.more && pg.n) {
		char cursor[72], rest[128];

		ops_provider_cursor_text(&pg.rows[pg.n - 1].at, cursor);
		snprintf(rest, sizeof rest, "/clients?after=%s", cursor);
		html_raw(b, "<p>");
		html_elem(b, "a", tr(lang, MSG_PROVIDER_NEXT), "rel", "next", "href",
			  kit_org_href(req, o.id, rest), (char *)NULL);
		html_raw(b, "</p>\n");
	}
	provider_client_page_release(&pg);
	page_end(req, resp);
	return buf_status(b);
}

int page_org_clients_csv(struct http_req *req, struct http_resp *resp)
{
	struct provider_cursor after = {0, 0, 0};
	struct provider_client_page pg;
	struct err e = ERR_INIT;
	struct web_org o;
	char disp[96];
	int rc = web_org(req, ROLE_VIEWER, &o), more;

	if (rc)
		return rc;
	http_resp_text(resp, 200);
	resp->content_type = "text/csv; charset=utf-8";
	buf_addstr(&resp->body, REPORT_CSV_BOM);
	do {
		if (ops_provider_clients(web_store(req), o.id, &after, 0, PROVIDER_PAGE_MAX, &pg,
					 &e))
			return http_fail(req, &e);
		ops_provider_csv(&pg, lang_code(req->lang), !after.client_id, &resp->body);
		if (pg.n)
			after = pg.rows[pg.n - 1].at;
		more = pg.more && pg.n;
		provider_client_page_release(&pg);
	} while (more);
	if (buf_status(&resp->body))
		return buf_status(&resp->body);
	snprintf(disp, sizeof disp, "attachment; filename=\"cdcf-clients-%lld.csv\"", o.id);
	rc = http_resp_header(resp, "Content-Disposition", disp);
	if (!rc)
		rc = http_resp_header(resp, "Cache-Control", "private, no-store");
	return rc;
}

/* ---- on the organization page ---- */

int page_provider_org_link(struct http_req *req, struct buf *b, const struct web_org *o)
{
	struct err e = ERR_INIT;
	bool yes = false;

	/* errors count as no: a link is not worth a failed page */
	if (ops_provider_has_clients(web_store(req), o->id, &yes, &e) || !yes)
		return buf_status(b);
	html_elem(b, "h2", tr(req->lang, MSG_PROVIDER_CLIENTS_TITLE), (char *)NULL);
	html_raw(b, "<p>");
	html_elem(b, "a", tr(req->lang, MSG_PROVIDER_CLIENTS_INTRO), "href",
		  kit_org_href(req, o->id, "/clients"), (char *)NULL);
	html_raw(b, "</p>\n");
	return buf_status(b);
}
