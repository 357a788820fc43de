/*
 * ops.h - one function per user action, shared by every front end.
 *
 * Each function resolves names (organization, framework, service ref, team,
 * provider), applies the domain rules from core/ (core/rules.h, which the
 * archive import applies too), and persists through
 * store/ in ONE transaction: it either applies whole or leaves the database
 * exactly as it was. Error messages name what is wrong and where. The CLI,
 * the web pages and the REST API call these and nothing below them for
 * changes, so a rule is written once.
 */
#ifndef CDCF_OPS_H
#define CDCF_OPS_H

#include <jansson.h>

#include "core/portfolio.h"
#include "core/snapshot.h"
#include "store/store.h"

struct report_history;

/* Add the closed cycles of p (loaded with its framework) to h, oldest first, for the
 * report's trend (ops/history.c). */
int ops_report_history(struct store *st, const struct portfolio *p, struct report_history *h,
		       struct err *e);

/* Framework by id from the shipped catalogues; ERR_NOT_FOUND names it. */
int ops_framework(const char *fw_id, const struct framework **out, struct err *e);

/* Load ORG's portfolio for FW with the catalogue attached, in catalogue order. */
int ops_load(struct store *st, const char *org, const char *fw_id, struct portfolio *p,
	     struct err *e);

/* New portfolio, optionally filled from a starter preset (editable afterwards). */
int ops_portfolio_new(struct store *st, const char *org, const char *fw_id, const char *preset,
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
	       long long expect_version, const char **warning, struct err *e);

/* Score one side of a selected service: a side its assignment uses, and for
 * an unassigned service a current score of "not being done" or n/a
 * (core/rules.h). current/target: "1".."5", "n/a"/"na", or NULL to leave
 * unchanged; note NULL leaves the note unchanged. */
int ops_score(struct store *st, const char *org, const char *fw_id, const char *ref,
	      const char *side, const char *current, const char *target, const char *note,
	      long long expect_version, struct err *e);

/* Replace the evidence links of an entry (newline-separated, http(s) only). */
int ops_evidence(struct store *st, const char *org, const char *fw_id, const char *ref,
		 const char *evidence, long long expect_version, struct err *e);

/* Improvement action for a selected service; target NULL for none, due YYYY-MM-DD or NULL. */
int ops_action_add(struct store *st, const char *org, const char *fw_id, const char *ref,
		   const char *title, const char *owner, const char *due, const char *target,
		   long long *id, struct err *e);
int ops_action_status(struct store *st, const char *org, const char *fw_id, long long action_id,
		      const char *status, struct err *e);

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
 */
int ops_evaluate(struct store *st, const char *org, const char *fw_id, const json_t *answers,
		 const char *approved_by, const char *next_evaluation, struct err *e);

/* Snapshot of cycle `number` (the open cycle gives the live portfolio). New reference. */
int ops_cycle_snapshot(struct store *st, const char *org, const char *fw_id, int number,
		       json_t **out, struct err *e);

/* Advisory for an entry (management-type fully outsourced), or NULL. */
const char *ops_entry_warning(const struct portfolio *p, const struct entry *en);

#endif
