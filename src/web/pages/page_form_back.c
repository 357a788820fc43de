/*
 * page_form_back.c - the GET of a form's POST-only URL: the form's page
 * (form_back.h).
 */
#include "web/pages/form_back.h"

#include "util/buf.h"
#include "web/pages/kit.h"
#include "web/webctx.h"

int page_back_account(struct http_req *req, struct http_resp *resp)
{
	(void)req;
	return kit_see_other(resp, "/account");
}

int page_back_users(struct http_req *req, struct http_resp *resp)
{
	(void)req;
	return kit_see_other(resp, "/admin/users");
}

/* /o/{org}<rest>, or /o/{org}/p/{fw}/<tab> when tab is not NULL; an
 * organization the caller may not see answers 404 as its pages do. */
static int back(struct http_req *req, struct http_resp *resp, const char *rest, const char *tab)
{
	struct web_org o;
	struct buf url;
	const char *fw = http_req_param(req, "fw");
	int rc = web_org(req, ROLE_VIEWER, &o);

	if (rc)
		return rc;
	buf_init(&url, HTTP_MAX_PATH);
	if (tab && fw)
		kit_portfolio_url(&url, o.id, fw, tab);
	else
		kit_org_url(&url, o.id, rest);
	rc = buf_status(&url);
	if (!rc)
		rc = kit_see_other(resp, url.data);
	buf_release(&url);
	return rc;
}

int page_back_org(struct http_req *req, struct http_resp *resp)
{
	return back(req, resp, "", NULL);
}

int page_back_settings(struct http_req *req, struct http_resp *resp)
{
	return back(req, resp, "/settings", NULL);
}

int page_back_actions(struct http_req *req, struct http_resp *resp)
{
	return back(req, resp, "", "actions");
}

int page_back_evaluation(struct http_req *req, struct http_resp *resp)
{
	return back(req, resp, "", "evaluation#schedule");
}
