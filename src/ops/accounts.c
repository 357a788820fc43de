/*
 * accounts.c - user accounts: new users, passwords, enabling and site
 * administration, the language of the pages, API tokens. Password hashes
 * and token hashes come made (web/auth); nothing secret is kept in errors.
 */
#include <string.h>

#include "ops/ops_int.h"

int ops_user_add(struct store *st, const char *name, const char *password_hash, int is_admin,
		 long long *id, struct err *e)
{
	int rc = ops_tx_begin(st, e);

	if (rc)
		return rc;
	rc = ops_field(e, store_user_add(st, name ? name : "", password_hash, is_admin, id, e),
		       "name");
	return ops_tx_end(st, rc, e);
}

int ops_user_password(struct store *st, long long user_id, const char *password_hash,
		      long long keep_session, struct err *e)
{
	int rc = ops_tx_begin(st, e);

	if (rc)
		return rc;
	rc = store_user_set_password(st, user_id, password_hash, e);
	/* a new password signs the user out everywhere else */
	if (!rc)
		rc = store_session_delete_user(st, user_id, keep_session, e);
	return ops_tx_end(st, rc, e);
}

int ops_admin_exists(struct store *st, bool *exists, struct err *e)
{
	struct user *list;
	size_t n, i;
	int rc;

	*exists = false;
	rc = store_user_list(st, &list, &n, e);
	if (rc)
		return rc;
	for (i = 0; i < n; i++)
		if (list[i].is_admin && !list[i].disabled)
			*exists = true;
	user_list_free(list, n);
	return 0;
}

int ops_setup_admin(struct store *st, const char *name, const char *password_hash, long long *id,
		    struct err *e)
{
	bool admin = false;
	int rc = ops_tx_begin(st, e);

	if (!rc)
		rc = ops_admin_exists(st, &admin, e);
	if (!rc && admin)
		rc = err_fail(e, ERR_NOT_FOUND, NULL, MSG_E_ADMIN_EXISTS);
	if (!rc)
		rc = ops_field(e, store_user_add(st, name, password_hash, 1, id, e), "name");
	return ops_tx_end(st, rc, e);
}

int ops_demo_user(struct store *st, const char *name, const char *password_hash, size_t *n_orgs,
		  struct err *e)
{
	struct user u = {0};
	struct org *orgs = NULL;
	size_t n = 0, i;
	long long id = 0;
	int rc = ops_tx_begin(st, e);

	if (rc)
		return rc;
	rc = store_user_find(st, name, &u, e);
	if (rc == ERR_NOT_FOUND) {
		err_clear(e);
		rc = store_user_add(st, name, password_hash, 0, &id, e);
	} else if (!rc) {
		id = u.id;
	}
	user_release(&u);
	if (!rc)
		rc = store_org_list(st, &orgs, &n, e);
	for (i = 0; !rc && i < n; i++) {
		struct membership m = {0};

		rc = store_membership_get(st, id, orgs[i].id, &m, e);
		membership_release(&m);
		if (rc == ERR_NOT_FOUND) {
			err_clear(e);
			rc = store_membership_set(st, id, orgs[i].id, ROLE_ADMIN, 0, e);
		}
	}
	org_list_free(orgs, n);
	*n_orgs = n;
	return ops_tx_end(st, rc, e);
}

int ops_user_rehash(struct store *st, long long user_id, const char *password_hash, struct err *e)
{
	int rc = ops_tx_begin(st, e);

	if (!rc)
		rc = store_user_set_password(st, user_id, password_hash, e);
	return ops_tx_end(st, rc, e);
}

int ops_user_change(struct store *st, const struct ops_actor *who, long long user_id,
		    enum ops_user_change change, struct err *e)
{
	struct user u = {0};
	int rc, is_admin, disabled;

	rc = ops_tx_begin(st, e);
	if (rc)
		return rc;
	rc = ops_field(e, store_user_get(st, user_id, &u, e), "");
	is_admin = u.is_admin;
	disabled = u.disabled;
	user_release(&u);
	if (rc)
		return ops_tx_end(st, rc, e);
	if (change == OPS_USER_ENABLE || change == OPS_USER_DISABLE)
		disabled = change == OPS_USER_DISABLE;
	else
		is_admin = change == OPS_USER_ADMIN;
	/* nobody locks themselves out: another site administrator can */
	if (who && who->user_id == user_id && (disabled || !is_admin))
		rc = err_fail(e, ERR_INVALID, "", MSG_E_OPS_SELF_LOCKOUT);
	if (!rc)
		rc = store_user_set_flags(st, user_id, is_admin, disabled, e);
	/* a disabled account is signed out everywhere at once */
	if (!rc && disabled)
		rc = store_session_delete_user(st, user_id, 0, e);
	return ops_tx_end(st, rc, e);
}

int ops_user_lang(struct store *st, long long user_id, const char *lang, struct err *e)
{
	int rc;

	if (lang && *lang && strcmp(lang, "en") && strcmp(lang, "ja"))
		return err_fail(e, ERR_INVALID, "lang", MSG_E_OPS_LANG_UNKNOWN, lang);
	rc = ops_tx_begin(st, e);
	if (rc)
		return rc;
	rc = store_user_set_lang(st, user_id, lang && *lang ? lang : NULL, e);
	return ops_tx_end(st, rc, e);
}

int ops_token_create(struct store *st, long long user_id, const char *name, const char *hash_hex,
		     long long *id, struct err *e)
{
	int rc = store_check_name_as(STORE_WHAT(MSG_N_TOKEN_NAME, "name"), name ? name : "", e);

	if (rc)
		return rc;
	rc = ops_tx_begin(st, e);
	if (rc)
		return rc;
	rc = ops_field(e, store_token_create(st, user_id, name, hash_hex, id, e), "name");
	return ops_tx_end(st, rc, e);
}

int ops_token_revoke(struct store *st, long long user_id, long long token_id, struct err *e)
{
	int rc = ops_tx_begin(st, e);

	if (rc)
		return rc;
	rc = ops_field(e, store_token_delete(st, user_id, token_id, e), "");
	return ops_tx_end(st, rc, e);
}
