/*
 * fuzz_cookie.c - a Cookie request header, as the server reads it into
 * req->cookies: http_cookie_parse.
 *
 * Properties: at most HTTP_MAX_COOKIES are kept; every name kept is a
 * non-empty RFC 6265 token and every value cookie-octets only (so what the
 * session and language lookups compare is never odd text).
 */
#include <string.h>

#include "fuzz.h"
#include "util/xalloc.h"
#include "web/http/http.h"

static int token_char(int c)
{
	return c > 0x20 && c < 0x7f && !strchr("()<>@,;:\\\"/[]?={} \t", c);
}

static int cookie_octet(int c)
{
	return c >= 0x21 && c <= 0x7e && c != '"' && c != ',' && c != ';' && c != '\\';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct http_params p;
	char *header = xstrndup((const char *)data, size); /* headers are C strings */
	const char *s;
	size_t i;

	http_params_init(&p);
	http_cookie_parse(header, &p);
	fuzz_check(p.n <= HTTP_MAX_COOKIES, "%zu cookies kept", p.n);
	for (i = 0; i < p.n; i++) {
		fuzz_check(p.v[i].name[0], "cookie %zu has an empty name", i);
		for (s = p.v[i].name; *s; s++)
			fuzz_check(token_char((unsigned char)*s), "cookie name '%s'", p.v[i].name);
		for (s = p.v[i].value; *s; s++)
			fuzz_check(cookie_octet((unsigned char)*s), "cookie value '%s'",
				   p.v[i].value);
	}
	http_params_release(&p);
	free(header);
	return 0;
}
