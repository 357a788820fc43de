/* Unit tests for util/progress.c and its use by ops/import.c: the watcher's step called
 * every PROGRESS_EVERY calls and at the end, a stop asked for refused with ERR_INTERRUPTED,
 * and an import stopped half-way storing nothing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"
#include "io/fileio.h"
#include "io/portfolio_import.h"
#include "ops/ops.h"
#include "ops/ops_import.h"
#include "util/buf.h"
#include "util/progress.h"
#include "store/db.h"

struct seen {
	unsigned calls, ends;
	uint64_t done, total;
};

static void step(void *ctx, uint64_t done, uint64_t total)
{
	struct seen *s = ctx;
	s->calls++;
	s->done = done;
	s->total = total;
}

static void end(void *ctx)
{
	((struct seen *)ctx)->ends++;
}

static void test_steps_and_stop(void **state)
{
	struct seen s = {0};
	struct progress_watch p = {step, end, &s, 0};
	struct err e = ERR_INIT;
	uint64_t i;

	(void)state;
	progress_interrupt(0);
	for (i = 1; i <= 10 * PROGRESS_EVERY; i++)
		assert_int_equal(progress_at(&p, i, 1000, &e), 0);
	assert_int_equal(s.calls, 10);
	assert_int_equal(s.done, 10 * PROGRESS_EVERY);
	assert_int_equal(s.total, 1000);
	progress_done(&p, 1000);
	assert_int_equal(s.calls, 11);
	assert_int_equal(s.done, 1000);
	assert_int_equal(s.ends, 1);
	/* nobody watching: still stoppable */
	assert_int_equal(progress_at(NULL, 1, 2, &e), 0);
	progress_done(NULL, 2);
	assert_false(progress_interrupted());
	progress_interrupt(1);
	assert_true(progress_interrupted());
	assert_int_equal(progress_at(NULL, 1, 2, &e), ERR_INTERRUPTED);
	assert_int_equal(e.code, ERR_INTERRUPTED);
	assert_int_equal(e.id, MSG_E_INTERRUPTED);
	assert_int_equal(progress_at(&p, 1, 2, &e), ERR_INTERRUPTED);
	progress_interrupt(0);
}

/* ops_import asked to stop half-way through valid rows: refused whole, nothing stored */
static void stop_now(void *ctx, uint64_t done, uint64_t total)
{
	(void)ctx;
	(void)done;
	(void)total;
	progress_interrupt(1);
}

static void test_import_stopped(void **state)
{
	static const char *const refs[] = {"A-1", "A-2", "A-3", "A-4", "A-5", "A-6", "A-7",
					   "A-8", "A-9", "B-1", "B-2", "B-3", "B-4", "C-1",
					   "C-2", "C-3", "C-4", "D-1", "D-2", "D-3", NULL};
	struct fixture *f = *state;
	struct portfolio_import in;
	struct ops_import_result res;
	struct err e = ERR_INIT;
	struct buf csv;
	char before[65], after[65];
	/* the step comes after the 10th row, the stop seen after the 11th: 11 rows taken */
	struct progress_watch p = {stop_now, NULL, NULL, PROGRESS_EVERY - 10};
	size_t i;

	buf_init(&csv, 1 << 20);
	buf_addstr(&csv, "ref,level,note\n");
	for (i = 0; refs[i]; i++)
		buf_printf(&csv, "%s,advanced,note %zu\n", refs[i], i);
	OK(portfolio_import_read_csv(csv.data, csv.len, "p.csv", &in, oe));
	in.progress = &p;
	fixture_digest(f, before);
	progress_interrupt(0);
	assert_int_equal(ops_import(f->st, NULL, FIX_ORG, FIX_FW, &in, 0, &res, &e),
			 ERR_INTERRUPTED);
	progress_interrupt(0);
	assert_int_equal(e.id, MSG_E_INTERRUPTED);
	assert_int_equal(in.n, 11);
	fixture_digest(f, after);
	assert_string_equal(before, after);
	ops_import_result_release(&res);

	/* the same file, not stopped, changes the portfolio */
	in.progress = NULL;
	OK(ops_import(f->st, NULL, FIX_ORG, FIX_FW, &in, 0, &res, oe));
	assert_int_equal(res.entries, 20);
	fixture_digest(f, after);
	assert_string_not_equal(before, after);
	ops_import_result_release(&res);
	portfolio_import_release(&in);
	buf_release(&csv);
}

/* a file written while a stop is asked for: not written, nor its temporary file */
static void test_write_stopped(void **state)
{
	struct fixture *f = *state;
	struct err e = ERR_INIT;
	char path[128], tmp[160];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/out.json", f->dir);
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	progress_interrupt(1);
	assert_int_equal(file_write_atomic(path, "{}\n", 3, &e), ERR_INTERRUPTED);
	progress_interrupt(0);
	assert_int_equal(e.id, MSG_E_INTERRUPTED);
	assert_null(fopen(path, "rb"));
	assert_null(fopen(tmp, "rb"));
	OK(file_write_atomic(path, "{}\n", 3, oe));
	fp = fopen(path, "rb");
	assert_non_null(fp);
	fclose(fp);
}

static long long rows_in(struct store *st, const char *table)
{
	struct db_stmt *s = NULL;
	struct err e = ERR_INIT;
	char sql[96];
	long long n = -1;

	snprintf(sql, sizeof(sql), "SELECT COUNT(*) FROM %s", table);
	if (db_run(st->db, &s, &e, sql, "") == DB_ROW)
		n = db_column_int(s, 0);
	db_finalize(s);
	return n;
}

/* a database copy stopped: neither the copy nor its temporary file is left; not stopped,
 * it holds every row of every table */
static void test_copy_stopped(void **state)
{
	static const char *const refs[] = {"A-1", "A-2", "B-1"};
	struct fixture *f = *state;
	struct progress_watch p = {NULL, NULL, NULL, 0};
	struct err e = ERR_INIT;
	char path[128], tmp[160];
	size_t rows = 1, n, i;
	const char *const *tables = store_copy_tables(&n);
	struct store *copy = NULL;

	OK(ops_select(f->st, FIX_ORG, FIX_FW, refs, 3, "basic", oe));
	snprintf(path, sizeof(path), "%s/copy.db", f->dir);
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	progress_interrupt(1);
	assert_int_equal(store_copy(f->path, path, &p, &rows, &e), ERR_INTERRUPTED);
	progress_interrupt(0);
	assert_int_equal(rows, 0);
	assert_null(fopen(path, "rb"));
	assert_null(fopen(tmp, "rb"));
	OK(store_copy(f->path, path, &p, &rows, oe));
	assert_true(rows > 0);
	OK(store_open(&copy, path, 0, oe));
	for (i = 0; i < n; i++) {
		assert_true(rows_in(f->st, tables[i]) >= 0);
		assert_int_equal(rows_in(copy, tables[i]), rows_in(f->st, tables[i]));
	}
	assert_int_equal(rows_in(copy, "entries"), 3);
	store_close(copy);

	/* into a new database of the fixture's engine (on PostgreSQL through its bulk loader):
	 * stopped, the database holds no table; not stopped, every row */
	assert_int_equal(fixture_new_database(f), 0);
	progress_interrupt(1);
	assert_int_equal(store_copy(f->path, f->new_path, &p, &rows, &e), ERR_INTERRUPTED);
	progress_interrupt(0);
	err_clear(&e);
	assert_int_equal(store_open(&copy, f->new_path, 0, &e), ERR_NOT_FOUND); /* no cdcf there */
	assert_null(copy);
	OK(store_copy(f->path, f->new_path, &p, &rows, oe));
	OK(store_open(&copy, f->new_path, 0, oe));
	for (i = 0; i < n; i++)
		assert_int_equal(rows_in(copy, tables[i]), rows_in(f->st, tables[i]));
	store_close(copy);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_steps_and_stop),
	    cmocka_unit_test_setup_teardown(test_import_stopped, fixture_setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_write_stopped, fixture_setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_copy_stopped, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
