/* Unit tests for web/signin.c's policy: the wait an attempt gets from its counts. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "web/auth/signin.h"
#include "web/webapp.h"

#define NOW 1772359200 /* 2026-03-01T10:00:00Z */

static void at(char out[32], long ago)
{
	web_time_fmt(NOW - ago, out);
}

static void test_under_limits(void **state)
{
	struct signin_counts c = {0};

	(void)state;
	assert_int_equal(signin_wait(&c, NOW), 0);
	c.pair = WEB_THROTTLE_USER - 1;
	c.addr = WEB_THROTTLE_ADDR - 1;
	c.account = WEB_THROTTLE_ACCOUNT - 1;
	at(c.pair_oldest, 10);
	at(c.addr_oldest, 10);
	at(c.account_latest, 0);
	assert_int_equal(signin_wait(&c, NOW), 0);
}

/* a full window waits until its oldest failure leaves it */
static void test_windows(void **state)
{
	struct signin_counts c = {0};

	(void)state;
	c.pair = WEB_THROTTLE_USER;
	at(c.pair_oldest, 100);
	assert_int_equal(signin_wait(&c, NOW), WEB_THROTTLE_WINDOW - 100);
	c.addr = WEB_THROTTLE_ADDR;
	at(c.addr_oldest, 10);
	assert_int_equal(signin_wait(&c, NOW), WEB_THROTTLE_WINDOW - 10);
	/* on the window's edge: still a second */
	c.pair = 0;
	at(c.addr_oldest, WEB_THROTTLE_WINDOW);
	assert_int_equal(signin_wait(&c, NOW), 1);
}

/* the account as a whole: 1 s, 2 s, 4 s ... up to the ceiling, after its latest failure */
static void test_account_delay(void **state)
{
	struct signin_counts c = {0};

	(void)state;
	at(c.account_latest, 0);
	c.account = WEB_THROTTLE_ACCOUNT;
	assert_int_equal(signin_wait(&c, NOW), 1);
	c.account = WEB_THROTTLE_ACCOUNT + 1;
	assert_int_equal(signin_wait(&c, NOW), 2);
	c.account = WEB_THROTTLE_ACCOUNT + 8;
	assert_int_equal(signin_wait(&c, NOW), 256);
	c.account = WEB_THROTTLE_ACCOUNT + 9;
	assert_int_equal(signin_wait(&c, NOW), WEB_THROTTLE_DELAY_MAX);
	c.account = 1000000;
	assert_int_equal(signin_wait(&c, NOW), WEB_THROTTLE_DELAY_MAX);
	/* counted from the latest failure */
	c.account = WEB_THROTTLE_ACCOUNT + 3;
	at(c.account_latest, 5);
	assert_int_equal(signin_wait(&c, NOW), 3);
	at(c.account_latest, 8);
	assert_int_equal(signin_wait(&c, NOW), 0);
	/* a latest failure ahead of this clock waits no more than the delay */
	at(c.account_latest, -3600);
	assert_int_equal(signin_wait(&c, NOW), 8);
	/* an address that signed in to the account does not wait for it */
	c.known = 1;
	assert_int_equal(signin_wait(&c, NOW), 0);
	/* but a known address still has its own limits */
	c.pair = WEB_THROTTLE_USER;
	at(c.pair_oldest, 0);
	assert_int_equal(signin_wait(&c, NOW), WEB_THROTTLE_WINDOW);
}

static void test_addr_key(void **state)
{
	char k[SIGNIN_ADDR_MAX];

	(void)state;
	signin_addr_key("192.0.2.7", k);
	assert_string_equal(k, "192.0.2.7");
	signin_addr_key("2001:db8:1:2:aaaa:bbbb:cccc:dddd", k);
	assert_string_equal(k, "2001:db8:1:2::/64");
	signin_addr_key("2001:db8:1:2::1", k);
	assert_string_equal(k, "2001:db8:1:2::/64");
	signin_addr_key("::ffff:192.0.2.7", k);
	assert_string_equal(k, "192.0.2.7");
	signin_addr_key("not:an:address", k);
	assert_string_equal(k, "not:an:address");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_under_limits),
	    cmocka_unit_test(test_windows),
	    cmocka_unit_test(test_account_delay),
	    cmocka_unit_test(test_addr_key),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
