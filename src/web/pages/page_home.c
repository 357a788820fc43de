/*
 * page_home.c - GET /: what cdcf is, the four steps of X.1060, sign in.
 */
#include "i18n/i18n.h"
#include "report/html.h"
#include "web/pages/page.h"
#include "web/routes.h"

static int step(struct buf *b, enum lang lang, enum msg_id name, enum msg_id text)
{
	html_raw(b, "<li>");
	html_elem(b, "h3", tr(lang, name), (char *)NULL);
	html_elem(b, "p", tr(lang, text), (char *)NULL);
	html_raw(b, "</li>\n");
	return buf_status(b);
}

int page_home(struct http_req *req, struct http_resp *resp)
{
	struct buf *b = &resp->body;
	enum lang lang = req->lang;

	page_begin(req, resp, 200, tr(lang, MSG_WEB_TAGLINE));
	html_raw(b, "<section class=\"hero\">\n");
	html_elem(b, "h1", tr(lang, MSG_WEB_APP_NAME), (char *)NULL);
	html_elem(b, "p", tr(lang, MSG_WEB_TAGLINE), "class", "lead", (char *)NULL);
	html_elem(b, "p", tr(lang, MSG_WEB_INTRO), (char *)NULL);
	html_raw(b, "\n<p class=\"actions\">");
	html_elem(b, "a", tr(lang, MSG_WEB_SIGN_IN), "class", "button primary", "href", "/login",
		  (char *)NULL);
	html_raw(b, "</p>\n</section>\n<section aria-labelledby=\"how\">\n");
	html_elem(b, "h2", tr(lang, MSG_WEB_HOW_IT_WORKS), "id", "how", (char *)NULL);
	html_raw(b, "\n<ol class=\"steps\">\n");
	step(b, lang, MSG_CATALOGUE, MSG_WEB_STEP_CATALOGUE);
	step(b, lang, MSG_PROFILE, MSG_WEB_STEP_PROFILE);
	step(b, lang, MSG_PORTFOLIO, MSG_WEB_STEP_PORTFOLIO);
	step(b, lang, MSG_EVALUATION, MSG_WEB_STEP_EVALUATION);
	html_raw(b, "</ol>\n");
	html_elem(b, "p", tr(lang, MSG_WEB_FRAMEWORKS), "class", "note", (char *)NULL);
	html_raw(b, "\n</section>\n<p class=\"meta\">");
	html_elem(b, "a", tr(lang, MSG_WEB_API_DOCS), "href", "/api/v1/openapi.json", (char *)NULL);
	html_raw(b, "</p>\n");
	page_end(req, resp);
	return buf_status(b);
}
