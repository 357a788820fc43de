/*
 * store_framework.c - frameworks imported into this database (see
 * store_framework.h), and what every imported library shares with the
 * mapping sets of store_mapping.c: the text checks, the transaction, the
 * audit event.
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

int store_library_check(const char *source, const char *body, size_t len, size_t max,
			enum msg_id too_large, struct err *e)
{
	if (len > max)
		return err_fail(e, ERR_TOO_LARGE, "file", too_large, source, max);
	if (memchr(body, '\0', len) || !utf8_valid(body, len))
		return err_fail(e, ERR_INVALID, "file", MSG_E_FW_IMPORT_NOT_TEXT, source);
	return 0;
}

int store_library_add(struct store *st, struct store_library *lib, struct err *e)
{
	struct store_library_row row;
	char now[32], hash[65], *text = NULL;
	int rc = store_library_check(lib->source, lib->body, lib->len, lib->max, lib->too_large, e);

	if (!rc)
		rc = store_tx_begin(st, e);
	if (rc) {
		json_decref(lib->after);
		lib->after = NULL;
		return rc;
	}
	store_now(now);
	store_sha256_hex(lib->body, lib->len, hash);
	text = xstrndup(lib->body, lib->len);
	row.text = text;
	row.sha256 = hash;
	row.now = now;
	rc = lib->put(st, lib->arg, &row, e);
	if (rc < 0)
		goto out;
	json_object_set_new(lib->after, "source", json_string(lib->source));
	json_object_set_new(lib->after, "sha256", json_string(hash));
	rc = store_audit_json(st, 0, lib->event, lib->subject, NULL, lib->after, e);
	lib->after = NULL; /* the audit took it */
out:
	json_decref(lib->after);
	lib->after = NULL;
	free(text);
	return store_tx_end(st, rc < 0 ? rc : 0, e);
}

/* The row of an imported framework, unless its id is taken. */
static int fw_put(struct store *st, void *arg, const struct store_library_row *row, struct err *e)
{
	const char *const *f = arg; /* id, format, source */
	struct db_stmt *s = NULL;
	int rc =
	    db_run(st->db, &s, e, "SELECT id FROM imported_frameworks WHERE id = ?", "s", f[0]);

	if (rc == DB_ROW) {
		db_finalize(s);
		return err_fail(e, ERR_CONFLICT, "id", MSG_E_FW_ALREADY_IMPORTED, f[0]);
	}
	if (rc < 0)
		return rc;
	rc = db_run(
	    st->db, NULL, e,
	    "INSERT INTO imported_frameworks (id, format, source, body, sha256, imported_at) "
	    "VALUES (?, ?, ?, ?, ?, ?)",
	    "ssssss", f[0], f[1], f[2], row->text, row->sha256, row->now);
	return rc < 0 ? rc : 0;
}

int store_framework_add(struct store *st, const char *id, const char *format, const char *source,
			const char *body, size_t len, struct err *e)
{
	const char *f[3] = {id, format, source};
	struct store_library lib = {
	    .source = source,
	    .body = body,
	    .len = len,
	    .max = STORE_FRAMEWORK_MAX,
	    .too_large = MSG_E_FW_IMPORT_TOO_LARGE,
	    .put = fw_put,
	    .arg = (void *)f,
	    .event = "framework.import",
	};
	char *subject;
	int rc = store_check_name_as(STORE_WHAT(MSG_N_FRAMEWORK_ID, "id"), id, e);

	if (rc)
		return rc;
	subject = store_fmt("framework '%s'", id);
	lib.subject = subject;
	lib.after = json_pack("{s:s, s:s}", "id", id, "format", format);
	rc = store_library_add(st, &lib, e);
	free(subject);
	return rc;
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

int store_imported_stamp(struct store *st, long long *stamp, struct err *e)
{
	struct db_stmt *s = NULL;
	int rc = db_run(st->db, &s, e,
			"SELECT (SELECT count(*) FROM imported_frameworks), "
			"(SELECT count(*) FROM imported_mappings)",
			"");

	*stamp = -1;
	if (rc == DB_ROW) {
		*stamp = (db_column_int(s, 0) << 32) + db_column_int(s, 1);
		db_finalize(s);
		return 0;
	}
	return rc < 0 ? rc : err_fail(e, ERR_INTERNAL, NULL, MSG_E_INTERNAL, "imported stamp");
}
