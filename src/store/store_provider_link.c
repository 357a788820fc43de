/*
 * store_provider_link.c - links from a client's providers to provider
 * organizations, and the provider's view of its sharing clients
 * (store_provider_link.h).
 */
#include "store/store_provider_link.h"

#include <stdlib.h>
#include <string.h>

#include "core/framework.h"
#include "store/db.h"
#include "store/store_int.h"
#include "util/xalloc.h"

/* The current link of provider_id: *org_id 0 when none, else its organization and *shared. */
static int link_get(struct store *st, long long provider_id, long long *org_id, bool *shared,
		    struct err *e)
{
	struct db_stmt *s = NULL;
	int rc = db_run(st->db, &s, e,
			"SELECT provider_org_id, shared FROM provider_links WHERE provider_id = ?",
			"i", provider_id);

	*org_id = 0;
	*shared = false;
	if (rc == DB_ROW) {
		*org_id = db_column_int(s, 0);
		*shared = db_column_int(s, 1) != 0;
		db_finalize(s);
	}
	return rc < 0 ? rc : 0;
}

/* The audit event of a change of provider_id's link: subject "provider 'X' of 'C'". */
static int link_audit(struct store *st, long long client_org_id, long long provider_id,
		      const char *action, json_t *before, json_t *after, struct err *e)
{
	char *org = NULL, *name = NULL, *subject;
	int rc = store_party_names(st, PARTY_PROVIDER, client_org_id, provider_id, &org, &name, e);

	if (rc) {
		json_decref(before);
		json_decref(after);
	} else {
		subject = store_fmt("provider '%s' of '%s'", name, org);
		rc = store_audit_json(st, client_org_id, action, subject, before, after, e);
		free(subject);
	}
	free(org);
	free(name);
	return rc;
}

static json_t *link_json(struct store *st, long long org_id, bool shared)
{
	json_t *j = json_object();
	char *name = NULL;
	struct err ignored = ERR_INIT;

	if (!store_org_name(st, org_id, &name, &ignored))
		json_object_set_new(j, "organization", json_string(name));
	json_object_set_new(j, "shared", json_boolean(shared));
	free(name);
	return j;
}

int store_provider_link(struct store *st, long long client_org_id, long long provider_id,
			long long provider_org_id, struct err *e)
{
	char now[32];
	long long old_org;
	bool old_shared;
	int rc;

	if (provider_org_id == client_org_id)
		return err_fail(e, ERR_INVALID, "organization", MSG_E_PROVIDER_LINK_SELF);
	rc = store_tx_begin(st, e);
	if (rc)
		return rc;
	rc = link_get(st, provider_id, &old_org, &old_shared, e);
	if (rc || old_org == provider_org_id)
		goto out;
	store_now(now);
	if (old_org)
		rc = db_run(
		    st->db, NULL, e,
		    "UPDATE provider_links SET provider_org_id = ?, shared = 0, linked_by = ?, "
		    "linked_at = ?, shared_by = NULL, shared_at = NULL WHERE provider_id = ?",
		    "issi", provider_org_id, st->actor, now, provider_id);
	else
		rc = db_run(
		    st->db, NULL, e,
		    "INSERT INTO provider_links (provider_id, client_org_id, provider_org_id, "
		    "shared, linked_by, linked_at) VALUES (?, ?, ?, 0, ?, ?)",
		    "iiiss", provider_id, client_org_id, provider_org_id, st->actor, now);
	if (rc < 0)
		goto out;
	rc = link_audit(st, client_org_id, provider_id, "provider.link",
			old_org ? link_json(st, old_org, old_shared) : NULL,
			link_json(st, provider_org_id, false), e);
out:
	return store_tx_end(st, rc > 0 ? 0 : rc, e);
}

/* ERR_NOT_FOUND "provider 'X' of 'C' is not linked to an organization". */
static int not_linked(struct store *st, long long client_org_id, long long provider_id,
		      struct err *e)
{
	char *org = NULL, *name = NULL;
	int rc = store_party_names(st, PARTY_PROVIDER, client_org_id, provider_id, &org, &name, e);

	if (!rc)
		rc = err_fail(e, ERR_NOT_FOUND, "", MSG_E_PROVIDER_NOT_LINKED, name, org);
	free(org);
	free(name);
	return rc;
}

int store_provider_unlink(struct store *st, long long client_org_id, long long provider_id,
			  struct err *e)
{
	long long old_org;
	bool old_shared;
	int rc = store_tx_begin(st, e);

	if (rc)
		return rc;
	rc = link_get(st, provider_id, &old_org, &old_shared, e);
	if (!rc && !old_org)
		rc = not_linked(st, client_org_id, provider_id, e);
	if (!rc)
		rc = db_run(st->db, NULL, e, "DELETE FROM provider_links WHERE provider_id = ?",
			    "i", provider_id);
	if (rc >= 0 && old_org)
		rc = link_audit(st, client_org_id, provider_id, "provider.unlink",
				link_json(st, old_org, old_shared), NULL, e);
	return store_tx_end(st, rc > 0 ? 0 : rc, e);
}

int store_provider_share(struct store *st, long long client_org_id, long long provider_id, bool on,
			 struct err *e)
{
	char now[32];
	long long org;
	bool shared;
	int rc = store_tx_begin(st, e);

	if (rc)
		return rc;
	rc = link_get(st, provider_id, &org, &shared, e);
	if (!rc && !org)
		rc = not_linked(st, client_org_id, provider_id, e);
	if (rc || shared == on)
		goto out;
	store_now(now);
	rc = db_run(st->db, NULL, e,
		    "UPDATE provider_links SET shared = ?, shared_by = ?, shared_at = ? WHERE "
		    "provider_id = ?",
		    "issi", (long long)(on ? 1 : 0), st->actor, now, provider_id);
	if (rc >= 0)
		rc = link_audit(st, client_org_id, provider_id,
				on ? "provider.share" : "provider.unshare",
				link_json(st, org, shared), link_json(st, org, on), e);
out:
	return store_tx_end(st, rc > 0 ? 0 : rc, e);
}

void provider_link_rows_free(struct provider_link_row *rows, size_t n)
{
	size_t i;

	for (i = 0; rows && i < n; i++) {
		free(rows[i].provider);
		free(rows[i].linked_org);
	}
	free(rows);
}

static void link_row(struct db_stmt *s, void *item)
{
	struct provider_link_row *r = item;

	r->provider = store_col(s, 0);
	r->linked_org = store_col(s, 1);
	r->linked_org_id = db_column_is_null(s, 2) ? 0 : db_column_int(s, 2);
	r->shared = !db_column_is_null(s, 3) && db_column_int(s, 3);
}

static void link_rows_free(void *list, size_t n)
{
	provider_link_rows_free(list, n);
}

static const struct store_rows_of link_rows_of = {sizeof(struct provider_link_row), link_row,
						  link_rows_free, NULL};

int store_provider_links(struct store *st, long long client_org_id, struct provider_link_row **out,
			 size_t *n, struct err *e)
{
	static const char sql[] =
	    "SELECT pr.name, o.name, l.provider_org_id, l.shared FROM providers pr "
	    "LEFT JOIN provider_links l ON l.provider_id = pr.id "
	    "LEFT JOIN organizations o ON o.id = l.provider_org_id "
	    "WHERE pr.org_id = ? ORDER BY pr.name";
	struct db_stmt *s = NULL;
	void *list = NULL;
	int rc = db_prepare(st->db, sql, &s, e);

	if (!rc && db_bind_int(s, 1, client_org_id))
		rc = err_fail(e, ERR_DB, NULL, MSG_E_DB_BIND);
	rc = store_rows(s, rc, &link_rows_of, &list, n, e);
	*out = list;
	return rc;
}

static void client_row_release(struct provider_client_row *r)
{
	free(r->client);
	free(r->provider);
	free(r->framework_id);
	free(r->ref_id);
	free(r->custom_name_en);
	free(r->custom_name_ja);
	free(r->level);
	free(r->assignment);
	free(r->note);
}

void provider_client_page_release(struct provider_client_page *p)
{
	size_t i;

	for (i = 0; p->rows && i < p->n; i++)
		client_row_release(&p->rows[i]);
	free(p->rows);
	memset(p, 0, sizeof *p);
}

static int score_col(struct db_stmt *s, int i)
{
	return db_column_is_null(s, i) ? SCORE_NONE : (int)db_column_int(s, i);
}

/* The rows the provider sees, from the links of provider_org_id that are shared: the
 * links drive (CROSS JOIN keeps SQLite in this order; PostgreSQL reads an inner join),
 * each finds its provider's outsourced entries through entries_provider. */
#define PROVIDER_FROM "FROM provider_links l CROSS JOIN entries e CROSS JOIN portfolios p "
#define PROVIDER_ROWS                                                                              \
	"WHERE l.provider_org_id = ? AND l.shared = 1 AND e.provider_id = l.provider_id "          \
	"AND e.assignment IN ('outsource', 'hybrid') AND p.id = e.portfolio_id "

int store_provider_clients(struct store *st, long long provider_org_id,
			   const struct provider_cursor *after, size_t offset, size_t limit,
			   struct provider_client_page *out, struct err *e)
{
	static const char sql[] =
	    "SELECT l.client_org_id, l.provider_id, e.id, o.name, pr.name, p.framework_id, "
	    "e.ref_id, e.custom, e.custom_name_en, e.custom_name_ja, e.level, e.assignment, "
	    "e.out_current, e.out_target, e.note " PROVIDER_FROM
	    "JOIN organizations o ON o.id = l.client_org_id JOIN providers pr ON pr.id = "
	    "l.provider_id " PROVIDER_ROWS "AND l.client_org_id >= ? AND (l.client_org_id > ? OR "
	    "(l.client_org_id = ? AND (l.provider_id > ? OR "
	    "(l.provider_id = ? AND e.id > ?)))) "
	    "ORDER BY l.client_org_id, l.provider_id, e.id LIMIT ? OFFSET ?";
	static const char sql_count[] =
	    "SELECT COUNT(*), COUNT(DISTINCT l.client_org_id) " PROVIDER_FROM PROVIDER_ROWS;
	static const struct provider_cursor first = {0, 0, 0};
	const struct provider_cursor *c = after ? after : &first;
	struct db_stmt *s = NULL;
	size_t cap = 0;
	int rc;

	memset(out, 0, sizeof *out);
	if (limit < 1 || limit > PROVIDER_PAGE_MAX)
		return err_fail(e, ERR_INVALID, "limit", MSG_E_PROVIDER_PAGE_LIMIT,
				(long long)limit, (long long)PROVIDER_PAGE_MAX);
	rc = db_run(st->db, &s, e, sql_count, "i", provider_org_id);
	if (rc < 0)
		return rc;
	if (rc == DB_ROW) {
		out->total = db_column_int(s, 0);
		out->total_clients = db_column_int(s, 1);
		db_finalize(s);
	}
	rc = db_prepare(st->db, sql, &s, e);
	if (rc)
		return rc;
	if (db_bind_int(s, 1, provider_org_id) || db_bind_int(s, 2, c->client_id) ||
	    db_bind_int(s, 3, c->client_id) || db_bind_int(s, 4, c->client_id) ||
	    db_bind_int(s, 5, c->provider_id) || db_bind_int(s, 6, c->provider_id) ||
	    db_bind_int(s, 7, c->entry_id) || db_bind_int(s, 8, (long long)limit + 1) ||
	    db_bind_int(s, 9, (long long)offset)) {
		db_finalize(s);
		return err_fail(e, ERR_DB, NULL, MSG_E_DB_BIND);
	}
	while ((rc = db_step(s, e)) == DB_ROW) {
		struct provider_client_row *r;

		if (out->n == limit) {
			out->more = true;
			continue;
		}
		out->rows = xgrow(out->rows, &cap, out->n + 1, sizeof *out->rows);
		r = &out->rows[out->n++];
		memset(r, 0, sizeof *r);
		r->at.client_id = db_column_int(s, 0);
		r->at.provider_id = db_column_int(s, 1);
		r->at.entry_id = db_column_int(s, 2);
		r->client = store_col(s, 3);
		r->provider = store_col(s, 4);
		r->framework_id = store_col(s, 5);
		r->ref_id = store_col(s, 6);
		if (db_column_int(s, 7)) {
			r->custom_name_en = store_col(s, 8);
			r->custom_name_ja = store_col(s, 9);
		}
		r->level = store_col(s, 10);
		r->assignment = store_col(s, 11);
		r->out_current = score_col(s, 12);
		r->out_target = score_col(s, 13);
		r->note = store_col(s, 14);
	}
	db_finalize(s);
	if (rc < 0) {
		provider_client_page_release(out);
		return rc;
	}
	return 0;
}

int store_provider_has_clients(struct store *st, long long org_id, bool *out, struct err *e)
{
	int rc = db_run(st->db, NULL, e,
			"SELECT provider_id FROM provider_links WHERE provider_org_id = ? AND "
			"shared = 1 LIMIT 1",
			"i", org_id);

	*out = rc == DB_ROW;
	return rc < 0 ? rc : 0;
}
