/*
 * survey_xlsx.c - a survey's Excel template (libxlsxwriter), which
 * ops/survey_xlsx.c reads back.
 *
 * Answers has a row per service of the survey in its order: ref, name and
 * category (locked), then implemented, level, assignment, current score and
 * note (unlocked; the sheet is protected without a password, so a
 * respondent edits only the answers). Implemented, level, assignment and
 * current get a drop-down: yes / no, the service levels, in-house /
 * outsourced / hybrid and the scores of either side's scale with "n/a" when
 * a scale has it. Words are the language's labels, as the portfolio
 * workbook writes them (report_xlsx.c); the reader takes them in either
 * language or as keys. A response's answers fill the rows (revising).
 * About names the survey, its framework and deadline, the format version and
 * how to send the workbook back. Text is written as string cells, never
 * formulas; one starting with = + - @ gets the text format. The creation
 * time is a constant: the same survey and answers give the same bytes.
 */
#include "report/survey_xlsx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "core/level.h"
#include "report/report_int.h"

#define SX_CREATED ((time_t)1609459200) /* 2021-01-01T00:00:00Z */
#define SX_CELL_MAX 32767

enum { C_REF, C_NAME, C_CATEGORY, C_IMPL, C_LEVEL, C_ASSIGN, C_CURRENT, C_NOTE, C_COUNT };

static const struct {
	enum msg_id head;
	double width;
} cols[C_COUNT] = {
    [C_REF] = {MSG_SXLSX_H_REF, 10},	       [C_NAME] = {MSG_SXLSX_H_NAME, 44},
    [C_CATEGORY] = {MSG_SXLSX_H_CATEGORY, 24}, [C_IMPL] = {MSG_SXLSX_H_IMPLEMENTED, 12},
    [C_LEVEL] = {MSG_SXLSX_H_LEVEL, 18},       [C_ASSIGN] = {MSG_SXLSX_H_ASSIGNMENT, 14},
    [C_CURRENT] = {MSG_SXLSX_H_CURRENT, 12},   [C_NOTE] = {MSG_SXLSX_H_NOTE, 48},
};

struct sx {
	lxw_workbook *wb;
	lxw_format *head, *locked, *quoted, *open, *open_quoted;
	enum lang lang;
	int rc;
};

static void check(struct sx *x, lxw_error err)
{
	if (!x->rc && err != LXW_NO_ERROR)
		x->rc = err == LXW_ERROR_MEMORY_MALLOC_FAILED	      ? ERR_NOMEM
			: err == LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED ? ERR_TOO_LARGE
								      : ERR_INTERNAL;
}

/* A text cell (invalid UTF-8 replaced), quote-formatted when a spreadsheet
 * would take it for a formula; NULL or "" writes nothing. */
static void text(struct sx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s,
		 int unlocked)
{
	struct buf clean;

	if (x->rc || !s || !*s)
		return;
	buf_init(&clean, REPORT_MAX_BYTES);
	x->rc = rep_clean(&clean, s, 0);
	if (!x->rc && clean.len > (size_t)SX_CELL_MAX * 4)
		x->rc = ERR_TOO_LARGE;
	if (!x->rc) {
		int q = strchr("=+-@", clean.data[0]) != NULL;
		check(x, worksheet_write_string(ws, r, c, clean.data,
						unlocked ? (q ? x->open_quoted : x->open)
							 : (q ? x->quoted : x->locked)));
	}
	buf_release(&clean);
}

static const char *jstr(json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	return json_is_string(v) ? json_string_value(v) : NULL;
}

/* A drop-down of items (NULL-terminated) on rows [1, last] of column c. */
static void dropdown(struct sx *x, lxw_worksheet *ws, lxw_col_t c, lxw_row_t last,
		     const char **items)
{
	lxw_data_validation dv;

	if (x->rc || !items[0] || last < 1)
		return;
	memset(&dv, 0, sizeof(dv));
	dv.validate = LXW_VALIDATION_TYPE_LIST;
	dv.value_list = (char **)items;
	dv.show_error = LXW_VALIDATION_ON;
	dv.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
	dv.error_message = (char *)tr(x->lang, MSG_XLSX_PICK_ERROR);
	check(x, worksheet_data_validation_range(ws, 1, c, last, c, &dv));
}

/* The scores of a scale text "1-5, n/a" (ops_survey_describe) marked in
 * seen[0..10]; "n/a" in *na. */
static void scale_items(const char *scale, int *seen, int *na)
{
	int lo, hi, i;

	if (!scale || sscanf(scale, "%d-%d", &lo, &hi) != 2)
		return;
	for (i = lo < 0 ? 0 : lo; i <= hi && i <= 10; i++)
		seen[i] = 1;
	if (strstr(scale, "n/a"))
		*na = 1;
}

static json_t *answer_of(json_t *answers, const char *ref)
{
	json_t *a;
	size_t i;

	json_array_foreach (answers, i, a) {
		const char *r = jstr(a, "ref");
		if (r && !strcmp(r, ref))
			return a;
	}
	return NULL;
}

static void answers_sheet(struct sx *x, lxw_worksheet *ws, json_t *desc, json_t *answers)
{
	static const char *const digits[11] = {"0", "1", "2", "3", "4", "5",
					       "6", "7", "8", "9", "10"};
	const char *yn[3], *lv[6], *as[4], *sc[13];
	json_t *services = json_object_get(desc, "services"),
	       *scale = json_object_get(desc, "scale");
	lxw_row_t last = (lxw_row_t)json_array_size(services);
	int seen[11] = {0}, na = 0, i;
	size_t k, n = 0;
	json_t *v;

	for (k = 0; k < C_COUNT && !x->rc; k++) {
		check(x, worksheet_write_string(ws, 0, (lxw_col_t)k, tr(x->lang, cols[k].head),
						x->head));
		check(x, worksheet_set_column(ws, (lxw_col_t)k, (lxw_col_t)k, cols[k].width,
					      k >= C_IMPL ? x->open : NULL));
	}
	worksheet_freeze_panes(ws, 1, 2);
	json_array_foreach (services, k, v) {
		lxw_row_t r = (lxw_row_t)(k + 1);
		const char *ref = jstr(v, "ref");
		json_t *a = ref ? answer_of(answers, ref) : NULL;
		const char *s;

		text(x, ws, r, C_REF, ref, 0);
		text(x, ws, r, C_NAME, jstr(v, "name"), 0);
		text(x, ws, r, C_CATEGORY, jstr(v, "category"), 0);
		if (!a)
			continue;
		text(x, ws, r, C_IMPL,
		     tr(x->lang, json_is_true(json_object_get(a, "implemented"))
				     ? MSG_WEB_SURVEY_YES
				     : MSG_WEB_SURVEY_NO),
		     1);
		s = jstr(a, "level");
		if (s && level_parse(s) >= 0)
			text(x, ws, r, C_LEVEL, tr_level(x->lang, level_parse(s)), 1);
		s = jstr(a, "assignment");
		if (s && assignment_parse(s) >= 0)
			text(x, ws, r, C_ASSIGN, tr_assignment(x->lang, assignment_parse(s)), 1);
		text(x, ws, r, C_CURRENT, jstr(a, "current"), 1);
		text(x, ws, r, C_NOTE, jstr(a, "note"), 1);
	}
	yn[0] = tr(x->lang, MSG_WEB_SURVEY_YES);
	yn[1] = tr(x->lang, MSG_WEB_SURVEY_NO);
	yn[2] = NULL;
	for (i = 0; i < 5; i++)
		lv[i] = tr_level(x->lang, LEVEL_NOT_REQUIRED + i);
	lv[5] = NULL;
	for (i = 0; i < 3; i++)
		as[i] = tr_assignment(x->lang, ASSIGN_INSOURCE + i);
	as[3] = NULL;
	scale_items(jstr(scale, "insource"), seen, &na);
	scale_items(jstr(scale, "outsource"), seen, &na);
	for (i = 0; i <= 10; i++)
		if (seen[i])
			sc[n++] = digits[i];
	if (na)
		sc[n++] = "n/a";
	sc[n] = NULL;
	dropdown(x, ws, C_IMPL, last, yn);
	dropdown(x, ws, C_LEVEL, last, lv);
	dropdown(x, ws, C_ASSIGN, last, as);
	dropdown(x, ws, C_CURRENT, last, sc);
	if (last)
		check(x, worksheet_autofilter(ws, 0, 0, last, C_NOTE));
	if (!x->rc) {
		lxw_protection prot;
		memset(&prot, 0, sizeof(prot));
		prot.format_columns = 1;
		prot.autofilter = 1;
		prot.sort = 1;
		worksheet_protect(ws, NULL, &prot);
	}
}

static void about_sheet(struct sx *x, lxw_worksheet *ws, json_t *desc)
{
	const char *deadline = jstr(desc, "deadline");
	json_t *scale = json_object_get(desc, "scale");
	char sc[128];
	static const struct {
		enum msg_id label;
	} rows[] = {{MSG_SXLSX_SURVEY},	  {MSG_SXLSX_FRAMEWORK}, {MSG_SXLSX_DEADLINE},
		    {MSG_SXLSX_LANGUAGE}, {MSG_SXLSX_FORMAT},	 {MSG_SXLSX_SCALE}};
	size_t i;

	check(x, worksheet_set_column(ws, 0, 0, 24, NULL));
	check(x, worksheet_set_column(ws, 1, 1, 80, NULL));
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		text(x, ws, (lxw_row_t)i, 0, tr(x->lang, rows[i].label), 0);
	snprintf(sc, sizeof(sc), "%s / %s", jstr(scale, "insource") ? jstr(scale, "insource") : "",
		 jstr(scale, "outsource") ? jstr(scale, "outsource") : "");
	text(x, ws, 0, 1, jstr(desc, "name"), 0);
	if (jstr(desc, "framework_name")) {
		char fw[512];
		snprintf(fw, sizeof(fw), "%s (%s)", jstr(desc, "framework"),
			 jstr(desc, "framework_name"));
		text(x, ws, 1, 1, fw, 0);
	} else
		text(x, ws, 1, 1, jstr(desc, "framework"), 0);
	text(x, ws, 2, 1, deadline ? deadline : tr(x->lang, MSG_SXLSX_NO_DEADLINE), 0);
	text(x, ws, 3, 1, lang_code(x->lang), 0);
	text(x, ws, 4, 1, SURVEY_XLSX_FORMAT, 0);
	text(x, ws, 5, 1, sc, 0);
	if (!x->rc)
		check(x, worksheet_write_string(ws, 7, 0, tr(x->lang, MSG_SXLSX_HOWTO_H), x->head));
	text(x, ws, 7, 1, tr(x->lang, MSG_SXLSX_HOWTO), 0);
}

static void formats(struct sx *x)
{
	x->head = workbook_add_format(x->wb);
	x->locked = workbook_add_format(x->wb);
	x->quoted = workbook_add_format(x->wb);
	x->open = workbook_add_format(x->wb);
	x->open_quoted = workbook_add_format(x->wb);
	if (!x->head || !x->locked || !x->quoted || !x->open || !x->open_quoted) {
		x->rc = ERR_NOMEM;
		return;
	}
	format_set_bold(x->head);
	format_set_bg_color(x->head, 0xDDEBF7);
	format_set_text_wrap(x->head);
	format_set_align(x->head, LXW_ALIGN_VERTICAL_TOP);
	format_set_align(x->locked, LXW_ALIGN_VERTICAL_TOP);
	format_set_text_wrap(x->locked);
	format_set_align(x->quoted, LXW_ALIGN_VERTICAL_TOP);
	format_set_num_format(x->quoted, "@");
	format_set_align(x->open, LXW_ALIGN_VERTICAL_TOP);
	format_set_unlocked(x->open);
	format_set_bg_color(x->open, 0xFFF2CC);
	format_set_align(x->open_quoted, LXW_ALIGN_VERTICAL_TOP);
	format_set_unlocked(x->open_quoted);
	format_set_bg_color(x->open_quoted, 0xFFF2CC);
	format_set_num_format(x->open_quoted, "@");
}

int report_survey_template_xlsx(struct buf *out, json_t *desc, json_t *answers, enum lang lang)
{
	struct sx x = {.lang = lang};
	lxw_doc_properties props;
	lxw_worksheet *ws, *about;
	char path[REPORT_XLSX_PATH];
	int rc = report_xlsx_open("cdcf-survey", path, &x.wb);

	if (rc)
		return rc;
	memset(&props, 0, sizeof(props));
	props.title = (char *)jstr(desc, "name");
	props.comments = SURVEY_XLSX_FORMAT;
	props.created = SX_CREATED;
	check(&x, workbook_set_properties(x.wb, &props));
	formats(&x);
	ws = workbook_add_worksheet(x.wb, SURVEY_XLSX_SHEET);
	about = workbook_add_worksheet(x.wb, SURVEY_XLSX_ABOUT);
	if (!ws || !about)
		x.rc = ERR_NOMEM;
	if (!x.rc)
		answers_sheet(&x, ws, desc, answers);
	if (!x.rc)
		about_sheet(&x, about, desc);
	return report_xlsx_finish(x.wb, path, x.rc, out);
}
