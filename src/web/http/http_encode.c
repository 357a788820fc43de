/*
 * http_encode.c - ETag / 304 and Content-Encoding of dynamic answers (http_encode.h).
 */
#include <ctype.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <zlib.h>

#ifdef CDCF_HAVE_BROTLI
#include <brotli/encode.h>
#endif

#include "util/buf.h"
#include "web/http/http_encode.h"

#define GZIP_LEVEL 5	 /* zlib's speed/size middle: a 220 KB page in a few ms */
#define BROTLI_QUALITY 4 /* brotli's fast end, still smaller than gzip -9 */

/* The q-value of coding in an Accept-Encoding header: -1 when not named (nor "*"). */
static double coding_q(const char *h, const char *coding)
{
	double star = -1;
	size_t n = strlen(coding);

	while (h && *h) {
		const char *item, *end;
		size_t len;
		double q = 1;

		while (*h == ' ' || *h == '\t' || *h == ',')
			h++;
		item = h;
		while (*h && *h != ',' && *h != ';' && *h != ' ' && *h != '\t')
			h++;
		len = (size_t)(h - item);
		end = strchr(h, ',');
		if (!end)
			end = h + strlen(h);
		for (; h < end; h++) /* parameters: only q matters */
			if ((*h == 'q' || *h == 'Q') && h[1] == '=' &&
			    (h[-1] == ';' || h[-1] == ' ' || h[-1] == '\t'))
				q = strtod(h + 2, NULL);
		if (len == n && !strncasecmp(item, coding, n))
			return q;
		if (len == 1 && *item == '*')
			star = q;
	}
	return star;
}

enum http_coding http_accept_coding(const char *accept_encoding)
{
	double gz, br = -1;

	if (!accept_encoding)
		return HTTP_CODING_IDENTITY;
#ifdef CDCF_HAVE_BROTLI
	br = coding_q(accept_encoding, "br");
#endif
	gz = coding_q(accept_encoding, "gzip");
	if (gz < 0)
		gz = coding_q(accept_encoding, "x-gzip");
	if (br > 0 && br >= gz)
		return HTTP_CODING_BR;
	if (gz > 0)
		return HTTP_CODING_GZIP;
	return HTTP_CODING_IDENTITY;
}

static int gzip(const void *in, size_t n, void **out, size_t *out_n)
{
	z_stream z;
	uLong cap;
	int rc;

	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, GZIP_LEVEL, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return -1;
	cap = deflateBound(&z, (uLong)n);
	*out = malloc(cap);
	if (!*out) {
		deflateEnd(&z);
		return -1;
	}
	z.next_in = (Bytef *)in;
	z.avail_in = (uInt)n;
	z.next_out = *out;
	z.avail_out = (uInt)cap;
	rc = deflate(&z, Z_FINISH);
	*out_n = z.total_out;
	deflateEnd(&z);
	if (rc != Z_STREAM_END) {
		free(*out);
		*out = NULL;
		return -1;
	}
	return 0;
}

int http_compress(enum http_coding coding, const void *in, size_t n, void **out, size_t *out_n)
{
	*out = NULL;
	*out_n = 0;
	if (n > UINT32_MAX / 2)
		return -1;
	if (coding == HTTP_CODING_GZIP)
		return gzip(in, n, out, out_n);
#ifdef CDCF_HAVE_BROTLI
	if (coding == HTTP_CODING_BR) {
		size_t cap = BrotliEncoderMaxCompressedSize(n);

		if (!cap || !(*out = malloc(cap)))
			return -1;
		*out_n = cap;
		if (BrotliEncoderCompress(BROTLI_QUALITY, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT,
					  n, in, out_n, *out))
			return 0;
		free(*out);
		*out = NULL;
	}
#endif
	return -1;
}

int http_etag_matches(const char *h, const char *etag)
{
	size_t n = strlen(etag);

	while (h && *h) {
		const char *item;

		while (*h == ' ' || *h == '\t' || *h == ',')
			h++;
		if (*h == '*')
			return 1;
		if (!strncmp(h, "W/", 2)) /* weak comparison: the opaque tags must be equal */
			h += 2;
		item = h;
		while (*h && *h != ',')
			h++;
		while (h > item && (h[-1] == ' ' || h[-1] == '\t'))
			h--;
		if ((size_t)(h - item) == n && !memcmp(item, etag, n))
			return 1;
		while (*h && *h != ',')
			h++;
	}
	return 0;
}

static int compressible(const char *type)
{
	static const char *const types[] = {"text/", "application/json", "image/svg+xml",
					    "application/javascript", "application/problem+json"};
	size_t i;

	for (i = 0; type && i < sizeof(types) / sizeof(types[0]); i++)
		if (!strncasecmp(type, types[i], strlen(types[i])))
			return 1;
	return 0;
}

static const char *const suffix[] = {"", "-gz", "-br"};
static const char *const coding_name[] = {NULL, "gzip", "br"};

void http_encode_answer(struct http_req *req, struct http_resp *resp)
{
	int get = !strcmp(req->method, "GET") || !strcmp(req->method, "HEAD");
	const char *type = http_params_get_ci(&resp->headers, "Content-Type");
	enum http_coding coding = HTTP_CODING_IDENTITY;
	unsigned char h[16];
	char etag[64] = ""; /* '"', 32 hex digits, the coding's suffix, '"' */
	size_t i;

	if (!type)
		type = resp->content_type;
	if (resp->static_body || resp->encoded || buf_status(&resp->body))
		return;
	if (compressible(type)) {
		http_resp_header(resp, "Vary", "Accept-Encoding");
		if (resp->body.len >= HTTP_ENCODE_MIN)
			coding = http_accept_coding(http_req_header(req, "Accept-Encoding"));
	}
	if (get && resp->status == 200 && !http_params_get_ci(&resp->headers, "Set-Cookie") &&
	    !http_params_get_ci(&resp->headers, "ETag")) {
		char *o = etag;

		crypto_generichash(h, sizeof(h), (const unsigned char *)resp->body.data,
				   resp->body.len, NULL, 0);
		*o++ = '"';
		for (i = 0; i < sizeof(h); i++, o += 2)
			snprintf(o, 3, "%02x", h[i]);
		snprintf(o, sizeof(etag) - (size_t)(o - etag), "%s\"", suffix[coding]);
		http_resp_header(resp, "ETag", etag);
		http_resp_header(resp, "Cache-Control", "private, no-cache");
		if (http_etag_matches(http_req_header(req, "If-None-Match"), etag)) {
			resp->status = 304;
			buf_reset(&resp->body);
			return;
		}
	}
	if (coding != HTTP_CODING_IDENTITY) {
		void *z;
		size_t zn;

		if (http_compress(coding, resp->body.data, resp->body.len, &z, &zn)) {
			/* sent as it is, with the identity body's tag */
			if (http_params_get_ci(&resp->headers, "ETag")) {
				snprintf(etag + 33, sizeof(etag) - 33, "\"");
				http_resp_header(resp, "ETag", etag);
			}
			return;
		}
		buf_reset(&resp->body);
		if (buf_add(&resp->body, z, zn)) { /* cannot happen: smaller than the body was */
			free(z);
			return;
		}
		free(z);
		http_resp_header(resp, "Content-Encoding", coding_name[coding]);
	}
}
