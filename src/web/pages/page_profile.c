/*
 * page_profile.c - build step 2: the service profile.
 *
 * Who provides each selected service (X.1060 9.3): in-house to a team,
 * outsourced to a provider, both (hybrid), or not yet assigned. The table is
 * ONE form with one Save button: each row carries the entry's version and the
 * values it showed (was_assignment:, was_team:, was_provider:), only changed
 * rows are applied, all in one transaction (page_profile_save.c, see
 * build_pages.h). Below the table, the procurement quadrant (figure 5) with
 * every selected service placed and coloured by its assignment, and its
 * table. A management-type service that is fully outsourced is flagged in
 * its row, in the quadrant and at the top (ops_entry_advice); so is
 * outsourcing everything.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/level.h"
#include "ops/ops.h"
#include "report/chart_quadrant.h"
#include "report/html.h"
#include "web/pages/build_pages.h"
#include "web/pages/kit.h"
#include "web/pages/nav.h"
#include "web/pages/page.h"
#include "web/pages/page_profile_int.h"

#define PROF_COLS_EDITOR 5
#define PROF_COLS_VIEWER 3

static void parties_free(void *arg)
{
	struct prof_parties *ps = arg;

	party_list_free(ps->teams, ps->n_teams);
	party_list_free(ps->providers, ps->n_providers);
}

int prof_parties_load(struct http_req *req, const struct build_page *bp, struct prof_parties **out,
		      struct err *e)
{
	struct prof_parties *ps = http_req_alloc(req, sizeof(*ps));
	int rc;

	http_req_defer(req, parties_free, ps);
	rc = store_party_list(bp->st, PARTY_TEAM, bp->o.id, &ps->teams, &ps->n_teams, e);
	if (!rc)
		rc = store_party_list(bp->st, PARTY_PROVIDER, bp->o.id, &ps->providers,
				      &ps->n_providers, e);
	*out = ps;
	return rc;
}

bool prof_party_known(const struct party *list, size_t n, const char *name)
{
	size_t i;

	for (i = 0; name && i < n; i++)
		if (!strcmp(list[i].name, name))
			return true;
	return false;
}

const char *prof_field(struct http_req *req, const char *prefix, const char *ref)
{
	return http_req_form(req, build_anchor(req, prefix, ref));
}

static int hidden(struct http_req *req, struct buf *b, const char *prefix, const char *ref,
		  const char *value)
{
	return kit_hidden(b, build_anchor(req, prefix, ref), value);
}

/* One row's form state: the values its controls show. */
struct prof_row {
	const char *assignment, *team, *provider;
	const struct build_row_error *error;
};

/* <label class="visually-hidden" for=id>what: ref name</label><select ...> */
static int select_open(struct http_req *req, struct buf *b, const struct build_page *bp,
		       const struct entry *en, const char *prefix, const char *name,
		       enum msg_id what, const struct prof_row *row)
{
	const char *id = build_anchor(req, prefix, en->ref_id);

	html_open(b, "label", "for", id, "class", "visually-hidden", (char *)NULL);
	html_fmt(b, "%s: %s %s</label>", tr(bp->lang, what), en->ref_id,
		 entry_name(&bp->p, en, bp->lc));
	html_open(b, "select", "id", id, "name", build_anchor(req, name, en->ref_id),
		  "aria-invalid", row->error ? "true" : NULL, "aria-describedby",
		  row->error ? build_anchor(req, "err-", en->ref_id) : NULL, (char *)NULL);
	return buf_status(b);
}

/* The team or provider select; a short note instead when the organization has none. */
static int party_select(struct http_req *req, struct buf *b, const struct build_page *bp,
			const struct entry *en, bool team, const struct party *list, size_t n,
			const struct prof_row *row)
{
	const char *current = team ? row->team : row->provider;
	const char *stored = team ? en->team : en->provider;
	size_t i;

	hidden(req, b, team ? "was_team:" : "was_provider:", en->ref_id, stored);
	if (!n && !(current && *current))
		return html_elem(b, "span",
				 tr(bp->lang, team ? MSG_WEB_BUILD_NO_TEAMS_CELL
						   : MSG_WEB_BUILD_NO_PROVIDERS_CELL),
				 "class", "hint none-yet", (char *)NULL);
	select_open(req, b, bp, en, team ? "tm-" : "pv-",
		    team ? "team:" : "provider:", team ? MSG_TEAM : MSG_PROVIDER, row);
	kit_option(b, "", "—", !current || !*current);
	for (i = 0; i < n; i++)
		kit_option(b, list[i].name, list[i].name, build_same(current, list[i].name));
	/* a value the list lacks (submitted, or a party removed since) stays visible */
	if (current && *current && !prof_party_known(list, n, current))
		kit_option(b, current, current, 1);
	html_raw(b, "</select>");
	return buf_status(b);
}

static int service_cell(struct buf *b, const struct build_page *bp, const struct entry *en,
			const char *warning)
{
	enum lang lang = bp->lang;

	html_fmt(b, "<td data-label=\"%s\" class=\"service\">", tr(lang, MSG_SERVICE));
	html_elem(b, "span", en->ref_id, "class", "ref", (char *)NULL);
	html_fmt(b, " <span class=\"name\">%s</span>", entry_name(&bp->p, en, bp->lc));
	if (en->custom)
		html_fmt(b, " <span class=\"badge custom\">%s</span>",
			 tr(lang, MSG_CUSTOM_SERVICE));
	if (entry_provisional(&bp->p, en))
		html_fmt(b, " <span class=\"badge provisional\" title=\"%s\">%s</span>",
			 tr(lang, MSG_PROVISIONAL_NOTE), tr(lang, MSG_PROVISIONAL));
	if (warning)
		html_fmt(b, "<span class=\"row-warning\" role=\"note\">⚠ %s</span>",
			 tr(lang, MSG_WEB_BUILD_WARN_MGMT_OUTSOURCED));
	html_raw(b, "</td>");
	return buf_status(b);
}

/*
 * One row. With fail set (a refused save), rows show what was submitted,
 * except the rows refused as stale, which show what is stored now; the
 * hidden was_ and version fields always hold what is stored now, so saving
 * again applies the user's edits over the current values.
 */
static int entry_row(struct http_req *req, struct buf *b, const struct build_page *bp,
		     const struct entry *en, const struct prof_parties *ps,
		     const struct build_fail *fail)
{
	enum lang lang = bp->lang;
	bool editor = bp->o.role >= ROLE_EDITOR;
	int advice = ops_entry_advice(&bp->p, en);
	const char *warning = advice != OPS_NO_ADVICE ? tr(lang, (enum msg_id)advice) : NULL, *v;
	struct prof_row row = {assignment_name(en->assignment), en->team, en->provider,
			       build_fail_row(fail, en->ref_id)};
	char version[32];
	int a;

	if (fail && prof_field(req, "assignment:", en->ref_id) &&
	    !(row.error && row.error->status == 409)) {
		row.assignment = prof_field(req, "assignment:", en->ref_id);
		if ((v = prof_field(req, "team:", en->ref_id)))
			row.team = v;
		if ((v = prof_field(req, "provider:", en->ref_id)))
			row.provider = v;
	}
	html_open(b, "tr", "id", build_anchor(req, "s-", en->ref_id), "class",
		  row.error ? "invalid"
		  : warning ? "warn"
			    : NULL,
		  (char *)NULL);
	service_cell(b, bp, en, warning);
	html_fmt(b, "<td data-label=\"%s\">", tr(lang, MSG_LEVEL));
	build_level_badge(b, lang, en->level);
	html_fmt(b, "</td><td data-label=\"%s\">", tr(lang, MSG_ASSIGNMENT));
	if (!editor) {
		build_assignment(b, lang, en);
	} else {
		select_open(req, b, bp, en, "as-", "assignment:", MSG_ASSIGNMENT, &row);
		for (a = ASSIGN_UNASSIGNED; a < ASSIGN_COUNT; a++)
			kit_option(b, assignment_name(a), tr_assignment(lang, a),
				   build_same(row.assignment, assignment_name(a)));
		html_raw(b, "</select>");
		snprintf(version, sizeof(version), "%lld", en->version);
		hidden(req, b, "version:", en->ref_id, version);
		hidden(req, b, "was_assignment:", en->ref_id, assignment_name(en->assignment));
		html_fmt(b, "</td><td data-label=\"%s\">", tr(lang, MSG_TEAM));
		party_select(req, b, bp, en, true, ps->teams, ps->n_teams, &row);
		html_fmt(b, "</td><td data-label=\"%s\">", tr(lang, MSG_PROVIDER));
		party_select(req, b, bp, en, false, ps->providers, ps->n_providers, &row);
	}
	html_raw(b, "</td></tr>\n");
	if (row.error) {
		html_fmt(b, "<tr class=\"row-error\"><td colspan=\"%d\">",
			 editor ? PROF_COLS_EDITOR : PROF_COLS_VIEWER);
		build_row_error_html(b, row.error);
		html_raw(b, "</td></tr>\n");
	}
	return buf_status(b);
}

/* Counts per assignment, the warnings, and the "do not outsource everything" advice. */
static int summary(struct buf *b, const struct build_page *bp)
{
	size_t count[ASSIGN_COUNT] = {0}, selected = 0, warnings = 0, i;
	enum lang lang = bp->lang;
	char text[512];
	int a;

	for (i = 0; i < bp->p.n_entries; i++) {
		const struct entry *en = &bp->p.entries[i];
		if (en->level == LEVEL_NOT_REQUIRED || !entry_has_sides(en))
			continue; /* readiness and parameters are never assigned */
		selected++;
		if (en->assignment < ASSIGN_COUNT)
			count[en->assignment]++;
		if (ops_entry_warned(&bp->p, en))
			warnings++;
	}
	html_raw(b, "<ul class=\"level-counts\">");
	for (a = 0; a < ASSIGN_COUNT; a++)
		html_fmt(b,
			 "<li><span class=\"badge assign-%s\">%s</span> <strong>%zu</strong>"
			 "</li>",
			 assignment_name(a), tr_assignment(lang, a), count[a]);
	html_raw(b, "</ul>\n");
	if (warnings) {
		snprintf(text, sizeof(text), "%s%s%zu", tr(lang, MSG_WEB_BUILD_WARN_MGMT_SUMMARY),
			 tr(lang, MSG_REPORT_COLON), warnings);
		kit_notice(b, KIT_WARN, text);
	}
	if (selected && count[ASSIGN_OUTSOURCE] == selected)
		kit_notice(b, KIT_WARN, tr(lang, MSG_WEB_BUILD_WARN_ALL_OUTSOURCED));
	return buf_status(b);
}

/* No teams or providers yet: say so, and where they are added (viewers only
 * get the sentence; the settings page adds them for administrators). */
static int parties_notice(struct buf *b, const struct build_page *bp, const struct prof_parties *ps)
{
	enum lang lang = bp->lang;
	enum msg_id what = !ps->n_teams && !ps->n_providers ? MSG_WEB_BUILD_NO_PARTIES_BOTH
			   : !ps->n_teams		    ? MSG_WEB_BUILD_NO_TEAMS
							    : MSG_WEB_BUILD_NO_PROVIDERS;
	char settings[64];

	if (ps->n_teams && ps->n_providers)
		return buf_status(b);
	html_raw(b, "<div class=\"notice warn\" role=\"status\" id=\"no-parties\"><p>");
	html_text(b, tr(lang, what));
	if (bp->o.role >= ROLE_EDITOR) {
		snprintf(settings, sizeof(settings), "/o/%lld/settings", bp->o.id);
		html_raw(b, " ");
		html_elem(b, "a",
			  tr(lang, bp->o.role >= ROLE_ADMIN ? MSG_WEB_BUILD_ADD_IN_SETTINGS
							    : MSG_WEB_BUILD_ASK_ADMIN),
			  "href", settings, (char *)NULL);
	}
	html_raw(b, "</p></div>\n");
	return buf_status(b);
}

/* A selected service: readiness components and parameters are never assigned. */
static bool assignable(const struct entry *en)
{
	return en->level != LEVEL_NOT_REQUIRED && entry_has_sides(en);
}

/* The selected entries that are the team's own (readiness, parameters) are
 * scored on the portfolio page and have no row here: say so. */
static int sideless_note(struct http_req *req, struct buf *b, const struct build_page *bp)
{
	const char *url = build_url(req, bp, "portfolio");

	if (!url)
		return ERR_TOO_LARGE;
	html_raw(b, "<p class=\"hint\">");
	html_text(b, tr(bp->lang, MSG_WEB_BUILD_SIDELESS));
	html_raw(b, " ");
	html_elem(b, "a", tr(bp->lang, MSG_WEB_BUILD_SIDELESS_SCORE), "href", url, (char *)NULL);
	html_raw(b, "</p>\n");
	return buf_status(b);
}

static int assignments_table(struct http_req *req, struct buf *b, const struct build_page *bp,
			     const struct prof_parties *ps, const struct build_fail *fail)
{
	enum lang lang = bp->lang;
	bool editor = bp->o.role >= ROLE_EDITOR;
	const char *action = build_url(req, bp, "profile");
	size_t i;

	if (!action)
		return ERR_TOO_LARGE;
	if (editor) {
		html_open(b, "form", "method", "post", "action", action, "data-dirty-warn", "",
			  (char *)NULL);
		web_csrf_field(req, b);
		html_elem(b, "p", tr(lang, MSG_WEB_BUILD_ASSIGN_HINT), "class", "hint",
			  (char *)NULL);
	}
	html_raw(b, "<div class=\"table-wrap\" tabindex=\"0\">"
		    "<table class=\"profile cards\"><thead><tr>");
	html_fmt(b,
		 "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		 "<th scope=\"col\">%s</th>",
		 tr(lang, MSG_SERVICE), tr(lang, MSG_LEVEL), tr(lang, MSG_ASSIGNMENT));
	if (editor)
		html_fmt(b, "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>",
			 tr(lang, MSG_TEAM), tr(lang, MSG_PROVIDER));
	html_raw(b, "</tr></thead><tbody>\n");
	for (i = 0; i < bp->p.n_entries; i++)
		if (assignable(&bp->p.entries[i]))
			entry_row(req, b, bp, &bp->p.entries[i], ps, fail);
	html_raw(b, "</tbody></table></div>\n");
	if (editor) {
		html_raw(b, "<p class=\"actions sticky\">");
		html_elem(b, "button", tr(lang, MSG_WEB_BUILD_SAVE_ASSIGNMENTS), "type", "submit",
			  "class", "primary", (char *)NULL);
		html_raw(b, "</p></form>\n");
	}
	return buf_status(b);
}

/* The quadrant and, folded as on the report page, the data behind it. The
 * chart writers may refuse a portfolio they cannot draw: their answer is kept. */
static int quadrant(struct http_req *req, struct buf *b, const struct build_page *bp)
{
	enum lang lang = bp->lang;
	const char *positions = build_url(req, bp, "quadrant");
	int rc;

	/* on a phone the figure scrolls sideways rather than shrink the labels (app.css) */
	html_raw(b, "<figure class=\"chart wide scroll\" tabindex=\"0\">");
	rc = chart_quadrant_svg(b, &bp->p, ops_entry_warned, lang, tr(lang, MSG_WEB_BUILD_Q_TITLE));
	html_elem(b, "figcaption", tr(lang, MSG_WEB_BUILD_Q_CAPTION), (char *)NULL);
	html_raw(b, "</figure>\n<details class=\"chart-data\"><summary>");
	html_text(b, tr(lang, MSG_REPORT_CHART_DATA));
	html_raw(b, "</summary>");
	if (!rc)
		rc = chart_quadrant_table(b, &bp->p, ops_entry_warned, lang,
					  tr(lang, MSG_REPORT_CHART_DATA));
	html_raw(b, "</details>\n<p>");
	/* the organization's own positions: page_quadrant.c */
	if (positions)
		html_elem(b, "a",
			  tr(lang, bp->o.role >= ROLE_EDITOR ? MSG_QUAD_MOVE : MSG_QUAD_PAGE_TITLE),
			  "href", positions, (char *)NULL);
	html_raw(b, "</p>\n");
	return rc ? rc : buf_status(b);
}

int prof_render(struct http_req *req, struct http_resp *resp, struct build_page *bp,
		const struct prof_parties *ps, const struct build_fail *fail)
{
	struct buf *b = &resp->body;
	enum lang lang = bp->lang;
	size_t i, shown = 0, own = 0;
	int rc = 0;

	for (i = 0; i < bp->p.n_entries; i++) {
		const struct entry *en = &bp->p.entries[i];
		shown += assignable(en);
		own += en->level != LEVEL_NOT_REQUIRED && !entry_has_sides(en);
	}
	web_build_step_begin(req, resp, &bp->o, bp->fw_id, TAB_PROFILE, fail ? fail->status : 200,
			     MSG_WEB_BUILD_PROFILE_INTRO);
	if (fail)
		build_fail_notice(b, bp, fail);
	else
		kit_done_notice(req, b);
	summary(b, bp);
	parties_notice(b, bp, ps);
	html_raw(b, "<section aria-labelledby=\"assignments\">");
	html_elem(b, "h2", tr(lang, MSG_WEB_BUILD_ASSIGNMENTS), "id", "assignments", (char *)NULL);
	if (own)
		rc = sideless_note(req, b, bp);
	if (!rc && !shown && !own)
		html_elem(b, "p", tr(lang, MSG_WEB_BUILD_NOTHING_SELECTED), "class", "empty",
			  (char *)NULL);
	else if (!rc && shown)
		rc = assignments_table(req, b, bp, ps, fail);
	html_raw(b, "</section>\n");
	if (!shown && own) { /* SIM3: nothing is procured, so no quadrant either */
		page_end(req, resp);
		return rc ? rc : buf_status(b);
	}
	html_raw(b, "<section aria-labelledby=\"quadrant\">");
	html_elem(b, "h2", tr(lang, MSG_WEB_BUILD_Q_TITLE), "id", "quadrant", (char *)NULL);
	html_elem(b, "p", tr(lang, MSG_WEB_BUILD_Q_INTRO), (char *)NULL);
	if (!rc && shown)
		rc = quadrant(req, b, bp);
	html_raw(b, "</section>\n");
	page_end(req, resp);
	return rc ? rc : buf_status(b);
}

int page_profile(struct http_req *req, struct http_resp *resp)
{
	struct err e = ERR_INIT;
	struct build_page *bp;
	struct prof_parties *ps;
	int rc = build_open(req, ROLE_VIEWER, &bp);

	if (rc)
		return rc;
	if (prof_parties_load(req, bp, &ps, &e))
		return http_fail(req, &e);
	return prof_render(req, resp, bp, ps, NULL);
}
