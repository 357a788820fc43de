/*
 * catalog_import.c - import a framework library into a database and register
 * the imported ones when a database is opened (see catalog_import.h).
 */
#include "io/catalog_import.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "io/catalog.h"
#include "io/fileio.h"
#include "io/mapping_lib.h"
#include "io/oscal.h"
#include "io/yaml_doc.h"
#include "store/store_framework.h"
#include "util/xalloc.h"

/* Does the text look like a JSON object holding "catalog"? (an OSCAL catalog) */
static int looks_oscal(const char *text, size_t len)
{
	size_t i = 0;

	while (i < len && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n'))
		i++;
	return i < len && text[i] == '{' && strstr(text, "\"catalog\"") != NULL;
}

/* catalog_load, telling a mapping library (requirement_mapping_sets, no
 * framework) apart from a broken one. */
static int ciso_load(const char *text, size_t len, const char *source_name, struct framework **out,
		     struct err *e)
{
	const json_t *objects;
	json_t *doc;
	int rc = yaml_doc_parse(text, len, source_name, &doc, e);

	if (rc)
		return rc;
	objects = json_object_get(doc, "objects");
	if (!json_object_get(objects, "framework") && !json_object_get(objects, "frameworks") &&
	    (json_object_get(objects, "requirement_mapping_sets") ||
	     json_object_get(objects, "requirement_mapping_set"))) {
		rc = err_fail(e, ERR_INVALID, "file", MSG_E_FW_IMPORT_MAPPING);
		err_prefix(e, "%s", source_name);
	} else {
		rc = catalog_from_json(doc, source_name, out, e);
	}
	json_decref(doc);
	return rc;
}

int catalog_parse_library(const char *text, size_t len, const char *format, const char *source_name,
			  struct framework **out, const char **format_out, struct err *e)
{
	int oscal = format ? !strcmp(format, "oscal-json") : looks_oscal(text, len);

	*out = NULL;
	if (format_out)
		*format_out = oscal ? "oscal-json" : "ciso-yaml";
	if (len > STORE_FRAMEWORK_MAX)
		return err_fail(e, ERR_TOO_LARGE, "file", MSG_E_FW_IMPORT_TOO_LARGE, source_name,
				STORE_FRAMEWORK_MAX);
	if (oscal)
		return oscal_catalog_load(text, len, source_name, out, e);
	return ciso_load(text, len, source_name, out, e);
}

int catalog_imported_load(struct store *st, struct err *e)
{
	struct stored_framework *list = NULL;
	size_t n = 0, i;
	int rc, first = 0;

	rc = store_framework_list(st, &list, &n, e);
	for (i = 0; !rc && i < n; i++) {
		struct framework *fw = NULL;
		struct err one = ERR_INIT;
		int r;

		if (catalog_get_imported(list[i].id))
			continue;
		r = catalog_parse_library(list[i].body, list[i].body_len, list[i].format,
					  list[i].source, &fw, NULL, &one);
		if (!r && strcmp(fw->id, list[i].id)) {
			framework_free(fw);
			r = err_fail(&one, ERR_INVALID, NULL, MSG_E_FW_STORED_ID, list[i].id);
		}
		if (!r) {
			catalog_add_imported(fw);
		} else if (!first) { /* the others still load */
			first = r;
			if (e)
				*e = one;
		}
	}
	stored_framework_list_free(list, n);
	if (!rc) { /* the mapping sets imported into this database, once their frameworks are */
		struct err one = ERR_INIT;

		if (mapping_imported_load(st, &one) && !first) {
			first = one.code;
			if (e)
				*e = one;
		}
	}
	return rc ? rc : first;
}

/* The file name of a path, for the database and the audit event. */
static const char *base_name(const char *path)
{
	const char *base = strrchr(path, '/');

	return base ? base + 1 : path;
}

void catalog_import_got_release(struct catalog_import_got *got)
{
	if (!got)
		return;
	framework_free(got->owned);
	memset(got, 0, sizeof(*got));
}

int catalog_import_text(struct store *st, const char *text, size_t len, const char *source,
			int dry_run, struct catalog_import_got *got, struct err *e)
{
	struct framework *fw = NULL;
	const char *format;
	int rc;

	memset(got, 0, sizeof(*got));
	rc = store_library_check(source, text, len, STORE_FRAMEWORK_MAX, MSG_E_FW_IMPORT_TOO_LARGE,
				 e);
	if (!rc)
		rc = catalog_registry_init(e);
	if (!rc)
		rc = catalog_imported_load(st, e);
	if (!rc)
		rc = catalog_parse_library(text, len, NULL, source, &fw, &format, e);
	if (rc)
		goto out;
	if (catalog_get_shipped(fw->id)) {
		rc = err_fail(e, ERR_CONFLICT, "id", MSG_E_FW_ID_SHIPPED, fw->id);
		goto out;
	}
	if (catalog_get_imported(fw->id)) {
		rc = err_fail(e, ERR_CONFLICT, "id", MSG_E_FW_ALREADY_IMPORTED, fw->id);
		goto out;
	}
	got->format = format;
	if (dry_run) {
		got->fw = got->owned = fw;
		return 0;
	}
	rc = store_framework_add(st, fw->id, format, base_name(source), text, len, e);
	if (rc)
		goto out;
	got->fw = catalog_add_imported(fw);
	return 0;
out:
	framework_free(fw);
	return rc;
}

int catalog_import_file(struct store *st, const char *path, char **id, struct err *e)
{
	struct catalog_import_got got;
	char *data = NULL;
	size_t len = 0;
	int rc;

	if (id)
		*id = NULL;
	rc = file_read_all(path, STORE_FRAMEWORK_MAX, &data, &len, e);
	if (rc == ERR_TOO_LARGE)
		return err_fail(e, rc, "file", MSG_E_FW_IMPORT_TOO_LARGE, path,
				STORE_FRAMEWORK_MAX);
	if (rc)
		return rc;
	rc = catalog_import_text(st, data, len, path, 0, &got, e);
	if (!rc && id)
		*id = xstrdup(got.fw->id);
	catalog_import_got_release(&got);
	free(data);
	return rc;
}
