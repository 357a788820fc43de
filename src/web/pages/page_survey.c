/*
 * page_survey.c - surveys across organizations on the web (see page_survey.h).
 *
 * The respondent's form is ONE plain form (no JavaScript), one short block per
 * service: implemented?, level, in-house / outsourced / hybrid, current score,
 * an optional note. Blocks left at "no answer" are not sent to the survey; the
 * others go in one ops_survey_answer(_link), all or none, so a refusal shows
 * the form again (400) with the input kept and the message naming the service.
 * After saving, the page shows where the answers stand against the aggregate
 * when enough responses allow it. A link's form is reached without an account:
 * its CSRF token is the pre-session cookie's (web_form_token), as on /login,
 * and the token in the path is never logged (HTTP_ROUTE_SECRET_PATH).
 */
#include "web/pages/page_survey.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/level.h"
#include "i18n/i18n.h"
#include "ops/ops_survey.h"
#include "report/html.h"
#include "report/survey_report.h"
#include "store/store_survey.h"
#include "util/utf8.h"
#include "web/pages/kit.h"
#include "web/pages/page.h"
#include "web/pages/page_survey_file.h"
#include "web/webapp.h"
#include "web/webctx.h"

#define SURVEYS_PAGE 100 /* surveys listed on one page of /surveys */
#define AFTER_MAX 400	 /* bytes of ?after= on /surveys/{id} (an organization name) */

static const char *jstr_of(json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static const char *field(struct http_req *req, const char *prefix, const char *ref)
{
	char name[160];

	snprintf(name, sizeof(name), "%s:%s", prefix, ref);
	return http_req_form(req, name);
}

/* The answer to ref in answers (a JSON list), or NULL. */
static json_t *answer_of(json_t *answers, const char *ref)
{
	size_t i;
	json_t *v;

	json_array_foreach (answers, i, v)
		if (!strcmp(jstr_of(v, "ref"), ref))
			return v;
	return NULL;
}

/* The value shown for key of ref: the form's when it was sent back, else the stored answer. */
static const char *shown(struct http_req *req, json_t *answers, int from_form, const char *prefix,
			 const char *key, const char *ref)
{
	json_t *a;

	if (from_form)
		return field(req, prefix, ref);
	a = answer_of(answers, ref);
	if (!a)
		return NULL;
	if (!strcmp(key, "implemented"))
		return json_is_true(json_object_get(a, key)) ? "yes" : "no";
	return jstr_of(a, key);
}

static void select_field(struct buf *b, const char *prefix, const char *ref, const char *label,
			 const char *const *values, const char *const *texts, size_t n,
			 const char *current)
{
	char name[160];
	size_t i;

	snprintf(name, sizeof(name), "%s:%s", prefix, ref);
	kit_select_begin(b, name, name, label, 0);
	for (i = 0; i < n; i++)
		kit_option(b, values[i], texts[i], current ? !strcmp(current, values[i]) : i == 0);
	kit_select_end(b);
}

/* Where the answers stand against the aggregate (results with "position"). */
static void render_position(struct http_req *req, struct buf *b, json_t *results)
{
	enum lang lang = req->lang;
	json_t *pos = json_object_get(results, "position"), *v;
	size_t i;
	char n1[32], n2[32];

	if (!json_is_array(pos) || !json_array_size(pos))
		return;
	html_raw(b, "<section class=\"card\">\n");
	html_elem(b, "h2", tr(lang, MSG_WEB_SURVEY_POSITION), (char *)NULL);
	/* wider than a phone: it scrolls inside its frame, the page does not */
	html_raw(b, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"table\"><thead><tr>");
	html_elem(b, "th", tr(lang, MSG_SURVEY_H_REF), (char *)NULL);
	html_elem(b, "th", tr(lang, MSG_WEB_SURVEY_YOURS), (char *)NULL);
	html_elem(b, "th", tr(lang, MSG_SURVEY_H_MEAN), (char *)NULL);
	html_elem(b, "th", tr(lang, MSG_SURVEY_H_IMPLEMENTING), (char *)NULL);
	html_raw(b, "</tr></thead><tbody>\n");
	json_array_foreach (pos, i, v) {
		html_raw(b, "<tr>");
		html_elem(b, "td", jstr_of(v, "ref"), (char *)NULL);
		html_elem(b, "td", jstr_of(v, "current") ? jstr_of(v, "current") : "-",
			  (char *)NULL);
		if (json_is_true(json_object_get(v, "suppressed"))) {
			html_raw(b, "<td colspan=\"2\">");
			html_text(b, kit_tr(req, MSG_WEB_SURVEY_FEWER,
					    jstr_of(results, "min_group_text"), NULL));
			html_raw(b, "</td>");
		} else {
			json_t *m = json_object_get(v, "mean_score");
			snprintf(n1, sizeof(n1), "%.2f", json_number_value(m));
			snprintf(n2, sizeof(n2), "%.0f%%",
				 json_number_value(json_object_get(v, "implementing")) * 100.0);
			html_elem(b, "td", json_is_number(m) ? n1 : "-", (char *)NULL);
			html_elem(b, "td", n2, (char *)NULL);
		}
		html_raw(b, "</tr>\n");
	}
	html_raw(b, "</tbody></table></div>\n</section>\n");
}

/* The respondent's form of survey desc at action (a link: with the respondent's name). */
static int render_form(struct http_req *req, struct http_resp *resp, int status, const char *action,
		       int by_link, json_t *desc, json_t *answers, int from_form,
		       const struct err *e, json_t *results)
{
	static const char *const yn[] = {"", "yes", "no"};
	static const char *const lv[] = {"",	     "basic",	 "standard",
					 "advanced", "optional", "not_required"};
	static const char *const as[] = {"", "insource", "outsource", "hybrid"};
	enum lang lang = req->lang;
	struct buf *b = &resp->body;
	const char *yn_t[3], *lv_t[6], *as_t[4], *scale_hint;
	const char *token = by_link ? web_form_token(req, resp) : NULL;
	json_t *v;
	size_t i;
	int k;

	if (by_link && !token)
		return ERR_INTERNAL;
	yn_t[0] = lv_t[0] = as_t[0] = tr(lang, MSG_WEB_SURVEY_NO_ANSWER);
	yn_t[1] = tr(lang, MSG_WEB_SURVEY_YES);
	yn_t[2] = tr(lang, MSG_WEB_SURVEY_NO);
	for (k = 1; k < 6; k++)
		lv_t[k] = tr_level(lang, level_parse(lv[k]));
	for (k = 1; k < 4; k++)
		as_t[k] = tr_assignment(lang, assignment_parse(as[k]));
	scale_hint =
	    kit_tr(req, MSG_WEB_SURVEY_SCALE, jstr_of(json_object_get(desc, "scale"), "insource"),
		   jstr_of(json_object_get(desc, "scale"), "outsource"));
	page_begin(req, resp, status, jstr_of(desc, "name"));
	html_raw(b, "<section class=\"card survey\">\n");
	html_elem(b, "h1", jstr_of(desc, "name"), (char *)NULL);
	if (json_is_string(json_object_get(desc, "deadline")))
		html_elem(b, "p",
			  kit_tr(req, MSG_WEB_SURVEY_DEADLINE, jstr_of(desc, "deadline"), NULL),
			  (char *)NULL);
	kit_notice(b, KIT_INFO, tr(lang, MSG_WEB_SURVEY_HOWTO));
	if (status == 200 && results)
		kit_notice(b, KIT_OK, tr(lang, MSG_WEB_SURVEY_SAVED));
	kit_error_notice(req, b, e);
	if (!json_is_true(json_object_get(desc, "open"))) {
		kit_notice(b, KIT_WARN, tr(lang, MSG_WEB_SURVEY_ENDED));
		html_raw(b, "</section>\n");
		if (results)
			render_position(req, b, results);
		page_end(req, resp);
		return buf_status(b);
	}
	if (by_link) {
		html_raw(b, "<form method=\"post\" class=\"stack\">\n");
		kit_hidden(b, "csrf", token);
		kit_input(b, "text", "respondent", "respondent",
			  tr(lang, MSG_WEB_SURVEY_RESPONDENT), http_req_form(req, "respondent"), 0,
			  NULL);
		kit_input(b, "text", "respondent_org", "respondent_org",
			  tr(lang, MSG_WEB_SURVEY_RESPONDENT_ORG),
			  http_req_form(req, "respondent_org"), 0, NULL);
	} else {
		kit_form_begin(req, b, action, "stack");
	}
	json_array_foreach (json_object_get(desc, "services"), i, v) {
		const char *ref = jstr_of(v, "ref");
		char id[160];
		html_raw(b, "<fieldset class=\"service\">\n<legend>");
		html_text(b, ref);
		html_raw(b, " ");
		html_text(b, jstr_of(v, "name"));
		html_raw(b, "</legend>\n");
		select_field(b, "impl", ref, tr(lang, MSG_WEB_SURVEY_IMPLEMENTED), yn, yn_t, 3,
			     shown(req, answers, from_form, "impl", "implemented", ref));
		select_field(b, "level", ref, tr(lang, MSG_WEB_SURVEY_LEVEL), lv, lv_t, 6,
			     shown(req, answers, from_form, "level", "level", ref));
		select_field(b, "asg", ref, tr(lang, MSG_WEB_SURVEY_ASSIGNMENT), as, as_t, 4,
			     shown(req, answers, from_form, "asg", "assignment", ref));
		snprintf(id, sizeof(id), "cur:%s", ref);
		kit_input(b, "text", id, id, tr(lang, MSG_WEB_SURVEY_CURRENT),
			  shown(req, answers, from_form, "cur", "current", ref), 0, scale_hint);
		snprintf(id, sizeof(id), "note:%s", ref);
		kit_input(b, "text", id, id, tr(lang, MSG_WEB_SURVEY_NOTE),
			  shown(req, answers, from_form, "note", "note", ref), 0, NULL);
		html_raw(b, "</fieldset>\n");
	}
	kit_form_end(b, tr(lang, MSG_WEB_SURVEY_SEND), "button primary");
	if (survey_file_block(req, b, by_link ? NULL : action, token)) /* page_survey_file.c */
		return ERR_NOMEM;
	html_raw(b, "</section>\n");
	if (results)
		render_position(req, b, results);
	page_end(req, resp);
	return buf_status(b);
}

/* The inputs the form sent: the services with an answer to "implemented". */
static int inputs(struct http_req *req, json_t *desc, struct ops_survey_input **out, size_t *n)
{
	json_t *services = json_object_get(desc, "services"), *v;
	size_t i, k = 0;

	*out = calloc(json_array_size(services) + 1, sizeof(**out));
	if (!*out)
		return ERR_NOMEM;
	json_array_foreach (services, i, v) {
		const char *ref = jstr_of(v, "ref"), *impl = field(req, "impl", ref);
		if (!impl || !*impl)
			continue;
		(*out)[k].ref = ref;
		(*out)[k].implemented = impl;
		(*out)[k].level = field(req, "level", ref);
		(*out)[k].assignment = field(req, "asg", ref);
		(*out)[k].current = field(req, "cur", ref);
		(*out)[k].note = field(req, "note", ref);
		k++;
	}
	*n = k;
	return 0;
}

/* ---- by link ---- */

static int link_page(struct http_req *req, struct http_resp *resp, int post)
{
	struct store *st = web_store(req);
	const char *token = http_req_param(req, "token");
	struct err e = ERR_INIT, fail = ERR_INIT;
	long long sid, rid;
	json_t *desc = NULL, *answers = NULL, *results = NULL;
	struct ops_survey_input *in = NULL;
	size_t n = 0;
	int rc, status = 200;
	char action[16] = "";

	if (ops_survey_link_find(st, token, &sid, &rid, &e))
		return http_fail(req, &e);
	if (ops_survey_describe(st, sid, lang_code(req->lang), &desc, &e))
		return http_fail(req, &e);
	if (post) {
		rc = inputs(req, desc, &in, &n);
		if (rc) {
			json_decref(desc);
			return rc;
		}
		if (ops_survey_answer_link(st, token, http_req_form(req, "respondent"),
					   http_req_form(req, "respondent_org"), in, n, &fail)) {
			status = kit_form_status(&fail);
			free(in);
			if (!status) {
				json_decref(desc);
				return http_fail(req, &fail);
			}
		} else {
			free(in);
			ops_survey_link_find(st, token, &sid, &rid, &e);
		}
	}
	if (rid && ops_survey_response_answers(st, rid, &answers, &e) == 0)
		ops_survey_results(st, jstr_of(desc, "name"), rid, lang_code(req->lang), &results,
				   &e);
	if (results) {
		char k[16];
		snprintf(k, sizeof(k), "%lld",
			 (long long)json_integer_value(json_object_get(results, "min_group")));
		json_object_set_new(results, "min_group_text", json_string(k));
	}
	/* after a refusal the form's input is shown again, else the saved answers */
	rc = render_form(req, resp, status, action, 1, desc, answers, status != 200,
			 status == 200 ? NULL : &fail, results);
	json_decref(desc);
	json_decref(answers);
	json_decref(results);
	if (!rc)
		rc = http_resp_header(resp, "Cache-Control", "private, no-store");
	if (!rc)
		rc = http_resp_header(resp, "Referrer-Policy", "no-referrer");
	return rc;
}

int page_survey_link(struct http_req *req, struct http_resp *resp)
{
	return link_page(req, resp, 0);
}

int page_survey_link_post(struct http_req *req, struct http_resp *resp)
{
	return link_page(req, resp, 1);
}

/* ---- as a member of an invited organization ---- */

static int org_page(struct http_req *req, struct http_resp *resp, int post)
{
	struct store *st = web_store(req);
	struct web_org o;
	struct err e = ERR_INIT, fail = ERR_INIT;
	json_t *desc = NULL, *answers = NULL, *results = NULL;
	struct ops_survey_input *in = NULL;
	long long sid = 0, rid = 0;
	size_t n = 0;
	char action[96];
	int rc = web_org(req, post ? ROLE_EDITOR : ROLE_VIEWER, &o), status = 200;

	if (rc)
		return rc;
	sid = strtoll(http_req_param(req, "id"), NULL, 10);
	if (sid <= 0 || ops_survey_describe(st, sid, lang_code(req->lang), &desc, &e))
		return http_failf(req, ERR_NOT_FOUND, NULL, MSG_E_SURVEY_UNKNOWN_ID, sid);
	/* only an invited organization sees the survey */
	if (store_survey_invited(st, sid, o.id, &e) != 1) {
		json_decref(desc);
		return http_failf(req, ERR_NOT_FOUND, NULL, MSG_E_SURVEY_UNKNOWN_ID, sid);
	}
	if (post) {
		rc = inputs(req, desc, &in, &n);
		if (rc) {
			json_decref(desc);
			return rc;
		}
		web_store_actor(req);
		if (ops_survey_answer(st, jstr_of(desc, "name"), o.name, web_user(req)->name, in, n,
				      &fail)) {
			status = kit_form_status(&fail);
			if (!status) {
				free(in);
				json_decref(desc);
				return http_fail(req, &fail);
			}
		}
		free(in);
	}
	if (ops_survey_org_response(st, jstr_of(desc, "name"), o.name, &rid, &e) == 0) {
		ops_survey_response_answers(st, rid, &answers, &e);
		ops_survey_results(st, jstr_of(desc, "name"), rid, lang_code(req->lang), &results,
				   &e);
	}
	if (results) {
		char k[16];
		snprintf(k, sizeof(k), "%lld",
			 (long long)json_integer_value(json_object_get(results, "min_group")));
		json_object_set_new(results, "min_group_text", json_string(k));
	}
	snprintf(action, sizeof(action), "/o/%lld/surveys/%lld", o.id, sid);
	rc = render_form(req, resp, status, action, 0, desc, answers, status != 200,
			 status == 200 ? NULL : &fail, results);
	json_decref(desc);
	json_decref(answers);
	json_decref(results);
	return rc;
}

int page_survey_org(struct http_req *req, struct http_resp *resp)
{
	return org_page(req, resp, 0);
}

int page_survey_org_post(struct http_req *req, struct http_resp *resp)
{
	return org_page(req, resp, 1);
}

/* ---- the coordinator's pages ---- */

/* ?after= (the invites page on after that name), NULL when absent or not a name. */
static const char *after_param(struct http_req *req)
{
	const char *v = http_req_query(req, "after");

	if (!v || !*v || strlen(v) > AFTER_MAX || !utf8_valid(v, strlen(v)))
		return NULL;
	return v;
}

/* The survey of the path's {id} when the caller coordinates it (a site
 * administrator, or the user who made it); ERR_NOT_FOUND otherwise. */
static int coordinated(struct http_req *req, json_t **desc, json_t **status)
{
	struct store *st = web_store(req);
	const struct web_user *u = web_user(req);
	struct err e = ERR_INIT;
	struct survey sv;
	long long id = strtoll(http_req_param(req, "id"), NULL, 10);
	int mine;

	*desc = *status = NULL;
	if (!u || id <= 0 || store_survey_get(st, id, &sv, &e))
		return http_failf(req, ERR_NOT_FOUND, NULL, MSG_E_SURVEY_UNKNOWN_ID, id);
	mine = u->is_admin || !strcmp(sv.created_by, u->name);
	survey_release(&sv);
	if (!mine)
		return http_failf(req, ERR_NOT_FOUND, NULL, MSG_E_SURVEY_UNKNOWN_ID, id);
	if (ops_survey_describe(st, id, lang_code(req->lang), desc, &e) ||
	    ops_survey_status(st, jstr_of(*desc, "name"), after_param(req), status, &e)) {
		json_decref(*desc);
		*desc = NULL;
		return http_fail(req, &e);
	}
	return 0;
}

static void share_cell(struct buf *b, json_t *o, const char *key, const char *sub)
{
	json_t *v = json_object_get(o, key);
	char n[32];

	if (sub)
		v = json_object_get(v, sub);
	if (json_is_number(v))
		snprintf(n, sizeof(n), "%.0f%%", json_number_value(v) * 100.0);
	html_elem(b, "td", json_is_number(v) ? n : "", (char *)NULL);
}

static void results_table(struct http_req *req, struct buf *b, json_t *r)
{
	enum lang lang = req->lang;
	json_t *v;
	size_t i;
	char n[32], k[16];

	snprintf(k, sizeof(k), "%lld",
		 (long long)json_integer_value(json_object_get(r, "min_group")));
	html_raw(b, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"table\"><thead><tr>");
	html_elem(b, "th", tr(lang, MSG_SURVEY_H_REF), (char *)NULL);
	html_elem(b, "th", tr(lang, MSG_SURVEY_H_NAME), (char *)NULL);
	html_elem(b, "th", tr(lang, MSG_SURVEY_H_RESPONSES), (char *)NULL);
	html_elem(b, "th", tr(lang, MSG_SURVEY_H_IMPLEMENTING), (char *)NULL);
	html_elem(b, "th", tr(lang, MSG_SURVEY_H_INSOURCE), (char *)NULL);
	html_elem(b, "th", tr(lang, MSG_SURVEY_H_OUTSOURCE), (char *)NULL);
	html_elem(b, "th", tr(lang, MSG_SURVEY_H_HYBRID), (char *)NULL);
	html_elem(b, "th", tr(lang, MSG_SURVEY_H_MEAN), (char *)NULL);
	html_raw(b, "</tr></thead><tbody>\n");
	json_array_foreach (json_object_get(r, "services"), i, v) {
		json_t *m = json_object_get(v, "mean_score");
		html_raw(b, "<tr>");
		html_elem(b, "td", jstr_of(v, "ref"), (char *)NULL);
		html_elem(b, "td", jstr_of(v, "name"), (char *)NULL);
		snprintf(n, sizeof(n), "%lld",
			 (long long)json_integer_value(json_object_get(v, "responses")));
		html_elem(b, "td", n, (char *)NULL);
		if (json_is_true(json_object_get(v, "suppressed"))) {
			html_raw(b, "<td colspan=\"5\" class=\"suppressed\">");
			html_text(b, kit_tr(req, MSG_WEB_SURVEY_FEWER, k, NULL));
			html_raw(b, "</td></tr>\n");
			continue;
		}
		share_cell(b, v, "implementing", NULL);
		share_cell(b, v, "assignment", "insource");
		share_cell(b, v, "assignment", "outsource");
		share_cell(b, v, "assignment", "hybrid");
		snprintf(n, sizeof(n), "%.2f", json_number_value(m));
		html_elem(b, "td", json_is_number(m) ? n : "", (char *)NULL);
		html_raw(b, "</tr>\n");
	}
	html_raw(b, "</tbody></table></div>\n");
}

/* /surveys/{id}?after= in per-request memory. */
static const char *invites_url(struct http_req *req, json_t *desc, const char *after)
{
	struct buf url;
	char path[64];
	const char *s;

	snprintf(path, sizeof(path), "/surveys/%lld",
		 (long long)json_integer_value(json_object_get(desc, "id")));
	if (!after)
		return http_req_strdup(req, path);
	buf_init(&url, 4096);
	buf_addstr(&url, path);
	buf_addstr(&url, "?after=");
	http_percent_encode(&url, after);
	s = buf_status(&url) ? http_req_strdup(req, path) : http_req_strdup(req, url.data);
	buf_release(&url);
	return s;
}

/* "First page / Next page" under the invited organizations (keyset on their name), as on
 * /orgs; nothing when they all fit on one page. */
static void invites_pager(struct http_req *req, struct buf *b, json_t *desc, json_t *status)
{
	enum lang lang = req->lang;
	const char *after = after_param(req);
	json_t *list = json_object_get(status, "invited");
	size_t n = json_array_size(list);

	if (!after && !json_is_string(json_object_get(status, "next")))
		return;
	html_fmt(b, "<nav class=\"pagination\" aria-label=\"%s\">", tr(lang, MSG_WM_PAGES));
	html_fmt(b, "<span>%s %lld", tr(lang, MSG_WEB_SURVEY_INVITED_TOTAL),
		 (long long)json_integer_value(json_object_get(status, "invited_total")));
	if (n) {
		html_fmt(b, " · %s ", tr(lang, MSG_OL_SHOWING));
		html_text(b, jstr_of(json_array_get(list, 0), "organization"));
		html_raw(b, " – ");
		html_text(b, jstr_of(json_array_get(list, n - 1), "organization"));
	}
	html_raw(b, "</span>");
	if (after)
		html_elem(b, "a", tr(lang, MSG_OL_FIRST), "href", invites_url(req, desc, NULL),
			  "rel", "first", (char *)NULL);
	if (json_is_string(json_object_get(status, "next")))
		html_elem(b, "a", tr(lang, MSG_OL_NEXT), "href",
			  invites_url(req, desc, jstr_of(status, "next")), "rel", "next",
			  (char *)NULL);
	html_raw(b, "</nav>\n");
}

int page_survey_admin(struct http_req *req, struct http_resp *resp)
{
	enum lang lang = req->lang;
	struct buf *b = &resp->body;
	struct err e = ERR_INIT;
	json_t *desc, *status, *r = NULL, *v;
	char url[96], n[64];
	size_t i;
	int rc = coordinated(req, &desc, &status);

	if (rc)
		return rc;
	if (ops_survey_results(web_store(req), jstr_of(desc, "name"), 0, lang_code(lang), &r, &e)) {
		json_decref(desc);
		json_decref(status);
		return http_fail(req, &e);
	}
	page_begin(req, resp, 200, jstr_of(desc, "name"));
	html_raw(b, "<section class=\"card\">\n");
	html_elem(b, "h1", jstr_of(desc, "name"), (char *)NULL);
	kit_done_notice(req, b);
	snprintf(n, sizeof(n), "%lld / %lld / %lld / %lld",
		 (long long)json_integer_value(json_object_get(status, "invited_total")),
		 (long long)json_integer_value(json_object_get(status, "responses")),
		 (long long)json_integer_value(json_object_get(status, "links")),
		 (long long)json_integer_value(json_object_get(status, "links_used")));
	html_elem(b, "p", kit_tr(req, MSG_WEB_SURVEY_COUNTS, n, NULL), (char *)NULL);
	if (json_is_string(json_object_get(desc, "deadline")))
		html_elem(b, "p",
			  kit_tr(req, MSG_WEB_SURVEY_DEADLINE, jstr_of(desc, "deadline"), NULL),
			  (char *)NULL);
	html_raw(b, "<ul>\n");
	json_array_foreach (json_object_get(status, "invited"), i, v) {
		html_raw(b, "<li>");
		html_text(b, jstr_of(v, "organization"));
		html_raw(b, ": ");
		html_text(b, jstr_of(v, "answered_at")
				 ? kit_datetime(req, jstr_of(v, "answered_at"))
				 : tr(lang, MSG_CLI_SURVEY_NOT_ANSWERED));
		html_raw(b, "</li>\n");
	}
	html_raw(b, "</ul>\n");
	invites_pager(req, b, desc, status);
	html_raw(b, "</section>\n<section class=\"card\">\n");
	html_elem(b, "h2", tr(lang, MSG_WEB_SURVEY_RESULTS), (char *)NULL);
	if (json_is_true(json_object_get(r, "suppressed"))) {
		snprintf(n, sizeof(n), "%lld",
			 (long long)json_integer_value(json_object_get(r, "min_group")));
		kit_notice(b, KIT_INFO, kit_tr(req, MSG_WEB_SURVEY_FEWER, n, NULL));
	} else
		results_table(req, b, r);
	snprintf(url, sizeof(url), "/surveys/%lld/results.csv",
		 (long long)json_integer_value(json_object_get(desc, "id")));
	html_raw(b, "<p>");
	html_open(b, "a", "href", url, (char *)NULL);
	html_text(b, "CSV");
	html_raw(b, "</a> · ");
	snprintf(url, sizeof(url), "/surveys/%lld/results.json",
		 (long long)json_integer_value(json_object_get(desc, "id")));
	html_open(b, "a", "href", url, (char *)NULL);
	html_text(b, "JSON");
	html_raw(b, "</a> · ");
	snprintf(url, sizeof(url), "/surveys/%lld/results.xlsx",
		 (long long)json_integer_value(json_object_get(desc, "id")));
	html_open(b, "a", "href", url, (char *)NULL);
	html_text(b, "XLSX");
	html_raw(b, "</a></p>\n</section>\n");
	if (!json_is_true(json_object_get(desc, "closed"))) {
		html_raw(b, "<section class=\"card\">\n");
		html_elem(b, "h2", tr(lang, MSG_WEB_SURVEY_INVITE), (char *)NULL);
		snprintf(url, sizeof(url), "/surveys/%lld/invite",
			 (long long)json_integer_value(json_object_get(desc, "id")));
		kit_form_begin(req, b, url, "stack");
		kit_input(b, "text", "orgs", "orgs", tr(lang, MSG_WEB_SURVEY_ORGS), NULL, 1, NULL);
		kit_form_end(b, tr(lang, MSG_WEB_SURVEY_INVITE), "button");
		snprintf(url, sizeof(url), "/surveys/%lld/links",
			 (long long)json_integer_value(json_object_get(desc, "id")));
		kit_form_begin(req, b, url, "stack");
		kit_input(b, "number", "count", "count", tr(lang, MSG_WEB_SURVEY_LINK_COUNT), "1",
			  1, NULL);
		kit_form_end(b, tr(lang, MSG_WEB_SURVEY_MAKE_LINKS), "button");
		snprintf(url, sizeof(url), "/surveys/%lld/close",
			 (long long)json_integer_value(json_object_get(desc, "id")));
		kit_form_begin(req, b, url, "stack");
		kit_form_end(b, tr(lang, MSG_WEB_SURVEY_CLOSE), "button danger");
		html_raw(b, "</section>\n");
	}
	page_end(req, resp);
	json_decref(desc);
	json_decref(status);
	json_decref(r);
	return buf_status(b);
}

int page_survey_invite_post(struct http_req *req, struct http_resp *resp)
{
	struct err e = ERR_INIT;
	json_t *desc, *status;
	const char *text = http_req_form(req, "orgs");
	char *copy, *p, *names[256], url[64];
	size_t n = 0;
	int rc = coordinated(req, &desc, &status);

	if (rc)
		return rc;
	copy = strdup(text ? text : "");
	if (!copy) {
		json_decref(desc);
		json_decref(status);
		return ERR_NOMEM;
	}
	/* names one per line or separated by commas */
	for (p = copy; *p && n < sizeof(names) / sizeof(names[0]);) {
		char *end = p + strcspn(p, ",\r\n"), *s = p, *t = end;
		int last = !*end;
		while (*s == ' ')
			s++;
		while (t > s && t[-1] == ' ')
			t--;
		*t = '\0';
		if (*s)
			names[n++] = s;
		if (last)
			break;
		p = end + 1;
	}
	web_store_actor(req);
	rc = ops_survey_invite(web_store(req), jstr_of(desc, "name"), (const char *const *)names, n,
			       NULL, &e);
	snprintf(url, sizeof(url), "/surveys/%lld",
		 (long long)json_integer_value(json_object_get(desc, "id")));
	free(copy);
	json_decref(desc);
	json_decref(status);
	if (rc)
		return http_fail(req, &e);
	return kit_see_other(resp, url);
}

int page_survey_links_post(struct http_req *req, struct http_resp *resp)
{
	enum lang lang = req->lang;
	struct buf *b = &resp->body;
	struct err e = ERR_INIT;
	json_t *desc, *status;
	const char *count = http_req_form(req, "count"), *host = http_req_header(req, "Host");
	char *tokens = NULL, *end;
	long n = count ? strtol(count, &end, 10) : 0;
	size_t i;
	int rc = coordinated(req, &desc, &status);

	if (rc)
		return rc;
	if (!count || !*count || *end || n < 1 || n > OPS_SURVEY_LINKS_MAX)
		rc = err_fail(&e, ERR_INVALID, "count", MSG_E_SURVEY_COUNT,
			      (size_t)OPS_SURVEY_LINKS_MAX);
	web_store_actor(req);
	if (!rc)
		rc =
		    ops_survey_links(web_store(req), jstr_of(desc, "name"), (size_t)n, &tokens, &e);
	if (rc) {
		json_decref(desc);
		json_decref(status);
		return http_fail(req, &e);
	}
	page_begin(req, resp, 200, jstr_of(desc, "name"));
	html_raw(b, "<section class=\"card\">\n");
	html_elem(b, "h1", tr(lang, MSG_WEB_SURVEY_LINKS), (char *)NULL);
	kit_notice(b, KIT_WARN, tr(lang, MSG_WEB_SURVEY_LINKS_ONCE));
	html_raw(b, "<pre class=\"links\" tabindex=\"0\">");
	for (i = 0; i < (size_t)n; i++) {
		html_text(b, req->is_tls ? "https://" : "http://");
		html_text(b, host ? host : "localhost");
		html_text(b, "/s/");
		html_text(b, tokens + i * (OPS_SURVEY_TOKEN_LEN + 1));
		html_raw(b, "\n");
	}
	html_raw(b, "</pre>\n</section>\n");
	page_end(req, resp);
	free(tokens);
	json_decref(desc);
	json_decref(status);
	if (!buf_status(b))
		rc = http_resp_header(resp, "Cache-Control", "private, no-store");
	return rc ? rc : buf_status(b);
}

int page_survey_close_post(struct http_req *req, struct http_resp *resp)
{
	struct err e = ERR_INIT;
	json_t *desc, *status;
	char url[64];
	int rc = coordinated(req, &desc, &status);

	if (rc)
		return rc;
	web_store_actor(req);
	rc = ops_survey_close(web_store(req), jstr_of(desc, "name"), &e);
	snprintf(url, sizeof(url), "/surveys/%lld",
		 (long long)json_integer_value(json_object_get(desc, "id")));
	json_decref(desc);
	json_decref(status);
	if (rc)
		return http_fail(req, &e);
	return kit_see_other(resp, url);
}

static int results_download(struct http_req *req, struct http_resp *resp, int csv)
{
	struct err e = ERR_INIT;
	json_t *desc, *status, *r = NULL;
	char disp[96];
	long long id;
	int rc = coordinated(req, &desc, &status);

	if (rc)
		return rc;
	id = (long long)json_integer_value(json_object_get(desc, "id"));
	rc = ops_survey_results(web_store(req), jstr_of(desc, "name"), 0, lang_code(req->lang), &r,
				&e);
	json_decref(desc);
	json_decref(status);
	if (rc)
		return http_fail(req, &e);
	if (csv == 1) {
		http_resp_text(resp, 200);
		resp->content_type = "text/csv; charset=utf-8";
		rc = report_survey_csv(&resp->body, r, (enum lang)req->lang) ? ERR_NOMEM : 0;
	} else if (csv == 2) {
		http_resp_text(resp, 200);
		resp->content_type =
		    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
		rc = report_survey_xlsx(&resp->body, r, (enum lang)req->lang);
	} else
		rc = http_resp_json(resp, 200, r);
	json_decref(r);
	snprintf(disp, sizeof(disp), "attachment; filename=\"cdcf-survey%lld.%s\"", id,
		 csv == 1   ? "csv"
		 : csv == 2 ? "xlsx"
			    : "json");
	if (!rc)
		rc = http_resp_header(resp, "Content-Disposition", disp);
	if (!rc)
		rc = http_resp_header(resp, "Cache-Control", "private, no-store");
	return rc;
}

int page_survey_results_csv(struct http_req *req, struct http_resp *resp)
{
	return results_download(req, resp, 1);
}

int page_survey_results_xlsx(struct http_req *req, struct http_resp *resp)
{
	return results_download(req, resp, 2);
}

int page_survey_results_json(struct http_req *req, struct http_resp *resp)
{
	return results_download(req, resp, 0);
}

/* The open surveys the user's organizations are invited to, with a link to answer. */
static void answer_list(struct http_req *req, struct buf *b, const struct web_user *u)
{
	struct err e = ERR_INIT;
	struct survey_for *v = NULL;
	size_t n = 0, i;
	char url[64];

	if (store_survey_for_user(web_store(req), u->id, SURVEYS_PAGE, &v, &n, &e) || !n) {
		survey_for_free(v, n);
		return;
	}
	html_raw(b, "<section class=\"card\">\n");
	html_elem(b, "h2", tr(req->lang, MSG_WEB_SURVEY_TO_ANSWER), (char *)NULL);
	html_raw(b, "<ul>\n");
	for (i = 0; i < n; i++) {
		snprintf(url, sizeof(url), "/o/%lld/surveys/%lld", v[i].org_id, v[i].survey_id);
		html_raw(b, "<li>");
		html_open(b, "a", "href", url, (char *)NULL);
		html_text(b, v[i].survey);
		html_raw(b, "</a> ");
		html_text(b, v[i].org);
		html_raw(b, ": ");
		html_text(b, v[i].answered_at ? kit_datetime(req, v[i].answered_at)
					      : tr(req->lang, MSG_CLI_SURVEY_NOT_ANSWERED));
		html_raw(b, "</li>\n");
	}
	html_raw(b, "</ul>\n</section>\n");
	survey_for_free(v, n);
}

int page_surveys(struct http_req *req, struct http_resp *resp)
{
	enum lang lang = req->lang;
	struct buf *b = &resp->body;
	const struct web_user *u = web_user(req);
	struct err e = ERR_INIT;
	struct survey *sv = NULL;
	size_t n = 0, i;
	char url[48];

	/* a page of surveys after ?after= (by name) */
	if (store_survey_list(web_store(req), http_req_query(req, "after"), SURVEYS_PAGE, &sv, &n,
			      &e))
		return http_fail(req, &e);
	page_begin(req, resp, 200, tr(lang, MSG_WEB_SURVEYS));
	html_raw(b, "<section class=\"card\">\n");
	html_elem(b, "h1", tr(lang, MSG_WEB_SURVEYS), (char *)NULL);
	html_raw(b, "<ul>\n");
	for (i = 0; i < n; i++) {
		if (!u->is_admin && strcmp(sv[i].created_by, u->name))
			continue;
		snprintf(url, sizeof(url), "/surveys/%lld", sv[i].id);
		html_raw(b, "<li>");
		html_open(b, "a", "href", url, (char *)NULL);
		html_text(b, sv[i].name);
		html_raw(b, "</a> ");
		html_text(b, sv[i].framework_id);
		html_raw(b, "</li>\n");
	}
	html_raw(b, "</ul>\n");
	if (n == SURVEYS_PAGE) {
		struct buf next;
		buf_init(&next, 0);
		buf_addstr(&next, "/surveys?after=");
		http_percent_encode(&next, sv[n - 1].name);
		html_open(b, "a", "href", next.data, (char *)NULL);
		html_text(b, "→");
		html_raw(b, "</a>\n");
		buf_release(&next);
	}
	html_raw(b, "</section>\n");
	survey_list_free(sv, n);
	answer_list(req, b, u);
	if (u->is_admin) {
		html_raw(b, "<section class=\"card\">\n");
		html_elem(b, "h2", tr(lang, MSG_WEB_SURVEY_NEW), (char *)NULL);
		kit_form_begin(req, b, "/surveys", "stack");
		kit_input(b, "text", "name", "name", tr(lang, MSG_SURVEY_H_NAME), NULL, 1, NULL);
		kit_input(b, "text", "framework", "framework", tr(lang, MSG_WEB_SURVEY_FRAMEWORK),
			  "x1060-2021", 1, NULL);
		kit_input(b, "text", "services", "services", tr(lang, MSG_WEB_SURVEY_SERVICES),
			  NULL, 0, NULL);
		kit_input(b, "date", "deadline", "deadline", tr(lang, MSG_WEB_SURVEY_DEADLINE_F),
			  NULL, 0, NULL);
		kit_input(b, "number", "min_group", "min_group", tr(lang, MSG_WEB_SURVEY_MIN_GROUP),
			  "5", 0, NULL);
		kit_form_end(b, tr(lang, MSG_WEB_SURVEY_CREATE), "button primary");
		html_raw(b, "</section>\n");
	}
	page_end(req, resp);
	return buf_status(b);
}

int page_surveys_post(struct http_req *req, struct http_resp *resp)
{
	const struct web_user *u = web_user(req);
	struct err e = ERR_INIT;
	const char *services = http_req_form(req, "services"),
		   *deadline = http_req_form(req, "deadline"), *k = http_req_form(req, "min_group");
	struct ops_survey_spec v = {http_req_form(req, "name"), http_req_form(req, "framework"),
				    services && *services ? services : NULL,
				    deadline && *deadline ? deadline : NULL, k && *k ? k : NULL};
	long long id;
	char url[48];

	if (!u || !u->is_admin)
		return http_failf(req, ERR_DENIED, NULL, MSG_WEB_SURVEY_E_ADMIN);
	web_store_actor(req);
	if (ops_survey_new(web_store(req), &v, &id, &e))
		return http_fail(req, &e);
	snprintf(url, sizeof(url), "/surveys/%lld", id);
	return kit_see_other(resp, url);
}
