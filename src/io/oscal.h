/*
 * oscal.h - NIST OSCAL (JSON, OSCAL 1.1.2) for frameworks and portfolios.
 *
 * Exports: a framework as an OSCAL catalog (categories and areas as groups,
 * services and their functions as controls with their descriptions as
 * "statement" parts); an assessed portfolio as assessment-results (one
 * result per evaluation cycle, one observation and one finding per selected
 * entry) and as a plan of action and milestones (a poam-item per gap and per
 * open improvement action). cdcf's own facts are props in the namespace
 * OSCAL_NS (docs/formats.md lists them). UUIDs are version 5 from the
 * framework urn or the organization and framework, so the same data gives
 * the same file.
 *
 * Import: an OSCAL catalog as a framework (groups become categories,
 * controls services, nested controls functions).
 */
#ifndef CDCF_OSCAL_H
#define CDCF_OSCAL_H

#include <jansson.h>
#include <stddef.h>

#include "core/framework.h"
#include "core/portfolio.h"
#include "store/store.h"
#include "util/err.h"

#define OSCAL_NS "urn:cdcf:ns:oscal"
#define OSCAL_VERSION "1.1.2"

/* A version 5 UUID (SHA-1, cdcf's namespace) of name into out. */
void oscal_uuid5(const char *name, char out[37]);

/* The OSCAL catalog of fw (new reference). */
json_t *oscal_catalog_json(const struct framework *fw);

/* An OSCAL catalog (JSON text) as a framework; ERR_INVALID naming the place. */
int oscal_catalog_load(const char *text, size_t len, const char *source_name,
		       struct framework **out, struct err *e);

/* One evaluation cycle of a portfolio for the assessment results: its entries
 * (the live portfolio for the open cycle, the frozen snapshot for a closed
 * one), when it was opened and closed (NULL while open). */
struct oscal_cycle {
	const struct portfolio *p;
	int number;
	const char *start, *end;
};

/* Assessment results of the loaded portfolio p (p->fw set): one result per
 * cycle in cycles (oldest first); POA&M of p's gaps and open actions. now is
 * the time of the export (RFC 3339). New references. */
json_t *oscal_assessment_results_json(const struct portfolio *p, const struct oscal_cycle *cycles,
				      size_t n_cycles, const char *now);
json_t *oscal_poam_json(const struct portfolio *p, const struct action *actions, size_t n_actions,
			const char *now);

/* The assessment results (poam = 0: every cycle, closed ones from their
 * snapshots) or the POA&M (poam = 1) of the loaded portfolio p, read from st. */
int oscal_portfolio_export(struct store *st, const struct portfolio *p, int poam, const char *now,
			   json_t **out, struct err *e);

#endif
