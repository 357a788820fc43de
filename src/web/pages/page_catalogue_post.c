/*
 * page_catalogue_post.c - build step 1: the catalogue page's POST actions.
 *
 * "levels" applies the bulk level form: only rows whose level changed from
 * what they showed, as rows of one ops_rows_save (one transaction). A row
 * someone else changed in the meantime fails the whole save with 409 and the
 * current level. A service in the catalogue cannot go back to "not selected"
 * (use Not required). "custom" adds a custom service (ops_service_add),
 * "preset" starts an empty catalogue from a framework preset
 * (ops_preset_apply). A failure shows the page again with the message next
 * to its form.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/level.h"
#include "ops/ops.h"
#include "web/pages/build_pages.h"
#include "web/pages/kit.h"
#include "web/pages/page_catalogue_int.h"

static const char *nonempty(const char *s)
{
	return s && *s ? s : NULL;
}

/* A refused POST (nothing was written): show the page again with the
 * message, ops's own in the page's language unless the caller has one. A
 * failure of the server fails the request. */
static int fail(struct http_req *req, struct http_resp *resp, struct build_page *bp,
		const struct cat_filter *f, const char *form, const struct err *e,
		const char *message, int keep)
{
	struct cat_state st = {form, kit_form_status(e), message, keep};
	char text[ERR_WHERE_MAX + ERR_MSG_MAX];
	struct err e2 = ERR_INIT;

	if (!st.status)
		return http_fail(req, e);
	if (!st.message)
		st.message = http_req_strdup(req, err_text(e, bp->lang, text, sizeof(text)));
	if (build_reload(bp, &e2))
		return http_fail(req, &e2);
	return cat_render(req, resp, bp, f, &st);
}

/* "[&n=<changed>]&q=..&level=..&status=.." to come back to the same filtered view. */
static const char *filter_query(struct http_req *req, const struct cat_filter *f, size_t changed)
{
	struct buf b;
	const char *s = NULL;

	buf_init(&b, CAT_FILTER_URL_MAX);
	if (changed)
		buf_printf(&b, "&n=%zu", changed);
	if (f->q) {
		buf_addstr(&b, "&q=");
		http_percent_encode(&b, f->q);
	}
	if (f->level) {
		buf_addstr(&b, "&level=");
		http_percent_encode(&b, f->level);
	}
	if (f->provisional)
		buf_addstr(&b, "&status=provisional");
	if (!buf_status(&b))
		s = http_req_strdup(req, b.data);
	buf_release(&b);
	return s;
}

/* The catalogue's message for a refused bulk save: for a row someone else
 * changed, the level it has now ("A-3 Now level: Advanced"); else ops's own
 * message in the page's language. bp->p is what is stored now. */
static const char *levels_refusal(struct http_req *req, const struct build_page *bp,
				  const struct ops_rows *rows, const struct err *e)
{
	char text[ERR_MSG_MAX + 256];
	const struct entry *en;
	size_t row;

	build_row_input(e, &row);
	if (e->code != ERR_CONFLICT || row >= rows->n)
		return http_req_strdup(req, err_message(e, bp->lang, text, sizeof(text)));
	en = portfolio_find(&bp->p, rows->v[row].ref);
	snprintf(text, sizeof(text), "%s %s%s%s", rows->v[row].ref,
		 tr(bp->lang, MSG_WEB_BUILD_NOW_LEVEL), tr(bp->lang, MSG_REPORT_COLON),
		 en ? tr_level(bp->lang, en->level) : tr(bp->lang, MSG_NOT_SELECTED));
	return http_req_strdup(req, text);
}

/* The changed rows of the bulk form as rows of ops (a row differs from the
 * level it showed, "was:<ref>"), saved with one ops_rows_save: a row whose
 * stored level or version is no longer what the form showed is refused. */
static int save_levels(struct http_req *req, struct build_page *bp, const char **first,
		       size_t *changed, const char **refusal, struct err *e)
{
	const struct http_params *form = &req->form;
	struct ops_row *v = http_req_alloc(req, (form->n + 1) * sizeof(*v));
	struct ops_rows rows = {.v = v};
	size_t i;
	struct err e2 = ERR_INIT;
	int rc;

	*changed = 0;
	*first = NULL;
	*refusal = NULL;
	for (i = 0; i < form->n; i++) {
		const char *name = form->v[i].name, *value = form->v[i].value, *ref, *was, *ver;
		struct ops_row *r = &v[rows.n];
		if (strncmp(name, "level:", 6))
			continue;
		ref = name + 6;
		was = http_req_form(req, build_anchor(req, "was:", ref));
		ver = http_req_form(req, build_anchor(req, "version:", ref));
		if (!was)
			was = "";
		if (!strcmp(value, was))
			continue; /* unchanged rows are not sent */
		memset(r, 0, sizeof(*r));
		r->ref = ref;
		r->version = ver ? strtoll(ver, NULL, 10) : -1;
		r->level_was = was;
		r->level = value;
		rows.n++;
	}
	if (!rows.n)
		return 0;
	rc = ops_rows_save(bp->st, &bp->who, bp->o.name, bp->fw_id, &rows, e);
	if (rc) {
		if (kit_form_status(e) && !build_reload(bp, &e2))
			*refusal = levels_refusal(req, bp, &rows, e);
		return rc;
	}
	*first = v[0].ref;
	*changed = rows.n;
	return 0;
}

int page_catalogue_post(struct http_req *req, struct http_resp *resp)
{
	const char *action = http_req_form(req, "action");
	struct err e = ERR_INIT;
	struct build_page *bp;
	struct cat_filter f;
	int rc = build_open(req, ROLE_EDITOR, &bp);

	if (rc)
		return rc;
	web_store_actor(req);
	cat_filter_from(&f, http_req_form(req, "f_q"), http_req_form(req, "f_level"),
			http_req_form(req, "f_status"));
	if (action && !strcmp(action, "levels")) {
		const char *first, *refusal;
		size_t changed;
		rc = save_levels(req, bp, &first, &changed, &refusal, &e);
		if (rc)
			return fail(req, resp, bp, &f, "levels", &e, refusal,
				    e.code != ERR_CONFLICT);
		return build_redirect(resp, bp, "catalogue", changed ? "levels" : "nochange",
				      filter_query(req, &f, changed), first);
	}
	if (action && !strcmp(action, "custom")) {
		const char *ref = http_req_form(req, "ref");
		rc = ops_service_add(
		    bp->st, bp->o.name, bp->fw_id, ref ? ref : "", http_req_form(req, "name_en"),
		    nonempty(http_req_form(req, "name_ja")), http_req_form(req, "category"),
		    nonempty(http_req_form(req, "clevel")), &e);
		if (rc)
			return fail(req, resp, bp, &f, "custom", &e, NULL, 1);
		return build_redirect(resp, bp, "catalogue", "custom", NULL, ref);
	}
	if (action && !strcmp(action, "preset")) {
		rc = ops_preset_apply(bp->st, bp->o.name, bp->fw_id, http_req_form(req, "preset"),
				      &e);
		if (rc)
			return fail(req, resp, bp, &f, "preset", &e, NULL, 0);
		return build_redirect(resp, bp, "catalogue", "preset", NULL, NULL);
	}
	if (action && !strcmp(action, "remove"))
		return cat_remove_post(req, resp, bp, &f);
	return http_failf(req, ERR_INVALID, "action", MSG_WEB_BUILD_E_UNKNOWN_ACTION);
}
