/*
 * yaml_doc.h - YAML text <-> jansson tree, with ceilings.
 *
 * The reader turns one YAML document into a json_t tree using the YAML 1.2
 * core schema: plain true/false (any case form the spec allows) are booleans,
 * plain null, ~ and empty are null, plain integers (decimal, 0o octal, 0x hex)
 * and floats are numbers, everything else is a string. Quoted scalars are
 * always strings. The YAML 1.1 words yes/no/on/off/y/n stay strings.
 *
 * Inputs come from users (imported libraries), so the reader refuses what it
 * cannot bound: anchors and aliases (billion laughs), documents deeper than
 * max_depth, with more than max_nodes nodes, or longer than max_bytes.
 * Mapping keys must be scalars and unique. Every error names the source and
 * the position: "lib.yaml:12:3: duplicate key 'urn'".
 *
 * The writer emits block style, keeps object key order, and quotes any string
 * that a YAML 1.1 or 1.2 reader could take for something else, so what it
 * writes reads back as the same tree (here and in CISO Assistant).
 */
#ifndef CDCF_YAML_DOC_H
#define CDCF_YAML_DOC_H

#include <jansson.h>
#include <stddef.h>

#include "util/buf.h"
#include "util/err.h"

/* Ceilings for YAML input; each has a test that crosses it. */
#define YAML_MAX_DEPTH 64		  /* nested sequences/mappings */
#define YAML_MAX_NODES 2000000		  /* scalars + sequences + mappings */
#define YAML_MAX_BYTES ((size_t)64 << 20) /* input size */

struct yaml_limits {
	int max_depth;
	size_t max_nodes;
	size_t max_bytes;
};

/* The default limits (the YAML_MAX_* constants). */
void yaml_limits_default(struct yaml_limits *lim);

/*
 * Parse exactly one YAML document from data[0..len) into *out (a new reference
 * the caller owns; json_null() for an empty document). source_name prefixes
 * messages. Returns 0, ERR_INVALID (syntax, alias, duplicate key, unsupported
 * tag, bad number), or ERR_TOO_LARGE (a ceiling was crossed); *out is NULL
 * on error.
 */
int yaml_doc_parse(const char *data, size_t len, const char *source_name, json_t **out,
		   struct err *e);

/* yaml_doc_parse with explicit ceilings (tests; callers with tighter budgets). */
int yaml_doc_parse_limited(const char *data, size_t len, const char *source_name,
			   const struct yaml_limits *lim, json_t **out, struct err *e);

/*
 * Append doc as one YAML document (block style, UTF-8 unescaped, key order
 * kept) to out. Returns 0, ERR_TOO_LARGE when out's ceiling or YAML_MAX_DEPTH
 * is crossed, or ERR_INVALID for a value YAML cannot carry (NaN, infinity).
 * On error out holds what it held before.
 */
int yaml_doc_emit(const json_t *doc, struct buf *out, struct err *e);

#endif
