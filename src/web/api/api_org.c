/*
 * api_org.c - organizations: the ones the caller can see, creating them
 * (site administrators), their teams and providers, audit log and export.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "io/archive.h"
#include "ops/ops.h"
#include "store/store_org_page.h"
#include "store/store_user.h"
#include "web/api/api.h"
#include "web/webctx.h"

/* Ceiling of audit events counted for one page's "total". */
#define API_AUDIT_COUNT_MAX ((size_t)1 << 20)

static json_t *org_json(const struct org *o, const char *role)
{
	return json_pack("{s:I, s:s, s:s?, s:s?, s:s?}", "id", (json_int_t)o->id, "name", o->name,
			 "parent", o->parent_name, "created_at", o->created_at, "role", role);
}

int api_orgs(struct http_req *req, struct http_resp *resp)
{
	const struct web_user *u = web_user(req);
	struct org_page_query q = {0};
	struct org_page p;
	struct err e = ERR_INIT;
	struct api_page pg;
	json_t *items;
	size_t i;
	int rc;

	rc = api_page_parse(req, resp, &pg);
	if (rc)
		return rc;
	q.user_id = u->id;
	q.all = u->is_admin;
	q.offset = pg.offset;
	q.limit = pg.per_page;
	if (store_org_page(web_store(req), &q, &p, &e))
		return api_fail(req, resp, &e, NULL);
	items = json_array();
	for (i = 0; i < p.n; i++)
		json_array_append_new(
		    items,
		    org_json(&p.rows[i].org, u->is_admin ? "admin" : role_name(p.rows[i].role)));
	rc = api_page_send(req, resp, &pg, items, (size_t)p.total);
	org_page_release(&p);
	return rc;
}

static int send_org(struct http_req *req, struct http_resp *resp, int status, long long id,
		    const char *role)
{
	struct org o = {0};
	struct err e = ERR_INIT;
	int rc;

	if (store_org_get(web_store(req), id, &o, &e))
		return api_fail(req, resp, &e, NULL);
	rc = api_send(resp, status, org_json(&o, role));
	org_release(&o);
	return rc;
}

int api_org_create(struct http_req *req, struct http_resp *resp)
{
	const struct web_user *u = web_user(req);
	struct ops_actor who = {.user_id = u->id, .role = ROLE_ADMIN};
	struct err e = ERR_INIT;
	const char *name, *parent;
	const struct api_member m[] = {{"name", 1, &name}, {"parent", 0, &parent}};
	char loc[64];
	long long id;
	json_t *body;
	int rc;

	rc = api_body_members(req, resp, &body, m, 2);
	if (rc) {
		json_decref(body);
		return rc;
	}
	web_store_actor(req);
	who.site_admin = u->is_admin;
	if (ops_org_add(web_store(req), &who, name, parent, &id, &e)) {
		json_decref(body);
		return api_refuse(req, resp, &e);
	}
	json_decref(body);
	snprintf(loc, sizeof(loc), "/api/v1/orgs/%lld", id);
	rc = http_resp_header(resp, "Location", loc);
	return rc ? rc : send_org(req, resp, 201, id, "admin");
}

static json_t *parties_json(struct store *st, enum party_kind k, long long org_id, struct err *e)
{
	struct party *list = NULL;
	size_t n = 0, i;
	json_t *arr;

	if (store_party_list(st, k, org_id, &list, &n, e))
		return NULL;
	arr = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(arr, json_pack("{s:I, s:s}", "id", (json_int_t)list[i].id,
						     "name", list[i].name));
	party_list_free(list, n);
	return arr;
}

int api_org(struct http_req *req, struct http_resp *resp)
{
	struct store *st = web_store(req);
	struct err e = ERR_INIT;
	struct web_org w;
	struct org o = {0};
	struct portfolio_ref *pf = NULL;
	size_t npf = 0, i;
	json_t *j = NULL, *teams = NULL, *providers = NULL, *portfolios;
	int rc;

	rc = web_org(req, ROLE_VIEWER, &w);
	if (rc)
		return rc;
	if (store_org_get(st, w.id, &o, &e) || !(teams = parties_json(st, PARTY_TEAM, w.id, &e)) ||
	    !(providers = parties_json(st, PARTY_PROVIDER, w.id, &e)) ||
	    store_portfolio_list(st, w.id, &pf, &npf, &e)) {
		json_decref(teams);
		json_decref(providers);
		org_release(&o);
		return api_fail(req, resp, &e, NULL);
	}
	portfolios = json_array();
	for (i = 0; i < npf; i++)
		json_array_append_new(
		    portfolios, json_pack("{s:s, s:i, s:s?, s:s?}", "framework", pf[i].framework_id,
					  "cycle", pf[i].cycle, "created_at", pf[i].created_at,
					  "next_evaluation", pf[i].next_evaluation));
	portfolio_ref_list_free(pf, npf);
	j = org_json(&o, role_name(w.role));
	org_release(&o);
	if (j) {
		json_object_set_new(j, "teams", teams);
		json_object_set_new(j, "providers", providers);
		json_object_set_new(j, "portfolios", portfolios);
	} else {
		json_decref(teams);
		json_decref(providers);
		json_decref(portfolios);
	}
	return api_send(resp, 200, j);
}

static int party_create(struct http_req *req, struct http_resp *resp, enum party_kind k)
{
	struct err e = ERR_INIT;
	struct web_org w;
	const char *name;
	const struct api_member m[] = {{"name", 1, &name}};
	long long id;
	json_t *body = NULL;
	int rc;

	rc = web_org(req, ROLE_ADMIN, &w);
	if (!rc)
		rc = api_body_members(req, resp, &body, m, 1);
	if (rc) {
		json_decref(body);
		return rc;
	}
	web_store_actor(req);
	if (ops_party_add(web_store(req), w.name, k, name, &id, &e))
		rc = api_refuse(req, resp, &e);
	else
		rc = api_send(resp, 201,
			      json_pack("{s:I, s:s}", "id", (json_int_t)id, "name", name));
	json_decref(body);
	return rc;
}

int api_team_create(struct http_req *req, struct http_resp *resp)
{
	return party_create(req, resp, PARTY_TEAM);
}

int api_provider_create(struct http_req *req, struct http_resp *resp)
{
	return party_create(req, resp, PARTY_PROVIDER);
}

/* A stored JSON text as a value (null when absent; a string if not JSON). */
static json_t *stored_json(const char *text)
{
	json_t *j;

	if (!text)
		return json_null();
	j = json_loads(text, JSON_DECODE_ANY, NULL);
	return j ? j : json_string(text);
}

int api_audit(struct http_req *req, struct http_resp *resp)
{
	struct store *st = web_store(req);
	struct err e = ERR_INIT;
	struct web_org w;
	struct api_page pg;
	struct audit_event *ev = NULL, *all = NULL;
	/* the filter of the audit page (?user= &subject= &since= &until=) */
	struct audit_filter f = {http_req_query(req, "user"), http_req_query(req, "subject"),
				 http_req_query(req, "since"), http_req_query(req, "until")};
	size_t n = 0, total = 0, i;
	json_t *items;
	int rc;

	rc = web_org(req, ROLE_ADMIN, &w);
	if (!rc)
		rc = api_page_parse(req, resp, &pg);
	if (rc)
		return rc;
	/* the store has no count: the total is the length of the (capped) list */
	if (store_audit_find(st, w.id, &f, 0, API_AUDIT_COUNT_MAX, &all, &total, &e))
		return api_fail(req, resp, &e, NULL);
	audit_list_free(all, total);
	if (store_audit_find(st, w.id, &f, pg.offset, pg.per_page, &ev, &n, &e))
		return api_fail(req, resp, &e, NULL);
	items = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(items, json_pack("{s:I, s:s?, s:s?, s:s?, s:s?, s:o, s:o}",
						       "id", (json_int_t)ev[i].id, "at", ev[i].at,
						       "actor", ev[i].actor, "action", ev[i].action,
						       "subject", ev[i].subject, "before",
						       stored_json(ev[i].before_json), "after",
						       stored_json(ev[i].after_json)));
	audit_list_free(ev, n);
	return api_page_send(req, resp, &pg, items, total);
}

int api_export(struct http_req *req, struct http_resp *resp)
{
	struct err e = ERR_INIT;
	struct web_org w;
	json_t *doc = NULL;
	char disp[96];
	int rc;

	rc = web_org(req, ROLE_ADMIN, &w);
	if (rc)
		return rc;
	if (archive_export(web_store(req), w.name, &doc, &e))
		return api_fail(req, resp, &e, NULL);
	snprintf(disp, sizeof(disp), "attachment; filename=\"cdcf-org-%lld.json\"", w.id);
	rc = http_resp_header(resp, "Content-Disposition", disp);
	if (rc) {
		json_decref(doc);
		return rc;
	}
	return api_send(resp, 200, doc);
}

/* ---- renaming and deleting ---- */

/* An administrator's change of the organization in {org}: w, the caller as ops sees it
 * (who) and the store's actor; with name given, also the body's required "name" (the
 * caller releases *body whatever the result). */
static int admin_change(struct http_req *req, struct http_resp *resp, struct web_org *w,
			struct ops_actor *who, json_t **body, const char **name)
{
	const struct api_member m[] = {{"name", 1, name}};
	int rc = web_org(req, ROLE_ADMIN, w);

	if (!rc && name)
		rc = api_body_members(req, resp, body, m, 1);
	if (rc)
		return rc;
	web_store_actor(req);
	*who = web_actor(req, w);
	return 0;
}

int api_org_rename(struct http_req *req, struct http_resp *resp)
{
	struct err e = ERR_INIT;
	struct ops_actor who;
	struct web_org w;
	const char *name;
	json_t *body = NULL;
	int rc = admin_change(req, resp, &w, &who, &body, &name);

	if (rc) {
		json_decref(body);
		return rc;
	}
	if (ops_org_rename(web_store(req), &who, w.name, name, &e))
		rc = api_refuse(req, resp, &e);
	else
		rc = send_org(req, resp, 200, w.id, role_name(w.role));
	json_decref(body);
	return rc;
}

int api_org_delete(struct http_req *req, struct http_resp *resp)
{
	struct err e = ERR_INIT;
	struct ops_actor who;
	struct web_org w;
	struct org o = {0};
	int rc = admin_change(req, resp, &w, &who, NULL, NULL);

	if (rc)
		return rc;
	if (store_org_get(web_store(req), w.id, &o, &e))
		return api_fail(req, resp, &e, NULL);
	if (ops_org_delete(web_store(req), &who, w.name, &e))
		rc = api_refuse(req, resp, &e);
	else
		rc = api_send(resp, 200, org_json(&o, role_name(w.role)));
	org_release(&o);
	return rc;
}

static int party_rename(struct http_req *req, struct http_resp *resp, enum party_kind k)
{
	const char *old = http_req_param(req, k == PARTY_TEAM ? "team" : "provider");
	struct err e = ERR_INIT;
	struct ops_actor who;
	struct web_org w;
	const char *name;
	long long id = 0;
	json_t *body = NULL;
	int rc = admin_change(req, resp, &w, &who, &body, &name);

	if (rc) {
		json_decref(body);
		return rc;
	}
	if (ops_party_rename(web_store(req), &who, w.name, k, old, name, &e) ||
	    store_party_find(web_store(req), k, w.id, name, &id, &e))
		rc = api_refuse(req, resp, &e);
	else
		rc = api_send(resp, 200,
			      json_pack("{s:I, s:s}", "id", (json_int_t)id, "name", name));
	json_decref(body);
	return rc;
}

static int party_delete(struct http_req *req, struct http_resp *resp, enum party_kind k)
{
	const char *name = http_req_param(req, k == PARTY_TEAM ? "team" : "provider");
	struct err e = ERR_INIT;
	struct ops_actor who;
	struct web_org w;
	long long id = 0;
	int rc = admin_change(req, resp, &w, &who, NULL, NULL);

	if (rc)
		return rc;
	/* the id it had, for the answer; an unknown name is refused by the delete */
	if (store_party_find(web_store(req), k, w.id, name ? name : "", &id, &e))
		id = 0;
	e = (struct err)ERR_INIT;
	if (ops_party_delete(web_store(req), &who, w.name, k, name, &e))
		return api_refuse(req, resp, &e);
	return api_send(resp, 200,
			json_pack("{s:I, s:s}", "id", (json_int_t)id, "name", name ? name : ""));
}

int api_team_rename(struct http_req *req, struct http_resp *resp)
{
	return party_rename(req, resp, PARTY_TEAM);
}

int api_team_delete(struct http_req *req, struct http_resp *resp)
{
	return party_delete(req, resp, PARTY_TEAM);
}

int api_provider_rename(struct http_req *req, struct http_resp *resp)
{
	return party_rename(req, resp, PARTY_PROVIDER);
}

int api_provider_delete(struct http_req *req, struct http_resp *resp)
{
	return party_delete(req, resp, PARTY_PROVIDER);
}
