/*
 * api_catalog.c - who am I, and the shipped frameworks (catalogues with
 * their nodes, score rubrics and starter presets).
 */
#include <string.h>

#include "core/framework.h"
#include "io/catalog.h"
#include "ops/ops.h"
#include "web/api.h"
#include "web/webctx.h"

/* {"en": ..., "ja": ... or null} */
static json_t *names(const char *en, const char *ja)
{
	return json_pack("{s:s, s:s?}", "en", en ? en : "", "ja", ja);
}

int api_me(struct http_req *req, struct http_resp *resp)
{
	const struct web_user *u = web_user(req);
	struct err e = ERR_INIT;
	struct membership *m = NULL;
	size_t n = 0, i;
	json_t *list, *j;

	if (!u)
		return api_answered(http_json_error(resp, 401, "unauthenticated", "not signed in"));
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
	size_t i, j;

	if (catalog_registry_init(&e))
		return api_fail(req, resp, &e, NULL);
	arr = json_array();
	for (i = 0; i < catalog_count(); i++) {
		const struct framework *fw = catalog_at(i);
		size_t services = 0, verified = 0;
		for (j = 0; j < fw->n_nodes; j++) {
			if (!fw->nodes[j].assessable)
				continue;
			services++;
			verified += fw->nodes[j].status == STATUS_VERIFIED;
		}
		json_array_append_new(
		    arr,
		    json_pack("{s:s, s:o, s:s?, s:I, s:I, s:I, s:I}", "id", fw->id, "name",
			      names(fw->name_en, fw->name_ja), "edition", fw->edition, "nodes",
			      (json_int_t)fw->n_nodes, "services", (json_int_t)services, "verified",
			      (json_int_t)verified, "presets", (json_int_t)fw->n_presets));
	}
	return api_send(resp, 200, json_pack("{s:o}", "frameworks", arr));
}

/* The nodes, as `cdcf framework show --json` gives them. */
static json_t *nodes_json(const struct framework *fw)
{
	json_t *nodes = json_array();
	size_t i;

	for (i = 0; i < fw->n_nodes; i++) {
		const struct fw_node *n = &fw->nodes[i];
		json_t *o = json_object();
		json_object_set_new(o, "ref_id", json_string(n->ref_id));
		json_object_set_new(o, "kind", json_string(node_kind_name(n->kind)));
		json_object_set_new(o, "parent",
				    n->parent >= 0 ? json_string(fw->nodes[n->parent].ref_id)
						   : json_null());
		json_object_set_new(
		    o, "status",
		    json_string(n->status == STATUS_VERIFIED ? "verified" : "provisional"));
		json_object_set_new(o, "assessable", json_boolean(n->assessable));
		json_object_set_new(o, "name", names(n->name_en, n->name_ja));
		if (n->description_en)
			json_object_set_new(o, "description",
					    names(n->description_en, n->description_ja));
		if (n->source_note)
			json_object_set_new(o, "source", json_string(n->source_note));
		json_array_append_new(nodes, o);
	}
	return nodes;
}

static json_t *rubric_json(const struct rubric *r)
{
	json_t *points = json_array();
	size_t i;

	for (i = 0; i < r->n_points; i++)
		json_array_append_new(
		    points,
		    json_pack("{s:i, s:o, s:o}", "score", r->points[i].score, "name",
			      names(r->points[i].name_en, r->points[i].name_ja), "criterion",
			      names(r->points[i].criterion_en, r->points[i].criterion_ja)));
	return json_pack("{s:i, s:i, s:b, s:o, s:o}", "min", r->min_score, "max", r->max_score,
			 "has_na", r->has_na, "na_criterion",
			 r->has_na ? names(r->na_criterion_en, r->na_criterion_ja) : json_null(),
			 "points", points);
}

static json_t *presets_json(const struct framework *fw)
{
	json_t *arr = json_array();
	size_t i, k;

	for (i = 0; i < fw->n_presets; i++) {
		const struct preset *p = &fw->presets[i];
		json_t *levels = json_array();
		for (k = 0; k < p->n_levels; k++)
			json_array_append_new(levels,
					      json_pack("{s:s, s:s}", "ref", p->levels[k].ref_id,
							"level", p->levels[k].level));
		json_array_append_new(
		    arr, json_pack("{s:s, s:o, s:o, s:o}", "id", p->id, "name",
				   names(p->name_en, p->name_ja), "description",
				   p->description_en ? names(p->description_en, p->description_ja)
						     : json_null(),
				   "levels", levels));
	}
	return arr;
}

int api_framework(struct http_req *req, struct http_resp *resp)
{
	const struct framework *fw;
	struct err e = ERR_INIT;
	json_t *j;

	if (ops_framework(http_req_param(req, "fw"), &fw, &e))
		return api_fail(req, resp, &e, NULL);
	j = json_pack("{s:s, s:o, s:s?, s:s?, s:o, s:{s:o, s:o}, s:o}", "id", fw->id, "name",
		      names(fw->name_en, fw->name_ja), "edition", fw->edition, "version",
		      fw->version, "nodes", nodes_json(fw), "rubrics", "insource",
		      rubric_json(&fw->rubric[SIDE_INSOURCE]), "outsource",
		      rubric_json(&fw->rubric[SIDE_OUTSOURCE]), "presets", presets_json(fw));
	return api_send(resp, 200, j);
}
