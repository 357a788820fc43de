/*
 * store_user.h - web accounts: users, memberships (user x organization x
 * role), sessions, API tokens and login attempts.
 *
 * Tokens are never stored: only the hex of their BLAKE2b hash. Passwords
 * only as Argon2id strings (web/auth.c makes them). Mutations are one
 * transaction each and write an audit event (never with a password hash,
 * token or token hash in before/after).
 */
#ifndef CDCF_STORE_USER_H
#define CDCF_STORE_USER_H

#include <stddef.h>

#include "store/store.h"

enum role { ROLE_VIEWER, ROLE_ASSESSOR, ROLE_EDITOR, ROLE_ADMIN, ROLE_COUNT };

/* "viewer", "assessor", "editor", "admin"; role_parse returns -1 otherwise. */
const char *role_name(enum role r);
int role_parse(const char *s);

struct user {
	long long id;
	char *name;
	char *password_hash; /* NULL until a password is set */
	int is_admin;	     /* site administrator: every organization, user management */
	char *lang;	     /* "en" / "ja" / NULL (browser's choice) */
	int disabled;
	char *created_at;
};
void user_release(struct user *u);
void user_list_free(struct user *list, size_t n);

int store_user_add(struct store *st, const char *name, const char *password_hash, int is_admin,
		   long long *id, struct err *e);
int store_user_find(struct store *st, const char *name, struct user *out, struct err *e);
int store_user_get(struct store *st, long long id, struct user *out, struct err *e);
int store_user_list(struct store *st, struct user **out, size_t *n, struct err *e);
int store_user_count(struct store *st, long long *n, struct err *e);
int store_user_set_password(struct store *st, long long id, const char *password_hash,
			    struct err *e);
int store_user_set_lang(struct store *st, long long id, const char *lang, struct err *e);
int store_user_set_flags(struct store *st, long long id, int is_admin, int disabled, struct err *e);

struct membership {
	long long user_id, org_id;
	char *user_name, *org_name;
	enum role role;
	long long team_id; /* assessors: the team whose services they score; 0 = none */
	char *team_name;
};
void membership_release(struct membership *m);
void membership_list_free(struct membership *list, size_t n);

/* Insert or replace the membership of user in org. */
int store_membership_set(struct store *st, long long user_id, long long org_id, enum role role,
			 long long team_id, struct err *e);
int store_membership_delete(struct store *st, long long user_id, long long org_id, struct err *e);
/* ERR_NOT_FOUND when the user is not a member. */
int store_membership_get(struct store *st, long long user_id, long long org_id,
			 struct membership *out, struct err *e);
int store_membership_list_user(struct store *st, long long user_id, struct membership **out,
			       size_t *n, struct err *e);
int store_membership_list_org(struct store *st, long long org_id, struct membership **out,
			      size_t *n, struct err *e);

struct session {
	long long id;
	long long user_id;
	char *csrf_secret; /* hex */
	char *created_at, *last_seen_at, *expires_at;
};
void session_release(struct session *s);

int store_session_create(struct store *st, const char *token_hash_hex, long long user_id,
			 const char *csrf_secret_hex, const char *expires_at, long long *id,
			 struct err *e);
/* ERR_NOT_FOUND for an unknown token hash. Expiry is the caller's decision. */
int store_session_find(struct store *st, const char *token_hash_hex, struct session *out,
		       struct err *e);
int store_session_touch(struct store *st, long long id, const char *now, struct err *e);
int store_session_delete(struct store *st, long long id, struct err *e);
int store_session_delete_user(struct store *st, long long user_id, long long except_id,
			      struct err *e);
int store_session_purge(struct store *st, const char *now, struct err *e);

struct api_token {
	long long id;
	long long user_id;
	char *name;
	char *created_at, *last_used_at;
};
void api_token_release(struct api_token *t);
void api_token_list_free(struct api_token *list, size_t n);

int store_token_create(struct store *st, long long user_id, const char *name,
		       const char *token_hash_hex, long long *id, struct err *e);
int store_token_find(struct store *st, const char *token_hash_hex, struct api_token *out,
		     struct err *e);
int store_token_list(struct store *st, long long user_id, struct api_token **out, size_t *n,
		     struct err *e);
int store_token_delete(struct store *st, long long user_id, long long id, struct err *e);
int store_token_touch(struct store *st, long long id, const char *now, struct err *e);

/* Counted failures by key ("user:<name>"): the account page's password check. */
int store_login_attempt_add(struct store *st, const char *key, const char *at, struct err *e);
int store_login_attempt_count(struct store *st, const char *key, const char *since, long long *n,
			      struct err *e);
int store_login_attempt_clear(struct store *st, const char *key, struct err *e);
/* Forget attempts older than before (any key): housekeeping, no audit event. */
int store_login_attempt_purge(struct store *st, const char *before, struct err *e);

/*
 * Sign-in attempts behind the web's throttle (the policy is web/signin.c's).
 * One row per attempt let through to the password check, counted as a
 * failure from the moment it is reserved until store_signin_succeeded marks
 * it: attempts still being checked count, and one whose check never ended
 * (a crash) stays a failure. Times are "YYYY-MM-DDTHH:MM:SSZ" texts; the
 * rows live in the database so that every server sharing it sees them.
 */
struct signin_counts {
	long long pair;	   /* failures of this account from this address since since */
	long long addr;	   /* failures from this address, any account, since since */
	long long account; /* failures of this account, any address, since account_since */
	char pair_oldest[32], addr_oldest[32]; /* the oldest of those, "" when none */
	char account_latest[32];	       /* the latest failure of the account, "" if none */
	int known; /* this address signed in to this account since known_since */
};

struct signin_query {
	const char *account;	   /* the user name as typed (known or not) */
	const char *addr;	   /* the client address */
	const char *now;	   /* the attempt's time */
	const char *since;	   /* pair and address failures count from here */
	const char *account_since; /* account failures count from here; older rows are deleted */
	const char *known_since;   /* successes count from here; older ones are deleted */
};

/* The policy: 0 to let an attempt with counts c through, else seconds to wait. */
typedef long signin_decide_fn(const struct signin_counts *c, void *cls);

/*
 * In one write transaction: delete rows that no longer count, read the counts
 * for q, ask decide, and when it lets the attempt through store it (its id in
 * *id, *wait 0). When decide refuses, nothing is stored, *id is 0 and *wait
 * holds its answer. 0, or a store error (ERR_BUSY when the database stayed
 * locked).
 */
int store_signin_reserve(struct store *st, const struct signin_query *q, signin_decide_fn *decide,
			 void *cls, long long *id, long *wait, struct err *e);
/* The attempt id signed in: it stops counting as a failure, and the earlier
 * failures and success of its account from its address are deleted. An id
 * that is gone was cleared by a concurrent success of the same account and
 * address (the same person signing in twice at once): 0, nothing to do. */
int store_signin_succeeded(struct store *st, long long id, struct err *e);
/* The attempt id never reached the password check (the server was busy): delete it. */
int store_signin_forget(struct store *st, long long id, struct err *e);

#endif
