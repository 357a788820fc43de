/*
 * progress.h - how a long operation (an import, an export, a rebuild) tells
 * its caller how far it got, and learns that it was asked to stop.
 *
 *   struct progress_watch *p = ...;   (NULL: nobody watches; still stoppable)
 *   for (each row) {
 *           if ((rc = progress_at(p, bytes_read, file_size, e)))
 *                   goto rollback;       (ERR_INTERRUPTED, e: "interrupted: ...")
 *           ...
 *   }
 *   progress_done(p);
 *
 * The operation never prints: it hands done/total to p->step, which the
 * edge (the CLI's bar, cli/progress_bar.h) draws. progress_at costs a
 * counter compare per call; p->step is called at most every
 * PROGRESS_EVERY calls (and at the end), and throttles by time itself.
 *
 * Stopping: a command whose operation checks progress_at calls
 * progress_catch_signals() first. SIGINT or SIGTERM then only sets a flag
 * (async-signal-safe); the next progress_at returns ERR_INTERRUPTED, and the
 * operation rolls back its transaction and removes what it had half
 * written. A second signal ends the process as before (SA_RESETHAND).
 */
#ifndef CDCF_PROGRESS_H
#define CDCF_PROGRESS_H

#include <stdint.h>

#include "util/err.h"

#define PROGRESS_EVERY 64 /* calls of progress_at between two of p->step */

struct progress_watch {
	/* done of total units (bytes, rows, organizations; total 0: unknown) */
	void (*step)(void *ctx, uint64_t done, uint64_t total);
	void (*end)(void *ctx); /* the operation ended (NULL: nothing to do) */
	void *ctx;
	unsigned calls; /* progress_at's own */
};

/* SIGINT and SIGTERM set the flag progress_interrupted() reads, once each. */
void progress_catch_signals(void);
/* Was a caught signal received? */
int progress_interrupted(void);
/* For tests: ask to stop as a signal would (1), or forget it (0). */
void progress_interrupt(int on);

/* done of total: 0, or ERR_INTERRUPTED with e set ("interrupted: nothing was changed")
 * when a caught signal arrived. p may be NULL. */
int progress_at(struct progress_watch *p, uint64_t done, uint64_t total, struct err *e);
/* The last step (done = total) and p->end. p may be NULL. */
void progress_done(struct progress_watch *p, uint64_t total);

#endif
