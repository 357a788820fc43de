#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/cli_library.h"
#include "cli/cmd_mapping_export.h"
#include "io/catalog.h"
#include "io/mapping_lib.h"
#include "store/store.h"
#include "ops/ops_coverage.h"

static const char usage[] =
    "usage: cdcf mapping list [--json]\n"
    "       cdcf mapping import FILE.yaml [--dry-run]\n"
    "       cdcf mapping export SOURCE TARGET [--format ciso-yaml] [-o FILE]\n\n"
    "The mappings between frameworks, shipped and imported: source and target\n"
    "framework, number of mapped pairs, and whose judgement they are.\n"
    "Each pair has a relationship (equal, subset, superset, intersect)\n"
    "and a rationale; cdcf coverage uses them. import reads a CISO Assistant\n"
    "mapping library (one requirement_mapping_set) between two frameworks that\n"
    "are shipped or imported into the database, and keeps it there (--dry-run\n"
    "checks it and says what it holds, writing nothing).\n";

static const char *set_name(const struct mapping_set *m)
{
	return cli.lang == LANG_JA && m->name_ja ? m->name_ja : m->name_en;
}

static int list(int json)
{
	const struct mapping_set *const *sets;
	struct err e = ERR_INIT;
	json_t *arr, *o;
	size_t n, i;
	int rc;

	if ((rc = cli_library_load()))
		return rc;
	if (ops_mappings(&sets, &n, &e))
		return cli_fail(&e);
	arr = json_array();
	for (i = 0; i < n; i++) {
		const struct mapping_set *m = sets[i];
		if (json) {
			o = json_object();
			json_object_set_new(o, "id", json_string(m->id));
			json_object_set_new(o, "name", json_string(m->name_en));
			if (m->name_ja)
				json_object_set_new(o, "name_ja", json_string(m->name_ja));
			json_object_set_new(o, "source_framework", json_string(m->source_fw));
			json_object_set_new(o, "target_framework", json_string(m->target_fw));
			json_object_set_new(o, "mappings", json_integer((json_int_t)m->n_rows));
			json_object_set_new(o, "judgement",
					    json_string(m->ours ? "cdcf" : "imported"));
			json_array_append_new(arr, o);
			continue;
		}
		cli_cell(m->source_fw, 16);
		printf(" -> ");
		cli_cell(m->target_fw, 16);
		printf("  ");
		cli_printf(stdout, MSG_MAPPING_ROWS, m->n_rows);
		printf("  %s\n", set_name(m));
	}
	if (json)
		return cli_print_json(arr);
	json_decref(arr);
	return EXIT_OK;
}

int cmd_mapping(int argc, char **argv)
{
	int json = 0;

	if (argc >= 2 && !strcmp(argv[1], "export"))
		return cmd_mapping_export(argc, argv);
	if (argc >= 2 && !strcmp(argv[1], "import"))
		return cli_library_import(CLI_LIB_MAPPING, argc, argv, usage);
	if (cli_json_opts(argc, argv, usage, &json))
		return EXIT_USER;
	if (optind + 1 == argc && !strcmp(argv[optind], "list"))
		return list(json);
	fputs(usage, stderr);
	return EXIT_USER;
}
