/*
 * page_profile.c - build step 2: the service profile.
 *
 * Who provides each selected service (X.1060 9.3): in-house to a team,
 * outsourced to a provider, both (hybrid), or not yet assigned. One small
 * form per service row (its controls sit in the row's cells, tied to the
 * form by the form attribute), carrying the entry's version. Below the
 * table, the procurement quadrant (figure 5) with every selected service
 * placed and coloured by its assignment, and its table. A management-type
 * service that is fully outsourced is flagged in its row, in the quadrant
 * and at the top (ops_entry_warning); so is outsourcing everything.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/level.h"
#include "ops/ops.h"
#include "report/html.h"
#include "web/build_pages.h"
#include "web/nav.h"
#include "web/page.h"
#include "web/quadrant.h"

/* What a failed POST re-renders with. */
struct prof_state {
	const char *ref; /* the row whose form failed */
	int status;
	const char *message;
	int keep; /* show the submitted values in that row */
};

struct parties {
	struct party *teams, *providers;
	size_t n_teams, n_providers;
};

static void parties_free(void *arg)
{
	struct parties *ps = arg;

	party_list_free(ps->teams, ps->n_teams);
	party_list_free(ps->providers, ps->n_providers);
}

static int option(struct buf *b, const char *value, const char *text, int selected)
{
	int rc =
	    html_open(b, "option", "value", value, "selected", selected ? "" : NULL, (char *)NULL);

	if (!rc)
		rc = html_text(b, text);
	return rc ? rc : html_close(b, "option");
}

static int same(const char *a, const char *b)
{
	return a && b && !strcmp(a, b);
}

/* <label class="visually-hidden" for=id>what: ref name</label><select ...> */
static int select_open(struct http_req *req, struct buf *b, const struct build_page *bp,
		       const struct entry *en, const char *prefix, const char *name,
		       enum msg_id what, int invalid)
{
	const char *id = build_anchor(req, prefix, en->ref_id);
	int rc = html_open(b, "label", "for", id, "class", "visually-hidden", (char *)NULL);

	if (!rc)
		rc = html_fmt(b, "%s: %s %s</label>", tr(bp->lang, what), en->ref_id,
			      entry_name(&bp->p, en, bp->lc));
	if (!rc)
		rc = html_open(b, "select", "id", id, "name", name, "form",
			       build_anchor(req, "f-", en->ref_id), "aria-invalid",
			       invalid ? "true" : NULL, (char *)NULL);
	return rc;
}

static int party_select(struct http_req *req, struct buf *b, const struct build_page *bp,
			const struct entry *en, int team, const struct party *list, size_t n,
			const char *current, int invalid)
{
	size_t i;
	int rc = select_open(req, b, bp, en, team ? "tm-" : "pv-", team ? "team" : "provider",
			     team ? MSG_TEAM : MSG_PROVIDER, invalid);

	if (!rc)
		rc = option(b, "", "—", !current || !*current);
	for (i = 0; !rc && i < n; i++)
		rc = option(b, list[i].name, list[i].name, same(current, list[i].name));
	return rc ? rc : html_raw(b, "</select>");
}

static int entry_row(struct http_req *req, struct buf *b, const struct build_page *bp,
		     const struct entry *en, const struct parties *ps, const char *action,
		     const struct prof_state *st)
{
	enum lang lang = bp->lang;
	int editor = bp->o.role >= ROLE_EDITOR;
	int mine = st && same(st->ref, en->ref_id), keep = mine && st->keep;
	const char *warning = ops_entry_warning(&bp->p, en);
	const char *as = keep ? http_req_form(req, "assignment") : assignment_name(en->assignment);
	const char *team = keep ? http_req_form(req, "team") : en->team;
	const char *provider = keep ? http_req_form(req, "provider") : en->provider;
	int cols = editor ? 6 : 3, a, rc;
	char version[32];

	rc = html_open(b, "tr", "id", build_anchor(req, "s-", en->ref_id), "class",
		       warning ? "warn" : NULL, (char *)NULL);
	if (!rc)
		rc = html_fmt(b, "<td data-label=\"%s\" class=\"service\">", tr(lang, MSG_SERVICE));
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
	if (!rc && editor) {
		snprintf(version, sizeof(version), "%lld", en->version);
		rc = html_open(b, "form", "id", build_anchor(req, "f-", en->ref_id), "method",
			       "post", "action", action, "class", "row-form", (char *)NULL);
		if (!rc)
			rc = web_csrf_field(req, b);
		if (!rc)
			rc = html_open(b, "input", "type", "hidden", "name", "ref", "value",
				       en->ref_id, (char *)NULL);
		if (!rc)
			rc = html_open(b, "input", "type", "hidden", "name", "version", "value",
				       version, (char *)NULL);
		if (!rc)
			rc = html_raw(b, "</form>");
	}
	if (!rc)
		rc = html_fmt(b, "</td><td data-label=\"%s\">", tr(lang, MSG_LEVEL));
	if (!rc)
		rc = build_level_badge(b, lang, en->level);
	if (!rc)
		rc = html_fmt(b, "</td><td data-label=\"%s\">", tr(lang, MSG_ASSIGNMENT));
	if (!rc && !editor)
		rc = build_assignment(b, lang, en);
	if (!rc && editor) {
		rc = select_open(req, b, bp, en, "as-", "assignment", MSG_ASSIGNMENT, mine);
		for (a = ASSIGN_UNASSIGNED; !rc && a < ASSIGN_COUNT; a++)
			rc = option(b, assignment_name(a), tr_assignment(lang, a),
				    same(as, assignment_name(a)));
		if (!rc)
			rc = html_raw(b, "</select>");
		if (!rc)
			rc = html_fmt(b, "</td><td data-label=\"%s\">", tr(lang, MSG_TEAM));
		if (!rc)
			rc = party_select(req, b, bp, en, 1, ps->teams, ps->n_teams, team, mine);
		if (!rc)
			rc = html_fmt(b, "</td><td data-label=\"%s\">", tr(lang, MSG_PROVIDER));
		if (!rc)
			rc = party_select(req, b, bp, en, 0, ps->providers, ps->n_providers,
					  provider, mine);
		if (!rc)
			rc = html_raw(b, "</td><td class=\"save\">");
		if (!rc)
			rc = html_open(
			    b, "button", "type", "submit", "form",
			    build_anchor(req, "f-", en->ref_id), "aria-label",
			    build_anchor(req, tr(lang, MSG_WEB_BUILD_SAVE_FOR), en->ref_id),
			    (char *)NULL);
		if (!rc)
			rc = html_text(b, tr(lang, MSG_WEB_BUILD_SAVE));
		if (!rc)
			rc = html_raw(b, "</button>");
	}
	if (!rc)
		rc = html_raw(b, "</td></tr>\n");
	if (!rc && mine) {
		rc = html_fmt(b, "<tr class=\"row-error\"><td colspan=\"%d\">", cols);
		if (!rc)
			rc = build_error_notice(b, lang, st->status, st->message);
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
		if (ops_entry_warning(&bp->p, en))
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

static int render(struct http_req *req, struct http_resp *resp, struct build_page *bp,
		  const struct prof_state *st)
{
	struct buf *b = &resp->body;
	enum lang lang = bp->lang;
	const char *action = build_url(req, bp, "profile");
	int editor = bp->o.role >= ROLE_EDITOR, rc;
	struct parties *ps = http_req_alloc(req, sizeof(*ps));
	struct err e = ERR_INIT;
	size_t i, shown = 0;

	if (!action)
		return ERR_TOO_LARGE;
	http_req_defer(req, parties_free, ps);
	if (editor) {
		rc = store_party_list(bp->st, PARTY_TEAM, bp->o.id, &ps->teams, &ps->n_teams, &e);
		if (!rc)
			rc = store_party_list(bp->st, PARTY_PROVIDER, bp->o.id, &ps->providers,
					      &ps->n_providers, &e);
		if (rc)
			return web_fail(req, resp, &e);
	}
	rc = page_begin(req, resp, st ? st->status : 200, tr(lang, MSG_PROFILE));
	if (!rc)
		rc = web_portfolio_nav(req, b, &bp->o, bp->fw_id, TAB_PROFILE);
	if (!rc)
		rc = html_fmt(b, "<h1><span class=\"step\">2</span> %s</h1>\n",
			      tr(lang, MSG_PROFILE));
	if (!rc)
		rc = html_elem(b, "p", tr(lang, MSG_WEB_BUILD_PROFILE_INTRO), "class", "lead",
			       (char *)NULL);
	if (!rc && !st)
		rc = build_done_notice(req, b);
	if (!rc && st && !st->ref)
		rc = build_error_notice(b, lang, st->status, st->message);
	if (!rc)
		rc = summary(b, bp);
	if (!rc && editor && (!ps->n_teams || !ps->n_providers)) {
		char settings[64];
		snprintf(settings, sizeof(settings), "/o/%lld/settings", bp->o.id);
		rc = html_raw(b, "<p class=\"hint\">");
		if (!rc)
			rc = html_text(b, tr(lang, MSG_WEB_BUILD_NO_PARTIES));
		if (!rc)
			rc = html_raw(b, " ");
		if (!rc)
			rc = html_elem(b, "a", tr(lang, MSG_WEB_BUILD_SETTINGS), "href", settings,
				       (char *)NULL);
		if (!rc)
			rc = html_raw(b, "</p>\n");
	}
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
	if (!rc && shown) {
		rc = html_raw(b, "<div class=\"table-wrap\"><table class=\"profile cards\"><thead>"
				 "<tr>");
		if (!rc)
			rc = html_fmt(b,
				      "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
				      "<th scope=\"col\">%s</th>",
				      tr(lang, MSG_SERVICE), tr(lang, MSG_LEVEL),
				      tr(lang, MSG_ASSIGNMENT));
		if (!rc && editor)
			rc = html_fmt(
			    b,
			    "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			    "<th scope=\"col\"><span class=\"visually-hidden\">%s</span></th>",
			    tr(lang, MSG_TEAM), tr(lang, MSG_PROVIDER),
			    tr(lang, MSG_WEB_BUILD_SAVE));
		if (!rc)
			rc = html_raw(b, "</tr></thead><tbody>\n");
		for (i = 0; !rc && i < bp->p.n_entries; i++)
			if (bp->p.entries[i].level != LEVEL_NOT_REQUIRED)
				rc = entry_row(req, b, bp, &bp->p.entries[i], ps, action, st);
		if (!rc)
			rc = html_raw(b, "</tbody></table></div>\n");
	}
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
			rc = quadrant_svg(b, &bp->p, lang, tr(lang, MSG_WEB_BUILD_Q_TITLE));
		if (!rc)
			rc = html_elem(b, "figcaption", tr(lang, MSG_WEB_BUILD_Q_CAPTION),
				       (char *)NULL);
		if (!rc)
			rc = html_raw(b, "</figure>\n");
		if (!rc)
			rc = quadrant_table(b, &bp->p, lang, tr(lang, MSG_REPORT_CHART_DATA));
	}
	if (!rc)
		rc = html_raw(b, "</section>\n");
	return rc ? rc : page_end(req, resp);
}

int page_profile(struct http_req *req, struct http_resp *resp)
{
	struct build_page *bp;
	int rc = build_open(req, resp, ROLE_VIEWER, &bp);

	if (rc)
		return rc > 0 ? 0 : rc;
	return render(req, resp, bp, NULL);
}

/* "A-3 — current assignment: Outsourced (Z-MSSP)" for a conflict. */
static const char *current_text(struct http_req *req, const struct build_page *bp,
				const struct entry *en)
{
	struct buf b, a;
	const char *s;

	buf_init(&a, 4096);
	buf_init(&b, 4096);
	/* build_assignment escapes for HTML; the notice escapes again, so
	 * write the plain words here */
	buf_addstr(&a, tr_assignment(bp->lang, en->assignment));
	if (en->team || en->provider) {
		buf_addstr(&a, tr(bp->lang, MSG_REPORT_PAREN_OPEN));
		buf_addstr(&a, en->team ? en->team : "");
		buf_addstr(&a, en->team && en->provider ? " / " : "");
		buf_addstr(&a, en->provider ? en->provider : "");
		buf_addstr(&a, tr(bp->lang, MSG_REPORT_PAREN_CLOSE));
	}
	buf_printf(&b, "%s — %s%s%s", en->ref_id, tr(bp->lang, MSG_WEB_BUILD_NOW_ASSIGNMENT),
		   tr(bp->lang, MSG_REPORT_COLON), a.data);
	s = http_req_strdup(req, b.data);
	buf_release(&a);
	buf_release(&b);
	return s;
}

int page_profile_post(struct http_req *req, struct http_resp *resp)
{
	const char *ref = http_req_form(req, "ref"), *ver = http_req_form(req, "version");
	const char *assignment = http_req_form(req, "assignment");
	const char *team = http_req_form(req, "team"), *provider = http_req_form(req, "provider");
	const char *warning = NULL;
	struct err e = ERR_INIT, e2 = ERR_INIT;
	struct build_page *bp;
	struct prof_state st;
	long long version;
	char *end;
	int rc = build_open(req, resp, ROLE_EDITOR, &bp);

	if (rc)
		return rc > 0 ? 0 : rc;
	web_store_actor(req);
	if (!ref || !*ref || !portfolio_find(&bp->p, ref)) {
		err_set(&e, ERR_INVALID, "unknown service '%s' in the catalogue", ref ? ref : "");
		st = (struct prof_state){NULL, 400, e.msg, 0};
		return render(req, resp, bp, &st);
	}
	version = ver ? strtoll(ver, &end, 10) : -1;
	if (!ver || !*ver || *end || version < 0) {
		st = (struct prof_state){ref, 400, "the form has no valid 'version' field", 1};
		return render(req, resp, bp, &st);
	}
	rc = ops_assign(bp->st, bp->o.name, bp->fw_id, ref, assignment, team && *team ? team : NULL,
			provider && *provider ? provider : NULL, version, &warning, &e);
	if (!rc)
		return build_redirect(resp, bp, "profile", warning ? "warned" : "assigned", NULL,
				      ref);
	st.status = build_form_status(e.code);
	if (!st.status)
		return web_fail(req, resp, &e);
	if (build_reload(bp, &e2))
		return web_fail(req, resp, &e2);
	st.ref = ref;
	st.keep = e.code != ERR_CONFLICT;
	st.message = e.msg;
	if (e.code == ERR_CONFLICT) {
		const struct entry *en = portfolio_find(&bp->p, ref);
		if (en)
			st.message = current_text(req, bp, en);
	}
	return render(req, resp, bp, &st);
}
