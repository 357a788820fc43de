/*
 * fuzz_xlsx.c - a workbook, as `cdcf import FILE.xlsx` reads it: xlsx_open_mem
 * (the zip, xl/workbook.xml, the relationships, the shared strings, every
 * ceiling) and portfolio_import_read_xlsx (the sheets About and Portfolio,
 * the headings, the rows). Inputs starting with "PK" are taken as the zip
 * itself; any other input is the XML of the parts, separated by lines
 * "----": the sheet Portfolio, the shared strings, the sheet About (listed in
 * the workbook only when given), packed
 * by this target into a zip with a fixed workbook (stored, not deflated), so
 * the mutations reach the XML handlers instead of dying in the zip format.
 *
 * Properties: a refusal has a message; the cells of a sheet read are in
 * strictly increasing (row, column) order within the ceilings, each found
 * again by xlsx_cell; rows read have a ref, no ref twice.
 */
#include <string.h>

#include "fuzz.h"
#include "io/portfolio_import.h"
#include "io/xlsx_read.h"
#include "util/buf.h"

#define WORKBOOK(about)                                                                            \
	"<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "           \
	"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>" \
	"<sheet name=\"Portfolio\" sheetId=\"1\" r:id=\"rId1\"/>" about "</sheets></workbook>"
/* the sheet About only when the input has its part */
static const char workbook[] = WORKBOOK("<sheet name=\"About\" sheetId=\"6\" r:id=\"rId6\"/>");
static const char workbook_no_about[] = WORKBOOK("");
static const char rels[] =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"w\" Target=\"worksheets/sheet1.xml\"/>"
    "<Relationship Id=\"rId6\" Type=\"w\" Target=\"/xl/worksheets/sheet6.xml\"/>"
    "</Relationships>";

/* CRC-32 (the zip one), bit by bit: inputs are small. */
static unsigned long crc32_of(const char *p, size_t n)
{
	unsigned long c = 0xffffffffUL;
	int k;

	while (n--) {
		c ^= (unsigned char)*p++;
		for (k = 0; k < 8; k++)
			c = (c >> 1) ^ (0xedb88320UL & (0UL - (c & 1)));
	}
	return c ^ 0xffffffffUL;
}

static void le16(struct buf *b, unsigned v)
{
	buf_addch(b, (char)(v & 0xff));
	buf_addch(b, (char)((v >> 8) & 0xff));
}

static void le32(struct buf *b, unsigned long v)
{
	le16(b, (unsigned)(v & 0xffff));
	le16(b, (unsigned)((v >> 16) & 0xffff));
}

/* A stored (uncompressed) zip of n parts. */
static void zip_stored(struct buf *z, const char *const *names, const char *const *bodies,
		       const size_t *lens, size_t n)
{
	struct buf cd;
	unsigned long offs[8], crcs[8];
	size_t i;

	buf_init(&cd, (size_t)1 << 20);
	for (i = 0; i < n; i++) {
		size_t nl = strlen(names[i]);
		crcs[i] = crc32_of(bodies[i], lens[i]);
		offs[i] = (unsigned long)z->len;
		le32(z, 0x04034b50);
		le16(z, 10), le16(z, 0), le16(z, 0), le16(z, 0), le16(z, 0x21);
		le32(z, crcs[i]), le32(z, lens[i]), le32(z, lens[i]);
		le16(z, (unsigned)nl), le16(z, 0);
		buf_add(z, names[i], nl);
		buf_add(z, bodies[i], lens[i]);
	}
	for (i = 0; i < n; i++) {
		size_t nl = strlen(names[i]);
		le32(&cd, 0x02014b50);
		le16(&cd, 20), le16(&cd, 10), le16(&cd, 0), le16(&cd, 0), le16(&cd, 0);
		le16(&cd, 0x21);
		le32(&cd, crcs[i]), le32(&cd, lens[i]), le32(&cd, lens[i]);
		le16(&cd, (unsigned)nl), le16(&cd, 0), le16(&cd, 0), le16(&cd, 0), le16(&cd, 0);
		le32(&cd, 0), le32(&cd, offs[i]);
		buf_add(&cd, names[i], nl);
	}
	{
		unsigned long at = (unsigned long)z->len;
		buf_add(z, cd.data, cd.len);
		le32(z, 0x06054b50);
		le16(z, 0), le16(z, 0), le16(z, (unsigned)n), le16(z, (unsigned)n);
		le32(z, (unsigned long)cd.len), le32(z, at), le16(z, 0);
	}
	buf_release(&cd);
}

static void check_sheet(struct xlsx *x, const char *name)
{
	struct xlsx_sheet s;
	struct err e = ERR_INIT;
	size_t i;
	int rc = xlsx_sheet_read(x, name, &s, &e);

	if (rc) {
		fuzz_check(e.code == rc && e.msg[0], "refusal %d without a message", rc);
		return;
	}
	fuzz_check(s.n <= XLSX_CELLS_MAX, "%zu cells", s.n);
	for (i = 0; i < s.n; i++) {
		fuzz_check(s.cells[i].row < XLSX_ROWS_MAX && s.cells[i].col < XLSX_COLS_MAX,
			   "cell (%u, %u) out of bounds", s.cells[i].row, s.cells[i].col);
		fuzz_check(s.cells[i].text && s.cells[i].text[0], "empty cell kept");
		fuzz_check(i == 0 || s.cells[i - 1].row < s.cells[i].row ||
			       (s.cells[i - 1].row == s.cells[i].row &&
				s.cells[i - 1].col < s.cells[i].col),
			   "cells out of order at %zu", i);
		fuzz_check(xlsx_cell(&s, s.cells[i].row, s.cells[i].col) == s.cells[i].text,
			   "cell %zu not found again", i);
	}
	xlsx_sheet_release(&s);
}

static void check_workbook(const char *data, size_t len)
{
	struct portfolio_import in;
	struct err e = ERR_INIT;
	struct xlsx *x;
	int rc = xlsx_open_mem(&x, data, len, "fuzz.xlsx", NULL, &e);

	if (rc) {
		fuzz_check(e.code == rc && e.msg[0], "refusal %d without a message", rc);
	} else {
		check_sheet(x, "Portfolio");
		check_sheet(x, "About");
		xlsx_free(x);
	}
	e = (struct err)ERR_INIT;
	rc = portfolio_import_read_xlsx(data, len, "fuzz.xlsx", &in, &e);
	if (rc) {
		fuzz_check(e.code == rc && e.msg[0], "refusal %d without a message", rc);
		return;
	}
	/* rows one at a time: each has a ref, or says why it is refused */
	while ((rc = portfolio_import_next(&in, &e)) == 1)
		fuzz_check(in.row.problem.code ? in.row.problem.msg[0] != 0
					       : in.row.cell[PCOL_REF] && in.row.cell[PCOL_REF][0],
			   "row without ref or message");
	fuzz_check(rc == 0 || (e.code == rc && e.msg[0]), "refusal %d without a message", rc);
	portfolio_import_release(&in);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *names[] = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels",
			       "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml",
			       "xl/worksheets/sheet6.xml"};
	const char *bodies[5] = {workbook, rels, "", "", ""};
	size_t lens[5] = {sizeof(workbook) - 1, sizeof(rels) - 1, 0, 0, 0};
	const char *p = (const char *)data, *end = p + size;
	struct buf z;
	size_t k = 2;

	if (size >= 2 && !memcmp(data, "PK", 2)) {
		check_workbook((const char *)data, size);
		return 0;
	}
	while (k < 5) {
		const char *sep = memmem(p, (size_t)(end - p), "\n----\n", 6);
		bodies[k] = p;
		lens[k] = sep ? (size_t)(sep - p) : (size_t)(end - p);
		k++;
		if (!sep)
			break;
		p = sep + 6;
	}
	if (k < 5) {
		bodies[0] = workbook_no_about;
		lens[0] = sizeof(workbook_no_about) - 1;
	}
	buf_init(&z, (size_t)64 << 20);
	zip_stored(&z, names, bodies, lens, k);
	if (!buf_status(&z))
		check_workbook(z.data, z.len);
	buf_release(&z);
	return 0;
}
