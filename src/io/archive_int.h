/*
 * archive_int.h - what archive.c (export, import) and archive_check.c
 * (validation) share; not for other modules.
 */
#ifndef CDCF_ARCHIVE_INT_H
#define CDCF_ARCHIVE_INT_H

#include <jansson.h>

#include "io/archive.h"

#define JPATH_MAX 160 /* longest JSON path in a message */

struct archive_ctx {
	const char *src; /* source name in messages */
	struct err *e;
	const char **teams, **providers; /* sorted names, filled by archive_check */
	size_t n_teams, n_providers;
};

/* Validate the whole document; on error e says "SRC: PATH: what". */
int archive_check(struct archive_ctx *c, const json_t *doc);

/* Put "SRC: PATH" in front of an error another module reported; returns rc. */
int archive_prefix(struct archive_ctx *c, const char *path, int rc);

/* dst = base.key and base.key[i] (at most JPATH_MAX bytes, cut short past that). */
void archive_path(char *dst, const char *base, const char *key);
void archive_path_index(char *dst, const char *base, const char *key, size_t i);

/* Fill en from a validated entry object; strings are borrowed from the JSON. */
void archive_entry_from_json(const json_t *j, struct entry *en);

/* Canonical text of a stored JSON value (answers, snapshot): compact, in
 * document order; NULL for NULL. The caller frees. */
char *archive_canonical(const json_t *v);

#endif
