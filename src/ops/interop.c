/*
 * interop.c - framework and mapping libraries imported into the database
 * (see ops_interop.h). The parsing and the checks against the registry are
 * io's (catalog_import.c, mapping_lib.c), storing is store's; here are who
 * may import and what the summary says.
 */
#include "ops/ops_interop.h"

#include <stdlib.h>
#include <string.h>

#include "io/catalog_import.h"
#include "io/mapping_lib.h"
#include "util/xalloc.h"

void ops_library_summary_release(struct ops_library_summary *s)
{
	if (!s)
		return;
	free(s->id);
	free(s->name_en);
	free(s->name_ja);
	free(s->urn);
	free(s->source_fw);
	free(s->target_fw);
	memset(s, 0, sizeof(*s));
}

/* Frameworks and mappings serve every organization: site administrators only. */
static int may_import(const struct ops_actor *who, struct err *e)
{
	if (!who || who->site_admin)
		return 0;
	return err_fail(e, ERR_DENIED, "", MSG_E_OPS_NOT_SITE_ADMIN_IMPORT);
}

static char *dup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

void ops_library_counts(const struct framework *fw, struct ops_library_summary *out)
{
	size_t i;

	out->nodes = fw->n_nodes;
	for (i = 0; i < fw->n_nodes; i++) {
		const struct fw_node *n = &fw->nodes[i];

		if (n->kind == NODE_CATEGORY || n->kind == NODE_AREA || n->kind == NODE_FOUNDATION)
			out->categories++;
		else if (n->kind == NODE_FUNCTION || n->kind == NODE_SUBFUNCTION)
			out->functions++;
		if (n->assessable && framework_part_of(fw, (int)i) < 0)
			out->services++; /* a function assessed on its own is part of its service */
	}
}

int ops_framework_import(struct store *st, const struct ops_actor *who, const char *name,
			 const char *text, size_t len, int dry_run, struct ops_library_summary *out,
			 struct err *e)
{
	struct catalog_import_got got;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = may_import(who, e);
	if (rc)
		return rc;
	rc = catalog_import_text(st, text, len, name, dry_run, &got, e);
	if (rc)
		return rc;
	out->id = xstrdup(got.fw->id);
	out->name_en = dup_or_null(got.fw->name_en);
	out->name_ja = dup_or_null(got.fw->name_ja);
	out->format = got.format;
	ops_library_counts(got.fw, out);
	catalog_import_got_release(&got);
	return 0;
}

int ops_mapping_import(struct store *st, const struct ops_actor *who, const char *name,
		       const char *text, size_t len, int dry_run, struct ops_library_summary *out,
		       struct err *e)
{
	struct mapping_import_got got;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = may_import(who, e);
	if (rc)
		return rc;
	rc = mapping_import_text(st, text, len, name, dry_run, &got, e);
	if (rc)
		return rc;
	out->id = xstrdup(got.set->id);
	out->name_en = dup_or_null(got.set->name_en);
	out->name_ja = dup_or_null(got.set->name_ja);
	out->format = "ciso-yaml";
	out->urn = xstrdup(got.urn);
	out->source_fw = xstrdup(got.set->source_fw);
	out->target_fw = xstrdup(got.set->target_fw);
	out->pairs = got.set->n_rows;
	mapping_import_got_release(&got);
	return 0;
}
