/* Unit tests for report/html.c (the escaping writer) and report/text_width.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "report/html.h"
#include "report/text_width.h"
#include "util/err.h"

static void test_text_escapes(void **state)
{
	struct buf b;
	(void)state;

	buf_init(&b, 0);
	assert_int_equal(html_text(&b, "a & b < c > d \"e\" 'f'"), 0);
	assert_string_equal(b.data, "a &amp; b &lt; c &gt; d &quot;e&quot; &#39;f&#39;");
	buf_reset(&b);
	assert_int_equal(html_text(&b, "<script>alert(1)</script>"), 0);
	assert_string_equal(b.data, "&lt;script&gt;alert(1)&lt;/script&gt;");
	buf_reset(&b);
	assert_int_equal(html_text(&b, NULL), 0);
	assert_string_equal(b.data, "");
	/* UTF-8 passes through; Japanese is untouched */
	assert_int_equal(html_text(&b, "現状 → あるべき姿"), 0);
	assert_string_equal(b.data, "現状 → あるべき姿");
	buf_release(&b);
}

static void test_text_replaces_bad_bytes(void **state)
{
	struct buf b;
	(void)state;

	buf_init(&b, 0);
	/* invalid byte, overlong '<', NUL-free control, C1 control; tab/newline kept */
	assert_int_equal(html_text(&b, "a\xFF"
				       "b\xC0\xBC"
				       "c\x01"
				       "d\xC2\x85"
				       "e\tf\ng"),
			 0);
	assert_string_equal(b.data, "a\xEF\xBF\xBD"
				    "b\xEF\xBF\xBD\xEF\xBF\xBD"
				    "c\xEF\xBF\xBD"
				    "d\xEF\xBF\xBD"
				    "e\tf\ng");
	assert_null(strchr(b.data, '<'));
	buf_reset(&b);
	/* truncated sequence at the end, surrogate */
	assert_int_equal(html_text(&b, "x\xE3\x81"), 0);
	assert_string_equal(b.data, "x\xEF\xBF\xBD\xEF\xBF\xBD");
	buf_reset(&b);
	assert_int_equal(html_text(&b, "\xED\xA0\x80"), 0);
	assert_string_equal(b.data, "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
	buf_reset(&b);
	assert_int_equal(html_textn(&b, "a<b", 2), 0);
	assert_string_equal(b.data, "a&lt;");
	buf_release(&b);
}

static void test_attr_and_tags(void **state)
{
	struct buf b;
	(void)state;

	buf_init(&b, 0);
	assert_int_equal(html_open(&b, "td", "class", "num", "title", "\"><script>", "data-x",
				   (const char *)NULL, (char *)NULL),
			 0);
	assert_string_equal(b.data, "<td class=\"num\" title=\"&quot;&gt;&lt;script&gt;\">");
	buf_reset(&b);
	assert_int_equal(html_elem(&b, "p", "a<b", "class", "legend", (char *)NULL), 0);
	assert_string_equal(b.data, "<p class=\"legend\">a&lt;b</p>");
	buf_reset(&b);
	/* names are code, not data: anything but a plain word is refused */
	assert_int_equal(html_open(&b, "td onclick=x", (char *)NULL), ERR_INTERNAL);
	assert_int_equal(html_attr(&b, "on\"x", "1"), ERR_INTERNAL);
	assert_int_equal(html_close(&b, "/td"), ERR_INTERNAL);
	buf_reset(&b);
	assert_int_equal(html_attr(&b, "alt", NULL), 0);
	assert_string_equal(b.data, "");
	buf_release(&b);
}

static void test_urls(void **state)
{
	struct buf b;
	(void)state;

	assert_true(html_url_safe("https://example.org/a?b=c"));
	assert_true(html_url_safe("HTTP://example.org"));
	assert_true(html_url_safe("mailto:ciso@example.org"));
	assert_true(html_url_safe("/portfolio/1#gaps"));
	assert_true(html_url_safe("docs/a:b")); /* ':' after '/' is no scheme */
	assert_false(html_url_safe("javascript:alert(1)"));
	assert_false(html_url_safe("JaVaScRiPt:alert(1)"));
	assert_false(html_url_safe("java\tscript:alert(1)"));
	assert_false(html_url_safe("data:text/html,<script>"));
	assert_false(html_url_safe("vbscript:x"));
	assert_false(html_url_safe(NULL));
	buf_init(&b, 0);
	assert_int_equal(html_attr_url(&b, "href", "javascript:alert(1)"), 0);
	assert_string_equal(b.data, " href=\"#\"");
	buf_reset(&b);
	assert_int_equal(html_attr_url(&b, "href", "https://x.test/?a=1&b=2"), 0);
	assert_string_equal(b.data, " href=\"https://x.test/?a=1&amp;b=2\"");
	buf_release(&b);
}

static void test_fmt(void **state)
{
	struct buf b;
	int dummy = 0;
	const char *volatile none = NULL; /* hidden from the compiler's format check */
	(void)state;

	buf_init(&b, 0);
	assert_int_equal(
	    html_fmt(&b, "<td class=\"%s\">%s %d %u %ld %lld %zu %x %.1f %5.2f %c %%</td>", "a\"b",
		     "<i>", -3, 4u, 5L, 6LL, (size_t)7, 255u, 2.25, 3.14159, '<'),
	    0);
	assert_string_equal(b.data,
			    "<td class=\"a&quot;b\">&lt;i&gt; -3 4 5 6 7 ff 2.2  3.14 &lt; %</td>");
	buf_reset(&b);
	assert_int_equal(html_fmt(&b, "[%s]", none), 0);
	assert_string_equal(b.data, "[]");
	buf_reset(&b);
	/* conversions that could pass data through unescaped or unchecked are refused */
	assert_int_equal(html_fmt(&b, "%p", (void *)&dummy), ERR_INTERNAL);
	assert_int_equal(html_fmt(&b, "%10s", "x"), ERR_INTERNAL);
	buf_release(&b);
}

/* The writer's own refusals stick in the buffer like a failed append: a page
 * that writes everything and checks buf_status() once sees them. */
static void test_contract_errors_stick(void **state)
{
	struct buf b;
	int dummy = 0;
	(void)state;

	buf_init(&b, 0);
	assert_int_equal(html_fmt(&b, "<p>%p</p>", (void *)&dummy), ERR_INTERNAL);
	assert_int_equal(buf_status(&b), ERR_INTERNAL);
	assert_int_equal(html_raw(&b, "<p>"), ERR_INTERNAL); /* later appends fail */
	buf_reset(&b);
	assert_int_equal(html_open(&b, "td onclick=x", (char *)NULL), ERR_INTERNAL);
	assert_int_equal(buf_status(&b), ERR_INTERNAL);
	buf_reset(&b);
	assert_int_equal(html_attr(&b, "on\"x", "1"), ERR_INTERNAL);
	assert_int_equal(buf_status(&b), ERR_INTERNAL);
	buf_reset(&b);
	assert_int_equal(html_attr_url(&b, "on href", "/x"), ERR_INTERNAL);
	assert_int_equal(buf_status(&b), ERR_INTERNAL);
	buf_reset(&b);
	assert_int_equal(html_close(&b, "/td"), ERR_INTERNAL);
	assert_int_equal(buf_status(&b), ERR_INTERNAL);
	buf_reset(&b);
	/* an unsafe URL is no error: it is written as "#" */
	assert_int_equal(html_attr_url(&b, "href", "javascript:alert(1)"), 0);
	assert_int_equal(buf_status(&b), 0);
	buf_release(&b);

	/* the first error is the one kept */
	buf_init(&b, 4);
	assert_int_equal(html_text(&b, "0123456789"), ERR_TOO_LARGE);
	assert_int_equal(html_fmt(&b, "%p", (void *)&dummy), ERR_INTERNAL);
	assert_int_equal(buf_status(&b), ERR_TOO_LARGE);
	buf_release(&b);
}

static void test_ceiling(void **state)
{
	struct buf b;
	(void)state;

	buf_init(&b, 16);
	assert_int_equal(html_text(&b, "0123456789"), 0);
	/* "&lt;" would cross the 16-byte ceiling */
	assert_int_equal(html_text(&b, "ab<<"), ERR_TOO_LARGE);
	assert_true(b.len <= 16);
	assert_int_equal(html_fmt(&b, "%s", "xxxxxxxxxxxxxxxxxxxxxxx"), ERR_TOO_LARGE);
	buf_release(&b);
}

static void test_text_width(void **state)
{
	(void)state;

	assert_int_equal(text_width("abc"), 3);
	assert_int_equal(text_width("日本語"), 6);
	assert_int_equal(text_width("ｱ"), 1);		 /* halfwidth katakana */
	assert_int_equal(text_width("Ａ"), 2);		 /* fullwidth A */
	assert_int_equal(text_width("e\xCC\x81"), 1);	 /* e + combining acute */
	assert_int_equal(text_width("\xE2\x80\x94"), 1); /* em dash: ambiguous, 1 */
	assert_int_equal(text_width("\xFF"), 1);
	assert_int_equal(text_width(NULL), 0);
	assert_int_equal(text_fit("日本語", 5), 6); /* two characters, 4 columns */
	assert_int_equal(text_fit("日本語", 6), 9);
	assert_int_equal(text_fit("abc", 2), 2);
	assert_int_equal(text_fit("ab", 10), 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_text_escapes),  cmocka_unit_test(test_text_replaces_bad_bytes),
	    cmocka_unit_test(test_attr_and_tags), cmocka_unit_test(test_urls),
	    cmocka_unit_test(test_fmt),		  cmocka_unit_test(test_ceiling),
	    cmocka_unit_test(test_text_width),	  cmocka_unit_test(test_contract_errors_stick),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
