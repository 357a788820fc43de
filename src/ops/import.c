/*
 * import.c - a portfolio edited in a workbook or a CSV file, applied as rows
 * of ops_rows_save inside one outer transaction: the portfolio is read
 * before and after (inside it), the changes are the difference, and a dry
 * run rolls the whole transaction back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/import_actions.h"
#include "ops/ops_import.h"
#include "ops/ops_int.h"
#include "util/xalloc.h"

/* The editable inputs, in the order ops applies them. */
static const enum pcol inputs[] = {
    PCOL_LEVEL,	    PCOL_ASSIGNMENT,  PCOL_TEAM,       PCOL_PROVIDER, PCOL_IN_CURRENT,
    PCOL_IN_TARGET, PCOL_OUT_CURRENT, PCOL_OUT_TARGET, PCOL_NOTE,
};
#define N_INPUTS (sizeof(inputs) / sizeof(inputs[0]))

static void score_text(int v, char *buf, size_t size)
{
	if (v == SCORE_NONE)
		snprintf(buf, size, "%s", "");
	else if (v == SCORE_NA)
		snprintf(buf, size, "%s", "n/a");
	else
		snprintf(buf, size, "%d", v);
}

/* Input c of en as stored, as text ("" for none; en NULL: a service not in the catalogue). */
static const char *stored(const struct entry *en, enum pcol c, char *buf, size_t size)
{
	if (!en)
		return c == PCOL_ASSIGNMENT ? assignment_name(ASSIGN_UNASSIGNED) : "";
	switch (c) {
	case PCOL_LEVEL:
		return level_name(en->level);
	case PCOL_ASSIGNMENT:
		return assignment_name(en->assignment);
	case PCOL_TEAM:
		return en->team ? en->team : "";
	case PCOL_PROVIDER:
		return en->provider ? en->provider : "";
	case PCOL_IN_CURRENT:
		score_text(en->score[SIDE_INSOURCE].current, buf, size);
		return buf;
	case PCOL_IN_TARGET:
		score_text(en->score[SIDE_INSOURCE].target, buf, size);
		return buf;
	case PCOL_OUT_CURRENT:
		score_text(en->score[SIDE_OUTSOURCE].current, buf, size);
		return buf;
	case PCOL_OUT_TARGET:
		score_text(en->score[SIDE_OUTSOURCE].target, buf, size);
		return buf;
	case PCOL_NOTE:
		return en->note ? en->note : "";
	default:
		return "";
	}
}

/* The value of cell c as ops reads it (scores into buf). */
static const char *wanted(const char *cell, enum pcol c, char *buf, size_t size)
{
	switch (c) {
	case PCOL_LEVEL:
		return portfolio_import_level(cell);
	case PCOL_ASSIGNMENT:
		return portfolio_import_assignment(cell);
	case PCOL_IN_CURRENT:
	case PCOL_IN_TARGET:
	case PCOL_OUT_CURRENT:
	case PCOL_OUT_TARGET:
		portfolio_import_score(cell, buf, size);
		return buf;
	default:
		return cell;
	}
}

static void set_input(struct ops_row *r, enum pcol c, const char *v)
{
	switch (c) {
	case PCOL_LEVEL:
		r->level = v;
		break;
	case PCOL_ASSIGNMENT:
		r->assignment = v;
		break;
	case PCOL_TEAM:
		r->team = v;
		break;
	case PCOL_PROVIDER:
		r->provider = v;
		break;
	case PCOL_IN_CURRENT:
		r->score[SIDE_INSOURCE][OPS_CURRENT] = v;
		break;
	case PCOL_IN_TARGET:
		r->score[SIDE_INSOURCE][OPS_TARGET] = v;
		break;
	case PCOL_OUT_CURRENT:
		r->score[SIDE_OUTSOURCE][OPS_CURRENT] = v;
		break;
	case PCOL_OUT_TARGET:
		r->score[SIDE_OUTSOURCE][OPS_TARGET] = v;
		break;
	case PCOL_NOTE:
		r->note = v;
		break;
	default:
		break;
	}
}

/* The column an ops field names: "entries[3].insource.current" -> PCOL_IN_CURRENT. */
static int field_col(const char *field)
{
	const char *dot = strchr(field, ']');

	if (!dot || dot[1] != '.')
		return -1;
	return pcol_parse(dot + 2);
}

/* The rows of in that change something, as rows of ops; src[k]: row k's place in in. */
static size_t build_rows(const struct portfolio_import *in, const struct portfolio *p,
			 struct ops_row *v, size_t *src, char (*scores)[4][16])
{
	size_t i, k, n = 0;

	for (i = 0; i < in->n; i++) {
		const struct portfolio_import_row *r = &in->rows[i];
		const struct entry *en = portfolio_find(p, r->cell[PCOL_REF]);
		struct ops_row row = {0};
		int changed = 0;

		row.ref = r->cell[PCOL_REF];
		row.version = r->version;
		for (k = 0; k < N_INPUTS; k++) {
			enum pcol c = inputs[k];
			char was[16];
			const char *now;
			char *buf = c >= PCOL_IN_CURRENT && c <= PCOL_OUT_TARGET
					? scores[i][c - PCOL_IN_CURRENT]
					: NULL;

			if (!r->cell[c])
				continue;
			now = wanted(r->cell[c], c, buf, sizeof(scores[i][0]));
			if (!strcmp(now, stored(en, c, was, sizeof(was))))
				continue;
			set_input(&row, c, now);
			changed = 1;
		}
		if (!changed &&
		    en) /* a ref cdcf does not know is checked (and refused) all the same */
			continue;
		src[n] = i;
		v[n++] = row;
	}
	return n;
}

static void add_change(struct ops_import_result *out, const char *ref, enum pcol c, const char *was,
		       const char *now)
{
	struct ops_import_change *ch;

	out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof(*out->v));
	ch = &out->v[out->n++];
	ch->ref = xstrdup(ref);
	ch->input = pcol_key(c);
	ch->was = xstrdup(was);
	ch->now = xstrdup(now);
}

/* What changed between before and after in the entries of the rows v[0..n). */
static void diff(const struct portfolio *before, const struct portfolio *after,
		 const struct ops_row *v, size_t n, struct ops_import_result *out)
{
	size_t i, k;

	for (i = 0; i < n; i++) {
		const struct entry *a = portfolio_find(before, v[i].ref);
		const struct entry *b = portfolio_find(after, v[i].ref);
		size_t had = out->n;

		for (k = 0; k < N_INPUTS; k++) {
			char wb[16], nb[16];
			const char *was = stored(a, inputs[k], wb, sizeof(wb));
			const char *now = stored(b, inputs[k], nb, sizeof(nb));

			if (!a && inputs[k] == PCOL_LEVEL)
				was = "";
			if (strcmp(was, now))
				add_change(out, v[i].ref, inputs[k], was, now);
		}
		if (out->n > had)
			out->entries++;
	}
}

/* Every refused row's error, where: the cell or line of the value. */
static void collect_problems(const struct portfolio_import *in, const struct ops_rows *rows,
			     const size_t *src, struct ops_import_result *out, struct err *e)
{
	size_t k;

	out->problems = xcalloc(rows->n + 1, sizeof(*out->problems));
	for (k = 0; k < rows->n; k++) {
		struct err *p;
		char where[256];

		if (!rows->errs[k].code)
			continue;
		p = &out->problems[out->n_problems++];
		err_copy(p, &rows->errs[k]);
		portfolio_import_where(in, src[k], field_col(p->field), where, sizeof(where));
		err_prefix(p, "%s", where);
	}
	if (!out->n_problems) /* not a row's: the store's */
		err_copy(&out->problems[out->n_problems++], e);
	else
		err_copy(e, &out->problems[0]);
}

int ops_import(struct store *st, const struct ops_actor *who, const char *org, const char *fw_id,
	       const struct portfolio_import *in, int dry_run, struct ops_import_result *out,
	       struct err *e)
{
	struct portfolio before, after;
	struct ops_rows rows = {0};
	struct ops_row *v;
	size_t *src;
	char(*scores)[4][16];
	int rc;

	memset(out, 0, sizeof(*out));
	rc = ops_tx_load(st, org, fw_id, &before, e);
	if (rc)
		return rc;
	portfolio_init(&after);
	v = xcalloc(in->n + 1, sizeof(*v));
	src = xcalloc(in->n + 1, sizeof(*src));
	scores = xcalloc(in->n + 1, sizeof(*scores));
	rows.v = v;
	rows.n = build_rows(in, &before, v, src, scores);
	rows.errs = xcalloc(rows.n + 1, sizeof(*rows.errs));
	rows.after = &after;
	if (rows.n) {
		rc = ops_rows_save(st, who, org, fw_id, &rows, e);
		if (rc)
			collect_problems(in, &rows, src, out, e);
		else
			diff(&before, &after, v, rows.n, out);
	}
	if (!rc && in->actions) /* the sheet Actions, in the same transaction */
		rc = ops_import_actions(st, org, fw_id, in->actions, out, e);
	if (rc || dry_run)
		db_rollback(st->db);
	else
		rc = ops_tx_end(st, 0, e);
	free(rows.errs);
	free(scores);
	free(src);
	free(v);
	portfolio_release(&after);
	portfolio_release(&before);
	return rc;
}

void ops_import_result_release(struct ops_import_result *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->n; i++) {
		free(r->v[i].ref);
		free(r->v[i].was);
		free(r->v[i].now);
	}
	free(r->v);
	free(r->problems);
	memset(r, 0, sizeof(*r));
}
