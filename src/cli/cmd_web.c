/*
 * cmd_web.c - `cdcf serve`, and the accounts of the web application from
 * the command line: `cdcf user ...` and `cdcf token ...`.
 *
 * There is no default password: the first administrator comes from
 * `cdcf user add --admin NAME` or from the one-time link `serve` prints.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "cli/cli.h"
#include "ops/ops.h"
#include "store/store_user.h"
#include "web/auth/auth.h"
#include "web/routes.h"
#include "web/serve.h"

/* ---- serve ---- */

static const char serve_usage[] =
    "usage: cdcf serve [--listen ADDR:PORT] [--tls-cert FILE --tls-key FILE]\n"
    "                  [--threads N] [--hash-limit N] [--trust-proxy] [--demo]\n"
    "                  [--header-timeout SECONDS] [--body-timeout SECONDS]\n"
    "                  [--client-limit N] [--cache MIB]\n"
    "       cdcf serve --routes\n\n"
    "Run the web application (and the REST API under /api/v1) until Ctrl-C or\n"
    "SIGTERM. Listens on " HTTP_DEFAULT_LISTEN " unless --listen says otherwise.\n"
    "When no administrator exists, prints a one-time setup link.\n"
    "--hash-limit N: password checks (Argon2id, 64 MiB each) that run at once\n"
    "(default 2, 1-64), so a sign-in storm takes about N x 64 MiB whatever\n"
    "--threads is; sign-ins beyond wait up to 3 s, then get 503 with Retry-After\n"
    "(docs/security.md).\n"
    "--demo creates the user 'demo' (password 'demo-password') as administrator of\n"
    "every organization: for trying cdcf out only.\n"
    "--header-timeout (default 10) is the time a client has to send the request\n"
    "line and headers, --body-timeout (default 30) the time for the body after\n"
    "them; a connection that takes longer is closed however steadily it sends.\n"
    "--client-limit N (default 64, 1-100000): requests in progress from one\n"
    "client address (the forwarded one under --trust-proxy); beyond, 429 with\n"
    "Retry-After. Without --trust-proxy it also caps one address's connections.\n"
    "--cache MIB (default 32, 0-4096; 0 turns it off): memory for signed-in pages\n"
    "and API reads kept to answer again while nothing in the database changed\n"
    "(each kept per user and session, per minute; docs/security.md).\n"
    "--routes prints the route table (method, pattern, flags; first match wins)\n"
    "and exits: the authorization matrix test checks it has a row for each.\n";

/* One line per row of the route table: METHOD TAB PATTERN TAB FLAGS. */
static int print_routes(void)
{
	size_t i;

	for (i = 0; i < web_routes_count; i++) {
		const struct http_route *r = &web_routes[i];
		char flags[64];

		snprintf(flags, sizeof(flags), "%s%s%s",
			 r->flags & HTTP_ROUTE_PUBLIC ? ",public" : "",
			 r->flags & HTTP_ROUTE_API ? ",api" : "",
			 r->flags & HTTP_ROUTE_SECRET_PATH ? ",secret-path" : "");
		printf("%s\t%s\t%s\n", r->method, r->pattern, *flags ? flags + 1 : "-");
	}
	return fflush(stdout) ? EXIT_INTERNAL : EXIT_OK;
}

int cmd_serve(int argc, char **argv)
{
	static const struct option opts[] = {{"listen", required_argument, NULL, 'l'},
					     {"tls-cert", required_argument, NULL, 'c'},
					     {"tls-key", required_argument, NULL, 'k'},
					     {"threads", required_argument, NULL, 't'},
					     {"hash-limit", required_argument, NULL, 'A'},
					     {"trust-proxy", no_argument, NULL, 'p'},
					     {"demo", no_argument, NULL, 'd'},
					     {"routes", no_argument, NULL, 'r'},
					     {"header-timeout", required_argument, NULL, 'H'},
					     {"body-timeout", required_argument, NULL, 'B'},
					     {"client-limit", required_argument, NULL, 'C'},
					     {"cache", required_argument, NULL, 'M'},
					     {"help", no_argument, NULL, 'h'},
					     {0}};
	struct serve_options so = {.lang = cli.lang, .cache_mib = SERVE_CACHE_MIB_DEFAULT};
	struct err e = ERR_INIT;
	const char *arg;
	int c, routes = 0;

	cli_opts_begin();
	while ((c = cli_next_opt(argc, argv, "h", opts, serve_usage, &arg)) != -1) {
		switch (c) {
		case CLI_OPT_ERROR:
			return EXIT_USER;
		case 'l':
			so.listen = arg;
			break;
		case 'c':
			so.tls_cert = arg;
			break;
		case 'k':
			so.tls_key = arg;
			break;
		case 't':
			if (cli_number_opt("threads", arg, 1, 1024, CLI_NO_UNIT, &so.threads))
				return EXIT_USER;
			break;
		case 'A':
			if (cli_number_opt("hash-limit", arg, 1, AUTH_HASH_SLOTS_MAX, CLI_NO_UNIT,
					   &so.hash_limit))
				return EXIT_USER;
			break;
		case 'p':
			so.trust_proxy = 1;
			break;
		case 'H':
			if (cli_number_opt("header-timeout", arg, 1, HTTP_MAX_TIMEOUT,
					   MSG_W_SECONDS, &so.header_timeout))
				return EXIT_USER;
			break;
		case 'B':
			if (cli_number_opt("body-timeout", arg, 1, HTTP_MAX_TIMEOUT, MSG_W_SECONDS,
					   &so.body_timeout))
				return EXIT_USER;
			break;
		case 'C':
			if (cli_number_opt("client-limit", arg, 1, HTTP_MAX_CLIENT_LIMIT,
					   CLI_NO_UNIT, &so.per_ip_limit))
				return EXIT_USER;
			break;
		case 'M':
			if (cli_number_opt("cache", arg, 0, 4096, CLI_NO_UNIT, &so.cache_mib))
				return EXIT_USER;
			break;
		case 'd':
			so.demo = 1;
			break;
		case 'r':
			routes = 1;
			break;
		}
	}
	if (optind != argc) {
		fputs(serve_usage, stderr);
		return EXIT_USER;
	}
	if (routes)
		return print_routes();
	if (!so.tls_cert != !so.tls_key)
		return cli_error(MSG_CLI_E_TLS_PAIR);
	so.db_path = cli.db_path;
	if (serve_main(&so, &e))
		return cli_fail(&e);
	return EXIT_OK;
}

/* ---- passwords from the terminal or stdin ---- */

/* One line from f into buf without its line ending; -1 on EOF or a line too long. */
static int read_line(FILE *f, char *buf, size_t size)
{
	size_t len;

	if (!fgets(buf, (int)size, f))
		return -1;
	len = strlen(buf);
	if (len && buf[len - 1] == '\n')
		buf[--len] = '\0';
	else if (!feof(f))
		return -1; /* longer than the buffer */
	if (len && buf[len - 1] == '\r')
		buf[--len] = '\0';
	return 0;
}

/* Prompt on the terminal with echo off. */
static int prompt(const char *text, char *buf, size_t size)
{
	FILE *tty = fopen("/dev/tty", "r+");
	struct termios old, quiet;
	int rc, restore = 0;

	if (!tty)
		return -1;
	fputs(text, tty);
	fflush(tty);
	if (!tcgetattr(fileno(tty), &old)) {
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		restore = !tcsetattr(fileno(tty), TCSAFLUSH, &quiet);
	}
	rc = read_line(tty, buf, size);
	if (restore)
		tcsetattr(fileno(tty), TCSAFLUSH, &old);
	fputs("\n", tty);
	fclose(tty);
	return rc;
}

/*
 * The new password into hash: from stdin (one line) with --password-stdin or
 * when stdin is not a terminal, else prompted twice without echo. Checked
 * against the policy. Returns EXIT_OK or the exit code after reporting.
 */
static int new_password(int from_stdin, char hash[AUTH_PWHASH_MAX])
{
	char pw[AUTH_PASSWORD_MAX_BYTES + 8], again[AUTH_PASSWORD_MAX_BYTES + 8];
	enum auth_pw_problem p;
	int rc = EXIT_OK;

	if (from_stdin || !isatty(STDIN_FILENO)) {
		if (read_line(stdin, pw, sizeof(pw)))
			return cli_error(MSG_CLI_E_PASSWORD_STDIN);
	} else {
		if (prompt(tr(cli.lang, MSG_CLI_PROMPT_PASSWORD), pw, sizeof(pw)) ||
		    prompt(tr(cli.lang, MSG_CLI_PROMPT_PASSWORD_AGAIN), again, sizeof(again)))
			return cli_error(MSG_CLI_E_PASSWORD_TTY);
		if (strcmp(pw, again))
			rc = cli_error(MSG_CLI_E_PASSWORD_DIFFER);
		sodium_memzero(again, sizeof(again));
	}
	if (!rc && (p = auth_password_policy(pw)) != AUTH_PW_OK)
		rc = cli_error(MSG_E_TEXT, auth_password_problem_text(cli.lang, p));
	if (!rc && auth_password_hash(pw, hash))
		rc = cli_error(MSG_CLI_E_PASSWORD_HASH);
	sodium_memzero(pw, sizeof(pw));
	return rc;
}

/* ---- user ---- */

static const char user_usage[] =
    "usage: cdcf user add [--admin] NAME [--password-stdin]\n"
    "       cdcf user list [--json]\n"
    "       cdcf user grant NAME ORG ROLE [--team TEAM]\n"
    "       cdcf user revoke NAME ORG\n"
    "       cdcf user passwd NAME [--password-stdin]\n"
    "       cdcf user disable|enable NAME\n\n"
    "Accounts of the web application. Roles per organization: admin, editor,\n"
    "assessor (scores the services of its --team), viewer. --admin makes a site\n"
    "administrator (admin of every organization, manages users). The password\n"
    "is read from stdin when it is not a terminal (or with --password-stdin),\n"
    "otherwise asked twice without echo. add creates the database when it does\n"
    "not exist yet (as 'cdcf init' does); the other commands need it.\n";

/*
 * user add: the first thing a new site does (before `serve`), so a database
 * that does not exist yet is created first, as `cdcf init` does, and said so
 * on stderr. The password is read and checked before, so a refused password
 * creates nothing.
 */
static int user_add(const char *name, int admin, int from_stdin)
{
	char hash[AUTH_PWHASH_MAX];
	struct err e = ERR_INIT;
	struct store *st;
	long long id;
	int rc, existed;

	rc = new_password(from_stdin, hash);
	if (rc)
		return rc;
	existed = store_exists(cli.db_path);
	rc = cli_open(&st, 1);
	if (!rc) {
		if (!existed)
			cli_note(MSG_CLI_INITIALISED, cli.db_path, STORE_SCHEMA_VERSION);
		rc = ops_user_add(st, name, hash, admin, &id, &e) ? cli_fail(&e) : EXIT_OK;
		if (!rc)
			cli_say(admin ? MSG_CLI_USER_ADDED_ADMIN : MSG_CLI_USER_ADDED, name);
		store_close(st);
	}
	sodium_memzero(hash, sizeof(hash));
	return rc;
}

/* A role as the output shows it: its name ("assessor") in English, its word in Japanese. */
static const char *role_text(const char *name)
{
	static const enum msg_id words[] = {
	    [ROLE_VIEWER] = MSG_CLI_ROLE_VIEWER,
	    [ROLE_ASSESSOR] = MSG_CLI_ROLE_ASSESSOR,
	    [ROLE_EDITOR] = MSG_CLI_ROLE_EDITOR,
	    [ROLE_ADMIN] = MSG_CLI_ROLE_ADMIN,
	};
	int r = role_parse(name);

	return cli_key(name, r >= 0 && r < ROLE_COUNT ? tr(cli.lang, words[r]) : NULL);
}

static int user_list(struct store *st, int json)
{
	struct err e = ERR_INIT;
	struct user *users;
	size_t n, i, k;
	json_t *arr = json_array();
	int rc = EXIT_OK;

	if (store_user_list(st, &users, &n, &e)) {
		json_decref(arr);
		return cli_fail(&e);
	}
	for (i = 0; i < n && !rc; i++) {
		struct membership *ms;
		size_t nm;
		json_t *jm;

		if (store_membership_list_user(st, users[i].id, &ms, &nm, &e)) {
			rc = cli_fail(&e);
			break;
		}
		jm = json_array();
		if (!json) {
			fputs(users[i].name, stdout);
			if (users[i].is_admin)
				cli_printf(stdout, MSG_CLI_USER_SITE_ADMIN);
			if (users[i].disabled)
				cli_printf(stdout, MSG_CLI_USER_DISABLED_MARK);
		}
		for (k = 0; k < nm; k++) {
			json_array_append_new(
			    jm, json_pack("{s:s, s:s, s:s?}", "org", ms[k].org_name, "role",
					  role_name(ms[k].role), "team", ms[k].team_name));
			if (!json)
				printf("%s %s:%s%s%s", k ? "," : " ", ms[k].org_name,
				       role_text(role_name(ms[k].role)), ms[k].team_name ? "/" : "",
				       ms[k].team_name ? ms[k].team_name : "");
		}
		if (!json)
			putchar('\n');
		json_array_append_new(arr, json_pack("{s:s, s:b, s:b, s:s?, s:s, s:o}", "name",
						     users[i].name, "admin", users[i].is_admin,
						     "disabled", users[i].disabled, "lang",
						     users[i].lang, "created_at",
						     users[i].created_at, "memberships", jm));
		membership_list_free(ms, nm);
	}
	user_list_free(users, n);
	if (json && !rc)
		return cli_print_json(arr);
	json_decref(arr);
	return rc;
}

/* The user's id and flags by name, reporting failures. */
static int find_user(struct store *st, const char *name, struct user *u)
{
	struct err e = ERR_INIT;

	return store_user_find(st, name, u, &e) ? cli_fail(&e) : EXIT_OK;
}

static int user_grant(struct store *st, char **argv, int argc, const char *team)
{
	struct err e = ERR_INIT;
	struct user u = {0};
	int rc;

	if (argc == 4) {
		rc = ops_member_set(st, argv[2], argv[1], argv[3], team, 0, &e) ? cli_fail(&e)
										: EXIT_OK;
		if (!rc && team)
			cli_say(MSG_CLI_USER_GRANTED_TEAM, argv[1], role_text(argv[3]), argv[2],
				team);
		else if (!rc)
			cli_say(MSG_CLI_USER_GRANTED, argv[1], role_text(argv[3]), argv[2]);
		return rc;
	}
	if ((rc = find_user(st, argv[1], &u)))
		return rc;
	rc = ops_member_revoke(st, NULL, argv[2], u.id, &e) ? cli_fail(&e) : EXIT_OK;
	if (!rc)
		cli_say(MSG_CLI_USER_REVOKED, u.name, argv[2]);
	user_release(&u);
	return rc;
}

static int user_passwd(struct store *st, const char *name, int from_stdin)
{
	char hash[AUTH_PWHASH_MAX];
	struct err e = ERR_INIT;
	struct user u = {0};
	int rc;

	if ((rc = find_user(st, name, &u)))
		return rc;
	rc = new_password(from_stdin, hash);
	/* a new password signs the user out everywhere */
	if (!rc && ops_user_password(st, u.id, hash, 0, &e))
		rc = cli_fail(&e);
	if (!rc)
		cli_say(MSG_CLI_USER_PASSWORD, u.name);
	sodium_memzero(hash, sizeof(hash));
	user_release(&u);
	return rc;
}

static int user_enable(struct store *st, const char *name, int disable)
{
	struct err e = ERR_INIT;
	struct user u = {0};
	int rc;

	if ((rc = find_user(st, name, &u)))
		return rc;
	if (ops_user_change(st, NULL, u.id, disable ? OPS_USER_DISABLE : OPS_USER_ENABLE, &e))
		rc = cli_fail(&e);
	if (!rc)
		cli_say(disable ? MSG_CLI_USER_DISABLED : MSG_CLI_USER_ENABLED, u.name);
	user_release(&u);
	return rc;
}

int cmd_user(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"admin", no_argument, NULL, 'a'},	    {"password-stdin", no_argument, NULL, 's'},
	    {"team", required_argument, NULL, 't'}, {"json", no_argument, NULL, 'j'},
	    {"help", no_argument, NULL, 'h'},	    {0}};
	struct store *st;
	const char *arg, *team = NULL, *verb;
	int c, admin = 0, from_stdin = 0, json = 0, rc;

	cli_opts_begin();
	while ((c = cli_next_opt(argc, argv, "h", opts, user_usage, &arg)) != -1) {
		if (c == CLI_OPT_ERROR)
			return EXIT_USER;
		if (c == 'a')
			admin = 1;
		else if (c == 's')
			from_stdin = 1;
		else if (c == 't')
			team = arg;
		else if (c == 'j')
			json = 1;
	}
	argc -= optind;
	argv += optind;
	verb = argc ? argv[0] : "";
	if (!((argc == 2 && !strcmp(verb, "add")) || (argc == 1 && !strcmp(verb, "list")) ||
	      (argc == 4 && !strcmp(verb, "grant")) || (argc == 3 && !strcmp(verb, "revoke")) ||
	      (argc == 2 && !strcmp(verb, "passwd")) ||
	      (argc == 2 && (!strcmp(verb, "disable") || !strcmp(verb, "enable"))))) {
		fputs(user_usage, stderr);
		return EXIT_USER;
	}
	if (team && strcmp(verb, "grant"))
		return cli_error(MSG_CLI_E_TEAM_GRANT);
	if (!strcmp(verb, "add"))
		return user_add(argv[1], admin, from_stdin);
	if ((rc = cli_open(&st, 0)))
		return rc;
	if (!strcmp(verb, "list")) {
		rc = user_list(st, json);
	} else if (!strcmp(verb, "grant") || !strcmp(verb, "revoke")) {
		rc = user_grant(st, argv, argc, team);
	} else if (!strcmp(verb, "passwd")) {
		rc = user_passwd(st, argv[1], from_stdin);
	} else {
		rc = user_enable(st, argv[1], !strcmp(verb, "disable"));
	}
	store_close(st);
	return rc;
}

/* ---- token ---- */

static const char token_usage[] =
    "usage: cdcf token create USER NAME\n"
    "       cdcf token list USER [--json]\n"
    "       cdcf token revoke USER ID\n\n"
    "API tokens for the REST API (send 'Authorization: Bearer <token>'). create\n"
    "prints the token once on stdout; only its hash is stored.\n";

static int token_list(struct store *st, const struct user *u, int json)
{
	struct err e = ERR_INIT;
	struct api_token *list;
	size_t n, i;
	json_t *arr;

	if (store_token_list(st, u->id, &list, &n, &e))
		return cli_fail(&e);
	arr = json_array();
	for (i = 0; i < n; i++) {
		if (json)
			json_array_append_new(
			    arr, json_pack("{s:I, s:s, s:s, s:s?}", "id", (json_int_t)list[i].id,
					   "name", list[i].name, "created_at", list[i].created_at,
					   "last_used_at", list[i].last_used_at));
		else
			cli_say(MSG_CLI_TOKEN_ROW, list[i].id, list[i].name, list[i].created_at,
				list[i].last_used_at ? list[i].last_used_at
						     : tr(cli.lang, MSG_CLI_TOKEN_NEVER));
	}
	api_token_list_free(list, n);
	if (json)
		return cli_print_json(arr);
	json_decref(arr);
	return EXIT_OK;
}

int cmd_token(int argc, char **argv)
{
	struct err e = ERR_INIT;
	struct store *st;
	struct user u = {0};
	const char *verb;
	int json = 0, rc;

	if (cli_json_opts(argc, argv, token_usage, &json))
		return EXIT_USER;
	argc -= optind;
	argv += optind;
	verb = argc ? argv[0] : "";
	if (!((argc == 3 && !strcmp(verb, "create")) || (argc == 2 && !strcmp(verb, "list")) ||
	      (argc == 3 && !strcmp(verb, "revoke")))) {
		fputs(token_usage, stderr);
		return EXIT_USER;
	}
	if ((rc = cli_open(&st, 0)))
		return rc;
	rc = find_user(st, argv[1], &u);
	if (!rc && !strcmp(verb, "create")) {
		unsigned char hash[AUTH_HASH_BYTES];
		char token[AUTH_TOKEN_SIZE], hex[AUTH_HASH_HEX_SIZE];
		long long id;
		if (auth_token_new(token, sizeof(token), hash)) {
			rc = cli_error(MSG_CLI_E_TOKEN_MAKE);
		} else {
			auth_hex(hash, sizeof(hash), hex);
			rc = ops_token_create(st, u.id, argv[2], hex, &id, &e) ? cli_fail(&e)
									       : EXIT_OK;
		}
		if (!rc) {
			cli_note(MSG_CLI_TOKEN_CREATED, id, argv[2], u.name);
			printf("%s\n", token);
		}
		sodium_memzero(token, sizeof(token));
	} else if (!rc && !strcmp(verb, "list")) {
		rc = token_list(st, &u, json);
	} else if (!rc) {
		char *end;
		long long id = strtoll(argv[2], &end, 10);
		if (*end || id <= 0)
			rc = cli_error(MSG_CLI_E_TOKEN_ID, argv[2]);
		else if (ops_token_revoke(st, u.id, id, &e))
			rc = cli_fail(&e);
		else
			cli_say(MSG_CLI_TOKEN_REVOKED, id, u.name);
	}
	user_release(&u);
	store_close(st);
	return rc;
}
