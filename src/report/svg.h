/*
 * svg.h - server-rendered SVG charts, written through the escaping writer.
 *
 * Each chart is one inline <svg> element (no script, no external resources,
 * no ids, so several charts can share a page) with role="img", an aria-label
 * and <title>/<desc> children for assistive technology. Each chart has a
 * matching *_table() function that writes the numbers behind it as an HTML
 * <table>: the text alternative a page shows next to the chart.
 *
 * Output is deterministic: coordinates are written with one decimal, figures
 * with svg_figure(), so golden tests can compare charts byte for byte.
 *
 * A value that is negative or NaN means "no figure" (SVG_NO_VALUE): the radar
 * draws it at 0 and marks its label with "—"; tables show "—".
 * Labels are cut to SVG_LABEL_COLUMNS display columns with "…" in the chart
 * (the full text stays in the tooltip <title> and in the table).
 */
#ifndef CDCF_SVG_H
#define CDCF_SVG_H

#include <stddef.h>

#include "i18n/i18n.h"
#include "util/buf.h"

#define SVG_NO_VALUE (-1.0)
#define SVG_LABEL_COLUMNS 32
#define SVG_FIGURE_MAX 32

/* Format a figure for people, rounded by core/score.h's rule (score_round):
 * at most two decimals, trailing zeros dropped ("3", "3.5", "3.33"); "—"
 * when v is negative or NaN (a chart's "no value"). Returns out. */
const char *svg_figure(char out[SVG_FIGURE_MAX], double v);

/* Radar chart of current against target for n axes (categories), on a scale
 * of 0..max_score: current as a filled polygon, target as a dashed outline,
 * a ring per score step, axis labels and a legend. title names the chart
 * (aria-label and <title>); the description and legend come from lang. */
int svg_radar(struct buf *b, const char *const labels[], const double current[],
	      const double target[], size_t n, double max_score, enum lang lang, const char *title);
/* Its text alternative: label | current | target. */
int svg_radar_table(struct buf *b, const char *const labels[], const double current[],
		    const double target[], size_t n, enum lang lang, const char *caption);

/* One bar of the gap chart: figures of core/score.h (entry_figure, entry_gap). */
struct svg_bar {
	const char *label;	     /* "A-1 Policy" */
	int level;		     /* enum level: chooses the colour */
	double current, target, gap; /* the bar is gap long */
};

/* Horizontal bars, one per service in the order given (priority order),
 * scaled to 0..max_gap (at least the largest gap), coloured by
 * recommendation level, with a legend of the levels present. */
int svg_gap_bars(struct buf *b, const struct svg_bar *bars, size_t n, double max_gap,
		 enum lang lang, const char *title);
/* Its text alternative: label | level | current | target | gap. */
int svg_gap_table(struct buf *b, const struct svg_bar *bars, size_t n, enum lang lang,
		  const char *caption);

/* A grid of counts, e.g. recommendation level x current score. */
struct svg_grid {
	const char *row_heading, *col_heading; /* "Recommendation level", "Current score" */
	const char *const *row_labels;
	size_t rows;
	const char *const *col_labels;
	size_t cols;
	const size_t *counts; /* rows * cols, row by row */
};

/* Heat map: one cell per count, shaded by count relative to the largest. */
int svg_heatmap(struct buf *b, const struct svg_grid *g, enum lang lang, const char *title);
/* Its text alternative: the same grid as a table. */
int svg_heatmap_table(struct buf *b, const struct svg_grid *g, const char *caption);

#endif
