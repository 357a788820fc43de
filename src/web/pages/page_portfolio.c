/*
 * page_portfolio.c - build step 3: the service portfolio (scoring).
 *
 * For every selected service, the current and target score (X.1060 9.4) of
 * each side its assignment uses: in-house, outsourced, both for hybrid, and
 * either for a service not yet assigned. The choices are the rubric's
 * criteria ("3 — not documented; someone else can stand in temporarily"),
 * never bare numbers. With each service: a note and evidence links.
 *
 * Server-side filters (GET ?cat= &todo=1 &assignment= &team=, see
 * page_portfolio_filter.c) keep the page short; the save keeps them. The
 * cards are ONE form with one Save button: each card carries the entry's
 * version and the values it showed (was_cur_insource:<ref>, ..., and a
 * digest of the note and of the evidence as shown, so an untouched text is
 * recognised without sending it twice); only the changed services are
 * applied, all in one transaction (page_portfolio_save.c, build_pages.h).
 * Assessors may only score the services assigned to their team
 * (ops_may_score): the others are read-only for them, and a save that
 * changes one of them is refused whole with 403.
 */
#include <stdint.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/level.h"
#include "core/rules.h"
#include "core/score.h"
#include "report/html.h"
#include "report/svg.h"
#include "web/pages/build_pages.h"
#include "web/pages/kit.h"
#include "web/pages/nav.h"
#include "web/pages/page.h"
#include "web/pages/page_portfolio_int.h"

#define SCORE_LABEL_MAX 1024

const char *const pf_cur_field[SIDE_COUNT] = {"cur_insource", "cur_outsource"};
const char *const pf_tgt_field[SIDE_COUNT] = {"tgt_insource", "tgt_outsource"};

/* ---- the card form's fields ---- */

bool pf_may_score(const struct build_page *bp, const struct entry *en)
{
	return bp->o.role >= ROLE_ASSESSOR && ops_may_score(&bp->who, en);
}

bool pf_offers_side(const struct entry *en, enum side s)
{
	return entry_uses_side(en, s);
}

bool pf_may_score_side(const struct build_page *bp, const struct entry *en, enum side s)
{
	return bp->o.role >= ROLE_ASSESSOR && ops_may_score_side(&bp->who, en, s);
}

/* "name:ref", the name of a field of the card of ref. */
static const char *fname(struct http_req *req, const char *name, const char *ref)
{
	return build_anchor(req, build_anchor(req, name, ":"), ref);
}

const char *pf_field(struct http_req *req, const char *name, const char *ref)
{
	return http_req_form(req, fname(req, name, ref));
}

const char *pf_score_value(char *out, size_t size, int score)
{
	if (score == SCORE_NONE)
		snprintf(out, size, "%s", "");
	else if (score == SCORE_NA)
		snprintf(out, size, "%s", "n/a");
	else
		snprintf(out, size, "%d", score);
	return out;
}

char *pf_normalise(struct http_req *req, const char *s, int links)
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

/* FNV-1a, 64 bits. */
const char *pf_digest(struct http_req *req, const char *text, int links)
{
	const unsigned char *s = (const unsigned char *)pf_normalise(req, text, links);
	uint64_t h = 14695981039346656037ULL;
	char *out = http_req_alloc(req, 17);

	for (; *s; s++) {
		h ^= *s;
		h *= 1099511628211ULL;
	}
	snprintf(out, 17, "%016llx", (unsigned long long)h);
	return out;
}

/* ---- one service's card ---- */

/*
 * The options of a score select are the same for every card with the same
 * scale, offered scores and stored score: a page of 56 services has some 180
 * selects but about a dozen distinct lists. Each is rendered once per page and
 * copied after that (PF_CHOICES_MAX of them; more are rendered each time).
 */
#define PF_CHOICES_MAX 64

struct pf_choices {
	size_t n;
	struct {
		const struct rubric *r;
		unsigned offered; /* bit v - min_score: score v is offered */
		int score;	  /* the stored score, selected */
		const char *html; /* per-request memory */
		size_t len;
	} v[PF_CHOICES_MAX];
};

/* How a card's controls are filled: stored values, or what was submitted. */
struct card_state {
	bool keep; /* show the submitted values */
	const struct build_row_error *error;
	struct pf_choices *choices; /* the page's rendered option lists */
};

/* The options of a score select: the scores offered (bit v - r->min_score of
 * offered), the stored score selected, or what was submitted when not NULL. */
static int score_options_render(struct buf *b, const struct build_page *bp, const struct rubric *r,
				unsigned offered, int score, const char *submitted)
{
	char label[SCORE_LABEL_MAX], value[16];
	int v;

	/* "not assessed" is only a choice while the side has no score:
	 * a score cannot be taken back to "not assessed" */
	if (score == SCORE_NONE || (submitted && !*submitted)) {
		build_score_label(label, sizeof(label), r, SCORE_NONE, bp->lang);
		html_open(b, "option", "value", "",
			  KIT_BOOL("selected", submitted ? !*submitted : score == SCORE_NONE),
			  (char *)NULL);
		html_fmt(b, "— %s</option>", label);
	}
	for (v = r->max_score; v >= r->min_score; v--) {
		if (!(offered >> (v - r->min_score) & 1))
			continue;
		snprintf(value, sizeof(value), "%d", v);
		build_score_label(label, sizeof(label), r, v, bp->lang);
		kit_option(b, value, label, submitted ? !strcmp(submitted, value) : score == v);
	}
	if (r->has_na) {
		build_score_label(label, sizeof(label), r, SCORE_NA, bp->lang);
		kit_option(b, "n/a", label,
			   submitted ? !strcmp(submitted, "n/a") : score == SCORE_NA);
	}
	return buf_status(b);
}

/* The options of a score select. For the current score of an unassigned
 * service (cur_of not NULL) only what the rule allows is offered: a service
 * nobody provides is not being done (rule_unassigned_current). */
static int score_options(struct http_req *req, struct buf *b, const struct build_page *bp,
			 const struct entry *en, enum side s, int score, const char *submitted,
			 const struct entry *cur_of, struct pf_choices *c)
{
	const struct rubric *r = entry_scale(&bp->p, en, s);
	unsigned offered = 0;
	struct buf one;
	size_t i;
	int v;

	for (v = r->min_score; v <= r->max_score && v - r->min_score < 32; v++)
		if (rubric_accepts(r, v) &&
		    !(cur_of && v != score && rule_unassigned_current(bp->fw, cur_of, s, v, NULL)))
			offered |= 1u << (v - r->min_score);
	if (submitted || !c) /* after a refused save: what was sent, as it was */
		return score_options_render(b, bp, r, offered, score, submitted);
	for (i = 0; i < c->n; i++)
		if (c->v[i].r == r && c->v[i].offered == offered && c->v[i].score == score)
			return buf_add(b, c->v[i].html, c->v[i].len);
	if (c->n == PF_CHOICES_MAX)
		return score_options_render(b, bp, r, offered, score, NULL);
	buf_init(&one, 64 * 1024);
	score_options_render(&one, bp, r, offered, score, NULL);
	if (!buf_status(&one)) {
		c->v[c->n].r = r;
		c->v[c->n].offered = offered;
		c->v[c->n].score = score;
		c->v[c->n].html = http_req_strdup(req, one.data);
		c->v[c->n].len = one.len;
		if (c->v[c->n].html)
			c->n++;
		buf_add(b, one.data, one.len);
	}
	buf_release(&one);
	return buf_status(b);
}

static int score_select(struct http_req *req, struct buf *b, const struct build_page *bp,
			const struct entry *en, enum side s, int which, const struct card_state *cs)
{
	const char *name = which ? pf_tgt_field[s] : pf_cur_field[s];
	const char *id = build_anchor(req, build_anchor(req, name, "-"), en->ref_id);
	int score = which ? en->score[s].target : en->score[s].current;
	char value[16];

	html_raw(b, "<div class=\"field\">");
	html_elem(b, "label", tr(bp->lang, which ? MSG_TARGET : MSG_CURRENT), "for", id,
		  (char *)NULL);
	html_open(b, "select", "id", id, "name", fname(req, name, en->ref_id), "aria-invalid",
		  cs->error ? "true" : NULL, "aria-describedby",
		  cs->error ? build_anchor(req, "err-", en->ref_id) : NULL, (char *)NULL);
	score_options(req, b, bp, en, s, score, cs->keep ? pf_field(req, name, en->ref_id) : NULL,
		      which ? NULL : en, cs->choices);
	html_raw(b, "</select>");
	kit_hidden(b, fname(req, build_anchor(req, "was_", name), en->ref_id),
		   pf_score_value(value, sizeof(value), score));
	html_raw(b, "</div>");
	return buf_status(b);
}

/* Evidence links as a list of links (only http and https are ever stored). */
static int evidence_list(struct buf *b, const char *evidence)
{
	const char *line = evidence;

	html_raw(b, "<ul class=\"evidence\">");
	while (line && *line) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		char *url = strndup(line, len);
		if (!url)
			return ERR_NOMEM;
		url[strcspn(url, "\r")] = 0;
		if (*url) {
			html_raw(b, "<li><a rel=\"noopener noreferrer nofollow\"");
			html_attr_url(b, "href", url);
			html_raw(b, ">");
			html_text(b, url);
			html_raw(b, "</a></li>");
		}
		free(url);
		line = end ? end + 1 : NULL;
	}
	html_raw(b, "</ul>");
	return buf_status(b);
}

/* What a side's scores are called: "In-house score", or for the one score of
 * a readiness component or parameter, what it measures. */
static const char *side_title(const struct build_page *bp, const struct entry *en, enum side s)
{
	if (entry_has_sides(en))
		return tr(bp->lang, s ? MSG_SIDE_OUTSOURCE : MSG_SIDE_INSOURCE);
	/* the scale's title heads the criteria above the cards */
	return tr(bp->lang, en->assessment == ASSESS_PARAMETER ? MSG_WEB_BUILD_MODEL_PARAMETER
							       : MSG_WEB_BUILD_MODEL_READINESS);
}

/* The current and target score of side s as <dt>/<dd> pairs. */
static int read_only_side(struct buf *b, const struct build_page *bp, const struct entry *en,
			  enum side s)
{
	const struct rubric *r = entry_scale(&bp->p, en, s);
	const char *side = side_title(bp, en, s);
	char label[SCORE_LABEL_MAX];

	build_score_label(label, sizeof(label), r, en->score[s].current, bp->lang);
	html_fmt(b, "<dt>%s — %s</dt><dd>%s</dd>", side, tr(bp->lang, MSG_CURRENT), label);
	build_score_label(label, sizeof(label), r, en->score[s].target, bp->lang);
	html_fmt(b, "<dt>%s — %s</dt><dd>%s</dd>", side, tr(bp->lang, MSG_TARGET), label);
	return buf_status(b);
}

static int read_only(struct buf *b, const struct build_page *bp, const struct entry *en)
{
	int s, rc = 0;

	html_raw(b, "<dl class=\"scores\">");
	for (s = 0; s < SIDE_COUNT; s++) {
		if (!pf_offers_side(en, s))
			continue;
		if (en->assignment == ASSIGN_UNASSIGNED && entry_has_sides(en) &&
		    en->score[s].current == SCORE_NONE && en->score[s].target == SCORE_NONE)
			continue;
		read_only_side(b, bp, en, s);
	}
	if (en->note)
		html_fmt(b, "<dt>%s</dt><dd class=\"note-text\">%s</dd>", tr(bp->lang, MSG_NOTE),
			 en->note);
	if (en->evidence) {
		html_fmt(b, "<dt>%s</dt><dd>", tr(bp->lang, MSG_WEB_BUILD_EVIDENCE));
		rc = evidence_list(b, en->evidence);
		html_raw(b, "</dd>");
	}
	html_raw(b, "</dl>");
	return rc ? rc : buf_status(b);
}

/* <textarea> with the text kept exactly: the newline after the start tag is
 * the one the HTML parser drops, so a leading newline of the text survives. */
static int textarea(struct http_req *req, struct buf *b, const char *name, const char *ref,
		    const char *text, const char *extra_name, const char *extra_value)
{
	const char *id = build_anchor(req, name, build_anchor(req, "-", ref));

	html_open(b, "textarea", "id", id, "name", fname(req, name, ref), "rows", "2", extra_name,
		  extra_value, (char *)NULL);
	html_raw(b, "\n");
	html_text(b, text);
	html_raw(b, "</textarea>");
	return buf_status(b);
}

static int notes_fields(struct http_req *req, struct buf *b, const struct build_page *bp,
			const struct entry *en, const struct card_state *cs)
{
	enum lang lang = bp->lang;
	const char *ref = en->ref_id;
	const char *note = cs->keep ? pf_field(req, "note", ref) : en->note;
	const char *ev = cs->keep ? pf_field(req, "evidence", ref) : en->evidence;
	int rc = 0;

	html_open(b, "details", "class", "more", KIT_BOOL("open", cs->error), (char *)NULL);
	html_raw(b, "<summary>");
	html_text(b, tr(lang, MSG_WEB_BUILD_NOTE_EVIDENCE));
	if (en->note || en->evidence)
		html_fmt(b, " <span class=\"hint\">(%s%s%s)</span>",
			 en->note ? tr(lang, MSG_NOTE) : "", en->note && en->evidence ? ", " : "",
			 en->evidence ? tr(lang, MSG_WEB_BUILD_EVIDENCE) : "");
	html_raw(b, "</summary><div class=\"field\">");
	html_elem(b, "label", tr(lang, MSG_NOTE), "for", build_anchor(req, "note-", ref),
		  (char *)NULL);
	textarea(req, b, "note", ref, note, "maxlength", "20000");
	html_raw(b, "</div><div class=\"field\">");
	html_elem(b, "label", tr(lang, MSG_WEB_BUILD_EVIDENCE), "for",
		  build_anchor(req, "evidence-", ref), (char *)NULL);
	html_elem(b, "span", tr(lang, MSG_WEB_BUILD_EVIDENCE_HINT), "class", "hint", "id",
		  build_anchor(req, "evh-", ref), (char *)NULL);
	textarea(req, b, "evidence", ref, ev, "aria-describedby", build_anchor(req, "evh-", ref));
	html_raw(b, "</div>");
	if (en->evidence && !cs->keep)
		rc = evidence_list(b, en->evidence);
	kit_hidden(b, fname(req, "was_note", ref), pf_digest(req, en->note, 0));
	kit_hidden(b, fname(req, "was_evidence", ref), pf_digest(req, en->evidence, 1));
	html_raw(b, "</details>");
	return rc ? rc : buf_status(b);
}

static int score_fields(struct http_req *req, struct buf *b, const struct build_page *bp,
			const struct entry *en, const struct card_state *cs)
{
	char version[32];
	int s;

	snprintf(version, sizeof(version), "%lld", en->version);
	kit_hidden(b, fname(req, "version", en->ref_id), version);
	html_raw(b, "<div class=\"sides\">");
	for (s = 0; s < SIDE_COUNT; s++) {
		if (!pf_offers_side(en, s))
			continue;
		if (!pf_may_score_side(bp, en, s)) {
			/* a side this user sees but does not score (an assessor's
			 * view of the provider's side of a hybrid service) */
			html_raw(b, "<dl class=\"scores side\">");
			read_only_side(b, bp, en, s);
			html_raw(b, "</dl>");
			continue;
		}
		html_raw(b, "<fieldset class=\"side\">");
		html_elem(b, "legend", side_title(bp, en, s), (char *)NULL);
		html_raw(b, "<div class=\"pair\">");
		score_select(req, b, bp, en, s, 0, cs);
		score_select(req, b, bp, en, s, 1, cs);
		html_raw(b, "</div></fieldset>");
	}
	html_raw(b, "</div>");
	return notes_fields(req, b, bp, en, cs);
}

static int entry_card(struct http_req *req, struct buf *b, const struct build_page *bp,
		      const struct entry *en, const struct build_fail *fail,
		      struct pf_choices *choices)
{
	enum lang lang = bp->lang;
	struct card_state cs = {false, build_fail_row(fail, en->ref_id), choices};
	char f1[SVG_FIGURE_MAX], f2[SVG_FIGURE_MAX];
	double cur, tgt;
	int rc;

	/* after a refused save the card shows what was sent, except a stale
	 * card, which shows what is stored now */
	cs.keep =
	    fail && pf_field(req, "version", en->ref_id) && !(cs.error && cs.error->status == 409);
	html_open(b, "article", "class", cs.error ? "entry card invalid" : "entry card", "id",
		  build_anchor(req, "s-", en->ref_id), (char *)NULL);
	html_fmt(b, "<h3><span class=\"ref\">%s</span> %s", en->ref_id,
		 entry_name(&bp->p, en, bp->lc));
	if (en->custom)
		html_fmt(b, " <span class=\"badge custom\">%s</span>",
			 tr(lang, MSG_CUSTOM_SERVICE));
	if (entry_provisional(&bp->p, en))
		html_fmt(b, " <span class=\"badge provisional\" title=\"%s\">%s</span>",
			 tr(lang, MSG_PROVISIONAL_NOTE), tr(lang, MSG_PROVISIONAL));
	html_raw(b, "</h3><p class=\"meta\">");
	build_level_badge(b, lang, en->level);
	html_raw(b, " ");
	build_assignment(b, lang, en);
	if (!entry_figure(en, 0, &cur) && !entry_figure(en, 1, &tgt))
		html_fmt(b, " · %s %s → %s %s", tr(lang, MSG_CURRENT), svg_figure(f1, cur),
			 tr(lang, MSG_TARGET), svg_figure(f2, tgt));
	html_raw(b, "</p>");
	if (cs.error)
		build_row_error_html(b, cs.error);
	if (pf_may_score(bp, en))
		rc = score_fields(req, b, bp, en, &cs);
	else
		rc = read_only(b, bp, en);
	html_raw(b, "</article>\n");
	return rc ? rc : buf_status(b);
}

/* One scale as a table of its points, captioned. */
static int scale_table(struct buf *b, const struct build_page *bp, const struct rubric *r,
		       const char *caption)
{
	char label[SCORE_LABEL_MAX];
	int v;

	html_raw(b, "<div><table>");
	html_elem(b, "caption", caption, (char *)NULL);
	for (v = r->max_score; v >= r->min_score; v--) {
		if (!rubric_accepts(r, v))
			continue;
		build_score_label(label, sizeof(label), r, v, bp->lang);
		html_fmt(b, "<tr><td>%s</td></tr>", label);
	}
	if (r->has_na) {
		build_score_label(label, sizeof(label), r, SCORE_NA, bp->lang);
		html_fmt(b, "<tr><td>%s</td></tr>", label);
	}
	html_raw(b, "</table></div>");
	return buf_status(b);
}

/* The criteria of every scale the portfolio's entries use: the service
 * rubrics per side (titled as the catalogue says whose they are), then the
 * readiness and parameter scales. */
static int rubric_help(struct buf *b, const struct build_page *bp)
{
	enum lang lang = bp->lang;
	int used[ASSESS_COUNT] = {0}, a, s;
	const char *title;
	size_t i;

	for (i = 0; i < bp->p.n_entries; i++) {
		const struct entry *en = &bp->p.entries[i];
		if (en->level != LEVEL_NOT_REQUIRED)
			used[entry_has_sides(en) ? ASSESS_SERVICE : en->assessment] = 1;
	}
	for (a = ASSESS_SERVICE; a < ASSESS_COUNT; a++) {
		const struct rubric *r0 = framework_scale(bp->fw, a, SIDE_INSOURCE);
		if (!used[a])
			continue;
		title = rubric_title(r0, bp->lc);
		html_raw(b, "<details class=\"rubric\"><summary>");
		html_text(b, title ? title : tr(lang, MSG_WEB_BUILD_RUBRIC));
		html_raw(b, "</summary><div class=\"grid\">");
		if (!assessment_has_sides(a))
			scale_table(b, bp, r0, tr(lang, MSG_WEB_BUILD_ONE_SCORE));
		for (s = 0; assessment_has_sides(a) && s < SIDE_COUNT; s++)
			scale_table(b, bp, &bp->fw->rubric[s],
				    tr(lang, s ? MSG_SIDE_OUTSOURCE : MSG_SIDE_INSOURCE));
		html_raw(b, "</div></details>\n");
	}
	return buf_status(b);
}

/* ---- the page ---- */

/* Is the entry on the page: it passes the filter, or (after a refused save)
 * it was in the form that was sent, so the user's input is not lost. */
static bool entry_shown(struct http_req *req, const struct build_page *bp, const struct entry *en,
			const struct pf_filter *f, const struct build_fail *fail)
{
	if (en->level == LEVEL_NOT_REQUIRED)
		return false;
	return pf_entry_matches(bp, en, f) || (fail && pf_field(req, "version", en->ref_id));
}

static int hidden_filter(struct buf *b, const char *name, const char *value)
{
	return value ? kit_hidden(b, name, value) : buf_status(b);
}

static int cards(struct http_req *req, struct buf *b, const struct build_page *bp,
		 const struct pf_filter *f, const struct build_fail *fail, const char *action)
{
	enum lang lang = bp->lang;
	struct pf_choices page_choices = {0}, *choices = &page_choices;
	const char *prev = NULL;
	char title[512];
	size_t i, editable = 0;
	bool open = false;
	int rc = 0;

	for (i = 0; i < bp->p.n_entries; i++)
		editable += entry_shown(req, bp, &bp->p.entries[i], f, fail) &&
			    pf_may_score(bp, &bp->p.entries[i]);
	if (editable) {
		html_open(b, "form", "method", "post", "action", action, "data-dirty-warn", "",
			  "id", "scores", (char *)NULL);
		web_csrf_field(req, b);
		hidden_filter(b, "f_cat", f->cat);
		hidden_filter(b, "f_assignment", f->assignment);
		hidden_filter(b, "f_team", f->team);
		hidden_filter(b, "f_todo", f->todo ? "1" : NULL);
		html_elem(b, "p", tr(lang, MSG_WEB_BUILD_SCORES_HINT), "class", "hint",
			  (char *)NULL);
	}
	for (i = 0; !rc && i < bp->p.n_entries; i++) {
		const struct entry *en = &bp->p.entries[i];
		const char *cat = entry_category(&bp->p, en);
		if (!entry_shown(req, bp, en, f, fail))
			continue;
		if (!prev || strcmp(prev, cat)) {
			if (open)
				html_raw(b, "</section>\n");
			html_open(b, "section", "class", "category", "aria-labelledby",
				  build_anchor(req, "cat-", cat), (char *)NULL);
			html_elem(b, "h2", pf_category_title(bp, cat, title, sizeof(title)), "id",
				  build_anchor(req, "cat-", cat), (char *)NULL);
			open = true;
			prev = cat;
		}
		rc = entry_card(req, b, bp, en, fail, choices);
	}
	if (open)
		html_raw(b, "</section>\n");
	if (editable) {
		html_raw(b, "<p class=\"actions sticky\">");
		html_elem(b, "button", tr(lang, MSG_WEB_BUILD_SAVE_SCORES), "type", "submit",
			  "class", "primary", (char *)NULL);
		html_raw(b, "</p></form>\n");
	}
	return rc ? rc : buf_status(b);
}

int pf_render(struct http_req *req, struct http_resp *resp, struct build_page *bp,
	      const struct pf_filter *f, const struct build_fail *fail)
{
	struct buf *b = &resp->body;
	enum lang lang = bp->lang;
	const char *action = build_url(req, bp, "portfolio");
	struct progress pg;
	size_t i, shown = 0;
	int rc = 0;

	if (!action)
		return ERR_TOO_LARGE;
	score_progress(&bp->p, &pg);
	for (i = 0; i < bp->p.n_entries; i++)
		shown += entry_shown(req, bp, &bp->p.entries[i], f, fail);
	web_build_step_begin(req, resp, &bp->o, bp->fw_id, TAB_PORTFOLIO, fail ? fail->status : 200,
			     MSG_WEB_BUILD_PORTFOLIO_INTRO);
	html_fmt(b, "<p class=\"meta\">%s%s%zu / %zu</p>\n",
		 tr(lang, MSG_REPORT_PROGRESS_PORTFOLIO), tr(lang, MSG_REPORT_COLON),
		 pg.portfolio_done, pg.portfolio_total);
	if (fail)
		build_fail_notice(b, bp, fail);
	else
		kit_done_notice(req, b);
	if (bp->o.role == ROLE_ASSESSOR)
		kit_notice(b, KIT_INFO, tr(lang, MSG_WEB_BUILD_ASSESSOR_HINT));
	rubric_help(b, bp);
	if (pg.portfolio_total)
		pf_filter_form(b, bp, f, action);
	if (pf_filter_active(f))
		html_fmt(b, "<p class=\"meta\" id=\"shown\">%s%s%zu / %zu</p>\n",
			 tr(lang, MSG_WEB_BUILD_SHOWN), tr(lang, MSG_REPORT_COLON), shown,
			 pg.portfolio_total);
	if (shown)
		rc = cards(req, b, bp, f, fail, action);
	else
		html_elem(b, "p",
			  tr(lang, pg.portfolio_total ? MSG_WEB_BUILD_NO_MATCH
						      : MSG_WEB_BUILD_NOTHING_SELECTED),
			  "class", "empty", (char *)NULL);
	page_end(req, resp);
	return rc ? rc : buf_status(b);
}

int page_portfolio(struct http_req *req, struct http_resp *resp)
{
	struct build_page *bp;
	struct pf_filter f;
	int rc = build_open(req, ROLE_VIEWER, &bp);

	if (rc)
		return rc;
	pf_filter_from(&f, http_req_query(req, "cat"), http_req_query(req, "todo"),
		       http_req_query(req, "assignment"), http_req_query(req, "team"));
	return pf_render(req, resp, bp, &f, NULL);
}
