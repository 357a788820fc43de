/*
 * embedded.h - files compiled into the binary (catalogues, mappings, web assets).
 * Tables end with an entry whose name is NULL. Data is NUL-terminated.
 */
#ifndef CDCF_EMBEDDED_H
#define CDCF_EMBEDDED_H

#include <stddef.h>

struct embedded_file {
	const char *name;
	const unsigned char *data;
	size_t size;
};

extern const struct embedded_file embedded_catalogs[];
extern const struct embedded_file embedded_web[];
extern const struct embedded_file embedded_mappings[]; /* catalogs/mappings/ */

/* The entry called name in table, or NULL. */
const struct embedded_file *embedded_find(const struct embedded_file *table, const char *name);

#endif
