/* Unit tests for store/: db.c, db_sqlite.c, schema.c and the store_*.c files. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "store/store.h"
#include "util/xalloc.h"

#include "fixture.h"

#define NOW "2025-01-02T03:04:05Z"

/* The shared fixture's empty database, with this file's clock. */
static int setup(void **state)
{
	int rc = fixture_setup_empty(state);

	setenv("CDCF_NOW", NOW, 1);
	return rc;
}

/* ---- helpers ---- */

static long long count(struct store *st, const char *sql)
{
	struct db_stmt *s = NULL;
	struct err e = ERR_INIT;
	long long n;

	assert_int_equal(db_run(st->db, &s, &e, sql, ""), DB_ROW);
	n = db_column_int(s, 0);
	db_finalize(s);
	return n;
}

/* The tables of the schema: what count() reads to find one by name (`name`). */
static const char *tables(void)
{
	return fixture_on_postgres()
		   ? "(SELECT tablename AS name FROM pg_tables WHERE schemaname "
		     "= 'public')"
		   : "(SELECT name FROM sqlite_master WHERE type = 'table' AND name "
		     "NOT LIKE 'sqlite_%')";
}

static char *slurp(const char *path, size_t *len)
{
	FILE *fp = fopen(path, "rb");
	char *data;
	long n;

	assert_non_null(fp);
	fseek(fp, 0, SEEK_END);
	n = ftell(fp);
	fseek(fp, 0, SEEK_SET);
	data = xmalloc((size_t)n + 1);
	assert_int_equal(fread(data, 1, (size_t)n, fp), (size_t)n);
	fclose(fp);
	*len = (size_t)n;
	return data;
}

static void spew(const char *path, const void *data, size_t len)
{
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(data, 1, len, fp), len);
	fclose(fp);
}

static long long add_org(struct store *st, const char *name, const char *parent)
{
	struct err e = ERR_INIT;
	long long id = 0;
	int rc = store_org_add(st, name, parent, &id, &e);

	if (rc)
		fail_msg("store_org_add(%s): %s", name, e.msg);
	return id;
}

static long long add_portfolio(struct store *st, long long org, const char *fw)
{
	struct err e = ERR_INIT;
	long long id = 0;

	if (store_portfolio_new(st, org, fw, &id, &e))
		fail_msg("store_portfolio_new: %s", e.msg);
	return id;
}

static void put(struct store *st, long long pid, struct entry *en, long long expect)
{
	struct err e = ERR_INIT;

	if (store_entry_put(st, pid, en, expect, &e))
		fail_msg("store_entry_put(%s): %s", en->ref_id, e.msg);
}

/* ---- opening ---- */

static void test_open_missing_and_reopen(void **state)
{
	struct fixture *f = *state;
	struct store *st = NULL;
	struct err e = ERR_INIT;
	char p[160], want[256];

	fixture_path(f, "x.db", p, sizeof(p));
	assert_int_equal(store_open(&st, p, 0, &e), ERR_NOT_FOUND);
	assert_null(st);
	/* no command in the message: the CLI adds "run 'cdcf init'" by the message id */
	snprintf(want, sizeof(want), "database '%s' does not exist", p);
	assert_string_equal(e.msg, want);
	assert_int_equal(e.id, MSG_E_DB_MISSING);
	assert_int_equal(access(p, F_OK), -1);

	/* the fixture's database reopens without create, at the current version */
	assert_int_equal(store_open(&st, f->path, 0, &e), 0);
	assert_int_equal(count(st, "SELECT CAST(value AS INTEGER) FROM meta WHERE key = "
				   "'schema_version'"),
			 STORE_SCHEMA_VERSION);
	assert_int_equal(count(st, "SELECT COUNT(*) FROM meta WHERE key = 'application' AND "
				   "value = 'cdcf'"),
			 1);
	/* both migrations ran: domain and web tables exist */
	snprintf(want, sizeof(want),
		 "SELECT COUNT(*) FROM %s t WHERE name IN ('organizations', 'entries', 'users', "
		 "'sessions', 'memberships', 'api_tokens', 'login_attempts')",
		 tables());
	assert_int_equal(count(st, want), 7);
	if (!fixture_on_postgres()) /* PostgreSQL always enforces them */
		assert_int_equal(count(st, "PRAGMA foreign_keys"), 1);
	store_close(st);
}

static void test_open_empty_file(void **state)
{
	struct fixture *f = *state;
	struct store *st = NULL;
	struct err e = ERR_INIT;
	char p[160];

	fixture_path(f, "empty.db", p, sizeof(p));
	spew(p, "", 0);
	assert_int_equal(store_open(&st, p, 0, &e), ERR_NOT_FOUND);
	assert_non_null(strstr(e.msg, "is empty"));
	assert_int_equal(e.id, MSG_E_DB_EMPTY);
	assert_int_equal(store_open(&st, p, 1, &e), 0);
	assert_int_equal(count(st, "SELECT COUNT(*) FROM organizations"), 0);
	store_close(st);
}

/* store_open must refuse path with "'path' is not a cdcf database" and leave it byte-identical. */
static void assert_refused_untouched(const char *p)
{
	struct store *st = NULL;
	struct err e = ERR_INIT;
	char want[256], side[200];
	size_t n1, n2;
	char *before = slurp(p, &n1), *after;

	assert_int_equal(store_open(&st, p, 1, &e), ERR_INVALID);
	assert_null(st);
	snprintf(want, sizeof(want), "'%s' is not a cdcf database", p);
	assert_string_equal(e.msg, want);
	after = slurp(p, &n2);
	assert_int_equal(n1, n2);
	assert_memory_equal(before, after, n1);
	snprintf(side, sizeof(side), "%s-wal", p);
	assert_int_equal(access(side, F_OK), -1);
	free(before);
	free(after);
}

static void test_refuse_random_bytes(void **state)
{
	struct fixture *f = *state;
	unsigned char data[4096];
	char p[160];
	unsigned x = 12345;
	size_t i;

	for (i = 0; i < sizeof(data); i++) {
		x = x * 1103515245u + 12345u;
		data[i] = (unsigned char)(x >> 16);
	}
	fixture_path(f, "random.bin", p, sizeof(p));
	spew(p, data, sizeof(data));
	assert_refused_untouched(p);
}

static void test_refuse_text_file(void **state)
{
	struct fixture *f = *state;
	char p[160];

	fixture_path(f, "text.txt", p, sizeof(p));
	spew(p, "hello\n", 6); /* shorter than a page: SQLite would call it empty */
	assert_refused_untouched(p);
	spew(p, "name,level\nA-1,basic\n", 21);
	assert_refused_untouched(p);
}

static void test_refuse_foreign_sqlite(void **state)
{
	struct fixture *f = *state;
	sqlite3 *h;
	char p[160];

	fixture_path(f, "foreign.db", p, sizeof(p));
	assert_int_equal(sqlite3_open(p, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h,
				      "CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('a')",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(h);
	assert_refused_untouched(p);

	/* a meta table that is not ours */
	fixture_path(f, "fake.db", p, sizeof(p));
	assert_int_equal(sqlite3_open(p, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h,
				      "CREATE TABLE meta (key TEXT, value TEXT); INSERT INTO meta "
				      "VALUES ('application', 'other')",
				      NULL, NULL, NULL),
			 SQLITE_OK);
	sqlite3_close(h);
	assert_refused_untouched(p);
}

static void test_refuse_newer_schema(void **state)
{
	struct fixture *f = *state;
	struct store *st = NULL;
	struct err e = ERR_INIT;

	assert_int_equal(db_run(f->st->db, NULL, &e,
				"UPDATE meta SET value = '99' WHERE key = 'schema_version'", ""),
			 DB_DONE);
	assert_int_equal(store_open(&st, f->path, 1, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "schema version 99, newer than this cdcf knows"));
	assert_null(st);
}

/* A version-1 database (no web tables yet) is brought to the current schema. */
static void test_migrate_from_version_1(void **state)
{
	static const char *const drops[] = {"DROP TABLE generation",
					    "DROP TABLE group_counts",
					    "DROP TABLE provider_links",
					    "DROP TABLE survey_agg_groups",
					    "DROP TABLE survey_agg_counts",
					    "DROP TABLE survey_agg",
					    "DROP TABLE survey_answers",
					    "DROP TABLE survey_responses",
					    "DROP TABLE survey_tokens",
					    "DROP TABLE survey_invites",
					    "DROP TABLE surveys",
					    "DROP TABLE organization_count",
					    "DROP TABLE member_counts",
					    "DROP TRIGGER organizations_count_insert",
					    "DROP TRIGGER organizations_count_delete",
					    "DROP TRIGGER portfolios_mark_insert",
					    "DROP TABLE stats_dirty",
					    "DROP TABLE portfolio_stats",
					    "DROP INDEX actions_owner",
					    "DROP TABLE imported_mappings",
					    "DROP TABLE imported_frameworks",
					    "DROP TABLE positions",
					    "DROP TABLE signin_attempts",
					    "DROP TABLE login_attempts",
					    "DROP TABLE api_tokens",
					    "DROP TABLE sessions",
					    "DROP TABLE memberships",
					    "DROP TABLE users",
					    "ALTER TABLE portfolios DROP COLUMN next_evaluation",
					    NULL};
	struct fixture *f = *state;
	struct err e = ERR_INIT;
	int i;

	fixture_sqlite_only();

	add_org(f->st, "Acme", NULL);
	for (i = 0; drops[i]; i++)
		assert_int_equal(db_run(f->st->db, NULL, &e, drops[i], ""), DB_DONE);
	assert_int_equal(db_run(f->st->db, NULL, &e,
				"UPDATE meta SET value = '1' WHERE key = 'schema_version'", ""),
			 DB_DONE);
	store_close(f->st);
	f->st = NULL;
	assert_int_equal(store_open(&f->st, f->path, 0, &e), 0);
	assert_int_equal(count(f->st, "SELECT CAST(value AS INTEGER) FROM meta WHERE key = "
				      "'schema_version'"),
			 STORE_SCHEMA_VERSION);
	assert_int_equal(count(f->st, "SELECT COUNT(*) FROM users"), 0);
	assert_int_equal(count(f->st, "SELECT COUNT(*) FROM organizations"), 1);
	assert_int_equal(count(f->st, "SELECT COUNT(*) FROM portfolios WHERE next_evaluation "
				      "IS NULL"),
			 0);
}

/* A version-2 database (before planned evaluations) keeps its portfolios,
 * which come out of migration 3 not planned and can then be planned. */
static void test_migrate_from_version_2(void **state)
{
	struct fixture *f = *state;
	struct err e = ERR_INIT;
	struct portfolio_ref *refs = NULL;
	struct portfolio p;
	size_t n = 0;
	long long acme, pid;

	fixture_sqlite_only();

	acme = add_org(f->st, "Acme", NULL);
	pid = add_portfolio(f->st, acme, "x1060-2021");
	/* what a version-2 database looks like: no next_evaluation column, no sign-ins */
	assert_int_equal(
	    db_run(f->st->db, NULL, &e, "ALTER TABLE portfolios DROP COLUMN next_evaluation", ""),
	    DB_DONE);
	static const char *const v3[] = {"DROP TABLE organization_count",
					 "DROP TABLE member_counts",
					 "DROP TRIGGER organizations_count_insert",
					 "DROP TRIGGER organizations_count_delete",
					 "DROP TRIGGER memberships_count_insert",
					 "DROP TRIGGER memberships_count_delete",
					 "DROP TRIGGER portfolios_mark_insert",
					 "DROP TABLE stats_dirty",
					 "DROP TABLE portfolio_stats",
					 "DROP INDEX actions_owner",
					 "DROP INDEX login_attempts_at",
					 NULL};
	int i;

	for (i = 0; v3[i]; i++)
		assert_int_equal(db_run(f->st->db, NULL, &e, v3[i], ""), DB_DONE);
	assert_int_equal(db_run(f->st->db, NULL, &e, "DROP INDEX memberships_team", ""), DB_DONE);
	assert_int_equal(db_run(f->st->db, NULL, &e, "DROP TABLE imported_mappings", ""), DB_DONE);
	assert_int_equal(db_run(f->st->db, NULL, &e, "DROP TABLE imported_frameworks", ""),
			 DB_DONE);
	assert_int_equal(db_run(f->st->db, NULL, &e, "DROP TABLE signin_attempts", ""), DB_DONE);
	assert_int_equal(db_run(f->st->db, NULL, &e, "DROP TABLE positions", ""), DB_DONE);
	assert_int_equal(
	    db_exec(f->st->db,
		    "DROP TABLE generation; DROP TABLE group_counts; DROP TABLE provider_links; "
		    "DROP TABLE survey_agg_groups; DROP TABLE survey_agg_counts; "
		    "DROP TABLE survey_agg; "
		    "DROP TABLE survey_answers; DROP TABLE survey_responses; "
		    "DROP TABLE survey_tokens; DROP TABLE survey_invites; DROP TABLE surveys;",
		    &e),
	    0);
	assert_int_equal(db_run(f->st->db, NULL, &e,
				"UPDATE meta SET value = '2' WHERE key = 'schema_version'", ""),
			 DB_DONE);
	store_close(f->st);
	f->st = NULL;
	assert_int_equal(store_open(&f->st, f->path, 0, &e), 0);
	assert_int_equal(count(f->st, "SELECT CAST(value AS INTEGER) FROM meta WHERE key = "
				      "'schema_version'"),
			 STORE_SCHEMA_VERSION);
	assert_int_equal(count(f->st, "SELECT COUNT(*) FROM portfolios WHERE next_evaluation "
				      "IS NULL"),
			 1);
	assert_int_equal(store_portfolio_list(f->st, acme, &refs, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_null(refs[0].next_evaluation);
	portfolio_ref_list_free(refs, n);
	assert_int_equal(store_portfolio_set_next_evaluation(f->st, pid, "2027-04-30", &e), 0);
	portfolio_init(&p);
	assert_int_equal(store_portfolio_load(f->st, pid, &p, &e), 0);
	assert_string_equal(p.next_evaluation, "2027-04-30");
	portfolio_release(&p);
}

/* A version-14 database keeps its survey answers through migration 15, which stores
 * them in key order and refuses an unknown assignment as before. */
static void test_migrate_survey_answers_from_version_14(void **state)
{
	struct fixture *f = *state;
	struct err e = ERR_INIT;

	fixture_sqlite_only();

	/* what a version-14 database looks like: answers with a rowid, no index by survey */
	assert_int_equal(
	    db_exec(f->st->db,
		    "DROP TABLE generation; DROP TABLE group_counts; DROP INDEX "
		    "survey_responses_survey; "
		    "DROP TABLE survey_answers; "
		    "CREATE TABLE survey_answers (response_id BIGINT NOT NULL REFERENCES "
		    "survey_responses (id) ON DELETE CASCADE, ref TEXT NOT NULL, implemented "
		    "INTEGER NOT NULL CHECK (implemented IN (0, 1)), level TEXT, assignment TEXT "
		    "CHECK (assignment IN ('insource', 'outsource', 'hybrid')), current_score "
		    "INTEGER, note TEXT, PRIMARY KEY (response_id, ref)); "
		    "INSERT INTO surveys (id, name, framework_id, created_by, created_at) VALUES "
		    "(1, 'Sector', 'x1060-2021', 'root', '2026-12-01T00:00:00Z'); "
		    "INSERT INTO survey_responses (id, survey_id, submitted_at, updated_at) VALUES "
		    "(7, 1, '2026-12-01T00:00:00Z', '2026-12-01T00:00:00Z'); "
		    "INSERT INTO survey_answers VALUES (7, 'B-2', 1, 'standard', 'hybrid', 3, "
		    "'shared SOC'), (7, 'A-1', 0, NULL, NULL, NULL, NULL); "
		    "UPDATE meta SET value = '14' WHERE key = 'schema_version';",
		    &e),
	    0);
	store_close(f->st);
	f->st = NULL;
	assert_int_equal(store_open(&f->st, f->path, 0, &e), 0);
	assert_int_equal(count(f->st, "SELECT CAST(value AS INTEGER) FROM meta WHERE key = "
				      "'schema_version'"),
			 STORE_SCHEMA_VERSION);
	assert_int_equal(count(f->st,
			       "SELECT COUNT(*) FROM survey_answers WHERE response_id = 7 "
			       "AND ((ref = 'B-2' AND implemented = 1 AND level = 'standard' "
			       "AND assignment = 'hybrid' AND current_score = 3 AND note = "
			       "'shared SOC') OR (ref = 'A-1' AND implemented = 0 AND level IS "
			       "NULL AND assignment IS NULL AND current_score IS NULL))"),
			 2);
	assert_int_equal(count(f->st, "SELECT COUNT(*) FROM sqlite_master WHERE name = "
				      "'survey_answers' AND sql LIKE '%WITHOUT ROWID'"),
			 1);
	assert_int_equal(count(f->st, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' "
				      "AND name = 'survey_responses_survey'"),
			 1);
	assert_true(db_run(f->st->db, NULL, &e,
			   "INSERT INTO survey_answers (response_id, ref, implemented, assignment) "
			   "VALUES (7, 'C-1', 1, 'elsewhere')",
			   "") < 0);
	err_clear(&e);
	assert_true(db_run(f->st->db, NULL, &e,
			   "INSERT INTO survey_answers (response_id, ref, implemented) VALUES (7, "
			   "'C-1', 2)",
			   "") < 0);
	err_clear(&e);
	assert_int_equal(db_run(f->st->db, NULL, &e,
				"INSERT INTO survey_answers (response_id, ref, implemented, "
				"assignment) VALUES (7, 'C-1', 1, 'outsource')",
				""),
			 DB_DONE);
}

/* store_copy names every table of a new database, each once (a table a migration adds
 * and the copy forgets would be lost by `cdcf db copy`). */
static void test_copy_tables(void **state)
{
	struct fixture *f = *state;
	size_t n, i, j;
	const char *const *t = store_copy_tables(&n);

	char sql[256];

	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM %s t", tables());
	assert_int_equal(count(f->st, sql), (long long)n);
	for (i = 0; i < n; i++) {
		snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM %s t WHERE name = '%s'", tables(),
			 t[i]);
		assert_int_equal(count(f->st, sql), 1);
		for (j = 0; j < i; j++)
			assert_string_not_equal(t[i], t[j]);
	}
}

/* A PostgreSQL server that does not answer: an error naming the database without the
 * password its URL gave. */
static void test_open_postgres_unreachable(void **state)
{
	struct store *st = NULL;
	struct err e = ERR_INIT;

	(void)state;
	assert_int_equal(
	    store_open(&st, "postgres://u:s3cret@127.0.0.1:1/cdcf?connect_timeout=2", 0, &e),
	    ERR_IO);
	assert_non_null(strstr(e.msg, "postgres://u@127.0.0.1:1/cdcf"));
	assert_null(strstr(e.msg, "s3cret"));
	assert_null(st);
}

/* SQLite keeps no memory statistics (a global mutex on every allocation): the fixture's
 * store, opened first, configured it so. */
static void test_no_memory_statistics(void **state)
{
	struct fixture *f = *state;
	struct err e = ERR_INIT;

	fixture_sqlite_only();

	assert_int_equal(db_run(f->st->db, NULL, &e, "SELECT COUNT(*) FROM organizations", ""),
			 DB_ROW);
	assert_int_equal(sqlite3_memory_used(), 0);
}

static void test_now(void **state)
{
	char now[32];

	(void)state;
	store_now(now);
	assert_string_equal(now, NOW);
	unsetenv("CDCF_NOW");
	store_now(now);
	assert_int_equal(strlen(now), 20);
	assert_int_equal(now[10], 'T');
	assert_int_equal(now[19], 'Z');
	setenv("CDCF_NOW", NOW, 1);
}

/* ---- db layer ---- */

static void test_db_run_and_nested_rollback(void **state)
{
	struct fixture *f = *state;
	struct db *db = f->st->db;
	struct db_stmt *s = NULL;
	struct err e = ERR_INIT;

	assert_int_equal(db_run(db, &s, &e, "SELECT ?, ?, ?", "sin", "x", 42LL), DB_ROW);
	assert_string_equal(db_column_text(s, 0), "x");
	assert_int_equal(db_column_int(s, 1), 42);
	assert_true(db_column_is_null(s, 2));
	assert_null(db_column_text(s, 2));
	db_finalize(s);

	/* outer transaction, a nested one that succeeds, then one that fails */
	assert_int_equal(db_begin(db, &e), 0);
	add_org(f->st, "Kept", NULL);
	assert_int_equal(db->tx_depth, 1);
	assert_int_equal(store_party_add(f->st, PARTY_TEAM, 9999, "SOC", NULL, &e), ERR_NOT_FOUND);
	assert_string_equal(e.msg, "unknown organization 9999");
	/* the inner failure rolled the whole transaction back: nothing more may run in it */
	assert_int_equal(db_exec(db, "SELECT 1", &e), ERR_DB);
	assert_int_equal(db_begin(db, &e), ERR_DB);
	db_rollback(db);
	assert_int_equal(db->tx_depth, 0);
	assert_int_equal(db->tx_failed, 0);
	assert_int_equal(count(f->st, "SELECT COUNT(*) FROM organizations"), 0);
	assert_int_equal(count(f->st, "SELECT COUNT(*) FROM audit_events"), 0);

	/* a commit after an inner rollback reports it and writes nothing */
	assert_int_equal(db_begin(db, &e), 0);
	add_org(f->st, "Also gone", NULL);
	assert_int_not_equal(store_org_add(f->st, "Also gone", NULL, NULL, &e), 0);
	assert_int_equal(db_commit(db, &e), ERR_DB);
	assert_int_equal(db->tx_depth, 0);
	assert_int_equal(count(f->st, "SELECT COUNT(*) FROM organizations"), 0);

	/* and the connection works normally afterwards */
	add_org(f->st, "After", NULL);
	assert_int_equal(count(f->st, "SELECT COUNT(*) FROM organizations"), 1);
}

/* The statement cache: a text prepared again reuses its statement with its bindings
 * cleared; the same text while its statement is open is a second statement; a failed
 * step leaves the kept statement usable; more texts than the cache holds all work; a
 * statement kept across a rollback and a schema change still answers. */
static void test_db_statement_cache(void **state)
{
	struct fixture *f = *state;
	struct db *db = f->st->db;
	struct db_stmt *s = NULL, *s2 = NULL, *first;
	struct err e = ERR_INIT;
	char sql[64];
	int i;

	assert_int_equal(db_prepare(db, "SELECT ?", &s, &e), 0);
	first = s;
	assert_int_equal(db_bind_text(s, 1, "bound"), 0);
	assert_int_equal(db_step(s, &e), DB_ROW);
	assert_string_equal(db_column_text(s, 0), "bound");
	/* the same text while s is open: another statement */
	assert_int_equal(db_prepare(db, "SELECT ?", &s2, &e), 0);
	assert_ptr_not_equal(s2, s);
	assert_int_equal(db_bind_int(s2, 1, 7), 0);
	assert_int_equal(db_step(s2, &e), DB_ROW);
	assert_int_equal(db_column_int(s2, 0), 7);
	db_finalize(s2);
	db_finalize(s);
	/* again: the kept statement, its binding cleared */
	assert_int_equal(db_prepare(db, "SELECT ?", &s, &e), 0);
	assert_ptr_equal(s, first);
	assert_int_equal(db_step(s, &e), DB_ROW);
	assert_true(db_column_is_null(s, 0));
	db_finalize(s);

	/* a step that fails (UNIQUE) leaves the statement ready for the next use */
	add_org(f->st, "Acme", NULL);
	for (i = 0; i < 2; i++)
		assert_int_equal(
		    db_run(db, NULL, &e,
			   "INSERT INTO organizations (name, created_at) VALUES (?, 'x')", "s",
			   "Acme"),
		    ERR_CONFLICT);
	assert_int_equal(db_run(db, NULL, &e,
				"INSERT INTO organizations (name, created_at) VALUES (?, 'x')", "s",
				"Other"),
			 DB_DONE);

	/* more texts than the cache holds, twice over: each answers its own */
	for (i = 0; i < 3 * DB_STMT_CACHE_MAX; i++) {
		snprintf(sql, sizeof(sql), "SELECT %d + ?", i);
		assert_int_equal(db_run(db, &s, &e, sql, "i", 1LL), DB_ROW);
		assert_int_equal(db_column_int(s, 0), i + 1);
		db_finalize(s);
	}
	assert_int_equal(db->n_cache, DB_STMT_CACHE_MAX);

	/* kept statements across a rolled-back transaction and a schema change */
	assert_int_equal(db_begin(db, &e), 0);
	assert_int_equal(db_run(db, NULL, &e,
				"INSERT INTO organizations (name, created_at) VALUES (?, 'x')", "s",
				"Gone"),
			 DB_DONE);
	db_rollback(db);
	assert_int_equal(count(f->st, "SELECT COUNT(*) FROM organizations"), 2);
	assert_int_equal(db_exec(db, "CREATE TABLE extra (x TEXT)", &e), 0);
	assert_int_equal(count(f->st, "SELECT COUNT(*) FROM organizations"), 2);
	assert_int_equal(db_exec(db, "DROP TABLE extra", &e), 0);
}

/* The engine's bulk loader (PostgreSQL's COPY; SQLite has none): every value comes back as
 * it went in, whatever it holds (tabs, newlines, backslashes, the text \N, none at all); a
 * row the table refuses fails the load at its end and leaves nothing. */
static void test_db_bulk(void **state)
{
	static const char *const rows[][3] = {
	    {"1", "plain", "x"},
	    {"2", "tab\there, new\nline, cr\r, back\\slash", NULL},
	    {"3", "\\N", ""},
	    {"4", "日本語 — ünïcode", "end\\"},
	};
	struct fixture *f = *state;
	struct db *db = f->st->db;
	struct db_stmt *s = NULL;
	struct err e = ERR_INIT;
	size_t i;

	if (!fixture_on_postgres()) {
		assert_false(db_bulk_supported(db));
		return;
	}
	assert_true(db_bulk_supported(db));
	assert_int_equal(
	    db_exec(db, "CREATE TABLE bulk (id BIGINT PRIMARY KEY, a TEXT, b TEXT)", &e), 0);
	assert_int_equal(db_begin(db, &e), 0);
	assert_int_equal(db_bulk_begin(db, "bulk", "id, a, b", &e), 0);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		assert_int_equal(db_bulk_row(db, rows[i], 3, &e), 0);
	assert_int_equal(db_bulk_end(db, &e), 0);
	assert_int_equal(db_commit(db, &e), 0);
	for (i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		assert_int_equal(
		    db_run(db, &s, &e, "SELECT a, b FROM bulk WHERE id = ?", "s", rows[i][0]),
		    DB_ROW);
		assert_string_equal(db_column_text(s, 0), rows[i][1]);
		if (rows[i][2])
			assert_string_equal(db_column_text(s, 1), rows[i][2]);
		else
			assert_true(db_column_is_null(s, 1));
		db_finalize(s);
	}

	/* id 1 again: refused at the end, and the transaction keeps nothing of the load */
	assert_int_equal(db_begin(db, &e), 0);
	assert_int_equal(db_bulk_begin(db, "bulk", "id, a, b", &e), 0);
	assert_int_equal(db_bulk_row(db, (const char *const[]){"5", "new", NULL}, 3, &e), 0);
	assert_int_equal(db_bulk_row(db, rows[0], 3, &e), 0);
	assert_int_equal(db_bulk_end(db, &e), ERR_CONFLICT);
	db_rollback(db);
	assert_int_equal(count(f->st, "SELECT COUNT(*) FROM bulk"), 4);
	/* the connection works on */
	assert_int_equal(db_exec(db, "DROP TABLE bulk", &e), 0);
}

static void test_db_errors(void **state)
{
	struct fixture *f = *state;
	struct err e = ERR_INIT;

	assert_int_equal(db_run(f->st->db, NULL, &e, "SELECT * FROM nope", ""), ERR_DB);
	assert_non_null(strstr(e.msg, fixture_on_postgres() ? "relation \"nope\" does not exist"
							    : "no such table: nope"));
	add_org(f->st, "Acme", NULL);
	/* a raw UNIQUE violation is a conflict */
	assert_int_equal(db_run(f->st->db, NULL, &e,
				"INSERT INTO organizations (name, created_at) VALUES ('Acme', 'x')",
				""),
			 ERR_CONFLICT);
	/* foreign keys are enforced */
	assert_int_equal(
	    db_run(f->st->db, NULL, &e, "INSERT INTO teams (org_id, name) VALUES (77, 'x')", ""),
	    ERR_CONFLICT);
}

/* ---- organizations ---- */

static void test_org(void **state)
{
	struct fixture *f = *state;
	struct store *st = f->st;
	struct err e = ERR_INIT;
	struct org o = {0}, *list = NULL;
	size_t n = 0;
	long long acme, sub, id;

	acme = add_org(st, "Acme", NULL);
	sub = add_org(st, "Acme Japan", "Acme");
	assert_true(acme > 0 && sub > acme);

	assert_int_equal(store_org_add(st, "Acme", NULL, &id, &e), ERR_CONFLICT);
	assert_string_equal(e.msg, "organization 'Acme' already exists");
	assert_int_equal(store_org_add(st, "Orphan", "Nope", &id, &e), ERR_NOT_FOUND);
	assert_string_equal(e.msg, "unknown organization 'Nope'");
	assert_int_equal(store_org_find(st, "Nope", &o, &e), ERR_NOT_FOUND);
	assert_string_equal(e.msg, "unknown organization 'Nope'");
	assert_int_equal(store_org_get(st, 424242, &o, &e), ERR_NOT_FOUND);
	assert_string_equal(e.msg, "unknown organization 424242");

	assert_int_equal(store_org_find(st, "Acme Japan", &o, &e), 0);
	assert_int_equal(o.id, sub);
	assert_int_equal(o.parent_id, acme);
	assert_string_equal(o.parent_name, "Acme");
	assert_string_equal(o.created_at, NOW);
	org_release(&o);

	assert_int_equal(store_org_rename(st, sub, "Acme KK", &e), 0);
	assert_int_equal(store_org_rename(st, sub, "Acme", &e), ERR_CONFLICT);
	assert_string_equal(e.msg, "organization 'Acme' already exists");
	assert_int_equal(store_org_get(st, sub, &o, &e), 0);
	assert_string_equal(o.name, "Acme KK");
	org_release(&o);

	/* parents: none, loops refused */
	assert_int_equal(store_org_set_parent(st, acme, sub, &e), ERR_INVALID);
	assert_string_equal(e.msg,
			    "'Acme KK' cannot be the parent of 'Acme': it belongs to 'Acme'");
	assert_int_equal(store_org_set_parent(st, acme, acme, &e), ERR_INVALID);
	assert_string_equal(e.msg, "organization 'Acme' cannot be its own parent");
	assert_int_equal(store_org_set_parent(st, sub, 0, &e), 0);
	assert_int_equal(store_org_get(st, sub, &o, &e), 0);
	assert_int_equal(o.parent_id, 0);
	assert_null(o.parent_name);
	org_release(&o);
	assert_int_equal(store_org_set_parent(st, acme, sub, &e), 0);

	add_org(st, "Beta", NULL);
	assert_int_equal(store_org_list(st, &list, &n, &e), 0);
	assert_int_equal(n, 3);
	assert_string_equal(list[0].name, "Acme");
	assert_string_equal(list[0].parent_name, "Acme KK");
	assert_string_equal(list[1].name, "Acme KK");
	assert_string_equal(list[2].name, "Beta");
	org_list_free(list, n);
}

static void test_name_checks(void **state)
{
	struct fixture *f = *state;
	struct err e = ERR_INIT;
	char name[STORE_NAME_MAX + 2];
	long long id;

	memset(name, 'a', sizeof(name));
	name[STORE_NAME_MAX + 1] = '\0';
	assert_int_equal(store_org_add(f->st, name, NULL, &id, &e), ERR_TOO_LARGE);
	assert_string_equal(e.msg, "organization name is longer than 200 bytes");
	name[STORE_NAME_MAX] = '\0';
	assert_int_equal(store_org_add(f->st, name, NULL, &id, &e), 0);

	assert_int_equal(store_org_add(f->st, "", NULL, &id, &e), ERR_INVALID);
	assert_string_equal(e.msg, "organization name must not be empty");
	assert_int_equal(store_org_add(f->st, "Bad\nName", NULL, &id, &e), ERR_INVALID);
	assert_string_equal(e.msg, "organization name must not contain control characters");
	assert_int_equal(store_org_add(f->st, "Bad\xff", NULL, &id, &e), ERR_INVALID);
	assert_string_equal(e.msg, "organization name is not valid UTF-8");
	assert_int_equal(store_org_add(f->st, "日本支社", NULL, &id, &e), 0);
	assert_int_equal(store_party_add(f->st, PARTY_TEAM, id, "\t", NULL, &e), ERR_INVALID);
	assert_string_equal(e.msg, "team name must not contain control characters");
	/* nothing of the refused calls was written */
	assert_int_equal(count(f->st, "SELECT COUNT(*) FROM organizations"), 2);
	assert_int_equal(count(f->st, "SELECT COUNT(*) FROM audit_events"), 2);
}

/* ---- teams and providers ---- */

static void test_parties(void **state)
{
	struct fixture *f = *state;
	struct store *st = f->st;
	struct err e = ERR_INIT;
	struct party *list = NULL;
	size_t n = 0;
	long long acme = add_org(st, "Acme", NULL), soc = 0, id = 0;

	assert_int_equal(store_party_add(st, PARTY_TEAM, acme, "SOC", &soc, &e), 0);
	assert_int_equal(store_party_add(st, PARTY_TEAM, acme, "CSIRT", NULL, &e), 0);
	assert_int_equal(store_party_add(st, PARTY_TEAM, acme, "SOC", &id, &e), ERR_CONFLICT);
	assert_string_equal(e.msg, "team 'SOC' already exists in 'Acme'");
	/* providers are a separate list */
	assert_int_equal(store_party_add(st, PARTY_PROVIDER, acme, "SOC", &id, &e), 0);
	assert_int_equal(store_party_add(st, PARTY_PROVIDER, acme, "SOC", &id, &e), ERR_CONFLICT);
	assert_string_equal(e.msg, "provider 'SOC' already exists in 'Acme'");

	assert_int_equal(store_party_find(st, PARTY_TEAM, acme, "SOC", &id, &e), 0);
	assert_int_equal(id, soc);
	assert_int_equal(store_party_find(st, PARTY_TEAM, acme, "Red", &id, &e), ERR_NOT_FOUND);
	assert_string_equal(e.msg, "unknown team 'Red' in 'Acme'");
	assert_int_equal(store_party_find(st, PARTY_PROVIDER, acme, "Z", &id, &e), ERR_NOT_FOUND);
	assert_string_equal(e.msg, "unknown provider 'Z' in 'Acme'");
	assert_int_equal(store_party_add(st, PARTY_TEAM, 555, "X", &id, &e), ERR_NOT_FOUND);

	assert_int_equal(store_party_list(st, PARTY_TEAM, acme, &list, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].name, "CSIRT");
	assert_string_equal(list[1].name, "SOC");
	assert_int_equal(list[1].org_id, acme);
	party_list_free(list, n);
}

/* ---- portfolios and entries ---- */

static void test_portfolio(void **state)
{
	struct fixture *f = *state;
	struct store *st = f->st;
	struct err e = ERR_INIT;
	struct portfolio_ref *refs = NULL;
	struct portfolio p;
	size_t n = 0;
	long long acme = add_org(st, "Acme", NULL), pid, id;

	pid = add_portfolio(st, acme, "x1060-2021");
	add_portfolio(st, acme, "first-csirt-2.1");
	assert_int_equal(store_portfolio_new(st, acme, "x1060-2021", &id, &e), ERR_CONFLICT);
	assert_string_equal(e.msg, "'Acme' already has a portfolio for 'x1060-2021'");
	assert_int_equal(store_portfolio_new(st, 999, "x1060-2021", &id, &e), ERR_NOT_FOUND);

	assert_int_equal(store_portfolio_find(st, acme, "x1060-2021", &id, &e), 0);
	assert_int_equal(id, pid);
	assert_int_equal(store_portfolio_find(st, acme, "sim3", &id, &e), ERR_NOT_FOUND);
	assert_string_equal(e.msg, "'Acme' has no portfolio for 'sim3'");
	assert_int_equal(e.id, MSG_E_NO_PORTFOLIO);

	assert_int_equal(store_portfolio_list(st, acme, &refs, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_string_equal(refs[0].framework_id, "first-csirt-2.1");
	assert_string_equal(refs[1].framework_id, "x1060-2021");
	assert_int_equal(refs[1].cycle, 1);
	assert_string_equal(refs[1].created_at, NOW);
	portfolio_ref_list_free(refs, n);

	portfolio_init(&p);
	assert_int_equal(store_portfolio_load(st, pid, &p, &e), 0);
	assert_int_equal(p.id, pid);
	assert_int_equal(p.org_id, acme);
	assert_string_equal(p.org_name, "Acme");
	assert_string_equal(p.framework_id, "x1060-2021");
	assert_int_equal(p.cycle, 1);
	assert_int_equal(p.n_entries, 0);
	assert_null(p.fw);
	portfolio_release(&p);
	assert_int_equal(store_portfolio_load(st, 31337, &p, &e), ERR_NOT_FOUND);
	assert_string_equal(e.msg, "unknown portfolio 31337");
}

/* The planned next evaluation: stored, loaded, listed, audited, refused when
 * not a real day, and a rewrite of the same date is no change at all. */
static void test_next_evaluation(void **state)
{
	static const char *const bad[] = {
	    "2026-02-30",	    "2025-02-29", "2026-13-01", "2026-4-1",
	    "2026-04-01T00:00:00Z", "tomorrow",	  "",		NULL};
	struct fixture *f = *state;
	struct store *st = f->st;
	struct err e = ERR_INIT;
	struct portfolio_ref *refs = NULL;
	struct audit_event *ev = NULL;
	struct portfolio p;
	size_t n = 0;
	long long acme = add_org(st, "Acme", NULL), pid, events;
	int i;

	pid = add_portfolio(st, acme, "x1060-2021");
	portfolio_init(&p);
	assert_int_equal(store_portfolio_load(st, pid, &p, &e), 0);
	assert_null(p.next_evaluation);

	assert_int_equal(store_portfolio_set_next_evaluation(st, pid, "2028-02-29", &e), 0);
	assert_int_equal(store_portfolio_load(st, pid, &p, &e), 0);
	assert_string_equal(p.next_evaluation, "2028-02-29");
	assert_int_equal(store_portfolio_list(st, acme, &refs, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_string_equal(refs[0].next_evaluation, "2028-02-29");
	portfolio_ref_list_free(refs, n);
	assert_int_equal(store_audit_list(st, acme, 0, 1, &ev, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_string_equal(ev[0].action, "portfolio.schedule");
	assert_string_equal(ev[0].subject, "portfolio of 'Acme' for 'x1060-2021'");
	assert_string_equal(ev[0].before_json, "{\"next_evaluation\":null}");
	assert_string_equal(ev[0].after_json, "{\"next_evaluation\":\"2028-02-29\"}");
	audit_list_free(ev, n);

	/* the same date again: no write, no event */
	events = count(st, "SELECT COUNT(*) FROM audit_events");
	assert_int_equal(store_portfolio_set_next_evaluation(st, pid, "2028-02-29", &e), 0);
	assert_int_equal(count(st, "SELECT COUNT(*) FROM audit_events"), events);

	/* not a real day: refused, nothing changes */
	for (i = 0; bad[i]; i++) {
		assert_int_equal(store_portfolio_set_next_evaluation(st, pid, bad[i], &e),
				 ERR_INVALID);
		assert_non_null(strstr(e.msg, "is not a valid date (YYYY-MM-DD)"));
	}
	assert_int_equal(store_portfolio_set_next_evaluation(st, pid, "2026-02-30", &e),
			 ERR_INVALID);
	assert_string_equal(e.msg,
			    "next evaluation date '2026-02-30' is not a valid date (YYYY-MM-DD)");
	assert_int_equal(count(st, "SELECT COUNT(*) FROM audit_events"), events);
	assert_int_equal(store_portfolio_load(st, pid, &p, &e), 0);
	assert_string_equal(p.next_evaluation, "2028-02-29");

	/* NULL: not planned any more */
	assert_int_equal(store_portfolio_set_next_evaluation(st, pid, NULL, &e), 0);
	assert_int_equal(store_portfolio_load(st, pid, &p, &e), 0);
	assert_null(p.next_evaluation);
	assert_int_equal(store_audit_list(st, acme, 0, 1, &ev, &n, &e), 0);
	assert_string_equal(ev[0].before_json, "{\"next_evaluation\":\"2028-02-29\"}");
	assert_string_equal(ev[0].after_json, "{\"next_evaluation\":null}");
	audit_list_free(ev, n);
	portfolio_release(&p);

	assert_int_equal(store_portfolio_set_next_evaluation(st, 31337, "2027-01-01", &e),
			 ERR_NOT_FOUND);
	assert_string_equal(e.msg, "unknown portfolio 31337");
}

static void test_entries(void **state)
{
	struct fixture *f = *state;
	struct store *st = f->st;
	struct err e = ERR_INIT;
	struct portfolio p, tmp;
	struct entry *en, *got;
	long long acme = add_org(st, "Acme", NULL), pid, soc, mssp;

	assert_int_equal(store_party_add(st, PARTY_TEAM, acme, "SOC", &soc, &e), 0);
	assert_int_equal(store_party_add(st, PARTY_PROVIDER, acme, "Z-MSSP", &mssp, &e), 0);
	pid = add_portfolio(st, acme, "x1060-2021");

	portfolio_init(&tmp);
	en = portfolio_add_entry(&tmp, "A-3");
	en->level = LEVEL_BASIC;
	en->assignment = ASSIGN_HYBRID;
	en->team = xstrdup("SOC"); /* resolved by name */
	en->provider_id = mssp;	   /* resolved by id */
	en->score[SIDE_INSOURCE].current = 3;
	en->score[SIDE_INSOURCE].target = 5;
	en->score[SIDE_OUTSOURCE].current = SCORE_NA;
	en->note = xstrdup("first note");
	put(st, pid, en, 0);
	assert_int_equal(en->version, 1);
	assert_true(en->id > 0);
	assert_int_equal(en->team_id, soc);
	assert_string_equal(en->provider, "Z-MSSP");

	/* an identical write changes nothing: same version, no event */
	assert_int_equal(count(st, "SELECT COUNT(*) FROM audit_events WHERE action LIKE 'entry.%'"),
			 1);
	put(st, pid, en, 1);
	assert_int_equal(en->version, 1);
	assert_int_equal(count(st, "SELECT COUNT(*) FROM audit_events WHERE action LIKE 'entry.%'"),
			 1);

	en->score[SIDE_INSOURCE].current = 4;
	put(st, pid, en, 1);
	assert_int_equal(en->version, 2);

	/* optimistic lock: someone else had version 1 */
	en->score[SIDE_INSOURCE].current = 1;
	assert_int_equal(store_entry_put(st, pid, en, 1, &e), ERR_CONFLICT);
	assert_string_equal(e.msg, "'A-3' was changed by someone else (version 2, you had 1)");
	assert_int_equal(en->version, 2);
	/* a new entry with an expected version was deleted meanwhile */
	en = portfolio_add_entry(&tmp, "B-1");
	assert_int_equal(store_entry_put(st, pid, en, 3, &e), ERR_CONFLICT);
	assert_string_equal(e.msg, "'B-1' was removed by someone else (you had version 3)");
	/* unknown team / provider */
	en->team = xstrdup("Red");
	assert_int_equal(store_entry_put(st, pid, en, -1, &e), ERR_NOT_FOUND);
	assert_string_equal(e.msg, "unknown team 'Red' in 'Acme'");
	XFREE(&en->team);
	en->provider_id = 99999;
	assert_int_equal(store_entry_put(st, pid, en, -1, &e), ERR_NOT_FOUND);
	assert_string_equal(e.msg, "unknown provider 99999 in 'Acme'");
	en->provider_id = 0;
	/* a score out of range and a note past the ceiling */
	en->score[SIDE_OUTSOURCE].target = 101;
	assert_int_equal(store_entry_put(st, pid, en, -1, &e), ERR_INVALID);
	assert_string_equal(e.msg,
			    "outsourced target score for 'B-1' must be 0-100, n/a or not assessed, "
			    "got 101");
	en->score[SIDE_OUTSOURCE].target = SCORE_NONE;
	en->note = xmalloc(STORE_TEXT_MAX + 2);
	memset(en->note, 'n', STORE_TEXT_MAX + 1);
	en->note[STORE_TEXT_MAX + 1] = '\0';
	assert_int_equal(store_entry_put(st, pid, en, -1, &e), ERR_TOO_LARGE);
	assert_string_equal(e.msg, "note for 'B-1' is longer than 20000 bytes");
	XFREE(&en->note);

	/* a custom service */
	en = portfolio_add_entry(&tmp, "X-1");
	en->custom = 1;
	en->level = LEVEL_OPTIONAL;
	en->custom_name_en = xstrdup("Our own service");
	en->custom_name_ja = xstrdup("独自サービス");
	en->custom_category = xstrdup("A");
	put(st, pid, en, -1);

	portfolio_init(&p);
	assert_int_equal(store_portfolio_load(st, pid, &p, &e), 0);
	assert_int_equal(p.n_entries, 2);
	got = portfolio_find(&p, "A-3");
	assert_non_null(got);
	assert_int_equal(got->level, LEVEL_BASIC);
	assert_int_equal(got->assignment, ASSIGN_HYBRID);
	assert_string_equal(got->team, "SOC");
	assert_string_equal(got->provider, "Z-MSSP");
	assert_int_equal(got->score[SIDE_INSOURCE].current, 4);
	assert_int_equal(got->score[SIDE_INSOURCE].target, 5);
	assert_int_equal(got->score[SIDE_OUTSOURCE].current, SCORE_NA);
	assert_int_equal(got->score[SIDE_OUTSOURCE].target, SCORE_NONE);
	assert_string_equal(got->note, "first note");
	assert_null(got->evidence);
	assert_int_equal(got->version, 2);
	got = portfolio_find(&p, "X-1");
	assert_non_null(got);
	assert_true(got->custom);
	assert_string_equal(got->custom_name_ja, "独自サービス");
	assert_string_equal(got->custom_category, "A");
	portfolio_release(&p);

	assert_int_equal(store_entry_delete(st, pid, "X-1", &e), 0);
	assert_int_equal(store_entry_delete(st, pid, "X-1", &e), ERR_NOT_FOUND);
	assert_string_equal(e.msg, "'X-1' is not in the portfolio of 'Acme' for 'x1060-2021'");
	assert_int_equal(count(st, "SELECT COUNT(*) FROM entries"), 1);
	portfolio_release(&tmp);
}

/* ---- cycles ---- */

static void test_cycles(void **state)
{
	struct fixture *f = *state;
	struct store *st = f->st;
	struct err e = ERR_INIT;
	struct cycle c = {0}, *list = NULL;
	size_t n = 0;
	char hash[65];
	const char *canon = "{\"framework\":\"x\",\"cycle\":1,\"entries\":[{\"ref\":\"A-1\"}]}";
	long long acme = add_org(st, "Acme", NULL), pid = add_portfolio(st, acme, "x");

	/* a pretty-printed snapshot is stored in its canonical compact form */
	assert_int_equal(store_cycle_close(st, pid, "{\"q1\": \"yes\"}", "CISO",
					   "{\n  \"framework\": \"x\",\n  \"cycle\": 1,\n"
					   "  \"entries\": [ {\"ref\": \"A-1\"} ]\n}",
					   &e),
			 0);
	assert_int_equal(store_cycle_get(st, pid, 1, &c, &e), 0);
	assert_string_equal(c.snapshot_json, canon);
	store_sha256_hex(canon, strlen(canon), hash);
	assert_string_equal(c.snapshot_hash, hash);
	assert_string_equal(c.answers_json, "{\"q1\":\"yes\"}");
	assert_string_equal(c.approved_by, "CISO");
	assert_string_equal(c.closed_at, NOW);
	cycle_release(&c);

	assert_int_equal(store_cycle_close(st, pid, NULL, NULL, "{\"broken\":", &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "cycle snapshot is not valid JSON"));
	assert_int_equal(store_cycle_close(st, pid, NULL, NULL, NULL, &e), ERR_INVALID);

	assert_int_equal(store_cycle_list(st, pid, &list, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_int_equal(list[0].number, 1);
	assert_non_null(list[0].closed_at);
	assert_int_equal(list[1].number, 2);
	assert_null(list[1].closed_at);
	assert_null(list[1].snapshot_json);
	cycle_list_free(list, n);

	assert_int_equal(store_cycle_get(st, pid, 7, &c, &e), ERR_NOT_FOUND);
	assert_string_equal(e.msg, "'Acme' has no cycle 7 for 'x'");
	assert_int_equal(
	    count(st, "SELECT COUNT(*) FROM audit_events WHERE action = 'cycle.close'"), 1);
}

/* ---- actions ---- */

static void test_actions(void **state)
{
	struct fixture *f = *state;
	struct store *st = f->st;
	struct err e = ERR_INIT;
	struct portfolio tmp;
	struct action a = {0}, *list = NULL;
	size_t n = 0;
	long long acme = add_org(st, "Acme", NULL), pid = add_portfolio(st, acme, "x"), first;

	portfolio_init(&tmp);
	put(st, pid, portfolio_add_entry(&tmp, "A-1"), -1);
	portfolio_release(&tmp);

	a.ref_id = "A-1";
	a.title = "document the procedure";
	a.owner = "Sato";
	a.due = "2025-06-30";
	a.target = 4;
	a.status = "open";
	assert_int_equal(store_action_add(st, pid, &a, &e), 0);
	first = a.id;
	assert_true(first > 0);
	assert_string_equal(a.created_at, NOW);
	XFREE(&a.created_at);

	a.ref_id = "Z-9";
	assert_int_equal(store_action_add(st, pid, &a, &e), ERR_NOT_FOUND);
	assert_string_equal(e.msg, "'Z-9' is not in the portfolio of 'Acme' for 'x'");
	a.ref_id = "A-1";
	a.due = "30/06/2025";
	assert_int_equal(store_action_add(st, pid, &a, &e), ERR_INVALID);
	assert_string_equal(
	    e.msg,
	    "due date '30/06/2025' of the action for 'A-1' is not a valid date (YYYY-MM-DD)");
	a.due = NULL;
	a.owner = NULL;
	a.target = SCORE_NONE;
	a.status = NULL;
	a.title = "second";
	assert_int_equal(store_action_add(st, pid, &a, &e), 0);
	XFREE(&a.created_at);

	assert_int_equal(store_action_set_status(st, pid, first, "done", &e), 0);
	assert_int_equal(store_action_set_status(st, pid, first, "later", &e), ERR_INVALID);
	assert_string_equal(e.msg, "action status must be 'open' or 'done', got 'later'");
	assert_int_equal(store_action_set_status(st, pid, 4242, "done", &e), ERR_NOT_FOUND);
	assert_string_equal(e.msg, "unknown action 4242 in the portfolio of 'Acme' for 'x'");

	assert_int_equal(store_action_list(st, pid, "done", &list, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_int_equal(list[0].id, first);
	assert_string_equal(list[0].title, "document the procedure");
	assert_string_equal(list[0].owner, "Sato");
	assert_string_equal(list[0].due, "2025-06-30");
	assert_int_equal(list[0].target, 4);
	assert_string_equal(list[0].done_at, NOW);
	action_list_free(list, n);
	assert_int_equal(store_action_list(st, pid, NULL, &list, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_string_equal(list[1].status, "open");
	assert_null(list[1].owner);
	assert_int_equal(list[1].target, SCORE_NONE);
	action_list_free(list, n);

	/* reopening clears done_at */
	assert_int_equal(store_action_set_status(st, pid, first, "open", &e), 0);
	assert_int_equal(count(st, "SELECT COUNT(*) FROM actions WHERE done_at IS NOT NULL"), 0);
}

/* ---- audit ---- */

static void test_audit(void **state)
{
	struct fixture *f = *state;
	struct store *st = f->st;
	struct err e = ERR_INIT;
	struct audit_event *ev = NULL;
	struct portfolio tmp;
	struct entry *en;
	size_t n = 0;
	long long acme, beta, pid;

	store_set_actor(st, "alice");
	acme = add_org(st, "Acme", NULL);
	beta = add_org(st, "Beta", NULL);
	pid = add_portfolio(st, acme, "x");
	portfolio_init(&tmp);
	en = portfolio_add_entry(&tmp, "A-1");
	en->level = LEVEL_BASIC;
	put(st, pid, en, -1);
	en->level = LEVEL_ADVANCED;
	put(st, pid, en, 1);
	portfolio_release(&tmp);

	assert_int_equal(store_audit_list(st, acme, 0, 10, &ev, &n, &e), 0);
	assert_int_equal(n, 4);
	assert_string_equal(ev[0].action, "entry.update");
	assert_string_equal(ev[0].actor, "alice");
	assert_string_equal(ev[0].at, NOW);
	assert_int_equal(ev[0].org_id, acme);
	assert_string_equal(ev[0].subject, "'A-1' in 'Acme' for 'x'");
	assert_non_null(strstr(ev[0].before_json, "\"level\":\"basic\""));
	assert_non_null(strstr(ev[0].before_json, "\"version\":1"));
	assert_non_null(strstr(ev[0].after_json, "\"level\":\"advanced\""));
	assert_non_null(strstr(ev[0].after_json, "\"version\":2"));
	assert_string_equal(ev[1].action, "entry.add");
	assert_null(ev[1].before_json);
	assert_string_equal(ev[2].action, "portfolio.new");
	assert_string_equal(ev[3].action, "org.add");
	assert_string_equal(ev[3].after_json,
			    "{\"name\":\"Acme\",\"parent\":null,\"created_at\":\"" NOW "\"}");
	audit_list_free(ev, n);

	assert_int_equal(store_audit_list(st, 0, 1, 2, &ev, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_string_equal(ev[0].action, "entry.add");
	audit_list_free(ev, n);
	assert_int_equal(store_audit_list(st, beta, 0, 10, &ev, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_string_equal(ev[0].subject, "organization 'Beta'");
	audit_list_free(ev, n);

	assert_int_equal(store_org_rename(st, beta, "Gamma", &e), 0);
	assert_int_equal(store_audit_list(st, beta, 0, 1, &ev, &n, &e), 0);
	assert_string_equal(ev[0].action, "org.rename");
	assert_non_null(strstr(ev[0].before_json, "\"Beta\""));
	assert_non_null(strstr(ev[0].after_json, "\"Gamma\""));
	audit_list_free(ev, n);
}

/* A refused change leaves rows and audit log as they were. */
static void test_failure_leaves_data(void **state)
{
	struct fixture *f = *state;
	struct store *st = f->st;
	struct err e = ERR_INIT;
	struct portfolio tmp, p;
	struct entry *en;
	long long acme = add_org(st, "Acme", NULL), pid = add_portfolio(st, acme, "x"), events;

	portfolio_init(&tmp);
	en = portfolio_add_entry(&tmp, "A-1");
	en->level = LEVEL_BASIC;
	put(st, pid, en, -1);
	events = count(st, "SELECT COUNT(*) FROM audit_events");

	/* ops-style outer transaction: first write succeeds, the second fails */
	assert_int_equal(db_begin(st->db, &e), 0);
	en->level = LEVEL_STANDARD;
	put(st, pid, en, 1);
	en = portfolio_add_entry(&tmp, "A-2");
	en->team = xstrdup("nobody");
	assert_int_equal(store_entry_put(st, pid, en, -1, &e), ERR_NOT_FOUND);
	db_rollback(st->db);

	portfolio_init(&p);
	assert_int_equal(store_portfolio_load(st, pid, &p, &e), 0);
	assert_int_equal(p.n_entries, 1);
	assert_int_equal(p.entries[0].level, LEVEL_BASIC);
	assert_int_equal(p.entries[0].version, 1);
	portfolio_release(&p);
	assert_int_equal(count(st, "SELECT COUNT(*) FROM audit_events"), events);
	portfolio_release(&tmp);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_open_missing_and_reopen, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_open_empty_file, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_refuse_random_bytes, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_refuse_text_file, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_refuse_foreign_sqlite, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_refuse_newer_schema, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_migrate_from_version_1, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_migrate_from_version_2, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_migrate_survey_answers_from_version_14, setup,
					    fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_copy_tables, setup, fixture_teardown),
	    cmocka_unit_test(test_open_postgres_unreachable),
	    cmocka_unit_test(test_now),
	    cmocka_unit_test_setup_teardown(test_no_memory_statistics, fixture_setup,
					    fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_db_run_and_nested_rollback, setup,
					    fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_db_statement_cache, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_db_errors, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_db_bulk, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_org, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_name_checks, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_parties, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_portfolio, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_next_evaluation, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_entries, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_cycles, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_actions, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_audit, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_failure_leaves_data, setup, fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
