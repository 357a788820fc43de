/*
 * model.c - the report model (model.h): figures from core/score.h, and the
 * texts every view shows for them.
 */
#include "report/model.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/level.h"
#include "core/score.h"
#include "report/report_int.h"
#include "util/xalloc.h"

#define DASH "\xE2\x80\x94"  /* "—": no figure, not assessed */
#define ARROW "\xE2\x86\x92" /* "→": current to target */

const char *report_figure_format(char out[REPORT_FIGURE_MAX], double v)
{
	size_t n;

	if (!(v == v)) { /* NaN */
		snprintf(out, REPORT_FIGURE_MAX, "%s", DASH);
		return out;
	}
	snprintf(out, REPORT_FIGURE_MAX, "%.2f", score_round(v));
	n = strlen(out);
	while (n > 0 && out[n - 1] == '0')
		out[--n] = '\0';
	if (n > 0 && out[n - 1] == '.')
		out[--n] = '\0';
	return out;
}

static void figure_set(struct report_figure *f, int ok, double v)
{
	f->ok = ok;
	f->value = ok ? v : 0;
	if (ok)
		report_figure_format(f->text, v);
	else
		snprintf(f->text, sizeof(f->text), "%s", DASH);
}

/* ---- cell texts ---- */

int rep_paren(struct buf *b, enum lang lang, const char *text)
{
	int rc = buf_addstr(b, tr(lang, MSG_REPORT_PAREN_OPEN));

	if (!rc)
		rc = rep_clean(b, text, 1);
	if (!rc)
		rc = buf_addstr(b, tr(lang, MSG_REPORT_PAREN_CLOSE));
	return rc;
}

/* "A-1 Risk management" */
static int entry_label(struct buf *b, const struct report_model *m, const struct entry *e)
{
	const char *name = entry_name(m->p, e, m->lc);
	int rc = rep_clean(b, e->ref_id, 1);

	if (!rc && name && strcmp(name, e->ref_id)) {
		rc = buf_addch(b, ' ');
		if (!rc)
			rc = rep_clean(b, name, 1);
	}
	return rc;
}

/* "A-1 Risk management (provisional) (custom service)" */
static int entry_service(struct buf *b, const struct report_model *m, const struct entry *e)
{
	int rc = entry_label(b, m, e);

	if (!rc && entry_provisional(m->p, e))
		rc = rep_paren(b, m->lang, tr(m->lang, MSG_PROVISIONAL));
	if (!rc && e->custom)
		rc = rep_paren(b, m->lang, tr(m->lang, MSG_CUSTOM_SERVICE));
	return rc;
}

static int entry_assignment(struct buf *b, const struct report_model *m, const struct entry *e)
{
	enum lang lang = m->lang;
	int rc;

	if (!entry_has_sides(e)) /* the team's own: never assigned */
		return buf_addstr(b, tr(lang, e->assessment == ASSESS_PARAMETER
						  ? MSG_REPORT_TEAM_MATURITY
						  : MSG_REPORT_TEAM_READINESS));
	rc = buf_addstr(b, tr_assignment(lang, e->assignment));
	if (rc)
		return rc;
	switch (e->assignment) {
	case ASSIGN_INSOURCE:
		if (e->team && *e->team)
			rc = rep_paren(b, lang, e->team);
		break;
	case ASSIGN_OUTSOURCE:
		if (e->provider && *e->provider)
			rc = rep_paren(b, lang, e->provider);
		break;
	case ASSIGN_HYBRID:
		if ((e->team && *e->team) || (e->provider && *e->provider)) {
			rc = buf_addstr(b, tr(lang, MSG_REPORT_PAREN_OPEN));
			if (!rc)
				rc = rep_clean(b, e->team && *e->team ? e->team : DASH, 1);
			if (!rc)
				rc = buf_addstr(b, " / ");
			if (!rc)
				rc = rep_clean(b, e->provider && *e->provider ? e->provider : DASH,
					       1);
			if (!rc)
				rc = buf_addstr(b, tr(lang, MSG_REPORT_PAREN_CLOSE));
		}
		break;
	default:
		break;
	}
	return rc;
}

int rep_score(struct buf *b, enum lang lang, int score)
{
	if (score == SCORE_NONE)
		return buf_addstr(b, DASH);
	if (score == SCORE_NA)
		return buf_addstr(b, tr(lang, MSG_NA));
	return buf_printf(b, "%d", score);
}

static int side_has_data(const struct entry *e, int s)
{
	return e->score[s].current != SCORE_NONE || e->score[s].target != SCORE_NONE;
}

/* The sides an entry shows: those its assignment uses; for an unassigned
 * entry the sides that were scored (the in-house one when none was). */
static void shown_sides(const struct entry *e, int show[SIDE_COUNT])
{
	int s;

	for (s = 0; s < SIDE_COUNT; s++)
		show[s] = e->assignment == ASSIGN_UNASSIGNED && entry_has_sides(e)
			      ? side_has_data(e, s)
			      : entry_uses_side(e, s);
	if (!show[SIDE_INSOURCE] && !show[SIDE_OUTSOURCE])
		show[SIDE_INSOURCE] = 1;
}

/* The current (which 0) or target (1) cell: the figure, else n/a when a
 * side shown is n/a, else "—". */
static int figure_cell(struct buf *b, const struct report_model *m, const struct entry *e,
		       const struct report_figure *f, int which)
{
	int show[SIDE_COUNT], s;

	if (f->ok)
		return buf_addstr(b, f->text);
	shown_sides(e, show);
	for (s = 0; s < SIDE_COUNT; s++)
		if (show[s] && (which ? e->score[s].target : e->score[s].current) == SCORE_NA)
			return buf_addstr(b, tr(m->lang, MSG_NA));
	return buf_addstr(b, DASH);
}

/* "From its functions 5.1.1, 5.1.3": the parts a service's figures come
 * from (core/score.h), in catalogue order. */
static int parts_text(struct buf *b, const struct report_model *m, const struct entry *e)
{
	int whole = framework_find(m->p->fw, e->ref_id), rc;
	size_t i, n = 0;

	rc = buf_addstr(b, tr(m->lang, MSG_REPORT_FROM_PARTS));
	for (i = 0; !rc && i < m->p->n_entries; i++) {
		const struct entry *pe = &m->p->entries[i];
		double cur, tgt;
		if (!pe->part || pe->level == LEVEL_NOT_REQUIRED || entry_figure(pe, 0, &cur) ||
		    entry_figure(pe, 1, &tgt) ||
		    framework_part_of(m->p->fw, framework_find(m->p->fw, pe->ref_id)) != whole)
			continue;
		rc = buf_addstr(b, n++ ? ", " : " ");
		if (!rc)
			rc = rep_clean(b, pe->ref_id, 1);
	}
	return rc;
}

/* "In-house 1 → 2 / Outsourced — → 5" for a hybrid entry or an unassigned
 * one with scores; nothing for the others. */
static int sides_text(struct buf *b, const struct report_model *m, const struct entry *e)
{
	int show[SIDE_COUNT], s, n = 0, rc = 0;

	if (!entry_has_sides(e)) /* one score, shown as the figures */
		return 0;
	if (e->from_parts.n && !side_has_data(e, SIDE_INSOURCE) &&
	    !side_has_data(e, SIDE_OUTSOURCE))
		return parts_text(b, m, e);
	if (e->assignment == ASSIGN_UNASSIGNED) {
		if (!side_has_data(e, SIDE_INSOURCE) && !side_has_data(e, SIDE_OUTSOURCE))
			return 0;
	} else if (e->assignment != ASSIGN_HYBRID) {
		return 0;
	}
	shown_sides(e, show);
	for (s = 0; !rc && s < SIDE_COUNT; s++) {
		if (!show[s])
			continue;
		if (n++)
			rc = buf_addstr(b, " / ");
		if (!rc)
			rc = buf_addstr(b, tr_assignment(m->lang, s == SIDE_INSOURCE
								      ? ASSIGN_INSOURCE
								      : ASSIGN_OUTSOURCE));
		if (!rc)
			rc = buf_addch(b, ' ');
		if (!rc)
			rc = rep_score(b, m->lang, e->score[s].current);
		if (!rc)
			rc = buf_addstr(b, " " ARROW " ");
		if (!rc)
			rc = rep_score(b, m->lang, e->score[s].target);
	}
	return rc;
}

const char *rep_category_name(const struct report_model *m, const char *ref)
{
	const char *name;
	int i;

	if (!ref || !*ref)
		return tr(m->lang, MSG_REPORT_NO_CATEGORY);
	if (!m->p->fw)
		return ref;
	i = framework_find(m->p->fw, ref);
	name = i < 0 ? NULL : fw_node_name(&m->p->fw->nodes[i], m->lc);
	return name ? name : ref;
}

const char *rep_framework_name(const struct report_model *m)
{
	const struct framework *fw = m->p->fw;

	if (fw) {
		if (m->lang == LANG_JA && fw->name_ja && *fw->name_ja)
			return fw->name_ja;
		if (fw->name_en && *fw->name_en)
			return fw->name_en;
		if (fw->id)
			return fw->id;
	}
	return m->p->framework_id;
}

/* ---- the parts of the model ---- */

/* Hand b's text over (b is emptied for the next one). */
static char *take(struct buf *b)
{
	return buf_detach(b, NULL);
}

static int build_entry(struct report_model *m, struct report_entry *re, const struct entry *e,
		       report_warning_fn warning, struct buf *b)
{
	double cur = 0, tgt = 0, gap = 0;
	int has_cur = !entry_figure(e, 0, &cur), has_tgt = !entry_figure(e, 1, &tgt);
	int has_gap = !entry_gap(e, &gap), rc;

	re->e = e;
	re->provisional = entry_provisional(m->p, e);
	re->warning = warning && warning(m->p, e) != 0;
	figure_set(&re->current, has_cur, cur);
	figure_set(&re->target, has_tgt, tgt);
	figure_set(&re->gap, has_gap, gap);
	rc = entry_service(b, m, e);
	if (rc)
		return rc;
	re->service = take(b);
	if ((rc = entry_label(b, m, e)))
		return rc;
	re->label = take(b);
	if ((rc = entry_assignment(b, m, e)))
		return rc;
	re->assignment = take(b);
	if ((rc = figure_cell(b, m, e, &re->current, 0)))
		return rc;
	re->current_cell = take(b);
	if ((rc = figure_cell(b, m, e, &re->target, 1)))
		return rc;
	re->target_cell = take(b);
	if ((rc = buf_addstr(b, re->gap.text)))
		return rc;
	re->gap_cell = take(b);
	if ((rc = sides_text(b, m, e)))
		return rc;
	re->sides = take(b);
	return 0;
}

static int build_rollup(struct report_model *m, struct report_rollup *rr, const struct rollup *ru,
			struct buf *b)
{
	int has = ru->n_assessed > 0, rc = 0;
	size_t i;

	rr->category = ru->category;
	rr->assessment = ru->assessment;
	rr->name = ru->category ? rep_category_name(m, ru->category) : NULL;
	rr->n_selected = ru->n_entries;
	rr->n_assessed = ru->n_assessed;
	rr->trace = ru->trace;
	figure_set(&rr->current, has, ru->current);
	figure_set(&rr->target, has, ru->target);
	figure_set(&rr->gap, has, ru->gap);
	if (!ru->category) {
		rc = buf_addstr(b, tr(m->lang, MSG_OVERALL));
	} else if (!*ru->category) {
		rc = buf_addstr(b, tr(m->lang, MSG_REPORT_NO_CATEGORY));
	} else {
		rc = rep_clean(b, ru->category, 1);
		if (!rc && strcmp(rr->name, ru->category)) {
			rc = buf_addch(b, ' ');
			if (!rc)
				rc = rep_clean(b, rr->name, 1);
		}
	}
	if (rc)
		return rc;
	rr->label = take(b);
	if (!ru->n_assessed)
		rc = buf_addstr(b, tr(m->lang, MSG_REPORT_NONE));
	for (i = 0; !rc && i < ru->n_assessed; i++) {
		if (i)
			rc = buf_addstr(b, tr(m->lang, MSG_REPORT_LIST_SEP));
		if (!rc)
			rc = rep_clean(b, m->p->entries[ru->trace[i]].ref_id, 1);
	}
	if (rc)
		return rc;
	rr->trace_text = take(b);
	return 0;
}

static void build_progress(struct report_model *m)
{
	static const enum msg_id phase[REPORT_PHASES] = {MSG_CATALOGUE, MSG_PROFILE, MSG_PORTFOLIO};
	static const enum msg_id measure[REPORT_PHASES] = {MSG_REPORT_PROGRESS_CATALOGUE,
							   MSG_REPORT_PROGRESS_PROFILE,
							   MSG_REPORT_PROGRESS_PORTFOLIO};
	struct progress pg;
	size_t done[REPORT_PHASES], total[REPORT_PHASES];
	int i;

	score_progress(m->p, &pg);
	done[0] = pg.catalogue_done, total[0] = pg.catalogue_total;
	done[1] = pg.profile_done, total[1] = pg.profile_total;
	done[2] = pg.portfolio_done, total[2] = pg.portfolio_total;
	for (i = 0; i < REPORT_PHASES; i++) {
		struct report_phase *ph = &m->progress[i];
		ph->phase = phase[i];
		ph->measure = measure[i];
		ph->done = done[i];
		ph->total = total[i];
		ph->percent = score_percent(done[i], total[i]);
		if (total[i])
			snprintf(ph->percent_text, sizeof(ph->percent_text), "%u%%", ph->percent);
		else
			snprintf(ph->percent_text, sizeof(ph->percent_text), "%s", DASH);
	}
}

static void build_trend(struct report_model *m, const struct report_history *h)
{
	size_t i, n;

	m->has_trend = 1;
	if (!h->n)
		return;
	m->trend = xcalloc(h->n, sizeof(*m->trend));
	for (i = 0; i < h->n; i++) {
		const struct report_cycle *c = &h->cycles[i];
		struct report_trend_point *pt = &m->trend[i];
		struct rollup *r = NULL;
		int has;

		n = score_rollups(&c->p, 0, &r);
		has = n > 0 && r[n - 1].n_assessed > 0;
		pt->cycle = c->number;
		snprintf(pt->closed, sizeof(pt->closed), "%.10s", c->closed_at ? c->closed_at : "");
		figure_set(&pt->current, has, has ? r[n - 1].current : 0);
		figure_set(&pt->target, has, has ? r[n - 1].target : 0);
		pt->assessed = has ? r[n - 1].n_assessed : 0;
		score_rollups_free(r, n);
	}
	m->n_trend = h->n;
}

/* Append message id with "{1}" and "{2}" replaced by a1 and a2. */
static int add_msg(struct buf *b, enum lang lang, enum msg_id id, const char *a1, const char *a2)
{
	const char *s = tr(lang, id), *arg;
	int rc = 0;

	while (!rc && *s) {
		if (s[0] == '{' && (s[1] == '1' || s[1] == '2') && s[2] == '}') {
			arg = s[1] == '1' ? a1 : a2;
			rc = buf_addstr(b, arg ? arg : "");
			s += 3;
		} else {
			rc = buf_addch(b, *s++);
		}
	}
	return rc;
}

/* The glance: the overall roll-up, the gaps per level (the model's gaps),
 * the actions the caller counted and the planned next evaluation. */
static int build_glance(struct report_model *m, const struct report_input *in, struct buf *b)
{
	static const int levels[] = {LEVEL_BASIC, LEVEL_STANDARD, LEVEL_ADVANCED, LEVEL_OPTIONAL};
	struct report_glance *g = &m->glance;
	char n1[32], n2[32];
	size_t i;
	int rc;

	if (m->overall && m->overall->n_assessed) {
		g->current = m->overall->current;
		g->target = m->overall->target;
		rc = add_msg(b, m->lang, MSG_GLANCE_OVERALL_VALUE, g->current.text, g->target.text);
	} else {
		figure_set(&g->current, 0, 0);
		figure_set(&g->target, 0, 0);
		rc = buf_addstr(b, tr(m->lang, MSG_NOT_ASSESSED));
	}
	if (rc)
		return rc;
	g->overall = take(b);
	for (i = 0; i < m->n_gaps; i++) {
		int level = m->p->entries[m->gaps[i]].level;
		if (level >= 0 && level < LEVEL_COUNT)
			g->gaps[level]++;
	}
	g->n_gaps = m->n_gaps;
	if (!m->n_gaps)
		rc = buf_addstr(b, tr(m->lang, MSG_REPORT_NONE));
	for (i = 0; !rc && m->n_gaps && i < sizeof(levels) / sizeof(levels[0]); i++) {
		if (i)
			rc = buf_addstr(b, tr(m->lang, MSG_REPORT_LIST_SEP));
		if (!rc)
			rc = buf_printf(b, "%s %zu", tr_level(m->lang, levels[i]),
					g->gaps[levels[i]]);
	}
	if (rc)
		return rc;
	g->gaps_text = take(b);
	if (in->actions) {
		g->has_actions = 1;
		g->open_actions = in->actions->open;
		g->overdue_actions = in->actions->overdue;
		snprintf(n1, sizeof(n1), "%zu", g->overdue_actions);
		snprintf(n2, sizeof(n2), "%zu", g->open_actions);
		if ((rc = add_msg(b, m->lang, MSG_GLANCE_OVERDUE_VALUE, n1, n2)))
			return rc;
		g->actions_text = take(b);
	}
	g->next_evaluation =
	    m->p->next_evaluation && *m->p->next_evaluation ? m->p->next_evaluation : NULL;
	rc = g->next_evaluation ? rep_clean(b, g->next_evaluation, 1)
				: buf_addstr(b, tr(m->lang, MSG_GLANCE_NOT_PLANNED));
	if (rc)
		return rc;
	g->next_text = take(b);
	return 0;
}

static const enum msg_id change_names[REPORT_CHANGE_KINDS] = {
    MSG_BOARD_ADDED,	  MSG_BOARD_REMOVED, MSG_BOARD_LEVEL,
    MSG_BOARD_ASSIGNMENT, MSG_BOARD_CURRENT, MSG_BOARD_TARGET};

/* "1.5", or "—" when e has no figure which (entry_figure). */
static const char *change_figure(char out[REPORT_FIGURE_MAX], const struct entry *e, int which)
{
	double v;

	if (entry_figure(e, which, &v))
		snprintf(out, REPORT_FIGURE_MAX, "%s", DASH);
	else
		report_figure_format(out, v);
	return out;
}

static int same_text(const char *a, const char *b)
{
	return !strcmp(a ? a : "", b ? b : "");
}

/* "Kind: before → after" appended to a change line, "; " between parts. */
static int change_part(struct buf *b, const struct report_model *m, size_t *parts,
		       enum report_change_kind k, const char *before, const char *after)
{
	int rc = buf_addstr(b, (*parts)++ ? "; " : ": ");

	if (!rc)
		rc = buf_addstr(b, tr(m->lang, change_names[k]));
	if (!rc && before)
		rc = buf_printf(b, " %s \xE2\x86\x92 %s", before, after);
	return rc;
}

/* Compare entry now (NULL: removed) with then (NULL: added); count its
 * changes in g and, while there is room, add its change line. */
static int diff_entry(struct report_model *m, const struct entry *now, const struct entry *then,
		      struct buf *b)
{
	struct report_glance *g = &m->glance;
	const struct entry *e = now ? now : then;
	char f1[REPORT_FIGURE_MAX], f2[REPORT_FIGURE_MAX];
	int kinds[REPORT_CHANGE_KINDS] = {0};
	size_t k, parts = 0;
	int any = 0, rc;

	if (!then)
		kinds[REPORT_CHANGE_ADDED] = 1;
	else if (!now)
		kinds[REPORT_CHANGE_REMOVED] = 1;
	else {
		kinds[REPORT_CHANGE_LEVEL] = now->level != then->level;
		kinds[REPORT_CHANGE_ASSIGNMENT] = now->assignment != then->assignment ||
						  !same_text(now->team, then->team) ||
						  !same_text(now->provider, then->provider);
		kinds[REPORT_CHANGE_CURRENT] =
		    strcmp(change_figure(f1, now, 0), change_figure(f2, then, 0)) != 0;
		kinds[REPORT_CHANGE_TARGET] =
		    strcmp(change_figure(f1, now, 1), change_figure(f2, then, 1)) != 0;
	}
	for (k = 0; k < REPORT_CHANGE_KINDS; k++) {
		g->changes[k] += (size_t)kinds[k];
		any |= kinds[k];
	}
	if (!any)
		return 0;
	g->n_changed++;
	if (g->n_change_lines >= REPORT_GLANCE_TOP)
		return 0;
	rc = entry_label(b, m, e);
	for (k = 0; !rc && k < REPORT_CHANGE_KINDS; k++) {
		if (!kinds[k])
			continue;
		switch (k) {
		case REPORT_CHANGE_LEVEL:
			rc = change_part(b, m, &parts, k, tr_level(m->lang, then->level),
					 tr_level(m->lang, now->level));
			break;
		case REPORT_CHANGE_ASSIGNMENT: {
			struct buf a;
			char *before = NULL, *after = NULL;
			buf_init(&a, REPORT_MAX_BYTES);
			rc = entry_assignment(&a, m, then);
			if (!rc)
				before = take(&a);
			if (!rc)
				rc = entry_assignment(&a, m, now);
			if (!rc)
				after = take(&a);
			if (!rc)
				rc = change_part(b, m, &parts, k, before, after);
			free(before);
			free(after);
			buf_release(&a);
			break;
		}
		case REPORT_CHANGE_CURRENT:
		case REPORT_CHANGE_TARGET: {
			int which = k == REPORT_CHANGE_TARGET;
			rc = change_part(b, m, &parts, k, change_figure(f2, then, which),
					 change_figure(f1, now, which));
			break;
		}
		default:
			rc = change_part(b, m, &parts, k, NULL, NULL);
			break;
		}
	}
	if (rc)
		return rc;
	g->change_refs[g->n_change_lines] = e->ref_id;
	for (k = 0; k < REPORT_CHANGE_KINDS; k++)
		if (kinds[k])
			g->change_kinds[g->n_change_lines] |= 1u << k;
	g->change_lines[g->n_change_lines++] = take(b);
	return 0;
}

/* The changes since the last closed cycle of h (model.h, struct report_glance). */
static int build_changes(struct report_model *m, const struct report_history *h, struct buf *b)
{
	struct report_glance *g = &m->glance;
	const struct portfolio *then, *now = m->p;
	size_t i, k;
	int rc = 0;

	if (!h || !h->n)
		return 0;
	then = &h->cycles[h->n - 1].p;
	g->has_changes = 1;
	g->since_cycle = h->cycles[h->n - 1].number;
	g->change_lines = xcalloc(REPORT_GLANCE_TOP, sizeof(*g->change_lines));
	g->change_refs = xcalloc(REPORT_GLANCE_TOP, sizeof(*g->change_refs));
	g->change_kinds = xcalloc(REPORT_GLANCE_TOP, sizeof(*g->change_kinds));
	for (i = 0; !rc && i < now->n_entries; i++)
		rc = diff_entry(m, &now->entries[i], portfolio_find(then, now->entries[i].ref_id),
				b);
	for (i = 0; !rc && i < then->n_entries; i++)
		if (!portfolio_find(now, then->entries[i].ref_id))
			rc = diff_entry(m, NULL, &then->entries[i], b);
	if (!rc && !g->n_changed)
		rc = buf_addstr(b, tr(m->lang, MSG_BOARD_NO_CHANGES));
	for (k = 0, i = 0; !rc && k < REPORT_CHANGE_KINDS; k++) {
		if (!g->changes[k])
			continue;
		if (i++)
			rc = buf_addstr(b, tr(m->lang, MSG_REPORT_LIST_SEP));
		if (!rc)
			rc = buf_printf(b, "%s %zu", tr(m->lang, change_names[k]), g->changes[k]);
	}
	if (!rc) {
		char since[32], *counts = take(b);
		snprintf(since, sizeof(since), "%d", g->since_cycle);
		rc = add_msg(b, m->lang, MSG_BOARD_SINCE_VALUE, counts, since);
		free(counts);
	}
	if (!rc)
		g->changes_text = take(b);
	return rc;
}

/* The overdue actions of the input's lists, oldest first, at most REPORT_GLANCE_TOP. */
static int build_overdue(struct report_model *m, const struct report_lists *l, struct buf *b)
{
	struct report_glance *g = &m->glance;
	size_t i;
	int rc = 0;

	for (i = 0; !rc && l && i < l->n_actions && g->n_overdue < REPORT_GLANCE_TOP; i++) {
		const struct report_action *a = &l->actions[i];
		if (!a->overdue)
			continue;
		if ((rc = rep_clean(b, a->title ? a->title : "", 1)))
			break;
		g->overdue[g->n_overdue].title = take(b);
		rc = rep_clean(b, a->owner && *a->owner ? a->owner : DASH, 1);
		if (rc)
			break;
		g->overdue[g->n_overdue].owner = take(b);
		rc = rep_clean(b, a->due && *a->due ? a->due : DASH, 1);
		if (rc)
			break;
		g->overdue[g->n_overdue].action = i;
		g->overdue[g->n_overdue++].due = take(b);
	}
	if (rc) { /* a half-built one (the slots start NULL) */
		free(g->overdue[g->n_overdue].title);
		free(g->overdue[g->n_overdue].owner);
	}
	return rc;
}

static int build_meta(struct report_model *m, struct buf *b)
{
	const char *fw = rep_framework_name(m);
	int rc;

	if (m->p->org_name) {
		if ((rc = rep_clean(b, m->p->org_name, 1)))
			return rc;
		m->organization = take(b);
	}
	if (fw) {
		rc = rep_clean(b, fw, 1);
		if (!rc && m->p->framework_id && strcmp(fw, m->p->framework_id))
			rc = rep_paren(b, m->lang, m->p->framework_id);
		if (rc)
			return rc;
		m->framework = take(b);
	}
	return 0;
}

static int build(struct report_model *m, const struct report_input *in)
{
	const struct portfolio *p = in->p;
	struct buf b;
	size_t i;
	int rc;

	buf_init(&b, REPORT_MAX_BYTES);
	rc = build_meta(m, &b);
	m->n_entries = p->n_entries;
	m->entries = xcalloc(p->n_entries + 1, sizeof(*m->entries));
	for (i = 0; !rc && i < p->n_entries; i++)
		rc = build_entry(m, &m->entries[i], &p->entries[i], in->warning, &b);
	m->n_gaps = score_gaps(p, &m->gap_list);
	m->gaps = xcalloc(m->n_gaps + 1, sizeof(*m->gaps));
	for (i = 0; i < m->n_gaps; i++)
		m->gaps[i] = m->gap_list[i].entry;
	m->n_rollups = score_rollups(p, 0, &m->rollup_list);
	m->rollups = xcalloc(m->n_rollups + 1, sizeof(*m->rollups));
	for (i = 0; !rc && i < m->n_rollups; i++)
		rc = build_rollup(m, &m->rollups[i], &m->rollup_list[i], &b);
	m->overall = m->n_rollups ? &m->rollups[m->n_rollups - 1] : NULL;
	build_progress(m);
	if (!rc)
		rc = build_glance(m, in, &b);
	m->glance.n_top_gaps = m->n_gaps < REPORT_GLANCE_TOP ? m->n_gaps : REPORT_GLANCE_TOP;
	if (!rc)
		rc = build_changes(m, in->history, &b);
	if (!rc)
		rc = build_overdue(m, in->lists, &b);
	if (in->history)
		build_trend(m, in->history);
	buf_release(&b);
	return rc;
}

int report_in_readiness(const struct report_model *m, const struct report_entry *re)
{
	return re->e->assessment == ASSESS_READINESS && m->overall &&
	       m->overall->assessment != ASSESS_READINESS;
}

int report_model_new(const struct report_input *in, struct report_model **out, struct err *e)
{
	struct report_model *m;
	int rc;

	*out = NULL;
	if (!in || !in->p)
		return err_fail(e, ERR_INTERNAL, NULL, MSG_E_REPORT_NO_PORTFOLIO);
	m = xcalloc(1, sizeof(*m));
	m->p = in->p;
	m->lang = (unsigned)in->lang < LANG_COUNT ? in->lang : LANG_EN;
	m->lc = lang_code(m->lang);
	m->warning = in->warning;
	m->lists = in->lists;
	score_scale_of(in->p->fw, &m->scale);
	rc = build(m, in);
	if (rc) {
		report_model_free(m);
		if (rc == ERR_TOO_LARGE)
			return err_fail(e, rc, NULL, MSG_E_REPORT_MODEL_TOO_LARGE,
					in->p->org_name ? in->p->org_name : "",
					(size_t)REPORT_MAX_BYTES);
		return err_fail(e, rc, NULL, MSG_E_NOMEM);
	}
	*out = m;
	return 0;
}

void report_model_free(struct report_model *m)
{
	size_t i;

	if (!m)
		return;
	for (i = 0; m->entries && i < m->n_entries; i++) {
		struct report_entry *re = &m->entries[i];
		free(re->service);
		free(re->label);
		free(re->assignment);
		free(re->current_cell);
		free(re->target_cell);
		free(re->gap_cell);
		free(re->sides);
	}
	for (i = 0; m->rollups && i < m->n_rollups; i++) {
		free(m->rollups[i].label);
		free(m->rollups[i].trace_text);
	}
	free(m->entries);
	free(m->gaps);
	free(m->rollups);
	free(m->trend);
	free(m->gap_list);
	score_rollups_free(m->rollup_list, m->n_rollups);
	free(m->glance.overall);
	free(m->glance.gaps_text);
	free(m->glance.actions_text);
	free(m->glance.next_text);
	free(m->glance.changes_text);
	for (i = 0; i < m->glance.n_change_lines; i++)
		free(m->glance.change_lines[i]);
	free(m->glance.change_lines);
	free(m->glance.change_refs);
	free(m->glance.change_kinds);
	for (i = 0; i < m->glance.n_overdue; i++) {
		free(m->glance.overdue[i].title);
		free(m->glance.overdue[i].owner);
		free(m->glance.overdue[i].due);
	}
	free(m->organization);
	free(m->framework);
	free(m);
}
