/*
 * Unit tests for multipart/form-data bodies (web/http/http_multipart.c): the
 * boundary taken from the Content-Type, text parts as form fields, the one
 * file part kept with its bytes (binary, NULs included), and the refusals:
 * a second file, a nameless part, a missing closing delimiter, a text field
 * past its ceiling, another content type.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "util/err.h"
#include "web/http/http.h"

#define CT "multipart/form-data; boundary=XyZ"

static int parse(const char *body, size_t len, struct http_params *form, struct http_upload *up)
{
	char boundary[80];

	http_params_init(form);
	memset(up, 0, sizeof(*up));
	assert_int_equal(http_multipart_boundary(CT, boundary, sizeof(boundary)), 0);
	return http_multipart_parse(body, len, boundary, form, up);
}

static void test_boundary(void **state)
{
	char b[80];

	(void)state;
	assert_int_equal(http_multipart_boundary(CT, b, sizeof(b)), 0);
	assert_string_equal(b, "XyZ");
	assert_int_equal(
	    http_multipart_boundary("multipart/form-data; boundary=\"a b\"", b, sizeof(b)), 0);
	assert_string_equal(b, "a b");
	assert_int_equal(http_multipart_boundary("application/x-www-form-urlencoded", b, sizeof(b)),
			 -1);
	assert_int_equal(http_multipart_boundary("multipart/form-data", b, sizeof(b)), -1);
	assert_int_equal(http_multipart_boundary(NULL, b, sizeof(b)), -1);
}

static void test_fields_and_file(void **state)
{
	static const char body[] =
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"csrf\"\r\n\r\n"
	    "tok\r\n"
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"file\"; filename=\"a.xlsx\"\r\n"
	    "Content-Type: application/octet-stream\r\n\r\n"
	    "PK\0\r\n--Xy\r\n"
	    "--XyZ--\r\n";
	struct http_params form;
	struct http_upload up;

	(void)state;
	assert_int_equal(parse(body, sizeof(body) - 1, &form, &up), 0);
	assert_string_equal(http_params_get(&form, "csrf"), "tok");
	assert_true(up.present);
	assert_string_equal(up.field, "file");
	assert_string_equal(up.filename, "a.xlsx");
	assert_int_equal(up.len, 9);
	assert_memory_equal(up.data, "PK\0\r\n--Xy", 9);
	http_params_release(&form);
}

static void test_empty_file_input(void **state)
{
	static const char body[] =
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"file\"; filename=\"\"\r\n\r\n"
	    "\r\n--XyZ--\r\n";
	struct http_params form;
	struct http_upload up;

	(void)state;
	assert_int_equal(parse(body, sizeof(body) - 1, &form, &up), 0);
	assert_false(up.present);
	http_params_release(&form);
}

static void test_refused(void **state)
{
	static const char two[] =
	    "--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"a\"; filename=\"a\"\r\n\r\n"
	    "1\r\n--XyZ\r\n"
	    "Content-Disposition: form-data; name=\"b\"; filename=\"b\"\r\n\r\n"
	    "2\r\n--XyZ--";
	static const char nameless[] =
	    "--XyZ\r\nContent-Disposition: form-data\r\n\r\nx\r\n--XyZ--";
	static const char unclosed[] =
	    "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx";
	static const char preamble[] = "junk\r\n--XyZ--";
	static const char nul[] = "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nx\0y"
				  "\r\n--XyZ--";
	struct http_params form;
	struct http_upload up;

	(void)state;
	assert_int_equal(parse(two, sizeof(two) - 1, &form, &up), ERR_INVALID);
	http_params_release(&form);
	assert_int_equal(parse(nameless, sizeof(nameless) - 1, &form, &up), ERR_INVALID);
	http_params_release(&form);
	assert_int_equal(parse(unclosed, sizeof(unclosed) - 1, &form, &up), ERR_INVALID);
	http_params_release(&form);
	assert_int_equal(parse(preamble, sizeof(preamble) - 1, &form, &up), ERR_INVALID);
	http_params_release(&form);
	assert_int_equal(parse(nul, sizeof(nul) - 1, &form, &up), ERR_INVALID);
	http_params_release(&form);
}

static void test_headers_too_long(void **state)
{
	struct http_params form;
	struct http_upload up;
	char body[4096];
	size_t n;

	(void)state;
	n = (size_t)snprintf(body, sizeof(body),
			     "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\nX-Pad: ");
	memset(body + n, 'p', 3000);
	n += 3000;
	memcpy(body + n, "\r\n\r\nv\r\n--XyZ--", 14);
	n += 14;
	assert_int_equal(parse(body, n, &form, &up), ERR_TOO_LARGE);
	http_params_release(&form);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_boundary),	     cmocka_unit_test(test_fields_and_file),
	    cmocka_unit_test(test_empty_file_input), cmocka_unit_test(test_refused),
	    cmocka_unit_test(test_headers_too_long),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
