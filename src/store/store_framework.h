/*
 * store_framework.h - frameworks imported into a database (a CISO Assistant
 * library or an OSCAL catalog, kept as the text that was read), so that
 * portfolios can use them like the shipped ones (io/catalog_registry.c loads
 * them when a database is opened).
 */
#ifndef CDCF_STORE_FRAMEWORK_H
#define CDCF_STORE_FRAMEWORK_H

#include <stddef.h>

#include <jansson.h>

#include "i18n/i18n.h"
#include "store/store.h"

#define STORE_FRAMEWORK_MAX ((size_t)8 << 20) /* one imported library's text (bytes) */

struct stored_framework {
	char *id;
	char *format; /* "ciso-yaml" or "oscal-json" */
	char *source; /* the file name it was read from */
	char *body;   /* the library text */
	size_t body_len;
	char *imported_at;
};
void stored_framework_list_free(struct stored_framework *list, size_t n);

/*
 * Keep an imported framework: one transaction with its audit event
 * "framework.import". ERR_CONFLICT "framework 'x' is already imported" when
 * the id is taken in this database; ERR_TOO_LARGE above STORE_FRAMEWORK_MAX.
 * The caller has parsed and checked the body (io/catalog_import.c).
 */
int store_framework_add(struct store *st, const char *id, const char *format, const char *source,
			const char *body, size_t len, struct err *e);

/* Every imported framework, ordered by id (*list NULL and *n 0 when none). */
int store_framework_list(struct store *st, struct stored_framework **list, size_t *n,
			 struct err *e);

/*
 * A number that changes whenever a framework or a mapping set is imported into
 * st, by any process: a server compares it to decide whether to register new
 * imports (the tables only grow, so their row counts tell).
 */
int store_imported_stamp(struct store *st, long long *stamp, struct err *e);

/* ---- what imported frameworks and mapping sets share ---- */

struct store_library_row {
	const char *text;   /* the library text (NUL-terminated copy of body) */
	const char *sha256; /* of the text, hex */
	const char *now;    /* the import time */
};

struct store_library {
	const char *source; /* file name, in errors and the audit event */
	const char *body;
	size_t len, max;
	enum msg_id too_large; /* the refusal above max: (source, max) */
	/* check for a duplicate (ERR_CONFLICT) and insert the row, in the transaction */
	int (*put)(struct store *st, void *arg, const struct store_library_row *row, struct err *e);
	void *arg;
	const char *event, *subject; /* the audit event */
	json_t *after;		     /* its "after" (taken; source and sha256 are added) */
};

/*
 * Is body (len bytes, NUL-terminated after them or not) a library text that
 * may be kept: at most max bytes (else ERR_TOO_LARGE with too_large (source,
 * max)), UTF-8 without NUL bytes (else ERR_INVALID)? The importers check it
 * before parsing, so that a dry run refuses what storing would.
 */
int store_library_check(const char *source, const char *body, size_t len, size_t max,
			enum msg_id too_large, struct err *e);

/*
 * Keep one library text: refuse it as store_library_check does, then in one transaction lib->put
 * and the audit event. lib->after is consumed whatever the outcome.
 */
int store_library_add(struct store *st, struct store_library *lib, struct err *e);

#endif
