/*
 * ops.h - one function per user action, shared by every front end.
 *
 * Each function resolves names (organization, framework, service ref, team,
 * provider, user), applies the domain rules from core/ (core/rules.h, which
 * the archive import applies too) and the rules of who may do what, and
 * persists through store/ in ONE transaction: it either applies whole or
 * leaves the database exactly as it was. The CLI, the web pages and the REST
 * API call these and nothing below them for changes, so a rule is written
 * once; they only parse their input and render the outcome.
 *
 *   struct ops_row row = {.ref = "A-3", .version = 4, .note = "checked"};
 *   row.score[SIDE_INSOURCE][OPS_CURRENT] = "3";
 *   rc = ops_entry_patch(st, &who, "Acme", "x1060-2021", &row, NULL, &e);
 *   -> ERR_CONFLICT when A-3 is no longer at version 4, ERR_DENIED when who
 *      may not score it, ERR_INVALID "current score for 'A-3' must be 1-5 or
 *      n/a, got '7'" with e.field "insource.current", ...
 *
 * Files: build.c (portfolio, catalogue, profile and portfolio steps one at a
 * time), rows.c (several entries or several inputs of one entry at once, who
 * may score), manage.c (improvement actions, taking a service out of the
 * catalogue), evaluate.c (evaluation, cycles),
 * orgs.c (organizations, teams, providers, members), accounts.c (users,
 * passwords, languages, API tokens), load.c (names, loading, transactions).
 *
 * ---- Errors: which input failed is e->field, never the message ----
 *
 * Every refusal carries a code (util/err.h), a message id of
 * i18n/msg_err_*.def with its arguments, and the field it is about:
 *
 *  - single actions name the input as the REST API calls it: "ref", "title",
 *    "owner", "due", "target", "status", "level", "assignment", "team",
 *    "provider", "insource.current", "insource.target", "outsource.current",
 *    "outsource.target", "note", "evidence", "name", "name_en", "category",
 *    "parent", "framework", "preset", "next_evaluation", "approved_by",
 *    "answers", "user", "role", "lang", "version"; "" (no field) when the
 *    error is about the subject as a whole (an unknown organization, a
 *    portfolio or team that exists already, a role that may not do this).
 *  - ops_rows_save names row i of its call "entries[i]" (the row as a whole:
 *    an unknown service, someone else's newer version, a row the caller may
 *    not change) and its inputs "entries[i].<input>" with the names above:
 *    "entries[2].insource.current", "entries[0].team", "entries[4].version".
 *    Rows are numbered by their place in the call, not by their ref (refs
 *    may contain dots: "6.4.2").
 *  - ops_entry_patch is about one entry, so its fields are the input alone
 *    ("insource.current"), "" for the entry as a whole.
 */
#ifndef CDCF_OPS_H
#define CDCF_OPS_H

#include <jansson.h>
#include <stdbool.h>

#include "core/portfolio.h"
#include "core/snapshot.h"
#include "store/store.h"
#include "store/store_user.h"

/* ---- who asks ---- */

/*
 * The person a change is made for. A NULL actor is the operator of the
 * command line, who may do everything. The web fills one per request from
 * the signed-in user and their membership of the organization at hand.
 */
struct ops_actor {
	long long user_id; /* 0 when no user account is involved */
	int site_admin;	   /* users.is_admin: every organization, user management */
	enum role role;	   /* role in the organization of the change */
	long long team_id; /* an assessor's team (the services it scores), 0 = none */
};

/*
 * May who change en's scores, note and evidence? Editors and admins: yes;
 * an assessor: only when en is assigned in-house or hybrid to its team.
 */
int ops_may_score(const struct ops_actor *who, const struct entry *en);

/*
 * May who score side s of en? The side must be one en's assignment uses;
 * editors and admins score both sides of a hybrid service, an assessor only
 * the in-house side its team provides (the outsourced side is the provider's
 * work, judged by the organization, not by the team).
 */
int ops_may_score_side(const struct ops_actor *who, const struct entry *en, enum side s);

/* ---- reading (load.c, history.c) ---- */

struct report_history;

/* Add the closed cycles of p (loaded with its framework) to h, oldest first, for the
 * report's trend (ops/history.c). */
int ops_report_history(struct store *st, const struct portfolio *p, struct report_history *h,
		       struct err *e);

/* Framework by id from the shipped catalogues; ERR_NOT_FOUND names it (field "framework"). */
int ops_framework(const char *fw_id, const struct framework **out, struct err *e);

/* Load ORG's portfolio for FW with the catalogue attached, in catalogue order. */
int ops_load(struct store *st, const char *org, const char *fw_id, struct portfolio *p,
	     struct err *e);

/*
 * The advisory an entry calls for, as a message id of the tables (today one:
 * MSG_OPS_ADVICE_MGMT_OUTSOURCED, a management-type service fully outsourced,
 * which X.1060 keeps in-house), or OPS_NO_ADVICE. Each front end says it in
 * its user's language.
 */
#define OPS_NO_ADVICE (-1)
int ops_entry_advice(const struct portfolio *p, const struct entry *en);

/* Does en call for an advisory? (a report_warning_fn: marks it on the quadrant) */
int ops_entry_warned(const struct portfolio *p, const struct entry *en);

/* ---- the build process, one action at a time (build.c) ---- */

/* New portfolio, optionally filled from a starter preset (editable afterwards). */
int ops_portfolio_new(struct store *st, const char *org, const char *fw_id, const char *preset,
		      struct err *e);

/* Start an empty catalogue from a starter preset of its framework: ERR_CONFLICT when the
 * catalogue already has services, ERR_NOT_FOUND (field "preset") for an unknown preset. */
int ops_preset_apply(struct store *st, const char *org, const char *fw_id, const char *preset,
		     struct err *e);

/* Set the recommendation level of one or more services (all or none). */
int ops_select(struct store *st, const char *org, const char *fw_id, const char *const *refs,
	       size_t n_refs, const char *level, struct err *e);

/* Add a custom service to ORG's portfolio under a category of the framework. */
int ops_service_add(struct store *st, const char *org, const char *fw_id, const char *ref,
		    const char *name_en, const char *name_ja, const char *category,
		    const char *level, struct err *e);

/*
 * Assign a selected service. team is required for insource and hybrid,
 * provider for outsource and hybrid; both must exist in the organization (a
 * party the assignment does not use is ignored). Scores the new assignment
 * does not allow are cleared (rule_fit_scores): a side it does not use loses
 * its scores, and an unassigned service keeps no current score above "not
 * being done". The archive import checks the same rules.
 * expect_version < 0 skips the optimistic-lock check. *warning (may be NULL)
 * receives a static advisory text, e.g. when a management-type service is
 * fully outsourced, or NULL.
 */
int ops_assign(struct store *st, const char *org, const char *fw_id, const char *ref,
	       const char *assignment, const char *team, const char *provider,
	       long long expect_version, int *advice, struct err *e);

/* Score one side of a selected service: a side its assignment uses, and for
 * an unassigned service a current score of "not being done" or n/a
 * (core/rules.h). side NULL: the one side the entry has (a readiness
 * component or a parameter has one score; an in-house or outsourced service
 * one side), *used (when not NULL) says which. current/target: on the
 * entry's scale ("1".."5", "0".."4", "n/a"/"na"), or NULL to leave
 * unchanged; note NULL leaves the note unchanged, "" clears it. */
int ops_score(struct store *st, const char *org, const char *fw_id, const char *ref,
	      const char *side, const char *current, const char *target, const char *note,
	      long long expect_version, int *used, struct err *e);

/* Replace the evidence links of an entry (newline-separated, http(s) only; "" clears). */
int ops_evidence(struct store *st, const char *org, const char *fw_id, const char *ref,
		 const char *evidence, long long expect_version, struct err *e);

/* ---- several changes at once (rows.c) ---- */

enum { OPS_CURRENT, OPS_TARGET };

/*
 * What to change in one entry. NULL members are left as they are; the
 * changes apply in this order, each checked against the entry as the ones
 * before left it: level, assignment with its team and provider, the scores
 * (in-house current, target, outsourced current, target), note, evidence.
 */
struct ops_row {
	const char *ref;
	/* The entry's version the change was made on (optimistic lock): another
	 * stored version is ERR_CONFLICT. 0: the service is not in the catalogue
	 * yet; < 0: not checked. */
	long long version;
	/* The level the change was made on ("" for not selected), NULL when not
	 * known: another stored level is ERR_CONFLICT too (forms without versions). */
	const char *level_was;
	/* A level name ("basic", ...). "" for an entry in the catalogue is refused
	 * (a service stays in the catalogue; "not_required" takes it out of the build). */
	const char *level;
	/* An assignment name; with only team or provider given, the stored
	 * assignment is kept and its party replaced. team/provider: a name, ""
	 * for none, NULL for the stored one. */
	const char *assignment, *team, *provider;
	/* score[side][OPS_CURRENT | OPS_TARGET]: "1".."5", "n/a". */
	const char *score[SIDE_COUNT][2];
	/* any[OPS_CURRENT | OPS_TARGET]: scores of the one side the entry has
	 * (rule_one_side: readiness and parameters, in-house or outsourced
	 * services); a hybrid or unassigned service is refused (field "side"). */
	const char *any[2];
	const char *note;     /* "" clears */
	const char *evidence; /* newline-separated http(s) links; "" clears */
	/* Sides (bit 1 << side) the entry's assignment must use even when none
	 * of their scores change (ops_score's side); 0 for none. */
	unsigned check_sides;
};

/* A call of ops_rows_save: the rows and what the caller wants back. */
struct ops_rows {
	const struct ops_row *v;
	size_t n;
	/* NULL, or n errors: every refused row gets its own (so a form can show
	 * them all at once), the others code 0. Without it the first refusal ends
	 * the checks. */
	struct err *errs;
	size_t refused; /* out: rows refused */
	int advice; /* out: the advisory of a reassigned entry (a message id), or OPS_NO_ADVICE */
	int side;   /* out: the side a row's any[] scores went to, or -1 */
	struct portfolio *after; /* NULL, or initialised: the portfolio as saved,
				  * read inside the transaction before its commit */
};

/*
 * Apply rows->v[0..n) to ORG's FW portfolio in one transaction: every row is
 * checked (the service, whether who may change it, its version, the rules of
 * each value) before anything is written, and nothing is written when any row
 * is refused. e holds the first refusal (rows->errs, when given, each row's).
 * Fields are "entries[i]" and "entries[i].<input>" (see the top of this file).
 * Who may: changing the level or the assignment needs the editor role; scores,
 * notes and evidence need ops_may_score, the outsourced side an editor.
 */
int ops_rows_save(struct store *st, const struct ops_actor *who, const char *org, const char *fw_id,
		  struct ops_rows *rows, struct err *e);

/*
 * One entry, several inputs at once (the API's PATCH): ops_rows_save of one
 * row, with fields naming the input alone ("insource.current"). after (NULL
 * or initialised) receives the portfolio as saved, read before the commit.
 */
int ops_entry_patch(struct store *st, const struct ops_actor *who, const char *org,
		    const char *fw_id, const struct ops_row *row, struct portfolio *after,
		    struct err *e);

/* ---- management (manage.c) ---- */

/* Improvement action for a selected service; target NULL for none, due YYYY-MM-DD or NULL. */
int ops_action_add(struct store *st, const char *org, const char *fw_id, const char *ref,
		   const char *title, const char *owner, const char *due, const char *target,
		   long long *id, struct err *e);
int ops_action_status(struct store *st, const char *org, const char *fw_id, long long action_id,
		      const char *status, struct err *e);
/*
 * Change an action's title, owner, due date or target: NULL keeps what is
 * stored; "" clears owner, due and target (a title is required). The checks
 * of ops_action_add apply (title required and bounded, due a real day,
 * target on the rubric of the service's side, which must still be selected).
 * ERR_NOT_FOUND (no field) for an action the portfolio does not have.
 */
int ops_action_edit(struct store *st, const char *org, const char *fw_id, long long action_id,
		    const char *title, const char *owner, const char *due, const char *target,
		    struct err *e);
/* Delete an action of ORG's FW portfolio (ERR_NOT_FOUND when unknown). */
int ops_action_delete(struct store *st, const char *org, const char *fw_id, long long action_id,
		      struct err *e);

/*
 * Take service ref (shipped or custom) out of ORG's FW catalogue: its entry is
 * deleted with its level, assignment, scores, note and evidence, which the
 * audit event "entry.delete" keeps as they were; closed cycles keep their
 * snapshots. Unlike the level "not_required" (the service stays in the
 * catalogue, outside the build), the service is no longer listed at all, and
 * can be selected again later from scratch. Refused (ERR_CONFLICT, field
 * "ref") while open improvement actions refer to it, naming them: they are
 * marked done or deleted first (done actions stay as history). A shipped
 * readiness component or parameter is refused (ERR_INVALID, field "ref"):
 * it is in scope by default and is marked not applicable instead.
 * ERR_NOT_FOUND (field "ref") when ref is not in the catalogue; with
 * expect_version >= 0, ERR_CONFLICT (field "version") when the entry has
 * another version.
 */
int ops_service_remove(struct store *st, const char *org, const char *fw_id, const char *ref,
		       long long expect_version, struct err *e);
/* May en be taken out of the catalogue with ops_service_remove? A stored
 * service or custom entry: yes; a shipped readiness component or parameter
 * (in scope by default) is marked not applicable instead. */
int ops_entry_removable(const struct entry *en);

/* ---- evaluation (evaluate.c) ---- */

/*
 * Plan the next evaluation of ORG's FW portfolio: date is "YYYY-MM-DD", a
 * real calendar day (ERR_INVALID "next evaluation date '2026-02-30' is not a
 * valid date (YYYY-MM-DD)"), or NULL / "" for "not planned". X.1060 leaves
 * the timing of evaluations to the organization; a past date is allowed
 * (it shows as overdue).
 */
int ops_schedule_evaluation(struct store *st, const char *org, const char *fw_id, const char *date,
			    struct err *e);

/*
 * Evaluate: validate answers, freeze the open cycle as a snapshot, open the
 * next. The planned date belonged to the evaluation just done, so closing
 * the cycle replaces it with next_evaluation ("YYYY-MM-DD", checked before
 * anything changes) or clears it (NULL / ""), in the same transaction.
 * A cycle with no selected service is refused (ERR_INVALID, field
 * "catalogue"): there is nothing to evaluate.
 */
int ops_evaluate(struct store *st, const char *org, const char *fw_id, const json_t *answers,
		 const char *approved_by, const char *next_evaluation, struct err *e);

/* Snapshot of cycle `number` (the open cycle gives the live portfolio). New reference. */
int ops_cycle_snapshot(struct store *st, const char *org, const char *fw_id, int number,
		       json_t **out, struct err *e);

/* ---- organizations and their members (orgs.c) ---- */

/* A new organization, under parent (a name, NULL or "" for none). Only site
 * administrators create organizations (ERR_DENIED for another who). */
int ops_org_add(struct store *st, const struct ops_actor *who, const char *name, const char *parent,
		long long *id, struct err *e);

/* A team (PARTY_TEAM) or provider of ORG; ERR_CONFLICT when the name exists. */
int ops_party_add(struct store *st, const char *org, enum party_kind k, const char *name,
		  long long *id, struct err *e);

/*
 * Rename ORG's team or provider old_name to new_name (the rules of add:
 * ERR_CONFLICT when taken, field "name"), or delete it. A delete is refused
 * (ERR_CONFLICT) while entries are assigned to it or, for a team, assessors
 * belong to it: the message counts them and names a few ("team 'SOC' in 'Acme'
 * is still in use: services 3, assessors 1 (alice)"); nothing
 * is reassigned or cleared silently. who NULL (the CLI), a site administrator
 * or ORG's administrator may (ERR_DENIED otherwise).
 */
int ops_party_rename(struct store *st, const struct ops_actor *who, const char *org,
		     enum party_kind k, const char *old_name, const char *new_name, struct err *e);
int ops_party_delete(struct store *st, const struct ops_actor *who, const char *org,
		     enum party_kind k, const char *name, struct err *e);

/* Rename organization old_name (site administrators and its administrators; field
 * "name" for a taken or bad name). */
int ops_org_rename(struct store *st, const struct ops_actor *who, const char *old_name,
		   const char *new_name, struct err *e);
/* Delete organization name with its teams and providers (site administrators only):
 * refused (ERR_CONFLICT) while it has portfolios, child organizations or members,
 * with their counts and a few names. */
int ops_org_delete(struct store *st, const struct ops_actor *who, const char *name, struct err *e);

/*
 * Give user (a name) role (a role name) in ORG, replacing any role they had;
 * an assessor's team is team (a name) or, when team is NULL, team_id (0: none),
 * which must be a team of ORG.
 */
int ops_member_set(struct store *st, const char *org, const char *user, const char *role,
		   const char *team, long long team_id, struct err *e);

/* End user_id's membership of ORG. An organization's administrator cannot
 * end their own (a site administrator can): ask another administrator. */
int ops_member_revoke(struct store *st, const struct ops_actor *who, const char *org,
		      long long user_id, struct err *e);

/* ---- accounts (accounts.c) ---- */

/* A new user with an Argon2id password hash (made by web/auth). */
int ops_user_add(struct store *st, const char *name, const char *password_hash, int is_admin,
		 long long *id, struct err *e);

/* Is there an enabled site administrator? (Until there is, `cdcf serve` offers the
 * one-time setup link.) */
int ops_admin_exists(struct store *st, bool *exists, struct err *e);

/* The first site administrator, through the setup link: refused (ERR_NOT_FOUND, the
 * link is spent) when an enabled administrator exists already. One transaction. */
int ops_setup_admin(struct store *st, const char *name, const char *password_hash, long long *id,
		    struct err *e);

/* Demo mode: user name (added with password_hash when missing) becomes administrator of
 * every organization it is not a member of; *n_orgs counts them all. One transaction. */
int ops_demo_user(struct store *st, const char *name, const char *password_hash, size_t *n_orgs,
		  struct err *e);

/* The same password hashed again at new costs (on sign-in): its sessions stay. */
int ops_user_rehash(struct store *st, long long user_id, const char *password_hash, struct err *e);

/* A new password: the user is signed out everywhere, except in session keep_session (0: none). */
int ops_user_password(struct store *st, long long user_id, const char *password_hash,
		      long long keep_session, struct err *e);

enum ops_user_change { OPS_USER_ENABLE, OPS_USER_DISABLE, OPS_USER_ADMIN, OPS_USER_UNADMIN };

/* Enable or disable an account, give or take site administration. A disabled
 * account is signed out everywhere at once. Nobody disables themselves or
 * gives up their own site administration (ERR_INVALID): another admin can. */
int ops_user_change(struct store *st, const struct ops_actor *who, long long user_id,
		    enum ops_user_change change, struct err *e);

/* The user's language: "en", "ja", or NULL / "" for the browser's choice. */
int ops_user_lang(struct store *st, long long user_id, const char *lang, struct err *e);

/* An API token of user_id: only the hex of its hash is stored. */
int ops_token_create(struct store *st, long long user_id, const char *name, const char *hash_hex,
		     long long *id, struct err *e);
/* Revoke token_id of user_id (ERR_NOT_FOUND when it is not theirs). */
int ops_token_revoke(struct store *st, long long user_id, long long token_id, struct err *e);

/* ---- the glance of a report (glance.c) ---- */

struct report_actions; /* report/model.h */
/* Is an action overdue on today ("YYYY-MM-DD"): open, with a due date before today? */
int ops_action_overdue(const char *status, const char *due, const char *today);
/* The open actions of portfolio_id and how many of them are overdue today
 * (store_now: CDCF_NOW fixes it for tests), for report_input.actions. */
int ops_action_counts(struct store *st, long long portfolio_id, struct report_actions *out,
		      struct err *e);
struct report_lists; /* report/model.h */
/* The workbook's lists of p (report_input.lists): ORG's teams and providers
 * by name, p's actions with their overdue flag today (report_lists_release
 * frees them; on failure out is empty). (report_lists.c) */
int ops_report_lists(struct store *st, const struct portfolio *p, struct report_lists *out,
		     struct err *e);

#endif
