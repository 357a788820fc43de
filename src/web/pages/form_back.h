/*
 * form_back.h - the GET of a URL that only takes a form's POST.
 *
 * A form that fails is shown again, with what was typed and what is wrong,
 * at the URL it was posted to. Reloading that page later, opening it from
 * the history or a bookmark asks for the URL with GET: instead of "405 This
 * action is not available here", these handlers answer 303 See Other with
 * the page the form is on, where the caller's rights are checked as usual.
 * routes.c registers one GET route per POST-only form URL.
 */
#ifndef CDCF_WEB_PAGES_FORM_BACK_H
#define CDCF_WEB_PAGES_FORM_BACK_H

#include "web/http/http.h"

int page_back_account(struct http_req *req, struct http_resp *resp);	/* -> /account */
int page_back_org(struct http_req *req, struct http_resp *resp);	/* -> /o/{org} */
int page_back_settings(struct http_req *req, struct http_resp *resp);	/* -> .../settings */
int page_back_actions(struct http_req *req, struct http_resp *resp);	/* -> .../actions */
int page_back_evaluation(struct http_req *req, struct http_resp *resp); /* -> .../evaluation */
int page_back_users(struct http_req *req, struct http_resp *resp);	/* -> /admin/users */

#endif
