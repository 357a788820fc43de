/*
 * http_multipart.c - multipart/form-data bodies (RFC 7578) as the upload
 * forms send them: text parts become form fields (the limits of
 * http_form_parse), and at most one part carrying a filename becomes
 * req->upload, its bytes pointing into the buffered body. Anything else
 * (a second file, a part without a name, a header block past
 * HTTP_MULTIPART_MAX_HEADERS, a missing closing delimiter) is refused.
 */
#include <string.h>
#include <strings.h>

#include "util/err.h"
#include "util/utf8.h"
#include "web/http/http.h"

#define HTTP_MULTIPART_MAX_HEADERS 2048 /* bytes of one part's header block */
#define HTTP_MULTIPART_MAX_BOUNDARY 70	/* RFC 2046 */

static const char *find(const char *h, size_t hlen, const char *n, size_t nlen)
{
	size_t i;

	if (nlen > hlen)
		return NULL;
	for (i = 0; i + nlen <= hlen; i++)
		if (h[i] == n[0] && !memcmp(h + i, n, nlen))
			return h + i;
	return NULL;
}

/* The value of param (name="..." or filename=...) in a Content-Disposition
 * header hdr[0..len) into out; 1 when present, 0 when absent, -1 when too long. */
static int disposition_param(const char *hdr, size_t len, const char *param, char *out, size_t size)
{
	size_t plen = strlen(param), i, k = 0;

	for (i = 0; i + plen + 1 <= len; i++) {
		if ((hdr[i] != ';' && hdr[i] != ' ') || strncasecmp(hdr + i + 1, param, plen) ||
		    hdr[i + 1 + plen] != '=')
			continue;
		i += plen + 2;
		if (i < len && hdr[i] == '"') {
			for (i++; i < len && hdr[i] != '"'; i++) {
				if (k + 1 >= size)
					return -1;
				out[k++] = hdr[i];
			}
		} else {
			for (; i < len && hdr[i] != ';' && hdr[i] != ' '; i++) {
				if (k + 1 >= size)
					return -1;
				out[k++] = hdr[i];
			}
		}
		out[k] = '\0';
		return 1;
	}
	return 0;
}

int http_multipart_boundary(const char *content_type, char *out, size_t size)
{
	static const char mp[] = "multipart/form-data";
	const char *p;
	size_t n;

	if (!content_type || strncasecmp(content_type, mp, sizeof(mp) - 1))
		return -1;
	for (p = content_type; *p; p++)
		if (!strncasecmp(p, "boundary=", 9))
			break;
	if (!*p)
		return -1;
	p += 9;
	if (*p == '"') {
		p++;
		n = strcspn(p, "\"");
	} else
		n = strcspn(p, "; \t");
	if (!n || n > HTTP_MULTIPART_MAX_BOUNDARY || n + 1 > size)
		return -1;
	memcpy(out, p, n);
	out[n] = '\0';
	return 0;
}

int http_multipart_parse(const char *data, size_t len, const char *boundary,
			 struct http_params *form, struct http_upload *up)
{
	char delim[HTTP_MULTIPART_MAX_BOUNDARY + 5];
	size_t dlen = strlen(boundary) + 2;
	const char *p, *end = data + len;

	if (dlen > HTTP_MULTIPART_MAX_BOUNDARY + 2)
		return ERR_INVALID;
	delim[0] = '\r';
	delim[1] = '\n';
	delim[2] = delim[3] = '-';
	memcpy(delim + 4, boundary, dlen - 2);
	/* the first delimiter has no CRLF before it (a preamble is not expected) */
	if (len < dlen || memcmp(data, delim + 2, dlen))
		return ERR_INVALID;
	p = data + dlen;
	for (;;) {
		const char *hdr, *hend, *body, *bend, *cd = NULL;
		char name[HTTP_FORM_MAX_NAME + 1], filename[sizeof(up->filename)];
		size_t cdlen = 0;
		int has_name, has_file;

		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return 0; /* the closing delimiter */
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return ERR_INVALID;
		hdr = p + 2;
		hend = find(hdr, (size_t)(end - hdr), "\r\n\r\n", 4);
		if (!hend || hend - hdr > HTTP_MULTIPART_MAX_HEADERS)
			return hend ? ERR_TOO_LARGE : ERR_INVALID;
		/* each header line; only Content-Disposition matters */
		for (p = hdr; p < hend;) {
			const char *eol = find(p, (size_t)(hend - p), "\r\n", 2);
			if (!eol)
				eol = hend;
			if ((size_t)(eol - p) > 20 && !strncasecmp(p, "Content-Disposition:", 20)) {
				cd = p + 20;
				cdlen = (size_t)(eol - cd);
			}
			p = eol + 2;
		}
		body = hend + 4;
		bend = find(body, (size_t)(end - body), delim, dlen + 2);
		if (!bend || !cd)
			return ERR_INVALID;
		p = bend + dlen + 2;
		has_name = disposition_param(cd, cdlen, "name", name, sizeof(name));
		has_file = disposition_param(cd, cdlen, "filename", filename, sizeof(filename));
		if (has_name < 0 || has_file < 0)
			return ERR_TOO_LARGE;
		if (!has_name || !*name || !utf8_valid(name, strlen(name)))
			return ERR_INVALID;
		if (has_file) {
			if (!*filename && bend == body)
				continue; /* a file input left empty */
			if (up->present)
				return ERR_INVALID; /* one file per request */
			if (!utf8_valid(filename, strlen(filename)))
				return ERR_INVALID;
			if (strlen(name) + 1 > sizeof(up->field))
				return ERR_TOO_LARGE;
			up->present = 1;
			memcpy(up->field, name, strlen(name) + 1);
			memcpy(up->filename, filename, strlen(filename) + 1);
			up->data = body;
			up->len = (size_t)(bend - body);
			continue;
		}
		if (form->n >= HTTP_FORM_MAX_FIELDS || (size_t)(bend - body) > HTTP_FORM_MAX_VALUE)
			return ERR_TOO_LARGE;
		if (memchr(body, '\0', (size_t)(bend - body)) ||
		    !utf8_valid(body, (size_t)(bend - body)))
			return ERR_INVALID;
		http_params_add(form, name, strlen(name), body, (size_t)(bend - body));
	}
}
