/*
 * test_yaml_doc.c - YAML reader/writer: core-schema typing, every ceiling
 * crossed, refusals (aliases, duplicate keys, tags), error positions, and
 * emit -> parse round trips.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "io/yaml_doc.h"
#include "util/buf.h"
#include "util/err.h"
#include "util/xalloc.h"

static json_t *parse_ok(const char *text)
{
	struct err e = ERR_INIT;
	json_t *doc = NULL;
	int rc = yaml_doc_parse(text, strlen(text), "t.yaml", &doc, &e);

	if (rc)
		fail_msg("unexpected parse error: %s", e.msg);
	assert_non_null(doc);
	return doc;
}

/* Parse expecting failure with code; the message must contain want. */
static void parse_fails(const char *text, int code, const char *want)
{
	struct err e = ERR_INIT;
	json_t *doc = (json_t *)1;
	int rc = yaml_doc_parse(text, strlen(text), "t.yaml", &doc, &e);

	assert_int_equal(rc, code);
	assert_null(doc);
	if (!strstr(e.msg, want))
		fail_msg("message '%s' lacks '%s'", e.msg, want);
}

static void test_core_schema_scalars(void **state)
{
	json_t *d;
	(void)state;

	d = parse_ok("t1: true\nt2: True\nt3: TRUE\nf1: false\nf2: FALSE\n"
		     "y: yes\nn: no\non: on\noff: Off\nY: y\n"
		     "n1: null\nn2: ~\nn3:\nn4: NULL\n"
		     "i1: 42\ni2: -7\ni3: +3\ni4: 0o17\ni5: 0x1F\ni6: 007\n"
		     "r1: 3.5\nr2: 1e3\nr3: -.5\nr4: 2.\n"
		     "q1: \"true\"\nq2: '42'\nq3: \"\"\nq4: 'null'\n"
		     "s1: hello world\ns2: 2024-01-01\ns3: 1_000\ns4: 0b101\ns5: 12:30\n"
		     "g1: !!str 12\ng2: !!int \"12\"\ng3: !!float 2\ng4: ! true\n"
		     "ja: 日本語のテキスト\n");
	assert_true(json_is_true(json_object_get(d, "t1")));
	assert_true(json_is_true(json_object_get(d, "t2")));
	assert_true(json_is_true(json_object_get(d, "t3")));
	assert_true(json_is_false(json_object_get(d, "f1")));
	assert_true(json_is_false(json_object_get(d, "f2")));
	/* YAML 1.1 booleans stay strings */
	assert_string_equal(json_string_value(json_object_get(d, "y")), "yes");
	assert_string_equal(json_string_value(json_object_get(d, "n")), "no");
	assert_string_equal(json_string_value(json_object_get(d, "on")), "on");
	assert_string_equal(json_string_value(json_object_get(d, "off")), "Off");
	assert_string_equal(json_string_value(json_object_get(d, "Y")), "y");
	assert_true(json_is_null(json_object_get(d, "n1")));
	assert_true(json_is_null(json_object_get(d, "n2")));
	assert_true(json_is_null(json_object_get(d, "n3")));
	assert_true(json_is_null(json_object_get(d, "n4")));
	assert_int_equal(json_integer_value(json_object_get(d, "i1")), 42);
	assert_int_equal(json_integer_value(json_object_get(d, "i2")), -7);
	assert_int_equal(json_integer_value(json_object_get(d, "i3")), 3);
	assert_int_equal(json_integer_value(json_object_get(d, "i4")), 15);
	assert_int_equal(json_integer_value(json_object_get(d, "i5")), 31);
	assert_int_equal(json_integer_value(json_object_get(d, "i6")), 7);
	assert_true(json_is_real(json_object_get(d, "r1")));
	assert_true(json_real_value(json_object_get(d, "r1")) == 3.5);
	assert_true(json_real_value(json_object_get(d, "r2")) == 1000.0);
	assert_true(json_real_value(json_object_get(d, "r3")) == -0.5);
	assert_true(json_real_value(json_object_get(d, "r4")) == 2.0);
	/* quoted scalars are always strings */
	assert_string_equal(json_string_value(json_object_get(d, "q1")), "true");
	assert_string_equal(json_string_value(json_object_get(d, "q2")), "42");
	assert_string_equal(json_string_value(json_object_get(d, "q3")), "");
	assert_string_equal(json_string_value(json_object_get(d, "q4")), "null");
	/* what YAML 1.1 would have turned into dates or numbers */
	assert_string_equal(json_string_value(json_object_get(d, "s1")), "hello world");
	assert_string_equal(json_string_value(json_object_get(d, "s2")), "2024-01-01");
	assert_string_equal(json_string_value(json_object_get(d, "s3")), "1_000");
	assert_string_equal(json_string_value(json_object_get(d, "s4")), "0b101");
	assert_string_equal(json_string_value(json_object_get(d, "s5")), "12:30");
	/* explicit tags */
	assert_string_equal(json_string_value(json_object_get(d, "g1")), "12");
	assert_int_equal(json_integer_value(json_object_get(d, "g2")), 12);
	assert_true(json_is_real(json_object_get(d, "g3")));
	assert_string_equal(json_string_value(json_object_get(d, "g4")), "true");
	assert_string_equal(json_string_value(json_object_get(d, "ja")), "日本語のテキスト");
	json_decref(d);
}

static void test_structure_and_key_order(void **state)
{
	json_t *d, *list;
	const char *key;
	json_t *v;
	const char *want[] = {"zeta", "alpha", "mid"};
	size_t i = 0;
	(void)state;

	d = parse_ok("zeta: 1\nalpha:\n  - a\n  - {x: 1, y: [1, 2]}\n  - []\nmid: {}\n");
	json_object_foreach (d, key, v) {
		assert_true(i < 3);
		assert_string_equal(key, want[i++]);
	}
	list = json_object_get(d, "alpha");
	assert_int_equal(json_array_size(list), 3);
	assert_string_equal(json_string_value(json_array_get(list, 0)), "a");
	assert_int_equal(json_array_size(json_object_get(json_array_get(list, 1), "y")), 2);
	assert_int_equal(json_array_size(json_array_get(list, 2)), 0);
	assert_int_equal(json_object_size(json_object_get(d, "mid")), 0);
	json_decref(d);
}

static void test_empty_document_is_null(void **state)
{
	json_t *d;
	(void)state;

	d = parse_ok("");
	assert_true(json_is_null(d));
	json_decref(d);
	d = parse_ok("# only a comment\n");
	assert_true(json_is_null(d));
	json_decref(d);
}

/* Depth: exactly YAML_MAX_DEPTH nested sequences pass, one more fails. */
static void test_depth_ceiling(void **state)
{
	struct buf b;
	json_t *d;
	int i;
	(void)state;

	buf_init(&b, 0);
	for (i = 0; i < YAML_MAX_DEPTH; i++)
		buf_addch(&b, '[');
	for (i = 0; i < YAML_MAX_DEPTH; i++)
		buf_addch(&b, ']');
	d = parse_ok(b.data);
	json_decref(d);

	buf_reset(&b);
	for (i = 0; i <= YAML_MAX_DEPTH; i++)
		buf_addch(&b, '[');
	for (i = 0; i <= YAML_MAX_DEPTH; i++)
		buf_addch(&b, ']');
	parse_fails(b.data, ERR_TOO_LARGE, "nested deeper than 64 levels");

	/* block mappings count the same way */
	buf_reset(&b);
	for (i = 0; i <= YAML_MAX_DEPTH; i++)
		buf_printf(&b, "%*sk:\n", i, "");
	parse_fails(b.data, ERR_TOO_LARGE, "t.yaml:");
	buf_release(&b);
}

static void test_aliases_and_anchors_refused(void **state)
{
	(void)state;
	parse_fails("a: &x 1\nb: *x\n", ERR_INVALID, "t.yaml:1:4: anchor '&x' is not allowed");
	parse_fails("a: 1\nb: *x\n", ERR_INVALID, "t.yaml:2:4: alias '*x' is not allowed");
	/* the start of a billion-laughs document */
	parse_fails("a: &a [\"lol\",\"lol\"]\nb: &b [*a,*a]\nc: [*b,*b]\n", ERR_INVALID,
		    "anchor '&a'");
	parse_fails("base: &b {x: 1}\nuse:\n  <<: *b\n", ERR_INVALID, "anchor");
}

/* Node count through explicit limits: exactly max passes, max + 1 fails. */
static void test_node_ceiling(void **state)
{
	struct yaml_limits lim;
	struct err e = ERR_INIT;
	json_t *d = NULL;
	const char *ten = "[1, 2, 3, 4, 5, 6, 7, 8, 9]"; /* 1 sequence + 9 scalars */
	const char *eleven = "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10]";
	(void)state;

	yaml_limits_default(&lim);
	assert_int_equal(lim.max_nodes, YAML_MAX_NODES);
	assert_int_equal(lim.max_depth, YAML_MAX_DEPTH);
	assert_true(lim.max_bytes == YAML_MAX_BYTES);
	lim.max_nodes = 10;
	assert_int_equal(yaml_doc_parse_limited(ten, strlen(ten), "n.yaml", &lim, &d, &e), 0);
	assert_int_equal(json_array_size(d), 9);
	json_decref(d);
	assert_int_equal(yaml_doc_parse_limited(eleven, strlen(eleven), "n.yaml", &lim, &d, &e),
			 ERR_TOO_LARGE);
	assert_null(d);
	assert_non_null(strstr(e.msg, "n.yaml:1:29: document has more than 10 nodes"));
}

/* Bytes: the named ceiling itself, crossed by one byte. */
static void test_byte_ceiling(void **state)
{
	struct yaml_limits lim;
	struct err e = ERR_INIT;
	json_t *d = NULL;
	char *big;
	(void)state;

	big = xcalloc(YAML_MAX_BYTES + 1, 1); /* untouched zero pages: cheap */
	assert_int_equal(yaml_doc_parse(big, YAML_MAX_BYTES + 1, "big.yaml", &d, &e),
			 ERR_TOO_LARGE);
	assert_null(d);
	assert_non_null(strstr(e.msg, "big.yaml: 67108865 bytes is more than the 67108864-byte"));
	free(big);

	yaml_limits_default(&lim);
	lim.max_bytes = 8;
	assert_int_equal(yaml_doc_parse_limited("a: 1234", 7, "s.yaml", &lim, &d, &e), 0);
	json_decref(d);
	assert_int_equal(yaml_doc_parse_limited("a: 12345", 8, "s.yaml", &lim, &d, &e), 0);
	json_decref(d);
	assert_int_equal(yaml_doc_parse_limited("a: 123456", 9, "s.yaml", &lim, &d, &e),
			 ERR_TOO_LARGE);
}

static void test_syntax_errors_name_the_line(void **state)
{
	(void)state;
	parse_fails("a: 1\nb: 2\n  c: 3\n", ERR_INVALID,
		    "t.yaml:3:4: mapping values are not allowed");
	parse_fails("a: \"unterminated\n", ERR_INVALID, "t.yaml:");
	parse_fails("a: [1, 2\nb: 3\n", ERR_INVALID, "t.yaml:2:2: did not find expected ','");
	/* encoding errors are placed too */
	parse_fails("a: \xff\xfe\n", ERR_INVALID, "t.yaml:1:4: invalid leading UTF-8 octet");
	parse_fails("a: 1\nbb: x\xc3\n", ERR_INVALID, "t.yaml:2:7: invalid trailing UTF-8 octet");
}

static void test_semantic_refusals(void **state)
{
	(void)state;
	parse_fails("a: 1\nb: 2\na: 3\n", ERR_INVALID, "t.yaml:3:1: duplicate key 'a'");
	parse_fails("? [a, b]\n: 1\n", ERR_INVALID, "mapping keys must be scalars");
	parse_fails("a: 1\n---\nb: 2\n", ERR_INVALID, "t.yaml:2:1: more than one document");
	parse_fails("a: .inf\n", ERR_INVALID, "'.inf' (infinity or NaN) cannot be represented");
	parse_fails("a: -.INF\n", ERR_INVALID, "cannot be represented");
	parse_fails("a: .nan\n", ERR_INVALID, "cannot be represented");
	parse_fails("a: 1e999\n", ERR_INVALID, "number '1e999' is out of range");
	parse_fails("a: 99999999999999999999\n", ERR_INVALID, "is out of range");
	parse_fails("a: !custom x\n", ERR_INVALID, "t.yaml:1:4: unsupported tag '!custom'");
	parse_fails("a: !!int abc\n", ERR_INVALID, "'abc' is not an integer");
	parse_fails("a: !!bool yes\n", ERR_INVALID, "not a boolean");
	parse_fails("a: \"x\\0y\"\n", ERR_INVALID, "NUL character");
}

/* Everything a tree can hold survives emit -> parse unchanged. */
static void test_emit_round_trip(void **state)
{
	static const char *tricky[] = {
	    "yes",
	    "No",
	    "on",
	    "OFF",
	    "y",
	    "n",
	    "true",
	    "False",
	    "null",
	    "~",
	    "",
	    "123",
	    "-7",
	    "+3",
	    "0o17",
	    "0x1F",
	    "1.5",
	    ".5",
	    "-.5",
	    "1e3",
	    ".inf",
	    "-.Inf",
	    ".NaN",
	    "2024-01-01",
	    "12:30",
	    "1_000",
	    "<<",
	    "=",
	    " leading",
	    "trailing ",
	    "a: b",
	    "x #y",
	    "#comment",
	    "- item",
	    "? key",
	    "[flow]",
	    "{map}",
	    "a,b",
	    "'single'",
	    "\"double\"",
	    "line\nbreak",
	    "tab\there",
	    "back\\slash",
	    "&anchor",
	    "*alias",
	    "!tag",
	    "%directive",
	    "@at",
	    "`tick",
	    "|pipe",
	    ">fold",
	    "ends:",
	    "日本語",
	    "CDCの戦略マネジメント",
	    "emoji \xf0\x9f\x98\x80",
	    "A-1",
	    "urn:cdcf:risk:x",
	    "plain words",
	    "---",
	    "...",
	};
	json_t *doc, *arr, *back;
	struct buf b;
	struct err e = ERR_INIT;
	size_t i;
	(void)state;

	doc = json_object();
	arr = json_array();
	for (i = 0; i < sizeof(tricky) / sizeof(tricky[0]); i++)
		json_array_append_new(arr, json_string(tricky[i]));
	json_object_set_new(doc, "strings", arr);
	json_object_set_new(doc, "int", json_integer(-42));
	json_object_set_new(doc, "big", json_integer(9007199254740993LL));
	json_object_set_new(doc, "real", json_real(1.0));
	json_object_set_new(doc, "real2", json_real(-2.5e-300));
	json_object_set_new(doc, "t", json_true());
	json_object_set_new(doc, "f", json_false());
	json_object_set_new(doc, "nil", json_null());
	json_object_set_new(doc, "empty_list", json_array());
	json_object_set_new(doc, "empty_map", json_object());
	json_object_set_new(doc, "123", json_string("numeric key"));
	json_object_set_new(doc, "yes", json_string("bool-like key"));
	json_object_set_new(doc, "nested",
			    json_pack("{s:[{s:s,s:[i,i]},[s]]}", "l", "k", "v", "n", 1, 2, "x"));

	buf_init(&b, 0);
	assert_int_equal(yaml_doc_emit(doc, &b, &e), 0);
	assert_int_equal(yaml_doc_parse(b.data, b.len, "emitted.yaml", &back, &e), 0);
	if (!json_equal(doc, back))
		fail_msg("round trip changed the tree:\n%s", b.data);
	/* key order is kept */
	assert_string_equal(json_object_iter_key(json_object_iter(back)), "strings");
	/* YAML 1.1 readers (CISO Assistant) must not see booleans or numbers */
	assert_non_null(strstr(b.data, "- \"yes\"\n"));
	assert_non_null(strstr(b.data, "- \"123\"\n"));
	assert_non_null(strstr(b.data, "- \"2024-01-01\"\n"));
	/* simple text stays plain; Japanese is written as UTF-8 */
	assert_non_null(strstr(b.data, "- plain words\n"));
	assert_non_null(strstr(b.data, "- 日本語\n"));
	assert_non_null(strstr(b.data, "int: -42\n"));
	assert_non_null(strstr(b.data, "real: 1.0\n"));
	json_decref(back);
	buf_release(&b);
	json_decref(doc);
}

static void test_emit_ceilings(void **state)
{
	json_t *doc, *deep, *inner;
	struct buf b;
	struct err e = ERR_INIT;
	int i;
	(void)state;

	/* the output buffer's ceiling: refused, buffer left as it was */
	doc = json_pack("{s:s}", "key", "a value that does not fit in the buffer");
	buf_init(&b, 24);
	buf_addstr(&b, "keep");
	assert_int_equal(yaml_doc_emit(doc, &b, &e), ERR_TOO_LARGE);
	assert_string_equal(b.data, "keep");
	assert_int_equal(b.len, 4);
	buf_release(&b);
	json_decref(doc);

	/* depth: YAML_MAX_DEPTH levels write, one more is refused */
	deep = json_array();
	inner = deep;
	for (i = 1; i < YAML_MAX_DEPTH; i++) {
		json_t *n = json_array();
		json_array_append_new(inner, n);
		inner = n;
	}
	buf_init(&b, 0);
	assert_int_equal(yaml_doc_emit(deep, &b, &e), 0);
	buf_reset(&b);
	json_array_append_new(inner, json_array());
	assert_int_equal(yaml_doc_emit(deep, &b, &e), ERR_TOO_LARGE);
	assert_int_equal(b.len, 0);
	buf_release(&b);
	json_decref(deep);

	/* a NUL inside a string cannot be written (the reader would refuse it) */
	doc = json_stringn("a\0b", 3);
	buf_init(&b, 0);
	assert_int_equal(yaml_doc_emit(doc, &b, &e), ERR_INVALID);
	buf_release(&b);
	json_decref(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_core_schema_scalars),
	    cmocka_unit_test(test_structure_and_key_order),
	    cmocka_unit_test(test_empty_document_is_null),
	    cmocka_unit_test(test_depth_ceiling),
	    cmocka_unit_test(test_aliases_and_anchors_refused),
	    cmocka_unit_test(test_node_ceiling),
	    cmocka_unit_test(test_byte_ceiling),
	    cmocka_unit_test(test_syntax_errors_name_the_line),
	    cmocka_unit_test(test_semantic_refusals),
	    cmocka_unit_test(test_emit_round_trip),
	    cmocka_unit_test(test_emit_ceilings),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
