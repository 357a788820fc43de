/*
 * signin.c - the password check at sign-in behind the throttle (see
 * signin.h for the policy, docs/security.md for the reasons).
 */
#include "web/auth/signin.h"

#include <arpa/inet.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "web/auth/auth.h"
#include "web/webapp.h"

#define BUSY_RETRY_AFTER 2 /* seconds a client is told to wait when no slot came free */

/*
 * Seconds from now until t + span (t a stored time, "" for none): 0 when that
 * has passed, never more than span (a time ahead of this server's clock, from
 * another server sharing the database, does not make the wait longer).
 */
static long left(const char *t, long span, time_t now)
{
	time_t at = *t ? web_time_parse(t) : -1;

	if (span <= 0 || at < 0 || at + span <= now)
		return 0;
	return at > now ? span : (long)(at + span - now);
}

/* The wait after an account's latest failure when it has failures from any
 * address in all: none below WEB_THROTTLE_ACCOUNT, then 1 s, doubling with
 * each further failure, at most WEB_THROTTLE_DELAY_MAX. */
static long account_delay(long long failures)
{
	long long over = failures - WEB_THROTTLE_ACCOUNT;

	if (over < 0)
		return 0;
	if (over >= 20 || (1L << over) > WEB_THROTTLE_DELAY_MAX)
		return WEB_THROTTLE_DELAY_MAX;
	return 1L << over;
}

static long longer(long a, long b)
{
	return a > b ? a : b;
}

long signin_wait(const struct signin_counts *c, time_t now)
{
	long wait = 0;

	/* a full window waits for its oldest failure to leave it, at least a second */
	if (c->pair >= WEB_THROTTLE_USER)
		wait = longer(wait, longer(1, left(c->pair_oldest, WEB_THROTTLE_WINDOW, now)));
	if (c->addr >= WEB_THROTTLE_ADDR)
		wait = longer(wait, longer(1, left(c->addr_oldest, WEB_THROTTLE_WINDOW, now)));
	if (!c->known)
		wait = longer(wait, left(c->account_latest, account_delay(c->account), now));
	return wait;
}

static long decide(const struct signin_counts *c, void *cls)
{
	return signin_wait(c, *(const time_t *)cls);
}

void signin_addr_key(const char *addr, char out[SIGNIN_ADDR_MAX])
{
	struct in6_addr a;
	char text[INET6_ADDRSTRLEN];

	if (!strchr(addr, ':') || inet_pton(AF_INET6, addr, &a) != 1) {
		snprintf(out, SIGNIN_ADDR_MAX, "%s", addr);
		return;
	}
	if (IN6_IS_ADDR_V4MAPPED(&a)) {
		inet_ntop(AF_INET, &a.s6_addr[12], text, sizeof(text));
		snprintf(out, SIGNIN_ADDR_MAX, "%s", text);
		return;
	}
	memset(&a.s6_addr[8], 0, 8);
	inet_ntop(AF_INET6, &a, text, sizeof(text));
	snprintf(out, SIGNIN_ADDR_MAX, "%s/64", text);
}

/* Unknown and disabled users are checked against this: the same cost, no match. */
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;
static char dummy_hash[AUTH_PWHASH_MAX];

static void make_dummy(void)
{
	if (auth_password_dummy(dummy_hash))
		dummy_hash[0] = '\0';
}

int signin_check(struct store *st, const char *name, const char *pw, const char *addr, time_t now,
		 struct user *u, enum signin_result *result, long *retry_after, struct err *e)
{
	char at[32], since[32], account_since[32], known_since[32], key[SIGNIN_ADDR_MAX];
	struct signin_query q = {name, key, at, since, account_since, known_since};
	long long id;
	int rc, checked;

	*result = SIGNIN_WRONG;
	*retry_after = 0;
	signin_addr_key(addr, key);
	web_time_fmt(now, at);
	web_time_fmt(now - WEB_THROTTLE_WINDOW, since);
	web_time_fmt(now - WEB_THROTTLE_DAY, account_since);
	web_time_fmt(now - WEB_THROTTLE_KNOWN, known_since);
	rc = store_signin_reserve(st, &q, decide, &now, &id, retry_after, e);
	if (rc)
		return rc;
	if (!id) {
		*result = SIGNIN_THROTTLED;
		return 0;
	}

	rc = store_user_find(st, name, u, e);
	if (rc && rc != ERR_NOT_FOUND) {
		store_signin_forget(st, id, NULL);
		return rc;
	}
	err_clear(e);
	if (!rc && u->password_hash && !u->disabled) {
		checked = auth_password_verify(u->password_hash, pw);
	} else {
		user_release(u);
		pthread_once(&dummy_once, make_dummy);
		checked = dummy_hash[0] ? auth_password_verify(dummy_hash, pw) : ERR_DENIED;
		if (checked == 0)
			checked = ERR_DENIED; /* cannot happen: no password matches the dummy */
	}
	if (checked == ERR_BUSY) {
		user_release(u);
		*result = SIGNIN_BUSY;
		*retry_after = BUSY_RETRY_AFTER;
		return store_signin_forget(st, id, e);
	}
	if (checked) {
		user_release(u);
		return 0; /* the reserved attempt stays: a failure */
	}
	rc = store_signin_succeeded(st, id, e);
	if (rc) {
		user_release(u);
		return rc;
	}
	*result = SIGNIN_OK;
	return 0;
}
