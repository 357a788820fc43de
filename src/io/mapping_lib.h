/*
 * mapping_lib.h - mapping libraries (CISO Assistant format) and the mappings
 * shipped in the binary (catalogs/mappings/).
 *
 * A library holds objects.requirement_mapping_set (or a list of them under
 * requirement_mapping_sets) with source_framework_urn, target_framework_urn
 * and requirement_mappings: source_requirement_urn, target_requirement_urn,
 * relationship, rationale. Framework ids are the last part of the framework
 * urns ("urn:cdcf:risk:framework:x1060-2021" -> "x1060-2021"), service refs
 * the part after the framework id in the node urns
 * ("urn:cdcf:risk:req_node:x1060-2021:A-1" -> "A-1").
 */
#ifndef CDCF_MAPPING_LIB_H
#define CDCF_MAPPING_LIB_H

#include <jansson.h>
#include <stddef.h>

#include "core/mapping.h"
#include "util/err.h"

/* Ceiling of rows in one mapping set. */
#define MAPPING_MAX_ROWS 100000

/* The first mapping set of the parsed library lib into *out (a new set the
 * caller frees with mapping_set_free). source_name names the library in
 * errors. 0, ERR_INVALID (a field missing or wrong, naming it) or ERR_TOO_LARGE. */
int mapping_from_json(const json_t *lib, const char *source_name, struct mapping_set **out,
		      struct err *e);

/* The shipped mapping sets, parsed once (thread-safe), followed by the sets
 * imported into a database opened in this process, in import order; 0 or the
 * error of the first shipped file that does not load (a build defect). *sets
 * stays owned here and stays valid for the process's life. */
int mapping_registry(const struct mapping_set *const **sets, size_t *n, struct err *e);

/* The set relating framework a and b in either direction, or NULL: a shipped
 * one first, else the first imported. */
const struct mapping_set *mapping_registry_find(const char *a, const char *b);

struct store;

/* What mapping_import_text read: the set, registered, or on a dry run parsed
 * and owned here; urn is the library urn (a new string). */
struct mapping_import_got {
	const struct mapping_set *set;
	struct mapping_set *owned; /* the dry run's */
	char *urn;
};
void mapping_import_got_release(struct mapping_import_got *got);

/*
 * mapping_import_file on a text read from source (a path or file name, named
 * in errors; its last part is kept), and with dry_run every check without
 * storing or registering. got is initialised here.
 */
int mapping_import_text(struct store *st, const char *text, size_t len, const char *source,
			int dry_run, struct mapping_import_got *got, struct err *e);

/*
 * Import the CISO Assistant mapping library at path into the database st:
 * read (at most STORE_MAPPING_MAX bytes; the YAML reader refuses aliases),
 * parse its one requirement_mapping_set, check that both frameworks are
 * shipped or imported (ERR_NOT_FOUND naming the framework urn) and that every
 * source/target requirement urn is a node of its framework (ERR_INVALID
 * naming the first few that are not), refuse a set already there with the
 * same library urn, source and target framework (ERR_CONFLICT, field "urn":
 * never replaced), then store it (one transaction with its audit event) and
 * register it. Row refs are the frameworks' ref_ids. On success *out (may be
 * NULL) is the registered set. The database is untouched on any refusal.
 */
int mapping_import_file(struct store *st, const char *path, const struct mapping_set **out,
			struct err *e);

/* Register every mapping set imported into st not registered yet (called when a
 * database is opened, after its frameworks). One that no longer reads is left
 * out and reported in *e (the others still load). */
int mapping_imported_load(struct store *st, struct err *e);

/* The library urn an imported set m of the registry was registered under
 * (valid for the process's life), or NULL for a shipped set. */
const char *mapping_registry_urn(const struct mapping_set *m);

#endif
