#include "util/err.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

int err_set(struct err *e, int code, const char *fmt, ...)
{
	va_list ap;

	if (!e)
		return code;
	e->code = code;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return code;
}

int err_prefix(struct err *e, const char *fmt, ...)
{
	char out[ERR_MSG_MAX];
	size_t n, m;
	va_list ap;

	if (!e)
		return ERR_INTERNAL;
	va_start(ap, fmt);
	vsnprintf(out, sizeof(out), fmt, ap);
	va_end(ap);
	n = strlen(out);
	if (n + 2 < sizeof(out)) {
		memcpy(out + n, ": ", 2);
		n += 2;
		m = strlen(e->msg);
		if (m > sizeof(out) - 1 - n)
			m = sizeof(out) - 1 - n;
		memcpy(out + n, e->msg, m);
		n += m;
	}
	out[n] = '\0';
	memcpy(e->msg, out, n + 1);
	return e->code;
}

void err_clear(struct err *e)
{
	if (!e)
		return;
	e->code = 0;
	e->msg[0] = '\0';
}

int err_is_user(int code)
{
	return code == ERR_INVALID || code == ERR_NOT_FOUND || code == ERR_CONFLICT ||
	       code == ERR_TOO_LARGE || code == ERR_DENIED || code == ERR_IO;
}
