/*
 * store_audit.c - the audit log: who did what, when, with the row before and
 * after as compact JSON.
 */
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "store/store_int.h"
#include "util/xalloc.h"

/* Audit JSON may hold a whole entry (note and evidence, escaped): a generous
 * but finite ceiling. */
#define AUDIT_JSON_MAX ((size_t)8 * STORE_TEXT_MAX)

void audit_list_free(struct audit_event *list, size_t n)
{
	size_t i;

	for (i = 0; list && i < n; i++) {
		free(list[i].at);
		free(list[i].actor);
		free(list[i].action);
		free(list[i].subject);
		free(list[i].before_json);
		free(list[i].after_json);
	}
	free(list);
}

int store_audit(struct store *st, long long org_id, const char *action, const char *subject,
		const char *before_json, const char *after_json, struct err *e)
{
	struct db_stmt *s = NULL;
	char now[32];
	int rc;

	if (!action || !*action)
		return err_fail(e, ERR_INTERNAL, NULL, MSG_E_AUDIT_NO_ACTION);
	if ((before_json && strlen(before_json) > AUDIT_JSON_MAX) ||
	    (after_json && strlen(after_json) > AUDIT_JSON_MAX))
		return err_fail(e, ERR_TOO_LARGE, NULL, MSG_E_AUDIT_TOO_LARGE, action,
				(size_t)AUDIT_JSON_MAX);
	store_now(now);
	rc =
	    db_prepare(st->db,
		       "INSERT INTO audit_events (at, actor, org_id, action, subject, before_json, "
		       "after_json) VALUES (?, ?, ?, ?, ?, ?, ?)",
		       &s, e);
	if (rc)
		return rc;
	if (db_bind_text(s, 1, now) || db_bind_text(s, 2, st->actor) ||
	    (org_id ? db_bind_int(s, 3, org_id) : db_bind_null(s, 3)) ||
	    db_bind_text(s, 4, action) || db_bind_text(s, 5, subject ? subject : "") ||
	    db_bind_text(s, 6, before_json) || db_bind_text(s, 7, after_json))
		rc = err_fail(e, ERR_DB, NULL, MSG_E_AUDIT_BIND);
	else
		rc = db_step(s, e);
	db_finalize(s);
	return rc < 0 ? rc : 0;
}

static void event_item(struct db_stmt *s, void *item)
{
	struct audit_event *a = item;

	a->id = db_column_int(s, 0);
	a->at = store_col(s, 1);
	a->actor = store_col(s, 2);
	a->org_id = db_column_is_null(s, 3) ? 0 : db_column_int(s, 3);
	a->action = store_col(s, 4);
	a->subject = store_col(s, 5);
	a->before_json = store_col(s, 6);
	a->after_json = store_col(s, 7);
}

static void events_free(void *list, size_t n)
{
	audit_list_free(list, n);
}

static const struct store_rows_of events_of = {sizeof(struct audit_event), event_item, events_free,
					       NULL};

int store_audit_list(struct store *st, long long org_id, size_t offset, size_t limit,
		     struct audit_event **out, size_t *n, struct err *e)
{
	struct db_stmt *s = NULL;
	void *list;
	int rc;

	rc = db_prepare(
	    st->db,
	    "SELECT id, at, actor, org_id, action, subject, before_json, after_json "
	    "FROM audit_events WHERE ? = 0 OR org_id = ? ORDER BY id DESC LIMIT ? OFFSET ?",
	    &s, e);
	if (limit > (size_t)1 << 40)
		limit = (size_t)1 << 40;
	if (offset > (size_t)1 << 40)
		offset = (size_t)1 << 40;
	if (!rc && (db_bind_int(s, 1, org_id) || db_bind_int(s, 2, org_id) ||
		    db_bind_int(s, 3, (long long)limit) || db_bind_int(s, 4, (long long)offset)))
		rc = err_fail(e, ERR_DB, NULL, MSG_E_DB_BIND);
	rc = store_rows(s, rc, &events_of, &list, n, e);
	*out = list;
	return rc;
}
