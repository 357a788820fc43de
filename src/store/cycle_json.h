/*
 * cycle_json.h - the JSON a closed cycle stores, and the JSON form of scores
 * that entries, actions, audit events and archives share.
 *
 * A snapshot is the canonical JSON of a portfolio at the close of a cycle:
 * {"framework", "cycle", "entries": [{"ref", "level", "assignment", "team",
 * "provider", "insource": {"current", "target"}, "outsource": {...},
 * "note", "custom": {...}?}]} with scores as integers, "n/a" or null.
 * Its hash is the sha256 of the compact serialisation (json_dumps with
 * JSON_COMPACT | JSON_PRESERVE_ORDER), so the same portfolio always gives the
 * same hash. The evaluation answers are the object core/evaluation.h describes.
 *
 * core/ holds the rules (portfolio, questions, change list) without any JSON
 * library type; this is where they meet JSON, in the lowest layer that stores
 * it. store.h includes this header.
 */
#ifndef CDCF_CYCLE_JSON_H
#define CDCF_CYCLE_JSON_H

#include <jansson.h>

#include "core/portfolio.h"
#include "core/snapshot.h"
#include "util/err.h"

/* New reference to the snapshot of p. */
json_t *snapshot_of(const struct portfolio *p);

/*
 * Rebuild a portfolio from a snapshot (the inverse of snapshot_of, for
 * rolling up a closed cycle with the one scoring module): framework id,
 * cycle and every entry with its level, assignment, team, provider, scores,
 * note and custom fields, sorted as portfolio_sort does. fw (may be NULL) is
 * attached as out->fw, borrowed; the framework id is the snapshot's, else
 * fw's. Entries it cannot read (no ref, unknown level, assignment or score)
 * are skipped: a snapshot is frozen data written by cdcf, and one odd entry
 * must not hide the rest. out must be initialised (portfolio_init) and
 * empty; the caller releases it with portfolio_release whatever the result.
 * Returns 0, or ERR_INVALID when snap is not an object or its entries not a
 * list (out then holds no entries). For any sorted portfolio p,
 * snapshot_of(snapshot_to_portfolio(snapshot_of(p))) equals snapshot_of(p).
 */
int snapshot_to_portfolio(const json_t *snap, const struct framework *fw, struct portfolio *out);

/* Score to JSON (integer, "n/a" or null) and back (-1 on a bad value). */
json_t *score_to_json(int score);
int score_from_json(const json_t *v, int *out);

/* Diff snapshot a (older) against b (newer); *out allocated (change_list_free),
 * returns the count. */
size_t snapshot_diff(const json_t *a, const json_t *b, struct change **out);

/*
 * Check evaluation answers (core/evaluation.h): an object of known sections
 * and questions whose answers are text, each passing eval_check_answer.
 * Errors are found at "answers" or "answers: SECTION.KEY" (e->where) and name
 * the question as their field: "answers: catalogue.appropriate: missing answer".
 */
int eval_validate(const json_t *answers, struct err *e);

#endif
