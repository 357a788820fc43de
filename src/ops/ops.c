#include "ops/ops.h"

#include <stdlib.h>
#include <string.h>

#include "core/evaluation.h"
#include "core/rules.h"
#include "core/score.h"
#include "io/catalog.h"
#include "util/xalloc.h"

int ops_framework(const char *fw_id, const struct framework **out, struct err *e)
{
	int rc;

	*out = catalog_get(fw_id);
	if (*out)
		return 0;
	rc = catalog_registry_init(e); /* a shipped catalogue that does not load says why */
	if (rc)
		return rc;
	return err_set(e, ERR_NOT_FOUND, "unknown framework '%s' (see 'cdcf framework list')",
		       fw_id);
}

/* Resolve organization and portfolio ids. */
static int resolve(struct store *st, const char *org, const char *fw_id, long long *org_id,
		   long long *pid, struct err *e)
{
	const struct framework *fw;
	struct org o = {0};
	int rc;

	rc = ops_framework(fw_id, &fw, e);
	if (rc)
		return rc;
	rc = store_org_find(st, org, &o, e);
	if (rc)
		return rc;
	*org_id = o.id;
	org_release(&o);
	return pid ? store_portfolio_find(st, *org_id, fw_id, pid, e) : 0;
}

int ops_load(struct store *st, const char *org, const char *fw_id, struct portfolio *p,
	     struct err *e)
{
	long long org_id, pid;
	int rc = resolve(st, org, fw_id, &org_id, &pid, e);

	if (rc)
		return rc;
	rc = store_portfolio_load(st, pid, p, e);
	if (rc)
		return rc;
	p->fw = catalog_get(fw_id);
	portfolio_sort(p);
	return 0;
}

int ops_portfolio_new(struct store *st, const char *org, const char *fw_id, const char *preset,
		      struct err *e)
{
	const struct framework *fw;
	const struct preset *pr = NULL;
	long long org_id, pid;
	size_t i;
	int rc;

	rc = resolve(st, org, fw_id, &org_id, NULL, e);
	if (rc)
		return rc;
	fw = catalog_get(fw_id);
	if (preset) {
		pr = framework_preset(fw, preset);
		if (!pr)
			return err_set(e, ERR_NOT_FOUND, "unknown preset '%s' for framework '%s'",
				       preset, fw_id);
	}
	rc = db_begin(st->db, e);
	if (rc)
		return rc;
	rc = store_portfolio_new(st, org_id, fw_id, &pid, e);
	for (i = 0; !rc && pr && i < pr->n_levels; i++) {
		struct portfolio tmp;
		struct entry *en;
		int lv = level_parse(pr->levels[i].level);
		if (lv < 0 || rule_service(fw, pr->levels[i].ref_id, NULL) < 0) {
			rc = err_set(e, ERR_INTERNAL, "preset '%s' names '%s' '%s'", preset,
				     pr->levels[i].ref_id, pr->levels[i].level);
			break;
		}
		portfolio_init(&tmp);
		en = portfolio_add_entry(&tmp, pr->levels[i].ref_id);
		en->level = lv;
		rc = store_entry_put(st, pid, en, -1, e);
		portfolio_release(&tmp);
	}
	if (rc) {
		db_rollback(st->db);
		return rc;
	}
	return db_commit(st->db, e);
}

/* Write one entry of a loaded portfolio and keep its new version. */
static int put(struct store *st, struct portfolio *p, struct entry *en, long long expect,
	       struct err *e)
{
	return store_entry_put(st, p->id, en, expect, e);
}

int ops_select(struct store *st, const char *org, const char *fw_id, const char *const *refs,
	       size_t n_refs, const char *level, struct err *e)
{
	struct portfolio p;
	size_t i;
	int lv, rc;

	lv = level_parse(level);
	if (lv < 0)
		return err_set(e, ERR_INVALID,
			       "unknown recommendation level '%s' (not_required, basic, standard, "
			       "advanced, optional)",
			       level ? level : "");
	if (!n_refs)
		return err_set(e, ERR_INVALID, "no service given");
	portfolio_init(&p);
	rc = ops_load(st, org, fw_id, &p, e);
	if (rc)
		goto out;
	/* validate everything before writing anything */
	for (i = 0; i < n_refs; i++) {
		struct entry *en = portfolio_find(&p, refs[i]);
		if (en && en->custom)
			continue;
		rc = rule_service(p.fw, refs[i], e);
		if (rc < 0)
			goto out;
		rc = 0;
	}
	rc = db_begin(st->db, e);
	if (rc)
		goto out;
	for (i = 0; i < n_refs && !rc; i++) {
		struct entry *en = portfolio_find(&p, refs[i]);
		if (!en)
			en = portfolio_add_entry(&p, refs[i]);
		en->level = lv;
		rc = put(st, &p, en, -1, e);
	}
	if (rc)
		db_rollback(st->db);
	else
		rc = db_commit(st->db, e);
out:
	portfolio_release(&p);
	return rc;
}

int ops_service_add(struct store *st, const char *org, const char *fw_id, const char *ref,
		    const char *name_en, const char *name_ja, const char *category,
		    const char *level, struct err *e)
{
	struct portfolio p;
	struct entry *en;
	int rc, lv;

	rc = rule_custom_ref(ref, e);
	if (!rc)
		rc = rule_custom_name(ref, name_en, e);
	if (rc)
		return rc;
	lv = level_parse(level ? level : "standard");
	if (lv < 0)
		return err_set(e, ERR_INVALID, "unknown recommendation level '%s'", level);
	portfolio_init(&p);
	rc = ops_load(st, org, fw_id, &p, e);
	if (rc)
		goto out;
	rc = rule_custom_unique(&p, ref, e);
	if (!rc)
		rc = rule_custom_category(p.fw, category, e);
	if (rc)
		goto out;
	en = portfolio_add_entry(&p, ref);
	en->custom = 1;
	en->level = lv;
	en->custom_name_en = xstrdup(name_en);
	en->custom_name_ja = name_ja && *name_ja ? xstrdup(name_ja) : NULL;
	en->custom_category = xstrdup(category);
	rc = put(st, &p, en, -1, e);
out:
	portfolio_release(&p);
	return rc;
}

const char *ops_entry_warning(const struct portfolio *p, const struct entry *en)
{
	int i;

	if (en->assignment != ASSIGN_OUTSOURCE || en->custom || !p->fw)
		return NULL;
	i = framework_find(p->fw, en->ref_id);
	if (i >= 0 && p->fw->nodes[i].management)
		return "management-type service fully outsourced: X.1060 keeps decisions and "
		       "accountability in-house";
	return NULL;
}

int ops_assign(struct store *st, const char *org, const char *fw_id, const char *ref,
	       const char *assignment, const char *team, const char *provider,
	       long long expect_version, const char **warning, struct err *e)
{
	struct portfolio p;
	struct entry *en;
	long long team_id = 0, provider_id = 0;
	int a, rc;

	if (warning)
		*warning = NULL;
	a = assignment_parse(assignment);
	if (a < 0)
		return err_set(e, ERR_INVALID,
			       "unknown assignment '%s' (insource, outsource, hybrid, unassigned)",
			       assignment ? assignment : "");
	portfolio_init(&p);
	rc = ops_load(st, org, fw_id, &p, e);
	if (rc)
		goto out;
	rc = rule_entry_selected(&p, ref, &en, e);
	if (rc)
		goto out;
	/* a party the assignment does not use is ignored, not stored */
	if (a != ASSIGN_INSOURCE && a != ASSIGN_HYBRID)
		team = NULL;
	if (a != ASSIGN_OUTSOURCE && a != ASSIGN_HYBRID)
		provider = NULL;
	rc = rule_team(ref, a, team, e);
	if (!rc)
		rc = rule_provider(ref, a, provider, e);
	if (rc)
		goto out;
	if (a == ASSIGN_INSOURCE || a == ASSIGN_HYBRID) {
		rc = store_party_find(st, PARTY_TEAM, p.org_id, team, &team_id, e);
		if (rc)
			goto out;
	}
	if (a == ASSIGN_OUTSOURCE || a == ASSIGN_HYBRID) {
		rc = store_party_find(st, PARTY_PROVIDER, p.org_id, provider, &provider_id, e);
		if (rc)
			goto out;
	}
	en->assignment = a;
	en->team_id = team_id;
	en->provider_id = provider_id;
	XFREE(&en->team);
	XFREE(&en->provider);
	en->team = team_id ? xstrdup(team) : NULL;
	en->provider = provider_id ? xstrdup(provider) : NULL;
	rule_fit_scores(p.fw, en);
	rc = put(st, &p, en, expect_version, e);
	if (!rc && warning)
		*warning = ops_entry_warning(&p, en);
out:
	portfolio_release(&p);
	return rc;
}

int ops_score(struct store *st, const char *org, const char *fw_id, const char *ref,
	      const char *side, const char *current, const char *target, const char *note,
	      long long expect_version, struct err *e)
{
	struct portfolio p;
	struct entry *en;
	int s, cur = 0, tgt = 0, rc;

	s = side_parse(side);
	if (s < 0)
		return err_set(e, ERR_INVALID, "unknown side '%s' (insource, outsource)",
			       side ? side : "");
	if (!current && !target && !note)
		return err_set(e, ERR_INVALID,
			       "nothing to change: give --current, --target or --note");
	portfolio_init(&p);
	rc = ops_load(st, org, fw_id, &p, e);
	if (rc)
		goto out;
	rc = rule_entry_selected(&p, ref, &en, e);
	if (rc)
		goto out;
	rc = rule_side(en, s, NULL, e);
	if (rc)
		goto out;
	if (current && (rc = rule_score_text(p.fw, s, ref, "current", current, &cur, e)))
		goto out;
	if (current && (rc = rule_unassigned_current(p.fw, en, s, cur, e)))
		goto out;
	if (target && (rc = rule_score_text(p.fw, s, ref, "target", target, &tgt, e)))
		goto out;
	if (current)
		en->score[s].current = cur;
	if (target)
		en->score[s].target = tgt;
	if (note) {
		if (strlen(note) > STORE_TEXT_MAX) {
			rc = err_set(e, ERR_TOO_LARGE, "note for '%s' is longer than %d bytes", ref,
				     STORE_TEXT_MAX);
			goto out;
		}
		XFREE(&en->note);
		en->note = *note ? xstrdup(note) : NULL;
	}
	rc = put(st, &p, en, expect_version, e);
out:
	portfolio_release(&p);
	return rc;
}

int ops_evidence(struct store *st, const char *org, const char *fw_id, const char *ref,
		 const char *evidence, long long expect_version, struct err *e)
{
	struct portfolio p;
	struct entry *en;
	int rc;

	if (evidence && strlen(evidence) > STORE_TEXT_MAX)
		return err_set(e, ERR_TOO_LARGE, "evidence for '%s' is longer than %d bytes", ref,
			       STORE_TEXT_MAX);
	rc = rule_evidence(ref, evidence, e);
	if (rc)
		return rc;
	portfolio_init(&p);
	rc = ops_load(st, org, fw_id, &p, e);
	if (rc)
		goto out;
	rc = rule_entry_selected(&p, ref, &en, e);
	if (rc)
		goto out;
	XFREE(&en->evidence);
	en->evidence = evidence && *evidence ? xstrdup(evidence) : NULL;
	rc = put(st, &p, en, expect_version, e);
out:
	portfolio_release(&p);
	return rc;
}

int ops_action_add(struct store *st, const char *org, const char *fw_id, const char *ref,
		   const char *title, const char *owner, const char *due, const char *target,
		   long long *id, struct err *e)
{
	struct portfolio p;
	struct entry *en;
	struct action a = {0};
	int rc, tgt = SCORE_NONE;

	rc = rule_action_title(ref, title, e);
	if (!rc && due && *due)
		rc = store_check_date("due date", due, e);
	if (rc)
		return rc;
	portfolio_init(&p);
	rc = ops_load(st, org, fw_id, &p, e);
	if (rc)
		goto out;
	rc = rule_entry_selected(&p, ref, &en, e);
	if (rc)
		goto out;
	if (target) {
		rc = rule_score_text(p.fw, rule_action_side(en), ref, "action target", target, &tgt,
				     e);
		if (rc)
			goto out;
	}
	a.ref_id = en->ref_id;
	a.title = (char *)title;
	a.owner = owner && *owner ? (char *)owner : NULL;
	a.due = due && *due ? (char *)due : NULL;
	a.target = tgt;
	a.status = "open";
	rc = store_action_add(st, p.id, &a, e);
	if (!rc && id)
		*id = a.id;
	/* store_action_add may fill created_at; it is owned by a */
	XFREE(&a.created_at);
out:
	portfolio_release(&p);
	return rc;
}

int ops_action_status(struct store *st, const char *org, const char *fw_id, long long action_id,
		      const char *status, struct err *e)
{
	long long org_id, pid;
	int rc;

	rc = rule_action_status(status, e);
	if (rc)
		return rc;
	rc = resolve(st, org, fw_id, &org_id, &pid, e);
	if (rc)
		return rc;
	return store_action_set_status(st, pid, action_id, status, e);
}

/* A date argument: NULL for none ("" too), else it must be a real calendar day. */
static int next_date(const char **date, struct err *e)
{
	if (*date && !**date)
		*date = NULL;
	return store_check_date("next evaluation date", *date, e);
}

int ops_schedule_evaluation(struct store *st, const char *org, const char *fw_id, const char *date,
			    struct err *e)
{
	long long org_id, pid;
	int rc = next_date(&date, e);

	if (!rc)
		rc = resolve(st, org, fw_id, &org_id, &pid, e);
	return rc ? rc : store_portfolio_set_next_evaluation(st, pid, date, e);
}

int ops_evaluate(struct store *st, const char *org, const char *fw_id, const json_t *answers,
		 const char *approved_by, const char *next_evaluation, struct err *e)
{
	struct portfolio p;
	json_t *snap = NULL;
	char *snap_text = NULL, *answers_text = NULL;
	int rc;

	rc = eval_validate(answers, e);
	if (!rc)
		rc = next_date(&next_evaluation, e);
	if (rc)
		return rc;
	if (approved_by && strlen(approved_by) > STORE_NAME_MAX)
		return err_set(e, ERR_TOO_LARGE, "approver name is longer than %d bytes",
			       STORE_NAME_MAX);
	portfolio_init(&p);
	rc = ops_load(st, org, fw_id, &p, e);
	if (rc)
		goto out;
	snap = snapshot_of(&p);
	snap_text = json_dumps(snap, JSON_COMPACT | JSON_PRESERVE_ORDER);
	answers_text = json_dumps(answers, JSON_COMPACT | JSON_PRESERVE_ORDER);
	if (!snap_text || !answers_text) {
		rc = err_set(e, ERR_NOMEM, "cannot serialise the snapshot");
		goto out;
	}
	rc = db_begin(st->db, e);
	if (rc)
		goto out;
	rc = store_cycle_close(st, p.id, answers_text,
			       approved_by && *approved_by ? approved_by : NULL, snap_text, e);
	if (!rc)
		rc = store_portfolio_set_next_evaluation(st, p.id, next_evaluation, e);
	if (rc)
		db_rollback(st->db);
	else
		rc = db_commit(st->db, e);
out:
	free(snap_text);
	free(answers_text);
	json_decref(snap);
	portfolio_release(&p);
	return rc;
}

int ops_cycle_snapshot(struct store *st, const char *org, const char *fw_id, int number,
		       json_t **out, struct err *e)
{
	struct portfolio p;
	struct cycle c = {0};
	json_error_t jerr;
	int rc;

	portfolio_init(&p);
	rc = ops_load(st, org, fw_id, &p, e);
	if (rc)
		goto out;
	if (number == p.cycle) {
		*out = snapshot_of(&p);
		goto out;
	}
	rc = store_cycle_get(st, p.id, number, &c, e);
	if (rc)
		goto out;
	if (!c.snapshot_json) {
		rc = err_set(e, ERR_INTERNAL, "cycle %d has no snapshot", number);
		goto out;
	}
	*out = json_loads(c.snapshot_json, 0, &jerr);
	if (!*out)
		rc = err_set(e, ERR_INTERNAL, "snapshot of cycle %d is damaged: %s", number,
			     jerr.text);
out:
	cycle_release(&c);
	portfolio_release(&p);
	return rc;
}
