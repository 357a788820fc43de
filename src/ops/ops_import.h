/*
 * ops_import.h - a portfolio edited outside cdcf (a workbook, a CSV file:
 * io/portfolio_import.h) applied through ops_rows_save: one transaction,
 * every row checked by the rules of the pages, nothing written when any row
 * is refused.
 *
 *   struct ops_import_result res;
 *   rc = ops_import(st, NULL, "Acme", "x1060-2021", &in, dry_run, &res, &e);
 *   for (i = 0; i < res.n; i++) res.v[i].ref, .input, .was, .now
 *   for (i = 0; i < res.n_problems; i++) res.problems[i] (where: the cell or line)
 *   ops_import_result_release(&res);
 *
 * Only the inputs that differ from what is stored are handed to ops (a row
 * that changes nothing is not checked: its version does not matter), with
 * the row's version as the optimistic lock. The changes listed are those
 * between the portfolio before and after, entry by entry: exactly what the
 * import writes. A dry run computes them the same way and rolls back.
 */
#ifndef CDCF_OPS_IMPORT_H
#define CDCF_OPS_IMPORT_H

#include "io/portfolio_import.h"
#include "ops/ops.h"

struct ops_import_change {
	char *ref;
	const char *input; /* "level", "assignment", "team", "provider", "insource.current", ... */
	char *was, *now;   /* as text: keys, scores "3" / "n/a", "" for none */
};

struct ops_import_result {
	struct ops_import_change *v;
	size_t n, cap;
	size_t entries;	      /* entries changed */
	struct err *problems; /* each refused row's error, where: its cell or line */
	size_t n_problems;
};

/* Apply in (or with dry_run, only compute) to ORG's FW portfolio; out is initialised here.
 * On refusal e holds the first problem and out->problems all of them. */
int ops_import(struct store *st, const struct ops_actor *who, const char *org, const char *fw_id,
	       const struct portfolio_import *in, int dry_run, struct ops_import_result *out,
	       struct err *e);
void ops_import_result_release(struct ops_import_result *r);

#endif
