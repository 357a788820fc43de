/*
 * page_catalogue.c - build step 1: the service catalogue (GET).
 *
 * The framework's category -> service tree as one table, with a
 * recommendation level per service (X.1060 Table 1), counts per level, a
 * server-side search and filter (GET ?q= &level= &status=provisional),
 * custom services under their category and provisional catalogue entries
 * marked. The forms for starter presets and custom services are in
 * page_catalogue_add.c, the POST handling in page_catalogue_post.c.
 *
 * The level table is one bulk form: each row carries the level it showed
 * ("was:<ref>") and the entry's version ("version:<ref>") so that the save
 * can apply only the changed rows and refuse stale ones.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/level.h"
#include "report/html.h"
#include "util/xalloc.h"
#include "web/pages/build_pages.h"
#include "web/pages/kit.h"
#include "web/pages/nav.h"
#include "web/pages/page.h"
#include "web/pages/page_catalogue_int.h"

/* One row of the catalogue table. */
struct cat_row {
	int node;		/* framework node, -1 for a custom service */
	const struct entry *en; /* NULL when not in the catalogue */
	int heading;		/* a category or area: not selectable */
	int depth;
	int shown; /* passes the filter (headings: something below does) */
};

static const char *nonempty(const char *s)
{
	return s && *s ? s : NULL;
}

static const char *row_ref(const struct build_page *bp, const struct cat_row *r)
{
	return r->node >= 0 ? bp->fw->nodes[r->node].ref_id : r->en->ref_id;
}

static const char *row_name(const struct build_page *bp, const struct cat_row *r)
{
	if (r->node >= 0)
		return fw_node_name(&bp->fw->nodes[r->node], bp->lc);
	return entry_name(&bp->p, r->en, bp->lc);
}

static bool row_provisional(const struct build_page *bp, const struct cat_row *r)
{
	return r->node >= 0 && bp->fw->nodes[r->node].status == STATUS_PROVISIONAL;
}

/* Case-insensitive (ASCII) substring search; other bytes compare exactly. */
static bool contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; hay && *hay; hay++)
		if (!strncasecmp(hay, needle, n))
			return true;
	return false;
}

static bool row_matches(const struct build_page *bp, const struct cat_row *r,
			const struct cat_filter *f)
{
	if (f->q) {
		bool hit = contains(row_ref(bp, r), f->q);
		if (r->node >= 0) {
			const struct fw_node *n = &bp->fw->nodes[r->node];
			hit = hit || contains(n->name_en, f->q) || contains(n->name_ja, f->q);
		} else {
			hit = hit || contains(r->en->custom_name_en, f->q) ||
			      contains(r->en->custom_name_ja, f->q);
		}
		if (!hit)
			return false;
	}
	if (f->level) {
		if (!strcmp(f->level, "none")) {
			if (r->en)
				return false;
		} else if (!r->en || level_parse(f->level) != (int)r->en->level) {
			return false;
		}
	}
	return !f->provisional || row_provisional(bp, r);
}

static void add_row(struct cat_row **rows, size_t *n, size_t *cap, struct cat_row r)
{
	if (*n == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		*rows = xrealloc(*rows, *cap * sizeof(**rows));
	}
	(*rows)[(*n)++] = r;
}

/* Custom services of category ref not yet listed. */
static void add_customs(const struct build_page *bp, const char *cat, unsigned char *listed,
			struct cat_row **rows, size_t *n, size_t *cap)
{
	size_t i;

	for (i = 0; i < bp->p.n_entries; i++) {
		const struct entry *en = &bp->p.entries[i];
		if (!en->custom || listed[i])
			continue;
		if (cat && (!en->custom_category || strcmp(en->custom_category, cat)))
			continue;
		listed[i] = 1;
		add_row(rows, n, cap, (struct cat_row){-1, en, 0, 2, 0});
	}
}

/* The table rows in catalogue order, filter applied. Caller frees. */
static struct cat_row *build_rows(const struct build_page *bp, const struct cat_filter *f,
				  size_t *n_out)
{
	const struct framework *fw = bp->fw;
	struct cat_row *rows = NULL;
	size_t n = 0, cap = 0, i, j;
	unsigned char *listed = xcalloc(bp->p.n_entries + 1, 1);
	const char *root = NULL;

	for (i = 0; i < fw->n_nodes; i++) {
		const struct fw_node *nd = &fw->nodes[i];
		if (nd->parent < 0) {
			if (root)
				add_customs(bp, root, listed, &rows, &n, &cap);
			root = nd->ref_id;
		}
		if (!nd->assessable && nd->kind != NODE_CATEGORY && nd->kind != NODE_AREA &&
		    nd->kind != NODE_FOUNDATION && nd->kind != NODE_SERVICE)
			continue; /* functions that cannot be selected: detail, not rows */
		add_row(&rows, &n, &cap,
			(struct cat_row){(int)i, portfolio_find(&bp->p, nd->ref_id),
					 !nd->assessable, nd->depth, 0});
	}
	if (root)
		add_customs(bp, root, listed, &rows, &n, &cap);
	add_customs(bp, NULL, listed, &rows, &n, &cap); /* category unknown to this edition */
	free(listed);
	for (i = 0; i < n; i++)
		if (!rows[i].heading)
			rows[i].shown = row_matches(bp, &rows[i], f);
	/* a heading is shown when a row below it (before the next heading of
	 * the same or a higher level) is */
	for (i = 0; i < n; i++) {
		if (!rows[i].heading)
			continue;
		for (j = i + 1; j < n; j++) {
			if (rows[j].heading && rows[j].depth <= rows[i].depth)
				break;
			if (!rows[j].heading && rows[j].shown) {
				rows[i].shown = 1;
				break;
			}
		}
	}
	*n_out = n;
	return rows;
}

/* Level options: "not selected" only for a service not in the catalogue; a
 * readiness component or a parameter (sideless) is in scope or not
 * applicable, never given a recommendation level. */
int cat_level_options(struct buf *b, enum lang lang, const char *selected, int allow_none,
		      int sideless)
{
	int l;

	if (allow_none)
		kit_option(b, "", tr(lang, MSG_NOT_SELECTED), !selected || !*selected);
	if (sideless) {
		kit_option(b, level_name(LEVEL_IN_SCOPE), tr_level(lang, LEVEL_IN_SCOPE),
			   selected && !strcmp(selected, level_name(LEVEL_IN_SCOPE)));
		return kit_option(b, level_name(LEVEL_NOT_REQUIRED),
				  tr(lang, MSG_WEB_BUILD_NOT_APPLICABLE),
				  selected && !strcmp(selected, level_name(LEVEL_NOT_REQUIRED)));
	}
	for (l = LEVEL_BASIC; l <= LEVEL_OPTIONAL; l++)
		kit_option(b, level_name(l), tr_level(lang, l),
			   selected && !strcmp(selected, level_name(l)));
	return kit_option(b, level_name(LEVEL_NOT_REQUIRED), tr_level(lang, LEVEL_NOT_REQUIRED),
			  selected && !strcmp(selected, level_name(LEVEL_NOT_REQUIRED)));
}

static int counts_section(struct buf *b, const struct build_page *bp, const struct cat_row *rows,
			  size_t n)
{
	size_t count[LEVEL_COUNT] = {0}, none = 0, i;
	enum lang lang = bp->lang;
	int l;

	for (i = 0; i < n; i++) {
		if (rows[i].heading)
			continue;
		if (rows[i].en && rows[i].en->level < LEVEL_COUNT)
			count[rows[i].en->level]++;
		else
			none++;
	}
	html_raw(b, "<section aria-labelledby=\"counts\">");
	html_elem(b, "h2", tr(lang, MSG_WEB_BUILD_COUNTS), "id", "counts", "class",
		  "visually-hidden", (char *)NULL);
	html_raw(b, "<ul class=\"level-counts\">");
	for (l = LEVEL_BASIC; l <= LEVEL_COUNT; l++) {
		int lv = l == LEVEL_COUNT ? LEVEL_NOT_REQUIRED : l;
		if (lv == LEVEL_IN_SCOPE && !count[lv])
			continue; /* only frameworks with readiness or parameters have it */
		html_raw(b, "<li>");
		build_level_badge(b, lang, lv);
		html_fmt(b, " <strong>%zu</strong></li>", count[lv]);
	}
	html_raw(b, "<li>");
	build_level_badge(b, lang, -1);
	html_fmt(b, " <strong>%zu</strong></li>", none);
	html_raw(b, "</ul></section>\n");
	return buf_status(b);
}

static int filter_form(struct buf *b, const struct build_page *bp, const struct cat_filter *f,
		       const char *action)
{
	enum lang lang = bp->lang;
	int l;

	html_open(b, "form", "method", "get", "action", action, "class", "toolbar filter", "role",
		  "search", (char *)NULL);
	html_raw(b, "<div>");
	html_elem(b, "label", tr(lang, MSG_WEB_BUILD_SEARCH), "for", "f-q", (char *)NULL);
	html_open(b, "input", "type", "search", "id", "f-q", "name", "q", "value", f->q,
		  "maxlength", "200", (char *)NULL);
	html_raw(b, "</div><div>");
	html_elem(b, "label", tr(lang, MSG_LEVEL), "for", "f-level", (char *)NULL);
	html_raw(b, "<select id=\"f-level\" name=\"level\">");
	kit_option(b, "", tr(lang, MSG_WEB_BUILD_ALL_LEVELS), !f->level);
	for (l = LEVEL_BASIC; l <= LEVEL_COUNT; l++) {
		int lv = l == LEVEL_COUNT ? LEVEL_NOT_REQUIRED : l;
		kit_option(b, level_name(lv), tr_level(lang, lv),
			   f->level && !strcmp(f->level, level_name(lv)));
	}
	kit_option(b, "none", tr(lang, MSG_NOT_SELECTED), f->level && !strcmp(f->level, "none"));
	html_raw(b, "</select></div><div class=\"check\">");
	html_open(b, "input", "type", "checkbox", "id", "f-status", "name", "status", "value",
		  "provisional", KIT_BOOL("checked", f->provisional), (char *)NULL);
	html_elem(b, "label", tr(lang, MSG_WEB_BUILD_ONLY_PROVISIONAL), "for", "f-status",
		  (char *)NULL);
	html_raw(b, "</div><div>");
	html_elem(b, "button", tr(lang, MSG_WEB_BUILD_FILTER), "type", "submit", (char *)NULL);
	if (f->q || f->level || f->provisional) {
		html_raw(b, " ");
		html_elem(b, "a", tr(lang, MSG_WEB_BUILD_CLEAR_FILTER), "href", action,
			  (char *)NULL);
	}
	html_raw(b, "</div></form>\n");
	return buf_status(b);
}

/* The level a row's select shows: the submitted one when keep, else the stored one. */
static const char *row_selected(struct http_req *req, const struct cat_row *r, const char *ref,
				bool keep)
{
	if (keep) {
		const char *name = build_anchor(req, "level:", ref);
		const char *v = http_req_form(req, name);
		if (v)
			return v;
	}
	return r->en ? level_name(r->en->level) : "";
}

static int service_cell(struct buf *b, const struct build_page *bp, const struct cat_row *r)
{
	enum lang lang = bp->lang;
	const char *ref = row_ref(bp, r), *name = row_name(bp, r);
	const char *desc = NULL;

	if (r->node >= 0) {
		const struct fw_node *nd = &bp->fw->nodes[r->node];
		desc =
		    lang == LANG_JA && nd->description_ja ? nd->description_ja : nd->description_en;
	}
	html_elem(b, "span", ref, "class", "ref", (char *)NULL);
	html_raw(b, " ");
	html_elem(b, "span", name, "class", "name", (char *)NULL);
	if (row_provisional(bp, r)) {
		const char *note = bp->fw->nodes[r->node].source_note;
		html_raw(b, " ");
		html_elem(b, "span", tr(lang, MSG_PROVISIONAL), "class", "badge provisional",
			  "title", note ? note : tr(lang, MSG_PROVISIONAL_NOTE), (char *)NULL);
	}
	if (r->node < 0) {
		html_raw(b, " ");
		html_elem(b, "span", tr(lang, MSG_CUSTOM_SERVICE), "class", "badge custom",
			  (char *)NULL);
	}
	if (desc)
		html_elem(b, "span", desc, "class", "hint", (char *)NULL);
	return buf_status(b);
}

/* The level select of one row, with the level and version it showed. */
static int level_cell(struct http_req *req, struct buf *b, const struct build_page *bp,
		      const struct cat_row *r, bool keep)
{
	const char *ref = row_ref(bp, r);
	const char *id = build_anchor(req, "lv-", ref);
	char version[32];

	html_open(b, "label", "for", id, "class", "visually-hidden", (char *)NULL);
	html_fmt(b, "%s: %s %s</label>", tr(bp->lang, MSG_LEVEL), ref, row_name(bp, r));
	html_open(b, "select", "id", id, "name", build_anchor(req, "level:", ref), (char *)NULL);
	cat_level_options(b, bp->lang, row_selected(req, r, ref, keep), !r->en,
			  !assessment_has_sides(framework_ref_assessment(bp->fw, ref)));
	html_raw(b, "</select>");
	kit_hidden(b, build_anchor(req, "was:", ref), r->en ? level_name(r->en->level) : "");
	snprintf(version, sizeof(version), "%lld", r->en ? r->en->version : 0LL);
	kit_hidden(b, build_anchor(req, "version:", ref), version);
	return buf_status(b);
}

static int levels_form(struct http_req *req, struct buf *b, const struct build_page *bp,
		       const struct cat_row *rows, size_t n, const struct cat_filter *f,
		       const char *action, const struct cat_state *st)
{
	enum lang lang = bp->lang;
	bool editor = bp->o.role >= ROLE_EDITOR;
	bool keep = st && st->keep && !strcmp(st->form, "levels");
	size_t i, shown = 0;

	html_raw(b, "<section aria-labelledby=\"services\">");
	html_elem(b, "h2", tr(lang, MSG_WEB_BUILD_SERVICES), "id", "services", (char *)NULL);
	if (st && !strcmp(st->form, "levels"))
		kit_notice(b, KIT_ERROR, st->message);
	for (i = 0; i < n; i++)
		shown += rows[i].shown && !rows[i].heading;
	if (!shown) {
		html_elem(b, "p", tr(lang, MSG_WEB_BUILD_NO_MATCH), "class", "empty", (char *)NULL);
		html_raw(b, "</section>\n");
		return buf_status(b);
	}
	if (editor) {
		html_open(b, "form", "method", "post", "action", action, "data-dirty-warn", "",
			  (char *)NULL);
		web_csrf_field(req, b);
		kit_hidden(b, "action", "levels");
		html_open(b, "input", "type", "hidden", "name", "f_q", "value", f->q, (char *)NULL);
		html_open(b, "input", "type", "hidden", "name", "f_level", "value", f->level,
			  (char *)NULL);
		if (f->provisional)
			kit_hidden(b, "f_status", "provisional");
		html_elem(b, "p", tr(lang, MSG_WEB_BUILD_LEVELS_HINT), "class", "hint",
			  (char *)NULL);
	}
	html_raw(b, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"catalogue cards\">");
	html_fmt(b,
		 "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		 "</tr></thead><tbody>\n",
		 tr(lang, MSG_SERVICE), tr(lang, MSG_LEVEL));
	for (i = 0; i < n; i++) {
		const struct cat_row *r = &rows[i];
		const char *ref = row_ref(bp, r);
		if (!r->shown)
			continue;
		if (r->heading) {
			html_fmt(b,
				 "<tr class=\"group depth-%d\"><th colspan=\"2\" "
				 "scope=\"colgroup\">%s %s</th></tr>\n",
				 r->depth > 3 ? 3 : r->depth, ref, row_name(bp, r));
			continue;
		}
		html_open(b, "tr", "id", build_anchor(req, "s-", ref), "class",
			  r->en ? "selected" : "unselected", (char *)NULL);
		html_fmt(b, "<td data-label=\"%s\" class=\"service\">", tr(lang, MSG_SERVICE));
		service_cell(b, bp, r);
		html_fmt(b, "</td><td data-label=\"%s\">", tr(lang, MSG_LEVEL));
		if (editor)
			level_cell(req, b, bp, r, keep);
		else
			build_level_badge(b, lang, r->en ? (int)r->en->level : -1);
		html_raw(b, "</td></tr>\n");
	}
	html_raw(b, "</tbody></table></div>\n");
	if (editor) {
		html_raw(b, "<p class=\"actions sticky\">");
		html_elem(b, "button", tr(lang, MSG_WEB_BUILD_SAVE_LEVELS), "type", "submit",
			  "class", "primary", (char *)NULL);
		html_raw(b, "</p></form>\n");
	}
	html_raw(b, "</section>\n");
	return buf_status(b);
}

int cat_render(struct http_req *req, struct http_resp *resp, struct build_page *bp,
	       const struct cat_filter *f, const struct cat_state *st)
{
	struct buf *b = &resp->body;
	const char *action = build_url(req, bp, "catalogue");
	struct cat_row *rows;
	size_t n;

	if (!action)
		return ERR_TOO_LARGE;
	rows = build_rows(bp, f, &n);
	web_build_step_begin(req, resp, &bp->o, bp->fw_id, TAB_CATALOGUE, st ? st->status : 200,
			     MSG_WEB_BUILD_CATALOGUE_INTRO);
	if (!st)
		kit_done_notice(req, b);
	/* a preset error whose form is no longer shown goes to the top */
	if (st && !strcmp(st->form, "preset") &&
	    (bp->p.n_entries || bp->o.role < ROLE_EDITOR || !bp->fw->n_presets))
		kit_notice(b, KIT_ERROR, st->message);
	counts_section(b, bp, rows, n);
	if (!bp->p.n_entries && bp->o.role >= ROLE_EDITOR)
		cat_presets_section(req, b, bp, action, st);
	filter_form(b, bp, f, action);
	levels_form(req, b, bp, rows, n, f, action, st);
	if (bp->o.role >= ROLE_EDITOR)
		cat_custom_form(req, b, bp, action, st);
	cat_remove_form(req, b, bp, action, st);
	free(rows);
	page_end(req, resp);
	return buf_status(b);
}

void cat_filter_from(struct cat_filter *f, const char *q, const char *level, const char *status)
{
	f->q = nonempty(q);
	if (f->q && strlen(f->q) > CAT_QUERY_MAX)
		f->q = NULL;
	f->level = nonempty(level);
	if (f->level && strcmp(f->level, "none") && level_parse(f->level) < 0)
		f->level = NULL;
	f->provisional = status && !strcmp(status, "provisional");
}

int page_catalogue(struct http_req *req, struct http_resp *resp)
{
	struct build_page *bp;
	struct cat_filter f;
	int rc = build_open(req, ROLE_VIEWER, &bp);

	if (rc)
		return rc;
	cat_filter_from(&f, http_req_query(req, "q"), http_req_query(req, "level"),
			http_req_query(req, "status"));
	return cat_render(req, resp, bp, &f, NULL);
}
