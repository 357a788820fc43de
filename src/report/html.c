#include "report/html.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "report/text_width.h"
#include "util/err.h"
#include "util/utf8.h"

/* U+FFFD REPLACEMENT CHARACTER, written for bytes that must not reach a page. */
static const char replacement[] = "\xEF\xBF\xBD";

/* Would this code point be a parse error or an invisible control in a page? */
static int is_forbidden_control(unsigned long c)
{
	if (c == '\t' || c == '\n' || c == '\r')
		return 0;
	return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F);
}

int html_textn(struct buf *b, const char *s, size_t n)
{
	size_t i = 0, run = 0, len;
	unsigned long c;
	const char *rep;
	int rc;

	if (!s)
		return 0;
	/* Copy runs of harmless bytes in one go; stop at anything to replace. */
	while (i < n) {
		unsigned char ch = (unsigned char)s[i];
		/* fast path: printable ASCII that needs no escaping */
		if (ch >= 0x20 && ch < 0x7f && ch != '&' && ch != '<' && ch != '>' && ch != '"' &&
		    ch != '\'') {
			i++;
			continue;
		}
		rep = NULL;
		len = utf8_decode(s + i, n - i, &c);
		if (!len) {
			rep = replacement;
			len = 1;
		} else if (is_forbidden_control(c)) {
			rep = replacement;
		} else {
			switch (c) {
			case '&':
				rep = "&amp;";
				break;
			case '<':
				rep = "&lt;";
				break;
			case '>':
				rep = "&gt;";
				break;
			case '"':
				rep = "&quot;";
				break;
			case '\'':
				rep = "&#39;";
				break;
			default:
				break;
			}
		}
		if (!rep) {
			i += len;
			continue;
		}
		if (i > run) {
			rc = buf_add(b, s + run, i - run);
			if (rc)
				return rc;
		}
		rc = buf_addstr(b, rep);
		if (rc)
			return rc;
		i += len;
		run = i;
	}
	if (i > run)
		return buf_add(b, s + run, i - run);
	return 0;
}

int html_text(struct buf *b, const char *s)
{
	if (!s)
		return 0;
	return html_textn(b, s, strlen(s));
}

int html_raw(struct buf *b, const char *markup)
{
	return buf_addstr(b, markup);
}

static int is_name_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_' || c == ':';
}

/* Tag and attribute names come from the code, never from data; a name that
 * is not a plain word is a bug in the caller, recorded in b like a failed
 * append. */
static int check_name(struct buf *b, const char *name)
{
	const char *c;

	if (!name || !*name)
		return buf_fail(b, ERR_INTERNAL);
	for (c = name; *c; c++)
		if (!is_name_char(*c))
			return buf_fail(b, ERR_INTERNAL);
	return 0;
}

int html_attr(struct buf *b, const char *name, const char *value)
{
	int rc;

	if (!value)
		return 0;
	rc = check_name(b, name);
	if (rc)
		return rc;
	rc = buf_addch(b, ' ');
	if (!rc)
		rc = buf_addstr(b, name);
	if (!rc)
		rc = buf_addstr(b, "=\"");
	if (!rc)
		rc = html_text(b, value);
	if (!rc)
		rc = buf_addch(b, '"');
	return rc;
}

int html_url_safe(const char *url)
{
	static const char *const allowed[] = {"http", "https", "mailto"};
	const char *c;
	size_t n, i;

	if (!url)
		return 0;
	for (c = url; *c; c++)
		if ((unsigned char)*c < 0x20 || *c == 0x7F)
			return 0;
	/* A scheme is the part before the first ':' when no '/', '?' or '#'
	 * comes earlier; without one the URL is relative. */
	n = strcspn(url, ":/?#");
	if (url[n] != ':')
		return 1;
	for (i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++)
		if (strlen(allowed[i]) == n && !strncasecmp(url, allowed[i], n))
			return 1;
	return 0;
}

int html_attr_url(struct buf *b, const char *name, const char *url)
{
	if (!url)
		return 0;
	return html_attr(b, name, html_url_safe(url) ? url : "#");
}

static int open_tag(struct buf *b, const char *tag, va_list ap)
{
	const char *name, *value;
	int rc;

	rc = check_name(b, tag);
	if (rc)
		return rc;
	rc = buf_addch(b, '<');
	if (!rc)
		rc = buf_addstr(b, tag);
	while (!rc && (name = va_arg(ap, const char *)) != NULL) {
		value = va_arg(ap, const char *);
		rc = html_attr(b, name, value);
	}
	if (!rc)
		rc = buf_addch(b, '>');
	return rc;
}

int html_open(struct buf *b, const char *tag, ...)
{
	va_list ap;
	int rc;

	va_start(ap, tag);
	rc = open_tag(b, tag, ap);
	va_end(ap);
	return rc;
}

int html_close(struct buf *b, const char *tag)
{
	int rc = check_name(b, tag);

	if (!rc)
		rc = buf_addstr(b, "</");
	if (!rc)
		rc = buf_addstr(b, tag);
	if (!rc)
		rc = buf_addch(b, '>');
	return rc;
}

int html_elem(struct buf *b, const char *tag, const char *text, ...)
{
	va_list ap;
	int rc;

	va_start(ap, text);
	rc = open_tag(b, tag, ap);
	va_end(ap);
	if (!rc)
		rc = html_text(b, text);
	if (!rc)
		rc = html_close(b, tag);
	return rc;
}

/* A conversion spec as parsed from a trusted format. */
struct conv {
	char spec[32]; /* "%-5lld": rebuilt for snprintf */
	int length;    /* 0, 'l', 'L' (ll), 'z' */
	char type;
	int has_width_or_precision;
};

/* Parse the conversion at fmt (just past '%'); return its length or 0. */
static size_t parse_conv(const char *fmt, struct conv *cv)
{
	const char *p = fmt;
	size_t n;

	memset(cv, 0, sizeof(*cv));
	while (*p && strchr("-+ 0#", *p))
		p++;
	while (*p >= '0' && *p <= '9') {
		p++;
		cv->has_width_or_precision = 1;
	}
	if (*p == '.') {
		p++;
		cv->has_width_or_precision = 1;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	if (p[0] == 'l' && p[1] == 'l') {
		cv->length = 'L';
		p += 2;
	} else if (*p == 'l' || *p == 'z') {
		cv->length = *p;
		p++;
	}
	if (!*p || !strchr("sdiuxXfc%", *p))
		return 0;
	cv->type = *p++;
	n = (size_t)(p - fmt);
	if (n + 2 > sizeof(cv->spec))
		return 0;
	cv->spec[0] = '%';
	memcpy(cv->spec + 1, fmt, n);
	cv->spec[n + 1] = '\0';
	return n;
}

/* The spec was rebuilt from a checked literal format, and the argument type
 * matches it (the compiler checked the caller's format against its
 * arguments), so a non-literal format is safe here. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static int number(struct buf *b, const struct conv *cv, va_list *ap)
{
	char tmp[128];
	int n;

	switch (cv->type) {
	case 'f':
		if (cv->length)
			return ERR_INTERNAL;
		n = snprintf(tmp, sizeof(tmp), cv->spec, va_arg(*ap, double));
		break;
	case 'd':
	case 'i':
		if (cv->length == 'l')
			n = snprintf(tmp, sizeof(tmp), cv->spec, va_arg(*ap, long));
		else if (cv->length == 'L')
			n = snprintf(tmp, sizeof(tmp), cv->spec, va_arg(*ap, long long));
		else if (cv->length == 'z')
			n = snprintf(tmp, sizeof(tmp), cv->spec, va_arg(*ap, ptrdiff_t));
		else
			n = snprintf(tmp, sizeof(tmp), cv->spec, va_arg(*ap, int));
		break;
	default: /* u x X */
		if (cv->length == 'l')
			n = snprintf(tmp, sizeof(tmp), cv->spec, va_arg(*ap, unsigned long));
		else if (cv->length == 'L')
			n = snprintf(tmp, sizeof(tmp), cv->spec, va_arg(*ap, unsigned long long));
		else if (cv->length == 'z')
			n = snprintf(tmp, sizeof(tmp), cv->spec, va_arg(*ap, size_t));
		else
			n = snprintf(tmp, sizeof(tmp), cv->spec, va_arg(*ap, unsigned int));
		break;
	}
	if (n < 0 || (size_t)n >= sizeof(tmp))
		return ERR_INTERNAL;
	return buf_add(b, tmp, (size_t)n);
}
#pragma GCC diagnostic pop

int html_vfmt(struct buf *b, const char *fmt, va_list ap)
{
	const char *p = fmt, *pct;
	struct conv cv;
	va_list cp;
	size_t n;
	char ch;
	int rc = 0;

	va_copy(cp, ap);
	while (!rc && *p) {
		pct = strchr(p, '%');
		if (!pct) {
			rc = buf_addstr(b, p);
			break;
		}
		if (pct > p) {
			rc = buf_add(b, p, (size_t)(pct - p));
			if (rc)
				break;
		}
		n = parse_conv(pct + 1, &cv);
		if (!n) {
			rc = ERR_INTERNAL;
			break;
		}
		p = pct + 1 + n;
		switch (cv.type) {
		case '%':
			rc = buf_addch(b, '%');
			break;
		case 's':
			if (cv.has_width_or_precision || cv.length)
				rc = ERR_INTERNAL;
			else
				rc = html_text(b, va_arg(cp, const char *));
			break;
		case 'c':
			if (cv.has_width_or_precision || cv.length) {
				rc = ERR_INTERNAL;
			} else {
				ch = (char)va_arg(cp, int);
				rc = html_textn(b, &ch, 1);
			}
			break;
		default:
			rc = number(b, &cv, &cp);
			break;
		}
	}
	va_end(cp);
	/* A failed append is in b already; a refused conversion is recorded
	 * here, so that buf_status() sees it too. */
	return rc ? buf_fail(b, rc) : 0;
}

int html_fmt(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	int rc;

	va_start(ap, fmt);
	rc = html_vfmt(b, fmt, ap);
	va_end(ap);
	return rc;
}
