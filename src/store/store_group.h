/*
 * store_group.h - the reads of the group view: an organization's subtree
 * (organizations.parent_id, any depth) and every entry of the subtree's
 * portfolios for one framework, each in ONE recursive query through the
 * index organizations_parent, so a group of a thousand subsidiaries costs
 * two statements, not a thousand portfolio loads. Portable SQL (WITH
 * RECURSIVE: SQLite and PostgreSQL).
 */
#ifndef CDCF_STORE_GROUP_H
#define CDCF_STORE_GROUP_H

#include "core/portfolio.h"
#include "store/store.h"
#include "util/err.h"

/* One organization of a subtree. */
struct store_group_org {
	long long id;
	long long parent_id; /* 0 for the subtree's root */
	char *name;
	int depth;	   /* 0 for the root, 1 for its children, ... */
	char *parent_name; /* set by store_group_orgs_page only: NULL for the root */
};

/* One page of a subtree, in the order of the organizations' names (keyset: the names
 * after `after`, "" for the first page; at most limit of them). */
struct store_group_page {
	const char *after;
	size_t limit;
};

/* The organizations of root_id's subtree, the root first, then by depth and name.
 * *out is a new array (store_group_orgs_free). A cycle in parent_id (never stored:
 * store_org_set_parent refuses it) would stop at STORE_GROUP_DEPTH_MAX (64, in the query). */
#define STORE_GROUP_DEPTH_MAX 64
int store_group_orgs(struct store *st, long long root_id, struct store_group_org **out, size_t *n,
		     struct err *e);
void store_group_orgs_free(struct store_group_org *list, size_t n);

/* The page pg of root_id's subtree, by name, with each parent's name: as store_group_orgs. */
int store_group_orgs_page(struct store *st, long long root_id, const struct store_group_page *pg,
			  struct store_group_org **out, size_t *n, struct err *e);

/* How many organizations root_id's subtree has (*total, the root included), and how many of
 * them have a name that sorts at or before `after` (*before: the page's first is *before + 1). */
int store_group_count(struct store *st, long long root_id, const char *after, size_t *total,
		      size_t *before, struct err *e);

/* Called for each entry of a portfolio of framework_id held by an organization of
 * root_id's subtree (in no particular order); en is the caller's to keep (zero it
 * after taking it) or release. Returns 0 to go on, an error to stop. */
typedef int (*store_group_entry_fn)(void *ctx, long long org_id, struct entry *en, struct err *e);
int store_group_entries(struct store *st, long long root_id, const char *framework_id,
			store_group_entry_fn fn, void *ctx, struct err *e);
/* The same for the organizations of page pg only (store_group_orgs_page). */
int store_group_page_entries(struct store *st, long long root_id, const char *framework_id,
			     const struct store_group_page *pg, store_group_entry_fn fn, void *ctx,
			     struct err *e);

/* The scores of the whole subtree's entries of framework_id, counted: fn(ctx, en, count) once
 * for each distinct (ref, level, assignment, scores, custom) with how many entries have it;
 * en holds only those fields (the caller binds it to the framework) and is released after
 * fn returns. One read of the subtree's entries (the index's order, no sort), counted in a
 * small table: a group of any size gives at most a few tuples per service. */
typedef int (*store_group_score_fn)(void *ctx, struct entry *en, long long count, struct err *e);
int store_group_scores(struct store *st, long long root_id, const char *framework_id,
		       store_group_score_fn fn, void *ctx, struct err *e);

/* The ids of the organizations of the subtree that hold a portfolio of framework_id:
 * fn(ctx, org_id) for each. */
typedef int (*store_group_portfolio_fn)(void *ctx, long long org_id, long long portfolio_id);
int store_group_portfolios(struct store *st, long long root_id, const char *framework_id,
			   store_group_portfolio_fn fn, void *ctx, struct err *e);
/* The same for the organizations of page pg only. */
int store_group_page_portfolios(struct store *st, long long root_id, const char *framework_id,
				const struct store_group_page *pg, store_group_portfolio_fn fn,
				void *ctx, struct err *e);

/* The frameworks of the portfolios of root_id's subtree, each once, sorted: a new
 * array of new strings (*n of them; free each and the array). */
int store_group_frameworks(struct store *st, long long root_id, char ***out, size_t *n,
			   struct err *e);

/* The kept figures of the group view (table group_counts: per organization with a child,
 * its subtree's entries counted by framework and score tuple, kept as entries and the tree
 * change) against the entries counted from scratch (*groups: how many organizations have a
 * child): *diff NULL when they match, else a new
 * text naming the first differences (one line each). With rebuild, different figures are
 * made again from the entries. One transaction. */
int store_group_counts_check(struct store *st, int rebuild, size_t *groups, char **diff,
			     struct err *e);

/* Does org_id have at least one child organization? One indexed lookup, however many. */
int store_group_has_children(struct store *st, long long org_id, int *out, struct err *e);

#endif
