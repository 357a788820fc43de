/*
 * api_util.c - what every API handler shares: JSON bodies, field errors,
 * pagination, entry representation and entity tags.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n/i18n.h"
#include "core/score.h"
#include "ops/ops.h"
#include "util/buf.h"
#include "util/utf8.h"
#include "web/api/api.h"
#include "web/webctx.h"

/* Depth of nested arrays and objects in v (stops counting past limit). */
static size_t json_depth(const json_t *v, size_t limit)
{
	size_t d = 0, i;
	const char *k;
	json_t *m;

	if (!limit)
		return 1;
	if (json_is_object(v)) {
		json_object_foreach ((json_t *)v, k, m) {
			size_t c = json_depth(m, limit - 1);
			if (c > d)
				d = c;
		}
		return d + 1;
	}
	if (json_is_array(v)) {
		json_array_foreach (v, i, m) {
			size_t c = json_depth(m, limit - 1);
			if (c > d)
				d = c;
		}
		return d + 1;
	}
	return 0;
}

/* Message id with its arguments ap in the request's language, into buf[ERR_MSG_MAX]. */
static const char *vtext(const struct http_req *req, char *buf, enum msg_id id, va_list ap)
{
	struct err e = ERR_INIT;

	err_vfail(&e, ERR_INVALID, NULL, id, ap);
	return err_message(&e, (enum lang)req->lang, buf, ERR_MSG_MAX);
}

const char *api_message(const struct http_req *req, char buf[ERR_MSG_MAX], enum msg_id id, ...)
{
	va_list ap;

	va_start(ap, id);
	vtext(req, buf, id, ap);
	va_end(ap);
	return buf;
}

int api_body(struct http_req *req, struct http_resp *resp, json_t **out)
{
	json_error_t je;
	json_t *j, *err;
	char msg[ERR_MSG_MAX];

	*out = NULL;
	if (!req->body.len)
		return api_answered(http_json_error(resp, 400, "missing_body",
						    api_message(req, msg, MSG_E_API_NO_BODY)));
	j = json_loadb(req->body.data, req->body.len, JSON_REJECT_DUPLICATES, &je);
	if (!j) {
		err = json_pack(
		    "{s:{s:i, s:s, s:s, s:i, s:i, s:I}}", "error", "status", 400, "code",
		    "malformed_json", "message",
		    api_message(req, msg, MSG_E_API_MALFORMED, je.line, je.column, je.text), "line",
		    je.line, "column", je.column, "position", (json_int_t)je.position);
		if (!err) /* je.text quoted bytes that were not UTF-8 */
			return api_answered(
			    http_json_error(resp, 400, "malformed_json",
					    api_message(req, msg, MSG_E_API_NOT_UTF8)));
		return api_answered(api_send(resp, 400, err));
	}
	if (!json_is_object(j)) {
		json_decref(j);
		return api_answered(http_json_error(resp, 400, "not_an_object",
						    api_message(req, msg, MSG_E_API_NOT_OBJECT)));
	}
	if (json_depth(j, API_JSON_MAX_DEPTH + 1) > API_JSON_MAX_DEPTH) {
		json_decref(j);
		return api_answered(
		    http_json_error(resp, 400, "too_deep",
				    api_message(req, msg, MSG_E_API_TOO_DEEP, API_JSON_MAX_DEPTH)));
	}
	*out = j;
	return 0;
}

/* s into out[0..size) with every byte that starts no UTF-8 sequence replaced by U+FFFD,
 * cut at a whole character. */
static void utf8_clean(char *out, size_t size, const char *s)
{
	size_t left = strlen(s), n = 0, k;
	unsigned long cp;

	while (left) {
		const char *from = s;

		k = utf8_decode(s, left, &cp);
		if (!k) {
			from = "\xef\xbf\xbd";
			k = 3;
			s++;
			left--;
		} else {
			s += k;
			left -= k;
		}
		if (n + k >= size)
			break;
		memcpy(out + n, from, k);
		n += k;
	}
	out[n] = '\0';
}

int api_invalid(struct http_resp *resp, const char *field, const char *message)
{
	char whole[256], clean[ERR_WHERE_MAX + ERR_MSG_MAX];
	json_t *j = json_pack("{s:{s:i, s:s, s:s, s:s}}", "error", "status", 422, "code", "invalid",
			      "field", field, "message", message);

	if (!j) { /* field or message not UTF-8: answer without echoing the bad bytes */
		/* field names are built with byte widths ("%.40s"), which can split a
		 * character: the field is echoed back to whole characters */
		snprintf(whole, sizeof(whole), "%s", field);
		utf8_cut_whole(whole, strlen(whole));
		utf8_clean(clean, sizeof(clean), message);
		j = json_pack("{s:{s:i, s:s, s:s, s:s}}", "error", "status", 422, "code", "invalid",
			      "field", whole, "message", clean);
	}
	if (!j) { /* a field not UTF-8 before its end */
		utf8_clean(whole, sizeof(whole), field);
		j = json_pack("{s:{s:i, s:s, s:s, s:s}}", "error", "status", 422, "code", "invalid",
			      "field", whole, "message", clean);
	}
	return api_send(resp, 422, j);
}

int api_invalid_msg(struct http_req *req, struct http_resp *resp, const char *field, enum msg_id id,
		    ...)
{
	char msg[ERR_MSG_MAX];
	va_list ap;

	va_start(ap, id);
	vtext(req, msg, id, ap);
	va_end(ap);
	return api_invalid(resp, field, msg);
}

int api_error(struct http_req *req, struct http_resp *resp, int status, const char *code,
	      const char *field, enum msg_id id, ...)
{
	char msg[ERR_MSG_MAX];
	va_list ap;

	va_start(ap, id);
	vtext(req, msg, id, ap);
	va_end(ap);
	return http_json_error_field(resp, status, code, field, msg);
}

int api_opt_string(struct http_req *req, struct http_resp *resp, const json_t *obj,
		   const char *field, const char **out)
{
	const json_t *v = json_object_get(obj, field);
	char msg[ERR_MSG_MAX];

	*out = NULL;
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_string(v))
		return api_answered(
		    api_invalid(resp, field, api_message(req, msg, MSG_E_API_NOT_STRING, field)));
	*out = json_string_value(v);
	if (strlen(*out) != json_string_length(v))
		return api_answered(
		    api_invalid(resp, field, api_message(req, msg, MSG_E_API_NUL, field)));
	return 0;
}

int api_req_string(struct http_req *req, struct http_resp *resp, const json_t *obj,
		   const char *field, const char **out)
{
	char msg[ERR_MSG_MAX];
	int rc = api_opt_string(req, resp, obj, field, out);

	if (rc)
		return rc;
	if (!*out || !**out)
		return api_answered(
		    api_invalid(resp, field, api_message(req, msg, MSG_E_API_REQUIRED, field)));
	return 0;
}

/* Refuse members of obj whose key is none of n names, the i-th at byte
 * offset i * stride from names: a plain array of names (stride sizeof(char *))
 * or the name member of an array of structs, read in place. */
static int refuse_unknown(struct http_req *req, struct http_resp *resp, const json_t *obj,
			  const char *const *names, size_t stride, size_t n)
{
	const char *k;
	json_t *v;
	char msg[ERR_MSG_MAX], shown[201];
	size_t i;

	json_object_foreach ((json_t *)obj, k, v) {
		for (i = 0;
		     i < n && strcmp(k, *(const char *const *)((const char *)names + i * stride));
		     i++)
			;
		if (i == n) {
			snprintf(shown, sizeof(shown), "%s", k);
			return api_answered(api_invalid(
			    resp, k, api_message(req, msg, MSG_E_UNKNOWN_FIELD, shown)));
		}
	}
	return 0;
}

int api_known_fields(struct http_req *req, struct http_resp *resp, const json_t *obj,
		     const char *const *allowed, size_t n)
{
	return refuse_unknown(req, resp, obj, allowed, sizeof(*allowed), n);
}

int api_take_members(struct http_req *req, struct http_resp *resp, const json_t *obj,
		     const struct api_member *m, size_t n)
{
	size_t i;
	int rc;

	rc = refuse_unknown(req, resp, obj, &m->name, sizeof(*m), n);
	for (i = 0; !rc && i < n; i++) {
		if (!m[i].out)
			continue;
		if (m[i].required)
			rc = api_req_string(req, resp, obj, m[i].name, m[i].out);
		else
			rc = api_opt_string(req, resp, obj, m[i].name, m[i].out);
	}
	return rc;
}

int api_body_members(struct http_req *req, struct http_resp *resp, json_t **body,
		     const struct api_member *m, size_t n)
{
	int rc = api_body(req, resp, body);

	return rc ? rc : api_take_members(req, resp, *body, m, n);
}

int api_fail(struct http_req *req, struct http_resp *resp, const struct err *e, const char *field)
{
	char msg[ERR_WHERE_MAX + ERR_MSG_MAX];

	if (field &&
	    (e->code == ERR_INVALID || e->code == ERR_TOO_LARGE || e->code == ERR_NOT_FOUND))
		return api_answered(
		    api_invalid(resp, field, err_text(e, (enum lang)req->lang, msg, sizeof(msg))));
	return http_fail(req, e);
}

int api_refuse(struct http_req *req, struct http_resp *resp, const struct err *e)
{
	return api_fail(req, resp, e, e->field[0] ? e->field : NULL);
}

int api_send(struct http_resp *resp, int status, json_t *json)
{
	int rc;

	if (!json)
		return ERR_NOMEM;
	rc = http_resp_json(resp, status, json);
	json_decref(json);
	return rc;
}

/* A decimal query parameter in [min, max]; def when absent. -1 when bad. */
static int query_size(const char *s, size_t def, size_t min, size_t max, size_t *out)
{
	char *end;
	unsigned long long v;

	if (!s) {
		*out = def;
		return 0;
	}
	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (*end || errno || v < min || v > max)
		return -1;
	*out = (size_t)v;
	return 0;
}

int api_page_parse(struct http_req *req, struct http_resp *resp, struct api_page *pg)
{
	char msg[ERR_MSG_MAX];

	if (query_size(http_req_query(req, "page"), 1, 1, 1000000000, &pg->page))
		return api_answered(http_json_error_field(
		    resp, 400, "bad_page", "page", api_message(req, msg, MSG_E_API_BAD_PAGE)));
	if (query_size(http_req_query(req, "per_page"), API_PER_PAGE_DEFAULT, 1, API_PER_PAGE_MAX,
		       &pg->per_page))
		return api_answered(http_json_error_field(
		    resp, 400, "bad_per_page", "per_page",
		    api_message(req, msg, MSG_E_API_BAD_PER_PAGE, API_PER_PAGE_MAX)));
	pg->offset = (pg->page - 1) * pg->per_page;
	return 0;
}

/* Append <path?other params&page=N&per_page=M>; rel="rel" to b. */
static int link_add(struct buf *b, const struct http_req *req, const struct api_page *pg,
		    size_t page, const char *rel)
{
	size_t i;
	int rc = buf_printf(b, "%s<%s?", b->len ? ", " : "", req->path);

	for (i = 0; !rc && i < req->query.n; i++) {
		const struct http_param *q = &req->query.v[i];
		if (!strcmp(q->name, "page") || !strcmp(q->name, "per_page"))
			continue;
		rc = http_percent_encode(b, q->name);
		if (!rc)
			rc = buf_addch(b, '=');
		if (!rc)
			rc = http_percent_encode(b, q->value);
		if (!rc)
			rc = buf_addch(b, '&');
	}
	if (!rc)
		rc = buf_printf(b, "page=%zu&per_page=%zu>; rel=\"%s\"", page, pg->per_page, rel);
	return rc;
}

int api_page_send(struct http_req *req, struct http_resp *resp, const struct api_page *pg,
		  json_t *items, size_t total)
{
	size_t last = total ? (total + pg->per_page - 1) / pg->per_page : 1;
	struct buf link;
	char count[32];
	json_t *j;
	int rc;

	if (!items)
		return ERR_NOMEM;
	buf_init(&link, 16 * 1024);
	rc = link_add(&link, req, pg, 1, "first");
	if (!rc && pg->page > 1)
		rc = link_add(&link, req, pg, pg->page - 1 < last ? pg->page - 1 : last, "prev");
	if (!rc && pg->page < last)
		rc = link_add(&link, req, pg, pg->page + 1, "next");
	if (!rc)
		rc = link_add(&link, req, pg, last, "last");
	if (!rc)
		rc = http_resp_header(resp, "Link", link.data);
	buf_release(&link);
	snprintf(count, sizeof(count), "%zu", total);
	if (!rc)
		rc = http_resp_header(resp, "X-Total-Count", count);
	if (rc) {
		json_decref(items);
		return rc;
	}
	j = json_pack("{s:o, s:I, s:I, s:I}", "items", items, "page", (json_int_t)pg->page,
		      "per_page", (json_int_t)pg->per_page, "total", (json_int_t)total);
	return api_send(resp, 200, j);
}

void api_etag(long long version, char out[32])
{
	snprintf(out, 32, "\"v%lld\"", version);
}

const char *api_lang(const struct http_req *req)
{
	return lang_code(req->lang);
}

json_t *api_entry_json(const struct portfolio *p, const struct entry *en, const char *lang)
{
	json_t *j = store_entry_json(en);
	int advice = ops_entry_advice(p, en);
	const char *cat = entry_category(p, en);

	if (!j)
		return NULL;
	json_object_set_new(
	    j, "name", json_string(entry_name(p, en, lang) ? entry_name(p, en, lang) : en->ref_id));
	json_object_set_new(j, "category", cat && *cat ? json_string(cat) : json_null());
	json_object_set_new(j, "provisional", json_boolean(entry_provisional(p, en)));
	json_object_set_new(
	    j, "assessment",
	    json_string(assessment_name(en->assessment ? en->assessment : ASSESS_SERVICE)));
	json_object_set_new(j, "warning",
			    advice != OPS_NO_ADVICE
				? json_string(tr(lang_parse(lang) == LANG_JA ? LANG_JA : LANG_EN,
						 (enum msg_id)advice))
				: json_null());
	return j;
}

int api_portfolio_load(struct http_req *req, struct http_resp *resp, enum role min_role,
		       struct web_org *w, struct portfolio *p)
{
	struct err e = ERR_INIT;
	int rc = web_org(req, min_role, w);

	if (rc)
		return rc;
	if (ops_load(web_store(req), w->name, http_req_param(req, "fw"), p, &e))
		return api_fail(req, resp, &e, NULL);
	return 0;
}

static json_t *phase(size_t done, size_t total)
{
	return json_pack("{s:I, s:I}", "done", (json_int_t)done, "total", (json_int_t)total);
}

json_t *api_portfolio_json(const struct portfolio *p, const char *lang)
{
	struct progress pr;
	json_t *entries = json_array();
	size_t i;

	score_progress(p, &pr);
	for (i = 0; i < p->n_entries; i++)
		json_array_append_new(entries, api_entry_json(p, &p->entries[i], lang));
	return json_pack("{s:{s:I, s:s?}, s:s, s:i, s:s?, s:{s:o, s:o, s:o}, s:o}", "organization",
			 "id", (json_int_t)p->org_id, "name", p->org_name, "framework",
			 p->framework_id, "cycle", p->cycle, "next_evaluation", p->next_evaluation,
			 "progress", "catalogue", phase(pr.catalogue_done, pr.catalogue_total),
			 "profile", phase(pr.profile_done, pr.profile_total), "portfolio",
			 phase(pr.portfolio_done, pr.portfolio_total), "entries", entries);
}
