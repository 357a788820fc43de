/*
 * cmd_survey.c - `cdcf survey`: surveys across organizations (ops_survey.h):
 * a campaign on a framework's services, the organizations invited, links for
 * outside respondents, answers, status, aggregates and a response turned
 * into a portfolio.
 */
#include <getopt.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/progress_bar.h"
#include "cli/cmd_survey_xlsx.h"
#include "io/csv_read.h"
#include "io/fileio.h"
#include "ops/ops_survey.h"
#include "report/report.h"
#include "report/survey_report.h"
#include "store/store_survey.h"
#include "util/buf.h"

static const char survey_usage[] =
    "usage: cdcf survey new NAME --framework ID [--services REF,...] [--deadline DATE]\n"
    "                           [--min-group K]\n"
    "       cdcf survey invite NAME ORG...\n"
    "       cdcf survey link NAME --count N [--base-url URL]\n"
    "       cdcf survey answer NAME (--org ORG | --link TOKEN) REF --implemented yes|no\n"
    "                           [--level L] [--assignment insource|outsource|hybrid]\n"
    "                           [--current S] [--note TEXT] [--respondent NAME]\n"
    "       cdcf survey template NAME            (a CSV to fill in, one row per service)\n"
    "       cdcf survey template NAME --format xlsx [--lang en|ja] [--org ORG | --link TOKEN]\n"
    "                           -o FILE.xlsx     (the Excel template, pre-filled when answered)\n"
    "       cdcf survey import NAME (--org ORG | --link TOKEN) FILE.csv|FILE.xlsx\n"
    "       cdcf survey import NAME FILE.csv [--dry-run]   (many responses: columns\n"
    "                           organization or link, ref, implemented, level,\n"
    "                           assignment, current, note)\n"
    "       cdcf survey status NAME [--after ORG] [--json]   (50 organizations a page)\n"
    "       cdcf survey results NAME [--format text|csv|json|xlsx] [--lang en|ja] [--org ORG]\n"
    "       cdcf survey stats NAME [--check | --rebuild]\n"
    "       cdcf survey to-portfolio NAME ORG\n"
    "       cdcf survey close NAME\n"
    "       cdcf survey list [--json]\n\n"
    "A survey asks organizations which services of a framework they implement,\n"
    "at which level, in-house, outsourced or hybrid, and their current score.\n"
    "Invited organizations answer as themselves; outside respondents answer\n"
    "through a link (shown once: only its hash is kept), each link reaching one\n"
    "response. Answers can be revised until the deadline (a day, inclusive).\n"
    "Results give per service, per category and overall the share implementing,\n"
    "the levels, the in-house/outsourced/hybrid shares and the scores, from\n"
    "--min-group responses on (default 5); below it, only the count. With --org,\n"
    "where that organization's answers stand against the aggregate.\n"
    "The figures are kept as answers change; stats --check (the default)\n"
    "recomputes them from the answers and names the first difference (exit 1),\n"
    "--rebuild makes them again from the answers.\n";

struct opts {
	const char *framework, *services, *deadline, *min_group, *count, *base_url;
	const char *org, *link, *respondent, *format, *lang, *after;
	const char *output; /* -o: the Excel template's file */
	struct ops_survey_input in;
	int json, check, rebuild, dry_run;
};

static int parse(int argc, char **argv, struct opts *o)
{
	static const struct option opts[] = {{"framework", required_argument, NULL, 'F'},
					     {"services", required_argument, NULL, 'S'},
					     {"deadline", required_argument, NULL, 'D'},
					     {"min-group", required_argument, NULL, 'k'},
					     {"count", required_argument, NULL, 'n'},
					     {"base-url", required_argument, NULL, 'b'},
					     {"org", required_argument, NULL, 'O'},
					     {"link", required_argument, NULL, 'L'},
					     {"respondent", required_argument, NULL, 'R'},
					     {"implemented", required_argument, NULL, 'i'},
					     {"level", required_argument, NULL, 'v'},
					     {"assignment", required_argument, NULL, 'a'},
					     {"current", required_argument, NULL, 'c'},
					     {"note", required_argument, NULL, 'N'},
					     {"format", required_argument, NULL, 'f'},
					     {"lang", required_argument, NULL, 'l'},
					     {"json", no_argument, NULL, 'j'},
					     {"output", required_argument, NULL, 'o'},
					     {"check", no_argument, NULL, 'C'},
					     {"dry-run", no_argument, NULL, 'Y'},
					     {"after", required_argument, NULL, 'A'},
					     {"rebuild", no_argument, NULL, 'B'},
					     {"help", no_argument, NULL, 'h'},
					     {0}};
	const char *arg;
	int c;

	memset(o, 0, sizeof(*o));
	cli_opts_begin();
	while ((c = cli_next_opt(argc, argv, "ho:", opts, survey_usage, &arg)) != -1) {
		switch (c) {
		case CLI_OPT_ERROR:
			return EXIT_USER;
		case 'F':
			o->framework = arg;
			break;
		case 'S':
			o->services = arg;
			break;
		case 'D':
			o->deadline = arg;
			break;
		case 'k':
			o->min_group = arg;
			break;
		case 'n':
			o->count = arg;
			break;
		case 'b':
			o->base_url = arg;
			break;
		case 'O':
			o->org = arg;
			break;
		case 'L':
			o->link = arg;
			break;
		case 'R':
			o->respondent = arg;
			break;
		case 'i':
			o->in.implemented = arg;
			break;
		case 'v':
			o->in.level = arg;
			break;
		case 'a':
			o->in.assignment = arg;
			break;
		case 'c':
			o->in.current = arg;
			break;
		case 'N':
			o->in.note = arg;
			break;
		case 'f':
			o->format = arg;
			break;
		case 'l':
			o->lang = arg;
			break;
		case 'o':
			o->output = arg;
			break;
		case 'j':
			o->json = 1;
			break;
		case 'A':
			o->after = arg;
			break;
		case 'Y':
			o->dry_run = 1;
			break;
		case 'C':
			o->check = 1;
			break;
		case 'B':
			o->rebuild = 1;
			break;
		default:
			break;
		}
	}
	return 0;
}

/* ---- results ---- */

static const char *num(json_t *v, char buf[32], int percent)
{
	if (!json_is_number(v))
		return "";
	if (percent)
		snprintf(buf, 32, "%.1f%%", json_number_value(v) * 100.0);
	else if (json_is_integer(v))
		snprintf(buf, 32, "%lld", (long long)json_integer_value(v));
	else
		snprintf(buf, 32, "%.2f", json_number_value(v));
	return buf;
}

static const char *const levels[] = {"basic", "standard", "advanced", "optional", "not_required"};
static const char *const assignments[] = {"insource", "outsource", "hybrid"};

static void text_row(enum lang lang, json_t *o, int min_group)
{
	char b[32];
	size_t i;

	if (json_object_get(o, "ref")) {
		printf("%s", json_string_value(json_object_get(o, "ref")));
		if (json_object_get(o, "name"))
			printf(" %s", json_string_value(json_object_get(o, "name")));
		printf("\n");
	}
	printf("  ");
	cli_printf(stdout, MSG_CLI_SURVEY_RESPONSES,
		   (long long)json_integer_value(json_object_get(o, "responses")));
	if (json_is_true(json_object_get(o, "suppressed"))) {
		printf(": ");
		cli_printf(stdout, MSG_SURVEY_FEWER_THAN, (long long)min_group);
		printf("\n");
		return;
	}
	printf(", ");
	cli_printf(stdout, MSG_CLI_SURVEY_IMPLEMENTING,
		   num(json_object_get(o, "implementing"), b, 1));
	printf(", ");
	cli_printf(stdout, MSG_CLI_SURVEY_MEAN, num(json_object_get(o, "mean_score"), b, 0));
	printf("\n  ");
	for (i = 0; i < 3; i++)
		printf(
		    "%s%s %s", i ? ", " : "",
		    cli_key(assignments[i], tr_assignment(lang, (int)i + 1)),
		    num(json_object_get(json_object_get(o, "assignment"), assignments[i]), b, 1));
	printf("\n  ");
	for (i = 0; i < 5; i++) {
		json_t *v = json_object_get(json_object_get(o, "levels"), levels[i]);
		printf("%s%s %s", i ? ", " : "",
		       cli_key(levels[i], tr_level(lang, level_parse(levels[i]))),
		       v ? num(v, b, 0) : "0");
	}
	printf("\n");
	{
		const char *k;
		json_t *v;
		int first = 1;
		json_object_foreach (json_object_get(o, "scores"), k, v) {
			printf("%s%s=%lld", first ? "  " : " ", k,
			       (long long)json_integer_value(v));
			first = 0;
		}
		if (!first)
			printf("\n");
	}
}

static int results_text(enum lang lang, json_t *r)
{
	int k = (int)json_integer_value(json_object_get(r, "min_group"));
	size_t i;
	json_t *v;

	cli_printf(stdout, MSG_CLI_SURVEY_HEAD, json_string_value(json_object_get(r, "survey")),
		   json_string_value(json_object_get(r, "framework")),
		   (long long)json_integer_value(json_object_get(r, "responses")), (long long)k);
	printf("\n");
	if (json_is_true(json_object_get(r, "suppressed"))) {
		cli_printf(stdout, MSG_SURVEY_FEWER_THAN, (long long)k);
		printf("\n");
		return EXIT_OK;
	}
	printf("\n");
	cli_say(MSG_CLI_SURVEY_OVERALL);
	text_row(lang, json_object_get(r, "overall"), k);
	printf("\n");
	if (json_object_get(r, "position")) {
		cli_say(MSG_CLI_SURVEY_POSITION);
		json_array_foreach (json_object_get(r, "position"), i, v) {
			char b1[32], b2[32];
			printf("  %s ", json_string_value(json_object_get(v, "ref")));
			if (json_is_true(json_object_get(v, "suppressed")))
				cli_printf(stdout, MSG_SURVEY_FEWER_THAN, (long long)k);
			else
				cli_printf(stdout, MSG_CLI_SURVEY_AGAINST,
					   json_string_value(json_object_get(v, "current"))
					       ? json_string_value(json_object_get(v, "current"))
					       : "-",
					   num(json_object_get(v, "mean_score"), b1, 0),
					   num(json_object_get(v, "implementing"), b2, 1));
			printf("\n");
		}
		printf("\n");
	}
	cli_say(MSG_CLI_SURVEY_BY_CATEGORY);
	json_array_foreach (json_object_get(r, "categories"), i, v)
		text_row(lang, v, k);
	printf("\n");
	cli_say(MSG_CLI_SURVEY_BY_SERVICE);
	json_array_foreach (json_object_get(r, "services"), i, v)
		text_row(lang, v, k);
	return EXIT_OK;
}

static int results(struct store *st, const char *name, const struct opts *o)
{
	struct err e = ERR_INIT;
	enum lang lang = cli_lang();
	const char *fmt = o->format ? o->format : "text";
	long long response = 0;
	json_t *r;
	int rc;

	if (o->lang) {
		if (lang_parse(o->lang) < 0)
			return cli_error(MSG_CLI_E_UNKNOWN_LANG, o->lang);
		lang = (enum lang)lang_parse(o->lang);
		cli.lang = lang; /* the text's lines too */
	}
	if (strcmp(fmt, "text") && strcmp(fmt, "csv") && strcmp(fmt, "json") && strcmp(fmt, "xlsx"))
		return cli_error(MSG_CLI_SURVEY_E_FORMAT, fmt);
	if (o->org && ops_survey_org_response(st, name, o->org, &response, &e))
		return cli_fail(&e);
	if (ops_survey_results(st, name, response, lang_code(lang), &r, &e))
		return cli_fail(&e);
	if (!strcmp(fmt, "json"))
		return cli_print_json(r);
	if (!strcmp(fmt, "csv") || !strcmp(fmt, "xlsx")) {
		struct buf out;
		buf_init(&out, 0);
		rc = !strcmp(fmt, "csv") ? report_survey_csv(&out, r, lang)
					 : report_survey_xlsx(&out, r, lang);
		if (!rc)
			fwrite(out.data, 1, out.len, stdout);
		buf_release(&out);
		json_decref(r);
		return rc ? cli_error(MSG_E_NOMEM) : EXIT_OK;
	}
	rc = results_text(lang, r);
	json_decref(r);
	return rc;
}

/* ---- the other actions ---- */

static int status(struct store *st, const char *name, const char *after, int json)
{
	struct err e = ERR_INIT;
	json_t *s, *v;
	size_t i;

	if (ops_survey_status(st, name, after, &s, &e))
		return cli_fail(&e);
	if (json)
		return cli_print_json(s);
	cli_say(MSG_CLI_SURVEY_STATUS, json_string_value(json_object_get(s, "name")),
		json_string_value(json_object_get(s, "framework")),
		(long long)json_integer_value(json_object_get(s, "min_group")));
	if (json_is_string(json_object_get(s, "deadline")))
		cli_say(MSG_CLI_SURVEY_DEADLINE, json_string_value(json_object_get(s, "deadline")));
	if (json_is_true(json_object_get(s, "closed")))
		cli_say(MSG_CLI_SURVEY_IS_CLOSED);
	cli_say(MSG_CLI_SURVEY_COUNTS,
		(long long)json_integer_value(json_object_get(s, "invited_total")),
		(long long)json_integer_value(json_object_get(s, "responses")),
		(long long)json_integer_value(json_object_get(s, "links")),
		(long long)json_integer_value(json_object_get(s, "links_used")));
	json_array_foreach (json_object_get(s, "invited"), i, v) {
		json_t *at = json_object_get(v, "answered_at");
		printf("  ");
		cli_cell(json_string_value(json_object_get(v, "organization")), 24);
		printf(" ");
		if (json_is_string(at))
			cli_say(MSG_CLI_SURVEY_ANSWERED, json_string_value(at));
		else
			cli_say(MSG_CLI_SURVEY_NOT_ANSWERED);
	}
	if (json_is_string(json_object_get(s, "next"))) {
		char total[32];
		snprintf(total, sizeof(total), "%lld",
			 (long long)json_integer_value(json_object_get(s, "invited_total")));
		cli_say(MSG_CLI_SURVEY_MORE, total, name,
			json_string_value(json_object_get(s, "next")));
	}
	json_decref(s);
	return EXIT_OK;
}

static int links(struct store *st, const char *name, const struct opts *o)
{
	struct err e = ERR_INIT;
	const char *base = o->base_url ? o->base_url : "http://localhost:8080";
	size_t len = strlen(base), i;
	char *tokens;
	long n;
	char *end;

	if (!o->count)
		return cli_error(MSG_CLI_SURVEY_E_COUNT);
	n = strtol(o->count, &end, 10);
	if (!*o->count || *end || n < 1 || n > OPS_SURVEY_LINKS_MAX)
		return cli_error(MSG_E_SURVEY_COUNT, (size_t)OPS_SURVEY_LINKS_MAX);
	if (ops_survey_links(st, name, (size_t)n, &tokens, &e))
		return cli_fail(&e);
	while (len && base[len - 1] == '/')
		len--;
	for (i = 0; i < (size_t)n; i++)
		printf("%.*s/s/%s\n", (int)len, base, tokens + i * (OPS_SURVEY_TOKEN_LEN + 1));
	sodium_memzero(tokens, (size_t)n * (OPS_SURVEY_TOKEN_LEN + 1));
	free(tokens);
	cli_note(MSG_CLI_SURVEY_LINKS_MADE, (long long)n);
	return EXIT_OK;
}

static int list(struct store *st, int json)
{
	struct err e = ERR_INIT;
	struct survey *sv = NULL;
	size_t n = 0, i;
	char *after = NULL;
	json_t *all = json_array();

	do { /* a page at a time, on the name's index */
		if (store_survey_list(st, after, 500, &sv, &n, &e)) {
			free(after);
			json_decref(all);
			return cli_fail(&e);
		}
		for (i = 0; i < n; i++) {
			if (json)
				json_array_append_new(
				    all, json_pack("{s:s, s:s, s:s?, s:i, s:b}", "name", sv[i].name,
						   "framework", sv[i].framework_id, "deadline",
						   sv[i].deadline, "min_group", sv[i].min_group,
						   "closed", sv[i].closed_at != NULL));
			else {
				cli_cell(sv[i].name, 24);
				printf(" %s %s%s\n", sv[i].framework_id,
				       sv[i].deadline ? sv[i].deadline : "-",
				       sv[i].closed_at ? " *" : "");
			}
		}
		free(after);
		after = n ? strdup(sv[n - 1].name) : NULL;
		survey_list_free(sv, n);
	} while (n == 500 && after);
	free(after);
	if (json)
		return cli_print_json(all);
	json_decref(all);
	return EXIT_OK;
}

static int template(struct store *st, const char *name)
{
	struct err e = ERR_INIT;
	struct survey sv;
	struct buf out;
	json_t *desc;
	int rc;

	if (store_survey_find(st, name, &sv, &e))
		return cli_fail(&e);
	rc = ops_survey_describe(st, sv.id, lang_code(cli_lang()), &desc, &e);
	survey_release(&sv);
	if (rc)
		return cli_fail(&e);
	buf_init(&out, 0);
	rc = report_survey_template(&out, desc);
	json_decref(desc);
	if (!rc)
		rc = file_write_stdout(out.data, out.len, &e);
	buf_release(&out);
	return rc ? cli_fail(&e) : EXIT_OK;
}

/* `import NAME FILE.csv [--dry-run]`: many responses, all or nothing. */
static int import_many(struct store *st, const char *name, const char *file, int dry_run)
{
	struct err e = ERR_INIT;
	struct ops_survey_import res = {0};
	char *data = NULL, a[32], r[32];
	size_t len = 0, i;
	int rc;

	struct cli_bar bar;

	rc = file_read_all(file, (size_t)1 << 30, &data, &len, &e);
	if (rc)
		return cli_fail(&e);
	cli_bar_start(&bar, CLI_BAR_BYTES, 0); /* Ctrl-C stops it, nothing kept */
	res.progress = &bar.p;
	rc = ops_survey_import(st, name, data, len, file, dry_run, &res, &e);
	cli_bar_end(&bar);
	free(data);
	if (rc) {
		for (i = 0; i < res.n_problems; i++)
			cli_fail(&res.problems[i]);
		ops_survey_import_release(&res);
		return cli_fail(&e);
	}
	snprintf(a, sizeof(a), "%zu", res.answers);
	snprintf(r, sizeof(r), "%zu", res.responses);
	cli_say(dry_run ? MSG_CLI_SURVEY_BULK_CHECKED : MSG_CLI_SURVEY_BULK_IMPORTED, a, r, file,
		name);
	ops_survey_import_release(&res);
	return EXIT_OK;
}

static int import(struct store *st, int argc, char **argv, const struct opts *o)
{
	struct err e = ERR_INIT;
	struct csv_doc doc = {0};
	struct ops_survey_input *in = NULL;
	char *data = NULL;
	size_t len = 0, n = 0;
	int rc;

	if (argc == 2 && !o->org && !o->link)
		return import_many(st, argv[0], argv[1], o->dry_run);
	if (argc != 2 || (!o->org == !o->link))
		return cli_error(MSG_CLI_SURVEY_E_ANSWER);
	rc = file_read_all(argv[1], (size_t)16 << 20, &data, &len, &e);
	if (!rc)
		rc = ops_survey_read_csv(data, len, argv[1], &doc, &in, &n, &e);
	if (!rc)
		rc = o->org ? ops_survey_answer(st, argv[0], o->org, o->respondent, in, n, &e)
			    : ops_survey_answer_link(st, o->link, o->respondent, NULL, in, n, &e);
	free(in);
	csv_doc_release(&doc);
	free(data);
	if (rc)
		return cli_fail(&e);
	cli_say(MSG_CLI_SURVEY_IMPORTED, (long long)n, argv[1], argv[0]);
	return EXIT_OK;
}

/* `stats NAME [--check | --rebuild]`: the kept figures against the answers. */
static int stats(struct store *st, const char *name, const struct opts *o)
{
	struct err e = ERR_INIT;
	char *diff = NULL;

	if (ops_survey_check(st, name, o->rebuild, &diff, &e))
		return cli_fail(&e);
	if (diff) {
		cli_printf(stderr, MSG_CLI_SURVEY_AGG_DIFF, name, name, diff);
		fputc('\n', stderr);
		free(diff);
		return EXIT_USER;
	}
	cli_say(o->rebuild ? MSG_CLI_SURVEY_AGG_REBUILT : MSG_CLI_SURVEY_AGG_OK, name);
	return EXIT_OK;
}

static int run(struct store *st, const char *verb, int argc, char **argv, struct opts *o)
{
	struct err e = ERR_INIT;
	size_t added = 0;

	if (!strcmp(verb, "list"))
		return list(st, o->json);
	if (argc < 1)
		return cli_error(MSG_CLI_SURVEY_E_NAME, verb);
	if (!strcmp(verb, "new")) {
		struct ops_survey_spec v = {argv[0], o->framework, o->services, o->deadline,
					    o->min_group};
		if (!o->framework)
			return cli_error(MSG_CLI_SURVEY_E_FRAMEWORK);
		if (ops_survey_new(st, &v, NULL, &e))
			return cli_fail(&e);
		cli_say(MSG_CLI_SURVEY_CREATED, argv[0]);
		return EXIT_OK;
	}
	if (!strcmp(verb, "invite")) {
		if (ops_survey_invite(st, argv[0], (const char *const *)argv + 1, (size_t)argc - 1,
				      &added, &e))
			return cli_fail(&e);
		cli_say(MSG_CLI_SURVEY_INVITED, (long long)added, argv[0]);
		return EXIT_OK;
	}
	if (!strcmp(verb, "link"))
		return links(st, argv[0], o);
	if (!strcmp(verb, "status"))
		return status(st, argv[0], o->after, o->json);
	if (!strcmp(verb, "results"))
		return results(st, argv[0], o);
	if (!strcmp(verb, "close")) {
		if (ops_survey_close(st, argv[0], &e))
			return cli_fail(&e);
		cli_say(MSG_CLI_SURVEY_CLOSED, argv[0]);
		return EXIT_OK;
	}
	if (!strcmp(verb, "to-portfolio")) {
		if (argc != 2)
			return cli_error(MSG_CLI_SURVEY_E_ORG, verb);
		if (ops_survey_to_portfolio(st, argv[0], argv[1], &e))
			return cli_fail(&e);
		cli_say(MSG_CLI_SURVEY_PORTFOLIO, argv[1], argv[0]);
		return EXIT_OK;
	}
	/* the Excel template (cmd_survey_xlsx.c) */
	if (!strcmp(verb, "template") && o->format && strcmp(o->format, "csv"))
		return cmd_survey_template_xlsx(st, argv[0], o->format, o->lang, o->org, o->link,
						o->output);
	if (!strcmp(verb, "import") && argc == 2 && cmd_survey_is_xlsx(argv[1]))
		return cmd_survey_import_xlsx(st, argv[0], argv[1], o->org, o->link, o->respondent);
	if (!strcmp(verb, "stats"))
		return stats(st, argv[0], o);
	if (!strcmp(verb, "template"))
		return template(st, argv[0]);
	if (!strcmp(verb, "import"))
		return import(st, argc, argv, o);
	if (!strcmp(verb, "answer")) {
		int rc;
		if (argc != 2 || (!o->org == !o->link))
			return cli_error(MSG_CLI_SURVEY_E_ANSWER);
		o->in.ref = argv[1];
		rc = o->org
			 ? ops_survey_answer(st, argv[0], o->org, o->respondent, &o->in, 1, &e)
			 : ops_survey_answer_link(st, o->link, o->respondent, NULL, &o->in, 1, &e);
		if (rc)
			return cli_fail(&e);
		cli_say(MSG_CLI_SURVEY_ANSWERED_REF, argv[1], argv[0]);
		return EXIT_OK;
	}
	return cli_error(MSG_CLI_SURVEY_E_VERB, verb);
}

int cmd_survey(int argc, char **argv)
{
	struct opts o;
	struct store *st;
	int rc;

	rc = parse(argc, argv, &o);
	if (rc)
		return rc;
	argc -= optind;
	argv += optind;
	if (argc < 1)
		return cli_error(MSG_CLI_SURVEY_E_VERB, "");
	if (!strcmp(argv[0], "import"))
		progress_catch_signals(); /* before the database: a stop always rolls back */
	rc = cli_open(&st, 0);
	if (rc)
		return rc;
	rc = run(st, argv[0], argc - 1, argv + 1, &o);
	store_close(st);
	return rc;
}
