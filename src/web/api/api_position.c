/*
 * api_position.c - PUT and DELETE .../positions/{ref}: the organization's own
 * position of a service on the procurement quadrant (ops_quadrant.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/ops_quadrant.h"
#include "web/api/api.h"
#include "web/webctx.h"

/* A member as ops reads it: a JSON integer in decimal, a string as it is, anything
 * else as its JSON text (which ops then refuses, naming the service). */
static const char *axis_text(const json_t *v, char *buf, size_t size)
{
	char *s;

	if (json_is_integer(v)) {
		snprintf(buf, size, "%lld", (long long)json_integer_value(v));
		return buf;
	}
	if (json_is_string(v))
		return json_string_value(v);
	s = v ? json_dumps(v, JSON_ENCODE_ANY) : NULL;
	snprintf(buf, size, "%s", s ? s : "");
	free(s);
	return buf;
}

/* The answer: the position the service now has, and whose it is. */
static int answer(struct http_req *req, struct http_resp *resp, const struct web_org *w,
		  const char *fw, const char *ref)
{
	struct err e = ERR_INIT;
	struct portfolio p;
	const struct entry *en;
	int i, rc;

	portfolio_init(&p);
	if (ops_load(web_store(req), w->name, fw, &p, &e)) {
		rc = api_refuse(req, resp, &e);
		portfolio_release(&p);
		return rc;
	}
	en = portfolio_find(&p, ref);
	i = !en || en->custom || !p.fw ? -1 : framework_find(p.fw, ref);
	if (en && en->placed)
		rc =
		    api_send(resp, 200,
			     json_pack("{s:s, s:i, s:i, s:s}", "ref", ref, "skill", en->place.skill,
				       "information", en->place.info, "source", "organization"));
	else if (i >= 0 && p.fw->nodes[i].quadrant.skill >= 0)
		rc = api_send(resp, 200,
			      json_pack("{s:s, s:i, s:i, s:s}", "ref", ref, "skill",
					p.fw->nodes[i].quadrant.skill, "information",
					p.fw->nodes[i].quadrant.info, "source", "catalogue"));
	else
		rc = api_send(resp, 200,
			      json_pack("{s:s, s:n, s:n, s:n}", "ref", ref, "skill", "information",
					"source"));
	portfolio_release(&p);
	return rc;
}

static int save(struct http_req *req, struct http_resp *resp, int reset)
{
	static const char *const allowed[] = {"skill", "information"};
	struct ops_position pos = {0};
	struct err e = ERR_INIT;
	struct web_org w;
	struct portfolio p;
	json_t *body = NULL;
	char skill[64], info[64];
	int rc;

	portfolio_init(&p);
	rc = api_portfolio_load(req, resp, ROLE_EDITOR, &w, &p);
	if (!rc && !reset) {
		rc = api_body(req, resp, &body);
		if (!rc)
			rc = api_known_fields(req, resp, body, allowed, 2);
		if (!rc) {
			pos.skill = axis_text(json_object_get(body, "skill"), skill, sizeof(skill));
			pos.information =
			    axis_text(json_object_get(body, "information"), info, sizeof(info));
		}
	}
	if (rc)
		goto out;
	pos.ref = http_req_param(req, "ref");
	pos.reset = reset;
	web_store_actor(req);
	if (ops_quadrant_save(web_store(req), w.name, p.framework_id, &pos, 1, NULL, &e)) {
		rc = api_refuse(req, resp, &e);
		goto out;
	}
	rc = answer(req, resp, &w, p.framework_id, pos.ref);
out:
	json_decref(body);
	portfolio_release(&p);
	return rc;
}

/* PUT .../positions/{ref} {"skill": 0-100, "information": 0-100} (editor). */
int api_position_put(struct http_req *req, struct http_resp *resp)
{
	return save(req, resp, 0);
}

/* DELETE .../positions/{ref}: back to the catalogue's position (editor). */
int api_position_delete(struct http_req *req, struct http_resp *resp)
{
	return save(req, resp, 1);
}
