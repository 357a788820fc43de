/*
 * page_survey_file.h - a survey answered in a workbook on the web: the Excel
 * template downloaded pre-filled and a filled one uploaded, by link
 * (/s/{token}/answers.xlsx, /s/{token}/upload) or as an invited
 * organization's member (/o/{org}/surveys/{id}/answers.xlsx, .../upload).
 */
#ifndef CDCF_PAGE_SURVEY_FILE_H
#define CDCF_PAGE_SURVEY_FILE_H

#include "util/buf.h"
#include "web/http/http.h"

int page_survey_link_xlsx(struct http_req *req, struct http_resp *resp);
int page_survey_link_upload(struct http_req *req, struct http_resp *resp);
int page_survey_org_xlsx(struct http_req *req, struct http_resp *resp);
int page_survey_org_upload(struct http_req *req, struct http_resp *resp);

/* The respondent's form's block "Answer in a workbook": the download link and
 * the upload form. base is the form's page ("/o/1/surveys/2"), NULL for a
 * link's page (the path's token), whose form_token (web_form_token, got once
 * per response) the upload form carries; the session's otherwise. */
int survey_file_block(struct http_req *req, struct buf *b, const char *base,
		      const char *form_token);

#endif
