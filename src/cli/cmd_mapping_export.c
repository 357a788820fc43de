/*
 * cmd_mapping_export.c - cdcf mapping export SOURCE TARGET [--format ciso-yaml] [-o FILE]:
 * a mapping set, shipped or imported into the database, written as the CISO
 * Assistant mapping library that `cdcf mapping import` reads back
 * (io/mapping_emit.h).
 */
#include "cli/cmd_mapping_export.h"

#include <getopt.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "io/catalog.h"
#include "io/fileio.h"
#include "io/mapping_emit.h"
#include "store/store.h"

static const char usage[] =
    "usage: cdcf mapping export SOURCE TARGET [--format ciso-yaml] [-o FILE]\n\n"
    "The mapping from framework SOURCE to framework TARGET (shipped, or\n"
    "imported into the database) as a CISO Assistant mapping library (YAML),\n"
    "the format cdcf mapping import reads: to stdout, or to FILE.\n";

/* Register the frameworks and mapping sets imported into the database, when there is one. */
static int load_imported(void)
{
	struct store *st;
	int rc;

	if (!store_exists(cli.db_path))
		return EXIT_OK;
	if ((rc = cli_open(&st, 0)))
		return rc;
	store_close(st);
	return EXIT_OK;
}

int cmd_mapping_export(int argc, char **argv)
{
	const struct mapping_set *m;
	struct err e = ERR_INIT;
	const char *path = NULL, *format = "ciso-yaml", *source, *target;
	struct buf b;
	int rc;

	if (cli_format_opts(argc, argv, usage, &format, &path))
		return EXIT_USER;
	if (optind + 3 != argc)
		return cli_error(MSG_CLI_E_MAP_EXPORT_ARGS);
	if (strcmp(format, "ciso-yaml"))
		return cli_error(MSG_E_MAP_EXPORT_FORMAT, format);
	source = argv[optind + 1];
	target = argv[optind + 2];
	if (catalog_registry_init(&e))
		return cli_fail(&e);
	if ((rc = load_imported()))
		return rc;
	m = mapping_find_directed(source, target);
	if (!m && mapping_find_directed(target, source))
		return cli_error(MSG_E_MAP_EXPORT_REVERSED, source, target, target, source);
	if (!m)
		return cli_error(MSG_E_MAP_EXPORT_NONE, source, target);
	buf_init(&b, MAPPING_EXPORT_MAX_BYTES);
	rc = mapping_ciso_yaml(m, &b, &e);
	if (!rc)
		rc = path ? file_write_atomic(path, b.data, b.len, &e)
			  : file_write_stdout(b.data, b.len, &e);
	if (rc)
		rc = cli_fail(&e);
	else if (path)
		cli_note(MSG_CLI_EXPORTED, m->id, path);
	buf_release(&b);
	return rc;
}
