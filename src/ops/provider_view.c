/*
 * provider_view.c - links from a client's providers to provider
 * organizations, and the provider's view of its sharing clients
 * (ops_provider_view.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/catalog.h"
#include "ops/ops_int.h"
#include "ops/ops_provider_view.h"
#include "report/report.h"

/* The start of a change of a link: the transaction begun, who allowed (an administrator
 * of client), client and its provider found into *client_id and *provider_id. */
static int tx_link(struct store *st, const struct ops_actor *who, const char *client,
		   const char *provider, long long *client_id, long long *provider_id,
		   struct err *e)
{
	struct org o = {0};
	int rc = ops_tx_begin(st, e);

	if (rc)
		return rc;
	rc = ops_field(e, store_org_find(st, client ? client : "", &o, e), "");
	if (!rc && who && !who->site_admin && who->role != ROLE_ADMIN)
		rc = err_fail(e, ERR_DENIED, "", MSG_E_PROVIDER_NOT_ADMIN, o.name);
	if (!rc)
		rc = ops_field(e,
			       store_party_find(st, PARTY_PROVIDER, o.id, provider ? provider : "",
						provider_id, e),
			       "provider");
	*client_id = o.id;
	org_release(&o);
	return rc ? ops_tx_end(st, rc, e) : 0;
}

int ops_provider_link(struct store *st, const struct ops_actor *who, const char *client,
		      const char *provider, const char *provider_org, struct err *e)
{
	struct org target = {0};
	long long client_id, provider_id;
	int rc = tx_link(st, who, client, provider, &client_id, &provider_id, e);

	if (rc)
		return rc;
	rc = ops_field(e, store_org_find(st, provider_org ? provider_org : "", &target, e),
		       "organization");
	if (!rc)
		rc = store_provider_link(st, client_id, provider_id, target.id, e);
	org_release(&target);
	return ops_tx_end(st, rc, e);
}

int ops_provider_unlink(struct store *st, const struct ops_actor *who, const char *client,
			const char *provider, struct err *e)
{
	long long client_id, provider_id;
	int rc = tx_link(st, who, client, provider, &client_id, &provider_id, e);

	if (rc)
		return rc;
	rc = store_provider_unlink(st, client_id, provider_id, e);
	return ops_tx_end(st, rc, e);
}

int ops_provider_share(struct store *st, const struct ops_actor *who, const char *client,
		       const char *provider, bool on, struct err *e)
{
	long long client_id, provider_id;
	int rc = tx_link(st, who, client, provider, &client_id, &provider_id, e);

	if (rc)
		return rc;
	rc = store_provider_share(st, client_id, provider_id, on, e);
	return ops_tx_end(st, rc, e);
}

int ops_provider_share_word(const char *word, bool *on, struct err *e)
{
	if (word && !strcmp(word, "on"))
		*on = true;
	else if (word && !strcmp(word, "off"))
		*on = false;
	else
		return err_fail(e, ERR_INVALID, "share", MSG_E_PROVIDER_SHARE_WORD,
				word ? word : "");
	return 0;
}

int ops_provider_links(struct store *st, long long client_org_id, struct provider_link_row **out,
		       size_t *n, struct err *e)
{
	return store_provider_links(st, client_org_id, out, n, e);
}

int ops_provider_clients(struct store *st, long long provider_org_id,
			 const struct provider_cursor *after, size_t offset, size_t limit,
			 struct provider_client_page *out, struct err *e)
{
	int rc = ops_tx_begin(st, e);

	if (rc)
		return rc;
	rc = store_provider_clients(st, provider_org_id, after, offset, limit, out, e);
	return ops_tx_end(st, rc, e);
}

int ops_provider_has_clients(struct store *st, long long org_id, bool *out, struct err *e)
{
	return store_provider_has_clients(st, org_id, out, e);
}

const char *ops_provider_service_name(const struct provider_client_row *r, const char *lang)
{
	const struct framework *fw;
	int k;

	if (r->custom_name_en || r->custom_name_ja) {
		if (lang && !strcmp(lang, "ja") && r->custom_name_ja && *r->custom_name_ja)
			return r->custom_name_ja;
		return r->custom_name_en && *r->custom_name_en ? r->custom_name_en : r->ref_id;
	}
	fw = catalog_get(r->framework_id);
	k = fw ? framework_find(fw, r->ref_id) : -1;
	return k >= 0 ? fw_node_name(&fw->nodes[k], lang) : r->ref_id;
}

const char *ops_provider_framework_name(const struct provider_client_row *r, const char *lang)
{
	const struct framework *fw = catalog_get(r->framework_id);

	return fw ? framework_name(fw, lang) : r->framework_id;
}

void ops_provider_cursor_text(const struct provider_cursor *c, char out[72])
{
	snprintf(out, 72, "%lld.%lld.%lld", c->client_id, c->provider_id, c->entry_id);
}

int ops_provider_cursor_parse(const char *text, struct provider_cursor *c, struct err *e)
{
	char tail;

	memset(c, 0, sizeof *c);
	if (!text || !*text)
		return 0;
	if (strlen(text) > 64 ||
	    sscanf(text, "%lld.%lld.%lld%c", &c->client_id, &c->provider_id, &c->entry_id, &tail) !=
		3 ||
	    c->client_id < 0 || c->provider_id < 0 || c->entry_id < 0) {
		memset(c, 0, sizeof *c);
		return err_fail(e, ERR_INVALID, "after", MSG_E_PROVIDER_CURSOR, text);
	}
	return 0;
}

const char *ops_provider_score_text(int score, char buf[16])
{
	if (score == SCORE_NONE)
		buf[0] = '\0';
	else if (score == SCORE_NA)
		snprintf(buf, 16, "n/a");
	else
		snprintf(buf, 16, "%d", score);
	return buf;
}

void ops_provider_csv(const struct provider_client_page *page, const char *lang, int header,
		      struct buf *out)
{
	static const char *const head[] = {
	    "client", "provider",   "framework",	  "service",	       "service_name",
	    "level",  "assignment", "outsourced_current", "outsourced_target", "note"};
	char cur[16], tgt[16];
	size_t i;

	if (header) {
		for (i = 0; i < sizeof head / sizeof *head; i++)
			report_csv_cell(out, head[i], i == 0);
		buf_addstr(out, "\r\n");
	}
	for (i = 0; i < page->n; i++) {
		const struct provider_client_row *r = &page->rows[i];

		report_csv_cell(out, r->client, 1);
		report_csv_cell(out, r->provider, 0);
		report_csv_cell(out, r->framework_id, 0);
		report_csv_cell(out, r->ref_id, 0);
		report_csv_cell(out, ops_provider_service_name(r, lang), 0);
		report_csv_cell(out, r->level, 0);
		report_csv_cell(out, r->assignment, 0);
		report_csv_cell(out, ops_provider_score_text(r->out_current, cur), 0);
		report_csv_cell(out, ops_provider_score_text(r->out_target, tgt), 0);
		report_csv_cell(out, r->note, 0);
		buf_addstr(out, "\r\n");
	}
}

static json_t *score_json(int score)
{
	if (score == SCORE_NONE)
		return json_null();
	if (score == SCORE_NA)
		return json_string("n/a");
	return json_integer(score);
}

json_t *ops_provider_json(const struct provider_client_page *page, const char *lang)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; i < page->n; i++) {
		const struct provider_client_row *r = &page->rows[i];
		json_t *o = json_object();

		json_object_set_new(o, "client", json_string(r->client));
		json_object_set_new(o, "provider", json_string(r->provider));
		json_object_set_new(o, "framework", json_string(r->framework_id));
		json_object_set_new(o, "service", json_string(r->ref_id));
		json_object_set_new(o, "service_name",
				    json_string(ops_provider_service_name(r, lang)));
		json_object_set_new(o, "level", json_string(r->level));
		json_object_set_new(o, "assignment", json_string(r->assignment));
		json_object_set_new(o, "outsourced_current", score_json(r->out_current));
		json_object_set_new(o, "outsourced_target", score_json(r->out_target));
		json_object_set_new(o, "note", r->note ? json_string(r->note) : json_null());
		json_array_append_new(arr, o);
	}
	return arr;
}
