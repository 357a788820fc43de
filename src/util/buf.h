/*
 * buf.h - a growable byte buffer with a ceiling (after curl's dynbuf).
 *
 * Invariants: after buf_init, data is never NULL and is always NUL-terminated;
 * len never exceeds max. An append that would cross max fails with
 * ERR_TOO_LARGE and leaves the buffer as it was.
 *
 * The error is sticky (as in SQLite's sqlite3_str): after one append fails,
 * every later one fails with the same code and writes nothing, so a writer
 * can emit a whole page and check buf_status() once at the end.
 */
#ifndef CDCF_BUF_H
#define CDCF_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *data;
	size_t len;
	size_t cap;
	size_t max;
	int error; /* the first failed append's code, 0 while none failed */
};

/* Ceilings used across cdcf; each has a test that crosses it. */
#define BUF_MAX_DEFAULT ((size_t)64 << 20) /* rendered reports, exports */

void buf_init(struct buf *b, size_t max);
void buf_release(struct buf *b);
/* The first error of an append since buf_init / buf_reset, or 0. */
int buf_status(const struct buf *b);
/* Record code as the buffer's error unless one is recorded already, and
 * return code. For writers built on a buf (html.c) whose own contract errors
 * must stick like a failed append, so that buf_status() at the end sees them. */
int buf_fail(struct buf *b, int code);
/* Empty the buffer and forget its error, keep the memory. */
void buf_reset(struct buf *b);
int buf_add(struct buf *b, const void *data, size_t n);
int buf_addstr(struct buf *b, const char *s);
int buf_addch(struct buf *b, char c);
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap);
/* Hand the string to the caller (who frees it); the buffer is re-initialised. */
char *buf_detach(struct buf *b, size_t *len);

#endif
