/*
 * routes_manage.c - the routes of the management, evaluation and
 * administration pages (manage_pages.h). routes.c appends this table to its
 * own; "/" is routed there (page_dashboard for signed-in users).
 *
 * None is public: the before hook sends visitors to /login and checks the
 * CSRF token of every POST; the handlers check roles.
 */
#include "web/pages/manage_pages.h"

const struct http_route routes_manage[] = {
    {"GET", "/orgs", page_orgs, 0},
    {"POST", "/orgs", page_orgs_create, 0},
    {"GET", "/o/{org}", page_org, 0},
    {"POST", "/o/{org}/portfolios", page_org_portfolio_new, 0},
    {"GET", "/o/{org}/settings", page_settings, 0},
    {"POST", "/o/{org}/settings/teams", page_settings_team_add, 0},
    {"POST", "/o/{org}/settings/providers", page_settings_provider_add, 0},
    {"POST", "/o/{org}/settings/members", page_settings_member_set, 0},
    {"POST", "/o/{org}/settings/members/{user}/revoke", page_settings_member_revoke, 0},
    {"GET", "/o/{org}/audit", page_audit, 0},
    {"GET", "/o/{org}/export.json", page_org_export, 0},
    {"GET", "/o/{org}/p/{fw}/actions", page_actions, 0},
    {"POST", "/o/{org}/p/{fw}/actions", page_actions_add, 0},
    {"POST", "/o/{org}/p/{fw}/actions/{id}/status", page_action_status, 0},
    {"GET", "/o/{org}/p/{fw}/evaluation", page_evaluation, 0},
    {"POST", "/o/{org}/p/{fw}/evaluation", page_evaluation_close, 0},
    {"POST", "/o/{org}/p/{fw}/evaluation/schedule", page_evaluation_schedule, 0},
    {"GET", "/o/{org}/p/{fw}/cycles", page_cycles, 0},
    {"GET", "/o/{org}/p/{fw}/cycles/compare", page_cycles_compare, 0},
    {"GET", "/o/{org}/p/{fw}/cycles/{a}/diff/{b}", page_cycle_diff, 0},
    {"GET", "/my/actions", page_my_actions, 0},
    {"GET", "/admin/users", page_admin_users, 0},
    {"POST", "/admin/users", page_admin_user_add, 0},
    {"POST", "/admin/users/{id}", page_admin_user_update, 0},
};

const size_t routes_manage_count = sizeof(routes_manage) / sizeof(routes_manage[0]);
