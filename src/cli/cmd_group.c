/*
 * cmd_group.c - `cdcf group ORG FRAMEWORK`: an organization and its
 * subsidiaries (any depth) side by side for one framework (ops/ops_group.h,
 * report/group_render.h).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "io/fileio.h"
#include "ops/ops_group.h"
#include "report/group_render.h"
#include "report/report.h"
#include "util/buf.h"

static const char usage[] =
    "usage: cdcf group ORG FRAMEWORK [--format text|csv|json|xlsx] [--lang en|ja]\n"
    "                  [--by current|gap] [-o FILE]\n\n"
    "The group view: ORG and its subsidiaries, at any depth, side by side for one\n"
    "framework: a heat map of organizations x services (the current score, or the\n"
    "gap target - current with --by gap) by category, the roll-up per category of\n"
    "each organization, the spread (min, median, max) of the current score per\n"
    "service, and who provides what (in-house team, provider).\n";

int cmd_group(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"format", required_argument, NULL, 'f'}, {"lang", required_argument, NULL, 'l'},
	    {"by", required_argument, NULL, 'b'},     {"output", required_argument, NULL, 'o'},
	    {"help", no_argument, NULL, 'h'},	      {0}};
	enum group_format format = GROUP_TEXT;
	enum group_by by = GROUP_BY_CURRENT;
	enum lang lang = cli.lang;
	struct group_model m;
	struct err e = ERR_INIT;
	struct store *st;
	struct buf out;
	const char *arg, *path = NULL;
	int c, rc;

	cli_opts_begin();
	while ((c = cli_next_opt(argc, argv, "ho:", opts, usage, &arg)) != -1) {
		if (c == CLI_OPT_ERROR)
			return EXIT_USER;
		if (c == 'f' && group_format_parse(arg, &format))
			return cli_error(MSG_CLI_GROUP_E_FORMAT, arg);
		if (c == 'b' && group_by_parse(arg, &by))
			return cli_error(MSG_CLI_GROUP_E_BY, arg);
		if (c == 'l') {
			if (lang_parse(arg) < 0)
				return cli_error(MSG_CLI_E_UNKNOWN_LANG, arg);
			lang = lang_parse(arg);
		}
		if (c == 'o')
			path = arg;
	}
	if (optind + 2 != argc)
		return cli_error(MSG_CLI_E_NEEDS_ORG_FW, "group");
	if (format == GROUP_XLSX && !path && isatty(STDOUT_FILENO))
		return cli_error(MSG_CLI_GROUP_E_XLSX_TTY);
	rc = cli_open(&st, 0);
	if (rc)
		return rc;
	rc = ops_group_model(st, argv[optind], argv[optind + 1], by, &m, &e);
	store_close(st);
	if (rc)
		return cli_fail(&e);
	buf_init(&out, REPORT_MAX_BYTES);
	if (group_render_e(&m, format, lang, &out, &e) ||
	    (path ? file_write_atomic(path, out.data, out.len, &e)
		  : file_write_stdout(out.data, out.len, &e)))
		rc = cli_fail(&e);
	buf_release(&out);
	group_model_release(&m);
	return rc;
}
