/*
 * store_org.c - organizations, their teams (in-house) and providers (external).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "store/store_int.h"
#include "util/xalloc.h"

/* Longest parent chain walked when checking for a cycle. */
#define ORG_DEPTH_MAX 10000

#define ORG_SELECT                                                                                 \
	"SELECT o.id, o.name, o.parent_id, p.name, o.created_at FROM organizations o "             \
	"LEFT JOIN organizations p ON p.id = o.parent_id "

void org_release(struct org *o)
{
	if (!o)
		return;
	XFREE(&o->name);
	XFREE(&o->parent_name);
	XFREE(&o->created_at);
	o->id = o->parent_id = 0;
}

void org_list_free(struct org *list, size_t n)
{
	size_t i;

	for (i = 0; list && i < n; i++)
		org_release(&list[i]);
	free(list);
}

static void org_from_row(struct db_stmt *s, struct org *o)
{
	o->id = db_column_int(s, 0);
	o->name = store_col(s, 1);
	o->parent_id = db_column_is_null(s, 2) ? 0 : db_column_int(s, 2);
	o->parent_name = store_col(s, 3);
	o->created_at = store_col(s, 4);
}

static json_t *org_json(const struct org *o)
{
	json_t *j = json_object();

	json_object_set_new(j, "name", json_string(o->name));
	json_object_set_new(j, "parent", store_jstr(o->parent_name));
	json_object_set_new(j, "created_at", store_jstr(o->created_at));
	return j;
}

/* The org named name into *out; DB_DONE (1 is never returned) when there is none. */
static int org_by_name(struct store *st, const char *name, struct org *out, struct err *e)
{
	struct db_stmt *s = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = db_run(st->db, &s, e, ORG_SELECT "WHERE o.name = ?", "s", name);
	if (rc == DB_ROW) {
		org_from_row(s, out);
		db_finalize(s);
	}
	return rc;
}

int store_org_find(struct store *st, const char *name, struct org *out, struct err *e)
{
	int rc = org_by_name(st, name ? name : "", out, e);

	if (rc == DB_DONE)
		return err_fail(e, ERR_NOT_FOUND, NULL, MSG_E_UNKNOWN_ORG, name ? name : "");
	return rc < 0 ? rc : 0;
}

int store_org_get(struct store *st, long long id, struct org *out, struct err *e)
{
	struct db_stmt *s = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = db_run(st->db, &s, e, ORG_SELECT "WHERE o.id = ?", "i", id);
	if (rc < 0)
		return rc;
	if (rc == DB_DONE)
		return err_fail(e, ERR_NOT_FOUND, NULL, MSG_E_UNKNOWN_ORG_ID, id);
	org_from_row(s, out);
	db_finalize(s);
	return 0;
}

static int org_cmp(const void *a, const void *b)
{
	return strcmp(((const struct org *)a)->name, ((const struct org *)b)->name);
}

static void org_item(struct db_stmt *s, void *item)
{
	org_from_row(s, item);
}

static void orgs_free(void *list, size_t n)
{
	org_list_free(list, n);
}

static const struct store_rows_of orgs_of = {sizeof(struct org), org_item, orgs_free, org_cmp};

int store_org_list(struct store *st, struct org **out, size_t *n, struct err *e)
{
	struct db_stmt *s = NULL;
	void *list;
	int rc = db_prepare(st->db, ORG_SELECT, &s, e);

	rc = store_rows(s, rc, &orgs_of, &list, n, e);
	*out = list;
	return rc;
}

int store_org_children(struct store *st, long long parent_id, struct org **out, size_t *n,
		       struct err *e)
{
	struct db_stmt *s = NULL;
	void *list;
	int rc = db_prepare(st->db, ORG_SELECT "WHERE o.parent_id = ?", &s, e);

	if (!rc && db_bind_int(s, 1, parent_id))
		rc = err_fail(e, ERR_DB, NULL, MSG_E_DB_BIND);
	rc = store_rows(s, rc, &orgs_of, &list, n, e);
	*out = list;
	return rc;
}

int store_org_add(struct store *st, const char *name, const char *parent_name, long long *id,
		  struct err *e)
{
	struct org o = {0}, parent = {0};
	struct db_stmt *s = NULL;
	char now[32], *subject = NULL;
	int rc;

	rc = store_check_name_as(STORE_WHAT(MSG_N_ORG_NAME, "name"), name, e);
	if (rc)
		return rc;
	rc = store_tx_begin(st, e);
	if (rc)
		return rc;
	rc = org_by_name(st, name, &o, e);
	if (rc == DB_ROW) {
		rc = err_fail(e, ERR_CONFLICT, "name", MSG_E_ORG_EXISTS, name);
		goto out;
	}
	if (rc < 0)
		goto out;
	if (parent_name && *parent_name) {
		rc = store_org_find(st, parent_name, &parent, e);
		if (rc)
			goto out;
	}
	store_now(now);
	if (parent.id)
		rc = db_run(
		    st->db, &s, e,
		    "INSERT INTO organizations (name, parent_id, created_at) VALUES (?, ?, ?) "
		    "RETURNING id",
		    "sis", name, parent.id, now);
	else
		rc = db_run(st->db, &s, e,
			    "INSERT INTO organizations (name, parent_id, created_at) "
			    "VALUES (?, NULL, ?) RETURNING id",
			    "ss", name, now);
	if (rc < 0)
		goto out;
	o.id = db_column_int(s, 0);
	db_finalize(s);
	rc = store_group_counts_attach(st, o.id, parent.id, e); /* a parent's first child */
	if (rc)
		goto out;
	o.name = xstrdup(name);
	o.parent_id = parent.id;
	o.parent_name = xstrdup(parent.name);
	o.created_at = xstrdup(now);
	if (id)
		*id = o.id;
	subject = store_fmt("organization '%s'", name);
	rc = store_audit_json(st, o.id, "org.add", subject, NULL, org_json(&o), e);
out:
	free(subject);
	org_release(&o);
	org_release(&parent);
	return store_tx_end(st, rc, e);
}

int store_org_rename(struct store *st, long long id, const char *name, struct err *e)
{
	struct org o = {0}, other = {0};
	json_t *before = NULL;
	char *subject = NULL;
	int rc;

	rc = store_check_name_as(STORE_WHAT(MSG_N_ORG_NAME, "name"), name, e);
	if (rc)
		return rc;
	rc = store_tx_begin(st, e);
	if (rc)
		return rc;
	rc = store_org_get(st, id, &o, e);
	if (rc || !strcmp(o.name, name))
		goto out;
	rc = org_by_name(st, name, &other, e);
	if (rc == DB_ROW) {
		rc = err_fail(e, ERR_CONFLICT, "name", MSG_E_ORG_EXISTS, name);
		goto out;
	}
	if (rc < 0)
		goto out;
	rc = db_run(st->db, NULL, e, "UPDATE organizations SET name = ? WHERE id = ?", "si", name,
		    id);
	if (rc < 0)
		goto out;
	before = org_json(&o);
	subject = store_fmt("organization '%s'", o.name);
	free(o.name);
	o.name = xstrdup(name);
	rc = store_audit_json(st, id, "org.rename", subject, before, org_json(&o), e);
out:
	free(subject);
	org_release(&o);
	org_release(&other);
	return store_tx_end(st, rc > 0 ? 0 : rc, e);
}

int store_org_set_parent(struct store *st, long long id, long long parent_id, struct err *e)
{
	struct org o = {0}, parent = {0}, up = {0};
	json_t *before = NULL;
	char *subject = NULL;
	long long cur;
	int rc, depth;

	rc = store_tx_begin(st, e);
	if (rc)
		return rc;
	rc = store_org_get(st, id, &o, e);
	if (rc || o.parent_id == parent_id)
		goto out;
	if (parent_id) {
		rc = store_org_get(st, parent_id, &parent, e);
		if (rc)
			goto out;
		if (parent_id == id) {
			rc = err_fail(e, ERR_INVALID, "parent", MSG_E_ORG_OWN_PARENT, o.name);
			goto out;
		}
		/* refuse a loop: the new parent must not be below o */
		for (cur = parent.parent_id, depth = 0; cur && depth < ORG_DEPTH_MAX; depth++) {
			if (cur == id) {
				rc = err_fail(e, ERR_INVALID, "parent", MSG_E_ORG_PARENT_LOOP,
					      parent.name, o.name, o.name);
				goto out;
			}
			org_release(&up);
			rc = store_org_get(st, cur, &up, e);
			if (rc)
				goto out;
			cur = up.parent_id;
		}
	}
	/* its subtree's entries leave the old parent's groups and join the new one's */
	rc = store_group_counts_detach(st, id, o.parent_id, e);
	if (rc)
		goto out;
	if (parent_id)
		rc = db_run(st->db, NULL, e, "UPDATE organizations SET parent_id = ? WHERE id = ?",
			    "ii", parent_id, id);
	else
		rc = db_run(st->db, NULL, e,
			    "UPDATE organizations SET parent_id = NULL WHERE id = ?", "i", id);
	if (rc >= 0)
		rc = store_group_counts_attach(st, id, parent_id, e);
	if (rc < 0)
		goto out;
	before = org_json(&o);
	XFREE(&o.parent_name);
	o.parent_id = parent_id;
	o.parent_name = xstrdup(parent.name);
	subject = store_fmt("organization '%s'", o.name);
	rc = store_audit_json(st, id, "org.set_parent", subject, before, org_json(&o), e);
out:
	free(subject);
	org_release(&o);
	org_release(&parent);
	org_release(&up);
	return store_tx_end(st, rc > 0 ? 0 : rc, e);
}

/* ---- teams and providers ---- */

/* "team" / "provider": audit actions and subjects. */
const char *store_party_word(enum party_kind k)
{
	return k == PARTY_TEAM ? "team" : "provider";
}

/* The same in messages, in the user's language. */
static enum msg_id party_noun(enum party_kind k)
{
	return k == PARTY_TEAM ? MSG_N_TEAM : MSG_N_PROVIDER;
}

/* "team name" / "provider name", in checks. */
static const struct store_what *party_what(enum party_kind k)
{
	static const struct store_what what[] = {{MSG_N_TEAM_NAME, NULL, "name"},
						 {MSG_N_PROVIDER_NAME, NULL, "name"}};
	return &what[k == PARTY_PROVIDER];
}

int store_party_names(struct store *st, enum party_kind k, long long org_id, long long id,
		      char **org, char **name, struct err *e)
{
	static const char *const sql[] = {
	    "SELECT name FROM teams WHERE id = ? AND org_id = ?",
	    "SELECT name FROM providers WHERE id = ? AND org_id = ?",
	};
	struct db_stmt *s = NULL;
	int rc = store_org_name(st, org_id, org, e);

	if (rc)
		return rc;
	rc = db_run(st->db, &s, e, sql[k == PARTY_PROVIDER], "ii", id, org_id);
	if (rc == DB_DONE)
		return err_fail(e, ERR_NOT_FOUND, NULL, MSG_E_UNKNOWN_PARTY_ID,
				ERR_WORD(party_noun(k)), id, *org);
	if (rc < 0)
		return rc;
	*name = store_col(s, 0);
	db_finalize(s);
	return 0;
}

void party_list_free(struct party *list, size_t n)
{
	size_t i;

	for (i = 0; list && i < n; i++)
		free(list[i].name);
	free(list);
}

/* Id of the party called name in org_id, or 0. */
static int party_lookup(struct store *st, enum party_kind k, long long org_id, const char *name,
			long long *id, struct err *e)
{
	static const char *const sql[] = {
	    "SELECT id FROM teams WHERE org_id = ? AND name = ?",
	    "SELECT id FROM providers WHERE org_id = ? AND name = ?",
	};
	struct db_stmt *s = NULL;
	int rc;

	*id = 0;
	rc = db_run(st->db, &s, e, sql[k == PARTY_PROVIDER], "is", org_id, name);
	if (rc == DB_ROW) {
		*id = db_column_int(s, 0);
		db_finalize(s);
	}
	return rc < 0 ? rc : 0;
}

int store_party_add(struct store *st, enum party_kind k, long long org_id, const char *name,
		    long long *id, struct err *e)
{
	static const char *const sql[] = {
	    "INSERT INTO teams (org_id, name) VALUES (?, ?) RETURNING id",
	    "INSERT INTO providers (org_id, name) VALUES (?, ?) RETURNING id",
	};
	struct db_stmt *s = NULL;
	char *org = NULL, action[32], *subject = NULL;
	long long found, new_id;
	json_t *after;
	int rc;

	rc = store_check_name_as(party_what(k), name, e);
	if (rc)
		return rc;
	rc = store_tx_begin(st, e);
	if (rc)
		return rc;
	rc = store_org_name(st, org_id, &org, e);
	if (rc)
		goto out;
	rc = party_lookup(st, k, org_id, name, &found, e);
	if (rc)
		goto out;
	if (found) {
		rc = err_fail(e, ERR_CONFLICT, "name", MSG_E_PARTY_EXISTS, ERR_WORD(party_noun(k)),
			      name, org);
		goto out;
	}
	rc = db_run(st->db, &s, e, sql[k == PARTY_PROVIDER], "is", org_id, name);
	if (rc < 0)
		goto out;
	new_id = db_column_int(s, 0);
	db_finalize(s);
	if (id)
		*id = new_id;
	after = json_object();
	json_object_set_new(after, "name", json_string(name));
	snprintf(action, sizeof(action), "%s.add", store_party_word(k));
	subject = store_fmt("%s '%s' in '%s'", store_party_word(k), name, org);
	rc = store_audit_json(st, org_id, action, subject, NULL, after, e);
out:
	free(subject);
	free(org);
	return store_tx_end(st, rc, e);
}

int store_party_rename(struct store *st, enum party_kind k, long long org_id, long long id,
		       const char *name, struct err *e)
{
	static const char *const sql_set[] = {
	    "UPDATE teams SET name = ? WHERE id = ?",
	    "UPDATE providers SET name = ? WHERE id = ?",
	};
	char *org = NULL, *old = NULL, action[32], *subject = NULL;
	json_t *before, *after;
	long long found;
	int rc;

	rc = store_check_name_as(party_what(k), name, e);
	if (rc)
		return rc;
	rc = store_tx_begin(st, e);
	if (rc)
		return rc;
	rc = store_party_names(st, k, org_id, id, &org, &old, e);
	if (rc || !strcmp(old, name))
		goto out;
	rc = party_lookup(st, k, org_id, name, &found, e);
	if (rc)
		goto out;
	if (found) {
		rc = err_fail(e, ERR_CONFLICT, "name", MSG_E_PARTY_EXISTS, ERR_WORD(party_noun(k)),
			      name, org);
		goto out;
	}
	rc = db_run(st->db, NULL, e, sql_set[k == PARTY_PROVIDER], "si", name, id);
	if (rc < 0)
		goto out;
	before = json_object();
	json_object_set_new(before, "name", json_string(old));
	after = json_object();
	json_object_set_new(after, "name", json_string(name));
	snprintf(action, sizeof(action), "%s.rename", store_party_word(k));
	subject = store_fmt("%s '%s' in '%s'", store_party_word(k), old, org);
	rc = store_audit_json(st, org_id, action, subject, before, after, e);
out:
	free(subject);
	free(old);
	free(org);
	return store_tx_end(st, rc > 0 ? 0 : rc, e);
}

int store_party_find(struct store *st, enum party_kind k, long long org_id, const char *name,
		     long long *id, struct err *e)
{
	char *org = NULL;
	int rc;

	rc = party_lookup(st, k, org_id, name ? name : "", id, e);
	if (rc || *id)
		return rc;
	rc = store_org_name(st, org_id, &org, e);
	if (!rc)
		rc = err_fail(e, ERR_NOT_FOUND, k == PARTY_TEAM ? "team" : "provider",
			      MSG_E_UNKNOWN_PARTY, ERR_WORD(party_noun(k)), name ? name : "", org);
	free(org);
	return rc;
}

static int party_cmp(const void *a, const void *b)
{
	return strcmp(((const struct party *)a)->name, ((const struct party *)b)->name);
}

static void party_item(struct db_stmt *s, void *item)
{
	struct party *p = item;

	p->id = db_column_int(s, 0);
	p->org_id = db_column_int(s, 1);
	p->name = store_col(s, 2);
}

static void parties_free(void *list, size_t n)
{
	party_list_free(list, n);
}

static const struct store_rows_of parties_of = {sizeof(struct party), party_item, parties_free,
						party_cmp};

int store_party_list(struct store *st, enum party_kind k, long long org_id, struct party **out,
		     size_t *n, struct err *e)
{
	static const char *const sql[] = {
	    "SELECT id, org_id, name FROM teams WHERE org_id = ?",
	    "SELECT id, org_id, name FROM providers WHERE org_id = ?",
	};
	struct db_stmt *s = NULL;
	char *org = NULL;
	void *list;
	int rc;

	*out = NULL;
	*n = 0;
	rc = store_org_name(st, org_id, &org, e);
	free(org);
	if (rc)
		return rc;
	rc = db_prepare(st->db, sql[k == PARTY_PROVIDER], &s, e);
	if (!rc && db_bind_int(s, 1, org_id))
		rc = err_fail(e, ERR_DB, NULL, MSG_E_DB_BIND);
	rc = store_rows(s, rc, &parties_of, &list, n, e);
	*out = list;
	return rc;
}

int store_import_org(struct store *st, const struct org *o, long long *id, struct err *e)
{
	struct org found = {0};
	struct db_stmt *s = NULL;
	int rc;

	rc = store_check_name_as(STORE_WHAT(MSG_N_ORG_NAME, "name"), o->name, e);
	if (!rc)
		rc = store_check_name_as(STORE_WHAT(MSG_N_ORG_CREATED_AT, "created_at"),
					 o->created_at, e);
	if (rc)
		return rc;
	rc = org_by_name(st, o->name, &found, e);
	org_release(&found);
	if (rc == DB_ROW)
		return err_fail(e, ERR_CONFLICT, "name", MSG_E_ORG_EXISTS, o->name);
	if (rc < 0)
		return rc;
	if (o->parent_id)
		rc = db_run(
		    st->db, &s, e,
		    "INSERT INTO organizations (name, parent_id, created_at) VALUES (?, ?, ?) "
		    "RETURNING id",
		    "sis", o->name, o->parent_id, o->created_at);
	else
		rc = db_run(st->db, &s, e,
			    "INSERT INTO organizations (name, parent_id, created_at) "
			    "VALUES (?, NULL, ?) RETURNING id",
			    "ss", o->name, o->created_at);
	if (rc < 0)
		return rc;
	*id = db_column_int(s, 0);
	db_finalize(s);
	return store_group_counts_attach(st, *id, o->parent_id, e);
}

int store_import_party(struct store *st, enum party_kind k, long long org_id, const char *name,
		       long long *id, struct err *e)
{
	static const char *const sql[] = {
	    "INSERT INTO teams (org_id, name) VALUES (?, ?) RETURNING id",
	    "INSERT INTO providers (org_id, name) VALUES (?, ?) RETURNING id",
	};
	struct db_stmt *s = NULL;
	int rc;

	rc = store_check_name_as(party_what(k), name, e);
	if (rc)
		return rc;
	rc = db_run(st->db, &s, e, sql[k == PARTY_PROVIDER], "is", org_id, name);
	if (rc < 0)
		return rc;
	*id = db_column_int(s, 0);
	db_finalize(s);
	return 0;
}
