/*
 * api_provider.c - GET /api/v1/orgs/{org}/clients: the provider's view of
 * organization org, paged as every list of the API (api_page), each row as
 * the CSV's columns (ops_provider_json).
 */
#include "web/api/api_provider.h"

#include "i18n/i18n.h"
#include "ops/ops_provider_view.h"
#include "web/api/api.h"
#include "web/webctx.h"

int api_org_clients(struct http_req *req, struct http_resp *resp)
{
	struct provider_client_page page;
	struct err e = ERR_INIT;
	struct web_org w;
	struct api_page pg;
	json_t *items;
	int rc = web_org(req, ROLE_VIEWER, &w);

	if (!rc)
		rc = api_page_parse(req, resp, &pg);
	if (rc)
		return rc;
	if (ops_provider_clients(web_store(req), w.id, NULL, pg.offset, pg.per_page, &page, &e))
		return api_fail(req, resp, &e, NULL);
	items = ops_provider_json(&page, lang_code(req->lang));
	rc = api_page_send(req, resp, &pg, items, (size_t)page.total);
	provider_client_page_release(&page);
	return rc;
}
