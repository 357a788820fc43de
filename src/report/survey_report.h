/*
 * survey_report.h - a survey's results (the JSON of ops_survey_results) as
 * the CSV for spreadsheets: one row overall, one per category, one per
 * service; a suppressed row keeps its count and says "fewer than K responses".
 */
#ifndef CDCF_REPORT_SURVEY_REPORT_H
#define CDCF_REPORT_SURVEY_REPORT_H

#include <jansson.h>

#include "i18n/i18n.h"
#include "util/buf.h"

/* Append the CSV of results r to out in lang; buf_status(out). */
int report_survey_csv(struct buf *out, json_t *r, enum lang lang);
/* The same table as an XLSX workbook (one sheet, shares as percentages) appended to out;
 * 0 or ERR_IO / ERR_NOMEM / ERR_INTERNAL. */
int report_survey_xlsx(struct buf *out, json_t *r, enum lang lang);
/* The answer template for a respondent (ops_survey_describe's desc): a CSV for spreadsheets
 * with the columns ref, name, implemented, level, assignment, current, note and one row per
 * service, which `cdcf survey import` reads back. */
int report_survey_template(struct buf *out, json_t *desc);

#endif
