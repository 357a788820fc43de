/*
 * fuzz_json_body.c - a JSON request body, as every /api/v1 handler reads it:
 * api_body (parse with duplicate keys refused, object only, depth ceiling,
 * the 400 answer with the parse position), then the field helpers the
 * handlers share (api_known_fields, api_opt_string, api_req_string) over the
 * fields of the entry PATCH, and what a body's values go through next: levels,
 * assignments and scores (level.h), score values (score_from_json) and
 * evaluation answers (eval_validate).
 *
 * Properties: every answer the helpers give is a JSON error object with the
 * status it was sent with, also for a field name cut in the middle of a
 * character (as handlers cut them); an accepted body is an object.
 */
#include <string.h>

#include "core/evaluation.h"
#include "core/level.h"
#include "core/snapshot.h"
#include "fuzz.h"
#include "util/buf.h"
#include "util/err.h"
#include "web/api/api.h"
#include "web/http/http.h"

static const char *const patch_fields[] = {"level",    "assignment", "team", "provider",
					   "insource", "outsource",  "note", "evidence"};
static const char *const string_fields[] = {
    "level", "assignment", "team", "provider", "note",	      "evidence",	"name",
    "title", "owner",	   "due",  "status",   "approved_by", "next_evaluation"};

struct exchange {
	struct http_req req;
	struct http_resp resp;
};

static void exchange_init(struct exchange *x, const uint8_t *data, size_t size)
{
	memset(x, 0, sizeof(*x));
	x->req.method = "PATCH";
	x->req.path = "/api/v1/orgs/1/portfolios/x1060-2021/entries/A-1";
	x->req.query_string = "";
	http_params_init(&x->req.params);
	http_params_init(&x->req.query);
	http_params_init(&x->req.cookies);
	http_params_init(&x->req.form);
	buf_init(&x->req.body, HTTP_MAX_BODY);
	buf_add(&x->req.body, data, size);
	x->resp.status = 200;
	http_params_init(&x->resp.headers);
	buf_init(&x->resp.body, HTTP_MAX_RESPONSE);
}

static void exchange_release(struct exchange *x)
{
	http_params_release(&x->req.params);
	http_params_release(&x->req.query);
	http_params_release(&x->req.cookies);
	http_params_release(&x->req.form);
	buf_release(&x->req.body);
	http_params_release(&x->resp.headers);
	buf_release(&x->resp.body);
}

/* After a helper refused with its own error object (api_answered: ERR_INVALID, the
 * object in resp): a JSON error object carrying resp's status. */
static void check_answer(struct exchange *x, int rc, const char *what)
{
	json_t *j, *err;

	fuzz_check(rc == ERR_INVALID, "%s returned %d", what, rc);
	fuzz_check(x->resp.status >= 400 && x->resp.status < 500, "%s: status %d", what,
		   x->resp.status);
	j = json_loadb(x->resp.body.data, x->resp.body.len, 0, NULL);
	err = json_object_get(j, "error");
	fuzz_check(json_is_object(err) &&
		       json_integer_value(json_object_get(err, "status")) == x->resp.status &&
		       json_is_string(json_object_get(err, "message")),
		   "%s answered %d with '%s'", what, x->resp.status, x->resp.body.data);
	json_decref(j);
}

/*
 * Handlers name a field by a key cut to a byte width ("insource.%.40s"), which
 * may split a character: api_invalid must still answer 422 naming the field.
 */
static void check_field_names(const uint8_t *data, size_t size, const json_t *obj, int depth)
{
	struct exchange x;
	const char *k;
	json_t *v;
	char field[65];
	size_t w;
	int rc;

	json_object_foreach ((json_t *)obj, k, v) {
		for (w = 1; w <= strlen(k) && w < sizeof(field); w++) {
			memcpy(field, k, w);
			field[w] = '\0';
			exchange_init(&x, data, size);
			rc = api_invalid(&x.resp, field, "invalid value");
			fuzz_check(rc == 0 && x.resp.status == 422, "api_invalid: %d", rc);
			check_answer(&x, ERR_INVALID, "api_invalid");
			exchange_release(&x);
		}
		if (depth < 1 && json_is_object(v))
			check_field_names(data, size, v, depth + 1);
	}
}

static void check_values(const json_t *body)
{
	static const char *const sides[] = {"insource", "outsource"};
	struct err e = ERR_INIT;
	const char *s;
	size_t i;
	int score;

	if ((s = json_string_value(json_object_get(body, "level"))))
		level_parse(s);
	if ((s = json_string_value(json_object_get(body, "assignment"))))
		assignment_parse(s);
	for (i = 0; i < 2; i++) {
		const json_t *side = json_object_get(body, sides[i]);
		const char *k;
		json_t *v;

		if (!json_is_object(side))
			continue;
		json_object_foreach ((json_t *)side, k, v) {
			if (!score_from_json(v, &score))
				fuzz_check(score == SCORE_NONE || score == SCORE_NA ||
					       (score >= 0 && score <= 100),
					   "score %d from '%s'", score, k);
			if (json_is_string(v))
				score_parse(json_string_value(v), &score);
		}
	}
	if (json_is_object(json_object_get(body, "answers")))
		eval_validate(json_object_get(body, "answers"), &e);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct exchange x;
	json_t *body = NULL;
	const char *s;
	size_t i;
	int rc;

	exchange_init(&x, data, size);
	rc = api_body(&x.req, &x.resp, &body);
	if (rc) {
		check_answer(&x, rc, "api_body");
		fuzz_check(!body, "api_body answered and gave a body");
		exchange_release(&x);
		return 0;
	}
	fuzz_check(json_is_object(body), "api_body gave a non-object");
	check_values(body);
	check_field_names(data, size, body, 0);
	for (i = 0; i < sizeof(string_fields) / sizeof(string_fields[0]); i++) {
		exchange_release(&x);
		exchange_init(&x, data, size);
		rc = api_opt_string(&x.req, &x.resp, body, string_fields[i], &s);
		if (rc)
			check_answer(&x, rc, string_fields[i]);
	}
	exchange_release(&x);
	exchange_init(&x, data, size);
	rc = api_req_string(&x.req, &x.resp, body, "name", &s);
	if (rc)
		check_answer(&x, rc, "name");
	exchange_release(&x);
	exchange_init(&x, data, size);
	rc = api_known_fields(&x.req, &x.resp, body, patch_fields,
			      sizeof(patch_fields) / sizeof(patch_fields[0]));
	if (rc)
		check_answer(&x, rc, "api_known_fields");
	json_decref(body);
	exchange_release(&x);
	return 0;
}
