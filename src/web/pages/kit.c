/*
 * kit.c - forms, notices, redirects, URLs and dates for every page
 * (kit.h). Each writer writes through the escaping writer and returns the
 * buffer's sticky status.
 */
#include "web/pages/kit.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/html.h"
#include "store/store.h"
#include "util/buf.h"
#include "util/err.h"
#include "web/http/http.h"
#include "web/webctx.h"

#define KIT_TEXT_MAX 8192 /* one message with its arguments (kit_tr) */
#define KIT_URL_MAX 4096  /* one local URL with its query and fragment */

/* ---- forms ---- */

int kit_form_begin(struct http_req *req, struct buf *b, const char *action, const char *cls)
{
	html_open(b, "form", "method", "post", "action", action, "class", cls, (char *)NULL);
	web_csrf_field(req, b);
	html_raw(b, "\n");
	return buf_status(b);
}

int kit_form_end(struct buf *b, const char *button, const char *cls)
{
	html_elem(b, "button", button, "type", "submit", "class", cls, (char *)NULL);
	html_raw(b, "</form>\n");
	return buf_status(b);
}

int kit_hidden(struct buf *b, const char *name, const char *value)
{
	html_open(b, "input", "type", "hidden", "name", name, "value", value ? value : "",
		  (char *)NULL);
	return buf_status(b);
}

int kit_input(struct buf *b, const char *type, const char *id, const char *name, const char *label,
	      const char *value, int required, const char *hint)
{
	char hint_id[96];

	snprintf(hint_id, sizeof(hint_id), "%s-hint", id);
	html_raw(b, "<div class=\"field\">");
	html_elem(b, "label", label, "for", id, (char *)NULL);
	if (hint)
		html_elem(b, "span", hint, "class", "hint", "id", hint_id, (char *)NULL);
	html_open(b, "input", "type", type, "id", id, "name", name, "value", value,
		  KIT_BOOL("required", required), "aria-describedby", hint ? hint_id : NULL,
		  (char *)NULL);
	html_raw(b, "</div>\n");
	return buf_status(b);
}

int kit_credential(struct buf *b, const char *type, const char *id, const char *label,
		   const char *value, const char *autocomplete)
{
	html_raw(b, "<div class=\"field\">");
	html_elem(b, "label", label, "for", id, (char *)NULL);
	html_open(b, "input", "type", type, "id", id, "name", id, "value", value, "autocomplete",
		  autocomplete, KIT_BOOL("required", true), (char *)NULL);
	html_raw(b, "</div>\n");
	return buf_status(b);
}

int kit_select_begin(struct buf *b, const char *id, const char *name, const char *label,
		     int required)
{
	html_raw(b, "<div class=\"field\">");
	html_elem(b, "label", label, "for", id, (char *)NULL);
	html_open(b, "select", "id", id, "name", name, KIT_BOOL("required", required),
		  (char *)NULL);
	return buf_status(b);
}

int kit_option(struct buf *b, const char *value, const char *text, int selected)
{
	html_elem(b, "option", text, "value", value, KIT_BOOL("selected", selected), (char *)NULL);
	return buf_status(b);
}

int kit_select_end(struct buf *b)
{
	html_raw(b, "</select></div>\n");
	return buf_status(b);
}

int kit_form_status(const struct err *e)
{
	int status = http_status_for_err(e->code);

	if (status >= 500)
		return 0;
	return status == 404 ? 400 : status;
}

/* ---- notices ---- */

int kit_notice(struct buf *b, enum kit_notice kind, const char *text)
{
	if (!text)
		return buf_status(b);
	if (kind == KIT_ERROR) {
		html_raw(b, "<div class=\"notice error\" role=\"alert\">");
		html_elem(b, "p", text, (char *)NULL);
		html_raw(b, "</div>\n");
	} else {
		static const char *const cls[] = {"notice ok", "notice info", "notice warn"};
		html_elem(b, "p", text, "class", cls[kind], "role", "status", (char *)NULL);
	}
	return buf_status(b);
}

int kit_error_notice(struct http_req *req, struct buf *b, const struct err *e)
{
	char text[ERR_WHERE_MAX + ERR_MSG_MAX];

	if (!e || !e->code)
		return buf_status(b);
	return kit_notice(b, KIT_ERROR, err_text(e, (enum lang)req->lang, text, sizeof(text)));
}

void kit_reword(struct err *out, const struct err *e, int conflict, int missing,
		const char *subject)
{
	int id = e->code == ERR_CONFLICT ? conflict : e->code == ERR_NOT_FOUND ? missing : -1;

	if (id < 0)
		err_copy(out, e);
	else
		err_fail(out, e->code, e->field, (enum msg_id)id, subject ? subject : "");
}

int kit_done_notice(struct http_req *req, struct buf *b)
{
	static const struct {
		const char *done;
		enum msg_id text;
	} known[] = {
	    /* the build pages */
	    {"levels", MSG_WEB_BUILD_DONE_LEVELS},
	    {"custom", MSG_WEB_BUILD_DONE_CUSTOM},
	    {"preset", MSG_WEB_BUILD_DONE_PRESET},
	    {"saved", MSG_WEB_BUILD_DONE_SAVED},
	    {"nochange", MSG_WEB_BUILD_DONE_NOCHANGE},
	    {"removed", MSG_WEB_CAT_DONE_REMOVED},
	    /* management, evaluation, administration */
	    {"org", MSG_WM_DONE_ORG},
	    {"action", MSG_WM_DONE_ACTION},
	    {"action-done", MSG_WM_DONE_ACTION_DONE},
	    {"action-open", MSG_WM_DONE_ACTION_OPEN},
	    {"action-edited", MSG_WM_DONE_ACTION_EDITED},
	    {"action-deleted", MSG_WM_DONE_ACTION_DELETED},
	    {"team", MSG_WM_DONE_TEAM},
	    {"provider", MSG_WM_DONE_PROVIDER},
	    {"member", MSG_WM_DONE_MEMBER},
	    {"revoked", MSG_WM_DONE_REVOKED},
	    {"renamed", MSG_WM_DONE_RENAMED},
	    {"deleted", MSG_WM_DONE_DELETED},
	    {"org-deleted", MSG_WM_DONE_ORG_DELETED},
	    {"user", MSG_WM_DONE_USER},
	    {"user-changed", MSG_WM_DONE_USER_CHANGED},
	    {"scheduled", MSG_WM_DONE_SCHEDULED},
	    {"unscheduled", MSG_WM_DONE_UNSCHEDULED},
	};
	const char *done = http_req_query(req, "done"), *n = http_req_query(req, "n");
	const char *warn = http_req_query(req, "warn");
	enum lang lang = req->lang;
	char *end = NULL;
	long count = n && *n ? strtol(n, &end, 10) : -1;
	size_t i;

	if (!done)
		return buf_status(b);
	if (count < 0 || !end || *end)
		count = -1;
	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		char num[32];
		if (strcmp(done, known[i].done))
			continue;
		/* "Saved 3 changes" when the page says how many rows it saved */
		snprintf(num, sizeof(num), "%ld", count);
		kit_notice(b, KIT_OK,
			   count == 1  ? tr(lang, MSG_WEB_BUILD_DONE_SAVED_ONE)
			   : count > 1 ? kit_tr(req, MSG_WEB_BUILD_DONE_SAVED_N, num, NULL)
				       : tr(lang, known[i].text));
		break;
	}
	if (warn && !strcmp(warn, "mgmt"))
		kit_notice(b, KIT_WARN, tr(lang, MSG_WEB_BUILD_DONE_WARN_MGMT));
	return buf_status(b);
}

/* ---- text ---- */

const char *kit_tr(struct http_req *req, enum msg_id id, const char *a1, const char *a2)
{
	const char *t = tr(req->lang, id), *p;
	struct buf out;
	const char *s;

	buf_init(&out, KIT_TEXT_MAX);
	for (p = t; *p; p++) {
		const char *arg = NULL;
		if (p[0] == '{' && (p[1] == '1' || p[1] == '2') && p[2] == '}')
			arg = p[1] == '1' ? a1 : a2;
		if (arg) {
			buf_addstr(&out, arg);
			p += 2;
		} else {
			buf_addch(&out, *p);
		}
	}
	/* past the ceiling the text is cut where the argument would not fit */
	s = http_req_strdup(req, out.data);
	buf_release(&out);
	return s;
}

/* ---- redirects and URLs ---- */

int kit_see_other(struct http_resp *resp, const char *url)
{
	return http_redirect(resp, 303, url);
}

int kit_see_other_done(struct http_resp *resp, struct buf *url, const char *done)
{
	int rc;

	buf_printf(url, "?done=%s", done);
	rc = buf_status(url);
	return rc ? rc : kit_see_other(resp, url->data);
}

int kit_org_url(struct buf *b, long long org_id, const char *rest)
{
	buf_printf(b, "/o/%lld%s", org_id, rest ? rest : "");
	return buf_status(b);
}

const char *kit_org_href(struct http_req *req, long long org_id, const char *rest)
{
	struct buf url;
	const char *s;

	buf_init(&url, HTTP_MAX_PATH);
	kit_org_url(&url, org_id, rest);
	s = buf_status(&url) ? NULL : http_req_strdup(req, url.data);
	buf_release(&url);
	return s;
}

int kit_portfolio_url(struct buf *b, long long org_id, const char *fw_id, const char *rest)
{
	buf_printf(b, "/o/%lld/p/", org_id);
	http_percent_encode(b, fw_id ? fw_id : "");
	if (rest && *rest) {
		buf_addch(b, '/');
		buf_addstr(b, rest);
	}
	return buf_status(b);
}

const char *kit_portfolio_href(struct http_req *req, long long org_id, const char *fw_id,
			       const char *rest)
{
	struct buf b;
	const char *s = NULL;

	buf_init(&b, KIT_URL_MAX);
	if (!kit_portfolio_url(&b, org_id, fw_id, rest))
		s = http_req_strdup(req, b.data);
	buf_release(&b);
	return s;
}

/* ---- dates ---- */

const char *kit_date(struct http_req *req, const char *timestamp)
{
	char *d;

	if (!timestamp)
		return NULL;
	d = http_req_strdup(req, timestamp);
	if (strlen(d) > 10 && d[10] == 'T')
		d[10] = '\0';
	return d;
}

const char *kit_datetime(struct http_req *req, const char *timestamp)
{
	char *d;

	if (!timestamp)
		return NULL;
	/* "2026-04-01T09:30:00Z" -> "2026-04-01 09:30 UTC" */
	if (strlen(timestamp) != 20 || timestamp[10] != 'T' || timestamp[19] != 'Z')
		return http_req_strdup(req, timestamp);
	d = http_req_alloc(req, 24);
	snprintf(d, 24, "%.10s %.5s UTC", timestamp, timestamp + 11);
	return d;
}

void kit_today(char out[11])
{
	char now[32];

	store_now(now);
	snprintf(out, 11, "%.10s", now);
}
