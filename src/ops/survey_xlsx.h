/*
 * survey_xlsx.h - reading a survey's Excel template back (the workbook of
 * report/survey_xlsx.c, filled in by a respondent) as the answers of one
 * response.
 */
#ifndef CDCF_OPS_SURVEY_XLSX_H
#define CDCF_OPS_SURVEY_XLSX_H

#include <stddef.h>

#include "ops/ops_survey.h"
#include "util/buf.h"

#define SURVEY_XLSX_FILE_MAX ((size_t)16 << 20) /* bytes of an uploaded workbook */
#define SURVEY_XLSX_ROWS_MAX 2000		/* answers of one workbook (the services asked) */

/* The Excel template of survey id in lang (report_survey_template_xlsx) into out,
 * pre-filled with the answers of response (0: none), its services' categories named. */
int ops_survey_template_xlsx(struct store *st, long long survey, long long response, enum lang lang,
			     struct buf *out, struct err *e);

/* The answers read from a workbook; release with ops_survey_xlsx_release. */
struct ops_survey_xlsx {
	struct ops_survey_input *in; /* n of them, their texts owned here */
	size_t n;
	unsigned *row; /* the sheet row (0-based) of each input */
	int col[6];    /* the column of ref, implemented, level, assignment, current, note */
	char *file;    /* the name for messages */
};

/*
 * The answers of workbook data[0..len) named name (messages: "name: Answers!D7"):
 * the sheet Answers, its heading row naming the columns (ref, implemented,
 * level, assignment, current, note as keys or the template's headings in
 * English or Japanese, any order, others ignored), one row per service;
 * rows without "implemented" are not answered. Words are taken as keys or
 * the labels of either language ("yes", "はい", "Standard", "標準", ...) and
 * given to the survey as keys; a word not known is refused naming the cell
 * and the value, as is a workbook whose About!B1 names another survey than
 * survey (NULL: not checked). The reading only: the rules are
 * ops_survey_answer's.
 */
int ops_survey_read_xlsx(const void *data, size_t len, const char *name, const char *survey,
			 struct ops_survey_xlsx *out, struct err *e);
void ops_survey_xlsx_release(struct ops_survey_xlsx *x);

/* After ops_survey_answer(_link) refused the inputs of x: prefix e with the cell
 * of the refused answer ("name: Answers!E7") when e names one of its services. */
void ops_survey_xlsx_where(const struct ops_survey_xlsx *x, struct err *e);

/* Answer survey name (as org, or by link token) from a workbook: read, then one
 * ops_survey_answer(_link), all or none; a refusal names the cell. *n (may be
 * NULL) receives the number of answers saved. */
int ops_survey_import_xlsx(struct store *st, const char *name, const char *org, const char *token,
			   const char *respondent, const char *respondent_org, const void *data,
			   size_t len, const char *file, size_t *n, struct err *e);

#endif
