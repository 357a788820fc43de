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
    "       cdcf action reopen ORG FRAMEWORK ID\n"
    "       cdcf action edit ORG FRAMEWORK ID [--title T] [--owner WHO] [--due YYYY-MM-DD|none]\n"
    "                        [--target N|none]\n"
    "       cdcf action delete ORG FRAMEWORK ID\n\n"
    "Improvement actions for selected services: who, by when, and the score the\n"
    "service should reach. edit changes only what is given; --owner '', --due none\n"
    "and --target none clear.\n";

/* "#1    open   A-2      2026-06-30 SOC lead         Publish the playbook  (-> 4)": the
 * columns padded by display width, the status in the CLI's language. */
static void print_action(const struct action *a)
{
	char id[24];
	const char *status = !strcmp(a->status, "done")	  ? tr(cli.lang, MSG_ACTION_DONE)
			     : !strcmp(a->status, "open") ? tr(cli.lang, MSG_ACTION_OPEN)
							  : NULL;

	snprintf(id, sizeof(id), "#%lld", a->id);
	cli_cell(id, 5);
	putchar(' ');
	cli_cell(cli_key(a->status, status), 6);
	putchar(' ');
	cli_cell(a->ref_id, 8);
	putchar(' ');
	cli_cell(a->due ? a->due : "-", 10);
	putchar(' ');
	cli_cell(a->owner ? a->owner : "-", 16);
	printf(" %s", a->title);
	if (a->target >= 0)
		cli_printf(stdout, MSG_CLI_ACTION_TARGET, a->target);
	putchar('\n');
}

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
	for (i = 0; i < n; i++)
		print_action(&a[i]);
	if (!n)
		cli_say(MSG_CLI_NO_ACTIONS);
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

/* "none" for --due and --target means "clear", as "" does. */
static const char *none_clears(const char *arg)
{
	return arg && !strcmp(arg, "none") ? "" : arg;
}

/* action edit ORG FRAMEWORK ID: only the options given change. */
static int edit(char **argv, const char *title, const char *owner, const char *due,
		const char *target)
{
	struct err e = ERR_INIT;
	struct store *st;
	long long id;
	int rc;

	if (parse_id(argv[3], &id))
		return cli_error(MSG_CLI_E_ACTION_ID, argv[3]);
	if (!title && !owner && !due && !target)
		return cli_error(MSG_CLI_E_ACTION_EDIT_NOTHING);
	if ((rc = cli_open(&st, 0)))
		return rc;
	rc = ops_action_edit(st, argv[1], argv[2], id, title, owner, none_clears(due),
			     none_clears(target), &e)
		 ? cli_fail(&e)
		 : EXIT_OK;
	if (!rc)
		cli_say(MSG_CLI_ACTION_EDITED, id);
	store_close(st);
	return rc;
}

int cmd_action(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"owner", required_argument, NULL, 'w'},  {"due", required_argument, NULL, 'd'},
	    {"target", required_argument, NULL, 't'}, {"title", required_argument, NULL, 'T'},
	    {"status", required_argument, NULL, 's'}, {"json", no_argument, NULL, 'j'},
	    {"help", no_argument, NULL, 'h'},	      {0}};
	struct err e = ERR_INIT;
	struct store *st;
	const char *arg, *owner = NULL, *due = NULL, *target = NULL, *status = "all";
	const char *title = NULL;
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
		else if (c == 'T')
			title = arg;
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
			cli_say(MSG_CLI_ACTION_ADDED, id, argv[3]);
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
			cli_say(!strcmp(argv[0], "done") ? MSG_CLI_ACTION_DONE
							 : MSG_CLI_ACTION_REOPENED,
				id);
		store_close(st);
		return rc;
	}
	if (!strcmp(argv[0], "edit") && argc == 4)
		return edit(argv, title, owner, due, target);
	if (!strcmp(argv[0], "delete") && argc == 4) {
		if (parse_id(argv[3], &id))
			return cli_error(MSG_CLI_E_ACTION_ID, argv[3]);
		if ((rc = cli_open(&st, 0)))
			return rc;
		rc = ops_action_delete(st, argv[1], argv[2], id, &e) ? cli_fail(&e) : EXIT_OK;
		if (!rc)
			cli_say(MSG_CLI_ACTION_DELETED, id);
		store_close(st);
		return rc;
	}
	fputs(usage, stderr);
	return EXIT_USER;
}
