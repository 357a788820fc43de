/*
 * store_org_delete.c - deleting organizations, teams and providers, and
 * reading what still refers to them (a delete that would orphan rows is
 * refused by ops/ with these counts, never cascaded).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "store/store_int.h"
#include "util/buf.h"
#include "util/xalloc.h"

void store_usage_release(struct store_usage *u)
{
	if (!u)
		return;
	XFREE(&u->refs);
	u->count = 0;
}

/* Count the rows sql (one id parameter, one name column) gives, and list the
 * first STORE_USAGE_REFS names in u->refs. */
static int usage_of(struct store *st, const char *sql, long long id, struct store_usage *u,
		    struct err *e)
{
	struct db_stmt *s = NULL;
	struct buf b;
	int rc;

	u->count = 0;
	u->refs = NULL;
	buf_init(&b, STORE_USAGE_REFS * (STORE_NAME_MAX + 2) + 8);
	rc = db_prepare(st->db, sql, &s, e);
	if (!rc && db_bind_int(s, 1, id))
		rc = err_fail(e, ERR_DB, NULL, MSG_E_DB_BIND);
	while (!rc && (rc = db_step(s, e)) == DB_ROW) {
		if (u->count < STORE_USAGE_REFS)
			buf_printf(&b, "%s%s", u->count ? ", " : "", db_column_text(s, 0));
		else if (u->count == STORE_USAGE_REFS)
			buf_addstr(&b, ", ...");
		u->count++;
		rc = 0;
	}
	db_finalize(s);
	if (rc < 0) {
		buf_release(&b);
		u->count = 0;
		return rc;
	}
	u->refs = buf_detach(&b, NULL);
	buf_release(&b); /* buf_detach re-initialised it */
	return 0;
}

int store_party_usage(struct store *st, enum party_kind k, long long id,
		      struct store_usage *entries, struct store_usage *members, struct err *e)
{
	static const char *const sql_entries[] = {
	    "SELECT e.ref_id FROM entries e WHERE e.team_id = ? ORDER BY e.ref_id",
	    "SELECT e.ref_id FROM entries e WHERE e.provider_id = ? ORDER BY e.ref_id",
	};
	int rc;

	members->count = 0;
	members->refs = NULL;
	rc = usage_of(st, sql_entries[k == PARTY_PROVIDER], id, entries, e);
	if (!rc && k == PARTY_TEAM)
		rc = usage_of(st,
			      "SELECT u.name FROM memberships m JOIN users u ON u.id = m.user_id "
			      "WHERE m.team_id = ? ORDER BY u.name",
			      id, members, e);
	else if (!rc)
		members->refs = xstrdup("");
	if (rc)
		store_usage_release(entries);
	return rc;
}

int store_party_delete(struct store *st, enum party_kind k, long long org_id, long long id,
		       struct err *e)
{
	static const char *const sql_delete[] = {
	    "DELETE FROM teams WHERE id = ?",
	    "DELETE FROM providers WHERE id = ?",
	};
	const char *word = store_party_word(k);
	char *org = NULL, *name = NULL, action[32], *subject = NULL;
	json_t *before;
	int rc;

	rc = store_tx_begin(st, e);
	if (rc)
		return rc;
	rc = store_party_names(st, k, org_id, id, &org, &name, e);
	if (rc)
		goto out;
	rc = db_run(st->db, NULL, e, sql_delete[k == PARTY_PROVIDER], "i", id);
	if (rc < 0)
		goto out;
	before = json_object();
	json_object_set_new(before, "name", json_string(name));
	snprintf(action, sizeof(action), "%s.delete", word);
	subject = store_fmt("%s '%s' in '%s'", word, name, org);
	rc = store_audit_json(st, org_id, action, subject, before, NULL, e);
out:
	free(subject);
	free(name);
	free(org);
	return store_tx_end(st, rc > 0 ? 0 : rc, e);
}

int store_org_usage(struct store *st, long long org_id, struct store_usage *portfolios,
		    struct store_usage *children, struct store_usage *members, struct err *e)
{
	int rc;

	children->refs = members->refs = NULL;
	rc = usage_of(st,
		      "SELECT framework_id FROM portfolios WHERE org_id = ? ORDER BY framework_id",
		      org_id, portfolios, e);
	if (!rc)
		rc =
		    usage_of(st, "SELECT name FROM organizations WHERE parent_id = ? ORDER BY name",
			     org_id, children, e);
	if (!rc)
		rc = usage_of(st,
			      "SELECT u.name FROM memberships m JOIN users u ON u.id = m.user_id "
			      "WHERE m.org_id = ? ORDER BY u.name",
			      org_id, members, e);
	if (rc) {
		store_usage_release(portfolios);
		store_usage_release(children);
		store_usage_release(members);
	}
	return rc;
}

int store_org_delete(struct store *st, long long org_id, struct err *e)
{
	struct org o = {0};
	char *subject = NULL;
	json_t *before;
	int rc;

	rc = store_tx_begin(st, e);
	if (rc)
		return rc;
	rc = store_org_get(st, org_id, &o, e);
	if (rc)
		goto out;
	/* the parent losing its last child is a group no more */
	rc = store_group_counts_detach(st, org_id, o.parent_id, e);
	if (rc)
		goto out;
	/* its teams and providers go with it: nothing else may refer to them (ops/ checks) */
	rc = db_run(st->db, NULL, e, "DELETE FROM teams WHERE org_id = ?", "i", org_id);
	if (rc >= 0)
		rc = db_run(st->db, NULL, e, "DELETE FROM providers WHERE org_id = ?", "i", org_id);
	if (rc >= 0)
		rc = db_run(st->db, NULL, e, "DELETE FROM organizations WHERE id = ?", "i", org_id);
	if (rc < 0)
		goto out;
	before = json_object();
	json_object_set_new(before, "name", json_string(o.name));
	json_object_set_new(before, "parent", store_jstr(o.parent_name));
	json_object_set_new(before, "created_at", store_jstr(o.created_at));
	subject = store_fmt("organization '%s'", o.name);
	/* recorded without the organization's id: the event outlives it */
	rc = store_audit_json(st, 0, "org.delete", subject, before, NULL, e);
out:
	free(subject);
	org_release(&o);
	return store_tx_end(st, rc > 0 ? 0 : rc, e);
}
