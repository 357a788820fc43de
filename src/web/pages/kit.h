/*
 * kit.h - the one kit every page builds its forms and notices with: forms
 * and their fields, notices (ok, warn, error), the confirmation after a
 * POST, redirects, the URLs of organizations and portfolios, dates, and
 * messages with arguments. Everything is written through report/html.h (the
 * escaping writer) into a struct buf whose error is sticky, so a page writes
 * its markup and checks once:
 *
 *   kit_form_begin(req, b, "/o/7/settings/teams", "inline");
 *   kit_input(b, "text", "team-name", "team_name", tr(lang, MSG_TEAM), NULL, 1, NULL);
 *   kit_form_end(b, tr(lang, MSG_WM_ADD), "primary");
 *   return buf_status(b);
 *
 * Every writer returns buf_status(b) after its write (0, or the buffer's
 * first error), so it also reads well in a chain or a return.
 *
 * Markup conventions the kit keeps the same on every page: a boolean
 * attribute is written as name="name" (KIT_BOOL), a notice is
 * <p class="notice KIND" role="status|alert">, a field is
 * <div class="field"><label for=ID>...</label> then the control.
 */
#ifndef CDCF_WEB_KIT_H
#define CDCF_WEB_KIT_H

#include <stddef.h>

#include "i18n/i18n.h"

struct buf;
struct err;
struct http_req;
struct http_resp;

/* A boolean attribute as a name/value pair of html_open and html_elem:
 * `KIT_BOOL("selected", sel)` writes ` selected="selected"` when sel, nothing
 * otherwise (the pair's value is NULL). */
#define KIT_BOOL(name, on) (name), ((on) ? (name) : NULL)

/* ---- forms ---- */

/* <form method="post" action="action" class="cls"> and the CSRF field. */
int kit_form_begin(struct http_req *req, struct buf *b, const char *action, const char *cls);
/* <button type="submit" class="cls">button</button></form> */
int kit_form_end(struct buf *b, const char *button, const char *cls);
/* <input type="hidden" name="name" value="value"> */
int kit_hidden(struct buf *b, const char *name, const char *value);

/* A labelled input: <div class="field"><label for=id>label</label><input ...></div>.
 * hint (may be NULL) is shown under the label and tied with aria-describedby. */
int kit_input(struct buf *b, const char *type, const char *id, const char *name, const char *label,
	      const char *value, int required, const char *hint);

/* A required labelled input of the sign-in and account forms, named as its id,
 * with the browser's autocomplete hint ("username", "current-password",
 * "new-password", "off"): <div class="field"><label>...</label><input ...></div>. */
int kit_credential(struct buf *b, const char *type, const char *id, const char *label,
		   const char *value, const char *autocomplete);

/* A labelled <select>: kit_select_begin, kit_option..., kit_select_end. */
int kit_select_begin(struct buf *b, const char *id, const char *name, const char *label,
		     int required);
/* <option value="value" selected="">text</option>, text escaped. */
int kit_option(struct buf *b, const char *value, const char *text, int selected);
int kit_select_end(struct buf *b);

/*
 * The status of a form shown again after the refusal e: http_status_for_err's
 * (400, 403, 409, 413), except that a name the form sent that does not exist
 * (ERR_NOT_FOUND) is bad input, 400; 0 for a failure of the server (5xx),
 * which the caller fails with http_fail instead of showing the form.
 */
int kit_form_status(const struct err *e);

/* ---- notices ---- */

enum kit_notice {
	KIT_OK,	  /* role="status": something was done */
	KIT_INFO, /* role="status": how the page works for this user */
	KIT_WARN, /* role="status": worth knowing */
	KIT_ERROR /* role="alert": something was refused */
};

/* <p class="notice ok|info|warn" role="status">text</p>, and for KIT_ERROR
 * <div class="notice error" role="alert"><p>text</p></div> (a div, as
 * error notices may list several refusals); nothing for NULL text. */
int kit_notice(struct buf *b, enum kit_notice kind, const char *text);

/* The error notice of a refused change: ONE message, e's in the request's
 * language (err_text), as <div class="notice error" role="alert"><p>...</p>
 * </div>; nothing when e is NULL or holds no error. */
int kit_error_notice(struct http_req *req, struct buf *b, const struct err *e);

/*
 * e in the page's own words where it has some, into out (code and field
 * kept): ERR_CONFLICT as the message conflict, ERR_NOT_FOUND as missing
 * (message ids taking one %s, the subject; -1 for none); any other refusal
 * keeps its own message. For a duplicate name ("A team called "SOC"
 * already exists") said the way the form asked for it.
 */
void kit_reword(struct err *out, const struct err *e, int conflict, int missing,
		const char *subject);

/*
 * The confirmation of ?done=<what> after a successful POST, from one fixed
 * list (nothing for other values, so a crafted link cannot put text on the
 * page); with &n=<rows> the number of changes saved, and &warn=mgmt the
 * warning about an outsourced management-type service.
 */
int kit_done_notice(struct http_req *req, struct buf *b);

/* ---- text ---- */

/* Message id in the request's language with "{1}" and "{2}" replaced by a1 and
 * a2 (NULL: left as they are). Plain text in per-request memory: escape it. */
const char *kit_tr(struct http_req *req, enum msg_id id, const char *a1, const char *a2);

/* ---- redirects and URLs ---- */

/* 303 See Other to url (after a successful POST). */
int kit_see_other(struct http_resp *resp, const char *url);

/* 303 See Other to url + "?done=<done>" (url is a buffer the caller releases). */
int kit_see_other_done(struct http_resp *resp, struct buf *url, const char *done);

/* Append "/o/<org id><rest>" to b (rest may be NULL). */
int kit_org_url(struct buf *b, long long org_id, const char *rest);
/* The same URL in per-request memory; NULL when it cannot be built. */
const char *kit_org_href(struct http_req *req, long long org_id, const char *rest);

/* Append "/o/<org id>/p/<fw id>/<rest>" to b, fw percent-encoded (rest may be
 * NULL or "": no trailing part). */
int kit_portfolio_url(struct buf *b, long long org_id, const char *fw_id, const char *rest);

/* The same URL in per-request memory; NULL when it cannot be built. */
const char *kit_portfolio_href(struct http_req *req, long long org_id, const char *fw_id,
			       const char *rest);

/* ---- dates ---- */

/* The date part ("YYYY-MM-DD") of a stored timestamp, in per-request memory. */
const char *kit_date(struct http_req *req, const char *timestamp);

/* "YYYY-MM-DD HH:MM UTC" of a stored "YYYY-MM-DDTHH:MM:SSZ" timestamp; other
 * forms are returned as they are. Per-request memory. */
const char *kit_datetime(struct http_req *req, const char *timestamp);

/* Today as "YYYY-MM-DD" (honours CDCF_NOW through store_now). */
void kit_today(char out[11]);

#endif
