#include <getopt.h>
#include <stdio.h>

#include "cli/cli.h"
#include "core/score.h"
#include "ops/ops.h"
#include "util/date.h"

static const char usage[] = "usage: cdcf status ORG FRAMEWORK [--json]\n\n"
			    "Progress of the three build phases: catalogue (services given a\n"
			    "level), profile (selected services assigned), portfolio (selected\n"
			    "services scored), with the open cycle, open actions and the\n"
			    "planned date of the next evaluation.\n";

/* "next evaluation: 2027-04-30 (in 159 days)", "... (3 days overdue)", or not planned. */
static void print_next_evaluation(const char *date)
{
	char now[32];
	long days;

	fputs("  ", stdout);
	if (!date) {
		cli_say(MSG_CLI_STATUS_NOT_PLANNED);
		return;
	}
	if (!date_valid(date)) {
		cli_say(MSG_CLI_STATUS_NEXT, date);
		return;
	}
	store_now(now);
	now[DATE_LEN] = '\0';
	days = date_valid(now) ? date_days_between(now, date) : 0;
	if (days > 0)
		cli_say(days == 1 ? MSG_CLI_STATUS_IN_DAY : MSG_CLI_STATUS_IN_DAYS, date, days);
	else if (days < 0)
		cli_say(days == -1 ? MSG_CLI_STATUS_OVERDUE_DAY : MSG_CLI_STATUS_OVERDUE_DAYS, date,
			-days);
	else
		cli_say(MSG_CLI_STATUS_TODAY, date);
}

/* "  2. Service profile               12 / 32  (37%)": the name padded by display width. */
static void print_phase(int n, enum msg_id name, size_t done, size_t total)
{
	printf("  %d. ", n);
	cli_cell(tr(cli.lang, name), 28);
	if (!total) { /* e.g. the profile of SIM3: parameters are never assigned */
		fputs("   ", stdout);
		cli_say(MSG_CLI_PHASE_NOTHING);
		return;
	}
	printf(" %3zu / %-3zu (%u%%)\n", done, total, score_percent(done, total));
}

int cmd_status(int argc, char **argv)
{
	struct err e = ERR_INIT;
	struct store *st;
	struct portfolio p;
	struct progress pr;
	struct action *acts = NULL;
	size_t n_acts = 0;
	int json = 0, rc;

	if (cli_json_opts(argc, argv, usage, &json))
		return EXIT_USER;
	if (optind + 2 != argc)
		return cli_error(MSG_CLI_E_NEEDS_ORG_FW, "status");
	if ((rc = cli_open(&st, 0)))
		return rc;
	portfolio_init(&p);
	if (ops_load(st, argv[optind], argv[optind + 1], &p, &e) ||
	    store_action_list(st, p.id, "open", &acts, &n_acts, &e)) {
		rc = cli_fail(&e);
		goto out;
	}
	score_progress(&p, &pr);
	if (json) {
		rc = cli_print_json(json_pack(
		    "{s:s, s:s, s:i, s:{s:I, s:I}, s:{s:I, s:I}, s:{s:I, s:I}, s:I, s:s?}",
		    "organization", p.org_name, "framework", p.framework_id, "cycle", p.cycle,
		    "catalogue", "done", (json_int_t)pr.catalogue_done, "total",
		    (json_int_t)pr.catalogue_total, "profile", "done", (json_int_t)pr.profile_done,
		    "total", (json_int_t)pr.profile_total, "portfolio", "done",
		    (json_int_t)pr.portfolio_done, "total", (json_int_t)pr.portfolio_total,
		    "open_actions", (json_int_t)n_acts, "next_evaluation", p.next_evaluation));
		goto out;
	}
	printf("%s — %s, %s %d\n", p.org_name, p.framework_id, tr(cli.lang, MSG_CYCLE), p.cycle);
	print_phase(1, MSG_CATALOGUE, pr.catalogue_done, pr.catalogue_total);
	print_phase(2, MSG_PROFILE, pr.profile_done, pr.profile_total);
	print_phase(3, MSG_PORTFOLIO, pr.portfolio_done, pr.portfolio_total);
	fputs("  ", stdout);
	cli_say(MSG_CLI_STATUS_OPEN_ACTIONS, n_acts);
	print_next_evaluation(p.next_evaluation);
out:
	action_list_free(acts, n_acts);
	portfolio_release(&p);
	store_close(st);
	return rc;
}
