/*
 * page_evaluation.c - the evaluation process (X.1060 clause 11): the
 * catalogue, profile and portfolio questions with what changed since the
 * last evaluation, closing the cycle (/o/{org}/p/{fw}/evaluation); the
 * history of cycles with the trend of overall current and target scores
 * (/cycles); and what changed between any two cycles (/cycles/{a}/diff/{b}).
 *
 * Closing a cycle freezes the portfolio as an immutable snapshot
 * (ops_evaluate), so it is for the organization's administrators and needs
 * an explicit confirmation. The trend is computed from the frozen snapshots
 * with the one scoring module (score_rollups), so the figures of a closed
 * cycle never change when the live portfolio does.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/evaluation.h"
#include "core/level.h"
#include "core/score.h"
#include "core/snapshot.h"
#include "i18n/i18n.h"
#include "io/catalog.h"
#include "ops/ops.h"
#include "report/html.h"
#include "report/svg.h"
#include "store/store.h"
#include "store/store_user.h"
#include "util/err.h"
#include "util/xalloc.h"
#include "web/manage_pages.h"
#include "web/nav.h"
#include "web/page.h"
#include "web/webctx.h"

#define CYCLE_NUMBER_MAX 1000000 /* larger path numbers are refused before any lookup */

/* ---- snapshots as portfolios ---- */

static char *json_str_dup(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? xstrdup(s) : NULL;
}

/*
 * Rebuild the entries of a frozen snapshot ({"entries": [{"ref", "level",
 * "assignment", "team", "provider", "insource": {"current", "target"},
 * "outsource": {...}, "custom": {...}?}]}) into p, with the framework
 * attached, so the scoring module can roll it up. Entries it cannot read
 * (no ref, unknown level or score) are skipped: a snapshot is frozen data
 * written by cdcf, and one odd entry must not hide the rest of the trend.
 */
static void snapshot_portfolio(const json_t *snap, const char *fw_id, struct portfolio *p)
{
	static const char *const sides[SIDE_COUNT] = {"insource", "outsource"};
	const json_t *entries = json_object_get(snap, "entries"), *je;
	size_t i;
	int s;

	p->framework_id = xstrdup(fw_id);
	p->fw = catalog_get(fw_id);
	json_array_foreach (entries, i, je) {
		const char *ref = json_string_value(json_object_get(je, "ref"));
		int lv = level_parse(json_string_value(json_object_get(je, "level")));
		int as = assignment_parse(json_string_value(json_object_get(je, "assignment")));
		const json_t *custom = json_object_get(je, "custom");
		struct score_pair sc[SIDE_COUNT];
		struct entry *en;
		int ok = ref && lv >= 0 && as >= 0;

		for (s = 0; ok && s < SIDE_COUNT; s++) {
			const json_t *side = json_object_get(je, sides[s]);
			ok = !score_from_json(json_object_get(side, "current"), &sc[s].current) &&
			     !score_from_json(json_object_get(side, "target"), &sc[s].target);
		}
		if (!ok)
			continue;
		en = portfolio_add_entry(p, ref);
		en->level = lv;
		en->assignment = as;
		en->team = json_str_dup(je, "team");
		en->provider = json_str_dup(je, "provider");
		for (s = 0; s < SIDE_COUNT; s++)
			en->score[s] = sc[s];
		if (json_is_object(custom)) {
			en->custom = 1;
			en->custom_name_en = json_str_dup(custom, "name_en");
			en->custom_name_ja = json_str_dup(custom, "name_ja");
			en->custom_category = json_str_dup(custom, "category");
		}
	}
	portfolio_sort(p);
}

/* Overall current and target of a snapshot; -1 when nothing is assessed. */
static void snapshot_overall(const json_t *snap, const char *fw_id, double *current, double *target,
			     size_t *assessed)
{
	struct portfolio p;
	struct rollup *r = NULL;
	size_t n;

	portfolio_init(&p);
	snapshot_portfolio(snap, fw_id, &p);
	n = score_rollups(&p, 0, &r);
	*current = *target = SVG_NO_VALUE;
	*assessed = 0;
	if (n > 0 && r[n - 1].n_assessed > 0) {
		*current = r[n - 1].current;
		*target = r[n - 1].target;
		*assessed = r[n - 1].n_assessed;
	}
	score_rollups_free(r, n);
	portfolio_release(&p);
}

/* ---- the diff table ---- */

static enum msg_id change_msg(enum change_kind k)
{
	switch (k) {
	case CHANGE_ADDED:
		return MSG_WM_CHANGE_ADDED;
	case CHANGE_REMOVED:
		return MSG_WM_CHANGE_REMOVED;
	case CHANGE_LEVEL:
		return MSG_LEVEL;
	case CHANGE_ASSIGNMENT:
		return MSG_ASSIGNMENT;
	case CHANGE_SCORE:
	default:
		return MSG_WM_CHANGE_SCORE;
	}
}

/* The field of a change in words: "In-house score: Current". */
static int field_text(struct buf *b, enum lang lang, const char *field)
{
	if (!strcmp(field, "level"))
		return html_text(b, tr(lang, MSG_LEVEL));
	if (!strcmp(field, "assignment"))
		return html_text(b, tr(lang, MSG_ASSIGNMENT));
	if (!strcmp(field, "team"))
		return html_text(b, tr(lang, MSG_TEAM));
	if (!strcmp(field, "provider"))
		return html_text(b, tr(lang, MSG_PROVIDER));
	if (!strncmp(field, "insource.", 9) || !strncmp(field, "outsource.", 10)) {
		const char *which = strchr(field, '.') + 1;
		return html_fmt(b, "%s%s%s",
				tr(lang, field[0] == 'i' ? MSG_SIDE_INSOURCE : MSG_SIDE_OUTSOURCE),
				tr(lang, MSG_REPORT_COLON),
				tr(lang, !strcmp(which, "current") ? MSG_CURRENT : MSG_TARGET));
	}
	return html_text(b, field);
}

/* A changed value in words: level and assignment names, n/a, "—" for none. */
static int value_text(struct buf *b, enum lang lang, const char *field, const char *v)
{
	int x;

	if (!v || !*v)
		return html_raw(b, "\xE2\x80\x94");
	if (!strcmp(field, "level") && (x = level_parse(v)) >= 0)
		return html_text(b, tr_level(lang, x));
	if (!strcmp(field, "assignment") && (x = assignment_parse(v)) >= 0)
		return html_text(b, tr_assignment(lang, x));
	if (!strcmp(v, "n/a"))
		return html_text(b, tr(lang, MSG_NA));
	return html_text(b, v);
}

/* The service of a change, named from the live portfolio when it is there. */
static int service_text(struct buf *b, enum lang lang, const struct portfolio *p, const char *ref)
{
	const struct entry *en = p ? portfolio_find(p, ref) : NULL;
	int rc = html_text(b, ref);

	if (!rc && en) {
		const char *name = entry_name(p, en, lang_code(lang));
		if (name && *name)
			rc = html_fmt(b, " %s", name);
	}
	return rc;
}

static int diff_table(struct buf *b, enum lang lang, const struct portfolio *p,
		      const struct change *ch, size_t n, const char *caption)
{
	size_t i;
	int rc;

	if (!n)
		return html_elem(b, "p", tr(lang, MSG_WM_NO_CHANGES), (char *)NULL);
	rc = html_raw(b, "<div class=\"table-wrap\"><table class=\"cards diff\">\n");
	if (!rc)
		rc = html_fmt(b, "<caption>%s</caption>\n<thead><tr>", caption);
	if (!rc)
		rc = html_fmt(b,
			      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			      "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
			      tr(lang, MSG_SERVICE), tr(lang, MSG_WM_CHANGE_KIND),
			      tr(lang, MSG_WM_FIELD), tr(lang, MSG_WM_BEFORE),
			      tr(lang, MSG_WM_AFTER));
	for (i = 0; !rc && i < n; i++) {
		rc = html_fmt(b, "<tr><td data-label=\"%s\">", tr(lang, MSG_SERVICE));
		if (!rc)
			rc = service_text(b, lang, p, ch[i].ref_id);
		if (!rc)
			rc = html_fmt(b, "</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">",
				      tr(lang, MSG_WM_CHANGE_KIND),
				      tr(lang, change_msg(ch[i].kind)), tr(lang, MSG_WM_FIELD));
		if (!rc)
			rc = field_text(b, lang, ch[i].field);
		if (!rc)
			rc = html_fmt(b, "</td><td data-label=\"%s\">", tr(lang, MSG_WM_BEFORE));
		if (!rc)
			rc = value_text(b, lang, ch[i].field, ch[i].before);
		if (!rc)
			rc = html_fmt(b, "</td><td data-label=\"%s\">", tr(lang, MSG_WM_AFTER));
		if (!rc)
			rc = value_text(b, lang, ch[i].field, ch[i].after);
		if (!rc)
			rc = html_raw(b, "</td></tr>\n");
	}
	return rc ? rc : html_raw(b, "</tbody></table></div>\n");
}

/* ---- /evaluation ---- */

/* Form field of a question: "catalogue.appropriate", or the section alone. */
static void field_name(char *out, size_t size, const struct eval_question *q)
{
	if (*q->key)
		snprintf(out, size, "%s.%s", q->section, q->key);
	else
		snprintf(out, size, "%s", q->section);
}

static enum msg_id section_msg(const char *section)
{
	if (!strcmp(section, "catalogue"))
		return MSG_WM_EVAL_CATALOGUE;
	if (!strcmp(section, "profile"))
		return MSG_WM_EVAL_PROFILE;
	if (!strcmp(section, "portfolio"))
		return MSG_WM_EVAL_PORTFOLIO;
	return MSG_WM_EVAL_DELEGATION;
}

/* The questions as fieldsets of labelled textareas, one fieldset per artefact. */
static int questions_form(struct http_req *req, struct buf *b, const char *invalid)
{
	enum lang lang = req->lang;
	const struct eval_question *q;
	size_t n, i;
	char name[96], id[112];
	int rc = 0;

	q = eval_questions(&n);
	for (i = 0; !rc && i < n; i++) {
		int first = i == 0 || strcmp(q[i - 1].section, q[i].section);
		int last = i + 1 == n || strcmp(q[i + 1].section, q[i].section);
		int bad;
		field_name(name, sizeof(name), &q[i]);
		snprintf(id, sizeof(id), "q-%s", name);
		for (char *c = id; *c; c++)
			if (*c == '.')
				*c = '-';
		bad = invalid && !strcmp(invalid, name);
		if (first) {
			rc = html_raw(b, "<fieldset>");
			if (!rc)
				rc = html_elem(b, "legend", tr(lang, section_msg(q[i].section)),
					       (char *)NULL);
			if (!rc)
				rc = html_raw(b, "\n");
		}
		if (!rc)
			rc = html_raw(b, "<div class=\"field\">");
		if (!rc)
			rc = html_open(b, "label", "for", id, (char *)NULL);
		if (!rc)
			rc = html_text(b, lang == LANG_JA ? q[i].text_ja : q[i].text_en);
		if (!rc && q[i].optional)
			rc = html_fmt(b, " <span class=\"hint\">%s</span>",
				      tr(lang, MSG_WM_OPTIONAL));
		if (!rc)
			rc = html_raw(b, "</label>");
		if (!rc)
			rc = html_open(b, "textarea", "id", id, "name", name, "rows", "4",
				       "required", q[i].optional ? NULL : "required",
				       "aria-invalid", bad ? "true" : NULL, (char *)NULL);
		if (!rc)
			rc = html_text(b, http_req_form(req, name));
		if (!rc)
			rc = html_raw(b, "</textarea></div>\n");
		if (!rc && last)
			rc = html_raw(b, "</fieldset>\n");
	}
	return rc;
}

/* The questions as a list, for members who may not close the cycle. */
static int questions_list(struct buf *b, enum lang lang)
{
	const struct eval_question *q;
	size_t n, i;
	int rc;

	q = eval_questions(&n);
	rc = html_raw(b, "<ol class=\"questions\">\n");
	for (i = 0; !rc && i < n; i++)
		rc = html_fmt(b, "<li><strong>%s</strong>%s%s</li>\n",
			      tr(lang, section_msg(q[i].section)), tr(lang, MSG_REPORT_COLON),
			      lang == LANG_JA ? q[i].text_ja : q[i].text_en);
	return rc ? rc : html_raw(b, "</ol>\n");
}

/* Date the open cycle opened and the number of the last closed cycle (0: none). */
static int cycle_facts(struct http_req *req, struct store *st, const struct portfolio *p,
		       const char **opened, int *last_closed, struct err *e)
{
	struct cycle *c = NULL;
	size_t n = 0, i;
	int rc = store_cycle_list(st, p->id, &c, &n, e);

	*opened = NULL;
	*last_closed = 0;
	for (i = 0; !rc && i < n; i++) {
		if (c[i].number == p->cycle)
			*opened = mg_date(req, c[i].opened_at);
		if (c[i].closed_at && c[i].number > *last_closed)
			*last_closed = c[i].number;
	}
	cycle_list_free(c, n);
	return rc;
}

static int evaluation_render(struct http_req *req, struct http_resp *resp, const struct web_org *o,
			     int status, const char *msg, const char *invalid)
{
	const struct web_user *u = web_user(req);
	struct store *st = web_store(req);
	enum lang lang = req->lang;
	struct buf *b = &resp->body;
	struct portfolio p;
	struct err e = ERR_INIT;
	struct change *ch = NULL;
	json_t *before = NULL, *now = NULL;
	const char *opened, *approver, *confirm;
	char caption[256];
	struct buf url;
	size_t n_ch = 0;
	int rc, last;

	portfolio_init(&p);
	rc = mg_load(req, resp, st, o, &p);
	if (rc) {
		portfolio_release(&p);
		return MG_ANSWERED(rc);
	}
	if (cycle_facts(req, st, &p, &opened, &last, &e) ||
	    (last && ops_cycle_snapshot(st, o->name, p.framework_id, last, &before, &e))) {
		portfolio_release(&p);
		return web_fail(req, resp, &e);
	}
	if (before) {
		now = snapshot_of(&p);
		n_ch = snapshot_diff(before, now, &ch);
	}
	buf_init(&url, HTTP_MAX_PATH);
	rc = page_begin(req, resp, status, tr(lang, MSG_EVALUATION));
	if (!rc)
		rc = web_portfolio_nav(req, b, o, p.framework_id, TAB_EVALUATION);
	if (!rc)
		rc = html_elem(b, "h1", tr(lang, MSG_EVALUATION), (char *)NULL);
	if (!rc)
		rc = html_elem(b, "p", tr(lang, MSG_WM_EVAL_INTRO), "class", "lead", (char *)NULL);
	if (!rc)
		rc = mg_error_notice(b, msg);
	if (!rc)
		rc = html_fmt(b, "<dl class=\"facts\"><dt>%s</dt><dd>%d",
			      tr(lang, MSG_WM_OPEN_CYCLE), p.cycle);
	if (!rc && opened)
		rc = mg_opened(b, lang, opened);
	if (!rc)
		rc = html_fmt(b, "</dd><dt>%s</dt><dd>", tr(lang, MSG_WM_CYCLES));
	if (!rc)
		rc = web_portfolio_url(&url, o->id, p.framework_id, "cycles");
	if (!rc)
		rc = html_elem(b, "a", tr(lang, MSG_WM_CYCLE_HISTORY), "href", url.data,
			       (char *)NULL);
	if (!rc)
		rc = html_raw(b, "</dd></dl>\n");
	/* what changed since the last evaluation */
	if (!rc)
		rc = html_elem(b, "h2", tr(lang, MSG_WM_SINCE_LAST), (char *)NULL);
	if (!rc && !last)
		rc = html_elem(b, "p", tr(lang, MSG_WM_FIRST_CYCLE), (char *)NULL);
	if (!rc && last) {
		snprintf(caption, sizeof(caption), "%s: %d \xE2\x86\x92 %d", tr(lang, MSG_WM_DIFF),
			 last, p.cycle);
		rc = diff_table(b, lang, &p, ch, n_ch, caption);
	}
	/* the questions and closing the cycle */
	if (!rc)
		rc = html_elem(b, "h2", tr(lang, MSG_WM_EVAL_QUESTIONS), "id", "questions",
			       (char *)NULL);
	if (!rc && o->role < ROLE_ADMIN) {
		rc = html_elem(b, "p", tr(lang, MSG_WM_EVAL_ADMIN_ONLY), "class", "notice",
			       (char *)NULL);
		if (!rc)
			rc = questions_list(b, lang);
	}
	if (!rc && o->role >= ROLE_ADMIN) {
		buf_reset(&url);
		approver = http_req_form(req, "approved_by");
		confirm = http_req_form(req, "confirm");
		rc = web_portfolio_url(&url, o->id, p.framework_id, "evaluation");
		if (!rc)
			rc = mg_form_begin(req, b, url.data, "stack wide");
		if (!rc)
			rc = questions_form(req, b, invalid);
		if (!rc)
			rc = mg_input(b, "text", "approved-by", "approved_by",
				      tr(lang, MSG_WM_APPROVED_BY),
				      approver ? approver : (u ? u->name : NULL), 1,
				      tr(lang, MSG_WM_APPROVED_BY_HINT));
		if (!rc)
			rc = html_raw(b, "<div class=\"field check\">");
		if (!rc)
			rc = html_open(b, "input", "type", "checkbox", "id", "confirm", "name",
				       "confirm", "value", "yes", "required", "required", "checked",
				       confirm ? "checked" : NULL, "aria-invalid",
				       invalid && !strcmp(invalid, "confirm") ? "true" : NULL,
				       (char *)NULL);
		if (!rc)
			rc = html_elem(b, "label", tr(lang, MSG_WM_CONFIRM_CLOSE), "for", "confirm",
				       (char *)NULL);
		if (!rc)
			rc = html_raw(b, "</div>\n");
		if (!rc)
			rc = mg_form_end(b, tr(lang, MSG_WM_CLOSE_CYCLE), "primary");
	}
	change_list_free(ch, n_ch);
	json_decref(before);
	json_decref(now);
	portfolio_release(&p);
	buf_release(&url);
	return rc ? rc : page_end(req, resp);
}

int page_evaluation(struct http_req *req, struct http_resp *resp)
{
	struct web_org o;
	int rc = web_org(req, resp, ROLE_VIEWER, &o);

	if (rc)
		return MG_ANSWERED(rc);
	return evaluation_render(req, resp, &o, 200, NULL, NULL);
}

int page_evaluation_close(struct http_req *req, struct http_resp *resp)
{
	enum lang lang = req->lang;
	const struct eval_question *q;
	const char *approver = http_req_form(req, "approved_by");
	const char *confirm = http_req_form(req, "confirm");
	const char *fw = http_req_param(req, "fw");
	struct err e = ERR_INIT;
	struct web_org o;
	struct buf url;
	json_t *answers;
	char name[96], msg[ERR_MSG_MAX + 256];
	size_t n, i;
	int rc = web_org(req, resp, ROLE_ADMIN, &o);

	if (rc)
		return MG_ANSWERED(rc);
	web_store_actor(req);
	q = eval_questions(&n);
	answers = json_object();
	for (i = 0; i < n; i++) {
		const char *v;
		field_name(name, sizeof(name), &q[i]);
		v = http_req_form(req, name);
		if (!v || !*v) {
			if (q[i].optional)
				continue;
			json_decref(answers);
			snprintf(msg, sizeof(msg), "%s%s%s", tr(lang, MSG_WM_ANSWER_MISSING),
				 tr(lang, MSG_REPORT_COLON),
				 lang == LANG_JA ? q[i].text_ja : q[i].text_en);
			return evaluation_render(req, resp, &o, 400, msg, name);
		}
		if (*q[i].key) {
			json_t *sec = json_object_get(answers, q[i].section);
			if (!sec) {
				sec = json_object();
				json_object_set_new(answers, q[i].section, sec);
			}
			json_object_set_new(sec, q[i].key, json_string(v));
		} else {
			json_object_set_new(answers, q[i].section, json_string(v));
		}
	}
	if (!approver || !*approver) {
		json_decref(answers);
		return evaluation_render(req, resp, &o, 400, tr(lang, MSG_WM_APPROVER_MISSING),
					 "approved_by");
	}
	if (!confirm || strcmp(confirm, "yes")) {
		json_decref(answers);
		return evaluation_render(req, resp, &o, 400, tr(lang, MSG_WM_CONFIRM_MISSING),
					 "confirm");
	}
	rc = ops_evaluate(web_store(req), o.name, fw, answers, approver, &e);
	json_decref(answers);
	if (rc)
		return mg_input_error(e.code) ? evaluation_render(req, resp, &o, 400, e.msg, NULL)
					      : web_fail(req, resp, &e);
	buf_init(&url, HTTP_MAX_PATH);
	rc = web_portfolio_url(&url, o.id, fw, "cycles");
	if (!rc)
		rc = mg_see_other(resp, url.data);
	buf_release(&url);
	return rc;
}

/* ---- /cycles: history and trend ---- */

struct trend_point {
	int cycle;
	const char *closed;
	double current, target;
	size_t assessed;
};

#define TREND_W 640.0
#define TREND_H 300.0
#define TREND_L 48.0
#define TREND_R 48.0
#define TREND_T 20.0
#define TREND_B 64.0
#define COLOR_CURRENT "#2563eb"
#define COLOR_TARGET "#b45309"

static double trend_x(size_t i, size_t n)
{
	double w = TREND_W - TREND_L - TREND_R;

	if (n < 2)
		return TREND_L + w / 2;
	return round((TREND_L + w * (double)i / (double)(n - 1)) * 10) / 10;
}

static double trend_y(double v, double max)
{
	double h = TREND_H - TREND_T - TREND_B;

	if (v > max)
		v = max;
	return round((TREND_T + h - h * v / max) * 10) / 10;
}

/* One series as a polyline (with gaps left out) and a marker per point. */
static int trend_series(struct buf *b, const struct trend_point *pt, size_t n, double max,
			int target)
{
	size_t i;
	int rc = html_raw(b, target ? "<polyline fill=\"none\" stroke=\"" COLOR_TARGET
				      "\" stroke-width=\"2.5\" stroke-dasharray=\"6 4\" points=\""
				    : "<polyline fill=\"none\" stroke=\"" COLOR_CURRENT
				      "\" stroke-width=\"2.5\" points=\"");

	for (i = 0; !rc && i < n; i++) {
		double v = target ? pt[i].target : pt[i].current;
		if (v < 0)
			continue;
		rc = html_fmt(b, "%.1f,%.1f ", trend_x(i, n), trend_y(v, max));
	}
	if (!rc)
		rc = html_raw(b, "\"/>");
	for (i = 0; !rc && i < n; i++) {
		double v = target ? pt[i].target : pt[i].current;
		char fig[SVG_FIGURE_MAX];
		if (v < 0)
			continue;
		svg_figure(fig, v);
		/* circles for current, squares for target: not colour alone */
		if (target)
			rc = html_fmt(
			    b,
			    "<rect x=\"%.1f\" y=\"%.1f\" width=\"8\" height=\"8\" fill=\"%s\">"
			    "<title>%d: %s</title></rect>",
			    trend_x(i, n) - 4, trend_y(v, max) - 4, COLOR_TARGET, pt[i].cycle, fig);
		else
			rc = html_fmt(b,
				      "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" fill=\"%s\">"
				      "<title>%d: %s</title></circle>",
				      trend_x(i, n), trend_y(v, max), COLOR_CURRENT, pt[i].cycle,
				      fig);
	}
	return rc;
}

static int trend_chart(struct buf *b, enum lang lang, const struct trend_point *pt, size_t n,
		       double max)
{
	const char *title = tr(lang, MSG_WM_TREND_TITLE);
	double ly = TREND_H - 18;
	size_t i;
	int rc, s;

	rc =
	    html_fmt(b,
		     "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 %.0f "
		     "%.0f\" width=\"%.0f\" height=\"%.0f\" role=\"img\" aria-label=\"%s\" "
		     "font-family=\"system-ui, sans-serif\" font-size=\"12\" fill=\"#111827\">"
		     "<title>%s</title><desc>%s</desc>",
		     TREND_W, TREND_H, TREND_W, TREND_H, title, title, tr(lang, MSG_WM_TREND_DESC));
	for (s = 0; !rc && s <= (int)max; s++)
		rc = html_fmt(b,
			      "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
			      "stroke=\"#d1d5db\"/><text x=\"%.1f\" y=\"%.1f\" "
			      "text-anchor=\"end\" fill=\"#4b5563\">%d</text>",
			      TREND_L - 8, trend_y(s, max), TREND_W - TREND_R + 8, trend_y(s, max),
			      TREND_L - 14, trend_y(s, max) + 4, s);
	if (!rc && !n)
		rc = html_fmt(b,
			      "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" fill=\"#4b5563\">"
			      "%s</text>",
			      TREND_W / 2, TREND_H / 2, tr(lang, MSG_REPORT_CHART_NO_DATA));
	for (i = 0; !rc && i < n; i++)
		rc = html_fmt(b,
			      "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" "
			      "fill=\"#4b5563\">%s %d</text>",
			      trend_x(i, n), TREND_H - TREND_B + 18, tr(lang, MSG_CYCLE),
			      pt[i].cycle);
	if (!rc && n)
		rc = trend_series(b, pt, n, max, 1);
	if (!rc && n)
		rc = trend_series(b, pt, n, max, 0);
	/* legend */
	if (!rc)
		rc = html_fmt(
		    b,
		    "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" fill=\"" COLOR_CURRENT "\"/>"
		    "<text x=\"%.1f\" y=\"%.1f\">%s</text>"
		    "<rect x=\"%.1f\" y=\"%.1f\" width=\"8\" height=\"8\" fill=\"" COLOR_TARGET
		    "\"/><text x=\"%.1f\" y=\"%.1f\">%s</text></svg>",
		    TREND_L, ly, TREND_L + 10, ly + 4, tr(lang, MSG_CURRENT), TREND_L + 140, ly - 4,
		    TREND_L + 154, ly + 4, tr(lang, MSG_TARGET));
	return rc;
}

static int trend_table(struct buf *b, enum lang lang, const struct trend_point *pt, size_t n)
{
	char f1[SVG_FIGURE_MAX], f2[SVG_FIGURE_MAX];
	size_t i;
	int rc;

	rc = html_fmt(
	    b,
	    "<div class=\"table-wrap\"><table>\n<caption>%s</caption>\n<thead><tr>"
	    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
	    "<th scope=\"col\" class=\"num\">%s</th></tr></thead>\n<tbody>\n",
	    tr(lang, MSG_REPORT_CHART_DATA), tr(lang, MSG_CYCLE), tr(lang, MSG_WM_CLOSED),
	    tr(lang, MSG_CURRENT), tr(lang, MSG_TARGET), tr(lang, MSG_REPORT_ASSESSED));
	for (i = 0; !rc && i < n; i++)
		rc = html_fmt(b,
			      "<tr><th scope=\"row\">%d</th><td>%s</td><td class=\"num\">%s</td>"
			      "<td class=\"num\">%s</td><td class=\"num\">%zu</td></tr>\n",
			      pt[i].cycle, pt[i].closed, svg_figure(f1, pt[i].current),
			      svg_figure(f2, pt[i].target), pt[i].assessed);
	return rc ? rc : html_raw(b, "</tbody></table></div>\n");
}

/* The answers of a closed cycle, question by question. */
static int answers_list(struct buf *b, enum lang lang, const char *answers_json)
{
	const struct eval_question *q;
	json_t *ans = answers_json ? json_loads(answers_json, 0, NULL) : NULL;
	size_t n, i;
	int rc;

	if (!ans)
		return html_text(b, "\xE2\x80\x94");
	q = eval_questions(&n);
	rc = html_raw(b, "<dl class=\"answers\">\n");
	for (i = 0; !rc && i < n; i++) {
		const json_t *v =
		    *q[i].key ? json_object_get(json_object_get(ans, q[i].section), q[i].key)
			      : json_object_get(ans, q[i].section);
		if (!json_is_string(v))
			continue;
		rc = html_fmt(b, "<dt>%s</dt><dd>%s</dd>\n",
			      lang == LANG_JA ? q[i].text_ja : q[i].text_en, json_string_value(v));
	}
	json_decref(ans);
	return rc ? rc : html_raw(b, "</dl>");
}

static int cycle_select(struct buf *b, enum lang lang, const char *id, const char *name,
			const char *label, const struct cycle *c, size_t n, int selected)
{
	char num[16], text[64];
	size_t i;
	int rc = mg_select_begin(b, id, name, label, 1);

	for (i = 0; !rc && i < n; i++) {
		snprintf(num, sizeof(num), "%d", c[i].number);
		snprintf(text, sizeof(text), "%d%s", c[i].number,
			 c[i].closed_at ? "" : tr(lang, MSG_WM_OPEN_SUFFIX));
		rc = mg_option(b, num, text, c[i].number == selected);
	}
	return rc ? rc : mg_select_end(b);
}

static int cycles_table(struct http_req *req, struct buf *b, const struct web_org *o,
			const char *fw, const struct cycle *c, size_t n)
{
	enum lang lang = req->lang;
	struct buf url;
	char rest[64];
	size_t i;
	int rc;

	buf_init(&url, HTTP_MAX_PATH);
	rc = html_fmt(b,
		      "<div class=\"table-wrap\"><table class=\"cards cycles\">\n<thead><tr>"
		      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		      "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
		      tr(lang, MSG_CYCLE), tr(lang, MSG_WM_OPENED_AT), tr(lang, MSG_WM_CLOSED),
		      tr(lang, MSG_WM_APPROVED_BY), tr(lang, MSG_WM_SNAPSHOT_HASH),
		      tr(lang, MSG_WM_ANSWERS), tr(lang, MSG_WM_CHANGES));
	for (i = 0; !rc && i < n; i++) {
		rc =
		    html_fmt(b,
			     "<tr><th scope=\"row\" data-label=\"%s\">%d</th>"
			     "<td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td>"
			     "<td data-label=\"%s\">%s</td><td data-label=\"%s\">",
			     tr(lang, MSG_CYCLE), c[i].number, tr(lang, MSG_WM_OPENED_AT),
			     c[i].opened_at, tr(lang, MSG_WM_CLOSED),
			     c[i].closed_at ? c[i].closed_at : tr(lang, MSG_WM_STILL_OPEN),
			     tr(lang, MSG_WM_APPROVED_BY), c[i].approved_by ? c[i].approved_by : "",
			     tr(lang, MSG_WM_SNAPSHOT_HASH));
		if (!rc && c[i].snapshot_hash)
			rc = html_fmt(b, "<code class=\"hash\">%s</code>", c[i].snapshot_hash);
		if (!rc)
			rc = html_fmt(b, "</td><td data-label=\"%s\">", tr(lang, MSG_WM_ANSWERS));
		if (!rc && c[i].closed_at) {
			rc = html_fmt(b, "<details><summary>%s %d</summary>",
				      tr(lang, MSG_WM_ANSWERS), c[i].number);
			if (!rc)
				rc = answers_list(b, lang, c[i].answers_json);
			if (!rc)
				rc = html_raw(b, "</details>");
		}
		if (!rc)
			rc = html_fmt(b, "</td><td data-label=\"%s\">", tr(lang, MSG_WM_CHANGES));
		if (!rc && i > 0) {
			char text[96];
			buf_reset(&url);
			snprintf(rest, sizeof(rest), "cycles/%d/diff/%d", c[i - 1].number,
				 c[i].number);
			snprintf(text, sizeof(text), "%d \xE2\x86\x92 %d", c[i - 1].number,
				 c[i].number);
			rc = web_portfolio_url(&url, o->id, fw, rest);
			if (!rc)
				rc = html_elem(b, "a", text, "href", url.data, (char *)NULL);
		}
		if (!rc)
			rc = html_raw(b, "</td></tr>\n");
	}
	if (!rc)
		rc = html_raw(b, "</tbody></table></div>\n");
	buf_release(&url);
	return rc;
}

int page_cycles(struct http_req *req, struct http_resp *resp)
{
	struct store *st = web_store(req);
	enum lang lang = req->lang;
	struct buf *b = &resp->body;
	struct portfolio p;
	struct cycle *c = NULL;
	struct trend_point *pt = NULL;
	struct err e = ERR_INIT;
	struct web_org o;
	struct buf url;
	size_t n = 0, npt = 0, i;
	double max = 5;
	int rc = web_org(req, resp, ROLE_VIEWER, &o);

	if (rc)
		return MG_ANSWERED(rc);
	portfolio_init(&p);
	rc = mg_load(req, resp, st, &o, &p);
	if (rc) {
		portfolio_release(&p);
		return MG_ANSWERED(rc);
	}
	if (store_cycle_list(st, p.id, &c, &n, &e)) {
		portfolio_release(&p);
		return web_fail(req, resp, &e);
	}
	if (p.fw && p.fw->rubric[0].max_score > 0)
		max = p.fw->rubric[0].max_score > p.fw->rubric[1].max_score
			  ? p.fw->rubric[0].max_score
			  : p.fw->rubric[1].max_score;
	pt = xcalloc(n ? n : 1, sizeof(*pt));
	for (i = 0; i < n; i++) {
		json_t *snap;
		if (!c[i].closed_at || !c[i].snapshot_json)
			continue;
		snap = json_loads(c[i].snapshot_json, 0, NULL);
		if (!snap)
			continue;
		pt[npt].cycle = c[i].number;
		pt[npt].closed = mg_date(req, c[i].closed_at);
		snapshot_overall(snap, p.framework_id, &pt[npt].current, &pt[npt].target,
				 &pt[npt].assessed);
		npt++;
		json_decref(snap);
	}
	buf_init(&url, HTTP_MAX_PATH);
	rc = page_begin(req, resp, 200, tr(lang, MSG_WM_CYCLE_HISTORY));
	if (!rc)
		rc = web_portfolio_nav(req, b, &o, p.framework_id, TAB_EVALUATION);
	if (!rc)
		rc = html_elem(b, "h1", tr(lang, MSG_WM_CYCLE_HISTORY), (char *)NULL);
	if (!rc)
		rc = html_elem(b, "h2", tr(lang, MSG_WM_TREND_TITLE), (char *)NULL);
	if (!rc)
		rc = html_elem(b, "p", tr(lang, MSG_WM_TREND_INTRO), "class", "hint", (char *)NULL);
	if (!rc)
		rc = html_raw(b, "<figure class=\"chart\">");
	if (!rc)
		rc = trend_chart(b, lang, pt, npt, max);
	if (!rc)
		rc = html_elem(b, "figcaption", tr(lang, MSG_WM_TREND_DESC), (char *)NULL);
	if (!rc)
		rc = html_raw(b, "</figure>\n");
	if (!rc)
		rc = trend_table(b, lang, pt, npt);
	if (!rc)
		rc = html_elem(b, "h2", tr(lang, MSG_WM_CYCLES), (char *)NULL);
	if (!rc)
		rc = cycles_table(req, b, &o, p.framework_id, c, n);
	if (!rc && n > 1) {
		rc = html_elem(b, "h2", tr(lang, MSG_WM_COMPARE), (char *)NULL);
		if (!rc)
			rc = web_portfolio_url(&url, o.id, p.framework_id, "cycles/compare");
		if (!rc)
			rc = html_open(b, "form", "method", "get", "action", url.data, "class",
				       "toolbar", (char *)NULL);
		if (!rc)
			rc = cycle_select(b, lang, "cmp-a", "a", tr(lang, MSG_WM_FROM_CYCLE), c, n,
					  c[n - 2].number);
		if (!rc)
			rc = cycle_select(b, lang, "cmp-b", "b", tr(lang, MSG_WM_TO_CYCLE), c, n,
					  c[n - 1].number);
		if (!rc)
			rc = mg_form_end(b, tr(lang, MSG_WM_COMPARE), NULL);
	}
	free(pt);
	cycle_list_free(c, n);
	portfolio_release(&p);
	buf_release(&url);
	return rc ? rc : page_end(req, resp);
}

/* A cycle number from the path or query: 1..CYCLE_NUMBER_MAX, else 0. */
static int cycle_number(const char *s)
{
	char *end;
	long v;

	if (!s || !*s)
		return 0;
	v = strtol(s, &end, 10);
	return *end || v <= 0 || v > CYCLE_NUMBER_MAX ? 0 : (int)v;
}

int page_cycles_compare(struct http_req *req, struct http_resp *resp)
{
	int a = cycle_number(http_req_query(req, "a"));
	int b = cycle_number(http_req_query(req, "b"));
	struct web_org o;
	struct buf url;
	char rest[64];
	int rc = web_org(req, resp, ROLE_VIEWER, &o);

	if (rc)
		return MG_ANSWERED(rc);
	if (!a || !b)
		return http_error(req, resp, 400, NULL, "choose two cycles to compare");
	snprintf(rest, sizeof(rest), "cycles/%d/diff/%d", a, b);
	buf_init(&url, HTTP_MAX_PATH);
	rc = web_portfolio_url(&url, o.id, http_req_param(req, "fw"), rest);
	if (!rc)
		rc = mg_see_other(resp, url.data);
	buf_release(&url);
	return rc;
}

int page_cycle_diff(struct http_req *req, struct http_resp *resp)
{
	struct store *st = web_store(req);
	enum lang lang = req->lang;
	struct buf *b = &resp->body;
	int na = cycle_number(http_req_param(req, "a"));
	int nb = cycle_number(http_req_param(req, "b"));
	struct portfolio p;
	struct change *ch = NULL;
	json_t *sa = NULL, *sb = NULL;
	struct err e = ERR_INIT;
	struct web_org o;
	struct buf url;
	char title[256];
	size_t n = 0;
	int rc = web_org(req, resp, ROLE_VIEWER, &o);

	if (rc)
		return MG_ANSWERED(rc);
	if (!na || !nb)
		return http_error(req, resp, 404, NULL, "cycles are numbered from 1");
	portfolio_init(&p);
	rc = mg_load(req, resp, st, &o, &p);
	if (rc) {
		portfolio_release(&p);
		return MG_ANSWERED(rc);
	}
	if (ops_cycle_snapshot(st, o.name, p.framework_id, na, &sa, &e) ||
	    ops_cycle_snapshot(st, o.name, p.framework_id, nb, &sb, &e)) {
		json_decref(sa);
		portfolio_release(&p);
		if (e.code == ERR_NOT_FOUND)
			return http_error(req, resp, 404, NULL, e.msg);
		return web_fail(req, resp, &e);
	}
	n = snapshot_diff(sa, sb, &ch);
	snprintf(title, sizeof(title), "%s: %d \xE2\x86\x92 %d", tr(lang, MSG_WM_DIFF), na, nb);
	buf_init(&url, HTTP_MAX_PATH);
	rc = page_begin(req, resp, 200, title);
	if (!rc)
		rc = web_portfolio_nav(req, b, &o, p.framework_id, TAB_EVALUATION);
	if (!rc)
		rc = html_elem(b, "h1", title, (char *)NULL);
	if (!rc && (na == p.cycle || nb == p.cycle))
		rc = html_elem(b, "p", tr(lang, MSG_WM_DIFF_OPEN_NOTE), "class", "hint",
			       (char *)NULL);
	if (!rc)
		rc = diff_table(b, lang, &p, ch, n, title);
	if (!rc)
		rc = web_portfolio_url(&url, o.id, p.framework_id, "cycles");
	if (!rc)
		rc = html_raw(b, "<p>");
	if (!rc)
		rc = html_elem(b, "a", tr(lang, MSG_WM_CYCLE_HISTORY), "href", url.data,
			       (char *)NULL);
	if (!rc)
		rc = html_raw(b, "</p>\n");
	change_list_free(ch, n);
	json_decref(sa);
	json_decref(sb);
	portfolio_release(&p);
	buf_release(&url);
	return rc ? rc : page_end(req, resp);
}
