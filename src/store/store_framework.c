/*
 * store_framework.c - frameworks imported into this database (see
 * store_framework.h).
 */
#include "store/store_framework.h"

#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"
#include "util/utf8.h"
#include "util/xalloc.h"

void stored_framework_list_free(struct stored_framework *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(list[i].id);
		free(list[i].format);
		free(list[i].source);
		free(list[i].body);
		free(list[i].imported_at);
	}
	free(list);
}

int store_framework_add(struct store *st, const char *id, const char *format, const char *source,
			const char *body, size_t len, struct err *e)
{
	struct db_stmt *s = NULL;
	char now[32], hash[65], *subject = NULL, *text;
	json_t *after;
	int rc;

	rc = store_check_name_as(STORE_WHAT(MSG_N_FRAMEWORK_ID, "id"), id, e);
	if (rc)
		return rc;
	if (len > STORE_FRAMEWORK_MAX)
		return err_fail(e, ERR_TOO_LARGE, "file", MSG_E_FW_IMPORT_TOO_LARGE, source,
				STORE_FRAMEWORK_MAX);
	if (strlen(body) != len || !utf8_valid(body, len))
		return err_fail(e, ERR_INVALID, "file", MSG_E_FW_IMPORT_NOT_TEXT, source);
	rc = store_tx_begin(st, e);
	if (rc)
		return rc;
	rc = db_run(st->db, &s, e, "SELECT id FROM imported_frameworks WHERE id = ?", "s", id);
	if (rc == DB_ROW)
		db_finalize(s);
	if (rc == DB_ROW) {
		rc = err_fail(e, ERR_CONFLICT, "id", MSG_E_FW_ALREADY_IMPORTED, id);
		goto out;
	}
	if (rc < 0)
		goto out;
	store_now(now);
	store_sha256_hex(body, len, hash);
	text = xstrndup(body, len);
	rc = db_run(
	    st->db, NULL, e,
	    "INSERT INTO imported_frameworks (id, format, source, body, sha256, imported_at) "
	    "VALUES (?, ?, ?, ?, ?, ?)",
	    "ssssss", id, format, source, text, hash, now);
	free(text);
	if (rc < 0)
		goto out;
	after = json_pack("{s:s, s:s, s:s, s:s}", "id", id, "format", format, "source", source,
			  "sha256", hash);
	subject = store_fmt("framework '%s'", id);
	rc = store_audit_json(st, 0, "framework.import", subject, NULL, after, e);
out:
	free(subject);
	return store_tx_end(st, rc < 0 ? rc : 0, e);
}

static void fw_from_row(struct db_stmt *s, void *item)
{
	struct stored_framework *f = item;

	f->id = store_col(s, 0);
	f->format = store_col(s, 1);
	f->source = store_col(s, 2);
	f->body = store_col(s, 3);
	f->body_len = f->body ? strlen(f->body) : 0;
	f->imported_at = store_col(s, 4);
}

static void fw_list_free(void *list, size_t n)
{
	stored_framework_list_free(list, n);
}

int store_framework_list(struct store *st, struct stored_framework **list, size_t *n, struct err *e)
{
	static const struct store_rows_of of = {sizeof(struct stored_framework), fw_from_row,
						fw_list_free, NULL};
	struct db_stmt *s = NULL;
	void *v;
	int rc = db_prepare(st->db,
			    "SELECT id, format, source, body, imported_at FROM imported_frameworks "
			    "ORDER BY id",
			    &s, e);

	rc = store_rows(s, rc, &of, &v, n, e);
	*list = v;
	return rc;
}
