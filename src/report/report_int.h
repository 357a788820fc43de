/*
 * report_int.h - what the report renderers share (not for use outside src/report/).
 *
 * report.c computes the figures once (struct rdoc: gaps, roll-ups, progress
 * from core/score.h) and lays the human-readable content out as a list of
 * sections with tables of plain-text cells (struct rreport). The text,
 * Markdown and HTML renderers only lay that model out, so the three always
 * say the same thing; CSV and JSON read struct rdoc directly, with machine
 * values instead of labels.
 *
 * Every string in the model is valid UTF-8 without control characters
 * (rep_clean), so renderers only have to escape for their own syntax.
 */
#ifndef CDCF_REPORT_INT_H
#define CDCF_REPORT_INT_H

#include <stddef.h>

#include "report/chart_data.h"
#include "core/score.h"
#include "i18n/i18n.h"
#include "report/report.h"
#include "util/buf.h"

struct rdoc {
	const struct portfolio *p;
	enum lang lang;
	const char *lc; /* "en" / "ja" for the core name functions */
	struct gap *gaps;
	size_t n_gaps;
	struct rollup *rollups; /* per category, then overall (category NULL) */
	size_t n_rollups;
	struct progress progress;
	struct score_scale scale; /* the rubrics' score range */
};

void rdoc_init(struct rdoc *d, const struct portfolio *p, enum lang lang);
void rdoc_release(struct rdoc *d);

/* Append s with invalid UTF-8 replaced by U+FFFD; when flatten, control
 * characters (C0, DEL, C1; newlines and tabs too) become one space each. */
int rep_clean(struct buf *b, const char *s, int flatten);

/* Cell texts (appended to b, cleaned and flattened):
 * "A-1 Name (provisional)", "In-house (AB department)", "3" / "n/a" / "—",
 * and the current (which = 0) or target (which = 1) cell of an entry: the
 * side its assignment uses, or "In-house 3 / Outsourced 2" for both. */
int rep_service(struct buf *b, const struct rdoc *d, const struct entry *e);
int rep_assignment(struct buf *b, const struct rdoc *d, const struct entry *e);
int rep_score(struct buf *b, enum lang lang, int score);
int rep_score_cell(struct buf *b, const struct rdoc *d, const struct entry *e, int which);
/* Append a parenthesised remark in the language's style: " (x)" / "（x）". */
int rep_paren(struct buf *b, enum lang lang, const char *text);
/* Category name in the report language, the ref itself when unknown. */
const char *rep_category_name(const struct rdoc *d, const char *ref);
/* Framework name in the report language, or its id, or NULL. */
const char *rep_framework_name(const struct rdoc *d);

#define RT_MAX_COLS 8
#define RT_NO_MSG MSG_COUNT

/* Row flags, for HTML classes. */
#define RT_ROW_PROVISIONAL 1
#define RT_ROW_TOTAL 2

struct rtable {
	size_t ncols, nrows;
	size_t cap_cells, cap_levels, cap_flags;
	enum msg_id head[RT_MAX_COLS];
	unsigned char numeric[RT_MAX_COLS]; /* right-aligned figures */
	char **cells;			    /* nrows * ncols, owned */
	int *row_level;			    /* entry level of the row, -1 when none */
	unsigned char *row_flags;
};

enum rsec_kind { RSEC_PORTFOLIO, RSEC_GAPS, RSEC_ROLLUPS, RSEC_PROGRESS, RSEC_NOTES, RSEC_COUNT };

#define RSEC_MAX_AFTER 4

struct rsection {
	enum rsec_kind kind;
	const char *id; /* "portfolio", "gaps", ...: HTML anchors */
	enum msg_id title;
	enum msg_id intro;		   /* paragraph before the table, or RT_NO_MSG */
	enum msg_id empty;		   /* said instead of an empty table */
	enum msg_id after[RSEC_MAX_AFTER]; /* legend paragraphs after the table */
	size_t n_after;
	struct rtable t;
};

struct rmeta {
	enum msg_id label;
	char *value;
};

struct rreport {
	struct rdoc d;
	struct rmeta meta[3]; /* organization, framework, cycle */
	size_t n_meta;
	struct rsection sec[RSEC_COUNT];
	size_t n_sec;
};

/* Build the model; 0 or ERR_TOO_LARGE (a cell crossed REPORT_MAX_BYTES). */
int rreport_build(struct rreport *r, const struct portfolio *p, enum lang lang);
void rreport_release(struct rreport *r);

/* Renderers: append to out, return 0 or a negative ERR_* code. */
int render_text(const struct rreport *r, struct buf *out, int markdown);
int render_html(const struct rreport *r, struct buf *out);
int render_csv(const struct rdoc *d, struct buf *out);
int render_json(const struct rdoc *d, struct buf *out);

#endif
