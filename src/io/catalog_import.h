/*
 * catalog_import.h - frameworks imported into a database: a CISO Assistant
 * framework library (YAML, as catalog_load reads it) or an OSCAL catalog
 * (JSON, io/oscal_catalog_in.c). The text is kept in the database
 * (store/store_framework.h) and the framework joins the process registry
 * (catalog_get, catalog_at) when the database is opened.
 */
#ifndef CDCF_CATALOG_IMPORT_H
#define CDCF_CATALOG_IMPORT_H

#include <stddef.h>

#include "core/framework.h"
#include "store/store.h"
#include "util/err.h"

/*
 * Parse a library text: format "ciso-yaml" or "oscal-json" (NULL: guessed,
 * a JSON object with "catalog" is OSCAL, anything else YAML). *format_out,
 * when not NULL, receives the format used (a static string).
 */
int catalog_parse_library(const char *text, size_t len, const char *format, const char *source_name,
			  struct framework **out, const char **format_out, struct err *e);

/* What catalog_import_text read: the framework, registered, or on a dry run
 * parsed and owned here (released by catalog_import_got_release). */
struct catalog_import_got {
	const struct framework *fw;
	struct framework *owned; /* the dry run's */
	const char *format;	 /* "ciso-yaml" or "oscal-json" (static) */
};
void catalog_import_got_release(struct catalog_import_got *got);

/*
 * Import a library text (read from source, a path or file name, named in
 * errors; its last part is kept): parse and check it, refuse an id that a
 * shipped framework or one already imported uses (ERR_CONFLICT, field "id"),
 * then unless dry_run store it (store_framework_add: one transaction with
 * its audit event) and register it. The database is untouched on any
 * refusal and on a dry run. got is initialised here.
 */
int catalog_import_text(struct store *st, const char *text, size_t len, const char *source,
			int dry_run, struct catalog_import_got *got, struct err *e);

/*
 * Import the file at path into the database st: read (at most
 * STORE_FRAMEWORK_MAX bytes), parse and check it, refuse an id that a shipped
 * framework or one already imported uses, then store it (one transaction)
 * and register it. On success *id (may be NULL) is the new framework's id
 * (a new string). The database is untouched on any refusal.
 */
int catalog_import_file(struct store *st, const char *path, char **id, struct err *e);

/* Register every framework imported into st not registered yet (called when a
 * database is opened). One that no longer reads is left out (its portfolios then
 * meet "unknown framework") and the others still load; the first such error is
 * returned. */
int catalog_imported_load(struct store *st, struct err *e);

#endif
