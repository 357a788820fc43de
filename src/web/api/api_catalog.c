/*
 * api_catalog.c - who am I, and the shipped frameworks (catalogues with
 * their nodes, score rubrics and starter presets).
 */
#include <string.h>

#include "core/framework.h"
#include "io/catalog.h"
#include "io/framework_json.h"
#include "ops/ops.h"
#include "web/api/api.h"
#include "web/webctx.h"

int api_me(struct http_req *req, struct http_resp *resp)
{
	const struct web_user *u = web_user(req);
	struct err e = ERR_INIT;
	struct membership *m = NULL;
	size_t n = 0, i;
	json_t *list, *j;

	if (!u)
		return api_answered(
		    api_error(req, resp, 401, "unauthenticated", NULL, MSG_E_API_NOT_SIGNED_IN));
	if (store_membership_list_user(web_store(req), u->id, &m, &n, &e))
		return api_fail(req, resp, &e, NULL);
	list = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(list, json_pack("{s:I, s:s, s:s, s:s?}", "org_id",
						      (json_int_t)m[i].org_id, "org", m[i].org_name,
						      "role", role_name(m[i].role), "team",
						      m[i].team_name));
	membership_list_free(m, n);
	j = json_pack("{s:{s:I, s:s, s:b}, s:s, s:s?, s:s, s:o}", "user", "id", (json_int_t)u->id,
		      "name", u->name, "is_admin", u->is_admin, "auth",
		      u->via_token ? "token" : "session", "csrf_token",
		      u->via_token || !u->csrf[0] ? NULL : u->csrf, "lang", api_lang(req),
		      "memberships", list);
	return api_send(resp, 200, j);
}

int api_frameworks(struct http_req *req, struct http_resp *resp)
{
	struct err e = ERR_INIT;
	json_t *arr;
	size_t i;

	if (catalog_registry_init(&e))
		return api_fail(req, resp, &e, NULL);
	arr = json_array();
	for (i = 0; i < catalog_count(); i++)
		json_array_append_new(arr, framework_summary_json(catalog_at(i)));
	return api_send(resp, 200, json_pack("{s:o}", "frameworks", arr));
}

int api_framework(struct http_req *req, struct http_resp *resp)
{
	const struct framework *fw;
	struct err e = ERR_INIT;

	if (ops_framework(http_req_param(req, "fw"), &fw, &e))
		return api_fail(req, resp, &e, NULL);
	return api_send(resp, 200, framework_json(fw));
}
