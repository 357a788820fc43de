/*
 * portfolio.h - one organization's portfolio for one framework, in memory.
 *
 * The store loads a portfolio into this struct; reports, snapshots, diffs,
 * the CLI and the web pages read it. An entry exists for each service the
 * organization has put into its catalogue (any level, not_required included).
 * Custom services (ones the organization added) carry their own names and
 * the ref of the category they belong to.
 */
#ifndef CDCF_PORTFOLIO_H
#define CDCF_PORTFOLIO_H

#include <stddef.h>

#include "core/framework.h"
#include "core/level.h"

/*
 * The highest version an entry may reach. Every change adds one; at the
 * ceiling the entry refuses further changes instead of overflowing. 2^53 - 1
 * keeps versions exact for JSON clients that read numbers as doubles, far
 * beyond any real number of changes.
 */
#define ENTRY_VERSION_MAX 9007199254740991LL

struct score_pair {
	int current; /* score, SCORE_NA or SCORE_NONE */
	int target;
};

struct entry {
	long long id;
	char *ref_id;
	enum level level;
	enum assignment assignment;
	long long team_id, provider_id; /* 0 when none */
	char *team;			/* team name, NULL when none */
	char *provider;			/* provider name, NULL when none */
	struct score_pair score[SIDE_COUNT];
	char *note;
	char *evidence;	   /* newline-separated links */
	long long version; /* optimistic lock: bumped by every change */
	/* how it is assessed (core/framework.h), set from the catalogue by
	 * portfolio_bind; ASSESS_NONE (not bound) counts as a service */
	enum assessment assessment;
	/* custom service fields (custom != 0) */
	int custom;
	char *custom_name_en, *custom_name_ja, *custom_category;
};

struct portfolio {
	long long id;
	long long org_id;
	char *org_name;
	char *framework_id;
	const struct framework *fw; /* shipped catalogue, borrowed; NULL if unknown */
	int cycle;		    /* number of the open cycle */
	char *next_evaluation;	    /* planned date YYYY-MM-DD, NULL when not planned */
	struct entry *entries;
	size_t n_entries, cap_entries;
};

void portfolio_init(struct portfolio *p);
void portfolio_release(struct portfolio *p);
void portfolio_free(struct portfolio *p);
void entry_release(struct entry *e);

/* Append a zeroed entry (scores SCORE_NONE) for ref_id and return it; the
 * pointer is valid until the next append. */
struct entry *portfolio_add_entry(struct portfolio *p, const char *ref_id);
struct entry *portfolio_find(const struct portfolio *p, const char *ref_id);

/*
 * Bind the entries to p->fw (set by the caller): each entry's assessment
 * (its node's, or fw->custom_assessment for a custom service). An entry
 * without sides (readiness, parameter) keeps no assignment and its one
 * score on the in-house side (scores left on the other side by older data
 * move there when the in-house side is empty).
 */
void portfolio_bind(struct portfolio *p);
/* Add an entry, in scope, for every readiness component and parameter of
 * p->fw the portfolio does not have yet (they are in scope by default), then
 * sort; the entries are new (id 0, version 0) until stored. */
void portfolio_fill_defaults(struct portfolio *p);

/* Is en assessed per side (a service), or with one score (readiness, parameter)? */
int entry_has_sides(const struct entry *en);
/* Does en use score side s? A service: its assignment's sides
 * (assignment_uses_side); readiness and parameters: the in-house side only,
 * which holds their one score. */
int entry_uses_side(const struct entry *en, enum side s);
/* The scale en's side s is scored on. */
const struct rubric *entry_scale(const struct portfolio *p, const struct entry *en, enum side s);

/* Sort entries in catalogue order (framework node order, custom services after
 * the services of their category, then by ref). */
void portfolio_sort(struct portfolio *p);

/* Display name of an entry's service in lang ("en"/"ja"). */
const char *entry_name(const struct portfolio *p, const struct entry *e, const char *lang);
/* Ref of the entry's category (top-level node), or "" if none. */
const char *entry_category(const struct portfolio *p, const struct entry *e);
/* Is this entry's service provisional in the catalogue? Custom ones are not. */
int entry_provisional(const struct portfolio *p, const struct entry *e);

#endif
