/*
 * page_quadrant.c - /o/{org}/p/{fw}/quadrant: where the organization puts
 * its selected services on the procurement quadrant, reached from the
 * profile page's quadrant.
 *
 * GET (viewer) shows the chart and, per selected service, its position and
 * the catalogue's; for an editor as ONE plain form (no JavaScript): two whole
 * numbers 0..100 per service and "back to the catalogue's position". POST
 * (editor) sends the rows whose values differ from what the form showed
 * ("was_skill:<ref>", "was_information:<ref>") or that go back to the
 * catalogue's, all in one ops_quadrant_save; a refusal shows the form again
 * on the same URL (400, the user's input kept, the message naming the
 * service), a save answers 303 to the profile page's quadrant.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "ops/ops_quadrant.h"
#include "report/chart_quadrant.h"
#include "report/html.h"
#include "web/auth/auth.h"
#include "web/pages/build_pages.h"
#include "web/pages/kit.h"
#include "web/pages/nav.h"
#include "web/pages/page.h"

/* The form field prefix + ref, or NULL when the form does not hold it. */
static const char *field(struct http_req *req, const char *prefix, const char *ref)
{
	return http_req_form(req, build_anchor(req, prefix, ref));
}

/* The catalogue's position of en: 1 with skill and info, 0 when it has none. */
static int catalogue_position(const struct build_page *bp, const struct entry *en, int *skill,
			      int *info)
{
	int i = en->custom || !bp->p.fw ? -1 : framework_find(bp->p.fw, en->ref_id);

	if (i < 0 || bp->p.fw->nodes[i].quadrant.skill < 0)
		return 0;
	*skill = bp->p.fw->nodes[i].quadrant.skill;
	*info = bp->p.fw->nodes[i].quadrant.info;
	return 1;
}

/* What the row shows: the organization's position, else the catalogue's, else "". */
static void shown(const struct build_page *bp, const struct entry *en, char skill[8], char info[8])
{
	int s, i;

	skill[0] = info[0] = '\0';
	if (en->placed) {
		s = en->place.skill;
		i = en->place.info;
	} else if (!catalogue_position(bp, en, &s, &i)) {
		return;
	}
	snprintf(skill, 8, "%d", s);
	snprintf(info, 8, "%d", i);
}

/* One number input of a row, labelled by its service and its column. */
static void number_input(struct http_req *req, struct buf *b, const struct build_page *bp,
			 const char *prefix, const struct entry *en, enum msg_id what,
			 const char *value)
{
	char label[256];

	snprintf(label, sizeof(label), "%s %s", en->ref_id, tr(bp->lang, what));
	html_open(b, "input", "type", "number", "name", build_anchor(req, prefix, en->ref_id),
		  "value", value, "min", "0", "max", "100", "step", "1", "inputmode", "numeric",
		  "aria-label", label, "class", "num", (char *)NULL);
}

static void row(struct http_req *req, struct buf *b, const struct build_page *bp,
		const struct entry *en, bool editor, bool again)
{
	enum lang lang = bp->lang;
	char skill[8], info[8], cat[32] = "—";
	const char *vs = skill, *vi = info;
	int cs, ci;

	shown(bp, en, skill, info);
	if (catalogue_position(bp, en, &cs, &ci))
		snprintf(cat, sizeof(cat), "%d, %d", cs, ci);
	if (again && field(req, "skill:", en->ref_id)) {
		vs = field(req, "skill:", en->ref_id);
		vi = field(req, "information:", en->ref_id);
		vi = vi ? vi : "";
	}
	html_open(b, "tr", "id", build_anchor(req, "s-", en->ref_id), (char *)NULL);
	html_elem(b, "th", build_service_title(req, &bp->p, en->ref_id), "scope", "row",
		  (char *)NULL);
	html_fmt(b, "<td data-label=\"%s\" class=\"num\">", tr(lang, MSG_WEB_BUILD_Q_SKILL));
	if (editor)
		number_input(req, b, bp, "skill:", en, MSG_WEB_BUILD_Q_SKILL, vs);
	else
		html_text(b, *skill ? skill : "—");
	html_fmt(b, "</td><td data-label=\"%s\" class=\"num\">", tr(lang, MSG_WEB_BUILD_Q_INFO));
	if (editor)
		number_input(req, b, bp, "information:", en, MSG_WEB_BUILD_Q_INFO, vi);
	else
		html_text(b, *info ? info : "—");
	html_fmt(b, "</td><td data-label=\"%s\">", tr(lang, MSG_QUAD_COL_CATALOGUE));
	html_text(b, cat);
	html_fmt(b, "</td><td data-label=\"%s\">", tr(lang, MSG_QUAD_COL_WHOSE));
	if (!en->placed) {
		html_text(b, tr(lang, *skill ? MSG_QUAD_SRC_CATALOGUE : MSG_QUAD_SRC_NONE));
	} else if (!editor) {
		html_text(b, tr(lang, MSG_QUAD_SRC_OWN));
	} else {
		const char *id = build_anchor(req, "reset-", en->ref_id);
		html_text(b, tr(lang, MSG_QUAD_SRC_OWN));
		html_raw(b, "<br>");
		html_open(b, "input", "type", "checkbox", "id", id, "name",
			  build_anchor(req, "reset:", en->ref_id), "value", "1",
			  KIT_BOOL("checked", again && field(req, "reset:", en->ref_id)),
			  (char *)NULL);
		html_raw(b, " ");
		html_elem(b, "label", tr(lang, MSG_QUAD_RESET), "for", id, (char *)NULL);
	}
	if (editor) {
		html_open(b, "input", "type", "hidden", "name",
			  build_anchor(req, "was_skill:", en->ref_id), "value", skill,
			  (char *)NULL);
		html_open(b, "input", "type", "hidden", "name",
			  build_anchor(req, "was_information:", en->ref_id), "value", info,
			  (char *)NULL);
	}
	html_raw(b, "</td></tr>\n");
}

static int render(struct http_req *req, struct http_resp *resp, struct build_page *bp, int status,
		  const struct err *e)
{
	struct buf *b = &resp->body;
	enum lang lang = bp->lang;
	bool editor = bp->o.role >= ROLE_EDITOR;
	const char *action = build_url(req, bp, "quadrant");
	const char *back = build_url(req, bp, "profile#quadrant");
	size_t i, n = 0;
	int rc = 0;

	if (!action || !back)
		return ERR_TOO_LARGE;
	for (i = 0; i < bp->p.n_entries; i++)
		n += entry_procured(&bp->p.entries[i]);
	web_build_step_begin(req, resp, &bp->o, bp->fw_id, TAB_PROFILE, status,
			     MSG_QUAD_PAGE_INTRO);
	if (e)
		kit_error_notice(req, b, e);
	html_raw(b, "<p>");
	html_elem(b, "a", tr(lang, MSG_QUAD_BACK), "href", back, (char *)NULL);
	html_raw(b, "</p>\n<section aria-labelledby=\"positions\">");
	html_elem(b, "h2", tr(lang, MSG_QUAD_PAGE_TITLE), "id", "positions", (char *)NULL);
	html_elem(b, "p", tr(lang, MSG_QUAD_PAGE_HINT), "class", "hint", (char *)NULL);
	if (!n) {
		html_elem(b, "p", tr(lang, MSG_WEB_BUILD_NOTHING_SELECTED), "class", "empty",
			  (char *)NULL);
		html_raw(b, "</section>\n");
		page_end(req, resp);
		return buf_status(b);
	}
	/* on a phone the figure scrolls sideways rather than shrink the labels (app.css) */
	html_raw(b, "<figure class=\"chart wide scroll\" tabindex=\"0\">");
	rc = chart_quadrant_svg(b, &bp->p, ops_entry_warned, lang, tr(lang, MSG_WEB_BUILD_Q_TITLE));
	html_raw(b, "</figure>\n");
	if (editor)
		kit_form_begin(req, b, action, NULL);
	html_raw(b, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"positions "
		    "cards\"><thead><tr>");
	html_fmt(b,
		 "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
		 "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\">%s</th>"
		 "<th scope=\"col\">%s</th>",
		 tr(lang, MSG_SERVICE), tr(lang, MSG_WEB_BUILD_Q_SKILL),
		 tr(lang, MSG_WEB_BUILD_Q_INFO), tr(lang, MSG_QUAD_COL_CATALOGUE),
		 tr(lang, MSG_QUAD_COL_WHOSE));
	html_raw(b, "</tr></thead><tbody>\n");
	for (i = 0; i < bp->p.n_entries; i++)
		if (entry_procured(&bp->p.entries[i]))
			row(req, b, bp, &bp->p.entries[i], editor, e != NULL);
	html_raw(b, "</tbody></table></div>\n");
	if (editor)
		kit_form_end(b, tr(lang, MSG_QUAD_SAVE), "primary");
	html_raw(b, "</section>\n");
	page_end(req, resp);
	return rc ? rc : buf_status(b);
}

int page_quadrant(struct http_req *req, struct http_resp *resp)
{
	struct build_page *bp;
	int rc = build_open(req, ROLE_VIEWER, &bp);

	return rc ? rc : render(req, resp, bp, 200, NULL);
}

int page_quadrant_post(struct http_req *req, struct http_resp *resp)
{
	struct err e = ERR_INIT;
	struct build_page *bp;
	struct ops_position *v;
	size_t i, n = 0, changed = 0;
	const char *url;
	char extra[64];
	int rc = build_open(req, ROLE_EDITOR, &bp), status;

	if (rc)
		return rc;
	web_store_actor(req);
	v = http_req_alloc(req, (bp->p.n_entries + 1) * sizeof(*v));
	for (i = 0; i < bp->p.n_entries; i++) {
		const struct entry *en = &bp->p.entries[i];
		const char *s = field(req, "skill:", en->ref_id);
		const char *in = field(req, "information:", en->ref_id);
		struct ops_position pos = {en->ref_id, s, in, 0};
		if (field(req, "reset:", en->ref_id)) {
			pos.reset = 1;
		} else if (!s && !in) {
			continue; /* not on the form */
		} else if (build_same(s, field(req, "was_skill:", en->ref_id)) &&
			   build_same(in, field(req, "was_information:", en->ref_id))) {
			continue; /* unchanged */
		} else if (!en->placed && (!s || !*s) && (!in || !*in)) {
			continue; /* left without a position */
		}
		v[n++] = pos;
	}
	rc = n ? ops_quadrant_save(bp->st, bp->o.name, bp->fw_id, v, n, &changed, &e) : 0;
	if (rc) {
		struct err reload = ERR_INIT;
		status = kit_form_status(&e);
		if (!status)
			return http_fail(req, &e);
		if (build_reload(bp, &reload))
			return http_fail(req, &reload);
		return render(req, resp, bp, status, &e);
	}
	if (changed)
		snprintf(extra, sizeof(extra), "profile?done=saved&n=%zu#quadrant", changed);
	else
		snprintf(extra, sizeof(extra), "profile?done=nochange#quadrant");
	url = build_url(req, bp, extra);
	return url ? kit_see_other(resp, url) : ERR_TOO_LARGE;
}
