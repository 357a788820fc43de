/*
 * api_entry.c - one portfolio entry: read it with its ETag, and change it
 * with a JSON merge under If-Match (optimistic locking).
 *
 * A PATCH applies whole or not at all: it is one ops_entry_patch, which
 * compares the version the If-Match names under the write lock of its one
 * transaction, checks who may change what and names a refused input in its
 * error's field. A service not yet in the catalogue has version 0, so
 * `If-Match: "v0"` with a level selects it.
 */
#include <stdio.h>
#include <string.h>

#include "ops/ops.h"
#include "web/api/api.h"
#include "web/webctx.h"

/* Is ref a service of the framework that can be selected (not yet an entry)? */
static int selectable(const struct portfolio *p, const char *ref)
{
	int i = p->fw ? framework_find(p->fw, ref) : -1;

	return i >= 0 && p->fw->nodes[i].assessable;
}

/* Answer 404 for a ref that has no entry. Returns 0. */
static int no_entry(struct http_req *req, struct http_resp *resp, const struct portfolio *p,
		    const char *ref)
{
	if (selectable(p, ref))
		return api_error(req, resp, 404, "not_in_catalogue", NULL,
				 MSG_E_API_NOT_IN_CATALOGUE, ref, p->org_name);
	return api_error(req, resp, 404, "not_found", NULL, MSG_E_UNKNOWN_SERVICE, ref,
			 p->framework_id);
}

static int send_entry(struct http_req *req, struct http_resp *resp, const struct portfolio *p,
		      const struct entry *en)
{
	char etag[32];
	int rc;

	api_etag(en->version, etag);
	rc = http_resp_header(resp, "ETag", etag);
	if (rc)
		return rc;
	if (!strcmp(req->method, "GET") &&
	    http_etag_match(http_req_header(req, "If-None-Match"), etag)) {
		http_resp_text(resp, 304);
		resp->content_type = NULL;
		return 0;
	}
	return api_send(resp, 200, api_entry_json(p, en, api_lang(req)));
}

int api_entry(struct http_req *req, struct http_resp *resp)
{
	const char *ref = http_req_param(req, "ref");
	struct web_org w;
	struct portfolio p;
	const struct entry *en;
	int rc;

	portfolio_init(&p);
	rc = api_portfolio_load(req, resp, ROLE_VIEWER, &w, &p);
	if (!rc) {
		en = portfolio_find(&p, ref);
		rc = en ? send_entry(req, resp, &p, en) : no_entry(req, resp, &p, ref);
	}
	portfolio_release(&p);
	return rc;
}

/* What a PATCH asks for, taken from the body with its types checked. */
struct patch {
	const char *level, *assignment, *team, *provider, *note, *evidence;
	int has_team, has_provider, has_note, has_evidence;
	/* scores as ops_score takes them ("3", "n/a"), NULL = unchanged */
	char score[SIDE_COUNT][2][24];
	int has_score[SIDE_COUNT][2];
};

/* One score value: an integer or a string ("n/a", "3"). Returns 0, or refuses with 422. */
static int take_score(struct http_req *req, struct http_resp *resp, const json_t *v,
		      const char *field, char out[24])
{
	if (json_is_integer(v)) {
		snprintf(out, 24, "%lld", (long long)json_integer_value(v));
		return 0;
	}
	if (json_is_string(v) && json_string_length(v) < 24 &&
	    strlen(json_string_value(v)) == json_string_length(v)) {
		snprintf(out, 24, "%s", json_string_value(v));
		return 0;
	}
	return api_answered(
	    api_invalid_msg(req, resp, field,
			    json_is_null(v) ? MSG_E_API_SCORE_NULL : MSG_E_API_SCORE_TYPE, field));
}

static int take_side(struct http_req *req, struct http_resp *resp, const json_t *body, enum side s,
		     struct patch *pt)
{
	const json_t *obj = json_object_get(body, side_name(s));
	char field[64];
	const char *k;
	json_t *v;
	int which, rc;

	if (!obj)
		return 0;
	if (!json_is_object(obj))
		return api_answered(
		    api_invalid_msg(req, resp, side_name(s), MSG_E_API_SIDE_OBJECT, side_name(s)));
	json_object_foreach ((json_t *)obj, k, v) {
		which = !strcmp(k, "current") ? 0 : !strcmp(k, "target") ? 1 : -1;
		snprintf(field, sizeof(field), "%s.%.40s", side_name(s), k);
		if (which < 0)
			return api_answered(
			    api_invalid_msg(req, resp, field, MSG_E_UNKNOWN_FIELD, field));
		rc = take_score(req, resp, v, field, pt->score[s][which]);
		if (rc)
			return rc;
		pt->has_score[s][which] = 1;
	}
	return 0;
}

static int take_patch(struct http_req *req, struct http_resp *resp, const json_t *body,
		      struct patch *pt)
{
	/* the sides' scores are objects, read by take_side */
	const struct api_member m[] = {{"level", 0, &pt->level}, {"assignment", 0, &pt->assignment},
				       {"team", 0, &pt->team},	 {"provider", 0, &pt->provider},
				       {"insource", 0, NULL},	 {"outsource", 0, NULL},
				       {"note", 0, &pt->note},	 {"evidence", 0, &pt->evidence}};
	int rc;

	memset(pt, 0, sizeof(*pt));
	rc = api_take_members(req, resp, body, m, sizeof(m) / sizeof(m[0]));
	if (!rc)
		rc = take_side(req, resp, body, SIDE_INSOURCE, pt);
	if (!rc)
		rc = take_side(req, resp, body, SIDE_OUTSOURCE, pt);
	if (rc)
		return rc;
	if (json_object_get(body, "level") && !pt->level)
		return api_answered(
		    api_invalid_msg(req, resp, "level", MSG_E_API_NOT_NULL, "level"));
	if (json_object_get(body, "assignment") && !pt->assignment)
		return api_answered(
		    api_invalid_msg(req, resp, "assignment", MSG_E_API_NOT_NULL, "assignment"));
	pt->has_team = json_object_get(body, "team") != NULL;
	pt->has_provider = json_object_get(body, "provider") != NULL;
	pt->has_note = json_object_get(body, "note") != NULL;
	pt->has_evidence = json_object_get(body, "evidence") != NULL;
	return 0;
}

/* 409 with the entry as it is now ("current": null when it does not exist). */
static int conflict(struct http_req *req, struct http_resp *resp, const struct portfolio *p,
		    const struct entry *en, long long version)
{
	char msg[ERR_MSG_MAX], etag[32];
	json_t *j;
	int rc;

	api_message(req, msg, MSG_E_API_CONFLICT, http_req_param(req, "ref"), version);
	j = json_pack("{s:{s:i, s:s, s:s, s:o}}", "error", "status", 409, "code", "conflict",
		      "message", msg, "current",
		      en ? api_entry_json(p, en, api_lang(req)) : json_null());
	if (en) {
		api_etag(en->version, etag);
		rc = http_resp_header(resp, "ETag", etag);
		if (rc) {
			json_decref(j);
			return rc;
		}
	}
	return api_send(resp, 409, j);
}

/* The change pt asks of ref, made on version (0: not in the catalogue yet), as ops takes it. */
static void patch_row(const struct patch *pt, const char *ref, long long version,
		      struct ops_row *row)
{
	int s, which;

	memset(row, 0, sizeof(*row));
	row->ref = ref;
	row->version = version;
	row->level = pt->level;
	row->assignment = pt->assignment;
	/* null resets: "" is none for ops, NULL is "as stored" */
	row->team = pt->has_team ? (pt->team ? pt->team : "") : NULL;
	row->provider = pt->has_provider ? (pt->provider ? pt->provider : "") : NULL;
	row->note = pt->has_note ? (pt->note ? pt->note : "") : NULL;
	row->evidence = pt->has_evidence ? (pt->evidence ? pt->evidence : "") : NULL;
	for (s = 0; s < SIDE_COUNT; s++)
		for (which = 0; which < 2; which++)
			if (pt->has_score[s][which])
				row->score[s][which] = pt->score[s][which];
}

int api_entry_patch(struct http_req *req, struct http_resp *resp)
{
	const char *ref = http_req_param(req, "ref");
	const char *fw = http_req_param(req, "fw");
	const char *if_match = http_req_header(req, "If-Match");
	struct store *st = web_store(req);
	struct err e = ERR_INIT;
	struct ops_actor who;
	struct ops_row row;
	struct web_org w;
	struct portfolio p, after;
	struct patch pt;
	const struct entry *en;
	char etag[32];
	json_t *body = NULL;
	int rc;

	portfolio_init(&p);
	portfolio_init(&after);
	rc = web_org(req, ROLE_ASSESSOR, &w);
	if (rc)
		goto out;
	if (http_if_match(if_match, "\"v0\"") == HTTP_IF_MATCH_UNUSABLE) {
		rc = api_answered(
		    api_error(req, resp, 428, "if_match_required", NULL, MSG_E_API_IF_MATCH));
		goto out;
	}
	rc = api_body(req, resp, &body);
	if (!rc)
		rc = take_patch(req, resp, body, &pt);
	if (rc)
		goto out;
	if (ops_load(st, w.name, fw, &p, &e)) {
		rc = api_fail(req, resp, &e, NULL);
		goto out;
	}
	en = portfolio_find(&p, ref);
	if (!en && !selectable(&p, ref)) {
		rc = no_entry(req, resp, &p, ref);
		goto out;
	}
	/* If-Match names the version the client saw; ops holds the change to it */
	api_etag(en ? en->version : 0, etag);
	if (http_if_match(if_match, etag) != HTTP_IF_MATCH_YES) {
		rc = conflict(req, resp, &p, en, en ? en->version : 0);
		goto out;
	}
	who = web_actor(req, &w);
	patch_row(&pt, ref, en ? en->version : 0, &row);
	web_store_actor(req);
	/* the answer is this request's own result: ops reads it before its commit,
	 * so a concurrent update through another connection cannot show up in it */
	if (ops_entry_patch(st, &who, w.name, fw, &row, &after, &e)) {
		if (e.code == ERR_CONFLICT && !strcmp(e.field, "version")) {
			/* changed between the read above and the change: show it as it is now */
			portfolio_release(&p);
			portfolio_init(&p);
			if (ops_load(st, w.name, fw, &p, &e)) {
				rc = api_fail(req, resp, &e, NULL);
				goto out;
			}
			en = portfolio_find(&p, ref);
			rc = conflict(req, resp, &p, en, en ? en->version : 0);
			goto out;
		}
		rc = api_refuse(req, resp, &e);
		goto out;
	}
	en = portfolio_find(&after, ref);
	rc = en ? send_entry(req, resp, &after, en) : no_entry(req, resp, &after, ref);
out:
	json_decref(body);
	portfolio_release(&p);
	portfolio_release(&after);
	return rc;
}
