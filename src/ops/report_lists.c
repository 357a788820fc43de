/*
 * report_lists.c - what the portfolio workbook shows besides the portfolio
 * (report/model.h, struct report_lists): the organization's teams and
 * providers, its drop-downs, and the portfolio's improvement actions.
 */
#include <stdio.h>
#include <string.h>

#include "ops/ops.h"
#include "report/model.h"
#include "store/store.h"
#include "util/xalloc.h"

static int names(struct store *st, enum party_kind k, long long org_id, char ***out, size_t *n,
		 struct err *e)
{
	struct party *list = NULL;
	size_t i, count = 0;
	int rc = store_party_list(st, k, org_id, &list, &count, e);

	if (rc)
		return rc;
	*out = xcalloc(count + 1, sizeof(char *));
	for (i = 0; i < count; i++)
		(*out)[i] = xstrdup(list[i].name);
	*n = count;
	party_list_free(list, count);
	return 0;
}

int ops_report_lists(struct store *st, const struct portfolio *p, struct report_lists *out,
		     struct err *e)
{
	struct action *a = NULL;
	size_t n = 0, i;
	char now[32], today[11];
	int rc;

	memset(out, 0, sizeof(*out));
	store_now(now);
	snprintf(today, sizeof(today), "%.10s", now);
	rc = names(st, PARTY_TEAM, p->org_id, &out->teams, &out->n_teams, e);
	if (!rc)
		rc = names(st, PARTY_PROVIDER, p->org_id, &out->providers, &out->n_providers, e);
	if (!rc)
		rc = store_action_list(st, p->id, NULL, &a, &n, e);
	if (rc) {
		report_lists_release(out);
		return rc;
	}
	out->actions = xcalloc(n + 1, sizeof(*out->actions));
	for (i = 0; i < n; i++) {
		struct report_action *ra = &out->actions[i];
		ra->ref = xstrdup(a[i].ref_id);
		ra->title = xstrdup(a[i].title);
		ra->owner = xstrdup(a[i].owner);
		ra->due = xstrdup(a[i].due);
		ra->status = xstrdup(a[i].status);
		ra->target = a[i].target;
		ra->overdue = ops_action_overdue(a[i].status, a[i].due, today);
	}
	out->n_actions = n;
	action_list_free(a, n);
	return 0;
}
