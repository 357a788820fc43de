#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/score.h"
#include "ops/ops_coverage.h"

static const char usage[] =
    "usage: cdcf coverage ORG FRAMEWORK --against OTHER [--json]\n\n"
    "How ORG's assessed FRAMEWORK portfolio covers the services of OTHER,\n"
    "through the shipped mapping between the two (cdcf mapping list): per\n"
    "service of OTHER, covered, partly covered or not covered, with the mapped\n"
    "services of the portfolio that justify it, their relationship and state.\n";

/* The name of a service of the portfolio's framework, or "". */
static const char *source_name(const struct ops_coverage *c, const char *ref, const char *lang)
{
	int i = c->p.fw ? framework_find(c->p.fw, ref) : -1;

	return i < 0 ? "" : fw_node_name(&c->p.fw->nodes[i], lang);
}

static json_t *figure_json(const struct coverage_source *s, double v)
{
	return s->has_figures ? json_real(score_round(v)) : json_null();
}

static int print_json(const struct ops_coverage *c, const char *org)
{
	const struct coverage *cov = &c->cov;
	json_t *doc = json_object(), *nodes = json_array(), *totals = json_object(), *m, *o, *srcs;
	size_t i, k;
	int s;

	json_object_set_new(doc, "organization", json_string(org));
	json_object_set_new(doc, "framework", json_string(c->p.framework_id));
	json_object_set_new(doc, "against", json_string(c->other->id));
	m = json_object();
	json_object_set_new(m, "id", json_string(c->mapping->id));
	json_object_set_new(m, "judgement", json_string(c->mapping->ours ? "cdcf" : "imported"));
	json_object_set_new(doc, "mapping", m);
	json_object_set_new(doc, "rule", json_string(tr(LANG_EN, MSG_COVERAGE_RULE)));
	for (i = 0; i < cov->n_nodes; i++) {
		const struct coverage_node *n = &cov->nodes[i];
		const struct fw_node *fn = &c->other->nodes[n->node];
		o = json_object();
		json_object_set_new(o, "ref", json_string(fn->ref_id));
		json_object_set_new(o, "name", json_string(fn->name_en));
		json_object_set_new(o, "status", json_string(coverage_status_name(n->status)));
		srcs = json_array();
		for (k = 0; k < n->n_sources; k++) {
			const struct coverage_source *src = &n->sources[k];
			json_t *so = json_object();
			json_object_set_new(so, "ref", json_string(src->ref));
			json_object_set_new(so, "relationship",
					    json_string(mapping_rel_name(src->rel)));
			json_object_set_new(so, "state",
					    json_string(source_state_name(src->state)));
			json_object_set_new(so, "current", figure_json(src, src->current));
			json_object_set_new(so, "target", figure_json(src, src->target));
			json_object_set_new(so, "rationale", json_string(src->rationale));
			json_array_append_new(srcs, so);
		}
		json_object_set_new(o, "sources", srcs);
		json_array_append_new(nodes, o);
	}
	json_object_set_new(doc, "nodes", nodes);
	for (s = COVER_FULL; s >= 0; s--)
		json_object_set_new(totals, coverage_status_name(s),
				    json_integer((json_int_t)cov->count[s]));
	json_object_set_new(doc, "totals", totals);
	return cli_print_json(doc);
}

static void print_text(const struct ops_coverage *c, const char *org)
{
	const struct coverage *cov = &c->cov;
	const char *lang = lang_code(cli.lang);
	const struct mapping_set *m = c->mapping;
	size_t i, k;

	cli_printf(stdout, MSG_COVERAGE_TITLE, framework_name(c->other, lang), c->p.framework_id,
		   org);
	putchar('\n');
	cli_printf(stdout, MSG_COVERAGE_MAPPING,
		   cli.lang == LANG_JA && m->name_ja ? m->name_ja : m->name_en);
	putchar('\n');
	printf("%s\n\n", tr(cli.lang, MSG_COVERAGE_RULE));
	for (i = 0; i < cov->n_nodes; i++) {
		const struct coverage_node *n = &cov->nodes[i];
		const struct fw_node *fn = &c->other->nodes[n->node];
		cli_cell(fn->ref_id, 8);
		putchar(' ');
		cli_cell(fw_node_name(fn, lang), 48);
		printf(" %s\n", tr(cli.lang, ops_cover_status_word[n->status]));
		if (!n->n_sources)
			printf("         %s\n", tr(cli.lang, MSG_COVER_NO_MAPPING));
		for (k = 0; k < n->n_sources; k++) {
			const struct coverage_source *src = &n->sources[k];
			printf("         ");
			cli_cell(src->ref, 6);
			putchar(' ');
			cli_cell(source_name(c, src->ref, lang), 40);
			putchar(' ');
			cli_cell(tr(cli.lang, ops_cover_rel_word[src->rel]), 12);
			printf(" %s", tr(cli.lang, ops_cover_state_word[src->state]));
			if (src->has_figures)
				printf(" (%g \xE2\x86\x92 %g)", score_round(src->current),
				       score_round(src->target));
			putchar('\n');
		}
	}
	putchar('\n');
	cli_printf(stdout, MSG_COVERAGE_TOTALS, cov->count[COVER_FULL], cov->count[COVER_PARTLY],
		   cov->count[COVER_NONE], cov->n_nodes);
	putchar('\n');
}

int cmd_coverage(int argc, char **argv)
{
	static const struct option opts[] = {{"against", required_argument, NULL, 'a'},
					     {"json", no_argument, NULL, 'j'},
					     {"help", no_argument, NULL, 'h'},
					     {0}};
	struct ops_coverage c;
	struct err e = ERR_INIT;
	struct store *st;
	const char *arg, *other = NULL;
	int ch, rc, json = 0;

	cli_opts_begin();
	while ((ch = cli_next_opt(argc, argv, "h", opts, usage, &arg)) != -1) {
		if (ch == CLI_OPT_ERROR)
			return EXIT_USER;
		if (ch == 'a')
			other = arg;
		if (ch == 'j')
			json = 1;
	}
	if (optind + 2 != argc || !other) {
		fputs(usage, stderr);
		return EXIT_USER;
	}
	if ((rc = cli_open(&st, 0)))
		return rc;
	if (ops_coverage(st, argv[optind], argv[optind + 1], other, &c, &e)) {
		store_close(st);
		return cli_fail(&e);
	}
	if (json)
		rc = print_json(&c, argv[optind]);
	else
		print_text(&c, argv[optind]);
	ops_coverage_release(&c);
	store_close(st);
	return rc;
}
