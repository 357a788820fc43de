/*
 * framework_ciso.h - a framework written as a CISO Assistant framework
 * library (YAML), for frameworks that have no library text of their own
 * (one imported from an OSCAL catalog).
 */
#ifndef CDCF_FRAMEWORK_CISO_H
#define CDCF_FRAMEWORK_CISO_H

#include <jansson.h>

#include "core/framework.h"
#include "util/buf.h"
#include "util/err.h"

/* The library as a JSON tree (new reference): urn, ref_id, name, version,
 * cdcf {id, name_ja}, objects.framework with min_score, max_score,
 * scores_definition (the in-house rubric) and requirement_nodes (urn,
 * ref_id, name, description, parent_urn, depth, assessable, translations.ja,
 * cdcf {kind, status}). catalog_from_json reads it back as the same tree. */
json_t *framework_ciso_json(const struct framework *fw);

/* framework_ciso_json as YAML appended to out. */
int framework_ciso_yaml(const struct framework *fw, struct buf *out, struct err *e);

#endif
