/*
 * page_profile_int.h - what the parts of the profile page share:
 * page_profile.c (the assignments table and the quadrant, GET) and
 * page_profile_save.c (POST); not for other modules.
 */
#ifndef CDCF_WEB_PAGE_PROFILE_INT_H
#define CDCF_WEB_PAGE_PROFILE_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "store/store.h"

struct build_fail;
struct build_page;
struct err;
struct http_req;
struct http_resp;

/* The organization's teams and providers, the choices of every row. */
struct prof_parties {
	struct party *teams, *providers;
	size_t n_teams, n_providers;
};

/* Load the parties of bp's organization into per-request memory (freed when
 * the request ends, also on failure). */
int prof_parties_load(struct http_req *req, const struct build_page *bp, struct prof_parties **out,
		      struct err *e);

/* Is name one of the n parties of list? */
bool prof_party_known(const struct party *list, size_t n, const char *name);

/* The submitted form field "<prefix><ref>" (prefix ends with ':'), or NULL. */
const char *prof_field(struct http_req *req, const char *prefix, const char *ref);

/* The whole page; fail is NULL for a plain GET, else the refused save to show. */
int prof_render(struct http_req *req, struct http_resp *resp, struct build_page *bp,
		const struct prof_parties *ps, const struct build_fail *fail);

#endif
