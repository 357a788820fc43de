/*
 * nav.h - the navigation shared by the pages of one portfolio:
 * breadcrumb (organization > framework) and the tabs that follow X.1060's
 * cycle: 1 Catalogue, 2 Profile, 3 Portfolio, Report, Actions, Evaluation.
 *
 * URL scheme (every page of the web application):
 *   /                                   dashboard (signed in) or landing page
 *   /orgs                               organizations (site admins create them here)
 *   /o/{org}                            organization overview ({org} = numeric id)
 *   /o/{org}/settings                   teams, providers, members
 *   /o/{org}/audit                      audit log
 *   /o/{org}/export.json                JSON archive of the organization
 *   /o/{org}/p/{fw}/catalogue           1. catalogue ({fw} = framework id)
 *   /o/{org}/p/{fw}/profile             2. profile (assignments, quadrant chart)
 *   /o/{org}/p/{fw}/portfolio           3. portfolio (scores with rubric choices)
 *   /o/{org}/p/{fw}/report              table, gaps, charts, downloads
 *   /o/{org}/p/{fw}/download/{format}   text md csv json html
 *   /o/{org}/p/{fw}/actions             management: improvement actions
 *   /o/{org}/p/{fw}/evaluation          evaluation questions, diff, close the cycle
 *   /o/{org}/p/{fw}/cycles              history and trend across cycles
 *   /o/{org}/p/{fw}/cycles/{a}/diff/{b} what changed between two cycles
 *   /my/actions                         the signed-in user's actions
 *   /admin/users                        users and memberships (site admins)
 *   /account, /login, /logout, /setup/{token}
 */
#ifndef CDCF_WEB_NAV_H
#define CDCF_WEB_NAV_H

#include "i18n/i18n.h"

struct buf;
struct http_req;
struct http_resp;
struct web_org;

enum portfolio_tab {
	TAB_CATALOGUE,
	TAB_PROFILE,
	TAB_PORTFOLIO,
	TAB_REPORT,
	TAB_ACTIONS,
	TAB_EVALUATION,
	TAB_COUNT
};

/* Write the breadcrumb and the tab bar (aria-current on the active tab). */
int web_portfolio_nav(struct http_req *req, struct buf *b, const struct web_org *o,
		      const char *fw_id, enum portfolio_tab active);

/* The top of a build step's page (TAB_CATALOGUE, TAB_PROFILE, TAB_PORTFOLIO):
 * page_begin with status and the step's name, the navigation, the numbered
 * heading ("1 Catalogue") and the lead paragraph intro. */
int web_build_step_begin(struct http_req *req, struct http_resp *resp, const struct web_org *o,
			 const char *fw_id, enum portfolio_tab step, int status, enum msg_id intro);

#endif
