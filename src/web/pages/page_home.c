/*
 * page_home.c - GET /: what cdcf is, the four steps of X.1060, sign in.
 */
#include "i18n/i18n.h"
#include "report/html.h"
#include "web/pages/page.h"
#include "web/routes.h"

static int step(struct buf *b, enum lang lang, enum msg_id name, enum msg_id text)
{
	int rc = html_raw(b, "<li>");

	if (!rc)
		rc = html_elem(b, "h3", tr(lang, name), (char *)NULL);
	if (!rc)
		rc = html_elem(b, "p", tr(lang, text), (char *)NULL);
	return rc ? rc : html_raw(b, "</li>\n");
}

int page_home(struct http_req *req, struct http_resp *resp)
{
	struct buf *b = &resp->body;
	enum lang lang = req->lang;
	int rc;

	rc = page_begin(req, resp, 200, tr(lang, MSG_WEB_TAGLINE));
	if (!rc)
		rc = html_raw(b, "<section class=\"hero\">\n");
	if (!rc)
		rc = html_elem(b, "h1", tr(lang, MSG_WEB_APP_NAME), (char *)NULL);
	if (!rc)
		rc = html_elem(b, "p", tr(lang, MSG_WEB_TAGLINE), "class", "lead", (char *)NULL);
	if (!rc)
		rc = html_elem(b, "p", tr(lang, MSG_WEB_INTRO), (char *)NULL);
	if (!rc)
		rc = html_raw(b, "\n<p class=\"actions\">");
	if (!rc)
		rc = html_elem(b, "a", tr(lang, MSG_WEB_SIGN_IN), "class", "button primary", "href",
			       "/login", (char *)NULL);
	if (!rc)
		rc = html_raw(b, "</p>\n</section>\n<section aria-labelledby=\"how\">\n");
	if (!rc)
		rc = html_elem(b, "h2", tr(lang, MSG_WEB_HOW_IT_WORKS), "id", "how", (char *)NULL);
	if (!rc)
		rc = html_raw(b, "\n<ol class=\"steps\">\n");
	if (!rc)
		rc = step(b, lang, MSG_CATALOGUE, MSG_WEB_STEP_CATALOGUE);
	if (!rc)
		rc = step(b, lang, MSG_PROFILE, MSG_WEB_STEP_PROFILE);
	if (!rc)
		rc = step(b, lang, MSG_PORTFOLIO, MSG_WEB_STEP_PORTFOLIO);
	if (!rc)
		rc = step(b, lang, MSG_EVALUATION, MSG_WEB_STEP_EVALUATION);
	if (!rc)
		rc = html_raw(b, "</ol>\n");
	if (!rc)
		rc = html_elem(b, "p", tr(lang, MSG_WEB_FRAMEWORKS), "class", "note", (char *)NULL);
	if (!rc)
		rc = html_raw(b, "\n</section>\n<p class=\"meta\">");
	if (!rc)
		rc = html_elem(b, "a", tr(lang, MSG_WEB_API_DOCS), "href", "/api/v1/openapi.json",
			       (char *)NULL);
	if (!rc)
		rc = html_raw(b, "</p>\n");
	return rc ? rc : page_end(req, resp);
}
