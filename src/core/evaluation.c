#include "core/evaluation.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

static struct eval_question questions[] = {
    {"catalogue", "appropriate", MSG_EVAL_Q_APPROPRIATE, 0, NULL, NULL},
    {"catalogue", "environment", MSG_EVAL_Q_ENVIRONMENT, 0, NULL, NULL},
    {"profile", "assignments", MSG_EVAL_Q_ASSIGNMENTS, 0, NULL, NULL},
    {"portfolio", "scores", MSG_EVAL_Q_SCORES, 0, NULL, NULL},
    {"portfolio", "targets", MSG_EVAL_Q_TARGETS, 0, NULL, NULL},
    {"delegation", "", MSG_EVAL_Q_DELEGATION, 1, NULL, NULL},
};

#define N_QUESTIONS (sizeof(questions) / sizeof(questions[0]))

static pthread_once_t texts_once = PTHREAD_ONCE_INIT;

static void texts_fill(void)
{
	size_t i;

	for (i = 0; i < N_QUESTIONS; i++) {
		questions[i].text_en = tr(LANG_EN, questions[i].text);
		questions[i].text_ja = tr(LANG_JA, questions[i].text);
	}
}

const struct eval_question *eval_questions(size_t *n)
{
	pthread_once(&texts_once, texts_fill);
	*n = N_QUESTIONS;
	return questions;
}

int eval_known(const char *section, const char *key)
{
	size_t i;

	for (i = 0; i < N_QUESTIONS; i++)
		if (!strcmp(questions[i].section, section) &&
		    (key == NULL || !strcmp(questions[i].key, key)))
			return 1;
	return 0;
}

const char *eval_path(const struct eval_question *q, char buf[64])
{
	snprintf(buf, 64, "%s%s%s", q->section, *q->key ? "." : "", q->key);
	return buf;
}

int eval_check_answer(const struct eval_question *q, const char *text, size_t len, struct err *e)
{
	char path[64];
	int rc;

	if (!text && q->optional)
		return 0;
	eval_path(q, path);
	if (!text)
		rc = err_fail(e, ERR_INVALID, path, MSG_E_ANSWER_MISSING);
	else if (!q->optional && !*text)
		rc = err_fail(e, ERR_INVALID, path, MSG_E_ANSWER_EMPTY);
	else if (len > EVAL_ANSWER_MAX)
		rc = err_fail(e, ERR_TOO_LARGE, path, MSG_E_ANSWER_TOO_LONG, EVAL_ANSWER_MAX);
	else
		return 0;
	err_prefix(e, "answers: %s", path);
	return rc;
}
