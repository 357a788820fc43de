/*
 * page_group.h - the group view's pages (page_group.c) and the links to them.
 */
#ifndef CDCF_WEB_PAGE_GROUP_H
#define CDCF_WEB_PAGE_GROUP_H

#include "util/buf.h"
#include "web/webctx.h"

/* GET /o/{org}/group/{fw}[?by=gap] and GET /o/{org}/group/{fw}/download/{format}[?by=gap]. */
int page_group(struct http_req *req, struct http_resp *resp);
int page_group_download(struct http_req *req, struct http_resp *resp);

/* On the organization page: a link to the group view for each framework of the
 * subtree's portfolios, when o has subsidiaries; nothing otherwise. */
int page_group_org_links(struct http_req *req, struct buf *b, const struct web_org *o);
/* In the portfolio's tabs: one <li> linking the group view of fw_id, when o has
 * subsidiaries. */
int page_group_tab(struct http_req *req, struct buf *b, const struct web_org *o, const char *fw_id);

#endif
