/*
 * csv_read.c - the CSV reader: one pass over the bytes, a row at a time into
 * one bounded buffer (csv_next), or every row kept (csv_read).
 */
#include "io/csv_read.h"

#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"
#include "util/xalloc.h"

/* The line of the first byte that is not well-formed UTF-8, and its field. */
static int check_utf8(const char *data, size_t len, const char *name, struct err *e)
{
	size_t i = 0, field = 1;
	long line = 1;
	int quoted = 0;

	if (utf8_valid(data, len))
		return 0; /* the usual case, checked fast; else the place of the fault */
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

int csv_open(struct csv_cursor *c, const char *data, size_t len, const char *name, size_t rows_max,
	     struct err *e)
{
	memset(c, 0, sizeof(*c));
	c->data = data;
	c->len = len;
	c->name = name;
	c->rows_max = rows_max;
	c->line = 1;
	/* a field's NUL, and at most CSV_FIELDS_MAX fields of CSV_FIELD_MAX each */
	buf_init(&c->text, CSV_FIELDS_MAX * (CSV_FIELD_MAX + 1));
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
		c->i = 3;
	return check_utf8(data, len, name, e);
}

void csv_close(struct csv_cursor *c)
{
	if (!c)
		return;
	buf_release(&c->text);
	free(c->start);
	free(c->row.f);
	memset(c, 0, sizeof(*c));
}

/* A field begins at the end of the row's text. */
static int field_begin(struct csv_cursor *c, struct err *e)
{
	if (c->row.n >= CSV_FIELDS_MAX) {
		c->row.n++; /* named as the field it would be */
		return err_fail(e, ERR_TOO_LARGE, NULL, MSG_E_CSV_TOO_MANY_FIELDS, CSV_FIELDS_MAX);
	}
	c->start = xgrow(c->start, &c->cap_start, c->row.n + 1, sizeof(*c->start));
	c->start[c->row.n++] = c->text.len;
	return 0;
}

/* Append n bytes to the field being read, within CSV_FIELD_MAX. */
static int field_add(struct csv_cursor *c, const char *s, size_t n, struct err *e)
{
	if (c->text.len - c->start[c->row.n - 1] + n > CSV_FIELD_MAX || buf_add(&c->text, s, n))
		return err_fail(e, ERR_TOO_LARGE, NULL, MSG_E_CSV_FIELD_TOO_LONG, CSV_FIELD_MAX);
	return 0;
}

/* The fields of the row as strings: each ends with a NUL in text. */
static void row_end(struct csv_cursor *c)
{
	size_t k;

	c->row.f = xgrow(c->row.f, &c->cap_f, c->row.n + 1, sizeof(*c->row.f));
	for (k = 0; k < c->row.n; k++)
		c->row.f[k] = c->text.data + c->start[k];
}

int csv_next(struct csv_cursor *c, struct err *e)
{
	const char *data = c->data;
	size_t len = c->len;
	int rc = 0, quoted, was_quoted;

again:
	if (c->i > len)
		return 0;
	buf_reset(&c->text);
	c->row.n = 0;
	c->row.line = c->line;
	quoted = was_quoted = 0;
	rc = field_begin(c, e);
	while (!rc && c->i <= len) {
		int at_end = c->i == len;
		char ch = at_end ? '\n' : data[c->i];
		size_t run;

		c->i++;
		if (quoted) {
			if (at_end) {
				rc = err_fail(e, ERR_INVALID, NULL, MSG_E_CSV_UNCLOSED);
				break;
			}
			if (ch == '"') {
				if (c->i < len && data[c->i] == '"') {
					c->i++;
					rc = field_add(c, "\"", 1, e);
				} else {
					quoted = 0;
					was_quoted = 1;
				}
				continue;
			}
			if (ch == '\n')
				c->line++;
			rc = field_add(c, &ch, 1, e);
			continue;
		}
		if (ch == '\r' && c->i < len && data[c->i] == '\n')
			continue; /* CRLF: the LF ends the line */
		if (ch == ',') {
			if (buf_add(&c->text, "", 1)) /* the NUL that ends the field */
				rc = err_fail(e, ERR_TOO_LARGE, NULL, MSG_E_CSV_FIELD_TOO_LONG,
					      CSV_FIELD_MAX);
			else
				rc = field_begin(c, e);
			was_quoted = 0;
			continue;
		}
		if (ch == '\n') {
			c->line++;
			if (buf_add(&c->text, "", 1)) {
				rc = err_fail(e, ERR_TOO_LARGE, NULL, MSG_E_CSV_FIELD_TOO_LONG,
					      CSV_FIELD_MAX);
				break;
			}
			if (c->row.n == 1 && !c->text.data[c->start[0]])
				goto again;		   /* a blank line */
			if (++c->rows > c->rows_max + 1) { /* the heading and rows_max rows */
				rc = err_fail(e, ERR_TOO_LARGE, NULL, MSG_E_CSV_TOO_MANY_ROWS,
					      c->rows_max);
				c->line--; /* the line the row ends on */
				c->row.n = 0;
				break;
			}
			row_end(c);
			return 1;
		}
		if (was_quoted) {
			rc = err_fail(e, ERR_INVALID, NULL, MSG_E_CSV_AFTER_QUOTE);
			break;
		}
		if (ch == '"') {
			if (c->text.len > c->start[c->row.n - 1]) {
				rc = err_fail(e, ERR_INVALID, NULL, MSG_E_CSV_QUOTE);
				break;
			}
			quoted = 1;
			continue;
		}
		/* a run of plain bytes at once */
		for (run = 1; c->i - 1 + run < len; run++) {
			char d = data[c->i - 1 + run];
			if (d == ',' || d == '\n' || d == '\r' || d == '"')
				break;
		}
		rc = field_add(c, data + c->i - 1, run, e);
		c->i += run - 1;
	}
	if (!rc)
		return 0;
	err_prefix(e, "%s:%ld:%zu", c->name, c->line, c->row.n ? c->row.n : 1);
	c->i = len + 1;
	c->row.n = 0;
	return rc;
}

int csv_read(const char *data, size_t len, const char *name, size_t rows_max, struct csv_doc *out,
	     struct err *e)
{
	struct csv_cursor c;
	size_t k;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = csv_open(&c, data, len, name, rows_max, e);
	while (!rc && (rc = csv_next(&c, e)) == 1) {
		struct csv_row *r;
		out->rows = xgrow(out->rows, &out->cap, out->n + 1, sizeof(*out->rows));
		r = &out->rows[out->n++];
		r->line = c.row.line;
		r->n = c.row.n;
		r->f = xcalloc(r->n + 1, sizeof(*r->f));
		for (k = 0; k < r->n; k++)
			r->f[k] = xstrdup(c.row.f[k]);
		rc = 0;
	}
	csv_close(&c);
	if (rc < 0)
		csv_doc_release(out);
	return rc < 0 ? rc : 0;
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
