/*
 * fileio.h - whole-file reads with a ceiling and atomic writes.
 */
#ifndef CDCF_FILEIO_H
#define CDCF_FILEIO_H

#include <stddef.h>

#include "util/err.h"

/* Read path into a NUL-terminated buffer the caller frees; ERR_TOO_LARGE past max. */
int file_read_all(const char *path, size_t max, char **out, size_t *len, struct err *e);
/* Write to path.tmp then rename over path, so readers never see half a file. */
int file_write_atomic(const char *path, const char *data, size_t len, struct err *e);
int file_write_stdout(const char *data, size_t len, struct err *e);

#endif
