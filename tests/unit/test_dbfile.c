/* Unit tests for util/dbfile.c and its use by store and io: the database a
 * process has open is never read or replaced as an ordinary file (that would
 * drop SQLite's locks), under any of its names, and only while it is open. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "io/fileio.h"
#include "store/store.h"
#include "util/dbfile.h"

struct fix {
	char dir[64];
	char db[128];
};

static int setup(void **state)
{
	struct fix *f = calloc(1, sizeof(*f));

	snprintf(f->dir, sizeof(f->dir), "/tmp/cdcf-dbfile.XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	snprintf(f->db, sizeof(f->db), "%s/t.db", f->dir);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	static const char *const names[] = {"t.db",   "t.db-wal", "t.db-shm",	 "link.db",
					    "new.db", "out.json", "out.json.tmp"};
	struct fix *f = *state;
	char cmd[128];

	/* the files the tests made, then the folder */
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(cmd, sizeof(cmd), "%s/%s", f->dir, names[i]);
		unlink(cmd);
	}
	rmdir(f->dir);
	free(f);
	return 0;
}

static void path_in(char *out, size_t size, const struct fix *f, const char *name)
{
	snprintf(out, size, "%s/%s", f->dir, name);
}

static void test_open_database_is_refused(void **state)
{
	struct fix *f = *state;
	struct store *st = NULL;
	struct err e = ERR_INIT;
	char wal[160], link[160], other[160], *data = NULL;
	size_t len;

	path_in(wal, sizeof(wal), f, "t.db-wal");
	path_in(link, sizeof(link), f, "link.db");
	path_in(other, sizeof(other), f, "out.json");
	assert_int_equal(store_open(&st, f->db, 1, &e), 0);
	assert_int_equal(symlink(f->db, link), 0);

	assert_true(dbfile_is_database(f->db));
	assert_true(dbfile_is_database(link));
	assert_true(dbfile_is_database(wal)); /* a companion, whether it exists or not */
	assert_false(dbfile_is_database(other));

	assert_int_equal(file_read_all(f->db, 1 << 20, &data, &len, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "is the database cdcf is using"));
	assert_null(data);
	assert_int_equal(file_read_all(link, 1 << 20, &data, &len, &e), ERR_INVALID);
	assert_int_equal(file_write_atomic(f->db, "{}", 2, &e), ERR_INVALID);
	assert_int_equal(file_write_atomic(link, "{}", 2, &e), ERR_INVALID);
	/* an ordinary file beside it is written and read as usual */
	assert_int_equal(file_write_atomic(other, "{}", 2, &e), 0);
	assert_int_equal(file_read_all(other, 1 << 20, &data, &len, &e), 0);
	assert_string_equal(data, "{}");
	free(data);

	/* closed: the file is an ordinary file again */
	store_close(st);
	assert_false(dbfile_is_database(f->db));
	assert_false(dbfile_is_database(wal));
}

static void test_refcounted_by_connection(void **state)
{
	struct fix *f = *state;
	struct store *a = NULL, *b = NULL;
	struct err e = ERR_INIT;

	assert_int_equal(store_open(&a, f->db, 1, &e), 0);
	assert_int_equal(store_open(&b, f->db, 0, &e), 0);
	store_close(a);
	assert_true(dbfile_is_database(f->db)); /* b still has it open */
	store_close(b);
	assert_false(dbfile_is_database(f->db));
}

static void test_reused_inode_is_not_the_database(void **state)
{
	struct fix *f = *state;
	struct store *st = NULL;
	struct err e = ERR_INIT;
	char fresh[160];
	FILE *out;

	assert_int_equal(store_open(&st, f->db, 1, &e), 0);
	store_close(st);
	unlink(f->db);
	/* a new file may get the deleted database's inode: it is not a database */
	path_in(fresh, sizeof(fresh), f, "new.db");
	out = fopen(fresh, "w");
	assert_non_null(out);
	fputs("{}", out);
	fclose(out);
	assert_false(dbfile_is_database(fresh));
}

static void test_registry_bounds(void **state)
{
	(void)state;
	assert_int_equal(dbfile_register("/nonexistent/cdcf/x.db"), -1);
	dbfile_release(-1); /* nothing */
	dbfile_release(DBFILE_MAX);
	assert_false(dbfile_is_database("/nonexistent/cdcf/x.db"));
	assert_false(dbfile_is_database("-wal"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_open_database_is_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_refcounted_by_connection, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_reused_inode_is_not_the_database, setup, teardown),
	    cmocka_unit_test(test_registry_bounds),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
