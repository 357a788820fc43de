/*
 * quadrant.h - X.1060's procurement quadrant (figure 5) for a service profile.
 *
 * x: the information a service mostly handles, the organization's own (left)
 * to external (right); y: the specialist security skill it needs, little
 * (bottom) to high (top). The four quadrants are labelled: management type
 * (keep in-house), specialist with external information (outsourcing
 * candidates), and the two mixed ones. Every selected service (level other
 * than not required) is a labelled point at its catalogue position
 * (struct quadrant), coloured and shaped by its assignment, with a legend;
 * a management-type service that is fully outsourced is ringed in red.
 * Custom services and services without a position sit at the centre, and
 * the table says so.
 *
 * Written through the escaping writer: one inline <svg role="img"> with
 * <title> and <desc>, no script, no ids, deterministic output; the table is
 * its text alternative.
 */
#ifndef CDCF_WEB_QUADRANT_H
#define CDCF_WEB_QUADRANT_H

#include "core/portfolio.h"
#include "i18n/i18n.h"
#include "util/buf.h"

/* The chart; title names it (aria-label and <title>). */
int quadrant_svg(struct buf *b, const struct portfolio *p, enum lang lang, const char *title);

/* Its text alternative: service | assignment | skill | information | quadrant | note. */
int quadrant_table(struct buf *b, const struct portfolio *p, enum lang lang, const char *caption);

#endif
