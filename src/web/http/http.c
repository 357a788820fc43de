/*
 * http.c - the libmicrohttpd adapter, per request: the state machine over
 * MHD's callbacks, dispatch, default headers, access log. The server's
 * lifecycle is in http_server.c.
 *
 * Request lifecycle in MHD terms:
 *   URI log callback   -> struct http_req allocated (the earliest point with
 *                         the raw URI and the client address); in_flight++
 *   access handler #1  -> headers known: the client's requests in progress
 *                         counted (429 past per_ip_limit), Content-Length
 *                         checked (413 at once); the body deadline starts
 *   access handler #n  -> body chunks appended, up to HTTP_MAX_BODY; past it
 *                         the rest is discarded and 413 answered at the end
 *   access handler end -> route, parse, before hook, handler, queue response
 *   NOTIFY_COMPLETED   -> access-log line, request freed; in_flight--; the
 *                         header deadline starts for the next request
 * Deadlines and the per-client count are http_guard.c's.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n/i18n.h"
#include "report/html.h"
#include "util/err.h"
#include "util/xalloc.h"
#include "web/http/http_encode.h"
#include "web/http/http_int.h"

static const char *const default_headers[][2] = {
    {"Content-Security-Policy",
     "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
     "frame-ancestors 'none'; form-action 'self'; base-uri 'none'"},
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "same-origin"},
    {"X-Frame-Options", "DENY"},
    {"Cache-Control", "no-store"},
};

/* Copy s into out as printable ASCII: other bytes, '"' and '\' become %XX. */
static void log_safe(char *out, size_t size, const char *s, size_t max_in)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t o = 0, i;

	for (i = 0; s[i] && i < max_in && o + 4 < size; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= 0x20 || c >= 0x7f || c == '"' || c == '\\') {
			out[o++] = '%';
			out[o++] = hex[c >> 4];
			out[o++] = hex[c & 15];
		} else {
			out[o++] = (char)c;
		}
	}
	if (s[i] && o + 4 < size) {
		memcpy(out + o, "...", 3);
		o += 3;
	}
	out[o] = '\0';
}

/*
 * "2025-11-22T01:02:03.456Z 127.0.0.1 GET /path 200 1234 5.1ms", then "cached" for an
 * answer the answer cache gave and "aborted" for one not sent whole. The path is
 * logged without its query string, and no header or cookie is ever logged;
 * routes whose path holds a secret (the one-time setup link) log their
 * pattern ("/setup/{token}") instead.
 */
static void log_access(struct http_req *req, int status, int aborted)
{
	struct http_req_private *p = req->priv;
	char when[32], path[600];
	struct tm tm;

	gmtime_r(&p->wall.tv_sec, &tm);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%S", &tm);
	log_safe(path, sizeof(path),
		 req->route && (req->route->flags & HTTP_ROUTE_SECRET_PATH) ? req->route->pattern
									    : req->path,
		 512);
	http_log_printf(p->srv, "%s.%03ldZ %s %s %s %d %zu %.1fms%s%s", when,
			p->wall.tv_nsec / 1000000L, req->client_addr[0] ? req->client_addr : "-",
			p->method[0] ? p->method : "-", path, status, p->bytes,
			http_elapsed_ms(&p->t_start), p->cache_hit ? " cached" : "",
			aborted ? " aborted" : "");
}

/* ---- per-request state ---- */

void *http_req_alloc(struct http_req *req, size_t n)
{
	struct arena_block *b = xcalloc(1, sizeof(*b) + n);

	b->next = req->priv->arena;
	req->priv->arena = b;
	return b->data;
}

char *http_req_strdup(struct http_req *req, const char *s)
{
	size_t n = strlen(s) + 1;
	char *d = http_req_alloc(req, n);

	memcpy(d, s, n);
	return d;
}

void http_req_defer(struct http_req *req, void (*fn)(void *), void *arg)
{
	struct deferred *d = xmalloc(sizeof(*d));

	d->fn = fn;
	d->arg = arg;
	d->next = req->priv->deferred;
	req->priv->deferred = d;
}

static void resp_init(struct http_resp *resp)
{
	memset(resp, 0, sizeof(*resp));
	http_params_init(&resp->headers);
	buf_init(&resp->body, HTTP_MAX_RESPONSE);
}

static void resp_release(struct http_resp *resp)
{
	http_params_release(&resp->headers);
	buf_release(&resp->body);
}

static void req_free(struct http_req *req)
{
	struct http_req_private *p = req->priv;

	while (p->deferred) {
		struct deferred *d = p->deferred;
		p->deferred = d->next;
		d->fn(d->arg);
		free(d);
	}
	while (p->arena) {
		struct arena_block *b = p->arena;
		p->arena = b->next;
		free(b);
	}
	resp_release(&p->resp);
	http_params_release(&req->params);
	http_params_release(&req->query);
	http_params_release(&req->cookies);
	http_params_release(&req->form);
	buf_release(&req->body);
	free(p->uri);
	free(p);
	free(req);
}

void *http_on_uri(void *cls, const char *uri, struct MHD_Connection *conn)
{
	struct http_server *srv = cls;
	struct http_req *req = xcalloc(1, sizeof(*req));
	struct http_req_private *p = xcalloc(1, sizeof(*p));
	const union MHD_ConnectionInfo *ci;
	char *q;

	req->priv = p;
	p->srv = srv;
	p->conn = conn;
	clock_gettime(CLOCK_MONOTONIC, &p->t_start);
	clock_gettime(CLOCK_REALTIME, &p->wall);
	p->uri = xstrdup(uri ? uri : "");
	q = strchr(p->uri, '?');
	if (q)
		*q++ = '\0';
	req->path = p->uri;
	req->query_string = q ? q : "";
	req->is_tls = srv->tls;
	req->app = srv->opt->app;
	req->lang = LANG_EN;
	ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci && http_sockaddr_text(ci->client_addr, req->client_addr, sizeof(req->client_addr)))
		req->client_addr[0] = '\0';
	http_params_init(&req->params);
	http_params_init(&req->query);
	http_params_init(&req->cookies);
	http_params_init(&req->form);
	buf_init(&req->body, HTTP_MAX_BODY);
	resp_init(&p->resp);
	atomic_fetch_add(&srv->in_flight, 1);
	http_guard_phase(srv, conn, HTTP_PHASE_HEADERS);
	return req;
}

int http_sockaddr_text(const struct sockaddr *sa, char *out, size_t size)
{
	const void *a;

	if (!sa)
		return ERR_INVALID;
	if (sa->sa_family == AF_INET)
		a = &((const struct sockaddr_in *)(const void *)sa)->sin_addr;
	else if (sa->sa_family == AF_INET6)
		a = &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr;
	else
		return ERR_INVALID;
	return inet_ntop(sa->sa_family, a, out, (socklen_t)size) ? 0 : ERR_INVALID;
}

void http_on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
		       enum MHD_RequestTerminationCode toe)
{
	struct http_server *srv = cls;
	struct http_req *req = *con_cls;
	int status;

	if (!req)
		return;
	status = req->priv->status;
	if (!status) { /* answered by MHD itself (bad request line, headers too large) */
		const union MHD_ConnectionInfo *ci =
		    MHD_get_connection_info(conn, MHD_CONNECTION_INFO_HTTP_STATUS);
		status = ci ? (int)ci->http_status : 0;
	}
	log_access(req, status, toe != MHD_REQUEST_TERMINATED_COMPLETED_OK);
	if (req->priv->counted)
		http_guard_client_leave(srv, req->client_addr);
	req_free(req);
	*con_cls = NULL;
	atomic_fetch_sub(&srv->in_flight, 1);
	/* a kept-alive connection gets a new header deadline for its next request */
	http_guard_phase(srv, conn, HTTP_PHASE_WAITING);
}

/* ---- request accessors ---- */

const char *http_req_header(const struct http_req *req, const char *name)
{
	if (!req->priv || !req->priv->conn)
		return NULL;
	return MHD_lookup_connection_value(req->priv->conn, MHD_HEADER_KIND, name);
}

const char *http_req_query(const struct http_req *req, const char *name)
{
	return http_params_get(&req->query, name);
}

const char *http_req_param(const struct http_req *req, const char *name)
{
	return http_params_get(&req->params, name);
}

const char *http_req_cookie(const struct http_req *req, const char *name)
{
	return http_params_get(&req->cookies, name);
}

const char *http_req_form(const struct http_req *req, const char *name)
{
	return http_params_get(&req->form, name);
}

/* ---- errors ---- */

static void default_error_page(struct http_resp *resp, int status, const char *message)
{
	http_resp_html(resp, status);
	html_fmt(&resp->body,
		 "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\">"
		 "<title>%d %s</title></head>\n<body>\n<h1>%d %s</h1>\n",
		 status, http_status_reason(status), status, http_status_reason(status));
	if (message)
		html_elem(&resp->body, "p", message, (char *)NULL);
	html_raw(&resp->body, "\n<p><a href=\"/\">/</a></p>\n</body>\n</html>\n");
}

int http_error_msg(struct http_req *req, struct http_resp *resp, int status, const char *code,
		   enum msg_id id)
{
	return http_error(req, resp, status, code, tr((enum lang)req->lang, id));
}

bool http_req_wants_json(const struct http_req *req)
{
	if (req->route && (req->route->flags & HTTP_ROUTE_API))
		return true;
	return req->path && (!strncmp(req->path, "/api/", 5) || !strcmp(req->path, "/api"));
}

int http_error(struct http_req *req, struct http_resp *resp, int status, const char *code,
	       const char *message)
{
	if (http_req_wants_json(req))
		return http_json_error(resp, status, code, message);
	if (req->priv && req->priv->srv->opt->error_page)
		req->priv->srv->opt->error_page(req, resp, status, message);
	else
		default_error_page(resp, status, message);
	resp->status = status;
	return 0;
}

int http_status_for_err(int code)
{
	switch (code) {
	case ERR_INVALID:
		return 400;
	case ERR_DENIED:
		return 403;
	case ERR_NOT_FOUND:
		return 404;
	case ERR_CONFLICT:
		return 409;
	case ERR_TOO_LARGE:
		return 413;
	case ERR_BUSY:
		return 503;
	default:
		return 500;
	}
}

int http_fail(struct http_req *req, const struct err *e)
{
	struct err *copy = http_req_alloc(req, sizeof(*copy));

	err_copy(copy, e);
	if (!copy->code)
		copy->code = ERR_INTERNAL;
	req->fail = copy;
	return copy->code;
}

int http_failf(struct http_req *req, int code, const char *field, enum msg_id id, ...)
{
	struct err e = ERR_INIT;
	va_list ap;

	va_start(ap, id);
	err_vfail(&e, code, field, id, ap);
	va_end(ap);
	return http_fail(req, &e);
}

/* Answer the error e recorded by http_fail (see http.h). */
static void answer_err(struct http_req *req, struct http_resp *resp, const struct err *e)
{
	int status = http_status_for_err(e->code), api = http_req_wants_json(req);
	const char *code = NULL;
	char msg[ERR_WHERE_MAX + ERR_MSG_MAX];

	if (e->code == ERR_INVALID) {
		/* the API refuses content it understood with 422 */
		status = api ? 422 : 400;
		code = api ? "validation_failed" : "bad_request";
	}
	if (status == 503)
		http_resp_header(resp, "Retry-After", HTTP_BUSY_RETRY_AFTER);
	if (status == 500) { /* a detail for the log, not for the user */
		http_log_printf(req->priv->srv, "web: %s %s failed: %s (%d)", req->method,
				req->path, e->msg, e->code);
		snprintf(msg, sizeof(msg), "%s", tr((enum lang)req->lang, MSG_E_INTERNAL_ERROR));
	} else {
		err_text(e, (enum lang)req->lang, msg, sizeof(msg));
	}
	if (api)
		http_json_error_field(resp, status, code, status == 500 ? NULL : e->field, msg);
	else
		http_error(req, resp, status, code, msg);
}

/* Is resp an error object the failing code wrote itself (see http.h)? */
static bool holds_json_error(const struct http_resp *resp)
{
	return resp->status >= 400 && resp->content_type &&
	       !strcmp(resp->content_type, "application/json") && resp->body.len &&
	       !buf_status(&resp->body);
}

/* Drop the headers a failed handler set, except its cookies. */
static void drop_headers(struct http_resp *resp)
{
	struct http_params kept;
	size_t i;

	http_params_init(&kept);
	for (i = 0; i < resp->headers.n; i++) {
		const struct http_param *h = &resp->headers.v[i];
		if (!strcasecmp(h->name, "Set-Cookie"))
			http_params_add(&kept, h->name, strlen(h->name), h->value,
					strlen(h->value));
	}
	http_params_release(&resp->headers);
	resp->headers = kept;
}

/* Answer a request that failed with rc (< 0): see http.h. */
static void answer_failure(struct http_req *req, struct http_resp *resp, int rc)
{
	int status;

	if (!req->fail && holds_json_error(resp))
		return;
	drop_headers(resp);
	if (req->fail) {
		answer_err(req, resp, req->fail);
		return;
	}
	status = http_status_for_err(rc);
	if (status == 500)
		http_log_printf(req->priv->srv, "http: %s %s failed with error %d", req->method,
				req->route ? req->route->pattern : req->path, rc);
	if (status == 503)
		http_resp_header(resp, "Retry-After", HTTP_BUSY_RETRY_AFTER);
	http_error(req, resp, status, NULL, NULL);
}

/* ---- dispatch ---- */

static enum MHD_Result add_cookie_header(void *cls, enum MHD_ValueKind kind, const char *key,
					 const char *value)
{
	(void)kind;
	if (key && value && !strcasecmp(key, "Cookie"))
		http_cookie_parse(value, cls);
	return MHD_YES;
}

static int is_form(const struct http_req *req)
{
	const char *ct = http_req_header(req, "Content-Type");
	static const char form[] = "application/x-www-form-urlencoded";

	return ct && !strncasecmp(ct, form, sizeof(form) - 1) &&
	       (ct[sizeof(form) - 1] == '\0' || ct[sizeof(form) - 1] == ';' ||
		ct[sizeof(form) - 1] == ' ');
}

/* X-Forwarded-For (right-most valid address) and X-Forwarded-Proto, from a trusted proxy. */
static void apply_forwarded(struct http_req *req)
{
	const char *xff = http_req_header(req, "X-Forwarded-For");
	const char *proto = http_req_header(req, "X-Forwarded-Proto");

	if (xff) {
		const char *last = strrchr(xff, ',');
		char addr[64];
		unsigned char bin[16];
		size_t len;

		last = last ? last + 1 : xff;
		while (*last == ' ' || *last == '\t')
			last++;
		len = strcspn(last, " \t");
		if (len && len < sizeof(addr)) {
			memcpy(addr, last, len);
			addr[len] = '\0';
			if (inet_pton(AF_INET, addr, bin) == 1 ||
			    inet_pton(AF_INET6, addr, bin) == 1)
				memcpy(req->client_addr, addr, len + 1);
		}
	}
	if (proto && !strcasecmp(proto, "https"))
		req->is_tls = 1;
}

/* A GET or HEAD the answer cache holds: resp filled (or a 304 to a matching
 * If-None-Match), 1. Else 0, the key kept for queue to store the answer under. */
static int cached(struct http_req *req, struct http_resp *resp)
{
	struct http_req_private *p = req->priv;
	const char *etag;

	if (!p->srv->cache || !p->srv->opt->cache_key ||
	    (strcmp(req->method, "GET") && strcmp(req->method, "HEAD")) ||
	    p->srv->opt->cache_key(req, p->cache_key) != 1)
		return 0;
	if (!http_cache_get(p->srv->cache, p->cache_key, resp)) {
		p->cache_store = 1;
		return 0;
	}
	resp->encoded = 1;
	p->cache_hit = 1;
	etag = http_params_get_ci(&resp->headers, "ETag");
	if (etag && http_etag_matches(http_req_header(req, "If-None-Match"), etag)) {
		resp->status = 304;
		buf_reset(&resp->body);
	}
	return 1;
}

/* Route, parse, run the before hook and the handler; resp is filled on return. */
static void dispatch(struct http_req *req, struct http_resp *resp)
{
	const struct http_server_options *opt = req->priv->srv->opt;
	char allow[HTTP_ALLOW_MAX];
	int status, rc;

	MHD_get_connection_values(req->priv->conn, MHD_HEADER_KIND, add_cookie_header,
				  &req->cookies);
	req->route = http_route_match(opt->routes, opt->n_routes, req->method, req->path,
				      &req->params, &status, allow, sizeof(allow));
	if (!req->route) {
		if (status == 405)
			http_resp_header(resp, "Allow", allow);
		if (status == 400)
			http_error_msg(req, resp, status, NULL, MSG_E_HTTP_BAD_PATH);
		else
			http_error(req, resp, status, NULL, NULL);
		return;
	}
	rc = http_form_parse(req->query_string, strlen(req->query_string), &req->query);
	if (rc) {
		http_error_msg(req, resp, http_status_for_err(rc), NULL, MSG_E_HTTP_BAD_QUERY);
		return;
	}
	if (req->body.len && is_form(req)) {
		rc = http_form_parse(req->body.data, req->body.len, &req->form);
		if (rc) {
			http_error_msg(req, resp, http_status_for_err(rc), NULL,
				       MSG_E_HTTP_BAD_FORM);
			return;
		}
	} else if (req->body.len) {
		char boundary[80];
		if (!http_multipart_boundary(http_req_header(req, "Content-Type"), boundary,
					     sizeof(boundary))) {
			rc = http_multipart_parse(req->body.data, req->body.len, boundary,
						  &req->form, &req->upload);
			if (rc) {
				http_error_msg(req, resp, http_status_for_err(rc), NULL,
					       MSG_E_HTTP_BAD_FORM);
				return;
			}
		}
	}
	if (opt->before) {
		rc = opt->before(req, resp);
		if (rc) {
			answer_failure(req, resp, rc);
			return;
		}
		if (resp->status) /* the hook answered: 401, redirect to /login, CSRF */
			return;
	}
	if (cached(req, resp))
		return;
	rc = req->route->handler(req, resp);
	/* an answer that outgrew the response ceiling is the server's failure, not a request
	 * too large (413): lists are paginated so that no normal page comes near it */
	if (rc == ERR_TOO_LARGE && !resp->static_body && buf_status(&resp->body) == ERR_TOO_LARGE) {
		http_log_printf(req->priv->srv, "http: %s %s: the answer is over %zu MiB",
				req->method, req->route->pattern, HTTP_MAX_RESPONSE >> 20);
		rc = ERR_INTERNAL;
	}
	if (!rc && !resp->status) { /* a handler that answered nothing is a bug */
		http_log_printf(req->priv->srv, "http: %s %s answered nothing", req->method,
				req->route->pattern);
		rc = ERR_INTERNAL;
	}
	if (rc)
		answer_failure(req, resp, rc);
}

static enum MHD_Result queue(struct http_req *req)
{
	struct http_req_private *p = req->priv;
	struct http_resp *resp = &p->resp;
	struct MHD_Response *r;
	enum MHD_Result ret;
	size_t i, len;

	if (!resp->status) /* cannot happen: dispatch answers every request */
		resp->status = 500;
	http_encode_answer(req, resp); /* ETag / 304, compression */
	if (p->cache_store)
		http_cache_put(p->srv->cache, p->cache_key, resp);
	if (resp->static_body) {
		len = resp->static_len;
		r = MHD_create_response_from_buffer(len, (void *)resp->static_body,
						    MHD_RESPMEM_PERSISTENT);
	} else {
		char *data = buf_detach(&resp->body, &len);
		r = MHD_create_response_from_buffer_with_free_callback(len, data, free);
		if (!r)
			free(data);
	}
	if (!r)
		return MHD_NO;
	for (i = 0; i < resp->headers.n; i++)
		MHD_add_response_header(r, resp->headers.v[i].name, resp->headers.v[i].value);
	if (resp->content_type && !http_params_get_ci(&resp->headers, "Content-Type"))
		MHD_add_response_header(r, "Content-Type", resp->content_type);
	for (i = 0; i < sizeof(default_headers) / sizeof(default_headers[0]); i++)
		if (!http_params_get_ci(&resp->headers, default_headers[i][0]))
			MHD_add_response_header(r, default_headers[i][0], default_headers[i][1]);
	if (atomic_load(&p->srv->stopping))
		MHD_add_response_header(r, "Connection", "close");
	http_guard_phase(p->srv, p->conn, HTTP_PHASE_SERVING);
	ret = MHD_queue_response(p->conn, (unsigned)resp->status, r);
	MHD_destroy_response(r);
	p->status = resp->status;
	p->bytes = strcmp(req->method, "HEAD") ? len : 0;
	return ret;
}

static enum MHD_Result answer_error(struct http_req *req, int status, enum msg_id message)
{
	http_error_msg(req, &req->priv->resp, status, NULL, message);
	return queue(req);
}

enum MHD_Result http_on_access(void *cls, struct MHD_Connection *conn, const char *url,
			       const char *method, const char *version, const char *upload_data,
			       size_t *upload_data_size, void **con_cls)
{
	struct http_server *srv = cls;
	struct http_req *req = *con_cls;
	struct http_req_private *p;

	(void)url;
	(void)version;
	if (!req) /* cannot happen: the URI callback always runs first */
		return MHD_NO;
	p = req->priv;
	if (!p->started) {
		const char *cl;
		p->started = 1;
		p->conn = conn;
		snprintf(p->method, sizeof(p->method), "%s", method);
		req->method = p->method;
		req->lang = http_accept_lang(http_req_header(req, "Accept-Language"));
		if (srv->opt->trust_proxy)
			apply_forwarded(req);
		if (http_guard_client_enter(srv, req->client_addr)) {
			http_error_msg(req, &p->resp, 429, NULL, MSG_E_HTTP_TOO_MANY);
			http_resp_header(&p->resp, "Retry-After", HTTP_LIMIT_RETRY_AFTER);
			return queue(req);
		}
		p->counted = 1;
		http_guard_phase(srv, conn, HTTP_PHASE_BODY);
		cl = http_req_header(req, "Content-Length");
		if (cl) {
			char *end;
			unsigned long long n;
			errno = 0;
			n = strtoull(cl, &end, 10);
			if (errno || *end || n > HTTP_MAX_BODY)
				return answer_error(req, 413, MSG_E_HTTP_BODY_TOO_LARGE);
		}
		return MHD_YES;
	}
	if (*upload_data_size) {
		if (!p->too_large && buf_add(&req->body, upload_data, *upload_data_size)) {
			/* past the ceiling: drop what we have and discard the rest */
			p->too_large = 1;
			buf_release(&req->body);
			buf_init(&req->body, HTTP_MAX_BODY);
		}
		*upload_data_size = 0;
		return MHD_YES;
	}
	/* the body is in: from here on only MHD's idle timeout applies */
	http_guard_phase(srv, conn, HTTP_PHASE_SERVING);
	if (p->too_large)
		return answer_error(req, 413, MSG_E_HTTP_BODY_TOO_LARGE);
	dispatch(req, &p->resp);
	return queue(req);
}

/* ---- lifecycle ---- */
