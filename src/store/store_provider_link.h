/*
 * store_provider_link.h - a client's provider linked to the provider's own
 * organization in cdcf (table provider_links, migration 13), and what the
 * provider organization then sees: the services its clients outsource to it
 * and the outsourced side of their scores, only while the client shares them.
 *
 * Every read from the provider's side starts at provider_links_org
 * (provider_org_id, shared, client_org_id, provider_id) and reaches the
 * entries through entries_provider: its cost grows with that provider's
 * clients, never with the number of organizations.
 */
#ifndef CDCF_STORE_PROVIDER_LINK_H
#define CDCF_STORE_PROVIDER_LINK_H

#include <stdbool.h>
#include <stddef.h>

#include "store/store.h"
#include "util/err.h"

#define PROVIDER_PAGE_MAX 500 /* the most rows one page of the provider's view may ask for */

/* Link provider provider_id of client_org_id to organization provider_org_id. A new link,
 * or a link moved to another organization, is not shared (the client allows it
 * separately); linking again to the same organization changes nothing. Audit
 * "provider.link". ERR_INVALID when provider_org_id is client_org_id. */
int store_provider_link(struct store *st, long long client_org_id, long long provider_id,
			long long provider_org_id, struct err *e);

/* Remove the link of provider_id (ERR_NOT_FOUND when it has none). Audit "provider.unlink". */
int store_provider_unlink(struct store *st, long long client_org_id, long long provider_id,
			  struct err *e);

/* Share (on) or stop sharing the link of provider_id (ERR_NOT_FOUND when it has none);
 * setting the value it has changes nothing. Audit "provider.share" / "provider.unshare". */
int store_provider_share(struct store *st, long long client_org_id, long long provider_id, bool on,
			 struct err *e);

/* One provider of a client with its link (linked_org NULL when not linked). */
struct provider_link_row {
	char *provider;	  /* the client's name for it */
	char *linked_org; /* the organization it is linked to, or NULL */
	long long linked_org_id;
	bool shared;
};

/* Every provider of client_org_id by name, with its link: a new array (*n rows). */
int store_provider_links(struct store *st, long long client_org_id, struct provider_link_row **out,
			 size_t *n, struct err *e);
void provider_link_rows_free(struct provider_link_row *rows, size_t n);

/* The keyset position of a row of the provider's view: rows are in the order of
 * (client organization id, provider id, entry id). All zero: before the first row. */
struct provider_cursor {
	long long client_id, provider_id, entry_id;
};

/* One outsourced service of a client, as its provider sees it. */
struct provider_client_row {
	struct provider_cursor at;
	char *client;			       /* the client organization */
	char *provider;			       /* the client's name for the provider */
	char *framework_id;		       /* the portfolio's framework */
	char *ref_id;			       /* the service */
	char *custom_name_en, *custom_name_ja; /* a custom service's names, else NULL */
	char *level;			       /* recommendation level (stored name) */
	char *assignment;		       /* "outsource" or "hybrid" */
	int out_current, out_target;	       /* SCORE_NONE, SCORE_NA or the score */
	char *note;			       /* NULL when none */
};

struct provider_client_page {
	struct provider_client_row *rows;
	size_t n;
	long long total;	 /* rows of every page */
	long long total_clients; /* client organizations sharing with it */
	bool more;		 /* rows follow this page */
};

/* The page of limit (1..PROVIDER_PAGE_MAX) rows after `after` (NULL: from the first), and
 * after skipping offset more rows (the page numbers of the API; 0 for a keyset page), of
 * the services outsourced or hybrid to a provider linked to provider_org_id by a client
 * that shares it; nothing else of the client is read. */
int store_provider_clients(struct store *st, long long provider_org_id,
			   const struct provider_cursor *after, size_t offset, size_t limit,
			   struct provider_client_page *out, struct err *e);
void provider_client_page_release(struct provider_client_page *p);

/* Does some client share a linked provider with org_id? One indexed lookup. */
int store_provider_has_clients(struct store *st, long long org_id, bool *out, struct err *e);

#endif
