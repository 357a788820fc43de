/*
 * session.c - signing in and out (database sessions), and the one-time
 * setup link that creates the first administrator.
 *
 * The session cookie holds a random token; the database holds only its
 * BLAKE2b hash, a per-session CSRF secret and the times that bound its life
 * (idle WEB_SESSION_IDLE, absolute WEB_SESSION_MAX; webctx.c checks them).
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "ops/ops.h"
#include "store/store.h"
#include "util/err.h"
#include "web/routes.h"
#include "web/webapp.h"

/* webctx.c keeps the setup link's state inside struct web_ctx. */
pthread_mutex_t *web_ctx_setup_lock(struct web_ctx *ctx);
int *web_ctx_setup_armed(struct web_ctx *ctx);
unsigned char *web_ctx_setup_hash(struct web_ctx *ctx);

int web_session_start(struct http_req *req, struct http_resp *resp, long long user_id,
		      struct err *e)
{
	const struct web_user *old = web_user(req);
	unsigned char hash[AUTH_HASH_BYTES], secret[AUTH_CSRF_SECRET_BYTES];
	char token[AUTH_TOKEN_SIZE], hex[AUTH_HASH_HEX_SIZE];
	char secret_hex[2 * AUTH_CSRF_SECRET_BYTES + 1], expires[32];
	struct store *st = web_store(req);
	int rc;

	if (!st)
		return err_fail(e, ERR_DB, NULL, MSG_E_NO_CONNECTION);
	/* rotation: the session the request came with ends here */
	if (old && old->session_id) {
		rc = store_session_delete(st, old->session_id, e);
		if (rc && rc != ERR_NOT_FOUND)
			return rc;
		err_clear(e);
	}
	if (auth_token_new(token, sizeof(token), hash) || auth_csrf_secret_new(secret))
		return err_fail(e, ERR_INTERNAL, NULL, MSG_E_SESSION_TOKEN);
	auth_hex(hash, sizeof(hash), hex);
	auth_hex(secret, sizeof(secret), secret_hex);
	web_time_fmt(web_now() + WEB_SESSION_MAX, expires);
	rc = store_session_create(st, hex, user_id, secret_hex, expires, NULL, e);
	sodium_memzero(secret, sizeof(secret));
	sodium_memzero(secret_hex, sizeof(secret_hex));
	if (!rc && http_resp_cookie(resp, req, WEB_SESSION_COOKIE, token, -1, 0))
		rc = err_fail(e, ERR_INTERNAL, NULL, MSG_E_SESSION_COOKIE_SET);
	sodium_memzero(token, sizeof(token));
	return rc;
}

int web_session_end(struct http_req *req, struct http_resp *resp, struct err *e)
{
	const struct web_user *u = web_user(req);
	struct store *st;
	int rc = 0;

	if (u && u->session_id) {
		st = web_store(req);
		if (!st)
			return err_fail(e, ERR_DB, NULL, MSG_E_NO_CONNECTION);
		rc = store_session_delete(st, u->session_id, e);
		if (rc == ERR_NOT_FOUND) {
			err_clear(e);
			rc = 0;
		}
	}
	if (!rc && http_resp_cookie(resp, req, WEB_SESSION_COOKIE, "", 0, 0))
		rc = err_fail(e, ERR_INTERNAL, NULL, MSG_E_SESSION_COOKIE_CLEAR);
	return rc;
}

/* ---- the setup link ---- */

int web_setup_arm(struct web_ctx *ctx, char token[AUTH_TOKEN_SIZE])
{
	unsigned char hash[AUTH_HASH_BYTES];
	int rc;

	rc = auth_token_new(token, AUTH_TOKEN_SIZE, hash);
	if (rc)
		return rc;
	pthread_mutex_lock(web_ctx_setup_lock(ctx));
	memcpy(web_ctx_setup_hash(ctx), hash, sizeof(hash));
	*web_ctx_setup_armed(ctx) = 1;
	pthread_mutex_unlock(web_ctx_setup_lock(ctx));
	return 0;
}

static struct web_ctx *ctx_of(const struct http_req *req)
{
	const struct web_app *app = req->app;

	return app ? app->ctx : NULL;
}

/* Is token the armed one? Caller holds the setup lock. */
static bool token_matches(struct web_ctx *ctx, const char *token)
{
	unsigned char hash[AUTH_HASH_BYTES];

	if (!*web_ctx_setup_armed(ctx) || auth_token_hash(token, hash))
		return false;
	return sodium_memcmp(hash, web_ctx_setup_hash(ctx), sizeof(hash)) == 0;
}

bool web_setup_valid(struct http_req *req, const char *token)
{
	struct web_ctx *ctx = ctx_of(req);
	struct err e = ERR_INIT;
	struct store *st;
	bool ok, admin;

	if (!ctx || !token)
		return false;
	pthread_mutex_lock(web_ctx_setup_lock(ctx));
	ok = token_matches(ctx, token);
	pthread_mutex_unlock(web_ctx_setup_lock(ctx));
	if (!ok || !(st = web_store(req)))
		return false;
	return !ops_admin_exists(st, &admin, &e) && !admin;
}

int web_setup_finish(struct http_req *req, const char *token, const char *name,
		     const char *password_hash, long long *user_id, struct err *e)
{
	struct web_ctx *ctx = ctx_of(req);
	struct store *st = web_store(req);
	int rc;

	if (!ctx || !st)
		return err_fail(e, ERR_DB, NULL, MSG_E_NO_CONNECTION);
	pthread_mutex_lock(web_ctx_setup_lock(ctx));
	if (!token || !token_matches(ctx, token)) {
		rc = err_fail(e, ERR_NOT_FOUND, NULL, MSG_E_SETUP_INVALID);
		goto out;
	}
	store_set_actor(st, name);
	rc = ops_setup_admin(st, name, password_hash, user_id, e);
	/* valid once; an administrator who exists already spends it too */
	if (!rc || (rc == ERR_NOT_FOUND && e->id == MSG_E_ADMIN_EXISTS))
		*web_ctx_setup_armed(ctx) = 0;
out:
	pthread_mutex_unlock(web_ctx_setup_lock(ctx));
	return rc;
}
