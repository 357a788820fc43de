/*
 * Unit tests of the assessment model (core/framework.h, enum assessment):
 * how each shipped catalogue declares its nodes are assessed, the loader's
 * checks of a declaration, and the rules every way in applies to readiness
 * components (FIRST PSIRT's operational foundation) and maturity parameters
 * (SIM3): in scope by default, never assigned, one score on their own scale,
 * their own roll-up.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/rules.h"
#include "core/score.h"
#include "fixture.h"
#include "io/catalog.h"
#include "ops/ops.h"

#define PSIRT "first-psirt-1.1"
#define SIM3 "sim3-v1"

static const struct fw_node *node(const struct framework *fw, const char *ref)
{
	int i = framework_find(fw, ref);

	assert_true(i >= 0);
	return &fw->nodes[i];
}

/* ---- the shipped catalogues ---- */

static void test_shipped_declarations(void **state)
{
	const struct framework *x = catalog_get("x1060-2021"),
			       *csirt = catalog_get("first-csirt-2.1");
	const struct framework *psirt = catalog_get(PSIRT), *sim3 = catalog_get(SIM3);
	size_t i, readiness = 0, parameters = 0;
	(void)state;

	assert_non_null(x);
	assert_non_null(csirt);
	assert_non_null(psirt);
	assert_non_null(sim3);
	assert_int_equal(node(x, "A-1")->assessment, ASSESS_SERVICE);
	assert_int_equal(node(x, "A")->assessment, ASSESS_NONE);
	assert_int_equal(node(csirt, "5.1")->assessment, ASSESS_SERVICE);
	assert_int_equal(node(psirt, "1.1")->assessment, ASSESS_SERVICE);
	assert_int_equal(node(psirt, "OF")->assessment, ASSESS_NONE);
	for (i = 0; i < psirt->n_nodes; i++)
		readiness += psirt->nodes[i].assessment == ASSESS_READINESS;
	for (i = 0; i < sim3->n_nodes; i++)
		parameters += sim3->nodes[i].assessment == ASSESS_PARAMETER;
	assert_int_equal(readiness, 10);
	assert_int_equal(parameters, 44);
	/* the scales: readiness 0-3 with criteria in both languages, SIM3 0-4, no n/a */
	assert_int_equal(psirt->scale[ASSESS_READINESS].min_score, 0);
	assert_int_equal(psirt->scale[ASSESS_READINESS].max_score, 3);
	assert_int_equal(psirt->scale[ASSESS_READINESS].n_points, 4);
	assert_false(psirt->scale[ASSESS_READINESS].has_na);
	for (i = 0; i < psirt->scale[ASSESS_READINESS].n_points; i++) {
		assert_non_null(psirt->scale[ASSESS_READINESS].points[i].criterion_en);
		assert_non_null(psirt->scale[ASSESS_READINESS].points[i].criterion_ja);
	}
	assert_non_null(strstr(rubric_title(&psirt->scale[ASSESS_READINESS], "en"), "cdcf"));
	assert_int_equal(sim3->scale[ASSESS_PARAMETER].max_score, 4);
	/* the FIRST services' rubric says it is X.1060's, applied by cdcf */
	assert_non_null(
	    strstr(rubric_title(&csirt->rubric[SIDE_INSOURCE], "en"), "applied by cdcf"));
	/* an organization's own service: as the framework's services are */
	assert_int_equal(psirt->custom_assessment, ASSESS_SERVICE);
	assert_int_equal(sim3->custom_assessment, ASSESS_PARAMETER);
	assert_int_equal(framework_ref_assessment(sim3, "MY-1"), ASSESS_PARAMETER);
}

/* ---- the loader's checks ---- */

#define LIB_HEAD                                                                                   \
	"urn: urn:test:risk:library:t\nname: T\nversion: 1\ncdcf: {id: t}\n"                       \
	"objects:\n  framework:\n    urn: urn:test:risk:framework:t\n    ref_id: T\n"              \
	"    min_score: 1\n    max_score: 5\n"
#define NODES                                                                                      \
	"    requirement_nodes:\n"                                                                 \
	"    - {urn: 'urn:t:f', ref_id: F, name: Found, depth: 1, assessable: false,"              \
	" cdcf: {kind: foundation}}\n"                                                             \
	"    - {urn: 'urn:t:f1', ref_id: F-1, name: Budget, depth: 2, parent_urn: 'urn:t:f',"      \
	" assessable: true, cdcf: {kind: foundation}}\n"                                           \
	"    - {urn: 'urn:t:s1', ref_id: S-1, name: Svc, depth: 1, assessable: true,"              \
	" cdcf: {kind: service}}\n"
#define SCALE                                                                                        \
	"      scales:\n        readiness: {title: {en: R, ja: 準備度}, min: 0, max: 2, points: " \
	"[{score: 0, name: {en: No}}, {score: 1, name: {en: Part}}, {score: 2, name: {en: "          \
	"Yes}}]}\n"

static void loads(const char *yaml, struct framework **fw)
{
	struct err e = ERR_INIT;

	if (catalog_load(yaml, strlen(yaml), "lib.yaml", fw, &e))
		fail_msg("%s", e.msg);
}

static void load_fails(const char *yaml, const char *want)
{
	struct err e = ERR_INIT;
	struct framework *fw = NULL;

	assert_int_equal(catalog_load(yaml, strlen(yaml), "lib.yaml", &fw, &e), ERR_INVALID);
	assert_null(fw);
	if (!strstr(e.msg, want))
		fail_msg("message '%s' lacks '%s'", e.msg, want);
}

static void test_declaration_loaded(void **state)
{
	struct framework *fw = NULL;
	(void)state;

	loads(
	    LIB_HEAD
	    "    cdcf:\n      assessment: {service: service, foundation: readiness}\n" SCALE NODES,
	    &fw);
	assert_int_equal(node(fw, "F-1")->assessment, ASSESS_READINESS);
	assert_int_equal(node(fw, "S-1")->assessment, ASSESS_SERVICE);
	assert_int_equal(node(fw, "F")->assessment, ASSESS_NONE);
	assert_string_equal(rubric_title(&fw->scale[ASSESS_READINESS], "ja"), "準備度");
	assert_true(rubric_accepts(framework_scale(fw, ASSESS_READINESS, SIDE_OUTSOURCE), 0));
	assert_false(rubric_accepts(framework_scale(fw, ASSESS_READINESS, SIDE_INSOURCE), 3));
	assert_true(rubric_accepts(framework_scale(fw, ASSESS_SERVICE, SIDE_INSOURCE), 5));
	framework_free(fw);
	/* no declaration: every assessable node is a service, as in any CISO Assistant library */
	loads(LIB_HEAD NODES, &fw);
	assert_int_equal(node(fw, "F-1")->assessment, ASSESS_SERVICE);
	assert_int_equal(fw->custom_assessment, ASSESS_SERVICE);
	framework_free(fw);
}

static void test_declaration_refused(void **state)
{
	(void)state;
	load_fails(LIB_HEAD
		   "    cdcf:\n      assessment: {service: service, foundation: readiness}\n" NODES,
		   "kind 'foundation' is assessed as readiness, but the framework has no scale");
	load_fails(
	    LIB_HEAD
	    "    cdcf:\n      assessment: {service: service, gadget: readiness}\n" SCALE NODES,
	    "unknown kind 'gadget'");
	load_fails(
	    LIB_HEAD
	    "    cdcf:\n      assessment: {service: service, foundation: vibes}\n" SCALE NODES,
	    "the assessment must be service, readiness or parameter");
	load_fails(LIB_HEAD "    cdcf:\n      assessment: {service: service}\n" SCALE NODES,
		   "node 'F-1' can be assessed, but the assessment declares nothing for its kind "
		   "'foundation'");
	load_fails(LIB_HEAD "    cdcf:\n      assessment: {service: service}\n"
			    "      scales:\n        service: {min: 1, max: 2, points: [{score: 1, "
			    "name: {en: x}}]}\n" NODES,
		   "'service' is not a model with a scale of its own");
}

/* ---- the rules, through ops ---- */

static int setup(void **state)
{
	struct fixture *f;
	struct err e = ERR_INIT;

	if (fixture_setup(state))
		return -1;
	f = *state;
	if (ops_portfolio_new(f->st, FIX_ORG, PSIRT, NULL, &e) ||
	    ops_portfolio_new(f->st, FIX_ORG, SIM3, NULL, &e)) {
		fprintf(stderr, "%s\n", e.msg);
		return -1;
	}
	return 0;
}

static void load_fw(struct fixture *f, const char *fw, struct portfolio *p)
{
	portfolio_init(p);
	OK(ops_load(f->st, FIX_ORG, fw, p, oe));
}

static void test_in_scope_by_default(void **state)
{
	struct fixture *f = *state;
	struct portfolio p;
	struct progress pr;
	const struct entry *en;

	load_fw(f, PSIRT, &p);
	en = portfolio_find(&p, "OF.II.A");
	assert_non_null(en);
	assert_int_equal(en->level, LEVEL_IN_SCOPE);
	assert_int_equal(en->assessment, ASSESS_READINESS);
	assert_int_equal(en->id, 0);		/* not stored until something changes */
	assert_null(portfolio_find(&p, "1.1")); /* services are selected with a level */
	score_progress(&p, &pr);
	assert_int_equal(pr.catalogue_done, 10);
	assert_int_equal(pr.profile_total, 0); /* readiness is never assigned */
	assert_int_equal(pr.portfolio_total, 10);
	portfolio_release(&p);
	load_fw(f, SIM3, &p);
	assert_int_equal(p.n_entries, 44);
	portfolio_release(&p);
}

static void test_never_assigned(void **state)
{
	struct fixture *f = *state;

	assert_refused_saying(f, ERR_INVALID, "assignment",
			      "'OF.I.A' is a readiness component of the team itself: it is never "
			      "assigned",
			      ops_assign(f->st, FIX_ORG, PSIRT, "OF.I.A", "outsource", NULL,
					 FIX_PROVIDER, -1, NULL, &re));
	assert_refused_saying(
	    f, ERR_INVALID, "assignment", "'O-1' is a maturity parameter",
	    ops_assign(f->st, FIX_ORG, SIM3, "O-1", "insource", FIX_TEAM, NULL, -1, NULL, &re));
}

static void test_levels(void **state)
{
	struct fixture *f = *state;
	const char *of[] = {"OF.I.A"}, *svc[] = {"1.1"}, *o1[] = {"O-1"};

	assert_refused_saying(f, ERR_INVALID, "entries[0].level",
			      "it takes no recommendation level, got 'basic'",
			      ops_select(f->st, FIX_ORG, PSIRT, of, 1, "basic", &re));
	assert_refused_saying(f, ERR_INVALID, "entries[0].level", "'1.1' is a service",
			      ops_select(f->st, FIX_ORG, PSIRT, svc, 1, "in_scope", &re));
	OK(ops_select(f->st, FIX_ORG, PSIRT, svc, 1, "basic", oe));
	/* not applicable, then no score, then back in scope */
	OK(ops_select(f->st, FIX_ORG, SIM3, o1, 1, "not_required", oe));
	assert_refused_saying(
	    f, ERR_INVALID, "current", "'O-1' is marked not applicable",
	    ops_score(f->st, FIX_ORG, SIM3, "O-1", NULL, "2", NULL, NULL, -1, NULL, &re));
	OK(ops_select(f->st, FIX_ORG, SIM3, o1, 1, "in_scope", oe));
	OK(ops_score(f->st, FIX_ORG, SIM3, "O-1", NULL, "2", "4", NULL, -1, NULL, oe));
}

static void test_one_score(void **state)
{
	struct fixture *f = *state;
	struct portfolio p;
	const struct entry *en;
	double v;
	int used = -1;

	OK(ops_score(f->st, FIX_ORG, PSIRT, "OF.I.A", NULL, "0", "3", NULL, -1, &used, oe));
	assert_int_equal(used, SIDE_INSOURCE);
	/* the readiness scale is 0-3: 4 is refused, and so is n/a */
	assert_refused_msg(
	    f, ERR_INVALID, "insource.current", "current score for 'OF.I.A' must be 0-3, got '4'",
	    ops_score(f->st, FIX_ORG, PSIRT, "OF.I.A", NULL, "4", NULL, NULL, -1, NULL, &re));
	assert_refused(
	    f, ERR_INVALID, "insource.target",
	    ops_score(f->st, FIX_ORG, PSIRT, "OF.I.A", NULL, NULL, "n/a", NULL, -1, NULL, &re));
	assert_refused_saying(f, ERR_INVALID, "outsource",
			      "it has one score and no in-house or outsourced side",
			      ops_score(f->st, FIX_ORG, PSIRT, "OF.I.A", "outsource", "1", NULL,
					NULL, -1, NULL, &re));
	/* SIM3: 0-4 */
	OK(ops_score(f->st, FIX_ORG, SIM3, "O-1", NULL, "4", "4", NULL, -1, NULL, oe));
	assert_refused_msg(
	    f, ERR_INVALID, "insource.current", "current score for 'O-1' must be 0-4, got '5'",
	    ops_score(f->st, FIX_ORG, SIM3, "O-1", NULL, "5", NULL, NULL, -1, NULL, &re));
	load_fw(f, PSIRT, &p);
	en = portfolio_find(&p, "OF.I.A");
	assert_true(en->id > 0);
	assert_int_equal(en->score[SIDE_INSOURCE].current, 0);
	assert_int_equal(en->score[SIDE_INSOURCE].target, 3);
	assert_int_equal(entry_figure(en, 0, &v), 0);
	assert_true(v == 0.0);
	assert_true(entry_assessed(en));
	/* finished without an assignment: readiness is never assigned */
	assert_false(entry_unfinished(en));
	assert_true(entry_unfinished(portfolio_find(&p, "OF.I.C")));
	portfolio_release(&p);
}

/* A service without --side: the one side an in-house or outsourced service has;
 * a hybrid or unassigned one must say which. */
static void test_service_side(void **state)
{
	struct fixture *f = *state;
	const char *svc[] = {"1.1", "1.2"};
	int used = -1;

	OK(ops_select(f->st, FIX_ORG, PSIRT, svc, 2, "basic", oe));
	assert_refused_saying(
	    f, ERR_INVALID, "side", "'1.1' is unassigned: say which side",
	    ops_score(f->st, FIX_ORG, PSIRT, "1.1", NULL, "1", NULL, NULL, -1, NULL, &re));
	OK(ops_assign(f->st, FIX_ORG, PSIRT, "1.1", "outsource", NULL, FIX_PROVIDER, -1, NULL, oe));
	OK(ops_score(f->st, FIX_ORG, PSIRT, "1.1", NULL, "3", "5", NULL, -1, &used, oe));
	assert_int_equal(used, SIDE_OUTSOURCE);
	OK(ops_assign(f->st, FIX_ORG, PSIRT, "1.2", "hybrid", FIX_TEAM, FIX_PROVIDER, -1, NULL,
		      oe));
	assert_refused_saying(
	    f, ERR_INVALID, "side", "'1.2' is hybrid: say which side",
	    ops_score(f->st, FIX_ORG, PSIRT, "1.2", NULL, "1", NULL, NULL, -1, NULL, &re));
}

/* The foundation has its own roll-up on its scale; the overall figure is the services'. */
static void test_rollups_by_model(void **state)
{
	struct fixture *f = *state;
	const char *svc[] = {"1.1"};
	struct portfolio p;
	struct rollup *r;
	size_t n, k;
	int seen_of = 0;

	OK(ops_select(f->st, FIX_ORG, PSIRT, svc, 1, "basic", oe));
	OK(ops_assign(f->st, FIX_ORG, PSIRT, "1.1", "insource", FIX_TEAM, NULL, -1, NULL, oe));
	OK(ops_score(f->st, FIX_ORG, PSIRT, "1.1", NULL, "2", "5", NULL, -1, NULL, oe));
	OK(ops_score(f->st, FIX_ORG, PSIRT, "OF.I.A", NULL, "0", "3", NULL, -1, NULL, oe));
	load_fw(f, PSIRT, &p);
	n = score_rollups(&p, 0, &r);
	for (k = 0; k + 1 < n; k++) {
		if (strcmp(r[k].category, "OF"))
			continue;
		seen_of = 1;
		assert_int_equal(r[k].assessment, ASSESS_READINESS);
		assert_int_equal(r[k].n_assessed, 1);
		assert_true(r[k].current == 0.0 && r[k].target == 3.0);
	}
	assert_true(seen_of);
	assert_int_equal(r[n - 1].assessment, ASSESS_SERVICE);
	assert_int_equal(r[n - 1].n_assessed, 1);
	assert_true(r[n - 1].current == 2.0 && r[n - 1].target == 5.0);
	score_rollups_free(r, n);
	portfolio_release(&p);
}

/* An organization's own service in SIM3 is a parameter: in scope, 0-4, never assigned. */
static void test_custom_parameter(void **state)
{
	struct fixture *f = *state;

	OK(ops_service_add(f->st, FIX_ORG, SIM3, "MY-1", "Our own practice", NULL, "O", NULL, oe));
	assert_refused_saying(
	    f, ERR_INVALID, "assignment", "'MY-1' is a maturity parameter",
	    ops_assign(f->st, FIX_ORG, SIM3, "MY-1", "insource", FIX_TEAM, NULL, -1, NULL, &re));
	OK(ops_score(f->st, FIX_ORG, SIM3, "MY-1", NULL, "0", "4", NULL, -1, NULL, oe));
	assert_refused(
	    f, ERR_INVALID, "level",
	    ops_service_add(f->st, FIX_ORG, SIM3, "MY-2", "Another", NULL, "O", "basic", &re));
}

/* FIRST CSIRT: a service assessed through the functions the team performs. */
static void test_functions_roll_up(void **state)
{
	struct fixture *f = *state;
	const char *fn[] = {"5.1.2"}, *all[] = {"5.1", "5.1.1", "5.1.2", "5.1.3"};
	struct portfolio p;
	struct progress pr;
	const struct entry *svc;
	struct rollup *r;
	double v;
	size_t n;

	OK(ops_portfolio_new(f->st, FIX_ORG, "first-csirt-2.1", NULL, oe));
	assert_refused_saying(f, ERR_INVALID, "entries[0].level",
			      "'5.1.2' is a function of '5.1': select the service first",
			      ops_select(f->st, FIX_ORG, "first-csirt-2.1", fn, 1, "basic", &re));
	OK(ops_select(f->st, FIX_ORG, "first-csirt-2.1", all, 4, "basic", oe));
	OK(ops_assign(f->st, FIX_ORG, "first-csirt-2.1", "5.1.1", "insource", FIX_TEAM, NULL, -1,
		      NULL, oe));
	OK(ops_assign(f->st, FIX_ORG, "first-csirt-2.1", "5.1.2", "outsource", NULL, FIX_PROVIDER,
		      -1, NULL, oe));
	OK(ops_score(f->st, FIX_ORG, "first-csirt-2.1", "5.1.1", NULL, "2", "4", NULL, -1, NULL,
		     oe));
	OK(ops_score(f->st, FIX_ORG, "first-csirt-2.1", "5.1.2", NULL, "3", "5", NULL, -1, NULL,
		     oe));
	/* 5.1.3 is selected but not scored: it does not count */
	portfolio_init(&p);
	OK(ops_load(f->st, FIX_ORG, "first-csirt-2.1", &p, oe));
	svc = portfolio_find(&p, "5.1");
	assert_int_equal(svc->from_parts.n, 2);
	assert_int_equal(entry_figure(svc, 0, &v), 0);
	assert_true(v == 2.5);
	assert_int_equal(entry_figure(svc, 1, &v), 0);
	assert_true(v == 4.5);
	assert_true(portfolio_find(&p, "5.1.1")->part);
	/* 5.1 is done through its functions; the unscored function 5.1.3 is optional detail */
	assert_false(entry_unfinished(svc));
	assert_false(entry_unfinished(portfolio_find(&p, "5.1.3")));
	/* progress and roll-ups count the service once, never its functions */
	score_progress(&p, &pr);
	assert_int_equal(pr.catalogue_total, 21);
	assert_int_equal(pr.catalogue_done, 1);
	assert_int_equal(pr.portfolio_done, 1);
	n = score_rollups(&p, 0, &r);
	assert_int_equal(r[n - 1].n_assessed, 1);
	assert_true(r[n - 1].current == 2.5 && r[n - 1].target == 4.5);
	score_rollups_free(r, n);
	portfolio_release(&p);
	/* a score of the service's own takes precedence */
	OK(ops_assign(f->st, FIX_ORG, "first-csirt-2.1", "5.1", "insource", FIX_TEAM, NULL, -1,
		      NULL, oe));
	OK(ops_score(f->st, FIX_ORG, "first-csirt-2.1", "5.1", NULL, "1", "2", NULL, -1, NULL, oe));
	portfolio_init(&p);
	OK(ops_load(f->st, FIX_ORG, "first-csirt-2.1", &p, oe));
	assert_int_equal(entry_figure(portfolio_find(&p, "5.1"), 0, &v), 0);
	assert_true(v == 1.0);
	portfolio_release(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_shipped_declarations),
	    cmocka_unit_test(test_declaration_loaded),
	    cmocka_unit_test(test_declaration_refused),
	    cmocka_unit_test_setup_teardown(test_in_scope_by_default, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_never_assigned, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_levels, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_one_score, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_service_side, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_rollups_by_model, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_custom_parameter, setup, fixture_teardown),
	    cmocka_unit_test_setup_teardown(test_functions_roll_up, setup, fixture_teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
