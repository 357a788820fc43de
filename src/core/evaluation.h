/*
 * evaluation.h - the evaluation questions of X.1060 clause 11 and the
 * rule for one answer.
 *
 * Answers form one object per evaluated artefact (their JSON form and its
 * reader are store/cycle_json.h's eval_validate):
 *   {"catalogue": {"appropriate": "...", "environment": "..."},
 *    "profile":   {"assignments": "..."},
 *    "portfolio": {"scores": "...", "targets": "..."},
 *    "delegation": "..."}            (optional)
 * Every question needs a non-empty answer; unknown keys are refused. The
 * questions' text is in the message tables (i18n/msg_evaluation.def).
 */
#ifndef CDCF_EVALUATION_H
#define CDCF_EVALUATION_H

#include <stddef.h>

#include "util/err.h"

#define EVAL_ANSWER_MAX 8000 /* bytes per answer */

struct eval_question {
	const char *section; /* "catalogue" | "profile" | "portfolio" | "delegation" */
	const char *key;     /* "" for a section that is itself one answer */
	enum msg_id text;    /* the question: tr(lang, q->text) */
	int optional;
	/* tr(LANG_EN, text) and tr(LANG_JA, text), for the front ends that have not moved
	 * to tr(lang, text) yet; to be removed with them. */
	const char *text_en, *text_ja;
};

/* The questions in order; *n receives the count. */
const struct eval_question *eval_questions(size_t *n);

/* Is section a section of the answers and, unless key is NULL, key one of its questions? */
int eval_known(const char *section, const char *key);

/* Where q's answer is: "catalogue.appropriate", or "delegation" for a whole section. */
const char *eval_path(const struct eval_question *q, char buf[64]);

/*
 * Check the answer to q: text is NULL when there is none, len its length in
 * bytes. A question that is not optional needs a non-empty answer; no answer
 * is longer than EVAL_ANSWER_MAX (ERR_TOO_LARGE). The error's field is
 * eval_path(q), and it is found at "answers: <path>" (its where).
 */
int eval_check_answer(const struct eval_question *q, const char *text, size_t len, struct err *e);

#endif
