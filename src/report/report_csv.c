/*
 * report_csv.c - the portfolio as CSV: one row per entry (columns in report.h).
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
