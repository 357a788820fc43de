/*
 * store_portfolio.c - portfolios: one organization x one framework.
 */
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "store/store_int.h"
#include "store/store_position.h"
#include "util/xalloc.h"

void portfolio_ref_list_free(struct portfolio_ref *list, size_t n)
{
	size_t i;

	for (i = 0; list && i < n; i++) {
		free(list[i].framework_id);
		free(list[i].created_at);
		free(list[i].next_evaluation);
	}
	free(list);
}

/* Id of org_id's portfolio for framework_id, or 0. */
static int portfolio_lookup(struct store *st, long long org_id, const char *framework_id,
			    long long *id, struct err *e)
{
	struct db_stmt *s = NULL;
	int rc;

	*id = 0;
	rc =
	    db_run(st->db, &s, e, "SELECT id FROM portfolios WHERE org_id = ? AND framework_id = ?",
		   "is", org_id, framework_id);
	if (rc == DB_ROW) {
		*id = db_column_int(s, 0);
		db_finalize(s);
	}
	return rc < 0 ? rc : 0;
}

/* The framework and the next evaluation date of a portfolio, in checks. */
static const struct store_what *const framework_what = STORE_WHAT(MSG_N_FRAMEWORK_ID, "framework");
static const struct store_what *const next_evaluation_what =
    STORE_WHAT(MSG_N_NEXT_EVALUATION, "next_evaluation");

int store_portfolio_new(struct store *st, long long org_id, const char *framework_id, long long *id,
			struct err *e)
{
	struct db_stmt *s = NULL;
	char *org = NULL, *subject = NULL, now[32];
	long long found, pid = 0;
	json_t *after;
	int rc;

	rc = store_check_name_as(framework_what, framework_id, e);
	if (rc)
		return rc;
	rc = store_tx_begin(st, e);
	if (rc)
		return rc;
	rc = store_org_name(st, org_id, &org, e);
	if (!rc)
		rc = portfolio_lookup(st, org_id, framework_id, &found, e);
	if (rc)
		goto out;
	if (found) {
		rc = err_fail(e, ERR_CONFLICT, "framework", MSG_E_PORTFOLIO_EXISTS, org,
			      framework_id);
		goto out;
	}
	store_now(now);
	rc = db_run(st->db, &s, e,
		    "INSERT INTO portfolios (org_id, framework_id, created_at) VALUES (?, ?, ?) "
		    "RETURNING id",
		    "iss", org_id, framework_id, now);
	if (rc < 0)
		goto out;
	pid = db_column_int(s, 0);
	db_finalize(s);
	rc = db_run(st->db, NULL, e,
		    "INSERT INTO cycles (portfolio_id, number, opened_at) VALUES (?, 1, ?)", "is",
		    pid, now);
	if (rc < 0)
		goto out;
	if (id)
		*id = pid;
	after = json_object();
	json_object_set_new(after, "framework", json_string(framework_id));
	json_object_set_new(after, "created_at", json_string(now));
	json_object_set_new(after, "cycle", json_integer(1));
	subject = store_fmt("portfolio of '%s' for '%s'", org, framework_id);
	rc = store_audit_json(st, org_id, "portfolio.new", subject, NULL, after, e);
out:
	free(subject);
	free(org);
	return store_tx_end(st, rc, e);
}

int store_portfolio_find(struct store *st, long long org_id, const char *framework_id,
			 long long *id, struct err *e)
{
	char *org = NULL;
	int rc;

	rc = portfolio_lookup(st, org_id, framework_id ? framework_id : "", id, e);
	if (rc || *id)
		return rc;
	rc = store_org_name(st, org_id, &org, e);
	if (!rc)
		rc = err_fail(e, ERR_NOT_FOUND, NULL, MSG_E_NO_PORTFOLIO, org,
			      framework_id ? framework_id : "");
	free(org);
	return rc;
}

static int ref_cmp(const void *pa, const void *pb)
{
	const struct portfolio_ref *a = pa, *b = pb;

	if (a->org_id != b->org_id)
		return a->org_id < b->org_id ? -1 : 1;
	return strcmp(a->framework_id, b->framework_id);
}

static void ref_item(struct db_stmt *s, void *item)
{
	struct portfolio_ref *r = item;

	r->id = db_column_int(s, 0);
	r->org_id = db_column_int(s, 1);
	r->framework_id = store_col(s, 2);
	r->cycle = db_column_is_null(s, 3) ? 0 : (int)db_column_int(s, 3);
	r->created_at = store_col(s, 4);
	r->next_evaluation = store_col(s, 5);
}

static void refs_free(void *list, size_t n)
{
	portfolio_ref_list_free(list, n);
}

static const struct store_rows_of refs_of = {sizeof(struct portfolio_ref), ref_item, refs_free,
					     ref_cmp};

int store_portfolio_list(struct store *st, long long org_id, struct portfolio_ref **out, size_t *n,
			 struct err *e)
{
#define REFS_SELECT                                                                                \
	"SELECT p.id, p.org_id, p.framework_id, "                                                  \
	"(SELECT MAX(number) FROM cycles c WHERE c.portfolio_id = p.id "                           \
	"AND c.closed_at IS NULL), p.created_at, p.next_evaluation FROM portfolios p "
	/* two statements, so that one organization's list is read through the index on org_id */
	static const char all_sql[] = REFS_SELECT;
	static const char org_sql[] = REFS_SELECT "WHERE p.org_id = ?";
	struct db_stmt *s = NULL;
	char *org = NULL;
	void *list;
	int rc;

	*out = NULL;
	*n = 0;
	if (org_id) {
		rc = store_org_name(st, org_id, &org, e);
		free(org);
		if (rc)
			return rc;
	}
	rc = db_prepare(st->db, org_id ? org_sql : all_sql, &s, e);
	if (!rc && org_id && db_bind_int(s, 1, org_id))
		rc = err_fail(e, ERR_DB, NULL, MSG_E_DB_BIND);
	rc = store_rows(s, rc, &refs_of, &list, n, e);
	*out = list;
	return rc;
}

/* The party names of p's entries (their team, their provider), each party read once: a
 * portfolio has a few parties and many entries, which a join would look up row by row. */
static int fill_party_names(struct store *st, struct portfolio *p, struct err *e)
{
	static const char *const sql[2] = {"SELECT name FROM teams WHERE id = ?",
					   "SELECT name FROM providers WHERE id = ?"};
	struct party {
		int kind; /* 0 a team, 1 a provider */
		long long id;
		char *name;
	} *known = NULL;
	size_t n_known = 0, cap_known = 0, i, j;
	int rc = 0, kind;

	for (i = 0; !rc && i < p->n_entries; i++)
		for (kind = 0; !rc && kind < 2; kind++) {
			struct entry *en = &p->entries[i];
			long long id = kind ? en->provider_id : en->team_id;
			struct db_stmt *s = NULL;

			if (!id)
				continue;
			for (j = 0; j < n_known && (known[j].kind != kind || known[j].id != id);
			     j++)
				;
			if (j == n_known) {
				known = xgrow(known, &cap_known, n_known + 1, sizeof(*known));
				rc = db_run(st->db, &s, e, sql[kind], "i", id);
				known[j].kind = kind;
				known[j].id = id;
				known[j].name = rc == DB_ROW ? store_col(s, 0) : NULL;
				db_finalize(s);
				n_known++;
				rc = rc < 0 ? rc : 0;
			}
			if (known[j].name)
				*(kind ? &en->provider : &en->team) = xstrdup(known[j].name);
		}
	for (j = 0; j < n_known; j++)
		free(known[j].name);
	free(known);
	return rc;
}

int store_portfolio_load(struct store *st, long long portfolio_id, struct portfolio *p,
			 struct err *e)
{
	struct pf_info pi;
	struct db_stmt *s = NULL;
	struct entry *en;
	int rc;

	portfolio_release(p);
	rc = store_pf_info(st, portfolio_id, &pi, e);
	if (rc)
		return rc;
	p->id = portfolio_id;
	p->org_id = pi.org_id;
	p->org_name = pi.org_name;
	p->framework_id = pi.framework_id;
	p->cycle = pi.cycle;
	p->next_evaluation = pi.next_evaluation;
	pi.org_name = pi.framework_id = pi.next_evaluation = NULL;
	/* STORE_ENTRY_SELECT's columns, the party names filled in after */
	rc = db_prepare(
	    st->db,
	    "SELECT e.id, e.ref_id, e.level, e.assignment, e.team_id, NULL, "
	    "e.provider_id, NULL, e.in_current, e.in_target, e.out_current, "
	    "e.out_target, e.note, e.evidence, e.version, e.custom, e.custom_name_en, "
	    "e.custom_name_ja, e.custom_category FROM entries e WHERE e.portfolio_id = ?",
	    &s, e);
	if (rc)
		goto out;
	if (db_bind_int(s, 1, portfolio_id))
		rc = err_fail(e, ERR_DB, NULL, MSG_E_DB_BIND);
	while (!rc && (rc = db_step(s, e)) == DB_ROW) {
		en = portfolio_add_entry(p, "");
		XFREE(&en->ref_id);
		store_entry_from_row(s, en);
		rc = 0;
	}
	db_finalize(s);
	if (!rc)
		rc = fill_party_names(st, p, e);
	if (!rc)
		rc = store_position_fill(st, p, e);
out:
	if (rc)
		portfolio_release(p);
	return rc;
}

int store_portfolio_set_next_evaluation(struct store *st, long long portfolio_id, const char *date,
					struct err *e)
{
	struct pf_info pi;
	char *subject = NULL;
	int rc;

	rc = store_check_date_as(next_evaluation_what, date, e);
	if (rc)
		return rc;
	rc = store_tx_pf(st, portfolio_id, &pi, e);
	if (rc)
		return rc;
	if (date ? pi.next_evaluation && !strcmp(date, pi.next_evaluation) : !pi.next_evaluation)
		goto out; /* unchanged: no write, no event */
	rc = db_run(st->db, NULL, e, "UPDATE portfolios SET next_evaluation = ? WHERE id = ?", "si",
		    date, portfolio_id);
	if (rc < 0)
		goto out;
	subject = store_fmt("portfolio of '%s' for '%s'", pi.org_name, pi.framework_id);
	rc = store_audit_json(st, pi.org_id, "portfolio.schedule", subject,
			      json_pack("{s:o}", "next_evaluation", store_jstr(pi.next_evaluation)),
			      json_pack("{s:o}", "next_evaluation", store_jstr(date)), e);
out:
	free(subject);
	store_pf_info_release(&pi);
	return store_tx_end(st, rc, e);
}

int store_import_portfolio(struct store *st, long long org_id, const char *framework_id,
			   const char *created_at, const char *next_evaluation, long long *id,
			   struct err *e)
{
	struct db_stmt *s = NULL;
	int rc;

	rc = store_check_name_as(framework_what, framework_id, e);
	if (!rc)
		rc = store_check_name_as(STORE_WHAT(MSG_N_PORTFOLIO_CREATED_AT, "created_at"),
					 created_at, e);
	if (!rc)
		rc = store_check_date_as(next_evaluation_what, next_evaluation, e);
	if (rc)
		return rc;
	rc = db_run(st->db, &s, e,
		    "INSERT INTO portfolios (org_id, framework_id, created_at, next_evaluation) "
		    "VALUES (?, ?, ?, ?) RETURNING id",
		    "isss", org_id, framework_id, created_at, next_evaluation);
	if (rc < 0)
		return rc;
	*id = db_column_int(s, 0);
	db_finalize(s);
	return 0;
}
