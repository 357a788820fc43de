/*
 * ops_interop.h - a framework library or a mapping library imported into the
 * database: the one action behind `cdcf framework import`, `cdcf mapping
 * import` and the administrators' upload pages (/admin/frameworks,
 * /admin/mappings).
 *
 *   struct ops_library_summary sum;
 *   rc = ops_framework_import(st, &who, "nist-csf.yaml", text, len, dry_run, &sum, &e);
 *   sum.id, sum.name_en, sum.format, sum.categories, sum.services, sum.functions
 *   ops_library_summary_release(&sum);
 *
 * Frameworks and mapping sets are installation-wide: only a site
 * administrator (or the command line, who NULL) imports one. Every check is
 * made before anything is written; storing is one transaction with its audit
 * event, and the database is untouched on any refusal. A dry run makes every
 * check and fills the summary without writing or registering anything.
 */
#ifndef CDCF_OPS_INTEROP_H
#define CDCF_OPS_INTEROP_H

#include <stddef.h>

#include "ops/ops.h"

/* What an import read (or would read, on a dry run). */
struct ops_library_summary {
	char *id;		 /* framework id, or the mapping set's ref_id */
	char *name_en, *name_ja; /* name_ja NULL when none */
	const char *format;	 /* "ciso-yaml" or "oscal-json" (static) */
	/* a framework */
	size_t nodes, categories, services, functions;
	/* a mapping set */
	char *urn;		     /* the library urn */
	char *source_fw, *target_fw; /* framework ids */
	size_t pairs;
};
void ops_library_summary_release(struct ops_library_summary *s);

/* The counts of fw's nodes into out (added to what is there): nodes; categories
 * (categories, areas, foundations); services as portfolios count them (a
 * function assessed on its own is a part of its service); functions and
 * subfunctions. The pages list every framework with them. */
void ops_library_counts(const struct framework *fw, struct ops_library_summary *out);

/*
 * Import the framework library text (a CISO Assistant YAML library or an
 * OSCAL JSON catalog, told apart by its content) read from name (a file
 * name, named in errors). ERR_DENIED for anybody but a site administrator;
 * ERR_CONFLICT (field "id") when its id is shipped or already imported;
 * ERR_INVALID / ERR_TOO_LARGE naming the place in the file. out is
 * initialised here.
 */
int ops_framework_import(struct store *st, const struct ops_actor *who, const char *name,
			 const char *text, size_t len, int dry_run, struct ops_library_summary *out,
			 struct err *e);

/*
 * Import the CISO Assistant mapping library text (one requirement_mapping_set
 * between two frameworks shipped or imported), as ops_framework_import.
 * ERR_NOT_FOUND names a framework neither shipped nor imported; ERR_CONFLICT
 * (field "urn") a set already there.
 */
int ops_mapping_import(struct store *st, const struct ops_actor *who, const char *name,
		       const char *text, size_t len, int dry_run, struct ops_library_summary *out,
		       struct err *e);

#endif
