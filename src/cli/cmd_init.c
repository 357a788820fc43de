#include <stdio.h>

#include <getopt.h>

#include "cli/cli.h"

static const char usage[] = "usage: cdcf [--db PATH] init\n\n"
			    "Create the database (or bring an existing one up to date).\n";

int cmd_init(int argc, char **argv)
{
	static const struct option opts[] = {{"help", no_argument, NULL, 'h'}, {0}};
	struct store *st;
	const char *arg;
	int c, rc;

	cli_opts_begin();
	while ((c = cli_next_opt(argc, argv, "h", opts, usage, &arg)) != -1)
		if (c == CLI_OPT_ERROR)
			return EXIT_USER;
	if (optind != argc)
		return cli_error(MSG_CLI_E_INIT_ARGS);
	rc = cli_open(&st, 1);
	if (rc)
		return rc;
	cli_say(MSG_CLI_INITIALISED, cli.db_path, STORE_SCHEMA_VERSION);
	store_close(st);
	return EXIT_OK;
}
