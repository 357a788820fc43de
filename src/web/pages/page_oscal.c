/*
 * page_oscal.c - a portfolio as OSCAL assessment results or a POA&M, as a
 * download (see page_oscal.h and io/oscal.h).
 */
#include "web/pages/page_oscal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/oscal.h"
#include "store/store.h"
#include "web/pages/build_pages.h"

int page_oscal(struct http_req *req, struct http_resp *resp)
{
	const char *kind = http_req_param(req, "kind");
	struct build_page *bp;
	struct err e = ERR_INIT;
	json_t *doc = NULL;
	char now[32], disp[160];
	int rc, poam;

	rc = build_open(req, ROLE_VIEWER, &bp);
	if (rc)
		return rc;
	if (!kind || (strcmp(kind, "assessment-results") && strcmp(kind, "poam")))
		return http_failf(req, ERR_NOT_FOUND, "kind", MSG_WEB_E_OSCAL_KIND,
				  kind ? kind : "");
	poam = !strcmp(kind, "poam");
	store_now(now);
	rc = oscal_portfolio_export(bp->st, &bp->p, poam, now, &doc, &e);
	if (rc)
		return http_fail(req, &e);
	rc = http_resp_json(resp, 200, doc);
	json_decref(doc);
	/* the framework id is an ASCII token (catalog.c valid_id); the organization's name is
	 * left out of the file name rather than encoded */
	snprintf(disp, sizeof(disp), "attachment; filename=\"cdcf-oscal-%s-%s-cycle%d.json\"",
		 poam ? "poam" : "ar", bp->fw_id, bp->p.cycle);
	if (!rc)
		rc = http_resp_header(resp, "Content-Disposition", disp);
	if (!rc)
		rc = http_resp_header(resp, "Cache-Control", "private, no-store");
	return rc;
}
