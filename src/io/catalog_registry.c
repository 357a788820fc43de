/*
 * catalog_registry.c - the process-wide registry of the catalogues embedded
 * in the binary, parsed once (pthread_once). See catalog.h for the contract.
 *
 * A command that needs one framework should not pay for parsing them all:
 * catalog_get(id) first parses only the embedded file named "<id>.yaml"
 * (kept for the life of the process); listing, counting or an id that is not
 * a file name load the whole registry, which then reuses what was parsed.
 *
 * Frameworks imported into a database (catalog_import.c) join a second list,
 * guarded by imported_lock: they come after the shipped ones in catalog_at,
 * are never replaced or freed before catalog_registry_release, so the
 * pointers handed out stay valid while other threads read.
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

/* Frameworks parsed one at a time by catalog_get before the whole registry
 * was needed; guarded by single_lock, adopted by registry_load. */
#define SINGLE_MAX 16
static pthread_mutex_t single_lock = PTHREAD_MUTEX_INITIALIZER;
static struct {
	const struct embedded_file *file;
	struct framework *fw;
} single[SINGLE_MAX];
static size_t single_n;
static int registry_full; /* registry_load has run (guarded by single_lock) */
static int released;	  /* catalog_registry_release has run (guarded by single_lock) */

/* Frameworks imported into a database, in the order they were registered. */
static pthread_mutex_t imported_lock = PTHREAD_MUTEX_INITIALIZER;
static struct framework **imported;
static size_t imported_n, imported_cap;

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

	pthread_mutex_lock(&single_lock);
	if (released) {
		pthread_mutex_unlock(&single_lock);
		return;
	}
	for (f = embedded_catalogs; f->name && !rc; f++) {
		struct framework *fw = NULL;
		json_t *doc;

		for (i = 0; i < single_n; i++)
			if (single[i].file == f) {
				fw = single[i].fw;
				single[i].fw = NULL; /* the registry owns it now */
			}
		if (fw)
			goto add;
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
	add:
		for (i = 0; i < n; i++)
			if (!strcmp(list[i]->id, fw->id))
				break;
		if (i < n) {
			rc = err_fail(&registry_err, ERR_INTERNAL, NULL, MSG_E_CAT_SHIPPED_TWICE,
				      fw->id);
			err_prefix(&registry_err, "%s", f->name);
			framework_free(fw);
			break;
		}
		list = xgrow(list, &cap, n + 1, sizeof(*list));
		list[n++] = fw;
	}
	/* frameworks parsed alone and not met again (a parse error stopped the
	 * loop) join the registry too: callers may hold them */
	for (i = 0; i < single_n; i++) {
		if (!single[i].fw)
			continue;
		list = xgrow(list, &cap, n + 1, sizeof(*list));
		list[n++] = single[i].fw;
	}
	single_n = 0;
	registry_full = 1;
	pthread_mutex_unlock(&single_lock);
	if (rc) {
		err_prefix(&registry_err, "shipped catalogue");
		registry_rc = rc;
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

/* Parse the embedded "<id>.yaml" alone, once; NULL when there is no such file
 * or it does not hold framework id (the whole registry decides then). */
static const struct framework *get_single(const char *id)
{
	const struct framework *found = NULL;
	const struct embedded_file *f;
	size_t i, n = strlen(id);

	pthread_mutex_lock(&single_lock);
	if (registry_full) { /* the registry answers from now on */
		pthread_mutex_unlock(&single_lock);
		return NULL;
	}
	for (i = 0; i < single_n; i++)
		if (!strcmp(single[i].fw->id, id))
			found = single[i].fw;
	for (f = embedded_catalogs; !found && f->name && single_n < SINGLE_MAX; f++) {
		struct framework *fw = NULL;
		json_t *doc = NULL;
		struct err e = ERR_INIT;

		if (strncmp(f->name, id, n) || strcmp(f->name + n, ".yaml"))
			continue;
		if (!yaml_doc_parse((const char *)f->data, f->size, f->name, &doc, &e) &&
		    json_is_object(doc) && has_framework(doc) &&
		    !catalog_from_json(doc, f->name, &fw, &e) && !strcmp(fw->id, id)) {
			single[single_n].file = f;
			single[single_n++].fw = fw;
			found = fw;
		} else {
			framework_free(fw);
		}
		json_decref(doc);
		break;
	}
	pthread_mutex_unlock(&single_lock);
	return found;
}

const struct framework *catalog_get_shipped(const char *id)
{
	const struct framework *fw;
	size_t i;

	if (!id)
		return NULL;
	fw = get_single(id);
	if (fw)
		return fw;
	pthread_once(&registry_once, registry_load);
	for (i = 0; i < registry_n; i++)
		if (!strcmp(registry[i]->id, id))
			return registry[i];
	return NULL;
}

const struct framework *catalog_get_imported(const char *id)
{
	const struct framework *fw = NULL;
	size_t i;

	if (!id)
		return NULL;
	pthread_mutex_lock(&imported_lock);
	for (i = 0; i < imported_n && !fw; i++)
		if (!strcmp(imported[i]->id, id))
			fw = imported[i];
	pthread_mutex_unlock(&imported_lock);
	return fw;
}

const struct framework *catalog_get(const char *id)
{
	const struct framework *fw = catalog_get_shipped(id);

	return fw ? fw : catalog_get_imported(id);
}

const struct framework *catalog_add_imported(struct framework *fw)
{
	const struct framework *have;

	pthread_mutex_lock(&imported_lock);
	have = NULL;
	for (size_t i = 0; i < imported_n && !have; i++)
		if (!strcmp(imported[i]->id, fw->id))
			have = imported[i];
	if (!have) {
		imported = xgrow(imported, &imported_cap, imported_n + 1, sizeof(*imported));
		imported[imported_n++] = fw;
		have = fw;
		fw = NULL;
	}
	pthread_mutex_unlock(&imported_lock);
	framework_free(fw);
	return have;
}

size_t catalog_count(void)
{
	size_t n;

	pthread_once(&registry_once, registry_load);
	pthread_mutex_lock(&imported_lock);
	n = registry_n + imported_n;
	pthread_mutex_unlock(&imported_lock);
	return n;
}

const struct framework *catalog_at(size_t i)
{
	const struct framework *fw = NULL;

	pthread_once(&registry_once, registry_load);
	if (i < registry_n)
		return registry[i];
	pthread_mutex_lock(&imported_lock);
	if (i - registry_n < imported_n)
		fw = imported[i - registry_n];
	pthread_mutex_unlock(&imported_lock);
	return fw;
}

void catalog_registry_release(void)
{
	size_t i;

	/* No load may start from now on, and what was parsed alone goes too. */
	pthread_mutex_lock(&single_lock);
	released = 1;
	registry_full = 1;
	for (i = 0; i < single_n; i++)
		framework_free(single[i].fw);
	single_n = 0;
	pthread_mutex_unlock(&single_lock);
	pthread_once(&registry_once, registry_load); /* a no-op once released */
	for (i = 0; i < registry_n; i++)
		framework_free(registry[i]);
	XFREE(&registry);
	registry_n = 0;
	pthread_mutex_lock(&imported_lock);
	for (i = 0; i < imported_n; i++)
		framework_free(imported[i]);
	XFREE(&imported);
	imported_n = imported_cap = 0;
	pthread_mutex_unlock(&imported_lock);
}
