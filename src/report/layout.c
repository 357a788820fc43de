/*
 * layout.c - the report model laid out as sections of plain-text tables
 * (struct rreport), shared by the text, Markdown and HTML renderers. Every
 * cell is a text of the model (model.h); only counts and notes are written
 * here.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/level.h"
#include "report/report_int.h"
#include "util/xalloc.h"

static void rt_init(struct rtable *t, size_t ncols)
{
	memset(t, 0, sizeof(*t));
	t->ncols = ncols;
}

static void rt_release(struct rtable *t)
{
	free(t->cells);
	free(t->row_level);
	free(t->row_flags);
	memset(t, 0, sizeof(*t));
}

/* Start a row; its cells are set with rt_set in any order ("" until then). */
static size_t rt_row(struct rtable *t, int level, unsigned flags)
{
	size_t r = t->nrows, c;

	t->cells = xgrow(t->cells, &t->cap_cells, (r + 1) * t->ncols, sizeof(*t->cells));
	t->row_level = xgrow(t->row_level, &t->cap_levels, r + 1, sizeof(*t->row_level));
	t->row_flags = xgrow(t->row_flags, &t->cap_flags, r + 1, sizeof(*t->row_flags));
	for (c = 0; c < t->ncols; c++)
		t->cells[r * t->ncols + c] = "";
	t->row_level[r] = level;
	t->row_flags[r] = (unsigned char)flags;
	t->nrows++;
	return r;
}

static void rt_set(struct rtable *t, size_t row, size_t col, const char *text)
{
	t->cells[row * t->ncols + col] = text ? text : "";
}

/* A text of the layout's own, freed with it. */
static const char *own(struct rreport *r, char *s)
{
	r->owned = xgrow(r->owned, &r->cap_owned, r->n_owned + 1, sizeof(*r->owned));
	r->owned[r->n_owned++] = s;
	return s;
}

static const char *count(struct rreport *r, size_t v)
{
	char num[32];

	snprintf(num, sizeof(num), "%zu", v);
	return own(r, xstrdup(num));
}

static struct rsection *sec_new(struct rreport *r, enum rsec_kind kind, const char *id,
				enum msg_id title, size_t ncols, const enum msg_id *heads,
				const unsigned char *numeric)
{
	struct rsection *s = &r->sec[r->n_sec++];
	size_t i;

	memset(s, 0, sizeof(*s));
	s->kind = kind;
	s->id = id;
	s->title = title;
	s->intro = RT_NO_MSG;
	s->empty = RT_NO_MSG;
	rt_init(&s->t, ncols);
	for (i = 0; i < ncols; i++) {
		s->t.head[i] = heads[i];
		s->t.numeric[i] = numeric[i];
	}
	return s;
}

/* The foundation's readiness: a table of the components in scope (the
 * chart comes with it in HTML), absent when the framework has none. */
static void lay_readiness(struct rreport *r)
{
	static const enum msg_id heads[] = {MSG_REPORT_COMPONENT, MSG_REPORT_SCOPE, MSG_CURRENT,
					    MSG_TARGET, MSG_GAP};
	static const unsigned char numeric[] = {0, 0, 1, 1, 1};
	const struct report_model *m = r->m;
	struct rsection *s = NULL;
	size_t i, row;

	for (i = 0; i < m->n_entries; i++) {
		const struct report_entry *re = &m->entries[i];
		if (!report_in_readiness(m, re))
			continue;
		if (!s) {
			s = sec_new(r, RSEC_READINESS, "readiness", MSG_REPORT_READINESS, 5, heads,
				    numeric);
			s->intro = MSG_REPORT_READINESS_INTRO;
		}
		row = rt_row(&s->t, re->e->level, re->provisional ? RT_ROW_PROVISIONAL : 0);
		rt_set(&s->t, row, 0, re->service);
		rt_set(&s->t, row, 1,
		       re->e->level == LEVEL_NOT_REQUIRED ? tr(m->lang, MSG_REPORT_NOT_APPLICABLE)
							  : tr_level(m->lang, re->e->level));
		rt_set(&s->t, row, 2, re->current_cell);
		rt_set(&s->t, row, 3, re->target_cell);
		rt_set(&s->t, row, 4, re->gap_cell);
	}
	if (!s)
		return;
	/* the foundation's own roll-up closes the table */
	for (i = 0; m->overall && i + 1 < m->n_rollups; i++) {
		const struct report_rollup *ru = &m->rollups[i];
		if (ru->assessment != ASSESS_READINESS)
			continue;
		row = rt_row(&s->t, -1, RT_ROW_TOTAL);
		rt_set(&s->t, row, 0, ru->label);
		rt_set(&s->t, row, 2, ru->current.text);
		rt_set(&s->t, row, 3, ru->target.text);
		rt_set(&s->t, row, 4, ru->gap.text);
	}
	s->after[s->n_after++] = MSG_REPORT_READINESS_SCALE;
}

/* The glance (model.h) as a table of two columns: what, and its value. */
static void lay_glance(struct rreport *r)
{
	static const enum msg_id heads[] = {MSG_GLANCE_WHAT, MSG_GLANCE_VALUE};
	static const unsigned char numeric[] = {0, 0};
	const struct report_glance *g = &r->m->glance;
	struct rsection *s = sec_new(r, RSEC_GLANCE, "glance", MSG_GLANCE_TITLE, 2, heads, numeric);
	size_t row;

	row = rt_row(&s->t, -1, 0);
	rt_set(&s->t, row, 0, tr(r->m->lang, MSG_GLANCE_OVERALL));
	rt_set(&s->t, row, 1, g->overall);
	row = rt_row(&s->t, -1, 0);
	rt_set(&s->t, row, 0, tr(r->m->lang, MSG_GLANCE_GAPS));
	rt_set(&s->t, row, 1, g->gaps_text);
	if (g->has_actions) {
		row = rt_row(&s->t, -1, 0);
		rt_set(&s->t, row, 0, tr(r->m->lang, MSG_GLANCE_OVERDUE));
		rt_set(&s->t, row, 1, g->actions_text);
	}
	if (g->has_changes) {
		row = rt_row(&s->t, -1, 0);
		rt_set(&s->t, row, 0, tr(r->m->lang, MSG_BOARD_CHANGES));
		rt_set(&s->t, row, 1, g->changes_text);
	}
	row = rt_row(&s->t, -1, 0);
	rt_set(&s->t, row, 0, tr(r->m->lang, MSG_GLANCE_NEXT));
	rt_set(&s->t, row, 1, g->next_text);
}

/* The board's summary after the glance: current -> target per category,
 * the top gaps, the changes since the last closed cycle and the overdue
 * actions, each a small table (absent when it would be empty). */
static void lay_board(struct rreport *r)
{
	static const enum msg_id cat_heads[] = {MSG_CATEGORY, MSG_CURRENT, MSG_TARGET, MSG_GAP};
	static const unsigned char cat_numeric[] = {0, 1, 1, 1};
	static const enum msg_id gap_heads[] = {MSG_SERVICE, MSG_LEVEL, MSG_CURRENT, MSG_TARGET,
						MSG_GAP};
	static const unsigned char gap_numeric[] = {0, 0, 1, 1, 1};
	static const enum msg_id chg_heads[] = {MSG_BOARD_CHANGE};
	static const unsigned char chg_numeric[] = {0};
	static const enum msg_id act_heads[] = {MSG_BOARD_ACTION, MSG_OWNER, MSG_DUE};
	static const unsigned char act_numeric[] = {0, 0, 0};
	const struct report_model *m = r->m;
	const struct report_glance *g = &m->glance;
	struct rsection *s;
	size_t i, row;

	if (m->n_rollups > 1) {
		s = sec_new(r, RSEC_BOARD_CATEGORIES, "board-categories", MSG_BOARD_CATEGORIES, 4,
			    cat_heads, cat_numeric);
		for (i = 0; i < m->n_rollups; i++) {
			const struct report_rollup *ru = &m->rollups[i];
			row = rt_row(&s->t, -1, ru == m->overall ? RT_ROW_TOTAL : 0);
			rt_set(&s->t, row, 0, ru->label);
			rt_set(&s->t, row, 1, ru->current.text);
			rt_set(&s->t, row, 2, ru->target.text);
			rt_set(&s->t, row, 3, ru->gap.text);
		}
	}
	if (g->n_top_gaps) {
		s = sec_new(r, RSEC_BOARD_GAPS, "board-gaps", MSG_BOARD_TOP_GAPS, 5, gap_heads,
			    gap_numeric);
		for (i = 0; i < g->n_top_gaps; i++) {
			const struct report_entry *re = &m->entries[m->gaps[i]];
			row = rt_row(&s->t, re->e->level, re->provisional ? RT_ROW_PROVISIONAL : 0);
			rt_set(&s->t, row, 0, re->label);
			rt_set(&s->t, row, 1, tr_level(m->lang, re->e->level));
			rt_set(&s->t, row, 2, re->current_cell);
			rt_set(&s->t, row, 3, re->target_cell);
			rt_set(&s->t, row, 4, re->gap_cell);
		}
	}
	if (g->n_change_lines) {
		s = sec_new(r, RSEC_BOARD_CHANGES, "board-changes", MSG_BOARD_CHANGES, 1, chg_heads,
			    chg_numeric);
		for (i = 0; i < g->n_change_lines; i++) {
			row = rt_row(&s->t, -1, 0);
			rt_set(&s->t, row, 0, g->change_lines[i]);
		}
	}
	if (g->n_overdue) {
		s = sec_new(r, RSEC_BOARD_OVERDUE, "board-overdue", MSG_BOARD_OVERDUE, 3, act_heads,
			    act_numeric);
		for (i = 0; i < g->n_overdue; i++) {
			row = rt_row(&s->t, -1, 0);
			rt_set(&s->t, row, 0, g->overdue[i].title);
			rt_set(&s->t, row, 1, g->overdue[i].owner);
			rt_set(&s->t, row, 2, g->overdue[i].due);
		}
	}
}

static void lay_portfolio(struct rreport *r)
{
	static const enum msg_id heads[] = {MSG_SERVICE,      MSG_LEVEL,   MSG_ASSIGNMENT,
					    MSG_REPORT_SIDES, MSG_CURRENT, MSG_TARGET,
					    MSG_GAP};
	static const unsigned char numeric[] = {0, 0, 0, 0, 1, 1, 1};
	const struct report_model *m = r->m;
	struct rsection *s =
	    sec_new(r, RSEC_PORTFOLIO, "portfolio", MSG_PORTFOLIO, 7, heads, numeric);
	int provisional = 0, parts = 0;
	size_t i, row;

	s->empty = MSG_REPORT_NO_ENTRIES;
	for (i = 0; i < m->n_entries; i++) {
		const struct report_entry *re = &m->entries[i];
		if (report_in_readiness(m, re))
			continue; /* in the readiness section */
		provisional |= re->provisional;
		parts |= re->e->part;
		row = rt_row(&s->t, re->e->level, re->provisional ? RT_ROW_PROVISIONAL : 0);
		rt_set(&s->t, row, 0, re->service);
		rt_set(&s->t, row, 1, tr_level(m->lang, re->e->level));
		rt_set(&s->t, row, 2, re->assignment);
		rt_set(&s->t, row, 3, re->sides);
		rt_set(&s->t, row, 4, re->current_cell);
		rt_set(&s->t, row, 5, re->target_cell);
		rt_set(&s->t, row, 6, re->gap_cell);
	}
	s->after[s->n_after++] = MSG_REPORT_LEGEND_DASH;
	s->after[s->n_after++] = MSG_REPORT_LEGEND_NA;
	s->after[s->n_after++] = MSG_REPORT_LEGEND_HYBRID;
	if (parts)
		s->after[s->n_after++] = MSG_REPORT_LEGEND_PARTS;
	if (provisional)
		s->after[s->n_after++] = MSG_PROVISIONAL_NOTE;
}

static void lay_gaps(struct rreport *r)
{
	static const enum msg_id heads[] = {MSG_REPORT_RANK, MSG_SERVICE, MSG_LEVEL, MSG_ASSIGNMENT,
					    MSG_CURRENT,     MSG_TARGET,  MSG_GAP};
	static const unsigned char numeric[] = {1, 0, 0, 0, 1, 1, 1};
	const struct report_model *m = r->m;
	struct rsection *s = sec_new(r, RSEC_GAPS, "gaps", MSG_REPORT_GAPS, 7, heads, numeric);
	size_t i, row;

	s->intro = MSG_REPORT_GAPS_INTRO;
	s->empty = MSG_REPORT_NO_GAPS;
	for (i = 0; i < m->n_gaps; i++) {
		const struct report_entry *re = &m->entries[m->gaps[i]];
		row = rt_row(&s->t, re->e->level, re->provisional ? RT_ROW_PROVISIONAL : 0);
		rt_set(&s->t, row, 0, count(r, i + 1));
		rt_set(&s->t, row, 1, re->service);
		rt_set(&s->t, row, 2, tr_level(m->lang, re->e->level));
		rt_set(&s->t, row, 3, re->assignment);
		rt_set(&s->t, row, 4, re->current.text);
		rt_set(&s->t, row, 5, re->target.text);
		rt_set(&s->t, row, 6, re->gap.text);
	}
}

static void lay_rollups(struct rreport *r)
{
	static const enum msg_id heads[] = {
	    MSG_CATEGORY, MSG_REPORT_SELECTED, MSG_REPORT_ASSESSED, MSG_CURRENT, MSG_TARGET,
	    MSG_GAP,	  MSG_REPORT_TRACE};
	static const unsigned char numeric[] = {0, 1, 1, 1, 1, 1, 0};
	const struct report_model *m = r->m;
	struct rsection *s =
	    sec_new(r, RSEC_ROLLUPS, "rollups", MSG_REPORT_ROLLUPS, 7, heads, numeric);
	size_t i, row;

	s->intro = MSG_REPORT_ROLLUP_FORMULA;
	for (i = 0; i < m->n_rollups; i++) {
		const struct report_rollup *ru = &m->rollups[i];
		if (m->overall && ru->assessment != m->overall->assessment)
			continue; /* the foundation's, in the readiness section */
		row = rt_row(&s->t, -1, ru->category ? 0 : RT_ROW_TOTAL);
		rt_set(&s->t, row, 0, ru->label);
		rt_set(&s->t, row, 1, count(r, ru->n_selected));
		rt_set(&s->t, row, 2, count(r, ru->n_assessed));
		rt_set(&s->t, row, 3, ru->current.text);
		rt_set(&s->t, row, 4, ru->target.text);
		rt_set(&s->t, row, 5, ru->gap.text);
		rt_set(&s->t, row, 6, ru->trace_text);
	}
}

static void lay_progress(struct rreport *r)
{
	static const enum msg_id heads[] = {MSG_REPORT_PHASE, MSG_REPORT_MEASURE, MSG_REPORT_DONE,
					    MSG_REPORT_TOTAL, MSG_REPORT_PERCENT};
	static const unsigned char numeric[] = {0, 0, 1, 1, 1};
	const struct report_model *m = r->m;
	struct rsection *s =
	    sec_new(r, RSEC_PROGRESS, "progress", MSG_REPORT_PROGRESS, 5, heads, numeric);
	size_t i, row;

	for (i = 0; i < REPORT_PHASES; i++) {
		const struct report_phase *ph = &m->progress[i];
		row = rt_row(&s->t, -1, 0);
		rt_set(&s->t, row, 0, tr(m->lang, ph->phase));
		rt_set(&s->t, row, 1, tr(m->lang, ph->measure));
		rt_set(&s->t, row, 2, count(r, ph->done));
		rt_set(&s->t, row, 3, count(r, ph->total));
		rt_set(&s->t, row, 4, ph->percent_text);
	}
}

static int lay_notes(struct rreport *r)
{
	static const enum msg_id heads[] = {MSG_SERVICE, MSG_NOTE};
	static const unsigned char numeric[] = {0, 0};
	const struct report_model *m = r->m;
	struct rsection *s = NULL;
	struct buf b;
	size_t i, row;
	int rc = 0;

	buf_init(&b, REPORT_MAX_BYTES);
	for (i = 0; !rc && i < m->n_entries; i++) {
		const struct report_entry *re = &m->entries[i];
		if (!re->e->note || !*re->e->note)
			continue;
		if (!s)
			s = sec_new(r, RSEC_NOTES, "notes", MSG_REPORT_NOTES, 2, heads, numeric);
		row = rt_row(&s->t, re->e->level, re->provisional ? RT_ROW_PROVISIONAL : 0);
		rt_set(&s->t, row, 0, re->service);
		rc = rep_clean(&b, re->e->note, 1);
		if (!rc)
			rt_set(&s->t, row, 1, own(r, buf_detach(&b, NULL)));
	}
	buf_release(&b);
	return rc;
}

static void lay_meta(struct rreport *r)
{
	const struct report_model *m = r->m;

	if (m->organization) {
		r->meta[r->n_meta].label = MSG_ORGANIZATION;
		r->meta[r->n_meta++].value = m->organization;
	}
	if (m->framework) {
		r->meta[r->n_meta].label = MSG_FRAMEWORK;
		r->meta[r->n_meta++].value = m->framework;
	}
	snprintf(r->cycle, sizeof(r->cycle), "%d", m->p->cycle);
	r->meta[r->n_meta].label = MSG_CYCLE;
	r->meta[r->n_meta++].value = r->cycle;
}

int rreport_build(struct rreport *r, const struct report_model *m)
{
	memset(r, 0, sizeof(*r));
	r->m = m;
	lay_meta(r);
	lay_glance(r);
	lay_board(r);
	lay_portfolio(r);
	lay_readiness(r);
	lay_gaps(r);
	lay_rollups(r);
	lay_progress(r);
	return lay_notes(r);
}

void rreport_release(struct rreport *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->n_sec; i++)
		rt_release(&r->sec[i].t);
	for (i = 0; i < r->n_owned; i++)
		free(r->owned[i]);
	free(r->owned);
	memset(r, 0, sizeof(*r));
}
