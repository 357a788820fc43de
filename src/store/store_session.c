/*
 * store_session.c - sessions, API tokens and login attempts of web accounts
 * (the declarations are in store_user.h).
 *
 * Only hashes of session and API tokens are stored, and no audit event
 * carries a hash or a CSRF secret: events about sessions and tokens hold
 * their ids and names. Touching a session or token (last seen / last used),
 * purging expired sessions and recording login attempts are bookkeeping, not
 * user actions, and write no audit event (one per request would drown the
 * log).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"
#include "store/store_user.h"
#include "util/xalloc.h"

#define HASH_HEX_MAX 128 /* token hashes are 64 hex digits; anything longer is junk */
#define LOGIN_KEY_MAX 512

static int check_hash(enum msg_id what, const char *hex, struct err *e)
{
	if (!hex || !*hex || strlen(hex) > HASH_HEX_MAX)
		return err_fail(e, ERR_INVALID, NULL, MSG_E_MALFORMED, ERR_WORD(what));
	return 0;
}

/* ---- sessions ---- */

void session_release(struct session *s)
{
	if (!s)
		return;
	XFREE(&s->csrf_secret);
	XFREE(&s->created_at);
	XFREE(&s->last_seen_at);
	XFREE(&s->expires_at);
	s->id = s->user_id = 0;
}

int store_session_create(struct store *st, const char *token_hash_hex, long long user_id,
			 const char *csrf_secret_hex, const char *expires_at, long long *id,
			 struct err *e)
{
	struct user u = {0};
	struct db_stmt *s = NULL;
	char now[32], *subject = NULL;
	long long sid;
	json_t *after;
	int rc;

	rc = check_hash(MSG_N_SESSION_TOKEN_HASH, token_hash_hex, e);
	if (!rc)
		rc = check_hash(MSG_N_SESSION_CSRF_SECRET, csrf_secret_hex, e);
	if (!rc && (!expires_at || !*expires_at))
		rc = err_fail(e, ERR_INVALID, NULL, MSG_E_SESSION_NO_EXPIRY);
	if (rc)
		return rc;
	rc = store_tx_user(st, user_id, &u, e);
	if (rc)
		return rc;
	store_now(now);
	rc = db_run(st->db, &s, e,
		    "INSERT INTO sessions (token_hash, user_id, csrf_secret, created_at, "
		    "last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
		    "sissss", token_hash_hex, user_id, csrf_secret_hex, now, now, expires_at);
	if (rc < 0)
		goto out;
	sid = db_column_int(s, 0);
	db_finalize(s);
	if (id)
		*id = sid;
	after = json_pack("{s:I, s:s}", "session", (json_int_t)sid, "expires_at", expires_at);
	subject = store_fmt("user '%s'", u.name);
	rc = store_audit_json(st, 0, "session.create", subject, NULL, after, e);
out:
	free(subject);
	user_release(&u);
	return store_tx_end(st, rc, e);
}

int store_session_find(struct store *st, const char *token_hash_hex, struct session *out,
		       struct err *e)
{
	struct db_stmt *s = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = db_run(st->db, &s, e,
		    "SELECT id, user_id, csrf_secret, created_at, last_seen_at, expires_at "
		    "FROM sessions WHERE token_hash = ?",
		    "s", token_hash_hex ? token_hash_hex : "");
	if (rc < 0)
		return rc;
	if (rc == DB_DONE)
		return err_fail(e, ERR_NOT_FOUND, NULL, MSG_E_UNKNOWN_SESSION);
	out->id = db_column_int(s, 0);
	out->user_id = db_column_int(s, 1);
	out->csrf_secret = store_col(s, 2);
	out->created_at = store_col(s, 3);
	out->last_seen_at = store_col(s, 4);
	out->expires_at = store_col(s, 5);
	db_finalize(s);
	return 0;
}

int store_session_touch(struct store *st, long long id, const char *now, struct err *e)
{
	int rc = db_run(st->db, NULL, e, "UPDATE sessions SET last_seen_at = ? WHERE id = ?", "si",
			now, id);

	return rc < 0 ? rc : 0;
}

/* The name of the user holding session id (for the audit subject), or ERR_NOT_FOUND. */
static int session_owner(struct store *st, long long id, char **name, struct err *e)
{
	struct db_stmt *s = NULL;
	int rc;

	*name = NULL;
	rc = db_run(st->db, &s, e,
		    "SELECT u.name FROM sessions s JOIN users u ON u.id = s.user_id "
		    "WHERE s.id = ?",
		    "i", id);
	if (rc < 0)
		return rc;
	if (rc == DB_DONE)
		return err_fail(e, ERR_NOT_FOUND, NULL, MSG_E_UNKNOWN_SESSION_ID, id);
	*name = store_col(s, 0);
	db_finalize(s);
	return 0;
}

int store_session_delete(struct store *st, long long id, struct err *e)
{
	char *name = NULL, *subject = NULL;
	int rc;

	rc = store_tx_begin(st, e);
	if (rc)
		return rc;
	rc = session_owner(st, id, &name, e);
	if (rc)
		goto out;
	rc = db_run(st->db, NULL, e, "DELETE FROM sessions WHERE id = ?", "i", id);
	if (rc < 0)
		goto out;
	subject = store_fmt("user '%s'", name);
	rc = store_audit_json(st, 0, "session.delete", subject,
			      json_pack("{s:I}", "session", (json_int_t)id), NULL, e);
out:
	free(subject);
	free(name);
	return store_tx_end(st, rc, e);
}

int store_session_delete_user(struct store *st, long long user_id, long long except_id,
			      struct err *e)
{
	struct user u = {0};
	char *subject = NULL;
	long long n;
	int rc;

	rc = store_tx_user(st, user_id, &u, e);
	if (rc)
		return rc;
	rc = db_run(st->db, NULL, e, "DELETE FROM sessions WHERE user_id = ? AND id <> ?", "ii",
		    user_id, except_id);
	if (rc < 0)
		goto out;
	n = db_changes(st->db);
	subject = store_fmt("user '%s'", u.name);
	rc = store_audit_json(
	    st, 0, "session.delete_user", subject, NULL,
	    json_pack("{s:I, s:I}", "deleted", (json_int_t)n, "kept", (json_int_t)except_id), e);
out:
	free(subject);
	user_release(&u);
	return store_tx_end(st, rc, e);
}

int store_session_purge(struct store *st, const char *now, struct err *e)
{
	int rc = db_run(st->db, NULL, e, "DELETE FROM sessions WHERE expires_at <= ?", "s", now);

	return rc < 0 ? rc : 0;
}

/* ---- API tokens ---- */

void api_token_release(struct api_token *t)
{
	if (!t)
		return;
	XFREE(&t->name);
	XFREE(&t->created_at);
	XFREE(&t->last_used_at);
}

void api_token_list_free(struct api_token *list, size_t n)
{
	size_t i;

	for (i = 0; list && i < n; i++)
		api_token_release(&list[i]);
	free(list);
}

static void token_from_row(struct db_stmt *s, struct api_token *t)
{
	t->id = db_column_int(s, 0);
	t->user_id = db_column_int(s, 1);
	t->name = store_col(s, 2);
	t->created_at = store_col(s, 3);
	t->last_used_at = store_col(s, 4);
}

static void token_item(struct db_stmt *s, void *item)
{
	token_from_row(s, item);
}

static void tokens_free(void *list, size_t n)
{
	api_token_list_free(list, n);
}

static const struct store_rows_of tokens_of = {sizeof(struct api_token), token_item, tokens_free,
					       NULL};

int store_token_create(struct store *st, long long user_id, const char *name,
		       const char *token_hash_hex, long long *id, struct err *e)
{
	struct user u = {0};
	struct db_stmt *s = NULL;
	char now[32], *subject = NULL;
	long long tid;
	int rc;

	rc = store_check_name_as(STORE_WHAT(MSG_N_TOKEN_NAME, "name"), name, e);
	if (!rc)
		rc = check_hash(MSG_N_TOKEN_HASH, token_hash_hex, e);
	if (rc)
		return rc;
	rc = store_tx_user(st, user_id, &u, e);
	if (rc)
		return rc;
	store_now(now);
	rc = db_run(st->db, &s, e,
		    "INSERT INTO api_tokens (user_id, name, token_hash, created_at, last_used_at) "
		    "VALUES (?, ?, ?, ?, NULL) RETURNING id",
		    "isss", user_id, name, token_hash_hex, now);
	if (rc < 0)
		goto out;
	tid = db_column_int(s, 0);
	db_finalize(s);
	if (id)
		*id = tid;
	subject = store_fmt("API token '%s' of '%s'", name, u.name);
	rc = store_audit_json(st, 0, "token.create", subject, NULL,
			      json_pack("{s:I, s:s}", "id", (json_int_t)tid, "name", name), e);
out:
	free(subject);
	user_release(&u);
	return store_tx_end(st, rc, e);
}

#define TOKEN_SELECT "SELECT id, user_id, name, created_at, last_used_at FROM api_tokens "

int store_token_find(struct store *st, const char *token_hash_hex, struct api_token *out,
		     struct err *e)
{
	struct db_stmt *s = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = db_run(st->db, &s, e, TOKEN_SELECT "WHERE token_hash = ?", "s",
		    token_hash_hex ? token_hash_hex : "");
	if (rc < 0)
		return rc;
	if (rc == DB_DONE)
		return err_fail(e, ERR_NOT_FOUND, NULL, MSG_E_UNKNOWN_TOKEN);
	token_from_row(s, out);
	db_finalize(s);
	return 0;
}

int store_token_list(struct store *st, long long user_id, struct api_token **out, size_t *n,
		     struct err *e)
{
	struct db_stmt *s = NULL;
	void *list;
	int rc = db_prepare(st->db, TOKEN_SELECT "WHERE user_id = ? ORDER BY id", &s, e);

	if (!rc && db_bind_int(s, 1, user_id))
		rc = err_fail(e, ERR_DB, NULL, MSG_E_DB_BIND);
	rc = store_rows(s, rc, &tokens_of, &list, n, e);
	*out = list;
	return rc;
}

int store_token_delete(struct store *st, long long user_id, long long id, struct err *e)
{
	struct db_stmt *s = NULL;
	struct api_token t = {0};
	struct user u = {0};
	char *subject = NULL;
	int rc;

	rc = store_tx_user(st, user_id, &u, e);
	if (rc)
		return rc;
	rc = db_run(st->db, &s, e, TOKEN_SELECT "WHERE id = ? AND user_id = ?", "ii", id, user_id);
	if (rc < 0)
		goto out;
	if (rc == DB_DONE) {
		rc = err_fail(e, ERR_NOT_FOUND, NULL, MSG_E_USER_NO_TOKEN, u.name, id);
		goto out;
	}
	token_from_row(s, &t);
	db_finalize(s);
	rc = db_run(st->db, NULL, e, "DELETE FROM api_tokens WHERE id = ?", "i", id);
	if (rc < 0)
		goto out;
	subject = store_fmt("API token '%s' of '%s'", t.name, u.name);
	rc = store_audit_json(st, 0, "token.delete", subject,
			      json_pack("{s:I, s:s}", "id", (json_int_t)id, "name", t.name), NULL,
			      e);
out:
	free(subject);
	api_token_release(&t);
	user_release(&u);
	return store_tx_end(st, rc, e);
}

int store_token_touch(struct store *st, long long id, const char *now, struct err *e)
{
	int rc = db_run(st->db, NULL, e, "UPDATE api_tokens SET last_used_at = ? WHERE id = ?",
			"si", now, id);

	return rc < 0 ? rc : 0;
}

/* ---- login attempts ---- */

static int check_key(const char *key, struct err *e)
{
	if (!key || !*key || strlen(key) > LOGIN_KEY_MAX)
		return err_fail(e, ERR_INVALID, NULL, MSG_E_LOGIN_KEY);
	return 0;
}

int store_login_attempt_add(struct store *st, const char *key, const char *at, struct err *e)
{
	int rc = check_key(key, e);

	if (!rc)
		rc = db_run(st->db, NULL, e, "INSERT INTO login_attempts (key, at) VALUES (?, ?)",
			    "ss", key, at);
	return rc < 0 ? rc : 0;
}

int store_login_attempt_count(struct store *st, const char *key, const char *since, long long *n,
			      struct err *e)
{
	struct db_stmt *s = NULL;
	int rc;

	*n = 0;
	rc = check_key(key, e);
	if (rc)
		return rc;
	rc = db_run(st->db, &s, e, "SELECT COUNT(*) FROM login_attempts WHERE key = ? AND at >= ?",
		    "ss", key, since);
	if (rc == DB_ROW) {
		*n = db_column_int(s, 0);
		db_finalize(s);
	}
	return rc < 0 ? rc : 0;
}

int store_login_attempt_clear(struct store *st, const char *key, struct err *e)
{
	int rc = check_key(key, e);

	if (!rc)
		rc = db_run(st->db, NULL, e, "DELETE FROM login_attempts WHERE key = ?", "s", key);
	return rc < 0 ? rc : 0;
}

int store_login_attempt_purge(struct store *st, const char *before, struct err *e)
{
	int rc = db_run(st->db, NULL, e, "DELETE FROM login_attempts WHERE at < ?", "s", before);

	return rc < 0 ? rc : 0;
}

/* ---- sign-in attempts ---- */

/* One aggregate row of sql (COUNT(*), then a time or NULL) into *n and at. */
static int count_and_time(struct store *st, const char *sql, const char *fmt, const char *a,
			  const char *b, const char *c, long long *n, char at[32], struct err *e)
{
	struct db_stmt *s = NULL;
	const char *t;
	int rc;

	*n = 0;
	at[0] = '\0';
	rc = db_run(st->db, &s, e, sql, fmt, a, b, c); /* fmt says how many are used */
	if (rc == DB_ROW) {
		*n = db_column_int(s, 0);
		t = db_column_is_null(s, 1) ? NULL : db_column_text(s, 1);
		if (t)
			snprintf(at, 32, "%s", t);
		db_finalize(s);
	}
	return rc < 0 ? rc : 0;
}

static int signin_read(struct store *st, const struct signin_query *q, struct signin_counts *c,
		       struct err *e)
{
	char known[32];
	long long n = 0;
	int rc;

	memset(c, 0, sizeof(*c));
	rc = count_and_time(st,
			    "SELECT COUNT(*), MIN(at) FROM signin_attempts "
			    "WHERE account = ? AND addr = ? AND at >= ? AND ok = 0",
			    "sss", q->account, q->addr, q->since, &c->pair, c->pair_oldest, e);
	if (!rc)
		rc = count_and_time(st,
				    "SELECT COUNT(*), MIN(at) FROM signin_attempts "
				    "WHERE addr = ? AND at >= ? AND ok = 0",
				    "ss", q->addr, q->since, NULL, &c->addr, c->addr_oldest, e);
	if (!rc)
		rc = count_and_time(st,
				    "SELECT COUNT(*), MAX(at) FROM signin_attempts "
				    "WHERE account = ? AND at >= ? AND ok = 0",
				    "ss", q->account, q->account_since, NULL, &c->account,
				    c->account_latest, e);
	if (!rc)
		rc = count_and_time(st,
				    "SELECT COUNT(*), MAX(at) FROM signin_attempts "
				    "WHERE account = ? AND addr = ? AND at >= ? AND ok = 1",
				    "sss", q->account, q->addr, q->known_since, &n, known, e);
	c->known = n > 0;
	return rc;
}

int store_signin_reserve(struct store *st, const struct signin_query *q, signin_decide_fn *decide,
			 void *cls, long long *id, long *wait, struct err *e)
{
	struct signin_counts c;
	int rc;

	*id = 0;
	*wait = 0;
	if (!q->account || !*q->account || strlen(q->account) > LOGIN_KEY_MAX || !q->addr ||
	    strlen(q->addr) > LOGIN_KEY_MAX)
		return err_fail(e, ERR_INVALID, NULL, MSG_E_SIGNIN_KEY);
	rc = store_tx_begin(st, e);
	if (rc)
		return rc;
	/* rows that no longer count for anything go first (both deletes use an index) */
	rc = db_run(st->db, NULL, e, "DELETE FROM signin_attempts WHERE ok = 0 AND at < ?", "s",
		    q->account_since);
	if (rc >= 0)
		rc = db_run(st->db, NULL, e, "DELETE FROM signin_attempts WHERE ok = 1 AND at < ?",
			    "s", q->known_since);
	if (rc >= 0)
		rc = signin_read(st, q, &c, e);
	if (!rc) {
		*wait = decide(&c, cls);
		if (*wait <= 0) {
			*wait = 0;
			rc = db_run(
			    st->db, NULL, e,
			    "INSERT INTO signin_attempts (account, addr, at) VALUES (?, ?, ?)",
			    "sss", q->account, q->addr, q->now);
			if (rc >= 0) {
				*id = db_last_id(st->db);
				rc = 0;
			}
		}
	}
	rc = store_tx_end(st, rc < 0 ? rc : 0, e);
	if (rc)
		*id = 0;
	return rc;
}

int store_signin_succeeded(struct store *st, long long id, struct err *e)
{
	struct db_stmt *s = NULL;
	char *account = NULL, *addr = NULL;
	int rc = store_tx_begin(st, e);

	if (rc)
		return rc;
	rc = db_run(st->db, &s, e, "SELECT account, addr FROM signin_attempts WHERE id = ?", "i",
		    id);
	/* No row: a concurrent success of the same account and address has
	 * already cleared the pair's attempts, this one's reservation included;
	 * that success left its own row, so there is nothing more to record. */
	if (rc == DB_DONE)
		return store_tx_end(st, 0, e);
	if (rc == DB_ROW) {
		account = store_col(s, 0);
		addr = store_col(s, 1);
		db_finalize(s);
		/* the pair's failures, and its earlier success, are forgotten */
		rc =
		    db_run(st->db, NULL, e,
			   "DELETE FROM signin_attempts WHERE account = ? AND addr = ? AND id <> ?",
			   "ssi", account, addr, id);
	}
	if (rc >= 0)
		rc = db_run(st->db, NULL, e, "UPDATE signin_attempts SET ok = 1 WHERE id = ?", "i",
			    id);
	free(account);
	free(addr);
	return store_tx_end(st, rc < 0 ? rc : 0, e);
}

int store_signin_forget(struct store *st, long long id, struct err *e)
{
	int rc = db_run(st->db, NULL, e, "DELETE FROM signin_attempts WHERE id = ?", "i", id);

	return rc < 0 ? rc : 0;
}
