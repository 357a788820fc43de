/*
 * report_json.c - the report as one JSON object (schema in report.h).
 *
 * Built with jansson and dumped with two-space indentation, keys in the
 * documented order. Strings are made valid UTF-8 first (jansson refuses
 * anything else); control characters are kept, jansson escapes them.
 */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/level.h"
#include "report/report_int.h"
#include "util/err.h"

#define JSON_REPORT_VERSION 1

/*
 * Set o[key] = v, taking v. The error is sticky, as in a buf: once *rc is
 * set, v is dropped and nothing is set, so an object is built as a list of
 * jset calls and checked once (jdone). A NULL v (jansson out of memory) or
 * a failed set is ERR_NOMEM.
 */
static void jset(int *rc, json_t *o, const char *key, json_t *v)
{
	if (*rc)
		json_decref(v);
	else if (!v || json_object_set_new(o, key, v)) /* jansson takes v even when it fails */
		*rc = ERR_NOMEM;
}

/* Append v to the array a, taking v, as jset. */
static void jappend(int *rc, json_t *a, json_t *v)
{
	if (*rc)
		json_decref(v);
	else if (!v || json_array_append_new(a, v)) /* jansson takes v even when it fails */
		*rc = ERR_NOMEM;
}

/* o when rc is 0, else NULL with o freed. */
static json_t *jdone(json_t *o, int rc)
{
	if (!rc)
		return o;
	json_decref(o);
	return NULL;
}

/* A string (valid UTF-8 guaranteed) or null for NULL. */
static json_t *jstr(const char *s)
{
	struct buf b;
	json_t *v;

	if (!s)
		return json_null();
	v = json_string(s);
	if (v)
		return v;
	buf_init(&b, REPORT_MAX_BYTES);
	v = rep_clean(&b, s, 0) ? NULL : json_stringn(b.data, b.len);
	buf_release(&b);
	return v;
}

/* A figure of the model, rounded as shown (score_round): integer when
 * whole, else a number with up to two decimals; null when there is none. */
static json_t *jfigure(const struct report_figure *f)
{
	double r;

	if (!f->ok)
		return json_null();
	r = score_round(f->value);
	if (r == floor(r) && fabs(r) < 1e15)
		return json_integer((json_int_t)r);
	return json_real(r);
}

/* A side score: integer, "n/a" or null (not assessed). */
static json_t *jscore(int score)
{
	if (score == SCORE_NONE)
		return json_null();
	if (score == SCORE_NA)
		return json_string("n/a");
	return json_integer(score);
}

static json_t *jside(const struct score_pair *sp)
{
	json_t *o = json_object();
	int rc = o ? 0 : ERR_NOMEM;

	jset(&rc, o, "current", jscore(sp->current));
	jset(&rc, o, "target", jscore(sp->target));
	return jdone(o, rc);
}

/* "current", "target" and "gap": the figures of an entry and of a roll-up. */
static void jfigures(int *rc, json_t *o, const struct report_figure *current,
		     const struct report_figure *target, const struct report_figure *gap)
{
	jset(rc, o, "current", jfigure(current));
	jset(rc, o, "target", jfigure(target));
	jset(rc, o, "gap", jfigure(gap));
}

static json_t *jentry(const struct report_model *m, const struct report_entry *re)
{
	const struct entry *e = re->e;
	json_t *o = json_object();
	int rc = o ? 0 : ERR_NOMEM;

	jset(&rc, o, "ref", jstr(e->ref_id));
	jset(&rc, o, "name", jstr(entry_name(m->p, e, m->lc)));
	jset(&rc, o, "category", jstr(entry_category(m->p, e)));
	jset(&rc, o, "level", json_string(level_name(e->level)));
	jset(&rc, o, "assessment",
	     json_string(assessment_name(e->assessment ? e->assessment : ASSESS_SERVICE)));
	jset(&rc, o, "assignment", json_string(assignment_name(e->assignment)));
	jset(&rc, o, "team", jstr(e->team));
	jset(&rc, o, "provider", jstr(e->provider));
	jset(&rc, o, "insource", jside(&e->score[SIDE_INSOURCE]));
	jset(&rc, o, "outsource", jside(&e->score[SIDE_OUTSOURCE]));
	jfigures(&rc, o, &re->current, &re->target, &re->gap);
	jset(&rc, o, "provisional", json_boolean(re->provisional));
	jset(&rc, o, "custom", json_boolean(e->custom));
	jset(&rc, o, "note", jstr(e->note));
	return jdone(o, rc);
}

static json_t *jgap(const struct report_model *m, size_t rank, const struct report_entry *re)
{
	const struct entry *e = re->e;
	json_t *o = json_object();
	int rc = o ? 0 : ERR_NOMEM;

	jset(&rc, o, "rank", json_integer((json_int_t)rank));
	jset(&rc, o, "ref", jstr(e->ref_id));
	jset(&rc, o, "name", jstr(entry_name(m->p, e, m->lc)));
	jset(&rc, o, "level", json_string(level_name(e->level)));
	jset(&rc, o, "assignment", json_string(assignment_name(e->assignment)));
	jfigures(&rc, o, &re->current, &re->target, &re->gap);
	return jdone(o, rc);
}

/* Fields every roll-up has, category and overall alike. */
static void jrollup_fields(int *rc, json_t *o, const struct report_model *m,
			   const struct report_rollup *ru)
{
	json_t *trace = json_array();
	size_t i;

	jset(rc, o, "n_selected", json_integer((json_int_t)ru->n_selected));
	jset(rc, o, "n_assessed", json_integer((json_int_t)ru->n_assessed));
	jfigures(rc, o, &ru->current, &ru->target, &ru->gap);
	for (i = 0; !*rc && trace && i < ru->n_assessed; i++)
		jappend(rc, trace, jstr(m->p->entries[ru->trace[i]].ref_id));
	jset(rc, o, "trace", trace);
}

static json_t *jrollup(const struct report_model *m, const struct report_rollup *ru)
{
	json_t *o = json_object();
	int rc = o ? 0 : ERR_NOMEM;

	jset(&rc, o, "category", jstr(ru->category));
	jset(&rc, o, "name", jstr(ru->name));
	jrollup_fields(&rc, o, m, ru);
	return jdone(o, rc);
}

static json_t *joverall(const struct report_model *m, const struct report_rollup *ru)
{
	json_t *o = json_object();
	int rc = o ? 0 : ERR_NOMEM;

	jrollup_fields(&rc, o, m, ru);
	jset(&rc, o, "formula", json_string("mean"));
	jset(&rc, o, "weighted", json_false());
	return jdone(o, rc);
}

static json_t *jprogress(const struct report_phase *pg)
{
	/* the phases in the order of model.h's progress[] */
	static const char *const phases[REPORT_PHASES] = {"catalogue", "profile", "portfolio"};
	json_t *o = json_object();
	int rc = o ? 0 : ERR_NOMEM;
	size_t i;

	for (i = 0; i < REPORT_PHASES; i++)
		jset(&rc, o, phases[i],
		     json_pack("{s:I,s:I}", "done", (json_int_t)pg[i].done, "total",
			       (json_int_t)pg[i].total));
	return jdone(o, rc);
}

/* The summary's names of enum report_change_kind. */
static const char *const change_kind_names[REPORT_CHANGE_KINDS] = {
    "added", "removed", "level", "assignment", "current", "target"};

/* The changes since the last closed cycle (struct report_glance): counts
 * per kind, and the first changed entries with their kinds and the line the
 * other views show. */
static json_t *jchanges(const struct report_glance *g)
{
	json_t *o = json_object(), *counts = json_object(), *list = json_array();
	int rc = o ? 0 : ERR_NOMEM;
	size_t i, k;

	jset(&rc, o, "since_cycle", json_integer(g->since_cycle));
	jset(&rc, o, "n_changed", json_integer((json_int_t)g->n_changed));
	for (k = 0; !rc && counts && k < REPORT_CHANGE_KINDS; k++)
		jset(&rc, counts, change_kind_names[k], json_integer((json_int_t)g->changes[k]));
	jset(&rc, o, "counts", counts);
	for (i = 0; !rc && list && i < g->n_change_lines; i++) {
		json_t *c = json_object(), *kinds = json_array();
		int crc = c ? 0 : ERR_NOMEM;
		jset(&crc, c, "ref", jstr(g->change_refs[i]));
		for (k = 0; !crc && kinds && k < REPORT_CHANGE_KINDS; k++)
			if (g->change_kinds[i] & (1u << k))
				jappend(&crc, kinds, json_string(change_kind_names[k]));
		jset(&crc, c, "kinds", kinds);
		jset(&crc, c, "text", jstr(g->change_lines[i]));
		jappend(&rc, list, jdone(c, crc));
	}
	jset(&rc, o, "entries", list);
	return jdone(o, rc);
}

/* The open and overdue actions the input counted, and the overdue ones of
 * its lists as the summary lists them (model.h: at most REPORT_GLANCE_TOP). */
static json_t *jactions(const struct report_model *m)
{
	const struct report_glance *g = &m->glance;
	json_t *o = json_object(), *list = json_array();
	int rc = o ? 0 : ERR_NOMEM;
	size_t i;

	jset(&rc, o, "open", json_integer((json_int_t)g->open_actions));
	jset(&rc, o, "overdue", json_integer((json_int_t)g->overdue_actions));
	for (i = 0; !rc && list && m->lists && i < g->n_overdue; i++) {
		const struct report_action *a = &m->lists->actions[g->overdue[i].action];
		json_t *c = json_object();
		int crc = c ? 0 : ERR_NOMEM;
		jset(&crc, c, "ref", jstr(a->ref));
		jset(&crc, c, "title", jstr(a->title ? a->title : ""));
		jset(&crc, c, "owner", jstr(a->owner && *a->owner ? a->owner : NULL));
		jset(&crc, c, "due", jstr(a->due && *a->due ? a->due : NULL));
		jset(&crc, c, "target", jscore(a->target));
		jappend(&rc, list, jdone(c, crc));
	}
	jset(&rc, o, "overdue_list", list);
	return jdone(o, rc);
}

/*
 * The board's summary at the top of the other views, from the model's
 * glance: overall current and target, the gaps per recommendation level,
 * current -> target per category (the roll-ups), the top gaps (the first of
 * "gaps"), the changes since the last closed cycle and the actions (null
 * when the input had none), the planned next evaluation.
 */
static json_t *jsummary(const struct report_model *m)
{
	const struct report_glance *g = &m->glance;
	json_t *o = json_object(), *overall = json_object(), *levels = json_object();
	json_t *cats = json_array(), *top = json_array();
	int rc = o ? 0 : ERR_NOMEM;
	size_t i;
	int l;

	jset(&rc, overall, "current", jfigure(&g->current));
	jset(&rc, overall, "target", jfigure(&g->target));
	jset(&rc, o, "overall", overall);
	jset(&rc, o, "n_gaps", json_integer((json_int_t)g->n_gaps));
	for (l = LEVEL_BASIC; !rc && levels && l < LEVEL_COUNT; l++)
		jset(&rc, levels, level_name((enum level)l), json_integer((json_int_t)g->gaps[l]));
	jset(&rc, o, "gaps_by_level", levels);
	for (i = 0; !rc && cats && i + 1 < m->n_rollups; i++) {
		const struct report_rollup *ru = &m->rollups[i];
		json_t *c = json_object();
		int crc = c ? 0 : ERR_NOMEM;
		jset(&crc, c, "category", jstr(ru->category));
		jset(&crc, c, "name", jstr(ru->name));
		jfigures(&crc, c, &ru->current, &ru->target, &ru->gap);
		jappend(&rc, cats, jdone(c, crc));
	}
	jset(&rc, o, "categories", cats);
	for (i = 0; !rc && top && i < g->n_top_gaps; i++)
		jappend(&rc, top, jgap(m, i + 1, &m->entries[m->gaps[i]]));
	jset(&rc, o, "top_gaps", top);
	jset(&rc, o, "changes", g->has_changes ? jchanges(g) : json_null());
	jset(&rc, o, "actions", g->has_actions ? jactions(m) : json_null());
	jset(&rc, o, "next_evaluation", jstr(g->next_evaluation));
	return jdone(o, rc);
}

static int build(json_t *root, const struct report_model *m)
{
	const struct portfolio *p = m->p;
	const struct framework *fw = p->fw;
	json_t *entries = json_array(), *gaps = json_array(), *rollups = json_array();
	const char *fw_id = p->framework_id ? p->framework_id : fw ? fw->id : NULL;
	size_t i;
	int rc = 0;

	jset(&rc, root, "report_version", json_integer(JSON_REPORT_VERSION));
	jset(&rc, root, "organization", jstr(p->org_name));
	jset(&rc, root, "framework", jstr(fw_id));
	jset(&rc, root, "framework_name", jstr(fw ? rep_framework_name(m) : NULL));
	jset(&rc, root, "cycle", json_integer(p->cycle));
	jset(&rc, root, "lang", json_string(m->lc));
	jset(&rc, root, "summary", jsummary(m));
	for (i = 0; !rc && entries && i < m->n_entries; i++)
		jappend(&rc, entries, jentry(m, &m->entries[i]));
	jset(&rc, root, "entries", entries);
	for (i = 0; !rc && gaps && i < m->n_gaps; i++)
		jappend(&rc, gaps, jgap(m, i + 1, &m->entries[m->gaps[i]]));
	jset(&rc, root, "gaps", gaps);
	for (i = 0; !rc && rollups && i + 1 < m->n_rollups; i++)
		jappend(&rc, rollups, jrollup(m, &m->rollups[i]));
	jset(&rc, root, "rollups", rollups);
	if (m->overall)
		jset(&rc, root, "overall", joverall(m, m->overall));
	jset(&rc, root, "progress", jprogress(m->progress));
	return rc;
}

int render_json(const struct report_model *m, struct buf *out)
{
	json_t *root = json_object();
	size_t need;
	char *text;
	int rc;

	if (!root)
		return ERR_NOMEM;
	rc = build(root, m);
	if (rc)
		goto out;
	/* Measure first, so an over-large report fails before it is copied. */
	need = json_dumpb(root, NULL, 0, JSON_INDENT(2) | JSON_REAL_PRECISION(15));
	if (need > out->max - out->len) {
		rc = ERR_TOO_LARGE;
		goto out;
	}
	text = json_dumps(root, JSON_INDENT(2) | JSON_REAL_PRECISION(15));
	if (!text) {
		rc = ERR_NOMEM;
		goto out;
	}
	rc = buf_addstr(out, text);
	if (!rc)
		rc = buf_addch(out, '\n');
	free(text);
out:
	json_decref(root);
	return rc;
}
