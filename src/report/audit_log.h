/*
 * audit_log.h - the audit log in people's words, for every front end that
 * shows it (the audit page, its CSV download, `cdcf audit`): what happened
 * ("Service changed", never the stored code "entry.update"), the fields that
 * changed between the stored before and after JSON, each named in the
 * chosen language with its values as a person reads them (levels,
 * assignments and roles in words, yes/no, times as "2026-04-01 09:30 UTC"),
 * and the CSV for spreadsheets of a list of events.
 *
 *   static int row(void *ctx, const char *field, const char *before, const char *after)
 *   { ... }
 *   long n = audit_changes(lang, ev->before_json, ev->after_json, row, ctx);
 *   -> -1: nothing to compare (neither side is a JSON object); else the rows given
 */
#ifndef CDCF_AUDIT_LOG_H
#define CDCF_AUDIT_LOG_H

#include <stddef.h>

#include "i18n/i18n.h"
#include "util/buf.h"

#define AUDIT_VALUE_MAX ((size_t)64 << 10) /* one value as text */

/* What an event code means in lang ("Other change" for a code without words). */
const char *audit_event_words(enum lang lang, const char *code);

/* A stored time "YYYY-MM-DDTHH:MM:SSZ" as "YYYY-MM-DD HH:MM UTC" (other text as
 * it is, NULL as ""), into out. */
void audit_time_words(const char *at, char out[32]);

/* One changed field: its name in the caller's language (a field of a nested
 * object as "In-house — Current"), its values before and after as plain text
 * ("" for none; the caller escapes them for its format). Nonzero stops. */
typedef int (*audit_change_fn)(void *ctx, const char *field, const char *before, const char *after);

/*
 * Call fn for every field that differs between the event's before and after
 * JSON objects (either may be NULL: every field of the other is new or gone),
 * fields of the after object first; a field that is an object on both sides
 * (a score side) is compared field by field; "version" is left out (every
 * change bumps it). Returns the number of fields given to fn, or -1 when
 * neither text is a JSON object (nothing to compare).
 */
long audit_changes(enum lang lang, const char *before_json, const char *after_json,
		   audit_change_fn fn, void *ctx);

/*
 * The audit log's CSV for spreadsheets, as the report's (report_csv_cell):
 * audit_csv_begin writes the byte order mark and the headings (When, Who,
 * What, Subject, Field, Before, After) in lang; audit_csv_event one event as
 * one row per changed field, or one row without field when none changed.
 * Both return buf_status(out).
 */
int audit_csv_begin(struct buf *out, enum lang lang);
int audit_csv_event(struct buf *out, enum lang lang, const char *at, const char *actor,
		    const char *action, const char *subject, const char *before_json,
		    const char *after_json);

#endif
