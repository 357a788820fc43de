/*
 * load.c - what every action of ops/ starts with: the framework, the
 * organization and portfolio by name, the portfolio loaded, the transaction.
 */
#include <string.h>

#include "io/catalog.h"
#include "ops/ops_int.h"

int ops_field(struct err *e, int rc, const char *field)
{
	if (rc && e)
		err_field(e, field);
	return rc;
}

int ops_tx_begin(struct store *st, struct err *e)
{
	return db_begin(st->db, e);
}

int ops_tx_end(struct store *st, int rc, struct err *e)
{
	if (rc) {
		db_rollback(st->db);
		return rc;
	}
	return db_commit(st->db, e);
}

int ops_tx_load(struct store *st, const char *org, const char *fw_id, struct portfolio *p,
		struct err *e)
{
	int rc;

	portfolio_init(p);
	rc = ops_tx_begin(st, e);
	if (rc)
		return rc;
	rc = ops_load(st, org, fw_id, p, e);
	if (rc)
		portfolio_release(p);
	return rc ? ops_tx_end(st, rc, e) : 0;
}

int ops_tx_resolve(struct store *st, const char *org, const char *fw_id, long long *org_id,
		   long long *pid, struct err *e)
{
	int rc = ops_tx_begin(st, e);

	if (rc)
		return rc;
	rc = ops_resolve(st, org, fw_id, org_id, pid, e);
	return rc ? ops_tx_end(st, rc, e) : 0;
}

int ops_framework(const char *fw_id, const struct framework **out, struct err *e)
{
	int rc;

	*out = fw_id ? catalog_get(fw_id) : NULL;
	if (*out)
		return 0;
	rc = catalog_registry_init(e); /* a shipped catalogue that does not load says why */
	if (rc)
		return rc;
	return err_fail(e, ERR_NOT_FOUND, "framework", MSG_E_UNKNOWN_FRAMEWORK, fw_id ? fw_id : "");
}

int ops_resolve(struct store *st, const char *org, const char *fw_id, long long *org_id,
		long long *pid, struct err *e)
{
	const struct framework *fw;
	struct org o = {0};
	int rc;

	rc = ops_framework(fw_id, &fw, e);
	if (rc)
		return rc;
	rc = ops_field(e, store_org_find(st, org, &o, e), "");
	if (rc)
		return rc;
	*org_id = o.id;
	org_release(&o);
	return pid ? ops_field(e, store_portfolio_find(st, *org_id, fw_id, pid, e), "") : 0;
}

int ops_load(struct store *st, const char *org, const char *fw_id, struct portfolio *p,
	     struct err *e)
{
	long long org_id, pid;
	int rc = ops_resolve(st, org, fw_id, &org_id, &pid, e);

	if (rc)
		return rc;
	return ops_load_id(st, pid, p, e);
}

int ops_load_id(struct store *st, long long portfolio_id, struct portfolio *p, struct err *e)
{
	int rc = store_portfolio_load(st, portfolio_id, p, e);

	if (rc)
		return rc;
	p->fw = catalog_get(p->framework_id);
	if (!p->fw)
		return err_fail(e, ERR_NOT_FOUND, "framework", MSG_E_UNKNOWN_FRAMEWORK,
				p->framework_id);
	portfolio_bind(p);
	portfolio_sort(p);
	portfolio_fill_defaults(p);
	return 0;
}

int ops_entry_advice(const struct portfolio *p, const struct entry *en)
{
	int i;

	if (en->assignment != ASSIGN_OUTSOURCE || en->custom || !p->fw)
		return OPS_NO_ADVICE;
	i = framework_find(p->fw, en->ref_id);
	if (i >= 0 && p->fw->nodes[i].management)
		return MSG_OPS_ADVICE_MGMT_OUTSOURCED;
	return OPS_NO_ADVICE;
}

int ops_entry_warned(const struct portfolio *p, const struct entry *en)
{
	return ops_entry_advice(p, en) != OPS_NO_ADVICE;
}
