/*
 * http_int.h - what http.c (requests) and http_server.c (lifecycle) share.
 * Private to src/web/http*.c: nothing else includes <microhttpd.h>.
 */
#ifndef CDCF_WEB_HTTP_INT_H
#define CDCF_WEB_HTTP_INT_H

#include <microhttpd.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <sys/socket.h>
#include <time.h>

#include "web/http/http.h"
#include "web/http/http_cache.h"

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
	int counted; /* holds one of its client's per_ip_limit requests */
	int too_large;
	int status;
	size_t bytes;
	struct arena_block *arena;
	struct deferred *deferred;
	struct http_resp resp;
	unsigned char cache_key[32]; /* when cache_store: the key to keep the answer under */
	int cache_store;
	int cache_hit; /* answered from the cache (logged) */
};

/* ---- http_guard.c: deadlines per connection, requests in progress per client ---- */

/* Where a connection is in its current request; each phase but SERVING has a deadline. */
enum http_phase {
	HTTP_PHASE_WAITING, /* for a request (accepted, or previous response sent) */
	HTTP_PHASE_HEADERS, /* request line in, headers arriving: same deadline as WAITING */
	HTTP_PHASE_BODY,    /* headers complete, body arriving */
	HTTP_PHASE_SERVING  /* our handler runs, or the response is being sent */
};

/* One per socket, MHD's socket_context; lives from NOTIFY_STARTED to NOTIFY_CLOSED. */
struct http_conn {
	struct http_conn *prev, *next;
	int fd;
	enum http_phase phase;
	int cut;	  /* shut down by the watchdog */
	int64_t deadline; /* CLOCK_MONOTONIC milliseconds */
	char peer[64];	  /* numeric socket peer address, for the log */
};

/* Requests in progress from one client address (a hash-chain node). */
struct http_client {
	struct http_client *next;
	unsigned n;
	char addr[64];
};

#define HTTP_GUARD_BUCKETS 256

struct http_guard {
	struct http_server *srv;
	pthread_mutex_t lock; /* everything below */
	pthread_cond_t wake;
	pthread_t thread;
	int initialized, running, stopping;
	int64_t header_ms, body_ms;
	unsigned per_client;
	struct http_conn *conns;
	struct http_client *clients[HTTP_GUARD_BUCKETS];
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
	struct http_guard guard;
	struct http_cache *cache; /* options.cache_bytes of answers, NULL when 0 */
};

/* Hand a line to the log sink (options.log or stderr). */
void http_log_line(const struct http_server *srv, const char *line);
void http_log_printf(const struct http_server *srv, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* The numeric address of sa (IPv4 or IPv6) into out; ERR_INVALID for other families. */
int http_sockaddr_text(const struct sockaddr *sa, char *out, size_t size);
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

/*
 * Set the limits from srv->opt and start the watchdog thread. Call before
 * MHD starts; http_guard_release after it stopped (it accepts a guard that
 * was never initialized). ERR_IO when the thread cannot start.
 */
int http_guard_init(struct http_guard *g, struct http_server *srv);
void http_guard_release(struct http_guard *g);
/* MHD_OPTION_NOTIFY_CONNECTION (cls: the server): tracks each socket. */
void http_on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
			enum MHD_ConnectionNotificationCode code);
/*
 * conn enters phase: WAITING starts the header deadline, HEADERS keeps it,
 * BODY starts the body deadline, SERVING has none. Thread-safe.
 */
void http_guard_phase(struct http_server *srv, struct MHD_Connection *conn, enum http_phase phase);
/*
 * Count one more request in progress from addr: 0, or ERR_BUSY (nothing
 * counted) when addr already has per_ip_limit. Each 0 is paired with one
 * http_guard_client_leave(addr). Thread-safe.
 */
int http_guard_client_enter(struct http_server *srv, const char *addr);
void http_guard_client_leave(struct http_server *srv, const char *addr);

#endif
