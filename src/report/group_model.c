/*
 * group_model.c - what every rendering of the group view shares (group_model.h).
 */
#include "report/group_model.h"

#include <stdlib.h>
#include <string.h>

void group_org_release(const struct group_model *m, struct group_org *o)
{
	size_t j;

	for (j = 0; o->cells && j < m->n_services; j++) {
		free(o->cells[j].team);
		free(o->cells[j].provider);
	}
	free(o->cells);
	free(o->rollups);
	free(o->name);
	free(o->parent);
}

void group_model_release(struct group_model *m)
{
	size_t i;

	if (!m)
		return;
	for (i = 0; m->orgs && i < m->n_orgs; i++)
		group_org_release(m, &m->orgs[i]);
	free(m->orgs);
	free(m->next_after);
	free(m->categories);
	free(m->services);
	memset(m, 0, sizeof *m);
}

int group_cell_value(const struct group_model *m, const struct group_cell *c, double *out)
{
	if (m->by == GROUP_BY_GAP) {
		if (!c->has_gap)
			return -1;
		*out = c->gap;
		return 0;
	}
	if (!c->has_current)
		return -1;
	*out = c->current;
	return 0;
}

enum group_class group_value_class(const struct group_model *m, const struct group_service *s,
				   double v)
{
	double third = (s->scale_max - s->scale_min) / 3.0;

	if (m->by == GROUP_BY_GAP)
		return v <= 0 ? GROUP_CLASS_HIGH : v <= 1 ? GROUP_CLASS_MID : GROUP_CLASS_LOW;
	if (v < s->scale_min + third)
		return GROUP_CLASS_LOW;
	if (v < s->scale_min + 2 * third)
		return GROUP_CLASS_MID;
	return GROUP_CLASS_HIGH;
}

const char *group_class_name(enum group_class c)
{
	static const char *const names[] = {"none", "low", "mid", "high"};

	return names[c];
}

const char *group_by_name(enum group_by by)
{
	return by == GROUP_BY_GAP ? "gap" : "current";
}

int group_by_parse(const char *s, enum group_by *out)
{
	if (s && !strcmp(s, "current"))
		*out = GROUP_BY_CURRENT;
	else if (s && !strcmp(s, "gap"))
		*out = GROUP_BY_GAP;
	else
		return -1;
	return 0;
}
