/*
 * oscal_common.c - helpers of the OSCAL writers (see oscal_int.h).
 */
#include <stdlib.h>
#include <string.h>

#include "io/oscal.h"
#include "io/oscal_int.h"
#include "util/xalloc.h"

char *oscal_token(const char *ref)
{
	size_t n = strlen(ref), i, o = 0;
	char *t = xmalloc(n + 2);

	if (!((ref[0] >= 'A' && ref[0] <= 'Z') || (ref[0] >= 'a' && ref[0] <= 'z')))
		t[o++] = 'n';
	for (i = 0; i < n; i++) {
		char c = ref[i];
		int ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
			 (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
		t[o++] = ok ? c : '_';
	}
	t[o] = 0;
	return t;
}

static int space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

char *oscal_line(const char *s)
{
	size_t o = 0;
	char *t;
	int gap = 0;

	if (!s)
		return NULL;
	t = xmalloc(strlen(s) + 1);
	for (; *s; s++) {
		if (space(*s)) {
			gap = o > 0;
			continue;
		}
		if (gap)
			t[o++] = ' ';
		gap = 0;
		t[o++] = *s;
	}
	t[o] = 0;
	if (!o) {
		free(t);
		return NULL;
	}
	return t;
}

void oscal_prop(json_t *props, const char *name, const char *value, int cdcf)
{
	char *v = oscal_line(value);
	json_t *p;

	if (!v)
		return;
	p = json_pack("{s:s}", "name", name);
	if (cdcf)
		json_object_set_new(p, "ns", json_string(OSCAL_NS));
	json_object_set_new(p, "value", json_string(v));
	json_array_append_new(props, p);
	free(v);
}

void oscal_set_props(json_t *obj, json_t *props)
{
	if (json_array_size(props))
		json_object_set_new(obj, "props", props);
	else
		json_decref(props);
}

void oscal_set_line(json_t *obj, const char *key, const char *s, const char *fallback)
{
	char *v = oscal_line(s);

	json_object_set_new(obj, key, json_string(v ? v : fallback));
	free(v);
}
