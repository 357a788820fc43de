/*
 * http_int.h - what http.c (requests) and http_server.c (lifecycle) share.
 * Private to src/web/http*.c: nothing else includes <microhttpd.h>.
 */
#ifndef CDCF_WEB_HTTP_INT_H
#define CDCF_WEB_HTTP_INT_H

#include <microhttpd.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <sys/socket.h>
#include <time.h>

#include "web/http.h"

struct deferred {
	void (*fn)(void *);
	void *arg;
	struct deferred *next;
};

struct arena_block {
	struct arena_block *next;
	max_align_t data[];
};

struct http_req_private {
	struct http_server *srv;
	struct MHD_Connection *conn;
	char *uri; /* raw request target, split in place into path and query */
	char method[16];
	struct timespec t_start; /* monotonic, for the duration */
	struct timespec wall;	 /* for the log line */
	int started;
	int too_large;
	int status;
	size_t bytes;
	struct arena_block *arena;
	struct deferred *deferred;
	struct http_resp resp;
};

struct http_server {
	const struct http_server_options *opt;
	struct MHD_Daemon *d;
	unsigned port;
	int tls;
	atomic_int in_flight;
	atomic_int stopping;
	int wake[2]; /* self-pipe: signal handler and http_server_stop -> run loop */
	char *tls_key;
	char *tls_cert;
	size_t tls_key_len;
	struct sockaddr_storage addr;
};

/* Hand a line to the log sink (options.log or stderr). */
void http_log_line(const struct http_server *srv, const char *line);
void http_log_printf(const struct http_server *srv, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Milliseconds since a CLOCK_MONOTONIC time. */
double http_elapsed_ms(const struct timespec *since);

/* The MHD callbacks (http.c), registered by http_server_start. */
void *http_on_uri(void *cls, const char *uri, struct MHD_Connection *conn);
enum MHD_Result http_on_access(void *cls, struct MHD_Connection *conn, const char *url,
			       const char *method, const char *version, const char *upload_data,
			       size_t *upload_data_size, void **con_cls);
void http_on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
		       enum MHD_RequestTerminationCode toe);
void http_on_mhd_log(void *cls, const char *fmt, va_list ap);

#endif
