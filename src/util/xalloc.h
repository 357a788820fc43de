/*
 * xalloc.h - the one allocation wrapper.
 *
 * Every allocation in cdcf goes through these functions. On exhaustion they
 * abort the process (as git's xmalloc does): cdcf never runs half-allocated.
 * Tests can make allocation fail with xalloc_fail_after() to check that
 * no partial state is written before the failure point.
 */
#ifndef CDCF_XALLOC_H
#define CDCF_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s); /* NULL stays NULL */
char *xstrndup(const char *s, size_t n);
/* Free *pp and set it to NULL; accepts NULL and *pp == NULL. */
#define XFREE(pp) xfree_ptr((void **)(pp))
void xfree_ptr(void **pp);

/* Test hook: the n-th allocation from now (0 = next) aborts; -1 disables. */
void xalloc_fail_after(long n);

/* Grow array a of *cap elements of size sz so it holds at least need. */
void *xgrow(void *a, size_t *cap, size_t need, size_t sz);

#endif
