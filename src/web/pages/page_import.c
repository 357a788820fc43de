/*
 * page_import.c - a portfolio edited outside cdcf, uploaded and applied:
 * the web side of `cdcf import FILE.xlsx|FILE.csv [--dry-run]`.
 *
 *   GET  /o/{org}/p/{fw}/import   the upload form (editor and up)
 *   POST /o/{org}/p/{fw}/import   multipart with the file: ops_import as a dry run,
 *                                 the changes listed (service, field, now -> after)
 *                                 with a confirm form, or every refusal with its
 *                                 sheet/row/column (or line:column), nothing saved
 *                                 urlencoded confirm: ops_import applied, 303 to the
 *                                 portfolio with the saved notice
 *
 * The file between the two steps: the confirm form carries the uploaded
 * bytes back, base64 (URL-safe, so the urlencoded body does not grow) in a
 * hidden field, which is why an upload is at most IMPORT_UPLOAD_MAX. Nothing
 * is kept on the server, so there is nothing to expire or leak between
 * sessions. Tampering with the field gains nothing: the confirm step reads
 * and checks the bytes again through ops_import, with the caller's role and
 * the row versions as the optimistic lock, exactly like a fresh upload. A
 * file naming another organization or framework (sheet About) is refused.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "io/portfolio_import.h"
#include "ops/ops_import.h"
#include "report/html.h"
#include "web/pages/build_pages.h"
#include "web/pages/kit.h"
#include "web/pages/nav.h"
#include "web/pages/page.h"

#define IMPORT_UPLOAD_MAX ((size_t)640 << 10) /* bytes: base64 fits HTTP_MAX_BODY */

_Static_assert(IMPORT_UPLOAD_MAX / 3 * 4 + 8192 < HTTP_MAX_BODY,
	       "the confirm form carries an upload within the request body ceiling");

static const enum msg_id headings[PCOL_COUNT] = {
    MSG_IMPORT_H_REF,	      MSG_IMPORT_H_NAME,       MSG_IMPORT_H_CATEGORY,
    MSG_IMPORT_H_LEVEL,	      MSG_IMPORT_H_ASSIGNMENT, MSG_IMPORT_H_TEAM,
    MSG_IMPORT_H_PROVIDER,    MSG_IMPORT_H_IN_CURRENT, MSG_IMPORT_H_IN_TARGET,
    MSG_IMPORT_H_OUT_CURRENT, MSG_IMPORT_H_OUT_TARGET, MSG_IMPORT_H_NOTE,
    MSG_IMPORT_H_VERSION,
};

static void upload_form(struct http_req *req, struct buf *b, const struct build_page *bp)
{
	enum lang lang = bp->lang;
	char kib[32];

	snprintf(kib, sizeof(kib), "%zu", IMPORT_UPLOAD_MAX >> 10);
	html_open(b, "form", "method", "post", "action", build_url(req, bp, "import"), "enctype",
		  "multipart/form-data", "data-progress", "", "data-progress-text",
		  tr(lang, MSG_PROGRESS_PROCESSING), (char *)NULL);
	web_csrf_field(req, b);
	html_raw(b, "<div class=\"field\">");
	html_elem(b, "label", tr(lang, MSG_UPLOAD_FILE), "for", "i-file", (char *)NULL);
	html_elem(b, "p", kit_tr(req, MSG_UPLOAD_FILE_HINT, kib, NULL), "id", "i-file-hint",
		  "class", "hint", (char *)NULL);
	html_open(b, "input", "type", "file", "id", "i-file", "name", "file", "accept",
		  ".xlsx,.csv", "required", "required", "aria-describedby", "i-file-hint",
		  (char *)NULL);
	html_raw(b, "</div>\n");
	kit_form_end(b, tr(lang, MSG_UPLOAD_CHECK), NULL);
}

/* The column of a change as the workbook heads it: a portfolio column, or an action's
 * field ("action.owner") under the Actions sheet's heading. */
static const char *input_label(enum lang lang, const char *input)
{
	static const struct {
		const char *input;
		enum msg_id heading;
	} action_fields[] = {{"action.title", MSG_ACTION},
			     {"action.owner", MSG_OWNER},
			     {"action.due", MSG_DUE},
			     {"action.target", MSG_TARGET},
			     {"action.status", MSG_STATUS}};
	int c = pcol_parse(input);
	size_t i;

	for (i = 0; c < 0 && i < sizeof(action_fields) / sizeof(action_fields[0]); i++)
		if (!strcmp(input, action_fields[i].input))
			return tr(lang, action_fields[i].heading);
	return c < 0 ? input : tr(lang, headings[c]);
}

static void changes_table(struct http_req *req, struct buf *b, const struct build_page *bp,
			  const struct ops_import_result *res)
{
	enum lang lang = bp->lang;
	const char *empty = tr(lang, MSG_UPLOAD_EMPTY);
	size_t i;

	html_fmt(b,
		 "<div class=\"table-wrap\" tabindex=\"0\"><table class=\"import-changes\"><thead>"
		 "<tr><th scope=\"col\">%s</th><th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		 "<th scope=\"col\">%s</th></tr></thead><tbody>\n",
		 tr(lang, MSG_SERVICE), tr(lang, MSG_UPLOAD_FIELD), tr(lang, MSG_UPLOAD_WAS),
		 tr(lang, MSG_UPLOAD_NOW));
	for (i = 0; i < res->n; i++) {
		const struct ops_import_change *c = &res->v[i];
		html_fmt(b, "<tr><th scope=\"row\">%s</th>",
			 build_service_title(req, &bp->p, c->ref));
		html_fmt(b, "<td data-label=\"%s\">%s</td>", tr(lang, MSG_UPLOAD_FIELD),
			 input_label(lang, c->input));
		html_fmt(b, "<td data-label=\"%s\">%s</td>", tr(lang, MSG_UPLOAD_WAS),
			 *c->was ? c->was : empty);
		html_fmt(b, "<td data-label=\"%s\">%s</td></tr>\n", tr(lang, MSG_UPLOAD_NOW),
			 *c->now ? c->now : empty);
	}
	html_raw(b, "</tbody></table></div>\n");
}

static void confirm_form(struct http_req *req, struct buf *b, const struct build_page *bp,
			 const char *name, const unsigned char *data, size_t len)
{
	size_t n = sodium_base64_encoded_len(len, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	char *b64 = http_req_alloc(req, n);

	sodium_bin2base64(b64, n, data, len, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	kit_form_begin(req, b, build_url(req, bp, "import"), NULL);
	kit_hidden(b, "filename", name);
	kit_hidden(b, "data", b64);
	kit_hidden(b, "confirm", "1");
	kit_form_end(b, tr(bp->lang, MSG_UPLOAD_APPLY), NULL);
}

static void problems_notice(struct http_req *req, struct buf *b, const struct build_page *bp,
			    const struct err *first, const struct ops_import_result *res)
{
	char num[32], text[ERR_MSG_MAX + ERR_WHERE_MAX + 64];
	size_t i, n = res ? res->n_problems : 0;

	snprintf(num, sizeof(num), "%zu", n ? n : 1);
	html_raw(b, "<div class=\"notice error\" role=\"alert\"><p>");
	html_text(b, n > 1 ? kit_tr(req, MSG_UPLOAD_REFUSED, num, NULL)
			   : tr(bp->lang, MSG_UPLOAD_REFUSED_ONE));
	html_raw(b, "</p><ul>");
	if (!n)
		html_elem(b, "li", err_text(first, bp->lang, text, sizeof(text)), (char *)NULL);
	for (i = 0; i < n; i++)
		html_elem(b, "li", err_text(&res->problems[i], bp->lang, text, sizeof(text)),
			  (char *)NULL);
	html_raw(b, "</ul></div>\n");
}

static void page_top(struct http_req *req, struct http_resp *resp, const struct build_page *bp,
		     int status)
{
	struct buf *b = &resp->body;

	page_begin(req, resp, status, tr(bp->lang, MSG_UPLOAD_TITLE));
	web_portfolio_nav(req, b, &bp->o, bp->fw_id, TAB_REPORT);
	html_elem(b, "h1", tr(bp->lang, MSG_UPLOAD_TITLE), (char *)NULL);
}

int page_import(struct http_req *req, struct http_resp *resp)
{
	struct build_page *bp;
	int rc = build_open(req, ROLE_EDITOR, &bp);

	if (rc)
		return rc;
	page_top(req, resp, bp, 200);
	html_elem(&resp->body, "p", tr(bp->lang, MSG_UPLOAD_INTRO), "class", "note", (char *)NULL);
	upload_form(req, &resp->body, bp);
	page_end(req, resp);
	return buf_status(&resp->body);
}

/* The file the request carries: the upload, or the confirm form's copy. */
static int take_file(struct http_req *req, const char **name, const unsigned char **data,
		     size_t *len, int *confirm, struct err *e)
{
	const char *b64 = http_req_form(req, "data");
	char kib[32];

	snprintf(kib, sizeof(kib), "%zu", IMPORT_UPLOAD_MAX >> 10);
	*confirm = 0;
	if (req->upload.present && !strcmp(req->upload.field, "file")) {
		*name = *req->upload.filename ? req->upload.filename : "upload";
		*data = (const unsigned char *)req->upload.data;
		*len = req->upload.len;
	} else if (b64 && http_req_form(req, "confirm")) {
		size_t n = strlen(b64), max = n / 4 * 3 + 3;
		unsigned char *bin;
		if (max > IMPORT_UPLOAD_MAX + 3)
			return err_fail(e, ERR_TOO_LARGE, "file", MSG_E_UPLOAD_TOO_LARGE, kib);
		bin = http_req_alloc(req, max + 1);
		if (sodium_base642bin(bin, max, b64, n, NULL, len, NULL,
				      sodium_base64_VARIANT_URLSAFE_NO_PADDING))
			return err_fail(e, ERR_INVALID, "file", MSG_E_UPLOAD_NO_FILE);
		*name = http_req_form(req, "filename");
		*name = *name && **name ? *name : "upload";
		*data = bin;
		*confirm = 1;
	} else
		return err_fail(e, ERR_INVALID, "file", MSG_E_UPLOAD_NO_FILE);
	if (!*len)
		return err_fail(e, ERR_INVALID, "file", MSG_E_UPLOAD_NO_FILE);
	if (*len > IMPORT_UPLOAD_MAX)
		return err_fail(e, ERR_TOO_LARGE, "file", MSG_E_UPLOAD_TOO_LARGE, kib);
	return 0;
}

/* Read the file as a workbook or CSV, for this portfolio only. */
static int read_file(const struct build_page *bp, const char *name, const unsigned char *data,
		     size_t len, struct portfolio_import *in, struct err *e)
{
	int kind = portfolio_import_kind(name, (const char *)data, len);

	memset(in, 0, sizeof(*in));
	if (kind == 1	? portfolio_import_read_xlsx(data, len, name, in, e)
	    : kind == 2 ? portfolio_import_read_csv((const char *)data, len, name, in, e)
			: err_fail(e, ERR_INVALID, "file", MSG_E_UPLOAD_KIND, name))
		return -1;
	if (in->org && strcmp(in->org, bp->o.name))
		err_fail(e, ERR_INVALID, "org", MSG_E_UPLOAD_OTHER_ORG, name, in->org, bp->o.name);
	else if (in->framework && strcmp(in->framework, bp->fw_id))
		err_fail(e, ERR_INVALID, "framework", MSG_E_UPLOAD_OTHER_FW, name, in->framework,
			 bp->fw_id);
	else
		return 0;
	portfolio_import_release(in);
	return -1;
}

int page_import_post(struct http_req *req, struct http_resp *resp)
{
	struct ops_import_result res = {0};
	struct portfolio_import in;
	struct err e = ERR_INIT;
	struct build_page *bp;
	struct buf *b = &resp->body;
	const unsigned char *data = NULL;
	const char *name = NULL;
	size_t len = 0;
	int confirm = 0, rc = build_open(req, ROLE_EDITOR, &bp), read = 0, status;
	char n1[32], n2[32];

	if (rc)
		return rc;
	if (take_file(req, &name, &data, &len, &confirm, &e) ||
	    read_file(bp, name, data, len, &in, &e))
		goto refused;
	read = 1;
	rc = ops_import(bp->st, &bp->who, bp->o.name, bp->fw_id, &in, !confirm, &res, &e);
	if (rc && !err_is_user(e.code)) {
		ops_import_result_release(&res);
		portfolio_import_release(&in);
		return http_fail(req, &e);
	}
	if (rc)
		goto refused;
	if (confirm) {
		snprintf(n1, sizeof(n1), "&n=%zu", res.n);
		rc = build_redirect(resp, bp, "portfolio", res.n ? "saved" : "nochange",
				    res.n ? n1 : NULL, NULL);
		goto out;
	}
	page_top(req, resp, bp, 200);
	html_fmt(b, "<section aria-labelledby=\"changes\"><h2 id=\"changes\">%s</h2>\n",
		 kit_tr(req, MSG_UPLOAD_CHANGES, name, NULL));
	if (!res.n) {
		kit_notice(b, KIT_INFO, tr(bp->lang, MSG_UPLOAD_NO_CHANGES));
	} else {
		snprintf(n1, sizeof(n1), "%zu", res.entries);
		snprintf(n2, sizeof(n2), "%zu", res.n);
		html_elem(b, "p", kit_tr(req, MSG_UPLOAD_COUNT, n1, n2), (char *)NULL);
		changes_table(req, b, bp, &res);
		confirm_form(req, b, bp, name, data, len);
	}
	html_raw(b, "</section>\n");
	html_elem(b, "h2", tr(bp->lang, MSG_UPLOAD_TITLE), (char *)NULL);
	upload_form(req, b, bp);
	page_end(req, resp);
	rc = buf_status(b);
	goto out;
refused:
	status = kit_form_status(&e);
	page_top(req, resp, bp, status);
	problems_notice(req, b, bp, &e, read ? &res : NULL);
	upload_form(req, b, bp);
	page_end(req, resp);
	rc = buf_status(b);
out:
	if (read) {
		ops_import_result_release(&res);
		portfolio_import_release(&in);
	}
	return rc;
}
