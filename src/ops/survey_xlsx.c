/*
 * survey_xlsx.c - a survey's Excel template read back (see survey_xlsx.h):
 * the sheet Answers through io/xlsx_read.h's bounded reader, its words
 * mapped to keys as the portfolio importer maps them, every refusal naming
 * the cell and its value; the answers then go to ops_survey_answer(_link)
 * in one transaction, all or none.
 */
#include "ops/survey_xlsx.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/level.h"
#include "io/portfolio_import.h"
#include "io/xlsx_read.h"
#include "ops/ops.h"
#include "report/survey_xlsx.h"
#include "util/xalloc.h"

enum { K_REF, K_IMPL, K_LEVEL, K_ASSIGN, K_CURRENT, K_NOTE, K_COUNT };

static const char *const keys[K_COUNT] = {"ref",	"implemented", "level",
					  "assignment", "current",     "note"};
static const enum msg_id heads[K_COUNT] = {MSG_SXLSX_H_REF,	MSG_SXLSX_H_IMPLEMENTED,
					   MSG_SXLSX_H_LEVEL,	MSG_SXLSX_H_ASSIGNMENT,
					   MSG_SXLSX_H_CURRENT, MSG_SXLSX_H_NOTE};

/* A copy of s without the spaces around it; NULL for NULL or blank. */
static char *trimmed(const char *s)
{
	size_t n;

	if (!s)
		return NULL;
	while (isspace((unsigned char)*s))
		s++;
	n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return n ? xstrndup(s, n) : NULL;
}

static int heading_key(const char *text)
{
	char *h = trimmed(text);
	int k, found = -1;
	enum lang l;

	for (k = 0; h && k < K_COUNT && found < 0; k++) {
		if (!strcasecmp(h, keys[k]))
			found = k;
		for (l = 0; l < LANG_COUNT && found < 0; l++)
			if (!strcasecmp(h, tr(l, heads[k])))
				found = k;
	}
	free(h);
	return found;
}

/* "yes" / "no" for the word in either language, NULL for anything else. */
static const char *yes_no(const char *text)
{
	enum lang l;

	if (!strcasecmp(text, "yes"))
		return "yes";
	if (!strcasecmp(text, "no"))
		return "no";
	for (l = 0; l < LANG_COUNT; l++) {
		if (!strcasecmp(text, tr(l, MSG_WEB_SURVEY_YES)))
			return "yes";
		if (!strcasecmp(text, tr(l, MSG_WEB_SURVEY_NO)))
			return "no";
	}
	return NULL;
}

static int refuse_cell(const struct ops_survey_xlsx *x, unsigned row, unsigned col, int rc,
		       struct err *e)
{
	char cell[16];

	xlsx_cell_name(row, col, cell, sizeof(cell));
	err_prefix(e, "%s: %s!%s", x->file, SURVEY_XLSX_SHEET, cell);
	return rc;
}

/* The texts of row r (cells from *at on) by key into v (owned copies). */
static void row_values(const struct xlsx_sheet *s, size_t *at, unsigned row, const int *col,
		       char **v)
{
	int k;

	for (k = 0; k < K_COUNT; k++)
		v[k] = NULL;
	for (; *at < s->n && s->cells[*at].row == row; (*at)++)
		for (k = 0; k < K_COUNT; k++)
			if (col[k] >= 0 && s->cells[*at].col == (unsigned)col[k] && !v[k])
				v[k] = trimmed(s->cells[*at].text);
}

static void values_free(char **v)
{
	int k;

	for (k = 0; k < K_COUNT; k++) {
		free(v[k]);
		v[k] = NULL;
	}
}

/* Map the words of one row to keys (in place), refusing an unknown one. */
static int row_words(const struct ops_survey_xlsx *x, unsigned row, char **v, struct err *e)
{
	const char *ref = v[K_REF] ? v[K_REF] : "";
	const char *w;
	int lv;

	if (!v[K_REF]) {
		err_fail(e, ERR_INVALID, "ref", MSG_E_SXLSX_NO_REF);
		return refuse_cell(x, row, (unsigned)x->col[K_REF], ERR_INVALID, e);
	}
	w = yes_no(v[K_IMPL]);
	if (!w) {
		err_fail(e, ERR_INVALID, "implemented", MSG_E_SURVEY_IMPLEMENTED, ref, v[K_IMPL]);
		return refuse_cell(x, row, (unsigned)x->col[K_IMPL], ERR_INVALID, e);
	}
	free(v[K_IMPL]);
	v[K_IMPL] = xstrdup(w);
	if (v[K_LEVEL]) {
		w = portfolio_import_level(v[K_LEVEL]);
		lv = level_parse(w);
		if (lv < 0 || lv == LEVEL_IN_SCOPE) {
			err_fail(e, ERR_INVALID, "level", MSG_E_SURVEY_LEVEL, ref, v[K_LEVEL]);
			return refuse_cell(x, row, (unsigned)x->col[K_LEVEL], ERR_INVALID, e);
		}
		w = level_name((enum level)lv);
		free(v[K_LEVEL]);
		v[K_LEVEL] = xstrdup(w);
	}
	if (v[K_ASSIGN]) {
		int as = assignment_parse(portfolio_import_assignment(v[K_ASSIGN]));
		if (as != ASSIGN_INSOURCE && as != ASSIGN_OUTSOURCE && as != ASSIGN_HYBRID) {
			err_fail(e, ERR_INVALID, "assignment", MSG_E_SURVEY_ASSIGNMENT, ref,
				 v[K_ASSIGN]);
			return refuse_cell(x, row, (unsigned)x->col[K_ASSIGN], ERR_INVALID, e);
		}
		free(v[K_ASSIGN]);
		v[K_ASSIGN] = xstrdup(assignment_name((enum assignment)as));
	}
	if (v[K_CURRENT]) {
		char buf[64];
		portfolio_import_score(v[K_CURRENT], buf, sizeof(buf));
		free(v[K_CURRENT]);
		v[K_CURRENT] = xstrdup(buf);
	}
	return 0;
}

static int check_about(struct xlsx *xl, const char *name, const char *survey, struct err *e)
{
	struct xlsx_sheet about = {0};
	const char *v;
	char *t = NULL;
	int rc;

	if (!survey || !xlsx_has_sheet(xl, SURVEY_XLSX_ABOUT))
		return 0;
	rc = xlsx_sheet_read(xl, SURVEY_XLSX_ABOUT, &about, e);
	if (rc)
		return rc;
	v = xlsx_cell(&about, 4, 1);
	if (v && !strncmp(v, SURVEY_XLSX_FORMAT, 11)) { /* our template: B1 names the survey */
		t = trimmed(xlsx_cell(&about, 0, 1));
		if (t && strcmp(t, survey)) {
			rc =
			    err_fail(e, ERR_INVALID, "survey", MSG_E_SXLSX_OTHER_SURVEY, t, survey);
			err_prefix(e, "%s: %s!B1", name, SURVEY_XLSX_ABOUT);
		}
	}
	free(t);
	xlsx_sheet_release(&about);
	return rc;
}

int ops_survey_read_xlsx(const void *data, size_t len, const char *name, const char *survey,
			 struct ops_survey_xlsx *out, struct err *e)
{
	struct xlsx *xl = NULL;
	struct xlsx_sheet s = {0};
	size_t at = 0, cap = 0;
	int rc, k;

	memset(out, 0, sizeof(*out));
	for (k = 0; k < K_COUNT; k++)
		out->col[k] = -1;
	out->file = xstrdup(name);
	rc = xlsx_open_mem(&xl, data, len, name, NULL, e);
	if (!rc)
		rc = check_about(xl, name, survey, e);
	if (!rc)
		rc = xlsx_sheet_read(xl, SURVEY_XLSX_SHEET, &s, e);
	if (rc)
		goto out;
	for (; at < s.n && s.cells[at].row == 0; at++) {
		k = heading_key(s.cells[at].text);
		if (k >= 0 && out->col[k] < 0)
			out->col[k] = (int)s.cells[at].col;
	}
	if (out->col[K_REF] < 0 || out->col[K_IMPL] < 0) {
		rc = err_fail(e, ERR_INVALID, "file", MSG_E_SXLSX_COLUMNS, name);
		goto out;
	}
	while (at < s.n) {
		unsigned row = s.cells[at].row;
		char *v[K_COUNT];
		struct ops_survey_input *in;

		row_values(&s, &at, row, out->col, v);
		if (!v[K_IMPL]) { /* not answered */
			values_free(v);
			continue;
		}
		rc = row_words(out, row, v, e);
		if (!rc && out->n >= SURVEY_XLSX_ROWS_MAX)
			rc = err_fail(e, ERR_TOO_LARGE, "ref", MSG_E_SURVEY_TOO_MANY,
				      (size_t)SURVEY_XLSX_ROWS_MAX);
		if (rc) {
			values_free(v);
			goto out;
		}
		if (out->n == cap) {
			cap = cap ? cap * 2 : 64;
			out->in = xrealloc(out->in, cap * sizeof(*out->in));
			out->row = xrealloc(out->row, cap * sizeof(*out->row));
		}
		in = &out->in[out->n];
		in->ref = v[K_REF];
		in->implemented = v[K_IMPL];
		in->level = v[K_LEVEL];
		in->assignment = v[K_ASSIGN];
		in->current = v[K_CURRENT];
		in->note = v[K_NOTE];
		out->row[out->n++] = row;
	}
out:
	xlsx_sheet_release(&s);
	xlsx_free(xl);
	if (rc)
		ops_survey_xlsx_release(out);
	return rc;
}

void ops_survey_xlsx_release(struct ops_survey_xlsx *x)
{
	size_t i;

	if (!x)
		return;
	for (i = 0; i < x->n; i++) {
		free((char *)x->in[i].ref);
		free((char *)x->in[i].implemented);
		free((char *)x->in[i].level);
		free((char *)x->in[i].assignment);
		free((char *)x->in[i].current);
		free((char *)x->in[i].note);
	}
	free(x->in);
	free(x->row);
	free(x->file);
	memset(x, 0, sizeof(*x));
}

void ops_survey_xlsx_where(const struct ops_survey_xlsx *x, struct err *e)
{
	size_t i;
	int j, k, col;

	if (!e || !e->code || e->where[0])
		return;
	for (i = 0; i < x->n; i++)
		for (j = 0; j < e->nargs && j < ERR_ARGS; j++)
			if (!strcmp(e->args[j], x->in[i].ref)) {
				col = x->col[K_REF];
				for (k = 0; k < K_COUNT; k++)
					if (!strcmp(e->field, keys[k]) && x->col[k] >= 0)
						col = x->col[k];
				refuse_cell(x, x->row[i], (unsigned)col, e->code, e);
				return;
			}
}

int ops_survey_template_xlsx(struct store *st, long long survey, long long response, enum lang lang,
			     struct buf *out, struct err *e)
{
	const struct framework *fw = NULL;
	json_t *desc = NULL, *answers = NULL, *v;
	size_t i;
	int rc = ops_survey_describe(st, survey, lang_code(lang), &desc, e);

	if (!rc && response)
		rc = ops_survey_response_answers(st, response, &answers, e);
	/* the categories by name, as the portfolio workbook shows them */
	if (!rc && !ops_framework(json_string_value(json_object_get(desc, "framework")), &fw, e)) {
		json_object_set_new(desc, "framework_name",
				    json_string(framework_name(fw, lang_code(lang))));
		json_array_foreach (json_object_get(desc, "services"), i, v) {
			const char *cat = json_string_value(json_object_get(v, "category"));
			int c = cat ? framework_find(fw, cat) : -1;
			if (c >= 0)
				json_object_set_new(
				    v, "category",
				    json_string(fw_node_name(&fw->nodes[c], lang_code(lang))));
		}
	}
	if (!rc) {
		rc = report_survey_template_xlsx(out, desc, answers, lang);
		if (rc)
			err_fail(e, rc, NULL, rc == ERR_NOMEM ? MSG_E_NOMEM : MSG_E_SXLSX_WRITE);
	}
	json_decref(desc);
	json_decref(answers);
	return rc;
}

int ops_survey_import_xlsx(struct store *st, const char *name, const char *org, const char *token,
			   const char *respondent, const char *respondent_org, const void *data,
			   size_t len, const char *file, size_t *n, struct err *e)
{
	struct ops_survey_xlsx x;
	int rc = ops_survey_read_xlsx(data, len, file, name, &x, e);

	if (rc)
		return rc;
	rc = org ? ops_survey_answer(st, name, org, respondent, x.in, x.n, e)
		 : ops_survey_answer_link(st, token, respondent, respondent_org, x.in, x.n, e);
	if (rc)
		ops_survey_xlsx_where(&x, e);
	else if (n)
		*n = x.n;
	ops_survey_xlsx_release(&x);
	return rc;
}
