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
void api_token_list_free(struct api_token *list, size_t n);

int store_token_create(struct store *st, long long user_id, const char *name,
		       const char *token_hash_hex, long long *id, struct err *e);
int store_token_find(struct store *st, const char *token_hash_hex, struct api_token *out,
		     struct err *e);
int store_token_list(struct store *st, long long user_id, struct api_token **out, size_t *n,
		     struct err *e);
int store_token_delete(struct store *st, long long user_id, long long id, struct err *e);
int store_token_touch(struct store *st, long long id, const char *now, struct err *e);

/* Login throttling: key is "user:<name>" or "addr:<address>". */
int store_login_attempt_add(struct store *st, const char *key, const char *at, struct err *e);
int store_login_attempt_count(struct store *st, const char *key, const char *since, long long *n,
			      struct err *e);
int store_login_attempt_clear(struct store *st, const char *key, struct err *e);
/* Forget attempts older than before (any key): housekeeping, no audit event. */
int store_login_attempt_purge(struct store *st, const char *before, struct err *e);

#endif
