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

/* A site administrator's page: the organizations by name, through the UNIQUE index on name
 * (at most offset + limit + 1 rows read). */
static const char all_sql[] = "SELECT " PAGE_COLUMNS ", NULL FROM organizations o "
			      "LEFT JOIN organizations p ON p.id = o.parent_id "
			      "WHERE o.name > ? AND o.name >= ? AND o.name < ? "
			      "ORDER BY o.name LIMIT ? OFFSET ?";
/* A member of few organizations: their memberships first (the primary key's user_id part),
 * then sorted by name; CROSS JOIN keeps SQLite from walking every organization by name. */
static const char few_sql[] =
    "SELECT " PAGE_COLUMNS ", m.role FROM memberships m "
    "CROSS JOIN organizations o LEFT JOIN organizations p ON p.id = o.parent_id "
    "WHERE m.user_id = ? AND o.id = m.org_id AND o.name > ? AND o.name >= ? AND o.name < ? "
    "ORDER BY o.name LIMIT ? OFFSET ?";
/* A member of many: the organizations by name, each checked on the primary key, which finds
 * a page after reading about limit x organizations / memberships rows. */
static const char many_sql[] =
    "SELECT " PAGE_COLUMNS ", m.role FROM organizations o "
    "CROSS JOIN memberships m LEFT JOIN organizations p ON p.id = o.parent_id "
    "WHERE m.user_id = ? AND m.org_id = o.id AND o.name > ? AND o.name >= ? AND o.name < ? "
    "ORDER BY o.name LIMIT ? OFFSET ?";
/* The totals with a name prefix (a search: as long as what it finds). Without one, the kept
 * counts (schema 11): organization_count and member_counts, kept by triggers. */
static const char all_count[] = "SELECT COUNT(*) FROM organizations WHERE name >= ? AND name < ?";
static const char member_count[] = "SELECT COUNT(*) FROM memberships m "
				   "CROSS JOIN organizations o "
				   "WHERE m.user_id = ? AND o.id = m.org_id AND o.name >= ? AND "
				   "o.name < ?";
static const char kept_all[] = "SELECT n FROM organization_count";
static const char kept_member[] = "SELECT n FROM member_counts WHERE user_id = ?";

/* A member of at least 1/DENSE of the organizations reads the organizations by name. */
#define DENSE 20

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

/* One number from sql with an optional user id and an optional name range. */
static int number(struct store *st, const char *sql, long long user_id, const char *from,
		  const char *to, long long *out, struct err *e)
{
	struct db_stmt *s = NULL;
	int rc = user_id && from ? db_run(st->db, &s, e, sql, "iss", user_id, from, to)
		 : user_id	 ? db_run(st->db, &s, e, sql, "i", user_id)
		 : from		 ? db_run(st->db, &s, e, sql, "ss", from, to)
				 : db_run(st->db, &s, e, sql, "");

	if (rc < 0)
		return rc;
	*out = rc == DB_ROW ? db_column_int(s, 0) : 0;
	if (rc == DB_ROW)
		db_finalize(s);
	return 0;
}

/* The user's organizations (all of them for an administrator), with the prefix when given. */
static int count(struct store *st, const struct org_page_query *q, const char *from, const char *to,
		 long long *total, struct err *e)
{
	if (*from) /* a search counts what it finds */
		return q->all ? number(st, all_count, 0, from, to, total, e)
			      : number(st, member_count, q->user_id, from, to, total, e);
	return q->all ? number(st, kept_all, 0, NULL, NULL, total, e)
		      : number(st, kept_member, q->user_id, NULL, NULL, total, e);
}

int store_org_page(struct store *st, const struct org_page_query *q, struct org_page *out,
		   struct err *e)
{
	const char *after = q->after ? q->after : "";
	const char *from = q->prefix ? q->prefix : "";
	char to[PREFIX_MAX + sizeof(PREFIX_END)];
	struct db_stmt *s = NULL;
	long long all = 0, mine = 0;
	int k = 1, rc;

	memset(out, 0, sizeof(*out));
	if (q->limit < 1 || q->limit > ORG_PAGE_MAX || strlen(from) > PREFIX_MAX)
		return err_fail(e, ERR_INTERNAL, NULL, MSG_E_DB_BIND);
	snprintf(to, sizeof(to), "%s" PREFIX_END, from);
	rc = count(st, q, from, to, &out->total, e);
	if (!rc && !q->all) { /* how dense the user's organizations are */
		rc = number(st, kept_all, 0, NULL, NULL, &all, e);
		if (!rc && *from)
			rc = number(st, kept_member, q->user_id, NULL, NULL, &mine, e);
		else
			mine = out->total;
	}
	if (rc)
		return rc;
	rc = db_prepare(st->db, q->all ? all_sql : mine * DENSE >= all ? many_sql : few_sql, &s, e);
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
	if (rc)
		org_page_release(out);
	return rc;
}
