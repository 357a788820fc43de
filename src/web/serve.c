/*
 * serve.c - wiring of `cdcf serve`: the store pool, assets, routes and
 * hooks into the HTTP server, the first-run setup link and demo mode, then
 * run until a signal.
 */
#include "web/serve.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ops/ops.h"
#include "store/store.h"
#include "store/store_user.h"
#include "util/err.h"
#include "web/http/assets.h"
#include "web/auth/auth.h"
#include "web/api/openapi.h"
#include "web/routes.h"
#include "web/webapp.h"

struct ready_info {
	const struct serve_options *opt;
	int tls;
	int setup;		     /* print the setup link */
	long long users;	     /* users when the server started */
	char token[AUTH_TOKEN_SIZE]; /* the setup link's token */
};

static void say(const struct serve_options *opt, const char *line)
{
	if (opt->log)
		opt->log(opt->log_cls, line);
	else
		fprintf(stderr, "%s\n", line);
}

/* A line of the message tables in the operator's language (the format comes from i18n/,
 * never from input). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static void say_msg(const struct serve_options *opt, char *buf, size_t size, enum msg_id id, ...)
{
	va_list ap;

	va_start(ap, id);
	vsnprintf(buf, size, tr(opt->lang, id), ap);
	va_end(ap);
	say(opt, buf);
}
#pragma GCC diagnostic pop

static void on_ready(struct http_server *srv, void *cls)
{
	struct ready_info *ri = cls;
	const char *listen = ri->opt->listen ? ri->opt->listen : HTTP_DEFAULT_LISTEN;
	char host[64], base[128], line[384];
	unsigned port;
	int v6;

	if (http_listen_parse(listen, host, sizeof(host), &port, &v6))
		return;
	snprintf(base, sizeof(base), "%s://%s%s%s:%u", ri->tls ? "https" : "http", v6 ? "[" : "",
		 host, v6 ? "]" : "", http_server_port(srv));
	say_msg(ri->opt, line, sizeof(line), MSG_SERVE_LISTENING, base);
	if (ri->setup) {
		say_msg(ri->opt, line, sizeof(line),
			ri->users ? MSG_SERVE_SETUP_NO_ADMIN : MSG_SERVE_SETUP_NO_USER, base,
			ri->token);
		sodium_memzero(ri->token, sizeof(ri->token));
	}
}

/* Demo mode: user "demo" as administrator of every organization (created when
 * missing), so the whole cycle, closing an evaluation included, can be tried. */
static int demo_user(struct store *st, const struct serve_options *opt, struct err *e)
{
	char hash[AUTH_PWHASH_MAX], line[160];
	size_t n = 0;
	int rc;

	if (auth_password_hash(SERVE_DEMO_PASSWORD, hash))
		return err_fail(e, ERR_NOMEM, NULL, MSG_E_DEMO_PASSWORD);
	rc = ops_demo_user(st, SERVE_DEMO_USER, hash, &n, e);
	if (rc)
		return rc;
	say_msg(opt, line, sizeof(line), n == 1 ? MSG_SERVE_DEMO_ONE : MSG_SERVE_DEMO,
		SERVE_DEMO_USER, SERVE_DEMO_PASSWORD, n);
	return 0;
}

/* Before serving: demo user, and whether the setup link is needed (no site
 * administrator yet, and not in demo mode). */
static int prepare_store(const struct serve_options *opt, struct ready_info *ri, struct err *e)
{
	struct store *st;
	bool admin = false;
	int rc;

	rc = store_open(&st, opt->db_path, 1, e);
	if (rc)
		return rc;
	store_set_actor(st, "serve");
	if (opt->demo)
		rc = demo_user(st, opt, e);
	if (!rc)
		rc = store_user_count(st, &ri->users, e);
	if (!rc)
		rc = ops_admin_exists(st, &admin, e);
	/* demo mode says how to sign in; a setup link too would offer a second way */
	if (!rc)
		ri->setup = !admin && !opt->demo;
	store_close(st);
	return rc;
}

static unsigned default_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n > 0 && n < 256 ? (unsigned)(2 * n) : 4;
}

int serve_main(const struct serve_options *opt, struct err *e)
{
	struct web_app app = {NULL, NULL};
	struct ready_info ri;
	struct http_server_options hopt = {0};
	struct http_server *srv;
	struct web_ctx *ctx = NULL;
	const char *etag;
	unsigned threads = opt->threads ? opt->threads : default_threads();
	size_t len;
	int rc, sig;

	memset(&ri, 0, sizeof(ri));
	ri.opt = opt;
	ri.tls = opt->tls_cert != NULL;

	/* Build what every request reads before the first one arrives. */
	auth_hash_slots_set(opt->hash_limit);
	assets_init();
	if (!openapi_text(&len, &etag))
		return err_fail(e, ERR_INTERNAL, NULL, MSG_E_OPENAPI);
	if (opt->db_path) {
		rc = prepare_store(opt, &ri, e);
		/* a request holds its store until its response is sent: room for
		 * every worker plus responses still in flight */
		if (!rc)
			rc = web_ctx_new(opt->db_path, 2 * threads + 4, opt->log, opt->log_cls,
					 &ctx, e);
		if (!rc && ri.setup)
			rc = web_setup_arm(ctx, ri.token)
				 ? err_fail(e, ERR_INTERNAL, NULL, MSG_E_SETUP_LINK)
				 : 0;
		if (rc) {
			web_ctx_free(ctx);
			return rc;
		}
		app.authenticate = web_authenticate;
		app.ctx = ctx;
	}

	hopt.listen = opt->listen;
	hopt.tls_cert = opt->tls_cert;
	hopt.tls_key = opt->tls_key;
	hopt.threads = threads;
	hopt.conn_limit = opt->conn_limit;
	hopt.per_ip_limit = opt->per_ip_limit;
	hopt.timeout = opt->timeout;
	hopt.header_timeout = opt->header_timeout;
	hopt.body_timeout = opt->body_timeout;
	hopt.trust_proxy = opt->trust_proxy;
	hopt.routes = web_routes;
	hopt.n_routes = web_routes_count;
	hopt.before = web_before;
	if (opt->db_path) {
		hopt.cache_key = web_cache_key;
		hopt.cache_bytes = (size_t)opt->cache_mib << 20;
	}
	hopt.error_page = web_error_page;
	hopt.app = &app;
	hopt.log = opt->log;
	hopt.log_cls = opt->log_cls;
	hopt.on_ready = on_ready;
	hopt.on_ready_cls = &ri;

	rc = http_server_start(&hopt, &srv, e);
	if (rc) {
		web_ctx_free(ctx);
		return rc;
	}
	sig = http_server_run_until_signal(srv);
	http_server_free(srv);
	web_ctx_free(ctx);
	sodium_memzero(ri.token, sizeof(ri.token));
	say(opt, tr(opt->lang, sig ? MSG_SERVE_STOPPED : MSG_SERVE_STOPPED_ON_REQUEST));
	return 0;
}
