/*
 * csrf.c - CSRF tokens: the check in the before hook, the hidden field of
 * every form, and the token of forms shown before signing in.
 *
 * Signed in: the session's token (HMAC of the session's public id under
 * its secret, auth.h), the same in every form of the session. Before
 * signing in (login, setup): a double-submit token, a random value in the
 * WEB_FORM_COOKIE cookie that the form repeats; a cross-site page can
 * neither read nor set it.
 */
#include <stdbool.h>
#include <string.h>

#include "i18n/i18n.h"
#include "report/html.h"
#include "web/pages/page.h"
#include "web/routes.h"
#include "web/webapp.h"

static bool state_changing(const char *m)
{
	return !strcmp(m, "POST") || !strcmp(m, "PUT") || !strcmp(m, "PATCH") ||
	       !strcmp(m, "DELETE");
}

/* Constant-time equality of two NUL-terminated tokens of public length. */
static bool same_token(const char *a, const char *b)
{
	size_t n;

	if (!a || !b || !*a)
		return false;
	n = strlen(a);
	if (strlen(b) != n)
		return false;
	return sodium_memcmp(a, b, n) == 0;
}

/* The 403 page of a form whose CSRF token does not match. */
static int refuse_page(struct http_req *req, struct http_resp *resp)
{
	struct buf *b = &resp->body;

	page_begin(req, resp, 403, tr(req->lang, MSG_WEB_CSRF_TITLE));
	html_raw(b, "<section class=\"error\">\n");
	html_elem(b, "h1", tr(req->lang, MSG_WEB_CSRF_TITLE), (char *)NULL);
	html_elem(b, "p", tr(req->lang, MSG_WEB_CSRF_FAILED), (char *)NULL);
	html_raw(b, "\n<p>");
	html_elem(b, "a", tr(req->lang, MSG_WEB_BACK_HOME), "href", "/", (char *)NULL);
	html_raw(b, "</p>\n</section>\n");
	page_end(req, resp);
	return buf_status(b);
}

int web_csrf_verify(struct http_req *req, struct http_resp *resp)
{
	const struct web_user *u = web_user(req);

	if (!state_changing(req->method))
		return 0;
	if (http_req_wants_json(req)) {
		if (!u || u->via_token)
			return 0; /* Bearer calls carry no ambient credential */
		if (same_token(u->csrf, http_req_header(req, WEB_CSRF_HEADER)))
			return 0;
		return http_json_error(resp, 403, "csrf_failed",
				       tr((enum lang)req->lang, MSG_E_CSRF_API));
	}
	if (same_token(u ? u->csrf : http_req_cookie(req, WEB_FORM_COOKIE),
		       http_req_form(req, "csrf")))
		return 0;
	return refuse_page(req, resp);
}

/* Is s shaped like a token of auth_token_new (so it can go into a cookie)? */
static bool is_token_text(const char *s)
{
	size_t i;

	if (!s || strlen(s) != AUTH_TOKEN_LEN)
		return false;
	for (i = 0; s[i]; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') ||
		      (s[i] >= '0' && s[i] <= '9') || s[i] == '-' || s[i] == '_'))
			return false;
	return true;
}

const char *web_form_token(struct http_req *req, struct http_resp *resp)
{
	const char *c = http_req_cookie(req, WEB_FORM_COOKIE);
	unsigned char hash[AUTH_HASH_BYTES];
	char token[AUTH_TOKEN_SIZE];

	if (is_token_text(c))
		return c;
	if (auth_token_new(token, sizeof(token), hash) ||
	    http_resp_cookie(resp, req, WEB_FORM_COOKIE, token, -1, 0))
		return NULL;
	return http_req_strdup(req, token);
}

int web_csrf_field(struct http_req *req, struct buf *b)
{
	const struct web_user *u = web_user(req);
	const char *token = u ? u->csrf : http_req_cookie(req, WEB_FORM_COOKIE);

	html_raw(b, "<input type=\"hidden\" name=\"csrf\"");
	html_attr(b, "value", token && is_token_text(token) ? token : "");
	html_raw(b, ">");
	return buf_status(b);
}
