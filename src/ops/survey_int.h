/*
 * survey_int.h - what ops/survey.c shares with ops/survey_import.c: the survey's
 * services, the rules of one answer, the kept figures made again.
 */
#ifndef CDCF_OPS_SURVEY_INT_H
#define CDCF_OPS_SURVEY_INT_H

#include "core/framework.h"
#include "ops/ops_survey.h"
#include "store/store_survey.h"

/* The services of sv in framework order: indexes into fw->nodes (new array). */
int survey_services_of(const struct framework *fw, const struct survey *sv, int **out, size_t *n,
		       struct err *e);
/* Begin the action's transaction and find the survey (ended on failure). */
int survey_tx(struct store *st, const char *name, struct survey *sv, struct err *e);
/* Still open: not closed, the deadline not passed. */
int survey_open_for_answers(const struct survey *sv, struct err *e);
/* Check one input by the rules of portfolios into a (borrowing in's texts); *node (node
 * may be NULL) is the asked service's index in fw->nodes, -1 when it is not asked. */
int survey_check_input(const struct framework *fw, const int *svc, size_t n_svc,
		       const struct ops_survey_input *in, struct survey_answer *a, int *node,
		       struct err *e);
/*
 * The kept figures of sv counted from answers as they are written, instead of read back:
 * exact when the survey had no answer before and each response's answers are counted
 * together, each service once (what a bulk import checks before it keeps them). Start,
 * count each answer, keep (inside the caller's transaction), free.
 */
struct survey_figures;
int survey_figures_start(const struct survey *sv, struct survey_figures **out, struct err *e);
void survey_figures_count(struct survey_figures *sf, const struct survey_answer *a);
int survey_figures_keep(struct store *st, const struct survey *sv, struct survey_figures *sf,
			struct err *e);
void survey_figures_free(struct survey_figures *sf);
/* Rebuild the kept figures of sv from its answers (inside the caller's transaction). */
int survey_keep_figures(struct store *st, const struct survey *sv, const struct framework *fw,
			struct err *e);

#endif
