/*
 * survey_report.c - the results of a survey (ops_survey_results' JSON) for
 * people who download them: the CSV for spreadsheets (BOM, CRLF, the
 * language's headings, report_csv_cell) and the same table as a workbook.
 */
#include "report/survey_report.h"

#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "report/report.h"
#include "report/report_int.h"
#include "util/err.h"

/* A number of the results as text: a share as a fraction, a count, a mean. */
static const char *num(json_t *v, char buf[32])
{
	if (!json_is_number(v))
		return "";
	if (json_is_integer(v))
		snprintf(buf, 32, "%lld", (long long)json_integer_value(v));
	else
		snprintf(buf, 32, "%.2f", json_number_value(v));
	return buf;
}

static const char *const levels[] = {"basic", "standard", "advanced", "optional", "not_required"};
static const char *const assignments[] = {"insource", "outsource", "hybrid"};

/* "fewer than K responses" in lang (the tables' format, as serve.c formats them). */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static void fewer_than(char *buf, size_t size, enum lang lang, int k)
{
	snprintf(buf, size, tr(lang, MSG_SURVEY_FEWER_THAN), (long long)k);
}
#pragma GCC diagnostic pop

static void csv_row(struct buf *b, enum lang lang, const char *kind, json_t *o, int min_group)
{
	char n[32];
	size_t i;
	int sup = json_is_true(json_object_get(o, "suppressed"));

	report_csv_cell(b, kind, 1);
	report_csv_cell(b, json_string_value(json_object_get(o, "ref")), 0);
	report_csv_cell(b, json_string_value(json_object_get(o, "name")), 0);
	report_csv_cell(b, num(json_object_get(o, "responses"), n), 0);
	if (sup) {
		char note[128];
		fewer_than(note, sizeof(note), lang, min_group);
		for (i = 0; i < 10; i++)
			report_csv_cell(b, "", 0);
		report_csv_cell(b, note, 0);
		buf_addstr(b, "\r\n");
		return;
	}
	report_csv_cell(b, num(json_object_get(o, "implementing"), n), 0);
	for (i = 0; i < 3; i++)
		report_csv_cell(
		    b, num(json_object_get(json_object_get(o, "assignment"), assignments[i]), n),
		    0);
	report_csv_cell(b, num(json_object_get(o, "mean_score"), n), 0);
	for (i = 0; i < 5; i++) {
		json_t *v = json_object_get(json_object_get(o, "levels"), levels[i]);
		report_csv_cell(b, v ? num(v, n) : "0", 0);
	}
	report_csv_cell(b, "", 0);
	buf_addstr(b, "\r\n");
}

int report_survey_csv(struct buf *out, json_t *r, enum lang lang)
{
	static const enum msg_id heads[] = {
	    MSG_SURVEY_H_KIND,	    MSG_SURVEY_H_REF,	       MSG_SURVEY_H_NAME,
	    MSG_SURVEY_H_RESPONSES, MSG_SURVEY_H_IMPLEMENTING, MSG_SURVEY_H_INSOURCE,
	    MSG_SURVEY_H_OUTSOURCE, MSG_SURVEY_H_HYBRID,       MSG_SURVEY_H_MEAN,
	    MSG_SURVEY_H_BASIC,	    MSG_SURVEY_H_STANDARD,     MSG_SURVEY_H_ADVANCED,
	    MSG_SURVEY_H_OPTIONAL,  MSG_SURVEY_H_NOT_REQUIRED, MSG_SURVEY_H_NOTE};
	int k = (int)json_integer_value(json_object_get(r, "min_group"));
	struct buf *b = out;
	size_t i;
	json_t *v;

	buf_addstr(b, REPORT_CSV_BOM);
	for (i = 0; i < sizeof(heads) / sizeof(heads[0]); i++)
		report_csv_cell(b, tr(lang, heads[i]), i == 0);
	buf_addstr(b, "\r\n");
	csv_row(b, lang, "overall", json_object_get(r, "overall"), k);
	json_array_foreach (json_object_get(r, "categories"), i, v)
		csv_row(b, lang, "category", v, k);
	json_array_foreach (json_object_get(r, "services"), i, v)
		csv_row(b, lang, "service", v, k);
	return buf_status(b) ? -1 : 0;
}

/* ---- the workbook ---- */

static void xlsx_number(lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, json_t *v)
{
	if (json_is_number(v))
		worksheet_write_number(ws, row, col, json_number_value(v), NULL);
}

static void xlsx_row(lxw_worksheet *ws, lxw_row_t row, enum lang lang, const char *kind, json_t *o,
		     int min_group, lxw_format *pct)
{
	size_t i;

	worksheet_write_string(ws, row, 0, kind, NULL);
	if (json_is_string(json_object_get(o, "ref")))
		worksheet_write_string(ws, row, 1, json_string_value(json_object_get(o, "ref")),
				       NULL);
	if (json_is_string(json_object_get(o, "name")))
		worksheet_write_string(ws, row, 2, json_string_value(json_object_get(o, "name")),
				       NULL);
	xlsx_number(ws, row, 3, json_object_get(o, "responses"));
	if (json_is_true(json_object_get(o, "suppressed"))) {
		char note[128];
		fewer_than(note, sizeof(note), lang, min_group);
		worksheet_write_string(ws, row, 14, note, NULL);
		return;
	}
	if (json_is_number(json_object_get(o, "implementing")))
		worksheet_write_number(ws, row, 4,
				       json_number_value(json_object_get(o, "implementing")), pct);
	for (i = 0; i < 3; i++) {
		json_t *v = json_object_get(json_object_get(o, "assignment"), assignments[i]);
		if (json_is_number(v))
			worksheet_write_number(ws, row, (lxw_col_t)(5 + i), json_number_value(v),
					       pct);
	}
	xlsx_number(ws, row, 8, json_object_get(o, "mean_score"));
	for (i = 0; i < 5; i++) {
		json_t *v = json_object_get(json_object_get(o, "levels"), levels[i]);
		worksheet_write_number(ws, row, (lxw_col_t)(9 + i), v ? json_number_value(v) : 0.0,
				       NULL);
	}
}

int report_survey_xlsx(struct buf *out, json_t *r, enum lang lang)
{
	static const enum msg_id heads[] = {
	    MSG_SURVEY_H_KIND,	    MSG_SURVEY_H_REF,	       MSG_SURVEY_H_NAME,
	    MSG_SURVEY_H_RESPONSES, MSG_SURVEY_H_IMPLEMENTING, MSG_SURVEY_H_INSOURCE,
	    MSG_SURVEY_H_OUTSOURCE, MSG_SURVEY_H_HYBRID,       MSG_SURVEY_H_MEAN,
	    MSG_SURVEY_H_BASIC,	    MSG_SURVEY_H_STANDARD,     MSG_SURVEY_H_ADVANCED,
	    MSG_SURVEY_H_OPTIONAL,  MSG_SURVEY_H_NOT_REQUIRED, MSG_SURVEY_H_NOTE};
	int k = (int)json_integer_value(json_object_get(r, "min_group")), rc;
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *bold, *pct;
	lxw_row_t row = 1;
	char path[REPORT_XLSX_PATH];
	size_t i;
	json_t *v;

	rc = report_xlsx_open("cdcf-survey", path, &wb);
	if (rc)
		return rc;
	ws = workbook_add_worksheet(wb, tr(lang, MSG_WEB_SURVEY_RESULTS));
	bold = workbook_add_format(wb);
	format_set_bold(bold);
	pct = workbook_add_format(wb);
	format_set_num_format(pct, "0.0%");
	for (i = 0; i < sizeof(heads) / sizeof(heads[0]); i++)
		worksheet_write_string(ws, 0, (lxw_col_t)i, tr(lang, heads[i]), bold);
	worksheet_freeze_panes(ws, 1, 0);
	worksheet_set_column(ws, 2, 2, 40, NULL);
	xlsx_row(ws, row++, lang, "overall", json_object_get(r, "overall"), k, pct);
	json_array_foreach (json_object_get(r, "categories"), i, v)
		xlsx_row(ws, row++, lang, "category", v, k, pct);
	json_array_foreach (json_object_get(r, "services"), i, v)
		xlsx_row(ws, row++, lang, "service", v, k, pct);
	return report_xlsx_finish(wb, path, 0, out);
}

int report_survey_template(struct buf *out, json_t *desc)
{
	static const char *const heads[] = {"ref",	  "name",    "implemented", "level",
					    "assignment", "current", "note"};
	size_t i;
	json_t *v;

	buf_addstr(out, REPORT_CSV_BOM);
	for (i = 0; i < sizeof(heads) / sizeof(heads[0]); i++)
		report_csv_cell(out, heads[i], i == 0);
	buf_addstr(out, "\r\n");
	json_array_foreach (json_object_get(desc, "services"), i, v) {
		report_csv_cell(out, json_string_value(json_object_get(v, "ref")), 1);
		report_csv_cell(out, json_string_value(json_object_get(v, "name")), 0);
		buf_addstr(out, ",,,,,\r\n");
	}
	return buf_status(out) ? ERR_NOMEM : 0;
}
