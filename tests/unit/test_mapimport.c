/*
 * test_mapimport.c - mapping libraries imported into a database
 * (store_mapping.c, the import half of mapping_lib.c) and used by the
 * mapping list and coverage like the shipped sets.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fixture.h"
#include "io/catalog.h"
#include "io/catalog_import.h"
#include "io/mapping_lib.h"
#include "ops/ops_coverage.h"
#include "store/store_mapping.h"
#include "util/xalloc.h"

/* X.1060 -> FIRST PSIRT, two rows; the file claims to be cdcf's judgement. */
#define MAP_HEAD                                                                                   \
	"urn: urn:example:risk:library:map-test\n"                                                 \
	"ref_id: map-test\n"                                                                       \
	"name: Test mapping\n"                                                                     \
	"cdcf:\n"                                                                                  \
	"  judgement: cdcf\n"                                                                      \
	"objects:\n"                                                                               \
	"  requirement_mapping_set:\n"                                                             \
	"    urn: urn:example:risk:requirement_mapping_set:test\n"                                 \
	"    ref_id: map-test\n"                                                                   \
	"    name: Test mapping\n"
#define MAP_ROWS(b1, d1)                                                                           \
	"    requirement_mappings:\n"                                                              \
	"    - source_requirement_urn: urn:cdcf:risk:req_node:x1060-2021:" b1 "\n"                 \
	"      target_requirement_urn: urn:cdcf:risk:req_node:first-psirt-1.1:1.1\n"               \
	"      relationship: equal\n"                                                              \
	"      rationale: same work\n"                                                             \
	"    - source_requirement_urn: urn:cdcf:risk:req_node:x1060-2021:" d1 "\n"                 \
	"      target_requirement_urn: urn:cdcf:risk:req_node:first-psirt-1.1:1.2\n"               \
	"      relationship: intersect\n"                                                          \
	"      rationale: overlap\n"

static const char map_ok[] = MAP_HEAD
    "    source_framework_urn: urn:cdcf:risk:framework:x1060-2021\n"
    "    target_framework_urn: urn:cdcf:risk:framework:first-psirt-1.1\n" MAP_ROWS("b-1", "d-1");
static const char map_unknown_fw[] =
    MAP_HEAD "    source_framework_urn: urn:cdcf:risk:framework:x1060-2021\n"
	     "    target_framework_urn: urn:cdcf:risk:framework:nosuch-1\n" MAP_ROWS("b-1", "d-1");
static const char map_bad_nodes[] = MAP_HEAD
    "    source_framework_urn: urn:cdcf:risk:framework:x1060-2021\n"
    "    target_framework_urn: urn:cdcf:risk:framework:first-psirt-1.1\n" MAP_ROWS("zz-9", "d-1");

static void write_file(const struct fixture *f, const char *name, const char *text, char *path,
		       size_t size)
{
	FILE *fp;

	fixture_path(f, name, path, size);
	fp = fopen(path, "wb");
	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, strlen(text), fp), strlen(text));
	fclose(fp);
}

static const struct mapping_set *listed(const char *id)
{
	const struct mapping_set *const *sets;
	size_t n, i;

	assert_int_equal(ops_mappings(&sets, &n, NULL), 0);
	for (i = 0; i < n; i++)
		if (!strcmp(sets[i]->id, id))
			return sets[i];
	return NULL;
}

static void test_import_list_coverage(void **state)
{
	struct fixture *f = *state;
	const struct mapping_set *m = NULL, *between = NULL;
	struct stored_mapping *list = NULL;
	struct ops_coverage c;
	struct err e = ERR_INIT;
	char path[256];
	size_t n = 0, i;
	int found = 0;

	write_file(f, "map.yaml", map_ok, path, sizeof(path));
	assert_int_equal(mapping_import_file(f->st, path, &m, &e), 0);
	assert_non_null(m);
	assert_string_equal(m->source_fw, "x1060-2021");
	assert_string_equal(m->target_fw, "first-psirt-1.1");
	assert_int_equal(m->n_rows, 2);
	assert_string_equal(m->rows[0].source_ref, "B-1"); /* the framework's ref_id, not the urn */
	assert_string_equal(m->rows[1].target_ref, "1.2");
	assert_int_equal(m->ours, 0); /* imported, whatever the file says */
	assert_ptr_equal(listed("map-test"), m);
	assert_int_equal(store_mapping_list(f->st, &list, &n, &e), 0);
	assert_int_equal(n, 1);
	assert_string_equal(list[0].urn, "urn:example:risk:library:map-test");
	assert_string_equal(list[0].source, "map.yaml");
	assert_string_equal(list[0].body, map_ok);
	stored_mapping_list_free(list, n);
	assert_int_equal(fixture_count(f, "audit_events") > 0, 1);

	/* either direction */
	assert_int_equal(ops_mapping_between("first-psirt-1.1", "x1060-2021", &between, &e), 0);
	assert_ptr_equal(between, m);
	assert_int_equal(ops_coverage(f->st, FIX_ORG, FIX_FW, "first-psirt-1.1", &c, &e), 0);
	assert_ptr_equal(c.mapping, m);
	for (i = 0; i < c.cov.n_nodes; i++)
		if (!strcmp(c.other->nodes[c.cov.nodes[i].node].ref_id, "1.1")) {
			found = 1;
			assert_int_equal(c.cov.nodes[i].n_sources, 1);
			assert_string_equal(c.cov.nodes[i].sources[0].ref, "B-1");
			assert_int_equal(c.cov.nodes[i].status, COVER_NONE); /* not selected */
		}
	assert_int_equal(found, 1);
	ops_coverage_release(&c);
}

static void test_refusals_change_nothing(void **state)
{
	struct fixture *f = *state;
	char path[256], before[65], after[65];
	struct err e = ERR_INIT;

	write_file(f, "map.yaml", map_ok, path, sizeof(path));
	assert_int_equal(mapping_import_file(f->st, path, NULL, &e), 0);
	fixture_digest(f, before);

	assert_int_equal(mapping_import_file(f->st, path, NULL, &e), ERR_CONFLICT);
	assert_string_equal(e.field, "urn");
	assert_non_null(strstr(e.msg, "already imported"));

	write_file(f, "fw.yaml", map_unknown_fw, path, sizeof(path));
	assert_int_equal(mapping_import_file(f->st, path, NULL, &e), ERR_NOT_FOUND);
	assert_string_equal(e.field, "target_framework_urn");
	assert_non_null(strstr(e.msg, "urn:cdcf:risk:framework:nosuch-1"));

	write_file(f, "nodes.yaml", map_bad_nodes, path, sizeof(path));
	assert_int_equal(mapping_import_file(f->st, path, NULL, &e), ERR_INVALID);
	assert_string_equal(e.field, "source_requirement_urn");
	assert_non_null(strstr(e.msg, "urn:cdcf:risk:req_node:x1060-2021:zz-9"));

	write_file(f, "bomb.yaml", "a: &a [1, 2]\nb: [*a, *a]\n", path, sizeof(path));
	assert_int_equal(mapping_import_file(f->st, path, NULL, &e), ERR_INVALID);

	write_file(f, "two.yaml",
		   "urn: u\nref_id: r\nobjects:\n  requirement_mapping_sets:\n  - {}\n  - {}\n",
		   path, sizeof(path));
	assert_int_equal(mapping_import_file(f->st, path, NULL, &e), ERR_INVALID);
	assert_string_equal(e.field, "requirement_mapping_sets");

	write_file(f, "frame.yaml",
		   "urn: urn:x:library:y\nobjects:\n  framework:\n    urn: u\n    ref_id: r\n",
		   path, sizeof(path));
	assert_int_equal(mapping_import_file(f->st, path, NULL, &e), ERR_INVALID);
	assert_non_null(strstr(e.msg, "framework import"));

	/* the shipped set is not imported again */
	{
		char p2[4096];
		const char *src = getenv("CDCF_SOURCE");

		if (src) {
			snprintf(p2, sizeof(p2),
				 "%s/catalogs/mappings/x1060-2021-to-first-csirt-2.1.yaml", src);
			assert_int_equal(mapping_import_file(f->st, p2, NULL, &e), ERR_CONFLICT);
			assert_non_null(strstr(e.msg, "shipped"));
		}
	}
	fixture_digest(f, after);
	assert_string_equal(before, after);
}

/* The real NIST CSF 1.1 -> 2.0 mapping library, read in place. */
static void test_nist_reference(void **state)
{
	struct fixture *f = *state;
	const char *shared = getenv("CDCF_SHARED");
	const struct mapping_set *m = NULL;
	struct err e = ERR_INIT;
	char dir[4096], path[4200];
	size_t i;
	int seen = 0;

	snprintf(dir, sizeof(dir), "%s/reference/ciso-assistant", shared ? shared : "");
	if (!shared || access(dir, R_OK)) {
		fprintf(stderr, "skipped: %s is absent (the CISO Assistant reference files)\n",
			dir);
		skip();
	}
	snprintf(path, sizeof(path), "%s/map-nist-csf-1.1-nist-csf-2.0.yaml", dir);
	/* the frameworks come first (unless an earlier test's database registered them) */
	if (!catalog_get("nist-csf-1.1") || !catalog_get("nist-csf-2.0")) {
		char before[65], after[65];

		fixture_digest(f, before);
		assert_int_equal(mapping_import_file(f->st, path, NULL, &e), ERR_NOT_FOUND);
		assert_non_null(strstr(e.msg, "urn:intuitem:risk:framework:nist-csf-"));
		fixture_digest(f, after);
		assert_string_equal(before, after);
	}
	snprintf(path, sizeof(path), "%s/nist-csf-1.1.yaml", dir);
	if (!catalog_get("nist-csf-1.1"))
		assert_int_equal(catalog_import_file(f->st, path, NULL, &e), 0);
	snprintf(path, sizeof(path), "%s/nist-csf-2.0.yaml", dir);
	if (!catalog_get("nist-csf-2.0"))
		assert_int_equal(catalog_import_file(f->st, path, NULL, &e), 0);
	snprintf(path, sizeof(path), "%s/map-nist-csf-1.1-nist-csf-2.0.yaml", dir);
	assert_int_equal(mapping_import_file(f->st, path, &m, &e), 0);
	assert_int_equal(m->n_rows, 185);
	for (i = 0; i < m->n_rows; i++)
		if (!strcmp(m->rows[i].source_ref, "ID.BE-2") &&
		    !strcmp(m->rows[i].target_ref, "GV.OC-01"))
			seen = 1;
	assert_int_equal(seen, 1);
	assert_ptr_equal(mapping_registry_find("nist-csf-2.0", "nist-csf-1.1"), m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_import_list_coverage, fixture_setup,
					    fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_refusals_change_nothing, fixture_setup,
					    fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_nist_reference, fixture_setup_empty,
					    fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
