/*
 * cmd_audit.c - `cdcf audit ORG`: an organization's audit log, as the audit
 * page shows it (report/audit_log.h): newest first, filtered by person,
 * subject and days in the store, in text or as the page's CSV download.
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "io/fileio.h"
#include "report/audit_log.h"
#include "store/store.h"
#include "util/buf.h"

#define AUDIT_CLI_CHUNK 500 /* events read at a time */

static const char usage[] =
    "usage: cdcf audit ORG [--user NAME] [--subject TEXT] [--since YYYY-MM-DD]\n"
    "                  [--until YYYY-MM-DD] [--format text|csv] [--lang en|ja]\n\n"
    "The audit log of an organization, newest first: when, who, what happened\n"
    "and the fields that changed, in people's words. --user keeps one person's\n"
    "events, --subject those whose subject contains TEXT, --since and --until\n"
    "those of the days between (UTC, both included). --format csv writes the\n"
    "audit page's CSV for spreadsheets: UTF-8 with a byte order mark, headings\n"
    "and words in the --lang language.\n";

/* One changed field as an indented line: "    Note: before -> after". */
static int text_row(void *ctx, const char *field, const char *before, const char *after)
{
	struct buf *out = ctx;

	return buf_printf(out, "    %s: %s -> %s\n", field, *before ? before : "-",
			  *after ? after : "-");
}

static int text_event(struct buf *out, enum lang lang, const struct audit_event *ev)
{
	char when[32];

	audit_time_words(ev->at, when);
	buf_printf(out, "%s  %s  %s  %s\n", when, ev->actor ? ev->actor : "-",
		   audit_event_words(lang, ev->action), ev->subject ? ev->subject : "");
	audit_changes(lang, ev->before_json, ev->after_json, text_row, out);
	return buf_status(out);
}

/* Every event of org_id that f lets through, newest first, written a chunk at a time. */
static int write_log(struct store *st, long long org_id, const struct audit_filter *f, int csv,
		     enum lang lang, struct err *e)
{
	struct audit_event *ev = NULL;
	struct buf out;
	size_t n, i, done = 0;
	int rc = 0;

	buf_init(&out, (size_t)64 << 20);
	if (csv)
		audit_csv_begin(&out, lang);
	do {
		rc = store_audit_find(st, org_id, f, done, AUDIT_CLI_CHUNK, &ev, &n, e);
		if (rc)
			break;
		for (i = 0; i < n; i++)
			if (csv)
				audit_csv_event(&out, lang, ev[i].at, ev[i].actor, ev[i].action,
						ev[i].subject, ev[i].before_json, ev[i].after_json);
			else
				text_event(&out, lang, &ev[i]);
		audit_list_free(ev, n);
		done += n;
		rc = buf_status(&out)
			 ? err_fail(e, buf_status(&out), NULL, MSG_CLI_E_AUDIT_TOO_LARGE)
			 : file_write_stdout(out.data, out.len, e);
		buf_reset(&out);
	} while (!rc && n == AUDIT_CLI_CHUNK);
	if (!rc && !done && !csv)
		cli_say(MSG_CLI_AUDIT_NONE);
	buf_release(&out);
	return rc;
}

int cmd_audit(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"user", required_argument, NULL, 'u'},   {"subject", required_argument, NULL, 's'},
	    {"since", required_argument, NULL, 'S'},  {"until", required_argument, NULL, 'U'},
	    {"format", required_argument, NULL, 'f'}, {"lang", required_argument, NULL, 'l'},
	    {"help", no_argument, NULL, 'h'},	      {0}};
	struct audit_filter f = {0};
	struct err e = ERR_INIT;
	struct org o = {0};
	struct store *st;
	const char *arg;
	enum lang lang = cli.lang;
	int c, rc, csv = 0;

	cli_opts_begin();
	while ((c = cli_next_opt(argc, argv, "h", opts, usage, &arg)) != -1) {
		if (c == CLI_OPT_ERROR)
			return EXIT_USER;
		if (c == 'u')
			f.actor = arg;
		else if (c == 's')
			f.subject = arg;
		else if (c == 'S')
			f.since = arg;
		else if (c == 'U')
			f.until = arg;
		else if (c == 'f' && strcmp(arg, "text") && strcmp(arg, "csv"))
			return cli_error(MSG_CLI_E_AUDIT_FORMAT, arg);
		else if (c == 'f')
			csv = !strcmp(arg, "csv");
		else if (c == 'l' && lang_parse(arg) < 0)
			return cli_error(MSG_CLI_E_UNKNOWN_LANG, arg);
		else if (c == 'l')
			lang = lang_parse(arg);
	}
	if (optind + 1 != argc)
		return cli_error(MSG_CLI_E_NEEDS_ORG, "audit");
	/* a bad filter is named before the database is opened */
	if (store_audit_filter_check(&f, &e))
		return cli_fail(&e);
	if ((rc = cli_open(&st, 0)))
		return rc;
	rc = store_org_find(st, argv[optind], &o, &e);
	if (!rc)
		rc = write_log(st, o.id, &f, csv, lang, &e);
	rc = rc ? cli_fail(&e) : EXIT_OK;
	org_release(&o);
	store_close(st);
	return rc;
}
