/*
 * page_admin_libs.c - frameworks and mapping sets of the installation, for
 * site administrators: the web side of `cdcf framework import [--dry-run]`
 * and `cdcf mapping import [--dry-run]`.
 *
 *   GET  /admin/frameworks   shipped and imported frameworks with their counts,
 *                            the upload form (CISO Assistant YAML, OSCAL JSON)
 *   POST /admin/frameworks   multipart with the file: ops_framework_import as a
 *                            dry run, what it would import with a confirm form,
 *                            or the refusal with its place, nothing saved;
 *                            urlencoded confirm: imported, 303 back with a notice
 *   GET  /admin/mappings     mapping sets (shipped, imported), the upload form
 *   POST /admin/mappings     the same for a CISO Assistant mapping library
 *
 * As on the portfolio import page (page_import.c), the confirm form carries
 * the uploaded bytes back in base64 (nothing is kept on the server between
 * the two steps), so an upload is at most LIB_UPLOAD_MAX; the confirm step
 * checks the bytes again through ops, like a fresh upload. Larger libraries
 * go through the command line (STORE_FRAMEWORK_MAX).
 */
#include "web/pages/page_admin_libs.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "io/catalog.h"
#include "ops/ops_coverage.h"
#include "ops/ops_interop.h"
#include "report/html.h"
#include "web/pages/kit.h"
#include "web/pages/page.h"
#include "web/webctx.h"

#define LIB_UPLOAD_MAX ((size_t)640 << 10) /* bytes: base64 fits HTTP_MAX_BODY */
#define LIB_URL_MAX 4096		   /* the redirect after an import */

_Static_assert(LIB_UPLOAD_MAX / 3 * 4 + 8192 < HTTP_MAX_BODY,
	       "the confirm form carries an upload within the request body ceiling");

enum lib_kind { LIB_FRAMEWORK, LIB_MAPPING };

static const struct lib_page {
	const char *url, *accept;
	enum admin_tab tab;
	enum msg_id title, intro, upload, hint, done;
} lib_pages[] = {
    [LIB_FRAMEWORK] = {"/admin/frameworks", ".yaml,.yml,.json", ADMIN_TAB_FRAMEWORKS,
		       MSG_AL_FRAMEWORKS, MSG_AL_FW_INTRO, MSG_AL_UPLOAD_FW, MSG_AL_FILE_HINT_FW,
		       MSG_AL_DONE_FW},
    [LIB_MAPPING] = {"/admin/mappings", ".yaml,.yml", ADMIN_TAB_MAPPINGS, MSG_AL_MAPPINGS,
		     MSG_AL_MAP_INTRO, MSG_AL_UPLOAD_MAP, MSG_AL_FILE_HINT_MAP, MSG_AL_DONE_MAP},
};

int page_admin_tabs(struct http_req *req, struct buf *b, enum admin_tab current)
{
	static const struct {
		const char *url;
		enum msg_id label;
	} tabs[ADMIN_TAB_COUNT] = {
	    {"/admin/users", MSG_WM_USERS},
	    {"/admin/frameworks", MSG_AL_FRAMEWORKS},
	    {"/admin/mappings", MSG_AL_MAPPINGS},
	};
	int t;

	html_open(b, "nav", "class", "tabs", "aria-label", tr(req->lang, MSG_AL_ADMIN),
		  (char *)NULL);
	html_raw(b, "<ul>");
	for (t = 0; t < ADMIN_TAB_COUNT; t++) {
		html_raw(b, "<li>");
		html_elem(b, "a", tr(req->lang, tabs[t].label), "href", tabs[t].url, "aria-current",
			  t == (int)current ? "page" : NULL, (char *)NULL);
		html_raw(b, "</li>");
	}
	html_raw(b, "</ul></nav>\n");
	return buf_status(b);
}

static const char *count(struct http_req *req, size_t n)
{
	char *s = http_req_alloc(req, 24);

	snprintf(s, 24, "%zu", n);
	return s;
}

/* The heading and the head of a list whose columns are cols (ended by MSG_COUNT); each
 * cell below says its column's name again (td's data-label) for a phone. */
static void table_begin(struct http_req *req, struct buf *b, enum msg_id heading,
			const enum msg_id *cols)
{
	html_elem(b, "h2", tr(req->lang, heading), (char *)NULL);
	html_raw(b, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"cards libraries\">"
		    "<thead><tr>");
	for (; *cols != MSG_COUNT; cols++)
		html_elem(b, "th", tr(req->lang, *cols), "scope", "col", (char *)NULL);
	html_raw(b, "</tr></thead>\n<tbody>\n");
}

static void td(struct buf *b, const char *label, const char *text, const char *cls)
{
	html_elem(b, "td", text, "data-label", label, "class", cls, (char *)NULL);
}

static void frameworks_table(struct http_req *req, struct buf *b)
{
	static const enum msg_id cols[] = {
	    MSG_AL_H_NAME,     MSG_AL_H_ID,	   MSG_AL_H_ORIGIN, MSG_AL_H_CATEGORIES,
	    MSG_AL_H_SERVICES, MSG_AL_H_FUNCTIONS, MSG_COUNT};
	enum lang lang = req->lang;
	size_t i, n = catalog_count();

	table_begin(req, b, MSG_AL_LIST_FW, cols);
	for (i = 0; i < n && !buf_status(b); i++) {
		const struct framework *fw = catalog_at(i);
		struct ops_library_summary sum = {0};

		if (!fw)
			break;
		ops_library_counts(fw, &sum);
		html_raw(b, "<tr>");
		html_elem(b, "th", framework_name(fw, lang_code(lang)), "scope", "row",
			  (char *)NULL);
		td(b, tr(lang, MSG_AL_H_ID), fw->id, "ref");
		td(b, tr(lang, MSG_AL_H_ORIGIN),
		   tr(lang, catalog_get_imported(fw->id) == fw ? MSG_AL_IMPORTED : MSG_AL_SHIPPED),
		   NULL);
		td(b, tr(lang, MSG_AL_H_CATEGORIES), count(req, sum.categories), "num");
		td(b, tr(lang, MSG_AL_H_SERVICES), count(req, sum.services), "num");
		td(b, tr(lang, MSG_AL_H_FUNCTIONS), count(req, sum.functions), "num");
		html_raw(b, "</tr>\n");
	}
	html_raw(b, "</tbody></table></div>\n");
}

static const char *set_name(enum lang lang, const struct mapping_set *m)
{
	return lang == LANG_JA && m->name_ja ? m->name_ja : m->name_en ? m->name_en : m->id;
}

static int mappings_table(struct http_req *req, struct buf *b)
{
	static const enum msg_id cols[] = {MSG_AL_H_NAME,  MSG_AL_H_SOURCE, MSG_AL_H_TARGET,
					   MSG_AL_H_PAIRS, MSG_AL_H_ORIGIN, MSG_COUNT};
	const struct mapping_set *const *sets;
	enum lang lang = req->lang;
	struct err e = ERR_INIT;
	size_t i, n;

	if (ops_mappings(&sets, &n, &e))
		return http_fail(req, &e);
	table_begin(req, b, MSG_AL_LIST_MAP, cols);
	for (i = 0; i < n && !buf_status(b); i++) {
		const struct mapping_set *m = sets[i];

		html_raw(b, "<tr>");
		html_elem(b, "th", set_name(lang, m), "scope", "row", (char *)NULL);
		td(b, tr(lang, MSG_AL_H_SOURCE), m->source_fw, NULL);
		td(b, tr(lang, MSG_AL_H_TARGET), m->target_fw, NULL);
		td(b, tr(lang, MSG_AL_H_PAIRS), count(req, m->n_rows), "num");
		td(b, tr(lang, MSG_AL_H_ORIGIN),
		   tr(lang, m->ours ? MSG_AL_SHIPPED : MSG_AL_IMPORTED), NULL);
		html_raw(b, "</tr>\n");
	}
	html_raw(b, "</tbody></table></div>\n");
	return 0;
}

static void upload_form(struct http_req *req, struct buf *b, const struct lib_page *lp)
{
	enum lang lang = req->lang;
	char kib[32];

	snprintf(kib, sizeof(kib), "%zu", LIB_UPLOAD_MAX >> 10);
	html_elem(b, "h2", tr(lang, lp->upload), "id", "upload", (char *)NULL);
	html_open(b, "form", "method", "post", "action", lp->url, "enctype", "multipart/form-data",
		  "class", "stack", "data-progress", "", "data-progress-text",
		  tr(lang, MSG_PROGRESS_PROCESSING), (char *)NULL);
	web_csrf_field(req, b);
	html_raw(b, "<div class=\"field\">");
	html_elem(b, "label", tr(lang, MSG_AL_FILE), "for", "lib-file", (char *)NULL);
	html_elem(b, "p", kit_tr(req, lp->hint, kib, NULL), "id", "lib-file-hint", "class", "hint",
		  (char *)NULL);
	html_open(b, "input", "type", "file", "id", "lib-file", "name", "file", "accept",
		  lp->accept, "required", "required", "aria-describedby", "lib-file-hint",
		  (char *)NULL);
	html_raw(b, "</div>\n");
	kit_form_end(b, tr(lang, MSG_AL_CHECK), NULL);
}

/* The page down to its heading and intro, with the notice of a done import. */
static void page_top(struct http_req *req, struct http_resp *resp, const struct lib_page *lp,
		     int status)
{
	struct buf *b = &resp->body;
	const char *done = http_req_query(req, "done");
	const char *id = http_req_query(req, "id");

	page_begin(req, resp, status, tr(req->lang, lp->title));
	page_admin_tabs(req, b, lp->tab);
	html_elem(b, "h1", tr(req->lang, lp->title), (char *)NULL);
	if (status == 200 && done && !strcmp(done, "imported") && id && *id)
		kit_notice(b, KIT_OK, kit_tr(req, lp->done, id, NULL));
	html_elem(b, "p", tr(req->lang, lp->intro), "class", "lead", (char *)NULL);
}

/* The list and the upload form, after whatever the page showed above them. */
static int page_rest(struct http_req *req, struct http_resp *resp, enum lib_kind kind)
{
	struct buf *b = &resp->body;
	int rc = 0;

	if (kind == LIB_FRAMEWORK)
		frameworks_table(req, b);
	else
		rc = mappings_table(req, b);
	if (rc)
		return rc;
	upload_form(req, b, &lib_pages[kind]);
	page_end(req, resp);
	return buf_status(b);
}

static int libs_page(struct http_req *req, struct http_resp *resp, enum lib_kind kind)
{
	int rc = page_site_admin_only(req);

	if (rc)
		return rc;
	if (!web_store(req)) /* registers what other processes imported meanwhile */
		return http_failf(req, ERR_INTERNAL, NULL, MSG_E_INTERNAL, "database");
	page_top(req, resp, &lib_pages[kind], 200);
	return page_rest(req, resp, kind);
}

int page_admin_frameworks(struct http_req *req, struct http_resp *resp)
{
	return libs_page(req, resp, LIB_FRAMEWORK);
}

int page_admin_mappings(struct http_req *req, struct http_resp *resp)
{
	return libs_page(req, resp, LIB_MAPPING);
}

/* The file the request carries: the upload, or the confirm form's copy. */
static int take_file(struct http_req *req, const char **name, const char **data, size_t *len,
		     int *confirm, struct err *e)
{
	const char *b64 = http_req_form(req, "data");
	char kib[32];

	snprintf(kib, sizeof(kib), "%zu", LIB_UPLOAD_MAX >> 10);
	*confirm = 0;
	*len = 0;
	if (req->upload.present && !strcmp(req->upload.field, "file")) {
		char *copy;

		*name = *req->upload.filename ? req->upload.filename : "upload";
		*len = req->upload.len;
		if (*len > LIB_UPLOAD_MAX)
			return err_fail(e, ERR_TOO_LARGE, "file", MSG_E_UPLOAD_TOO_LARGE, kib);
		copy = http_req_alloc(req, *len + 1); /* the parsers want a NUL after the text */
		memcpy(copy, req->upload.data, *len);
		*data = copy;
	} else if (b64 && http_req_form(req, "confirm")) {
		size_t n = strlen(b64), max = n / 4 * 3 + 3;
		unsigned char *bin;

		if (max > LIB_UPLOAD_MAX + 3)
			return err_fail(e, ERR_TOO_LARGE, "file", MSG_E_UPLOAD_TOO_LARGE, kib);
		bin = http_req_alloc(req, max + 1);
		if (sodium_base642bin(bin, max, b64, n, NULL, len, NULL,
				      sodium_base64_VARIANT_URLSAFE_NO_PADDING))
			return err_fail(e, ERR_INVALID, "file", MSG_E_AL_NO_FILE);
		*name = http_req_form(req, "filename");
		*name = *name && **name ? *name : "upload";
		*data = (const char *)bin;
		*confirm = 1;
	} else {
		return err_fail(e, ERR_INVALID, "file", MSG_E_AL_NO_FILE);
	}
	if (!*len)
		return err_fail(e, ERR_INVALID, "file", MSG_E_AL_NO_FILE);
	if (*len > LIB_UPLOAD_MAX)
		return err_fail(e, ERR_TOO_LARGE, "file", MSG_E_UPLOAD_TOO_LARGE, kib);
	return 0;
}

static void summary_row(struct buf *b, const char *label, const char *value)
{
	html_raw(b, "<tr>");
	html_elem(b, "th", label, "scope", "row", (char *)NULL);
	html_elem(b, "td", value, (char *)NULL);
	html_raw(b, "</tr>\n");
}

/* What the dry run read, and the form that imports it. */
static void would_import(struct http_req *req, struct buf *b, enum lib_kind kind, const char *name,
			 const char *data, size_t len, const struct ops_library_summary *s)
{
	enum lang lang = req->lang;
	size_t n = sodium_base64_encoded_len(len, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	char *b64 = http_req_alloc(req, n);
	const char *title = lang == LANG_JA && s->name_ja ? s->name_ja : s->name_en;

	html_raw(b, "<section aria-labelledby=\"would\" class=\"would-import\">");
	html_elem(b, "h2", kit_tr(req, MSG_AL_WOULD, name, NULL), "id", "would", (char *)NULL);
	html_raw(b, "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"summary\"><tbody>\n");
	summary_row(b, tr(lang, MSG_AL_H_ID), s->id);
	summary_row(b, tr(lang, MSG_AL_H_NAME), title ? title : "");
	summary_row(b, tr(lang, MSG_AL_H_FORMAT), s->format);
	if (kind == LIB_FRAMEWORK) {
		summary_row(b, tr(lang, MSG_AL_H_CATEGORIES), count(req, s->categories));
		summary_row(b, tr(lang, MSG_AL_H_SERVICES), count(req, s->services));
		summary_row(b, tr(lang, MSG_AL_H_FUNCTIONS), count(req, s->functions));
	} else {
		summary_row(b, tr(lang, MSG_AL_H_URN), s->urn);
		summary_row(b, tr(lang, MSG_AL_H_SOURCE), s->source_fw);
		summary_row(b, tr(lang, MSG_AL_H_TARGET), s->target_fw);
		summary_row(b, tr(lang, MSG_AL_H_PAIRS), count(req, s->pairs));
	}
	html_raw(b, "</tbody></table></div>\n");
	kit_notice(b, KIT_INFO, tr(lang, MSG_AL_NOTHING_YET));
	sodium_bin2base64(b64, n, (const unsigned char *)data, len,
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	kit_form_begin(req, b, lib_pages[kind].url, NULL);
	kit_hidden(b, "filename", name);
	kit_hidden(b, "data", b64);
	kit_hidden(b, "confirm", "1");
	kit_form_end(b, tr(lang, MSG_AL_CONFIRM), "primary");
	html_raw(b, "</section>\n");
}

static int libs_post(struct http_req *req, struct http_resp *resp, enum lib_kind kind)
{
	const struct lib_page *lp = &lib_pages[kind];
	struct ops_library_summary sum = {0};
	struct ops_actor who = web_actor(req, NULL);
	struct err e = ERR_INIT;
	struct store *st;
	struct buf url, *b = &resp->body;
	const char *name = NULL, *data = NULL;
	size_t len = 0;
	int confirm = 0, rc = page_site_admin_only(req);

	if (rc)
		return rc;
	st = web_store(req);
	if (!st)
		return http_failf(req, ERR_INTERNAL, NULL, MSG_E_INTERNAL, "database");
	web_store_actor(req);
	rc = take_file(req, &name, &data, &len, &confirm, &e);
	if (!rc)
		rc = kind == LIB_MAPPING
			 ? ops_mapping_import(st, &who, name, data, len, !confirm, &sum, &e)
			 : ops_framework_import(st, &who, name, data, len, !confirm, &sum, &e);
	if (rc && !kit_form_status(&e)) {
		ops_library_summary_release(&sum);
		return http_fail(req, &e);
	}
	if (rc) { /* refused: why and where, nothing saved */
		page_top(req, resp, lp, kit_form_status(&e));
		html_raw(b, "<div class=\"notice error\" role=\"alert\"><p>");
		html_text(b, tr(req->lang, MSG_AL_REFUSED));
		html_raw(b, "</p><ul>");
		{
			char text[ERR_MSG_MAX + ERR_WHERE_MAX + 64];
			html_elem(b, "li", err_text(&e, req->lang, text, sizeof(text)),
				  (char *)NULL);
		}
		html_raw(b, "</ul></div>\n");
		return page_rest(req, resp, kind);
	}
	if (confirm) {
		buf_init(&url, LIB_URL_MAX);
		buf_addstr(&url, lp->url);
		buf_addstr(&url, "?done=imported&id=");
		http_percent_encode(&url, kind == LIB_MAPPING ? sum.urn : sum.id);
		rc = buf_status(&url) ? buf_status(&url) : kit_see_other(resp, url.data);
		buf_release(&url);
		ops_library_summary_release(&sum);
		return rc;
	}
	page_top(req, resp, lp, 200);
	would_import(req, b, kind, name, data, len, &sum);
	ops_library_summary_release(&sum);
	return page_rest(req, resp, kind);
}

int page_admin_frameworks_post(struct http_req *req, struct http_resp *resp)
{
	return libs_post(req, resp, LIB_FRAMEWORK);
}

int page_admin_mappings_post(struct http_req *req, struct http_resp *resp)
{
	return libs_post(req, resp, LIB_MAPPING);
}
