/*
 * ops_survey.h - surveys across organizations: a coordinator's campaign on
 * a framework's services, answered by invited organizations and by outside
 * respondents through links, with aggregates that keep small groups
 * anonymous. One transaction per action, audit events "survey.*".
 */
#ifndef CDCF_OPS_SURVEY_H
#define CDCF_OPS_SURVEY_H

#include <jansson.h>
#include <stddef.h>

#include "store/store.h"
#include "util/err.h"

#define OPS_SURVEY_MIN_GROUP 5	     /* k when not given */
#define OPS_SURVEY_LINKS_MAX 10000   /* links made at once */
#define OPS_SURVEY_TOKEN_BYTES 24    /* random bytes of a link's token */
#define OPS_SURVEY_TOKEN_LEN 48	     /* its hex */
#define OPS_SURVEY_NOTE_MAX 2000     /* bytes of an answer's note */
#define OPS_SURVEY_TEAM "survey"     /* team and provider to-portfolio creates when */
#define OPS_SURVEY_PROVIDER "survey" /* the organization has none of that name */

struct ops_survey_spec {
	const char *name;
	const char *framework;
	const char *services;  /* "REF,REF,...", NULL: every service */
	const char *deadline;  /* YYYY-MM-DD or NULL */
	const char *min_group; /* "K" (1-1000) or NULL for OPS_SURVEY_MIN_GROUP */
};

/* A new survey; ERR_CONFLICT when the name exists, a bad service named. */
int ops_survey_new(struct store *st, const struct ops_survey_spec *v, long long *id, struct err *e);

/* Invite organizations by name (all or none); *added (may be NULL) counts new invites. */
int ops_survey_invite(struct store *st, const char *name, const char *const *orgs, size_t n,
		      size_t *added, struct err *e);

/* count (1..OPS_SURVEY_LINKS_MAX) new links: *tokens receives count tokens of
 * OPS_SURVEY_TOKEN_LEN hex digits, each NUL-terminated, in one allocation the
 * caller frees. They are shown once; only their hashes are stored. */
int ops_survey_links(struct store *st, const char *name, size_t count, char **tokens,
		     struct err *e);

/* Close the survey: no answer is taken afterwards. */
int ops_survey_close(struct store *st, const char *name, struct err *e);

/* One service's answer as typed: implemented "yes"/"no", level (core/level.h),
 * assignment insource/outsource/hybrid, current score on that side's scale. */
struct ops_survey_input {
	const char *ref;
	const char *implemented;
	const char *level;
	const char *assignment;
	const char *current;
	const char *note;
};

/* The answers of invited organization org (all or none; revisable until the
 * deadline). respondent (may be NULL) is the person answering. */
int ops_survey_answer(struct store *st, const char *name, const char *org, const char *respondent,
		      const struct ops_survey_input *in, size_t n, struct err *e);

/* The same through a link's token: it reaches its own response only.
 * *survey (may be NULL) receives the survey's id. */
int ops_survey_answer_link(struct store *st, const char *token, const char *respondent,
			   const char *respondent_org, const struct ops_survey_input *in, size_t n,
			   struct err *e);

/*
 * The answers of a CSV file (the template of report_survey_template: a heading naming the
 * columns ref, implemented, level, assignment, current, note in any order, others ignored;
 * one row per service, rows with an empty "implemented" skipped) into *in (n of them; the
 * texts borrowed from doc, which the caller releases with csv_doc_release). name names the
 * file in messages ("answers.csv:3"). Refused: no "ref" or "implemented" column.
 */
struct csv_doc;
int ops_survey_read_csv(const char *data, size_t len, const char *name, struct csv_doc *doc,
			struct ops_survey_input **in, size_t *n, struct err *e);

/* The survey and response a token reaches (*response 0 when not answered yet). */
int ops_survey_link_find(struct store *st, const char *token, long long *survey,
			 long long *response, struct err *e);

/*
 * Many responses from one CSV file: a heading with organization (an invited
 * organization) or link (a link's label), ref, implemented, and optionally level,
 * assignment, current, note (any order, any case); then one row per answer, the
 * rows of one response best kept together. Every answer is checked by the rules of
 * ops_survey_answer; one transaction, all or nothing: with any problem nothing is
 * written and e says how many (ERR_INVALID), res->problems holding the first
 * OPS_SURVEY_IMPORT_PROBLEMS, each with where "FILE:LINE:COLUMN". dry_run: checked
 * only, nothing kept. The kept figures are made again once at the end.
 */
#define OPS_SURVEY_IMPORT_PROBLEMS 20
#define OPS_SURVEY_IMPORT_ROWS_MAX ((size_t)20000000)
struct progress_watch;
struct ops_survey_import {
	struct progress_watch *progress; /* set by the caller before: bytes read of len, and
					    stopped by a caught signal (util/progress.h) */
	size_t responses, answers;
	struct err *problems;
	size_t n_problems, total_problems;
};
int ops_survey_import(struct store *st, const char *name, const char *data, size_t len,
		      const char *file, int dry_run, struct ops_survey_import *res, struct err *e);
void ops_survey_import_release(struct ops_survey_import *res);

/* Status: {"name", "framework", "deadline", "closed", "min_group", "invited":
 * [{"organization", "answered_at"}], "invited_total", "next" (the name to page on
 * after, null on the last page), "responses", "links", "links_used"}. "invited" is
 * one page: at most OPS_SURVEY_PAGE organizations by name after the name after
 * (NULL: from the first). */
#define OPS_SURVEY_PAGE 50
int ops_survey_status(struct store *st, const char *name, const char *after, json_t **out,
		      struct err *e);

/*
 * The aggregates: per service, per category and overall, the number of
 * responses and, from min_group responses on, the share implementing, the
 * level distribution, the in-house / outsourced / hybrid shares, the score
 * distribution and mean; below it "suppressed": true and nothing else. With
 * response > 0, "position" compares that response with the aggregate.
 * lang names services ("en" or "ja").
 */
/* Compare the kept figures of survey name with the figures computed from its answers
 * (after rebuilding them from the answers when rebuild): *diff (new string) names the
 * first difference, NULL when they are equal. */
int ops_survey_check(struct store *st, const char *name, int rebuild, char **diff, struct err *e);
int ops_survey_results(struct store *st, const char *name, long long response, const char *lang,
		       json_t **out, struct err *e);

/* The response of invited organization org to survey name (ERR_NOT_FOUND when none). */
int ops_survey_org_response(struct store *st, const char *name, const char *org,
			    long long *response, struct err *e);

/* A survey's form: {"id", "name", "framework", "deadline", "closed", "open", "min_group",
 * "services": [{"ref", "name", "category"}], "scale": {"insource", "outsource"}: the current
 * score's range on each side, "1-5, n/a"}, names in lang. */
int ops_survey_describe(struct store *st, long long id, const char *lang, json_t **out,
			struct err *e);

/* The answers of one response: [{"ref", "implemented", "level", "assignment", "current",
 * "note"}]. */
int ops_survey_response_answers(struct store *st, long long response, json_t **out, struct err *e);

/* Turn org's response into its portfolio of the survey's framework (made when
 * missing): levels, assignments (to team/provider OPS_SURVEY_TEAM) and current
 * scores, one transaction. */
int ops_survey_to_portfolio(struct store *st, const char *name, const char *org, struct err *e);

#endif
