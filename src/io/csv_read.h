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
 * Refused, with where "FILE:LINE:COLUMN" (COLUMN: the field's number):
 * invalid UTF-8, a field longer than CSV_FIELD_MAX, more than CSV_FIELDS_MAX
 * fields in a line, more than rows_max rows after the first (the heading), a stray or unclosed
 * quote.
 */
#ifndef CDCF_CSV_READ_H
#define CDCF_CSV_READ_H

#include <stddef.h>

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

/* Read data[0..len) into out (initialised here): the heading and at most rows_max rows;
 * name is the file's name for messages. */
int csv_read(const char *data, size_t len, const char *name, size_t rows_max, struct csv_doc *out,
	     struct err *e);
void csv_doc_release(struct csv_doc *d);

#endif
