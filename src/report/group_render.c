/*
 * group_render.c - the group view as text, CSV and JSON (group_render.h).
 */
#include "report/group_render.h"

#include <jansson.h>
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
							     : group_value_class(m, v)));
			buf_addstr(out, "\r\n");
		}
	}
	return buf_status(out);
}

static json_t *jfig(int has, double v)
{
	double r;

	if (!has)
		return json_null();
	r = score_round(v);
	if (r == floor(r) && fabs(r) < 1e15)
		return json_integer((json_int_t)r);
	return json_real(r);
}

static json_t *jstr(const char *s)
{
	return s ? json_string(s) : json_null();
}

static int gjson(const struct group_model *m, enum lang lang, struct buf *out)
{
	json_t *doc, *cats = json_array(), *svcs = json_array(), *orgs = json_array();
	size_t i, j;
	char *text;
	int rc;

	for (i = 0; i < m->n_categories; i++)
		json_array_append_new(cats,
				      json_pack("{s:s, s:s}", "ref", m->categories[i].ref, "name",
						group_category_name(&m->categories[i], lang)));
	for (j = 0; j < m->n_services; j++) {
		const struct group_service *s = &m->services[j];

		json_array_append_new(svcs,
				      json_pack("{s:s, s:s, s:s, s:{s:I, s:o, s:o, s:o}}", "ref",
						s->ref, "name", group_service_name(s, lang),
						"category", m->categories[s->category].ref,
						"spread", "assessed", (json_int_t)s->n_assessed,
						"min", jfig(s->n_assessed > 0, s->min), "median",
						jfig(s->n_assessed > 0, s->median), "max",
						jfig(s->n_assessed > 0, s->max)));
	}
	for (i = 0; i < m->n_orgs; i++) {
		const struct group_org *o = &m->orgs[i];
		json_t *rolls = json_array(), *cells = json_object();

		for (j = 0; j <= m->n_categories; j++) {
			const struct group_rollup *r = &o->rollups[j];
			int has = r->n_assessed > 0;

			json_array_append_new(
			    rolls,
			    json_pack("{s:o, s:I, s:I, s:o, s:o, s:o}", "category",
				      j < m->n_categories ? json_string(m->categories[j].ref)
							  : json_null(),
				      "selected", (json_int_t)r->n_entries, "assessed",
				      (json_int_t)r->n_assessed, "current", jfig(has, r->current),
				      "target", jfig(has, r->target), "gap", jfig(has, r->gap)));
		}
		for (j = 0; j < m->n_services; j++) {
			const struct group_cell *c = &o->cells[j];
			double v;

			if (!c->selected)
				continue;
			json_object_set_new(
			    cells, m->services[j].ref,
			    json_pack(
				"{s:s, s:s, s:o, s:o, s:o, s:o, s:s, s:o, s:o}", "level",
				level_name(c->level), "assignment", assignment_name(c->assignment),
				"current", jfig(c->has_current, c->current), "target",
				jfig(c->has_target, c->target), "gap", jfig(c->has_gap, c->gap),
				"value", jfig(!group_cell_value(m, c, &v), v), "class",
				group_class_name(group_cell_value(m, c, &v)
						     ? GROUP_CLASS_NONE
						     : group_value_class(m, v)),
				"team", jstr(c->team), "provider", jstr(c->provider)));
		}
		json_array_append_new(orgs, json_pack("{s:s, s:o, s:i, s:b, s:o, s:o}", "name",
						      o->name, "parent", jstr(o->parent), "depth",
						      o->depth, "portfolio", o->has_portfolio,
						      "rollups", rolls, "cells", cells));
	}
	doc = json_pack("{s:s, s:s, s:s, s:{s:i, s:i}, s:o, s:o, s:o}", "organization",
			m->n_orgs ? m->orgs[0].name : "", "framework", m->fw->id, "by",
			group_by_name(m->by), "scale", "min", m->scale_min, "max", m->scale_max,
			"categories", cats, "services", svcs, "organizations", orgs);
	if (!doc)
		return ERR_NOMEM;
	text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(15));
	json_decref(doc);
	if (!text)
		return ERR_NOMEM;
	buf_addstr(out, text);
	buf_addch(out, '\n');
	free(text);
	rc = buf_status(out);
	return rc;
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
