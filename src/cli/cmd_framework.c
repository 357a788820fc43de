#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "cli/cli_library.h"
#include "core/level.h"
#include "io/catalog.h"
#include "io/catalog_import.h"
#include "io/framework_ciso.h"
#include "io/fileio.h"
#include "io/framework_json.h"
#include "io/oscal.h"
#include "io/yaml_doc.h"
#include "ops/ops.h"
#include "store/store_framework.h"
#include "util/buf.h"
#include "util/embedded.h"

static const char usage[] =
    "usage: cdcf framework list [--json]\n"
    "       cdcf framework show ID [--json]\n"
    "       cdcf framework import FILE [--dry-run]\n"
    "       cdcf framework export ID --format ciso-yaml|oscal [-o FILE]\n\n"
    "The shipped frameworks, those imported into the database, and their nodes\n"
    "(categories or areas, services, functions, ...). Provisional nodes, whose\n"
    "name or number is not yet verified against the source, are marked.\n"
    "import reads a CISO Assistant framework library (.yaml) or an OSCAL catalog\n"
    "(.json) into the database, for portfolios like the shipped ones; --dry-run\n"
    "checks it and says what it holds, writing nothing. export writes a\n"
    "framework as a CISO Assistant library or an OSCAL catalog.\n";

static int list(int json)
{
	struct err e = ERR_INIT;
	json_t *arr;
	size_t i;
	int rc;

	if (catalog_registry_init(&e))
		return cli_fail(&e);
	if ((rc = cli_library_load()))
		return rc;
	arr = json_array();
	for (i = 0; i < catalog_count(); i++) {
		const struct framework *fw = catalog_at(i);
		json_t *sum = framework_summary_json(fw);
		long long services = json_integer_value(json_object_get(sum, "services"));
		long long verified = json_integer_value(json_object_get(sum, "verified"));
		char n_services[24], n_verified[24], n_provisional[24];
		int imp = catalog_get_imported(fw->id) == fw;

		if (json) {
			json_object_set_new(sum, "imported", json_boolean(imp));
			json_array_append_new(arr, sum);
			continue;
		}
		snprintf(n_services, sizeof(n_services), "%3lld", services);
		snprintf(n_verified, sizeof(n_verified), "%2lld", verified);
		snprintf(n_provisional, sizeof(n_provisional), "%2lld", services - verified);
		cli_cell(fw->id, 16);
		putchar(' ');
		cli_printf(stdout, MSG_CLI_FRAMEWORK_COUNTS, n_services, n_verified, n_provisional);
		printf("  %s", framework_name(fw, lang_code(cli.lang)));
		if (imp)
			cli_printf(stdout, MSG_CLI_FW_IMPORTED_MARK);
		putchar('\n');
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
	int rc;

	if ((rc = cli_library_load()))
		return rc;
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

/* The CISO Assistant library text of fw: the shipped file, or the text
 * imported into the database. */
static int ciso_yaml(const struct framework *fw, struct buf *out, struct err *e)
{
	const struct embedded_file *f;
	struct stored_framework *list = NULL;
	struct store *st;
	char name[256];
	size_t n = 0, i;
	int rc;

	snprintf(name, sizeof(name), "%s.yaml", fw->id);
	f = embedded_find(embedded_catalogs, name);
	if (f && catalog_get_shipped(fw->id) == fw)
		return buf_add(out, f->data, f->size) ? err_fail(e, ERR_NOMEM, NULL, MSG_E_NOMEM)
						      : 0;
	if ((rc = store_open(&st, cli.db_path, 0, e)))
		return rc;
	rc = store_framework_list(st, &list, &n, e);
	store_close(st);
	for (i = 0; !rc && i < n; i++) {
		if (strcmp(list[i].id, fw->id))
			continue;
		if (!strcmp(list[i].format, "ciso-yaml")) {
			if (buf_add(out, list[i].body, list[i].body_len))
				rc = err_fail(e, ERR_NOMEM, NULL, MSG_E_NOMEM);
			stored_framework_list_free(list, n);
			return rc;
		}
	}
	stored_framework_list_free(list, n);
	return rc ? rc : framework_ciso_yaml(fw, out, e);
}

static int export(int argc, char **argv)
{
	const struct framework *fw;
	struct err e = ERR_INIT;
	const char *path = NULL, *format = NULL;
	struct buf b;
	int rc;

	if (cli_format_opts(argc, argv, usage, &format, &path))
		return EXIT_USER;
	if (optind + 2 != argc || !format ||
	    (strcmp(format, "oscal") && strcmp(format, "ciso-yaml")))
		return cli_error(MSG_CLI_E_FW_EXPORT_ARGS);
	if ((rc = cli_library_load()))
		return rc;
	if (ops_framework(argv[optind + 1], &fw, &e))
		return cli_fail(&e);
	buf_init(&b, (size_t)64 << 20);
	if (!strcmp(format, "oscal")) {
		json_t *doc = oscal_catalog_json(fw);
		char *text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

		json_decref(doc);
		if (!text || buf_addstr(&b, text) || buf_addch(&b, '\n'))
			rc = err_fail(&e, ERR_NOMEM, NULL, MSG_E_NOMEM);
		free(text);
	} else {
		rc = ciso_yaml(fw, &b, &e);
	}
	if (!rc)
		rc = path ? file_write_atomic(path, b.data, b.len, &e)
			  : file_write_stdout(b.data, b.len, &e);
	if (rc)
		rc = cli_fail(&e);
	else if (path)
		cli_note(MSG_CLI_EXPORTED, fw->id, path);
	buf_release(&b);
	return rc;
}

int cmd_framework(int argc, char **argv)
{
	int json = 0;

	if (argc >= 2 && !strcmp(argv[1], "export"))
		return export(argc, argv);
	if (argc >= 2 && !strcmp(argv[1], "import"))
		return cli_library_import(CLI_LIB_FRAMEWORK, argc, argv, usage);
	if (cli_json_opts(argc, argv, usage, &json))
		return EXIT_USER;
	if (optind < argc && !strcmp(argv[optind], "list") && optind + 1 == argc)
		return list(json);
	if (optind + 2 == argc && !strcmp(argv[optind], "show"))
		return show(argv[optind + 1], json);
	fputs(usage, stderr);
	return EXIT_USER;
}
