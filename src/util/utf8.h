/*
 * utf8.h - reading UTF-8: the one decoder behind the page writer, the store's
 * text checks, the HTTP parser, the password policy and the API's messages.
 *
 * Well-formed means as RFC 3629 says (and jansson accepts): no overlong
 * forms, no surrogates, nothing past U+10FFFF, no truncated sequence.
 */
#ifndef CDCF_UTF8_H
#define CDCF_UTF8_H

#include <stddef.h>

/* Decode the UTF-8 character at s (n bytes available): return its length in
 * bytes and set *cp, or return 0 when n is 0 or the bytes there are not
 * well-formed UTF-8. */
size_t utf8_decode(const char *s, size_t n, unsigned long *cp);

/* Is s[0..n) well-formed UTF-8 throughout? */
int utf8_valid(const char *s, size_t n);

/* s, of length n, is a text cut by bytes to fit a buffer: cut it back to
 * whole characters (a NUL where an incomplete last character starts), so a
 * cut never leaves half a character for a terminal or a JSON string. */
void utf8_cut_whole(char *s, size_t n);

#endif
