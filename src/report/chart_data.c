#include "report/chart_data.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "core/score.h"

void score_scale_of(const struct framework *fw, struct score_scale *out)
{
	int s;

	out->min = 1;
	out->max = 0;
	for (s = 0; fw && s < SIDE_COUNT; s++) {
		if (fw->rubric[s].max_score <= 0)
			continue;
		if (fw->rubric[s].max_score > out->max)
			out->max = fw->rubric[s].max_score;
		if (fw->rubric[s].min_score < out->min)
			out->min = fw->rubric[s].min_score;
	}
	if (out->max <= out->min)
		out->max = 5;
}

/* Column of an entry: 0..steps-1 for scores min..min+steps-1, then n/a, then
 * not assessed. */
static size_t heat_column(const struct entry *e, int min, int steps)
{
	double cur;
	long v;
	int s;

	if (!entry_figure(e, 0, &cur)) {
		v = lround(cur) - min;
		v = v < 0 ? 0 : v > steps - 1 ? steps - 1 : v;
		return (size_t)v;
	}
	for (s = 0; s < SIDE_COUNT; s++)
		if (entry_uses_side(e, s) && e->score[s].current == SCORE_NA)
			return (size_t)steps;
	return (size_t)steps + 1;
}

void heat_data_of(const struct portfolio *p, enum lang lang, struct heat_data *out)
{
	struct score_scale sc;
	int steps, k, rows, sideless;
	enum assessment main;
	size_t ncols, i;

	memset(out, 0, sizeof(*out));
	score_scale_of(p->fw, &sc);
	steps = sc.max - sc.min + 1;
	if (steps > HEAT_MAX_COLUMNS)
		steps = HEAT_MAX_COLUMNS;
	ncols = (size_t)steps + 2;
	for (k = 0; k < steps; k++) {
		snprintf(out->numbers[k], sizeof(out->numbers[k]), "%d", sc.min + k);
		out->cols[k] = out->numbers[k];
	}
	out->cols[steps] = tr(lang, MSG_NA);
	out->cols[steps + 1] = "\xE2\x80\x94";
	/* rows: the recommendation levels of services; the one row "in scope"
	 * where the framework's entries are parameters (SIM3); entries of
	 * another model (a PSIRT's readiness, on its own scale) stay out */
	main = score_main_model(p);
	sideless = !assessment_has_sides(main);
	rows = sideless ? 1 : HEAT_ROWS;
	for (k = 0; k < rows; k++)
		out->rows[k] = tr_level(lang, sideless ? LEVEL_IN_SCOPE : k + 1);
	for (i = 0; i < p->n_entries; i++) {
		const struct entry *e = &p->entries[i];
		int row = sideless ? 0 : (int)e->level - 1;
		if (e->level == LEVEL_NOT_REQUIRED || row < 0 || row >= rows ||
		    (e->assessment ? e->assessment : ASSESS_SERVICE) != main)
			continue;
		out->counts[(size_t)row * ncols + heat_column(e, sc.min, steps)]++;
	}
	out->grid.row_heading = tr(lang, MSG_LEVEL);
	out->grid.col_heading = tr(lang, MSG_REPORT_CURRENT_SCORE);
	out->grid.row_labels = out->rows;
	out->grid.rows = (size_t)rows;
	out->grid.col_labels = out->cols;
	out->grid.cols = ncols;
	out->grid.counts = out->counts;
}
