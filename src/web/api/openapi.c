/*
 * openapi.c - the API description, built with jansson from one table.
 */
#include "web/api/openapi.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/api/api.h"
#include "web/auth/auth.h"
#include "web/routes.h"

enum op_flags {
	OP_PUBLIC = 1 << 0,   /* no session or token needed: security [] */
	OP_PAGED = 1 << 1,    /* ?page= &per_page=, Link and X-Total-Count headers */
	OP_IF_MATCH = 1 << 2, /* If-Match required */
	OP_ETAG = 1 << 3,     /* the success answer has an ETag */
	OP_LANG = 1 << 4,     /* ?lang= */
	OP_STATUS = 1 << 5,   /* ?status= open|done|all */
	OP_CREATED = 1 << 6,  /* Location header on the success answer */
	OP_ANY = 1 << 7,      /* success body is any JSON object (no component) */
	OP_AUDIT = 1 << 8,    /* ?user= &subject= &since= &until= (the audit log's filter) */
};

struct api_op {
	const char *path;   /* as routed, "/api/v1/orgs/{org}" */
	const char *method; /* lowercase, as OpenAPI spells it */
	const char *id;	    /* operationId */
	const char *tag;
	const char *summary; /* with the role it needs */
	const char *request; /* component schema of the JSON body; NULL = none */
	int ok;		     /* success status */
	const char *schema;  /* component schema of the success body */
	const char *errors;  /* the other statuses it answers: "400 404" */
	unsigned flags;
};

#define ORG "/api/v1/orgs/{org}"
#define PF ORG "/portfolios/{fw}"

static const struct api_op ops[] = {
    {"/healthz", "get", "getHealth", "meta", "Liveness check: the server is up", NULL, 200,
     "Health", "", OP_PUBLIC},
    {"/readyz", "get", "getReady", "meta",
     "Readiness check: the database answers and its migrations are current (503 with "
     "Retry-After otherwise)",
     NULL, 200, "Ready", "503", OP_PUBLIC},
    {"/api/v1/openapi.json", "get", "getOpenApi", "meta", "This OpenAPI document", NULL, 200, NULL,
     "304", OP_PUBLIC | OP_ANY | OP_ETAG},
    {"/api/v1/me", "get", "getMe", "meta", "The caller and their memberships", NULL, 200, "Me", "",
     0},
    {"/api/v1/frameworks", "get", "listFrameworks", "catalogue", "The shipped frameworks", NULL,
     200, "FrameworkList", "", 0},
    {"/api/v1/frameworks/{fw}", "get", "getFramework", "catalogue",
     "A framework: its nodes, score rubrics and starter presets", NULL, 200, "Framework", "404", 0},
    {"/api/v1/orgs", "get", "listOrgs", "organizations",
     "The organizations the caller can see (all for site administrators)", NULL, 200, "OrgPage",
     "400", OP_PAGED},
    {"/api/v1/orgs", "post", "createOrg", "organizations",
     "Create an organization (site administrators)", "OrgNew", 201, "Org", "400 403 409 413 422",
     OP_CREATED},
    {ORG, "get", "getOrg", "organizations",
     "An organization with its teams, providers and portfolios (viewer)", NULL, 200, "OrgDetail",
     "404", 0},
    {ORG, "patch", "renameOrg", "organizations",
     "Rename the organization (site administrators and its admins)", "NameNew", 200, "Org",
     "400 403 404 409 413 422", 0},
    {ORG, "delete", "deleteOrg", "organizations",
     "Delete the organization with its teams and providers; refused (409) while it has "
     "portfolios, child organizations or members (site administrators)",
     NULL, 200, "Org", "403 404 409", 0},
    {ORG "/teams", "post", "createTeam", "organizations", "Add an in-house team (admin)", "NameNew",
     201, "Party", "400 403 404 409 413 422", 0},
    {ORG "/providers", "post", "createProvider", "organizations",
     "Add an external provider (admin)", "NameNew", 201, "Party", "400 403 404 409 413 422", 0},
    {ORG "/teams/{team}", "patch", "renameTeam", "organizations", "Rename a team (admin)",
     "NameNew", 200, "Party", "400 403 404 409 413 422", 0},
    {ORG "/teams/{team}", "delete", "deleteTeam", "organizations",
     "Delete a team; refused (409) while services are assigned to it or assessors belong to "
     "it (admin)",
     NULL, 200, "Party", "403 404 409", 0},
    {ORG "/providers/{provider}", "patch", "renameProvider", "organizations",
     "Rename a provider (admin)", "NameNew", 200, "Party", "400 403 404 409 413 422", 0},
    {ORG "/providers/{provider}", "delete", "deleteProvider", "organizations",
     "Delete a provider; refused (409) while services are assigned to it (admin)", NULL, 200,
     "Party", "403 404 409", 0},
    {ORG "/audit", "get", "listAudit", "organizations", "The audit log, newest first (admin)", NULL,
     200, "AuditPage", "400 403 404 422", OP_PAGED | OP_AUDIT},
    {ORG "/export", "get", "exportOrg", "organizations",
     "The JSON archive of the organization (admin)", NULL, 200, "Archive", "403 404", 0},
    {ORG "/portfolios", "post", "createPortfolio", "portfolio",
     "Start a portfolio for a framework, optionally from a starter preset (editor)", "PortfolioNew",
     201, "Portfolio", "400 403 404 409 413 422", OP_CREATED},
    {PF, "get", "getPortfolio", "portfolio",
     "The portfolio: entries (each with its version), progress and open cycle (viewer)", NULL, 200,
     "Portfolio", "404", OP_LANG},
    {PF "/schedule", "put", "scheduleEvaluation", "evaluation",
     "Plan the date of the next evaluation, or clear it with null (admin)", "Schedule", 200,
     "Schedule", "400 403 404 413 422", 0},
    {PF "/positions/{ref}", "put", "putPosition", "portfolio",
     "Place a service on the procurement quadrant for the organization: whole numbers 0-100 "
     "(editor)",
     "PositionNew", 200, "Position", "400 403 404 413 422", 0},
    {PF "/positions/{ref}", "delete", "deletePosition", "portfolio",
     "Put a service back at the catalogue's position on the quadrant (editor)", NULL, 200,
     "Position", "403 404", 0},
    {PF "/entries/{ref}", "get", "getEntry", "portfolio", "One entry, with its ETag (viewer)", NULL,
     200, "Entry", "304 404", OP_ETAG | OP_LANG},
    {PF "/entries/{ref}", "patch", "patchEntry", "portfolio",
     "Change an entry (JSON merge) under If-Match; a service not in the catalogue yet has "
     "version 0",
     "EntryPatch", 200, "Entry", "400 403 404 409 413 422 428", OP_IF_MATCH | OP_ETAG},
    {PF "/entries/{ref}", "delete", "deleteEntry", "portfolio",
     "Take a service out of the catalogue (unlike the level not_required); its values stay in "
     "the audit log and closed cycles; refused (409) while open actions refer to it; optional "
     "If-Match; the answer is the entry as it was (editor)",
     NULL, 200, "Entry", "403 404 409 422 428", 0},
    {PF "/services", "post", "createService", "portfolio",
     "Add a custom service to the portfolio (editor)", "ServiceNew", 201, "Entry",
     "400 403 404 409 413 422", OP_ETAG | OP_CREATED},
    {PF "/report", "get", "getReport", "portfolio",
     "The portfolio report: table, gaps, roll-ups, progress (viewer)", NULL, 200, "Report",
     "400 404", OP_LANG},
    {PF "/gaps", "get", "getGaps", "portfolio", "Gaps in priority order (viewer)", NULL, 200,
     "Gaps", "400 404", OP_LANG},
    {PF "/actions", "get", "listActions", "management", "Improvement actions (viewer)", NULL, 200,
     "ActionPage", "400 404", OP_PAGED | OP_STATUS},
    {PF "/actions", "post", "createAction", "management",
     "Add an improvement action for a selected service (editor)", "ActionNew", 201, "Action",
     "400 403 404 413 422", 0},
    {PF "/actions/{id}", "patch", "patchAction", "management",
     "Change an action: mark it done or open again, edit its title, owner, due date or "
     "target; null clears owner, due and target (editor)",
     "ActionPatch", 200, "Action", "400 403 404 413 422", 0},
    {PF "/actions/{id}", "delete", "deleteAction", "management",
     "Delete an action; the answer is the action as it was (editor)", NULL, 200, "Action",
     "403 404", 0},
    {PF "/cycles", "get", "listCycles", "evaluation", "The evaluation cycles (viewer)", NULL, 200,
     "CycleList", "404", 0},
    {PF "/evaluate", "post", "evaluate", "evaluation",
     "Evaluate: record the answers, freeze the open cycle, open the next; the planned date "
     "becomes next_evaluation or is cleared (admin)",
     "Evaluation", 201, "Cycle", "400 403 404 413 422", 0},
    {PF "/cycles/{a}/diff/{b}", "get", "diffCycles", "evaluation",
     "What changed from cycle a to cycle b; the open cycle compares as it is now (viewer)", NULL,
     200, "Diff", "400 404", 0},
    {ORG "/clients", "get", "listClients", "organizations",
     "The provider's view: the services the clients that share with this organization "
     "outsource to it, with their outsourced-side scores and note only (viewer)",
     NULL, 200, "ClientPage", "400 404", OP_PAGED},
};

/* Path parameters: name, schema type, description. */
static const struct {
	const char *name, *type, *description;
} path_params[] = {
    {"org", "integer", "organization id"},
    {"fw", "string", "framework id, e.g. x1060-2021"},
    {"ref", "string", "service ref, e.g. A-3"},
    {"id", "integer", "action id"},
    {"a", "integer", "the older cycle number"},
    {"b", "integer", "the newer cycle number"},
    {"team", "string", "team name"},
    {"provider", "string", "provider name"},
};

/* The shared response for an error status. */
static const char *error_response(int status)
{
	switch (status) {
	case 304:
		return "NotModified";
	case 400:
		return "BadRequest";
	case 401:
		return "Unauthorized";
	case 403:
		return "Forbidden";
	case 404:
		return "NotFound";
	case 409:
		return "Conflict";
	case 413:
		return "PayloadTooLarge";
	case 422:
		return "Unprocessable";
	case 428:
		return "PreconditionRequired";
	default:
		return "Error";
	}
}

static json_t *ref(const char *where, const char *name)
{
	char buf[128];

	snprintf(buf, sizeof(buf), "#/components/%s/%s", where, name);
	return json_pack("{s:s}", "$ref", buf);
}

static json_t *json_body(json_t *schema)
{
	return json_pack("{s:{s:o}}", "application/json", "schema", schema);
}

static json_t *param(const char *name, const char *in, int required, const char *description,
		     json_t *schema)
{
	return json_pack("{s:s, s:s, s:b, s:s, s:o}", "name", name, "in", in, "required", required,
			 "description", description, "schema", schema);
}

static json_t *parameters(const struct api_op *op)
{
	json_t *arr = json_array();
	const char *p = op->path;
	size_t i;

	while ((p = strchr(p, '{'))) {
		const char *end = strchr(p, '}');
		for (i = 0; i < sizeof(path_params) / sizeof(path_params[0]); i++)
			if (strlen(path_params[i].name) == (size_t)(end - p - 1) &&
			    !strncmp(path_params[i].name, p + 1, (size_t)(end - p - 1)))
				json_array_append_new(
				    arr, param(path_params[i].name, "path", 1,
					       path_params[i].description,
					       json_pack("{s:s}", "type", path_params[i].type)));
		p = end;
	}
	if (op->flags & OP_PAGED) {
		json_array_append_new(arr, param("page", "query", 0, "page number, from 1",
						 json_pack("{s:s, s:i, s:i}", "type", "integer",
							   "minimum", 1, "default", 1)));
		json_array_append_new(
		    arr,
		    param("per_page", "query", 0, "items per page",
			  json_pack("{s:s, s:i, s:i, s:i}", "type", "integer", "minimum", 1,
				    "maximum", API_PER_PAGE_MAX, "default", API_PER_PAGE_DEFAULT)));
	}
	if (op->flags & OP_STATUS)
		json_array_append_new(arr,
				      param("status", "query", 0, "which actions (default all)",
					    json_pack("{s:s, s:[s,s,s]}", "type", "string", "enum",
						      "open", "done", "all")));
	if (op->flags & OP_AUDIT) {
		json_array_append_new(arr, param("user", "query", 0, "only this person's events",
						 json_pack("{s:s}", "type", "string")));
		json_array_append_new(arr,
				      param("subject", "query", 0,
					    "only events whose subject contains this text (ASCII "
					    "letters in any case)",
					    json_pack("{s:s}", "type", "string")));
		json_array_append_new(
		    arr, param("since", "query", 0, "only events of this day (UTC) or later",
			       json_pack("{s:s, s:s}", "type", "string", "format", "date")));
		json_array_append_new(
		    arr, param("until", "query", 0, "only events of this day (UTC) or earlier",
			       json_pack("{s:s, s:s}", "type", "string", "format", "date")));
	}
	if (op->flags & OP_LANG)
		json_array_append_new(
		    arr, param("lang", "query", 0, "language of names (default: the caller's)",
			       json_pack("{s:s, s:[s,s]}", "type", "string", "enum", "en", "ja")));
	if (op->flags & OP_IF_MATCH)
		json_array_append_new(
		    arr, param("If-Match", "header", 1,
			       "the strong ETag of the entry you changed (\"v<version>\"); 409 "
			       "when it changed since, 428 when missing, \"*\" or weak (W/)",
			       json_pack("{s:s}", "type", "string")));
	else if ((op->flags & OP_ETAG) && !strcmp(op->method, "get"))
		json_array_append_new(arr, param("If-None-Match", "header", 0,
						 "an ETag you hold: 304 when it is still current",
						 json_pack("{s:s}", "type", "string")));
	return arr;
}

static json_t *success(const struct api_op *op)
{
	json_t *r, *headers = json_object();
	json_t *string = json_pack("{s:s}", "type", "string");

	r = json_pack("{s:s, s:o}", "description", op->summary, "content",
		      json_body(op->flags & OP_ANY ? json_pack("{s:s}", "type", "object")
						   : ref("schemas", op->schema)));
	if (op->flags & OP_ETAG)
		json_object_set_new(
		    headers, "ETag",
		    json_pack("{s:s, s:O}", "description", "entity tag", "schema", string));
	if (op->flags & OP_PAGED) {
		json_object_set_new(headers, "Link",
				    json_pack("{s:s, s:O}", "description",
					      "first, prev, next and last pages (RFC 8288)",
					      "schema", string));
		json_object_set_new(headers, "X-Total-Count",
				    json_pack("{s:s, s:{s:s}}", "description", "items in all pages",
					      "schema", "type", "integer"));
	}
	if (op->flags & OP_CREATED)
		json_object_set_new(
		    headers, "Location",
		    json_pack("{s:s, s:O}", "description", "the new resource", "schema", string));
	json_decref(string);
	if (json_object_size(headers))
		json_object_set_new(r, "headers", headers);
	else
		json_decref(headers);
	return r;
}

static json_t *operation(const struct api_op *op)
{
	json_t *o, *responses, *params;
	char status[8];
	const char *p;

	responses = json_object();
	snprintf(status, sizeof(status), "%d", op->ok);
	json_object_set_new(responses, status, success(op));
	for (p = op->errors; *p;) {
		char *end;
		long s = strtol(p, &end, 10);
		if (end == p)
			break;
		snprintf(status, sizeof(status), "%ld", s);
		json_object_set_new(responses, status, ref("responses", error_response((int)s)));
		p = end;
	}
	if (!(op->flags & OP_PUBLIC))
		json_object_set_new(responses, "401", ref("responses", "Unauthorized"));
	if (op->request)
		json_object_set_new(responses, "413", ref("responses", "PayloadTooLarge"));
	json_object_set_new(responses, "default", ref("responses", "Error"));
	o = json_pack("{s:s, s:[s], s:s, s:o}", "operationId", op->id, "tags", op->tag, "summary",
		      op->summary, "responses", responses);
	if (!o)
		return NULL;
	params = parameters(op);
	if (json_array_size(params))
		json_object_set_new(o, "parameters", params);
	else
		json_decref(params);
	if (op->request)
		json_object_set_new(o, "requestBody",
				    json_pack("{s:b, s:o}", "required", 1, "content",
					      json_body(ref("schemas", op->request))));
	if (op->flags & OP_PUBLIC)
		json_object_set_new(o, "security", json_array());
	return o;
}

/*
 * Everything but the paths and the components, as JSON text: easier to
 * read and extend here than as json_pack formats. The version is set by
 * openapi_build.
 */
static const char skeleton[] =
    "{\n"
    "  \"openapi\": \"3.0.3\",\n"
    "  \"info\": {\n"
    "    \"title\": \"cdcf API\",\n"
    "    \"description\": \"Security-service portfolios after ITU-T X.1060. Errors are JSON "
    "objects {\\\"error\\\": {\\\"status\\\", \\\"code\\\", \\\"message\\\"}} (with "
    "\\\"field\\\" for 422 and \\\"current\\\" for 409); request bodies are JSON objects of "
    "at most 1 MiB. Roles per organization: viewer reads; assessor scores the services of "
    "its team; editor changes catalogue, profile, scores and actions; admin also manages "
    "teams, providers, the audit log, export and evaluation. Organizations you are not a "
    "member of answer 404. Lists that can grow are paginated (page, per_page 1-200, default "
    "50). An entry's ETag is \\\"v<version>\\\": PATCH needs If-Match with that "
    "strong ETag; \\\"*\\\" and weak validators answer 428. A 503 (database busy) "
    "carries Retry-After: the change was not made and may be sent again.\"\n"
    "  },\n"
    "  \"servers\": [{\"url\": \"/\"}],\n"
    "  \"security\": [{\"bearerToken\": []}, {\"sessionCookie\": []}],\n"
    "  \"tags\": [\n"
    "    {\"name\": \"meta\", \"description\": \"The server and the caller\"},\n"
    "    {\"name\": \"catalogue\", \"description\": \"The shipped frameworks\"},\n"
    "    {\"name\": \"organizations\", \"description\": \"Organizations, teams, providers\"},\n"
    "    {\"name\": \"portfolio\", \"description\": \"Catalogue, profile and portfolio of one "
    "framework\"},\n"
    "    {\"name\": \"management\", \"description\": \"Improvement actions\"},\n"
    "    {\"name\": \"evaluation\", \"description\": \"Cycles, snapshots and their diff\"}\n"
    "  ]\n"
    "}\n";

/* openapi_components_text with ' turned into " and parsed. */
static json_t *components(void)
{
	size_t n = strlen(openapi_components_text), i;
	char *t = malloc(n + 1);
	json_error_t je;
	json_t *c;

	if (!t)
		return NULL;
	for (i = 0; i <= n; i++)
		t[i] = openapi_components_text[i] == '\'' ? '"' : openapi_components_text[i];
	c = json_loads(t, JSON_REJECT_DUPLICATES, &je);
	free(t);
	return c;
}

json_t *openapi_build(void)
{
	json_t *doc, *paths, *comp;
	json_error_t je;
	size_t i;

	doc = json_loads(skeleton, JSON_REJECT_DUPLICATES, &je);
	comp = components();
	if (!doc || !comp) {
		json_decref(doc);
		json_decref(comp);
		return NULL;
	}
	json_object_set_new(json_object_get(doc, "info"), "version", json_string(CDCF_VERSION));
	json_object_set_new(
	    json_object_get(json_object_get(comp, "securitySchemes"), "sessionCookie"), "name",
	    json_string(WEB_SESSION_COOKIE));
	json_object_set_new(doc, "components", comp);
	paths = json_object();
	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		json_t *item = json_object_get(paths, ops[i].path);
		if (!item) {
			item = json_object();
			json_object_set_new(paths, ops[i].path, item);
		}
		json_object_set_new(item, ops[i].method, operation(&ops[i]));
	}
	json_object_set_new(doc, "paths", paths);
	return doc;
}

static char *text;
static size_t text_len;
static char etag[2 * 16 + 3];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void build_text(void)
{
	json_t *doc = openapi_build();
	unsigned char h[16];
	char hex[2 * sizeof(h) + 1];

	if (!doc || sodium_init() < 0) {
		json_decref(doc);
		return;
	}
	text = json_dumps(doc, JSON_INDENT(2));
	json_decref(doc);
	if (!text)
		return;
	text_len = strlen(text);
	crypto_generichash(h, sizeof(h), (const unsigned char *)text, text_len, NULL, 0);
	auth_hex(h, sizeof(h), hex);
	snprintf(etag, sizeof(etag), "\"%s\"", hex);
}

const char *openapi_text(size_t *len, const char **etag_out)
{
	pthread_once(&once, build_text);
	*len = text_len;
	*etag_out = etag;
	return text;
}
