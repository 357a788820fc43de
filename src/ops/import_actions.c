/*
 * import_actions.c - the sheet Actions of an imported workbook (see
 * import_actions.h).
 */
#include "ops/import_actions.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/ops_int.h"
#include "util/strmap.h"
#include "util/xalloc.h"

static void score_text(int v, char *buf, size_t size)
{
	if (v == SCORE_NONE)
		snprintf(buf, size, "%s", "");
	else if (v == SCORE_NA)
		snprintf(buf, size, "%s", "n/a");
	else
		snprintf(buf, size, "%d", v);
}

static void add_change(struct ops_import_result *out, const char *ref, const char *input,
		       const char *was, const char *now)
{
	struct ops_import_change *ch;

	out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof(*out->v));
	ch = &out->v[out->n++];
	memset(ch, 0, sizeof(*ch)); /* org and framework: set by the caller */
	ch->ref = xstrdup(ref);
	ch->input = input;
	ch->was = xstrdup(was ? was : "");
	ch->now = xstrdup(now);
}

/* The refusal of row i: e prefixed with its cell (the caller lists it as a problem). */
static int refused(const struct actions_import *in, size_t i, int col,
		   struct ops_import_result *out, struct err *e)
{
	char where[256];

	(void)out;
	actions_import_where(in, i, col, where, sizeof(where));
	err_prefix(e, "%s", where);
	return e->code ? e->code : ERR_INVALID;
}

/* The value of column c of row r when it differs from stored (NULL: keep). */
static const char *differs(const struct actions_import_row *r, enum acol c, const char *stored)
{
	const char *v = r->cell[c];

	return v && strcmp(v, stored ? stored : "") ? v : NULL;
}

/* Apply row i to action a; the changes go to out. */
static int apply_row(struct store *st, const char *org, const char *fw_id,
		     const struct actions_import *in, size_t i, const struct action *a,
		     struct ops_import_result *out, struct err *e)
{
	const struct actions_import_row *r = &in->rows[i];
	const char *title = differs(r, ACOL_TITLE, a->title);
	const char *owner = differs(r, ACOL_OWNER, a->owner);
	const char *due = differs(r, ACOL_DUE, a->due);
	const char *target = NULL, *status = NULL;
	char was[16], now[16];
	int rc = 0;

	score_text(a->target, was, sizeof(was));
	if (r->cell[ACOL_TARGET]) {
		portfolio_import_score(r->cell[ACOL_TARGET], now, sizeof(now));
		target = strcmp(now, was) ? now : NULL;
	}
	if (r->cell[ACOL_STATUS]) {
		status = actions_import_status(r->cell[ACOL_STATUS]);
		status = strcmp(status, a->status ? a->status : "") ? status : NULL;
	}
	if (title || owner || due || target)
		rc = ops_action_edit(st, org, fw_id, a->id, title, owner, due, target, e);
	if (!rc && status)
		rc = ops_action_status(st, org, fw_id, a->id, status, e);
	if (rc)
		return refused(in, i, acol_parse(e->field), out, e);
	if (title)
		add_change(out, a->ref_id, "action.title", a->title, title);
	if (owner)
		add_change(out, a->ref_id, "action.owner", a->owner, owner);
	if (due)
		add_change(out, a->ref_id, "action.due", a->due, due);
	if (target)
		add_change(out, a->ref_id, "action.target", was, target);
	if (status)
		add_change(out, a->ref_id, "action.status", a->status, status);
	return 0;
}

int ops_import_actions(struct store *st, const char *org, const char *fw_id,
		       const struct actions_import *in, struct ops_import_result *out,
		       struct err *e)
{
	struct action *acts = NULL;
	struct strmap slots = {0}; /* ref -> its slot in the counts */
	size_t n = 0, i, k, n_slots = 0, *rows, *actions, *seen, *match;
	long long org_id, pid;
	int rc;

	rc = ops_resolve(st, org, fw_id, &org_id, &pid, e);
	if (!rc)
		rc = store_action_list(st, pid, NULL, &acts, &n, e);
	if (rc)
		return rc;
	strmap_init(&slots, in->n + n);
	rows = xcalloc(in->n + n + 1, sizeof(*rows));
	actions = xcalloc(in->n + n + 1, sizeof(*actions));
	seen = xcalloc(in->n + n + 1, sizeof(*seen));
	match = xcalloc(in->n + 1, sizeof(*match));
	for (i = 0; i < in->n; i++) {
		const char *ref = in->rows[i].cell[ACOL_REF];
		if (strmap_get(&slots, ref) < 0)
			strmap_put(&slots, ref, (int)n_slots++);
		rows[strmap_get(&slots, ref)]++;
	}
	for (k = 0; k < n; k++) {
		int s = strmap_get(&slots, acts[k].ref_id);
		if (s >= 0)
			actions[s]++;
	}
	/* the k-th row of a service is its k-th action, oldest first (the list's order) */
	for (i = 0; !rc && i < in->n; i++) {
		const char *ref = in->rows[i].cell[ACOL_REF];
		int s = strmap_get(&slots, ref);
		size_t want = seen[s]++, got = 0;

		if (rows[s] != actions[s]) {
			err_fail(e, ERR_INVALID, "ref", MSG_E_ACTIONS_IMPORT_COUNT, ref, actions[s],
				 rows[s]);
			rc = refused(in, i, ACOL_REF, out, e);
			break;
		}
		for (k = 0; k < n; k++)
			if (!strcmp(acts[k].ref_id, ref) && got++ == want)
				break;
		match[i] = k;
	}
	for (i = 0; !rc && i < in->n; i++)
		rc = apply_row(st, org, fw_id, in, i, &acts[match[i]], out, e);
	free(match);
	free(seen);
	free(actions);
	free(rows);
	strmap_release(&slots);
	action_list_free(acts, n);
	return rc;
}
