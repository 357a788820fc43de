/*
 * page.h - the shared frame of every server-rendered page: document head
 * (hashed CSS/JS/icon URLs), skip link, site header with the language
 * switch, <main>, footer. Page handlers write only their content between
 * page_begin() and page_end(), through the escaping writer (report/html.h)
 * and the kit (kit.h). The body's error is sticky: write, then check once.
 *
 *   static int page_hello(struct http_req *req, struct http_resp *resp)
 *   {
 *           struct buf *b = &resp->body;
 *
 *           page_begin(req, resp, 200, tr(req->lang, MSG_WEB_HELLO));
 *           html_elem(b, "p", http_req_query(req, "name"), (char *)NULL);
 *           page_end(req, resp);
 *           return buf_status(b);
 *   }
 */
#ifndef CDCF_WEB_PAGE_H
#define CDCF_WEB_PAGE_H

struct http_req;
struct http_resp;

/* Start an HTML response with status (body emptied, its error forgotten);
 * title is plain text (escaped here), shown as "<title> · cdcf". Both return
 * buf_status of the body. */
int page_begin(struct http_req *req, struct http_resp *resp, int status, const char *title);

/* Close <main> and write the footer. */
int page_end(struct http_req *req, struct http_resp *resp);

#endif
