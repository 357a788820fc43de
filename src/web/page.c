/*
 * page.c - the frame around every HTML page.
 */
#include "web/page.h"

#include "i18n/i18n.h"
#include "report/html.h"
#include "web/assets.h"
#include "web/http.h"

/* A language link: the current page in lang, marked when it is the current one. */
static int lang_link(struct buf *b, const struct http_req *req, int lang, enum msg_id name)
{
	const char *href = lang == LANG_JA ? "?lang=ja" : "?lang=en";
	int rc;

	rc = html_open(b, "a", "href", href, "hreflang", lang_code(lang), "lang", lang_code(lang),
		       "aria-current", req->lang == lang ? "true" : NULL, (char *)NULL);
	if (!rc)
		rc = html_text(b, tr(lang, name));
	return rc ? rc : html_close(b, "a");
}

int page_begin(struct http_req *req, struct http_resp *resp, int status, const char *title)
{
	struct buf *b = &resp->body;
	enum lang lang = req->lang;
	int rc;

	http_resp_html(resp, status);
	rc = html_fmt(b,
		      "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
		      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		      "<title>%s · %s</title>\n",
		      lang_code(lang), title, tr(lang, MSG_WEB_APP_NAME));
	if (!rc)
		rc = html_raw(b, "<link rel=\"stylesheet\"");
	if (!rc)
		rc = html_attr_url(b, "href", assets_url("app.css"));
	if (!rc)
		rc = html_raw(b, ">\n<link rel=\"icon\" type=\"image/svg+xml\"");
	if (!rc)
		rc = html_attr_url(b, "href", assets_url("icon.svg"));
	if (!rc)
		rc = html_raw(b, ">\n<script defer");
	if (!rc)
		rc = html_attr_url(b, "src", assets_url("app.js"));
	if (!rc)
		rc = html_raw(b, "></script>\n</head>\n<body>\n");
	if (!rc)
		rc = html_elem(b, "a", tr(lang, MSG_WEB_SKIP_TO_CONTENT), "class", "skip", "href",
			       "#content", (char *)NULL);
	if (!rc)
		rc = html_raw(b, "\n<header class=\"site\">\n<a class=\"brand\" href=\"/\">"
				 "<img alt=\"\" width=\"28\" height=\"28\"");
	if (!rc)
		rc = html_attr_url(b, "src", assets_url("icon.svg"));
	if (!rc)
		rc = html_raw(b, ">");
	if (!rc)
		rc = html_text(b, tr(lang, MSG_WEB_APP_NAME));
	if (!rc)
		rc = html_raw(b, "</a>\n");
	if (!rc)
		rc = html_open(b, "nav", "class", "lang", "aria-label", tr(lang, MSG_WEB_LANGUAGE),
			       (char *)NULL);
	if (!rc)
		rc = lang_link(b, req, LANG_EN, MSG_WEB_LANG_NAME_EN);
	if (!rc)
		rc = html_raw(b, " ");
	if (!rc)
		rc = lang_link(b, req, LANG_JA, MSG_WEB_LANG_NAME_JA);
	if (!rc)
		rc = html_raw(b, "</nav>\n</header>\n<main id=\"content\">\n");
	return rc;
}

int page_end(struct http_req *req, struct http_resp *resp)
{
	struct buf *b = &resp->body;
	int rc;

	rc = html_raw(b, "</main>\n<footer class=\"site\">\n<p>");
	if (!rc)
		rc = html_fmt(b, "%s — %s", tr(req->lang, MSG_WEB_APP_NAME),
			      tr(req->lang, MSG_WEB_TAGLINE));
	if (!rc)
		rc = html_raw(b, "</p>\n</footer>\n</body>\n</html>\n");
	return rc;
}
