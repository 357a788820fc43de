/*
 * page_login.h - what the sign-in pages (page_login.c) share with the account
 * page (page_account.c): the count of wrong current passwords on the account
 * page, and the rules for a new password. Their forms are the kit's (kit.h).
 * The sign-in throttle itself is signin.h's.
 */
#ifndef CDCF_WEB_PAGE_LOGIN_H
#define CDCF_WEB_PAGE_LOGIN_H

#include <time.h>

#include "i18n/i18n.h"
#include "util/buf.h"
#include "util/err.h"

struct store;

#define LOGIN_KEY_MAX 300 /* "user:" + a name of at most STORE_NAME_MAX bytes */

/*
 * Wrong current passwords on the account page are stored under
 * "<prefix><what>" ("user:NAME"); a sign-in of the account forgets them.
 * login_attempts counts those since now - WEB_THROTTLE_WINDOW into *n;
 * login_attempt_add records one at now. Both return 0 or a store error.
 */
int login_attempts(struct store *st, const char *prefix, const char *what, time_t now, long long *n,
		   struct err *e);
int login_attempt_add(struct store *st, const char *prefix, const char *what, time_t now,
		      struct err *e);

/* What is wrong with a new password pw and its repetition pw2 (either may be
 * NULL: a missing field) as text in lang, or NULL when it may be used. */
const char *login_password_problem(enum lang lang, const char *pw, const char *pw2);

#endif
