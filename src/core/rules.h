/*
 * rules.h - the rules data obeys, however it comes in.
 *
 * Every user action in ops/ (select, service add, assign, score, evidence,
 * action) and the archive import (io/archive_check.c) call these same
 * functions, so what one way in refuses, every way in refuses, with the same
 * message. Each function checks one field, names the service in the message
 * and the field in e->field ("ref", "name", "category", "team", "provider",
 * "insource" / "outsource", "current", "target", "evidence", "title",
 * "status", "version"), so the caller knows which field failed without
 * reading the message:
 *
 *   rc = rule_score(fw, SIDE_INSOURCE, "A-1", "current", 7, e);
 *   -> ERR_INVALID, field "current", MSG_E_SCORE_RANGE_NA:
 *      "current score for 'A-1' must be 1-5 or n/a, got '7'" (and in Japanese)
 *
 * Pure functions over the framework and the entry: no I/O, no store.
 * Existence of teams and providers and uniqueness are the store's (or the
 * archive's lists); names and text sizes are store_check_name/_text.
 */
#ifndef CDCF_RULES_H
#define CDCF_RULES_H

#include "core/portfolio.h"
#include "util/err.h"

#define RULE_CUSTOM_REF_MAX 32 /* bytes of a custom service's ref */

/* ---- services ---- */

/* ref names a node of fw that can be selected into a portfolio: returns its
 * index (>= 0), or ERR_NOT_FOUND "unknown service 'Z-99' in framework
 * 'x1060-2021'" / ERR_INVALID "'A' is a category of 'x1060-2021', not a
 * service that can be selected". */
int rule_service(const struct framework *fw, const char *ref, struct err *e);

/* A custom service's ref is 1-RULE_CUSTOM_REF_MAX letters, digits, '-', '.'
 * or '_', and its English name is not empty. */
int rule_custom_ref(const char *ref, struct err *e);
int rule_custom_name(const char *ref, const char *name_en, struct err *e);
/* A custom ref is new: neither a node of p->fw nor an entry of p
 * (ERR_CONFLICT "service 'A-1' already exists in 'x1060-2021'"). */
int rule_custom_unique(const struct portfolio *p, const char *ref, struct err *e);
/* A custom service belongs to a top-level category of fw (ERR_NOT_FOUND). */
int rule_custom_category(const struct framework *fw, const char *category, struct err *e);

/*
 * The entry for ref in p: ERR_NOT_FOUND for a ref that is neither a service
 * of p->fw nor a custom service of p, ERR_INVALID for a category or for a
 * service not in p's catalogue yet ("select it with a level first").
 * rule_entry_selected also refuses an entry marked not required: assigning,
 * scoring, evidence and new actions need a selected service.
 */
int rule_entry(const struct portfolio *p, const char *ref, struct entry **out, struct err *e);
int rule_entry_selected(const struct portfolio *p, const char *ref, struct entry **out,
			struct err *e);

/* A level fits the way ref is assessed: a service takes a recommendation
 * level (basic .. optional) or not_required; a readiness component or a
 * parameter is in scope (in_scope, the default) or not_required, never a
 * recommendation level ("'OF.I.A' is a readiness component: it is in scope
 * or not required, not 'basic'"). */
int rule_level(const struct framework *fw, const char *ref, int level, struct err *e);

/* ---- assignment ---- */

/* en may be assigned: services only; a readiness component or a parameter is
 * the team's own and is never assigned to a team or provider (field
 * "assignment"). */
int rule_assignable(const struct entry *en, struct err *e);

/* An in-house or hybrid service has a team, an outsourced or hybrid one a
 * provider; a service whose assignment does not use one has none ("assigning
 * 'A-1' in-house needs a team", "outsourcing 'A-3' needs a provider"). */
int rule_team(const char *ref, enum assignment a, const char *team, struct err *e);
int rule_provider(const char *ref, enum assignment a, const char *provider, struct err *e);

/* ---- scores ---- */

/* en uses side s (entry_uses_side), so s may be scored: "'A-1' is in-house
 * (SOC); its outsourced side cannot be scored", followed by ", got '3'" when
 * value (the score as text) is not NULL; a readiness component or parameter
 * has its one score on the in-house side ("'O-1' is a maturity parameter: it
 * has one score and no in-house or outsourced side"). */
int rule_side(const struct entry *en, enum side s, const char *value, struct err *e);

/* The one side en is scored on, into *s: the in-house side holding the one
 * score of a readiness component or parameter, the side of an in-house or
 * outsourced service. A hybrid or unassigned service has two or none:
 * refused, field "side" ("'A-1' is hybrid: say which side to score,
 * insource or outsource"). */
int rule_one_side(const struct entry *en, enum side *s, struct err *e);

/* score (SCORE_NONE passes) is on the scale ref is scored on (side s's
 * rubric for a service, the readiness or parameter scale otherwise); what names it in the
 * message ("current", "target", "action target"; the field is "current" or
 * "target"). rule_score_text parses the text first ("1".."5", "n/a") and
 * quotes it as given. */
int rule_score(const struct framework *fw, enum side s, const char *ref, const char *what,
	       int score, struct err *e);
int rule_score_text(const struct framework *fw, enum side s, const char *ref, const char *what,
		    const char *text, int *out, struct err *e);

/* A service nobody provides is not being done: the current score of an
 * unassigned service, on either side, is the rubric's lowest point ("the
 * service is not being done") or n/a; its target may be any score. "'C-1' is
 * unassigned, so it is not being done: its current in-house score can be 1
 * or n/a, got '2'". */
int rule_unassigned_current(const struct framework *fw, const struct entry *en, enum side s,
			    int score, struct err *e);

/* Clear the scores en's assignment does not allow (rule_side,
 * rule_unassigned_current), after its assignment changed. */
void rule_fit_scores(const struct framework *fw, struct entry *en);

/* A score as messages quote it: "3", "n/a". Returns buf. */
const char *rule_score_str(int score, char buf[16]);

/* The side whose rubric an action's target uses: outsourced for an
 * outsourced service, in-house otherwise. */
enum side rule_action_side(const struct entry *en);

/* ---- evidence, actions, versions ---- */

/* Evidence is newline-separated links, each http:// or https:// (empty lines
 * and NULL pass). */
int rule_evidence(const char *ref, const char *evidence, struct err *e);

/* An action has a title; its status is "open" or "done". */
int rule_action_title(const char *ref, const char *title, struct err *e);
int rule_action_status(const char *status, struct err *e);

/* A stored version is 1-ENTRY_VERSION_MAX. */
int rule_version(const char *ref, long long version, struct err *e);

#endif
