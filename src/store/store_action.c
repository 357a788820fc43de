/*
 * store_action.c - improvement actions (the management process).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/snapshot.h"
#include "store/store.h"
#include "store/store_int.h"
#include "util/date.h"
#include "util/xalloc.h"

#define ACTION_SELECT                                                                              \
	"SELECT id, ref_id, title, owner, due, target, status, created_at, done_at FROM actions "

void action_release(struct action *a)
{
	if (!a)
		return;
	XFREE(&a->ref_id);
	XFREE(&a->title);
	XFREE(&a->owner);
	XFREE(&a->due);
	XFREE(&a->status);
	XFREE(&a->created_at);
	XFREE(&a->done_at);
	a->id = 0;
}

void action_list_free(struct action *list, size_t n)
{
	size_t i;

	for (i = 0; list && i < n; i++)
		action_release(&list[i]);
	free(list);
}

static void action_from_row(struct db_stmt *s, struct action *a)
{
	a->id = db_column_int(s, 0);
	a->ref_id = store_col(s, 1);
	a->title = store_col(s, 2);
	a->owner = store_col(s, 3);
	a->due = store_col(s, 4);
	a->target = store_col_score(s, 5);
	a->status = store_col(s, 6);
	a->created_at = store_col(s, 7);
	a->done_at = store_col(s, 8);
}

static void action_item(struct db_stmt *s, void *item)
{
	action_from_row(s, item);
}

static void actions_free(void *list, size_t n)
{
	action_list_free(list, n);
}

static const struct store_rows_of actions_of = {sizeof(struct action), action_item, actions_free,
						NULL};

void owned_action_list_free(struct owned_action *list, size_t n)
{
	size_t i;

	for (i = 0; list && i < n; i++) {
		action_release(&list[i].a);
		free(list[i].org_name);
		free(list[i].framework_id);
	}
	free(list);
}

static void owned_item(struct db_stmt *s, void *item)
{
	struct owned_action *o = item;

	action_from_row(s, &o->a);
	o->org_id = db_column_int(s, 9);
	o->org_name = store_col(s, 10);
	o->framework_id = store_col(s, 11);
}

static void owned_free(void *list, size_t n)
{
	owned_action_list_free(list, n);
}

static const struct store_rows_of owned_of = {sizeof(struct owned_action), owned_item, owned_free,
					      NULL};

int store_action_list_owned(struct store *st, const char *owner, long long user_id, int all,
			    size_t limit, struct owned_action **out, size_t *n, struct err *e)
{
	/* through the index on (owner, status); the member's organizations by the
	 * memberships' primary key */
	static const char sql[] =
	    "SELECT a.id, a.ref_id, a.title, a.owner, a.due, a.target, a.status, a.created_at, "
	    "a.done_at, o.id, o.name, p.framework_id FROM actions a "
	    "JOIN portfolios p ON p.id = a.portfolio_id JOIN organizations o ON o.id = p.org_id "
	    "WHERE a.owner = ? AND a.status = 'open' AND (? = 1 OR EXISTS (SELECT 1 FROM "
	    "memberships m WHERE m.user_id = ? AND m.org_id = o.id)) "
	    "ORDER BY a.due IS NULL, a.due, a.id LIMIT ?";
	struct db_stmt *s = NULL;
	void *list;
	int rc = db_prepare(st->db, sql, &s, e);

	if (!rc && (db_bind_text(s, 1, owner) || db_bind_int(s, 2, all) ||
		    db_bind_int(s, 3, user_id) || db_bind_int(s, 4, (long long)limit)))
		rc = err_fail(e, ERR_DB, NULL, MSG_E_DB_BIND);
	rc = store_rows(s, rc, &owned_of, &list, n, e);
	*out = list;
	return rc;
}

static json_t *action_json(const struct action *a)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(a->id));
	json_object_set_new(o, "ref", store_jstr(a->ref_id));
	json_object_set_new(o, "title", store_jstr(a->title));
	json_object_set_new(o, "owner", store_jstr(a->owner));
	json_object_set_new(o, "due", store_jstr(a->due));
	json_object_set_new(o, "target", score_to_json(a->target));
	json_object_set_new(o, "status", store_jstr(a->status));
	json_object_set_new(o, "created_at", store_jstr(a->created_at));
	json_object_set_new(o, "done_at", store_jstr(a->done_at));
	return o;
}

static int valid_status(const char *status)
{
	return status && (!strcmp(status, "open") || !strcmp(status, "done"));
}

/* The field checks shared by store_action_add and the importer. */
static int action_check(const struct action *a, struct err *e)
{
	const char *ref = a->ref_id ? a->ref_id : "";
	const struct store_what *title = STORE_WHAT_OF(MSG_N_ACTION_TITLE_FOR, ref, "title");
	int rc;

	rc = store_check_name_as(STORE_WHAT(MSG_N_SERVICE_REF, "ref"), a->ref_id, e);
	if (rc)
		return rc;
	if (!a->title || !*a->title)
		return err_fail(e, ERR_INVALID, title->field, MSG_E_EMPTY, title->noun, title->arg);
	rc = store_check_text_as(title, a->title, STORE_TEXT_MAX, e);
	if (rc)
		return rc;
	if (a->owner && (rc = store_check_name_as(
			     STORE_WHAT_OF(MSG_N_ACTION_OWNER_FOR, ref, "owner"), a->owner, e)))
		return rc;
	if (a->due && !date_valid(a->due))
		return err_fail(e, ERR_INVALID, "due", MSG_E_ACTION_DUE, a->due, ref);
	rc = store_check_score(STORE_WHAT_OF(MSG_N_ACTION_TARGET_FOR, ref, "target"), a->target, e);
	if (rc)
		return rc;
	if (a->status && !valid_status(a->status))
		return err_fail(e, ERR_INVALID, "status", MSG_E_ACTION_STATUS, a->status);
	return 0;
}

/* Insert a's row into portfolio_id with status, created_at and done_at as
 * given (a new action's or an imported one's); *id (may be NULL) is its id. */
static int insert_action(struct store *st, long long portfolio_id, const struct action *a,
			 const char *status, const char *created_at, const char *done_at,
			 long long *id, struct err *e)
{
	struct db_stmt *s = NULL;
	int rc;

	rc = db_prepare(
	    st->db,
	    "INSERT INTO actions (portfolio_id, ref_id, title, owner, due, target, status, "
	    "created_at, done_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
	    &s, e);
	if (rc)
		return rc;
	if (db_bind_int(s, 1, portfolio_id) || db_bind_text(s, 2, a->ref_id) ||
	    db_bind_text(s, 3, a->title) || db_bind_text(s, 4, a->owner) ||
	    db_bind_text(s, 5, a->due) || store_bind_score(s, 6, a->target) ||
	    db_bind_text(s, 7, status) || db_bind_text(s, 8, created_at) ||
	    db_bind_text(s, 9, done_at))
		rc = err_fail(e, ERR_DB, NULL, MSG_E_ACTION_BIND, a->ref_id);
	else
		rc = db_step(s, e);
	if (rc == DB_ROW && id)
		*id = db_column_int(s, 0);
	db_finalize(s);
	return rc < 0 ? rc : 0;
}

int store_action_add(struct store *st, long long portfolio_id, struct action *a, struct err *e)
{
	struct pf_info pi = {0};
	struct action stored = {0};
	const char *status = a->status ? a->status : "open";
	char *subject = NULL, now[32];
	int rc, done = !strcmp(status, "done");

	rc = action_check(a, e);
	if (rc)
		return rc;
	rc = store_tx_pf(st, portfolio_id, &pi, e);
	if (rc)
		return rc;
	rc = db_run(st->db, NULL, e, "SELECT 1 FROM entries WHERE portfolio_id = ? AND ref_id = ?",
		    "is", portfolio_id, a->ref_id);
	if (rc < 0)
		goto out;
	if (rc == DB_DONE) {
		rc = err_fail(e, ERR_NOT_FOUND, "ref", MSG_E_NOT_IN_PORTFOLIO, a->ref_id,
			      pi.org_name, pi.framework_id);
		goto out;
	}
	store_now(now);
	rc = insert_action(st, portfolio_id, a, status, now, done ? now : NULL, &a->id, e);
	if (rc)
		goto out;
	if (!a->created_at)
		a->created_at = xstrdup(now);
	stored = *a;
	stored.status = (char *)status;
	stored.created_at = now;
	stored.done_at = done ? now : NULL;
	subject = store_fmt("action %lld for '%s' in '%s' for '%s'", a->id, a->ref_id, pi.org_name,
			    pi.framework_id);
	rc = store_audit_json(st, pi.org_id, "action.add", subject, NULL, action_json(&stored), e);
out:
	free(subject);
	store_pf_info_release(&pi);
	return store_tx_end(st, rc > 0 ? 0 : rc, e);
}

int store_action_list(struct store *st, long long portfolio_id, const char *status,
		      struct action **out, size_t *n, struct err *e)
{
	struct pf_info pi;
	struct db_stmt *s = NULL;
	void *list;
	int rc;

	*out = NULL;
	*n = 0;
	if (status && !valid_status(status))
		return err_fail(e, ERR_INVALID, "status", MSG_E_ACTION_STATUS, status);
	rc = store_pf_info(st, portfolio_id, &pi, e);
	store_pf_info_release(&pi);
	if (rc)
		return rc;
	/* two statements rather than "? IS NULL": PostgreSQL cannot type a bare NULL test */
	rc = db_prepare(st->db,
			status ? ACTION_SELECT "WHERE portfolio_id = ? AND status = ? "
					       "ORDER BY created_at, id"
			       : ACTION_SELECT "WHERE portfolio_id = ? ORDER BY created_at, id",
			&s, e);
	if (!rc && (db_bind_int(s, 1, portfolio_id) || (status && db_bind_text(s, 2, status))))
		rc = err_fail(e, ERR_DB, NULL, MSG_E_DB_BIND);
	rc = store_rows(s, rc, &actions_of, &list, n, e);
	*out = list;
	return rc;
}

int store_action_set_status(struct store *st, long long portfolio_id, long long action_id,
			    const char *status, struct err *e)
{
	struct pf_info pi = {0};
	struct action a = {0};
	struct db_stmt *s = NULL;
	json_t *before = NULL;
	char *subject = NULL, now[32];
	int rc;

	if (!valid_status(status))
		return err_fail(e, ERR_INVALID, "status", MSG_E_ACTION_STATUS,
				status ? status : "");
	rc = store_tx_pf(st, portfolio_id, &pi, e);
	if (rc)
		return rc;
	rc = db_run(st->db, &s, e, ACTION_SELECT "WHERE id = ? AND portfolio_id = ?", "ii",
		    action_id, portfolio_id);
	if (rc < 0)
		goto out;
	if (rc == DB_DONE) {
		rc = err_fail(e, ERR_NOT_FOUND, NULL, MSG_E_UNKNOWN_ACTION, action_id, pi.org_name,
			      pi.framework_id);
		goto out;
	}
	action_from_row(s, &a);
	db_finalize(s);
	rc = 0;
	if (!strcmp(a.status, status))
		goto out;
	store_now(now);
	if (!strcmp(status, "done"))
		rc = db_run(st->db, NULL, e,
			    "UPDATE actions SET status = 'done', done_at = ? WHERE id = ?", "si",
			    now, action_id);
	else
		rc = db_run(st->db, NULL, e,
			    "UPDATE actions SET status = 'open', done_at = NULL WHERE id = ?", "i",
			    action_id);
	if (rc < 0)
		goto out;
	before = action_json(&a);
	XFREE(&a.status);
	XFREE(&a.done_at);
	a.status = xstrdup(status);
	a.done_at = !strcmp(status, "done") ? xstrdup(now) : NULL;
	subject = store_fmt("action %lld for '%s' in '%s' for '%s'", action_id, a.ref_id,
			    pi.org_name, pi.framework_id);
	rc = store_audit_json(st, pi.org_id, "action.set_status", subject, before, action_json(&a),
			      e);
out:
	free(subject);
	action_release(&a);
	store_pf_info_release(&pi);
	return store_tx_end(st, rc > 0 ? 0 : rc, e);
}

/* Read action action_id of portfolio_id into *a (the caller releases it). */
static int action_read(struct store *st, long long portfolio_id, long long action_id,
		       const struct pf_info *pi, struct action *a, struct err *e)
{
	struct db_stmt *s = NULL;
	int rc;

	rc = db_run(st->db, &s, e, ACTION_SELECT "WHERE id = ? AND portfolio_id = ?", "ii",
		    action_id, portfolio_id);
	if (rc < 0)
		return rc;
	if (rc == DB_DONE)
		return err_fail(e, ERR_NOT_FOUND, "", MSG_E_UNKNOWN_ACTION, action_id, pi->org_name,
				pi->framework_id);
	action_from_row(s, a);
	db_finalize(s);
	return 0;
}

int store_action_get(struct store *st, long long portfolio_id, long long action_id,
		     struct action *out, struct err *e)
{
	struct pf_info pi;
	int rc;

	rc = store_pf_info(st, portfolio_id, &pi, e);
	if (!rc)
		rc = action_read(st, portfolio_id, action_id, &pi, out, e);
	store_pf_info_release(&pi);
	return rc;
}

static int same_text(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

int store_action_edit(struct store *st, long long portfolio_id, const struct action *a,
		      struct err *e)
{
	struct pf_info pi = {0};
	struct action old = {0}, after;
	struct db_stmt *s = NULL;
	char *subject = NULL;
	int rc;

	rc = store_tx_pf(st, portfolio_id, &pi, e);
	if (rc)
		return rc;
	rc = action_read(st, portfolio_id, a->id, &pi, &old, e);
	if (rc)
		goto out;
	after = old;
	after.title = a->title;
	after.owner = a->owner;
	after.due = a->due;
	after.target = a->target;
	rc = action_check(&after, e);
	if (rc)
		goto out;
	if (same_text(old.title, after.title) && same_text(old.owner, after.owner) &&
	    same_text(old.due, after.due) && old.target == after.target)
		goto out;
	rc = db_prepare(st->db,
			"UPDATE actions SET title = ?, owner = ?, due = ?, target = ? "
			"WHERE id = ? AND portfolio_id = ?",
			&s, e);
	if (rc)
		goto out;
	if (db_bind_text(s, 1, after.title) || db_bind_text(s, 2, after.owner) ||
	    db_bind_text(s, 3, after.due) || store_bind_score(s, 4, after.target) ||
	    db_bind_int(s, 5, a->id) || db_bind_int(s, 6, portfolio_id))
		rc = err_fail(e, ERR_DB, NULL, MSG_E_ACTION_BIND, old.ref_id);
	else
		rc = db_step(s, e);
	db_finalize(s);
	if (rc < 0)
		goto out;
	subject = store_fmt("action %lld for '%s' in '%s' for '%s'", a->id, old.ref_id, pi.org_name,
			    pi.framework_id);
	rc = store_audit_json(st, pi.org_id, "action.edit", subject, action_json(&old),
			      action_json(&after), e);
out:
	free(subject);
	action_release(&old);
	store_pf_info_release(&pi);
	return store_tx_end(st, rc > 0 ? 0 : rc, e);
}

int store_action_delete(struct store *st, long long portfolio_id, long long action_id,
			struct err *e)
{
	struct pf_info pi = {0};
	struct action old = {0};
	char *subject = NULL;
	int rc;

	rc = store_tx_pf(st, portfolio_id, &pi, e);
	if (rc)
		return rc;
	rc = action_read(st, portfolio_id, action_id, &pi, &old, e);
	if (rc)
		goto out;
	rc = db_run(st->db, NULL, e, "DELETE FROM actions WHERE id = ? AND portfolio_id = ?", "ii",
		    action_id, portfolio_id);
	if (rc < 0)
		goto out;
	subject = store_fmt("action %lld for '%s' in '%s' for '%s'", action_id, old.ref_id,
			    pi.org_name, pi.framework_id);
	rc = store_audit_json(st, pi.org_id, "action.delete", subject, action_json(&old), NULL, e);
out:
	free(subject);
	action_release(&old);
	store_pf_info_release(&pi);
	return store_tx_end(st, rc > 0 ? 0 : rc, e);
}

int store_import_action(struct store *st, long long portfolio_id, const struct action *a,
			struct err *e)
{
	int rc;

	rc = action_check(a, e);
	if (!rc && !a->status)
		rc = err_fail(e, ERR_INVALID, "status", MSG_E_ACTION_NO_STATUS, a->ref_id);
	if (!rc)
		rc = store_check_name_as(STORE_WHAT(MSG_N_ACTION_CREATED_AT, "created_at"),
					 a->created_at, e);
	if (!rc && a->done_at)
		rc =
		    store_check_name_as(STORE_WHAT(MSG_N_ACTION_DONE_AT, "done_at"), a->done_at, e);
	if (rc)
		return rc;
	return insert_action(st, portfolio_id, a, a->status, a->created_at, a->done_at, NULL, e);
}
