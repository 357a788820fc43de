/*
 * test_ops_interop.c - ops_framework_import and ops_mapping_import: who may
 * import, a dry run that writes and registers nothing, refusals that leave the
 * database as it was, the stamp a running server watches.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"
#include "io/catalog.h"
#include "io/mapping_lib.h"
#include "ops/ops_interop.h"
#include "store/store_framework.h"
#include "store/store_mapping.h"

static const char fw_lib[] = "urn: urn:example:risk:library:ops-fw\n"
			     "name: Ops framework\n"
			     "objects:\n"
			     "  framework:\n"
			     "    urn: urn:example:risk:framework:ops-fw\n"
			     "    ref_id: ops-fw\n"
			     "    name: Ops framework\n"
			     "    requirement_nodes:\n"
			     "    - urn: urn:example:risk:req_node:ops-fw:C\n"
			     "      ref_id: C\n"
			     "      name: A category\n"
			     "      assessable: false\n"
			     "    - urn: urn:example:risk:req_node:ops-fw:C-1\n"
			     "      ref_id: C-1\n"
			     "      parent_urn: urn:example:risk:req_node:ops-fw:C\n"
			     "      name: First service\n"
			     "      assessable: true\n"
			     "    - urn: urn:example:risk:req_node:ops-fw:C-2\n"
			     "      ref_id: C-2\n"
			     "      parent_urn: urn:example:risk:req_node:ops-fw:C\n"
			     "      name: Second service\n"
			     "      assessable: true\n";

static const char map_lib[] =
    "urn: urn:example:risk:library:map-x1060-ops-fw\n"
    "ref_id: map-x1060-ops-fw\n"
    "name: X.1060 to ops-fw\n"
    "objects:\n"
    "  requirement_mapping_set:\n"
    "    urn: urn:example:risk:requirement_mapping_set:x1060-ops-fw\n"
    "    ref_id: map-x1060-ops-fw\n"
    "    source_framework_urn: urn:cdcf:risk:framework:x1060-2021\n"
    "    target_framework_urn: urn:example:risk:framework:ops-fw\n"
    "    requirement_mappings:\n"
    "    - source_requirement_urn: urn:cdcf:risk:req_node:x1060-2021:b-1\n"
    "      target_requirement_urn: urn:example:risk:req_node:ops-fw:C-1\n"
    "      relationship: equal\n"
    "      rationale: example\n"
    "    - source_requirement_urn: urn:cdcf:risk:req_node:x1060-2021:b-2\n"
    "      target_requirement_urn: urn:example:risk:req_node:ops-fw:C-2\n"
    "      relationship: subset\n"
    "      rationale: example\n";

static long long stamp(const struct fixture *f)
{
	struct err e = ERR_INIT;
	long long s = -1;

	assert_int_equal(store_imported_stamp(f->st, &s, &e), 0);
	return s;
}

static void test_import_through_ops(void **state)
{
	struct fixture *f = *state;
	const struct ops_actor editor = {.user_id = 7, .role = ROLE_EDITOR};
	const struct ops_actor site_admin = {.user_id = 8, .site_admin = 1};
	struct ops_library_summary sum;
	struct err e = ERR_INIT;
	char before[65], after[65];
	long long s0 = stamp(f), s1;
	size_t len = strlen(fw_lib);

	fixture_digest(f, before);
	/* not a site administrator: refused before the file is read */
	assert_int_equal(ops_framework_import(f->st, &editor, "f.yaml", fw_lib, len, 1, &sum, &e),
			 ERR_DENIED);
	assert_int_equal(
	    ops_mapping_import(f->st, &editor, "m.yaml", map_lib, strlen(map_lib), 1, &sum, &e),
	    ERR_DENIED);
	/* a dry run says what the file holds, writes and registers nothing */
	e = (struct err)ERR_INIT;
	assert_int_equal(
	    ops_framework_import(f->st, &site_admin, "f.yaml", fw_lib, len, 1, &sum, &e), 0);
	assert_string_equal(sum.id, "ops-fw");
	assert_string_equal(sum.name_en, "Ops framework");
	assert_string_equal(sum.format, "ciso-yaml");
	assert_int_equal(sum.nodes, 3);
	assert_int_equal(sum.categories, 1);
	assert_int_equal(sum.services, 2);
	assert_int_equal(sum.functions, 0);
	ops_library_summary_release(&sum);
	assert_null(catalog_get("ops-fw"));
	fixture_digest(f, after);
	assert_string_equal(before, after);
	assert_int_equal(stamp(f), s0);
	/* a dry run refuses what storing would: not UTF-8, a NUL byte */
	assert_int_equal(
	    ops_framework_import(f->st, NULL, "bad.yaml", "urn: \xff\n", 7, 1, &sum, &e),
	    ERR_INVALID);
	assert_non_null(strstr(e.msg, "not UTF-8 text"));
	assert_int_equal(ops_mapping_import(f->st, NULL, "nul.yaml", "a\0b", 3, 1, &sum, &e),
			 ERR_INVALID);
	assert_string_equal(e.field, "file");
	/* a mapping to it is refused until it is imported */
	assert_int_equal(
	    ops_mapping_import(f->st, NULL, "m.yaml", map_lib, strlen(map_lib), 1, &sum, &e),
	    ERR_NOT_FOUND);
	fixture_digest(f, after);
	assert_string_equal(before, after);

	/* imported: stored with its audit event, registered, the stamp moved */
	assert_int_equal(
	    ops_framework_import(f->st, &site_admin, "dir/f.yaml", fw_lib, len, 0, &sum, &e), 0);
	ops_library_summary_release(&sum);
	assert_non_null(catalog_get_imported("ops-fw"));
	s1 = stamp(f);
	assert_true(s1 != s0);
	/* again, dry run or not: refused, nothing written */
	fixture_digest(f, before);
	assert_int_equal(ops_framework_import(f->st, NULL, "f.yaml", fw_lib, len, 1, &sum, &e),
			 ERR_CONFLICT);
	assert_string_equal(e.field, "id");
	assert_int_equal(ops_framework_import(f->st, NULL, "f.yaml", fw_lib, len, 0, &sum, &e),
			 ERR_CONFLICT);
	fixture_digest(f, after);
	assert_string_equal(before, after);
	assert_int_equal(stamp(f), s1);

	/* the mapping: dry run, import, again */
	assert_int_equal(
	    ops_mapping_import(f->st, NULL, "m.yaml", map_lib, strlen(map_lib), 1, &sum, &e), 0);
	assert_string_equal(sum.source_fw, "x1060-2021");
	assert_string_equal(sum.target_fw, "ops-fw");
	assert_string_equal(sum.urn, "urn:example:risk:library:map-x1060-ops-fw");
	assert_int_equal(sum.pairs, 2);
	ops_library_summary_release(&sum);
	assert_null(mapping_registry_find("x1060-2021", "ops-fw"));
	fixture_digest(f, after);
	assert_string_equal(before, after);
	assert_int_equal(
	    ops_mapping_import(f->st, &site_admin, "m.yaml", map_lib, strlen(map_lib), 0, &sum, &e),
	    0);
	ops_library_summary_release(&sum);
	assert_non_null(mapping_registry_find("x1060-2021", "ops-fw"));
	assert_true(stamp(f) != s1);
	fixture_digest(f, before);
	assert_int_equal(
	    ops_mapping_import(f->st, NULL, "m.yaml", map_lib, strlen(map_lib), 1, &sum, &e),
	    ERR_CONFLICT);
	assert_string_equal(e.field, "urn");
	assert_int_equal(
	    ops_mapping_import(f->st, NULL, "m.yaml", map_lib, strlen(map_lib), 0, &sum, &e),
	    ERR_CONFLICT);
	fixture_digest(f, after);
	assert_string_equal(before, after);
}

/* Both imports keep their text through the one store_library_add: too large and
 * not UTF-8 text are refused the same way, nothing written. */
static void test_library_checks(void **state)
{
	struct fixture *f = *state;
	struct err e = ERR_INIT;
	char before[65], after[65];

	fixture_digest(f, before);
	assert_int_equal(store_framework_add(f->st, "big-fw", "ciso-yaml", "big.yaml", "x",
					     STORE_FRAMEWORK_MAX + 1, &e),
			 ERR_TOO_LARGE);
	assert_int_equal(
	    store_mapping_add(f->st, "urn:x", "a", "b", "big.yaml", "x", STORE_MAPPING_MAX + 1, &e),
	    ERR_TOO_LARGE);
	assert_int_equal(
	    store_framework_add(f->st, "bad-fw", "ciso-yaml", "bad.yaml", "\xff\xfe", 2, &e),
	    ERR_INVALID);
	assert_int_equal(store_mapping_add(f->st, "urn:x", "a", "b", "bad.yaml", "a\0b", 3, &e),
			 ERR_INVALID);
	fixture_digest(f, after);
	assert_string_equal(before, after);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_import_through_ops, fixture_setup,
					    fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_library_checks, fixture_setup, fixture_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
