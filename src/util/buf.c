#include "util/buf.h"

#include <stdio.h>
#include <string.h>

#include "util/err.h"
#include "util/xalloc.h"

void buf_init(struct buf *b, size_t max)
{
	b->cap = 64;
	b->data = xmalloc(b->cap);
	b->data[0] = '\0';
	b->len = 0;
	b->max = max ? max : BUF_MAX_DEFAULT;
	b->error = 0;
}

void buf_release(struct buf *b)
{
	if (!b)
		return;
	XFREE(&b->data);
	b->len = b->cap = 0;
}

void buf_reset(struct buf *b)
{
	b->len = 0;
	b->data[0] = '\0';
	b->error = 0;
}

int buf_status(const struct buf *b)
{
	return b->error;
}

int buf_fail(struct buf *b, int code)
{
	if (!b->error)
		b->error = code;
	return code;
}

static int ensure(struct buf *b, size_t extra)
{
	size_t need;

	if (b->error)
		return b->error;
	if (extra > b->max || b->len > b->max - extra)
		return b->error = ERR_TOO_LARGE;
	need = b->len + extra + 1;
	if (need > b->cap) {
		size_t c = b->cap;
		while (c < need)
			c *= 2;
		b->data = xrealloc(b->data, c);
		b->cap = c;
	}
	return 0;
}

int buf_add(struct buf *b, const void *data, size_t n)
{
	int rc = ensure(b, n);
	if (rc)
		return rc;
	memcpy(b->data + b->len, data, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

int buf_addstr(struct buf *b, const char *s)
{
	return buf_add(b, s, strlen(s));
}

int buf_addch(struct buf *b, char c)
{
	return buf_add(b, &c, 1);
}

int buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list cp;
	int n, rc;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return b->error ? b->error : (b->error = ERR_INTERNAL);
	rc = ensure(b, (size_t)n);
	if (rc)
		return rc;
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
	return 0;
}

int buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = buf_vprintf(b, fmt, ap);
	va_end(ap);
	return rc;
}

char *buf_detach(struct buf *b, size_t *len)
{
	char *d = b->data;
	size_t max = b->max;

	if (len)
		*len = b->len;
	buf_init(b, max);
	return d;
}
