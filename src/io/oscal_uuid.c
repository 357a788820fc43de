/*
 * oscal_uuid.c - version 5 (SHA-1 name-based) UUIDs for OSCAL documents
 * (RFC 9562 section 5.5), so an export of the same data has the same ids.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "io/oscal.h"

/* cdcf's namespace for its OSCAL ids (a fixed random UUID). */
static const unsigned char cdcf_ns[16] = {0x3c, 0x1f, 0x6a, 0x52, 0x9e, 0x0d, 0x4b, 0x7a,
					  0x8c, 0x41, 0x2d, 0x95, 0xe7, 0x60, 0xb3, 0x18};

struct sha1 {
	uint32_t h[5];
	unsigned char block[64];
	size_t fill;
	uint64_t bytes;
};

static uint32_t rol(uint32_t x, int n)
{
	return (x << n) | (x >> (32 - n));
}

static void sha1_block(struct sha1 *c)
{
	uint32_t w[80], a, b, d, e, f, k, t, cc;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)c->block[4 * i] << 24 | (uint32_t)c->block[4 * i + 1] << 16 |
		       (uint32_t)c->block[4 * i + 2] << 8 | c->block[4 * i + 3];
	for (i = 16; i < 80; i++)
		w[i] = rol(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
	a = c->h[0], b = c->h[1], cc = c->h[2], d = c->h[3], e = c->h[4];
	for (i = 0; i < 80; i++) {
		if (i < 20)
			f = (b & cc) | (~b & d), k = 0x5a827999;
		else if (i < 40)
			f = b ^ cc ^ d, k = 0x6ed9eba1;
		else if (i < 60)
			f = (b & cc) | (b & d) | (cc & d), k = 0x8f1bbcdc;
		else
			f = b ^ cc ^ d, k = 0xca62c1d6;
		t = rol(a, 5) + f + e + k + w[i];
		e = d, d = cc, cc = rol(b, 30), b = a, a = t;
	}
	c->h[0] += a, c->h[1] += b, c->h[2] += cc, c->h[3] += d, c->h[4] += e;
}

static void sha1_add(struct sha1 *c, const void *data, size_t n)
{
	const unsigned char *p = data;

	c->bytes += n;
	while (n--) {
		c->block[c->fill++] = *p++;
		if (c->fill == 64) {
			sha1_block(c);
			c->fill = 0;
		}
	}
}

static void sha1_end(struct sha1 *c, unsigned char out[20])
{
	uint64_t bits = c->bytes * 8;
	unsigned char len[8];
	int i;

	for (i = 0; i < 8; i++)
		len[i] = (unsigned char)(bits >> (56 - 8 * i));
	sha1_add(c, "\x80", 1);
	while (c->fill != 56)
		sha1_add(c, "", 1);
	sha1_add(c, len, 8);
	for (i = 0; i < 20; i++)
		out[i] = (unsigned char)(c->h[i / 4] >> (24 - 8 * (i % 4)));
}

void oscal_uuid5(const char *name, char out[37])
{
	struct sha1 c = {{0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0}, {0}, 0, 0};
	unsigned char h[20];

	sha1_add(&c, cdcf_ns, sizeof(cdcf_ns));
	sha1_add(&c, name, strlen(name));
	sha1_end(&c, h);
	h[6] = (unsigned char)((h[6] & 0x0f) | 0x50);
	h[8] = (unsigned char)((h[8] & 0x3f) | 0x80);
	snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], h[8], h[9], h[10], h[11], h[12],
		 h[13], h[14], h[15]);
}
