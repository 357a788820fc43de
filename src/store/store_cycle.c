/*
 * store_cycle.c - evaluation cycles and their frozen snapshots.
 *
 * A portfolio always has exactly one open cycle (closed_at NULL), the one
 * with the highest number. Closing it stores the evaluation answers and the
 * snapshot in their canonical form (compact JSON in document order), so the
 * snapshot hash is the same whoever serialised it first.
 */
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "store/store_int.h"
#include "util/xalloc.h"

#define CYCLE_SELECT                                                                               \
	"SELECT id, number, opened_at, closed_at, approved_by, answers_json, snapshot_json, "      \
	"snapshot_hash FROM cycles "

void cycle_release(struct cycle *c)
{
	if (!c)
		return;
	XFREE(&c->opened_at);
	XFREE(&c->closed_at);
	XFREE(&c->approved_by);
	XFREE(&c->answers_json);
	XFREE(&c->snapshot_json);
	XFREE(&c->snapshot_hash);
	c->id = 0;
	c->number = 0;
}

void cycle_list_free(struct cycle *list, size_t n)
{
	size_t i;

	for (i = 0; list && i < n; i++)
		cycle_release(&list[i]);
	free(list);
}

static void cycle_from_row(struct db_stmt *s, struct cycle *c)
{
	c->id = db_column_int(s, 0);
	c->number = (int)db_column_int(s, 1);
	c->opened_at = store_col(s, 2);
	c->closed_at = store_col(s, 3);
	c->approved_by = store_col(s, 4);
	c->answers_json = store_col(s, 5);
	c->snapshot_json = store_col(s, 6);
	c->snapshot_hash = store_col(s, 7);
}

static void cycle_item(struct db_stmt *s, void *item)
{
	cycle_from_row(s, item);
}

static void cycles_free(void *list, size_t n)
{
	cycle_list_free(list, n);
}

static const struct store_rows_of cycles_of = {sizeof(struct cycle), cycle_item, cycles_free, NULL};

static json_t *cycle_json(const struct cycle *c)
{
	json_t *o = json_object();

	json_object_set_new(o, "number", json_integer(c->number));
	json_object_set_new(o, "opened_at", store_jstr(c->opened_at));
	json_object_set_new(o, "closed_at", store_jstr(c->closed_at));
	json_object_set_new(o, "approved_by", store_jstr(c->approved_by));
	json_object_set_new(o, "snapshot_hash", store_jstr(c->snapshot_hash));
	return o;
}

int store_cycle_list(struct store *st, long long portfolio_id, struct cycle **out, size_t *n,
		     struct err *e)
{
	struct pf_info pi;
	struct db_stmt *s = NULL;
	void *list;
	int rc;

	*out = NULL;
	*n = 0;
	rc = store_pf_info(st, portfolio_id, &pi, e);
	store_pf_info_release(&pi);
	if (rc)
		return rc;
	rc = db_prepare(st->db, CYCLE_SELECT "WHERE portfolio_id = ? ORDER BY number", &s, e);
	if (!rc && db_bind_int(s, 1, portfolio_id))
		rc = err_fail(e, ERR_DB, NULL, MSG_E_DB_BIND);
	rc = store_rows(s, rc, &cycles_of, &list, n, e);
	*out = list;
	return rc;
}

int store_cycle_get(struct store *st, long long portfolio_id, int number, struct cycle *out,
		    struct err *e)
{
	struct pf_info pi;
	struct db_stmt *s = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = db_run(st->db, &s, e, CYCLE_SELECT "WHERE portfolio_id = ? AND number = ?", "ii",
		    portfolio_id, (long long)number);
	if (rc < 0)
		return rc;
	if (rc == DB_ROW) {
		cycle_from_row(s, out);
		db_finalize(s);
		return 0;
	}
	rc = store_pf_info(st, portfolio_id, &pi, e);
	if (!rc)
		rc = err_fail(e, ERR_NOT_FOUND, NULL, MSG_E_NO_CYCLE, pi.org_name, number,
			      pi.framework_id);
	store_pf_info_release(&pi);
	return rc;
}

/* What the closing of a cycle records, in messages and fields. */
static const struct store_what approver = {MSG_N_APPROVER_NAME, NULL, "approved_by"};
static const struct store_what snapshot_what = {MSG_N_CYCLE_SNAPSHOT, NULL, "snapshot"};
static const struct store_what answers_what = {MSG_N_EVAL_ANSWERS, NULL, "answers"};

/* Parse text as JSON and give back its canonical serialisation (new string). */
static int canonical_json(const struct store_what *w, const char *text, size_t max, char **out,
			  struct err *e)
{
	json_error_t jerr;
	json_t *j;

	*out = NULL;
	if (strlen(text) > max)
		return err_fail(e, ERR_TOO_LARGE, w->field, MSG_E_TOO_LONG, w->noun, w->arg, max);
	j = json_loads(text, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, &jerr);
	if (!j)
		return err_fail(e, ERR_INVALID, w->field, MSG_E_NOT_JSON, w->noun, w->arg,
				jerr.text, jerr.column);
	*out = store_jdump(j);
	if (!*out)
		return err_fail(e, ERR_NOMEM, w->field, MSG_E_SERIALISE, w->noun, w->arg);
	return 0;
}

int store_cycle_close(struct store *st, long long portfolio_id, const char *answers_json,
		      const char *approved_by, const char *snapshot_json, struct err *e)
{
	struct pf_info pi = {0};
	struct cycle c = {0};
	json_t *before = NULL;
	char *answers = NULL, *snapshot = NULL, *subject = NULL, now[32], hash[65];
	int rc, began = 0;

	if (approved_by && (rc = store_check_name_as(&approver, approved_by, e)))
		return rc;
	if (!snapshot_json)
		return err_fail(e, ERR_INVALID, "snapshot", MSG_E_CYCLE_NEEDS_SNAPSHOT);
	rc = canonical_json(&snapshot_what, snapshot_json, STORE_SNAPSHOT_MAX, &snapshot, e);
	if (!rc && answers_json)
		rc = canonical_json(&answers_what, answers_json, STORE_TEXT_MAX, &answers, e);
	if (!rc && answers)
		rc = store_check_text_as(&answers_what, answers, STORE_TEXT_MAX, e);
	if (rc)
		goto out;
	store_sha256_hex(snapshot, strlen(snapshot), hash);
	rc = store_tx_begin(st, e);
	if (rc)
		goto out;
	began = 1;
	rc = store_pf_info(st, portfolio_id, &pi, e);
	if (rc)
		goto out;
	if (!pi.cycle) {
		rc = err_fail(e, ERR_INVALID, NULL, MSG_E_NO_OPEN_CYCLE, pi.org_name,
			      pi.framework_id);
		goto out;
	}
	rc = store_cycle_get(st, portfolio_id, pi.cycle, &c, e);
	if (rc)
		goto out;
	before = cycle_json(&c);
	store_now(now);
	rc = db_run(st->db, NULL, e,
		    "UPDATE cycles SET closed_at = ?, approved_by = ?, answers_json = ?, "
		    "snapshot_json = ?, snapshot_hash = ? WHERE id = ? AND closed_at IS NULL",
		    "sssssi", now, approved_by, answers, snapshot, hash, c.id);
	if (rc < 0)
		goto out;
	rc = db_run(st->db, NULL, e,
		    "INSERT INTO cycles (portfolio_id, number, opened_at) VALUES (?, ?, ?)", "iis",
		    portfolio_id, (long long)pi.cycle + 1, now);
	if (rc < 0)
		goto out;
	c.closed_at = xstrdup(now);
	c.approved_by = xstrdup(approved_by);
	c.snapshot_hash = xstrdup(hash);
	subject = store_fmt("cycle %d of '%s' for '%s'", pi.cycle, pi.org_name, pi.framework_id);
	rc = store_audit_json(st, pi.org_id, "cycle.close", subject, before, cycle_json(&c), e);
	before = NULL;
out:
	json_decref(before);
	if (began)
		rc = store_tx_end(st, rc, e);
	free(subject);
	free(answers);
	free(snapshot);
	cycle_release(&c);
	store_pf_info_release(&pi);
	return rc;
}

int store_import_cycle(struct store *st, long long portfolio_id, const struct cycle *c,
		       struct err *e)
{
	char hash[65];
	int rc;

	if (c->number < 1)
		return err_fail(e, ERR_INVALID, "number", MSG_E_CYCLE_NUMBER, c->number);
	rc = store_check_name_as(STORE_WHAT(MSG_N_CYCLE_OPENED_AT, "opened_at"), c->opened_at, e);
	if (!rc && c->closed_at)
		rc = store_check_name_as(STORE_WHAT(MSG_N_CYCLE_CLOSED_AT, "closed_at"),
					 c->closed_at, e);
	if (!rc && c->approved_by)
		rc = store_check_name_as(&approver, c->approved_by, e);
	if (!rc)
		rc = store_check_text_as(&answers_what, c->answers_json, STORE_TEXT_MAX, e);
	if (!rc && c->snapshot_json && strlen(c->snapshot_json) > STORE_SNAPSHOT_MAX)
		rc = err_fail(e, ERR_TOO_LARGE, "snapshot", MSG_E_SNAPSHOT_TOO_LARGE,
			      STORE_SNAPSHOT_MAX);
	if (rc)
		return rc;
	if (c->snapshot_json) {
		store_sha256_hex(c->snapshot_json, strlen(c->snapshot_json), hash);
		if (!c->snapshot_hash || strcmp(hash, c->snapshot_hash))
			return err_fail(e, ERR_INVALID, "snapshot_hash", MSG_E_SNAPSHOT_HASH,
					c->number, c->snapshot_hash ? c->snapshot_hash : "");
	} else if (c->snapshot_hash) {
		return err_fail(e, ERR_INVALID, "snapshot", MSG_E_HASH_NO_SNAPSHOT, c->number);
	}
	rc = db_run(st->db, NULL, e,
		    "INSERT INTO cycles (portfolio_id, number, opened_at, closed_at, approved_by, "
		    "answers_json, snapshot_json, snapshot_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
		    "iissssss", portfolio_id, (long long)c->number, c->opened_at, c->closed_at,
		    c->approved_by, c->answers_json, c->snapshot_json, c->snapshot_hash);
	return rc < 0 ? rc : 0;
}
