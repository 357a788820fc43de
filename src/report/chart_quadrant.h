/*
 * chart_quadrant.h - X.1060's procurement quadrant (figure 5) for a service
 * profile: on the profile page, the report page and the HTML report.
 *
 * x: the information a service mostly handles, the organization's own (left)
 * to external (right); y: the specialist security skill it needs, little
 * (bottom) to high (top). The four quadrants are labelled: management type
 * (keep in-house), specialist with external information (outsourcing
 * candidates), and the two mixed ones. Every selected service (level other
 * than not required) is a labelled point at its catalogue position
 * (struct quadrant), coloured and shaped by its assignment, with a legend;
 * an entry the caller's advisory applies to (ops_entry_warned: a
 * management-type service fully outsourced) is ringed in red.
 * Custom services and services without a position sit at the centre, and
 * the table says so.
 *
 * Written through the escaping writer: one inline <svg role="img"> with
 * <title> and <desc>, no script, no ids, deterministic output; the table is
 * its text alternative.
 */
#ifndef CDCF_CHART_QUADRANT_H
#define CDCF_CHART_QUADRANT_H

#include "core/portfolio.h"
#include "i18n/i18n.h"
#include "report/model.h"
#include "util/buf.h"

/* The chart; title names it (aria-label and <title>); warning may be NULL. */
int chart_quadrant_svg(struct buf *b, const struct portfolio *p, report_warning_fn warning,
		       enum lang lang, const char *title);

/* Its text alternative: service | assignment | skill | information | quadrant | note. */
int chart_quadrant_table(struct buf *b, const struct portfolio *p, report_warning_fn warning,
			 enum lang lang, const char *caption);

#endif
