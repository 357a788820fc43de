/*
 * page_evaluation.c - the evaluation process (X.1060 clause 11) of one
 * portfolio (/o/{org}/p/{fw}/evaluation): the build progress of the open
 * cycle, what changed since the last evaluation, the catalogue, profile and
 * portfolio questions, and closing the cycle; and what the cycles pages
 * show of an evaluation: the changes between two snapshots and the answers
 * recorded when a cycle was closed. The history of cycles
 * is in page_cycles.c.
 *
 * Closing a cycle freezes the portfolio as an immutable snapshot
 * (ops_evaluate), so it is for the organization's administrators and needs
 * an explicit confirmation; a cycle whose selected services are not all
 * assigned and scored may still be closed (it freezes what is there), but
 * only with a second confirmation that names how many are missing. The
 * planned date of the next evaluation (its section and form, and the date
 * field of the close form) is in page_schedule.c.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/evaluation.h"
#include "core/level.h"
#include "core/score.h"
#include "core/snapshot.h"
#include "i18n/i18n.h"
#include "ops/ops.h"
#include "report/html.h"
#include "store/store.h"
#include "store/store_user.h"
#include "util/err.h"
#include "web/pages/manage_pages.h"
#include "web/pages/nav.h"
#include "web/pages/page.h"
#include "web/webctx.h"

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
	const char *name = en ? entry_name(p, en, lang_code(lang)) : NULL;

	html_text(b, ref);
	if (name && *name)
		html_fmt(b, " %s", name);
	return buf_status(b);
}

int mg_diff_table(struct buf *b, enum lang lang, const struct portfolio *p, const struct change *ch,
		  size_t n, const char *caption)
{
	size_t i;

	if (!n)
		return html_elem(b, "p", tr(lang, MSG_WM_NO_CHANGES), (char *)NULL);
	html_raw(b, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"cards diff\">\n");
	html_fmt(b, "<caption>%s</caption>\n<thead><tr>", caption);
	html_fmt(b,
		 "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		 "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		 "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n",
		 tr(lang, MSG_SERVICE), tr(lang, MSG_WM_CHANGE_KIND), tr(lang, MSG_WM_FIELD),
		 tr(lang, MSG_WM_BEFORE), tr(lang, MSG_WM_AFTER));
	for (i = 0; i < n; i++) {
		html_fmt(b, "<tr><td data-label=\"%s\">", tr(lang, MSG_SERVICE));
		service_text(b, lang, p, ch[i].ref_id);
		html_fmt(b, "</td><td data-label=\"%s\">%s</td><td data-label=\"%s\">",
			 tr(lang, MSG_WM_CHANGE_KIND), tr(lang, change_msg(ch[i].kind)),
			 tr(lang, MSG_WM_FIELD));
		field_text(b, lang, ch[i].field);
		html_fmt(b, "</td><td data-label=\"%s\">", tr(lang, MSG_WM_BEFORE));
		value_text(b, lang, ch[i].field, ch[i].before);
		html_fmt(b, "</td><td data-label=\"%s\">", tr(lang, MSG_WM_AFTER));
		value_text(b, lang, ch[i].field, ch[i].after);
		html_raw(b, "</td></tr>\n");
	}
	html_raw(b, "</tbody></table></div>\n");
	return buf_status(b);
}

/* ---- /evaluation ---- */

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
	char name[64], id[80];

	q = eval_questions(&n);
	for (i = 0; i < n; i++) {
		bool first = i == 0 || strcmp(q[i - 1].section, q[i].section);
		bool last = i + 1 == n || strcmp(q[i + 1].section, q[i].section);
		eval_path(&q[i], name);
		snprintf(id, sizeof(id), "q-%s", name);
		for (char *c = id; *c; c++)
			if (*c == '.')
				*c = '-';
		if (first) {
			html_raw(b, "<fieldset>");
			html_elem(b, "legend", tr(lang, section_msg(q[i].section)), (char *)NULL);
			html_raw(b, "\n");
		}
		html_raw(b, "<div class=\"field\">");
		html_open(b, "label", "for", id, (char *)NULL);
		html_text(b, tr(lang, q[i].text));
		if (q[i].optional)
			html_fmt(b, " <span class=\"hint\">%s</span>", tr(lang, MSG_WM_OPTIONAL));
		html_raw(b, "</label>");
		html_open(b, "textarea", "id", id, "name", name, "rows", "4",
			  KIT_BOOL("required", !q[i].optional), "aria-invalid",
			  invalid && !strcmp(invalid, name) ? "true" : NULL, (char *)NULL);
		html_text(b, http_req_form(req, name));
		html_raw(b, "</textarea></div>\n");
		if (last)
			html_raw(b, "</fieldset>\n");
	}
	return buf_status(b);
}

/* The questions as a list, for members who may not close the cycle. */
static int questions_list(struct buf *b, enum lang lang)
{
	const struct eval_question *q;
	size_t n, i;

	q = eval_questions(&n);
	html_raw(b, "<ol class=\"questions\">\n");
	for (i = 0; i < n; i++)
		html_fmt(b, "<li><strong>%s</strong>%s%s</li>\n",
			 tr(lang, section_msg(q[i].section)), tr(lang, MSG_REPORT_COLON),
			 tr(lang, q[i].text));
	html_raw(b, "</ol>\n");
	return buf_status(b);
}

/* The answers of a closed cycle, question by question, as a definition list. */
static int answers_list(struct buf *b, enum lang lang, const char *answers_json)
{
	const struct eval_question *q;
	json_t *ans = answers_json ? json_loads(answers_json, 0, NULL) : NULL;
	size_t n, i;

	if (!ans)
		return html_elem(b, "p", "\xE2\x80\x94", (char *)NULL);
	q = eval_questions(&n);
	html_raw(b, "<dl class=\"answers\">\n");
	for (i = 0; i < n; i++) {
		const json_t *v =
		    *q[i].key ? json_object_get(json_object_get(ans, q[i].section), q[i].key)
			      : json_object_get(ans, q[i].section);
		if (json_is_string(v))
			html_fmt(b, "<dt>%s</dt><dd>%s</dd>\n", tr(lang, q[i].text),
				 json_string_value(v));
	}
	json_decref(ans);
	html_raw(b, "</dl>\n");
	return buf_status(b);
}

int mg_cycle_answers(struct http_req *req, struct buf *b, const struct cycle *c, size_t n)
{
	enum lang lang = req->lang;
	char id[32], num[16];
	size_t i, shown = 0;

	html_elem(b, "h2", tr(lang, MSG_WM_EVAL_ANSWERS), "id", "answers", (char *)NULL);
	for (i = n; i-- > 0;) {
		if (!c[i].closed_at)
			continue;
		shown++;
		snprintf(id, sizeof(id), "answers-%d", c[i].number);
		snprintf(num, sizeof(num), "%d", c[i].number);
		html_raw(b, "<section class=\"answers\">");
		html_elem(b, "h3", kit_tr(req, MSG_WM_ANSWERS_OF, num, NULL), "id", id,
			  (char *)NULL);
		html_fmt(b, "<p class=\"meta\">%s%s%s", tr(lang, MSG_WM_APPROVED_BY),
			 tr(lang, MSG_REPORT_COLON),
			 c[i].approved_by ? c[i].approved_by : "\xE2\x80\x94");
		html_fmt(b, " \xC2\xB7 %s%s<time datetime=\"%s\">%s</time></p>\n",
			 tr(lang, MSG_WM_CLOSED), tr(lang, MSG_REPORT_COLON), c[i].closed_at,
			 kit_datetime(req, c[i].closed_at));
		answers_list(b, lang, c[i].answers_json);
		html_raw(b, "</section>\n");
	}
	if (!shown)
		html_elem(b, "p", tr(lang, MSG_WM_NO_ANSWERS_YET), "class", "hint", (char *)NULL);
	return buf_status(b);
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
			*opened = kit_date(req, c[i].opened_at);
		if (c[i].closed_at && c[i].number > *last_closed)
			*last_closed = c[i].number;
	}
	cycle_list_free(c, n);
	return rc;
}

/* Selected services that are not assigned or not fully scored (either or both). */
static size_t incomplete_services(const struct portfolio *p)
{
	size_t i, n = 0;

	for (i = 0; i < p->n_entries; i++)
		n += entry_unfinished(&p->entries[i]) != 0;
	return n;
}

/* Is any service of the catalogue selected (a level other than not required)? */
static bool any_selected(const struct portfolio *p)
{
	size_t i;

	for (i = 0; i < p->n_entries; i++)
		if (p->entries[i].level != LEVEL_NOT_REQUIRED)
			return true;
	return false;
}

/* The build progress of the open cycle, and what closing it now would leave out. */
static int build_progress(struct http_req *req, struct buf *b, const struct web_org *o,
			  const struct portfolio *p)
{
	enum lang lang = req->lang;
	struct progress pr;
	char unassigned[32], unscored[32];

	score_progress(p, &pr);
	html_elem(b, "h2", tr(lang, MSG_WM_BUILD_PROGRESS), (char *)NULL);
	mg_build_progress(b, lang, &pr);
	/* nothing selected: not "complete" at 0/0, and ops_evaluate refuses to close it */
	if (!any_selected(p)) {
		html_raw(b, "<div class=\"notice warn\" id=\"catalogue-empty\"><p>");
		html_text(b, tr(lang, MSG_WM_CATALOGUE_EMPTY));
		html_raw(b, " ");
		html_elem(b, "a", tr(lang, MSG_WM_CATALOGUE_EMPTY_LINK), "href",
			  kit_portfolio_href(req, o->id, p->framework_id, "catalogue"),
			  (char *)NULL);
		html_raw(b, "</p></div>\n");
		return buf_status(b);
	}
	if (!incomplete_services(p))
		return kit_notice(b, KIT_OK, tr(lang, MSG_WM_COMPLETE));
	snprintf(unassigned, sizeof(unassigned), "%zu", pr.profile_total - pr.profile_done);
	snprintf(unscored, sizeof(unscored), "%zu", pr.portfolio_total - pr.portfolio_done);
	html_raw(b, "<div class=\"notice warn\" id=\"incomplete-warning\"><p>");
	html_text(b, kit_tr(req, MSG_WM_INCOMPLETE, unassigned, unscored));
	html_raw(b, " ");
	html_elem(b, "a", tr(lang, MSG_PROFILE), "href",
		  kit_portfolio_href(req, o->id, p->framework_id, "profile"), (char *)NULL);
	html_text(b, tr(lang, MSG_REPORT_LIST_SEP));
	html_elem(b, "a", tr(lang, MSG_PORTFOLIO), "href",
		  kit_portfolio_href(req, o->id, p->framework_id, "portfolio"), (char *)NULL);
	html_raw(b, "</p></div>\n");
	return buf_status(b);
}

/* A required confirmation checkbox with its label (described_by: an element id or NULL). */
static int confirm_box(struct buf *b, const char *id, const char *value, const char *label,
		       const char *described_by, bool checked, bool invalid)
{
	html_raw(b, "<div class=\"field check\">");
	html_open(b, "input", "type", "checkbox", "id", id, "name", id, "value", value,
		  KIT_BOOL("required", true), KIT_BOOL("checked", checked), "aria-invalid",
		  invalid ? "true" : NULL, "aria-describedby", described_by, (char *)NULL);
	html_elem(b, "label", label, "for", id, (char *)NULL);
	html_raw(b, "</div>\n");
	return buf_status(b);
}

/* The form that closes the cycle: the questions, the approver, the next
 * evaluation and the confirmations. */
static int close_form(struct http_req *req, struct buf *b, const struct web_org *o,
		      const struct portfolio *p, const char *invalid)
{
	const struct web_user *u = web_user(req);
	enum lang lang = req->lang;
	const char *approver = http_req_form(req, "approved_by");
	const char *confirm = http_req_form(req, "confirm");
	const char *incomplete_ok = http_req_form(req, "incomplete");
	size_t incomplete = incomplete_services(p);
	char count[32];

	snprintf(count, sizeof(count), "%zu", incomplete);
	kit_form_begin(req, b, kit_portfolio_href(req, o->id, p->framework_id, "evaluation"),
		       "stack wide");
	questions_form(req, b, invalid);
	kit_input(b, "text", "approved-by", "approved_by", tr(lang, MSG_WM_APPROVED_BY),
		  approver ? approver : (u ? u->name : NULL), 1, tr(lang, MSG_WM_APPROVED_BY_HINT));
	mg_close_next_field(req, b, invalid);
	confirm_box(b, "confirm", "yes", tr(lang, MSG_WM_CONFIRM_CLOSE), NULL, confirm != NULL,
		    invalid && !strcmp(invalid, "confirm"));
	/* the value is the count, so a count that grew since asks again */
	if (incomplete)
		confirm_box(b, "incomplete", count,
			    kit_tr(req, MSG_WM_CONFIRM_INCOMPLETE, count, NULL),
			    "incomplete-warning", incomplete_ok && !strcmp(incomplete_ok, count),
			    invalid && !strcmp(invalid, "incomplete"));
	kit_form_end(b, tr(lang, MSG_WM_CLOSE_CYCLE), "primary");
	return buf_status(b);
}

int mg_evaluation_page(struct http_req *req, struct http_resp *resp, const struct web_org *o,
		       int status, const struct err *refused, const char *invalid)
{
	struct store *st = web_store(req);
	enum lang lang = req->lang;
	struct buf *b = &resp->body;
	struct portfolio p;
	struct err e = ERR_INIT;
	struct change *ch = NULL;
	json_t *before = NULL, *now = NULL;
	const char *opened;
	char caption[256];
	size_t n_ch = 0;
	int rc, last;

	portfolio_init(&p);
	rc = mg_load(req, st, o, &p);
	if (!rc && (cycle_facts(req, st, &p, &opened, &last, &e) ||
		    (last && ops_cycle_snapshot(st, o->name, p.framework_id, last, &before, &e))))
		rc = http_fail(req, &e);
	if (rc) {
		portfolio_release(&p);
		return rc;
	}
	if (before) {
		now = snapshot_of(&p);
		n_ch = snapshot_diff(before, now, &ch);
	}
	page_begin(req, resp, status, tr(lang, MSG_EVALUATION));
	web_portfolio_nav(req, b, o, p.framework_id, TAB_EVALUATION);
	html_elem(b, "h1", tr(lang, MSG_EVALUATION), (char *)NULL);
	html_elem(b, "p", tr(lang, MSG_WM_EVAL_INTRO), "class", "lead", (char *)NULL);
	if (refused)
		kit_error_notice(req, b, refused);
	else
		kit_done_notice(req, b);
	html_fmt(b, "<dl class=\"facts\"><dt>%s</dt><dd>%d", tr(lang, MSG_WM_OPEN_CYCLE), p.cycle);
	if (opened)
		mg_opened(b, lang, opened);
	html_fmt(b, "</dd><dt>%s</dt><dd>", tr(lang, MSG_WM_CYCLES));
	html_elem(b, "a", tr(lang, MSG_WM_CYCLE_HISTORY), "href",
		  kit_portfolio_href(req, o->id, p.framework_id, "cycles"), (char *)NULL);
	html_raw(b, "</dd></dl>\n");
	mg_schedule_section(req, b, o, &p, invalid);
	build_progress(req, b, o, &p);
	/* what changed since the last evaluation */
	html_elem(b, "h2", tr(lang, MSG_WM_SINCE_LAST), (char *)NULL);
	if (!last) {
		html_elem(b, "p", tr(lang, MSG_WM_FIRST_CYCLE), (char *)NULL);
	} else {
		snprintf(caption, sizeof(caption), "%s: %d \xE2\x86\x92 %d", tr(lang, MSG_WM_DIFF),
			 last, p.cycle);
		mg_diff_table(b, lang, &p, ch, n_ch, caption);
	}
	/* the questions and closing the cycle */
	html_elem(b, "h2", tr(lang, MSG_WM_EVAL_QUESTIONS), "id", "questions", (char *)NULL);
	if (o->role < ROLE_ADMIN) {
		html_elem(b, "p", tr(lang, MSG_WM_EVAL_ADMIN_ONLY), "class", "notice",
			  (char *)NULL);
		questions_list(b, lang);
	} else if (!any_selected(&p)) {
		/* nothing to close yet (the notice above says why): the questions only */
		questions_list(b, lang);
	} else {
		close_form(req, b, o, &p, invalid);
	}
	change_list_free(ch, n_ch);
	json_decref(before);
	json_decref(now);
	portfolio_release(&p);
	page_end(req, resp);
	return buf_status(b);
}

int page_evaluation(struct http_req *req, struct http_resp *resp)
{
	struct web_org o;
	int rc = web_org(req, ROLE_VIEWER, &o);

	return rc ? rc : mg_evaluation_page(req, resp, &o, 200, NULL, NULL);
}

/* The answers of the form as {"catalogue": {"appropriate": "..."}, ...}; NULL
 * with *missing set to the first required question left empty. */
static json_t *form_answers(struct http_req *req, const struct eval_question **missing)
{
	const struct eval_question *q;
	json_t *answers = json_object();
	char name[64];
	size_t n, i;

	*missing = NULL;
	q = eval_questions(&n);
	for (i = 0; i < n; i++) {
		const char *v = http_req_form(req, eval_path(&q[i], name));
		if ((!v || !*v) && q[i].optional)
			continue;
		if (!v || !*v) {
			*missing = &q[i];
			json_decref(answers);
			return NULL;
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
	return answers;
}

/* Show the evaluation page again with 400 and the form's own words for what is missing. */
static int close_refused(struct http_req *req, struct http_resp *resp, const struct web_org *o,
			 enum msg_id text, const char *field)
{
	struct err e = ERR_INIT;

	err_fail(&e, ERR_INVALID, field, text);
	return mg_evaluation_page(req, resp, o, 400, &e, field);
}

int page_evaluation_close(struct http_req *req, struct http_resp *resp)
{
	struct store *st = web_store(req);
	const struct eval_question *missing;
	const char *approver = http_req_form(req, "approved_by");
	const char *confirm = http_req_form(req, "confirm");
	const char *incomplete_ok = http_req_form(req, "incomplete");
	const char *next = http_req_form(req, "next_evaluation");
	struct err e = ERR_INIT, shown;
	struct portfolio p;
	struct web_org o;
	struct buf url;
	json_t *answers;
	char name[64], count[32];
	size_t incomplete;
	int rc = web_org(req, ROLE_ADMIN, &o);

	if (rc)
		return rc;
	web_store_actor(req);
	portfolio_init(&p);
	rc = mg_load(req, st, &o, &p);
	incomplete = rc ? 0 : incomplete_services(&p);
	portfolio_release(&p);
	if (rc)
		return rc;
	answers = form_answers(req, &missing);
	if (!answers) {
		err_fail(&shown, ERR_INVALID, eval_path(missing, name), MSG_WM_ANSWER_MISSING,
			 ERR_WORD(missing->text));
		return mg_evaluation_page(req, resp, &o, 400, &shown, name);
	}
	snprintf(count, sizeof(count), "%zu", incomplete);
	if (!approver || !*approver)
		rc = close_refused(req, resp, &o, MSG_WM_APPROVER_MISSING, "approved_by");
	else if (!confirm || strcmp(confirm, "yes"))
		rc = close_refused(req, resp, &o, MSG_WM_CONFIRM_MISSING, "confirm");
	/* closing an unfinished cycle is allowed, knowingly: the ticked count must
	 * be today's (it names how many services stay unassigned or unscored) */
	else if (incomplete && (!incomplete_ok || strcmp(incomplete_ok, count)))
		rc = close_refused(req, resp, &o, MSG_WM_INCOMPLETE_MISSING, "incomplete");
	else if (ops_evaluate(st, o.name, http_req_param(req, "fw"), answers, approver, next, &e))
		/* a next evaluation that is not a day: marked at its field, in the form's words */
		rc = !kit_form_status(&e) ? http_fail(req, &e)
		     : !strcmp(e.field, "next_evaluation")
			 ? close_refused(req, resp, &o, MSG_WM_BAD_DATE, "close-next-evaluation")
			 : mg_evaluation_page(req, resp, &o, kit_form_status(&e), &e, NULL);
	else {
		buf_init(&url, HTTP_MAX_PATH);
		kit_portfolio_url(&url, o.id, http_req_param(req, "fw"), "cycles");
		rc = kit_see_other_done(resp, &url, "closed");
		buf_release(&url);
	}
	json_decref(answers);
	return rc;
}
