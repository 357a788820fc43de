/*
 * catalog.h - CISO Assistant framework libraries -> struct framework, and the
 * process-wide registry of the catalogues shipped in the binary.
 *
 * A library is read as CISO Assistant writes it (urn, name, version, objects.
 * framework with min_score/max_score/scores_definition and a flat
 * requirement_nodes list linked by parent_urn). cdcf's own data sits under a
 * `cdcf:` key on the library, the framework object and each node:
 *
 *   library:   cdcf: {id, name_ja, edition, source_note}
 *   framework: cdcf: {rubrics: {insource: R, outsource: R}, presets: [P...]}
 *              R = {min, max, na: {en, ja}, points: [{score, name: {en, ja},
 *                   criterion: {en, ja}}]}        (no na: n/a not allowed)
 *              P = {id, name: {en, ja}, description: {en, ja},
 *                   levels: {<ref_id>: not_required|basic|standard|advanced|optional}}
 *   node:      cdcf: {kind, status, source, name_ja, description_ja,
 *                     quadrant: {skill: 0-100, info: 0-100}, management: bool}
 *
 * Libraries without these keys (any third-party CISO Assistant library) load
 * too: the id comes from the library urn's last segment, nodes are verified,
 * a node's kind follows from its place (depth 1 and not assessable: category;
 * assessable: service; deeper and not assessable: function), Japanese names
 * come from translations.ja, a missing ref_id is taken from the node urn's
 * last segment, and the framework's score scale is the rubric of both sides.
 */
#ifndef CDCF_CATALOG_H
#define CDCF_CATALOG_H

#include <jansson.h>
#include <stddef.h>

#include "core/framework.h"
#include "util/err.h"

/*
 * Build a framework from a parsed library. Validates that the library and
 * framework urns and ref_ids are present, every node has a urn (and, in a
 * cdcf library, a ref_id), urns and ref_ids are unique, every parent_urn
 * resolves without cycles, a given depth matches the tree, kinds, statuses,
 * quadrants, rubric scores and preset levels are valid. Messages name the
 * source and the node ("lib.yaml: node 'A-3': unknown kind 'team'").
 * On success *out is a new framework the caller frees with framework_free().
 * Returns 0 or ERR_INVALID; *out is NULL on error.
 */
int catalog_from_json(const json_t *lib, const char *source_name, struct framework **out,
		      struct err *e);

/* yaml_doc_parse() then catalog_from_json(). Also ERR_TOO_LARGE from the YAML ceilings. */
int catalog_load(const char *data, size_t len, const char *source_name, struct framework **out,
		 struct err *e);

/*
 * Parse every embedded catalogue (the catalogs/ YAML files compiled into the binary)
 * once. Idempotent and thread-safe (pthread_once); later calls return the
 * first call's result. Embedded libraries without a framework (mapping
 * libraries) are skipped. Fails if a shipped catalogue is invalid or two
 * define the same framework id.
 */
int catalog_registry_init(struct err *e);

/*
 * Lookups over the registry; each initialises it on first use (check
 * catalog_registry_init() once at start-up to see why a load failed).
 * catalog_get returns NULL for an unknown id; before the whole registry is
 * needed it parses only the shipped file named "<id>.yaml", so a command
 * about one framework does not parse them all. The order of catalog_at is
 * stable: x1060-2021, x1060-2026, first-csirt-2.1, first-psirt-1.1,
 * sim3-v1, then any others by id. Returned frameworks are immutable and live
 * until catalog_registry_release().
 */
const struct framework *catalog_get(const char *id);
size_t catalog_count(void);
const struct framework *catalog_at(size_t i);

/* The shipped framework id only, or only one imported into a database. */
const struct framework *catalog_get_shipped(const char *id);
const struct framework *catalog_get_imported(const char *id);

/*
 * Add an imported framework (taking ownership of fw) after the shipped ones;
 * thread-safe. When one with the same id is registered already, fw is freed
 * and that one returned. Use catalog_import_file / catalog_imported_load.
 */
const struct framework *catalog_add_imported(struct framework *fw);

/*
 * Free the registry. For the end of the process (leak checkers): no other
 * thread may use the registry during or after the call, and it is not
 * loaded again (the lookups then find nothing).
 */
void catalog_registry_release(void);

#endif
