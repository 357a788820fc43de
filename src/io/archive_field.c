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

int archive_fail(struct archive_ctx *c, const char *path, const char *fmt, ...)
{
	char msg[ERR_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (*path)
		return err_set(c->e, ERR_INVALID, "%s: %s: %s", c->src, path, msg);
	return err_set(c->e, ERR_INVALID, "%s: %s", c->src, msg);
}

int archive_prefix(struct archive_ctx *c, const char *path, int rc)
{
	if (c->e && *path)
		err_prefix(c->e, "%s: %s", c->src, path);
	else if (c->e)
		err_prefix(c->e, "%s", c->src);
	return rc;
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

static const char *kind_name(enum archive_kind k)
{
	static const char *const names[] = {"a string", "an integer", "an object", "an array",
					    "a value"};
	return names[k];
}

const char *archive_json_kind(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
		return "an integer";
	case JSON_REAL:
		return "a number with a fraction";
	case JSON_TRUE:
	case JSON_FALSE:
		return "a boolean";
	default:
		return "null";
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
			return archive_fail(c, path, "missing field '%s'", key);
		return 0;
	}
	if (json_is_null(v)) {
		if ((flags & AF_NULLABLE) || k == AK_ANY)
			return 0;
		return archive_fail(c, sub, "expected %s, got null", kind_name(k));
	}
	if (!kind_ok(k, v))
		return archive_fail(c, sub, "expected %s, got %s", kind_name(k),
				    archive_json_kind(v));
	if (k == AK_STRING && strlen(json_string_value(v)) != json_string_length(v))
		return archive_fail(c, sub, "must not contain NUL characters");
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
	rc = store_check_name(key, *out, c->e);
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
	return archive_fail(c, sub, "expected a score: an integer 0-100, \"n/a\" or null");
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
			return archive_fail(c, path, "unknown field '%s'", k);
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
