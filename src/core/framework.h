/*
 * framework.h - a service framework as an immutable tree of nodes.
 *
 * A framework (X.1060 2021, FIRST CSIRT SF 2.1, ...) is a flat array of nodes
 * in document order; each node names its parent by index. Nodes are keyed by
 * framework id + ref_id (never by name). Frameworks are built once at start-up
 * (io/catalog.c) and then only read, so they are safe to share across threads.
 */
#ifndef CDCF_FRAMEWORK_H
#define CDCF_FRAMEWORK_H

#include <stddef.h>

#include "util/strmap.h"

enum node_kind {
	NODE_CATEGORY,
	NODE_AREA,
	NODE_SERVICE,
	NODE_FUNCTION,
	NODE_SUBFUNCTION,
	NODE_FOUNDATION,
	NODE_PARAMETER,
	NODE_KIND_COUNT
};

enum node_status { STATUS_VERIFIED, STATUS_PROVISIONAL };

/*
 * How a node is assessed, declared per node kind by the catalogue
 * (cdcf: assessment: {service: service, foundation: readiness}):
 *  - service: X.1060's way: a recommendation level, an assignment (in-house
 *    team, outsourced provider or both) and a score per side it uses on the
 *    framework's rubrics;
 *  - readiness: a prerequisite of the team itself (FIRST PSIRT's operational
 *    foundation): in scope by default, may be marked not applicable, never
 *    assigned, one current and one target score on the readiness scale;
 *  - parameter: a maturity parameter (SIM3): as readiness, on the parameter
 *    scale (SIM3 0-4).
 * ASSESS_NONE: the node is not assessed (categories, areas, functions).
 */
enum assessment { ASSESS_NONE, ASSESS_SERVICE, ASSESS_READINESS, ASSESS_PARAMETER, ASSESS_COUNT };

/* A score side: in-house (insource) or outsourced. */
enum side { SIDE_INSOURCE = 0, SIDE_OUTSOURCE = 1, SIDE_COUNT = 2 };

/* Procurement quadrant position (X.1060 figure 5); -1 where not placed. */
struct quadrant {
	int skill; /* 0 = little specialist skill .. 100 = highly specialist */
	int info;  /* 0 = organization's own information .. 100 = external information */
};

struct fw_node {
	char *ref_id; /* "A-3", "6.4.2", "OF.I.A" */
	char *urn;    /* CISO Assistant requirement-node urn */
	enum node_kind kind;
	int parent;	/* index into framework.nodes, -1 for a root */
	int depth;	/* 1 for roots */
	int assessable; /* may be selected into a portfolio */
	enum node_status status;
	char *name_en;
	char *name_ja;	      /* NULL when no Japanese name is known */
	char *description_en; /* our own short words */
	char *description_ja;
	char *source_note; /* provenance: where the name was checked, or why provisional */
	struct quadrant quadrant;
	char *quadrant_reason;	    /* why the catalogue puts it there, or NULL */
	int management;		    /* management-type service: must not be fully outsourced */
	enum assessment assessment; /* ASSESS_NONE unless assessable */
};

/* One point of a score scale with its criterion. */
struct rubric_point {
	int score;
	char *name_en, *name_ja;
	char *criterion_en, *criterion_ja;
};

/* A score scale for one side. SCORE_NA is allowed when has_na. */
struct rubric {
	char *title_en, *title_ja; /* "Score rubric (X.1060 Table 3)"; NULL: a generic title */
	int min_score, max_score;
	int has_na;
	char *na_criterion_en, *na_criterion_ja;
	struct rubric_point *points; /* ordered by score, max_score first is not assumed */
	size_t n_points;
};

/* A starter preset: a suggested recommendation level per service. */
struct preset_level {
	char *ref_id;
	char *level; /* "basic", ... as in core/level.h */
};
struct preset {
	char *id; /* "first-steps", "full-cdc" */
	char *name_en, *name_ja;
	char *description_en, *description_ja;
	struct preset_level *levels;
	size_t n_levels;
};

struct framework {
	char *id;  /* "x1060-2021" */
	char *urn; /* library urn */
	char *name_en, *name_ja;
	char *edition; /* "06/2021" */
	char *version; /* library version */
	char *source_note;
	struct fw_node *nodes;
	size_t n_nodes;
	struct rubric rubric[SIDE_COUNT];  /* the service model's scales, per side */
	struct rubric scale[ASSESS_COUNT]; /* one-sided scales: readiness, parameter */
	enum assessment custom_assessment; /* how an organization's own services are assessed */
	struct preset *presets;
	size_t n_presets;
	/* ref_id -> node index, built by the loader (keys borrowed from nodes);
	 * a framework built by hand leaves it zeroed and lookups scan. */
	struct strmap ref_index;
};

/* Lower-case kind name ("category", "service", ...) and its inverse (-1 if unknown). */
const char *node_kind_name(enum node_kind k);
int node_kind_parse(const char *s);

/* Index of the node with this ref_id, or -1. */
int framework_find(const struct framework *fw, const char *ref_id);
/* Index of the top-most category, area or foundation on the path from node up
 * to its root (node itself included), or -1: A-3 -> A, A -> A, 6.4.3.s2 -> 6. */
int framework_category_of(const struct framework *fw, int node);
/* "service", "readiness", "parameter" (NULL for ASSESS_NONE) and the inverse (-1). */
const char *assessment_name(enum assessment a);
int assessment_parse(const char *s);
/* Is a node of this model assigned to a team or provider and scored per side?
 * Services are (and ASSESS_NONE counts as one); readiness and parameters have
 * one score and no sides. */
int assessment_has_sides(enum assessment a);
/* The scale a score of model a on side s is given on: the service rubric of
 * the side, or the model's one-sided scale (side ignored). */
const struct rubric *framework_scale(const struct framework *fw, enum assessment a, enum side s);
/* The nearest assessable ancestor of node (a FIRST CSIRT function's
 * service), or -1: an assessable node with one is a part of it, assessed
 * optionally, its figures rolled up into it (core/score.h). */
int framework_part_of(const struct framework *fw, int node);

/* The assessment of ref in fw: its node's when it is an assessable node,
 * else fw->custom_assessment (an organization's own service). */
enum assessment framework_ref_assessment(const struct framework *fw, const char *ref);

/* A rubric's title in lang, or NULL when the catalogue gives none. */
const char *rubric_title(const struct rubric *r, const char *lang);

/* Does the rubric for side accept score (SCORE_NA included when has_na)? */
int rubric_accepts(const struct rubric *r, int score);
/* The rubric point for score, or NULL. */
const struct rubric_point *rubric_point(const struct rubric *r, int score);
const struct preset *framework_preset(const struct framework *fw, const char *id);

/* Localised name: Japanese when lang is "ja" and a name exists, else English. */
const char *fw_node_name(const struct fw_node *n, const char *lang);
/* The framework's name, and a preset's name and description, by the same rule. */
const char *framework_name(const struct framework *fw, const char *lang);
const char *preset_name(const struct preset *pr, const char *lang);
const char *preset_description(const struct preset *pr, const char *lang);

void framework_release(struct framework *fw);
void framework_free(struct framework *fw);

/* Score sentinels shared by every module. */
#define SCORE_NONE (-1) /* not yet assessed: distinct from 1 */
#define SCORE_NA (-2)	/* n/a: decided not to do this side */

#endif
