/*
 * routes.h - the web application: its one route table, the hook that runs
 * before every handler (language, authentication), its error pages, and
 * the handlers (one file per page or API area).
 *
 * Adding a page: write `int page_x(struct http_req *, struct http_resp *)`
 * in src/web/pages/page_x.c (frame from page.h, forms and notices from
 * kit.h, markup through report/html.h), declare it in its area's header and
 * add one row to web_routes[] in routes.c, in its area's block. It returns 0
 * with its answer in resp, or a negative ERR_* code after http_fail (the
 * dispatcher answers the failure: http.h). Routes
 * without HTTP_ROUTE_PUBLIC need a signed-in caller (req->auth set by
 * struct web_app.authenticate). The before hook checks the CSRF token of
 * every state-changing request (webapp.h: web_csrf_verify), so handlers
 * need not.
 */
#ifndef CDCF_WEB_ROUTES_H
#define CDCF_WEB_ROUTES_H

#include <stddef.h>

#include "web/http/http.h"

#define WEB_SESSION_COOKIE "cdcf_session" /* holds the session token, never its hash */
#define WEB_LANG_COOKIE "cdcf_lang"	  /* "en" / "ja", set by ?lang= */
#define WEB_LANG_COOKIE_AGE (365L * 24 * 3600)

/* Shared by every handler as req->app. */
struct web_app {
	/*
	 * Find who is asking, from the WEB_SESSION_COOKIE cookie or an
	 * "Authorization: Bearer <token>" header, and set req->auth (and
	 * req->lang from the user's setting). Return 0 (also when nobody is
	 * signed in) or a negative ERR_* on a store failure. NULL: the auth
	 * layer is not wired yet and nobody is signed in.
	 */
	int (*authenticate)(struct http_req *req);
	void *ctx; /* what authenticate and the handlers need (the store) */
};

/*
 * The whole table, a constant array: the core routes (/, /static, /healthz,
 * the OpenAPI document), then the account, build, manage and API areas,
 * then the /api/v1 catch-all last; first match wins.
 */
extern const struct http_route web_routes[];
extern const size_t web_routes_count;

/* http_server_options.before: language (?lang=, cookie), authentication,
 * then answers itself with 401 (API) or a redirect to /login (pages) for
 * non-public routes without a caller, and 403 for a failed CSRF check. */
int web_before(struct http_req *req, struct http_resp *resp);

/* http_server_options.error_page: the error page in the request's language. */
void web_error_page(struct http_req *req, struct http_resp *resp, int status, const char *message);

/* GET /: the dashboard for a signed-in user, the landing page otherwise. */
int page_root(struct http_req *req, struct http_resp *resp);

/* page_home.c: the landing page */
int page_home(struct http_req *req, struct http_resp *resp);

/* page_dashboard.c: what a signed-in user sees first */
int page_dashboard(struct http_req *req, struct http_resp *resp);

/* page_login.c and page_account.c */
int page_login(struct http_req *req, struct http_resp *resp);
int page_login_post(struct http_req *req, struct http_resp *resp);
int page_logout_post(struct http_req *req, struct http_resp *resp);
int page_setup(struct http_req *req, struct http_resp *resp);
int page_setup_post(struct http_req *req, struct http_resp *resp);
int page_account(struct http_req *req, struct http_resp *resp);
int page_account_password(struct http_req *req, struct http_resp *resp);
int page_account_lang(struct http_req *req, struct http_resp *resp);
int page_account_token_create(struct http_req *req, struct http_resp *resp);
int page_account_token_revoke(struct http_req *req, struct http_resp *resp);

/* api_meta.c */
int api_healthz(struct http_req *req, struct http_resp *resp);
int api_readyz(struct http_req *req, struct http_resp *resp);

/* The answer cache's key of req (web/answer_key.c; http_server_options.cache_key). */
int web_cache_key(struct http_req *req, unsigned char key[32]);
int api_openapi(struct http_req *req, struct http_resp *resp);
int api_unknown(struct http_req *req, struct http_resp *resp);

#endif
