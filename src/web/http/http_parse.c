/*
 * http_parse.c - the pure parts of HTTP: name/value lists, percent-decoding,
 * forms, cookies, listen addresses, Accept-Language, entity tags, status
 * names. No server and no I/O here, so all of it is unit-tested directly.
 */
#include "web/http/http.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdio.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n/i18n.h"
#include "util/err.h"
#include "util/hex.h"
#include "util/utf8.h"
#include "util/xalloc.h"

void http_params_init(struct http_params *p)
{
	p->v = NULL;
	p->n = p->cap = 0;
}

void http_params_release(struct http_params *p)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; i < p->n; i++) {
		free(p->v[i].name);
		free(p->v[i].value);
	}
	XFREE(&p->v);
	p->n = p->cap = 0;
}

void http_params_add(struct http_params *p, const char *name, size_t nlen, const char *value,
		     size_t vlen)
{
	p->v = xgrow(p->v, &p->cap, p->n + 1, sizeof(*p->v));
	p->v[p->n].name = xstrndup(name, nlen);
	p->v[p->n].value = xstrndup(value, vlen);
	p->n++;
}

const char *http_params_get(const struct http_params *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (!strcmp(p->v[i].name, name))
			return p->v[i].value;
	return NULL;
}

const char *http_params_get_ci(const struct http_params *p, const char *name)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (!strcasecmp(p->v[i].name, name))
			return p->v[i].value;
	return NULL;
}

int http_percent_decode(const char *s, size_t len, int plus_is_space, size_t max, char **out)
{
	char *d;
	size_t i, j = 0;

	*out = NULL;
	d = xmalloc(len + 1);
	for (i = 0; i < len; i++) {
		int c = (unsigned char)s[i];
		if (c == '%') {
			int hi, lo;
			if (i + 2 >= len)
				goto invalid;
			hi = hex_value((unsigned char)s[i + 1]);
			lo = hex_value((unsigned char)s[i + 2]);
			if (hi < 0 || lo < 0)
				goto invalid;
			c = hi * 16 + lo;
			i += 2;
		} else if (c == '+' && plus_is_space) {
			c = ' ';
		}
		if (c == '\0')
			goto invalid;
		if (j >= max) {
			free(d);
			return ERR_TOO_LARGE;
		}
		d[j++] = (char)c;
	}
	d[j] = '\0';
	if (!utf8_valid(d, j))
		goto invalid;
	*out = d;
	return 0;
invalid:
	free(d);
	return ERR_INVALID;
}

int http_percent_encode(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	int rc = 0;

	for (; *s && !rc; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '.' || c == '_' || c == '~') {
			rc = buf_addch(b, (char)c);
		} else {
			char esc[3] = {'%', hex[c >> 4], hex[c & 15]};
			rc = buf_add(b, esc, 3);
		}
	}
	return rc;
}

int http_form_parse(const char *data, size_t len, struct http_params *out)
{
	size_t pos = 0, fields = 0;

	while (pos < len) {
		const char *pair = data + pos;
		const char *amp = memchr(pair, '&', len - pos);
		size_t plen = amp ? (size_t)(amp - pair) : len - pos;
		const char *eq = memchr(pair, '=', plen);
		size_t nlen = eq ? (size_t)(eq - pair) : plen;
		char *name = NULL, *value = NULL;
		int rc;

		pos += plen + (amp ? 1 : 0);
		if (plen == 0)
			continue;
		if (++fields > HTTP_FORM_MAX_FIELDS)
			return ERR_TOO_LARGE;
		rc = http_percent_decode(pair, nlen, 1, HTTP_FORM_MAX_NAME, &name);
		if (rc)
			return rc;
		if (eq)
			rc = http_percent_decode(eq + 1, plen - nlen - 1, 1, HTTP_FORM_MAX_VALUE,
						 &value);
		else
			value = xstrdup("");
		if (rc) {
			free(name);
			return rc;
		}
		http_params_add(out, name, strlen(name), value, strlen(value));
		free(name);
		free(value);
	}
	return 0;
}

static int cookie_octet(int c)
{
	/* RFC 6265 cookie-octet: visible ASCII except " , ; \ */
	return c >= 0x21 && c <= 0x7e && c != '"' && c != ',' && c != ';' && c != '\\';
}

static int token_char(int c)
{
	return c > 0x20 && c < 0x7f && !strchr("()<>@,;:\\\"/[]?={} \t", c);
}

void http_cookie_parse(const char *header, struct http_params *out)
{
	const char *p = header;
	size_t kept = 0;

	if (!p)
		return;
	while (*p && kept < HTTP_MAX_COOKIES) {
		const char *name, *value, *end;
		size_t nlen, vlen, i;
		int ok = 1;

		while (*p == ' ' || *p == '\t' || *p == ';')
			p++;
		if (!*p)
			break;
		name = p;
		end = strchr(p, ';');
		if (!end)
			end = p + strlen(p);
		p = *end ? end + 1 : end;
		value = memchr(name, '=', (size_t)(end - name));
		if (!value)
			continue;
		nlen = (size_t)(value - name);
		while (nlen && (name[nlen - 1] == ' ' || name[nlen - 1] == '\t'))
			nlen--;
		value++;
		while (value < end && (*value == ' ' || *value == '\t'))
			value++;
		vlen = (size_t)(end - value);
		while (vlen && (value[vlen - 1] == ' ' || value[vlen - 1] == '\t'))
			vlen--;
		if (vlen >= 2 && value[0] == '"' && value[vlen - 1] == '"') {
			value++;
			vlen -= 2;
		}
		if (nlen == 0)
			continue;
		for (i = 0; i < nlen && ok; i++)
			ok = token_char((unsigned char)name[i]);
		for (i = 0; i < vlen && ok; i++)
			ok = cookie_octet((unsigned char)value[i]);
		if (!ok)
			continue;
		http_params_add(out, name, nlen, value, vlen);
		kept++;
	}
}

int http_listen_parse(const char *s, char *host_out, size_t host_size, unsigned *port_out,
		      int *is_ipv6)
{
	char host[64];
	const char *port;
	size_t hlen;
	unsigned long v;
	char *end;
	int v6 = 0;
	unsigned char addr[16];

	if (!s || !*s)
		return ERR_INVALID;
	if (s[0] == '[') {
		const char *close = strchr(s, ']');
		if (!close || close[1] != ':')
			return ERR_INVALID;
		hlen = (size_t)(close - s - 1);
		if (hlen == 0 || hlen >= sizeof(host))
			return ERR_INVALID;
		memcpy(host, s + 1, hlen);
		host[hlen] = '\0';
		port = close + 2;
		v6 = 1;
	} else {
		const char *colon = strrchr(s, ':');
		if (!colon) {
			port = s; /* "8080" */
			hlen = 0;
		} else {
			if (strchr(s, ':') != colon)
				return ERR_INVALID; /* bare IPv6 needs brackets */
			hlen = (size_t)(colon - s);
			port = colon + 1;
		}
		if (hlen >= sizeof(host))
			return ERR_INVALID;
		memcpy(host, s, hlen);
		host[hlen] = '\0';
		if (hlen == 0 || !strcmp(host, "localhost"))
			snprintf(host, sizeof(host), "127.0.0.1");
	}
	if (!*port || *port == '-' || *port == '+' || *port == ' ')
		return ERR_INVALID;
	v = strtoul(port, &end, 10);
	if (*end || v > 65535)
		return ERR_INVALID;
	if (inet_pton(v6 ? AF_INET6 : AF_INET, host, addr) != 1)
		return ERR_INVALID;
	if (strlen(host) >= host_size)
		return ERR_INVALID;
	memcpy(host_out, host, strlen(host) + 1);
	*port_out = (unsigned)v;
	*is_ipv6 = v6;
	return 0;
}

/* q-value of one Accept-Language element's parameters, in thousandths. */
static int parse_q(const char *params, size_t len)
{
	const char *q = NULL;
	size_t i;
	int val = 0, digits = 0;

	for (i = 0; i + 1 < len; i++) {
		if ((params[i] == 'q' || params[i] == 'Q') && params[i + 1] == '=') {
			q = params + i + 2;
			break;
		}
	}
	if (!q)
		return 1000;
	len -= (size_t)(q - params);
	if (len == 0 || (q[0] != '0' && q[0] != '1'))
		return 0;
	val = (q[0] - '0') * 1000;
	if (len > 1 && q[1] == '.') {
		int scale = 100;
		for (i = 2; i < len && digits < 3 && q[i] >= '0' && q[i] <= '9'; i++, digits++) {
			val += (q[i] - '0') * scale;
			scale /= 10;
		}
	}
	return val > 1000 ? 1000 : val;
}

int http_accept_lang(const char *h)
{
	int best = LANG_EN, best_q = 0;

	if (!h)
		return LANG_EN;
	for (;;) {
		const char *end = strchr(h, ',');
		const char *stop = end ? end : h + strlen(h);
		const char *semi = NULL, *tend, *c;
		char tag[32];
		size_t tlen;

		while (h < stop && (*h == ' ' || *h == '\t'))
			h++;
		for (c = h; c < stop && !semi; c++)
			if (*c == ';')
				semi = c;
		tend = semi ? semi : stop;
		while (tend > h && (tend[-1] == ' ' || tend[-1] == '\t'))
			tend--;
		tlen = (size_t)(tend - h);
		if (tlen && tlen < sizeof(tag)) {
			int q = semi ? parse_q(semi + 1, (size_t)(stop - semi - 1)) : 1000;
			int lang;
			size_t i;

			for (i = 0; i < tlen; i++)
				tag[i] = (char)tolower((unsigned char)h[i]);
			tag[tlen] = '\0';
			lang = !strcmp(tag, "*") ? LANG_EN : lang_parse(tag);
			if (lang >= 0 && q > best_q) {
				best = lang;
				best_q = q;
			}
		}
		if (!end)
			break;
		h = end + 1;
	}
	return best;
}

/* Next entity tag from a list header: *p advanced, tag without W/ in [*s,*e). */
static bool next_etag(const char **p, const char **s, const char **e)
{
	const char *c = *p;

	while (*c == ' ' || *c == '\t' || *c == ',')
		c++;
	if (!*c)
		return false;
	if (c[0] == 'W' && c[1] == '/')
		c += 2;
	*s = c;
	if (*c == '"') {
		const char *close = strchr(c + 1, '"');
		c = close ? close + 1 : c + strlen(c);
	} else {
		while (*c && *c != ',' && *c != ' ' && *c != '\t')
			c++;
	}
	*e = c;
	*p = c;
	return true;
}

bool http_etag_match(const char *header, const char *etag)
{
	const char *p = header, *s, *e;
	size_t elen;

	if (!header || !etag)
		return false;
	if (etag[0] == 'W' && etag[1] == '/')
		etag += 2;
	elen = strlen(etag);
	while (next_etag(&p, &s, &e)) {
		size_t len = (size_t)(e - s);
		if (len == 1 && *s == '*')
			return true;
		if (len == elen && !memcmp(s, etag, len))
			return true;
	}
	return false;
}

int http_if_match(const char *header, const char *etag)
{
	const char *p = header, *s, *e, *c;
	size_t elen = strlen(etag);
	int match = 0;

	if (!header)
		return HTTP_IF_MATCH_UNUSABLE;
	for (c = header; *c == ' ' || *c == '\t'; c++)
		;
	if (!*c)
		return HTTP_IF_MATCH_UNUSABLE;
	while (next_etag(&p, &s, &e)) {
		size_t len = (size_t)(e - s);
		/* weak validators and "*" cannot prove which version the client saw */
		if (s - 2 >= header && s[-2] == 'W' && s[-1] == '/')
			return HTTP_IF_MATCH_UNUSABLE;
		if (len == 1 && *s == '*')
			return HTTP_IF_MATCH_UNUSABLE;
		if (len < 2 || s[0] != '"' || s[len - 1] != '"')
			return HTTP_IF_MATCH_UNUSABLE;
		if (len == elen && !memcmp(s, etag, len))
			match = 1;
	}
	return match ? HTTP_IF_MATCH_YES : HTTP_IF_MATCH_NO;
}

static const struct {
	int status;
	const char *code;
	const char *reason;
} statuses[] = {
    {200, "ok", "OK"},
    {201, "created", "Created"},
    {204, "no_content", "No Content"},
    {301, "moved_permanently", "Moved Permanently"},
    {302, "found", "Found"},
    {303, "see_other", "See Other"},
    {304, "not_modified", "Not Modified"},
    {307, "temporary_redirect", "Temporary Redirect"},
    {308, "permanent_redirect", "Permanent Redirect"},
    {400, "bad_request", "Bad Request"},
    {401, "unauthorized", "Unauthorized"},
    {403, "forbidden", "Forbidden"},
    {404, "not_found", "Not Found"},
    {405, "method_not_allowed", "Method Not Allowed"},
    {406, "not_acceptable", "Not Acceptable"},
    {409, "conflict", "Conflict"},
    {410, "gone", "Gone"},
    {412, "precondition_failed", "Precondition Failed"},
    {413, "payload_too_large", "Content Too Large"},
    {414, "uri_too_long", "URI Too Long"},
    {415, "unsupported_media_type", "Unsupported Media Type"},
    {422, "unprocessable", "Unprocessable Content"},
    {428, "precondition_required", "Precondition Required"},
    {429, "too_many_requests", "Too Many Requests"},
    {500, "internal_error", "Internal Server Error"},
    {501, "not_implemented", "Not Implemented"},
    {503, "unavailable", "Service Unavailable"},
};

const char *http_status_code(int status)
{
	size_t i;

	for (i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++)
		if (statuses[i].status == status)
			return statuses[i].code;
	return "error";
}

const char *http_status_reason(int status)
{
	size_t i;

	for (i = 0; i < sizeof(statuses) / sizeof(statuses[0]); i++)
		if (statuses[i].status == status)
			return statuses[i].reason;
	return "Unknown";
}
