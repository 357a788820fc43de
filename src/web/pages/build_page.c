/*
 * build_page.c - what the build pages and the report share: opening a
 * portfolio for a request, URLs and redirects after a form, the refused
 * rows of a bulk save, badges and the texts of assignments and scores.
 * Forms and notices come from the kit (kit.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/level.h"
#include "ops/ops.h"
#include "report/html.h"
#include "web/pages/build_pages.h"
#include "web/pages/kit.h"

#define BUILD_URL_MAX 4096 /* one local URL with its query and fragment */

static void release_portfolio(void *arg)
{
	portfolio_release(arg);
}

int build_open(struct http_req *req, enum role min_role, struct build_page **out)
{
	const struct web_user *u = web_user(req);
	struct err e = ERR_INIT;
	struct build_page *bp;
	int rc;

	bp = http_req_alloc(req, sizeof(*bp));
	rc = web_org(req, min_role, &bp->o);
	if (rc)
		return rc;
	bp->who.user_id = u ? u->id : 0;
	bp->who.site_admin = u && u->is_admin;
	bp->who.role = bp->o.role;
	bp->who.team_id = bp->o.team_id;
	bp->fw_id = http_req_param(req, "fw");
	if (!bp->fw_id)
		return http_failf(req, ERR_NOT_FOUND, NULL, MSG_E_UNKNOWN_FRAMEWORK, "");
	if (ops_framework(bp->fw_id, &bp->fw, &e))
		return http_fail(req, &e);
	bp->st = web_store(req);
	bp->lang = req->lang;
	bp->lc = lang_code(req->lang);
	portfolio_init(&bp->p);
	http_req_defer(req, release_portfolio, &bp->p);
	if (ops_load(bp->st, bp->o.name, bp->fw_id, &bp->p, &e))
		return http_fail(req, &e);
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
	return kit_portfolio_href(req, bp->o.id, bp->fw_id, rest);
}

int build_redirect(struct http_resp *resp, const struct build_page *bp, const char *page,
		   const char *done, const char *extra, const char *ref)
{
	struct buf b;
	int rc;

	buf_init(&b, BUILD_URL_MAX);
	kit_portfolio_url(&b, bp->o.id, bp->fw_id, page);
	if (done) {
		buf_addstr(&b, "?done=");
		http_percent_encode(&b, done);
	}
	if (extra)
		buf_addstr(&b, extra);
	if (ref && *ref) {
		buf_addstr(&b, "#s-");
		http_percent_encode(&b, ref);
	}
	rc = buf_status(&b);
	if (!rc)
		rc = kit_see_other(resp, b.data);
	buf_release(&b);
	return rc;
}

const char *build_anchor(struct http_req *req, const char *prefix, const char *ref)
{
	size_t n = strlen(prefix) + strlen(ref) + 1;
	char *s = http_req_alloc(req, n);

	snprintf(s, n, "%s%s", prefix, ref);
	return s;
}

/* Which refusal a whole bulk save answers with: 403 over 409 over 413 over 400. */
static int status_rank(int status)
{
	return status == 403 ? 4 : status == 409 ? 3 : status == 413 ? 2 : 1;
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
	int status = kit_form_status(e);

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

int build_row_version(struct http_req *req, struct build_fail *f, const struct build_page *bp,
		      const char *ref, const char *ver, long long *version)
{
	char *end = NULL;

	*version = ver && *ver ? strtoll(ver, &end, 10) : -1;
	if (!ver || !*ver || *end || *version < 0) {
		build_refuse(req, f, bp, 400, ref, MSG_WEB_BUILD_E_NO_VERSION, NULL, NULL);
		return -1;
	}
	return 0;
}

int build_rows_save(struct http_req *req, struct build_page *bp, struct build_fail *f,
		    const struct ops_row *v, size_t n, build_refuse_fn *refuse, const void *ctx,
		    struct build_saved *saved, struct err *e)
{
	struct ops_rows rows = {.v = v, .n = n, .advice = OPS_NO_ADVICE};
	struct err why;
	size_t i;
	int rc;

	saved->n = 0;
	saved->first = NULL;
	saved->advice = OPS_NO_ADVICE;
	if (f->n)
		return build_reload(bp, e);
	rows.errs = http_req_alloc(req, (n + 1) * sizeof(*rows.errs));
	rc = n ? ops_rows_save(bp->st, &bp->who, bp->o.name, bp->fw_id, &rows, e) : 0;
	if (rc && !kit_form_status(e))
		return rc;
	if (rc) {
		err_copy(&why, e);
		rc = build_reload(bp, e); /* what is stored now, for the refused rows */
		if (rc)
			return rc;
		for (i = 0; i < n; i++)
			if (rows.errs[i].code)
				refuse(req, bp, ctx, f, &v[i], &rows.errs[i]);
		/* a refusal that names no row is the whole form's */
		if (!f->n)
			build_refuse_err(req, f, bp, "", MSG_WEB_BUILD_E_FAILED, NULL, &why);
		return 0;
	}
	saved->n = n;
	saved->first = n ? v[0].ref : NULL;
	saved->advice = rows.advice;
	return 0;
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
	size_t i;

	html_raw(b, "<div class=\"notice error\" role=\"alert\" id=\"save-errors\"><p>");
	html_text(b, tr(lang, lead));
	html_raw(b, "</p><ul class=\"row-errors\">");
	for (i = 0; i < f->n; i++) {
		const struct build_row_error *r = &f->rows[i];
		const struct entry *en = portfolio_find(&bp->p, r->ref);
		html_raw(b, "<li><a href=\"#s-");
		html_text(b, r->ref);
		html_raw(b, "\">");
		html_elem(b, "span", r->ref, "class", "ref", (char *)NULL);
		if (en)
			html_fmt(b, " %s", entry_name(&bp->p, en, bp->lc));
		html_fmt(b, "</a>%s%s", tr(lang, MSG_REPORT_COLON), r->text);
		if (r->detail)
			html_elem(b, "span", r->detail, "class", "detail", "lang", r->lang,
				  (char *)NULL);
		html_raw(b, "</li>");
	}
	if (f->more)
		html_fmt(b, "<li>%s%zu</li>", tr(lang, MSG_WEB_BUILD_ERR_ROWS_MORE), f->more);
	html_raw(b, "</ul></div>\n");
	return buf_status(b);
}

int build_same(const char *a, const char *b)
{
	return !strcmp(a ? a : "", b ? b : "");
}

int build_row_error_html(struct buf *b, const struct build_row_error *r)
{
	html_raw(b, "<p class=\"field-error\" id=\"err-");
	html_text(b, r->ref);
	html_raw(b, "\">");
	html_text(b, r->text);
	html_raw(b, "</p>");
	if (r->detail)
		html_elem(b, "p", r->detail, "class", "detail", "lang", r->lang, (char *)NULL);
	return buf_status(b);
}

int build_level_badge(struct buf *b, enum lang lang, int level)
{
	if (level < 0 || level >= LEVEL_COUNT)
		return html_elem(b, "span", tr(lang, MSG_NOT_SELECTED), "class", "badge level-none",
				 (char *)NULL);
	html_fmt(b, "<span class=\"badge level-%s\">", level_name(level));
	html_text(b, tr_level(lang, level));
	html_raw(b, "</span>");
	return buf_status(b);
}

int build_assignment(struct buf *b, enum lang lang, const struct entry *en)
{
	const char *open = tr(lang, MSG_REPORT_PAREN_OPEN),
		   *close = tr(lang, MSG_REPORT_PAREN_CLOSE);

	if (!entry_has_sides(en)) /* the team's own: never assigned */
		return html_text(b, tr(lang, en->assessment == ASSESS_PARAMETER
						 ? MSG_WEB_BUILD_MODEL_PARAMETER
						 : MSG_WEB_BUILD_MODEL_READINESS));
	html_text(b, tr_assignment(lang, en->assignment));
	switch (en->assignment) {
	case ASSIGN_INSOURCE:
		if (en->team)
			html_fmt(b, "%s%s%s", open, en->team, close);
		break;
	case ASSIGN_OUTSOURCE:
		if (en->provider)
			html_fmt(b, "%s%s%s", open, en->provider, close);
		break;
	case ASSIGN_HYBRID:
		html_fmt(b, "%s%s / %s%s", open, en->team ? en->team : "—",
			 en->provider ? en->provider : "—", close);
		break;
	default:
		break;
	}
	return buf_status(b);
}

void build_score_label(char *out, size_t size, const struct rubric *r, int score, enum lang lang)
{
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
