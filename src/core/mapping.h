/*
 * mapping.h - a mapping between two frameworks, and how an assessed
 * portfolio of one covers the services of the other.
 *
 * A mapping set (CISO Assistant's requirement_mapping_set) relates services of
 * a source framework to services of a target framework, one row per pair,
 * each with a relationship and a one-line rationale. The relationship says
 * what the source service is to the target service: equal, a subset (a part
 * of it), a superset (it and more) or an intersection (they overlap). Read in
 * the other direction, subset and superset swap.
 *
 * Coverage rule (coverage_build), per service of the other framework:
 *  - a mapped source entry is "met" when it is selected in the portfolio
 *    (any level but not required), assessed (entry_assessed) and its current
 *    figure reaches its target;
 *  - covered: a met source entry is equal to the service or includes it
 *    (equal, superset);
 *  - partly covered: not covered, but some mapped source entry is selected
 *    and assessed (met or not, whatever its relationship);
 *  - not covered: no mapped source entry is selected and assessed, or the
 *    service has no mapping.
 * Each node lists every mapped source entry with its state, the justification.
 */
#ifndef CDCF_MAPPING_H
#define CDCF_MAPPING_H

#include <stddef.h>

#include "core/framework.h"
#include "core/portfolio.h"

enum mapping_rel { REL_EQUAL, REL_SUBSET, REL_SUPERSET, REL_INTERSECT, REL_COUNT };

/* "equal", "subset", "superset", "intersect"; mapping_rel_parse returns -1 otherwise. */
const char *mapping_rel_name(enum mapping_rel r);
int mapping_rel_parse(const char *s);
/* The relationship read from the target's side: subset <-> superset. */
enum mapping_rel mapping_rel_reverse(enum mapping_rel r);

struct mapping_row {
	char *source_ref, *target_ref; /* ref_ids in their frameworks */
	enum mapping_rel rel;
	char *rationale;
};

struct mapping_set {
	char *id;		     /* library ref_id: "map-x1060-2021-first-csirt-2.1" */
	char *name_en, *name_ja;     /* name_ja NULL when none */
	char *source_fw, *target_fw; /* framework ids */
	int ours;		     /* cdcf's judgement (the shipped ones) */
	struct mapping_row *rows;
	size_t n_rows;
};

void mapping_set_release(struct mapping_set *m);
void mapping_set_free(struct mapping_set *m);

enum coverage_status { COVER_NONE, COVER_PARTLY, COVER_FULL, COVER_STATUS_COUNT };
/* "not_covered", "partly_covered", "covered". */
const char *coverage_status_name(enum coverage_status s);

/* The state of one mapped source entry in the portfolio. */
enum source_state {
	SRC_MET,
	SRC_BELOW_TARGET,
	SRC_NOT_ASSESSED,
	SRC_NOT_SELECTED,
	SRC_STATE_COUNT
};
/* "met", "below_target", "not_assessed", "not_selected". */
const char *source_state_name(enum source_state s);

struct coverage_source {
	const char *ref;       /* borrowed from the mapping set */
	enum mapping_rel rel;  /* source relative to the node */
	const char *rationale; /* borrowed */
	enum source_state state;
	int has_figures; /* current and target below are set */
	double current, target;
};

struct coverage_node {
	int node; /* index into the other framework's nodes */
	enum coverage_status status;
	struct coverage_source *sources;
	size_t n_sources;
};

struct coverage {
	const struct portfolio *p;     /* borrowed */
	const struct framework *other; /* borrowed */
	struct coverage_node *nodes;   /* the other framework's services, in document order */
	size_t n_nodes;
	size_t count[COVER_STATUS_COUNT];
};

/*
 * Apply the coverage rule above to every service (NODE_SERVICE) of other,
 * from the portfolio p through the mapping set m, which relates p's framework
 * and other in either direction (reversed when other is its source). Borrows
 * p, other and m, which must outlive cov. Returns 0, or ERR_INVALID when m
 * does not relate p's framework and other.
 */
int coverage_build(struct coverage *cov, const struct portfolio *p, const struct framework *other,
		   const struct mapping_set *m);
void coverage_release(struct coverage *cov);

#endif
