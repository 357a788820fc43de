/*
 * pdf.c - the HTML report printed to PDF by headless Chromium (pdf.h).
 *
 * Chromium is a separate program: it runs with a fixed argument list and no
 * shell, in a process group of its own so that it and every helper process
 * it starts can be killed together on timeout, with stdin, stdout and stderr
 * on /dev/null. It reads a file:// copy of the report in a private temporary
 * directory (mode 0700) and gets a fresh profile there (--user-data-dir), so
 * no state is shared with any browser or earlier run. As root Chromium
 * refuses its sandbox, hence --no-sandbox then; the page has no script and
 * no network access is needed (every style and chart is inline).
 */
#define _XOPEN_SOURCE 700
#include "report/pdf.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

#define PDF_PATH_MAX 4096
#define PDF_POLL_NS (50 * 1000 * 1000L)

/* PDF_CHROMIUM found in PATH into path; 0 or ERR_NOT_FOUND. */
static int find_chromium(char *path, size_t size)
{
	const char *p = getenv("PATH");
	const char *end;
	size_t n;

	if (!p || !*p)
		p = "/usr/local/bin:/usr/bin:/bin";
	for (; *p; p = *end ? end + 1 : end) {
		end = strchr(p, ':');
		if (!end)
			end = p + strlen(p);
		n = (size_t)(end - p);
		if (!n || snprintf(path, size, "%.*s/%s", (int)n, p, PDF_CHROMIUM) >= (int)size)
			continue;
		if (access(path, X_OK) == 0)
			return 0;
	}
	return ERR_NOT_FOUND;
}

int pdf_available(void)
{
	char path[PDF_PATH_MAX];

	return find_chromium(path, sizeof(path)) == 0;
}

static int remove_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)ftw;
	if (flag == FTW_DP)
		rmdir(path);
	else
		unlink(path);
	return 0;
}

/* Remove dir and everything in it, without following links. */
static void remove_tree(const char *dir)
{
	nftw(dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

static int write_file(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	ssize_t w;

	if (fd < 0)
		return -1;
	while (len) {
		w = write(fd, data, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			close(fd);
			return -1;
		}
		data += w;
		len -= (size_t)w;
	}
	return close(fd);
}

/* The printed PDF appended to out; 0, ERR_IO (missing, not a PDF) or ERR_TOO_LARGE. */
static int read_pdf(const char *path, struct buf *out)
{
	char chunk[65536];
	size_t start = out->len, total = 0;
	ssize_t r;
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc = 0;

	if (fd < 0)
		return ERR_IO;
	while (!rc && (r = read(fd, chunk, sizeof(chunk))) != 0) {
		if (r < 0) {
			rc = errno == EINTR ? 0 : ERR_IO;
			continue;
		}
		total += (size_t)r;
		rc = total > PDF_MAX_BYTES ? ERR_TOO_LARGE : buf_add(out, chunk, (size_t)r);
	}
	close(fd);
	if (!rc && (total < 5 || memcmp(out->data + start, "%PDF-", 5)))
		rc = ERR_IO;
	return rc;
}

/* Wait for pid at most PDF_TIMEOUT_SECONDS; its exit status, or -1 after killing its group. */
static int wait_or_kill(pid_t pid)
{
	const struct timespec poll = {0, PDF_POLL_NS};
	struct timespec start, now;
	int status;
	pid_t w;

	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		w = waitpid(pid, &status, WNOHANG);
		if (w == pid || (w < 0 && errno != EINTR))
			break;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec - start.tv_sec >= PDF_TIMEOUT_SECONDS) {
			kill(-pid, SIGKILL);
			waitpid(pid, &status, 0);
			return -1;
		}
		nanosleep(&poll, NULL);
	}
	/* helpers Chromium left behind must not write into the directory being removed */
	kill(-pid, SIGKILL);
	if (w != pid)
		return 127;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* Run chromium on dir/report.html to print dir/report.pdf; its exit status or -1. */
static int run_chromium(const char *chromium, const char *dir, pid_t *pid_out)
{
	char profile[PDF_PATH_MAX + 32], print[PDF_PATH_MAX + 32], url[PDF_PATH_MAX + 32];
	char *argv[24];
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	size_t n = 0;
	pid_t pid;
	int rc;

	snprintf(profile, sizeof(profile), "--user-data-dir=%s/profile", dir);
	snprintf(print, sizeof(print), "--print-to-pdf=%s/report.pdf", dir);
	snprintf(url, sizeof(url), "file://%s/report.html", dir);
	argv[n++] = (char *)chromium;
	argv[n++] = "--headless";
	argv[n++] = "--disable-gpu";
	argv[n++] = "--no-first-run";
	argv[n++] = "--no-default-browser-check";
	argv[n++] = "--disable-background-networking";
	argv[n++] = "--disable-component-update";
	argv[n++] = "--disable-extensions";
	argv[n++] = "--disable-breakpad"; /* no crash reports written outside the directory */
	argv[n++] = "--disable-sync";
	argv[n++] = "--disable-quic";
	argv[n++] = "--no-pdf-header-footer";
	if (geteuid() == 0)
		argv[n++] = "--no-sandbox";
	argv[n++] = profile;
	argv[n++] = print;
	argv[n++] = url;
	argv[n] = NULL;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	posix_spawnattr_init(&attr);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
	posix_spawnattr_setpgroup(&attr, 0);
	rc = posix_spawn(&pid, chromium, &fa, &attr, argv, environ);
	posix_spawnattr_destroy(&attr);
	posix_spawn_file_actions_destroy(&fa);
	if (rc)
		return ERR_IO;
	*pid_out = pid;
	return 0;
}

int report_pdf(const char *html, size_t len, struct buf *out, struct err *e)
{
	char chromium[PDF_PATH_MAX], dir[PDF_PATH_MAX], path[PDF_PATH_MAX + 32];
	const char *tmp = getenv("TMPDIR");
	size_t start = out->len;
	int error = out->error, rc, status;
	pid_t pid;

	if (find_chromium(chromium, sizeof(chromium)))
		return err_fail(e, ERR_INVALID, "format", MSG_E_PDF_NO_CHROMIUM);
	if (!tmp || *tmp != '/' || strlen(tmp) > 1024)
		tmp = "/tmp";
	snprintf(dir, sizeof(dir), "%s/cdcf-pdf-XXXXXX", tmp);
	if (!mkdtemp(dir))
		return err_fail(e, ERR_IO, NULL, MSG_E_PDF_TEMP, dir);
	snprintf(path, sizeof(path), "%s/report.html", dir);
	if (write_file(path, html, len)) {
		rc = err_fail(e, ERR_IO, NULL, MSG_E_PDF_TEMP, path);
		goto out;
	}
	if (run_chromium(chromium, dir, &pid)) {
		rc = err_fail(e, ERR_IO, NULL, MSG_E_PDF_SPAWN, chromium);
		goto out;
	}
	status = wait_or_kill(pid);
	if (status < 0) {
		rc = err_fail(e, ERR_IO, NULL, MSG_E_PDF_TIMEOUT, PDF_TIMEOUT_SECONDS);
		goto out;
	}
	snprintf(path, sizeof(path), "%s/report.pdf", dir);
	rc = read_pdf(path, out);
	if (rc == ERR_TOO_LARGE)
		rc = err_fail(e, rc, NULL, MSG_E_PDF_TOO_LARGE,
			      out->max < PDF_MAX_BYTES ? out->max : PDF_MAX_BYTES);
	else if (rc == ERR_NOMEM)
		rc = err_fail(e, rc, NULL, MSG_E_REPORT_NOMEM, "pdf");
	else if (rc)
		rc = err_fail(e, ERR_IO, NULL, MSG_E_PDF_FAILED, status);
out:
	if (rc) {
		out->len = start;
		out->error = error;
		if (out->data)
			out->data[start] = '\0';
	}
	remove_tree(dir);
	return rc;
}
