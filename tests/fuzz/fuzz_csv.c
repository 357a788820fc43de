/*
 * fuzz_csv.c - a CSV portfolio, as `cdcf import FILE.csv` reads it: csv_read
 * (RFC 4180, UTF-8, the field, field-count and row ceilings) and
 * portfolio_import_read_csv (the headings, the rows, refs, versions).
 *
 * Properties: a refusal has a message; the fields read are valid UTF-8
 * within their ceilings, and writing them back as CSV (every field quoted)
 * reads as the same rows; rows of a portfolio read have a ref, no ref twice.
 */
#include <string.h>

#include "fuzz.h"
#include "io/csv_read.h"
#include "io/portfolio_import.h"
#include "util/buf.h"
#include "util/utf8.h"

static void write_csv(const struct csv_doc *d, struct buf *b)
{
	size_t i, j;
	const char *s;

	for (i = 0; i < d->n; i++) {
		for (j = 0; j < d->rows[i].n; j++) {
			buf_addstr(b, j ? ",\"" : "\"");
			for (s = d->rows[i].f[j]; *s; s++) {
				if (*s == '"')
					buf_addch(b, '"');
				buf_addch(b, *s);
			}
			buf_addch(b, '"');
		}
		buf_addch(b, '\n');
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct csv_doc d, again;
	struct portfolio_import in;
	struct err e = ERR_INIT;
	struct buf b;
	size_t i, j, k;
	int rc = csv_read((const char *)data, size, "fuzz.csv", 1000, &d, &e);

	if (rc) {
		fuzz_check(e.code == rc && e.msg[0], "refusal %d without a message", rc);
	} else {
		buf_init(&b, (size_t)256 << 20);
		for (i = 0; i < d.n; i++) {
			fuzz_check(d.rows[i].n <= CSV_FIELDS_MAX, "%zu fields", d.rows[i].n);
			for (j = 0; j < d.rows[i].n; j++)
				fuzz_check(strlen(d.rows[i].f[j]) <= CSV_FIELD_MAX &&
					       utf8_valid(d.rows[i].f[j], strlen(d.rows[i].f[j])),
					   "field %zu of row %zu", j, i);
		}
		write_csv(&d, &b);
		fuzz_check(!buf_status(&b), "written CSV too large");
		rc = csv_read(b.data, b.len, "again.csv", 1000, &again, &e);
		fuzz_check(!rc, "written CSV refused: %s", e.msg);
		/* blank rows are skipped: a row of one empty field does not come back */
		for (i = 0, k = 0; i < d.n; i++) {
			if (d.rows[i].n == 1 && !d.rows[i].f[0][0])
				continue;
			fuzz_check(k < again.n && again.rows[k].n == d.rows[i].n, "row %zu differs",
				   i);
			for (j = 0; j < d.rows[i].n; j++)
				fuzz_check(!strcmp(again.rows[k].f[j], d.rows[i].f[j]),
					   "field %zu of row %zu differs", j, i);
			k++;
		}
		csv_doc_release(&again);
		csv_doc_release(&d);
		buf_release(&b);
	}
	e = (struct err)ERR_INIT;
	rc = portfolio_import_read_csv((const char *)data, size, "fuzz.csv", &in, &e);
	if (rc) {
		fuzz_check(e.code == rc && e.msg[0], "refusal %d without a message", rc);
		return 0;
	}
	/* rows one at a time: each has a ref, or says why it is refused */
	while ((rc = portfolio_import_next(&in, &e)) == 1)
		fuzz_check(in.row.problem.code ? in.row.problem.msg[0] != 0
					       : in.row.cell[PCOL_REF] && in.row.cell[PCOL_REF][0],
			   "row without ref or message");
	fuzz_check(rc == 0 || (e.code == rc && e.msg[0]), "refusal %d without a message", rc);
	portfolio_import_release(&in);
	return 0;
}
