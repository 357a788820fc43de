/*
 * openapi.h - the OpenAPI 3.0.3 description of cdcf's HTTP API, served at
 * /api/v1/openapi.json. One table of operations in openapi.c: every route
 * of the API block of web_routes[] (routes.c) has a row there (public ones with `security: []`),
 * with its parameters, request body, and a schema for every status it answers; the schemas and
 * shared responses are in api_schemas.c.
 */
#ifndef CDCF_WEB_OPENAPI_H
#define CDCF_WEB_OPENAPI_H

#include <stddef.h>

#include <jansson.h>

#ifndef CDCF_VERSION
#define CDCF_VERSION "0.1.0"
#endif

/* The components object (schemas, responses, securitySchemes) as JSON text
 * written with ' for " (api_schemas.c). */
extern const char openapi_components_text[];

/* A new document (the caller owns the reference); NULL only when out of memory. */
json_t *openapi_build(void);

/*
 * The document as JSON text, built once and kept for the life of the
 * process, with its length and a quoted strong ETag. NULL when it cannot
 * be built.
 */
const char *openapi_text(size_t *len, const char **etag);

#endif
