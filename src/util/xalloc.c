#include "util/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long fail_countdown = -1;

static void check(void *p, size_t n)
{
	if (fail_countdown >= 0 && fail_countdown-- == 0)
		p = NULL;
	if (!p && n) {
		fputs("cdcf: fatal: out of memory\n", stderr);
		abort();
	}
}

void xalloc_fail_after(long n)
{
	fail_countdown = n;
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	check(p, n ? n : 1);
	return p;
}

void *xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	check(p, 1);
	return p;
}

void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	check(q, 1);
	return q;
}

char *xstrdup(const char *s)
{
	return s ? xstrndup(s, strlen(s)) : NULL;
}

char *xstrndup(const char *s, size_t n)
{
	char *d;
	size_t len = 0;

	if (!s)
		return NULL;
	while (len < n && s[len])
		len++;
	d = xmalloc(len + 1);
	memcpy(d, s, len);
	d[len] = '\0';
	return d;
}

void xfree_ptr(void **pp)
{
	if (!pp)
		return;
	free(*pp);
	*pp = NULL;
}

void *xgrow(void *a, size_t *cap, size_t need, size_t sz)
{
	size_t c = *cap;

	if (need <= c)
		return a;
	if (c < 8)
		c = 8;
	while (c < need)
		c *= 2;
	a = xrealloc(a, c * sz);
	*cap = c;
	return a;
}
