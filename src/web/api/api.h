/*
 * api.h - the JSON REST API under /api/v1: its handlers (one file per area,
 * src/web/api/api_<area>.c, listed in routes.c's table) and the small helpers they
 * share (api_util.c).
 *
 * Conventions every handler follows:
 *  - errors are {"error": {"status", "code", "field", "message"}}: the
 *    message in the request's language (?lang=, cookie, Accept-Language,
 *    the user's setting), "field" whenever the error names the input it is
 *    about (always for 422), "current" (the stored entry) for 409;
 *  - request bodies are JSON objects (400 with the parse position when not);
 *  - lists that can grow are paginated: ?page= (>= 1) and ?per_page=
 *    (1..API_PER_PAGE_MAX, default API_PER_PAGE_DEFAULT) give
 *    {"items", "page", "per_page", "total"} and a Link header;
 *  - changes go through ops_* (or store_* where ops has no action), reads
 *    through ops_load and store_* lists; roles through webctx.h;
 *  - a handler returns 0 with its answer in resp, or a negative code: after
 *    http_fail / api_fail, or with its own error object (api_answered);
 *  - an entry's version is its ETag "\"v<version>\""; PATCH needs If-Match.
 * The OpenAPI document (openapi.c) describes every route listed here.
 */
#ifndef CDCF_WEB_API_H
#define CDCF_WEB_API_H

#include <stddef.h>

#include <jansson.h>

#include "core/portfolio.h"
#include "store/store.h"
#include "store/store_user.h"
#include "util/err.h"
#include "web/http/http.h"

#define API_PER_PAGE_DEFAULT 50
#define API_PER_PAGE_MAX 200
#define API_JSON_MAX_DEPTH 32 /* nesting of a request body */

/* ---- helpers (api_util.c) ---- */

/*
 * For `return api_answered(http_json_error(...))`, a refusal whose error
 * object is written into resp already: ERR_INVALID, so that the callers stop
 * and pass it up, and the dispatcher sends the object as written (http.h);
 * or the error writing it. The helpers below refuse this way.
 */
static inline int api_answered(int rc)
{
	return rc ? rc : ERR_INVALID;
}

/*
 * Parse the request body as one JSON object into *out (new reference).
 * Returns 0, or refuses with 400 (api_answered): empty body, malformed JSON
 * (the error carries "line", "column" and "position" of the parse error), a
 * value that is not an object, or nesting deeper than API_JSON_MAX_DEPTH.
 */
int api_body(struct http_req *req, struct http_resp *resp, json_t **out);

/*
 * Take an optional string member of obj into *out (borrowed; NULL when
 * absent or null). Returns 0, or refuses with 422 naming the field when the
 * member is there but not a string.
 */
int api_opt_string(struct http_req *req, struct http_resp *resp, const json_t *obj,
		   const char *field, const char **out);

/* The same for a member that must be present and a non-empty string. */
int api_req_string(struct http_req *req, struct http_resp *resp, const json_t *obj,
		   const char *field, const char **out);

/*
 * Refuse members of obj not named in allowed[0..n) with 422 naming the
 * first unknown one ("unknown field 'x'"). Returns 0, or refuses.
 */
int api_known_fields(struct http_req *req, struct http_resp *resp, const json_t *obj,
		     const char *const *allowed, size_t n);

/* One member of a request body that a handler takes: its name, and for a
 * string member where its value goes (borrowed from the body) and whether it
 * must be a non-empty string; out NULL for a member the handler reads itself. */
struct api_member {
	const char *name;
	int required;
	const char **out;
};

/*
 * Refuse members of obj not named in m[0..n) (as api_known_fields), then
 * take each string member in order: api_req_string when required, else
 * api_opt_string. Returns 0, or refuses with 422 naming the member.
 */
int api_take_members(struct http_req *req, struct http_resp *resp, const json_t *obj,
		     const struct api_member *m, size_t n);

/* api_body into *body (new reference, NULL when refused), then api_take_members. */
int api_body_members(struct http_req *req, struct http_resp *resp, json_t **body,
		     const struct api_member *m, size_t n);

/* The text of message id with its arguments (err_fail's conventions) in the request's
 * language, into buf; returns buf. */
const char *api_message(const struct http_req *req, char buf[ERR_MSG_MAX], enum msg_id id, ...);

/* 422 {"error": {"status", "code": "invalid", "field": field, "message": message}}.
 * Bytes of field or message that are not UTF-8 (a name cut in a character) are not
 * echoed: field is cut back to whole characters, such bytes of message are replaced
 * with U+FFFD. Returns 0 (a handler's answer), or wrapped in api_answered a
 * helper's refusal. */
int api_invalid(struct http_resp *resp, const char *field, const char *message);

/* api_invalid with the message id and its arguments in the request's language. */
int api_invalid_msg(struct http_req *req, struct http_resp *resp, const char *field, enum msg_id id,
		    ...);

/*
 * {"error": {"status", "code", "field", "message"}} with status and code ("field" when
 * field is neither NULL nor ""), the message id with its arguments in the request's
 * language. Returns 0 (answered) or < 0.
 */
int api_error(struct http_req *req, struct http_resp *resp, int status, const char *code,
	      const char *field, enum msg_id id, ...);

/*
 * Fail with an ops/store error, its message in the request's language. With
 * field set, user errors about the input (ERR_INVALID, ERR_TOO_LARGE,
 * ERR_NOT_FOUND) are 422 naming it (api_invalid); without, http_fail answers
 * (ERR_NOT_FOUND 404, ..., "field" from e->field when the error names one):
 * ERR_CONFLICT is 409, ERR_DENIED 403; internal errors 500 with the message
 * logged, not shown. Returns a negative code.
 */
int api_fail(struct http_req *req, struct http_resp *resp, const struct err *e, const char *field);

/* api_fail for a refusal of an ops_* action: about the input e names (e->field)
 * when it names one, else as a whole. */
int api_refuse(struct http_req *req, struct http_resp *resp, const struct err *e);

/* Send json (stolen, may be NULL: 500) with status. */
int api_send(struct http_resp *resp, int status, json_t *json);

struct api_page {
	size_t page;	 /* 1-based */
	size_t per_page; /* 1..API_PER_PAGE_MAX */
	size_t offset;	 /* (page - 1) * per_page */
};

/* Read ?page= and ?per_page=. Returns 0, or refuses with 400. */
int api_page_parse(struct http_req *req, struct http_resp *resp, struct api_page *pg);

/*
 * Send {"items": items (stolen: the items of this page only), "page",
 * "per_page", "total"} with a Link header (first, prev, next, last; the
 * other query parameters kept) and X-Total-Count.
 */
int api_page_send(struct http_req *req, struct http_resp *resp, const struct api_page *pg,
		  json_t *items, size_t total);

/* "\"v<version>\"" into out. */
void api_etag(long long version, char out[32]);

/* An entry as the API shows it: store_entry_json plus "name", "category",
 * "provisional" and "warning" (new reference). */
json_t *api_entry_json(const struct portfolio *p, const struct entry *en, const char *lang);

struct web_org;

/*
 * Check the caller holds min_role in {org} (web_org) and load its portfolio
 * for {fw} (ops_load) into p, which must be initialised. Returns 0, or fails
 * (404 unknown organization, framework or portfolio; 403; store errors).
 */
int api_portfolio_load(struct http_req *req, struct http_resp *resp, enum role min_role,
		       struct web_org *w, struct portfolio *p);

/* {"organization": {"id", "name"}, "framework", "cycle", "next_evaluation",
 * "progress", "entries"} */
json_t *api_portfolio_json(const struct portfolio *p, const char *lang);

/* The caller's language code for names ("en" / "ja"). */
const char *api_lang(const struct http_req *req);

/* ---- handlers ---- */

/* api_meta.c: healthz, openapi and the /api/v1 catch-all are declared in
 * routes.h (routes.c lists them too). */

/* api_catalog.c */
int api_me(struct http_req *req, struct http_resp *resp);
int api_frameworks(struct http_req *req, struct http_resp *resp);
int api_framework(struct http_req *req, struct http_resp *resp);

/* api_org.c */
int api_orgs(struct http_req *req, struct http_resp *resp);
int api_org_create(struct http_req *req, struct http_resp *resp);
int api_org(struct http_req *req, struct http_resp *resp);
int api_team_create(struct http_req *req, struct http_resp *resp);
int api_provider_create(struct http_req *req, struct http_resp *resp);
/* PATCH {"name"} renames, DELETE deletes (refused while something refers to it);
 * both answer the organization, team or provider as it now is or last was. */
int api_org_rename(struct http_req *req, struct http_resp *resp);
int api_org_delete(struct http_req *req, struct http_resp *resp);
int api_team_rename(struct http_req *req, struct http_resp *resp);
int api_team_delete(struct http_req *req, struct http_resp *resp);
int api_provider_rename(struct http_req *req, struct http_resp *resp);
int api_provider_delete(struct http_req *req, struct http_resp *resp);
int api_audit(struct http_req *req, struct http_resp *resp);
int api_export(struct http_req *req, struct http_resp *resp);

/* api_portfolio.c */
int api_portfolio(struct http_req *req, struct http_resp *resp);
int api_portfolio_create(struct http_req *req, struct http_resp *resp);
int api_service_create(struct http_req *req, struct http_resp *resp);
int api_report(struct http_req *req, struct http_resp *resp);
int api_gaps(struct http_req *req, struct http_resp *resp);
int api_schedule(struct http_req *req, struct http_resp *resp);
/* api_position.c */
int api_position_put(struct http_req *req, struct http_resp *resp);
int api_position_delete(struct http_req *req, struct http_resp *resp);

/* api_entry.c */
int api_entry(struct http_req *req, struct http_resp *resp);
int api_entry_patch(struct http_req *req, struct http_resp *resp);
int api_entry_delete(struct http_req *req, struct http_resp *resp); /* api_entry_delete.c */

/* api_manage.c */
int api_actions(struct http_req *req, struct http_resp *resp);
int api_action_create(struct http_req *req, struct http_resp *resp);
int api_action_patch(struct http_req *req, struct http_resp *resp);
int api_action_delete(struct http_req *req, struct http_resp *resp);
int api_cycles(struct http_req *req, struct http_resp *resp);
int api_evaluate(struct http_req *req, struct http_resp *resp);
int api_diff(struct http_req *req, struct http_resp *resp);

#endif
