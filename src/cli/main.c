/*
 * cdcf - build, run and evaluate security services the ITU-T X.1060 way.
 *
 * main() reads the global options and dispatches to one cmd_<name>() from
 * the table below (git's builtin table).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "ops/ops_stats.h"
#include "io/catalog.h"

static const struct cli_command commands[] = {
    {"init", cmd_init, "create the database"},
    {"framework", cmd_framework, "list, show, import or export frameworks"},
    {"org", cmd_org, "add or list organizations"},
    {"team", cmd_team, "add or list an organization's in-house teams"},
    {"provider", cmd_provider, "add or list an organization's providers"},
    {"portfolio", cmd_portfolio, "start, list or schedule portfolios"},
    {"select", cmd_select, "catalogue: give services a recommendation level"},
    {"service", cmd_service, "add a custom service"},
    {"assign", cmd_assign, "profile: decide who provides a service"},
    {"score", cmd_score, "portfolio: set current and target scores"},
    {"rubric", cmd_rubric, "the criteria behind each score"},
    {"status", cmd_status, "progress of catalogue, profile and portfolio"},
    {"report", cmd_report, "portfolio report (text, md, csv, json, html)"},
    {"action", cmd_action, "management: improvement actions"},
    {"evaluate", cmd_evaluate, "evaluation: close the cycle and open the next"},
    {"cycles", cmd_cycles, "list the evaluation cycles"},
    {"diff", cmd_diff, "what changed between two cycles"},
    {"audit", cmd_audit, "the audit log: who changed what, when"},
    {"export", cmd_export, "write an organization to a JSON archive"},
    {"import", cmd_import, "read a JSON archive, or a portfolio from a workbook or CSV"},
    {"serve", cmd_serve, "run the web application and the REST API"},
    {"user", cmd_user, "web accounts: add, list, grant roles, passwords"},
    {"token", cmd_token, "API tokens for the REST API"},
    {"quadrant", cmd_quadrant, "procurement quadrant: move services for the organization"},
    {"mapping", cmd_mapping, "the shipped mappings between frameworks"},
    {"coverage", cmd_coverage, "how a portfolio covers another framework"},
    {"db", cmd_db, "the database: kept figures, migrations, a copy into another"},
    {"backup", cmd_backup, "the whole database into one file, while others write"},
    {"restore", cmd_restore, "a backup into a new or empty database"},
    {"group", cmd_group, "a parent organization and its subsidiaries side by side"},
    {"survey", cmd_survey, "surveys across organizations: invite, links, results"},
};

static void usage(FILE *f)
{
	size_t i;

	fputs("usage: cdcf [--db PATH] [--lang en|ja] COMMAND [ARGS]\n\n"
	      "Build, run and evaluate security services the ITU-T X.1060 way.\n\n"
	      "commands:\n",
	      f);
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fputs("\nRun 'cdcf COMMAND --help' for a command's options.\n"
	      "The database is --db, else $CDCF_DB, else ./cdcf.db.\n"
	      "Messages are in English or Japanese: --lang en|ja, else $CDCF_LANG, else\n"
	      "the locale ($LC_ALL, $LC_MESSAGES, $LANG; one that starts with 'ja' is Japanese).\n"
	      "'--' ends the options, for a name that starts with '-':\n"
	      "  cdcf team add ORG -- \"-2+3 team\"\n",
	      f);
}

/* The value of the global option --lang (the last one given), or NULL: read before the
 * other options, so that every message, the first one too, is in that language. */
static const char *lang_option(int argc, char **argv)
{
	const char *v = NULL;
	int i;

	for (i = 1; i < argc && argv[i][0] == '-' && strcmp(argv[i], "--"); i++) {
		if (!strcmp(argv[i], "--lang") && i + 1 < argc)
			v = argv[++i];
		else if (!strncmp(argv[i], "--lang=", 7))
			v = argv[i] + 7;
		else if (!strcmp(argv[i], "--db"))
			i++;
	}
	return v;
}

int main(int argc, char **argv)
{
	const char *lang = lang_option(argc, argv);
	int i = 1;
	size_t k;

	ops_stats_install(); /* every transaction keeps the portfolios' figures current */
	cli.db_path = getenv("CDCF_DB");
	if (!cli.db_path || !*cli.db_path)
		cli.db_path = "cdcf.db";
	cli.lang = cli_env_lang();
	if (lang && lang_parse(lang) >= 0)
		cli.lang = (enum lang)lang_parse(lang);
	else if (lang)
		return cli_error(MSG_CLI_E_UNKNOWN_LANG, lang);
	while (i < argc && argv[i][0] == '-') {
		if (!strcmp(argv[i], "--")) { /* ends the global options */
			i++;
			break;
		} else if (!strcmp(argv[i], "--db") && i + 1 < argc) {
			cli.db_path = argv[i + 1];
			i += 2;
		} else if (!strncmp(argv[i], "--db=", 5)) {
			cli.db_path = argv[i] + 5;
			i++;
		} else if (!strcmp(argv[i], "--lang") && i + 1 < argc) {
			i += 2; /* read by lang_option */
		} else if (!strncmp(argv[i], "--lang=", 7)) {
			i++;
		} else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			return EXIT_OK;
		} else if (!strcmp(argv[i], "--version")) {
			puts("cdcf 0.1.0");
			return EXIT_OK;
		} else {
			usage(stderr);
			return cli_error(MSG_CLI_E_UNKNOWN_OPTION, argv[i]);
		}
	}
	if (i >= argc) {
		usage(stderr);
		return EXIT_USER;
	}
	for (k = 0; k < sizeof(commands) / sizeof(commands[0]); k++) {
		if (!strcmp(commands[k].name, argv[i])) {
			int rc = commands[k].fn(argc - i, argv + i);
			catalog_registry_release();
			return rc;
		}
	}
	return cli_error(MSG_CLI_E_UNKNOWN_COMMAND, argv[i]);
}
