#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/level.h"
#include "io/catalog.h"
#include "ops/ops.h"

static const char usage[] =
    "usage: cdcf framework list [--json]\n"
    "       cdcf framework show ID [--json]\n\n"
    "The shipped frameworks and their nodes (categories or areas, services,\n"
    "functions, ...). Provisional nodes, whose name or number is not yet verified\n"
    "against the source, are marked.\n";

static json_t *names(const char *en, const char *ja)
{
	return json_pack("{s:s, s:s?}", "en", en ? en : "", "ja", ja);
}

static int list(int json)
{
	struct err e = ERR_INIT;
	json_t *arr;
	size_t i, j;

	if (catalog_registry_init(&e))
		return cli_fail(&e);
	arr = json_array();
	for (i = 0; i < catalog_count(); i++) {
		const struct framework *fw = catalog_at(i);
		size_t services = 0, verified = 0;
		for (j = 0; j < fw->n_nodes; j++) {
			if (!fw->nodes[j].assessable)
				continue;
			services++;
			verified += fw->nodes[j].status == STATUS_VERIFIED;
		}
		if (json)
			json_array_append_new(
			    arr, json_pack("{s:s, s:o, s:s?, s:I, s:I, s:I}", "id", fw->id, "name",
					   names(fw->name_en, fw->name_ja), "edition", fw->edition,
					   "nodes", (json_int_t)fw->n_nodes, "services",
					   (json_int_t)services, "verified", (json_int_t)verified));
		else
			printf("%-16s %-48s %3zu services (%zu verified, %zu provisional)\n",
			       fw->id,
			       cli.lang == LANG_JA && fw->name_ja ? fw->name_ja : fw->name_en,
			       services, verified, services - verified);
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
	json_t *doc, *nodes;
	size_t i;

	if (ops_framework(id, &fw, &e))
		return cli_fail(&e);
	if (!json) {
		printf("%s  %s\n", fw->id,
		       cli.lang == LANG_JA && fw->name_ja ? fw->name_ja : fw->name_en);
		for (i = 0; i < fw->n_nodes; i++) {
			const struct fw_node *n = &fw->nodes[i];
			printf("%*s%-10s %s%s\n", (n->depth - 1) * 2, "", n->ref_id,
			       fw_node_name(n, lang),
			       n->status == STATUS_PROVISIONAL ? "  (provisional)" : "");
		}
		return EXIT_OK;
	}
	doc = json_object();
	json_object_set_new(doc, "id", json_string(fw->id));
	json_object_set_new(doc, "name", names(fw->name_en, fw->name_ja));
	nodes = json_array();
	for (i = 0; i < fw->n_nodes; i++) {
		const struct fw_node *n = &fw->nodes[i];
		json_t *o = json_object();
		json_object_set_new(o, "ref_id", json_string(n->ref_id));
		json_object_set_new(o, "kind", json_string(node_kind_name(n->kind)));
		json_object_set_new(o, "parent",
				    n->parent >= 0 ? json_string(fw->nodes[n->parent].ref_id)
						   : json_null());
		json_object_set_new(
		    o, "status",
		    json_string(n->status == STATUS_VERIFIED ? "verified" : "provisional"));
		json_object_set_new(o, "assessable", json_boolean(n->assessable));
		json_object_set_new(o, "name", names(n->name_en, n->name_ja));
		if (n->description_en)
			json_object_set_new(o, "description",
					    names(n->description_en, n->description_ja));
		if (n->source_note)
			json_object_set_new(o, "source", json_string(n->source_note));
		json_array_append_new(nodes, o);
	}
	json_object_set_new(doc, "nodes", nodes);
	return cli_print_json(doc);
}

int cmd_framework(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"json", no_argument, NULL, 'j'}, {"help", no_argument, NULL, 'h'}, {0}};
	const char *arg;
	int c, json = 0;

	cli_opts_begin();
	while ((c = cli_next_opt(argc, argv, "h", opts, usage, &arg)) != -1) {
		if (c == CLI_OPT_ERROR)
			return EXIT_USER;
		if (c == 'j')
			json = 1;
	}
	if (optind < argc && !strcmp(argv[optind], "list") && optind + 1 == argc)
		return list(json);
	if (optind + 2 == argc && !strcmp(argv[optind], "show"))
		return show(argv[optind + 1], json);
	fputs(usage, stderr);
	return EXIT_USER;
}
