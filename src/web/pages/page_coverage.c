/*
 * page_coverage.c - how the portfolio covers another framework.
 *
 * GET /o/{org}/p/{fw}/coverage[?against=OTHER]: a form choosing a framework
 * that a shipped mapping relates to {fw}, then per service of OTHER its
 * coverage (covered, partly covered, not covered) with the mapped services
 * of the portfolio that justify it: relationship, state, figures and the
 * mapping's rationale. The rule is core/mapping.h's, applied by
 * coverage_build() to the portfolio the page loaded, as `cdcf coverage` does.
 */
#include <stdio.h>
#include <string.h>

#include "core/score.h"
#include "ops/ops_coverage.h"
#include "report/html.h"
#include "web/pages/build_pages.h"
#include "web/pages/kit.h"
#include "web/pages/nav.h"
#include "web/pages/page.h"
#include "web/pages/page_mapping_export.h"

/* The framework on the other side of m from fw. */
static const char *other_side(const struct mapping_set *m, const char *fw)
{
	return strcmp(m->source_fw, fw) ? m->source_fw : m->target_fw;
}

static void choose_form(struct http_req *req, struct buf *b, const struct build_page *bp,
			const char *against)
{
	const struct mapping_set *const *sets;
	const struct framework *o;
	enum lang lang = bp->lang;
	size_t n, i, shown = 0;

	if (ops_mappings(&sets, &n, NULL))
		n = 0;
	html_open(b, "form", "method", "get", "action", build_url(req, bp, "coverage"), "class",
		  "toolbar", (char *)NULL);
	html_raw(b, "<div>");
	html_elem(b, "label", tr(lang, MSG_COVERAGE_AGAINST), "for", "c-against", (char *)NULL);
	html_raw(b, "<select id=\"c-against\" name=\"against\">");
	for (i = 0; i < n; i++) {
		const char *id = other_side(sets[i], bp->fw_id);
		if (strcmp(sets[i]->source_fw, bp->fw_id) && strcmp(sets[i]->target_fw, bp->fw_id))
			continue;
		if (ops_framework(id, &o, NULL))
			continue;
		kit_option(b, id, framework_name(o, bp->lc), against && !strcmp(against, id));
		shown++;
	}
	html_raw(b, "</select></div><div>");
	html_elem(b, "button", tr(lang, MSG_COVERAGE_SHOW), "type", "submit", (char *)NULL);
	html_raw(b, "</div></form>\n");
	if (!shown)
		html_elem(b, "p", tr(lang, MSG_COVERAGE_NO_MAPPINGS), "class", "empty",
			  (char *)NULL);
}

/* A download link for each mapping set relating the portfolio's framework:
 * the CISO Assistant library of `cdcf mapping export`. */
static void mapping_downloads(struct http_req *req, struct buf *b, const struct build_page *bp)
{
	const struct mapping_set *const *sets;
	const struct framework *fs, *ft;
	struct buf url;
	size_t n, i, shown = 0;

	if (ops_mappings(&sets, &n, NULL))
		return;
	buf_init(&url, HTTP_MAX_PATH * 3);
	for (i = 0; i < n; i++) {
		const struct mapping_set *m = sets[i];
		if (strcmp(m->source_fw, bp->fw_id) && strcmp(m->target_fw, bp->fw_id))
			continue;
		if (ops_framework(m->source_fw, &fs, NULL) ||
		    ops_framework(m->target_fw, &ft, NULL))
			continue;
		buf_reset(&url);
		if (page_mapping_export_url(&url, m))
			continue;
		html_raw(b, shown++ ? "<li>" : "<ul class=\"downloads\"><li>");
		html_open(b, "a", "href", url.data, "download", "", (char *)NULL);
		html_text(b, kit_tr(req, MSG_COVERAGE_MAP_DOWNLOAD, framework_name(fs, bp->lc),
				    framework_name(ft, bp->lc)));
		html_raw(b, "</a></li>");
	}
	if (shown)
		html_raw(b, "</ul>\n");
	buf_release(&url);
}

static void source_item(struct buf *b, const struct build_page *bp, const struct coverage_source *s)
{
	enum lang lang = bp->lang;
	int k = framework_find(bp->fw, s->ref);
	char figures[64];

	html_fmt(b, "<li><span class=\"ref\">%s</span> %s: %s, %s", s->ref,
		 k < 0 ? "" : fw_node_name(&bp->fw->nodes[k], bp->lc),
		 tr(lang, ops_cover_rel_word[s->rel]), tr(lang, ops_cover_state_word[s->state]));
	if (s->has_figures) { /* figures as the CLI prints them */
		snprintf(figures, sizeof(figures), "%g \xE2\x86\x92 %g", score_round(s->current),
			 score_round(s->target));
		html_fmt(b, " (%s)", figures);
	}
	html_fmt(b, "<br><span class=\"hint\" lang=\"en\">%s</span></li>", s->rationale);
}

static void coverage_table(struct buf *b, const struct build_page *bp, const struct coverage *cov,
			   const struct mapping_set *m)
{
	enum lang lang = bp->lang;
	size_t i, k;

	html_fmt(b, "<p class=\"note\">%s</p>\n", tr(lang, MSG_COVERAGE_RULE));
	html_elem(b, "p", lang == LANG_JA && m->name_ja ? m->name_ja : m->name_en, "class", "meta",
		  (char *)NULL);
	html_raw(b, "<ul class=\"coverage-totals\">");
	for (i = COVER_STATUS_COUNT; i-- > 0;)
		html_fmt(b, "<li>%s: <strong>%zu</strong></li>", tr(lang, ops_cover_status_word[i]),
			 cov->count[i]);
	html_raw(b, "</ul>\n");
	html_fmt(b,
		 "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"coverage\"><thead><tr>"
		 "<th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		 "</tr></thead><tbody>\n",
		 tr(lang, MSG_SERVICE), tr(lang, MSG_COVERAGE_STATUS),
		 tr(lang, MSG_COVERAGE_SOURCES));
	for (i = 0; i < cov->n_nodes; i++) {
		const struct coverage_node *n = &cov->nodes[i];
		const struct fw_node *fn = &cov->other->nodes[n->node];
		html_fmt(b,
			 "<tr class=\"%s\"><th scope=\"row\"><span class=\"ref\">%s</span> %s</th>",
			 coverage_status_name(n->status), fn->ref_id, fw_node_name(fn, bp->lc));
		html_fmt(b, "<td data-label=\"%s\">%s</td><td data-label=\"%s\">",
			 tr(lang, MSG_COVERAGE_STATUS), tr(lang, ops_cover_status_word[n->status]),
			 tr(lang, MSG_COVERAGE_SOURCES));
		if (!n->n_sources)
			html_text(b, tr(lang, MSG_COVER_NO_MAPPING));
		else
			html_raw(b, "<ul>");
		for (k = 0; k < n->n_sources; k++)
			source_item(b, bp, &n->sources[k]);
		html_raw(b, n->n_sources ? "</ul></td></tr>\n" : "</td></tr>\n");
	}
	html_raw(b, "</tbody></table></div>\n");
}

int page_coverage(struct http_req *req, struct http_resp *resp)
{
	const char *against = http_req_query(req, "against");
	const struct mapping_set *m = NULL;
	const struct framework *other = NULL;
	struct coverage cov = {0};
	struct err e = ERR_INIT;
	struct build_page *bp;
	struct buf *b = &resp->body;
	int rc = build_open(req, ROLE_VIEWER, &bp);

	if (rc)
		return rc;
	if (against && *against &&
	    (ops_framework(against, &other, &e) || ops_mapping_between(bp->fw_id, against, &m, &e)))
		return http_fail(req, &e);
	if (m && coverage_build(&cov, &bp->p, other, m))
		return http_failf(req, ERR_NOT_FOUND, "against", MSG_E_NO_MAPPING, bp->fw_id,
				  against);
	page_begin(req, resp, 200, tr(bp->lang, MSG_COVERAGE_PAGE_TITLE));
	web_portfolio_nav(req, b, &bp->o, bp->fw_id, TAB_REPORT);
	html_elem(b, "h1", tr(bp->lang, MSG_COVERAGE_PAGE_TITLE), (char *)NULL);
	html_elem(b, "p", tr(bp->lang, MSG_COVERAGE_PAGE_INTRO), "class", "note", (char *)NULL);
	choose_form(req, b, bp, against);
	mapping_downloads(req, b, bp);
	if (m) {
		html_raw(b, "<section aria-labelledby=\"coverage\">");
		html_fmt(b, "<h2 id=\"coverage\">%s</h2>\n", framework_name(other, bp->lc));
		coverage_table(b, bp, &cov, m);
		html_raw(b, "</section>\n");
	}
	coverage_release(&cov);
	page_end(req, resp);
	return buf_status(b);
}
