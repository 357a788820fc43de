/*
 * survey.c - surveys across organizations (see ops_survey.h).
 */
#include "ops/ops_survey.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/level.h"
#include "core/rules.h"
#include "io/csv_read.h"
#include "ops/ops_int.h"
#include "ops/survey_int.h"
#include "store/store_survey.h"
#include "util/hex.h"

#define REFS_MAX 2000

static json_t *jstr(const char *s)
{
	return s ? json_string(s) : json_null();
}

/* ---- the survey's services ---- */

static int is_service(const struct framework *fw, size_t i)
{
	return fw->nodes[i].assessable && fw->nodes[i].assessment == ASSESS_SERVICE &&
	       framework_part_of(fw, (int)i) < 0;
}

/* The services of sv in framework order: indexes into fw->nodes. */
int survey_services_of(const struct framework *fw, const struct survey *sv, int **out, size_t *n,
		       struct err *e)
{
	json_t *list = sv->services ? json_loads(sv->services, 0, NULL) : NULL;
	size_t i, k = 0;

	*out = calloc(fw->n_nodes ? fw->n_nodes : 1, sizeof(int));
	if (!*out) {
		json_decref(list);
		return err_fail(e, ERR_NOMEM, NULL, MSG_E_NOMEM);
	}
	for (i = 0; i < fw->n_nodes; i++) {
		int want = is_service(fw, i);
		if (want && list) {
			size_t j;
			json_t *v;
			want = 0;
			json_array_foreach (list, j, v)
				if (json_is_string(v) &&
				    !strcmp(json_string_value(v), fw->nodes[i].ref_id))
					want = 1;
		}
		if (want)
			(*out)[k++] = (int)i;
	}
	json_decref(list);
	*n = k;
	return 0;
}

static int in_survey(const struct framework *fw, const int *svc, size_t n, const char *ref)
{
	int node = framework_find(fw, ref); /* the framework's index, not a walk of names */

	for (size_t i = 0; node >= 0 && i < n; i++)
		if (svc[i] == node)
			return node;
	return -1;
}

/* "A-1,B-2" -> a JSON list of services of fw, each checked. */
static int parse_services(const struct framework *fw, const char *text, char **json, struct err *e)
{
	json_t *list = json_array();
	const char *p = text;
	int rc = 0;

	while (!rc && *p) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		char ref[128];
		int i;
		if (len == 0 || len >= sizeof(ref)) {
			rc = err_fail(e, ERR_INVALID, "services", MSG_E_SURVEY_SERVICES);
			break;
		}
		memcpy(ref, p, len);
		ref[len] = '\0';
		i = rule_service(fw, ref, e);
		if (i < 0)
			rc = ops_field(e, i, "services");
		else if (!is_service(fw, (size_t)i))
			rc = err_fail(e, ERR_INVALID, "services", MSG_E_SURVEY_NOT_SERVICE, ref);
		else
			json_array_append_new(list, json_string(ref));
		p = end ? end + 1 : p + len;
	}
	if (!rc && json_array_size(list) == 0)
		rc = err_fail(e, ERR_INVALID, "services", MSG_E_SURVEY_SERVICES);
	if (!rc)
		*json = json_dumps(list, JSON_COMPACT);
	json_decref(list);
	return rc;
}

/* ---- the campaign ---- */

int ops_survey_new(struct store *st, const struct ops_survey_spec *v, long long *id_out,
		   struct err *e)
{
	const struct framework *fw;
	struct survey sv = {0};
	char *services = NULL;
	long long id;
	int rc, k = OPS_SURVEY_MIN_GROUP;

	rc = ops_framework(v->framework, &fw, e);
	if (rc)
		return rc;
	if (v->min_group) {
		char *end;
		long x = strtol(v->min_group, &end, 10);
		if (!*v->min_group || *end || x < 1 || x > 1000)
			return err_fail(e, ERR_INVALID, "min_group", MSG_E_SURVEY_MIN_GROUP,
					v->min_group);
		k = (int)x;
	}
	if (v->services) {
		rc = parse_services(fw, v->services, &services, e);
		if (rc)
			return rc;
	}
	sv.name = (char *)v->name;
	sv.framework_id = fw->id;
	sv.services = services;
	sv.deadline = (char *)v->deadline;
	sv.min_group = k;
	rc = ops_tx_begin(st, e);
	if (!rc) {
		int rc2 = store_survey_create(st, &sv, &id, e);
		sv.id = id;
		if (!rc2)
			rc2 = survey_keep_figures(st, &sv, fw, e);
		rc = ops_tx_end(st, rc2, e);
	}
	if (!rc && id_out)
		*id_out = id;
	free(services);
	return rc;
}

/* Begin the action's transaction and find the survey. */
int survey_tx(struct store *st, const char *name, struct survey *sv, struct err *e)
{
	int rc = ops_tx_begin(st, e);

	if (rc)
		return rc;
	rc = store_survey_find(st, name, sv, e);
	if (rc)
		return ops_tx_end(st, rc, e);
	return 0;
}

int ops_survey_invite(struct store *st, const char *name, const char *const *orgs, size_t n,
		      size_t *added, struct err *e)
{
	struct survey sv;
	size_t i;
	int rc, one;

	if (added)
		*added = 0;
	if (n == 0)
		return err_fail(e, ERR_INVALID, "organization", MSG_E_SURVEY_NO_ORGS);
	rc = survey_tx(st, name, &sv, e);
	if (rc)
		return rc;
	for (i = 0; !rc && i < n; i++) {
		struct org o;
		rc = ops_field(e, store_org_find(st, orgs[i], &o, e), "organization");
		if (rc)
			break;
		rc = store_survey_invite(st, &sv, o.id, o.name, &one, e);
		if (!rc && added)
			*added += (size_t)one;
		org_release(&o);
	}
	survey_release(&sv);
	return ops_tx_end(st, rc, e);
}

static void token_hash(const char *token, char hex[2 * crypto_generichash_BYTES + 1])
{
	unsigned char h[crypto_generichash_BYTES];

	crypto_generichash(h, sizeof(h), (const unsigned char *)token, strlen(token), NULL, 0);
	hex_encode(h, sizeof(h), hex);
}

int ops_survey_links(struct store *st, const char *name, size_t count, char **tokens, struct err *e)
{
	struct survey sv;
	char *all;
	size_t i;
	int rc;

	*tokens = NULL;
	if (count < 1 || count > OPS_SURVEY_LINKS_MAX)
		return err_fail(e, ERR_INVALID, "count", MSG_E_SURVEY_COUNT,
				(size_t)OPS_SURVEY_LINKS_MAX);
	if (sodium_init() < 0)
		return err_fail(e, ERR_INTERNAL, NULL, MSG_E_SURVEY_RANDOM);
	all = calloc(count, OPS_SURVEY_TOKEN_LEN + 1);
	if (!all)
		return err_fail(e, ERR_NOMEM, NULL, MSG_E_NOMEM);
	rc = survey_tx(st, name, &sv, e);
	if (rc) {
		free(all);
		return rc;
	}
	if (sv.closed_at)
		rc = err_fail(e, ERR_CONFLICT, "survey", MSG_E_SURVEY_CLOSED, sv.name);
	for (i = 0; !rc && i < count; i++) {
		unsigned char raw[OPS_SURVEY_TOKEN_BYTES];
		char *tok = all + i * (OPS_SURVEY_TOKEN_LEN + 1),
		     hash[2 * crypto_generichash_BYTES + 1];
		randombytes_buf(raw, sizeof(raw));
		hex_encode(raw, sizeof(raw), tok);
		token_hash(tok, hash);
		rc = store_survey_token_add(st, sv.id, hash, NULL, e);
	}
	if (!rc)
		rc = store_survey_links_done(st, &sv, count, e);
	survey_release(&sv);
	rc = ops_tx_end(st, rc, e);
	if (rc)
		free(all);
	else
		*tokens = all;
	return rc;
}

int ops_survey_close(struct store *st, const char *name, struct err *e)
{
	struct survey sv;
	int rc = survey_tx(st, name, &sv, e);

	if (rc)
		return rc;
	rc = sv.closed_at ? 0 : store_survey_close(st, &sv, e);
	survey_release(&sv);
	return ops_tx_end(st, rc, e);
}

/* ---- answers ---- */

/* Still open: not closed, the deadline (a day, inclusive) not passed. */
int survey_open_for_answers(const struct survey *sv, struct err *e)
{
	char now[32];

	if (sv->closed_at)
		return err_fail(e, ERR_CONFLICT, "survey", MSG_E_SURVEY_CLOSED, sv->name);
	store_now(now);
	if (sv->deadline && strncmp(now, sv->deadline, 10) > 0)
		return err_fail(e, ERR_CONFLICT, "survey", MSG_E_SURVEY_PAST_DEADLINE, sv->name,
				sv->deadline);
	return 0;
}

/* Check one input by the rules of portfolios into a (borrowing in's texts). */
int survey_check_input(const struct framework *fw, const int *svc, size_t n_svc,
		       const struct ops_survey_input *in, struct survey_answer *a, int *node,
		       struct err *e)
{
	const char *ref = in->ref ? in->ref : "";
	int lv, as = -1, at;

	memset(a, 0, sizeof(*a));
	a->current = SCORE_NONE;
	at = in_survey(fw, svc, n_svc, ref);
	if (node)
		*node = at;
	if (at < 0)
		return err_fail(e, ERR_INVALID, "ref", MSG_E_SURVEY_NOT_ASKED, ref);
	a->ref = (char *)ref;
	if (!in->implemented || (strcmp(in->implemented, "yes") && strcmp(in->implemented, "no")))
		return err_fail(e, ERR_INVALID, "implemented", MSG_E_SURVEY_IMPLEMENTED, ref,
				in->implemented ? in->implemented : "");
	a->implemented = !strcmp(in->implemented, "yes");
	if (in->level && *in->level) {
		lv = level_parse(in->level);
		if (lv < 0)
			return err_fail(e, ERR_INVALID, "level", MSG_E_SURVEY_LEVEL, ref,
					in->level);
		int rc = ops_field(e, rule_level(fw, ref, lv, e), "level");
		if (rc)
			return rc;
		a->level = (char *)in->level;
	}
	if (in->assignment && *in->assignment) {
		as = assignment_parse(in->assignment);
		if (as != ASSIGN_INSOURCE && as != ASSIGN_OUTSOURCE && as != ASSIGN_HYBRID)
			return err_fail(e, ERR_INVALID, "assignment", MSG_E_SURVEY_ASSIGNMENT, ref,
					in->assignment);
		if (!a->implemented)
			return err_fail(e, ERR_INVALID, "assignment", MSG_E_SURVEY_NOT_DONE, ref);
		a->assignment = (char *)assignment_name((enum assignment)as);
	}
	if (in->current && *in->current) {
		enum side s = as == ASSIGN_OUTSOURCE ? SIDE_OUTSOURCE : SIDE_INSOURCE;
		int rc = rule_score_text(fw, s, ref, "current", in->current, &a->current, e);
		if (rc)
			return ops_field(e, rc, "current");
	}
	if (in->note && *in->note) {
		if (strlen(in->note) > OPS_SURVEY_NOTE_MAX)
			return err_fail(e, ERR_TOO_LARGE, "note", MSG_E_SURVEY_NOTE, ref,
					(size_t)OPS_SURVEY_NOTE_MAX);
		a->note = (char *)in->note;
	}
	return 0;
}

/* Check every input, then store the response and its answers (inside the transaction). */
static int put_answers(struct store *st, const struct survey *sv, long long org_id,
		       long long token_id, const char *respondent, const char *respondent_org,
		       const char *who, const struct ops_survey_input *in, size_t n, struct err *e)
{
	const struct framework *fw;
	struct survey_answer *a = NULL;
	int *svc = NULL, rc;
	size_t n_svc = 0, i;
	long long rid;

	if (n == 0)
		return err_fail(e, ERR_INVALID, "ref", MSG_E_SURVEY_NO_ANSWERS);
	if (n > REFS_MAX)
		return err_fail(e, ERR_TOO_LARGE, "ref", MSG_E_SURVEY_TOO_MANY, (size_t)REFS_MAX);
	rc = survey_open_for_answers(sv, e);
	if (!rc)
		rc = ops_framework(sv->framework_id, &fw, e);
	if (!rc)
		rc = survey_services_of(fw, sv, &svc, &n_svc, e);
	if (rc)
		return rc;
	a = calloc(n, sizeof(*a));
	if (!a)
		rc = err_fail(e, ERR_NOMEM, NULL, MSG_E_NOMEM);
	for (i = 0; !rc && i < n; i++)
		rc = survey_check_input(fw, svc, n_svc, &in[i], &a[i], NULL, e);
	if (!rc)
		rc = store_survey_response_put(st, sv, org_id, token_id, respondent, respondent_org,
					       who, &rid, e);
	for (i = 0; !rc && i < n; i++) {
		a[i].response_id = rid;
		rc = store_survey_answer_put(st, &a[i], e);
	}
	if (!rc && !sv->agg_kept)
		rc =
		    survey_keep_figures(st, sv, fw, e); /* a survey made before figures were kept */
	free(a);					/* the texts are borrowed */
	free(svc);
	return rc;
}

int ops_survey_answer(struct store *st, const char *name, const char *org, const char *respondent,
		      const struct ops_survey_input *in, size_t n, struct err *e)
{
	struct survey sv;
	struct org o;
	int rc = survey_tx(st, name, &sv, e);

	if (rc)
		return rc;
	rc = ops_field(e, store_org_find(st, org, &o, e), "organization");
	if (!rc) {
		rc = store_survey_invited(st, sv.id, o.id, e);
		if (rc == 0)
			rc = err_fail(e, ERR_DENIED, "organization", MSG_E_SURVEY_NOT_INVITED,
				      o.name, sv.name);
		else if (rc > 0) {
			size_t len = strlen(o.name) + 3;
			char *who = malloc(len);
			if (who)
				snprintf(who, len, "'%s'", o.name);
			rc = put_answers(st, &sv, o.id, 0, respondent, NULL, who ? who : o.name, in,
					 n, e);
			free(who);
		}
		org_release(&o);
	}
	survey_release(&sv);
	return ops_tx_end(st, rc, e);
}

/* The hash of a token as typed: ERR_NOT_FOUND for anything that cannot be one. */
static int link_hash(const char *token, char hex[2 * crypto_generichash_BYTES + 1], struct err *e)
{
	size_t i;

	if (!token || strlen(token) != OPS_SURVEY_TOKEN_LEN)
		return err_fail(e, ERR_NOT_FOUND, "token", MSG_E_SURVEY_BAD_LINK);
	for (i = 0; i < OPS_SURVEY_TOKEN_LEN; i++)
		if (hex_value((unsigned char)token[i]) < 0)
			return err_fail(e, ERR_NOT_FOUND, "token", MSG_E_SURVEY_BAD_LINK);
	token_hash(token, hex);
	return 0;
}

int ops_survey_link_find(struct store *st, const char *token, long long *survey,
			 long long *response, struct err *e)
{
	char hash[2 * crypto_generichash_BYTES + 1];
	long long tid;
	int rc = link_hash(token, hash, e);

	if (!rc)
		rc = store_survey_token_find(st, hash, &tid, survey, response, e);
	return rc;
}

int ops_survey_answer_link(struct store *st, const char *token, const char *respondent,
			   const char *respondent_org, const struct ops_survey_input *in, size_t n,
			   struct err *e)
{
	char hash[2 * crypto_generichash_BYTES + 1];
	struct survey sv = {0};
	long long tid, sid, rid;
	int rc = link_hash(token, hash, e);

	if (rc)
		return rc;
	rc = ops_tx_begin(st, e);
	if (rc)
		return rc;
	rc = store_survey_token_find(st, hash, &tid, &sid, &rid, e);
	if (!rc)
		rc = store_survey_get(st, sid, &sv, e);
	if (!rc) {
		char who[48];
		snprintf(who, sizeof(who), "link %lld", tid);
		rc = put_answers(st, &sv, 0, tid, respondent, respondent_org, who, in, n, e);
	}
	survey_release(&sv);
	return ops_tx_end(st, rc, e);
}

/* ---- reading ---- */

int ops_survey_status(struct store *st, const char *name, const char *after, json_t **out,
		      struct err *e)
{
	struct survey sv;
	struct survey_invite *inv = NULL;
	size_t n = 0, i;
	long long links = 0, used = 0, responses = 0, total = 0;
	json_t *list;
	int rc;

	*out = NULL;
	rc = store_survey_find(st, name, &sv, e);
	if (rc)
		return rc;
	/* one more than a page: is there a next one? */
	rc = store_survey_invites(st, sv.id, after, OPS_SURVEY_PAGE + 1, &inv, &n, &total, e);
	if (!rc)
		rc = store_survey_counts(st, sv.id, &links, &used, &responses, e);
	if (!rc) {
		size_t shown = n > OPS_SURVEY_PAGE ? OPS_SURVEY_PAGE : n;
		list = json_array();
		for (i = 0; i < shown; i++)
			json_array_append_new(list, json_pack("{s:s, s:o}", "organization",
							      inv[i].org_name, "answered_at",
							      jstr(inv[i].answered_at)));
		*out =
		    json_pack("{s:s, s:s, s:o, s:b, s:i, s:o, s:I, s:o, s:I, s:I, s:I}", "name",
			      sv.name, "framework", sv.framework_id, "deadline", jstr(sv.deadline),
			      "closed", sv.closed_at != NULL, "min_group", sv.min_group, "invited",
			      list, "invited_total", (json_int_t)total, "next",
			      n > shown ? json_string(inv[shown - 1].org_name) : json_null(),
			      "responses", (json_int_t)responses, "links", (json_int_t)links,
			      "links_used", (json_int_t)used);
	}
	survey_invites_free(inv, n);
	survey_release(&sv);
	return rc;
}

/* ---- aggregates ---- */

struct agg {
	long long responses;
	long long last;	   /* the response counted last (answers come by response) */
	long long answers; /* a category's or the overall: one per response and service */
	long long implemented;
	long long level[LEVEL_COUNT];
	long long assignment[ASSIGN_COUNT];
	long long scored, na;
	double sum;
	long long dist[101];
};

static void agg_add(struct agg *g, const struct survey_answer *a)
{
	int lv = a->level ? level_parse(a->level) : -1;
	int as = a->assignment ? assignment_parse(a->assignment) : -1;

	if (g->last != a->response_id) {
		g->responses++;
		g->last = a->response_id;
	}
	g->answers++;
	g->implemented += a->implemented;
	if (lv >= 0)
		g->level[lv]++;
	if (as >= 0)
		g->assignment[as]++;
	if (a->current == SCORE_NA)
		g->na++;
	else if (a->current >= 0 && a->current <= 100) {
		g->scored++;
		g->sum += a->current;
		g->dist[a->current]++;
	}
}

static double share(long long part, long long whole)
{
	return whole ? (double)(long long)((double)part * 1000.0 / (double)whole + 0.5) / 1000.0
		     : 0.0;
}

static double mean(const struct agg *g)
{
	return (double)(long long)(g->sum * 100.0 / (double)g->scored + 0.5) / 100.0;
}

/* The figures of g, or only its count when fewer than k responses stand behind it. */
static json_t *agg_json(const struct agg *g, int k, int suppress_all)
{
	json_t *o = json_pack("{s:I}", "responses", (json_int_t)g->responses), *lv, *as, *sc;
	long long answers = 0;
	int i;

	if (suppress_all || g->responses < k) {
		json_object_set_new(o, "suppressed", json_true());
		return o;
	}
	json_object_set_new(o, "suppressed", json_false());
	lv = json_object();
	for (i = 0; i < LEVEL_COUNT; i++)
		if (g->level[i])
			json_object_set_new(lv, level_name((enum level)i),
					    json_integer(g->level[i]));
	as = json_object();
	for (i = ASSIGN_INSOURCE; i < ASSIGN_COUNT; i++)
		answers += g->assignment[i];
	for (i = ASSIGN_INSOURCE; i < ASSIGN_COUNT; i++)
		json_object_set_new(as, assignment_name((enum assignment)i),
				    json_real(share(g->assignment[i], answers)));
	sc = json_object();
	for (i = 0; i <= 100; i++)
		if (g->dist[i]) {
			char key[8];
			snprintf(key, sizeof(key), "%d", i);
			json_object_set_new(sc, key, json_integer(g->dist[i]));
		}
	if (g->na)
		json_object_set_new(sc, "n/a", json_integer(g->na));
	json_object_set_new(o, "answers", json_integer(g->answers));
	json_object_set_new(o, "implementing", json_real(share(g->implemented, g->answers)));
	json_object_set_new(o, "levels", lv);
	json_object_set_new(o, "assignment", as);
	json_object_set_new(o, "scores", sc);
	json_object_set_new(o, "mean_score", g->scored ? json_real(mean(g)) : json_null());
	return o;
}

static json_t *answer_json(const struct survey_answer *a)
{
	char buf[16];

	return json_pack(
	    "{s:s, s:b, s:o, s:o, s:o, s:o}", "ref", a->ref, "implemented", a->implemented, "level",
	    jstr(a->level), "assignment", jstr(a->assignment), "current",
	    a->current == SCORE_NONE ? json_null() : json_string(rule_score_str(a->current, buf)),
	    "note", jstr(a->note));
}

int ops_survey_response_answers(struct store *st, long long response, json_t **out, struct err *e)
{
	struct survey_answer *a = NULL;
	size_t n = 0, i;
	int rc = store_survey_answers(st, 0, response, &a, &n, e);

	*out = NULL;
	if (rc)
		return rc;
	*out = json_array();
	for (i = 0; i < n; i++)
		json_array_append_new(*out, answer_json(&a[i]));
	survey_answers_free(a, n);
	return 0;
}

/* Where response stands against the aggregate, service by service. */
static json_t *position_json(const struct framework *fw, const struct survey_answer *a, size_t n,
			     long long response, const int *node_k, const struct agg *svc, int k,
			     int suppress_all)
{
	json_t *list = json_array();
	size_t i;

	for (i = 0; i < n; i++) {
		const struct agg *g;
		json_t *o;
		int node;
		if (a[i].response_id != response)
			continue;
		node = framework_find(fw, a[i].ref);
		if (node < 0 || node_k[node] < 0)
			continue;
		g = &svc[node_k[node]];
		o = answer_json(&a[i]);
		json_object_del(o, "note");
		if (suppress_all || g->responses < k) {
			json_object_set_new(o, "suppressed", json_true());
		} else {
			json_object_set_new(o, "suppressed", json_false());
			json_object_set_new(o, "implementing",
					    json_real(share(g->implemented, g->answers)));
			json_object_set_new(o, "mean_score",
					    g->scored ? json_real(mean(g)) : json_null());
			if (g->scored && a[i].current >= 0)
				json_object_set_new(
				    o, "against_mean",
				    json_real(
					(double)(long long)((a[i].current - mean(g)) * 100.0 +
							    (a[i].current >= mean(g) ? 0.5
										     : -0.5)) /
					100.0));
		}
		json_array_append_new(list, o);
	}
	return list;
}

/* A survey's aggregates: per asked service (svc, in survey order), per category (cat,
 * by framework node) and overall. */
struct figures {
	const struct framework *fw;
	int *list, *node_k; /* asked services (nodes); node -> index in list or -1 */
	size_t n_list;
	struct agg *svc, *cat, all;
};

static void figures_release(struct figures *f)
{
	free(f->list);
	free(f->node_k);
	free(f->svc);
	free(f->cat);
	memset(f, 0, sizeof(*f));
}

static int figures_init(const struct survey *sv, struct figures *f, struct err *e)
{
	int rc;
	size_t i;

	memset(f, 0, sizeof(*f));
	rc = ops_framework(sv->framework_id, &f->fw, e);
	if (!rc)
		rc = survey_services_of(f->fw, sv, &f->list, &f->n_list, e);
	if (rc)
		return rc;
	f->svc = calloc(f->n_list ? f->n_list : 1, sizeof(*f->svc));
	f->cat = calloc(f->fw->n_nodes ? f->fw->n_nodes : 1, sizeof(*f->cat));
	f->node_k = malloc((f->fw->n_nodes ? f->fw->n_nodes : 1) * sizeof(int));
	if (!f->svc || !f->cat || !f->node_k) {
		figures_release(f);
		return err_fail(e, ERR_NOMEM, NULL, MSG_E_NOMEM);
	}
	for (i = 0; i < f->fw->n_nodes; i++)
		f->node_k[i] = -1;
	for (i = 0; i < f->n_list; i++)
		f->node_k[f->list[i]] = (int)i;
	return 0;
}

/* The asked service of ref: its node, -1 when not asked. */
static int asked(const struct figures *f, const char *ref)
{
	int node = framework_find(f->fw, ref);

	return node < 0 || f->node_k[node] < 0 ? -1 : node;
}

/* The reference: every answer of the survey read and counted (what the kept figures must
 * equal; `cdcf survey stats --check` compares them). */
static int count_answer(void *ctx, const struct survey_answer *a)
{
	struct figures *f = ctx;
	int node = asked(f, a->ref), c;

	if (node < 0)
		return 0; /* no longer asked */
	agg_add(&f->svc[f->node_k[node]], a);
	c = framework_category_of(f->fw, node);
	if (c >= 0)
		agg_add(&f->cat[c], a);
	agg_add(&f->all, a);
	return 0;
}

static int figures_from_answers(struct store *st, const struct survey *sv, struct figures *f,
				struct err *e)
{
	/* one pass by response: agg_add counts a response once per category */
	return store_survey_answers_each(st, sv->id, count_answer, f, e);
}

/* The kept rows of f (made from the answers) into the store: per asked service its row and
 * its counts, per category and overall the responses. */
static int figures_put(struct store *st, const struct survey *sv, const struct figures *f,
		       struct err *e)
{
	struct survey_kept *rows = calloc(f->n_list + 1, sizeof(*rows));
	struct survey_kept_count *counts = NULL;
	struct survey_kept_group *groups = calloc(f->fw->n_nodes + 1, sizeof(*groups));
	size_t n_counts = 0, cap = 0, n_groups = 0, i;
	char(*values)[8] = NULL; /* the scores' texts, one per count */
	int rc = 0, k;

	if (!rows || !groups)
		rc = err_fail(e, ERR_NOMEM, NULL, MSG_E_NOMEM);
	for (i = 0; !rc && i < f->n_list; i++) {
		const struct agg *g = &f->svc[i];
		int node = f->list[i], c = framework_category_of(f->fw, node);
		rows[i].ref = f->fw->nodes[node].ref_id;
		rows[i].category = c >= 0 ? f->fw->nodes[c].ref_id : NULL;
		rows[i].answers = g->answers;
		rows[i].implemented = g->implemented;
		rows[i].scored = g->scored;
		rows[i].na = g->na;
		rows[i].score_sum = (long long)g->sum;
		for (k = 0; k < LEVEL_COUNT + ASSIGN_COUNT + 101; k++) {
			long long n = k < LEVEL_COUNT ? g->level[k]
				      : k < LEVEL_COUNT + ASSIGN_COUNT
					  ? g->assignment[k - LEVEL_COUNT]
					  : g->dist[k - LEVEL_COUNT - ASSIGN_COUNT];
			struct survey_kept_count *ct;
			if (!n)
				continue;
			if (n_counts == cap) {
				size_t want = cap ? 2 * cap : 256;
				void *nc = realloc(counts, want * sizeof(*counts)),
				     *nv = realloc(values, want * sizeof(*values));
				if (nc)
					counts = nc;
				if (nv)
					values = nv;
				if (!nc || !nv) {
					rc = err_fail(e, ERR_NOMEM, NULL, MSG_E_NOMEM);
					break;
				}
				cap = want;
			}
			ct = &counts[n_counts];
			ct->ref = rows[i].ref;
			ct->n = n;
			if (k < LEVEL_COUNT) {
				ct->kind = "level";
				ct->value = (char *)level_name((enum level)k);
			} else if (k < LEVEL_COUNT + ASSIGN_COUNT) {
				ct->kind = "assignment";
				ct->value =
				    (char *)assignment_name((enum assignment)(k - LEVEL_COUNT));
			} else {
				ct->kind = "score";
				snprintf(values[n_counts], sizeof(values[n_counts]), "%d",
					 k - LEVEL_COUNT - ASSIGN_COUNT);
				ct->value = NULL; /* set below: values may still move */
			}
			n_counts++;
		}
	}
	for (i = 0; !rc && i < n_counts; i++)
		if (!counts[i].value)
			counts[i].value = values[i];
	if (!rc && f->all.responses)
		groups[n_groups++] = (struct survey_kept_group){"", f->all.responses};
	for (i = 0; !rc && i < f->fw->n_nodes; i++)
		if (f->cat[i].responses)
			groups[n_groups++] =
			    (struct survey_kept_group){f->fw->nodes[i].ref_id, f->cat[i].responses};
	if (!rc)
		rc = store_survey_agg_put(st, sv->id, rows, f->n_list, counts, n_counts, groups,
					  n_groups, e);
	free(rows);
	free(counts);
	free(values);
	free(groups);
	return rc;
}

/* The figures of answers counted as an import writes them (survey_int.h). */
struct survey_figures {
	struct figures f;
};

int survey_figures_start(const struct survey *sv, struct survey_figures **out, struct err *e)
{
	int rc;

	*out = calloc(1, sizeof(**out));
	if (!*out)
		return err_fail(e, ERR_NOMEM, NULL, MSG_E_NOMEM);
	rc = figures_init(sv, &(*out)->f, e);
	if (rc) {
		free(*out);
		*out = NULL;
	}
	return rc;
}

void survey_figures_count(struct survey_figures *sf, const struct survey_answer *a)
{
	(void)count_answer(&sf->f, a);
}

int survey_figures_keep(struct store *st, const struct survey *sv, struct survey_figures *sf,
			struct err *e)
{
	return figures_put(st, sv, &sf->f, e);
}

void survey_figures_free(struct survey_figures *sf)
{
	if (!sf)
		return;
	figures_release(&sf->f);
	free(sf);
}

int survey_keep_figures(struct store *st, const struct survey *sv, const struct framework *fw,
			struct err *e)
{
	struct figures f;
	int rc;

	(void)fw; /* the survey's, as figures_init finds it */
	rc = figures_init(sv, &f, e);
	if (rc)
		return rc;
	rc = figures_from_answers(st, sv, &f, e);
	if (!rc)
		rc = figures_put(st, sv, &f, e);
	figures_release(&f);
	return rc;
}

static void kept_into(struct agg *g, const struct survey_kept *k)
{
	g->answers += k->answers;
	g->implemented += k->implemented;
	g->scored += k->scored;
	g->na += k->na;
	g->sum += (double)k->score_sum;
}

static void count_into(struct agg *g, const struct survey_kept_count *c)
{
	if (!strcmp(c->kind, "level")) {
		int lv = level_parse(c->value);
		if (lv >= 0)
			g->level[lv] += c->n;
	} else if (!strcmp(c->kind, "assignment")) {
		int as = assignment_parse(c->value);
		if (as >= 0)
			g->assignment[as] += c->n;
	} else if (!strcmp(c->kind, "score")) {
		long x = strtol(c->value, NULL, 10);
		if (x >= 0 && x <= 100)
			g->dist[x] += c->n;
	}
}

/* The kept figures: a few rows per asked service, whatever the number of responses. */
static int figures_kept(struct store *st, const struct survey *sv, struct figures *f, struct err *e)
{
	struct survey_kept *k = NULL;
	struct survey_kept_count *c = NULL;
	struct survey_kept_group *g = NULL;
	size_t nk = 0, nc = 0, ng = 0, i;
	int rc = store_survey_agg_read(st, sv->id, &k, &nk, &c, &nc, &g, &ng, e);

	for (i = 0; !rc && i < nk; i++) {
		int node = asked(f, k[i].ref), cat;
		struct agg *s;
		if (node < 0)
			continue;
		s = &f->svc[f->node_k[node]];
		kept_into(s, &k[i]);
		s->responses = s->answers; /* one answer per response and service */
		cat = framework_category_of(f->fw, node);
		if (cat >= 0)
			kept_into(&f->cat[cat], &k[i]);
		kept_into(&f->all, &k[i]);
	}
	for (i = 0; !rc && i < nc; i++) {
		int node = asked(f, c[i].ref), cat;
		if (node < 0)
			continue;
		count_into(&f->svc[f->node_k[node]], &c[i]);
		cat = framework_category_of(f->fw, node);
		if (cat >= 0)
			count_into(&f->cat[cat], &c[i]);
		count_into(&f->all, &c[i]);
	}
	for (i = 0; !rc && i < ng; i++) {
		int node;
		if (!g[i].grp[0]) {
			f->all.responses = g[i].responses;
			continue;
		}
		node = framework_find(f->fw, g[i].grp);
		if (node >= 0)
			f->cat[node].responses = g[i].responses;
	}
	survey_kept_free(k, nk);
	survey_kept_counts_free(c, nc);
	survey_kept_groups_free(g, ng);
	return rc;
}

/* The first figure where a and b differ into *what ("A-1 implemented: kept 3, answers 4"),
 * or 0 when none. */
static int agg_differ(const struct agg *a, const struct agg *b, const char *where, char *what,
		      size_t size)
{
#define DIFF(name, x, y)                                                                           \
	do {                                                                                       \
		if ((x) != (y)) {                                                                  \
			snprintf(what, size, "%s %s: kept %lld, answers %lld", where, name,        \
				 (long long)(x), (long long)(y));                                  \
			return 1;                                                                  \
		}                                                                                  \
	} while (0)
	int i;

	DIFF("responses", a->responses, b->responses);
	DIFF("answers", a->answers, b->answers);
	DIFF("implemented", a->implemented, b->implemented);
	for (i = 0; i < LEVEL_COUNT; i++)
		DIFF(level_name((enum level)i), a->level[i], b->level[i]);
	for (i = 0; i < ASSIGN_COUNT; i++)
		DIFF(assignment_name((enum assignment)i), a->assignment[i], b->assignment[i]);
	DIFF("scored", a->scored, b->scored);
	DIFF("n/a", a->na, b->na);
	DIFF("sum of scores", (long long)a->sum, (long long)b->sum);
	for (i = 0; i <= 100; i++)
		if (a->dist[i] != b->dist[i]) {
			snprintf(what, size, "%s score %d: kept %lld, answers %lld", where, i,
				 a->dist[i], b->dist[i]);
			return 1;
		}
#undef DIFF
	return 0;
}

static int figures_differ(const struct figures *kept, const struct figures *ref, char *what,
			  size_t size)
{
	size_t i;

	for (i = 0; i < kept->n_list; i++)
		if (agg_differ(&kept->svc[i], &ref->svc[i], kept->fw->nodes[kept->list[i]].ref_id,
			       what, size))
			return 1;
	for (i = 0; i < kept->fw->n_nodes; i++)
		if (agg_differ(&kept->cat[i], &ref->cat[i], kept->fw->nodes[i].ref_id, what, size))
			return 1;
	return agg_differ(&kept->all, &ref->all, "overall", what, size);
}

int ops_survey_check(struct store *st, const char *name, int rebuild, char **diff, struct err *e)
{
	struct survey sv;
	struct figures kept, ref;
	char what[256];
	int rc;

	*diff = NULL;
	rc = rebuild ? survey_tx(st, name, &sv, e) : store_survey_find(st, name, &sv, e);
	if (rc)
		return rc;
	if (rebuild) {
		const struct framework *fw;
		rc = ops_framework(sv.framework_id, &fw, e);
		if (!rc)
			rc = survey_keep_figures(st, &sv, fw, e);
		rc = ops_tx_end(st, rc, e);
		if (!rc)
			sv.agg_kept = 1;
	}
	if (!rc && !sv.agg_kept) {
		*diff = strdup("figures not kept yet (--rebuild keeps them)");
		goto out;
	}
	if (!rc)
		rc = figures_init(&sv, &kept, e);
	if (rc)
		goto out;
	rc = figures_init(&sv, &ref, e);
	if (!rc)
		rc = figures_kept(st, &sv, &kept, e);
	if (!rc)
		rc = figures_from_answers(st, &sv, &ref, e);
	if (!rc && figures_differ(&kept, &ref, what, sizeof(what)))
		*diff = strdup(what);
	figures_release(&kept);
	figures_release(&ref);
out:
	survey_release(&sv);
	return rc;
}

int ops_survey_results(struct store *st, const char *name, long long response, const char *lang,
		       json_t **out, struct err *e)
{
	const struct framework *fw;
	struct survey sv;
	struct survey_answer *a = NULL;
	struct figures f = {0};
	int rc, suppress_all;
	size_t n = 0, i;
	long long links, used, responses = 0;
	json_t *services, *cats;

	*out = NULL;
	rc = store_survey_find(st, name, &sv, e);
	if (rc)
		return rc;
	rc = figures_init(&sv, &f, e);
	if (rc)
		goto out;
	fw = f.fw;
	rc = store_survey_counts(st, sv.id, &links, &used, &responses, e);
	if (!rc)
		rc = sv.agg_kept ? figures_kept(st, &sv, &f, e)
				 : figures_from_answers(st, &sv, &f, e);
	if (!rc && response > 0)
		rc = store_survey_answers(st, sv.id, response, &a, &n, e);
	if (rc)
		goto out;
	suppress_all = responses < sv.min_group;
	services = json_array();
	for (i = 0; i < f.n_list; i++) {
		const struct fw_node *nd = &fw->nodes[f.list[i]];
		int c = framework_category_of(fw, f.list[i]);
		json_t *o = agg_json(&f.svc[i], sv.min_group, suppress_all);
		json_object_set_new(o, "ref", json_string(nd->ref_id));
		json_object_set_new(o, "name", json_string(fw_node_name(nd, lang)));
		json_object_set_new(o, "category",
				    c >= 0 ? json_string(fw->nodes[c].ref_id) : json_null());
		json_array_append_new(services, o);
	}
	cats = json_array();
	for (i = 0; i < fw->n_nodes; i++) {
		json_t *o;
		if (!f.cat[i].responses)
			continue;
		o = agg_json(&f.cat[i], sv.min_group, suppress_all);
		json_object_set_new(o, "ref", json_string(fw->nodes[i].ref_id));
		json_object_set_new(o, "name", json_string(fw_node_name(&fw->nodes[i], lang)));
		json_array_append_new(cats, o);
	}
	*out =
	    json_pack("{s:s, s:s, s:i, s:I, s:b, s:o, s:o, s:o}", "survey", sv.name, "framework",
		      sv.framework_id, "min_group", sv.min_group, "responses",
		      (json_int_t)responses, "suppressed", suppress_all, "services", services,
		      "categories", cats, "overall", agg_json(&f.all, sv.min_group, suppress_all));
	if (response > 0)
		json_object_set_new(
		    *out, "position",
		    position_json(fw, a, n, response, f.node_k, f.svc, sv.min_group, suppress_all));
out:
	figures_release(&f);
	survey_answers_free(a, n);
	survey_release(&sv);
	return rc;
}

/* ---- a response into a portfolio ---- */

static int party(struct store *st, long long org_id, enum party_kind k, const char *name,
		 struct err *e)
{
	long long id;
	int rc = store_party_find(st, k, org_id, name, &id, e);

	if (rc == ERR_NOT_FOUND) {
		err_clear(e);
		rc = store_party_add(st, k, org_id, name, &id, e);
	}
	return rc;
}

static int answer_to_entry(struct store *st, const char *org, const char *fw_id,
			   const struct survey_answer *a, struct err *e)
{
	const char *level = a->level ? a->level : a->implemented ? "basic" : NULL;
	const char *ref = a->ref;
	char buf[16];
	int rc;

	if (!level || !strcmp(level, "not_required"))
		return level ? ops_select(st, org, fw_id, &ref, 1, level, e) : 0;
	rc = ops_select(st, org, fw_id, &ref, 1, level, e);
	if (rc || !a->assignment)
		return rc;
	rc = ops_assign(st, org, fw_id, ref, a->assignment, OPS_SURVEY_TEAM, OPS_SURVEY_PROVIDER,
			-1, NULL, e);
	if (rc || a->current == SCORE_NONE)
		return rc;
	return ops_score(st, org, fw_id, ref,
			 !strcmp(a->assignment, "outsource") ? "outsource" : "insource",
			 rule_score_str(a->current, buf), NULL, a->note, -1, NULL, e);
}

int ops_survey_to_portfolio(struct store *st, const char *name, const char *org, struct err *e)
{
	struct survey sv;
	struct survey_answer *a = NULL;
	struct org o = {0};
	size_t n = 0, i;
	long long rid = 0, pid;
	char *subject = NULL;
	int rc = survey_tx(st, name, &sv, e);

	if (rc)
		return rc;
	rc = ops_field(e, store_org_find(st, org, &o, e), "organization");
	if (!rc) {
		rc = store_survey_response_of_org(st, sv.id, o.id, &rid, e);
		if (rc == 0)
			rc = err_fail(e, ERR_NOT_FOUND, "organization", MSG_E_SURVEY_NO_RESPONSE,
				      o.name, sv.name);
		else if (rc > 0)
			rc = 0;
	}
	if (!rc)
		rc = store_survey_answers(st, sv.id, rid, &a, &n, e);
	if (!rc) {
		rc = store_portfolio_find(st, o.id, sv.framework_id, &pid, e);
		if (rc == ERR_NOT_FOUND) {
			err_clear(e);
			rc = ops_portfolio_new(st, o.name, sv.framework_id, NULL, e);
		}
	}
	if (!rc)
		rc = party(st, o.id, PARTY_TEAM, OPS_SURVEY_TEAM, e);
	if (!rc)
		rc = party(st, o.id, PARTY_PROVIDER, OPS_SURVEY_PROVIDER, e);
	for (i = 0; !rc && i < n; i++)
		rc = answer_to_entry(st, o.name, sv.framework_id, &a[i], e);
	if (!rc) {
		size_t len = strlen(sv.name) + strlen(o.name) + 40;
		subject = malloc(len);
		if (subject)
			snprintf(subject, len, "response of '%s' to survey '%s'", o.name, sv.name);
		rc = store_audit(st, o.id, "survey.portfolio", subject ? subject : sv.name, NULL,
				 NULL, e);
	}
	free(subject);
	survey_answers_free(a, n);
	org_release(&o);
	survey_release(&sv);
	return ops_tx_end(st, rc, e);
}

int ops_survey_org_response(struct store *st, const char *name, const char *org,
			    long long *response, struct err *e)
{
	struct survey sv;
	struct org o;
	int rc = store_survey_find(st, name, &sv, e);

	if (rc)
		return rc;
	rc = ops_field(e, store_org_find(st, org, &o, e), "organization");
	if (!rc) {
		rc = store_survey_response_of_org(st, sv.id, o.id, response, e);
		if (rc == 0)
			rc = err_fail(e, ERR_NOT_FOUND, "organization", MSG_E_SURVEY_NO_RESPONSE,
				      o.name, sv.name);
		else if (rc > 0)
			rc = 0;
		org_release(&o);
	}
	survey_release(&sv);
	return rc;
}

int ops_survey_describe(struct store *st, long long id, const char *lang, json_t **out,
			struct err *e)
{
	const struct framework *fw;
	struct survey sv;
	struct err tmp = ERR_INIT;
	int *list = NULL, rc;
	size_t n = 0, i;
	json_t *services;

	*out = NULL;
	rc = store_survey_get(st, id, &sv, e);
	if (rc)
		return rc;
	rc = ops_framework(sv.framework_id, &fw, e);
	if (!rc)
		rc = survey_services_of(fw, &sv, &list, &n, e);
	if (!rc) {
		services = json_array();
		for (i = 0; i < n; i++) {
			const struct fw_node *nd = &fw->nodes[list[i]];
			int c = framework_category_of(fw, list[i]);
			json_array_append_new(
			    services,
			    json_pack("{s:s, s:s, s:o}", "ref", nd->ref_id, "name",
				      fw_node_name(nd, lang), "category",
				      c >= 0 ? json_string(fw->nodes[c].ref_id) : json_null()));
		}
		char scale[SIDE_COUNT][32];
		for (i = 0; i < SIDE_COUNT; i++) {
			const struct rubric *r = framework_scale(fw, ASSESS_SERVICE, (enum side)i);
			if (r)
				snprintf(scale[i], sizeof(scale[i]), "%d-%d%s", r->min_score,
					 r->max_score, r->has_na ? ", n/a" : "");
			else
				scale[i][0] = '\0';
		}
		*out = json_pack("{s:I, s:s, s:s, s:o, s:b, s:b, s:i, s:o, s:{s:s, s:s}}", "id",
				 (json_int_t)sv.id, "name", sv.name, "framework", sv.framework_id,
				 "deadline", jstr(sv.deadline), "closed", sv.closed_at != NULL,
				 "open", survey_open_for_answers(&sv, &tmp) == 0, "min_group",
				 sv.min_group, "services", services, "scale", "insource",
				 scale[SIDE_INSOURCE], "outsource", scale[SIDE_OUTSOURCE]);
	}
	free(list);
	survey_release(&sv);
	return rc;
}

int ops_survey_read_csv(const char *data, size_t len, const char *name, struct csv_doc *doc,
			struct ops_survey_input **in, size_t *n, struct err *e)
{
	static const char *const cols[] = {"ref",	 "implemented", "level",
					   "assignment", "current",	"note"};
	int at[6] = {-1, -1, -1, -1, -1, -1};
	size_t i, j, k = 0;
	int rc;

	*in = NULL;
	*n = 0;
	rc = csv_read(data, len, name, REFS_MAX, doc, e);
	if (rc)
		return rc;
	if (doc->n == 0)
		return err_fail(e, ERR_INVALID, "file", MSG_E_SURVEY_CSV_COLUMNS, name);
	for (j = 0; j < doc->rows[0].n; j++)
		for (i = 0; i < 6; i++)
			if (!strcasecmp(doc->rows[0].f[j], cols[i]))
				at[i] = (int)j;
	if (at[0] < 0 || at[1] < 0)
		return err_fail(e, ERR_INVALID, "file", MSG_E_SURVEY_CSV_COLUMNS, name);
	*in = calloc(doc->n, sizeof(**in));
	if (!*in)
		return err_fail(e, ERR_NOMEM, NULL, MSG_E_NOMEM);
	for (i = 1; i < doc->n; i++) {
		const struct csv_row *r = &doc->rows[i];
		const char *v[6];
		for (j = 0; j < 6; j++)
			v[j] =
			    at[j] >= 0 && (size_t)at[j] < r->n && *r->f[at[j]] ? r->f[at[j]] : NULL;
		if (!v[1])
			continue; /* not answered */
		(*in)[k].ref = v[0];
		(*in)[k].implemented = v[1];
		(*in)[k].level = v[2];
		(*in)[k].assignment = v[3];
		(*in)[k].current = v[4];
		(*in)[k].note = v[5];
		k++;
	}
	*n = k;
	return 0;
}
