/*
 * catalog_field.c - typed access to the members of a parsed library, with
 * messages that name the source and the place. See catalog_int.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "io/catalog_int.h"
#include "util/xalloc.h"

int catalog_fail(struct catalog_ctx *c, const char *where, enum msg_id id, ...)
{
	va_list ap;

	va_start(ap, id);
	err_vfail(c->e, ERR_INVALID, NULL, id, ap);
	va_end(ap);
	if (where && *where)
		err_prefix(c->e, "%s: %s", c->src, where);
	else
		err_prefix(c->e, "%s", c->src);
	return ERR_INVALID;
}

/*
 * obj.key when it has the given type (JSON_TRUE stands for either boolean);
 * absent and null give NULL; another type is an error saying "must be <what>".
 */
static int member(struct catalog_ctx *c, const json_t *obj, const char *key, const char *where,
		  json_type type, enum msg_id what, const json_t **out)
{
	const json_t *v = json_object_get(obj, key);
	int ok;

	*out = NULL;
	if (!v || json_is_null(v))
		return 0;
	ok = type == JSON_TRUE ? json_is_boolean(v) : json_typeof(v) == type;
	if (!ok)
		return catalog_fail(c, where, MSG_E_CAT_MEMBER_TYPE, key, ERR_WORD(what));
	*out = v;
	return 0;
}

int catalog_get_str(struct catalog_ctx *c, const json_t *obj, const char *key, const char *where,
		    const char **out)
{
	const json_t *v;
	int rc = member(c, obj, key, where, JSON_STRING, MSG_W_A_STRING, &v);

	*out = v ? json_string_value(v) : NULL;
	return rc;
}

int catalog_need_str(struct catalog_ctx *c, const json_t *obj, const char *key, const char *where,
		     const char **out)
{
	int rc = catalog_get_str(c, obj, key, where, out);

	if (!rc && (!*out || !**out))
		return catalog_fail(c, where, MSG_E_CAT_MISSING, key);
	return rc;
}

int catalog_get_obj(struct catalog_ctx *c, const json_t *obj, const char *key, const char *where,
		    const json_t **out)
{
	return member(c, obj, key, where, JSON_OBJECT, MSG_W_A_MAPPING, out);
}

int catalog_get_int(struct catalog_ctx *c, const json_t *obj, const char *key, const char *where,
		    long long *out, int *present)
{
	const json_t *v;
	int rc = member(c, obj, key, where, JSON_INTEGER, MSG_W_AN_INTEGER, &v);

	*present = v != NULL;
	if (v)
		*out = json_integer_value(v);
	return rc;
}

int catalog_get_bool(struct catalog_ctx *c, const json_t *obj, const char *key, const char *where,
		     int *out)
{
	const json_t *v;
	int rc = member(c, obj, key, where, JSON_TRUE, MSG_W_TRUE_OR_FALSE, &v);

	if (v)
		*out = json_is_true(v);
	return rc;
}

const char *catalog_ja_translation(const json_t *obj, const char *key)
{
	const json_t *v =
	    json_object_get(json_object_get(json_object_get(obj, "translations"), "ja"), key);

	return json_is_string(v) && json_string_length(v) ? json_string_value(v) : NULL;
}

int catalog_get_pair(struct catalog_ctx *c, const json_t *obj, const char *key, const char *where,
		     int need_en, char **en, char **ja)
{
	const json_t *p;
	const char *s_en, *s_ja;
	char sub[160];
	int rc;

	rc = catalog_get_obj(c, obj, key, where, &p);
	if (rc)
		return rc;
	if (!p)
		return need_en ? catalog_fail(c, where, MSG_E_CAT_MISSING, key) : 0;
	snprintf(sub, sizeof(sub), "%s: %s", where, key);
	rc = need_en ? catalog_need_str(c, p, "en", sub, &s_en)
		     : catalog_get_str(c, p, "en", sub, &s_en);
	if (!rc)
		rc = catalog_get_str(c, p, "ja", sub, &s_ja);
	if (rc)
		return rc;
	*en = xstrdup(s_en);
	*ja = s_ja && *s_ja ? xstrdup(s_ja) : NULL;
	return 0;
}
