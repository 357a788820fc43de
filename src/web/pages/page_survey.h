/*
 * page_survey.h - surveys across organizations on the web (page_survey.c):
 * the respondent's form by link (/s/{token}, no account) or as a member of
 * an invited organization (/o/{org}/surveys/{id}), and the coordinator's
 * pages (/surveys, /surveys/{id}: status, aggregates, exports, invitations
 * and links).
 */
#ifndef CDCF_WEB_PAGE_SURVEY_H
#define CDCF_WEB_PAGE_SURVEY_H

#include "web/http/http.h"

int page_survey_link(struct http_req *req, struct http_resp *resp);
int page_survey_link_post(struct http_req *req, struct http_resp *resp);
int page_survey_org(struct http_req *req, struct http_resp *resp);
int page_survey_org_post(struct http_req *req, struct http_resp *resp);
int page_surveys(struct http_req *req, struct http_resp *resp);
int page_surveys_post(struct http_req *req, struct http_resp *resp);
int page_survey_admin(struct http_req *req, struct http_resp *resp);
int page_survey_invite_post(struct http_req *req, struct http_resp *resp);
int page_survey_links_post(struct http_req *req, struct http_resp *resp);
int page_survey_close_post(struct http_req *req, struct http_resp *resp);
int page_survey_results_csv(struct http_req *req, struct http_resp *resp);
int page_survey_results_json(struct http_req *req, struct http_resp *resp);
int page_survey_results_xlsx(struct http_req *req, struct http_resp *resp);

#endif
