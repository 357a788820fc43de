/*
 * Unit tests for the answer cache (web/http/http_cache.c): an answer kept is given back
 * byte for byte with its headers under its key only; answers that must not be kept
 * (another status, a cookie set, too large) are not; the entry used least recently makes
 * room, and the bytes held never exceed the size given.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "util/buf.h"
#include "web/http/http.h"
#include "web/http/http_cache.h"

static void key_of(unsigned char key[HTTP_CACHE_KEY], int n)
{
	memset(key, 0, HTTP_CACHE_KEY);
	key[0] = (unsigned char)n; /* same first bytes for n and n + 256: probing is exercised */
	key[HTTP_CACHE_KEY - 1] = (unsigned char)(n >> 8);
}

static void answer(struct http_resp *r, int status, const char *body, size_t len)
{
	memset(r, 0, sizeof(*r));
	http_params_init(&r->headers);
	buf_init(&r->body, HTTP_MAX_RESPONSE);
	r->status = status;
	r->content_type = "text/html; charset=utf-8";
	buf_add(&r->body, body, len);
	http_resp_header(r, "ETag", "\"abc\"");
	http_resp_header(r, "Content-Encoding", "gzip");
}

static void release(struct http_resp *r)
{
	http_params_release(&r->headers);
	buf_release(&r->body);
}

static void empty(struct http_resp *r)
{
	memset(r, 0, sizeof(*r));
	http_params_init(&r->headers);
	buf_init(&r->body, HTTP_MAX_RESPONSE);
}

static void test_kept_and_given_back(void **state)
{
	struct http_cache *c = http_cache_new(1 << 20);
	struct http_resp a, got;
	struct http_cache_stats s;
	unsigned char k1[HTTP_CACHE_KEY], k2[HTTP_CACHE_KEY];
	static const char body[] = "<p>page\0with a NUL</p>";

	(void)state;
	key_of(k1, 1);
	key_of(k2, 257); /* the same index slot as k1 */
	answer(&a, 200, body, sizeof(body));
	http_cache_put(c, k1, &a);
	empty(&got);
	assert_int_equal(http_cache_get(c, k2, &got), 0); /* another key: nothing */
	assert_int_equal(http_cache_get(c, k1, &got), 1);
	assert_int_equal(got.status, 200);
	assert_int_equal(got.body.len, sizeof(body));
	assert_memory_equal(got.body.data, body, sizeof(body));
	assert_string_equal(http_params_get_ci(&got.headers, "ETag"), "\"abc\"");
	assert_string_equal(http_params_get_ci(&got.headers, "Content-Encoding"), "gzip");
	assert_string_equal(http_params_get_ci(&got.headers, "Content-Type"),
			    "text/html; charset=utf-8");
	release(&got);
	http_cache_stats(c, &s);
	assert_int_equal(s.entries, 1);
	assert_int_equal(s.bytes, sizeof(body));
	assert_int_equal(s.hits, 1);
	assert_int_equal(s.misses, 1);
	release(&a);
	http_cache_free(c);
}

static void test_not_kept(void **state)
{
	struct http_cache *c = http_cache_new(4 << 20);
	struct http_resp a, got;
	struct http_cache_stats s;
	unsigned char k[HTTP_CACHE_KEY];
	char *big = calloc(1, HTTP_CACHE_ENTRY_MAX + 1);

	(void)state;
	key_of(k, 7);
	answer(&a, 404, "gone", 4); /* not a 200 */
	http_cache_put(c, k, &a);
	release(&a);
	answer(&a, 200, "page", 4); /* sets a cookie */
	http_resp_header(&a, "Set-Cookie", "cdcf_session=x; HttpOnly");
	http_cache_put(c, k, &a);
	release(&a);
	answer(&a, 200, big, HTTP_CACHE_ENTRY_MAX + 1); /* too large */
	http_cache_put(c, k, &a);
	release(&a);
	http_cache_stats(c, &s);
	assert_int_equal(s.entries, 0);
	empty(&got);
	assert_int_equal(http_cache_get(c, k, &got), 0);
	assert_int_equal(got.status, 0);
	assert_int_equal(got.body.len, 0);
	release(&got);
	assert_null(http_cache_new(0)); /* size 0: no cache, and NULL is a cache of nothing */
	assert_int_equal(http_cache_get(NULL, k, &got), 0);
	free(big);
	http_cache_free(c);
}

static void test_least_recently_used_makes_room(void **state)
{
	struct http_cache *c = http_cache_new(3000);
	struct http_resp a, got;
	struct http_cache_stats s;
	unsigned char k[4][HTTP_CACHE_KEY];
	char body[1000];
	int i;

	(void)state;
	memset(body, 'x', sizeof(body));
	for (i = 0; i < 4; i++)
		key_of(k[i], i);
	for (i = 0; i < 3; i++) {
		answer(&a, 200, body, sizeof(body));
		http_cache_put(c, k[i], &a);
		release(&a);
	}
	empty(&got); /* k[0] used: k[1] is now the least recently used */
	assert_int_equal(http_cache_get(c, k[0], &got), 1);
	release(&got);
	answer(&a, 200, body, sizeof(body));
	http_cache_put(c, k[3], &a);
	release(&a);
	http_cache_stats(c, &s);
	assert_int_equal(s.entries, 3);
	assert_true(s.bytes <= 3000);
	assert_int_equal(s.evictions, 1);
	for (i = 0; i < 4; i++) {
		empty(&got);
		assert_int_equal(http_cache_get(c, k[i], &got), i != 1);
		release(&got);
	}
	/* the same key again replaces its entry */
	answer(&a, 200, "short", 5);
	http_cache_put(c, k[0], &a);
	release(&a);
	empty(&got);
	assert_int_equal(http_cache_get(c, k[0], &got), 1);
	assert_int_equal(got.body.len, 5);
	release(&got);
	http_cache_stats(c, &s);
	assert_int_equal(s.entries, 3);
	assert_int_equal(s.bytes, 2005);
	http_cache_free(c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_kept_and_given_back),
	    cmocka_unit_test(test_not_kept),
	    cmocka_unit_test(test_least_recently_used_makes_room),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
