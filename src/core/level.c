#include "core/level.h"

#include <stdlib.h>
#include <string.h>

static const char *const level_names[LEVEL_COUNT] = {"not_required", "basic",	 "standard",
						     "advanced",     "optional", "in_scope"};
static const char *const assign_names[ASSIGN_COUNT] = {"unassigned", "insource", "outsource",
						       "hybrid"};
static const char *const side_names[SIDE_COUNT] = {"insource", "outsource"};

static int find(const char *const *names, int n, const char *s)
{
	int i;

	if (!s)
		return -1;
	for (i = 0; i < n; i++)
		if (!strcmp(names[i], s))
			return i;
	return -1;
}

const char *level_name(enum level l)
{
	return (unsigned)l < LEVEL_COUNT ? level_names[l] : "?";
}

int level_parse(const char *s)
{
	return find(level_names, LEVEL_COUNT, s);
}

int level_priority(enum level l)
{
	switch (l) {
	case LEVEL_BASIC:
	case LEVEL_IN_SCOPE:
		return 0;
	case LEVEL_STANDARD:
		return 1;
	case LEVEL_ADVANCED:
		return 2;
	case LEVEL_OPTIONAL:
		return 3;
	default:
		return 4;
	}
}

const char *assignment_name(enum assignment a)
{
	return (unsigned)a < ASSIGN_COUNT ? assign_names[a] : "?";
}

int assignment_parse(const char *s)
{
	return find(assign_names, ASSIGN_COUNT, s);
}

int assignment_uses_side(enum assignment a, enum side s)
{
	switch (a) {
	case ASSIGN_INSOURCE:
		return s == SIDE_INSOURCE;
	case ASSIGN_OUTSOURCE:
		return s == SIDE_OUTSOURCE;
	case ASSIGN_HYBRID:
	case ASSIGN_UNASSIGNED:
		return 1;
	default:
		return 0;
	}
}

const char *side_name(enum side s)
{
	return (unsigned)s < SIDE_COUNT ? side_names[s] : "?";
}

int side_parse(const char *s)
{
	return find(side_names, SIDE_COUNT, s);
}

int score_parse(const char *s, int *out)
{
	char *end;
	long v;

	if (!s || !*s)
		return -1;
	if (!strcmp(s, "na") || !strcmp(s, "n/a") || !strcmp(s, "NA") || !strcmp(s, "N/A")) {
		*out = SCORE_NA;
		return 0;
	}
	if (s[0] < '0' || s[0] > '9')
		return -1;
	v = strtol(s, &end, 10);
	if (*end || v > 100)
		return -1;
	*out = (int)v;
	return 0;
}
