/*
 * cycle_json.c - snapshots, scores and evaluation answers as JSON (see
 * cycle_json.h).
 */
#include "store/cycle_json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/evaluation.h"
#include "core/level.h"
#include "util/xalloc.h"

/* ---- scores and snapshots ---- */

json_t *score_to_json(int score)
{
	if (score == SCORE_NA)
		return json_string("n/a");
	if (score == SCORE_NONE)
		return json_null();
	return json_integer(score);
}

int score_from_json(const json_t *v, int *out)
{
	if (!v || json_is_null(v)) {
		*out = SCORE_NONE;
		return 0;
	}
	if (json_is_string(v) && !strcmp(json_string_value(v), "n/a")) {
		*out = SCORE_NA;
		return 0;
	}
	if (json_is_integer(v) && json_integer_value(v) >= 0 && json_integer_value(v) <= 100) {
		*out = (int)json_integer_value(v);
		return 0;
	}
	return -1;
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *pair_json(const struct score_pair *sp)
{
	json_t *o = json_object();
	json_object_set_new(o, "current", score_to_json(sp->current));
	json_object_set_new(o, "target", score_to_json(sp->target));
	return o;
}

json_t *snapshot_of(const struct portfolio *p)
{
	json_t *root = json_object(), *entries = json_array();
	size_t i;

	json_object_set_new(root, "framework", json_string(p->framework_id ? p->framework_id : ""));
	json_object_set_new(root, "cycle", json_integer(p->cycle));
	for (i = 0; i < p->n_entries; i++) {
		const struct entry *e = &p->entries[i];
		json_t *o = json_object();
		json_object_set_new(o, "ref", json_string(e->ref_id));
		json_object_set_new(o, "level", json_string(level_name(e->level)));
		json_object_set_new(o, "assignment", json_string(assignment_name(e->assignment)));
		json_object_set_new(o, "team", str_or_null(e->team));
		json_object_set_new(o, "provider", str_or_null(e->provider));
		json_object_set_new(o, "insource", pair_json(&e->score[SIDE_INSOURCE]));
		json_object_set_new(o, "outsource", pair_json(&e->score[SIDE_OUTSOURCE]));
		json_object_set_new(o, "note", str_or_null(e->note));
		if (e->custom) {
			json_t *c = json_object();
			json_object_set_new(c, "name_en", str_or_null(e->custom_name_en));
			json_object_set_new(c, "name_ja", str_or_null(e->custom_name_ja));
			json_object_set_new(c, "category", str_or_null(e->custom_category));
			json_object_set_new(o, "custom", c);
		}
		json_array_append_new(entries, o);
	}
	json_object_set_new(root, "entries", entries);
	return root;
}

/* A copy of the string member key of o, NULL when it is absent or not a string. */
static char *str_member_dup(const json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s ? xstrdup(s) : NULL;
}

/* Both sides' scores of a snapshot entry; -1 when one is not a valid score. */
static int scores_from_json(const json_t *je, struct score_pair sc[SIDE_COUNT])
{
	static const char *const sides[SIDE_COUNT] = {"insource", "outsource"};
	int s;

	for (s = 0; s < SIDE_COUNT; s++) {
		const json_t *side = json_object_get(je, sides[s]);
		if (score_from_json(json_object_get(side, "current"), &sc[s].current) ||
		    score_from_json(json_object_get(side, "target"), &sc[s].target))
			return -1;
	}
	return 0;
}

int snapshot_to_portfolio(const json_t *snap, const struct framework *fw, struct portfolio *out)
{
	const json_t *entries = json_object_get(snap, "entries"), *je;
	const json_t *cycle = json_object_get(snap, "cycle");
	const char *fw_id = json_string_value(json_object_get(snap, "framework"));
	size_t i;

	out->fw = fw;
	out->framework_id = xstrdup(fw_id && *fw_id ? fw_id : fw ? fw->id : NULL);
	if (!json_is_object(snap) || (entries && !json_is_array(entries)))
		return ERR_INVALID;
	if (json_is_integer(cycle))
		out->cycle = (int)json_integer_value(cycle);
	json_array_foreach (entries, i, je) {
		const char *ref = json_string_value(json_object_get(je, "ref"));
		int lv = level_parse(json_string_value(json_object_get(je, "level")));
		int as = assignment_parse(json_string_value(json_object_get(je, "assignment")));
		const json_t *custom = json_object_get(je, "custom");
		struct score_pair sc[SIDE_COUNT];
		struct entry *en;

		if (!ref || lv < 0 || as < 0 || scores_from_json(je, sc))
			continue;
		en = portfolio_add_entry(out, ref);
		en->level = lv;
		en->assignment = as;
		en->team = str_member_dup(je, "team");
		en->provider = str_member_dup(je, "provider");
		en->score[SIDE_INSOURCE] = sc[SIDE_INSOURCE];
		en->score[SIDE_OUTSOURCE] = sc[SIDE_OUTSOURCE];
		en->note = str_member_dup(je, "note");
		if (json_is_object(custom)) {
			en->custom = 1;
			en->custom_name_en = str_member_dup(custom, "name_en");
			en->custom_name_ja = str_member_dup(custom, "name_ja");
			en->custom_category = str_member_dup(custom, "category");
		}
	}
	portfolio_sort(out);
	return 0;
}

static char *value_text(const json_t *v)
{
	char num[32];

	if (!v || json_is_null(v))
		return xstrdup("");
	if (json_is_string(v))
		return xstrdup(json_string_value(v));
	if (json_is_integer(v)) {
		snprintf(num, sizeof(num), "%lld", (long long)json_integer_value(v));
		return xstrdup(num);
	}
	return xstrdup("?");
}

static const json_t *find_ref(const json_t *entries, const char *ref)
{
	size_t i;
	const json_t *e;

	json_array_foreach (entries, i, e) {
		const char *r = json_string_value(json_object_get(e, "ref"));
		if (r && !strcmp(r, ref))
			return e;
	}
	return NULL;
}

struct change_list {
	struct change *items;
	size_t n, cap;
};

static void push(struct change_list *l, enum change_kind k, const char *ref, const char *field,
		 const json_t *before, const json_t *after)
{
	struct change *c;

	l->items = xgrow(l->items, &l->cap, l->n + 1, sizeof(*l->items));
	c = &l->items[l->n++];
	c->kind = k;
	c->ref_id = xstrdup(ref);
	c->field = xstrdup(field);
	c->before = value_text(before);
	c->after = value_text(after);
}

static void compare_field(struct change_list *l, enum change_kind k, const char *ref,
			  const char *field, const json_t *a, const json_t *b)
{
	/* a missing key and null mean the same: nothing recorded */
	json_t *x = a ? (json_t *)a : json_null(), *y = b ? (json_t *)b : json_null();

	if (!json_equal(x, y))
		push(l, k, ref, field, a, b);
}

static void compare_entry(struct change_list *l, const char *ref, const json_t *a, const json_t *b)
{
	static const char *const sides[] = {"insource", "outsource"};
	static const char *const which[] = {"current", "target"};
	char field[32];
	int s, w;

	compare_field(l, CHANGE_LEVEL, ref, "level", json_object_get(a, "level"),
		      json_object_get(b, "level"));
	compare_field(l, CHANGE_ASSIGNMENT, ref, "assignment", json_object_get(a, "assignment"),
		      json_object_get(b, "assignment"));
	compare_field(l, CHANGE_ASSIGNMENT, ref, "team", json_object_get(a, "team"),
		      json_object_get(b, "team"));
	compare_field(l, CHANGE_ASSIGNMENT, ref, "provider", json_object_get(a, "provider"),
		      json_object_get(b, "provider"));
	for (s = 0; s < 2; s++)
		for (w = 0; w < 2; w++) {
			snprintf(field, sizeof(field), "%s.%s", sides[s], which[w]);
			compare_field(l, CHANGE_SCORE, ref, field,
				      json_object_get(json_object_get(a, sides[s]), which[w]),
				      json_object_get(json_object_get(b, sides[s]), which[w]));
		}
}

size_t snapshot_diff(const json_t *a, const json_t *b, struct change **out)
{
	struct change_list l = {0};
	const json_t *ea = json_object_get(a, "entries"), *eb = json_object_get(b, "entries");
	const json_t *e;
	size_t i;

	json_array_foreach (eb, i, e) {
		const char *ref = json_string_value(json_object_get(e, "ref"));
		const json_t *old;
		if (!ref)
			continue;
		old = find_ref(ea, ref);
		if (!old)
			push(&l, CHANGE_ADDED, ref, "level", NULL, json_object_get(e, "level"));
		else
			compare_entry(&l, ref, old, e);
	}
	json_array_foreach (ea, i, e) {
		const char *ref = json_string_value(json_object_get(e, "ref"));
		if (ref && !find_ref(eb, ref))
			push(&l, CHANGE_REMOVED, ref, "level", json_object_get(e, "level"), NULL);
	}
	*out = l.items;
	return l.n;
}

/* ---- evaluation answers ---- */

/* Place the error e holds (rc) at "answers" or "answers: PATH"; returns rc. */
static int answers_at(struct err *e, int rc, const char *path)
{
	if (path)
		err_prefix(e, "answers: %s", path);
	else
		err_prefix(e, "answers");
	return rc;
}

int eval_validate(const json_t *answers, struct err *e)
{
	const struct eval_question *q;
	const char *k, *k2;
	const json_t *v, *v2;
	char path[64];
	size_t i, n;
	int rc;

	if (!json_is_object(answers))
		return answers_at(e, err_fail(e, ERR_INVALID, NULL, MSG_E_ANSWERS_NOT_OBJECT),
				  NULL);
	json_object_foreach ((json_t *)answers, k, v) {
		if (!eval_known(k, NULL))
			return answers_at(e, err_fail(e, ERR_INVALID, k, MSG_E_ANSWERS_SECTION, k),
					  NULL);
		if (!strcmp(k, "delegation"))
			continue;
		if (!json_is_object(v))
			return answers_at(e, err_fail(e, ERR_INVALID, k, MSG_E_MUST_BE_OBJECT), k);
		json_object_foreach ((json_t *)v, k2, v2) {
			if (eval_known(k, k2))
				continue;
			snprintf(path, sizeof(path), "%.30s.%.30s", k, k2);
			return answers_at(
			    e, err_fail(e, ERR_INVALID, path, MSG_E_ANSWERS_QUESTION, k, k2), NULL);
		}
	}
	q = eval_questions(&n);
	for (i = 0; i < n; i++) {
		v = json_object_get(answers, q[i].section);
		if (*q[i].key)
			v = json_object_get(v, q[i].key);
		if (v && !json_is_null(v) && !json_is_string(v))
			return answers_at(
			    e, err_fail(e, ERR_INVALID, eval_path(&q[i], path), MSG_E_MUST_BE_TEXT),
			    path);
		rc = eval_check_answer(&q[i], v ? json_string_value(v) : NULL,
				       v ? json_string_length(v) : 0, e);
		if (rc)
			return rc;
	}
	return 0;
}
