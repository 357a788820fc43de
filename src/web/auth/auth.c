/*
 * auth.c - password hashing, tokens and CSRF tokens over libsodium.
 */
#include "web/auth/auth.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/err.h"
#include "util/hex.h"
#include "util/utf8.h"

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int sodium_ok;

static void init_sodium(void)
{
	sodium_ok = sodium_init() >= 0;
}

static int ready(void)
{
	pthread_once(&once, init_sodium);
	return sodium_ok;
}

/* Argon2id costs: INTERACTIVE, or the minimum under CDCF_ARGON2=min (tests). */
static void costs(unsigned long long *ops, size_t *mem)
{
	const char *env = getenv("CDCF_ARGON2");

	if (env && !strcmp(env, "min")) {
		*ops = crypto_pwhash_argon2id_OPSLIMIT_MIN;
		*mem = crypto_pwhash_argon2id_MEMLIMIT_MIN;
	} else {
		*ops = crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE;
		*mem = crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE;
	}
}

/*
 * The cap on Argon2id computations running at once. Each holds the memory
 * limit (64 MiB at INTERACTIVE costs) for its whole run, so the cap, not the
 * number of server threads, bounds the memory sign-ins can take.
 */
static pthread_once_t slots_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t slots_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t slots_freed;
static unsigned slots_max = AUTH_HASH_SLOTS_DEFAULT, slots_used;

static void init_slots(void)
{
	pthread_condattr_t attr;

	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&slots_freed, &attr);
	pthread_condattr_destroy(&attr);
}

void auth_hash_slots_set(unsigned n)
{
	pthread_once(&slots_once, init_slots);
	pthread_mutex_lock(&slots_lock);
	slots_max = n ? n : AUTH_HASH_SLOTS_DEFAULT;
	pthread_cond_broadcast(&slots_freed);
	pthread_mutex_unlock(&slots_lock);
}

unsigned auth_hash_slots(void)
{
	unsigned n;

	pthread_mutex_lock(&slots_lock);
	n = slots_max;
	pthread_mutex_unlock(&slots_lock);
	return n;
}

/* A slot within AUTH_HASH_WAIT_MS: 0, or ERR_BUSY when none came free in time. */
static int slot_take(void)
{
	struct timespec until;
	int rc = 0;

	pthread_once(&slots_once, init_slots);
	clock_gettime(CLOCK_MONOTONIC, &until);
	until.tv_sec += AUTH_HASH_WAIT_MS / 1000;
	until.tv_nsec += (AUTH_HASH_WAIT_MS % 1000) * 1000000L;
	if (until.tv_nsec >= 1000000000L) {
		until.tv_sec++;
		until.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&slots_lock);
	while (slots_used >= slots_max && rc != ETIMEDOUT)
		rc = pthread_cond_timedwait(&slots_freed, &slots_lock, &until);
	if (slots_used < slots_max) {
		slots_used++;
		rc = 0;
	} else {
		rc = ERR_BUSY;
	}
	pthread_mutex_unlock(&slots_lock);
	return rc;
}

static void slot_give(void)
{
	pthread_mutex_lock(&slots_lock);
	slots_used--;
	pthread_cond_signal(&slots_freed);
	pthread_mutex_unlock(&slots_lock);
}

int auth_password_hash(const char *pw, char out[AUTH_PWHASH_MAX])
{
	unsigned long long ops;
	size_t mem, len = strlen(pw);
	int rc;

	if (!ready())
		return ERR_INTERNAL;
	if (len > AUTH_PASSWORD_MAX_BYTES)
		return ERR_INVALID;
	costs(&ops, &mem);
	rc = slot_take();
	if (rc)
		return rc;
	rc = crypto_pwhash_argon2id_str(out, pw, len, ops, mem) ? ERR_NOMEM : 0;
	slot_give();
	return rc;
}

int auth_password_verify(const char *hash, const char *pw)
{
	size_t len = strlen(pw);
	int rc;

	if (!ready() || len > AUTH_PASSWORD_MAX_BYTES)
		return ERR_DENIED;
	if (strncmp(hash, crypto_pwhash_argon2id_STRPREFIX,
		    sizeof(crypto_pwhash_argon2id_STRPREFIX) - 1))
		return ERR_DENIED;
	rc = slot_take();
	if (rc)
		return rc;
	rc = crypto_pwhash_argon2id_str_verify(hash, pw, len) ? ERR_DENIED : 0;
	slot_give();
	return rc;
}

int auth_password_dummy(char out[AUTH_PWHASH_MAX])
{
	unsigned char salt[crypto_pwhash_argon2id_SALTBYTES], sum[32];
	char salt64[64], sum64[64];
	unsigned long long ops;
	size_t mem;
	int n;

	if (!ready())
		return ERR_INTERNAL;
	costs(&ops, &mem);
	randombytes_buf(salt, sizeof(salt));
	randombytes_buf(sum, sizeof(sum));
	sodium_bin2base64(salt64, sizeof(salt64), salt, sizeof(salt),
			  sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
	sodium_bin2base64(sum64, sizeof(sum64), sum, sizeof(sum),
			  sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
	n = snprintf(out, AUTH_PWHASH_MAX, "%sv=%d$m=%zu,t=%llu,p=1$%s$%s",
		     crypto_pwhash_argon2id_STRPREFIX, 19, mem / 1024, ops, salt64, sum64);
	return n > 0 && (size_t)n < AUTH_PWHASH_MAX ? 0 : ERR_INTERNAL;
}

bool auth_password_needs_rehash(const char *hash)
{
	unsigned long long ops;
	size_t mem;

	if (!ready())
		return true;
	costs(&ops, &mem);
	return crypto_pwhash_argon2id_str_needs_rehash(hash, ops, mem) != 0;
}

enum auth_pw_problem auth_password_policy(const char *pw)
{
	size_t len = strlen(pw), i = 0, chars = 0, n;
	unsigned long cp;

	if (len > AUTH_PASSWORD_MAX_BYTES)
		return AUTH_PW_TOO_LONG;
	while (i < len) {
		/* well-formed UTF-8 without C0 or C1 controls or DEL */
		n = utf8_decode(pw + i, len - i, &cp);
		if (!n || cp < 0x20 || (cp >= 0x7f && cp <= 0x9f))
			return AUTH_PW_BAD_TEXT;
		i += n;
		chars++;
	}
	return chars < AUTH_PASSWORD_MIN_CHARS ? AUTH_PW_TOO_SHORT : AUTH_PW_OK;
}

/* The message of a problem other than AUTH_PW_OK. */
static enum msg_id problem_msg(enum auth_pw_problem problem)
{
	switch (problem) {
	case AUTH_PW_TOO_SHORT:
		return MSG_WEB_PW_TOO_SHORT;
	case AUTH_PW_TOO_LONG:
		return MSG_WEB_PW_TOO_LONG;
	default:
		return MSG_WEB_PW_BAD_TEXT;
	}
}

const char *auth_password_problem_text(enum lang lang, enum auth_pw_problem problem)
{
	return problem == AUTH_PW_OK ? "" : tr(lang, problem_msg(problem));
}

int auth_password_fail(struct err *e, const char *field, enum auth_pw_problem problem)
{
	return err_fail(e, ERR_INVALID, field, problem_msg(problem));
}

/* Decode a 43-character URL-safe base64 text into 32 bytes; ERR_INVALID otherwise. */
static int decode43(const char *text, unsigned char out[32])
{
	size_t len, bin_len = 0, i;

	if (!text)
		return ERR_INVALID;
	len = strnlen(text, AUTH_TOKEN_LEN + 1);
	if (len != AUTH_TOKEN_LEN)
		return ERR_INVALID;
	for (i = 0; i < len; i++) {
		char c = text[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		      c == '-' || c == '_'))
			return ERR_INVALID;
	}
	if (sodium_base642bin(out, 32, text, len, NULL, &bin_len, NULL,
			      sodium_base64_VARIANT_URLSAFE_NO_PADDING) ||
	    bin_len != 32)
		return ERR_INVALID;
	return 0;
}

int auth_token_new(char *token_out, size_t size, unsigned char hash_out[AUTH_HASH_BYTES])
{
	unsigned char raw[AUTH_TOKEN_BYTES];

	if (!ready())
		return ERR_INTERNAL;
	if (size < AUTH_TOKEN_SIZE)
		return ERR_INVALID;
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(token_out, size, raw, sizeof(raw),
			  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	crypto_generichash(hash_out, AUTH_HASH_BYTES, raw, sizeof(raw), NULL, 0);
	sodium_memzero(raw, sizeof(raw));
	return 0;
}

int auth_token_hash(const char *token, unsigned char out[AUTH_HASH_BYTES])
{
	unsigned char raw[AUTH_TOKEN_BYTES];

	if (!ready())
		return ERR_INTERNAL;
	if (decode43(token, raw))
		return ERR_INVALID;
	crypto_generichash(out, AUTH_HASH_BYTES, raw, sizeof(raw), NULL, 0);
	sodium_memzero(raw, sizeof(raw));
	return 0;
}

void auth_hex(const unsigned char *bin, size_t n, char *hex)
{
	hex_encode(bin, n, hex);
}

int auth_unhex(const char *hex, unsigned char *bin, size_t n)
{
	return hex_decode(hex, bin, n);
}

int auth_csrf_secret_new(unsigned char secret[AUTH_CSRF_SECRET_BYTES])
{
	if (!ready())
		return ERR_INTERNAL;
	crypto_auth_keygen(secret);
	return 0;
}

int auth_csrf_token(const unsigned char secret[AUTH_CSRF_SECRET_BYTES], const char *session_id,
		    char *out, size_t size)
{
	unsigned char mac[crypto_auth_BYTES];

	if (!ready())
		return ERR_INTERNAL;
	if (size < AUTH_CSRF_SIZE || !session_id || !*session_id)
		return ERR_INVALID;
	crypto_auth(mac, (const unsigned char *)session_id, strlen(session_id), secret);
	sodium_bin2base64(out, size, mac, sizeof(mac), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	return 0;
}

int auth_csrf_check(const unsigned char secret[AUTH_CSRF_SECRET_BYTES], const char *session_id,
		    const char *token)
{
	unsigned char mac[crypto_auth_BYTES];

	if (!ready() || !session_id || !*session_id || decode43(token, mac))
		return ERR_DENIED;
	if (crypto_auth_verify(mac, (const unsigned char *)session_id, strlen(session_id), secret))
		return ERR_DENIED;
	return 0;
}
