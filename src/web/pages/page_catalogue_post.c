/*
 * page_catalogue_post.c - build step 1: the catalogue page's POST actions.
 *
 * "levels" applies the bulk level form: only rows whose level changed from
 * what they showed, grouped into one ops_select per level, all in one
 * transaction. A row someone else changed in the meantime fails the whole
 * save with 409 and the current level. A service in the catalogue cannot go
 * back to "not selected" (use Not required). "custom" adds a custom service,
 * "preset" starts an empty catalogue from a framework preset. A failure shows
 * the page again with the message next to its form.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/level.h"
#include "ops/ops.h"
#include "web/pages/build_pages.h"
#include "web/pages/page_catalogue_int.h"

static const char *nonempty(const char *s)
{
	return s && *s ? s : NULL;
}

/* A failed POST: roll back happened already; show the page again with the message. */
static int fail(struct http_req *req, struct http_resp *resp, struct build_page *bp,
		const struct cat_filter *f, const char *form, const struct err *e, int keep)
{
	struct cat_state st = {form, build_form_status(e->code), e->msg, keep};
	struct err e2 = ERR_INIT;

	if (!st.status)
		return web_fail(req, resp, e);
	if (build_reload(bp, &e2))
		return web_fail(req, resp, &e2);
	return cat_render(req, resp, bp, f, &st);
}

/* "[&n=<changed>]&q=..&level=..&status=.." to come back to the same filtered view. */
static const char *filter_query(struct http_req *req, const struct cat_filter *f, size_t changed)
{
	struct buf b;
	const char *s = NULL;
	int rc = 0;

	buf_init(&b, CAT_FILTER_URL_MAX);
	if (changed)
		rc = buf_printf(&b, "&n=%zu", changed);
	if (!rc && f->q) {
		rc = buf_addstr(&b, "&q=");
		if (!rc)
			rc = http_percent_encode(&b, f->q);
	}
	if (!rc && f->level) {
		rc = buf_addstr(&b, "&level=");
		if (!rc)
			rc = http_percent_encode(&b, f->level);
	}
	if (!rc && f->provisional)
		rc = buf_addstr(&b, "&status=provisional");
	if (!rc)
		s = http_req_strdup(req, b.data);
	buf_release(&b);
	return s;
}

struct level_group {
	const char **refs;
	size_t n;
};

/* Apply the changed rows of the bulk form: check every row against what is
 * stored now, then one ops_select per level, all in one transaction. */
static int save_levels(struct http_req *req, struct build_page *bp, const char **first,
		       size_t *changed, struct err *e)
{
	struct level_group g[LEVEL_COUNT];
	const struct http_params *form = &req->form;
	size_t i;
	int rc, l;

	memset(g, 0, sizeof(g));
	*changed = 0;
	*first = NULL;
	rc = build_begin(bp, e);
	if (rc)
		return rc;
	rc = build_reload(bp, e); /* what is stored now, inside the transaction */
	for (i = 0; !rc && i < form->n; i++) {
		const char *name = form->v[i].name, *value = form->v[i].value, *ref, *was, *ver;
		const struct entry *en;
		int lv, node;
		if (strncmp(name, "level:", 6))
			continue;
		ref = name + 6;
		was = http_req_form(req, build_anchor(req, "was:", ref));
		ver = http_req_form(req, build_anchor(req, "version:", ref));
		if (!was)
			was = "";
		if (!strcmp(value, was))
			continue; /* unchanged rows are not sent */
		en = portfolio_find(&bp->p, ref);
		node = framework_find(bp->fw, ref);
		if (!en && (node < 0 || !bp->fw->nodes[node].assessable)) {
			rc = err_set(e, ERR_INVALID, "unknown service '%s' in framework '%s'", ref,
				     bp->fw_id);
			break;
		}
		/* stale row: the level or version shown is not what is stored now */
		if ((en && (strcmp(was, level_name(en->level)) ||
			    (ver && strtoll(ver, NULL, 10) != en->version))) ||
		    (!en && *was)) {
			rc = err_set(
			    e, ERR_CONFLICT, "%s %s%s%s", ref,
			    tr(bp->lang, MSG_WEB_BUILD_NOW_LEVEL), tr(bp->lang, MSG_REPORT_COLON),
			    en ? tr_level(bp->lang, en->level) : tr(bp->lang, MSG_NOT_SELECTED));
			break;
		}
		if (!*value) {
			rc = err_set(e, ERR_INVALID, "%s%s%s", ref, tr(bp->lang, MSG_REPORT_COLON),
				     tr(bp->lang, MSG_WEB_BUILD_ERR_KEEP_LEVEL));
			break;
		}
		lv = level_parse(value);
		if (lv < 0) {
			rc = err_set(e, ERR_INVALID, "unknown recommendation level '%s' for '%s'",
				     value, ref);
			break;
		}
		if (!g[lv].refs)
			g[lv].refs = http_req_alloc(req, (form->n + 1) * sizeof(*g[lv].refs));
		g[lv].refs[g[lv].n++] = ref;
		if (!*first)
			*first = ref;
		(*changed)++;
	}
	for (l = 0; !rc && l < LEVEL_COUNT; l++)
		if (g[l].n)
			rc = ops_select(bp->st, bp->o.name, bp->fw_id, g[l].refs, g[l].n,
					level_name(l), e);
	return build_end(bp, rc, e);
}

static int apply_preset(struct http_req *req, struct build_page *bp, const char *id, struct err *e)
{
	const struct preset *pr = id ? framework_preset(bp->fw, id) : NULL;
	const char **refs;
	size_t i, n;
	int rc, l;

	if (!pr)
		return err_set(e, ERR_INVALID, "unknown preset '%s' for framework '%s'",
			       id ? id : "", bp->fw_id);
	refs = http_req_alloc(req, (pr->n_levels + 1) * sizeof(*refs));
	rc = build_begin(bp, e);
	if (rc)
		return rc;
	rc = build_reload(bp, e);
	if (!rc && bp->p.n_entries)
		rc = err_set(e, ERR_CONFLICT,
			     "the catalogue already has services; a preset only starts an empty "
			     "one");
	for (l = 0; !rc && l < LEVEL_COUNT; l++) {
		for (i = n = 0; i < pr->n_levels; i++)
			if (level_parse(pr->levels[i].level) == l)
				refs[n++] = pr->levels[i].ref_id;
		if (n)
			rc = ops_select(bp->st, bp->o.name, bp->fw_id, refs, n, level_name(l), e);
	}
	return build_end(bp, rc, e);
}

int page_catalogue_post(struct http_req *req, struct http_resp *resp)
{
	const char *action = http_req_form(req, "action");
	struct err e = ERR_INIT;
	struct build_page *bp;
	struct cat_filter f;
	int rc = build_open(req, resp, ROLE_EDITOR, &bp);

	if (rc)
		return rc > 0 ? 0 : rc;
	web_store_actor(req);
	cat_filter_from(&f, http_req_form(req, "f_q"), http_req_form(req, "f_level"),
			http_req_form(req, "f_status"));
	if (action && !strcmp(action, "levels")) {
		const char *first;
		size_t changed;
		rc = save_levels(req, bp, &first, &changed, &e);
		if (rc)
			return fail(req, resp, bp, &f, "levels", &e, e.code != ERR_CONFLICT);
		return build_redirect(resp, bp, "catalogue", changed ? "levels" : "nochange",
				      filter_query(req, &f, changed), first);
	}
	if (action && !strcmp(action, "custom")) {
		const char *ref = http_req_form(req, "ref");
		const char *name_en = http_req_form(req, "name_en");
		if (!nonempty(ref) || !nonempty(name_en)) {
			err_set(&e, ERR_INVALID,
				"a custom service needs a ref and an English name");
			return fail(req, resp, bp, &f, "custom", &e, 1);
		}
		rc = ops_service_add(bp->st, bp->o.name, bp->fw_id, ref, name_en,
				     nonempty(http_req_form(req, "name_ja")),
				     http_req_form(req, "category"),
				     nonempty(http_req_form(req, "clevel")), &e);
		if (rc)
			return fail(req, resp, bp, &f, "custom", &e, 1);
		return build_redirect(resp, bp, "catalogue", "custom", NULL, ref);
	}
	if (action && !strcmp(action, "preset")) {
		rc = apply_preset(req, bp, http_req_form(req, "preset"), &e);
		if (rc)
			return fail(req, resp, bp, &f, "preset", &e, 0);
		return build_redirect(resp, bp, "catalogue", "preset", NULL, NULL);
	}
	return http_error(req, resp, 400, "bad_action",
			  "the form's action must be 'levels', 'custom' or 'preset'");
}
