/*
 * group_render.c - the group view as text, CSV and JSON (group_render.h).
 */
#include "report/group_render.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/score.h"
#include "report/model.h"
#include "report/report.h"
#include "report/report_int.h"
#include "report/text_width.h"
#include "util/err.h"

int group_format_parse(const char *s, enum group_format *out)
{
	static const char *const names[] = {"text", "csv", "json", "xlsx"};
	size_t i;

	for (i = 0; s && i < sizeof names / sizeof names[0]; i++)
		if (!strcmp(s, names[i])) {
			*out = (enum group_format)i;
			return 0;
		}
	return -1;
}

const char *group_service_name(const struct group_service *s, enum lang lang)
{
	return lang == LANG_JA && s->name_ja ? s->name_ja : s->name_en ? s->name_en : s->ref;
}

const char *group_category_name(const struct group_category *c, enum lang lang)
{
	return lang == LANG_JA && c->name_ja ? c->name_ja : c->name_en ? c->name_en : c->ref;
}

const char *group_by_label(const struct group_model *m, enum lang lang)
{
	return tr(lang, m->by == GROUP_BY_GAP ? MSG_GROUP_BY_GAP : MSG_GROUP_BY_CURRENT);
}

const char *group_figure(char *out, double v)
{
	return report_figure_format(out, v);
}

/* s padded with spaces to cols terminal columns (cut when longer). */
static void pad(struct buf *out, const char *s, size_t cols)
{
	size_t fit = text_fit(s, cols), w;
	char part[256];

	if (fit >= sizeof part)
		fit = text_fit(s, (sizeof part - 1) / 4);
	memcpy(part, s, fit);
	part[fit] = '\0';
	buf_addstr(out, part);
	w = text_width(part);
	for (; w < cols; w++)
		buf_addch(out, ' ');
}

/* s right-aligned in cols terminal columns (a Japanese character takes two). */
static void rpad(struct buf *out, const char *s, size_t cols)
{
	size_t w = text_width(s);

	for (; w < cols; w++)
		buf_addch(out, ' ');
	buf_addstr(out, s);
}

static void cell_text(const struct group_model *m, const struct group_cell *c, char *fig)
{
	double v;

	if (group_cell_value(m, c, &v))
		snprintf(fig, REPORT_FIGURE_MAX, "-");
	else
		group_figure(fig, v);
}

static int gtext(const struct group_model *m, enum lang lang, struct buf *out)
{
	char fig[REPORT_FIGURE_MAX];
	size_t i, j, k;

	buf_printf(out, "%s: %s \xE2\x80\x94 %s\n", tr(lang, MSG_GROUP_TITLE),
		   m->n_orgs ? m->orgs[0].name : "", framework_name(m->fw, lang_code(lang)));
	buf_printf(out, "%s: %s\n\n", tr(lang, MSG_GROUP_SHOWING), group_by_label(m, lang));
	buf_printf(out, "%s\n", tr(lang, MSG_GROUP_ORGS));
	for (i = 0; i < m->n_orgs; i++) {
		char num[24];

		snprintf(num, sizeof num, "%4zu  ", i + 1);
		buf_addstr(out, num);
		for (k = 0; k < (size_t)m->orgs[i].depth; k++)
			buf_addstr(out, "  ");
		buf_addstr(out, m->orgs[i].name);
		if (!m->orgs[i].has_portfolio)
			buf_printf(out, " (%s)", tr(lang, MSG_GROUP_NO_PORTFOLIO));
		buf_addch(out, '\n');
	}
	buf_printf(out, "\n%s\n", tr(lang, MSG_GROUP_HEAT));
	pad(out, "", 12);
	for (i = 0; i < m->n_orgs; i++)
		buf_printf(out, " %6zu", i + 1);
	buf_addch(out, '\n');
	for (k = 0; k < m->n_categories; k++) {
		buf_printf(out, "%s %s\n", m->categories[k].ref,
			   group_category_name(&m->categories[k], lang));
		for (j = 0; j < m->n_services; j++) {
			if (m->services[j].category != k)
				continue;
			buf_addstr(out, "  ");
			pad(out, m->services[j].ref, 10);
			for (i = 0; i < m->n_orgs; i++) {
				cell_text(m, &m->orgs[i].cells[j], fig);
				buf_printf(out, " %6s", fig);
			}
			buf_addch(out, '\n');
		}
	}
	buf_printf(out, "\n%s: %s\n", tr(lang, MSG_GROUP_ROLLUPS), group_by_label(m, lang));
	pad(out, "", 12);
	for (i = 0; i < m->n_orgs; i++)
		buf_printf(out, " %6zu", i + 1);
	buf_addch(out, '\n');
	for (k = 0; k <= m->n_categories; k++) {
		buf_addstr(out, "  ");
		pad(out, k < m->n_categories ? m->categories[k].ref : tr(lang, MSG_GROUP_OVERALL),
		    10);
		for (i = 0; i < m->n_orgs; i++) {
			const struct group_rollup *r = &m->orgs[i].rollups[k];

			if (!r->n_assessed)
				snprintf(fig, sizeof fig, "-");
			else
				group_figure(fig, m->by == GROUP_BY_GAP ? r->gap : r->current);
			buf_printf(out, " %6s", fig);
		}
		buf_addch(out, '\n');
	}
	buf_printf(out, "\n%s\n", tr(lang, MSG_GROUP_SPREAD));
	pad(out, "", 12);
	rpad(out, tr(lang, MSG_GROUP_ASSESSED), 9);
	rpad(out, tr(lang, MSG_GROUP_MIN), 9);
	rpad(out, tr(lang, MSG_GROUP_MEDIAN), 9);
	rpad(out, tr(lang, MSG_GROUP_MAX), 9);
	buf_printf(out, "  %s\n", tr(lang, MSG_GROUP_SERVICE));
	for (j = 0; j < m->n_services; j++) {
		const struct group_service *s = &m->services[j];
		char a[REPORT_FIGURE_MAX], b[REPORT_FIGURE_MAX], c[REPORT_FIGURE_MAX];

		buf_addstr(out, "  ");
		pad(out, s->ref, 10);
		if (s->n_assessed)
			buf_printf(out, " %8zu %8s %8s %8s  %s\n", s->n_assessed,
				   group_figure(a, s->min), group_figure(b, s->median),
				   group_figure(c, s->max), group_service_name(s, lang));
		else
			buf_printf(out, " %8d %8s %8s %8s  %s\n", 0, "-", "-", "-",
				   group_service_name(s, lang));
	}
	buf_printf(out, "\n%s\n", tr(lang, MSG_GROUP_SOURCING));
	k = 0;
	for (j = 0; j < m->n_services; j++)
		for (i = 0; i < m->n_orgs; i++) {
			const struct group_cell *c = &m->orgs[i].cells[j];

			if (!c->selected || c->assignment == ASSIGN_UNASSIGNED)
				continue;
			k++;
			buf_addstr(out, "  ");
			pad(out, m->services[j].ref, 10);
			buf_addch(out, ' ');
			pad(out, m->orgs[i].name, 20);
			buf_addch(out, ' ');
			buf_addstr(out, tr_assignment(lang, c->assignment));
			if (c->team)
				buf_printf(out, "  %s: %s", tr(lang, MSG_GROUP_TEAM), c->team);
			if (c->provider)
				buf_printf(out, "  %s: %s", tr(lang, MSG_GROUP_PROVIDER),
					   c->provider);
			buf_addch(out, '\n');
		}
	if (!k)
		buf_printf(out, "  %s\n", tr(lang, MSG_GROUP_NONE_ASSIGNED));
	return buf_status(out);
}

static void csv_fig(struct buf *out, int has, double v)
{
	char fig[REPORT_FIGURE_MAX];

	buf_addch(out, ',');
	if (has)
		buf_addstr(out, group_figure(fig, v));
}

static int gcsv(const struct group_model *m, struct buf *out)
{
	size_t i, j;

	buf_addstr(out, "organization,parent,depth,category,ref,service,level,assignment,team,"
			"provider,current,target,gap,class\r\n");
	for (i = 0; i < m->n_orgs; i++) {
		const struct group_org *o = &m->orgs[i];

		for (j = 0; j < m->n_services; j++) {
			const struct group_cell *c = &o->cells[j];
			const struct group_service *s = &m->services[j];
			char depth[16];
			double v;

			if (!c->selected)
				continue;
			snprintf(depth, sizeof depth, "%d", o->depth);
			report_csv_cell(out, o->name, 1);
			report_csv_cell(out, o->parent ? o->parent : "", 0);
			report_csv_cell(out, depth, 0);
			report_csv_cell(out, m->categories[s->category].ref, 0);
			report_csv_cell(out, s->ref, 0);
			report_csv_cell(out, group_service_name(s, LANG_EN), 0);
			report_csv_cell(out, level_name(c->level), 0);
			report_csv_cell(out, assignment_name(c->assignment), 0);
			report_csv_cell(out, c->team ? c->team : "", 0);
			report_csv_cell(out, c->provider ? c->provider : "", 0);
			csv_fig(out, c->has_current, c->current);
			csv_fig(out, c->has_target, c->target);
			csv_fig(out, c->has_gap, c->gap);
			buf_addch(out, ',');
			buf_addstr(out, group_class_name(group_cell_value(m, c, &v)
							     ? GROUP_CLASS_NONE
							     : group_value_class(m, s, v)));
			buf_addstr(out, "\r\n");
		}
	}
	return buf_status(out);
}

/*
 * The JSON is written straight into the buffer, laid out as jansson's JSON_INDENT(2)
 * lays out the other commands' JSON: a group of a thousand organizations has a million
 * values, and building them as jansson objects first cost more than the model.
 */
struct jw {
	struct buf *out;
	int depth;
	int first; /* no member or element yet at this depth */
};

static void gj_line(struct jw *w)
{
	int i;

	buf_addch(w->out, '\n');
	for (i = 0; i < w->depth; i++)
		buf_addstr(w->out, "  ");
}

/* s as a JSON string: quotes, backslashes and control characters escaped. */
static void gj_quote(struct buf *out, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	char esc[8];

	buf_addch(out, '"');
	for (; *u; u++) {
		if (*u == '"' || *u == '\\') {
			buf_addch(out, '\\');
			buf_addch(out, (char)*u);
		} else if (*u == '\n') {
			buf_addstr(out, "\\n");
		} else if (*u == '\t') {
			buf_addstr(out, "\\t");
		} else if (*u == '\r') {
			buf_addstr(out, "\\r");
		} else if (*u < 0x20) {
			snprintf(esc, sizeof esc, "\\u%04x", *u);
			buf_addstr(out, esc);
		} else {
			buf_addch(out, (char)*u);
		}
	}
	buf_addch(out, '"');
}

/* The next member (key != NULL) or element: its separator, line and key. */
static void gj_next(struct jw *w, const char *key)
{
	if (!w->first)
		buf_addch(w->out, ',');
	w->first = 0;
	gj_line(w);
	if (key) {
		gj_quote(w->out, key);
		buf_addstr(w->out, ": ");
	}
}

static void gj_open(struct jw *w, const char *key, char bracket)
{
	gj_next(w, key);
	buf_addch(w->out, bracket);
	w->depth++;
	w->first = 1;
}

static void gj_close(struct jw *w, char bracket)
{
	int empty = w->first;

	w->depth--;
	if (!empty)
		gj_line(w);
	buf_addch(w->out, bracket);
	w->first = 0;
}

static void gj_str(struct jw *w, const char *key, const char *s)
{
	gj_next(w, key);
	if (s)
		gj_quote(w->out, s);
	else
		buf_addstr(w->out, "null");
}

static void gj_int(struct jw *w, const char *key, long long v)
{
	gj_next(w, key);
	buf_printf(w->out, "%lld", v);
}

/* A figure rounded as shown (score_round): an integer when whole, else up to two
 * decimals; null when there is none. */
static void gj_fig(struct jw *w, const char *key, int has, double v)
{
	double r;

	gj_next(w, key);
	if (!has) {
		buf_addstr(w->out, "null");
		return;
	}
	r = score_round(v);
	if (r == floor(r) && fabs(r) < 1e15)
		buf_printf(w->out, "%lld", (long long)r);
	else
		buf_printf(w->out, "%.15g", r);
}

static void gj_cell(struct jw *w, const struct group_model *m, const struct group_service *s,
		    const struct group_cell *c)
{
	double v;
	int has = !group_cell_value(m, c, &v);

	gj_open(w, s->ref, '{');
	gj_str(w, "level", level_name(c->level));
	gj_str(w, "assignment", assignment_name(c->assignment));
	gj_fig(w, "current", c->has_current, c->current);
	gj_fig(w, "target", c->has_target, c->target);
	gj_fig(w, "gap", c->has_gap, c->gap);
	gj_fig(w, "value", has, v);
	gj_str(w, "class", group_class_name(has ? group_value_class(m, s, v) : GROUP_CLASS_NONE));
	gj_str(w, "team", c->team);
	gj_str(w, "provider", c->provider);
	gj_close(w, '}');
}

static void gj_org(struct jw *w, const struct group_model *m, const struct group_org *o)
{
	size_t j;

	gj_open(w, NULL, '{');
	gj_str(w, "name", o->name);
	gj_str(w, "parent", o->parent);
	gj_int(w, "depth", o->depth);
	gj_next(w, "portfolio");
	buf_addstr(w->out, o->has_portfolio ? "true" : "false");
	gj_open(w, "rollups", '[');
	for (j = 0; j <= m->n_categories; j++) {
		const struct group_rollup *r = &o->rollups[j];
		int has = r->n_assessed > 0;

		gj_open(w, NULL, '{');
		gj_str(w, "category", j < m->n_categories ? m->categories[j].ref : NULL);
		gj_int(w, "selected", (long long)r->n_entries);
		gj_int(w, "assessed", (long long)r->n_assessed);
		gj_fig(w, "current", has, r->current);
		gj_fig(w, "target", has, r->target);
		gj_fig(w, "gap", has, r->gap);
		gj_close(w, '}');
	}
	gj_close(w, ']');
	gj_open(w, "cells", '{');
	for (j = 0; j < m->n_services; j++)
		if (o->cells[j].selected)
			gj_cell(w, m, &m->services[j], &o->cells[j]);
	gj_close(w, '}');
	gj_close(w, '}');
}

static int gjson(const struct group_model *m, enum lang lang, struct buf *out)
{
	struct jw w = {out, 0, 1};
	size_t i, j;

	buf_addch(out, '{');
	w.depth = 1;
	gj_str(&w, "organization", m->n_orgs ? m->orgs[0].name : "");
	gj_str(&w, "framework", m->fw->id);
	gj_str(&w, "by", group_by_name(m->by));
	gj_open(&w, "scale", '{');
	gj_int(&w, "min", m->scale_min);
	gj_int(&w, "max", m->scale_max);
	gj_close(&w, '}');
	gj_open(&w, "categories", '[');
	for (i = 0; i < m->n_categories; i++) {
		gj_open(&w, NULL, '{');
		gj_str(&w, "ref", m->categories[i].ref);
		gj_str(&w, "name", group_category_name(&m->categories[i], lang));
		gj_close(&w, '}');
	}
	gj_close(&w, ']');
	gj_open(&w, "services", '[');
	for (j = 0; j < m->n_services; j++) {
		const struct group_service *s = &m->services[j];
		int has = s->n_assessed > 0;

		gj_open(&w, NULL, '{');
		gj_str(&w, "ref", s->ref);
		gj_str(&w, "name", group_service_name(s, lang));
		gj_str(&w, "category", m->categories[s->category].ref);
		gj_open(&w, "spread", '{');
		gj_int(&w, "assessed", (long long)s->n_assessed);
		gj_fig(&w, "min", has, s->min);
		gj_fig(&w, "median", has, s->median);
		gj_fig(&w, "max", has, s->max);
		gj_close(&w, '}');
		gj_close(&w, '}');
	}
	gj_close(&w, ']');
	gj_open(&w, "organizations", '[');
	for (i = 0; i < m->n_orgs && !buf_status(out); i++)
		gj_org(&w, m, &m->orgs[i]);
	gj_close(&w, ']');
	gj_close(&w, '}');
	buf_addch(out, '\n');
	return buf_status(out);
}

int group_render(const struct group_model *m, enum group_format f, enum lang lang, struct buf *out)
{
	switch (f) {
	case GROUP_TEXT:
		return gtext(m, lang, out);
	case GROUP_CSV:
		return gcsv(m, out);
	case GROUP_JSON:
		return gjson(m, lang, out);
	case GROUP_XLSX:
		return group_render_xlsx(m, lang, out);
	}
	return ERR_INTERNAL;
}

int group_render_e(const struct group_model *m, enum group_format f, enum lang lang,
		   struct buf *out, struct err *e)
{
	static const char *const names[] = {"text", "csv", "json", "xlsx"};
	const char *org = m->n_orgs ? m->orgs[0].name : "";
	size_t len0 = out->len;
	int rc = group_render(m, f, lang, out);

	if (!rc)
		return 0;
	out->len = len0;
	if (rc == ERR_TOO_LARGE)
		return err_fail(e, rc, NULL, MSG_E_REPORT_TOO_LARGE, names[f], org, out->max);
	if (rc == ERR_NOMEM)
		return err_fail(e, rc, NULL, MSG_E_REPORT_NOMEM, names[f]);
	if (rc == ERR_IO && f == GROUP_XLSX)
		return err_fail(e, rc, NULL, MSG_E_XLSX_TMPFILE, report_xlsx_tmpdir());
	return err_fail(e, rc, NULL, MSG_E_REPORT_FAILED, names[f]);
}
