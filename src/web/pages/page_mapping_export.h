/*
 * page_mapping_export.h - a mapping set as a download (page_mapping_export.c).
 */
#ifndef CDCF_PAGE_MAPPING_EXPORT_H
#define CDCF_PAGE_MAPPING_EXPORT_H

#include "core/mapping.h"
#include "util/buf.h"
#include "web/http/http.h"

/* GET /mappings/{source}/{file}, file "TARGET.yaml": the mapping set from
 * framework source to framework TARGET as the CISO Assistant mapping library
 * `cdcf mapping export SOURCE TARGET` writes (any signed-in user: mappings
 * belong to no organization). 404 naming the two ids when there is none. */
int page_mapping_export(struct http_req *req, struct http_resp *resp);

/* Append the path of m's download ("/mappings/SOURCE/TARGET.yaml", the ids
 * percent-encoded) to b. */
int page_mapping_export_url(struct buf *b, const struct mapping_set *m);

#endif
