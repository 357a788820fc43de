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
	int depth; /* 0 for the root, 1 for its children, ... */
};

/* The organizations of root_id's subtree, the root first, then by depth and name.
 * *out is a new array (store_group_orgs_free). A cycle in parent_id (never stored:
 * store_org_set_parent refuses it) would stop at STORE_GROUP_DEPTH_MAX (64, in the query). */
#define STORE_GROUP_DEPTH_MAX 64
int store_group_orgs(struct store *st, long long root_id, struct store_group_org **out, size_t *n,
		     struct err *e);
void store_group_orgs_free(struct store_group_org *list, size_t n);

/* Called for each entry of a portfolio of framework_id held by an organization of
 * root_id's subtree (in no particular order); en is the caller's to keep (zero it
 * after taking it) or release. Returns 0 to go on, an error to stop. */
typedef int (*store_group_entry_fn)(void *ctx, long long org_id, struct entry *en, struct err *e);
int store_group_entries(struct store *st, long long root_id, const char *framework_id,
			store_group_entry_fn fn, void *ctx, struct err *e);

/* The ids of the organizations of the subtree that hold a portfolio of framework_id:
 * fn(ctx, org_id) for each. */
typedef int (*store_group_portfolio_fn)(void *ctx, long long org_id, long long portfolio_id);
int store_group_portfolios(struct store *st, long long root_id, const char *framework_id,
			   store_group_portfolio_fn fn, void *ctx, struct err *e);

/* The frameworks of the portfolios of root_id's subtree, each once, sorted: a new
 * array of new strings (*n of them; free each and the array). */
int store_group_frameworks(struct store *st, long long root_id, char ***out, size_t *n,
			   struct err *e);

/* Does org_id have at least one child organization? One indexed lookup, however many. */
int store_group_has_children(struct store *st, long long org_id, int *out, struct err *e);

#endif
