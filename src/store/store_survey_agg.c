/*
 * store_survey_agg.c - a survey's figures kept as its answers change (see
 * store_survey.h, "kept figures"). Every statement here is portable SQL
 * (INSERT ... ON CONFLICT ... DO UPDATE, INSERT ... SELECT ... GROUP BY): the
 * figures change in C, in the transaction that writes the answer, never from
 * a trigger.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/framework.h"
#include "store/db.h"
#include "store/store_int.h"
#include "store/store_survey.h"

/* The answers of survey ? (bound twice: the survey, then again for the asked services). */
#define ASKED_ANSWERS                                                                              \
	"FROM survey_responses r JOIN survey_answers a ON a.response_id = r.id "                   \
	"WHERE r.survey_id = ? AND a.ref IN (SELECT ref FROM survey_agg WHERE survey_id = ?) "

void survey_kept_free(struct survey_kept *list, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(list[i].ref);
		free(list[i].category);
	}
	free(list);
}

void survey_kept_counts_free(struct survey_kept_count *list, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(list[i].ref);
		free(list[i].kind);
		free(list[i].value);
	}
	free(list);
}

void survey_kept_groups_free(struct survey_kept_group *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(list[i].grp);
	free(list);
}

static void kept_from_row(struct db_stmt *s, void *item)
{
	struct survey_kept *k = item;

	k->ref = store_col(s, 0);
	k->category = store_col(s, 1);
	k->answers = db_column_int(s, 2);
	k->implemented = db_column_int(s, 3);
	k->scored = db_column_int(s, 4);
	k->na = db_column_int(s, 5);
	k->score_sum = db_column_int(s, 6);
}

static void kept_free(void *list, size_t n)
{
	survey_kept_free(list, n);
}

static void count_from_row(struct db_stmt *s, void *item)
{
	struct survey_kept_count *c = item;

	c->ref = store_col(s, 0);
	c->kind = store_col(s, 1);
	c->value = store_col(s, 2);
	c->n = db_column_int(s, 3);
}

static void counts_free(void *list, size_t n)
{
	survey_kept_counts_free(list, n);
}

static void group_from_row(struct db_stmt *s, void *item)
{
	struct survey_kept_group *g = item;

	g->grp = store_col(s, 0);
	g->responses = db_column_int(s, 1);
}

static void groups_free(void *list, size_t n)
{
	survey_kept_groups_free(list, n);
}

static int read_rows(struct store *st, const char *sql, long long survey_id,
		     const struct store_rows_of *of, void **out, size_t *n, struct err *e)
{
	struct db_stmt *s = NULL;
	int rc = db_prepare(st->db, sql, &s, e);

	if (!rc && db_bind_int(s, 1, survey_id))
		rc = err_fail(e, ERR_DB, NULL, MSG_E_DB_BIND);
	return store_rows(s, rc, of, out, n, e);
}

int store_survey_agg_read(struct store *st, long long survey_id, struct survey_kept **rows,
			  size_t *n_rows, struct survey_kept_count **counts, size_t *n_counts,
			  struct survey_kept_group **groups, size_t *n_groups, struct err *e)
{
	static const struct store_rows_of of_kept = {sizeof(struct survey_kept), kept_from_row,
						     kept_free, NULL};
	static const struct store_rows_of of_count = {sizeof(struct survey_kept_count),
						      count_from_row, counts_free, NULL};
	static const struct store_rows_of of_group = {sizeof(struct survey_kept_group),
						      group_from_row, groups_free, NULL};
	int rc;

	*rows = NULL, *counts = NULL, *groups = NULL;
	*n_rows = *n_counts = *n_groups = 0;
	rc = read_rows(st,
		       "SELECT ref, category, answers, implemented, scored, na, score_sum "
		       "FROM survey_agg WHERE survey_id = ? ORDER BY ref",
		       survey_id, &of_kept, (void **)rows, n_rows, e);
	if (!rc)
		rc = read_rows(st,
			       "SELECT ref, kind, value, n FROM survey_agg_counts "
			       "WHERE survey_id = ? AND n <> 0 ORDER BY ref, kind, value",
			       survey_id, &of_count, (void **)counts, n_counts, e);
	if (!rc)
		rc = read_rows(st,
			       "SELECT grp, responses FROM survey_agg_groups "
			       "WHERE survey_id = ? ORDER BY grp",
			       survey_id, &of_group, (void **)groups, n_groups, e);
	return rc;
}

int store_survey_agg_put(struct store *st, long long survey_id, const struct survey_kept *rows,
			 size_t n_rows, const struct survey_kept_count *counts, size_t n_counts,
			 const struct survey_kept_group *groups, size_t n_groups, struct err *e)
{
	static const char *const clear[] = {
	    "DELETE FROM survey_agg_groups WHERE survey_id = ?",
	    "DELETE FROM survey_agg_counts WHERE survey_id = ?",
	    "DELETE FROM survey_agg WHERE survey_id = ?",
	};
	size_t i;
	int rc;

	rc = store_tx_begin(st, e);
	if (rc)
		return rc;
	for (i = 0; rc >= 0 && i < sizeof(clear) / sizeof(clear[0]); i++)
		rc = db_run(st->db, NULL, e, clear[i], "i", survey_id);
	for (i = 0; rc >= 0 && i < n_rows; i++)
		rc = db_run(
		    st->db, NULL, e,
		    "INSERT INTO survey_agg (survey_id, ref, category, answers, implemented, "
		    "scored, na, score_sum) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
		    "issiiiii", survey_id, rows[i].ref, rows[i].category, rows[i].answers,
		    rows[i].implemented, rows[i].scored, rows[i].na, rows[i].score_sum);
	for (i = 0; rc >= 0 && i < n_counts; i++)
		rc = db_run(st->db, NULL, e,
			    "INSERT INTO survey_agg_counts (survey_id, ref, kind, value, n) "
			    "VALUES (?, ?, ?, ?, ?)",
			    "isssi", survey_id, counts[i].ref, counts[i].kind, counts[i].value,
			    counts[i].n);
	for (i = 0; rc >= 0 && i < n_groups; i++)
		rc = db_run(
		    st->db, NULL, e,
		    "INSERT INTO survey_agg_groups (survey_id, grp, responses) VALUES (?, ?, ?)",
		    "isi", survey_id, groups[i].grp, groups[i].responses);
	if (rc >= 0)
		rc = db_run(st->db, NULL, e, "UPDATE surveys SET agg_kept = 1 WHERE id = ?", "i",
			    survey_id);
	return store_tx_end(st, rc < 0 ? rc : 0, e);
}

static int count_add(struct store *st, long long sid, const char *ref, const char *kind,
		     const char *value, long long d, struct err *e)
{
	return db_run(st->db, NULL, e,
		      "INSERT INTO survey_agg_counts (survey_id, ref, kind, value, n) "
		      "VALUES (?, ?, ?, ?, ?) ON CONFLICT (survey_id, ref, kind, value) "
		      "DO UPDATE SET n = survey_agg_counts.n + excluded.n",
		      "isssi", sid, ref, kind, value, d);
}

/* Add (d 1) or take off (d -1) answer a's figures; 0 when ref is not kept. */
static int figures_add(struct store *st, long long sid, const char *ref,
		       const struct survey_answer *a, long long d, struct err *e)
{
	int scored = a->current >= 0, rc;
	char score[16];

	rc = db_run(st->db, NULL, e,
		    "UPDATE survey_agg SET answers = answers + ?, implemented = implemented + ?, "
		    "scored = scored + ?, na = na + ?, score_sum = score_sum + ? "
		    "WHERE survey_id = ? AND ref = ?",
		    "iiiiiis", d, a->implemented ? d : 0, scored ? d : 0,
		    a->current == SCORE_NA ? d : 0, scored ? d * a->current : 0, sid, ref);
	if (rc < 0 || db_changes(st->db) == 0)
		return rc < 0 ? rc : 0;
	if (a->level)
		rc = count_add(st, sid, ref, "level", a->level, d, e);
	if (rc >= 0 && a->assignment)
		rc = count_add(st, sid, ref, "assignment", a->assignment, d, e);
	if (rc >= 0 && scored) {
		snprintf(score, sizeof(score), "%d", a->current);
		rc = count_add(st, sid, ref, "score", score, d, e);
	}
	return rc < 0 ? rc : 1;
}

/* After response rid gained (d 1) or lost (d -1) its answer to ref: the responses of the
 * category of ref and overall change when that answer is its first or was its last there. */
static int groups_add(struct store *st, long long sid, long long rid, const char *ref, long long d,
		      struct err *e)
{
	struct db_stmt *s = NULL;
	char *cat = NULL;
	int rc, pass;

	rc =
	    db_run(st->db, &s, e, "SELECT category FROM survey_agg WHERE survey_id = ? AND ref = ?",
		   "is", sid, ref);
	if (rc != DB_ROW)
		return rc < 0 ? rc : 0;
	cat = store_col(s, 0);
	db_finalize(s);
	for (pass = 0; rc >= 0 && pass < 2; pass++) {
		long long left;
		if (pass == 1 && !cat)
			break;
		if (pass == 0)
			rc = db_run(st->db, &s, e,
				    "SELECT COUNT(*) FROM survey_answers a JOIN survey_agg k "
				    "ON k.survey_id = ? AND k.ref = a.ref WHERE a.response_id = ?",
				    "ii", sid, rid);
		else
			rc = db_run(st->db, &s, e,
				    "SELECT COUNT(*) FROM survey_answers a JOIN survey_agg k "
				    "ON k.survey_id = ? AND k.ref = a.ref WHERE a.response_id = ? "
				    "AND k.category = ?",
				    "iis", sid, rid, cat);
		if (rc != DB_ROW)
			break;
		left = db_column_int(s, 0);
		db_finalize(s);
		if ((d > 0 && left == 1) || (d < 0 && left == 0))
			rc = db_run(st->db, NULL, e,
				    "INSERT INTO survey_agg_groups (survey_id, grp, responses) "
				    "VALUES (?, ?, ?) ON CONFLICT (survey_id, grp) "
				    "DO UPDATE SET responses = survey_agg_groups.responses + "
				    "excluded.responses",
				    "isi", sid, pass ? cat : "", d);
	}
	free(cat);
	return rc < 0 ? rc : 0;
}

int store_survey_agg_change(struct store *st, long long response_id, const char *ref,
			    const struct survey_answer *old, const struct survey_answer *new_,
			    struct err *e)
{
	struct db_stmt *s = NULL;
	long long sid;
	int rc;

	rc = db_run(
	    st->db, &s, e,
	    "SELECT r.survey_id FROM survey_responses r JOIN surveys v ON v.id = r.survey_id "
	    "WHERE r.id = ? AND v.agg_kept = 1",
	    "i", response_id);
	if (rc != DB_ROW)
		return rc < 0 ? rc : 0; /* not kept: rebuilt when it is */
	sid = db_column_int(s, 0);
	db_finalize(s);
	rc = 0;
	if (old)
		rc = figures_add(st, sid, ref, old, -1, e);
	if (rc >= 0 && new_)
		rc = figures_add(st, sid, ref, new_, 1, e);
	if (rc >= 0 && !old != !new_)
		rc = groups_add(st, sid, response_id, ref, new_ ? 1 : -1, e);
	return rc < 0 ? rc : 0;
}
