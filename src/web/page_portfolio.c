/*
 * page_portfolio.c - build step 3: the service portfolio (scoring).
 *
 * For every selected service, the current and target score (X.1060 9.4) of
 * each side its assignment uses: in-house, outsourced, both for hybrid, and
 * either for a service not yet assigned. The choices are the rubric's
 * criteria ("3 — not documented; someone else can stand in temporarily"),
 * never bare numbers. With each service: a note and evidence links.
 *
 * Server-side filters (GET ?cat= &todo=1 &assignment= &team=) keep the page
 * short; the save keeps them. The cards are ONE form with one Save button:
 * each card carries the entry's version and the values it showed
 * (was_cur_insource:<ref>, ..., and a digest of the note and of the evidence
 * as shown, so an untouched text is recognised without sending it twice);
 * only the changed services are applied, all in one transaction (see
 * build_pages.h). Assessors may only score the services assigned to their
 * team (web_may_score): the others are read-only for them, and a save that
 * changes one of them is refused whole with 403.
 */
#include <stdint.h>
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
#define PF_FILTER_VALUE_MAX 200 /* bytes of one filter value that are used */
#define PF_FILTER_URL_MAX 1024

static const char *const cur_field[SIDE_COUNT] = {"cur_insource", "cur_outsource"};
static const char *const tgt_field[SIDE_COUNT] = {"tgt_insource", "tgt_outsource"};

/* What the page shows: every filter NULL / 0 shows every selected service. */
struct pf_filter {
	const char *cat;	/* category ref (entry_category) */
	const char *assignment; /* assignment name */
	const char *team;	/* team name */
	int todo;		/* only services not fully scored (entry_assessed) */
};

static int may_score(const struct build_page *bp, const struct entry *en)
{
	return bp->o.role >= ROLE_ASSESSOR && web_may_score(&bp->o, en);
}

/* Does the page offer this side of the entry? */
static int offers_side(const struct entry *en, enum side s)
{
	return assignment_uses_side(en->assignment, s);
}

/* "name:ref", the name of a field of the card of ref. */
static const char *fname(struct http_req *req, const char *name, const char *ref)
{
	return build_anchor(req, build_anchor(req, name, ":"), ref);
}

static const char *field(struct http_req *req, const char *name, const char *ref)
{
	return http_req_form(req, fname(req, name, ref));
}

/* The option value of a stored score: "" (not assessed), "n/a" or the number. */
static const char *score_value(char *out, size_t size, int score)
{
	if (score == SCORE_NONE)
		snprintf(out, size, "%s", "");
	else if (score == SCORE_NA)
		snprintf(out, size, "%s", "n/a");
	else
		snprintf(out, size, "%d", score);
	return out;
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

/* FNV-1a of a text as the form shows it (normalised), as 16 hex digits:
 * not a security measure, only "is this the text the form showed?". */
static const char *digest(struct http_req *req, const char *text, int links)
{
	const unsigned char *s = (const unsigned char *)normalise(req, text, links);
	uint64_t h = 14695981039346656037ULL;
	char *out = http_req_alloc(req, 17);

	for (; *s; s++) {
		h ^= *s;
		h *= 1099511628211ULL;
	}
	snprintf(out, 17, "%016llx", (unsigned long long)h);
	return out;
}

/* ---- filters ---- */

static const char *filter_value(const char *s)
{
	return s && *s && strlen(s) <= PF_FILTER_VALUE_MAX ? s : NULL;
}

static void filter_from(struct pf_filter *f, const char *cat, const char *todo,
			const char *assignment, const char *team)
{
	f->cat = filter_value(cat);
	f->todo = todo && !strcmp(todo, "1");
	f->assignment = filter_value(assignment);
	if (f->assignment && assignment_parse(f->assignment) < 0)
		f->assignment = NULL;
	f->team = filter_value(team);
}

static int filter_active(const struct pf_filter *f)
{
	return f->cat || f->todo || f->assignment || f->team;
}

static int entry_matches(const struct build_page *bp, const struct entry *en,
			 const struct pf_filter *f)
{
	if (en->level == LEVEL_NOT_REQUIRED)
		return 0;
	if (f->cat && strcmp(entry_category(&bp->p, en), f->cat))
		return 0;
	if (f->todo && entry_assessed(en))
		return 0;
	if (f->assignment && strcmp(assignment_name(en->assignment), f->assignment))
		return 0;
	return !f->team || (en->team && !strcmp(en->team, f->team));
}

/* "&cat=..&todo=1&assignment=..&team=.." to come back to the same view. */
static const char *filter_query(struct http_req *req, const struct pf_filter *f, const char *lead)
{
	const char *names[] = {"cat", "assignment", "team"};
	const char *values[] = {f->cat, f->assignment, f->team};
	struct buf b;
	const char *s = NULL;
	size_t i;
	int rc;

	buf_init(&b, PF_FILTER_URL_MAX);
	rc = lead ? buf_addstr(&b, lead) : 0;
	for (i = 0; !rc && i < sizeof(names) / sizeof(names[0]); i++) {
		if (!values[i])
			continue;
		rc = buf_printf(&b, "&%s=", names[i]);
		if (!rc)
			rc = http_percent_encode(&b, values[i]);
	}
	if (!rc && f->todo)
		rc = buf_addstr(&b, "&todo=1");
	if (!rc)
		s = http_req_strdup(req, b.data);
	buf_release(&b);
	return s;
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

static int option(struct buf *b, const char *value, const char *text, int selected)
{
	int rc =
	    html_open(b, "option", "value", value, "selected", selected ? "" : NULL, (char *)NULL);

	if (!rc)
		rc = html_text(b, text);
	return rc ? rc : html_close(b, "option");
}

static int same(const char *a, const char *b)
{
	return !strcmp(a ? a : "", b ? b : "");
}

/* Has an earlier selected entry (before index i) the same category / team? */
static int listed_before(const struct build_page *bp, size_t i, int team)
{
	const struct entry *en = &bp->p.entries[i];
	size_t j;

	for (j = 0; j < i; j++) {
		const struct entry *o = &bp->p.entries[j];
		if (o->level == LEVEL_NOT_REQUIRED)
			continue;
		if (team ? same(o->team, en->team)
			 : !strcmp(entry_category(&bp->p, o), entry_category(&bp->p, en)))
			return 1;
	}
	return 0;
}

static int filter_form(struct buf *b, const struct build_page *bp, const struct pf_filter *f,
		       const char *action)
{
	enum lang lang = bp->lang;
	char title[512];
	size_t i;
	int rc, a;

	rc = html_open(b, "form", "method", "get", "action", action, "class", "toolbar filter",
		       "role", "search", (char *)NULL);
	if (!rc)
		rc = html_raw(b, "<div>");
	if (!rc)
		rc = html_elem(b, "label", tr(lang, MSG_CATEGORY), "for", "f-cat", (char *)NULL);
	if (!rc)
		rc = html_raw(b, "<select id=\"f-cat\" name=\"cat\">");
	if (!rc)
		rc = option(b, "", tr(lang, MSG_WEB_BUILD_ALL_CATEGORIES), !f->cat);
	for (i = 0; !rc && i < bp->p.n_entries; i++) {
		const struct entry *en = &bp->p.entries[i];
		const char *cat = entry_category(&bp->p, en);
		if (en->level == LEVEL_NOT_REQUIRED || listed_before(bp, i, 0))
			continue;
		rc = option(b, cat, category_title(bp, cat, title, sizeof(title)),
			    f->cat && !strcmp(f->cat, cat));
	}
	if (!rc)
		rc = html_raw(b, "</select></div><div>");
	if (!rc)
		rc = html_elem(b, "label", tr(lang, MSG_ASSIGNMENT), "for", "f-assignment",
			       (char *)NULL);
	if (!rc)
		rc = html_raw(b, "<select id=\"f-assignment\" name=\"assignment\">");
	if (!rc)
		rc = option(b, "", tr(lang, MSG_WEB_BUILD_ALL_ASSIGNMENTS), !f->assignment);
	for (a = ASSIGN_UNASSIGNED; !rc && a < ASSIGN_COUNT; a++)
		rc = option(b, assignment_name(a), tr_assignment(lang, a),
			    same(f->assignment, assignment_name(a)));
	if (!rc)
		rc = html_raw(b, "</select></div><div>");
	if (!rc)
		rc = html_elem(b, "label", tr(lang, MSG_TEAM), "for", "f-team", (char *)NULL);
	if (!rc)
		rc = html_raw(b, "<select id=\"f-team\" name=\"team\">");
	if (!rc)
		rc = option(b, "", tr(lang, MSG_WEB_BUILD_ALL_TEAMS), !f->team);
	for (i = 0; !rc && i < bp->p.n_entries; i++) {
		const struct entry *en = &bp->p.entries[i];
		if (en->level == LEVEL_NOT_REQUIRED || !en->team || listed_before(bp, i, 1))
			continue;
		rc = option(b, en->team, en->team, same(f->team, en->team));
	}
	if (!rc)
		rc = html_raw(b, "</select></div><div class=\"check\">");
	if (!rc)
		rc = html_open(b, "input", "type", "checkbox", "id", "f-todo", "name", "todo",
			       "value", "1", "checked", f->todo ? "" : NULL, (char *)NULL);
	if (!rc)
		rc = html_elem(b, "label", tr(lang, MSG_WEB_BUILD_ONLY_TODO), "for", "f-todo",
			       (char *)NULL);
	if (!rc)
		rc = html_raw(b, "</div><div>");
	if (!rc)
		rc = html_elem(b, "button", tr(lang, MSG_WEB_BUILD_FILTER), "type", "submit",
			       (char *)NULL);
	if (!rc && filter_active(f)) {
		rc = html_raw(b, " ");
		if (!rc)
			rc = html_elem(b, "a", tr(lang, MSG_WEB_BUILD_CLEAR_FILTER), "href", action,
				       (char *)NULL);
	}
	return rc ? rc : html_raw(b, "</div></form>\n");
}

/* ---- one service's card ---- */

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
		rc = option(b, value, label, sel);
	}
	if (!rc && r->has_na) {
		sel = submitted ? !strcmp(submitted, "n/a") : score == SCORE_NA;
		build_score_label(label, sizeof(label), bp->fw, s, SCORE_NA, bp->lang);
		rc = option(b, "n/a", label, sel);
	}
	return rc;
}

/* How a card's controls are filled: stored values, or what was submitted. */
struct card_state {
	int keep; /* show the submitted values */
	const struct build_row_error *error;
};

static int score_select(struct http_req *req, struct buf *b, const struct build_page *bp,
			const struct entry *en, enum side s, int which, const struct card_state *cs)
{
	const char *name = which ? tgt_field[s] : cur_field[s];
	const char *id = build_anchor(req, build_anchor(req, name, "-"), en->ref_id);
	int score = which ? en->score[s].target : en->score[s].current;
	char value[16];
	int rc = html_raw(b, "<div class=\"field\">");

	if (!rc)
		rc = html_elem(b, "label", tr(bp->lang, which ? MSG_TARGET : MSG_CURRENT), "for",
			       id, (char *)NULL);
	if (!rc)
		rc = html_open(b, "select", "id", id, "name", fname(req, name, en->ref_id),
			       "aria-invalid", cs->error ? "true" : NULL, "aria-describedby",
			       cs->error ? build_anchor(req, "err-", en->ref_id) : NULL,
			       (char *)NULL);
	if (!rc)
		rc = score_options(b, bp, s, score, cs->keep ? field(req, name, en->ref_id) : NULL);
	if (!rc)
		rc = html_raw(b, "</select>");
	if (!rc)
		rc = html_open(b, "input", "type", "hidden", "name",
			       fname(req, build_anchor(req, "was_", name), en->ref_id), "value",
			       score_value(value, sizeof(value), score), (char *)NULL);
	return rc ? rc : html_raw(b, "</div>");
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

/* <textarea> with the text kept exactly: the newline after the start tag is
 * the one the HTML parser drops, so a leading newline of the text survives. */
static int textarea(struct http_req *req, struct buf *b, const char *name, const char *ref,
		    const char *text, const char *extra_name, const char *extra_value)
{
	const char *id = build_anchor(req, name, build_anchor(req, "-", ref));
	int rc = html_open(b, "textarea", "id", id, "name", fname(req, name, ref), "rows", "2",
			   extra_name, extra_value, (char *)NULL);

	if (!rc)
		rc = html_raw(b, "\n");
	if (!rc)
		rc = html_text(b, text);
	return rc ? rc : html_raw(b, "</textarea>");
}

static int notes_fields(struct http_req *req, struct buf *b, const struct build_page *bp,
			const struct entry *en, const struct card_state *cs)
{
	enum lang lang = bp->lang;
	const char *ref = en->ref_id;
	const char *note = cs->keep ? field(req, "note", ref) : en->note;
	const char *ev = cs->keep ? field(req, "evidence", ref) : en->evidence;
	int rc;

	rc = html_open(b, "details", "class", "more", "open", cs->error ? "" : NULL, (char *)NULL);
	if (!rc)
		rc = html_raw(b, "<summary>");
	if (!rc)
		rc = html_text(b, tr(lang, MSG_WEB_BUILD_NOTE_EVIDENCE));
	if (!rc && (en->note || en->evidence))
		rc = html_fmt(b, " <span class=\"hint\">(%s%s%s)</span>",
			      en->note ? tr(lang, MSG_NOTE) : "",
			      en->note && en->evidence ? ", " : "",
			      en->evidence ? tr(lang, MSG_WEB_BUILD_EVIDENCE) : "");
	if (!rc)
		rc = html_raw(b, "</summary><div class=\"field\">");
	if (!rc)
		rc = html_elem(b, "label", tr(lang, MSG_NOTE), "for",
			       build_anchor(req, "note-", ref), (char *)NULL);
	if (!rc)
		rc = textarea(req, b, "note", ref, note, "maxlength", "20000");
	if (!rc)
		rc = html_raw(b, "</div><div class=\"field\">");
	if (!rc)
		rc = html_elem(b, "label", tr(lang, MSG_WEB_BUILD_EVIDENCE), "for",
			       build_anchor(req, "evidence-", ref), (char *)NULL);
	if (!rc)
		rc = html_elem(b, "span", tr(lang, MSG_WEB_BUILD_EVIDENCE_HINT), "class", "hint",
			       "id", build_anchor(req, "evh-", ref), (char *)NULL);
	if (!rc)
		rc = textarea(req, b, "evidence", ref, ev, "aria-describedby",
			      build_anchor(req, "evh-", ref));
	if (!rc)
		rc = html_raw(b, "</div>");
	if (!rc && en->evidence && !cs->keep)
		rc = evidence_list(b, en->evidence);
	if (!rc)
		rc = html_open(b, "input", "type", "hidden", "name", fname(req, "was_note", ref),
			       "value", digest(req, en->note, 0), (char *)NULL);
	if (!rc)
		rc =
		    html_open(b, "input", "type", "hidden", "name", fname(req, "was_evidence", ref),
			      "value", digest(req, en->evidence, 1), (char *)NULL);
	return rc ? rc : html_raw(b, "</details>");
}

static int score_fields(struct http_req *req, struct buf *b, const struct build_page *bp,
			const struct entry *en, const struct card_state *cs)
{
	char version[32];
	int rc, s;

	snprintf(version, sizeof(version), "%lld", en->version);
	rc = html_open(b, "input", "type", "hidden", "name", fname(req, "version", en->ref_id),
		       "value", version, (char *)NULL);
	if (!rc)
		rc = html_raw(b, "<div class=\"sides\">");
	for (s = 0; !rc && s < SIDE_COUNT; s++) {
		if (!offers_side(en, s))
			continue;
		rc = html_raw(b, "<fieldset class=\"side\">");
		if (!rc)
			rc = html_elem(b, "legend",
				       tr(bp->lang, s ? MSG_SIDE_OUTSOURCE : MSG_SIDE_INSOURCE),
				       (char *)NULL);
		if (!rc)
			rc = html_raw(b, "<div class=\"pair\">");
		if (!rc)
			rc = score_select(req, b, bp, en, s, 0, cs);
		if (!rc)
			rc = score_select(req, b, bp, en, s, 1, cs);
		if (!rc)
			rc = html_raw(b, "</div></fieldset>");
	}
	if (!rc)
		rc = html_raw(b, "</div>");
	return rc ? rc : notes_fields(req, b, bp, en, cs);
}

static int entry_card(struct http_req *req, struct buf *b, const struct build_page *bp,
		      const struct entry *en, const struct build_fail *fail)
{
	enum lang lang = bp->lang;
	struct card_state cs = {0, build_fail_row(fail, en->ref_id)};
	char f1[SVG_FIGURE_MAX], f2[SVG_FIGURE_MAX];
	double cur, tgt;
	int rc;

	/* after a refused save the card shows what was sent, except a stale
	 * card, which shows what is stored now */
	cs.keep =
	    fail && field(req, "version", en->ref_id) && !(cs.error && cs.error->status == 409);
	rc = html_open(b, "article", "class", cs.error ? "entry card invalid" : "entry card", "id",
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
	if (!rc && cs.error)
		rc = build_row_error_html(b, cs.error);
	if (!rc && may_score(bp, en))
		rc = score_fields(req, b, bp, en, &cs);
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

/* ---- the page ---- */

/* Is the entry on the page: it passes the filter, or (after a refused save)
 * it was in the form that was sent, so the user's input is not lost. */
static int entry_shown(struct http_req *req, const struct build_page *bp, const struct entry *en,
		       const struct pf_filter *f, const struct build_fail *fail)
{
	if (en->level == LEVEL_NOT_REQUIRED)
		return 0;
	return entry_matches(bp, en, f) || (fail && field(req, "version", en->ref_id));
}

static int hidden_filter(struct buf *b, const char *name, const char *value)
{
	if (!value)
		return 0;
	return html_open(b, "input", "type", "hidden", "name", name, "value", value, (char *)NULL);
}

static int cards(struct http_req *req, struct buf *b, const struct build_page *bp,
		 const struct pf_filter *f, const struct build_fail *fail, const char *action)
{
	enum lang lang = bp->lang;
	const char *prev = NULL;
	char title[512];
	size_t i, editable = 0;
	int rc = 0, open = 0;

	for (i = 0; i < bp->p.n_entries; i++)
		editable += entry_shown(req, bp, &bp->p.entries[i], f, fail) &&
			    may_score(bp, &bp->p.entries[i]);
	if (editable) {
		rc = html_open(b, "form", "method", "post", "action", action, "data-dirty-warn", "",
			       "id", "scores", (char *)NULL);
		if (!rc)
			rc = web_csrf_field(req, b);
		if (!rc)
			rc = hidden_filter(b, "f_cat", f->cat);
		if (!rc)
			rc = hidden_filter(b, "f_assignment", f->assignment);
		if (!rc)
			rc = hidden_filter(b, "f_team", f->team);
		if (!rc)
			rc = hidden_filter(b, "f_todo", f->todo ? "1" : NULL);
		if (!rc)
			rc = html_elem(b, "p", tr(lang, MSG_WEB_BUILD_SCORES_HINT), "class", "hint",
				       (char *)NULL);
	}
	for (i = 0; !rc && i < bp->p.n_entries; i++) {
		const struct entry *en = &bp->p.entries[i];
		const char *cat = entry_category(&bp->p, en);
		if (!entry_shown(req, bp, en, f, fail))
			continue;
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
			rc = entry_card(req, b, bp, en, fail);
	}
	if (!rc && open)
		rc = html_raw(b, "</section>\n");
	if (!rc && editable) {
		rc = html_raw(b, "<p class=\"actions sticky\">");
		if (!rc)
			rc = html_elem(b, "button", tr(lang, MSG_WEB_BUILD_SAVE_SCORES), "type",
				       "submit", "class", "primary", (char *)NULL);
		if (!rc)
			rc = html_raw(b, "</p></form>\n");
	}
	return rc;
}

static int render(struct http_req *req, struct http_resp *resp, struct build_page *bp,
		  const struct pf_filter *f, const struct build_fail *fail)
{
	struct buf *b = &resp->body;
	enum lang lang = bp->lang;
	const char *action = build_url(req, bp, "portfolio");
	struct progress pg;
	size_t i, shown = 0;
	int rc;

	if (!action)
		return ERR_TOO_LARGE;
	score_progress(&bp->p, &pg);
	for (i = 0; i < bp->p.n_entries; i++)
		shown += entry_shown(req, bp, &bp->p.entries[i], f, fail);
	rc = page_begin(req, resp, fail ? fail->status : 200, tr(lang, MSG_PORTFOLIO));
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
	if (!rc && !fail)
		rc = build_done_notice(req, b);
	if (!rc && fail)
		rc = build_fail_notice(b, bp, fail);
	if (!rc && bp->o.role == ROLE_ASSESSOR)
		rc = build_notice(b, "info", tr(lang, MSG_WEB_BUILD_ASSESSOR_HINT));
	if (!rc)
		rc = rubric_help(b, bp);
	if (!rc && pg.portfolio_total)
		rc = filter_form(b, bp, f, action);
	if (!rc && filter_active(f))
		rc = html_fmt(b, "<p class=\"meta\" id=\"shown\">%s%s%zu / %zu</p>\n",
			      tr(lang, MSG_WEB_BUILD_SHOWN), tr(lang, MSG_REPORT_COLON), shown,
			      pg.portfolio_total);
	if (!rc && shown)
		rc = cards(req, b, bp, f, fail, action);
	if (!rc && !shown)
		rc = html_elem(b, "p",
			       tr(lang, pg.portfolio_total ? MSG_WEB_BUILD_NO_MATCH
							   : MSG_WEB_BUILD_NOTHING_SELECTED),
			       "class", "empty", (char *)NULL);
	return rc ? rc : page_end(req, resp);
}

int page_portfolio(struct http_req *req, struct http_resp *resp)
{
	struct build_page *bp;
	struct pf_filter f;
	int rc = build_open(req, resp, ROLE_VIEWER, &bp);

	if (rc)
		return rc > 0 ? 0 : rc;
	filter_from(&f, http_req_query(req, "cat"), http_req_query(req, "todo"),
		    http_req_query(req, "assignment"), http_req_query(req, "team"));
	return render(req, resp, bp, &f, NULL);
}

/* ---- saving ---- */

/* "In-house score: Current 4, Target 5" for a stale card (plain text). */
static const char *current_text(struct http_req *req, const struct build_page *bp,
				const struct entry *en)
{
	char cur[16], tgt[16];
	struct buf b;
	const char *s;
	int side, n = 0;

	buf_init(&b, 4096);
	for (side = 0; side < SIDE_COUNT; side++) {
		const struct score_pair *sp = &en->score[side];
		if (!offers_side(en, side))
			continue;
		snprintf(cur, sizeof(cur), "%d", sp->current);
		snprintf(tgt, sizeof(tgt), "%d", sp->target);
		buf_printf(&b, "%s%s%s%s %s, %s %s", n++ ? "; " : "",
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

/* One changed service of the form: NULL fields are left as they are. */
struct score_change {
	const struct entry *en;
	long long version;
	const char *cur[SIDE_COUNT], *tgt[SIDE_COUNT];
	const char *note, *evidence; /* normalised */
};

/* A localised card message "text" or "text: extra", and the English detail. */
static void refuse(struct http_req *req, struct build_fail *f, const struct build_page *bp,
		   int status, const char *ref, enum msg_id text, const char *extra,
		   const char *detail)
{
	char msg[1024];

	snprintf(msg, sizeof(msg), "%s%s%s", tr(bp->lang, text),
		 extra ? tr(bp->lang, MSG_REPORT_COLON) : "", extra ? extra : "");
	build_fail_add(req, f, status, ref, msg, detail);
}

/* The ref of a field of a card ("cur_insource:A-1" -> "A-1"), or NULL. */
static const char *card_ref(const char *name)
{
	static const char *const prefixes[] = {
	    "version:",	      "cur_insource:", "tgt_insource:", "cur_outsource:",
	    "tgt_outsource:", "note:",	       "evidence:",
	};
	size_t i, n;

	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
		n = strlen(prefixes[i]);
		if (!strncmp(name, prefixes[i], n))
			return name + n;
	}
	return NULL;
}

/*
 * What the card of ref changes. A field differs from what the card showed
 * (its was_ field); for a card the user may not score, and for a field sent
 * without its was_ field, from what is stored. A score of "" (not assessed)
 * changes nothing. Returns whether anything changes.
 */
static int card_changes(struct http_req *req, const struct build_page *bp, const char *ref,
			const struct entry *en, struct score_change *c)
{
	int trust_was = !en || may_score(bp, en), any = 0, s, w;
	const char *v, *was;
	char stored[16];

	memset(c, 0, sizeof(*c));
	c->en = en;
	for (s = 0; s < SIDE_COUNT; s++) {
		for (w = 0; w < 2; w++) {
			const char *name = w ? tgt_field[s] : cur_field[s];
			v = field(req, name, ref);
			if (!v || !*v)
				continue;
			was = trust_was ? field(req, build_anchor(req, "was_", name), ref) : NULL;
			if (!was && en)
				was = score_value(stored, sizeof(stored),
						  w ? en->score[s].target : en->score[s].current);
			if (same(v, was))
				continue;
			if (w)
				c->tgt[s] = v;
			else
				c->cur[s] = v;
			any = 1;
		}
	}
	for (w = 0; w < 2; w++) {
		v = field(req, w ? "evidence" : "note", ref);
		if (!v)
			continue;
		was = trust_was ? field(req, w ? "was_evidence" : "was_note", ref) : NULL;
		if (!was)
			was = digest(req, en ? (w ? en->evidence : en->note) : NULL, w);
		if (!strcmp(digest(req, v, w), was))
			continue;
		if (w)
			c->evidence = normalise(req, v, 1);
		else
			c->note = normalise(req, v, 0);
		any = 1;
	}
	return any;
}

/* The changed cards of the form, checked against what is stored now (call
 * inside the transaction, after build_reload); refusals go to f. */
static struct score_change *collect(struct http_req *req, const struct build_page *bp,
				    struct build_fail *f, size_t *n)
{
	const struct http_params *form = &req->form;
	struct score_change *v = http_req_alloc(req, (form->n + 1) * sizeof(*v));
	const char **seen = http_req_alloc(req, (form->n + 1) * sizeof(*seen));
	size_t i, j, n_seen = 0;
	char detail[512];

	*n = 0;
	for (i = 0; i < form->n; i++) {
		const char *ref = card_ref(form->v[i].name), *ver;
		const struct entry *en;
		char *end = NULL;
		if (!ref)
			continue;
		for (j = 0; j < n_seen && strcmp(seen[j], ref); j++)
			;
		if (j < n_seen)
			continue;
		seen[n_seen++] = ref;
		en = portfolio_find(&bp->p, ref);
		if (en && en->level == LEVEL_NOT_REQUIRED)
			en = NULL;
		if (!card_changes(req, bp, ref, en, &v[*n]))
			continue;
		if (!en) {
			snprintf(detail, sizeof(detail),
				 "'%s' is not a selected service of this portfolio", ref);
			refuse(req, f, bp, 400, ref, MSG_WEB_BUILD_E_UNKNOWN_SERVICE, NULL, detail);
			continue;
		}
		if (!may_score(bp, en)) {
			snprintf(detail, sizeof(detail), "'%s' is not assigned to your team", ref);
			refuse(req, f, bp, 403, ref, MSG_WEB_BUILD_E_DENIED, NULL, detail);
			continue;
		}
		ver = field(req, "version", ref);
		v[*n].version = ver && *ver ? strtoll(ver, &end, 10) : -1;
		if (!ver || !*ver || *end || v[*n].version < 0) {
			snprintf(detail, sizeof(detail), "no valid 'version:%s' field", ref);
			refuse(req, f, bp, 400, ref, MSG_WEB_BUILD_E_NO_VERSION, NULL, detail);
			continue;
		}
		if (v[*n].version != en->version) {
			snprintf(detail, sizeof(detail),
				 "'%s' is at version %lld, the form had %lld", ref, en->version,
				 v[*n].version);
			refuse(req, f, bp, 409, ref, MSG_WEB_BUILD_E_STALE,
			       current_text(req, bp, en), detail);
			continue;
		}
		(*n)++;
	}
	return v;
}

/* A bad evidence line (not http:// or https://), or NULL. */
static const char *bad_link(const char *evidence)
{
	const char *line = evidence;

	while (line && *line) {
		size_t len = strcspn(line, "\n");
		if (len && strncmp(line, "https://", 8) && strncmp(line, "http://", 7))
			return line;
		line += len + (line[len] == '\n');
	}
	return NULL;
}

/* What the page knows about a card before ops_score and ops_evidence see it. */
static void validate(struct http_req *req, const struct build_page *bp,
		     const struct score_change *c, struct build_fail *f)
{
	const char *ref = c->en->ref_id, *line;
	char detail[512], extra[512];
	int s, w, score;

	for (s = 0; s < SIDE_COUNT; s++) {
		const struct rubric *r = &bp->fw->rubric[s];
		for (w = 0; w < 2; w++) {
			const char *v = w ? c->tgt[s] : c->cur[s];
			if (!v)
				continue;
			snprintf(extra, sizeof(extra), "%s, %s (%d–%d%s%s)",
				 tr(bp->lang, s ? MSG_SIDE_OUTSOURCE : MSG_SIDE_INSOURCE),
				 tr(bp->lang, w ? MSG_TARGET : MSG_CURRENT), r->min_score,
				 r->max_score, r->has_na ? ", " : "",
				 r->has_na ? tr(bp->lang, MSG_NA) : "");
			if (!offers_side(c->en, s)) {
				snprintf(detail, sizeof(detail),
					 "'%s' is %s; its %s side cannot be scored", ref,
					 assignment_name(c->en->assignment), side_name(s));
				refuse(req, f, bp, 400, ref, MSG_WEB_BUILD_E_SIDE, extra, detail);
				return;
			}
			if (score_parse(v, &score) || !rubric_accepts(r, score)) {
				snprintf(detail, sizeof(detail),
					 "%s score for '%s' must be %d-%d%s, got '%.32s'",
					 w ? "target" : "current", ref, r->min_score, r->max_score,
					 r->has_na ? " or n/a" : "", v);
				refuse(req, f, bp, 400, ref, MSG_WEB_BUILD_E_SCORE, extra, detail);
				return;
			}
		}
	}
	for (w = 0; w < 2; w++) {
		const char *text = w ? c->evidence : c->note;
		if (!text || strlen(text) <= STORE_TEXT_MAX)
			continue;
		snprintf(detail, sizeof(detail), "%s for '%s' is longer than %d bytes",
			 w ? "evidence" : "note", ref, STORE_TEXT_MAX);
		refuse(req, f, bp, 413, ref, MSG_WEB_BUILD_E_TOO_LONG,
		       tr(bp->lang, w ? MSG_WEB_BUILD_EVIDENCE : MSG_NOTE), detail);
		return;
	}
	if ((line = bad_link(c->evidence))) {
		int len = (int)strcspn(line, "\n");
		snprintf(extra, sizeof(extra), "%.*s", len > 80 ? 80 : len, line);
		snprintf(detail, sizeof(detail),
			 "evidence link for '%s' must start with http:// or https://", ref);
		refuse(req, f, bp, 400, ref, MSG_WEB_BUILD_E_EVIDENCE, extra, detail);
	}
}

/* Apply one card: the changed sides (the first call checks the version,
 * inside the caller's transaction), the note, the evidence. */
static int apply(const struct build_page *bp, const struct score_change *c, struct err *e)
{
	const char *ref = c->en->ref_id, *note = c->note;
	long long expect = c->version;
	int rc = 0, s;

	for (s = 0; !rc && s < SIDE_COUNT; s++) {
		if (!c->cur[s] && !c->tgt[s])
			continue;
		rc = ops_score(bp->st, bp->o.name, bp->fw_id, ref, side_name(s), c->cur[s],
			       c->tgt[s], note, expect, e);
		note = NULL;
		expect = -1;
	}
	if (!rc && note) {
		for (s = 0; s < SIDE_COUNT - 1 && !offers_side(c->en, s); s++)
			;
		rc = ops_score(bp->st, bp->o.name, bp->fw_id, ref, side_name(s), NULL, NULL, note,
			       expect, e);
		expect = -1;
	}
	if (!rc && c->evidence)
		rc = ops_evidence(bp->st, bp->o.name, bp->fw_id, ref, c->evidence, expect, e);
	return rc;
}

/*
 * Apply the changed cards in one transaction. Returns 0 with *n_saved and
 * *first set, 1 with f filled (nothing applied), or < 0 on a failure that
 * is not the user's (e set).
 */
static int save(struct http_req *req, struct build_page *bp, struct build_fail *f, size_t *n_saved,
		const char **first, struct err *e)
{
	struct score_change *v;
	size_t n, i;
	int rc, status;

	*n_saved = 0;
	*first = NULL;
	rc = build_begin(bp, e);
	if (rc)
		return rc;
	rc = build_reload(bp, e); /* what is stored now, inside the transaction */
	if (rc)
		return build_end(bp, rc, e);
	v = collect(req, bp, f, &n);
	for (i = 0; !f->n && i < n; i++)
		validate(req, bp, &v[i], f);
	for (i = 0; !f->n && !rc && i < n; i++) {
		rc = apply(bp, &v[i], e);
		if (rc && (status = build_form_status(e->code))) {
			refuse(req, f, bp, status, v[i].en->ref_id, MSG_WEB_BUILD_E_FAILED, NULL,
			       e->msg);
			rc = 0;
		}
	}
	if (f->n)
		rc = ERR_INVALID; /* roll back whatever was applied */
	rc = build_end(bp, rc, e);
	if (f->n)
		return 1;
	if (!rc) {
		*n_saved = n;
		*first = n ? v[0].en->ref_id : NULL;
	}
	return rc;
}

int page_portfolio_post(struct http_req *req, struct http_resp *resp)
{
	struct build_fail fail = {0};
	struct err e = ERR_INIT;
	struct build_page *bp;
	struct pf_filter f;
	const char *first, *extra;
	char count[32];
	size_t n;
	int rc = build_open(req, resp, ROLE_ASSESSOR, &bp);

	if (rc)
		return rc > 0 ? 0 : rc;
	web_store_actor(req);
	filter_from(&f, http_req_form(req, "f_cat"), http_req_form(req, "f_todo"),
		    http_req_form(req, "f_assignment"), http_req_form(req, "f_team"));
	rc = save(req, bp, &fail, &n, &first, &e);
	if (rc < 0)
		return web_fail(req, resp, &e);
	if (rc > 0) {
		if (build_reload(bp, &e))
			return web_fail(req, resp, &e);
		return render(req, resp, bp, &f, &fail);
	}
	snprintf(count, sizeof(count), "&n=%zu", n);
	extra = filter_query(req, &f, n ? count : NULL);
	if (!extra)
		return ERR_TOO_LARGE;
	return build_redirect(resp, bp, "portfolio", n ? "saved" : "nochange", extra, first);
}
