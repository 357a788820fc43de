/*
 * cli.h - what every cdcf subcommand shares: global options, error
 * reporting with exit codes, opening the store, JSON output.
 *
 * Exit codes: 0 ok, 1 user error, 2 internal error. Errors go to stderr as
 * "cdcf: error: <message>" ("cdcf: エラー: ..." in Japanese), in the language
 * cli_lang() gives. So does everything else a command prints for a person: its
 * lines are messages of i18n/msg_cli*.def (cli_say, cli_printf, cli_note,
 * cli_warn), its table columns padded by display width (cli_cell). Machine
 * output (--json, serve --routes) and the usage texts stay as they are.
 */
#ifndef CDCF_CLI_H
#define CDCF_CLI_H

#include <jansson.h>
#include <stdio.h>

#include "i18n/i18n.h"
#include "store/store.h"
#include "util/err.h"

/* EXIT_INTERRUPTED: stopped by SIGINT/SIGTERM (128 + SIGINT, as a shell reports it) */
enum { EXIT_OK = 0, EXIT_USER = 1, EXIT_INTERNAL = 2, EXIT_INTERRUPTED = 130 };

struct cli {
	const char *db_path; /* --db, $CDCF_DB, ./cdcf.db */
	enum lang lang;	     /* cli_lang() */
};

extern struct cli cli;

/*
 * The language of the CLI's messages and output: the global --lang en|ja,
 * else $CDCF_LANG (en or ja), else the locale: the first of $LC_ALL,
 * $LC_MESSAGES and $LANG that is set, Japanese when it starts with "ja"
 * ("ja_JP.UTF-8"), English for anything else ("C", "POSIX", "en_US.UTF-8").
 * A command with a --lang of its own (report) defaults to it.
 */
enum lang cli_lang(void);

/* The language the environment asks for, without --lang (see cli_lang). */
enum lang cli_env_lang(void);

struct cli_command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
};

/* Print "cdcf: error: <message id with its arguments>" in cli_lang() (err_fail's
 * conventions) and return EXIT_USER: a usage error (a missing argument, a bad option
 * value), its message in i18n/msg_cli.def, or a message of the other tables.
 *
 *   return cli_error(MSG_CLI_E_NEEDS_ORG_FW, "status");  ->  "status needs ORG FRAMEWORK" */
int cli_error(enum msg_id id, ...);
/* Report e in cli_lang(), with the command to run where the message calls for one
 * ("; run 'cdcf init'"), and return the exit code its code maps to. */
int cli_fail(const struct err *e);

/*
 * Print message id of the tables in cli_lang() with its arguments to f (printf's
 * conversions, read by the English format; the Japanese one may take them in another
 * order with %1$s). The compiler cannot check the arguments against the tables' formats:
 * pass exactly the English format's types (a size_t for %zu, a long long for %lld).
 *
 *   cli_say(MSG_CLI_ORG_ADDED, name);  ->  "added organization 'Acme'" + newline on stdout
 */
void cli_printf(FILE *f, enum msg_id id, ...);
/* The same on stdout, as a whole line. */
void cli_say(enum msg_id id, ...);
/* A whole line on stderr: what was done, where stdout carries data (a token, a file). */
void cli_note(enum msg_id id, ...);
/* "cdcf: warning: <message>" on stderr, in cli_lang(). */
void cli_warn(enum msg_id id, ...);

/* A key the output shows (a level "basic", a role "assessor", an action status "open"): as
 * it is in English, word (its name in the tables, in cli_lang()) in other languages. */
const char *cli_key(const char *key, const char *word);

/* Print s on stdout padded with spaces to cols terminal columns, as printf's "%-*s" does
 * for ASCII text: a Japanese character takes two columns (report/text_width.h), so the
 * columns after it line up. A longer s is printed whole, without padding. */
void cli_cell(const char *s, size_t cols);

/* Open the database (create only for init/import). On failure prints and returns exit code. */
int cli_open(struct store **st, int create);

/* Print doc as indented JSON to stdout, steal the reference; return EXIT_OK. */
int cli_print_json(json_t *doc);

/*
 * Option loop for a subcommand (getopt_long underneath; options may follow
 * positionals). Call cli_opts_begin() once, then cli_next_opt() until it
 * returns -1. --help/-h prints usage and exits 0; an unknown option or a
 * missing value is reported and CLI_OPT_ERROR returned.
 */
#define CLI_OPT_ERROR (-2)
struct option;
void cli_opts_begin(void);
int cli_next_opt(int argc, char **argv, const char *shortopts, const struct option *longopts,
		 const char *usage, const char **arg);

/*
 * The whole option loop of a subcommand whose only options are --json and
 * --help/-h: *json says whether --json was given. Returns 0 (positionals then
 * start at optind) or EXIT_USER after reporting a bad option.
 */
int cli_json_opts(int argc, char **argv, const char *usage, int *json);

/*
 * The whole option loop of an export: --format/-f VALUE into *format, --output/-o FILE
 * into *path (each left as it was when absent), --help/-h. 0 (positionals then start at
 * optind) or EXIT_USER after reporting a bad option.
 */
int cli_format_opts(int argc, char **argv, const char *usage, const char **format,
		    const char **path);

/*
 * A whole number option in [min, max]: arg is decimal digits only (no sign,
 * no spaces). 0 with *out set, or EXIT_USER after "--NAME must be MIN-MAX
 * UNIT, got 'ARG'": unit is a word of the tables (MSG_W_SECONDS) or
 * CLI_NO_UNIT.
 */
#define CLI_NO_UNIT (-1)
int cli_number_opt(const char *name, const char *arg, unsigned min, unsigned max, int unit,
		   unsigned *out);

/* Print usage to stdout (for --help). */
void cli_print_usage(const char *usage);

/* Subcommands */
int cmd_init(int argc, char **argv);
int cmd_framework(int argc, char **argv);
int cmd_org(int argc, char **argv);
int cmd_team(int argc, char **argv);
int cmd_provider(int argc, char **argv);
int cmd_portfolio(int argc, char **argv);
int cmd_select(int argc, char **argv);
int cmd_service(int argc, char **argv);
int cmd_assign(int argc, char **argv);
int cmd_score(int argc, char **argv);
int cmd_rubric(int argc, char **argv);
int cmd_status(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_action(int argc, char **argv);
int cmd_evaluate(int argc, char **argv);
int cmd_cycles(int argc, char **argv);
int cmd_diff(int argc, char **argv);
int cmd_quadrant(int argc, char **argv);
int cmd_group(int argc, char **argv);
int cmd_survey(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_token(int argc, char **argv);
int cmd_mapping(int argc, char **argv);
int cmd_coverage(int argc, char **argv);
int cmd_db(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_restore(int argc, char **argv);

#endif
