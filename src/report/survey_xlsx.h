/*
 * survey_xlsx.h - a survey's Excel template: the workbook a respondent
 * downloads, fills in Excel or LibreOffice and sends back (read by
 * ops/survey_xlsx.c).
 */
#ifndef CDCF_SURVEY_XLSX_H
#define CDCF_SURVEY_XLSX_H

#include <jansson.h>

#include "i18n/i18n.h"
#include "util/buf.h"

/* The sheets and the format version in About!B5. */
#define SURVEY_XLSX_SHEET "Answers"
#define SURVEY_XLSX_ABOUT "About"
#define SURVEY_XLSX_FORMAT "cdcf-survey 1"

/*
 * The workbook of survey desc (ops_survey_describe's JSON, names in lang)
 * into out: sheet Answers, one row per service (ref, name, category, then
 * implemented, level, assignment, current, note with drop-downs; only the
 * answer columns unlocked), pre-filled with answers
 * (ops_survey_response_answers' JSON, NULL for none); sheet About names the
 * survey, its framework and deadline and says how to send it back. Words
 * are the language's labels, as in the portfolio workbook. The same input
 * gives the same bytes.
 */
int report_survey_template_xlsx(struct buf *out, json_t *desc, json_t *answers, enum lang lang);

#endif
