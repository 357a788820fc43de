/*
 * store_framework.h - frameworks imported into a database (a CISO Assistant
 * library or an OSCAL catalog, kept as the text that was read), so that
 * portfolios can use them like the shipped ones (io/catalog_registry.c loads
 * them when a database is opened).
 */
#ifndef CDCF_STORE_FRAMEWORK_H
#define CDCF_STORE_FRAMEWORK_H

#include <stddef.h>

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

#endif
