/*
 * csv_read.h - a bounded RFC 4180 reader: comma-separated fields, quoted
 * fields with "" for a quote and line breaks inside, CRLF or LF line ends,
 * a UTF-8 byte order mark skipped. Blank lines are skipped.
 *
 *   struct csv_doc d;
 *   rc = csv_read(data, len, "portfolio.csv", CSV_ROWS_MAX, &d, e);
 *   for (i = 0; i < d.n; i++) ... d.rows[i].line, .n, .f[0..n)
 *   csv_doc_release(&d);
 *
 * or a row at a time, keeping only the row being read:
 *
 *   struct csv_cursor c;
 *   rc = csv_open(&c, data, len, "portfolio.csv", CSV_ROWS_MAX, e);
 *   while (!rc && (rc = csv_next(&c, e)) == 1) ... c.row.line, .n, .f[0..n)
 *   csv_close(&c);
 *
 * Refused, with where "FILE:LINE:COLUMN" (COLUMN: the field's number):
 * invalid UTF-8, a field longer than CSV_FIELD_MAX, more than CSV_FIELDS_MAX
 * fields in a line, more than rows_max rows after the first (the heading), a stray or unclosed
 * quote.
 */
#ifndef CDCF_CSV_READ_H
#define CDCF_CSV_READ_H

#include <stddef.h>

#include "util/buf.h"
#include "util/err.h"

#define CSV_FIELD_MAX ((size_t)64 << 10)
#define CSV_FIELDS_MAX ((size_t)256)
#define CSV_ROWS_MAX ((size_t)100000)

struct csv_row {
	long line; /* the line the row starts on, from 1 */
	size_t n;
	char **f;
};

struct csv_doc {
	struct csv_row *rows;
	size_t n, cap;
};

/* A reading of data[0..len) a row at a time; the bytes are borrowed and must outlive it. */
struct csv_cursor {
	const char *data, *name;
	size_t len, i;
	size_t rows, rows_max; /* rows read, the heading included; the heading and rows_max more */
	long line;
	struct csv_row row; /* the row read last: its fields point into text */
	struct buf text;    /* the row's fields, each ended by a NUL */
	size_t *start;	    /* where each field starts in text */
	size_t cap_start, cap_f;
};

/* Start reading (c initialised here); the whole of data is checked to be UTF-8 first. */
int csv_open(struct csv_cursor *c, const char *data, size_t len, const char *name, size_t rows_max,
	     struct err *e);
/* The next row into c->row (valid until the next call): 1, 0 at the end, or < 0 refused
 * (then every later call refuses too). */
int csv_next(struct csv_cursor *c, struct err *e);
void csv_close(struct csv_cursor *c);

/* Read data[0..len) into out (initialised here): the heading and at most rows_max rows;
 * name is the file's name for messages. */
int csv_read(const char *data, size_t len, const char *name, size_t rows_max, struct csv_doc *out,
	     struct err *e);
void csv_doc_release(struct csv_doc *d);

#endif
