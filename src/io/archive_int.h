/*
 * archive_int.h - what archive.c (export, import), archive_check.c
 * (validation) and archive_field.c (typed field access) share; not for
 * other modules.
 */
#ifndef CDCF_ARCHIVE_INT_H
#define CDCF_ARCHIVE_INT_H

#include "util/progress.h"
#include <jansson.h>

#include "io/archive.h"

#define JPATH_MAX 160 /* longest JSON path in a message */

struct archive_ctx {
	const char *src; /* source name in messages */
	struct err *e;
	const char *org_name;		 /* the archive's organization, filled by archive_check */
	const char **teams, **providers; /* sorted names, filled by archive_check */
	size_t n_teams, n_providers;
	struct progress_watch *progress; /* told of each row written, NULL: only stoppable */
	uint64_t done, total;		 /* rows written, rows to write */
};

/* Report message id with its arguments (err_fail's conventions) as ERR_INVALID, found
 * at "SRC: PATH" ("SRC" for the empty path) and about the field PATH: "SRC: PATH:
 * message". Returns ERR_INVALID. archive_fail_code does the same with another code. */
int archive_fail(struct archive_ctx *c, const char *path, enum msg_id id, ...);
int archive_fail_code(struct archive_ctx *c, int code, const char *path, enum msg_id id, ...);
/* The same about the member key of the object at path: found at "SRC: PATH", its
 * field is PATH.KEY ("missing field 'ref'"). */
int archive_fail_at(struct archive_ctx *c, const char *path, const char *key, enum msg_id id, ...);

/* What a field must hold, and whether it may be absent or null. */
enum archive_kind { AK_STRING, AK_INT, AK_OBJECT, AK_ARRAY, AK_ANY };
enum { AF_OPTIONAL = 0, AF_REQUIRED = 1, AF_NULLABLE = 2 };

/* "an object", "a string", ... as a word of the tables, for messages ("expected %M, got %M"). */
enum msg_id archive_json_kind(const json_t *v);

/*
 * Field key of obj (at path) into *out: NULL when absent, or when null and
 * AF_NULLABLE (or AK_ANY). An AF_REQUIRED field must be present; null only
 * passes with AF_NULLABLE; strings must not hold NUL characters.
 */
int archive_member(struct archive_ctx *c, const json_t *obj, const char *path, const char *key,
		   enum archive_kind k, int flags, const json_t **out);

/* archive_member for a string (borrowed); archive_member_name also checks it
 * as the store checks names. */
int archive_member_str(struct archive_ctx *c, const json_t *obj, const char *path, const char *key,
		       int flags, const char **out);
int archive_member_name(struct archive_ctx *c, const json_t *obj, const char *path, const char *key,
			int flags, const char **out);

/* A score field: an integer 0-100, "n/a" or null (absent is null). */
int archive_member_score(struct archive_ctx *c, const json_t *obj, const char *path,
			 const char *key, int *out);

/* Refuse any field of obj not in the NULL-terminated list keys. */
int archive_only_keys(struct archive_ctx *c, const json_t *obj, const char *path,
		      const char *const *keys);

/* Sorted (string, index) pairs, to find duplicates and look names up. */
struct archive_keyed {
	const char *s;
	size_t i;
};

/* Sort k[0..n) by string, then index; return the first (by position) element
 * whose string repeats an earlier one, or n. */
size_t archive_first_duplicate(struct archive_keyed *k, size_t n);

/* Validate the whole document; on error e says "SRC: PATH: what". */
int archive_check(struct archive_ctx *c, const json_t *doc);

/* Place an error another module reported at "SRC: PATH", the field it is about being
 * PATH; returns rc. archive_prefix_in is for an error about a member of the object at
 * PATH: its field is PATH.FIELD (the reporter's field), or PATH when it named none. */
int archive_prefix(struct archive_ctx *c, const char *path, int rc);
int archive_prefix_in(struct archive_ctx *c, const char *path, int rc);

/* dst = base.key and base.key[i] (at most JPATH_MAX bytes, cut short past that). */
void archive_path(char *dst, const char *base, const char *key);
void archive_path_index(char *dst, const char *base, const char *key, size_t i);

/* Fill en from a validated entry object; strings are borrowed from the JSON. */
void archive_entry_from_json(const json_t *j, struct entry *en);

/* Canonical text of a stored JSON value (answers, snapshot): compact, in
 * document order; NULL for NULL. The caller frees. */
char *archive_canonical(const json_t *v);

#endif
