/*
 * page.c - the frame around every HTML page.
 */
#include "web/pages/page.h"

#include <string.h>

#include "i18n/i18n.h"
#include "report/html.h"
#include "web/http/assets.h"
#include "web/http/http.h"
#include "web/webctx.h"

/* A language link: the current page and its query (filters, ?next=) in lang,
 * marked when it is the current one. */
static int lang_link(struct buf *b, const struct http_req *req, int lang, enum msg_id name)
{
	struct buf href;
	size_t i;

	buf_init(&href, HTTP_MAX_PATH * 4);
	buf_addch(&href, '?');
	for (i = 0; i < req->query.n; i++) {
		if (!strcmp(req->query.v[i].name, "lang"))
			continue;
		http_percent_encode(&href, req->query.v[i].name);
		buf_addch(&href, '=');
		http_percent_encode(&href, req->query.v[i].value);
		buf_addch(&href, '&');
	}
	if (buf_status(
		&href)) { /* a query too long to repeat: switch the language of the bare page */
		buf_reset(&href);
		buf_addch(&href, '?');
	}
	buf_printf(&href, "lang=%s", lang_code(lang));
	html_open(b, "a", "href", href.data, "hreflang", lang_code(lang), "lang", lang_code(lang),
		  "aria-current", req->lang == lang ? "true" : NULL, (char *)NULL);
	html_text(b, tr(lang, name));
	html_close(b, "a");
	buf_release(&href);
	return buf_status(b);
}

/* The signed-in user's menu: shortcuts, account, sign out (a POST form with
 * the CSRF token, so a link elsewhere cannot sign anyone out). */
static int user_menu(struct http_req *req, struct buf *b)
{
	const struct web_user *u = web_user(req);
	enum lang lang = req->lang;

	if (!u || u->via_token)
		return buf_status(b);
	html_open(b, "nav", "class", "user", "aria-label", tr(lang, MSG_WEB_ACCOUNT), (char *)NULL);
	html_elem(b, "a", tr(lang, MSG_WM_MY_ACTIONS), "href", "/my/actions", (char *)NULL);
	html_elem(b, "a", tr(lang, MSG_WM_ORGANIZATIONS), "href", "/orgs", (char *)NULL);
	html_elem(b, "a", tr(lang, MSG_WEB_SURVEYS), "href", "/surveys", (char *)NULL);
	if (u->is_admin)
		html_elem(b, "a", tr(lang, MSG_WM_USERS), "href", "/admin/users", (char *)NULL);
	html_elem(b, "a", u->name, "href", "/account", "title", tr(lang, MSG_WEB_ACCOUNT),
		  (char *)NULL);
	html_raw(b, "<form method=\"post\" action=\"/logout\" class=\"signout\">");
	web_csrf_field(req, b);
	html_elem(b, "button", tr(lang, MSG_WEB_SIGN_OUT), "type", "submit", (char *)NULL);
	html_raw(b, "</form></nav>\n");
	return buf_status(b);
}

int page_begin(struct http_req *req, struct http_resp *resp, int status, const char *title)
{
	struct buf *b = &resp->body;
	enum lang lang = req->lang;

	http_resp_html(resp, status);
	html_fmt(b,
		 "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
		 "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		 "<title>%s · %s</title>\n",
		 lang_code(lang), title, tr(lang, MSG_WEB_APP_NAME));
	html_raw(b, "<link rel=\"stylesheet\"");
	html_attr_url(b, "href", assets_url("app.css"));
	html_raw(b, ">\n<link rel=\"icon\" type=\"image/svg+xml\"");
	html_attr_url(b, "href", assets_url("icon.svg"));
	html_raw(b, ">\n<script defer");
	html_attr_url(b, "src", assets_url("app.js"));
	html_raw(b, "></script>\n<script defer");
	html_attr_url(b, "src", assets_url("progress.js"));
	html_raw(b, "></script>\n</head>\n<body>\n");
	html_elem(b, "a", tr(lang, MSG_WEB_SKIP_TO_CONTENT), "class", "skip", "href", "#content",
		  (char *)NULL);
	html_raw(b, "\n<header class=\"site\">\n<a class=\"brand\" href=\"/\">"
		    "<img alt=\"\" width=\"28\" height=\"28\"");
	html_attr_url(b, "src", assets_url("icon.svg"));
	html_raw(b, ">");
	html_text(b, tr(lang, MSG_WEB_APP_NAME));
	html_raw(b, "</a>\n");
	user_menu(req, b);
	html_open(b, "nav", "class", "lang", "aria-label", tr(lang, MSG_WEB_LANGUAGE),
		  (char *)NULL);
	lang_link(b, req, LANG_EN, MSG_WEB_LANG_NAME_EN);
	html_raw(b, " ");
	lang_link(b, req, LANG_JA, MSG_WEB_LANG_NAME_JA);
	html_raw(b, "</nav>\n</header>\n<main id=\"content\">\n");
	return buf_status(b);
}

int page_end(struct http_req *req, struct http_resp *resp)
{
	struct buf *b = &resp->body;

	html_raw(b, "</main>\n<footer class=\"site\">\n<p>");
	html_fmt(b, "%s — %s", tr(req->lang, MSG_WEB_APP_NAME), tr(req->lang, MSG_WEB_TAGLINE));
	html_raw(b, "</p>\n</footer>\n</body>\n</html>\n");
	return buf_status(b);
}
