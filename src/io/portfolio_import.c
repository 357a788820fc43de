/*
 * portfolio_import.c - the sheet Portfolio or a CSV file as rows of text:
 * the heading row maps the file's columns, then each row's values are
 * trimmed and handed out with their line, one row at a time; the structure
 * is checked here (headings, refs, versions), the values by ops/import.c
 * through the rules of ops.
 */
#include "io/portfolio_import.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/level.h"
#include "io/actions_import.h"
#include "io/csv_read.h"
#include "io/fileio.h"
#include "io/xlsx_read.h"
#include "util/xalloc.h"

static const char *const keys[PCOL_COUNT] = {
    "ref",
    "name",
    "category",
    "level",
    "assignment",
    "team",
    "provider",
    "insource.current",
    "insource.target",
    "outsource.current",
    "outsource.target",
    "note",
    "version",
    "organization",
    "framework",
};

static const enum msg_id headings[PCOL_COUNT] = {
    MSG_IMPORT_H_REF,	      MSG_IMPORT_H_NAME,       MSG_IMPORT_H_CATEGORY,
    MSG_IMPORT_H_LEVEL,	      MSG_IMPORT_H_ASSIGNMENT, MSG_IMPORT_H_TEAM,
    MSG_IMPORT_H_PROVIDER,    MSG_IMPORT_H_IN_CURRENT, MSG_IMPORT_H_IN_TARGET,
    MSG_IMPORT_H_OUT_CURRENT, MSG_IMPORT_H_OUT_TARGET, MSG_IMPORT_H_NOTE,
    MSG_IMPORT_H_VERSION,     MSG_IMPORT_H_ORG,	       MSG_IMPORT_H_FRAMEWORK,
};

const char *pcol_key(enum pcol c)
{
	return (unsigned)c < PCOL_COUNT ? keys[c] : "";
}

int pcol_parse(const char *key)
{
	int c;

	for (c = 0; c < PCOL_COUNT; c++)
		if (!strcmp(keys[c], key))
			return c;
	return -1;
}

/* A copy of s[0..n) without the spaces around it. */
/* s (n bytes) without the white space around it: its first byte, its length in *len. */
static const char *trim_span(const char *s, size_t n, size_t *len)
{
	while (n && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	*len = n;
	return s;
}

/* A copy of s (n bytes) without the white space around it. */
static char *trimmed(const char *s, size_t n)
{
	size_t len;
	const char *t = trim_span(s, n, &len);

	return xstrndup(t, len);
}

/* The score columns as `cdcf report --format csv` (the machine format) names them. */
static const char *const machine_keys[PCOL_COUNT] = {
    [PCOL_IN_CURRENT] = "insource_current",
    [PCOL_IN_TARGET] = "insource_target",
    [PCOL_OUT_CURRENT] = "outsource_current",
    [PCOL_OUT_TARGET] = "outsource_target",
    [PCOL_ORG] = "org",
};

/* Columns of the machine format that are figures computed from the others:
 * read past, never imported. */
static const char *const computed[] = {"current", "target", "gap", "provisional"};

#define COL_COMPUTED (-2)

/* The column a heading names: its key (or the machine format's), English or
 * Japanese heading (case does not matter for the ASCII ones); COL_COMPUTED
 * for a computed column of the machine format, -1 for none. */
static int heading_col(const char *text)
{
	char *h = trimmed(text, strlen(text));
	int c, found = -1;
	size_t i;

	for (c = 0; c < PCOL_COUNT && found < 0; c++)
		if (!strcasecmp(h, keys[c]) ||
		    (machine_keys[c] && !strcasecmp(h, machine_keys[c])) ||
		    !strcasecmp(h, tr(LANG_EN, headings[c])) ||
		    !strcmp(h, tr(LANG_JA, headings[c])))
			found = c;
	for (i = 0; found < 0 && i < sizeof(computed) / sizeof(computed[0]); i++)
		if (!strcasecmp(h, computed[i]))
			found = COL_COMPUTED;
	free(h);
	return found;
}

static void place_heading(const struct portfolio_import *in, unsigned col, char *buf, size_t size)
{
	char name[16];

	if (in->csv) {
		snprintf(buf, size, "%s:1:%u", in->file, col + 1);
	} else {
		xlsx_cell_name(0, col, name, sizeof(name));
		snprintf(buf, size, "%s: %s!%s", in->file, PORTFOLIO_SHEET, name);
	}
}

/* The heading row: text of column i by get(i), n columns. */
static int map_headings(struct portfolio_import *in, const char *const *text, size_t n,
			struct err *e)
{
	char where[256], list[512] = "";
	size_t i;
	int c, rc;

	for (c = 0; c < PCOL_COUNT; c++)
		in->col[c] = -1;
	for (i = 0; i < n; i++) {
		if (!text[i] || !*text[i])
			continue;
		c = heading_col(text[i]);
		if (c == COL_COMPUTED)
			continue;
		place_heading(in, (unsigned)i, where, sizeof(where));
		if (c < 0) {
			for (c = 0; c < PCOL_COUNT; c++)
				snprintf(list + strlen(list), sizeof(list) - strlen(list), "%s%s",
					 c ? ", " : "", keys[c]);
			rc = err_fail(e, ERR_INVALID, "heading", MSG_E_IMPORT_HEADING, text[i],
				      list);
			return err_prefix(e, "%s", where);
		}
		if (in->col[c] >= 0) {
			rc = err_fail(e, ERR_INVALID, "heading", MSG_E_IMPORT_HEADING_TWICE,
				      keys[c]);
			return err_prefix(e, "%s", where);
		}
		in->col[c] = (int)i;
	}
	if (in->col[PCOL_REF] < 0) {
		rc = err_fail(e, ERR_INVALID, "heading", MSG_E_IMPORT_NO_REF_COLUMN);
		return err_prefix(e, "%s", in->file);
	}
	(void)rc;
	return 0;
}

static void row_clear(struct portfolio_import_row *r)
{
	memset(r, 0, sizeof(*r));
}

/* The row from its values by file column (text[i], n of them) into in->row: 1, or 0 when
 * it has no value. A row with no ref or a bad version gets its problem. */
static int take_row(struct portfolio_import *in, long line, const char *const *text, size_t n)
{
	struct portfolio_import_row *r = &in->row;
	char where[256];
	int c, any = 0;

	const char *from[PCOL_COUNT];
	size_t len[PCOL_COUNT], at[PCOL_COUNT], need = 0;

	row_clear(r);
	r->line = line;
	r->version = -1;
	/* the cells' values, trimmed (the note as it is), copied into one block */
	for (c = 0; c < PCOL_COUNT; c++) {
		const char *v;
		if (in->col[c] < 0)
			continue;
		v = (size_t)in->col[c] < n && text[in->col[c]] ? text[in->col[c]] : "";
		from[c] = c == PCOL_NOTE ? v : trim_span(v, strlen(v), &len[c]);
		if (c == PCOL_NOTE)
			len[c] = strlen(v);
		at[c] = need;
		need += len[c] + 1;
	}
	in->row_text = xgrow(in->row_text, &in->cap_row_text, need ? need : 1, 1);
	for (c = 0; c < PCOL_COUNT; c++) {
		char *cell;
		if (in->col[c] < 0)
			continue;
		cell = in->row_text + at[c];
		memcpy(cell, from[c], len[c]);
		cell[len[c]] = '\0';
		r->cell[c] = cell;
		if (*cell && c != PCOL_NAME && c != PCOL_CATEGORY)
			any = 1;
	}
	if (!any)
		return 0;
	in->n++;
	if (!*r->cell[PCOL_REF]) {
		err_fail(&r->problem, ERR_INVALID, "ref", MSG_E_IMPORT_NO_REF);
		portfolio_import_where(in, r, PCOL_REF, where, sizeof(where));
		err_prefix(&r->problem, "%s", where);
		return 1;
	}
	if (r->cell[PCOL_VERSION] && *r->cell[PCOL_VERSION]) {
		const char *v = r->cell[PCOL_VERSION];
		char *end;
		long long ver = strtoll(v, &end, 10);

		if (!strcmp(end, ".0"))
			end += 2;
		if (*v < '0' || *v > '9' || *end || ver < 0 || strlen(v) > 18) {
			err_fail(&r->problem, ERR_INVALID, "version", MSG_E_IMPORT_VERSION,
				 r->cell[PCOL_REF], v);
			portfolio_import_where(in, r, PCOL_VERSION, where, sizeof(where));
			err_prefix(&r->problem, "%s", where);
			return 1;
		}
		r->version = ver;
	}
	return 1;
}

static void import_init(struct portfolio_import *in, const char *name, int csv)
{
	memset(in, 0, sizeof(*in));
	in->csv = csv;
	in->file = xstrdup(name);
}

/* CSV: data (taken) read up to the heading included. */
static int open_csv(struct portfolio_import *in, char *data, size_t len, struct err *e)
{
	int rc;

	in->data = data;
	in->len = len;
	rc = csv_open(&in->cur, in->data, in->len, in->file, PORTFOLIO_IMPORT_ROWS_MAX, e);
	if (!rc)
		rc = csv_next(&in->cur, e);
	if (rc == 0) {
		rc = err_fail(e, ERR_INVALID, NULL, MSG_E_IMPORT_EMPTY);
		err_prefix(e, "%s", in->file);
		return rc;
	}
	if (rc < 0)
		return rc;
	return map_headings(in, (const char *const *)in->cur.row.f, in->cur.row.n, e);
}

int portfolio_import_read_csv(const char *data, size_t len, const char *name,
			      struct portfolio_import *out, struct err *e)
{
	char *copy = xmalloc(len + 1);
	int rc;

	memcpy(copy, data, len);
	copy[len] = '\0';
	import_init(out, name, 1);
	rc = open_csv(out, copy, len, e);
	if (rc)
		portfolio_import_release(out);
	return rc;
}

/* Row r of a sheet (cells from index *at on, in order) as texts by column. */
static size_t sheet_row(const struct xlsx_sheet *s, size_t *at, unsigned row, const char **text,
			size_t max)
{
	size_t n = 0;

	while (*at < s->n && s->cells[*at].row == row) {
		const struct xlsx_cell *c = &s->cells[(*at)++];
		if (c->col >= max)
			continue;
		while (n < c->col)
			text[n++] = NULL;
		text[n++] = c->text;
	}
	return n;
}

enum { SHEET_COLS = 64 }; /* the layout has 13 columns; more are refused as unknown headings */

int portfolio_import_read_xlsx(const void *data, size_t len, const char *name,
			       struct portfolio_import *out, struct err *e)
{
	struct xlsx *x = NULL;
	struct xlsx_sheet about = {0};
	const char *text[SHEET_COLS];
	struct xlsx_sheet *s = &out->sheet;
	size_t n;
	int rc;

	import_init(out, name, 0);
	rc = xlsx_open_mem(&x, data, len, name, NULL, e);
	if (rc)
		goto out;
	if (xlsx_has_sheet(x, PORTFOLIO_ABOUT_SHEET)) {
		const char *v;
		rc = xlsx_sheet_read(x, PORTFOLIO_ABOUT_SHEET, &about, e);
		if (rc)
			goto out;
		v = xlsx_cell(&about, 0, 1);
		out->org = v && *v ? trimmed(v, strlen(v)) : NULL;
		v = xlsx_cell(&about, 1, 1);
		out->framework = v && *v ? trimmed(v, strlen(v)) : NULL;
		v = xlsx_cell(&about, 2, 1);
		if (v && !strncmp(v, "cdcf-workbook", 13) && strcmp(v, PORTFOLIO_WORKBOOK_FORMAT)) {
			rc = err_fail(e, ERR_INVALID, NULL, MSG_E_IMPORT_WORKBOOK_FORMAT, v,
				      PORTFOLIO_WORKBOOK_FORMAT);
			err_prefix(e, "%s: %s!B3", name, PORTFOLIO_ABOUT_SHEET);
			goto out;
		}
	}
	rc = xlsx_sheet_read(x, PORTFOLIO_SHEET, s, e);
	if (rc)
		goto out;
	if (!s->n || s->cells[0].row != 0) {
		rc = err_fail(e, ERR_INVALID, NULL, MSG_E_IMPORT_EMPTY);
		err_prefix(e, "%s: %s", name, PORTFOLIO_SHEET);
		goto out;
	}
	/* a heading past the 64th column: refused like any unknown heading */
	for (n = 0; n < s->n && s->cells[n].row == 0; n++)
		if (s->cells[n].col >= SHEET_COLS) {
			char where[64];
			rc = err_fail(e, ERR_INVALID, "heading", MSG_E_IMPORT_HEADING,
				      s->cells[n].text, "ref, ..., version");
			place_heading(out, s->cells[n].col, where, sizeof(where));
			err_prefix(e, "%s", where);
			goto out;
		}
	n = sheet_row(s, &out->at, 0, text, SHEET_COLS);
	out->first = out->at;
	rc = map_headings(out, text, n, e);
	if (!rc && xlsx_has_sheet(x, ACTIONS_SHEET)) /* edits of the actions, if any */
		rc = actions_import_read(x, name, &out->actions, e);
out:
	xlsx_sheet_release(&about);
	xlsx_free(x);
	if (rc)
		portfolio_import_release(out);
	return rc;
}

int portfolio_import_next(struct portfolio_import *in, struct err *e)
{
	const char *text[SHEET_COLS];
	int rc;

	for (;;) {
		if (in->csv) {
			rc = csv_next(&in->cur, e);
			if (rc <= 0)
				return rc;
			rc = take_row(in, in->cur.row.line, (const char *const *)in->cur.row.f,
				      in->cur.row.n);
		} else {
			unsigned row;
			size_t n;
			if (in->at >= in->sheet.n)
				return 0;
			row = in->sheet.cells[in->at].row;
			n = sheet_row(&in->sheet, &in->at, row, text, SHEET_COLS);
			rc = take_row(in, (long)row + 1, text, n);
		}
		if (!rc)
			continue;
		if (in->n > PORTFOLIO_IMPORT_ROWS_MAX) {
			rc = err_fail(e, ERR_TOO_LARGE, NULL, MSG_E_IMPORT_TOO_MANY_ROWS,
				      PORTFOLIO_IMPORT_ROWS_MAX);
			return err_prefix(e, "%s", in->file);
		}
		return 1;
	}
}

void portfolio_import_rewind(struct portfolio_import *in)
{
	struct err e = ERR_INIT;

	row_clear(&in->row);
	in->n = 0;
	if (!in->csv) {
		in->at = in->first;
		return;
	}
	/* the bytes were read once already: the heading again cannot fail */
	csv_close(&in->cur);
	if (!csv_open(&in->cur, in->data, in->len, in->file, PORTFOLIO_IMPORT_ROWS_MAX, &e))
		csv_next(&in->cur, &e);
}

int portfolio_import_kind(const char *path, const char *head, size_t n)
{
	size_t len = strlen(path);

	if (len >= 5 && !strcasecmp(path + len - 5, ".xlsx"))
		return 1;
	if (len >= 4 && !strcasecmp(path + len - 4, ".csv"))
		return 2;
	if (len >= 5 && !strcasecmp(path + len - 5, ".json"))
		return 0;
	if (n >= 4 && !memcmp(head, "PK\3\4", 4))
		return 1;
	return 0;
}

int portfolio_import_read_file(const char *path, struct portfolio_import *out, struct err *e)
{
	char *data = NULL;
	size_t len = 0;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = file_read_all(path, PORTFOLIO_IMPORT_FILE_MAX, &data, &len, e);
	if (rc)
		return rc;
	if (portfolio_import_kind(path, data, len) == 1) {
		rc = portfolio_import_read_xlsx(data, len, path, out, e);
		free(data);
		return rc;
	}
	import_init(out, path, 1);
	rc = open_csv(out, data, len, e); /* the bytes are the reader's now */
	if (rc)
		portfolio_import_release(out);
	return rc;
}

void portfolio_import_release(struct portfolio_import *in)
{
	if (!in)
		return;
	row_clear(&in->row);
	free(in->row_text);
	csv_close(&in->cur);
	free(in->data);
	xlsx_sheet_release(&in->sheet);
	free(in->file);
	free(in->org);
	free(in->framework);
	actions_import_free(in->actions);
	memset(in, 0, sizeof(*in));
}

void portfolio_import_place(const struct portfolio_import *in, long line, int c, char *buf,
			    size_t size)
{
	char name[16];

	if (c < 0 || c >= PCOL_COUNT || in->col[c] < 0)
		c = PCOL_REF;
	if (in->csv) {
		snprintf(buf, size, "%s:%ld:%d", in->file, line, in->col[c] + 1);
	} else {
		xlsx_cell_name((unsigned)(line - 1), (unsigned)in->col[c], name, sizeof(name));
		snprintf(buf, size, "%s: %s!%s", in->file, PORTFOLIO_SHEET, name);
	}
}

void portfolio_import_where(const struct portfolio_import *in, const struct portfolio_import_row *r,
			    int c, char *buf, size_t size)
{
	char name[16];
	const char *v;

	if (c < 0 || c >= PCOL_COUNT || in->col[c] < 0)
		c = PCOL_REF;
	v = r->cell[c] ? r->cell[c] : "";
	if (in->csv) {
		snprintf(buf, size, "%s:%ld:%d (%s='%.60s')", in->file, r->line, in->col[c] + 1,
			 keys[c], v);
	} else {
		xlsx_cell_name((unsigned)(r->line - 1), (unsigned)in->col[c], name, sizeof(name));
		snprintf(buf, size, "%s: %s!%s (%s='%.60s')", in->file, PORTFOLIO_SHEET, name,
			 keys[c], v);
	}
}

/* The key of text among n names by name(i) and their words in both languages, or text. */
static const char *word_key(const char *text, int n, const char *(*name)(int),
			    const char *(*word)(enum lang, int))
{
	int i, l;

	for (i = 0; i < n; i++) {
		if (!strcasecmp(text, name(i)))
			return name(i);
		for (l = 0; l < LANG_COUNT; l++)
			if (!strcasecmp(text, word((enum lang)l, i)))
				return name(i);
	}
	return text;
}

static const char *level_key(int i)
{
	return level_name((enum level)i);
}

static const char *assignment_key(int i)
{
	return assignment_name((enum assignment)i);
}

const char *portfolio_import_level(const char *text)
{
	int l;

	if (!*text)
		return "";
	for (l = 0; l < LANG_COUNT; l++)
		if (!strcasecmp(text, tr((enum lang)l, MSG_NOT_SELECTED)))
			return "";
	return word_key(text, LEVEL_COUNT, level_key, tr_level);
}

const char *portfolio_import_assignment(const char *text)
{
	if (!*text) /* an empty cell: nobody yet */
		return assignment_name(ASSIGN_UNASSIGNED);
	return word_key(text, ASSIGN_COUNT, assignment_key, tr_assignment);
}

/* The first n bytes of text into buf of size, cut to fit, ended by a NUL. */
static void copy_cut(char *buf, size_t size, const char *text, size_t n)
{
	if (!size)
		return;
	if (n >= size)
		n = size - 1;
	memcpy(buf, text, n);
	buf[n] = '\0';
}

void portfolio_import_score(const char *text, char *buf, size_t size)
{
	size_t n = strlen(text), digits = strspn(text, "0123456789");

	if (!strcasecmp(text, "n/a") || !strcasecmp(text, "na")) {
		copy_cut(buf, size, "n/a", 3);
		return;
	}
	/* a whole number a spreadsheet wrote with a fraction: "3.0" */
	if (n > 2 && digits && digits + 2 <= n && text[digits] == '.' &&
	    strspn(text + digits + 1, "0") == n - digits - 1) {
		copy_cut(buf, size, text, digits);
		return;
	}
	copy_cut(buf, size, text, n);
}

void portfolio_import_at(const struct portfolio_import *in, uint64_t *done, uint64_t *total)
{
	*done = in->csv ? in->cur.i : in->at;
	*total = in->csv ? in->len : in->sheet.n;
}
