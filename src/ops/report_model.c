/*
 * report_model.c - the full report model of a portfolio (ops_report.h).
 */
#include <string.h>

#include "ops/ops.h"
#include "ops/ops_report.h"

int ops_report_model(struct store *st, const struct portfolio *p, enum lang lang,
		     struct ops_report *r, struct err *e)
{
	struct report_input in = {.p = p,
				  .lang = lang,
				  .history = &r->history,
				  .warning = ops_entry_warned,
				  .actions = &r->actions,
				  .lists = &r->lists};
	int rc;

	memset(r, 0, sizeof(*r));
	report_history_init(&r->history);
	rc = ops_report_history(st, p, &r->history, e);
	if (!rc)
		rc = ops_action_counts(st, p->id, &r->actions, e);
	if (!rc)
		rc = ops_report_lists(st, p, &r->lists, e);
	if (!rc)
		rc = report_model_new(&in, &r->m, e);
	if (rc)
		ops_report_release(r);
	return rc;
}

void ops_report_release(struct ops_report *r)
{
	report_model_free(r->m);
	r->m = NULL;
	report_lists_release(&r->lists);
	report_history_release(&r->history);
}
