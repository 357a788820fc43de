/*
 * csv_read.c - the CSV reader: one pass over the bytes, a field at a time
 * into a bounded buffer.
 */
#include "io/csv_read.h"

#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/utf8.h"
#include "util/xalloc.h"

/* The line of the first byte that is not well-formed UTF-8, and its field. */
static int check_utf8(const char *data, size_t len, const char *name, struct err *e)
{
	size_t i = 0, field = 1;
	long line = 1;
	int quoted = 0;

	while (i < len) {
		unsigned long cp;
		size_t n;
		unsigned char ch = (unsigned char)data[i];

		if (ch < 0x80) {
			if (ch == '"')
				quoted = !quoted;
			else if (ch == ',' && !quoted)
				field++;
			else if (ch == '\n') {
				line++;
				if (!quoted)
					field = 1;
			}
			i++;
			continue;
		}
		n = utf8_decode(data + i, len - i, &cp);
		if (!n) {
			err_fail(e, ERR_INVALID, NULL, MSG_E_CSV_UTF8);
			return err_prefix(e, "%s:%ld:%zu", name, line, field);
		}
		i += n;
	}
	return 0;
}

struct reader {
	struct csv_doc *d;
	struct csv_row row;
	size_t cap_f;
	struct buf field;
};

static void end_field(struct reader *r)
{
	r->row.f = xgrow(r->row.f, &r->cap_f, r->row.n + 1, sizeof(*r->row.f));
	r->row.f[r->row.n++] = buf_detach(&r->field, NULL); /* and the buffer starts again */
}

static void end_row(struct reader *r)
{
	struct csv_doc *d = r->d;
	int blank = r->row.n == 1 && !r->row.f[0][0];

	if (blank) {
		free(r->row.f[0]);
		free(r->row.f);
	} else {
		d->rows = xgrow(d->rows, &d->cap, d->n + 1, sizeof(*d->rows));
		d->rows[d->n++] = r->row;
	}
	memset(&r->row, 0, sizeof(r->row));
	r->cap_f = 0;
}

int csv_read(const char *data, size_t len, const char *name, size_t rows_max, struct csv_doc *out,
	     struct err *e)
{
	struct reader r = {out, {0}, 0, {0}};
	size_t i = 0;
	long line = 1;
	int rc = 0, quoted = 0, was_quoted = 0;

	memset(out, 0, sizeof(*out));
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
		i = 3;
	rc = check_utf8(data, len, name, e);
	if (rc)
		return rc;
	buf_init(&r.field, CSV_FIELD_MAX);
	r.row.line = line;
	while (i <= len && !rc) {
		int at_end = i == len;
		char ch = at_end ? '\n' : data[i];

		i++;
		if (quoted) {
			if (at_end) {
				rc = err_fail(e, ERR_INVALID, NULL, MSG_E_CSV_UNCLOSED);
				break;
			}
			if (ch == '"') {
				if (i < len && data[i] == '"') {
					i++;
					rc = buf_addch(&r.field, '"');
				} else {
					quoted = 0;
					was_quoted = 1;
				}
			} else {
				if (ch == '\n')
					line++;
				rc = buf_addch(&r.field, ch);
			}
			if (rc)
				rc = err_fail(e, ERR_TOO_LARGE, NULL, MSG_E_CSV_FIELD_TOO_LONG,
					      CSV_FIELD_MAX);
			continue;
		}
		if (ch == '\r' && i < len && data[i] == '\n')
			continue; /* CRLF: the LF ends the line */
		if (ch == ',' || ch == '\n') {
			if (r.row.n >= CSV_FIELDS_MAX) {
				rc = err_fail(e, ERR_TOO_LARGE, NULL, MSG_E_CSV_TOO_MANY_FIELDS,
					      CSV_FIELDS_MAX);
				break;
			}
			end_field(&r);
			was_quoted = 0;
			if (ch == '\n') {
				end_row(&r);
				if (out->n > rows_max + 1) { /* the heading and rows_max rows */
					rc = err_fail(e, ERR_TOO_LARGE, NULL,
						      MSG_E_CSV_TOO_MANY_ROWS, rows_max);
					break;
				}
				r.row.line = ++line;
			}
			continue;
		}
		if (was_quoted) {
			rc = err_fail(e, ERR_INVALID, NULL, MSG_E_CSV_AFTER_QUOTE);
			break;
		}
		if (ch == '"') {
			if (r.field.len) {
				rc = err_fail(e, ERR_INVALID, NULL, MSG_E_CSV_QUOTE);
				break;
			}
			quoted = 1;
			continue;
		}
		if (buf_addch(&r.field, ch))
			rc = err_fail(e, ERR_TOO_LARGE, NULL, MSG_E_CSV_FIELD_TOO_LONG,
				      CSV_FIELD_MAX);
	}
	if (rc) {
		err_prefix(e, "%s:%ld:%zu", name, line, r.row.n + 1);
		csv_doc_release(out);
	}
	while (r.row.n)
		free(r.row.f[--r.row.n]);
	free(r.row.f);
	buf_release(&r.field);
	return rc;
}

void csv_doc_release(struct csv_doc *d)
{
	size_t i, j;

	if (!d)
		return;
	for (i = 0; i < d->n; i++) {
		for (j = 0; j < d->rows[i].n; j++)
			free(d->rows[i].f[j]);
		free(d->rows[i].f);
	}
	free(d->rows);
	memset(d, 0, sizeof(*d));
}
