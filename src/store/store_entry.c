/*
 * store_entry.c - portfolio entries (selected services, custom ones included)
 * with optimistic locking.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/rules.h"
#include "core/snapshot.h"
#include "store/store.h"
#include "store/store_int.h"
#include "util/buf.h"
#include "util/xalloc.h"

static json_t *pair_json(const struct score_pair *sp)
{
	json_t *o = json_object();

	json_object_set_new(o, "current", score_to_json(sp->current));
	json_object_set_new(o, "target", score_to_json(sp->target));
	return o;
}

json_t *store_entry_json(const struct entry *en)
{
	json_t *o = json_object(), *c;

	json_object_set_new(o, "ref", json_string(en->ref_id ? en->ref_id : ""));
	json_object_set_new(o, "level", json_string(level_name(en->level)));
	json_object_set_new(o, "assignment", json_string(assignment_name(en->assignment)));
	json_object_set_new(o, "team", store_jstr(en->team));
	json_object_set_new(o, "provider", store_jstr(en->provider));
	json_object_set_new(o, "insource", pair_json(&en->score[SIDE_INSOURCE]));
	json_object_set_new(o, "outsource", pair_json(&en->score[SIDE_OUTSOURCE]));
	json_object_set_new(o, "note", store_jstr(en->note));
	json_object_set_new(o, "evidence", store_jstr(en->evidence));
	json_object_set_new(o, "version", json_integer(en->version));
	if (en->custom) {
		c = json_object();
		json_object_set_new(c, "name_en", store_jstr(en->custom_name_en));
		json_object_set_new(c, "name_ja", store_jstr(en->custom_name_ja));
		json_object_set_new(c, "category", store_jstr(en->custom_category));
		json_object_set_new(o, "custom", c);
	}
	return o;
}

void store_entry_from_row(struct db_stmt *s, struct entry *en)
{
	int lv, as;

	en->id = db_column_int(s, 0);
	en->ref_id = store_col(s, 1);
	lv = level_parse(db_column_text(s, 2));
	as = assignment_parse(db_column_text(s, 3));
	en->level = lv < 0 ? LEVEL_NOT_REQUIRED : (enum level)lv;
	en->assignment = as < 0 ? ASSIGN_UNASSIGNED : (enum assignment)as;
	en->team_id = db_column_is_null(s, 4) ? 0 : db_column_int(s, 4);
	en->team = store_col(s, 5);
	en->provider_id = db_column_is_null(s, 6) ? 0 : db_column_int(s, 6);
	en->provider = store_col(s, 7);
	en->score[SIDE_INSOURCE].current = store_col_score(s, 8);
	en->score[SIDE_INSOURCE].target = store_col_score(s, 9);
	en->score[SIDE_OUTSOURCE].current = store_col_score(s, 10);
	en->score[SIDE_OUTSOURCE].target = store_col_score(s, 11);
	en->note = store_col(s, 12);
	en->evidence = store_col(s, 13);
	en->version = db_column_int(s, 14);
	en->custom = db_column_int(s, 15) != 0;
	en->custom_name_en = store_col(s, 16);
	en->custom_name_ja = store_col(s, 17);
	en->custom_category = store_col(s, 18);
}

int store_entry_check(const struct entry *en, struct err *e)
{
	static const enum msg_id what[SIDE_COUNT][2] = {
	    {MSG_N_INHOUSE_CURRENT_FOR, MSG_N_INHOUSE_TARGET_FOR},
	    {MSG_N_OUTSOURCED_CURRENT_FOR, MSG_N_OUTSOURCED_TARGET_FOR},
	};
	static const char *const field[SIDE_COUNT][2] = {
	    {"insource.current", "insource.target"},
	    {"outsource.current", "outsource.target"},
	};
	const char *ref = en->ref_id ? en->ref_id : "";
	int rc, s;

	rc = store_check_name_as(STORE_WHAT(MSG_N_SERVICE_REF, "ref"), en->ref_id, e);
	if (rc)
		return rc;
	if ((unsigned)en->level >= LEVEL_COUNT)
		return err_fail(e, ERR_INVALID, "level", MSG_E_LEVEL_RANGE, ref);
	if ((unsigned)en->assignment >= ASSIGN_COUNT)
		return err_fail(e, ERR_INVALID, "assignment", MSG_E_ASSIGNMENT_RANGE, ref);
	for (s = 0; s < SIDE_COUNT; s++) {
		rc = store_check_score(STORE_WHAT_OF(what[s][0], ref, field[s][0]),
				       en->score[s].current, e);
		if (rc)
			return rc;
		rc = store_check_score(STORE_WHAT_OF(what[s][1], ref, field[s][1]),
				       en->score[s].target, e);
		if (rc)
			return rc;
	}
	rc = store_check_text_as(STORE_WHAT_OF(MSG_N_NOTE_FOR, ref, "note"), en->note,
				 STORE_TEXT_MAX, e);
	if (rc)
		return rc;
	rc = store_check_text_as(STORE_WHAT_OF(MSG_N_EVIDENCE_FOR, ref, "evidence"), en->evidence,
				 STORE_TEXT_MAX, e);
	if (rc || !en->custom)
		return rc;
	rc = store_check_name_as(STORE_WHAT_OF(MSG_N_CUSTOM_NAME_OF, ref, "custom.name_en"),
				 en->custom_name_en, e);
	if (rc)
		return rc;
	if (en->custom_name_ja &&
	    (rc = store_check_name_as(STORE_WHAT_OF(MSG_N_CUSTOM_NAME_JA_OF, ref, "custom.name_ja"),
				      en->custom_name_ja, e)))
		return rc;
	if (en->custom_category && (rc = store_check_name_as(STORE_WHAT_OF(MSG_N_CUSTOM_CATEGORY_OF,
									   ref, "custom.category"),
							     en->custom_category, e)))
		return rc;
	return 0;
}

/* Resolve one side's party: by id when set (it must belong to the organization),
 * else by name; on return *id and *name agree (both empty when none). */
static int resolve_party(struct store *st, enum party_kind k, const struct pf_info *pi,
			 long long *id, char **name, struct err *e)
{
	static const char *const sql[] = {
	    "SELECT name FROM teams WHERE id = ? AND org_id = ?",
	    "SELECT name FROM providers WHERE id = ? AND org_id = ?",
	};
	struct db_stmt *s = NULL;
	int rc;

	if (*id) {
		rc = db_run(st->db, &s, e, sql[k == PARTY_PROVIDER], "ii", *id, pi->org_id);
		if (rc < 0)
			return rc;
		if (rc == DB_DONE)
			return err_fail(e, ERR_NOT_FOUND, k == PARTY_TEAM ? "team" : "provider",
					MSG_E_UNKNOWN_PARTY_ID,
					ERR_WORD(k == PARTY_TEAM ? MSG_N_TEAM : MSG_N_PROVIDER),
					*id, pi->org_name);
		free(*name);
		*name = store_col(s, 0);
		db_finalize(s);
		return 0;
	}
	if (!*name || !**name) {
		XFREE(name);
		return 0;
	}
	return store_party_find(st, k, pi->org_id, *name, id, e);
}

/* The stored entry for ref into *out (found = 1) or found = 0. */
static int entry_lookup(struct store *st, long long portfolio_id, const char *ref,
			struct entry *out, int *found, struct err *e)
{
	struct db_stmt *s = NULL;
	int rc;

	memset(out, 0, sizeof(*out));
	*found = 0;
	rc = db_run(st->db, &s, e, STORE_ENTRY_SELECT "WHERE e.portfolio_id = ? AND e.ref_id = ?",
		    "is", portfolio_id, ref);
	if (rc == DB_ROW) {
		store_entry_from_row(s, out);
		db_finalize(s);
		*found = 1;
	}
	return rc < 0 ? rc : 0;
}

/* s as jansson writes a string (JSON_COMPACT, no ASCII escaping): quotes, backslashes
 * and control characters escaped, "/" and UTF-8 as they are; NULL as null. */
static void jtext_str(struct buf *b, const char *s)
{
	const unsigned char *u = (const unsigned char *)s, *run;
	char esc[8];

	if (!s) {
		buf_addstr(b, "null");
		return;
	}
	buf_addch(b, '"');
	for (run = u; *u; u++) {
		const char *named = NULL;
		if (*u >= 0x20 && *u != '"' && *u != '\\')
			continue;
		buf_add(b, run, (size_t)(u - run));
		run = u + 1;
		switch (*u) {
		case '"':
			named = "\\\"";
			break;
		case '\\':
			named = "\\\\";
			break;
		case '\b':
			named = "\\b";
			break;
		case '\f':
			named = "\\f";
			break;
		case '\n':
			named = "\\n";
			break;
		case '\r':
			named = "\\r";
			break;
		case '\t':
			named = "\\t";
			break;
		default:
			snprintf(esc, sizeof(esc), "\\u%04X", *u);
			named = esc;
		}
		buf_addstr(b, named);
	}
	buf_add(b, run, (size_t)(u - run));
	buf_addch(b, '"');
}

/* v in decimal, as jansson writes an integer. */
static void jtext_int(struct buf *b, long long v)
{
	char digits[24], *p = digits + sizeof(digits);
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;

	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u);
	if (v < 0)
		*--p = '-';
	buf_add(b, p, (size_t)(digits + sizeof(digits) - p));
}

static void jtext_score(struct buf *b, int score)
{
	if (score == SCORE_NA)
		buf_addstr(b, "\"n/a\"");
	else if (score == SCORE_NONE)
		buf_addstr(b, "null");
	else
		jtext_int(b, score);
}

/* The stored columns of an entry that a change may touch, in the order of bind_col. */
enum ecol {
	EC_LEVEL,
	EC_ASSIGNMENT,
	EC_TEAM,
	EC_PROVIDER,
	EC_IN_CURRENT,
	EC_IN_TARGET,
	EC_OUT_CURRENT,
	EC_OUT_TARGET,
	EC_NOTE,
	EC_EVIDENCE,
	EC_CUSTOM,
	EC_NAME_EN,
	EC_NAME_JA,
	EC_CATEGORY,
	EC_COUNT
};

static const char *const ecol_name[EC_COUNT] = {
    "level",	      "assignment",	 "team_id", "provider_id", "in_current", "in_target",
    "out_current",    "out_target",	 "note",    "evidence",	   "custom",	 "custom_name_en",
    "custom_name_ja", "custom_category",
};

static int same_text(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

/* Column c of en as stored (custom names only for a custom service). */
/* ,"key":{"current":..,"target":..}: the scores of side s that fields names (a bit per
 * enum ecol), none when it names neither. */
static void jtext_side(struct buf *b, const char *key, const struct score_pair *sp, unsigned fields,
		       enum ecol cur, enum ecol tgt)
{
	int both = (fields & (1u << cur)) && (fields & (1u << tgt));

	if (!(fields & ((1u << cur) | (1u << tgt))))
		return;
	buf_addstr(b, ",\"");
	buf_addstr(b, key);
	buf_addstr(b, "\":{");
	if (fields & (1u << cur)) {
		buf_addstr(b, "\"current\":");
		jtext_score(b, sp->current);
	}
	if (fields & (1u << tgt)) {
		buf_addstr(b, both ? ",\"target\":" : "\"target\":");
		jtext_score(b, sp->target);
	}
	buf_addch(b, '}');
}

/* ,"key":text (or null) when fields names column c */
static void jtext_field(struct buf *b, unsigned fields, enum ecol c, const char *key,
			const char *text)
{
	if (!(fields & (1u << c)))
		return;
	buf_addstr(b, ",\"");
	buf_addstr(b, key);
	buf_addstr(b, "\":");
	jtext_str(b, text);
}

#define EC_ALL ((1u << EC_COUNT) - 1)
#define EC_CUSTOM_FIELDS                                                                           \
	((1u << EC_CUSTOM) | (1u << EC_NAME_EN) | (1u << EC_NAME_JA) | (1u << EC_CATEGORY))

/* en as an audit event's JSON text: its ref, the fields in fields (a bit per enum ecol) and
 * its version. Every field (EC_ALL) is the whole entry, "custom" only for a custom service;
 * fewer are an update's changes, "custom" null when it stopped being one. */
static char *entry_json(const struct entry *en, unsigned fields)
{
	struct buf b;
	char *text;

	buf_init(&b, BUF_MAX_DEFAULT);
	buf_addstr(&b, "{\"ref\":");
	jtext_str(&b, en->ref_id ? en->ref_id : "");
	if (fields & (1u << EC_LEVEL)) {
		buf_addstr(&b, ",\"level\":\"");
		buf_addstr(&b, level_name(en->level));
		buf_addch(&b, '"');
	}
	if (fields & (1u << EC_ASSIGNMENT)) {
		buf_addstr(&b, ",\"assignment\":\"");
		buf_addstr(&b, assignment_name(en->assignment));
		buf_addch(&b, '"');
	}
	jtext_field(&b, fields, EC_TEAM, "team", en->team);
	jtext_field(&b, fields, EC_PROVIDER, "provider", en->provider);
	jtext_side(&b, "insource", &en->score[SIDE_INSOURCE], fields, EC_IN_CURRENT, EC_IN_TARGET);
	jtext_side(&b, "outsource", &en->score[SIDE_OUTSOURCE], fields, EC_OUT_CURRENT,
		   EC_OUT_TARGET);
	jtext_field(&b, fields, EC_NOTE, "note", en->note);
	jtext_field(&b, fields, EC_EVIDENCE, "evidence", en->evidence);
	buf_addstr(&b, ",\"version\":");
	jtext_int(&b, en->version);
	if (en->custom && (fields & EC_CUSTOM_FIELDS)) {
		buf_addstr(&b, ",\"custom\":{\"name_en\":");
		jtext_str(&b, en->custom_name_en);
		buf_addstr(&b, ",\"name_ja\":");
		jtext_str(&b, en->custom_name_ja);
		buf_addstr(&b, ",\"category\":");
		jtext_str(&b, en->custom_category);
		buf_addch(&b, '}');
	} else if (fields != EC_ALL && (fields & EC_CUSTOM_FIELDS)) {
		buf_addstr(&b, ",\"custom\":null");
	}
	buf_addch(&b, '}');
	text = buf_status(&b) ? NULL : buf_detach(&b, NULL);
	buf_release(&b); /* the empty buffer detach leaves, or the failed one */
	return text;
}

char *store_entry_json_text(const struct entry *en)
{
	return entry_json(en, EC_ALL);
}

static const char *col_text(const struct entry *en, enum ecol c)
{
	switch (c) {
	case EC_NOTE:
		return en->note;
	case EC_EVIDENCE:
		return en->evidence;
	case EC_NAME_EN:
		return en->custom ? en->custom_name_en : NULL;
	case EC_NAME_JA:
		return en->custom ? en->custom_name_ja : NULL;
	case EC_CATEGORY:
		return en->custom ? en->custom_category : NULL;
	default:
		return NULL;
	}
}

static long long col_int(const struct entry *en, enum ecol c)
{
	switch (c) {
	case EC_LEVEL:
		return en->level;
	case EC_ASSIGNMENT:
		return en->assignment;
	case EC_TEAM:
		return en->team_id;
	case EC_PROVIDER:
		return en->provider_id;
	case EC_IN_CURRENT:
		return en->score[SIDE_INSOURCE].current;
	case EC_IN_TARGET:
		return en->score[SIDE_INSOURCE].target;
	case EC_OUT_CURRENT:
		return en->score[SIDE_OUTSOURCE].current;
	case EC_OUT_TARGET:
		return en->score[SIDE_OUTSOURCE].target;
	case EC_CUSTOM:
		return en->custom ? 1 : 0;
	default:
		return 0;
	}
}

static int col_is_text(enum ecol c)
{
	return c == EC_NOTE || c == EC_EVIDENCE || c >= EC_NAME_EN;
}

/* The columns where en differs from the stored old: a bit per enum ecol. The
 * parties compare by id and name, so that a renamed party reads as a change. */
static unsigned entry_diff(const struct entry *old, const struct entry *en)
{
	unsigned diff = 0;
	int c;

	for (c = 0; c < EC_COUNT; c++) {
		int same = col_is_text((enum ecol)c)
			       ? same_text(col_text(old, (enum ecol)c), col_text(en, (enum ecol)c))
			       : col_int(old, (enum ecol)c) == col_int(en, (enum ecol)c);
		if (!same)
			diff |= 1u << c;
	}
	if (!same_text(old->team, en->team))
		diff |= 1u << EC_TEAM;
	if (!same_text(old->provider, en->provider))
		diff |= 1u << EC_PROVIDER;
	return diff;
}

static int bind_col(struct db_stmt *s, int i, const struct entry *en, enum ecol c)
{
	switch (c) {
	case EC_LEVEL:
		return db_bind_text(s, i, level_name(en->level));
	case EC_ASSIGNMENT:
		return db_bind_text(s, i, assignment_name(en->assignment));
	case EC_TEAM:
	case EC_PROVIDER:
		return col_int(en, c) ? db_bind_int(s, i, col_int(en, c)) : db_bind_null(s, i);
	case EC_IN_CURRENT:
	case EC_IN_TARGET:
	case EC_OUT_CURRENT:
	case EC_OUT_TARGET:
		return store_bind_score(s, i, (int)col_int(en, c));
	case EC_CUSTOM:
		return db_bind_int(s, i, col_int(en, c));
	default:
		return db_bind_text(s, i, col_text(en, c));
	}
}

/* sql + len with t appended (the statements below fit sql's 512 bytes by construction). */
static size_t sql_add(char *sql, size_t len, const char *t)
{
	size_t n = strlen(t);

	memcpy(sql + len, t, n + 1);
	return len + n;
}

/* Mark the figures of portfolio_id stale (stats_dirty: the commit recomputes them,
 * ops/stats.c) as its entries are written, once per portfolio and write transaction. */
static int mark_stale(struct store *st, long long portfolio_id, struct err *e)
{
	int rc;

	if (st->marked.tx == st->db->tx_serial && st->marked.portfolio_id == portfolio_id)
		return 0;
	rc = db_run(st->db, NULL, e,
		    "INSERT INTO stats_dirty (portfolio_id) VALUES (?) ON CONFLICT DO NOTHING", "i",
		    portfolio_id);
	if (rc < 0)
		return rc;
	st->marked.tx = st->db->tx_serial;
	st->marked.portfolio_id = portfolio_id;
	return 0;
}

/* Write en: a new row (insert), or the columns in diff of row en->id with its
 * version; en->version is the version to store. Its portfolio is marked stale. */
static int write_entry(struct store *st, long long portfolio_id, struct entry *en, int insert,
		       unsigned diff, struct err *e)
{
	struct db_stmt *s = NULL;
	char sql[512];
	size_t len;
	int rc = 0, c, i = 1;

	if (insert) {
		diff = (1u << EC_COUNT) - 1;
		len = sql_add(sql, 0, "INSERT INTO entries (");
		for (c = 0; c < EC_COUNT; c++) {
			len = sql_add(sql, len, ecol_name[c]);
			len = sql_add(sql, len, ", ");
		}
		sql_add(sql, len,
			"version, portfolio_id, ref_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
			"?, ?, ?, ?, ?, ?) RETURNING id");
	} else {
		/* no RETURNING: the id is known, and SQLite would build a table for it */
		len = sql_add(sql, 0, "UPDATE entries SET ");
		for (c = 0; c < EC_COUNT; c++)
			if (diff & (1u << c)) {
				len = sql_add(sql, len, ecol_name[c]);
				len = sql_add(sql, len, " = ?, ");
			}
		sql_add(sql, len, "version = ? WHERE id = ?");
	}
	rc = mark_stale(st, portfolio_id, e);
	if (!rc)
		rc = db_prepare(st->db, sql, &s, e);
	if (rc)
		return rc;
	for (c = 0; c < EC_COUNT; c++)
		if (diff & (1u << c))
			rc |= bind_col(s, i++, en, (enum ecol)c);
	rc |= db_bind_int(s, i++, en->version);
	if (insert)
		rc |= db_bind_int(s, i, portfolio_id) | db_bind_text(s, i + 1, en->ref_id);
	else
		rc |= db_bind_int(s, i, en->id);
	if (rc)
		rc = err_fail(e, ERR_DB, NULL, MSG_E_ENTRY_BIND, en->ref_id);
	else
		rc = db_step(s, e);
	if (rc == DB_ROW) {
		en->id = db_column_int(s, 0);
		rc = 0;
	} else if (rc == DB_DONE && !insert && db_changes(st->db) == 1) {
		rc = 0;
	} else if (rc == DB_DONE) {
		rc = err_fail(e, ERR_CONFLICT, NULL, MSG_E_ENTRY_VANISHED, en->ref_id);
	}
	db_finalize(s);
	return rc;
}

/* Audit events of a batch of writes not written yet, their texts owned. */
struct events {
	struct store_audit_row v[STORE_AUDIT_ROWS_MAX];
	size_t n;
};

static void events_clear(struct events *ev)
{
	size_t i;

	for (i = 0; i < ev->n; i++) {
		free((char *)ev->v[i].subject);
		free((char *)ev->v[i].before_json);
		free((char *)ev->v[i].after_json);
	}
	ev->n = 0;
}

static int events_flush(struct store *st, long long org_id, struct events *ev, struct err *e)
{
	int rc = store_audit_rows(st, org_id, ev->v, ev->n, e);

	events_clear(ev);
	return rc;
}

/* The write of en, the stored entry being old (NULL: none) and the portfolio pi, inside
 * the caller's transaction: the version check (expect_version >= 0), nothing when nothing
 * changed, else the row written with the next version and its audit event. */
static int put_known(struct store *st, const struct pf_info *pi, long long portfolio_id,
		     const struct entry *old, struct entry *en, long long expect_version,
		     struct events *defer, struct err *e)
{
	char *before = NULL, *after = NULL, *subject = NULL;
	unsigned diff = 0;
	int rc;

	if (expect_version >= 0 && (old ? old->version != expect_version : expect_version > 0)) {
		if (old)
			return err_fail(e, ERR_CONFLICT, NULL, MSG_E_ENTRY_CHANGED, en->ref_id,
					old->version, expect_version);
		return err_fail(e, ERR_CONFLICT, NULL, MSG_E_ENTRY_REMOVED, en->ref_id,
				expect_version);
	}
	if (old) {
		en->id = old->id;
		en->version = old->version;
		diff = entry_diff(old, en);
		if (!diff)
			return 0; /* nothing changed: no write, no event, no new version */
		if (old->version >= ENTRY_VERSION_MAX)
			/* refuse rather than overflow: no later change could be told apart */
			return err_fail(e, ERR_CONFLICT, NULL, MSG_E_ENTRY_VERSION_MAX, en->ref_id,
					old->version);
		en->version = old->version + 1;
	} else {
		en->id = 0;
		en->version = 1;
	}
	rc = write_entry(st, portfolio_id, en, !old, diff, e);
	if (!rc)
		rc = store_group_counts_entry(st, pi->org_id, pi->framework_id, old, en, e);
	if (rc)
		return rc;
	/* an update names what changed; an added entry is given whole */
	before = old ? entry_json(old, diff) : NULL;
	after = entry_json(en, old ? diff : EC_ALL);
	subject = store_entry_subject(en->ref_id, pi->org_name, pi->framework_id);
	if (defer) { /* written with the batch's next events; the texts go with it */
		struct store_audit_row *row = &defer->v[defer->n++];
		row->action = old ? "entry.update" : "entry.add";
		row->subject = subject;
		row->before_json = before;
		row->after_json = after;
		return 0;
	}
	rc = store_audit(st, pi->org_id, old ? "entry.update" : "entry.add", subject, before, after,
			 e);
	free(before);
	free(after);
	free(subject);
	return rc;
}

int store_entry_put(struct store *st, long long portfolio_id, struct entry *en,
		    long long expect_version, struct err *e)
{
	struct pf_info pi = {0};
	struct entry old;
	long long version = en->version, id = en->id;
	int rc, found = 0;

	memset(&old, 0, sizeof(old));
	rc = store_entry_check(en, e);
	if (rc)
		return rc;
	rc = store_tx_pf(st, portfolio_id, &pi, e);
	if (rc)
		return rc;
	rc = resolve_party(st, PARTY_TEAM, &pi, &en->team_id, &en->team, e);
	if (!rc)
		rc = resolve_party(st, PARTY_PROVIDER, &pi, &en->provider_id, &en->provider, e);
	if (!rc)
		rc = entry_lookup(st, portfolio_id, en->ref_id, &old, &found, e);
	if (!rc)
		rc = put_known(st, &pi, portfolio_id, found ? &old : NULL, en, expect_version, NULL,
			       e);
	entry_release(&old);
	store_pf_info_release(&pi);
	rc = store_tx_end(st, rc, e);
	if (rc) {
		/* nothing was stored: give the caller back what it had */
		en->version = version;
		en->id = id;
	}
	return rc;
}

int store_entries_put_loaded(struct store *st, const struct portfolio *p, struct entry *const *ens,
			     const struct entry *const *olds, size_t n, size_t *failed,
			     struct err *e)
{
	struct pf_info pi = {0};
	struct events ev = {.n = 0};
	size_t i;
	int rc;

	*failed = n;
	rc = store_tx_begin(st, e);
	if (rc)
		return rc;
	pi.org_id = p->org_id;
	pi.org_name = p->org_name;
	pi.framework_id = p->framework_id;
	for (i = 0; !rc && i < n; i++) {
		struct entry *en = ens[i];
		const struct entry *old = olds[i];
		long long version = en->version, id = en->id;

		rc = store_entry_check(en, e);
		/* a party the entry already had is known to be the organization's */
		if (!rc && (!old || en->team_id != old->team_id || !same_text(en->team, old->team)))
			rc = resolve_party(st, PARTY_TEAM, &pi, &en->team_id, &en->team, e);
		if (!rc && (!old || en->provider_id != old->provider_id ||
			    !same_text(en->provider, old->provider)))
			rc = resolve_party(st, PARTY_PROVIDER, &pi, &en->provider_id, &en->provider,
					   e);
		if (!rc)
			rc = put_known(st, &pi, p->id, old, en, -1, &ev, e);
		if (rc) {
			en->version = version;
			en->id = id;
			*failed = i;
		} else if (ev.n == STORE_AUDIT_ROWS_MAX) {
			rc = events_flush(st, pi.org_id, &ev, e);
		}
	}
	if (!rc)
		rc = events_flush(st, pi.org_id, &ev, e);
	events_clear(&ev);
	return store_tx_end(st, rc, e);
}

int store_entry_put_loaded(struct store *st, const struct portfolio *p, const struct entry *old,
			   struct entry *en, struct err *e)
{
	size_t failed;

	return store_entries_put_loaded(st, p, &en, &old, 1, &failed, e);
}

int store_entry_delete(struct store *st, long long portfolio_id, const char *ref_id, struct err *e)
{
	struct pf_info pi = {0};
	struct entry old;
	char *subject = NULL;
	int rc, found = 0;

	memset(&old, 0, sizeof(old));
	rc = store_tx_pf(st, portfolio_id, &pi, e);
	if (rc)
		return rc;
	rc = entry_lookup(st, portfolio_id, ref_id ? ref_id : "", &old, &found, e);
	if (rc)
		goto out;
	if (!found) {
		rc = err_fail(e, ERR_NOT_FOUND, "ref", MSG_E_NOT_IN_PORTFOLIO, ref_id ? ref_id : "",
			      pi.org_name, pi.framework_id);
		goto out;
	}
	rc = db_run(st->db, NULL, e, "DELETE FROM entries WHERE id = ?", "i", old.id);
	if (rc >= 0)
		rc = mark_stale(st, portfolio_id, e);
	if (rc >= 0)
		rc = store_group_counts_entry(st, pi.org_id, pi.framework_id, &old, NULL, e);
	if (rc < 0)
		goto out;
	subject = store_entry_subject(old.ref_id, pi.org_name, pi.framework_id);
	rc = store_audit_json(st, pi.org_id, "entry.delete", subject, store_entry_json(&old), NULL,
			      e);
out:
	free(subject);
	entry_release(&old);
	store_pf_info_release(&pi);
	return store_tx_end(st, rc, e);
}

int store_import_entry(struct store *st, long long portfolio_id, const struct entry *en,
		       struct err *e)
{
	struct entry copy = *en;
	struct pf_info pi = {0};
	int rc;

	rc = store_entry_check(en, e);
	if (!rc)
		rc = rule_version(en->ref_id, en->version, e);
	if (!rc)
		rc = store_pf_info(st, portfolio_id, &pi, e);
	if (!rc)
		rc = write_entry(st, portfolio_id, &copy, 1, 0, e);
	if (!rc)
		rc = store_group_counts_entry(st, pi.org_id, pi.framework_id, NULL, en, e);
	store_pf_info_release(&pi);
	return rc;
}
