/* Unit tests for core/mapping.c (the coverage rule) and io/mapping_lib.c (libraries, the shipped
 * mappings). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/level.h"
#include "core/mapping.h"
#include "io/catalog.h"
#include "io/mapping_lib.h"
#include "ops/ops.h"

/* Every shipped row names services that exist in both frameworks, with a rationale. */
static void test_shipped_mappings_name_real_services(void **state)
{
	const struct mapping_set *const *sets;
	const struct framework *src, *tgt;
	struct err e = ERR_INIT;
	size_t n, i, k;
	int a, b;

	(void)state;
	assert_int_equal(catalog_registry_init(&e), 0);
	assert_int_equal(mapping_registry(&sets, &n, &e), 0);
	assert_int_equal(n, 2);
	for (i = 0; i < n; i++) {
		assert_true(sets[i]->ours);
		assert_int_equal(ops_framework(sets[i]->source_fw, &src, &e), 0);
		assert_int_equal(ops_framework(sets[i]->target_fw, &tgt, &e), 0);
		assert_true(sets[i]->n_rows > 20);
		for (k = 0; k < sets[i]->n_rows; k++) {
			const struct mapping_row *r = &sets[i]->rows[k];
			a = framework_find(src, r->source_ref);
			b = framework_find(tgt, r->target_ref);
			if (a < 0 || b < 0 || src->nodes[a].kind != NODE_SERVICE ||
			    tgt->nodes[b].kind != NODE_SERVICE)
				fail_msg("%s: %s -> %s is not a service pair", sets[i]->id,
					 r->source_ref, r->target_ref);
			assert_true(strlen(r->rationale) > 10);
		}
	}
	assert_non_null(mapping_registry_find("first-csirt-2.1", "x1060-2021"));
	assert_null(mapping_registry_find("x1060-2021", "sim3-v1"));
}

static json_t *lib_with_row(const char *rel, const char *src_urn)
{
	return json_pack("{s:s, s:{s:{s:s, s:s, s:[{s:s, s:s, s:s, s:s}]}}}", "ref_id", "m",
			 "objects", "requirement_mapping_set", "source_framework_urn",
			 "urn:x:risk:framework:fa", "target_framework_urn",
			 "urn:x:risk:framework:fb", "requirement_mappings",
			 "source_requirement_urn", src_urn, "target_requirement_urn",
			 "urn:x:risk:req_node:fb:T-1", "relationship", rel, "rationale", "why");
}

static void test_library_fields(void **state)
{
	struct mapping_set *m = NULL;
	struct err e = ERR_INIT;
	json_t *lib;

	(void)state;
	lib = lib_with_row("subset", "urn:x:risk:req_node:fa:S-1");
	assert_int_equal(mapping_from_json(lib, "ok.yaml", &m, &e), 0);
	assert_string_equal(m->source_fw, "fa");
	assert_string_equal(m->target_fw, "fb");
	assert_int_equal(m->n_rows, 1);
	assert_string_equal(m->rows[0].source_ref, "S-1");
	assert_string_equal(m->rows[0].target_ref, "T-1");
	assert_int_equal(m->rows[0].rel, REL_SUBSET);
	assert_false(m->ours);
	mapping_set_free(m);
	json_decref(lib);

	lib = lib_with_row("similar", "urn:x:risk:req_node:fa:S-1");
	assert_int_equal(mapping_from_json(lib, "bad.yaml", &m, &e), ERR_INVALID);
	assert_null(m);
	assert_string_equal(e.field, "relationship");
	assert_non_null(strstr(e.msg, "requirement_mappings[0].relationship"));
	json_decref(lib);

	/* a node of another framework than the set's source */
	lib = lib_with_row("equal", "urn:x:risk:req_node:fz:S-1");
	assert_int_equal(mapping_from_json(lib, "bad.yaml", &m, &e), ERR_INVALID);
	assert_string_equal(e.field, "source_requirement_urn");
	json_decref(lib);

	lib = json_pack("{s:s, s:{}}", "ref_id", "m", "objects");
	assert_int_equal(mapping_from_json(lib, "empty.yaml", &m, &e), ERR_INVALID);
	json_decref(lib);
}

/* Two frameworks of one service each side, and one mapping row per case. */
static struct fw_node fa_nodes[] = {
    {.ref_id = "S-1", .kind = NODE_SERVICE, .parent = -1, .depth = 1, .assessable = 1},
    {.ref_id = "S-2", .kind = NODE_SERVICE, .parent = -1, .depth = 1, .assessable = 1},
};
static struct fw_node fb_nodes[] = {
    {.ref_id = "T", .kind = NODE_CATEGORY, .parent = -1, .depth = 1},
    {.ref_id = "T-1", .kind = NODE_SERVICE, .parent = 0, .depth = 2, .assessable = 1},
};

static enum coverage_status status_of(enum mapping_rel rel, int level, int cur, int tgt,
				      int reversed)
{
	struct framework fb = {.id = "fb", .nodes = fb_nodes, .n_nodes = 2};
	struct framework fa = {.id = "fa", .nodes = fa_nodes, .n_nodes = 2};
	struct mapping_row row = {.source_ref = "S-1", .target_ref = "T-1", .rel = rel};
	struct mapping_row rrow = {.source_ref = "T-1", .target_ref = "S-1", .rel = rel};
	struct mapping_set m = {.source_fw = "fa", .target_fw = "fb", .rows = &row, .n_rows = 1};
	struct mapping_set rm = {.source_fw = "fb", .target_fw = "fa", .rows = &rrow, .n_rows = 1};
	struct portfolio p;
	struct coverage cov;
	struct entry *en;
	enum coverage_status s;

	portfolio_init(&p);
	p.framework_id = "fa";
	p.fw = &fa;
	en = portfolio_add_entry(&p, "S-1");
	en->level = (enum level)level;
	en->assignment = ASSIGN_INSOURCE;
	en->score[SIDE_INSOURCE].current = cur;
	en->score[SIDE_INSOURCE].target = tgt;
	en->score[SIDE_OUTSOURCE].current = en->score[SIDE_OUTSOURCE].target = SCORE_NONE;
	assert_int_equal(coverage_build(&cov, &p, &fb, reversed ? &rm : &m), 0);
	assert_int_equal(cov.n_nodes, 1); /* services only, not the category */
	assert_int_equal(cov.nodes[0].n_sources, 1);
	s = cov.nodes[0].status;
	assert_int_equal(cov.count[s], 1);
	coverage_release(&cov);
	p.framework_id = NULL;
	p.fw = NULL;
	portfolio_release(&p);
	return s;
}

static void test_coverage_rule(void **state)
{
	(void)state;
	/* met and equal or including: covered */
	assert_int_equal(status_of(REL_EQUAL, LEVEL_BASIC, 3, 3, 0), COVER_FULL);
	assert_int_equal(status_of(REL_SUPERSET, LEVEL_BASIC, 4, 3, 0), COVER_FULL);
	/* met but only a part or an overlap: partly */
	assert_int_equal(status_of(REL_SUBSET, LEVEL_BASIC, 3, 3, 0), COVER_PARTLY);
	assert_int_equal(status_of(REL_INTERSECT, LEVEL_BASIC, 5, 3, 0), COVER_PARTLY);
	/* equal but below its target: partly */
	assert_int_equal(status_of(REL_EQUAL, LEVEL_BASIC, 2, 3, 0), COVER_PARTLY);
	/* not assessed, or not selected: not covered */
	assert_int_equal(status_of(REL_EQUAL, LEVEL_BASIC, SCORE_NONE, 3, 0), COVER_NONE);
	assert_int_equal(status_of(REL_EQUAL, LEVEL_NOT_REQUIRED, 3, 3, 0), COVER_NONE);
	/* read the other way, subset and superset swap */
	assert_int_equal(status_of(REL_SUBSET, LEVEL_BASIC, 3, 3, 1), COVER_FULL);
	assert_int_equal(status_of(REL_SUPERSET, LEVEL_BASIC, 3, 3, 1), COVER_PARTLY);
}

static void test_coverage_refuses_unrelated_mapping(void **state)
{
	struct framework fb = {.id = "fb", .nodes = fb_nodes, .n_nodes = 2};
	struct mapping_set m = {.source_fw = "fa", .target_fw = "fz"};
	struct portfolio p;
	struct coverage cov;

	(void)state;
	portfolio_init(&p);
	p.framework_id = "fa";
	assert_int_equal(coverage_build(&cov, &p, &fb, &m), ERR_INVALID);
	p.framework_id = NULL;
	portfolio_release(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_shipped_mappings_name_real_services),
	    cmocka_unit_test(test_library_fields),
	    cmocka_unit_test(test_coverage_rule),
	    cmocka_unit_test(test_coverage_refuses_unrelated_mapping),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
