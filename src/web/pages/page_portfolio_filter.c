/*
 * page_portfolio_filter.c - the view of the portfolio page: which selected
 * services it shows (category, assignment, team, only those not fully
 * scored), read from the query or the save's f_* fields, the GET form that
 * chooses it, and the query that comes back to it after a save.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/level.h"
#include "core/score.h"
#include "report/html.h"
#include "web/pages/build_pages.h"
#include "web/pages/kit.h"
#include "web/pages/page_portfolio_int.h"

static const char *filter_value(const char *s)
{
	return s && *s && strlen(s) <= PF_FILTER_VALUE_MAX ? s : NULL;
}

void pf_filter_from(struct pf_filter *f, const char *cat, const char *todo, const char *assignment,
		    const char *team)
{
	f->cat = filter_value(cat);
	f->todo = todo && !strcmp(todo, "1");
	f->assignment = filter_value(assignment);
	if (f->assignment && assignment_parse(f->assignment) < 0)
		f->assignment = NULL;
	f->team = filter_value(team);
}

bool pf_filter_active(const struct pf_filter *f)
{
	return f->cat || f->todo || f->assignment || f->team;
}

bool pf_entry_matches(const struct build_page *bp, const struct entry *en,
		      const struct pf_filter *f)
{
	if (en->level == LEVEL_NOT_REQUIRED)
		return false;
	if (f->cat && strcmp(entry_category(&bp->p, en), f->cat))
		return false;
	if (f->todo && entry_assessed(en))
		return false;
	if (f->assignment && strcmp(assignment_name(en->assignment), f->assignment))
		return false;
	return !f->team || (en->team && !strcmp(en->team, f->team));
}

const char *pf_filter_query(struct http_req *req, const struct pf_filter *f, const char *lead)
{
	const char *names[] = {"cat", "assignment", "team"};
	const char *values[] = {f->cat, f->assignment, f->team};
	struct buf b;
	const char *s = NULL;
	size_t i;

	buf_init(&b, PF_FILTER_URL_MAX);
	if (lead)
		buf_addstr(&b, lead);
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		if (!values[i])
			continue;
		buf_printf(&b, "&%s=", names[i]);
		http_percent_encode(&b, values[i]);
	}
	if (f->todo)
		buf_addstr(&b, "&todo=1");
	if (!buf_status(&b))
		s = http_req_strdup(req, b.data);
	buf_release(&b);
	return s;
}

const char *pf_category_title(const struct build_page *bp, const char *cat, char *out, size_t size)
{
	int i = cat && *cat ? framework_find(bp->fw, cat) : -1;

	if (i < 0)
		snprintf(out, size, "%s", tr(bp->lang, MSG_REPORT_NO_CATEGORY));
	else
		snprintf(out, size, "%s %s", cat, fw_node_name(&bp->fw->nodes[i], bp->lc));
	return out;
}

/* Has an earlier selected entry (before index i) the same category / team? */
static bool listed_before(const struct build_page *bp, size_t i, bool team)
{
	const struct entry *en = &bp->p.entries[i];
	size_t j;

	for (j = 0; j < i; j++) {
		const struct entry *o = &bp->p.entries[j];
		if (o->level == LEVEL_NOT_REQUIRED)
			continue;
		if (team ? build_same(o->team, en->team)
			 : !strcmp(entry_category(&bp->p, o), entry_category(&bp->p, en)))
			return true;
	}
	return false;
}

int pf_filter_form(struct buf *b, const struct build_page *bp, const struct pf_filter *f,
		   const char *action)
{
	enum lang lang = bp->lang;
	char title[512];
	size_t i;
	int a;

	html_open(b, "form", "method", "get", "action", action, "class", "toolbar filter", "role",
		  "search", (char *)NULL);
	html_raw(b, "<div>");
	html_elem(b, "label", tr(lang, MSG_CATEGORY), "for", "f-cat", (char *)NULL);
	html_raw(b, "<select id=\"f-cat\" name=\"cat\">");
	kit_option(b, "", tr(lang, MSG_WEB_BUILD_ALL_CATEGORIES), !f->cat);
	for (i = 0; i < bp->p.n_entries; i++) {
		const struct entry *en = &bp->p.entries[i];
		const char *cat = entry_category(&bp->p, en);
		if (en->level == LEVEL_NOT_REQUIRED || listed_before(bp, i, false))
			continue;
		kit_option(b, cat, pf_category_title(bp, cat, title, sizeof(title)),
			   f->cat && !strcmp(f->cat, cat));
	}
	html_raw(b, "</select></div><div>");
	html_elem(b, "label", tr(lang, MSG_ASSIGNMENT), "for", "f-assignment", (char *)NULL);
	html_raw(b, "<select id=\"f-assignment\" name=\"assignment\">");
	kit_option(b, "", tr(lang, MSG_WEB_BUILD_ALL_ASSIGNMENTS), !f->assignment);
	for (a = ASSIGN_UNASSIGNED; a < ASSIGN_COUNT; a++)
		kit_option(b, assignment_name(a), tr_assignment(lang, a),
			   build_same(f->assignment, assignment_name(a)));
	html_raw(b, "</select></div><div>");
	html_elem(b, "label", tr(lang, MSG_TEAM), "for", "f-team", (char *)NULL);
	html_raw(b, "<select id=\"f-team\" name=\"team\">");
	kit_option(b, "", tr(lang, MSG_WEB_BUILD_ALL_TEAMS), !f->team);
	for (i = 0; i < bp->p.n_entries; i++) {
		const struct entry *en = &bp->p.entries[i];
		if (en->level == LEVEL_NOT_REQUIRED || !en->team || listed_before(bp, i, true))
			continue;
		kit_option(b, en->team, en->team, build_same(f->team, en->team));
	}
	html_raw(b, "</select></div><div class=\"check\">");
	html_open(b, "input", "type", "checkbox", "id", "f-todo", "name", "todo", "value", "1",
		  KIT_BOOL("checked", f->todo), (char *)NULL);
	html_elem(b, "label", tr(lang, MSG_WEB_BUILD_ONLY_TODO), "for", "f-todo", (char *)NULL);
	html_raw(b, "</div><div>");
	html_elem(b, "button", tr(lang, MSG_WEB_BUILD_FILTER), "type", "submit", (char *)NULL);
	if (pf_filter_active(f)) {
		html_raw(b, " ");
		html_elem(b, "a", tr(lang, MSG_WEB_BUILD_CLEAR_FILTER), "href", action,
			  (char *)NULL);
	}
	html_raw(b, "</div></form>\n");
	return buf_status(b);
}
