/*
 * evaluate.c - the evaluation process: planning the next evaluation,
 * closing a cycle with its answers and snapshot, reading a cycle's snapshot.
 */
#include <stdlib.h>
#include <string.h>

#include "core/evaluation.h"
#include "ops/ops_int.h"

/* A date argument: NULL for none ("" too), else it must be a real calendar day. */
static int next_date(const char **date, struct err *e)
{
	if (*date && !**date)
		*date = NULL;
	return store_check_date_as(STORE_WHAT(MSG_N_NEXT_EVALUATION, "next_evaluation"), *date, e);
}

/* A cycle is evaluated for its selected services: none selected, nothing to evaluate. */
static int something_selected(const struct portfolio *p, const char *org, struct err *e)
{
	size_t i;

	for (i = 0; i < p->n_entries; i++)
		if (p->entries[i].level != LEVEL_NOT_REQUIRED)
			return 0;
	return err_fail(e, ERR_INVALID, "catalogue", MSG_E_OPS_EVALUATE_EMPTY, org,
			p->framework_id);
}

int ops_schedule_evaluation(struct store *st, const char *org, const char *fw_id, const char *date,
			    struct err *e)
{
	long long org_id, pid;
	int rc = next_date(&date, e);

	if (rc)
		return rc;
	rc = ops_tx_resolve(st, org, fw_id, &org_id, &pid, e);
	if (rc)
		return rc;
	rc = store_portfolio_set_next_evaluation(st, pid, date, e);
	return ops_tx_end(st, rc, e);
}

int ops_evaluate(struct store *st, const char *org, const char *fw_id, const json_t *answers,
		 const char *approved_by, const char *next_evaluation, struct err *e)
{
	struct portfolio p;
	json_t *snap = NULL;
	char *snap_text = NULL, *answers_text = NULL;
	int rc;

	rc = ops_field(e, eval_validate(answers, e), "answers");
	if (!rc)
		rc = next_date(&next_evaluation, e);
	if (rc)
		return rc;
	if (approved_by && strlen(approved_by) > STORE_NAME_MAX)
		return err_fail(e, ERR_TOO_LARGE, "approved_by", MSG_E_OPS_APPROVER_TOO_LONG,
				STORE_NAME_MAX);
	rc = ops_tx_load(st, org, fw_id, &p, e);
	if (rc)
		return rc;
	rc = something_selected(&p, org, e);
	if (rc)
		goto out;
	snap = snapshot_of(&p);
	snap_text = json_dumps(snap, JSON_COMPACT | JSON_PRESERVE_ORDER);
	answers_text = json_dumps(answers, JSON_COMPACT | JSON_PRESERVE_ORDER);
	if (!snap_text || !answers_text)
		rc = err_fail(e, ERR_NOMEM, "", MSG_E_OPS_SNAPSHOT_SERIALISE);
	if (!rc)
		rc = store_cycle_close(st, p.id, answers_text,
				       approved_by && *approved_by ? approved_by : NULL, snap_text,
				       e);
	if (!rc)
		rc = store_portfolio_set_next_evaluation(st, p.id, next_evaluation, e);
out:
	free(snap_text);
	free(answers_text);
	json_decref(snap);
	portfolio_release(&p);
	return ops_tx_end(st, rc, e);
}

int ops_cycle_snapshot(struct store *st, const char *org, const char *fw_id, int number,
		       json_t **out, struct err *e)
{
	struct portfolio p;
	struct cycle c = {0};
	json_error_t jerr;
	int rc;

	portfolio_init(&p);
	rc = ops_load(st, org, fw_id, &p, e);
	if (rc)
		goto out;
	if (number == p.cycle) {
		*out = snapshot_of(&p);
		goto out;
	}
	rc = store_cycle_get(st, p.id, number, &c, e);
	if (rc)
		goto out;
	if (!c.snapshot_json) {
		rc = err_fail(e, ERR_INTERNAL, "", MSG_E_OPS_CYCLE_NO_SNAPSHOT, number);
		goto out;
	}
	*out = json_loads(c.snapshot_json, 0, &jerr);
	if (!*out)
		rc = err_fail(e, ERR_INTERNAL, "", MSG_E_OPS_CYCLE_DAMAGED, number, jerr.text);
out:
	cycle_release(&c);
	portfolio_release(&p);
	return rc;
}
