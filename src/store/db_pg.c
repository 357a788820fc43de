/*
 * db_pg.c - the PostgreSQL driver behind db.h (libpq).
 *
 * The store's portable SQL runs as it is: each `?` outside quoted text becomes $1,
 * $2, ... once, when the statement is prepared; parameters travel as text and the
 * server gives them their types from where they stand (so a bare `? IS NULL` must be
 * written `CAST(? AS TEXT) IS NULL`); a statement's rows come in one result, read a row
 * at a time. The statements the connection keeps (db.c's cache) are prepared on the
 * server once per connection, the others sent with their parameters each time.
 *
 * Writers take turns, as on SQLite: every transaction starts by taking one
 * transaction-scoped advisory lock, so optimistic locking (a version read and checked
 * inside the transaction that writes) behaves exactly as with BEGIN IMMEDIATE, on any
 * number of servers sharing the database.
 *
 * Errors map as SQLite's: a unique, foreign-key, check or not-null violation is
 * ERR_CONFLICT; a serialization failure, a deadlock, a lock not granted in time or a
 * connection lost is ERR_BUSY (try again: the web answers 503 with Retry-After). A
 * connection found lost outside a transaction is opened again before the next
 * statement, and the kept statements are prepared again on it.
 *
 * The connection string is a postgres:// URL; libpq reads the password from PGPASSWORD
 * or ~/.pgpass (a password in the URL is accepted but never shown: db->path, which
 * messages name, is the URL without it).
 */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db_int.h"
#include "util/buf.h"
#include "util/xalloc.h"

/* The advisory lock every transaction takes: "cdcf" in ASCII. */
#define PG_WRITE_LOCK "1667523430"
/* How long a statement may wait for a lock before it gives up with ERR_BUSY. */
#define PG_LOCK_TIMEOUT "5s"

/* Type OIDs (catalog/pg_type.h, stable across versions). */
#define PG_INT8 20
#define PG_INT2 21
#define PG_INT4 23
#define PG_TEXT 25
#define PG_NAME 19
#define PG_VARCHAR 1043

struct pg {
	PGconn *conn;
	unsigned long gen;     /* counts connections made: a kept statement prepared on an
				  older one is prepared again */
	unsigned long names;   /* kept statements named so far */
	long long changes;     /* rows the last statement changed */
	long long total;       /* rows changed since the connection opened */
	long long total_begun; /* total when the current transaction began */
	/* a bulk load under way (COPY FROM STDIN): rows not sent yet, and whether one failed */
	struct buf bulk;
	int bulk_failed;
};

/* What a bulk load gathers before it sends it. */
#define PG_BULK_CHUNK ((size_t)256 << 10)

struct pg_stmt {
	char *sql; /* with $n for each ? */
	int nparams;
	char **params; /* their text, NULL for NULL */
	int kept;      /* prepared on the server under name */
	char name[32];
	unsigned long gen; /* the connection it was prepared on; 0: not yet */
	PGresult *res;	   /* the rows, once run */
	int ran, row, nrows;
};

static struct pg *pg_of(struct db *db)
{
	return db->handle;
}

static struct pg_stmt *stmt_of(struct db_stmt *s)
{
	return s->handle;
}

/* sql with each ? outside '...' and "..." replaced by $1, $2, ...; their number in *n. */
static char *number_params(const char *sql, int *n)
{
	size_t len = strlen(sql), k = 0, marks = 0;
	char *out, quote = 0;
	const char *p;

	for (p = sql; *p; p++)
		marks += *p == '?';
	out = xmalloc(len + marks * 11 + 1); /* "$" and up to ten digits for each */

	*n = 0;
	for (p = sql; *p; p++) {
		if (quote) {
			if (*p == quote)
				quote = 0;
			out[k++] = *p;
			continue;
		}
		if (*p == '\'' || *p == '"') {
			quote = *p;
			out[k++] = *p;
			continue;
		}
		if (*p != '?') {
			out[k++] = *p;
			continue;
		}
		k += (size_t)snprintf(out + k, 12, "$%d", ++*n);
	}
	out[k] = '\0';
	return out;
}

/* The message of a failed result or connection, on one line. */
static const char *message(struct pg *pg, const PGresult *res, char *buf, size_t size)
{
	const char *m = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	char *nl;
	size_t n;

	if (!m || !*m)
		m = PQerrorMessage(pg->conn);
	snprintf(buf, size, "%s", m && *m ? m : "unknown error");
	for (nl = buf; *nl; nl++) /* one line: libpq's own breaks and tabs as spaces */
		if (*nl == '\n' || *nl == '\t')
			*nl = ' ';
	for (n = strlen(buf); n && buf[n - 1] == ' '; n--)
		buf[n - 1] = '\0';
	return buf;
}

/* Map a failed result (NULL: the connection failed) to ours and record the message. */
static int fail(struct db *db, const PGresult *res, enum msg_id what, struct err *e)
{
	struct pg *pg = pg_of(db);
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	char msg[256];

	message(pg, res, msg, sizeof(msg));
	if (PQstatus(pg->conn) != CONNECTION_OK || !state || !strncmp(state, "08", 2) ||
	    !strcmp(state, "57P01") || !strcmp(state, "57P02") || !strcmp(state, "57P03"))
		return err_fail(e, ERR_BUSY, NULL, MSG_E_DB_BUSY, db->path, msg);
	if (!strncmp(state, "23", 2))
		return err_fail(e, ERR_CONFLICT, NULL, MSG_E_DB_CONSTRAINT, ERR_WORD(what), msg);
	if (!strcmp(state, "40001") || !strcmp(state, "40P01") || !strcmp(state, "55P03"))
		return err_fail(e, ERR_BUSY, NULL, MSG_E_DB_BUSY, db->path, msg);
	if (!strcmp(state, "53100"))
		return err_fail(e, ERR_IO, NULL, MSG_E_DB_IO, db->path, ERR_WORD(what), msg);
	if (!strcmp(state, "53200"))
		return err_fail(e, ERR_NOMEM, NULL, MSG_E_DB_NOMEM, db->path);
	return err_fail(e, ERR_DB, NULL, MSG_E_DB_OTHER, ERR_WORD(what), msg);
}

/* Settings of every new connection: no notices on stderr, locks waited for a while. */
static void quiet(void *arg, const char *message_text)
{
	(void)arg;
	(void)message_text;
}

static int configure(struct db *db, struct err *e)
{
	struct pg *pg = pg_of(db);
	PGresult *res;
	int rc = 0;

	PQsetNoticeProcessor(pg->conn, quiet, NULL);
	res = PQexec(pg->conn, "SET lock_timeout = '" PG_LOCK_TIMEOUT "'; "
			       "SET client_min_messages = warning; SET TIME ZONE 'UTC'");
	if (PQresultStatus(res) != PGRES_COMMAND_OK)
		rc = fail(db, res, MSG_N_DB_CONFIGURE, e);
	PQclear(res);
	return rc;
}

/* A connection found lost, outside a transaction: made again. */
static int revive(struct db *db, struct err *e)
{
	struct pg *pg = pg_of(db);

	if (PQstatus(pg->conn) == CONNECTION_OK)
		return 0;
	if (db->tx_depth > 0) /* what the transaction did is gone with it */
		return fail(db, NULL, MSG_N_DB_STATEMENT, e);
	PQreset(pg->conn);
	if (PQstatus(pg->conn) != CONNECTION_OK)
		return fail(db, NULL, MSG_N_DB_STATEMENT, e);
	pg->gen++;
	return configure(db, e);
}

static void pg_close(struct db *db)
{
	struct pg *pg = pg_of(db);

	if (!pg)
		return;
	PQfinish(pg->conn);
	buf_release(&pg->bulk);
	free(pg);
	db->handle = NULL;
}

static int pg_open(struct db *db, const char *conninfo, struct err *e)
{
	struct pg *pg = xcalloc(1, sizeof(*pg));
	char msg[256];
	int rc;

	pg->conn = PQconnectdb(conninfo);
	pg->gen = 1;
	db->handle = pg;
	if (!pg->conn || PQstatus(pg->conn) != CONNECTION_OK)
		rc = err_fail(e, ERR_IO, NULL, MSG_E_DB_OPEN, db->path,
			      pg->conn ? message(pg, NULL, msg, sizeof(msg)) : "out of memory");
	else
		rc = configure(db, e);
	if (rc)
		pg_close(db);
	return rc;
}

static int prepare(struct db *db, const char *sql, int kept, struct db_stmt **out, struct err *e)
{
	struct pg *pg = pg_of(db);
	struct pg_stmt *ps = xcalloc(1, sizeof(*ps));

	(void)e;
	ps->sql = number_params(sql, &ps->nparams);
	ps->params = xcalloc((size_t)ps->nparams + 1, sizeof(*ps->params));
	ps->kept = kept;
	if (kept)
		snprintf(ps->name, sizeof(ps->name), "cdcf_%lu", ++pg->names);
	*out = xcalloc(1, sizeof(**out));
	(*out)->db = db;
	(*out)->handle = ps;
	return 0;
}

static int pg_prepare(struct db *db, const char *sql, struct db_stmt **out, struct err *e)
{
	return prepare(db, sql, 0, out, e);
}

static int pg_prepare_kept(struct db *db, const char *sql, struct db_stmt **out, struct err *e)
{
	return prepare(db, sql, 1, out, e);
}

static void clear_params(struct pg_stmt *ps)
{
	int i;

	for (i = 0; i < ps->nparams; i++)
		XFREE(&ps->params[i]);
}

static void pg_reset(struct db_stmt *s)
{
	struct pg_stmt *ps = stmt_of(s);

	PQclear(ps->res);
	ps->res = NULL;
	ps->ran = ps->row = ps->nrows = 0;
	clear_params(ps);
}

static int set_param(struct db_stmt *s, int i, char *text)
{
	struct pg_stmt *ps = stmt_of(s);

	if (i < 1 || i > ps->nparams) {
		free(text);
		return ERR_DB;
	}
	free(ps->params[i - 1]);
	ps->params[i - 1] = text;
	return 0;
}

static int pg_bind_text(struct db_stmt *s, int i, const char *v)
{
	return set_param(s, i, v ? xstrdup(v) : NULL);
}

static int pg_bind_int(struct db_stmt *s, int i, long long v)
{
	char buf[24];

	snprintf(buf, sizeof(buf), "%lld", v);
	return set_param(s, i, xstrdup(buf));
}

static int pg_bind_null(struct db_stmt *s, int i)
{
	return set_param(s, i, NULL);
}

/* The data's generation (table generation, migration 18) raised: the other servers' kept
 * answers are stale. Inside the writing transaction, or right after a write of its own. */
static void raise_generation(struct pg *pg)
{
	PQclear(PQexec(pg->conn, "UPDATE generation SET n = n + 1"));
}

static int run(struct db_stmt *s, struct err *e)
{
	struct pg *pg = pg_of(s->db);
	struct pg_stmt *ps = stmt_of(s);
	const char *const *params = (const char *const *)ps->params;
	PGresult *res;
	int rc = revive(s->db, e);

	if (rc)
		return rc;
	if (ps->kept && ps->gen != pg->gen) {
		res = PQprepare(pg->conn, ps->name, ps->sql, ps->nparams, NULL);
		if (PQresultStatus(res) != PGRES_COMMAND_OK) {
			rc = fail(s->db, res, MSG_N_DB_PREPARE, e);
			PQclear(res);
			return rc;
		}
		PQclear(res);
		ps->gen = pg->gen;
	}
	res = ps->kept ? PQexecPrepared(pg->conn, ps->name, ps->nparams, params, NULL, NULL, 0)
		       : PQexecParams(pg->conn, ps->sql, ps->nparams, NULL, params, NULL, NULL, 0);
	switch (PQresultStatus(res)) {
	case PGRES_TUPLES_OK:
	case PGRES_COMMAND_OK:
		ps->res = res;
		ps->nrows = PQntuples(res);
		ps->row = -1;
		ps->ran = 1;
		pg->changes = *PQcmdTuples(res) ? atoll(PQcmdTuples(res)) : 0;
		if (PQresultStatus(res) == PGRES_COMMAND_OK ||
		    strncmp(PQcmdStatus(res), "SELECT", 6)) {
			pg->total += pg->changes;
			if (pg->changes && s->db->tx_depth == 0) /* a write of its own: committed */
				raise_generation(pg);
		}
		return 0;
	default:
		rc = fail(s->db, res, MSG_N_DB_STATEMENT, e);
		PQclear(res);
		return rc;
	}
}

static int pg_step(struct db_stmt *s, struct err *e)
{
	struct pg_stmt *ps = stmt_of(s);
	int rc;

	if (!ps->ran) {
		rc = run(s, e);
		if (rc)
			return rc;
	}
	if (ps->row + 1 < ps->nrows) {
		ps->row++;
		return DB_ROW;
	}
	ps->row = ps->nrows;
	return DB_DONE;
}

static int in_row(struct pg_stmt *ps, int i)
{
	return ps->res && ps->row >= 0 && ps->row < ps->nrows && i >= 0 && i < PQnfields(ps->res);
}

static const char *pg_column_text(struct db_stmt *s, int i)
{
	struct pg_stmt *ps = stmt_of(s);

	if (!in_row(ps, i) || PQgetisnull(ps->res, ps->row, i))
		return NULL;
	return PQgetvalue(ps->res, ps->row, i);
}

static long long pg_column_int(struct db_stmt *s, int i)
{
	const char *v = pg_column_text(s, i);

	return v ? strtoll(v, NULL, 10) : 0;
}

static int pg_column_is_null(struct db_stmt *s, int i)
{
	struct pg_stmt *ps = stmt_of(s);

	return !in_row(ps, i) || PQgetisnull(ps->res, ps->row, i);
}

static int pg_column_count(struct db_stmt *s)
{
	struct pg_stmt *ps = stmt_of(s);

	return ps->res ? PQnfields(ps->res) : 0;
}

static const char *pg_column_name(struct db_stmt *s, int i)
{
	struct pg_stmt *ps = stmt_of(s);

	return ps->res && i >= 0 && i < PQnfields(ps->res) ? PQfname(ps->res, i) : NULL;
}

static int pg_column_kind(struct db_stmt *s, int i)
{
	struct pg_stmt *ps = stmt_of(s);

	if (pg_column_is_null(s, i))
		return DB_NULL;
	switch (PQftype(ps->res, i)) {
	case PG_INT8:
	case PG_INT4:
	case PG_INT2:
		return DB_INT;
	case PG_TEXT:
	case PG_VARCHAR:
	case PG_NAME:
		return DB_TEXT;
	default:
		return DB_OTHER;
	}
}

static void pg_finalize(struct db_stmt *s)
{
	struct pg_stmt *ps;
	struct pg *pg;

	if (!s)
		return;
	ps = stmt_of(s);
	pg = pg_of(s->db);
	pg_reset(s);
	if (ps->kept && ps->gen == pg->gen && PQstatus(pg->conn) == CONNECTION_OK) {
		char sql[48];
		snprintf(sql, sizeof(sql), "DEALLOCATE %s", ps->name);
		PQclear(PQexec(pg->conn, sql));
	}
	free(ps->params);
	free(ps->sql);
	free(ps);
	free(s);
}

static int pg_exec(struct db *db, const char *sql, struct err *e)
{
	struct pg *pg = pg_of(db);
	PGresult *res;
	int rc;

	/* a transaction begun on a lost connection begins on a new one */
	if (strncmp(sql, "ROLLBACK", 8)) {
		rc = revive(db, e);
		if (rc)
			return rc;
	}
	if (!strncmp(sql, "BEGIN", 5))
		pg->total_begun = pg->total;
	else if (!strcmp(sql, "COMMIT") && pg->total != pg->total_begun)
		raise_generation(pg); /* it wrote: in the same transaction as the writes */
	res = PQexec(pg->conn, sql);
	switch (PQresultStatus(res)) {
	case PGRES_COMMAND_OK:
	case PGRES_TUPLES_OK:
	case PGRES_EMPTY_QUERY:
		rc = 0;
		break;
	default:
		rc = fail(db, res, MSG_N_DB_STATEMENT, e);
	}
	PQclear(res);
	return rc;
}

/* The one number sql answers, or none when it answers otherwise. */
static long long one_number(struct pg *pg, const char *sql, long long none)
{
	PGresult *res;
	long long v = none;

	if (PQstatus(pg->conn) != CONNECTION_OK)
		return none;
	res = PQexec(pg->conn, sql);
	if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1 &&
	    !PQgetisnull(res, 0, 0))
		v = atoll(PQgetvalue(res, 0, 0));
	PQclear(res);
	return v;
}

static long long pg_last_id(struct db *db)
{
	return one_number(pg_of(db), "SELECT lastval()", 0);
}

static long long pg_changes(struct db *db)
{
	return pg_of(db)->changes;
}

static long long pg_total_changes(struct db *db)
{
	return pg_of(db)->total;
}

/* The data's generation: raised by every writing transaction of every server (-1: it cannot
 * be read, and nothing kept is trusted). */
static long long pg_data_version(struct db *db)
{
	return one_number(pg_of(db), "SELECT n FROM generation", -1);
}

static int pg_has_table(struct db *db, const char *name, struct err *e)
{
	struct db_stmt *s = NULL;
	int rc;

	rc = pg_prepare(db,
			name ? "SELECT 1 FROM information_schema.tables WHERE table_schema = "
			       "current_schema() AND table_name = ?"
			     : "SELECT 1 FROM information_schema.tables WHERE table_schema = "
			       "current_schema()",
			&s, e);
	if (rc)
		return rc;
	if (name && pg_bind_text(s, 1, name)) {
		pg_finalize(s);
		return err_fail(e, ERR_DB, NULL, MSG_E_DB_BIND);
	}
	rc = pg_step(s, e);
	pg_finalize(s);
	return rc < 0 ? rc : rc == DB_ROW;
}

/* The identity of table's column id, if it has one, set to follow its largest id. */
static int pg_ids_follow(struct db *db, const char *table, struct err *e)
{
	struct db_stmt *s = NULL;
	int rc;

	rc = db_run(db, &s, e,
		    "SELECT 1 FROM information_schema.columns WHERE table_schema = "
		    "current_schema() AND table_name = ? AND column_name = 'id' AND "
		    "is_identity = 'YES'",
		    "s", table);
	db_finalize(s);
	if (rc != DB_ROW)
		return rc < 0 ? rc : 0;
	/* the table's name is one of the store's own (store_copy_tables), never input */
	{
		char sql[256];
		snprintf(sql, sizeof(sql),
			 "SELECT setval(pg_get_serial_sequence('%s', 'id'), MAX(id)) FROM %s "
			 "HAVING MAX(id) IS NOT NULL",
			 table, table);
		rc = db_run(db, NULL, e, sql, "");
	}
	return rc < 0 ? rc : 0;
}

static int pg_bulk_begin(struct db *db, const char *table, const char *cols, struct err *e)
{
	struct pg *pg = pg_of(db);
	PGresult *res;
	struct buf sql;
	int rc = revive(db, e);

	if (rc)
		return rc;
	buf_init(&sql, 0);
	if (buf_printf(&sql, "COPY %s (%s) FROM STDIN", table, cols)) {
		buf_release(&sql);
		return err_fail(e, ERR_NOMEM, NULL, MSG_E_NOMEM);
	}
	res = PQexec(pg->conn, sql.data);
	buf_release(&sql);
	if (PQresultStatus(res) != PGRES_COPY_IN) {
		rc = fail(db, res, MSG_N_DB_STATEMENT, e);
		PQclear(res);
		return rc;
	}
	PQclear(res);
	buf_release(&pg->bulk);
	buf_init(&pg->bulk, 0);
	pg->bulk_failed = 0;
	return 0;
}

/* What the bulk load gathered, sent. */
static int bulk_send(struct db *db, struct err *e)
{
	struct pg *pg = pg_of(db);

	if (pg->bulk.len && PQputCopyData(pg->conn, pg->bulk.data, (int)pg->bulk.len) != 1) {
		pg->bulk_failed = 1;
		return fail(db, NULL, MSG_N_DB_STATEMENT, e);
	}
	buf_reset(&pg->bulk);
	return 0;
}

/* One row in COPY's text format: values apart by tabs, \N for NULL, a backslash, tab,
 * newline or carriage return in a value escaped. */
static int pg_bulk_row(struct db *db, const char *const *values, int n, struct err *e)
{
	struct pg *pg = pg_of(db);
	struct buf *b = &pg->bulk;
	int i;

	for (i = 0; i < n; i++) {
		const char *v = values[i], *run;
		if (i)
			buf_addch(b, '\t');
		if (!v) {
			buf_addstr(b, "\\N");
			continue;
		}
		for (run = v; *v; v++) {
			char c = *v == '\\'   ? '\\'
				 : *v == '\t' ? 't'
				 : *v == '\n' ? 'n'
				 : *v == '\r' ? 'r'
					      : 0;
			if (!c)
				continue;
			buf_add(b, run, (size_t)(v - run));
			buf_addch(b, '\\');
			buf_addch(b, c);
			run = v + 1;
		}
		buf_add(b, run, (size_t)(v - run));
	}
	buf_addch(b, '\n');
	if (buf_status(b)) {
		pg->bulk_failed = 1;
		return err_fail(e, ERR_NOMEM, NULL, MSG_E_NOMEM);
	}
	return b->len >= PG_BULK_CHUNK ? bulk_send(db, e) : 0;
}

static int pg_bulk_end(struct db *db, struct err *e)
{
	struct pg *pg = pg_of(db);
	struct err ignored = ERR_INIT;
	PGresult *res;
	int rc = pg->bulk_failed ? 0 : bulk_send(db, e);

	/* a load that failed on our side ends with an error: the server keeps none of it */
	if (PQputCopyEnd(pg->conn, pg->bulk_failed ? "cdcf stopped the load" : NULL) != 1 && !rc)
		rc = fail(db, NULL, MSG_N_DB_STATEMENT, e);
	while ((res = PQgetResult(pg->conn))) {
		if (PQresultStatus(res) == PGRES_COMMAND_OK) {
			pg->changes = *PQcmdTuples(res) ? atoll(PQcmdTuples(res)) : 0;
			pg->total += pg->changes;
		} else if (!rc)
			rc = fail(db, res, MSG_N_DB_STATEMENT, pg->bulk_failed ? &ignored : e);
		PQclear(res);
	}
	if (pg->bulk_failed && !rc) /* e says why already: the row that failed */
		rc = ERR_DB;
	buf_release(&pg->bulk);
	pg->bulk_failed = 0;
	return rc;
}

const struct db_driver db_pg_driver = {
    .name = "postgresql",
    .open = pg_open,
    .close = pg_close,
    .prepare = pg_prepare,
    .bind_text = pg_bind_text,
    .bind_int = pg_bind_int,
    .bind_null = pg_bind_null,
    .step = pg_step,
    .column_text = pg_column_text,
    .column_int = pg_column_int,
    .column_is_null = pg_column_is_null,
    .column_count = pg_column_count,
    .column_name = pg_column_name,
    .column_kind = pg_column_kind,
    .defer_fks_sql = "SET CONSTRAINTS ALL DEFERRED",
    .finalize = pg_finalize,
    .exec = pg_exec,
    .last_id = pg_last_id,
    .changes = pg_changes,
    .begin_sql = "BEGIN; SELECT pg_advisory_xact_lock(" PG_WRITE_LOCK ")",
    .id_pk = "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY",
    .without_rowid = "",
    .fk_suffix = " DEFERRABLE INITIALLY IMMEDIATE",
    .has_table = pg_has_table,
    .tune = NULL,
    .prepare_kept = pg_prepare_kept,
    .reset = pg_reset,
    .total_changes = pg_total_changes,
    .data_version = pg_data_version,
    .copy_to_file = NULL,
    .snapshot_sql = "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
    .ids_follow = pg_ids_follow,
    .analyze_sql = "ANALYZE",
    .bulk_begin = pg_bulk_begin,
    .bulk_row = pg_bulk_row,
    .bulk_end = pg_bulk_end,
};
