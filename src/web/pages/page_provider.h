/*
 * page_provider.h - the provider's view on the web (page_provider.c): on the
 * client's settings, a form per provider to link it to the provider's
 * organization and to share with it or stop; on the provider organization's
 * side, /o/{org}/clients, the services its sharing clients outsource to it.
 */
#ifndef CDCF_WEB_PAGE_PROVIDER_H
#define CDCF_WEB_PAGE_PROVIDER_H

#include "store/store.h"
#include "util/buf.h"
#include "util/err.h"
#include "web/webctx.h"

/* POST /o/{org}/settings/providers/{provider}/link (field organization: a name),
 * .../unlink and .../share (field share: on or off). Administrators of org. */
int page_settings_provider_link(struct http_req *req, struct http_resp *resp);
int page_settings_provider_unlink(struct http_req *req, struct http_resp *resp);
int page_settings_provider_share(struct http_req *req, struct http_resp *resp);

/* GET /o/{org}/clients[?after=CURSOR] and GET /o/{org}/clients/csv: any member of org. */
int page_org_clients(struct http_req *req, struct http_resp *resp);
int page_org_clients_csv(struct http_req *req, struct http_resp *resp);

/* On the settings page: each provider of o with its link; for administrators the forms. */
int page_provider_links_section(struct http_req *req, struct buf *b, struct store *st,
				const struct web_org *o);

/* On the organization page: a link to /o/{org}/clients when some client shares with o. */
int page_provider_org_link(struct http_req *req, struct buf *b, const struct web_org *o);

/* The settings shown again after ops refused e (page_settings.c). */
int page_settings_show_refused(struct http_req *req, struct http_resp *resp,
			       const struct web_org *o, const struct err *e);

#endif
