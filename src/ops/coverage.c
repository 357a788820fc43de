/*
 * coverage.c - mappings and coverage for the front ends (ops_coverage.h).
 */
#include "ops/ops_coverage.h"

#include <string.h>

#include "io/mapping_lib.h"

int ops_mappings(const struct mapping_set *const **sets, size_t *n, struct err *e)
{
	return mapping_registry(sets, n, e);
}

int ops_mapping_between(const char *fw_id, const char *other, const struct mapping_set **out,
			struct err *e)
{
	const struct mapping_set *const *sets;
	size_t n;
	int rc = mapping_registry(&sets, &n, e);

	if (rc)
		return rc;
	*out = mapping_registry_find(fw_id, other);
	return *out ? 0 : err_fail(e, ERR_NOT_FOUND, "against", MSG_E_NO_MAPPING, fw_id, other);
}

int ops_coverage(struct store *st, const char *org, const char *fw_id, const char *other,
		 struct ops_coverage *out, struct err *e)
{
	int rc;

	memset(out, 0, sizeof(*out));
	portfolio_init(&out->p);
	rc = ops_framework(other, &out->other, e);
	if (!rc)
		rc = ops_mapping_between(fw_id, other, &out->mapping, e);
	if (!rc)
		rc = ops_load(st, org, fw_id, &out->p, e);
	if (!rc && coverage_build(&out->cov, &out->p, out->other, out->mapping))
		rc = err_fail(e, ERR_NOT_FOUND, "against", MSG_E_NO_MAPPING, fw_id, other);
	if (rc)
		ops_coverage_release(out);
	return rc;
}

void ops_coverage_release(struct ops_coverage *c)
{
	coverage_release(&c->cov);
	portfolio_release(&c->p);
}

const enum msg_id ops_cover_status_word[COVER_STATUS_COUNT] = {[COVER_NONE] = MSG_COVER_NONE,
							       [COVER_PARTLY] = MSG_COVER_PARTLY,
							       [COVER_FULL] = MSG_COVER_FULL};
const enum msg_id ops_cover_state_word[SRC_STATE_COUNT] = {
    [SRC_MET] = MSG_SRC_MET,
    [SRC_BELOW_TARGET] = MSG_SRC_BELOW_TARGET,
    [SRC_NOT_ASSESSED] = MSG_SRC_NOT_ASSESSED,
    [SRC_NOT_SELECTED] = MSG_SRC_NOT_SELECTED};
const enum msg_id ops_cover_rel_word[REL_COUNT] = {[REL_EQUAL] = MSG_REL_EQUAL,
						   [REL_SUBSET] = MSG_REL_SUBSET,
						   [REL_SUPERSET] = MSG_REL_SUPERSET,
						   [REL_INTERSECT] = MSG_REL_INTERSECT};
