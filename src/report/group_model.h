/*
 * group_model.h - the group view of one framework: a parent organization and
 * its subsidiaries (any depth) side by side. Built once by ops_group_model
 * (ops/ops_group.h) and rendered by report/group_render.h in text, CSV, JSON
 * and XLSX and by the group page, so every view shows the same figures.
 *
 * Every figure comes from core/score.h: a cell is the entry's figure
 * (entry_figure, entry_gap), a roll-up is score_rollups' (unweighted) for the
 * organization's portfolio, the spread of a service is over the
 * organizations whose entry has a current figure. Figures are kept unrounded
 * and shown with score_round.
 *
 * Columns are the framework's assessable services that are not parts of
 * another service (FIRST CSIRT functions) and that at least one organization
 * of the group selected (level other than not_required), in catalogue order,
 * grouped by category. An organization's custom services are its own and
 * are not compared.
 */
#ifndef CDCF_GROUP_MODEL_H
#define CDCF_GROUP_MODEL_H

#include <stddef.h>

#include "core/framework.h"
#include "core/level.h"

/* What the heat map shows. */
enum group_by { GROUP_BY_CURRENT, GROUP_BY_GAP };

/* How a shown value is coloured (group_cell_class): the same classes in every format. */
enum group_class { GROUP_CLASS_NONE, GROUP_CLASS_LOW, GROUP_CLASS_MID, GROUP_CLASS_HIGH };

struct group_cell {
	int selected; /* the organization has the service at a level other than not_required */
	enum level level;
	enum assignment assignment;
	int has_current, has_target, has_gap;
	double current, target, gap;
	char *team, *provider; /* names, NULL when none */
};

struct group_rollup {
	size_t n_entries, n_assessed;
	double current, target, gap; /* valid when n_assessed > 0 */
};

struct group_org {
	long long id, parent_id; /* parent_id 0 for the root */
	char *name;
	char *parent; /* parent's name, NULL for the root */
	int depth;    /* 0 for the root */
	int has_portfolio;
	struct group_cell *cells;     /* one per service */
	struct group_rollup *rollups; /* one per category, then the overall one */
};

struct group_category {
	const char *ref, *name_en, *name_ja; /* borrowed from the framework */
};

struct group_service {
	const char *ref, *name_en, *name_ja; /* borrowed from the framework */
	size_t category;		     /* index into categories */
	int scale_min, scale_max;	     /* the scale its current score is on */
	size_t n_assessed;		     /* organizations with a current figure */
	double min, median, max;	     /* of their current figures; valid when n_assessed */
};

struct group_model {
	const struct framework *fw; /* borrowed */
	enum group_by by;
	/* the root first, then by depth and name; a page (ops_group_page): one page of the
	 * group's organizations by name, while the columns and the spread stay the whole
	 * group's */
	struct group_org *orgs;
	size_t n_orgs;
	size_t n_total;	  /* organizations in the whole group (n_orgs when not paged) */
	size_t first;	  /* rank of orgs[0] in the whole group by name, from 1 (a page) */
	char *next_after; /* a page: the name the next page starts after; NULL on the last */
	struct group_category *categories;
	size_t n_categories;
	struct group_service *services;
	size_t n_services;
	int scale_min, scale_max; /* the framework's current-score scale (in-house side) */
};

void group_model_release(struct group_model *m);
/* Free what one organization of m holds (its cells, roll-ups and names). */
void group_org_release(const struct group_model *m, struct group_org *o);

/* The value the heat map shows for c (current or gap by m->by): 0 and *out, or -1. */
int group_cell_value(const struct group_model *m, const struct group_cell *c, double *out);
/* The class of a value shown for service s: for the current score, the lower (LOW), middle
 * or upper (HIGH) third of the service's scale; for a gap, more than 1 (LOW), up to 1
 * (MID), none left (HIGH, <= 0). */
enum group_class group_value_class(const struct group_model *m, const struct group_service *s,
				   double v);
/* "low" / "mid" / "high" / "none": the machine name of a class (CSS, JSON). */
const char *group_class_name(enum group_class c);
const char *group_by_name(enum group_by by);
/* "current" / "gap": 0 and *out, or -1. */
int group_by_parse(const char *s, enum group_by *out);

#endif
