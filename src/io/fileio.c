#include "io/fileio.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/dbfile.h"
#include "util/progress.h"
#include "util/xalloc.h"

#define FILE_WRITE_PIECE ((size_t)1 << 20) /* bytes written between two checks for a stop */

/* Opening the open database with anything but SQLite would drop its locks
 * (util/dbfile.h); replacing it would destroy it. */
static int refuse_database(const char *path, struct err *e)
{
	return err_fail(e, ERR_INVALID, NULL, MSG_E_FILE_IS_DATABASE, path);
}

int file_read_all(const char *path, size_t max, char **out, size_t *len, struct err *e)
{
	FILE *f;
	char *data;
	size_t n = 0, cap = 4096;

	if (dbfile_is_database(path))
		return refuse_database(path, e);
	f = fopen(path, "rb");
	if (!f)
		return err_fail(e, ERR_IO, NULL, MSG_E_FILE_OPEN, path, ERR_SYS(errno));
	data = xmalloc(cap);
	for (;;) {
		size_t got;
		if (n + 1 >= cap) {
			cap *= 2;
			data = xrealloc(data, cap);
		}
		got = fread(data + n, 1, cap - n - 1, f);
		n += got;
		if (n > max) {
			fclose(f);
			free(data);
			return err_fail(e, ERR_TOO_LARGE, NULL, MSG_E_FILE_TOO_LARGE, path, max);
		}
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		fclose(f);
		free(data);
		return err_fail(e, ERR_IO, NULL, MSG_E_FILE_READ, path);
	}
	fclose(f);
	data[n] = '\0';
	*out = data;
	if (len)
		*len = n;
	return 0;
}

int file_write_atomic(const char *path, const char *data, size_t len, struct err *e)
{
	char tmp[4096];
	size_t at, piece = 0;
	FILE *f;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int)sizeof(tmp))
		return err_fail(e, ERR_INVALID, NULL, MSG_E_PATH_TOO_LONG, path);
	if (dbfile_is_database(path) || dbfile_is_database(tmp))
		return refuse_database(path, e);
	f = fopen(tmp, "wb");
	if (!f && progress_at(NULL, 0, len, e)) /* a caught signal cut the open short */
		return ERR_INTERRUPTED;
	if (!f)
		return err_fail(e, ERR_IO, NULL, MSG_E_FILE_WRITE, path, ERR_SYS(errno));
	/* in pieces, so that a caught SIGINT/SIGTERM stops it: the file is then not written */
	for (at = 0; at < len; at += piece) {
		piece = len - at < FILE_WRITE_PIECE ? len - at : FILE_WRITE_PIECE;
		if (progress_at(NULL, at, len, e)) {
			fclose(f);
			remove(tmp);
			return ERR_INTERRUPTED;
		}
		if (fwrite(data + at, 1, piece, f) != piece)
			break;
	}
	if (at < len || fclose(f)) {
		if (at < len)
			fclose(f);
		remove(tmp);
		return err_fail(e, ERR_IO, NULL, MSG_E_FILE_WRITE, path, ERR_SYS(errno));
	}
	if (progress_at(NULL, len, len, e)) {
		remove(tmp);
		return ERR_INTERRUPTED;
	}
	if (rename(tmp, path)) {
		remove(tmp);
		return err_fail(e, ERR_IO, NULL, MSG_E_FILE_WRITE, path, ERR_SYS(errno));
	}
	return 0;
}

int file_write_stdout(const char *data, size_t len, struct err *e)
{
	if (fwrite(data, 1, len, stdout) != len || fflush(stdout))
		return err_fail(e, ERR_IO, NULL, MSG_E_STDOUT_WRITE);
	return 0;
}
