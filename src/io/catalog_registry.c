/*
 * catalog_registry.c - the process-wide registry of the catalogues embedded
 * in the binary, parsed once (pthread_once). See catalog.h for the contract.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "io/catalog.h"
#include "io/yaml_doc.h"
#include "util/embedded.h"
#include "util/xalloc.h"

/* ---- registry of shipped catalogues ------------------------------------- */

static pthread_once_t registry_once = PTHREAD_ONCE_INIT;
static struct framework **registry;
static size_t registry_n;
static int registry_rc;
static struct err registry_err;

static const char *const preferred_order[] = {"x1060-2021", "x1060-2026", "first-csirt-2.1",
					      "first-psirt-1.1", "sim3-v1"};

static size_t order_rank(const char *id)
{
	size_t i, n = sizeof(preferred_order) / sizeof(preferred_order[0]);

	for (i = 0; i < n; i++)
		if (!strcmp(id, preferred_order[i]))
			return i;
	return n;
}

static int registry_cmp(const void *a, const void *b)
{
	const struct framework *fa = *(const struct framework *const *)a;
	const struct framework *fb = *(const struct framework *const *)b;
	size_t ra = order_rank(fa->id), rb = order_rank(fb->id);

	if (ra != rb)
		return ra < rb ? -1 : 1;
	return strcmp(fa->id, fb->id);
}

/* Does this parsed library hold a framework (rather than only mappings)? */
static int has_framework(const json_t *doc)
{
	const json_t *objects = json_object_get(doc, "objects");

	return json_object_get(objects, "framework") || json_object_get(objects, "frameworks");
}

static void registry_load(void)
{
	const struct embedded_file *f;
	struct framework **list = NULL;
	size_t n = 0, cap = 0, i;
	int rc = 0;

	for (f = embedded_catalogs; f->name && !rc; f++) {
		struct framework *fw;
		json_t *doc;

		rc = yaml_doc_parse((const char *)f->data, f->size, f->name, &doc, &registry_err);
		if (rc)
			break;
		if (!json_is_object(doc) || !has_framework(doc)) {
			json_decref(doc);
			continue;
		}
		rc = catalog_from_json(doc, f->name, &fw, &registry_err);
		json_decref(doc);
		if (rc)
			break;
		for (i = 0; i < n; i++)
			if (!strcmp(list[i]->id, fw->id))
				break;
		if (i < n) {
			rc = err_set(&registry_err, ERR_INTERNAL,
				     "%s: framework id '%s' is shipped twice", f->name, fw->id);
			framework_free(fw);
			break;
		}
		list = xgrow(list, &cap, n + 1, sizeof(*list));
		list[n++] = fw;
	}
	if (rc) {
		err_prefix(&registry_err, "shipped catalogue");
		for (i = 0; i < n; i++)
			framework_free(list[i]);
		free(list);
		registry_rc = rc;
		return;
	}
	if (n)
		qsort(list, n, sizeof(*list), registry_cmp);
	registry = list;
	registry_n = n;
}

int catalog_registry_init(struct err *e)
{
	pthread_once(&registry_once, registry_load);
	if (registry_rc && e)
		*e = registry_err;
	return registry_rc;
}

const struct framework *catalog_get(const char *id)
{
	size_t i;

	pthread_once(&registry_once, registry_load);
	if (!id)
		return NULL;
	for (i = 0; i < registry_n; i++)
		if (!strcmp(registry[i]->id, id))
			return registry[i];
	return NULL;
}

size_t catalog_count(void)
{
	pthread_once(&registry_once, registry_load);
	return registry_n;
}

const struct framework *catalog_at(size_t i)
{
	pthread_once(&registry_once, registry_load);
	return i < registry_n ? registry[i] : NULL;
}

void catalog_registry_release(void)
{
	size_t i;

	pthread_once(&registry_once, registry_load); /* a later first use must not load */
	for (i = 0; i < registry_n; i++)
		framework_free(registry[i]);
	XFREE(&registry);
	registry_n = 0;
}
