/*
 * store_group_counts.c - the kept figures of the group view (table group_counts,
 * migration 16): for every organization with at least one child, the entries of its
 * whole subtree (itself included, any depth) counted by framework and score tuple
 * (ref, level, assignment, the four scores, custom). They change with every entry
 * written or deleted and with every change of the tree, in the caller's transaction, so
 * the group view of a group of any size reads a few rows per service
 * (store_group_scores) instead of every entry of the subtree.
 *
 * The roots an entry of organization X counts in: X's ancestors (every one has a child)
 * and X itself when it has children. A leaf that gets its first child becomes a root
 * (its own entries counted into new rows); a root that loses its last child stops being
 * one (its rows deleted). Scores are kept as SCORE_NONE (-1) or SCORE_NA (-2) rather than
 * NULL so that every tuple is a key.
 */
#include <stdlib.h>
#include <string.h>

#include "store/store_group.h"
#include "store/store_int.h"
#include "util/buf.h"
#include "util/xalloc.h"

#define GC_COLS                                                                                    \
	"framework_id, ref, level, assignment, in_current, in_target, out_current, "               \
	"out_target, custom"
#define GC_KEY                                                                                     \
	"root_id = ? AND framework_id = ? AND ref = ? AND level = ? AND assignment = ? AND "       \
	"in_current = ? AND in_target = ? AND out_current = ? AND out_target = ? AND "             \
	"custom = ?"
/* the ancestors of ? (not itself), nearest first, through the primary key */
#define GC_UP                                                                                      \
	"WITH RECURSIVE group_up(id, depth) AS (SELECT parent_id, 1 FROM organizations "           \
	"WHERE id = ? AND parent_id IS NOT NULL UNION ALL SELECT o.parent_id, "                    \
	"group_up.depth + 1 FROM organizations o JOIN group_up ON o.id = group_up.id "             \
	"WHERE o.parent_id IS NOT NULL AND group_up.depth < 64) "

/* One counted tuple: what a framework's entry adds to a root. */
struct gc_tuple {
	char *fw;
	struct entry en; /* ref_id, level, assignment, score, custom only */
	long long n;
};

struct gc_list {
	struct gc_tuple *t;
	size_t n, cap;
};

static void list_release(struct gc_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		free(l->t[i].fw);
		entry_release(&l->t[i].en);
	}
	free(l->t);
	memset(l, 0, sizeof(*l));
}

/* Do a and b count as the same tuple? */
static int same_tuple(const struct entry *a, const struct entry *b)
{
	int s;

	if (strcmp(a->ref_id, b->ref_id) || a->level != b->level ||
	    a->assignment != b->assignment || !a->custom != !b->custom)
		return 0;
	for (s = 0; s < 2; s++)
		if (a->score[s].current != b->score[s].current ||
		    a->score[s].target != b->score[s].target)
			return 0;
	return 1;
}

/* Bind root, fw and en's tuple to parameters from 1 (the order of GC_KEY). */
static int bind_key(struct db_stmt *s, long long root, const char *fw, const struct entry *en,
		    struct err *e)
{
	if (db_bind_int(s, 1, root) || db_bind_text(s, 2, fw) || db_bind_text(s, 3, en->ref_id) ||
	    db_bind_text(s, 4, level_name(en->level)) ||
	    db_bind_text(s, 5, assignment_name(en->assignment)) ||
	    db_bind_int(s, 6, en->score[SIDE_INSOURCE].current) ||
	    db_bind_int(s, 7, en->score[SIDE_INSOURCE].target) ||
	    db_bind_int(s, 8, en->score[SIDE_OUTSOURCE].current) ||
	    db_bind_int(s, 9, en->score[SIDE_OUTSOURCE].target) ||
	    db_bind_int(s, 10, en->custom ? 1 : 0))
		return err_fail(e, ERR_DB, NULL, MSG_E_DB_BIND);
	return 0;
}

/* n more (or, n < 0, fewer) entries of en's tuple under root; a count that reaches 0 goes. */
static int count_add(struct store *st, long long root, const char *fw, const struct entry *en,
		     long long n, struct err *e)
{
	static const char add[] =
	    "INSERT INTO group_counts (root_id, " GC_COLS ", n) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
	    "?, ?, ?) ON CONFLICT (root_id, " GC_COLS ") DO UPDATE SET n = group_counts.n + "
	    "excluded.n";
	static const char gone[] = "DELETE FROM group_counts WHERE " GC_KEY " AND n <= 0";
	struct db_stmt *s = NULL;
	int rc = db_prepare(st->db, add, &s, e);

	if (!rc && !(rc = bind_key(s, root, fw, en, e)) && db_bind_int(s, 11, n))
		rc = err_fail(e, ERR_DB, NULL, MSG_E_DB_BIND);
	if (!rc)
		rc = db_step(s, e);
	db_finalize(s);
	if (rc < 0 || n > 0)
		return rc < 0 ? rc : 0;
	s = NULL;
	rc = db_prepare(st->db, gone, &s, e);
	if (!rc)
		rc = bind_key(s, root, fw, en, e);
	if (!rc)
		rc = db_step(s, e);
	db_finalize(s);
	return rc < 0 ? rc : 0;
}

/* Does org_id have a child? 1, 0, or the failure. */
static int has_children(struct store *st, long long org_id, struct err *e)
{
	int yes = 0, rc = store_group_has_children(st, org_id, &yes, e);

	return rc ? rc : yes;
}

/* How many children org_id has, up to 2 (enough to tell none, one and more). */
static int children_upto2(struct store *st, long long org_id, struct err *e)
{
	struct db_stmt *s = NULL;
	int rc = db_run(st->db, &s, e,
			"SELECT COUNT(*) FROM (SELECT id FROM organizations WHERE parent_id = ? "
			"LIMIT 2) AS group_children",
			"i", org_id);
	long long n;

	if (rc != DB_ROW)
		return rc < 0 ? rc : 0;
	n = db_column_int(s, 0);
	db_finalize(s);
	return (int)n;
}

_Static_assert(sizeof(((struct store *)0)->group_roots.roots) / sizeof(long long) ==
		   STORE_GROUP_DEPTH_MAX + 1,
	       "the kept roots hold a whole chain of ancestors and the organization");

/* The roots org_id's entries count in (see the head of the file) into roots (*n, at most
 * STORE_GROUP_DEPTH_MAX + 1); kept for the rest of the write transaction, until the tree
 * changes (store_group_counts_detach, _attach). */
static int roots_of(struct store *st, long long org_id, long long *roots, size_t *n, struct err *e)
{
	static const char sql[] = GC_UP "SELECT id FROM group_up";
	struct db_stmt *s = NULL;
	int rc;

	if (st->group_roots.org_id == org_id && st->group_roots.tx == st->db->tx_serial &&
	    st->db->tx_depth > 0) {
		*n = st->group_roots.n;
		memcpy(roots, st->group_roots.roots, *n * sizeof(*roots));
		return 0;
	}
	rc = db_run(st->db, &s, e, sql, "i", org_id);
	*n = 0;
	while (rc == DB_ROW) {
		if (*n < STORE_GROUP_DEPTH_MAX)
			roots[(*n)++] = db_column_int(s, 0);
		rc = db_step(s, e);
	}
	db_finalize(s);
	if (rc < 0)
		return rc;
	rc = has_children(st, org_id, e);
	if (rc < 0)
		return rc;
	if (rc)
		roots[(*n)++] = org_id;
	if (st->db->tx_depth > 0) {
		st->group_roots.tx = st->db->tx_serial;
		st->group_roots.org_id = org_id;
		st->group_roots.n = *n;
		memcpy(st->group_roots.roots, roots, *n * sizeof(*roots));
	}
	return 0;
}

/* The tree is about to change or just changed: no kept roots are right any more. */
static void roots_forget(struct store *st)
{
	st->group_roots.org_id = 0;
}

int store_group_counts_entry(struct store *st, long long org_id, const char *fw,
			     const struct entry *old, const struct entry *now, struct err *e)
{
	long long roots[STORE_GROUP_DEPTH_MAX + 1];
	size_t n, i;
	int rc;

	if (old && now && same_tuple(old, now))
		return 0; /* a note, evidence, team or provider: the figures do not move */
	rc = roots_of(st, org_id, roots, &n, e);
	for (i = 0; !rc && i < n; i++) {
		if (old)
			rc = count_add(st, roots[i], fw, old, -1, e);
		if (!rc && now)
			rc = count_add(st, roots[i], fw, now, 1, e);
	}
	return rc;
}

/* The tuples sql (GC_COLS and a count, for the id bound to its one parameter) reads,
 * appended to out. */
static int read_tuples(struct store *st, const char *sql, long long id, struct gc_list *out,
		       struct err *e)
{
	struct db_stmt *s = NULL;
	int rc = db_run(st->db, &s, e, sql, "i", id);

	while (rc == DB_ROW) {
		struct gc_tuple t = {0};
		t.fw = store_col(s, 0);
		t.en.ref_id = store_col(s, 1);
		t.en.level = (enum level)level_parse(db_column_text(s, 2));
		t.en.assignment = (enum assignment)assignment_parse(db_column_text(s, 3));
		t.en.score[SIDE_INSOURCE].current = (int)db_column_int(s, 4);
		t.en.score[SIDE_INSOURCE].target = (int)db_column_int(s, 5);
		t.en.score[SIDE_OUTSOURCE].current = (int)db_column_int(s, 6);
		t.en.score[SIDE_OUTSOURCE].target = (int)db_column_int(s, 7);
		t.en.custom = db_column_int(s, 8) != 0;
		t.n = db_column_int(s, 9);
		out->t = xgrow(out->t, &out->cap, out->n + 1, sizeof(*out->t));
		out->t[out->n++] = t;
		rc = db_step(s, e);
	}
	db_finalize(s);
	return rc < 0 ? rc : 0;
}

/* The tuples of org_id's own entries (every framework), counted, appended to out. */
static int own_tuples(struct store *st, long long org_id, struct gc_list *out, struct err *e)
{
	static const char sql[] =
	    "SELECT p.framework_id, e.ref_id, e.level, e.assignment, COALESCE(e.in_current, -1), "
	    "COALESCE(e.in_target, -1), COALESCE(e.out_current, -1), COALESCE(e.out_target, "
	    "-1), e.custom, COUNT(*) FROM portfolios p JOIN entries e ON e.portfolio_id = p.id "
	    "WHERE p.org_id = ? GROUP BY p.framework_id, e.ref_id, e.level, e.assignment, "
	    "e.in_current, e.in_target, e.out_current, e.out_target, e.custom";

	return read_tuples(st, sql, org_id, out, e);
}

/* The kept rows of root root_id, appended to out. */
static int root_tuples(struct store *st, long long root_id, struct gc_list *out, struct err *e)
{
	static const char sql[] = "SELECT " GC_COLS ", n FROM group_counts WHERE root_id = ?";

	return read_tuples(st, sql, root_id, out, e);
}

/* Everything org_id's subtree counts: its kept rows when it is a root, else its own. */
static int subtree_tuples(struct store *st, long long org_id, struct gc_list *out, struct err *e)
{
	int rc = has_children(st, org_id, e);

	if (rc < 0)
		return rc;
	return rc ? root_tuples(st, org_id, out, e) : own_tuples(st, org_id, out, e);
}

/* Add (sign 1) or take off (sign -1) the tuples l under each strict ancestor of org_id. */
static int apply_up(struct store *st, long long org_id, const struct gc_list *l, int sign,
		    struct err *e)
{
	long long roots[STORE_GROUP_DEPTH_MAX + 1];
	size_t n = 0, i, k;
	int rc, self;

	if (!l->n)
		return 0;
	rc = roots_of(st, org_id, roots, &n, e);
	self = n && roots[n - 1] == org_id; /* org_id itself is not its own ancestor */
	for (i = 0; !rc && i < n - (size_t)self; i++)
		for (k = 0; !rc && k < l->n; k++)
			rc = count_add(st, roots[i], l->t[k].fw, &l->t[k].en, sign * l->t[k].n, e);
	return rc;
}

int store_group_counts_detach(struct store *st, long long org_id, long long parent_id,
			      struct err *e)
{
	struct gc_list l = {0};
	int rc;

	roots_forget(st);
	if (!parent_id)
		return 0;
	rc = subtree_tuples(st, org_id, &l, e);
	if (!rc)
		rc = apply_up(st, org_id, &l, -1, e);
	roots_forget(st);
	list_release(&l);
	if (rc)
		return rc;
	/* the parent's last child going: it is a root no more */
	rc = children_upto2(st, parent_id, e);
	if (rc == 1)
		rc = db_run(st->db, NULL, e, "DELETE FROM group_counts WHERE root_id = ?", "i",
			    parent_id);
	return rc < 0 ? rc : 0;
}

int store_group_counts_attach(struct store *st, long long org_id, long long parent_id,
			      struct err *e)
{
	struct gc_list l = {0};
	size_t k;
	int rc;

	roots_forget(st);
	if (!parent_id)
		return 0;
	rc = children_upto2(st, parent_id, e);
	if (rc == 1) { /* its first child: the parent becomes a root with its own entries */
		rc = own_tuples(st, parent_id, &l, e);
		for (k = 0; !rc && k < l.n; k++)
			rc = count_add(st, parent_id, l.t[k].fw, &l.t[k].en, l.t[k].n, e);
		list_release(&l);
	}
	if (rc < 0)
		return rc;
	rc = subtree_tuples(st, org_id, &l, e);
	if (!rc)
		rc = apply_up(st, org_id, &l, 1, e);
	list_release(&l);
	return rc;
}

/* Every root's tuples counted from the entries, from scratch: the organizations with a
 * child (group_roots), each with its subtree (group_tree). */
#define GC_FRESH                                                                                   \
	"WITH RECURSIVE group_roots(id) AS (SELECT DISTINCT parent_id FROM organizations "         \
	"WHERE parent_id IS NOT NULL), group_tree(org_id, root_id, depth) AS (SELECT id, "         \
	"id, 0 FROM group_roots UNION ALL SELECT o.id, group_tree.root_id, "                       \
	"group_tree.depth + 1 FROM organizations o JOIN group_tree ON o.parent_id = "              \
	"group_tree.org_id WHERE group_tree.depth < 64), group_fresh(root_id, "                    \
	"framework_id, ref, level, assignment, in_current, in_target, out_current, "               \
	"out_target, custom, n) AS (SELECT group_tree.root_id, p.framework_id, e.ref_id, "         \
	"e.level, e.assignment, COALESCE(e.in_current, -1), COALESCE(e.in_target, -1), "           \
	"COALESCE(e.out_current, -1), COALESCE(e.out_target, -1), e.custom, COUNT(*) FROM "        \
	"group_tree JOIN portfolios p ON p.org_id = group_tree.org_id JOIN entries e ON "          \
	"e.portfolio_id = p.id GROUP BY group_tree.root_id, p.framework_id, e.ref_id, "            \
	"e.level, e.assignment, e.in_current, e.in_target, e.out_current, e.out_target, "          \
	"e.custom) "
#define GC_SAME(a, b)                                                                              \
	a ".root_id = " b ".root_id AND " a ".framework_id = " b ".framework_id AND " a            \
	  ".ref = " b ".ref AND " a ".level = " b ".level AND " a ".assignment = " b               \
	  ".assignment AND " a ".in_current = " b ".in_current AND " a ".in_target = " b           \
	  ".in_target AND " a ".out_current = " b ".out_current AND " a ".out_target = " b         \
	  ".out_target AND " a ".custom = " b ".custom"

#define GC_DIFF_SHOWN 10 /* differences named by the check; the rest are counted */

static void score_word(struct buf *b, long long v)
{
	if (v == SCORE_NONE)
		buf_addch(b, '-');
	else if (v == SCORE_NA)
		buf_addstr(b, "n/a");
	else
		buf_printf(b, "%lld", v);
}

int store_group_counts_check(struct store *st, int rebuild, size_t *groups, char **diff,
			     struct err *e)
{
	static const char sql[] = GC_FRESH
	    "SELECT o.name, f.framework_id, f.ref, f.level, f.assignment, f.in_current, "
	    "f.in_target, f.out_current, f.out_target, COALESCE(k.n, 0), f.n FROM "
	    "group_fresh f JOIN organizations o ON o.id = f.root_id LEFT JOIN "
	    "group_counts k ON " GC_SAME(
		"k",
		"f") " WHERE k.n IS NULL OR k.n <> f.n "
		     "UNION ALL SELECT COALESCE(o.name, ''), k.framework_id, k.ref, k.level, "
		     "k.assignment, k.in_current, k.in_target, k.out_current, k.out_target, k.n, 0 "
		     "FROM group_counts k LEFT JOIN organizations o ON o.id = k.root_id LEFT JOIN "
		     "group_fresh f ON " GC_SAME("f", "k") " WHERE f.n IS NULL";
	static const char fill[] = GC_FRESH "INSERT INTO group_counts (root_id, " GC_COLS
					    ", n) SELECT root_id, " GC_COLS ", n FROM group_fresh";
	struct db_stmt *s = NULL;
	struct buf b;
	size_t n = 0;
	int rc;

	*diff = NULL;
	*groups = 0;
	rc = store_tx_begin(st, e);
	if (rc)
		return rc;
	rc = db_run(
	    st->db, &s, e,
	    "SELECT COUNT(DISTINCT parent_id) FROM organizations WHERE parent_id IS NOT NULL", "");
	if (rc == DB_ROW)
		*groups = (size_t)db_column_int(s, 0);
	db_finalize(s);
	s = NULL;
	if (rc < 0)
		return store_tx_end(st, rc, e);
	buf_init(&b, 0);
	rc = db_prepare(st->db, sql, &s, e);
	while (!rc && (rc = db_step(s, e)) == DB_ROW) {
		rc = 0;
		if (n++ >= GC_DIFF_SHOWN)
			continue;
		buf_printf(&b, "group '%s' %s %s (%s, %s, in-house ", db_column_text(s, 0),
			   db_column_text(s, 1), db_column_text(s, 2), db_column_text(s, 3),
			   db_column_text(s, 4));
		score_word(&b, db_column_int(s, 5));
		buf_addch(&b, '/');
		score_word(&b, db_column_int(s, 6));
		buf_addstr(&b, ", outsourced ");
		score_word(&b, db_column_int(s, 7));
		buf_addch(&b, '/');
		score_word(&b, db_column_int(s, 8));
		buf_printf(&b, "): kept %lld, entries %lld\n", db_column_int(s, 9),
			   db_column_int(s, 10));
	}
	db_finalize(s);
	rc = rc < 0 ? rc : 0;
	if (!rc && n > GC_DIFF_SHOWN)
		buf_printf(&b, "... and %zu more\n", n - GC_DIFF_SHOWN);
	if (!rc && n && rebuild) {
		rc = db_run(st->db, NULL, e, "DELETE FROM group_counts", "");
		if (rc >= 0)
			rc = db_run(st->db, NULL, e, fill, "");
		rc = rc < 0 ? rc : 0;
	}
	rc = store_tx_end(st, rc, e);
	if (!rc && n && !buf_status(&b))
		*diff = buf_detach(&b, NULL);
	buf_release(&b);
	return rc;
}
