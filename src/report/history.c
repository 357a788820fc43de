/*
 * history.c - the closed cycles of a portfolio as frozen portfolios, for the
 * trend (model.h). The one place the report reads stored snapshots.
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/snapshot.h"
#include "report/model.h"
#include "util/xalloc.h"

void report_history_init(struct report_history *h)
{
	memset(h, 0, sizeof(*h));
}

void report_history_add(struct report_history *h, int number, const char *closed_at,
			const char *snapshot_json, const struct framework *fw)
{
	struct report_cycle *c;
	json_t *snap;

	if (!closed_at || !snapshot_json)
		return; /* the open cycle: its figures are the live portfolio's */
	snap = json_loads(snapshot_json, 0, NULL);
	if (!snap)
		return;
	h->cycles = xgrow(h->cycles, &h->cap, h->n + 1, sizeof(*h->cycles));
	c = &h->cycles[h->n++];
	c->number = number;
	c->closed_at = xstrdup(closed_at);
	portfolio_init(&c->p);
	/* an unreadable snapshot rolls up as an empty portfolio: no figures */
	(void)snapshot_to_portfolio(snap, fw, &c->p);
	json_decref(snap);
}

void report_history_release(struct report_history *h)
{
	size_t i;

	if (!h)
		return;
	for (i = 0; i < h->n; i++) {
		free(h->cycles[i].closed_at);
		portfolio_release(&h->cycles[i].p);
	}
	free(h->cycles);
	memset(h, 0, sizeof(*h));
}
