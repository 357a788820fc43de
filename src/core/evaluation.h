/*
 * evaluation.h - the evaluation questions of X.1060 clause 11 and the
 * validation of a set of answers.
 *
 * Answers are a JSON object with one object per evaluated artefact:
 *   {"catalogue": {"appropriate": "...", "environment": "..."},
 *    "profile":   {"assignments": "..."},
 *    "portfolio": {"scores": "...", "targets": "..."},
 *    "delegation": "..."}            (optional)
 * Every question needs a non-empty answer; unknown keys are refused.
 */
#ifndef CDCF_EVALUATION_H
#define CDCF_EVALUATION_H

#include <jansson.h>

#include "util/err.h"

#define EVAL_ANSWER_MAX 8000 /* bytes per answer */

struct eval_question {
	const char *section; /* "catalogue" | "profile" | "portfolio" */
	const char *key;
	const char *text_en, *text_ja;
	int optional;
};

/* The questions in order; *n receives the count. */
const struct eval_question *eval_questions(size_t *n);

/* Check answers against the questions; errors name the section and key
 * ("answers: catalogue.appropriate: missing answer"). */
int eval_validate(const json_t *answers, struct err *e);

#endif
