/*
 * manage_pages.h - the pages of the management, evaluation and
 * administration side of the web application: dashboard, organizations,
 * settings, improvement actions, evaluation and cycles, users, audit log,
 * export. Routes in web_routes[] (routes.c); "/" is routed to page_dashboard
 * for signed-in users. Forms, notices, URLs and dates come from kit.h.
 *
 * Every state-changing handler is a POST carrying the session's CSRF field
 * (checked by the before hook), checks the caller's role with web_org(),
 * records the actor with web_store_actor(), changes data only through ops_*
 * (one transaction and one audit event each), answers 303 to a GET page
 * with "?done=<what>" on success (the page then confirms the change,
 * kit_done_notice), and re-renders its form with the refusal's status
 * (kit_form_status: 400, 403, 409, 413) and its one message in the page's
 * language (kit_error_notice) when the input is refused (the database is
 * left as it was). A failure of the server fails the request (http_fail).
 */
#ifndef CDCF_WEB_MANAGE_PAGES_H
#define CDCF_WEB_MANAGE_PAGES_H

#include <stdbool.h>
#include <stddef.h>

#include "i18n/i18n.h"
#include "web/http/http.h"
#include "web/pages/kit.h"

struct buf;
struct portfolio;
struct portfolio_ref;
struct store;
struct err;
struct web_user;
struct web_org;

/* page_dashboard.c: GET / for a signed-in user. */
int page_dashboard(struct http_req *req, struct http_resp *resp);

/* page_org.c */
int page_orgs(struct http_req *req, struct http_resp *resp);		  /* GET /orgs */
int page_orgs_create(struct http_req *req, struct http_resp *resp);	  /* POST /orgs */
int page_org(struct http_req *req, struct http_resp *resp);		  /* GET /o/{org}?fw= */
int page_org_portfolio_new(struct http_req *req, struct http_resp *resp); /* POST .../portfolios */
int page_org_export(struct http_req *req, struct http_resp *resp);	  /* GET .../export.json */

/* page_settings.c */
int page_settings(struct http_req *req, struct http_resp *resp); /* GET .../settings */
int page_settings_team_add(struct http_req *req, struct http_resp *resp);
int page_settings_provider_add(struct http_req *req, struct http_resp *resp);
int page_settings_member_set(struct http_req *req, struct http_resp *resp);
int page_settings_member_revoke(struct http_req *req, struct http_resp *resp);
/* Rename ({team} / {provider}: the current name, form field "name") or delete a
 * team or provider, rename or delete the organization itself (ops_party_*,
 * ops_org_*): 303 back to the settings (the list of organizations after a
 * delete of the organization), or the settings with the refusal. */
int page_settings_team_rename(struct http_req *req, struct http_resp *resp);
int page_settings_team_delete(struct http_req *req, struct http_resp *resp);
int page_settings_provider_rename(struct http_req *req, struct http_resp *resp);
int page_settings_provider_delete(struct http_req *req, struct http_resp *resp);
int page_settings_org_rename(struct http_req *req, struct http_resp *resp);
int page_settings_org_delete(struct http_req *req, struct http_resp *resp);

/* page_actions.c */
int page_actions(struct http_req *req, struct http_resp *resp);	      /* GET .../actions */
int page_actions_add(struct http_req *req, struct http_resp *resp);   /* POST .../actions */
int page_action_status(struct http_req *req, struct http_resp *resp); /* POST .../{id}/status */
int page_action_edit(struct http_req *req, struct http_resp *resp);   /* POST .../{id}/edit */
int page_action_delete(struct http_req *req, struct http_resp *resp); /* POST .../{id}/delete */
int page_my_actions(struct http_req *req, struct http_resp *resp);    /* GET /my/actions */

/* page_evaluation.c */
int page_evaluation(struct http_req *req, struct http_resp *resp);	 /* GET .../evaluation */
int page_evaluation_close(struct http_req *req, struct http_resp *resp); /* POST .../evaluation */

/*
 * The evaluation page of o's {fw} portfolio with status, the refusal of one
 * of its forms (NULL for none: its one message is shown) and the form field
 * named by invalid marked (a question, "approved_by", "confirm",
 * "incomplete", "close-next-evaluation", or "next_evaluation" for the
 * schedule form).
 */
int mg_evaluation_page(struct http_req *req, struct http_resp *resp, const struct web_org *o,
		       int status, const struct err *refused, const char *invalid);

/* page_schedule.c: POST .../evaluation/schedule (next_evaluation=YYYY-MM-DD or empty,
 * clear=yes) -> 303 to the evaluation page with ?done=scheduled / unscheduled. */
int page_evaluation_schedule(struct http_req *req, struct http_resp *resp);

/*
 * The planned next evaluation in words: "<time>2027-04-30</time> (in 159
 * days)", "(today)", "(tomorrow)", overdue as <strong class="overdue">...
 * (overdue by 3 days)</strong>, or "not planned" followed, with plan_link,
 * by a link to the evaluation page's schedule form. Today is store_now's day.
 */
int mg_next_evaluation(struct http_req *req, struct buf *b, long long org_id, const char *fw_id,
		       const char *date, int plan_link);

/* The "Next evaluation" section of the evaluation page (id "schedule"): the
 * planned date and, for administrators, the form that sets or clears it. */
int mg_schedule_section(struct http_req *req, struct buf *b, const struct web_org *o,
			const struct portfolio *p, const char *invalid);

/* The optional "next evaluation" date field of the close-cycle form. */
int mg_close_next_field(struct http_req *req, struct buf *b, const char *invalid);

struct change;

/*
 * The changes between two snapshots as a table (service, kind, field,
 * before, after) with caption; "No changes." when n is 0. Services are named
 * from the live portfolio p when they are still in it (p may be NULL).
 */
int mg_diff_table(struct buf *b, enum lang lang, const struct portfolio *p, const struct change *ch,
		  size_t n, const char *caption);

struct cycle;

/* The answers of every closed cycle of c[0..n), newest first, each under a
 * heading "Cycle N" with id "answers-N", with the approver and closing time. */
int mg_cycle_answers(struct http_req *req, struct buf *b, const struct cycle *c, size_t n);

/* page_cycles.c (?done=closed after closing a cycle) */
int page_cycles(struct http_req *req, struct http_resp *resp);	       /* GET .../cycles */
int page_cycles_compare(struct http_req *req, struct http_resp *resp); /* GET ?a=&b= -> 303 */
int page_cycle_diff(struct http_req *req, struct http_resp *resp);     /* GET .../{a}/diff/{b} */

/* page_admin.c */
int page_admin_users(struct http_req *req, struct http_resp *resp);	  /* GET /admin/users */
int page_admin_user_add(struct http_req *req, struct http_resp *resp);	  /* POST /admin/users */
int page_admin_user_update(struct http_req *req, struct http_resp *resp); /* POST .../{id} */
int page_audit(struct http_req *req, struct http_resp *resp);		  /* GET /o/{org}/audit */
int page_audit_csv(struct http_req *req, struct http_resp *resp); /* GET /o/{org}/audit.csv */
/* page_org.c: a child organization from its parent's overview (site administrators) */
int page_org_child_add(struct http_req *req, struct http_resp *resp); /* POST /o/{org}/children */

/* ---- helpers shared by these pages (manage_util.c; mg_portfolio_card: page_dashboard.c) ---- */

struct progress;

/* The three build phases of a portfolio as labelled progress bars with their
 * numbers: "Catalogue 3 / 10 (30%)", then profile and portfolio. */
int mg_build_progress(struct buf *b, int lang, const struct progress *pr);

/*
 * The summary of one portfolio as a card: framework name (linked to the
 * first unfinished build step: catalogue while no service is selected,
 * profile while a selected service is unassigned, portfolio while one is not
 * scored, else the report), the three build phases as progress bars, the
 * next step in words and linked (Settings first when the profile step needs
 * teams or providers the organization does not have yet), overall current
 * and target, open and overdue actions, the open cycle and when it opened,
 * the last evaluation (closed cycle) date and the planned next evaluation
 * (mg_next_evaluation, linked to the form when not planned). Reads only.
 */
int mg_portfolio_card(struct http_req *req, struct buf *b, struct store *st, long long org_id,
		      const char *org_name, const struct portfolio_ref *ref);

/* The role's name in lang ("Viewer", "閲覧者"). lang is an enum lang. */
const char *mg_role_name(int lang, int role);

/* An organization on a user's own pages (dashboard, my actions). */
struct mg_org {
	long long id;
	const char *name;
	int role; /* the user's role in it, or -1 for a site administrator's view */
};

/*
 * The organizations user u sees on their own pages: every one for a site
 * administrator, else those they are a member of. Per-request memory; returns
 * 0 with *out and *n set, or the store's error in e.
 */
int mg_user_orgs(struct http_req *req, struct store *st, const struct web_user *u,
		 struct mg_org **out, size_t *n, struct err *e);

/* Is an action overdue today (open, due date before today)? */
bool mg_overdue(const char *status, const char *due, const char *today);

/* Load the portfolio named by the {fw} parameter of organization o. Returns
 * 0, or fails (http_fail): ERR_NOT_FOUND for an unknown portfolio or
 * framework, the store's error otherwise. */
int mg_load(struct http_req *req, struct store *st, const struct web_org *o, struct portfolio *p);

/* " (opened 2026-04-01)" / "（2026-04-01 開始）" after an open cycle's number. */
int mg_opened(struct buf *b, int lang, const char *date);

#endif
