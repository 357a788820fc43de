#include "core/portfolio.h"

#include <stdlib.h>
#include <string.h>

#include "core/score.h"
#include "util/xalloc.h"

void portfolio_init(struct portfolio *p)
{
	memset(p, 0, sizeof(*p));
}

void entry_release(struct entry *e)
{
	if (!e)
		return;
	XFREE(&e->ref_id);
	XFREE(&e->team);
	XFREE(&e->provider);
	XFREE(&e->note);
	XFREE(&e->evidence);
	XFREE(&e->custom_name_en);
	XFREE(&e->custom_name_ja);
	XFREE(&e->custom_category);
}

void entry_copy(struct entry *dst, const struct entry *src)
{
	*dst = *src;
	dst->ref_id = xstrdup(src->ref_id);
	dst->team = xstrdup(src->team);
	dst->provider = xstrdup(src->provider);
	dst->note = xstrdup(src->note);
	dst->evidence = xstrdup(src->evidence);
	dst->custom_name_en = xstrdup(src->custom_name_en);
	dst->custom_name_ja = xstrdup(src->custom_name_ja);
	dst->custom_category = xstrdup(src->custom_category);
}

void portfolio_release(struct portfolio *p)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; i < p->n_entries; i++)
		entry_release(&p->entries[i]);
	XFREE(&p->entries);
	XFREE(&p->index);
	XFREE(&p->org_name);
	XFREE(&p->framework_id);
	XFREE(&p->next_evaluation);
	portfolio_init(p);
}

void portfolio_free(struct portfolio *p)
{
	portfolio_release(p);
	free(p);
}

/* FNV-1a: refs are short ASCII strings. */
static size_t ref_hash(const char *s)
{
	size_t h = (size_t)14695981039346656037ULL;

	while (*s)
		h = (h ^ (unsigned char)*s++) * (size_t)1099511628211ULL;
	return h;
}

/* Index entry i; a ref already indexed keeps its first entry. */
static void index_insert(struct portfolio *p, size_t i)
{
	size_t mask = p->index_cap - 1, slot = ref_hash(p->entries[i].ref_id) & mask;

	while (p->index[slot]) {
		if (!strcmp(p->entries[p->index[slot] - 1].ref_id, p->entries[i].ref_id))
			goto done;
		slot = (slot + 1) & mask;
	}
	p->index[slot] = i + 1;
done:
	p->n_indexed = i + 1;
}

void portfolio_index(struct portfolio *p)
{
	size_t i;

	XFREE(&p->index);
	p->n_indexed = 0;
	for (p->index_cap = 16; p->index_cap < 2 * p->n_entries + 2;)
		p->index_cap *= 2;
	p->index = xcalloc(p->index_cap, sizeof(*p->index));
	for (i = 0; i < p->n_entries; i++)
		index_insert(p, i);
}

struct entry *portfolio_add_entry(struct portfolio *p, const char *ref_id)
{
	struct entry *e;
	int s;

	p->entries = xgrow(p->entries, &p->cap_entries, p->n_entries + 1, sizeof(*p->entries));
	e = &p->entries[p->n_entries++];
	memset(e, 0, sizeof(*e));
	e->ref_id = xstrdup(ref_id);
	e->level = LEVEL_NOT_REQUIRED;
	e->assignment = ASSIGN_UNASSIGNED;
	for (s = 0; s < SIDE_COUNT; s++)
		e->score[s].current = e->score[s].target = SCORE_NONE;
	if (p->index && p->n_indexed + 1 == p->n_entries) {
		if (2 * p->n_entries > p->index_cap)
			portfolio_index(p);
		else
			index_insert(p, p->n_entries - 1);
	}
	return e;
}

int entry_has_sides(const struct entry *en)
{
	return assessment_has_sides(en->assessment);
}

int entry_uses_side(const struct entry *en, enum side s)
{
	if (!entry_has_sides(en))
		return s == SIDE_INSOURCE;
	return assignment_uses_side(en->assignment, s);
}

int entry_procured(const struct entry *en)
{
	return en->level != LEVEL_NOT_REQUIRED && entry_has_sides(en) && !en->part;
}

const struct rubric *entry_scale(const struct portfolio *p, const struct entry *en, enum side s)
{
	return framework_scale(p->fw, en->assessment, s);
}

/* An entry without sides: no assignment, its score on the in-house side. */
static void entry_sideless(struct entry *en)
{
	struct score_pair *in = &en->score[SIDE_INSOURCE], *out = &en->score[SIDE_OUTSOURCE];

	en->assignment = ASSIGN_UNASSIGNED;
	en->team_id = en->provider_id = 0;
	XFREE(&en->team);
	XFREE(&en->provider);
	if (in->current == SCORE_NONE && in->target == SCORE_NONE)
		*in = *out;
	out->current = out->target = SCORE_NONE;
}

void portfolio_bind(struct portfolio *p)
{
	size_t i;

	portfolio_index(p);
	for (i = 0; p->fw && i < p->n_entries; i++) {
		struct entry *en = &p->entries[i];
		int node = en->custom ? -1 : framework_find(p->fw, en->ref_id);
		en->assessment = en->custom ? framework_ref_assessment(p->fw, "")
					    : framework_ref_assessment(p->fw, en->ref_id);
		en->part = node >= 0 && framework_part_of(p->fw, node) >= 0;
		memset(&en->from_parts, 0, sizeof(en->from_parts));
		if (!entry_has_sides(en))
			entry_sideless(en);
	}
	for (i = 0; p->fw && i < p->n_entries; i++) {
		const struct entry *en = &p->entries[i];
		struct entry *whole;
		double cur, tgt;
		int up;
		if (!en->part || en->level == LEVEL_NOT_REQUIRED || entry_figure(en, 0, &cur) ||
		    entry_figure(en, 1, &tgt))
			continue;
		up = framework_part_of(p->fw, framework_find(p->fw, en->ref_id));
		whole = portfolio_find(p, p->fw->nodes[up].ref_id);
		if (!whole)
			continue;
		whole->from_parts.n++; /* sums now, means below */
		whole->from_parts.current += cur;
		whole->from_parts.target += tgt;
	}
	for (i = 0; p->fw && i < p->n_entries; i++) {
		struct entry *en = &p->entries[i];
		if (en->from_parts.n) {
			en->from_parts.current /= (double)en->from_parts.n;
			en->from_parts.target /= (double)en->from_parts.n;
		}
	}
}

void portfolio_fill_defaults(struct portfolio *p)
{
	size_t i, n0 = p->n_entries;

	for (i = 0; p->fw && i < p->fw->n_nodes; i++) {
		const struct fw_node *nd = &p->fw->nodes[i];
		struct entry *en;
		if (!nd->assessable || assessment_has_sides(nd->assessment) ||
		    portfolio_find(p, nd->ref_id))
			continue;
		en = portfolio_add_entry(p, nd->ref_id);
		en->level = LEVEL_IN_SCOPE;
		en->assessment = nd->assessment;
	}
	if (p->n_entries != n0)
		portfolio_sort(p);
}

struct entry *portfolio_find(const struct portfolio *p, const char *ref_id)
{
	size_t i;

	if (p->index && p->n_indexed == p->n_entries) {
		size_t mask = p->index_cap - 1, slot = ref_hash(ref_id) & mask;
		for (; p->index[slot]; slot = (slot + 1) & mask)
			if (!strcmp(p->entries[p->index[slot] - 1].ref_id, ref_id))
				return &p->entries[p->index[slot] - 1];
		return NULL;
	}
	for (i = 0; i < p->n_entries; i++)
		if (!strcmp(p->entries[i].ref_id, ref_id))
			return &p->entries[i];
	return NULL;
}

/* Compare refs naturally: "A-2" < "A-10", "6.4.2" < "6.10". */
static int natural_cmp(const char *a, const char *b)
{
	while (*a && *b) {
		if (*a >= '0' && *a <= '9' && *b >= '0' && *b <= '9') {
			unsigned long x = strtoul(a, (char **)&a, 10);
			unsigned long y = strtoul(b, (char **)&b, 10);
			if (x != y)
				return x < y ? -1 : 1;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

/* Sort key: position of the entry's service in the catalogue fw; custom ones sit
 * after the last node of their category. */
static long sort_pos(const struct framework *fw, const struct entry *e)
{
	int i, cat;

	if (!fw)
		return 0;
	if (!e->custom) {
		i = framework_find(fw, e->ref_id);
		return i < 0 ? 1L << 30 : (long)i * 2;
	}
	cat = e->custom_category ? framework_find(fw, e->custom_category) : -1;
	if (cat < 0)
		return 1L << 30;
	for (i = cat + 1; i < (int)fw->n_nodes; i++)
		if (framework_category_of(fw, i) != cat)
			break;
	return (long)(i - 1) * 2 + 1;
}

/* An entry's place, computed once before sorting (qsort has no context argument). */
struct sort_key {
	long pos;
	const char *ref;
	size_t index;
};

static int key_cmp(const void *pa, const void *pb)
{
	const struct sort_key *a = pa, *b = pb;

	if (a->pos != b->pos)
		return a->pos < b->pos ? -1 : 1;
	return natural_cmp(a->ref, b->ref);
}

void portfolio_sort(struct portfolio *p)
{
	struct sort_key *keys;
	struct entry *sorted;
	size_t i;

	if (p->n_entries < 2)
		return; /* qsort may not be given a NULL array */
	keys = xcalloc(p->n_entries, sizeof(*keys));
	for (i = 0; i < p->n_entries; i++) {
		keys[i].pos = sort_pos(p->fw, &p->entries[i]);
		keys[i].ref = p->entries[i].ref_id;
		keys[i].index = i;
	}
	qsort(keys, p->n_entries, sizeof(*keys), key_cmp);
	sorted = xcalloc(p->n_entries, sizeof(*sorted));
	for (i = 0; i < p->n_entries; i++)
		sorted[i] = p->entries[keys[i].index];
	memcpy(p->entries, sorted, p->n_entries * sizeof(*sorted));
	free(sorted);
	free(keys);
	portfolio_index(p);
}

const char *entry_name(const struct portfolio *p, const struct entry *e, const char *lang)
{
	int i;

	if (e->custom) {
		if (lang && !strcmp(lang, "ja") && e->custom_name_ja && *e->custom_name_ja)
			return e->custom_name_ja;
		return e->custom_name_en ? e->custom_name_en : e->ref_id;
	}
	if (!p->fw)
		return e->ref_id;
	i = framework_find(p->fw, e->ref_id);
	return i < 0 ? e->ref_id : fw_node_name(&p->fw->nodes[i], lang);
}

const char *entry_category(const struct portfolio *p, const struct entry *e)
{
	int i, c;

	if (e->custom)
		return e->custom_category ? e->custom_category : "";
	if (!p->fw)
		return "";
	i = framework_find(p->fw, e->ref_id);
	if (i < 0)
		return "";
	c = framework_category_of(p->fw, i);
	return c < 0 ? "" : p->fw->nodes[c].ref_id;
}

int entry_provisional(const struct portfolio *p, const struct entry *e)
{
	int i;

	if (e->custom || !p->fw)
		return 0;
	i = framework_find(p->fw, e->ref_id);
	return i >= 0 && p->fw->nodes[i].status == STATUS_PROVISIONAL;
}
