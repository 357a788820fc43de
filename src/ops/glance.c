/*
 * glance.c - what the glance of a report needs from the store that the
 * report model cannot read itself: the portfolio's open and overdue actions.
 */
#include <stdio.h>
#include <string.h>

#include "ops/ops.h"
#include "report/model.h"
#include "store/store.h"

int ops_action_overdue(const char *status, const char *due, const char *today)
{
	return status && !strcmp(status, "open") && due && *due && today &&
	       strncmp(due, today, 10) < 0;
}

int ops_action_counts(struct store *st, long long portfolio_id, struct report_actions *out,
		      struct err *e)
{
	struct action *a = NULL;
	size_t n = 0, i;
	char now[32], today[11];
	int rc;

	memset(out, 0, sizeof(*out));
	store_now(now);
	snprintf(today, sizeof(today), "%.10s", now);
	rc = store_action_list(st, portfolio_id, "open", &a, &n, e);
	if (rc)
		return rc;
	out->open = n;
	for (i = 0; i < n; i++)
		if (ops_action_overdue(a[i].status, a[i].due, today))
			out->overdue++;
	action_list_free(a, n);
	return 0;
}
