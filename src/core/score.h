/*
 * score.h - the one scoring module: entry scores, gaps, priorities, roll-ups.
 *
 * Every view and export uses these functions, so every figure agrees.
 *
 * Entry score: the mean of the sides its assignment uses (in-house,
 * outsourced, both for hybrid; an unassigned entry uses whichever side was
 * scored). A service assessed through its parts (FIRST CSIRT functions a team
 * performs: the functions selected and scored) and without a score of its own
 * takes the mean of its parts' figures (struct entry.from_parts); a score of
 * its own takes precedence. Parts never count on their own: roll-ups, gaps
 * and progress count their service. n/a never counts as a number; "not yet assessed" (SCORE_NONE)
 * is distinct from 1 and leaves the entry out of means.
 *
 * Gap = target - current (entry_gap, and struct rollup's gap). Priority
 * orders gaps by recommendation level (basic first) then gap size (largest
 * first) then catalogue order; not_required entries and entries without both
 * figures are never gaps.
 *
 * Roll-up per category and overall: the arithmetic mean of the assessed
 * entries of one model (struct rollup.assessment) (level != not_required, both current and target
 * known); weighted mode multiplies each entry by its level weight (basic 4, standard 3, advanced 2,
 * optional 1). Every roll-up keeps its trace: the entries it used.
 *
 * Rounding, the one rule for every view (report page, dashboard, text, CSV,
 * JSON, HTML): figures are computed unrounded and rounded once, when shown:
 *  - a figure (an entry's current, target or gap, a roll-up mean) is shown
 *    rounded to two decimals, halves away from zero (score_round: 11/3 ->
 *    3.67, 2.999 -> 3, -0.001 -> 0);
 *  - a progress percentage is the whole percent nearest to done / total,
 *    halves rounded up, never truncated (score_percent: 13/57 = 22.8 % ->
 *    23 %, 11/12 = 91.7 % -> 92 %, 1/8 = 12.5 % -> 13 %).
 */
#ifndef CDCF_SCORE_H
#define CDCF_SCORE_H

#include <stddef.h>

#include "core/portfolio.h"

/* Entry figure for current (which = 0) or target (which = 1):
 * returns 0 and sets *out, or -1 when the entry has no figure. */
int entry_figure(const struct entry *e, int which, double *out);

/* Gap of an entry, target - current: 0 and *out when it has both figures, else -1. */
int entry_gap(const struct entry *e, double *out);

/* Does the entry have every side its assignment requires scored (current and target)? */
int entry_assessed(const struct entry *e);

/* Is en a selected entry the build has not finished: a service not yet
 * assigned (readiness and parameters never are; a service assessed through
 * its functions is provided by whoever performs them) or not fully scored?
 * Functions are optional detail and never unfinished. */
int entry_unfinished(const struct entry *e);

struct gap {
	size_t entry;		     /* index into portfolio.entries */
	int priority;		     /* level_priority() of the entry's level */
	double current, target, gap; /* entry_figure() and entry_gap() */
};

/* Positive gaps in priority order; *out is allocated (caller frees). */
size_t score_gaps(const struct portfolio *p, struct gap **out);

struct rollup {
	char *category; /* category ref, NULL for overall */
	/* the model of the entries it counts: a category's is its first entry's;
	 * the overall one's is the main model (score_main_model), so scales are
	 * never mixed: a PSIRT's foundation (readiness 0-3) has its own roll-up
	 * and stays out of the overall service figure */
	enum assessment assessment;
	size_t n_entries; /* selected entries (level != not_required) */
	size_t n_assessed;
	double current, target; /* means; valid when n_assessed > 0 */
	double gap;		/* target - current; valid when n_assessed > 0 */
	size_t *trace;		/* indices of the entries used */
};

/* The main model of p: how its services (and custom services) are assessed:
 * parameter for SIM3, service otherwise. */
enum assessment score_main_model(const struct portfolio *p);

/* Roll-ups per category in catalogue order, followed by one overall roll-up
 * (category NULL). Returns the count; free with score_rollups_free. */
size_t score_rollups(const struct portfolio *p, int weighted, struct rollup **out);
void score_rollups_free(struct rollup *r, size_t n);

/* Weight of a level in weighted roll-ups. */
double level_weight(enum level l);

/* Progress of the three build phases. */
struct progress {
	size_t catalogue_total; /* assessable services in the framework + custom */
	size_t catalogue_done;	/* entries with a level */
	size_t profile_total;	/* selected entries with sides (readiness is never assigned) */
	size_t profile_done;	/* of those, assigned */
	size_t portfolio_total; /* selected entries */
	size_t portfolio_done;	/* of those, fully scored (entry_assessed) */
};
void score_progress(const struct portfolio *p, struct progress *out);

/* A figure rounded as every view shows it: two decimals, halves away from
 * zero, never -0. */
double score_round(double v);

/* done / total as a whole percent, rounded as above (0 when total is 0:
 * callers show "no figure" then). */
unsigned score_percent(size_t done, size_t total);

#endif
