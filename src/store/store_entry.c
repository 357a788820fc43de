/*
 * store_entry.c - portfolio entries (selected services, custom ones included)
 * with optimistic locking.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/rules.h"
#include "core/snapshot.h"
#include "store/store.h"
#include "store/store_int.h"
#include "util/xalloc.h"

static json_t *pair_json(const struct score_pair *sp)
{
	json_t *o = json_object();

	json_object_set_new(o, "current", score_to_json(sp->current));
	json_object_set_new(o, "target", score_to_json(sp->target));
	return o;
}

json_t *store_entry_json(const struct entry *en)
{
	json_t *o = json_object(), *c;

	json_object_set_new(o, "ref", json_string(en->ref_id ? en->ref_id : ""));
	json_object_set_new(o, "level", json_string(level_name(en->level)));
	json_object_set_new(o, "assignment", json_string(assignment_name(en->assignment)));
	json_object_set_new(o, "team", store_jstr(en->team));
	json_object_set_new(o, "provider", store_jstr(en->provider));
	json_object_set_new(o, "insource", pair_json(&en->score[SIDE_INSOURCE]));
	json_object_set_new(o, "outsource", pair_json(&en->score[SIDE_OUTSOURCE]));
	json_object_set_new(o, "note", store_jstr(en->note));
	json_object_set_new(o, "evidence", store_jstr(en->evidence));
	json_object_set_new(o, "version", json_integer(en->version));
	if (en->custom) {
		c = json_object();
		json_object_set_new(c, "name_en", store_jstr(en->custom_name_en));
		json_object_set_new(c, "name_ja", store_jstr(en->custom_name_ja));
		json_object_set_new(c, "category", store_jstr(en->custom_category));
		json_object_set_new(o, "custom", c);
	}
	return o;
}

void store_entry_from_row(struct db_stmt *s, struct entry *en)
{
	int lv, as;

	en->id = db_column_int(s, 0);
	en->ref_id = store_col(s, 1);
	lv = level_parse(db_column_text(s, 2));
	as = assignment_parse(db_column_text(s, 3));
	en->level = lv < 0 ? LEVEL_NOT_REQUIRED : (enum level)lv;
	en->assignment = as < 0 ? ASSIGN_UNASSIGNED : (enum assignment)as;
	en->team_id = db_column_is_null(s, 4) ? 0 : db_column_int(s, 4);
	en->team = store_col(s, 5);
	en->provider_id = db_column_is_null(s, 6) ? 0 : db_column_int(s, 6);
	en->provider = store_col(s, 7);
	en->score[SIDE_INSOURCE].current = store_col_score(s, 8);
	en->score[SIDE_INSOURCE].target = store_col_score(s, 9);
	en->score[SIDE_OUTSOURCE].current = store_col_score(s, 10);
	en->score[SIDE_OUTSOURCE].target = store_col_score(s, 11);
	en->note = store_col(s, 12);
	en->evidence = store_col(s, 13);
	en->version = db_column_int(s, 14);
	en->custom = db_column_int(s, 15) != 0;
	en->custom_name_en = store_col(s, 16);
	en->custom_name_ja = store_col(s, 17);
	en->custom_category = store_col(s, 18);
}

int store_entry_check(const struct entry *en, struct err *e)
{
	static const enum msg_id what[SIDE_COUNT][2] = {
	    {MSG_N_INHOUSE_CURRENT_FOR, MSG_N_INHOUSE_TARGET_FOR},
	    {MSG_N_OUTSOURCED_CURRENT_FOR, MSG_N_OUTSOURCED_TARGET_FOR},
	};
	static const char *const field[SIDE_COUNT][2] = {
	    {"insource.current", "insource.target"},
	    {"outsource.current", "outsource.target"},
	};
	const char *ref = en->ref_id ? en->ref_id : "";
	int rc, s;

	rc = store_check_name_as(STORE_WHAT(MSG_N_SERVICE_REF, "ref"), en->ref_id, e);
	if (rc)
		return rc;
	if ((unsigned)en->level >= LEVEL_COUNT)
		return err_fail(e, ERR_INVALID, "level", MSG_E_LEVEL_RANGE, ref);
	if ((unsigned)en->assignment >= ASSIGN_COUNT)
		return err_fail(e, ERR_INVALID, "assignment", MSG_E_ASSIGNMENT_RANGE, ref);
	for (s = 0; s < SIDE_COUNT; s++) {
		rc = store_check_score(STORE_WHAT_OF(what[s][0], ref, field[s][0]),
				       en->score[s].current, e);
		if (rc)
			return rc;
		rc = store_check_score(STORE_WHAT_OF(what[s][1], ref, field[s][1]),
				       en->score[s].target, e);
		if (rc)
			return rc;
	}
	rc = store_check_text_as(STORE_WHAT_OF(MSG_N_NOTE_FOR, ref, "note"), en->note,
				 STORE_TEXT_MAX, e);
	if (rc)
		return rc;
	rc = store_check_text_as(STORE_WHAT_OF(MSG_N_EVIDENCE_FOR, ref, "evidence"), en->evidence,
				 STORE_TEXT_MAX, e);
	if (rc || !en->custom)
		return rc;
	rc = store_check_name_as(STORE_WHAT_OF(MSG_N_CUSTOM_NAME_OF, ref, "custom.name_en"),
				 en->custom_name_en, e);
	if (rc)
		return rc;
	if (en->custom_name_ja &&
	    (rc = store_check_name_as(STORE_WHAT_OF(MSG_N_CUSTOM_NAME_JA_OF, ref, "custom.name_ja"),
				      en->custom_name_ja, e)))
		return rc;
	if (en->custom_category && (rc = store_check_name_as(STORE_WHAT_OF(MSG_N_CUSTOM_CATEGORY_OF,
									   ref, "custom.category"),
							     en->custom_category, e)))
		return rc;
	return 0;
}

/* Resolve one side's party: by id when set (it must belong to the organization),
 * else by name; on return *id and *name agree (both empty when none). */
static int resolve_party(struct store *st, enum party_kind k, const struct pf_info *pi,
			 long long *id, char **name, struct err *e)
{
	static const char *const sql[] = {
	    "SELECT name FROM teams WHERE id = ? AND org_id = ?",
	    "SELECT name FROM providers WHERE id = ? AND org_id = ?",
	};
	struct db_stmt *s = NULL;
	int rc;

	if (*id) {
		rc = db_run(st->db, &s, e, sql[k == PARTY_PROVIDER], "ii", *id, pi->org_id);
		if (rc < 0)
			return rc;
		if (rc == DB_DONE)
			return err_fail(e, ERR_NOT_FOUND, k == PARTY_TEAM ? "team" : "provider",
					MSG_E_UNKNOWN_PARTY_ID,
					ERR_WORD(k == PARTY_TEAM ? MSG_N_TEAM : MSG_N_PROVIDER),
					*id, pi->org_name);
		free(*name);
		*name = store_col(s, 0);
		db_finalize(s);
		return 0;
	}
	if (!*name || !**name) {
		XFREE(name);
		return 0;
	}
	return store_party_find(st, k, pi->org_id, *name, id, e);
}

/* The stored entry for ref into *out (found = 1) or found = 0. */
static int entry_lookup(struct store *st, long long portfolio_id, const char *ref,
			struct entry *out, int *found, struct err *e)
{
	struct db_stmt *s = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	*found = 0;
	rc = db_run(st->db, &s, e, STORE_ENTRY_SELECT "WHERE e.portfolio_id = ? AND e.ref_id = ?",
		    "is", portfolio_id, ref);
	if (rc == DB_ROW) {
		store_entry_from_row(s, out);
		db_finalize(s);
		*found = 1;
	}
	return rc < 0 ? rc : 0;
}

static int bind_entry(struct db_stmt *s, const struct entry *en)
{
	int rc = 0;

	rc |= db_bind_text(s, 1, level_name(en->level));
	rc |= db_bind_text(s, 2, assignment_name(en->assignment));
	rc |= en->team_id ? db_bind_int(s, 3, en->team_id) : db_bind_null(s, 3);
	rc |= en->provider_id ? db_bind_int(s, 4, en->provider_id) : db_bind_null(s, 4);
	rc |= store_bind_score(s, 5, en->score[SIDE_INSOURCE].current);
	rc |= store_bind_score(s, 6, en->score[SIDE_INSOURCE].target);
	rc |= store_bind_score(s, 7, en->score[SIDE_OUTSOURCE].current);
	rc |= store_bind_score(s, 8, en->score[SIDE_OUTSOURCE].target);
	rc |= db_bind_text(s, 9, en->note);
	rc |= db_bind_text(s, 10, en->evidence);
	rc |= db_bind_int(s, 11, en->custom ? 1 : 0);
	rc |= db_bind_text(s, 12, en->custom ? en->custom_name_en : NULL);
	rc |= db_bind_text(s, 13, en->custom ? en->custom_name_ja : NULL);
	rc |= db_bind_text(s, 14, en->custom ? en->custom_category : NULL);
	rc |= db_bind_int(s, 15, en->version);
	return rc;
}

/* Write en's columns: insert (id 0) or update row en->id; en->version is the
 * version to store. With import, the row keeps its given version. */
static int write_entry(struct store *st, long long portfolio_id, struct entry *en, int insert,
		       struct err *e)
{
	struct db_stmt *s = NULL;
	int rc;

	rc = db_prepare(
	    st->db,
	    insert ? "INSERT INTO entries (level, assignment, team_id, provider_id, "
		     "in_current, in_target, out_current, out_target, note, evidence, "
		     "custom, custom_name_en, custom_name_ja, custom_category, version, "
		     "portfolio_id, ref_id) "
		     "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"
		   /* no RETURNING: the id is known, and SQLite would build a table for it */
		   : "UPDATE entries SET level = ?, assignment = ?, team_id = ?, "
		     "provider_id = ?, in_current = ?, in_target = ?, out_current = ?, "
		     "out_target = ?, note = ?, evidence = ?, custom = ?, "
		     "custom_name_en = ?, custom_name_ja = ?, custom_category = ?, "
		     "version = ? WHERE id = ?",
	    &s, e);
	if (rc)
		return rc;
	rc = bind_entry(s, en);
	if (insert)
		rc |= db_bind_int(s, 16, portfolio_id) | db_bind_text(s, 17, en->ref_id);
	else
		rc |= db_bind_int(s, 16, en->id);
	if (rc)
		rc = err_fail(e, ERR_DB, NULL, MSG_E_ENTRY_BIND, en->ref_id);
	else
		rc = db_step(s, e);
	if (rc == DB_ROW) {
		en->id = db_column_int(s, 0);
		rc = 0;
	} else if (rc == DB_DONE && !insert && db_changes(st->db) == 1) {
		rc = 0;
	} else if (rc == DB_DONE) {
		rc = err_fail(e, ERR_CONFLICT, NULL, MSG_E_ENTRY_VANISHED, en->ref_id);
	}
	db_finalize(s);
	return rc;
}

int store_entry_put(struct store *st, long long portfolio_id, struct entry *en,
		    long long expect_version, struct err *e)
{
	struct pf_info pi = {0};
	struct entry old;
	json_t *before = NULL, *after = NULL;
	char *subject = NULL;
	long long version = en->version, id = en->id;
	int rc, found = 0;

	memset(&old, 0, sizeof(old));
	rc = store_entry_check(en, e);
	if (rc)
		return rc;
	rc = store_tx_pf(st, portfolio_id, &pi, e);
	if (rc)
		return rc;
	rc = resolve_party(st, PARTY_TEAM, &pi, &en->team_id, &en->team, e);
	if (!rc)
		rc = resolve_party(st, PARTY_PROVIDER, &pi, &en->provider_id, &en->provider, e);
	if (!rc)
		rc = entry_lookup(st, portfolio_id, en->ref_id, &old, &found, e);
	if (rc)
		goto out;
	if (expect_version >= 0 && (found ? old.version != expect_version : expect_version > 0)) {
		if (found)
			rc = err_fail(e, ERR_CONFLICT, NULL, MSG_E_ENTRY_CHANGED, en->ref_id,
				      old.version, expect_version);
		else
			rc = err_fail(e, ERR_CONFLICT, NULL, MSG_E_ENTRY_REMOVED, en->ref_id,
				      expect_version);
		goto out;
	}
	if (found) {
		before = store_entry_json(&old);
		en->version = old.version;
		after = store_entry_json(en);
		if (json_equal(before, after)) {
			/* nothing changed: no write, no event, no new version */
			en->id = old.id;
			goto out;
		}
		json_decref(after);
		after = NULL;
		en->id = old.id;
		if (old.version >= ENTRY_VERSION_MAX) {
			/* refuse rather than overflow: no later change could be told apart */
			rc = err_fail(e, ERR_CONFLICT, NULL, MSG_E_ENTRY_VERSION_MAX, en->ref_id,
				      old.version);
			goto out;
		}
		en->version = old.version + 1;
	} else {
		en->id = 0;
		en->version = 1;
	}
	rc = write_entry(st, portfolio_id, en, !found, e);
	if (rc)
		goto out;
	after = store_entry_json(en);
	subject = store_fmt("'%s' in '%s' for '%s'", en->ref_id, pi.org_name, pi.framework_id);
	rc = store_audit_json(st, pi.org_id, found ? "entry.update" : "entry.add", subject, before,
			      after, e);
	before = after = NULL;
out:
	json_decref(before);
	json_decref(after);
	free(subject);
	entry_release(&old);
	store_pf_info_release(&pi);
	rc = store_tx_end(st, rc, e);
	if (rc) {
		/* nothing was stored: give the caller back what it had */
		en->version = version;
		en->id = id;
	}
	return rc;
}

int store_entry_delete(struct store *st, long long portfolio_id, const char *ref_id, struct err *e)
{
	struct pf_info pi = {0};
	struct entry old;
	char *subject = NULL;
	int rc, found = 0;

	memset(&old, 0, sizeof(old));
	rc = store_tx_pf(st, portfolio_id, &pi, e);
	if (rc)
		return rc;
	rc = entry_lookup(st, portfolio_id, ref_id ? ref_id : "", &old, &found, e);
	if (rc)
		goto out;
	if (!found) {
		rc = err_fail(e, ERR_NOT_FOUND, "ref", MSG_E_NOT_IN_PORTFOLIO, ref_id ? ref_id : "",
			      pi.org_name, pi.framework_id);
		goto out;
	}
	rc = db_run(st->db, NULL, e, "DELETE FROM entries WHERE id = ?", "i", old.id);
	if (rc < 0)
		goto out;
	subject = store_fmt("'%s' in '%s' for '%s'", old.ref_id, pi.org_name, pi.framework_id);
	rc = store_audit_json(st, pi.org_id, "entry.delete", subject, store_entry_json(&old), NULL,
			      e);
out:
	free(subject);
	entry_release(&old);
	store_pf_info_release(&pi);
	return store_tx_end(st, rc, e);
}

int store_import_entry(struct store *st, long long portfolio_id, const struct entry *en,
		       struct err *e)
{
	struct entry copy = *en;
	int rc;

	rc = store_entry_check(en, e);
	if (!rc)
		rc = rule_version(en->ref_id, en->version, e);
	if (rc)
		return rc;
	return write_entry(st, portfolio_id, &copy, 1, e);
}
