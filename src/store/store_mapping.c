/*
 * store_mapping.c - mapping sets imported into this database (see
 * store_mapping.h).
 */
#include "store/store_mapping.h"

#include <stdlib.h>
#include <string.h>

#include "store/store_framework.h"
#include "store/store_int.h"
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

/* The row of an imported mapping set, unless one with its urn and frameworks is there. */
static int map_put(struct store *st, void *arg, const struct store_library_row *row, struct err *e)
{
	const char *const *f = arg; /* urn, source_fw, target_fw, source */
	struct db_stmt *s = NULL;
	int rc = db_run(st->db, &s, e,
			"SELECT id FROM imported_mappings WHERE urn = ? AND source_fw = ? AND "
			"target_fw = ?",
			"sss", f[0], f[1], f[2]);

	if (rc == DB_ROW) {
		db_finalize(s);
		return err_fail(e, ERR_CONFLICT, "urn", MSG_E_MAP_ALREADY_IMPORTED, f[0], f[1],
				f[2]);
	}
	if (rc < 0)
		return rc;
	rc = db_run(st->db, NULL, e,
		    "INSERT INTO imported_mappings (urn, source_fw, target_fw, source, body, "
		    "sha256, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
		    "sssssss", f[0], f[1], f[2], f[3], row->text, row->sha256, row->now);
	return rc < 0 ? rc : 0;
}

int store_mapping_add(struct store *st, const char *urn, const char *source_fw,
		      const char *target_fw, const char *source, const char *body, size_t len,
		      struct err *e)
{
	const char *f[4] = {urn, source_fw, target_fw, source};
	struct store_library lib = {
	    .source = source,
	    .body = body,
	    .len = len,
	    .max = STORE_MAPPING_MAX,
	    .too_large = MSG_E_MAP_IMPORT_TOO_LARGE,
	    .put = map_put,
	    .arg = (void *)f,
	    .event = "mapping.import",
	};
	char *subject = store_fmt("mapping '%s' (%s -> %s)", urn, source_fw, target_fw);
	int rc;

	lib.subject = subject;
	lib.after = json_pack("{s:s, s:s, s:s}", "urn", urn, "source_framework", source_fw,
			      "target_framework", target_fw);
	rc = store_library_add(st, &lib, e);
	free(subject);
	return rc;
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
