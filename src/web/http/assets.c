/*
 * assets.c - content-hashed URLs and caching for the embedded web files.
 */
#include "web/http/assets.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "util/embedded.h"
#include "util/err.h"
#include "util/xalloc.h"
#include "web/http/http.h"

#define ASSET_URL_MAX 256

struct asset {
	const struct embedded_file *file;
	const char *type;
	char hashed[ASSET_URL_MAX];  /* "app.3f2a9c0d1b7e.css" */
	char url[ASSET_URL_MAX + 8]; /* "/static/app.3f2a9c0d1b7e.css" */
	char etag[2 * crypto_hash_sha256_BYTES + 3];
};

static struct asset *assets;
static size_t n_assets;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static const struct {
	const char *ext;
	const char *type;
} types[] = {
    {"css", "text/css; charset=utf-8"},
    {"js", "text/javascript; charset=utf-8"},
    {"svg", "image/svg+xml"},
    {"png", "image/png"},
    {"ico", "image/x-icon"},
    {"woff2", "font/woff2"},
    {"txt", "text/plain; charset=utf-8"},
    {"json", "application/json"},
    {"webmanifest", "application/manifest+json"},
};

const char *assets_content_type(const char *name)
{
	const char *dot = strrchr(name, '.');
	size_t i;

	if (!dot || dot == name)
		return NULL;
	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (!strcmp(dot + 1, types[i].ext))
			return types[i].type;
	return NULL;
}

static void build(void)
{
	const struct embedded_file *f;
	size_t n = 0;

	if (sodium_init() < 0)
		return; /* no assets rather than wrong hashes; sodium_init only fails without
			   entropy */
	for (f = embedded_web; f->name; f++)
		n++;
	assets = xcalloc(n ? n : 1, sizeof(*assets));
	for (f = embedded_web; f->name; f++) {
		unsigned char h[crypto_hash_sha256_BYTES];
		char hex[2 * crypto_hash_sha256_BYTES + 1];
		struct asset *a = &assets[n_assets];
		const char *dot = strrchr(f->name, '.');
		int len;

		a->type = assets_content_type(f->name);
		if (!a->type || strlen(f->name) + ASSETS_HASH_HEX + 10 > ASSET_URL_MAX)
			continue;
		crypto_hash_sha256(h, f->data, f->size);
		sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
		len = snprintf(a->hashed, sizeof(a->hashed), "%.*s.%.*s%s", (int)(dot - f->name),
			       f->name, ASSETS_HASH_HEX, hex, dot);
		if (len < 0 || (size_t)len >= sizeof(a->hashed))
			continue;
		snprintf(a->url, sizeof(a->url), "/static/%s", a->hashed);
		snprintf(a->etag, sizeof(a->etag), "\"%s\"", hex);
		a->file = f;
		n_assets++;
	}
}

void assets_init(void)
{
	pthread_once(&once, build);
}

static const struct asset *find_by(const char *name, int hashed)
{
	size_t i;

	assets_init();
	for (i = 0; i < n_assets; i++)
		if (!strcmp(hashed ? assets[i].hashed : assets[i].file->name, name))
			return &assets[i];
	return NULL;
}

const char *assets_url(const char *name)
{
	const struct asset *a = find_by(name, 0);

	return a ? a->url : NULL;
}

int assets_handler(struct http_req *req, struct http_resp *resp)
{
	const char *name = http_req_param(req, "file");
	const struct asset *a = name ? find_by(name, 1) : NULL;
	int rc;

	if (!a)
		return http_failf(req, ERR_NOT_FOUND, NULL, MSG_E_HTTP_NO_FILE);
	rc = http_resp_header(resp, "Cache-Control", "public, max-age=31536000, immutable");
	if (!rc)
		rc = http_resp_header(resp, "ETag", a->etag);
	if (rc)
		return rc;
	if (http_etag_match(http_req_header(req, "If-None-Match"), a->etag)) {
		http_resp_static(resp, 304, NULL, "", 0);
		return 0;
	}
	http_resp_static(resp, 200, a->type, a->file->data, a->file->size);
	return 0;
}
