/* fixture.c - see fixture.h. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "fixture.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libpq-fe.h>
#include <sqlite3.h>

#include "util/buf.h"
#include "util/xalloc.h"

#define FIX_DUMP_MAX ((size_t)64 << 20) /* what one digest reads at most */

/* ---- PostgreSQL (CDCF_TEST_PG: the folder of a server of tests/pg/server.sh) ----
 * Each fixture's database is a new database on that server, copied from a template this
 * process migrates once; tear-down drops it, and the template goes at exit. */

static PGconn *pg_admin;     /* to the server's "postgres" database */
static char pg_server[96];   /* postgres://cdcf@127.0.0.1:PORT */
static char pg_template[48]; /* this process's migrated, empty database */
static unsigned pg_made;     /* databases made so far, for their names */

int fixture_on_postgres(void)
{
	const char *d = getenv("CDCF_TEST_PG");
	return d && *d;
}

void fixture_sqlite_only(void)
{
	if (fixture_on_postgres()) {
		fprintf(stderr, "SKIP on PostgreSQL: this test is about SQLite (its files, its "
				"older schemas, its settings)\n");
		skip();
	}
}

/* One statement on the admin connection; 0 or -1 (the server's message printed). */
static int pg_admin_exec(const char *sql)
{
	PGresult *r = PQexec(pg_admin, sql);
	int ok = PQresultStatus(r) == PGRES_COMMAND_OK;

	if (!ok)
		fprintf(stderr, "fixture: %s: %s", sql, PQerrorMessage(pg_admin));
	PQclear(r);
	return ok ? 0 : -1;
}

static void pg_drop(const char *name)
{
	char sql[128];

	snprintf(sql, sizeof(sql), "DROP DATABASE IF EXISTS %s WITH (FORCE)", name);
	pg_admin_exec(sql);
}

static void pg_at_exit(void)
{
	if (pg_template[0])
		pg_drop(pg_template);
	PQfinish(pg_admin);
	pg_admin = NULL;
}

/* The server's URL (DIR/url) and the admin connection, once per process. */
static int pg_connect_admin(void)
{
	char path[512], conninfo[160];
	FILE *fp;
	size_t n;

	if (pg_admin)
		return 0;
	snprintf(path, sizeof(path), "%s/url", getenv("CDCF_TEST_PG"));
	fp = fopen(path, "r");
	n = fp ? fread(pg_server, 1, sizeof(pg_server) - 1, fp) : 0;
	if (fp)
		fclose(fp);
	while (n && (pg_server[n - 1] == '\n' || pg_server[n - 1] == ' '))
		n--;
	pg_server[n] = '\0';
	if (!n) {
		fprintf(stderr, "fixture: no PostgreSQL server in %s\n", path);
		return -1;
	}
	snprintf(conninfo, sizeof(conninfo), "%s/postgres", pg_server);
	pg_admin = PQconnectdb(conninfo);
	if (PQstatus(pg_admin) != CONNECTION_OK) {
		fprintf(stderr, "fixture: %s", PQerrorMessage(pg_admin));
		PQfinish(pg_admin);
		pg_admin = NULL;
		return -1;
	}
	PQclear(PQexec(pg_admin, "SET client_min_messages = warning"));
	atexit(pg_at_exit);
	return 0;
}

/* url = a new database holding cdcf's current schema and nothing else (bare: nothing at all). */
static int pg_new_database(char *url, size_t size, int bare)
{
	char name[48], sql[160];

	if (pg_connect_admin())
		return -1;
	if (!pg_template[0] && !bare) {
		struct store *st = NULL;
		struct err e = ERR_INIT;

		snprintf(name, sizeof(name), "tmpl_%ld", (long)getpid());
		pg_drop(name);
		snprintf(sql, sizeof(sql), "CREATE DATABASE %s", name);
		if (pg_admin_exec(sql))
			return -1;
		if ((size_t)snprintf(url, size, "%s/%s", pg_server, name) >= size)
			return -1;
		if (store_open(&st, url, 1, &e)) {
			fprintf(stderr, "fixture: %s\n", e.msg);
			pg_drop(name);
			return -1;
		}
		store_close(st);
		snprintf(pg_template, sizeof(pg_template), "%s", name);
	}
	snprintf(name, sizeof(name), "t_%ld_%u", (long)getpid(), pg_made++);
	snprintf(sql, sizeof(sql), "CREATE DATABASE %s TEMPLATE %s", name,
		 bare ? "template0" : pg_template);
	if (pg_admin_exec(sql))
		return -1;
	if ((size_t)snprintf(url, size, "%s/%s", pg_server, name) >= size)
		return -1;
	return 0;
}

/* Drops the database of a URL pg_new_database gave. */
static void pg_drop_url(const char *url)
{
	const char *name = strrchr(url, '/');

	if (name && pg_admin)
		pg_drop(name + 1);
}

/* Every row of every table of the database at url, as text in a fixed order, into b. */
static int pg_dump(const char *url, struct buf *b)
{
	PGconn *c = PQconnectdb(url);
	PGresult *names = NULL;
	int rc = -1, i, j;

	if (PQstatus(c) != CONNECTION_OK)
		goto out;
	names = PQexec(c, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
			  "ORDER BY tablename");
	if (PQresultStatus(names) != PGRES_TUPLES_OK)
		goto out;
	for (i = 0; i < PQntuples(names); i++) {
		char *id =
		    PQescapeIdentifier(c, PQgetvalue(names, i, 0), strlen(PQgetvalue(names, i, 0)));
		struct buf sql;
		PGresult *rows;

		buf_init(&sql, 256);
		buf_printf(&sql, "SELECT r::text FROM %s r ORDER BY 1", id ? id : "\"\"");
		PQfreemem(id);
		rows = PQexec(c, sql.data);
		buf_release(&sql);
		if (PQresultStatus(rows) != PGRES_TUPLES_OK) {
			PQclear(rows);
			goto out;
		}
		buf_printf(b, "[%s]\n", PQgetvalue(names, i, 0));
		for (j = 0; j < PQntuples(rows); j++)
			buf_printf(b, "%s\n", PQgetvalue(rows, j, 0));
		PQclear(rows);
	}
	rc = 0;
out:
	if (rc)
		fprintf(stderr, "fixture: digest: %s", PQerrorMessage(c));
	PQclear(names);
	PQfinish(c);
	return rc;
}

/* A fresh database in a new temporary directory; with_org: the organization, team,
 * provider and portfolio of FIX_*. */
static int setup(void **state, int with_org)
{
	struct fixture *f = xcalloc(1, sizeof(*f));
	struct err e = ERR_INIT;
	int rc;

	setenv("CDCF_NOW", FIX_NOW, 1);
	snprintf(f->dir, sizeof(f->dir), "/tmp/cdcf-unit-XXXXXX");
	if (!mkdtemp(f->dir)) {
		free(f);
		return -1;
	}
	snprintf(f->path, sizeof(f->path), "%s/t.db", f->dir);
	if (fixture_on_postgres() && pg_new_database(f->path, sizeof(f->path), 0)) {
		void *made = f;

		f->path[0] = '\0';
		fixture_teardown(&made);
		return -1;
	}
	rc = store_open(&f->st, f->path, 1, &e);
	if (!rc && with_org)
		rc = store_org_add(f->st, FIX_ORG, NULL, &f->org_id, &e);
	if (!rc && with_org)
		rc = store_party_add(f->st, PARTY_TEAM, f->org_id, FIX_TEAM, &f->team_id, &e);
	if (!rc && with_org)
		rc = store_party_add(f->st, PARTY_PROVIDER, f->org_id, FIX_PROVIDER,
				     &f->provider_id, &e);
	if (!rc && with_org)
		rc = store_portfolio_new(f->st, f->org_id, FIX_FW, &f->portfolio_id, &e);
	*state = f;
	if (rc) {
		fprintf(stderr, "fixture: %s\n", e.msg);
		fixture_teardown(state);
		return -1;
	}
	return 0;
}

int fixture_setup(void **state)
{
	return setup(state, 1);
}

int fixture_setup_empty(void **state)
{
	return setup(state, 0);
}

int fixture_open_other(struct fixture *f)
{
	struct err e = ERR_INIT;
	int rc;

	fixture_path(f, "other.db", f->other_path, sizeof(f->other_path));
	if (fixture_on_postgres() && pg_new_database(f->other_path, sizeof(f->other_path), 0)) {
		f->other_path[0] = '\0';
		return -1;
	}
	rc = store_open(&f->other, f->other_path, 1, &e);
	if (rc)
		fprintf(stderr, "fixture: %s\n", e.msg);
	return rc;
}

int fixture_new_database(struct fixture *f)
{
	fixture_path(f, "new.db", f->new_path, sizeof(f->new_path));
	if (fixture_on_postgres() && pg_new_database(f->new_path, sizeof(f->new_path), 1)) {
		f->new_path[0] = '\0';
		return -1;
	}
	return 0;
}

void fixture_path(const struct fixture *f, const char *name, char *out, size_t size)
{
	snprintf(out, size, "%s/%s", f->dir, name);
}

int fixture_teardown(void **state)
{
	struct fixture *f = *state;
	struct dirent *d;
	char p[512];
	DIR *dir;

	if (!f)
		return 0;
	store_close(f->st);
	if (f->other)
		store_close(f->other);
	if (fixture_on_postgres()) {
		if (f->path[0])
			pg_drop_url(f->path);
		if (f->other_path[0])
			pg_drop_url(f->other_path);
		if (f->new_path[0])
			pg_drop_url(f->new_path);
	}
	dir = opendir(f->dir);
	while (dir && (d = readdir(dir))) {
		if (!strcmp(d->d_name, ".") || !strcmp(d->d_name, ".."))
			continue;
		snprintf(p, sizeof(p), "%s/%s", f->dir, d->d_name);
		unlink(p);
	}
	if (dir)
		closedir(dir);
	rmdir(f->dir);
	free(f);
	*state = NULL;
	return 0;
}

/* Every row of one table, each value with its type, into b. */
static int dump_table(sqlite3 *db, const char *table, struct buf *b)
{
	sqlite3_stmt *s = NULL;
	char *sql = sqlite3_mprintf("SELECT * FROM \"%w\" ORDER BY rowid", table);
	int rc, i, n;

	rc = sql ? sqlite3_prepare_v2(db, sql, -1, &s, NULL) : SQLITE_NOMEM;
	sqlite3_free(sql);
	if (rc == SQLITE_ERROR) { /* a table WITHOUT ROWID: read in the order of its key */
		sql = sqlite3_mprintf("SELECT * FROM \"%w\"", table);
		rc = sql ? sqlite3_prepare_v2(db, sql, -1, &s, NULL) : SQLITE_NOMEM;
		sqlite3_free(sql);
	}
	if (rc != SQLITE_OK)
		return -1;
	buf_printf(b, "[%s]\n", table);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		n = sqlite3_column_count(s);
		for (i = 0; i < n; i++) {
			const unsigned char *t = sqlite3_column_text(s, i);
			buf_printf(b, "%d:%s\x1f", sqlite3_column_type(s, i),
				   t ? (const char *)t : "");
		}
		buf_addch(b, '\n');
	}
	sqlite3_finalize(s);
	return rc == SQLITE_DONE ? 0 : -1;
}

void fixture_digest(const struct fixture *f, char out[65])
{
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;
	struct buf b, names;
	size_t at;

	buf_init(&b, FIX_DUMP_MAX);
	buf_init(&names, FIX_DUMP_MAX);
	snprintf(out, 65, "unreadable");
	if (fixture_on_postgres()) {
		if (!pg_dump(f->path, &b))
			store_sha256_hex(b.data ? b.data : "", b.len, out);
		goto out;
	}
	if (sqlite3_open_v2(f->path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db,
			       "SELECT name FROM sqlite_master WHERE type = 'table' "
			       "AND name NOT LIKE 'sqlite_%' ORDER BY name",
			       -1, &s, NULL) != SQLITE_OK)
		goto out;
	while (sqlite3_step(s) == SQLITE_ROW) {
		buf_addstr(&names, (const char *)sqlite3_column_text(s, 0));
		buf_addch(&names, '\n');
	}
	sqlite3_finalize(s);
	s = NULL;
	for (at = 0; names.data && at < names.len;) {
		char *nl = strchr(names.data + at, '\n');
		*nl = '\0';
		if (dump_table(db, names.data + at, &b))
			goto out;
		at = (size_t)(nl - names.data) + 1;
	}
	store_sha256_hex(b.data ? b.data : "", b.len, out);
out:
	sqlite3_finalize(s);
	sqlite3_close(db);
	buf_release(&b);
	buf_release(&names);
}

long long fixture_count(const struct fixture *f, const char *table)
{
	struct db_stmt *s = NULL;
	struct err e = ERR_INIT;
	char sql[128];
	long long n = -1;

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s", table);
	if (db_run(f->st->db, &s, &e, sql, "") == DB_ROW)
		n = db_column_int(s, 0);
	db_finalize(s);
	return n;
}

void fixture_says(const struct err *e, const char *want_text, int exact)
{
	assert_true(e->msg[0] != '\0');
	if (!want_text)
		return;
	if (exact)
		assert_string_equal(e->msg, want_text);
	else if (!strstr(e->msg, want_text))
		fail_msg("message '%s' lacks '%s'", e->msg, want_text);
}

void fixture_ok(int rc, const struct err *e)
{
	if (rc)
		fprintf(stderr, "unexpected error %d: %s (field '%s')\n", rc, e->msg, e->field);
	assert_int_equal(rc, 0);
}
