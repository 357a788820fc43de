/*
 * routes.h - the web application: its one route table, the hook that runs
 * before every handler (language, authentication), its error pages, and
 * the handlers (one file per page or API area).
 *
 * Adding a page: write `int page_x(struct http_req *, struct http_resp *)`
 * in src/web/page_x.c (frame from page.h, markup through report/html.h),
 * declare it below and add one row to web_routes[] in routes.c. Routes
 * without HTTP_ROUTE_PUBLIC need a signed-in caller (req->auth set by
 * struct web_app.authenticate); state-changing page routes check the CSRF
 * token from auth.h against the session.
 */
#ifndef CDCF_WEB_ROUTES_H
#define CDCF_WEB_ROUTES_H

#include <stddef.h>

#include "web/http.h"

#define WEB_SESSION_COOKIE "cdcf_session" /* holds the session token, never its hash */
#define WEB_LANG_COOKIE "cdcf_lang"       /* "en" / "ja", set by ?lang= */
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

extern const struct http_route web_routes[];
extern const size_t web_routes_count;

/* http_server_options.before: language (?lang=, cookie), authentication,
 * 401 (API) or redirect to /login (pages) for non-public routes. */
int web_before(struct http_req *req, struct http_resp *resp);

/* http_server_options.error_page: the error page in the request's language. */
void web_error_page(struct http_req *req, struct http_resp *resp, int status,
		    const char *message);

/* page_home.c */
int page_home(struct http_req *req, struct http_resp *resp);

/* api_meta.c */
int api_healthz(struct http_req *req, struct http_resp *resp);
int api_openapi(struct http_req *req, struct http_resp *resp);
int api_unknown(struct http_req *req, struct http_resp *resp);

#endif
