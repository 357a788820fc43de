/*
 * cmd_survey_xlsx.c - a survey's Excel template on the command line: written
 * (report/survey_xlsx.c) for a respondent, pre-filled with its answers, and
 * read back as one response (ops/survey_xlsx.c), all or none.
 */
#include "cli/cmd_survey_xlsx.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cli/cli.h"
#include "io/fileio.h"
#include "io/portfolio_import.h"
#include "ops/ops_survey.h"
#include "ops/survey_xlsx.h"
#include "report/survey_xlsx.h"
#include "store/store_survey.h"
#include "util/buf.h"

int cmd_survey_template_xlsx(struct store *st, const char *name, const char *format,
			     const char *lang_text, const char *org, const char *link,
			     const char *output)
{
	struct err e = ERR_INIT;
	enum lang lang = cli_lang();
	struct survey sv;
	long long sid = 0, rid = 0, id;
	struct buf out;
	int rc;

	if (strcmp(format, "xlsx"))
		return cli_error(MSG_CLI_SXLSX_E_FORMAT, format);
	if (org && link)
		return cli_error(MSG_CLI_SURVEY_E_ANSWER);
	if (!output)
		return cli_error(MSG_CLI_SXLSX_E_OUTPUT);
	if (lang_text) {
		if (lang_parse(lang_text) < 0)
			return cli_error(MSG_CLI_E_UNKNOWN_LANG, lang_text);
		lang = (enum lang)lang_parse(lang_text);
	}
	if (store_survey_find(st, name, &sv, &e))
		return cli_fail(&e);
	id = sv.id;
	survey_release(&sv);
	rc = 0;
	if (org) {
		rc = ops_survey_org_response(st, name, org, &rid, &e);
		if (rc == ERR_NOT_FOUND && e.id == MSG_E_SURVEY_NO_RESPONSE)
			rc = 0; /* invited, not answered yet */
	}
	if (!rc && link) {
		rc = ops_survey_link_find(st, link, &sid, &rid, &e);
		if (!rc && sid != id) /* the link of another survey */
			rc = err_fail(&e, ERR_NOT_FOUND, "link", MSG_E_SURVEY_UNKNOWN_ID, sid);
	}
	if (rc)
		return cli_fail(&e);
	buf_init(&out, 0);
	rc = ops_survey_template_xlsx(st, id, rid, lang, &out, &e);
	if (!rc)
		rc = file_write_atomic(output, out.data, out.len, &e);
	buf_release(&out);
	if (rc)
		return cli_fail(&e);
	cli_say(MSG_CLI_SXLSX_WROTE, output);
	return EXIT_OK;
}

int cmd_survey_is_xlsx(const char *path)
{
	char head[4];
	size_t n = 0;
	FILE *f;

	if (portfolio_import_kind(path, "", 0) == 1)
		return 1;
	if (portfolio_import_kind(path, "", 0) == 2)
		return 0;
	f = fopen(path, "rb");
	if (f) {
		n = fread(head, 1, sizeof(head), f);
		fclose(f);
	}
	return portfolio_import_kind(path, head, n) == 1;
}

int cmd_survey_import_xlsx(struct store *st, const char *name, const char *path, const char *org,
			   const char *link, const char *respondent)
{
	struct err e = ERR_INIT;
	char *data = NULL;
	size_t len = 0, n = 0;
	int rc;

	if (!org == !link)
		return cli_error(MSG_CLI_SURVEY_E_ANSWER);
	rc = file_read_all(path, SURVEY_XLSX_FILE_MAX, &data, &len, &e);
	if (!rc)
		rc = ops_survey_import_xlsx(st, name, org, link, respondent, NULL, data, len, path,
					    &n, &e);
	free(data);
	if (rc)
		return cli_fail(&e);
	cli_say(MSG_CLI_SURVEY_IMPORTED, (long long)n, path, name);
	return EXIT_OK;
}
