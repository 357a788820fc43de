/*
 * store.h - cdcf's persistence: organizations, teams, providers, portfolios,
 * entries, custom services, cycles and snapshots, actions, audit events.
 *
 * Every mutating function is one transaction (nested calls join the
 * caller's transaction, see db_begin) and writes one audit event (who, when,
 * what, before, after). A failed call leaves the database exactly as it was.
 * Functions never validate domain rules (core/ does that, through ops/);
 * they do enforce existence and uniqueness, with messages that name the
 * subject: "unknown organization 'Acme'", "team 'SOC' already exists in 'Acme'".
 *
 * Strings returned inside structs are owned by the struct: release with the
 * matching *_release / *_list_free.
 */
#ifndef CDCF_STORE_H
#define CDCF_STORE_H

#include <jansson.h>
#include <stddef.h>

#include "core/portfolio.h"
#include "store/cycle_json.h"
#include "store/db.h"

/* schema: 1 domain, 2 users, 3 next evaluation, 4 sign-ins, 5 the level in_scope, 6 positions,
 * 7 imported frameworks */
#define STORE_SCHEMA_VERSION 19
#define STORE_NAME_MAX 200		      /* organization, team, provider names (bytes) */
#define STORE_TEXT_MAX 20000		      /* notes, evidence, titles, answers (bytes) */
#define STORE_SNAPSHOT_MAX ((size_t)16 << 20) /* one frozen cycle snapshot (bytes) */

struct store {
	struct db *db;
	char actor[128]; /* user name written to audit events; "cli" by default */
	/* the groups one organization's entries count in, as last found inside the current
	 * write transaction (store_group_counts.c): an import writes many entries of one */
	struct {
		unsigned long tx;
		long long org_id;
		size_t n;
		long long roots[65];
	} group_roots;
	/* the portfolio last marked stale (stats_dirty) inside the current write transaction
	 * (store_entry.c): its next entries need no mark; unmarking forgets it */
	struct {
		unsigned long tx;
		long long portfolio_id;
	} marked;
};

/* The data's generation as db_generation gives it: 0, or -1 when it cannot be told. */
int store_generation(struct store *st, unsigned long long *out);

/*
 * fn runs in every outermost transaction of every store opened after this,
 * just before it commits; its failure rolls the transaction back. The program
 * sets it once at start (ops_stats_install: the kept figures of the portfolios
 * whose entries changed).
 */
void store_set_commit_hook(int (*fn)(struct store *st, struct err *e));

/*
 * Open the cdcf database at path. With create, a missing file is created and
 * migrated; an existing one is migrated to STORE_SCHEMA_VERSION. Without
 * create, a missing file is ERR_NOT_FOUND ("database 'x' does not exist; run
 * 'cdcf init'"). A file that is not a cdcf database is ERR_INVALID and is
 * not modified. Foreign keys on, WAL, busy timeout.
 */
int store_open(struct store **out, const char *path, int create, struct err *e);
/* Is there a cdcf database at path yet: a file (SQLite), or a PostgreSQL database that
 * answers and holds cdcf's schema? (An empty one, or one that cannot be reached, is not:
 * store_open says why.) */
int store_exists(const char *path);
void store_close(struct store *st);

/* The whole database into one file at path, a cdcf database of its own taken as one
 * consistent snapshot while others write (store_backup.c); an interrupted or failed
 * backup leaves path as it was. */
int store_backup(struct store *st, const char *path, struct err *e);
/* The backup at from (a cdcf database file) into the database target, which must not
 * exist or be empty (ERR_CONFLICT otherwise, nothing written), then migrated: *version is
 * the backup's schema version. */
int store_restore(const char *from, const char *target, int *version, struct err *e);
/* Every row of every table of the database from (at this cdcf's schema: ERR_INVALID
 * otherwise) into the new database to, which must not exist or be empty: one snapshot of
 * from, written into to.tmp in one transaction, each table's rows counted against the
 * source's, then renamed to to; stopped (w) or failed, nothing is left. *rows: rows
 * copied. */
struct progress_watch;
int store_copy(const char *from, const char *to, struct progress_watch *w, size_t *rows,
	       struct err *e);
/* The schema version of the cdcf database at path, read without migrating it. */
int store_version(const char *path, int *version, struct err *e);
/* The tables store_copy writes, in its order (*n of them). */
const char *const *store_copy_tables(size_t *n);
/* Can st answer (the database reachable, its schema this cdcf's)? 0, ERR_BUSY when the
 * migrations are not current, or the database's failure; *version as read. */
int store_ready(struct store *st, int *version, struct err *e);
void store_set_actor(struct store *st, const char *actor);

/* Current UTC time as "YYYY-MM-DDTHH:MM:SSZ" (tests may pin it with CDCF_NOW). */
void store_now(char out[32]);

/*
 * What an input check is about, in the user's words: a phrase of the message
 * tables (MSG_N_*: "team name", "note for '%s'") with the text of its %s (a
 * service ref) or NULL, and the field a program can act on ("name", "note").
 * STORE_WHAT(MSG_N_TEAM_NAME, "name"), STORE_WHAT_OF(MSG_N_NOTE_FOR, ref, "note").
 */
struct store_what {
	enum msg_id noun;
	const char *arg;
	const char *field;
};
#define STORE_WHAT(noun, field) (&(const struct store_what){(noun), NULL, (field)})
#define STORE_WHAT_OF(noun, arg, field) (&(const struct store_what){(noun), (arg), (field)})

/*
 * Input checks every store function applies (and importers reuse, to report
 * the place): a name is non-empty, at most STORE_NAME_MAX bytes, valid UTF-8
 * without control characters; a text (NULL allowed) is at most max bytes of
 * valid UTF-8 whose only control characters are tab, CR and LF. w names the
 * input and its field: "organization name is longer than 200 bytes"
 * (ERR_TOO_LARGE), "team name must not be empty" (ERR_INVALID).
 */
int store_check_name_as(const struct store_what *w, const char *s, struct err *e);
int store_check_text_as(const struct store_what *w, const char *s, size_t max, struct err *e);
/* A date (NULL allowed) is a real calendar day "YYYY-MM-DD" (util/date.h):
 * "next evaluation date '2026-02-30' is not a valid date (YYYY-MM-DD)". */
int store_check_date_as(const struct store_what *w, const char *s, struct err *e);

/* Lower-case hex sha256 of data (the snapshot hash). */
void store_sha256_hex(const void *data, size_t len, char out[65]);

/*
 * The entry as JSON, as written to audit events and archives: {"ref", "level",
 * "assignment", "team", "provider", "insource": {"current", "target"},
 * "outsource": {...}, "note", "evidence", "version", and "custom":
 * {"name_en", "name_ja", "category"} for custom services}. Scores are
 * integers, "n/a" or null (not assessed). New reference.
 */
json_t *store_entry_json(const struct entry *en);

/* The checks store_entry_put applies to an entry's fields (ref, level and
 * assignment in range, scores, note and evidence sizes, custom names), for
 * importers that validate before writing. */
int store_entry_check(const struct entry *en, struct err *e);

/* ---- organizations ---- */
struct org {
	long long id;
	char *name;
	long long parent_id; /* 0 when none */
	char *parent_name;   /* NULL when none */
	char *created_at;
};
void org_release(struct org *o);
void org_list_free(struct org *list, size_t n);

int store_org_add(struct store *st, const char *name, const char *parent_name, long long *id,
		  struct err *e);
int store_org_find(struct store *st, const char *name, struct org *out, struct err *e);
int store_org_get(struct store *st, long long id, struct org *out, struct err *e);
int store_org_list(struct store *st, struct org **out, size_t *n, struct err *e);
/* The organizations whose parent is parent_id, by name (through the index on parent_id). */
int store_org_children(struct store *st, long long parent_id, struct org **out, size_t *n,
		       struct err *e);
int store_org_rename(struct store *st, long long id, const char *name, struct err *e);
int store_org_set_parent(struct store *st, long long id, long long parent_id, struct err *e);

/* ---- teams (in-house) and providers (external) ---- */
enum party_kind { PARTY_TEAM, PARTY_PROVIDER };
struct party {
	long long id;
	long long org_id;
	char *name;
};
void party_list_free(struct party *list, size_t n);

int store_party_add(struct store *st, enum party_kind k, long long org_id, const char *name,
		    long long *id, struct err *e);
/* ERR_NOT_FOUND "unknown team 'x' in 'Org'" */
int store_party_find(struct store *st, enum party_kind k, long long org_id, const char *name,
		     long long *id, struct err *e);
int store_party_list(struct store *st, enum party_kind k, long long org_id, struct party **out,
		     size_t *n, struct err *e);
/* Rename party id of org_id: ERR_CONFLICT when name is taken, ERR_NOT_FOUND when id is
 * not org_id's; the same name changes nothing. Audit "team.rename" / "provider.rename". */
int store_party_rename(struct store *st, enum party_kind k, long long org_id, long long id,
		       const char *name, struct err *e);
/* Delete party id of org_id as it is: the caller has checked store_party_usage (a
 * party still referred to fails on its foreign keys). Audit "team.delete". */
int store_party_delete(struct store *st, enum party_kind k, long long org_id, long long id,
		       struct err *e);

/* ---- what still refers to something about to be deleted (store_org_delete.c) ---- */
#define STORE_USAGE_REFS 3 /* names listed in a usage; more are counted */
struct store_usage {
	long long count;
	char *refs; /* the first STORE_USAGE_REFS names, ", "-joined, ", ..." after */
};
void store_usage_release(struct store_usage *u);
/* Entries (of any portfolio) assigned to party id, and members whose assessor team it
 * is (teams only; a provider's members are always none). */
int store_party_usage(struct store *st, enum party_kind k, long long id,
		      struct store_usage *entries, struct store_usage *members, struct err *e);
/* Portfolios (by framework id), child organizations and members of org_id. */
int store_org_usage(struct store *st, long long org_id, struct store_usage *portfolios,
		    struct store_usage *children, struct store_usage *members, struct err *e);
/* Delete org_id with its teams and providers; the caller has checked store_org_usage.
 * Its audit events stay; "org.delete" is recorded without an organization. */
int store_org_delete(struct store *st, long long org_id, struct err *e);

/* ---- portfolios ---- */
struct portfolio_ref {
	long long id;
	long long org_id;
	char *framework_id;
	int cycle; /* open cycle number */
	char *created_at;
	char *next_evaluation; /* planned date of the next evaluation, NULL when not planned */
};
void portfolio_ref_list_free(struct portfolio_ref *list, size_t n);

/* Creates the portfolio and its first open cycle (number 1).
 * ERR_CONFLICT if the organization already has a portfolio for that framework. */
int store_portfolio_new(struct store *st, long long org_id, const char *framework_id, long long *id,
			struct err *e);
/* ERR_NOT_FOUND "'Org' has no portfolio for 'x1060-2021'" (MSG_E_NO_PORTFOLIO: the CLI
 * adds "; run 'cdcf portfolio new'" by that id). */
int store_portfolio_find(struct store *st, long long org_id, const char *framework_id,
			 long long *id, struct err *e);
/* org_id 0 lists every organization's; sorted by organization id, then framework. */
int store_portfolio_list(struct store *st, long long org_id, struct portfolio_ref **out, size_t *n,
			 struct err *e);
/* Load everything into p (entries with team/provider names, custom services
 * as custom entries). p->fw is left NULL: the caller attaches the catalogue.
 * p must be initialised (portfolio_init); its previous contents are released.
 * Entries come in no particular order: each caller sorts them its way (ops by the
 * framework's order, the archive by ref), so the read needs no sort. */
int store_portfolio_load(struct store *st, long long portfolio_id, struct portfolio *p,
			 struct err *e);
/*
 * Plan the next evaluation of a portfolio: date is "YYYY-MM-DD" (a real
 * calendar day, store_check_date) or NULL for "not planned". One audit
 * event "portfolio.schedule" with the date before and after; setting the
 * date it already has changes nothing and records no event.
 */
int store_portfolio_set_next_evaluation(struct store *st, long long portfolio_id, const char *date,
					struct err *e);

/* ---- entries ---- */
/*
 * Write an entry as given (insert when new, update otherwise). expect_version
 * < 0 skips the optimistic-lock check; otherwise a stored version that differs
 * is ERR_CONFLICT ("'A-3' was changed by someone else (version 4, you had 3)").
 * On success en->version and en->id hold the stored values. The audit event
 * records the entry before and after as JSON.
 */
int store_entry_put(struct store *st, long long portfolio_id, struct entry *en,
		    long long expect_version, struct err *e);
/*
 * store_entry_put for a writer that loaded portfolio p inside the write transaction it is
 * still in (ops' batches): old is the entry as loaded (NULL: a new one), so the portfolio's
 * names and the stored entry are not read again, and no version is checked (the writer
 * checked it against p). Only the changed columns are written; a party the entry already
 * had is not looked up again. Must run inside a transaction.
 */
int store_entry_put_loaded(struct store *st, const struct portfolio *p, const struct entry *old,
			   struct entry *en, struct err *e);
/* store_entry_put_loaded of n entries of p (ens[i] against olds[i]) in one go, their audit
 * events written a few to a statement; on a refusal *failed is the i refused (else n). */
int store_entries_put_loaded(struct store *st, const struct portfolio *p, struct entry *const *ens,
			     const struct entry *const *olds, size_t n, size_t *failed,
			     struct err *e);
/* The text of store_entry_json(en) as jansson writes it compactly in order, without building
 * it (the audit log's before and after); a new string, NULL when out of memory. */
char *store_entry_json_text(const struct entry *en);
int store_entry_delete(struct store *st, long long portfolio_id, const char *ref_id, struct err *e);

/* Custom services: name and category travel in the entry's custom_* fields. */

/* ---- cycles and snapshots ---- */
struct cycle {
	long long id;
	int number;
	char *opened_at;
	char *closed_at;     /* NULL while open */
	char *approved_by;   /* NULL if none */
	char *answers_json;  /* evaluation answers, NULL while open */
	char *snapshot_json; /* frozen portfolio, NULL while open */
	char *snapshot_hash; /* sha256 hex of snapshot_json */
};
void cycle_release(struct cycle *c);
void cycle_list_free(struct cycle *list, size_t n);

int store_cycle_list(struct store *st, long long portfolio_id, struct cycle **out, size_t *n,
		     struct err *e);
int store_cycle_get(struct store *st, long long portfolio_id, int number, struct cycle *out,
		    struct err *e);
/* Close the open cycle with answers, approver and snapshot, and open the next one. */
int store_cycle_close(struct store *st, long long portfolio_id, const char *answers_json,
		      const char *approved_by, const char *snapshot_json, struct err *e);

/* ---- actions (management process) ---- */
struct action {
	long long id;
	char *ref_id;
	char *title;
	char *owner;  /* NULL if none */
	char *due;    /* YYYY-MM-DD or NULL */
	int target;   /* score it should reach, SCORE_NONE if none */
	char *status; /* "open" | "done" */
	char *created_at;
	char *done_at;
};
void action_release(struct action *a);
void action_list_free(struct action *list, size_t n);

int store_action_add(struct store *st, long long portfolio_id, struct action *a, struct err *e);
/* An open action owned by someone, with where it is. */
struct owned_action {
	struct action a;
	long long org_id;
	char *org_name, *framework_id;
};
void owned_action_list_free(struct owned_action *list, size_t n);
/* The open actions whose owner is owner, due first (undated last), at most limit, in the
 * organizations user_id is a member of (every one when all). */
int store_action_list_owned(struct store *st, const char *owner, long long user_id, int all,
			    size_t limit, struct owned_action **out, size_t *n, struct err *e);
/* status: NULL for all */
int store_action_list(struct store *st, long long portfolio_id, const char *status,
		      struct action **out, size_t *n, struct err *e);
int store_action_set_status(struct store *st, long long portfolio_id, long long action_id,
			    const char *status, struct err *e);
/* Action action_id of portfolio_id into *out (released by the caller);
 * ERR_NOT_FOUND (no field) when the portfolio has no such action. */
int store_action_get(struct store *st, long long portfolio_id, long long action_id,
		     struct action *out, struct err *e);
/* Replace title, owner, due and target of action a->id with a's (NULL owner,
 * due: none; SCORE_NONE: no target), checked as store_action_add checks them;
 * ref, status and dates are kept. Nothing is written when nothing changes;
 * else one audit event "action.edit" with before and after. */
int store_action_edit(struct store *st, long long portfolio_id, const struct action *a,
		      struct err *e);
/* Delete action action_id (ERR_NOT_FOUND when unknown); audit "action.delete". */
int store_action_delete(struct store *st, long long portfolio_id, long long action_id,
			struct err *e);

/* ---- audit ---- */
struct audit_event {
	long long id;
	char *at, *actor, *action, *subject, *before_json, *after_json;
	long long org_id;
};
void audit_list_free(struct audit_event *list, size_t n);
/* Record one event inside the current transaction (before/after may be NULL).
 * org_id 0 records no organization. */
int store_audit(struct store *st, long long org_id, const char *action, const char *subject,
		const char *before_json, const char *after_json, struct err *e);
/* Newest first; org_id 0 for all; at most limit rows after offset. */
int store_audit_list(struct store *st, long long org_id, size_t offset, size_t limit,
		     struct audit_event **out, size_t *n, struct err *e);

/* Which events of the log to read: each member NULL or "" for any. */
#define AUDIT_FILTER_TEXT_MAX 200 /* bytes of a person or subject filter */
struct audit_filter {
	const char *actor;   /* exactly this person (the event's actor) */
	const char *subject; /* the subject contains this text (ASCII letters in any case) */
	const char *since;   /* on or after this day, "YYYY-MM-DD" (UTC, as stored) */
	const char *until;   /* on or before this day, "YYYY-MM-DD" */
};
/* The checks store_audit_find applies to f (NULL passes): texts at most
 * AUDIT_FILTER_TEXT_MAX bytes (fields "user", "subject"), days real calendar days
 * (fields "since", "until"). */
int store_audit_filter_check(const struct audit_filter *f, struct err *e);
/* store_audit_list of the events f lets through (f NULL: all), filtered and paginated
 * in SQL with bound parameters. */
int store_audit_find(struct store *st, long long org_id, const struct audit_filter *f,
		     size_t offset, size_t limit, struct audit_event **out, size_t *n,
		     struct err *e);
/* The people named in org_id's log (0: all), sorted, at most AUDIT_ACTORS_MAX; free
 * with store_audit_actors_free. */
#define AUDIT_ACTORS_MAX 500
int store_audit_actors(struct store *st, long long org_id, char ***out, size_t *n, struct err *e);
void store_audit_actors_free(char **list, size_t n);

/*
 * ---- raw writes for archive import ----
 * Rows are written as given (timestamps, versions, snapshots kept), with the
 * same input checks but no audit event: the importer holds one transaction
 * around all of them and records a single "import" event.
 */
/* o->name, o->parent_id (0 for none), o->created_at. */
int store_import_org(struct store *st, const struct org *o, long long *id, struct err *e);
int store_import_party(struct store *st, enum party_kind k, long long org_id, const char *name,
		       long long *id, struct err *e);
/* next_evaluation: YYYY-MM-DD or NULL. */
int store_import_portfolio(struct store *st, long long org_id, const char *framework_id,
			   const char *created_at, const char *next_evaluation, long long *id,
			   struct err *e);
/* en->team_id / en->provider_id must already be ids of the portfolio's organization;
 * en->version is kept. */
int store_import_entry(struct store *st, long long portfolio_id, const struct entry *en,
		       struct err *e);
int store_import_action(struct store *st, long long portfolio_id, const struct action *a,
			struct err *e);
/* c->snapshot_json is stored as given; c->snapshot_hash must be its hash. */
int store_import_cycle(struct store *st, long long portfolio_id, const struct cycle *c,
		       struct err *e);

#endif
