/*
 * Unit tests for surveys across organizations (ops/survey.c, store/store_survey.c):
 * the aggregates recomputed by hand from the answers, small-group suppression, a
 * link's token stored hashed and reaching its own response only, answers checked
 * by the rules of portfolios with nothing stored on a refusal, and a response
 * turned into the organization's portfolio.
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
#include "ops/ops_survey.h"
#include "store/db.h"
#include "store/store_survey.h"
#include "util/buf.h"
#include "util/xalloc.h"

#define SV "Check"

static void make(struct fixture *f, const char *k)
{
	static const char *const orgs[] = {FIX_ORG, "Beta", "Gamma"};
	struct ops_survey_spec v = {SV, FIX_FW, "A-1,A-2,B-1", "2026-06-30", k};
	long long id;

	OK(store_org_add(f->st, "Beta", NULL, &id, oe));
	OK(store_org_add(f->st, "Gamma", NULL, &id, oe));
	OK(ops_survey_new(f->st, &v, &id, oe));
	OK(ops_survey_invite(f->st, SV, orgs, 3, NULL, oe));
}

static void answer(struct fixture *f, const char *org, const char *ref, const char *impl,
		   const char *level, const char *as, const char *cur)
{
	struct ops_survey_input in = {ref, impl, level, as, cur, NULL};

	OK(ops_survey_answer(f->st, SV, org, NULL, &in, 1, oe));
}

static json_t *service(json_t *r, const char *ref)
{
	size_t i;
	json_t *v;

	json_array_foreach (json_object_get(r, "services"), i, v)
		if (!strcmp(json_string_value(json_object_get(v, "ref")), ref))
			return v;
	fail_msg("no service %s in the results", ref);
	return NULL;
}

static double num(json_t *o, const char *a, const char *b)
{
	json_t *v = json_object_get(o, a);

	if (b)
		v = json_object_get(v, b);
	assert_true(json_is_number(v));
	return json_number_value(v);
}

/* Three responses: the figures per service, per category and overall, as counted by hand. */
static void test_aggregates(void **state)
{
	struct fixture *f = *state;
	json_t *r = NULL, *s;

	make(f, "3");
	answer(f, FIX_ORG, "A-1", "yes", "basic", "insource", "3");
	answer(f, FIX_ORG, "A-2", "no", "standard", NULL, NULL);
	answer(f, "Beta", "A-1", "yes", "standard", "outsource", "2");
	answer(f, "Gamma", "A-1", "yes", "basic", "hybrid", "4");
	OK(ops_survey_results(f->st, SV, 0, "en", &r, oe));
	assert_int_equal(json_integer_value(json_object_get(r, "responses")), 3);
	assert_false(json_is_true(json_object_get(r, "suppressed")));
	s = service(r, "A-1");
	assert_int_equal(json_integer_value(json_object_get(s, "responses")), 3);
	assert_true(num(s, "implementing", NULL) == 1.0);
	assert_true(num(s, "mean_score", NULL) == 3.0);
	assert_true(num(s, "assignment", "insource") == 0.333);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(s, "levels"), "basic")),
			 2);
	assert_int_equal(json_integer_value(json_object_get(json_object_get(s, "scores"), "4")), 1);
	/* one answer for A-2, none for B-1: below k, only the count */
	s = service(r, "A-2");
	assert_true(json_is_true(json_object_get(s, "suppressed")));
	assert_null(json_object_get(s, "implementing"));
	assert_int_equal(json_integer_value(json_object_get(service(r, "B-1"), "responses")), 0);
	/* overall: 4 answers of 3 responses, 3 implementing */
	s = json_object_get(r, "overall");
	assert_int_equal(json_integer_value(json_object_get(s, "responses")), 3);
	assert_int_equal(json_integer_value(json_object_get(s, "answers")), 4);
	assert_true(num(s, "implementing", NULL) == 0.75);
	json_decref(r);
}

/* Below k responses in all, nothing is broken down; a respondent's position says so too. */
static void test_suppressed(void **state)
{
	struct fixture *f = *state;
	json_t *r = NULL, *pos;
	long long rid = 0;

	make(f, "3");
	answer(f, FIX_ORG, "A-1", "yes", "basic", "insource", "3");
	answer(f, "Beta", "A-1", "yes", "basic", "insource", "5");
	OK(ops_survey_org_response(f->st, SV, FIX_ORG, &rid, oe));
	OK(ops_survey_results(f->st, SV, rid, "en", &r, oe));
	assert_true(json_is_true(json_object_get(r, "suppressed")));
	assert_true(json_is_true(json_object_get(service(r, "A-1"), "suppressed")));
	assert_null(json_object_get(json_object_get(r, "overall"), "mean_score"));
	pos = json_array_get(json_object_get(r, "position"), 0);
	assert_true(json_is_true(json_object_get(pos, "suppressed")));
	assert_null(json_object_get(pos, "mean_score"));
	json_decref(r);
}

/* Tokens: only hashes stored; a token reaches its response only; junk is no token. */
static void test_links(void **state)
{
	struct fixture *f = *state;
	struct ops_survey_input in = {"A-1", "yes", "advanced", "hybrid", "4", NULL};
	struct ops_survey_input in2 = {"A-2", "no", NULL, NULL, NULL, NULL};
	char *tokens = NULL, *t1, *t2, sql[200];
	long long sid, r1, r2;
	struct db_stmt *s = NULL;

	make(f, "1");
	OK(ops_survey_links(f->st, SV, 2, &tokens, oe));
	t1 = tokens;
	t2 = tokens + OPS_SURVEY_TOKEN_LEN + 1;
	assert_int_equal(strlen(t1), OPS_SURVEY_TOKEN_LEN);
	assert_string_not_equal(t1, t2);
	snprintf(sql, sizeof(sql), "SELECT 1 FROM survey_tokens WHERE token_hash = '%s'", t1);
	{
		struct err e = ERR_INIT;
		assert_int_equal(db_run(f->st->db, &s, &e, sql, ""), DB_DONE);
	}
	OK(ops_survey_answer_link(f->st, t1, "Ann", NULL, &in, 1, oe));
	OK(ops_survey_answer_link(f->st, t2, NULL, NULL, &in2, 1, oe));
	OK(ops_survey_link_find(f->st, t1, &sid, &r1, oe));
	OK(ops_survey_link_find(f->st, t2, &sid, &r2, oe));
	assert_true(r1 > 0 && r2 > 0 && r1 != r2);
	{
		json_t *a = NULL;
		OK(ops_survey_response_answers(f->st, r1, &a, oe));
		assert_int_equal(json_array_size(a), 1);
		assert_string_equal(json_string_value(json_object_get(json_array_get(a, 0), "ref")),
				    "A-1");
		json_decref(a);
	}
	assert_refused(f, ERR_NOT_FOUND, "token",
		       ops_survey_answer_link(f->st,
					      "0123456789abcdef0123456789abcdef0123456789abcdef",
					      NULL, NULL, &in, 1, &re));
	assert_refused(f, ERR_NOT_FOUND, "token",
		       ops_survey_answer_link(f->st, "short", NULL, NULL, &in, 1, &re));
	free(tokens);
}

/* Refusals name the service and store nothing. */
static void test_refusals(void **state)
{
	struct fixture *f = *state;
	struct ops_survey_input ok = {"A-1", "yes", "basic", "insource", "3", NULL};
	struct ops_survey_input bad[2] = {{"A-1", "yes", "basic", "insource", "3", NULL},
					  {"A-2", "yes", "basic", "outsource", "9", NULL}};

	make(f, "1");
	assert_refused_saying(f, ERR_INVALID, "current", "'A-2'",
			      ops_survey_answer(f->st, SV, FIX_ORG, NULL, bad, 2, &re));
	bad[1].current = "3";
	bad[1].level = "in_scope";
	assert_refused_saying(f, ERR_INVALID, "level", "'A-2'",
			      ops_survey_answer(f->st, SV, FIX_ORG, NULL, bad, 2, &re));
	bad[1].level = NULL;
	bad[1].ref = "C-1";
	assert_refused_saying(f, ERR_INVALID, "ref", "'C-1'",
			      ops_survey_answer(f->st, SV, FIX_ORG, NULL, bad, 2, &re));
	assert_refused(f, ERR_NOT_FOUND, "survey",
		       ops_survey_answer(f->st, "Nope", FIX_ORG, NULL, &ok, 1, &re));
	OK(ops_survey_close(f->st, SV, oe));
	assert_refused(f, ERR_CONFLICT, "survey",
		       ops_survey_answer(f->st, SV, FIX_ORG, NULL, &ok, 1, &re));
}

/* A response becomes the organization's portfolio: level, assignment, current score. */
static void test_to_portfolio(void **state)
{
	struct fixture *f = *state;
	struct portfolio p;
	const struct entry *en;

	make(f, "1");
	answer(f, "Beta", "A-1", "yes", "standard", "outsource", "2");
	answer(f, "Beta", "A-2", "no", "basic", NULL, NULL);
	OK(ops_survey_to_portfolio(f->st, SV, "Beta", oe));
	portfolio_init(&p);
	OK(ops_load(f->st, "Beta", FIX_FW, &p, oe));
	en = portfolio_find(&p, "A-1");
	assert_non_null(en);
	assert_int_equal(en->level, LEVEL_STANDARD);
	assert_int_equal(en->assignment, ASSIGN_OUTSOURCE);
	assert_int_equal(en->score[SIDE_OUTSOURCE].current, 2);
	en = portfolio_find(&p, "A-2");
	assert_non_null(en);
	assert_int_equal(en->level, LEVEL_BASIC);
	assert_int_equal(en->assignment, ASSIGN_UNASSIGNED);
	portfolio_release(&p);
	assert_refused(f, ERR_NOT_FOUND, "organization",
		       ops_survey_to_portfolio(f->st, SV, "Gamma", &re));
}

/* The kept figures of survey name equal those computed from its answers. */
/* Run one statement on the database behind the program's back. */
static void sql(struct fixture *f, const char *text)
{
	struct err e = ERR_INIT;

	assert_int_equal(db_run(f->st->db, NULL, &e, text, ""), DB_DONE);
}

static void assert_kept(struct fixture *f, const char *name)
{
	char *diff = NULL;

	OK(ops_survey_check(f->st, name, 0, &diff, oe));
	if (diff)
		fail_msg("survey %s: %s", name, diff);
}

static json_t *results(struct fixture *f, const char *name)
{
	json_t *r = NULL;

	OK(ops_survey_results(f->st, name, 0, "en", &r, oe));
	return r;
}

/* Answers written, revised, deleted and turned into a portfolio across two surveys: the
 * kept figures follow every change (without the upkeep in store_survey_answer_put, they
 * stay at nothing and the check fails), and the results read from them equal the
 * results computed from the answers. */
static void test_kept_figures(void **state)
{
	struct fixture *f = *state;
	struct ops_survey_spec v = {"Other", FIX_FW, NULL, NULL, "1"};
	static const char *const orgs[] = {FIX_ORG, "Beta"};
	struct ops_survey_input in = {"A-1", "yes", "advanced", "hybrid", "n/a", NULL};
	json_t *kept, *ref;
	long long id, rid;
	char *diff = NULL;

	make(f, "1");
	OK(ops_survey_new(f->st, &v, &id, oe));
	OK(ops_survey_invite(f->st, "Other", orgs, 2, NULL, oe));
	answer(f, FIX_ORG, "A-1", "yes", "basic", "insource", "3");
	answer(f, FIX_ORG, "A-2", "no", "standard", NULL, NULL);
	answer(f, "Beta", "A-1", "yes", "standard", "outsource", "2");
	answer(f, "Beta", "B-1", "yes", "basic", "hybrid", "4");
	answer(f, "Gamma", "A-1", "yes", "basic", "hybrid", "4");
	OK(ops_survey_answer(f->st, "Other", "Beta", NULL, &in, 1, oe));
	assert_kept(f, SV);
	assert_kept(f, "Other");
	/* revised: the old answer taken off, the new one added */
	answer(f, FIX_ORG, "A-1", "yes", "advanced", "outsource", "1");
	answer(f, "Beta", "A-1", "no", NULL, NULL, NULL);
	answer(f, "Gamma", "A-1", "yes", "basic", "hybrid", "4");
	assert_kept(f, SV);
	/* deleted: Beta's last answer in category B, then Gamma's only answer */
	OK(ops_survey_org_response(f->st, SV, "Beta", &rid, oe));
	OK(store_survey_answer_delete(f->st, rid, "B-1", oe));
	assert_kept(f, SV);
	OK(ops_survey_org_response(f->st, SV, "Gamma", &rid, oe));
	OK(store_survey_answer_delete(f->st, rid, "A-1", oe));
	OK(store_survey_answer_delete(f->st, rid, "A-1", oe)); /* none left: nothing happens */
	assert_kept(f, SV);
	answer(f, "Gamma", "B-1", "yes", "optional", "insource", "5");
	OK(ops_survey_to_portfolio(f->st, SV, FIX_ORG, oe));
	assert_kept(f, SV);
	assert_kept(f, "Other");
	/* the results from the kept rows are those from the answers */
	kept = results(f, SV);
	sql(f, "UPDATE surveys SET agg_kept = 0");
	ref = results(f, SV);
	assert_true(json_equal(kept, ref));
	json_decref(kept);
	json_decref(ref);
	OK(ops_survey_check(f->st, SV, 0, &diff, oe));
	assert_non_null(diff); /* not kept: said so */
	free(diff);
	/* a survey made before the figures were kept: its first answer keeps them */
	answer(f, "Beta", "A-2", "yes", "basic", "insource", "2");
	assert_kept(f, SV);
	OK(ops_survey_check(f->st, "Other", 1, &diff, oe)); /* --rebuild */
	assert_null(diff);
}

/* A bulk import of more answers than one statement writes (two organizations, every
 * service): each answer as its row said, an answer given before replaced, of a service
 * given twice the later row kept, and the figures made again equal to the answers. */
static void test_import_many(void **state)
{
	struct fixture *f = *state;
	struct ops_survey_spec v = {"All", FIX_FW, NULL, NULL, "1"};
	static const char *const orgs[] = {FIX_ORG, "Beta"};
	struct ops_survey_input in = {"A-1", "yes", NULL, "outsource", "2", NULL};
	struct ops_survey_import res = {0};
	struct survey_answer *got = NULL;
	struct buf csv;
	json_t *r, *svc, *v1;
	size_t n_svc, n_got = 0, i, k;
	long long id, rid;
	char *ref40;

	make(f, "1");
	OK(ops_survey_new(f->st, &v, &id, oe));
	OK(ops_survey_invite(f->st, "All", orgs, 2, NULL, oe));
	OK(ops_survey_answer(f->st, "All", FIX_ORG, NULL, &in, 1, oe));
	r = results(f, "All");
	svc = json_object_get(r, "services");
	n_svc = json_array_size(svc);
	assert_true(n_svc > 40);
	buf_init(&csv, 0);
	buf_addstr(&csv, "organization,ref,implemented,level,assignment,current,note\n");
	for (k = 0; k < 2; k++)
		json_array_foreach (svc, i, v1) {
			const char *ref = json_string_value(json_object_get(v1, "ref"));
			if (i % 4 == 3)
				buf_printf(&csv, "%s,%s,no,,,,\n", orgs[k], ref);
			else
				buf_printf(&csv, "%s,%s,yes,,insource,%zu,note %zu\n", orgs[k], ref,
					   (i + k) % 3 + 1, i);
		}
	ref40 = xstrdup(json_string_value(json_object_get(json_array_get(svc, 40), "ref")));
	buf_printf(&csv, "%s,%s,yes,,hybrid,1,said again\n", FIX_ORG, ref40);
	OK(ops_survey_import(f->st, "All", csv.data, csv.len, "many.csv", 0, &res, oe));
	assert_int_equal(res.responses, 3); /* Acme, Beta, then Acme again */
	assert_int_equal(res.answers, 2 * n_svc + 1);
	ops_survey_import_release(&res);
	for (k = 0; k < 2; k++) {
		OK(ops_survey_org_response(f->st, "All", orgs[k], &rid, oe));
		OK(store_survey_answers(f->st, id, rid, &got, &n_got, oe));
		assert_int_equal(n_got, n_svc);
		for (i = 0; i < n_got; i++) {
			size_t at;
			for (at = 0; at < n_svc; at++)
				if (!strcmp(json_string_value(
						json_object_get(json_array_get(svc, at), "ref")),
					    got[i].ref))
					break;
			assert_true(at < n_svc);
			if (k == 0 && !strcmp(got[i].ref, ref40)) {
				assert_string_equal(got[i].assignment, "hybrid");
				assert_int_equal(got[i].current, 1);
				assert_string_equal(got[i].note, "said again");
			} else if (at % 4 == 3) {
				assert_int_equal(got[i].implemented, 0);
				assert_null(got[i].assignment);
				assert_int_equal(got[i].current, SCORE_NONE);
			} else {
				assert_int_equal(got[i].implemented, 1);
				assert_string_equal(got[i].assignment,
						    "insource"); /* A-1 replaced */
				assert_int_equal(got[i].current, (int)((at + k) % 3 + 1));
			}
		}
		survey_answers_free(got, n_got);
	}
	assert_kept(f, "All");
	free(ref40);
	buf_release(&csv);
	json_decref(r);
}

/* A first bulk import keeps the figures it counts as it reads the rows; rows of one
 * response apart, or a service given twice, make them from the answers at the end: either
 * way they equal the figures counted from the answers. */
static void test_import_counted(void **state)
{
	static const char *const files[] = {
	    /* each response's rows together: counted as read */
	    "organization,ref,implemented,level,assignment,current,note\n"
	    "Acme,A-1,yes,,insource,3,\nAcme,A-2,no,,,,\nAcme,B-1,yes,,hybrid,n/a,\n"
	    "Beta,A-1,yes,,outsource,2,\nBeta,B-1,no,,,,\nGamma,A-2,yes,,insource,5,x\n",
	    /* Acme's rows apart */
	    "organization,ref,implemented,level,assignment,current,note\n"
	    "Acme,A-1,yes,,insource,3,\nBeta,A-1,yes,,outsource,2,\nAcme,B-1,yes,,hybrid,1,\n",
	    /* Beta's A-1 twice: the later row wins */
	    "organization,ref,implemented,level,assignment,current,note\n"
	    "Beta,A-1,yes,,outsource,2,\nBeta,A-1,no,,,,\nGamma,B-1,yes,,insource,4,\n",
	};
	static const char *const orgs[] = {FIX_ORG, "Beta", "Gamma"};
	struct fixture *f = *state;
	size_t i;

	make(f, "1");
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		struct ops_survey_spec v = {NULL, FIX_FW, "A-1,A-2,B-1", NULL, "1"};
		struct ops_survey_import res = {0};
		char name[16];
		long long id;
		json_t *r;
		snprintf(name, sizeof(name), "Bulk %zu", i);
		v.name = name;
		OK(ops_survey_new(f->st, &v, &id, oe));
		OK(ops_survey_invite(f->st, name, orgs, 3, NULL, oe));
		OK(ops_survey_import(f->st, name, files[i], strlen(files[i]), "f.csv", 0, &res,
				     oe));
		ops_survey_import_release(&res);
		assert_kept(f, name);
		r = results(f, name);
		assert_int_equal(json_integer_value(json_object_get(r, "responses")),
				 i == 0 ? 3 : 2);
		json_decref(r);
	}
}

/* A file of more organizations than are looked up one by one (40): the rest are found among
 * the invitations read at once, with the same outcome. An organization that answered before
 * keeps its one response; one whose rows are apart is one response; an organization not
 * invited, after the invitations were read, is refused as before and nothing is stored. */
static void test_import_invitees(void **state)
{
	struct fixture *f = *state;
	struct ops_survey_spec v = {"Wide", FIX_FW, "A-1,A-2", NULL, "1"};
	struct ops_survey_input in = {"A-1", "yes", NULL, "outsource", "2", NULL};
	const char *names[41];
	char name[41][16];
	struct ops_survey_import res = {0};
	struct survey_answer *got = NULL;
	struct buf csv, bad;
	size_t n_got = 0, i;
	long long id, rid;
	json_t *r;

	for (i = 0; i < 41; i++) {
		snprintf(name[i], sizeof(name[i]), "Org %02zu", i);
		names[i] = name[i];
		OK(store_org_add(f->st, name[i], NULL, &id, oe));
	}
	OK(ops_survey_new(f->st, &v, &id, oe));
	OK(ops_survey_invite(f->st, "Wide", names, 40, NULL, oe)); /* not Org 40 */
	OK(ops_survey_answer(f->st, "Wide", "Org 39", NULL, &in, 1, oe));
	buf_init(&csv, 0);
	buf_addstr(&csv, "organization,ref,implemented,level,assignment,current,note\n");
	for (i = 0; i < 40; i++)
		buf_printf(&csv, "%s,A-1,yes,,insource,%zu,\n", name[i], i % 5 + 1);
	buf_addstr(&csv, "Org 38,A-2,no,,,,\nOrg 39,A-2,yes,,hybrid,4,\n"); /* apart */
	buf_init(&bad, 0);
	buf_add(&bad, csv.data, csv.len);
	buf_addstr(&bad, "Org 40,A-1,yes,,insource,3,\n");

	fixture_refused(
	    f, ERR_INVALID, "file", "1 problem", 0,
	    ops_survey_import(f->st, "Wide", bad.data, bad.len, "wide.csv", 0, &res, &re));
	assert_int_equal(res.n_problems, 1);
	assert_string_equal(res.problems[0].msg,
			    "wide.csv:44:1: 'Org 40' is not invited to survey 'Wide'");
	ops_survey_import_release(&res);

	/* a dry run (which keeps nothing) already gathers the responses' statistics as they
	 * grow: on PostgreSQL the table no longer counts as never analysed */
	OK(ops_survey_import(f->st, "Wide", csv.data, csv.len, "wide.csv", 1, &res, oe));
	ops_survey_import_release(&res);
	if (fixture_on_postgres())
		assert_true(fixture_count(f, "pg_class WHERE relname = 'survey_responses' AND "
					     "reltuples >= 0") == 1);
	OK(ops_survey_import(f->st, "Wide", csv.data, csv.len, "wide.csv", 0, &res, oe));
	assert_int_equal(res.responses, 42);
	assert_int_equal(res.answers, 42);
	ops_survey_import_release(&res);
	r = results(f, "Wide");
	assert_int_equal(json_integer_value(json_object_get(r, "responses")), 40);
	json_decref(r);
	OK(ops_survey_org_response(f->st, "Wide", "Org 39", &rid, oe));
	OK(store_survey_answers(f->st, id, rid, &got, &n_got, oe));
	assert_int_equal(n_got, 2);
	for (i = 0; i < n_got; i++)
		if (!strcmp(got[i].ref, "A-1")) {
			assert_string_equal(got[i].assignment,
					    "insource"); /* the form's replaced */
			assert_int_equal(got[i].current, 5);
		} else {
			assert_string_equal(got[i].assignment, "hybrid");
			assert_int_equal(got[i].current, 4);
		}
	survey_answers_free(got, n_got);
	assert_int_equal(fixture_count(f, "survey_responses"), 40);
	assert_kept(f, "Wide");
	buf_release(&csv);
	buf_release(&bad);
}

/* A kept figure that no longer matches the answers is named by the check, and
 * --rebuild makes it right. */
static void test_check_names_difference(void **state)
{
	struct fixture *f = *state;
	char *diff = NULL;

	make(f, "1");
	answer(f, FIX_ORG, "A-1", "yes", "basic", "insource", "3");
	answer(f, "Beta", "A-2", "yes", "basic", "insource", "3");
	assert_kept(f, SV);
	sql(f, "UPDATE survey_agg SET implemented = 7 WHERE ref = 'A-2'");
	OK(ops_survey_check(f->st, SV, 0, &diff, oe));
	assert_non_null(diff);
	assert_non_null(strstr(diff, "A-2 implemented: kept 7, answers 1"));
	free(diff);
	sql(f, "UPDATE survey_agg_groups SET responses = 5 WHERE grp = ''");
	OK(ops_survey_check(f->st, SV, 1, &diff, oe));
	assert_null(diff);
	assert_kept(f, SV);
}

/* A first import of more rows than one load (150 organizations, every service): the rows
 * of each response together go straight into the table, and a row that comes back to a
 * service (the later wins) or to a response after another one's rows, after those loads,
 * still replaces what was loaded; the dry run keeps nothing; the figures equal the
 * answers. */
static void test_import_fresh_then_again(void **state)
{
	struct fixture *f = *state;
	struct ops_survey_spec v = {"Fresh", FIX_FW, NULL, NULL, "1"};
	struct ops_survey_import res = {0};
	struct survey_answer *got = NULL;
	const char *names[150];
	char name[150][16], *ref0, *ref1;
	struct buf csv;
	size_t n_svc, n_got = 0, i, k;
	long long id, rid;
	json_t *r, *svc, *v1;

	for (k = 0; k < 150; k++) {
		snprintf(name[k], sizeof(name[k]), "Org %03zu", k);
		names[k] = name[k];
		OK(store_org_add(f->st, name[k], NULL, &id, oe));
	}
	OK(ops_survey_new(f->st, &v, &id, oe));
	OK(ops_survey_invite(f->st, "Fresh", names, 150, NULL, oe));
	r = results(f, "Fresh");
	svc = json_object_get(r, "services");
	n_svc = json_array_size(svc);
	assert_true(150 * n_svc > 8192); /* more than one load on either engine */
	ref0 = xstrdup(json_string_value(json_object_get(json_array_get(svc, 0), "ref")));
	ref1 = xstrdup(json_string_value(json_object_get(json_array_get(svc, 1), "ref")));
	buf_init(&csv, 0);
	buf_addstr(&csv, "organization,ref,implemented,level,assignment,current,note\n");
	for (k = 0; k < 150; k++)
		json_array_foreach (svc, i, v1)
			buf_printf(&csv, "%s,%s,yes,,insource,%zu,\n", name[k],
				   json_string_value(json_object_get(v1, "ref")), (i + k) % 5 + 1);
	buf_printf(&csv, "Org 000,%s,no,,,,\nOrg 001,%s,yes,,hybrid,2,again\n", ref0, ref1);

	OK(ops_survey_import(f->st, "Fresh", csv.data, csv.len, "fresh.csv", 1, &res, oe));
	assert_int_equal(res.answers, 150 * n_svc + 2);
	ops_survey_import_release(&res);
	assert_int_equal(fixture_count(f, "survey_answers"), 0);
	OK(ops_survey_import(f->st, "Fresh", csv.data, csv.len, "fresh.csv", 0, &res, oe));
	assert_int_equal(res.responses, 152); /* Org 000 and Org 001 again, after Org 149 */
	ops_survey_import_release(&res);
	assert_int_equal(fixture_count(f, "survey_answers"), (long long)(150 * n_svc));
	for (k = 0; k < 3; k++) {
		OK(ops_survey_org_response(f->st, "Fresh", name[k], &rid, oe));
		OK(store_survey_answers(f->st, id, rid, &got, &n_got, oe));
		assert_int_equal(n_got, n_svc);
		for (i = 0; i < n_got; i++)
			if (k == 0 && !strcmp(got[i].ref, ref0)) {
				assert_int_equal(got[i].implemented, 0);
				assert_int_equal(got[i].current, SCORE_NONE);
			} else if (k == 1 && !strcmp(got[i].ref, ref1)) {
				assert_string_equal(got[i].assignment, "hybrid");
				assert_int_equal(got[i].current, 2);
				assert_string_equal(got[i].note, "again");
			} else {
				assert_int_equal(got[i].implemented, 1);
				assert_string_equal(got[i].assignment, "insource");
			}
		survey_answers_free(got, n_got);
	}
	assert_kept(f, "Fresh");
	free(ref0);
	free(ref1);
	buf_release(&csv);
	json_decref(r);
}

/* The database keeps every answer tied to a response, on either engine (SQLite: a foreign
 * key; PostgreSQL: triggers checking each statement): answers of a response that does not
 * exist are refused whichever way they are loaded, deleting a response deletes its
 * answers, and a response with answers keeps its id. */
static void test_answers_need_response(void **state)
{
	struct fixture *f = *state;
	struct survey_answer a[2] = {{0, "A-1", 1, NULL, "insource", 3, NULL},
				     {0, "A-2", 0, NULL, NULL, SCORE_NONE, NULL}};
	struct err e = ERR_INIT;
	char q[128];
	long long rid;
	int fresh;

	make(f, "1");
	answer(f, FIX_ORG, "A-1", "yes", "basic", "insource", "3");
	answer(f, "Beta", "A-1", "yes", "basic", "insource", "2");
	OK(ops_survey_org_response(f->st, SV, FIX_ORG, &rid, oe));
	for (fresh = 0; fresh < 2; fresh++) {
		a[0].response_id = a[1].response_id = rid + 1000;
		OK(db_begin(f->st->db, oe));
		assert_int_equal(store_survey_answers_load(f->st, a, 2, fresh, &e), ERR_CONFLICT);
		err_clear(&e);
		db_rollback(f->st->db);
		assert_int_equal(fixture_count(f, "survey_answers"), 2);
	}
	if (fixture_on_postgres()) {
		/* answers of a response the transaction did not write lock it: another connection
		 * cannot delete it before the commit */
		struct store *other = NULL;
		a[0].response_id = a[1].response_id = rid;
		a[0].ref = "A-2";
		a[1].ref = "B-1";
		OK(store_open(&other, f->path, 0, oe));
		OK(db_begin(f->st->db, oe));
		OK(store_survey_answers_load(f->st, a, 2, 1, oe));
		assert_int_equal(db_run(other->db, NULL, &e, "SET lock_timeout = '200ms'", ""),
				 DB_DONE);
		snprintf(q, sizeof(q), "DELETE FROM survey_responses WHERE id = %lld", rid);
		assert_int_equal(db_run(other->db, NULL, &e, q, ""), ERR_BUSY);
		err_clear(&e);
		OK(db_commit(f->st->db, oe));
		store_close(other);
		assert_int_equal(fixture_count(f, "survey_answers"), 4);
	}
	snprintf(q, sizeof(q), "UPDATE survey_responses SET id = %lld WHERE id = %lld", rid + 1000,
		 rid);
	assert_int_equal(db_run(f->st->db, NULL, &e, q, ""), ERR_CONFLICT);
	err_clear(&e);
	snprintf(q, sizeof(q), "DELETE FROM survey_responses WHERE id = %lld", rid);
	sql(f, q);
	assert_int_equal(fixture_count(f, "survey_answers"), 1); /* Beta's */
	snprintf(q, sizeof(q), "survey_answers WHERE response_id = %lld", rid);
	assert_int_equal(fixture_count(f, q), 0);
}

#define T(fn) cmocka_unit_test_setup_teardown(fn, fixture_setup, fixture_teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_aggregates),
	    T(test_suppressed),
	    T(test_links),
	    T(test_refusals),
	    T(test_to_portfolio),
	    T(test_kept_figures),
	    T(test_check_names_difference),
	    T(test_import_many),
	    T(test_import_counted),
	    T(test_import_invitees),
	    T(test_import_fresh_then_again),
	    T(test_answers_need_response),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
