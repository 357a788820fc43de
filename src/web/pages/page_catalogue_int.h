/*
 * page_catalogue_int.h - what the parts of the catalogue page share:
 * page_catalogue.c (the table, GET), page_catalogue_add.c (presets and
 * custom service forms) and page_catalogue_post.c (POST); not for other
 * modules.
 */
#ifndef CDCF_WEB_PAGE_CATALOGUE_INT_H
#define CDCF_WEB_PAGE_CATALOGUE_INT_H

#include "i18n/i18n.h"
#include "util/buf.h"

struct build_page;
struct http_req;
struct http_resp;

#define CAT_QUERY_MAX 200 /* bytes of a search text that are used */
#define CAT_FILTER_URL_MAX 1024

struct cat_filter {
	const char *q;	   /* search text, NULL for none */
	const char *level; /* level name, "none" (not selected), NULL for all */
	int provisional;   /* only provisional services */
};

/* What a failed POST re-renders with. */
struct cat_state {
	const char *form; /* "levels", "custom", "preset", "remove" */
	int status;
	const char *message;
	int keep; /* show the submitted values in that form */
};

/* Read a filter from the query (GET) or the form's f_* fields (POST); unknown
 * levels and over-long search texts are dropped. Strings are borrowed. */
void cat_filter_from(struct cat_filter *f, const char *q, const char *level, const char *status);

/* The whole page; st is NULL for a plain GET, else the failed POST to show. */
int cat_render(struct http_req *req, struct http_resp *resp, struct build_page *bp,
	       const struct cat_filter *f, const struct cat_state *st);

/* The level options, most to least demanding then Not required; "not selected"
 * first only when allow_none. selected is a level name, "" or NULL. */
int cat_level_options(struct buf *b, enum lang lang, const char *selected, int allow_none,
		      int sideless);

/* The starter presets (nothing when the framework has none), each a form
 * posting action=preset to action. */
int cat_presets_section(struct http_req *req, struct buf *b, const struct build_page *bp,
			const char *action, const struct cat_state *st);

/* The form adding a custom service (action=custom). */
int cat_custom_form(struct http_req *req, struct buf *b, const struct build_page *bp,
		    const char *action, const struct cat_state *st);

/* page_catalogue_remove.c: the form taking a service out of the catalogue
 * (action=remove; editors, a catalogue with services), and its POST. */
int cat_remove_form(struct http_req *req, struct buf *b, const struct build_page *bp,
		    const char *action, const struct cat_state *st);
int cat_remove_post(struct http_req *req, struct http_resp *resp, struct build_page *bp,
		    const struct cat_filter *f);

#endif
