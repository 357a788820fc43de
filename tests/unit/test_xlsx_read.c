/* Unit tests for io/xlsx_read.c: cell values of every kind, sheets found through the
 * relationships, and every ceiling crossed (part, total, rows, columns, cells, strings),
 * DOCTYPE and entities, damaged zip data. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "io/xlsx_read.h"
#include "util/buf.h"

#include "zip_build.h"

static const char sst[] =
    XML_HEAD "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
	     "<si><t>Ref</t></si>"
	     "<si><t>推奨レベル</t></si>"
	     "<si><r><t>rich</t></r><r><rPr/><t xml:space=\"preserve\"> text</t></r>"
	     "<rPh sb=\"0\" eb=\"1\"><t>ふりがな</t></rPh></si>"
	     "<si><t>a &amp; b &lt;c&gt;</t></si>"
	     "</sst>";

static const char sheet1[] = SHEET_XML(
    "<row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c><c r=\"C1\" t=\"s\"><v>1</v></c></row>"
    "<row r=\"3\"><c r=\"A3\" t=\"s\"><v>2</v></c><c r=\"B3\"><v>42</v></c>"
    "<c r=\"C3\" t=\"b\"><v>1</v></c><c r=\"D3\" t=\"inlineStr\"><is><t>インライン</t></is></c>"
    "<c r=\"E3\" t=\"str\"><f>A1</f><v>Ref</v></c><c r=\"F3\" t=\"s\"><v>3</v></c>"
    "<c r=\"G3\" s=\"1\"/><c r=\"AB3\"><v>2.5</v></c></row>"
    "<row><c><v>7</v></c><c><v>8</v></c></row>");

/* A workbook with the sheets Portfolio (sheet1, through the relationships) and About
 * (no relationship: xl/worksheets/sheet2.xml by its sheetId). */
static char *book(size_t *len, const char *sheet_xml)
{
	const struct zip_part parts[] = {
	    {"[Content_Types].xml", XML_HEAD "<Types/>", 0},
	    {"xl/workbook.xml",
	     WORKBOOK_XML(SHEET("Portfolio", "1", "rId1") "<sheet name=\"About\" sheetId=\"2\"/>"),
	     0},
	    {"xl/_rels/workbook.xml.rels", RELS_XML(REL("rId1", "worksheets/sheet1.xml")), 0},
	    {"xl/sharedStrings.xml", sst, 0},
	    {"xl/worksheets/sheet1.xml", sheet_xml, 0},
	    {"xl/worksheets/sheet2.xml",
	     SHEET_XML("<row r=\"1\"><c r=\"B1\" t=\"inlineStr\"><is><t>Acme</t></is></c></row>"),
	     0},
	};
	char *data = zip_build(parts, sizeof(parts) / sizeof(parts[0]), len);

	assert_non_null(data);
	return data;
}

static void test_cells(void **state)
{
	struct err e = ERR_INIT;
	struct xlsx *x;
	struct xlsx_sheet s, about;
	size_t len;
	char *data = book(&len, sheet1);
	char name[16];

	(void)state;
	assert_int_equal(xlsx_open_mem(&x, data, len, "book.xlsx", NULL, &e), 0);
	assert_true(xlsx_has_sheet(x, "Portfolio"));
	assert_true(xlsx_has_sheet(x, "About"));
	assert_false(xlsx_has_sheet(x, "Gaps"));
	assert_int_equal(xlsx_sheet_read(x, "Portfolio", &s, &e), 0);
	assert_string_equal(xlsx_cell(&s, 0, 0), "Ref");
	assert_null(xlsx_cell(&s, 0, 1));
	assert_string_equal(xlsx_cell(&s, 0, 2), "推奨レベル");
	assert_string_equal(xlsx_cell(&s, 2, 0), "rich text"); /* runs joined, phonetics left out */
	assert_string_equal(xlsx_cell(&s, 2, 1), "42");
	assert_string_equal(xlsx_cell(&s, 2, 2), "TRUE");
	assert_string_equal(xlsx_cell(&s, 2, 3), "インライン");
	assert_string_equal(xlsx_cell(&s, 2, 4), "Ref");
	assert_string_equal(xlsx_cell(&s, 2, 5), "a & b <c>");
	assert_null(xlsx_cell(&s, 2, 6)); /* a styled empty cell */
	assert_string_equal(xlsx_cell(&s, 2, 27), "2.5");
	/* rows and cells without r follow the one before */
	assert_string_equal(xlsx_cell(&s, 3, 0), "7");
	assert_string_equal(xlsx_cell(&s, 3, 1), "8");
	assert_int_equal(s.n, 11);
	assert_int_equal(xlsx_sheet_read(x, "About", &about, &e), 0);
	assert_string_equal(xlsx_cell(&about, 0, 1), "Acme");
	xlsx_sheet_release(&about);
	assert_int_equal(xlsx_sheet_read(x, "Gaps", &about, &e), ERR_NOT_FOUND);
	assert_string_equal(e.field, "sheet");
	assert_non_null(strstr(e.msg, "no sheet 'Gaps'"));
	xlsx_cell_name(2, 27, name, sizeof(name));
	assert_string_equal(name, "AB3");
	xlsx_col_name(16383, name, sizeof(name));
	assert_string_equal(name, "XFD");
	xlsx_sheet_release(&s);
	xlsx_sheet_release(&about);
	xlsx_free(x);
	free(data);
}

/* Open data and read Portfolio with lim; the refusal's code and a part of its message. */
static void refused(const char *data, size_t len, const struct xlsx_limits *lim, int code,
		    const char *text)
{
	struct err e = ERR_INIT;
	struct xlsx *x = NULL;
	struct xlsx_sheet s;
	int rc = xlsx_open_mem(&x, data, len, "book.xlsx", lim, &e);

	if (!rc) {
		rc = xlsx_sheet_read(x, "Portfolio", &s, &e);
		if (!rc)
			xlsx_sheet_release(&s);
	}
	xlsx_free(x);
	assert_int_equal(rc, code);
	assert_int_equal(e.code, code);
	if (!strstr(e.msg, text))
		fail_msg("'%s' does not say '%s'", e.msg, text);
}

static struct xlsx_limits limits(void)
{
	struct xlsx_limits l = {XLSX_PART_MAX,	  XLSX_TOTAL_MAX,     XLSX_STRING_MAX,
				XLSX_ROWS_MAX,	  XLSX_COLS_MAX,      XLSX_CELLS_MAX,
				XLSX_STRINGS_MAX, XLSX_SHEET_TEXT_MAX};
	return l;
}

static void test_ceilings(void **state)
{
	struct xlsx_limits l;
	size_t len;
	char *data = book(&len, sheet1);

	(void)state;
	l = limits();
	l.part_max = 600; /* the sheet is larger: refused before a byte is inflated */
	refused(data, len, &l, ERR_TOO_LARGE,
		"book.xlsx: xl/worksheets/sheet1.xml: the part is larger than");
	l = limits();
	l.total_max = 1000;
	refused(data, len, &l, ERR_TOO_LARGE, "add up to more than");
	l = limits();
	l.rows_max = 3;
	refused(data, len, &l, ERR_TOO_LARGE, "more than 3 rows");
	l = limits();
	l.cols_max = 20;
	refused(data, len, &l, ERR_TOO_LARGE, "cell 'AB3' is beyond column 20");
	l = limits();
	l.cells_max = 5;
	refused(data, len, &l, ERR_TOO_LARGE, "more than 5 cells");
	l = limits();
	l.string_max = 8;
	refused(data, len, &l, ERR_TOO_LARGE,
		"xl/sharedStrings.xml: a text is longer than 8 bytes");
	l = limits();
	l.strings_max = 2;
	refused(data, len, &l, ERR_TOO_LARGE, "more than 2 shared strings");
	free(data);
}

/* A small sheet of many references to one long shared string: the texts of its cells are
 * counted, so it cannot expand past the sheet's text ceiling. */
static void test_text_expansion(void **state)
{
	struct buf sheet, strings;
	struct xlsx_limits l = limits();
	size_t len = 0, i;
	char *data;

	(void)state;
	buf_init(&sheet, (size_t)16 << 20);
	buf_init(&strings, (size_t)1 << 20);
	buf_addstr(&strings, XML_HEAD "<sst xmlns=\"http://schemas.openxmlformats.org/"
				      "spreadsheetml/2006/main\"><si><t>");
	for (i = 0; i < 100000; i++)
		buf_addch(&strings, 'x');
	buf_addstr(&strings, "</t></si></sst>");
	buf_addstr(&sheet, XML_HEAD "<worksheet><sheetData><row r=\"1\">");
	for (i = 0; i < 2000; i++)
		buf_addstr(&sheet, "<c t=\"s\"><v>0</v></c>"); /* 2000 x 100 kB = 200 MB of text */
	buf_addstr(&sheet, "</row></sheetData></worksheet>");
	{
		const struct zip_part parts[] = {
		    {"xl/workbook.xml", WORKBOOK_XML(SHEET("Portfolio", "1", "rId1")), 0},
		    {"xl/sharedStrings.xml", strings.data, 0},
		    {"xl/worksheets/sheet1.xml", sheet.data, 0},
		};
		data = zip_build(parts, 3, &len);
	}
	assert_non_null(data);
	refused(data, len, NULL, ERR_TOO_LARGE, "hold more than 64 MiB of text");
	l.sheet_text_max = 1 << 20;
	refused(data, len, &l, ERR_TOO_LARGE, "hold more than 1 MiB of text");
	free(data);
	buf_release(&sheet);
	buf_release(&strings);
}

static void test_hostile_xml(void **state)
{
	static const char laughs[] =
	    "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">"
	    "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>"
	    "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>&lol2;</t></is></c></row>"
	    "</sheetData></worksheet>";
	static const char external[] =
	    "<?xml version=\"1.0\"?><!DOCTYPE w [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
	    "<worksheet><sheetData><row><c t=\"inlineStr\"><is><t>&x;</t></is></c></row>"
	    "</sheetData></worksheet>";
	size_t len;
	char *data;

	(void)state;
	data = book(&len, laughs);
	refused(data, len, NULL, ERR_INVALID, "DOCTYPE");
	free(data);
	data = book(&len, external);
	refused(data, len, NULL, ERR_INVALID, "DOCTYPE");
	free(data);
	data = book(&len, SHEET_XML("<row><c t=\"s\"><v>9</v></c></row>"));
	refused(data, len, NULL, ERR_INVALID, "cell 'A1' refers to shared string '9'");
	free(data);
	data = book(&len, SHEET_XML("<row r=\"2\"/><row r=\"1\"/>"));
	refused(data, len, NULL, ERR_INVALID, "bad cell reference '1'");
	free(data);
	data = book(&len, SHEET_XML("<row r=\"1\"><c r=\"B1\"/><c r=\"A1\"/></row>"));
	refused(data, len, NULL, ERR_INVALID, "bad cell reference 'A1'");
	free(data);
	data = book(&len, "<worksheet><sheetData><row>");
	refused(data, len, NULL, ERR_INVALID, "XML error at line 1");
	free(data);
	refused("not a zip at all", 16, NULL, ERR_INVALID, "book.xlsx: not a workbook");
}

/* A part whose zip headers say it is small while it inflates to more. */
static void test_lying_size(void **state)
{
	size_t len, big = 200000, i;
	char *body = malloc(big + 1), *data;
	const char *head = "<worksheet><sheetData>";
	struct zip_part parts[] = {
	    {"xl/workbook.xml", WORKBOOK_XML(SHEET("Portfolio", "1", "rId1")), 0},
	    {"xl/worksheets/sheet1.xml", body, big},
	};
	struct xlsx_limits l = limits();

	(void)state;
	memset(body, 'a', big);
	memcpy(body, head, strlen(head));
	body[big] = '\0';
	data = zip_build(parts, 2, &len);
	assert_non_null(data);
	/* say 1000 bytes in both headers of the sheet (local and central) */
	for (i = 0; i + 30 < len; i++) {
		uint32_t declared = 1000;
		if (!memcmp(data + i, "PK\3\4", 4) && !memcmp(data + i + 30, "xl/worksheets", 13))
			memcpy(data + i + 22, &declared, 4);
		if (!memcmp(data + i, "PK\1\2", 4) && !memcmp(data + i + 46, "xl/worksheets", 13))
			memcpy(data + i + 24, &declared, 4);
	}
	l.part_max = 100000;
	refused(data, len, &l, ERR_INVALID, "xl/worksheets/sheet1.xml: the part cannot be read");
	free(data);
	free(body);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_cells),	   cmocka_unit_test(test_ceilings),
	    cmocka_unit_test(test_text_expansion), cmocka_unit_test(test_hostile_xml),
	    cmocka_unit_test(test_lying_size),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
