/*
 * rows.c - changes to several entries, or to several inputs of one entry, in
 * one transaction: the engine under every change of an entry (ops_select,
 * ops_assign, ops_score and ops_evidence are rows of one input), the forms
 * of the catalogue, profile and portfolio pages (many rows) and the API's
 * PATCH of an entry (one row, many inputs). And who may score what.
 *
 * A call checks every row against the portfolio as stored now, inside its
 * transaction, applying each row's inputs in memory in a fixed order; only
 * when no row is refused are the changed entries written (store_entry_put,
 * which skips an entry that did not change).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/rules.h"
#include "ops/ops_int.h"
#include "util/xalloc.h"

static int is_editor(const struct ops_actor *who)
{
	return !who || who->role >= ROLE_EDITOR;
}

int ops_may_score(const struct ops_actor *who, const struct entry *en)
{
	if (is_editor(who))
		return 1;
	if (who->role != ROLE_ASSESSOR || !who->team_id || !en)
		return 0;
	return (en->assignment == ASSIGN_INSOURCE || en->assignment == ASSIGN_HYBRID) &&
	       en->team_id == who->team_id;
}

int ops_may_score_side(const struct ops_actor *who, const struct entry *en, enum side s)
{
	if (!entry_uses_side(en, s) || !ops_may_score(who, en))
		return 0;
	return is_editor(who) || s == SIDE_INSOURCE;
}

/* The row being checked: where its fields live and what it has done so far. */
struct row_ctx {
	struct store *st;
	const struct ops_actor *who;
	struct portfolio *p;
	const struct ops_row *r;
	const char *at; /* "entries[3]", or "" for ops_entry_patch */
	long idx;	/* the entry's index in p->entries, -1 while it has none */
	int reassigned; /* the assignment step ran */
	int side_used;	/* the side the row's any[] scores went to, or -1 */
};

/* Name the field of rc: "<at>.<input>", the input alone, or the row as a whole. */
static int row_field(const struct row_ctx *c, struct err *e, int rc, const char *input)
{
	char field[ERR_FIELD_MAX];

	if (!rc || !e)
		return rc;
	if (!input || !*input)
		snprintf(field, sizeof(field), "%s", c->at);
	else if (*c->at)
		snprintf(field, sizeof(field), "%s.%s", c->at, input);
	else
		snprintf(field, sizeof(field), "%s", input);
	err_field(e, field);
	return rc;
}

static struct entry *row_entry(const struct row_ctx *c)
{
	return c->idx < 0 ? NULL : &c->p->entries[c->idx];
}

/* The row's entry, which must be a selected service (for one of its inputs). */
static int selected(struct row_ctx *c, const char *input, struct entry **en, struct err *e)
{
	return row_field(c, e, rule_entry_selected(c->p, c->r->ref, en, e), input);
}

static int row_changes_scores(const struct ops_row *r)
{
	int s;

	for (s = 0; s < SIDE_COUNT; s++)
		if (r->score[s][OPS_CURRENT] || r->score[s][OPS_TARGET])
			return 1;
	return 0;
}

/* May who make the row's changes to en (the entry as stored, NULL when there is none)? */
static int row_permit(const struct row_ctx *c, const struct entry *en, struct err *e)
{
	const struct ops_row *r = c->r;

	if (is_editor(c->who))
		return 0;
	if (r->level || r->assignment || r->team || r->provider)
		return row_field(c, e, err_fail(e, ERR_DENIED, NULL, MSG_E_OPS_DENIED_EDITOR),
				 NULL);
	if ((row_changes_scores(r) || r->note || r->evidence) && !ops_may_score(c->who, en))
		return row_field(c, e, err_fail(e, ERR_DENIED, NULL, MSG_E_OPS_DENIED_TEAM), NULL);
	if (r->score[SIDE_OUTSOURCE][OPS_CURRENT] || r->score[SIDE_OUTSOURCE][OPS_TARGET])
		return row_field(c, e, err_fail(e, ERR_DENIED, NULL, MSG_E_OPS_DENIED_SIDE), NULL);
	return 0;
}

/* The service exists, who may change it, and the row was made on what is stored now. */
static int row_admit(struct row_ctx *c, struct err *e)
{
	const struct ops_row *r = c->r;
	const struct entry *en = row_entry(c);
	const char *now = en ? level_name(en->level) : "";
	long long version = en ? en->version : 0;
	int rc;

	if (!en && (rc = rule_service(c->p->fw, r->ref, e)) < 0)
		return row_field(c, e, rc, NULL);
	rc = row_permit(c, en, e);
	if (rc)
		return rc;
	if (r->version >= 0 && r->version != version) {
		if (!en && r->version > 0)
			rc = err_fail(e, ERR_CONFLICT, NULL, MSG_E_OPS_GONE, r->ref, r->version);
		else
			rc = err_fail(e, ERR_CONFLICT, NULL, MSG_E_OPS_STALE, r->ref, version,
				      r->version);
		return row_field(c, e, rc, "version");
	}
	if (r->level_was && strcmp(r->level_was, now))
		return row_field(
		    c, e, err_fail(e, ERR_CONFLICT, NULL, MSG_E_OPS_STALE_LEVEL, r->ref, now),
		    "level");
	return 0;
}

/* The level: select a service into the catalogue or change its level. */
static int row_level(struct row_ctx *c, struct err *e)
{
	const struct ops_row *r = c->r;
	struct entry *en = row_entry(c);
	int lv, rc;

	if (!r->level)
		return 0;
	if (!*r->level) /* not selected: only a service not in the catalogue is */
		return en ? row_field(c, e,
				      err_fail(e, ERR_INVALID, NULL, MSG_E_OPS_LEVEL_KEEP, r->ref),
				      "level")
			  : 0;
	lv = level_parse(r->level);
	if (lv < 0)
		return row_field(c, e,
				 err_fail(e, ERR_INVALID, NULL, MSG_E_OPS_LEVEL_UNKNOWN, r->level),
				 "level");
	rc = rule_level(c->p->fw, r->ref, lv, e);
	if (!rc && !(en && en->custom))
		rc = rule_part_selected(c->p, r->ref, lv, e);
	if (rc)
		return row_field(c, e, rc, "level");
	if (!en) {
		int node = framework_find(c->p->fw, r->ref);
		en = portfolio_add_entry(c->p, r->ref);
		en->assessment = framework_ref_assessment(c->p->fw, r->ref);
		en->part = node >= 0 && framework_part_of(c->p->fw, node) >= 0;
		c->idx = (long)(c->p->n_entries - 1);
	}
	en->level = lv;
	return 0;
}

/* The assignment and the parties it uses (ops_assign's rules). */
static int row_assign(struct row_ctx *c, struct err *e)
{
	const struct ops_row *r = c->r;
	const char *input = r->assignment ? "assignment" : r->team ? "team" : "provider";
	const char *team, *provider;
	long long team_id = 0, provider_id = 0;
	struct entry *en = row_entry(c);
	int a, rc;

	if (!r->assignment && !r->team && !r->provider)
		return 0;
	a = r->assignment ? assignment_parse(r->assignment)
			  : (int)(en ? en->assignment : ASSIGN_UNASSIGNED);
	if (a < 0)
		return row_field(
		    c, e,
		    err_fail(e, ERR_INVALID, NULL, MSG_E_OPS_ASSIGNMENT_UNKNOWN, r->assignment),
		    "assignment");
	rc = selected(c, input, &en, e);
	if (!rc)
		rc = row_field(c, e, rule_assignable(en, e), input);
	if (rc)
		return rc;
	team = r->team ? r->team : en->team;
	provider = r->provider ? r->provider : en->provider;
	/* a party the assignment does not use is ignored, not stored */
	if (a != ASSIGN_INSOURCE && a != ASSIGN_HYBRID)
		team = NULL;
	if (a != ASSIGN_OUTSOURCE && a != ASSIGN_HYBRID)
		provider = NULL;
	rc = row_field(c, e, rule_team(r->ref, a, team, e), "team");
	if (!rc)
		rc = row_field(c, e, rule_provider(r->ref, a, provider, e), "provider");
	if (!rc && team)
		rc = row_field(c, e,
			       store_party_find(c->st, PARTY_TEAM, c->p->org_id, team, &team_id, e),
			       "team");
	if (!rc && provider)
		rc = row_field(c, e,
			       store_party_find(c->st, PARTY_PROVIDER, c->p->org_id, provider,
						&provider_id, e),
			       "provider");
	if (rc)
		return rc;
	/* copy before freeing: team may point at en->team */
	team = team_id ? xstrdup(team) : NULL;
	provider = provider_id ? xstrdup(provider) : NULL;
	XFREE(&en->team);
	XFREE(&en->provider);
	en->assignment = a;
	en->team_id = team_id;
	en->provider_id = provider_id;
	en->team = (char *)team;
	en->provider = (char *)provider;
	rule_fit_scores(c->p->fw, en);
	c->reassigned = 1;
	return 0;
}

static const char *const which_name[2] = {"current", "target"};

/* One score (w: OPS_CURRENT or OPS_TARGET) of side s, given as text, checked and applied. */
static int row_score(struct row_ctx *c, int s, int w, const char *text, struct err *e)
{
	struct entry *en;
	char input[32];
	int v, rc;

	snprintf(input, sizeof(input), "%s.%s", side_name(s), which_name[w]);
	rc = selected(c, input, &en, e);
	if (!rc)
		rc = row_field(c, e, rule_side(en, s, NULL, e), input);
	if (!rc)
		rc = row_field(c, e,
			       rule_score_text(c->p->fw, s, c->r->ref, which_name[w], text, &v, e),
			       input);
	if (!rc && w == OPS_CURRENT)
		rc = row_field(c, e, rule_unassigned_current(c->p->fw, en, s, v, e), input);
	if (rc)
		return rc;
	if (w == OPS_CURRENT)
		en->score[s].current = v;
	else
		en->score[s].target = v;
	return 0;
}

/* The scores of the one side the entry has (ops_score without a side). */
static int row_scores_any(struct row_ctx *c, struct err *e)
{
	const struct ops_row *r = c->r;
	struct entry *en;
	enum side s;
	int w, rc;

	if (!r->any[OPS_CURRENT] && !r->any[OPS_TARGET])
		return 0;
	rc = selected(c, r->any[OPS_CURRENT] ? "current" : "target", &en, e);
	if (!rc)
		rc = row_field(c, e, rule_one_side(en, &s, e), "side");
	for (w = 0; !rc && w < 2; w++)
		if (r->any[w])
			rc = row_score(c, s, w, r->any[w], e);
	if (!rc)
		c->side_used = s;
	return rc;
}

/* The scores of each side (ops_score's rules), in-house before outsourced, current first. */
static int row_scores(struct row_ctx *c, struct err *e)
{
	const struct ops_row *r = c->r;
	struct entry *en = row_entry(c);
	char input[32];
	int s, w, rc;

	for (s = 0; s < SIDE_COUNT; s++) {
		if (!(r->check_sides & (1u << s)))
			continue;
		snprintf(input, sizeof(input), "%s", side_name(s));
		rc = selected(c, input, &en, e);
		if (!rc)
			rc = row_field(c, e, rule_side(en, s, NULL, e), input);
		if (rc)
			return rc;
	}
	for (s = 0; s < SIDE_COUNT; s++)
		for (w = 0; w < 2; w++)
			if (r->score[s][w] && (rc = row_score(c, s, w, r->score[s][w], e)))
				return rc;
	return row_scores_any(c, e);
}

/* The note and the evidence links. */
static int row_texts(struct row_ctx *c, struct err *e)
{
	const struct ops_row *r = c->r;
	struct entry *en;
	int rc;

	if (r->note) {
		rc = selected(c, "note", &en, e);
		if (rc)
			return rc;
		if (strlen(r->note) > STORE_TEXT_MAX)
			return row_field(c, e,
					 err_fail(e, ERR_TOO_LARGE, NULL, MSG_E_OPS_NOTE_TOO_LONG,
						  r->ref, STORE_TEXT_MAX),
					 "note");
		XFREE(&en->note);
		en->note = *r->note ? xstrdup(r->note) : NULL;
	}
	if (r->evidence) {
		rc = selected(c, "evidence", &en, e);
		if (rc)
			return rc;
		if (strlen(r->evidence) > STORE_TEXT_MAX)
			return row_field(c, e,
					 err_fail(e, ERR_TOO_LARGE, NULL,
						  MSG_E_OPS_EVIDENCE_TOO_LONG, r->ref,
						  STORE_TEXT_MAX),
					 "evidence");
		rc = row_field(c, e, rule_evidence(r->ref, r->evidence, e), "evidence");
		if (rc)
			return rc;
		XFREE(&en->evidence);
		en->evidence = *r->evidence ? xstrdup(r->evidence) : NULL;
	}
	return 0;
}

/* Check and apply one row to p in memory. */
static int row_apply(struct row_ctx *c, struct err *e)
{
	const struct entry *en = portfolio_find(c->p, c->r->ref);
	int rc;

	c->idx = en ? (long)(en - c->p->entries) : -1;
	rc = row_admit(c, e);
	if (!rc)
		rc = row_level(c, e);
	if (!rc)
		rc = row_assign(c, e);
	if (!rc)
		rc = row_scores(c, e);
	if (!rc)
		rc = row_texts(c, e);
	return rc;
}

int ops_batch_begin(struct ops_batch *b, struct store *st, const struct ops_actor *who,
		    const char *org, const char *fw_id, struct err *e)
{
	int rc;

	memset(b, 0, sizeof(*b));
	b->st = st;
	b->who = who;
	b->idx = b->failed = -1;
	b->side_used = -1;
	rc = ops_tx_load(st, org, fw_id, &b->p, e);
	if (rc)
		return rc;
	/* an entry is copied as stored when a row first touches it */
	b->n_orig = b->p.n_entries;
	b->orig = xcalloc(b->n_orig ? b->n_orig : 1, sizeof(*b->orig));
	return 0;
}

int ops_batch_row(struct ops_batch *b, const struct ops_row *r, const char *at, struct err *e)
{
	struct row_ctx c = {b->st, b->who, &b->p, r, at, -1, 0, -1};
	const struct entry *en = portfolio_find(&b->p, r->ref);
	int rc;

	if (en && (size_t)(en - b->p.entries) < b->n_orig && !b->orig[en - b->p.entries].ref_id)
		entry_copy(&b->orig[en - b->p.entries], en);
	rc = row_apply(&c, e);

	b->idx = c.idx;
	b->reassigned = c.reassigned;
	b->side_used = c.side_used;
	if (rc) {
		b->refused++;
		return rc;
	}
	if (b->refused || c.idx < 0)
		return 0; /* an earlier row was refused: this one is only checked */
	if ((size_t)c.idx >= b->cap_seen) { /* rows may add entries */
		size_t was = b->cap_seen;
		b->seen = xgrow(b->seen, &b->cap_seen, b->p.n_entries + 1, 1);
		memset(b->seen + was, 0, b->cap_seen - was);
	}
	if (!b->seen[c.idx]) {
		b->seen[c.idx] = 1;
		b->changed =
		    xgrow(b->changed, &b->cap_changed, b->n_changed + 1, sizeof(*b->changed));
		b->changed[b->n_changed++] = c.idx;
	}
	return 0;
}

int ops_batch_write(struct ops_batch *b, struct err *e)
{
	struct entry **ens;
	const struct entry **olds;
	size_t j, failed;
	int rc;

	if (!b->n_changed)
		return 0;
	ens = xcalloc(b->n_changed, sizeof(*ens));
	olds = xcalloc(b->n_changed, sizeof(*olds));
	for (j = 0; j < b->n_changed; j++) {
		long k = b->changed[j];
		ens[j] = &b->p.entries[k];
		/* an entry the load only filled in (id 0) is not stored yet */
		olds[j] = (size_t)k < b->n_orig && b->orig[k].id ? &b->orig[k] : NULL;
	}
	rc = store_entries_put_loaded(b->st, &b->p, ens, olds, b->n_changed, &failed, e);
	if (rc && failed < b->n_changed)
		b->failed = b->changed[failed];
	free(ens);
	free(olds);
	return rc;
}

int ops_batch_end(struct ops_batch *b, int rc, struct err *e)
{
	struct store *st = b->st;
	size_t i;

	for (i = 0; i < b->n_orig; i++)
		entry_release(&b->orig[i]);
	free(b->orig);
	free(b->seen);
	free(b->changed);
	portfolio_release(&b->p);
	memset(b, 0, sizeof(*b));
	return ops_tx_end(st, rc, e);
}

int ops_rows_run(struct store *st, const struct ops_actor *who, const char *org, const char *fw_id,
		 struct ops_rows *rows, int patch, struct err *e)
{
	struct ops_batch b;
	size_t i;
	char at[32] = "";
	int rc, rc_row;

	rows->refused = 0;
	rows->advice = OPS_NO_ADVICE;
	rows->side = -1;
	for (i = 0; rows->errs && i < rows->n; i++)
		err_clear(&rows->errs[i]);
	rc = ops_batch_begin(&b, st, who, org, fw_id, e);
	if (rc)
		return rc;
	for (i = 0; i < rows->n; i++) {
		struct err row_err = ERR_INIT, *re = rows->errs ? &rows->errs[i] : &row_err;
		if (!patch)
			snprintf(at, sizeof(at), "entries[%zu]", i);
		rc_row = ops_batch_row(&b, &rows->v[i], at, re);
		if (rc_row) {
			if (!rows->refused++) {
				err_copy(e, re);
				rc = rc_row;
			}
			if (!rows->errs)
				break;
			continue;
		}
		if (b.side_used >= 0)
			rows->side = b.side_used;
		if (rc || b.idx < 0)
			continue;
		if (b.reassigned && ops_entry_warned(&b.p, &b.p.entries[b.idx]))
			rows->advice = ops_entry_advice(&b.p, &b.p.entries[b.idx]);
	}
	if (!rc)
		rc = ops_batch_write(&b, e);
	if (rc && b.failed >= 0 && e) {
		/* the store names the entry's field, if any; the row is ours to name */
		const char *ref = b.p.entries[b.failed].ref_id;
		char field[ERR_FIELD_MAX];
		for (i = 0; i < rows->n && strcmp(rows->v[i].ref, ref); i++)
			;
		if (patch)
			snprintf(field, sizeof(field), "%s", e->field);
		else if (e->field[0])
			snprintf(field, sizeof(field), "entries[%zu].%.60s", i, e->field);
		else
			snprintf(field, sizeof(field), "entries[%zu]", i);
		err_field(e, field);
	}
	if (!rc && rows->after) {
		portfolio_release(rows->after);
		portfolio_init(rows->after);
		rc = ops_load(st, org, fw_id, rows->after, e);
	}
	return ops_batch_end(&b, rc, e);
}

int ops_rows_save(struct store *st, const struct ops_actor *who, const char *org, const char *fw_id,
		  struct ops_rows *rows, struct err *e)
{
	return ops_rows_run(st, who, org, fw_id, rows, 0, e);
}

int ops_entry_patch(struct store *st, const struct ops_actor *who, const char *org,
		    const char *fw_id, const struct ops_row *row, struct portfolio *after,
		    struct err *e)
{
	struct ops_rows rows = {.v = row, .n = 1, .after = after};

	return ops_rows_run(st, who, org, fw_id, &rows, 1, e);
}
