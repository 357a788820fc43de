/*
 * http_guard.c - what keeps slow and greedy clients from holding the
 * server: a deadline for the request headers and one for the body, kept by
 * a watchdog thread, and a ceiling on the requests in progress from one
 * client address.
 *
 * MHD's connection timeout closes a connection only after it has been
 * silent that long: a client sending one header line every few seconds
 * never trips it and can hold its connections for ever. So each connection
 * carries a phase and a deadline, independent of idle time:
 *
 *   accepted, or previous response sent -> WAITING, now + header timeout
 *   request line received (URI callback) -> HEADERS, same deadline
 *   headers complete (first access call) -> BODY, now + body timeout
 *   body complete: handler, response     -> SERVING, no deadline (a long
 *                                           request is never cut; MHD's idle
 *                                           timeout still guards the sending)
 *
 * The watchdog sleeps until the earliest deadline and calls shutdown() on
 * an overdue socket (unless bytes wait unread in it: see unread()). MHD
 * then sees the connection end in its own thread and closes it as for a
 * client that went away (the request, if any, is logged as aborted), so no
 * MHD state is touched from outside. A socket stays open until MHD's
 * NOTIFY_CLOSED, which unlinks the record under the same lock the watchdog
 * scans with: the watchdog never shuts down a descriptor that was closed
 * and reused.
 *
 * A kept-alive connection waiting for its next request is WAITING too, so
 * it is closed once the header timeout passes, as a keep-alive timeout.
 *
 * Requests in progress (headers complete to response sent) are counted per
 * client address, the forwarded one behind a trusted proxy, where MHD's
 * per-IP connection limit would make every user share the proxy's.
 */
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>

#include "util/err.h"
#include "util/xalloc.h"
#include "web/http/http_int.h"

/* How soon an overdue connection with unread bytes is looked at again. */
#define GUARD_RECHECK_MS 200

static int64_t now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

/* What was late, for the log line (a WAITING or SERVING connection is never logged as late). */
static const char *const phase_what[] = {
    [HTTP_PHASE_HEADERS] = "the request headers",
    [HTTP_PHASE_BODY] = "the request body",
};

/*
 * Bytes the client sent that MHD has not read yet: the connection's worker
 * thread is busy with another connection's request (MHD serves several
 * connections per thread), so the delay is the server's, not the client's.
 * Such a connection is looked at again shortly instead of being cut.
 */
static int unread(const struct http_conn *c)
{
	int n = 0;

	return ioctl(c->fd, FIONREAD, &n) == 0 && n > 0;
}

/* Shut c down; its request (if any) is logged by the completion callback. */
static void cut(struct http_guard *g, struct http_conn *c)
{
	c->cut = 1;
	shutdown(c->fd, SHUT_RDWR);
	/* a connection waiting for its next request is an ordinary keep-alive end */
	if (c->phase != HTTP_PHASE_WAITING)
		http_log_printf(
		    g->srv, "http: closed the connection from %s: %s took over %us", c->peer,
		    phase_what[c->phase],
		    (unsigned)((c->phase == HTTP_PHASE_BODY ? g->body_ms : g->header_ms) / 1000));
}

static void *watchdog(void *arg)
{
	struct http_guard *g = arg;
	int64_t shortest = g->header_ms < g->body_ms ? g->header_ms : g->body_ms;

	pthread_mutex_lock(&g->lock);
	while (!g->stopping) {
		int64_t now = now_ms();
		/* a deadline set after this scan is at least `shortest` away */
		int64_t next = now + shortest;
		struct http_conn *c;
		struct timespec until;

		for (c = g->conns; c; c = c->next) {
			if (c->phase == HTTP_PHASE_SERVING || c->cut)
				continue;
			if (now < c->deadline) {
				if (c->deadline < next)
					next = c->deadline;
			} else if (unread(c)) {
				if (now + GUARD_RECHECK_MS < next)
					next = now + GUARD_RECHECK_MS;
			} else {
				cut(g, c);
			}
		}
		until.tv_sec = (time_t)(next / 1000);
		until.tv_nsec = (long)(next % 1000) * 1000000L;
		pthread_cond_timedwait(&g->wake, &g->lock, &until);
	}
	pthread_mutex_unlock(&g->lock);
	return NULL;
}

static int64_t timeout_ms(unsigned seconds, unsigned fallback)
{
	return (int64_t)(seconds ? seconds : fallback) * 1000;
}

int http_guard_init(struct http_guard *g, struct http_server *srv)
{
	const struct http_server_options *opt = srv->opt;
	pthread_condattr_t ca;

	memset(g, 0, sizeof(*g));
	g->srv = srv;
	g->header_ms = timeout_ms(opt->header_timeout, HTTP_DEFAULT_HEADER_TIMEOUT);
	g->body_ms = timeout_ms(opt->body_timeout, HTTP_DEFAULT_BODY_TIMEOUT);
	g->per_client = opt->per_ip_limit ? opt->per_ip_limit : HTTP_DEFAULT_PER_IP_LIMIT;
	pthread_mutex_init(&g->lock, NULL);
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&g->wake, &ca);
	pthread_condattr_destroy(&ca);
	g->initialized = 1;
	if (pthread_create(&g->thread, NULL, watchdog, g))
		return ERR_IO;
	g->running = 1;
	return 0;
}

void http_guard_release(struct http_guard *g)
{
	size_t i;

	if (!g->initialized)
		return;
	if (g->running) {
		pthread_mutex_lock(&g->lock);
		g->stopping = 1;
		pthread_cond_signal(&g->wake);
		pthread_mutex_unlock(&g->lock);
		pthread_join(g->thread, NULL);
		g->running = 0;
	}
	/* MHD has stopped: every connection was notified closed, every request completed */
	while (g->conns) {
		struct http_conn *c = g->conns;
		g->conns = c->next;
		free(c);
	}
	for (i = 0; i < HTTP_GUARD_BUCKETS; i++) {
		while (g->clients[i]) {
			struct http_client *cl = g->clients[i];
			g->clients[i] = cl->next;
			free(cl);
		}
	}
	pthread_cond_destroy(&g->wake);
	pthread_mutex_destroy(&g->lock);
	g->initialized = 0;
}

void http_on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
			enum MHD_ConnectionNotificationCode code)
{
	struct http_server *srv = cls;
	struct http_guard *g = &srv->guard;
	struct http_conn *c;

	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *ci;

		c = xcalloc(1, sizeof(*c));
		ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CONNECTION_FD);
		c->fd = ci ? ci->connect_fd : -1;
		ci = MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
		if (!ci || http_sockaddr_text(ci->client_addr, c->peer, sizeof(c->peer)))
			memcpy(c->peer, "-", 2);
		c->phase = HTTP_PHASE_WAITING;
		pthread_mutex_lock(&g->lock);
		c->deadline = now_ms() + g->header_ms;
		c->next = g->conns;
		if (g->conns)
			g->conns->prev = c;
		g->conns = c;
		pthread_mutex_unlock(&g->lock);
		*socket_context = c;
		return;
	}
	c = *socket_context;
	if (!c)
		return;
	pthread_mutex_lock(&g->lock);
	if (c->prev)
		c->prev->next = c->next;
	else
		g->conns = c->next;
	if (c->next)
		c->next->prev = c->prev;
	pthread_mutex_unlock(&g->lock);
	free(c);
	*socket_context = NULL;
}

void http_guard_phase(struct http_server *srv, struct MHD_Connection *conn, enum http_phase phase)
{
	struct http_guard *g = &srv->guard;
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	struct http_conn *c = ci ? ci->socket_context : NULL;

	if (!c)
		return;
	pthread_mutex_lock(&g->lock);
	if (phase == HTTP_PHASE_WAITING)
		c->deadline = now_ms() + g->header_ms;
	else if (phase == HTTP_PHASE_BODY)
		c->deadline = now_ms() + g->body_ms;
	c->phase = phase;
	pthread_mutex_unlock(&g->lock);
}

/* FNV-1a */
static unsigned bucket_of(const char *addr)
{
	uint32_t h = 2166136261u;

	for (; *addr; addr++)
		h = (h ^ (unsigned char)*addr) * 16777619u;
	return h % HTTP_GUARD_BUCKETS;
}

int http_guard_client_enter(struct http_server *srv, const char *addr)
{
	struct http_guard *g = &srv->guard;
	struct http_client **head = &g->clients[bucket_of(addr)], *cl;
	int rc = 0;

	pthread_mutex_lock(&g->lock);
	for (cl = *head; cl && strcmp(cl->addr, addr); cl = cl->next)
		;
	if (!cl) {
		cl = xcalloc(1, sizeof(*cl));
		snprintf(cl->addr, sizeof(cl->addr), "%s", addr);
		cl->next = *head;
		*head = cl;
	}
	if (cl->n >= g->per_client)
		rc = ERR_BUSY;
	else
		cl->n++;
	pthread_mutex_unlock(&g->lock);
	return rc;
}

void http_guard_client_leave(struct http_server *srv, const char *addr)
{
	struct http_guard *g = &srv->guard;
	struct http_client **pp = &g->clients[bucket_of(addr)], *cl;

	pthread_mutex_lock(&g->lock);
	for (; (cl = *pp) && strcmp(cl->addr, addr); pp = &cl->next)
		;
	if (cl && --cl->n == 0) {
		*pp = cl->next;
		free(cl);
	}
	pthread_mutex_unlock(&g->lock);
}
