/*
 * http_cache.c - the answer cache (http_cache.h): entries in an array, found
 * through an open-addressing index on the key's first bytes, the least recently
 * used one evicted when a new one needs room. One mutex: a look-up is a hash
 * probe and a copy of the body.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/xalloc.h"
#include "web/http/http_cache.h"

struct entry {
	unsigned char key[HTTP_CACHE_KEY];
	char *body;
	size_t len;
	char *content_type; /* a copy of the handler's, or NULL */
	struct http_params headers;
	unsigned long long used; /* tick of the last look-up or store */
};

struct http_cache {
	pthread_mutex_t lock;
	size_t max_bytes, bytes;
	struct entry *v;
	size_t n, cap;
	size_t *index; /* slot -> entry index + 1, 0 empty; a power of two >= 2 * cap */
	size_t index_cap;
	unsigned long long tick;
	struct http_cache_stats stats;
};

struct http_cache *http_cache_new(size_t max_bytes)
{
	struct http_cache *c;

	if (!max_bytes)
		return NULL;
	c = xcalloc(1, sizeof(*c));
	pthread_mutex_init(&c->lock, NULL);
	c->max_bytes = max_bytes;
	return c;
}

static void entry_release(struct entry *en)
{
	free(en->body);
	free(en->content_type);
	http_params_release(&en->headers);
}

void http_cache_free(struct http_cache *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->n; i++)
		entry_release(&c->v[i]);
	free(c->v);
	free(c->index);
	pthread_mutex_destroy(&c->lock);
	free(c);
}

static size_t key_slot(const unsigned char *key, size_t mask)
{
	uint64_t h;

	memcpy(&h, key, sizeof(h)); /* the key is a hash already */
	return (size_t)h & mask;
}

static void reindex(struct http_cache *c)
{
	size_t i, want = 16;

	while (want < 2 * (c->n + 1))
		want *= 2;
	if (want != c->index_cap) {
		free(c->index);
		c->index = xcalloc(want, sizeof(*c->index));
		c->index_cap = want;
	} else {
		memset(c->index, 0, want * sizeof(*c->index));
	}
	for (i = 0; i < c->n; i++) {
		size_t s = key_slot(c->v[i].key, c->index_cap - 1);
		while (c->index[s])
			s = (s + 1) & (c->index_cap - 1);
		c->index[s] = i + 1;
	}
}

static struct entry *find(struct http_cache *c, const unsigned char *key)
{
	size_t s;

	if (!c->index_cap)
		return NULL;
	for (s = key_slot(key, c->index_cap - 1); c->index[s]; s = (s + 1) & (c->index_cap - 1))
		if (!memcmp(c->v[c->index[s] - 1].key, key, HTTP_CACHE_KEY))
			return &c->v[c->index[s] - 1];
	return NULL;
}

/* Remove entry k (the last one takes its place); the index is rebuilt by the caller. */
static void drop(struct http_cache *c, size_t k)
{
	c->bytes -= c->v[k].len;
	entry_release(&c->v[k]);
	c->v[k] = c->v[--c->n];
}

int http_cache_get(struct http_cache *c, const unsigned char key[HTTP_CACHE_KEY],
		   struct http_resp *resp)
{
	struct entry *en;
	size_t i;
	int hit = 0;

	if (!c)
		return 0;
	pthread_mutex_lock(&c->lock);
	en = find(c, key);
	if (en && !buf_add(&resp->body, en->body, en->len)) {
		en->used = ++c->tick;
		resp->status = 200;
		/* a header, copied: the entry may be evicted before the answer is queued */
		if (en->content_type)
			http_resp_header(resp, "Content-Type", en->content_type);
		for (i = 0; i < en->headers.n; i++)
			http_resp_header(resp, en->headers.v[i].name, en->headers.v[i].value);
		hit = 1;
	}
	if (hit)
		c->stats.hits++;
	else
		c->stats.misses++;
	pthread_mutex_unlock(&c->lock);
	return hit;
}

void http_cache_put(struct http_cache *c, const unsigned char key[HTTP_CACHE_KEY],
		    const struct http_resp *resp)
{
	struct entry *en;
	size_t i;

	if (!c || resp->status != 200 || resp->static_body || buf_status(&resp->body) ||
	    resp->body.len > HTTP_CACHE_ENTRY_MAX || resp->body.len > c->max_bytes ||
	    http_params_get_ci(&resp->headers, "Set-Cookie"))
		return;
	pthread_mutex_lock(&c->lock);
	en = find(c, key);
	if (en)
		drop(c, (size_t)(en - c->v));
	while (c->n && c->bytes + resp->body.len > c->max_bytes) {
		size_t old = 0;
		for (i = 1; i < c->n; i++)
			if (c->v[i].used < c->v[old].used)
				old = i;
		drop(c, old);
		c->stats.evictions++;
	}
	c->v = xgrow(c->v, &c->cap, c->n + 1, sizeof(*c->v));
	en = &c->v[c->n++];
	memset(en, 0, sizeof(*en));
	memcpy(en->key, key, HTTP_CACHE_KEY);
	en->body = xmalloc(resp->body.len ? resp->body.len : 1);
	memcpy(en->body, resp->body.data, resp->body.len);
	en->len = resp->body.len;
	en->content_type = xstrdup(resp->content_type);
	http_params_init(&en->headers);
	for (i = 0; i < resp->headers.n; i++)
		http_params_add(&en->headers, resp->headers.v[i].name,
				strlen(resp->headers.v[i].name), resp->headers.v[i].value,
				strlen(resp->headers.v[i].value));
	en->used = ++c->tick;
	c->bytes += en->len;
	reindex(c);
	pthread_mutex_unlock(&c->lock);
}

void http_cache_stats(struct http_cache *c, struct http_cache_stats *out)
{
	memset(out, 0, sizeof(*out));
	if (!c)
		return;
	pthread_mutex_lock(&c->lock);
	*out = c->stats;
	out->entries = c->n;
	out->bytes = c->bytes;
	pthread_mutex_unlock(&c->lock);
}
