/*
 * report_model.c - the report's content laid out as sections of plain-text
 * tables (struct rreport), shared by the text, Markdown and HTML renderers.
 */
#include <stdlib.h>
#include <string.h>

#include "core/level.h"
#include "report/report_int.h"
#include "report/svg.h"
#include "util/xalloc.h"

#define DASH "\xE2\x80\x94" /* "—": no figure */

static void rt_init(struct rtable *t, size_t ncols)
{
	memset(t, 0, sizeof(*t));
	t->ncols = ncols;
}

static void rt_release(struct rtable *t)
{
	size_t i;

	for (i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->row_level);
	free(t->row_flags);
	memset(t, 0, sizeof(*t));
}

/* Start a row; its cells are set with rt_take/rt_text/... in any order. */
static size_t rt_row(struct rtable *t, int level, unsigned flags)
{
	size_t r = t->nrows;

	t->cells = xgrow(t->cells, &t->cap_cells, (r + 1) * t->ncols, sizeof(*t->cells));
	t->row_level = xgrow(t->row_level, &t->cap_levels, r + 1, sizeof(*t->row_level));
	t->row_flags = xgrow(t->row_flags, &t->cap_flags, r + 1, sizeof(*t->row_flags));
	memset(&t->cells[r * t->ncols], 0, t->ncols * sizeof(*t->cells));
	t->row_level[r] = level;
	t->row_flags[r] = (unsigned char)flags;
	t->nrows++;
	return r;
}

/* Hand b's text to the cell (b is re-initialised for the next cell). */
static void rt_take(struct rtable *t, size_t row, size_t col, struct buf *b)
{
	free(t->cells[row * t->ncols + col]);
	t->cells[row * t->ncols + col] = buf_detach(b, NULL);
}

static int rt_text(struct rtable *t, size_t row, size_t col, const char *s, struct buf *b)
{
	int rc = rep_clean(b, s, 1);

	if (!rc)
		rt_take(t, row, col, b);
	return rc;
}

static int rt_figure(struct rtable *t, size_t row, size_t col, double v, struct buf *b)
{
	char fig[SVG_FIGURE_MAX];

	return rt_text(t, row, col, svg_figure(fig, v), b);
}

static int rt_count(struct rtable *t, size_t row, size_t col, size_t v, struct buf *b)
{
	int rc = buf_printf(b, "%zu", v);

	if (!rc)
		rt_take(t, row, col, b);
	return rc;
}

static void sec_init(struct rsection *s, enum rsec_kind kind, const char *id, enum msg_id title,
		     size_t ncols)
{
	memset(s, 0, sizeof(*s));
	s->kind = kind;
	s->id = id;
	s->title = title;
	s->intro = RT_NO_MSG;
	s->empty = RT_NO_MSG;
	rt_init(&s->t, ncols);
}

static void sec_heads(struct rsection *s, const enum msg_id *heads, const unsigned char *numeric)
{
	size_t i;

	for (i = 0; i < s->t.ncols; i++) {
		s->t.head[i] = heads[i];
		s->t.numeric[i] = numeric[i];
	}
}

static int build_portfolio(struct rreport *r, struct buf *b)
{
	static const enum msg_id heads[] = {MSG_SERVICE, MSG_LEVEL, MSG_ASSIGNMENT, MSG_CURRENT,
					    MSG_TARGET};
	static const unsigned char numeric[] = {0, 0, 0, 1, 1};
	const struct rdoc *d = &r->d;
	struct rsection *s = &r->sec[r->n_sec++];
	int provisional = 0, rc = 0;
	size_t i, row;

	sec_init(s, RSEC_PORTFOLIO, "portfolio", MSG_PORTFOLIO, 5);
	sec_heads(s, heads, numeric);
	s->empty = MSG_REPORT_NO_ENTRIES;
	for (i = 0; !rc && i < d->p->n_entries; i++) {
		const struct entry *e = &d->p->entries[i];
		int prov = entry_provisional(d->p, e);
		provisional |= prov;
		row = rt_row(&s->t, e->level, prov ? RT_ROW_PROVISIONAL : 0);
		rc = rep_service(b, d, e);
		if (!rc) {
			rt_take(&s->t, row, 0, b);
			rc = rt_text(&s->t, row, 1, tr_level(d->lang, e->level), b);
		}
		if (!rc)
			rc = rep_assignment(b, d, e);
		if (!rc) {
			rt_take(&s->t, row, 2, b);
			rc = rep_score_cell(b, d, e, 0);
		}
		if (!rc) {
			rt_take(&s->t, row, 3, b);
			rc = rep_score_cell(b, d, e, 1);
		}
		if (!rc)
			rt_take(&s->t, row, 4, b);
	}
	s->after[s->n_after++] = MSG_REPORT_LEGEND_DASH;
	s->after[s->n_after++] = MSG_REPORT_LEGEND_NA;
	s->after[s->n_after++] = MSG_REPORT_LEGEND_HYBRID;
	if (provisional)
		s->after[s->n_after++] = MSG_PROVISIONAL_NOTE;
	return rc;
}

static int build_gaps(struct rreport *r, struct buf *b)
{
	static const enum msg_id heads[] = {MSG_REPORT_RANK, MSG_SERVICE, MSG_LEVEL, MSG_ASSIGNMENT,
					    MSG_CURRENT,     MSG_TARGET,  MSG_GAP};
	static const unsigned char numeric[] = {1, 0, 0, 0, 1, 1, 1};
	const struct rdoc *d = &r->d;
	struct rsection *s = &r->sec[r->n_sec++];
	size_t i, row;
	int rc = 0;

	sec_init(s, RSEC_GAPS, "gaps", MSG_REPORT_GAPS, 7);
	sec_heads(s, heads, numeric);
	s->intro = MSG_REPORT_GAPS_INTRO;
	s->empty = MSG_REPORT_NO_GAPS;
	for (i = 0; !rc && i < d->n_gaps; i++) {
		const struct gap *g = &d->gaps[i];
		const struct entry *e = &d->p->entries[g->entry];
		row = rt_row(&s->t, e->level, entry_provisional(d->p, e) ? RT_ROW_PROVISIONAL : 0);
		rc = rt_count(&s->t, row, 0, i + 1, b);
		if (!rc)
			rc = rep_service(b, d, e);
		if (!rc) {
			rt_take(&s->t, row, 1, b);
			rc = rt_text(&s->t, row, 2, tr_level(d->lang, e->level), b);
		}
		if (!rc)
			rc = rep_assignment(b, d, e);
		if (!rc) {
			rt_take(&s->t, row, 3, b);
			rc = rt_figure(&s->t, row, 4, g->current, b);
		}
		if (!rc)
			rc = rt_figure(&s->t, row, 5, g->target, b);
		if (!rc)
			rc = rt_figure(&s->t, row, 6, g->gap, b);
	}
	return rc;
}

static int rollup_trace(struct buf *b, const struct rdoc *d, const struct rollup *ru)
{
	size_t i;
	int rc = 0;

	if (!ru->n_assessed)
		return buf_addstr(b, tr(d->lang, MSG_REPORT_NONE));
	for (i = 0; !rc && i < ru->n_assessed; i++) {
		if (i)
			rc = buf_addstr(b, tr(d->lang, MSG_REPORT_LIST_SEP));
		if (!rc)
			rc = rep_clean(b, d->p->entries[ru->trace[i]].ref_id, 1);
	}
	return rc;
}

static int build_rollups(struct rreport *r, struct buf *b)
{
	static const enum msg_id heads[] = {
	    MSG_CATEGORY, MSG_REPORT_SELECTED, MSG_REPORT_ASSESSED, MSG_CURRENT, MSG_TARGET,
	    MSG_GAP,	  MSG_REPORT_TRACE};
	static const unsigned char numeric[] = {0, 1, 1, 1, 1, 1, 0};
	const struct rdoc *d = &r->d;
	struct rsection *s = &r->sec[r->n_sec++];
	size_t i, row;
	int rc = 0;

	sec_init(s, RSEC_ROLLUPS, "rollups", MSG_REPORT_ROLLUPS, 7);
	sec_heads(s, heads, numeric);
	s->intro = MSG_REPORT_ROLLUP_FORMULA;
	for (i = 0; !rc && i < d->n_rollups; i++) {
		const struct rollup *ru = &d->rollups[i];
		int has = ru->n_assessed > 0;
		row = rt_row(&s->t, -1, ru->category ? 0 : RT_ROW_TOTAL);
		if (!ru->category) {
			rc = buf_addstr(b, tr(d->lang, MSG_OVERALL));
		} else if (!*ru->category) {
			rc = buf_addstr(b, tr(d->lang, MSG_REPORT_NO_CATEGORY));
		} else {
			const char *name = rep_category_name(d, ru->category);
			rc = rep_clean(b, ru->category, 1);
			if (!rc && strcmp(name, ru->category)) {
				rc = buf_addch(b, ' ');
				if (!rc)
					rc = rep_clean(b, name, 1);
			}
		}
		if (!rc) {
			rt_take(&s->t, row, 0, b);
			rc = rt_count(&s->t, row, 1, ru->n_entries, b);
		}
		if (!rc)
			rc = rt_count(&s->t, row, 2, ru->n_assessed, b);
		if (!rc)
			rc = rt_figure(&s->t, row, 3, has ? ru->current : SVG_NO_VALUE, b);
		if (!rc)
			rc = rt_figure(&s->t, row, 4, has ? ru->target : SVG_NO_VALUE, b);
		if (!rc)
			rc = rt_figure(&s->t, row, 5, has ? ru->target - ru->current : SVG_NO_VALUE,
				       b);
		if (!rc)
			rc = rollup_trace(b, d, ru);
		if (!rc)
			rt_take(&s->t, row, 6, b);
	}
	return rc;
}

static int build_progress(struct rreport *r, struct buf *b)
{
	static const enum msg_id heads[] = {MSG_REPORT_PHASE, MSG_REPORT_MEASURE, MSG_REPORT_DONE,
					    MSG_REPORT_TOTAL, MSG_REPORT_PERCENT};
	static const unsigned char numeric[] = {0, 0, 1, 1, 1};
	static const enum msg_id phase[] = {MSG_CATALOGUE, MSG_PROFILE, MSG_PORTFOLIO};
	static const enum msg_id measure[] = {MSG_REPORT_PROGRESS_CATALOGUE,
					      MSG_REPORT_PROGRESS_PROFILE,
					      MSG_REPORT_PROGRESS_PORTFOLIO};
	const struct progress *pg = &r->d.progress;
	const size_t done[] = {pg->catalogue_done, pg->profile_done, pg->portfolio_done};
	const size_t total[] = {pg->catalogue_total, pg->profile_total, pg->portfolio_total};
	struct rsection *s = &r->sec[r->n_sec++];
	enum lang lang = r->d.lang;
	size_t i, row;
	int rc = 0;

	sec_init(s, RSEC_PROGRESS, "progress", MSG_REPORT_PROGRESS, 5);
	sec_heads(s, heads, numeric);
	for (i = 0; !rc && i < 3; i++) {
		row = rt_row(&s->t, -1, 0);
		rc = rt_text(&s->t, row, 0, tr(lang, phase[i]), b);
		if (!rc)
			rc = rt_text(&s->t, row, 1, tr(lang, measure[i]), b);
		if (!rc)
			rc = rt_count(&s->t, row, 2, done[i], b);
		if (!rc)
			rc = rt_count(&s->t, row, 3, total[i], b);
		if (!rc) {
			/* whole percent rounded to nearest, as `cdcf status` shows it */
			if (total[i])
				rc = buf_printf(b, "%zu%%",
						(done[i] * 100 + total[i] / 2) / total[i]);
			else
				rc = buf_addstr(b, DASH);
		}
		if (!rc)
			rt_take(&s->t, row, 4, b);
	}
	return rc;
}

static int build_notes(struct rreport *r, struct buf *b)
{
	static const enum msg_id heads[] = {MSG_SERVICE, MSG_NOTE};
	static const unsigned char numeric[] = {0, 0};
	const struct rdoc *d = &r->d;
	struct rsection *s;
	size_t i, row, n = 0;
	int rc = 0;

	for (i = 0; i < d->p->n_entries; i++)
		if (d->p->entries[i].note && *d->p->entries[i].note)
			n++;
	if (!n)
		return 0;
	s = &r->sec[r->n_sec++];
	sec_init(s, RSEC_NOTES, "notes", MSG_REPORT_NOTES, 2);
	sec_heads(s, heads, numeric);
	for (i = 0; !rc && i < d->p->n_entries; i++) {
		const struct entry *e = &d->p->entries[i];
		if (!e->note || !*e->note)
			continue;
		row = rt_row(&s->t, e->level, entry_provisional(d->p, e) ? RT_ROW_PROVISIONAL : 0);
		rc = rep_service(b, d, e);
		if (!rc) {
			rt_take(&s->t, row, 0, b);
			rc = rt_text(&s->t, row, 1, e->note, b);
		}
	}
	return rc;
}

static int build_meta(struct rreport *r, struct buf *b)
{
	const struct rdoc *d = &r->d;
	const char *fw = rep_framework_name(d);
	int rc = 0;

	if (d->p->org_name) {
		rc = rep_clean(b, d->p->org_name, 1);
		if (rc)
			return rc;
		r->meta[r->n_meta].label = MSG_ORGANIZATION;
		r->meta[r->n_meta++].value = buf_detach(b, NULL);
	}
	if (fw) {
		rc = rep_clean(b, fw, 1);
		if (!rc && d->p->framework_id && strcmp(fw, d->p->framework_id))
			rc = rep_paren(b, d->lang, d->p->framework_id);
		if (rc)
			return rc;
		r->meta[r->n_meta].label = MSG_FRAMEWORK;
		r->meta[r->n_meta++].value = buf_detach(b, NULL);
	}
	rc = buf_printf(b, "%d", d->p->cycle);
	if (rc)
		return rc;
	r->meta[r->n_meta].label = MSG_CYCLE;
	r->meta[r->n_meta++].value = buf_detach(b, NULL);
	return 0;
}

int rreport_build(struct rreport *r, const struct portfolio *p, enum lang lang)
{
	struct buf b;
	int rc;

	memset(r, 0, sizeof(*r));
	rdoc_init(&r->d, p, lang);
	buf_init(&b, REPORT_MAX_BYTES);
	rc = build_meta(r, &b);
	if (!rc)
		rc = build_portfolio(r, &b);
	if (!rc)
		rc = build_gaps(r, &b);
	if (!rc)
		rc = build_rollups(r, &b);
	if (!rc)
		rc = build_progress(r, &b);
	if (!rc)
		rc = build_notes(r, &b);
	buf_release(&b);
	return rc;
}

void rreport_release(struct rreport *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->n_meta; i++)
		free(r->meta[i].value);
	for (i = 0; i < r->n_sec; i++)
		rt_release(&r->sec[i].t);
	rdoc_release(&r->d);
	memset(r, 0, sizeof(*r));
}
