/*
 * backup and restore: the whole database into one file and back (store_backup.c).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"

static const char backup_usage[] =
    "usage: cdcf backup -o FILE\n\n"
    "Write the whole database to FILE: a cdcf database of its own (an SQLite file),\n"
    "taken as one consistent snapshot while servers and other commands go on\n"
    "writing. FILE is replaced whole once the copy is complete and synced; a backup\n"
    "that fails or is stopped leaves it as it was. 'cdcf restore FILE' brings it back.\n";

static const char restore_usage[] =
    "usage: cdcf restore FILE\n\n"
    "Write the backup FILE ('cdcf backup') into the database given by --db (or\n"
    "$CDCF_DB), which must not exist yet or be empty: a restore never writes over\n"
    "data. A backup made by an older cdcf is migrated to this one's schema.\n";

int cmd_backup(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"output", required_argument, NULL, 'o'}, {"help", no_argument, NULL, 'h'}, {0}};
	struct err e = ERR_INIT;
	struct store *st;
	const char *arg, *path = NULL;
	int c, rc;

	cli_opts_begin();
	while ((c = cli_next_opt(argc, argv, "ho:", opts, backup_usage, &arg)) != -1) {
		if (c == CLI_OPT_ERROR)
			return EXIT_USER;
		if (c == 'o')
			path = arg;
	}
	if (optind != argc || !path || !*path) {
		fputs(backup_usage, stderr);
		return EXIT_USER;
	}
	if ((rc = cli_open(&st, 0)))
		return rc;
	if (store_backup(st, path, &e))
		rc = cli_fail(&e);
	else
		cli_say(MSG_CLI_BACKED_UP, cli.db_path, path);
	store_close(st);
	return rc;
}

int cmd_restore(int argc, char **argv)
{
	static const struct option opts[] = {{"help", no_argument, NULL, 'h'}, {0}};
	struct err e = ERR_INIT;
	const char *arg;
	int c, version = 0;

	cli_opts_begin();
	while ((c = cli_next_opt(argc, argv, "h", opts, restore_usage, &arg)) != -1)
		if (c == CLI_OPT_ERROR)
			return EXIT_USER;
	if (optind + 1 != argc) {
		fputs(restore_usage, stderr);
		return EXIT_USER;
	}
	if (store_restore(argv[optind], cli.db_path, &version, &e))
		return cli_fail(&e);
	cli_say(MSG_CLI_RESTORED, argv[optind], cli.db_path, version, STORE_SCHEMA_VERSION);
	return EXIT_OK;
}
