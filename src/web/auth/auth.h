/*
 * auth.h - the crypto under logins, sessions, API tokens and CSRF tokens
 * (libsodium). Pure helpers: no database, no HTTP.
 *
 *   Passwords: Argon2id strings (crypto_pwhash_str), with a policy check.
 *   Tokens:    32 random bytes shown once as URL-safe base64 (43 chars, no
 *              padding); only their BLAKE2b-256 hash is ever stored, so a
 *              leaked database holds no usable session or API token.
 *   CSRF:      crypto_auth (HMAC-SHA-512-256) of the session id under a
 *              secret kept with that session; checked in constant time.
 */
#ifndef CDCF_WEB_AUTH_H
#define CDCF_WEB_AUTH_H

#include <stdbool.h>
#include <stddef.h>

#include <sodium.h>

#include "i18n/i18n.h"

#define AUTH_PASSWORD_MIN_CHARS 10	       /* Unicode code points */
#define AUTH_PASSWORD_MAX_BYTES 256	       /* UTF-8 bytes */
#define AUTH_PWHASH_MAX crypto_pwhash_STRBYTES /* room for a hash string, NUL included */

#define AUTH_TOKEN_BYTES 32
#define AUTH_TOKEN_LEN 43 /* characters of a token, no NUL */
#define AUTH_TOKEN_SIZE (AUTH_TOKEN_LEN + 1)
#define AUTH_HASH_BYTES 32 /* BLAKE2b-256 of a token */
#define AUTH_HASH_HEX_SIZE (2 * AUTH_HASH_BYTES + 1)

#define AUTH_CSRF_SECRET_BYTES crypto_auth_KEYBYTES
#define AUTH_CSRF_LEN 43 /* characters of a CSRF token, no NUL */
#define AUTH_CSRF_SIZE (AUTH_CSRF_LEN + 1)

#define AUTH_HASH_SLOTS_DEFAULT 2 /* Argon2id computations at once in one process */
#define AUTH_HASH_SLOTS_MAX 64	  /* the most `serve --hash-limit` accepts */
#define AUTH_HASH_WAIT_MS 3000	  /* how long a computation waits for a free slot */

/*
 * At most n Argon2id computations (hash or verify) run at once in this
 * process (0: AUTH_HASH_SLOTS_DEFAULT); each holds the memory cost (64 MiB
 * at INTERACTIVE) while it runs, so n bounds the memory of a sign-in storm.
 * A computation beyond the cap waits up to AUTH_HASH_WAIT_MS for a slot,
 * then fails with ERR_BUSY without running. auth_hash_slots: the cap now.
 */
void auth_hash_slots_set(unsigned n);
unsigned auth_hash_slots(void);

/*
 * Hash pw with Argon2id into out (NUL-terminated). Costs are libsodium's
 * INTERACTIVE limits, or the minimum when the environment has
 * CDCF_ARGON2=min (tests only). ERR_INVALID when pw is over
 * AUTH_PASSWORD_MAX_BYTES, ERR_BUSY when no slot came free in time,
 * ERR_NOMEM when the hash memory cannot be had.
 */
int auth_password_hash(const char *pw, char out[AUTH_PWHASH_MAX]);

/* 0 when pw matches hash, ERR_DENIED when it does not or hash is malformed,
 * ERR_BUSY when no slot came free in time (nothing was checked). */
int auth_password_verify(const char *hash, const char *pw);

/*
 * A well-formed Argon2id string at the current costs that no password
 * matches (random salt and sum): verifying against it costs what a real
 * check costs, without computing a hash to make it. 0 or ERR_INTERNAL.
 */
int auth_password_dummy(char out[AUTH_PWHASH_MAX]);

/* Was hash made with other costs than the current ones (re-hash at next login)? */
bool auth_password_needs_rehash(const char *hash);

enum auth_pw_problem {
	AUTH_PW_OK = 0,
	AUTH_PW_TOO_SHORT, /* fewer than AUTH_PASSWORD_MIN_CHARS characters */
	AUTH_PW_TOO_LONG,  /* more than AUTH_PASSWORD_MAX_BYTES bytes */
	AUTH_PW_BAD_TEXT,  /* not UTF-8, or holds control characters */
};

/* Check a new password against the policy; AUTH_PW_OK or the first problem. */
enum auth_pw_problem auth_password_policy(const char *pw);

/* The message that explains problem to a user, in lang. */
const char *auth_password_problem_text(enum lang lang, enum auth_pw_problem problem);

struct err;

/* Fill e with problem (not AUTH_PW_OK) as ERR_INVALID about field; returns ERR_INVALID. */
int auth_password_fail(struct err *e, const char *field, enum auth_pw_problem problem);

/*
 * A new random token: its text in token_out (size >= AUTH_TOKEN_SIZE; give
 * it to the user once) and its hash in hash_out (store this). 0 or
 * ERR_INVALID when size is too small.
 */
int auth_token_new(char *token_out, size_t size, unsigned char hash_out[AUTH_HASH_BYTES]);

/*
 * The stored hash of a token a client presents. ERR_INVALID when the text
 * cannot be a token (length, alphabet), so junk never reaches a lookup.
 */
int auth_token_hash(const char *token, unsigned char out[AUTH_HASH_BYTES]);

/* Lowercase hex of bin[0..n) into hex (size >= 2n+1): util/hex.h's hex_encode. */
void auth_hex(const unsigned char *bin, size_t n, char *hex);
/* Parse exactly 2n hex digits into bin[0..n); ERR_INVALID otherwise (hex_decode). */
int auth_unhex(const char *hex, unsigned char *bin, size_t n);

/* A fresh random per-session CSRF secret; ERR_INTERNAL only if libsodium cannot start. */
int auth_csrf_secret_new(unsigned char secret[AUTH_CSRF_SECRET_BYTES]);

/*
 * The CSRF token for session_id (the session's public id, e.g. the hex of
 * its token hash) under secret, as URL-safe base64 into out (size >=
 * AUTH_CSRF_SIZE). Stable for the life of the session, so every form of the
 * session carries the same token.
 */
int auth_csrf_token(const unsigned char secret[AUTH_CSRF_SECRET_BYTES], const char *session_id,
		    char *out, size_t size);

/* 0 when token is the CSRF token of session_id under secret, ERR_DENIED otherwise
 * (missing, malformed or wrong); the comparison is constant-time. */
int auth_csrf_check(const unsigned char secret[AUTH_CSRF_SECRET_BYTES], const char *session_id,
		    const char *token);

#endif
