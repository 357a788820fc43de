/*
 * report_csv.c - the portfolio as CSV: one row per entry (columns in report.h).
 *
 * Two flavours of the same rows: the machine CSV (REPORT_CSV, stable, machine
 * words) and the spreadsheet CSV (REPORT_CSV_EXCEL: a UTF-8 BOM so Excel on
 * Japanese Windows reads UTF-8, headings and words in the model's language).
 *
 * RFC 4180: CRLF line ends; a cell holding a comma, a quote, CR or LF is
 * quoted with its quotes doubled. Text cells that a spreadsheet would read
 * as a formula (first character = + - @ TAB CR) get a leading apostrophe.
 * Figures are written by us (digits, '.', "n/a") and are left as numbers.
 */
#include <string.h>

#include "core/level.h"
#include "report/report_int.h"

static const char *const header[] = {
    "ref",
    "name",
    "category",
    "level",
    "assignment",
    "team",
    "provider",
    "insource_current",
    "insource_target",
    "outsource_current",
    "outsource_target",
    "current",
    "target",
    "gap",
    "provisional",
    "note",
};

/* Write one cell (after a separator unless first). text: neutralise formulas. */
static int cell(struct buf *out, const char *s, int first, int text)
{
	struct buf clean;
	const char *p;
	int rc = 0;

	if (!first)
		rc = buf_addch(out, ',');
	if (rc || !s || !*s)
		return rc;
	buf_init(&clean, out->max);
	rc = rep_clean(&clean, s, 0);
	if (rc)
		goto out;
	s = clean.data;
	if (!strpbrk(s, ",\"\r\n") && !(text && strchr("=+-@\t\r", s[0]))) {
		rc = buf_addstr(out, s);
		goto out;
	}
	rc = buf_addch(out, '"');
	if (!rc && text && strchr("=+-@\t\r", s[0]))
		rc = buf_addch(out, '\'');
	for (p = s; !rc && *p; p++) {
		rc = buf_addch(out, *p);
		if (!rc && *p == '"')
			rc = buf_addch(out, '"');
	}
	if (!rc)
		rc = buf_addch(out, '"');
out:
	buf_release(&clean);
	return rc;
}

static int score_cell(struct buf *out, int score)
{
	int rc = buf_addch(out, ',');

	if (rc || score == SCORE_NONE)
		return rc;
	if (score == SCORE_NA)
		return buf_addstr(out, "n/a");
	return buf_printf(out, "%d", score);
}

/* A figure of the model: a plain number (a negative gap keeps its sign). */
static int figure_cell(struct buf *out, const struct report_figure *f)
{
	int rc = buf_addch(out, ',');

	if (rc || !f->ok)
		return rc;
	return buf_addstr(out, f->text);
}

static int entry_row(struct buf *out, const struct report_model *m, const struct report_entry *re)
{
	const struct entry *e = re->e;
	int s, rc;

	rc = cell(out, e->ref_id, 1, 1);
	if (!rc)
		rc = cell(out, entry_name(m->p, e, m->lc), 0, 1);
	if (!rc)
		rc = cell(out, entry_category(m->p, e), 0, 1);
	if (!rc)
		rc = cell(out, level_name(e->level), 0, 0);
	if (!rc)
		rc = cell(out, assignment_name(e->assignment), 0, 0);
	if (!rc)
		rc = cell(out, e->team, 0, 1);
	if (!rc)
		rc = cell(out, e->provider, 0, 1);
	for (s = 0; !rc && s < SIDE_COUNT; s++) {
		rc = score_cell(out, e->score[s].current);
		if (!rc)
			rc = score_cell(out, e->score[s].target);
	}
	if (!rc)
		rc = figure_cell(out, &re->current);
	if (!rc)
		rc = figure_cell(out, &re->target);
	if (!rc)
		rc = figure_cell(out, &re->gap);
	if (!rc)
		rc = cell(out, re->provisional ? "true" : "false", 0, 0);
	if (!rc)
		rc = cell(out, e->note, 0, 1);
	if (!rc)
		rc = buf_addstr(out, "\r\n");
	return rc;
}

/* ---- the spreadsheet CSV: same columns, people's words ---- */

static const enum msg_id excel_header[] = {
    MSG_REPORT_CSV_REF,
    MSG_SERVICE,
    MSG_CATEGORY,
    MSG_LEVEL,
    MSG_ASSIGNMENT,
    MSG_TEAM,
    MSG_PROVIDER,
    MSG_REPORT_CSV_IN_CURRENT,
    MSG_REPORT_CSV_IN_TARGET,
    MSG_REPORT_CSV_OUT_CURRENT,
    MSG_REPORT_CSV_OUT_TARGET,
    MSG_CURRENT,
    MSG_TARGET,
    MSG_GAP,
    MSG_REPORT_CSV_PROVISIONAL,
    MSG_NOTE,
};

/* A side score: the number, "n/a" in the language, empty when not assessed. */
static int excel_score(struct buf *out, enum lang lang, int score)
{
	if (score == SCORE_NA)
		return cell(out, tr(lang, MSG_NA), 0, 0);
	return score_cell(out, score);
}

/* An entry figure: the number, else the model's cell when it says n/a, else
 * "not assessed". A gap has no figure when current or target has none: it
 * reads the cell of the one missing. */
static int excel_figure(struct buf *out, enum lang lang, const struct report_figure *f,
			const char *model_cell)
{
	if (f->ok)
		return figure_cell(out, f);
	if (model_cell && !strcmp(model_cell, tr(lang, MSG_NA)))
		return cell(out, model_cell, 0, 0);
	return cell(out, tr(lang, MSG_NOT_ASSESSED), 0, 0);
}

static int excel_row(struct buf *out, const struct report_model *m, const struct report_entry *re)
{
	const struct entry *e = re->e;
	const char *category = entry_category(m->p, e);
	enum lang lang = m->lang;
	int s, rc;

	rc = cell(out, e->ref_id, 1, 1);
	if (!rc)
		rc = cell(out, entry_name(m->p, e, m->lc), 0, 1);
	if (!rc)
		rc = cell(out, category && *category ? rep_category_name(m, category) : "", 0, 1);
	if (!rc)
		rc = cell(out, tr_level(lang, e->level), 0, 1);
	if (!rc)
		rc = cell(out, tr_assignment(lang, e->assignment), 0, 1);
	if (!rc)
		rc = cell(out, e->team, 0, 1);
	if (!rc)
		rc = cell(out, e->provider, 0, 1);
	for (s = 0; !rc && s < SIDE_COUNT; s++) {
		rc = excel_score(out, lang, e->score[s].current);
		if (!rc)
			rc = excel_score(out, lang, e->score[s].target);
	}
	if (!rc)
		rc = excel_figure(out, lang, &re->current, re->current_cell);
	if (!rc)
		rc = excel_figure(out, lang, &re->target, re->target_cell);
	if (!rc)
		rc = excel_figure(out, lang, &re->gap,
				  re->current.ok ? re->target_cell : re->current_cell);
	if (!rc)
		rc = cell(out, tr(lang, re->provisional ? MSG_REPORT_CSV_YES : MSG_REPORT_CSV_NO),
			  0, 1);
	if (!rc)
		rc = cell(out, e->note, 0, 1);
	if (!rc)
		rc = buf_addstr(out, "\r\n");
	return rc;
}

int render_csv_excel(const struct report_model *m, struct buf *out)
{
	size_t i;
	int rc = buf_addstr(out, "\xEF\xBB\xBF");

	for (i = 0; !rc && i < sizeof(excel_header) / sizeof(excel_header[0]); i++)
		rc = cell(out, tr(m->lang, excel_header[i]), i == 0, 1);
	if (!rc)
		rc = buf_addstr(out, "\r\n");
	for (i = 0; !rc && i < m->n_entries; i++)
		rc = excel_row(out, m, &m->entries[i]);
	return rc;
}

int render_csv(const struct report_model *m, struct buf *out)
{
	size_t i;
	int rc = 0;

	for (i = 0; !rc && i < sizeof(header) / sizeof(header[0]); i++)
		rc = cell(out, header[i], i == 0, 0);
	if (!rc)
		rc = buf_addstr(out, "\r\n");
	for (i = 0; !rc && i < m->n_entries; i++)
		rc = entry_row(out, m, &m->entries[i]);
	return rc;
}

int report_csv_cell(struct buf *out, const char *s, int first)
{
	return cell(out, s, first, 1);
}
