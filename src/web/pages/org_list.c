/*
 * org_list.c - one page of the user's organizations with its search form and pager
 * (org_list.h).
 */
#include <stdio.h>
#include <string.h>

#include "i18n/i18n.h"
#include "report/html.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "web/pages/kit.h"
#include "web/pages/org_list.h"
#include "web/webctx.h"

/* A query parameter kept when present, non-empty, valid UTF-8 and not too long. */
static const char *param(struct http_req *req, const char *name)
{
	const char *v = http_req_query(req, name);

	if (!v || !*v || strlen(v) > ORG_LIST_QUERY_MAX || !utf8_valid(v, strlen(v)))
		return NULL;
	return v;
}

int org_list_read(struct http_req *req, size_t limit, struct org_list *l, struct err *e)
{
	const struct web_user *u = web_user(req);
	struct org_page_query q = {0};

	memset(l, 0, sizeof(*l));
	if (!u)
		return err_fail(e, ERR_INTERNAL, NULL, MSG_E_DB_BIND);
	l->after = param(req, "after");
	l->prefix = param(req, "q");
	q.user_id = u->id;
	q.all = u->is_admin;
	q.after = l->after;
	q.prefix = l->prefix;
	q.limit = limit;
	return store_org_page(web_store(req), &q, &l->page, e);
}

void org_list_release(struct org_list *l)
{
	org_page_release(&l->page);
}

/* path with ?q= (when filtering) and ?after= (when given) in per-request memory. */
static const char *list_url(struct http_req *req, const char *path, const char *prefix,
			    const char *after)
{
	struct buf url;
	const char *s;

	buf_init(&url, 4 * ORG_LIST_QUERY_MAX + 64);
	buf_addstr(&url, path);
	if (prefix) {
		buf_addstr(&url, "?q=");
		http_percent_encode(&url, prefix);
	}
	if (after) {
		buf_addstr(&url, prefix ? "&after=" : "?after=");
		http_percent_encode(&url, after);
	}
	s = buf_status(&url) ? path : http_req_strdup(req, url.data);
	buf_release(&url);
	return s;
}

int org_list_search(struct http_req *req, struct buf *b, const char *path, const struct org_list *l)
{
	enum lang lang = req->lang;

	html_open(b, "form", "method", "get", "action", path, "class", "toolbar filter", "role",
		  "search", (char *)NULL);
	html_raw(b, "<div class=\"field\">");
	html_elem(b, "label", tr(lang, MSG_OL_SEARCH), "for", "org-q", (char *)NULL);
	html_fmt(b, "<input type=\"search\" id=\"org-q\" name=\"q\" maxlength=\"%d\" value=\"",
		 ORG_LIST_QUERY_MAX);
	html_text(b, l->prefix ? l->prefix : "");
	html_raw(b, "\"></div><div>");
	html_elem(b, "button", tr(lang, MSG_OL_FIND), "type", "submit", (char *)NULL);
	if (l->prefix)
		html_elem(b, "a", tr(lang, MSG_OL_ALL), "class", "button", "href", path,
			  (char *)NULL);
	html_raw(b, "</div></form>\n");
	return buf_status(b);
}

int org_list_pager(struct http_req *req, struct buf *b, const char *path, const struct org_list *l)
{
	const struct org_page *p = &l->page;
	enum lang lang = req->lang;

	if (!p->n && l->prefix)
		html_elem(b, "p", tr(lang, MSG_OL_NONE_MATCH), "class", "empty", (char *)NULL);
	if (!l->after && !p->more)
		return buf_status(b); /* everything is on this page */
	html_fmt(b, "<nav class=\"pagination\" aria-label=\"%s\">", tr(lang, MSG_WM_PAGES));
	html_fmt(b, "<span>%s %lld", tr(lang, MSG_OL_COUNT), p->total);
	if (p->n) { /* the names the page runs from and to */
		html_fmt(b, " · %s ", tr(lang, MSG_OL_SHOWING));
		html_text(b, p->rows[0].org.name);
		html_raw(b, " – ");
		html_text(b, p->rows[p->n - 1].org.name);
	}
	html_raw(b, "</span>");
	if (l->after)
		html_elem(b, "a", tr(lang, MSG_OL_FIRST), "href",
			  list_url(req, path, l->prefix, NULL), "rel", "first", (char *)NULL);
	if (p->more)
		html_elem(b, "a", tr(lang, MSG_OL_NEXT), "href",
			  list_url(req, path, l->prefix, p->rows[p->n - 1].org.name), "rel", "next",
			  (char *)NULL);
	html_raw(b, "</nav>\n");
	return buf_status(b);
}
