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
#include "io/oscal.h"
#include "ops/ops.h"
#include "util/progress.h"

static const char export_usage[] =
    "usage: cdcf export ORG -o FILE.json\n"
    "       cdcf export ORG --format oscal-ar|oscal-poam --framework ID [-o FILE.json]\n\n"
    "Write the organization (teams, providers, portfolios, entries, actions,\n"
    "cycles and their snapshots) to a JSON archive. 'cdcf import' reads it back;\n"
    "export, import into an empty database and export again gives the same file.\n"
    "--format oscal-ar writes the portfolio's cycles (one result each) as OSCAL\n"
    "assessment results, oscal-poam its gaps and open actions as an OSCAL plan of\n"
    "action and milestones (docs/formats.md lists the cdcf props).\n";

/* The OSCAL document of one portfolio into *doc. */
static int export_oscal(struct store *st, const char *org, const char *fw_id, int poam,
			json_t **doc, struct err *e)
{
	struct portfolio p;
	char now[32];
	int rc;

	portfolio_init(&p);
	rc = ops_load(st, org, fw_id, &p, e);
	if (!rc) {
		store_now(now);
		rc = oscal_portfolio_export(st, &p, poam, now, doc, e);
	}
	portfolio_release(&p);
	return rc;
}

int cmd_export(int argc, char **argv)
{
	static const struct option opts[] = {{"output", required_argument, NULL, 'o'},
					     {"format", required_argument, NULL, 'f'},
					     {"framework", required_argument, NULL, 'F'},
					     {"help", no_argument, NULL, 'h'},
					     {0}};
	struct err e = ERR_INIT;
	struct store *st;
	json_t *doc = NULL;
	char *text = NULL;
	const char *arg, *path = NULL, *format = "json", *fw_id = NULL;
	int c, rc, oscal;

	cli_opts_begin();
	while ((c = cli_next_opt(argc, argv, "ho:f:F:", opts, export_usage, &arg)) != -1) {
		if (c == CLI_OPT_ERROR)
			return EXIT_USER;
		if (c == 'o')
			path = arg;
		if (c == 'f')
			format = arg;
		if (c == 'F')
			fw_id = arg;
	}
	if (optind + 1 != argc)
		return cli_error(MSG_CLI_E_EXPORT_ARGS);
	oscal = !strcmp(format, "oscal-ar") ? 1 : !strcmp(format, "oscal-poam") ? 2 : 0;
	if (!oscal && strcmp(format, "json"))
		return cli_error(MSG_CLI_E_EXPORT_FORMAT, format);
	if (oscal && !fw_id)
		return cli_error(MSG_CLI_E_EXPORT_NEEDS_FW, format);
	if ((rc = cli_open(&st, 0)))
		return rc;
	progress_catch_signals(); /* stopped, it leaves no file: file_write_atomic */
	if (oscal ? export_oscal(st, argv[optind], fw_id, oscal == 2, &doc, &e)
		  : archive_export(st, argv[optind], &doc, &e)) {
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
