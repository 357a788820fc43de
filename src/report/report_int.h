/*
 * report_int.h - what the report renderers share (not for use outside src/report/).
 *
 * The figures and cell texts are in the public model (model.h). For the
 * human-readable formats, layout.c lays that model out as a list of sections
 * with tables of plain-text cells (struct rreport); the text, Markdown and
 * HTML renderers only lay that out, so the three always say the same thing.
 * CSV and JSON read the model directly, with machine values instead of
 * labels.
 */
#ifndef CDCF_REPORT_INT_H
#define CDCF_REPORT_INT_H

#include <stddef.h>

#include "core/score.h"
#include "i18n/i18n.h"
#include "report/model.h"
#include "report/report.h"
#include <xlsxwriter.h>

#include "util/buf.h"

/* Append s with invalid UTF-8 replaced by U+FFFD; when flatten, control
 * characters (C0, DEL, C1; newlines and tabs too) become one space each. */
int rep_clean(struct buf *b, const char *s, int flatten);

/* "3" / "n/a" / "—" for a side score. */
int rep_score(struct buf *b, enum lang lang, int score);
/* Append a parenthesised remark in the language's style: " (x)" / "（x）". */
int rep_paren(struct buf *b, enum lang lang, const char *text);
/* Category name in the model's language, the ref itself when unknown. */
const char *rep_category_name(const struct report_model *m, const char *ref);
/* Framework name in the model's language, or its id, or NULL. */
const char *rep_framework_name(const struct report_model *m);

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
	const char **cells;		    /* nrows * ncols, borrowed from the model */
	int *row_level;			    /* entry level of the row, -1 when none */
	unsigned char *row_flags;
};

enum rsec_kind {
	RSEC_GLANCE,
	/* the board's summary, with the glance (HTML: inside its section) */
	RSEC_BOARD_CATEGORIES,
	RSEC_BOARD_GAPS,
	RSEC_BOARD_CHANGES,
	RSEC_BOARD_OVERDUE,
	RSEC_PORTFOLIO,
	RSEC_READINESS,
	RSEC_GAPS,
	RSEC_ROLLUPS,
	RSEC_PROGRESS,
	RSEC_NOTES,
	RSEC_COUNT
};

#define RSEC_MAX_AFTER 5

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
	const char *value;
};

struct rreport {
	const struct report_model *m;
	struct rmeta meta[3]; /* organization, framework, cycle */
	size_t n_meta;
	char cycle[16];
	struct rsection sec[RSEC_COUNT];
	size_t n_sec;
	char **owned; /* texts of the layout's own (counts, notes) */
	size_t n_owned, cap_owned;
};

/* Lay the model out; the layout borrows the model's texts. 0 or
 * ERR_TOO_LARGE (a note crossed REPORT_MAX_BYTES). */
int rreport_build(struct rreport *r, const struct report_model *m);
void rreport_release(struct rreport *r);

/* Renderers: append to out, return 0 or a negative ERR_* code. */
int render_text(const struct rreport *r, struct buf *out, int markdown);
int render_html(const struct rreport *r, struct buf *out);
int render_csv(const struct report_model *m, struct buf *out);
int render_csv_excel(const struct report_model *m, struct buf *out);
int render_json(const struct report_model *m, struct buf *out);
int render_xlsx(const struct report_model *m, struct buf *out);
/* The directory render_xlsx writes its temporary file in: $TMPDIR, else /tmp. */
const char *report_xlsx_tmpdir(void);
/* A workbook written through a temporary file (libxlsxwriter writes files only): a new one
 * on a new file of report_xlsx_tmpdir() named after prefix, its name into path; then,
 * closed (the file written, the workbook freed), its bytes into out unless rc is already a
 * failure, and the file removed. 0 or the failure (open: nothing is left). */
#define REPORT_XLSX_PATH 4096
int report_xlsx_open(const char *prefix, char path[REPORT_XLSX_PATH], lxw_workbook **wb);
int report_xlsx_finish(lxw_workbook *wb, const char *path, int rc, struct buf *out);

#endif
