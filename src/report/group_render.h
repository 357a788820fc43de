/*
 * group_render.h - the group view (report/group_model.h) as text, CSV, JSON
 * and XLSX, all from the one model.
 *
 * text: the heat map with services as rows and the organizations numbered as
 * columns (the key under it), the roll-ups per category, the spread per
 * service, who provides what; in lang.
 * CSV (machine, RFC 4180, CRLF, header row): one row per organization and
 * selected service:
 *   organization,parent,depth,category,ref,service,level,assignment,team,
 *   provider,current,target,gap,class
 * text cells neutralised against formulas (report_csv_cell); figures rounded
 * as shown (score_round), empty when none; class is the heat map's class of
 * the value shown (--by): low, mid, high or none.
 * JSON: {organization, framework, by, scale, categories[], services[] with
 * their spread, organizations[] with roll-ups and cells by service ref}.
 * XLSX: sheets Heat map (coloured by class), Roll-ups, Spread, Sourcing;
 * strings written as strings, never formulas.
 */
#ifndef CDCF_GROUP_RENDER_H
#define CDCF_GROUP_RENDER_H

#include "i18n/i18n.h"
#include "report/group_model.h"
#include "util/buf.h"
#include "util/err.h"

enum group_format { GROUP_TEXT, GROUP_CSV, GROUP_JSON, GROUP_XLSX };

/* "text" ... "xlsx": 0 and *out, or -1. */
int group_format_parse(const char *s, enum group_format *out);

/* Append m in format f and language lang to out; 0 or an error code (ERR_TOO_LARGE, ...). */
int group_render(const struct group_model *m, enum group_format f, enum lang lang, struct buf *out);

/* Names in lang, English when the framework has no Japanese one. */
const char *group_service_name(const struct group_service *s, enum lang lang);
const char *group_category_name(const struct group_category *c, enum lang lang);
/* The message naming what the heat map shows (MSG_GROUP_BY_CURRENT / _GAP) in lang. */
const char *group_by_label(const struct group_model *m, enum lang lang);

/* A figure rounded as shown, in out (REPORT_FIGURE_MAX bytes). */
const char *group_figure(char *out, double v);

/* group_render, its error in e (the report's messages: too large, out of memory, the
 * temporary file of a workbook); out is left as it was on failure. */
int group_render_e(const struct group_model *m, enum group_format f, enum lang lang,
		   struct buf *out, struct err *e);

int group_render_xlsx(const struct group_model *m, enum lang lang, struct buf *out);

#endif
