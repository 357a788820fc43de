/* Unit tests for util/date.c: which dates and times exist, and days between two. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "util/date.h"

static void test_valid(void **state)
{
	static const char *const good[] = {"2026-04-01", "2028-02-29", "2000-02-29", "0001-01-01",
					   "9999-12-31", "2026-12-31", "2026-04-30", NULL};
	static const char *const bad[] = {"2026-02-30",
					  "2025-02-29",
					  "1900-02-29",
					  "2026-04-31",
					  "2026-13-01",
					  "2026-00-10",
					  "2026-01-00",
					  "0000-01-01",
					  "2026-4-01",
					  "2026-04-1",
					  "2026/04/01",
					  "2026-04-01 ",
					  " 2026-04-01",
					  "2026-04-01T09:00:00Z",
					  "20260401",
					  "2026-O4-01",
					  "",
					  NULL};
	int i;

	(void)state;
	for (i = 0; good[i]; i++)
		if (!date_valid(good[i]))
			fail_msg("'%s' should be a valid date", good[i]);
	for (i = 0; bad[i]; i++)
		if (date_valid(bad[i]))
			fail_msg("'%s' should not be a valid date", bad[i]);
	assert_false(date_valid(NULL));
}

static void test_days_between(void **state)
{
	(void)state;
	assert_int_equal(date_days_between("2026-04-01", "2026-04-01"), 0);
	assert_int_equal(date_days_between("2026-04-01", "2026-04-02"), 1);
	assert_int_equal(date_days_between("2026-04-02", "2026-04-01"), -1);
	assert_int_equal(date_days_between("2026-04-01", "2027-04-30"), 394);
	assert_int_equal(date_days_between("2026-11-22", "2027-04-30"), 159);
	assert_int_equal(date_days_between("2026-02-28", "2026-03-01"), 1);
	assert_int_equal(date_days_between("2028-02-28", "2028-03-01"), 2);
	assert_int_equal(date_days_between("2025-12-31", "2026-01-01"), 1);
	assert_int_equal(date_days_between("2000-01-01", "2100-01-01"), 36525);
	assert_int_equal(date_days_between("1970-01-01", "2026-04-01"), 20544);
	assert_int_equal(date_days_between("0001-01-01", "9999-12-31"), 3652058);
}

static void test_datetime_valid(void **state)
{
	static const char *const good[] = {"2026-04-01T09:00:00Z", "2028-02-29T23:59:59Z",
					   "1970-01-01T00:00:00Z", "9999-12-31T23:59:59Z", NULL};
	static const char *const bad[] = {"9999-99-99T99:99:99Z",
					  "2026-02-30T09:00:00Z",
					  "1969-12-31T23:59:59Z",
					  "2026-04-01T24:00:00Z",
					  "2026-04-01T09:60:00Z",
					  "2026-04-01T09:00:60Z",
					  "2026-04-01 09:00:00",
					  "2026-04-01T09:00:00",
					  "2026-04-01T09:00:00+09:00",
					  "2026-04-01T9:00:00Z",
					  "2026-04-01T09:00:00Z ",
					  "2026-04-01",
					  "",
					  NULL};
	int i;

	(void)state;
	for (i = 0; good[i]; i++)
		if (!datetime_valid(good[i]))
			fail_msg("'%s' should be a valid time", good[i]);
	for (i = 0; bad[i]; i++)
		if (datetime_valid(bad[i]))
			fail_msg("'%s' should not be a valid time", bad[i]);
	assert_false(datetime_valid(NULL));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_valid),
	    cmocka_unit_test(test_days_between),
	    cmocka_unit_test(test_datetime_valid),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
