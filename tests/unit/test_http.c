/*
 * Unit tests for the pure parts of web/: route matching, percent-decoding,
 * forms, query strings, cookies, listen addresses, Accept-Language, entity
 * tags, responses (JSON errors, redirects, cookies, headers), auth crypto,
 * assets and the OpenAPI document.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "i18n/i18n.h"
#include "util/err.h"
#include "web/http/assets.h"
#include "web/auth/auth.h"
#include "web/http/http.h"
#include "web/api/openapi.h"
#include "web/routes.h"

static int h_a(struct http_req *req, struct http_resp *resp)
{
	(void)req;
	(void)resp;
	return 0;
}

static const struct http_route routes[] = {
    {"GET", "/", h_a, HTTP_ROUTE_PUBLIC},
    {"GET", "/orgs/{org}/portfolios/{id}", h_a, 0},
    {"POST", "/orgs/{org}/portfolios/{id}", h_a, 0},
    {"GET", "/orgs/new", h_a, 0},
    {"GET", "/orgs/{org}", h_a, 0},
    {"DELETE", "/orgs/{org}", h_a, 0},
    {"GET", "/static/{file}", h_a, 0},
    {"*", "/api/v1/{rest*}", h_a, HTTP_ROUTE_API},
};
#define N_ROUTES (sizeof(routes) / sizeof(routes[0]))

static const struct http_route *match(const char *method, const char *path,
				      struct http_params *params, int *status, char *allow)
{
	http_params_init(params);
	return http_route_match(routes, N_ROUTES, method, path, params, status, allow,
				HTTP_ALLOW_MAX);
}

static void test_route_params(void **state)
{
	struct http_params p;
	char allow[HTTP_ALLOW_MAX];
	int status;
	const struct http_route *r;
	(void)state;

	r = match("GET", "/orgs/acme/portfolios/42", &p, &status, allow);
	assert_ptr_equal(r, &routes[1]);
	assert_int_equal(p.n, 2);
	assert_string_equal(http_params_get(&p, "org"), "acme");
	assert_string_equal(http_params_get(&p, "id"), "42");
	http_params_release(&p);

	/* percent-decoding per segment; an encoded slash stays inside the parameter */
	r = match("GET", "/orgs/a%2Fb%20c/portfolios/%E6%97%A5", &p, &status, allow);
	assert_ptr_equal(r, &routes[1]);
	assert_string_equal(http_params_get(&p, "org"), "a/b c");
	assert_string_equal(http_params_get(&p, "id"), "日");
	http_params_release(&p);

	/* a literal route listed first wins over a parameter */
	r = match("GET", "/orgs/new", &p, &status, allow);
	assert_ptr_equal(r, &routes[3]);
	assert_int_equal(p.n, 0);
	http_params_release(&p);

	/* the root matches only "/" */
	r = match("GET", "/", &p, &status, allow);
	assert_ptr_equal(r, &routes[0]);
	http_params_release(&p);

	/* HEAD is answered by GET routes */
	r = match("HEAD", "/orgs/acme", &p, &status, allow);
	assert_ptr_equal(r, &routes[4]);
	http_params_release(&p);

	/* tail parameter keeps the rest as sent; any method */
	r = match("PATCH", "/api/v1/orgs/x%20y/entries", &p, &status, allow);
	assert_ptr_equal(r, &routes[7]);
	assert_string_equal(http_params_get(&p, "rest"), "orgs/x%20y/entries");
	http_params_release(&p);
}

static void test_route_404_405_400(void **state)
{
	struct http_params p;
	char allow[HTTP_ALLOW_MAX];
	int status;
	(void)state;

	/* unknown path, trailing slash, empty segment, missing segment */
	assert_null(match("GET", "/nope", &p, &status, allow));
	assert_int_equal(status, 404);
	http_params_release(&p);
	assert_null(match("GET", "/orgs/acme/", &p, &status, allow));
	assert_int_equal(status, 404);
	http_params_release(&p);
	assert_null(match("GET", "/orgs//portfolios/1", &p, &status, allow));
	assert_int_equal(status, 404);
	http_params_release(&p);
	assert_null(match("GET", "/api/v1", &p, &status, allow));
	assert_int_equal(status, 404);
	http_params_release(&p);
	assert_null(match("GET", "/api/v1/", &p, &status, allow));
	assert_int_equal(status, 404);
	http_params_release(&p);

	/* path exists with other methods: 405 and the Allow list */
	assert_null(match("PUT", "/orgs/acme", &p, &status, allow));
	assert_int_equal(status, 405);
	assert_string_equal(allow, "GET, HEAD, DELETE");
	assert_int_equal(p.n, 0);
	http_params_release(&p);
	assert_null(match("DELETE", "/orgs/a/portfolios/1", &p, &status, allow));
	assert_int_equal(status, 405);
	assert_string_equal(allow, "GET, HEAD, POST");
	http_params_release(&p);

	/* malformed escapes and encoded NUL: 400 */
	assert_null(match("GET", "/orgs/%zz", &p, &status, allow));
	assert_int_equal(status, 400);
	http_params_release(&p);
	assert_null(match("GET", "/orgs/a%00b", &p, &status, allow));
	assert_int_equal(status, 400);
	http_params_release(&p);
	assert_null(match("GET", "/orgs/%E6", &p, &status, allow)); /* cut UTF-8 */
	assert_int_equal(status, 400);
	http_params_release(&p);
}

static void test_route_path_ceiling(void **state)
{
	struct http_params p;
	char allow[HTTP_ALLOW_MAX];
	char *path = malloc(HTTP_MAX_PATH + 16);
	int status;
	(void)state;

	memcpy(path, "/orgs/", 6);
	memset(path + 6, 'a', HTTP_MAX_PATH - 6);
	path[HTTP_MAX_PATH] = '\0';
	assert_non_null(match("GET", path, &p, &status, allow));
	http_params_release(&p);
	path[HTTP_MAX_PATH] = 'a';
	path[HTTP_MAX_PATH + 1] = '\0';
	assert_null(match("GET", path, &p, &status, allow));
	assert_int_equal(status, 414);
	http_params_release(&p);
	free(path);
}

static void test_percent_decode(void **state)
{
	char *out;
	(void)state;

	assert_int_equal(http_percent_decode("a%20b+c", 7, 1, 100, &out), 0);
	assert_string_equal(out, "a b c");
	free(out);
	assert_int_equal(http_percent_decode("a%20b+c", 7, 0, 100, &out), 0);
	assert_string_equal(out, "a b+c");
	free(out);
	assert_int_equal(http_percent_decode("%e3%81%82", 9, 1, 100, &out), 0);
	assert_string_equal(out, "あ");
	free(out);
	/* only the given length is read */
	assert_int_equal(http_percent_decode("abc%", 3, 1, 100, &out), 0);
	assert_string_equal(out, "abc");
	free(out);
	assert_int_equal(http_percent_decode("abc%", 4, 1, 100, &out), ERR_INVALID);
	assert_null(out);
	assert_int_equal(http_percent_decode("%4", 2, 1, 100, &out), ERR_INVALID);
	assert_int_equal(http_percent_decode("%g0", 3, 1, 100, &out), ERR_INVALID);
	assert_int_equal(http_percent_decode("%00", 3, 1, 100, &out), ERR_INVALID);
	assert_int_equal(http_percent_decode("%ff", 3, 1, 100, &out), ERR_INVALID);
	assert_int_equal(http_percent_decode("%c0%af", 6, 1, 100, &out),
			 ERR_INVALID); /* overlong */
	assert_int_equal(http_percent_decode("%ed%a0%80", 9, 1, 100, &out),
			 ERR_INVALID); /* surrogate */
	/* ceiling counts decoded bytes */
	assert_int_equal(http_percent_decode("%41%42%43", 9, 1, 3, &out), 0);
	assert_string_equal(out, "ABC");
	free(out);
	assert_int_equal(http_percent_decode("ABCD", 4, 1, 3, &out), ERR_TOO_LARGE);
	assert_null(out);
}

static void test_percent_encode(void **state)
{
	struct buf b;
	(void)state;

	buf_init(&b, 0);
	assert_int_equal(http_percent_encode(&b, "/orgs/a b?x=1&y=日"), 0);
	assert_string_equal(b.data, "%2Forgs%2Fa%20b%3Fx%3D1%26y%3D%E6%97%A5");
	buf_release(&b);
}

static void test_form_parse(void **state)
{
	struct http_params p;
	const char *data = "name=Acme+Corp&note=a%26b%3Dc&empty=&flag&&level=basic&level=standard";
	(void)state;

	http_params_init(&p);
	assert_int_equal(http_form_parse(data, strlen(data), &p), 0);
	assert_int_equal(p.n, 6);
	assert_string_equal(http_params_get(&p, "name"), "Acme Corp");
	assert_string_equal(http_params_get(&p, "note"), "a&b=c");
	assert_string_equal(http_params_get(&p, "empty"), "");
	assert_string_equal(http_params_get(&p, "flag"), "");
	assert_string_equal(http_params_get(&p, "level"), "basic"); /* first of repeated */
	assert_string_equal(p.v[5].name, "level");
	assert_string_equal(p.v[5].value, "standard");
	assert_null(http_params_get(&p, "missing"));
	http_params_release(&p);

	/* Japanese, as a browser sends it */
	http_params_init(&p);
	data = "title=%E7%8F%BE%E7%8A%B6";
	assert_int_equal(http_form_parse(data, strlen(data), &p), 0);
	assert_string_equal(http_params_get(&p, "title"), "現状");
	http_params_release(&p);

	/* malformed: keep what came before, report ERR_INVALID */
	http_params_init(&p);
	data = "a=1&b=%zz&c=3";
	assert_int_equal(http_form_parse(data, strlen(data), &p), ERR_INVALID);
	assert_int_equal(p.n, 1);
	http_params_release(&p);

	/* the data is not NUL-terminated: only len bytes count */
	http_params_init(&p);
	assert_int_equal(http_form_parse("a=12345", 3, &p), 0);
	assert_string_equal(http_params_get(&p, "a"), "1");
	http_params_release(&p);

	/* empty input */
	http_params_init(&p);
	assert_int_equal(http_form_parse("", 0, &p), 0);
	assert_int_equal(p.n, 0);
	http_params_release(&p);
}

static void test_form_ceilings(void **state)
{
	struct http_params p;
	struct buf b;
	size_t i;
	(void)state;

	/* exactly HTTP_FORM_MAX_FIELDS fields pass, one more does not */
	buf_init(&b, 0);
	for (i = 0; i < HTTP_FORM_MAX_FIELDS; i++)
		buf_printf(&b, "%sf%zu=%zu", i ? "&" : "", i, i);
	http_params_init(&p);
	assert_int_equal(http_form_parse(b.data, b.len, &p), 0);
	assert_int_equal(p.n, HTTP_FORM_MAX_FIELDS);
	http_params_release(&p);
	buf_addstr(&b, "&one=more");
	http_params_init(&p);
	assert_int_equal(http_form_parse(b.data, b.len, &p), ERR_TOO_LARGE);
	http_params_release(&p);

	/* a name of HTTP_FORM_MAX_NAME bytes passes, one more byte does not */
	buf_reset(&b);
	for (i = 0; i < HTTP_FORM_MAX_NAME; i++)
		buf_addch(&b, 'n');
	buf_addstr(&b, "=v");
	http_params_init(&p);
	assert_int_equal(http_form_parse(b.data, b.len, &p), 0);
	http_params_release(&p);
	buf_reset(&b);
	for (i = 0; i <= HTTP_FORM_MAX_NAME; i++)
		buf_addch(&b, 'n');
	buf_addstr(&b, "=v");
	http_params_init(&p);
	assert_int_equal(http_form_parse(b.data, b.len, &p), ERR_TOO_LARGE);
	http_params_release(&p);

	/* a value one byte over HTTP_FORM_MAX_VALUE */
	buf_reset(&b);
	buf_addstr(&b, "v=");
	for (i = 0; i <= HTTP_FORM_MAX_VALUE; i++)
		buf_addch(&b, 'x');
	http_params_init(&p);
	assert_int_equal(http_form_parse(b.data, b.len, &p), ERR_TOO_LARGE);
	http_params_release(&p);
	buf_release(&b);
}

static void test_cookie_parse(void **state)
{
	struct http_params p;
	struct buf b;
	int i;
	(void)state;

	http_params_init(&p);
	http_cookie_parse("cdcf_session=abc-DEF_123; cdcf_lang=ja;  q=\"quoted\" ;bad; =x; "
			  "sp ace=1; v=a,b; pct=%41",
			  &p);
	assert_string_equal(http_params_get(&p, "cdcf_session"), "abc-DEF_123");
	assert_string_equal(http_params_get(&p, "cdcf_lang"), "ja");
	assert_string_equal(http_params_get(&p, "q"), "quoted");
	assert_null(http_params_get(&p, "bad"));
	assert_null(http_params_get(&p, "v")); /* ',' is not a cookie octet */
	assert_null(http_params_get(&p, "sp ace"));
	assert_string_equal(http_params_get(&p, "pct"), "%41"); /* not decoded */
	assert_int_equal(p.n, 4);
	http_params_release(&p);

	http_params_init(&p);
	http_cookie_parse(NULL, &p);
	http_cookie_parse("", &p);
	assert_int_equal(p.n, 0);
	http_params_release(&p);

	/* at most HTTP_MAX_COOKIES are kept */
	buf_init(&b, 0);
	for (i = 0; i < HTTP_MAX_COOKIES + 5; i++)
		buf_printf(&b, "c%d=%d; ", i, i);
	http_params_init(&p);
	http_cookie_parse(b.data, &p);
	assert_int_equal(p.n, HTTP_MAX_COOKIES);
	http_params_release(&p);
	buf_release(&b);
}

static void test_listen_parse(void **state)
{
	char host[64];
	unsigned port;
	int v6;
	(void)state;

	assert_int_equal(http_listen_parse("127.0.0.1:8080", host, sizeof(host), &port, &v6), 0);
	assert_string_equal(host, "127.0.0.1");
	assert_int_equal(port, 8080);
	assert_int_equal(v6, 0);
	assert_int_equal(http_listen_parse("0.0.0.0:0", host, sizeof(host), &port, &v6), 0);
	assert_int_equal(port, 0);
	assert_int_equal(http_listen_parse("[::1]:443", host, sizeof(host), &port, &v6), 0);
	assert_string_equal(host, "::1");
	assert_int_equal(port, 443);
	assert_int_equal(v6, 1);
	assert_int_equal(http_listen_parse("[::]:65535", host, sizeof(host), &port, &v6), 0);
	assert_string_equal(host, "::");
	assert_int_equal(port, 65535);
	assert_int_equal(http_listen_parse(":9000", host, sizeof(host), &port, &v6), 0);
	assert_string_equal(host, "127.0.0.1");
	assert_int_equal(port, 9000);
	assert_int_equal(http_listen_parse("9001", host, sizeof(host), &port, &v6), 0);
	assert_string_equal(host, "127.0.0.1");
	assert_int_equal(http_listen_parse("localhost:8081", host, sizeof(host), &port, &v6), 0);
	assert_string_equal(host, "127.0.0.1");

	assert_int_equal(http_listen_parse("", host, sizeof(host), &port, &v6), ERR_INVALID);
	assert_int_equal(http_listen_parse(NULL, host, sizeof(host), &port, &v6), ERR_INVALID);
	assert_int_equal(http_listen_parse("127.0.0.1", host, sizeof(host), &port, &v6),
			 ERR_INVALID);
	assert_int_equal(http_listen_parse("127.0.0.1:", host, sizeof(host), &port, &v6),
			 ERR_INVALID);
	assert_int_equal(http_listen_parse("127.0.0.1:65536", host, sizeof(host), &port, &v6),
			 ERR_INVALID);
	assert_int_equal(http_listen_parse("127.0.0.1:-1", host, sizeof(host), &port, &v6),
			 ERR_INVALID);
	assert_int_equal(http_listen_parse("127.0.0.1:80x", host, sizeof(host), &port, &v6),
			 ERR_INVALID);
	assert_int_equal(http_listen_parse("256.0.0.1:80", host, sizeof(host), &port, &v6),
			 ERR_INVALID);
	assert_int_equal(http_listen_parse("example.com:80", host, sizeof(host), &port, &v6),
			 ERR_INVALID);
	assert_int_equal(http_listen_parse("::1:80", host, sizeof(host), &port, &v6), ERR_INVALID);
	assert_int_equal(http_listen_parse("[::1]80", host, sizeof(host), &port, &v6), ERR_INVALID);
	assert_int_equal(http_listen_parse("[::1", host, sizeof(host), &port, &v6), ERR_INVALID);
	assert_int_equal(http_listen_parse("[1.2.3.4]:80", host, sizeof(host), &port, &v6),
			 ERR_INVALID);
	/* host buffer too small */
	assert_int_equal(http_listen_parse("127.0.0.1:80", host, 5, &port, &v6), ERR_INVALID);
}

static void test_accept_lang(void **state)
{
	(void)state;

	assert_int_equal(http_accept_lang(NULL), LANG_EN);
	assert_int_equal(http_accept_lang(""), LANG_EN);
	assert_int_equal(http_accept_lang("ja"), LANG_JA);
	assert_int_equal(http_accept_lang("ja-JP,ja;q=0.9,en-US;q=0.8,en;q=0.7"), LANG_JA);
	assert_int_equal(http_accept_lang("en-US,en;q=0.9,ja;q=0.8"), LANG_EN);
	assert_int_equal(http_accept_lang("fr-FR, ja;q=0.5, en;q=0.4"), LANG_JA);
	assert_int_equal(http_accept_lang("en;q=0.2, ja;q=0.3"), LANG_JA);
	assert_int_equal(http_accept_lang("JA-jp"), LANG_JA);
	assert_int_equal(http_accept_lang("ja;q=0, en"), LANG_EN);
	assert_int_equal(http_accept_lang("de, fr"), LANG_EN);
	assert_int_equal(http_accept_lang("*"), LANG_EN);
	assert_int_equal(http_accept_lang("jaa, ja ; q=1"), LANG_JA);
}

static void test_etag_match(void **state)
{
	(void)state;

	assert_true(http_etag_match("\"abc\"", "\"abc\""));
	assert_true(http_etag_match("W/\"abc\"", "\"abc\""));
	assert_true(http_etag_match("\"x\", \"abc\"", "\"abc\""));
	assert_true(http_etag_match("*", "\"abc\""));
	assert_false(http_etag_match("\"abcd\"", "\"abc\""));
	assert_false(http_etag_match("\"ab\"", "\"abc\""));
	assert_false(http_etag_match("", "\"abc\""));
	assert_false(http_etag_match(NULL, "\"abc\""));
}

static void test_status_names(void **state)
{
	(void)state;

	assert_string_equal(http_status_code(404), "not_found");
	assert_string_equal(http_status_code(413), "payload_too_large");
	assert_string_equal(http_status_code(599), "error");
	assert_string_equal(http_status_reason(405), "Method Not Allowed");
	assert_string_equal(http_status_reason(599), "Unknown");
}

static void resp_init(struct http_resp *r)
{
	memset(r, 0, sizeof(*r));
	r->status = 200;
	http_params_init(&r->headers);
	buf_init(&r->body, HTTP_MAX_RESPONSE);
}

static void resp_release(struct http_resp *r)
{
	http_params_release(&r->headers);
	buf_release(&r->body);
}

static void test_json_error_shape(void **state)
{
	struct http_resp r;
	json_t *j, *e;
	json_error_t je;
	(void)state;

	resp_init(&r);
	assert_int_equal(http_json_error(&r, 404, "not_found", "no such portfolio 'x'"), 0);
	assert_int_equal(r.status, 404);
	assert_string_equal(r.content_type, "application/json");
	j = json_loads(r.body.data, 0, &je);
	assert_non_null(j);
	assert_int_equal(json_object_size(j), 1);
	e = json_object_get(j, "error");
	assert_true(json_is_object(e));
	assert_int_equal(json_object_size(e), 3);
	assert_int_equal(json_integer_value(json_object_get(e, "status")), 404);
	assert_string_equal(json_string_value(json_object_get(e, "code")), "not_found");
	assert_string_equal(json_string_value(json_object_get(e, "message")),
			    "no such portfolio 'x'");
	json_decref(j);

	/* defaults from the status; invalid UTF-8 in a message is not echoed */
	assert_int_equal(http_json_error(&r, 413, NULL, "bad \xff byte"), 0);
	j = json_loads(r.body.data, 0, &je);
	assert_non_null(j);
	e = json_object_get(j, "error");
	assert_string_equal(json_string_value(json_object_get(e, "code")), "payload_too_large");
	assert_string_equal(json_string_value(json_object_get(e, "message")), "Content Too Large");
	json_decref(j);
	resp_release(&r);
}

static void test_resp_headers(void **state)
{
	struct http_resp r;
	(void)state;

	resp_init(&r);
	assert_int_equal(http_resp_header(&r, "X-Test", "1"), 0);
	assert_int_equal(http_resp_header(&r, "x-test", "2"), 0); /* replaces */
	assert_int_equal(r.headers.n, 1);
	assert_string_equal(http_params_get_ci(&r.headers, "X-TEST"), "2");
	assert_int_equal(http_resp_header(&r, "X-Evil", "a\r\nSet-Cookie: x=1"), ERR_INVALID);
	assert_int_equal(http_resp_header(&r, "X Evil", "a"), ERR_INVALID);
	assert_int_equal(http_resp_header(&r, "", "a"), ERR_INVALID);
	assert_int_equal(r.headers.n, 1);
	resp_release(&r);
}

static void test_redirect(void **state)
{
	struct http_resp r;
	(void)state;

	resp_init(&r);
	assert_int_equal(http_redirect(&r, 303, "/orgs/acme?tab=gaps"), 0);
	assert_int_equal(r.status, 303);
	assert_string_equal(http_params_get_ci(&r.headers, "Location"), "/orgs/acme?tab=gaps");
	/* never off-site */
	assert_int_equal(http_redirect(&r, 303, "https://evil.example/"), ERR_INVALID);
	assert_int_equal(http_redirect(&r, 303, "//evil.example/"), ERR_INVALID);
	assert_int_equal(http_redirect(&r, 303, "/\\evil.example/"), ERR_INVALID);
	assert_int_equal(http_redirect(&r, 303, "relative"), ERR_INVALID);
	assert_int_equal(http_redirect(&r, 303, "/a\r\nX: y"), ERR_INVALID);
	assert_int_equal(http_redirect(&r, 200, "/"), ERR_INVALID);
	assert_string_equal(http_params_get_ci(&r.headers, "Location"), "/orgs/acme?tab=gaps");
	resp_release(&r);
}

static void test_cookies_out(void **state)
{
	struct http_resp r;
	struct http_req req;
	(void)state;

	memset(&req, 0, sizeof(req));
	resp_init(&r);
	assert_int_equal(http_resp_cookie(&r, &req, "cdcf_session", "tok-EN_1", 3600, 0), 0);
	assert_string_equal(r.headers.v[0].value,
			    "cdcf_session=tok-EN_1; Path=/; Max-Age=3600; HttpOnly; SameSite=Lax");
	req.is_tls = 1;
	assert_int_equal(http_resp_cookie(&r, &req, "a", "b", -1, HTTP_COOKIE_STRICT), 0);
	assert_string_equal(r.headers.v[1].value, "a=b; Path=/; HttpOnly; SameSite=Strict; Secure");
	assert_int_equal(http_resp_cookie(&r, &req, "cdcf_session", "x", 0, 0), 0);
	assert_string_equal(r.headers.v[2].value,
			    "cdcf_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax; Secure");
	assert_int_equal(http_resp_cookie(&r, &req, "js", "1", 60, HTTP_COOKIE_JS), 0);
	assert_null(strstr(r.headers.v[3].value, "HttpOnly"));
	/* several Set-Cookie headers coexist */
	assert_int_equal(r.headers.n, 4);
	assert_int_equal(http_resp_cookie(&r, &req, "a", "x;y", 1, 0), ERR_INVALID);
	assert_int_equal(http_resp_cookie(&r, &req, "a", "x y", 1, 0), ERR_INVALID);
	assert_int_equal(http_resp_cookie(&r, &req, "a=b", "x", 1, 0), ERR_INVALID);
	assert_int_equal(r.headers.n, 4);
	resp_release(&r);
}

static void test_password(void **state)
{
	char hash[AUTH_PWHASH_MAX], long_pw[AUTH_PASSWORD_MAX_BYTES + 2];
	(void)state;

	setenv("CDCF_ARGON2", "min", 1);
	assert_int_equal(auth_password_hash("correct horse battery", hash), 0);
	assert_true(!strncmp(hash, "$argon2id$", 10));
	assert_int_equal(auth_password_verify(hash, "correct horse battery"), 0);
	assert_int_equal(auth_password_verify(hash, "correct horse battery "), ERR_DENIED);
	assert_int_equal(auth_password_verify(hash, ""), ERR_DENIED);
	assert_int_equal(auth_password_verify("not a hash", "x"), ERR_DENIED);
	assert_int_equal(auth_password_needs_rehash(hash), 0);
	unsetenv("CDCF_ARGON2");
	assert_int_equal(auth_password_needs_rehash(hash), 1); /* min costs vs INTERACTIVE */
	setenv("CDCF_ARGON2", "min", 1);

	memset(long_pw, 'x', sizeof(long_pw) - 1);
	long_pw[sizeof(long_pw) - 1] = '\0';
	assert_int_equal(auth_password_hash(long_pw, hash), ERR_INVALID);
	assert_int_equal(auth_password_policy(long_pw), AUTH_PW_TOO_LONG);
	long_pw[AUTH_PASSWORD_MAX_BYTES] = '\0';
	assert_int_equal(auth_password_policy(long_pw), AUTH_PW_OK);

	assert_int_equal(auth_password_policy("123456789"), AUTH_PW_TOO_SHORT);
	assert_int_equal(auth_password_policy("1234567890"), AUTH_PW_OK);
	/* characters, not bytes: 9 Japanese characters are 27 bytes but too short */
	assert_int_equal(auth_password_policy("あいうえおかきくけ"), AUTH_PW_TOO_SHORT);
	assert_int_equal(auth_password_policy("あいうえおかきくけこ"), AUTH_PW_OK);
	assert_int_equal(auth_password_policy("abcdefghij\x01"), AUTH_PW_BAD_TEXT);
	assert_int_equal(auth_password_policy("abcdefghij\xff"), AUTH_PW_BAD_TEXT);
	assert_int_equal(auth_password_policy("abcdefghij\xc2\x85"), AUTH_PW_BAD_TEXT); /* C1 */
	assert_string_equal(auth_password_problem_text(LANG_EN, AUTH_PW_TOO_SHORT),
			    tr(LANG_EN, MSG_WEB_PW_TOO_SHORT));
	assert_true(strlen(auth_password_problem_text(LANG_JA, AUTH_PW_BAD_TEXT)) > 0);
}

static void test_tokens(void **state)
{
	char t1[AUTH_TOKEN_SIZE], t2[AUTH_TOKEN_SIZE], small[10], hex[AUTH_HASH_HEX_SIZE];
	unsigned char h1[AUTH_HASH_BYTES], h2[AUTH_HASH_BYTES], again[AUTH_HASH_BYTES];
	size_t i;
	(void)state;

	assert_int_equal(auth_token_new(t1, sizeof(t1), h1), 0);
	assert_int_equal(auth_token_new(t2, sizeof(t2), h2), 0);
	assert_int_equal(strlen(t1), AUTH_TOKEN_LEN);
	for (i = 0; t1[i]; i++)
		assert_non_null(strchr(
		    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", t1[i]));
	assert_string_not_equal(t1, t2);
	assert_memory_not_equal(h1, h2, AUTH_HASH_BYTES);
	/* the presented token hashes to what was stored */
	assert_int_equal(auth_token_hash(t1, again), 0);
	assert_memory_equal(h1, again, AUTH_HASH_BYTES);
	/* and the hash is not the token */
	auth_hex(h1, sizeof(h1), hex);
	assert_int_equal(strlen(hex), 64);
	assert_null(strstr(hex, t1));

	assert_int_equal(auth_token_new(small, sizeof(small), h1), ERR_INVALID);
	assert_int_equal(auth_token_hash("", again), ERR_INVALID);
	assert_int_equal(auth_token_hash("short", again), ERR_INVALID);
	t2[5] = '+'; /* standard base64, not URL-safe */
	assert_int_equal(auth_token_hash(t2, again), ERR_INVALID);
	memcpy(t2, t1, sizeof(t1));
	t2[AUTH_TOKEN_LEN - 1] = '\0';
	assert_int_equal(auth_token_hash(t2, again), ERR_INVALID);
}

static void test_hex(void **state)
{
	const unsigned char bin[4] = {0x00, 0xab, 0x7f, 0xff};
	unsigned char back[4];
	char hex[9];
	(void)state;

	auth_hex(bin, 4, hex);
	assert_string_equal(hex, "00ab7fff");
	assert_int_equal(auth_unhex(hex, back, 4), 0);
	assert_memory_equal(bin, back, 4);
	assert_int_equal(auth_unhex("00AB7FFF", back, 4), 0);
	assert_memory_equal(bin, back, 4);
	assert_int_equal(auth_unhex("00ab7ff", back, 4), ERR_INVALID);
	assert_int_equal(auth_unhex("00ab7fff0", back, 4), ERR_INVALID);
	assert_int_equal(auth_unhex("00ab7fgf", back, 4), ERR_INVALID);
}

static void test_csrf(void **state)
{
	unsigned char s1[AUTH_CSRF_SECRET_BYTES], s2[AUTH_CSRF_SECRET_BYTES];
	char tok[AUTH_CSRF_SIZE], tok2[AUTH_CSRF_SIZE], small[8];
	(void)state;

	assert_int_equal(auth_csrf_secret_new(s1), 0);
	assert_int_equal(auth_csrf_secret_new(s2), 0);
	assert_memory_not_equal(s1, s2, sizeof(s1));
	assert_int_equal(auth_csrf_token(s1, "session-a", tok, sizeof(tok)), 0);
	assert_int_equal(strlen(tok), AUTH_CSRF_LEN);
	/* stable for the session */
	assert_int_equal(auth_csrf_token(s1, "session-a", tok2, sizeof(tok2)), 0);
	assert_string_equal(tok, tok2);
	assert_int_equal(auth_csrf_check(s1, "session-a", tok), 0);
	/* bound to the session id and to its secret */
	assert_int_equal(auth_csrf_check(s1, "session-b", tok), ERR_DENIED);
	assert_int_equal(auth_csrf_check(s2, "session-a", tok), ERR_DENIED);
	/* missing, empty, truncated, tampered */
	assert_int_equal(auth_csrf_check(s1, "session-a", NULL), ERR_DENIED);
	assert_int_equal(auth_csrf_check(s1, "session-a", ""), ERR_DENIED);
	tok2[AUTH_CSRF_LEN - 1] = '\0';
	assert_int_equal(auth_csrf_check(s1, "session-a", tok2), ERR_DENIED);
	memcpy(tok2, tok, sizeof(tok));
	tok2[3] = tok2[3] == 'A' ? 'B' : 'A';
	assert_int_equal(auth_csrf_check(s1, "session-a", tok2), ERR_DENIED);
	assert_int_equal(auth_csrf_check(s1, "", tok), ERR_DENIED);
	assert_int_equal(auth_csrf_token(s1, "session-a", small, sizeof(small)), ERR_INVALID);
}

static void test_assets(void **state)
{
	const char *css = assets_url("app.css");
	const char *js = assets_url("app.js");
	const char *icon = assets_url("icon.svg");
	size_t i;
	(void)state;

	assert_non_null(css);
	assert_non_null(js);
	assert_non_null(icon);
	/* /static/app.<12 hex>.css */
	assert_int_equal(strlen(css), strlen("/static/app..css") + ASSETS_HASH_HEX);
	assert_true(!strncmp(css, "/static/app.", 12));
	for (i = 12; i < 12 + ASSETS_HASH_HEX; i++)
		assert_non_null(strchr("0123456789abcdef", css[i]));
	assert_string_equal(css + 12 + ASSETS_HASH_HEX, ".css");
	/* stable */
	assert_ptr_equal(assets_url("app.css"), css);
	assert_null(assets_url("nope.css"));
	assert_string_equal(assets_content_type("a.css"), "text/css; charset=utf-8");
	assert_string_equal(assets_content_type("a.svg"), "image/svg+xml");
	assert_null(assets_content_type("page.mustache"));
	assert_null(assets_content_type("noext"));
}

static void test_openapi(void **state)
{
	json_t *doc = openapi_build(), *paths, *op;
	const char *etag, *text;
	size_t len;
	json_error_t je;
	(void)state;

	assert_non_null(doc);
	assert_string_equal(json_string_value(json_object_get(doc, "openapi")), "3.0.3");
	assert_non_null(json_object_get(json_object_get(doc, "info"), "title"));
	paths = json_object_get(doc, "paths");
	op = json_object_get(json_object_get(paths, "/healthz"), "get");
	assert_non_null(op);
	/* public operations opt out of the global security */
	assert_true(json_is_array(json_object_get(op, "security")));
	assert_int_equal(json_array_size(json_object_get(op, "security")), 0);
	assert_non_null(json_object_get(json_object_get(op, "responses"), "200"));
	op = json_object_get(json_object_get(paths, "/api/v1/openapi.json"), "get");
	assert_non_null(op);
	assert_int_equal(json_array_size(json_object_get(doc, "security")), 2);
	assert_non_null(json_object_get(
	    json_object_get(json_object_get(doc, "components"), "securitySchemes"), "bearerToken"));
	assert_non_null(json_object_get(
	    json_object_get(json_object_get(doc, "components"), "schemas"), "Error"));
	json_decref(doc);

	text = openapi_text(&len, &etag);
	assert_non_null(text);
	assert_int_equal(strlen(text), len);
	assert_int_equal(etag[0], '"');
	doc = json_loads(text, 0, &je);
	assert_non_null(doc);
	json_decref(doc);
}

/* The one route table: a constant array, core routes first, the /api/v1 catch-all last,
 * every row with a handler, no two rows alike (the second could never match). */
static void test_route_table(void **state)
{
	size_t i, j;
	(void)state;

	assert_true(web_routes_count > 50);
	assert_string_equal(web_routes[0].pattern, "/");
	assert_string_equal(web_routes[web_routes_count - 1].pattern, "/api/v1/{rest*}");
	for (i = 0; i < web_routes_count; i++) {
		assert_non_null(web_routes[i].handler);
		for (j = 0; j < i; j++)
			if (!strcmp(web_routes[i].method, web_routes[j].method) &&
			    !strcmp(web_routes[i].pattern, web_routes[j].pattern) &&
			    web_routes[i].handler != web_routes[j].handler)
				fail_msg("%s %s is routed twice to different handlers",
					 web_routes[i].method, web_routes[i].pattern);
	}
}

/* Every path in the OpenAPI document is routed, and every public JSON route is documented. */
/* Every operation of the OpenAPI document reaches its own route (not the
 * catch-all) with the documented method, and every API route is documented. */
static void test_openapi_matches_routes(void **state)
{
	static const char *const methods[] = {"get", "post", "put", "patch", "delete"};
	json_t *doc = openapi_build();
	json_t *paths = json_object_get(doc, "paths");
	json_t *item;
	const char *path;
	size_t i, m, ops = 0;
	(void)state;

	json_object_foreach (paths, path, item) {
		for (m = 0; m < sizeof(methods) / sizeof(methods[0]); m++) {
			struct http_params p;
			char allow[HTTP_ALLOW_MAX], upper[8];
			int status = 0;
			size_t k;
			const struct http_route *r;
			if (!json_object_get(item, methods[m]))
				continue;
			for (k = 0; methods[m][k]; k++)
				upper[k] = (char)(methods[m][k] - 'a' + 'A');
			upper[k] = '\0';
			http_params_init(&p);
			r = http_route_match(web_routes, web_routes_count, upper, path, &p, &status,
					     allow, sizeof(allow));
			if (!r || !strcmp(r->pattern, "/api/v1/{rest*}"))
				fail_msg("documented %s %s has no route", upper, path);
			assert_string_equal(r->pattern, path);
			http_params_release(&p);
			ops++;
		}
	}
	assert_true(ops > 20);
	for (i = 0; i < web_routes_count; i++) {
		const struct http_route *r = &web_routes[i];
		json_t *doc_item;
		char lower[8];
		size_t k;
		if (!(r->flags & HTTP_ROUTE_API) || !strcmp(r->pattern, "/api/v1/{rest*}"))
			continue;
		doc_item = json_object_get(paths, r->pattern);
		if (!doc_item)
			fail_msg("route %s %s is not in the OpenAPI document", r->method,
				 r->pattern);
		for (k = 0; r->method[k] && k < sizeof(lower) - 1; k++)
			lower[k] = (char)(r->method[k] - 'A' + 'a');
		lower[k] = '\0';
		if (!json_object_get(doc_item, lower))
			fail_msg("route %s %s is not in the OpenAPI document", r->method,
				 r->pattern);
	}
	json_decref(doc);
}

static void test_messages_complete(void **state)
{
	int id;
	(void)state;

	for (id = MSG_WEB_APP_NAME; id < MSG_COUNT; id++) {
		assert_true(strlen(tr(LANG_EN, (enum msg_id)id)) > 0);
		assert_true(strlen(tr(LANG_JA, (enum msg_id)id)) > 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_route_params),
	    cmocka_unit_test(test_route_404_405_400),
	    cmocka_unit_test(test_route_path_ceiling),
	    cmocka_unit_test(test_percent_decode),
	    cmocka_unit_test(test_percent_encode),
	    cmocka_unit_test(test_form_parse),
	    cmocka_unit_test(test_form_ceilings),
	    cmocka_unit_test(test_cookie_parse),
	    cmocka_unit_test(test_listen_parse),
	    cmocka_unit_test(test_accept_lang),
	    cmocka_unit_test(test_etag_match),
	    cmocka_unit_test(test_status_names),
	    cmocka_unit_test(test_json_error_shape),
	    cmocka_unit_test(test_resp_headers),
	    cmocka_unit_test(test_redirect),
	    cmocka_unit_test(test_cookies_out),
	    cmocka_unit_test(test_password),
	    cmocka_unit_test(test_tokens),
	    cmocka_unit_test(test_hex),
	    cmocka_unit_test(test_csrf),
	    cmocka_unit_test(test_assets),
	    cmocka_unit_test(test_openapi),
	    cmocka_unit_test(test_openapi_matches_routes),
	    cmocka_unit_test(test_route_table),
	    cmocka_unit_test(test_messages_complete),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
