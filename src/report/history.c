/*
 * history.c - the closed cycles of a portfolio as frozen portfolios, for the
 * trend (model.h). The caller decodes them (store_cycle_history).
 */
#include <stdlib.h>
#include <string.h>

#include "report/model.h"
#include "util/xalloc.h"

void report_history_init(struct report_history *h)
{
	memset(h, 0, sizeof(*h));
}

void report_history_add(struct report_history *h, int number, const char *closed_at,
			struct portfolio *p)
{
	struct report_cycle *c;

	h->cycles = xgrow(h->cycles, &h->cap, h->n + 1, sizeof(*h->cycles));
	c = &h->cycles[h->n++];
	c->number = number;
	c->closed_at = xstrdup(closed_at ? closed_at : "");
	c->p = *p;
	portfolio_init(p);
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
