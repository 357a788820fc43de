/*
 * query_plan.h - a log of the full table scans in the plans of the statements
 * prepared, for the test that keeps every domain query on an index
 * (CDCF_QUERY_PLAN=FILE; see query_plan.c).
 */
#ifndef CDCF_STORE_QUERY_PLAN_H
#define CDCF_STORE_QUERY_PLAN_H

#include <sqlite3.h>
#include <stdbool.h>

bool query_plan_enabled(void);
/* Explain sql on db and append its full scans to the log, when the log is on. */
void query_plan_note(sqlite3 *db, const char *sql);

#endif
