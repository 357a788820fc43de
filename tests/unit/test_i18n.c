/*
 * Unit tests for i18n/ (the message tables) and util/err.c (errors as data):
 * every message has both languages with the same arguments, and an error
 * renders in either language with its where and field.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "util/err.h"

static const struct {
	const char *name, *en, *ja;
} table[] = {
#define MSG(id, en, ja) {#id, en, ja},
#include "i18n/messages.def"
#undef MSG
};

#define N_MESSAGES (sizeof(table) / sizeof(table[0]))
#define MAX_CONV 16

/* One format's arguments: for each index 1..n, its conversion ("s", "d", "lld", "zu", "M"). */
struct args {
	int n;
	char type[MAX_CONV + 1][8];
	int numbered, unnumbered;
};

/* Read fmt's conversions into a; returns NULL, or what is wrong with fmt. */
static const char *read_args(const char *fmt, struct args *a)
{
	const char *p = fmt;
	int seq = 0;

	memset(a, 0, sizeof(*a));
	while ((p = strchr(p, '%'))) {
		int index = 0, k = 0;
		char type[8];

		p++;
		if (*p == '%') {
			p++;
			continue;
		}
		while (*p >= '0' && *p <= '9')
			index = index * 10 + (*p++ - '0');
		if (*p == '$' && index > 0) {
			p++;
			a->numbered++;
		} else {
			if (index)
				return "a width without '$' (write %.40s, not %40s)";
			index = ++seq;
			a->unnumbered++;
		}
		if (*p == '*')
			return "a '*' width or precision";
		while (*p && strchr("-+ #0", *p))
			p++;
		while (*p >= '0' && *p <= '9')
			p++;
		if (*p == '.') {
			p++;
			if (*p == '*')
				return "a '*' width or precision";
			while (*p >= '0' && *p <= '9')
				p++;
		}
		while (*p == 'l' || *p == 'z')
			type[k++] = *p++;
		if (!*p || !strchr("sdiuxgfcM", *p))
			return "an unknown conversion";
		type[k++] = *p++;
		type[k] = '\0';
		if (index > MAX_CONV)
			return "too many arguments";
		if (a->type[index][0] && strcmp(a->type[index], type))
			return "one argument read as two types";
		snprintf(a->type[index], sizeof(a->type[index]), "%s", type);
		if (index > a->n)
			a->n = index;
	}
	if (a->numbered && a->unnumbered)
		return "numbered and unnumbered conversions mixed";
	return NULL;
}

static void test_every_message_has_both_languages(void **state)
{
	size_t i;

	(void)state;
	assert_int_equal(N_MESSAGES, MSG_COUNT);
	for (i = 0; i < N_MESSAGES; i++) {
		if (!table[i].en || !*table[i].en)
			fail_msg("%s has no English text", table[i].name);
		if (!table[i].ja || !*table[i].ja)
			fail_msg("%s has no Japanese text", table[i].name);
		assert_string_equal(tr(LANG_EN, (enum msg_id)i), table[i].en);
		assert_string_equal(tr(LANG_JA, (enum msg_id)i), table[i].ja);
	}
	assert_string_equal(tr(LANG_EN, MSG_COUNT), "?");
	assert_string_equal(tr((enum lang)7, MSG_E_NOMEM), tr(LANG_EN, MSG_E_NOMEM));
}

/* The Japanese format takes exactly the English one's arguments, by the same types: err_fail
 * reads the arguments by the English conversions and err_text renders either. */
static void test_formats_take_the_same_arguments(void **state)
{
	struct args en, ja;
	const char *bad;
	size_t i;
	int k;

	(void)state;
	for (i = 0; i < N_MESSAGES; i++) {
		if ((bad = read_args(table[i].en, &en)))
			fail_msg("%s: English format has %s: %s", table[i].name, bad, table[i].en);
		if ((bad = read_args(table[i].ja, &ja)))
			fail_msg("%s: Japanese format has %s: %s", table[i].name, bad, table[i].ja);
		if (en.numbered)
			fail_msg("%s: the English format gives the order; it has no %%N$",
				 table[i].name);
		if (en.n != ja.n)
			fail_msg("%s: English takes %d arguments, Japanese %d", table[i].name, en.n,
				 ja.n);
		for (k = 1; k <= en.n; k++)
			if (strcmp(en.type[k], ja.type[k]))
				fail_msg("%s: argument %d is %%%s in English but %%%s in Japanese",
					 table[i].name, k, en.type[k],
					 ja.type[k][0] ? ja.type[k] : "(unused)");
		if (en.n > ERR_ARGS && strstr(table[i].name, "_E_"))
			fail_msg("%s: more than ERR_ARGS arguments", table[i].name);
	}
}

/* Words and phrases (%M) have at most one argument, a %s. */
static void test_words_have_one_text_argument(void **state)
{
	struct args a;
	size_t i;

	(void)state;
	for (i = 0; i < N_MESSAGES; i++) {
		if (strncmp(table[i].name, "MSG_W_", 6) && strncmp(table[i].name, "MSG_N_", 6))
			continue;
		assert_null(read_args(table[i].en, &a));
		if (a.n > 1 || (a.n == 1 && strcmp(a.type[1], "s")))
			fail_msg("%s: a phrase takes at most one %%s", table[i].name);
	}
}

/* Does fmt say something in words: an ASCII letter outside its conversions? */
static int has_words(const char *fmt)
{
	const char *p;

	for (p = fmt; *p; p++) {
		if (*p == '%') {
			p++;
			while (*p && !strchr("sdiuxgfcM%", *p))
				p++;
			if (!*p)
				break;
			continue;
		}
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))
			return 1;
	}
	return 0;
}

static int has_non_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return 1;
	return 0;
}

/* A message a user reads when something fails (errors, the CLI's messages, the phrases put
 * into them) is translated: its Japanese text is not the English one and has Japanese in it,
 * so no English-only message reaches a user who asked for Japanese. */
static void test_errors_are_translated(void **state)
{
	static const char *const prefixes[] = {"MSG_E_", "MSG_CLI_", "MSG_N_"};
	size_t i, k;

	(void)state;
	for (i = 0; i < N_MESSAGES; i++) {
		for (k = 0; k < sizeof(prefixes) / sizeof(prefixes[0]); k++)
			if (!strncmp(table[i].name, prefixes[k], strlen(prefixes[k])))
				break;
		if (k == sizeof(prefixes) / sizeof(prefixes[0]) || !has_words(table[i].en))
			continue;
		if (!strcmp(table[i].en, table[i].ja) || !has_non_ascii(table[i].ja))
			fail_msg("%s is not translated: %s", table[i].name, table[i].ja);
	}
}

/* Only the command line's own messages (msg_cli.def) name a command to run or an option:
 * the other messages are shown on every front end, and the CLI adds its hints by id. */
static void test_only_cli_messages_name_commands(void **state)
{
	const char *text[2], *p;
	size_t i;
	int l;

	(void)state;
	for (i = 0; i < N_MESSAGES; i++) {
		if (!strncmp(table[i].name, "MSG_CLI_", 8))
			continue;
		text[0] = table[i].en;
		text[1] = table[i].ja;
		for (l = 0; l < 2; l++) {
			if (strstr(text[l], "'cdcf "))
				fail_msg("%s names a command: %s", table[i].name, text[l]);
			for (p = text[l]; (p = strstr(p, "--")); p += 2)
				if (p[2] >= 'a' && p[2] <= 'z')
					fail_msg("%s names an option: %s", table[i].name, text[l]);
		}
	}
}

static void test_fail_and_text(void **state)
{
	struct err e = ERR_INIT;
	char buf[ERR_MSG_MAX];

	(void)state;
	assert_int_equal(
	    err_fail(&e, ERR_NOT_FOUND, "ref", MSG_E_UNKNOWN_SERVICE, "Z-99", "x1060-2021"),
	    ERR_NOT_FOUND);
	assert_int_equal(e.code, ERR_NOT_FOUND);
	assert_int_equal(e.id, MSG_E_UNKNOWN_SERVICE);
	assert_string_equal(e.field, "ref");
	assert_string_equal(e.where, "");
	assert_string_equal(e.msg, "unknown service 'Z-99' in framework 'x1060-2021'");
	assert_string_equal(err_text(&e, LANG_EN, buf, sizeof(buf)), e.msg);
	/* the Japanese format takes the arguments the other way round */
	assert_string_equal(err_text(&e, LANG_JA, buf, sizeof(buf)),
			    "フレームワーク 'x1060-2021' にサービス 'Z-99' はありません");
	assert_string_equal(err_message(&e, LANG_JA, buf, sizeof(buf)),
			    "フレームワーク 'x1060-2021' にサービス 'Z-99' はありません");
	assert_string_equal(err_code_name(e.code), "not_found");
	assert_true(err_is_user(e.code));
}

static void test_numbers_and_words(void **state)
{
	struct err e = ERR_INIT;
	char buf[ERR_MSG_MAX];

	(void)state;
	err_fail(&e, ERR_INVALID, "current", MSG_E_SCORE_RANGE_NA, ERR_WORD(MSG_W_CURRENT), "A-1",
		 1, 5, "7");
	assert_string_equal(e.msg, "current score for 'A-1' must be 1-5 or n/a, got '7'");
	assert_string_equal(err_text(&e, LANG_JA, buf, sizeof(buf)),
			    "'A-1' の現状のスコアは 1〜5 または n/a にしてください。指定値: '7'");
	/* %lld and a phrase with its own argument */
	err_fail(&e, ERR_INVALID, "version", MSG_E_VERSION, "A-1", 9007199254740991LL, -3LL);
	assert_string_equal(e.msg, "version of 'A-1' must be 1-9007199254740991, got -3");
	err_fail(&e, ERR_INVALID, NULL, MSG_E_SCORE_RANGE, ERR_PHRASE(MSG_E_TEXT, "odd"), "A-2", 0,
		 3, "x");
	assert_string_equal(e.msg, "odd score for 'A-2' must be 0-3, got 'x'");
	assert_string_equal(e.field, "");
	assert_string_equal(err_text(&e, LANG_JA, buf, sizeof(buf)),
			    "'A-2' のoddのスコアは 0〜3 にしてください。指定値: 'x'");
}

static void test_where_prefix(void **state)
{
	struct err e = ERR_INIT;
	char buf[ERR_MSG_MAX];

	(void)state;
	err_fail(&e, ERR_INVALID, "team", MSG_E_TEAM_NEEDED, "A-1");
	assert_int_equal(err_prefix(&e, "portfolios[0].entries[%d]", 3), ERR_INVALID);
	assert_int_equal(err_prefix(&e, "%s", "archive.json"), ERR_INVALID);
	assert_string_equal(e.where, "archive.json: portfolios[0].entries[3]");
	assert_string_equal(e.field, "team");
	assert_string_equal(e.msg, "archive.json: portfolios[0].entries[3]: assigning 'A-1' "
				   "in-house needs a team");
	assert_string_equal(err_text(&e, LANG_JA, buf, sizeof(buf)),
			    "archive.json: portfolios[0].entries[3]: 'A-1' "
			    "をインソースにするにはチームが必要です");
	/* the message alone leaves the place out */
	assert_string_equal(err_message(&e, LANG_EN, buf, sizeof(buf)),
			    "assigning 'A-1' in-house needs a team");
	/* a new error starts with no place */
	err_fail(&e, ERR_NOMEM, NULL, MSG_E_NOMEM);
	assert_string_equal(e.where, "");
	assert_string_equal(e.msg, "out of memory");
}

static void test_field(void **state)
{
	struct err e = ERR_INIT;

	(void)state;
	err_fail(&e, ERR_INVALID, "current", MSG_E_ANSWER_MISSING);
	assert_int_equal(err_field(&e, "entries[3].insource.current"), ERR_INVALID);
	assert_string_equal(e.field, "entries[3].insource.current");
	err_field(&e, NULL);
	assert_string_equal(e.field, "");
	assert_int_equal(err_field(NULL, "x"), ERR_INTERNAL);
}

static void test_truncation(void **state)
{
	struct err e = ERR_INIT;
	char small[12], big[ERR_MSG_MAX], arg[400];
	size_t k;

	(void)state;
	err_fail(&e, ERR_NOT_FOUND, "ref", MSG_E_UNKNOWN_SERVICE, "Z-99", "x1060-2021");
	assert_string_equal(err_text(&e, LANG_EN, small, sizeof(small)), "unknown ser");
	/* a cut never leaves half a character: "フレ" is 6 bytes, "フレー" 9 */
	err_text(&e, LANG_JA, small, 9);
	assert_string_equal(small, "フレ");
	err_text(&e, LANG_JA, small, 10);
	assert_string_equal(small, "フレー");
	assert_string_equal(err_text(&e, LANG_JA, small, 1), "");
	assert_ptr_equal(err_text(&e, LANG_JA, small, 0), small);
	/* arguments are cut to ERR_ARG_MAX bytes, at a character */
	for (k = 0; k + 3 < sizeof(arg); k += 3)
		memcpy(arg + k, "あ", 3);
	arg[k] = '\0';
	err_fail(&e, ERR_INVALID, "team", MSG_E_TEAM_NEEDED, arg);
	assert_true(strlen(e.args[0]) < ERR_ARG_MAX);
	assert_int_equal(strlen(e.args[0]) % 3, 0);
	assert_true(strlen(err_text(&e, LANG_JA, big, sizeof(big))) < sizeof(big));
	/* where is cut as well */
	err_prefix(&e, "%s", arg);
	assert_true(strlen(e.where) < ERR_WHERE_MAX);
	assert_int_equal(strlen(e.where) % 3, 0);
}

static void test_null_and_cleared(void **state)
{
	struct err e = ERR_INIT;
	char buf[64] = "x";

	(void)state;
	assert_int_equal(err_fail(NULL, ERR_INVALID, "f", MSG_E_NOMEM), ERR_INVALID);
	assert_int_equal(err_prefix(NULL, "x"), ERR_INTERNAL);
	assert_string_equal(err_text(NULL, LANG_JA, buf, sizeof(buf)), "");
	assert_string_equal(err_text(&e, LANG_EN, buf, sizeof(buf)), "");
	err_fail(&e, ERR_INVALID, "f", MSG_E_NOMEM);
	err_clear(&e);
	assert_int_equal(e.code, 0);
	assert_string_equal(e.field, "");
	assert_string_equal(err_text(&e, LANG_EN, buf, sizeof(buf)), "");
	assert_int_equal(err_copy(NULL, &e), 0);
}

/* MSG_E_TEXT: a text given as is (a library's own message), the same in both languages. */
static void test_text_as_given(void **state)
{
	struct err e = ERR_INIT;
	char buf[64];

	(void)state;
	assert_int_equal(err_fail(&e, ERR_CONFLICT, NULL, MSG_E_TEXT, "'x' exists (2)"),
			 ERR_CONFLICT);
	assert_string_equal(e.msg, "'x' exists (2)");
	assert_string_equal(err_text(&e, LANG_JA, buf, sizeof(buf)), "'x' exists (2)");
	assert_string_equal(e.field, "");
}

static void test_lang_parse(void **state)
{
	(void)state;
	assert_int_equal(lang_parse("ja"), LANG_JA);
	assert_int_equal(lang_parse("ja_JP.UTF-8"), LANG_JA);
	assert_int_equal(lang_parse("en-GB"), LANG_EN);
	assert_int_equal(lang_parse("jam"), -1);
	assert_int_equal(lang_parse("C"), -1);
	assert_int_equal(lang_parse(NULL), -1);
	assert_string_equal(lang_code(LANG_JA), "ja");
	assert_string_equal(lang_code(LANG_EN), "en");
}

/* A system error: the usual errno values in the user's language, any other as the C library says.
 */
static void test_system_errors(void **state)
{
	struct err e = ERR_INIT;
	char buf[256];
	(void)state;

	err_fail(&e, ERR_IO, NULL, MSG_E_FILE_OPEN, "a.json", ERR_SYS(ENOENT));
	assert_string_equal(e.msg, "cannot open 'a.json': No such file or directory");
	assert_string_equal(err_text(&e, LANG_JA, buf, sizeof(buf)),
			    "'a.json' を開けません: ファイルまたはフォルダがありません");
	err_fail(&e, ERR_IO, NULL, MSG_E_FILE_WRITE, "b", ERR_SYS(EIO));
	snprintf(buf, sizeof(buf), "cannot write 'b': %s", strerror(EIO));
	assert_string_equal(e.msg, buf);
	assert_non_null(strstr(err_text(&e, LANG_JA, buf, sizeof(buf)), strerror(EIO)));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_every_message_has_both_languages),
	    cmocka_unit_test(test_formats_take_the_same_arguments),
	    cmocka_unit_test(test_words_have_one_text_argument),
	    cmocka_unit_test(test_errors_are_translated),
	    cmocka_unit_test(test_only_cli_messages_name_commands),
	    cmocka_unit_test(test_fail_and_text),
	    cmocka_unit_test(test_numbers_and_words),
	    cmocka_unit_test(test_where_prefix),
	    cmocka_unit_test(test_field),
	    cmocka_unit_test(test_truncation),
	    cmocka_unit_test(test_null_and_cleared),
	    cmocka_unit_test(test_text_as_given),
	    cmocka_unit_test(test_lang_parse),
	    cmocka_unit_test(test_system_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
