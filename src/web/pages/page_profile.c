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
#include <stdio.h>
#include <string.h>

#include "core/level.h"
#include "ops/ops.h"
#include "report/chart_quadrant.h"
#include "report/html.h"
#include "web/pages/build_pages.h"
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

int prof_party_known(const struct party *list, size_t n, const char *name)
{
	size_t i;

	for (i = 0; name && i < n; i++)
		if (!strcmp(list[i].name, name))
			return 1;
	return 0;
}

const char *prof_field(struct http_req *req, const char *prefix, const char *ref)
{
	return http_req_form(req, build_anchor(req, prefix, ref));
}

static int hidden(struct http_req *req, struct buf *b, const char *prefix, const char *ref,
		  const char *value)
{
	return html_open(b, "input", "type", "hidden", "name", build_anchor(req, prefix, ref),
			 "value", value ? value : "", (char *)NULL);
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
	int rc = html_open(b, "label", "for", id, "class", "visually-hidden", (char *)NULL);

	if (!rc)
		rc = html_fmt(b, "%s: %s %s</label>", tr(bp->lang, what), en->ref_id,
			      entry_name(&bp->p, en, bp->lc));
	if (!rc)
		rc = html_open(b, "select", "id", id, "name", build_anchor(req, name, en->ref_id),
			       "aria-invalid", row->error ? "true" : NULL, "aria-describedby",
			       row->error ? build_anchor(req, "err-", en->ref_id) : NULL,
			       (char *)NULL);
	return rc;
}

/* The team or provider select; a short note instead when the organization has none. */
static int party_select(struct http_req *req, struct buf *b, const struct build_page *bp,
			const struct entry *en, int team, const struct party *list, size_t n,
			const struct prof_row *row)
{
	const char *current = team ? row->team : row->provider;
	const char *stored = team ? en->team : en->provider;
	size_t i;
	int rc;

	rc = hidden(req, b, team ? "was_team:" : "was_provider:", en->ref_id, stored);
	if (!rc && !n && !(current && *current))
		return html_elem(b, "span",
				 tr(bp->lang, team ? MSG_WEB_BUILD_NO_TEAMS_CELL
						   : MSG_WEB_BUILD_NO_PROVIDERS_CELL),
				 "class", "hint none-yet", (char *)NULL);
	if (!rc)
		rc = select_open(req, b, bp, en, team ? "tm-" : "pv-",
				 team ? "team:" : "provider:", team ? MSG_TEAM : MSG_PROVIDER, row);
	if (!rc)
		rc = build_option(b, "", "—", !current || !*current);
	for (i = 0; !rc && i < n; i++)
		rc = build_option(b, list[i].name, list[i].name, build_same(current, list[i].name));
	/* a value the list lacks (submitted, or a party removed since) stays visible */
	if (!rc && current && *current && !prof_party_known(list, n, current))
		rc = build_option(b, current, current, 1);
	return rc ? rc : html_raw(b, "</select>");
}

static int service_cell(struct buf *b, const struct build_page *bp, const struct entry *en,
			const char *warning)
{
	enum lang lang = bp->lang;
	int rc = html_fmt(b, "<td data-label=\"%s\" class=\"service\">", tr(lang, MSG_SERVICE));

	if (!rc)
		rc = html_elem(b, "span", en->ref_id, "class", "ref", (char *)NULL);
	if (!rc)
		rc = html_fmt(b, " <span class=\"name\">%s</span>", entry_name(&bp->p, en, bp->lc));
	if (!rc && en->custom)
		rc = html_fmt(b, " <span class=\"badge custom\">%s</span>",
			      tr(lang, MSG_CUSTOM_SERVICE));
	if (!rc && entry_provisional(&bp->p, en))
		rc = html_fmt(b, " <span class=\"badge provisional\" title=\"%s\">%s</span>",
			      tr(lang, MSG_PROVISIONAL_NOTE), tr(lang, MSG_PROVISIONAL));
	if (!rc && warning)
		rc = html_fmt(b, "<span class=\"row-warning\" role=\"note\">⚠ %s</span>",
			      tr(lang, MSG_WEB_BUILD_WARN_MGMT_OUTSOURCED));
	return rc ? rc : html_raw(b, "</td>");
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
	int editor = bp->o.role >= ROLE_EDITOR;
	int advice = ops_entry_advice(&bp->p, en);
	const char *warning = advice != OPS_NO_ADVICE ? tr(lang, (enum msg_id)advice) : NULL, *v;
	struct prof_row row = {assignment_name(en->assignment), en->team, en->provider,
			       build_fail_row(fail, en->ref_id)};
	char version[32];
	int a, rc;

	if (fail && prof_field(req, "assignment:", en->ref_id) &&
	    !(row.error && row.error->status == 409)) {
		row.assignment = prof_field(req, "assignment:", en->ref_id);
		if ((v = prof_field(req, "team:", en->ref_id)))
			row.team = v;
		if ((v = prof_field(req, "provider:", en->ref_id)))
			row.provider = v;
	}
	rc = html_open(b, "tr", "id", build_anchor(req, "s-", en->ref_id), "class",
		       row.error ? "invalid"
		       : warning ? "warn"
				 : NULL,
		       (char *)NULL);
	if (!rc)
		rc = service_cell(b, bp, en, warning);
	if (!rc)
		rc = html_fmt(b, "<td data-label=\"%s\">", tr(lang, MSG_LEVEL));
	if (!rc)
		rc = build_level_badge(b, lang, en->level);
	if (!rc)
		rc = html_fmt(b, "</td><td data-label=\"%s\">", tr(lang, MSG_ASSIGNMENT));
	if (!rc && !editor)
		rc = build_assignment(b, lang, en);
	if (!rc && editor) {
		rc = select_open(req, b, bp, en, "as-", "assignment:", MSG_ASSIGNMENT, &row);
		for (a = ASSIGN_UNASSIGNED; !rc && a < ASSIGN_COUNT; a++)
			rc = build_option(b, assignment_name(a), tr_assignment(lang, a),
					  build_same(row.assignment, assignment_name(a)));
		if (!rc)
			rc = html_raw(b, "</select>");
		snprintf(version, sizeof(version), "%lld", en->version);
		if (!rc)
			rc = hidden(req, b, "version:", en->ref_id, version);
		if (!rc)
			rc = hidden(req, b, "was_assignment:", en->ref_id,
				    assignment_name(en->assignment));
		if (!rc)
			rc = html_fmt(b, "</td><td data-label=\"%s\">", tr(lang, MSG_TEAM));
		if (!rc)
			rc = party_select(req, b, bp, en, 1, ps->teams, ps->n_teams, &row);
		if (!rc)
			rc = html_fmt(b, "</td><td data-label=\"%s\">", tr(lang, MSG_PROVIDER));
		if (!rc)
			rc = party_select(req, b, bp, en, 0, ps->providers, ps->n_providers, &row);
	}
	if (!rc)
		rc = html_raw(b, "</td></tr>\n");
	if (!rc && row.error) {
		rc = html_fmt(b, "<tr class=\"row-error\"><td colspan=\"%d\">",
			      editor ? PROF_COLS_EDITOR : PROF_COLS_VIEWER);
		if (!rc)
			rc = build_row_error_html(b, row.error);
		if (!rc)
			rc = html_raw(b, "</td></tr>\n");
	}
	return rc;
}

/* Counts per assignment, the warnings, and the "do not outsource everything" advice. */
static int summary(struct buf *b, const struct build_page *bp)
{
	size_t count[ASSIGN_COUNT] = {0}, selected = 0, warnings = 0, i;
	enum lang lang = bp->lang;
	int rc, a;

	for (i = 0; i < bp->p.n_entries; i++) {
		const struct entry *en = &bp->p.entries[i];
		if (en->level == LEVEL_NOT_REQUIRED)
			continue;
		selected++;
		if (en->assignment < ASSIGN_COUNT)
			count[en->assignment]++;
		if (ops_entry_warned(&bp->p, en))
			warnings++;
	}
	rc = html_raw(b, "<ul class=\"level-counts\">");
	for (a = 0; !rc && a < ASSIGN_COUNT; a++)
		rc = html_fmt(b,
			      "<li><span class=\"badge assign-%s\">%s</span> <strong>%zu</strong>"
			      "</li>",
			      assignment_name(a), tr_assignment(lang, a), count[a]);
	if (!rc)
		rc = html_raw(b, "</ul>\n");
	if (!rc && warnings) {
		char text[512];
		snprintf(text, sizeof(text), "%s%s%zu", tr(lang, MSG_WEB_BUILD_WARN_MGMT_SUMMARY),
			 tr(lang, MSG_REPORT_COLON), warnings);
		rc = build_notice(b, "warn", text);
	}
	if (!rc && selected && count[ASSIGN_OUTSOURCE] == selected)
		rc = build_notice(b, "warn", tr(lang, MSG_WEB_BUILD_WARN_ALL_OUTSOURCED));
	return rc;
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
	int rc;

	if (ps->n_teams && ps->n_providers)
		return 0;
	rc = html_raw(b, "<div class=\"notice warn\" role=\"status\" id=\"no-parties\"><p>");
	if (!rc)
		rc = html_text(b, tr(lang, what));
	if (!rc && bp->o.role >= ROLE_EDITOR) {
		snprintf(settings, sizeof(settings), "/o/%lld/settings", bp->o.id);
		rc = html_raw(b, " ");
		if (!rc)
			rc = html_elem(b, "a",
				       tr(lang, bp->o.role >= ROLE_ADMIN
						    ? MSG_WEB_BUILD_ADD_IN_SETTINGS
						    : MSG_WEB_BUILD_ASK_ADMIN),
				       "href", settings, (char *)NULL);
	}
	return rc ? rc : html_raw(b, "</p></div>\n");
}

static int assignments_table(struct http_req *req, struct buf *b, const struct build_page *bp,
			     const struct prof_parties *ps, const struct build_fail *fail)
{
	enum lang lang = bp->lang;
	int editor = bp->o.role >= ROLE_EDITOR, rc = 0;
	const char *action = build_url(req, bp, "profile");
	size_t i;

	if (!action)
		return ERR_TOO_LARGE;
	if (editor) {
		rc = html_open(b, "form", "method", "post", "action", action, "data-dirty-warn", "",
			       (char *)NULL);
		if (!rc)
			rc = web_csrf_field(req, b);
		if (!rc)
			rc = html_elem(b, "p", tr(lang, MSG_WEB_BUILD_ASSIGN_HINT), "class", "hint",
				       (char *)NULL);
	}
	if (!rc)
		rc = html_raw(b, "<div class=\"table-wrap\"><table class=\"profile cards\"><thead>"
				 "<tr>");
	if (!rc)
		rc = html_fmt(b,
			      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			      "<th scope=\"col\">%s</th>",
			      tr(lang, MSG_SERVICE), tr(lang, MSG_LEVEL), tr(lang, MSG_ASSIGNMENT));
	if (!rc && editor)
		rc = html_fmt(b, "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>",
			      tr(lang, MSG_TEAM), tr(lang, MSG_PROVIDER));
	if (!rc)
		rc = html_raw(b, "</tr></thead><tbody>\n");
	for (i = 0; !rc && i < bp->p.n_entries; i++)
		if (bp->p.entries[i].level != LEVEL_NOT_REQUIRED)
			rc = entry_row(req, b, bp, &bp->p.entries[i], ps, fail);
	if (!rc)
		rc = html_raw(b, "</tbody></table></div>\n");
	if (!rc && editor) {
		rc = html_raw(b, "<p class=\"actions sticky\">");
		if (!rc)
			rc = html_elem(b, "button", tr(lang, MSG_WEB_BUILD_SAVE_ASSIGNMENTS),
				       "type", "submit", "class", "primary", (char *)NULL);
		if (!rc)
			rc = html_raw(b, "</p></form>\n");
	}
	return rc;
}

int prof_render(struct http_req *req, struct http_resp *resp, struct build_page *bp,
		const struct prof_parties *ps, const struct build_fail *fail)
{
	struct buf *b = &resp->body;
	enum lang lang = bp->lang;
	size_t i, shown = 0;
	int rc;

	rc = page_begin(req, resp, fail ? fail->status : 200, tr(lang, MSG_PROFILE));
	if (!rc)
		rc = web_portfolio_nav(req, b, &bp->o, bp->fw_id, TAB_PROFILE);
	if (!rc)
		rc = html_fmt(b, "<h1><span class=\"step\">2</span> %s</h1>\n",
			      tr(lang, MSG_PROFILE));
	if (!rc)
		rc = html_elem(b, "p", tr(lang, MSG_WEB_BUILD_PROFILE_INTRO), "class", "lead",
			       (char *)NULL);
	if (!rc && !fail)
		rc = build_done_notice(req, b);
	if (!rc && fail)
		rc = build_fail_notice(b, bp, fail);
	if (!rc)
		rc = summary(b, bp);
	if (!rc)
		rc = parties_notice(b, bp, ps);
	for (i = 0; i < bp->p.n_entries; i++)
		shown += bp->p.entries[i].level != LEVEL_NOT_REQUIRED;
	if (!rc)
		rc = html_raw(b, "<section aria-labelledby=\"assignments\">");
	if (!rc)
		rc = html_elem(b, "h2", tr(lang, MSG_WEB_BUILD_ASSIGNMENTS), "id", "assignments",
			       (char *)NULL);
	if (!rc && !shown)
		rc = html_elem(b, "p", tr(lang, MSG_WEB_BUILD_NOTHING_SELECTED), "class", "empty",
			       (char *)NULL);
	if (!rc && shown)
		rc = assignments_table(req, b, bp, ps, fail);
	if (!rc)
		rc = html_raw(b, "</section>\n<section aria-labelledby=\"quadrant\">");
	if (!rc)
		rc = html_elem(b, "h2", tr(lang, MSG_WEB_BUILD_Q_TITLE), "id", "quadrant",
			       (char *)NULL);
	if (!rc)
		rc = html_elem(b, "p", tr(lang, MSG_WEB_BUILD_Q_INTRO), (char *)NULL);
	if (!rc && shown) {
		rc = html_raw(b, "<figure class=\"chart wide\">");
		if (!rc)
			rc = chart_quadrant_svg(b, &bp->p, ops_entry_warned, lang,
						tr(lang, MSG_WEB_BUILD_Q_TITLE));
		if (!rc)
			rc = html_elem(b, "figcaption", tr(lang, MSG_WEB_BUILD_Q_CAPTION),
				       (char *)NULL);
		if (!rc)
			rc = html_raw(b, "</figure>\n");
		/* the data behind the chart, folded as on the report page */
		if (!rc)
			rc = html_raw(b, "<details class=\"chart-data\"><summary>");
		if (!rc)
			rc = html_text(b, tr(lang, MSG_REPORT_CHART_DATA));
		if (!rc)
			rc = html_raw(b, "</summary>");
		if (!rc)
			rc = chart_quadrant_table(b, &bp->p, ops_entry_warned, lang,
						  tr(lang, MSG_REPORT_CHART_DATA));
		if (!rc)
			rc = html_raw(b, "</details>\n");
	}
	if (!rc)
		rc = html_raw(b, "</section>\n");
	return rc ? rc : page_end(req, resp);
}

int page_profile(struct http_req *req, struct http_resp *resp)
{
	struct err e = ERR_INIT;
	struct build_page *bp;
	struct prof_parties *ps;
	int rc = build_open(req, resp, ROLE_VIEWER, &bp);

	if (rc)
		return rc > 0 ? 0 : rc;
	if (prof_parties_load(req, bp, &ps, &e))
		return web_fail(req, resp, &e);
	return prof_render(req, resp, bp, ps, NULL);
}
