/*
 * routes.c - the route table of `cdcf serve`, and what runs around every
 * handler: language choice, authentication, error pages.
 */
#include "web/routes.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "i18n/i18n.h"
#include "report/html.h"
#include "util/err.h"
#include "web/http/assets.h"
#include "web/pages/page.h"
#include "web/webapp.h"

/* Core routes: before the areas. */
static const struct http_route core_routes[] = {
    {"GET", "/", page_root, HTTP_ROUTE_PUBLIC},
    {"GET", "/static/{file}", assets_handler, HTTP_ROUTE_PUBLIC},
    {"GET", "/healthz", api_healthz, HTTP_ROUTE_PUBLIC | HTTP_ROUTE_API},
    {"GET", "/api/v1/openapi.json", api_openapi, HTTP_ROUTE_PUBLIC | HTTP_ROUTE_API},
};

/* After every area: unknown API paths answer a JSON 404 (401 without credentials). */
static const struct http_route catch_all = {"*", "/api/v1/{rest*}", api_unknown, HTTP_ROUTE_API};

#define WEB_ROUTES_MAX 1024

static struct http_route table[WEB_ROUTES_MAX];
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

const struct http_route *web_routes = table;
size_t web_routes_count;

static void add_routes(const struct http_route *r, size_t n)
{
	size_t i;

	for (i = 0; i < n && web_routes_count < WEB_ROUTES_MAX; i++)
		table[web_routes_count++] = r[i];
}

static void build_table(void)
{
	web_routes_count = 0;
	add_routes(core_routes, sizeof(core_routes) / sizeof(core_routes[0]));
	add_routes(routes_account, routes_account_count);
	add_routes(routes_build, routes_build_count);
	add_routes(routes_manage, routes_manage_count);
	add_routes(routes_api, routes_api_count);
	add_routes(&catch_all, 1);
}

void web_routes_init(void)
{
	pthread_once(&table_once, build_table);
}

/* Ready before main(): tests that only read web_routes need no set-up. */
__attribute__((constructor)) static void routes_at_start(void)
{
	web_routes_init();
}

int page_root(struct http_req *req, struct http_resp *resp)
{
	return req->auth ? page_dashboard(req, resp) : page_home(req, resp);
}

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
	int rc, lang;

	rc = choose_lang(req, resp);
	if (rc)
		return rc;
	/* assets and the health check answer everybody alike: no database trip */
	if (req->route->handler == assets_handler || req->route->handler == api_healthz)
		return 0;
	if (app && app->authenticate) {
		rc = app->authenticate(req);
		if (rc)
			return rc;
		/* the user's setting replaced the cookie's choice; ?lang= still wins */
		if ((lang = lang_parse(http_req_query(req, "lang"))) >= 0)
			req->lang = lang;
	}
	if (!(req->route->flags & HTTP_ROUTE_PUBLIC) && !req->auth) {
		if (is_api(req)) {
			rc = http_resp_header(resp, "WWW-Authenticate", "Bearer realm=\"cdcf\"");
			if (!rc)
				rc = http_json_error(resp, 401, "unauthenticated",
						     "sign in, or send an API token as "
						     "'Authorization: Bearer <token>'");
			return rc ? rc : 1;
		}
		return redirect_to_login(req, resp);
	}
	/* without an auth layer there are no sessions, hence no tokens to check */
	return app && app->authenticate ? web_csrf_verify(req, resp) : 0;
}

static enum msg_id error_text(int status)
{
	switch (status) {
	case 400:
		return MSG_WEB_ERR_400;
	case 401:
		return MSG_WEB_ERR_401;
	case 403:
		return MSG_WEB_ERR_403;
	case 404:
		return MSG_WEB_ERR_404;
	case 405:
		return MSG_WEB_ERR_405;
	case 409:
		return MSG_WEB_ERR_409;
	case 413:
		return MSG_WEB_ERR_413;
	case 429:
		return MSG_WEB_ERR_429;
	case 500:
		return MSG_WEB_ERR_500;
	default:
		return MSG_WEB_ERR_OTHER;
	}
}

void web_error_page(struct http_req *req, struct http_resp *resp, int status, const char *message)
{
	const char *c = http_req_cookie(req, WEB_LANG_COOKIE);
	struct http_params query;
	char title[64];
	struct buf *b = &resp->body;
	int rc, lang;

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
	/* what the user got wrong (store and ops messages name the subject); never
	 * for 5xx, where the message is a technical detail kept for the log */
	if (!rc && message && *message && status >= 400 && status < 500 && status != 401 &&
	    status != 404)
		rc = html_elem(b, "p", message, "class", "detail", (char *)NULL);
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
