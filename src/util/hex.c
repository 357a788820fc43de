#include "util/hex.h"

#include <string.h>

#include "util/err.h"

int hex_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

void hex_encode(const unsigned char *bin, size_t n, char *hex)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		hex[2 * i] = digits[bin[i] >> 4];
		hex[2 * i + 1] = digits[bin[i] & 15];
	}
	hex[2 * n] = '\0';
}

int hex_decode(const char *hex, unsigned char *bin, size_t n)
{
	size_t i;

	if (strnlen(hex, 2 * n + 1) != 2 * n)
		return ERR_INVALID;
	for (i = 0; i < n; i++) {
		int hi = hex_value((unsigned char)hex[2 * i]);
		int lo = hex_value((unsigned char)hex[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return ERR_INVALID;
		bin[i] = (unsigned char)(hi * 16 + lo);
	}
	return 0;
}
