/*
 * store_mapping.c - mapping sets imported into this database (see
 * store_mapping.h).
 */
#include "store/store_mapping.h"

#include <stdlib.h>
#include <string.h>

#include "store/store_int.h"
#include "util/utf8.h"
#include "util/xalloc.h"

void stored_mapping_list_free(struct stored_mapping *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(list[i].urn);
		free(list[i].source_fw);
		free(list[i].target_fw);
		free(list[i].source);
		free(list[i].body);
		free(list[i].imported_at);
	}
	free(list);
}

int store_mapping_add(struct store *st, const char *urn, const char *source_fw,
		      const char *target_fw, const char *source, const char *body, size_t len,
		      struct err *e)
{
	struct db_stmt *s = NULL;
	char now[32], hash[65], *subject = NULL, *text;
	json_t *after;
	int rc;

	if (len > STORE_MAPPING_MAX)
		return err_fail(e, ERR_TOO_LARGE, "file", MSG_E_MAP_IMPORT_TOO_LARGE, source,
				STORE_MAPPING_MAX);
	if (strlen(body) != len || !utf8_valid(body, len))
		return err_fail(e, ERR_INVALID, "file", MSG_E_FW_IMPORT_NOT_TEXT, source);
	rc = store_tx_begin(st, e);
	if (rc)
		return rc;
	rc = db_run(st->db, &s, e,
		    "SELECT id FROM imported_mappings WHERE urn = ? AND source_fw = ? AND "
		    "target_fw = ?",
		    "sss", urn, source_fw, target_fw);
	if (rc == DB_ROW)
		db_finalize(s);
	if (rc == DB_ROW) {
		rc = err_fail(e, ERR_CONFLICT, "urn", MSG_E_MAP_ALREADY_IMPORTED, urn, source_fw,
			      target_fw);
		goto out;
	}
	if (rc < 0)
		goto out;
	store_now(now);
	store_sha256_hex(body, len, hash);
	text = xstrndup(body, len);
	rc = db_run(st->db, NULL, e,
		    "INSERT INTO imported_mappings (urn, source_fw, target_fw, source, body, "
		    "sha256, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
		    "sssssss", urn, source_fw, target_fw, source, text, hash, now);
	free(text);
	if (rc < 0)
		goto out;
	after = json_pack("{s:s, s:s, s:s, s:s, s:s}", "urn", urn, "source_framework", source_fw,
			  "target_framework", target_fw, "source", source, "sha256", hash);
	subject = store_fmt("mapping '%s' (%s -> %s)", urn, source_fw, target_fw);
	rc = store_audit_json(st, 0, "mapping.import", subject, NULL, after, e);
out:
	free(subject);
	return store_tx_end(st, rc < 0 ? rc : 0, e);
}

static void map_from_row(struct db_stmt *s, void *item)
{
	struct stored_mapping *m = item;

	m->urn = store_col(s, 0);
	m->source_fw = store_col(s, 1);
	m->target_fw = store_col(s, 2);
	m->source = store_col(s, 3);
	m->body = store_col(s, 4);
	m->body_len = m->body ? strlen(m->body) : 0;
	m->imported_at = store_col(s, 5);
}

static void map_list_free(void *list, size_t n)
{
	stored_mapping_list_free(list, n);
}

int store_mapping_list(struct store *st, struct stored_mapping **list, size_t *n, struct err *e)
{
	static const struct store_rows_of of = {sizeof(struct stored_mapping), map_from_row,
						map_list_free, NULL};
	struct db_stmt *s = NULL;
	void *v;
	int rc = db_prepare(st->db,
			    "SELECT urn, source_fw, target_fw, source, body, imported_at "
			    "FROM imported_mappings ORDER BY id",
			    &s, e);

	rc = store_rows(s, rc, &of, &v, n, e);
	*list = v;
	return rc;
}
