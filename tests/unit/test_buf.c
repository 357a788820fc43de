/* Unit tests for util/buf.c: the ceiling and the sticky error. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "util/buf.h"
#include "util/err.h"

static void test_ceiling_leaves_buffer(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 8);
	assert_int_equal(buf_addstr(&b, "12345"), 0);
	assert_int_equal(buf_addstr(&b, "6789"), ERR_TOO_LARGE);
	assert_string_equal(b.data, "12345");
	assert_int_equal(b.len, 5);
	buf_release(&b);
}

static void test_error_is_sticky_until_reset(void **state)
{
	struct buf b;

	(void)state;
	buf_init(&b, 8);
	assert_int_equal(buf_status(&b), 0);
	assert_int_equal(buf_printf(&b, "%s", "far too long for eight"), ERR_TOO_LARGE);
	/* a later append that would fit still fails and writes nothing */
	assert_int_equal(buf_addch(&b, 'x'), ERR_TOO_LARGE);
	assert_int_equal(buf_addstr(&b, "ok"), ERR_TOO_LARGE);
	assert_int_equal(buf_status(&b), ERR_TOO_LARGE);
	assert_string_equal(b.data, "");
	buf_reset(&b);
	assert_int_equal(buf_status(&b), 0);
	assert_int_equal(buf_addstr(&b, "ok"), 0);
	assert_string_equal(b.data, "ok");
	buf_release(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_ceiling_leaves_buffer),
	    cmocka_unit_test(test_error_is_sticky_until_reset),
	};
	return cmocka_run_group_tests_name("buf", tests, NULL, NULL);
}
