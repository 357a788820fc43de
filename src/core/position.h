/*
 * position.h - the rule for a position on X.1060's procurement quadrant:
 * two whole numbers 0..QUADRANT_MAX (skill needed; information handled, own
 * to external), the scale of the catalogue's positions. ops/quadrant.c and
 * the archive import apply it, so an organization's own position is checked
 * the same way wherever it comes from.
 */
#ifndef CDCF_POSITION_H
#define CDCF_POSITION_H

#include "util/err.h"

#define QUADRANT_MAX 100

/*
 * Read one axis of ref's position from text: decimal digits only (no sign,
 * no spaces, no decimals), at most QUADRANT_MAX. field is "skill" or
 * "information" (e->field and the message say which). 0 with *out set, or
 * ERR_INVALID "skill for 'A-3' must be a whole number 0-100, got '170'".
 */
int position_axis(const char *text, const char *ref, const char *field, int *out, struct err *e);

#endif
