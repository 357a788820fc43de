/*
 * cmd_survey_xlsx.h - the Excel template of `cdcf survey` (cmd_survey.c calls these).
 */
#ifndef CDCF_CMD_SURVEY_XLSX_H
#define CDCF_CMD_SURVEY_XLSX_H

#include "store/store.h"

/* `cdcf survey template NAME --format xlsx [--lang L] [--org ORG | --link TOKEN] -o FILE`:
 * the workbook, pre-filled with that response's answers when there is one. */
int cmd_survey_template_xlsx(struct store *st, const char *name, const char *format,
			     const char *lang, const char *org, const char *link,
			     const char *output);

/* Is path a workbook (by its extension, else its first bytes)? */
int cmd_survey_is_xlsx(const char *path);

/* `cdcf survey import NAME (--org ORG | --link TOKEN) FILE.xlsx`. */
int cmd_survey_import_xlsx(struct store *st, const char *name, const char *path, const char *org,
			   const char *link, const char *respondent);

#endif
