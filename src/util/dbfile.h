/*
 * dbfile.h - the database files this process has open through SQLite, which
 * nothing else in the process may open.
 *
 * On Linux, closing ANY descriptor of a file drops every POSIX lock the
 * process holds on it, SQLite's included. A process that reads its own
 * database file with fopen/fclose (an import of "cdcf.db", a TLS key path
 * that is the database by mistake) silently unlocks it, and another process
 * may then checkpoint and delete the WAL under it: acknowledged writes are
 * lost. So the store registers each database file it opens, and every other
 * file access (io/fileio.c) asks first.
 *
 *   dbfile_register("acme.db");            // after SQLite opened it
 *   if (dbfile_is_database(path)) refuse;  // before fopen/rename on path
 *
 * The registry is process-wide and thread-safe; entries are identified by
 * device and inode, so another name for the same file (a symlink, a hard
 * link, "./acme.db") is recognised too, and so are its "-wal", "-shm" and
 * "-journal" companions.
 */
#ifndef CDCF_DBFILE_H
#define CDCF_DBFILE_H

#define DBFILE_MAX 16 /* database files one process may register */

/* Remember path (an existing file) as a database file, once more: each
 * connection registers its file when it opens it and releases it when it
 * closes, so that a file's inode, reused after the database was closed and
 * deleted, is not taken for it. Returns the slot to pass to dbfile_release,
 * or -1 when the file cannot be examined or the registry is full (the caller
 * goes on: the registry protects against mistakes, it is not needed to open
 * a database). */
int dbfile_register(const char *path);

/* One connection less on the file of slot (from dbfile_register); the
 * entry goes with the last one. slot < 0 does nothing. */
void dbfile_release(int slot);

/* 1 when path names a registered database file or one of its companions
 * (path-wal, path-shm, path-journal), 0 otherwise (a missing file is 0). */
int dbfile_is_database(const char *path);

#endif
