/*
 * answer_key.c - the key of the answer cache (web/http/http_cache.h) for cdcf's
 * pages and API reads: what an answer depends on, hashed (BLAKE2b-256).
 *
 * A signed-in GET or HEAD of a route whose path holds no secret is kept; its key covers
 * - the data's generation (store_generation: any commit seen since, by this process or
 *   another, or a write of the database by any tool, gives a new key);
 * - the minute (dates, "overdue", the time a report says it was made);
 * - the principal: user, session or API token, and the whole Cookie and Authorization
 *   headers (the session's CSRF token, the language cookie, anything a page reads);
 * - the method, path and query, the language chosen, the content coding the client
 *   accepts, and the headers a page may echo (Host, Accept, X-Forwarded-Proto/-Host).
 * The user's roles and settings live in the database: a change moves the generation.
 * Anonymous requests, the assets (cached by browsers for a year) and /healthz are not
 * kept; neither are answers that set a cookie (http_cache_put).
 */
#include <sodium.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "store/store.h"
#include "web/http/assets.h"
#include "web/http/http_encode.h"
#include "web/routes.h"
#include "web/webctx.h"

static void add_text(crypto_generichash_state *h, const char *s)
{
	static const unsigned char sep = 0xff; /* never in UTF-8: the parts cannot run together */

	if (s)
		crypto_generichash_update(h, (const unsigned char *)s, strlen(s));
	crypto_generichash_update(h, &sep, 1);
}

static void add_int(crypto_generichash_state *h, long long v)
{
	crypto_generichash_update(h, (const unsigned char *)&v, sizeof(v));
}

int web_cache_key(struct http_req *req, unsigned char key[32])
{
	static const char *const headers[] = {"Cookie", "Authorization",     "Host",
					      "Accept", "X-Forwarded-Proto", "X-Forwarded-Host"};
	const struct web_user *u = web_user(req);
	crypto_generichash_state h;
	struct store *st;
	unsigned long long gen;
	size_t i;

	if (!u || !req->route || (req->route->flags & HTTP_ROUTE_SECRET_PATH) ||
	    req->route->handler == assets_handler || req->route->handler == api_healthz)
		return 0;
	st = web_store(req);
	if (!st || store_generation(st, &gen))
		return 0;
	crypto_generichash_init(&h, NULL, 0, 32);
	add_int(&h, (long long)gen);
	add_int(&h, (long long)(time(NULL) / 60));
	add_int(&h, u->id);
	add_int(&h, u->session_id);
	add_int(&h, u->via_token);
	add_int(&h, u->is_admin);
	add_int(&h, req->lang);
	add_int(&h, http_accept_coding(http_req_header(req, "Accept-Encoding")));
	add_text(&h, req->method);
	add_text(&h, req->path);
	add_text(&h, req->query_string);
	add_int(&h, req->is_tls);
	for (i = 0; i < sizeof(headers) / sizeof(headers[0]); i++)
		add_text(&h, http_req_header(req, headers[i]));
	crypto_generichash_final(&h, key, 32);
	return 1;
}
