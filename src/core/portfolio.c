#include "core/portfolio.h"

#include <stdlib.h>
#include <string.h>

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

void portfolio_release(struct portfolio *p)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; i < p->n_entries; i++)
		entry_release(&p->entries[i]);
	XFREE(&p->entries);
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

	for (i = 0; p->fw && i < p->n_entries; i++) {
		struct entry *en = &p->entries[i];
		en->assessment = en->custom ? framework_ref_assessment(p->fw, "")
					    : framework_ref_assessment(p->fw, en->ref_id);
		if (!entry_has_sides(en))
			entry_sideless(en);
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
