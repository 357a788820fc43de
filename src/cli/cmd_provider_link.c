/*
 * cmd_provider_link.c - `cdcf provider link|unlink|share|clients`: a client
 * links one of its providers to the provider's organization in cdcf and shares
 * with it (or stops), and the provider organization lists the services its
 * sharing clients outsource to it (ops/ops_provider_view.h).
 */
#include "cli/cmd_provider_link.h"

#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "ops/ops_provider_view.h"
#include "report/report.h"
#include "util/buf.h"

static const char usage[] =
    "usage: cdcf provider link CLIENT PROVIDER_NAME PROVIDER_ORG\n"
    "       cdcf provider unlink CLIENT PROVIDER_NAME\n"
    "       cdcf provider share CLIENT PROVIDER_NAME on|off\n"
    "       cdcf provider clients PROVIDER_ORG [--format text|csv|json]\n\n"
    "A client links one of its providers to the provider's organization in cdcf,\n"
    "then shares with it (on) or stops (off). A new link is not shared. While\n"
    "shared, the provider organization sees the services the client outsources\n"
    "to it (outsource or hybrid) with their level and the client's outsourced-side\n"
    "current and target scores and note; nothing else of the client. Linking and\n"
    "sharing are for the client's administrators.\n";

int provider_link_is_sub(int argc, char **argv)
{
	static const char *const subs[] = {"link", "unlink", "share", "clients"};
	size_t i;

	for (i = 0; argc > 1 && i < sizeof subs / sizeof *subs; i++)
		if (!strcmp(argv[1], subs[i]))
			return 1;
	return 0;
}

static int clients_text(const struct provider_client_page *pg, const char *lang)
{
	char cur[16], tgt[16];
	size_t i;

	for (i = 0; i < pg->n; i++) {
		const struct provider_client_row *r = &pg->rows[i];

		cli_cell(r->client, 16);
		printf(" ");
		cli_cell(r->framework_id, 14);
		printf(" ");
		cli_cell(r->ref_id, 8);
		printf(" ");
		cli_cell(ops_provider_service_name(r, lang), 36);
		printf(" ");
		cli_cell(r->level, 12);
		printf(" %3s %3s", *ops_provider_score_text(r->out_current, cur) ? cur : "-",
		       *ops_provider_score_text(r->out_target, tgt) ? tgt : "-");
		if (r->note && *r->note)
			printf("  %s", r->note);
		putchar('\n');
	}
	return 0;
}

/* Every page of the view of provider_org in format (text, csv, json). */
static int clients(struct store *st, const char *provider_org, const char *format)
{
	const char *lang = lang_code(cli.lang);
	struct provider_cursor after = {0, 0, 0};
	struct provider_client_page pg;
	struct err e = ERR_INIT;
	struct org o = {0};
	json_t *rows = json_array();
	long long total = 0, n_clients = 0;
	int rc, first = 1;

	if (store_org_find(st, provider_org, &o, &e)) {
		json_decref(rows);
		return cli_fail(&e);
	}
	if (!strcmp(format, "csv"))
		fputs(REPORT_CSV_BOM, stdout);
	do {
		rc = ops_provider_clients(st, o.id, &after, 0, PROVIDER_PAGE_MAX, &pg, &e);
		if (rc)
			break;
		total = pg.total;
		n_clients = pg.total_clients;
		if (!strcmp(format, "csv")) {
			struct buf b;

			buf_init(&b, (size_t)64 << 20);
			ops_provider_csv(&pg, lang, first, &b);
			fwrite(b.data, 1, b.len, stdout);
			buf_release(&b);
		} else if (!strcmp(format, "json")) {
			json_t *page = ops_provider_json(&pg, lang);
			json_array_extend(rows, page); /* copies the references: page is ours */
			json_decref(page);
		} else {
			clients_text(&pg, lang);
		}
		first = 0;
		if (pg.n)
			after = pg.rows[pg.n - 1].at;
		rc = pg.more;
		provider_client_page_release(&pg);
	} while (rc);
	org_release(&o);
	if (rc < 0) {
		json_decref(rows);
		return cli_fail(&e);
	}
	if (!strcmp(format, "json")) {
		json_t *doc = json_object();

		json_object_set_new(doc, "organization", json_string(provider_org));
		json_object_set_new(doc, "total", json_integer(total));
		json_object_set_new(doc, "clients", json_integer(n_clients));
		json_object_set_new(doc, "rows", rows);
		return cli_print_json(doc);
	}
	json_decref(rows);
	if (!strcmp(format, "text"))
		cli_say(MSG_CLI_PROVIDER_CLIENTS_TOTAL, total, n_clients);
	return EXIT_OK;
}

int provider_link_cmd(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"format", required_argument, NULL, 'f'}, {"help", no_argument, NULL, 'h'}, {0}};
	const char *format = "text", *arg;
	struct err e = ERR_INIT;
	struct store *st;
	bool on = false;
	int c, rc;

	cli_opts_begin();
	while ((c = cli_next_opt(argc, argv, "hf:", opts, usage, &arg)) != -1) {
		if (c == CLI_OPT_ERROR)
			return EXIT_USER;
		if (c == 'f')
			format = arg;
	}
	argc -= optind;
	argv += optind;
	if (strcmp(format, "text") && strcmp(format, "csv") && strcmp(format, "json")) {
		fputs(usage, stderr);
		return EXIT_USER;
	}
	if (!((argc == 4 && !strcmp(argv[0], "link")) ||
	      (argc == 3 && !strcmp(argv[0], "unlink")) ||
	      (argc == 4 && !strcmp(argv[0], "share")) ||
	      (argc == 2 && !strcmp(argv[0], "clients")))) {
		fputs(usage, stderr);
		return EXIT_USER;
	}
	if (!strcmp(argv[0], "share") && ops_provider_share_word(argv[3], &on, &e))
		return cli_fail(&e);
	if ((rc = cli_open(&st, 0)))
		return rc;
	if (!strcmp(argv[0], "link")) {
		rc = ops_provider_link(st, NULL, argv[1], argv[2], argv[3], &e) ? cli_fail(&e)
										: EXIT_OK;
		if (!rc)
			cli_say(MSG_CLI_PROVIDER_LINKED, argv[2], argv[1], argv[3]);
	} else if (!strcmp(argv[0], "unlink")) {
		rc = ops_provider_unlink(st, NULL, argv[1], argv[2], &e) ? cli_fail(&e) : EXIT_OK;
		if (!rc)
			cli_say(MSG_CLI_PROVIDER_UNLINKED, argv[2], argv[1]);
	} else if (!strcmp(argv[0], "share")) {
		rc =
		    ops_provider_share(st, NULL, argv[1], argv[2], on, &e) ? cli_fail(&e) : EXIT_OK;
		if (!rc)
			cli_say(on ? MSG_CLI_PROVIDER_SHARED : MSG_CLI_PROVIDER_UNSHARED, argv[1],
				argv[2]);
	} else {
		rc = clients(st, argv[1], format);
	}
	store_close(st);
	return rc;
}
