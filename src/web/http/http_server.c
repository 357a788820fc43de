/*
 * http_server.c - the server's lifecycle: bind (IPv4/IPv6, TLS), the MHD
 * thread pool with epoll, the log sink, signals and graceful shutdown.
 * Deadlines and per-client limits are http_guard.c's.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/dbfile.h"
#include "util/err.h"
#include "util/xalloc.h"
#include "web/http/http_int.h"

#define TLS_PRIORITIES "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2"
#define TLS_FILE_MAX ((size_t)1 << 20)

/* ---- logging ---- */

void http_log_line(const struct http_server *srv, const char *line)
{
	if (srv->opt->log)
		srv->opt->log(srv->opt->log_cls, line);
	else
		fprintf(stderr, "%s\n", line);
}

void http_log_printf(const struct http_server *srv, const char *fmt, ...)
{
	char line[HTTP_LOG_LINE_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	http_log_line(srv, line);
}

void http_on_mhd_log(void *cls, const char *fmt, va_list ap)
{
	char line[HTTP_LOG_LINE_MAX];
	size_t len;

	memcpy(line, "http: ", 6);
	vsnprintf(line + 6, sizeof(line) - 6, fmt, ap);
	len = strlen(line);
	while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		line[--len] = '\0';
	http_log_line(cls, line);
}

double http_elapsed_ms(const struct timespec *since)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - since->tv_sec) * 1e3 +
	       (double)(now.tv_nsec - since->tv_nsec) / 1e6;
}

static int read_pem(const char *path, char **out, size_t *len, struct err *e)
{
	FILE *f;
	struct buf b;
	char chunk[4096];
	size_t n;
	int rc = 0;

	/* not through fileio.c, so that the key is wiped from memory after use;
	 * the database check is the same (util/dbfile.h) */
	if (dbfile_is_database(path))
		return err_fail(e, ERR_INVALID, NULL, MSG_E_PEM_IS_DATABASE, path);
	f = fopen(path, "rb");
	if (!f)
		return err_fail(e, ERR_INVALID, NULL, MSG_E_FILE_OPEN, path, ERR_SYS(errno));
	buf_init(&b, TLS_FILE_MAX);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (buf_add(&b, chunk, n)) {
			rc = err_fail(e, ERR_INVALID, NULL, MSG_E_PEM_TOO_LARGE, path);
			break;
		}
	}
	if (!rc && ferror(f))
		rc = err_fail(e, ERR_IO, NULL, MSG_E_FILE_READ_WHY, path, ERR_SYS(errno));
	fclose(f);
	sodium_memzero(chunk, sizeof(chunk));
	if (!rc && !strstr(b.data, "-----BEGIN "))
		rc = err_fail(e, ERR_INVALID, NULL, MSG_E_NOT_PEM, path);
	if (rc) {
		sodium_memzero(b.data, b.len);
		buf_release(&b);
		return rc;
	}
	*out = buf_detach(&b, len);
	buf_release(&b);
	return 0;
}

static unsigned default_threads(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	if (n < 1)
		n = 1;
	if (n > 64)
		n = 64;
	return (unsigned)n * 2;
}

int http_server_start(const struct http_server_options *opt, struct http_server **out,
		      struct err *e)
{
	struct http_server *srv;
	struct MHD_OptionItem ops[16];
	const union MHD_DaemonInfo *di;
	char host[64];
	unsigned port, threads, flags;
	int v6, rc, k = 0;

	*out = NULL;
	if (http_listen_parse(opt->listen ? opt->listen : HTTP_DEFAULT_LISTEN, host, sizeof(host),
			      &port, &v6))
		return err_fail(e, ERR_INVALID, "listen", MSG_E_LISTEN_ADDRESS,
				opt->listen ? opt->listen : "");
	if (!opt->tls_cert != !opt->tls_key)
		return err_fail(e, ERR_INVALID, NULL, MSG_E_TLS_PAIR);

	srv = xcalloc(1, sizeof(*srv));
	srv->opt = opt;
	srv->cache = opt->cache_key ? http_cache_new(opt->cache_bytes) : NULL;
	srv->wake[0] = srv->wake[1] = -1;
	atomic_init(&srv->in_flight, 0);
	atomic_init(&srv->stopping, 0);
	if (pipe2(srv->wake, O_CLOEXEC | O_NONBLOCK)) {
		rc = err_fail(e, ERR_IO, NULL, MSG_E_PIPE, ERR_SYS(errno));
		goto fail;
	}
	if (v6) {
		struct sockaddr_in6 *a = (struct sockaddr_in6 *)&srv->addr;
		a->sin6_family = AF_INET6;
		a->sin6_port = htons((uint16_t)port);
		inet_pton(AF_INET6, host, &a->sin6_addr);
	} else {
		struct sockaddr_in *a = (struct sockaddr_in *)&srv->addr;
		a->sin_family = AF_INET;
		a->sin_port = htons((uint16_t)port);
		inet_pton(AF_INET, host, &a->sin_addr);
	}

	flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_USE_ERROR_LOG;
	if (v6)
		flags |= MHD_USE_IPv6;
	ops[k++] = (struct MHD_OptionItem){MHD_OPTION_SOCK_ADDR, 0, &srv->addr};
	threads = opt->threads ? opt->threads : default_threads();
	if (threads > 1)
		ops[k++] = (struct MHD_OptionItem){MHD_OPTION_THREAD_POOL_SIZE, threads, NULL};
	ops[k++] = (struct MHD_OptionItem){
	    MHD_OPTION_CONNECTION_LIMIT,
	    opt->conn_limit ? opt->conn_limit : HTTP_DEFAULT_CONN_LIMIT, NULL};
	/* Behind a trusted proxy every client has the proxy's socket address: the
	 * limit per client is then on requests in progress per forwarded address
	 * (http_guard.c), and the connections only under conn_limit. */
	if (!opt->trust_proxy)
		ops[k++] = (struct MHD_OptionItem){
		    MHD_OPTION_PER_IP_CONNECTION_LIMIT,
		    opt->per_ip_limit ? opt->per_ip_limit : HTTP_DEFAULT_PER_IP_LIMIT, NULL};
	ops[k++] =
	    (struct MHD_OptionItem){MHD_OPTION_CONNECTION_TIMEOUT,
				    opt->timeout ? opt->timeout : HTTP_DEFAULT_TIMEOUT, NULL};
	ops[k++] = (struct MHD_OptionItem){MHD_OPTION_STRICT_FOR_CLIENT, 1, NULL};
	if (opt->tls_cert) {
		size_t cert_len;
		rc = read_pem(opt->tls_key, &srv->tls_key, &srv->tls_key_len, e);
		if (!rc)
			rc = read_pem(opt->tls_cert, &srv->tls_cert, &cert_len, e);
		if (rc)
			goto fail;
		flags |= MHD_USE_TLS;
		srv->tls = 1;
		ops[k++] = (struct MHD_OptionItem){MHD_OPTION_HTTPS_MEM_KEY, 0, srv->tls_key};
		ops[k++] = (struct MHD_OptionItem){MHD_OPTION_HTTPS_MEM_CERT, 0, srv->tls_cert};
		ops[k++] =
		    (struct MHD_OptionItem){MHD_OPTION_HTTPS_PRIORITIES, 0, (void *)TLS_PRIORITIES};
	}
	ops[k++] = (struct MHD_OptionItem){MHD_OPTION_END, 0, NULL};

	if (http_guard_init(&srv->guard, srv)) {
		rc = err_fail(e, ERR_IO, NULL, MSG_E_WATCHDOG);
		goto fail;
	}
	srv->d = MHD_start_daemon(
	    flags, (uint16_t)port, NULL, NULL, http_on_access, srv, MHD_OPTION_EXTERNAL_LOGGER,
	    http_on_mhd_log, srv, MHD_OPTION_URI_LOG_CALLBACK, http_on_uri, srv,
	    MHD_OPTION_NOTIFY_COMPLETED, http_on_completed, srv, MHD_OPTION_NOTIFY_CONNECTION,
	    http_on_connection, srv, MHD_OPTION_ARRAY, ops, MHD_OPTION_END);
	if (!srv->d) {
		rc = err_fail(e, ERR_IO, NULL, srv->tls ? MSG_E_LISTEN_TLS : MSG_E_LISTEN,
			      opt->listen ? opt->listen : HTTP_DEFAULT_LISTEN);
		goto fail;
	}
	di = MHD_get_daemon_info(srv->d, MHD_DAEMON_INFO_BIND_PORT);
	srv->port = di ? di->port : port;
	*out = srv;
	return 0;
fail:
	http_server_free(srv);
	return rc;
}

unsigned http_server_port(const struct http_server *srv)
{
	return srv->port;
}

/* The pipe the signal handler writes to: the most recent run_until_signal's. */
static volatile sig_atomic_t signal_fd = -1;

static void on_signal(int sig)
{
	int saved = errno;
	char c = (char)sig;

	if (signal_fd >= 0 && write(signal_fd, &c, 1) < 0) {
		/* pipe full: a wake-up is already pending */
	}
	errno = saved;
}

void http_server_stop(struct http_server *srv)
{
	char c = 0;

	if (srv && srv->wake[1] >= 0 && write(srv->wake[1], &c, 1) < 0) {
		/* pipe full: a wake-up is already pending */
	}
}

/* Stop accepting, let in-flight requests finish (bounded), stop the daemon. */
static void shutdown_gracefully(struct http_server *srv)
{
	unsigned grace =
	    srv->opt->shutdown_grace ? srv->opt->shutdown_grace : HTTP_DEFAULT_SHUTDOWN_GRACE;
	struct timespec start, tick = {0, 10 * 1000 * 1000};
	MHD_socket lfd;
	int waiting;

	if (!srv->d)
		return;
	atomic_store(&srv->stopping, 1);
	lfd = MHD_quiesce_daemon(srv->d);
	clock_gettime(CLOCK_MONOTONIC, &start);
	while ((waiting = atomic_load(&srv->in_flight)) > 0 &&
	       http_elapsed_ms(&start) < grace * 1000.0)
		nanosleep(&tick, NULL);
	if (waiting > 0)
		http_log_printf(srv, "http: stopping with %d request(s) unfinished after %us",
				waiting, grace);
	MHD_stop_daemon(srv->d);
	srv->d = NULL;
	if (lfd != MHD_INVALID_SOCKET)
		close(lfd);
}

int http_server_run_until_signal(struct http_server *srv)
{
	struct sigaction sa, old_int, old_term;
	struct pollfd pfd;
	char c = 0;
	int sig = 0, prev_fd = signal_fd;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESTART;
	signal_fd = srv->wake[1];
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	if (srv->opt->on_ready)
		srv->opt->on_ready(srv, srv->opt->on_ready_cls);

	pfd.fd = srv->wake[0];
	pfd.events = POLLIN;
	for (;;) {
		int n = poll(&pfd, 1, -1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		if (read(srv->wake[0], &c, 1) == 1)
			break;
	}
	sig = (unsigned char)c;
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	signal_fd = prev_fd;
	http_log_printf(srv, "http: %s, shutting down",
			sig == SIGINT	 ? "interrupted"
			: sig == SIGTERM ? "terminated"
					 : "stop requested");
	shutdown_gracefully(srv);
	return sig;
}

void http_server_free(struct http_server *srv)
{
	if (!srv)
		return;
	if (srv->d)
		MHD_stop_daemon(srv->d);
	http_guard_release(&srv->guard);
	if (srv->wake[0] >= 0)
		close(srv->wake[0]);
	if (srv->wake[1] >= 0)
		close(srv->wake[1]);
	if (srv->tls_key) {
		sodium_memzero(srv->tls_key, srv->tls_key_len);
		free(srv->tls_key);
	}
	free(srv->tls_cert);
	http_cache_free(srv->cache);
	free(srv);
}
