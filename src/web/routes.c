/*
 * routes.c - the route table of `cdcf serve`, and what runs around every
 * handler: language choice, authentication, error pages.
 */
#include "web/routes.h"

#include <stdio.h>
#include <string.h>

#include "i18n/i18n.h"
#include "report/html.h"
#include "util/err.h"
#include "web/api/api.h"
#include "web/api/api_provider.h"
#include "web/http/assets.h"
#include "web/pages/build_pages.h"
#include "web/pages/form_back.h"
#include "web/pages/manage_pages.h"
#include "web/pages/page.h"
#include "web/pages/page_admin_libs.h"
#include "web/pages/page_group.h"
#include "web/pages/page_oscal.h"
#include "web/pages/page_mapping_export.h"
#include "web/pages/page_provider.h"
#include "web/pages/page_survey.h"
#include "web/pages/page_survey_file.h"
#include "web/webapp.h"

#define API HTTP_ROUTE_API
#define PUBLIC HTTP_ROUTE_PUBLIC
#define ORG "/api/v1/orgs/{org}"
#define PF ORG "/portfolios/{fw}"

/*
 * The one table, first match wins. Routes without PUBLIC need a signed-in
 * caller; POST routes carry no flag of their own: the before hook checks the
 * CSRF token of every state-changing request (before signing in, the
 * double-submit token of web_form_token).
 */
const struct http_route web_routes[] = {
    /* core */
    {"GET", "/", page_root, PUBLIC},
    {"GET", "/static/{file}", assets_handler, PUBLIC},
    {"GET", "/healthz", api_healthz, PUBLIC | API},
    {"GET", "/readyz", api_readyz, PUBLIC | API},
    {"GET", "/api/v1/openapi.json", api_openapi, PUBLIC | API},

    /* account: page_login.c, page_account.c */
    {"GET", "/login", page_login, PUBLIC},
    {"POST", "/login", page_login_post, PUBLIC},
    {"POST", "/logout", page_logout_post, 0},
    {"GET", "/setup/{token}", page_setup, PUBLIC | HTTP_ROUTE_SECRET_PATH},
    {"POST", "/setup/{token}", page_setup_post, PUBLIC | HTTP_ROUTE_SECRET_PATH},
    {"GET", "/account", page_account, 0},
    {"POST", "/account/password", page_account_password, 0},
    {"POST", "/account/lang", page_account_lang, 0},
    {"POST", "/account/tokens", page_account_token_create, 0},
    {"POST", "/account/tokens/{id}/revoke", page_account_token_revoke, 0},

    /* build: the X.1060 build process and the report (build_pages.h) */
    {"GET", "/o/{org}/p/{fw}/catalogue", page_catalogue, 0},
    {"POST", "/o/{org}/p/{fw}/catalogue", page_catalogue_post, 0},
    {"GET", "/o/{org}/p/{fw}/profile", page_profile, 0},
    {"POST", "/o/{org}/p/{fw}/profile", page_profile_post, 0},
    {"GET", "/o/{org}/p/{fw}/quadrant", page_quadrant, 0},
    {"POST", "/o/{org}/p/{fw}/quadrant", page_quadrant_post, 0},
    {"GET", "/o/{org}/p/{fw}/portfolio", page_portfolio, 0},
    {"POST", "/o/{org}/p/{fw}/portfolio", page_portfolio_post, 0},
    {"GET", "/o/{org}/p/{fw}/report", page_report, 0},
    {"GET", "/o/{org}/p/{fw}/download/{format}", page_download, 0},
    {"GET", "/o/{org}/p/{fw}/coverage", page_coverage, 0},
    {"GET", "/o/{org}/group/{fw}", page_group, 0},
    {"GET", "/o/{org}/group/{fw}/download/{format}", page_group_download, 0},
    {"GET", "/mappings/{source}/{file}", page_mapping_export, 0},
    {"GET", "/o/{org}/p/{fw}/oscal/{kind}", page_oscal, 0},
    {"GET", "/o/{org}/p/{fw}/import", page_import, 0},
    {"POST", "/o/{org}/p/{fw}/import", page_import_post, 0},

    /* manage: organizations, evaluation, administration (manage_pages.h) */
    {"GET", "/orgs", page_orgs, 0},
    {"POST", "/orgs", page_orgs_create, 0},
    {"GET", "/o/{org}", page_org, 0},
    {"POST", "/o/{org}/portfolios", page_org_portfolio_new, 0},
    {"GET", "/o/{org}/settings", page_settings, 0},
    {"POST", "/o/{org}/settings/teams", page_settings_team_add, 0},
    {"POST", "/o/{org}/settings/teams/{team}/rename", page_settings_team_rename, 0},
    {"POST", "/o/{org}/settings/teams/{team}/delete", page_settings_team_delete, 0},
    {"POST", "/o/{org}/settings/providers", page_settings_provider_add, 0},
    {"POST", "/o/{org}/settings/providers/{provider}/rename", page_settings_provider_rename, 0},
    {"POST", "/o/{org}/settings/providers/{provider}/delete", page_settings_provider_delete, 0},
    {"POST", "/o/{org}/settings/rename", page_settings_org_rename, 0},
    {"POST", "/o/{org}/settings/delete", page_settings_org_delete, 0},
    {"POST", "/o/{org}/settings/members", page_settings_member_set, 0},
    {"POST", "/o/{org}/settings/members/{user}/revoke", page_settings_member_revoke, 0},
    {"GET", "/o/{org}/audit", page_audit, 0},
    {"GET", "/o/{org}/audit.csv", page_audit_csv, 0},
    {"POST", "/o/{org}/children", page_org_child_add, 0},
    {"GET", "/o/{org}/export.json", page_org_export, 0},
    {"GET", "/o/{org}/p/{fw}/actions", page_actions, 0},
    {"POST", "/o/{org}/p/{fw}/actions", page_actions_add, 0},
    {"POST", "/o/{org}/p/{fw}/actions/{id}/status", page_action_status, 0},
    {"POST", "/o/{org}/p/{fw}/actions/{id}/edit", page_action_edit, 0},
    {"POST", "/o/{org}/p/{fw}/actions/{id}/delete", page_action_delete, 0},
    {"GET", "/o/{org}/p/{fw}/evaluation", page_evaluation, 0},
    {"POST", "/o/{org}/p/{fw}/evaluation", page_evaluation_close, 0},
    {"POST", "/o/{org}/p/{fw}/evaluation/schedule", page_evaluation_schedule, 0},
    {"GET", "/o/{org}/p/{fw}/cycles", page_cycles, 0},
    {"GET", "/o/{org}/p/{fw}/cycles/compare", page_cycles_compare, 0},
    {"GET", "/o/{org}/p/{fw}/cycles/{a}/diff/{b}", page_cycle_diff, 0},
    {"GET", "/my/actions", page_my_actions, 0},
    {"GET", "/admin/users", page_admin_users, 0},
    {"POST", "/admin/users", page_admin_user_add, 0},
    {"POST", "/admin/users/{id}", page_admin_user_update, 0},
    {"GET", "/admin/frameworks", page_admin_frameworks, 0},
    {"POST", "/admin/frameworks", page_admin_frameworks_post, 0},
    {"GET", "/admin/mappings", page_admin_mappings, 0},
    {"POST", "/admin/mappings", page_admin_mappings_post, 0},
    /* the GET of a form's POST-only URL: its page (form_back.h) */
    {"GET", "/account/password", page_back_account, 0},
    {"GET", "/account/lang", page_back_account, 0},
    {"GET", "/account/tokens", page_back_account, 0},
    {"GET", "/account/tokens/{id}/revoke", page_back_account, 0},
    {"GET", "/o/{org}/portfolios", page_back_org, 0},
    {"GET", "/o/{org}/settings/teams", page_back_settings, 0},
    {"GET", "/o/{org}/settings/teams/{team}/rename", page_back_settings, 0},
    {"GET", "/o/{org}/settings/teams/{team}/delete", page_back_settings, 0},
    {"GET", "/o/{org}/settings/providers", page_back_settings, 0},
    {"GET", "/o/{org}/settings/providers/{provider}/rename", page_back_settings, 0},
    {"GET", "/o/{org}/settings/providers/{provider}/delete", page_back_settings, 0},
    {"GET", "/o/{org}/settings/rename", page_back_settings, 0},
    {"GET", "/o/{org}/settings/delete", page_back_settings, 0},
    {"GET", "/o/{org}/settings/members", page_back_settings, 0},
    {"GET", "/o/{org}/settings/members/{user}/revoke", page_back_settings, 0},
    {"GET", "/o/{org}/p/{fw}/actions/{id}/status", page_back_actions, 0},
    {"GET", "/o/{org}/p/{fw}/actions/{id}/edit", page_back_actions, 0},
    {"GET", "/o/{org}/p/{fw}/actions/{id}/delete", page_back_actions, 0},
    {"GET", "/o/{org}/p/{fw}/evaluation/schedule", page_back_evaluation, 0},
    {"GET", "/admin/users/{id}", page_back_users, 0},

    /* the JSON API (api.h; openapi.c describes every row). Literal segments
     * come before {params} where both could match. */
    {"GET", "/healthz", api_healthz, PUBLIC | API},
    {"GET", "/readyz", api_readyz, PUBLIC | API},
    {"GET", "/api/v1/openapi.json", api_openapi, PUBLIC | API},
    {"GET", "/api/v1/me", api_me, API},
    {"GET", "/api/v1/frameworks", api_frameworks, API},
    {"GET", "/api/v1/frameworks/{fw}", api_framework, API},
    {"GET", "/api/v1/orgs", api_orgs, API},
    {"POST", "/api/v1/orgs", api_org_create, API},
    {"GET", ORG, api_org, API},
    {"PATCH", ORG, api_org_rename, API},
    {"DELETE", ORG, api_org_delete, API},
    {"POST", ORG "/teams", api_team_create, API},
    {"PATCH", ORG "/teams/{team}", api_team_rename, API},
    {"DELETE", ORG "/teams/{team}", api_team_delete, API},
    {"POST", ORG "/providers", api_provider_create, API},
    {"PATCH", ORG "/providers/{provider}", api_provider_rename, API},
    {"DELETE", ORG "/providers/{provider}", api_provider_delete, API},
    {"GET", ORG "/audit", api_audit, API},
    {"GET", ORG "/export", api_export, API},
    {"POST", ORG "/portfolios", api_portfolio_create, API},
    {"GET", PF, api_portfolio, API},
    {"PUT", PF "/schedule", api_schedule, API},
    {"PUT", PF "/positions/{ref}", api_position_put, API},
    {"DELETE", PF "/positions/{ref}", api_position_delete, API},
    {"GET", PF "/entries/{ref}", api_entry, API},
    {"PATCH", PF "/entries/{ref}", api_entry_patch, API},
    {"DELETE", PF "/entries/{ref}", api_entry_delete, API},
    {"POST", PF "/services", api_service_create, API},
    {"GET", PF "/report", api_report, API},
    {"GET", PF "/gaps", api_gaps, API},
    {"GET", PF "/actions", api_actions, API},
    {"POST", PF "/actions", api_action_create, API},
    {"PATCH", PF "/actions/{id}", api_action_patch, API},
    {"DELETE", PF "/actions/{id}", api_action_delete, API},
    {"GET", PF "/cycles", api_cycles, API},
    {"POST", PF "/evaluate", api_evaluate, API},
    {"GET", PF "/cycles/{a}/diff/{b}", api_diff, API},

    /* surveys across organizations (page_survey.c): a link's form needs no account */
    {"GET", "/s/{token}", page_survey_link, PUBLIC | HTTP_ROUTE_SECRET_PATH},
    {"POST", "/s/{token}", page_survey_link_post, PUBLIC | HTTP_ROUTE_SECRET_PATH},
    {"GET", "/o/{org}/surveys/{id}", page_survey_org, 0},
    {"POST", "/o/{org}/surveys/{id}", page_survey_org_post, 0},
    {"GET", "/surveys", page_surveys, 0},
    {"POST", "/surveys", page_surveys_post, 0},
    {"GET", "/surveys/{id}", page_survey_admin, 0},
    {"POST", "/surveys/{id}/invite", page_survey_invite_post, 0},
    {"POST", "/surveys/{id}/links", page_survey_links_post, 0},
    {"POST", "/surveys/{id}/close", page_survey_close_post, 0},
    {"GET", "/surveys/{id}/results.csv", page_survey_results_csv, 0},
    {"GET", "/surveys/{id}/results.json", page_survey_results_json, 0},
    {"GET", "/surveys/{id}/results.xlsx", page_survey_results_xlsx, 0},
    /* a survey answered in a workbook (page_survey_file.c) */
    {"GET", "/s/{token}/answers.xlsx", page_survey_link_xlsx, PUBLIC | HTTP_ROUTE_SECRET_PATH},
    {"POST", "/s/{token}/upload", page_survey_link_upload, PUBLIC | HTTP_ROUTE_SECRET_PATH},
    {"GET", "/o/{org}/surveys/{id}/answers.xlsx", page_survey_org_xlsx, 0},
    {"POST", "/o/{org}/surveys/{id}/upload", page_survey_org_upload, 0},

    /* the provider's view (page_provider.c): a client links and shares, the provider reads */
    {"POST", "/o/{org}/settings/providers/{provider}/link", page_settings_provider_link, 0},
    {"POST", "/o/{org}/settings/providers/{provider}/unlink", page_settings_provider_unlink, 0},
    {"POST", "/o/{org}/settings/providers/{provider}/share", page_settings_provider_share, 0},
    {"GET", "/o/{org}/clients", page_org_clients, 0},
    {"GET", "/o/{org}/clients/csv", page_org_clients_csv, 0},
    {"GET", "/o/{org}/settings/providers/{provider}/link", page_back_settings, 0},
    {"GET", "/o/{org}/settings/providers/{provider}/unlink", page_back_settings, 0},
    {"GET", "/o/{org}/settings/providers/{provider}/share", page_back_settings, 0},
    {"GET", ORG "/clients", api_org_clients, API},

    /* last: unknown API paths answer a JSON 404 (401 without credentials) */
    {"*", "/api/v1/{rest*}", api_unknown, API},
};

const size_t web_routes_count = sizeof(web_routes) / sizeof(web_routes[0]);

int page_root(struct http_req *req, struct http_resp *resp)
{
	return req->auth ? page_dashboard(req, resp) : page_home(req, resp);
}

/* Language: ?lang= (remembered in a cookie), else the cookie, else Accept-Language. */
static int choose_lang(struct http_req *req, struct http_resp *resp)
{
	const char *q = http_req_query(req, "lang");
	const char *c = http_req_cookie(req, WEB_LANG_COOKIE);
	int lang;

	if (q && (lang = lang_parse(q)) >= 0) {
		req->lang = lang;
		return http_resp_cookie(resp, req, WEB_LANG_COOKIE, lang_code(lang),
					WEB_LANG_COOKIE_AGE, 0);
	}
	if (c && (lang = lang_parse(c)) >= 0)
		req->lang = lang;
	return 0;
}

/* 303 to /login?next=<this path>, so the user comes back after signing in. */
static int redirect_to_login(struct http_req *req, struct http_resp *resp)
{
	struct buf loc;
	int rc;

	buf_init(&loc, HTTP_MAX_PATH * 3 + 32);
	buf_addstr(&loc, "/login?next=");
	http_percent_encode(&loc, req->path);
	rc = buf_status(&loc);
	if (!rc)
		rc = http_redirect(resp, 303, loc.data);
	buf_release(&loc);
	return rc;
}

/*
 * Answers a request for a route that needs a caller when there is none: 401
 * with WWW-Authenticate for the API, 303 to /login for a page. Returns 0 with
 * resp->status set, or the error writing it.
 */
static int answer_unauthenticated(struct http_req *req, struct http_resp *resp)
{
	int rc;

	if (!http_req_wants_json(req))
		return redirect_to_login(req, resp);
	rc = http_resp_header(resp, "WWW-Authenticate", "Bearer realm=\"cdcf\"");
	return rc ? rc
		  : http_json_error(resp, 401, "unauthenticated",
				    tr((enum lang)req->lang, MSG_WEB_E_UNAUTHENTICATED));
}

int web_before(struct http_req *req, struct http_resp *resp)
{
	const struct web_app *app = req->app;
	int rc, lang;

	rc = choose_lang(req, resp);
	if (rc)
		return rc;
	/* assets and the health check answer everybody alike: no database trip */
	if (req->route->handler == assets_handler || req->route->handler == api_healthz)
		return 0;
	if (app && app->authenticate) {
		rc = app->authenticate(req);
		if (rc)
			return rc;
		/* the user's setting replaced the cookie's choice; ?lang= still wins */
		if ((lang = lang_parse(http_req_query(req, "lang"))) >= 0)
			req->lang = lang;
	}
	if (!(req->route->flags & HTTP_ROUTE_PUBLIC) && !req->auth)
		return answer_unauthenticated(req, resp);
	/* without an auth layer there are no sessions, hence no tokens to check */
	return app && app->authenticate ? web_csrf_verify(req, resp) : 0;
}

static enum msg_id error_text(int status)
{
	switch (status) {
	case 400:
		return MSG_WEB_ERR_400;
	case 401:
		return MSG_WEB_ERR_401;
	case 403:
		return MSG_WEB_ERR_403;
	case 404:
		return MSG_WEB_ERR_404;
	case 405:
		return MSG_WEB_ERR_405;
	case 409:
		return MSG_WEB_ERR_409;
	case 413:
		return MSG_WEB_ERR_413;
	case 429:
		return MSG_WEB_ERR_429;
	case 500:
		return MSG_WEB_ERR_500;
	default:
		return MSG_WEB_ERR_OTHER;
	}
}

void web_error_page(struct http_req *req, struct http_resp *resp, int status, const char *message)
{
	const char *c = http_req_cookie(req, WEB_LANG_COOKIE);
	struct http_params query;
	char title[64];
	struct buf *b = &resp->body;
	int lang;

	if (c && (lang = lang_parse(c)) >= 0)
		req->lang = lang;
	/* the query may not have been parsed when routing failed: look for ?lang= here */
	http_params_init(&query);
	http_form_parse(req->query_string, strlen(req->query_string), &query);
	if ((lang = lang_parse(http_params_get(&query, "lang"))) >= 0)
		req->lang = lang;
	http_params_release(&query);
	snprintf(title, sizeof(title), "%d %s", status, tr(req->lang, MSG_WEB_ERR_TITLE));
	page_begin(req, resp, status, title);
	html_raw(b, "<section class=\"error\">\n");
	html_elem(b, "h1", tr(req->lang, error_text(status)), (char *)NULL);
	/* what the user got wrong (store and ops messages name the subject); never
	 * for 5xx, where the message is a technical detail kept for the log */
	if (message && *message && status >= 400 && status < 500 && status != 401 && status != 404)
		html_elem(b, "p", message, "class", "detail", (char *)NULL);
	html_fmt(b, "\n<p class=\"status\">%d %s</p>\n<p>", status, http_status_reason(status));
	html_elem(b, "a", tr(req->lang, MSG_WEB_BACK_HOME), "href", "/", (char *)NULL);
	html_raw(b, "</p>\n</section>\n");
	page_end(req, resp);
	if (buf_status(b)) { /* the page cannot be rendered: a bare status line still answers */
		http_resp_text(resp, status);
		buf_addstr(b, http_status_reason(status));
	}
}
