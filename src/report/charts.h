/*
 * charts.h - the report's charts drawn from the report model (model.h), for
 * every view that shows them: the HTML report, the report page, the profile
 * and cycles pages. Each chart is inline SVG (report/svg.h,
 * chart_quadrant.h, chart_trend.h) with a table of the numbers behind it as
 * its text alternative; the caller writes the headings and the frame
 * (<figure>, <details>) its view uses.
 */
#ifndef CDCF_REPORT_CHARTS_H
#define CDCF_REPORT_CHARTS_H

#include "i18n/i18n.h"
#include "report/model.h"
#include "util/buf.h"

enum report_chart {
	REPORT_CHART_GAPS,	/* gap per service, in priority order */
	REPORT_CHART_RADAR,	/* current and target per category */
	REPORT_CHART_HEATMAP,	/* services by recommendation level and current score */
	REPORT_CHART_QUADRANT,	/* X.1060's procurement quadrant of the selected services */
	REPORT_CHART_TREND,	/* overall current and target per closed cycle */
	REPORT_CHART_READINESS, /* current and target per readiness component (PSIRT foundation) */
	REPORT_CHART_COUNT
};

/* Its HTML anchor ("gaps", "radar", "heatmap", "quadrant", "trend") and its title. */
const char *report_chart_id(enum report_chart c);
enum msg_id report_chart_title(enum report_chart c);

/* The chart of m as one inline <svg>. */
int report_chart_svg(struct buf *b, const struct report_model *m, enum report_chart c);

/* The numbers behind it as a <table> with caption (may be NULL). */
int report_chart_table(struct buf *b, const struct report_model *m, enum report_chart c,
		       const char *caption);

#endif
