/*
 * store_backup.c - a whole database kept in one file and brought back
 * (store.h: store_backup, store_restore), copied table by table into another
 * (store_copy), and whether a server's database is ready to answer
 * (store_ready).
 *
 * A backup is a cdcf database file of its own (SQLite's format, no write-ahead
 * log beside it): a consistent snapshot taken in one read transaction while
 * servers and commands go on writing, written beside the target and renamed
 * over it, so an interrupted backup leaves no partial file. Any tool that
 * reads SQLite can open it; cdcf opens it as a database too. A restore writes
 * it into a new or empty database only, then migrates it to this cdcf's
 * schema.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <stdio.h>

#include "store/db.h"
#include "util/buf.h"
#include "util/dbfile.h"
#include "util/progress.h"
#include "util/xalloc.h"
#include "store/schema.h"
#include "store/store.h"

static int copy_into(struct db *src, const char *to, struct progress_watch *w, size_t *rows,
		     struct err *e);

/* path with suffix after it, into buf: 0, or ERR_INVALID when it does not fit. */
static int beside(char *buf, size_t size, const char *path, const char *suffix, struct err *e)
{
	if (snprintf(buf, size, "%s%s", path, suffix) >= (int)size)
		return err_fail(e, ERR_INVALID, NULL, MSG_E_DB_ACCESS, path, ERR_SYS(ENAMETOOLONG));
	return 0;
}

/* A database file and its companions removed. */
static void remove_db_file(const char *path)
{
	char side[4096 + 8];

	unlink(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
}

int store_backup(struct store *st, const char *path, struct err *e)
{
	struct db *copy = NULL;
	char tmp[4096];
	size_t rows;
	int rc;

	if (st->db->drv->copy_to_file)
		return st->db->drv->copy_to_file(st->db, path, e);
	/* an engine that cannot write a file itself: its rows copied into an SQLite database
	 * (one snapshot), which SQLite then writes whole as the backup */
	rc = beside(tmp, sizeof(tmp), path, ".rows", e);
	if (rc)
		return rc;
	if (dbfile_is_database(path) || dbfile_is_database(tmp))
		return err_fail(e, ERR_INVALID, NULL, MSG_E_FILE_IS_DATABASE, path);
	remove_db_file(tmp);
	rc = copy_into(st->db, tmp, NULL, &rows, e);
	if (!rc)
		rc = db_open(&copy, tmp, e);
	if (!rc)
		rc = copy->drv->copy_to_file(copy, path, e);
	db_close(copy);
	remove_db_file(tmp);
	return rc;
}

/* The schema version of the cdcf database at path, opened without writing to it:
 * ERR_INVALID for a file that is not one (or one newer than this cdcf knows). */
static int backup_version(const char *path, struct db **out, int *version, struct err *e)
{
	struct stat sb;
	int rc;

	*out = NULL;
	if (!db_is_postgres(path) && stat(path, &sb) != 0)
		return err_fail(e, errno == ENOENT ? ERR_NOT_FOUND : ERR_IO, NULL, MSG_E_DB_ACCESS,
				path, ERR_SYS(errno));
	rc = db_open(out, path, e);
	if (rc == ERR_INVALID)
		rc = err_fail(e, ERR_INVALID, NULL, MSG_E_NOT_CDCF_DB, path);
	if (!rc)
		rc = schema_inspect(*out, path, version, e);
	if (!rc && *version == 0)
		rc = err_fail(e, ERR_INVALID, NULL, MSG_E_NOT_CDCF_DB, path);
	if (!rc && *version > STORE_SCHEMA_VERSION)
		rc = err_fail(e, ERR_INVALID, NULL, MSG_E_DB_TOO_NEW, path, *version,
			      STORE_SCHEMA_VERSION);
	if (rc) {
		db_close(*out);
		*out = NULL;
	}
	return rc;
}

int store_version(const char *path, int *version, struct err *e)
{
	struct db *db = NULL;
	int rc = backup_version(path, &db, version, e);

	db_close(db);
	return rc;
}

/* Is the database at target new (absent, or a file with no table)? 0, or ERR_CONFLICT. */
static int target_empty(const char *target, struct err *e)
{
	struct stat sb;
	struct db *db = NULL;
	int rc;

	if (!db_is_postgres(target)) {
		if (stat(target, &sb) != 0)
			return errno == ENOENT ? 0
					       : err_fail(e, ERR_IO, NULL, MSG_E_DB_ACCESS, target,
							  ERR_SYS(errno));
		if (sb.st_size == 0)
			return 0;
	}
	rc = db_open(&db, target, e);
	if (!rc) {
		rc = db_has_table(db, NULL, e);
		rc = rc == 0  ? 0
		     : rc > 0 ? err_fail(e, ERR_CONFLICT, NULL, MSG_E_RESTORE_NOT_EMPTY, target)
			      : rc;
	}
	db_close(db);
	return rc;
}

/* A backup into an engine that takes rows (store_restore into PostgreSQL): a backup of
 * this cdcf's schema copied as it is; an older one first restored into an SQLite file
 * beside it and migrated there. */
static int restore_rows(const char *from, const char *target, int *version, struct err *e)
{
	struct db *src = NULL;
	struct store *st = NULL;
	char tmp[4096];
	size_t rows;
	int rc;

	rc = backup_version(from, &src, version, e);
	if (!rc)
		rc = target_empty(target, e);
	if (!rc && *version == STORE_SCHEMA_VERSION) {
		rc = copy_into(src, target, NULL, &rows, e);
		db_close(src);
		return rc;
	}
	if (!rc)
		rc = beside(tmp, sizeof(tmp), from, ".migrated", e);
	if (!rc) {
		remove_db_file(tmp);
		rc = src->drv->copy_to_file(src, tmp, e);
	}
	db_close(src);
	src = NULL;
	if (rc)
		return rc;
	rc = store_open(&st, tmp, 0, e); /* brought to this cdcf's schema */
	store_close(st);
	if (!rc)
		rc = db_open(&src, tmp, e);
	if (!rc)
		rc = copy_into(src, target, NULL, &rows, e);
	db_close(src);
	remove_db_file(tmp);
	return rc;
}

int store_restore(const char *from, const char *target, int *version, struct err *e)
{
	struct db *src = NULL;
	struct store *st = NULL;
	int rc;

	*version = 0;
	if (!target || !*target)
		return err_fail(e, ERR_INVALID, NULL, MSG_E_NO_DATABASE);
	if (db_is_postgres(target))
		return restore_rows(from, target, version, e);
	rc = backup_version(from, &src, version, e);
	if (!rc)
		rc = target_empty(target, e);
	if (!rc)
		rc = src->drv->copy_to_file(src, target, e);
	db_close(src);
	if (rc)
		return rc;
	/* brought to this cdcf's schema (a backup from an older one is migrated) */
	rc = store_open(&st, target, 0, e);
	store_close(st);
	return rc;
}

int store_ready(struct store *st, int *version, struct err *e)
{
	int rc = schema_inspect(st->db, st->db->path, version, e);

	if (rc)
		return rc;
	if (*version != STORE_SCHEMA_VERSION)
		return err_fail(e, ERR_BUSY, NULL, MSG_E_NOT_MIGRATED, *version,
				STORE_SCHEMA_VERSION);
	return 0;
}

/* Every table, in the order a copy writes them: those that triggers keep (the number of
 * organizations, each user's memberships, the portfolios whose figures are due) last, so
 * that the copied values replace what the triggers counted while the others were written.
 * tests/unit/test_store.c checks that it names every table of a new database. */
static const char *const copy_tables[] = {
    "meta",
    "organizations",
    "teams",
    "providers",
    "users",
    "memberships",
    "api_tokens",
    "sessions",
    "login_attempts",
    "signin_attempts",
    "portfolios",
    "entries",
    "positions",
    "actions",
    "cycles",
    "audit_events",
    "imported_frameworks",
    "imported_mappings",
    "provider_links",
    "surveys",
    "survey_invites",
    "survey_tokens",
    "survey_responses",
    "survey_answers",
    "survey_agg",
    "survey_agg_counts",
    "survey_agg_groups",
    "portfolio_stats",
    "group_counts",
    "organization_count",
    "member_counts",
    "stats_dirty",
    "generation",
};

const char *const *store_copy_tables(size_t *n)
{
	*n = sizeof(copy_tables) / sizeof(copy_tables[0]);
	return copy_tables;
}

static long long count_rows(struct db *db, const char *table, struct err *e)
{
	char sql[96];
	struct db_stmt *s = NULL;
	long long n = -1;
	int rc;

	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM %s", table);
	rc = db_run(db, &s, e, sql, "");
	if (rc == DB_ROW)
		n = db_column_int(s, 0);
	db_finalize(s);
	return rc < 0 ? rc : n;
}

/* Rows a copy writes with one statement: fewer round trips to a server, fewer statements. */
#define COPY_ROWS_MAX 64

/* The INSERT of rows rows of s's columns into table (into b). */
static int insert_sql(struct db_stmt *s, const char *table, int rows, struct buf *b)
{
	int i, r, n = db_column_count(s);

	buf_reset(b);
	buf_printf(b, "INSERT INTO %s (", table);
	for (i = 0; i < n; i++)
		buf_printf(b, "%s\"%s\"", i ? ", " : "", db_column_name(s, i));
	buf_addstr(b, ") VALUES ");
	for (r = 0; r < rows; r++) {
		buf_addstr(b, r ? ", (" : "(");
		for (i = 0; i < n; i++)
			buf_addstr(b, i ? ", ?" : "?");
		buf_addch(b, ')');
	}
	return buf_status(b);
}

/* A row's values as read, kept until its batch is written: NULL, an integer or a text. */
struct copy_value {
	int kind;
	long long i;
	char *text;
};

/* The batch of rows (values, n of them, cols each) into table in one INSERT. */
static int write_rows(struct db *dst, struct db_stmt *s, const char *table, struct copy_value *v,
		      int rows, int cols, struct buf *sql, struct err *e)
{
	struct db_stmt *ins = NULL;
	int rc, k, bad = 0;

	if (insert_sql(s, table, rows, sql))
		return err_fail(e, ERR_NOMEM, NULL, MSG_E_NOMEM);
	rc = db_prepare(dst, sql->data, &ins, e);
	if (rc)
		return rc;
	for (k = 0; k < rows * cols; k++)
		bad |= v[k].kind == DB_NULL  ? db_bind_null(ins, k + 1)
		       : v[k].kind == DB_INT ? db_bind_int(ins, k + 1, v[k].i)
					     : db_bind_text(ins, k + 1, v[k].text);
	rc = bad ? err_fail(e, ERR_DB, NULL, MSG_E_DB_BIND) : db_step(ins, e);
	db_finalize(ins);
	return rc < 0 ? rc : 0;
}

/* Every row of s into table of dst through the engine's bulk loader (PostgreSQL's COPY). */
static int bulk_rows(struct db_stmt *s, struct db *dst, const char *table, uint64_t *done,
		     uint64_t total, struct progress_watch *w, struct err *e)
{
	struct err ignored = ERR_INIT;
	const char **vals = NULL;
	char(*num)[24] = NULL;
	struct buf cols;
	int rc, i, n = 0, begun = 0;

	buf_init(&cols, 0);
	while ((rc = db_step(s, e)) == DB_ROW) {
		rc = 0;
		if (!begun) { /* the columns, from the first row's statement */
			n = db_column_count(s);
			for (i = 0; i < n; i++)
				buf_printf(&cols, "%s\"%s\"", i ? ", " : "", db_column_name(s, i));
			vals = xcalloc(n ? (size_t)n : 1, sizeof(*vals));
			num = xcalloc(n ? (size_t)n : 1, sizeof(*num));
			rc = buf_status(&cols) ? err_fail(e, ERR_NOMEM, NULL, MSG_E_NOMEM)
					       : db_bulk_begin(dst, table, cols.data, e);
			if (rc)
				break;
			begun = 1;
		}
		for (i = 0; !rc && i < n; i++)
			switch (db_column_kind(s, i)) {
			case DB_INT:
				snprintf(num[i], sizeof(num[i]), "%lld", db_column_int(s, i));
				vals[i] = num[i];
				break;
			case DB_TEXT:
				vals[i] = db_column_text(s, i);
				break;
			case DB_NULL:
				vals[i] = NULL;
				break;
			default:
				rc = err_fail(e, ERR_INVALID, NULL, MSG_E_COPY_VALUE, table,
					      db_column_name(s, i));
			}
		if (!rc)
			rc = db_bulk_row(dst, vals, n, e);
		if (!rc)
			rc = progress_at(w, ++*done, total, e);
		if (rc)
			break;
	}
	if (begun) { /* ended either way; its failure only counts when all else went well */
		int end = db_bulk_end(dst, rc == DB_DONE ? e : &ignored);
		if (rc == DB_DONE)
			rc = end;
	}
	free(vals);
	free(num);
	buf_release(&cols);
	return rc < 0 ? rc : 0;
}

/* Every row of table from src into dst (emptied first): through the engine's bulk loader
 * where it has one, else COPY_ROWS_MAX rows to an INSERT. */
static int copy_table(struct db *src, struct db *dst, const char *table, uint64_t *done,
		      uint64_t total, struct progress_watch *w, struct err *e)
{
	struct db_stmt *s = NULL;
	struct copy_value *v = NULL;
	struct buf sql;
	char q[96];
	int rc, i, k, cols = 0, rows = 0, per = 1;

	snprintf(q, sizeof(q), "DELETE FROM %s", table);
	rc = db_run(dst, NULL, e, q, "");
	if (rc < 0)
		return rc;
	snprintf(q, sizeof(q), "SELECT * FROM %s", table);
	rc = db_prepare(src, q, &s, e);
	if (rc)
		return rc;
	if (db_bulk_supported(dst)) {
		rc = bulk_rows(s, dst, table, done, total, w, e);
		db_finalize(s);
		return rc;
	}
	buf_init(&sql, 0);
	while ((rc = db_step(s, e)) == DB_ROW) {
		rc = 0;
		if (!v) { /* the statement's shape: as many rows as keep its parameters few */
			cols = db_column_count(s);
			per = cols ? 1000 / cols : 1;
			per = per < 1 ? 1 : per > COPY_ROWS_MAX ? COPY_ROWS_MAX : per;
			v = xcalloc((size_t)per * (size_t)(cols ? cols : 1), sizeof(*v));
		}
		for (i = 0; !rc && i < cols; i++) {
			struct copy_value *c = &v[rows * cols + i];
			c->kind = db_column_kind(s, i);
			if (c->kind == DB_INT)
				c->i = db_column_int(s, i);
			else if (c->kind == DB_TEXT)
				c->text = xstrdup(db_column_text(s, i));
			else if (c->kind != DB_NULL)
				rc = err_fail(e, ERR_INVALID, NULL, MSG_E_COPY_VALUE, table,
					      db_column_name(s, i));
		}
		if (!rc && ++rows == per) {
			rc = write_rows(dst, s, table, v, rows, cols, &sql, e);
			for (k = 0; k < rows * cols; k++)
				XFREE(&v[k].text);
			rows = 0;
		}
		if (!rc)
			rc = progress_at(w, ++*done, total, e);
		if (rc)
			break;
	}
	if (rc == DB_DONE && rows) /* the last, shorter batch */
		rc = write_rows(dst, s, table, v, rows, cols, &sql, e);
	for (k = 0; v && k < per * cols; k++)
		free(v[k].text);
	free(v);
	db_finalize(s);
	buf_release(&sql);
	return rc < 0 ? rc : 0;
}

/* The rows of every table of src (at this cdcf's schema, one snapshot) into the new or
 * empty database to, its schema made by the migrations in the same transaction: all or
 * nothing, on either engine. */
static int copy_into(struct db *src, const char *to, struct progress_watch *w, size_t *rows,
		     struct err *e)
{
	struct db *dst = NULL;
	uint64_t total = 0, done = 0;
	size_t i;
	int rc;

	rc = db_open(&dst, to, e);
	if (!rc)
		rc = db_tune(dst, e);
	if (rc)
		goto out;
	/* one snapshot of the source: a read transaction, writers not held back */
	rc = db_exec(src, src->drv->snapshot_sql, e);
	if (rc)
		goto out;
	for (i = 0; !rc && i < sizeof(copy_tables) / sizeof(copy_tables[0]); i++) {
		long long n = count_rows(src, copy_tables[i], e);
		if (n < 0)
			rc = (int)n;
		else
			total += (uint64_t)n;
	}
	if (!rc)
		rc = db_begin(dst, e);
	if (!rc) /* the schema, made by the migrations inside the copy's transaction */
		rc = schema_migrate(dst, e);
	if (!rc && dst->drv->defer_fks_sql)
		rc = db_exec(dst, dst->drv->defer_fks_sql, e);
	for (i = 0; !rc && i < sizeof(copy_tables) / sizeof(copy_tables[0]); i++)
		rc = copy_table(src, dst, copy_tables[i], &done, total, w, e);
	/* every table as many rows as the source's */
	for (i = 0; !rc && i < sizeof(copy_tables) / sizeof(copy_tables[0]); i++) {
		long long a = count_rows(src, copy_tables[i], e),
			  b = a < 0 ? a : count_rows(dst, copy_tables[i], e);
		if (a < 0 || b < 0)
			rc = (int)(a < 0 ? a : b);
		else if (a != b)
			rc =
			    err_fail(e, ERR_INTERNAL, NULL, MSG_E_COPY_COUNT, copy_tables[i], a, b);
	}
	/* the next id of each table after the largest copied (an engine with sequences) */
	for (i = 0; !rc && dst->drv->ids_follow && i < sizeof(copy_tables) / sizeof(copy_tables[0]);
	     i++)
		rc = dst->drv->ids_follow(dst, copy_tables[i], e);
	if (dst->tx_depth > 0)
		rc = rc ? (db_rollback(dst), rc) : db_commit(dst, e);
	/* the planner's statistics of the tables just filled, before anything queries them */
	if (!rc && dst->drv->analyze_sql)
		rc = db_exec(dst, dst->drv->analyze_sql, e);
	db_exec(src, "ROLLBACK", NULL); /* it only read */
	if (!rc)
		progress_done(w, total);
	*rows = (size_t)done;
out:
	db_close(dst);
	return rc;
}

int store_copy(const char *from, const char *to, struct progress_watch *w, size_t *rows,
	       struct err *e)
{
	struct db *src = NULL;
	char tmp[4096];
	const char *into = to;
	int rc, version = 0, file = 0;

	*rows = 0;
	if (!to || !*to)
		return err_fail(e, ERR_INVALID, NULL, MSG_E_NO_DATABASE);
	rc = backup_version(from, &src, &version, e);
	if (!rc && version != STORE_SCHEMA_VERSION)
		rc = err_fail(e, ERR_INVALID, NULL, MSG_E_COPY_MIGRATE, from, version,
			      STORE_SCHEMA_VERSION);
	if (!rc)
		rc = target_empty(to, e);
	if (!rc && !db_is_postgres(to)) { /* a file: written beside, renamed over at the end */
		if (snprintf(tmp, sizeof(tmp), "%s.tmp", to) >= (int)sizeof(tmp))
			rc = err_fail(e, ERR_INVALID, NULL, MSG_E_DB_ACCESS, to,
				      ERR_SYS(ENAMETOOLONG));
		unlink(tmp);
		into = tmp;
		file = 1;
	}
	if (!rc)
		rc = copy_into(src, into, w, rows, e);
	db_close(src);
	if (!rc && file && rename(tmp, to))
		rc = err_fail(e, ERR_IO, NULL, MSG_E_DB_ACCESS, to, ERR_SYS(errno));
	if (rc && file)
		unlink(tmp);
	if (rc)
		*rows = 0;
	return rc;
}
