/*
 * store_org_page.c - one page of the organizations a user can see (store_org_page.h).
 *
 * Every statement reads at most offset + limit + 1 rows through an index:
 * organizations by their UNIQUE name, a member's organizations through the
 * memberships' primary key (user_id, org_id). The totals are counted on the
 * same indexes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n/i18n.h"
#include "store/store_int.h"
#include "store/store_org_page.h"
#include "store/store_user.h"
#include "util/xalloc.h"

#define PAGE_COLUMNS "o.id, o.name, o.parent_id, p.name, o.created_at"

static const char all_sql[] = "SELECT " PAGE_COLUMNS ", NULL FROM organizations o "
			      "LEFT JOIN organizations p ON p.id = o.parent_id "
			      "WHERE o.name > ? AND o.name >= ? AND o.name < ? "
			      "ORDER BY o.name LIMIT ? OFFSET ?";
static const char member_sql[] =
    "SELECT " PAGE_COLUMNS ", m.role FROM memberships m "
    "JOIN organizations o ON o.id = m.org_id "
    "LEFT JOIN organizations p ON p.id = o.parent_id "
    "WHERE m.user_id = ? AND o.name > ? AND o.name >= ? AND o.name < ? "
    "ORDER BY o.name LIMIT ? OFFSET ?";
static const char all_count[] = "SELECT COUNT(*) FROM organizations WHERE name >= ? AND name < ?";
static const char member_count[] = "SELECT COUNT(*) FROM memberships m "
				   "JOIN organizations o ON o.id = m.org_id "
				   "WHERE m.user_id = ? AND o.name >= ? AND o.name < ?";

/* Above every name that starts with the prefix: the prefix and U+10FFFF, the last code point. */
#define PREFIX_END "\xf4\x8f\xbf\xbf"
#define PREFIX_MAX 512

void org_page_release(struct org_page *p)
{
	size_t i;

	for (i = 0; p && p->rows && i < p->n; i++)
		org_release(&p->rows[i].org);
	if (p) {
		free(p->rows);
		memset(p, 0, sizeof(*p));
	}
}

static int read_rows(struct db_stmt *s, const struct org_page_query *q, struct org_page *out,
		     struct err *e)
{
	int rc;

	out->rows = xcalloc(q->limit, sizeof(*out->rows));
	while ((rc = db_step(s, e)) == DB_ROW) {
		struct org_row *r;
		const char *role;

		if (out->n == q->limit) {
			out->more = true;
			break;
		}
		r = &out->rows[out->n++];
		r->org.id = db_column_int(s, 0);
		r->org.name = store_col(s, 1);
		r->org.parent_id = db_column_is_null(s, 2) ? 0 : db_column_int(s, 2);
		r->org.parent_name = store_col(s, 3);
		r->org.created_at = store_col(s, 4);
		role = db_column_text(s, 5);
		r->role = role ? role_parse(role) : -1;
	}
	db_finalize(s);
	return rc < 0 ? rc : 0;
}

static int count(struct store *st, const struct org_page_query *q, const char *from, const char *to,
		 long long *total, struct err *e)
{
	struct db_stmt *s = NULL;
	int rc = q->all ? db_run(st->db, &s, e, all_count, "ss", from, to)
			: db_run(st->db, &s, e, member_count, "iss", q->user_id, from, to);

	if (rc < 0)
		return rc;
	*total = rc == DB_ROW ? db_column_int(s, 0) : 0;
	db_finalize(s);
	return 0;
}

int store_org_page(struct store *st, const struct org_page_query *q, struct org_page *out,
		   struct err *e)
{
	const char *after = q->after ? q->after : "";
	const char *from = q->prefix ? q->prefix : "";
	char to[PREFIX_MAX + sizeof(PREFIX_END)];
	struct db_stmt *s = NULL;
	int k = 1, rc;

	memset(out, 0, sizeof(*out));
	if (q->limit < 1 || q->limit > ORG_PAGE_MAX || strlen(from) > PREFIX_MAX)
		return err_fail(e, ERR_INTERNAL, NULL, MSG_E_DB_BIND);
	snprintf(to, sizeof(to), "%s" PREFIX_END, from);
	rc = db_prepare(st->db, q->all ? all_sql : member_sql, &s, e);
	if (rc)
		return rc;
	if ((!q->all && db_bind_int(s, k++, q->user_id)) || db_bind_text(s, k++, after) ||
	    db_bind_text(s, k++, from) || db_bind_text(s, k++, to) ||
	    db_bind_int(s, k++, (long long)q->limit + 1) ||
	    db_bind_int(s, k, (long long)q->offset)) {
		db_finalize(s);
		return err_fail(e, ERR_DB, NULL, MSG_E_DB_BIND);
	}
	rc = read_rows(s, q, out, e);
	if (!rc)
		rc = count(st, q, from, to, &out->total, e);
	if (rc)
		org_page_release(out);
	return rc;
}
