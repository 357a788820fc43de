/*
 * ops_int.h - what the files of ops/ share; not for other modules.
 *
 * Every change of ops/ has the same shape:
 *
 *   rc = ops_tx_begin(st, e);            // one transaction per user action
 *   if (rc)
 *           return rc;
 *   rc = ... store_* calls (they nest and join it) ...;
 *   return ops_tx_end(st, rc, e);        // commit on 0, else roll back and keep e
 */
#ifndef CDCF_OPS_INT_H
#define CDCF_OPS_INT_H

#include "ops/ops.h"

/* Begin the action's transaction. */
int ops_tx_begin(struct store *st, struct err *e);

/* End it: commit when rc is 0, else roll back. Returns rc, or the commit's error. */
int ops_tx_end(struct store *st, int rc, struct err *e);

/* Resolve an organization's id (and with pid, its portfolio of fw_id). */
int ops_resolve(struct store *st, const char *org, const char *fw_id, long long *org_id,
		long long *pid, struct err *e);

/*
 * The start of an action on one portfolio: ops_tx_begin, then ops_load of
 * ORG's FW portfolio into p (initialised here). Returns 0 inside the
 * transaction, or the error with the transaction rolled back and p
 * released, for the caller to return as it is.
 */
int ops_tx_load(struct store *st, const char *org, const char *fw_id, struct portfolio *p,
		struct err *e);

/* The same with ops_resolve, for an action that needs only the ids. */
int ops_tx_resolve(struct store *st, const char *org, const char *fw_id, long long *org_id,
		   long long *pid, struct err *e);

/* Name the field the error rc in e is about (e may be NULL); returns rc, so a refusal reads
 * `return ops_field(e, rule_title(ref, title, e), "title");` (0 passes through untouched). */
int ops_field(struct err *e, int rc, const char *field);

/* ops_rows_save (patch 0: fields "entries[i].<input>") and ops_entry_patch (patch 1: the
 * input alone, the rows being of one entry), for the actions of one entry. */
int ops_rows_run(struct store *st, const struct ops_actor *who, const char *org, const char *fw_id,
		 struct ops_rows *rows, int patch, struct err *e);

/* Load the portfolio with id portfolio_id with its framework attached, as ops_load does. */
int ops_load_id(struct store *st, long long portfolio_id, struct portfolio *p, struct err *e);

#endif
