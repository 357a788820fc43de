/*
 * group_xlsx.c - the group view as a workbook (group_render.h): Heat map,
 * Roll-ups, Spread, Sourcing. Strings are written as strings (shared
 * strings, never formulas); figures as numbers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "core/score.h"
#include "report/group_render.h"
#include "report/report_int.h"
#include "util/err.h"

struct gx {
	const struct group_model *m;
	enum lang lang;
	lxw_workbook *wb;
	lxw_format *head, *cls[4];
	int rc;
};

static void check(struct gx *x, lxw_error err)
{
	if (!x->rc && err != LXW_NO_ERROR)
		x->rc = err == LXW_ERROR_MEMORY_MALLOC_FAILED ? ERR_NOMEM : ERR_TOO_LARGE;
}

static void str(struct gx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, const char *s,
		lxw_format *f)
{
	struct buf clean;

	if (x->rc || !s || !*s)
		return;
	buf_init(&clean, REPORT_MAX_BYTES);
	x->rc = rep_clean(&clean, s, 0);
	if (!x->rc)
		check(x, worksheet_write_string(ws, r, c, clean.data, f));
	buf_release(&clean);
}

static void num(struct gx *x, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, int has, double v,
		lxw_format *f)
{
	if (!x->rc && has)
		check(x, worksheet_write_number(ws, r, c, score_round(v), f));
}

static void heat_sheet(struct gx *x, lxw_worksheet *ws)
{
	const struct group_model *m = x->m;
	size_t i, j;

	str(x, ws, 0, 0, tr(x->lang, MSG_GROUP_ORG), x->head);
	str(x, ws, 1, 0, group_by_label(m, x->lang), NULL);
	for (j = 0; j < m->n_services; j++) {
		str(x, ws, 0, (lxw_col_t)(j + 1), m->services[j].ref, x->head);
		str(x, ws, 1, (lxw_col_t)(j + 1), m->categories[m->services[j].category].ref, NULL);
	}
	for (i = 0; i < m->n_orgs; i++) {
		str(x, ws, (lxw_row_t)(i + 2), 0, m->orgs[i].name, NULL);
		for (j = 0; j < m->n_services; j++) {
			double v;

			if (group_cell_value(m, &m->orgs[i].cells[j], &v))
				continue;
			num(x, ws, (lxw_row_t)(i + 2), (lxw_col_t)(j + 1), 1, v,
			    x->cls[group_value_class(m, &m->services[j], v)]);
		}
	}
	worksheet_freeze_panes(ws, 2, 1);
}

static void rollup_sheet(struct gx *x, lxw_worksheet *ws)
{
	const struct group_model *m = x->m;
	size_t i, k;

	str(x, ws, 0, 0, tr(x->lang, MSG_GROUP_ORG), x->head);
	for (k = 0; k <= m->n_categories; k++)
		str(x, ws, 0, (lxw_col_t)(k + 1),
		    k < m->n_categories ? group_category_name(&m->categories[k], x->lang)
					: tr(x->lang, MSG_GROUP_OVERALL),
		    x->head);
	for (i = 0; i < m->n_orgs; i++) {
		str(x, ws, (lxw_row_t)(i + 1), 0, m->orgs[i].name, NULL);
		for (k = 0; k <= m->n_categories; k++) {
			const struct group_rollup *r = &m->orgs[i].rollups[k];

			num(x, ws, (lxw_row_t)(i + 1), (lxw_col_t)(k + 1), r->n_assessed > 0,
			    m->by == GROUP_BY_GAP ? r->gap : r->current, NULL);
		}
	}
}

static void spread_sheet(struct gx *x, lxw_worksheet *ws)
{
	const struct group_model *m = x->m;
	static const enum msg_id heads[] = {
	    MSG_GROUP_SERVICE, MSG_GROUP_SERVICE, MSG_GROUP_CATEGORY, MSG_GROUP_ASSESSED,
	    MSG_GROUP_MIN,     MSG_GROUP_MEDIAN,  MSG_GROUP_MAX};
	size_t j, k;

	for (k = 0; k < sizeof heads / sizeof heads[0]; k++)
		str(x, ws, 0, (lxw_col_t)k, tr(x->lang, heads[k]), x->head);
	for (j = 0; j < m->n_services; j++) {
		const struct group_service *s = &m->services[j];
		lxw_row_t r = (lxw_row_t)(j + 1);

		str(x, ws, r, 0, s->ref, NULL);
		str(x, ws, r, 1, group_service_name(s, x->lang), NULL);
		str(x, ws, r, 2, m->categories[s->category].ref, NULL);
		num(x, ws, r, 3, 1, (double)s->n_assessed, NULL);
		num(x, ws, r, 4, s->n_assessed > 0, s->min, NULL);
		num(x, ws, r, 5, s->n_assessed > 0, s->median, NULL);
		num(x, ws, r, 6, s->n_assessed > 0, s->max, NULL);
	}
}

static void sourcing_sheet(struct gx *x, lxw_worksheet *ws)
{
	const struct group_model *m = x->m;
	static const enum msg_id heads[] = {MSG_GROUP_SERVICE, MSG_GROUP_ORG, MSG_GROUP_ASSIGNMENT,
					    MSG_GROUP_TEAM, MSG_GROUP_PROVIDER};
	lxw_row_t r = 1;
	size_t i, j, k;

	for (k = 0; k < sizeof heads / sizeof heads[0]; k++)
		str(x, ws, 0, (lxw_col_t)k, tr(x->lang, heads[k]), x->head);
	for (j = 0; j < m->n_services; j++)
		for (i = 0; i < m->n_orgs; i++) {
			const struct group_cell *c = &m->orgs[i].cells[j];

			if (!c->selected || c->assignment == ASSIGN_UNASSIGNED)
				continue;
			str(x, ws, r, 0, m->services[j].ref, NULL);
			str(x, ws, r, 1, m->orgs[i].name, NULL);
			str(x, ws, r, 2, tr_assignment(x->lang, c->assignment), NULL);
			str(x, ws, r, 3, c->team, NULL);
			str(x, ws, r, 4, c->provider, NULL);
			r++;
		}
}

static void write_book(struct gx *x)
{
	static const unsigned colours[4] = {0xFFFFFF, 0xF8CBAD, 0xFFE699, 0xC6EFCE};
	lxw_worksheet *ws[4];
	const char *names[4] = {"Heat map", "Roll-ups", "Spread", "Sourcing"};
	size_t i;

	x->head = workbook_add_format(x->wb);
	if (!x->head) {
		x->rc = ERR_NOMEM;
		return;
	}
	format_set_bold(x->head);
	format_set_bg_color(x->head, 0xDDEBF7);
	for (i = 0; i < 4; i++) {
		x->cls[i] = workbook_add_format(x->wb);
		if (!x->cls[i]) {
			x->rc = ERR_NOMEM;
			return;
		}
		format_set_bg_color(x->cls[i], colours[i]);
	}
	for (i = 0; i < 4; i++) {
		ws[i] = workbook_add_worksheet(x->wb, names[i]);
		if (!ws[i]) {
			x->rc = ERR_NOMEM;
			return;
		}
	}
	heat_sheet(x, ws[0]);
	rollup_sheet(x, ws[1]);
	spread_sheet(x, ws[2]);
	sourcing_sheet(x, ws[3]);
}

int group_render_xlsx(const struct group_model *m, enum lang lang, struct buf *out)
{
	struct gx x = {.m = m, .lang = lang};
	char path[REPORT_XLSX_PATH];
	int rc = report_xlsx_open("cdcf-group", path, &x.wb);

	if (rc)
		return rc;
	write_book(&x);
	return report_xlsx_finish(x.wb, path, x.rc, out);
}
