/*
 * portfolio_import.h - a portfolio as a person edits it: the sheet Portfolio
 * of a cdcf workbook (docs: the workbook layout) or a CSV file with the same
 * columns, read a row at a time, each value with the place it came from.
 *
 *   struct portfolio_import in;
 *   rc = portfolio_import_read_file("book.xlsx", &in, e);
 *   ... in.org, in.framework (sheet About: B1, B2), in.col[PCOL_ORG] (a column?) ...
 *   while ((rc = portfolio_import_next(&in, e)) == 1)
 *           ... in.row.line, in.row.cell[PCOL_LEVEL], in.row.problem ...
 *   portfolio_import_release(&in);
 *
 * The heading row names the columns: by their keys (ref, level, assignment,
 * team, provider, insource.current, insource.target, outsource.current,
 * outsource.target, note, version, organization, framework; name and
 * category are read-only and ignored) or their English or Japanese
 * headings, in any order; every column must be known and appear once, ref
 * is required. Rows without any value are skipped; a row with values needs
 * a ref. Only the row being read is kept (and a CSV file's bytes, or a
 * workbook's cells): the file is checked and applied as it is read, in
 * bounded memory. Nothing here knows the stored portfolio: ops/import.c
 * compares, finds a ref given twice, and applies.
 */
#ifndef CDCF_PORTFOLIO_IMPORT_H
#define CDCF_PORTFOLIO_IMPORT_H

#include <stddef.h>
#include <stdint.h>

#include "io/csv_read.h"
#include "io/xlsx_read.h"
#include "util/err.h"
#include "util/progress.h"

#define PORTFOLIO_IMPORT_FILE_MAX ((size_t)64 << 20) /* bytes of the file */
/* rows of one file: every organization's portfolio (1,000 of 56 services: 56,000 rows) */
#define PORTFOLIO_IMPORT_ROWS_MAX ((size_t)200000)
#define PORTFOLIO_SHEET "Portfolio"
#define PORTFOLIO_ABOUT_SHEET "About"
/* About!B3 of the workbooks this cdcf reads; another "cdcf-workbook N" is refused */
#define PORTFOLIO_WORKBOOK_FORMAT "cdcf-workbook 1"

enum pcol {
	PCOL_REF,
	PCOL_NAME,
	PCOL_CATEGORY,
	PCOL_LEVEL,
	PCOL_ASSIGNMENT,
	PCOL_TEAM,
	PCOL_PROVIDER,
	PCOL_IN_CURRENT,
	PCOL_IN_TARGET,
	PCOL_OUT_CURRENT,
	PCOL_OUT_TARGET,
	PCOL_NOTE,
	PCOL_VERSION,
	PCOL_ORG,	/* optional: the row's organization (else the file's) */
	PCOL_FRAMEWORK, /* optional: the row's framework (else the file's) */
	PCOL_COUNT
};

/* "ref", "name", ..., "insource.current", ..., "version": the column's key, which is also
 * the input's name in ops (ops.h) for the editable ones. -1 from pcol_parse otherwise. */
const char *pcol_key(enum pcol c);
int pcol_parse(const char *key);

struct actions_import;

struct portfolio_import_row {
	long line; /* the sheet's row number or the CSV line, from 1 */
	/* the values, trimmed except the note (in the reader's row_text); NULL: no such column */
	const char *cell[PCOL_COUNT];
	long long version; /* the version column as a number, -1 when absent or empty */
	/* code != 0: the row is refused as it is (no ref, a version that is not a number),
	 * the message naming its place */
	struct err problem;
};

struct portfolio_import {
	int csv;	       /* read from CSV (places are LINE:COLUMN) or a workbook */
	char *file;	       /* the file's name, for messages */
	char *org, *framework; /* the workbook's sheet About (B1, B2), NULL when not given */
	int col[PCOL_COUNT];   /* the file's column of each, 0-based, -1 when absent */
	struct portfolio_import_row row; /* the row read last by portfolio_import_next */
	char *row_text;			 /* its cells' bytes, one after another */
	size_t cap_row_text;
	size_t n; /* rows read since the heading (rows with values) */
	/* the reading */
	char *data; /* CSV: the file's bytes */
	size_t len;
	struct csv_cursor cur;
	struct xlsx_sheet sheet; /* workbook: the cells of the sheet Portfolio */
	size_t at, first;	 /* its next cell, and the first after the heading */
	/* a workbook's sheet Actions (io/actions_import.h), NULL when it has none */
	struct actions_import *actions;
	/* told how far the rows were read, and stoppable (util/progress.h); NULL: neither watched
	 * nor drawn, still stoppable by a caught signal */
	struct progress_watch *progress;
};

/* Open path: a workbook (.xlsx, or a zip) or a CSV file (.csv): its heading row (and the
 * sheet About) read, the rows left for portfolio_import_next. */
int portfolio_import_read_file(const char *path, struct portfolio_import *out, struct err *e);
/* The same from bytes (copied); name is the file's name for messages. */
int portfolio_import_read_xlsx(const void *data, size_t len, const char *name,
			       struct portfolio_import *out, struct err *e);
int portfolio_import_read_csv(const char *data, size_t len, const char *name,
			      struct portfolio_import *out, struct err *e);
void portfolio_import_release(struct portfolio_import *in);

/* The next row with values into in->row (valid until the next call): 1, 0 after the last
 * one, or < 0 when the file is refused as a whole (a CSV line that is not CSV, more than
 * PORTFOLIO_IMPORT_ROWS_MAX rows), e naming the place. A row refused on its own is
 * returned with in->row.problem set. */
int portfolio_import_next(struct portfolio_import *in, struct err *e);
/* How far the rows were read: a CSV file's bytes, a workbook's cells of the sheet. */
void portfolio_import_at(const struct portfolio_import *in, uint64_t *done, uint64_t *total);
/* Read the rows again from the first after the heading. */
void portfolio_import_rewind(struct portfolio_import *in);

/* Is path (by its name, else its first bytes) a workbook (1), a CSV file (2), or neither
 * (0, for the JSON archive)? */
int portfolio_import_kind(const char *path, const char *head, size_t n);

/*
 * Where value c of row r is, for an error's where: "Portfolio!H5 (insource.current='7')"
 * or "file.csv:5:8 ..."; c < 0 or a column the file lacks: the row's ref.
 */
void portfolio_import_where(const struct portfolio_import *in, const struct portfolio_import_row *r,
			    int c, char *buf, size_t size);
/* The place of column c on line (or sheet row) line alone: "file.csv:5:1", "file: Portfolio!A5". */
void portfolio_import_place(const struct portfolio_import *in, long line, int c, char *buf,
			    size_t size);

/* A level or assignment as the workbook or a person writes it (the key, or its word in
 * English or Japanese; "" or "Not selected"/"未選択" for no level, "" for unassigned): the key, or
 * the text itself when it is none of these (ops refuses it, naming it). */
const char *portfolio_import_level(const char *text);
const char *portfolio_import_assignment(const char *text);

/* A score as written ("3", "3.0", "n/a", "N/A", "") in the form ops reads ("3", "n/a"). */
void portfolio_import_score(const char *text, char *buf, size_t size);

#endif
