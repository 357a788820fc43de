/*
 * page_portfolio.c - build step 3: the service portfolio (scoring).
 *
 * For every selected service, the current and target score (X.1060 9.4) of
 * each side its assignment uses: in-house, outsourced, both for hybrid, and
 * either for a service not yet assigned. The choices are the rubric's
 * criteria ("3 — not documented; someone else can stand in temporarily"),
 * never bare numbers. With each service: a note and evidence links.
 *
 * One form per service, carrying the entry's version. A save runs the
 * side scores, the note and the evidence in one transaction; the first ops
 * call checks the version, so a stale form fails whole with 409 and the
 * page shows the current values. Assessors may only score the services
 * assigned to their team (web_may_score); the others are read-only for
 * them, and a POST for them is refused with 403.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/level.h"
#include "core/score.h"
#include "ops/ops.h"
#include "report/html.h"
#include "report/svg.h"
#include "web/build_pages.h"
#include "web/nav.h"
#include "web/page.h"

#define SCORE_LABEL_MAX 1024

/* What a failed POST re-renders with. */
struct score_state {
	const char *ref;
	int status;
	const char *message;
	int keep; /* show the submitted values in that entry's form */
};

static const char *const cur_field[SIDE_COUNT] = {"cur_insource", "cur_outsource"};
static const char *const tgt_field[SIDE_COUNT] = {"tgt_insource", "tgt_outsource"};

static int may_score(const struct build_page *bp, const struct entry *en)
{
	return bp->o.role >= ROLE_ASSESSOR && web_may_score(&bp->o, en);
}

/* Does the page offer this side of the entry? */
static int offers_side(const struct entry *en, enum side s)
{
	return assignment_uses_side(en->assignment, s);
}

static int score_options(struct buf *b, const struct build_page *bp, enum side s, int score,
			 const char *submitted)
{
	const struct rubric *r = &bp->fw->rubric[s];
	char label[SCORE_LABEL_MAX], value[16];
	int rc = 0, v, sel;

	/* "not assessed" is only a choice while the side has no score:
	 * a score cannot be taken back to "not assessed" */
	if (score == SCORE_NONE || (submitted && !*submitted)) {
		build_score_label(label, sizeof(label), bp->fw, s, SCORE_NONE, bp->lang);
		rc = html_open(b, "option", "value", "", "selected",
			       (submitted ? !*submitted : score == SCORE_NONE) ? "" : NULL,
			       (char *)NULL);
		if (!rc)
			rc = html_fmt(b, "— %s</option>", label);
	}
	for (v = r->max_score; !rc && v >= r->min_score; v--) {
		if (!rubric_accepts(r, v))
			continue;
		snprintf(value, sizeof(value), "%d", v);
		sel = submitted ? !strcmp(submitted, value) : score == v;
		build_score_label(label, sizeof(label), bp->fw, s, v, bp->lang);
		rc = html_open(b, "option", "value", value, "selected", sel ? "" : NULL,
			       (char *)NULL);
		if (!rc)
			rc = html_text(b, label);
		if (!rc)
			rc = html_close(b, "option");
	}
	if (!rc && r->has_na) {
		sel = submitted ? !strcmp(submitted, "n/a") : score == SCORE_NA;
		build_score_label(label, sizeof(label), bp->fw, s, SCORE_NA, bp->lang);
		rc = html_open(b, "option", "value", "n/a", "selected", sel ? "" : NULL,
			       (char *)NULL);
		if (!rc)
			rc = html_text(b, label);
		if (!rc)
			rc = html_close(b, "option");
	}
	return rc;
}

static int score_select(struct http_req *req, struct buf *b, const struct build_page *bp,
			const struct entry *en, enum side s, int which, int keep, int invalid)
{
	const char *name = which ? tgt_field[s] : cur_field[s];
	const char *id = build_anchor(req, build_anchor(req, name, "-"), en->ref_id);
	int rc = html_raw(b, "<div class=\"field\">");

	if (!rc)
		rc = html_elem(b, "label", tr(bp->lang, which ? MSG_TARGET : MSG_CURRENT), "for",
			       id, (char *)NULL);
	if (!rc)
		rc = html_open(b, "select", "id", id, "name", name, "aria-invalid",
			       invalid ? "true" : NULL, (char *)NULL);
	if (!rc)
		rc = score_options(b, bp, s, which ? en->score[s].target : en->score[s].current,
				   keep ? http_req_form(req, name) : NULL);
	return rc ? rc : html_raw(b, "</select></div>");
}

/* Evidence links as a list of links (only http and https are ever stored). */
static int evidence_list(struct buf *b, const char *evidence)
{
	const char *line = evidence;
	int rc = html_raw(b, "<ul class=\"evidence\">");

	while (!rc && line && *line) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		char *url = strndup(line, len);
		if (!url)
			return ERR_NOMEM;
		url[strcspn(url, "\r")] = 0;
		if (*url) {
			rc = html_raw(b, "<li><a rel=\"noopener noreferrer nofollow\"");
			if (!rc)
				rc = html_attr_url(b, "href", url);
			if (!rc)
				rc = html_raw(b, ">");
			if (!rc)
				rc = html_text(b, url);
			if (!rc)
				rc = html_raw(b, "</a></li>");
		}
		free(url);
		line = end ? end + 1 : NULL;
	}
	return rc ? rc : html_raw(b, "</ul>");
}

static int read_only(struct buf *b, const struct build_page *bp, const struct entry *en)
{
	char label[SCORE_LABEL_MAX];
	int rc = html_raw(b, "<dl class=\"scores\">"), s;

	for (s = 0; !rc && s < SIDE_COUNT; s++) {
		if (!offers_side(en, s))
			continue;
		if (en->assignment == ASSIGN_UNASSIGNED && en->score[s].current == SCORE_NONE &&
		    en->score[s].target == SCORE_NONE)
			continue;
		build_score_label(label, sizeof(label), bp->fw, s, en->score[s].current, bp->lang);
		rc = html_fmt(b, "<dt>%s — %s</dt><dd>%s</dd>",
			      tr(bp->lang, s ? MSG_SIDE_OUTSOURCE : MSG_SIDE_INSOURCE),
			      tr(bp->lang, MSG_CURRENT), label);
		build_score_label(label, sizeof(label), bp->fw, s, en->score[s].target, bp->lang);
		if (!rc)
			rc = html_fmt(b, "<dt>%s — %s</dt><dd>%s</dd>",
				      tr(bp->lang, s ? MSG_SIDE_OUTSOURCE : MSG_SIDE_INSOURCE),
				      tr(bp->lang, MSG_TARGET), label);
	}
	if (!rc && en->note)
		rc = html_fmt(b, "<dt>%s</dt><dd class=\"note-text\">%s</dd>",
			      tr(bp->lang, MSG_NOTE), en->note);
	if (!rc && en->evidence) {
		rc = html_fmt(b, "<dt>%s</dt><dd>", tr(bp->lang, MSG_WEB_BUILD_EVIDENCE));
		if (!rc)
			rc = evidence_list(b, en->evidence);
		if (!rc)
			rc = html_raw(b, "</dd>");
	}
	return rc ? rc : html_raw(b, "</dl>");
}

static int score_form(struct http_req *req, struct buf *b, const struct build_page *bp,
		      const struct entry *en, const char *action, int keep, int invalid)
{
	enum lang lang = bp->lang;
	const char *note = keep ? http_req_form(req, "note") : en->note;
	const char *ev = keep ? http_req_form(req, "evidence") : en->evidence;
	const char *note_id = build_anchor(req, "note-", en->ref_id);
	const char *ev_id = build_anchor(req, "ev-", en->ref_id);
	char version[32];
	int rc, s;

	snprintf(version, sizeof(version), "%lld", en->version);
	rc = html_open(b, "form", "method", "post", "action", action, "class", "score-form",
		       (char *)NULL);
	if (!rc)
		rc = web_csrf_field(req, b);
	if (!rc)
		rc = html_open(b, "input", "type", "hidden", "name", "ref", "value", en->ref_id,
			       (char *)NULL);
	if (!rc)
		rc = html_open(b, "input", "type", "hidden", "name", "version", "value", version,
			       (char *)NULL);
	if (!rc)
		rc = html_raw(b, "<div class=\"sides\">");
	for (s = 0; !rc && s < SIDE_COUNT; s++) {
		if (!offers_side(en, s))
			continue;
		rc = html_raw(b, "<fieldset>");
		if (!rc)
			rc = html_elem(b, "legend",
				       tr(lang, s ? MSG_SIDE_OUTSOURCE : MSG_SIDE_INSOURCE),
				       (char *)NULL);
		if (!rc)
			rc = score_select(req, b, bp, en, s, 0, keep, invalid);
		if (!rc)
			rc = score_select(req, b, bp, en, s, 1, keep, invalid);
		if (!rc)
			rc = html_raw(b, "</fieldset>");
	}
	if (!rc)
		rc = html_raw(b, "</div><div class=\"field\">");
	if (!rc)
		rc = html_elem(b, "label", tr(lang, MSG_NOTE), "for", note_id, (char *)NULL);
	if (!rc)
		rc = html_open(b, "textarea", "id", note_id, "name", "note", "rows", "2",
			       "maxlength", "20000", (char *)NULL);
	if (!rc)
		rc = html_text(b, note);
	if (!rc)
		rc = html_raw(b, "</textarea></div><div class=\"field\">");
	if (!rc)
		rc = html_elem(b, "label", tr(lang, MSG_WEB_BUILD_EVIDENCE), "for", ev_id,
			       (char *)NULL);
	if (!rc)
		rc = html_elem(b, "span", tr(lang, MSG_WEB_BUILD_EVIDENCE_HINT), "class", "hint",
			       "id", build_anchor(req, "evh-", en->ref_id), (char *)NULL);
	if (!rc)
		rc = html_open(b, "textarea", "id", ev_id, "name", "evidence", "rows", "2",
			       "aria-describedby", build_anchor(req, "evh-", en->ref_id),
			       (char *)NULL);
	if (!rc)
		rc = html_text(b, ev);
	if (!rc)
		rc = html_raw(b, "</textarea></div>");
	if (!rc && en->evidence && !keep)
		rc = evidence_list(b, en->evidence);
	if (!rc)
		rc = html_open(b, "button", "type", "submit", "class", "primary", "aria-label",
			       build_anchor(req, tr(lang, MSG_WEB_BUILD_SAVE_FOR), en->ref_id),
			       (char *)NULL);
	if (!rc)
		rc = html_text(b, tr(lang, MSG_WEB_BUILD_SAVE));
	return rc ? rc : html_raw(b, "</button></form>");
}

static int entry_card(struct http_req *req, struct buf *b, const struct build_page *bp,
		      const struct entry *en, const char *action, const struct score_state *st)
{
	enum lang lang = bp->lang;
	int mine = st && st->ref && !strcmp(st->ref, en->ref_id);
	char f1[SVG_FIGURE_MAX], f2[SVG_FIGURE_MAX];
	double cur, tgt;
	int rc;

	rc = html_open(b, "article", "class", "entry card", "id",
		       build_anchor(req, "s-", en->ref_id), (char *)NULL);
	if (!rc)
		rc = html_fmt(b, "<h3><span class=\"ref\">%s</span> %s", en->ref_id,
			      entry_name(&bp->p, en, bp->lc));
	if (!rc && en->custom)
		rc = html_fmt(b, " <span class=\"badge custom\">%s</span>",
			      tr(lang, MSG_CUSTOM_SERVICE));
	if (!rc && entry_provisional(&bp->p, en))
		rc = html_fmt(b, " <span class=\"badge provisional\" title=\"%s\">%s</span>",
			      tr(lang, MSG_PROVISIONAL_NOTE), tr(lang, MSG_PROVISIONAL));
	if (!rc)
		rc = html_raw(b, "</h3><p class=\"meta\">");
	if (!rc)
		rc = build_level_badge(b, lang, en->level);
	if (!rc)
		rc = html_raw(b, " ");
	if (!rc)
		rc = build_assignment(b, lang, en);
	if (!rc && !entry_figure(en, 0, &cur) && !entry_figure(en, 1, &tgt))
		rc = html_fmt(b, " · %s %s → %s %s", tr(lang, MSG_CURRENT), svg_figure(f1, cur),
			      tr(lang, MSG_TARGET), svg_figure(f2, tgt));
	if (!rc)
		rc = html_raw(b, "</p>");
	if (!rc && mine)
		rc = build_error_notice(b, lang, st->status, st->message);
	if (!rc && may_score(bp, en))
		rc = score_form(req, b, bp, en, action, mine && st->keep, mine);
	else if (!rc)
		rc = read_only(b, bp, en);
	return rc ? rc : html_raw(b, "</article>\n");
}

static int rubric_help(struct buf *b, const struct build_page *bp)
{
	enum lang lang = bp->lang;
	char label[SCORE_LABEL_MAX];
	int rc, s, v;

	rc = html_raw(b, "<details class=\"rubric\"><summary>");
	if (!rc)
		rc = html_text(b, tr(lang, MSG_WEB_BUILD_RUBRIC));
	if (!rc)
		rc = html_raw(b, "</summary><div class=\"grid\">");
	for (s = 0; !rc && s < SIDE_COUNT; s++) {
		const struct rubric *r = &bp->fw->rubric[s];
		rc = html_raw(b, "<div><table>");
		if (!rc)
			rc = html_elem(b, "caption",
				       tr(lang, s ? MSG_SIDE_OUTSOURCE : MSG_SIDE_INSOURCE),
				       (char *)NULL);
		for (v = r->max_score; !rc && v >= r->min_score; v--) {
			if (!rubric_accepts(r, v))
				continue;
			build_score_label(label, sizeof(label), bp->fw, s, v, lang);
			rc = html_fmt(b, "<tr><td>%s</td></tr>", label);
		}
		if (!rc && r->has_na) {
			build_score_label(label, sizeof(label), bp->fw, s, SCORE_NA, lang);
			rc = html_fmt(b, "<tr><td>%s</td></tr>", label);
		}
		if (!rc)
			rc = html_raw(b, "</table></div>");
	}
	return rc ? rc : html_raw(b, "</div></details>\n");
}

static const char *category_title(const struct build_page *bp, const char *cat, char *out,
				  size_t size)
{
	int i = cat && *cat ? framework_find(bp->fw, cat) : -1;

	if (i < 0)
		snprintf(out, size, "%s", tr(bp->lang, MSG_REPORT_NO_CATEGORY));
	else
		snprintf(out, size, "%s %s", cat, fw_node_name(&bp->fw->nodes[i], bp->lc));
	return out;
}

static int render(struct http_req *req, struct http_resp *resp, struct build_page *bp,
		  const struct score_state *st)
{
	struct buf *b = &resp->body;
	enum lang lang = bp->lang;
	const char *action = build_url(req, bp, "portfolio");
	const char *prev = NULL;
	struct progress pg;
	char title[512];
	size_t i, shown = 0;
	int rc, open = 0;

	if (!action)
		return ERR_TOO_LARGE;
	score_progress(&bp->p, &pg);
	rc = page_begin(req, resp, st ? st->status : 200, tr(lang, MSG_PORTFOLIO));
	if (!rc)
		rc = web_portfolio_nav(req, b, &bp->o, bp->fw_id, TAB_PORTFOLIO);
	if (!rc)
		rc = html_fmt(b, "<h1><span class=\"step\">3</span> %s</h1>\n",
			      tr(lang, MSG_PORTFOLIO));
	if (!rc)
		rc = html_elem(b, "p", tr(lang, MSG_WEB_BUILD_PORTFOLIO_INTRO), "class", "lead",
			       (char *)NULL);
	if (!rc)
		rc = html_fmt(b, "<p class=\"meta\">%s%s%zu / %zu</p>\n",
			      tr(lang, MSG_REPORT_PROGRESS_PORTFOLIO), tr(lang, MSG_REPORT_COLON),
			      pg.portfolio_done, pg.portfolio_total);
	if (!rc && !st)
		rc = build_done_notice(req, b);
	if (!rc && st && !st->ref)
		rc = build_error_notice(b, lang, st->status, st->message);
	if (!rc && bp->o.role == ROLE_ASSESSOR)
		rc = build_notice(b, "info", tr(lang, MSG_WEB_BUILD_ASSESSOR_HINT));
	if (!rc)
		rc = rubric_help(b, bp);
	for (i = 0; !rc && i < bp->p.n_entries; i++) {
		const struct entry *en = &bp->p.entries[i];
		const char *cat = entry_category(&bp->p, en);
		if (en->level == LEVEL_NOT_REQUIRED)
			continue;
		shown++;
		if (!prev || strcmp(prev, cat)) {
			if (open)
				rc = html_raw(b, "</section>\n");
			if (!rc)
				rc = html_open(b, "section", "class", "category", "aria-labelledby",
					       build_anchor(req, "cat-", cat), (char *)NULL);
			if (!rc)
				rc = html_elem(b, "h2",
					       category_title(bp, cat, title, sizeof(title)), "id",
					       build_anchor(req, "cat-", cat), (char *)NULL);
			open = 1;
			prev = cat;
		}
		if (!rc)
			rc = entry_card(req, b, bp, en, action, st);
	}
	if (!rc && open)
		rc = html_raw(b, "</section>\n");
	if (!rc && !shown)
		rc = html_elem(b, "p", tr(lang, MSG_WEB_BUILD_NOTHING_SELECTED), "class", "empty",
			       (char *)NULL);
	return rc ? rc : page_end(req, resp);
}

int page_portfolio(struct http_req *req, struct http_resp *resp)
{
	struct build_page *bp;
	int rc = build_open(req, resp, ROLE_VIEWER, &bp);

	if (rc)
		return rc > 0 ? 0 : rc;
	return render(req, resp, bp, NULL);
}

/* Text from a textarea: CR LF and CR become LF; for evidence, blank lines
 * and spaces around each link are dropped too. Per-request memory. */
static char *normalise(struct http_req *req, const char *s, int links)
{
	size_t n = s ? strlen(s) : 0, i, j = 0;
	char *out = http_req_alloc(req, n + 1);

	for (i = 0; i < n; i++) {
		char c = s[i];
		if (c == '\r') {
			if (i + 1 < n && s[i + 1] == '\n')
				continue;
			c = '\n';
		}
		if (links && (c == ' ' || c == '\t'))
			continue; /* a URL holds no spaces */
		if (links && c == '\n' && (!j || out[j - 1] == '\n'))
			continue;
		out[j++] = c;
	}
	if (links)
		while (j && out[j - 1] == '\n')
			j--;
	out[j] = 0;
	return out;
}

/* "A-3 — In-house score: current 4, target 5" for a conflict. */
static const char *current_text(struct http_req *req, const struct build_page *bp,
				const struct entry *en)
{
	char cur[16], tgt[16];
	struct buf b;
	const char *s;
	int side;

	buf_init(&b, 4096);
	buf_addstr(&b, en->ref_id);
	for (side = 0; side < SIDE_COUNT; side++) {
		const struct score_pair *sp = &en->score[side];
		if (!offers_side(en, side))
			continue;
		snprintf(cur, sizeof(cur), "%d", sp->current);
		snprintf(tgt, sizeof(tgt), "%d", sp->target);
		buf_printf(&b, " — %s%s%s %s, %s %s",
			   tr(bp->lang, side ? MSG_SIDE_OUTSOURCE : MSG_SIDE_INSOURCE),
			   tr(bp->lang, MSG_REPORT_COLON), tr(bp->lang, MSG_CURRENT),
			   sp->current == SCORE_NONE ? "—"
			   : sp->current == SCORE_NA ? tr(bp->lang, MSG_NA)
						     : cur,
			   tr(bp->lang, MSG_TARGET),
			   sp->target == SCORE_NONE ? "—"
			   : sp->target == SCORE_NA ? tr(bp->lang, MSG_NA)
						    : tgt);
	}
	s = http_req_strdup(req, b.data);
	buf_release(&b);
	return s;
}

static int same_text(const char *a, const char *b)
{
	return !strcmp(a ? a : "", b ? b : "");
}

/* Apply one entry's form in one transaction; *changed says whether anything was sent. */
static int save(struct http_req *req, struct build_page *bp, const struct entry *en,
		long long version, int *changed, struct err *e)
{
	const char *ref = en->ref_id;
	char *note = normalise(req, http_req_form(req, "note"), 0);
	char *ev = normalise(req, http_req_form(req, "evidence"), 1);
	int note_changed = http_req_form(req, "note") && !same_text(note, en->note);
	int ev_changed = http_req_form(req, "evidence") && !same_text(ev, en->evidence);
	long long expect = version;
	int rc, s;

	*changed = 0;
	rc = build_begin(bp, e);
	if (rc)
		return rc;
	for (s = 0; !rc && s < SIDE_COUNT; s++) {
		const char *cur = http_req_form(req, cur_field[s]);
		const char *tgt = http_req_form(req, tgt_field[s]);
		if (cur && !*cur)
			cur = NULL; /* "not assessed" stays as it is */
		if (tgt && !*tgt)
			tgt = NULL;
		if (!cur && !tgt)
			continue;
		rc = ops_score(bp->st, bp->o.name, bp->fw_id, ref, side_name(s), cur, tgt,
			       note_changed ? note : NULL, expect, e);
		note_changed = 0;
		expect = -1; /* checked by the first call, inside this transaction */
		*changed = 1;
	}
	if (!rc && note_changed) {
		for (s = 0; s < SIDE_COUNT && !offers_side(en, s); s++)
			;
		rc = ops_score(bp->st, bp->o.name, bp->fw_id, ref,
			       side_name(s < SIDE_COUNT ? s : SIDE_INSOURCE), NULL, NULL, note,
			       expect, e);
		expect = -1;
		*changed = 1;
	}
	if (!rc && ev_changed) {
		rc = ops_evidence(bp->st, bp->o.name, bp->fw_id, ref, ev, expect, e);
		*changed = 1;
	}
	return build_end(bp, rc, e);
}

int page_portfolio_post(struct http_req *req, struct http_resp *resp)
{
	const char *ref = http_req_form(req, "ref"), *ver = http_req_form(req, "version");
	struct err e = ERR_INIT, e2 = ERR_INIT;
	struct score_state st = {0};
	const struct entry *en;
	struct build_page *bp;
	long long version;
	char *end = NULL;
	int rc = build_open(req, resp, ROLE_ASSESSOR, &bp), changed;

	if (rc)
		return rc > 0 ? 0 : rc;
	web_store_actor(req);
	en = ref ? portfolio_find(&bp->p, ref) : NULL;
	if (!en || en->level == LEVEL_NOT_REQUIRED) {
		err_set(&e, ERR_INVALID, "'%s' is not a selected service of this portfolio",
			ref ? ref : "");
		st = (struct score_state){NULL, 400, e.msg, 0};
		return render(req, resp, bp, &st);
	}
	if (!web_may_score(&bp->o, en))
		return http_error(req, resp, 403, "forbidden",
				  "this service is not assigned to your team");
	version = ver ? strtoll(ver, &end, 10) : -1;
	if (!ver || !*ver || *end || version < 0) {
		st = (struct score_state){ref, 400, "the form has no valid 'version' field", 1};
		return render(req, resp, bp, &st);
	}
	rc = save(req, bp, en, version, &changed, &e);
	if (!rc)
		return build_redirect(resp, bp, "portfolio", changed ? "scored" : "nochange", NULL,
				      ref);
	st.status = build_form_status(e.code);
	if (!st.status)
		return web_fail(req, resp, &e);
	if (build_reload(bp, &e2))
		return web_fail(req, resp, &e2);
	st.ref = ref;
	st.message = e.msg;
	st.keep = e.code != ERR_CONFLICT;
	if (e.code == ERR_CONFLICT && (en = portfolio_find(&bp->p, ref)))
		st.message = current_text(req, bp, en);
	return render(req, resp, bp, &st);
}
