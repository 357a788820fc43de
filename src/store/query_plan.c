/*
 * query_plan.c - the query plan log (query_plan.h): with CDCF_QUERY_PLAN=FILE,
 * every statement the SQLite driver prepares is explained, and each full scan
 * in its plan is appended to FILE as "TABLE<TAB>PLAN<TAB>SQL" (one line, whitespace of
 * the SQL folded). The test tests/scripts/query_plans.sh walks the program's
 * everyday paths with it and refuses a scan of a table that grows with the
 * number of organizations. Off (one getenv per process) otherwise.
 */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "store/query_plan.h"
#include "util/buf.h"

static pthread_once_t once = PTHREAD_ONCE_INIT;
static const char *log_path;

static void init(void)
{
	const char *p = getenv("CDCF_QUERY_PLAN");

	log_path = p && *p ? p : NULL;
}

bool query_plan_enabled(void)
{
	pthread_once(&once, init);
	return log_path != NULL;
}

/* Statements whose plans say nothing about the data: schema, transactions, pragmas. */
static bool explained(const char *sql)
{
	static const char *const skip[] = {"CREATE",   "ALTER",	 "DROP",    "BEGIN",	 "COMMIT",
					   "ROLLBACK", "PRAGMA", "EXPLAIN", "SAVEPOINT", "RELEASE",
					   "ANALYZE",  "VACUUM", "REINDEX"};
	size_t i;

	while (*sql == ' ' || *sql == '\n' || *sql == '\t')
		sql++;
	for (i = 0; i < sizeof(skip) / sizeof(skip[0]); i++)
		if (!strncasecmp(sql, skip[i], strlen(skip[i])))
			return false;
	return true;
}

/* "SCAN t", "SCAN t USING INDEX i", "SCAN t USING COVERING INDEX i": the table t. */
static void scanned_table(const char *detail, char *out, size_t size)
{
	size_t n;

	out[0] = '\0';
	if (strncmp(detail, "SCAN ", 5) || !strncmp(detail, "SCAN CONSTANT ROW", 17))
		return;
	detail += 5;
	n = strcspn(detail, " ");
	if (n >= size)
		n = size - 1;
	memcpy(out, detail, n);
	out[n] = '\0';
}

void query_plan_note(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	struct buf line;
	char table[128];
	int fd;

	if (!query_plan_enabled() || !explained(sql))
		return;
	buf_init(&line, 1 << 20);
	buf_addstr(&line, "EXPLAIN QUERY PLAN ");
	buf_addstr(&line, sql);
	if (buf_status(&line) || sqlite3_prepare_v2(db, line.data, -1, &st, NULL) != SQLITE_OK) {
		sqlite3_finalize(st);
		buf_release(&line);
		return;
	}
	fd = open(log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
	while (fd >= 0 && sqlite3_step(st) == SQLITE_ROW) {
		const char *detail = (const char *)sqlite3_column_text(st, 3);
		const char *c;

		scanned_table(detail ? detail : "", table, sizeof(table));
		if (!table[0])
			continue;
		buf_reset(&line);
		buf_printf(&line, "%s\t%s\t", table, detail);
		for (c = sql; *c; c++) /* one line: newlines and tabs become spaces */
			buf_addch(&line, *c == '\n' || *c == '\t' ? ' ' : *c);
		buf_addch(&line, '\n');
		if (!buf_status(&line))
			(void)!write(fd, line.data, line.len); /* one append per line */
	}
	if (fd >= 0)
		close(fd);
	sqlite3_finalize(st);
	buf_release(&line);
}
