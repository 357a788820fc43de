/* Unit tests for io/archive.c: export, import, validation, round trip. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "io/archive.h"
#include "util/xalloc.h"

#include "fixture.h"

#define NOW "2025-01-02T03:04:05Z"

/* The shared fixture's empty database as the source, a second one to import into, and
 * the archive file beside them; this file's clock. */
struct fix {
	struct fixture *base;
	char *path, *path2; /* source database, import target */
	char file[160];	    /* archive file */
	struct store *st, *st2;
};

static int setup(void **state)
{
	struct fix *f = xcalloc(1, sizeof(*f));
	void *base = NULL;

	if (fixture_setup_empty(&base) || fixture_open_other(base)) {
		fixture_teardown(&base);
		free(f);
		return -1;
	}
	setenv("CDCF_NOW", NOW, 1);
	f->base = base;
	f->st = f->base->st;
	f->st2 = f->base->other;
	f->path = f->base->path;
	f->path2 = f->base->other_path;
	fixture_path(f->base, "acme.json", f->file, sizeof(f->file));
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fix *f = *state;
	void *base = f->base;

	fixture_teardown(&base);
	free(f);
	return 0;
}

static void check(int rc, const struct err *e)
{
	if (rc)
		fail_msg("unexpected error %d: %s", rc, e->msg);
}

static struct entry *entry(struct portfolio *p, const char *ref, enum level l, enum assignment a)
{
	struct entry *en = portfolio_add_entry(p, ref);

	en->level = l;
	en->assignment = a;
	return en;
}

/* Acme with teams, providers, two portfolios, entries in scrambled order, a
 * custom service, actions and two closed cycles with a snapshot. */
static void populate(struct store *st)
{
	struct err e = ERR_INIT;
	struct portfolio tmp;
	struct entry *en;
	struct action a = {0};
	long long acme, pid, pid2;
	static const char *const refs[] = {"A-10", "A-2", "B-1", "A-1", "C-3"};
	size_t i;

	check(store_org_add(st, "Acme", NULL, &acme, &e), &e);
	check(store_party_add(st, PARTY_TEAM, acme, "SOC", NULL, &e), &e);
	check(store_party_add(st, PARTY_TEAM, acme, "AB department", NULL, &e), &e);
	check(store_party_add(st, PARTY_PROVIDER, acme, "Z-MSSP", NULL, &e), &e);
	check(store_portfolio_new(st, acme, "x1060-2021", &pid, &e), &e);
	check(store_portfolio_new(st, acme, "first-csirt-2.1", &pid2, &e), &e);
	check(store_portfolio_set_next_evaluation(st, pid, "2026-10-31", &e), &e);

	portfolio_init(&tmp);
	for (i = 0; i < sizeof(refs) / sizeof(refs[0]); i++) {
		en = entry(&tmp, refs[i], LEVEL_STANDARD, ASSIGN_UNASSIGNED);
		check(store_entry_put(st, pid, en, -1, &e), &e);
	}
	en = portfolio_find(&tmp, "A-1");
	en->level = LEVEL_BASIC;
	en->assignment = ASSIGN_INSOURCE;
	en->team = xstrdup("AB department");
	en->score[SIDE_INSOURCE].current = 3;
	en->score[SIDE_INSOURCE].target = 5;
	en->note = xstrdup("note with \"quotes\", a newline\nand 日本語");
	en->evidence = xstrdup("https://example.com/a\nhttps://example.com/b");
	check(store_entry_put(st, pid, en, -1, &e), &e);
	en = portfolio_find(&tmp, "B-1");
	en->assignment = ASSIGN_HYBRID;
	en->team = xstrdup("SOC");
	en->provider = xstrdup("Z-MSSP");
	en->score[SIDE_INSOURCE].current = SCORE_NA;
	en->score[SIDE_OUTSOURCE].current = 2;
	en->score[SIDE_OUTSOURCE].target = 4;
	check(store_entry_put(st, pid, en, -1, &e), &e);
	check(store_entry_put(st, pid, en, -1, &e), &e); /* unchanged: still version 2 */
	en = entry(&tmp, "A-99", LEVEL_OPTIONAL, ASSIGN_UNASSIGNED);
	en->custom = 1;
	en->custom_name_en = xstrdup("Our own service");
	en->custom_name_ja = xstrdup("独自サービス");
	en->custom_category = xstrdup("A");
	check(store_entry_put(st, pid, en, -1, &e), &e);
	portfolio_release(&tmp);

	a.ref_id = "A-1";
	a.title = "write the runbook";
	a.owner = "Sato";
	a.due = "2025-06-30";
	a.target = 4;
	check(store_action_add(st, pid, &a, &e), &e);
	XFREE(&a.created_at);
	check(store_action_set_status(st, pid, a.id, "done", &e), &e);
	a.title = "second action";
	a.owner = NULL;
	a.due = NULL;
	a.target = SCORE_NONE;
	check(store_action_add(st, pid, &a, &e), &e);
	XFREE(&a.created_at);

	check(store_cycle_close(st, pid, "{\"catalogue\":{\"fit\":\"yes\"},\"ratio\":0.1}", "CISO",
				"{\"framework\":\"x1060-2021\",\"cycle\":1,\"entries\":[],"
				"\"weight\":0.1,\"text\":\"\\u65e5\"}",
				&e),
	      &e);
	setenv("CDCF_NOW", "2025-07-01T00:00:00Z", 1);
	check(store_cycle_close(st, pid, NULL, NULL, "[1,2,3]", &e), &e);
	setenv("CDCF_NOW", NOW, 1);
}

static char *dump(const json_t *doc)
{
	return json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
}

static char *export_text(struct store *st, const char *org)
{
	struct err e = ERR_INIT;
	json_t *doc = NULL;
	char *text;

	check(archive_export(st, org, &doc, &e), &e);
	text = dump(doc);
	json_decref(doc);
	return text;
}

static void write_text(const char *path, const char *text, size_t len)
{
	FILE *fp = fopen(path, "wb");

	assert_non_null(fp);
	assert_int_equal(fwrite(text, 1, len, fp), len);
	fclose(fp);
}

static long long count(struct store *st, const char *sql)
{
	struct db_stmt *s = NULL;
	struct err e = ERR_INIT;
	long long n;

	assert_int_equal(db_run(st->db, &s, &e, sql, ""), DB_ROW);
	n = db_column_int(s, 0);
	db_finalize(s);
	return n;
}

static void test_export_shape(void **state)
{
	struct fix *f = *state;
	struct err e = ERR_INIT;
	json_t *doc = NULL, *p, *entries, *en, *cycles;

	populate(f->st);
	check(archive_export(f->st, "Acme", &doc, &e), &e);
	assert_string_equal(json_string_value(json_object_get(doc, "format")), "cdcf-archive");
	assert_int_equal(json_integer_value(json_object_get(doc, "version")), 1);
	assert_string_equal(json_string_value(json_array_get(json_object_get(doc, "teams"), 0)),
			    "AB department");
	p = json_array_get(json_object_get(doc, "portfolios"), 1);
	assert_string_equal(json_string_value(json_object_get(p, "framework")), "x1060-2021");
	assert_int_equal(json_integer_value(json_object_get(p, "cycle")), 3);
	/* the planned date follows "cycle"; a portfolio without one says null */
	assert_string_equal(json_string_value(json_object_get(p, "next_evaluation")), "2026-10-31");
	assert_true(json_is_null(json_object_get(
	    json_array_get(json_object_get(doc, "portfolios"), 0), "next_evaluation")));
	entries = json_object_get(p, "entries");
	/* natural order: A-1 A-2 A-10 A-99 B-1 C-3 */
	assert_int_equal(json_array_size(entries), 6);
	assert_string_equal(json_string_value(json_object_get(json_array_get(entries, 1), "ref")),
			    "A-2");
	assert_string_equal(json_string_value(json_object_get(json_array_get(entries, 2), "ref")),
			    "A-10");
	en = json_array_get(entries, 0);
	assert_string_equal(json_string_value(json_object_get(en, "team")), "AB department");
	assert_true(json_is_null(json_object_get(json_object_get(en, "outsource"), "current")));
	assert_true(json_is_null(json_object_get(json_object_get(en, "outsource"), "target")));
	assert_int_equal(json_integer_value(json_object_get(en, "version")), 2);
	en = json_array_get(entries, 3);
	assert_string_equal(
	    json_string_value(json_object_get(json_object_get(en, "custom"), "name_ja")),
	    "独自サービス");
	en = json_array_get(entries, 4);
	assert_string_equal(
	    json_string_value(json_object_get(json_object_get(en, "insource"), "current")), "n/a");
	cycles = json_object_get(p, "cycles");
	assert_int_equal(json_array_size(cycles), 3);
	assert_true(json_is_object(json_object_get(json_array_get(cycles, 0), "snapshot")));
	assert_true(json_is_null(json_object_get(json_array_get(cycles, 2), "closed_at")));
	assert_int_equal(json_array_size(json_object_get(p, "actions")), 2);
	json_decref(doc);

	assert_int_equal(archive_export(f->st, "Nope", &doc, &e), ERR_NOT_FOUND);
	assert_string_equal(e.msg, "unknown organization 'Nope'");
	assert_null(doc);
}

static void test_round_trip(void **state)
{
	struct fix *f = *state;
	struct err e = ERR_INIT;
	char *a, *b;
	struct audit_event *ev = NULL;
	size_t n = 0;

	populate(f->st);
	a = export_text(f->st, "Acme");
	write_text(f->file, a, strlen(a));
	/* a later clock must not leak into imported rows */
	setenv("CDCF_NOW", "2030-12-31T23:59:59Z", 1);
	check(archive_import_file(f->st2, f->file, NULL, &e), &e);
	b = export_text(f->st2, "Acme");
	assert_string_equal(a, b);
	free(b);

	/* one audit event for the whole import, none per row */
	assert_int_equal(count(f->st2, "SELECT COUNT(*) FROM audit_events"), 1);
	check(store_audit_list(f->st2, 0, 0, 10, &ev, &n, &e), &e);
	assert_string_equal(ev[0].action, "import");
	assert_string_equal(ev[0].subject, "organization 'Acme'");
	assert_non_null(strstr(ev[0].after_json, "\"entries\":6"));
	assert_non_null(strstr(ev[0].after_json, "\"cycles\":4"));
	audit_list_free(ev, n);

	/* imported data keeps working: the next write bumps the imported version */
	{
		struct portfolio p;
		long long org_id, pid;
		struct org o = {0};
		portfolio_init(&p);
		check(store_org_find(f->st2, "Acme", &o, &e), &e);
		org_id = o.id;
		org_release(&o);
		check(store_portfolio_find(f->st2, org_id, "x1060-2021", &pid, &e), &e);
		check(store_portfolio_load(f->st2, pid, &p, &e), &e);
		assert_int_equal(p.cycle, 3);
		assert_int_equal(portfolio_find(&p, "A-1")->version, 2);
		portfolio_find(&p, "A-1")->level = LEVEL_ADVANCED;
		check(store_entry_put(f->st2, pid, portfolio_find(&p, "A-1"), 2, &e), &e);
		assert_int_equal(portfolio_find(&p, "A-1")->version, 3);
		portfolio_release(&p);
	}
	free(a);
	setenv("CDCF_NOW", NOW, 1);
}

static void test_import_existing_refused(void **state)
{
	struct fix *f = *state;
	struct err e = ERR_INIT;
	json_t *doc = NULL;
	char *before, *after;
	long long events;

	populate(f->st);
	check(archive_export(f->st, "Acme", &doc, &e), &e);
	before = export_text(f->st, "Acme");
	events = count(f->st, "SELECT COUNT(*) FROM audit_events");
	assert_int_equal(archive_import(f->st, doc, "acme.json", &e), ERR_CONFLICT);
	assert_string_equal(e.msg, "acme.json: organization 'Acme' already exists");
	after = export_text(f->st, "Acme");
	assert_string_equal(before, after);
	assert_int_equal(count(f->st, "SELECT COUNT(*) FROM audit_events"), events);
	assert_int_equal(count(f->st, "SELECT COUNT(*) FROM organizations"), 1);
	free(before);
	free(after);
	json_decref(doc);
}

static void test_truncated_and_malformed(void **state)
{
	struct fix *f = *state;
	struct err e = ERR_INIT;
	char *a, want[200];

	populate(f->st);
	a = export_text(f->st, "Acme");
	write_text(f->file, a, 100);
	assert_int_equal(archive_import_file(f->st2, f->file, NULL, &e), ERR_INVALID);
	snprintf(want, sizeof(want), "%s:", f->file);
	assert_memory_equal(e.msg, want, strlen(want));
	/* the message carries line and column: "FILE:LINE:COL: ..." */
	{
		int line = 0, col = 0;
		assert_int_equal(sscanf(e.msg + strlen(want), "%d:%d:", &line, &col), 2);
		assert_true(line > 1);
	}
	free(a);

	write_text(f->file, "{\"format\": \"cdcf-archive\",\n \"format\": \"x\"}", 42);
	assert_int_equal(archive_import_file(f->st2, f->file, NULL, &e), ERR_INVALID);
	snprintf(want, sizeof(want), "%s:2:", f->file);
	assert_memory_equal(e.msg, want, strlen(want));
	assert_non_null(strstr(e.msg, "duplicate object key"));

	write_text(f->file, "", 0);
	assert_int_equal(archive_import_file(f->st2, f->file, NULL, &e), ERR_INVALID);

	snprintf(want, sizeof(want), "%s/missing.json", f->base->dir);
	assert_int_equal(archive_import_file(f->st2, want, NULL, &e), ERR_IO);
	assert_int_equal(count(f->st2, "SELECT COUNT(*) FROM organizations"), 0);
}

static void test_too_large(void **state)
{
	struct fix *f = *state;
	struct err e = ERR_INIT;
	char p[160];
	FILE *fp;

	snprintf(p, sizeof(p), "%s/big.json", f->base->dir);
	fp = fopen(p, "wb");
	assert_non_null(fp);
	assert_int_equal(ftruncate(fileno(fp), (off_t)ARCHIVE_MAX_BYTES + 1), 0);
	fclose(fp);
	assert_int_equal(archive_import_file(f->st2, p, NULL, &e), ERR_TOO_LARGE);
	assert_non_null(strstr(e.msg, "larger than the 64 MiB"));
}

/* Import doc text; expect code and message. */
static void refused(struct fix *f, const char *text, int code, const char *msg)
{
	struct err e = ERR_INIT;
	json_error_t jerr;
	json_t *doc = json_loads(text, 0, &jerr);

	if (!doc)
		fail_msg("bad test JSON: %s", jerr.text);
	assert_int_equal(archive_import(f->st2, doc, "FILE", &e), code);
	assert_string_equal(e.msg, msg);
	json_decref(doc);
	assert_int_equal(count(f->st2, "SELECT COUNT(*) FROM organizations"), 0);
	assert_int_equal(count(f->st2, "SELECT COUNT(*) FROM audit_events"), 0);
}

#define HEAD                                                                                       \
	"{\"format\":\"cdcf-archive\",\"version\":1,"                                              \
	"\"organization\":{\"name\":\"Acme\",\"parent\":null,\"created_at\":\"" NOW "\"},"         \
	"\"teams\":[\"SOC\"],\"providers\":[],"
#define PORTFOLIO(entries, cycles)                                                                 \
	"\"portfolios\":[{\"framework\":\"x1060-2021\",\"created_at\":\"" NOW "\",\"cycle\":1,"    \
	"\"entries\":[" entries "],\"actions\":[],\"cycles\":[" cycles "]}]}"
#define PORTFOLIO_NEXT(next)                                                                       \
	"\"portfolios\":[{\"framework\":\"x1060-2021\",\"created_at\":\"" NOW "\",\"cycle\":1,"    \
	"\"next_evaluation\":" next ",\"cycles\":[" OPEN_CYCLE "]}]}"
#define OPEN_CYCLE "{\"number\":1,\"opened_at\":\"" NOW "\",\"closed_at\":null}"
#define ENTRY(extra)                                                                               \
	"{\"ref\":\"A-1\",\"level\":\"basic\",\"assignment\":\"insource\",\"team\":\"SOC\"" extra  \
	"}"

/* Import doc text; expect ERR_INVALID about field, said in Japanese as ja. */
static void refused_field(struct fix *f, const char *text, const char *field, const char *ja)
{
	struct err e = ERR_INIT;
	char buf[ERR_WHERE_MAX + ERR_MSG_MAX];
	json_t *doc = json_loads(text, 0, NULL);

	assert_non_null(doc);
	assert_int_equal(archive_import(f->st2, doc, "FILE", &e), ERR_INVALID);
	assert_string_equal(e.field, field);
	assert_string_equal(err_text(&e, LANG_JA, buf, sizeof(buf)), ja);
	json_decref(doc);
	assert_int_equal(count(f->st2, "SELECT COUNT(*) FROM organizations"), 0);
}

/* Every refusal names the JSON path it is about as its field, and renders in Japanese
 * with the same place. */
static void test_refusal_fields(void **state)
{
	struct fix *f = *state;

	(void)state;
	refused_field(
	    f, HEAD PORTFOLIO(ENTRY(",\"insource\":{\"current\":7}"), OPEN_CYCLE),
	    "portfolios[0].entries[0].insource.current",
	    "FILE: portfolios[0].entries[0].insource.current: 'A-1' の現状のスコアは 1〜5 "
	    "または n/a にしてください。指定値: '7'");
	refused_field(f, HEAD PORTFOLIO(ENTRY(",\"insource\":{\"current\":101}"), OPEN_CYCLE),
		      "portfolios[0].entries[0].insource.current",
		      "FILE: portfolios[0].entries[0].insource.current: スコア (0〜100 の整数、"
		      "\"n/a\"、null のいずれか) にしてください");
	refused_field(f, "{\"format\":\"cdcf-archive\",\"version\":1}", "organization",
		      "FILE: フィールド 'organization' がありません");
	refused_field(f, HEAD PORTFOLIO(ENTRY(",\"levle\":1"), OPEN_CYCLE),
		      "portfolios[0].entries[0].levle",
		      "FILE: portfolios[0].entries[0]: 不明なフィールドです: 'levle'");
	refused_field(
	    f, HEAD PORTFOLIO(ENTRY(",\"version\":\"1\""), OPEN_CYCLE),
	    "portfolios[0].entries[0].version",
	    "FILE: portfolios[0].entries[0].version: 整数にしてください (文字列になっています)");
	/* a check of the whole entry (the store's) names the member inside it */
	refused_field(
	    f,
	    HEAD PORTFOLIO("{\"ref\":\"A-90\",\"level\":\"basic\",\"assignment\":"
			   "\"unassigned\",\"custom\":{\"name_en\":\"x\\u0001y\","
			   "\"category\":\"A\"}}",
			   OPEN_CYCLE),
	    "portfolios[0].entries[0].custom.name_en",
	    "FILE: portfolios[0].entries[0]: 独自サービス 'A-90' の名称に制御文字は使えません");
}

static void test_validation(void **state)
{
	struct fix *f = *state;
	struct err e = ERR_INIT;
	json_t *doc;

	/* the minimal valid document imports */
	doc = json_loads(HEAD PORTFOLIO(ENTRY(""), OPEN_CYCLE), 0, NULL);
	assert_non_null(doc);
	check(archive_import(f->st, doc, "FILE", &e), &e);
	json_decref(doc);

	refused(f, "[]", ERR_INVALID, "FILE: an archive is a JSON object, got an array");
	refused(f, "{\"format\":\"zip\"}", ERR_INVALID,
		"FILE: format: expected 'cdcf-archive', got 'zip'");
	refused(f, "{\"format\":\"cdcf-archive\",\"version\":2}", ERR_INVALID,
		"FILE: version: unsupported archive version 2 (this cdcf reads 1)");
	refused(f, "{\"format\":\"cdcf-archive\",\"version\":1}", ERR_INVALID,
		"FILE: missing field 'organization'");
	refused(f, HEAD "\"extra\":1}", ERR_INVALID, "FILE: unknown field 'extra'");
	refused(f, HEAD PORTFOLIO(ENTRY(""), "{\"number\":2,\"opened_at\":\"" NOW "\"}"),
		ERR_INVALID,
		"FILE: portfolios[0].cycles[0].number: expected 1, got 2: cycles are numbered 1, "
		"2, 3, ...");
	refused(f, HEAD PORTFOLIO(ENTRY(""), OPEN_CYCLE "," OPEN_CYCLE), ERR_INVALID,
		"FILE: portfolios[0].cycles[0]: only the last cycle may be open; closed_at is "
		"missing");
	refused(f,
		HEAD PORTFOLIO("{\"ref\":\"A-1\",\"level\":\"urgent\",\"assignment\":\"insource\"}",
			       OPEN_CYCLE),
		ERR_INVALID, "FILE: portfolios[0].entries[0].level: unknown level 'urgent'");
	refused(f,
		HEAD PORTFOLIO("{\"ref\":\"A-1\",\"level\":\"basic\",\"assignment\":\"insource\","
			       "\"team\":\"Red\"}",
			       OPEN_CYCLE),
		ERR_INVALID,
		"FILE: portfolios[0].entries[0].team: unknown team 'Red' (not in teams)");
	refused(f, HEAD PORTFOLIO(ENTRY(",\"insource\":{\"current\":\"high\"}"), OPEN_CYCLE),
		ERR_INVALID,
		"FILE: portfolios[0].entries[0].insource.current: expected a score: an integer "
		"0-100, \"n/a\" or null");
	refused(f, HEAD PORTFOLIO(ENTRY(",\"insource\":{\"current\":101}"), OPEN_CYCLE),
		ERR_INVALID,
		"FILE: portfolios[0].entries[0].insource.current: expected a score: an integer "
		"0-100, \"n/a\" or null");
	refused(f, HEAD PORTFOLIO(ENTRY(",\"version\":\"1\""), OPEN_CYCLE), ERR_INVALID,
		"FILE: portfolios[0].entries[0].version: expected an integer, got a string");
	refused(f, HEAD PORTFOLIO(ENTRY("") "," ENTRY(""), OPEN_CYCLE), ERR_INVALID,
		"FILE: portfolios[0].entries[1]: duplicate ref 'A-1'");
	refused(f, HEAD PORTFOLIO(ENTRY(",\"levle\":1"), OPEN_CYCLE), ERR_INVALID,
		"FILE: portfolios[0].entries[0]: unknown field 'levle'");
	refused(f, HEAD PORTFOLIO_NEXT("\"2026-02-30\""), ERR_INVALID,
		"FILE: portfolios[0].next_evaluation: '2026-02-30' is not a valid date "
		"(YYYY-MM-DD)");
	refused(f, HEAD PORTFOLIO_NEXT("\"next spring\""), ERR_INVALID,
		"FILE: portfolios[0].next_evaluation: 'next spring' is not a valid date "
		"(YYYY-MM-DD)");
	refused(f, HEAD PORTFOLIO_NEXT("20261031"), ERR_INVALID,
		"FILE: portfolios[0].next_evaluation: expected a string, got an integer");
	refused(f,
		HEAD PORTFOLIO("", "{\"number\":1,\"opened_at\":\"" NOW "\",\"closed_at\":\"" NOW
				   "\",\"snapshot\":{},\"snapshot_hash\":\"00\"},"
				   "{\"number\":2,\"opened_at\":\"" NOW "\"}"),
		ERR_INVALID,
		"FILE: portfolios[0].cycles[0].snapshot_hash: does not match the snapshot (sha256 "
		"44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a)");
	refused(
	    f,
	    HEAD PORTFOLIO("",
			   "{\"number\":1,\"opened_at\":\"" NOW "\",\"closed_at\":\"" NOW "\"}"),
	    ERR_INVALID,
	    "FILE: portfolios[0].cycles[0]: the last cycle must be the open one (closed_at null)");
	refused(f,
		"{\"format\":\"cdcf-archive\",\"version\":1,\"organization\":{\"name\":\"Acme\","
		"\"created_at\":\"" NOW "\"},\"teams\":[\"SOC\",\"SOC\"]}",
		ERR_INVALID, "FILE: teams[1]: duplicate team 'SOC'");
	refused(f,
		"{\"format\":\"cdcf-archive\",\"version\":1,\"organization\":{\"name\":\"Sub\","
		"\"parent\":\"Group\",\"created_at\":\"" NOW "\"}}",
		ERR_NOT_FOUND,
		"FILE: organization.parent: unknown organization 'Group'; import it first");
}

static void test_name_ceiling(void **state)
{
	struct fix *f = *state;
	char name[STORE_NAME_MAX + 2], text[512];

	memset(name, 'x', sizeof(name));
	name[STORE_NAME_MAX + 1] = '\0';
	snprintf(text, sizeof(text),
		 "{\"format\":\"cdcf-archive\",\"version\":1,\"organization\":{\"name\":\"Acme\","
		 "\"created_at\":\"" NOW "\"},\"providers\":[\"%s\"]}",
		 name);
	refused(f, text, ERR_TOO_LARGE,
		"FILE: providers[0]: provider name is longer than 200 bytes");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_export_shape, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_import_existing_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_truncated_and_malformed, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_too_large, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_validation, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_refusal_fields, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_name_ceiling, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
