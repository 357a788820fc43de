/*
 * survey_import.c - many responses of a survey from one CSV file (see
 * ops_survey_import in ops_survey.h): one transaction, all or nothing, every
 * answer checked by the rules of the form (survey_check_input), the kept
 * figures made again once at the end instead of row by row.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "io/csv_read.h"
#include "ops/ops_int.h"
#include "ops/survey_int.h"
#include "util/progress.h"
#include "util/strmap.h"
#include "util/xalloc.h"

enum col { C_ORG, C_LINK, C_REF, C_IMPLEMENTED, C_LEVEL, C_ASSIGNMENT, C_CURRENT, C_NOTE, C_N };

static const char *const col_names[C_N] = {"organization", "link",	 "ref",	    "implemented",
					   "level",	   "assignment", "current", "note"};

/* The column named by each field of the heading into at[]; a problem for an unknown one. */
static int heading(const struct csv_row *h, const char *file, int at[C_N], struct err *e)
{
	size_t j;
	int c;

	for (c = 0; c < C_N; c++)
		at[c] = -1;
	for (j = 0; j < h->n; j++) {
		for (c = 0; c < C_N; c++)
			if (!strcasecmp(h->f[j], col_names[c]))
				break;
		if (c == C_N) {
			err_fail(e, ERR_INVALID, "heading", MSG_E_SURVEY_IMPORT_COLUMN, h->f[j]);
			return err_prefix(e, "%s:%ld:%zu", file, h->line, j + 1);
		}
		at[c] = (int)j;
	}
	if (at[C_REF] < 0 || at[C_IMPLEMENTED] < 0 || (at[C_ORG] < 0 && at[C_LINK] < 0))
		return err_fail(e, ERR_INVALID, "heading", MSG_E_SURVEY_IMPORT_COLUMNS, file);
	return 0;
}

/* The field of column c in row r, NULL when absent or empty. */
static const char *cell(const struct csv_row *r, const int at[C_N], int c)
{
	return at[c] >= 0 && (size_t)at[c] < r->n && *r->f[at[c]] ? r->f[at[c]] : NULL;
}

/* The column (from 1) a problem with field names, for "FILE:LINE:COLUMN". */
static size_t column_of(const struct err *p, const int at[C_N])
{
	int c;

	for (c = 0; c < C_N; c++)
		if (at[c] >= 0 && !strcmp(p->field, col_names[c]))
			return (size_t)at[c] + 1;
	if (!strcmp(p->field, "token"))
		return at[C_LINK] >= 0 ? (size_t)at[C_LINK] + 1 : 1;
	return 1;
}

/* Organizations looked up one by one (three statements each) before every invited one is read
 * at once: a file of a few organizations does not read a whole country's invitations. */
#define IMPORT_LOOKUPS 32

struct importing {
	struct store *st;
	const struct survey *sv;
	const struct framework *fw;
	const int *svc;
	size_t n_svc;
	char *who;	/* the organization or link of the rows read last */
	int who_is_org; /* ... and which of the two */
	long long rid;	/* its response (below 0: one still to be made, see to_make) */
	long long key;	/* ... and what tells it from others: 2 x its organization, or
			 * 2 x its response + 1 for a link */
	struct ops_survey_import *res;
	/* answers checked and not yet written: written many to a statement */
	struct survey_answer *pend;
	size_t n_pend, max_pend; /* max_pend: store_survey_answers_batch */
	/* fresh: every answer so far is new: the survey had none before, each response's rows
	 * come together, a service once in each; then the answers go straight into the table
	 * (store_survey_answers_load) and the figures, fig, are counted as the rows come (NULL:
	 * made from the answers at the end; none in a dry run) */
	int fresh;
	struct survey_figures *fig;
	long long *seen; /* responses counted (open addressing, 0 free), cap a power of 2 */
	size_t n_seen, cap_seen;
	unsigned char *asked; /* services of the current response so far, by node */
	/* after IMPORT_LOOKUPS organizations: every invited one, by name, with its response */
	size_t lookups;
	size_t analyzed; /* responses when their statistics were last gathered */
	struct survey_invitee *inv;
	size_t n_inv;
	struct strmap by_name; /* borrows inv[i].org_name -> i */
	int inv_read;
	/* invited organizations whose response is made at the next flush, many to a statement:
	 * inv[to_make[k]] with its version (how often the file began it); until then its
	 * response_id (and the answers) say -(k + 1) */
	size_t *to_make;
	long long *version;
	size_t n_make, cap_make;
};

/* Every invited organization and its response, read once, by name. */
static int invitees_read(struct importing *im, struct err *e)
{
	size_t i;
	int rc = store_survey_invitees(im->st, im->sv->id, &im->inv, &im->n_inv, e);

	if (rc)
		return rc;
	strmap_init(&im->by_name, im->n_inv);
	for (i = 0; i < im->n_inv; i++)
		strmap_put(&im->by_name, im->inv[i].org_name, (int)i);
	im->inv_read = 1;
	return 0;
}

/* The response of the invited organization org, when the invitations were read: 1 (in
 * im->rid: written, or to be made at the next flush), 0 (not among them: found the long
 * way, which says why), or the failure. */
static int response_of_invitee(struct importing *im, const char *org, struct err *e)
{
	struct survey_invitee *v;
	int rc = 0, i;

	if (!im->inv_read && ++im->lookups > IMPORT_LOOKUPS && (rc = invitees_read(im, e)))
		return rc;
	if (!im->inv_read || (i = strmap_get(&im->by_name, org)) < 0)
		return 0;
	v = &im->inv[i];
	if (!v->response_id) { /* a new response: made with others at the next flush */
		if (im->n_make == im->cap_make) {
			im->cap_make = im->cap_make ? 2 * im->cap_make : 64;
			im->to_make = xrealloc(im->to_make, im->cap_make * sizeof(*im->to_make));
			im->version = xrealloc(im->version, im->cap_make * sizeof(*im->version));
		}
		im->to_make[im->n_make] = (size_t)i;
		im->version[im->n_make] = 1;
		v->response_id = -(long long)++im->n_make;
	} else if (v->response_id < 0) /* begun again before it was made */
		im->version[-v->response_id - 1]++;
	else
		rc = store_survey_response_known(im->st, im->sv->id, v->org_id, &v->response_id, e);
	im->rid = v->response_id;
	im->key = 2 * v->org_id;
	return rc ? rc : 1;
}

/* The responses still to be made, made; the answers that name them told their ids. */
static int responses_make(struct importing *im, struct err *e)
{
	long long *orgs, *ids;
	size_t k, j;
	int rc;

	if (!im->n_make)
		return 0;
	orgs = xcalloc(im->n_make, sizeof(*orgs));
	ids = xcalloc(im->n_make, sizeof(*ids));
	for (k = 0; k < im->n_make; k++)
		orgs[k] = im->inv[im->to_make[k]].org_id;
	rc = store_survey_responses_new(im->st, im->sv->id, orgs, im->version, im->n_make, ids, e);
	if (!rc) {
		for (k = 0; k < im->n_make; k++)
			im->inv[im->to_make[k]].response_id = ids[k];
		for (j = 0; j < im->n_pend; j++)
			if (im->pend[j].response_id < 0)
				im->pend[j].response_id = ids[-im->pend[j].response_id - 1];
		if (im->rid < 0)
			im->rid = ids[-im->rid - 1];
		im->n_make = 0;
	}
	free(orgs);
	free(ids);
	return rc;
}

/* A row that may replace another: no longer fresh, the figures made at the end. */
static void not_fresh(struct importing *im)
{
	im->fresh = 0;
	survey_figures_free(im->fig);
	im->fig = NULL;
}

/* The slot of the table of responses seen where key's search begins. */
static size_t seen_slot(long long key, size_t mask)
{
	return (size_t)(((unsigned long long)key * 0x9E3779B97F4A7C15ULL) >> 20) & mask;
}

/* A response begins (its rows follow): still fresh only if it never began before in the
 * file. */
static void response_begins(struct importing *im)
{
	size_t i, mask;

	if (!im->fresh)
		return;
	if (2 * (im->n_seen + 1) > im->cap_seen) {
		size_t cap = im->cap_seen ? 2 * im->cap_seen : 1024, j;
		long long *big = xcalloc(cap, sizeof(*big));
		for (j = 0; j < im->cap_seen; j++)
			if (im->seen[j]) {
				for (i = seen_slot(im->seen[j], cap - 1); big[i];
				     i = (i + 1) & (cap - 1))
					;
				big[i] = im->seen[j];
			}
		free(im->seen);
		im->seen = big;
		im->cap_seen = cap;
	}
	mask = im->cap_seen - 1;
	for (i = seen_slot(im->key, mask); im->seen[i]; i = (i + 1) & mask)
		if (im->seen[i] == im->key) {
			not_fresh(im); /* its rows are not together */
			return;
		}
	im->seen[i] = im->key;
	im->n_seen++;
	memset(im->asked, 0, im->fw->n_nodes);
}

/* The response the row's organization or link names (the previous row's when the same). */
static int response_of(struct importing *im, const char *org, const char *link, struct err *e)
{
	const char *who = org ? org : link;
	struct org o = {0};
	int rc;

	if (im->who && im->who_is_org == (org != NULL) && !strcmp(im->who, who))
		return 0;
	free(im->who);
	im->who = NULL;
	rc = org ? response_of_invitee(im, org, e) : 0;
	if (rc < 0)
		return rc;
	if (rc > 0)
		rc = 0;
	else if (org) {
		rc = ops_field(e, store_org_find(im->st, org, &o, e), "organization");
		if (!rc) {
			rc = store_survey_invited(im->st, im->sv->id, o.id, e);
			if (rc == 0)
				rc = err_fail(e, ERR_DENIED, "organization",
					      MSG_E_SURVEY_NOT_INVITED, o.name, im->sv->name);
			else if (rc > 0)
				rc = store_survey_response_load(im->st, im->sv->id, o.id, NULL,
								&im->rid, e);
			im->key = 2 * o.id;
		}
		org_release(&o);
	} else {
		rc = store_survey_response_load(im->st, im->sv->id, 0, link, &im->rid, e);
		im->key = 2 * im->rid + 1;
	}
	if (rc)
		return rc;
	im->who = strdup(who);
	im->who_is_org = org != NULL;
	if (!im->who)
		return err_fail(e, ERR_NOMEM, NULL, MSG_E_NOMEM);
	im->res->responses++;
	response_begins(im);
	return 0;
}

static char *xstrdup_or_null(const char *s)
{
	return s ? xstrdup(s) : NULL;
}

/* The answers checked so far written: 0, or the database's failure. */
static int flush(struct importing *im, struct err *e)
{
	int rc = responses_make(im, e);

	/* the responses' statistics again each time they doubled, so that the check of each
	 * answer's response is planned on their number, not on an empty table's (PostgreSQL) */
	if (!rc && im->res->responses >= 2 * im->analyzed) {
		rc = store_survey_analyze_responses(im->st, e);
		im->analyzed = im->res->responses;
	}
	if (!rc)
		rc = store_survey_answers_load(im->st, im->pend, im->n_pend, im->fresh, e);

	survey_answers_free_items(im->pend, im->n_pend);
	im->n_pend = 0;
	return rc;
}

/* One row: checked by the rules of the form, then kept to be written. */
static int row(struct importing *im, const struct csv_row *r, const int at[C_N], struct err *e)
{
	struct ops_survey_input in = {cell(r, at, C_REF),     cell(r, at, C_IMPLEMENTED),
				      cell(r, at, C_LEVEL),   cell(r, at, C_ASSIGNMENT),
				      cell(r, at, C_CURRENT), cell(r, at, C_NOTE)};
	const char *org = cell(r, at, C_ORG), *link = cell(r, at, C_LINK);
	struct survey_answer a;
	int rc, node;

	if (!org && !link)
		return err_fail(e, ERR_INVALID, "organization", MSG_E_SURVEY_IMPORT_WHO);
	if (org && link)
		return err_fail(e, ERR_INVALID, "link", MSG_E_SURVEY_IMPORT_BOTH);
	rc = survey_check_input(im->fw, im->svc, im->n_svc, &in, &a, &node, e);
	if (!rc)
		rc = response_of(im, org, link, e);
	if (rc)
		return rc;
	if (im->n_pend == im->max_pend && (rc = flush(im, e)))
		return rc;
	if (im->fresh) {
		if (im->asked[node])
			not_fresh(im); /* a service given twice: the later row wins */
		else {
			im->asked[node] = 1;
			/* counted under the key that tells the response, whose id may be
			 * one still to be made */
			a.response_id = im->key;
			if (im->fig)
				survey_figures_count(im->fig, &a);
		}
	}
	a.response_id = im->rid; /* after the flush: it may have made the response */
	im->pend[im->n_pend++] = (struct survey_answer){a.response_id,
							xstrdup(a.ref),
							a.implemented,
							xstrdup_or_null(a.level),
							xstrdup_or_null(a.assignment),
							a.current,
							xstrdup_or_null(a.note)};
	im->res->answers++;
	return 0;
}

void ops_survey_import_release(struct ops_survey_import *res)
{
	free(res->problems);
	memset(res, 0, sizeof(*res));
}

int ops_survey_import(struct store *st, const char *name, const char *data, size_t len,
		      const char *file, int dry_run, struct ops_survey_import *res, struct err *e)
{
	struct importing im = {0};
	struct survey sv;
	struct csv_cursor cur;
	struct progress_watch *watch = res->progress;
	int at[C_N], *svc = NULL, rc, got;

	memset(res, 0, sizeof(*res));
	res->progress = watch;
	res->problems = calloc(OPS_SURVEY_IMPORT_PROBLEMS, sizeof(*res->problems));
	if (!res->problems)
		return err_fail(e, ERR_NOMEM, NULL, MSG_E_NOMEM);
	rc = csv_open(&cur, data, len, file, OPS_SURVEY_IMPORT_ROWS_MAX, e);
	if (rc)
		return rc;
	got = csv_next(&cur, e);
	rc = got < 0	? got
	     : got == 0 ? err_fail(e, ERR_INVALID, "file", MSG_E_SURVEY_IMPORT_EMPTY, file)
			: heading(&cur.row, file, at, e);
	if (rc) {
		csv_close(&cur);
		return rc;
	}
	rc = survey_tx(st, name, &sv, e);
	if (rc) {
		csv_close(&cur);
		return rc;
	}
	im.st = st;
	im.sv = &sv;
	im.res = res;
	im.max_pend = store_survey_answers_batch(st);
	im.pend = xcalloc(im.max_pend, sizeof(*im.pend));
	rc = survey_open_for_answers(&sv, e);
	if (!rc)
		rc = ops_framework(sv.framework_id, &im.fw, e);
	if (!rc)
		rc = survey_services_of(im.fw, &sv, &svc, &im.n_svc, e);
	im.svc = svc;
	if (!rc) { /* a survey answered for the first time: fresh, its figures counted as read */
		rc = store_survey_has_answers(st, sv.id, e);
		if (rc == 0) {
			im.fresh = 1;
			im.asked = xcalloc(im.fw->n_nodes ? im.fw->n_nodes : 1, 1);
			if (!dry_run && survey_figures_start(&sv, &im.fig, e))
				err_clear(e); /* not counted as read: made from the answers */
		}
		rc = rc < 0 ? rc : 0;
	}
	while (!rc && (got = csv_next(&cur, e)) == 1) {
		struct err p = ERR_INIT;
		if ((rc = progress_at(watch, cur.i, len, e)))
			break; /* stopped: rolled back below */
		if (!row(&im, &cur.row, at, &p))
			continue;
		if (p.code != ERR_INVALID && p.code != ERR_DENIED && p.code != ERR_NOT_FOUND &&
		    p.code != ERR_TOO_LARGE) {
			err_copy(e, &p); /* not the file's: the database's */
			rc = p.code;
			break;
		}
		err_prefix(&p, "%s:%ld:%zu", file, cur.row.line, column_of(&p, at));
		if (res->n_problems < OPS_SURVEY_IMPORT_PROBLEMS)
			err_copy(&res->problems[res->n_problems++], &p);
		res->total_problems++;
		free(im.who); /* the next row finds its response again */
		im.who = NULL;
	}
	if (!rc && got < 0)
		rc = got;
	if (!rc && res->total_problems) {
		char total[32], shown[32];
		snprintf(total, sizeof(total), "%zu", res->total_problems);
		snprintf(shown, sizeof(shown), "%zu", res->n_problems);
		rc = err_fail(e, ERR_INVALID, "file", MSG_E_SURVEY_IMPORT_PROBLEMS, file, total,
			      shown);
	}
	if (!rc && !res->answers)
		rc = err_fail(e, ERR_INVALID, "file", MSG_E_SURVEY_IMPORT_EMPTY, file);
	if (!rc)
		rc = flush(&im, e);
	if (!rc && !dry_run)
		rc = im.fig
			 ? survey_figures_keep(st, &sv, im.fig, e) /* counted as read */
			 : survey_keep_figures(st, &sv, im.fw, e); /* one pass over the answers */
	if (!rc)
		rc =
		    progress_at(watch, len, len, e); /* a stop before the commit still rolls back */
	progress_done(watch, len);
	if (!rc && !dry_run)
		rc = store_survey_import_done(st, &sv, file, res->responses, res->answers, e);
	if (!rc && dry_run) {
		ops_tx_end(st, ERR_INVALID, e); /* checked: rolled back, nothing kept */
		err_clear(e);
	} else {
		rc = ops_tx_end(st, rc, e);
		if (!rc) { /* the answers' statistics, before the next query plans on them */
			struct err ignored = ERR_INIT;
			(void)store_survey_analyze(st, &ignored);
		}
	}
	survey_answers_free_items(im.pend, im.n_pend);
	free(im.pend);
	survey_figures_free(im.fig);
	free(im.seen);
	free(im.asked);
	free(im.who);
	strmap_release(&im.by_name);
	survey_invitees_free(im.inv, im.n_inv);
	free(im.to_make);
	free(im.version);
	free(svc);
	csv_close(&cur);
	survey_release(&sv);
	return rc;
}
