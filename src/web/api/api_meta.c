/*
 * api_meta.c - the API about the server itself: health, the OpenAPI
 * document, and the answer for API paths that do not exist.
 */
#include <jansson.h>

#include "store/store.h"
#include "util/err.h"
#include "web/api/openapi.h"
#include "web/routes.h"
#include "web/webctx.h"

int api_healthz(struct http_req *req, struct http_resp *resp)
{
	json_t *j = json_pack("{s:s}", "status", "ok");
	int rc;

	(void)req;
	if (!j)
		return ERR_NOMEM;
	rc = http_resp_json(resp, 200, j);
	json_decref(j);
	return rc;
}

int api_readyz(struct http_req *req, struct http_resp *resp)
{
	struct err e = ERR_INIT;
	int version = 0, rc = store_ready(web_store(req), &version, &e);
	json_t *j;

	if (rc) { /* not ready: a load balancer sends the request elsewhere and asks again */
		rc = http_resp_header(resp, "Retry-After", HTTP_BUSY_RETRY_AFTER);
		/* said without the database's message: anyone may ask, and it may name paths */
		j = json_pack("{s:s, s:i, s:i}", "status", "not ready", "schema", version, "needs",
			      STORE_SCHEMA_VERSION);
		if (!rc && j)
			rc = http_resp_json(resp, 503, j);
		json_decref(j);
		return j ? rc : ERR_NOMEM;
	}
	j = json_pack("{s:s, s:i}", "status", "ready", "schema", version);
	if (!j)
		return ERR_NOMEM;
	rc = http_resp_json(resp, 200, j);
	json_decref(j);
	return rc;
}

int api_openapi(struct http_req *req, struct http_resp *resp)
{
	const char *etag;
	size_t len;
	const char *text = openapi_text(&len, &etag);
	int rc;

	if (!text)
		return ERR_INTERNAL;
	rc = http_resp_header(resp, "ETag", etag);
	if (!rc)
		rc = http_resp_header(resp, "Cache-Control", "no-cache");
	if (rc)
		return rc;
	if (http_etag_match(http_req_header(req, "If-None-Match"), etag))
		http_resp_static(resp, 304, NULL, "", 0);
	else
		http_resp_static(resp, 200, "application/json", text, len);
	return 0;
}

int api_unknown(struct http_req *req, struct http_resp *resp)
{
	return http_error_msg(req, resp, 404, "no_such_endpoint", MSG_E_API_NO_ENDPOINT);
}
