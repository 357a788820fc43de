/*
 * report_xlsx.c - the portfolio workbook (libxlsxwriter): the report model as
 * the sheets of docs/formats.md, which `cdcf import` reads back.
 *
 * Portfolio is the one editable sheet: a row per entry in the model's order,
 * columns fixed (ref, name, category, level, assignment, team, provider, the
 * four side scores, note, version), headings in the model's language, the
 * header row frozen and filtered, the version column hidden. Level,
 * assignment, team, provider and each score cell get a drop-down (list
 * validation) of what that entry accepts: the level words of its model
 * (services: not required .. optional; readiness and parameters: in scope,
 * not required), the assignment words, the organization's teams and
 * providers (also listed on About: when the names do not fit an inline
 * list, the drop-down refers to that range), the whole numbers of the
 * entry's scale and "n/a" when the scale has it. Readiness
 * components and parameters have no assignment and one score, on the
 * in-house columns. Consecutive rows that accept the same list share one
 * validation.
 *
 * Gaps, Summary (with a native bar chart of current vs target per
 * category), History and About are read-only; edits of existing actions on
 * Actions are read back by cdcf import (io/actions_import.c).
 *
 * Text is always written as a string cell, never a formula; one that starts
 * with = + - @ also has the text number format ("@"), so editing it in a
 * spreadsheet keeps it text. The same model gives the same bytes: the workbook's creation time
 * is a constant and nothing reads the clock. libxlsxwriter writes a file:
 * the workbook is written to a private temporary file, read into out and
 * removed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "core/level.h"
#include "report/report_int.h"
#include "util/xalloc.h"

/* The format version in About!B3, which the importer checks. */
#define XLSX_FORMAT_VERSION "cdcf-workbook 1"
/* The creation time in the workbook's properties: 2021-01-01T00:00:00Z, a
 * constant so that the same data gives the same bytes. */
#define XLSX_CREATED ((time_t)1609459200)
/* Excel's longest cell text (characters). */
#define XLSX_CELL_MAX 32767
/* Longest drop-down written inline, in bytes with its commas: Excel takes
 * 255 characters, and libxlsxwriter 1.1.4 copies the list into a buffer of
 * 255 + 3 bytes however many bytes its UTF-8 characters take. */
#define XLSX_LIST_MAX 250

enum pcol {
	COL_REF,
	COL_NAME,
	COL_CATEGORY,
	COL_LEVEL,
	COL_ASSIGNMENT,
	COL_TEAM,
	COL_PROVIDER,
	COL_IN_CURRENT,
	COL_IN_TARGET,
	COL_OUT_CURRENT,
	COL_OUT_TARGET,
	COL_NOTE,
	COL_VERSION,
	COL_COUNT
};

static const struct {
	enum msg_id head;
	double width;
} pcols[COL_COUNT] = {
    [COL_REF] = {MSG_XLSX_H_REF, 10},
    [COL_NAME] = {MSG_XLSX_H_NAME, 44},
    [COL_CATEGORY] = {MSG_XLSX_H_CATEGORY, 24},
    [COL_LEVEL] = {MSG_XLSX_H_LEVEL, 18},
    [COL_ASSIGNMENT] = {MSG_XLSX_H_ASSIGNMENT, 14},
    [COL_TEAM] = {MSG_XLSX_H_TEAM, 18},
    [COL_PROVIDER] = {MSG_XLSX_H_PROVIDER, 18},
    [COL_IN_CURRENT] = {MSG_XLSX_H_IN_CURRENT, 12},
    [COL_IN_TARGET] = {MSG_XLSX_H_IN_TARGET, 12},
    [COL_OUT_CURRENT] = {MSG_XLSX_H_OUT_CURRENT, 12},
    [COL_OUT_TARGET] = {MSG_XLSX_H_OUT_TARGET, 12},
    [COL_NOTE] = {MSG_XLSX_H_NOTE, 48},
    [COL_VERSION] = {MSG_XLSX_H_VERSION, 10},
};

/* The writer: the workbook, its formats, and the first error (sticky). */
struct xw {
	const struct report_model *m;
	lxw_workbook *wb;
	lxw_format *head, *text, *quoted, *number;
	char **teams, **providers; /* the drop-downs' names (borrowed or owned) */
	size_t n_teams, n_providers;
	int own_names;
	int rc;
};

/* A drop-down's items, joined by '\n' (no item holds one), "" for none. */
struct vlist {
	char text[XLSX_LIST_MAX + 1];
	size_t len;
	int overflow; /* an item did not fit */
};

static int lxw_rc(lxw_error err)
{
	switch (err) {
	case LXW_NO_ERROR:
		return 0;
	case LXW_ERROR_MEMORY_MALLOC_FAILED:
		return ERR_NOMEM;
	case LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED:
	case LXW_ERROR_255_STRING_LENGTH_EXCEEDED:
	case LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE:
		return ERR_TOO_LARGE;
	default:
		return ERR_INTERNAL;
	}
}

static void check(struct xw *x, lxw_error err)
{
	if (!x->rc)
		x->rc = lxw_rc(err);
}

/* A text cell: invalid UTF-8 replaced, always a string; quote-prefixed when
 * a spreadsheet would read it as a formula. NULL or "" writes nothing. */
static void text(struct xw *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s)
{
	struct buf clean;

	if (x->rc || !s || !*s)
		return;
	buf_init(&clean, REPORT_MAX_BYTES);
	x->rc = rep_clean(&clean, s, 0);
	if (!x->rc && clean.len > (size_t)XLSX_CELL_MAX * 4)
		x->rc = ERR_TOO_LARGE; /* more than any cell holds, however it counts */
	if (!x->rc)
		check(x,
		      worksheet_write_string(ws, r, c, clean.data,
					     strchr("=+-@", clean.data[0]) ? x->quoted : x->text));
	buf_release(&clean);
}

static void number(struct xw *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double v)
{
	if (!x->rc)
		check(x, worksheet_write_number(ws, r, c, v, x->number));
}

/* A figure of the model: the number, else nothing. */
static void figure(struct xw *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
		   const struct report_figure *f)
{
	if (f->ok)
		number(x, ws, r, c, atof(f->text));
}

/* A side score: the number, "n/a", or nothing when not assessed. */
static void score(struct xw *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, int s)
{
	if (s == SCORE_NA)
		text(x, ws, r, c, "n/a");
	else if (s != SCORE_NONE)
		number(x, ws, r, c, s);
}

/* Row 0 of a sheet: headings, frozen. */
static void headings(struct xw *x, lxw_worksheet *ws, const enum msg_id *head, const double *width,
		     size_t n)
{
	size_t c;

	for (c = 0; c < n && !x->rc; c++) {
		check(x, worksheet_write_string(ws, 0, (lxw_col_t)c, tr(x->m->lang, head[c]),
						x->head));
		if (width)
			check(x,
			      worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, width[c], NULL));
	}
	worksheet_freeze_panes(ws, 1, 0);
}

/* ---- drop-downs ---- */

static void vlist_add(struct vlist *v, const char *item)
{
	size_t n = strlen(item);

	if (v->len + n + 1 > XLSX_LIST_MAX || strpbrk(item, ",\"\n")) {
		v->overflow = 1; /* too long, or an item a list cannot hold */
		return;
	}
	if (v->len)
		v->text[v->len++] = '\n';
	memcpy(v->text + v->len, item, n + 1);
	v->len += n;
}

/* A run of rows [first, last] of column c whose cells accept list v (or a
 * formula: a range of About). */
struct vrun {
	lxw_row_t first, last;
	struct vlist v;
	const char *formula;
	int open;
};

static void vrun_flush(struct xw *x, lxw_worksheet *ws, lxw_col_t c, struct vrun *run)
{
	lxw_data_validation dv;
	char *items[XLSX_LIST_MAX / 2 + 2], *p;
	size_t n = 0;

	if (!run->open || x->rc)
		return;
	run->open = 0;
	memset(&dv, 0, sizeof(dv));
	dv.show_error = LXW_VALIDATION_ON;
	dv.error_type = LXW_VALIDATION_ERROR_TYPE_STOP;
	dv.error_message = (char *)tr(x->m->lang, MSG_XLSX_PICK_ERROR);
	if (run->formula) {
		dv.validate = LXW_VALIDATION_TYPE_LIST_FORMULA;
		dv.value_formula = (char *)run->formula;
	} else {
		if (!run->v.len)
			return; /* nothing to pick: no drop-down */
		for (p = run->v.text; n + 1 < sizeof(items) / sizeof(items[0]); p++) {
			items[n++] = p;
			p = strchr(p, '\n');
			if (!p)
				break;
			*p = '\0';
		}
		items[n] = NULL;
		dv.validate = LXW_VALIDATION_TYPE_LIST;
		dv.value_list = items;
	}
	check(x, worksheet_data_validation_range(ws, run->first, c, run->last, c, &dv));
}

/* Add row r (with list v or formula) to the run of column c. */
static void vrun_add(struct xw *x, lxw_worksheet *ws, lxw_col_t c, struct vrun *run, lxw_row_t r,
		     const struct vlist *v, const char *formula)
{
	int same = run->open && run->last + 1 == r && run->formula == formula &&
		   (formula || (run->v.len == v->len && !memcmp(run->v.text, v->text, v->len)));

	if (same) {
		run->last = r;
		return;
	}
	vrun_flush(x, ws, c, run);
	run->first = run->last = r;
	run->formula = formula;
	run->v.len = 0;
	run->v.text[0] = '\0';
	if (!formula) {
		memcpy(run->v.text, v->text, v->len + 1);
		run->v.len = v->len;
	}
	run->open = 1;
}

/* What column c of entry en accepts: its list in v, or a formula; both
 * empty: no drop-down. */
static const char *accepts(struct xw *x, const struct entry *en, enum pcol c, struct vlist *v,
			   const char *team_range, const char *provider_range)
{
	static const char *const digits[] = {"0", "1", "2", "3", "4", "5",
					     "6", "7", "8", "9", "10"};
	enum lang lang = x->m->lang;
	int sides = entry_has_sides(en), lo = 1, hi = 5, na = 1, i;
	const struct rubric *rb;
	enum side s;

	v->len = 0;
	v->text[0] = '\0';
	v->overflow = 0;
	switch (c) {
	case COL_LEVEL:
		if (sides)
			for (i = LEVEL_NOT_REQUIRED; i <= LEVEL_OPTIONAL; i++)
				vlist_add(v, tr_level(lang, i));
		else {
			vlist_add(v, tr_level(lang, LEVEL_IN_SCOPE));
			vlist_add(v, tr_level(lang, LEVEL_NOT_REQUIRED));
		}
		return NULL;
	case COL_ASSIGNMENT:
		for (i = 0; sides && i < ASSIGN_COUNT; i++)
			vlist_add(v, tr_assignment(lang, i));
		return NULL;
	case COL_TEAM:
	case COL_PROVIDER:
		if (!sides)
			return NULL;
		/* inline when the names fit: libxlsxwriter 1.1.4 leaks the text of
		 * a list formula, once per drop-down (fixed after 1.1.4) */
		for (i = 0; c == COL_TEAM && (size_t)i < x->n_teams; i++)
			vlist_add(v, x->teams[i]);
		for (i = 0; c == COL_PROVIDER && (size_t)i < x->n_providers; i++)
			vlist_add(v, x->providers[i]);
		if (!v->overflow)
			return NULL;
		v->len = 0;
		v->text[0] = '\0';
		return c == COL_TEAM ? team_range : provider_range;
	case COL_IN_CURRENT:
	case COL_IN_TARGET:
	case COL_OUT_CURRENT:
	case COL_OUT_TARGET:
		s = c < COL_OUT_CURRENT ? SIDE_INSOURCE : SIDE_OUTSOURCE;
		if (!sides && s == SIDE_OUTSOURCE)
			return NULL; /* one score, on the in-house columns */
		if (x->m->p->fw) {
			rb = entry_scale(x->m->p, en, s);
			lo = rb->min_score;
			hi = rb->max_score;
			na = rb->has_na;
		}
		for (i = lo < 0 ? 0 : lo; i <= hi && i <= 10; i++)
			vlist_add(v, digits[i]);
		if (na)
			vlist_add(v, "n/a");
		return NULL;
	default:
		return NULL;
	}
}

/* ---- the organization's names for the drop-downs ---- */

static int has_name(char **names, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(names[i], s))
			return 1;
	return 0;
}

/* The lists the caller gave, else the names the entries use. */
static void party_names(struct xw *x)
{
	const struct report_lists *l = x->m->lists;
	size_t i;

	if (l) {
		x->teams = l->teams;
		x->n_teams = l->n_teams;
		x->providers = l->providers;
		x->n_providers = l->n_providers;
		return;
	}
	x->own_names = 1;
	x->teams = xcalloc(x->m->n_entries + 1, sizeof(char *));
	x->providers = xcalloc(x->m->n_entries + 1, sizeof(char *));
	for (i = 0; i < x->m->n_entries; i++) {
		const struct entry *en = x->m->entries[i].e;
		if (en->team && *en->team && !has_name(x->teams, x->n_teams, en->team))
			x->teams[x->n_teams++] = en->team;
		if (en->provider && *en->provider &&
		    !has_name(x->providers, x->n_providers, en->provider))
			x->providers[x->n_providers++] = en->provider;
	}
}

/* ---- the sheets ---- */

static void portfolio_sheet(struct xw *x, lxw_worksheet *ws)
{
	const struct report_model *m = x->m;
	enum msg_id head[COL_COUNT];
	double width[COL_COUNT];
	lxw_row_col_options hidden = {.hidden = 1};
	struct vrun runs[COL_COUNT];
	char team_range[64], provider_range[64];
	const char *formula;
	struct vlist v;
	size_t i;
	int c;

	for (c = 0; c < COL_COUNT; c++) {
		head[c] = pcols[c].head;
		width[c] = pcols[c].width;
	}
	headings(x, ws, head, width, COL_COUNT);
	check(x, worksheet_set_column_opt(ws, COL_VERSION, COL_VERSION, pcols[COL_VERSION].width,
					  NULL, &hidden));
	/* the names live on About, columns D and E from row 2 */
	snprintf(team_range, sizeof(team_range), "=About!$D$2:$D$%zu", x->n_teams + 1);
	snprintf(provider_range, sizeof(provider_range), "=About!$E$2:$E$%zu", x->n_providers + 1);
	memset(runs, 0, sizeof(runs));
	for (i = 0; i < m->n_entries && !x->rc; i++) {
		const struct report_entry *re = &m->entries[i];
		const struct entry *en = re->e;
		const char *category = entry_category(m->p, en);
		lxw_row_t r = (lxw_row_t)(i + 1);
		int sides = entry_has_sides(en);

		text(x, ws, r, COL_REF, en->ref_id);
		text(x, ws, r, COL_NAME, entry_name(m->p, en, m->lc));
		text(x, ws, r, COL_CATEGORY,
		     category && *category ? rep_category_name(m, category) : "");
		text(x, ws, r, COL_LEVEL, tr_level(m->lang, en->level));
		if (sides) {
			text(x, ws, r, COL_ASSIGNMENT, tr_assignment(m->lang, en->assignment));
			text(x, ws, r, COL_TEAM, en->team);
			text(x, ws, r, COL_PROVIDER, en->provider);
		}
		score(x, ws, r, COL_IN_CURRENT, en->score[SIDE_INSOURCE].current);
		score(x, ws, r, COL_IN_TARGET, en->score[SIDE_INSOURCE].target);
		if (sides) {
			score(x, ws, r, COL_OUT_CURRENT, en->score[SIDE_OUTSOURCE].current);
			score(x, ws, r, COL_OUT_TARGET, en->score[SIDE_OUTSOURCE].target);
		}
		text(x, ws, r, COL_NOTE, en->note);
		number(x, ws, r, COL_VERSION, (double)en->version);
		for (c = COL_LEVEL; c <= COL_OUT_TARGET; c++) {
			formula = accepts(x, en, c, &v, x->n_teams ? team_range : NULL,
					  x->n_providers ? provider_range : NULL);
			vrun_add(x, ws, (lxw_col_t)c, &runs[c], r, &v, formula);
		}
	}
	for (c = COL_LEVEL; c <= COL_OUT_TARGET; c++)
		vrun_flush(x, ws, (lxw_col_t)c, &runs[c]);
	if (m->n_entries)
		check(x, worksheet_autofilter(ws, 0, 0, (lxw_row_t)m->n_entries, COL_NOTE));
}

static void gaps_sheet(struct xw *x, lxw_worksheet *ws)
{
	static const enum msg_id head[] = {MSG_REPORT_RANK, MSG_XLSX_H_REF, MSG_SERVICE, MSG_LEVEL,
					   MSG_ASSIGNMENT,  MSG_CURRENT,    MSG_TARGET,	 MSG_GAP};
	static const double width[] = {8, 10, 44, 18, 28, 10, 10, 10};
	const struct report_model *m = x->m;
	size_t i;

	headings(x, ws, head, width, sizeof(head) / sizeof(head[0]));
	if (!m->n_gaps)
		text(x, ws, 1, 0, tr(m->lang, MSG_REPORT_NO_GAPS));
	for (i = 0; i < m->n_gaps && !x->rc; i++) {
		const struct report_entry *re = &m->entries[m->gaps[i]];
		lxw_row_t r = (lxw_row_t)(i + 1);

		number(x, ws, r, 0, (double)(i + 1));
		text(x, ws, r, 1, re->e->ref_id);
		text(x, ws, r, 2, entry_name(m->p, re->e, m->lc));
		text(x, ws, r, 3, tr_level(m->lang, re->e->level));
		text(x, ws, r, 4, re->assignment);
		figure(x, ws, r, 5, &re->current);
		figure(x, ws, r, 6, &re->target);
		figure(x, ws, r, 7, &re->gap);
	}
}

static void rollup_row(struct xw *x, lxw_worksheet *ws, lxw_row_t r, const struct report_rollup *ru)
{
	text(x, ws, r, 0, ru->label);
	number(x, ws, r, 1, (double)ru->n_assessed);
	number(x, ws, r, 2, (double)ru->n_selected);
	figure(x, ws, r, 3, &ru->current);
	figure(x, ws, r, 4, &ru->target);
	figure(x, ws, r, 5, &ru->gap);
}

/* The categories of services first (the chart shows them), then those of
 * one-sided entries (their own scale; charted when there are no services),
 * then the overall roll-up. */
static void summary_sheet(struct xw *x, lxw_worksheet *ws)
{
	static const enum msg_id head[] = {MSG_CATEGORY, MSG_XLSX_ASSESSED, MSG_XLSX_SELECTED,
					   MSG_CURRENT,	 MSG_TARGET,	    MSG_GAP};
	static const double width[] = {32, 10, 10, 10, 10, 10};
	const struct report_model *m = x->m;
	lxw_row_t r = 1, charted = 0, n_first = 0;
	char cats[64], vals[64], name[64];
	lxw_chart_series *series;
	lxw_chart *chart;
	size_t i;
	int pass;

	headings(x, ws, head, width, sizeof(head) / sizeof(head[0]));
	for (pass = 0; pass < 2; pass++) {
		for (i = 0; i + 1 < m->n_rollups && !x->rc; i++) {
			const struct report_rollup *ru = &m->rollups[i];
			if (assessment_has_sides(ru->assessment) == !pass)
				rollup_row(x, ws, r++, ru);
		}
		if (!pass)
			n_first = r - 1;
	}
	/* the categories of services; a framework without them (SIM3): the others */
	charted = n_first ? n_first : r - 1;
	if (m->overall)
		rollup_row(x, ws, r, m->overall);
	if (x->rc || charted < 1)
		return;
	chart = workbook_add_chart(x->wb, LXW_CHART_BAR);
	if (!chart) {
		x->rc = ERR_NOMEM;
		return;
	}
	snprintf(cats, sizeof(cats), "=Summary!$A$2:$A$%u", (unsigned)charted + 1);
	snprintf(vals, sizeof(vals), "=Summary!$D$2:$D$%u", (unsigned)charted + 1);
	series = chart_add_series(chart, cats, vals);
	if (series)
		chart_series_set_name(series, "=Summary!$D$1");
	snprintf(vals, sizeof(vals), "=Summary!$E$2:$E$%u", (unsigned)charted + 1);
	series = chart_add_series(chart, cats, vals);
	if (series)
		chart_series_set_name(series, "=Summary!$E$1");
	snprintf(name, sizeof(name), "%s", tr(m->lang, MSG_XLSX_CHART_TITLE));
	chart_title_set_name(chart, name);
	chart_axis_set_min(chart->x_axis, 0);
	chart_axis_set_max(chart->x_axis, x->m->scale.max > 0 ? x->m->scale.max : 5);
	chart_axis_set_reverse(chart->y_axis); /* categories top to bottom, as listed */
	chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
	{
		lxw_chart_options opt = {.x_scale = 1.4, .y_scale = 0.6 + 0.1 * (double)charted};
		check(x, worksheet_insert_chart_opt(ws, (lxw_row_t)(r + 2), 0, chart, &opt));
	}
}

static void actions_sheet(struct xw *x, lxw_worksheet *ws)
{
	static const enum msg_id head[] = {MSG_XLSX_H_REF, MSG_ACTION, MSG_OWNER,	MSG_DUE,
					   MSG_TARGET,	   MSG_STATUS, MSG_XLSX_OVERDUE};
	static const double width[] = {10, 48, 18, 12, 10, 10, 10};
	const struct report_model *m = x->m;
	const struct report_lists *l = m->lists;
	size_t i;

	headings(x, ws, head, width, sizeof(head) / sizeof(head[0]));
	if (!l || !l->n_actions)
		text(x, ws, 1, 0, tr(m->lang, MSG_XLSX_NO_ACTIONS));
	for (i = 0; l && i < l->n_actions && !x->rc; i++) {
		const struct report_action *a = &l->actions[i];
		lxw_row_t r = (lxw_row_t)(i + 1);
		int done = a->status && !strcmp(a->status, "done");

		text(x, ws, r, 0, a->ref);
		text(x, ws, r, 1, a->title);
		text(x, ws, r, 2, a->owner);
		text(x, ws, r, 3, a->due);
		score(x, ws, r, 4, a->target);
		text(x, ws, r, 5, tr(m->lang, done ? MSG_ACTION_DONE : MSG_ACTION_OPEN));
		text(x, ws, r, 6, tr(m->lang, a->overdue ? MSG_REPORT_CSV_YES : MSG_REPORT_CSV_NO));
	}
}

static void history_sheet(struct xw *x, lxw_worksheet *ws)
{
	static const enum msg_id head[] = {MSG_CYCLE, MSG_XLSX_CLOSED, MSG_CURRENT, MSG_TARGET,
					   MSG_XLSX_ASSESSED};
	static const double width[] = {10, 12, 10, 10, 10};
	const struct report_model *m = x->m;
	size_t i;

	headings(x, ws, head, width, sizeof(head) / sizeof(head[0]));
	if (!m->n_trend)
		text(x, ws, 1, 0, tr(m->lang, MSG_XLSX_NO_HISTORY));
	for (i = 0; i < m->n_trend && !x->rc; i++) {
		const struct report_trend_point *t = &m->trend[i];
		lxw_row_t r = (lxw_row_t)(i + 1);

		number(x, ws, r, 0, t->cycle);
		text(x, ws, r, 1, t->closed);
		figure(x, ws, r, 2, &t->current);
		figure(x, ws, r, 3, &t->target);
		number(x, ws, r, 4, (double)t->assessed);
	}
}

/* A1:B6 what the workbook is; D and E the drop-downs' teams and providers. */
static void about_sheet(struct xw *x, lxw_worksheet *ws)
{
	const struct report_model *m = x->m;
	char cycle[16];
	size_t i;

	check(x, worksheet_set_column(ws, 0, 0, 20, NULL));
	check(x, worksheet_set_column(ws, 1, 1, 48, NULL));
	check(x, worksheet_set_column(ws, 3, 4, 24, NULL));
	snprintf(cycle, sizeof(cycle), "%d", m->p->cycle);
	text(x, ws, 0, 0, tr(m->lang, MSG_ORGANIZATION));
	text(x, ws, 0, 1, m->p->org_name);
	text(x, ws, 1, 0, tr(m->lang, MSG_FRAMEWORK));
	text(x, ws, 1, 1, m->p->framework_id);
	text(x, ws, 2, 0, tr(m->lang, MSG_XLSX_FORMAT_VERSION));
	text(x, ws, 2, 1, XLSX_FORMAT_VERSION);
	text(x, ws, 3, 0, tr(m->lang, MSG_XLSX_FRAMEWORK_NAME));
	text(x, ws, 3, 1, rep_framework_name(m));
	text(x, ws, 4, 0, tr(m->lang, MSG_CYCLE));
	text(x, ws, 4, 1, cycle);
	text(x, ws, 5, 0, tr(m->lang, MSG_XLSX_LANGUAGE));
	text(x, ws, 5, 1, m->lc);
	check(x, worksheet_write_string(ws, 0, 3, tr(m->lang, MSG_TEAM), x->head));
	check(x, worksheet_write_string(ws, 0, 4, tr(m->lang, MSG_PROVIDER), x->head));
	for (i = 0; i < x->n_teams; i++)
		text(x, ws, (lxw_row_t)(i + 1), 3, x->teams[i]);
	for (i = 0; i < x->n_providers; i++)
		text(x, ws, (lxw_row_t)(i + 1), 4, x->providers[i]);
}

static void formats(struct xw *x)
{
	x->head = workbook_add_format(x->wb);
	x->text = workbook_add_format(x->wb);
	x->quoted = workbook_add_format(x->wb);
	x->number = workbook_add_format(x->wb);
	if (!x->head || !x->text || !x->quoted || !x->number) {
		x->rc = ERR_NOMEM;
		return;
	}
	format_set_bold(x->head);
	format_set_bg_color(x->head, 0xDDEBF7);
	format_set_text_wrap(x->head);
	format_set_align(x->head, LXW_ALIGN_VERTICAL_TOP);
	format_set_align(x->text, LXW_ALIGN_VERTICAL_TOP);
	format_set_align(x->quoted, LXW_ALIGN_VERTICAL_TOP);
	format_set_num_format(x->quoted, "@"); /* edited, it stays text */
	format_set_align(x->number, LXW_ALIGN_VERTICAL_TOP);
}

static void write_workbook(struct xw *x)
{
	static const char *const names[] = {"Portfolio", "Gaps",    "Summary",
					    "Actions",	 "History", "About"};
	lxw_worksheet *ws[6];
	lxw_doc_properties props;
	size_t i;

	memset(&props, 0, sizeof(props));
	props.title = (char *)tr(x->m->lang, MSG_REPORT_TITLE);
	props.company = x->m->p->org_name;
	props.comments = XLSX_FORMAT_VERSION;
	props.created = XLSX_CREATED;
	check(x, workbook_set_properties(x->wb, &props));
	formats(x);
	for (i = 0; i < 6 && !x->rc; i++) {
		ws[i] = workbook_add_worksheet(x->wb, names[i]);
		if (!ws[i])
			x->rc = ERR_NOMEM;
	}
	if (x->rc)
		return;
	portfolio_sheet(x, ws[0]);
	gaps_sheet(x, ws[1]);
	summary_sheet(x, ws[2]);
	actions_sheet(x, ws[3]);
	history_sheet(x, ws[4]);
	about_sheet(x, ws[5]);
}

/* Append the file at path to out (the workbook libxlsxwriter wrote): 0, ERR_IO, or buf's
 * error. */
static int file_slurp(const char *path, struct buf *out)
{
	char chunk[65536];
	size_t n;
	FILE *f = fopen(path, "rb");
	int rc = 0;

	if (!f)
		return ERR_IO;
	while (!rc && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		rc = buf_add(out, chunk, n);
	if (!rc && ferror(f))
		rc = ERR_IO;
	fclose(f);
	return rc;
}

const char *report_xlsx_tmpdir(void)
{
	const char *dir = getenv("TMPDIR");

	return dir && *dir ? dir : "/tmp";
}

int report_xlsx_open(const char *prefix, char path[REPORT_XLSX_PATH], lxw_workbook **wb)
{
	const char *dir = report_xlsx_tmpdir();
	lxw_workbook_options opt = {0};
	int fd;

	*wb = NULL;
	if (snprintf(path, REPORT_XLSX_PATH, "%s/%s-XXXXXX", dir, prefix) >= REPORT_XLSX_PATH)
		return ERR_IO;
	fd = mkstemp(path);
	if (fd < 0)
		return ERR_IO;
	close(fd);
	opt.tmpdir = (char *)dir;
	*wb = workbook_new_opt(path, &opt);
	if (!*wb) {
		unlink(path);
		return ERR_NOMEM;
	}
	return 0;
}

int report_xlsx_finish(lxw_workbook *wb, const char *path, int rc, struct buf *out)
{
	lxw_error err = workbook_close(wb); /* writes the file, frees the workbook */

	if (!rc)
		rc = lxw_rc(err);
	if (!rc)
		rc = file_slurp(path, out);
	unlink(path);
	return rc;
}

int render_xlsx(const struct report_model *m, struct buf *out)
{
	struct xw x = {.m = m};
	char path[REPORT_XLSX_PATH];
	int rc = report_xlsx_open("cdcf-xlsx", path, &x.wb);

	if (rc)
		return rc;
	party_names(&x);
	write_workbook(&x);
	rc = report_xlsx_finish(x.wb, path, x.rc, out);
	if (x.own_names) {
		free(x.teams);
		free(x.providers);
	}
	return rc;
}

void report_lists_release(struct report_lists *l)
{
	size_t i;

	if (!l)
		return;
	for (i = 0; i < l->n_teams; i++)
		free(l->teams[i]);
	for (i = 0; i < l->n_providers; i++)
		free(l->providers[i]);
	for (i = 0; i < l->n_actions; i++) {
		free(l->actions[i].ref);
		free(l->actions[i].title);
		free(l->actions[i].owner);
		free(l->actions[i].due);
		free(l->actions[i].status);
	}
	free(l->teams);
	free(l->providers);
	free(l->actions);
	memset(l, 0, sizeof(*l));
}
