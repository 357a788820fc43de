/*
 * strmap.c - string -> int map with linear probing and FNV-1a hashing.
 * See strmap.h for the contract.
 */
#include "util/strmap.h"

#include <stdint.h>
#include <string.h>

#include "util/xalloc.h"

void strmap_init(struct strmap *m, size_t n)
{
	m->cap = 16;
	while (m->cap < 2 * n + 1)
		m->cap *= 2;
	m->keys = xcalloc(m->cap, sizeof(*m->keys));
	m->vals = xcalloc(m->cap, sizeof(*m->vals));
}

void strmap_release(struct strmap *m)
{
	XFREE(&m->keys);
	XFREE(&m->vals);
}

static size_t str_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return (size_t)h;
}

/* The slot holding key, or the empty slot where it would go. */
static size_t slot(const struct strmap *m, const char *key)
{
	size_t i = str_hash(key) & (m->cap - 1);

	while (m->keys[i] && strcmp(m->keys[i], key))
		i = (i + 1) & (m->cap - 1);
	return i;
}

int strmap_get(const struct strmap *m, const char *key)
{
	size_t i = slot(m, key);

	return m->keys[i] ? m->vals[i] : -1;
}

int strmap_put(struct strmap *m, const char *key, int val)
{
	size_t i = slot(m, key);

	if (m->keys[i])
		return m->vals[i];
	m->keys[i] = key;
	m->vals[i] = val;
	return -1;
}
