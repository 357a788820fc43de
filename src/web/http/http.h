/*
 * http.h - the one adapter over libmicrohttpd.
 *
 * Nothing outside src/web/http*.c includes <microhttpd.h>. Pages and API
 * handlers see only struct http_req and struct http_resp:
 *
 *   static int page_hello(struct http_req *req, struct http_resp *resp)
 *   {
 *           const char *name = http_req_form(req, "name");   // POST form field
 *           if (!name)                                       // the dispatcher answers 400
 *                   return http_failf(req, ERR_INVALID, "name", MSG_E_API_REQUIRED, "name");
 *           json_t *j = json_pack("{s:s}", "hello", name);
 *           int rc = http_resp_json(resp, 200, j);
 *           json_decref(j);
 *           return rc;
 *   }
 *
 * and are listed in one route table (src/web/routes.c):
 *
 *   { "POST", "/hello/{who}", page_hello, HTTP_ROUTE_PUBLIC },
 *
 * The server buffers the body (at most HTTP_MAX_BODY; 413 as soon as
 * Content-Length or the bytes received cross it), parses query, cookies and
 * urlencoded forms, matches the route (404, 405 with Allow), runs the
 * `before` hook (authentication, CSRF), calls the handler, answers a failed
 * request (http_fail below), then adds the security headers to every response
 * and writes one access-log line.
 *
 * Slow and greedy clients (http_guard.c): the request line and headers must
 * arrive within header_timeout of the connection being ready for them (its
 * accept, or the end of the previous response on a kept-alive connection),
 * and the body within body_timeout of the headers, however steadily the
 * bytes trickle in; an overdue connection is closed. A client address
 * (the forwarded one under trust_proxy) has at most per_ip_limit requests in
 * progress; one more is answered 429 with Retry-After.
 */
#ifndef CDCF_WEB_HTTP_H
#define CDCF_WEB_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "i18n/i18n.h"
#include "util/buf.h"

/* Ceilings; each has a test that crosses it. */
#define HTTP_MAX_BODY ((size_t)1 << 20)	      /* request body */
#define HTTP_MAX_RESPONSE ((size_t)64 << 20)  /* response body built in memory */
#define HTTP_FORM_MAX_FIELDS 2000	      /* fields in one form or query string */
#define HTTP_FORM_MAX_NAME 256		      /* bytes of one decoded field name */
#define HTTP_FORM_MAX_VALUE ((size_t)1 << 20) /* bytes of one decoded field value */
#define HTTP_MAX_COOKIES 64		      /* cookies taken from one request */
#define HTTP_MAX_PATH 2048		      /* bytes of the request path */
#define HTTP_LOG_LINE_MAX 1024		      /* one access-log line, truncated past it */

/* Defaults for struct http_server_options fields left 0. */
#define HTTP_DEFAULT_LISTEN "127.0.0.1:8080"
#define HTTP_DEFAULT_CONN_LIMIT 512
#define HTTP_DEFAULT_PER_IP_LIMIT 64
#define HTTP_MAX_CLIENT_LIMIT 100000 /* highest per_ip_limit serve accepts */
/* Retry-After (seconds) on a 503 answered because the database stayed busy */
#define HTTP_BUSY_RETRY_AFTER "1"
#define HTTP_DEFAULT_TIMEOUT 30	       /* seconds a connection may stay idle */
#define HTTP_DEFAULT_HEADER_TIMEOUT 10 /* seconds to receive the request line and headers */
#define HTTP_DEFAULT_BODY_TIMEOUT 30   /* seconds to receive the body once the headers are in */
#define HTTP_MAX_TIMEOUT 3600	       /* ceiling for the three timeouts above */
#define HTTP_LIMIT_RETRY_AFTER "1"     /* seconds, on a 429 past per_ip_limit requests */
#define HTTP_DEFAULT_SHUTDOWN_GRACE 10 /* seconds in-flight requests get to finish */

/* ---- name/value lists: query, form, cookies, path parameters, headers ---- */

struct http_param {
	char *name;
	char *value;
};

struct http_params {
	struct http_param *v;
	size_t n;
	size_t cap;
};

void http_params_init(struct http_params *p);
void http_params_release(struct http_params *p);
/* Append copies of name[0..nlen) and value[0..vlen). */
void http_params_add(struct http_params *p, const char *name, size_t nlen, const char *value,
		     size_t vlen);
/* The first value called name (case-sensitive), or NULL. */
const char *http_params_get(const struct http_params *p, const char *name);
/* The first value whose name matches case-insensitively (header names), or NULL. */
const char *http_params_get_ci(const struct http_params *p, const char *name);

/* ---- pure parsers (no server needed; unit-tested) ---- */

/*
 * Percent-decode s[0..len) into out (a new string the caller frees), with
 * '+' as space when plus_is_space (forms and query strings, not paths).
 * Fails with ERR_INVALID on a malformed escape, a decoded NUL or invalid
 * UTF-8, and ERR_TOO_LARGE when the result would exceed max bytes.
 */
int http_percent_decode(const char *s, size_t len, int plus_is_space, size_t max, char **out);

/*
 * Append s percent-encoded for use inside a query-string value or a path
 * segment: everything but A-Z a-z 0-9 - . _ ~ becomes %XX. Returns the
 * buf_add result (ERR_TOO_LARGE at the buffer's ceiling).
 */
int http_percent_encode(struct buf *b, const char *s);

/*
 * Parse application/x-www-form-urlencoded data (also query strings) into
 * out, appending. "a=1&b=&c" gives a="1", b="", c="". Empty pairs are
 * skipped. ERR_INVALID on bad encoding, ERR_TOO_LARGE past
 * HTTP_FORM_MAX_FIELDS fields, HTTP_FORM_MAX_NAME or HTTP_FORM_MAX_VALUE.
 * On error out holds what was parsed before the bad field.
 */
int http_form_parse(const char *data, size_t len, struct http_params *out);

/*
 * Parse a Cookie request header ("a=1; b=2") into out, appending. Values are
 * taken verbatim (cookies are not percent-encoded), surrounding double quotes
 * removed. Malformed pairs are skipped; at most HTTP_MAX_COOKIES are kept.
 */
void http_cookie_parse(const char *header, struct http_params *out);

/*
 * Parse a listen address: "127.0.0.1:8080", "0.0.0.0:443", "[::1]:8080",
 * "[::]:80", or ":8080" / "8080" (loopback). host_out gets the numeric
 * address (no brackets); *port_out 0..65535 (0 = any free port).
 * *is_ipv6 tells which family. ERR_INVALID with no other effect otherwise.
 */
int http_listen_parse(const char *s, char *host_out, size_t host_size, unsigned *port_out,
		      int *is_ipv6);

/*
 * The language the client prefers among the ones cdcf speaks (enum lang in
 * i18n.h), from an Accept-Language header with q-values. NULL, "*" or no
 * match gives LANG_EN.
 */
int http_accept_lang(const char *accept_language);

/*
 * Does an If-None-Match / If-Match header value match etag (a quoted
 * entity tag, e.g. "\"abc\"")? Handles lists, "*" and weak W/ prefixes
 * (weak comparison, as If-None-Match requires).
 */
bool http_etag_match(const char *header, const char *etag);

/*
 * If-Match on an update, by strong comparison only (RFC 9110 13.1.1):
 * HTTP_IF_MATCH_YES when the header lists etag (a strong, quoted tag),
 * HTTP_IF_MATCH_NO when it lists only other strong tags, and
 * HTTP_IF_MATCH_UNUSABLE when it is missing, empty, "*", weak (W/"...") or
 * malformed: such a header cannot show which version the client saw, so the
 * update is refused with 428 rather than applied over someone else's change.
 */
enum http_if_match_result { HTTP_IF_MATCH_UNUSABLE = -1, HTTP_IF_MATCH_NO, HTTP_IF_MATCH_YES };
int http_if_match(const char *header, const char *etag);

/* The short machine name of a status for JSON errors ("not_found"), or "error". */
const char *http_status_code(int status);

/*
 * The HTTP status of an ERR_* code: the one map of cdcf. ERR_INVALID 400,
 * ERR_DENIED 403, ERR_NOT_FOUND 404, ERR_CONFLICT 409, ERR_TOO_LARGE 413,
 * ERR_BUSY 503 (send Retry-After: HTTP_BUSY_RETRY_AFTER), anything else 500.
 * (The API answers ERR_INVALID with 422, a request whose content it refused:
 * http_fail.)
 */
int http_status_for_err(int code);
/* The reason phrase ("Not Found"), or "Unknown". */
const char *http_status_reason(int status);

/* ---- routing ---- */

struct http_req;
struct http_resp;

/*
 * A handler returns 0 when resp holds its answer, whatever the status (a
 * page, a redirect, a form shown again with its errors), or a negative ERR_*
 * code when the request failed: the dispatcher then answers the failure
 * (http_fail below). Nothing else: no "answered" values.
 */
typedef int (*http_handler_fn)(struct http_req *req, struct http_resp *resp);

enum http_route_flags {
	HTTP_ROUTE_PUBLIC = 1 << 0,	 /* no session or token needed */
	HTTP_ROUTE_API = 1 << 1,	 /* errors answer as JSON error objects */
	HTTP_ROUTE_SECRET_PATH = 1 << 2, /* the path holds a secret: log the pattern instead */
};

/*
 * method: "GET", "POST", ... or "*" for any method. A GET route also answers
 * HEAD. pattern: "/api/v1/orgs/{org}/entries/{id}"; {name} matches one
 * non-empty path segment (percent-decoded), a final {name*} matches the rest
 * of the path (one or more segments, kept as they were sent). Literal segments
 * compare with the decoded segment. The first route that matches wins.
 */
struct http_route {
	const char *method;
	const char *pattern;
	http_handler_fn handler;
	unsigned flags;
};

#define HTTP_ALLOW_MAX 128 /* room for an Allow header value */

/*
 * Match method and path (raw, still percent-encoded, no query string)
 * against routes[0..n). On a match, path parameters are appended to params
 * and the route is returned. Otherwise NULL and *status is 404, 405 (the
 * path exists with other methods; allow gets "GET, HEAD, POST"), 400 (a
 * malformed escape in the path) or 414 (longer than HTTP_MAX_PATH).
 */
const struct http_route *http_route_match(const struct http_route *routes, size_t n,
					  const char *method, const char *path,
					  struct http_params *params, int *status, char *allow,
					  size_t allow_size);

/* ---- requests ---- */

/*
 * multipart/form-data (http_multipart.c): the one file a form uploads, its
 * bytes inside the request body. Text parts are form fields as above; a
 * second file, a nameless part or a malformed body is refused (400).
 */
struct http_upload {
	int present;
	char field[64];	    /* the part's name */
	char filename[256]; /* as the client sent it; "" when none */
	const char *data;   /* the part's bytes (no NUL added), in req->body */
	size_t len;
};
/* The boundary of a multipart/form-data Content-Type into out: 0, or -1 when
 * ct is another type or has no usable boundary. */
int http_multipart_boundary(const char *content_type, char *out, size_t size);
/* Parse body data[0..len) with boundary: text parts appended to form, the file to up
 * (zeroed by the caller). ERR_INVALID or ERR_TOO_LARGE (as http_form_parse). */
int http_multipart_parse(const char *data, size_t len, const char *boundary,
			 struct http_params *form, struct http_upload *up);

struct http_server;

struct http_req {
	const char *method;		/* "GET", ... */
	const char *path;		/* raw path as sent, without the query string */
	const char *query_string;	/* raw, without '?'; "" when absent */
	char client_addr[64];		/* numeric peer address (or forwarded, see trust_proxy) */
	int is_tls;			/* TLS here, or at a trusted proxy */
	const struct http_route *route; /* the matched route; NULL in error paths */
	struct http_params params;	/* path parameters */
	struct http_params query;	/* decoded query string */
	struct http_params cookies;
	struct http_params form;   /* decoded urlencoded body (POST/PUT/PATCH) */
	struct buf body;	   /* raw body, at most HTTP_MAX_BODY */
	struct http_upload upload; /* a multipart body's file; .present 0 otherwise */
	void *app;		   /* http_server_options.app */
	void *auth; /* set by the before hook: who is asking (session, token); NULL = nobody */
	int lang;   /* enum lang: from Accept-Language; the before hook may refine it */
	const struct err *fail; /* why the request failed (http_fail), NULL while it has not */

	/* Owned by the adapter. */
	struct http_req_private *priv;
};

/* Request header value (case-insensitive name), or NULL. */
const char *http_req_header(const struct http_req *req, const char *name);
/* Decoded query parameter / path parameter / cookie / form field, or NULL. */
const char *http_req_query(const struct http_req *req, const char *name);
const char *http_req_param(const struct http_req *req, const char *name);
const char *http_req_cookie(const struct http_req *req, const char *name);
const char *http_req_form(const struct http_req *req, const char *name);

/*
 * Per-request memory: freed (and deferred functions run, last first) when
 * the request completes. Handlers use it for strings that must live as long
 * as the response, and to attach cleanups (a store transaction, a json_t).
 */
void *http_req_alloc(struct http_req *req, size_t n); /* zeroed */
char *http_req_strdup(struct http_req *req, const char *s);
void http_req_defer(struct http_req *req, void (*fn)(void *), void *arg);

/* ---- failing ---- */

struct err;

/*
 * A handler, or a helper on its way, that cannot go on returns a negative
 * ERR_* code, and every caller passes it up as it came:
 *
 *   rc = web_org(req, ROLE_EDITOR, &o);     // not a member: ERR_NOT_FOUND
 *   if (rc)
 *           return rc;
 *
 * What the client is told is decided in one place, the dispatcher, from what
 * the failing code recorded on the request:
 *  - an error recorded with http_fail: the status http_status_for_err(e->code)
 *    (the API answers ERR_INVALID with 422), the message err_text(e) in the
 *    request's language, as the error page or the API's error object
 *    {"status", "code", "field", "message"}; a 5xx shows only "internal error"
 *    and logs the English message; 503 carries Retry-After;
 *  - nothing recorded but a JSON error object in resp (status >= 400): the
 *    API's refusals that carry more than a struct err (the position of a
 *    JSON syntax error): sent as written;
 *  - nothing at all: http_status_for_err(code) with the status's own text.
 * Headers the failed handler set are dropped, its cookies kept.
 */

/* Record e (copied) as the reason req fails, replacing an earlier one, and
 * return its code (ERR_INTERNAL when e holds none): `return http_fail(req, &e);`. */
int http_fail(struct http_req *req, const struct err *e);

/* http_fail with an error made here, err_fail's arguments:
 * `return http_failf(req, ERR_NOT_FOUND, NULL, MSG_E_NO_SUCH_ORG);`. */
int http_failf(struct http_req *req, int code, const char *field, enum msg_id id, ...);

/* ---- responses ---- */

struct http_resp {
	int status; /* 0 until something answers (http_resp_html, http_redirect, ...) */
	const char *content_type; /* a literal or per-request string; NULL = none */
	struct http_params headers;
	struct buf body;	 /* capped at HTTP_MAX_RESPONSE */
	const void *static_body; /* used instead of body when set (embedded files) */
	size_t static_len;
	int encoded; /* the body is final (the answer cache's): no ETag or compression added */
};

/*
 * Add a header. Fails with ERR_INVALID when name or value holds CR, LF or
 * other control characters (header injection). A header of the same name is
 * replaced (Set-Cookie excepted), so setting Cache-Control or
 * Content-Security-Policy here replaces the server's default for it.
 */
int http_resp_header(struct http_resp *resp, const char *name, const char *value);

/* Start an HTML / JSON / plain body: status and content type, body emptied. */
void http_resp_html(struct http_resp *resp, int status);
void http_resp_text(struct http_resp *resp, int status);

/* Serve data[0..len) without copying; it must outlive the server (embedded files). */
void http_resp_static(struct http_resp *resp, int status, const char *content_type,
		      const void *data, size_t len);

/* Serialize json (not stolen) as the body with status. */
int http_resp_json(struct http_resp *resp, int status, const json_t *json);

/* {"error": {"status": 404, "code": "not_found", "message": "..."}} */
int http_json_error(struct http_resp *resp, int status, const char *code, const char *message);

/* The same with "field" (what the error is about: "current", "entries[3].note") when
 * field is neither NULL nor "". */
int http_json_error_field(struct http_resp *resp, int status, const char *code, const char *field,
			  const char *message);

/*
 * Write an error answer the way the request expects: a JSON error object for
 * API routes and paths under /api/, otherwise the server's error page. The
 * dispatcher's tool (and the adapter's own answers: routing, limits); a
 * handler that fails returns http_fail instead. Returns 0. code is the
 * machine name ("missing_field"); NULL uses http_status_code(status).
 */
int http_error(struct http_req *req, struct http_resp *resp, int status, const char *code,
	       const char *message);

/* http_error with a message of the tables (no arguments) in the request's language. */
int http_error_msg(struct http_req *req, struct http_resp *resp, int status, const char *code,
		   enum msg_id id);

/* Does req expect its answers, errors too, as JSON: an API route or a path under /api? */
bool http_req_wants_json(const struct http_req *req);

/*
 * Redirect to a local path: status 301, 302, 303, 307 or 308 (303 after a
 * form POST). location must start with a single '/' (no scheme, no "//host"),
 * so user-supplied "next" values cannot send users off-site: ERR_INVALID.
 */
int http_redirect(struct http_resp *resp, int status, const char *location);

enum http_cookie_flags {
	HTTP_COOKIE_JS = 1 << 0,    /* readable by scripts (omit HttpOnly) */
	HTTP_COOKIE_STRICT = 1 << 1 /* SameSite=Strict instead of Lax */
};

/*
 * Set-Cookie name=value; Path=/; HttpOnly; SameSite=Lax; Secure when the
 * request came over TLS. max_age > 0: Max-Age in seconds; 0: delete the
 * cookie; < 0: a session cookie. name and value must be cookie-safe
 * (token characters; value without ; , " \ spaces or controls): ERR_INVALID.
 */
int http_resp_cookie(struct http_resp *resp, const struct http_req *req, const char *name,
		     const char *value, long max_age, unsigned flags);

/* ---- the server ---- */

/* Log sink for access-log lines and server messages; line has no newline. */
typedef void (*http_log_fn)(void *cls, const char *line);

/*
 * Runs after routing, before the handler; it may set req->auth and req->lang.
 * Returns 0, or a negative ERR_* code to fail the request (http_fail). When
 * it answered the request itself (401, redirect to login, CSRF refusal:
 * resp->status set), the handler is not called.
 */
typedef int (*http_before_fn)(struct http_req *req, struct http_resp *resp);

/*
 * Renders the body of an error response for non-API requests (HTML page in
 * the request's language). NULL: a plain English HTML page.
 */
typedef void (*http_error_page_fn)(struct http_req *req, struct http_resp *resp, int status,
				   const char *message);

struct http_server_options {
	const char *listen;   /* HTTP_DEFAULT_LISTEN when NULL */
	const char *tls_cert; /* PEM file paths; both or neither */
	const char *tls_key;
	unsigned threads;    /* thread pool size; 0 = 2 x online CPUs */
	unsigned conn_limit; /* 0 = HTTP_DEFAULT_CONN_LIMIT */
	/* Connections per socket address (not under trust_proxy, where every
	 * client shares the proxy's address), and requests in progress per client
	 * address (the forwarded one under trust_proxy). 0 = HTTP_DEFAULT_PER_IP_LIMIT */
	unsigned per_ip_limit;
	unsigned timeout;	 /* idle seconds, 0 = HTTP_DEFAULT_TIMEOUT */
	unsigned header_timeout; /* seconds, 0 = HTTP_DEFAULT_HEADER_TIMEOUT */
	unsigned body_timeout;	 /* seconds, 0 = HTTP_DEFAULT_BODY_TIMEOUT */
	unsigned shutdown_grace; /* seconds, 0 = HTTP_DEFAULT_SHUTDOWN_GRACE */
	int trust_proxy;	 /* take client address and scheme from X-Forwarded-For/-Proto */
	const struct http_route *routes;
	size_t n_routes;
	http_before_fn before;	       /* may be NULL */
	http_error_page_fn error_page; /* may be NULL */
	void *app;		       /* handed to handlers as req->app */
	http_log_fn log;	       /* NULL: lines go to stderr */
	void *log_cls;
	/*
	 * The answer cache (http_cache.h): for a GET or HEAD that passed the before hook,
	 * cache_key returns 1 with the key of everything the answer depends on, or 0 when
	 * it must be built anew (and not kept). NULL or cache_bytes 0: no cache.
	 */
	int (*cache_key)(struct http_req *req, unsigned char key[32]);
	size_t cache_bytes;
	/* Called by http_server_run_until_signal once signals are caught. */
	void (*on_ready)(struct http_server *srv, void *cls);
	void *on_ready_cls;
};

/*
 * Bind, and start the thread pool (epoll). The options and the route table
 * must outlive the server. Errors: ERR_INVALID (listen address, TLS files),
 * ERR_IO (cannot bind or start).
 */
int http_server_start(const struct http_server_options *opt, struct http_server **out,
		      struct err *e);

/* The bound port (useful after listening on port 0). */
unsigned http_server_port(const struct http_server *srv);

/*
 * Block until SIGINT or SIGTERM (or http_server_stop), then shut down
 * gracefully: stop accepting, let in-flight requests finish within
 * shutdown_grace, stop the daemon. Returns the signal number that ended it,
 * or 0 after http_server_stop. Signals go to the innermost (most recent)
 * caller; a process normally has one.
 */
int http_server_run_until_signal(struct http_server *srv);

/* Ask run_until_signal to return; async-signal-safe and thread-safe. */
void http_server_stop(struct http_server *srv);

/* Stop (if still running) and free. Accepts NULL. */
void http_server_free(struct http_server *srv);

#endif
