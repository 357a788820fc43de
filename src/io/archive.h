/*
 * archive.h - the JSON archive of one organization: everything cdcf stores
 * about it (teams, providers, portfolios with entries, actions and cycles
 * with their frozen snapshots), audit events excepted.
 *
 * Format (docs/formats: "cdcf-archive", version 1):
 *
 *   {"format": "cdcf-archive", "version": 1,
 *    "organization": {"name", "parent" (name or null), "created_at"},
 *    "teams": [names, sorted], "providers": [names, sorted],
 *    "portfolios": [{"framework", "created_at", "cycle" (open cycle number),
 *      "next_evaluation" (planned date YYYY-MM-DD or null; absent reads as null),
 *      "entries": [{"ref", "level", "assignment", "team", "provider",
 *                   "insource": {"current", "target"}, "outsource": {...},
 *                   "note", "evidence", "version",
 *                   "custom": {"name_en", "name_ja", "category"} (custom services only)}],
 *      "actions": [{"ref", "title", "owner", "due", "target", "status",
 *                   "created_at", "done_at"}],
 *      "cycles": [{"number", "opened_at", "closed_at", "approved_by",
 *                  "answers" (JSON), "snapshot" (JSON), "snapshot_hash"}]}]}
 *
 * Scores are integers 0..100, "n/a", or null (not assessed). Times
 * (created_at, opened_at, closed_at, done_at) are "YYYY-MM-DDTHH:MM:SSZ"
 * (datetime_valid); versions are 1..ENTRY_VERSION_MAX. Import holds every
 * entry and action to its framework and to the rules the other ways in
 * apply (core/rules.h): a selectable service or a custom one, the parties
 * its assignment needs, scores on the framework's rubric and on the sides
 * the assignment uses, http(s) evidence links, actions on the portfolio's
 * services.
 *
 * Portfolios are sorted by framework, entries by ref in natural order
 * ("A-2" < "A-10"), actions by creation, cycles by number; the last cycle is
 * the open one.
 * Export, import into an empty database and export again gives the same
 * bytes when dumped with JSON_INDENT(2) | JSON_PRESERVE_ORDER.
 */
#ifndef CDCF_ARCHIVE_H
#define CDCF_ARCHIVE_H

#include <jansson.h>

#include "store/store.h"
#include "util/progress.h"

#define ARCHIVE_FORMAT "cdcf-archive"
#define ARCHIVE_VERSION 1
#define ARCHIVE_MAX_BYTES ((size_t)64 << 20) /* archive file read by archive_import_file */

/* The archive of organization org_name as a new JSON reference in *out. */
int archive_export(struct store *st, const char *org_name, json_t **out, struct err *e);

/*
 * Import one organization from doc. The whole document is validated first,
 * with messages naming source_name and the JSON path
 * ("FILE: portfolios[0].entries[3].level: unknown level 'urgent'",
 * "FILE: portfolios[0].entries[0].insource.current: current score for 'A-1'
 * must be 1-5 or n/a, got '100'"); then
 * everything is written in one transaction, keeping timestamps, versions and
 * snapshots, with one "import" audit event. An organization that already
 * exists is ERR_CONFLICT; on any error the database is left as it was.
 */
int archive_import(struct store *st, const json_t *doc, const char *source_name, struct err *e);

/* Read path (at most ARCHIVE_MAX_BYTES, duplicate keys refused; a syntax error
 * is ERR_INVALID "PATH:LINE:COLUMN: ...") and import it, telling p (may be NULL) of the
 * rows written (entries, positions, actions, cycles); a caught SIGINT/SIGTERM stops it
 * with ERR_INTERRUPTED and nothing written (util/progress.h). */
int archive_import_file(struct store *st, const char *path, struct progress_watch *p,
			struct err *e);

#endif
