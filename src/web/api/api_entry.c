/*
 * api_entry.c - one portfolio entry: read it with its ETag, and change it
 * with a JSON merge under If-Match (optimistic locking).
 *
 * A PATCH applies whole or not at all: one transaction around the ops_*
 * calls (which nest in it), with the version compared under the write lock
 * the transaction holds. A service not yet in the catalogue has version 0,
 * so `If-Match: "v0"` with a level selects it.
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

/* 404 for a ref that has no entry. Returns 0 (answered). */
static int no_entry(struct http_resp *resp, const struct portfolio *p, const char *ref)
{
	char msg[400];

	if (selectable(p, ref)) {
		snprintf(msg, sizeof(msg),
			 "'%.64s' is not in the catalogue of '%.200s' yet; PATCH it with a level "
			 "and If-Match: \"v0\"",
			 ref, p->org_name);
		return http_json_error(resp, 404, "not_in_catalogue", msg);
	}
	snprintf(msg, sizeof(msg), "unknown service '%.64s' in framework '%.64s'", ref,
		 p->framework_id);
	return http_json_error(resp, 404, "not_found", msg);
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
		rc = en ? send_entry(req, resp, &p, en) : no_entry(resp, &p, ref);
	}
	portfolio_release(&p);
	return rc > 0 ? 0 : rc;
}

/* What a PATCH asks for, taken from the body with its types checked. */
struct patch {
	const char *level, *assignment, *team, *provider, *note, *evidence;
	int has_team, has_provider, has_note, has_evidence;
	/* scores as ops_score takes them ("3", "n/a"), NULL = unchanged */
	char score[SIDE_COUNT][2][24];
	int has_score[SIDE_COUNT][2];
};

static const char *const patch_fields[] = {"level",    "assignment", "team", "provider",
					   "insource", "outsource",  "note", "evidence"};
static const char *const which_name[2] = {"current", "target"};

/* One score value: an integer or a string ("n/a", "3"). Returns 0 or 1 (answered). */
static int take_score(struct http_resp *resp, const json_t *v, const char *field, char out[24])
{
	char msg[300];

	if (json_is_integer(v)) {
		snprintf(out, 24, "%lld", (long long)json_integer_value(v));
		return 0;
	}
	if (json_is_string(v) && json_string_length(v) < 24 &&
	    strlen(json_string_value(v)) == json_string_length(v)) {
		snprintf(out, 24, "%s", json_string_value(v));
		return 0;
	}
	if (json_is_null(v))
		snprintf(msg, sizeof(msg),
			 "%s cannot be reset to not assessed; give a score or \"n/a\"", field);
	else
		snprintf(msg, sizeof(msg), "%s must be a score (an integer or \"n/a\")", field);
	return api_answered(api_invalid(resp, field, msg));
}

static int take_side(struct http_resp *resp, const json_t *body, enum side s, struct patch *pt)
{
	const json_t *obj = json_object_get(body, side_name(s));
	char field[64], msg[300];
	const char *k;
	json_t *v;
	int which, rc;

	if (!obj)
		return 0;
	if (!json_is_object(obj)) {
		snprintf(msg, sizeof(msg), "%s must be an object {\"current\", \"target\"}",
			 side_name(s));
		return api_answered(api_invalid(resp, side_name(s), msg));
	}
	json_object_foreach ((json_t *)obj, k, v) {
		which = !strcmp(k, "current") ? 0 : !strcmp(k, "target") ? 1 : -1;
		snprintf(field, sizeof(field), "%s.%.40s", side_name(s), k);
		if (which < 0) {
			snprintf(msg, sizeof(msg), "unknown field '%s'", field);
			return api_answered(api_invalid(resp, field, msg));
		}
		rc = take_score(resp, v, field, pt->score[s][which]);
		if (rc)
			return rc;
		pt->has_score[s][which] = 1;
	}
	return 0;
}

static int take_patch(struct http_req *req, struct http_resp *resp, const json_t *body,
		      struct patch *pt)
{
	int rc;

	memset(pt, 0, sizeof(*pt));
	rc = api_known_fields(req, resp, body, patch_fields,
			      sizeof(patch_fields) / sizeof(patch_fields[0]));
	if (!rc)
		rc = api_opt_string(req, resp, body, "level", &pt->level);
	if (!rc)
		rc = api_opt_string(req, resp, body, "assignment", &pt->assignment);
	if (!rc)
		rc = api_opt_string(req, resp, body, "team", &pt->team);
	if (!rc)
		rc = api_opt_string(req, resp, body, "provider", &pt->provider);
	if (!rc)
		rc = api_opt_string(req, resp, body, "note", &pt->note);
	if (!rc)
		rc = api_opt_string(req, resp, body, "evidence", &pt->evidence);
	if (!rc)
		rc = take_side(resp, body, SIDE_INSOURCE, pt);
	if (!rc)
		rc = take_side(resp, body, SIDE_OUTSOURCE, pt);
	if (rc)
		return rc;
	if (json_object_get(body, "level") && !pt->level)
		return api_answered(api_invalid(resp, "level", "level cannot be null"));
	if (json_object_get(body, "assignment") && !pt->assignment)
		return api_answered(api_invalid(resp, "assignment", "assignment cannot be null"));
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
	char msg[300], etag[32];
	json_t *j;
	int rc;

	snprintf(msg, sizeof(msg),
		 "'%.64s' was changed by someone else (version %lld); reload it and retry",
		 http_req_param(req, "ref"), version);
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

/* Apply pt to ref through ops, inside the caller's transaction. On failure *field
 * names what was refused. */
static int apply(struct store *st, const struct web_org *w, const struct portfolio *p,
		 const struct entry *en, const char *ref, const struct patch *pt,
		 const char **field, char fieldbuf[64], struct err *e)
{
	const char *assignment = pt->assignment;
	int s, which, rc;
	enum assignment a;

	if (pt->level) {
		*field = "level";
		rc = ops_select(st, w->name, p->framework_id, &ref, 1, pt->level, e);
		if (rc)
			return rc;
	}
	if (!assignment && (pt->has_team || pt->has_provider))
		assignment = en ? assignment_name(en->assignment) : "unassigned";
	if (assignment) {
		const char *team = pt->has_team ? pt->team : en ? en->team : NULL;
		const char *provider = pt->has_provider ? pt->provider : en ? en->provider : NULL;
		*field = pt->assignment ? "assignment" : pt->has_team ? "team" : "provider";
		rc = ops_assign(st, w->name, p->framework_id, ref, assignment, team, provider, -1,
				NULL, e);
		if (rc) {
			/* name the party when it is the one refused */
			if (e->code == ERR_NOT_FOUND && strstr(e->msg, "unknown team"))
				*field = "team";
			else if (e->code == ERR_NOT_FOUND && strstr(e->msg, "unknown provider"))
				*field = "provider";
			else if (strstr(e->msg, "needs a team"))
				*field = "team";
			else if (strstr(e->msg, "needs a provider"))
				*field = "provider";
			return rc;
		}
	}
	for (s = 0; s < SIDE_COUNT; s++)
		for (which = 0; which < 2; which++) {
			if (!pt->has_score[s][which])
				continue;
			snprintf(fieldbuf, 64, "%s.%s", side_name(s), which_name[which]);
			*field = fieldbuf;
			rc = ops_score(st, w->name, p->framework_id, ref, side_name(s),
				       which == 0 ? pt->score[s][which] : NULL,
				       which == 1 ? pt->score[s][which] : NULL, NULL, -1, e);
			if (rc)
				return rc;
		}
	if (pt->has_note) {
		/* the note belongs to the entry: write it through the side its assignment uses */
		a = assignment ? (enum assignment)assignment_parse(assignment)
		    : en       ? en->assignment
			       : ASSIGN_UNASSIGNED;
		*field = "note";
		rc = ops_score(st, w->name, p->framework_id, ref,
			       side_name(a == ASSIGN_OUTSOURCE ? SIDE_OUTSOURCE : SIDE_INSOURCE),
			       NULL, NULL, pt->note ? pt->note : "", -1, e);
		if (rc)
			return rc;
	}
	if (pt->has_evidence) {
		*field = "evidence";
		rc = ops_evidence(st, w->name, p->framework_id, ref, pt->evidence, -1, e);
		if (rc)
			return rc;
	}
	*field = NULL;
	return 0;
}

int api_entry_patch(struct http_req *req, struct http_resp *resp)
{
	const char *ref = http_req_param(req, "ref");
	const char *if_match = http_req_header(req, "If-Match");
	struct store *st = web_store(req);
	struct err e = ERR_INIT;
	struct web_org w;
	struct portfolio p;
	struct patch pt;
	const struct entry *en;
	const char *field = NULL;
	char etag[32], fieldbuf[64];
	json_t *body = NULL;
	int rc, in_tx = 0, wants_editor, wants_score;

	portfolio_init(&p);
	rc = web_org(req, resp, ROLE_ASSESSOR, &w);
	if (rc)
		goto out;
	if (http_if_match(if_match, "\"v0\"") == HTTP_IF_MATCH_UNUSABLE) {
		rc = api_answered(http_json_error(
		    resp, 428, "if_match_required",
		    "send If-Match with the entry's strong ETag (GET it first; \"v0\" for a "
		    "service "
		    "not in the catalogue yet); \"*\" and weak validators are not accepted"));
		goto out;
	}
	rc = api_body(req, resp, &body);
	if (!rc)
		rc = take_patch(req, resp, body, &pt);
	if (rc)
		goto out;
	web_store_actor(req);
	rc = db_begin(st->db, &e);
	if (rc) {
		rc = api_fail(req, resp, &e, NULL);
		goto out;
	}
	in_tx = 1;
	if (ops_load(st, w.name, http_req_param(req, "fw"), &p, &e)) {
		rc = api_fail(req, resp, &e, NULL);
		goto out;
	}
	en = portfolio_find(&p, ref);
	if (!en && !selectable(&p, ref)) {
		rc = no_entry(resp, &p, ref);
		goto out;
	}
	api_etag(en ? en->version : 0, etag);
	if (http_if_match(if_match, etag) != HTTP_IF_MATCH_YES) {
		rc = conflict(req, resp, &p, en, en ? en->version : 0);
		goto out;
	}
	wants_editor = pt.level || pt.assignment || pt.has_team || pt.has_provider;
	wants_score = pt.has_score[0][0] || pt.has_score[0][1] || pt.has_score[1][0] ||
		      pt.has_score[1][1] || pt.has_note || pt.has_evidence;
	if (wants_editor && w.role < ROLE_EDITOR) {
		rc = http_json_error(resp, 403, "forbidden",
				     "changing the level or the assignment needs the editor role");
		goto out;
	}
	if (wants_score && w.role < ROLE_EDITOR && (!en || !web_may_score(&w, en))) {
		rc = http_json_error(resp, 403, "forbidden",
				     "assessors may only score services assigned to their team");
		goto out;
	}
	if (w.role < ROLE_EDITOR && en &&
	    (pt.has_score[SIDE_OUTSOURCE][0] || pt.has_score[SIDE_OUTSOURCE][1]) &&
	    !web_may_score_side(&w, en, SIDE_OUTSOURCE)) {
		rc = http_json_error(
		    resp, 403, "forbidden",
		    "assessors may only score the in-house side their team provides");
		goto out;
	}
	if (apply(st, &w, &p, en, ref, &pt, &field, fieldbuf, &e)) {
		rc = api_fail(req, resp, &e, e.code == ERR_CONFLICT ? NULL : field);
		goto out;
	}
	/* the answer is this request's own result: read it before the commit,
	 * so a concurrent update through another connection cannot show up in it */
	portfolio_release(&p);
	portfolio_init(&p);
	if (ops_load(st, w.name, http_req_param(req, "fw"), &p, &e)) {
		rc = api_fail(req, resp, &e, NULL);
		goto out;
	}
	in_tx = 0;
	if (db_commit(st->db, &e)) {
		rc = api_fail(req, resp, &e, NULL);
		goto out;
	}
	en = portfolio_find(&p, ref);
	rc = en ? send_entry(req, resp, &p, en) : no_entry(resp, &p, ref);
out:
	if (in_tx)
		db_rollback(st->db);
	json_decref(body);
	portfolio_release(&p);
	return rc > 0 ? 0 : rc;
}
