#include "cli/cli.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct cli cli;

int cli_usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("cdcf: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return EXIT_USER;
}

int cli_fail(const struct err *e)
{
	fprintf(stderr, "cdcf: error: %s\n", e->msg[0] ? e->msg : "unknown error");
	return err_is_user(e->code) ? EXIT_USER : EXIT_INTERNAL;
}

int cli_open(struct store **st, int create)
{
	struct err e = ERR_INIT;
	const char *user = getenv("USER");

	if (store_open(st, cli.db_path, create, &e))
		return cli_fail(&e);
	store_set_actor(*st, user && *user ? user : "cli");
	return EXIT_OK;
}

int cli_print_json(json_t *doc)
{
	int rc = json_dumpf(doc, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

	json_decref(doc);
	fputc('\n', stdout);
	return rc ? EXIT_INTERNAL : EXIT_OK;
}

void cli_print_usage(const char *usage)
{
	fputs(usage, stdout);
}

void cli_opts_begin(void)
{
	optind = 0;
	opterr = 0;
}

int cli_next_opt(int argc, char **argv, const char *shortopts, const struct option *longopts,
		 const char *usage, const char **arg)
{
	int c = getopt_long(argc, argv, shortopts, longopts, NULL);

	*arg = optarg;
	if (c == 'h') {
		cli_print_usage(usage);
		exit(EXIT_OK);
	}
	if (c == '?' || c == ':') {
		/* getopt stays on a cluster ("-2+3 team") until its last letter */
		const char *bad = optind < argc && argv[optind][0] == '-' && optopt &&
					  strchr(argv[optind] + 1, optopt)
				      ? argv[optind]
				      : argv[optind - 1];
		cli_usage_error("unknown option or missing value in '%s' (a name that starts "
				"with '-' goes after '--')",
				bad);
		fputs(usage, stderr);
		return CLI_OPT_ERROR;
	}
	return c;
}

int cli_number_opt(const char *name, const char *arg, unsigned min, unsigned max, const char *unit,
		   unsigned *out)
{
	unsigned long v = 0;
	const char *p;

	for (p = arg; *p >= '0' && *p <= '9' && v <= max; p++)
		v = v * 10 + (unsigned long)(*p - '0');
	if (p == arg || *p || v < min || v > max)
		return cli_usage_error("--%s must be %u-%u%s%s, got '%s'", name, min, max,
				       *unit ? " " : "", unit, arg);
	*out = (unsigned)v;
	return 0;
}

int cli_json_opts(int argc, char **argv, const char *usage, int *json)
{
	static const struct option opts[] = {
	    {"json", no_argument, NULL, 'j'}, {"help", no_argument, NULL, 'h'}, {0}};
	const char *arg;
	int c;

	*json = 0;
	cli_opts_begin();
	while ((c = cli_next_opt(argc, argv, "h", opts, usage, &arg)) != -1) {
		if (c == CLI_OPT_ERROR)
			return EXIT_USER;
		if (c == 'j')
			*json = 1;
	}
	return 0;
}
