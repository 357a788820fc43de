/*
 * routes_build.c - the routes of the build pages and the report, and what
 * those pages share: opening a portfolio for a request, URLs, redirects
 * after a form, notices, badges and the texts of assignments and scores.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/level.h"
#include "ops/ops.h"
#include "report/html.h"
#include "web/pages/build_pages.h"
#include "web/pages/manage_pages.h"
#include "web/pages/nav.h"

/* POST routes carry flags 0 like the rest: the before hook checks the CSRF token. */
const struct http_route routes_build[] = {
    {"GET", "/o/{org}/p/{fw}/catalogue", page_catalogue, 0},
    {"POST", "/o/{org}/p/{fw}/catalogue", page_catalogue_post, 0},
    {"GET", "/o/{org}/p/{fw}/profile", page_profile, 0},
    {"POST", "/o/{org}/p/{fw}/profile", page_profile_post, 0},
    {"GET", "/o/{org}/p/{fw}/portfolio", page_portfolio, 0},
    {"POST", "/o/{org}/p/{fw}/portfolio", page_portfolio_post, 0},
    {"GET", "/o/{org}/p/{fw}/report", page_report, 0},
    {"GET", "/o/{org}/p/{fw}/download/{format}", page_download, 0},
};

const size_t routes_build_count = sizeof(routes_build) / sizeof(routes_build[0]);

#define BUILD_URL_MAX 4096 /* one local URL with its query and fragment */

static void release_portfolio(void *arg)
{
	portfolio_release(arg);
}

int build_open(struct http_req *req, struct http_resp *resp, enum role min_role,
	       struct build_page **out)
{
	const struct web_user *u = web_user(req);
	struct err e = ERR_INIT;
	struct build_page *bp;
	char text[ERR_MSG_MAX];
	int rc;

	bp = http_req_alloc(req, sizeof(*bp));
	rc = web_org(req, resp, min_role, &bp->o);
	if (rc)
		return rc;
	bp->who.user_id = u ? u->id : 0;
	bp->who.site_admin = u && u->is_admin;
	bp->who.role = bp->o.role;
	bp->who.team_id = bp->o.team_id;
	bp->fw_id = http_req_param(req, "fw");
	if (!bp->fw_id || ops_framework(bp->fw_id, &bp->fw, &e)) {
		if (e.code && e.code != ERR_NOT_FOUND) {
			web_fail(req, resp, &e);
			return 1;
		}
		http_error(req, resp, 404, NULL,
			   e.code ? err_message(&e, req->lang, text, sizeof(text))
				  : "unknown framework");
		return 1;
	}
	bp->st = web_store(req);
	bp->lang = req->lang;
	bp->lc = lang_code(req->lang);
	portfolio_init(&bp->p);
	http_req_defer(req, release_portfolio, &bp->p);
	rc = ops_load(bp->st, bp->o.name, bp->fw_id, &bp->p, &e);
	if (rc) {
		web_fail(req, resp, &e);
		return 1;
	}
	*out = bp;
	return 0;
}

int build_reload(struct build_page *bp, struct err *e)
{
	portfolio_release(&bp->p);
	portfolio_init(&bp->p);
	return ops_load(bp->st, bp->o.name, bp->fw_id, &bp->p, e);
}

const char *build_url(struct http_req *req, const struct build_page *bp, const char *rest)
{
	struct buf b;
	const char *s = NULL;

	buf_init(&b, BUILD_URL_MAX);
	if (!web_portfolio_url(&b, bp->o.id, bp->fw_id, rest))
		s = http_req_strdup(req, b.data);
	buf_release(&b);
	return s;
}

int build_redirect(struct http_resp *resp, const struct build_page *bp, const char *page,
		   const char *done, const char *extra, const char *ref)
{
	struct buf b;
	int rc;

	buf_init(&b, BUILD_URL_MAX);
	rc = web_portfolio_url(&b, bp->o.id, bp->fw_id, page);
	if (!rc && done) {
		rc = buf_addstr(&b, "?done=");
		if (!rc)
			rc = http_percent_encode(&b, done);
	}
	if (!rc && extra)
		rc = buf_addstr(&b, extra);
	if (!rc && ref && *ref) {
		rc = buf_addstr(&b, "#s-");
		if (!rc)
			rc = http_percent_encode(&b, ref);
	}
	if (!rc)
		rc = http_redirect(resp, 303, b.data);
	buf_release(&b);
	return rc;
}

int build_form_status(int code)
{
	switch (code) {
	case ERR_INVALID:
		return 400;
	case ERR_NOT_FOUND:
		return 400; /* a field named something that does not exist */
	case ERR_CONFLICT:
		return 409;
	case ERR_TOO_LARGE:
		return 413;
	case ERR_DENIED:
		return 403;
	default:
		return 0;
	}
}

const char *build_anchor(struct http_req *req, const char *prefix, const char *ref)
{
	size_t n = strlen(prefix) + strlen(ref) + 1;
	char *s = http_req_alloc(req, n);

	snprintf(s, n, "%s%s", prefix, ref);
	return s;
}

int build_notice(struct buf *b, const char *kind, const char *text)
{
	int error = !strcmp(kind, "error");
	int rc = html_raw(b, "<p class=\"notice ");

	if (!rc)
		rc = html_text(b, kind);
	if (!rc)
		rc = html_raw(b, error ? "\" role=\"alert\">" : "\" role=\"status\">");
	if (!rc)
		rc = html_text(b, text);
	return rc ? rc : html_raw(b, "</p>\n");
}

int build_done_notice(struct http_req *req, struct buf *b)
{
	static const struct {
		const char *done;
		const char *kind;
		enum msg_id text;
	} known[] = {
	    {"levels", "ok", MSG_WEB_BUILD_DONE_LEVELS},
	    {"custom", "ok", MSG_WEB_BUILD_DONE_CUSTOM},
	    {"preset", "ok", MSG_WEB_BUILD_DONE_PRESET},
	    {"saved", "ok", MSG_WEB_BUILD_DONE_SAVED},
	    {"nochange", "ok", MSG_WEB_BUILD_DONE_NOCHANGE},
	};
	const char *done = http_req_query(req, "done"), *n = http_req_query(req, "n");
	const char *warn = http_req_query(req, "warn");
	enum lang lang = req->lang;
	char text[256], *end = NULL;
	long count = n ? strtol(n, &end, 10) : -1;
	size_t i;
	int rc = 0;

	if (!done)
		return 0;
	if (count < 0 || !end || *end || !*n)
		count = -1;
	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		if (strcmp(done, known[i].done))
			continue;
		/* "Saved 3 changes" when the page says how many rows it saved */
		if (count == 1) {
			rc = build_notice(b, "ok", tr(lang, MSG_WEB_BUILD_DONE_SAVED_ONE));
		} else if (count > 1) {
			snprintf(text, sizeof(text), "%ld", count);
			rc = build_notice(b, "ok",
					  mg_tr(req, MSG_WEB_BUILD_DONE_SAVED_N, text, NULL));
		} else {
			rc = build_notice(b, known[i].kind, tr(lang, known[i].text));
		}
		break;
	}
	if (!rc && warn && !strcmp(warn, "mgmt"))
		rc = build_notice(b, "warn", tr(lang, MSG_WEB_BUILD_DONE_WARN_MGMT));
	return rc;
}

static int status_rank(int status)
{
	switch (status) {
	case 403:
		return 4;
	case 409:
		return 3;
	case 413:
		return 2;
	default:
		return 1;
	}
}

void build_fail_add(struct http_req *req, struct build_fail *f, int status, const char *ref,
		    const char *text, const char *detail)
{
	struct build_row_error *r;

	if (!f->status || status_rank(status) > status_rank(f->status))
		f->status = status;
	if (f->n == BUILD_ROW_ERRORS_MAX) {
		f->more++;
		return;
	}
	if (!f->rows)
		f->rows = http_req_alloc(req, BUILD_ROW_ERRORS_MAX * sizeof(*f->rows));
	r = &f->rows[f->n++];
	r->ref = http_req_strdup(req, ref ? ref : "");
	r->status = status;
	r->text = http_req_strdup(req, text ? text : "");
	r->detail = detail && *detail ? http_req_strdup(req, detail) : NULL;
	r->lang = lang_code(req->lang);
}

void build_refuse(struct http_req *req, struct build_fail *f, const struct build_page *bp,
		  int status, const char *ref, enum msg_id text, const char *extra,
		  const char *detail)
{
	char msg[1024];

	snprintf(msg, sizeof(msg), "%s%s%s", tr(bp->lang, text),
		 extra ? tr(bp->lang, MSG_REPORT_COLON) : "", extra ? extra : "");
	build_fail_add(req, f, status, ref, msg, detail);
}

void build_refuse_err(struct http_req *req, struct build_fail *f, const struct build_page *bp,
		      const char *ref, enum msg_id text, const char *extra, const struct err *e)
{
	char detail[ERR_MSG_MAX];
	int status = build_form_status(e->code);

	build_refuse(req, f, bp, status ? status : 400, ref, text, extra,
		     err_message(e, bp->lang, detail, sizeof(detail)));
}

const char *build_row_input(const struct err *e, size_t *row)
{
	const char *p = e->field;
	char *end;

	*row = (size_t)-1;
	if (strncmp(p, "entries[", 8))
		return p;
	*row = (size_t)strtoull(p + 8, &end, 10);
	if (*end != ']') {
		*row = (size_t)-1;
		return p;
	}
	return end[1] == '.' ? end + 2 : end + 1;
}

const struct build_row_error *build_fail_row(const struct build_fail *f, const char *ref)
{
	size_t i;

	for (i = 0; f && i < f->n; i++)
		if (!strcmp(f->rows[i].ref, ref))
			return &f->rows[i];
	return NULL;
}

const char *build_service_title(struct http_req *req, const struct portfolio *p, const char *ref)
{
	const struct entry *en = portfolio_find(p, ref);
	const char *name = en ? entry_name(p, en, lang_code(req->lang)) : NULL;
	size_t n;
	char *s;

	if (!name || !*name)
		return ref;
	n = strlen(ref) + strlen(name) + 2;
	s = http_req_alloc(req, n);
	snprintf(s, n, "%s %s", ref, name);
	return s;
}

int build_fail_notice(struct buf *b, const struct build_page *bp, const struct build_fail *f)
{
	enum lang lang = bp->lang;
	enum msg_id lead = f->status == 409   ? MSG_WEB_BUILD_ERR_ROWS_CONFLICT
			   : f->status == 403 ? MSG_WEB_BUILD_ERR_ROWS_DENIED
			   : f->status == 413 ? MSG_WEB_BUILD_ERR_ROWS_TOO_LARGE
					      : MSG_WEB_BUILD_ERR_ROWS_INVALID;
	const struct entry *en;
	size_t i;
	int rc = html_raw(b, "<div class=\"notice error\" role=\"alert\" id=\"save-errors\"><p>");

	if (!rc)
		rc = html_text(b, tr(lang, lead));
	if (!rc)
		rc = html_raw(b, "</p><ul class=\"row-errors\">");
	for (i = 0; !rc && i < f->n; i++) {
		const struct build_row_error *r = &f->rows[i];
		en = portfolio_find(&bp->p, r->ref);
		rc = html_raw(b, "<li>");
		if (!rc)
			rc = html_raw(b, "<a href=\"#s-");
		if (!rc)
			rc = html_text(b, r->ref);
		if (!rc)
			rc = html_raw(b, "\">");
		if (!rc)
			rc = html_elem(b, "span", r->ref, "class", "ref", (char *)NULL);
		if (!rc && en)
			rc = html_fmt(b, " %s", entry_name(&bp->p, en, bp->lc));
		if (!rc)
			rc = html_fmt(b, "</a>%s%s", tr(lang, MSG_REPORT_COLON), r->text);
		if (!rc && r->detail)
			rc = html_elem(b, "span", r->detail, "class", "detail", "lang", r->lang,
				       (char *)NULL);
		if (!rc)
			rc = html_raw(b, "</li>");
	}
	if (!rc && f->more)
		rc = html_fmt(b, "<li>%s%zu</li>", tr(lang, MSG_WEB_BUILD_ERR_ROWS_MORE), f->more);
	return rc ? rc : html_raw(b, "</ul></div>\n");
}

int build_option(struct buf *b, const char *value, const char *text, int selected)
{
	int rc =
	    html_open(b, "option", "value", value, "selected", selected ? "" : NULL, (char *)NULL);

	if (!rc)
		rc = html_text(b, text);
	return rc ? rc : html_close(b, "option");
}

int build_same(const char *a, const char *b)
{
	return !strcmp(a ? a : "", b ? b : "");
}

int build_row_error_html(struct buf *b, const struct build_row_error *r)
{
	int rc = html_raw(b, "<p class=\"field-error\" id=\"err-");

	if (!rc)
		rc = html_text(b, r->ref);
	if (!rc)
		rc = html_raw(b, "\">");
	if (!rc)
		rc = html_text(b, r->text);
	if (!rc)
		rc = html_raw(b, "</p>");
	if (!rc && r->detail)
		rc = html_elem(b, "p", r->detail, "class", "detail", "lang", r->lang, (char *)NULL);
	return rc;
}

int build_error_notice(struct buf *b, enum lang lang, int status, const char *detail)
{
	enum msg_id lead = status == 409   ? MSG_WEB_BUILD_ERR_CONFLICT
			   : status == 413 ? MSG_WEB_BUILD_ERR_TOO_LARGE
			   : status == 403 ? MSG_WEB_BUILD_ERR_DENIED
					   : MSG_WEB_BUILD_ERR_INVALID;
	int rc = html_raw(b, "<div class=\"notice error\" role=\"alert\"><p>");

	if (!rc)
		rc = html_text(b, tr(lang, lead));
	if (!rc && detail && *detail) {
		rc = html_raw(b, "</p><p class=\"detail\">");
		if (!rc)
			rc = html_text(b, detail);
	}
	return rc ? rc : html_raw(b, "</p></div>\n");
}

int build_level_badge(struct buf *b, enum lang lang, int level)
{
	int rc;

	if (level < 0 || level >= LEVEL_COUNT)
		return html_elem(b, "span", tr(lang, MSG_NOT_SELECTED), "class", "badge level-none",
				 (char *)NULL);
	rc = html_fmt(b, "<span class=\"badge level-%s\">", level_name(level));
	if (!rc)
		rc = html_text(b, tr_level(lang, level));
	return rc ? rc : html_raw(b, "</span>");
}

int build_assignment(struct buf *b, enum lang lang, const struct entry *en)
{
	const char *open = tr(lang, MSG_REPORT_PAREN_OPEN),
		   *close = tr(lang, MSG_REPORT_PAREN_CLOSE);
	int rc = html_text(b, tr_assignment(lang, en->assignment));

	if (rc)
		return rc;
	switch (en->assignment) {
	case ASSIGN_INSOURCE:
		return en->team ? html_fmt(b, "%s%s%s", open, en->team, close) : 0;
	case ASSIGN_OUTSOURCE:
		return en->provider ? html_fmt(b, "%s%s%s", open, en->provider, close) : 0;
	case ASSIGN_HYBRID:
		return html_fmt(b, "%s%s / %s%s", open, en->team ? en->team : "—",
				en->provider ? en->provider : "—", close);
	default:
		return 0;
	}
}

void build_score_label(char *out, size_t size, const struct framework *fw, enum side s, int score,
		       enum lang lang)
{
	const struct rubric *r = &fw->rubric[s];
	const struct rubric_point *pt;
	const char *crit = NULL;

	if (score == SCORE_NONE) {
		snprintf(out, size, "%s", tr(lang, MSG_NOT_ASSESSED));
		return;
	}
	if (score == SCORE_NA) {
		crit =
		    lang == LANG_JA && r->na_criterion_ja ? r->na_criterion_ja : r->na_criterion_en;
		snprintf(out, size, "%s%s%s", tr(lang, MSG_NA), crit ? " — " : "",
			 crit ? crit : "");
		return;
	}
	pt = rubric_point(r, score);
	if (pt)
		crit = lang == LANG_JA && pt->criterion_ja ? pt->criterion_ja : pt->criterion_en;
	snprintf(out, size, "%d%s%s", score, crit ? " — " : "", crit ? crit : "");
}
