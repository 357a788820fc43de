/*
 * orgs.c - organizations, their teams and providers (the parties the
 * profile assigns services to), and their members with their roles.
 */
#include <string.h>

#include "ops/ops_int.h"

int ops_org_add(struct store *st, const struct ops_actor *who, const char *name, const char *parent,
		long long *id, struct err *e)
{
	int rc;

	if (who && !who->site_admin)
		return err_fail(e, ERR_DENIED, "", MSG_E_OPS_NOT_ADMIN);
	rc = ops_tx_begin(st, e);
	if (rc)
		return rc;
	rc = store_org_add(st, name ? name : "", parent && *parent ? parent : NULL, id, e);
	/* the name is new or taken; what cannot be found is the parent */
	rc = ops_field(e, rc, rc == ERR_NOT_FOUND ? "parent" : "name");
	return ops_tx_end(st, rc, e);
}

/* The start of an action on one organization, as ops_tx_load: the
 * transaction begun and ORG found into o (zeroed by the caller), or the
 * error with the transaction rolled back. */
static int tx_org(struct store *st, const char *org, struct org *o, struct err *e)
{
	int rc = ops_tx_begin(st, e);

	if (rc)
		return rc;
	rc = ops_field(e, store_org_find(st, org, o, e), "");
	if (rc)
		org_release(o);
	return rc ? ops_tx_end(st, rc, e) : 0;
}

int ops_party_add(struct store *st, const char *org, enum party_kind k, const char *name,
		  long long *id, struct err *e)
{
	struct org o = {0};
	int rc;

	rc = tx_org(st, org, &o, e);
	if (rc)
		return rc;
	rc = ops_field(e, store_party_add(st, k, o.id, name ? name : "", id, e), "name");
	org_release(&o);
	return ops_tx_end(st, rc, e);
}

int ops_member_set(struct store *st, const char *org, const char *user, const char *role,
		   const char *team, long long team_id, struct err *e)
{
	struct user u = {0};
	struct org o = {0};
	int r = role_parse(role), rc;

	if (r < 0)
		return err_fail(e, ERR_INVALID, "role", MSG_E_OPS_ROLE_UNKNOWN, role ? role : "");
	rc = ops_tx_begin(st, e);
	if (rc)
		return rc;
	rc = ops_field(e, store_user_find(st, user ? user : "", &u, e), "user");
	if (!rc)
		rc = ops_field(e, store_org_find(st, org, &o, e), "");
	if (!rc && team && *team)
		rc =
		    ops_field(e, store_party_find(st, PARTY_TEAM, o.id, team, &team_id, e), "team");
	else if (team)
		team_id = 0;
	if (!rc) {
		rc = store_membership_set(st, u.id, o.id, (enum role)r, team_id, e);
		/* the user and the organization exist: what the store can refuse is the team */
		rc = ops_field(e, rc, rc == ERR_INVALID ? "team" : "");
	}
	user_release(&u);
	org_release(&o);
	return ops_tx_end(st, rc, e);
}

int ops_member_revoke(struct store *st, const struct ops_actor *who, const char *org,
		      long long user_id, struct err *e)
{
	struct org o = {0};
	int rc;

	rc = tx_org(st, org, &o, e);
	if (rc)
		return rc;
	/* an organization's administrator cannot lock themselves out by accident */
	if (who && who->user_id == user_id && !who->site_admin)
		rc = err_fail(e, ERR_INVALID, "user", MSG_E_OPS_REVOKE_SELF, o.name);
	if (!rc)
		rc = ops_field(e, store_membership_delete(st, user_id, o.id, e), "user");
	org_release(&o);
	return ops_tx_end(st, rc, e);
}
