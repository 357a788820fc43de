/*
 * ops_group.h - the group view (report/group_model.h) of an organization and
 * its subsidiaries, any depth, for one framework: two reads of the store for
 * the whole subtree (store/store_group.h), never a portfolio load per
 * organization, then the roll-ups of core/score.h per organization.
 */
#ifndef CDCF_OPS_GROUP_H
#define CDCF_OPS_GROUP_H

#include "report/group_model.h"
#include "store/store.h"
#include "util/err.h"

/* Build m for organization org (its name) and framework fw_id, showing by. Errors: an
 * unknown organization or framework (ERR_NOT_FOUND). One read transaction. On failure m
 * holds nothing to release; else group_model_release. */
int ops_group_model(struct store *st, const char *org, const char *fw_id, enum group_by by,
		    struct group_model *m, struct err *e);

/* One page of the group view, for the web: the organizations of the group whose name
 * sorts after `after` (NULL or "" for the first page), at most limit (1 ..
 * OPS_GROUP_PAGE_MAX) of them, by name, with their cells and roll-ups, and m->n_total,
 * m->first and m->next_after set; the columns and the spread of every service are still
 * the WHOLE group's, read as counted scores (store_group_scores) rather than as entries, so
 * a page loads only its own organizations' portfolios. Frameworks whose services take
 * figures from their parts, or that have components without sides, build the whole model
 * and keep the page. Errors as ops_group_model. */
#define OPS_GROUP_PAGE_MAX 500
int ops_group_page(struct store *st, const char *org, const char *fw_id, enum group_by by,
		   const char *after, size_t limit, struct group_model *m, struct err *e);

/* The kept figures of every group against its subtree's entries (store_group_counts_check):
 * *diff NULL when they match, else a new text of the first differences; rebuild makes the
 * differing ones again. */
int ops_group_check(struct store *st, int rebuild, size_t *groups, char **diff, struct err *e);

/* Does organization org_id have subsidiaries (the group view has something to show)? */
int ops_group_has_children(struct store *st, long long org_id, int *out, struct err *e);

/* The frameworks the portfolios of org_id's subtree use (the group views it has), each
 * once, sorted: *out a new array of n new strings (ops_group_frameworks_free). */
int ops_group_frameworks(struct store *st, long long org_id, char ***out, size_t *n, struct err *e);
void ops_group_frameworks_free(char **list, size_t n);

#endif
