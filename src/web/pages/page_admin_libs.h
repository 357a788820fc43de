/*
 * page_admin_libs.h - the site administrators' pages of frameworks and
 * mapping sets (page_admin_libs.c), and what they share with /admin/users
 * (page_admin.c).
 */
#ifndef CDCF_PAGE_ADMIN_LIBS_H
#define CDCF_PAGE_ADMIN_LIBS_H

#include "util/buf.h"
#include "web/http/http.h"

/* 0 for a site administrator; fails with ERR_DENIED (403) for anybody else. */
int page_site_admin_only(struct http_req *req);

/* The tabs of the administration pages; current: 0 users, 1 frameworks, 2 mappings. */
enum admin_tab { ADMIN_TAB_USERS, ADMIN_TAB_FRAMEWORKS, ADMIN_TAB_MAPPINGS, ADMIN_TAB_COUNT };
int page_admin_tabs(struct http_req *req, struct buf *b, enum admin_tab current);

int page_admin_frameworks(struct http_req *req, struct http_resp *resp); /* GET /admin/frameworks */
int page_admin_frameworks_post(struct http_req *req, struct http_resp *resp); /* POST: upload */
int page_admin_mappings(struct http_req *req, struct http_resp *resp); /* GET /admin/mappings */
int page_admin_mappings_post(struct http_req *req, struct http_resp *resp); /* POST: upload */

#endif
