/*
 * ops_quadrant.h - an organization moves services on the procurement
 * quadrant for itself (and places its custom services), or puts them back
 * at the catalogue's position.
 *
 *   struct ops_position pos = {.ref = "A-3", .skill = "70", .information = "20"};
 *   rc = ops_quadrant_save(st, "Acme", "x1060-2021", &pos, 1, &changed, &e);
 *   -> ERR_INVALID "skill for 'A-3' must be a whole number 0-100, got '170'"
 *      with e->field "skill"; ERR_NOT_FOUND when A-3 is not in the portfolio.
 *
 * Positions are whole numbers 0..100 on both axes, as in the catalogue
 * (framework show --json divides them by 100). Every row applies, or none.
 */
#ifndef CDCF_OPS_QUADRANT_H
#define CDCF_OPS_QUADRANT_H

#include <stddef.h>

#include "core/position.h"
#include "ops/ops.h"

/* One service's new position, as typed; reset puts it back at the catalogue's. */
struct ops_position {
	const char *ref;
	const char *skill;	 /* "0".."100" (ignored with reset) */
	const char *information; /* "0".."100" (ignored with reset) */
	int reset;
};

/*
 * Apply the n rows to ORG's FW portfolio in one transaction, each audited
 * ("entry.position"). A row that changes nothing is skipped; *changed (may
 * be NULL) counts the rows that changed. Refusals name the service: a
 * service not in the portfolio (ERR_NOT_FOUND, field "ref"), a value that is
 * not a whole number 0..100 (ERR_INVALID, field "skill" or "information").
 */
int ops_quadrant_save(struct store *st, const char *org, const char *fw_id,
		      const struct ops_position *v, size_t n, size_t *changed, struct err *e);

#endif
