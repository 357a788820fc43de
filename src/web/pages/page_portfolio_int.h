/*
 * page_portfolio_int.h - what the parts of the portfolio page share:
 * page_portfolio.c (the cards, GET), page_portfolio_filter.c (the filter,
 * its form and its query) and page_portfolio_save.c (POST); not for other
 * modules.
 *
 * The card form is the protocol between them: page_portfolio.c writes each
 * card's fields ("<name>:<ref>", with the "was_" values it showed and the
 * digests of the note and the evidence), page_portfolio_save.c reads them
 * back through the same helpers.
 */
#ifndef CDCF_WEB_PAGE_PORTFOLIO_INT_H
#define CDCF_WEB_PAGE_PORTFOLIO_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/portfolio.h"
#include "util/buf.h"

struct build_fail;
struct build_page;
struct http_req;
struct http_resp;

#define PF_FILTER_VALUE_MAX 200 /* bytes of one filter value that are used */
#define PF_FILTER_URL_MAX 1024

/* What the page shows: every filter NULL / 0 shows every selected service. */
struct pf_filter {
	const char *cat;	/* category ref (entry_category) */
	const char *assignment; /* assignment name */
	const char *team;	/* team name */
	int todo;		/* only services not fully scored (entry_assessed) */
};

/* ---- the filter (page_portfolio_filter.c) ---- */

/* Read a filter from the query (GET) or the form's f_* fields (POST); empty,
 * over-long values and unknown assignments are dropped. Strings are borrowed. */
void pf_filter_from(struct pf_filter *f, const char *cat, const char *todo, const char *assignment,
		    const char *team);

/* Does f hide anything? */
bool pf_filter_active(const struct pf_filter *f);

/* Is the selected entry en in the view f? (Never for a service not required.) */
bool pf_entry_matches(const struct build_page *bp, const struct entry *en,
		      const struct pf_filter *f);

/* lead (may be NULL) followed by "&cat=..&todo=1&assignment=..&team=..", to
 * come back to the same view; per-request memory, NULL when too long. */
const char *pf_filter_query(struct http_req *req, const struct pf_filter *f, const char *lead);

/* "A Category name" of a category ref, or the no-category text; into out. */
const char *pf_category_title(const struct build_page *bp, const char *cat, char *out, size_t size);

/* The GET form choosing the view, submitting to action. */
int pf_filter_form(struct buf *b, const struct build_page *bp, const struct pf_filter *f,
		   const char *action);

/* ---- the card form (page_portfolio.c) ---- */

/* Field names of the current and target score of each side. */
extern const char *const pf_cur_field[SIDE_COUNT];
extern const char *const pf_tgt_field[SIDE_COUNT];

/* May the viewer change en's scores, note and evidence (ops_may_score)? */
bool pf_may_score(const struct build_page *bp, const struct entry *en);

/* Does the page offer this side of the entry? */
bool pf_offers_side(const struct entry *en, enum side s);

/* May the viewer change side s of en (ops_may_score_side)? */
bool pf_may_score_side(const struct build_page *bp, const struct entry *en, enum side s);

/* The submitted form field "<name>:<ref>", or NULL. */
const char *pf_field(struct http_req *req, const char *name, const char *ref);

/* The option value of a stored score: "" (not assessed), "n/a" or the number. */
const char *pf_score_value(char *out, size_t size, int score);

/* Text from a textarea: CR LF and CR become LF; for evidence (links set),
 * blank lines and spaces around each link are dropped too. Per-request memory. */
char *pf_normalise(struct http_req *req, const char *s, int links);

/* A digest of a text as the form shows it (normalised), as 16 hex digits:
 * not a security measure, only "is this the text the form showed?". */
const char *pf_digest(struct http_req *req, const char *text, int links);

/* The whole page; fail is NULL for a plain GET, else the refused save to show. */
int pf_render(struct http_req *req, struct http_resp *resp, struct build_page *bp,
	      const struct pf_filter *f, const struct build_fail *fail);

#endif
