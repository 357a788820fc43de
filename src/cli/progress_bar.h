/*
 * progress_bar.h - the one-line bar a long command draws on stderr while its
 * operation reports progress (util/progress.h).
 *
 *   struct cli_bar bar;
 *   cli_bar_start(&bar, CLI_BAR_BYTES, json);   (signals caught from here on)
 *   in.progress = &bar.p;
 *   rc = ops_import(...);                        (calls bar.p.step)
 *   cli_bar_end(&bar);                           (the line cleared)
 *
 * The bar is drawn only when stderr is a terminal and the command does not
 * print machine output (quiet: --json); in a pipe, a file or a test nothing
 * is ever written. It shows done/total, the percentage, the rate and the
 * time elapsed, redrawn at most CLI_BAR_HZ times a second.
 */
#ifndef CDCF_CLI_PROGRESS_BAR_H
#define CDCF_CLI_PROGRESS_BAR_H

#include <stdint.h>

#include "util/progress.h"

#define CLI_BAR_HZ 10

enum cli_bar_unit { CLI_BAR_BYTES, CLI_BAR_ITEMS };

struct cli_bar {
	struct progress_watch p; /* hand &bar.p to the operation */
	enum cli_bar_unit unit;
	int on;		    /* drawing at all */
	int drawn;	    /* a line is on the screen */
	double start, last; /* seconds (monotonic) */
};

/* Set up bar (drawn when stderr is a terminal and !quiet) and catch SIGINT/SIGTERM so the
 * operation can stop cleanly (progress_catch_signals). */
void cli_bar_start(struct cli_bar *bar, enum cli_bar_unit unit, int quiet);
/* Clear the bar's line, if one was drawn. */
void cli_bar_end(struct cli_bar *bar);

#endif
