#include "util/err.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "util/utf8.h"

/* One conversion of a printf format: where it starts and ends, its argument's index. */
struct conv {
	const char *start, *end; /* from '%' to the conversion letter, inclusive */
	int index;		 /* 1-based; from "%N$" or the running count */
	char letter;		 /* s d i u x g f c; 0 for "%%" */
	int longs;		 /* 1 l, 2 ll, 3 z */
};

/* Read the conversion at p ('%'); *seq counts the unnumbered ones. */
static const char *conv_read(const char *p, struct conv *c, int *seq)
{
	const char *q = p + 1;
	int n = 0;

	c->start = p;
	c->longs = 0;
	c->index = 0;
	if (*q == '%') {
		c->letter = 0;
		c->end = q;
		return q + 1;
	}
	while (*q >= '0' && *q <= '9')
		n = n * 10 + (*q++ - '0');
	if (*q == '$' && n > 0) {
		c->index = n;
		q++;
	} else {
		q = p + 1;
	}
	while (*q && strchr("-+ #0", *q))
		q++;
	while (*q >= '0' && *q <= '9')
		q++;
	if (*q == '.') {
		q++;
		while (*q >= '0' && *q <= '9')
			q++;
	}
	if (*q == 'l') {
		c->longs = 1;
		if (*++q == 'l') {
			c->longs = 2;
			q++;
		}
	} else if (*q == 'z') {
		c->longs = 3;
		q++;
	}
	c->letter = *q ? *q : 's';
	c->end = *q ? q : q - 1;
	if (!c->index)
		c->index = ++*seq;
	return *q ? q + 1 : q;
}

/* Format one argument of conversion c (without its "N$") into out. The spec is one
 * conversion read from a message table of i18n/, never from input. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static void conv_format(const struct conv *c, va_list *ap, char *out, size_t size)
{
	char spec[32];
	const char *from = c->start + 1;
	size_t n;

	while (*from >= '0' && *from <= '9')
		from++;
	if (*from != '$')
		from = c->start + 1;
	else
		from++;
	n = (size_t)(c->end - from) + 1;
	if (n + 2 > sizeof(spec))
		n = sizeof(spec) - 2;
	spec[0] = '%';
	memcpy(spec + 1, from, n);
	spec[n + 1] = '\0';
	switch (c->letter) {
	case 's': {
		const char *s = va_arg(*ap, const char *);
		snprintf(out, size, spec, s ? s : "");
		break;
	}
	case 'g':
	case 'f':
		snprintf(out, size, spec, va_arg(*ap, double));
		break;
	case 'c':
		snprintf(out, size, spec, va_arg(*ap, int));
		break;
	default:
		if (c->longs == 3)
			snprintf(out, size, spec, va_arg(*ap, size_t));
		else if (c->longs == 2)
			snprintf(out, size, spec, va_arg(*ap, long long));
		else if (c->longs == 1)
			snprintf(out, size, spec, va_arg(*ap, long));
		else
			snprintf(out, size, spec, va_arg(*ap, int));
		break;
	}
	utf8_cut_whole(out, strlen(out));
}
#pragma GCC diagnostic pop

/* fmt (a message of the tables with at most one %s) with arg for its %s, into out. */
static void expand_phrase(const char *fmt, const char *arg, char *out, size_t size)
{
	size_t n = 0;
	int seq = 0;

	while (*fmt && n + 1 < size) {
		struct conv c;
		const char *s;
		size_t m;

		if (*fmt != '%') {
			out[n++] = *fmt++;
			continue;
		}
		fmt = conv_read(fmt, &c, &seq);
		s = !c.letter ? "%" : c.index == 1 && arg ? arg : "";
		m = strlen(s);
		if (m > size - 1 - n)
			m = size - 1 - n;
		memcpy(out + n, s, m);
		n += m;
	}
	out[n] = '\0';
	if (*fmt)
		utf8_cut_whole(out, n);
}

const char *err_message(const struct err *e, enum lang lang, char *buf, size_t size)
{
	char phrase[ERR_ARG_MAX * 2];
	const char *p;
	size_t n = 0;
	int seq = 0;

	if (!size)
		return buf;
	buf[0] = '\0';
	if (!e || !e->code)
		return buf;
	for (p = tr(lang, e->id); *p && n + 1 < size;) {
		struct conv c;
		const char *s;
		size_t m;

		if (*p != '%') {
			buf[n++] = *p++;
			continue;
		}
		p = conv_read(p, &c, &seq);
		if (!c.letter) {
			s = "%";
		} else if (c.index < 1 || c.index > e->nargs) {
			s = "";
		} else if (e->argmsg[c.index - 1]) {
			expand_phrase(tr(lang, (enum msg_id)(e->argmsg[c.index - 1] - 1)),
				      e->args[c.index - 1], phrase, sizeof(phrase));
			s = phrase;
		} else {
			s = e->args[c.index - 1];
		}
		m = strlen(s);
		if (m > size - 1 - n)
			m = size - 1 - n;
		memcpy(buf + n, s, m);
		n += m;
	}
	buf[n] = '\0';
	if (*p || n + 1 >= size)
		utf8_cut_whole(buf, n);
	return buf;
}

const char *err_text(const struct err *e, enum lang lang, char *buf, size_t size)
{
	size_t n;

	if (!size)
		return buf;
	buf[0] = '\0';
	if (!e || !e->code)
		return buf;
	n = 0;
	if (e->where[0]) {
		n = (size_t)snprintf(buf, size, "%s: ", e->where);
		if (n >= size) {
			utf8_cut_whole(buf, size - 1);
			return buf;
		}
	}
	err_message(e, lang, buf + n, size - n);
	return buf;
}

static void render_msg(struct err *e)
{
	err_text(e, LANG_EN, e->msg, sizeof(e->msg));
}

int err_vfail(struct err *e, int code, const char *field, enum msg_id id, va_list ap)
{
	const char *p;
	int seq = 0;
	va_list aq;

	if (!e)
		return code;
	e->code = code;
	e->id = id;
	e->nargs = 0;
	memset(e->argmsg, 0, sizeof(e->argmsg));
	e->where[0] = '\0';
	snprintf(e->field, sizeof(e->field), "%s", field ? field : "");
	va_copy(aq, ap);
	for (p = tr(LANG_EN, id); *p;) {
		struct conv c;

		if (*p != '%') {
			p++;
			continue;
		}
		p = conv_read(p, &c, &seq);
		if (!c.letter || c.index != e->nargs + 1 || e->nargs >= ERR_ARGS)
			continue;
		if (c.letter == 'M') { /* a phrase of the tables: its id, the text of its %s */
			int phrase = va_arg(aq, int);
			const char *arg = va_arg(aq, const char *);

			e->argmsg[e->nargs] = phrase + 1;
			snprintf(e->args[e->nargs], ERR_ARG_MAX, "%s", arg ? arg : "");
			utf8_cut_whole(e->args[e->nargs], strlen(e->args[e->nargs]));
		} else {
			conv_format(&c, &aq, e->args[e->nargs], ERR_ARG_MAX);
		}
		e->nargs++;
	}
	va_end(aq);
	render_msg(e);
	return code;
}

int err_sys_phrase(int errnum)
{
	switch (errnum) {
	case ENOENT:
		return MSG_W_SYS_NOENT;
	case EACCES:
	case EPERM:
		return MSG_W_SYS_ACCES;
	case EISDIR:
		return MSG_W_SYS_ISDIR;
	case ENOTDIR:
		return MSG_W_SYS_NOTDIR;
	case ENOSPC:
		return MSG_W_SYS_NOSPC;
	case EROFS:
		return MSG_W_SYS_ROFS;
	case EEXIST:
		return MSG_W_SYS_EXIST;
	case ENAMETOOLONG:
		return MSG_W_SYS_NAMETOOLONG;
	case EMFILE:
	case ENFILE:
		return MSG_W_SYS_MFILE;
	default:
		return MSG_W_SYS_OTHER;
	}
}

int err_fail(struct err *e, int code, const char *field, enum msg_id id, ...)
{
	va_list ap;

	va_start(ap, id);
	err_vfail(e, code, field, id, ap);
	va_end(ap);
	return code;
}

int err_prefix(struct err *e, const char *fmt, ...)
{
	char out[ERR_WHERE_MAX];
	va_list ap;
	int n;

	if (!e)
		return ERR_INTERNAL;
	va_start(ap, fmt);
	n = vsnprintf(out, sizeof(out), fmt, ap);
	va_end(ap);
	if (n >= 0 && e->where[0] && (size_t)n + 2 < sizeof(out)) {
		size_t at = (size_t)n, m = strlen(e->where);

		memcpy(out + at, ": ", 2);
		at += 2;
		if (m > sizeof(out) - 1 - at)
			m = sizeof(out) - 1 - at;
		memcpy(out + at, e->where, m);
		out[at + m] = '\0';
	}
	memcpy(e->where, out, sizeof(out));
	utf8_cut_whole(e->where, strlen(e->where));
	render_msg(e);
	return e->code;
}

int err_field(struct err *e, const char *field)
{
	if (!e)
		return ERR_INTERNAL;
	snprintf(e->field, sizeof(e->field), "%s", field ? field : "");
	return e->code;
}

int err_copy(struct err *dst, const struct err *src)
{
	if (dst && src && dst != src)
		memcpy(dst, src, sizeof(*dst));
	return src ? src->code : ERR_INTERNAL;
}

void err_clear(struct err *e)
{
	if (!e)
		return;
	memset(e, 0, sizeof(*e));
}

const char *err_code_name(int code)
{
	switch (code) {
	case ERR_OK:
		return "ok";
	case ERR_NOMEM:
		return "out_of_memory";
	case ERR_TOO_LARGE:
		return "too_large";
	case ERR_INVALID:
		return "invalid";
	case ERR_NOT_FOUND:
		return "not_found";
	case ERR_CONFLICT:
		return "conflict";
	case ERR_IO:
		return "io";
	case ERR_DB:
		return "database";
	case ERR_DENIED:
		return "forbidden";
	case ERR_BUSY:
		return "busy";
	case ERR_INTERRUPTED:
		return "interrupted";
	default:
		return "internal";
	}
}

int err_is_user(int code)
{
	return code == ERR_INVALID || code == ERR_NOT_FOUND || code == ERR_CONFLICT ||
	       code == ERR_TOO_LARGE || code == ERR_DENIED || code == ERR_IO;
}
