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

/* The checks every event passes before it is written. */
static int event_check(const char *action, const char *before_json, const char *after_json,
		       struct err *e)
{
	if (!action || !*action)
		return err_fail(e, ERR_INTERNAL, NULL, MSG_E_AUDIT_NO_ACTION);
	if ((before_json && strlen(before_json) > AUDIT_JSON_MAX) ||
	    (after_json && strlen(after_json) > AUDIT_JSON_MAX))
		return err_fail(e, ERR_TOO_LARGE, NULL, MSG_E_AUDIT_TOO_LARGE, action,
				(size_t)AUDIT_JSON_MAX);
	return 0;
}

int store_audit(struct store *st, long long org_id, const char *action, const char *subject,
		const char *before_json, const char *after_json, struct err *e)
{
	struct store_audit_row row = {action, subject, before_json, after_json};

	return store_audit_rows(st, org_id, &row, 1, e);
}

int store_audit_rows(struct store *st, long long org_id, const struct store_audit_row *rows,
		     size_t n, struct err *e)
{
	static const char head[] = "INSERT INTO audit_events (at, actor, org_id, action, subject, "
				   "before_json, after_json) VALUES ",
			  one[] = "(?, ?, ?, ?, ?, ?, ?)";
	char sql[sizeof(head) + STORE_AUDIT_ROWS_MAX * (sizeof(one) + 2)], now[32];
	struct db_stmt *s = NULL;
	size_t i, len;
	int rc = 0, bad = 0, k = 1;

	for (i = 0; !rc && i < n; i++)
		rc = event_check(rows[i].action, rows[i].before_json, rows[i].after_json, e);
	if (rc || !n)
		return rc;
	if (n > STORE_AUDIT_ROWS_MAX) { /* the statement holds so many: the rest after */
		rc = store_audit_rows(st, org_id, rows, STORE_AUDIT_ROWS_MAX, e);
		return rc ? rc
			  : store_audit_rows(st, org_id, rows + STORE_AUDIT_ROWS_MAX,
					     n - STORE_AUDIT_ROWS_MAX, e);
	}
	memcpy(sql, head, sizeof(head) - 1);
	len = sizeof(head) - 1;
	for (i = 0; i < n; i++) {
		if (i) {
			memcpy(sql + len, ", ", 2);
			len += 2;
		}
		memcpy(sql + len, one, sizeof(one) - 1);
		len += sizeof(one) - 1;
	}
	sql[len] = '\0';
	store_now(now);
	rc = db_prepare(st->db, sql, &s, e);
	if (rc)
		return rc;
	for (i = 0; i < n; i++, k += 7)
		bad |= db_bind_text(s, k, now) || db_bind_text(s, k + 1, st->actor) ||
		       (org_id ? db_bind_int(s, k + 2, org_id) : db_bind_null(s, k + 2)) ||
		       db_bind_text(s, k + 3, rows[i].action) ||
		       db_bind_text(s, k + 4, rows[i].subject ? rows[i].subject : "") ||
		       db_bind_text(s, k + 5, rows[i].before_json) ||
		       db_bind_text(s, k + 6, rows[i].after_json);
	if (bad)
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

/* needle with LIKE's wildcards and its escape character (a backslash) escaped. */
static char *like_escaped(const char *needle)
{
	size_t n = strlen(needle), i, j = 0;
	char *out = xmalloc(2 * n + 1);

	for (i = 0; i < n; i++) {
		if (needle[i] == '%' || needle[i] == '_' || needle[i] == '\\')
			out[j++] = '\\';
		out[j++] = needle[i];
	}
	out[j] = '\0';
	return out;
}

static const char *nonempty(const char *s)
{
	return s && *s ? s : NULL;
}

int store_audit_filter_check(const struct audit_filter *f, struct err *e)
{
	int rc = 0;

	if (!f)
		return 0;
	if (nonempty(f->actor))
		rc = store_check_text_as(STORE_WHAT(MSG_N_AUDIT_PERSON, "user"), f->actor,
					 AUDIT_FILTER_TEXT_MAX, e);
	if (!rc && nonempty(f->subject))
		rc = store_check_text_as(STORE_WHAT(MSG_N_AUDIT_SUBJECT, "subject"), f->subject,
					 AUDIT_FILTER_TEXT_MAX, e);
	if (!rc && nonempty(f->since))
		rc = store_check_date_as(STORE_WHAT(MSG_N_AUDIT_SINCE, "since"), f->since, e);
	if (!rc && nonempty(f->until))
		rc = store_check_date_as(STORE_WHAT(MSG_N_AUDIT_UNTIL, "until"), f->until, e);
	return rc;
}

#define AUDIT_SELECT                                                                               \
	"SELECT id, at, actor, org_id, action, subject, before_json, after_json FROM "             \
	"audit_events "
/* after the organization's condition (one parameter): person, subject, days, page */
#define AUDIT_FILTERED                                                                             \
	"AND (CAST(? AS TEXT) IS NULL OR actor = ?) "                                              \
	"AND (CAST(? AS TEXT) IS NULL OR lower(subject) LIKE '%' || lower(?) || '%' ESCAPE '\\') " \
	"AND (CAST(? AS TEXT) IS NULL OR substr(at, 1, 10) >= ?) "                                 \
	"AND (CAST(? AS TEXT) IS NULL OR substr(at, 1, 10) <= ?) "                                 \
	"ORDER BY id DESC LIMIT ? OFFSET ?"

int store_audit_find(struct store *st, long long org_id, const struct audit_filter *f,
		     size_t offset, size_t limit, struct audit_event **out, size_t *n,
		     struct err *e)
{
	static const struct audit_filter none = {0};
	struct db_stmt *s = NULL;
	const char *actor, *since, *until;
	char *subject = NULL;
	void *list;
	int rc;

	*out = NULL;
	*n = 0;
	if (!f)
		f = &none;
	rc = store_audit_filter_check(f, e);
	if (rc)
		return rc;
	actor = nonempty(f->actor);
	since = nonempty(f->since);
	until = nonempty(f->until);
	if (nonempty(f->subject))
		subject = like_escaped(f->subject);
	/* two texts rather than "? = 0 OR org_id = ?", which no index serves: one
	 * organization's page is a range of audit_events_org (org_id, id). Times are
	 * stored "YYYY-MM-DDTHH:MM:SSZ": a day compares with their first ten bytes. */
	rc = db_prepare(st->db,
			org_id ? AUDIT_SELECT "WHERE org_id = ? " AUDIT_FILTERED
			       : AUDIT_SELECT "WHERE ? = 0 " AUDIT_FILTERED,
			&s, e);
	if (limit > (size_t)1 << 40)
		limit = (size_t)1 << 40;
	if (offset > (size_t)1 << 40)
		offset = (size_t)1 << 40;
	if (!rc &&
	    (db_bind_int(s, 1, org_id) || db_bind_text(s, 2, actor) || db_bind_text(s, 3, actor) ||
	     db_bind_text(s, 4, subject) || db_bind_text(s, 5, subject) ||
	     db_bind_text(s, 6, since) || db_bind_text(s, 7, since) || db_bind_text(s, 8, until) ||
	     db_bind_text(s, 9, until) || db_bind_int(s, 10, (long long)limit) ||
	     db_bind_int(s, 11, (long long)offset)))
		rc = err_fail(e, ERR_DB, NULL, MSG_E_DB_BIND);
	rc = store_rows(s, rc, &events_of, &list, n, e);
	*out = list;
	free(subject);
	return rc;
}

int store_audit_list(struct store *st, long long org_id, size_t offset, size_t limit,
		     struct audit_event **out, size_t *n, struct err *e)
{
	return store_audit_find(st, org_id, NULL, offset, limit, out, n, e);
}

static void actor_item(struct db_stmt *s, void *item)
{
	*(char **)item = store_col(s, 0);
}

static void actors_free(void *list, size_t n)
{
	char **v = list;
	size_t i;

	for (i = 0; v && i < n; i++)
		free(v[i]);
	free(v);
}

static const struct store_rows_of actors_of = {sizeof(char *), actor_item, actors_free, NULL};

int store_audit_actors(struct store *st, long long org_id, char ***out, size_t *n, struct err *e)
{
	struct db_stmt *s = NULL;
	void *list;
	int rc;

	rc = db_prepare(st->db,
			org_id ? "SELECT DISTINCT actor FROM audit_events WHERE org_id = ? "
				 "ORDER BY actor LIMIT ?"
			       : "SELECT DISTINCT actor FROM audit_events WHERE ? = 0 "
				 "ORDER BY actor LIMIT ?",
			&s, e);
	if (!rc && (db_bind_int(s, 1, org_id) || db_bind_int(s, 2, AUDIT_ACTORS_MAX)))
		rc = err_fail(e, ERR_DB, NULL, MSG_E_DB_BIND);
	rc = store_rows(s, rc, &actors_of, &list, n, e);
	*out = list;
	return rc;
}

void store_audit_actors_free(char **list, size_t n)
{
	actors_free(list, n);
}
