/*
 * fuzz_catalog.c - a catalogue library in YAML (CISO Assistant format with
 * cdcf's keys): yaml_doc_parse (the YAML -> JSON tree builder with its
 * ceilings), then catalog_from_json (every check of catalog.h), then the
 * framework's JSON as the CLI and the API show it.
 *
 * Property: a document the reader accepts is written by yaml_doc_emit as YAML
 * that reads back as the same tree (yaml_doc.h promises it).
 */
#include <jansson.h>
#include <string.h>

#include "core/framework.h"
#include "fuzz.h"
#include "io/catalog.h"
#include "io/framework_json.h"
#include "io/yaml_doc.h"
#include "util/buf.h"

#define FUZZ_EMIT_MAX ((size_t)16 << 20) /* the re-emitted document */

static void check_round_trip(const json_t *doc)
{
	struct err e = ERR_INIT;
	struct buf out;
	json_t *again = NULL;
	int rc;

	buf_init(&out, FUZZ_EMIT_MAX);
	rc = yaml_doc_emit(doc, &out, &e);
	if (rc) {
		/* only values YAML cannot carry, or a depth the reader refuses too */
		fuzz_check(rc == ERR_INVALID || rc == ERR_TOO_LARGE, "emit failed %d: %s", rc,
			   e.msg);
		buf_release(&out);
		return;
	}
	rc = yaml_doc_parse(out.data ? out.data : "", out.len, "emitted.yaml", &again, &e);
	fuzz_check(!rc, "emitted YAML does not read back: %s\n%.*s", e.msg, (int)out.len,
		   out.data ? out.data : "");
	fuzz_check(json_equal(doc, again), "emitted YAML reads back differently:\n%.*s",
		   (int)out.len, out.data ? out.data : "");
	json_decref(again);
	buf_release(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct err e = ERR_INIT;
	struct framework *fw = NULL;
	json_t *doc = NULL, *shown;
	int rc;

	rc = yaml_doc_parse((const char *)data, size, "fuzz.yaml", &doc, &e);
	if (rc) {
		fuzz_check(!doc && e.msg[0], "refusal %d without a message, or with a tree", rc);
		return 0;
	}
	check_round_trip(doc);
	e = (struct err)ERR_INIT;
	rc = catalog_from_json(doc, "fuzz.yaml", &fw, &e);
	if (rc) {
		fuzz_check(!fw && e.msg[0], "refusal %d without a message, or with a framework",
			   rc);
	} else {
		shown = framework_json(fw);
		fuzz_check(shown != NULL, "framework_json failed for '%s'", fw->id);
		json_decref(shown);
		framework_free(fw);
	}
	json_decref(doc);
	return 0;
}
