/*
 * err.h - one error convention for all of cdcf.
 *
 * Functions return int: 0 on success, a negative ERR_* code on failure.
 * Where an error can reach a user, the function also fills a struct err with
 * a message in git's style: lowercase, no final period, what failed first,
 * the subject quoted ("score for 'A-3' must be 1-5 or n/a, got '7'").
 * err_set() returns the code so the call site reads `return err_set(...)`.
 */
#ifndef CDCF_ERR_H
#define CDCF_ERR_H

#include <stddef.h>

enum err_code {
	ERR_OK = 0,
	ERR_NOMEM = -1,	    /* allocation failed */
	ERR_TOO_LARGE = -2, /* an input crossed a named ceiling */
	ERR_INVALID = -3,   /* bad user input: value, syntax, reference */
	ERR_NOT_FOUND = -4, /* unknown organization, framework, service, ... */
	ERR_CONFLICT = -5,  /* exists already, or optimistic-lock mismatch */
	ERR_IO = -6,	    /* file or socket error */
	ERR_DB = -7,	    /* database error not caused by the input */
	ERR_INTERNAL = -8,  /* a bug */
	ERR_DENIED = -9,    /* not allowed for this user */
	ERR_BUSY = -10,	    /* the database stayed locked by another writer: try again */
};

#define ERR_MSG_MAX 512

struct err {
	int code;
	char msg[ERR_MSG_MAX];
};

#define ERR_INIT                                                                                   \
	{                                                                                          \
		0,                                                                                 \
		{                                                                                  \
			0                                                                          \
		}                                                                                  \
	}

/* Record code and a printf-style message in e (which may be NULL); return code. */
int err_set(struct err *e, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Prefix the message already in e with "prefix: "; return e->code. */
int err_prefix(struct err *e, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Reset e to no error. */
void err_clear(struct err *e);

/* Is code a user error (exit 1) rather than an internal one (exit 2)? */
int err_is_user(int code);

#endif
