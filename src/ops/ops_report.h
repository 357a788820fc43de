/*
 * ops_report.h - the full report model of a portfolio, built the one way
 * every front end shows it (`cdcf report`, the report page and its
 * downloads, GET .../report of the API): the closed cycles (the trend, the
 * changes since the last cycle), the open and overdue actions (the summary),
 * the teams, providers and actions (the workbook and the summary's overdue
 * list) and the management-type advisory (the quadrant).
 */
#ifndef CDCF_OPS_REPORT_H
#define CDCF_OPS_REPORT_H

#include "core/portfolio.h"
#include "i18n/i18n.h"
#include "report/model.h"
#include "store/store.h"
#include "util/err.h"

struct ops_report {
	struct report_history history;
	struct report_actions actions;
	struct report_lists lists;
	struct report_model *m; /* the model; borrows p and the three above */
};

/* Build r for p (loaded with its framework by ops_load) in lang. On failure r holds
 * nothing to release; else ops_report_release, before p is released. */
int ops_report_model(struct store *st, const struct portfolio *p, enum lang lang,
		     struct ops_report *r, struct err *e);
void ops_report_release(struct ops_report *r);

#endif
