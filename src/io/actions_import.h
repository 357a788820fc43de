/*
 * actions_import.h - the sheet Actions of a cdcf workbook as a person edits
 * it, read into rows of text, each value with the place it came from
 * (docs/formats.md, the portfolio workbook). portfolio_import_read_xlsx
 * reads it with the sheet Portfolio; ops/import_actions.c applies it.
 *
 * The heading row names the columns by their keys (ref, title, owner, due,
 * target, status, overdue) or their English or Japanese headings, in any
 * order; every column must be known and appear once, ref is required;
 * overdue is read-only and ignored. Rows without any value are skipped, and
 * so is the workbook's "No improvement actions" line. Nothing here knows the
 * stored actions.
 */
#ifndef CDCF_ACTIONS_IMPORT_H
#define CDCF_ACTIONS_IMPORT_H

#include <stddef.h>

#include "util/err.h"

#define ACTIONS_SHEET "Actions"
#define ACTIONS_IMPORT_ROWS_MAX ((size_t)20000) /* actions of one workbook */

enum acol {
	ACOL_REF,
	ACOL_TITLE,
	ACOL_OWNER,
	ACOL_DUE,
	ACOL_TARGET,
	ACOL_STATUS,
	ACOL_OVERDUE,
	ACOL_COUNT
};

/* "ref", "title", "owner", "due", "target", "status", "overdue": the column's key, which
 * is also the field ops names. -1 from acol_parse otherwise. */
const char *acol_key(enum acol c);
int acol_parse(const char *key);

struct actions_import_row {
	long line;		/* the sheet's row number, from 1 */
	char *cell[ACOL_COUNT]; /* the values, trimmed except the title; NULL: no such column */
};

struct actions_import {
	char *file;	     /* the workbook's name, for messages */
	int col[ACOL_COUNT]; /* the sheet's column of each, 0-based, -1 when absent */
	struct actions_import_row *rows;
	size_t n, cap;
};

struct xlsx;

/* Read the sheet Actions of the open workbook x (name: the file's, for messages) into a
 * new *out (actions_import_free). 0, or ERR_INVALID / ERR_TOO_LARGE naming the cell. */
int actions_import_read(struct xlsx *x, const char *name, struct actions_import **out,
			struct err *e);
void actions_import_free(struct actions_import *a);

/* Where value c of row i is: "book.xlsx: Actions!C5 (owner='x')"; c < 0 or a column the
 * sheet lacks: the row's ref. */
void actions_import_where(const struct actions_import *a, size_t i, int c, char *buf, size_t size);

/* A status as the workbook or a person writes it ("open", "done" or their words in
 * English or Japanese): the key, or the text itself (ops refuses it, naming it). */
const char *actions_import_status(const char *text);

#endif
