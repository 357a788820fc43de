/*
 * webapp.h - the server side of webctx.h: what `cdcf serve`, the before hook
 * and the account pages need and ordinary handlers do not. The pool of store
 * connections, the authenticate hook, sessions (start, end), the one-time
 * setup link, CSRF checks and the clock.
 *
 * Implemented in webctx.c (pool, authenticate, clock), session.c (sessions,
 * setup link) and csrf.c (CSRF tokens for forms and API calls).
 */
#ifndef CDCF_WEB_WEBAPP_H
#define CDCF_WEB_WEBAPP_H

#include <stdbool.h>
#include <time.h>

#include "web/auth/auth.h"
#include "web/http/http.h"
#include "web/webctx.h"

#define WEB_SESSION_IDLE (8L * 3600)	 /* seconds without a request before a session ends */
#define WEB_SESSION_MAX (7L * 24 * 3600) /* seconds a session lives at most */
#define WEB_TOUCH_EVERY 60		 /* last seen / last used written at most this often */
#define WEB_FORM_COOKIE "cdcf_form"	 /* CSRF token of forms shown before signing in */
#define WEB_CSRF_HEADER "X-CSRF-Token"	 /* API calls authenticated by the session cookie */
#define WEB_POOL_WAIT 30		 /* seconds a request waits for a free store */
#define WEB_THROTTLE_WINDOW (15L * 60)	 /* seconds failed sign-ins are counted over */
#define WEB_THROTTLE_USER 5		 /* failures per account and address in the window */
#define WEB_THROTTLE_ADDR 20		 /* failures per client address in the window */

/* The sign-in throttle for an account as a whole (web/signin.c, docs/security.md):
 * past WEB_THROTTLE_ACCOUNT failures from any address in WEB_THROTTLE_DAY, each
 * attempt waits 1, 2, 4 ... WEB_THROTTLE_DELAY_MAX seconds after the latest one,
 * except from an address that signed in to the account within WEB_THROTTLE_KNOWN. */
#define WEB_THROTTLE_ACCOUNT 10
#define WEB_THROTTLE_DAY (24L * 3600)
#define WEB_THROTTLE_DELAY_MAX 300
#define WEB_THROTTLE_KNOWN (30L * 86400)

struct err;
struct web_ctx;

/*
 * Open the pool over the database at db_path (created and migrated when
 * missing). pool_size connections at most (0: 8); more requests than that
 * wait up to WEB_POOL_WAIT seconds for one. log receives server messages
 * (store failures behind a 500); NULL writes them to stderr.
 */
int web_ctx_new(const char *db_path, unsigned pool_size, http_log_fn log, void *log_cls,
		struct web_ctx **out, struct err *e);
void web_ctx_free(struct web_ctx *ctx);

/* struct web_app.authenticate: session cookie or (under /api/) a Bearer token. */
int web_authenticate(struct http_req *req);

/* The clock every expiry uses (store_now, so CDCF_NOW pins it too). */
time_t web_now(void);
/* t as "YYYY-MM-DDTHH:MM:SSZ"; web_time_parse is its inverse (-1 when malformed). */
void web_time_fmt(time_t t, char out[32]);
time_t web_time_parse(const char *s);

/*
 * Sign user_id in: a new session (random token in WEB_SESSION_COOKIE, its
 * hash stored), replacing the request's current session if any (rotation on
 * login). 0, or < 0 with e filled.
 */
int web_session_start(struct http_req *req, struct http_resp *resp, long long user_id,
		      struct err *e);
/* Sign out: delete the request's session and clear the cookie. */
int web_session_end(struct http_req *req, struct http_resp *resp, struct err *e);

/*
 * The one-time setup link. web_setup_arm makes a new token (text into
 * token, for the start-up message) and forgets any earlier one.
 * web_setup_valid: whether token is the armed one and no administrator
 * exists yet. web_setup_finish creates the first administrator under the
 * link's lock, then disarms it: ERR_NOT_FOUND when the link is no longer
 * valid, store errors otherwise.
 */
int web_setup_arm(struct web_ctx *ctx, char token[AUTH_TOKEN_SIZE]);
bool web_setup_valid(struct http_req *req, const char *token);
int web_setup_finish(struct http_req *req, const char *token, const char *name,
		     const char *password_hash, long long *user_id, struct err *e);

/*
 * The before hook's CSRF check for state-changing methods (POST, PUT, PATCH,
 * DELETE): page routes need the form field "csrf" (the session's token, or
 * before signing in the WEB_FORM_COOKIE value); API routes called with the
 * session cookie need the WEB_CSRF_HEADER header; Bearer calls need none.
 * Returns 0: to go on, or with resp->status 403 after answering the refusal
 * itself (the dispatcher then skips the handler); < 0 when the answer could
 * not be written.
 */
int web_csrf_verify(struct http_req *req, struct http_resp *resp);

/*
 * The CSRF token for a form shown before signing in (login, setup): the
 * WEB_FORM_COOKIE value, set on resp when the request has none. Per-request
 * memory; NULL only when the cookie cannot be set.
 */
const char *web_form_token(struct http_req *req, struct http_resp *resp);

/* Log a server-side line through the pool's log sink. */
void web_log(struct http_req *req, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
