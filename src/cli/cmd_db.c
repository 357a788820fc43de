#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "cli/progress_bar.h"
#include "i18n/i18n.h"
#include "ops/ops_group.h"
#include "ops/ops_stats.h"
#include "ops/ops_survey.h"
#include "store/store_survey.h"

static const char usage[] =
    "usage: cdcf db stats [--check | --rebuild]\n"
    "       cdcf db migrate\n"
    "       cdcf db copy FROM TO\n\n"
    "migrate brings the database to this cdcf's schema (every command does it when\n"
    "it opens one; this says from which version to which). copy writes every row of\n"
    "the database FROM, as one snapshot taken while others write, into the new\n"
    "database TO (which must not exist or be empty), counting each table's rows\n"
    "against the source's; stopped or failed, it leaves nothing.\n\n"
    "stats: "
    "The figures kept for each portfolio (progress, overall current and target,\n"
    "gaps by level), which the lists of many organizations read instead of\n"
    "every portfolio. They are made again in the transaction that changes a\n"
    "portfolio's entries. --check (the default) recomputes every portfolio from\n"
    "its entries and compares, exit 1 listing the ones that differ; --rebuild\n"
    "makes them all again. The same for the figures kept for each survey\n"
    "(cdcf survey stats NAME does it for one survey) and for each group (an\n"
    "organization with subsidiaries: its subtree's scores counted, for its\n"
    "group view).\n";

#define DIFFS_SHOWN 20

/* "current 2.5 target 3.67 gaps 4 done 12/56" of s, or "none" when not kept. */
static void describe(char *out, size_t size, const struct portfolio_stats *s, int kept)
{
	if (!kept) {
		snprintf(out, size, "%s", tr(cli.lang, MSG_CLI_STATS_NONE_KEPT));
		return;
	}
	if (s->has_figures)
		snprintf(out, size, "current %.2f target %.2f gaps %zu done %zu/%zu", s->current,
			 s->target, s->n_gaps, s->progress.portfolio_done,
			 s->progress.portfolio_total);
	else
		snprintf(out, size, "no figures, gaps %zu done %zu/%zu", s->n_gaps,
			 s->progress.portfolio_done, s->progress.portfolio_total);
}

/* Check (or rebuild) the kept figures of every survey, a page of names at a time; the
 * differences on stderr. EXIT_OK, EXIT_USER when one differs, or the failure. */
static int surveys(struct store *st, int rebuild)
{
	struct survey *list = NULL;
	struct err e = ERR_INIT;
	size_t n = 0, i, done = 0;
	char *after = NULL, num[32];
	int rc = 0, differ = 0;

	do {
		rc = store_survey_list(st, after, 100, &list, &n, &e);
		for (i = 0; !rc && i < n; i++) {
			char *diff = NULL;
			rc = ops_survey_check(st, list[i].name, rebuild, &diff, &e);
			if (!rc && diff) {
				cli_printf(stderr, MSG_CLI_STATS_SURVEY_DIFFERS, list[i].name,
					   diff);
				fputc('\n', stderr);
				differ = 1;
			}
			free(diff);
			done++;
		}
		free(after);
		after = !rc && n ? strdup(list[n - 1].name) : NULL;
		survey_list_free(list, n);
		list = NULL;
	} while (!rc && n == 100);
	free(after);
	if (rc)
		return cli_fail(&e);
	if (differ)
		return EXIT_USER;
	if (done) {
		snprintf(num, sizeof(num), "%zu", done);
		cli_say(rebuild ? MSG_CLI_STATS_SURVEYS_REBUILT : MSG_CLI_STATS_SURVEYS_CHECKED,
			num);
	}
	return EXIT_OK;
}

/* Check (or rebuild) the kept figures of every group; the differences on stderr. */
static int groups(struct store *st, int rebuild)
{
	struct err e = ERR_INIT;
	char *diff = NULL, num[32];
	size_t n = 0;

	if (ops_group_check(st, rebuild, &n, &diff, &e))
		return cli_fail(&e);
	if (diff && !rebuild) {
		cli_printf(stderr, MSG_CLI_STATS_GROUPS_DIFFER, diff);
		free(diff);
		return EXIT_USER;
	}
	free(diff);
	snprintf(num, sizeof(num), "%zu", n);
	if (n) /* said only where there are groups, as for surveys */
		cli_say(rebuild ? MSG_CLI_STATS_GROUPS_REBUILT : MSG_CLI_STATS_GROUPS_CHECKED, num);
	return EXIT_OK;
}

static int check(struct store *st)
{
	struct ops_stats_diff *d = NULL;
	struct err e = ERR_INIT;
	size_t n = 0, checked = 0, i;
	char a[32], b[32], was[160], now[160];

	/* portfolios marked since the last commit (a write that bypassed cdcf) are made
	 * first: what is compared is what a commit keeps */
	if (ops_stats_update(st, &e) || ops_stats_check(st, DIFFS_SHOWN, &d, &n, &checked, &e))
		return cli_fail(&e);
	snprintf(b, sizeof(b), "%zu", checked);
	if (!n) {
		cli_say(MSG_CLI_STATS_CHECKED, b);
		return EXIT_OK;
	}
	snprintf(a, sizeof(a), "%zu", n);
	cli_printf(stderr, MSG_CLI_STATS_DIFFER, a, b);
	fputc('\n', stderr);
	for (i = 0; i < n; i++) {
		snprintf(a, sizeof(a), "%lld", d[i].portfolio_id);
		describe(was, sizeof(was), &d[i].was, d[i].kept);
		describe(now, sizeof(now), &d[i].now, 1);
		cli_printf(stderr, MSG_CLI_STATS_DIFF_LINE, a, was, now);
		fputc('\n', stderr);
	}
	free(d);
	return EXIT_USER;
}

static int rebuild(struct store *st)
{
	struct err e = ERR_INIT;
	struct cli_bar bar;
	size_t n = 0;
	char num[32];
	int rc;

	cli_bar_start(&bar, CLI_BAR_ITEMS, 0);
	rc = ops_stats_rebuild(st, &n, &bar.p, &e);
	cli_bar_end(&bar);
	if (rc)
		return cli_fail(&e);
	snprintf(num, sizeof(num), "%zu", n);
	cli_say(MSG_CLI_STATS_REBUILT, num);
	return EXIT_OK;
}

static int migrate(void)
{
	struct err e = ERR_INIT;
	struct store *st;
	int before = 0, rc;

	if (store_version(cli.db_path, &before, &e))
		return cli_fail(&e);
	if ((rc = cli_open(&st, 0)))
		return rc;
	store_close(st);
	if (before == STORE_SCHEMA_VERSION)
		cli_say(MSG_CLI_DB_CURRENT, cli.db_path, before);
	else
		cli_say(MSG_CLI_DB_MIGRATED, cli.db_path, before, STORE_SCHEMA_VERSION);
	return EXIT_OK;
}

static int copy(const char *from, const char *to)
{
	struct err e = ERR_INIT;
	struct cli_bar bar;
	size_t rows = 0;
	char num[32];
	int rc;

	progress_catch_signals(); /* stopped, it leaves nothing */
	cli_bar_start(&bar, CLI_BAR_ITEMS, 0);
	rc = store_copy(from, to, &bar.p, &rows, &e);
	cli_bar_end(&bar);
	if (rc)
		return cli_fail(&e);
	snprintf(num, sizeof(num), "%zu", rows);
	cli_say(MSG_CLI_DB_COPIED, num, from, to);
	return EXIT_OK;
}

int cmd_db(int argc, char **argv)
{
	static const struct option opts[] = {{"check", no_argument, NULL, 'c'},
					     {"rebuild", no_argument, NULL, 'r'},
					     {"help", no_argument, NULL, 'h'},
					     {0}};
	struct store *st;
	const char *arg;
	int ch, rc, do_rebuild = 0;

	if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		cli_print_usage(usage);
		return EXIT_OK;
	}
	if (argc == 2 && !strcmp(argv[1], "migrate"))
		return migrate();
	if (argc == 4 && !strcmp(argv[1], "copy"))
		return copy(argv[2], argv[3]);
	if (argc < 2 || strcmp(argv[1], "stats")) {
		fputs(usage, stderr);
		return EXIT_USER;
	}
	cli_opts_begin();
	while ((ch = cli_next_opt(argc - 1, argv + 1, "h", opts, usage, &arg)) != -1) {
		if (ch == CLI_OPT_ERROR)
			return EXIT_USER;
		if (ch == 'r')
			do_rebuild = 1;
	}
	if (optind != argc - 1) {
		fputs(usage, stderr);
		return EXIT_USER;
	}
	if (do_rebuild) /* caught from the start: a signal while the database is opened stops it */
		progress_catch_signals();
	if ((rc = cli_open(&st, 0)))
		return rc;
	rc = do_rebuild ? rebuild(st) : check(st);
	if (rc == EXIT_OK || rc == EXIT_USER) { /* the surveys too, whatever the portfolios said */
		int rs = surveys(st, do_rebuild);
		rc = rc != EXIT_OK ? rc : rs;
		rs = groups(st, do_rebuild);
		rc = rc != EXIT_OK ? rc : rs;
	}
	store_close(st);
	return rc;
}
