/*
 * http_encode.h - what a dynamic answer gets on its way out: an ETag and a 304
 * to a matching If-None-Match, and a compressed body (brotli or gzip, as the
 * client's Accept-Encoding prefers) with Vary: Accept-Encoding.
 *
 * Validators: a successful GET or HEAD whose answer sets no cookie gets a
 * strong ETag, the BLAKE2b-128 of the body as rendered (before compression;
 * "-br"/"-gz" appended for a compressed body, as the bytes differ), and
 * Cache-Control "private, no-cache": the browser keeps the page and asks again
 * each time, and an unchanged page comes back as a bodyless 304. Shared caches
 * keep nothing. Answers that set a cookie keep the server's no-store.
 *
 * Compression: text types (HTML, JSON, CSV, SVG, CSS, JavaScript, plain) of at
 * least HTTP_ENCODE_MIN bytes; brotli when the library was built in and the
 * client accepts it, else gzip; q=0 refuses a coding. Static files are left as
 * they are (they are small and cached for a year).
 */
#ifndef CDCF_WEB_HTTP_ENCODE_H
#define CDCF_WEB_HTTP_ENCODE_H

#include <stddef.h>

#include "web/http/http.h"

#define HTTP_ENCODE_MIN 512 /* smaller bodies are sent as they are */

enum http_coding { HTTP_CODING_IDENTITY, HTTP_CODING_GZIP, HTTP_CODING_BR };

/* The coding to use for an Accept-Encoding header (NULL: none accepted). */
enum http_coding http_accept_coding(const char *accept_encoding);

/* Compress in[0..n) with coding into a new malloc'd buffer (*out, *out_n); 0 or -1. */
int http_compress(enum http_coding coding, const void *in, size_t n, void **out, size_t *out_n);

/* Does If-None-Match (a list, or "*") match etag? */
int http_etag_matches(const char *if_none_match, const char *etag);

/*
 * Apply validators and compression to the answer of req in resp: may turn it
 * into a 304 with an empty body, may replace its body with the compressed one,
 * adds ETag, Vary, Content-Encoding and Cache-Control as above.
 */
void http_encode_answer(struct http_req *req, struct http_resp *resp);

#endif
