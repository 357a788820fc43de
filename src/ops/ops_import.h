/*
 * ops_import.h - portfolios edited outside cdcf (a workbook, a CSV file:
 * io/portfolio_import.h) applied through the rows of ops (ops_batch_row):
 * one transaction for the whole file, every row checked by the rules of the
 * pages, nothing written when any row is refused.
 *
 *   struct ops_import_result res;
 *   rc = ops_import(st, NULL, "Acme", "x1060-2021", &in, dry_run, &res, &e);
 *   for (i = 0; i < res.n; i++) res.v[i].org, .framework, .ref, .input, .was, .now
 *   for (i = 0; i < res.n_problems; i++) res.problems[i] (where: the cell or line)
 *   ops_import_result_release(&res);
 *
 * The rows are read and checked one at a time (the file is never held as
 * rows); each row belongs to the portfolio its columns organization and
 * framework name, else to org and fw_id (which, when given, the columns
 * must match: a row of another organization is refused). The rows of one
 * portfolio in a run are applied to it in memory and its changed entries
 * written when the run ends; a portfolio may come back later in the file.
 * A ref given twice for one portfolio is refused.
 *
 * Only the inputs that differ from what is stored are handed to ops (a row
 * that changes nothing is not checked: its version does not matter), with
 * the row's version as the optimistic lock. The changes listed are those
 * between each entry before its row and as written: exactly what the
 * import writes. A dry run computes them the same way and rolls back.
 * Problems: the first OPS_IMPORT_PROBLEMS_MAX are listed, all are counted.
 */
#ifndef CDCF_OPS_IMPORT_H
#define CDCF_OPS_IMPORT_H

#include "io/portfolio_import.h"
#include "ops/ops.h"

#define OPS_IMPORT_PROBLEMS_MAX 100

struct ops_import_change {
	const char *org, *framework; /* the portfolio's (owned by the result) */
	char *ref;
	const char *input; /* "level", "assignment", "team", "provider", "insource.current", ... */
	char *was, *now;   /* as text: keys, scores "3" / "n/a", "" for none */
};

struct ops_import_result {
	struct ops_import_change *v;
	size_t n, cap;
	size_t entries;	      /* entries changed */
	size_t portfolios;    /* portfolios changed */
	struct err *problems; /* each refused row's error, where: its cell or line */
	size_t n_problems;
	size_t refused; /* problems in all, listed or not */
	char **names;	/* the organization and framework names of v[] */
	size_t n_names, cap_names;
};

/* Apply in, read from its first row (or with dry_run, only compute), to ORG's FW portfolio
 * or those its rows name (org, fw_id: NULL when the file names them); out is initialised
 * here. On refusal e holds the first problem and out->problems the first ones. */
int ops_import(struct store *st, const struct ops_actor *who, const char *org, const char *fw_id,
	       struct portfolio_import *in, int dry_run, struct ops_import_result *out,
	       struct err *e);
void ops_import_result_release(struct ops_import_result *r);

#endif
