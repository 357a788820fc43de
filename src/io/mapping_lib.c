/*
 * mapping_lib.c - mapping libraries and the shipped mappings (mapping_lib.h).
 */
#include "io/mapping_lib.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "io/catalog.h"
#include "io/catalog_import.h"
#include "io/fileio.h"
#include "io/yaml_doc.h"
#include "store/store_framework.h"
#include "store/store_mapping.h"
#include "util/buf.h"
#include "util/embedded.h"
#include "util/strmap.h"
#include "util/xalloc.h"

/* The text after the last occurrence of key ("framework:") in urn, or NULL. */
static const char *urn_tail(const char *urn, const char *key)
{
	const char *p = urn ? strstr(urn, key) : NULL;

	if (!p || strncmp(urn, "urn:", 4))
		return NULL;
	p += strlen(key);
	return *p ? p : NULL;
}

/* The ref of a requirement-node urn of framework fw ("...:req_node:FW:REF"). */
static const char *node_ref(const char *urn, const char *fw)
{
	const char *p = urn_tail(urn, ":req_node:");
	size_t n = strlen(fw);

	if (!p || strncmp(p, fw, n) || p[n] != ':' || !p[n + 1])
		return NULL;
	return p + n + 1;
}

static const char *str_of(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static int row_from_json(const json_t *r, size_t i, const char *source_name, struct mapping_set *m,
			 struct err *e)
{
	struct mapping_row *row = &m->rows[m->n_rows];
	const char *src, *tgt, *rel, *why;
	int kind;

	src = node_ref(str_of(r, "source_requirement_urn"), m->source_fw);
	if (!src)
		return err_fail(e, ERR_INVALID, "source_requirement_urn", MSG_E_MAPPING_ROW,
				source_name, i, "source_requirement_urn");
	tgt = node_ref(str_of(r, "target_requirement_urn"), m->target_fw);
	if (!tgt)
		return err_fail(e, ERR_INVALID, "target_requirement_urn", MSG_E_MAPPING_ROW,
				source_name, i, "target_requirement_urn");
	rel = str_of(r, "relationship");
	kind = mapping_rel_parse(rel);
	if (kind < 0)
		return err_fail(e, ERR_INVALID, "relationship", MSG_E_MAPPING_ROW, source_name, i,
				"relationship");
	why = str_of(r, "rationale");
	row->source_ref = xstrdup(src);
	row->target_ref = xstrdup(tgt);
	row->rel = (enum mapping_rel)kind;
	row->rationale = xstrdup(why ? why : "");
	m->n_rows++;
	return 0;
}

int mapping_from_json(const json_t *lib, const char *source_name, struct mapping_set **out,
		      struct err *e)
{
	const json_t *objects = json_object_get(lib, "objects"), *set, *rows, *cdcf;
	const char *sfw, *tfw, *id;
	struct mapping_set *m;
	size_t i;
	int rc = 0;

	*out = NULL;
	set = json_object_get(objects, "requirement_mapping_set");
	if (!set)
		set = json_array_get(json_object_get(objects, "requirement_mapping_sets"), 0);
	if (!json_is_object(set))
		return err_fail(e, ERR_INVALID, "objects.requirement_mapping_set",
				MSG_E_MAPPING_FIELD, source_name,
				"objects.requirement_mapping_set");
	sfw = urn_tail(str_of(set, "source_framework_urn"), ":framework:");
	tfw = urn_tail(str_of(set, "target_framework_urn"), ":framework:");
	if (!sfw || !tfw)
		return err_fail(e, ERR_INVALID,
				sfw ? "target_framework_urn" : "source_framework_urn",
				MSG_E_MAPPING_FIELD, source_name,
				sfw ? "target_framework_urn" : "source_framework_urn");
	rows = json_object_get(set, "requirement_mappings");
	if (!json_is_array(rows))
		return err_fail(e, ERR_INVALID, "requirement_mappings", MSG_E_MAPPING_FIELD,
				source_name, "requirement_mappings");
	if (json_array_size(rows) > MAPPING_MAX_ROWS)
		return err_fail(e, ERR_TOO_LARGE, "requirement_mappings", MSG_E_MAPPING_TOO_LARGE,
				source_name, MAPPING_MAX_ROWS);
	id = str_of(lib, "ref_id");
	if (!id)
		id = str_of(set, "ref_id");
	if (!id)
		return err_fail(e, ERR_INVALID, "ref_id", MSG_E_MAPPING_FIELD, source_name,
				"ref_id");
	m = xcalloc(1, sizeof(*m));
	m->id = xstrdup(id);
	m->name_en = xstrdup(str_of(set, "name") ? str_of(set, "name") : id);
	cdcf = json_object_get(lib, "cdcf");
	m->name_ja = xstrdup(str_of(cdcf, "name_ja"));
	m->ours = !strcmp(str_of(cdcf, "judgement") ? str_of(cdcf, "judgement") : "", "cdcf");
	m->source_fw = xstrdup(sfw);
	m->target_fw = xstrdup(tfw);
	m->rows = xcalloc(json_array_size(rows) + 1, sizeof(*m->rows));
	for (i = 0; !rc && i < json_array_size(rows); i++)
		rc = row_from_json(json_array_get(rows, i), i, source_name, m, e);
	if (rc) {
		mapping_set_free(m);
		return rc;
	}
	*out = m;
	return 0;
}

static pthread_once_t registry_once = PTHREAD_ONCE_INIT;
static struct mapping_set **registry;
static size_t registry_n;
static struct err registry_err;
static int registry_rc;

static void registry_load(void)
{
	const struct embedded_file *f;
	size_t n = 0;
	json_t *doc;

	for (f = embedded_mappings; f->name; f++)
		n++;
	registry = xcalloc(n + 1, sizeof(*registry));
	for (f = embedded_mappings; f->name && !registry_rc; f++) {
		registry_rc =
		    yaml_doc_parse((const char *)f->data, f->size, f->name, &doc, &registry_err);
		if (registry_rc)
			break;
		registry_rc = mapping_from_json(doc, f->name, &registry[registry_n], &registry_err);
		json_decref(doc);
		if (!registry_rc)
			registry_n++;
	}
}

/* Sets imported into a database, after the shipped ones in `all`. A new `all`
 * is published on each registration; the previous one is kept (readers may
 * hold it) until the process ends. Guarded by imported_lock. */
static pthread_mutex_t imported_lock = PTHREAD_MUTEX_INITIALIZER;
static struct mapping_set **imported;
static char **imported_urns;
static size_t imported_n;
static const struct mapping_set **all;
static size_t all_n;
static const struct mapping_set ***retired;
static size_t retired_n;

/* Publish shipped + imported as a new `all` (imported_lock held). */
static void publish(void)
{
	const struct mapping_set **next = xcalloc(registry_n + imported_n + 1, sizeof(*next));
	size_t i;

	for (i = 0; i < registry_n; i++)
		next[i] = registry[i];
	for (i = 0; i < imported_n; i++)
		next[registry_n + i] = imported[i];
	if (all) {
		retired = xrealloc(retired, (retired_n + 1) * sizeof(*retired));
		retired[retired_n++] = all;
	}
	all = next;
	all_n = registry_n + imported_n;
}

/* Is a set with this library urn and frameworks registered? (imported_lock held) */
static int imported_has(const char *urn, const char *sfw, const char *tfw)
{
	size_t i;

	for (i = 0; i < imported_n; i++)
		if (!strcmp(imported_urns[i], urn) && !strcmp(imported[i]->source_fw, sfw) &&
		    !strcmp(imported[i]->target_fw, tfw))
			return 1;
	return 0;
}

/* Register m (taken) under urn unless one is there; returns the registered set. */
static const struct mapping_set *imported_add(const char *urn, struct mapping_set *m)
{
	int have = 0;

	pthread_once(&registry_once, registry_load);
	pthread_mutex_lock(&imported_lock);
	for (size_t i = 0; i < imported_n && !have; i++)
		if (!strcmp(imported_urns[i], urn) &&
		    !strcmp(imported[i]->source_fw, m->source_fw) &&
		    !strcmp(imported[i]->target_fw, m->target_fw)) { /* registered from another
									database: keep that one */
			mapping_set_free(m);
			m = imported[i];
			have = 1;
		}
	if (!have) {
		imported = xrealloc(imported, (imported_n + 1) * sizeof(*imported));
		imported_urns = xrealloc(imported_urns, (imported_n + 1) * sizeof(*imported_urns));
		imported[imported_n] = m;
		imported_urns[imported_n++] = xstrdup(urn);
		publish();
	}
	pthread_mutex_unlock(&imported_lock);
	return m;
}

int mapping_registry(const struct mapping_set *const **sets, size_t *n, struct err *e)
{
	pthread_once(&registry_once, registry_load);
	pthread_mutex_lock(&imported_lock);
	if (!all && !registry_rc)
		publish();
	*sets = (const struct mapping_set *const *)all;
	*n = all_n;
	pthread_mutex_unlock(&imported_lock);
	if (registry_rc) {
		*sets = (const struct mapping_set *const *)registry;
		*n = registry_n;
	}
	if (registry_rc && e)
		*e = registry_err;
	return registry_rc;
}

const struct mapping_set *mapping_registry_find(const char *a, const char *b)
{
	const struct mapping_set *const *sets;
	size_t n, i;

	mapping_registry(&sets, &n, NULL);
	for (i = 0; i < n; i++)
		if ((!strcmp(sets[i]->source_fw, a) && !strcmp(sets[i]->target_fw, b)) ||
		    (!strcmp(sets[i]->source_fw, b) && !strcmp(sets[i]->target_fw, a)))
			return sets[i];
	return NULL;
}

/* The library urn that names an imported set: the library's urn, else the set's, else its
 * ref_id (borrowed from doc). */
static const char *library_urn(const json_t *doc, const struct mapping_set *m)
{
	const json_t *objects = json_object_get(doc, "objects"), *set;

	if (str_of(doc, "urn"))
		return str_of(doc, "urn");
	set = json_object_get(objects, "requirement_mapping_set");
	if (!set)
		set = json_array_get(json_object_get(objects, "requirement_mapping_sets"), 0);
	return str_of(set, "urn") ? str_of(set, "urn") : m->id;
}

/* The framework named by a set's urn field, or ERR_NOT_FOUND naming the urn. */
static int need_framework(const json_t *set, const char *key, const char *id, const char *name,
			  const struct framework **out, struct err *e)
{
	*out = catalog_get(id);
	if (*out)
		return 0;
	return err_fail(e, ERR_NOT_FOUND, key, MSG_E_MAP_UNKNOWN_FW, name,
			str_of(set, key) ? str_of(set, key) : id);
}

/* Index of fw's node with this urn, else with the ref after "FW:" in it; -1 when none. */
static int node_of(const struct strmap *urns, const struct framework *fw, const char *urn)
{
	int i = strmap_get(urns, urn);
	const char *ref;

	if (i >= 0)
		return i;
	ref = node_ref(urn, fw->id);
	return ref ? framework_find(fw, ref) : -1;
}

/*
 * Point every row of m (parsed from the rows of set, in order) at the ref_ids of
 * the nodes its urns name in fs (source) and ft (target); ERR_INVALID naming
 * the first few urns that are not nodes.
 */
static int resolve_rows(struct mapping_set *m, const json_t *set, const struct framework *fs,
			const struct framework *ft, const char *name, struct err *e)
{
	const json_t *rows = json_object_get(set, "requirement_mappings");
	struct strmap us = {0}, ut = {0};
	struct buf bad;
	size_t i, nbad = 0, k;
	const char *badkey = NULL;
	int rc = 0;

	buf_init(&bad, 4096);
	strmap_init(&us, fs->n_nodes);
	strmap_init(&ut, ft->n_nodes);
	for (k = 0; k < fs->n_nodes; k++)
		if (fs->nodes[k].urn)
			strmap_put(&us, fs->nodes[k].urn, (int)k);
	for (k = 0; k < ft->n_nodes; k++)
		if (ft->nodes[k].urn)
			strmap_put(&ut, ft->nodes[k].urn, (int)k);
	for (int side = 0; side < 2 && !nbad; side++) {
		const char *key = side ? "target_requirement_urn" : "source_requirement_urn";
		const struct framework *fw = side ? ft : fs;
		for (i = 0; i < m->n_rows; i++) {
			const char *urn = str_of(json_array_get(rows, i), key);
			int at = node_of(side ? &ut : &us, fw, urn);
			char **ref = side ? &m->rows[i].target_ref : &m->rows[i].source_ref;

			if (at >= 0) {
				free(*ref);
				*ref = xstrdup(fw->nodes[at].ref_id);
				continue;
			}
			if (nbad < 3)
				buf_printf(&bad, "%s%s", nbad ? ", " : "", urn);
			nbad++;
			badkey = key;
		}
		if (nbad) {
			if (nbad > 3)
				buf_addstr(&bad, ", ...");
			rc = err_fail(e, ERR_INVALID, badkey, MSG_E_MAP_UNKNOWN_NODES, name, nbad,
				      badkey, fw->id, bad.data);
		}
	}
	strmap_release(&us);
	strmap_release(&ut);
	buf_release(&bad);
	return rc;
}

/* Parse and check a mapping library text against the registered frameworks:
 * *m (rows pointing at ref_ids) and its library urn (a new string). */
static int parse_checked(const char *text, size_t len, const char *name, struct mapping_set **m,
			 char **urn, struct err *e)
{
	const json_t *objects, *set, *sets;
	const struct framework *fs = NULL, *ft = NULL;
	const char *sfw, *tfw;
	json_t *doc;
	int rc;

	*m = NULL;
	*urn = NULL;
	rc = yaml_doc_parse(text, len, name, &doc, e);
	if (rc)
		return rc;
	objects = json_object_get(doc, "objects");
	sets = json_object_get(objects, "requirement_mapping_sets");
	set = json_object_get(objects, "requirement_mapping_set");
	if (!set && !sets &&
	    (json_object_get(objects, "framework") || json_object_get(objects, "frameworks"))) {
		rc = err_fail(e, ERR_INVALID, "file", MSG_E_MAP_NOT_MAPPING);
		err_prefix(e, "%s", name);
		goto out;
	}
	if (!set && json_array_size(sets) > 1) {
		rc = err_fail(e, ERR_INVALID, "requirement_mapping_sets", MSG_E_MAP_SEVERAL_SETS,
			      name, json_array_size(sets));
		goto out;
	}
	if (!set)
		set = json_array_get(sets, 0);
	/* the frameworks first: the rows are read against them */
	sfw = urn_tail(str_of(set, "source_framework_urn"), ":framework:");
	tfw = urn_tail(str_of(set, "target_framework_urn"), ":framework:");
	if (sfw && tfw) {
		rc = need_framework(set, "source_framework_urn", sfw, name, &fs, e);
		if (!rc)
			rc = need_framework(set, "target_framework_urn", tfw, name, &ft, e);
		if (rc)
			goto out;
	}
	rc = mapping_from_json(doc, name, m, e);
	if (!rc)
		(*m)->ours = 0; /* whatever the file says, not cdcf's judgement */
	if (!rc)
		rc = resolve_rows(*m, set, fs, ft, name, e);
	if (!rc)
		*urn = xstrdup(library_urn(doc, *m));
out:
	if (rc) {
		mapping_set_free(*m);
		*m = NULL;
	}
	json_decref(doc);
	return rc;
}

int mapping_imported_load(struct store *st, struct err *e)
{
	struct stored_mapping *list = NULL;
	size_t n = 0, i;
	int rc, first = 0;

	rc = store_mapping_list(st, &list, &n, e);
	for (i = 0; !rc && i < n; i++) {
		struct mapping_set *m = NULL;
		struct err one = ERR_INIT;
		char *urn = NULL;
		int r, have;

		pthread_mutex_lock(&imported_lock);
		have = imported_has(list[i].urn, list[i].source_fw, list[i].target_fw);
		pthread_mutex_unlock(&imported_lock);
		if (have)
			continue;
		r = parse_checked(list[i].body, list[i].body_len, list[i].source, &m, &urn, &one);
		if (!r)
			imported_add(list[i].urn, m);
		else if (!first) { /* the others still load */
			first = r;
			if (e)
				*e = one;
		}
		free(urn);
	}
	stored_mapping_list_free(list, n);
	return rc ? rc : first;
}

void mapping_import_got_release(struct mapping_import_got *got)
{
	if (!got)
		return;
	mapping_set_free(got->owned);
	free(got->urn);
	memset(got, 0, sizeof(*got));
}

int mapping_import_text(struct store *st, const char *text, size_t len, const char *source,
			int dry_run, struct mapping_import_got *got, struct err *e)
{
	const struct mapping_set *const *sets;
	struct mapping_set *m = NULL;
	const char *base;
	char *urn = NULL;
	size_t n, i;
	int rc;

	memset(got, 0, sizeof(*got));
	rc = store_library_check(source, text, len, STORE_MAPPING_MAX, MSG_E_MAP_IMPORT_TOO_LARGE,
				 e);
	if (!rc)
		rc = catalog_registry_init(e);
	if (!rc)
		rc = catalog_imported_load(st, e);
	if (!rc)
		rc = mapping_registry(&sets, &n, e);
	if (!rc)
		rc = parse_checked(text, len, source, &m, &urn, e);
	if (rc)
		goto out;
	for (i = 0; i < registry_n && !rc; i++)
		if (!strcmp(registry[i]->id, m->id) &&
		    !strcmp(registry[i]->source_fw, m->source_fw) &&
		    !strcmp(registry[i]->target_fw, m->target_fw))
			rc = err_fail(e, ERR_CONFLICT, "urn", MSG_E_MAP_SHIPPED, urn, m->source_fw,
				      m->target_fw);
	pthread_mutex_lock(&imported_lock); /* the store refuses it when it comes to storing */
	if (!rc && dry_run && imported_has(urn, m->source_fw, m->target_fw))
		rc = err_fail(e, ERR_CONFLICT, "urn", MSG_E_MAP_ALREADY_IMPORTED, urn, m->source_fw,
			      m->target_fw);
	pthread_mutex_unlock(&imported_lock);
	if (rc)
		goto out;
	if (dry_run) {
		got->set = got->owned = m;
		got->urn = urn;
		return 0;
	}
	base = strrchr(source, '/');
	base = base ? base + 1 : source;
	rc = store_mapping_add(st, urn, m->source_fw, m->target_fw, base, text, len, e);
	if (rc)
		goto out;
	got->set = imported_add(urn, m);
	got->urn = urn;
	return 0;
out:
	mapping_set_free(m);
	free(urn);
	return rc;
}

int mapping_import_file(struct store *st, const char *path, const struct mapping_set **out,
			struct err *e)
{
	struct mapping_import_got got;
	char *data = NULL;
	size_t len = 0;
	int rc;

	if (out)
		*out = NULL;
	rc = file_read_all(path, STORE_MAPPING_MAX, &data, &len, e);
	if (rc == ERR_TOO_LARGE)
		return err_fail(e, rc, "file", MSG_E_MAP_IMPORT_TOO_LARGE, path, STORE_MAPPING_MAX);
	if (rc)
		return rc;
	rc = mapping_import_text(st, data, len, path, 0, &got, e);
	if (!rc && out)
		*out = got.set;
	mapping_import_got_release(&got);
	free(data);
	return rc;
}

const char *mapping_registry_urn(const struct mapping_set *m)
{
	const char *urn = NULL;
	size_t i;

	pthread_mutex_lock(&imported_lock);
	for (i = 0; i < imported_n && !urn; i++)
		if (imported[i] == m)
			urn = imported_urns[i];
	pthread_mutex_unlock(&imported_lock);
	return urn;
}
