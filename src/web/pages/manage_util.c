/*
 * manage_util.c - what the management pages share besides the kit (kit.h):
 * loading the portfolio of a page, build progress bars, role names, overdue
 * actions and the opening date of a cycle; declared in manage_pages.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/score.h"
#include "i18n/i18n.h"
#include "ops/ops.h"
#include "report/html.h"
#include "store/store.h"
#include "store/store_user.h"
#include "util/err.h"
#include "web/pages/manage_pages.h"
#include "web/webctx.h"

/* A labelled progress bar with its numbers: "Catalogue 3 / 10 (30%)". */
static int progress_bar(struct buf *b, const char *label, size_t done, size_t total)
{
	unsigned pct = score_percent(done, total);

	html_raw(b, "<div class=\"progress-row\">");
	html_elem(b, "span", label, "class", "progress-label", (char *)NULL);
	html_fmt(b,
		 "<progress max=\"%zu\" value=\"%zu\" aria-label=\"%s\">%u%%</progress>"
		 "<span class=\"num\">%zu / %zu (%u%%)</span></div>\n",
		 total ? total : 1, done, label, pct, done, total, pct);
	return buf_status(b);
}

int mg_build_progress(struct buf *b, int lang, const struct progress *pr)
{
	progress_bar(b, tr(lang, MSG_CATALOGUE), pr->catalogue_done, pr->catalogue_total);
	progress_bar(b, tr(lang, MSG_PROFILE), pr->profile_done, pr->profile_total);
	progress_bar(b, tr(lang, MSG_PORTFOLIO), pr->portfolio_done, pr->portfolio_total);
	return buf_status(b);
}

bool mg_overdue(const char *status, const char *due, const char *today)
{
	return ops_action_overdue(status, due, today) != 0; /* the rule of the report's glance */
}

int mg_load(struct http_req *req, struct store *st, const struct web_org *o, struct portfolio *p)
{
	struct err e = ERR_INIT;
	const char *fw = http_req_param(req, "fw");

	if (!fw)
		return http_failf(req, ERR_NOT_FOUND, NULL, MSG_E_UNKNOWN_FRAMEWORK, "");
	if (ops_load(st, o->name, fw, p, &e))
		return http_fail(req, &e);
	return 0;
}

int mg_opened(struct buf *b, int lang, const char *date)
{
	return html_fmt(b, "%s%s %s%s", tr(lang, MSG_REPORT_PAREN_OPEN), tr(lang, MSG_WM_OPENED),
			date, tr(lang, MSG_REPORT_PAREN_CLOSE));
}

const char *mg_role_name(int lang, int role)
{
	static const enum msg_id names[ROLE_COUNT] = {MSG_WM_ROLE_VIEWER, MSG_WM_ROLE_ASSESSOR,
						      MSG_WM_ROLE_EDITOR, MSG_WM_ROLE_ADMIN};
	return role >= 0 && role < ROLE_COUNT ? tr(lang, names[role]) : "?";
}

int mg_user_orgs(struct http_req *req, struct store *st, const struct web_user *u,
		 struct mg_org **out, size_t *n, struct err *e)
{
	struct membership *ms = NULL;
	struct org *orgs = NULL;
	size_t n_ms = 0, n_orgs = 0, i;
	int rc;

	*out = NULL;
	*n = 0;
	rc = u->is_admin ? store_org_list(st, &orgs, &n_orgs, e)
			 : store_membership_list_user(st, u->id, &ms, &n_ms, e);
	if (rc)
		return rc;
	*out = http_req_alloc(req, (n_orgs + n_ms + 1) * sizeof(**out));
	for (i = 0; i < n_orgs; i++)
		(*out)[(*n)++] =
		    (struct mg_org){orgs[i].id, http_req_strdup(req, orgs[i].name), -1};
	for (i = 0; i < n_ms; i++)
		(*out)[(*n)++] = (struct mg_org){ms[i].org_id, http_req_strdup(req, ms[i].org_name),
						 (int)ms[i].role};
	membership_list_free(ms, n_ms);
	org_list_free(orgs, n_orgs);
	return 0;
}
