#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/cmd_provider_link.h"
#include "ops/ops.h"
#include "ops/ops_provider_view.h"

static const char org_usage[] =
    "usage: cdcf org add NAME [--parent NAME]\n"
    "       cdcf org list [--json]\n"
    "       cdcf org rename OLD NEW\n"
    "       cdcf org delete NAME\n\n"
    "Organizations, optionally under a parent (group companies, branches).\n"
    "An organization with portfolios, child organizations or members is not deleted.\n";

static int org_list(struct store *st, int json)
{
	struct err e = ERR_INIT;
	struct org *orgs;
	size_t n, i;
	json_t *arr;

	if (store_org_list(st, &orgs, &n, &e))
		return cli_fail(&e);
	arr = json_array();
	for (i = 0; i < n; i++) {
		if (json)
			json_array_append_new(
			    arr, json_pack("{s:s, s:s?, s:s}", "name", orgs[i].name, "parent",
					   orgs[i].parent_name, "created_at", orgs[i].created_at));
		else if (orgs[i].parent_name)
			cli_say(MSG_CLI_ORG_UNDER, orgs[i].name, orgs[i].parent_name);
		else
			printf("%s\n", orgs[i].name);
	}
	org_list_free(orgs, n);
	if (json)
		return cli_print_json(arr);
	json_decref(arr);
	return EXIT_OK;
}

int cmd_org(int argc, char **argv)
{
	static const struct option opts[] = {{"parent", required_argument, NULL, 'p'},
					     {"json", no_argument, NULL, 'j'},
					     {"help", no_argument, NULL, 'h'},
					     {0}};
	struct err e = ERR_INIT;
	struct store *st;
	const char *arg, *parent = NULL;
	int c, json = 0, rc;

	cli_opts_begin();
	while ((c = cli_next_opt(argc, argv, "h", opts, org_usage, &arg)) != -1) {
		if (c == CLI_OPT_ERROR)
			return EXIT_USER;
		if (c == 'p')
			parent = arg;
		else if (c == 'j')
			json = 1;
	}
	argc -= optind;
	argv += optind;
	if (argc == 2 && !strcmp(argv[0], "add")) {
		long long id;
		if ((rc = cli_open(&st, 0)))
			return rc;
		rc = ops_org_add(st, NULL, argv[1], parent, &id, &e) ? cli_fail(&e) : EXIT_OK;
		if (!rc)
			cli_say(MSG_CLI_ORG_ADDED, argv[1]);
		store_close(st);
		return rc;
	}
	if (argc == 3 && !strcmp(argv[0], "rename")) {
		if ((rc = cli_open(&st, 0)))
			return rc;
		rc = ops_org_rename(st, NULL, argv[1], argv[2], &e) ? cli_fail(&e) : EXIT_OK;
		if (!rc)
			cli_say(MSG_CLI_ORG_RENAMED, argv[1], argv[2]);
		store_close(st);
		return rc;
	}
	if (argc == 2 && !strcmp(argv[0], "delete")) {
		if ((rc = cli_open(&st, 0)))
			return rc;
		rc = ops_org_delete(st, NULL, argv[1], &e) ? cli_fail(&e) : EXIT_OK;
		if (!rc)
			cli_say(MSG_CLI_ORG_DELETED, argv[1]);
		store_close(st);
		return rc;
	}
	if (argc == 1 && !strcmp(argv[0], "list")) {
		if ((rc = cli_open(&st, 0)))
			return rc;
		rc = org_list(st, json);
		store_close(st);
		return rc;
	}
	fputs(org_usage, stderr);
	return EXIT_USER;
}

/* The providers of org_id by name, each linked one with the organization it is linked to
 * and whether it is shared with it. */
static int provider_list(struct store *st, long long org_id, struct err *e)
{
	struct provider_link_row *rows = NULL;
	size_t n = 0, i;

	if (ops_provider_links(st, org_id, &rows, &n, e))
		return cli_fail(e);
	for (i = 0; i < n; i++)
		if (!rows[i].linked_org)
			printf("%s\n", rows[i].provider);
		else
			cli_say(rows[i].shared ? MSG_CLI_PROVIDER_LIST_SHARED
					       : MSG_CLI_PROVIDER_LIST_LINKED,
				rows[i].provider, rows[i].linked_org);
	provider_link_rows_free(rows, n);
	return EXIT_OK;
}

static int party_cmd(enum party_kind k, int argc, char **argv)
{
	const char *word = k == PARTY_TEAM ? "team" : "provider";
	char usage[700];
	struct err e = ERR_INIT;
	struct store *st;
	struct org o = {0};
	int json = 0, rc;

	if (k == PARTY_PROVIDER && provider_link_is_sub(argc, argv))
		return provider_link_cmd(argc, argv);
	snprintf(usage, sizeof(usage),
		 "usage: cdcf %s add ORG NAME\n       cdcf %s list ORG [--json]\n"
		 "       cdcf %s rename ORG OLD NEW\n       cdcf %s delete ORG NAME\n\n%s\n"
		 "One still assigned to services%s is not deleted.\n",
		 word, word, word, word,
		 k == PARTY_TEAM ? "In-house departments or teams that provide services."
				 : "External providers (MSSPs, vendors, the parent company).",
		 k == PARTY_TEAM ? " or the team of assessors" : "");
	if (cli_json_opts(argc, argv, usage, &json))
		return EXIT_USER;
	argc -= optind;
	argv += optind;
	if (!((argc == 3 && !strcmp(argv[0], "add")) || (argc == 2 && !strcmp(argv[0], "list")) ||
	      (argc == 4 && !strcmp(argv[0], "rename")) ||
	      (argc == 3 && !strcmp(argv[0], "delete")))) {
		fputs(usage, stderr);
		return EXIT_USER;
	}
	if ((rc = cli_open(&st, 0)))
		return rc;
	if (argc == 4) {
		rc = ops_party_rename(st, NULL, argv[1], k, argv[2], argv[3], &e) ? cli_fail(&e)
										  : EXIT_OK;
		if (!rc)
			cli_say(k == PARTY_TEAM ? MSG_CLI_TEAM_RENAMED : MSG_CLI_PROVIDER_RENAMED,
				argv[2], argv[3], argv[1]);
	} else if (argc == 3 && !strcmp(argv[0], "delete")) {
		rc = ops_party_delete(st, NULL, argv[1], k, argv[2], &e) ? cli_fail(&e) : EXIT_OK;
		if (!rc)
			cli_say(k == PARTY_TEAM ? MSG_CLI_TEAM_DELETED : MSG_CLI_PROVIDER_DELETED,
				argv[2], argv[1]);
	} else if (argc == 3) {
		long long id;
		rc = ops_party_add(st, argv[1], k, argv[2], &id, &e) ? cli_fail(&e) : EXIT_OK;
		if (!rc)
			cli_say(k == PARTY_TEAM ? MSG_CLI_TEAM_ADDED : MSG_CLI_PROVIDER_ADDED,
				argv[2], argv[1]);
	} else if (store_org_find(st, argv[1], &o, &e)) {
		rc = cli_fail(&e);
	} else if (k == PARTY_PROVIDER && !json) {
		rc = provider_list(st, o.id, &e);
	} else {
		struct party *list;
		size_t n, i;
		if (store_party_list(st, k, o.id, &list, &n, &e)) {
			rc = cli_fail(&e);
		} else {
			json_t *arr = json_array();
			for (i = 0; i < n; i++) {
				if (json)
					json_array_append_new(arr, json_string(list[i].name));
				else
					printf("%s\n", list[i].name);
			}
			party_list_free(list, n);
			rc = json ? cli_print_json(arr) : (json_decref(arr), EXIT_OK);
		}
	}
	org_release(&o);
	store_close(st);
	return rc;
}

int cmd_team(int argc, char **argv)
{
	return party_cmd(PARTY_TEAM, argc, argv);
}

int cmd_provider(int argc, char **argv)
{
	return party_cmd(PARTY_PROVIDER, argc, argv);
}
