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

static void radar_of(const struct report_model *m, struct radar *r)
{
	size_t i;

	r->n = m->n_rollups ? m->n_rollups - 1 : 0;
	r->labels = xcalloc(r->n + 1, sizeof(*r->labels));
	r->current = xcalloc(r->n + 1, sizeof(*r->current));
	r->target = xcalloc(r->n + 1, sizeof(*r->target));
	for (i = 0; i < r->n; i++) {
		const struct report_rollup *ru = &m->rollups[i];
		r->labels[i] = ru->label;
		r->current[i] = ru->current.ok ? ru->current.value : SVG_NO_VALUE;
		r->target[i] = ru->target.ok ? ru->target.value : SVG_NO_VALUE;
	}
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
	int rc;

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
