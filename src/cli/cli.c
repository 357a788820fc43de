#include "cli/cli.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/catalog_import.h"
#include "report/text_width.h"

struct cli cli;

enum lang cli_lang(void)
{
	return cli.lang;
}

enum lang cli_env_lang(void)
{
	static const char *const locale_vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
	const char *v = getenv("CDCF_LANG");
	size_t i;

	if (v && *v && lang_parse(v) >= 0)
		return (enum lang)lang_parse(v);
	for (i = 0; i < sizeof(locale_vars) / sizeof(locale_vars[0]); i++) {
		v = getenv(locale_vars[i]);
		if (v && *v)
			return !strncmp(v, "ja", 2) ? LANG_JA : LANG_EN;
	}
	return LANG_EN;
}

/* "cdcf: error: " in the CLI's language. */
static void error_frame(void)
{
	fprintf(stderr, "cdcf: %s: ", tr(cli.lang, MSG_CLI_ERROR));
}

/* Message id of the tables in the CLI's language, formatted with ap. The format is a
 * message of i18n/, never input. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static void say(FILE *f, enum msg_id id, va_list ap)
{
	vfprintf(f, tr(cli.lang, id), ap);
}
#pragma GCC diagnostic pop

void cli_printf(FILE *f, enum msg_id id, ...)
{
	va_list ap;

	va_start(ap, id);
	say(f, id, ap);
	va_end(ap);
}

void cli_say(enum msg_id id, ...)
{
	va_list ap;

	va_start(ap, id);
	say(stdout, id, ap);
	va_end(ap);
	fputc('\n', stdout);
}

void cli_note(enum msg_id id, ...)
{
	va_list ap;

	va_start(ap, id);
	say(stderr, id, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void cli_warn(enum msg_id id, ...)
{
	va_list ap;

	fprintf(stderr, "cdcf: %s: ", tr(cli.lang, MSG_CLI_WARNING));
	va_start(ap, id);
	say(stderr, id, ap);
	va_end(ap);
	fputc('\n', stderr);
}

const char *cli_key(const char *key, const char *word)
{
	return cli.lang == LANG_EN || !word ? key : word;
}

void cli_cell(const char *s, size_t cols)
{
	size_t w = text_width(s);

	fputs(s, stdout);
	for (; w < cols; w++)
		fputc(' ', stdout);
}

int cli_error(enum msg_id id, ...)
{
	struct err e = ERR_INIT;
	va_list ap;

	va_start(ap, id);
	err_vfail(&e, ERR_INVALID, NULL, id, ap);
	va_end(ap);
	return cli_fail(&e);
}

/* The command a message calls for on the command line, appended to it there (the
 * web and the API name no commands). */
static const enum msg_id hints[][2] = {
    {MSG_E_DB_MISSING, MSG_CLI_HINT_INIT},
    {MSG_E_DB_EMPTY, MSG_CLI_HINT_INIT},
    {MSG_E_NO_PORTFOLIO, MSG_CLI_HINT_PORTFOLIO_NEW},
    {MSG_E_UNKNOWN_FRAMEWORK, MSG_CLI_HINT_FRAMEWORKS},
};

int cli_fail(const struct err *e)
{
	char text[ERR_WHERE_MAX + ERR_MSG_MAX];
	const char *hint = "";
	size_t i;

	for (i = 0; e->code && i < sizeof(hints) / sizeof(hints[0]); i++)
		if (e->id == hints[i][0])
			hint = tr(cli.lang, hints[i][1]);
	err_text(e, cli.lang, text, sizeof(text));
	error_frame();
	fprintf(stderr, "%s%s\n", text[0] ? text : tr(cli.lang, MSG_E_UNKNOWN), hint);
	if (e->code == ERR_INTERRUPTED)
		return EXIT_INTERRUPTED;
	return err_is_user(e->code) ? EXIT_USER : EXIT_INTERNAL;
}

int cli_open(struct store **st, int create)
{
	struct err e = ERR_INIT;
	const char *user = getenv("USER");

	if (store_open(st, cli.db_path, create, &e))
		return cli_fail(&e);
	store_set_actor(*st, user && *user ? user : "cli");
	/* frameworks imported into this database; one that no longer reads does not stop
	 * commands about anything else ('cdcf framework list' says why) */
	(void)catalog_imported_load(*st, &e);
	return EXIT_OK;
}

int cli_print_json(json_t *doc)
{
	/* 15 significant digits: a quadrant position prints as 0.65, not 0.65000000000000002 */
	int rc =
	    json_dumpf(doc, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));

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
		cli_error(MSG_CLI_E_BAD_OPTION, bad);
		fputs(usage, stderr);
		return CLI_OPT_ERROR;
	}
	return c;
}

int cli_number_opt(const char *name, const char *arg, unsigned min, unsigned max, int unit,
		   unsigned *out)
{
	unsigned long v = 0;
	const char *p;

	for (p = arg; *p >= '0' && *p <= '9' && v <= max; p++)
		v = v * 10 + (unsigned long)(*p - '0');
	if ((p == arg || *p || v < min || v > max) && unit == CLI_NO_UNIT)
		return cli_error(MSG_CLI_E_NUMBER, name, min, max, arg);
	if (p == arg || *p || v < min || v > max)
		return cli_error(MSG_CLI_E_NUMBER_UNIT, name, min, max, ERR_WORD(unit), arg);
	*out = (unsigned)v;
	return 0;
}

int cli_format_opts(int argc, char **argv, const char *usage, const char **format,
		    const char **path)
{
	static const struct option opts[] = {{"format", required_argument, NULL, 'f'},
					     {"output", required_argument, NULL, 'o'},
					     {"help", no_argument, NULL, 'h'},
					     {0}};
	const char *arg;
	int c;

	cli_opts_begin();
	while ((c = cli_next_opt(argc, argv, "hf:o:", opts, usage, &arg)) != -1) {
		if (c == CLI_OPT_ERROR)
			return EXIT_USER;
		if (c == 'o')
			*path = arg;
		if (c == 'f')
			*format = arg;
	}
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
