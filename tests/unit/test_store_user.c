/* Unit tests for store/store_user.c: users, memberships, sessions, API
 * tokens, login attempts; uniqueness, cascades, audit events without secrets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "store/store.h"
#include "store/store_user.h"
#include "util/xalloc.h"

#include "fixture.h"

#define NOW "2025-01-02T03:04:05Z"
#define HASH_A "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define HASH_B "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"
#define HASH_C "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"
#define SECRET "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define PWHASH "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA"

/* The shared fixture's empty database, with this file's clock. */
static int setup(void **state)
{
	int rc = fixture_setup_empty(state);

	setenv("CDCF_NOW", NOW, 1);
	return rc;
}

static long long count(struct store *st, const char *sql)
{
	struct db_stmt *s = NULL;
	struct err e = ERR_INIT;
	long long n;

	assert_int_equal(db_run(st->db, &s, &e, sql, ""), DB_ROW);
	n = db_column_int(s, 0);
	db_finalize(s);
	return n;
}

static long long add_user(struct store *st, const char *name, int admin)
{
	struct err e = ERR_INIT;
	long long id = 0;

	if (store_user_add(st, name, PWHASH, admin, &id, &e))
		fail_msg("store_user_add(%s): %s", name, e.msg);
	assert_true(id > 0);
	return id;
}

static long long add_org(struct store *st, const char *name)
{
	struct err e = ERR_INIT;
	long long id = 0;

	if (store_org_add(st, name, NULL, &id, &e))
		fail_msg("store_org_add(%s): %s", name, e.msg);
	return id;
}

/* No audit event may carry a secret: password hash, token hash, CSRF secret. */
static void assert_audit_clean(struct store *st)
{
	struct audit_event *ev;
	struct err e = ERR_INIT;
	size_t n, i;

	assert_int_equal(store_audit_list(st, 0, 0, 1000, &ev, &n, &e), 0);
	for (i = 0; i < n; i++) {
		const char *parts[] = {ev[i].subject, ev[i].before_json, ev[i].after_json};
		size_t k;
		for (k = 0; k < 3; k++) {
			if (!parts[k])
				continue;
			assert_null(strstr(parts[k], "argon2id"));
			assert_null(strstr(parts[k], HASH_A));
			assert_null(strstr(parts[k], HASH_B));
			assert_null(strstr(parts[k], SECRET));
		}
	}
	audit_list_free(ev, n);
}

static void test_roles(void **state)
{
	(void)state;
	assert_string_equal(role_name(ROLE_VIEWER), "viewer");
	assert_string_equal(role_name(ROLE_ASSESSOR), "assessor");
	assert_string_equal(role_name(ROLE_EDITOR), "editor");
	assert_string_equal(role_name(ROLE_ADMIN), "admin");
	assert_int_equal(role_parse("editor"), ROLE_EDITOR);
	assert_int_equal(role_parse("admin"), ROLE_ADMIN);
	assert_int_equal(role_parse("Admin"), -1);
	assert_int_equal(role_parse(""), -1);
	assert_int_equal(role_parse(NULL), -1);
	assert_true(ROLE_VIEWER < ROLE_ASSESSOR && ROLE_ASSESSOR < ROLE_EDITOR &&
		    ROLE_EDITOR < ROLE_ADMIN);
}

static void test_users(void **state)
{
	struct fixture *f = *state;
	struct err e = ERR_INIT;
	struct user u, *list;
	long long id, n, id2;
	size_t len;

	assert_int_equal(store_user_count(f->st, &n, &e), 0);
	assert_int_equal(n, 0);
	id = add_user(f->st, "alice", 1);
	assert_int_equal(store_user_add(f->st, "alice", PWHASH, 0, &id2, &e), ERR_CONFLICT);
	assert_non_null(strstr(e.msg, "'alice' already exists"));
	assert_int_equal(store_user_add(f->st, "", PWHASH, 0, &id2, &e), ERR_INVALID);
	assert_int_equal(store_user_add(f->st, "bad\nname", PWHASH, 0, &id2, &e), ERR_INVALID);
	assert_int_equal(store_user_add(f->st, "nopw", NULL, 0, &id2, &e), 0);

	assert_int_equal(store_user_find(f->st, "alice", &u, &e), 0);
	assert_int_equal(u.id, id);
	assert_string_equal(u.name, "alice");
	assert_string_equal(u.password_hash, PWHASH);
	assert_true(u.is_admin);
	assert_false(u.disabled);
	assert_null(u.lang); /* the browser's choice until set */
	assert_string_equal(u.created_at, NOW);
	user_release(&u);
	assert_int_equal(store_user_find(f->st, "nobody", &u, &e), ERR_NOT_FOUND);
	assert_non_null(strstr(e.msg, "unknown user 'nobody'"));
	assert_int_equal(store_user_get(f->st, 9999, &u, &e), ERR_NOT_FOUND);
	assert_int_equal(store_user_get(f->st, id2, &u, &e), 0);
	assert_null(u.password_hash);
	user_release(&u);

	assert_int_equal(store_user_set_password(f->st, id2, "$argon2id$new", &e), 0);
	assert_int_equal(store_user_set_password(f->st, id2, "", &e), ERR_INVALID);
	assert_int_equal(store_user_set_password(f->st, 9999, "$argon2id$x", &e), ERR_NOT_FOUND);
	assert_int_equal(store_user_set_lang(f->st, id2, "ja", &e), 0);
	assert_int_equal(store_user_set_lang(f->st, id2, "fr", &e), ERR_INVALID);
	assert_int_equal(store_user_set_flags(f->st, id2, 1, 1, &e), 0);
	assert_int_equal(store_user_get(f->st, id2, &u, &e), 0);
	assert_string_equal(u.password_hash, "$argon2id$new");
	assert_string_equal(u.lang, "ja");
	assert_true(u.is_admin && u.disabled);
	user_release(&u);
	assert_int_equal(store_user_set_lang(f->st, id2, NULL, &e), 0);
	assert_int_equal(store_user_get(f->st, id2, &u, &e), 0);
	assert_null(u.lang);
	user_release(&u);

	assert_int_equal(store_user_list(f->st, &list, &len, &e), 0);
	assert_int_equal(len, 2);
	assert_string_equal(list[0].name, "alice"); /* by name */
	assert_string_equal(list[1].name, "nopw");
	user_list_free(list, len);
	assert_int_equal(store_user_count(f->st, &n, &e), 0);
	assert_int_equal(n, 2);

	/* one audit event per mutation, failed ones leave none */
	assert_int_equal(
	    count(f->st, "SELECT COUNT(*) FROM audit_events WHERE action = 'user.add'"), 2);
	assert_int_equal(
	    count(f->st, "SELECT COUNT(*) FROM audit_events WHERE action = 'user.password'"), 1);
	assert_int_equal(
	    count(f->st, "SELECT COUNT(*) FROM audit_events WHERE action = 'user.lang'"), 2);
	assert_audit_clean(f->st);
}

static void test_memberships(void **state)
{
	struct fixture *f = *state;
	struct err e = ERR_INIT;
	struct membership m, *list;
	long long alice = add_user(f->st, "alice", 0), bob = add_user(f->st, "bob", 0);
	long long acme = add_org(f->st, "Acme"), beta = add_org(f->st, "Beta");
	long long soc, other_team;
	size_t n;

	assert_int_equal(store_party_add(f->st, PARTY_TEAM, acme, "SOC", &soc, &e), 0);
	assert_int_equal(store_party_add(f->st, PARTY_TEAM, beta, "NOC", &other_team, &e), 0);

	assert_int_equal(store_membership_get(f->st, alice, acme, &m, &e), ERR_NOT_FOUND);
	/* named as a person knows them, not by row ids */
	assert_string_equal(e.msg, "'alice' is not a member of 'Acme'");
	assert_string_equal(e.field, "user");
	assert_int_equal(store_membership_set(f->st, alice, acme, ROLE_VIEWER, 0, &e), 0);
	assert_int_equal(store_membership_get(f->st, alice, acme, &m, &e), 0);
	assert_int_equal(m.role, ROLE_VIEWER);
	assert_int_equal(m.team_id, 0);
	assert_null(m.team_name);
	assert_string_equal(m.org_name, "Acme");
	assert_string_equal(m.user_name, "alice");
	membership_release(&m);

	/* insert or replace: one row, new role and team */
	assert_int_equal(store_membership_set(f->st, alice, acme, ROLE_ASSESSOR, soc, &e), 0);
	assert_int_equal(store_membership_get(f->st, alice, acme, &m, &e), 0);
	assert_int_equal(m.role, ROLE_ASSESSOR);
	assert_int_equal(m.team_id, soc);
	assert_string_equal(m.team_name, "SOC");
	membership_release(&m);
	assert_int_equal(count(f->st, "SELECT COUNT(*) FROM memberships"), 1);

	/* a team of another organization, unknown user / org / role */
	assert_int_equal(store_membership_set(f->st, alice, acme, ROLE_ASSESSOR, other_team, &e),
			 ERR_INVALID);
	assert_int_equal(store_membership_set(f->st, 9999, acme, ROLE_VIEWER, 0, &e),
			 ERR_NOT_FOUND);
	assert_int_equal(store_membership_set(f->st, alice, 9999, ROLE_VIEWER, 0, &e),
			 ERR_NOT_FOUND);
	assert_int_equal(store_membership_set(f->st, alice, acme, (enum role)7, 0, &e),
			 ERR_INVALID);

	assert_int_equal(store_membership_set(f->st, alice, beta, ROLE_EDITOR, 0, &e), 0);
	assert_int_equal(store_membership_set(f->st, bob, acme, ROLE_ADMIN, 0, &e), 0);
	assert_int_equal(store_membership_list_user(f->st, alice, &list, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].org_name, "Acme");
	assert_string_equal(list[1].org_name, "Beta");
	assert_int_equal(list[1].role, ROLE_EDITOR);
	membership_list_free(list, n);
	assert_int_equal(store_membership_list_org(f->st, acme, &list, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].user_name, "alice");
	assert_string_equal(list[1].user_name, "bob");
	assert_int_equal(list[1].role, ROLE_ADMIN);
	membership_list_free(list, n);

	assert_int_equal(store_membership_delete(f->st, alice, beta, &e), 0);
	assert_int_equal(store_membership_delete(f->st, alice, beta, &e), ERR_NOT_FOUND);
	assert_int_equal(store_membership_list_user(f->st, alice, &list, &n, &e), 0);
	assert_int_equal(n, 1);
	membership_list_free(list, n);
	assert_int_equal(count(f->st,
			       "SELECT COUNT(*) FROM audit_events WHERE action = 'membership.set' "
			       "AND org_id IS NOT NULL"),
			 4);
	assert_int_equal(
	    count(f->st, "SELECT COUNT(*) FROM audit_events WHERE action = 'membership.delete'"),
	    1);

	/* deleting a user takes its memberships, sessions and tokens with it */
	assert_int_equal(
	    store_session_create(f->st, HASH_A, bob, SECRET, "2099-01-01T00:00:00Z", NULL, &e), 0);
	assert_int_equal(store_token_create(f->st, bob, "ci", HASH_B, NULL, &e), 0);
	assert_int_equal(db_exec(f->st->db, "DELETE FROM users WHERE name = 'bob'", &e), 0);
	assert_int_equal(count(f->st, "SELECT COUNT(*) FROM memberships"), 1);
	assert_int_equal(count(f->st, "SELECT COUNT(*) FROM sessions"), 0);
	assert_int_equal(count(f->st, "SELECT COUNT(*) FROM api_tokens"), 0);
	assert_audit_clean(f->st);
}

static void test_sessions(void **state)
{
	struct fixture *f = *state;
	struct err e = ERR_INIT;
	struct session s;
	long long alice = add_user(f->st, "alice", 0), bob = add_user(f->st, "bob", 0);
	long long s1, s2, s3, s4;

	assert_int_equal(
	    store_session_create(f->st, HASH_A, alice, SECRET, "2025-01-09T00:00:00Z", &s1, &e), 0);
	/* token hashes are unique */
	assert_int_equal(
	    store_session_create(f->st, HASH_A, bob, SECRET, "2025-01-09T00:00:00Z", &s2, &e),
	    ERR_CONFLICT);
	assert_int_equal(store_session_create(f->st, "", alice, SECRET, "x", &s2, &e), ERR_INVALID);
	assert_int_equal(
	    store_session_create(f->st, HASH_B, 9999, SECRET, "2025-01-09T00:00:00Z", &s2, &e),
	    ERR_NOT_FOUND);
	assert_int_equal(
	    store_session_create(f->st, HASH_B, alice, SECRET, "2025-01-02T00:00:00Z", &s2, &e), 0);
	assert_int_equal(
	    store_session_create(f->st, HASH_C, bob, SECRET, "2025-01-09T00:00:00Z", &s3, &e), 0);

	assert_int_equal(store_session_find(f->st, HASH_A, &s, &e), 0);
	assert_int_equal(s.id, s1);
	assert_int_equal(s.user_id, alice);
	assert_string_equal(s.csrf_secret, SECRET);
	assert_string_equal(s.created_at, NOW);
	assert_string_equal(s.last_seen_at, NOW);
	assert_string_equal(s.expires_at, "2025-01-09T00:00:00Z");
	session_release(&s);
	assert_int_equal(store_session_find(f->st, "ffff", &s, &e), ERR_NOT_FOUND);

	assert_int_equal(store_session_touch(f->st, s1, "2025-01-03T00:00:00Z", &e), 0);
	assert_int_equal(store_session_find(f->st, HASH_A, &s, &e), 0);
	assert_string_equal(s.last_seen_at, "2025-01-03T00:00:00Z");
	session_release(&s);

	/* purge: expired ones only */
	assert_int_equal(store_session_purge(f->st, "2025-01-05T00:00:00Z", &e), 0);
	assert_int_equal(store_session_find(f->st, HASH_B, &s, &e), ERR_NOT_FOUND);
	assert_int_equal(count(f->st, "SELECT COUNT(*) FROM sessions"), 2);

	/* all of a user's sessions but one */
	assert_int_equal(
	    store_session_create(f->st, HASH_B, alice, SECRET, "2025-01-09T00:00:00Z", &s4, &e), 0);
	assert_int_equal(store_session_delete_user(f->st, alice, s4, &e), 0);
	assert_int_equal(store_session_find(f->st, HASH_A, &s, &e), ERR_NOT_FOUND);
	assert_int_equal(store_session_find(f->st, HASH_B, &s, &e), 0);
	session_release(&s);
	assert_int_equal(store_session_find(f->st, HASH_C, &s, &e), 0); /* bob's untouched */
	session_release(&s);
	assert_int_equal(store_session_delete_user(f->st, 9999, 0, &e), ERR_NOT_FOUND);

	assert_int_equal(store_session_delete(f->st, s4, &e), 0);
	assert_int_equal(store_session_delete(f->st, s4, &e), ERR_NOT_FOUND);
	assert_int_equal(store_session_delete_user(f->st, bob, 0, &e), 0);
	assert_int_equal(count(f->st, "SELECT COUNT(*) FROM sessions"), 0);
	assert_int_equal(
	    count(f->st, "SELECT COUNT(*) FROM audit_events WHERE action = 'session.create'"), 4);
	assert_audit_clean(f->st);
	(void)s2;
	(void)s3;
}

static void test_tokens(void **state)
{
	struct fixture *f = *state;
	struct err e = ERR_INIT;
	struct api_token t, *list;
	long long alice = add_user(f->st, "alice", 0), bob = add_user(f->st, "bob", 0);
	long long t1, t2, t3;
	size_t n;

	assert_int_equal(store_token_create(f->st, alice, "ci", HASH_A, &t1, &e), 0);
	assert_int_equal(store_token_create(f->st, alice, "laptop", HASH_B, &t2, &e), 0);
	assert_int_equal(store_token_create(f->st, bob, "other", HASH_A, &t3, &e), ERR_CONFLICT);
	assert_int_equal(store_token_create(f->st, bob, "", HASH_C, &t3, &e), ERR_INVALID);
	assert_int_equal(store_token_create(f->st, 9999, "x", HASH_C, &t3, &e), ERR_NOT_FOUND);
	assert_int_equal(store_token_create(f->st, bob, "bob's", HASH_C, &t3, &e), 0);

	assert_int_equal(store_token_find(f->st, HASH_B, &t, &e), 0);
	assert_int_equal(t.id, t2);
	assert_int_equal(t.user_id, alice);
	assert_string_equal(t.name, "laptop");
	assert_string_equal(t.created_at, NOW);
	assert_null(t.last_used_at);
	api_token_list_free(NULL, 0);
	free(t.name);
	free(t.created_at);
	free(t.last_used_at);
	assert_int_equal(store_token_find(f->st, "0000", &t, &e), ERR_NOT_FOUND);

	assert_int_equal(store_token_touch(f->st, t2, "2025-02-01T00:00:00Z", &e), 0);
	assert_int_equal(store_token_list(f->st, alice, &list, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].name, "ci");
	assert_null(list[0].last_used_at);
	assert_string_equal(list[1].last_used_at, "2025-02-01T00:00:00Z");
	api_token_list_free(list, n);

	/* a user can only revoke its own tokens */
	assert_int_equal(store_token_delete(f->st, bob, t1, &e), ERR_NOT_FOUND);
	assert_non_null(strstr(e.msg, "'bob' has no API token"));
	assert_int_equal(store_token_delete(f->st, alice, t1, &e), 0);
	assert_int_equal(store_token_find(f->st, HASH_A, &t, &e), ERR_NOT_FOUND);
	assert_int_equal(store_token_list(f->st, alice, &list, &n, &e), 0);
	assert_int_equal(n, 1);
	api_token_list_free(list, n);
	assert_int_equal(
	    count(f->st, "SELECT COUNT(*) FROM audit_events WHERE action LIKE 'token.%'"), 4);
	assert_audit_clean(f->st);
}

static void test_login_attempts(void **state)
{
	struct fixture *f = *state;
	struct err e = ERR_INIT;
	long long n;
	int i;

	for (i = 0; i < 5; i++)
		assert_int_equal(
		    store_login_attempt_add(f->st, "user:alice", "2025-01-02T03:00:00Z", &e), 0);
	assert_int_equal(store_login_attempt_add(f->st, "user:alice", "2025-01-01T00:00:00Z", &e),
			 0);
	assert_int_equal(
	    store_login_attempt_add(f->st, "addr:127.0.0.1", "2025-01-02T03:00:00Z", &e), 0);
	assert_int_equal(store_login_attempt_add(f->st, "", "2025-01-02T03:00:00Z", &e),
			 ERR_INVALID);

	/* counted since a time, per key */
	assert_int_equal(
	    store_login_attempt_count(f->st, "user:alice", "2025-01-02T02:45:00Z", &n, &e), 0);
	assert_int_equal(n, 5);
	assert_int_equal(
	    store_login_attempt_count(f->st, "user:alice", "2024-12-31T00:00:00Z", &n, &e), 0);
	assert_int_equal(n, 6);
	assert_int_equal(
	    store_login_attempt_count(f->st, "addr:127.0.0.1", "2025-01-02T02:45:00Z", &n, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(
	    store_login_attempt_count(f->st, "user:bob", "2024-01-01T00:00:00Z", &n, &e), 0);
	assert_int_equal(n, 0);

	/* purge forgets old attempts of every key; clear forgets one key */
	assert_int_equal(store_login_attempt_purge(f->st, "2025-01-02T00:00:00Z", &e), 0);
	assert_int_equal(
	    store_login_attempt_count(f->st, "user:alice", "2024-12-31T00:00:00Z", &n, &e), 0);
	assert_int_equal(n, 5);
	assert_int_equal(store_login_attempt_clear(f->st, "user:alice", &e), 0);
	assert_int_equal(
	    store_login_attempt_count(f->st, "user:alice", "2024-12-31T00:00:00Z", &n, &e), 0);
	assert_int_equal(n, 0);
	assert_int_equal(
	    store_login_attempt_count(f->st, "addr:127.0.0.1", "2024-12-31T00:00:00Z", &n, &e), 0);
	assert_int_equal(n, 1);
	/* bookkeeping writes no audit events */
	assert_int_equal(count(f->st, "SELECT COUNT(*) FROM audit_events"), 0);
}

/* The policy of test_signin_attempts: remember the counts, answer wait. */
struct seen {
	struct signin_counts c;
	long wait;
};

static long remember(const struct signin_counts *c, void *cls)
{
	struct seen *s = cls;

	s->c = *c;
	return s->wait;
}

static long long reserve(struct store *st, const char *account, const char *addr, const char *now,
			 struct seen *s)
{
	struct signin_query q = {account,
				 addr,
				 now,
				 "2025-01-02T02:50:00Z",
				 "2025-01-01T03:00:00Z",
				 "2024-12-01T00:00:00Z"};
	struct err e = ERR_INIT;
	long long id = -1;
	long wait = -1;

	assert_int_equal(store_signin_reserve(st, &q, remember, s, &id, &wait, &e), 0);
	assert_int_equal(wait, s->wait);
	return id;
}

static void test_signin_attempts(void **state)
{
	struct fixture *f = *state;
	struct err e = ERR_INIT;
	struct signin_query empty = {"", "10.0.0.1", NOW, NOW, NOW, NOW};
	struct seen s = {0};
	long long id, ok_id;
	long wait;
	int i;

	/* reserved attempts count as failures at once, per pair, address and account */
	for (i = 0; i < 3; i++)
		assert_true(reserve(f->st, "alice", "10.0.0.1", "2025-01-02T03:00:00Z", &s) > 0);
	assert_true(reserve(f->st, "bob", "10.0.0.1", "2025-01-02T03:01:00Z", &s) > 0);
	assert_true(reserve(f->st, "alice", "10.0.0.2", "2025-01-02T03:02:00Z", &s) > 0);
	id = reserve(f->st, "alice", "10.0.0.1", "2025-01-02T03:03:00Z", &s);
	assert_int_equal(s.c.pair, 3);
	assert_int_equal(s.c.addr, 4);
	assert_int_equal(s.c.account, 4);
	assert_string_equal(s.c.pair_oldest, "2025-01-02T03:00:00Z");
	assert_string_equal(s.c.addr_oldest, "2025-01-02T03:00:00Z");
	assert_string_equal(s.c.account_latest, "2025-01-02T03:02:00Z");
	assert_int_equal(s.c.known, 0);

	/* a refusal stores nothing */
	s.wait = 42;
	assert_int_equal(reserve(f->st, "alice", "10.0.0.1", "2025-01-02T03:04:00Z", &s), 0);
	s.wait = 0;
	reserve(f->st, "carol", "10.0.0.9", "2025-01-02T03:04:00Z", &s);
	assert_int_equal(count(f->st, "SELECT COUNT(*) FROM signin_attempts"), 7);

	/* a success forgets its pair's failures, and makes the address known */
	assert_int_equal(store_signin_succeeded(f->st, id, &e), 0);
	assert_int_equal(count(f->st, "SELECT COUNT(*) FROM signin_attempts WHERE account = "
				      "'alice' AND addr = '10.0.0.1'"),
			 1);
	ok_id = reserve(f->st, "alice", "10.0.0.1", "2025-01-02T03:05:00Z", &s);
	assert_int_equal(s.c.pair, 0);
	assert_int_equal(s.c.addr, 1); /* bob's */
	assert_int_equal(s.c.account, 1);
	assert_int_equal(s.c.known, 1);
	assert_int_equal(store_signin_succeeded(f->st, ok_id, &e), 0);
	assert_int_equal(count(f->st, "SELECT COUNT(*) FROM signin_attempts WHERE account = "
				      "'alice' AND addr = '10.0.0.1'"),
			 1);
	/* two right passwords at once from one address: the first success clears
	 * the second's reservation, and the second still succeeds */
	id = reserve(f->st, "alice", "10.0.0.1", "2025-01-02T03:05:30Z", &s);
	ok_id = reserve(f->st, "alice", "10.0.0.1", "2025-01-02T03:05:31Z", &s);
	assert_int_equal(store_signin_succeeded(f->st, id, &e), 0);
	assert_int_equal(store_signin_succeeded(f->st, ok_id, &e), 0);
	assert_int_equal(count(f->st, "SELECT COUNT(*) FROM signin_attempts WHERE account = "
				      "'alice' AND addr = '10.0.0.1' AND ok = 1"),
			 1);

	/* an attempt that never reached the check is forgotten */
	id = reserve(f->st, "dave", "10.0.0.3", "2025-01-02T03:06:00Z", &s);
	assert_int_equal(store_signin_forget(f->st, id, &e), 0);
	assert_int_equal(count(f->st, "SELECT COUNT(*) FROM signin_attempts WHERE account = "
				      "'dave'"),
			 0);

	/* failures before account_since and successes before known_since go */
	assert_int_equal(db_run(f->st->db, NULL, &e,
				"UPDATE signin_attempts SET at = '2024-11-01T00:00:00Z'", ""),
			 DB_DONE);
	reserve(f->st, "erin", "10.0.0.4", "2025-01-02T03:07:00Z", &s);
	assert_int_equal(count(f->st, "SELECT COUNT(*) FROM signin_attempts"), 1);

	/* a name is needed */
	assert_int_equal(store_signin_reserve(f->st, &empty, remember, &s, &id, &wait, &e),
			 ERR_INVALID);
	/* bookkeeping writes no audit events */
	assert_int_equal(count(f->st, "SELECT COUNT(*) FROM audit_events"), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_roles),
	    cmocka_unit_test_setup_teardown(test_users, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_memberships, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_sessions, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_tokens, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_login_attempts, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_signin_attempts, setup, fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
