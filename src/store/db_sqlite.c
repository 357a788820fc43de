/*
 * db_sqlite.c - the SQLite driver behind db.h.
 *
 * One connection per struct db (use one per thread). Connection settings:
 * foreign keys on, busy timeout 5 s, synchronous=FULL (see below); WAL is
 * switched on by tune() only once store_open knows the file is cdcf's,
 * because changing the journal mode writes to the file.
 *
 * The database file is touched only through SQLite. On Linux, closing any
 * descriptor of a file drops all of the process's POSIX locks on it, SQLite's
 * shared WAL lock included; another process opening the database then
 * checkpoints and deletes the WAL while this one still writes to it, and
 * acknowledged changes vanish. So a foreign file is recognised by asking
 * SQLite to read its header (SQLITE_NOTADB), never with fopen, and every file
 * opened here is registered with util/dbfile.h so that the rest of the
 * process refuses to read or replace it.
 *
 * Durability: in WAL mode synchronous=NORMAL keeps the database consistent
 * but may roll back the last transactions on a power loss; FULL syncs the WAL
 * at every commit, so a change that was answered survives kill -9 and power
 * loss alike (docs/durability.md; bench/ measures the cost).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/db_int.h"
#include "store/query_plan.h"
#include "util/dbfile.h"
#include "util/xalloc.h"

#define SQLITE_BUSY_MS 5000

static sqlite3 *handle_of(struct db *db)
{
	return db->handle;
}

static sqlite3_stmt *stmt_of(struct db_stmt *s)
{
	return s->handle;
}

/* Map an SQLite result code to ours and record the message. */
static int fail(struct db *db, int src, enum msg_id what, struct err *e)
{
	const char *msg = sqlite3_errmsg(handle_of(db));

	switch (src & 0xff) {
	case SQLITE_CONSTRAINT:
		return err_fail(e, ERR_CONFLICT, NULL, MSG_E_DB_CONSTRAINT, ERR_WORD(what), msg);
	case SQLITE_NOTADB:
		return err_fail(e, ERR_INVALID, NULL, MSG_E_DB_NOT_A_DB, db->path, msg);
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return err_fail(e, ERR_BUSY, NULL, MSG_E_DB_BUSY, db->path, msg);
	case SQLITE_IOERR:
	case SQLITE_FULL:
	case SQLITE_CANTOPEN:
	case SQLITE_READONLY:
	case SQLITE_PERM:
		return err_fail(e, ERR_IO, NULL, MSG_E_DB_IO, db->path, ERR_WORD(what), msg);
	case SQLITE_NOMEM:
		return err_fail(e, ERR_NOMEM, NULL, MSG_E_DB_NOMEM, db->path);
	default:
		return err_fail(e, ERR_DB, NULL, MSG_E_DB_OTHER, ERR_WORD(what), msg);
	}
}

/* What must not be opened at all: something other than a regular file. */
static int check_kind(const char *path, int *exists, struct err *e)
{
	struct stat sb;

	*exists = 0;
	if (stat(path, &sb) != 0)
		return 0;
	if (!S_ISREG(sb.st_mode))
		return err_fail(e, ERR_INVALID, NULL, MSG_E_NOT_DB_FILE, path);
	*exists = sb.st_size > 0;
	return 0;
}

/* A non-empty file must be an SQLite database before anything writes to it.
 * SQLite reads page 1 and answers SQLITE_NOTADB for anything else (a text
 * file, a short file, a file that only starts with the magic string), without
 * changing it. */
static int check_header(struct db *db, struct err *e)
{
	int rc =
	    sqlite3_exec(handle_of(db), "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);

	if (rc == SQLITE_OK)
		return 0;
	if ((rc & 0xff) == SQLITE_NOTADB || (rc & 0xff) == SQLITE_CORRUPT)
		return err_fail(e, ERR_INVALID, NULL, MSG_E_NOT_SQLITE, db->path);
	return fail(db, rc, MSG_N_DB_READ, e);
}

/* SQLite's process-wide settings, before its first use: no memory statistics (they take
 * a global mutex on every allocation, which every connection of every thread shares). */
static void configure(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	sqlite3_initialize();
}

static int sq_open(struct db *db, const char *conninfo, struct err *e)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	sqlite3 *h = NULL;
	int rc, exists;

	pthread_once(&once, configure);
	rc = check_kind(conninfo, &exists, e);
	if (rc)
		return rc;
	/* a connection is used by one thread at a time (the server's pool lends each to one
	 * request): no mutex taken on every call */
	rc = sqlite3_open_v2(
	    conninfo, &h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		rc = err_fail(e, ERR_IO, NULL, MSG_E_DB_OPEN, conninfo,
			      h ? sqlite3_errmsg(h) : sqlite3_errstr(rc));
		sqlite3_close(h);
		return rc;
	}
	db->handle = h;
	sqlite3_extended_result_codes(h, 1);
	sqlite3_busy_timeout(h, SQLITE_BUSY_MS);
	/* connection settings only: nothing here writes to the file */
	rc = sqlite3_exec(
	    h, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA cache_size = -16384;",
	    NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		rc = fail(db, rc, MSG_N_DB_CONFIGURE, e);
	else if (exists)
		rc = check_header(db, e);
	if (rc) {
		sqlite3_close(h);
		db->handle = NULL;
		return rc;
	}
	db->file_slot = dbfile_register(conninfo);
	return 0;
}

static void sq_close(struct db *db)
{
	sqlite3_close_v2(handle_of(db));
	db->handle = NULL;
	dbfile_release(db->file_slot);
	db->file_slot = -1;
}

static int prepare_flags(struct db *db, const char *sql, unsigned flags, struct db_stmt **out,
			 struct err *e)
{
	sqlite3_stmt *st = NULL;
	int rc;

	rc = sqlite3_prepare_v3(handle_of(db), sql, -1, flags, &st, NULL);
	if (rc != SQLITE_OK) {
		rc = fail(db, rc, MSG_N_DB_PREPARE, e);
		sqlite3_finalize(st);
		return rc;
	}
	query_plan_note(handle_of(db), sql); /* tests only: CDCF_QUERY_PLAN */
	*out = xcalloc(1, sizeof(**out));
	(*out)->db = db;
	(*out)->handle = st;
	return 0;
}

static int sq_prepare(struct db *db, const char *sql, struct db_stmt **out, struct err *e)
{
	return prepare_flags(db, sql, 0, out, e);
}

/* A statement the cache keeps: SQLite allocates it outside the lookaside memory that
 * short-lived statements share. */
static int sq_prepare_kept(struct db *db, const char *sql, struct db_stmt **out, struct err *e)
{
	return prepare_flags(db, sql, SQLITE_PREPARE_PERSISTENT, out, e);
}

/* Ready for the next use: the error of a failed step was reported by sq_step already. */
static void sq_reset(struct db_stmt *s)
{
	sqlite3_reset(stmt_of(s));
	sqlite3_clear_bindings(stmt_of(s));
}

static int sq_bind_text(struct db_stmt *s, int i, const char *v)
{
	int rc = v ? sqlite3_bind_text(stmt_of(s), i, v, -1, SQLITE_TRANSIENT)
		   : sqlite3_bind_null(stmt_of(s), i);

	return rc == SQLITE_OK ? 0 : ERR_DB;
}

static int sq_bind_int(struct db_stmt *s, int i, long long v)
{
	return sqlite3_bind_int64(stmt_of(s), i, v) == SQLITE_OK ? 0 : ERR_DB;
}

static int sq_bind_null(struct db_stmt *s, int i)
{
	return sqlite3_bind_null(stmt_of(s), i) == SQLITE_OK ? 0 : ERR_DB;
}

static int sq_step(struct db_stmt *s, struct err *e)
{
	int rc = sqlite3_step(stmt_of(s));

	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE)
		return DB_DONE;
	return fail(s->db, rc, MSG_N_DB_STATEMENT, e);
}

static const char *sq_column_text(struct db_stmt *s, int i)
{
	return (const char *)sqlite3_column_text(stmt_of(s), i);
}

static long long sq_column_int(struct db_stmt *s, int i)
{
	return sqlite3_column_int64(stmt_of(s), i);
}

static int sq_column_is_null(struct db_stmt *s, int i)
{
	return sqlite3_column_type(stmt_of(s), i) == SQLITE_NULL;
}

static int sq_column_count(struct db_stmt *s)
{
	return sqlite3_column_count(stmt_of(s));
}

static const char *sq_column_name(struct db_stmt *s, int i)
{
	return sqlite3_column_name(stmt_of(s), i);
}

static int sq_column_kind(struct db_stmt *s, int i)
{
	switch (sqlite3_column_type(stmt_of(s), i)) {
	case SQLITE_NULL:
		return DB_NULL;
	case SQLITE_INTEGER:
		return DB_INT;
	case SQLITE_TEXT:
		return DB_TEXT;
	default:
		return DB_OTHER;
	}
}

static void sq_finalize(struct db_stmt *s)
{
	sqlite3_finalize(stmt_of(s));
	free(s);
}

static int sq_exec(struct db *db, const char *sql, struct err *e)
{
	int rc = sqlite3_exec(handle_of(db), sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? 0 : fail(db, rc, MSG_N_DB_STATEMENT, e);
}

static long long sq_last_id(struct db *db)
{
	return sqlite3_last_insert_rowid(handle_of(db));
}

static long long sq_changes(struct db *db)
{
	return sqlite3_changes(handle_of(db));
}

static long long sq_total_changes(struct db *db)
{
	return sqlite3_total_changes(handle_of(db));
}

/* PRAGMA data_version: changes when another connection (of any process) commits; -1 on
 * failure. A statement of its own, so the value is read afresh each time. */
static long long sq_data_version(struct db *db)
{
	sqlite3_stmt *s = NULL;
	long long v = -1;

	if (sqlite3_prepare_v3(handle_of(db), "PRAGMA data_version", -1, SQLITE_PREPARE_PERSISTENT,
			       &s, NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

static int sq_has_table(struct db *db, const char *name, struct err *e)
{
	struct db_stmt *s = NULL;
	int rc;

	rc = sq_prepare(
	    db,
	    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND (?1 IS NULL OR name = ?1) "
	    "LIMIT 1",
	    &s, e);
	if (rc)
		return rc;
	rc = sq_bind_text(s, 1, name);
	if (rc)
		rc = err_fail(e, ERR_DB, NULL, MSG_E_DB_BIND_TABLE);
	else
		rc = sq_step(s, e);
	sq_finalize(s);
	return rc < 0 ? rc : rc == DB_ROW;
}

static int sq_tune(struct db *db, struct err *e)
{
	int rc = sq_exec(db, "PRAGMA journal_mode = WAL", e);

	/* a database created by this connection exists on disk only now */
	if (!rc && db->file_slot < 0)
		db->file_slot = dbfile_register(db->path);
	return rc;
}

/* Sync path's folder, so that a rename into it survives a crash. */
static int sync_folder(const char *path)
{
	char dir[PATH_MAX];
	const char *slash = strrchr(path, '/');
	int fd, rc;

	if (!slash)
		snprintf(dir, sizeof(dir), ".");
	else if (slash == path)
		snprintf(dir, sizeof(dir), "/");
	else
		snprintf(dir, sizeof(dir), "%.*s", (int)(slash - path), path);
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

static int sq_copy_to_file(struct db *db, const char *path, struct err *e)
{
	char tmp[PATH_MAX];
	sqlite3 *dst = NULL;
	sqlite3_backup *b;
	int rc, fd;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp))
		return err_fail(e, ERR_INVALID, NULL, MSG_E_DB_ACCESS, path, ERR_SYS(ENAMETOOLONG));
	/* never over an open database (this one, by another name, or its companions) */
	if (dbfile_is_database(path) || dbfile_is_database(tmp))
		return err_fail(e, ERR_INVALID, NULL, MSG_E_FILE_IS_DATABASE, path);
	unlink(tmp);
	rc = sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc != SQLITE_OK) {
		rc = err_fail(e, ERR_IO, NULL, MSG_E_DB_OPEN, tmp, sqlite3_errmsg(dst));
		sqlite3_close(dst);
		return rc;
	}
	b = sqlite3_backup_init(dst, "main", handle_of(db), "main");
	if (!b) {
		rc = err_fail(e, ERR_IO, NULL, MSG_E_DB_OPEN, tmp, sqlite3_errmsg(dst));
		goto out;
	}
	/* every page in one step: one read transaction, so one consistent snapshot that
	 * writers of other processes do not restart (WAL: they are not held back either) */
	do {
		rc = sqlite3_backup_step(b, -1);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(20);
	} while (rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	sqlite3_backup_finish(b);
	if (rc != SQLITE_DONE) {
		rc = err_fail(e, ERR_IO, NULL, MSG_E_DB_IO, tmp, ERR_WORD(MSG_N_DB_READ),
			      sqlite3_errstr(rc));
		goto out;
	}
	/* a file of its own: no write-ahead log beside it */
	rc = sqlite3_exec(dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
	if (rc != SQLITE_OK) {
		rc = err_fail(e, ERR_IO, NULL, MSG_E_DB_IO, tmp, ERR_WORD(MSG_N_DB_CONFIGURE),
			      sqlite3_errmsg(dst));
		goto out;
	}
	rc = 0;
out:
	sqlite3_close(dst);
	if (!rc) {
		fd = open(tmp, O_RDONLY | O_CLOEXEC);
		if (fd < 0 || fsync(fd) || rename(tmp, path) || sync_folder(path))
			rc = err_fail(e, ERR_IO, NULL, MSG_E_DB_ACCESS, path, ERR_SYS(errno));
		if (fd >= 0)
			close(fd);
	}
	if (rc)
		unlink(tmp);
	return rc;
}

const struct db_driver db_sqlite_driver = {
    .name = "sqlite",
    .open = sq_open,
    .close = sq_close,
    .prepare = sq_prepare,
    .bind_text = sq_bind_text,
    .bind_int = sq_bind_int,
    .bind_null = sq_bind_null,
    .step = sq_step,
    .column_text = sq_column_text,
    .column_int = sq_column_int,
    .column_is_null = sq_column_is_null,
    .column_count = sq_column_count,
    .column_name = sq_column_name,
    .column_kind = sq_column_kind,
    .defer_fks_sql = "PRAGMA defer_foreign_keys = ON",
    .snapshot_sql = "BEGIN",
    .finalize = sq_finalize,
    .exec = sq_exec,
    .last_id = sq_last_id,
    .changes = sq_changes,
    .total_changes = sq_total_changes,
    .data_version = sq_data_version,
    .begin_sql = "BEGIN IMMEDIATE",
    .id_pk = "INTEGER PRIMARY KEY",
    .without_rowid = " WITHOUT ROWID",
    .has_table = sq_has_table,
    .tune = sq_tune,
    .prepare_kept = sq_prepare_kept,
    .reset = sq_reset,
    .copy_to_file = sq_copy_to_file,
};
