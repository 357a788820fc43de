/*
 * http_route.c - matching a method and path against the route table.
 *
 * Paths are split on '/' before percent-decoding, so "%2F" inside a
 * parameter stays part of that parameter and can never create a segment.
 */
#include "web/http/http.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "util/err.h"
#include "util/xalloc.h"

static bool method_ok(const char *route_method, const char *method)
{
	if (!strcmp(route_method, "*") || !strcmp(route_method, method))
		return true;
	return !strcmp(method, "HEAD") && !strcmp(route_method, "GET");
}

/* Decode one path segment [s, s+len); 0 or ERR_INVALID. */
static int decode_segment(const char *s, size_t len, char **out)
{
	return http_percent_decode(s, len, 0, HTTP_MAX_PATH, out);
}

/*
 * Does path match pattern? *matched tells; the return is 0, or ERR_INVALID
 * when a segment that had to be compared is badly encoded. Parameters are
 * appended to found as they are met; the caller discards them unless the
 * whole route matched.
 */
static int path_match(const char *pattern, const char *path, struct http_params *found,
		      bool *matched)
{
	const char *pp = pattern, *sp = path;
	int rc;

	*matched = false;
	if (*pp != '/' || *sp != '/')
		return 0;
	pp++;
	sp++;
	for (;;) {
		const char *pend = strchr(pp, '/');
		const char *send = strchr(sp, '/');
		size_t plen, slen;

		if (!pend)
			pend = pp + strlen(pp);
		if (!send)
			send = sp + strlen(sp);
		plen = (size_t)(pend - pp);
		slen = (size_t)(send - sp);

		if (plen >= 3 && pp[0] == '{' && pp[plen - 2] == '*' && pp[plen - 1] == '}') {
			/* {name*}: the rest of the path, at least one non-empty segment */
			if (!*sp)
				return 0;
			http_params_add(found, pp + 1, plen - 3, sp, strlen(sp));
			*matched = true;
			return 0;
		}
		if (plen >= 2 && pp[0] == '{' && pp[plen - 1] == '}') {
			char *value;
			if (slen == 0)
				return 0;
			rc = decode_segment(sp, slen, &value);
			if (rc)
				return rc;
			http_params_add(found, pp + 1, plen - 2, value, strlen(value));
			free(value);
		} else if (memchr(sp, '%', slen)) {
			char *value;
			int same;
			rc = decode_segment(sp, slen, &value);
			if (rc)
				return rc;
			same = strlen(value) == plen && !memcmp(value, pp, plen);
			free(value);
			if (!same)
				return 0;
		} else if (slen != plen || memcmp(sp, pp, plen)) {
			return 0;
		}
		if (!*pend || !*send) {
			*matched = !*pend && !*send;
			return 0;
		}
		pp = pend + 1;
		sp = send + 1;
	}
}

/* Append method to the comma-separated allow list unless present. */
static void allow_add(char *allow, size_t size, const char *method)
{
	size_t len = strlen(allow), mlen = strlen(method);
	const char *p = allow;

	while ((p = strstr(p, method)) != NULL) {
		if ((p == allow || p[-1] == ' ') && (p[mlen] == ',' || p[mlen] == '\0'))
			return;
		p += mlen;
	}
	if (len + mlen + 3 > size)
		return;
	if (len) {
		memcpy(allow + len, ", ", 2);
		len += 2;
	}
	memcpy(allow + len, method, mlen + 1);
}

const struct http_route *http_route_match(const struct http_route *routes, size_t n,
					  const char *method, const char *path,
					  struct http_params *params, int *status, char *allow,
					  size_t allow_size)
{
	size_t i;
	int path_seen = 0;

	if (allow_size)
		allow[0] = '\0';
	*status = 404;
	if (strlen(path) > HTTP_MAX_PATH) {
		*status = 414;
		return NULL;
	}
	for (i = 0; i < n; i++) {
		const struct http_route *r = &routes[i];
		struct http_params scratch;
		bool m;

		http_params_init(&scratch);
		if (path_match(r->pattern, path, &scratch, &m)) {
			http_params_release(&scratch);
			*status = 400;
			return NULL;
		}
		if (m && method_ok(r->method, method)) {
			/* move the parameters over: the strings change owner */
			params->v = xgrow(params->v, &params->cap, params->n + scratch.n,
					  sizeof(*params->v));
			if (scratch.n)
				memcpy(params->v + params->n, scratch.v,
				       scratch.n * sizeof(*scratch.v));
			params->n += scratch.n;
			XFREE(&scratch.v);
			return r;
		}
		http_params_release(&scratch);
		if (m) {
			path_seen = 1;
			if (allow_size) {
				allow_add(allow, allow_size, r->method);
				if (!strcmp(r->method, "GET"))
					allow_add(allow, allow_size, "HEAD");
			}
		}
	}
	if (path_seen)
		*status = 405;
	return NULL;
}
