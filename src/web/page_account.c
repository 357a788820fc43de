/*
 * page_account.c - /login, /logout, /setup/{token} and /account (password,
 * language, API tokens).
 *
 * Sign-in failures take the same path whether or not the user exists (a
 * password check against a dummy hash), and are counted per account and per
 * client address: past WEB_THROTTLE_USER / WEB_THROTTLE_ADDR failures in
 * WEB_THROTTLE_WINDOW the answer is 429 without checking the password.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n/i18n.h"
#include "report/html.h"
#include "store/store.h"
#include "util/err.h"
#include "web/page.h"
#include "web/routes.h"
#include "web/webapp.h"

#define LOGIN_KEY_MAX 300   /* "user:" + a name of at most STORE_NAME_MAX bytes */
#define ATTEMPTS_KEEP 86400 /* seconds failed sign-ins are kept for */

/* ---- small pieces ---- */

static int hidden(struct buf *b, const char *name, const char *value)
{
	int rc = html_raw(b, "<input type=\"hidden\"");

	if (!rc)
		rc = html_attr(b, "name", name);
	if (!rc)
		rc = html_attr(b, "value", value ? value : "");
	return rc ? rc : html_raw(b, ">\n");
}

/* A labelled input: <p><label for=id>label</label><input ...></p>. */
static int field(struct buf *b, const char *id, const char *label, const char *type,
		 const char *value, const char *autocomplete)
{
	int rc = html_raw(b, "<p class=\"field\">");

	if (!rc)
		rc = html_elem(b, "label", label, "for", id, (char *)NULL);
	if (!rc)
		rc = html_open(b, "input", "id", id, "name", id, "type", type, "value", value,
			       "autocomplete", autocomplete, "required", "required", (char *)NULL);
	return rc ? rc : html_raw(b, "</p>\n");
}

static int notice(struct buf *b, const char *kind, const char *text)
{
	if (!text)
		return 0;
	return html_elem(b, "p", text, "class", kind, "role",
			 strcmp(kind, "notice ok") ? "alert" : "status", (char *)NULL);
}

static int submit(struct buf *b, const char *label, const char *cls)
{
	int rc = html_open(b, "button", "type", "submit", "class", cls, (char *)NULL);

	if (!rc)
		rc = html_text(b, label);
	return rc ? rc : html_raw(b, "</button>\n");
}

/* next= must stay on this site: a local path, not "//host" or "/\host". */
static const char *local_next(const char *next)
{
	size_t i;

	if (!next || next[0] != '/' || next[1] == '/' || next[1] == '\\' ||
	    strlen(next) > HTTP_MAX_PATH)
		return "/";
	for (i = 0; next[i]; i++)
		if ((unsigned char)next[i] < 0x20 || next[i] == 0x7f || next[i] == '\\')
			return "/";
	return next;
}

static int fail(struct http_req *req, struct http_resp *resp, struct err *e)
{
	return web_fail(req, resp, e);
}

/* ---- /login ---- */

static int render_login(struct http_req *req, struct http_resp *resp, int status, const char *error,
			const char *name, const char *next)
{
	enum lang lang = req->lang;
	struct buf *b = &resp->body;
	const char *token = web_form_token(req, resp);
	const char *done = http_req_query(req, "done");
	int rc;

	if (!token)
		return ERR_INTERNAL;
	rc = page_begin(req, resp, status, tr(lang, MSG_WEB_LOGIN_TITLE));
	if (!rc)
		rc = html_raw(b, "<section class=\"card auth\">\n");
	if (!rc)
		rc = html_elem(b, "h1", tr(lang, MSG_WEB_LOGIN_TITLE), (char *)NULL);
	if (!rc && done && !strcmp(done, "logout"))
		rc = notice(b, "notice ok", tr(lang, MSG_WEB_SIGNED_OUT));
	if (!rc)
		rc = notice(b, "notice error", error);
	if (!rc)
		rc = html_raw(b, "<form method=\"post\" action=\"/login\">\n");
	if (!rc)
		rc = hidden(b, "csrf", token);
	if (!rc)
		rc = hidden(b, "next", local_next(next));
	if (!rc)
		rc = field(b, "name", tr(lang, MSG_WEB_USER_NAME), "text", name, "username");
	if (!rc)
		rc = field(b, "password", tr(lang, MSG_WEB_PASSWORD), "password", NULL,
			   "current-password");
	if (!rc)
		rc = submit(b, tr(lang, MSG_WEB_SIGN_IN), "button primary");
	if (!rc)
		rc = html_raw(b, "</form>\n</section>\n");
	return rc ? rc : page_end(req, resp);
}

int page_login(struct http_req *req, struct http_resp *resp)
{
	const char *next = http_req_query(req, "next");

	if (web_user(req))
		return http_redirect(resp, 303, local_next(next));
	return render_login(req, resp, 200, NULL, NULL, next);
}

/* An Argon2id hash of nothing anyone knows: unknown users are checked against it. */
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static char dummy_hash[AUTH_PWHASH_MAX];

static void make_dummy(void)
{
	unsigned char raw[24];
	char pw[64];

	randombytes_buf(raw, sizeof(raw));
	auth_hex(raw, sizeof(raw), pw);
	if (auth_password_hash(pw, dummy_hash))
		dummy_hash[0] = '\0';
}

/* Failed sign-ins for key since the window began, in *n. */
static int attempts(struct store *st, const char *prefix, const char *what, time_t now,
		    long long *n, struct err *e)
{
	char key[LOGIN_KEY_MAX + 16], since[32];

	snprintf(key, sizeof(key), "%s%s", prefix, what);
	web_time_fmt(now - WEB_THROTTLE_WINDOW, since);
	return store_login_attempt_count(st, key, since, n, e);
}

static int record_failure(struct store *st, const char *name, const char *addr, time_t now,
			  struct err *e)
{
	char key[LOGIN_KEY_MAX + 16], at[32];
	int rc;

	web_time_fmt(now, at);
	snprintf(key, sizeof(key), "user:%s", name);
	rc = store_login_attempt_add(st, key, at, e);
	snprintf(key, sizeof(key), "addr:%s", addr);
	return rc ? rc : store_login_attempt_add(st, key, at, e);
}

static int throttled(struct http_req *req, struct http_resp *resp, const char *name,
		     const char *next)
{
	int rc = http_resp_header(resp, "Retry-After", "900");

	return rc ? rc
		  : render_login(req, resp, 429, tr(req->lang, MSG_WEB_LOGIN_THROTTLED), name,
				 next);
}

int page_login_post(struct http_req *req, struct http_resp *resp)
{
	const char *name = http_req_form(req, "name");
	const char *pw = http_req_form(req, "password");
	const char *next = local_next(http_req_form(req, "next"));
	struct store *st = web_store(req);
	struct err e = ERR_INIT;
	struct user u = {0};
	char key[LOGIN_KEY_MAX + 16], hash[AUTH_PWHASH_MAX], old[32];
	long long n_user = 0, n_addr = 0;
	time_t now = web_now();
	int rc, ok = 0;

	if (!st)
		return ERR_DB;
	if (!name || !*name || !pw || !*pw || strlen(name) > STORE_NAME_MAX)
		return render_login(req, resp, 400, tr(req->lang, MSG_WEB_LOGIN_MISSING), name,
				    next);
	rc = attempts(st, "user:", name, now, &n_user, &e);
	if (!rc)
		rc = attempts(st, "addr:", req->client_addr, now, &n_addr, &e);
	if (rc)
		return fail(req, resp, &e);
	if (n_user >= WEB_THROTTLE_USER || n_addr >= WEB_THROTTLE_ADDR)
		return throttled(req, resp, name, next);

	rc = store_user_find(st, name, &u, &e);
	if (rc && rc != ERR_NOT_FOUND)
		return fail(req, resp, &e);
	if (!rc && u.password_hash && !u.disabled) {
		ok = auth_password_verify(u.password_hash, pw) == 0;
	} else {
		pthread_once(&dummy_once, make_dummy);
		if (dummy_hash[0])
			auth_password_verify(dummy_hash, pw); /* same cost as a real check */
	}
	err_clear(&e);
	if (!ok) {
		user_release(&u);
		rc = record_failure(st, name, req->client_addr, now, &e);
		if (rc)
			return fail(req, resp, &e);
		return render_login(req, resp, 401, tr(req->lang, MSG_WEB_LOGIN_FAILED), name,
				    next);
	}

	/* signed in: forget this account's failures, tidy up, start the session */
	store_set_actor(st, u.name);
	snprintf(key, sizeof(key), "user:%s", name);
	rc = store_login_attempt_clear(st, key, &e);
	web_time_fmt(now - ATTEMPTS_KEEP, old);
	if (!rc)
		rc = store_login_attempt_purge(st, old, &e);
	web_time_fmt(now, old);
	if (!rc)
		rc = store_session_purge(st, old, &e);
	if (!rc && auth_password_needs_rehash(u.password_hash) && !auth_password_hash(pw, hash))
		rc = store_user_set_password(st, u.id, hash, &e);
	if (!rc)
		rc = web_session_start(req, resp, u.id, &e);
	user_release(&u);
	if (rc)
		return fail(req, resp, &e);
	return http_redirect(resp, 303, next);
}

int page_logout_post(struct http_req *req, struct http_resp *resp)
{
	struct err e = ERR_INIT;

	if (web_session_end(req, resp, &e))
		return fail(req, resp, &e);
	return http_redirect(resp, 303, "/login?done=logout");
}

/* ---- /setup/{token} ---- */

static int render_setup(struct http_req *req, struct http_resp *resp, int status, const char *error,
			const char *name)
{
	enum lang lang = req->lang;
	struct buf *b = &resp->body, action;
	const char *token = web_form_token(req, resp);
	int rc;

	if (!token)
		return ERR_INTERNAL;
	buf_init(&action, HTTP_MAX_PATH);
	rc = buf_addstr(&action, "/setup/");
	if (!rc)
		rc = http_percent_encode(&action, http_req_param(req, "token"));
	if (!rc)
		rc = page_begin(req, resp, status, tr(lang, MSG_WEB_SETUP_TITLE));
	if (!rc)
		rc = html_raw(b, "<section class=\"card auth\">\n");
	if (!rc)
		rc = html_elem(b, "h1", tr(lang, MSG_WEB_SETUP_TITLE), (char *)NULL);
	if (!rc)
		rc = html_elem(b, "p", tr(lang, MSG_WEB_SETUP_INTRO), (char *)NULL);
	if (!rc)
		rc = notice(b, "notice error", error);
	if (!rc)
		rc = html_open(b, "form", "method", "post", "action", action.data, (char *)NULL);
	if (!rc)
		rc = hidden(b, "csrf", token);
	if (!rc)
		rc = field(b, "name", tr(lang, MSG_WEB_USER_NAME), "text", name, "username");
	if (!rc)
		rc = field(b, "password", tr(lang, MSG_WEB_PASSWORD), "password", NULL,
			   "new-password");
	if (!rc)
		rc = field(b, "password2", tr(lang, MSG_WEB_PASSWORD_AGAIN), "password", NULL,
			   "new-password");
	if (!rc)
		rc = submit(b, tr(lang, MSG_WEB_SETUP_SUBMIT), "button primary");
	if (!rc)
		rc = html_raw(b, "</form>\n</section>\n");
	buf_release(&action);
	return rc ? rc : page_end(req, resp);
}

static int setup_gone(struct http_req *req, struct http_resp *resp)
{
	return http_error(req, resp, 404, "not_found", "this setup link is not valid (any more)");
}

int page_setup(struct http_req *req, struct http_resp *resp)
{
	if (!web_setup_valid(req, http_req_param(req, "token")))
		return setup_gone(req, resp);
	return render_setup(req, resp, 200, NULL, NULL);
}

/* The problem with a new password and its repetition, or NULL. */
static const char *new_password_problem(enum lang lang, const char *pw, const char *pw2)
{
	enum auth_pw_problem p;

	if (!pw || !pw2)
		return tr(lang, MSG_WEB_PW_TOO_SHORT);
	p = auth_password_policy(pw);
	if (p != AUTH_PW_OK)
		return auth_password_problem_text(lang, p);
	if (strcmp(pw, pw2))
		return tr(lang, MSG_WEB_PW_MISMATCH);
	return NULL;
}

int page_setup_post(struct http_req *req, struct http_resp *resp)
{
	const char *token = http_req_param(req, "token");
	const char *name = http_req_form(req, "name");
	const char *pw = http_req_form(req, "password");
	const char *problem;
	char hash[AUTH_PWHASH_MAX];
	struct err e = ERR_INIT;
	long long id;
	int rc;

	if (!web_setup_valid(req, token))
		return setup_gone(req, resp);
	if (store_check_name("user name", name ? name : "", &e))
		return render_setup(req, resp, 400, tr(req->lang, MSG_WEB_NAME_INVALID), name);
	problem = new_password_problem(req->lang, pw, http_req_form(req, "password2"));
	if (problem)
		return render_setup(req, resp, 400, problem, name);
	if (auth_password_hash(pw, hash))
		return ERR_NOMEM;
	rc = web_setup_finish(req, token, name, hash, &id, &e);
	sodium_memzero(hash, sizeof(hash));
	if (rc == ERR_NOT_FOUND)
		return setup_gone(req, resp);
	if (rc == ERR_CONFLICT)
		return render_setup(req, resp, 409, tr(req->lang, MSG_WEB_NAME_TAKEN), name);
	if (rc)
		return fail(req, resp, &e);
	store_set_actor(web_store(req), name);
	if (web_session_start(req, resp, id, &e))
		return fail(req, resp, &e);
	return http_redirect(resp, 303, "/account");
}

/* ---- /account ---- */

struct account_view {
	const char *pw_error, *pw_ok;
	const char *lang_ok;
	const char *token_error, *token_ok;
	const char *new_token; /* shown once */
};

static int post_form(struct http_req *req, struct buf *b, const char *action)
{
	int rc = html_open(b, "form", "method", "post", "action", action, (char *)NULL);

	if (!rc)
		rc = html_raw(b, "\n");
	return rc ? rc : web_csrf_field(req, b);
}

static int section_password(struct http_req *req, struct buf *b, const struct account_view *v)
{
	enum lang lang = req->lang;
	int rc = html_raw(b, "<section class=\"card\" aria-labelledby=\"pw\">\n");

	if (!rc)
		rc = html_elem(b, "h2", tr(lang, MSG_WEB_PW_CHANGE), "id", "pw", (char *)NULL);
	if (!rc)
		rc = notice(b, "notice error", v->pw_error);
	if (!rc)
		rc = notice(b, "notice ok", v->pw_ok);
	if (!rc)
		rc = post_form(req, b, "/account/password");
	if (!rc)
		rc = field(b, "current", tr(lang, MSG_WEB_PW_CURRENT), "password", NULL,
			   "current-password");
	if (!rc)
		rc = field(b, "password", tr(lang, MSG_WEB_PW_NEW), "password", NULL,
			   "new-password");
	if (!rc)
		rc = field(b, "password2", tr(lang, MSG_WEB_PW_NEW_AGAIN), "password", NULL,
			   "new-password");
	if (!rc)
		rc = submit(b, tr(lang, MSG_WEB_PW_CHANGE), "button");
	return rc ? rc : html_raw(b, "</form>\n</section>\n");
}

static int lang_option(struct buf *b, const char *value, const char *label, int selected)
{
	int rc = html_open(b, "option", "value", value, "selected", selected ? "selected" : NULL,
			   (char *)NULL);

	if (!rc)
		rc = html_text(b, label);
	return rc ? rc : html_raw(b, "</option>\n");
}

static int section_lang(struct http_req *req, struct buf *b, const struct account_view *v,
			const char *current)
{
	enum lang lang = req->lang;
	int rc = html_raw(b, "<section class=\"card\" aria-labelledby=\"lang\">\n");

	if (!rc)
		rc = html_elem(b, "h2", tr(lang, MSG_WEB_LANG_PREF), "id", "lang", (char *)NULL);
	if (!rc)
		rc = notice(b, "notice ok", v->lang_ok);
	if (!rc)
		rc = post_form(req, b, "/account/lang");
	if (!rc)
		rc = html_raw(b, "<p class=\"field\">");
	if (!rc)
		rc = html_elem(b, "label", tr(lang, MSG_WEB_LANG_PREF), "for", "lang-choice",
			       "class", "visually-hidden", (char *)NULL);
	if (!rc)
		rc = html_raw(b, "<select id=\"lang-choice\" name=\"lang\">\n");
	if (!rc)
		rc = lang_option(b, "", tr(lang, MSG_WEB_LANG_BROWSER), !current);
	if (!rc)
		rc = lang_option(b, "en", tr(lang, MSG_WEB_LANG_NAME_EN),
				 current && !strcmp(current, "en"));
	if (!rc)
		rc = lang_option(b, "ja", tr(lang, MSG_WEB_LANG_NAME_JA),
				 current && !strcmp(current, "ja"));
	if (!rc)
		rc = html_raw(b, "</select></p>\n");
	if (!rc)
		rc = submit(b, tr(lang, MSG_WEB_SAVE), "button");
	return rc ? rc : html_raw(b, "</form>\n</section>\n");
}

static int token_row(struct http_req *req, struct buf *b, const struct api_token *t)
{
	char action[96];
	int rc;

	snprintf(action, sizeof(action), "/account/tokens/%lld/revoke", t->id);
	rc = html_raw(b, "<tr>");
	if (!rc)
		rc = html_elem(b, "td", t->name, (char *)NULL);
	if (!rc)
		rc = html_elem(b, "td", t->created_at, (char *)NULL);
	if (!rc)
		rc = html_elem(
		    b, "td", t->last_used_at ? t->last_used_at : tr(req->lang, MSG_WEB_TOKEN_NEVER),
		    (char *)NULL);
	if (!rc)
		rc = html_raw(b, "<td>");
	if (!rc)
		rc = post_form(req, b, action);
	if (!rc)
		rc = submit(b, tr(req->lang, MSG_WEB_TOKEN_REVOKE), "button danger");
	return rc ? rc : html_raw(b, "</form></td></tr>\n");
}

static int section_tokens(struct http_req *req, struct buf *b, const struct account_view *v,
			  const struct api_token *list, size_t n)
{
	enum lang lang = req->lang;
	size_t i;
	int rc = html_raw(b, "<section class=\"card\" aria-labelledby=\"tokens\">\n");

	if (!rc)
		rc = html_elem(b, "h2", tr(lang, MSG_WEB_TOKENS), "id", "tokens", (char *)NULL);
	if (!rc)
		rc = html_elem(b, "p", tr(lang, MSG_WEB_TOKENS_INTRO), "class", "hint",
			       (char *)NULL);
	if (!rc)
		rc = notice(b, "notice error", v->token_error);
	if (!rc)
		rc = notice(b, "notice ok", v->token_ok);
	if (!rc && v->new_token) {
		rc = html_raw(b, "<div class=\"notice ok\" role=\"status\">");
		if (!rc)
			rc = html_elem(b, "p", tr(lang, MSG_WEB_TOKEN_NEW), (char *)NULL);
		if (!rc)
			rc = html_raw(b, "<p><code class=\"token\">");
		if (!rc)
			rc = html_text(b, v->new_token);
		if (!rc)
			rc = html_raw(b, "</code></p></div>\n");
	}
	if (!rc && !n)
		rc = html_elem(b, "p", tr(lang, MSG_WEB_TOKEN_NONE), (char *)NULL);
	if (!rc && n) {
		rc = html_raw(b, "<div class=\"table-wrap\"><table>\n<thead><tr>");
		if (!rc)
			rc = html_fmt(b,
				      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
				      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>",
				      tr(lang, MSG_WEB_TOKEN_NAME), tr(lang, MSG_WEB_TOKEN_CREATED),
				      tr(lang, MSG_WEB_TOKEN_LAST_USED), tr(lang, MSG_WEB_ACTIONS));
		if (!rc)
			rc = html_raw(b, "</tr></thead>\n<tbody>\n");
		for (i = 0; !rc && i < n; i++)
			rc = token_row(req, b, &list[i]);
		if (!rc)
			rc = html_raw(b, "</tbody></table></div>\n");
	}
	if (!rc)
		rc = post_form(req, b, "/account/tokens");
	if (!rc)
		rc = field(b, "token-name", tr(lang, MSG_WEB_TOKEN_NAME), "text", NULL, "off");
	if (!rc)
		rc = submit(b, tr(lang, MSG_WEB_TOKEN_CREATE), "button");
	return rc ? rc : html_raw(b, "</form>\n</section>\n");
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
	int rc;

	if (!w)
		return ERR_DENIED;
	if (!st)
		return ERR_DB;
	rc = store_user_get(st, w->id, &u, &e);
	if (!rc)
		rc = store_token_list(st, w->id, &list, &n, &e);
	if (rc) {
		user_release(&u);
		return fail(req, resp, &e);
	}
	rc = page_begin(req, resp, status, tr(lang, MSG_WEB_ACCOUNT_TITLE));
	if (!rc)
		rc = html_elem(b, "h1", tr(lang, MSG_WEB_ACCOUNT_TITLE), (char *)NULL);
	if (!rc)
		rc = html_fmt(b, "\n<p class=\"lead\">%s: <strong>%s</strong></p>\n",
			      tr(lang, MSG_WEB_SIGNED_IN_AS), w->name);
	if (!rc)
		rc = post_form(req, b, "/logout");
	if (!rc)
		rc = submit(b, tr(lang, MSG_WEB_SIGN_OUT), "button");
	if (!rc)
		rc = html_raw(b, "</form>\n<div class=\"grid\">\n");
	if (!rc)
		rc = section_password(req, b, v);
	if (!rc)
		rc = section_lang(req, b, v, u.lang);
	if (!rc)
		rc = section_tokens(req, b, v, list, n);
	if (!rc)
		rc = html_raw(b, "</div>\n");
	api_token_list_free(list, n);
	user_release(&u);
	return rc ? rc : page_end(req, resp);
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
	char hash[AUTH_PWHASH_MAX], key[LOGIN_KEY_MAX + 16], at[32];
	long long n = 0;
	time_t now = web_now();
	int rc;

	if (!w)
		return ERR_DENIED;
	if (!st)
		return ERR_DB;
	rc = store_user_get(st, w->id, &u, &e);
	if (!rc)
		rc = attempts(st, "user:", u.name, now, &n, &e);
	if (rc) {
		user_release(&u);
		return fail(req, resp, &e);
	}
	if (n >= WEB_THROTTLE_USER) {
		v.pw_error = tr(req->lang, MSG_WEB_LOGIN_THROTTLED);
		user_release(&u);
		return render_account(req, resp, 429, &v);
	}
	/* the current password guards the change, counted like a sign-in */
	if (!cur || !u.password_hash || auth_password_verify(u.password_hash, cur)) {
		snprintf(key, sizeof(key), "user:%s", u.name);
		web_time_fmt(now, at);
		user_release(&u);
		if (store_login_attempt_add(st, key, at, &e))
			return fail(req, resp, &e);
		v.pw_error = tr(req->lang, MSG_WEB_PW_CURRENT_WRONG);
		return render_account(req, resp, 400, &v);
	}
	user_release(&u);
	v.pw_error = new_password_problem(req->lang, pw, http_req_form(req, "password2"));
	if (v.pw_error)
		return render_account(req, resp, 400, &v);
	if (auth_password_hash(pw, hash))
		return ERR_NOMEM;
	rc = store_user_set_password(st, w->id, hash, &e);
	sodium_memzero(hash, sizeof(hash));
	if (!rc)
		rc = store_session_delete_user(st, w->id, w->session_id, &e);
	if (rc)
		return fail(req, resp, &e);
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
	if (!lang || (*lang && strcmp(lang, "en") && strcmp(lang, "ja")))
		return http_error(req, resp, 400, "bad_language",
				  "language must be en, ja or empty");
	if (store_user_set_lang(st, w->id, *lang ? lang : NULL, &e))
		return fail(req, resp, &e);
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
	if (store_check_name("token name", name ? name : "", &e)) {
		v.token_error = tr(req->lang, MSG_WEB_TOKEN_NAME_INVALID);
		return render_account(req, resp, 400, &v);
	}
	if (auth_token_new(token, sizeof(token), hash))
		return ERR_INTERNAL;
	auth_hex(hash, sizeof(hash), hex);
	if (store_token_create(st, w->id, name, hex, NULL, &e))
		return fail(req, resp, &e);
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
		return http_error(req, resp, 404, "not_found", "no such token");
	rc = store_token_delete(st, w->id, id, &e);
	if (rc == ERR_NOT_FOUND)
		return http_error(req, resp, 404, "not_found", "no such token");
	if (rc)
		return fail(req, resp, &e);
	return http_redirect(resp, 303, "/account?done=revoked");
}
