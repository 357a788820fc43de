/*
 * http_resp.c - building responses: headers, bodies, JSON errors,
 * redirects and cookies. Everything that reaches a header line is checked
 * for control characters here, so no handler can split a response.
 */
#include "web/http/http.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "util/err.h"
#include "util/xalloc.h"

static int token_char(int c)
{
	return c > 0x20 && c < 0x7f && !strchr("()<>@,;:\\\"/[]?={} \t", c);
}

static bool header_value_ok(const char *v)
{
	for (; *v; v++) {
		unsigned char c = (unsigned char)*v;
		if ((c < 0x20 && c != '\t') || c == 0x7f)
			return false;
	}
	return true;
}

int http_resp_header(struct http_resp *resp, const char *name, const char *value)
{
	const char *p;
	size_t i;

	if (!*name)
		return ERR_INVALID;
	for (p = name; *p; p++)
		if (!token_char((unsigned char)*p))
			return ERR_INVALID;
	if (!header_value_ok(value))
		return ERR_INVALID;
	if (strcasecmp(name, "Set-Cookie")) {
		for (i = 0; i < resp->headers.n; i++) {
			if (!strcasecmp(resp->headers.v[i].name, name)) {
				free(resp->headers.v[i].value);
				resp->headers.v[i].value = xstrdup(value);
				return 0;
			}
		}
	}
	http_params_add(&resp->headers, name, strlen(name), value, strlen(value));
	return 0;
}

static void start_body(struct http_resp *resp, int status, const char *type)
{
	resp->status = status;
	resp->content_type = type;
	resp->static_body = NULL;
	resp->static_len = 0;
	buf_reset(&resp->body);
}

void http_resp_html(struct http_resp *resp, int status)
{
	start_body(resp, status, "text/html; charset=utf-8");
}

void http_resp_text(struct http_resp *resp, int status)
{
	start_body(resp, status, "text/plain; charset=utf-8");
}

void http_resp_static(struct http_resp *resp, int status, const char *content_type,
		      const void *data, size_t len)
{
	start_body(resp, status, content_type);
	resp->static_body = data;
	resp->static_len = len;
}

static int dump_to_buf(const char *data, size_t size, void *cls)
{
	return buf_add(cls, data, size) ? -1 : 0;
}

int http_resp_json(struct http_resp *resp, int status, const json_t *json)
{
	start_body(resp, status, "application/json");
	if (json_dump_callback(json, dump_to_buf, &resp->body,
			       JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(15))) {
		buf_reset(&resp->body);
		return ERR_TOO_LARGE;
	}
	return buf_addch(&resp->body, '\n');
}

int http_json_error(struct http_resp *resp, int status, const char *code, const char *message)
{
	return http_json_error_field(resp, status, code, NULL, message);
}

int http_json_error_field(struct http_resp *resp, int status, const char *code, const char *field,
			  const char *message)
{
	json_t *inner = json_object(), *j = json_object(), *m;
	int rc;

	if (!inner || !j) {
		json_decref(inner);
		json_decref(j);
		return ERR_NOMEM;
	}
	json_object_set_new(inner, "status", json_integer(status));
	json_object_set_new(inner, "code", json_string(code ? code : http_status_code(status)));
	/* a field or message that is not UTF-8 is left out or replaced, never echoed */
	if (field && *field && (m = json_string(field)))
		json_object_set_new(inner, "field", m);
	m = json_string(message ? message : http_status_reason(status));
	json_object_set_new(inner, "message", m ? m : json_string(http_status_reason(status)));
	json_object_set_new(j, "error", inner);
	rc = http_resp_json(resp, status, j);
	json_decref(j);
	return rc;
}

int http_redirect(struct http_resp *resp, int status, const char *location)
{
	int rc;

	if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308)
		return ERR_INVALID;
	if (!location || location[0] != '/' || location[1] == '/' || location[1] == '\\' ||
	    strchr(location, '\\'))
		return ERR_INVALID;
	rc = http_resp_header(resp, "Location", location);
	if (rc)
		return rc;
	http_resp_text(resp, status);
	return 0;
}

static int cookie_octet(int c)
{
	return c >= 0x21 && c <= 0x7e && c != '"' && c != ',' && c != ';' && c != '\\';
}

int http_resp_cookie(struct http_resp *resp, const struct http_req *req, const char *name,
		     const char *value, long max_age, unsigned flags)
{
	struct buf b;
	const char *p;
	int rc;

	if (!*name)
		return ERR_INVALID;
	for (p = name; *p; p++)
		if (!token_char((unsigned char)*p))
			return ERR_INVALID;
	for (p = value; *p; p++)
		if (!cookie_octet((unsigned char)*p))
			return ERR_INVALID;
	buf_init(&b, 4096);
	buf_printf(&b, "%s=%s; Path=/", name, max_age == 0 ? "" : value);
	if (max_age >= 0)
		buf_printf(&b, "; Max-Age=%ld", max_age);
	if (!(flags & HTTP_COOKIE_JS))
		buf_addstr(&b, "; HttpOnly");
	buf_addstr(&b, (flags & HTTP_COOKIE_STRICT) ? "; SameSite=Strict" : "; SameSite=Lax");
	if (req && req->is_tls)
		buf_addstr(&b, "; Secure");
	rc = buf_status(&b);
	if (!rc)
		rc = http_resp_header(resp, "Set-Cookie", b.data);
	buf_release(&b);
	return rc;
}
