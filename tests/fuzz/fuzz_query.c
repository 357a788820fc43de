/*
 * fuzz_query.c - a request target ("/path?query") as the server takes it
 * apart: http_route_match over the application's real route table (with a
 * method picked by the first byte), http_form_parse of the query string, then
 * what the API does with a query: ?page= and ?per_page= (api_page_parse) and
 * the Link header that carries the other parameters on (api_page_send).
 *
 * Properties: a route that matched took every {parameter} of its pattern; a
 * miss says 400, 404, 405 (with Allow) or 414; the query parameters reach the
 * Link header re-encoded, so any query gives a valid header value.
 */
#include <string.h>

#include "fuzz.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/xalloc.h"
#include "web/api/api.h"
#include "web/http/http.h"
#include "web/routes.h"

static const char *const methods[] = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"};

static size_t count_params(const char *pattern)
{
	size_t n = 0;

	for (; *pattern; pattern++)
		n += *pattern == '{';
	return n;
}

static void check_route(const char *method, const char *path)
{
	struct http_params params;
	const struct http_route *r;
	char allow[HTTP_ALLOW_MAX];
	int status = 0;

	http_params_init(&params);
	r = http_route_match(web_routes, web_routes_count, method, path, &params, &status, allow,
			     sizeof(allow));
	if (r)
		fuzz_check(params.n == count_params(r->pattern), "%s took %zu parameters",
			   r->pattern, params.n);
	else
		fuzz_check(status == 400 || status == 404 || (status == 405 && allow[0]) ||
			       status == 414,
			   "status %d, allow '%s'", status, allow);
	http_params_release(&params);
}

static int has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

static void check_query(const char *path, const char *query)
{
	struct http_req req;
	struct http_resp resp;
	struct api_page pg;
	int rc;

	memset(&req, 0, sizeof(req));
	memset(&resp, 0, sizeof(resp));
	req.method = "GET";
	req.path = path;
	req.query_string = query;
	http_params_init(&req.params);
	http_params_init(&req.query);
	http_params_init(&req.cookies);
	http_params_init(&req.form);
	buf_init(&req.body, HTTP_MAX_BODY);
	resp.status = 200;
	http_params_init(&resp.headers);
	buf_init(&resp.body, HTTP_MAX_RESPONSE);

	rc = http_form_parse(query, strlen(query), &req.query);
	fuzz_check(rc == 0 || rc == ERR_INVALID || rc == ERR_TOO_LARGE, "query: error %d", rc);
	if (!rc) {
		rc = api_page_parse(&req, &resp, &pg);
		if (rc == 0) {
			fuzz_check(pg.page >= 1 && pg.per_page >= 1 &&
				       pg.per_page <= API_PER_PAGE_MAX,
				   "page %zu per_page %zu", pg.page, pg.per_page);
			rc = api_page_send(&req, &resp, &pg, json_array(), 12345);
			/* the Link header has a ceiling, and carries the path as sent: a
			 * path with control characters is refused (400), never sent */
			fuzz_check(rc == 0 || rc == ERR_TOO_LARGE ||
				       (rc == ERR_INVALID && has_control(path)),
				   "api_page_send: %d", rc);
			if (!rc)
				fuzz_check(resp.status == 200 &&
					       http_params_get_ci(&resp.headers, "Link"),
					   "status %d", resp.status);
		} else {
			fuzz_check(rc == ERR_INVALID && resp.status == 400,
				   "api_page_parse: %d, status %d", rc, resp.status);
		}
	}
	http_params_release(&req.params);
	http_params_release(&req.query);
	http_params_release(&req.cookies);
	http_params_release(&req.form);
	buf_release(&req.body);
	http_params_release(&resp.headers);
	buf_release(&resp.body);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *method;
	char *target, *q;

	if (!size)
		return 0;
	method = methods[data[0] % (sizeof(methods) / sizeof(methods[0]))];
	/* the server sees a C string: the target ends at a NUL */
	target = xstrndup((const char *)data + 1, size - 1);
	q = strchr(target, '?');
	if (q)
		*q++ = '\0';
	check_route(method, target);
	check_query(target, q ? q : "");
	free(target);
	return 0;
}
