/*
 * import: a JSON archive (a whole organization, io/archive.h), or a
 * portfolio edited in a workbook or a CSV file (ops/ops_import.h), told
 * apart by the file's name.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/progress_bar.h"
#include "io/archive.h"
#include "io/portfolio_import.h"
#include "ops/ops_import.h"

static const char import_usage[] =
    "usage: cdcf import FILE.json\n"
    "       cdcf import FILE.xlsx|FILE.csv [--org ORG --framework ID] [--dry-run]\n\n"
    "FILE.json: an archive written by 'cdcf export'. The whole file is checked\n"
    "first; it is applied whole or not at all. The organization must not exist yet.\n\n"
    "FILE.xlsx: the sheet Portfolio of a workbook written by 'cdcf report --format\n"
    "xlsx' (and edited in Excel or LibreOffice); the organization and framework\n"
    "come from the sheet About unless --org and --framework are given.\n"
    "FILE.csv: the same columns, with a heading row of their keys (ref, level,\n"
    "assignment, team, provider, insource.current, insource.target,\n"
    "outsource.current, outsource.target, note, version) or their English or\n"
    "Japanese headings. Levels and assignments in English, Japanese or as keys.\n"
    "Optional columns organization and framework name each row's portfolio: without\n"
    "--org, the rows of every organization named are applied in one transaction;\n"
    "with --org, a row of another organization is refused.\n\n"
    "Every change is listed ('field: old -> new'); the rows are applied in one\n"
    "transaction, all or nothing, each refused value reported with its cell or\n"
    "line and column. --dry-run lists the changes and changes nothing.\n";

static int import_portfolio(const char *path, const char *org, const char *fw, int dry_run)
{
	struct portfolio_import in;
	struct ops_import_result res;
	struct err e = ERR_INIT;
	struct cli_bar bar;
	struct store *st;
	size_t i;
	int rc;

	/* caught from the start: a signal while the database is opened stops it too */
	cli_bar_start(&bar, CLI_BAR_BYTES, 0);
	if (portfolio_import_read_file(path, &in, &e))
		return cli_fail(&e);
	org = org ? org : in.org;
	fw = fw ? fw : in.framework;
	/* a file with the column organization (framework) names each row's */
	if ((!org && in.col[PCOL_ORG] < 0) || (!fw && in.col[PCOL_FRAMEWORK] < 0)) {
		err_fail(&e, ERR_INVALID, org ? "framework" : "org",
			 org ? MSG_CLI_E_IMPORT_NO_FW : MSG_CLI_E_IMPORT_NO_ORG);
		err_prefix(&e, "%s", path);
		portfolio_import_release(&in);
		return cli_fail(&e);
	}
	if ((rc = cli_open(&st, 0))) {
		portfolio_import_release(&in);
		return rc;
	}
	bar.unit = in.csv ? CLI_BAR_BYTES : CLI_BAR_ITEMS;
	in.progress = &bar.p;
	rc = ops_import(st, NULL, org, fw, &in, dry_run, &res, &e);
	cli_bar_end(&bar);
	if (rc == ERR_INTERRUPTED) {
		rc = cli_fail(&e);
		goto out;
	}
	if (rc) {
		int code = EXIT_USER;
		for (i = 0; i < res.n_problems; i++)
			code = cli_fail(&res.problems[i]);
		if (!res.n_problems)
			code = cli_fail(&e);
		if (res.refused > res.n_problems)
			cli_note(MSG_IMPORT_MORE_PROBLEMS, res.refused - res.n_problems);
		if (res.n_problems)
			cli_note(MSG_IMPORT_REFUSED, path, res.refused);
		rc = code;
		goto out;
	}
	for (i = 0; i < res.n; i++)
		if (org && fw)
			cli_say(MSG_IMPORT_CHANGE, res.v[i].ref, res.v[i].input, res.v[i].was,
				res.v[i].now);
		else
			cli_say(MSG_IMPORT_CHANGE_OF, res.v[i].org, res.v[i].ref, res.v[i].input,
				res.v[i].was, res.v[i].now);
	if (!res.n)
		cli_say(MSG_IMPORT_NO_CHANGES);
	else if (dry_run)
		cli_say(MSG_IMPORT_DRY_RUN, res.entries, res.n);
	else if (org && fw)
		cli_say(MSG_IMPORT_APPLIED, path, org, fw, res.entries, res.n);
	else
		cli_say(MSG_IMPORT_APPLIED_MANY, path, res.portfolios, res.entries, res.n);
out:
	ops_import_result_release(&res);
	portfolio_import_release(&in);
	store_close(st);
	return rc;
}

int cmd_import(int argc, char **argv)
{
	static const struct option opts[] = {{"org", required_argument, NULL, 'O'},
					     {"framework", required_argument, NULL, 'F'},
					     {"dry-run", no_argument, NULL, 'n'},
					     {"help", no_argument, NULL, 'h'},
					     {0}};
	struct err e = ERR_INIT;
	struct cli_bar bar;
	struct store *st;
	const char *arg, *org = NULL, *fw = NULL, *path;
	int c, rc, dry_run = 0;

	cli_opts_begin();
	while ((c = cli_next_opt(argc, argv, "h", opts, import_usage, &arg)) != -1) {
		if (c == CLI_OPT_ERROR)
			return EXIT_USER;
		if (c == 'O')
			org = arg;
		if (c == 'F')
			fw = arg;
		if (c == 'n')
			dry_run = 1;
	}
	if (optind + 1 != argc)
		return cli_error(MSG_CLI_E_IMPORT_FILE);
	path = argv[optind];
	if (portfolio_import_kind(path, NULL, 0))
		return import_portfolio(path, org, fw, dry_run);
	if (org || fw || dry_run)
		return cli_error(MSG_CLI_E_IMPORT_ARCHIVE_OPTS);
	cli_bar_start(&bar, CLI_BAR_ITEMS, 0);
	if ((rc = cli_open(&st, 1)))
		return rc;
	rc = archive_import_file(st, path, &bar.p, &e);
	cli_bar_end(&bar);
	if (rc)
		rc = cli_fail(&e);
	else
		cli_say(MSG_CLI_IMPORTED, path);
	store_close(st);
	return rc;
}
