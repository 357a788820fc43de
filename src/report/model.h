/*
 * model.h - the report model: every figure and cell text of a portfolio's
 * report, computed once, for every view.
 *
 * `cdcf report` (text, md, csv, json, html), the web report page, its
 * downloads and the dashboard's figures all render from this model, so they
 * cannot disagree: the figures come from core/score.h (entry figures, gaps,
 * priorities, roll-ups, progress) and are rounded there (score_round,
 * score_percent); the model turns them into the texts every view shows.
 * No view computes a figure of its own.
 *
 *   struct report_input in = {.p = &p, .lang = LANG_JA, .history = &h,
 *                             .warning = ops_entry_warned};
 *   struct report_model *m;
 *   rc = report_model_new(&in, &m, &e);
 *   if (!rc)
 *           rc = report_model_render(m, REPORT_HTML, &out, &e);
 *   report_model_free(m);
 *
 * The model borrows in->p, in->history and the framework: they must outlive
 * it. Every string in it is valid UTF-8 without control characters, so a
 * view only escapes for its own syntax.
 */
#ifndef CDCF_REPORT_MODEL_H
#define CDCF_REPORT_MODEL_H

#include <stddef.h>

#include "core/level.h"
#include "core/portfolio.h"
#include "report/chart_data.h"
#include "report/report.h"
#include "util/buf.h"
#include "util/err.h"

#define REPORT_FIGURE_MAX 32
#define REPORT_PHASES 3 /* catalogue, profile, portfolio */

/* A figure as every view shows it. */
struct report_figure {
	int ok;			      /* there is a figure */
	double value;		      /* unrounded; valid when ok */
	char text[REPORT_FIGURE_MAX]; /* score_round()ed: "3", "3.5", "-1"; "—" when none */
};

/* Format v as a figure's text (see struct report_figure); returns out. */
const char *report_figure_format(char out[REPORT_FIGURE_MAX], double v);

/*
 * One entry of the portfolio table, in the portfolio's order. current and
 * target are the entry's figures (entry_figure: the mean of the sides its
 * assignment uses; an unassigned entry uses the sides that were scored),
 * gap is entry_gap. Their cells read the figure, else "n/a" when a side
 * shown is n/a, else "—". sides spells out each side of a hybrid entry, or
 * of an unassigned one that has scores: "In-house 1 → 2 / Outsourced — → 5"
 * (empty for other entries: their one side is the figure).
 */
struct report_entry {
	const struct entry *e;
	int provisional;
	int warning; /* the input's advisory applies (management-type service outsourced) */
	struct report_figure current, target, gap;
	char *service;	  /* "A-1 Risk management (provisional)" */
	char *label;	  /* "A-1 Risk management": charts */
	char *assignment; /* "In-house (AB department)", "Hybrid (T / P)", "Unassigned" */
	char *current_cell, *target_cell, *gap_cell;
	char *sides;
};

/* A roll-up per category, or the overall one (category NULL). */
struct report_rollup {
	const char *category;	    /* the category's ref, "" for none, NULL for overall */
	const char *name;	    /* its name in the model's language */
	enum assessment assessment; /* the model of the entries it counts (struct rollup) */
	char *label;		    /* "A Governance", "No category", "Overall" */
	size_t n_selected, n_assessed;
	struct report_figure current, target, gap;
	const size_t *trace; /* indices of the entries counted (n_assessed) */
	char *trace_text;    /* "A-1, B-1" or "none" */
};

/* One build phase: done of total, and the percentage score_percent gives. */
struct report_phase {
	enum msg_id phase;   /* MSG_CATALOGUE, MSG_PROFILE, MSG_PORTFOLIO */
	enum msg_id measure; /* what is counted */
	size_t done, total;
	unsigned percent;
	char percent_text[16]; /* "92%", or "—" when total is 0 */
};

/* The overall figures of one closed cycle (the trend). */
struct report_trend_point {
	int cycle;
	char closed[16]; /* "YYYY-MM-DD" */
	struct report_figure current, target;
	size_t assessed;
};

/* The closed cycles of a portfolio, oldest first: their frozen portfolios. */
struct report_cycle {
	int number;
	char *closed_at;
	struct portfolio p;
};
struct report_history {
	struct report_cycle *cycles;
	size_t n, cap;
};

void report_history_init(struct report_history *h);
/*
 * Add closed cycle number, closed at closed_at ("2026-04-01T09:30:00Z"), whose
 * frozen portfolio p is moved into h (p is left empty, initialised). Add the
 * cycles oldest first. ops_report_history() reads them from the database.
 */
void report_history_add(struct report_history *h, int number, const char *closed_at,
			struct portfolio *p);
void report_history_release(struct report_history *h);

/*
 * The portfolio's actions as the caller read them (the report layer cannot
 * read the store): the open ones, and how many of those are overdue (open,
 * due before today: ops_action_counts).
 */
struct report_actions {
	size_t open, overdue;
};

struct report_action {
	char *ref, *title, *owner, *due, *status; /* owner, due: NULL when none */
	int target;				  /* SCORE_NONE: none */
	int overdue;				  /* open, due before today */
};

#define REPORT_GLANCE_TOP 5 /* the summary lists at most this many gaps, changes, actions */

/* What changed in an entry since the last closed cycle. */
enum report_change_kind {
	REPORT_CHANGE_ADDED,	  /* in the portfolio now, not then */
	REPORT_CHANGE_REMOVED,	  /* then, not now */
	REPORT_CHANGE_LEVEL,	  /* recommendation level */
	REPORT_CHANGE_ASSIGNMENT, /* assignment, team or provider */
	REPORT_CHANGE_CURRENT,	  /* current figure (entry_figure) */
	REPORT_CHANGE_TARGET,	  /* target figure */
	REPORT_CHANGE_KINDS
};

/*
 * The figures at the top of every view (the report's "At a glance", the
 * dashboard's portfolio cards), each with the text every view shows:
 * overall current and target (the overall roll-up), the gaps per
 * recommendation level (score_gaps: not_required never has one), the
 * overdue actions and the planned next evaluation.
 */
struct report_glance {
	struct report_figure current, target; /* ok when a service is assessed */
	char *overall;			      /* "1.5 → 3", or "not assessed" */
	size_t gaps[LEVEL_COUNT];	      /* positive gaps per level */
	size_t n_gaps;
	char *gaps_text; /* "Basic 2, Standard 1, Advanced 0, Optional 0", or "none" */
	int has_actions; /* the input gave the actions (else the texts below are NULL) */
	size_t open_actions, overdue_actions;
	char *actions_text;	     /* "1 overdue of 3 open" */
	const char *next_evaluation; /* "YYYY-MM-DD", NULL when not planned */
	char *next_text;	     /* the date, or "not planned" */
	/*
	 * The board's summary besides the figures above: the per-category
	 * current -> target are the model's roll-ups, the top gaps its first
	 * n_top_gaps gaps (priority order). The changes since the last closed
	 * cycle compare the open portfolio with that cycle's frozen one, entry
	 * by entry (has_changes: the input's history has a closed cycle):
	 * changes[k] counts the entries with a change of kind k, n_changed
	 * those with any, changes_text says the counts ("Level 1, Current 2" or
	 * "none") and change_lines the first REPORT_GLANCE_TOP changed entries
	 * ("A-1 Risk management: Level Standard → Basic"), portfolio order
	 * then the removed ones, with change_refs the entry of each line and
	 * change_kinds its kinds (bit k: enum report_change_kind k). overdue
	 * lists the overdue actions of the input's lists (none without lists),
	 * oldest first, at most REPORT_GLANCE_TOP, action being the index in
	 * lists->actions of each (the machine values of the JSON report).
	 */
	size_t n_top_gaps;
	int has_changes;
	int since_cycle; /* the last closed cycle's number */
	size_t changes[REPORT_CHANGE_KINDS];
	size_t n_changed;
	char *changes_text;
	char **change_lines;
	const char **change_refs; /* borrowed from the portfolios */
	unsigned *change_kinds;
	size_t n_change_lines;
	struct {
		char *title, *owner, *due; /* cleaned; owner and due "—" when none */
		size_t action;		   /* index into the input's lists->actions */
	} overdue[REPORT_GLANCE_TOP];
	size_t n_overdue;
};

/*
 * What the workbook (REPORT_XLSX) shows besides the portfolio, read by the
 * caller (ops_report_lists; the report layer cannot read the store): the
 * organization's teams and providers, the drop-downs of its Portfolio sheet,
 * and the portfolio's improvement actions, oldest first. Without it the
 * drop-downs offer the names the entries use and the Actions sheet is empty.
 */
struct report_lists {
	char **teams, **providers;
	size_t n_teams, n_providers;
	struct report_action *actions;
	size_t n_actions;
};
void report_lists_release(struct report_lists *l);

/* Does an entry call for an advisory? Nonzero: yes (ops_entry_warned: the rule lives in ops). */
typedef int (*report_warning_fn)(const struct portfolio *p, const struct entry *en);

struct report_input {
	const struct portfolio *p;	      /* framework attached, catalogue order */
	enum lang lang;			      /* language of every text */
	const struct report_history *history; /* closed cycles for the trend, or NULL: no trend */
	report_warning_fn warning;	      /* marks entries on the quadrant, or NULL */
	const struct report_actions *actions; /* for the glance, or NULL: not shown */
	const struct report_lists *lists;     /* for the workbook, or NULL (above) */
};

struct report_model {
	const struct portfolio *p;
	enum lang lang;
	const char *lc; /* "en" / "ja" for the core name functions */
	struct score_scale scale;
	report_warning_fn warning;
	const struct report_lists *lists; /* in->lists, borrowed */
	char *organization;		  /* meta values, NULL when unknown */
	char *framework;		  /* "ITU-T X.1060 ... (x1060-2021)" */
	struct report_entry *entries;	  /* p->n_entries, in the portfolio's order */
	size_t n_entries;
	size_t *gaps; /* indices into entries, priority order (score_gaps) */
	size_t n_gaps;
	struct report_rollup *rollups; /* per category in catalogue order, then overall */
	size_t n_rollups;
	const struct report_rollup *overall; /* the last roll-up */
	struct report_phase progress[REPORT_PHASES];
	struct report_glance glance;
	int has_trend; /* built with a history */
	struct report_trend_point *trend;
	size_t n_trend;
	/* private to the builder */
	struct gap *gap_list;
	struct rollup *rollup_list;
};

/* Is re a readiness component of a framework whose services have sides (a
 * PSIRT's operational foundation)? Every view shows those in a section of
 * their own, on their own scale, not in the portfolio table. */
int report_in_readiness(const struct report_model *m, const struct report_entry *re);

/*
 * Build the model of in->p. Returns 0 with *out set (free it with
 * report_model_free), or ERR_TOO_LARGE when a text crosses
 * REPORT_MAX_BYTES, with e (may be NULL) saying so.
 */
int report_model_new(const struct report_input *in, struct report_model **out, struct err *e);
void report_model_free(struct report_model *m);

/* Render m as format f and append it to out, as report_render does. */
int report_model_render(const struct report_model *m, enum report_format f, struct buf *out,
			struct err *e);

/* Append m's glance as the HTML report shows it (<dl class="glance">, a
 * card per figure) and the board's summary tables after it (<div
 * class="board">: per category, top gaps, changes, overdue actions); the web
 * report page puts it at the top of its own. */
int report_glance_html(struct buf *b, const struct report_model *m);

#endif
