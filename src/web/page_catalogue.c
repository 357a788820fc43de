/*
 * page_catalogue.c - build step 1: the service catalogue.
 *
 * The framework's category -> service tree as one table, with a
 * recommendation level per service (X.1060 Table 1), counts per level, a
 * server-side search and filter (GET ?q= &level= &status=provisional),
 * custom services under their category, provisional catalogue entries
 * marked, starter presets for an empty catalogue and a form to add a
 * custom service.
 *
 * The level table is one bulk form: each row carries the level it showed
 * ("was:<ref>") and the entry's version ("version:<ref>"); only rows whose
 * level changed are applied, grouped into one ops_select per level, all in
 * one transaction. A row someone else changed in the meantime fails the
 * whole save with 409 and the current level. A service in the catalogue
 * cannot go back to "not selected" (use Not required).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/level.h"
#include "ops/ops.h"
#include "report/html.h"
#include "util/xalloc.h"
#include "web/build_pages.h"
#include "web/nav.h"
#include "web/page.h"

#define CAT_QUERY_MAX 200 /* bytes of a search text that are used */
#define CAT_FILTER_URL_MAX 1024

/* One row of the catalogue table. */
struct cat_row {
	int node;		/* framework node, -1 for a custom service */
	const struct entry *en; /* NULL when not in the catalogue */
	int heading;		/* a category or area: not selectable */
	int depth;
	int shown; /* passes the filter (headings: something below does) */
};

struct cat_filter {
	const char *q;	   /* search text, NULL for none */
	const char *level; /* level name, "none" (not selected), NULL for all */
	int provisional;   /* only provisional services */
};

/* What a failed POST re-renders with. */
struct cat_state {
	const char *form; /* "levels", "custom", "preset" */
	int status;
	const char *message;
	int keep; /* show the submitted values in that form */
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

static int row_provisional(const struct build_page *bp, const struct cat_row *r)
{
	return r->node >= 0 && bp->fw->nodes[r->node].status == STATUS_PROVISIONAL;
}

/* Case-insensitive (ASCII) substring search; other bytes compare exactly. */
static int contains(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; hay && *hay; hay++)
		if (!strncasecmp(hay, needle, n))
			return 1;
	return 0;
}

static int row_matches(const struct build_page *bp, const struct cat_row *r,
		       const struct cat_filter *f)
{
	if (f->q) {
		int hit = contains(row_ref(bp, r), f->q);
		if (r->node >= 0) {
			const struct fw_node *n = &bp->fw->nodes[r->node];
			hit = hit || contains(n->name_en, f->q) || contains(n->name_ja, f->q);
		} else {
			hit = hit || contains(r->en->custom_name_en, f->q) ||
			      contains(r->en->custom_name_ja, f->q);
		}
		if (!hit)
			return 0;
	}
	if (f->level) {
		if (!strcmp(f->level, "none")) {
			if (r->en)
				return 0;
		} else if (!r->en || level_parse(f->level) != (int)r->en->level) {
			return 0;
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

static int option(struct buf *b, const char *value, const char *text, int selected)
{
	int rc =
	    html_open(b, "option", "value", value, "selected", selected ? "" : NULL, (char *)NULL);

	if (!rc)
		rc = html_text(b, text);
	return rc ? rc : html_close(b, "option");
}

/* Level options: "not selected" only for a service not in the catalogue. */
static int level_options(struct buf *b, enum lang lang, const char *selected, int allow_none)
{
	int rc = 0, l;

	if (allow_none)
		rc = option(b, "", tr(lang, MSG_NOT_SELECTED), !selected || !*selected);
	for (l = LEVEL_BASIC; !rc && l <= LEVEL_OPTIONAL; l++)
		rc = option(b, level_name(l), tr_level(lang, l),
			    selected && !strcmp(selected, level_name(l)));
	if (!rc)
		rc = option(b, level_name(LEVEL_NOT_REQUIRED), tr_level(lang, LEVEL_NOT_REQUIRED),
			    selected && !strcmp(selected, level_name(LEVEL_NOT_REQUIRED)));
	return rc;
}

static int counts_section(struct buf *b, const struct build_page *bp, const struct cat_row *rows,
			  size_t n)
{
	size_t count[LEVEL_COUNT] = {0}, none = 0, i;
	enum lang lang = bp->lang;
	int rc, l;

	for (i = 0; i < n; i++) {
		if (rows[i].heading)
			continue;
		if (rows[i].en && rows[i].en->level < LEVEL_COUNT)
			count[rows[i].en->level]++;
		else
			none++;
	}
	rc = html_raw(b, "<section aria-labelledby=\"counts\">");
	if (!rc)
		rc = html_elem(b, "h2", tr(lang, MSG_WEB_BUILD_COUNTS), "id", "counts", "class",
			       "visually-hidden", (char *)NULL);
	if (!rc)
		rc = html_raw(b, "<ul class=\"level-counts\">");
	for (l = LEVEL_BASIC; !rc && l <= LEVEL_COUNT; l++) {
		int lv = l == LEVEL_COUNT ? LEVEL_NOT_REQUIRED : l;
		rc = html_raw(b, "<li>");
		if (!rc)
			rc = build_level_badge(b, lang, lv);
		if (!rc)
			rc = html_fmt(b, " <strong>%zu</strong></li>", count[lv]);
	}
	if (!rc)
		rc = html_raw(b, "<li>");
	if (!rc)
		rc = build_level_badge(b, lang, -1);
	if (!rc)
		rc = html_fmt(b, " <strong>%zu</strong></li>", none);
	return rc ? rc : html_raw(b, "</ul></section>\n");
}

static int filter_form(struct buf *b, const struct build_page *bp, const struct cat_filter *f,
		       const char *action)
{
	enum lang lang = bp->lang;
	int rc, l;

	rc = html_open(b, "form", "method", "get", "action", action, "class", "toolbar filter",
		       "role", "search", (char *)NULL);
	if (!rc)
		rc = html_raw(b, "<div>");
	if (!rc)
		rc = html_elem(b, "label", tr(lang, MSG_WEB_BUILD_SEARCH), "for", "f-q",
			       (char *)NULL);
	if (!rc)
		rc = html_open(b, "input", "type", "search", "id", "f-q", "name", "q", "value",
			       f->q, "maxlength", "200", (char *)NULL);
	if (!rc)
		rc = html_raw(b, "</div><div>");
	if (!rc)
		rc = html_elem(b, "label", tr(lang, MSG_LEVEL), "for", "f-level", (char *)NULL);
	if (!rc)
		rc = html_raw(b, "<select id=\"f-level\" name=\"level\">");
	if (!rc)
		rc = option(b, "", tr(lang, MSG_WEB_BUILD_ALL_LEVELS), !f->level);
	for (l = LEVEL_BASIC; !rc && l <= LEVEL_COUNT; l++) {
		int lv = l == LEVEL_COUNT ? LEVEL_NOT_REQUIRED : l;
		rc = option(b, level_name(lv), tr_level(lang, lv),
			    f->level && !strcmp(f->level, level_name(lv)));
	}
	if (!rc)
		rc = option(b, "none", tr(lang, MSG_NOT_SELECTED),
			    f->level && !strcmp(f->level, "none"));
	if (!rc)
		rc = html_raw(b, "</select></div><div class=\"check\">");
	if (!rc)
		rc = html_open(b, "input", "type", "checkbox", "id", "f-status", "name", "status",
			       "value", "provisional", "checked", f->provisional ? "" : NULL,
			       (char *)NULL);
	if (!rc)
		rc = html_elem(b, "label", tr(lang, MSG_WEB_BUILD_ONLY_PROVISIONAL), "for",
			       "f-status", (char *)NULL);
	if (!rc)
		rc = html_raw(b, "</div><div>");
	if (!rc)
		rc = html_elem(b, "button", tr(lang, MSG_WEB_BUILD_FILTER), "type", "submit",
			       (char *)NULL);
	if (!rc && (f->q || f->level || f->provisional)) {
		rc = html_raw(b, " ");
		if (!rc)
			rc = html_elem(b, "a", tr(lang, MSG_WEB_BUILD_CLEAR_FILTER), "href", action,
				       (char *)NULL);
	}
	return rc ? rc : html_raw(b, "</div></form>\n");
}

static int presets_section(struct http_req *req, struct buf *b, const struct build_page *bp,
			   const char *action, const struct cat_state *st)
{
	enum lang lang = bp->lang;
	size_t i;
	int rc;

	if (!bp->fw->n_presets)
		return 0;
	rc = html_raw(b, "<section aria-labelledby=\"presets\" class=\"presets\">");
	if (!rc)
		rc = html_elem(b, "h2", tr(lang, MSG_WEB_BUILD_PRESETS), "id", "presets",
			       (char *)NULL);
	if (!rc)
		rc = html_elem(b, "p", tr(lang, MSG_WEB_BUILD_PRESETS_INTRO), (char *)NULL);
	if (!rc && st && !strcmp(st->form, "preset"))
		rc = build_error_notice(b, lang, st->status, st->message);
	if (!rc)
		rc = html_raw(b, "<div class=\"grid\">");
	for (i = 0; !rc && i < bp->fw->n_presets; i++) {
		const struct preset *pr = &bp->fw->presets[i];
		const char *name = lang == LANG_JA && pr->name_ja ? pr->name_ja : pr->name_en;
		const char *desc =
		    lang == LANG_JA && pr->description_ja ? pr->description_ja : pr->description_en;
		rc = html_raw(b, "<div class=\"card\">");
		if (!rc)
			rc = html_elem(b, "h3", name, (char *)NULL);
		if (!rc && desc)
			rc = html_elem(b, "p", desc, (char *)NULL);
		if (!rc)
			rc = html_fmt(b, "<p class=\"meta\">%s%zu</p>",
				      tr(lang, MSG_WEB_BUILD_PRESET_SIZE), pr->n_levels);
		if (!rc)
			rc = html_open(b, "form", "method", "post", "action", action, (char *)NULL);
		if (!rc)
			rc = web_csrf_field(req, b);
		if (!rc)
			rc =
			    html_raw(b, "<input type=\"hidden\" name=\"action\" value=\"preset\">");
		if (!rc)
			rc = html_open(b, "input", "type", "hidden", "name", "preset", "value",
				       pr->id, (char *)NULL);
		if (!rc)
			rc = html_raw(b, "<button type=\"submit\" class=\"primary\">");
		if (!rc)
			rc = html_fmt(b, "%s%s%s%s", tr(lang, MSG_WEB_BUILD_APPLY_PRESET),
				      tr(lang, MSG_REPORT_PAREN_OPEN), name,
				      tr(lang, MSG_REPORT_PAREN_CLOSE));
		if (!rc)
			rc = html_raw(b, "</button></form></div>");
	}
	return rc ? rc : html_raw(b, "</div></section>\n");
}

/* The level a row's select shows: the submitted one when keep, else the stored one. */
static const char *row_selected(struct http_req *req, const struct cat_row *r, const char *ref,
				int keep)
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
	int rc;

	if (r->node >= 0) {
		const struct fw_node *nd = &bp->fw->nodes[r->node];
		desc =
		    lang == LANG_JA && nd->description_ja ? nd->description_ja : nd->description_en;
	}
	rc = html_elem(b, "span", ref, "class", "ref", (char *)NULL);
	if (!rc)
		rc = html_raw(b, " ");
	if (!rc)
		rc = html_elem(b, "span", name, "class", "name", (char *)NULL);
	if (!rc && row_provisional(bp, r)) {
		const char *note = bp->fw->nodes[r->node].source_note;
		rc = html_raw(b, " ");
		if (!rc)
			rc = html_elem(b, "span", tr(lang, MSG_PROVISIONAL), "class",
				       "badge provisional", "title",
				       note ? note : tr(lang, MSG_PROVISIONAL_NOTE), (char *)NULL);
	}
	if (!rc && r->node < 0) {
		rc = html_raw(b, " ");
		if (!rc)
			rc = html_elem(b, "span", tr(lang, MSG_CUSTOM_SERVICE), "class",
				       "badge custom", (char *)NULL);
	}
	if (!rc && desc)
		rc = html_elem(b, "span", desc, "class", "hint", (char *)NULL);
	return rc;
}

static int levels_form(struct http_req *req, struct buf *b, const struct build_page *bp,
		       const struct cat_row *rows, size_t n, const struct cat_filter *f,
		       const char *action, const struct cat_state *st)
{
	enum lang lang = bp->lang;
	int editor = bp->o.role >= ROLE_EDITOR,
	    keep = st && st->keep && !strcmp(st->form, "levels");
	size_t i, shown = 0;
	int rc;

	rc = html_raw(b, "<section aria-labelledby=\"services\">");
	if (!rc)
		rc = html_elem(b, "h2", tr(lang, MSG_WEB_BUILD_SERVICES), "id", "services",
			       (char *)NULL);
	if (!rc && st && !strcmp(st->form, "levels"))
		rc = build_error_notice(b, lang, st->status, st->message);
	for (i = 0; i < n; i++)
		shown += rows[i].shown && !rows[i].heading;
	if (!rc && !shown) {
		rc = html_elem(b, "p", tr(lang, MSG_WEB_BUILD_NO_MATCH), "class", "empty",
			       (char *)NULL);
		return rc ? rc : html_raw(b, "</section>\n");
	}
	if (!rc && editor) {
		rc = html_open(b, "form", "method", "post", "action", action, "data-dirty-warn", "",
			       (char *)NULL);
		if (!rc)
			rc = web_csrf_field(req, b);
		if (!rc)
			rc =
			    html_raw(b, "<input type=\"hidden\" name=\"action\" value=\"levels\">");
		if (!rc)
			rc = html_open(b, "input", "type", "hidden", "name", "f_q", "value", f->q,
				       (char *)NULL);
		if (!rc)
			rc = html_open(b, "input", "type", "hidden", "name", "f_level", "value",
				       f->level, (char *)NULL);
		if (!rc && f->provisional)
			rc = html_raw(b, "<input type=\"hidden\" name=\"f_status\" "
					 "value=\"provisional\">");
		if (!rc)
			rc = html_elem(b, "p", tr(lang, MSG_WEB_BUILD_LEVELS_HINT), "class", "hint",
				       (char *)NULL);
	}
	if (!rc)
		rc = html_raw(b, "<div class=\"table-wrap\"><table class=\"catalogue cards\">");
	if (!rc)
		rc = html_fmt(b,
			      "<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			      "</tr></thead><tbody>\n",
			      tr(lang, MSG_SERVICE), tr(lang, MSG_LEVEL));
	for (i = 0; !rc && i < n; i++) {
		const struct cat_row *r = &rows[i];
		const char *ref = row_ref(bp, r);
		if (!r->shown)
			continue;
		if (r->heading) {
			rc = html_fmt(b,
				      "<tr class=\"group depth-%d\"><th colspan=\"2\" "
				      "scope=\"colgroup\">",
				      r->depth > 3 ? 3 : r->depth);
			if (!rc)
				rc = html_fmt(b, "%s %s", ref, row_name(bp, r));
			if (!rc)
				rc = html_raw(b, "</th></tr>\n");
			continue;
		}
		rc = html_open(b, "tr", "id", build_anchor(req, "s-", ref), "class",
			       r->en ? "selected" : "unselected", (char *)NULL);
		if (!rc)
			rc = html_fmt(b, "<td data-label=\"%s\" class=\"service\">",
				      tr(lang, MSG_SERVICE));
		if (!rc)
			rc = service_cell(b, bp, r);
		if (!rc)
			rc = html_fmt(b, "</td><td data-label=\"%s\">", tr(lang, MSG_LEVEL));
		if (!rc && editor) {
			const char *id = build_anchor(req, "lv-", ref);
			char version[32];
			rc = html_open(b, "label", "for", id, "class", "visually-hidden",
				       (char *)NULL);
			if (!rc)
				rc = html_fmt(b, "%s: %s %s</label>", tr(lang, MSG_LEVEL), ref,
					      row_name(bp, r));
			if (!rc)
				rc = html_open(b, "select", "id", id, "name",
					       build_anchor(req, "level:", ref), (char *)NULL);
			if (!rc)
				rc =
				    level_options(b, lang, row_selected(req, r, ref, keep), !r->en);
			if (!rc)
				rc = html_raw(b, "</select>");
			if (!rc)
				rc = html_open(b, "input", "type", "hidden", "name",
					       build_anchor(req, "was:", ref), "value",
					       r->en ? level_name(r->en->level) : "", (char *)NULL);
			snprintf(version, sizeof(version), "%lld", r->en ? r->en->version : 0LL);
			if (!rc)
				rc = html_open(b, "input", "type", "hidden", "name",
					       build_anchor(req, "version:", ref), "value", version,
					       (char *)NULL);
		} else if (!rc) {
			rc = build_level_badge(b, lang, r->en ? (int)r->en->level : -1);
		}
		if (!rc)
			rc = html_raw(b, "</td></tr>\n");
	}
	if (!rc)
		rc = html_raw(b, "</tbody></table></div>\n");
	if (!rc && editor) {
		rc = html_raw(b, "<p class=\"actions sticky\">");
		if (!rc)
			rc = html_elem(b, "button", tr(lang, MSG_WEB_BUILD_SAVE_LEVELS), "type",
				       "submit", "class", "primary", (char *)NULL);
		if (!rc)
			rc = html_raw(b, "</p></form>\n");
	}
	return rc ? rc : html_raw(b, "</section>\n");
}

static int custom_form(struct http_req *req, struct buf *b, const struct build_page *bp,
		       const char *action, const struct cat_state *st)
{
	enum lang lang = bp->lang;
	int keep = st && st->keep && !strcmp(st->form, "custom");
	const char *sel_cat = keep ? http_req_form(req, "category") : NULL;
	const char *sel_lv = keep ? http_req_form(req, "clevel") : "standard";
	const char *invalid = st && !strcmp(st->form, "custom") ? "true" : NULL;
	size_t i;
	int rc;

	rc = html_raw(b, "<section aria-labelledby=\"custom\" id=\"add-custom\">");
	if (!rc)
		rc = html_elem(b, "h2", tr(lang, MSG_WEB_BUILD_CUSTOM), "id", "custom",
			       (char *)NULL);
	if (!rc)
		rc = html_elem(b, "p", tr(lang, MSG_WEB_BUILD_CUSTOM_INTRO), (char *)NULL);
	if (!rc && invalid)
		rc = build_error_notice(b, lang, st->status, st->message);
	if (!rc)
		rc = html_open(b, "form", "method", "post", "action", action, "class", "stack",
			       (char *)NULL);
	if (!rc)
		rc = web_csrf_field(req, b);
	if (!rc)
		rc = html_raw(b, "<input type=\"hidden\" name=\"action\" value=\"custom\"><div>");
	if (!rc)
		rc = html_elem(b, "label", tr(lang, MSG_WEB_BUILD_CUSTOM_REF), "for", "c-ref",
			       (char *)NULL);
	if (!rc)
		rc = html_elem(b, "span", tr(lang, MSG_WEB_BUILD_CUSTOM_REF_HINT), "class", "hint",
			       "id", "c-ref-hint", (char *)NULL);
	if (!rc)
		rc = html_open(b, "input", "type", "text", "id", "c-ref", "name", "ref", "required",
			       "", "maxlength", "32", "pattern", "[A-Za-z0-9._\\-]{1,32}",
			       "aria-describedby", "c-ref-hint", "aria-invalid", invalid, "value",
			       keep ? http_req_form(req, "ref") : NULL, (char *)NULL);
	if (!rc)
		rc = html_raw(b, "</div><div>");
	if (!rc)
		rc = html_elem(b, "label", tr(lang, MSG_WEB_BUILD_CUSTOM_NAME_EN), "for", "c-en",
			       (char *)NULL);
	if (!rc)
		rc = html_open(b, "input", "type", "text", "id", "c-en", "name", "name_en",
			       "required", "", "maxlength", "200", "lang", "en", "value",
			       keep ? http_req_form(req, "name_en") : NULL, (char *)NULL);
	if (!rc)
		rc = html_raw(b, "</div><div>");
	if (!rc)
		rc = html_elem(b, "label", tr(lang, MSG_WEB_BUILD_CUSTOM_NAME_JA), "for", "c-ja",
			       (char *)NULL);
	if (!rc)
		rc = html_open(b, "input", "type", "text", "id", "c-ja", "name", "name_ja",
			       "maxlength", "200", "lang", "ja", "value",
			       keep ? http_req_form(req, "name_ja") : NULL, (char *)NULL);
	if (!rc)
		rc = html_raw(b, "</div><div>");
	if (!rc)
		rc = html_elem(b, "label", tr(lang, MSG_CATEGORY), "for", "c-cat", (char *)NULL);
	if (!rc)
		rc = html_raw(b, "<select id=\"c-cat\" name=\"category\">");
	for (i = 0; !rc && i < bp->fw->n_nodes; i++) {
		const struct fw_node *nd = &bp->fw->nodes[i];
		char text[512];
		if (nd->parent >= 0 || framework_category_of(bp->fw, (int)i) != (int)i)
			continue;
		snprintf(text, sizeof(text), "%s %s", nd->ref_id, fw_node_name(nd, bp->lc));
		rc = option(b, nd->ref_id, text, sel_cat && !strcmp(sel_cat, nd->ref_id));
	}
	if (!rc)
		rc = html_raw(b, "</select></div><div>");
	if (!rc)
		rc = html_elem(b, "label", tr(lang, MSG_LEVEL), "for", "c-level", (char *)NULL);
	if (!rc)
		rc = html_raw(b, "<select id=\"c-level\" name=\"clevel\">");
	if (!rc)
		rc = level_options(b, lang, sel_lv, 0);
	if (!rc)
		rc = html_raw(b, "</select></div><div>");
	if (!rc)
		rc = html_elem(b, "button", tr(lang, MSG_WEB_BUILD_CUSTOM_ADD), "type", "submit",
			       (char *)NULL);
	return rc ? rc : html_raw(b, "</div></form></section>\n");
}

static int render(struct http_req *req, struct http_resp *resp, struct build_page *bp,
		  const struct cat_filter *f, const struct cat_state *st)
{
	struct buf *b = &resp->body;
	enum lang lang = bp->lang;
	const char *action = build_url(req, bp, "catalogue");
	struct cat_row *rows;
	size_t n;
	int rc;

	if (!action)
		return ERR_TOO_LARGE;
	rows = build_rows(bp, f, &n);
	rc = page_begin(req, resp, st ? st->status : 200, tr(lang, MSG_CATALOGUE));
	if (!rc)
		rc = web_portfolio_nav(req, b, &bp->o, bp->fw_id, TAB_CATALOGUE);
	if (!rc)
		rc = html_fmt(b, "<h1><span class=\"step\">1</span> %s</h1>\n",
			      tr(lang, MSG_CATALOGUE));
	if (!rc)
		rc = html_elem(b, "p", tr(lang, MSG_WEB_BUILD_CATALOGUE_INTRO), "class", "lead",
			       (char *)NULL);
	if (!rc && !st)
		rc = build_done_notice(req, b);
	/* a preset error whose form is no longer shown goes to the top */
	if (!rc && st && !strcmp(st->form, "preset") &&
	    (bp->p.n_entries || bp->o.role < ROLE_EDITOR || !bp->fw->n_presets))
		rc = build_error_notice(b, lang, st->status, st->message);
	if (!rc)
		rc = counts_section(b, bp, rows, n);
	if (!rc && !bp->p.n_entries && bp->o.role >= ROLE_EDITOR)
		rc = presets_section(req, b, bp, action, st);
	if (!rc)
		rc = filter_form(b, bp, f, action);
	if (!rc)
		rc = levels_form(req, b, bp, rows, n, f, action, st);
	if (!rc && bp->o.role >= ROLE_EDITOR)
		rc = custom_form(req, b, bp, action, st);
	free(rows);
	return rc ? rc : page_end(req, resp);
}

static void filter_from(struct cat_filter *f, const char *q, const char *level, const char *status)
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
	int rc = build_open(req, resp, ROLE_VIEWER, &bp);

	if (rc)
		return rc > 0 ? 0 : rc;
	filter_from(&f, http_req_query(req, "q"), http_req_query(req, "level"),
		    http_req_query(req, "status"));
	return render(req, resp, bp, &f, NULL);
}

/* A failed POST: roll back happened already; show the page again with the message. */
static int fail(struct http_req *req, struct http_resp *resp, struct build_page *bp,
		const struct cat_filter *f, const char *form, const struct err *e, int keep)
{
	struct cat_state st = {form, build_form_status(e->code), e->msg, keep};
	struct err e2 = ERR_INIT;

	if (!st.status)
		return web_fail(req, resp, e);
	if (build_reload(bp, &e2))
		return web_fail(req, resp, &e2);
	return render(req, resp, bp, f, &st);
}

/* "[&n=<changed>]&q=..&level=..&status=.." to come back to the same filtered view. */
static const char *filter_query(struct http_req *req, const struct cat_filter *f, size_t changed)
{
	struct buf b;
	const char *s = NULL;
	int rc = 0;

	buf_init(&b, CAT_FILTER_URL_MAX);
	if (changed)
		rc = buf_printf(&b, "&n=%zu", changed);
	if (!rc && f->q) {
		rc = buf_addstr(&b, "&q=");
		if (!rc)
			rc = http_percent_encode(&b, f->q);
	}
	if (!rc && f->level) {
		rc = buf_addstr(&b, "&level=");
		if (!rc)
			rc = http_percent_encode(&b, f->level);
	}
	if (!rc && f->provisional)
		rc = buf_addstr(&b, "&status=provisional");
	if (!rc)
		s = http_req_strdup(req, b.data);
	buf_release(&b);
	return s;
}

struct level_group {
	const char **refs;
	size_t n;
};

/* Apply the changed rows of the bulk form: check every row against what is
 * stored now, then one ops_select per level, all in one transaction. */
static int save_levels(struct http_req *req, struct build_page *bp, const char **first,
		       size_t *changed, struct err *e)
{
	struct level_group g[LEVEL_COUNT];
	const struct http_params *form = &req->form;
	size_t i;
	int rc, l;

	memset(g, 0, sizeof(g));
	*changed = 0;
	*first = NULL;
	rc = build_begin(bp, e);
	if (rc)
		return rc;
	rc = build_reload(bp, e); /* what is stored now, inside the transaction */
	for (i = 0; !rc && i < form->n; i++) {
		const char *name = form->v[i].name, *value = form->v[i].value, *ref, *was, *ver;
		const struct entry *en;
		int lv, node;
		if (strncmp(name, "level:", 6))
			continue;
		ref = name + 6;
		was = http_req_form(req, build_anchor(req, "was:", ref));
		ver = http_req_form(req, build_anchor(req, "version:", ref));
		if (!was)
			was = "";
		if (!strcmp(value, was))
			continue; /* unchanged rows are not sent */
		en = portfolio_find(&bp->p, ref);
		node = framework_find(bp->fw, ref);
		if (!en && (node < 0 || !bp->fw->nodes[node].assessable)) {
			rc = err_set(e, ERR_INVALID, "unknown service '%s' in framework '%s'", ref,
				     bp->fw_id);
			break;
		}
		/* stale row: the level or version shown is not what is stored now */
		if ((en && (strcmp(was, level_name(en->level)) ||
			    (ver && strtoll(ver, NULL, 10) != en->version))) ||
		    (!en && *was)) {
			rc = err_set(
			    e, ERR_CONFLICT, "%s %s%s%s", ref,
			    tr(bp->lang, MSG_WEB_BUILD_NOW_LEVEL), tr(bp->lang, MSG_REPORT_COLON),
			    en ? tr_level(bp->lang, en->level) : tr(bp->lang, MSG_NOT_SELECTED));
			break;
		}
		if (!*value) {
			rc = err_set(e, ERR_INVALID, "%s%s%s", ref, tr(bp->lang, MSG_REPORT_COLON),
				     tr(bp->lang, MSG_WEB_BUILD_ERR_KEEP_LEVEL));
			break;
		}
		lv = level_parse(value);
		if (lv < 0) {
			rc = err_set(e, ERR_INVALID, "unknown recommendation level '%s' for '%s'",
				     value, ref);
			break;
		}
		if (!g[lv].refs)
			g[lv].refs = http_req_alloc(req, (form->n + 1) * sizeof(*g[lv].refs));
		g[lv].refs[g[lv].n++] = ref;
		if (!*first)
			*first = ref;
		(*changed)++;
	}
	for (l = 0; !rc && l < LEVEL_COUNT; l++)
		if (g[l].n)
			rc = ops_select(bp->st, bp->o.name, bp->fw_id, g[l].refs, g[l].n,
					level_name(l), e);
	return build_end(bp, rc, e);
}

static int apply_preset(struct http_req *req, struct build_page *bp, const char *id, struct err *e)
{
	const struct preset *pr = id ? framework_preset(bp->fw, id) : NULL;
	const char **refs;
	size_t i, n;
	int rc, l;

	if (!pr)
		return err_set(e, ERR_INVALID, "unknown preset '%s' for framework '%s'",
			       id ? id : "", bp->fw_id);
	refs = http_req_alloc(req, (pr->n_levels + 1) * sizeof(*refs));
	rc = build_begin(bp, e);
	if (rc)
		return rc;
	rc = build_reload(bp, e);
	if (!rc && bp->p.n_entries)
		rc = err_set(e, ERR_CONFLICT,
			     "the catalogue already has services; a preset only starts an empty "
			     "one");
	for (l = 0; !rc && l < LEVEL_COUNT; l++) {
		for (i = n = 0; i < pr->n_levels; i++)
			if (level_parse(pr->levels[i].level) == l)
				refs[n++] = pr->levels[i].ref_id;
		if (n)
			rc = ops_select(bp->st, bp->o.name, bp->fw_id, refs, n, level_name(l), e);
	}
	return build_end(bp, rc, e);
}

int page_catalogue_post(struct http_req *req, struct http_resp *resp)
{
	const char *action = http_req_form(req, "action");
	struct err e = ERR_INIT;
	struct build_page *bp;
	struct cat_filter f;
	int rc = build_open(req, resp, ROLE_EDITOR, &bp);

	if (rc)
		return rc > 0 ? 0 : rc;
	web_store_actor(req);
	filter_from(&f, http_req_form(req, "f_q"), http_req_form(req, "f_level"),
		    http_req_form(req, "f_status"));
	if (action && !strcmp(action, "levels")) {
		const char *first;
		size_t changed;
		rc = save_levels(req, bp, &first, &changed, &e);
		if (rc)
			return fail(req, resp, bp, &f, "levels", &e, e.code != ERR_CONFLICT);
		return build_redirect(resp, bp, "catalogue", changed ? "levels" : "nochange",
				      filter_query(req, &f, changed), first);
	}
	if (action && !strcmp(action, "custom")) {
		const char *ref = http_req_form(req, "ref");
		const char *name_en = http_req_form(req, "name_en");
		if (!nonempty(ref) || !nonempty(name_en)) {
			err_set(&e, ERR_INVALID,
				"a custom service needs a ref and an English name");
			return fail(req, resp, bp, &f, "custom", &e, 1);
		}
		rc = ops_service_add(bp->st, bp->o.name, bp->fw_id, ref, name_en,
				     nonempty(http_req_form(req, "name_ja")),
				     http_req_form(req, "category"),
				     nonempty(http_req_form(req, "clevel")), &e);
		if (rc)
			return fail(req, resp, bp, &f, "custom", &e, 1);
		return build_redirect(resp, bp, "catalogue", "custom", NULL, ref);
	}
	if (action && !strcmp(action, "preset")) {
		rc = apply_preset(req, bp, http_req_form(req, "preset"), &e);
		if (rc)
			return fail(req, resp, bp, &f, "preset", &e, 0);
		return build_redirect(resp, bp, "catalogue", "preset", NULL, NULL);
	}
	return http_error(req, resp, 400, "bad_action",
			  "the form's action must be 'levels', 'custom' or 'preset'");
}
