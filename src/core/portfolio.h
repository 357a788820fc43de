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
	/* a part of another entry's service (a FIRST CSIRT function, set by
	 * portfolio_bind): counted through its service, not on its own */
	int part;
	/* a service's figures from its parts (set by portfolio_bind): the mean
	 * current and target of its selected, assessed parts; n = 0: none */
	struct {
		size_t n;
		double current, target;
	} from_parts;
	/* the organization's own position on the quadrant (placed != 0), which
	 * replaces the catalogue's; custom services have only this one */
	int placed;
	struct quadrant place;
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
	/* The entries by ref (portfolio_index): open addressing, slot = entry
	 * index + 1, 0 empty; NULL, or n_indexed != n_entries, when there is
	 * none and portfolio_find reads the entries in turn. */
	size_t *index;
	size_t index_cap; /* a power of two, at least twice n_indexed */
	size_t n_indexed;
};

void portfolio_init(struct portfolio *p);
void portfolio_release(struct portfolio *p);
void portfolio_free(struct portfolio *p);
void entry_release(struct entry *e);
/* dst becomes a copy of src with its own strings (entry_release frees them). */
void entry_copy(struct entry *dst, const struct entry *src);

/* Append a zeroed entry (scores SCORE_NONE) for ref_id and return it; the
 * pointer is valid until the next append. An indexed portfolio keeps its
 * index (the entry's ref must then stay as given). */
struct entry *portfolio_add_entry(struct portfolio *p, const char *ref_id);
/* The first entry of ref_id, or NULL: O(1) once indexed, else a linear scan. */
struct entry *portfolio_find(const struct portfolio *p, const char *ref_id);
/*
 * (Re)build the index of the entries by ref, so that portfolio_find no
 * longer reads every entry. portfolio_bind and portfolio_sort call it;
 * code that reorders the entries or changes a ref by itself calls it again
 * afterwards (until then portfolio_find may miss).
 */
void portfolio_index(struct portfolio *p);

/*
 * Bind the entries to p->fw (set by the caller): each entry's assessment
 * (its node's, or fw->custom_assessment for a custom service). An entry
 * without sides (readiness, parameter) keeps no assignment and its one
 * score on the in-house side (scores left on the other side by older data
 * move there when the in-house side is empty). A function's entry is marked
 * a part, and each service gets the figures of its parts (core/score.h).
 * Indexes the entries by ref (portfolio_index), with or without p->fw.
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
/* Is en on the procurement quadrant: a selected service with sides (who
 * provides it is the question the quadrant answers), not a readiness
 * component or parameter (the team's own) nor a function (a part of its
 * service, which stands for it)? */
int entry_procured(const struct entry *en);

/* The scale en's side s is scored on. */
const struct rubric *entry_scale(const struct portfolio *p, const struct entry *en, enum side s);

/* Sort entries in catalogue order (framework node order, custom services after
 * the services of their category, then by ref), and index them again. */
void portfolio_sort(struct portfolio *p);

/* Display name of an entry's service in lang ("en"/"ja"). */
const char *entry_name(const struct portfolio *p, const struct entry *e, const char *lang);
/* Ref of the entry's category (top-level node), or "" if none. */
const char *entry_category(const struct portfolio *p, const struct entry *e);
/* Is this entry's service provisional in the catalogue? Custom ones are not. */
int entry_provisional(const struct portfolio *p, const struct entry *e);

#endif
