/*
 * store_survey.h - surveys across organizations: campaigns, the organizations
 * invited, outside links (hashed tokens), responses and their answers.
 *
 * The rules (which services, which levels and scores, the deadline) live in
 * ops/survey.c; here only existence, uniqueness and audit. Every change joins
 * the caller's transaction and records one audit event "survey.*".
 */
#ifndef CDCF_STORE_SURVEY_H
#define CDCF_STORE_SURVEY_H

#include <stddef.h>

#include "store/store.h"
#include "util/err.h"

struct survey {
	long long id;
	char *name;
	char *framework_id;
	char *services; /* JSON list of refs, NULL: every service of the framework */
	char *deadline; /* YYYY-MM-DD, NULL: none */
	int min_group;
	char *created_by;
	char *created_at;
	char *closed_at; /* NULL while open */
	int agg_kept;	 /* 1: its figures are kept (store_survey_agg_*), 0: read the answers */
};
void survey_release(struct survey *s);
void survey_list_free(struct survey *list, size_t n);

/* One answer: a service of one response. */
struct survey_answer {
	long long response_id;
	char *ref;
	int implemented;
	char *level;	  /* NULL: not said */
	char *assignment; /* insource, outsource, hybrid; NULL: not said */
	int current;	  /* SCORE_NONE, SCORE_NA or the score */
	char *note;
};
/* The strings of the n answers of list released (the list itself kept, zeroed). */
void survey_answers_free_items(struct survey_answer *list, size_t n);
void survey_answers_free(struct survey_answer *list, size_t n);

/* Who answered: an invited organization (org_name) or a link (token_id). */
struct survey_response {
	long long id;
	long long org_id; /* 0 for a link's response */
	char *org_name;
	long long token_id; /* 0 for an organization's response */
	char *respondent, *respondent_org;
	char *submitted_at, *updated_at;
	long long version;
};
void survey_responses_free(struct survey_response *list, size_t n);

/* An invited organization and when it answered (NULL: not yet). */
struct survey_invite {
	char *org_name;
	char *answered_at;
};
void survey_invites_free(struct survey_invite *list, size_t n);

int store_survey_create(struct store *st, const struct survey *v, long long *id, struct err *e);
/* ERR_NOT_FOUND "unknown survey 'X'" (field "survey"). */
int store_survey_find(struct store *st, const char *name, struct survey *out, struct err *e);
int store_survey_get(struct store *st, long long id, struct survey *out, struct err *e);
/* Surveys by name, a page at a time: at most limit after the name after (NULL: from the
 * first), on the name's index. */
int store_survey_list(struct store *st, const char *after, size_t limit, struct survey **out,
		      size_t *n, struct err *e);
int store_survey_close(struct store *st, const struct survey *sv, struct err *e);

/* Invite org_id; *added 0 when it was invited already (no event then). */
int store_survey_invite(struct store *st, const struct survey *sv, long long org_id,
			const char *org_name, int *added, struct err *e);
/* Has any response of the survey an answer? 1 yes, 0 no, < 0 error. */
int store_survey_has_answers(struct store *st, long long survey_id, struct err *e);
/* Is org_id invited? 1 yes, 0 no, < 0 error. */
int store_survey_invited(struct store *st, long long survey_id, long long org_id, struct err *e);
/* The invited organizations by name, a page at a time: at most limit after the name after
 * (NULL: from the first), on the organizations' name index; *total: how many in all. */
int store_survey_invites(struct store *st, long long survey_id, const char *after, size_t limit,
			 struct survey_invite **out, size_t *n, long long *total, struct err *e);

/* A survey an organization of a user is invited to. */
struct survey_for {
	long long survey_id, org_id;
	char *survey, *org;
	char *answered_at; /* NULL: not yet */
};
void survey_for_free(struct survey_for *list, size_t n);
/* The open surveys user_id's organizations are invited to (at most limit), newest first. */
int store_survey_for_user(struct store *st, long long user_id, size_t limit,
			  struct survey_for **out, size_t *n, struct err *e);

/* Store a new link's token hash (hex), no event (store_survey_links_done records one). */
int store_survey_token_add(struct store *st, long long survey_id, const char *hash_hex,
			   const char *label, struct err *e);
int store_survey_links_done(struct store *st, const struct survey *sv, size_t count, struct err *e);
/* The link of a token hash: its id, survey and response (0: none yet); ERR_NOT_FOUND. */
int store_survey_token_find(struct store *st, const char *hash_hex, long long *token_id,
			    long long *survey_id, long long *response_id, struct err *e);
/* Links made and links answered. */
int store_survey_counts(struct store *st, long long survey_id, long long *links,
			long long *links_used, long long *responses, struct err *e);

/*
 * The response of org_id (token_id 0) or of the link token_id (org_id 0):
 * created on first use, else its version bumped; *id its id. who names it in
 * the audit subject.
 */
int store_survey_response_put(struct store *st, const struct survey *sv, long long org_id,
			      long long token_id, const char *respondent,
			      const char *respondent_org, const char *who, long long *id,
			      struct err *e);
/* The response of an invited organization: 1 with *id, 0 when none. */
int store_survey_response_of_org(struct store *st, long long survey_id, long long org_id,
				 long long *id, struct err *e);
int store_survey_responses(struct store *st, long long survey_id, struct survey_response **out,
			   size_t *n, struct err *e);
/* Insert or replace one answer of response a->response_id; when its survey keeps its
 * figures, they change with it in the caller's transaction (the old answer taken off,
 * the new one added). */
int store_survey_answer_put(struct store *st, const struct survey_answer *a, struct err *e);
/*
 * For a bulk import (one transaction, no event per row; the caller records one and
 * rebuilds the kept figures once at the end with store_survey_agg_rebuild):
 * the response of org_id or of the link labelled label (org_id 0; ERR_NOT_FOUND when
 * the survey has no such link), created or its version bumped, into *id;
 * and n answers written without changing the kept figures (many rows to a statement; of
 * two with the same key the later wins).
 */
int store_survey_response_load(struct store *st, long long survey_id, long long org_id,
			       const char *label, long long *id, struct err *e);
/* The same for org_id whose response the caller has read already (*id, 0: none; from
 * store_survey_invitees): one statement instead of three. */
int store_survey_response_known(struct store *st, long long survey_id, long long org_id,
				long long *id, struct err *e);
/* The responses of the n organizations org_ids (invited, none with a response yet) made
 * many to a statement, each with its version (how often the import began it), their ids
 * into ids[] in the same order. */
int store_survey_responses_new(struct store *st, long long survey_id, const long long *org_ids,
			       const long long *versions, size_t n, long long *ids, struct err *e);
/* An organization invited to a survey, and its response (0: none yet). */
struct survey_invitee {
	char *org_name;
	long long org_id, response_id;
};
/* Every organization invited to survey_id with its response, in one read (a bulk import of
 * many organizations' rows finds them there instead of three statements each). */
int store_survey_invitees(struct store *st, long long survey_id, struct survey_invitee **out,
			  size_t *n, struct err *e);
void survey_invitees_free(struct survey_invitee *list, size_t n);
/* fresh: the caller knows every one of the n answers is new (its response had no answer
 * before the transaction and no two share a key): where the engine loads in bulk they go
 * straight into the table, with nothing to replace or to choose between. */
int store_survey_answers_load(struct store *st, const struct survey_answer *a, size_t n, int fresh,
			      struct err *e);
/* How many answers a bulk import best gives store_survey_answers_load at once: many more
 * where the engine loads them in bulk (PostgreSQL's COPY) than where each statement is a
 * function call (SQLite). */
size_t store_survey_answers_batch(const struct store *st);
/* Record the import of file into survey sv: responses and answers written. */
int store_survey_import_done(struct store *st, const struct survey *sv, const char *file,
			     size_t responses, size_t answers, struct err *e);
/* After a bulk import committed: the answers' and responses' statistics gathered again where
 * the engine plans on them (PostgreSQL), so that the next reads of millions of answers are
 * not planned as if the tables were empty. */
int store_survey_analyze(struct store *st, struct err *e);
/* During a bulk import, in its transaction: the responses' statistics gathered, the ones it
 * added counted (PostgreSQL; nothing on SQLite). Planned on an empty table, the check of
 * every answer's response would read an index of all responses. */
int store_survey_analyze_responses(struct store *st, struct err *e);
/* Delete one answer (none: nothing happens), the kept figures with it. */
int store_survey_answer_delete(struct store *st, long long response_id, const char *ref,
			       struct err *e);
/* The answers of one response (response_id > 0) or of every response of survey_id
 * (response_id 0), ordered by response then ref. */
int store_survey_answers(struct store *st, long long survey_id, long long response_id,
			 struct survey_answer **out, size_t *n, struct err *e);

/*
 * ---- kept figures (store_survey_agg.c) ----
 *
 * Per asked service: answers, implemented, scored, n/a, the sum of scores and
 * counts per level (as answered), assignment and score; per category and
 * overall (grp ""): the responses with at least one answer there. Only the
 * services given to store_survey_agg_rebuild are kept: an answer to any other
 * is not counted (as the results never counted it).
 */
struct survey_kept {
	char *ref, *category; /* category NULL: none */
	long long answers, implemented, scored, na, score_sum;
};
void survey_kept_free(struct survey_kept *list, size_t n);
struct survey_kept_count {
	char *ref, *kind, *value; /* kind: level, assignment, score */
	long long n;
};
void survey_kept_counts_free(struct survey_kept_count *list, size_t n);
struct survey_kept_group {
	char *grp; /* a category's ref, "" for overall */
	long long responses;
};
void survey_kept_groups_free(struct survey_kept_group *list, size_t n);

/* Replace the kept figures of survey_id by the rows, counts and groups given (what one
 * pass over its answers made) and mark the survey as keeping them. Joins the caller's
 * transaction. */
int store_survey_agg_put(struct store *st, long long survey_id, const struct survey_kept *rows,
			 size_t n_rows, const struct survey_kept_count *counts, size_t n_counts,
			 const struct survey_kept_group *groups, size_t n_groups, struct err *e);
/* fn(ctx, a) for each answer of survey_id, by response then ref (a valid during the call,
 * its note not read); a non-zero return of fn ends the walk and is returned. One query,
 * the answers never all in memory. */
int store_survey_answers_each(struct store *st, long long survey_id,
			      int (*fn)(void *ctx, const struct survey_answer *a), void *ctx,
			      struct err *e);
/* The kept figures of survey_id: one indexed query each, whatever the number of answers. */
int store_survey_agg_read(struct store *st, long long survey_id, struct survey_kept **rows,
			  size_t *n_rows, struct survey_kept_count **counts, size_t *n_counts,
			  struct survey_kept_group **groups, size_t *n_groups, struct err *e);
/* Internal to store_survey*.c: the change of one answer (old and/or new, NULL: none) in the
 * kept figures. */
int store_survey_agg_change(struct store *st, long long response_id, const char *ref,
			    const struct survey_answer *old, const struct survey_answer *new_,
			    struct err *e);

#endif
