/*
 * text_width.h - how many terminal columns a UTF-8 string takes.
 *
 * Used to pad text tables and to cut chart labels. East Asian wide and
 * fullwidth characters (CJK ideographs, kana, hangul, fullwidth forms, most
 * emoji) take 2 columns, combining marks and zero-width characters 0, all
 * else 1. Ambiguous-width characters (e.g. the em dash) count as 1, as in
 * a terminal outside a CJK locale. An invalid byte counts as 1 column.
 */
#ifndef CDCF_TEXT_WIDTH_H
#define CDCF_TEXT_WIDTH_H

#include <stddef.h>

/* Columns of one code point: 0, 1 or 2. */
int codepoint_width(unsigned long cp);

/* Columns of the NUL-terminated string s (NULL is 0). */
size_t text_width(const char *s);

/* Byte length of the longest prefix of s that fits in max_cols columns and
 * does not split a character. */
size_t text_fit(const char *s, size_t max_cols);

#endif
