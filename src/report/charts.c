/*
 * charts.c - the report's charts from the model (charts.h).
 */
#include "report/charts.h"

#include <stdlib.h>

#include "report/chart_data.h"
#include "report/chart_quadrant.h"
#include "report/chart_trend.h"
#include "report/svg.h"
#include "util/xalloc.h"

static const struct {
	const char *id;
	enum msg_id title;
} charts[REPORT_CHART_COUNT] = {
    [REPORT_CHART_GAPS] = {"gaps-chart", MSG_REPORT_GAPBARS_TITLE},
    [REPORT_CHART_RADAR] = {"radar", MSG_REPORT_RADAR_TITLE},
    [REPORT_CHART_HEATMAP] = {"heatmap", MSG_REPORT_HEATMAP_TITLE},
    [REPORT_CHART_QUADRANT] = {"quadrant", MSG_WEB_BUILD_Q_TITLE},
    [REPORT_CHART_TREND] = {"trend", MSG_WM_TREND_TITLE},
    [REPORT_CHART_READINESS] = {"readiness-chart", MSG_REPORT_READINESS_TITLE},
};

const char *report_chart_id(enum report_chart c)
{
	return (unsigned)c < REPORT_CHART_COUNT ? charts[c].id : "chart";
}

enum msg_id report_chart_title(enum report_chart c)
{
	return (unsigned)c < REPORT_CHART_COUNT ? charts[c].title : MSG_REPORT_CHART_DATA;
}

/* The gap bars of m, in priority order (caller frees). */
static struct svg_bar *gap_bars(const struct report_model *m)
{
	struct svg_bar *bars = xcalloc(m->n_gaps + 1, sizeof(*bars));
	size_t i;

	for (i = 0; i < m->n_gaps; i++) {
		const struct report_entry *re = &m->entries[m->gaps[i]];
		bars[i].label = re->label;
		bars[i].level = re->e->level;
		bars[i].current = re->current.value;
		bars[i].target = re->target.value;
		bars[i].gap = re->gap.value;
	}
	return bars;
}

/* The radar's axes: the category roll-ups (not the overall one). */
struct radar {
	size_t n;
	const char **labels;
	double *current, *target;
};

/* The categories whose entries are of the overall's model: a PSIRT's
 * foundation (readiness, its own scale) has its own chart, not an axis. */
static void radar_of(const struct report_model *m, struct radar *r)
{
	size_t i, n = m->n_rollups ? m->n_rollups - 1 : 0;

	r->n = 0;
	r->labels = xcalloc(n + 1, sizeof(*r->labels));
	r->current = xcalloc(n + 1, sizeof(*r->current));
	r->target = xcalloc(n + 1, sizeof(*r->target));
	for (i = 0; i < n; i++) {
		const struct report_rollup *ru = &m->rollups[i];
		if (m->overall && ru->assessment != m->overall->assessment)
			continue;
		r->labels[r->n] = ru->label;
		r->current[r->n] = ru->current.ok ? ru->current.value : SVG_NO_VALUE;
		r->target[r->n++] = ru->target.ok ? ru->target.value : SVG_NO_VALUE;
	}
}

/* The readiness chart: one axis per readiness component in scope. */
static int readiness_of(const struct report_model *m, struct radar *r)
{
	size_t i;

	r->n = 0;
	r->labels = xcalloc(m->n_entries + 1, sizeof(*r->labels));
	r->current = xcalloc(m->n_entries + 1, sizeof(*r->current));
	r->target = xcalloc(m->n_entries + 1, sizeof(*r->target));
	for (i = 0; i < m->n_entries; i++) {
		const struct report_entry *re = &m->entries[i];
		if (re->e->assessment != ASSESS_READINESS || re->e->level == LEVEL_NOT_REQUIRED)
			continue;
		r->labels[r->n] = re->label;
		r->current[r->n] = re->current.ok ? re->current.value : SVG_NO_VALUE;
		r->target[r->n++] = re->target.ok ? re->target.value : SVG_NO_VALUE;
	}
	return m->p->fw ? m->p->fw->scale[ASSESS_READINESS].max_score : 3;
}

static void radar_release(struct radar *r)
{
	free(r->labels);
	free(r->current);
	free(r->target);
}

static int draw(struct buf *b, const struct report_model *m, enum report_chart c, int table,
		const char *caption)
{
	const char *title = tr(m->lang, report_chart_title(c));
	struct heat_data h;
	struct svg_bar *bars;
	struct radar r;
	int rc, max;

	switch (c) {
	case REPORT_CHART_GAPS:
		bars = gap_bars(m);
		rc = table ? svg_gap_table(b, bars, m->n_gaps, m->lang, caption)
			   : svg_gap_bars(b, bars, m->n_gaps, m->scale.max - m->scale.min, m->lang,
					  title);
		free(bars);
		return rc;
	case REPORT_CHART_RADAR:
		radar_of(m, &r);
		rc = table
			 ? svg_radar_table(b, r.labels, r.current, r.target, r.n, m->lang, caption)
			 : svg_radar(b, r.labels, r.current, r.target, r.n, m->scale.max, m->lang,
				     title);
		radar_release(&r);
		return rc;
	case REPORT_CHART_HEATMAP:
		heat_data_of(m->p, m->lang, &h);
		return table ? svg_heatmap_table(b, &h.grid, caption)
			     : svg_heatmap(b, &h.grid, m->lang, title);
	case REPORT_CHART_QUADRANT:
		return table ? chart_quadrant_table(b, m->p, m->warning, m->lang, caption)
			     : chart_quadrant_svg(b, m->p, m->warning, m->lang, title);
	case REPORT_CHART_READINESS:
		max = readiness_of(m, &r);
		rc = table
			 ? svg_radar_table(b, r.labels, r.current, r.target, r.n, m->lang, caption)
			 : svg_radar(b, r.labels, r.current, r.target, r.n, max, m->lang, title);
		radar_release(&r);
		return rc;
	case REPORT_CHART_TREND:
		return table
			   ? chart_trend_table(b, m->trend, m->n_trend, m->lang, caption)
			   : chart_trend_svg(b, m->trend, m->n_trend, m->scale.max, m->lang, title);
	default:
		return ERR_INVALID;
	}
}

int report_chart_svg(struct buf *b, const struct report_model *m, enum report_chart c)
{
	return draw(b, m, c, 0, NULL);
}

int report_chart_table(struct buf *b, const struct report_model *m, enum report_chart c,
		       const char *caption)
{
	return draw(b, m, c, 1, caption);
}
