/*
 * routes_account.c - signing in and out, the one-time setup link, and the
 * account page (password, language, API tokens). Handlers in page_login.c and page_account.c.
 */
#include "web/routes.h"

/* POST routes carry no special flag: the before hook checks their CSRF token
 * (before signing in, the double-submit token of web_form_token). */
const struct http_route routes_account[] = {
    {"GET", "/login", page_login, HTTP_ROUTE_PUBLIC},
    {"POST", "/login", page_login_post, HTTP_ROUTE_PUBLIC},
    {"POST", "/logout", page_logout_post, 0},
    {"GET", "/setup/{token}", page_setup, HTTP_ROUTE_PUBLIC | HTTP_ROUTE_SECRET_PATH},
    {"POST", "/setup/{token}", page_setup_post, HTTP_ROUTE_PUBLIC | HTTP_ROUTE_SECRET_PATH},
    {"GET", "/account", page_account, 0},
    {"POST", "/account/password", page_account_password, 0},
    {"POST", "/account/lang", page_account_lang, 0},
    {"POST", "/account/tokens", page_account_token_create, 0},
    {"POST", "/account/tokens/{id}/revoke", page_account_token_revoke, 0},
};

const size_t routes_account_count = sizeof(routes_account) / sizeof(routes_account[0]);
