/*
 * serve.h - `cdcf serve`: the web application on libmicrohttpd.
 */
#ifndef CDCF_WEB_SERVE_H
#define CDCF_WEB_SERVE_H

#include "i18n/i18n.h"

#include "web/http/http.h"

struct err;

struct serve_options {
	const char *listen;   /* "ADDR:PORT" or "[V6]:PORT"; NULL = HTTP_DEFAULT_LISTEN */
	const char *tls_cert; /* PEM files; both or neither */
	const char *tls_key;
	const char *db_path; /* the database (created when missing); NULL: no store, nobody
				can sign in (tests of the HTTP layer) */
	unsigned threads;    /* 0 = 2 x CPUs */
	unsigned conn_limit; /* 0 = defaults from http.h */
	unsigned per_ip_limit;
	unsigned timeout;
	unsigned header_timeout; /* 0 = HTTP_DEFAULT_HEADER_TIMEOUT */
	unsigned body_timeout;	 /* 0 = HTTP_DEFAULT_BODY_TIMEOUT */
	int trust_proxy;	 /* behind a reverse proxy: honour X-Forwarded-For/-Proto */
	http_log_fn log;	 /* NULL = stderr */
	void *log_cls;
	int demo; /* create user "demo" (password "demo-password"), editor everywhere */
	/* password checks (Argon2id) at once; 0 = AUTH_HASH_SLOTS_DEFAULT */
	unsigned hash_limit;
	enum lang lang; /* of the lines it prints for the operator (listening, setup link) */
	/* MiB of pages and API answers kept for asking again (web/answer_key.c); 0: none */
	unsigned cache_mib;
};

#define SERVE_CACHE_MIB_DEFAULT 32

#define SERVE_DEMO_USER "demo"
#define SERVE_DEMO_PASSWORD "demo-password"

/*
 * Serve until SIGINT or SIGTERM, then shut down gracefully. Prints where it
 * listens through the log (stderr), never to stdout; when no administrator
 * exists yet, also the one-time setup link that creates the first one.
 * 0, or ERR_INVALID / ERR_IO with e filled (bad address, TLS files, port in
 * use), or the store's error when the database cannot be opened.
 */
int serve_main(const struct serve_options *opt, struct err *e);

#endif
