/*
 * store_mapping.h - mapping sets imported into a database (a CISO Assistant
 * mapping library, kept as the text that was read), so that cdcf mapping
 * list and cdcf coverage use them like the shipped ones (io/mapping_lib.c
 * loads them when a database is opened).
 */
#ifndef CDCF_STORE_MAPPING_H
#define CDCF_STORE_MAPPING_H

#include <stddef.h>

#include "store/store.h"

#define STORE_MAPPING_MAX ((size_t)8 << 20) /* one imported library's text (bytes) */

struct stored_mapping {
	char *urn;		     /* the library urn */
	char *source_fw, *target_fw; /* framework ids */
	char *source;		     /* the file name it was read from */
	char *body;		     /* the library text */
	size_t body_len;
	char *imported_at;
};
void stored_mapping_list_free(struct stored_mapping *list, size_t n);

/*
 * Keep an imported mapping set: one transaction with its audit event
 * "mapping.import". ERR_CONFLICT (field "urn") when a set with the same
 * library urn, source and target framework is already imported: a set is
 * never replaced silently. ERR_TOO_LARGE above STORE_MAPPING_MAX. The caller
 * has parsed and checked the body (io/mapping_lib.c).
 */
int store_mapping_add(struct store *st, const char *urn, const char *source_fw,
		      const char *target_fw, const char *source, const char *body, size_t len,
		      struct err *e);

/* Every imported mapping set, in import order (*list NULL and *n 0 when none). */
int store_mapping_list(struct store *st, struct stored_mapping **list, size_t *n, struct err *e);

#endif
