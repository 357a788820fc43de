/*
 * webctx.h - what every page and API handler uses to reach the data and to
 * check who may do what. Implemented in web/webctx.c (store pool, the
 * authenticate hook, roles) and web/csrf.c.
 *
 * A handler:
 *
 *   int page_portfolio(struct http_req *req, struct http_resp *resp)
 *   {
 *           struct web_org o;
 *           int rc = web_org(req, ROLE_VIEWER, &o);  // ERR_NOT_FOUND: not a member
 *           if (rc)
 *                   return rc;                       // the dispatcher answers 404
 *           struct store *st = web_store(req);
 *           if (ops_load(st, o.name, http_req_param(req, "fw"), &p, &e))
 *                   return http_fail(req, &e);
 *           ...
 *   }
 *
 * Roles (per organization): viewer < assessor < editor < admin. A site
 * administrator (users.is_admin) is admin everywhere. An assessor may only
 * score the services assigned to its own team (ops_may_score). A user never
 * learns that an organization they are not a member of exists: 404, not 403.
 */
#ifndef CDCF_WEB_WEBCTX_H
#define CDCF_WEB_WEBCTX_H

#include "ops/ops.h"
#include "store/store_user.h"
#include "web/http/http.h"

struct buf;

/* Who is asking (req->auth points at this). */
struct web_user {
	long long id;
	char *name;
	int is_admin;
	int via_token; /* API token: no CSRF needed, no cookies */
	long long session_id;
	char csrf[72]; /* the CSRF token for this session's forms ("" for tokens) */
};

/* The signed-in user, or NULL. */
const struct web_user *web_user(const struct http_req *req);

/* The store for this request (taken from the pool, given back when the request ends). */
struct store *web_store(struct http_req *req);

/* An organization the caller may see, with the caller's role in it. */
struct web_org {
	long long id;
	const char *name;   /* per-request memory */
	const char *parent; /* NULL when none */
	enum role role;
	long long team_id; /* assessor's team, 0 = none */
};

/*
 * Resolve the {org} path parameter (a numeric organization id) and check the
 * caller holds at least min_role in it. Returns 0 with *out filled, or fails
 * (http_fail): ERR_NOT_FOUND for an unknown organization or one the caller is
 * not a member of (the same answer), ERR_DENIED for a member with too small
 * a role, the store's error otherwise.
 */
int web_org(struct http_req *req, enum role min_role, struct web_org *out);

/* The caller as ops sees it (ops/ops.h struct ops_actor): the signed-in user, whether a
 * site administrator, and the role and team in o (NULL: no organization at hand). */
struct ops_actor web_actor(struct http_req *req, const struct web_org *o);

/* The same check for an organization id the handler already has. */
int web_org_id(struct http_req *req, long long org_id, enum role min_role, struct web_org *out);

/* Write <input type="hidden" name="csrf" value="..."> for the session. */
int web_csrf_field(struct http_req *req, struct buf *b);

/* Record the actor of store audit events for this request (the user's name). */
void web_store_actor(struct http_req *req);

#endif
