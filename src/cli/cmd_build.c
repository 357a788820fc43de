/*
 * The build process from the command line: portfolio, select (catalogue),
 * service (custom services), assign (profile), score (portfolio).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/level.h"
#include "io/catalog.h"
#include "ops/ops.h"

/* Run fn with an open store; map its error to the exit code. */
#define WITH_STORE(st, call)                                                                       \
	do {                                                                                       \
		int rc_ = cli_open(&(st), 0);                                                      \
		if (rc_)                                                                           \
			return rc_;                                                                \
		rc_ = (call) ? cli_fail(&e) : EXIT_OK;                                             \
		store_close(st);                                                                   \
		if (rc_)                                                                           \
			return rc_;                                                                \
	} while (0)

static const char portfolio_usage[] =
    "usage: cdcf portfolio new ORG FRAMEWORK [--preset NAME]\n"
    "       cdcf portfolio list ORG [--json]\n"
    "       cdcf portfolio presets FRAMEWORK\n"
    "       cdcf portfolio schedule ORG FRAMEWORK YYYY-MM-DD|none\n\n"
    "A portfolio is one organization's catalogue, profile and scores for one\n"
    "framework. A starter preset (cdcf's suggestion, not the standard's) fills in\n"
    "recommendation levels you can then edit. schedule plans the date of the\n"
    "next evaluation (X.1060 leaves the timing to the organization); none\n"
    "clears it. Closing a cycle clears it too, unless 'evaluate --next' sets\n"
    "the following one.\n";

static int presets(const char *fw_id)
{
	const struct framework *fw;
	struct err e = ERR_INIT;
	size_t i;

	if (ops_framework(fw_id, &fw, &e))
		return cli_fail(&e);
	if (!fw->n_presets)
		cli_say(MSG_CLI_NO_PRESETS, fw_id);
	for (i = 0; i < fw->n_presets; i++) {
		const struct preset *p = &fw->presets[i];
		const char *desc = preset_description(p, lang_code(cli.lang));
		cli_cell(p->id, 12);
		printf(" %s\n             %s\n", preset_name(p, lang_code(cli.lang)),
		       desc ? desc : "");
	}
	return EXIT_OK;
}

/* "x1060-2021       cycle 2  next evaluation 2027-03-31" */
static void portfolio_line(const struct portfolio_ref *r)
{
	cli_cell(r->framework_id, 16);
	putchar(' ');
	if (r->next_evaluation)
		cli_say(MSG_CLI_PORTFOLIO_CYCLE_NEXT, r->cycle, r->next_evaluation);
	else
		cli_say(MSG_CLI_PORTFOLIO_CYCLE, r->cycle);
}

static int portfolio_list(const char *org_name, int json)
{
	struct err e = ERR_INIT;
	struct store *st;
	struct org o = {0};
	struct portfolio_ref *list = NULL;
	size_t n = 0, i;
	int rc;

	if ((rc = cli_open(&st, 0)))
		return rc;
	if (store_org_find(st, org_name, &o, &e) || store_portfolio_list(st, o.id, &list, &n, &e)) {
		rc = cli_fail(&e);
	} else {
		json_t *arr = json_array();
		for (i = 0; i < n; i++) {
			if (json)
				json_array_append_new(
				    arr, json_pack("{s:s, s:i, s:s, s:s?}", "framework",
						   list[i].framework_id, "cycle", list[i].cycle,
						   "created_at", list[i].created_at,
						   "next_evaluation", list[i].next_evaluation));
			else
				portfolio_line(&list[i]);
		}
		rc = json ? cli_print_json(arr) : (json_decref(arr), EXIT_OK);
	}
	portfolio_ref_list_free(list, n);
	org_release(&o);
	store_close(st);
	return rc;
}

int cmd_portfolio(int argc, char **argv)
{
	static const struct option opts[] = {{"preset", required_argument, NULL, 'p'},
					     {"json", no_argument, NULL, 'j'},
					     {"help", no_argument, NULL, 'h'},
					     {0}};
	struct err e = ERR_INIT;
	struct store *st;
	const char *arg, *preset = NULL;
	int c, json = 0;

	cli_opts_begin();
	while ((c = cli_next_opt(argc, argv, "h", opts, portfolio_usage, &arg)) != -1) {
		if (c == CLI_OPT_ERROR)
			return EXIT_USER;
		if (c == 'p')
			preset = arg;
		else if (c == 'j')
			json = 1;
	}
	argc -= optind;
	argv += optind;
	if (argc == 3 && !strcmp(argv[0], "new")) {
		WITH_STORE(st, ops_portfolio_new(st, argv[1], argv[2], preset, &e));
		if (preset)
			cli_say(MSG_CLI_PORTFOLIO_STARTED_PRESET, argv[2], argv[1], preset);
		else
			cli_say(MSG_CLI_PORTFOLIO_STARTED, argv[2], argv[1]);
		return EXIT_OK;
	}
	if (argc == 2 && !strcmp(argv[0], "list"))
		return portfolio_list(argv[1], json);
	if (argc == 2 && !strcmp(argv[0], "presets"))
		return presets(argv[1]);
	if (argc == 4 && !strcmp(argv[0], "schedule")) {
		const char *date = strcmp(argv[3], "none") ? argv[3] : NULL;
		WITH_STORE(st, ops_schedule_evaluation(st, argv[1], argv[2], date, &e));
		if (date)
			cli_say(MSG_CLI_SCHEDULED, argv[2], argv[1], date);
		else
			cli_say(MSG_CLI_UNSCHEDULED, argv[2], argv[1]);
		return EXIT_OK;
	}
	fputs(portfolio_usage, stderr);
	return EXIT_USER;
}

static const char select_usage[] =
    "usage: cdcf select ORG FRAMEWORK REF... --level LEVEL\n\n"
    "Catalogue: give services a recommendation level (X.1060 Table 1):\n"
    "  not_required  judged unnecessary for this organization\n"
    "  basic         the minimum every organization should implement\n"
    "  standard      generally recommended\n"
    "  advanced      needed for a high-level CDC cycle\n"
    "  optional      chosen freely according to the CDC's form\n";

int cmd_select(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"level", required_argument, NULL, 'l'}, {"help", no_argument, NULL, 'h'}, {0}};
	struct err e = ERR_INIT;
	struct store *st;
	const char *arg, *level = NULL;
	int c;

	cli_opts_begin();
	while ((c = cli_next_opt(argc, argv, "h", opts, select_usage, &arg)) != -1) {
		if (c == CLI_OPT_ERROR)
			return EXIT_USER;
		if (c == 'l')
			level = arg;
	}
	argc -= optind;
	argv += optind;
	if (argc < 3)
		return cli_error(MSG_CLI_E_SELECT_ARGS);
	if (!level)
		return cli_error(MSG_CLI_E_SELECT_LEVEL);
	WITH_STORE(st, ops_select(st, argv[0], argv[1], (const char *const *)argv + 2,
				  (size_t)argc - 2, level, &e));
	cli_say(argc == 3 ? MSG_CLI_SELECTED_ONE : MSG_CLI_SELECTED, argc - 2,
		cli_key(level,
			level_parse(level) >= 0 ? tr_level(cli.lang, level_parse(level)) : NULL));
	return EXIT_OK;
}

static const char service_usage[] =
    "usage: cdcf service add ORG FRAMEWORK REF NAME --category REF [--name-ja NAME] [--level "
    "LEVEL]\n"
    "       cdcf service remove ORG FRAMEWORK REF\n\n"
    "Add a service of your own that the framework lacks, under one of its\n"
    "categories. It enters the catalogue at --level (default standard).\n"
    "Remove takes a service (shipped or custom) out of the catalogue, unlike\n"
    "the level not_required: its values stay in the audit log and in closed\n"
    "cycles. A service with open improvement actions is not removed.\n";

int cmd_service(int argc, char **argv)
{
	static const struct option opts[] = {{"category", required_argument, NULL, 'c'},
					     {"name-ja", required_argument, NULL, 'J'},
					     {"level", required_argument, NULL, 'l'},
					     {"help", no_argument, NULL, 'h'},
					     {0}};
	struct err e = ERR_INIT;
	struct store *st;
	const char *arg, *category = NULL, *name_ja = NULL, *level = NULL;
	int c;

	cli_opts_begin();
	while ((c = cli_next_opt(argc, argv, "h", opts, service_usage, &arg)) != -1) {
		if (c == CLI_OPT_ERROR)
			return EXIT_USER;
		if (c == 'c')
			category = arg;
		else if (c == 'J')
			name_ja = arg;
		else if (c == 'l')
			level = arg;
	}
	argc -= optind;
	argv += optind;
	if (argc == 4 && !strcmp(argv[0], "remove")) {
		WITH_STORE(st, ops_service_remove(st, argv[1], argv[2], argv[3], -1, &e));
		cli_say(MSG_CLI_SERVICE_REMOVED, argv[3], argv[1]);
		return EXIT_OK;
	}
	if (argc != 5 || strcmp(argv[0], "add")) {
		fputs(service_usage, stderr);
		return EXIT_USER;
	}
	if (!category)
		return cli_error(MSG_CLI_E_SERVICE_CATEGORY);
	WITH_STORE(st, ops_service_add(st, argv[1], argv[2], argv[3], argv[4], name_ja, category,
				       level, &e));
	cli_say(MSG_CLI_SERVICE_ADDED, argv[3], argv[1]);
	return EXIT_OK;
}

static const char assign_usage[] =
    "usage: cdcf assign ORG FRAMEWORK REF (--insource TEAM | --outsource PROVIDER |\n"
    "                                      --hybrid TEAM PROVIDER | --unassigned)\n\n"
    "Profile: decide who provides a selected service.\n";

int cmd_assign(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"insource", required_argument, NULL, 'i'}, {"outsource", required_argument, NULL, 'o'},
	    {"hybrid", required_argument, NULL, 'y'},	{"unassigned", no_argument, NULL, 'u'},
	    {"help", no_argument, NULL, 'h'},		{0}};
	struct err e = ERR_INIT;
	struct store *st;
	const char *arg, *team = NULL, *provider = NULL, *mode = NULL, *shown;
	int c, modes = 0, advice = OPS_NO_ADVICE;

	cli_opts_begin();
	while ((c = cli_next_opt(argc, argv, "h", opts, assign_usage, &arg)) != -1) {
		if (c == CLI_OPT_ERROR)
			return EXIT_USER;
		modes++;
		if (c == 'i') {
			mode = "insource";
			team = arg;
		} else if (c == 'o') {
			mode = "outsource";
			provider = arg;
		} else if (c == 'y') {
			mode = "hybrid";
			team = arg;
		} else if (c == 'u') {
			mode = "unassigned";
		}
	}
	argc -= optind;
	argv += optind;
	if (modes != 1)
		return cli_error(MSG_CLI_E_ASSIGN_MODE);
	if (!strcmp(mode, "hybrid")) {
		if (argc != 4)
			return cli_error(MSG_CLI_E_HYBRID_ARGS);
		provider = argv[3];
		argc--;
	}
	if (argc != 3)
		return cli_error(MSG_CLI_E_NEEDS_ORG_FW_REF, "assign");
	WITH_STORE(
	    st, ops_assign(st, argv[0], argv[1], argv[2], mode, team, provider, -1, &advice, &e));
	shown = cli_key(mode, tr_assignment(cli.lang, assignment_parse(mode)));
	if (team && provider)
		cli_say(MSG_CLI_ASSIGNED_HYBRID, argv[2], shown, team, provider);
	else if (team || provider)
		cli_say(MSG_CLI_ASSIGNED_TO, argv[2], shown, team ? team : provider);
	else
		cli_say(MSG_CLI_ASSIGNED, argv[2], shown);
	if (advice != OPS_NO_ADVICE)
		cli_warn((enum msg_id)advice);
	return EXIT_OK;
}

static const char score_usage[] =
    "usage: cdcf score ORG FRAMEWORK REF [--side insource|outsource]\n"
    "                  [--current N|na] [--target N|na] [--note TEXT]\n\n"
    "Portfolio: the current and target score of one side of a service, on the\n"
    "framework's rubric ('cdcf rubric FRAMEWORK' shows the criteria). An in-house\n"
    "service is scored on its insource side, an outsourced one on its outsource\n"
    "side, a hybrid one on both (--side says which). A readiness component (the\n"
    "PSIRT operational foundation) or a maturity parameter (SIM3) has one score\n"
    "on its own scale and no side; so has, in effect, an in-house or outsourced\n"
    "service: --side may be left out for them.\n";

/* How ref of framework fw_id is assessed (a service when unknown). */
static enum assessment assessment_of(const char *fw_id, const char *ref)
{
	const struct framework *fw = catalog_get(fw_id);

	return fw ? framework_ref_assessment(fw, ref) : ASSESS_SERVICE;
}

int cmd_score(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"side", required_argument, NULL, 's'},   {"current", required_argument, NULL, 'c'},
	    {"target", required_argument, NULL, 't'}, {"note", required_argument, NULL, 'n'},
	    {"help", no_argument, NULL, 'h'},	      {0}};
	struct err e = ERR_INIT;
	struct store *st;
	const char *arg, *side = NULL, *current = NULL, *target = NULL, *note = NULL, *shown;
	int c, used = SIDE_INSOURCE, model;

	cli_opts_begin();
	while ((c = cli_next_opt(argc, argv, "h", opts, score_usage, &arg)) != -1) {
		if (c == CLI_OPT_ERROR)
			return EXIT_USER;
		if (c == 's')
			side = arg;
		else if (c == 'c')
			current = arg;
		else if (c == 't')
			target = arg;
		else if (c == 'n')
			note = arg;
	}
	argc -= optind;
	argv += optind;
	if (argc != 3)
		return cli_error(MSG_CLI_E_NEEDS_ORG_FW_REF, "score");
	WITH_STORE(st, ops_score(st, argv[0], argv[1], argv[2], side, current, target, note, -1,
				 &used, &e));
	model = assessment_of(argv[1], argv[2]);
	if (!assessment_has_sides(model))
		shown = tr(cli.lang, model == ASSESS_PARAMETER ? MSG_CLI_SCORE_PARAMETER
							       : MSG_CLI_SCORE_READINESS);
	else
		shown = cli_key(side_name(used),
				tr_assignment(cli.lang, used == SIDE_OUTSOURCE ? ASSIGN_OUTSOURCE
									       : ASSIGN_INSOURCE));
	if (current && target)
		cli_say(MSG_CLI_SCORED_BOTH, argv[2], shown, current, target);
	else if (current)
		cli_say(MSG_CLI_SCORED_CURRENT, argv[2], shown, current);
	else if (target)
		cli_say(MSG_CLI_SCORED_TARGET, argv[2], shown, target);
	else
		cli_say(MSG_CLI_SCORED, argv[2], shown);
	return EXIT_OK;
}
