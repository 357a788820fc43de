/*
 * level.h - recommendation levels (X.1060 Table 1) and assignments (9.3).
 */
#ifndef CDCF_LEVEL_H
#define CDCF_LEVEL_H

#include "core/framework.h"

enum level {
	LEVEL_NOT_REQUIRED,
	LEVEL_BASIC,
	LEVEL_STANDARD,
	LEVEL_ADVANCED,
	LEVEL_OPTIONAL,
	/* readiness and parameters: in scope (the default) or not required,
	 * never one of the service levels above */
	LEVEL_IN_SCOPE,
	LEVEL_COUNT
};

enum assignment {
	ASSIGN_UNASSIGNED,
	ASSIGN_INSOURCE,
	ASSIGN_OUTSOURCE,
	ASSIGN_HYBRID,
	ASSIGN_COUNT
};

/* "not_required", "basic", ...; level_parse returns -1 for anything else. */
const char *level_name(enum level l);
int level_parse(const char *s);
/* Priority rank for gaps: basic and in_scope 0, standard 1, advanced 2, optional 3,
 * not_required 4. */
int level_priority(enum level l);

/* "unassigned", "insource", "outsource", "hybrid"; assignment_parse returns -1 otherwise. */
const char *assignment_name(enum assignment a);
int assignment_parse(const char *s);

/* Does an entry with this assignment use the given score side?
 * In-house uses insource, outsourced uses outsource, hybrid uses both;
 * an unassigned service may be scored on either side (its current score is "not
 * done" so far: core/rules.h, rule_unassigned_current). */
int assignment_uses_side(enum assignment a, enum side s);

/* "insource" / "outsource"; side_parse returns -1 otherwise. */
const char *side_name(enum side s);
int side_parse(const char *s);

/* Score text: "1".."5", "n/a", "" (not assessed). score_parse accepts digits and "na"/"n/a". */
int score_parse(const char *s, int *out);

#endif
