/*
 * store_position.c - an organization's own quadrant positions (see store_position.h).
 */
#include "store/store_position.h"

#include <stdlib.h>

#include "store/db.h"
#include "store/store_int.h"

/* The stored position of ref: 1 with skill and info, 0 when none. */
static int get(struct store *st, long long portfolio_id, const char *ref, int *skill, int *info,
	       struct err *e)
{
	struct db_stmt *s = NULL;
	int rc;

	rc = db_run(st->db, &s, e,
		    "SELECT skill, info FROM positions WHERE portfolio_id = ? AND ref_id = ?", "is",
		    portfolio_id, ref);
	if (rc != DB_ROW)
		return rc < 0 ? rc : 0;
	*skill = (int)db_column_int(s, 0);
	*info = (int)db_column_int(s, 1);
	db_finalize(s);
	return 1;
}

static json_t *position_json(const char *ref, int placed, int skill, int info)
{
	if (!placed)
		return NULL;
	return json_pack("{s:s, s:i, s:i}", "ref", ref, "skill", skill, "information", info);
}

int store_position_set(struct store *st, long long portfolio_id, const char *ref, int skill,
		       int info, int *changed, struct err *e)
{
	struct pf_info pi;
	char *subject = NULL;
	int rc, had, old_skill = -1, old_info = -1;

	if (changed)
		*changed = 0;
	rc = store_tx_pf(st, portfolio_id, &pi, e);
	if (rc)
		return rc;
	had = get(st, portfolio_id, ref, &old_skill, &old_info, e);
	if (had < 0) {
		rc = had;
		goto out;
	}
	if (skill < 0 ? !had : had && old_skill == skill && old_info == info)
		goto out; /* unchanged: no write, no event */
	if (skill < 0)
		rc = db_run(st->db, NULL, e,
			    "DELETE FROM positions WHERE portfolio_id = ? AND ref_id = ?", "is",
			    portfolio_id, ref);
	else
		rc = db_run(st->db, NULL, e,
			    "INSERT INTO positions (portfolio_id, ref_id, skill, info) "
			    "VALUES (?, ?, ?, ?) ON CONFLICT (portfolio_id, ref_id) DO UPDATE "
			    "SET skill = excluded.skill, info = excluded.info",
			    "isii", portfolio_id, ref, (long long)skill, (long long)info);
	if (rc < 0)
		goto out;
	subject = store_entry_subject(ref, pi.org_name, pi.framework_id);
	rc = store_audit_json(st, pi.org_id, "entry.position", subject,
			      position_json(ref, had, old_skill, old_info),
			      position_json(ref, skill >= 0, skill, info), e);
	if (!rc && changed)
		*changed = 1;
out:
	free(subject);
	store_pf_info_release(&pi);
	return store_tx_end(st, rc, e);
}

int store_position_import(struct store *st, long long portfolio_id, const char *ref, int skill,
			  int info, struct err *e)
{
	int rc =
	    db_run(st->db, NULL, e,
		   "INSERT INTO positions (portfolio_id, ref_id, skill, info) VALUES (?, ?, ?, ?)",
		   "isii", portfolio_id, ref, (long long)skill, (long long)info);

	return rc < 0 ? rc : 0;
}

int store_position_fill(struct store *st, struct portfolio *p, struct err *e)
{
	struct db_stmt *s = NULL;
	int rc;

	rc = db_prepare(st->db, "SELECT ref_id, skill, info FROM positions WHERE portfolio_id = ?",
			&s, e);
	if (rc)
		return rc;
	if (db_bind_int(s, 1, p->id))
		rc = err_fail(e, ERR_DB, NULL, MSG_E_DB_BIND);
	while (!rc && (rc = db_step(s, e)) == DB_ROW) {
		struct entry *en = portfolio_find(p, db_column_text(s, 0));
		rc = 0;
		if (!en)
			continue; /* a service no longer in the portfolio */
		en->placed = 1;
		en->place.skill = (int)db_column_int(s, 1);
		en->place.info = (int)db_column_int(s, 2);
	}
	db_finalize(s);
	return rc == DB_DONE ? 0 : rc;
}
