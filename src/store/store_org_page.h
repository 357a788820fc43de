/*
 * store_org_page.h - the organizations a user can see, one page at a time.
 *
 * Lists that grow with the number of organizations (the dashboard, /orgs,
 * GET /api/v1/orgs) read one page in SQL: a site administrator sees every
 * organization, anyone else the ones they are a member of (a join on the
 * memberships' primary key), in name order, after a keyset cursor (the last
 * name of the page before), so a page costs the same at ten organizations and
 * at a hundred thousand.
 */
#ifndef CDCF_STORE_ORG_PAGE_H
#define CDCF_STORE_ORG_PAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "store/store.h"
#include "util/err.h"

#define ORG_PAGE_MAX 500 /* the most rows one page may ask for */

struct org_page_query {
	long long user_id; /* whose memberships; ignored when all */
	bool all;	   /* a site administrator: every organization */
	const char *after; /* name of the last row of the page before; NULL or "": from the first */
	const char *prefix; /* only names that start with it; NULL or "": every name */
	size_t offset;	    /* rows to skip after the cursor (page numbers of the API) */
	size_t limit;	    /* rows wanted, 1..ORG_PAGE_MAX */
};

struct org_row {
	struct org org;
	int role; /* enum role of the member; -1 for a site administrator */
};

struct org_page {
	struct org_row *rows;
	size_t n;
	long long total; /* the organizations the user can see, all pages */
	bool more;	 /* rows follow this page */
};

int store_org_page(struct store *st, const struct org_page_query *q, struct org_page *out,
		   struct err *e);
void org_page_release(struct org_page *p);

#endif
