/*
 * manage.c - the management process: improvement actions for selected
 * services and their status.
 */
#include <stdio.h>
#include <string.h>

#include "core/rules.h"
#include "ops/ops_int.h"
#include "util/buf.h"
#include "util/xalloc.h"

int ops_action_add(struct store *st, const char *org, const char *fw_id, const char *ref,
		   const char *title, const char *owner, const char *due, const char *target,
		   long long *id, struct err *e)
{
	struct portfolio p;
	struct entry *en;
	struct action a = {0};
	int rc, tgt = SCORE_NONE;

	rc = ops_field(e, rule_action_title(ref, title, e), "title");
	if (!rc && due && *due)
		rc = store_check_date_as(STORE_WHAT(MSG_N_DUE_DATE, "due"), due, e);
	if (rc)
		return rc;
	rc = ops_tx_load(st, org, fw_id, &p, e);
	if (rc)
		return rc;
	rc = ops_field(e, rule_entry_selected(&p, ref, &en, e), "ref");
	if (!rc && target)
		rc = ops_field(e,
			       rule_score_text(p.fw, rule_action_side(en), ref, "action target",
					       target, &tgt, e),
			       "target");
	if (!rc) {
		a.ref_id = en->ref_id;
		a.title = (char *)title;
		a.owner = owner && *owner ? (char *)owner : NULL;
		a.due = due && *due ? (char *)due : NULL;
		a.target = tgt;
		a.status = "open";
		rc = store_action_add(st, p.id, &a, e);
		if (!rc && id)
			*id = a.id;
		/* store_action_add may fill created_at; it is owned by a */
		XFREE(&a.created_at);
	}
	portfolio_release(&p);
	return ops_tx_end(st, rc, e);
}

int ops_action_status(struct store *st, const char *org, const char *fw_id, long long action_id,
		      const char *status, struct err *e)
{
	long long org_id, pid;
	int rc;

	rc = ops_field(e, rule_action_status(status, e), "status");
	if (rc)
		return rc;
	rc = ops_tx_resolve(st, org, fw_id, &org_id, &pid, e);
	if (rc)
		return rc;
	rc = ops_field(e, store_action_set_status(st, pid, action_id, status, e), "");
	return ops_tx_end(st, rc, e);
}

/* An optional text input: NULL keeps what is stored (*keep), "" clears it. */
static char *edited(const char *input, char *keep)
{
	if (!input)
		return keep;
	return *input ? (char *)input : NULL;
}

/* Is target the text of the stored score? Then it is not checked again: the
 * service may have been taken out of the build since the target was set. */
static int same_target(const char *target, int stored)
{
	char text[16];

	if (stored == SCORE_NONE)
		return 0;
	if (stored == SCORE_NA)
		return !strcmp(target, "n/a");
	snprintf(text, sizeof(text), "%d", stored);
	return !strcmp(target, text);
}

int ops_action_edit(struct store *st, const char *org, const char *fw_id, long long action_id,
		    const char *title, const char *owner, const char *due, const char *target,
		    struct err *e)
{
	struct portfolio p;
	struct action old = {0}, a;
	struct entry *en;
	int rc;

	if (due && *due && (rc = store_check_date_as(STORE_WHAT(MSG_N_DUE_DATE, "due"), due, e)))
		return rc;
	rc = ops_tx_load(st, org, fw_id, &p, e);
	if (rc)
		return rc;
	rc = store_action_get(st, p.id, action_id, &old, e);
	if (!rc && title)
		rc = ops_field(e, rule_action_title(old.ref_id, title, e), "title");
	a = old;
	a.title = title ? (char *)title : old.title;
	a.owner = edited(owner, old.owner);
	a.due = edited(due, old.due);
	if (!rc && target && !*target)
		a.target = SCORE_NONE;
	/* the stored target sent back (a form sends every input) is kept unchecked */
	else if (!rc && target && !same_target(target, old.target)) {
		rc = ops_field(e, rule_entry_selected(&p, old.ref_id, &en, e), "ref");
		if (!rc)
			rc = ops_field(e,
				       rule_score_text(p.fw, rule_action_side(en), old.ref_id,
						       "action target", target, &a.target, e),
				       "target");
	}
	if (!rc)
		rc = store_action_edit(st, p.id, &a, e);
	action_release(&old);
	portfolio_release(&p);
	return ops_tx_end(st, rc, e);
}

int ops_action_delete(struct store *st, const char *org, const char *fw_id, long long action_id,
		      struct err *e)
{
	long long org_id, pid;
	int rc;

	rc = ops_tx_resolve(st, org, fw_id, &org_id, &pid, e);
	if (rc)
		return rc;
	rc = store_action_delete(st, pid, action_id, e);
	return ops_tx_end(st, rc, e);
}

/* The open actions of ref among acts, as "#4, #7, #9, ..." into b; their number. */
static size_t open_actions(const struct action *acts, size_t n, const char *ref, struct buf *b)
{
	size_t i, count = 0;

	for (i = 0; i < n; i++) {
		if (strcmp(acts[i].ref_id, ref))
			continue;
		if (count < STORE_USAGE_REFS)
			buf_printf(b, "%s#%lld", count ? ", " : "", acts[i].id);
		else if (count == STORE_USAGE_REFS)
			buf_addstr(b, ", ...");
		count++;
	}
	return count;
}

int ops_entry_removable(const struct entry *en)
{
	/* a shipped readiness component or parameter is in scope by default:
	 * deleting its entry would only bring it back, unscored */
	return en && en->version > 0 && (en->custom || entry_has_sides(en));
}

int ops_service_remove(struct store *st, const char *org, const char *fw_id, const char *ref,
		       long long expect_version, struct err *e)
{
	struct portfolio p;
	struct action *acts = NULL;
	const struct entry *en;
	struct buf ids;
	size_t n = 0, open;
	int rc;

	rc = ops_tx_load(st, org, fw_id, &p, e);
	if (rc)
		return rc;
	buf_init(&ids, STORE_USAGE_REFS * 24 + 8);
	en = portfolio_find(&p, ref ? ref : "");
	if (!en)
		rc = err_fail(e, ERR_NOT_FOUND, "ref", MSG_E_NOT_IN_PORTFOLIO, ref ? ref : "",
			      p.org_name, p.framework_id);
	else if (!en->custom && !entry_has_sides(en))
		rc = err_fail(e, ERR_INVALID, "ref", MSG_E_OPS_REMOVE_SIDELESS, en->ref_id);
	else if (!ops_entry_removable(en))
		rc = err_fail(e, ERR_NOT_FOUND, "ref", MSG_E_NOT_IN_PORTFOLIO, en->ref_id,
			      p.org_name, p.framework_id);
	else if (expect_version >= 0 && en->version != expect_version)
		rc = err_fail(e, ERR_CONFLICT, "version", MSG_E_ENTRY_CHANGED, en->ref_id,
			      en->version, expect_version);
	if (!rc)
		rc = store_action_list(st, p.id, "open", &acts, &n, e);
	/* an open action is work still planned on the service: it is finished or
	 * deleted first, never left pointing at nothing; done actions stay as history */
	if (!rc && (open = open_actions(acts, n, en->ref_id, &ids)))
		rc = err_fail(e, ERR_CONFLICT, "ref", MSG_E_OPS_SERVICE_HAS_ACTIONS, en->ref_id,
			      (long long)open, buf_status(&ids) ? "..." : ids.data);
	if (!rc)
		rc = store_entry_delete(st, p.id, en->ref_id, e);
	action_list_free(acts, n);
	buf_release(&ids);
	portfolio_release(&p);
	return ops_tx_end(st, rc, e);
}
