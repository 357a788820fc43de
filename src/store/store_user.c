/*
 * store_user.c - web accounts: users and memberships (user x organization x
 * role). Sessions, API tokens and login attempts are in store_session.c.
 *
 * Secrets never reach the audit log: events about users carry the name and
 * flags only, never the password hash.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"
#include "store/store_user.h"
#include "util/xalloc.h"

#define LANG_MAX 8

static const char *const role_names[ROLE_COUNT] = {"viewer", "assessor", "editor", "admin"};

const char *role_name(enum role r)
{
	return (unsigned)r < ROLE_COUNT ? role_names[r] : "viewer";
}

int role_parse(const char *s)
{
	int i;

	for (i = 0; s && i < ROLE_COUNT; i++)
		if (!strcmp(s, role_names[i]))
			return i;
	return -1;
}

/* ---- users ---- */

#define USER_SELECT                                                                                \
	"SELECT id, name, password_hash, is_admin, lang, disabled, created_at FROM users "

void user_release(struct user *u)
{
	if (!u)
		return;
	XFREE(&u->name);
	XFREE(&u->password_hash);
	XFREE(&u->lang);
	XFREE(&u->created_at);
	u->id = 0;
	u->is_admin = u->disabled = 0;
}

void user_list_free(struct user *list, size_t n)
{
	size_t i;

	for (i = 0; list && i < n; i++)
		user_release(&list[i]);
	free(list);
}

static void user_from_row(struct db_stmt *s, struct user *u)
{
	const char *lang = db_column_text(s, 4);

	u->id = db_column_int(s, 0);
	u->name = store_col(s, 1);
	u->password_hash = store_col(s, 2);
	u->is_admin = db_column_int(s, 3) != 0;
	u->lang = lang && *lang ? xstrdup(lang) : NULL; /* '' = the browser's choice */
	u->disabled = db_column_int(s, 5) != 0;
	u->created_at = store_col(s, 6);
}

/* What audit events show of a user: never the password hash. */
static json_t *user_json(const struct user *u)
{
	json_t *j = json_object();

	json_object_set_new(j, "name", json_string(u->name));
	json_object_set_new(j, "is_admin", json_boolean(u->is_admin));
	json_object_set_new(j, "disabled", json_boolean(u->disabled));
	json_object_set_new(j, "lang", store_jstr(u->lang));
	return j;
}

static int check_lang(const char *lang, struct err *e)
{
	char shown[LANG_MAX + 1];

	if (!lang || !strcmp(lang, "en") || !strcmp(lang, "ja"))
		return 0;
	snprintf(shown, sizeof(shown), "%s", lang);
	return err_fail(e, ERR_INVALID, "lang", MSG_E_USER_LANG, shown);
}

int store_user_add(struct store *st, const char *name, const char *password_hash, int is_admin,
		   long long *id, struct err *e)
{
	struct user u = {0}, found = {0};
	struct db_stmt *s = NULL;
	char now[32], *subject = NULL;
	int rc;

	rc = store_check_name_as(STORE_WHAT(MSG_N_USER_NAME, "name"), name, e);
	if (rc)
		return rc;
	if (password_hash && (!*password_hash || strlen(password_hash) > STORE_NAME_MAX * 4))
		return err_fail(e, ERR_INVALID, NULL, MSG_E_PASSWORD_HASH_FOR, name);
	rc = store_tx_begin(st, e);
	if (rc)
		return rc;
	rc = db_run(st->db, &s, e, USER_SELECT "WHERE name = ?", "s", name);
	if (rc == DB_ROW) {
		user_from_row(s, &found);
		db_finalize(s);
		rc = err_fail(e, ERR_CONFLICT, "name", MSG_E_USER_EXISTS, name);
		goto out;
	}
	if (rc < 0)
		goto out;
	store_now(now);
	rc = db_run(st->db, &s, e,
		    "INSERT INTO users (name, password_hash, is_admin, lang, created_at, disabled) "
		    "VALUES (?, ?, ?, '', ?, 0) RETURNING id",
		    "ssis", name, password_hash, (long long)(is_admin != 0), now);
	if (rc < 0)
		goto out;
	u.id = db_column_int(s, 0);
	db_finalize(s);
	u.name = xstrdup(name);
	u.is_admin = is_admin != 0;
	if (id)
		*id = u.id;
	subject = store_fmt("user '%s'", name);
	rc = store_audit_json(st, 0, "user.add", subject, NULL, user_json(&u), e);
out:
	free(subject);
	user_release(&u);
	user_release(&found);
	return store_tx_end(st, rc, e);
}

int store_user_find(struct store *st, const char *name, struct user *out, struct err *e)
{
	struct db_stmt *s = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = db_run(st->db, &s, e, USER_SELECT "WHERE name = ?", "s", name ? name : "");
	if (rc < 0)
		return rc;
	if (rc == DB_DONE)
		return err_fail(e, ERR_NOT_FOUND, NULL, MSG_E_UNKNOWN_USER, name ? name : "");
	user_from_row(s, out);
	db_finalize(s);
	return 0;
}

int store_user_get(struct store *st, long long id, struct user *out, struct err *e)
{
	struct db_stmt *s = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = db_run(st->db, &s, e, USER_SELECT "WHERE id = ?", "i", id);
	if (rc < 0)
		return rc;
	if (rc == DB_DONE)
		return err_fail(e, ERR_NOT_FOUND, NULL, MSG_E_UNKNOWN_USER_ID, id);
	user_from_row(s, out);
	db_finalize(s);
	return 0;
}

static void user_item(struct db_stmt *s, void *item)
{
	user_from_row(s, item);
}

static void users_free(void *list, size_t n)
{
	user_list_free(list, n);
}

static const struct store_rows_of users_of = {sizeof(struct user), user_item, users_free, NULL};

int store_tx_user(struct store *st, long long user_id, struct user *out, struct err *e)
{
	int rc;

	memset(out, 0, sizeof(*out));
	rc = store_tx_begin(st, e);
	if (rc)
		return rc;
	rc = store_user_get(st, user_id, out, e);
	return rc ? store_tx_end(st, rc, e) : 0;
}

int store_user_list(struct store *st, struct user **out, size_t *n, struct err *e)
{
	struct db_stmt *s = NULL;
	void *list;
	int rc = db_prepare(st->db, USER_SELECT "ORDER BY name", &s, e);

	rc = store_rows(s, rc, &users_of, &list, n, e);
	*out = list;
	return rc;
}

int store_user_count(struct store *st, long long *n, struct err *e)
{
	struct db_stmt *s = NULL;
	int rc;

	*n = 0;
	rc = db_run(st->db, &s, e, "SELECT COUNT(*) FROM users", "");
	if (rc == DB_ROW) {
		*n = db_column_int(s, 0);
		db_finalize(s);
	}
	return rc < 0 ? rc : 0;
}

/* Shared shape of the user updates: load, update, audit before/after. */
static int user_update(struct store *st, long long id, const char *action,
		       int (*apply)(struct store *, struct user *, const void *, struct err *),
		       const void *arg, struct err *e)
{
	struct user u = {0};
	json_t *before;
	char *subject = NULL;
	int rc;

	rc = store_tx_user(st, id, &u, e);
	if (rc)
		return rc;
	before = user_json(&u);
	rc = apply(st, &u, arg, e);
	if (rc) {
		json_decref(before);
		goto out;
	}
	subject = store_fmt("user '%s'", u.name);
	rc = store_audit_json(st, 0, action, subject, before, user_json(&u), e);
out:
	free(subject);
	user_release(&u);
	return store_tx_end(st, rc, e);
}

static int apply_password(struct store *st, struct user *u, const void *arg, struct err *e)
{
	const char *hash = arg;
	int rc = db_run(st->db, NULL, e, "UPDATE users SET password_hash = ? WHERE id = ?", "si",
			hash, u->id);

	return rc < 0 ? rc : 0;
}

int store_user_set_password(struct store *st, long long id, const char *password_hash,
			    struct err *e)
{
	if (!password_hash || !*password_hash || strlen(password_hash) > STORE_NAME_MAX * 4)
		return err_fail(e, ERR_INVALID, NULL, MSG_E_PASSWORD_HASH);
	return user_update(st, id, "user.password", apply_password, password_hash, e);
}

static int apply_lang(struct store *st, struct user *u, const void *arg, struct err *e)
{
	const char *lang = arg;
	int rc = db_run(st->db, NULL, e, "UPDATE users SET lang = ? WHERE id = ?", "si",
			lang ? lang : "", u->id);

	if (rc < 0)
		return rc;
	XFREE(&u->lang);
	u->lang = xstrdup(lang);
	return 0;
}

int store_user_set_lang(struct store *st, long long id, const char *lang, struct err *e)
{
	int rc = check_lang(lang, e);

	return rc ? rc : user_update(st, id, "user.lang", apply_lang, lang, e);
}

struct flags {
	int is_admin, disabled;
};

static int apply_flags(struct store *st, struct user *u, const void *arg, struct err *e)
{
	const struct flags *f = arg;
	int rc = db_run(st->db, NULL, e, "UPDATE users SET is_admin = ?, disabled = ? WHERE id = ?",
			"iii", (long long)f->is_admin, (long long)f->disabled, u->id);

	if (rc < 0)
		return rc;
	u->is_admin = f->is_admin;
	u->disabled = f->disabled;
	return 0;
}

int store_user_set_flags(struct store *st, long long id, int is_admin, int disabled, struct err *e)
{
	struct flags f = {is_admin != 0, disabled != 0};

	return user_update(st, id, "user.flags", apply_flags, &f, e);
}

/* ---- memberships ---- */

#define MEMBERSHIP_SELECT                                                                          \
	"SELECT m.user_id, m.org_id, u.name, o.name, m.role, m.team_id, t.name "                   \
	"FROM memberships m JOIN users u ON u.id = m.user_id "                                     \
	"JOIN organizations o ON o.id = m.org_id LEFT JOIN teams t ON t.id = m.team_id "

void membership_release(struct membership *m)
{
	if (!m)
		return;
	XFREE(&m->user_name);
	XFREE(&m->org_name);
	XFREE(&m->team_name);
	m->user_id = m->org_id = m->team_id = 0;
}

void membership_list_free(struct membership *list, size_t n)
{
	size_t i;

	for (i = 0; list && i < n; i++)
		membership_release(&list[i]);
	free(list);
}

static void membership_from_row(struct db_stmt *s, struct membership *m)
{
	int role = role_parse(db_column_text(s, 4));

	m->user_id = db_column_int(s, 0);
	m->org_id = db_column_int(s, 1);
	m->user_name = store_col(s, 2);
	m->org_name = store_col(s, 3);
	m->role = role < 0 ? ROLE_VIEWER : (enum role)role;
	m->team_id = db_column_is_null(s, 5) ? 0 : db_column_int(s, 5);
	m->team_name = store_col(s, 6);
}

static json_t *membership_json(const struct membership *m)
{
	json_t *j = json_object();

	json_object_set_new(j, "user", json_string(m->user_name));
	json_object_set_new(j, "role", json_string(role_name(m->role)));
	json_object_set_new(j, "team", store_jstr(m->team_name));
	return j;
}

/* ERR_NOT_FOUND "'alice' is not a member of 'Acme'", by the names a person knows. */
static int not_member(struct store *st, long long user_id, long long org_id, struct err *e)
{
	struct db_stmt *s = NULL;
	char *user = NULL, *org = NULL;
	int rc;

	rc = db_run(st->db, &s, e,
		    "SELECT (SELECT name FROM users WHERE id = ?), (SELECT name FROM organizations "
		    "WHERE id = ?)",
		    "ii", user_id, org_id);
	if (rc < 0)
		return rc;
	if (rc == DB_ROW) {
		user = store_col(s, 0);
		org = store_col(s, 1);
	}
	db_finalize(s);
	rc = err_fail(e, ERR_NOT_FOUND, "user", MSG_E_NOT_MEMBER, user ? user : "?",
		      org ? org : "?");
	free(user);
	free(org);
	return rc;
}

int store_membership_get(struct store *st, long long user_id, long long org_id,
			 struct membership *out, struct err *e)
{
	struct db_stmt *s = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = db_run(st->db, &s, e, MEMBERSHIP_SELECT "WHERE m.user_id = ? AND m.org_id = ?", "ii",
		    user_id, org_id);
	if (rc < 0)
		return rc;
	if (rc == DB_DONE)
		return not_member(st, user_id, org_id, e);
	membership_from_row(s, out);
	db_finalize(s);
	return 0;
}

int store_membership_set(struct store *st, long long user_id, long long org_id, enum role role,
			 long long team_id, struct err *e)
{
	struct membership old = {0}, now_m = {0};
	struct user u = {0};
	struct db_stmt *s = NULL;
	char *org = NULL, *subject = NULL, *team = NULL;
	json_t *before = NULL;
	int rc, exists;

	if ((unsigned)role >= ROLE_COUNT)
		return err_fail(e, ERR_INVALID, "role", MSG_E_UNKNOWN_ROLE, (int)role);
	rc = store_tx_begin(st, e);
	if (rc)
		return rc;
	rc = store_user_get(st, user_id, &u, e);
	if (!rc)
		rc = store_org_name(st, org_id, &org, e);
	if (rc)
		goto out;
	if (team_id) {
		rc = db_run(st->db, &s, e, "SELECT name FROM teams WHERE id = ? AND org_id = ?",
			    "ii", team_id, org_id);
		if (rc < 0)
			goto out;
		if (rc == DB_DONE) {
			rc = err_fail(e, ERR_INVALID, "team", MSG_E_TEAM_NOT_IN_ORG, team_id, org);
			goto out;
		}
		team = store_col(s, 0);
		db_finalize(s);
	}
	rc = store_membership_get(st, user_id, org_id, &old, e);
	if (rc && rc != ERR_NOT_FOUND)
		goto out;
	exists = rc == 0;
	err_clear(e);
	if (exists && team_id)
		rc = db_run(st->db, NULL, e,
			    "UPDATE memberships SET role = ?, team_id = ? "
			    "WHERE user_id = ? AND org_id = ?",
			    "siii", role_name(role), team_id, user_id, org_id);
	else if (exists)
		rc = db_run(st->db, NULL, e,
			    "UPDATE memberships SET role = ?, team_id = NULL "
			    "WHERE user_id = ? AND org_id = ?",
			    "sii", role_name(role), user_id, org_id);
	else if (team_id)
		rc = db_run(st->db, NULL, e,
			    "INSERT INTO memberships (user_id, org_id, role, team_id) "
			    "VALUES (?, ?, ?, ?)",
			    "iisi", user_id, org_id, role_name(role), team_id);
	else
		rc = db_run(st->db, NULL, e,
			    "INSERT INTO memberships (user_id, org_id, role, team_id) "
			    "VALUES (?, ?, ?, NULL)",
			    "iis", user_id, org_id, role_name(role));
	if (rc < 0)
		goto out;
	if (exists)
		before = membership_json(&old);
	now_m.user_name = u.name;
	now_m.role = role;
	now_m.team_name = team;
	subject = store_fmt("membership of '%s' in '%s'", u.name, org);
	rc = store_audit_json(st, org_id, "membership.set", subject, before,
			      membership_json(&now_m), e);
out:
	free(subject);
	free(org);
	free(team);
	membership_release(&old);
	user_release(&u);
	return store_tx_end(st, rc, e);
}

int store_membership_delete(struct store *st, long long user_id, long long org_id, struct err *e)
{
	struct membership old = {0};
	char *subject = NULL;
	int rc;

	rc = store_tx_begin(st, e);
	if (rc)
		return rc;
	rc = store_membership_get(st, user_id, org_id, &old, e);
	if (rc)
		goto out;
	rc = db_run(st->db, NULL, e, "DELETE FROM memberships WHERE user_id = ? AND org_id = ?",
		    "ii", user_id, org_id);
	if (rc < 0)
		goto out;
	subject = store_fmt("membership of '%s' in '%s'", old.user_name, old.org_name);
	rc = store_audit_json(st, org_id, "membership.delete", subject, membership_json(&old), NULL,
			      e);
out:
	free(subject);
	membership_release(&old);
	return store_tx_end(st, rc, e);
}

static void membership_item(struct db_stmt *s, void *item)
{
	membership_from_row(s, item);
}

static void memberships_free(void *list, size_t n)
{
	membership_list_free(list, n);
}

static const struct store_rows_of memberships_of = {sizeof(struct membership), membership_item,
						    memberships_free, NULL};

static int membership_list(struct store *st, const char *sql, long long id, struct membership **out,
			   size_t *n, struct err *e)
{
	struct db_stmt *s = NULL;
	void *list;
	int rc = db_prepare(st->db, sql, &s, e);

	if (!rc && db_bind_int(s, 1, id))
		rc = err_fail(e, ERR_DB, NULL, MSG_E_DB_BIND);
	rc = store_rows(s, rc, &memberships_of, &list, n, e);
	*out = list;
	return rc;
}

int store_membership_list_user(struct store *st, long long user_id, struct membership **out,
			       size_t *n, struct err *e)
{
	return membership_list(st, MEMBERSHIP_SELECT "WHERE m.user_id = ? ORDER BY o.name", user_id,
			       out, n, e);
}

int store_membership_list_org(struct store *st, long long org_id, struct membership **out,
			      size_t *n, struct err *e)
{
	return membership_list(st, MEMBERSHIP_SELECT "WHERE m.org_id = ? ORDER BY u.name", org_id,
			       out, n, e);
}
