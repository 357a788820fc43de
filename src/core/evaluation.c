#include "core/evaluation.h"

#include <stdio.h>
#include <string.h>

static const struct eval_question questions[] = {
    {"catalogue", "appropriate",
     "Were the selected services and their recommendation levels appropriate?",
     "選択したサービスとその推奨レベルは適切でしたか？", 0},
    {"catalogue", "environment",
     "Do they still fit after changes in the business, threats and laws?",
     "事業・脅威・法令の変化を踏まえても、なお適切ですか？", 0},
    {"profile", "assignments",
     "Keep each assignment, or reassign it (in-house or outsourced, another team or provider)?",
     "各サービスの割り当てを維持しますか、それとも見直しますか（インソース/"
     "アウトソース、別のチームや委託先）？",
     0},
    {"portfolio", "scores", "How did each current score change?",
     "各サービスの現状スコアはどう変化しましたか？", 0},
    {"portfolio", "targets", "Did the target scores change?",
     "あるべき姿のスコアは変わりましたか？", 0},
    {"delegation", "", "Where a known problem cannot be changed, was authority delegated properly?",
     "既知の問題を変えられない場合、権限は適切に委譲されていましたか？", 1},
};

const struct eval_question *eval_questions(size_t *n)
{
	*n = sizeof(questions) / sizeof(questions[0]);
	return questions;
}

static int check_text(const json_t *v, const char *where, int optional, struct err *e)
{
	if (!v || json_is_null(v)) {
		if (optional)
			return 0;
		return err_set(e, ERR_INVALID, "answers: %s: missing answer", where);
	}
	if (!json_is_string(v))
		return err_set(e, ERR_INVALID, "answers: %s: must be text", where);
	if (!optional && !*json_string_value(v))
		return err_set(e, ERR_INVALID, "answers: %s: answer is empty", where);
	if (json_string_length(v) > EVAL_ANSWER_MAX)
		return err_set(e, ERR_TOO_LARGE, "answers: %s: longer than %d bytes", where,
			       EVAL_ANSWER_MAX);
	return 0;
}

static int known_key(const char *section, const char *key)
{
	size_t i;

	for (i = 0; i < sizeof(questions) / sizeof(questions[0]); i++)
		if (!strcmp(questions[i].section, section) &&
		    (key == NULL || !strcmp(questions[i].key, key)))
			return 1;
	return 0;
}

int eval_validate(const json_t *answers, struct err *e)
{
	const char *k;
	const json_t *v;
	size_t i;
	int rc;

	if (!json_is_object(answers))
		return err_set(e, ERR_INVALID, "answers: must be a JSON object");
	json_object_foreach ((json_t *)answers, k, v) {
		const char *k2;
		const json_t *v2;
		if (!known_key(k, NULL))
			return err_set(e, ERR_INVALID, "answers: unknown section '%s'", k);
		if (!strcmp(k, "delegation"))
			continue;
		if (!json_is_object(v))
			return err_set(e, ERR_INVALID, "answers: %s: must be an object", k);
		json_object_foreach ((json_t *)v, k2, v2) {
			if (!known_key(k, k2))
				return err_set(e, ERR_INVALID, "answers: unknown question '%s.%s'",
					       k, k2);
		}
	}
	for (i = 0; i < sizeof(questions) / sizeof(questions[0]); i++) {
		const struct eval_question *q = &questions[i];
		char where[64];
		if (!*q->key) {
			rc = check_text(json_object_get(answers, q->section), q->section,
					q->optional, e);
		} else {
			snprintf(where, sizeof(where), "%s.%s", q->section, q->key);
			rc = check_text(
			    json_object_get(json_object_get(answers, q->section), q->key), where,
			    q->optional, e);
		}
		if (rc)
			return rc;
	}
	return 0;
}
