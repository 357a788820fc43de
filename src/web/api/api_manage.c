/*
 * api_manage.c - managing and evaluating a portfolio: improvement actions,
 * evaluation cycles (closing one with the answers) and the diff between two.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/snapshot.h"
#include "ops/ops.h"
#include "web/api/api.h"
#include "web/webctx.h"

static json_t *action_json(const struct action *a)
{
	return json_pack("{s:I, s:s, s:s, s:s?, s:s?, s:o, s:s, s:s?, s:s?}", "id",
			 (json_int_t)a->id, "ref", a->ref_id, "title", a->title, "owner", a->owner,
			 "due", a->due, "target", score_to_json(a->target), "status", a->status,
			 "created_at", a->created_at, "done_at", a->done_at);
}

int api_actions(struct http_req *req, struct http_resp *resp)
{
	const char *status = http_req_query(req, "status");
	struct err e = ERR_INIT;
	struct web_org w;
	struct api_page pg;
	struct portfolio p;
	struct action *a = NULL;
	size_t n = 0, i;
	json_t *items;
	int rc;

	portfolio_init(&p);
	if (status && strcmp(status, "open") && strcmp(status, "done") && strcmp(status, "all")) {
		rc = api_answered(
		    api_error(req, resp, 400, "bad_status", "status", MSG_E_API_BAD_STATUS));
		goto out;
	}
	rc = api_page_parse(req, resp, &pg);
	if (!rc)
		rc = api_portfolio_load(req, resp, ROLE_VIEWER, &w, &p);
	if (rc)
		goto out;
	if (store_action_list(web_store(req), p.id, status && strcmp(status, "all") ? status : NULL,
			      &a, &n, &e)) {
		rc = api_fail(req, resp, &e, NULL);
		goto out;
	}
	items = json_array();
	for (i = pg.offset; i < n && i - pg.offset < pg.per_page; i++)
		json_array_append_new(items, action_json(&a[i]));
	rc = api_page_send(req, resp, &pg, items, n);
out:
	action_list_free(a, n);
	portfolio_release(&p);
	return rc;
}

/* Send action id of portfolio pid with status. */
static int send_action(struct http_req *req, struct http_resp *resp, int status, long long pid,
		       long long id)
{
	struct err e = ERR_INIT;
	struct action *a = NULL;
	size_t n = 0, i;
	int rc;

	if (store_action_list(web_store(req), pid, NULL, &a, &n, &e))
		return api_fail(req, resp, &e, NULL);
	for (i = 0; i < n && a[i].id != id; i++)
		;
	rc = i < n ? api_send(resp, status, action_json(&a[i])) : ERR_INTERNAL;
	action_list_free(a, n);
	return rc;
}

int api_action_create(struct http_req *req, struct http_resp *resp)
{
	struct err e = ERR_INIT;
	struct web_org w;
	struct portfolio p;
	const char *ref, *title, *owner, *due, *target = NULL;
	const struct api_member m[] = {{"ref", 1, &ref},
				       {"title", 1, &title},
				       {"owner", 0, &owner},
				       {"due", 0, &due},
				       {"target", 0, NULL}};
	const json_t *tv;
	char tbuf[24];
	long long id;
	json_t *body = NULL;
	int rc;

	portfolio_init(&p);
	rc = api_portfolio_load(req, resp, ROLE_EDITOR, &w, &p);
	if (!rc)
		rc = api_body_members(req, resp, &body, m, sizeof(m) / sizeof(m[0]));
	if (rc)
		goto out;
	tv = json_object_get(body, "target");
	if (json_is_integer(tv)) {
		snprintf(tbuf, sizeof(tbuf), "%lld", (long long)json_integer_value(tv));
		target = tbuf;
	} else if (tv && !json_is_null(tv) &&
		   (rc = api_opt_string(req, resp, body, "target", &target))) {
		goto out;
	}
	web_store_actor(req);
	if (ops_action_add(web_store(req), w.name, p.framework_id, ref, title, owner, due, target,
			   &id, &e)) {
		rc = api_refuse(req, resp, &e);
		goto out;
	}
	rc = send_action(req, resp, 201, p.id, id);
out:
	json_decref(body);
	portfolio_release(&p);
	return rc;
}

/* A positive decimal path parameter, or -1. */
static long long path_number(const char *s)
{
	char *end;
	long long v;

	if (!s || *s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoll(s, &end, 10);
	return *end || errno || v <= 0 ? -1 : v;
}

/*
 * The target member of a body as ops takes it: a number or a string ("n/a")
 * as text in tbuf, "" for null (clears), NULL when absent. 0, or refuses.
 */
static int body_target(struct http_req *req, struct http_resp *resp, const json_t *body,
		       char tbuf[24], const char **target)
{
	const json_t *tv = json_object_get(body, "target");

	*target = NULL;
	if (!tv)
		return 0;
	if (json_is_null(tv)) {
		*target = "";
		return 0;
	}
	if (json_is_integer(tv)) {
		snprintf(tbuf, 24, "%lld", (long long)json_integer_value(tv));
		*target = tbuf;
		return 0;
	}
	return api_opt_string(req, resp, body, "target", target);
}

/* An optional text member: NULL when absent, "" for null (clears), else the string. */
static const char *cleared(const json_t *body, const char *name, const char *value)
{
	return json_is_null(json_object_get(body, name)) ? "" : value;
}

/*
 * PATCH an action: status (mark done or open again) and/or title, owner,
 * due and target (null clears owner, due and target). Each part is one ops
 * call; the edit comes first, so a refused edit leaves the status as it was.
 */
int api_action_patch(struct http_req *req, struct http_resp *resp)
{
	long long id = path_number(http_req_param(req, "id"));
	struct err e = ERR_INIT;
	struct web_org w;
	struct portfolio p;
	const char *status = NULL, *title = NULL, *owner = NULL, *due = NULL, *target = NULL;
	const struct api_member m[] = {{"status", 0, &status},
				       {"title", 0, &title},
				       {"owner", 0, &owner},
				       {"due", 0, &due},
				       {"target", 0, NULL}};
	char tbuf[24];
	json_t *body = NULL;
	int rc;

	portfolio_init(&p);
	rc = api_portfolio_load(req, resp, ROLE_EDITOR, &w, &p);
	if (!rc && id < 0)
		rc =
		    api_answered(api_error(req, resp, 404, "not_found", NULL, MSG_E_API_NO_ACTION));
	if (!rc)
		rc = api_body_members(req, resp, &body, m, sizeof(m) / sizeof(m[0]));
	if (!rc)
		rc = body_target(req, resp, body, tbuf, &target);
	if (rc)
		goto out;
	owner = cleared(body, "owner", owner);
	due = cleared(body, "due", due);
	if (json_is_null(json_object_get(body, "title")))
		title = "";
	/* nothing to change: refused as a missing status was before edits existed */
	if (!status && !title && !owner && !due && !target &&
	    (rc = api_req_string(req, resp, body, "status", &status)))
		goto out;
	web_store_actor(req);
	if ((title || owner || due || target) &&
	    ops_action_edit(web_store(req), w.name, p.framework_id, id, title, owner, due, target,
			    &e)) {
		rc = api_refuse(req, resp, &e);
		goto out;
	}
	if (status && ops_action_status(web_store(req), w.name, p.framework_id, id, status, &e)) {
		rc = api_refuse(req, resp, &e);
		goto out;
	}
	rc = send_action(req, resp, 200, p.id, id);
out:
	json_decref(body);
	portfolio_release(&p);
	return rc;
}

int api_action_delete(struct http_req *req, struct http_resp *resp)
{
	long long id = path_number(http_req_param(req, "id"));
	struct err e = ERR_INIT;
	struct web_org w;
	struct portfolio p;
	struct action a = {0};
	int rc;

	portfolio_init(&p);
	rc = api_portfolio_load(req, resp, ROLE_EDITOR, &w, &p);
	if (!rc && id < 0)
		rc =
		    api_answered(api_error(req, resp, 404, "not_found", NULL, MSG_E_API_NO_ACTION));
	if (rc)
		goto out;
	/* the answer is the action as it was */
	if (store_action_get(web_store(req), p.id, id, &a, &e)) {
		rc = api_refuse(req, resp, &e);
		goto out;
	}
	web_store_actor(req);
	if (ops_action_delete(web_store(req), w.name, p.framework_id, id, &e)) {
		rc = api_refuse(req, resp, &e);
		goto out;
	}
	rc = api_send(resp, 200, action_json(&a));
out:
	action_release(&a);
	portfolio_release(&p);
	return rc;
}

static json_t *cycle_json(const struct cycle *c)
{
	json_t *ans = c->answers_json ? json_loads(c->answers_json, 0, NULL) : NULL;

	return json_pack("{s:i, s:b, s:s?, s:s?, s:s?, s:s?, s:o}", "number", c->number, "open",
			 c->closed_at == NULL, "opened_at", c->opened_at, "closed_at", c->closed_at,
			 "approved_by", c->approved_by, "snapshot_hash", c->snapshot_hash,
			 "answers", ans ? ans : json_null());
}

int api_cycles(struct http_req *req, struct http_resp *resp)
{
	struct err e = ERR_INIT;
	struct web_org w;
	struct portfolio p;
	struct cycle *c = NULL;
	size_t n = 0, i;
	json_t *arr;
	int rc;

	portfolio_init(&p);
	rc = api_portfolio_load(req, resp, ROLE_VIEWER, &w, &p);
	if (rc)
		goto out;
	if (store_cycle_list(web_store(req), p.id, &c, &n, &e)) {
		rc = api_fail(req, resp, &e, NULL);
		goto out;
	}
	arr = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(arr, cycle_json(&c[i]));
	rc = api_send(resp, 200, json_pack("{s:i, s:o}", "open_cycle", p.cycle, "cycles", arr));
out:
	cycle_list_free(c, n);
	portfolio_release(&p);
	return rc;
}

int api_evaluate(struct http_req *req, struct http_resp *resp)
{
	struct store *st = web_store(req);
	struct err e = ERR_INIT;
	struct web_org w;
	struct portfolio p;
	struct cycle c = {0};
	const char *approver, *next;
	const struct api_member m[] = {
	    {"answers", 0, NULL}, {"approved_by", 0, &approver}, {"next_evaluation", 0, &next}};
	json_t *body = NULL, *answers;
	int rc;

	portfolio_init(&p);
	rc = api_portfolio_load(req, resp, ROLE_ADMIN, &w, &p);
	if (!rc)
		rc = api_body_members(req, resp, &body, m, sizeof(m) / sizeof(m[0]));
	if (rc)
		goto out;
	answers = json_object_get(body, "answers");
	if (!json_is_object(answers)) {
		rc = api_answered(api_invalid_msg(req, resp, "answers", MSG_E_API_ANSWERS_OBJECT));
		goto out;
	}
	web_store_actor(req);
	if (ops_evaluate(st, w.name, p.framework_id, answers, approver, next, &e)) {
		rc = api_refuse(req, resp, &e);
		goto out;
	}
	if (store_cycle_get(st, p.id, p.cycle, &c, &e)) {
		rc = api_fail(req, resp, &e, NULL);
		goto out;
	}
	rc = api_send(resp, 201, cycle_json(&c));
out:
	cycle_release(&c);
	json_decref(body);
	portfolio_release(&p);
	return rc;
}

int api_diff(struct http_req *req, struct http_resp *resp)
{
	long long a = path_number(http_req_param(req, "a"));
	long long b = path_number(http_req_param(req, "b"));
	struct store *st = web_store(req);
	struct err e = ERR_INIT;
	struct web_org w;
	struct portfolio p;
	struct change *ch = NULL;
	json_t *sa = NULL, *sb = NULL, *arr;
	size_t n = 0, i;
	int rc;

	portfolio_init(&p);
	rc = api_portfolio_load(req, resp, ROLE_VIEWER, &w, &p);
	if (rc)
		goto out;
	if (a < 0 || b < 0 || a > 1000000 || b > 1000000) {
		rc =
		    api_answered(api_error(req, resp, 400, "bad_cycle", NULL, MSG_E_API_BAD_CYCLE));
		goto out;
	}
	if (ops_cycle_snapshot(st, w.name, p.framework_id, (int)a, &sa, &e) ||
	    ops_cycle_snapshot(st, w.name, p.framework_id, (int)b, &sb, &e)) {
		rc = api_fail(req, resp, &e, NULL);
		goto out;
	}
	n = snapshot_diff(sa, sb, &ch);
	arr = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(
		    arr, json_pack("{s:s, s:s, s:s, s:s, s:s}", "ref", ch[i].ref_id, "change",
				   change_kind_name(ch[i].kind), "field", ch[i].field, "before",
				   ch[i].before, "after", ch[i].after));
	rc = api_send(
	    resp, 200,
	    json_pack("{s:I, s:I, s:o}", "a", (json_int_t)a, "b", (json_int_t)b, "changes", arr));
out:
	change_list_free(ch, n);
	json_decref(sa);
	json_decref(sb);
	portfolio_release(&p);
	return rc;
}
