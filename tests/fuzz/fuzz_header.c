/*
 * fuzz_header.c - the other request header values the server parses itself,
 * picked by the first byte: Accept-Language (http_accept_lang), entity-tag
 * lists of If-Match / If-None-Match (http_etag_match, and http_if_match, the
 * strong comparison that guards updates, against an entry's tag),
 * and listen addresses (http_listen_parse, from `serve --listen`).
 *
 * Properties: the language is one cdcf speaks; a parsed listen address is
 * NUL-terminated within its buffer, with a port 0-65535.
 */
#include <string.h>

#include "fuzz.h"
#include "i18n/i18n.h"
#include "util/xalloc.h"
#include "web/http/http.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *value, host[64];
	unsigned port;
	int v6, lang, m;

	if (!size)
		return 0;
	value = xstrndup((const char *)data + 1, size - 1); /* headers are C strings */
	switch (data[0] % 3) {
	case 0:
		lang = http_accept_lang(value);
		fuzz_check(lang == LANG_EN || lang == LANG_JA, "language %d", lang);
		break;
	case 1:
		/* http_etag_match: memory safety only (its rules are the unit tests') */
		http_etag_match(value, "\"v12\"");
		http_etag_match(value, "W/\"v12\"");
		http_etag_match("\"v12\"", value);
		http_etag_match("*", value);
		m = http_if_match(value, "\"v12\"");
		fuzz_check(m == HTTP_IF_MATCH_YES || m == HTTP_IF_MATCH_NO ||
			       m == HTTP_IF_MATCH_UNUSABLE,
			   "If-Match '%s': %d", value, m);
		/* an update goes ahead only on a strong tag the header names */
		fuzz_check(m != HTTP_IF_MATCH_YES || strstr(value, "\"v12\""),
			   "If-Match '%s' matched \"v12\"", value);
		break;
	default:
		memset(host, 'x', sizeof(host));
		if (!http_listen_parse(value, host, sizeof(host), &port, &v6)) {
			fuzz_check(memchr(host, '\0', sizeof(host)) && port <= 65535,
				   "listen '%s' gave port %u", value, port);
		}
		break;
	}
	free(value);
	return 0;
}
