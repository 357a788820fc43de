/*
 * snapshot.c - the change list of a cycle diff. The JSON forms of snapshots
 * and the diff over them are store/cycle_json.c's.
 */
#include "core/snapshot.h"

#include <stdlib.h>

void change_list_free(struct change *c, size_t n)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < n; i++) {
		free(c[i].ref_id);
		free(c[i].field);
		free(c[i].before);
		free(c[i].after);
	}
	free(c);
}

const char *change_kind_name(enum change_kind k)
{
	static const char *const names[] = {"added", "removed", "level", "assignment", "score"};
	return (unsigned)k < sizeof(names) / sizeof(names[0]) ? names[k] : "?";
}
