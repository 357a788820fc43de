/*
 * db.h - the small driver interface every store query goes through.
 *
 * Domain queries (store_*.c) are written once against this interface with
 * portable SQL and `?` placeholders; a driver (db_sqlite.c, later db_pg.c)
 * translates. Only bound parameters: no query text is ever built from input.
 */
#ifndef CDCF_DB_H
#define CDCF_DB_H

#include <stddef.h>

#include "util/err.h"

struct db;
struct db_stmt;

enum db_step { DB_ROW = 1, DB_DONE = 0 };

struct db_driver {
	const char *name;
	int (*open)(struct db *db, const char *conninfo, struct err *e);
	void (*close)(struct db *db);
	int (*prepare)(struct db *db, const char *sql, struct db_stmt **out, struct err *e);
	int (*bind_text)(struct db_stmt *s, int i, const char *v); /* v NULL binds NULL */
	int (*bind_int)(struct db_stmt *s, int i, long long v);
	int (*bind_null)(struct db_stmt *s, int i);
	int (*step)(struct db_stmt *s, struct err *e);	      /* DB_ROW, DB_DONE or < 0 */
	const char *(*column_text)(struct db_stmt *s, int i); /* NULL for NULL */
	long long (*column_int)(struct db_stmt *s, int i);
	int (*column_is_null)(struct db_stmt *s, int i);
	/* The columns of a statement's rows: how many, the name of column i, and whether its
	 * value in the current row is an integer (DB_INT), text (DB_TEXT), NULL (DB_NULL) or
	 * anything else (DB_OTHER: a number with a fraction or bytes, which cdcf never
	 * stores). */
	int (*column_count)(struct db_stmt *s);
	const char *(*column_name)(struct db_stmt *s, int i);
	int (*column_kind)(struct db_stmt *s, int i);
	/* Statement that makes the current transaction check foreign keys at its commit only
	 * (a whole database copied table by table); NULL when the engine needs none. */
	const char *defer_fks_sql;
	void (*finalize)(struct db_stmt *s);
	int (*exec)(struct db *db, const char *sql, struct err *e); /* no parameters, no rows */
	long long (*last_id)(struct db *db);
	long long (*changes)(struct db *db);
	/* Statement that starts a write transaction ("BEGIN IMMEDIATE" on SQLite). */
	const char *begin_sql;
	/* Column definition of an auto-increment integer primary key, used by schema
	 * migrations in place of the token ID_PK. */
	const char *id_pk;
	/* What follows a table's closing parenthesis in place of the token WITHOUT_ROWID: a
	 * table stored in the order of its primary key alone (SQLite: " WITHOUT ROWID"), or
	 * nothing where the engine has no such choice. */
	const char *without_rowid;
	/* What follows each foreign key in the migrations (PostgreSQL: DEFERRABLE, so that a
	 * copy may check them at its commit, defer_fks_sql); NULL: nothing. */
	const char *fk_suffix;
	/* 1 if a table called name exists (any table when name is NULL), 0 if not,
	 * < 0 on error. Reads only: nothing is written. A file that is not a database
	 * of this driver at all is ERR_INVALID. */
	int (*has_table)(struct db *db, const char *name, struct err *e);
	/* Persistent settings that write to the database (SQLite: journal_mode=WAL);
	 * called by store_open only once the database is known to be cdcf's or empty.
	 * May be NULL. */
	int (*tune)(struct db *db, struct err *e);
	/* Prepare a statement the connection keeps for reuse (SQLite:
	 * SQLITE_PREPARE_PERSISTENT), and make one ready again: reset, bindings
	 * cleared. Both NULL: no statement cache, every prepare is a new one. */
	int (*prepare_kept)(struct db *db, const char *sql, struct db_stmt **out, struct err *e);
	void (*reset)(struct db_stmt *s);
	/* Rows this connection has changed since it opened, and a number that changes when
	 * another connection commits (db_generation); either NULL: no generation. */
	long long (*total_changes)(struct db *db);
	long long (*data_version)(struct db *db);
	/* The whole database of db, as one consistent snapshot taken while others may write,
	 * into a new file at path (a database file of its own, replaced whole: written
	 * beside it, synced, then renamed over it). NULL: the driver cannot. */
	int (*copy_to_file)(struct db *db, const char *path, struct err *e);
	/* Statement that begins a read-only transaction seeing one snapshot of the whole
	 * database while others write (a copy's source). */
	const char *snapshot_sql;
	/* After rows were written with their ids (a copy): the next id table gives follows the
	 * largest one. NULL: the engine finds it itself. */
	int (*ids_follow)(struct db *db, const char *table, struct err *e);
	/* Statement that gathers the planner's statistics after a database was filled at once
	 * (a copy, a restore); NULL: none needed. */
	const char *analyze_sql;
	/* Rows written in bulk by the engine's own loader (PostgreSQL: COPY FROM STDIN): begin
	 * names the table and its columns ("a, b"), row adds one row of n values (NULL for
	 * NULL, numbers as text) and end sends what is left and says whether the engine took
	 * it all. Nothing else runs on the connection in between. All NULL: the engine has no
	 * such loader and callers INSERT (db_bulk_supported). */
	int (*bulk_begin)(struct db *db, const char *table, const char *cols, struct err *e);
	int (*bulk_row)(struct db *db, const char *const *values, int n, struct err *e);
	int (*bulk_end)(struct db *db, struct err *e);
};

/*
 * The statement cache: db_prepare (and db_run) hand out a statement the
 * connection keeps, found by its SQL text, instead of preparing the text
 * again; db_finalize gives it back (reset, bindings cleared) and it is
 * finalized only by db_close or when the cache, full, makes room for another
 * text (the one used least recently goes). A statement in use is never
 * handed out twice: the same text prepared while its kept statement is
 * open (a query inside a loop over its own rows) is a new statement,
 * finalized as before.
 */
#define DB_STMT_CACHE_MAX 64

struct db_kept {
	char *sql;
	const char *text; /* where the caller's text was when last asked for: looked at first */
	size_t hash;
	struct db_stmt *s;
	int busy;	    /* handed out, not yet given back */
	unsigned long used; /* db->tick when last handed out */
};

struct db {
	const struct db_driver *drv;
	void *handle;
	int tx_depth;
	int tx_failed; /* the outer transaction was rolled back by an inner db_rollback */
	char *path;
	int file_slot;		 /* util/dbfile.h registration of the file, -1 when none */
	unsigned long tx_serial; /* counts outermost transactions begun: what was read inside
				    one may be kept until it ends */
	struct db_kept cache[DB_STMT_CACHE_MAX];
	size_t n_cache;
	unsigned long tick;
	/* Run inside the outermost transaction just before it commits (db_set_before_commit);
	 * its failure rolls the transaction back. */
	int (*before_commit)(void *ctx, struct err *e);
	void *before_commit_ctx;
	int in_before_commit;
	/* what db_generation saw last on this connection */
	int seen;
	long long seen_version, seen_changes;
};

/* Have fn(ctx, e) run in every outermost transaction just before COMMIT (NULL: none):
 * what it writes commits with the transaction, its failure rolls everything back. */
void db_set_before_commit(struct db *db, int (*fn)(void *ctx, struct err *e), void *ctx);

/*
 * Parameters are numbered from 1 (the first `?` is 1), result columns from 0,
 * as in both SQLite and libpq. Errors: a UNIQUE/foreign-key/CHECK violation is
 * ERR_CONFLICT, a busy database ERR_DB, anything else ERR_DB; e names the cause.
 */

/* Does conninfo name a PostgreSQL database (postgres:// or postgresql://) rather than a file? */
int db_is_postgres(const char *conninfo);
/* Open by connection string: a file path (SQLite, created when missing) or
 * postgres://... later. A file that is not an SQLite database is ERR_INVALID
 * and is not modified. */
int db_open(struct db **out, const char *conninfo, struct err *e);
void db_close(struct db *db);

/* A statement for sql, kept by the connection's cache when there is room
 * (see DB_STMT_CACHE_MAX); either way db_finalize ends the caller's use. */
int db_prepare(struct db *db, const char *sql, struct db_stmt **out, struct err *e);
int db_bind_text(struct db_stmt *s, int i, const char *v);
int db_bind_int(struct db_stmt *s, int i, long long v);
int db_bind_null(struct db_stmt *s, int i);
int db_step(struct db_stmt *s, struct err *e);
const char *db_column_text(struct db_stmt *s, int i);
long long db_column_int(struct db_stmt *s, int i);
int db_column_is_null(struct db_stmt *s, int i);
enum { DB_NULL, DB_INT, DB_TEXT, DB_OTHER };
int db_column_count(struct db_stmt *s);
const char *db_column_name(struct db_stmt *s, int i);
int db_column_kind(struct db_stmt *s, int i);
/* End the use of s: a kept statement is reset for the next db_prepare of its text,
 * any other finalized. NULL is ignored. */
void db_finalize(struct db_stmt *s);
int db_exec(struct db *db, const char *sql, struct err *e);
long long db_last_id(struct db *db);
long long db_changes(struct db *db);

/*
 * The data's generation, one number for the whole process: it moves on whenever a change
 * to the database is seen through any connection — a commit of another connection or
 * process (the driver's data_version), or a change made through this one. A reader that
 * asks before reading and finds the number unchanged since an earlier ask knows that
 * nothing was committed in between that it could have seen (the answer cache's key).
 * Writes by tools other than cdcf are seen too (SQLite's data_version counts every
 * commit to the file). 0, or -1 when the driver cannot tell (then nothing may be
 * assumed unchanged).
 */
int db_generation(struct db *db, unsigned long long *out);

/* See struct db_driver: has_table and tune. */
int db_has_table(struct db *db, const char *name, struct err *e);
int db_tune(struct db *db, struct err *e);
/* The planner's statistics of tables (a list: "a, b") gathered again after a bulk write, on
 * an engine that needs it (db_driver.analyze_sql; nothing on SQLite). */
int db_analyze(struct db *db, const char *tables, struct err *e);
/* See struct db_driver: bulk_begin, bulk_row, bulk_end; db_bulk_supported: 1 when the engine
 * has a bulk loader. After a failed db_bulk_row, db_bulk_end still ends the load (and fails:
 * the transaction is to be rolled back). */
int db_bulk_supported(const struct db *db);
int db_bulk_begin(struct db *db, const char *table, const char *cols, struct err *e);
int db_bulk_row(struct db *db, const char *const *values, int n, struct err *e);
int db_bulk_end(struct db *db, struct err *e);

/* Transactions nest by counting: only the outermost begin/commit reach the database.
 * db_rollback undoes the whole outermost transaction: after an inner rollback,
 * every statement and commit up to the outermost db_rollback fails with ERR_DB,
 * so nothing is written outside the transaction by mistake. Every db_begin that
 * succeeded must be matched by exactly one db_commit or db_rollback (a failed
 * db_commit counts as the match: it rolls back). */
int db_begin(struct db *db, struct err *e);
int db_commit(struct db *db, struct err *e);
void db_rollback(struct db *db);

/*
 * One-shot helper: prepare sql, bind the arguments described by fmt
 * ('s' = const char *, 'i' = long long, 'n' = NULL), step once.
 * Returns DB_ROW/DB_DONE (statement left open in *out when out != NULL and a row came),
 * or < 0 with e set.
 */
int db_run(struct db *db, struct db_stmt **out, struct err *e, const char *sql, const char *fmt,
	   ...);

#endif
