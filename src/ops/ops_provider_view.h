/*
 * ops_provider_view.h - the provider's view. A client links one of its
 * providers to the provider's own organization in cdcf and shares with it, or
 * stops sharing; the provider organization's members then see, across every
 * client that shares with it, the services outsourced (or hybrid) to it and,
 * for those services only, the client's outsourced-side current and target
 * scores, note, level and the framework and service names. Nothing else of
 * the client: no in-house scores, no other services, actions or members.
 *
 * Who decides: changing who sees an organization's data is an administrator's
 * act, so linking, unlinking, sharing and stopping are for the client's
 * administrators and site administrators (and the CLI, who NULL); editors
 * cannot. Each is one transaction with one audit event in the client's log.
 */
#ifndef CDCF_OPS_PROVIDER_VIEW_H
#define CDCF_OPS_PROVIDER_VIEW_H

#include <jansson.h>
#include <stdbool.h>

#include "ops/ops.h"
#include "store/store_provider_link.h"
#include "util/buf.h"

/* Link provider `provider` of organization `client` to organization `provider_org`
 * (by name). A new or moved link is not shared. Errors: unknown organization or provider
 * (ERR_NOT_FOUND, field "organization" for provider_org), the client itself
 * (ERR_INVALID), who not an administrator of client (ERR_DENIED). */
int ops_provider_link(struct store *st, const struct ops_actor *who, const char *client,
		      const char *provider, const char *provider_org, struct err *e);

/* Remove the link (ERR_NOT_FOUND when there is none); the provider sees nothing more. */
int ops_provider_unlink(struct store *st, const struct ops_actor *who, const char *client,
			const char *provider, struct err *e);

/* Share (on) or stop sharing (off) with the linked organization. ERR_NOT_FOUND when the
 * provider is not linked. */
int ops_provider_share(struct store *st, const struct ops_actor *who, const char *client,
		       const char *provider, bool on, struct err *e);

/* "on" / "off" into *on; anything else ERR_INVALID on field "share". */
int ops_provider_share_word(const char *word, bool *on, struct err *e);

/* The providers of client_org_id with their links (store_provider_links). */
int ops_provider_links(struct store *st, long long client_org_id, struct provider_link_row **out,
		       size_t *n, struct err *e);

/* One page of the provider's view of provider_org_id (store_provider_clients), in one read
 * transaction. The caller has checked that its user may see provider_org_id. */
int ops_provider_clients(struct store *st, long long provider_org_id,
			 const struct provider_cursor *after, size_t offset, size_t limit,
			 struct provider_client_page *out, struct err *e);

/* Does any client share with org_id (the organization page links to its clients)? */
int ops_provider_has_clients(struct store *st, long long org_id, bool *out, struct err *e);

/* The service's name in lang: a custom service's own, else the framework's, else its ref. */
const char *ops_provider_service_name(const struct provider_client_row *r, const char *lang);

/* The framework's name in lang, else its id. */
const char *ops_provider_framework_name(const struct provider_client_row *r, const char *lang);

/* "a.b.c", the cursor after row r, for a next-page link; and back (ERR_INVALID on field
 * "after" when text is not three non-negative numbers). */
void ops_provider_cursor_text(const struct provider_cursor *c, char out[72]);
int ops_provider_cursor_parse(const char *text, struct provider_cursor *c, struct err *e);

/* The rows of page as CSV (report_csv_cell's rules: formulas neutralised, "\r\n" rows),
 * the header line first when header: client, provider, framework, service, service_name,
 * level, assignment, outsourced_current, outsourced_target, note. Names in lang. */
void ops_provider_csv(const struct provider_client_page *page, const char *lang, int header,
		      struct buf *out);

/* The rows of page as a JSON array of objects with the CSV's keys (scores: numbers,
 * "n/a" or null). New reference. */
json_t *ops_provider_json(const struct provider_client_page *page, const char *lang);

/* A score of the view as text: "n/a", "" for not assessed, else the number. */
const char *ops_provider_score_text(int score, char buf[16]);

#endif
