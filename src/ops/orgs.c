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

/* May who change ORG's teams and providers? The CLI (who NULL), site
 * administrators and ORG's administrators. */
static int may_manage(const struct ops_actor *who, const struct org *o, struct err *e)
{
	if (!who || who->site_admin || who->role == ROLE_ADMIN)
		return 0;
	return err_fail(e, ERR_DENIED, "", MSG_E_OPS_NOT_ORG_ADMIN, o->name);
}

/* The start of a change of one of ORG's parties: the transaction begun, ORG
 * found into o, who allowed and the party called name found into *id. */
static int tx_party(struct store *st, const struct ops_actor *who, const char *org,
		    enum party_kind k, const char *name, struct org *o, long long *id,
		    struct err *e)
{
	int rc = tx_org(st, org, o, e);

	if (rc)
		return rc;
	rc = may_manage(who, o, e);
	if (!rc)
		rc = ops_field(e, store_party_find(st, k, o->id, name ? name : "", id, e), "");
	if (rc) {
		org_release(o);
		return ops_tx_end(st, rc, e);
	}
	return 0;
}

int ops_party_rename(struct store *st, const struct ops_actor *who, const char *org,
		     enum party_kind k, const char *old_name, const char *new_name, struct err *e)
{
	struct org o = {0};
	long long id;
	int rc;

	rc = tx_party(st, who, org, k, old_name, &o, &id, e);
	if (rc)
		return rc;
	rc = store_party_rename(st, k, o.id, id, new_name ? new_name : "", e);
	rc = ops_field(e, rc, "name");
	org_release(&o);
	return ops_tx_end(st, rc, e);
}

int ops_party_delete(struct store *st, const struct ops_actor *who, const char *org,
		     enum party_kind k, const char *name, struct err *e)
{
	struct store_usage entries = {0}, members = {0};
	struct org o = {0};
	long long id;
	int rc;

	rc = tx_party(st, who, org, k, name, &o, &id, e);
	if (rc)
		return rc;
	rc = store_party_usage(st, k, id, &entries, &members, e);
	if (!rc && k == PARTY_TEAM && (entries.count || members.count))
		rc = err_fail(e, ERR_CONFLICT, "", MSG_E_OPS_TEAM_IN_USE, name, o.name,
			      entries.count, entries.count ? entries.refs : "-", members.count,
			      members.count ? members.refs : "-");
	else if (!rc && entries.count)
		rc = err_fail(e, ERR_CONFLICT, "", MSG_E_OPS_PROVIDER_IN_USE, name, o.name,
			      entries.count, entries.refs);
	if (!rc)
		rc = ops_field(e, store_party_delete(st, k, o.id, id, e), "");
	store_usage_release(&entries);
	store_usage_release(&members);
	org_release(&o);
	return ops_tx_end(st, rc, e);
}

int ops_org_rename(struct store *st, const struct ops_actor *who, const char *old_name,
		   const char *new_name, struct err *e)
{
	struct org o = {0};
	int rc;

	rc = tx_org(st, old_name, &o, e);
	if (rc)
		return rc;
	if (who && !who->site_admin && who->role != ROLE_ADMIN)
		rc = err_fail(e, ERR_DENIED, "", MSG_E_OPS_NOT_ORG_RENAME, o.name);
	if (!rc)
		rc = ops_field(e, store_org_rename(st, o.id, new_name ? new_name : "", e), "name");
	org_release(&o);
	return ops_tx_end(st, rc, e);
}

int ops_org_delete(struct store *st, const struct ops_actor *who, const char *name, struct err *e)
{
	struct store_usage pf = {0}, children = {0}, members = {0};
	struct org o = {0};
	int rc;

	rc = tx_org(st, name, &o, e);
	if (rc)
		return rc;
	if (who && !who->site_admin)
		rc = err_fail(e, ERR_DENIED, "", MSG_E_OPS_NOT_ORG_DELETE);
	if (!rc)
		rc = store_org_usage(st, o.id, &pf, &children, &members, e);
	if (!rc && (pf.count || children.count || members.count))
		rc = err_fail(e, ERR_CONFLICT, "", MSG_E_OPS_ORG_IN_USE, pf.count,
			      pf.count ? pf.refs : "-", children.count,
			      children.count ? children.refs : "-", members.count,
			      members.count ? members.refs : "-");
	if (!rc)
		rc = ops_field(e, store_org_delete(st, o.id, e), "");
	store_usage_release(&pf);
	store_usage_release(&children);
	store_usage_release(&members);
	org_release(&o);
	return ops_tx_end(st, rc, e);
}
