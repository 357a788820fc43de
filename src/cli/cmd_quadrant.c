/*
 * cmd_quadrant.c - `cdcf quadrant`: an organization's own positions of
 * services on the procurement quadrant (ops_quadrant.h), and the list of
 * where each service of a portfolio stands and whose position that is.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/level.h"
#include "ops/ops_quadrant.h"

static const char quadrant_usage[] =
    "usage: cdcf quadrant ORG FRAMEWORK [--json]\n"
    "       cdcf quadrant ORG FRAMEWORK REF --skill N --information N\n"
    "       cdcf quadrant ORG FRAMEWORK REF --reset\n\n"
    "Where the services of a portfolio stand on X.1060's procurement quadrant:\n"
    "skill needed (0 little .. 100 highly specialist) and information handled\n"
    "(0 the organization's own .. 100 external), whole numbers. The catalogue\n"
    "gives a position (cdcf's judgement) to every shipped service; an\n"
    "organization may move any service for itself and place its custom\n"
    "services, and --reset puts a service back at the catalogue's position.\n"
    "--json gives positions as framework show does: 0..1 on both axes.\n";

/* Where en stands: its own position (1), the catalogue's (0), or none (-1). */
static int where(const struct portfolio *p, const struct entry *en, int *skill, int *info)
{
	int i = en->custom || !p->fw ? -1 : framework_find(p->fw, en->ref_id);

	if (en->placed) {
		*skill = en->place.skill;
		*info = en->place.info;
		return 1;
	}
	if (i >= 0 && p->fw->nodes[i].quadrant.skill >= 0) {
		*skill = p->fw->nodes[i].quadrant.skill;
		*info = p->fw->nodes[i].quadrant.info;
		return 0;
	}
	return -1;
}

static const char *source_key(int w)
{
	return w > 0 ? "organization" : w == 0 ? "catalogue" : NULL;
}

static int list(const char *org, const char *fw_id, int json)
{
	struct err e = ERR_INIT;
	struct portfolio p;
	struct store *st;
	json_t *arr = NULL;
	size_t i;
	int rc;

	rc = cli_open(&st, 0);
	if (rc)
		return rc;
	portfolio_init(&p);
	if (ops_load(st, org, fw_id, &p, &e)) {
		store_close(st);
		return cli_fail(&e);
	}
	store_close(st);
	if (json)
		arr = json_array();
	for (i = 0; i < p.n_entries; i++) {
		const struct entry *en = &p.entries[i];
		int skill = 0, info = 0, w = where(&p, en, &skill, &info);
		if (!entry_has_sides(en) || en->part)
			continue; /* the team's own, or a function: not procured */
		if (json) {
			json_array_append_new(
			    arr, json_pack("{s:s, s:s, s:o, s:s?}", "ref", en->ref_id, "level",
					   level_name(en->level), "quadrant",
					   w < 0 ? json_null()
						 : json_pack("{s:f, s:f}", "skill", skill / 100.0,
							     "information", info / 100.0),
					   "source", source_key(w)));
			continue;
		}
		cli_cell(en->ref_id, 10);
		if (w < 0) {
			printf(" %5s %5s  ", "-", "-");
			cli_say(MSG_QUAD_SRC_NONE);
		} else {
			printf(" %5d %5d  ", skill, info);
			cli_say(w ? MSG_QUAD_SRC_OWN : MSG_QUAD_SRC_CATALOGUE);
		}
	}
	portfolio_release(&p);
	if (json)
		return cli_print_json(json_pack("{s:s, s:s, s:o}", "organization", org, "framework",
						fw_id, "services", arr));
	return EXIT_OK;
}

int cmd_quadrant(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"skill", required_argument, NULL, 's'}, {"information", required_argument, NULL, 'i'},
	    {"reset", no_argument, NULL, 'r'},	     {"json", no_argument, NULL, 'j'},
	    {"help", no_argument, NULL, 'h'},	     {0}};
	struct ops_position pos = {0};
	struct err e = ERR_INIT;
	struct store *st;
	const char *arg;
	size_t changed = 0;
	int c, json = 0, rc;

	cli_opts_begin();
	while ((c = cli_next_opt(argc, argv, "h", opts, quadrant_usage, &arg)) != -1) {
		if (c == CLI_OPT_ERROR)
			return EXIT_USER;
		if (c == 's')
			pos.skill = arg;
		else if (c == 'i')
			pos.information = arg;
		else if (c == 'r')
			pos.reset = 1;
		else if (c == 'j')
			json = 1;
	}
	argc -= optind;
	argv += optind;
	if (argc == 2 && !pos.skill && !pos.information && !pos.reset)
		return list(argv[0], argv[1], json);
	if (argc != 3)
		return cli_error(MSG_CLI_E_NEEDS_ORG_FW_REF, "quadrant");
	if (pos.reset ? pos.skill || pos.information : !pos.skill || !pos.information)
		return cli_error(MSG_CLI_QUAD_E_OPTIONS);
	pos.ref = argv[2];
	rc = cli_open(&st, 0);
	if (rc)
		return rc;
	rc = ops_quadrant_save(st, argv[0], argv[1], &pos, 1, &changed, &e);
	store_close(st);
	if (rc)
		return cli_fail(&e);
	if (!changed)
		cli_say(MSG_CLI_QUAD_UNCHANGED, pos.ref);
	else if (pos.reset)
		cli_say(MSG_CLI_QUAD_RESET, pos.ref);
	else
		cli_say(MSG_CLI_QUAD_MOVED, pos.ref, pos.skill, pos.information);
	return EXIT_OK;
}
