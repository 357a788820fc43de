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

/* Set o[key] = v, taking v; a NULL v (jansson out of memory) fails. */
static int jset(json_t *o, const char *key, json_t *v)
{
	if (!v)
		return ERR_NOMEM;
	if (json_object_set_new(o, key, v))
		return ERR_NOMEM;
	return 0;
}

static int jappend(json_t *a, json_t *v)
{
	if (!v)
		return ERR_NOMEM;
	if (json_array_append_new(a, v))
		return ERR_NOMEM;
	return 0;
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

	if (!o)
		return NULL;
	if (jset(o, "current", jscore(sp->current)) || jset(o, "target", jscore(sp->target))) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *jentry(const struct report_model *m, const struct report_entry *re)
{
	const struct entry *e = re->e;
	json_t *o = json_object();
	int rc;

	if (!o)
		return NULL;
	rc = jset(o, "ref", jstr(e->ref_id));
	if (!rc)
		rc = jset(o, "name", jstr(entry_name(m->p, e, m->lc)));
	if (!rc)
		rc = jset(o, "category", jstr(entry_category(m->p, e)));
	if (!rc)
		rc = jset(o, "level", json_string(level_name(e->level)));
	if (!rc)
		rc = jset(o, "assignment", json_string(assignment_name(e->assignment)));
	if (!rc)
		rc = jset(o, "team", jstr(e->team));
	if (!rc)
		rc = jset(o, "provider", jstr(e->provider));
	if (!rc)
		rc = jset(o, "insource", jside(&e->score[SIDE_INSOURCE]));
	if (!rc)
		rc = jset(o, "outsource", jside(&e->score[SIDE_OUTSOURCE]));
	if (!rc)
		rc = jset(o, "current", jfigure(&re->current));
	if (!rc)
		rc = jset(o, "target", jfigure(&re->target));
	if (!rc)
		rc = jset(o, "gap", jfigure(&re->gap));
	if (!rc)
		rc = jset(o, "provisional", json_boolean(re->provisional));
	if (!rc)
		rc = jset(o, "custom", json_boolean(e->custom));
	if (!rc)
		rc = jset(o, "note", jstr(e->note));
	if (rc) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *jgap(const struct report_model *m, size_t rank, const struct report_entry *re)
{
	const struct entry *e = re->e;
	json_t *o = json_object();
	int rc;

	if (!o)
		return NULL;
	rc = jset(o, "rank", json_integer((json_int_t)rank));
	if (!rc)
		rc = jset(o, "ref", jstr(e->ref_id));
	if (!rc)
		rc = jset(o, "name", jstr(entry_name(m->p, e, m->lc)));
	if (!rc)
		rc = jset(o, "level", json_string(level_name(e->level)));
	if (!rc)
		rc = jset(o, "assignment", json_string(assignment_name(e->assignment)));
	if (!rc)
		rc = jset(o, "current", jfigure(&re->current));
	if (!rc)
		rc = jset(o, "target", jfigure(&re->target));
	if (!rc)
		rc = jset(o, "gap", jfigure(&re->gap));
	if (rc) {
		json_decref(o);
		return NULL;
	}
	return o;
}

/* Fields every roll-up has, category and overall alike. */
static int jrollup_fields(json_t *o, const struct report_model *m, const struct report_rollup *ru)
{
	json_t *trace = json_array();
	size_t i;
	int rc;

	rc = jset(o, "n_selected", json_integer((json_int_t)ru->n_selected));
	if (!rc)
		rc = jset(o, "n_assessed", json_integer((json_int_t)ru->n_assessed));
	if (!rc)
		rc = jset(o, "current", jfigure(&ru->current));
	if (!rc)
		rc = jset(o, "target", jfigure(&ru->target));
	if (!rc)
		rc = jset(o, "gap", jfigure(&ru->gap));
	for (i = 0; !rc && trace && i < ru->n_assessed; i++)
		rc = jappend(trace, jstr(m->p->entries[ru->trace[i]].ref_id));
	if (!rc)
		return jset(o, "trace", trace);
	json_decref(trace);
	return rc;
}

static json_t *jrollup(const struct report_model *m, const struct report_rollup *ru)
{
	json_t *o = json_object();
	int rc;

	if (!o)
		return NULL;
	rc = jset(o, "category", jstr(ru->category));
	if (!rc)
		rc = jset(o, "name", jstr(ru->name));
	if (!rc)
		rc = jrollup_fields(o, m, ru);
	if (rc) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *joverall(const struct report_model *m, const struct report_rollup *ru)
{
	json_t *o = json_object();
	int rc;

	if (!o)
		return NULL;
	rc = jrollup_fields(o, m, ru);
	if (!rc)
		rc = jset(o, "formula", json_string("mean"));
	if (!rc)
		rc = jset(o, "weighted", json_false());
	if (rc) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static json_t *jphase(size_t done, size_t total)
{
	return json_pack("{s:I,s:I}", "done", (json_int_t)done, "total", (json_int_t)total);
}

static json_t *jprogress(const struct report_phase *pg)
{
	json_t *o = json_object();
	int rc;

	if (!o)
		return NULL;
	rc = jset(o, "catalogue", jphase(pg[0].done, pg[0].total));
	if (!rc)
		rc = jset(o, "profile", jphase(pg[1].done, pg[1].total));
	if (!rc)
		rc = jset(o, "portfolio", jphase(pg[2].done, pg[2].total));
	if (rc) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static int build(json_t *root, const struct report_model *m)
{
	const struct portfolio *p = m->p;
	const struct framework *fw = p->fw;
	json_t *entries, *gaps, *rollups;
	const char *fw_id = p->framework_id ? p->framework_id : fw ? fw->id : NULL;
	size_t i;
	int rc;

	rc = jset(root, "report_version", json_integer(JSON_REPORT_VERSION));
	if (!rc)
		rc = jset(root, "organization", jstr(p->org_name));
	if (!rc)
		rc = jset(root, "framework", jstr(fw_id));
	if (!rc)
		rc = jset(root, "framework_name", jstr(fw ? rep_framework_name(m) : NULL));
	if (!rc)
		rc = jset(root, "cycle", json_integer(p->cycle));
	if (!rc)
		rc = jset(root, "lang", json_string(m->lc));
	if (!rc)
		rc = jset(root, "entries", entries = json_array());
	for (i = 0; !rc && i < m->n_entries; i++)
		rc = jappend(entries, jentry(m, &m->entries[i]));
	if (!rc)
		rc = jset(root, "gaps", gaps = json_array());
	for (i = 0; !rc && i < m->n_gaps; i++)
		rc = jappend(gaps, jgap(m, i + 1, &m->entries[m->gaps[i]]));
	if (!rc)
		rc = jset(root, "rollups", rollups = json_array());
	for (i = 0; !rc && i + 1 < m->n_rollups; i++)
		rc = jappend(rollups, jrollup(m, &m->rollups[i]));
	if (!rc && m->overall)
		rc = jset(root, "overall", joverall(m, m->overall));
	if (!rc)
		rc = jset(root, "progress", jprogress(m->progress));
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
