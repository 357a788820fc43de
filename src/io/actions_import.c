/*
 * actions_import.c - the sheet Actions of a workbook (see actions_import.h).
 */
#include "io/actions_import.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "i18n/i18n.h"
#include "io/xlsx_read.h"
#include "util/xalloc.h"

#define COLS 64 /* the layout has 7 columns; a heading further right is refused as unknown */

static const char *const keys[ACOL_COUNT] = {"ref",    "title",	 "owner",  "due",
					     "target", "status", "overdue"};
/* the headings the workbook writes (report_xlsx.c, actions_sheet) */
static const enum msg_id headings[ACOL_COUNT] = {
    MSG_XLSX_H_REF, MSG_ACTION, MSG_OWNER, MSG_DUE, MSG_TARGET, MSG_STATUS, MSG_XLSX_OVERDUE};

const char *acol_key(enum acol c)
{
	return (unsigned)c < ACOL_COUNT ? keys[c] : NULL;
}

int acol_parse(const char *key)
{
	int c;

	for (c = 0; key && c < ACOL_COUNT; c++)
		if (!strcmp(key, keys[c]))
			return c;
	return -1;
}

static char *trimmed(const char *s, size_t n)
{
	while (n && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return xstrndup(s, n);
}

/* The column a heading names (key or heading in either language), or -1. */
static int heading_col(const char *text)
{
	int c, l;

	for (c = 0; c < ACOL_COUNT; c++) {
		if (!strcasecmp(text, keys[c]))
			return c;
		for (l = 0; l < LANG_COUNT; l++)
			if (!strcmp(text, tr((enum lang)l, headings[c])))
				return c;
	}
	return -1;
}

/* "book.xlsx: Actions!C1" for a heading. */
static void place(const struct actions_import *a, unsigned row, unsigned col, char *buf,
		  size_t size)
{
	char name[16];

	xlsx_cell_name(row, col, name, sizeof(name));
	snprintf(buf, size, "%s: %s!%s", a->file, ACTIONS_SHEET, name);
}

static int map_headings(struct actions_import *a, const char *const *text, size_t n, struct err *e)
{
	char where[256], list[256] = "";
	size_t i;
	int c;

	for (c = 0; c < ACOL_COUNT; c++)
		a->col[c] = -1;
	for (i = 0; i < n; i++) {
		if (!text[i] || !*text[i])
			continue;
		c = heading_col(text[i]);
		place(a, 0, (unsigned)i, where, sizeof(where));
		if (c < 0) {
			for (c = 0; c < ACOL_COUNT; c++)
				snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s",
					 c ? ", " : "", keys[c]);
			err_fail(e, ERR_INVALID, "heading", MSG_E_ACTIONS_IMPORT_HEADING, text[i],
				 list);
			return err_prefix(e, "%s", where);
		}
		if (a->col[c] >= 0) {
			err_fail(e, ERR_INVALID, "heading", MSG_E_IMPORT_HEADING_TWICE, keys[c]);
			return err_prefix(e, "%s", where);
		}
		a->col[c] = (int)i;
	}
	if (a->col[ACOL_REF] < 0) {
		err_fail(e, ERR_INVALID, "heading", MSG_E_IMPORT_NO_REF_COLUMN);
		return err_prefix(e, "%s: %s", a->file, ACTIONS_SHEET);
	}
	return 0;
}

/* The workbook's line for a portfolio without actions: its text in A2, nothing else. */
static int no_actions_line(const struct actions_import_row *r)
{
	int c, l;

	for (c = 1; c < ACOL_COUNT; c++)
		if (r->cell[c] && *r->cell[c])
			return 0;
	for (l = 0; l < LANG_COUNT; l++)
		if (r->cell[ACOL_REF] &&
		    !strcmp(r->cell[ACOL_REF], tr((enum lang)l, MSG_XLSX_NO_ACTIONS)))
			return 1;
	return 0;
}

/* Add a row from its values by column (text[i], n of them); skipped when empty. */
static int add_row(struct actions_import *a, unsigned row, const char *const *text, size_t n,
		   struct err *e)
{
	struct actions_import_row r = {0};
	char where[256];
	int c, any = 0;

	r.line = (long)row + 1;
	for (c = 0; c < ACOL_COUNT; c++) {
		const char *v;
		if (a->col[c] < 0)
			continue;
		v = (size_t)a->col[c] < n && text[a->col[c]] ? text[a->col[c]] : "";
		r.cell[c] = c == ACOL_TITLE ? xstrdup(v) : trimmed(v, strlen(v));
		any |= *r.cell[c] != '\0';
	}
	if (!any || no_actions_line(&r)) {
		for (c = 0; c < ACOL_COUNT; c++)
			free(r.cell[c]);
		return 0;
	}
	if (!*r.cell[ACOL_REF]) {
		for (c = 0; c < ACOL_COUNT; c++)
			free(r.cell[c]);
		place(a, row, (unsigned)a->col[ACOL_REF], where, sizeof(where));
		err_fail(e, ERR_INVALID, "ref", MSG_E_IMPORT_NO_REF);
		return err_prefix(e, "%s", where);
	}
	if (a->n >= ACTIONS_IMPORT_ROWS_MAX) {
		for (c = 0; c < ACOL_COUNT; c++)
			free(r.cell[c]);
		err_fail(e, ERR_TOO_LARGE, NULL, MSG_E_ACTIONS_IMPORT_TOO_MANY,
			 ACTIONS_IMPORT_ROWS_MAX);
		return err_prefix(e, "%s: %s", a->file, ACTIONS_SHEET);
	}
	a->rows = xgrow(a->rows, &a->cap, a->n + 1, sizeof(*a->rows));
	a->rows[a->n++] = r;
	return 0;
}

int actions_import_read(struct xlsx *x, const char *name, struct actions_import **out,
			struct err *e)
{
	struct actions_import *a = xcalloc(1, sizeof(*a));
	struct xlsx_sheet s = {0};
	const char *text[COLS];
	size_t at = 0, n;
	int rc;

	*out = NULL;
	a->file = xstrdup(name);
	for (n = 0; n < ACOL_COUNT; n++)
		a->col[n] = -1;
	rc = xlsx_sheet_read(x, ACTIONS_SHEET, &s, e);
	while (!rc && at < s.n) {
		unsigned row = s.cells[at].row;
		n = 0;
		while (at < s.n && s.cells[at].row == row) {
			const struct xlsx_cell *c = &s.cells[at++];
			if (c->col >= COLS && row) /* past the columns: nobody's */
				continue;
			if (c->col >= COLS) {
				char where[256];
				place(a, row, c->col, where, sizeof(where));
				rc = err_fail(e, ERR_INVALID, "heading",
					      MSG_E_ACTIONS_IMPORT_HEADING, c->text,
					      "ref, ..., overdue");
				err_prefix(e, "%s", where);
				break;
			}
			while (n < c->col)
				text[n++] = NULL;
			text[n++] = c->text;
		}
		if (rc)
			break;
		if (row == 0)
			rc = map_headings(a, text, n, e);
		else if (a->col[ACOL_REF] >= 0 || (rc = map_headings(a, NULL, 0, e)) == 0)
			rc = add_row(a, row, text, n, e);
	}
	xlsx_sheet_release(&s);
	if (rc) {
		actions_import_free(a);
		return rc;
	}
	*out = a;
	return 0;
}

void actions_import_free(struct actions_import *a)
{
	size_t i;
	int c;

	if (!a)
		return;
	for (i = 0; i < a->n; i++)
		for (c = 0; c < ACOL_COUNT; c++)
			free(a->rows[i].cell[c]);
	free(a->rows);
	free(a->file);
	free(a);
}

void actions_import_where(const struct actions_import *a, size_t i, int c, char *buf, size_t size)
{
	const struct actions_import_row *r = &a->rows[i];
	char name[16];

	if (c < 0 || c >= ACOL_COUNT || a->col[c] < 0)
		c = ACOL_REF;
	xlsx_cell_name((unsigned)(r->line - 1), (unsigned)a->col[c], name, sizeof(name));
	snprintf(buf, size, "%s: %s!%s (%s='%.60s')", a->file, ACTIONS_SHEET, name, keys[c],
		 r->cell[c] ? r->cell[c] : "");
}

const char *actions_import_status(const char *text)
{
	static const char *const names[] = {"open", "done"};
	static const enum msg_id words[] = {MSG_ACTION_OPEN, MSG_ACTION_DONE};
	int i, l;

	for (i = 0; i < 2; i++) {
		if (!strcasecmp(text, names[i]))
			return names[i];
		for (l = 0; l < LANG_COUNT; l++)
			if (!strcasecmp(text, tr((enum lang)l, words[i])))
				return names[i];
	}
	return text;
}
