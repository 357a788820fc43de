/*
 * store_survey.c - surveys across organizations (see store_survey.h).
 */
#include "store/store_survey.h"

#include <stdlib.h>
#include <string.h>

#include "core/framework.h"
#include "store/db.h"
#include "store/store_int.h"

#define SURVEY_SELECT                                                                              \
	"SELECT id, name, framework_id, services, deadline, min_group, created_by, created_at, "   \
	"closed_at, agg_kept FROM surveys "

void survey_release(struct survey *s)
{
	if (!s)
		return;
	free(s->name);
	free(s->framework_id);
	free(s->services);
	free(s->deadline);
	free(s->created_by);
	free(s->created_at);
	free(s->closed_at);
	memset(s, 0, sizeof(*s));
}

void survey_list_free(struct survey *list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		survey_release(&list[i]);
	free(list);
}

static void survey_from_row(struct db_stmt *s, void *item)
{
	struct survey *v = item;

	v->id = db_column_int(s, 0);
	v->name = store_col(s, 1);
	v->framework_id = store_col(s, 2);
	v->services = store_col(s, 3);
	v->deadline = store_col(s, 4);
	v->min_group = (int)db_column_int(s, 5);
	v->created_by = store_col(s, 6);
	v->created_at = store_col(s, 7);
	v->closed_at = store_col(s, 8);
	v->agg_kept = (int)db_column_int(s, 9);
}

static void surveys_free(void *list, size_t n)
{
	survey_list_free(list, n);
}

void survey_answers_free_items(struct survey_answer *list, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(list[i].ref);
		free(list[i].level);
		free(list[i].assignment);
		free(list[i].note);
		memset(&list[i], 0, sizeof(list[i]));
	}
}

void survey_answers_free(struct survey_answer *list, size_t n)
{
	if (list)
		survey_answers_free_items(list, n);
	free(list);
}

static void answer_from_row(struct db_stmt *s, void *item)
{
	struct survey_answer *a = item;

	a->response_id = db_column_int(s, 0);
	a->ref = store_col(s, 1);
	a->implemented = (int)db_column_int(s, 2);
	a->level = store_col(s, 3);
	a->assignment = store_col(s, 4);
	a->current = store_col_score(s, 5);
	a->note = store_col(s, 6);
}

static void answers_free(void *list, size_t n)
{
	survey_answers_free(list, n);
}

void survey_responses_free(struct survey_response *list, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(list[i].org_name);
		free(list[i].respondent);
		free(list[i].respondent_org);
		free(list[i].submitted_at);
		free(list[i].updated_at);
	}
	free(list);
}

static void response_from_row(struct db_stmt *s, void *item)
{
	struct survey_response *r = item;

	r->id = db_column_int(s, 0);
	r->org_id = db_column_int(s, 1);
	r->org_name = store_col(s, 2);
	r->token_id = db_column_int(s, 3);
	r->respondent = store_col(s, 4);
	r->respondent_org = store_col(s, 5);
	r->submitted_at = store_col(s, 6);
	r->updated_at = store_col(s, 7);
	r->version = db_column_int(s, 8);
}

static void responses_free(void *list, size_t n)
{
	survey_responses_free(list, n);
}

void survey_invites_free(struct survey_invite *list, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(list[i].org_name);
		free(list[i].answered_at);
	}
	free(list);
}

static void invite_from_row(struct db_stmt *s, void *item)
{
	struct survey_invite *v = item;

	v->org_name = store_col(s, 0);
	v->answered_at = store_col(s, 1);
}

static void invites_free(void *list, size_t n)
{
	survey_invites_free(list, n);
}

static json_t *survey_json(const struct survey *v)
{
	return json_pack("{s:s, s:s, s:o, s:o, s:i}", "name", v->name, "framework", v->framework_id,
			 "services", v->services ? json_loads(v->services, 0, NULL) : json_null(),
			 "deadline", store_jstr(v->deadline), "min_group", v->min_group);
}

int store_survey_create(struct store *st, const struct survey *v, long long *id, struct err *e)
{
	char now[32], *subject = NULL;
	int rc;

	rc = store_check_name_as(STORE_WHAT(MSG_N_SURVEY_NAME, "name"), v->name, e);
	if (!rc)
		rc = store_check_date_as(STORE_WHAT(MSG_N_SURVEY_DEADLINE, "deadline"), v->deadline,
					 e);
	if (rc)
		return rc;
	rc = store_tx_begin(st, e);
	if (rc)
		return rc;
	store_now(now);
	rc = db_run(st->db, NULL, e,
		    "INSERT INTO surveys (name, framework_id, services, deadline, min_group, "
		    "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
		    "ssssiss", v->name, v->framework_id, v->services, v->deadline,
		    (long long)v->min_group, st->actor, now);
	if (rc < 0) {
		if (e->code == ERR_CONFLICT)
			err_fail(e, ERR_CONFLICT, "name", MSG_E_SURVEY_EXISTS, v->name);
		goto out;
	}
	*id = db_last_id(st->db);
	subject = store_fmt("survey '%s'", v->name);
	rc = store_audit_json(st, 0, "survey.new", subject, NULL, survey_json(v), e);
out:
	free(subject);
	return store_tx_end(st, rc < 0 ? rc : 0, e);
}

static int survey_by(struct store *st, const char *where, const char *fmt, const void *arg,
		     struct survey *out, struct err *e)
{
	struct db_stmt *s = NULL;
	char sql[256];
	int rc;

	memset(out, 0, sizeof(*out));
	snprintf(sql, sizeof(sql), SURVEY_SELECT "%s", where);
	if (fmt[0] == 'i')
		rc = db_run(st->db, &s, e, sql, "i", *(const long long *)arg);
	else
		rc = db_run(st->db, &s, e, sql, "s", (const char *)arg);
	if (rc != DB_ROW)
		return rc;
	survey_from_row(s, out);
	db_finalize(s);
	return DB_ROW;
}

int store_survey_find(struct store *st, const char *name, struct survey *out, struct err *e)
{
	int rc = survey_by(st, "WHERE name = ?", "s", name ? name : "", out, e);

	if (rc == DB_DONE)
		return err_fail(e, ERR_NOT_FOUND, "survey", MSG_E_SURVEY_UNKNOWN, name ? name : "");
	return rc < 0 ? rc : 0;
}

int store_survey_get(struct store *st, long long id, struct survey *out, struct err *e)
{
	int rc = survey_by(st, "WHERE id = ?", "i", &id, out, e);

	if (rc == DB_DONE)
		return err_fail(e, ERR_NOT_FOUND, "survey", MSG_E_SURVEY_UNKNOWN_ID, id);
	return rc < 0 ? rc : 0;
}

int store_survey_list(struct store *st, const char *after, size_t limit, struct survey **out,
		      size_t *n, struct err *e)
{
	static const struct store_rows_of of = {sizeof(struct survey), survey_from_row,
						surveys_free, NULL};
	struct db_stmt *s = NULL;
	int rc = db_prepare(st->db, SURVEY_SELECT "WHERE name > ? ORDER BY name LIMIT ?", &s, e);

	if (!rc && (db_bind_text(s, 1, after ? after : "") || db_bind_int(s, 2, (long long)limit)))
		rc = err_fail(e, ERR_DB, NULL, MSG_E_DB_BIND);
	return store_rows(s, rc, &of, (void **)out, n, e);
}

int store_survey_close(struct store *st, const struct survey *sv, struct err *e)
{
	char now[32], *subject;
	int rc;

	rc = store_tx_begin(st, e);
	if (rc)
		return rc;
	store_now(now);
	rc = db_run(st->db, NULL, e, "UPDATE surveys SET closed_at = ? WHERE id = ?", "si", now,
		    sv->id);
	subject = store_fmt("survey '%s'", sv->name);
	if (rc >= 0)
		rc = store_audit_json(st, 0, "survey.close", subject, NULL,
				      json_pack("{s:s}", "closed_at", now), e);
	free(subject);
	return store_tx_end(st, rc < 0 ? rc : 0, e);
}

int store_survey_invited(struct store *st, long long survey_id, long long org_id, struct err *e)
{
	int rc = db_run(st->db, NULL, e,
			"SELECT 1 FROM survey_invites WHERE survey_id = ? AND org_id = ?", "ii",
			survey_id, org_id);

	return rc < 0 ? rc : rc == DB_ROW;
}

int store_survey_invite(struct store *st, const struct survey *sv, long long org_id,
			const char *org_name, int *added, struct err *e)
{
	char now[32], *subject = NULL;
	int rc;

	*added = 0;
	rc = store_tx_begin(st, e);
	if (rc)
		return rc;
	rc = store_survey_invited(st, sv->id, org_id, e);
	if (rc)
		goto out; /* invited already (1), or an error */
	store_now(now);
	rc = db_run(st->db, NULL, e,
		    "INSERT INTO survey_invites (survey_id, org_id, invited_at) VALUES (?, ?, ?)",
		    "iis", sv->id, org_id, now);
	if (rc < 0)
		goto out;
	subject = store_fmt("'%s' to survey '%s'", org_name, sv->name);
	rc = store_audit_json(st, org_id, "survey.invite", subject, NULL,
			      json_pack("{s:s, s:s}", "survey", sv->name, "organization", org_name),
			      e);
	if (!rc)
		*added = 1;
out:
	free(subject);
	return store_tx_end(st, rc < 0 ? rc : 0, e);
}

static int count(struct store *st, const char *sql, long long id, long long *out, struct err *e);

int store_survey_invites(struct store *st, long long survey_id, const char *after, size_t limit,
			 struct survey_invite **out, size_t *n, long long *total, struct err *e)
{
	static const struct store_rows_of of = {sizeof(struct survey_invite), invite_from_row,
						invites_free, NULL};
	struct db_stmt *s = NULL;
	int rc = count(st, "SELECT COUNT(*) FROM survey_invites WHERE survey_id = ?", survey_id,
		       total, e);

	*out = NULL;
	*n = 0;
	if (rc)
		return rc;
	rc = db_prepare(st->db,
			"SELECT o.name, r.updated_at FROM survey_invites i "
			"JOIN organizations o ON o.id = i.org_id "
			"LEFT JOIN survey_responses r ON r.survey_id = i.survey_id "
			"AND r.org_id = i.org_id WHERE i.survey_id = ? AND o.name > ? "
			"ORDER BY o.name LIMIT ?",
			&s, e);
	if (!rc && (db_bind_int(s, 1, survey_id) || db_bind_text(s, 2, after ? after : "") ||
		    db_bind_int(s, 3, (long long)limit)))
		rc = err_fail(e, ERR_DB, NULL, MSG_E_DB_BIND);
	return store_rows(s, rc, &of, (void **)out, n, e);
}

int store_survey_token_add(struct store *st, long long survey_id, const char *hash_hex,
			   const char *label, struct err *e)
{
	char now[32];
	int rc;

	store_now(now);
	rc = db_run(st->db, NULL, e,
		    "INSERT INTO survey_tokens (survey_id, token_hash, label, created_at) "
		    "VALUES (?, ?, ?, ?)",
		    "isss", survey_id, hash_hex, label, now);
	return rc < 0 ? rc : 0;
}

int store_survey_links_done(struct store *st, const struct survey *sv, size_t count, struct err *e)
{
	char *subject = store_fmt("survey '%s'", sv->name);
	int rc = store_audit_json(st, 0, "survey.links", subject, NULL,
				  json_pack("{s:I}", "links", (json_int_t)count), e);

	free(subject);
	return rc;
}

int store_survey_token_find(struct store *st, const char *hash_hex, long long *token_id,
			    long long *survey_id, long long *response_id, struct err *e)
{
	struct db_stmt *s = NULL;
	int rc = db_run(st->db, &s, e,
			"SELECT id, survey_id, response_id FROM survey_tokens WHERE token_hash = ?",
			"s", hash_hex);

	if (rc < 0)
		return rc;
	if (rc == DB_DONE)
		return err_fail(e, ERR_NOT_FOUND, "token", MSG_E_SURVEY_BAD_LINK);
	*token_id = db_column_int(s, 0);
	*survey_id = db_column_int(s, 1);
	*response_id = db_column_is_null(s, 2) ? 0 : db_column_int(s, 2);
	db_finalize(s);
	return 0;
}

static int count(struct store *st, const char *sql, long long id, long long *out, struct err *e)
{
	struct db_stmt *s = NULL;
	int rc = db_run(st->db, &s, e, sql, "i", id);

	if (rc < 0)
		return rc;
	*out = rc == DB_ROW ? db_column_int(s, 0) : 0;
	if (rc == DB_ROW)
		db_finalize(s);
	return 0;
}

int store_survey_counts(struct store *st, long long survey_id, long long *links,
			long long *links_used, long long *responses, struct err *e)
{
	int rc = count(st, "SELECT COUNT(*) FROM survey_tokens WHERE survey_id = ?", survey_id,
		       links, e);

	if (!rc)
		rc = count(st,
			   "SELECT COUNT(*) FROM survey_tokens WHERE survey_id = ? "
			   "AND response_id IS NOT NULL",
			   survey_id, links_used, e);
	if (!rc)
		rc = count(st, "SELECT COUNT(*) FROM survey_responses WHERE survey_id = ?",
			   survey_id, responses, e);
	return rc;
}

int store_survey_response_of_org(struct store *st, long long survey_id, long long org_id,
				 long long *id, struct err *e)
{
	struct db_stmt *s = NULL;
	int rc = db_run(st->db, &s, e,
			"SELECT id FROM survey_responses WHERE survey_id = ? AND org_id = ?", "ii",
			survey_id, org_id);

	if (rc != DB_ROW)
		return rc < 0 ? rc : 0;
	*id = db_column_int(s, 0);
	db_finalize(s);
	return 1;
}

int store_survey_response_put(struct store *st, const struct survey *sv, long long org_id,
			      long long token_id, const char *respondent,
			      const char *respondent_org, const char *who, long long *id,
			      struct err *e)
{
	struct db_stmt *s = NULL;
	char now[32], *subject = NULL;
	int rc, is_new = 0;

	rc = store_check_text_as(STORE_WHAT(MSG_N_SURVEY_RESPONDENT, "respondent"), respondent, 200,
				 e);
	if (!rc)
		rc = store_check_text_as(STORE_WHAT(MSG_N_SURVEY_RESPONDENT_ORG, "respondent_org"),
					 respondent_org, 200, e);
	if (rc)
		return rc;
	rc = store_tx_begin(st, e);
	if (rc)
		return rc;
	store_now(now);
	if (org_id)
		rc = db_run(st->db, &s, e,
			    "SELECT id FROM survey_responses WHERE survey_id = ? AND org_id = ?",
			    "ii", sv->id, org_id);
	else
		rc = db_run(st->db, &s, e, "SELECT id FROM survey_responses WHERE token_id = ?",
			    "i", token_id);
	if (rc < 0)
		goto out;
	if (rc == DB_ROW) {
		*id = db_column_int(s, 0);
		db_finalize(s);
		rc = db_run(st->db, NULL, e,
			    "UPDATE survey_responses SET updated_at = ?, version = version + 1, "
			    "respondent = COALESCE(?, respondent), "
			    "respondent_org = COALESCE(?, respondent_org) WHERE id = ?",
			    "sssi", now, respondent, respondent_org, *id);
	} else {
		is_new = 1;
		rc =
		    db_run(st->db, NULL, e,
			   "INSERT INTO survey_responses (survey_id, org_id, token_id, respondent, "
			   "respondent_org, submitted_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
			   org_id ? "iinssss" : "inissss", sv->id, org_id ? org_id : token_id,
			   respondent, respondent_org, now, now);
		if (rc >= 0)
			*id = db_last_id(st->db);
		if (rc >= 0 && token_id)
			rc = db_run(st->db, NULL, e,
				    "UPDATE survey_tokens SET response_id = ? WHERE id = ?", "ii",
				    *id, token_id);
	}
	if (rc < 0)
		goto out;
	subject = store_fmt("response of %s to survey '%s'", who, sv->name);
	rc = store_audit_json(st, org_id, is_new ? "survey.respond" : "survey.revise", subject,
			      NULL, NULL, e);
out:
	free(subject);
	return store_tx_end(st, rc < 0 ? rc : 0, e);
}

int store_survey_responses(struct store *st, long long survey_id, struct survey_response **out,
			   size_t *n, struct err *e)
{
	static const struct store_rows_of of = {sizeof(struct survey_response), response_from_row,
						responses_free, NULL};
	struct db_stmt *s = NULL;
	int rc = db_prepare(st->db,
			    "SELECT r.id, r.org_id, o.name, r.token_id, r.respondent, "
			    "r.respondent_org, r.submitted_at, r.updated_at, r.version "
			    "FROM survey_responses r LEFT JOIN organizations o ON o.id = r.org_id "
			    "WHERE r.survey_id = ? ORDER BY r.id",
			    &s, e);

	if (!rc && db_bind_int(s, 1, survey_id))
		rc = err_fail(e, ERR_DB, NULL, MSG_E_DB_BIND);
	return store_rows(s, rc, &of, (void **)out, n, e);
}

/* The answer of response_id to ref into *out: 1, or 0 when none. */
static int answer_get(struct store *st, long long response_id, const char *ref,
		      struct survey_answer *out, struct err *e)
{
	struct db_stmt *s = NULL;
	int rc = db_run(st->db, &s, e,
			"SELECT response_id, ref, implemented, level, assignment, current_score, "
			"note FROM survey_answers WHERE response_id = ? AND ref = ?",
			"is", response_id, ref);

	memset(out, 0, sizeof(*out));
	if (rc != DB_ROW)
		return rc < 0 ? rc : 0;
	answer_from_row(s, out);
	db_finalize(s);
	return 1;
}

static void answer_release(struct survey_answer *a)
{
	survey_answers_free_items(a, 1);
}

#define ANSWER_INSERT                                                                              \
	"INSERT INTO survey_answers (response_id, ref, implemented, level, assignment, "           \
	"current_score, note) VALUES "
#define ANSWER_ROW "(?, ?, ?, ?, ?, ?, ?)"
#define ANSWER_ROWS_8                                                                              \
	ANSWER_ROW ", " ANSWER_ROW ", " ANSWER_ROW ", " ANSWER_ROW ", " ANSWER_ROW ", " ANSWER_ROW \
		   ", " ANSWER_ROW ", " ANSWER_ROW
#define ANSWER_UPSERT                                                                              \
	" ON CONFLICT (response_id, ref) DO UPDATE SET implemented = excluded.implemented, "       \
	"level = excluded.level, assignment = excluded.assignment, current_score = "               \
	"excluded.current_score, note = excluded.note"
#define ANSWER_COLS 7
#define ANSWERS_AT_ONCE 64 /* rows of the statement a bulk import writes them with */

/* Bind answer a to the parameters of s from at + 1: 0, or the failure. */
static int answer_bind(struct db_stmt *s, int at, const struct survey_answer *a, struct err *e)
{
	if (db_bind_int(s, at + 1, a->response_id) || db_bind_text(s, at + 2, a->ref) ||
	    db_bind_int(s, at + 3, a->implemented) || db_bind_text(s, at + 4, a->level) ||
	    db_bind_text(s, at + 5, a->assignment) || store_bind_score(s, at + 6, a->current) ||
	    db_bind_text(s, at + 7, a->note))
		return err_fail(e, ERR_DB, NULL, MSG_E_DB_BIND);
	return 0;
}

/* Insert or replace the n answers a (1 or ANSWERS_AT_ONCE; no figures kept here), the
 * later of two with the same key winning: DB_DONE, or the failure. */
static int answers_upsert(struct store *st, const struct survey_answer *a, size_t n, struct err *e)
{
	static const char one[] = ANSWER_INSERT ANSWER_ROW ANSWER_UPSERT;
	static const char many[] = ANSWER_INSERT ANSWER_ROWS_8
	    ", " ANSWER_ROWS_8 ", " ANSWER_ROWS_8 ", " ANSWER_ROWS_8 ", " ANSWER_ROWS_8
	    ", " ANSWER_ROWS_8 ", " ANSWER_ROWS_8 ", " ANSWER_ROWS_8 ANSWER_UPSERT;
	struct db_stmt *s = NULL;
	size_t i;
	int rc = db_prepare(st->db, n == 1 ? one : many, &s, e);

	if (rc)
		return rc;
	for (i = 0; !rc && i < n; i++)
		rc = answer_bind(s, (int)i * ANSWER_COLS, &a[i], e);
	if (!rc)
		rc = db_step(s, e);
	db_finalize(s);
	return rc;
}

int store_survey_answer_put(struct store *st, const struct survey_answer *a, struct err *e)
{
	struct survey_answer old;
	int rc, had;

	rc = store_check_text_as(STORE_WHAT_OF(MSG_N_NOTE_FOR, a->ref, "note"), a->note, 2000, e);
	if (rc)
		return rc;
	had = answer_get(st, a->response_id, a->ref, &old, e);
	if (had < 0)
		return had;
	rc = answers_upsert(st, a, 1, e);
	if (rc >= 0)
		rc = store_survey_agg_change(st, a->response_id, a->ref, had ? &old : NULL, a, e);
	answer_release(&old);
	return rc < 0 ? rc : 0;
}

int store_survey_has_answers(struct store *st, long long survey_id, struct err *e)
{
	struct db_stmt *s = NULL;
	int rc = db_run(st->db, &s, e,
			"SELECT 1 FROM survey_responses r JOIN survey_answers a ON a.response_id = "
			"r.id WHERE r.survey_id = ? LIMIT 1",
			"i", survey_id);

	db_finalize(s);
	return rc < 0 ? rc : rc == DB_ROW;
}

/* Answers a bulk import gives at once: with a bulk loader, and without. */
#define ANSWERS_BULK_BATCH 8192
#define ANSWERS_BATCH 256

size_t store_survey_answers_batch(const struct store *st)
{
	return db_bulk_supported(st->db) ? ANSWERS_BULK_BATCH : ANSWERS_BATCH;
}

/* The n answers a through the engine's bulk loader into table (survey_answers, or the
 * session's table below with a column seq first, numbering them): 0, or the failure. */
static int answers_copy(struct store *st, const char *table, int with_seq,
			const struct survey_answer *a, size_t n, struct err *e)
{
	static const char cols[] =
	    "seq, response_id, ref, implemented, level, assignment, current_score, note";
	struct err ignored = ERR_INIT;
	char seq[24], resp[24], impl[24], cur[24];
	size_t i;
	int rc = db_bulk_begin(st->db, table, with_seq ? cols : cols + 5, e);

	if (rc)
		return rc;
	for (i = 0; i < n && !rc; i++) {
		const char *v[8] = {seq,
				    resp,
				    a[i].ref,
				    impl,
				    a[i].level,
				    a[i].assignment,
				    a[i].current == SCORE_NONE ? NULL : cur,
				    a[i].note};
		snprintf(seq, sizeof(seq), "%zu", i);
		snprintf(resp, sizeof(resp), "%lld", a[i].response_id);
		snprintf(impl, sizeof(impl), "%d", a[i].implemented);
		snprintf(cur, sizeof(cur), "%d", a[i].current);
		rc = db_bulk_row(st->db, with_seq ? v : v + 1, with_seq ? 8 : 7, e);
	}
	if (rc) {
		db_bulk_end(st->db, &ignored);
		return rc;
	}
	return db_bulk_end(st->db, e);
}

/* The n answers a through the engine's bulk loader. Fresh ones (nothing to replace, no two
 * alike) straight into survey_answers. Others into a table of the session (the engine's
 * own temporary table, emptied at commit), then into survey_answers in one statement, the
 * later of two with the same key winning. The table is emptied with TRUNCATE, not DELETE:
 * deleted rows stay in it until the transaction ends, and every later batch of a large
 * import would read all of them again. Only an engine with a bulk loader (PostgreSQL)
 * comes here, so the SQL may be its own (DISTINCT ON). */
static int answers_bulk(struct store *st, const struct survey_answer *a, size_t n, int fresh,
			struct err *e)
{
	int rc;

	if (fresh)
		return answers_copy(st, "survey_answers", 0, a, n, e);
	rc = db_exec(st->db,
		     "CREATE TEMP TABLE IF NOT EXISTS survey_answers_in (seq BIGINT, "
		     "response_id BIGINT, ref TEXT, implemented INTEGER, level TEXT, assignment "
		     "TEXT, current_score INTEGER, note TEXT) ON COMMIT DELETE ROWS",
		     e);
	if (!rc)
		rc = answers_copy(st, "survey_answers_in", 1, a, n, e);
	if (!rc)
		rc = db_run(
		    st->db, NULL, e,
		    "INSERT INTO survey_answers (response_id, ref, implemented, level, "
		    "assignment, current_score, note) SELECT DISTINCT ON (response_id, ref) "
		    "response_id, ref, implemented, level, assignment, current_score, note "
		    "FROM survey_answers_in ORDER BY response_id, ref, seq DESC" ANSWER_UPSERT,
		    "");
	if (rc >= 0)
		rc = db_run(st->db, NULL, e, "TRUNCATE survey_answers_in", "");
	return rc < 0 ? rc : 0;
}

int store_survey_answers_load(struct store *st, const struct survey_answer *a, size_t n, int fresh,
			      struct err *e)
{
	size_t i, step;
	int rc = 0;

	for (i = 0; i < n && !rc; i++)
		rc = store_check_text_as(STORE_WHAT_OF(MSG_N_NOTE_FOR, a[i].ref, "note"), a[i].note,
					 2000, e);
	if (!rc && n > 1 && db_bulk_supported(st->db))
		return answers_bulk(st, a, n, fresh, e);
	for (i = 0; i < n && !rc; i += step) {
		step = n - i >= ANSWERS_AT_ONCE ? ANSWERS_AT_ONCE : 1;
		rc = answers_upsert(st, a + i, step, e);
		rc = rc < 0 ? rc : 0;
	}
	return rc;
}

/* The response *id (0: a new one, of org_id or else of the link token_id) written: its
 * version bumped, or created and its id into *id. */
static int response_write(struct store *st, long long survey_id, long long org_id,
			  long long token_id, long long *id, struct err *e)
{
	char now[32];
	int rc;

	store_now(now);
	if (*id)
		rc = db_run(st->db, NULL, e,
			    "UPDATE survey_responses SET updated_at = ?, version = version + 1 "
			    "WHERE id = ?",
			    "si", now, *id);
	else {
		rc = db_run(st->db, NULL, e,
			    "INSERT INTO survey_responses (survey_id, org_id, token_id, "
			    "submitted_at, updated_at) VALUES (?, ?, ?, ?, ?)",
			    org_id ? "iinss" : "iniss", survey_id, org_id ? org_id : token_id, now,
			    now);
		if (rc >= 0)
			*id = db_last_id(st->db);
		if (rc >= 0 && token_id)
			rc = db_run(st->db, NULL, e,
				    "UPDATE survey_tokens SET response_id = ? WHERE id = ?", "ii",
				    *id, token_id);
	}
	return rc < 0 ? rc : 0;
}

int store_survey_response_known(struct store *st, long long survey_id, long long org_id,
				long long *id, struct err *e)
{
	return response_write(st, survey_id, org_id, 0, id, e);
}

#define RESPONSE_ROW "(?, ?, ?, ?, ?)"
#define RESPONSE_ROWS_8                                                                            \
	RESPONSE_ROW ", " RESPONSE_ROW ", " RESPONSE_ROW ", " RESPONSE_ROW ", " RESPONSE_ROW       \
		     ", " RESPONSE_ROW ", " RESPONSE_ROW ", " RESPONSE_ROW
#define RESPONSE_INSERT                                                                            \
	"INSERT INTO survey_responses (survey_id, org_id, submitted_at, updated_at, version) "     \
	"VALUES "

#define RESPONSE_ORGS_8 "?, ?, ?, ?, ?, ?, ?, ?"
#define RESPONSE_FIND "SELECT org_id, id FROM survey_responses WHERE survey_id = ? AND org_id IN ("

/* The n (1, 8 or 64) responses of org_ids with their versions, made in one statement, then
 * their ids read into ids in one more (matched by organization). Not RETURNING: SQLite
 * keeps what it returns in a temporary file, written for every statement. */
static int responses_insert(struct store *st, long long survey_id, const long long *org_ids,
			    const long long *versions, size_t n, long long *ids, const char *now,
			    struct err *e)
{
	static const char *const insert[] = {
	    RESPONSE_INSERT RESPONSE_ROW, RESPONSE_INSERT RESPONSE_ROWS_8,
	    RESPONSE_INSERT RESPONSE_ROWS_8
	    ", " RESPONSE_ROWS_8 ", " RESPONSE_ROWS_8 ", " RESPONSE_ROWS_8 ", " RESPONSE_ROWS_8
	    ", " RESPONSE_ROWS_8 ", " RESPONSE_ROWS_8 ", " RESPONSE_ROWS_8};
	static const char *const find[] = {
	    RESPONSE_FIND "?)", RESPONSE_FIND RESPONSE_ORGS_8 ")",
	    RESPONSE_FIND RESPONSE_ORGS_8
	    ", " RESPONSE_ORGS_8 ", " RESPONSE_ORGS_8 ", " RESPONSE_ORGS_8 ", " RESPONSE_ORGS_8
	    ", " RESPONSE_ORGS_8 ", " RESPONSE_ORGS_8 ", " RESPONSE_ORGS_8 ")"};
	int which = n == 1 ? 0 : n == 8 ? 1 : 2;
	struct db_stmt *s = NULL;
	size_t i, k;
	int rc = db_prepare(st->db, insert[which], &s, e);

	for (i = 0; i < n && !rc; i++)
		if (db_bind_int(s, (int)i * 5 + 1, survey_id) ||
		    db_bind_int(s, (int)i * 5 + 2, org_ids[i]) ||
		    db_bind_text(s, (int)i * 5 + 3, now) || db_bind_text(s, (int)i * 5 + 4, now) ||
		    db_bind_int(s, (int)i * 5 + 5, versions[i]))
			rc = err_fail(e, ERR_DB, NULL, MSG_E_DB_BIND);
	if (!rc)
		rc = db_step(s, e);
	db_finalize(s);
	s = NULL;
	if (rc < 0)
		return rc;
	rc = db_prepare(st->db, find[which], &s, e);
	if (!rc && db_bind_int(s, 1, survey_id))
		rc = err_fail(e, ERR_DB, NULL, MSG_E_DB_BIND);
	for (i = 0; i < n && !rc; i++)
		if (db_bind_int(s, (int)i + 2, org_ids[i]))
			rc = err_fail(e, ERR_DB, NULL, MSG_E_DB_BIND);
	while (!rc && (rc = db_step(s, e)) == DB_ROW) {
		long long org = db_column_int(s, 0);
		for (k = 0; k < n && org_ids[k] != org; k++)
			;
		if (k < n)
			ids[k] = db_column_int(s, 1);
		rc = 0;
	}
	db_finalize(s);
	for (k = 0; rc >= 0 && k < n; k++)
		if (!ids[k]) /* cannot happen: each was just made */
			return err_fail(e, ERR_DB, NULL, MSG_E_DB_OTHER,
					ERR_WORD(MSG_N_DB_STATEMENT), "INSERT");
	return rc < 0 ? rc : 0;
}

int store_survey_responses_new(struct store *st, long long survey_id, const long long *org_ids,
			       const long long *versions, size_t n, long long *ids, struct err *e)
{
	char now[32];
	size_t i, step;
	int rc = 0;

	store_now(now);
	memset(ids, 0, n * sizeof(*ids));
	for (i = 0; i < n && !rc; i += step) {
		step = n - i >= 64 ? 64 : n - i >= 8 ? 8 : 1;
		rc = responses_insert(st, survey_id, org_ids + i, versions + i, step, ids + i, now,
				      e);
	}
	return rc;
}

static void invitee_from_row(struct db_stmt *s, void *item)
{
	struct survey_invitee *v = item;

	v->org_name = store_col(s, 0);
	v->org_id = db_column_int(s, 1);
	v->response_id = db_column_is_null(s, 2) ? 0 : db_column_int(s, 2);
}

void survey_invitees_free(struct survey_invitee *list, size_t n)
{
	size_t i;

	for (i = 0; list && i < n; i++)
		free(list[i].org_name);
	free(list);
}

static void invitees_free(void *list, size_t n)
{
	survey_invitees_free(list, n);
}

int store_survey_invitees(struct store *st, long long survey_id, struct survey_invitee **out,
			  size_t *n, struct err *e)
{
	static const struct store_rows_of of = {sizeof(struct survey_invitee), invitee_from_row,
						invitees_free, NULL};
	struct db_stmt *s = NULL;
	int rc = db_prepare(st->db,
			    "SELECT o.name, o.id, r.id FROM survey_invites i JOIN organizations o "
			    "ON o.id = i.org_id LEFT JOIN survey_responses r ON r.survey_id = "
			    "i.survey_id AND r.org_id = i.org_id WHERE i.survey_id = ?",
			    &s, e);

	if (!rc && db_bind_int(s, 1, survey_id))
		rc = err_fail(e, ERR_DB, NULL, MSG_E_DB_BIND);
	return store_rows(s, rc, &of, (void **)out, n, e);
}

int store_survey_response_load(struct store *st, long long survey_id, long long org_id,
			       const char *label, long long *id, struct err *e)
{
	struct db_stmt *s = NULL;
	long long token_id = 0;
	int rc;

	if (!org_id) {
		rc = db_run(st->db, &s, e,
			    "SELECT id, response_id FROM survey_tokens WHERE survey_id = ? "
			    "AND label = ?",
			    "is", survey_id, label);
		if (rc < 0)
			return rc;
		if (rc == DB_DONE)
			return err_fail(e, ERR_NOT_FOUND, "link", MSG_E_SURVEY_NO_LABEL, label);
		token_id = db_column_int(s, 0);
		*id = db_column_is_null(s, 1) ? 0 : db_column_int(s, 1);
		db_finalize(s);
	} else {
		rc = db_run(st->db, &s, e,
			    "SELECT id FROM survey_responses WHERE survey_id = ? AND org_id = ?",
			    "ii", survey_id, org_id);
		if (rc < 0)
			return rc;
		*id = rc == DB_ROW ? db_column_int(s, 0) : 0;
		if (rc == DB_ROW)
			db_finalize(s);
	}
	return response_write(st, survey_id, org_id, token_id, id, e);
}

int store_survey_analyze(struct store *st, struct err *e)
{
	return db_analyze(st->db, "survey_responses, survey_answers", e);
}

int store_survey_analyze_responses(struct store *st, struct err *e)
{
	return db_analyze(st->db, "survey_responses", e);
}

int store_survey_import_done(struct store *st, const struct survey *sv, const char *file,
			     size_t responses, size_t answers, struct err *e)
{
	char *subject = store_fmt("survey '%s'", sv->name);
	int rc = store_audit_json(st, 0, "survey.import", subject, NULL,
				  json_pack("{s:s, s:I, s:I}", "file", file, "responses",
					    (json_int_t)responses, "answers", (json_int_t)answers),
				  e);

	free(subject);
	return rc;
}

int store_survey_answer_delete(struct store *st, long long response_id, const char *ref,
			       struct err *e)
{
	struct survey_answer old;
	int rc, had = answer_get(st, response_id, ref, &old, e);

	if (had <= 0)
		return had;
	rc = db_run(st->db, NULL, e, "DELETE FROM survey_answers WHERE response_id = ? AND ref = ?",
		    "is", response_id, ref);
	if (rc >= 0)
		rc = store_survey_agg_change(st, response_id, ref, &old, NULL, e);
	answer_release(&old);
	return rc < 0 ? rc : 0;
}

int store_survey_answers_each(struct store *st, long long survey_id,
			      int (*fn)(void *ctx, const struct survey_answer *a), void *ctx,
			      struct err *e)
{
	struct db_stmt *s = NULL;
	int rc =
	    db_prepare(st->db,
		       "SELECT a.response_id, a.ref, a.implemented, a.level, a.assignment, "
		       "a.current_score FROM survey_responses r "
		       "JOIN survey_answers a ON a.response_id = r.id "
		       "WHERE r.survey_id = ? ORDER BY r.id, a.ref", /* survey_responses_survey */
		       &s, e);

	if (rc)
		return rc;
	if (db_bind_int(s, 1, survey_id)) {
		db_finalize(s);
		return err_fail(e, ERR_DB, NULL, MSG_E_DB_BIND);
	}
	while ((rc = db_step(s, e)) == DB_ROW) {
		struct survey_answer a = {0};
		a.response_id = db_column_int(s, 0);
		a.ref = (char *)db_column_text(s, 1); /* borrowed: valid until the next step */
		a.implemented = (int)db_column_int(s, 2);
		a.level = (char *)db_column_text(s, 3);
		a.assignment = (char *)db_column_text(s, 4);
		a.current = store_col_score(s, 5);
		rc = fn(ctx, &a);
		if (rc)
			break;
	}
	db_finalize(s);
	return rc; /* DB_DONE (0) at the end, else the step's or fn's failure */
}

int store_survey_answers(struct store *st, long long survey_id, long long response_id,
			 struct survey_answer **out, size_t *n, struct err *e)
{
	static const struct store_rows_of of = {sizeof(struct survey_answer), answer_from_row,
						answers_free, NULL};
	struct db_stmt *s = NULL;
	int rc;

	if (response_id)
		rc = db_prepare(st->db,
				"SELECT response_id, ref, implemented, level, assignment, "
				"current_score, note FROM survey_answers WHERE response_id = ? "
				"ORDER BY ref",
				&s, e);
	else
		rc = db_prepare(
		    st->db,
		    "SELECT a.response_id, a.ref, a.implemented, a.level, a.assignment, "
		    "a.current_score, a.note FROM survey_responses r "
		    "JOIN survey_answers a ON a.response_id = r.id "
		    "WHERE r.survey_id = ? ORDER BY r.id, a.ref", /* survey_responses_survey */
		    &s, e);
	if (!rc && db_bind_int(s, 1, response_id ? response_id : survey_id))
		rc = err_fail(e, ERR_DB, NULL, MSG_E_DB_BIND);
	return store_rows(s, rc, &of, (void **)out, n, e);
}

void survey_for_free(struct survey_for *list, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(list[i].survey);
		free(list[i].org);
		free(list[i].answered_at);
	}
	free(list);
}

static void for_from_row(struct db_stmt *s, void *item)
{
	struct survey_for *v = item;

	v->survey_id = db_column_int(s, 0);
	v->survey = store_col(s, 1);
	v->org_id = db_column_int(s, 2);
	v->org = store_col(s, 3);
	v->answered_at = store_col(s, 4);
}

static void fors_free(void *list, size_t n)
{
	survey_for_free(list, n);
}

int store_survey_for_user(struct store *st, long long user_id, size_t limit,
			  struct survey_for **out, size_t *n, struct err *e)
{
	static const struct store_rows_of of = {sizeof(struct survey_for), for_from_row, fors_free,
						NULL};
	struct db_stmt *s = NULL;
	int rc =
	    db_prepare(st->db,
		       "SELECT s.id, s.name, o.id, o.name, r.updated_at FROM memberships m "
		       "JOIN survey_invites i ON i.org_id = m.org_id "
		       "JOIN surveys s ON s.id = i.survey_id "
		       "JOIN organizations o ON o.id = m.org_id "
		       "LEFT JOIN survey_responses r ON r.survey_id = s.id AND r.org_id = o.id "
		       "WHERE m.user_id = ? AND s.closed_at IS NULL "
		       "ORDER BY s.id DESC, o.name LIMIT ?",
		       &s, e);

	if (!rc && (db_bind_int(s, 1, user_id) || db_bind_int(s, 2, (long long)limit)))
		rc = err_fail(e, ERR_DB, NULL, MSG_E_DB_BIND);
	return store_rows(s, rc, &of, (void **)out, n, e);
}
