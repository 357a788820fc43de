/*
 * page_login.c - /login, /logout and /setup/{token}, and the sign-in pieces
 * the account page shares (see page_login.h).
 *
 * The password check and its throttle are signin.c's: a refused attempt is
 * answered 429 with Retry-After, one that found every Argon2id slot taken
 * 503 with Retry-After, and neither reached the password check.
 */
#include "web/pages/page_login.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n/i18n.h"
#include "report/html.h"
#include "store/store.h"
#include "ops/ops.h"
#include "util/err.h"
#include "web/pages/kit.h"
#include "web/pages/page.h"
#include "web/routes.h"
#include "web/auth/signin.h"
#include "web/webapp.h"

#define ATTEMPTS_KEEP 86400 /* seconds failed sign-ins are kept for */

/* ---- small pieces ---- */

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

/* ---- /login ---- */

/* The sign-in page with status and error (text in the page's language, NULL: none). */
static int render_login(struct http_req *req, struct http_resp *resp, int status, const char *error,
			const char *name, const char *next)
{
	enum lang lang = req->lang;
	struct buf *b = &resp->body;
	const char *token = web_form_token(req, resp);
	const char *done = http_req_query(req, "done");

	if (!token)
		return ERR_INTERNAL;
	page_begin(req, resp, status, tr(lang, MSG_WEB_LOGIN_TITLE));
	html_raw(b, "<section class=\"card auth\">\n");
	html_elem(b, "h1", tr(lang, MSG_WEB_LOGIN_TITLE), (char *)NULL);
	if (done && !strcmp(done, "logout"))
		kit_notice(b, KIT_OK, tr(lang, MSG_WEB_SIGNED_OUT));
	kit_notice(b, KIT_ERROR, error);
	/* before signing in the form's token is the cookie's (web_form_token), just set */
	html_raw(b, "<form method=\"post\" action=\"/login\" class=\"stack\">\n");
	kit_hidden(b, "csrf", token);
	kit_hidden(b, "next", local_next(next));
	kit_credential(b, "text", "name", tr(lang, MSG_WEB_USER_NAME), name, "username");
	kit_credential(b, "password", "password", tr(lang, MSG_WEB_PASSWORD), NULL,
		       "current-password");
	kit_form_end(b, tr(lang, MSG_WEB_SIGN_IN), "button primary");
	html_raw(b, "</section>\n");
	page_end(req, resp);
	return buf_status(b);
}

int page_login(struct http_req *req, struct http_resp *resp)
{
	const char *next = http_req_query(req, "next");

	if (web_user(req))
		return http_redirect(resp, 303, local_next(next));
	return render_login(req, resp, 200, NULL, NULL, next);
}

int login_attempts(struct store *st, const char *prefix, const char *what, time_t now, long long *n,
		   struct err *e)
{
	char key[LOGIN_KEY_MAX + 16], since[32];

	snprintf(key, sizeof(key), "%s%s", prefix, what);
	web_time_fmt(now - WEB_THROTTLE_WINDOW, since);
	return store_login_attempt_count(st, key, since, n, e);
}

int login_attempt_add(struct store *st, const char *prefix, const char *what, time_t now,
		      struct err *e)
{
	char key[LOGIN_KEY_MAX + 16], at[32];

	snprintf(key, sizeof(key), "%s%s", prefix, what);
	web_time_fmt(now, at);
	return store_login_attempt_add(st, key, at, e);
}

/* 429 or 503 with Retry-After: the attempt never reached the password check. */
static int refused(struct http_req *req, struct http_resp *resp, int status, long retry_after,
		   const char *name, const char *next)
{
	char secs[24];
	int rc;

	snprintf(secs, sizeof(secs), "%ld", retry_after > 0 ? retry_after : 1);
	rc = http_resp_header(resp, "Retry-After", secs);
	return rc ? rc
		  : render_login(
			req, resp, status,
			tr(req->lang, status == 429 ? MSG_WEB_LOGIN_THROTTLED : MSG_WEB_LOGIN_BUSY),
			name, next);
}

int page_login_post(struct http_req *req, struct http_resp *resp)
{
	const char *name = http_req_form(req, "name");
	const char *pw = http_req_form(req, "password");
	const char *next = local_next(http_req_form(req, "next"));
	struct store *st = web_store(req);
	struct err e = ERR_INIT;
	struct user u = {0};
	enum signin_result result;
	char key[LOGIN_KEY_MAX + 16], hash[AUTH_PWHASH_MAX], old[32];
	time_t now = web_now();
	long retry_after;
	int rc;

	if (!st)
		return ERR_DB;
	if (!name || !*name || !pw || !*pw || strlen(name) > STORE_NAME_MAX)
		return render_login(req, resp, 400, tr(req->lang, MSG_WEB_LOGIN_MISSING), name,
				    next);
	rc = signin_check(st, name, pw, req->client_addr, now, &u, &result, &retry_after, &e);
	if (rc)
		return http_fail(req, &e);
	if (result == SIGNIN_THROTTLED)
		return refused(req, resp, 429, retry_after, name, next);
	if (result == SIGNIN_BUSY)
		return refused(req, resp, 503, retry_after, name, next);
	if (result != SIGNIN_OK)
		return render_login(req, resp, 401, tr(req->lang, MSG_WEB_LOGIN_FAILED), name,
				    next);

	/* signed in: forget the account page's failures, tidy up, start the session */
	store_set_actor(st, u.name);
	snprintf(key, sizeof(key), "user:%s", u.name);
	rc = store_login_attempt_clear(st, key, &e);
	web_time_fmt(now - ATTEMPTS_KEEP, old);
	if (!rc)
		rc = store_login_attempt_purge(st, old, &e);
	web_time_fmt(now, old);
	if (!rc)
		rc = store_session_purge(st, old, &e);
	/* a re-hash at new costs waits for a slot like any hash; busy, it waits for next
	 * time. It is the same password: the user's other sessions stay (ops_user_rehash) */
	if (!rc && auth_password_needs_rehash(u.password_hash) && !auth_password_hash(pw, hash))
		rc = ops_user_rehash(st, u.id, hash, &e);
	sodium_memzero(hash, sizeof(hash));
	if (!rc)
		rc = web_session_start(req, resp, u.id, &e);
	user_release(&u);
	if (rc)
		return http_fail(req, &e);
	return http_redirect(resp, 303, next);
}

int page_logout_post(struct http_req *req, struct http_resp *resp)
{
	struct err e = ERR_INIT;

	if (web_session_end(req, resp, &e))
		return http_fail(req, &e);
	return http_redirect(resp, 303, "/login?done=logout");
}

/* ---- /setup/{token} ---- */

/* The setup page with status and error (text in the page's language, NULL: none). */
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
	buf_addstr(&action, "/setup/");
	http_percent_encode(&action, http_req_param(req, "token"));
	page_begin(req, resp, status, tr(lang, MSG_WEB_SETUP_TITLE));
	html_raw(b, "<section class=\"card auth\">\n");
	html_elem(b, "h1", tr(lang, MSG_WEB_SETUP_TITLE), (char *)NULL);
	html_elem(b, "p", tr(lang, MSG_WEB_SETUP_INTRO), (char *)NULL);
	kit_notice(b, KIT_ERROR, error);
	html_open(b, "form", "method", "post", "action", action.data, "class", "stack",
		  (char *)NULL);
	kit_hidden(b, "csrf", token);
	kit_credential(b, "text", "name", tr(lang, MSG_WEB_USER_NAME), name, "username");
	kit_credential(b, "password", "password", tr(lang, MSG_WEB_PASSWORD), NULL, "new-password");
	kit_credential(b, "password", "password2", tr(lang, MSG_WEB_PASSWORD_AGAIN), NULL,
		       "new-password");
	kit_form_end(b, tr(lang, MSG_WEB_SETUP_SUBMIT), "button primary");
	html_raw(b, "</section>\n");
	page_end(req, resp);
	rc = buf_status(&action) ? buf_status(&action) : buf_status(b);
	buf_release(&action);
	return rc;
}

/* The setup link is not (or no longer) valid: 404. */
static int setup_gone(struct http_req *req)
{
	return http_failf(req, ERR_NOT_FOUND, NULL, MSG_E_SETUP_INVALID);
}

int page_setup(struct http_req *req, struct http_resp *resp)
{
	if (!web_setup_valid(req, http_req_param(req, "token")))
		return setup_gone(req);
	return render_setup(req, resp, 200, NULL, NULL);
}

const char *login_password_problem(enum lang lang, const char *pw, const char *pw2)
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
		return setup_gone(req);
	if (store_check_name_as(STORE_WHAT(MSG_N_USER_NAME, "name"), name ? name : "", &e))
		return render_setup(req, resp, 400, tr(req->lang, MSG_WEB_NAME_INVALID), name);
	problem = login_password_problem(req->lang, pw, http_req_form(req, "password2"));
	if (problem)
		return render_setup(req, resp, 400, problem, name);
	rc = auth_password_hash(pw, hash);
	if (rc)
		return rc == ERR_BUSY ? ERR_BUSY : ERR_NOMEM;
	rc = web_setup_finish(req, token, name, hash, &id, &e);
	sodium_memzero(hash, sizeof(hash));
	if (rc == ERR_NOT_FOUND)
		return setup_gone(req);
	if (rc == ERR_CONFLICT)
		return render_setup(req, resp, 409, tr(req->lang, MSG_WEB_NAME_TAKEN), name);
	if (rc)
		return http_fail(req, &e);
	store_set_actor(web_store(req), name);
	if (web_session_start(req, resp, id, &e))
		return http_fail(req, &e);
	/* the first administrator starts where every user does: the dashboard */
	return http_redirect(resp, 303, "/");
}
