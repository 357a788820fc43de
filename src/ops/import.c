/*
 * import.c - portfolios edited in a workbook or a CSV file, applied as rows
 * of ops (ops_batch_row) inside one outer transaction, read a row at a time:
 * each run of rows of one portfolio is applied to it in memory and its
 * changed entries written at the run's end; the changes are each entry
 * before its row against the entry as written, and a dry run rolls the
 * whole transaction back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ops/import_actions.h"
#include "ops/ops_import.h"
#include "ops/ops_int.h"
#include "ops/ops_stats.h"
#include "util/progress.h"
#include "util/xalloc.h"

/* The editable inputs, in the order ops applies them. */
static const enum pcol inputs[] = {
    PCOL_LEVEL,	    PCOL_ASSIGNMENT,  PCOL_TEAM,       PCOL_PROVIDER, PCOL_IN_CURRENT,
    PCOL_IN_TARGET, PCOL_OUT_CURRENT, PCOL_OUT_TARGET, PCOL_NOTE,
};
#define N_INPUTS (sizeof(inputs) / sizeof(inputs[0]))

/* A stored score as the text a cell gives it ("" none, "n/a", or its number). */
static void score_text(int v, char *buf, size_t size)
{
	char digits[16];
	size_t n = 0, k = 0;
	unsigned u;

	if (!size)
		return;
	if (v == SCORE_NONE) {
		buf[0] = '\0';
		return;
	}
	if (v == SCORE_NA) {
		snprintf(buf, size, "%s", "n/a");
		return;
	}
	if (v < 0) {
		snprintf(buf, size, "%d", v);
		return;
	}
	u = (unsigned)v;
	do
		digits[n++] = (char)('0' + u % 10);
	while ((u /= 10) && n < sizeof(digits));
	while (n && k + 1 < size)
		buf[k++] = digits[--n];
	buf[k] = '\0';
}

/* Input c of en as stored, as text ("" for none; en NULL: a service not in the catalogue). */
static const char *stored(const struct entry *en, enum pcol c, char *buf, size_t size)
{
	if (!en)
		return c == PCOL_ASSIGNMENT ? assignment_name(ASSIGN_UNASSIGNED) : "";
	switch (c) {
	case PCOL_LEVEL:
		return level_name(en->level);
	case PCOL_ASSIGNMENT:
		return assignment_name(en->assignment);
	case PCOL_TEAM:
		return en->team ? en->team : "";
	case PCOL_PROVIDER:
		return en->provider ? en->provider : "";
	case PCOL_IN_CURRENT:
		score_text(en->score[SIDE_INSOURCE].current, buf, size);
		return buf;
	case PCOL_IN_TARGET:
		score_text(en->score[SIDE_INSOURCE].target, buf, size);
		return buf;
	case PCOL_OUT_CURRENT:
		score_text(en->score[SIDE_OUTSOURCE].current, buf, size);
		return buf;
	case PCOL_OUT_TARGET:
		score_text(en->score[SIDE_OUTSOURCE].target, buf, size);
		return buf;
	case PCOL_NOTE:
		return en->note ? en->note : "";
	default:
		return "";
	}
}

/* The value of cell c as ops reads it (scores into buf). */
static const char *wanted(const char *cell, enum pcol c, char *buf, size_t size)
{
	switch (c) {
	case PCOL_LEVEL:
		return portfolio_import_level(cell);
	case PCOL_ASSIGNMENT:
		return portfolio_import_assignment(cell);
	case PCOL_IN_CURRENT:
	case PCOL_IN_TARGET:
	case PCOL_OUT_CURRENT:
	case PCOL_OUT_TARGET:
		portfolio_import_score(cell, buf, size);
		return buf;
	default:
		return cell;
	}
}

static void set_input(struct ops_row *r, enum pcol c, const char *v)
{
	switch (c) {
	case PCOL_LEVEL:
		r->level = v;
		break;
	case PCOL_ASSIGNMENT:
		r->assignment = v;
		break;
	case PCOL_TEAM:
		r->team = v;
		break;
	case PCOL_PROVIDER:
		r->provider = v;
		break;
	case PCOL_IN_CURRENT:
		r->score[SIDE_INSOURCE][OPS_CURRENT] = v;
		break;
	case PCOL_IN_TARGET:
		r->score[SIDE_INSOURCE][OPS_TARGET] = v;
		break;
	case PCOL_OUT_CURRENT:
		r->score[SIDE_OUTSOURCE][OPS_CURRENT] = v;
		break;
	case PCOL_OUT_TARGET:
		r->score[SIDE_OUTSOURCE][OPS_TARGET] = v;
		break;
	case PCOL_NOTE:
		r->note = v;
		break;
	default:
		break;
	}
}

/* The column an ops field names: "insource.current" -> PCOL_IN_CURRENT, "" -> -1 (the row). */
static int field_col(const char *field)
{
	return pcol_parse(field);
}

/* The entries of in's row that differ from en, as a row of ops (scores into scores):
 * 1 when there is something to check. */
static int build_row(const struct portfolio_import_row *r, const struct entry *en,
		     struct ops_row *row, char (*scores)[16])
{
	size_t k;
	int changed = 0;

	memset(row, 0, sizeof(*row));
	row->ref = r->cell[PCOL_REF];
	row->version = r->version;
	for (k = 0; k < N_INPUTS; k++) {
		enum pcol c = inputs[k];
		char was[16];
		const char *now;
		char *buf = c >= PCOL_IN_CURRENT && c <= PCOL_OUT_TARGET
				? scores[c - PCOL_IN_CURRENT]
				: NULL;

		if (!r->cell[c])
			continue;
		now = wanted(r->cell[c], c, buf, 16);
		if (!strcmp(now, stored(en, c, was, sizeof(was))))
			continue;
		set_input(row, c, now);
		changed = 1;
	}
	/* a ref cdcf does not know is checked (and refused) all the same */
	return changed || !en;
}

/* A row handed to ops: its entry's inputs before it, for the list of changes. */
struct pending {
	char *ref; /* one block: the ref, then the texts was[] point to */
	long line;
	char *was[N_INPUTS];
};

/* Refs seen per portfolio ((portfolio, ref) -> line), to refuse one given twice: an open
 * addressing table of slots, the refs' bytes kept one after another in text. */
struct seen_slot {
	long long pid;
	size_t ref; /* offset in text + 1; 0: a free slot */
	long line;
};
struct seen {
	struct seen_slot *slots;
	size_t n, cap;
	char *text;
	size_t len, cap_text;
};

static size_t key_hash(long long pid, const char *s)
{
	size_t h = (size_t)14695981039346656037ULL ^ (size_t)pid;

	while (*s)
		h = (h ^ (unsigned char)*s++) * (size_t)1099511628211ULL;
	return h;
}

/* The line (pid, ref) was seen on, or 0 after adding it with line. */
static long seen_put(struct seen *m, long long pid, const char *ref, long line)
{
	size_t i, mask, n;

	if (2 * (m->n + 1) > m->cap) {
		struct seen_slot *old = m->slots;
		size_t was = m->cap;
		m->cap = was ? 2 * was : 1024;
		m->slots = xcalloc(m->cap, sizeof(*m->slots));
		for (i = 0; i < was; i++)
			if (old[i].ref) {
				size_t j =
				    key_hash(old[i].pid, m->text + old[i].ref - 1) & (m->cap - 1);
				while (m->slots[j].ref)
					j = (j + 1) & (m->cap - 1);
				m->slots[j] = old[i];
			}
		free(old);
	}
	mask = m->cap - 1;
	for (i = key_hash(pid, ref) & mask; m->slots[i].ref; i = (i + 1) & mask)
		if (m->slots[i].pid == pid && !strcmp(m->text + m->slots[i].ref - 1, ref))
			return m->slots[i].line;
	n = strlen(ref) + 1;
	m->text = xgrow(m->text, &m->cap_text, m->len + n, 1);
	memcpy(m->text + m->len, ref, n);
	m->slots[i].pid = pid;
	m->slots[i].ref = m->len + 1;
	m->slots[i].line = line;
	m->len += n;
	m->n++;
	return 0;
}

static void seen_release(struct seen *m)
{
	free(m->slots);
	free(m->text);
	memset(m, 0, sizeof(*m));
}

/* An import under way. */
struct run {
	struct store *st;
	const struct ops_actor *who;
	const char *org, *fw; /* given for the whole file, or NULL */
	struct portfolio_import *in;
	struct ops_import_result *out;
	struct err first; /* the first problem, listed or not */
	int fatal;	  /* the store failed: stop reading */
	/* the portfolio of the current run of rows */
	int open, bad; /* its batch is open; it could not be found (reported once) */
	char *g_org, *g_fw;
	long long pid;
	const char *names[2]; /* g_org, g_fw as kept in out->names */
	struct ops_batch b;
	struct pending *pend;
	size_t n_pend, cap_pend;
	long long *changed_pids; /* portfolios with changes */
	size_t n_changed_pids, cap_changed_pids;
	struct seen seen;
};

static void problem(struct run *r, const struct err *p)
{
	struct ops_import_result *out = r->out;

	if (!out->refused++)
		err_copy(&r->first, p);
	if (out->n_problems >= OPS_IMPORT_PROBLEMS_MAX)
		return;
	if (!out->problems)
		out->problems = xcalloc(OPS_IMPORT_PROBLEMS_MAX, sizeof(*out->problems));
	err_copy(&out->problems[out->n_problems++], p);
}

/* A problem of the current row, at its column c. */
static void row_problem(struct run *r, struct err *p, int c)
{
	char where[256];

	portfolio_import_where(r->in, &r->in->row, c, where, sizeof(where));
	err_prefix(p, "%s", where);
	problem(r, p);
}

/* name as kept by the result (each name once in a run of its portfolio). */
static const char *keep_name(struct ops_import_result *out, const char *name)
{
	if (out->n_names && !strcmp(out->names[out->n_names - 1], name))
		return out->names[out->n_names - 1];
	if (out->n_names > 1 && !strcmp(out->names[out->n_names - 2], name))
		return out->names[out->n_names - 2];
	out->names = xgrow(out->names, &out->cap_names, out->n_names + 1, sizeof(*out->names));
	out->names[out->n_names] = xstrdup(name);
	return out->names[out->n_names++];
}

static void add_change(struct run *r, const char *ref, enum pcol c, const char *was,
		       const char *now)
{
	struct ops_import_result *out = r->out;
	struct ops_import_change *ch;

	out->v = xgrow(out->v, &out->cap, out->n + 1, sizeof(*out->v));
	ch = &out->v[out->n++];
	ch->org = r->names[0];
	ch->framework = r->names[1];
	ch->ref = xstrdup(ref);
	ch->input = pcol_key(c);
	ch->was = xstrdup(was);
	ch->now = xstrdup(now);
}

static void pending_release(struct run *r)
{
	size_t i;

	for (i = 0; i < r->n_pend; i++)
		free(r->pend[i].ref); /* the block of its texts */
	r->n_pend = 0;
}

/* The end of a run of rows of one portfolio: its changed entries written (unless a row
 * was refused somewhere), the changes listed, its batch ended. */
static void group_end(struct run *r)
{
	struct err e = ERR_INIT;
	size_t i, k;
	int rc = 0;

	if (!r->open)
		goto out;
	if (!r->out->refused && r->b.n_changed) {
		rc = ops_batch_write(&r->b, &e);
		if (!rc) /* the figures from the portfolio at hand: the commit loads none */
			rc = ops_stats_keep(r->st, &r->b.p, &e);
		if (rc) {
			char where[256];
			const char *ref =
			    r->b.failed >= 0 ? r->b.p.entries[r->b.failed].ref_id : "";
			for (i = 0; i < r->n_pend && strcmp(r->pend[i].ref, ref); i++)
				;
			if (i < r->n_pend) {
				portfolio_import_place(r->in, r->pend[i].line, PCOL_REF, where,
						       sizeof(where));
				err_prefix(&e, "%s (ref='%.60s')", where, ref);
			}
			problem(r, &e);
			r->fatal = 1;
		}
	}
	for (i = 0; !rc && !r->out->refused && i < r->n_pend; i++) {
		const struct entry *en = portfolio_find(&r->b.p, r->pend[i].ref);
		size_t had = r->out->n;

		for (k = 0; k < N_INPUTS; k++) {
			char nb[16];
			const char *now = stored(en, inputs[k], nb, sizeof(nb));
			if (strcmp(r->pend[i].was[k], now))
				add_change(r, r->pend[i].ref, inputs[k], r->pend[i].was[k], now);
		}
		if (r->out->n > had)
			r->out->entries++;
	}
	if (r->out->n && !r->out->refused) {
		for (i = 0; i < r->n_changed_pids && r->changed_pids[i] != r->pid; i++)
			;
		if (i == r->n_changed_pids && r->b.n_changed) {
			r->changed_pids = xgrow(r->changed_pids, &r->cap_changed_pids,
						r->n_changed_pids + 1, sizeof(*r->changed_pids));
			r->changed_pids[r->n_changed_pids++] = r->pid;
		}
	}
	/* the batch joined the import's transaction: ending it commits nothing yet */
	if (ops_batch_end(&r->b, 0, &e) && !r->fatal) {
		problem(r, &e);
		r->fatal = 1;
	}
out:
	r->open = r->bad = 0;
	pending_release(r);
	XFREE(&r->g_org);
	XFREE(&r->g_fw);
}

/* The start of a run of rows of org's fw portfolio. */
static void group_begin(struct run *r, const char *org, const char *fw)
{
	struct err e = ERR_INIT;
	long long org_id;

	r->g_org = xstrdup(org);
	r->g_fw = xstrdup(fw);
	if (ops_resolve(r->st, org, fw, &org_id, &r->pid, &e)) {
		r->bad = 1;
		row_problem(r, &e, !strcmp(e.field, "framework") ? PCOL_FRAMEWORK : PCOL_ORG);
		return;
	}
	if (ops_batch_begin(&r->b, r->st, r->who, org, fw, &e)) {
		row_problem(r, &e, PCOL_ORG);
		r->bad = r->fatal = 1;
		return;
	}
	r->open = 1;
	r->names[0] = keep_name(r->out, org);
	r->names[1] = keep_name(r->out, fw);
}

static const char *cell_or(const struct portfolio_import_row *row, enum pcol c, const char *dflt)
{
	return row->cell[c] && *row->cell[c] ? row->cell[c] : dflt;
}

/* Check and apply the row just read. */
static void take(struct run *r)
{
	struct portfolio_import_row *row = &r->in->row;
	const char *ref = row->cell[PCOL_REF], *org, *fw;
	const struct entry *en;
	struct err e = ERR_INIT;
	struct ops_row orow;
	struct pending *pd;
	char scores[4][16];
	long first;
	size_t k;

	if (row->problem.code) {
		problem(r, &row->problem);
		return;
	}
	org = cell_or(row, PCOL_ORG, r->org);
	fw = cell_or(row, PCOL_FRAMEWORK, r->fw);
	if (!org)
		err_fail(&e, ERR_INVALID, "organization", MSG_E_IMPORT_ROW_NO_ORG, ref);
	else if (!fw)
		err_fail(&e, ERR_INVALID, "framework", MSG_E_IMPORT_ROW_NO_FW, ref);
	else if (r->org && strcmp(org, r->org))
		err_fail(&e, ERR_INVALID, "organization", MSG_E_IMPORT_ROW_OTHER_ORG, ref, org,
			 r->org);
	else if (r->fw && strcmp(fw, r->fw))
		err_fail(&e, ERR_INVALID, "framework", MSG_E_IMPORT_ROW_OTHER_FW, ref, fw, r->fw);
	if (e.code) {
		row_problem(r, &e, !strcmp(e.field, "organization") ? PCOL_ORG : PCOL_FRAMEWORK);
		return;
	}
	if (!r->g_org || strcmp(r->g_org, org) || strcmp(r->g_fw, fw)) {
		group_end(r);
		if (r->fatal)
			return;
		group_begin(r, org, fw);
	}
	if (r->bad)
		return;
	first = seen_put(&r->seen, r->pid, ref, row->line);
	if (first) {
		char where[256];
		portfolio_import_place(r->in, first, PCOL_REF, where, sizeof(where));
		err_fail(&e, ERR_INVALID, "ref", MSG_E_IMPORT_REF_TWICE, ref, where);
		row_problem(r, &e, PCOL_REF);
		return;
	}
	en = portfolio_find(&r->b.p, ref);
	if (!build_row(row, en, &orow, scores))
		return;
	if (r->out->refused) { /* nothing will be written or listed: the row is only checked */
		if (ops_batch_row(&r->b, &orow, "", &e))
			row_problem(r, &e, field_col(e.field));
		return;
	}
	r->pend = xgrow(r->pend, &r->cap_pend, r->n_pend + 1, sizeof(*r->pend));
	pd = &r->pend[r->n_pend++];
	pd->line = row->line;
	{ /* the ref and the inputs as stored, in one block */
		char wb[N_INPUTS][16], *p;
		const char *was[N_INPUTS];
		size_t len[N_INPUTS], n = strlen(ref) + 1;
		for (k = 0; k < N_INPUTS; k++) {
			was[k] = stored(en, inputs[k], wb[k], sizeof(wb[k]));
			len[k] = strlen(was[k]) + 1;
			n += len[k];
		}
		p = pd->ref = xmalloc(n);
		memcpy(p, ref, strlen(ref) + 1);
		p += strlen(ref) + 1;
		for (k = 0; k < N_INPUTS; k++) {
			memcpy(p, was[k], len[k]);
			pd->was[k] = p;
			p += len[k];
		}
	}
	if (ops_batch_row(&r->b, &orow, "", &e)) {
		row_problem(r, &e, field_col(e.field));
		pending_release(r); /* no change will be listed */
	}
}

/* The edits of the workbook's sheet Actions to the one portfolio of the file (the
 * organization and framework given, else the sheet About's): their changes listed with
 * that portfolio's names, a refusal counted as the file's problem. */
static void import_actions(struct run *r, struct portfolio_import *in)
{
	const char *org = r->org ? r->org : in->org, *fw = r->fw ? r->fw : in->framework;
	struct ops_import_result *out = r->out;
	struct err ae = ERR_INIT;
	size_t from = out->n, i;

	if (ops_import_actions(r->st, org, fw, in->actions, out, &ae)) {
		problem(r, &ae);
		return;
	}
	for (i = from; i < out->n; i++) {
		out->v[i].org = keep_name(out, org ? org : "");
		out->v[i].framework = keep_name(out, fw ? fw : "");
	}
}

int ops_import(struct store *st, const struct ops_actor *who, const char *org, const char *fw_id,
	       struct portfolio_import *in, int dry_run, struct ops_import_result *out,
	       struct err *e)
{
	struct run r;
	struct err re = ERR_INIT;
	int rc;

	memset(out, 0, sizeof(*out));
	memset(&r, 0, sizeof(r));
	r.st = st;
	r.who = who;
	r.org = org;
	r.fw = fw_id;
	r.in = in;
	r.out = out;
	portfolio_import_rewind(in);
	rc = ops_tx_begin(st, e);
	if (rc)
		return rc;
	if (org && fw_id) { /* the file's portfolio: its rows are refused if it is not there */
		long long org_id, pid;
		rc = ops_resolve(st, org, fw_id, &org_id, &pid, e);
		if (rc) {
			db_rollback(st->db);
			return rc;
		}
	}
	while (!r.fatal && (rc = portfolio_import_next(in, &re)) == 1) {
		uint64_t done, total;
		take(&r);
		portfolio_import_at(in, &done, &total);
		if ((rc = progress_at(in->progress, done, total, &re)))
			break; /* interrupted: refused as a whole below, nothing written */
	}
	if (rc < 0) { /* the file as a whole, whatever its rows said */
		out->n_problems = out->refused = 0;
		problem(&r, &re);
		err_copy(&r.first, &re);
		r.fatal = 1;
	}
	group_end(&r);
	if (!out->refused && progress_at(NULL, 0, 0, &re)) { /* stopped while writing */
		out->n_problems = out->refused = 0;
		problem(&r, &re);
	}
	if (!out->refused && in->actions) /* the sheet Actions, in the same transaction */
		import_actions(&r, in);
	out->portfolios = r.n_changed_pids;
	if (out->refused) {
		err_copy(e, &r.first);
		rc = r.first.code ? r.first.code : ERR_INTERNAL;
		db_rollback(st->db);
	} else if (dry_run) {
		db_rollback(st->db);
		rc = 0;
	} else {
		rc = ops_tx_end(st, 0, e);
		if (rc) {
			problem(&r, e);
		}
	}
	free(r.pend);
	free(r.changed_pids);
	seen_release(&r.seen);
	return rc;
}

void ops_import_result_release(struct ops_import_result *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->n; i++) {
		free(r->v[i].ref);
		free(r->v[i].was);
		free(r->v[i].now);
	}
	for (i = 0; i < r->n_names; i++)
		free(r->names[i]);
	free(r->names);
	free(r->v);
	free(r->problems);
	memset(r, 0, sizeof(*r));
}
