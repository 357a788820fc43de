/*
 * group.c - the group view's model (ops_group.h).
 */
#include <stdlib.h>
#include <string.h>

#include "core/score.h"
#include "io/catalog.h"
#include "ops/ops_group.h"
#include "ops/ops_int.h"
#include "store/store_group.h"
#include "util/xalloc.h"

/* While reading: one portfolio per organization of the subtree. */
struct group_read {
	struct store_group_org *orgs;
	size_t n_orgs;
	struct portfolio *pf; /* one per org, by index */
	int *has;	      /* has a portfolio, by index */
	const struct framework *fw;
	size_t *svc_of_node; /* column of a framework node, (size_t)-1 when none */
};

/* The index of org_id in r->orgs (a linear search would be quadratic: a sorted copy). */
struct org_slot {
	long long id;
	size_t index;
};

static int slot_cmp(const void *a, const void *b)
{
	long long x = ((const struct org_slot *)a)->id, y = ((const struct org_slot *)b)->id;

	return x < y ? -1 : x > y;
}

struct group_ctx {
	struct group_read *r;
	struct org_slot *slots;
};

static long long find_slot(const struct group_ctx *c, long long org_id)
{
	struct org_slot key = {org_id, 0}, *s;

	s = bsearch(&key, c->slots, c->r->n_orgs, sizeof key, slot_cmp);
	return s ? (long long)s->index : -1;
}

static int on_portfolio(void *ctx, long long org_id, long long portfolio_id)
{
	struct group_ctx *c = ctx;
	long long i = find_slot(c, org_id);

	if (i >= 0) {
		c->r->has[i] = 1;
		c->r->pf[i].id = portfolio_id;
	}
	return 0;
}

static int on_entry(void *ctx, long long org_id, struct entry *en, struct err *e)
{
	struct group_ctx *c = ctx;
	long long i = find_slot(c, org_id);
	struct entry *dst;

	(void)e;
	if (i < 0)
		return 0;
	dst = portfolio_add_entry(&c->r->pf[i], en->ref_id);
	free(dst->ref_id);
	*dst = *en;
	memset(en, 0, sizeof *en);
	return 0;
}

static int dbl_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Does en make its node a column (selected, of the catalogue, not a part)? Its node, or -1. */
static int column_node(const struct framework *fw, const struct entry *en)
{
	int k = en->custom ? -1 : framework_find(fw, en->ref_id);

	return k >= 0 && en->level != LEVEL_NOT_REQUIRED && !en->part ? k : -1;
}

/* The nodes selected by at least one organization of r: a new array, one flag per node. */
static char *used_nodes(const struct group_read *r)
{
	char *used = xcalloc(r->fw->n_nodes + 1, 1);
	size_t i, j;

	for (i = 0; i < r->n_orgs; i++)
		for (j = 0; j < r->pf[i].n_entries; j++) {
			int k = column_node(r->fw, &r->pf[i].entries[j]);

			if (k >= 0)
				used[k] = 1;
		}
	return used;
}

/* The columns: assessable services, not parts, selected by at least one organization
 * (used: one flag per node; freed here). */
static void build_columns(struct group_model *m, struct group_read *r, char *used)
{
	const struct framework *fw = r->fw;
	size_t i, *cat_of_node = xcalloc(fw->n_nodes + 1, sizeof *cat_of_node);

	m->services = xcalloc(fw->n_nodes + 1, sizeof *m->services);
	m->categories = xcalloc(fw->n_nodes + 1, sizeof *m->categories);
	r->svc_of_node = xcalloc(fw->n_nodes + 1, sizeof *r->svc_of_node);
	for (i = 0; i < fw->n_nodes; i++)
		cat_of_node[i] = r->svc_of_node[i] = (size_t)-1;
	for (i = 0; i < fw->n_nodes; i++) {
		const struct fw_node *nd = &fw->nodes[i];
		struct group_service *sv;
		int cat;

		if (!used[i] || !nd->assessable || framework_part_of(fw, (int)i) >= 0)
			continue;
		cat = framework_category_of(fw, (int)i);
		if (cat < 0)
			cat = (int)i;
		if (cat_of_node[cat] == (size_t)-1) {
			struct group_category *gc = &m->categories[m->n_categories];

			gc->ref = fw->nodes[cat].ref_id;
			gc->name_en = fw->nodes[cat].name_en;
			gc->name_ja = fw->nodes[cat].name_ja;
			cat_of_node[cat] = m->n_categories++;
		}
		r->svc_of_node[i] = m->n_services;
		sv = &m->services[m->n_services++];
		sv->ref = nd->ref_id;
		sv->name_en = nd->name_en;
		sv->name_ja = nd->name_ja;
		sv->category = cat_of_node[cat];
		sv->scale_min = framework_scale(fw, nd->assessment, SIDE_INSOURCE)->min_score;
		sv->scale_max = framework_scale(fw, nd->assessment, SIDE_INSOURCE)->max_score;
	}
	free(cat_of_node);
	free(used);
}

/* Cells and roll-ups of organization i, from its bound portfolio. */
static void build_org(struct group_model *m, struct group_read *r, size_t i)
{
	struct group_org *o = &m->orgs[i];
	struct portfolio *p = &r->pf[i];
	struct rollup *ru = NULL;
	size_t j, k, n;

	o->id = r->orgs[i].id;
	o->parent_id = r->orgs[i].parent_id;
	o->name = xstrdup(r->orgs[i].name);
	o->depth = r->orgs[i].depth;
	o->has_portfolio = r->has[i];
	if (r->orgs[i].parent_name)
		o->parent = xstrdup(r->orgs[i].parent_name);
	for (j = 0; o->parent_id && !o->parent && j < r->n_orgs; j++)
		if (r->orgs[j].id == o->parent_id) {
			o->parent = xstrdup(r->orgs[j].name);
			break;
		}
	o->cells = xcalloc(m->n_services + 1, sizeof *o->cells);
	o->rollups = xcalloc(m->n_categories + 1, sizeof *o->rollups);
	for (k = 0; k < p->n_entries; k++) {
		const struct entry *en = &p->entries[k];
		int node = en->custom ? -1 : framework_find(r->fw, en->ref_id);
		struct group_cell *c;

		if (node < 0 || r->svc_of_node[node] == (size_t)-1 ||
		    en->level == LEVEL_NOT_REQUIRED)
			continue;
		c = &o->cells[r->svc_of_node[node]];
		c->selected = 1;
		c->level = en->level;
		c->assignment = en->assignment;
		c->has_current = !entry_figure(en, 0, &c->current);
		c->has_target = !entry_figure(en, 1, &c->target);
		c->has_gap = !entry_gap(en, &c->gap);
		c->team = en->team ? xstrdup(en->team) : NULL;
		c->provider = en->provider ? xstrdup(en->provider) : NULL;
	}
	if (!o->has_portfolio)
		return;
	n = score_rollups(p, 0, &ru);
	for (j = 0; j < n; j++) {
		struct group_rollup *g = NULL;

		if (!ru[j].category)
			g = &o->rollups[m->n_categories];
		else
			for (k = 0; k < m->n_categories; k++)
				if (!strcmp(m->categories[k].ref, ru[j].category))
					g = &o->rollups[k];
		if (!g)
			continue;
		g->n_entries = ru[j].n_entries;
		g->n_assessed = ru[j].n_assessed;
		g->current = ru[j].current;
		g->target = ru[j].target;
		g->gap = ru[j].gap;
	}
	score_rollups_free(ru, n);
}

static void build_spread(struct group_model *m)
{
	double *v = xcalloc(m->n_orgs + 1, sizeof *v);
	size_t i, j, n;

	for (j = 0; j < m->n_services; j++) {
		struct group_service *sv = &m->services[j];

		for (i = n = 0; i < m->n_orgs; i++)
			if (m->orgs[i].cells[j].has_current)
				v[n++] = m->orgs[i].cells[j].current;
		sv->n_assessed = n;
		if (!n)
			continue;
		qsort(v, n, sizeof *v, dbl_cmp);
		sv->min = v[0];
		sv->max = v[n - 1];
		sv->median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
	}
	free(v);
}

static int org_name_cmp(const void *a, const void *b)
{
	return strcmp(((const struct group_org *)a)->name, ((const struct group_org *)b)->name);
}

/* The read's portfolios, empty, one per organization read, and the organizations' ids in
 * order, where the store's reads find each portfolio's place. */
static void read_slots(struct group_read *r, struct group_ctx *c, const char *fw_id)
{
	size_t i;

	r->fw = catalog_get(fw_id);
	r->pf = xcalloc(r->n_orgs + 1, sizeof *r->pf);
	r->has = xcalloc(r->n_orgs + 1, sizeof *r->has);
	c->slots = xcalloc(r->n_orgs + 1, sizeof *c->slots);
	for (i = 0; i < r->n_orgs; i++) {
		portfolio_init(&r->pf[i]);
		c->slots[i].id = r->orgs[i].id;
		c->slots[i].index = i;
	}
	qsort(c->slots, r->n_orgs, sizeof *c->slots, slot_cmp);
}

/* The portfolios read bound to the framework, sorted and completed as ops_load does, so
 * that every figure is the portfolio's own report's. */
static void prepare_portfolios(struct group_read *r)
{
	size_t i;

	for (i = 0; i < r->n_orgs; i++) {
		r->pf[i].fw = r->fw;
		r->pf[i].org_id = r->orgs[i].id;
		portfolio_bind(&r->pf[i]);
		portfolio_sort(&r->pf[i]);
		if (r->has[i])
			portfolio_fill_defaults(&r->pf[i]);
	}
}

static void read_release(struct group_read *r)
{
	size_t i;

	for (i = 0; r->pf && i < r->n_orgs; i++)
		portfolio_release(&r->pf[i]);
	free(r->pf);
	free(r->has);
	free(r->svc_of_node);
	store_group_orgs_free(r->orgs, r->n_orgs);
}

int ops_group_model(struct store *st, const char *org, const char *fw_id, enum group_by by,
		    struct group_model *m, struct err *e)
{
	struct group_read r = {0};
	struct group_ctx c = {&r, NULL};
	long long root;
	size_t i;
	int rc;

	memset(m, 0, sizeof *m);
	rc = ops_tx_begin(st, e);
	if (rc)
		return rc;
	rc = ops_resolve(st, org, fw_id, &root, NULL, e);
	if (!rc)
		rc = store_group_orgs(st, root, &r.orgs, &r.n_orgs, e);
	if (!rc) {
		read_slots(&r, &c, fw_id);
		rc = store_group_portfolios(st, root, fw_id, on_portfolio, &c, e);
	}
	if (!rc)
		rc = store_group_entries(st, root, fw_id, on_entry, &c, e);
	rc = ops_tx_end(st, rc, e);
	free(c.slots);
	if (rc) {
		read_release(&r);
		return rc;
	}
	prepare_portfolios(&r);
	m->fw = r.fw;
	m->by = by;
	m->scale_min = r.fw->rubric[SIDE_INSOURCE].min_score;
	m->scale_max = r.fw->rubric[SIDE_INSOURCE].max_score;
	build_columns(m, &r, used_nodes(&r));
	m->n_orgs = m->n_total = r.n_orgs;
	m->first = 1;
	m->orgs = xcalloc(r.n_orgs + 1, sizeof *m->orgs);
	for (i = 0; i < r.n_orgs; i++)
		build_org(m, &r, i);
	build_spread(m);
	read_release(&r);
	return 0;
}

/* Can the columns and the spread be read from counted scores? Each entry's figure must
 * then be its own: no service takes figures from its parts, and every assessable
 * component has sides (portfolio_fill_defaults adds only side-less ones). */
static int scores_alone(const struct framework *fw)
{
	size_t i;

	for (i = 0; i < fw->n_nodes; i++)
		if (fw->nodes[i].assessable && (framework_part_of(fw, (int)i) >= 0 ||
						!assessment_has_sides(fw->nodes[i].assessment)))
			return 0;
	return 1;
}

/* One counted current figure of a node. */
struct counted {
	size_t node;
	double value;
	long long count;
};

struct score_ctx {
	const struct framework *fw;
	char *used;
	struct counted *v;
	size_t n, cap;
};

static int on_score(void *ctx, struct entry *en, long long count, struct err *e)
{
	struct score_ctx *c = ctx;
	struct portfolio p;
	struct entry *one;
	double v;
	int k;

	(void)e;
	/* bound as in a portfolio of its own, so its figure is entry_figure's */
	portfolio_init(&p);
	p.fw = c->fw;
	one = portfolio_add_entry(&p, en->ref_id);
	free(one->ref_id);
	*one = *en;
	memset(en, 0, sizeof *en);
	portfolio_bind(&p);
	k = column_node(c->fw, one);
	if (k >= 0) {
		c->used[k] = 1;
		if (!entry_figure(one, 0, &v)) {
			c->v = xgrow(c->v, &c->cap, c->n + 1, sizeof *c->v);
			c->v[c->n].node = (size_t)k;
			c->v[c->n].value = v;
			c->v[c->n++].count = count;
		}
	}
	portfolio_release(&p);
	return 0;
}

static int counted_cmp(const void *a, const void *b)
{
	const struct counted *x = a, *y = b;

	if (x->node != y->node)
		return x->node < y->node ? -1 : 1;
	return x->value < y->value ? -1 : x->value > y->value;
}

/* The value of rank k (from 0) of v[0..n), sorted, each counted count times. */
static double counted_at(const struct counted *v, size_t n, long long k)
{
	size_t i;

	for (i = 0; i + 1 < n && k >= v[i].count; i++)
		k -= v[i].count;
	return v[i].value;
}

/* The spread of each column from the counted figures (the same as build_spread's). */
static void counted_spread(struct group_model *m, struct group_read *r, struct score_ctx *c)
{
	size_t i = 0, j;

	qsort(c->v, c->n, sizeof *c->v, counted_cmp);
	while (i < c->n) {
		struct group_service *sv;
		long long total = 0;

		for (j = i; j < c->n && c->v[j].node == c->v[i].node; j++)
			total += c->v[j].count;
		if (r->svc_of_node[c->v[i].node] != (size_t)-1 && total > 0) {
			sv = &m->services[r->svc_of_node[c->v[i].node]];
			sv->n_assessed = (size_t)total;
			sv->min = c->v[i].value;
			sv->max = c->v[j - 1].value;
			sv->median = total % 2 ? counted_at(c->v + i, j - i, total / 2)
					       : (counted_at(c->v + i, j - i, total / 2 - 1) +
						  counted_at(c->v + i, j - i, total / 2)) /
						     2;
		}
		i = j;
	}
}

/* The whole model, then the page of it (frameworks whose figures are not scores alone). */
static int page_of_whole(struct store *st, const char *org, const char *fw_id, enum group_by by,
			 const char *after, size_t limit, struct group_model *m, struct err *e)
{
	size_t i, from = 0, keep;
	int rc = ops_group_model(st, org, fw_id, by, m, e);

	if (rc)
		return rc;
	qsort(m->orgs, m->n_orgs, sizeof *m->orgs, org_name_cmp);
	while (from < m->n_orgs && strcmp(m->orgs[from].name, after) <= 0)
		from++;
	keep = m->n_orgs - from < limit ? m->n_orgs - from : limit;
	if (from + keep < m->n_orgs)
		m->next_after = xstrdup(m->orgs[from + keep - 1].name);
	for (i = 0; i < m->n_orgs; i++)
		if (i < from || i >= from + keep)
			group_org_release(m, &m->orgs[i]);
	memmove(m->orgs, m->orgs + from, keep * sizeof *m->orgs);
	m->n_orgs = keep;
	m->first = from + 1;
	return 0;
}

int ops_group_page(struct store *st, const char *org, const char *fw_id, enum group_by by,
		   const char *after, size_t limit, struct group_model *m, struct err *e)
{
	struct group_read r = {0};
	struct group_ctx c = {&r, NULL};
	struct score_ctx sc = {0};
	struct store_group_page pg;
	const struct framework *fw;
	size_t i, total = 0, before = 0;
	long long root;
	int rc;

	memset(m, 0, sizeof *m);
	if (!after)
		after = "";
	if (limit < 1)
		limit = 1;
	if (limit > OPS_GROUP_PAGE_MAX)
		limit = OPS_GROUP_PAGE_MAX;
	fw = catalog_get(fw_id);
	if (fw && !scores_alone(fw))
		return page_of_whole(st, org, fw_id, by, after, limit, m, e);
	rc = ops_tx_begin(st, e);
	if (rc)
		return rc;
	rc = ops_resolve(st, org, fw_id, &root, NULL, e);
	if (!rc)
		rc = store_group_count(st, root, after, &total, &before, e);
	pg.after = after;
	pg.limit = limit + 1; /* one more: is there a next page? */
	if (!rc)
		rc = store_group_orgs_page(st, root, &pg, &r.orgs, &r.n_orgs, e);
	if (!rc && r.n_orgs > limit) {
		m->next_after = xstrdup(r.orgs[limit - 1].name);
		for (i = limit; i < r.n_orgs; i++) {
			free(r.orgs[i].name);
			free(r.orgs[i].parent_name);
		}
		r.n_orgs = limit;
	}
	pg.limit = limit;
	if (!rc) {
		read_slots(&r, &c, fw_id);
		rc = store_group_page_portfolios(st, root, fw_id, &pg, on_portfolio, &c, e);
	}
	if (!rc)
		rc = store_group_page_entries(st, root, fw_id, &pg, on_entry, &c, e);
	if (!rc) {
		sc.fw = r.fw;
		sc.used = xcalloc(r.fw->n_nodes + 1, 1);
		rc = store_group_scores(st, root, fw_id, on_score, &sc, e);
	}
	rc = ops_tx_end(st, rc, e);
	free(c.slots);
	if (rc) {
		free(sc.used);
		free(sc.v);
		free(m->next_after);
		m->next_after = NULL;
		read_release(&r);
		return rc;
	}
	prepare_portfolios(&r);
	m->fw = r.fw;
	m->by = by;
	m->scale_min = r.fw->rubric[SIDE_INSOURCE].min_score;
	m->scale_max = r.fw->rubric[SIDE_INSOURCE].max_score;
	build_columns(m, &r, sc.used);
	m->n_orgs = r.n_orgs;
	m->n_total = total;
	m->first = before + 1;
	m->orgs = xcalloc(r.n_orgs + 1, sizeof *m->orgs);
	for (i = 0; i < r.n_orgs; i++)
		build_org(m, &r, i);
	counted_spread(m, &r, &sc);
	free(sc.v);
	read_release(&r);
	return 0;
}

int ops_group_has_children(struct store *st, long long org_id, int *out, struct err *e)
{
	return store_group_has_children(st, org_id, out, e);
}

int ops_group_frameworks(struct store *st, long long org_id, char ***out, size_t *n, struct err *e)
{
	int rc = store_group_frameworks(st, org_id, out, n, e);

	if (rc) {
		ops_group_frameworks_free(*out, *n);
		*out = NULL;
		*n = 0;
	}
	return rc;
}

void ops_group_frameworks_free(char **list, size_t n)
{
	size_t i;

	for (i = 0; list && i < n; i++)
		free(list[i]);
	free(list);
}

int ops_group_check(struct store *st, int rebuild, size_t *groups, char **diff, struct err *e)
{
	return store_group_counts_check(st, rebuild, groups, diff, e);
}
