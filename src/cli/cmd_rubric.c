#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/level.h"
#include "io/framework_json.h"
#include "ops/ops.h"

static const char usage[] =
    "usage: cdcf rubric FRAMEWORK [--side insource|outsource] [--json]\n\n"
    "The criteria behind each score: for services, one rubric for in-house\n"
    "services and one for outsourced ones (X.1060 Table 3; cdcf applies it to\n"
    "the FIRST frameworks' services too); the readiness scale of a PSIRT's\n"
    "operational foundation; SIM3's maturity levels.\n"
    "Text follows --lang (en, ja); --json gives both languages.\n";

/* A scale: its heading (side, then the catalogue's title), its points. */
static void rubric_text(const struct rubric *r, const char *heading)
{
	const char *title = rubric_title(r, lang_code(cli.lang));
	int ja = cli.lang == LANG_JA;
	size_t i;

	if (heading && title)
		printf("%s: %s\n", heading, title);
	else
		printf("%s\n", heading ? heading : title ? title : "");
	for (i = 0; i < r->n_points; i++) {
		const struct rubric_point *p = &r->points[i];
		printf("  %d  %s\n", p->score,
		       ja && p->criterion_ja ? p->criterion_ja
		       : p->criterion_en     ? p->criterion_en
					     : "");
	}
	if (r->has_na)
		printf("  n/a  %s\n", ja && r->na_criterion_ja ? r->na_criterion_ja
				      : r->na_criterion_en     ? r->na_criterion_en
							       : "");
}

int cmd_rubric(int argc, char **argv)
{
	static const struct option opts[] = {{"side", required_argument, NULL, 's'},
					     {"json", no_argument, NULL, 'j'},
					     {"help", no_argument, NULL, 'h'},
					     {0}};
	const struct framework *fw;
	struct err e = ERR_INIT;
	const char *arg;
	int c, json = 0, side = -1, s, shown = 0;

	cli_opts_begin();
	while ((c = cli_next_opt(argc, argv, "h", opts, usage, &arg)) != -1) {
		if (c == CLI_OPT_ERROR)
			return EXIT_USER;
		if (c == 'j')
			json = 1;
		else if (c == 's' && (side = side_parse(arg)) < 0)
			return cli_error(MSG_E_OPS_SIDE_UNKNOWN, arg);
	}
	if (optind + 1 != argc)
		return cli_error(MSG_CLI_E_RUBRIC_ARGS);
	if (ops_framework(argv[optind], &fw, &e))
		return cli_fail(&e);
	if (json) {
		json_t *doc = json_object();
		json_object_set_new(doc, "framework", json_string(fw->id));
		for (s = 0; s < SIDE_COUNT; s++)
			if (side < 0 || side == s)
				json_object_set_new(doc, side_name(s), rubric_json(&fw->rubric[s]));
		if (side < 0)
			json_object_set_new(doc, "scales", framework_scales_json(fw));
		return cli_print_json(doc);
	}
	for (s = 0; s < SIDE_COUNT; s++) {
		if ((side >= 0 && side != s) ||
		    (side < 0 && !assessment_has_sides(fw->custom_assessment)))
			continue; /* SIM3: parameters have no sides */
		if (shown++)
			putchar('\n');
		rubric_text(&fw->rubric[s], tr(cli.lang, s == SIDE_INSOURCE ? MSG_SIDE_INSOURCE
									    : MSG_SIDE_OUTSOURCE));
	}
	for (s = ASSESS_SERVICE; side < 0 && s < ASSESS_COUNT; s++) {
		if (assessment_has_sides(s) || !fw->scale[s].n_points)
			continue;
		if (shown++)
			putchar('\n');
		rubric_text(&fw->scale[s], NULL);
	}
	return EXIT_OK;
}
