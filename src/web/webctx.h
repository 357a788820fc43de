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
 *           int rc = web_org(req, resp, ROLE_VIEWER, &o);  // 404 when not a member
 *           if (rc)
 *                   return rc > 0 ? 0 : rc;                // 1: already answered
 *           struct store *st = web_store(req);
 *           ... ops_load(st, o.name, http_req_param(req, "fw"), &p, &e) ...
 *   }
 *
 * Roles (per organization): viewer < assessor < editor < admin. A site
 * administrator (users.is_admin) is admin everywhere. An assessor may only
 * score the services assigned to its own team (web_may_score). A user never
 * learns that an organization they are not a member of exists: 404, not 403.
 */
#ifndef CDCF_WEB_WEBCTX_H
#define CDCF_WEB_WEBCTX_H

#include "store/store_user.h"
#include "web/http/http.h"

struct buf;
struct entry;

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
 * caller holds at least min_role in it. Returns 0 with *out filled; 1 after
 * answering 404 (unknown or not a member: the same answer) or 403 (member
 * with too small a role) in the request's style (page or JSON); < 0 on a
 * store failure.
 */
int web_org(struct http_req *req, struct http_resp *resp, enum role min_role, struct web_org *out);

/* The same check for an organization id the handler already has. */
int web_org_id(struct http_req *req, struct http_resp *resp, long long org_id, enum role min_role,
	       struct web_org *out);

/* May the caller score this entry? editors and admins: yes; assessors: only
 * when the entry is assigned (in-house or hybrid) to their team. */
int web_may_score(const struct web_org *o, const struct entry *en);

/* Write <input type="hidden" name="csrf" value="..."> for the session. */
int web_csrf_field(struct http_req *req, struct buf *b);

/*
 * Answer an ops/store error: the status is http_status_for_err's (ERR_INVALID
 * 400, 422 on the API; ERR_NOT_FOUND 404, ERR_CONFLICT 409, ERR_TOO_LARGE 413,
 * ERR_DENIED 403, ERR_BUSY 503 with Retry-After, others 500 with the message
 * logged, not shown). The message is err_text in the request's language; the
 * API's error object is {"status", "code", "field" (e->field, when set),
 * "message"}, a page shows the message under the status's own text. Returns 0.
 */
int web_fail(struct http_req *req, struct http_resp *resp, const struct err *e);

/* Record the actor of store audit events for this request (the user's name). */
void web_store_actor(struct http_req *req);

#endif
