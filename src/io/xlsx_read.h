/*
 * xlsx_read.h - a bounded reader of Office Open XML workbooks (.xlsx): the
 * cell values of one named sheet, as text, with their coordinates.
 *
 *   struct xlsx *x;
 *   struct xlsx_sheet s;
 *   rc = xlsx_open_mem(&x, data, len, "book.xlsx", NULL, e);   // the zip, the sheet names
 *   rc = xlsx_sheet_read(x, "Portfolio", &s, e);                // its cells, row by row
 *   for (i = 0; i < s.n; i++) ... s.cells[i].row, .col (0-based), .text
 *   xlsx_sheet_release(&s);
 *   xlsx_free(x);
 *
 * The file is untrusted. Every part is inflated as a stream with a running
 * count: a part whose declared or actual size crosses the per-part ceiling,
 * parts that add up past the total ceiling, too many rows, columns, cells or
 * shared strings, an over-long string or too much text in one sheet, a DOCTYPE (no DTD, no
 * entities: no billion laughs, no external entities) are each refused with ERR_TOO_LARGE or
 * ERR_INVALID, where: "FILE: PART". Parts read: xl/workbook.xml (sheet names),
 * xl/_rels/workbook.xml.rels (sheet name -> part), xl/sharedStrings.xml and the sheet's part;
 * namespace prefixes do not matter.
 */
#ifndef CDCF_XLSX_READ_H
#define CDCF_XLSX_READ_H

#include <stddef.h>

#include "util/err.h"

/* The ceilings; xlsx_open_mem's lim NULL takes these defaults. */
#define XLSX_PART_MAX ((size_t)64 << 20)   /* uncompressed bytes of one part */
#define XLSX_TOTAL_MAX ((size_t)256 << 20) /* uncompressed bytes of all parts read */
#define XLSX_ROWS_MAX 1048576u		   /* Excel's own limits */
#define XLSX_COLS_MAX 16384u
#define XLSX_CELLS_MAX 2000000u		    /* cells kept of one sheet */
#define XLSX_STRING_MAX ((size_t)128 << 10) /* bytes of one string (Excel: 32767 chars) */
#define XLSX_STRINGS_MAX 1000000u	    /* shared strings */
#define XLSX_SHEETS_MAX 256u
#define XLSX_ENTRIES_MAX 10000u /* files in the zip (each lookup walks its directory) */
/* bytes of all cell texts of one sheet: a cell copies its shared string, so without it a
 * small part of many references to one long string would expand without bound */
#define XLSX_SHEET_TEXT_MAX ((size_t)64 << 20)

struct xlsx_limits {
	size_t part_max, total_max, string_max;
	unsigned rows_max, cols_max, cells_max, strings_max;
	size_t sheet_text_max;
};

struct xlsx_cell {
	unsigned row, col; /* 0-based: A1 is (0, 0) */
	char *text;	   /* the value as text: a string, a number as written, TRUE/FALSE */
};

struct xlsx_sheet {
	struct xlsx_cell *cells; /* in the order of the part (row by row) */
	size_t n, cap;
};

struct xlsx;

/* Open the workbook data[0..len) (not copied: it must outlive *out); name is the file's
 * name for messages. Reads the sheet names and the shared strings. */
int xlsx_open_mem(struct xlsx **out, const void *data, size_t len, const char *name,
		  const struct xlsx_limits *lim, struct err *e);
void xlsx_free(struct xlsx *x);

/* Does the workbook have a sheet of this name? */
int xlsx_has_sheet(const struct xlsx *x, const char *sheet);

/* The cells of sheet (initialised here; release with xlsx_sheet_release). ERR_NOT_FOUND
 * (field "sheet") when the workbook has no such sheet. Empty cells are left out. */
int xlsx_sheet_read(struct xlsx *x, const char *sheet, struct xlsx_sheet *out, struct err *e);
void xlsx_sheet_release(struct xlsx_sheet *s);

/* The text of the cell at (row, col), or NULL when it is empty. */
const char *xlsx_cell(const struct xlsx_sheet *s, unsigned row, unsigned col);

/* "A1" for (0, 0), "AB12" ...: the cell's name into buf (at least 16 bytes). */
void xlsx_cell_name(unsigned row, unsigned col, char *buf, size_t size);

/* Column letters ("H" for 7) into buf (at least 8 bytes). */
void xlsx_col_name(unsigned col, char *buf, size_t size);

#endif
