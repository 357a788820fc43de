/*
 * routes.c - the route table of `cdcf serve`, and what runs around every
 * handler: language choice, authentication, error pages.
 */
#include "web/routes.h"

#include <stdio.h>
#include <string.h>

#include "i18n/i18n.h"
#include "report/html.h"
#include "util/err.h"
#include "web/assets.h"
#include "web/page.h"

/* First match wins: specific routes before the /api/v1 catch-all. */
const struct http_route web_routes[] = {
	{"GET", "/", page_home, HTTP_ROUTE_PUBLIC},
	{"GET", "/static/{file}", assets_handler, HTTP_ROUTE_PUBLIC},
	{"GET", "/healthz", api_healthz, HTTP_ROUTE_PUBLIC | HTTP_ROUTE_API},
	{"GET", "/api/v1/openapi.json", api_openapi, HTTP_ROUTE_PUBLIC | HTTP_ROUTE_API},
	{"*", "/api/v1/{rest*}", api_unknown, HTTP_ROUTE_API},
};

const size_t web_routes_count = sizeof(web_routes) / sizeof(web_routes[0]);

static int is_api(const struct http_req *req)
{
	if (req->route && (req->route->flags & HTTP_ROUTE_API))
		return 1;
	return !strncmp(req->path, "/api/", 5);
}

/* Language: ?lang= (remembered in a cookie), else the cookie, else Accept-Language. */
static int choose_lang(struct http_req *req, struct http_resp *resp)
{
	const char *q = http_req_query(req, "lang");
	const char *c = http_req_cookie(req, WEB_LANG_COOKIE);
	int lang;

	if (q && (lang = lang_parse(q)) >= 0) {
		req->lang = lang;
		return http_resp_cookie(resp, req, WEB_LANG_COOKIE, lang_code(lang),
					WEB_LANG_COOKIE_AGE, 0);
	}
	if (c && (lang = lang_parse(c)) >= 0)
		req->lang = lang;
	return 0;
}

/* 303 to /login?next=<this path>, so the user comes back after signing in. */
static int redirect_to_login(struct http_req *req, struct http_resp *resp)
{
	struct buf loc;
	int rc;

	buf_init(&loc, HTTP_MAX_PATH * 3 + 32);
	rc = buf_addstr(&loc, "/login?next=");
	if (!rc)
		rc = http_percent_encode(&loc, req->path);
	if (!rc)
		rc = http_redirect(resp, 303, loc.data);
	buf_release(&loc);
	return rc ? rc : 1;
}

int web_before(struct http_req *req, struct http_resp *resp)
{
	const struct web_app *app = req->app;
	int rc;

	rc = choose_lang(req, resp);
	if (rc)
		return rc;
	if (app && app->authenticate) {
		rc = app->authenticate(req);
		if (rc)
			return rc;
	}
	if ((req->route->flags & HTTP_ROUTE_PUBLIC) || req->auth)
		return 0;
	if (is_api(req)) {
		rc = http_resp_header(resp, "WWW-Authenticate", "Bearer realm=\"cdcf\"");
		if (!rc)
			rc = http_json_error(resp, 401, "unauthenticated",
					     "sign in, or send an API token as 'Authorization: Bearer <token>'");
		return rc ? rc : 1;
	}
	return redirect_to_login(req, resp);
}

static enum msg_id error_text(int status)
{
	switch (status) {
	case 400: return MSG_WEB_ERR_400;
	case 401: return MSG_WEB_ERR_401;
	case 403: return MSG_WEB_ERR_403;
	case 404: return MSG_WEB_ERR_404;
	case 405: return MSG_WEB_ERR_405;
	case 409: return MSG_WEB_ERR_409;
	case 413: return MSG_WEB_ERR_413;
	case 429: return MSG_WEB_ERR_429;
	case 500: return MSG_WEB_ERR_500;
	default: return MSG_WEB_ERR_OTHER;
	}
}

void web_error_page(struct http_req *req, struct http_resp *resp, int status,
		    const char *message)
{
	const char *c = http_req_cookie(req, WEB_LANG_COOKIE);
	struct http_params query;
	char title[64];
	struct buf *b = &resp->body;
	int rc, lang;

	(void)message; /* technical detail, English only: kept for the API and the log */
	if (c && (lang = lang_parse(c)) >= 0)
		req->lang = lang;
	/* the query may not have been parsed when routing failed: look for ?lang= here */
	http_params_init(&query);
	http_form_parse(req->query_string, strlen(req->query_string), &query);
	if ((lang = lang_parse(http_params_get(&query, "lang"))) >= 0)
		req->lang = lang;
	http_params_release(&query);
	snprintf(title, sizeof(title), "%d %s", status, tr(req->lang, MSG_WEB_ERR_TITLE));
	rc = page_begin(req, resp, status, title);
	if (!rc)
		rc = html_raw(b, "<section class=\"error\">\n");
	if (!rc)
		rc = html_elem(b, "h1", tr(req->lang, error_text(status)), (char *)NULL);
	if (!rc)
		rc = html_fmt(b, "\n<p class=\"status\">%d %s</p>\n<p>", status,
			      http_status_reason(status));
	if (!rc)
		rc = html_elem(b, "a", tr(req->lang, MSG_WEB_BACK_HOME), "href", "/", (char *)NULL);
	if (!rc)
		rc = html_raw(b, "</p>\n</section>\n");
	if (!rc)
		rc = page_end(req, resp);
	if (rc) { /* the page cannot be rendered: a bare status line still answers */
		http_resp_text(resp, status);
		buf_addstr(b, http_status_reason(status));
	}
}
