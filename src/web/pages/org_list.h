/*
 * org_list.h - the organizations a signed-in user sees, one page at a time,
 * for the pages whose length grows with the number of organizations (the
 * dashboard, /orgs): the page after ?after=NAME, names starting with ?q=,
 * the search form and the pager. The rows come from store_org_page.
 */
#ifndef CDCF_WEB_ORG_LIST_H
#define CDCF_WEB_ORG_LIST_H

#include "store/store_org_page.h"
#include "web/http/http.h"

#define ORG_LIST_QUERY_MAX 200 /* longest ?q= and ?after= taken, in bytes */

struct org_list {
	struct org_page page;
	const char *after;  /* the cursor read from the request, or NULL */
	const char *prefix; /* the name filter read from the request, or NULL */
};

/* One page of limit rows for the request's user; e set on failure. Release with org_list_release.
 */
int org_list_read(struct http_req *req, size_t limit, struct org_list *l, struct err *e);
void org_list_release(struct org_list *l);

/* The GET search form on path ("/", "/orgs"), filled with the current filter. */
int org_list_search(struct http_req *req, struct buf *b, const char *path,
		    const struct org_list *l);

/* The count and the links to the first and the next page of path. */
int org_list_pager(struct http_req *req, struct buf *b, const char *path, const struct org_list *l);

#endif
