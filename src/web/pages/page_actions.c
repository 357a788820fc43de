/*
 * page_actions.c - the management process: improvement actions of one
 * portfolio (/o/{org}/p/{fw}/actions: list per service, add, mark done or
 * reopen) and the signed-in user's own open actions across their
 * organizations (/my/actions: actions whose owner is the user's name).
 *
 * An action is overdue when it is open and its due date is before today;
 * overdue rows say so in words as well as in colour. The target score is
 * chosen by the rubric's criteria of the side ops_action_add checks it
 * against: outsourced services the outsourced rubric, all others in-house.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/rules.h"
#include "core/level.h"
#include "i18n/i18n.h"
#include "io/catalog.h"
#include "ops/ops.h"
#include "report/html.h"
#include "store/store.h"
#include "store/store_user.h"
#include "util/err.h"
#include "util/xalloc.h"
#include "web/pages/build_pages.h"
#include "web/pages/manage_pages.h"
#include "web/pages/nav.h"
#include "web/pages/page.h"
#include "web/webctx.h"

static const char *target_text(char out[16], int target)
{
	if (target == SCORE_NONE)
		snprintf(out, 16, "%s", "\xE2\x80\x94");
	else if (target == SCORE_NA)
		snprintf(out, 16, "%s", "n/a");
	else
		snprintf(out, 16, "%d", target);
	return out;
}

/* Position of an action's service in catalogue order (unknown refs last). */
static size_t entry_pos(const struct portfolio *p, const char *ref)
{
	const struct entry *en = portfolio_find(p, ref);

	return en ? (size_t)(en - p->entries) : p->n_entries;
}

struct sorted_action {
	const struct action *a;
	size_t pos, seq;
};

static int by_service(const void *x, const void *y)
{
	const struct sorted_action *a = x, *b = y;

	if (a->pos != b->pos)
		return a->pos < b->pos ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* The mark-done / reopen button of one action. */
static int status_form(struct http_req *req, struct buf *b, const struct web_org *o, const char *fw,
		       const struct action *a)
{
	enum lang lang = req->lang;
	bool done = a->status && !strcmp(a->status, "done");
	const char *text = tr(lang, done ? MSG_WM_REOPEN : MSG_WM_MARK_DONE);
	char rest[64], label[STORE_TEXT_MAX / 8];

	snprintf(rest, sizeof(rest), "actions/%lld/status", a->id);
	snprintf(label, sizeof(label), "%s: %s", text, a->title);
	kit_form_begin(req, b, kit_portfolio_href(req, o->id, fw, rest), "inline");
	kit_hidden(b, "status", done ? "open" : "done");
	html_elem(b, "button", text, "type", "submit", "aria-label", label, (char *)NULL);
	html_raw(b, "</form>");
	return buf_status(b);
}

static int edit_form(struct http_req *req, struct buf *b, const struct web_org *o,
		     const struct portfolio *p, const struct action *a);

/* The delete button of one action. */
static int delete_form(struct http_req *req, struct buf *b, const struct web_org *o, const char *fw,
		       const struct action *a)
{
	const char *text = tr(req->lang, MSG_WM_ACTION_DELETE);
	char rest[64], label[STORE_TEXT_MAX / 8];

	snprintf(rest, sizeof(rest), "actions/%lld/delete", a->id);
	snprintf(label, sizeof(label), "%s: %s", text, a->title);
	kit_form_begin(req, b, kit_portfolio_href(req, o->id, fw, rest), "inline");
	html_elem(b, "button", text, "type", "submit", "class", "danger", "aria-label", label,
		  (char *)NULL);
	html_raw(b, "</form>");
	return buf_status(b);
}

static int actions_table(struct http_req *req, struct buf *b, const struct web_org *o,
			 const struct portfolio *p, const struct action *list, size_t n)
{
	enum lang lang = req->lang;
	struct sorted_action *sorted;
	char today[11], tgt[16];
	size_t i;

	if (!n)
		return html_elem(b, "p", tr(lang, MSG_WM_NO_ACTIONS), (char *)NULL);
	kit_today(today);
	sorted = xcalloc(n, sizeof(*sorted));
	for (i = 0; i < n; i++) {
		sorted[i].a = &list[i];
		sorted[i].pos = entry_pos(p, list[i].ref_id);
		sorted[i].seq = i;
	}
	qsort(sorted, n, sizeof(*sorted), by_service);
	html_raw(b, "<div class=\"table-wrap\" tabindex=\"0\">"
		    "<table class=\"cards actions-table\">\n");
	html_fmt(b, "<caption>%s</caption>\n<thead><tr>", tr(lang, MSG_WM_ACTIONS));
	html_fmt(b,
		 "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		 "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
		 "<th scope=\"col\" class=\"num\">%s</th><th scope=\"col\">%s</th>",
		 tr(lang, MSG_SERVICE), tr(lang, MSG_ACTION), tr(lang, MSG_OWNER),
		 tr(lang, MSG_DUE), tr(lang, MSG_WM_TARGET_SCORE), tr(lang, MSG_STATUS));
	if (o->role >= ROLE_EDITOR)
		html_fmt(b, "<th scope=\"col\">%s</th>", tr(lang, MSG_WM_CHANGE));
	html_raw(b, "</tr></thead>\n<tbody>\n");
	for (i = 0; i < n; i++) {
		const struct action *a = sorted[i].a;
		bool late = mg_overdue(a->status, a->due, today);
		bool done = a->status && !strcmp(a->status, "done");
		html_open(b, "tr", "class", late ? "overdue" : done ? "done" : NULL, (char *)NULL);
		html_fmt(b,
			 "<td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td>"
			 "<td data-label=\"%s\" class=\"who\">%s</td>"
			 "<td data-label=\"%s\" class=\"date\">%s",
			 tr(lang, MSG_SERVICE), build_service_title(req, p, a->ref_id),
			 tr(lang, MSG_ACTION), a->title, tr(lang, MSG_OWNER),
			 a->owner ? a->owner : "", tr(lang, MSG_DUE), a->due ? a->due : "");
		if (late)
			html_fmt(b, " <strong class=\"overdue\">%s</strong>",
				 tr(lang, MSG_WM_OVERDUE));
		html_fmt(b,
			 "</td><td data-label=\"%s\" class=\"num\">%s</td>"
			 "<td data-label=\"%s\">%s",
			 tr(lang, MSG_WM_TARGET_SCORE), target_text(tgt, a->target),
			 tr(lang, MSG_STATUS),
			 tr(lang, done ? MSG_WM_STATUS_DONE : MSG_WM_STATUS_OPEN));
		if (done && a->done_at)
			html_fmt(b, " <span class=\"hint\">%s</span>", kit_date(req, a->done_at));
		html_raw(b, "</td>");
		if (o->role >= ROLE_EDITOR) {
			html_fmt(b, "<td data-label=\"%s\">", tr(lang, MSG_WM_CHANGE));
			status_form(req, b, o, p->framework_id, a);
			html_raw(b, " ");
			delete_form(req, b, o, p->framework_id, a);
			edit_form(req, b, o, p, a);
			html_raw(b, "</td>");
		}
		html_raw(b, "</tr>\n");
	}
	html_raw(b, "</tbody></table></div>\n");
	free(sorted);
	return buf_status(b);
}

#define TARGET_LABEL_MAX 1024

/* The scale an action's target follows (the one ops_action_add checks). */
static const struct rubric *target_scale(const struct portfolio *p, const struct entry *en)
{
	return entry_scale(p, en, rule_action_side(en));
}

/* The scores of one scale as options, best first: "4 — criterion". */
static int target_options(struct buf *b, enum lang lang, const struct rubric *r,
			  const char *selected)
{
	char label[TARGET_LABEL_MAX], value[16];
	int v;

	for (v = r->max_score; v >= r->min_score; v--) {
		if (!rubric_accepts(r, v))
			continue;
		snprintf(value, sizeof(value), "%d", v);
		build_score_label(label, sizeof(label), r, v, lang);
		kit_option(b, value, label, selected && !strcmp(selected, value));
	}
	if (r->has_na) {
		build_score_label(label, sizeof(label), r, SCORE_NA, lang);
		kit_option(b, "n/a", label, selected && !strcmp(selected, "n/a"));
	}
	return buf_status(b);
}

/*
 * The target score select. With a service chosen (a form shown again) or when
 * every selected service follows the same scale: that scale's criteria.
 * Otherwise each scale in use (in-house, outsourced, readiness, maturity) in
 * its own group, and a hint saying which applies.
 */
#define TARGET_SCALES 4

/* The group label of a scale: the side of a service rubric, else its title. */
static const char *scale_label(const struct portfolio *p, const struct rubric *r, enum lang lang)
{
	const char *t;

	if (r == &p->fw->rubric[SIDE_INSOURCE])
		return tr(lang, MSG_SIDE_INSOURCE);
	if (r == &p->fw->rubric[SIDE_OUTSOURCE])
		return tr(lang, MSG_SIDE_OUTSOURCE);
	t = rubric_title(r, lang_code(lang));
	return t ? t : tr(lang, MSG_WM_TARGET_SCORE);
}

static int target_select(struct http_req *req, struct buf *b, const struct portfolio *p,
			 const char *id, const char *svc, const char *tgt)
{
	enum lang lang = req->lang;
	const struct entry *chosen = svc ? portfolio_find(p, svc) : NULL;
	const struct rubric *used[TARGET_SCALES];
	size_t i, k, n_used = 0;

	for (i = 0; p->fw && i < p->n_entries && !chosen; i++) {
		const struct rubric *r;
		if (p->entries[i].level == LEVEL_NOT_REQUIRED)
			continue;
		r = target_scale(p, &p->entries[i]);
		for (k = 0; k < n_used && used[k] != r; k++)
			;
		if (k == n_used && n_used < TARGET_SCALES)
			used[n_used++] = r;
	}
	if (p->fw && chosen)
		used[n_used++] = target_scale(p, chosen);
	if (p->fw && !n_used)
		used[n_used++] = &p->fw->rubric[SIDE_INSOURCE];
	kit_select_begin(b, id, "target", tr(lang, MSG_WM_TARGET_SCORE), 0);
	kit_option(b, "", tr(lang, MSG_WM_NONE), !tgt || !*tgt);
	for (k = 0; k < n_used; k++) {
		if (n_used > 1)
			html_open(b, "optgroup", "label", scale_label(p, used[k], lang),
				  (char *)NULL);
		/* the same value is in several groups: the first group keeps the choice */
		target_options(b, lang, used[k], n_used > 1 && k > 0 ? NULL : tgt);
		if (n_used > 1)
			html_raw(b, "</optgroup>");
	}
	kit_select_end(b);
	if (n_used > 1)
		html_elem(b, "p", tr(lang, MSG_WM_TARGET_SIDES_HINT), "class", "hint",
			  (char *)NULL);
	return buf_status(b);
}

#define OWNERS_LIST "action-owners"

/* The organization's members as the suggestions of every owner input (a name
 * typed for someone outside the organization is kept as typed). */
static int owners_datalist(struct http_req *req, struct buf *b, const struct web_org *o)
{
	struct membership *m = NULL;
	struct err e = ERR_INIT;
	size_t n = 0, i;

	if (store_membership_list_org(web_store(req), o->id, &m, &n, &e))
		return http_fail(req, &e);
	html_open(b, "datalist", "id", OWNERS_LIST, (char *)NULL);
	for (i = 0; i < n; i++)
		html_open(b, "option", "value", m[i].user_name, (char *)NULL);
	html_raw(b, "</datalist>\n");
	membership_list_free(m, n);
	return buf_status(b);
}

/* The owner input: a member from the list or any name typed; hint under its label. */
static int owner_input(struct buf *b, enum lang lang, const char *id, const char *value,
		       enum msg_id hint)
{
	char hint_id[96];

	snprintf(hint_id, sizeof(hint_id), "%s-hint", id);
	html_raw(b, "<div class=\"field\">");
	html_elem(b, "label", tr(lang, MSG_OWNER), "for", id, (char *)NULL);
	html_elem(b, "span", tr(lang, hint), "class", "hint", "id", hint_id, (char *)NULL);
	html_open(b, "input", "type", "text", "id", id, "name", "owner", "value", value, "list",
		  OWNERS_LIST, "autocomplete", "off", "aria-describedby", hint_id, (char *)NULL);
	html_raw(b, "</div>\n");
	return buf_status(b);
}

/*
 * The edit form of one action, folded under its title: title, owner (a member
 * or a name typed), due date and target; an empty owner, due date or target
 * clears it. A refused edit shows the form open again with what was sent.
 */
static int edit_form(struct http_req *req, struct buf *b, const struct web_org *o,
		     const struct portfolio *p, const struct action *a)
{
	enum lang lang = req->lang;
	const char *edited = http_req_param(req, "id");
	char rest[64], id[64], num[24], tgt[16];
	/* a refused edit of this action (the status form sends no title) */
	bool again = req->method && !strcmp(req->method, "POST") && edited &&
		     http_req_form(req, "title") && strtoll(edited, NULL, 10) == a->id;
	const char *title = again ? http_req_form(req, "title") : a->title;
	const char *owner = again ? http_req_form(req, "owner") : a->owner;
	const char *due = again ? http_req_form(req, "due") : a->due;
	const char *target = again ? http_req_form(req, "target") : NULL;

	if (!again) {
		if (a->target == SCORE_NA)
			target = "n/a";
		else if (a->target != SCORE_NONE) {
			snprintf(tgt, sizeof(tgt), "%d", a->target);
			target = tgt;
		}
	}
	snprintf(num, sizeof(num), "%lld", a->id);
	snprintf(rest, sizeof(rest), "actions/%lld/edit", a->id);
	html_open(b, "details", KIT_BOOL("open", again), (char *)NULL);
	html_elem(b, "summary", tr(lang, MSG_WM_ACTION_EDIT), (char *)NULL);
	kit_form_begin(req, b, kit_portfolio_href(req, o->id, p->framework_id, rest), "stack");
	snprintf(id, sizeof(id), "action-%s-title", num);
	kit_input(b, "text", id, "title", tr(lang, MSG_WM_ACTION_TITLE), title, 1, NULL);
	snprintf(id, sizeof(id), "action-%s-owner", num);
	owner_input(b, lang, id, owner, MSG_WM_OWNER_PICK_HINT);
	snprintf(id, sizeof(id), "action-%s-due", num);
	kit_input(b, "date", id, "due", tr(lang, MSG_WM_DUE_DATE), due, 0, NULL);
	snprintf(id, sizeof(id), "action-%s-target", num);
	target_select(req, b, p, id, a->ref_id, target);
	kit_form_end(b, tr(lang, MSG_WM_ACTION_SAVE), "primary");
	html_raw(b, "</details>");
	return buf_status(b);
}

static int add_form(struct http_req *req, struct buf *b, const struct web_org *o,
		    const struct portfolio *p)
{
	enum lang lang = req->lang;
	const char *svc = http_req_form(req, "service");
	const char *tgt = http_req_form(req, "target");
	size_t i, offered = 0;

	html_elem(b, "h2", tr(lang, MSG_WM_ACTION_ADD), "id", "add-action", (char *)NULL);
	kit_form_begin(req, b, kit_portfolio_href(req, o->id, p->framework_id, "actions"), "stack");
	kit_select_begin(b, "action-service", "service", tr(lang, MSG_SERVICE), 1);
	for (i = 0; i < p->n_entries; i++) {
		const struct entry *en = &p->entries[i];
		if (en->level == LEVEL_NOT_REQUIRED)
			continue;
		offered++;
		kit_option(b, en->ref_id, build_service_title(req, p, en->ref_id),
			   svc && !strcmp(svc, en->ref_id));
	}
	kit_select_end(b);
	if (!offered)
		html_elem(b, "p", tr(lang, MSG_WM_NO_SELECTED_SERVICES), "class", "hint",
			  (char *)NULL);
	kit_input(b, "text", "action-title", "title", tr(lang, MSG_WM_ACTION_TITLE),
		  http_req_form(req, "title"), 1, NULL);
	owner_input(b, lang, "action-owner", http_req_form(req, "owner"), MSG_WM_OWNER_HINT);
	/* type=date sends YYYY-MM-DD whatever the date picker shows */
	kit_input(b, "date", "action-due", "due", tr(lang, MSG_WM_DUE_DATE),
		  http_req_form(req, "due"), 0, NULL);
	target_select(req, b, p, "action-target", svc, tgt);
	kit_form_end(b, tr(lang, MSG_WM_ACTION_ADD), "primary");
	return buf_status(b);
}

/* The actions page of o with status and the refusal of its form (NULL: none). */
static int actions_render(struct http_req *req, struct http_resp *resp, const struct web_org *o,
			  int status, const struct err *refused)
{
	struct store *st = web_store(req);
	enum lang lang = req->lang;
	struct buf *b = &resp->body;
	struct portfolio p;
	struct action *list = NULL;
	struct err e = ERR_INIT;
	size_t n = 0;
	int rc;

	portfolio_init(&p);
	rc = mg_load(req, st, o, &p);
	if (!rc && store_action_list(st, p.id, NULL, &list, &n, &e))
		rc = http_fail(req, &e);
	if (rc) {
		portfolio_release(&p);
		return rc;
	}
	page_begin(req, resp, status, tr(lang, MSG_WM_ACTIONS));
	web_portfolio_nav(req, b, o, p.framework_id, TAB_ACTIONS);
	html_elem(b, "h1", tr(lang, MSG_WM_ACTIONS), (char *)NULL);
	html_elem(b, "p", tr(lang, MSG_WM_ACTIONS_INTRO), "class", "lead", (char *)NULL);
	kit_done_notice(req, b);
	kit_error_notice(req, b, refused);
	if (o->role >= ROLE_EDITOR)
		owners_datalist(req, b, o);
	actions_table(req, b, o, &p, list, n);
	if (o->role >= ROLE_EDITOR)
		add_form(req, b, o, &p);
	action_list_free(list, n);
	portfolio_release(&p);
	page_end(req, resp);
	return buf_status(b);
}

int page_actions(struct http_req *req, struct http_resp *resp)
{
	struct web_org o;
	int rc = web_org(req, ROLE_VIEWER, &o);

	return rc ? rc : actions_render(req, resp, &o, 200, NULL);
}

/* 303 to the actions with the confirmation of what was done. */
static int back_to_actions(struct http_req *req, struct http_resp *resp, const struct web_org *o,
			   const char *done)
{
	struct buf url;
	int rc;

	buf_init(&url, HTTP_MAX_PATH);
	kit_portfolio_url(&url, o->id, http_req_param(req, "fw"), "actions");
	rc = kit_see_other_done(resp, &url, done);
	buf_release(&url);
	return rc;
}

int page_actions_add(struct http_req *req, struct http_resp *resp)
{
	const char *svc = http_req_form(req, "service");
	const char *title = http_req_form(req, "title");
	const char *owner = http_req_form(req, "owner");
	const char *due = http_req_form(req, "due");
	const char *target = http_req_form(req, "target");
	struct err e = ERR_INIT, shown;
	struct web_org o;
	int rc = web_org(req, ROLE_EDITOR, &o);

	if (rc)
		return rc;
	web_store_actor(req);
	if (ops_action_add(web_store(req), o.name, http_req_param(req, "fw"), svc ? svc : "", title,
			   owner, due, target && *target ? target : NULL, NULL, &e)) {
		if (!kit_form_status(&e))
			return http_fail(req, &e);
		/* the form's words for the input ops names: no title, no service chosen */
		if (!strcmp(e.field, "title"))
			err_fail(&shown, e.code, e.field, MSG_WM_NEED_TITLE);
		else if (!strcmp(e.field, "ref") && !(svc && *svc))
			err_fail(&shown, e.code, e.field, MSG_WM_PICK_SERVICE);
		else
			err_copy(&shown, &e);
		return actions_render(req, resp, &o, kit_form_status(&e), &shown);
	}
	return back_to_actions(req, resp, &o, "action");
}

int page_action_status(struct http_req *req, struct http_resp *resp)
{
	const char *id = http_req_param(req, "id");
	const char *status = http_req_form(req, "status");
	struct err e = ERR_INIT;
	struct web_org o;
	long long action_id;
	char *end;
	int rc = web_org(req, ROLE_EDITOR, &o);

	if (rc)
		return rc;
	web_store_actor(req);
	action_id = id ? strtoll(id, &end, 10) : 0;
	if (!id || *end || action_id <= 0)
		return http_failf(req, ERR_NOT_FOUND, NULL, MSG_WM_E_UNKNOWN_ACTION);
	if (ops_action_status(web_store(req), o.name, http_req_param(req, "fw"), action_id, status,
			      &e)) {
		if (e.code == ERR_NOT_FOUND || !kit_form_status(&e))
			return http_fail(req, &e);
		return actions_render(req, resp, &o, kit_form_status(&e), &e);
	}
	return back_to_actions(req, resp, &o,
			       status && !strcmp(status, "done") ? "action-done" : "action-open");
}

/* The action id of the path: > 0, or 0 when it is not a number. */
static long long path_action_id(struct http_req *req)
{
	const char *id = http_req_param(req, "id");
	long long action_id;
	char *end;

	action_id = id ? strtoll(id, &end, 10) : 0;
	return !id || *end || action_id <= 0 ? 0 : action_id;
}

int page_action_edit(struct http_req *req, struct http_resp *resp)
{
	const char *title = http_req_form(req, "title");
	const char *owner = http_req_form(req, "owner");
	const char *due = http_req_form(req, "due");
	const char *target = http_req_form(req, "target");
	struct err e = ERR_INIT, shown;
	struct web_org o;
	long long action_id;
	int rc = web_org(req, ROLE_EDITOR, &o);

	if (rc)
		return rc;
	web_store_actor(req);
	action_id = path_action_id(req);
	if (!action_id)
		return http_failf(req, ERR_NOT_FOUND, NULL, MSG_WM_E_UNKNOWN_ACTION);
	/* every input of the form is sent: an empty owner, due date or target clears it */
	if (ops_action_edit(web_store(req), o.name, http_req_param(req, "fw"), action_id,
			    title ? title : "", owner ? owner : "", due ? due : "",
			    target ? target : "", &e)) {
		if (e.code == ERR_NOT_FOUND || !kit_form_status(&e))
			return http_fail(req, &e);
		if (!strcmp(e.field, "title"))
			err_fail(&shown, e.code, e.field, MSG_WM_NEED_TITLE);
		else
			err_copy(&shown, &e);
		return actions_render(req, resp, &o, kit_form_status(&e), &shown);
	}
	return back_to_actions(req, resp, &o, "action-edited");
}

int page_action_delete(struct http_req *req, struct http_resp *resp)
{
	struct err e = ERR_INIT;
	struct web_org o;
	long long action_id;
	int rc = web_org(req, ROLE_EDITOR, &o);

	if (rc)
		return rc;
	web_store_actor(req);
	action_id = path_action_id(req);
	if (!action_id)
		return http_failf(req, ERR_NOT_FOUND, NULL, MSG_WM_E_UNKNOWN_ACTION);
	if (ops_action_delete(web_store(req), o.name, http_req_param(req, "fw"), action_id, &e))
		return http_fail(req, &e);
	return back_to_actions(req, resp, &o, "action-deleted");
}

/* ---- /my/actions ---- */

#define MY_ACTIONS_MAX 500 /* the most a page lists, the soonest due first */

struct my_row {
	long long org_id;
	const char *org, *fw_id, *fw, *service, *title, *due;
	int target;
};

/* The open actions owned by the user, due first, with the titles of their services (each
 * portfolio loaded once); *n at most MY_ACTIONS_MAX. */
static int collect(struct http_req *req, struct store *st, const struct web_user *u,
		   struct my_row **rows, size_t *n, struct err *e)
{
	struct owned_action *a = NULL;
	struct portfolio p;
	size_t na = 0, j;
	int rc;

	*rows = NULL;
	*n = 0;
	rc = store_action_list_owned(st, u->name, u->id, u->is_admin, MY_ACTIONS_MAX, &a, &na, e);
	if (rc || !na)
		return rc;
	*rows = http_req_alloc(req, na * sizeof(**rows));
	portfolio_init(&p);
	for (j = 0; !rc && j < na; j++) {
		const struct framework *fw = catalog_get(a[j].framework_id);
		struct my_row *r = &(*rows)[(*n)++];

		if (!p.framework_id || p.org_id != a[j].org_id ||
		    strcmp(p.framework_id, a[j].framework_id))
			rc = ops_load(st, a[j].org_name, a[j].framework_id, &p, e);
		if (rc)
			break;
		r->org_id = a[j].org_id;
		r->org = http_req_strdup(req, a[j].org_name);
		r->fw_id = http_req_strdup(req, a[j].framework_id);
		r->fw =
		    fw ? http_req_strdup(req, framework_name(fw, lang_code(req->lang))) : r->fw_id;
		r->service = http_req_strdup(req, build_service_title(req, &p, a[j].a.ref_id));
		r->title = http_req_strdup(req, a[j].a.title);
		r->due = a[j].a.due ? http_req_strdup(req, a[j].a.due) : NULL;
		r->target = a[j].a.target;
	}
	portfolio_release(&p);
	owned_action_list_free(a, na);
	return rc;
}

int page_my_actions(struct http_req *req, struct http_resp *resp)
{
	const struct web_user *u = web_user(req);
	struct store *st = web_store(req);
	enum lang lang = req->lang;
	struct buf *b = &resp->body;
	struct my_row *rows = NULL;
	struct err e = ERR_INIT;
	size_t n = 0, i;
	char today[11], tgt[16];

	if (collect(req, st, u, &rows, &n, &e))
		return http_fail(req, &e);
	kit_today(today);
	page_begin(req, resp, 200, tr(lang, MSG_WM_MY_ACTIONS));
	html_elem(b, "h1", tr(lang, MSG_WM_MY_ACTIONS), (char *)NULL);
	html_raw(b, "\n<p class=\"lead\">");
	html_fmt(b, "%s %s", tr(lang, MSG_WM_MY_ACTIONS_INTRO), u->name);
	html_raw(b, "</p>\n");
	if (!n)
		html_elem(b, "p", tr(lang, MSG_WM_NO_MY_ACTIONS), (char *)NULL);
	else
		html_fmt(b,
			 "<div class=\"table-wrap\" tabindex=\"0\">"
			 "<table class=\"cards\">\n<thead><tr>"
			 "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			 "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
			 "<th scope=\"col\">%s</th><th scope=\"col\" class=\"num\">%s</th>"
			 "</tr></thead>\n<tbody>\n",
			 tr(lang, MSG_ORGANIZATION), tr(lang, MSG_FRAMEWORK), tr(lang, MSG_SERVICE),
			 tr(lang, MSG_ACTION), tr(lang, MSG_DUE), tr(lang, MSG_WM_TARGET_SCORE));
	for (i = 0; i < n; i++) {
		bool late = mg_overdue("open", rows[i].due, today);
		html_open(b, "tr", "class", late ? "overdue" : NULL, (char *)NULL);
		html_fmt(b,
			 "<td data-label=\"%s\">%s</td><td data-label=\"%s\">%s</td>"
			 "<td data-label=\"%s\">%s</td><td data-label=\"%s\">",
			 tr(lang, MSG_ORGANIZATION), rows[i].org, tr(lang, MSG_FRAMEWORK),
			 rows[i].fw, tr(lang, MSG_SERVICE), rows[i].service, tr(lang, MSG_ACTION));
		html_elem(b, "a", rows[i].title, "href",
			  kit_portfolio_href(req, rows[i].org_id, rows[i].fw_id, "actions"),
			  (char *)NULL);
		html_fmt(b, "</td><td data-label=\"%s\" class=\"date\">%s", tr(lang, MSG_DUE),
			 rows[i].due ? rows[i].due : "");
		if (late)
			html_fmt(b, " <strong class=\"overdue\">%s</strong>",
				 tr(lang, MSG_WM_OVERDUE));
		html_fmt(b, "</td><td data-label=\"%s\" class=\"num\">%s</td></tr>\n",
			 tr(lang, MSG_WM_TARGET_SCORE), target_text(tgt, rows[i].target));
	}
	if (n)
		html_raw(b, "</tbody></table></div>\n");
	page_end(req, resp);
	return buf_status(b);
}
