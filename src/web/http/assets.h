/*
 * assets.h - the static files under web/ (CSS, JS, icons), embedded in the
 * binary and served at content-hashed URLs.
 *
 * "app.css" is served as /static/app.<first 12 hex of its SHA-256>.css with
 * Cache-Control: public, max-age=31536000, immutable and an ETag, so a
 * browser fetches each version once and a new build changes the URL.
 * Templates never write /static/ paths themselves; they ask assets_url().
 * Only files with a known static type are served (css js svg png ico woff2
 * txt json webmanifest); anything else under web/ stays private.
 */
#ifndef CDCF_WEB_ASSETS_H
#define CDCF_WEB_ASSETS_H

#include <stddef.h>

struct http_req;
struct http_resp;

#define ASSETS_HASH_HEX 12 /* hex digits of the content hash in URLs */

/* Hash every embedded file once. Idempotent and thread-safe; the other
 * functions call it themselves, so calling it at start-up only moves the
 * cost out of the first request. */
void assets_init(void);

/* "/static/app.3f2a9c0d1b7e.css" for "app.css"; NULL for an unknown or
 * non-public name. The string lives as long as the process. */
const char *assets_url(const char *name);

/* The content type cdcf serves name with ("text/css; charset=utf-8"), or
 * NULL when the extension is not a public static type. */
const char *assets_content_type(const char *name);

/* Handler for GET /static/{file}: 200 with the immutable cache header, 304
 * when If-None-Match has the ETag, 404 for unknown or outdated names. */
int assets_handler(struct http_req *req, struct http_resp *resp);

#endif
