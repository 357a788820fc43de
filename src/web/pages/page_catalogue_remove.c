/*
 * page_catalogue_remove.c - build step 1: taking a service out of the
 * catalogue (the catalogue page's "remove" form and its POST).
 *
 * Unlike the level "Not required" (the service stays in the catalogue,
 * outside the build), the service leaves the catalogue: ops_service_remove
 * deletes its entry, the audit log keeps the values it had and closed cycles
 * keep their snapshots. The form says so, and asks for a ticked confirmation
 * before anything changes (no JavaScript needed); a refusal (open actions,
 * no confirmation) is shown in the form, nothing changed.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "ops/ops.h"
#include "report/html.h"
#include "web/pages/build_pages.h"
#include "web/pages/kit.h"
#include "web/pages/page_catalogue_int.h"

int cat_remove_form(struct http_req *req, struct buf *b, const struct build_page *bp,
		    const char *action, const struct cat_state *st)
{
	enum lang lang = bp->lang;
	bool shown = st && !strcmp(st->form, "remove");
	const char *sel = shown ? http_req_form(req, "ref") : NULL;
	const char *confirmed = shown ? http_req_form(req, "confirm") : NULL;
	bool unconfirmed = shown && (!confirmed || strcmp(confirmed, "yes"));
	char text[512], to_form[HTTP_MAX_PATH + 32];
	size_t i;

	for (i = 0; i < bp->p.n_entries && !ops_entry_removable(&bp->p.entries[i]); i++)
		;
	if (bp->o.role < ROLE_EDITOR || i == bp->p.n_entries)
		return buf_status(b); /* nothing that can be taken out */
	html_raw(b, "<section aria-labelledby=\"remove\" id=\"remove-service\">");
	html_elem(b, "h2", tr(lang, MSG_WEB_CAT_REMOVE), "id", "remove", (char *)NULL);
	html_elem(b, "p", tr(lang, MSG_WEB_CAT_REMOVE_INTRO), "id", "remove-intro", (char *)NULL);
	if (shown)
		kit_notice(b, KIT_ERROR, st->message);
	/* a refusal comes back scrolled to this form, near the end of the page */
	snprintf(to_form, sizeof(to_form), "%s#remove-service", action ? action : "");
	kit_form_begin(req, b, to_form, "stack");
	kit_hidden(b, "action", "remove");
	kit_select_begin(b, "rm-ref", "ref", tr(lang, MSG_SERVICE), 1);
	for (i = 0; i < bp->p.n_entries; i++) {
		const struct entry *en = &bp->p.entries[i];
		if (!ops_entry_removable(en))
			continue;
		snprintf(text, sizeof(text), "%s %s", en->ref_id, entry_name(&bp->p, en, bp->lc));
		kit_option(b, en->ref_id, text, sel && !strcmp(sel, en->ref_id));
	}
	kit_select_end(b);
	html_raw(b, "<div class=\"field check\">");
	html_open(b, "input", "type", "checkbox", "id", "rm-confirm", "name", "confirm", "value",
		  "yes", KIT_BOOL("required", true), "aria-invalid", unconfirmed ? "true" : NULL,
		  "aria-describedby", "remove-intro", (char *)NULL);
	html_elem(b, "label", tr(lang, MSG_WEB_CAT_REMOVE_CONFIRM), "for", "rm-confirm",
		  (char *)NULL);
	html_raw(b, "</div>");
	kit_form_end(b, tr(lang, MSG_WEB_CAT_REMOVE_BUTTON), "danger");
	html_raw(b, "</section>\n");
	return buf_status(b);
}

int cat_remove_post(struct http_req *req, struct http_resp *resp, struct build_page *bp,
		    const struct cat_filter *f)
{
	const char *ref = http_req_form(req, "ref"), *confirm = http_req_form(req, "confirm");
	char text[ERR_WHERE_MAX + ERR_MSG_MAX];
	struct err e = ERR_INIT, e2 = ERR_INIT;
	struct cat_state st = {"remove", 400, NULL, 1};

	if (!confirm || strcmp(confirm, "yes")) {
		st.message = tr(bp->lang, MSG_WEB_CAT_REMOVE_UNCONFIRMED);
		return cat_render(req, resp, bp, f, &st);
	}
	if (!ops_service_remove(bp->st, bp->o.name, bp->fw_id, ref ? ref : "", -1, &e))
		return build_redirect(resp, bp, "catalogue", "removed", NULL, NULL);
	st.status = kit_form_status(&e);
	if (!st.status)
		return http_fail(req, &e);
	st.message = http_req_strdup(req, err_text(&e, bp->lang, text, sizeof(text)));
	if (build_reload(bp, &e2))
		return http_fail(req, &e2);
	return cat_render(req, resp, bp, f, &st);
}
