/*
 * framework_json.h - a shipped framework as JSON, one shape for every front
 * end (`cdcf framework ... --json`, `cdcf rubric --json`, /api/v1/frameworks).
 * Each function returns a new reference.
 */
#ifndef CDCF_FRAMEWORK_JSON_H
#define CDCF_FRAMEWORK_JSON_H

#include <jansson.h>

#include "core/framework.h"

/* {"en": en or "", "ja": ja or null} */
json_t *names_json(const char *en, const char *ja);

/* {"id", "name", "edition", "nodes", "services", "verified", "presets"}: counts. */
json_t *framework_summary_json(const struct framework *fw);

/* [{"ref_id", "kind", "parent", "status", "assessable", "name", "description"?, "source"?}] */
json_t *framework_nodes_json(const struct framework *fw);

/* {"min", "max", "has_na", "na_criterion", "points": [{"score", "name", "criterion"}]} */
json_t *rubric_json(const struct rubric *r);
/* The one-sided scales (readiness, parameter) by model name: {"readiness": rubric}. */
json_t *framework_scales_json(const struct framework *fw);

/* [{"id", "name", "description", "levels": [{"ref", "level"}]}] */
json_t *framework_presets_json(const struct framework *fw);

/* The whole framework: summary fields, "version", "nodes", "rubrics", "presets". */
json_t *framework_json(const struct framework *fw);

#endif
