/*
 * page_catalogue_add.c - the catalogue page's forms that start or extend a
 * catalogue besides the level table: starter presets (shown while the
 * catalogue is empty) and a custom service under a category.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/level.h"
#include "report/html.h"
#include "web/pages/build_pages.h"
#include "web/pages/kit.h"
#include "web/pages/page_catalogue_int.h"

int cat_presets_section(struct http_req *req, struct buf *b, const struct build_page *bp,
			const char *action, const struct cat_state *st)
{
	enum lang lang = bp->lang;
	size_t i;

	if (!bp->fw->n_presets)
		return buf_status(b);
	html_raw(b, "<section aria-labelledby=\"presets\" class=\"presets\">");
	html_elem(b, "h2", tr(lang, MSG_WEB_BUILD_PRESETS), "id", "presets", (char *)NULL);
	html_elem(b, "p", tr(lang, MSG_WEB_BUILD_PRESETS_INTRO), (char *)NULL);
	if (st && !strcmp(st->form, "preset"))
		kit_notice(b, KIT_ERROR, st->message);
	html_raw(b, "<div class=\"grid\">");
	for (i = 0; i < bp->fw->n_presets; i++) {
		const struct preset *pr = &bp->fw->presets[i];
		const char *name = preset_name(pr, lang_code(lang));
		const char *desc = preset_description(pr, lang_code(lang));
		html_raw(b, "<div class=\"card\">");
		html_elem(b, "h3", name, (char *)NULL);
		if (desc)
			html_elem(b, "p", desc, (char *)NULL);
		html_fmt(b, "<p class=\"meta\">%s%zu</p>", tr(lang, MSG_WEB_BUILD_PRESET_SIZE),
			 pr->n_levels);
		html_open(b, "form", "method", "post", "action", action, (char *)NULL);
		web_csrf_field(req, b);
		kit_hidden(b, "action", "preset");
		kit_hidden(b, "preset", pr->id);
		html_raw(b, "<button type=\"submit\" class=\"primary\">");
		html_fmt(b, "%s%s%s%s", tr(lang, MSG_WEB_BUILD_APPLY_PRESET),
			 tr(lang, MSG_REPORT_PAREN_OPEN), name, tr(lang, MSG_REPORT_PAREN_CLOSE));
		html_raw(b, "</button></form></div>");
	}
	html_raw(b, "</div></section>\n");
	return buf_status(b);
}

int cat_custom_form(struct http_req *req, struct buf *b, const struct build_page *bp,
		    const char *action, const struct cat_state *st)
{
	enum lang lang = bp->lang;
	bool keep = st && st->keep && !strcmp(st->form, "custom");
	const char *sel_cat = keep ? http_req_form(req, "category") : NULL;
	const char *sel_lv = keep ? http_req_form(req, "clevel") : "standard";
	const char *invalid = st && !strcmp(st->form, "custom") ? "true" : NULL;
	char text[512];
	size_t i;

	html_raw(b, "<section aria-labelledby=\"custom\" id=\"add-custom\">");
	html_elem(b, "h2", tr(lang, MSG_WEB_BUILD_CUSTOM), "id", "custom", (char *)NULL);
	html_elem(b, "p", tr(lang, MSG_WEB_BUILD_CUSTOM_INTRO), (char *)NULL);
	if (invalid)
		kit_notice(b, KIT_ERROR, st->message);
	html_open(b, "form", "method", "post", "action", action, "class", "stack", (char *)NULL);
	web_csrf_field(req, b);
	kit_hidden(b, "action", "custom");
	html_raw(b, "<div>");
	html_elem(b, "label", tr(lang, MSG_WEB_BUILD_CUSTOM_REF), "for", "c-ref", (char *)NULL);
	html_elem(b, "span", tr(lang, MSG_WEB_BUILD_CUSTOM_REF_HINT), "class", "hint", "id",
		  "c-ref-hint", (char *)NULL);
	html_open(b, "input", "type", "text", "id", "c-ref", "name", "ref",
		  KIT_BOOL("required", true), "maxlength", "32", "pattern",
		  "[A-Za-z0-9._\\-]{1,32}", "aria-describedby", "c-ref-hint", "aria-invalid",
		  invalid, "value", keep ? http_req_form(req, "ref") : NULL, (char *)NULL);
	html_raw(b, "</div><div>");
	html_elem(b, "label", tr(lang, MSG_WEB_BUILD_CUSTOM_NAME_EN), "for", "c-en", (char *)NULL);
	html_open(b, "input", "type", "text", "id", "c-en", "name", "name_en",
		  KIT_BOOL("required", true), "maxlength", "200", "lang", "en", "value",
		  keep ? http_req_form(req, "name_en") : NULL, (char *)NULL);
	html_raw(b, "</div><div>");
	html_elem(b, "label", tr(lang, MSG_WEB_BUILD_CUSTOM_NAME_JA), "for", "c-ja", (char *)NULL);
	html_open(b, "input", "type", "text", "id", "c-ja", "name", "name_ja", "maxlength", "200",
		  "lang", "ja", "value", keep ? http_req_form(req, "name_ja") : NULL, (char *)NULL);
	html_raw(b, "</div><div>");
	html_elem(b, "label", tr(lang, MSG_CATEGORY), "for", "c-cat", (char *)NULL);
	html_raw(b, "<select id=\"c-cat\" name=\"category\">");
	for (i = 0; i < bp->fw->n_nodes; i++) {
		const struct fw_node *nd = &bp->fw->nodes[i];
		if (nd->parent >= 0 || framework_category_of(bp->fw, (int)i) != (int)i)
			continue;
		snprintf(text, sizeof(text), "%s %s", nd->ref_id, fw_node_name(nd, bp->lc));
		kit_option(b, nd->ref_id, text, sel_cat && !strcmp(sel_cat, nd->ref_id));
	}
	html_raw(b, "</select></div><div>");
	html_elem(b, "label", tr(lang, MSG_LEVEL), "for", "c-level", (char *)NULL);
	html_raw(b, "<select id=\"c-level\" name=\"clevel\">");
	cat_level_options(b, lang, sel_lv, 0, !assessment_has_sides(bp->fw->custom_assessment));
	html_raw(b, "</select></div><div>");
	html_elem(b, "button", tr(lang, MSG_WEB_BUILD_CUSTOM_ADD), "type", "submit", (char *)NULL);
	html_raw(b, "</div></form></section>\n");
	return buf_status(b);
}
