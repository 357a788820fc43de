/*
 * routes_api.c - the routes of the JSON API under /api/v1. routes.c puts
 * this table before its /api/v1 catch-all; openapi.c describes every row.
 * First match wins, so literal segments come before {params} where both
 * could match.
 */
#include "web/api/api.h"
#include "web/routes.h"

#define API HTTP_ROUTE_API
#define ORG "/api/v1/orgs/{org}"
#define PF ORG "/portfolios/{fw}"

const struct http_route routes_api[] = {
    {"GET", "/healthz", api_healthz, HTTP_ROUTE_PUBLIC | API},
    {"GET", "/api/v1/openapi.json", api_openapi, HTTP_ROUTE_PUBLIC | API},
    {"GET", "/api/v1/me", api_me, API},
    {"GET", "/api/v1/frameworks", api_frameworks, API},
    {"GET", "/api/v1/frameworks/{fw}", api_framework, API},
    {"GET", "/api/v1/orgs", api_orgs, API},
    {"POST", "/api/v1/orgs", api_org_create, API},
    {"GET", ORG, api_org, API},
    {"POST", ORG "/teams", api_team_create, API},
    {"POST", ORG "/providers", api_provider_create, API},
    {"GET", ORG "/audit", api_audit, API},
    {"GET", ORG "/export", api_export, API},
    {"POST", ORG "/portfolios", api_portfolio_create, API},
    {"GET", PF, api_portfolio, API},
    {"PUT", PF "/schedule", api_schedule, API},
    {"GET", PF "/entries/{ref}", api_entry, API},
    {"PATCH", PF "/entries/{ref}", api_entry_patch, API},
    {"POST", PF "/services", api_service_create, API},
    {"GET", PF "/report", api_report, API},
    {"GET", PF "/gaps", api_gaps, API},
    {"GET", PF "/actions", api_actions, API},
    {"POST", PF "/actions", api_action_create, API},
    {"PATCH", PF "/actions/{id}", api_action_patch, API},
    {"GET", PF "/cycles", api_cycles, API},
    {"POST", PF "/evaluate", api_evaluate, API},
    {"GET", PF "/cycles/{a}/diff/{b}", api_diff, API},
};

const size_t routes_api_count = sizeof(routes_api) / sizeof(routes_api[0]);
