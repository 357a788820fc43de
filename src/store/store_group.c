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

/* The subtree of the organization bound to parameter 1, through organizations_parent.
 * The queries below join it with CROSS JOIN, which SQLite keeps in the order written
 * (PostgreSQL reads it as an inner join): the subtree drives, each of its organizations
 * finds its portfolio through the index on (org_id, framework_id) and its entries through
 * the one on (portfolio_id, ref_id); no table that grows with organizations is scanned. */
#define GROUP_SUBTREE                                                                              \
	"WITH RECURSIVE group_subtree (id, depth) AS (SELECT id, 0 FROM organizations WHERE id = " \
	"? "                                                                                       \
	"UNION ALL SELECT o.id, group_subtree.depth + 1 FROM organizations o JOIN group_subtree "  \
	"ON o.parent_id = "                                                                        \
	"group_subtree.id WHERE group_subtree.depth < 64) "

void store_group_orgs_free(struct store_group_org *list, size_t n)
{
	size_t i;

	for (i = 0; list && i < n; i++)
		free(list[i].name);
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

static void orgs_free(void *list, size_t n)
{
	store_group_orgs_free(list, n);
}

static const struct store_rows_of group_orgs_of = {sizeof(struct store_group_org), org_item,
						   orgs_free, NULL};

int store_group_orgs(struct store *st, long long root_id, struct store_group_org **out, size_t *n,
		     struct err *e)
{
	static const char sql[] =
	    GROUP_SUBTREE "SELECT o.id, o.name, o.parent_id, group_subtree.depth FROM "
			  "group_subtree JOIN organizations o ON o.id = "
			  "group_subtree.id ORDER BY group_subtree.depth, o.name";
	struct db_stmt *s = NULL;
	void *list = NULL;
	int rc = db_prepare(st->db, sql, &s, e);

	if (!rc && db_bind_int(s, 1, root_id))
		rc = err_fail(e, ERR_DB, NULL, MSG_E_DB_BIND);
	rc = store_rows(s, rc, &group_orgs_of, &list, n, e);
	*out = list;
	return rc;
}

int store_group_portfolios(struct store *st, long long root_id, const char *framework_id,
			   store_group_portfolio_fn fn, void *ctx, struct err *e)
{
	static const char sql[] = GROUP_SUBTREE
	    "SELECT p.org_id, p.id FROM group_subtree CROSS JOIN portfolios p WHERE p.org_id = "
	    "group_subtree.id AND p.framework_id = ?";
	struct db_stmt *s = NULL;
	int rc = db_prepare(st->db, sql, &s, e);

	if (rc)
		return rc;
	if (db_bind_int(s, 1, root_id) || db_bind_text(s, 2, framework_id)) {
		db_finalize(s);
		return err_fail(e, ERR_DB, NULL, MSG_E_DB_BIND);
	}
	while ((rc = db_step(s, e)) == DB_ROW) {
		rc = fn(ctx, db_column_int(s, 0), db_column_int(s, 1));
		if (rc)
			break;
	}
	db_finalize(s);
	return rc < 0 ? rc : 0;
}

int store_group_entries(struct store *st, long long root_id, const char *framework_id,
			store_group_entry_fn fn, void *ctx, struct err *e)
{
	/* the columns of STORE_ENTRY_SELECT, in its order (store_entry_from_row reads them by
	 * position), then the organization */
	static const char sql[] = GROUP_SUBTREE
	    "SELECT e.id, e.ref_id, e.level, e.assignment, e.team_id, t.name, e.provider_id, "
	    "pr.name, e.in_current, e.in_target, e.out_current, e.out_target, e.note, "
	    "e.evidence, e.version, e.custom, e.custom_name_en, e.custom_name_ja, "
	    "e.custom_category, p.org_id FROM group_subtree CROSS JOIN portfolios p CROSS JOIN "
	    "entries e "
	    "LEFT JOIN teams t ON t.id = e.team_id "
	    "LEFT JOIN providers pr ON pr.id = e.provider_id "
	    "WHERE p.org_id = group_subtree.id AND p.framework_id = ? AND e.portfolio_id = p.id";
	struct db_stmt *s = NULL;
	int rc = db_prepare(st->db, sql, &s, e);

	if (rc)
		return rc;
	if (db_bind_int(s, 1, root_id) || db_bind_text(s, 2, framework_id)) {
		db_finalize(s);
		return err_fail(e, ERR_DB, NULL, MSG_E_DB_BIND);
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
