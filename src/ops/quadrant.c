/*
 * quadrant.c - an organization's own positions on the procurement quadrant
 * (see ops_quadrant.h).
 */
#include "ops/ops_quadrant.h"

#include "core/position.h"
#include "ops/ops_int.h"
#include "store/store_position.h"

int ops_quadrant_save(struct store *st, const char *org, const char *fw_id,
		      const struct ops_position *v, size_t n, size_t *changed, struct err *e)
{
	struct portfolio p;
	size_t i;
	int rc, skill = -1, info = -1, one;

	if (changed)
		*changed = 0;
	for (i = 0; i < n; i++) { /* every value first: a bad one stores nothing */
		if (!v[i].ref || !*v[i].ref)
			return err_fail(e, ERR_INVALID, "ref", MSG_E_QUAD_NO_REF);
		if (v[i].reset)
			continue;
		rc = position_axis(v[i].skill, v[i].ref, "skill", &skill, e);
		if (!rc)
			rc = position_axis(v[i].information, v[i].ref, "information", &info, e);
		if (rc)
			return rc;
	}
	rc = ops_tx_load(st, org, fw_id, &p, e);
	if (rc)
		return rc;
	for (i = 0; !rc && i < n; i++) {
		const struct entry *en = portfolio_find(&p, v[i].ref);
		if (!en) {
			rc = err_fail(e, ERR_NOT_FOUND, "ref", MSG_E_NOT_IN_PORTFOLIO, v[i].ref,
				      p.org_name, p.framework_id);
			break;
		}
		if (!entry_has_sides(en) || en->part) {
			rc = err_fail(e, ERR_INVALID, "ref", MSG_E_QUAD_NOT_PROCURED, v[i].ref);
			break;
		}
		skill = info = -1;
		if (!v[i].reset) {
			position_axis(v[i].skill, v[i].ref, "skill", &skill, e);
			position_axis(v[i].information, v[i].ref, "information", &info, e);
		}
		rc = store_position_set(st, p.id, v[i].ref, skill, info, &one, e);
		if (!rc && changed)
			*changed += (size_t)one;
	}
	portfolio_release(&p);
	return ops_tx_end(st, rc, e);
}
