/*
 * quadrant.c - an organization's own positions on the procurement quadrant
 * (see ops_quadrant.h).
 */
#include "ops/ops_quadrant.h"

#include <string.h>

#include "ops/ops_int.h"
#include "store/store_position.h"

/* A whole number 0..QUADRANT_MAX, digits only (no sign, no spaces, no decimals). */
static int axis_value(const char *s, const char *ref, const char *field, int *out, struct err *e)
{
	int v = 0;
	size_t i, len = s ? strlen(s) : 0;

	for (i = 0; i < len && i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			break;
		v = v * 10 + (s[i] - '0');
	}
	if (!len || i != len || v > QUADRANT_MAX)
		return err_fail(e, ERR_INVALID, field,
				strcmp(field, "skill") ? MSG_E_QUAD_INFO : MSG_E_QUAD_SKILL, ref,
				s ? s : "");
	*out = v;
	return 0;
}

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
		rc = axis_value(v[i].skill, v[i].ref, "skill", &skill, e);
		if (!rc)
			rc = axis_value(v[i].information, v[i].ref, "information", &info, e);
		if (rc)
			return rc;
	}
	rc = ops_tx_load(st, org, fw_id, &p, e);
	if (rc)
		return rc;
	for (i = 0; !rc && i < n; i++) {
		if (!portfolio_find(&p, v[i].ref)) {
			rc = err_fail(e, ERR_NOT_FOUND, "ref", MSG_E_NOT_IN_PORTFOLIO, v[i].ref,
				      p.org_name, p.framework_id);
			break;
		}
		skill = info = -1;
		if (!v[i].reset) {
			axis_value(v[i].skill, v[i].ref, "skill", &skill, e);
			axis_value(v[i].information, v[i].ref, "information", &info, e);
		}
		rc = store_position_set(st, p.id, v[i].ref, skill, info, &one, e);
		if (!rc && changed)
			*changed += (size_t)one;
	}
	portfolio_release(&p);
	return ops_tx_end(st, rc, e);
}
