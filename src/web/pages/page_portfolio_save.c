/*
 * page_portfolio_save.c - POST of the portfolio page: read the one form of
 * cards, keep the services whose values differ from what their card showed,
 * check each against what is stored now (version, the viewer's team, the
 * rubric, the text ceilings, evidence links), and apply them all in one
 * transaction, or none (see build_pages.h). A refused save shows the page
 * again with the user's input; a saved one answers 303 to the same view.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/level.h"
#include "core/score.h"
#include "ops/ops.h"
#include "web/pages/build_pages.h"
#include "web/pages/page_portfolio_int.h"

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
		if (!pf_offers_side(en, side))
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
	int trust_was = !en || pf_may_score(bp, en), any = 0, s, w;
	const char *v, *was;
	char stored[16];

	memset(c, 0, sizeof(*c));
	c->en = en;
	for (s = 0; s < SIDE_COUNT; s++) {
		for (w = 0; w < 2; w++) {
			const char *name = w ? pf_tgt_field[s] : pf_cur_field[s];
			v = pf_field(req, name, ref);
			if (!v || !*v)
				continue;
			was =
			    trust_was ? pf_field(req, build_anchor(req, "was_", name), ref) : NULL;
			if (!was && en)
				was =
				    pf_score_value(stored, sizeof(stored),
						   w ? en->score[s].target : en->score[s].current);
			if (build_same(v, was))
				continue;
			if (w)
				c->tgt[s] = v;
			else
				c->cur[s] = v;
			any = 1;
		}
	}
	for (w = 0; w < 2; w++) {
		v = pf_field(req, w ? "evidence" : "note", ref);
		if (!v)
			continue;
		was = trust_was ? pf_field(req, w ? "was_evidence" : "was_note", ref) : NULL;
		if (!was)
			was = pf_digest(req, en ? (w ? en->evidence : en->note) : NULL, w);
		if (!strcmp(pf_digest(req, v, w), was))
			continue;
		if (w)
			c->evidence = pf_normalise(req, v, 1);
		else
			c->note = pf_normalise(req, v, 0);
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
			build_refuse(req, f, bp, 400, ref, MSG_WEB_BUILD_E_UNKNOWN_SERVICE, NULL,
				     detail);
			continue;
		}
		if (!pf_may_score(bp, en)) {
			snprintf(detail, sizeof(detail), "'%s' is not assigned to your team", ref);
			build_refuse(req, f, bp, 403, ref, MSG_WEB_BUILD_E_DENIED, NULL, detail);
			continue;
		}
		ver = pf_field(req, "version", ref);
		v[*n].version = ver && *ver ? strtoll(ver, &end, 10) : -1;
		if (!ver || !*ver || *end || v[*n].version < 0) {
			snprintf(detail, sizeof(detail), "no valid 'version:%s' field", ref);
			build_refuse(req, f, bp, 400, ref, MSG_WEB_BUILD_E_NO_VERSION, NULL,
				     detail);
			continue;
		}
		if (v[*n].version != en->version) {
			snprintf(detail, sizeof(detail),
				 "'%s' is at version %lld, the form had %lld", ref, en->version,
				 v[*n].version);
			build_refuse(req, f, bp, 409, ref, MSG_WEB_BUILD_E_STALE,
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
			if (!pf_offers_side(c->en, s)) {
				snprintf(detail, sizeof(detail),
					 "'%s' is %s; its %s side cannot be scored", ref,
					 assignment_name(c->en->assignment), side_name(s));
				build_refuse(req, f, bp, 400, ref, MSG_WEB_BUILD_E_SIDE, extra,
					     detail);
				return;
			}
			if (!pf_may_score_side(bp, c->en, s)) {
				snprintf(detail, sizeof(detail),
					 "the %s side of '%s' is not provided by your team",
					 side_name(s), ref);
				build_refuse(req, f, bp, 403, ref, MSG_WEB_BUILD_E_DENIED, extra,
					     detail);
				return;
			}
			if (score_parse(v, &score) || !rubric_accepts(r, score)) {
				snprintf(detail, sizeof(detail),
					 "%s score for '%s' must be %d-%d%s, got '%.32s'",
					 w ? "target" : "current", ref, r->min_score, r->max_score,
					 r->has_na ? " or n/a" : "", v);
				build_refuse(req, f, bp, 400, ref, MSG_WEB_BUILD_E_SCORE, extra,
					     detail);
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
		build_refuse(req, f, bp, 413, ref, MSG_WEB_BUILD_E_TOO_LONG,
			     tr(bp->lang, w ? MSG_WEB_BUILD_EVIDENCE : MSG_NOTE), detail);
		return;
	}
	if ((line = bad_link(c->evidence))) {
		int len = (int)strcspn(line, "\n");
		snprintf(extra, sizeof(extra), "%.*s", len > 80 ? 80 : len, line);
		snprintf(detail, sizeof(detail),
			 "evidence link for '%s' must start with http:// or https://", ref);
		build_refuse(req, f, bp, 400, ref, MSG_WEB_BUILD_E_EVIDENCE, extra, detail);
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
		for (s = 0; s < SIDE_COUNT - 1 && !pf_offers_side(c->en, s); s++)
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
			build_refuse(req, f, bp, status, v[i].en->ref_id, MSG_WEB_BUILD_E_FAILED,
				     NULL, e->msg);
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
	pf_filter_from(&f, http_req_form(req, "f_cat"), http_req_form(req, "f_todo"),
		       http_req_form(req, "f_assignment"), http_req_form(req, "f_team"));
	rc = save(req, bp, &fail, &n, &first, &e);
	if (rc < 0)
		return web_fail(req, resp, &e);
	if (rc > 0) {
		if (build_reload(bp, &e))
			return web_fail(req, resp, &e);
		return pf_render(req, resp, bp, &f, &fail);
	}
	snprintf(count, sizeof(count), "&n=%zu", n);
	extra = pf_filter_query(req, &f, n ? count : NULL);
	if (!extra)
		return ERR_TOO_LARGE;
	return build_redirect(resp, bp, "portfolio", n ? "saved" : "nochange", extra, first);
}
