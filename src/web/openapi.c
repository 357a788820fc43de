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
	const char *path;   /* as routed, "/api/v1/orgs/{org}" */
	const char *method; /* lowercase, as OpenAPI spells it */
	const char *id;	    /* operationId */
	const char *tag;
	const char *summary;
	int public;	    /* no session or token needed */
	const char *schema; /* component schema of the 200 body; NULL = any object */
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
		json_object_set_new(
		    responses, "304",
		    json_pack("{s:s}", "description", "Not modified (If-None-Match had the ETag)"));
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

/*
 * Everything but the paths, as JSON text: easier to read and extend here
 * than as json_pack formats. The version and the cookie name are set by
 * openapi_build.
 */
static const char skeleton[] =
    "{\n"
    "  \"openapi\": \"3.0.3\",\n"
    "  \"info\": {\n"
    "    \"title\": \"cdcf API\",\n"
    "    \"description\": \"Security-service portfolios after ITU-T X.1060. Errors are JSON "
    "objects {\\\"error\\\": {\\\"status\\\", \\\"code\\\", \\\"message\\\"}}; request "
    "bodies are limited to 1 MiB.\"\n"
    "  },\n"
    "  \"servers\": [{\"url\": \"/\"}],\n"
    "  \"security\": [{\"bearerToken\": []}, {\"sessionCookie\": []}],\n"
    "  \"tags\": [{\"name\": \"meta\", \"description\": \"The server itself\"}],\n"
    "  \"components\": {\n"
    "    \"schemas\": {\n"
    "      \"Error\": {\n"
    "        \"type\": \"object\",\n"
    "        \"required\": [\"error\"],\n"
    "        \"properties\": {\n"
    "          \"error\": {\n"
    "            \"type\": \"object\",\n"
    "            \"required\": [\"status\", \"code\", \"message\"],\n"
    "            \"properties\": {\n"
    "              \"status\": {\"type\": \"integer\", \"example\": 404},\n"
    "              \"code\": {\"type\": \"string\", \"example\": \"not_found\"},\n"
    "              \"message\": {\"type\": \"string\"}\n"
    "            }\n"
    "          }\n"
    "        }\n"
    "      },\n"
    "      \"Health\": {\n"
    "        \"type\": \"object\",\n"
    "        \"required\": [\"status\"],\n"
    "        \"properties\": {\"status\": {\"type\": \"string\", \"enum\": [\"ok\"]}}\n"
    "      }\n"
    "    },\n"
    "    \"responses\": {\n"
    "      \"Error\": {\n"
    "        \"description\": \"Error object\",\n"
    "        \"content\": {\"application/json\": {\"schema\": {\"$ref\": "
    "\"#/components/schemas/Error\"}}}\n"
    "      },\n"
    "      \"Unauthorized\": {\n"
    "        \"description\": \"No valid session or API token was presented\",\n"
    "        \"headers\": {\"WWW-Authenticate\": {\"schema\": {\"type\": \"string\"}}},\n"
    "        \"content\": {\"application/json\": {\"schema\": {\"$ref\": "
    "\"#/components/schemas/Error\"}}}\n"
    "      },\n"
    "      \"PayloadTooLarge\": {\n"
    "        \"description\": \"The request body is larger than 1 MiB\",\n"
    "        \"content\": {\"application/json\": {\"schema\": {\"$ref\": "
    "\"#/components/schemas/Error\"}}}\n"
    "      }\n"
    "    },\n"
    "    \"securitySchemes\": {\n"
    "      \"sessionCookie\": {\n"
    "        \"type\": \"apiKey\",\n"
    "        \"in\": \"cookie\",\n"
    "        \"description\": \"The browser session set at sign-in\"\n"
    "      },\n"
    "      \"bearerToken\": {\n"
    "        \"type\": \"http\",\n"
    "        \"scheme\": \"bearer\",\n"
    "        \"description\": \"An API token: Authorization: Bearer <token>\"\n"
    "      }\n"
    "    }\n"
    "  }\n"
    "}\n";

json_t *openapi_build(void)
{
	json_t *doc, *paths;
	json_error_t je;
	size_t i;

	doc = json_loads(skeleton, JSON_REJECT_DUPLICATES, &je);
	if (!doc)
		return NULL;
	json_object_set_new(json_object_get(doc, "info"), "version", json_string(CDCF_VERSION));
	json_object_set_new(
	    json_object_get(json_object_get(json_object_get(doc, "components"), "securitySchemes"),
			    "sessionCookie"),
	    "name", json_string(WEB_SESSION_COOKIE));
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
