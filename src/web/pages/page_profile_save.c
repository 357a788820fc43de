/*
 * page_profile_save.c - POST of the profile page: read the one form of
 * rows, keep the rows whose assignment, team or provider differ from what
 * the row showed, check each against what is stored now (version, known
 * teams and providers) and apply them all with ops_assign in one
 * transaction, or none (see build_pages.h). A refused save shows the page
 * again with the user's input; a saved one answers 303 to the page.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/level.h"
#include "ops/ops.h"
#include "web/pages/build_pages.h"
#include "web/pages/page_profile_int.h"

/* "Outsourced (Z-MSSP)": the stored assignment as plain text (the notice escapes it). */
static const char *assignment_text(struct http_req *req, const struct build_page *bp,
				   const struct entry *en)
{
	struct buf b;
	const char *s;

	buf_init(&b, 4096);
	buf_addstr(&b, tr_assignment(bp->lang, en->assignment));
	if (en->team || en->provider)
		buf_printf(&b, "%s%s%s%s%s", tr(bp->lang, MSG_REPORT_PAREN_OPEN),
			   en->team ? en->team : "", en->team && en->provider ? " / " : "",
			   en->provider ? en->provider : "", tr(bp->lang, MSG_REPORT_PAREN_CLOSE));
	s = http_req_strdup(req, b.data);
	buf_release(&b);
	return s;
}

/* One changed row of the form. */
struct prof_change {
	const char *ref, *assignment, *team, *provider;
	long long version;
};

/* A localised row message "text" or "text: extra", and the English detail. */
static int seen(const struct prof_change *v, size_t n, const char *ref)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(v[i].ref, ref))
			return 1;
	return 0;
}

/*
 * The changed rows of the form, checked against what is stored now (call
 * inside the transaction, after build_reload): unknown services and stale
 * rows are refused in f. Returns the number of changed rows in *n.
 */
static struct prof_change *collect(struct http_req *req, const struct build_page *bp,
				   struct build_fail *f, size_t *n)
{
	const struct http_params *form = &req->form;
	struct prof_change *v = http_req_alloc(req, (form->n + 1) * sizeof(*v));
	char detail[512];
	size_t i;

	*n = 0;
	for (i = 0; i < form->n; i++) {
		const char *name = form->v[i].name, *ref, *ver, *t, *p;
		const struct entry *en;
		struct prof_change c;
		char *end = NULL;

		if (strncmp(name, "assignment:", 11))
			continue;
		ref = name + 11;
		if (seen(v, *n, ref) || build_fail_row(f, ref))
			continue;
		c.ref = ref;
		c.assignment = form->v[i].value;
		/* a row without a team or provider control keeps what it showed */
		t = prof_field(req, "team:", ref);
		p = prof_field(req, "provider:", ref);
		c.team = t ? t : prof_field(req, "was_team:", ref);
		c.provider = p ? p : prof_field(req, "was_provider:", ref);
		if (build_same(c.assignment, prof_field(req, "was_assignment:", ref)) &&
		    build_same(c.team, prof_field(req, "was_team:", ref)) &&
		    build_same(c.provider, prof_field(req, "was_provider:", ref)))
			continue; /* unchanged */
		en = portfolio_find(&bp->p, ref);
		if (!en || en->level == LEVEL_NOT_REQUIRED) {
			snprintf(detail, sizeof(detail),
				 "'%s' is not a selected service of this "
				 "portfolio",
				 ref);
			build_refuse(req, f, bp, 400, ref, MSG_WEB_BUILD_E_UNKNOWN_SERVICE, NULL,
				     detail);
			continue;
		}
		ver = prof_field(req, "version:", ref);
		c.version = ver && *ver ? strtoll(ver, &end, 10) : -1;
		if (!ver || !*ver || *end || c.version < 0) {
			snprintf(detail, sizeof(detail), "no valid 'version:%s' field", ref);
			build_refuse(req, f, bp, 400, ref, MSG_WEB_BUILD_E_NO_VERSION, NULL,
				     detail);
			continue;
		}
		if (c.version != en->version) {
			snprintf(detail, sizeof(detail),
				 "'%s' is at version %lld, the form had %lld", ref, en->version,
				 c.version);
			build_refuse(req, f, bp, 409, ref, MSG_WEB_BUILD_E_STALE,
				     assignment_text(req, bp, en), detail);
			continue;
		}
		v[(*n)++] = c;
	}
	return v;
}

/* What the page knows about a row before ops_assign sees it. */
static void validate(struct http_req *req, const struct build_page *bp,
		     const struct prof_parties *ps, const struct prof_change *c,
		     struct build_fail *f)
{
	int a = assignment_parse(c->assignment);
	int team = a == ASSIGN_INSOURCE || a == ASSIGN_HYBRID;
	int provider = a == ASSIGN_OUTSOURCE || a == ASSIGN_HYBRID;
	char detail[512];

	if (a < 0) {
		snprintf(detail, sizeof(detail), "unknown assignment '%.64s' for '%s'",
			 c->assignment, c->ref);
		build_refuse(req, f, bp, 400, c->ref, MSG_WEB_BUILD_E_BAD_ASSIGNMENT, NULL, detail);
	} else if (team && !(c->team && *c->team)) {
		snprintf(detail, sizeof(detail), "assigning '%s' in-house needs a team", c->ref);
		build_refuse(req, f, bp, 400, c->ref,
			     ps->n_teams ? MSG_WEB_BUILD_E_NEED_TEAM : MSG_WEB_BUILD_E_NO_TEAMS,
			     NULL, detail);
	} else if (provider && !(c->provider && *c->provider)) {
		snprintf(detail, sizeof(detail), "outsourcing '%s' needs a provider", c->ref);
		build_refuse(req, f, bp, 400, c->ref,
			     ps->n_providers ? MSG_WEB_BUILD_E_NEED_PROVIDER
					     : MSG_WEB_BUILD_E_NO_PROVIDERS,
			     NULL, detail);
	} else if (team && !prof_party_known(ps->teams, ps->n_teams, c->team)) {
		snprintf(detail, sizeof(detail), "unknown team '%.64s'", c->team);
		build_refuse(req, f, bp, 400, c->ref, MSG_WEB_BUILD_E_UNKNOWN_TEAM, NULL, detail);
	} else if (provider && !prof_party_known(ps->providers, ps->n_providers, c->provider)) {
		snprintf(detail, sizeof(detail), "unknown provider '%.64s'", c->provider);
		build_refuse(req, f, bp, 400, c->ref, MSG_WEB_BUILD_E_UNKNOWN_PROVIDER, NULL,
			     detail);
	}
}

/*
 * Apply the changed rows in one transaction. Returns 0 with *n_saved,
 * *first and *warned set, or 1 with f filled (nothing applied), or < 0 on
 * a failure that is not the user's (e set).
 */
static int save(struct http_req *req, struct build_page *bp, const struct prof_parties *ps,
		struct build_fail *f, size_t *n_saved, const char **first, int *warned,
		struct err *e)
{
	struct prof_change *v;
	size_t n, i;
	int rc, status;

	*n_saved = 0;
	*first = NULL;
	*warned = 0;
	rc = build_begin(bp, e);
	if (rc)
		return rc;
	rc = build_reload(bp, e); /* what is stored now, inside the transaction */
	if (rc)
		return build_end(bp, rc, e);
	v = collect(req, bp, f, &n);
	for (i = 0; !f->n && i < n; i++)
		validate(req, bp, ps, &v[i], f);
	for (i = 0; !f->n && !rc && i < n; i++) {
		const char *warning = NULL;
		rc = ops_assign(bp->st, bp->o.name, bp->fw_id, v[i].ref, v[i].assignment,
				v[i].team && *v[i].team ? v[i].team : NULL,
				v[i].provider && *v[i].provider ? v[i].provider : NULL,
				v[i].version, &warning, e);
		if (rc && (status = build_form_status(e->code))) {
			build_refuse(req, f, bp, status, v[i].ref, MSG_WEB_BUILD_E_FAILED, NULL,
				     e->msg);
			rc = 0;
		}
		*warned |= warning != NULL;
	}
	if (f->n)
		rc = ERR_INVALID; /* roll back whatever was applied */
	rc = build_end(bp, rc, e);
	if (f->n)
		return 1;
	if (!rc) {
		*n_saved = n;
		*first = n ? v[0].ref : NULL;
	}
	return rc;
}

int page_profile_post(struct http_req *req, struct http_resp *resp)
{
	struct build_fail fail = {0};
	struct err e = ERR_INIT;
	struct build_page *bp;
	struct prof_parties *ps;
	const char *first;
	char extra[64];
	size_t n;
	int warned, rc = build_open(req, resp, ROLE_EDITOR, &bp);

	if (rc)
		return rc > 0 ? 0 : rc;
	web_store_actor(req);
	if (prof_parties_load(req, bp, &ps, &e))
		return web_fail(req, resp, &e);
	rc = save(req, bp, ps, &fail, &n, &first, &warned, &e);
	if (rc < 0)
		return web_fail(req, resp, &e);
	if (rc > 0) {
		if (build_reload(bp, &e))
			return web_fail(req, resp, &e);
		return prof_render(req, resp, bp, ps, &fail);
	}
	snprintf(extra, sizeof(extra), "&n=%zu%s", n, warned ? "&warn=mgmt" : "");
	return build_redirect(resp, bp, "profile", n ? "saved" : "nochange", n ? extra : NULL,
			      first);
}
