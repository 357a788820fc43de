/*
 * report.h - the portfolio report in text, Markdown, CSV, JSON and HTML.
 *
 * Every format renders the one report model (report/model.h), all figures
 * from core/score.h and rounded by its one rule (two decimals; progress to
 * the nearest whole percent):
 *  - the glance (text, Markdown, HTML): overall current → target, the gaps
 *    per recommendation level, the overdue of the open actions (when the
 *    caller gave them: report_input.actions) and the planned next
 *    evaluation;
 *  - the portfolio table (X.1060's one table): every entry of the catalogue,
 *    not_required ones included, with service ref and name in the chosen
 *    language (provisional and custom services marked), recommendation level,
 *    assignment with its team or provider ("In-house (AB department)",
 *    "Outsourced (Z-MSSP)", "Hybrid (T / P)", "Unassigned"), the scores by
 *    side of a hybrid or unassigned entry ("In-house 1 → 2 / Outsourced — →
 *    5"), and the entry's current, target and gap figures: the mean of the
 *    sides its assignment uses (an unassigned entry: the sides scored), "n/a",
 *    or "—" when not assessed;
 *  - the gaps in priority order (score_gaps): not_required entries never;
 *  - the roll-up per category and overall (score_rollups, unweighted), with
 *    the formula stated, n assessed / n selected and the services counted;
 *  - the build progress (score_progress, score_percent): catalogue, profile,
 *    portfolio;
 *  - the entries' notes.
 * HTML adds the radar chart (current vs target per category), the gap-bar
 * chart, a level x current-score heat map, the procurement quadrant and,
 * when the model has the closed cycles, the trend across them, as inline SVG
 * (report/charts.h), each with a table of the numbers behind it; it is one
 * self-contained file (inline CSS, no script, no external resources),
 * printable.
 *
 * Entries are reported in the order they are in (call portfolio_sort first).
 * Output is deterministic (no clock, fixed decimals) for golden tests.
 *
 * CSV (RFC 4180, CRLF line ends, one row per entry after a header row):
 *   ref,name,category,level,assignment,team,provider,insource_current,
 *   insource_target,outsource_current,outsource_target,current,target,gap,
 *   provisional,note
 * level/assignment are the machine names of core/level.h; side scores are
 * 1..5, "n/a" or empty (not assessed); current/target/gap are the entry
 * figures (mean of the sides used, up to two decimals) or empty;
 * provisional is "true"/"false". Text cells that begin with = + - @ TAB or CR
 * get a leading ' (and are quoted) so spreadsheets do not run them as
 * formulas; figures are numbers cdcf wrote itself and stay numbers (a
 * negative gap keeps its '-').
 *
 * The CSV for spreadsheets (REPORT_CSV_EXCEL, `cdcf report --format csv
 * --for-excel`, the report page's "CSV for spreadsheets (Excel)") is for
 * people, not programs: a UTF-8 byte order mark (EF BB BF) first, so Excel on
 * Japanese Windows does not read it as Shift_JIS; CRLF line ends; the same
 * sixteen columns in the same order as the machine CSV, with the headings in
 * the model's language ("Ref", "Service", ... / "番号", "サービス", ...);
 * the category as its name, level and assignment as words ("Basic",
 * "In-house" / "ベーシック", "インソース"), a side score "n/a" as the
 * language's word ("対象外") and empty when not assessed, an entry figure the
 * model has not as "not assessed" ("未評価") or n/a, provisional as
 * "yes"/"no" ("はい"/"いいえ"). Figures are the model's, as numbers. Every
 * text cell is neutralised against formulas as in the machine CSV. Its
 * headings and words may change with the message tables: programs read the
 * machine CSV.
 *
 * JSON (one object; keys always present, in this order):
 *   {"report_version": 1, "organization": str|null, "framework": str|null,
 *    "framework_name": str|null, "cycle": int, "lang": "en"|"ja",
 *    "summary": {"overall": {"current", "target"}, "n_gaps": int,
 *                "gaps_by_level": {"basic": int, ..., "in_scope": int},
 *                "categories": [{"category", "name", "current", "target", "gap"}],
 *                "top_gaps": [gap, at most 5], "changes": {...}|null,
 *                "actions": {...}|null, "next_evaluation": "YYYY-MM-DD"|null},
 *    "entries": [{"ref", "name", "category", "level", "assignment",
 *                 "team": str|null, "provider": str|null,
 *                 "insource": {"current", "target"}, "outsource": {...},
 *                 "current", "target", "gap", "provisional": bool,
 *                 "custom": bool, "note": str|null}],
 *    "gaps": [{"rank", "ref", "name", "level", "assignment",
 *              "current", "target", "gap"}],
 *    "rollups": [{"category", "name", "n_selected", "n_assessed",
 *                 "current", "target", "gap", "trace": [ref...]}],
 *    "overall": {"n_selected", "n_assessed", "current", "target", "gap",
 *                "trace": [ref...], "formula": "mean", "weighted": false},
 *    "progress": {"catalogue": {"done", "total"}, "profile": {...},
 *                 "portfolio": {...}}}
 * XLSX (REPORT_XLSX, report_xlsx.c): the portfolio workbook of
 * docs/formats.md, the layout `cdcf import` reads back: sheets Portfolio
 * (one row per entry, drop-downs for level, assignment, team, provider and
 * the scores on each entry's scale, the entry's version in a hidden column),
 * Gaps, Summary (with a native chart of current vs target per category),
 * Actions, History and About (organization, framework id, format version).
 * Headings and words in the model's language; text cells are always strings
 * (never formulas); the same model gives the same bytes (a fixed creation
 * time, no clock).
 *
 * "summary" is the board summary the other views open with (the model's
 * glance): "changes" (null without a closed cycle) is {"since_cycle",
 * "n_changed", "counts": {"added", "removed", "level", "assignment",
 * "current", "target"}, "entries": [{"ref", "kinds": [kind...], "text"}]}
 * (at most 5 entries, the text as the other views say it), "actions" (null
 * when the caller gave no action counts) is {"open", "overdue",
 * "overdue_list": [{"ref", "title", "owner": str|null, "due": str|null,
 * "target": score}]} (at most 5, oldest first).
 *
 * Side scores are an integer, "n/a" or null (not assessed). Entry and
 * roll-up figures are numbers (integer when whole, else rounded to two
 * decimals) or null when there is no figure. "gap" of an entry is
 * target - current whenever both exist; the "gaps" array applies the
 * priority rules. Names are in "lang".
 */
#ifndef CDCF_REPORT_H
#define CDCF_REPORT_H

#include <stddef.h>

#include "core/portfolio.h"
#include "i18n/i18n.h"
#include "util/buf.h"
#include "util/err.h"

/* Ceiling of one rendered report. */
#define REPORT_MAX_BYTES ((size_t)32 << 20)

enum report_format {
	REPORT_TEXT,
	REPORT_MD,
	REPORT_CSV,
	REPORT_JSON,
	REPORT_HTML,
	REPORT_CSV_EXCEL, /* the CSV for spreadsheets (below) */
	REPORT_XLSX,	  /* the portfolio workbook (below) */
	REPORT_FORMAT_COUNT
};

/* "text" (or "txt"), "md" (or "markdown"), "csv", "json", "html",
 * "csv-excel" (or "excel"), "xlsx";
 * returns the format or ERR_INVALID. */
int report_format_parse(const char *s);
/* Canonical name ("text", "md", ...), file extension ("txt", "md", ...) and
 * media type ("text/html; charset=utf-8", ...) of a format. */
const char *report_format_name(enum report_format f);
const char *report_format_ext(enum report_format f);
const char *report_format_mime(enum report_format f);

/* Render p as format f in language lang and append it to out: the report
 * model of p alone (no closed cycles, so no trend; no advisory on the
 * quadrant); report_model_new + report_model_render give the full report.
 * The report may take at most REPORT_MAX_BYTES and what room is left under
 * out->max; crossing either fails with ERR_TOO_LARGE. On any failure out is
 * left exactly as it was and e (which may be NULL) says why. */
int report_render(const struct portfolio *p, enum report_format f, enum lang lang, struct buf *out,
		  struct err *e);

/*
 * The cell writer of the CSV for spreadsheets, for other tables people download
 * (the audit log): s as one RFC 4180 text cell appended to out, after a comma
 * unless first; invalid UTF-8 replaced, quoted when it holds a comma, quote or
 * line end, and neutralised with a leading apostrophe when a spreadsheet would
 * read it as a formula (= + - @ TAB CR first). NULL or "" is an empty cell.
 * The rows end with "\r\n" and the file starts with REPORT_CSV_BOM.
 */
#define REPORT_CSV_BOM "\xEF\xBB\xBF"
int report_csv_cell(struct buf *out, const char *s, int first);

#endif
