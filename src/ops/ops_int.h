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

/*
 * Rows of one portfolio checked and applied one at a time, then written (the
 * engine of ops_rows_run, and of ops_import, which reads its rows as it goes):
 *
 *   rc = ops_batch_begin(&b, st, who, org, fw_id, e);   // in the transaction, b.p loaded
 *   for each row: rc_row = ops_batch_row(&b, &row, "entries[3]", &row_err);
 *   if (!b.refused) rc = ops_batch_write(&b, e);         // the changed entries
 *   rc = ops_batch_end(&b, rc, e);                       // commit (or join), or roll back
 *
 * A row is checked against b.p as the rows before left it and applied to it
 * in memory; once a row is refused the later ones are only checked.
 */
struct ops_batch {
	struct store *st;
	const struct ops_actor *who;
	struct portfolio p; /* the portfolio, the rows applied */
	long *changed;	    /* indexes in p.entries of the entries the rows changed */
	size_t n_changed, cap_changed;
	unsigned char *seen; /* seen[k]: entry k is in changed */
	size_t cap_seen;
	size_t refused; /* rows refused */
	/* of the row checked last: its entry (-1: none), whether it was reassigned, the side
	 * its any[] scores went to (-1: none) */
	long idx;
	int reassigned, side_used;
	long failed; /* ops_batch_write refused: the entry (index in p.entries) */
	/* p's entries as loaded (as stored), each copied before the first row that touches it
	 * (ref_id NULL: untouched) */
	struct entry *orig;
	size_t n_orig;
};

int ops_batch_begin(struct ops_batch *b, struct store *st, const struct ops_actor *who,
		    const char *org, const char *fw_id, struct err *e);
/* Check row r and apply it to b->p; at names its fields ("entries[3]", "" for the input
 * alone). Returns 0 or the refusal, in e. */
int ops_batch_row(struct ops_batch *b, const struct ops_row *r, const char *at, struct err *e);
/* Store the changed entries (store_entry_put_loaded, against b->orig); b->failed names the
 * entry refused. */
int ops_batch_write(struct ops_batch *b, struct err *e);
/* Release b and end its transaction with rc (ops_tx_end). */
int ops_batch_end(struct ops_batch *b, int rc, struct err *e);

/* ops_rows_save (patch 0: fields "entries[i].<input>") and ops_entry_patch (patch 1: the
 * input alone, the rows being of one entry), for the actions of one entry. */
int ops_rows_run(struct store *st, const struct ops_actor *who, const char *org, const char *fw_id,
		 struct ops_rows *rows, int patch, struct err *e);

/* Load the portfolio with id portfolio_id with its framework attached, as ops_load does. */
int ops_load_id(struct store *st, long long portfolio_id, struct portfolio *p, struct err *e);

#endif
