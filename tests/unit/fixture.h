/*
 * fixture.h - the one shared set-up of the unit tests: a temporary cdcf
 * database holding an organization with a team, a provider and a portfolio,
 * and a digest of everything stored, to prove a refusal changed nothing.
 *
 *   static void test_x(void **state)
 *   {
 *           struct fixture *f = *state;
 *           char before[65], after[65];
 *
 *           fixture_digest(f, before);
 *           assert_int_equal(ops_select(f->st, FIX_ORG, FIX_FW, ...), ERR_INVALID);
 *           fixture_digest(f, after);
 *           assert_string_equal(before, after);
 *   }
 *   ...
 *   cmocka_unit_test_setup_teardown(test_x, fixture_setup, fixture_teardown),
 *
 * The clock is pinned (CDCF_NOW = FIX_NOW), so stored times are the same in
 * every run. CMake links fixture.c into every unit test.
 *
 * With CDCF_TEST_PG (the folder of a server of tests/pg/server.sh) the database is a new
 * database on that PostgreSQL server instead of a file (f->path is then its URL), dropped
 * by the tear-down; CMake runs each test that uses the fixture so as well (pgunit/...).
 */
#ifndef CDCF_TEST_FIXTURE_H
#define CDCF_TEST_FIXTURE_H

#include <stddef.h>

#include "store/store.h"
#include "util/err.h"

#define FIX_NOW "2026-04-01T09:00:00Z"
#define FIX_ORG "Acme"
#define FIX_TEAM "SOC"
#define FIX_PROVIDER "MSSP"
#define FIX_FW "x1060-2021"

struct fixture {
	char dir[64];	/* the temporary directory, removed by fixture_teardown */
	char path[128]; /* the database file in it, or the URL of its PostgreSQL database */
	struct store *st;
	long long org_id, team_id, provider_id, portfolio_id;
	char other_path[128]; /* fixture_open_other: a second database in the same directory */
	struct store *other;
	char new_path[128]; /* fixture_new_database: a third, not opened */
};

/* cmocka set-up: *state becomes a new struct fixture (an empty portfolio of FIX_FW for
 * FIX_ORG, which has the team FIX_TEAM and the provider FIX_PROVIDER). -1 on failure. */
int fixture_setup(void **state);

/* cmocka set-up: a new, empty database (no organization) in a temporary directory. */
int fixture_setup_empty(void **state);

/* cmocka tear-down: closes the store and removes the directory with every file in it. */
int fixture_teardown(void **state);

/* sha256 (hex) over every row of every table, read through a second connection (SQLite
 * or libpq): the same digest before and after means nothing was stored. */
void fixture_digest(const struct fixture *f, char out[65]);

/* Whether the fixture's databases are on PostgreSQL (CDCF_TEST_PG). */
int fixture_on_postgres(void);

/* In a test about SQLite's files (raw SQLite connections, sqlite_master, file names): on
 * PostgreSQL the test is skipped, saying why. */
void fixture_sqlite_only(void);

/* Open a second, empty database (other.db, or a new PostgreSQL database) beside the first, for
 * tests that move data between two (export and import); fixture_teardown closes it. 0 or an ERR_*
 * code. */
int fixture_open_other(struct fixture *f);

/* Where a new database would be, nothing in it, not opened (the file new.db, or a new empty
 * PostgreSQL database): a target for a copy. Its path is f->new_path; 0 or -1. */
int fixture_new_database(struct fixture *f);

/* out = the file name in the fixture's temporary directory. */
void fixture_path(const struct fixture *f, const char *name, char *out, size_t size);

/* Rows of table (a name of the schema, not input). */
long long fixture_count(const struct fixture *f, const char *table);

/*
 * Assertions of the ops tests (cmocka must be included first). `call` reports into `re`
 * (assert_refused*) or `oe` (OK), variables these macros declare:
 *   assert_refused(f, ERR_INVALID, "due", ops_action_add(..., &re));
 *   OK(ops_select(f->st, FIX_ORG, FIX_FW, refs, 1, "basic", oe));
 */

/* The answers of an evaluation with every question answered. */
#define FIX_ANSWERS                                                                                \
	"{\"catalogue\": {\"appropriate\": \"yes\", \"environment\": \"same\"}, "                  \
	"\"profile\": {\"assignments\": \"keep\"}, "                                               \
	"\"portfolio\": {\"scores\": \"first\", \"targets\": \"agreed\"}}"

/* call is refused with code and field, says why in want_text (NULL: anything; exact: the
 * whole English message must be it), and stores nothing: the digest is the same after. */
#define fixture_refused(f, want_code, want_field, want_text, exact, call)                          \
	do {                                                                                       \
		char before_[65], after_[65];                                                      \
		struct err re = ERR_INIT;                                                          \
		fixture_digest(f, before_);                                                        \
		assert_int_equal((call), want_code);                                               \
		assert_int_equal(re.code, want_code);                                              \
		assert_string_equal(re.field, want_field);                                         \
		fixture_says(&re, want_text, exact);                                               \
		fixture_digest(f, after_);                                                         \
		assert_string_equal(before_, after_);                                              \
	} while (0)
#define assert_refused(f, code, field, call) fixture_refused(f, code, field, NULL, 0, call)
#define assert_refused_msg(f, code, field, msg, call) fixture_refused(f, code, field, msg, 1, call)
#define assert_refused_saying(f, code, field, text, call)                                          \
	fixture_refused(f, code, field, text, 0, call)

/* call succeeds (its error, if any, is printed before the test fails). */
#define OK(call)                                                                                   \
	do {                                                                                       \
		struct err oe_ = ERR_INIT;                                                         \
		struct err *oe = &oe_;                                                             \
		fixture_ok((call), oe);                                                            \
	} while (0)

/* The message check and the success check behind those macros. */
void fixture_says(const struct err *e, const char *want_text, int exact);
void fixture_ok(int rc, const struct err *e);

#endif
