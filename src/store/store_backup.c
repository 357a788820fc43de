/*
 * store_backup.c - a whole database kept in one file and brought back
 * (store.h: store_backup, store_restore), and whether a server's database is
 * ready to answer (store_ready).
 *
 * A backup is a cdcf database file of its own (SQLite's format, no write-ahead
 * log beside it): a consistent snapshot taken in one read transaction while
 * servers and commands go on writing, written beside the target and renamed
 * over it, so an interrupted backup leaves no partial file. Any tool that
 * reads SQLite can open it; cdcf opens it as a database too. A restore writes
 * it into a new or empty database only, then migrates it to this cdcf's
 * schema.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/db.h"
#include "store/schema.h"
#include "store/store.h"

int store_backup(struct store *st, const char *path, struct err *e)
{
	if (!st->db->drv->copy_to_file)
		return err_fail(e, ERR_INVALID, NULL, MSG_E_BACKUP_DRIVER);
	return st->db->drv->copy_to_file(st->db, path, e);
}

/* The schema version of the cdcf database at path, opened without writing to it:
 * ERR_INVALID for a file that is not one (or one newer than this cdcf knows). */
static int backup_version(const char *path, struct db **out, int *version, struct err *e)
{
	struct stat sb;
	int rc;

	*out = NULL;
	if (stat(path, &sb) != 0)
		return err_fail(e, errno == ENOENT ? ERR_NOT_FOUND : ERR_IO, NULL, MSG_E_DB_ACCESS,
				path, ERR_SYS(errno));
	rc = db_open(out, path, e);
	if (rc == ERR_INVALID)
		rc = err_fail(e, ERR_INVALID, NULL, MSG_E_NOT_CDCF_DB, path);
	if (!rc)
		rc = schema_inspect(*out, path, version, e);
	if (!rc && *version == 0)
		rc = err_fail(e, ERR_INVALID, NULL, MSG_E_NOT_CDCF_DB, path);
	if (!rc && *version > STORE_SCHEMA_VERSION)
		rc = err_fail(e, ERR_INVALID, NULL, MSG_E_DB_TOO_NEW, path, *version,
			      STORE_SCHEMA_VERSION);
	if (rc) {
		db_close(*out);
		*out = NULL;
	}
	return rc;
}

/* Is the database at target new (absent, or a file with no table)? 0, or ERR_CONFLICT. */
static int target_empty(const char *target, struct err *e)
{
	struct stat sb;
	struct db *db = NULL;
	int rc;

	if (stat(target, &sb) != 0)
		return errno == ENOENT
			   ? 0
			   : err_fail(e, ERR_IO, NULL, MSG_E_DB_ACCESS, target, ERR_SYS(errno));
	if (sb.st_size == 0)
		return 0;
	rc = db_open(&db, target, e);
	if (!rc) {
		rc = db_has_table(db, NULL, e);
		rc = rc == 0  ? 0
		     : rc > 0 ? err_fail(e, ERR_CONFLICT, NULL, MSG_E_RESTORE_NOT_EMPTY, target)
			      : rc;
	}
	db_close(db);
	return rc;
}

int store_restore(const char *from, const char *target, int *version, struct err *e)
{
	struct db *src = NULL;
	struct store *st = NULL;
	int rc;

	*version = 0;
	if (!target || !*target)
		return err_fail(e, ERR_INVALID, NULL, MSG_E_NO_DATABASE);
	if (!strncmp(target, "postgres://", 11) || !strncmp(target, "postgresql://", 13))
		return err_fail(e, ERR_INVALID, NULL, MSG_E_POSTGRES);
	rc = backup_version(from, &src, version, e);
	if (!rc)
		rc = target_empty(target, e);
	if (!rc)
		rc = src->drv->copy_to_file(src, target, e);
	db_close(src);
	if (rc)
		return rc;
	/* brought to this cdcf's schema (a backup from an older one is migrated) */
	rc = store_open(&st, target, 0, e);
	store_close(st);
	return rc;
}

int store_ready(struct store *st, int *version, struct err *e)
{
	int rc = schema_inspect(st->db, st->db->path, version, e);

	if (rc)
		return rc;
	if (*version != STORE_SCHEMA_VERSION)
		return err_fail(e, ERR_BUSY, NULL, MSG_E_NOT_MIGRATED, *version,
				STORE_SCHEMA_VERSION);
	return 0;
}
