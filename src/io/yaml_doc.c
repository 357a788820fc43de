/*
 * yaml_doc.c - libyaml events -> jansson tree, with ceilings (see yaml_doc.h
 * for the contract; the writer is yaml_emit.c).
 *
 * The reader is a loop over libyaml's event stream with an explicit stack of
 * open containers, so nesting depth costs no C stack and is checked before
 * each push.
 */
#include "io/yaml_doc.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "io/yaml_int.h"
#include "util/xalloc.h"

#define TAG_STR "tag:yaml.org,2002:str"
#define TAG_INT "tag:yaml.org,2002:int"
#define TAG_FLOAT "tag:yaml.org,2002:float"
#define TAG_BOOL "tag:yaml.org,2002:bool"
#define TAG_NULL "tag:yaml.org,2002:null"
#define TAG_SEQ "tag:yaml.org,2002:seq"
#define TAG_MAP "tag:yaml.org,2002:map"

/* Numbers are read and written in the C locale whatever the process locale is. */
static pthread_once_t c_locale_once = PTHREAD_ONCE_INIT;
static locale_t c_locale;

static void c_locale_init(void)
{
	c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
}

locale_t yaml_numeric_locale(void)
{
	pthread_once(&c_locale_once, c_locale_init);
	return c_locale;
}

int yaml_is_digit(char c)
{
	return c >= '0' && c <= '9';
}

void yaml_limits_default(struct yaml_limits *lim)
{
	lim->max_depth = YAML_MAX_DEPTH;
	lim->max_nodes = YAML_MAX_NODES;
	lim->max_bytes = YAML_MAX_BYTES;
}

/* ---- reader ------------------------------------------------------------ */

struct frame {
	json_t *node; /* borrowed: owned by its parent or by the reader's root */
	char *key;    /* mapping: the key waiting for its value, or NULL */
};

struct reader {
	const char *src;
	const struct yaml_limits *lim;
	struct frame *stack;
	int depth;
	size_t nodes;
	json_t *root;
	int have_root;
	struct err *e;
};

/* Place the error r->e holds at line:col of the source; returns code. */
static int place(struct reader *r, size_t line, size_t col, int code)
{
	err_prefix(r->e, "%s:%zu:%zu", r->src, line, col);
	return code;
}

/* Place the error r->e holds (code) at the source as a whole; returns code. */
static int at_source(struct reader *r, int code)
{
	err_prefix(r->e, "%s", r->src);
	return code;
}

/* Report an error at mark m: "source:line:column: message" (id with its arguments). */
static int at(struct reader *r, const yaml_mark_t *m, int code, enum msg_id id, ...)
{
	va_list ap;

	va_start(ap, id);
	err_vfail(r->e, code, NULL, id, ap);
	va_end(ap);
	return place(r, m->line + 1, m->column + 1, code);
}

static int all_of(const char *s, size_t n, const char *set)
{
	size_t i;

	if (!n)
		return 0;
	for (i = 0; i < n; i++)
		if (!s[i] || !strchr(set, s[i]))
			return 0;
	return 1;
}

static int is_null_word(const char *s, size_t n)
{
	return n == 0 || (n == 1 && s[0] == '~') ||
	       (n == 4 &&
		(!memcmp(s, "null", 4) || !memcmp(s, "Null", 4) || !memcmp(s, "NULL", 4)));
}

/* 1 true, 0 false, -1 not a core-schema boolean. */
static int bool_word(const char *s, size_t n)
{
	if (n == 4 && (!memcmp(s, "true", 4) || !memcmp(s, "True", 4) || !memcmp(s, "TRUE", 4)))
		return 1;
	if (n == 5 && (!memcmp(s, "false", 5) || !memcmp(s, "False", 5) || !memcmp(s, "FALSE", 5)))
		return 0;
	return -1;
}

enum int_form { INT_NONE, INT_DEC, INT_OCT, INT_HEX };

static enum int_form int_form(const char *s, size_t n)
{
	size_t i = 0;

	if (n > 2 && s[0] == '0' && s[1] == 'o' && all_of(s + 2, n - 2, "01234567"))
		return INT_OCT;
	if (n > 2 && s[0] == '0' && s[1] == 'x' && all_of(s + 2, n - 2, "0123456789abcdefABCDEF"))
		return INT_HEX;
	if (n && (s[0] == '-' || s[0] == '+'))
		i = 1;
	return all_of(s + i, n - i, "0123456789") ? INT_DEC : INT_NONE;
}

/* [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )? */
static int is_float_form(const char *s, size_t n)
{
	size_t i = 0, digits = 0;

	if (i < n && (s[i] == '-' || s[i] == '+'))
		i++;
	while (i < n && yaml_is_digit(s[i]))
		i++, digits++;
	if (i < n && s[i] == '.') {
		i++;
		while (i < n && yaml_is_digit(s[i]))
			i++, digits++;
	}
	if (!digits)
		return 0;
	if (i < n && (s[i] == 'e' || s[i] == 'E')) {
		size_t exp = 0;
		i++;
		if (i < n && (s[i] == '-' || s[i] == '+'))
			i++;
		while (i < n && yaml_is_digit(s[i]))
			i++, exp++;
		if (!exp)
			return 0;
	}
	return i == n;
}

static int is_special_float(const char *s, size_t n)
{
	static const char *const words[] = {".inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN"};
	size_t i;

	if (n && (s[0] == '-' || s[0] == '+') && n > 1 && s[1] == '.') {
		s++;
		n--;
	}
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (n == 4 && !memcmp(s, words[i], 4))
			return 1;
	return 0;
}

static int make_int(struct reader *r, const yaml_mark_t *m, const char *s, enum int_form f,
		    json_t **out)
{
	long long v;
	char *end;

	errno = 0;
	if (f == INT_OCT)
		v = strtoll(s + 2, &end, 8);
	else if (f == INT_HEX)
		v = strtoll(s + 2, &end, 16);
	else
		v = strtoll(s, &end, 10);
	if (errno == ERANGE || *end)
		return at(r, m, ERR_INVALID, MSG_E_YAML_INT_RANGE, s);
	*out = json_integer((json_int_t)v);
	return *out ? 0 : ERR_NOMEM;
}

static int make_float(struct reader *r, const yaml_mark_t *m, const char *s, json_t **out)
{
	double v;
	char *end;

	v = strtod_l(s, &end, yaml_numeric_locale());
	if (*end || !isfinite(v))
		return at(r, m, ERR_INVALID, MSG_E_YAML_NUMBER_RANGE, s);
	*out = json_real(v);
	return *out ? 0 : ERR_NOMEM;
}

static int make_string(struct reader *r, const yaml_mark_t *m, const char *s, size_t n,
		       json_t **out)
{
	*out = json_stringn(s, n);
	if (!*out)
		return at(r, m, ERR_INVALID, MSG_E_YAML_NOT_UTF8);
	return 0;
}

/* The value of a plain, untagged scalar under the core schema. */
static int resolve_plain(struct reader *r, const yaml_mark_t *m, const char *s, size_t n,
			 json_t **out)
{
	enum int_form f;
	int b;

	if (is_null_word(s, n)) {
		*out = json_null();
		return 0;
	}
	b = bool_word(s, n);
	if (b >= 0) {
		*out = json_boolean(b);
		return 0;
	}
	f = int_form(s, n);
	if (f != INT_NONE)
		return make_int(r, m, s, f, out);
	if (is_float_form(s, n))
		return make_float(r, m, s, out);
	if (is_special_float(s, n)) {
		char shown[ERR_ARG_MAX];

		snprintf(shown, sizeof(shown), "%.*s",
			 (int)(n < sizeof(shown) ? n : sizeof(shown) - 1), s);
		return at(r, m, ERR_INVALID, MSG_E_YAML_SPECIAL_FLOAT, shown);
	}
	return make_string(r, m, s, n, out);
}

/* A scalar with an explicit tag: !!str, !!int, ... or the non-specific "!". */
static int resolve_tagged(struct reader *r, const yaml_mark_t *m, const char *tag, const char *s,
			  size_t n, json_t **out)
{
	enum int_form f;
	int b;

	if (!strcmp(tag, "!") || !strcmp(tag, TAG_STR))
		return make_string(r, m, s, n, out);
	if (!strcmp(tag, TAG_NULL)) {
		if (!is_null_word(s, n))
			return at(r, m, ERR_INVALID, MSG_E_YAML_NOT_NULL, s);
		*out = json_null();
		return 0;
	}
	if (!strcmp(tag, TAG_BOOL)) {
		b = bool_word(s, n);
		if (b < 0)
			return at(r, m, ERR_INVALID, MSG_E_YAML_NOT_BOOL, s);
		*out = json_boolean(b);
		return 0;
	}
	if (!strcmp(tag, TAG_INT)) {
		f = int_form(s, n);
		if (f == INT_NONE)
			return at(r, m, ERR_INVALID, MSG_E_YAML_NOT_INT, s);
		return make_int(r, m, s, f, out);
	}
	if (!strcmp(tag, TAG_FLOAT)) {
		if (int_form(s, n) == INT_DEC || is_float_form(s, n))
			return make_float(r, m, s, out);
		return at(r, m, ERR_INVALID, MSG_E_YAML_NOT_FINITE, s);
	}
	return at(r, m, ERR_INVALID, MSG_E_YAML_TAG, tag);
}

static int check_anchor(struct reader *r, const yaml_mark_t *m, const yaml_char_t *anchor)
{
	if (anchor)
		return at(r, m, ERR_INVALID, MSG_E_YAML_ANCHOR, (const char *)anchor);
	return 0;
}

static int count_node(struct reader *r, const yaml_mark_t *m)
{
	if (++r->nodes > r->lim->max_nodes)
		return at(r, m, ERR_TOO_LARGE, MSG_E_YAML_NODES, r->lim->max_nodes);
	return 0;
}

static int expecting_key(const struct reader *r)
{
	return r->depth > 0 && json_is_object(r->stack[r->depth - 1].node) &&
	       !r->stack[r->depth - 1].key;
}

/* Attach value (a new reference, stolen) where the document is at. */
static int attach(struct reader *r, json_t *value)
{
	struct frame *top;
	int rc;

	if (!r->depth) {
		r->root = value;
		r->have_root = 1;
		return 0;
	}
	top = &r->stack[r->depth - 1];
	if (json_is_array(top->node)) {
		rc = json_array_append_new(top->node, value);
	} else {
		rc = json_object_set_new(top->node, top->key, value);
		XFREE(&top->key);
	}
	return rc ? ERR_NOMEM : 0;
}

static int on_scalar(struct reader *r, const yaml_event_t *ev)
{
	const yaml_mark_t *m = &ev->start_mark;
	const char *s = (const char *)ev->data.scalar.value;
	size_t n = ev->data.scalar.length;
	const char *tag = (const char *)ev->data.scalar.tag;
	json_t *v = NULL;
	int rc;

	rc = check_anchor(r, m, ev->data.scalar.anchor);
	if (rc)
		return rc;
	rc = count_node(r, m);
	if (rc)
		return rc;
	if (memchr(s, '\0', n))
		return at(r, m, ERR_INVALID, MSG_E_YAML_NUL);
	if (expecting_key(r)) {
		struct frame *top = &r->stack[r->depth - 1];
		if (tag && strcmp(tag, "!") && strncmp(tag, "tag:yaml.org,2002:", 18))
			return at(r, m, ERR_INVALID, MSG_E_YAML_TAG, tag);
		if (json_object_get(top->node, s))
			return at(r, m, ERR_INVALID, MSG_E_YAML_DUP_KEY, s);
		top->key = xstrndup(s, n);
		return 0;
	}
	if (tag)
		rc = resolve_tagged(r, m, tag, s, n, &v);
	else if (ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE)
		rc = resolve_plain(r, m, s, n, &v);
	else
		rc = make_string(r, m, s, n, &v);
	if (rc)
		return rc;
	return attach(r, v);
}

static int on_start(struct reader *r, const yaml_event_t *ev, int is_map)
{
	const yaml_mark_t *m = &ev->start_mark;
	const yaml_char_t *anchor =
	    is_map ? ev->data.mapping_start.anchor : ev->data.sequence_start.anchor;
	const char *tag =
	    (const char *)(is_map ? ev->data.mapping_start.tag : ev->data.sequence_start.tag);
	json_t *node;
	int rc;

	rc = check_anchor(r, m, anchor);
	if (rc)
		return rc;
	rc = count_node(r, m);
	if (rc)
		return rc;
	if (tag && strcmp(tag, "!") && strcmp(tag, is_map ? TAG_MAP : TAG_SEQ))
		return at(r, m, ERR_INVALID, MSG_E_YAML_TAG, tag);
	if (expecting_key(r))
		return at(r, m, ERR_INVALID, MSG_E_YAML_KEY_SCALAR);
	if (r->depth >= r->lim->max_depth)
		return at(r, m, ERR_TOO_LARGE, MSG_E_YAML_DEPTH, r->lim->max_depth);
	node = is_map ? json_object() : json_array();
	if (!node)
		return ERR_NOMEM;
	rc = attach(r, node);
	if (rc)
		return rc;
	r->stack[r->depth].node = node;
	r->stack[r->depth].key = NULL;
	r->depth++;
	return 0;
}

static int parser_error(struct reader *r, const yaml_parser_t *p, const char *data, size_t len)
{
	const yaml_mark_t *m = &p->problem_mark;

	if (p->error == YAML_MEMORY_ERROR)
		return at_source(r, err_fail(r->e, ERR_NOMEM, NULL, MSG_E_YAML_NOMEM_READING));
	if (p->error == YAML_READER_ERROR) {
		/* encoding errors carry a byte offset, not a mark: count lines ourselves */
		size_t i, line = 1, col = 1,
			  end = p->problem_offset < len ? p->problem_offset : len;

		for (i = 0; i < end; i++, col++)
			if (data[i] == '\n')
				line++, col = 0;
		err_fail(r->e, ERR_INVALID, NULL, MSG_E_YAML_SYNTAX,
			 p->problem ? p->problem : "cannot read the input");
		return place(r, line, col, ERR_INVALID);
	}
	if (p->context)
		return at(r, m, ERR_INVALID, MSG_E_YAML_SYNTAX_IN,
			  p->problem ? p->problem : "syntax error", p->context,
			  p->context_mark.line + 1);
	return at(r, m, ERR_INVALID, MSG_E_YAML_SYNTAX, p->problem ? p->problem : "syntax error");
}

int yaml_doc_parse_limited(const char *data, size_t len, const char *source_name,
			   const struct yaml_limits *lim, json_t **out, struct err *e)
{
	struct reader r;
	yaml_parser_t parser;
	yaml_event_t ev;
	int rc = 0, docs = 0, done = 0;

	*out = NULL;
	memset(&r, 0, sizeof(r));
	r.src = source_name ? source_name : "<input>";
	r.lim = lim;
	r.e = e;
	if (len > lim->max_bytes)
		return at_source(&r, err_fail(e, ERR_TOO_LARGE, NULL, MSG_E_YAML_TOO_LARGE, len,
					      lim->max_bytes));
	if (lim->max_depth < 0)
		return at_source(&r, err_fail(e, ERR_INTERNAL, NULL, MSG_E_YAML_DEPTH_LIMIT));
	if (!yaml_parser_initialize(&parser))
		return at_source(&r, err_fail(e, ERR_NOMEM, NULL, MSG_E_NOMEM));
	yaml_parser_set_input_string(&parser, (const unsigned char *)data, len);
	r.stack = xcalloc((size_t)lim->max_depth + 1, sizeof(*r.stack));

	while (!done && !rc) {
		if (!yaml_parser_parse(&parser, &ev)) {
			rc = parser_error(&r, &parser, data, len);
			break;
		}
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1)
				rc = at(&r, &ev.start_mark, ERR_INVALID, MSG_E_YAML_DOCS);
			break;
		case YAML_ALIAS_EVENT:
			rc = at(&r, &ev.start_mark, ERR_INVALID, MSG_E_YAML_ALIAS,
				(const char *)ev.data.alias.anchor);
			break;
		case YAML_SCALAR_EVENT:
			rc = on_scalar(&r, &ev);
			break;
		case YAML_SEQUENCE_START_EVENT:
			rc = on_start(&r, &ev, 0);
			break;
		case YAML_MAPPING_START_EVENT:
			rc = on_start(&r, &ev, 1);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			r.depth--;
			XFREE(&r.stack[r.depth].key);
			break;
		default:
			break;
		}
		yaml_event_delete(&ev);
	}

	while (r.depth > 0)
		XFREE(&r.stack[--r.depth].key);
	free(r.stack);
	yaml_parser_delete(&parser);
	if (rc) {
		json_decref(r.root);
		return rc;
	}
	*out = r.have_root ? r.root : json_null();
	return 0;
}

int yaml_doc_parse(const char *data, size_t len, const char *source_name, json_t **out,
		   struct err *e)
{
	struct yaml_limits lim;

	yaml_limits_default(&lim);
	return yaml_doc_parse_limited(data, len, source_name, &lim, out, e);
}
