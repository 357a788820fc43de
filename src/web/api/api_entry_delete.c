/*
 * api_entry_delete.c - DELETE .../entries/{ref}: take a service out of the
 * catalogue (ops_service_remove, editors).
 *
 * The answer is the entry as it was. If-Match is optional: with it, the
 * entry must still be at the version it names (409 otherwise, checked again
 * inside ops's transaction); without it, whatever version is stored is
 * removed. An open improvement action for the service refuses the delete
 * with 409 and names the actions.
 */
#include <string.h>

#include "ops/ops.h"
#include "web/api/api.h"
#include "web/webctx.h"

int api_entry_delete(struct http_req *req, struct http_resp *resp)
{
	const char *ref = http_req_param(req, "ref");
	const char *if_match = http_req_header(req, "If-Match");
	struct err e = ERR_INIT;
	struct web_org w;
	struct portfolio p;
	const struct entry *en;
	long long expect = -1;
	json_t *was = NULL;
	char etag[32];
	int rc, m;

	portfolio_init(&p);
	rc = api_portfolio_load(req, resp, ROLE_EDITOR, &w, &p);
	if (rc)
		goto out;
	en = portfolio_find(&p, ref);
	if (!en) {
		rc = api_error(req, resp, 404, "not_in_catalogue", "ref", MSG_E_NOT_IN_PORTFOLIO,
			       ref, p.org_name, p.framework_id);
		goto out;
	}
	api_etag(en->version, etag);
	if (if_match) {
		m = http_if_match(if_match, etag);
		if (m == HTTP_IF_MATCH_UNUSABLE) {
			rc = api_answered(api_error(req, resp, 428, "if_match_required", NULL,
						    MSG_E_API_IF_MATCH));
			goto out;
		}
		expect = m == HTTP_IF_MATCH_YES ? en->version : en->version + 1;
	}
	was = api_entry_json(&p, en, api_lang(req));
	web_store_actor(req);
	if (ops_service_remove(web_store(req), w.name, p.framework_id, ref, expect, &e)) {
		rc = api_refuse(req, resp, &e);
		goto out;
	}
	rc = api_send(resp, 200, was);
	was = NULL;
out:
	json_decref(was);
	portfolio_release(&p);
	return rc;
}
