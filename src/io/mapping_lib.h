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

/* The shipped mapping sets, parsed once (thread-safe); 0 or the error of the
 * first file that does not load (a build defect). *sets stays owned here. */
int mapping_registry(const struct mapping_set *const **sets, size_t *n, struct err *e);

/* The shipped set relating framework a and b in either direction, or NULL. */
const struct mapping_set *mapping_registry_find(const char *a, const char *b);

#endif
