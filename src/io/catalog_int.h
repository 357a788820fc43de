/*
 * catalog_int.h - what the parts of the catalogue reader share: catalog.c
 * (library header and nodes), catalog_field.c (typed access to members) and
 * catalog_rubric.c (rubrics and presets); not for other modules.
 *
 * Every function here returns 0 or ERR_INVALID, with a message in c->e of the
 * form "SOURCE: WHERE: what" (WHERE may be NULL or empty).
 */
#ifndef CDCF_CATALOG_INT_H
#define CDCF_CATALOG_INT_H

#include <jansson.h>

#include "core/framework.h"
#include "util/err.h"
#include "util/strmap.h"

struct catalog_ctx {
	const char *src; /* source name in messages */
	struct err *e;
};

/* Report message id (with its arguments, err_fail's conventions) found at "SRC: WHERE"
 * (e->where) as ERR_INVALID; returns ERR_INVALID. */
int catalog_fail(struct catalog_ctx *c, const char *where, enum msg_id id, ...);

/*
 * Typed members of obj. An absent or null member gives NULL (get_int: *present
 * = 0; get_bool: *out unchanged); a member of another type is an error naming
 * key and where. Strings are borrowed from the JSON.
 */
int catalog_get_str(struct catalog_ctx *c, const json_t *obj, const char *key, const char *where,
		    const char **out);
int catalog_get_obj(struct catalog_ctx *c, const json_t *obj, const char *key, const char *where,
		    const json_t **out);
int catalog_get_int(struct catalog_ctx *c, const json_t *obj, const char *key, const char *where,
		    long long *out, int *present);
int catalog_get_bool(struct catalog_ctx *c, const json_t *obj, const char *key, const char *where,
		     int *out);

/* catalog_get_str, and an absent or empty string is an error. */
int catalog_need_str(struct catalog_ctx *c, const json_t *obj, const char *key, const char *where,
		     const char **out);

/*
 * An {en, ja} pair of strings under key: *en and *ja are new copies (NULL when
 * absent or empty). en is required when need_en, and so is the pair itself.
 */
int catalog_get_pair(struct catalog_ctx *c, const json_t *obj, const char *key, const char *where,
		     int need_en, char **en, char **ja);

/* translations.ja.<key> of a CISO Assistant object (borrowed), or NULL. */
const char *catalog_ja_translation(const json_t *obj, const char *key);

/*
 * The rubric of each side: framework.cdcf.rubrics {insource, outsource} when
 * present (outsource defaults to a copy of insource), else the framework's
 * CISO Assistant min_score/max_score/scores_definition for both sides.
 * fwext (framework.cdcf) may be NULL. Also framework.cdcf.scales
 * {readiness, parameter}: the one-sided scales (fw->scale). Each rubric may
 * have a title {en, ja}.
 */
int catalog_read_rubrics(struct catalog_ctx *c, const json_t *fwo, const json_t *fwext,
			 struct framework *fw);

/*
 * framework.cdcf.assessment {node kind: model}: how each assessable node is
 * assessed (core/framework.h, enum assessment), and how the organization's
 * own services are (the model of kind 'service', else of the first
 * assessable node that is not a foundation component). Without a declaration
 * every assessable node is a service. A declaration names every assessable
 * kind, and a readiness or parameter model needs its scale (read by
 * catalog_read_rubrics, which must run first).
 */
int catalog_read_assessment(struct catalog_ctx *c, const json_t *fwext, struct framework *fw);

/*
 * framework.cdcf.presets into fw->presets. Needs fw's nodes read: refs maps
 * each node's ref_id to its index, and every level must name an assessable
 * node. fwext may be NULL (no presets).
 */
int catalog_read_presets(struct catalog_ctx *c, const json_t *fwext, struct framework *fw,
			 const struct strmap *refs);

#endif
