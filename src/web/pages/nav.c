/*
 * nav.c - breadcrumb and tab bar of the pages of one portfolio.
 *
 * The tabs follow X.1060's cycle: the three build steps (numbered, as the
 * Recommendation numbers them), the report, then the management and
 * evaluation processes. The active tab carries aria-current="page".
 */
#include "web/pages/nav.h"

#include <stdio.h>
#include <string.h>

#include "i18n/i18n.h"
#include "ops/ops.h"
#include "report/html.h"
#include "util/err.h"
#include "web/pages/kit.h"
#include "web/pages/page.h"
#include "web/pages/page_group.h"
#include "web/http/http.h"
#include "web/webctx.h"

static const struct {
	const char *rest;
	enum msg_id label;
	int step; /* 1..3 for the build steps, 0 otherwise */
} tabs[TAB_COUNT] = {
    [TAB_CATALOGUE] = {"catalogue", MSG_CATALOGUE, 1},
    [TAB_PROFILE] = {"profile", MSG_PROFILE, 2},
    [TAB_PORTFOLIO] = {"portfolio", MSG_PORTFOLIO, 3},
    [TAB_REPORT] = {"report", MSG_WEB_BUILD_TAB_REPORT, 0},
    [TAB_ACTIONS] = {"actions", MSG_WEB_BUILD_TAB_ACTIONS, 0},
    [TAB_EVALUATION] = {"evaluation", MSG_EVALUATION, 0},
};

int web_portfolio_nav(struct http_req *req, struct buf *b, const struct web_org *o,
		      const char *fw_id, enum portfolio_tab active)
{
	enum lang lang = req->lang;
	const struct framework *fw = NULL;
	struct err e = ERR_INIT;
	char org_url[64];
	int t;

	if (ops_framework(fw_id, &fw, &e))
		fw = NULL;
	html_open(b, "nav", "class", "breadcrumb", "aria-label", tr(lang, MSG_WEB_BUILD_BREADCRUMB),
		  (char *)NULL);
	html_raw(b, "<ol><li>");
	snprintf(org_url, sizeof(org_url), "/o/%lld", o->id);
	html_elem(b, "a", o->name, "href", org_url, (char *)NULL);
	html_raw(b, "</li><li>");
	html_elem(b, "a", fw ? framework_name(fw, lang_code(lang)) : fw_id, "href",
		  kit_portfolio_href(req, o->id, fw_id, "catalogue"), (char *)NULL);
	html_raw(b, "</li></ol></nav>\n");
	html_open(b, "nav", "class", "tabs", "aria-label", tr(lang, MSG_WEB_BUILD_TABS),
		  (char *)NULL);
	html_raw(b, "<ul>");
	for (t = 0; t < TAB_COUNT; t++) {
		html_raw(b, t == TAB_ACTIONS ? "<li class=\"sep\">" : "<li>");
		html_open(b, "a", "href", kit_portfolio_href(req, o->id, fw_id, tabs[t].rest),
			  "aria-current", t == (int)active ? "page" : NULL, (char *)NULL);
		if (tabs[t].step)
			html_fmt(b, "<span class=\"step\">%d</span> ", tabs[t].step);
		html_text(b, tr(lang, tabs[t].label));
		html_raw(b, "</a></li>");
	}
	page_group_tab(req, b, o, fw_id);
	html_raw(b, "</ul></nav>\n");
	return buf_status(b);
}

int web_build_step_begin(struct http_req *req, struct http_resp *resp, const struct web_org *o,
			 const char *fw_id, enum portfolio_tab step, int status, enum msg_id intro)
{
	struct buf *b = &resp->body;
	const char *name = tr(req->lang, tabs[step].label);

	page_begin(req, resp, status, name);
	web_portfolio_nav(req, b, o, fw_id, step);
	html_fmt(b, "<h1><span class=\"step\">%d</span> %s</h1>\n", tabs[step].step, name);
	html_elem(b, "p", tr(req->lang, intro), "class", "lead", (char *)NULL);
	return buf_status(b);
}
