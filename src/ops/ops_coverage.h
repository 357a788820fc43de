/*
 * ops_coverage.h - the shipped mappings between frameworks, and how an
 * organization's assessed portfolio covers another framework.
 *
 *   struct ops_coverage c;
 *   rc = ops_coverage(st, "Acme", "x1060-2021", "first-csirt-2.1", &c, &e);
 *   for (i = 0; i < c.cov.n_nodes; i++) ... c.cov.nodes[i].status ...
 *   ops_coverage_release(&c);
 *
 * The rule is core/mapping.h's coverage_build(), stated there once.
 */
#ifndef CDCF_OPS_COVERAGE_H
#define CDCF_OPS_COVERAGE_H

#include <stddef.h>

#include "core/mapping.h"
#include "ops/ops.h"

/* The shipped mapping sets (borrowed, valid for the process's life). */
int ops_mappings(const struct mapping_set *const **sets, size_t *n, struct err *e);

/* The shipped set relating fw_id and other in either direction into *out;
 * ERR_NOT_FOUND (field "against") when there is none. */
int ops_mapping_between(const char *fw_id, const char *other, const struct mapping_set **out,
			struct err *e);

struct ops_coverage {
	struct portfolio p;
	const struct framework *other;	   /* borrowed from the registry */
	const struct mapping_set *mapping; /* borrowed from the registry */
	struct coverage cov;
};

/*
 * Load ORG's FW portfolio and apply the coverage rule to the services of
 * OTHER through the shipped mapping between FW and OTHER (either direction).
 * Refusals: an unknown organization, framework or portfolio (as ops_load,
 * ops_framework), no mapping between FW and OTHER (ERR_NOT_FOUND, field
 * "against"). Reads only. On failure out needs no release.
 */
int ops_coverage(struct store *st, const char *org, const char *fw_id, const char *other,
		 struct ops_coverage *out, struct err *e);
void ops_coverage_release(struct ops_coverage *c);

/* The words of a coverage in the message tables, for every front end: a
 * node's status, a source's state, a mapping's relationship. */
extern const enum msg_id ops_cover_status_word[COVER_STATUS_COUNT];
extern const enum msg_id ops_cover_state_word[SRC_STATE_COUNT];
extern const enum msg_id ops_cover_rel_word[REL_COUNT];

#endif
