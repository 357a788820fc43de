/*
 * strmap.h - a small open-addressing map from strings to non-negative ints.
 *
 * The map borrows its keys: each key must outlive the map and stay unchanged.
 * Its size is fixed at init (at least twice the number of entries it will
 * hold); it never grows, so the caller states the count up front.
 */
#ifndef CDCF_STRMAP_H
#define CDCF_STRMAP_H

#include <stddef.h>

struct strmap {
	const char **keys;
	int *vals;
	size_t cap; /* power of two, at least twice the entries */
};

/* Make room for n entries. A zeroed struct strmap may be released without init. */
void strmap_init(struct strmap *m, size_t n);

/* Free the tables (not the keys); accepts a zeroed map. */
void strmap_release(struct strmap *m);

/* The value stored for key, or -1 when there is none. */
int strmap_get(const struct strmap *m, const char *key);

/*
 * Store key -> val unless key is present: then the map is unchanged and the
 * existing value is returned. Returns -1 when val was stored. At most the n
 * entries given to strmap_init may be stored.
 */
int strmap_put(struct strmap *m, const char *key, int val);

#endif
