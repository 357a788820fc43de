/*
 * page_group.c - /o/{org}/group/{fw}: the group view of an organization and
 * its subsidiaries at any depth for one framework (ops/ops_group.h), with
 * downloads in CSV, JSON and XLSX (report/group_render.h).
 *
 * Who sees it: any member of the organization with the viewer role or above,
 * and site administrators. It is the parent's view of its group: every
 * subsidiary of the subtree is shown, including those the viewer is not a
 * member of (named, not linked). GET only: no CSRF token.
 *
 * The page shows GROUP_PAGE_ROWS organizations at a time by name ("First page /
 * Next page", ?after=NAME as in /orgs; ops_group_page), so its size and cost do not
 * grow with the group; the spread per service is still the whole group's, and the
 * downloads hold the whole group.
 *
 * The heat map is a table (organizations x services grouped by category):
 * every cell says its value as text, its colour is its class (a legend
 * says what each class means); on a phone the table scrolls inside
 * .table-wrap.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/catalog.h"
#include "ops/ops_group.h"
#include "report/group_render.h"
#include "report/html.h"
#include "report/model.h"
#include "report/report.h"
#include "web/pages/kit.h"
#include "web/pages/page.h"
#include "web/pages/page_group.h"

/* Organizations per page of the group view. */
#define GROUP_PAGE_ROWS 50

/* "/o/<id>/group/<fw>" + rest + "?by=gap" when gap + "after=NAME" when after: per-request
 * memory. */
static const char *group_page_href(struct http_req *req, long long org_id, const char *fw_id,
				   const char *rest, enum group_by by, const char *after)
{
	struct buf b;
	const char *s = NULL;

	buf_init(&b, 1024);
	buf_printf(&b, "/o/%lld/group/", org_id);
	http_percent_encode(&b, fw_id);
	if (rest)
		buf_addstr(&b, rest);
	if (by == GROUP_BY_GAP)
		buf_addstr(&b, "?by=gap");
	if (after) {
		buf_addstr(&b, by == GROUP_BY_GAP ? "&after=" : "?after=");
		http_percent_encode(&b, after);
	}
	if (!buf_status(&b))
		s = http_req_strdup(req, b.data);
	buf_release(&b);
	return s;
}

static const char *group_href(struct http_req *req, long long org_id, const char *fw_id,
			      const char *rest, enum group_by by)
{
	return group_page_href(req, org_id, fw_id, rest, by, NULL);
}

static enum group_by by_of(struct http_req *req)
{
	enum group_by by = GROUP_BY_CURRENT;

	group_by_parse(http_req_query(req, "by"), &by);
	return by;
}

static void cell(struct buf *b, const struct group_model *m, const struct group_service *s,
		 const struct group_cell *c, const char *label)
{
	char fig[REPORT_FIGURE_MAX];
	double v;

	if (group_cell_value(m, c, &v)) {
		html_open(b, "td", "class", c->selected ? "heat heat-none" : "heat heat-off",
			  "title", label, (char *)NULL);
		html_text(b, c->selected ? "\xE2\x80\x94" : "");
		html_close(b, "td");
		return;
	}
	html_fmt(b, "<td class=\"heat heat-%s\" title=\"%s\">",
		 group_class_name(group_value_class(m, s, v)), label);
	html_text(b, group_figure(fig, v));
	html_close(b, "td");
}

static void heat_table(struct http_req *req, struct buf *b, const struct group_model *m)
{
	enum lang lang = req->lang;
	size_t i, j, k, span;

	html_raw(b, "<div class=\"table-wrap\" tabindex=\"0\">\n<table class=\"heat\">\n");
	html_open(b, "caption", (char *)NULL);
	html_text(b, tr(lang, MSG_GROUP_HEAT));
	html_text(b, ": ");
	html_text(b, group_by_label(m, lang));
	html_raw(b, "</caption>\n<thead><tr><td></td>");
	for (k = 0; k < m->n_categories; k++) {
		char cs[16];

		for (span = j = 0; j < m->n_services; j++)
			span += m->services[j].category == k;
		snprintf(cs, sizeof cs, "%zu", span);
		html_elem(b, "th", group_category_name(&m->categories[k], lang), "colspan", cs,
			  "scope", "colgroup", (char *)NULL);
	}
	html_raw(b, "</tr>\n<tr>");
	html_elem(b, "th", tr(lang, MSG_GROUP_ORG), "scope", "col", (char *)NULL);
	for (j = 0; j < m->n_services; j++) {
		html_open(b, "th", "scope", "col", (char *)NULL);
		html_elem(b, "abbr", m->services[j].ref, "title",
			  group_service_name(&m->services[j], lang), (char *)NULL);
		html_close(b, "th");
	}
	html_raw(b, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < m->n_orgs && !buf_status(b); i++) {
		const struct group_org *o = &m->orgs[i];
		char depth[16];

		snprintf(depth, sizeof depth, "d%d", o->depth > 5 ? 5 : o->depth);
		html_raw(b, "<tr>");
		html_open(b, "th", "scope", "row", "class", depth, (char *)NULL);
		html_text(b, o->name);
		html_close(b, "th");
		if (!o->has_portfolio) { /* said once across the row, not in a narrow row head */
			char cs[24];

			snprintf(cs, sizeof cs, "%zu", m->n_services ? m->n_services : 1);
			/* not class "heat": centred across every column it would be off-screen */
			html_elem(b, "td", tr(lang, MSG_GROUP_NO_PORTFOLIO), "colspan", cs, "class",
				  "heat-none", (char *)NULL);
			html_raw(b, "</tr>\n");
			continue;
		}
		for (j = 0; j < m->n_services; j++) {
			char label[512];

			snprintf(label, sizeof label, "%s \xC3\x97 %s", o->name,
				 m->services[j].ref);
			cell(b, m, &m->services[j], &o->cells[j], label);
		}
		html_raw(b, "</tr>\n");
	}
	html_raw(b, "</tbody></table></div>\n");
}

static void legend(struct http_req *req, struct buf *b, const struct group_model *m)
{
	enum lang lang = req->lang;
	int gap = m->by == GROUP_BY_GAP;
	const enum msg_id words[3] = {gap ? MSG_GROUP_LEGEND_GAP_LOW : MSG_GROUP_LEGEND_CUR_LOW,
				      gap ? MSG_GROUP_LEGEND_GAP_MID : MSG_GROUP_LEGEND_CUR_MID,
				      gap ? MSG_GROUP_LEGEND_GAP_HIGH : MSG_GROUP_LEGEND_CUR_HIGH};
	static const char *const classes[3] = {"heat heat-low", "heat heat-mid", "heat heat-high"};
	int i;

	html_raw(b, "<ul class=\"legend\" aria-label=\"");
	html_text(b, tr(lang, MSG_GROUP_LEGEND));
	html_raw(b, "\">");
	for (i = 0; i < 3; i++) {
		html_raw(b, "<li>");
		html_elem(b, "span", "\xC2\xA0\xC2\xA0\xC2\xA0", "class", classes[i], "aria-hidden",
			  "true", (char *)NULL);
		html_text(b, " ");
		html_text(b, tr(lang, words[i]));
		html_raw(b, "</li>");
	}
	html_raw(b, "<li>");
	html_text(b, tr(lang, MSG_GROUP_LEGEND_NONE));
	html_raw(b, "</li></ul>\n");
}

static void fig_td(struct buf *b, int has, double v)
{
	char fig[REPORT_FIGURE_MAX];

	html_raw(b, "<td class=\"num\">");
	html_text(b, has ? group_figure(fig, v) : "\xE2\x80\x94");
	html_raw(b, "</td>");
}

static void rollup_table(struct http_req *req, struct buf *b, const struct group_model *m)
{
	enum lang lang = req->lang;
	size_t i, k;

	html_elem(b, "h2", tr(lang, MSG_GROUP_ROLLUPS), (char *)NULL);
	html_raw(b,
		 "<div class=\"table-wrap\" tabindex=\"0\">\n<table class=\"heat\">\n<thead><tr>");
	html_elem(b, "th", tr(lang, MSG_GROUP_ORG), "scope", "col", (char *)NULL);
	for (k = 0; k < m->n_categories; k++) {
		html_open(b, "th", "scope", "col", "class", "num", (char *)NULL);
		html_elem(b, "abbr", m->categories[k].ref, "title",
			  group_category_name(&m->categories[k], lang), (char *)NULL);
		html_close(b, "th");
	}
	html_elem(b, "th", tr(lang, MSG_GROUP_OVERALL), "scope", "col", "class", "num",
		  (char *)NULL);
	html_raw(b, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < m->n_orgs && !buf_status(b); i++) {
		html_raw(b, "<tr>");
		html_elem(b, "th", m->orgs[i].name, "scope", "row", (char *)NULL);
		for (k = 0; k <= m->n_categories; k++) {
			const struct group_rollup *r = &m->orgs[i].rollups[k];

			fig_td(b, r->n_assessed > 0, m->by == GROUP_BY_GAP ? r->gap : r->current);
		}
		html_raw(b, "</tr>\n");
	}
	html_raw(b, "</tbody></table></div>\n");
}

static void spread_table(struct http_req *req, struct buf *b, const struct group_model *m)
{
	enum lang lang = req->lang;
	static const enum msg_id heads[] = {MSG_GROUP_SERVICE, MSG_GROUP_ASSESSED, MSG_GROUP_MIN,
					    MSG_GROUP_MEDIAN, MSG_GROUP_MAX};
	size_t j, k;

	html_elem(b, "h2", tr(lang, MSG_GROUP_SPREAD), (char *)NULL);
	if (m->n_orgs < m->n_total)
		html_elem(b, "p", tr(lang, MSG_GRPP_WHOLE), "class", "meta", (char *)NULL);
	html_raw(b, "<div class=\"table-wrap\" tabindex=\"0\">\n<table>\n<thead><tr>");
	for (k = 0; k < sizeof heads / sizeof heads[0]; k++)
		html_elem(b, "th", tr(lang, heads[k]), "scope", "col", "class", k ? "num" : NULL,
			  (char *)NULL);
	html_raw(b, "</tr></thead>\n<tbody>\n");
	for (j = 0; j < m->n_services && !buf_status(b); j++) {
		const struct group_service *s = &m->services[j];

		html_raw(b, "<tr><th scope=\"row\">");
		html_text(b, s->ref);
		html_text(b, " ");
		html_text(b, group_service_name(s, lang));
		html_fmt(b, "</th><td class=\"num\">%zu</td>", s->n_assessed);
		fig_td(b, s->n_assessed > 0, s->min);
		fig_td(b, s->n_assessed > 0, s->median);
		fig_td(b, s->n_assessed > 0, s->max);
		html_raw(b, "</tr>\n");
	}
	html_raw(b, "</tbody></table></div>\n");
}

static void sourcing_table(struct http_req *req, struct buf *b, const struct group_model *m)
{
	enum lang lang = req->lang;
	static const enum msg_id heads[] = {MSG_GROUP_SERVICE, MSG_GROUP_ORG, MSG_GROUP_ASSIGNMENT,
					    MSG_GROUP_TEAM, MSG_GROUP_PROVIDER};
	size_t i, j, k, rows = 0;

	html_elem(b, "h2", tr(lang, MSG_GROUP_SOURCING), (char *)NULL);
	html_raw(b, "<div class=\"table-wrap\" tabindex=\"0\">\n<table>\n<thead><tr>");
	for (k = 0; k < sizeof heads / sizeof heads[0]; k++)
		html_elem(b, "th", tr(lang, heads[k]), "scope", "col", (char *)NULL);
	html_raw(b, "</tr></thead>\n<tbody>\n");
	for (j = 0; j < m->n_services; j++)
		for (i = 0; i < m->n_orgs && !buf_status(b); i++) {
			const struct group_cell *c = &m->orgs[i].cells[j];

			if (!c->selected || c->assignment == ASSIGN_UNASSIGNED)
				continue;
			rows++;
			html_raw(b, "<tr>");
			html_elem(b, "td", m->services[j].ref, "title",
				  group_service_name(&m->services[j], lang), (char *)NULL);
			html_elem(b, "td", m->orgs[i].name, (char *)NULL);
			html_elem(b, "td", tr_assignment(lang, c->assignment), (char *)NULL);
			html_elem(b, "td", c->team ? c->team : "", (char *)NULL);
			html_elem(b, "td", c->provider ? c->provider : "", (char *)NULL);
			html_raw(b, "</tr>\n");
		}
	if (!rows) {
		html_raw(b, "<tr><td colspan=\"5\">");
		html_text(b, tr(lang, MSG_GROUP_NONE_ASSIGNED));
		html_raw(b, "</td></tr>\n");
	}
	html_raw(b, "</tbody></table></div>\n");
}

/* Where this page is in the group, and the links to the first and the next page. */
static void pager(struct http_req *req, struct buf *b, const struct group_model *m,
		  long long org_id, const char *fw_id, const char *after)
{
	enum lang lang = req->lang;

	html_fmt(b, "<nav class=\"pagination\" aria-label=\"%s\">", tr(lang, MSG_WM_PAGES));
	html_fmt(b, "<span>%s %zu", tr(lang, MSG_GRPP_COUNT), m->n_total);
	if (m->n_orgs && m->n_orgs < m->n_total)
		html_fmt(b, " \xC2\xB7 %s %zu\xE2\x80\x93%zu", tr(lang, MSG_OL_SHOWING), m->first,
			 m->first + m->n_orgs - 1);
	html_raw(b, "</span>");
	if (after && *after)
		html_elem(b, "a", tr(lang, MSG_OL_FIRST), "href",
			  group_page_href(req, org_id, fw_id, NULL, m->by, NULL), "rel", "first",
			  (char *)NULL);
	if (m->next_after)
		html_elem(b, "a", tr(lang, MSG_OL_NEXT), "href",
			  group_page_href(req, org_id, fw_id, NULL, m->by, m->next_after), "rel",
			  "next", (char *)NULL);
	html_raw(b, "</nav>\n");
}

int page_group(struct http_req *req, struct http_resp *resp)
{
	const char *after = http_req_query(req, "after");
	const char *fw_id = http_req_param(req, "fw");
	enum group_by by = by_of(req), other;
	struct buf *b = &resp->body;
	enum lang lang = req->lang;
	struct group_model m;
	struct err e = ERR_INIT;
	struct web_org o;
	char title[512], org_url[64];
	int rc = web_org(req, ROLE_VIEWER, &o);

	if (rc)
		return rc;
	if (ops_group_page(web_store(req), o.name, fw_id, by, after, GROUP_PAGE_ROWS, &m, &e))
		return http_fail(req, &e);
	other = by == GROUP_BY_GAP ? GROUP_BY_CURRENT : GROUP_BY_GAP;
	snprintf(title, sizeof title, "%s: %s", tr(lang, MSG_GROUP_TITLE), o.name);
	page_begin(req, resp, 200, title);
	html_open(b, "nav", "class", "breadcrumb", "aria-label", tr(lang, MSG_GROUP_TITLE),
		  (char *)NULL);
	html_raw(b, "<ol><li>");
	snprintf(org_url, sizeof org_url, "/o/%lld", o.id);
	html_elem(b, "a", o.name, "href", org_url, (char *)NULL);
	html_raw(b, "</li></ol></nav>\n");
	html_elem(b, "h1", title, (char *)NULL);
	html_open(b, "p", "class", "meta", (char *)NULL);
	html_text(b, framework_name(m.fw, lang_code(lang)));
	html_text(b, " \xC2\xB7 ");
	html_text(b, tr(lang, MSG_GROUP_SHOWING));
	html_text(b, ": ");
	html_text(b, group_by_label(&m, lang));
	html_raw(b, "</p>\n<nav class=\"actions\" aria-label=\"");
	html_text(b, tr(lang, MSG_GROUP_DOWNLOADS));
	html_raw(b, "\">");
	html_elem(
	    b, "a", tr(lang, other == GROUP_BY_GAP ? MSG_GROUP_SHOW_GAP : MSG_GROUP_SHOW_CURRENT),
	    "class", "button", "href", group_href(req, o.id, fw_id, NULL, other), (char *)NULL);
	html_elem(b, "a", "CSV", "class", "button", "download", "", "href",
		  group_href(req, o.id, fw_id, "/download/csv", by), (char *)NULL);
	html_elem(b, "a", "JSON", "class", "button", "download", "", "href",
		  group_href(req, o.id, fw_id, "/download/json", by), (char *)NULL);
	html_elem(b, "a", "XLSX", "class", "button", "download", "", "href",
		  group_href(req, o.id, fw_id, "/download/xlsx", by), (char *)NULL);
	html_raw(b, "</nav>\n");
	if (m.n_orgs < m.n_total)
		html_elem(b, "p", tr(lang, MSG_GRPP_PAGE_NOTE), "class", "meta", (char *)NULL);
	pager(req, b, &m, o.id, fw_id, after);
	heat_table(req, b, &m);
	legend(req, b, &m);
	rollup_table(req, b, &m);
	sourcing_table(req, b, &m);
	spread_table(req, b, &m);
	group_model_release(&m);
	page_end(req, resp);
	return buf_status(b);
}

int page_group_download(struct http_req *req, struct http_resp *resp)
{
	static const char *const mimes[] = {
	    "text/plain; charset=utf-8", "text/csv; charset=utf-8",
	    "application/json; charset=utf-8",
	    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"};
	static const char *const exts[] = {"txt", "csv", "json", "xlsx"};
	const char *fw_id = http_req_param(req, "fw"), *name = http_req_param(req, "format");
	enum group_format f;
	struct group_model m;
	struct err e = ERR_INIT;
	struct web_org o;
	char disp[128];
	int rc = web_org(req, ROLE_VIEWER, &o);

	if (rc)
		return rc;
	if (group_format_parse(name, &f))
		return http_failf(req, ERR_NOT_FOUND, "format", MSG_WEB_BUILD_E_UNKNOWN_FORMAT,
				  name ? name : "");
	if (ops_group_model(web_store(req), o.name, fw_id, by_of(req), &m, &e))
		return http_fail(req, &e);
	http_resp_text(resp, 200);
	resp->content_type = mimes[f];
	/* names may be any text: the file is named by the organization's id */
	snprintf(disp, sizeof disp, "attachment; filename=\"cdcf-group-%lld-%s.%s\"", o.id,
		 group_by_name(m.by), exts[f]);
	rc = group_render_e(&m, f, req->lang, &resp->body, &e);
	group_model_release(&m);
	if (rc)
		return http_fail(req, &e);
	rc = http_resp_header(resp, "Content-Disposition", disp);
	if (!rc)
		rc = http_resp_header(resp, "Cache-Control", "private, no-store");
	return rc;
}

/* Does o have subsidiaries? Errors count as no: a link is not worth a failed page. */
static int has_children(struct http_req *req, const struct web_org *o)
{
	struct err e = ERR_INIT;
	int yes = 0;

	if (ops_group_has_children(web_store(req), o->id, &yes, &e))
		return 0;
	return yes;
}

int page_group_org_links(struct http_req *req, struct buf *b, const struct web_org *o)
{
	struct err e = ERR_INIT;
	char **fws = NULL;
	size_t n = 0, i;

	if (!has_children(req, o) || ops_group_frameworks(web_store(req), o->id, &fws, &n, &e) ||
	    !n) {
		ops_group_frameworks_free(fws, n);
		return buf_status(b);
	}
	html_elem(b, "h2", tr(req->lang, MSG_GROUP_TITLE), (char *)NULL);
	html_raw(b, "<ul class=\"group-links\">");
	for (i = 0; i < n; i++) {
		const struct framework *fw = catalog_get(fws[i]);

		html_raw(b, "<li>");
		html_elem(b, "a", fw ? framework_name(fw, lang_code(req->lang)) : fws[i], "href",
			  group_href(req, o->id, fws[i], NULL, GROUP_BY_CURRENT), (char *)NULL);
		html_raw(b, "</li>");
	}
	html_raw(b, "</ul>\n");
	ops_group_frameworks_free(fws, n);
	return buf_status(b);
}

int page_group_tab(struct http_req *req, struct buf *b, const struct web_org *o, const char *fw_id)
{
	if (!has_children(req, o))
		return buf_status(b);
	html_raw(b, "<li class=\"sep\">");
	html_elem(b, "a", tr(req->lang, MSG_GROUP_TITLE), "href",
		  group_href(req, o->id, fw_id, NULL, GROUP_BY_CURRENT), (char *)NULL);
	html_raw(b, "</li>");
	return buf_status(b);
}
