/*
 * db_int.h - what db.c and the drivers share; not for store_*.c.
 */
#ifndef CDCF_DB_INT_H
#define CDCF_DB_INT_H

#include "store/db.h"

/* Every driver's prepared statement starts with this: db.c dispatches through
 * stmt->db->drv, the driver keeps its own handle. Allocated by the driver's
 * prepare, freed by its finalize. */
struct db_stmt {
	struct db *db;
	void *handle;
	size_t slot; /* set by db.c: its place in db->cache + 1, 0 when not kept */
};

extern const struct db_driver db_sqlite_driver;
extern const struct db_driver db_pg_driver;

#endif
