/*
 * openapi.c - the API description, built with jansson from one table.
 */
#include "web/openapi.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "web/auth.h"
#include "web/routes.h"

struct api_op {
	const char *path;     /* as routed, "/api/v1/orgs/{org}" */
	const char *method;   /* lowercase, as OpenAPI spells it */
	const char *id;       /* operationId */
	const char *tag;
	const char *summary;
	int public;           /* no session or token needed */
	const char *schema;   /* component schema of the 200 body; NULL = any object */
};

static const struct api_op ops[] = {
	{"/healthz", "get", "getHealth", "meta", "Liveness check: the server is up", 1, "Health"},
	{"/api/v1/openapi.json", "get", "getOpenApi", "meta", "This OpenAPI document", 1, NULL},
};

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

static json_t *operation(const struct api_op *op)
{
	json_t *o, *responses;

	responses = json_pack("{s:{s:s, s:o}, s:o}", "200", "description", op->summary, "content",
			      json_body(op->schema ? ref("schemas", op->schema)
						   : json_pack("{s:s}", "type", "object")),
			      "default", ref("responses", "Error"));
	if (!responses)
		return NULL;
	if (!strcmp(op->path, "/api/v1/openapi.json"))
		json_object_set_new(responses, "304",
				    json_pack("{s:s}", "description",
					      "Not modified (If-None-Match had the ETag)"));
	if (!op->public) {
		json_object_set_new(responses, "401", ref("responses", "Unauthorized"));
		json_object_set_new(responses, "413", ref("responses", "PayloadTooLarge"));
	}
	o = json_pack("{s:s, s:[s], s:s, s:o}", "operationId", op->id, "tags", op->tag, "summary",
		      op->summary, "responses", responses);
	if (o && op->public)
		json_object_set_new(o, "security", json_array());
	return o;
}

static json_t *components(void)
{
	json_t *error = json_pack(
		"{s:s, s:[s], s:{s:{s:s, s:[s,s,s], s:{s:{s:s, s:i}, s:{s:s, s:s}, s:{s:s}}}}}",
		"type", "object", "required", "error", "properties", "error", "type", "object",
		"required", "status", "code", "message", "properties", "status", "type", "integer",
		"example", 404, "code", "type", "string", "example", "not_found", "message", "type",
		"string");
	json_t *health = json_pack("{s:s, s:[s], s:{s:{s:s, s:[s]}}}", "type", "object",
				   "required", "status", "properties", "status", "type", "string",
				   "enum", "ok");

	return json_pack(
		"{s:{s:o, s:o},"
		" s:{s:{s:s, s:o}, s:{s:s, s:{s:{s:{s:s}}}, s:o}, s:{s:s, s:o}},"
		" s:{s:{s:s, s:s, s:s, s:s}, s:{s:s, s:s, s:s}}}",
		"schemas", "Error", error, "Health", health,
		"responses",
		"Error", "description", "Error object", "content", json_body(ref("schemas", "Error")),
		"Unauthorized", "description", "No valid session or API token was presented",
		"headers", "WWW-Authenticate", "schema", "type", "string", "content",
		json_body(ref("schemas", "Error")),
		"PayloadTooLarge", "description", "The request body is larger than 1 MiB",
		"content", json_body(ref("schemas", "Error")),
		"securitySchemes",
		"sessionCookie", "type", "apiKey", "in", "cookie", "name", WEB_SESSION_COOKIE,
		"description", "The browser session set at sign-in",
		"bearerToken", "type", "http", "scheme", "bearer", "description",
		"An API token: Authorization: Bearer <token>");
}

json_t *openapi_build(void)
{
	json_t *doc, *paths;
	size_t i;

	paths = json_object();
	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		json_t *item = json_object_get(paths, ops[i].path);
		if (!item) {
			item = json_object();
			json_object_set_new(paths, ops[i].path, item);
		}
		json_object_set_new(item, ops[i].method, operation(&ops[i]));
	}
	doc = json_pack(
		"{s:s, s:{s:s, s:s, s:s}, s:[{s:s}], s:[{s:[]}, {s:[]}], s:[{s:s, s:s}], s:o, s:o}",
		"openapi", "3.0.3",
		"info", "title", "cdcf API", "version", CDCF_VERSION, "description",
		"Security-service portfolios after ITU-T X.1060. Errors are JSON objects "
		"{\"error\": {\"status\", \"code\", \"message\"}}; request bodies are limited to 1 MiB.",
		"servers", "url", "/",
		"security", "bearerToken", "sessionCookie",
		"tags", "name", "meta", "description", "The server itself",
		"paths", paths, "components", components());
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
