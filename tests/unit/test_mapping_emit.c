/*
 * test_mapping_emit.c - mapping sets written as CISO Assistant mapping
 * libraries (io/mapping_emit.c) and read back by the mapping import.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fixture.h"
#include "io/catalog.h"
#include "io/mapping_emit.h"
#include "io/mapping_lib.h"
#include "io/yaml_doc.h"
#include "util/buf.h"

static void write_file(const struct fixture *f, const char *name, const char *text, size_t len,
		       char *path, size_t size)
{
	FILE *fp;

	fixture_path(f, name, path, size);
	fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, len, fp), len);
	fclose(fp);
}

/* The YAML of lib, written to name in the fixture's directory: path. */
static void write_yaml(const struct fixture *f, const json_t *lib, const char *name, char *path,
		       size_t size)
{
	struct err e = ERR_INIT;
	struct buf b;

	buf_init(&b, MAPPING_EXPORT_MAX_BYTES);
	assert_int_equal(yaml_doc_emit(lib, &b, &e), 0);
	write_file(f, name, b.data, b.len, path, size);
	buf_release(&b);
}

/* Give the library a new id (its ref_id, its set's ref_id and its urn). */
static void rename_lib(json_t *lib, const char *id)
{
	char urn[128];
	json_t *set = json_object_get(json_object_get(lib, "objects"), "requirement_mapping_set");

	snprintf(urn, sizeof(urn), "urn:example:risk:library:%s", id);
	json_object_set_new(lib, "urn", json_string(urn));
	json_object_set_new(lib, "ref_id", json_string(id));
	json_object_set_new(set, "ref_id", json_string(id));
}

static void assert_same_rows(const struct mapping_set *a, const struct mapping_set *b)
{
	size_t i;

	assert_string_equal(a->source_fw, b->source_fw);
	assert_string_equal(a->target_fw, b->target_fw);
	assert_string_equal(a->name_en, b->name_en);
	assert_int_equal(a->n_rows, b->n_rows);
	for (i = 0; i < a->n_rows; i++) {
		assert_string_equal(a->rows[i].source_ref, b->rows[i].source_ref);
		assert_string_equal(a->rows[i].target_ref, b->rows[i].target_ref);
		assert_int_equal(a->rows[i].rel, b->rows[i].rel);
		assert_string_equal(a->rows[i].rationale, b->rows[i].rationale);
	}
}

/* Every shipped set, exported, reads back through the import as the same
 * rows; as exported it is the shipped set itself, which the import refuses
 * (never replaced), the database untouched. */
static void test_shipped_round_trip(void **state)
{
	struct fixture *f = *state;
	const struct mapping_set *const *sets;
	const struct mapping_set *back;
	char path[256], name[64], id[64], before[65], after[65];
	struct err e = ERR_INIT;
	size_t n, i, shipped = 0;

	assert_int_equal(catalog_registry_init(&e), 0);
	assert_int_equal(mapping_registry(&sets, &n, &e), 0);
	for (i = 0; i < n; i++) {
		const struct mapping_set *m = sets[i];
		json_t *lib;

		if (mapping_registry_urn(m))
			continue; /* imported by another test */
		shipped++;
		assert_ptr_equal(mapping_find_directed(m->source_fw, m->target_fw), m);
		lib = mapping_ciso_json(m);
		snprintf(name, sizeof(name), "shipped-%zu.yaml", i);
		write_yaml(f, lib, name, path, sizeof(path));
		fixture_digest(f, before);
		err_clear(&e);
		assert_int_equal(mapping_import_file(f->st, path, NULL, &e), ERR_CONFLICT);
		assert_string_equal(e.field, "urn");
		fixture_digest(f, after);
		assert_string_equal(before, after);

		snprintf(id, sizeof(id), "copy-%s", m->id);
		rename_lib(lib, id);
		snprintf(name, sizeof(name), "copy-%zu.yaml", i);
		write_yaml(f, lib, name, path, sizeof(path));
		json_decref(lib);
		back = NULL;
		assert_int_equal(mapping_import_file(f->st, path, &back, &e), 0);
		assert_non_null(back);
		assert_string_equal(back->id, id);
		assert_false(back->ours);
		assert_same_rows(m, back);
		/* the shipped one is still the one found for the two frameworks */
		assert_ptr_equal(mapping_find_directed(m->source_fw, m->target_fw), m);
	}
	assert_true(shipped >= 2);
}

/* An imported set is written under the urn it was imported with, its rows'
 * urns the nodes' own (whatever case the file used), and without cdcf's
 * judgement; exporting that again gives the same text. */
static void test_imported_export(void **state)
{
	static const char text[] =
	    "urn: urn:example:risk:library:map-emit\n"
	    "ref_id: map-emit\n"
	    "name: Emit test\n"
	    "cdcf:\n"
	    "  judgement: cdcf\n"
	    "objects:\n"
	    "  requirement_mapping_set:\n"
	    "    ref_id: map-emit\n"
	    "    name: Emit test\n"
	    "    source_framework_urn: urn:cdcf:risk:framework:x1060-2021\n"
	    "    target_framework_urn: urn:cdcf:risk:framework:first-psirt-1.1\n"
	    "    requirement_mappings:\n"
	    "    - source_requirement_urn: urn:cdcf:risk:req_node:x1060-2021:B-1\n"
	    "      target_requirement_urn: urn:cdcf:risk:req_node:first-psirt-1.1:1.1\n"
	    "      relationship: superset\n"
	    "      rationale: \"a 'quoted': rationale\"\n";
	struct fixture *f = *state;
	const struct mapping_set *m = NULL;
	struct err e = ERR_INIT;
	struct buf b1, b2;
	char path[256];

	assert_int_equal(catalog_registry_init(&e), 0);
	write_file(f, "emit.yaml", text, strlen(text), path, sizeof(path));
	assert_int_equal(mapping_import_file(f->st, path, &m, &e), 0);
	assert_string_equal(mapping_registry_urn(m), "urn:example:risk:library:map-emit");
	buf_init(&b1, MAPPING_EXPORT_MAX_BYTES);
	buf_init(&b2, MAPPING_EXPORT_MAX_BYTES);
	assert_int_equal(mapping_ciso_yaml(m, &b1, &e), 0);
	assert_non_null(strstr(b1.data, "urn: urn:example:risk:library:map-emit\n"));
	assert_non_null(
	    strstr(b1.data, "source_requirement_urn: urn:cdcf:risk:req_node:x1060-2021:b-1\n"));
	assert_non_null(strstr(b1.data, "relationship: superset\n"));
	assert_non_null(strstr(b1.data, "rationale: \"a 'quoted': rationale\"\n"));
	assert_null(strstr(b1.data, "judgement"));
	/* the same set written twice: the same bytes */
	assert_int_equal(mapping_ciso_yaml(m, &b2, &e), 0);
	assert_string_equal(b1.data, b2.data);
	buf_release(&b1);
	buf_release(&b2);
}

/* A row whose service has no node (or a framework cdcf does not know) gets
 * an urn the reader takes back: PREFIX:req_node:FW:REF. */
static void test_made_urns(void **state)
{
	struct mapping_row rows[1] = {
	    {.source_ref = "ZZ-1", .target_ref = "9.9", .rel = REL_SUBSET, .rationale = "r"}};
	struct mapping_set m = {.id = "map-hand",
				.name_en = "Hand made",
				.source_fw = "x1060-2021",
				.target_fw = "nosuch-fw",
				.rows = rows,
				.n_rows = 1};
	struct err e = ERR_INIT;
	struct mapping_set *back = NULL;
	json_t *lib, *doc;
	struct buf b;
	(void)state;

	assert_int_equal(catalog_registry_init(&e), 0);
	lib = mapping_ciso_json(&m);
	assert_string_equal(json_string_value(json_object_get(lib, "urn")),
			    "urn:cdcf:risk:library:map-hand");
	json_decref(lib);
	buf_init(&b, MAPPING_EXPORT_MAX_BYTES);
	assert_int_equal(mapping_ciso_yaml(&m, &b, &e), 0);
	assert_non_null(
	    strstr(b.data, "source_requirement_urn: urn:cdcf:risk:req_node:x1060-2021:ZZ-1\n"));
	assert_non_null(
	    strstr(b.data, "target_requirement_urn: urn:cdcf:risk:req_node:nosuch-fw:9.9\n"));
	assert_non_null(
	    strstr(b.data, "target_framework_urn: urn:cdcf:risk:framework:nosuch-fw\n"));
	/* the mapping reader takes it back as the same set */
	assert_int_equal(yaml_doc_parse(b.data, b.len, "hand", &doc, &e), 0);
	assert_int_equal(mapping_from_json(doc, "hand", &back, &e), 0);
	assert_same_rows(&m, back);
	assert_string_equal(back->id, "map-hand");
	mapping_set_free(back);
	json_decref(doc);
	buf_release(&b);
}

/* An export larger than the buffer's ceiling fails and leaves it as it was. */
static void test_too_large(void **state)
{
	const struct mapping_set *m;
	struct err e = ERR_INIT;
	struct buf b;
	(void)state;

	assert_int_equal(catalog_registry_init(&e), 0);
	m = mapping_find_directed("x1060-2021", "first-csirt-2.1");
	assert_non_null(m);
	buf_init(&b, 1024);
	assert_int_equal(buf_addstr(&b, "kept"), 0);
	assert_int_equal(mapping_ciso_yaml(m, &b, &e), ERR_TOO_LARGE);
	assert_string_equal(b.data, "kept");
	buf_release(&b);
	assert_null(mapping_find_directed("first-csirt-2.1", "x1060-2021")); /* one direction */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_shipped_round_trip, fixture_setup_empty,
					    fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_imported_export, fixture_setup_empty,
					    fixture_teardown),
	    cmocka_unit_test(test_made_urns),
	    cmocka_unit_test(test_too_large),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
