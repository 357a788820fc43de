/*
 * webctx.c - the store pool, the authenticate hook, and the role checks of
 * every page and API call.
 *
 * The pool: each request that needs the database takes one struct store
 * (one connection) the first time it calls web_store() and keeps it until
 * the request completes (http_req_defer gives it back). A slot remembers the
 * request that holds it, so repeated calls in one request return the same
 * store. Connections are opened lazily up to the pool size; past it a
 * request waits (bounded) for one to come back.
 */
#include "web/webapp.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "io/catalog_import.h"
#include "report/html.h"
#include "store/store.h"
#include "store/store_framework.h"
#include "util/err.h"
#include "util/xalloc.h"
#include "web/routes.h"

#define POOL_DEFAULT 8
#define POOL_MAX 1024

struct pool_slot {
	struct web_ctx *ctx;
	struct store *st;	/* NULL: not opened (yet) */
	struct http_req *owner; /* request holding it, NULL when free */
};

struct web_ctx {
	char *db_path;
	http_log_fn log;
	void *log_cls;
	pthread_mutex_t lock;
	pthread_cond_t freed;
	struct pool_slot *slots;
	size_t n_slots;
	/* the one-time setup link (session.c) */
	pthread_mutex_t setup_lock;
	int setup_armed;
	unsigned char setup_hash[AUTH_HASH_BYTES];
	/* frameworks and mapping sets imported by any process: the stamp of the
	 * database (store_imported_stamp) when they were last registered */
	atomic_llong imported_stamp;
	pthread_mutex_t imported_lock; /* one request registers them at a time */
};

/* session.c reaches the setup fields through these. */
pthread_mutex_t *web_ctx_setup_lock(struct web_ctx *ctx);
int *web_ctx_setup_armed(struct web_ctx *ctx);
unsigned char *web_ctx_setup_hash(struct web_ctx *ctx);

pthread_mutex_t *web_ctx_setup_lock(struct web_ctx *ctx)
{
	return &ctx->setup_lock;
}

int *web_ctx_setup_armed(struct web_ctx *ctx)
{
	return &ctx->setup_armed;
}

unsigned char *web_ctx_setup_hash(struct web_ctx *ctx)
{
	return ctx->setup_hash;
}

/* ---- clock ---- */

time_t web_now(void)
{
	char now[32];
	time_t t;

	store_now(now);
	t = web_time_parse(now);
	return t == (time_t)-1 ? time(NULL) : t;
}

void web_time_fmt(time_t t, char out[32])
{
	struct tm tm;

	gmtime_r(&t, &tm);
	if (!strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm))
		memcpy(out, "1970-01-01T00:00:00Z", 21);
}

time_t web_time_parse(const char *s)
{
	struct tm tm;
	const char *end;

	if (!s)
		return (time_t)-1;
	memset(&tm, 0, sizeof(tm));
	end = strptime(s, "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (!end || *end)
		return (time_t)-1;
	return timegm(&tm);
}

/* ---- the pool ---- */

/*
 * Register the frameworks and mapping sets imported into the database since
 * the last time, by this server or any other process (cdcf framework import
 * beside a running server): one cheap query per request that takes a
 * connection, the libraries read only when the stamp moved. The registry
 * only grows and never moves what readers hold (io/catalog_registry.c). One
 * that no longer reads is left out ('cdcf framework list' says why).
 */
static void imported_refresh(struct web_ctx *ctx, struct store *st)
{
	struct err ignored = ERR_INIT;
	long long stamp;

	if (store_imported_stamp(st, &stamp, &ignored) ||
	    stamp == atomic_load_explicit(&ctx->imported_stamp, memory_order_acquire))
		return;
	pthread_mutex_lock(&ctx->imported_lock);
	/* a library that no longer reads is not read again until the next import;
	 * a database that could not be read is, by the next request */
	if (stamp != atomic_load_explicit(&ctx->imported_stamp, memory_order_acquire) &&
	    (!catalog_imported_load(st, &ignored) || err_is_user(ignored.code)))
		atomic_store_explicit(&ctx->imported_stamp, stamp, memory_order_release);
	pthread_mutex_unlock(&ctx->imported_lock);
}

int web_ctx_new(const char *db_path, unsigned pool_size, http_log_fn log, void *log_cls,
		struct web_ctx **out, struct err *e)
{
	struct web_ctx *ctx;
	struct store *st;
	size_t i;
	int rc;

	*out = NULL;
	rc = store_open(&st, db_path, 1, e);
	if (rc)
		return rc;
	ctx = xcalloc(1, sizeof(*ctx));
	atomic_init(&ctx->imported_stamp, -1);
	pthread_mutex_init(&ctx->imported_lock, NULL);
	imported_refresh(ctx, st);
	ctx->db_path = xstrdup(db_path);
	ctx->log = log;
	ctx->log_cls = log_cls;
	ctx->n_slots = pool_size ? (pool_size > POOL_MAX ? POOL_MAX : pool_size) : POOL_DEFAULT;
	ctx->slots = xcalloc(ctx->n_slots, sizeof(*ctx->slots));
	for (i = 0; i < ctx->n_slots; i++)
		ctx->slots[i].ctx = ctx;
	ctx->slots[0].st = st;
	store_set_actor(st, "web");
	pthread_mutex_init(&ctx->lock, NULL);
	pthread_cond_init(&ctx->freed, NULL);
	pthread_mutex_init(&ctx->setup_lock, NULL);
	*out = ctx;
	return 0;
}

void web_ctx_free(struct web_ctx *ctx)
{
	size_t i;

	if (!ctx)
		return;
	for (i = 0; i < ctx->n_slots; i++)
		store_close(ctx->slots[i].st);
	free(ctx->slots);
	free(ctx->db_path);
	pthread_mutex_destroy(&ctx->lock);
	pthread_cond_destroy(&ctx->freed);
	pthread_mutex_destroy(&ctx->setup_lock);
	pthread_mutex_destroy(&ctx->imported_lock);
	sodium_memzero(ctx->setup_hash, sizeof(ctx->setup_hash));
	free(ctx);
}

static struct web_ctx *req_ctx(const struct http_req *req)
{
	const struct web_app *app = req->app;

	return app ? app->ctx : NULL;
}

void web_log(struct http_req *req, const char *fmt, ...)
{
	struct web_ctx *ctx = req_ctx(req);
	char line[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (ctx && ctx->log)
		ctx->log(ctx->log_cls, line);
	else
		fprintf(stderr, "%s\n", line);
}

static void pool_release(void *arg)
{
	struct pool_slot *slot = arg;
	struct web_ctx *ctx = slot->ctx;

	pthread_mutex_lock(&ctx->lock);
	/* a store left inside a transaction (a bug somewhere) is not handed on */
	if (slot->st && slot->st->db->tx_depth) {
		store_close(slot->st);
		slot->st = NULL;
	}
	if (slot->st)
		store_set_actor(slot->st, "web");
	slot->owner = NULL;
	pthread_cond_signal(&ctx->freed);
	pthread_mutex_unlock(&ctx->lock);
}

/* A slot for req (locked): its own, an open free one, else an unopened one; NULL if none. */
static struct pool_slot *pool_find(struct web_ctx *ctx, struct http_req *req, int *mine)
{
	struct pool_slot *unopened = NULL;
	size_t i;

	*mine = 0;
	for (i = 0; i < ctx->n_slots; i++)
		if (ctx->slots[i].owner == req) {
			*mine = 1;
			return &ctx->slots[i];
		}
	for (i = 0; i < ctx->n_slots; i++) {
		if (ctx->slots[i].owner)
			continue;
		if (ctx->slots[i].st)
			return &ctx->slots[i];
		if (!unopened)
			unopened = &ctx->slots[i];
	}
	return unopened;
}

struct store *web_store(struct http_req *req)
{
	struct web_ctx *ctx = req_ctx(req);
	const struct web_user *u = web_user(req);
	struct pool_slot *slot;
	struct timespec until;
	struct err e = ERR_INIT;
	int mine, rc = 0;

	if (!ctx)
		return NULL;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += WEB_POOL_WAIT;
	pthread_mutex_lock(&ctx->lock);
	while (!(slot = pool_find(ctx, req, &mine)) && rc != ETIMEDOUT)
		rc = pthread_cond_timedwait(&ctx->freed, &ctx->lock, &until);
	if (!slot || mine) {
		pthread_mutex_unlock(&ctx->lock);
		if (!slot)
			web_log(req, "web: no database connection free after %d s", WEB_POOL_WAIT);
		return slot ? slot->st : NULL;
	}
	slot->owner = req;
	pthread_mutex_unlock(&ctx->lock);
	http_req_defer(req, pool_release, slot);
	if (!slot->st && store_open(&slot->st, ctx->db_path, 0, &e)) {
		web_log(req, "web: cannot open the database: %s", e.msg);
		slot->st = NULL;
		return NULL;
	}
	store_set_actor(slot->st, u ? u->name : "web");
	imported_refresh(ctx, slot->st);
	return slot->st;
}

void web_store_actor(struct http_req *req)
{
	const struct web_user *u = web_user(req);
	struct store *st = web_store(req);

	if (st)
		store_set_actor(st, u ? u->name : "web");
}

const struct web_user *web_user(const struct http_req *req)
{
	return req->auth;
}

/* ---- authentication ---- */

/* Is t older than now by at least secs? (unparseable counts as old) */
static int older_than(const char *t, time_t now, long secs)
{
	time_t v = web_time_parse(t);

	return v == (time_t)-1 || now - v >= secs;
}

/* Fill req->auth from a user row, unless the user is disabled: whether it did. */
static bool take_user(struct http_req *req, const struct user *u, int via_token,
		      long long session_id)
{
	struct web_user *w;
	int lang;

	if (u->disabled)
		return false;
	w = http_req_alloc(req, sizeof(*w));
	w->id = u->id;
	w->name = http_req_strdup(req, u->name);
	w->is_admin = u->is_admin;
	w->via_token = via_token;
	w->session_id = session_id;
	req->auth = w;
	if (u->lang && (lang = lang_parse(u->lang)) >= 0)
		req->lang = lang;
	return true;
}

/*
 * The stored form of a presented token (hex of its hash, as store_*_find takes
 * it) and the request's store. Returns 0 with *st set, or with *st NULL when
 * token is not one of ours (nobody signed in); ERR_DB without a store.
 */
static int token_key(struct http_req *req, const char *token, char hex[AUTH_HASH_HEX_SIZE],
		     struct store **st)
{
	unsigned char hash[AUTH_HASH_BYTES];

	*st = NULL;
	if (auth_token_hash(token, hash))
		return 0;
	auth_hex(hash, sizeof(hash), hex);
	*st = web_store(req);
	return *st ? 0 : ERR_DB;
}

static int auth_bearer(struct http_req *req, const char *token)
{
	char hex[AUTH_HASH_HEX_SIZE], now_s[32];
	struct api_token t = {0};
	struct user u = {0};
	struct err e = ERR_INIT;
	struct store *st;
	time_t now = web_now();
	int rc = token_key(req, token, hex, &st);

	if (rc || !st)
		return rc;
	rc = store_token_find(st, hex, &t, &e);
	if (rc == ERR_NOT_FOUND)
		return 0;
	if (!rc)
		rc = store_user_get(st, t.user_id, &u, &e);
	if (rc || !take_user(req, &u, 1, 0))
		goto out;
	store_set_actor(st, u.name);
	if (older_than(t.last_used_at, now, WEB_TOUCH_EVERY)) {
		web_time_fmt(now, now_s);
		rc = store_token_touch(st, t.id, now_s, &e);
	}
out:
	if (rc)
		web_log(req, "web: token check failed: %s", e.msg);
	api_token_release(&t);
	user_release(&u);
	return rc;
}

static int auth_cookie(struct http_req *req, const char *token)
{
	unsigned char secret[AUTH_CSRF_SECRET_BYTES];
	char hex[AUTH_HASH_HEX_SIZE], now_s[32];
	struct session s = {0};
	struct user u = {0};
	struct err e = ERR_INIT;
	struct store *st;
	time_t now = web_now();
	int rc = token_key(req, token, hex, &st);

	if (rc || !st)
		return rc;
	rc = store_session_find(st, hex, &s, &e);
	if (rc == ERR_NOT_FOUND)
		return 0;
	if (rc)
		goto out;
	if (older_than(s.expires_at, now, 0) || older_than(s.last_seen_at, now, WEB_SESSION_IDLE)) {
		rc = store_session_delete(st, s.id, &e); /* expired: gone for good */
		goto out;
	}
	rc = store_user_get(st, s.user_id, &u, &e);
	if (rc || !take_user(req, &u, 0, s.id))
		goto out;
	if (auth_unhex(s.csrf_secret, secret, sizeof(secret)) ||
	    auth_csrf_token(secret, hex, ((struct web_user *)req->auth)->csrf,
			    sizeof(((struct web_user *)req->auth)->csrf))) {
		req->auth = NULL; /* a damaged session row: treat as signed out */
		goto out;
	}
	store_set_actor(st, u.name);
	if (older_than(s.last_seen_at, now, WEB_TOUCH_EVERY)) {
		web_time_fmt(now, now_s);
		rc = store_session_touch(st, s.id, now_s, &e);
	}
out:
	sodium_memzero(secret, sizeof(secret));
	if (rc)
		web_log(req, "web: session check failed: %s", e.msg);
	session_release(&s);
	user_release(&u);
	return rc;
}

int web_authenticate(struct http_req *req)
{
	const char *authz = http_req_header(req, "Authorization");
	const char *cookie = http_req_cookie(req, WEB_SESSION_COOKIE);

	req->auth = NULL;
	/* Bearer tokens are for the API only: pages never skip the CSRF check */
	if (authz && http_req_wants_json(req)) {
		if (!strncasecmp(authz, "Bearer ", 7)) {
			authz += 7;
			while (*authz == ' ')
				authz++;
			return auth_bearer(req, authz);
		}
		return 0;
	}
	return cookie ? auth_cookie(req, cookie) : 0;
}

/* ---- organizations and roles ---- */

int web_org_id(struct http_req *req, long long org_id, enum role min_role, struct web_org *out)
{
	const struct web_user *u = web_user(req);
	struct membership m = {0};
	struct org o = {0};
	struct err e = ERR_INIT;
	struct store *st;
	int rc;

	memset(out, 0, sizeof(*out));
	if (!u || org_id <= 0)
		return http_failf(req, ERR_NOT_FOUND, NULL, MSG_E_NO_SUCH_ORG);
	st = web_store(req);
	if (!st)
		return ERR_DB;
	if (!u->is_admin) {
		rc = store_membership_get(st, u->id, org_id, &m, &e);
		if (rc == ERR_NOT_FOUND)
			return http_failf(req, ERR_NOT_FOUND, NULL, MSG_E_NO_SUCH_ORG);
		if (rc)
			return http_fail(req, &e);
		out->role = m.role;
		out->team_id = m.team_id;
		membership_release(&m);
	} else {
		out->role = ROLE_ADMIN;
	}
	rc = store_org_get(st, org_id, &o, &e);
	if (rc == ERR_NOT_FOUND)
		return http_failf(req, ERR_NOT_FOUND, NULL, MSG_E_NO_SUCH_ORG);
	if (rc)
		return http_fail(req, &e);
	out->id = o.id;
	out->name = http_req_strdup(req, o.name);
	out->parent = o.parent_name ? http_req_strdup(req, o.parent_name) : NULL;
	org_release(&o);
	if (out->role < min_role)
		return http_failf(req, ERR_DENIED, NULL, MSG_E_ROLE_DENIED);
	return 0;
}

int web_org(struct http_req *req, enum role min_role, struct web_org *out)
{
	const char *p = http_req_param(req, "org");
	long long id = 0;
	size_t i;

	memset(out, 0, sizeof(*out));
	if (!p || !*p || strlen(p) > 18)
		return http_failf(req, ERR_NOT_FOUND, NULL, MSG_E_NO_SUCH_ORG);
	for (i = 0; p[i]; i++) {
		if (p[i] < '0' || p[i] > '9')
			return http_failf(req, ERR_NOT_FOUND, NULL, MSG_E_NO_SUCH_ORG);
		id = id * 10 + (p[i] - '0');
	}
	return web_org_id(req, id, min_role, out);
}

struct ops_actor web_actor(struct http_req *req, const struct web_org *o)
{
	const struct web_user *me = web_user(req);

	return (struct ops_actor){me ? me->id : 0, me && me->is_admin, o ? o->role : ROLE_VIEWER,
				  o ? o->team_id : 0};
}
