/*
 * dbfile.c - the registry of open database files (see dbfile.h).
 */
#include "util/dbfile.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

struct dbfile_entry {
	dev_t dev;
	ino_t ino;
	int refs; /* connections open on it; 0 = free slot */
};

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static struct dbfile_entry files[DBFILE_MAX];

static int known(const struct stat *sb)
{
	int i, found = 0;

	pthread_mutex_lock(&lock);
	for (i = 0; i < DBFILE_MAX && !found; i++)
		found = files[i].refs && files[i].dev == sb->st_dev && files[i].ino == sb->st_ino;
	pthread_mutex_unlock(&lock);
	return found;
}

int dbfile_register(const char *path)
{
	struct stat sb;
	int i, slot = -1;

	if (stat(path, &sb) != 0)
		return -1;
	pthread_mutex_lock(&lock);
	for (i = 0; i < DBFILE_MAX && slot < 0; i++)
		if (files[i].refs && files[i].dev == sb.st_dev && files[i].ino == sb.st_ino)
			slot = i;
	for (i = 0; i < DBFILE_MAX && slot < 0; i++)
		if (!files[i].refs)
			slot = i;
	if (slot >= 0) {
		if (!files[slot].refs)
			files[slot] = (struct dbfile_entry){sb.st_dev, sb.st_ino, 0};
		files[slot].refs++;
	}
	pthread_mutex_unlock(&lock);
	return slot;
}

void dbfile_release(int slot)
{
	if (slot < 0 || slot >= DBFILE_MAX)
		return;
	pthread_mutex_lock(&lock);
	if (files[slot].refs > 0)
		files[slot].refs--;
	pthread_mutex_unlock(&lock);
}

/* The database a companion file ("x.db-wal") belongs to, into base. */
static int companion_base(const char *path, char *base, size_t size)
{
	static const char *const suffixes[] = {"-wal", "-shm", "-journal"};
	size_t len = strlen(path), i;

	for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		size_t sl = strlen(suffixes[i]);
		if (len > sl && len - sl < size && !strcmp(path + len - sl, suffixes[i])) {
			memcpy(base, path, len - sl);
			base[len - sl] = '\0';
			return 1;
		}
	}
	return 0;
}

int dbfile_is_database(const char *path)
{
	struct stat sb;
	char base[4096];

	if (stat(path, &sb) == 0 && known(&sb))
		return 1;
	if (companion_base(path, base, sizeof(base)) && stat(base, &sb) == 0 && known(&sb))
		return 1;
	return 0;
}
