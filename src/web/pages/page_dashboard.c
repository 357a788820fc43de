/*
 * page_dashboard.c - GET / for a signed-in user: every organization the user
 * belongs to (all of them for site administrators) with the state of each
 * portfolio (build progress, overall current and target, open actions, the
 * open cycle, the last evaluation and the planned next one), its figures from
 * the report model (report/model.h) as on the report page; mg_portfolio_card
 * is shared with the organization page. The other shared helpers are in
 * manage_util.c.
 *
 * X.1060 leaves the timing of evaluations to the organization, so the next
 * evaluation is the date its administrators planned (page_schedule.c), shown
 * with the days left or, highlighted, the days it is overdue; a portfolio
 * without a plan says "not planned" and links to the form.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n/i18n.h"
#include "io/catalog.h"
#include "ops/ops.h"
#include "report/html.h"
#include "report/model.h"
#include "store/store.h"
#include "store/store_user.h"
#include "util/err.h"
#include "web/pages/manage_pages.h"
#include "web/pages/nav.h"
#include "web/pages/org_list.h"
#include "web/pages/page.h"
#include "web/webctx.h"

/* Organizations on one page of the dashboard; the next ones are a link away. */
#define DASHBOARD_ORGS 20

/* Open cycle's opening date and the last closed cycle's closing date. */
static int cycle_dates(struct http_req *req, struct store *st, long long pid, int open_number,
		       const char **opened, const char **last_closed, struct err *e)
{
	struct cycle *c = NULL;
	size_t n = 0, i;
	int rc;

	*opened = *last_closed = NULL;
	rc = store_cycle_list(st, pid, &c, &n, e);
	if (rc)
		return rc;
	for (i = 0; i < n; i++) {
		if (c[i].number == open_number)
			*opened = kit_date(req, c[i].opened_at);
		if (c[i].closed_at)
			*last_closed = kit_date(req, c[i].closed_at);
	}
	cycle_list_free(c, n);
	return 0;
}

/* Does the organization have at least one team or provider? */
static int has_parties(struct store *st, long long org_id, bool *yes, struct err *e)
{
	struct party *list = NULL;
	size_t n = 0, total = 0;
	int k, rc = 0;

	for (k = PARTY_TEAM; !rc && k <= PARTY_PROVIDER; k++) {
		rc = store_party_list(st, (enum party_kind)k, org_id, &list, &n, e);
		party_list_free(list, n);
		total += rc ? 0 : n;
		list = NULL;
		n = 0;
	}
	*yes = total > 0;
	return rc;
}

/* The first unfinished build step as a tab name and its "Next:" text. */
static const char *next_step(struct http_req *req, const struct report_phase *ph, bool parties,
			     const char **text)
{
	const struct report_phase *profile = &ph[1], *portfolio = &ph[2];
	char num[32];

	if (!portfolio->total) { /* nothing selected (readiness in scope counts) */
		*text = tr(req->lang, MSG_WM_NEXT_CATALOGUE);
		return "catalogue";
	}
	if (profile->done < profile->total) {
		snprintf(num, sizeof(num), "%zu", profile->total - profile->done);
		*text = !parties ? tr(req->lang, MSG_WM_NEXT_SETUP)
			: profile->total - profile->done == 1
			    ? tr(req->lang, MSG_WM_NEXT_PROFILE_ONE)
			    : kit_tr(req, MSG_WM_NEXT_PROFILE, num, NULL);
		return "profile";
	}
	if (portfolio->done < portfolio->total) {
		snprintf(num, sizeof(num), "%zu", portfolio->total - portfolio->done);
		*text = portfolio->total - portfolio->done == 1
			    ? tr(req->lang, MSG_WM_NEXT_PORTFOLIO_ONE)
			    : kit_tr(req, MSG_WM_NEXT_PORTFOLIO, num, NULL);
		return "portfolio";
	}
	*text = tr(req->lang, MSG_WM_NEXT_REPORT);
	return "report";
}

/* <p class="next-step"><strong>Next</strong>: <a href=url>text</a></p>; the
 * step as words only (url NULL) for someone whose role cannot take it. */
static int next_line(struct buf *b, enum lang lang, const char *url, const char *text)
{
	html_fmt(b, "<p class=\"next-step\"><strong>%s</strong>%s", tr(lang, MSG_WM_NEXT),
		 tr(lang, MSG_REPORT_COLON));
	if (url)
		html_elem(b, "a", text, "href", url, (char *)NULL);
	else
		html_text(b, text);
	html_raw(b, "</p>\n");
	return buf_status(b);
}

/* The role a next step needs: the catalogue and the profile are an editor's
 * work, the teams and providers of Settings an administrator's, scores an
 * assessor's (of its team's services) and the report anyone's. */
static enum role step_role(const char *step, bool parties)
{
	if (!strcmp(step, "profile") && !parties)
		return ROLE_ADMIN;
	if (!strcmp(step, "catalogue") || !strcmp(step, "profile"))
		return ROLE_EDITOR;
	if (!strcmp(step, "portfolio"))
		return ROLE_ASSESSOR;
	return ROLE_VIEWER;
}

/* The build progress as bars: "Catalogue 12 / 56 (21%)", the percentage
 * the report model gives (core/score.h's rounding). */
static int progress_bars(struct buf *b, const struct report_model *m)
{
	int i;

	for (i = 0; i < REPORT_PHASES; i++) {
		const struct report_phase *ph = &m->progress[i];
		const char *label = tr(m->lang, ph->phase);
		html_raw(b, "<div class=\"progress-row\">");
		html_elem(b, "span", label, "class", "progress-label", (char *)NULL);
		html_fmt(b,
			 "<progress max=\"%zu\" value=\"%zu\" aria-label=\"%s\">%s"
			 "</progress><span class=\"num\">%zu / %zu (%s)</span></div>\n",
			 ph->total ? ph->total : 1, ph->done, label, ph->percent_text, ph->done,
			 ph->total, ph->percent_text);
	}
	return buf_status(b);
}

/* <dt>term</dt><dd> (the caller writes the value and </dd>). */
static int fact(struct buf *b, const char *term)
{
	html_elem(b, "dt", term, (char *)NULL);
	html_raw(b, "<dd>");
	return buf_status(b);
}

int mg_portfolio_card(struct http_req *req, struct buf *b, struct store *st, long long org_id,
		      const char *org_name, const struct portfolio_ref *ref)
{
	enum lang lang = req->lang;
	const struct framework *fw = catalog_get(ref->framework_id);
	const char *fw_name = fw ? framework_name(fw, lang_code(lang)) : ref->framework_id;
	const char *fw_id = ref->framework_id;
	struct portfolio p;
	struct report_actions actions;
	struct report_input in = {.p = &p, .lang = lang, .actions = &actions};
	struct report_model *m = NULL;
	struct err e = ERR_INIT;
	struct buf settings;
	const char *opened = NULL, *closed = NULL, *step, *step_text;
	bool parties = false;
	struct web_org o;
	/* the caller's role: no link to what it may not do */
	enum role role = web_org_id(req, org_id, ROLE_VIEWER, &o) ? ROLE_VIEWER : o.role;

	portfolio_init(&p);
	html_raw(b, "<article class=\"card portfolio-card\">\n<h3>");
	if (ops_load(st, org_name, fw_id, &p, &e) || ops_action_counts(st, ref->id, &actions, &e) ||
	    cycle_dates(req, st, ref->id, ref->cycle, &opened, &closed, &e) ||
	    has_parties(st, org_id, &parties, &e) || report_model_new(&in, &m, &e)) {
		/* one broken portfolio (an unknown framework) must not hide the others */
		html_text(b, fw_name);
		html_raw(b, "</h3>\n");
		kit_error_notice(req, b, &e);
		html_raw(b, "</article>\n");
		goto out;
	}
	step = next_step(req, m->progress, parties, &step_text);
	html_elem(b, "a", fw_name, "href", kit_portfolio_href(req, org_id, fw_id, step),
		  (char *)NULL);
	html_raw(b, "</h3>\n");
	/* the glance first: the figures of the report's "At a glance" */
	html_raw(b, "<dl class=\"facts glance\">\n");
	fact(b, tr(lang, MSG_GLANCE_OVERALL));
	html_text(b, m->glance.overall);
	html_raw(b, "</dd>\n");
	fact(b, tr(lang, MSG_GLANCE_GAPS));
	html_text(b, m->glance.gaps_text);
	html_raw(b, "</dd>\n");
	fact(b, tr(lang, MSG_GLANCE_OVERDUE));
	html_open(b, "a", "href", kit_portfolio_href(req, org_id, fw_id, "actions"), (char *)NULL);
	if (m->glance.overdue_actions)
		html_fmt(b, "<strong class=\"overdue\">%s</strong></a>", m->glance.actions_text);
	else
		html_fmt(b, "%s</a>", m->glance.actions_text);
	html_raw(b, "</dd>\n");
	fact(b, tr(lang, MSG_GLANCE_NEXT));
	mg_next_evaluation(req, b, org_id, fw_id, ref->next_evaluation, role >= ROLE_ADMIN);
	html_raw(b, "</dd>\n</dl>\n");
	progress_bars(b, m);
	/* the next step links where the work is: Settings when the profile lacks parties */
	buf_init(&settings, HTTP_MAX_PATH);
	kit_org_url(&settings, org_id, "/settings");
	next_line(b, lang,
		  role < step_role(step, parties) ? NULL
		  : !strcmp(step, "profile") && !parties
		      ? settings.data
		      : kit_portfolio_href(req, org_id, fw_id, step),
		  step_text);
	buf_release(&settings);
	html_raw(b, "<dl class=\"facts\">\n");
	fact(b, tr(lang, MSG_WM_OPEN_CYCLE));
	html_fmt(b, "%d", ref->cycle);
	if (opened)
		mg_opened(b, lang, opened);
	html_raw(b, "</dd>\n");
	fact(b, tr(lang, MSG_WM_LAST_EVALUATION));
	html_text(b, closed ? closed : tr(lang, MSG_WM_NOT_YET));
	html_raw(b, "</dd>\n</dl>\n<p class=\"card-links\">");
	html_elem(b, "a", tr(lang, MSG_EVALUATION), "href",
		  kit_portfolio_href(req, org_id, fw_id, "evaluation"), (char *)NULL);
	html_raw(b, " · ");
	html_elem(b, "a", tr(lang, MSG_WM_CYCLES), "href",
		  kit_portfolio_href(req, org_id, fw_id, "cycles"), (char *)NULL);
	html_raw(b, "</p>\n</article>\n");
out:
	report_model_free(m);
	portfolio_release(&p);
	return buf_status(b);
}

/* ---- the dashboard ---- */

/* One organization: heading, role, its portfolios as cards. */
static int org_section(struct http_req *req, struct buf *b, struct store *st, long long org_id,
		       const char *org_name, int role_id)
{
	enum lang lang = req->lang;
	struct portfolio_ref *refs = NULL;
	struct err e = ERR_INIT;
	struct buf url;
	size_t n = 0, i;

	buf_init(&url, HTTP_MAX_PATH);
	kit_org_url(&url, org_id, "");
	html_raw(b, "<section class=\"org\">\n<h2>");
	html_elem(b, "a", org_name, "href", url.data, (char *)NULL);
	if (role_id >= 0)
		html_fmt(b, " <span class=\"badge\">%s</span>", mg_role_name(lang, role_id));
	html_raw(b, "</h2>\n");
	if (store_portfolio_list(st, org_id, &refs, &n, &e)) {
		kit_error_notice(req, b, &e);
	} else if (n == 0) {
		html_raw(b, "<p>");
		html_text(b, tr(lang, MSG_WM_NO_PORTFOLIO));
		/* starting one is an editor's (role < 0: a site administrator) */
		if (role_id < 0 || role_id >= ROLE_EDITOR) {
			html_raw(b, " ");
			html_elem(b, "a", tr(lang, MSG_WM_START_PORTFOLIO), "href", url.data,
				  (char *)NULL);
		}
		html_raw(b, "</p>\n");
	} else {
		html_raw(b, "<div class=\"grid\">\n");
		for (i = 0; i < n; i++)
			mg_portfolio_card(req, b, st, org_id, org_name, &refs[i]);
		html_raw(b, "</div>\n");
	}
	html_raw(b, "</section>\n");
	portfolio_ref_list_free(refs, n);
	buf_release(&url);
	return buf_status(b);
}

int page_dashboard(struct http_req *req, struct http_resp *resp)
{
	const struct web_user *u = web_user(req);
	struct store *st = web_store(req);
	enum lang lang = req->lang;
	struct buf *b = &resp->body;
	struct org_list l;
	struct err e = ERR_INIT;
	size_t i;

	if (!u) /* routed here only for a signed-in user (page_root) */
		return ERR_INTERNAL;
	if (org_list_read(req, DASHBOARD_ORGS, &l, &e))
		return http_fail(req, &e);
	page_begin(req, resp, 200, tr(lang, MSG_WM_DASHBOARD));
	html_elem(b, "h1", tr(lang, MSG_WM_DASHBOARD), (char *)NULL);
	html_raw(b, "\n<nav class=\"actions\" aria-label=\"");
	html_text(b, tr(lang, MSG_WM_SHORTCUTS));
	html_raw(b, "\">");
	html_elem(b, "a", tr(lang, MSG_WM_MY_ACTIONS), "class", "button", "href", "/my/actions",
		  (char *)NULL);
	html_elem(b, "a", tr(lang, MSG_WM_ORGANIZATIONS), "class", "button", "href", "/orgs",
		  (char *)NULL);
	if (u->is_admin)
		html_elem(b, "a", tr(lang, MSG_WM_USERS), "class", "button", "href", "/admin/users",
			  (char *)NULL);
	html_raw(b, "</nav>\n");
	html_elem(b, "p", tr(lang, MSG_WM_NEXT_EVAL_NOTE), "class", "hint", (char *)NULL);
	if (l.page.total == 0 && !u->is_admin)
		html_elem(b, "p", tr(lang, MSG_WM_NO_ORGS), (char *)NULL);
	if (l.page.total == 0 && u->is_admin) {
		html_fmt(b, "<p class=\"empty\">%s ", tr(lang, MSG_WM_NO_ORGS_ADMIN));
		html_elem(b, "a", tr(lang, MSG_WM_CREATE_FIRST_ORG), "href", "/orgs#new-org",
			  (char *)NULL);
		html_raw(b, "</p>\n");
	}
	if (l.page.total > DASHBOARD_ORGS || l.prefix)
		org_list_search(req, b, "/", &l);
	for (i = 0; i < l.page.n && !buf_status(b); i++)
		org_section(req, b, st, l.page.rows[i].org.id, l.page.rows[i].org.name,
			    l.page.rows[i].role);
	org_list_pager(req, b, "/", &l);
	org_list_release(&l);
	page_end(req, resp);
	return buf_status(b);
}
