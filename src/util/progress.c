/*
 * progress.c - the stop flag a signal sets, and the throttled call of a
 * watcher's step (progress.h).
 */
#include <signal.h>
#include <string.h>

#include "util/progress.h"

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

void progress_catch_signals(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_RESETHAND; /* a second signal ends the process */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

int progress_interrupted(void)
{
	return stop != 0;
}

void progress_interrupt(int on)
{
	stop = on ? 1 : 0;
}

int progress_at(struct progress_watch *p, uint64_t done, uint64_t total, struct err *e)
{
	if (stop)
		return err_fail(e, ERR_INTERRUPTED, "", MSG_E_INTERRUPTED);
	if (p && p->step && ++p->calls >= PROGRESS_EVERY) {
		p->calls = 0;
		p->step(p->ctx, done, total);
	}
	return 0;
}

void progress_done(struct progress_watch *p, uint64_t total)
{
	if (!p)
		return;
	if (p->step)
		p->step(p->ctx, total, total);
	if (p->end)
		p->end(p->ctx);
}
