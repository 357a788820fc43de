/*
 * page_profile_save.c - POST of the profile page: read the one form of
 * rows, keep the rows whose assignment, team or provider differ from what
 * the row showed, and hand them to ops_rows_save, which checks each against
 * what is stored now (version, the assignment's rules, known teams and
 * providers) and applies them all in one transaction, or none (see
 * build_pages.h). A refused save shows the page again with the user's input
 * and each refused row's message; a saved one answers 303 to the page.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/level.h"
#include "ops/ops.h"
#include "web/pages/build_pages.h"
#include "web/pages/kit.h"
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

static bool seen(const struct ops_row *v, size_t n, const char *ref)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!strcmp(v[i].ref, ref))
			return true;
	return false;
}

/*
 * The changed rows of the form as rows of ops: a row whose assignment, team
 * or provider differ from what it showed ("was_...:<ref>"). A row without a
 * usable version field cannot be saved (the form is incomplete): it goes to f.
 */
static struct ops_row *collect(struct http_req *req, const struct build_page *bp,
			       struct build_fail *f, size_t *n)
{
	const struct http_params *form = &req->form;
	struct ops_row *v = http_req_alloc(req, (form->n + 1) * sizeof(*v));
	size_t i;

	*n = 0;
	for (i = 0; i < form->n; i++) {
		const char *name = form->v[i].name, *ref, *t, *p;
		struct ops_row c;

		if (strncmp(name, "assignment:", 11))
			continue;
		ref = name + 11;
		if (seen(v, *n, ref) || build_fail_row(f, ref))
			continue;
		memset(&c, 0, sizeof(c));
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
		if (build_row_version(req, f, bp, ref, prof_field(req, "version:", ref),
				      &c.version))
			continue;
		/* an empty team or provider is none, not the stored one */
		if (!c.team)
			c.team = "";
		if (!c.provider)
			c.provider = "";
		v[(*n)++] = c;
	}
	return v;
}

/*
 * A row ops refused, in the page's words: what to do about the input its
 * field names (the assignment, the team, the provider: choose one, or add
 * one in the settings when the organization has none) or about the row as a
 * whole, with ops's own message as the detail. bp->p is what is stored now.
 */
static void refuse_row(struct http_req *req, const struct build_page *bp, const void *ctx,
		       struct build_fail *f, const struct ops_row *row, const struct err *e)
{
	const struct prof_parties *ps = ctx;
	const struct entry *en = portfolio_find(&bp->p, row->ref);
	enum msg_id lead = MSG_WEB_BUILD_E_FAILED;
	const char *extra = NULL;
	size_t at;
	const char *input = build_row_input(e, &at);
	int missing = e->code == ERR_NOT_FOUND;

	if (e->code == ERR_DENIED) {
		lead = MSG_WEB_BUILD_E_DENIED;
	} else if (e->code == ERR_CONFLICT) {
		lead = MSG_WEB_BUILD_E_STALE;
		extra = en ? assignment_text(req, bp, en) : NULL;
	} else if (!*input || !en || en->level == LEVEL_NOT_REQUIRED) {
		lead = MSG_WEB_BUILD_E_UNKNOWN_SERVICE;
	} else if (!strcmp(input, "assignment")) {
		lead = MSG_WEB_BUILD_E_BAD_ASSIGNMENT;
	} else if (!strcmp(input, "team")) {
		lead = missing	     ? MSG_WEB_BUILD_E_UNKNOWN_TEAM
		       : ps->n_teams ? MSG_WEB_BUILD_E_NEED_TEAM
				     : MSG_WEB_BUILD_E_NO_TEAMS;
	} else if (!strcmp(input, "provider")) {
		lead = missing		 ? MSG_WEB_BUILD_E_UNKNOWN_PROVIDER
		       : ps->n_providers ? MSG_WEB_BUILD_E_NEED_PROVIDER
					 : MSG_WEB_BUILD_E_NO_PROVIDERS;
	}
	build_refuse_err(req, f, bp, row->ref, lead, extra, e);
}

int page_profile_post(struct http_req *req, struct http_resp *resp)
{
	struct build_fail fail = {0};
	struct err e = ERR_INIT;
	struct build_page *bp;
	struct prof_parties *ps;
	struct build_saved saved;
	struct ops_row *v;
	char extra[64];
	size_t n;
	int rc = build_open(req, ROLE_EDITOR, &bp);

	if (rc)
		return rc;
	web_store_actor(req);
	if (prof_parties_load(req, bp, &ps, &e))
		return http_fail(req, &e);
	v = collect(req, bp, &fail, &n);
	rc = build_rows_save(req, bp, &fail, v, n, refuse_row, ps, &saved, &e);
	if (rc)
		return http_fail(req, &e);
	if (fail.n)
		return prof_render(req, resp, bp, ps, &fail);
	snprintf(extra, sizeof(extra), "&n=%zu%s", saved.n,
		 saved.advice != OPS_NO_ADVICE ? "&warn=mgmt" : "");
	return build_redirect(resp, bp, "profile", saved.n ? "saved" : "nochange",
			      saved.n ? extra : NULL, saved.first);
}
