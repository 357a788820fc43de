/*
 * http_cache.h - the answer cache: the final bytes of successful GET answers
 * (after http_encode.h: compressed, with their ETag), kept in memory under a
 * key the application computes, so that asking again for an unchanged page
 * sends the kept bytes instead of building the page anew.
 *
 * The key is the application's business (http_server_options.cache_key): it
 * must cover everything the answer depends on — the data's generation, the
 * signed-in principal, the path and query, the language, the content coding,
 * the day. The cache only keeps 200 answers that set no cookie, each at most
 * HTTP_CACHE_ENTRY_MAX bytes, all of them at most the size given to
 * http_cache_new; the entry used least recently makes room. Thread-safe.
 */
#ifndef CDCF_WEB_HTTP_CACHE_H
#define CDCF_WEB_HTTP_CACHE_H

#include <stddef.h>

#include "web/http/http.h"

#define HTTP_CACHE_KEY 32		       /* bytes of a key (a BLAKE2b-256) */
#define HTTP_CACHE_ENTRY_MAX ((size_t)2 << 20) /* a larger answer is not kept */

struct http_cache;

/* A cache of at most max_bytes of bodies (0: NULL, no cache). */
struct http_cache *http_cache_new(size_t max_bytes);
void http_cache_free(struct http_cache *c);

/* Fill resp (empty) with the answer kept under key: 1 when found, 0 when not. */
int http_cache_get(struct http_cache *c, const unsigned char key[HTTP_CACHE_KEY],
		   struct http_resp *resp);

/* Keep resp's answer under key when it may be kept (a 200 with a body of its own, no
 * Set-Cookie, not too large); replaces what was kept under key. */
void http_cache_put(struct http_cache *c, const unsigned char key[HTTP_CACHE_KEY],
		    const struct http_resp *resp);

/* What the cache holds and did: entries, bytes, hits, misses (for tests and logs). */
struct http_cache_stats {
	size_t entries, bytes;
	unsigned long long hits, misses, evictions;
};
void http_cache_stats(struct http_cache *c, struct http_cache_stats *out);

#endif
