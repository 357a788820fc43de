/*
 * err.h - one error convention for all of cdcf.
 *
 * Functions return int: 0 on success, a negative ERR_* code on failure.
 * Where an error can reach a user, the function also fills a struct err with
 * what a program needs (the code, the field) and what a person reads: a
 * message id of the i18n tables with its arguments, in git's style: lowercase,
 * no final period, what failed first, the subject quoted ("score for 'A-3'
 * must be 1-5 or n/a, got '7'"). The edge (CLI, page, API) renders it in the
 * user's language with err_text(). err_fail() returns the code so the call
 * site reads `return err_fail(...)`:
 *
 *   return err_fail(e, ERR_INVALID, "current", MSG_E_SCORE_RANGE_NA, ERR_WORD(MSG_W_CURRENT),
 *                   ref, r->min_score, r->max_score, text);
 */
#ifndef CDCF_ERR_H
#define CDCF_ERR_H

#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include "i18n/i18n.h"

enum err_code {
	ERR_OK = 0,
	ERR_NOMEM = -1,	       /* allocation failed */
	ERR_TOO_LARGE = -2,    /* an input crossed a named ceiling */
	ERR_INVALID = -3,      /* bad user input: value, syntax, reference */
	ERR_NOT_FOUND = -4,    /* unknown organization, framework, service, ... */
	ERR_CONFLICT = -5,     /* exists already, or optimistic-lock mismatch */
	ERR_IO = -6,	       /* file or socket error */
	ERR_DB = -7,	       /* database error not caused by the input */
	ERR_INTERNAL = -8,     /* a bug */
	ERR_DENIED = -9,       /* not allowed for this user */
	ERR_BUSY = -10,	       /* the database stayed locked by another writer: try again */
	ERR_INTERRUPTED = -11, /* stopped by SIGINT/SIGTERM (util/progress.h): nothing changed */
};

#define ERR_MSG_MAX 512
#define ERR_FIELD_MAX 192
#define ERR_WHERE_MAX 192
#define ERR_ARGS 6
#define ERR_ARG_MAX 192

/*
 * An error as data: what kind (code), what it is about (field: a name a program can act on,
 * such as "current" or "entries[3].insource.target"; where: the file, line or path it was
 * found at), and what to say (a message id of i18n/ with its arguments, already formatted
 * as text). err_text() renders it in either language; msg is the English rendering, kept for
 * logs and for the tests that read it. No code looks inside msg to learn anything.
 */
struct err {
	int code;
	enum msg_id id;
	int nargs;
	char args[ERR_ARGS][ERR_ARG_MAX];
	int argmsg[ERR_ARGS]; /* a %M argument: its message id + 1 (args[i] fills its %s); 0 */
	char field[ERR_FIELD_MAX];
	char where[ERR_WHERE_MAX];
	char msg[ERR_MSG_MAX];
};

#define ERR_INIT                                                                                   \
	{                                                                                          \
		0                                                                                  \
	}

/*
 * Record code, the field (NULL or "" when the error is about no one field), the message id
 * and its arguments in e (which may be NULL); return code. The arguments follow the English
 * format of id (%s, %d, %lld, %zu, %g, ...): err_fail reads them by those conversions, at
 * most ERR_ARGS of them, each cut to ERR_ARG_MAX bytes. No '*' width or precision.
 *
 * %M is a word or phrase of the tables rendered in the error's language ("in-house",
 * "note for 'A-1'"): it takes two arguments, its message id and the text of its one %s
 * (NULL when it has none). ERR_WORD(id) and ERR_PHRASE(id, s) spell the pair:
 *
 *   err_fail(e, ERR_INVALID, "note", MSG_E_TEXT_TOO_LONG, ERR_PHRASE(MSG_N_NOTE_FOR, ref),
 *            (size_t)STORE_TEXT_MAX);
 */
int err_fail(struct err *e, int code, const char *field, enum msg_id id, ...);

/* The %M pair of a system error (errno): the usual ones are phrases of the tables, in both
 * languages; any other is the C library's text ("cannot open 'x': %M", ERR_SYS(errno)). */
#define ERR_SYS(errnum) err_sys_phrase(errnum), strerror(errnum)
int err_sys_phrase(int errnum);

#define ERR_WORD(id) (int)(id), (const char *)NULL
#define ERR_PHRASE(id, s) (int)(id), (const char *)(s)

/* The same with the arguments as a va_list. */
int err_vfail(struct err *e, int code, const char *field, enum msg_id id, va_list ap);

/* Prefix where the error was found ("archive.json: entries[2]"): file names, line numbers
 * and paths, the same in every language; an earlier where follows after ": ". Returns
 * e->code (ERR_INTERNAL for a NULL e). */
int err_prefix(struct err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Set (or replace) the field e is about; return e->code (ERR_INTERNAL for a NULL e). */
int err_field(struct err *e, const char *field);

/* The message of e in lang, with its "where: " prefix, into buf (cut to size, "" for no
 * error or a NULL e); returns buf. */
const char *err_text(const struct err *e, enum lang lang, char *buf, size_t size);

/* Only the message of e in lang (no where prefix). */
const char *err_message(const struct err *e, enum lang lang, char *buf, size_t size);

/* Copy src into dst (both may be NULL); return src's code. */
int err_copy(struct err *dst, const struct err *src);

/* "invalid", "not_found", "conflict", ...: the code's name in the API. */
const char *err_code_name(int code);

/* Reset e to no error. */
void err_clear(struct err *e);

/* Is code a user error (exit 1) rather than an internal one (exit 2)? */
int err_is_user(int code);

#endif
