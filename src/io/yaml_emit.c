/*
 * yaml_emit.c - jansson tree -> YAML text (yaml_doc_emit; see yaml_doc.h for
 * the contract). Walks the tree recursively (depth bounded by YAML_MAX_DEPTH)
 * and feeds libyaml's emitter, quoting every string a reader could take for
 * something other than a string.
 */
#include <locale.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <yaml.h>

#include "io/yaml_doc.h"
#include "io/yaml_int.h"

struct writer {
	yaml_emitter_t em;
	struct buf *out;
	int overflow;
	struct err *e;
};

static int write_handler(void *data, unsigned char *bytes, size_t size)
{
	struct writer *w = data;

	if (buf_add(w->out, bytes, size)) {
		w->overflow = 1;
		return 0;
	}
	return 1;
}

static int emit_event(struct writer *w, yaml_event_t *ev)
{
	if (yaml_emitter_emit(&w->em, ev))
		return 0;
	if (w->overflow)
		return err_fail(w->e, ERR_TOO_LARGE, NULL, MSG_E_YAML_OUT_TOO_LARGE, w->out->max);
	return err_fail(w->e, ERR_INTERNAL, NULL, MSG_E_YAML_EMITTER,
			w->em.problem ? w->em.problem : "unknown error");
}

static int ci_prefix(const char *s, const char *word)
{
	for (; *word; s++, word++)
		if (!*s || (*s | 0x20) != *word)
			return 0;
	return 1;
}

static int ci_equal(const char *s, const char *word)
{
	return ci_prefix(s, word) && !s[strlen(word)];
}

/*
 * May s be written as a plain scalar? Only when no YAML 1.1 or 1.2 reader
 * would take it for a number, boolean, null, date, merge key or indicator.
 * Conservative on purpose: quoting too much costs nothing.
 */
static int plain_safe(const char *s, size_t n)
{
	static const char *const words[] = {"true", "false", "yes", "no",   "on",
					    "off",  "y",     "n",   "null", "~"};
	size_t i;

	if (!n || strlen(s) != n)
		return 0;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (ci_equal(s, words[i]))
			return 0;
	if (!strcmp(s, "<<") || !strcmp(s, "="))
		return 0;
	if (yaml_is_digit(s[0]) || strchr("-?:,[]{}#&*!|>'\"%@` \t", s[0]))
		return 0;
	if ((s[0] == '+' || s[0] == '.') && (yaml_is_digit(s[1]) || s[1] == '.'))
		return 0;
	if (s[0] == '.' && (ci_prefix(s + 1, "inf") || ci_prefix(s + 1, "nan")))
		return 0;
	if (s[0] == '+' && s[1] == '.' && (ci_prefix(s + 2, "inf") || ci_prefix(s + 2, "nan")))
		return 0;
	if (s[n - 1] == ' ' || s[n - 1] == ':')
		return 0;
	if (strstr(s, ": ") || strstr(s, " #"))
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f || strchr("[]{}\\\"", c))
			return 0;
	}
	return 1;
}

static int emit_scalar(struct writer *w, const char *s, size_t n, int quoted)
{
	yaml_event_t ev;

	if (!yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s, (int)n, 1, 1,
					  quoted ? YAML_DOUBLE_QUOTED_SCALAR_STYLE
						 : YAML_PLAIN_SCALAR_STYLE))
		return err_fail(w->e, ERR_NOMEM, NULL, MSG_E_YAML_EMITTER_NOMEM);
	return emit_event(w, &ev);
}

static int emit_string(struct writer *w, const char *s, size_t n)
{
	if (memchr(s, '\0', n))
		return err_fail(w->e, ERR_INVALID, NULL, MSG_E_YAML_NUL_STRING);
	if (n > INT32_MAX)
		return err_fail(w->e, ERR_TOO_LARGE, NULL, MSG_E_YAML_LONG_STRING, n);
	return emit_scalar(w, s, n, !plain_safe(s, n));
}

static int emit_real(struct writer *w, double v)
{
	char tmp[40];
	locale_t old;

	if (!isfinite(v))
		return err_fail(w->e, ERR_INVALID, NULL, MSG_E_YAML_INF_NAN);
	old = uselocale(yaml_numeric_locale());
	snprintf(tmp, sizeof(tmp), "%.17g", v);
	uselocale(old);
	if (!strpbrk(tmp, ".eE")) {
		size_t l = strlen(tmp);
		if (l + 2 < sizeof(tmp))
			memcpy(tmp + l, ".0", 3);
	}
	return emit_scalar(w, tmp, strlen(tmp), 0);
}

static int emit_node(struct writer *w, const json_t *v, int depth)
{
	yaml_event_t ev;
	char tmp[32];
	int rc;

	if (depth > YAML_MAX_DEPTH)
		return err_fail(w->e, ERR_TOO_LARGE, NULL, MSG_E_YAML_DEPTH, YAML_MAX_DEPTH);
	switch (json_typeof(v)) {
	case JSON_OBJECT: {
		const char *key;
		json_t *val;

		yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
		rc = emit_event(w, &ev);
		if (rc)
			return rc;
		json_object_foreach ((json_t *)v, key, val) {
			rc = emit_string(w, key, strlen(key));
			if (!rc)
				rc = emit_node(w, val, depth + 1);
			if (rc)
				return rc;
		}
		yaml_mapping_end_event_initialize(&ev);
		return emit_event(w, &ev);
	}
	case JSON_ARRAY: {
		size_t i;

		yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE);
		rc = emit_event(w, &ev);
		if (rc)
			return rc;
		for (i = 0; i < json_array_size(v); i++) {
			rc = emit_node(w, json_array_get(v, i), depth + 1);
			if (rc)
				return rc;
		}
		yaml_sequence_end_event_initialize(&ev);
		return emit_event(w, &ev);
	}
	case JSON_STRING:
		return emit_string(w, json_string_value(v), json_string_length(v));
	case JSON_INTEGER:
		snprintf(tmp, sizeof(tmp), "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		return emit_scalar(w, tmp, strlen(tmp), 0);
	case JSON_REAL:
		return emit_real(w, json_real_value(v));
	case JSON_TRUE:
		return emit_scalar(w, "true", 4, 0);
	case JSON_FALSE:
		return emit_scalar(w, "false", 5, 0);
	case JSON_NULL:
	default:
		return emit_scalar(w, "null", 4, 0);
	}
}

int yaml_doc_emit(const json_t *doc, struct buf *out, struct err *e)
{
	struct writer w;
	yaml_event_t ev;
	size_t start = out->len;
	int rc;

	if (!doc)
		return err_fail(e, ERR_INTERNAL, NULL, MSG_E_YAML_NO_DOC);
	memset(&w, 0, sizeof(w));
	w.out = out;
	w.e = e;
	if (!yaml_emitter_initialize(&w.em))
		return err_fail(e, ERR_NOMEM, NULL, MSG_E_YAML_EMITTER_NOMEM);
	yaml_emitter_set_output(&w.em, write_handler, &w);
	yaml_emitter_set_unicode(&w.em, 1);
	yaml_emitter_set_indent(&w.em, 2);
	yaml_emitter_set_width(&w.em, -1);
	yaml_emitter_set_break(&w.em, YAML_LN_BREAK);

	yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
	rc = emit_event(&w, &ev);
	if (!rc) {
		yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
		rc = emit_event(&w, &ev);
	}
	if (!rc)
		rc = emit_node(&w, doc, 1);
	if (!rc) {
		yaml_document_end_event_initialize(&ev, 1);
		rc = emit_event(&w, &ev);
	}
	if (!rc) {
		yaml_stream_end_event_initialize(&ev);
		rc = emit_event(&w, &ev);
	}
	if (!rc && !yaml_emitter_flush(&w.em))
		rc = w.overflow
			 ? err_fail(e, ERR_TOO_LARGE, NULL, MSG_E_YAML_OUT_TOO_LARGE, out->max)
			 : err_fail(e, ERR_INTERNAL, NULL, MSG_E_YAML_FLUSH);
	yaml_emitter_delete(&w.em);
	if (rc) {
		out->len = start;
		out->data[start] = '\0';
	}
	return rc;
}
