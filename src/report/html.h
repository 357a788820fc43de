/*
 * html.h - the escaping writer: the only way cdcf writes HTML (and inline SVG).
 *
 * Every byte of markup that comes from data goes through html_text() or one
 * of the helpers built on it; markup itself comes from string literals in the
 * code. The helpers append to a struct buf, so every page and report keeps
 * the buffer's ceiling; they return 0 or a negative ERR_* code (ERR_TOO_LARGE
 * when the ceiling is crossed, ERR_INTERNAL when the calling code breaks the
 * contract, e.g. an unsupported conversion or a tag name that is not a plain
 * word). On error the buffer may hold a partial write of the failing call;
 * callers that need all-or-nothing output truncate to the length they saved.
 *
 * Text escaping: & < > " ' become &amp; &lt; &gt; &quot; &#39;, so escaped text
 * is inert both in element content and inside quoted attribute values.
 * Invalid UTF-8, C0 controls other than TAB/LF/CR, DEL and C1 controls are
 * replaced with U+FFFD, so a page is always well-formed UTF-8.
 *
 * Not covered: text inside <script> or <style>, unquoted attributes, URLs in
 * attributes (use html_attr_url, which also refuses javascript: and data:).
 */
#ifndef CDCF_HTML_H
#define CDCF_HTML_H

#include <stdarg.h>
#include <stddef.h>

#include "util/buf.h"

/* Append s escaped; NULL appends nothing. */
int html_text(struct buf *b, const char *s);
/* Append the first n bytes of s escaped. */
int html_textn(struct buf *b, const char *s, size_t n);

/* Append trusted markup. Only for string literals and markup built by this
 * writer: never for data. */
int html_raw(struct buf *b, const char *markup);

/* Append ` name="value"` with value escaped. name must be a plain attribute
 * name ([A-Za-z0-9_:-]); a NULL value appends nothing. */
int html_attr(struct buf *b, const char *name, const char *value);

/* Is url safe to put in href/src? Relative URLs (no scheme) and the schemes
 * http, https and mailto are; everything else (javascript:, data:, vbscript:,
 * ...) is not. Control characters and whitespace inside a scheme are refused. */
int html_url_safe(const char *url);

/* Append ` name="url"` escaped when html_url_safe(url), else ` name="#"`. */
int html_attr_url(struct buf *b, const char *name, const char *url);

/* Append a start tag: html_open(b, "td", "class", "num", (char *)NULL).
 * The variadic part is name/value pairs ending with a NULL name; a pair whose
 * value is NULL is left out, so optional attributes need no branches. */
int html_open(struct buf *b, const char *tag, ...) __attribute__((sentinel));
/* Append an end tag. */
int html_close(struct buf *b, const char *tag);
/* Append <tag attrs...>text</tag> with text escaped; attrs as for html_open. */
int html_elem(struct buf *b, const char *tag, const char *text, ...) __attribute__((sentinel));

/* Formatted output for trusted format strings (string literals): the format's
 * own characters are written as they are, every %s argument is escaped (NULL
 * is written as nothing) and %c is escaped too. Supported conversions:
 * %s %c %d %i %u %x %X with the length modifiers l, ll and z, %f with an
 * optional precision (%.1f), flags and width for numbers, and %%. Anything
 * else fails with ERR_INTERNAL, so a format cannot smuggle raw data in. */
int html_fmt(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int html_vfmt(struct buf *b, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

#endif
