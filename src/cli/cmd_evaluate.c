/*
 * Evaluation process: evaluate (close the cycle), cycles, diff.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/evaluation.h"
#include "io/fileio.h"
#include "ops/ops.h"

#define ANSWERS_MAX_BYTES ((size_t)1 << 20)

static const char evaluate_usage[] =
    "usage: cdcf evaluate ORG FRAMEWORK --answers FILE [--approved-by NAME]\n"
    "                     [--next YYYY-MM-DD]\n"
    "       cdcf evaluate --questions\n\n"
    "Evaluation (X.1060 clause 11): record the answers to the catalogue, profile\n"
    "and portfolio questions and who approved them, freeze the open cycle as an\n"
    "immutable snapshot and open the next cycle. --next plans the date of the\n"
    "next evaluation; without it the plan is cleared (it was for this one).\n"
    "FILE is JSON:\n"
    "  {\"catalogue\": {\"appropriate\": \"...\", \"environment\": \"...\"},\n"
    "   \"profile\": {\"assignments\": \"...\"},\n"
    "   \"portfolio\": {\"scores\": \"...\", \"targets\": \"...\"},\n"
    "   \"delegation\": \"...\" (optional)}\n";

static int print_questions(void)
{
	size_t n, i;
	const struct eval_question *q = eval_questions(&n);

	for (i = 0; i < n; i++)
		printf("%s%s%s%s\n  %s\n", q[i].section, *q[i].key ? "." : "", q[i].key,
		       q[i].optional ? tr(cli.lang, MSG_CLI_OPTIONAL) : "",
		       tr(cli.lang, q[i].text));
	return EXIT_OK;
}

static int load_answers(const char *path, json_t **out, struct err *e)
{
	json_error_t jerr;
	char *data;
	size_t len;
	int rc = file_read_all(path, ANSWERS_MAX_BYTES, &data, &len, e);

	if (rc)
		return rc;
	*out = json_loadb(data, len, JSON_REJECT_DUPLICATES, &jerr);
	free(data);
	if (!*out) {
		err_fail(e, ERR_INVALID, NULL, MSG_E_JSON_SYNTAX, jerr.text);
		return err_prefix(e, "%s:%d:%d", path, jerr.line, jerr.column);
	}
	return 0;
}

int cmd_evaluate(int argc, char **argv)
{
	static const struct option opts[] = {{"answers", required_argument, NULL, 'a'},
					     {"approved-by", required_argument, NULL, 'b'},
					     {"next", required_argument, NULL, 'n'},
					     {"questions", no_argument, NULL, 'q'},
					     {"help", no_argument, NULL, 'h'},
					     {0}};
	struct err e = ERR_INIT;
	struct store *st;
	json_t *answers = NULL;
	const char *arg, *path = NULL, *approver = NULL, *next = NULL;
	int c, rc;

	cli_opts_begin();
	while ((c = cli_next_opt(argc, argv, "h", opts, evaluate_usage, &arg)) != -1) {
		if (c == CLI_OPT_ERROR)
			return EXIT_USER;
		if (c == 'a')
			path = arg;
		else if (c == 'b')
			approver = arg;
		else if (c == 'n')
			next = arg;
		else if (c == 'q')
			return print_questions();
	}
	if (optind + 2 != argc)
		return cli_error(MSG_CLI_E_NEEDS_ORG_FW, "evaluate");
	if (!path)
		return cli_error(MSG_CLI_E_EVALUATE_ANSWERS);
	/* the date before the answers, so its message does not name FILE */
	if (store_check_date_as(STORE_WHAT(MSG_N_NEXT_EVALUATION, "next_evaluation"), next, &e) ||
	    load_answers(path, &answers, &e))
		return cli_fail(&e);
	if ((rc = cli_open(&st, 0))) {
		json_decref(answers);
		return rc;
	}
	if (ops_evaluate(st, argv[optind], argv[optind + 1], answers, approver, next, &e)) {
		/* an empty catalogue is not about the answers file */
		if (strcmp(e.field, "catalogue"))
			err_prefix(&e, "%s", path);
		rc = cli_fail(&e);
	} else {
		cli_say(MSG_CLI_EVALUATED, argv[optind], argv[optind + 1]);
		if (next)
			cli_say(MSG_CLI_EVALUATED_NEXT, next);
	}
	json_decref(answers);
	store_close(st);
	return rc;
}

static const char cycles_usage[] = "usage: cdcf cycles ORG FRAMEWORK [--json]\n\n"
				   "The evaluation cycles: when each opened and closed, who\n"
				   "approved it and the hash of its frozen snapshot.\n";

int cmd_cycles(int argc, char **argv)
{
	struct err e = ERR_INIT;
	struct store *st;
	struct portfolio p;
	struct cycle *cy = NULL;
	size_t n = 0, i;
	int json = 0, rc;

	if (cli_json_opts(argc, argv, cycles_usage, &json))
		return EXIT_USER;
	if (optind + 2 != argc)
		return cli_error(MSG_CLI_E_NEEDS_ORG_FW, "cycles");
	if ((rc = cli_open(&st, 0)))
		return rc;
	portfolio_init(&p);
	if (ops_load(st, argv[optind], argv[optind + 1], &p, &e) ||
	    store_cycle_list(st, p.id, &cy, &n, &e)) {
		rc = cli_fail(&e);
		goto out;
	}
	if (json) {
		json_t *arr = json_array();
		for (i = 0; i < n; i++) {
			json_t *ans =
			    cy[i].answers_json ? json_loads(cy[i].answers_json, 0, NULL) : NULL;
			json_array_append_new(
			    arr,
			    json_pack("{s:i, s:s, s:s?, s:s?, s:s?, s:o}", "number", cy[i].number,
				      "opened_at", cy[i].opened_at, "closed_at", cy[i].closed_at,
				      "approved_by", cy[i].approved_by, "snapshot_hash",
				      cy[i].snapshot_hash, "answers", ans ? ans : json_null()));
		}
		rc = cli_print_json(arr);
		goto out;
	}
	for (i = 0; i < n; i++) {
		if (cy[i].closed_at)
			cli_say(MSG_CLI_CYCLE_CLOSED, cy[i].number, cy[i].opened_at,
				cy[i].closed_at, cy[i].approved_by ? cy[i].approved_by : "-",
				cy[i].snapshot_hash ? cy[i].snapshot_hash : "");
		else
			cli_say(MSG_CLI_CYCLE_OPEN, cy[i].number, cy[i].opened_at);
	}
out:
	cycle_list_free(cy, n);
	portfolio_release(&p);
	store_close(st);
	return rc;
}

static const char diff_usage[] =
    "usage: cdcf diff ORG FRAMEWORK CYCLE_A CYCLE_B [--json]\n\n"
    "What changed from cycle A to cycle B: services added or removed, levels,\n"
    "assignments and scores. The open cycle compares as it is now.\n";

/* "B-2      level      level              standard -> advanced": the kind of change in the
 * CLI's language, the field and the values as the JSON has them. */
static void print_change(const struct change *c)
{
	static const enum msg_id kinds[] = {
	    [CHANGE_ADDED] = MSG_CLI_CHANGE_ADDED, [CHANGE_REMOVED] = MSG_CLI_CHANGE_REMOVED,
	    [CHANGE_LEVEL] = MSG_CLI_CHANGE_LEVEL, [CHANGE_ASSIGNMENT] = MSG_CLI_CHANGE_ASSIGNMENT,
	    [CHANGE_SCORE] = MSG_CLI_CHANGE_SCORE,
	};
	const char *kind = change_kind_name(c->kind);

	cli_cell(c->ref_id, 8);
	putchar(' ');
	cli_cell(cli_key(kind, (unsigned)c->kind < sizeof(kinds) / sizeof(kinds[0])
				   ? tr(cli.lang, kinds[c->kind])
				   : NULL),
		 10);
	putchar(' ');
	cli_cell(c->field, 18);
	printf(" %s -> %s\n", *c->before ? c->before : "-", *c->after ? c->after : "-");
}

int cmd_diff(int argc, char **argv)
{
	struct err e = ERR_INIT;
	struct store *st;
	json_t *a = NULL, *b = NULL;
	struct change *ch = NULL;
	size_t n = 0, i;
	char *end;
	long na, nb;
	int json = 0, rc;

	if (cli_json_opts(argc, argv, diff_usage, &json))
		return EXIT_USER;
	if (optind + 4 != argc)
		return cli_error(MSG_CLI_E_DIFF_ARGS);
	na = strtol(argv[optind + 2], &end, 10);
	if (*end || na <= 0)
		return cli_error(MSG_CLI_E_CYCLE_NUMBER, argv[optind + 2]);
	nb = strtol(argv[optind + 3], &end, 10);
	if (*end || nb <= 0)
		return cli_error(MSG_CLI_E_CYCLE_NUMBER, argv[optind + 3]);
	if ((rc = cli_open(&st, 0)))
		return rc;
	if (ops_cycle_snapshot(st, argv[optind], argv[optind + 1], (int)na, &a, &e) ||
	    ops_cycle_snapshot(st, argv[optind], argv[optind + 1], (int)nb, &b, &e)) {
		rc = cli_fail(&e);
		goto out;
	}
	n = snapshot_diff(a, b, &ch);
	if (json) {
		json_t *arr = json_array();
		for (i = 0; i < n; i++)
			json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:s, s:s}", "ref",
							     ch[i].ref_id, "change",
							     change_kind_name(ch[i].kind), "field",
							     ch[i].field, "before", ch[i].before,
							     "after", ch[i].after));
		rc = cli_print_json(arr);
		goto out;
	}
	for (i = 0; i < n; i++)
		print_change(&ch[i]);
	if (!n)
		cli_say(MSG_CLI_NO_CHANGES, na, nb);
out:
	change_list_free(ch, n);
	json_decref(a);
	json_decref(b);
	store_close(st);
	return rc;
}
