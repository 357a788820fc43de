/*
 * The web server in-process: `serve_main` on 127.0.0.1 with a free port,
 * spoken to over plain sockets. Checks what a browser or an attacker sees:
 * security headers, JSON errors under /api, 401 for the API without
 * credentials, 413 for big bodies without reading them, hashed static
 * assets with immutable caching and 304, the access-log line, graceful
 * shutdown on SIGTERM, and TLS (when the openssl tool is installed).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <zlib.h>

#include <arpa/inet.h>
#include <errno.h>
#include <jansson.h>
#include <netinet/in.h>
#include <pthread.h>
#include <regex.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "util/embedded.h"
#include "util/err.h"
#include "web/http/assets.h"
#include "web/http/http.h"
#include "web/serve.h"

/* ---- captured log ---- */

#define LOG_MAX 512

static pthread_mutex_t log_lock = PTHREAD_MUTEX_INITIALIZER;
static char *log_lines[LOG_MAX];
static size_t log_n;

static void capture(void *cls, const char *line)
{
	(void)cls;
	pthread_mutex_lock(&log_lock);
	if (log_n < LOG_MAX)
		log_lines[log_n++] = strdup(line);
	pthread_mutex_unlock(&log_lock);
}

static void sleep_ms(long ms)
{
	struct timespec t = {ms / 1000, (ms % 1000) * 1000000L};
	nanosleep(&t, NULL);
}

/* Wait up to 5 s for a log line containing needle; a copy, or NULL. */
static char *wait_log(const char *needle)
{
	int tries;

	for (tries = 0; tries < 500; tries++) {
		size_t i;
		char *found = NULL;
		pthread_mutex_lock(&log_lock);
		for (i = 0; i < log_n && !found; i++)
			if (strstr(log_lines[i], needle))
				found = strdup(log_lines[i]);
		pthread_mutex_unlock(&log_lock);
		if (found)
			return found;
		sleep_ms(10);
	}
	return NULL;
}

static int log_contains(const char *needle)
{
	size_t i;
	int found = 0;

	pthread_mutex_lock(&log_lock);
	for (i = 0; i < log_n; i++)
		if (strstr(log_lines[i], needle))
			found = 1;
	pthread_mutex_unlock(&log_lock);
	return found;
}

/* ---- a tiny HTTP client over plain sockets ---- */

struct reply {
	int status;
	char *raw;  /* whole response */
	char *body; /* points into raw */
	size_t body_len;
};

static int dial(unsigned port)
{
	struct sockaddr_in a;
	struct timeval tv = {10, 0};
	int fd = socket(AF_INET, SOCK_STREAM, 0);

	assert_true(fd >= 0);
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	memset(&a, 0, sizeof(a));
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)port);
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (connect(fd, (struct sockaddr *)&a, sizeof(a))) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Send all of data; 0, or -1 when the peer closed early. */
static int send_all(int fd, const char *data, size_t len)
{
	while (len) {
		ssize_t n = send(fd, data, len, MSG_NOSIGNAL);
		if (n <= 0)
			return -1;
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

/* Read until the server closes. */
static void read_reply(int fd, struct reply *r)
{
	struct buf b;
	char chunk[8192];
	ssize_t n;
	size_t len;
	char *sep;

	buf_init(&b, 64 << 20);
	while ((n = recv(fd, chunk, sizeof(chunk), 0)) > 0)
		assert_int_equal(buf_add(&b, chunk, (size_t)n), 0);
	r->raw = buf_detach(&b, &len);
	buf_release(&b);
	r->status = 0;
	sscanf(r->raw, "HTTP/1.%*d %d", &r->status);
	sep = strstr(r->raw, "\r\n\r\n");
	r->body = sep ? sep + 4 : r->raw + strlen(r->raw);
	r->body_len = len - (size_t)(r->body - r->raw); /* a compressed body may hold NULs */
}

static void reply_free(struct reply *r)
{
	free(r->raw);
	memset(r, 0, sizeof(*r));
}

/* One request; headers is "" or lines ending with \r\n. */
static void do_request(unsigned port, const char *method, const char *target, const char *headers,
		       struct reply *r)
{
	char req[4096];
	int fd = dial(port);

	assert_true(fd >= 0);
	snprintf(req, sizeof(req),
		 "%s %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n%s\r\n", method, target,
		 headers);
	assert_int_equal(send_all(fd, req, strlen(req)), 0);
	read_reply(fd, r);
	close(fd);
}

/* Value of response header name (case-insensitive), copied into out; NULL if absent. */
static const char *header(const struct reply *r, const char *name, char *out, size_t size)
{
	const char *p = strstr(r->raw, "\r\n");
	size_t nlen = strlen(name);

	while (p && p < r->body) {
		const char *line = p + 2, *end = strstr(line, "\r\n");
		if (!end || end == line)
			break;
		if (!strncasecmp(line, name, nlen) && line[nlen] == ':') {
			const char *v = line + nlen + 1;
			size_t len;
			while (*v == ' ')
				v++;
			len = (size_t)(end - v);
			if (len >= size)
				len = size - 1;
			memcpy(out, v, len);
			out[len] = '\0';
			return out;
		}
		p = end;
	}
	return NULL;
}

static void assert_header(const struct reply *r, const char *name, const char *want)
{
	char v[1024];

	if (!header(r, name, v, sizeof(v)))
		fail_msg("header %s missing in:\n%s", name, r->raw);
	assert_string_equal(v, want);
}

static void assert_security_headers(const struct reply *r)
{
	assert_header(
	    r, "Content-Security-Policy",
	    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
	    "frame-ancestors 'none'; form-action 'self'; base-uri 'none'");
	assert_header(r, "X-Content-Type-Options", "nosniff");
	assert_header(r, "Referrer-Policy", "same-origin");
	assert_header(r, "X-Frame-Options", "DENY");
}

static void assert_json_error(const struct reply *r, int status, const char *code)
{
	json_error_t je;
	json_t *j = json_loads(r->body, 0, &je);
	json_t *e;

	if (!j)
		fail_msg("not JSON: %s", r->body);
	e = json_object_get(j, "error");
	assert_int_equal(json_integer_value(json_object_get(e, "status")), status);
	assert_string_equal(json_string_value(json_object_get(e, "code")), code);
	assert_true(json_is_string(json_object_get(e, "message")));
	json_decref(j);
}

/* ---- the server under test: serve_main in a thread ---- */

static pthread_t serve_thread;
static unsigned serve_port;
static int serve_rc = -100;
static struct err serve_err;

static void *run_serve(void *arg)
{
	const struct serve_options *opt = arg;

	serve_rc = serve_main(opt, &serve_err);
	return NULL;
}

static int group_setup(void **state)
{
	static const struct serve_options opt = {
	    .listen = "127.0.0.1:0", .threads = 2, .log = capture, .timeout = 10};
	char *line, *p;

	(void)state;
	assert_int_equal(pthread_create(&serve_thread, NULL, run_serve, (void *)&opt), 0);
	line = wait_log("listening on http://127.0.0.1:");
	if (!line)
		return -1;
	p = strstr(line, "127.0.0.1:") + strlen("127.0.0.1:");
	serve_port = (unsigned)strtoul(p, NULL, 10);
	free(line);
	return serve_port ? 0 : -1;
}

static int group_teardown(void **state)
{
	size_t i;

	(void)state;
	kill(getpid(), SIGTERM);
	pthread_join(serve_thread, NULL);
	for (i = 0; i < log_n; i++) {
		if (getenv("CDCF_TEST_VERBOSE"))
			fprintf(stderr, "log: %s\n", log_lines[i]);
		free(log_lines[i]);
	}
	return serve_rc == 0 ? 0 : -1;
}

/* ---- tests ---- */

static void test_home_page(void **state)
{
	struct reply r;
	char v[256];
	(void)state;

	do_request(serve_port, "GET", "/", "", &r);
	assert_int_equal(r.status, 200);
	assert_security_headers(&r);
	/* a page that sets no cookie is kept by the browser only, and asked for again */
	assert_header(&r, "Cache-Control", "private, no-cache");
	assert_header(&r, "Content-Type", "text/html; charset=utf-8");
	assert_true(!strncmp(r.body, "<!DOCTYPE html>", 15));
	assert_non_null(strstr(r.body, "<html lang=\"en\">"));
	assert_non_null(strstr(r.body, "href=\"/login\""));
	assert_non_null(strstr(r.body, assets_url("app.css")));
	assert_non_null(strstr(r.body, assets_url("app.js")));
	assert_non_null(strstr(r.body, "</html>"));
	/* no inline script or style: CSP would block them */
	assert_null(strstr(r.body, "<script>"));
	assert_null(strstr(r.body, "style="));
	assert_null(strstr(r.body, " onclick"));
	reply_free(&r);

	/* Japanese by Accept-Language */
	do_request(serve_port, "GET", "/", "Accept-Language: ja-JP,ja;q=0.9,en;q=0.8\r\n", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(strstr(r.body, "<html lang=\"ja\">"));
	assert_non_null(strstr(r.body, "ログイン"));
	reply_free(&r);

	/* ?lang= wins and is remembered in a cookie */
	do_request(serve_port, "GET", "/?lang=ja", "Accept-Language: en\r\n", &r);
	assert_non_null(strstr(r.body, "<html lang=\"ja\">"));
	assert_non_null(header(&r, "Set-Cookie", v, sizeof(v)));
	assert_string_equal(v, "cdcf_lang=ja; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax");
	reply_free(&r);
	do_request(serve_port, "GET", "/", "Accept-Language: en\r\nCookie: cdcf_lang=ja\r\n", &r);
	assert_non_null(strstr(r.body, "<html lang=\"ja\">"));
	reply_free(&r);
}

/* An unchanged page answers 304 to its ETag; a client that accepts gzip gets the same
 * page compressed, with its own tag, and Vary says the answer depends on it. */
static void test_etag_and_gzip(void **state)
{
	struct reply r, c;
	char etag[128], cetag[128], hdr[256], *plain;
	z_stream z;
	(void)state;

	do_request(serve_port, "GET", "/", "", &r);
	assert_int_equal(r.status, 200);
	assert_non_null(header(&r, "ETag", etag, sizeof(etag)));
	assert_int_equal(strlen(etag), 34); /* '"' 32 hex digits '"' */
	assert_header(&r, "Vary", "Accept-Encoding");
	assert_null(header(&r, "Content-Encoding", hdr, sizeof(hdr)));

	snprintf(hdr, sizeof(hdr), "If-None-Match: \"other\", %s\r\n", etag);
	do_request(serve_port, "GET", "/", hdr, &c);
	assert_int_equal(c.status, 304);
	assert_int_equal(c.body_len, 0);
	reply_free(&c);
	do_request(serve_port, "GET", "/", "If-None-Match: \"0123\"\r\n", &c);
	assert_int_equal(c.status, 200);
	reply_free(&c);

	do_request(serve_port, "GET", "/", "Accept-Encoding: gzip;q=0.8, identity\r\n", &c);
	assert_int_equal(c.status, 200);
	assert_header(&c, "Content-Encoding", "gzip");
	assert_header(&c, "Vary", "Accept-Encoding");
	assert_non_null(header(&c, "ETag", cetag, sizeof(cetag)));
	assert_string_not_equal(cetag, etag);
	assert_true(c.body_len < r.body_len);
	plain = calloc(1, r.body_len + 1);
	memset(&z, 0, sizeof(z));
	assert_int_equal(inflateInit2(&z, 15 + 16), Z_OK);
	z.next_in = (Bytef *)c.body;
	z.avail_in = (uInt)c.body_len;
	z.next_out = (Bytef *)plain;
	z.avail_out = (uInt)r.body_len;
	assert_int_equal(inflate(&z, Z_FINISH), Z_STREAM_END);
	assert_int_equal(z.total_out, r.body_len);
	inflateEnd(&z);
	assert_memory_equal(plain, r.body, r.body_len);
	free(plain);
	reply_free(&c);
	/* gzip refused by q=0: sent as it is */
	do_request(serve_port, "GET", "/", "Accept-Encoding: gzip;q=0\r\n", &c);
	assert_null(header(&c, "Content-Encoding", hdr, sizeof(hdr)));
	assert_int_equal(c.body_len, r.body_len);
	reply_free(&c);
	reply_free(&r);
}

static void test_head_and_405(void **state)
{
	struct reply r;
	char v[64];
	(void)state;

	do_request(serve_port, "HEAD", "/", "", &r);
	assert_int_equal(r.status, 200);
	assert_int_equal(r.body_len, 0);
	assert_non_null(header(&r, "Content-Length", v, sizeof(v)));
	assert_true(atoi(v) > 0);
	reply_free(&r);

	do_request(serve_port, "DELETE", "/", "", &r);
	assert_int_equal(r.status, 405);
	assert_header(&r, "Allow", "GET, HEAD");
	assert_security_headers(&r);
	reply_free(&r);
}

static void test_not_found(void **state)
{
	struct reply r;
	(void)state;

	/* under /api: a JSON error object */
	do_request(serve_port, "GET", "/api/nope", "", &r);
	assert_int_equal(r.status, 404);
	assert_header(&r, "Content-Type", "application/json");
	assert_security_headers(&r);
	assert_json_error(&r, 404, "not_found");
	reply_free(&r);

	/* elsewhere: the HTML error page, in the asked language */
	do_request(serve_port, "GET", "/no/such/page", "Accept-Language: ja\r\n", &r);
	assert_int_equal(r.status, 404);
	assert_header(&r, "Content-Type", "text/html; charset=utf-8");
	assert_security_headers(&r);
	assert_non_null(strstr(r.body, "<html lang=\"ja\">"));
	assert_non_null(strstr(r.body, "このページは存在しません"));
	reply_free(&r);
	do_request(serve_port, "GET", "/no/such/page?lang=ja", "", &r);
	assert_int_equal(r.status, 404);
	assert_non_null(strstr(r.body, "<html lang=\"ja\">"));
	reply_free(&r);

	/* a malformed escape in the path */
	do_request(serve_port, "GET", "/api/v1/%zz", "", &r);
	assert_int_equal(r.status, 400);
	assert_json_error(&r, 400, "bad_request");
	reply_free(&r);
}

static void test_api_needs_auth(void **state)
{
	struct reply r;
	(void)state;

	do_request(serve_port, "GET", "/api/v1/anything", "", &r);
	assert_int_equal(r.status, 401);
	assert_header(&r, "Content-Type", "application/json");
	assert_header(&r, "WWW-Authenticate", "Bearer realm=\"cdcf\"");
	assert_header(&r, "Cache-Control", "no-store");
	assert_security_headers(&r);
	assert_json_error(&r, 401, "unauthenticated");
	reply_free(&r);

	/* any method, and a token the server cannot vouch for, are still 401 */
	do_request(serve_port, "POST", "/api/v1/orgs/acme",
		   "Authorization: Bearer bogus\r\nContent-Type: application/json\r\n"
		   "Content-Length: 2\r\n\r\n{}",
		   &r);
	assert_int_equal(r.status, 401);
	reply_free(&r);

	/* the public API answers without credentials */
	do_request(serve_port, "GET", "/healthz", "", &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.body, "{\"status\":\"ok\"}\n");
	assert_security_headers(&r);
	reply_free(&r);
}

static void test_openapi_served(void **state)
{
	struct reply r;
	char etag[128], hdr[256];
	json_error_t je;
	json_t *doc;
	(void)state;

	do_request(serve_port, "GET", "/api/v1/openapi.json", "", &r);
	assert_int_equal(r.status, 200);
	assert_header(&r, "Content-Type", "application/json");
	assert_header(&r, "Cache-Control", "no-cache");
	assert_non_null(header(&r, "ETag", etag, sizeof(etag)));
	doc = json_loads(r.body, 0, &je);
	assert_non_null(doc);
	assert_string_equal(json_string_value(json_object_get(doc, "openapi")), "3.0.3");
	json_decref(doc);
	reply_free(&r);

	snprintf(hdr, sizeof(hdr), "If-None-Match: %s\r\n", etag);
	do_request(serve_port, "GET", "/api/v1/openapi.json", hdr, &r);
	assert_int_equal(r.status, 304);
	assert_int_equal(r.body_len, 0);
	reply_free(&r);
}

/* Headers announcing a body over the cap: 413 before any of it is sent. */
static void test_413_content_length(void **state)
{
	const char *req =
	    "POST /api/v1/import HTTP/1.1\r\nHost: x\r\n"
	    "Content-Type: application/octet-stream\r\nContent-Length: 2097152\r\n\r\n";
	struct reply r;
	int fd = dial(serve_port);
	(void)state;

	assert_true(fd >= 0);
	assert_int_equal(send_all(fd, req, strlen(req)), 0);
	read_reply(fd, &r); /* the server answers and closes without waiting for the body */
	close(fd);
	assert_int_equal(r.status, 413);
	assert_security_headers(&r);
	assert_json_error(&r, 413, "payload_too_large");
	reply_free(&r);

	/* the same for a 20 MB form post to a page, with some body already on its way */
	fd = dial(serve_port);
	assert_true(fd >= 0);
	req =
	    "POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
	    "Content-Length: 20000000\r\n\r\nuser=a&password=";
	assert_int_equal(send_all(fd, req, strlen(req)), 0);
	read_reply(fd, &r);
	close(fd);
	assert_int_equal(r.status, 413);
	assert_header(&r, "Content-Type", "text/html; charset=utf-8");
	reply_free(&r);
}

/* A chunked body has no length up front: it is counted and cut at the cap. */
static void test_413_chunked(void **state)
{
	const char *head = "POST /api/v1/import HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
			   "Transfer-Encoding: chunked\r\n\r\n";
	char *chunk;
	char size_line[32];
	size_t chunk_len = 64 * 1024, sent = 0;
	struct reply r;
	int fd = dial(serve_port), ok = 1;
	(void)state;

	assert_true(fd >= 0);
	chunk = malloc(chunk_len);
	memset(chunk, 'x', chunk_len);
	assert_int_equal(send_all(fd, head, strlen(head)), 0);
	snprintf(size_line, sizeof(size_line), "%zx\r\n", chunk_len);
	while (ok && sent < 2 * HTTP_MAX_BODY) {
		ok = !send_all(fd, size_line, strlen(size_line)) &&
		     !send_all(fd, chunk, chunk_len) && !send_all(fd, "\r\n", 2);
		sent += chunk_len;
	}
	if (ok)
		send_all(fd, "0\r\n\r\n", 5);
	read_reply(fd, &r);
	close(fd);
	free(chunk);
	assert_int_equal(r.status, 413);
	assert_json_error(&r, 413, "payload_too_large");
	reply_free(&r);
}

/* A body right at the cap is accepted (and here refused for want of credentials). */
static void test_body_at_cap(void **state)
{
	char head[256];
	char *body = malloc(HTTP_MAX_BODY);
	struct reply r;
	int fd = dial(serve_port);
	(void)state;

	assert_true(fd >= 0);
	memset(body, 'x', HTTP_MAX_BODY);
	snprintf(head, sizeof(head),
		 "POST /api/v1/import HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
		 "Content-Length: %zu\r\n\r\n",
		 HTTP_MAX_BODY);
	assert_int_equal(send_all(fd, head, strlen(head)), 0);
	assert_int_equal(send_all(fd, body, HTTP_MAX_BODY), 0);
	read_reply(fd, &r);
	close(fd);
	free(body);
	assert_int_equal(r.status, 401);
	reply_free(&r);
}

static void test_static_assets(void **state)
{
	const char *url = assets_url("app.css");
	const struct embedded_file *f = embedded_find(embedded_web, "app.css");
	struct reply r;
	char etag[128], hdr[256], bad[256];
	(void)state;

	assert_non_null(url);
	assert_non_null(f);
	do_request(serve_port, "GET", url, "", &r);
	assert_int_equal(r.status, 200);
	assert_header(&r, "Cache-Control", "public, max-age=31536000, immutable");
	assert_header(&r, "Content-Type", "text/css; charset=utf-8");
	assert_security_headers(&r);
	assert_non_null(header(&r, "ETag", etag, sizeof(etag)));
	assert_int_equal(r.body_len, f->size);
	assert_memory_equal(r.body, f->data, f->size);
	reply_free(&r);

	snprintf(hdr, sizeof(hdr), "If-None-Match: %s\r\n", etag);
	do_request(serve_port, "GET", url, hdr, &r);
	assert_int_equal(r.status, 304);
	assert_int_equal(r.body_len, 0);
	assert_header(&r, "Cache-Control", "public, max-age=31536000, immutable");
	assert_header(&r, "ETag", etag);
	reply_free(&r);

	do_request(serve_port, "GET", assets_url("icon.svg"), "", &r);
	assert_int_equal(r.status, 200);
	assert_header(&r, "Content-Type", "image/svg+xml");
	reply_free(&r);

	/* an outdated hash, or the plain name, is not served */
	snprintf(bad, sizeof(bad), "/static/app.000000000000.css");
	do_request(serve_port, "GET", bad, "", &r);
	assert_int_equal(r.status, 404);
	assert_header(&r, "Cache-Control", "no-store");
	reply_free(&r);
	do_request(serve_port, "GET", "/static/app.css", "", &r);
	assert_int_equal(r.status, 404);
	reply_free(&r);
}

static void test_access_log(void **state)
{
	struct reply r;
	regex_t re;
	char *line;
	(void)state;

	do_request(serve_port, "GET", "/api/v1/secret-path?token=QUERYSECRET",
		   "Cookie: cdcf_session=COOKIESECRET\r\nAuthorization: Bearer HEADERSECRET\r\n",
		   &r);
	assert_int_equal(r.status, 401);
	reply_free(&r);

	line = wait_log(" /api/v1/secret-path ");
	assert_non_null(line);
	assert_int_equal(
	    regcomp(&re,
		    "^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z "
		    "127\\.0\\.0\\.1 GET /api/v1/secret-path 401 [0-9]+ [0-9]+\\.[0-9]ms$",
		    REG_EXTENDED | REG_NOSUB),
	    0);
	if (regexec(&re, line, 0, NULL, 0))
		fail_msg("unexpected access-log line: %s", line);
	regfree(&re);
	free(line);
	/* no query strings, cookies or tokens in any log line */
	assert_false(log_contains("QUERYSECRET"));
	assert_false(log_contains("COOKIESECRET"));
	assert_false(log_contains("HEADERSECRET"));
	assert_false(log_contains("token="));

	/* odd bytes in a path are escaped, so a line stays one line */
	do_request(serve_port, "GET", "/a\"b%0Ac", "", &r);
	reply_free(&r);
	line = wait_log(" /a%22b%0Ac ");
	assert_non_null(line);
	free(line);

	/* a 413 answered at the headers is logged too */
	line = wait_log(" POST /api/v1/import 413 ");
	assert_non_null(line);
	free(line);
}

/* ---- graceful shutdown: an in-flight request completes, then the port closes ---- */

static atomic_int slow_entered;

static int slow_handler(struct http_req *req, struct http_resp *resp)
{
	(void)req;
	atomic_store(&slow_entered, 1);
	sleep_ms(300);
	http_resp_text(resp, 200);
	return buf_addstr(&resp->body, "finished");
}

/* What the server made of the connection: TLS and client address. */
static int whoami_handler(struct http_req *req, struct http_resp *resp)
{
	http_resp_text(resp, 200);
	return buf_printf(&resp->body, "tls=%d addr=%s", req->is_tls, req->client_addr);
}

/* Echo what the adapter parsed: form field, query parameter, cookie, path parameter. */
static atomic_int deferred_runs;

static void bump(void *arg)
{
	(void)arg;
	atomic_fetch_add(&deferred_runs, 1);
}

static int echo_handler(struct http_req *req, struct http_resp *resp)
{
	const char *kept = http_req_strdup(req, "arena");
	const char *name = http_req_form(req, "name");
	const char *q = http_req_query(req, "q");
	const char *k = http_req_cookie(req, "k");

	http_req_defer(req, bump, NULL);
	http_resp_text(resp, 200);
	return buf_printf(&resp->body, "id=%s name=%s q=%s cookie=%s %s", http_req_param(req, "id"),
			  name ? name : "-", q ? q : "-", k ? k : "-", kept);
}

#define LONG_HANDLER_MS 2500

static atomic_int long_entered;

/* Runs longer than the deadlines of the server it is tested on. */
static int long_handler(struct http_req *req, struct http_resp *resp)
{
	(void)req;
	atomic_store(&long_entered, 1);
	sleep_ms(LONG_HANDLER_MS);
	http_resp_text(resp, 200);
	return buf_addstr(&resp->body, "finished");
}

static const struct http_route slow_routes[] = {
    {"GET", "/slow", slow_handler, HTTP_ROUTE_PUBLIC},
    {"GET", "/long", long_handler, HTTP_ROUTE_PUBLIC},
    {"GET", "/whoami", whoami_handler, HTTP_ROUTE_PUBLIC},
    {"POST", "/echo/{id}", echo_handler, HTTP_ROUTE_PUBLIC},
};

struct graceful {
	unsigned port;
	struct reply reply;
	pthread_t client, signaller;
};

static void *slow_client(void *arg)
{
	struct graceful *g = arg;
	const char *req =
	    "GET /slow HTTP/1.1\r\nHost: x\r\n\r\n"; /* keep-alive: the server closes */
	int fd = dial(g->port);

	if (fd < 0)
		return NULL;
	send_all(fd, req, strlen(req));
	read_reply(fd, &g->reply);
	close(fd);
	return NULL;
}

static void *signaller(void *arg)
{
	(void)arg;
	while (!atomic_load(&slow_entered))
		sleep_ms(5);
	kill(getpid(), SIGTERM);
	return NULL;
}

static void graceful_ready(struct http_server *srv, void *cls)
{
	struct graceful *g = cls;

	g->port = http_server_port(srv);
	pthread_create(&g->client, NULL, slow_client, g);
	pthread_create(&g->signaller, NULL, signaller, g);
}

static void test_graceful_stop(void **state)
{
	struct graceful g;
	struct http_server_options opt = {0};
	struct http_server *srv;
	struct err e = ERR_INIT;
	char v[64];
	int sig, fd;
	(void)state;

	memset(&g, 0, sizeof(g));
	atomic_store(&slow_entered, 0);
	opt.listen = "127.0.0.1:0";
	opt.threads = 2;
	opt.routes = slow_routes;
	opt.n_routes = sizeof(slow_routes) / sizeof(slow_routes[0]);
	opt.log = capture;
	opt.on_ready = graceful_ready;
	opt.on_ready_cls = &g;
	assert_int_equal(http_server_start(&opt, &srv, &e), 0);
	sig = http_server_run_until_signal(srv);
	assert_int_equal(sig, SIGTERM);
	pthread_join(g.client, NULL);
	pthread_join(g.signaller, NULL);
	/* the request in flight when SIGTERM came was answered in full */
	assert_int_equal(g.reply.status, 200);
	assert_string_equal(g.reply.body, "finished");
	assert_non_null(header(&g.reply, "Connection", v, sizeof(v)));
	assert_string_equal(v, "close");
	reply_free(&g.reply);
	/* and the port is closed */
	fd = dial(g.port);
	assert_int_equal(fd, -1);
	http_server_free(srv);
	assert_true(log_contains("terminated, shutting down"));
}

static void stop_at_once(struct http_server *srv, void *cls)
{
	(void)cls;
	http_server_stop(srv);
}

static void test_stop_request_and_bad_options(void **state)
{
	struct http_server_options opt = {0};
	struct http_server *srv;
	struct err e = ERR_INIT;
	(void)state;

	opt.listen = "127.0.0.1:0";
	opt.threads = 1;
	opt.routes = slow_routes;
	opt.n_routes = sizeof(slow_routes) / sizeof(slow_routes[0]);
	opt.log = capture;
	opt.on_ready = stop_at_once;
	assert_int_equal(http_server_start(&opt, &srv, &e), 0);
	assert_true(http_server_port(srv) > 0);
	assert_int_equal(http_server_run_until_signal(srv), 0);
	http_server_free(srv);

	opt.listen = "localhost:http";
	assert_int_equal(http_server_start(&opt, &srv, &e), ERR_INVALID);
	assert_null(srv);
	assert_non_null(strstr(e.msg, "localhost:http"));
	opt.listen = "127.0.0.1:0";
	opt.tls_cert = "/nonexistent/cert.pem";
	assert_int_equal(http_server_start(&opt, &srv, &e), ERR_INVALID);
	opt.tls_key = "/nonexistent/key.pem";
	assert_int_equal(http_server_start(&opt, &srv, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "/nonexistent/"));
	/* the port in use */
	opt.tls_cert = opt.tls_key = NULL;
	{
		char addr[32];
		struct http_server *other;
		snprintf(addr, sizeof(addr), "127.0.0.1:%u", serve_port);
		opt.listen = addr;
		assert_int_equal(http_server_start(&opt, &other, &e), ERR_IO);
		assert_null(other);
	}
}

/* Forms, query strings, cookies and path parameters as a handler sees them. */
static void test_request_parsing(void **state)
{
	struct http_server_options opt = {0};
	struct http_server *srv;
	struct err e = ERR_INIT;
	struct reply r;
	unsigned port;
	int tries;
	(void)state;

	opt.listen = "127.0.0.1:0";
	opt.threads = 1;
	opt.routes = slow_routes;
	opt.n_routes = sizeof(slow_routes) / sizeof(slow_routes[0]);
	opt.log = capture;
	assert_int_equal(http_server_start(&opt, &srv, &e), 0);
	port = http_server_port(srv);
	atomic_store(&deferred_runs, 0);
	do_request(port, "POST", "/echo/a%20b?q=%E6%97%A5",
		   "Cookie: k=v; other=1\r\nContent-Type: application/x-www-form-urlencoded; "
		   "charset=UTF-8\r\nContent-Length: 12\r\n\r\nname=a+b%26c",
		   &r);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.body, "id=a b name=a b&c q=日 cookie=v arena");
	reply_free(&r);
	/* deferred cleanups run when the request completes */
	for (tries = 0; tries < 500 && atomic_load(&deferred_runs) == 0; tries++)
		sleep_ms(10);
	assert_int_equal(atomic_load(&deferred_runs), 1);

	/* only urlencoded bodies are parsed as forms */
	do_request(port, "POST", "/echo/1",
		   "Content-Type: text/plain\r\nContent-Length: 6\r\n\r\nname=x", &r);
	assert_string_equal(r.body, "id=1 name=- q=- cookie=- arena");
	reply_free(&r);

	/* malformed form or query: 400 before the handler runs */
	do_request(port, "POST", "/echo/1",
		   "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 8\r\n\r\n"
		   "name=%zz",
		   &r);
	assert_int_equal(r.status, 400);
	reply_free(&r);
	do_request(port, "POST", "/echo/1?q=%ff", "Content-Length: 0\r\n", &r);
	assert_int_equal(r.status, 400);
	reply_free(&r);
	http_server_free(srv);
}

/* ---- failures: handlers return a negative code, the dispatcher answers ---- */

static atomic_int guarded_ran;

static int fail_recorded(struct http_req *req, struct http_resp *resp)
{
	(void)resp;
	return http_failf(req, ERR_INVALID, "name", MSG_E_API_REQUIRED, "name");
}

static int fail_bare(struct http_req *req, struct http_resp *resp)
{
	(void)req;
	(void)resp;
	return ERR_CONFLICT;
}

static int fail_busy(struct http_req *req, struct http_resp *resp)
{
	struct err e = ERR_INIT;

	(void)resp;
	err_fail(&e, ERR_BUSY, NULL, MSG_E_BUSY);
	return http_fail(req, &e);
}

/* An API refusal with its own error object: sent as written. */
static int fail_own_object(struct http_req *req, struct http_resp *resp)
{
	(void)req;
	return http_json_error(resp, 400, "own_code", "as written") ? ERR_NOMEM : ERR_INVALID;
}

/* Half a page, headers and a cookie, then a failure: the page and the header go, the
 * cookie stays. */
static int fail_after_writing(struct http_req *req, struct http_resp *resp)
{
	http_resp_html(resp, 200);
	buf_addstr(&resp->body, "HALF-WRITTEN");
	http_resp_header(resp, "X-Dropped", "1");
	http_resp_cookie(resp, req, "kept", "1", -1, 0);
	return http_failf(req, ERR_NOT_FOUND, NULL, MSG_E_NO_SUCH_ORG);
}

/* A page that outgrows the response ceiling. */
static int too_long(struct http_req *req, struct http_resp *resp)
{
	static char chunk[1 << 20];
	size_t i;

	(void)req;
	memset(chunk, 'x', sizeof(chunk));
	http_resp_html(resp, 200);
	for (i = 0; i <= HTTP_MAX_RESPONSE / sizeof(chunk); i++)
		buf_add(&resp->body, chunk, sizeof(chunk));
	return buf_status(&resp->body);
}

static int answers_nothing(struct http_req *req, struct http_resp *resp)
{
	(void)req;
	(void)resp;
	return 0;
}

static int guarded(struct http_req *req, struct http_resp *resp)
{
	(void)req;
	atomic_store(&guarded_ran, 1);
	http_resp_text(resp, 200);
	return buf_addstr(&resp->body, "ran");
}

/* The before hook answers /guarded itself; the handler must not run. */
static int before_guard(struct http_req *req, struct http_resp *resp)
{
	if (!strcmp(req->path, "/guarded"))
		return http_redirect(resp, 303, "/login");
	return 0;
}

static const struct http_route failing_routes[] = {
    {"GET", "/fail/recorded", fail_recorded, HTTP_ROUTE_PUBLIC},
    {"GET", "/api/fail/recorded", fail_recorded, HTTP_ROUTE_PUBLIC | HTTP_ROUTE_API},
    {"GET", "/fail/bare", fail_bare, HTTP_ROUTE_PUBLIC},
    {"GET", "/fail/busy", fail_busy, HTTP_ROUTE_PUBLIC},
    {"GET", "/api/fail/own", fail_own_object, HTTP_ROUTE_PUBLIC | HTTP_ROUTE_API},
    {"GET", "/fail/after", fail_after_writing, HTTP_ROUTE_PUBLIC},
    {"GET", "/fail/nothing", answers_nothing, HTTP_ROUTE_PUBLIC},
    {"GET", "/fail/too-long", too_long, HTTP_ROUTE_PUBLIC},
    {"GET", "/guarded", guarded, HTTP_ROUTE_PUBLIC},
};

static void test_failures_answered_by_dispatcher(void **state)
{
	struct http_server_options opt = {0};
	struct http_server *srv;
	struct err e = ERR_INIT;
	struct reply r;
	json_t *j;
	char v[128];
	unsigned port;
	(void)state;

	opt.listen = "127.0.0.1:0";
	opt.threads = 1;
	opt.routes = failing_routes;
	opt.n_routes = sizeof(failing_routes) / sizeof(failing_routes[0]);
	opt.before = before_guard;
	opt.log = capture;
	assert_int_equal(http_server_start(&opt, &srv, &e), 0);
	port = http_server_port(srv);

	/* a recorded error: its status and its one message, in the request's language */
	do_request(port, "GET", "/fail/recorded", "", &r);
	assert_int_equal(r.status, 400);
	assert_non_null(strstr(r.body, "field &#39;name&#39; is required"));
	reply_free(&r);
	do_request(port, "GET", "/fail/recorded", "Accept-Language: ja\r\n", &r);
	assert_int_equal(r.status, 400);
	assert_non_null(strstr(r.body, "フィールド &#39;name&#39; は必須です"));
	assert_null(strstr(r.body, "is required"));
	reply_free(&r);
	/* the API: 422 with the code, the field and the message */
	do_request(port, "GET", "/api/fail/recorded", "", &r);
	assert_int_equal(r.status, 422);
	j = json_loads(r.body, 0, NULL);
	assert_non_null(j);
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "error"), "code")),
			    "validation_failed");
	assert_string_equal(
	    json_string_value(json_object_get(json_object_get(j, "error"), "field")), "name");
	json_decref(j);
	reply_free(&r);

	/* nothing recorded: the code's status */
	do_request(port, "GET", "/fail/bare", "", &r);
	assert_int_equal(r.status, 409);
	reply_free(&r);
	do_request(port, "GET", "/fail/busy", "", &r);
	assert_int_equal(r.status, 503);
	assert_non_null(header(&r, "Retry-After", v, sizeof(v)));
	reply_free(&r);

	/* an API error object written by the failing code is sent as written */
	do_request(port, "GET", "/api/fail/own", "", &r);
	assert_int_equal(r.status, 400);
	assert_non_null(strstr(r.body, "\"own_code\""));
	reply_free(&r);

	/* what a failed handler wrote is replaced, its headers dropped, its cookies kept */
	do_request(port, "GET", "/fail/after", "", &r);
	assert_int_equal(r.status, 404);
	assert_null(strstr(r.body, "HALF-WRITTEN"));
	assert_null(header(&r, "X-Dropped", v, sizeof(v)));
	assert_non_null(header(&r, "Set-Cookie", v, sizeof(v)));
	assert_non_null(strstr(v, "kept=1"));
	reply_free(&r);

	/* a handler that answers nothing is a bug: 500, logged */
	do_request(port, "GET", "/fail/nothing", "", &r);
	assert_int_equal(r.status, 500);
	reply_free(&r);
	assert_true(log_contains("/fail/nothing answered nothing"));
	/* an answer over the ceiling is the server's failure, not a request too large */
	do_request(port, "GET", "/fail/too-long", "", &r);
	assert_int_equal(r.status, 500);
	reply_free(&r);
	assert_true(log_contains("/fail/too-long: the answer is over 64 MiB"));

	/* the before hook answered: the handler does not run */
	atomic_store(&guarded_ran, 0);
	do_request(port, "GET", "/guarded", "", &r);
	assert_int_equal(r.status, 303);
	assert_int_equal(atomic_load(&guarded_ran), 0);
	reply_free(&r);
	http_server_free(srv);
}

/* Behind a reverse proxy: the client address and scheme come from X-Forwarded-*. */
static void test_trust_proxy(void **state)
{
	struct http_server_options opt = {0};
	struct http_server *srv;
	struct err e = ERR_INIT;
	struct reply r;
	unsigned port;
	(void)state;

	opt.listen = "127.0.0.1:0";
	opt.threads = 1;
	opt.routes = slow_routes;
	opt.n_routes = sizeof(slow_routes) / sizeof(slow_routes[0]);
	opt.log = capture;
	assert_int_equal(http_server_start(&opt, &srv, &e), 0);
	port = http_server_port(srv);
	/* not trusted: the headers are ignored */
	do_request(port, "GET", "/whoami",
		   "X-Forwarded-For: 203.0.113.7\r\nX-Forwarded-Proto: https\r\n", &r);
	assert_string_equal(r.body, "tls=0 addr=127.0.0.1");
	reply_free(&r);
	http_server_free(srv);

	opt.trust_proxy = 1;
	assert_int_equal(http_server_start(&opt, &srv, &e), 0);
	port = http_server_port(srv);
	/* the right-most address is the one the proxy saw */
	do_request(port, "GET", "/whoami",
		   "X-Forwarded-For: 10.9.9.9, 203.0.113.7\r\nX-Forwarded-Proto: https\r\n", &r);
	assert_string_equal(r.body, "tls=1 addr=203.0.113.7");
	reply_free(&r);
	do_request(port, "GET", "/whoami", "X-Forwarded-For: 2001:db8::1\r\n", &r);
	assert_string_equal(r.body, "tls=0 addr=2001:db8::1");
	reply_free(&r);
	/* junk is not taken as an address */
	do_request(port, "GET", "/whoami", "X-Forwarded-For: <script>\r\n", &r);
	assert_string_equal(r.body, "tls=0 addr=127.0.0.1");
	reply_free(&r);
	http_server_free(srv);
}

static void *long_client(void *arg)
{
	struct graceful *g = arg;

	do_request(g->port, "GET", "/long", "", &g->reply);
	return NULL;
}

/*
 * The header and body deadlines measure the client, never the server: a
 * request whose handler runs past them is answered in full, and a client
 * whose request waits unread while the only worker thread runs that handler
 * is served afterwards, not cut off.
 */
static void test_deadlines_spare_long_requests(void **state)
{
	struct http_server_options opt = {0};
	struct http_server *srv;
	struct err e = ERR_INIT;
	struct graceful g;
	struct reply r;
	const char *req = "GET /whoami HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
	int fd;
	(void)state;

	memset(&g, 0, sizeof(g));
	atomic_store(&long_entered, 0);
	opt.listen = "127.0.0.1:0";
	opt.threads = 1;
	opt.header_timeout = 1;
	opt.body_timeout = 1;
	opt.routes = slow_routes;
	opt.n_routes = sizeof(slow_routes) / sizeof(slow_routes[0]);
	opt.log = capture;
	assert_int_equal(http_server_start(&opt, &srv, &e), 0);
	g.port = http_server_port(srv);
	fd = dial(g.port); /* accepted now: its header deadline runs from here */
	assert_true(fd >= 0);
	sleep_ms(100);
	assert_int_equal(pthread_create(&g.client, NULL, long_client, &g), 0);
	while (!atomic_load(&long_entered))
		sleep_ms(5);
	/* the whole request, left unread while the handler holds the thread */
	assert_int_equal(send_all(fd, req, strlen(req)), 0);
	read_reply(fd, &r);
	close(fd);
	pthread_join(g.client, NULL);
	assert_int_equal(g.reply.status, 200);
	assert_string_equal(g.reply.body, "finished");
	assert_int_equal(r.status, 200);
	assert_string_equal(r.body, "tls=0 addr=127.0.0.1");
	reply_free(&r);
	reply_free(&g.reply);
	http_server_free(srv);
	assert_false(log_contains("closed the connection from"));
}

/* ---- TLS, with the openssl tool making a certificate and playing the client ---- */

static int run(const char *cmd)
{
	int rc = system(cmd);
	return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct buf b;
	char chunk[4096];
	size_t n;

	buf_init(&b, 1 << 20);
	if (f) {
		while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
			buf_add(&b, chunk, n);
		fclose(f);
	}
	{
		char *s = buf_detach(&b, NULL);
		buf_release(&b);
		return s;
	}
}

static void test_tls(void **state)
{
	char dir[] = "/tmp/cdcf-tls-XXXXXX", cmd[1024], cert[128], key[128], reqf[128], outf[128];
	struct http_server_options opt = {0};
	struct http_server *srv;
	struct err e = ERR_INIT;
	FILE *f;
	char *out;
	unsigned port;
	(void)state;

	if (run("command -v openssl >/dev/null 2>&1 && command -v timeout >/dev/null 2>&1"))
		skip();
	assert_non_null(mkdtemp(dir));
	snprintf(cert, sizeof(cert), "%s/cert.pem", dir);
	snprintf(key, sizeof(key), "%s/key.pem", dir);
	snprintf(reqf, sizeof(reqf), "%s/req.txt", dir);
	snprintf(outf, sizeof(outf), "%s/out.txt", dir);
	snprintf(cmd, sizeof(cmd),
		 "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 "
		 "-subj /CN=localhost -keyout %s -out %s >/dev/null 2>&1",
		 key, cert);
	assert_int_equal(run(cmd), 0);

	opt.listen = "127.0.0.1:0";
	opt.threads = 2;
	opt.tls_cert = cert;
	opt.tls_key = key;
	opt.routes = slow_routes;
	opt.n_routes = sizeof(slow_routes) / sizeof(slow_routes[0]);
	opt.log = capture;
	/* a certificate without its key is refused */
	opt.tls_key = cert;
	assert_int_equal(http_server_start(&opt, &srv, &e), ERR_IO);
	opt.tls_key = key;
	assert_int_equal(http_server_start(&opt, &srv, &e), 0);
	port = http_server_port(srv);

	f = fopen(reqf, "w");
	assert_non_null(f);
	fputs("GET /slow HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", f);
	fclose(f);
	/* TLS 1.2 and 1.3 are served */
	snprintf(
	    cmd, sizeof(cmd),
	    "timeout 20 openssl s_client -connect 127.0.0.1:%u -tls1_2 -quiet <%s >%s 2>/dev/null",
	    port, reqf, outf);
	run(cmd);
	out = slurp(outf);
	assert_non_null(strstr(out, "HTTP/1.1 200"));
	assert_non_null(strstr(out, "finished"));
	assert_non_null(strstr(out, "X-Frame-Options: DENY"));
	free(out);
	f = fopen(reqf, "w");
	assert_non_null(f);
	fputs("GET /whoami HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n", f);
	fclose(f);
	snprintf(
	    cmd, sizeof(cmd),
	    "timeout 20 openssl s_client -connect 127.0.0.1:%u -tls1_3 -quiet <%s >%s 2>/dev/null",
	    port, reqf, outf);
	run(cmd);
	out = slurp(outf);
	assert_non_null(strstr(out, "HTTP/1.1 200"));
	assert_non_null(strstr(out, "tls=1 addr=127.0.0.1"));
	free(out);
	/* TLS 1.1 is not, even for a client willing to use it */
	snprintf(
	    cmd, sizeof(cmd),
	    "timeout 20 openssl s_client -connect 127.0.0.1:%u -tls1_1 -cipher DEFAULT@SECLEVEL=0 "
	    "-quiet <%s >%s 2>/dev/null",
	    port, reqf, outf);
	run(cmd);
	out = slurp(outf);
	assert_null(strstr(out, "HTTP/1.1"));
	free(out);
	/* plain HTTP to the TLS port gets no page */
	{
		struct reply r;
		do_request(port, "GET", "/slow", "", &r);
		assert_null(strstr(r.raw, "finished"));
		reply_free(&r);
	}
	http_server_free(srv);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
	run(cmd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_home_page),
	    cmocka_unit_test(test_etag_and_gzip),
	    cmocka_unit_test(test_head_and_405),
	    cmocka_unit_test(test_not_found),
	    cmocka_unit_test(test_api_needs_auth),
	    cmocka_unit_test(test_openapi_served),
	    cmocka_unit_test(test_413_content_length),
	    cmocka_unit_test(test_413_chunked),
	    cmocka_unit_test(test_body_at_cap),
	    cmocka_unit_test(test_static_assets),
	    cmocka_unit_test(test_access_log),
	    cmocka_unit_test(test_stop_request_and_bad_options),
	    cmocka_unit_test(test_request_parsing),
	    cmocka_unit_test(test_failures_answered_by_dispatcher),
	    cmocka_unit_test(test_trust_proxy),
	    cmocka_unit_test(test_deadlines_spare_long_requests),
	    cmocka_unit_test(test_tls),
	    cmocka_unit_test(test_graceful_stop),
	};
	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
