/*
 * archive_field.c - typed access to the fields of an archive document, with
 * messages that name the source and the JSON path (see archive_int.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/snapshot.h"
#include "io/archive_int.h"

static int vfail(struct archive_ctx *c, int code, const char *path, const char *field,
		 enum msg_id id, va_list ap)
{
	err_vfail(c->e, code, field, id, ap);
	if (*path)
		err_prefix(c->e, "%s: %s", c->src, path);
	else
		err_prefix(c->e, "%s", c->src);
	return code;
}

int archive_fail(struct archive_ctx *c, const char *path, enum msg_id id, ...)
{
	va_list ap;
	int rc;

	va_start(ap, id);
	rc = vfail(c, ERR_INVALID, path, path, id, ap);
	va_end(ap);
	return rc;
}

int archive_fail_code(struct archive_ctx *c, int code, const char *path, enum msg_id id, ...)
{
	va_list ap;
	int rc;

	va_start(ap, id);
	rc = vfail(c, code, path, path, id, ap);
	va_end(ap);
	return rc;
}

int archive_fail_at(struct archive_ctx *c, const char *path, const char *key, enum msg_id id, ...)
{
	char field[JPATH_MAX];
	va_list ap;
	int rc;

	archive_path(field, path, key);
	va_start(ap, id);
	rc = vfail(c, ERR_INVALID, path, field, id, ap);
	va_end(ap);
	return rc;
}

int archive_prefix(struct archive_ctx *c, const char *path, int rc)
{
	if (!c->e)
		return rc;
	if (*path) {
		err_prefix(c->e, "%s: %s", c->src, path);
		err_field(c->e, path);
	} else {
		err_prefix(c->e, "%s", c->src);
	}
	return rc;
}

int archive_prefix_in(struct archive_ctx *c, const char *path, int rc)
{
	char field[JPATH_MAX + ERR_FIELD_MAX + 2];

	if (!c->e)
		return rc;
	if (c->e->field[0] && *path) {
		snprintf(field, sizeof(field), "%s.%s", path, c->e->field);
		archive_prefix(c, path, rc);
		err_field(c->e, field);
		return rc;
	}
	return archive_prefix(c, path, rc);
}

void archive_path(char *dst, const char *base, const char *key)
{
	if (snprintf(dst, JPATH_MAX, "%s%s%s", base, *base ? "." : "", key) >= JPATH_MAX)
		dst[JPATH_MAX - 1] = '\0';
}

void archive_path_index(char *dst, const char *base, const char *key, size_t i)
{
	if (snprintf(dst, JPATH_MAX, "%s%s%s[%zu]", base, *base && *key ? "." : "", key, i) >=
	    JPATH_MAX)
		dst[JPATH_MAX - 1] = '\0';
}

static enum msg_id kind_name(enum archive_kind k)
{
	static const enum msg_id names[] = {MSG_W_A_STRING, MSG_W_AN_INTEGER, MSG_W_AN_OBJECT,
					    MSG_W_AN_ARRAY, MSG_W_A_VALUE};
	return names[k];
}

enum msg_id archive_json_kind(const json_t *v)
{
	if (!v) /* a member given as null reads as none */
		return MSG_W_NULL;
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return MSG_W_AN_OBJECT;
	case JSON_ARRAY:
		return MSG_W_AN_ARRAY;
	case JSON_STRING:
		return MSG_W_A_STRING;
	case JSON_INTEGER:
		return MSG_W_AN_INTEGER;
	case JSON_REAL:
		return MSG_W_A_FRACTION;
	case JSON_TRUE:
	case JSON_FALSE:
		return MSG_W_A_BOOLEAN;
	default:
		return MSG_W_NULL;
	}
}

static int kind_ok(enum archive_kind k, const json_t *v)
{
	switch (k) {
	case AK_STRING:
		return json_is_string(v);
	case AK_INT:
		return json_is_integer(v);
	case AK_OBJECT:
		return json_is_object(v);
	case AK_ARRAY:
		return json_is_array(v);
	default:
		return 1;
	}
}

int archive_member(struct archive_ctx *c, const json_t *obj, const char *path, const char *key,
		   enum archive_kind k, int flags, const json_t **out)
{
	const json_t *v = json_object_get(obj, key);
	char sub[JPATH_MAX];

	*out = NULL;
	archive_path(sub, path, key);
	if (!v) {
		if (flags & AF_REQUIRED)
			return archive_fail_at(c, path, key, MSG_E_MISSING_FIELD, key);
		return 0;
	}
	if (json_is_null(v)) {
		if ((flags & AF_NULLABLE) || k == AK_ANY)
			return 0;
		return archive_fail(c, sub, MSG_E_EXPECTED_GOT, ERR_WORD(kind_name(k)),
				    ERR_WORD(MSG_W_NULL));
	}
	if (!kind_ok(k, v))
		return archive_fail(c, sub, MSG_E_EXPECTED_GOT, ERR_WORD(kind_name(k)),
				    ERR_WORD(archive_json_kind(v)));
	if (k == AK_STRING && strlen(json_string_value(v)) != json_string_length(v))
		return archive_fail(c, sub, MSG_E_NUL_CHARS);
	*out = v;
	return 0;
}

int archive_member_str(struct archive_ctx *c, const json_t *obj, const char *path, const char *key,
		       int flags, const char **out)
{
	const json_t *v;
	int rc = archive_member(c, obj, path, key, AK_STRING, flags, &v);

	*out = v ? json_string_value(v) : NULL;
	return rc;
}

int archive_member_name(struct archive_ctx *c, const json_t *obj, const char *path, const char *key,
			int flags, const char **out)
{
	char sub[JPATH_MAX];
	int rc = archive_member_str(c, obj, path, key, flags, out);

	if (rc || !*out)
		return rc;
	archive_path(sub, path, key);
	rc = store_check_name_as(STORE_WHAT_OF(MSG_E_TEXT, key, key), *out, c->e);
	return rc ? archive_prefix(c, sub, rc) : 0;
}

int archive_member_score(struct archive_ctx *c, const json_t *obj, const char *path,
			 const char *key, int *out)
{
	const json_t *v = json_object_get(obj, key);
	char sub[JPATH_MAX];

	if (!score_from_json(v, out))
		return 0;
	archive_path(sub, path, key);
	return archive_fail(c, sub, MSG_E_EXPECTED_SCORE);
}

int archive_only_keys(struct archive_ctx *c, const json_t *obj, const char *path,
		      const char *const *keys)
{
	const char *k;
	json_t *v;
	size_t i;

	json_object_foreach ((json_t *)obj, k, v) {
		for (i = 0; keys[i]; i++)
			if (!strcmp(keys[i], k))
				break;
		if (!keys[i])
			return archive_fail_at(c, path, k, MSG_E_UNKNOWN_FIELD, k);
	}
	return 0;
}

static int keyed_cmp(const void *pa, const void *pb)
{
	const struct archive_keyed *a = pa, *b = pb;
	int c = strcmp(a->s, b->s);

	return c ? c : (a->i < b->i ? -1 : a->i > b->i);
}

size_t archive_first_duplicate(struct archive_keyed *k, size_t n)
{
	size_t i, dup = n;

	qsort(k, n, sizeof(*k), keyed_cmp);
	for (i = 1; i < n; i++)
		if (!strcmp(k[i].s, k[i - 1].s) && (dup == n || k[i].i < k[dup].i))
			dup = i;
	return dup;
}
