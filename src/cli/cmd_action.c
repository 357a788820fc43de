/*
 * Management process: improvement actions per service.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/snapshot.h"
#include "ops/ops.h"

static const char usage[] =
    "usage: cdcf action add ORG FRAMEWORK REF TITLE [--owner WHO] [--due YYYY-MM-DD] [--target N]\n"
    "       cdcf action list ORG FRAMEWORK [--status open|done|all] [--json]\n"
    "       cdcf action done ORG FRAMEWORK ID\n"
    "       cdcf action reopen ORG FRAMEWORK ID\n\n"
    "Improvement actions for selected services: who, by when, and the score the\n"
    "service should reach.\n";

static int list(struct store *st, const char *org, const char *fw, const char *status, int json)
{
	struct err e = ERR_INIT;
	struct portfolio p;
	struct action *a = NULL;
	size_t n = 0, i;
	int rc = EXIT_OK;

	portfolio_init(&p);
	if (ops_load(st, org, fw, &p, &e) ||
	    store_action_list(st, p.id, status && strcmp(status, "all") ? status : NULL, &a, &n,
			      &e)) {
		rc = cli_fail(&e);
		goto out;
	}
	if (json) {
		json_t *arr = json_array();
		for (i = 0; i < n; i++)
			json_array_append_new(
			    arr,
			    json_pack("{s:I, s:s, s:s, s:s?, s:s?, s:o, s:s, s:s?, s:s?}", "id",
				      (json_int_t)a[i].id, "ref", a[i].ref_id, "title", a[i].title,
				      "owner", a[i].owner, "due", a[i].due, "target",
				      score_to_json(a[i].target), "status", a[i].status,
				      "created_at", a[i].created_at, "done_at", a[i].done_at));
		rc = cli_print_json(arr);
		goto out;
	}
	for (i = 0; i < n; i++) {
		printf("#%-4lld %-6s %-8s %-10s %-16s %s", a[i].id, a[i].status, a[i].ref_id,
		       a[i].due ? a[i].due : "-", a[i].owner ? a[i].owner : "-", a[i].title);
		if (a[i].target >= 0)
			printf("  (-> %d)", a[i].target);
		putchar('\n');
	}
	if (!n)
		puts("no actions");
out:
	action_list_free(a, n);
	portfolio_release(&p);
	return rc;
}

static int parse_id(const char *s, long long *id)
{
	char *end;

	*id = strtoll(s, &end, 10);
	if (*s == '#')
		*id = strtoll(s + 1, &end, 10);
	return *end || *id <= 0 ? -1 : 0;
}

int cmd_action(int argc, char **argv)
{
	static const struct option opts[] = {{"owner", required_argument, NULL, 'w'},
					     {"due", required_argument, NULL, 'd'},
					     {"target", required_argument, NULL, 't'},
					     {"status", required_argument, NULL, 's'},
					     {"json", no_argument, NULL, 'j'},
					     {"help", no_argument, NULL, 'h'},
					     {0}};
	struct err e = ERR_INIT;
	struct store *st;
	const char *arg, *owner = NULL, *due = NULL, *target = NULL, *status = "all";
	long long id;
	int c, json = 0, rc;

	cli_opts_begin();
	while ((c = cli_next_opt(argc, argv, "h", opts, usage, &arg)) != -1) {
		if (c == CLI_OPT_ERROR)
			return EXIT_USER;
		if (c == 'w')
			owner = arg;
		else if (c == 'd')
			due = arg;
		else if (c == 't')
			target = arg;
		else if (c == 's')
			status = arg;
		else if (c == 'j')
			json = 1;
	}
	argc -= optind;
	argv += optind;
	if (argc < 1) {
		fputs(usage, stderr);
		return EXIT_USER;
	}
	if (!strcmp(argv[0], "add") && argc == 5) {
		if ((rc = cli_open(&st, 0)))
			return rc;
		rc = ops_action_add(st, argv[1], argv[2], argv[3], argv[4], owner, due, target, &id,
				    &e)
			 ? cli_fail(&e)
			 : EXIT_OK;
		if (!rc)
			printf("added action #%lld for '%s'\n", id, argv[3]);
		store_close(st);
		return rc;
	}
	if (!strcmp(argv[0], "list") && argc == 3) {
		if (strcmp(status, "open") && strcmp(status, "done") && strcmp(status, "all"))
			return cli_error(MSG_CLI_E_ACTION_STATUS, status);
		if ((rc = cli_open(&st, 0)))
			return rc;
		rc = list(st, argv[1], argv[2], status, json);
		store_close(st);
		return rc;
	}
	if ((!strcmp(argv[0], "done") || !strcmp(argv[0], "reopen")) && argc == 4) {
		if (parse_id(argv[3], &id))
			return cli_error(MSG_CLI_E_ACTION_ID, argv[3]);
		if ((rc = cli_open(&st, 0)))
			return rc;
		rc = ops_action_status(st, argv[1], argv[2], id,
				       !strcmp(argv[0], "done") ? "done" : "open", &e)
			 ? cli_fail(&e)
			 : EXIT_OK;
		if (!rc)
			printf("action #%lld is %s\n", id,
			       !strcmp(argv[0], "done") ? "done" : "open");
		store_close(st);
		return rc;
	}
	fputs(usage, stderr);
	return EXIT_USER;
}
