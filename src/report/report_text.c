/*
 * report_text.c - the report as terminal text and as Markdown.
 *
 * Both lay out the same model (report_int.h). Text pads columns by display
 * width, so Japanese (2 columns per character) lines up in a terminal, and
 * wraps paragraphs at TEXT_WIDTH columns. Markdown writes pipe tables with
 * every cell escaped, so data can neither break a table nor inject markup.
 */
#include <string.h>

#include "report/report_int.h"
#include "report/text_width.h"
#include "util/utf8.h"

#define TEXT_WIDTH 78

static int add_repeat(struct buf *b, char c, size_t n)
{
	int rc = 0;

	while (!rc && n--)
		rc = buf_addch(b, c);
	return rc;
}

/* Characters a line should not start with (Japanese line-breaking rules). */
static int no_break_before(unsigned long c)
{
	static const unsigned long closing[] = {0x3001, 0x3002, 0xFF0C, 0xFF0E, 0xFF09,
						0x300D, 0x300F, 0x3011, 0xFF1A, 0xFF1B,
						0xFF01, 0xFF1F, 0x30FC, 0x3063, 0x30C3};
	size_t i;

	for (i = 0; i < sizeof(closing) / sizeof(closing[0]); i++)
		if (closing[i] == c)
			return 1;
	return c == ')' || c == ',' || c == '.' || c == ':' || c == ';';
}

/* Append s wrapped at width columns. Breaks at spaces and between wide
 * characters; a word longer than a line is left whole. */
static int wrap(struct buf *b, const char *s, size_t width)
{
	size_t n = strlen(s), i = 0, j, len, uw, line = 0;
	int space = 0, rc = 0;
	unsigned long c;

	while (!rc && i < n) {
		if (s[i] == ' ') {
			space = 1;
			i++;
			continue;
		}
		len = utf8_decode(s + i, n - i, &c);
		if (len && codepoint_width(c) == 2) {
			j = i + len;
			uw = 2;
		} else {
			/* a run up to the next space or wide character */
			j = i;
			uw = 0;
			while (j < n && s[j] != ' ') {
				len = utf8_decode(s + j, n - j, &c);
				if (!len) {
					len = 1;
					c = '?';
				}
				if (j > i && codepoint_width(c) == 2)
					break;
				uw += (size_t)codepoint_width(c);
				j += len;
			}
		}
		len = utf8_decode(s + i, n - i, &c);
		if (line > 0 && line + (space ? 1 : 0) + uw > width &&
		    !(len && no_break_before(c) && !space)) {
			rc = buf_addch(b, '\n');
			line = 0;
			space = 0;
		}
		if (!rc && space && line > 0) {
			rc = buf_addch(b, ' ');
			line++;
		}
		space = 0;
		if (!rc)
			rc = buf_add(b, s + i, j - i);
		line += uw;
		i = j;
	}
	return rc;
}

/* Drop the spaces at the end of the buffer (the end of a padded line). */
static void trim_right(struct buf *b)
{
	while (b->len > 0 && b->data[b->len - 1] == ' ')
		b->len--;
	b->data[b->len] = '\0';
}

static int text_heading(struct buf *b, const char *title, char underline)
{
	int rc = buf_addstr(b, title);

	if (!rc)
		rc = buf_addch(b, '\n');
	if (!rc)
		rc = add_repeat(b, underline, text_width(title));
	if (!rc)
		rc = buf_addstr(b, "\n\n");
	return rc;
}

static int text_table(struct buf *b, const struct rtable *t, enum lang lang)
{
	size_t w[RT_MAX_COLS], r, c, cw;
	const char *cell;
	int rc = 0;

	for (c = 0; c < t->ncols; c++) {
		w[c] = text_width(tr(lang, t->head[c]));
		for (r = 0; r < t->nrows; r++) {
			cw = text_width(t->cells[r * t->ncols + c]);
			if (cw > w[c])
				w[c] = cw;
		}
	}
	/* header, rule, rows */
	for (r = 0; !rc && r < t->nrows + 2; r++) {
		for (c = 0; !rc && c < t->ncols; c++) {
			if (c)
				rc = buf_addstr(b, "  ");
			if (rc)
				break;
			if (r == 1) {
				rc = add_repeat(b, '-', w[c]);
				continue;
			}
			cell = r == 0 ? tr(lang, t->head[c]) : t->cells[(r - 2) * t->ncols + c];
			if (!cell)
				cell = "";
			cw = text_width(cell);
			if (t->numeric[c])
				rc = add_repeat(b, ' ', w[c] - cw);
			if (!rc)
				rc = buf_addstr(b, cell);
			if (!rc && !t->numeric[c])
				rc = add_repeat(b, ' ', w[c] - cw);
		}
		if (!rc) {
			trim_right(b);
			rc = buf_addch(b, '\n');
		}
	}
	return rc;
}

/* Markdown: backslash-escape every character that could start markup (all
 * ASCII punctuation may be escaped in CommonMark), so cells stay text. */
static int md_escape(struct buf *b, const char *s)
{
	const char *p;
	int rc = 0;

	if (!s)
		return 0;
	for (p = s; !rc && *p; p++) {
		if (strchr("\\`*_[]<>|&~#!", *p))
			rc = buf_addch(b, '\\');
		if (!rc)
			rc = buf_addch(b, *p);
	}
	return rc;
}

static int md_table(struct buf *b, const struct rtable *t, enum lang lang)
{
	size_t r, c;
	int rc = 0;

	for (r = 0; !rc && r < t->nrows + 2; r++) {
		rc = buf_addch(b, '|');
		for (c = 0; !rc && c < t->ncols; c++) {
			if (r == 1) {
				rc = buf_addstr(b, t->numeric[c] ? " ---: |" : " --- |");
				continue;
			}
			rc = buf_addch(b, ' ');
			if (!rc)
				rc = md_escape(b, r == 0 ? tr(lang, t->head[c])
							 : t->cells[(r - 2) * t->ncols + c]);
			if (!rc)
				rc = buf_addstr(b, " |");
		}
		if (!rc)
			rc = buf_addch(b, '\n');
	}
	return rc;
}

static int paragraph(struct buf *b, const char *text, int markdown)
{
	int rc = markdown ? md_escape(b, text) : wrap(b, text, TEXT_WIDTH);

	if (!rc)
		rc = buf_addstr(b, "\n\n");
	return rc;
}

static int meta(struct buf *b, const struct rreport *r, int markdown)
{
	enum lang lang = r->m->lang;
	size_t i, lw = 0, w;
	int rc = 0;

	for (i = 0; i < r->n_meta; i++) {
		w = text_width(tr(lang, r->meta[i].label));
		if (w > lw)
			lw = w;
	}
	for (i = 0; !rc && i < r->n_meta; i++) {
		const char *label = tr(lang, r->meta[i].label);
		if (markdown) {
			rc = buf_addstr(b, "- **");
			if (!rc)
				rc = md_escape(b, label);
			if (!rc)
				rc = buf_addstr(b, "**");
			if (!rc)
				rc = buf_addstr(b, tr(lang, MSG_REPORT_COLON));
			if (!rc)
				rc = md_escape(b, r->meta[i].value);
		} else {
			rc = buf_addstr(b, label);
			if (!rc)
				rc = buf_addstr(b, tr(lang, MSG_REPORT_COLON));
			if (!rc)
				rc = add_repeat(b, ' ', lw - text_width(label));
			if (!rc)
				rc = buf_addstr(b, r->meta[i].value);
		}
		if (!rc)
			rc = buf_addch(b, '\n');
	}
	if (!rc)
		rc = buf_addch(b, '\n');
	return rc;
}

int render_text(const struct rreport *r, struct buf *out, int markdown)
{
	enum lang lang = r->m->lang;
	size_t i, k;
	int rc;

	if (markdown) {
		rc = buf_addstr(out, "# ");
		if (!rc)
			rc = md_escape(out, tr(lang, MSG_REPORT_TITLE));
		if (!rc)
			rc = buf_addstr(out, "\n\n");
	} else {
		rc = text_heading(out, tr(lang, MSG_REPORT_TITLE), '=');
	}
	if (!rc)
		rc = meta(out, r, markdown);
	for (i = 0; !rc && i < r->n_sec; i++) {
		const struct rsection *s = &r->sec[i];
		if (markdown) {
			rc = buf_addstr(out, "## ");
			if (!rc)
				rc = md_escape(out, tr(lang, s->title));
			if (!rc)
				rc = buf_addstr(out, "\n\n");
		} else {
			rc = text_heading(out, tr(lang, s->title), '-');
		}
		if (!rc && s->intro != RT_NO_MSG)
			rc = paragraph(out, tr(lang, s->intro), markdown);
		if (!rc && !s->t.nrows && s->empty != RT_NO_MSG)
			rc = paragraph(out, tr(lang, s->empty), markdown);
		if (!rc && s->t.nrows) {
			rc = markdown ? md_table(out, &s->t, lang) : text_table(out, &s->t, lang);
			if (!rc)
				rc = buf_addch(out, '\n');
		}
		/* the legend: one line (Markdown: one list item) per remark */
		for (k = 0; !rc && k < s->n_after; k++) {
			if (markdown) {
				rc = buf_addstr(out, "- ");
				if (!rc)
					rc = md_escape(out, tr(lang, s->after[k]));
			} else {
				rc = wrap(out, tr(lang, s->after[k]), TEXT_WIDTH);
			}
			if (!rc)
				rc = buf_addstr(out, k + 1 < s->n_after ? "\n" : "\n\n");
		}
	}
	if (!rc)
		rc = markdown ? md_escape(out, tr(lang, MSG_REPORT_GENERATED))
			      : buf_addstr(out, tr(lang, MSG_REPORT_GENERATED));
	if (!rc)
		rc = buf_addch(out, '\n');
	return rc;
}
