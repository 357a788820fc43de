/*
 * schema.h - cdcf's database schema and its migrations (internal to store/).
 */
#ifndef CDCF_SCHEMA_H
#define CDCF_SCHEMA_H

#include "store/db.h"

/*
 * Look at an open database without writing to it. *version is 0 for an
 * empty database (no tables at all) and the schema version of a cdcf one.
 * Anything else (tables without cdcf's meta row, a file that is not a
 * database) is ERR_INVALID "'PATH' is not a cdcf database".
 */
int schema_inspect(struct db *db, const char *path, int *version, struct err *e);

/* Apply the migrations the database lacks, all in one transaction. */
int schema_migrate(struct db *db, struct err *e);

#endif
