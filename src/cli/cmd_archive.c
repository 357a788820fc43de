/*
 * export: one organization as a JSON archive (import: cmd_import.c).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "io/archive.h"
#include "io/fileio.h"

static const char export_usage[] =
    "usage: cdcf export ORG -o FILE.json\n\n"
    "Write the organization (teams, providers, portfolios, entries, actions,\n"
    "cycles and their snapshots) to a JSON archive. 'cdcf import' reads it back;\n"
    "export, import into an empty database and export again gives the same file.\n";

int cmd_export(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"output", required_argument, NULL, 'o'}, {"help", no_argument, NULL, 'h'}, {0}};
	struct err e = ERR_INIT;
	struct store *st;
	json_t *doc = NULL;
	char *text = NULL;
	const char *arg, *path = NULL;
	int c, rc;

	cli_opts_begin();
	while ((c = cli_next_opt(argc, argv, "ho:", opts, export_usage, &arg)) != -1) {
		if (c == CLI_OPT_ERROR)
			return EXIT_USER;
		if (c == 'o')
			path = arg;
	}
	if (optind + 1 != argc)
		return cli_error(MSG_CLI_E_EXPORT_ARGS);
	if ((rc = cli_open(&st, 0)))
		return rc;
	if (archive_export(st, argv[optind], &doc, &e)) {
		rc = cli_fail(&e);
		goto out;
	}
	text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	if (!text) {
		rc = EXIT_INTERNAL;
		goto out;
	}
	if (path ? file_write_atomic(path, text, strlen(text), &e)
		 : file_write_stdout(text, strlen(text), &e))
		rc = cli_fail(&e);
	else if (path)
		cli_note(MSG_CLI_EXPORTED, argv[optind], path);
out:
	free(text);
	json_decref(doc);
	store_close(st);
	return rc;
}
