/*
 * db.c - generic wrappers over the driver: dispatch, nested transactions by
 * counting, and the db_run one-shot helper.
 */
#include "store/db.h"

#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db_int.h"
#include "util/xalloc.h"

int db_is_postgres(const char *conninfo)
{
	return !strncmp(conninfo, "postgres://", 11) || !strncmp(conninfo, "postgresql://", 13);
}

static const struct db_driver *driver_for(const char *conninfo)
{
	return db_is_postgres(conninfo) ? &db_pg_driver : &db_sqlite_driver;
}

/* conninfo as messages may show it: a URL's password left out
 * ("postgres://user:secret@host/db" -> "postgres://user@host/db"). */
static char *shown_conninfo(const char *conninfo)
{
	const char *from = strstr(conninfo, "://"), *end, *at = NULL, *colon = NULL, *p;
	char *out;

	if (!db_is_postgres(conninfo) || !from)
		return xstrdup(conninfo);
	from += 3;
	end = from + strcspn(from, "/?"); /* the authority: [user[:password]@]host[:port] */
	for (p = from; p < end; p++)
		if (*p == '@')
			at = p;
	for (p = from; at && p < at && !colon; p++)
		if (*p == ':')
			colon = p;
	if (!colon)
		return xstrdup(conninfo);
	out = xmalloc(strlen(conninfo) + 1);
	memcpy(out, conninfo, (size_t)(colon - conninfo));
	memcpy(out + (colon - conninfo), at, strlen(at) + 1);
	return out;
}

int db_open(struct db **out, const char *conninfo, struct err *e)
{
	struct db *db;
	int rc;

	*out = NULL;
	if (!conninfo || !*conninfo)
		return err_fail(e, ERR_INVALID, NULL, MSG_E_NO_DATABASE);
	db = xcalloc(1, sizeof(*db));
	db->drv = driver_for(conninfo);
	db->path = shown_conninfo(conninfo);
	db->file_slot = -1;
	rc = db->drv->open(db, conninfo, e);
	if (rc) {
		free(db->path);
		free(db);
		return rc;
	}
	*out = db;
	return 0;
}

/* Finalize the kept statements (a connection with statements left is not closed). */
static void cache_clear(struct db *db)
{
	size_t i;

	for (i = 0; i < db->n_cache; i++) {
		db->drv->finalize(db->cache[i].s);
		free(db->cache[i].sql);
	}
	db->n_cache = 0;
}

void db_close(struct db *db)
{
	if (!db)
		return;
	if (db->tx_depth > 0 && !db->tx_failed)
		db->drv->exec(db, "ROLLBACK", NULL);
	cache_clear(db);
	db->drv->close(db);
	free(db->path);
	free(db);
}

static size_t sql_hash(const char *s)
{
	size_t h = (size_t)14695981039346656037ULL;

	while (*s)
		h = (h ^ (unsigned char)*s++) * (size_t)1099511628211ULL;
	return h;
}

/* A free place in the cache: a new one, or the idle one used least recently (its
 * statement finalized); NULL when every kept statement is in use. */
static struct db_kept *cache_room(struct db *db)
{
	struct db_kept *k = NULL;
	size_t i;

	if (db->n_cache < DB_STMT_CACHE_MAX)
		return &db->cache[db->n_cache++];
	for (i = 0; i < db->n_cache; i++)
		if (!db->cache[i].busy && (!k || db->cache[i].used < k->used))
			k = &db->cache[i];
	if (k) {
		db->drv->finalize(k->s);
		free(k->sql);
		memset(k, 0, sizeof(*k));
	}
	return k;
}

static int handed_out(struct db *db, struct db_kept *k, struct db_stmt **out)
{
	k->busy = 1;
	k->used = ++db->tick;
	*out = k->s;
	return 0;
}

int db_prepare(struct db *db, const char *sql, struct db_stmt **out, struct err *e)
{
	struct db_kept *k;
	size_t i, h;
	int rc;

	*out = NULL;
	if (db->tx_failed)
		return err_fail(e, ERR_DB, NULL, MSG_E_TX_REFUSED);
	if (!db->drv->prepare_kept)
		return db->drv->prepare(db, sql, out, e);
	/* the same literal asked for again (a loop of inserts): found without hashing it */
	for (i = 0; i < db->n_cache; i++) {
		k = &db->cache[i];
		if (k->text == sql && !k->busy && !strcmp(k->sql, sql))
			return handed_out(db, k, out);
	}
	h = sql_hash(sql);
	for (i = 0; i < db->n_cache; i++) {
		k = &db->cache[i];
		if (k->hash != h || strcmp(k->sql, sql))
			continue;
		if (k->busy) /* the same text inside a loop over its rows */
			break;
		k->text = sql;
		return handed_out(db, k, out);
	}
	k = i < db->n_cache ? NULL : cache_room(db);
	if (!k) {
		rc = db->drv->prepare(db, sql, out, e);
		if (!rc)
			(*out)->slot = 0;
		return rc;
	}
	rc = db->drv->prepare_kept(db, sql, &k->s, e);
	if (rc) { /* the place goes back: the last kept statement moves into it */
		*k = db->cache[--db->n_cache];
		if (k != &db->cache[db->n_cache])
			k->s->slot = (size_t)(k - db->cache) + 1;
		return rc;
	}
	k->sql = xstrdup(sql);
	k->text = sql;
	k->hash = h;
	k->busy = 1;
	k->used = ++db->tick;
	k->s->slot = (size_t)(k - db->cache) + 1;
	*out = k->s;
	return 0;
}

int db_bind_text(struct db_stmt *s, int i, const char *v)
{
	return s->db->drv->bind_text(s, i, v);
}

int db_bind_int(struct db_stmt *s, int i, long long v)
{
	return s->db->drv->bind_int(s, i, v);
}

int db_bind_null(struct db_stmt *s, int i)
{
	return s->db->drv->bind_null(s, i);
}

int db_step(struct db_stmt *s, struct err *e)
{
	return s->db->drv->step(s, e);
}

const char *db_column_text(struct db_stmt *s, int i)
{
	return s->db->drv->column_text(s, i);
}

long long db_column_int(struct db_stmt *s, int i)
{
	return s->db->drv->column_int(s, i);
}

int db_column_is_null(struct db_stmt *s, int i)
{
	return s->db->drv->column_is_null(s, i);
}

int db_column_count(struct db_stmt *s)
{
	return s->db->drv->column_count(s);
}

const char *db_column_name(struct db_stmt *s, int i)
{
	return s->db->drv->column_name(s, i);
}

int db_column_kind(struct db_stmt *s, int i)
{
	return s->db->drv->column_kind(s, i);
}

void db_finalize(struct db_stmt *s)
{
	if (!s)
		return;
	if (!s->slot) {
		s->db->drv->finalize(s);
		return;
	}
	s->db->drv->reset(s);
	s->db->cache[s->slot - 1].busy = 0;
}

int db_exec(struct db *db, const char *sql, struct err *e)
{
	if (db->tx_failed)
		return err_fail(e, ERR_DB, NULL, MSG_E_TX_REFUSED);
	return db->drv->exec(db, sql, e);
}

long long db_last_id(struct db *db)
{
	return db->drv->last_id(db);
}

static _Atomic unsigned long long generation = 1;

int db_generation(struct db *db, unsigned long long *out)
{
	long long v, c;

	if (!db->drv->data_version || !db->drv->total_changes)
		return -1;
	v = db->drv->data_version(db);
	c = db->drv->total_changes(db);
	if (v < 0)
		return -1;
	if (!db->seen || v != db->seen_version || c != db->seen_changes) {
		db->seen = 1;
		db->seen_version = v;
		db->seen_changes = c;
		atomic_fetch_add(&generation, 1);
	}
	*out = atomic_load(&generation);
	return 0;
}

long long db_changes(struct db *db)
{
	return db->drv->changes(db);
}

int db_has_table(struct db *db, const char *name, struct err *e)
{
	return db->drv->has_table(db, name, e);
}

int db_analyze(struct db *db, const char *tables, struct err *e)
{
	size_t n;
	char *sql;
	int rc;

	if (!db->drv->analyze_sql)
		return 0;
	n = strlen(db->drv->analyze_sql) + strlen(tables) + 2;
	sql = xmalloc(n);
	snprintf(sql, n, "%s %s", db->drv->analyze_sql, tables);
	rc = db->drv->exec(db, sql, e);
	free(sql);
	return rc;
}

int db_bulk_supported(const struct db *db)
{
	return db->drv->bulk_begin != NULL;
}

int db_bulk_begin(struct db *db, const char *table, const char *cols, struct err *e)
{
	return db->drv->bulk_begin(db, table, cols, e);
}

int db_bulk_row(struct db *db, const char *const *values, int n, struct err *e)
{
	return db->drv->bulk_row(db, values, n, e);
}

int db_bulk_end(struct db *db, struct err *e)
{
	return db->drv->bulk_end(db, e);
}

int db_tune(struct db *db, struct err *e)
{
	return db->drv->tune ? db->drv->tune(db, e) : 0;
}

int db_begin(struct db *db, struct err *e)
{
	int rc;

	if (db->tx_failed)
		return err_fail(e, ERR_DB, NULL, MSG_E_TX_NO_BEGIN);
	if (db->tx_depth == 0) {
		rc = db->drv->exec(db, db->drv->begin_sql, e);
		if (rc) {
			/* a begin that failed half-way leaves no transaction open: on PostgreSQL
			 * BEGIN succeeded and the lock after it did not (busy), and the connection
			 * would refuse every later statement */
			db->drv->exec(db, "ROLLBACK", NULL);
			return rc;
		}
		db->tx_serial++;
	}
	db->tx_depth++;
	return 0;
}

int db_commit(struct db *db, struct err *e)
{
	int rc;

	if (db->tx_depth <= 0)
		return err_fail(e, ERR_INTERNAL, NULL, MSG_E_TX_NO_TX);
	db->tx_depth--;
	if (db->tx_failed) {
		if (db->tx_depth == 0)
			db->tx_failed = 0;
		return err_fail(e, ERR_DB, NULL, MSG_E_TX_ROLLED_BACK);
	}
	if (db->tx_depth > 0)
		return 0;
	if (db->before_commit && !db->in_before_commit) {
		/* still inside the transaction: what the hook begins and commits nests */
		db->tx_depth++;
		db->in_before_commit = 1;
		rc = db->before_commit(db->before_commit_ctx, e);
		db->in_before_commit = 0;
		db->tx_depth--;
		if (!rc && db->tx_failed) {
			db->tx_failed = 0;
			rc = err_fail(e, ERR_DB, NULL, MSG_E_TX_ROLLED_BACK);
		}
		if (rc) {
			db->drv->exec(db, "ROLLBACK", NULL);
			return rc;
		}
	}
	rc = db->drv->exec(db, "COMMIT", e);
	if (rc)
		db->drv->exec(db, "ROLLBACK", NULL);
	return rc;
}

void db_set_before_commit(struct db *db, int (*fn)(void *ctx, struct err *e), void *ctx)
{
	db->before_commit = fn;
	db->before_commit_ctx = ctx;
}

void db_rollback(struct db *db)
{
	if (db->tx_depth <= 0)
		return;
	db->tx_depth--;
	if (!db->tx_failed)
		db->drv->exec(db, "ROLLBACK", NULL);
	db->tx_failed = db->tx_depth > 0;
}

int db_run(struct db *db, struct db_stmt **out, struct err *e, const char *sql, const char *fmt,
	   ...)
{
	struct db_stmt *s = NULL;
	va_list ap;
	int rc, i;

	if (out)
		*out = NULL;
	rc = db_prepare(db, sql, &s, e);
	if (rc)
		return rc;
	va_start(ap, fmt);
	for (i = 0; fmt && fmt[i] && !rc; i++) {
		switch (fmt[i]) {
		case 's':
			rc = db_bind_text(s, i + 1, va_arg(ap, const char *));
			break;
		case 'i':
			rc = db_bind_int(s, i + 1, va_arg(ap, long long));
			break;
		case 'n':
			rc = db_bind_null(s, i + 1);
			break;
		default:
			rc = err_fail(e, ERR_INTERNAL, NULL, MSG_E_DB_FORMAT_CHAR, fmt[i]);
			break;
		}
		if (rc && rc != ERR_INTERNAL)
			rc = err_fail(e, ERR_DB, NULL, MSG_E_DB_BIND_N, (int)i + 1);
	}
	va_end(ap);
	if (rc)
		goto out;
	rc = db_step(s, e);
	if (rc == DB_ROW && out) {
		*out = s;
		s = NULL;
	}
out:
	db_finalize(s);
	return rc;
}
