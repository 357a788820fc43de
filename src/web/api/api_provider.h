/*
 * api_provider.h - the provider's view in the REST API (api_provider.c).
 */
#ifndef CDCF_API_PROVIDER_H
#define CDCF_API_PROVIDER_H

#include "web/http/http.h"

/* GET /api/v1/orgs/{org}/clients?page=&per_page=: the services the clients that share with
 * organization org outsource to it (ops/ops_provider_view.h), any member (viewer). */
int api_org_clients(struct http_req *req, struct http_resp *resp);

#endif
