/*
 * chart_data.h - the numbers behind the charts, computed once for every
 * view that draws them (the HTML report file and the web report page), so
 * the two can never disagree.
 */
#ifndef CDCF_CHART_DATA_H
#define CDCF_CHART_DATA_H

#include <stddef.h>

#include "core/portfolio.h"
#include "i18n/i18n.h"
#include "report/svg.h"

/* The score scale a framework's rubrics span: 1..5 for X.1060, 0..4 for
 * SIM3; 1..5 when there is no framework. */
struct score_scale {
	int min, max;
};
void score_scale_of(const struct framework *fw, struct score_scale *out);

#define HEAT_MAX_COLUMNS 11	 /* score columns of the heat map (min..max) */
#define HEAT_ROWS LEVEL_OPTIONAL /* basic, standard, advanced, optional */

/*
 * The level x current-score heat map: rows are the recommendation levels
 * basic..optional, columns the scores min..max of the scale, then n/a,
 * then "not assessed". An entry counts where its current figure (rounded)
 * falls. Self-contained: grid points into the struct, which must not move
 * while grid is used.
 */
struct heat_data {
	char numbers[HEAT_MAX_COLUMNS][12];
	const char *cols[HEAT_MAX_COLUMNS + 2];
	const char *rows[HEAT_ROWS];
	size_t counts[HEAT_ROWS * (HEAT_MAX_COLUMNS + 2)];
	struct svg_grid grid;
};
void heat_data_of(const struct portfolio *p, enum lang lang, struct heat_data *out);

#endif
