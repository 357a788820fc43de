/*
 * store_group.c - the group view's reads (store_group.h): a subtree of
 * organizations and its portfolios' entries, each in one recursive query.
 */
#include "store/store_group.h"

#include <stdlib.h>
#include <string.h>

#include "store/db.h"
#include "store/store_int.h"
#include "util/xalloc.h"

/* The subtree of the organization bound to parameter 1, through organizations_parent, each
 * organization with its name, its parent and the parent's name (the row it was reached
 * from): the queries read them from the subtree and never join organizations again, which
 * PostgreSQL would plan as a scan of every organization (a subtree of a few thousand rows
 * estimated, hashed against the whole table).
 * The queries below join it with CROSS JOIN, which SQLite keeps in the order written
 * (PostgreSQL reads it as an inner join): the subtree drives, each of its organizations
 * finds its portfolio through the index on (org_id, framework_id) and its entries through
 * the one on (portfolio_id, ref_id); no table that grows with organizations is scanned. */
#define GROUP_SUBTREE                                                                              \
	"WITH RECURSIVE group_subtree (id, depth, name, parent_id, parent_name) AS (SELECT o.id, " \
	"0, o.name, o.parent_id, par.name FROM organizations o LEFT JOIN organizations par ON "    \
	"par.id = o.parent_id WHERE o.id = ? UNION ALL SELECT o.id, group_subtree.depth + 1, "     \
	"o.name, o.parent_id, group_subtree.name FROM organizations o JOIN group_subtree ON "      \
	"o.parent_id = group_subtree.id WHERE group_subtree.depth < 64) "

/* GROUP_SUBTREE, then group_page: the ids of one page of it by name (parameters 2 and 3:
 * after, limit). The page's organizations then drive the joins as the subtree does. */
#define GROUP_PAGE                                                                                 \
	GROUP_SUBTREE                                                                              \
	", group_page (id) AS (SELECT id FROM group_subtree WHERE name > ? ORDER BY "              \
	"name LIMIT ?) "

void store_group_orgs_free(struct store_group_org *list, size_t n)
{
	size_t i;

	for (i = 0; list && i < n; i++) {
		free(list[i].name);
		free(list[i].parent_name);
	}
	free(list);
}

static void org_item(struct db_stmt *s, void *item)
{
	struct store_group_org *o = item;

	o->id = db_column_int(s, 0);
	o->name = store_col(s, 1);
	o->parent_id = db_column_is_null(s, 2) ? 0 : db_column_int(s, 2);
	o->depth = (int)db_column_int(s, 3);
}

static void page_org_item(struct db_stmt *s, void *item)
{
	struct store_group_org *o = item;

	org_item(s, item);
	o->parent_name = store_col(s, 4);
}

static void orgs_free(void *list, size_t n)
{
	store_group_orgs_free(list, n);
}

static const struct store_rows_of group_orgs_of = {sizeof(struct store_group_org), org_item,
						   orgs_free, NULL};
static const struct store_rows_of group_page_orgs_of = {sizeof(struct store_group_org),
							page_org_item, orgs_free, NULL};

/* Bind root (1), then the page's after and limit (2, 3) when pg, then text (next) when set. */
static int bind_group(struct db_stmt *s, long long root_id, const struct store_group_page *pg,
		      const char *text, struct err *e)
{
	int i = 2;

	if (db_bind_int(s, 1, root_id))
		return err_fail(e, ERR_DB, NULL, MSG_E_DB_BIND);
	if (pg && (db_bind_text(s, i++, pg->after ? pg->after : "") ||
		   db_bind_int(s, i++, (long long)pg->limit)))
		return err_fail(e, ERR_DB, NULL, MSG_E_DB_BIND);
	if (text && db_bind_text(s, i, text))
		return err_fail(e, ERR_DB, NULL, MSG_E_DB_BIND);
	return 0;
}

int store_group_orgs_page(struct store *st, long long root_id, const struct store_group_page *pg,
			  struct store_group_org **out, size_t *n, struct err *e)
{
	static const char sql[] =
	    GROUP_SUBTREE "SELECT id, name, parent_id, depth, parent_name FROM group_subtree WHERE "
			  "name > ? ORDER BY name LIMIT ?";
	struct db_stmt *s = NULL;
	void *list = NULL;
	int rc = db_prepare(st->db, sql, &s, e);

	if (!rc)
		rc = bind_group(s, root_id, pg, NULL, e);
	rc = store_rows(s, rc, &group_page_orgs_of, &list, n, e);
	*out = list;
	return rc;
}

int store_group_count(struct store *st, long long root_id, const char *after, size_t *total,
		      size_t *before, struct err *e)
{
	static const char sql[] = GROUP_SUBTREE
	    "SELECT COUNT(*), COALESCE(SUM(CASE WHEN name <= ? THEN 1 ELSE 0 END), 0) "
	    "FROM group_subtree";
	struct db_stmt *s = NULL;
	int rc = db_prepare(st->db, sql, &s, e);

	*total = *before = 0;
	if (rc)
		return rc;
	rc = bind_group(s, root_id, NULL, after ? after : "", e);
	if (!rc && (rc = db_step(s, e)) == DB_ROW) {
		*total = (size_t)db_column_int(s, 0);
		*before = (size_t)db_column_int(s, 1);
	}
	db_finalize(s);
	return rc < 0 ? rc : 0;
}

int store_group_orgs(struct store *st, long long root_id, struct store_group_org **out, size_t *n,
		     struct err *e)
{
	static const char sql[] = GROUP_SUBTREE
	    "SELECT id, name, parent_id, depth FROM group_subtree ORDER BY depth, name";
	struct db_stmt *s = NULL;
	void *list = NULL;
	int rc = db_prepare(st->db, sql, &s, e);

	if (!rc && db_bind_int(s, 1, root_id))
		rc = err_fail(e, ERR_DB, NULL, MSG_E_DB_BIND);
	rc = store_rows(s, rc, &group_orgs_of, &list, n, e);
	*out = list;
	return rc;
}

static int group_portfolios(struct store *st, long long root_id, const char *framework_id,
			    const struct store_group_page *pg, store_group_portfolio_fn fn,
			    void *ctx, struct err *e)
{
	static const char whole[] = GROUP_SUBTREE
	    "SELECT p.org_id, p.id FROM group_subtree CROSS JOIN portfolios p WHERE p.org_id = "
	    "group_subtree.id AND p.framework_id = ?";
	static const char page[] = GROUP_PAGE
	    "SELECT p.org_id, p.id FROM group_page CROSS JOIN portfolios p WHERE p.org_id = "
	    "group_page.id AND p.framework_id = ?";
	struct db_stmt *s = NULL;
	int rc = db_prepare(st->db, pg ? page : whole, &s, e);

	if (rc)
		return rc;
	rc = bind_group(s, root_id, pg, framework_id, e);
	if (rc) {
		db_finalize(s);
		return rc;
	}
	while ((rc = db_step(s, e)) == DB_ROW) {
		rc = fn(ctx, db_column_int(s, 0), db_column_int(s, 1));
		if (rc)
			break;
	}
	db_finalize(s);
	return rc < 0 ? rc : 0;
}

int store_group_portfolios(struct store *st, long long root_id, const char *framework_id,
			   store_group_portfolio_fn fn, void *ctx, struct err *e)
{
	return group_portfolios(st, root_id, framework_id, NULL, fn, ctx, e);
}

int store_group_page_portfolios(struct store *st, long long root_id, const char *framework_id,
				const struct store_group_page *pg, store_group_portfolio_fn fn,
				void *ctx, struct err *e)
{
	return group_portfolios(st, root_id, framework_id, pg, fn, ctx, e);
}

/* the columns of STORE_ENTRY_SELECT, in its order (store_entry_from_row reads them by
 * position), then the organization */
#define GROUP_ENTRY_COLUMNS                                                                        \
	"SELECT e.id, e.ref_id, e.level, e.assignment, e.team_id, t.name, e.provider_id, "         \
	"pr.name, e.in_current, e.in_target, e.out_current, e.out_target, e.note, "                \
	"e.evidence, e.version, e.custom, e.custom_name_en, e.custom_name_ja, "                    \
	"e.custom_category, p.org_id "

static int group_entries(struct store *st, long long root_id, const char *framework_id,
			 const struct store_group_page *pg, store_group_entry_fn fn, void *ctx,
			 struct err *e)
{
	static const char page[] = GROUP_PAGE GROUP_ENTRY_COLUMNS
	    "FROM group_page CROSS JOIN portfolios p CROSS JOIN entries e "
	    "LEFT JOIN teams t ON t.id = e.team_id "
	    "LEFT JOIN providers pr ON pr.id = e.provider_id "
	    "WHERE p.org_id = group_page.id AND p.framework_id = ? AND e.portfolio_id = p.id";

	static const char whole[] = GROUP_SUBTREE GROUP_ENTRY_COLUMNS
	    "FROM group_subtree CROSS JOIN portfolios p CROSS JOIN entries e "
	    "LEFT JOIN teams t ON t.id = e.team_id "
	    "LEFT JOIN providers pr ON pr.id = e.provider_id "
	    "WHERE p.org_id = group_subtree.id AND p.framework_id = ? AND e.portfolio_id = p.id";
	struct db_stmt *s = NULL;
	int rc = db_prepare(st->db, pg ? page : whole, &s, e);

	if (rc)
		return rc;
	rc = bind_group(s, root_id, pg, framework_id, e);
	if (rc) {
		db_finalize(s);
		return rc;
	}
	while ((rc = db_step(s, e)) == DB_ROW) {
		struct entry en;

		memset(&en, 0, sizeof en);
		store_entry_from_row(s, &en);
		rc = fn(ctx, db_column_int(s, 19), &en, e);
		entry_release(&en);
		if (rc)
			break;
	}
	db_finalize(s);
	return rc < 0 ? rc : 0;
}

int store_group_entries(struct store *st, long long root_id, const char *framework_id,
			store_group_entry_fn fn, void *ctx, struct err *e)
{
	return group_entries(st, root_id, framework_id, NULL, fn, ctx, e);
}

int store_group_page_entries(struct store *st, long long root_id, const char *framework_id,
			     const struct store_group_page *pg, store_group_entry_fn fn, void *ctx,
			     struct err *e)
{
	return group_entries(st, root_id, framework_id, pg, fn, ctx, e);
}

/* One distinct score tuple of store_group_scores and how many entries have it. */
struct tally {
	char *ref;
	int level, assignment, score[4], custom;
	long long count;
};

/* An open-addressing table of tallies (cap a power of two, at most half full). */
struct tallies {
	struct tally *t;
	size_t n, cap;
};

static size_t tally_hash(const char *ref, const int *v, size_t nv)
{
	size_t h = 5381, i;

	while (*ref)
		h = h * 33 + (unsigned char)*ref++;
	for (i = 0; i < nv; i++)
		h = h * 33 + (size_t)(v[i] + 7);
	return h;
}

static struct tally *tally_slot(struct tallies *ts, const char *ref, const int *v)
{
	size_t i = tally_hash(ref, v, 7) & (ts->cap - 1);

	for (;; i = (i + 1) & (ts->cap - 1)) {
		struct tally *t = &ts->t[i];

		if (!t->ref || (!strcmp(t->ref, ref) && t->level == v[0] && t->assignment == v[1] &&
				!memcmp(t->score, v + 2, sizeof t->score) && t->custom == v[6]))
			return t;
	}
}

static void tally_add(struct tallies *ts, const char *ref, const int *v)
{
	struct tally *t;

	if (2 * (ts->n + 1) > ts->cap) {
		struct tallies bigger = {NULL, 0, ts->cap ? 2 * ts->cap : 256};
		size_t i;

		bigger.t = xcalloc(bigger.cap, sizeof *bigger.t);
		for (i = 0; i < ts->cap; i++)
			if (ts->t[i].ref) {
				const struct tally *o = &ts->t[i];
				int w[7] = {o->level,	 o->assignment, o->score[0], o->score[1],
					    o->score[2], o->score[3],	o->custom};

				*tally_slot(&bigger, o->ref, w) = *o;
			}
		bigger.n = ts->n;
		free(ts->t);
		*ts = bigger;
	}
	t = tally_slot(ts, ref, v);
	if (!t->ref) {
		t->ref = xstrdup(ref);
		t->level = v[0];
		t->assignment = v[1];
		memcpy(t->score, v + 2, sizeof t->score);
		t->custom = v[6];
		ts->n++;
	}
	t->count++;
}

/* store_group_scores of a root (an organization with a child): its kept rows. */
static int kept_scores(struct store *st, long long root_id, const char *framework_id,
		       store_group_score_fn fn, void *ctx, struct err *e)
{
	static const char sql[] =
	    "SELECT ref, level, assignment, in_current, in_target, out_current, out_target, "
	    "custom, n FROM group_counts WHERE root_id = ? AND framework_id = ? AND n > 0";
	struct db_stmt *s = NULL;
	int rc = db_run(st->db, &s, e, sql, "is", root_id, framework_id);

	while (rc == DB_ROW) {
		struct entry en;
		int lv = level_parse(db_column_text(s, 1)),
		    as = assignment_parse(db_column_text(s, 2));

		memset(&en, 0, sizeof en);
		en.ref_id = store_col(s, 0);
		en.level = lv < 0 ? LEVEL_NOT_REQUIRED : (enum level)lv;
		en.assignment = as < 0 ? ASSIGN_UNASSIGNED : (enum assignment)as;
		en.score[SIDE_INSOURCE].current = (int)db_column_int(s, 3);
		en.score[SIDE_INSOURCE].target = (int)db_column_int(s, 4);
		en.score[SIDE_OUTSOURCE].current = (int)db_column_int(s, 5);
		en.score[SIDE_OUTSOURCE].target = (int)db_column_int(s, 6);
		en.custom = db_column_int(s, 7) != 0;
		rc = fn(ctx, &en, db_column_int(s, 8), e);
		entry_release(&en);
		if (rc) {
			db_finalize(s);
			return rc;
		}
		rc = db_step(s, e);
	}
	db_finalize(s);
	return rc < 0 ? rc : 0;
}

int store_group_scores(struct store *st, long long root_id, const char *framework_id,
		       store_group_score_fn fn, void *ctx, struct err *e)
{
	/* counted here rather than by GROUP BY: the few distinct tuples fit a small table,
	 * where SQL would sort every entry of the group (3x slower at 1,000 subsidiaries) */
	static const char sql[] = GROUP_SUBTREE
	    "SELECT e.ref_id, e.level, e.assignment, e.in_current, e.in_target, e.out_current, "
	    "e.out_target, e.custom FROM group_subtree CROSS JOIN portfolios p CROSS "
	    "JOIN entries e WHERE p.org_id = group_subtree.id AND p.framework_id = ? AND "
	    "e.portfolio_id = p.id";
	struct tallies ts = {NULL, 0, 0};
	struct db_stmt *s = NULL;
	size_t i;
	int kids = 0, rc = store_group_has_children(st, root_id, &kids, e);

	if (rc)
		return rc;
	if (kids) /* a group: its figures are kept (store_group_counts.c) */
		return kept_scores(st, root_id, framework_id, fn, ctx, e);
	rc = db_prepare(st->db, sql, &s, e); /* one organization alone: its own entries */
	if (rc)
		return rc;
	rc = bind_group(s, root_id, NULL, framework_id, e);
	if (rc) {
		db_finalize(s);
		return rc;
	}
	while ((rc = db_step(s, e)) == DB_ROW) {
		const char *ref = db_column_text(s, 0);
		int v[7];

		v[0] = level_parse(db_column_text(s, 1));
		v[1] = assignment_parse(db_column_text(s, 2));
		for (i = 0; i < 4; i++)
			v[2 + i] = store_col_score(s, 3 + (int)i);
		v[6] = db_column_int(s, 7) != 0;
		tally_add(&ts, ref ? ref : "", v);
	}
	db_finalize(s);
	for (i = 0; rc == DB_DONE && i < ts.cap; i++) {
		const struct tally *t = &ts.t[i];
		struct entry en;

		if (!t->ref)
			continue;
		memset(&en, 0, sizeof en);
		en.ref_id = xstrdup(t->ref);
		en.level = t->level < 0 ? LEVEL_NOT_REQUIRED : (enum level)t->level;
		en.assignment =
		    t->assignment < 0 ? ASSIGN_UNASSIGNED : (enum assignment)t->assignment;
		en.score[SIDE_INSOURCE].current = t->score[0];
		en.score[SIDE_INSOURCE].target = t->score[1];
		en.score[SIDE_OUTSOURCE].current = t->score[2];
		en.score[SIDE_OUTSOURCE].target = t->score[3];
		en.custom = t->custom;
		rc = fn(ctx, &en, t->count, e);
		entry_release(&en);
	}
	for (i = 0; i < ts.cap; i++)
		free(ts.t[i].ref);
	free(ts.t);
	return rc < 0 ? rc : 0;
}

int store_group_frameworks(struct store *st, long long root_id, char ***out, size_t *n,
			   struct err *e)
{
	static const char sql[] = GROUP_SUBTREE "SELECT DISTINCT p.framework_id FROM group_subtree "
						"CROSS JOIN portfolios p WHERE p.org_id = "
						"group_subtree.id ORDER BY p.framework_id";
	struct db_stmt *s = NULL;
	size_t cap = 0;
	int rc = db_prepare(st->db, sql, &s, e);

	*out = NULL;
	*n = 0;
	if (rc)
		return rc;
	if (db_bind_int(s, 1, root_id)) {
		db_finalize(s);
		return err_fail(e, ERR_DB, NULL, MSG_E_DB_BIND);
	}
	while ((rc = db_step(s, e)) == DB_ROW) {
		*out = xgrow(*out, &cap, *n + 1, sizeof **out);
		(*out)[(*n)++] = store_col(s, 0);
	}
	db_finalize(s);
	return rc < 0 ? rc : 0;
}

int store_group_has_children(struct store *st, long long org_id, int *out, struct err *e)
{
	static const char sql[] = "SELECT id FROM organizations WHERE parent_id = ? LIMIT 1";
	struct db_stmt *s = NULL;
	int rc = db_prepare(st->db, sql, &s, e);

	*out = 0;
	if (rc)
		return rc;
	if (db_bind_int(s, 1, org_id)) {
		db_finalize(s);
		return err_fail(e, ERR_DB, NULL, MSG_E_DB_BIND);
	}
	rc = db_step(s, e);
	db_finalize(s);
	if (rc < 0)
		return rc;
	*out = rc == DB_ROW;
	return 0;
}
