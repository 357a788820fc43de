/*
 * import_actions.h - the sheet Actions of an imported workbook applied to
 * the portfolio's improvement actions (import_actions.c), called by
 * ops_import inside its transaction.
 */
#ifndef CDCF_OPS_IMPORT_ACTIONS_H
#define CDCF_OPS_IMPORT_ACTIONS_H

#include "io/actions_import.h"
#include "ops/ops_import.h"

/*
 * Apply the rows of in to ORG's FW portfolio's actions, inside the caller's
 * transaction: a row is matched to an action by its ref, the k-th row of a
 * service being its k-th action, oldest first (the order the workbook writes
 * them); a service named in the sheet must have as many rows as actions
 * (ERR_INVALID otherwise: actions are added and deleted on the actions page).
 * The title, owner, due date and target that differ from what is stored go
 * to ops_action_edit, a status that differs to ops_action_status: the rules
 * of the actions page. Each input changed is appended to out (ref: the
 * service, input "action.title", "action.owner", "action.due",
 * "action.target", "action.status"). On the first refusal e names its cell
 * (Actions!C5) and out->problems holds it; the caller rolls back.
 */
int ops_import_actions(struct store *st, const char *org, const char *fw_id,
		       const struct actions_import *in, struct ops_import_result *out,
		       struct err *e);

#endif
