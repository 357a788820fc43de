/*
 * page_survey_file.c - a survey answered in a workbook (see page_survey_file.h).
 *
 * The download is report_survey_template_xlsx with the response's answers in
 * the request's language. The upload is one multipart form (the file field
 * "file", at most SURVEY_XLSX_FILE_MAX and the body ceiling) read and saved
 * by ops_survey_import_xlsx, all or none: a saved workbook leads back to the
 * form (303), which shows the answers; a refusal shows the upload form again
 * (400) with the message naming the cell. By link, no account is needed: the
 * form's CSRF token is the pre-session cookie's (web_form_token) as on the
 * link's form, the path is a secret path, and the answers are sent with
 * "Cache-Control: private, no-store" and "Referrer-Policy: no-referrer".
 */
#include "web/pages/page_survey_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n/i18n.h"
#include "ops/ops_survey.h"
#include "ops/survey_xlsx.h"
#include "report/html.h"
#include "report/survey_xlsx.h"
#include "store/store_survey.h"
#include "web/pages/kit.h"
#include "web/pages/page.h"
#include "web/webapp.h"
#include "web/webctx.h"

#define XLSX_TYPE "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

static const char *jstr_of(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : "";
}

static int private_headers(struct http_resp *resp)
{
	int rc = http_resp_header(resp, "Cache-Control", "private, no-store");

	if (!rc)
		rc = http_resp_header(resp, "Referrer-Policy", "no-referrer");
	return rc;
}

int survey_file_block(struct http_req *req, struct buf *b, const char *base, const char *form_token)
{
	enum lang lang = req->lang;
	char url[160], dl[192], up[192];
	const char *token = base ? NULL : form_token;

	if (!base && !token)
		return ERR_INTERNAL;
	if (base)
		snprintf(url, sizeof(url), "%s", base);
	else
		snprintf(url, sizeof(url), "/s/%s", http_req_param(req, "token"));
	snprintf(dl, sizeof(dl), "%s/answers.xlsx", url);
	snprintf(up, sizeof(up), "%s/upload", url);
	html_raw(b, "<section class=\"survey-file\">\n");
	html_elem(b, "h2", tr(lang, MSG_WEB_SXLSX_TITLE), (char *)NULL);
	html_elem(b, "p", tr(lang, MSG_WEB_SXLSX_HINT), "class", "hint", (char *)NULL);
	html_raw(b, "<p>");
	html_elem(b, "a", tr(lang, MSG_WEB_SXLSX_DOWNLOAD), "href", dl, "class", "button",
		  "download", "", (char *)NULL);
	html_raw(b, "</p>\n");
	html_open(b, "form", "method", "post", "action", up, "enctype", "multipart/form-data",
		  "class", "stack", (char *)NULL);
	if (token)
		kit_hidden(b, "csrf", token);
	else
		web_csrf_field(req, b);
	html_raw(b, "<div class=\"field\">");
	html_elem(b, "label", tr(lang, MSG_WEB_SXLSX_FILE), "for", "sx-file", (char *)NULL);
	html_open(b, "input", "type", "file", "id", "sx-file", "name", "file", "accept", ".xlsx",
		  "required", "required", (char *)NULL);
	html_raw(b, "</div>\n");
	kit_form_end(b, tr(lang, MSG_WEB_SXLSX_UPLOAD), "button");
	html_raw(b, "</section>\n");
	return buf_status(b);
}

/* The workbook of survey sid with response rid's answers (0: none). */
static int send_workbook(struct http_req *req, struct http_resp *resp, long long sid, long long rid)
{
	struct err e = ERR_INIT;
	struct buf out;
	int rc;

	buf_init(&out, 0);
	if (ops_survey_template_xlsx(web_store(req), sid, rid, req->lang, &out, &e)) {
		buf_release(&out);
		return http_fail(req, &e);
	}
	http_resp_text(resp, 200);
	resp->content_type = XLSX_TYPE;
	rc = buf_add(&resp->body, out.data, out.len);
	buf_release(&out);
	if (!rc)
		rc = http_resp_header(resp, "Content-Disposition",
				      "attachment; filename=\"survey-answers.xlsx\"");
	if (!rc)
		rc = private_headers(resp);
	return rc;
}

/* The upload form again with the refusal e (status from kit_form_status). */
static int refused(struct http_req *req, struct http_resp *resp, int status, long long sid,
		   const char *base, const char *back, const struct err *e)
{
	struct buf *b = &resp->body;
	struct err e2 = ERR_INIT;
	json_t *desc = NULL;
	int rc;

	if (ops_survey_describe(web_store(req), sid, lang_code(req->lang), &desc, &e2))
		return http_fail(req, &e2);
	page_begin(req, resp, status, jstr_of(desc, "name"));
	html_raw(b, "<section class=\"card survey\">\n");
	html_elem(b, "h1", jstr_of(desc, "name"), (char *)NULL);
	kit_error_notice(req, b, e);
	html_raw(b, "<p>");
	html_elem(b, "a", tr(req->lang, MSG_WEB_SXLSX_BACK), "href", back, (char *)NULL);
	html_raw(b, "</p>\n");
	rc = survey_file_block(req, b, base, base ? NULL : web_form_token(req, resp));
	html_raw(b, "</section>\n");
	json_decref(desc);
	if (!rc)
		rc = page_end(req, resp);
	if (!rc)
		rc = private_headers(resp);
	return rc;
}

/* The uploaded workbook, or a refusal in e. */
static int upload_of(struct http_req *req, const char **data, size_t *len, const char **name,
		     struct err *e)
{
	if (!req->upload.present || strcmp(req->upload.field, "file") || !req->upload.len)
		return err_fail(e, ERR_INVALID, "file", MSG_E_SXLSX_NO_FILE);
	if (req->upload.len > SURVEY_XLSX_FILE_MAX)
		return err_fail(e, ERR_TOO_LARGE, "file", MSG_E_SXLSX_NO_FILE);
	*data = req->upload.data;
	*len = req->upload.len;
	*name = *req->upload.filename ? req->upload.filename : "upload.xlsx";
	return 0;
}

/* ---- by link ---- */

int page_survey_link_xlsx(struct http_req *req, struct http_resp *resp)
{
	struct err e = ERR_INIT;
	long long sid, rid;

	if (ops_survey_link_find(web_store(req), http_req_param(req, "token"), &sid, &rid, &e))
		return http_fail(req, &e);
	return send_workbook(req, resp, sid, rid);
}

int page_survey_link_upload(struct http_req *req, struct http_resp *resp)
{
	struct store *st = web_store(req);
	const char *token = http_req_param(req, "token"), *data = NULL, *name = NULL;
	struct err e = ERR_INIT, fail = ERR_INIT;
	json_t *desc = NULL;
	char back[128];
	long long sid, rid;
	size_t len = 0;
	int rc, status;

	if (ops_survey_link_find(st, token, &sid, &rid, &e))
		return http_fail(req, &e);
	if (ops_survey_describe(st, sid, lang_code(req->lang), &desc, &e))
		return http_fail(req, &e);
	rc = upload_of(req, &data, &len, &name, &fail);
	if (!rc)
		rc = ops_survey_import_xlsx(
		    st, jstr_of(desc, "name"), NULL, token, http_req_form(req, "respondent"),
		    http_req_form(req, "respondent_org"), data, len, name, NULL, &fail);
	json_decref(desc);
	snprintf(back, sizeof(back), "/s/%s", token);
	if (!rc) {
		rc = http_redirect(resp, 303, back);
		return rc ? rc : private_headers(resp);
	}
	status = kit_form_status(&fail);
	if (!status)
		return http_fail(req, &fail);
	return refused(req, resp, status, sid, NULL, back, &fail);
}

/* ---- as a member of an invited organization ---- */

/* The organization (role at least min) and the survey of the path, when invited. */
static int org_survey(struct http_req *req, enum role min, struct web_org *o, long long *sid)
{
	struct err e = ERR_INIT;
	int rc = web_org(req, min, o);

	if (rc)
		return rc;
	*sid = strtoll(http_req_param(req, "id"), NULL, 10);
	if (*sid <= 0 || store_survey_invited(web_store(req), *sid, o->id, &e) != 1)
		return http_failf(req, ERR_NOT_FOUND, NULL, MSG_E_SURVEY_UNKNOWN_ID, *sid);
	return 0;
}

int page_survey_org_xlsx(struct http_req *req, struct http_resp *resp)
{
	struct err e = ERR_INIT;
	struct web_org o;
	json_t *desc = NULL;
	long long sid, rid = 0;
	int rc = org_survey(req, ROLE_VIEWER, &o, &sid);

	if (rc)
		return rc;
	if (ops_survey_describe(web_store(req), sid, lang_code(req->lang), &desc, &e))
		return http_fail(req, &e);
	if (ops_survey_org_response(web_store(req), jstr_of(desc, "name"), o.name, &rid, &e))
		rid = 0; /* not answered yet */
	json_decref(desc);
	return send_workbook(req, resp, sid, rid);
}

int page_survey_org_upload(struct http_req *req, struct http_resp *resp)
{
	struct store *st = web_store(req);
	struct err e = ERR_INIT, fail = ERR_INIT;
	const char *data = NULL, *name = NULL;
	struct web_org o;
	json_t *desc = NULL;
	char base[96];
	long long sid;
	size_t len = 0;
	int rc = org_survey(req, ROLE_EDITOR, &o, &sid), status;

	if (rc)
		return rc;
	if (ops_survey_describe(st, sid, lang_code(req->lang), &desc, &e))
		return http_fail(req, &e);
	rc = upload_of(req, &data, &len, &name, &fail);
	if (!rc) {
		web_store_actor(req);
		rc =
		    ops_survey_import_xlsx(st, jstr_of(desc, "name"), o.name, NULL,
					   web_user(req)->name, NULL, data, len, name, NULL, &fail);
	}
	json_decref(desc);
	snprintf(base, sizeof(base), "/o/%lld/surveys/%lld", o.id, sid);
	if (!rc)
		return http_redirect(resp, 303, base);
	status = kit_form_status(&fail);
	if (!status)
		return http_fail(req, &fail);
	return refused(req, resp, status, sid, base, base, &fail);
}
