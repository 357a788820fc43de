/*
 * fuzz_oscal.c - an OSCAL catalog in JSON (cdcf framework import FILE.json):
 * oscal_catalog_load (jansson, then the catalog rewritten as a CISO Assistant
 * library and every check of catalog_from_json).
 *
 * Properties: a refusal has a message and no framework; an accepted catalog
 * is written by oscal_catalog_json as a catalog that reads back with the same
 * number of nodes, or is refused with a message (a ref_id that is not one line
 * of text cannot survive OSCAL's one-line strings).
 */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/framework.h"
#include "fuzz.h"
#include "io/oscal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct err e = ERR_INIT;
	struct framework *fw = NULL, *again = NULL;
	json_t *doc;
	char *text;
	int rc;

	rc = oscal_catalog_load((const char *)data, size, "fuzz.json", &fw, &e);
	if (rc) {
		fuzz_check(!fw && e.msg[0], "refusal %d without a message, or with a framework",
			   rc);
		return 0;
	}
	doc = oscal_catalog_json(fw);
	text = json_dumps(doc, JSON_COMPACT);
	json_decref(doc);
	fuzz_check(text != NULL, "catalog of an accepted framework not written");
	e = (struct err)ERR_INIT;
	rc = oscal_catalog_load(text, strlen(text), "again.json", &again, &e);
	if (rc)
		fuzz_check(!again && e.msg[0], "re-read refusal %d without a message", rc);
	else
		fuzz_check(again->n_nodes == fw->n_nodes, "re-read has %zu nodes, not %zu",
			   again->n_nodes, fw->n_nodes);
	free(text);
	framework_free(again);
	framework_free(fw);
	return 0;
}
