/*
 * page_portfolio_save.c - POST of the portfolio page: read the one form of
 * cards, keep the services whose values differ from what their card showed,
 * and hand them to ops_rows_save as rows, which checks each against what is
 * stored now (version, who may score it, the rubric, the text ceilings,
 * evidence links) and applies them all in one transaction, or none (see
 * build_pages.h). A refused save shows the page again with the user's input
 * and each refused card's message; a saved one answers 303 to the same view.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/level.h"
#include "ops/ops.h"
#include "web/pages/build_pages.h"
#include "web/pages/kit.h"
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
 * What the card of ref changes, as a row of ops (NULL inputs unchanged). A
 * field differs from what the card showed (its was_ field); for a card the
 * user may not score, and for a field sent without its was_ field, from what
 * is stored. A score of "" (not assessed) changes nothing. Returns whether
 * anything changes.
 */
static int card_changes(struct http_req *req, const struct build_page *bp, const char *ref,
			const struct entry *en, struct ops_row *c)
{
	int trust_was = !en || pf_may_score(bp, en), any = 0, s, w;
	const char *v, *was;
	char stored[16];

	memset(c, 0, sizeof(*c));
	c->ref = ref;
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
			c->score[s][w ? OPS_TARGET : OPS_CURRENT] = v;
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

/* The changed cards of the form as rows of ops; a card without a usable
 * version field cannot be saved (the form is incomplete): it goes to f. */
static struct ops_row *collect(struct http_req *req, const struct build_page *bp,
			       struct build_fail *f, size_t *n)
{
	const struct http_params *form = &req->form;
	struct ops_row *v = http_req_alloc(req, (form->n + 1) * sizeof(*v));
	const char **seen = http_req_alloc(req, (form->n + 1) * sizeof(*seen));
	size_t i, j, n_seen = 0;

	*n = 0;
	for (i = 0; i < form->n; i++) {
		const char *ref = card_ref(form->v[i].name);
		const struct entry *en;
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
		if (!build_row_version(req, f, bp, ref, pf_field(req, "version", ref),
				       &v[*n].version))
			(*n)++;
	}
	return v;
}

/* "In-house score, Current (1–5, n/a)": the control of a score input, and the choices. */
static const char *score_control(struct http_req *req, const struct build_page *bp, enum side s,
				 int target)
{
	const struct rubric *r = &bp->fw->rubric[s];
	char text[512];

	snprintf(text, sizeof(text), "%s, %s (%d–%d%s%s)",
		 tr(bp->lang, s ? MSG_SIDE_OUTSOURCE : MSG_SIDE_INSOURCE),
		 tr(bp->lang, target ? MSG_TARGET : MSG_CURRENT), r->min_score, r->max_score,
		 r->has_na ? ", " : "", r->has_na ? tr(bp->lang, MSG_NA) : "");
	return http_req_strdup(req, text);
}

/*
 * A card ops refused, in the page's words: what to do about the input its
 * field names (a score, the note, the evidence) or about the card as a whole
 * (someone else's newer version, a service the user may not score), with
 * ops's own message as the detail. bp->p is what is stored now.
 */
static void refuse_card(struct http_req *req, const struct build_page *bp, const void *ctx,
			struct build_fail *f, const struct ops_row *row, const struct err *e)
{
	const struct entry *en = portfolio_find(&bp->p, row->ref);
	enum msg_id lead = MSG_WEB_BUILD_E_FAILED;
	const char *extra = NULL;
	size_t at;
	const char *input = build_row_input(e, &at);
	int s = !strncmp(input, "insource", 8)	  ? SIDE_INSOURCE
		: !strncmp(input, "outsource", 9) ? SIDE_OUTSOURCE
						  : -1;

	(void)ctx;

	if (e->code == ERR_DENIED) {
		lead = MSG_WEB_BUILD_E_DENIED;
	} else if (e->code == ERR_CONFLICT) {
		lead = MSG_WEB_BUILD_E_STALE;
		extra = en ? current_text(req, bp, en) : NULL;
	} else if (!*input || !en || en->level == LEVEL_NOT_REQUIRED) {
		lead = MSG_WEB_BUILD_E_UNKNOWN_SERVICE;
	} else if (s >= 0) {
		/* a side the card does not offer, or a score off its rubric */
		lead = en && !pf_offers_side(en, s) ? MSG_WEB_BUILD_E_SIDE : MSG_WEB_BUILD_E_SCORE;
		extra = score_control(req, bp, s, strstr(input, ".target") != NULL);
	} else if (e->code == ERR_TOO_LARGE) {
		lead = MSG_WEB_BUILD_E_TOO_LONG;
		extra =
		    tr(bp->lang, !strcmp(input, "evidence") ? MSG_WEB_BUILD_EVIDENCE : MSG_NOTE);
	} else if (!strcmp(input, "evidence")) {
		lead = MSG_WEB_BUILD_E_EVIDENCE;
	}
	build_refuse_err(req, f, bp, row->ref, lead, extra, e);
}

int page_portfolio_post(struct http_req *req, struct http_resp *resp)
{
	struct build_fail fail = {0};
	struct err e = ERR_INIT;
	struct build_page *bp;
	struct pf_filter f;
	struct build_saved saved;
	struct ops_row *v;
	const char *extra;
	char count[32];
	size_t n;
	int rc = build_open(req, ROLE_ASSESSOR, &bp);

	if (rc)
		return rc;
	web_store_actor(req);
	pf_filter_from(&f, http_req_form(req, "f_cat"), http_req_form(req, "f_todo"),
		       http_req_form(req, "f_assignment"), http_req_form(req, "f_team"));
	v = collect(req, bp, &fail, &n);
	rc = build_rows_save(req, bp, &fail, v, n, refuse_card, NULL, &saved, &e);
	if (rc)
		return http_fail(req, &e);
	if (fail.n)
		return pf_render(req, resp, bp, &f, &fail);
	snprintf(count, sizeof(count), "&n=%zu", saved.n);
	extra = pf_filter_query(req, &f, saved.n ? count : NULL);
	if (!extra)
		return ERR_TOO_LARGE;
	return build_redirect(resp, bp, "portfolio", saved.n ? "saved" : "nochange", extra,
			      saved.first);
}
