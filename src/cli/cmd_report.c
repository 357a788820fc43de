#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "io/fileio.h"
#include "ops/ops.h"
#include "ops/ops_report.h"
#include "report/model.h"
#include "report/pdf.h"
#include "report/report.h"
#include "util/buf.h"

static const char usage[] =
    "usage: cdcf report ORG FRAMEWORK [--format text|md|csv|json|html|xlsx|pdf] [--for-excel]\n"
    "                  [--lang en|ja] [-o FILE]\n\n"
    "The portfolio table (service, recommendation level, assignment, current,\n"
    "target), the gaps by priority and the category roll-ups. HTML is one\n"
    "self-contained file with SVG charts. CSV is the stable machine format;\n"
    "with --for-excel it is the CSV for spreadsheets: UTF-8 with a byte order\n"
    "mark, headings and words in the --lang language. xlsx is the portfolio\n"
    "workbook (docs/formats.md) that `cdcf import` reads back: a binary file,\n"
    "written with -o FILE or to a redirected output, never to a terminal.\n"
    "PDF is the HTML report printed by headless Chromium (the Debian package\n"
    "chromium, with fonts-noto-cjk for Japanese).\n";

/* --format pdf: the HTML report in out replaced by its PDF. */
static int html_to_pdf(struct buf *out, struct err *e)
{
	struct buf pdf;
	int rc;

	buf_init(&pdf, PDF_MAX_BYTES);
	rc = report_pdf(out->data, out->len, &pdf, e);
	if (!rc) {
		buf_release(out);
		*out = pdf;
		return 0;
	}
	buf_release(&pdf);
	return rc;
}

int cmd_report(int argc, char **argv)
{
	static const struct option opts[] = {
	    {"format", required_argument, NULL, 'f'}, {"lang", required_argument, NULL, 'l'},
	    {"output", required_argument, NULL, 'o'}, {"for-excel", no_argument, NULL, 'x'},
	    {"help", no_argument, NULL, 'h'},	      {0}};
	struct err e = ERR_INIT;
	struct store *st;
	struct portfolio p;
	struct ops_report r = {0};
	struct buf out;
	const char *arg, *path = NULL;
	int c, rc, failed, format = REPORT_TEXT, excel = 0, pdf = 0;
	enum lang lang = cli.lang;

	cli_opts_begin();
	while ((c = cli_next_opt(argc, argv, "ho:", opts, usage, &arg)) != -1) {
		if (c == CLI_OPT_ERROR)
			return EXIT_USER;
		if (c == 'f') /* pdf: the HTML report, printed */
			pdf = !strcmp(arg, "pdf");
		if (c == 'f' && pdf)
			arg = "html";
		if (c == 'f' && (format = report_format_parse(arg)) < 0)
			return cli_error(MSG_CLI_E_REPORT_FORMAT, arg);
		if (c == 'l') {
			if (lang_parse(arg) < 0)
				return cli_error(MSG_CLI_E_UNKNOWN_LANG, arg);
			lang = lang_parse(arg);
		}
		if (c == 'o')
			path = arg;
		if (c == 'x')
			excel = 1;
	}
	/* the spreadsheet CSV is asked for as --format csv --for-excel only */
	if (format == REPORT_CSV_EXCEL)
		return cli_error(MSG_CLI_E_REPORT_FORMAT, report_format_name(format));
	if (excel && format != REPORT_CSV)
		return cli_error(MSG_CLI_E_FOR_EXCEL_CSV, report_format_name(format));
	if (excel)
		format = REPORT_CSV_EXCEL;
	if (optind + 2 != argc)
		return cli_error(MSG_CLI_E_NEEDS_ORG_FW, "report");
	if ((format == REPORT_XLSX || pdf) && !path && isatty(STDOUT_FILENO))
		return cli_error(MSG_XLSX_E_TERMINAL);
	if ((rc = cli_open(&st, 0)))
		return rc;
	portfolio_init(&p);
	buf_init(&out, REPORT_MAX_BYTES);
	failed = ops_load(st, argv[optind], argv[optind + 1], &p, &e) ||
		 ops_report_model(st, &p, lang, &r, &e);
	if (failed || report_model_render(r.m, format, &out, &e) ||
	    (pdf && html_to_pdf(&out, &e)) ||
	    (path ? file_write_atomic(path, out.data, out.len, &e)
		  : file_write_stdout(out.data, out.len, &e)))
		rc = cli_fail(&e);
	ops_report_release(&r);
	buf_release(&out);
	portfolio_release(&p);
	store_close(st);
	return rc;
}
