/*
 * Unit tests for ops/: every action's success and each of its refusals, with
 * the database unchanged after every refusal (fixture_digest before and after),
 * and the field each refusal names (ops.h: the input, "entries[i].<input>" for
 * rows, "" for the subject as a whole).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"
#include "ops/ops.h"

/* The portfolio of FIX_ORG as stored; the caller releases it. */
static void load(struct fixture *f, struct portfolio *p)
{
	portfolio_init(p);
	OK(ops_load(f->st, FIX_ORG, FIX_FW, p, oe));
}

/* A-1..A-4 basic: A-1 in-house SOC, A-2 outsourced MSSP, A-3 hybrid, A-4 unassigned;
 * A-5 not required. */
static void build(struct fixture *f)
{
	static const char *const refs[] = {"A-1", "A-2", "A-3", "A-4"};
	static const char *const a5[] = {"A-5"};

	OK(ops_select(f->st, FIX_ORG, FIX_FW, refs, 4, "basic", oe));
	OK(ops_select(f->st, FIX_ORG, FIX_FW, a5, 1, "not_required", oe));
	OK(ops_assign(f->st, FIX_ORG, FIX_FW, "A-1", "insource", FIX_TEAM, NULL, -1, NULL, oe));
	OK(ops_assign(f->st, FIX_ORG, FIX_FW, "A-2", "outsource", NULL, FIX_PROVIDER, -1, NULL,
		      oe));
	OK(ops_assign(f->st, FIX_ORG, FIX_FW, "A-3", "hybrid", FIX_TEAM, FIX_PROVIDER, -1, NULL,
		      oe));
}

static long long version_of(struct fixture *f, const char *ref)
{
	struct portfolio p;
	const struct entry *en;
	long long v;

	load(f, &p);
	en = portfolio_find(&p, ref);
	v = en ? en->version : 0;
	portfolio_release(&p);
	return v;
}

static void row_init(struct ops_row *r, const char *ref, long long version)
{
	memset(r, 0, sizeof(*r));
	r->ref = ref;
	r->version = version;
}

/* ---- reading ---- */

static void test_framework_and_load(void **state)
{
	struct fixture *f = *state;
	const struct framework *fw;
	struct err e = ERR_INIT;
	struct portfolio p;

	OK(ops_framework(FIX_FW, &fw, oe));
	assert_string_equal(fw->id, FIX_FW);
	assert_int_equal(ops_framework("x9999", &fw, &e), ERR_NOT_FOUND);
	assert_string_equal(e.field, "framework");
	/* the same words on every front end: the CLI adds its hint by the message id */
	assert_int_equal(e.id, MSG_E_UNKNOWN_FRAMEWORK);
	assert_string_equal(e.msg, "unknown framework 'x9999'");
	load(f, &p);
	assert_int_equal(p.org_id, f->org_id);
	assert_non_null(p.fw);
	portfolio_release(&p);
	portfolio_init(&p);
	assert_int_equal(ops_load(f->st, "Nobody", FIX_FW, &p, &e), ERR_NOT_FOUND);
	assert_int_equal(ops_load(f->st, FIX_ORG, "sim3-v1", &p, &e), ERR_NOT_FOUND);
	portfolio_release(&p);
}

/* ---- portfolio, preset, catalogue ---- */

static void test_portfolio_new(void **state)
{
	struct fixture *f = *state;
	long long id;
	struct portfolio p;

	OK(ops_org_add(f->st, NULL, "Other", NULL, &id, oe));
	OK(ops_portfolio_new(f->st, "Other", FIX_FW, "first-steps", oe));
	portfolio_init(&p);
	OK(ops_load(f->st, "Other", FIX_FW, &p, oe));
	assert_true(p.n_entries > 3);
	assert_int_equal(portfolio_find(&p, "A-1")->level, LEVEL_BASIC);
	portfolio_release(&p);
	OK(ops_portfolio_new(f->st, FIX_ORG, "sim3-v1", NULL, oe));
	assert_refused(f, ERR_NOT_FOUND, "", ops_portfolio_new(f->st, "Nobody", FIX_FW, NULL, &re));
	assert_refused(f, ERR_NOT_FOUND, "framework",
		       ops_portfolio_new(f->st, FIX_ORG, "x9999", NULL, &re));
	assert_refused_msg(f, ERR_NOT_FOUND, "preset",
			   "unknown preset 'everything' for framework 'first-csirt-2.1'",
			   ops_portfolio_new(f->st, FIX_ORG, "first-csirt-2.1", "everything", &re));
	assert_refused_msg(f, ERR_CONFLICT, "", "'Acme' already has a portfolio for 'x1060-2021'",
			   ops_portfolio_new(f->st, FIX_ORG, FIX_FW, NULL, &re));
}

static void test_preset_apply(void **state)
{
	struct fixture *f = *state;
	struct portfolio p;

	assert_refused(f, ERR_NOT_FOUND, "preset",
		       ops_preset_apply(f->st, FIX_ORG, FIX_FW, "everything", &re));
	assert_refused(f, ERR_NOT_FOUND, "preset",
		       ops_preset_apply(f->st, FIX_ORG, FIX_FW, NULL, &re));
	OK(ops_preset_apply(f->st, FIX_ORG, FIX_FW, "full-cdc", oe));
	load(f, &p);
	assert_true(p.n_entries > 10);
	portfolio_release(&p);
	assert_refused(f, ERR_CONFLICT, "",
		       ops_preset_apply(f->st, FIX_ORG, FIX_FW, "first-steps", &re));
	assert_refused(f, ERR_NOT_FOUND, "",
		       ops_preset_apply(f->st, "Nobody", FIX_FW, "first-steps", &re));
}

static void test_select(void **state)
{
	struct fixture *f = *state;
	static const char *const two[] = {"A-1", "A-2"};
	static const char *const bad[] = {"A-3", "Z-99"};
	static const char *const cat[] = {"A"};
	struct portfolio p;

	OK(ops_select(f->st, FIX_ORG, FIX_FW, two, 2, "standard", oe));
	load(f, &p);
	assert_int_equal(p.n_entries, 2);
	assert_int_equal(portfolio_find(&p, "A-2")->level, LEVEL_STANDARD);
	portfolio_release(&p);
	assert_refused_msg(f, ERR_INVALID, "level",
			   "unknown recommendation level 'urgent' (not_required, basic, standard, "
			   "advanced, optional)",
			   ops_select(f->st, FIX_ORG, FIX_FW, two, 2, "urgent", &re));
	assert_refused(f, ERR_INVALID, "ref",
		       ops_select(f->st, FIX_ORG, FIX_FW, two, 0, "basic", &re));
	/* all or none: A-3 is not selected because Z-99 is unknown */
	assert_refused_msg(f, ERR_NOT_FOUND, "entries[1]",
			   "unknown service 'Z-99' in framework 'x1060-2021'",
			   ops_select(f->st, FIX_ORG, FIX_FW, bad, 2, "basic", &re));
	assert_refused(f, ERR_INVALID, "entries[0]",
		       ops_select(f->st, FIX_ORG, FIX_FW, cat, 1, "basic", &re));
	assert_refused(f, ERR_NOT_FOUND, "",
		       ops_select(f->st, "Nobody", FIX_FW, two, 2, "basic", &re));
}

static void test_service_add(void **state)
{
	struct fixture *f = *state;
	struct portfolio p;
	const struct entry *en;

	OK(ops_service_add(f->st, FIX_ORG, FIX_FW, "X-1", "Mine", "独自", "A", "optional", oe));
	load(f, &p);
	en = portfolio_find(&p, "X-1");
	assert_non_null(en);
	assert_true(en->custom);
	assert_int_equal(en->level, LEVEL_OPTIONAL);
	assert_string_equal(en->custom_category, "A");
	portfolio_release(&p);
	assert_refused(f, ERR_INVALID, "ref",
		       ops_service_add(f->st, FIX_ORG, FIX_FW, "X 2", "M", NULL, "A", NULL, &re));
	assert_refused(f, ERR_INVALID, "name_en",
		       ops_service_add(f->st, FIX_ORG, FIX_FW, "X-2", "", NULL, "A", NULL, &re));
	assert_refused(f, ERR_INVALID, "level",
		       ops_service_add(f->st, FIX_ORG, FIX_FW, "X-2", "M", NULL, "A", "x", &re));
	assert_refused_msg(
	    f, ERR_CONFLICT, "ref", "service 'A-1' already exists in 'x1060-2021'",
	    ops_service_add(f->st, FIX_ORG, FIX_FW, "A-1", "M", NULL, "A", NULL, &re));
	assert_refused(f, ERR_CONFLICT, "ref",
		       ops_service_add(f->st, FIX_ORG, FIX_FW, "X-1", "M", NULL, "A", NULL, &re));
	assert_refused(f, ERR_NOT_FOUND, "category",
		       ops_service_add(f->st, FIX_ORG, FIX_FW, "X-2", "M", NULL, "Q", NULL, &re));
}

/* ---- profile ---- */

static void test_assign(void **state)
{
	struct fixture *f = *state;
	int advice = -2; /* neither an id nor OPS_NO_ADVICE until ops_assign sets it */
	struct portfolio p;
	const struct entry *en;

	build(f);
	load(f, &p);
	en = portfolio_find(&p, "A-3");
	assert_int_equal(en->assignment, ASSIGN_HYBRID);
	assert_string_equal(en->team, FIX_TEAM);
	assert_string_equal(en->provider, FIX_PROVIDER);
	portfolio_release(&p);
	/* a management-type service fully outsourced is advised against */
	OK(ops_assign(f->st, FIX_ORG, FIX_FW, "A-4", "outsource", NULL, FIX_PROVIDER, -1, &advice,
		      oe));
	assert_int_equal(advice, MSG_OPS_ADVICE_MGMT_OUTSOURCED);
	OK(ops_assign(f->st, FIX_ORG, FIX_FW, "A-4", "insource", FIX_TEAM, FIX_PROVIDER,
		      version_of(f, "A-4"), &advice, oe));
	assert_int_equal(advice, OPS_NO_ADVICE);
	load(f, &p);
	assert_null(portfolio_find(&p, "A-4")->provider); /* a party it does not use is not kept */
	portfolio_release(&p);

	assert_refused_msg(
	    f, ERR_INVALID, "assignment",
	    "unknown assignment 'both' (insource, outsource, hybrid, unassigned)",
	    ops_assign(f->st, FIX_ORG, FIX_FW, "A-4", "both", NULL, NULL, -1, NULL, &re));
	assert_refused(
	    f, ERR_INVALID, "assignment",
	    ops_assign(f->st, FIX_ORG, FIX_FW, "A-5", "insource", FIX_TEAM, NULL, -1, NULL, &re));
	assert_refused(
	    f, ERR_INVALID, "assignment",
	    ops_assign(f->st, FIX_ORG, FIX_FW, "A-6", "insource", FIX_TEAM, NULL, -1, NULL, &re));
	assert_refused(
	    f, ERR_NOT_FOUND, "",
	    ops_assign(f->st, FIX_ORG, FIX_FW, "Z-9", "insource", FIX_TEAM, NULL, -1, NULL, &re));
	assert_refused_msg(
	    f, ERR_INVALID, "team", "assigning 'A-4' in-house needs a team",
	    ops_assign(f->st, FIX_ORG, FIX_FW, "A-4", "insource", NULL, NULL, -1, NULL, &re));
	assert_refused_msg(
	    f, ERR_INVALID, "provider", "outsourcing 'A-4' needs a provider",
	    ops_assign(f->st, FIX_ORG, FIX_FW, "A-4", "hybrid", FIX_TEAM, "", -1, NULL, &re));
	assert_refused_msg(f, ERR_NOT_FOUND, "team", "unknown team 'Night shift' in 'Acme'",
			   ops_assign(f->st, FIX_ORG, FIX_FW, "A-4", "insource", "Night shift",
				      NULL, -1, NULL, &re));
	assert_refused(
	    f, ERR_NOT_FOUND, "provider",
	    ops_assign(f->st, FIX_ORG, FIX_FW, "A-4", "outsource", NULL, "Nobody", -1, NULL, &re));
	assert_refused(f, ERR_CONFLICT, "version",
		       ops_assign(f->st, FIX_ORG, FIX_FW, "A-4", "unassigned", NULL, NULL,
				  version_of(f, "A-4") - 1, NULL, &re));
}

static void test_assign_clears_scores(void **state)
{
	struct fixture *f = *state;
	struct portfolio p;
	const struct entry *en;

	build(f);
	OK(ops_score(f->st, FIX_ORG, FIX_FW, "A-3", "insource", "3", "4", NULL, -1, NULL, oe));
	OK(ops_score(f->st, FIX_ORG, FIX_FW, "A-3", "outsource", "2", "5", NULL, -1, NULL, oe));
	/* in-house only: the provider's side goes; unassigned: no current above 1 */
	OK(ops_assign(f->st, FIX_ORG, FIX_FW, "A-3", "insource", FIX_TEAM, NULL, -1, NULL, oe));
	load(f, &p);
	en = portfolio_find(&p, "A-3");
	assert_int_equal(en->score[SIDE_INSOURCE].current, 3);
	assert_int_equal(en->score[SIDE_OUTSOURCE].current, SCORE_NONE);
	assert_int_equal(en->score[SIDE_OUTSOURCE].target, SCORE_NONE);
	portfolio_release(&p);
	OK(ops_assign(f->st, FIX_ORG, FIX_FW, "A-3", "unassigned", NULL, NULL, -1, NULL, oe));
	load(f, &p);
	en = portfolio_find(&p, "A-3");
	assert_int_equal(en->score[SIDE_INSOURCE].current, SCORE_NONE);
	assert_int_equal(en->score[SIDE_INSOURCE].target, 4);
	portfolio_release(&p);
}

/* ---- portfolio: scores, notes, evidence ---- */

static void test_score(void **state)
{
	struct fixture *f = *state;
	char big[STORE_TEXT_MAX + 2];
	struct portfolio p;
	const struct entry *en;
	long long v;

	build(f);
	OK(ops_score(f->st, FIX_ORG, FIX_FW, "A-1", "insource", "2", "4", "first look", -1, NULL,
		     oe));
	v = version_of(f, "A-1");
	OK(ops_score(f->st, FIX_ORG, FIX_FW, "A-1", "insource", NULL, "n/a", NULL, v, NULL, oe));
	OK(ops_score(f->st, FIX_ORG, FIX_FW, "A-4", "outsource", "1", "3", NULL, -1, NULL, oe));
	load(f, &p);
	en = portfolio_find(&p, "A-1");
	assert_int_equal(en->score[SIDE_INSOURCE].current, 2);
	assert_int_equal(en->score[SIDE_INSOURCE].target, SCORE_NA);
	assert_string_equal(en->note, "first look");
	assert_int_equal(en->version, v + 1);
	portfolio_release(&p);
	OK(ops_score(f->st, FIX_ORG, FIX_FW, "A-1", "insource", NULL, NULL, "", -1, NULL, oe));
	load(f, &p);
	assert_null(portfolio_find(&p, "A-1")->note);
	portfolio_release(&p);

	assert_refused_msg(
	    f, ERR_INVALID, "side", "unknown side 'both' (insource, outsource)",
	    ops_score(f->st, FIX_ORG, FIX_FW, "A-1", "both", "1", NULL, NULL, -1, NULL, &re));
	assert_refused(
	    f, ERR_INVALID, "",
	    ops_score(f->st, FIX_ORG, FIX_FW, "A-1", "insource", NULL, NULL, NULL, -1, NULL, &re));
	assert_refused_msg(
	    f, ERR_INVALID, "insource.current",
	    "current score for 'A-1' must be 1-5 or n/a, got '7'",
	    ops_score(f->st, FIX_ORG, FIX_FW, "A-1", "insource", "7", "5", NULL, -1, NULL, &re));
	assert_refused(
	    f, ERR_INVALID, "insource.target",
	    ops_score(f->st, FIX_ORG, FIX_FW, "A-1", "insource", "3", "lots", NULL, -1, NULL, &re));
	assert_refused_msg(
	    f, ERR_INVALID, "outsource",
	    "'A-1' is in-house (SOC); its outsourced side cannot be scored",
	    ops_score(f->st, FIX_ORG, FIX_FW, "A-1", "outsource", "2", "3", NULL, -1, NULL, &re));
	/* the side named is checked even when only the note changes */
	assert_refused(
	    f, ERR_INVALID, "outsource",
	    ops_score(f->st, FIX_ORG, FIX_FW, "A-1", "outsource", NULL, NULL, "x", -1, NULL, &re));
	assert_refused(
	    f, ERR_INVALID, "insource.current",
	    ops_score(f->st, FIX_ORG, FIX_FW, "A-4", "insource", "2", NULL, NULL, -1, NULL, &re));
	assert_refused(
	    f, ERR_INVALID, "insource",
	    ops_score(f->st, FIX_ORG, FIX_FW, "A-5", "insource", "2", NULL, NULL, -1, NULL, &re));
	assert_refused_msg(
	    f, ERR_INVALID, "insource",
	    "'A-6' is not in the catalogue of 'Acme' yet; select it with a level first",
	    ops_score(f->st, FIX_ORG, FIX_FW, "A-6", "insource", "2", NULL, NULL, -1, NULL, &re));
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_refused(
	    f, ERR_TOO_LARGE, "note",
	    ops_score(f->st, FIX_ORG, FIX_FW, "A-1", "insource", NULL, NULL, big, -1, NULL, &re));
	assert_refused(
	    f, ERR_CONFLICT, "version",
	    ops_score(f->st, FIX_ORG, FIX_FW, "A-1", "insource", "3", NULL, NULL, v, NULL, &re));
}

static void test_evidence(void **state)
{
	struct fixture *f = *state;
	char big[STORE_TEXT_MAX + 2];
	struct portfolio p;

	build(f);
	OK(ops_evidence(f->st, FIX_ORG, FIX_FW, "A-1", "https://example.org/a\nhttp://b.example",
			-1, oe));
	load(f, &p);
	assert_string_equal(portfolio_find(&p, "A-1")->evidence,
			    "https://example.org/a\nhttp://b.example");
	portfolio_release(&p);
	OK(ops_evidence(f->st, FIX_ORG, FIX_FW, "A-1", NULL, -1, oe));
	load(f, &p);
	assert_null(portfolio_find(&p, "A-1")->evidence);
	portfolio_release(&p);
	assert_refused(f, ERR_INVALID, "evidence",
		       ops_evidence(f->st, FIX_ORG, FIX_FW, "A-1", "javascript:alert(1)", -1, &re));
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_refused(f, ERR_TOO_LARGE, "evidence",
		       ops_evidence(f->st, FIX_ORG, FIX_FW, "A-1", big, -1, &re));
	assert_refused(f, ERR_INVALID, "evidence",
		       ops_evidence(f->st, FIX_ORG, FIX_FW, "A-5", "https://x", -1, &re));
	assert_refused(f, ERR_CONFLICT, "version",
		       ops_evidence(f->st, FIX_ORG, FIX_FW, "A-1", "https://x", 99, &re));
}

/* ---- several rows at once ---- */

static void test_rows_save(void **state)
{
	struct fixture *f = *state;
	struct ops_row rows[3];
	struct ops_rows r = {.v = rows, .n = 3};
	struct portfolio after;
	const struct entry *en;

	build(f);
	row_init(&rows[0], "A-1", version_of(f, "A-1"));
	rows[0].score[SIDE_INSOURCE][OPS_CURRENT] = "3";
	rows[0].score[SIDE_INSOURCE][OPS_TARGET] = "5";
	rows[0].note = "runbook";
	row_init(&rows[1], "A-2", version_of(f, "A-2"));
	rows[1].score[SIDE_OUTSOURCE][OPS_CURRENT] = "2";
	rows[1].evidence = "https://example.org/contract";
	row_init(&rows[2], "B-1", 0); /* not in the catalogue yet: select and assign it */
	rows[2].level = "advanced";
	rows[2].assignment = "outsource";
	rows[2].provider = FIX_PROVIDER;
	portfolio_init(&after);
	r.after = &after;
	OK(ops_rows_save(f->st, NULL, FIX_ORG, FIX_FW, &r, oe));
	assert_int_equal(r.refused, 0);
	en = portfolio_find(&after, "A-1");
	assert_int_equal(en->score[SIDE_INSOURCE].current, 3);
	assert_string_equal(en->note, "runbook");
	en = portfolio_find(&after, "A-2");
	assert_string_equal(en->evidence, "https://example.org/contract");
	en = portfolio_find(&after, "B-1");
	assert_int_equal(en->level, LEVEL_ADVANCED);
	assert_int_equal(en->version, 1); /* one write for several inputs */
	portfolio_release(&after);
}

static void test_rows_refused_each(void **state)
{
	struct fixture *f = *state;
	struct ops_row rows[4];
	struct err errs[4];
	struct ops_rows r = {.v = rows, .n = 4, .errs = errs};
	char before[65], after[65];
	struct err e = ERR_INIT;

	build(f);
	row_init(&rows[0], "A-1", version_of(f, "A-1")); /* good, but not written */
	rows[0].score[SIDE_INSOURCE][OPS_CURRENT] = "4";
	row_init(&rows[1], "A-2", version_of(f, "A-2"));
	rows[1].score[SIDE_OUTSOURCE][OPS_CURRENT] = "7";
	row_init(&rows[2], "A-4", version_of(f, "A-4") + 1);
	rows[2].note = "stale";
	row_init(&rows[3], "A-3", version_of(f, "A-3"));
	rows[3].assignment = "insource";
	rows[3].team = "";
	fixture_digest(f, before);
	assert_int_equal(ops_rows_save(f->st, NULL, FIX_ORG, FIX_FW, &r, &e), ERR_INVALID);
	fixture_digest(f, after);
	assert_string_equal(before, after);
	assert_int_equal(r.refused, 3);
	assert_string_equal(e.field, "entries[1].outsource.current");
	assert_int_equal(errs[0].code, 0);
	assert_int_equal(errs[1].code, ERR_INVALID);
	assert_string_equal(errs[1].field, "entries[1].outsource.current");
	assert_int_equal(errs[2].code, ERR_CONFLICT);
	assert_string_equal(errs[2].field, "entries[2].version");
	assert_int_equal(errs[3].code, ERR_INVALID);
	assert_string_equal(errs[3].field, "entries[3].team");
	/* without errs the first refusal ends the checks */
	r.errs = NULL;
	assert_refused(f, ERR_INVALID, "entries[1].outsource.current",
		       ops_rows_save(f->st, NULL, FIX_ORG, FIX_FW, &r, &re));
}

static void test_rows_levels(void **state)
{
	struct fixture *f = *state;
	struct ops_row row;
	struct ops_rows r = {.v = &row, .n = 1};
	struct portfolio p;

	build(f);
	row_init(&row, "A-1", -1);
	row.level_was = "basic";
	row.level = "advanced";
	OK(ops_rows_save(f->st, NULL, FIX_ORG, FIX_FW, &r, oe));
	load(f, &p);
	assert_int_equal(portfolio_find(&p, "A-1")->level, LEVEL_ADVANCED);
	portfolio_release(&p);
	/* the form showed basic: someone else changed it since */
	row.level = "standard";
	assert_refused(f, ERR_CONFLICT, "entries[0].level",
		       ops_rows_save(f->st, NULL, FIX_ORG, FIX_FW, &r, &re));
	row.level_was = "advanced";
	row.level = "";
	assert_refused_msg(f, ERR_INVALID, "entries[0].level",
			   "'A-1' is in the catalogue; choose a level (not required takes it out "
			   "of the build)",
			   ops_rows_save(f->st, NULL, FIX_ORG, FIX_FW, &r, &re));
	row.level = "urgent";
	assert_refused(f, ERR_INVALID, "entries[0].level",
		       ops_rows_save(f->st, NULL, FIX_ORG, FIX_FW, &r, &re));
	/* "" for a service not in the catalogue changes nothing */
	row_init(&row, "B-2", -1);
	row.level_was = "";
	row.level = "";
	OK(ops_rows_save(f->st, NULL, FIX_ORG, FIX_FW, &r, oe));
	load(f, &p);
	assert_null(portfolio_find(&p, "B-2"));
	portfolio_release(&p);
}

static void test_rows_who(void **state)
{
	struct fixture *f = *state;
	struct ops_actor ann = {.user_id = 7, .role = ROLE_ASSESSOR, .team_id = f->team_id};
	struct ops_actor viewer = {.user_id = 8, .role = ROLE_VIEWER};
	struct ops_actor editor = {.user_id = 9, .role = ROLE_EDITOR};
	struct ops_row row;
	struct ops_rows r = {.v = &row, .n = 1};
	struct portfolio p;

	build(f);
	/* the assessor of SOC: the in-house side of its services (A-1, hybrid A-3) */
	row_init(&row, "A-1", -1);
	row.score[SIDE_INSOURCE][OPS_CURRENT] = "3";
	row.note = "by ann";
	OK(ops_rows_save(f->st, &ann, FIX_ORG, FIX_FW, &r, oe));
	row_init(&row, "A-3", -1);
	row.score[SIDE_INSOURCE][OPS_TARGET] = "4";
	OK(ops_rows_save(f->st, &ann, FIX_ORG, FIX_FW, &r, oe));
	row.score[SIDE_OUTSOURCE][OPS_CURRENT] = "2";
	assert_refused_msg(f, ERR_DENIED, "entries[0]",
			   "assessors may only score the in-house side their team provides",
			   ops_rows_save(f->st, &ann, FIX_ORG, FIX_FW, &r, &re));
	row_init(&row, "A-2", -1);
	row.score[SIDE_OUTSOURCE][OPS_CURRENT] = "2";
	assert_refused_msg(f, ERR_DENIED, "entries[0]",
			   "assessors may only score services assigned to their team",
			   ops_rows_save(f->st, &ann, FIX_ORG, FIX_FW, &r, &re));
	/* denied before stale: the row is not the assessor's whatever its version */
	row.version = 99;
	assert_refused(f, ERR_DENIED, "entries[0]",
		       ops_rows_save(f->st, &ann, FIX_ORG, FIX_FW, &r, &re));
	row_init(&row, "A-1", -1);
	row.level = "advanced";
	assert_refused_msg(f, ERR_DENIED, "entries[0]",
			   "changing the level or the assignment needs the editor role",
			   ops_rows_save(f->st, &ann, FIX_ORG, FIX_FW, &r, &re));
	row_init(&row, "B-1", 0);
	row.note = "not selected";
	assert_refused(f, ERR_DENIED, "entries[0]",
		       ops_rows_save(f->st, &ann, FIX_ORG, FIX_FW, &r, &re));
	row_init(&row, "A-1", -1);
	row.note = "viewer";
	assert_refused(f, ERR_DENIED, "entries[0]",
		       ops_rows_save(f->st, &viewer, FIX_ORG, FIX_FW, &r, &re));
	/* an editor scores both sides and changes levels */
	row_init(&row, "A-3", -1);
	row.level = "standard";
	row.score[SIDE_OUTSOURCE][OPS_CURRENT] = "2";
	OK(ops_rows_save(f->st, &editor, FIX_ORG, FIX_FW, &r, oe));
	load(f, &p);
	assert_int_equal(portfolio_find(&p, "A-3")->score[SIDE_OUTSOURCE].current, 2);
	assert_int_equal(portfolio_find(&p, "A-3")->score[SIDE_INSOURCE].target, 4);
	assert_string_equal(portfolio_find(&p, "A-1")->note, "by ann");
	portfolio_release(&p);
}

static void test_may_score(void **state)
{
	struct fixture *f = *state;
	struct ops_actor ann = {.role = ROLE_ASSESSOR, .team_id = f->team_id};
	struct ops_actor nobody = {.role = ROLE_ASSESSOR};
	struct ops_actor editor = {.role = ROLE_EDITOR};
	struct portfolio p;
	const struct entry *a1, *a2, *a3;

	build(f);
	load(f, &p);
	a1 = portfolio_find(&p, "A-1");
	a2 = portfolio_find(&p, "A-2");
	a3 = portfolio_find(&p, "A-3");
	assert_true(ops_may_score(NULL, a2));
	assert_true(ops_may_score(&editor, a2));
	assert_true(ops_may_score(&ann, a1));
	assert_true(ops_may_score(&ann, a3));
	assert_false(ops_may_score(&ann, a2));
	assert_false(ops_may_score(&nobody, a1));
	assert_true(ops_may_score_side(&ann, a3, SIDE_INSOURCE));
	assert_false(ops_may_score_side(&ann, a3, SIDE_OUTSOURCE));
	assert_false(ops_may_score_side(&ann, a1, SIDE_OUTSOURCE));
	assert_true(ops_may_score_side(&editor, a3, SIDE_OUTSOURCE));
	assert_false(ops_may_score_side(&editor, a1, SIDE_OUTSOURCE));
	assert_true(ops_may_score_side(NULL, a2, SIDE_OUTSOURCE));
	portfolio_release(&p);
}

static void test_entry_patch(void **state)
{
	struct fixture *f = *state;
	struct ops_row row;
	struct portfolio after;
	const struct entry *en;
	long long v;

	build(f);
	v = version_of(f, "A-4");
	row_init(&row, "A-4", v);
	row.level = "standard";
	row.assignment = "hybrid";
	row.team = FIX_TEAM;
	row.provider = FIX_PROVIDER;
	row.score[SIDE_INSOURCE][OPS_CURRENT] = "2";
	row.score[SIDE_OUTSOURCE][OPS_TARGET] = "4";
	row.note = "all at once";
	row.evidence = "https://example.org/e";
	portfolio_init(&after);
	OK(ops_entry_patch(f->st, NULL, FIX_ORG, FIX_FW, &row, &after, oe));
	en = portfolio_find(&after, "A-4");
	assert_int_equal(en->version, v + 1); /* one change, one version */
	assert_int_equal(en->assignment, ASSIGN_HYBRID);
	assert_int_equal(en->score[SIDE_OUTSOURCE].target, 4);
	assert_string_equal(en->evidence, "https://example.org/e");
	portfolio_release(&after);
	/* the field is the input alone; the level change goes with the refused score */
	row_init(&row, "A-4", v + 1);
	row.level = "advanced";
	row.score[SIDE_INSOURCE][OPS_CURRENT] = "9";
	assert_refused_msg(f, ERR_INVALID, "insource.current",
			   "current score for 'A-4' must be 1-5 or n/a, got '9'",
			   ops_entry_patch(f->st, NULL, FIX_ORG, FIX_FW, &row, NULL, &re));
	row_init(&row, "A-4", v + 1);
	row.provider = "Nobody"; /* the stored assignment stays, its provider changes */
	assert_refused(f, ERR_NOT_FOUND, "provider",
		       ops_entry_patch(f->st, NULL, FIX_ORG, FIX_FW, &row, NULL, &re));
	row_init(&row, "A-4", v);
	row.note = "stale";
	assert_refused(f, ERR_CONFLICT, "version",
		       ops_entry_patch(f->st, NULL, FIX_ORG, FIX_FW, &row, NULL, &re));
	/* version 0: the service must not be in the catalogue yet */
	row_init(&row, "A-4", 0);
	row.level = "basic";
	assert_refused(f, ERR_CONFLICT, "version",
		       ops_entry_patch(f->st, NULL, FIX_ORG, FIX_FW, &row, NULL, &re));
	row_init(&row, "B-3", 2);
	row.level = "basic";
	assert_refused(f, ERR_CONFLICT, "version",
		       ops_entry_patch(f->st, NULL, FIX_ORG, FIX_FW, &row, NULL, &re));
	row_init(&row, "B-3", 0);
	row.note = "no level";
	assert_refused(f, ERR_INVALID, "note",
		       ops_entry_patch(f->st, NULL, FIX_ORG, FIX_FW, &row, NULL, &re));
	row_init(&row, "Z-9", 0);
	row.level = "basic";
	assert_refused(f, ERR_NOT_FOUND, "",
		       ops_entry_patch(f->st, NULL, FIX_ORG, FIX_FW, &row, NULL, &re));
	row_init(&row, "A-4", -1);
	row.assignment = "both";
	assert_refused(f, ERR_INVALID, "assignment",
		       ops_entry_patch(f->st, NULL, FIX_ORG, FIX_FW, &row, NULL, &re));
	row_init(&row, "A-4", -1);
	row.team = "";
	assert_refused(f, ERR_INVALID, "team",
		       ops_entry_patch(f->st, NULL, FIX_ORG, FIX_FW, &row, NULL, &re));
}

/* ---- management ---- */

static void test_actions(void **state)
{
	struct fixture *f = *state;
	struct action *list = NULL;
	size_t n = 0;
	long long id = 0;
	struct err e = ERR_INIT;

	build(f);
	OK(ops_action_add(f->st, FIX_ORG, FIX_FW, "A-1", "Write the runbook", "ann", "2026-05-01",
			  "4", &id, oe));
	assert_true(id > 0);
	OK(ops_action_add(f->st, FIX_ORG, FIX_FW, "A-2", "Review the contract", NULL, NULL, NULL,
			  NULL, oe));
	assert_int_equal(store_action_list(f->st, f->portfolio_id, NULL, &list, &n, &e), 0);
	assert_int_equal(n, 2);
	assert_int_equal(list[0].target, 4);
	action_list_free(list, n);
	assert_refused(
	    f, ERR_INVALID, "title",
	    ops_action_add(f->st, FIX_ORG, FIX_FW, "A-1", "", NULL, NULL, NULL, NULL, &re));
	assert_refused_msg(f, ERR_INVALID, "due",
			   "due date '2026-02-30' is not a valid date (YYYY-MM-DD)",
			   ops_action_add(f->st, FIX_ORG, FIX_FW, "A-1", "T", NULL, "2026-02-30",
					  NULL, NULL, &re));
	assert_refused(
	    f, ERR_NOT_FOUND, "ref",
	    ops_action_add(f->st, FIX_ORG, FIX_FW, "Z-9", "T", NULL, NULL, NULL, NULL, &re));
	assert_refused(
	    f, ERR_INVALID, "ref",
	    ops_action_add(f->st, FIX_ORG, FIX_FW, "A-5", "T", NULL, NULL, NULL, NULL, &re));
	assert_refused(
	    f, ERR_INVALID, "target",
	    ops_action_add(f->st, FIX_ORG, FIX_FW, "A-1", "T", NULL, NULL, "9", NULL, &re));
	OK(ops_action_status(f->st, FIX_ORG, FIX_FW, id, "done", oe));
	assert_int_equal(store_action_list(f->st, f->portfolio_id, "done", &list, &n, &e), 0);
	assert_int_equal(n, 1);
	action_list_free(list, n);
	assert_refused(f, ERR_INVALID, "status",
		       ops_action_status(f->st, FIX_ORG, FIX_FW, id, "later", &re));
	assert_refused_msg(f, ERR_NOT_FOUND, "",
			   "unknown action 99 in the portfolio of 'Acme' for 'x1060-2021'",
			   ops_action_status(f->st, FIX_ORG, FIX_FW, 99, "done", &re));
}

/* ---- evaluation ---- */

static void test_schedule(void **state)
{
	struct fixture *f = *state;
	struct portfolio p;

	OK(ops_schedule_evaluation(f->st, FIX_ORG, FIX_FW, "2026-09-07", oe));
	load(f, &p);
	assert_string_equal(p.next_evaluation, "2026-09-07");
	portfolio_release(&p);
	assert_refused_msg(f, ERR_INVALID, "next_evaluation",
			   "next evaluation date '2026-02-30' is not a valid date (YYYY-MM-DD)",
			   ops_schedule_evaluation(f->st, FIX_ORG, FIX_FW, "2026-02-30", &re));
	assert_refused(f, ERR_NOT_FOUND, "",
		       ops_schedule_evaluation(f->st, "Nobody", FIX_FW, "2026-09-08", &re));
	OK(ops_schedule_evaluation(f->st, FIX_ORG, FIX_FW, "", oe));
	load(f, &p);
	assert_null(p.next_evaluation);
	portfolio_release(&p);
}

static void test_evaluate(void **state)
{
	struct fixture *f = *state;
	json_t *answers = json_loads(FIX_ANSWERS, 0, NULL), *partial, *snap = NULL;
	char approver[STORE_NAME_MAX + 2];
	struct portfolio p;

	build(f);
	partial = json_deep_copy(answers);
	json_object_del(json_object_get(partial, "portfolio"), "targets");
	memset(approver, 'a', sizeof(approver) - 1);
	approver[sizeof(approver) - 1] = '\0';
	assert_refused(f, ERR_INVALID, "answers",
		       ops_evaluate(f->st, FIX_ORG, FIX_FW, partial, "CISO", NULL, &re));
	assert_refused(f, ERR_INVALID, "next_evaluation",
		       ops_evaluate(f->st, FIX_ORG, FIX_FW, answers, "CISO", "2027-13-01", &re));
	assert_refused(f, ERR_TOO_LARGE, "approved_by",
		       ops_evaluate(f->st, FIX_ORG, FIX_FW, answers, approver, NULL, &re));
	assert_refused(f, ERR_NOT_FOUND, "",
		       ops_evaluate(f->st, "Nobody", FIX_FW, answers, "CISO", NULL, &re));
	OK(ops_schedule_evaluation(f->st, FIX_ORG, FIX_FW, "2026-05-01", oe));
	OK(ops_evaluate(f->st, FIX_ORG, FIX_FW, answers, "CISO", "2027-04-30", oe));
	load(f, &p);
	assert_int_equal(p.cycle, 2);
	assert_string_equal(p.next_evaluation, "2027-04-30");
	portfolio_release(&p);
	OK(ops_cycle_snapshot(f->st, FIX_ORG, FIX_FW, 1, &snap, oe));
	assert_non_null(json_object_get(snap, "entries"));
	json_decref(snap);
	snap = NULL;
	OK(ops_cycle_snapshot(f->st, FIX_ORG, FIX_FW, 2, &snap, oe)); /* the open one: live */
	json_decref(snap);
	snap = NULL;
	assert_refused(f, ERR_NOT_FOUND, "",
		       ops_cycle_snapshot(f->st, FIX_ORG, FIX_FW, 9, &snap, &re));
	json_decref(partial);
	json_decref(answers);
}

/* ---- organizations and members ---- */

static void test_org_add(void **state)
{
	struct fixture *f = *state;
	struct ops_actor admin = {.user_id = 1, .site_admin = 1, .role = ROLE_ADMIN};
	struct ops_actor editor = {.user_id = 2, .role = ROLE_ADMIN};
	struct org o = {0};
	struct err e = ERR_INIT;
	long long id;

	OK(ops_org_add(f->st, &admin, "Acme Sub", FIX_ORG, &id, oe));
	assert_int_equal(store_org_get(f->st, id, &o, &e), 0);
	assert_string_equal(o.parent_name, FIX_ORG);
	org_release(&o);
	assert_refused_msg(f, ERR_DENIED, "", "only site administrators can create organizations",
			   ops_org_add(f->st, &editor, "New", NULL, &id, &re));
	assert_refused_msg(f, ERR_CONFLICT, "name", "organization 'Acme' already exists",
			   ops_org_add(f->st, NULL, FIX_ORG, NULL, &id, &re));
	assert_refused(f, ERR_NOT_FOUND, "parent",
		       ops_org_add(f->st, NULL, "New", "Nope", &id, &re));
	assert_refused(f, ERR_INVALID, "name", ops_org_add(f->st, NULL, "", NULL, &id, &re));
}

static void test_party_add(void **state)
{
	struct fixture *f = *state;
	long long id;

	OK(ops_party_add(f->st, FIX_ORG, PARTY_TEAM, "Night shift", &id, oe));
	OK(ops_party_add(f->st, FIX_ORG, PARTY_PROVIDER, "CERT Partner", &id, oe));
	assert_int_equal(fixture_count(f, "teams"), 2);
	assert_int_equal(fixture_count(f, "providers"), 2);
	assert_refused_msg(f, ERR_CONFLICT, "name", "team 'SOC' already exists in 'Acme'",
			   ops_party_add(f->st, FIX_ORG, PARTY_TEAM, FIX_TEAM, &id, &re));
	assert_refused(f, ERR_CONFLICT, "name",
		       ops_party_add(f->st, FIX_ORG, PARTY_PROVIDER, FIX_PROVIDER, &id, &re));
	assert_refused(f, ERR_NOT_FOUND, "",
		       ops_party_add(f->st, "Nobody", PARTY_TEAM, "T", &id, &re));
	assert_refused(f, ERR_INVALID, "name",
		       ops_party_add(f->st, FIX_ORG, PARTY_TEAM, "", &id, &re));
}

static void test_members(void **state)
{
	struct fixture *f = *state;
	struct ops_actor org_admin = {.role = ROLE_ADMIN};
	struct ops_actor site_admin = {.site_admin = 1, .role = ROLE_ADMIN};
	struct membership m = {0};
	struct err e = ERR_INIT;
	long long ann, other_org, other_team;

	OK(ops_user_add(f->st, "ann", "$argon2id$x", 0, &ann, oe));
	OK(ops_org_add(f->st, NULL, "Other", NULL, &other_org, oe));
	OK(ops_party_add(f->st, "Other", PARTY_TEAM, "Elsewhere", &other_team, oe));
	OK(ops_member_set(f->st, FIX_ORG, "ann", "assessor", FIX_TEAM, 0, oe));
	assert_int_equal(store_membership_get(f->st, ann, f->org_id, &m, &e), 0);
	assert_int_equal(m.role, ROLE_ASSESSOR);
	assert_int_equal(m.team_id, f->team_id);
	membership_release(&m);
	OK(ops_member_set(f->st, FIX_ORG, "ann", "editor", NULL, f->team_id, oe));
	OK(ops_member_set(f->st, FIX_ORG, "ann", "viewer", "", 0, oe));
	assert_int_equal(store_membership_get(f->st, ann, f->org_id, &m, &e), 0);
	assert_int_equal(m.role, ROLE_VIEWER);
	assert_int_equal(m.team_id, 0);
	membership_release(&m);
	assert_refused_msg(f, ERR_INVALID, "role",
			   "unknown role 'boss' (admin, editor, assessor, viewer)",
			   ops_member_set(f->st, FIX_ORG, "ann", "boss", NULL, 0, &re));
	assert_refused(f, ERR_NOT_FOUND, "user",
		       ops_member_set(f->st, FIX_ORG, "nobody", "viewer", NULL, 0, &re));
	assert_refused(f, ERR_NOT_FOUND, "",
		       ops_member_set(f->st, "Nobody", "ann", "viewer", NULL, 0, &re));
	assert_refused(f, ERR_NOT_FOUND, "team",
		       ops_member_set(f->st, FIX_ORG, "ann", "assessor", "Nope", 0, &re));
	/* a team of another organization */
	assert_refused(f, ERR_INVALID, "team",
		       ops_member_set(f->st, FIX_ORG, "ann", "assessor", NULL, other_team, &re));

	/* an organization's admin does not remove themselves; a site admin may */
	org_admin.user_id = ann;
	assert_refused(f, ERR_INVALID, "user",
		       ops_member_revoke(f->st, &org_admin, FIX_ORG, ann, &re));
	assert_refused(f, ERR_NOT_FOUND, "", ops_member_revoke(f->st, NULL, "Nobody", ann, &re));
	site_admin.user_id = ann;
	OK(ops_member_revoke(f->st, &site_admin, FIX_ORG, ann, oe));
	assert_int_equal(store_membership_get(f->st, ann, f->org_id, &m, &e), ERR_NOT_FOUND);
	assert_refused(f, ERR_NOT_FOUND, "user", ops_member_revoke(f->st, NULL, FIX_ORG, ann, &re));
}

/* ---- accounts ---- */

static void session(struct fixture *f, long long user, const char *hash, long long *id)
{
	struct err e = ERR_INIT;

	assert_int_equal(
	    store_session_create(f->st, hash, user, "00", "2099-01-01T00:00:00Z", id, &e), 0);
}

/* Demo mode: the demo user is administrator of every organization, once. */
static void test_demo_and_setup(void **state)
{
	struct fixture *f = *state;
	struct membership m = {0};
	struct user u = {0};
	struct err e = ERR_INIT;
	long long id;
	size_t n = 0;
	bool exists = true;

	OK(ops_admin_exists(f->st, &exists, oe));
	assert_false(exists);
	OK(ops_setup_admin(f->st, "root", "$argon2id$r", &id, oe));
	OK(ops_admin_exists(f->st, &exists, oe));
	assert_true(exists);
	assert_refused(f, ERR_NOT_FOUND, "",
		       ops_setup_admin(f->st, "eve", "$argon2id$e", &id, &re));

	OK(ops_demo_user(f->st, "demo", "$argon2id$d", &n, oe));
	assert_int_equal(n, 1);
	assert_int_equal(store_user_find(f->st, "demo", &u, &e), 0);
	assert_int_equal(store_membership_get(f->st, u.id, f->org_id, &m, &e), 0);
	assert_int_equal(m.role, ROLE_ADMIN);
	membership_release(&m);
	/* again: nothing more to add, the same user */
	OK(ops_demo_user(f->st, "demo", "$argon2id$other", &n, oe));
	assert_int_equal(fixture_count(f, "users"), 2);
	assert_int_equal(fixture_count(f, "memberships"), 1);
	user_release(&u);
}

static void test_users(void **state)
{
	struct fixture *f = *state;
	struct ops_actor me = {.site_admin = 1, .role = ROLE_ADMIN};
	struct user u = {0};
	struct err e = ERR_INIT;
	long long admin, bob, s1, s2;

	OK(ops_user_add(f->st, "admin", "$argon2id$a", 1, &admin, oe));
	OK(ops_user_add(f->st, "bob", "$argon2id$b", 0, &bob, oe));
	assert_refused(f, ERR_CONFLICT, "name",
		       ops_user_add(f->st, "bob", "$argon2id$c", 0, &bob, &re));
	assert_refused(f, ERR_INVALID, "name",
		       ops_user_add(f->st, "", "$argon2id$c", 0, &bob, &re));

	/* a new password ends every session but the one kept */
	session(f, bob, "aa", &s1);
	session(f, bob, "bb", &s2);
	OK(ops_user_password(f->st, bob, "$argon2id$new", s2, oe));
	assert_int_equal(fixture_count(f, "sessions"), 1);
	assert_int_equal(store_user_get(f->st, bob, &u, &e), 0);
	assert_string_equal(u.password_hash, "$argon2id$new");
	user_release(&u);
	assert_refused(f, ERR_NOT_FOUND, "", ops_user_password(f->st, 999, "$argon2id$x", 0, &re));

	/* the setup link adds the first administrator only */
	{
		bool exists = true;
		long long first;

		OK(ops_admin_exists(f->st, &exists, oe));
		assert_true(exists); /* admin above */
		assert_refused_msg(f, ERR_NOT_FOUND, "", "an administrator exists already",
				   ops_setup_admin(f->st, "eve", "$argon2id$e", &first, &re));
	}

	/* the same password hashed again at new costs (at sign-in) keeps every session */
	session(f, bob, "cc", &s1);
	OK(ops_user_rehash(f->st, bob, "$argon2id$costlier", oe));
	assert_int_equal(fixture_count(f, "sessions"), 2);
	assert_int_equal(store_user_get(f->st, bob, &u, &e), 0);
	assert_string_equal(u.password_hash, "$argon2id$costlier");
	user_release(&u);
	assert_refused(f, ERR_NOT_FOUND, "", ops_user_rehash(f->st, 999, "$argon2id$x", &re));

	/* disabling signs out everywhere; nobody locks themselves out */
	me.user_id = admin;
	OK(ops_user_change(f->st, &me, bob, OPS_USER_DISABLE, oe));
	assert_int_equal(fixture_count(f, "sessions"), 0);
	assert_int_equal(store_user_get(f->st, bob, &u, &e), 0);
	assert_true(u.disabled);
	user_release(&u);
	OK(ops_user_change(f->st, &me, bob, OPS_USER_ENABLE, oe));
	OK(ops_user_change(f->st, &me, bob, OPS_USER_ADMIN, oe));
	assert_int_equal(store_user_get(f->st, bob, &u, &e), 0);
	assert_true(u.is_admin && !u.disabled);
	user_release(&u);
	OK(ops_user_change(f->st, &me, bob, OPS_USER_UNADMIN, oe));
	assert_refused(f, ERR_INVALID, "",
		       ops_user_change(f->st, &me, admin, OPS_USER_DISABLE, &re));
	assert_refused(f, ERR_INVALID, "",
		       ops_user_change(f->st, &me, admin, OPS_USER_UNADMIN, &re));
	assert_refused(f, ERR_NOT_FOUND, "",
		       ops_user_change(f->st, &me, 999, OPS_USER_ENABLE, &re));
	OK(ops_user_change(f->st, &me, admin, OPS_USER_ENABLE, oe)); /* harmless to oneself */

	OK(ops_user_lang(f->st, bob, "ja", oe));
	assert_int_equal(store_user_get(f->st, bob, &u, &e), 0);
	assert_string_equal(u.lang, "ja");
	user_release(&u);
	OK(ops_user_lang(f->st, bob, "", oe));
	assert_int_equal(store_user_get(f->st, bob, &u, &e), 0);
	assert_null(u.lang);
	user_release(&u);
	assert_refused(f, ERR_INVALID, "lang", ops_user_lang(f->st, bob, "fr", &re));
}

static void test_tokens(void **state)
{
	struct fixture *f = *state;
	long long bob, carol, id;

	OK(ops_user_add(f->st, "bob", "$argon2id$b", 0, &bob, oe));
	OK(ops_user_add(f->st, "carol", "$argon2id$c", 0, &carol, oe));
	OK(ops_token_create(f->st, bob, "ci", "0123abcd", &id, oe));
	assert_int_equal(fixture_count(f, "api_tokens"), 1);
	assert_refused(f, ERR_INVALID, "name", ops_token_create(f->st, bob, "", "4567", &id, &re));
	assert_refused(f, ERR_NOT_FOUND, "", ops_token_revoke(f->st, carol, id, &re));
	assert_refused(f, ERR_NOT_FOUND, "", ops_token_revoke(f->st, bob, id + 1, &re));
	OK(ops_token_revoke(f->st, bob, id, oe));
	assert_int_equal(fixture_count(f, "api_tokens"), 0);
}

/* The inputs ops checks through store's helpers are named by message ids, so the
 * Japanese message has no English word in it (only the value given). */
static void test_inputs_named_in_either_language(void **state)
{
	struct fixture *f = *state;
	const struct framework *fw;
	struct err e = ERR_INIT;
	char buf[ERR_MSG_MAX];
	long long bob, id;

	assert_int_equal(
	    ops_action_add(f->st, FIX_ORG, FIX_FW, "A-1", "T", NULL, "2026-02-30", NULL, NULL, &e),
	    ERR_INVALID);
	assert_int_equal(e.id, MSG_E_BAD_DATE);
	assert_string_equal(err_text(&e, LANG_JA, buf, sizeof(buf)),
			    "期限 '2026-02-30' は正しい日付ではありません (YYYY-MM-DD)");
	assert_int_equal(ops_schedule_evaluation(f->st, FIX_ORG, FIX_FW, "2026-02-30", &e),
			 ERR_INVALID);
	assert_string_equal(e.field, "next_evaluation");
	assert_string_equal(err_text(&e, LANG_JA, buf, sizeof(buf)),
			    "次回評価日 '2026-02-30' は正しい日付ではありません (YYYY-MM-DD)");
	OK(ops_user_add(f->st, "bob", "$argon2id$b", 0, &bob, oe));
	assert_int_equal(ops_token_create(f->st, bob, "", "4567", &id, &e), ERR_INVALID);
	assert_string_equal(e.field, "name");
	assert_string_equal(e.msg, "token name must not be empty");
	assert_string_equal(err_text(&e, LANG_JA, buf, sizeof(buf)),
			    "トークン名を空にはできません");
	/* an unknown framework: the same words on every front end, no command to run */
	assert_int_equal(ops_framework("x9999", &fw, &e), ERR_NOT_FOUND);
	assert_string_equal(err_text(&e, LANG_JA, buf, sizeof(buf)),
			    "フレームワーク 'x9999' はありません");
}

/* The fixture itself: the digest sees a change in any table. */
static void test_fixture_digest(void **state)
{
	struct fixture *f = *state;
	char a[65], b[65];

	fixture_digest(f, a);
	fixture_digest(f, b);
	assert_string_equal(a, b);
	assert_int_equal(strlen(a), 64);
	OK(ops_schedule_evaluation(f->st, FIX_ORG, FIX_FW, "2026-09-07", oe));
	fixture_digest(f, b);
	assert_string_not_equal(a, b);
	assert_int_equal(fixture_count(f, "organizations"), 1);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_fixture_digest), T(test_framework_and_load),
	    T(test_portfolio_new),  T(test_preset_apply),
	    T(test_select),	    T(test_service_add),
	    T(test_assign),	    T(test_assign_clears_scores),
	    T(test_score),	    T(test_evidence),
	    T(test_rows_save),	    T(test_rows_refused_each),
	    T(test_rows_levels),    T(test_rows_who),
	    T(test_may_score),	    T(test_entry_patch),
	    T(test_actions),	    T(test_schedule),
	    T(test_evaluate),	    T(test_org_add),
	    T(test_party_add),	    T(test_members),
	    T(test_users),	    T(test_demo_and_setup),
	    T(test_tokens),	    T(test_inputs_named_in_either_language),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
