/*
 * signin.h - the password check at sign-in, behind the throttle.
 *
 * The throttle (docs/security.md has the reasons):
 *   - per account and client address: WEB_THROTTLE_USER failures in
 *     WEB_THROTTLE_WINDOW, then 429 until the oldest leaves the window;
 *   - per client address, any account: WEB_THROTTLE_ADDR failures in the window
 *     (an IPv6 client counts by its /64);
 *   - per account, any address: after WEB_THROTTLE_ACCOUNT failures in
 *     WEB_THROTTLE_DAY, each further attempt waits 2^(n - limit)
 *     seconds (at most WEB_THROTTLE_DELAY_MAX) after the account's latest
 *     failure, except from an address that signed in to it within
 *     WEB_THROTTLE_KNOWN. Nobody is locked out: the owner elsewhere waits
 *     at most the ceiling, and not at all from a known address.
 * The attempt is reserved in the database before the password is checked,
 * in the transaction that counts (store_signin_reserve), so parallel attempts
 * cannot all pass the count; the state is shared by every server on the
 * database. Refused attempts never reach Argon2id.
 */
#ifndef CDCF_WEB_SIGNIN_H
#define CDCF_WEB_SIGNIN_H

#include <time.h>

#include "store/store_user.h"
#include "util/err.h"

enum signin_result {
	SIGNIN_OK,	  /* the password is right: *u is the user */
	SIGNIN_WRONG,	  /* wrong password, unknown or disabled user: counted */
	SIGNIN_THROTTLED, /* refused before the check: wait *retry_after seconds */
	SIGNIN_BUSY,	  /* no Argon2id slot in time: not checked, not counted */
};

/*
 * Check pw for the user name tried from the client address addr at now:
 * reserve the attempt, check the password (against a dummy hash of the same
 * cost when there is no such enabled user, so both take the same path),
 * record the outcome. 0 with *result (on SIGNIN_OK *u holds the user:
 * user_release it; *retry_after is set for SIGNIN_THROTTLED and
 * SIGNIN_BUSY), or a store error with e filled.
 */
int signin_check(struct store *st, const char *name, const char *pw, const char *addr, time_t now,
		 struct user *u, enum signin_result *result, long *retry_after, struct err *e);

#define SIGNIN_ADDR_MAX 64 /* room for an address as the throttle names it */

/*
 * The throttle's name for a client address: IPv4 as it is, IPv6 by its /64
 * ("2001:db8:1:2::/64": one host or home usually holds a whole /64, so
 * counting single IPv6 addresses would limit nothing), an IPv4-mapped IPv6
 * address as IPv4. Anything else (a name, junk) as it is, cut to fit.
 */
void signin_addr_key(const char *addr, char out[SIGNIN_ADDR_MAX]);

/* The policy on its own: 0 when an attempt with counts c may go on at now,
 * else the seconds until it may. */
long signin_wait(const struct signin_counts *c, time_t now);

#endif
