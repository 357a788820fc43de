#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/level.h"
#include "io/catalog.h"
#include "io/framework_json.h"
#include "ops/ops.h"

static const char usage[] =
    "usage: cdcf framework list [--json]\n"
    "       cdcf framework show ID [--json]\n\n"
    "The shipped frameworks and their nodes (categories or areas, services,\n"
    "functions, ...). Provisional nodes, whose name or number is not yet verified\n"
    "against the source, are marked.\n";

static int list(int json)
{
	struct err e = ERR_INIT;
	json_t *arr;
	size_t i;

	if (catalog_registry_init(&e))
		return cli_fail(&e);
	arr = json_array();
	for (i = 0; i < catalog_count(); i++) {
		const struct framework *fw = catalog_at(i);
		json_t *sum = framework_summary_json(fw);
		long long services = json_integer_value(json_object_get(sum, "services"));
		long long verified = json_integer_value(json_object_get(sum, "verified"));
		char n_services[24], n_verified[24], n_provisional[24];
		if (json) {
			json_array_append_new(arr, sum);
			continue;
		}
		snprintf(n_services, sizeof(n_services), "%3lld", services);
		snprintf(n_verified, sizeof(n_verified), "%2lld", verified);
		snprintf(n_provisional, sizeof(n_provisional), "%2lld", services - verified);
		cli_cell(fw->id, 16);
		putchar(' ');
		cli_printf(stdout, MSG_CLI_FRAMEWORK_COUNTS, n_services, n_verified, n_provisional);
		printf("  %s\n", framework_name(fw, lang_code(cli.lang)));
		json_decref(sum);
	}
	if (json)
		return cli_print_json(arr);
	json_decref(arr);
	return EXIT_OK;
}

static int show(const char *id, int json)
{
	const struct framework *fw;
	struct err e = ERR_INIT;
	const char *lang = lang_code(cli.lang);
	json_t *doc;
	size_t i;

	if (ops_framework(id, &fw, &e))
		return cli_fail(&e);
	if (!json) {
		printf("%s  %s\n", fw->id, framework_name(fw, lang));
		for (i = 0; i < fw->n_nodes; i++) {
			const struct fw_node *n = &fw->nodes[i];
			printf("%*s", (n->depth - 1) * 2, "");
			cli_cell(n->ref_id, 10);
			printf(" %s", fw_node_name(n, lang));
			if (n->status == STATUS_PROVISIONAL)
				cli_printf(stdout, MSG_CLI_PROVISIONAL_MARK);
			putchar('\n');
		}
		return EXIT_OK;
	}
	doc = json_object();
	json_object_set_new(doc, "id", json_string(fw->id));
	json_object_set_new(doc, "name", names_json(fw->name_en, fw->name_ja));
	json_object_set_new(doc, "custom_assessment",
			    json_string(assessment_name(fw->custom_assessment)));
	json_object_set_new(doc, "nodes", framework_nodes_json(fw));
	json_object_set_new(doc, "scales", framework_scales_json(fw));
	return cli_print_json(doc);
}

int cmd_framework(int argc, char **argv)
{
	int json = 0;

	if (cli_json_opts(argc, argv, usage, &json))
		return EXIT_USER;
	if (optind < argc && !strcmp(argv[optind], "list") && optind + 1 == argc)
		return list(json);
	if (optind + 2 == argc && !strcmp(argv[optind], "show"))
		return show(argv[optind + 1], json);
	fputs(usage, stderr);
	return EXIT_USER;
}
