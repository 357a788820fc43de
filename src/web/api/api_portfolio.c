/*
 * api_portfolio.c - a portfolio as a whole: read it, create it, add a
 * custom service, plan its next evaluation, its JSON report and its gaps in
 * priority order.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/score.h"
#include "i18n/i18n.h"
#include "ops/ops.h"
#include "ops/ops_report.h"
#include "report/report.h"
#include "web/api/api.h"
#include "web/webctx.h"

int api_portfolio(struct http_req *req, struct http_resp *resp)
{
	struct web_org w;
	struct portfolio p;
	int rc;

	portfolio_init(&p);
	rc = api_portfolio_load(req, resp, ROLE_VIEWER, &w, &p);
	if (!rc)
		rc = api_send(resp, 200, api_portfolio_json(&p, api_lang(req)));
	portfolio_release(&p);
	return rc;
}

/* Location: /api/v1/orgs/<org>/portfolios/<fw><rest> */
static int location(struct http_resp *resp, long long org_id, const char *fw, const char *rest)
{
	struct buf b;
	int rc;

	buf_init(&b, 4096);
	rc = buf_printf(&b, "/api/v1/orgs/%lld/portfolios/", org_id);
	if (!rc)
		rc = http_percent_encode(&b, fw);
	if (!rc && rest)
		rc = buf_addstr(&b, "/entries/");
	if (!rc && rest)
		rc = http_percent_encode(&b, rest);
	if (!rc)
		rc = http_resp_header(resp, "Location", b.data);
	buf_release(&b);
	return rc;
}

int api_portfolio_create(struct http_req *req, struct http_resp *resp)
{
	struct store *st = web_store(req);
	struct err e = ERR_INIT;
	struct web_org w;
	struct portfolio p;
	const char *fw, *preset;
	const struct api_member m[] = {{"framework", 1, &fw}, {"preset", 0, &preset}};
	json_t *body = NULL;
	int rc;

	portfolio_init(&p);
	rc = web_org(req, ROLE_EDITOR, &w);
	if (!rc)
		rc = api_body_members(req, resp, &body, m, 2);
	if (rc)
		goto out;
	web_store_actor(req);
	if (ops_portfolio_new(st, w.name, fw, preset, &e)) {
		rc = api_refuse(req, resp, &e);
		goto out;
	}
	if (ops_load(st, w.name, fw, &p, &e)) {
		rc = api_fail(req, resp, &e, NULL);
		goto out;
	}
	rc = location(resp, w.id, fw, NULL);
	if (!rc)
		rc = api_send(resp, 201, api_portfolio_json(&p, api_lang(req)));
out:
	json_decref(body);
	portfolio_release(&p);
	return rc;
}

int api_service_create(struct http_req *req, struct http_resp *resp)
{
	struct store *st = web_store(req);
	struct err e = ERR_INIT;
	struct web_org w;
	struct portfolio p;
	const char *ref, *name_en, *name_ja, *category, *level;
	const struct api_member m[] = {{"ref", 1, &ref},
				       {"name_en", 1, &name_en},
				       {"name_ja", 0, &name_ja},
				       {"category", 1, &category},
				       {"level", 0, &level}};
	const struct entry *en;
	char etag[32];
	json_t *body = NULL;
	int rc;

	portfolio_init(&p);
	rc = api_portfolio_load(req, resp, ROLE_EDITOR, &w, &p);
	if (!rc)
		rc = api_body_members(req, resp, &body, m, sizeof(m) / sizeof(m[0]));
	if (rc)
		goto out;
	web_store_actor(req);
	if (ops_service_add(st, w.name, p.framework_id, ref, name_en, name_ja, category, level,
			    &e)) {
		rc = api_refuse(req, resp, &e);
		goto out;
	}
	if (ops_load(st, w.name, http_req_param(req, "fw"), &p, &e)) {
		rc = api_fail(req, resp, &e, NULL);
		goto out;
	}
	en = portfolio_find(&p, ref);
	if (!en) {
		rc = ERR_INTERNAL;
		goto out;
	}
	api_etag(en->version, etag);
	rc = http_resp_header(resp, "ETag", etag);
	if (!rc)
		rc = location(resp, w.id, p.framework_id, ref);
	if (!rc)
		rc = api_send(resp, 201, api_entry_json(&p, en, api_lang(req)));
out:
	json_decref(body);
	portfolio_release(&p);
	return rc;
}

/* PUT .../schedule {"next_evaluation": "YYYY-MM-DD" | null}: the planned date (admin). */
int api_schedule(struct http_req *req, struct http_resp *resp)
{
	struct err e = ERR_INIT;
	struct web_org w;
	struct portfolio p;
	const char *date;
	const struct api_member m[] = {{"next_evaluation", 0, &date}};
	json_t *body = NULL;
	int rc;

	portfolio_init(&p);
	rc = api_portfolio_load(req, resp, ROLE_ADMIN, &w, &p);
	if (!rc)
		rc = api_body_members(req, resp, &body, m, 1);
	if (!rc && !json_object_get(body, "next_evaluation"))
		rc = api_answered(
		    api_invalid_msg(req, resp, "next_evaluation", MSG_E_API_NEXT_EVALUATION));
	if (rc)
		goto out;
	web_store_actor(req);
	if (ops_schedule_evaluation(web_store(req), w.name, p.framework_id, date, &e)) {
		rc = api_refuse(req, resp, &e);
		goto out;
	}
	rc = api_send(resp, 200,
		      json_pack("{s:s?}", "next_evaluation", date && *date ? date : NULL));
out:
	json_decref(body);
	portfolio_release(&p);
	return rc;
}

/* ?lang= must name a language cdcf speaks when given. Returns 0, or refuses with 400. */
static int check_lang(struct http_req *req, struct http_resp *resp)
{
	const char *q = http_req_query(req, "lang");
	int lang;

	if (!q)
		return 0;
	lang = lang_parse(q);
	if (lang < 0)
		return api_answered(
		    api_error(req, resp, 400, "bad_lang", "lang", MSG_E_API_BAD_LANG));
	req->lang = lang;
	return 0;
}

int api_report(struct http_req *req, struct http_resp *resp)
{
	struct ops_report r;
	struct err e = ERR_INIT;
	struct web_org w;
	struct portfolio p;
	int rc;

	portfolio_init(&p);
	rc = check_lang(req, resp);
	if (!rc)
		rc = api_portfolio_load(req, resp, ROLE_VIEWER, &w, &p);
	if (rc)
		goto out;
	http_resp_text(resp, 200);
	resp->content_type = "application/json";
	/* the full model, as the report page's JSON download: trend, summary, actions */
	if (ops_report_model(web_store(req), &p, req->lang, &r, &e)) {
		rc = api_fail(req, resp, &e, NULL);
		goto out;
	}
	if (report_model_render(r.m, REPORT_JSON, &resp->body, &e))
		rc = api_fail(req, resp, &e, NULL);
	ops_report_release(&r);
out:
	portfolio_release(&p);
	return rc;
}

/* A figure as a number, rounded as every view shows it (score_round): an
 * integer when whole, else up to two decimals. */
static json_t *figure(double v)
{
	double r = score_round(v);

	if (r == (double)(long long)r)
		return json_integer((json_int_t)r);
	return json_real(r);
}

int api_gaps(struct http_req *req, struct http_resp *resp)
{
	const char *lang = api_lang(req);
	struct web_org w;
	struct portfolio p;
	struct gap *g = NULL;
	size_t n, i;
	json_t *arr;
	int rc;

	portfolio_init(&p);
	rc = check_lang(req, resp);
	if (!rc)
		rc = api_portfolio_load(req, resp, ROLE_VIEWER, &w, &p);
	if (rc)
		goto out;
	lang = api_lang(req);
	n = score_gaps(&p, &g);
	arr = json_array();
	for (i = 0; i < n; i++) {
		const struct entry *en = &p.entries[g[i].entry];
		json_array_append_new(
		    arr, json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:o}", "rank",
				   (json_int_t)(i + 1), "ref", en->ref_id, "name",
				   entry_name(&p, en, lang) ? entry_name(&p, en, lang) : en->ref_id,
				   "level", level_name(en->level), "assignment",
				   assignment_name(en->assignment), "current", figure(g[i].current),
				   "target", figure(g[i].target), "gap", figure(g[i].gap)));
	}
	free(g);
	rc = api_send(resp, 200,
		      json_pack("{s:s, s:i, s:o}", "framework", p.framework_id, "cycle", p.cycle,
				"gaps", arr));
out:
	portfolio_release(&p);
	return rc;
}
