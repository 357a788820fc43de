/*
 * catalog.c - CISO Assistant library (json tree) -> struct framework, and the
 * registry of shipped catalogues. See catalog.h for the format and contract.
 *
 * Reading is two passes over requirement_nodes: the first copies each node
 * and indexes urns and ref_ids (duplicates fail), the second links parents,
 * computes depths (refusing cycles) and derives kinds.
 */
#include "io/catalog.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/yaml_doc.h"
#include "util/embedded.h"
#include "util/xalloc.h"

/* ---- a small string -> index map (keys borrowed) -------------------------- */

struct strmap {
	const char **keys;
	int *vals;
	size_t cap; /* power of two, at least twice the entries */
};

static void strmap_init(struct strmap *m, size_t n)
{
	m->cap = 16;
	while (m->cap < 2 * n + 1)
		m->cap *= 2;
	m->keys = xcalloc(m->cap, sizeof(*m->keys));
	m->vals = xcalloc(m->cap, sizeof(*m->vals));
}

static void strmap_release(struct strmap *m)
{
	XFREE(&m->keys);
	XFREE(&m->vals);
}

static size_t str_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return (size_t)h;
}

/* Index of key, or -1. */
static int strmap_get(const struct strmap *m, const char *key)
{
	size_t i = str_hash(key) & (m->cap - 1);

	while (m->keys[i]) {
		if (!strcmp(m->keys[i], key))
			return m->vals[i];
		i = (i + 1) & (m->cap - 1);
	}
	return -1;
}

/* Insert key -> val; returns the existing value instead when key is present. */
static int strmap_put(struct strmap *m, const char *key, int val)
{
	size_t i = str_hash(key) & (m->cap - 1);

	while (m->keys[i]) {
		if (!strcmp(m->keys[i], key))
			return m->vals[i];
		i = (i + 1) & (m->cap - 1);
	}
	m->keys[i] = key;
	m->vals[i] = val;
	return -1;
}

/* ---- typed access with messages that name the place -------------------- */

struct ctx {
	const char *src;
	struct err *e;
};

static int fail(struct ctx *c, const char *where, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(struct ctx *c, const char *where, const char *fmt, ...)
{
	char msg[ERR_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (where && *where)
		return err_set(c->e, ERR_INVALID, "%s: %s: %s", c->src, where, msg);
	return err_set(c->e, ERR_INVALID, "%s: %s", c->src, msg);
}

/* A string member; absent and null give NULL. */
static int get_str(struct ctx *c, const json_t *obj, const char *key, const char *where,
		   const char **out)
{
	const json_t *v = json_object_get(obj, key);

	*out = NULL;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v))
		return fail(c, where, "'%s' must be a string", key);
	*out = json_string_value(v);
	return 0;
}

static int need_str(struct ctx *c, const json_t *obj, const char *key, const char *where,
		    const char **out)
{
	int rc = get_str(c, obj, key, where, out);

	if (!rc && (!*out || !**out))
		return fail(c, where, "'%s' is missing", key);
	return rc;
}

/* An object member; absent and null give NULL. */
static int get_obj(struct ctx *c, const json_t *obj, const char *key, const char *where,
		   const json_t **out)
{
	const json_t *v = json_object_get(obj, key);

	*out = NULL;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_object(v))
		return fail(c, where, "'%s' must be a mapping", key);
	*out = v;
	return 0;
}

/* An integer member; *present says whether it was there. */
static int get_int(struct ctx *c, const json_t *obj, const char *key, const char *where,
		   long long *out, int *present)
{
	const json_t *v = json_object_get(obj, key);

	*present = 0;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_integer(v))
		return fail(c, where, "'%s' must be an integer", key);
	*out = json_integer_value(v);
	*present = 1;
	return 0;
}

static int get_bool(struct ctx *c, const json_t *obj, const char *key, const char *where, int *out)
{
	const json_t *v = json_object_get(obj, key);

	if (!v || json_is_null(v))
		return 0;
	if (!json_is_boolean(v))
		return fail(c, where, "'%s' must be true or false", key);
	*out = json_is_true(v);
	return 0;
}

/* translations.ja.<key>, or NULL. */
static const char *ja_translation(const json_t *obj, const char *key)
{
	const json_t *v =
	    json_object_get(json_object_get(json_object_get(obj, "translations"), "ja"), key);

	return json_is_string(v) && json_string_length(v) ? json_string_value(v) : NULL;
}

/* {en, ja} pair of strings; en required when need_en. */
static int get_pair(struct ctx *c, const json_t *obj, const char *key, const char *where,
		    int need_en, char **en, char **ja)
{
	const json_t *p;
	const char *s_en, *s_ja;
	char sub[160];
	int rc;

	rc = get_obj(c, obj, key, where, &p);
	if (rc)
		return rc;
	if (!p)
		return need_en ? fail(c, where, "'%s' is missing", key) : 0;
	snprintf(sub, sizeof(sub), "%s: %s", where, key);
	rc = need_en ? need_str(c, p, "en", sub, &s_en) : get_str(c, p, "en", sub, &s_en);
	if (!rc)
		rc = get_str(c, p, "ja", sub, &s_ja);
	if (rc)
		return rc;
	*en = xstrdup(s_en);
	*ja = s_ja && *s_ja ? xstrdup(s_ja) : NULL;
	return 0;
}

/* Last ':'-separated segment of a urn ("urn:x:risk:library:nist-csf-2.0" -> "nist-csf-2.0"). */
static const char *urn_tail(const char *urn)
{
	const char *s = strrchr(urn, ':');

	return s ? s + 1 : urn;
}

static int valid_id(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-' ||
		      *s == '.' || *s == '_'))
			return 0;
	return 1;
}

/* ---- rubrics ------------------------------------------------------------- */

static int check_range(struct ctx *c, const char *where, long long min, long long max)
{
	if (min < 0 || max > 1000000)
		return fail(c, where, "score scale %lld-%lld must lie within 0-1000000", min, max);
	if (min >= max)
		return fail(c, where, "min score %lld must be below max score %lld", min, max);
	return 0;
}

static int add_point(struct ctx *c, struct rubric *r, size_t *cap, const char *where,
		     long long score)
{
	size_t i;

	if (score < r->min_score || score > r->max_score)
		return fail(c, where, "score %lld is outside %d-%d", score, r->min_score,
			    r->max_score);
	for (i = 0; i < r->n_points; i++)
		if (r->points[i].score == score)
			return fail(c, where, "score %lld is defined twice", score);
	r->points = xgrow(r->points, cap, r->n_points + 1, sizeof(*r->points));
	memset(&r->points[r->n_points], 0, sizeof(*r->points));
	r->points[r->n_points].score = (int)score;
	r->n_points++;
	return 0;
}

/* cdcf rubric object: {min, max, na: {en, ja}, points: [...]}. */
static int rubric_from_cdcf(struct ctx *c, const json_t *o, const char *where, struct rubric *r)
{
	const json_t *points, *p;
	long long min = 0, max = 0, score = 0;
	int has_min, has_max, present, rc;
	size_t i, cap = 0;
	char pw[160];

	rc = get_int(c, o, "min", where, &min, &has_min);
	if (!rc)
		rc = get_int(c, o, "max", where, &max, &has_max);
	if (rc)
		return rc;
	if (!has_min || !has_max)
		return fail(c, where, "'min' and 'max' are required");
	rc = check_range(c, where, min, max);
	if (rc)
		return rc;
	r->min_score = (int)min;
	r->max_score = (int)max;
	if (json_object_get(o, "na") && !json_is_null(json_object_get(o, "na"))) {
		rc = get_pair(c, o, "na", where, 1, &r->na_criterion_en, &r->na_criterion_ja);
		if (rc)
			return rc;
		r->has_na = 1;
	}
	points = json_object_get(o, "points");
	if (!json_is_array(points) || !json_array_size(points))
		return fail(c, where, "'points' must be a non-empty list");
	json_array_foreach (points, i, p) {
		snprintf(pw, sizeof(pw), "%s: point %zu", where, i + 1);
		if (!json_is_object(p))
			return fail(c, pw, "must be a mapping");
		rc = get_int(c, p, "score", pw, &score, &present);
		if (!rc && !present)
			rc = fail(c, pw, "'score' is missing");
		if (!rc)
			rc = add_point(c, r, &cap, pw, score);
		if (!rc)
			rc = get_pair(c, p, "name", pw, 1, &r->points[r->n_points - 1].name_en,
				      &r->points[r->n_points - 1].name_ja);
		if (!rc)
			rc = get_pair(c, p, "criterion", pw, 0,
				      &r->points[r->n_points - 1].criterion_en,
				      &r->points[r->n_points - 1].criterion_ja);
		if (rc)
			return rc;
	}
	return 0;
}

/* CISO Assistant min_score/max_score/scores_definition (list or {scale: [...]}). */
static int rubric_from_framework(struct ctx *c, const json_t *fwo, struct rubric *r)
{
	const json_t *def, *p;
	long long min = 0, max = 100, score = 0;
	int present, rc;
	size_t i, cap = 0;
	char pw[64];

	rc = get_int(c, fwo, "min_score", "framework", &min, &present);
	if (!rc)
		rc = get_int(c, fwo, "max_score", "framework", &max, &present);
	if (!rc)
		rc = check_range(c, "framework", min, max);
	if (rc)
		return rc;
	r->min_score = (int)min;
	r->max_score = (int)max;
	def = json_object_get(fwo, "scores_definition");
	if (json_is_object(def))
		def = json_object_get(def, "scale");
	if (!def || json_is_null(def))
		return 0;
	if (!json_is_array(def))
		return fail(c, "framework", "'scores_definition' must be a list");
	json_array_foreach (def, i, p) {
		const char *name, *desc;
		struct rubric_point *pt;

		snprintf(pw, sizeof(pw), "scores_definition %zu", i + 1);
		if (!json_is_object(p))
			return fail(c, pw, "must be a mapping");
		rc = get_int(c, p, "score", pw, &score, &present);
		if (!rc && !present)
			rc = fail(c, pw, "'score' is missing");
		if (!rc)
			rc = add_point(c, r, &cap, pw, score);
		if (!rc)
			rc = get_str(c, p, "name", pw, &name);
		if (!rc)
			rc = get_str(c, p, "description", pw, &desc);
		if (rc)
			return rc;
		pt = &r->points[r->n_points - 1];
		pt->name_en = xstrdup(name ? name : desc);
		pt->name_ja = xstrdup(ja_translation(p, "name"));
		pt->criterion_en = xstrdup(desc);
		pt->criterion_ja = xstrdup(ja_translation(p, "description"));
	}
	return 0;
}

static void rubric_copy(struct rubric *dst, const struct rubric *src)
{
	size_t i;

	*dst = *src;
	dst->na_criterion_en = xstrdup(src->na_criterion_en);
	dst->na_criterion_ja = xstrdup(src->na_criterion_ja);
	dst->points = src->n_points ? xcalloc(src->n_points, sizeof(*dst->points)) : NULL;
	for (i = 0; i < src->n_points; i++) {
		dst->points[i].score = src->points[i].score;
		dst->points[i].name_en = xstrdup(src->points[i].name_en);
		dst->points[i].name_ja = xstrdup(src->points[i].name_ja);
		dst->points[i].criterion_en = xstrdup(src->points[i].criterion_en);
		dst->points[i].criterion_ja = xstrdup(src->points[i].criterion_ja);
	}
}

static int read_rubrics(struct ctx *c, const json_t *fwo, const json_t *fwext, struct framework *fw)
{
	const json_t *rubrics = NULL, *in = NULL, *outs = NULL;
	int rc = 0;

	if (fwext)
		rc = get_obj(c, fwext, "rubrics", "framework: cdcf", &rubrics);
	if (!rc && rubrics)
		rc = get_obj(c, rubrics, "insource", "framework: cdcf: rubrics", &in);
	if (!rc && rubrics)
		rc = get_obj(c, rubrics, "outsource", "framework: cdcf: rubrics", &outs);
	if (rc)
		return rc;
	if (rubrics && !in)
		return fail(c, "framework: cdcf: rubrics", "'insource' is missing");
	if (!in) {
		rc = rubric_from_framework(c, fwo, &fw->rubric[SIDE_INSOURCE]);
		if (!rc)
			rubric_copy(&fw->rubric[SIDE_OUTSOURCE], &fw->rubric[SIDE_INSOURCE]);
		return rc;
	}
	rc = rubric_from_cdcf(c, in, "rubric 'insource'", &fw->rubric[SIDE_INSOURCE]);
	if (rc)
		return rc;
	if (!outs) {
		rubric_copy(&fw->rubric[SIDE_OUTSOURCE], &fw->rubric[SIDE_INSOURCE]);
		return 0;
	}
	return rubric_from_cdcf(c, outs, "rubric 'outsource'", &fw->rubric[SIDE_OUTSOURCE]);
}

/* ---- presets ------------------------------------------------------------- */

static int valid_level(const char *s)
{
	static const char *const levels[] = {"not_required", "basic", "standard", "advanced",
					     "optional"};
	size_t i;

	for (i = 0; i < sizeof(levels) / sizeof(levels[0]); i++)
		if (!strcmp(s, levels[i]))
			return 1;
	return 0;
}

static int read_presets(struct ctx *c, const json_t *fwext, struct framework *fw,
			const struct strmap *refs)
{
	const json_t *list = fwext ? json_object_get(fwext, "presets") : NULL, *p, *levels, *lv;
	const char *id, *ref;
	char where[160];
	size_t i, j;
	int rc;

	if (!list || json_is_null(list))
		return 0;
	if (!json_is_array(list))
		return fail(c, "framework: cdcf", "'presets' must be a list");
	fw->presets = xcalloc(json_array_size(list) + 1, sizeof(*fw->presets));
	json_array_foreach (list, i, p) {
		struct preset *ps = &fw->presets[i];

		snprintf(where, sizeof(where), "preset %zu", i + 1);
		if (!json_is_object(p))
			return fail(c, where, "must be a mapping");
		rc = need_str(c, p, "id", where, &id);
		if (rc)
			return rc;
		snprintf(where, sizeof(where), "preset '%s'", id);
		if (framework_preset(fw, id))
			return fail(c, where, "defined twice");
		ps->id = xstrdup(id);
		fw->n_presets++;
		rc = get_pair(c, p, "name", where, 0, &ps->name_en, &ps->name_ja);
		if (!rc)
			rc = get_pair(c, p, "description", where, 0, &ps->description_en,
				      &ps->description_ja);
		if (!rc)
			rc = get_obj(c, p, "levels", where, &levels);
		if (rc)
			return rc;
		if (!ps->name_en)
			ps->name_en = xstrdup(id);
		if (!levels)
			continue;
		ps->levels = xcalloc(json_object_size(levels) + 1, sizeof(*ps->levels));
		j = 0;
		json_object_foreach ((json_t *)levels, ref, lv) {
			int idx = strmap_get(refs, ref);

			if (idx < 0)
				return fail(c, where, "'%s' is not a node of this framework", ref);
			if (!fw->nodes[idx].assessable)
				return fail(c, where, "'%s' is not assessable", ref);
			if (!json_is_string(lv) || !valid_level(json_string_value(lv)))
				return fail(c, where,
					    "level for '%s' must be not_required, basic, standard, "
					    "advanced or optional",
					    ref);
			ps->levels[j].ref_id = xstrdup(ref);
			ps->levels[j].level = xstrdup(json_string_value(lv));
			ps->n_levels = ++j;
		}
	}
	return 0;
}

/* ---- nodes --------------------------------------------------------------- */

/* Name used in messages: "node 'A-3'", else "node '<urn>'", else "node #N". */
static void node_where(char *buf, size_t n, const json_t *node, size_t i)
{
	const json_t *ref = json_object_get(node, "ref_id"), *urn = json_object_get(node, "urn");

	if (json_is_string(ref) && json_string_length(ref))
		snprintf(buf, n, "node '%s'", json_string_value(ref));
	else if (json_is_string(urn))
		snprintf(buf, n, "node '%s'", json_string_value(urn));
	else
		snprintf(buf, n, "node #%zu", i + 1);
}

/* A display name for a node without one: the first line of its description. */
static char *name_from_description(const char *desc)
{
	size_t n = strcspn(desc, "\n"), cut = 117;
	char *s;

	if (n <= 120)
		return xstrndup(desc, n);
	while (cut > 0 && ((unsigned char)desc[cut] & 0xC0) == 0x80)
		cut--; /* do not split a UTF-8 sequence */
	s = xmalloc(cut + 4);
	memcpy(s, desc, cut);
	memcpy(s + cut, "...", 4);
	return s;
}

static int read_node_ext(struct ctx *c, const json_t *ext, const char *where, struct fw_node *n,
			 int *kind)
{
	const char *s;
	const json_t *q;
	long long v;
	int present, rc;

	rc = get_str(c, ext, "kind", where, &s);
	if (rc)
		return rc;
	if (s) {
		*kind = node_kind_parse(s);
		if (*kind < 0)
			return fail(c, where, "unknown kind '%s'", s);
	}
	rc = get_str(c, ext, "status", where, &s);
	if (rc)
		return rc;
	if (s && !strcmp(s, "provisional"))
		n->status = STATUS_PROVISIONAL;
	else if (s && strcmp(s, "verified"))
		return fail(c, where, "status must be verified or provisional, got '%s'", s);
	rc = get_str(c, ext, "source", where, &s);
	if (!rc && s)
		n->source_note = xstrdup(s);
	if (!rc)
		rc = get_str(c, ext, "name_ja", where, &s);
	if (!rc && s && *s) {
		free(n->name_ja);
		n->name_ja = xstrdup(s);
	}
	if (!rc)
		rc = get_str(c, ext, "description_ja", where, &s);
	if (!rc && s && *s) {
		free(n->description_ja);
		n->description_ja = xstrdup(s);
	}
	if (!rc)
		rc = get_bool(c, ext, "management", where, &n->management);
	if (!rc)
		rc = get_obj(c, ext, "quadrant", where, &q);
	if (rc || !q)
		return rc;
	rc = get_int(c, q, "skill", where, &v, &present);
	if (rc)
		return rc;
	if (!present || v < 0 || v > 100)
		return fail(c, where, "quadrant skill must be 0-100");
	n->quadrant.skill = (int)v;
	rc = get_int(c, q, "info", where, &v, &present);
	if (rc)
		return rc;
	if (!present || v < 0 || v > 100)
		return fail(c, where, "quadrant info must be 0-100");
	n->quadrant.info = (int)v;
	return 0;
}

/*
 * First pass over one node: copy its fields. parent_urns[i] keeps the
 * borrowed parent urn, depths[i] the given depth (0 if none), kinds[i] the
 * declared kind (-1 if none).
 */
static int read_node(struct ctx *c, const json_t *jn, size_t i, int is_cdcf, struct fw_node *n,
		     const char **parent_urn, long long *depth, int *kind)
{
	const char *urn, *ref, *name, *desc;
	const json_t *ext;
	char where[200];
	int present, rc;

	node_where(where, sizeof(where), jn, i);
	if (!json_is_object(jn))
		return fail(c, where, "must be a mapping");
	n->parent = -1;
	n->quadrant.skill = n->quadrant.info = -1;
	*kind = -1;
	*depth = 0;
	rc = need_str(c, jn, "urn", where, &urn);
	if (!rc)
		rc = is_cdcf ? need_str(c, jn, "ref_id", where, &ref)
			     : get_str(c, jn, "ref_id", where, &ref);
	if (!rc)
		rc = get_str(c, jn, "name", where, &name);
	if (!rc)
		rc = get_str(c, jn, "description", where, &desc);
	if (!rc)
		rc = get_str(c, jn, "parent_urn", where, parent_urn);
	if (!rc)
		rc = get_bool(c, jn, "assessable", where, &n->assessable);
	if (!rc)
		rc = get_int(c, jn, "depth", where, depth, &present);
	if (!rc)
		rc = get_obj(c, jn, "cdcf", where, &ext);
	if (rc)
		return rc;
	if (!ref || !*ref)
		ref = urn_tail(urn);
	if (!*ref)
		return fail(c, where, "no ref_id and the urn ends with ':'");
	n->urn = xstrdup(urn);
	n->ref_id = xstrdup(ref);
	if (name && *name)
		n->name_en = xstrdup(name);
	else if (desc && *desc)
		n->name_en = name_from_description(desc);
	else
		n->name_en = xstrdup(ref);
	n->description_en = desc && *desc ? xstrdup(desc) : NULL;
	n->name_ja = xstrdup(ja_translation(jn, "name"));
	n->description_ja = xstrdup(ja_translation(jn, "description"));
	n->status = STATUS_VERIFIED;
	if (ext)
		return read_node_ext(c, ext, where, n, kind);
	return 0;
}

/* Second pass: parents, depths (no cycles), kinds. */
static int link_nodes(struct ctx *c, struct framework *fw, const struct strmap *urns,
		      const char **parent_urns, const long long *given_depth, const int *kinds)
{
	size_t n = fw->n_nodes, i, len;
	int *path = xmalloc(n * sizeof(*path));
	int rc = 0;

	for (i = 0; i < n; i++) {
		fw->nodes[i].depth = 0;
		if (!parent_urns[i] || !*parent_urns[i])
			continue;
		fw->nodes[i].parent = strmap_get(urns, parent_urns[i]);
		if (fw->nodes[i].parent < 0) {
			rc = fail(c, NULL, "node '%s': parent_urn '%s' does not resolve",
				  fw->nodes[i].ref_id, parent_urns[i]);
			goto out;
		}
	}
	/* depth 0 = unknown, -1 = on the current walk */
	for (i = 0; i < n; i++) {
		int j = (int)i, base;

		len = 0;
		while (j >= 0 && fw->nodes[j].depth == 0) {
			fw->nodes[j].depth = -1;
			path[len++] = j;
			j = fw->nodes[j].parent;
		}
		if (j >= 0 && fw->nodes[j].depth < 0) {
			rc = fail(c, NULL, "node '%s': parent_urn chain forms a cycle",
				  fw->nodes[j].ref_id);
			goto out;
		}
		base = j < 0 ? 0 : fw->nodes[j].depth;
		while (len > 0)
			fw->nodes[path[--len]].depth = ++base;
	}
	for (i = 0; i < n; i++) {
		struct fw_node *nd = &fw->nodes[i];

		if (given_depth[i] && given_depth[i] != nd->depth) {
			rc = fail(c, NULL, "node '%s': depth %lld does not match its place (%d)",
				  nd->ref_id, given_depth[i], nd->depth);
			goto out;
		}
		if (kinds[i] >= 0)
			nd->kind = (enum node_kind)kinds[i];
		else if (nd->assessable)
			nd->kind = NODE_SERVICE;
		else
			nd->kind = nd->depth == 1 ? NODE_CATEGORY : NODE_FUNCTION;
	}
out:
	free(path);
	return rc;
}

static int read_nodes(struct ctx *c, const json_t *list, int is_cdcf, struct framework *fw,
		      struct strmap *urns, struct strmap *refs)
{
	size_t n = json_array_size(list), i;
	const char **parent_urns;
	long long *depths;
	int *kinds;
	int rc = 0;

	if ((long long)n > INT32_MAX)
		return fail(c, "framework", "too many requirement nodes");
	fw->nodes = xcalloc(n, sizeof(*fw->nodes));
	parent_urns = xcalloc(n, sizeof(*parent_urns));
	depths = xcalloc(n, sizeof(*depths));
	kinds = xcalloc(n, sizeof(*kinds));
	strmap_init(urns, n);
	strmap_init(refs, n);
	for (i = 0; i < n && !rc; i++) {
		struct fw_node *nd = &fw->nodes[i];
		int dup;

		rc = read_node(c, json_array_get(list, i), i, is_cdcf, nd, &parent_urns[i],
			       &depths[i], &kinds[i]);
		fw->n_nodes = i + 1; /* so framework_release frees what was copied */
		if (rc)
			break;
		dup = strmap_put(urns, nd->urn, (int)i);
		if (dup >= 0)
			rc =
			    fail(c, NULL, "node '%s': urn '%s' is used twice", nd->ref_id, nd->urn);
		dup = rc ? -1 : strmap_put(refs, nd->ref_id, (int)i);
		if (dup >= 0)
			rc = fail(c, NULL, "node '%s': ref_id is used twice (also %s)", nd->ref_id,
				  fw->nodes[dup].urn);
	}
	if (!rc)
		rc = link_nodes(c, fw, urns, parent_urns, depths, kinds);
	free(parent_urns);
	free(depths);
	free(kinds);
	return rc;
}

/* ---- library ------------------------------------------------------------- */

/* objects.framework, or the single entry of objects.frameworks; NULL if none. */
static int find_framework(struct ctx *c, const json_t *lib, const json_t **out)
{
	const json_t *objects = json_object_get(lib, "objects"), *f;

	*out = NULL;
	if (!json_is_object(objects))
		return fail(c, NULL, "'objects' is missing or not a mapping");
	f = json_object_get(objects, "framework");
	if (!f)
		f = json_object_get(objects, "frameworks");
	if (json_is_array(f)) {
		if (json_array_size(f) != 1)
			return fail(c, NULL,
				    "library holds %zu frameworks; cdcf reads one per file",
				    json_array_size(f));
		f = json_array_get(f, 0);
	}
	if (f && !json_is_object(f))
		return fail(c, NULL, "'objects.framework' must be a mapping");
	*out = f;
	return 0;
}

static int read_header(struct ctx *c, const json_t *lib, const json_t *libext, const json_t *fwo,
		       struct framework *fw)
{
	const char *lurn, *lname, *furn, *fref, *fname, *s, *pub, *prov, *pack;
	const json_t *ver = json_object_get(lib, "version");
	char tmp[512];
	int rc;

	rc = need_str(c, lib, "urn", "library", &lurn);
	if (!rc)
		rc = get_str(c, lib, "name", "library", &lname);
	if (!rc)
		rc = need_str(c, fwo, "urn", "framework", &furn);
	if (!rc)
		rc = need_str(c, fwo, "ref_id", "framework", &fref);
	if (!rc)
		rc = get_str(c, fwo, "name", "framework", &fname);
	if (!rc)
		rc = get_str(c, lib, "publication_date", "library", &pub);
	if (!rc)
		rc = get_str(c, lib, "provider", "library", &prov);
	if (!rc)
		rc = get_str(c, lib, "packager", "library", &pack);
	if (rc)
		return rc;
	if (libext) {
		rc = need_str(c, libext, "id", "library: cdcf", &s);
		if (rc)
			return rc;
		if (!valid_id(s))
			return fail(c, "library: cdcf",
				    "id '%s' may hold only a-z, 0-9, '-', '.' and '_'", s);
		fw->id = xstrdup(s);
	} else {
		size_t i;
		fw->id = xstrdup(urn_tail(lurn));
		for (i = 0; fw->id[i]; i++)
			if (fw->id[i] >= 'A' && fw->id[i] <= 'Z')
				fw->id[i] = (char)(fw->id[i] - 'A' + 'a');
		if (!valid_id(fw->id))
			return fail(c, "library", "cannot derive a framework id from urn '%s'",
				    lurn);
	}
	fw->urn = xstrdup(lurn);
	fw->name_en = xstrdup(fname && *fname ? fname : lname && *lname ? lname : fref);
	s = NULL;
	if (libext)
		rc = get_str(c, libext, "name_ja", "library: cdcf", &s);
	if (rc)
		return rc;
	if (!s)
		s = ja_translation(fwo, "name");
	if (!s)
		s = ja_translation(lib, "name");
	fw->name_ja = s && *s ? xstrdup(s) : NULL;
	s = NULL;
	if (libext)
		rc = get_str(c, libext, "edition", "library: cdcf", &s);
	if (rc)
		return rc;
	fw->edition = xstrdup(s ? s : pub);
	if (json_is_integer(ver)) {
		snprintf(tmp, sizeof(tmp), "%" JSON_INTEGER_FORMAT, json_integer_value(ver));
		fw->version = xstrdup(tmp);
	} else if (json_is_string(ver)) {
		fw->version = xstrdup(json_string_value(ver));
	} else if (ver && !json_is_null(ver)) {
		return fail(c, "library", "'version' must be an integer");
	}
	s = NULL;
	if (libext)
		rc = get_str(c, libext, "source_note", "library: cdcf", &s);
	if (rc)
		return rc;
	if (s) {
		fw->source_note = xstrdup(s);
	} else {
		snprintf(tmp, sizeof(tmp), "CISO Assistant library '%s'%s%s%s%s", lurn,
			 prov ? ", provider " : "", prov ? prov : "", pack ? ", packager " : "",
			 pack ? pack : "");
		fw->source_note = xstrdup(tmp);
	}
	return 0;
}

int catalog_from_json(const json_t *lib, const char *source_name, struct framework **out,
		      struct err *e)
{
	struct ctx c = {source_name ? source_name : "<library>", e};
	const json_t *fwo, *libext = NULL, *fwext = NULL, *nodes;
	struct strmap urns = {0}, refs = {0};
	struct framework *fw;
	int rc;

	*out = NULL;
	if (!json_is_object(lib))
		return fail(&c, NULL, "a library must be a mapping");
	rc = get_obj(&c, lib, "cdcf", "library", &libext);
	if (!rc)
		rc = find_framework(&c, lib, &fwo);
	if (rc)
		return rc;
	if (!fwo)
		return fail(&c, NULL, "library has no framework (objects.framework)");
	rc = get_obj(&c, fwo, "cdcf", "framework", &fwext);
	if (rc)
		return rc;
	nodes = json_object_get(fwo, "requirement_nodes");
	if (!json_is_array(nodes) || !json_array_size(nodes))
		return fail(&c, "framework", "'requirement_nodes' must be a non-empty list");

	fw = xcalloc(1, sizeof(*fw));
	rc = read_header(&c, lib, libext, fwo, fw);
	if (!rc)
		rc = read_nodes(&c, nodes, libext != NULL, fw, &urns, &refs);
	if (!rc)
		rc = read_rubrics(&c, fwo, fwext, fw);
	if (!rc)
		rc = read_presets(&c, fwext, fw, &refs);
	strmap_release(&urns);
	strmap_release(&refs);
	if (rc) {
		framework_free(fw);
		return rc;
	}
	*out = fw;
	return 0;
}

int catalog_load(const char *data, size_t len, const char *source_name, struct framework **out,
		 struct err *e)
{
	json_t *doc;
	int rc;

	*out = NULL;
	rc = yaml_doc_parse(data, len, source_name, &doc, e);
	if (rc)
		return rc;
	rc = catalog_from_json(doc, source_name, out, e);
	json_decref(doc);
	return rc;
}

/* ---- registry of shipped catalogues ------------------------------------- */

static pthread_once_t registry_once = PTHREAD_ONCE_INIT;
static struct framework **registry;
static size_t registry_n;
static int registry_rc;
static struct err registry_err;

static const char *const preferred_order[] = {"x1060-2021", "x1060-2026", "first-csirt-2.1",
					      "first-psirt-1.1", "sim3-v1"};

static size_t order_rank(const char *id)
{
	size_t i, n = sizeof(preferred_order) / sizeof(preferred_order[0]);

	for (i = 0; i < n; i++)
		if (!strcmp(id, preferred_order[i]))
			return i;
	return n;
}

static int registry_cmp(const void *a, const void *b)
{
	const struct framework *fa = *(const struct framework *const *)a;
	const struct framework *fb = *(const struct framework *const *)b;
	size_t ra = order_rank(fa->id), rb = order_rank(fb->id);

	if (ra != rb)
		return ra < rb ? -1 : 1;
	return strcmp(fa->id, fb->id);
}

/* Does this parsed library hold a framework (rather than only mappings)? */
static int has_framework(const json_t *doc)
{
	const json_t *objects = json_object_get(doc, "objects");

	return json_object_get(objects, "framework") || json_object_get(objects, "frameworks");
}

static void registry_load(void)
{
	const struct embedded_file *f;
	struct framework **list = NULL;
	size_t n = 0, cap = 0, i;
	int rc = 0;

	for (f = embedded_catalogs; f->name && !rc; f++) {
		struct framework *fw;
		json_t *doc;

		rc = yaml_doc_parse((const char *)f->data, f->size, f->name, &doc, &registry_err);
		if (rc)
			break;
		if (!json_is_object(doc) || !has_framework(doc)) {
			json_decref(doc);
			continue;
		}
		rc = catalog_from_json(doc, f->name, &fw, &registry_err);
		json_decref(doc);
		if (rc)
			break;
		for (i = 0; i < n; i++)
			if (!strcmp(list[i]->id, fw->id))
				break;
		if (i < n) {
			rc = err_set(&registry_err, ERR_INTERNAL,
				     "%s: framework id '%s' is shipped twice", f->name, fw->id);
			framework_free(fw);
			break;
		}
		list = xgrow(list, &cap, n + 1, sizeof(*list));
		list[n++] = fw;
	}
	if (rc) {
		err_prefix(&registry_err, "shipped catalogue");
		for (i = 0; i < n; i++)
			framework_free(list[i]);
		free(list);
		registry_rc = rc;
		return;
	}
	if (n)
		qsort(list, n, sizeof(*list), registry_cmp);
	registry = list;
	registry_n = n;
}

int catalog_registry_init(struct err *e)
{
	pthread_once(&registry_once, registry_load);
	if (registry_rc && e)
		*e = registry_err;
	return registry_rc;
}

const struct framework *catalog_get(const char *id)
{
	size_t i;

	pthread_once(&registry_once, registry_load);
	if (!id)
		return NULL;
	for (i = 0; i < registry_n; i++)
		if (!strcmp(registry[i]->id, id))
			return registry[i];
	return NULL;
}

size_t catalog_count(void)
{
	pthread_once(&registry_once, registry_load);
	return registry_n;
}

const struct framework *catalog_at(size_t i)
{
	pthread_once(&registry_once, registry_load);
	return i < registry_n ? registry[i] : NULL;
}

void catalog_registry_release(void)
{
	size_t i;

	pthread_once(&registry_once, registry_load); /* a later first use must not load */
	for (i = 0; i < registry_n; i++)
		framework_free(registry[i]);
	XFREE(&registry);
	registry_n = 0;
}
