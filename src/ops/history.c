/*
 * history.c - the closed cycles of a portfolio, decoded from their frozen
 * snapshots, for the report model's trend (report/model.h).
 */
#include <jansson.h>

#include "ops/ops.h"
#include "report/model.h"
#include "store/cycle_json.h"

int ops_report_history(struct store *st, const struct portfolio *p, struct report_history *h,
		       struct err *e)
{
	struct cycle *c = NULL;
	size_t n = 0, i;
	int rc = store_cycle_list(st, p->id, &c, &n, e);

	for (i = 0; !rc && i < n; i++) {
		struct portfolio frozen;
		json_t *snap;

		if (!c[i].closed_at || !c[i].snapshot_json)
			continue; /* the open cycle: its figures are the live portfolio's */
		snap = json_loads(c[i].snapshot_json, 0, NULL);
		if (!snap)
			continue;
		portfolio_init(&frozen);
		/* an unreadable snapshot rolls up as an empty portfolio: no figures */
		(void)snapshot_to_portfolio(snap, p->fw, &frozen);
		json_decref(snap);
		report_history_add(h, c[i].number, c[i].closed_at, &frozen);
		portfolio_release(&frozen);
	}
	cycle_list_free(c, n);
	return rc;
}
