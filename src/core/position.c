/*
 * position.c - the rule for a position on the procurement quadrant (see position.h).
 */
#include "core/position.h"

#include <string.h>

int position_axis(const char *text, const char *ref, const char *field, int *out, struct err *e)
{
	size_t i, len = text ? strlen(text) : 0;
	int v = 0;

	for (i = 0; i < len && i < 4; i++) {
		if (text[i] < '0' || text[i] > '9')
			break;
		v = v * 10 + (text[i] - '0');
	}
	if (!len || i != len || v > QUADRANT_MAX)
		return err_fail(e, ERR_INVALID, field,
				strcmp(field, "skill") ? MSG_E_QUAD_INFO : MSG_E_QUAD_SKILL, ref,
				text ? text : "");
	*out = v;
	return 0;
}
