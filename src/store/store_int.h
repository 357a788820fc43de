/*
 * store_int.h - helpers shared by the store_*.c files; not for other modules.
 */
#ifndef CDCF_STORE_INT_H
#define CDCF_STORE_INT_H

#include <jansson.h>

#include "store/store.h"

/* One mutating call = one transaction: begin, then end with the call's rc
 * (commit when 0, roll back otherwise). store_tx_end returns the final rc. */
int store_tx_begin(struct store *st, struct err *e);
int store_tx_end(struct store *st, int rc, struct err *e);

/* Column i as a new string, NULL for NULL. */
char *store_col(struct db_stmt *s, int i);

/* How store_rows reads the items of one kind of list. */
struct store_rows_of {
	size_t size;					 /* of one item */
	void (*from_row)(struct db_stmt *s, void *item); /* fills a zeroed item */
	void (*list_free)(void *list, size_t n);
	int (*cmp)(const void *a, const void *b); /* NULL: in the query's order */
};

/*
 * Read every row of the prepared statement s into a new array (*list, *n:
 * NULL and 0 when there are none), sorted with of->cmp when set, and
 * finalize s. rc is what preparing and binding s returned: when it is not
 * 0, s (NULL when preparing failed) is finalized and rc returned, as on a
 * step that fails, which frees the items read so far.
 */
int store_rows(struct db_stmt *s, int rc, const struct store_rows_of *of, void **list, size_t *n,
	       struct err *e);

/* String or JSON null. New reference. */
json_t *store_jstr(const char *s);
/* Compact dump in insertion order; takes the reference (j may be NULL). */
char *store_jdump(json_t *j);

/* printf into a new string (audit subjects). */
char *store_fmt(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* An entry's audit subject, "'REF' in 'ORG' for 'FRAMEWORK'" (as store_fmt would write it,
 * cut at the same ceiling), written without a format: a bulk write names thousands. */
char *store_entry_subject(const char *ref, const char *org, const char *fw);

/* Record an audit event; takes the references to before and after (either may be NULL). */
/* Events of one organization written in one statement each STORE_AUDIT_ROWS_MAX (in
 * order, one time for all), as store_audit writes one: a bulk write records thousands. */
#define STORE_AUDIT_ROWS_MAX 32
struct store_audit_row {
	const char *action, *subject, *before_json, *after_json;
};
int store_audit_rows(struct store *st, long long org_id, const struct store_audit_row *rows,
		     size_t n, struct err *e);
int store_audit_json(struct store *st, long long org_id, const char *action, const char *subject,
		     json_t *before, json_t *after, struct err *e);

/* What messages and audit events need to know about a portfolio. */
struct pf_info {
	long long id;
	long long org_id;
	char *org_name;
	char *framework_id;
	int cycle;	       /* open cycle number, 0 if none */
	char *next_evaluation; /* planned date YYYY-MM-DD, NULL when not planned */
};
/* ERR_NOT_FOUND "unknown portfolio 12". */
int store_pf_info(struct store *st, long long portfolio_id, struct pf_info *out, struct err *e);
/* The start of a change of one portfolio: store_tx_begin, then store_pf_info. Returns 0
 * inside the transaction, or the error with the transaction rolled back (out empty). */
int store_tx_pf(struct store *st, long long portfolio_id, struct pf_info *out, struct err *e);
void store_pf_info_release(struct pf_info *pi);

struct user;
/* The start of a change of one user's data, as store_tx_pf: store_tx_begin, then
 * store_user_get of user_id into out. */
int store_tx_user(struct store *st, long long user_id, struct user *out, struct err *e);

/* Name of organization org_id (new string); ERR_NOT_FOUND "unknown organization 12". */
int store_org_name(struct store *st, long long org_id, char **out, struct err *e);

/* "team" / "provider": the word of audit events and subjects (stored, not shown). */
const char *store_party_word(enum party_kind k);

/* The names of organization org_id (*org) and of its team or provider id (*name), for a
 * change of that party inside a transaction; ERR_NOT_FOUND names an unknown id. The caller
 * frees both, whatever the result. */
int store_party_names(struct store *st, enum party_kind k, long long org_id, long long id,
		      char **org, char **name, struct err *e);

/* Entry rows: select list (FROM entries e with team and provider names joined)
 * and the reader of one row into en (which must be empty). */
#define STORE_ENTRY_SELECT                                                                         \
	"SELECT e.id, e.ref_id, e.level, e.assignment, e.team_id, t.name, e.provider_id, "         \
	"pr.name, e.in_current, e.in_target, e.out_current, e.out_target, e.note, "                \
	"e.evidence, e.version, e.custom, e.custom_name_en, e.custom_name_ja, "                    \
	"e.custom_category FROM entries e LEFT JOIN teams t ON t.id = e.team_id "                  \
	"LEFT JOIN providers pr ON pr.id = e.provider_id "
void store_entry_from_row(struct db_stmt *s, struct entry *en);

/* A stored score is SCORE_NONE, SCORE_NA or 0..100. */
int store_check_score(const struct store_what *w, int score, struct err *e);

/* Score <-> nullable column: SCORE_NONE is NULL. */
int store_bind_score(struct db_stmt *s, int i, int score);
int store_col_score(struct db_stmt *s, int i);

/* The kept figures of the group view (store_group_counts.c), inside the caller's
 * transaction: an entry of org_id's portfolio of fw written (old NULL: added) or deleted
 * (now NULL); org_id about to leave parent_id (detach, before the change) or just placed
 * under it (attach, after); a parent_id of 0 is none. */
struct entry;
int store_group_counts_entry(struct store *st, long long org_id, const char *fw,
			     const struct entry *old, const struct entry *now, struct err *e);
int store_group_counts_detach(struct store *st, long long org_id, long long parent_id,
			      struct err *e);
int store_group_counts_attach(struct store *st, long long org_id, long long parent_id,
			      struct err *e);

#endif
