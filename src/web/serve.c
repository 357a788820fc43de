/*
 * serve.c - wiring of `cdcf serve`: assets, routes and hooks into the
 * HTTP server, then run until a signal.
 */
#include "web/serve.h"

#include <stdio.h>

#include "util/err.h"
#include "web/assets.h"
#include "web/openapi.h"
#include "web/routes.h"

struct ready_info {
	const struct serve_options *opt;
	int tls;
};

static void say(const struct serve_options *opt, const char *line)
{
	if (opt->log)
		opt->log(opt->log_cls, line);
	else
		fprintf(stderr, "%s\n", line);
}

static void on_ready(struct http_server *srv, void *cls)
{
	const struct ready_info *ri = cls;
	const char *listen = ri->opt->listen ? ri->opt->listen : HTTP_DEFAULT_LISTEN;
	char host[64], line[256];
	unsigned port;
	int v6;

	if (http_listen_parse(listen, host, sizeof(host), &port, &v6))
		return;
	snprintf(line, sizeof(line), "cdcf: listening on %s://%s%s%s:%u/ (Ctrl-C to stop)",
		 ri->tls ? "https" : "http", v6 ? "[" : "", host, v6 ? "]" : "",
		 http_server_port(srv));
	say(ri->opt, line);
}

int serve_main(const struct serve_options *opt, struct err *e)
{
	struct web_app app = {NULL, NULL};
	struct ready_info ri = {opt, opt->tls_cert != NULL};
	struct http_server_options hopt = {0};
	struct http_server *srv;
	const char *etag;
	size_t len;
	int rc, sig;

	/* Build what every request reads before the first one arrives. */
	assets_init();
	if (!openapi_text(&len, &etag))
		return err_set(e, ERR_INTERNAL, "cannot build the OpenAPI document");

	hopt.listen = opt->listen;
	hopt.tls_cert = opt->tls_cert;
	hopt.tls_key = opt->tls_key;
	hopt.threads = opt->threads;
	hopt.conn_limit = opt->conn_limit;
	hopt.per_ip_limit = opt->per_ip_limit;
	hopt.timeout = opt->timeout;
	hopt.trust_proxy = opt->trust_proxy;
	hopt.routes = web_routes;
	hopt.n_routes = web_routes_count;
	hopt.before = web_before;
	hopt.error_page = web_error_page;
	hopt.app = &app;
	hopt.log = opt->log;
	hopt.log_cls = opt->log_cls;
	hopt.on_ready = on_ready;
	hopt.on_ready_cls = &ri;

	rc = http_server_start(&hopt, &srv, e);
	if (rc)
		return rc;
	sig = http_server_run_until_signal(srv);
	http_server_free(srv);
	say(opt, sig ? "cdcf: stopped" : "cdcf: stopped on request");
	return 0;
}
