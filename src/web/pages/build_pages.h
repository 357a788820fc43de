/*
 * build_pages.h - the pages of X.1060's build process and the report:
 *
 *   /o/{org}/p/{fw}/catalogue          1. services and recommendation levels
 *   /o/{org}/p/{fw}/profile            2. assignments and the procurement quadrant
 *   /o/{org}/p/{fw}/portfolio          3. current and target scores with the rubric
 *   /o/{org}/p/{fw}/report             portfolio table, gaps, charts, downloads
 *   /o/{org}/p/{fw}/download/{format}  the report as text, md, csv, json, html
 *
 * Every page is server-rendered and works without JavaScript. GET needs the
 * viewer role; the catalogue and profile forms need editor, scoring needs
 * assessor (and ops_may_score for the entry). Every form POSTs with the CSRF
 * field (checked before the handler runs).
 *
 * Catalogue, profile and portfolio are each ONE form with one Save button:
 * every row carries the entry's version ("version:<ref>") and the values it
 * showed ("was...:<ref>"), only the rows whose values changed are applied,
 * all in one transaction. Nothing is applied when any row fails: a row
 * someone else changed in the meantime answers 409 (current values shown,
 * the user's other edits kept), bad input 400 naming the service, a row the
 * user may not change 403. Success answers 303 back to the page with
 * ?done=saved&n=<rows> at the first changed row (#s-<ref>). The pages only
 * read the form: the rows are one ops_rows_save (or ops_preset_apply), which
 * checks and applies them, and each refused row's error (its field names the
 * row and the input) becomes the row's message.
 *
 * The routes are in web_routes[] (routes.c); what the pages share is in
 * build_page.c (declared below), their forms and notices in kit.h.
 */
#ifndef CDCF_WEB_BUILD_PAGES_H
#define CDCF_WEB_BUILD_PAGES_H

#include <stddef.h>

#include "core/portfolio.h"
#include "i18n/i18n.h"
#include "ops/ops.h"
#include "store/store.h"
#include "util/err.h"
#include "web/http/http.h"
#include "web/webctx.h"

/* page_catalogue.c */
int page_catalogue(struct http_req *req, struct http_resp *resp);
int page_catalogue_post(struct http_req *req, struct http_resp *resp);
/* page_profile.c, page_profile_save.c */
int page_profile(struct http_req *req, struct http_resp *resp);
int page_profile_post(struct http_req *req, struct http_resp *resp);
/* page_quadrant.c: the organization's own quadrant positions, reached from the profile */
int page_quadrant(struct http_req *req, struct http_resp *resp);
int page_quadrant_post(struct http_req *req, struct http_resp *resp);
/* page_portfolio.c (+ _filter.c), page_portfolio_save.c */
int page_portfolio(struct http_req *req, struct http_resp *resp);
int page_portfolio_post(struct http_req *req, struct http_resp *resp);
/* page_report.c */
int page_report(struct http_req *req, struct http_resp *resp);
int page_download(struct http_req *req, struct http_resp *resp);
/* page_coverage.c */
int page_coverage(struct http_req *req, struct http_resp *resp);
/* page_import.c: /o/{org}/p/{fw}/import, a workbook or CSV uploaded, checked, applied */
int page_import(struct http_req *req, struct http_resp *resp);
int page_import_post(struct http_req *req, struct http_resp *resp);

/* ---- shared by the build pages (build_page.c) ---- */

/* One request's view of a portfolio: per-request memory, the portfolio is
 * released when the request ends. */
struct build_page {
	struct web_org o;
	const char *fw_id; /* the {fw} path parameter, a known framework */
	const struct framework *fw;
	struct store *st;
	struct ops_actor who; /* the signed-in user, as ops_* takes them */
	struct portfolio p;   /* loaded with ops_load: catalogue order */
	enum lang lang;
	const char *lc; /* "en" / "ja" for the core name functions */
};

/*
 * Resolve {org} with at least min_role and {fw}, and load the portfolio.
 * Returns 0 with *out set, or fails (http_fail): ERR_NOT_FOUND for an
 * unknown organization, framework or portfolio, ERR_DENIED for too small a
 * role, the store's error otherwise.
 */
int build_open(struct http_req *req, enum role min_role, struct build_page **out);

/* Load the portfolio again (after a change was rolled back). */
int build_reload(struct build_page *bp, struct err *e);

/* "/o/<org>/p/<fw>/<rest>" in per-request memory; NULL when it cannot be built. */
const char *build_url(struct http_req *req, const struct build_page *bp, const char *rest);

/*
 * 303 to page (a tab name: "catalogue", ...) with "?done=<done>" and extra
 * (already encoded "&a=b" pairs, may be NULL), and "#s-<ref>" when ref is set.
 */
int build_redirect(struct http_resp *resp, const struct build_page *bp, const char *page,
		   const char *done, const char *extra, const char *ref);

/* prefix followed by ref in per-request memory ("was:", "A-1" -> "was:A-1"). */
const char *build_anchor(struct http_req *req, const char *prefix, const char *ref);

/* Do a and b hold the same text? NULL counts as "". */
int build_same(const char *a, const char *b);

/* ---- a bulk save that was refused ---- */

#define BUILD_ROW_ERRORS_MAX 200 /* rows named in one refusal; the rest are counted */

/* One row of a bulk form that cannot be saved. */
struct build_row_error {
	const char *ref;
	int status;	    /* 400, 403, 409 or 413 */
	const char *text;   /* localised: what is wrong with the row */
	const char *detail; /* the refusal's own message in lang, or NULL */
	const char *lang;   /* "en" / "ja": the request's */
};

/* Every row a bulk save refused; per-request memory. */
struct build_fail {
	struct build_row_error *rows;
	size_t n, more; /* more: rows past BUILD_ROW_ERRORS_MAX, not kept */
	int status;	/* the answer: 403 over 409 over 413 over 400; 0 while empty */
};

/* Record a refused row (text and detail are copied into per-request memory). */
void build_fail_add(struct http_req *req, struct build_fail *f, int status, const char *ref,
		    const char *text, const char *detail);
/* build_fail_add with a message from the tables, optionally followed by
 * ": extra" (a value the user typed). */
void build_refuse(struct http_req *req, struct build_fail *f, const struct build_page *bp,
		  int status, const char *ref, enum msg_id text, const char *extra,
		  const char *detail);

/* build_refuse with the status (kit_form_status) and the detail of an ops
 * refusal e, the detail in the page's language. */
void build_refuse_err(struct http_req *req, struct build_fail *f, const struct build_page *bp,
		      const char *ref, enum msg_id text, const char *extra, const struct err *e);

/* The version a changed row of a bulk form sends back (ver, its hidden field)
 * into *version: 0, or -1 with the row refused in f when the field is missing
 * or holds no version (the form is incomplete: the row cannot be saved). */
int build_row_version(struct http_req *req, struct build_fail *f, const struct build_page *bp,
		      const char *ref, const char *ver, long long *version);

/* The input an ops_rows_save refusal is about: e->field "entries[3].insource.current"
 * gives "insource.current" and *row 3, "entries[3]" gives "" (the row as a whole); a
 * field of another shape is returned whole with *row (size_t)-1. */
const char *build_row_input(const struct err *e, size_t *row);

/* Records in f, in the page's words (build_refuse_err), a row that ops_rows_save
 * refused with e; bp->p is what is stored now, ctx the page's own. */
typedef void build_refuse_fn(struct http_req *req, const struct build_page *bp, const void *ctx,
			     struct build_fail *f, const struct ops_row *row, const struct err *e);

/* What a bulk save applied. */
struct build_saved {
	size_t n;	   /* rows saved */
	const char *first; /* the first saved row's ref, NULL when none */
	int advice;	   /* ops_rows's advisory, OPS_NO_ADVICE when none */
};

/*
 * The save of a bulk form: the changed rows v[0..n) a page collected, f
 * holding those it refused itself, in one ops_rows_save. Returns 0: with
 * *saved set, or with f filled when the save was refused (nothing applied;
 * bp->p reloaded; refuse called for each row ops refused, and a refusal that
 * names no row is the whole form's); < 0 on a failure that is not the
 * user's (e set).
 */
int build_rows_save(struct http_req *req, struct build_page *bp, struct build_fail *f,
		    const struct ops_row *v, size_t n, build_refuse_fn *refuse, const void *ctx,
		    struct build_saved *saved, struct err *e);

/* The refusal of ref, or NULL. */
const struct build_row_error *build_fail_row(const struct build_fail *f, const char *ref);

/* At the top of the page: the lead for f->status ("nothing was saved") and a
 * list of the refused rows, each naming its service and linking to its row. */
int build_fail_notice(struct buf *b, const struct build_page *bp, const struct build_fail *f);

/* Next to a refused row: the text (id="err-<ref>", for aria-describedby) and
 * the refusal's own message, in the page's language, as a secondary line. */
int build_row_error_html(struct buf *b, const struct build_row_error *r);

/* "A-1 Risk management" of a ref in p, named in the request's language (the
 * ref alone when p does not hold it or it has no name); per-request memory. */
const char *build_service_title(struct http_req *req, const struct portfolio *p, const char *ref);

/* <span class="badge level-NAME">Level</span>; "Not selected" for level < 0. */
int build_level_badge(struct buf *b, enum lang lang, int level);

/* "In-house (SOC)", "Outsourced (Z-MSSP)", "Hybrid (SOC / Z-MSSP)", "Unassigned",
 * escaped into b. */
int build_assignment(struct buf *b, enum lang lang, const struct entry *en);

/* "1 — criterion" for a rubric point, "n/a — ..." for SCORE_NA, the
 * not-assessed text for SCORE_NONE; plain text into out (may be cut). */
void build_score_label(char *out, size_t size, const struct rubric *r, int score, enum lang lang);

#endif
