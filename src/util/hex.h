/*
 * hex.h - hexadecimal digits: the one reader and writer of the hex that
 * tokens, hashes and percent-escapes are written in.
 */
#ifndef CDCF_HEX_H
#define CDCF_HEX_H

#include <stddef.h>

/* The value of the hex digit c (either case), or -1. */
int hex_value(int c);

/* Lowercase hex of bin[0..n) into hex (size >= 2n+1), NUL-terminated. */
void hex_encode(const unsigned char *bin, size_t n, char *hex);

/* Parse exactly 2n hex digits (either case) into bin[0..n); 0, or ERR_INVALID
 * for any other length or a character that is not a hex digit. */
int hex_decode(const char *hex, unsigned char *bin, size_t n);

#endif
