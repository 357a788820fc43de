/*
 * progress_bar.c - the progress bar of long commands on a terminal
 * (progress_bar.h).
 */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/progress_bar.h"

#define BAR_WIDTH 24

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* n in the bar's unit: "12.3 MB" (or "456 kB" for a total under a megabyte) for bytes,
 * "1234" for items */
static void amount(char *buf, size_t size, enum cli_bar_unit unit, double n, double total)
{
	if (unit == CLI_BAR_BYTES && total >= 1e6)
		snprintf(buf, size, "%.1f MB", n / 1e6);
	else if (unit == CLI_BAR_BYTES)
		snprintf(buf, size, "%.0f kB", n / 1e3);
	else
		snprintf(buf, size, "%.0f", n);
}

static void draw(void *ctx, uint64_t done, uint64_t total)
{
	struct cli_bar *bar = ctx;
	char line[160], d[32], t[32], r[32], fill[BAR_WIDTH + 1];
	double at = now(), secs = at - bar->start, frac;
	size_t k, full;
	unsigned long el;

	if (done < total && at - bar->last < 1.0 / CLI_BAR_HZ)
		return;
	bar->last = at;
	frac = total ? (double)done / (double)total : 0;
	if (frac > 1)
		frac = 1;
	full = (size_t)(frac * BAR_WIDTH);
	for (k = 0; k < BAR_WIDTH; k++)
		fill[k] = k < full ? '#' : '-';
	fill[BAR_WIDTH] = '\0';
	amount(d, sizeof(d), bar->unit, (double)done, (double)total);
	amount(t, sizeof(t), bar->unit, (double)total, (double)total);
	amount(r, sizeof(r), bar->unit, secs > 0 ? (double)done / secs : 0, (double)total);
	el = (unsigned long)secs;
	snprintf(line, sizeof(line), "\r[%s] %3.0f%%  %s/%s  %s/s  %lu:%02lu\033[K", fill,
		 frac * 100, d, t, r, el / 60, el % 60);
	fputs(line, stderr);
	fflush(stderr);
	bar->drawn = 1;
}

void cli_bar_start(struct cli_bar *bar, enum cli_bar_unit unit, int quiet)
{
	memset(bar, 0, sizeof(*bar));
	bar->unit = unit;
	bar->on = !quiet && isatty(STDERR_FILENO);
	bar->start = now();
	bar->p.ctx = bar;
	bar->p.step = bar->on ? draw : NULL;
	progress_catch_signals();
}

void cli_bar_end(struct cli_bar *bar)
{
	if (bar->drawn) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
	}
	bar->drawn = 0;
}
