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
#include "web/http/http.h"
#include "web/webctx.h"

#define NAV_URL_MAX 4096 /* one link: org id, framework id, a page name */

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

int web_portfolio_url(struct buf *b, long long org_id, const char *fw_id, const char *rest)
{
	int rc = buf_printf(b, "/o/%lld/p/", org_id);

	if (!rc)
		rc = http_percent_encode(b, fw_id ? fw_id : "");
	if (!rc && rest && *rest) {
		rc = buf_addch(b, '/');
		if (!rc)
			rc = buf_addstr(b, rest);
	}
	return rc;
}

/* <a href="url">text</a>, with aria-current when current is set. */
static int link(struct buf *b, const char *url, const char *text, const char *current)
{
	int rc = html_open(b, "a", "href", url, "aria-current", current, (char *)NULL);

	if (!rc)
		rc = html_text(b, text);
	return rc ? rc : html_close(b, "a");
}

int web_portfolio_nav(struct http_req *req, struct buf *b, const struct web_org *o,
		      const char *fw_id, enum portfolio_tab active)
{
	enum lang lang = req->lang;
	const struct framework *fw = NULL;
	struct err e = ERR_INIT;
	struct buf url;
	char org_url[64];
	int rc, t;

	if (ops_framework(fw_id, &fw, &e))
		fw = NULL;
	buf_init(&url, NAV_URL_MAX);
	rc = html_open(b, "nav", "class", "breadcrumb", "aria-label",
		       tr(lang, MSG_WEB_BUILD_BREADCRUMB), (char *)NULL);
	if (!rc)
		rc = html_raw(b, "<ol><li>");
	snprintf(org_url, sizeof(org_url), "/o/%lld", o->id);
	if (!rc)
		rc = link(b, org_url, o->name, NULL);
	if (!rc)
		rc = html_raw(b, "</li><li>");
	if (!rc)
		rc = web_portfolio_url(&url, o->id, fw_id, "catalogue");
	if (!rc)
		rc = link(b, url.data,
			  fw ? (lang == LANG_JA && fw->name_ja ? fw->name_ja : fw->name_en) : fw_id,
			  NULL);
	if (!rc)
		rc = html_raw(b, "</li></ol></nav>\n");
	if (!rc)
		rc = html_open(b, "nav", "class", "tabs", "aria-label",
			       tr(lang, MSG_WEB_BUILD_TABS), (char *)NULL);
	if (!rc)
		rc = html_raw(b, "<ul>");
	for (t = 0; !rc && t < TAB_COUNT; t++) {
		buf_reset(&url);
		rc = web_portfolio_url(&url, o->id, fw_id, tabs[t].rest);
		if (!rc)
			rc = html_raw(b, t == TAB_ACTIONS ? "<li class=\"sep\">" : "<li>");
		if (!rc)
			rc = html_open(b, "a", "href", url.data, "aria-current",
				       t == (int)active ? "page" : NULL, (char *)NULL);
		if (!rc && tabs[t].step)
			rc = html_fmt(b, "<span class=\"step\">%d</span> ", tabs[t].step);
		if (!rc)
			rc = html_text(b, tr(lang, tabs[t].label));
		if (!rc)
			rc = html_raw(b, "</a></li>");
	}
	if (!rc)
		rc = html_raw(b, "</ul></nav>\n");
	buf_release(&url);
	return rc;
}
