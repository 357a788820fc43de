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

struct importing {
	struct store *st;
	const struct survey *sv;
	const struct framework *fw;
	const int *svc;
	size_t n_svc;
	char *who;	/* the organization or link of the rows read last */
	int who_is_org; /* ... and which of the two */
	long long rid;	/* its response */
	struct ops_survey_import *res;
};

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
	if (org) {
		rc = ops_field(e, store_org_find(im->st, org, &o, e), "organization");
		if (!rc) {
			rc = store_survey_invited(im->st, im->sv->id, o.id, e);
			if (rc == 0)
				rc = err_fail(e, ERR_DENIED, "organization",
					      MSG_E_SURVEY_NOT_INVITED, o.name, im->sv->name);
			else if (rc > 0)
				rc = store_survey_response_load(im->st, im->sv->id, o.id, NULL,
								&im->rid, e);
		}
		org_release(&o);
	} else
		rc = store_survey_response_load(im->st, im->sv->id, 0, link, &im->rid, e);
	if (rc)
		return rc;
	im->who = strdup(who);
	im->who_is_org = org != NULL;
	if (!im->who)
		return err_fail(e, ERR_NOMEM, NULL, MSG_E_NOMEM);
	im->res->responses++;
	return 0;
}

/* One row: checked by the rules of the form, then written. */
static int row(struct importing *im, const struct csv_row *r, const int at[C_N], struct err *e)
{
	struct ops_survey_input in = {cell(r, at, C_REF),     cell(r, at, C_IMPLEMENTED),
				      cell(r, at, C_LEVEL),   cell(r, at, C_ASSIGNMENT),
				      cell(r, at, C_CURRENT), cell(r, at, C_NOTE)};
	const char *org = cell(r, at, C_ORG), *link = cell(r, at, C_LINK);
	struct survey_answer a;
	int rc;

	if (!org && !link)
		return err_fail(e, ERR_INVALID, "organization", MSG_E_SURVEY_IMPORT_WHO);
	if (org && link)
		return err_fail(e, ERR_INVALID, "link", MSG_E_SURVEY_IMPORT_BOTH);
	rc = survey_check_input(im->fw, im->svc, im->n_svc, &in, &a, e);
	if (!rc)
		rc = response_of(im, org, link, e);
	if (rc)
		return rc;
	a.response_id = im->rid;
	rc = store_survey_answer_load(im->st, &a, e);
	if (!rc)
		im->res->answers++;
	return rc;
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
	rc = survey_open_for_answers(&sv, e);
	if (!rc)
		rc = ops_framework(sv.framework_id, &im.fw, e);
	if (!rc)
		rc = survey_services_of(im.fw, &sv, &svc, &im.n_svc, e);
	im.svc = svc;
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
	if (!rc && !dry_run)
		rc = survey_keep_figures(st, &sv, im.fw, e); /* once, one pass over the answers */
	if (!rc)
		rc =
		    progress_at(watch, len, len, e); /* a stop before the commit still rolls back */
	progress_done(watch, len);
	if (!rc && !dry_run)
		rc = store_survey_import_done(st, &sv, file, res->responses, res->answers, e);
	if (!rc && dry_run) {
		ops_tx_end(st, ERR_INVALID, e); /* checked: rolled back, nothing kept */
		err_clear(e);
	} else
		rc = ops_tx_end(st, rc, e);
	free(im.who);
	free(svc);
	csv_close(&cur);
	survey_release(&sv);
	return rc;
}
