/*
 * page_account.c - /account: the signed-in user's password, language and API
 * tokens. Changing the password asks for the current one, and failures count
 * against the account like failed sign-ins (page_login.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n/i18n.h"
#include "ops/ops.h"
#include "report/html.h"
#include "store/store.h"
#include "util/err.h"
#include "web/pages/kit.h"
#include "web/pages/page.h"
#include "web/pages/page_login.h"
#include "web/routes.h"
#include "web/webapp.h"

/* ---- /account ---- */

struct account_view {
	const char *pw_error, *pw_ok;
	const char *lang_ok;
	const char *token_error, *token_ok;
	const char *new_token; /* shown once */
};

static int section_password(struct http_req *req, struct buf *b, const struct account_view *v)
{
	enum lang lang = req->lang;

	html_raw(b, "<section class=\"card\" aria-labelledby=\"pw\">\n");
	html_elem(b, "h2", tr(lang, MSG_WEB_PW_CHANGE), "id", "pw", (char *)NULL);
	kit_notice(b, KIT_ERROR, v->pw_error);
	kit_notice(b, KIT_OK, v->pw_ok);
	kit_form_begin(req, b, "/account/password", "stack");
	kit_credential(b, "password", "current", tr(lang, MSG_WEB_PW_CURRENT), NULL,
		       "current-password");
	kit_credential(b, "password", "password", tr(lang, MSG_WEB_PW_NEW), NULL, "new-password");
	kit_credential(b, "password", "password2", tr(lang, MSG_WEB_PW_NEW_AGAIN), NULL,
		       "new-password");
	kit_form_end(b, tr(lang, MSG_WEB_PW_CHANGE), "button");
	html_raw(b, "</section>\n");
	return buf_status(b);
}

static int section_lang(struct http_req *req, struct buf *b, const struct account_view *v,
			const char *current)
{
	enum lang lang = req->lang;

	html_raw(b, "<section class=\"card\" aria-labelledby=\"lang\">\n");
	html_elem(b, "h2", tr(lang, MSG_WEB_LANG_PREF), "id", "lang", (char *)NULL);
	kit_notice(b, KIT_OK, v->lang_ok);
	kit_form_begin(req, b, "/account/lang", "stack");
	/* the heading names the choice: the label is for screen readers */
	html_raw(b, "<div class=\"field\">");
	html_elem(b, "label", tr(lang, MSG_WEB_LANG_PREF), "for", "lang-choice", "class",
		  "visually-hidden", (char *)NULL);
	html_raw(b, "<select id=\"lang-choice\" name=\"lang\">\n");
	kit_option(b, "", tr(lang, MSG_WEB_LANG_BROWSER), !current);
	kit_option(b, "en", tr(lang, MSG_WEB_LANG_NAME_EN), current && !strcmp(current, "en"));
	kit_option(b, "ja", tr(lang, MSG_WEB_LANG_NAME_JA), current && !strcmp(current, "ja"));
	kit_select_end(b);
	kit_form_end(b, tr(lang, MSG_WEB_SAVE), "button");
	html_raw(b, "</section>\n");
	return buf_status(b);
}

static int token_row(struct http_req *req, struct buf *b, const struct api_token *t)
{
	char action[96];

	snprintf(action, sizeof(action), "/account/tokens/%lld/revoke", t->id);
	html_raw(b, "<tr>");
	html_elem(b, "td", t->name, (char *)NULL);
	html_elem(b, "td", t->created_at, (char *)NULL);
	html_elem(b, "td", t->last_used_at ? t->last_used_at : tr(req->lang, MSG_WEB_TOKEN_NEVER),
		  (char *)NULL);
	html_raw(b, "<td>");
	kit_form_begin(req, b, action, "inline");
	kit_form_end(b, tr(req->lang, MSG_WEB_TOKEN_REVOKE), "button danger");
	html_raw(b, "</td></tr>\n");
	return buf_status(b);
}

static int section_tokens(struct http_req *req, struct buf *b, const struct account_view *v,
			  const struct api_token *list, size_t n)
{
	enum lang lang = req->lang;
	size_t i;

	html_raw(b, "<section class=\"card\" aria-labelledby=\"tokens\">\n");
	html_elem(b, "h2", tr(lang, MSG_WEB_TOKENS), "id", "tokens", (char *)NULL);
	html_elem(b, "p", tr(lang, MSG_WEB_TOKENS_INTRO), "class", "hint", (char *)NULL);
	kit_notice(b, KIT_ERROR, v->token_error);
	kit_notice(b, KIT_OK, v->token_ok);
	if (v->new_token) {
		html_raw(b, "<div class=\"notice ok\" role=\"status\">");
		html_elem(b, "p", tr(lang, MSG_WEB_TOKEN_NEW), (char *)NULL);
		html_raw(b, "<p><code class=\"token\">");
		html_text(b, v->new_token);
		html_raw(b, "</code></p></div>\n");
	}
	if (!n) {
		html_elem(b, "p", tr(lang, MSG_WEB_TOKEN_NONE), (char *)NULL);
	} else {
		html_raw(b, "<div class=\"table-wrap\" tabindex=\"0\"><table>\n<thead><tr>");
		html_fmt(b,
			 "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			 "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>",
			 tr(lang, MSG_WEB_TOKEN_NAME), tr(lang, MSG_WEB_TOKEN_CREATED),
			 tr(lang, MSG_WEB_TOKEN_LAST_USED), tr(lang, MSG_WEB_ACTIONS));
		html_raw(b, "</tr></thead>\n<tbody>\n");
		for (i = 0; i < n; i++)
			token_row(req, b, &list[i]);
		html_raw(b, "</tbody></table></div>\n");
	}
	kit_form_begin(req, b, "/account/tokens", "stack");
	kit_credential(b, "text", "token-name", tr(lang, MSG_WEB_TOKEN_NAME), NULL, "off");
	kit_form_end(b, tr(lang, MSG_WEB_TOKEN_CREATE), "button");
	html_raw(b, "</section>\n");
	return buf_status(b);
}

static int render_account(struct http_req *req, struct http_resp *resp, int status,
			  const struct account_view *v)
{
	const struct web_user *w = web_user(req);
	struct store *st = web_store(req);
	struct buf *b = &resp->body;
	enum lang lang = req->lang;
	struct api_token *list = NULL;
	struct err e = ERR_INIT;
	struct user u = {0};
	size_t n = 0;

	if (!w)
		return ERR_DENIED;
	if (!st)
		return ERR_DB;
	if (store_user_get(st, w->id, &u, &e) || store_token_list(st, w->id, &list, &n, &e)) {
		user_release(&u);
		return http_fail(req, &e);
	}
	page_begin(req, resp, status, tr(lang, MSG_WEB_ACCOUNT_TITLE));
	html_elem(b, "h1", tr(lang, MSG_WEB_ACCOUNT_TITLE), (char *)NULL);
	html_fmt(b, "\n<p class=\"lead\">%s: <strong>%s</strong></p>\n",
		 tr(lang, MSG_WEB_SIGNED_IN_AS), w->name);
	kit_form_begin(req, b, "/logout", NULL);
	kit_form_end(b, tr(lang, MSG_WEB_SIGN_OUT), "button");
	html_raw(b, "<div class=\"grid\">\n");
	section_password(req, b, v);
	section_lang(req, b, v, u.lang);
	section_tokens(req, b, v, list, n);
	html_raw(b, "</div>\n");
	api_token_list_free(list, n);
	user_release(&u);
	page_end(req, resp);
	return buf_status(b);
}

int page_account(struct http_req *req, struct http_resp *resp)
{
	struct account_view v = {0};
	const char *done = http_req_query(req, "done");

	if (done && !strcmp(done, "password"))
		v.pw_ok = tr(req->lang, MSG_WEB_PW_CHANGED);
	else if (done && !strcmp(done, "lang"))
		v.lang_ok = tr(req->lang, MSG_WEB_LANG_SAVED);
	else if (done && !strcmp(done, "revoked"))
		v.token_ok = tr(req->lang, MSG_WEB_TOKEN_REVOKED);
	return render_account(req, resp, 200, &v);
}

int page_account_password(struct http_req *req, struct http_resp *resp)
{
	const struct web_user *w = web_user(req);
	const char *cur = http_req_form(req, "current");
	const char *pw = http_req_form(req, "password");
	struct account_view v = {0};
	struct store *st = web_store(req);
	struct err e = ERR_INIT;
	struct user u = {0};
	char hash[AUTH_PWHASH_MAX];
	long long n = 0;
	time_t now = web_now();
	int rc;

	if (!w)
		return ERR_DENIED;
	if (!st)
		return ERR_DB;
	if (store_user_get(st, w->id, &u, &e) || login_attempts(st, "user:", u.name, now, &n, &e)) {
		user_release(&u);
		return http_fail(req, &e);
	}
	if (n >= WEB_THROTTLE_USER) {
		v.pw_error = tr(req->lang, MSG_WEB_LOGIN_THROTTLED);
		user_release(&u);
		rc = http_resp_header(resp, "Retry-After", "900"); /* at most the window */
		return rc ? rc : render_account(req, resp, 429, &v);
	}
	/* the current password guards the change, counted like a sign-in */
	rc = cur && u.password_hash ? auth_password_verify(u.password_hash, cur) : ERR_DENIED;
	if (rc == ERR_BUSY) {
		user_release(&u);
		return ERR_BUSY; /* nothing was checked: 503, try again */
	}
	if (rc) {
		rc = login_attempt_add(st, "user:", u.name, now, &e);
		user_release(&u);
		if (rc)
			return http_fail(req, &e);
		v.pw_error = tr(req->lang, MSG_WEB_PW_CURRENT_WRONG);
		return render_account(req, resp, 400, &v);
	}
	user_release(&u);
	v.pw_error = login_password_problem(req->lang, pw, http_req_form(req, "password2"));
	if (v.pw_error)
		return render_account(req, resp, 400, &v);
	rc = auth_password_hash(pw, hash);
	if (rc)
		return rc == ERR_BUSY ? ERR_BUSY : ERR_NOMEM;
	/* the other sessions of the user end with the old password */
	rc = ops_user_password(st, w->id, hash, w->session_id, &e);
	sodium_memzero(hash, sizeof(hash));
	if (rc)
		return http_fail(req, &e);
	return http_redirect(resp, 303, "/account?done=password");
}

int page_account_lang(struct http_req *req, struct http_resp *resp)
{
	const struct web_user *w = web_user(req);
	const char *lang = http_req_form(req, "lang");
	struct store *st = web_store(req);
	struct err e = ERR_INIT;

	if (!w)
		return ERR_DENIED;
	if (!st)
		return ERR_DB;
	/* a form without the field is refused like one with a language cdcf does not speak */
	if (ops_user_lang(st, w->id, lang ? lang : "?", &e))
		return http_fail(req, &e);
	return http_redirect(resp, 303, "/account?done=lang");
}

int page_account_token_create(struct http_req *req, struct http_resp *resp)
{
	const struct web_user *w = web_user(req);
	const char *name = http_req_form(req, "token-name");
	struct account_view v = {0};
	struct store *st = web_store(req);
	struct err e = ERR_INIT;
	unsigned char hash[AUTH_HASH_BYTES];
	char token[AUTH_TOKEN_SIZE], hex[AUTH_HASH_HEX_SIZE];

	if (!w)
		return ERR_DENIED;
	if (!st)
		return ERR_DB;
	if (auth_token_new(token, sizeof(token), hash))
		return ERR_INTERNAL;
	auth_hex(hash, sizeof(hash), hex);
	if (ops_token_create(st, w->id, name, hex, NULL, &e)) {
		sodium_memzero(token, sizeof(token));
		if (strcmp(e.field, "name") || (e.code != ERR_INVALID && e.code != ERR_TOO_LARGE))
			return http_fail(req, &e);
		v.token_error = tr(req->lang, MSG_WEB_TOKEN_NAME_INVALID);
		return render_account(req, resp, 400, &v);
	}
	/* shown in this answer only: no redirect, the token never enters a URL */
	v.new_token = http_req_strdup(req, token);
	sodium_memzero(token, sizeof(token));
	return render_account(req, resp, 200, &v);
}

int page_account_token_revoke(struct http_req *req, struct http_resp *resp)
{
	const struct web_user *w = web_user(req);
	const char *p = http_req_param(req, "id");
	struct store *st = web_store(req);
	struct err e = ERR_INIT;
	char *end = NULL;
	long long id;
	int rc;

	if (!w)
		return ERR_DENIED;
	if (!st)
		return ERR_DB;
	id = p ? strtoll(p, &end, 10) : 0;
	if (!p || !*p || *end || id <= 0)
		return http_failf(req, ERR_NOT_FOUND, NULL, MSG_WEB_TOKEN_UNKNOWN);
	rc = ops_token_revoke(st, w->id, id, &e);
	if (rc)
		return http_fail(req, &e);
	return http_redirect(resp, 303, "/account?done=revoked");
}
