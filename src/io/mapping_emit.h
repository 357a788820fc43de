/*
 * mapping_emit.h - a mapping set written as a CISO Assistant mapping
 * library (YAML), the format `cdcf mapping import` reads back.
 *
 *   const struct mapping_set *m = mapping_find_directed("x1060-2021", "first-csirt-2.1");
 *   if (!m)
 *           return err_fail(e, ERR_NOT_FOUND, "mapping", ...);
 *   rc = mapping_ciso_yaml(m, &out, e);
 *
 * The library is rebuilt from the set as cdcf holds it (shipped or imported:
 * the same writer for both), so a library read from another tool comes out
 * normalised: the rows as cdcf resolved them, every requirement urn the
 * urn of the node in its framework.
 */
#ifndef CDCF_MAPPING_EMIT_H
#define CDCF_MAPPING_EMIT_H

#include <jansson.h>

#include "core/mapping.h"
#include "util/buf.h"
#include "util/err.h"

/* The registered set from framework source to framework target, in that
 * direction (a shipped one first, else the first imported), or NULL. */
const struct mapping_set *mapping_find_directed(const char *source, const char *target);

/*
 * The library of m as a JSON tree (new reference), keys in this order: urn
 * (the urn an imported set was registered under, else
 * "urn:cdcf:risk:library:" and the set's id), locale, ref_id (the set's id),
 * name, description, version, packager, dependencies (the library urns of
 * both frameworks), cdcf {id, name_ja, judgement "cdcf" for cdcf's own},
 * objects.requirement_mapping_set {urn, ref_id, name, source_framework_urn,
 * target_framework_urn, requirement_mappings [{source_requirement_urn,
 * target_requirement_urn, relationship, rationale}]}. A framework urn is its
 * library urn with ":library:ID" made ":framework:ID" (the reader takes the
 * id from the part after ":framework:"); a requirement urn is its node's urn
 * when the node has one naming the framework ("...:req_node:ID:ref"), else
 * one made of the framework urn's prefix, ":req_node:", the id and the ref.
 * Rows keep the set's order.
 */
json_t *mapping_ciso_json(const struct mapping_set *m);

/* mapping_ciso_json as YAML appended to out; 0 or the writer's error
 * (ERR_TOO_LARGE when out's ceiling is crossed). */
int mapping_ciso_yaml(const struct mapping_set *m, struct buf *out, struct err *e);

/* Ceiling of an exported library: the largest set (MAPPING_MAX_ROWS rows
 * of long urns and rationales) fits. */
#define MAPPING_EXPORT_MAX_BYTES ((size_t)128 << 20)

#endif
