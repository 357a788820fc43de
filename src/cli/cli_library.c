/*
 * cli_library.c - cdcf framework import / cdcf mapping import (see
 * cli_library.h).
 */
#include "cli/cli_library.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "io/catalog_import.h"
#include "io/fileio.h"
#include "ops/ops_interop.h"
#include "store/store_framework.h"

int cli_library_load(void)
{
	struct err e = ERR_INIT;
	struct store *st;
	int rc;

	if (!store_exists(cli.db_path))
		return EXIT_OK;
	if ((rc = cli_open(&st, 0)))
		return rc;
	if (catalog_imported_load(st, &e))
		(void)cli_fail(&e); /* says why one is missing; the others are listed */
	store_close(st);
	return EXIT_OK;
}

static void say_done(enum cli_library kind, const char *path, int dry_run,
		     const struct ops_library_summary *s)
{
	if (kind == CLI_LIB_MAPPING) {
		cli_say(dry_run ? MSG_CLI_MAP_DRY_RUN : MSG_CLI_MAP_IMPORTED, path, s->source_fw,
			s->target_fw, s->pairs);
		return;
	}
	if (dry_run)
		cli_say(MSG_CLI_FW_DRY_RUN, path, s->id, s->format, s->categories, s->services,
			s->functions);
	else
		cli_say(MSG_CLI_FW_IMPORTED, path, s->id);
}

/* An empty database in memory, for a dry run when there is no database yet. */
static int open_memory(struct store **st)
{
	struct err e = ERR_INIT;

	return store_open(st, ":memory:", 1, &e) ? cli_fail(&e) : EXIT_OK;
}

int cli_library_import(enum cli_library kind, int argc, char **argv, const char *usage)
{
	static const struct option opts[] = {
	    {"dry-run", no_argument, NULL, 'n'}, {"help", no_argument, NULL, 'h'}, {0}};
	struct ops_library_summary sum;
	struct err e = ERR_INIT;
	struct store *st;
	const char *arg, *path;
	size_t max = STORE_FRAMEWORK_MAX, len = 0;
	char *data = NULL;
	int c, rc, dry_run = 0;

	cli_opts_begin();
	while ((c = cli_next_opt(argc, argv, "h", opts, usage, &arg)) != -1) {
		if (c == CLI_OPT_ERROR)
			return EXIT_USER;
		if (c == 'n')
			dry_run = 1;
	}
	if (optind + 2 != argc || strcmp(argv[optind], "import")) {
		fputs(usage, stderr);
		return EXIT_USER;
	}
	path = argv[optind + 1];
	rc = file_read_all(path, max, &data, &len, &e);
	if (rc == ERR_TOO_LARGE)
		err_fail(&e, rc, "file",
			 kind == CLI_LIB_MAPPING ? MSG_E_MAP_IMPORT_TOO_LARGE
						 : MSG_E_FW_IMPORT_TOO_LARGE,
			 path, max);
	if (rc)
		return cli_fail(&e);
	/* a dry run writes nothing, not even a new database */
	if (dry_run && !store_exists(cli.db_path))
		rc = open_memory(&st);
	else
		rc = cli_open(&st, 1);
	if (rc) {
		free(data);
		return rc;
	}
	rc = kind == CLI_LIB_MAPPING
		 ? ops_mapping_import(st, NULL, path, data, len, dry_run, &sum, &e)
		 : ops_framework_import(st, NULL, path, data, len, dry_run, &sum, &e);
	if (rc)
		rc = cli_fail(&e);
	else
		say_done(kind, path, dry_run, &sum);
	ops_library_summary_release(&sum);
	store_close(st);
	free(data);
	return rc;
}
