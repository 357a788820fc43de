/*
 * page_oscal.h - the OSCAL downloads of a portfolio (page_oscal.c).
 */
#ifndef CDCF_PAGE_OSCAL_H
#define CDCF_PAGE_OSCAL_H

#include "web/http/http.h"

/* GET /o/{org}/p/{fw}/oscal/{kind}: kind "assessment-results" or "poam", the
 * same documents as `cdcf export ORG --format oscal-ar|oscal-poam` (viewer). */
int page_oscal(struct http_req *req, struct http_resp *resp);

#endif
