/*
 * chart_trend.h - the trend of the overall current and target scores across
 * closed cycles (struct report_trend_point, from each cycle's frozen
 * snapshot with the one scoring module): on the cycles page, the report page
 * and the HTML report.
 *
 * A line chart: current as a solid line with circles, target as a dashed
 * line with squares (not colour alone), a grid line per score step from 0 to
 * the scale's maximum, one column per cycle. One inline <svg role="img">
 * with <title> and <desc>, no script, no ids, deterministic output; the
 * table is its text alternative.
 */
#ifndef CDCF_CHART_TREND_H
#define CDCF_CHART_TREND_H

#include <stddef.h>

#include "i18n/i18n.h"
#include "report/model.h"
#include "util/buf.h"

/* The chart of n points on a scale of 0..max; title names it. */
int chart_trend_svg(struct buf *b, const struct report_trend_point *pt, size_t n, int max,
		    enum lang lang, const char *title);

/* Its text alternative: cycle | closed | current | target | assessed. */
int chart_trend_table(struct buf *b, const struct report_trend_point *pt, size_t n, enum lang lang,
		      const char *caption);

#endif
