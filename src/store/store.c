/*
 * store.c - opening a cdcf database, the clock, input checks, and the
 * transaction and JSON helpers the store_*.c files share.
 */
#include "store/store.h"

#include <errno.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store/schema.h"
#include "store/store_int.h"
#include "util/buf.h"
#include "util/date.h"
#include "util/hex.h"
#include "util/utf8.h"
#include "util/xalloc.h"

static int is_file_path(const char *path)
{
	return !db_is_postgres(path);
}

static int (*commit_hook)(struct store *st, struct err *e);

void store_set_commit_hook(int (*fn)(struct store *st, struct err *e))
{
	commit_hook = fn;
}

static int run_commit_hook(void *ctx, struct err *e)
{
	return commit_hook ? commit_hook(ctx, e) : 0;
}

int store_open(struct store **out, const char *path, int create, struct err *e)
{
	struct store *st;
	struct db *db = NULL;
	struct stat sb;
	int rc, version = 0, created = 0;

	*out = NULL;
	if (!path || !*path)
		return err_fail(e, ERR_INVALID, NULL, MSG_E_NO_DATABASE);
	if (sodium_init() < 0)
		return err_fail(e, ERR_INTERNAL, NULL, MSG_E_SODIUM);
	if (is_file_path(path) && stat(path, &sb) != 0) {
		if (errno != ENOENT)
			return err_fail(e, ERR_IO, NULL, MSG_E_DB_ACCESS, path, ERR_SYS(errno));
		if (!create)
			return err_fail(e, ERR_NOT_FOUND, NULL, MSG_E_DB_MISSING, path);
		created = 1;
	}
	rc = db_open(&db, path, e);
	if (rc == ERR_INVALID && is_file_path(path))
		rc = err_fail(e, ERR_INVALID, NULL, MSG_E_NOT_CDCF_DB, path);
	if (rc)
		goto out;
	/* nothing is written before we know the database is ours (or empty) */
	rc = schema_inspect(db, path, &version, e);
	if (rc)
		goto out;
	if (version == 0 && !create) {
		rc = err_fail(e, ERR_NOT_FOUND, NULL, MSG_E_DB_EMPTY, path);
		goto out;
	}
	if (version > STORE_SCHEMA_VERSION) {
		rc = err_fail(e, ERR_INVALID, NULL, MSG_E_DB_TOO_NEW, path, version,
			      STORE_SCHEMA_VERSION);
		goto out;
	}
	rc = db_tune(db, e);
	if (!rc)
		rc = schema_migrate(db, e);
out:
	if (rc) {
		db_close(db);
		if (created)
			unlink(path);
		return rc;
	}
	st = xcalloc(1, sizeof(*st));
	st->db = db;
	store_set_actor(st, "cli");
	db_set_before_commit(db, run_commit_hook, st);
	*out = st;
	return 0;
}

int store_exists(const char *path)
{
	struct err e = ERR_INIT;
	struct db *db = NULL;
	int version = 0;

	if (!path || !*path)
		return 0;
	if (is_file_path(path))
		return access(path, F_OK) == 0;
	if (db_open(&db, path, &e))
		return 0;
	if (schema_inspect(db, path, &version, &e))
		version = 0;
	db_close(db);
	return version > 0;
}

void store_close(struct store *st)
{
	if (!st)
		return;
	db_close(st->db);
	free(st);
}

void store_set_actor(struct store *st, const char *actor)
{
	snprintf(st->actor, sizeof(st->actor), "%s", actor && *actor ? actor : "cli");
}

void store_now(char out[32])
{
	static _Thread_local time_t last = (time_t)-1;
	static _Thread_local char text[32];
	const char *fixed = getenv("CDCF_NOW");
	struct tm tm;
	time_t t;

	if (fixed && *fixed && strlen(fixed) < 32) {
		memcpy(out, fixed, strlen(fixed) + 1);
		return;
	}

	t = time(NULL);
	if (t != last) { /* formatted once a second: a bulk write stamps many rows */
		gmtime_r(&t, &tm);
		if (!strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%SZ", &tm))
			memcpy(text, "1970-01-01T00:00:00Z", 21);
		last = t;
	}
	memcpy(out, text, sizeof(text));
}

/* 0 if s is valid UTF-8 whose control characters are all allowed; else ERR_INVALID. */
static int check_chars(const struct store_what *w, const char *s, int allow_newlines, struct err *e)
{
	size_t left = strlen(s), n;
	unsigned long cp;

	while (left) {
		if ((unsigned char)*s < 0x20 || *s == 0x7f) {
			if (!(allow_newlines && (*s == '\n' || *s == '\r' || *s == '\t')))
				return err_fail(e, ERR_INVALID, w->field, MSG_E_CONTROL_CHARS,
						w->noun, w->arg);
		}
		n = utf8_decode(s, left, &cp);
		if (!n)
			return err_fail(e, ERR_INVALID, w->field, MSG_E_NOT_UTF8, w->noun, w->arg);
		s += n;
		left -= n;
	}
	return 0;
}

int store_check_name_as(const struct store_what *w, const char *s, struct err *e)
{
	if (!s || !*s)
		return err_fail(e, ERR_INVALID, w->field, MSG_E_EMPTY, w->noun, w->arg);
	if (strlen(s) > STORE_NAME_MAX)
		return err_fail(e, ERR_TOO_LARGE, w->field, MSG_E_TOO_LONG, w->noun, w->arg,
				(size_t)STORE_NAME_MAX);
	return check_chars(w, s, 0, e);
}

int store_check_text_as(const struct store_what *w, const char *s, size_t max, struct err *e)
{
	if (!s)
		return 0;
	if (strlen(s) > max)
		return err_fail(e, ERR_TOO_LARGE, w->field, MSG_E_TOO_LONG, w->noun, w->arg, max);
	return check_chars(w, s, 1, e);
}

int store_check_date_as(const struct store_what *w, const char *s, struct err *e)
{
	char shown[41];

	if (!s || date_valid(s))
		return 0;
	snprintf(shown, sizeof(shown), "%s", s);
	return err_fail(e, ERR_INVALID, w->field, MSG_E_BAD_DATE, w->noun, w->arg, shown);
}

int store_check_score(const struct store_what *w, int score, struct err *e)
{
	if (score == SCORE_NONE || score == SCORE_NA || (score >= 0 && score <= 100))
		return 0;
	return err_fail(e, ERR_INVALID, w->field, MSG_E_STORED_SCORE, w->noun, w->arg, score);
}

void store_sha256_hex(const void *data, size_t len, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];

	crypto_hash_sha256(h, data, len);
	hex_encode(h, sizeof(h), out);
}

int store_rows(struct db_stmt *s, int rc, const struct store_rows_of *of, void **list, size_t *n,
	       struct err *e)
{
	char *v = NULL;
	size_t cap = 0, len = 0;

	*list = NULL;
	*n = 0;
	while (!rc && (rc = db_step(s, e)) == DB_ROW) {
		v = xgrow(v, &cap, len + 1, of->size);
		memset(v + len * of->size, 0, of->size);
		of->from_row(s, v + len++ * of->size);
		rc = 0;
	}
	db_finalize(s);
	if (rc < 0) {
		of->list_free(v, len);
		return rc;
	}
	if (len && of->cmp)
		qsort(v, len, of->size, of->cmp);
	*list = v;
	*n = len;
	return 0;
}

int store_generation(struct store *st, unsigned long long *out)
{
	return db_generation(st->db, out);
}

int store_tx_begin(struct store *st, struct err *e)
{
	return db_begin(st->db, e);
}

int store_tx_end(struct store *st, int rc, struct err *e)
{
	if (rc) {
		db_rollback(st->db);
		return rc;
	}
	return db_commit(st->db, e);
}

char *store_col(struct db_stmt *s, int i)
{
	return xstrdup(db_column_text(s, i));
}

int store_bind_score(struct db_stmt *s, int i, int score)
{
	return score == SCORE_NONE ? db_bind_null(s, i) : db_bind_int(s, i, score);
}

int store_col_score(struct db_stmt *s, int i)
{
	return db_column_is_null(s, i) ? SCORE_NONE : (int)db_column_int(s, i);
}

json_t *store_jstr(const char *s)
{
	return s ? json_string(s) : json_null();
}

char *store_jdump(json_t *j)
{
	char *text;

	if (!j)
		return NULL;
	text = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY);
	json_decref(j);
	return text;
}

char *store_fmt(const char *fmt, ...)
{
	struct buf b;
	va_list ap;
	char *text;

	buf_init(&b, STORE_TEXT_MAX);
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap); /* a subject past the ceiling keeps what fits */
	va_end(ap);
	text = buf_detach(&b, NULL);
	buf_release(&b); /* buf_detach re-initialised it */
	return text;
}

char *store_entry_subject(const char *ref, const char *org, const char *fw)
{
	const char *part[7] = {"'", ref, "' in '", org, "' for '", fw, "'"};
	size_t len[7], n = 0, i;
	char *text, *p;

	for (i = 0; i < 7; i++) {
		len[i] = strlen(part[i]);
		n += len[i];
	}
	if (n >= STORE_TEXT_MAX) /* past the ceiling: what fits, as store_fmt keeps it */
		return store_fmt("'%s' in '%s' for '%s'", ref, org, fw);
	p = text = xmalloc(n + 1);
	for (i = 0; i < 7; i++) {
		memcpy(p, part[i], len[i]);
		p += len[i];
	}
	*p = '\0';
	return text;
}

int store_audit_json(struct store *st, long long org_id, const char *action, const char *subject,
		     json_t *before, json_t *after, struct err *e)
{
	char *b = store_jdump(before), *a = store_jdump(after);
	int rc = store_audit(st, org_id, action, subject, b, a, e);

	free(b);
	free(a);
	return rc;
}

int store_org_name(struct store *st, long long org_id, char **out, struct err *e)
{
	struct db_stmt *s = NULL;
	int rc;

	*out = NULL;
	rc = db_run(st->db, &s, e, "SELECT name FROM organizations WHERE id = ?", "i", org_id);
	if (rc < 0)
		return rc;
	if (rc == DB_DONE)
		return err_fail(e, ERR_NOT_FOUND, NULL, MSG_E_UNKNOWN_ORG_ID, org_id);
	*out = store_col(s, 0);
	db_finalize(s);
	return 0;
}

int store_pf_info(struct store *st, long long portfolio_id, struct pf_info *out, struct err *e)
{
	struct db_stmt *s = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	rc = db_run(st->db, &s, e,
		    "SELECT p.org_id, o.name, p.framework_id, "
		    "(SELECT MAX(number) FROM cycles c WHERE c.portfolio_id = p.id "
		    "AND c.closed_at IS NULL), p.next_evaluation "
		    "FROM portfolios p JOIN organizations o ON o.id = p.org_id WHERE p.id = ?",
		    "i", portfolio_id);
	if (rc < 0)
		return rc;
	if (rc == DB_DONE)
		return err_fail(e, ERR_NOT_FOUND, NULL, MSG_E_UNKNOWN_PORTFOLIO_ID, portfolio_id);
	out->id = portfolio_id;
	out->org_id = db_column_int(s, 0);
	out->org_name = store_col(s, 1);
	out->framework_id = store_col(s, 2);
	out->cycle = db_column_is_null(s, 3) ? 0 : (int)db_column_int(s, 3);
	out->next_evaluation = store_col(s, 4);
	db_finalize(s);
	return 0;
}

int store_tx_pf(struct store *st, long long portfolio_id, struct pf_info *out, struct err *e)
{
	int rc;

	memset(out, 0, sizeof(*out));
	rc = store_tx_begin(st, e);
	if (rc)
		return rc;
	rc = store_pf_info(st, portfolio_id, out, e);
	return rc ? store_tx_end(st, rc, e) : 0;
}

void store_pf_info_release(struct pf_info *pi)
{
	if (!pi)
		return;
	XFREE(&pi->org_name);
	XFREE(&pi->framework_id);
	XFREE(&pi->next_evaluation);
}
