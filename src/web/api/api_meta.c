/*
 * api_meta.c - the API about the server itself: health, the OpenAPI
 * document, and the answer for API paths that do not exist.
 */
#include <jansson.h>

#include "util/err.h"
#include "web/api/openapi.h"
#include "web/routes.h"

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
