/*
 * snapshot.h - what changed between two cycles: the change list a cycle diff
 * gives (store/cycle_json.h's snapshot_diff compares two frozen snapshots,
 * the canonical JSON of a portfolio at the close of a cycle).
 */
#ifndef CDCF_SNAPSHOT_H
#define CDCF_SNAPSHOT_H

#include <stddef.h>

#include "core/portfolio.h"

enum change_kind {
	CHANGE_ADDED,	   /* service entered the catalogue */
	CHANGE_REMOVED,	   /* service left the catalogue */
	CHANGE_LEVEL,	   /* recommendation level changed */
	CHANGE_ASSIGNMENT, /* assignment, team or provider changed */
	CHANGE_SCORE,	   /* a current or target score changed */
};

struct change {
	enum change_kind kind;
	char *ref_id;
	char *field;  /* "level", "assignment", "insource.current", ... */
	char *before; /* text, "" when none */
	char *after;
};

/* Free c[0..n) and c (NULL allowed). */
void change_list_free(struct change *c, size_t n);
/* "added", "removed", "level", "assignment", "score". */
const char *change_kind_name(enum change_kind k);

#endif
