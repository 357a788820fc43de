/*
 * fuzz_archive.c - the JSON archive, as `cdcf import` reads it: json_loadb with
 * duplicate keys refused, then archive_import (the whole validation against the
 * shipped frameworks, then the write) into one in-memory store. Each input runs
 * inside an outer transaction that is rolled back, so every input starts from
 * the same empty database.
 *
 * Property: an archive that imports exports again, that export imports into
 * the empty database, and exporting it once more gives the same document
 * (the round trip archive.h promises).
 */
#include <jansson.h>
#include <string.h>

#include "fuzz.h"
#include "io/archive.h"
#include "io/catalog.h"
#include "store/db.h"
#include "store/store.h"

static struct store *st;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct err e = ERR_INIT;

	(void)argc;
	(void)argv;
	setenv("CDCF_NOW", "2026-01-02T03:04:05Z", 1);
	if (store_open(&st, ":memory:", 1, &e) || catalog_registry_init(&e)) {
		fprintf(stderr, "fuzz_archive: %s\n", e.msg);
		abort();
	}
	return 0;
}

/* Import doc inside a transaction that is always rolled back; on success
 * *out gets the export of organization org (when out is not NULL). */
static int import_export(const json_t *doc, const char *org, json_t **out, struct err *e)
{
	int rc;

	if (out)
		*out = NULL;
	rc = db_begin(st->db, e);
	fuzz_check(!rc, "db_begin: %s", e->msg);
	rc = archive_import(st, doc, "fuzz.json", e);
	if (!rc && out) {
		struct err xe = ERR_INIT;
		int xrc = archive_export(st, org, out, &xe);
		fuzz_check(!xrc, "export after a good import: %s", xe.msg);
	}
	db_rollback(st->db);
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct err e = ERR_INIT;
	json_error_t jerr;
	json_t *doc, *first = NULL, *second = NULL;
	const char *org;
	char *a, *b;
	int rc;

	doc = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &jerr);
	if (!doc)
		return 0;
	org = json_string_value(json_object_get(json_object_get(doc, "organization"), "name"));
	rc = import_export(doc, org, &first, &e);
	if (rc) {
		/* a refusal always says why */
		fuzz_check(e.code == rc && e.msg[0], "refusal %d without a message", rc);
		json_decref(doc);
		return 0;
	}
	e = (struct err)ERR_INIT;
	rc = import_export(first, org, &second, &e);
	fuzz_check(!rc, "the export of an imported archive is refused: %s", e.msg);
	a = json_dumps(first, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	b = json_dumps(second, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fuzz_check(a && b && !strcmp(a, b), "export, import, export differs:\n%s\n---\n%s",
		   a ? a : "(null)", b ? b : "(null)");
	free(a);
	free(b);
	json_decref(first);
	json_decref(second);
	json_decref(doc);
	return 0;
}
