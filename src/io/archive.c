/*
 * archive.c - export and import of one organization as a JSON archive.
 *
 * Export reads through store/ and builds the document in a fixed key order,
 * with every list sorted, so the same data always gives the same bytes.
 * Import validates the whole document first (every message names the source
 * and the JSON path), then writes it in one transaction through the store's
 * raw import functions, which keep timestamps, versions and snapshots.
 */
#include "io/archive.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/snapshot.h"
#include "io/archive_int.h"
#include "io/fileio.h"
#include "store/store_position.h"
#include "store/store_provider_link.h"
#include "util/xalloc.h"

/* ------------------------------------------------------------------ export */

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Natural order of refs: digit runs compare as numbers ("A-2" < "A-10"). */
static int natural_cmp(const char *a, const char *b)
{
	const char *x, *y;
	size_t lx, ly;
	int c;

	while (*a && *b) {
		if (is_digit(*a) && is_digit(*b)) {
			for (x = a; *x == '0' && is_digit(x[1]); x++)
				;
			for (y = b; *y == '0' && is_digit(y[1]); y++)
				;
			for (lx = 0; is_digit(x[lx]); lx++)
				;
			for (ly = 0; is_digit(y[ly]); ly++)
				;
			if (lx != ly)
				return lx < ly ? -1 : 1;
			c = memcmp(x, y, lx);
			if (c)
				return c;
			a = x + lx;
			b = y + ly;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a - (unsigned char)*b;
		a++;
		b++;
	}
	return (unsigned char)*a - (unsigned char)*b;
}

static int entry_ref_cmp(const void *pa, const void *pb)
{
	const struct entry *a = pa, *b = pb;
	int c = natural_cmp(a->ref_id, b->ref_id);

	return c ? c : strcmp(a->ref_id, b->ref_id);
}

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

/* Stored JSON text back to a value (NULL text gives null); NULL if damaged. */
static json_t *stored_json(const char *text)
{
	return text ? json_loads(text, JSON_DECODE_ANY, NULL) : json_null();
}

static json_t *action_json(const struct action *a)
{
	json_t *o = json_object();

	json_object_set_new(o, "ref", str_or_null(a->ref_id));
	json_object_set_new(o, "title", str_or_null(a->title));
	json_object_set_new(o, "owner", str_or_null(a->owner));
	json_object_set_new(o, "due", str_or_null(a->due));
	json_object_set_new(o, "target", score_to_json(a->target));
	json_object_set_new(o, "status", str_or_null(a->status));
	json_object_set_new(o, "created_at", str_or_null(a->created_at));
	json_object_set_new(o, "done_at", str_or_null(a->done_at));
	return o;
}

static int cycle_json(const struct portfolio_ref *ref, const struct cycle *c, json_t **out,
		      struct err *e)
{
	json_t *o, *answers = stored_json(c->answers_json), *snap = stored_json(c->snapshot_json);

	*out = NULL;
	if (!answers || !snap) {
		json_decref(answers);
		json_decref(snap);
		return err_fail(e, ERR_INTERNAL, NULL, MSG_E_ARCHIVE_STORED_JSON,
				ERR_WORD(answers ? MSG_N_SNAPSHOT : MSG_N_ANSWERS), c->number,
				ref->framework_id);
	}
	o = json_object();
	json_object_set_new(o, "number", json_integer(c->number));
	json_object_set_new(o, "opened_at", str_or_null(c->opened_at));
	json_object_set_new(o, "closed_at", str_or_null(c->closed_at));
	json_object_set_new(o, "approved_by", str_or_null(c->approved_by));
	json_object_set_new(o, "answers", answers);
	json_object_set_new(o, "snapshot", snap);
	json_object_set_new(o, "snapshot_hash", str_or_null(c->snapshot_hash));
	*out = o;
	return 0;
}

/* The organization's own quadrant positions, as "positions": [{"ref", "skill",
 * "information"}] (0..100), only when there are any. */
static void positions_json(const struct portfolio *p, json_t *o)
{
	json_t *arr = NULL;
	size_t i;

	for (i = 0; i < p->n_entries; i++) {
		const struct entry *en = &p->entries[i];
		if (!en->placed)
			continue;
		if (!arr)
			arr = json_array();
		json_array_append_new(arr,
				      json_pack("{s:s, s:i, s:i}", "ref", en->ref_id, "skill",
						en->place.skill, "information", en->place.info));
	}
	if (arr)
		json_object_set_new(o, "positions", arr);
}

static int export_portfolio(struct store *st, const struct portfolio_ref *ref, json_t **out,
			    struct err *e)
{
	struct portfolio p;
	struct action *acts = NULL;
	struct cycle *cycles = NULL;
	size_t n_acts = 0, n_cycles = 0, i;
	json_t *o = NULL, *arr, *cj;
	int rc;

	portfolio_init(&p);
	rc = store_portfolio_load(st, ref->id, &p, e);
	if (!rc)
		rc = store_action_list(st, ref->id, NULL, &acts, &n_acts, e);
	if (!rc)
		rc = store_cycle_list(st, ref->id, &cycles, &n_cycles, e);
	if (rc)
		goto out;
	if (p.n_entries)
		qsort(p.entries, p.n_entries, sizeof(*p.entries), entry_ref_cmp);
	o = json_object();
	json_object_set_new(o, "framework", json_string(ref->framework_id));
	json_object_set_new(o, "created_at", str_or_null(ref->created_at));
	json_object_set_new(o, "cycle", json_integer(ref->cycle));
	json_object_set_new(o, "next_evaluation", str_or_null(ref->next_evaluation));
	arr = json_array();
	for (i = 0; i < p.n_entries; i++)
		json_array_append_new(arr, store_entry_json(&p.entries[i]));
	json_object_set_new(o, "entries", arr);
	positions_json(&p, o);
	arr = json_array();
	for (i = 0; i < n_acts; i++)
		json_array_append_new(arr, action_json(&acts[i]));
	json_object_set_new(o, "actions", arr);
	arr = json_array();
	json_object_set_new(o, "cycles", arr);
	for (i = 0; i < n_cycles; i++) {
		rc = cycle_json(ref, &cycles[i], &cj, e);
		if (rc)
			goto out;
		json_array_append_new(arr, cj);
	}
out:
	if (rc)
		json_decref(o);
	else
		*out = o;
	action_list_free(acts, n_acts);
	cycle_list_free(cycles, n_cycles);
	portfolio_release(&p);
	return rc;
}

static json_t *names_json(const struct party *list, size_t n)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(arr, json_string(list[i].name));
	return arr;
}

/* The organization's providers linked to an organization in cdcf ({provider, organization,
 * shared} each, by provider), or NULL when none is. */
static int links_json(struct store *st, long long org_id, json_t **out, struct err *e)
{
	struct provider_link_row *rows = NULL;
	size_t n = 0, i;
	int rc = store_provider_links(st, org_id, &rows, &n, e);

	*out = NULL;
	for (i = 0; !rc && i < n; i++) {
		if (!rows[i].linked_org)
			continue;
		if (!*out)
			*out = json_array();
		json_array_append_new(
		    *out, json_pack("{s:s, s:s, s:b}", "provider", rows[i].provider, "organization",
				    rows[i].linked_org, "shared", rows[i].shared));
	}
	provider_link_rows_free(rows, n);
	return rc;
}

int archive_export(struct store *st, const char *org_name, json_t **out, struct err *e)
{
	struct org o = {0};
	struct party *teams = NULL, *providers = NULL;
	struct portfolio_ref *refs = NULL;
	size_t n_teams = 0, n_providers = 0, n_refs = 0, i;
	json_t *root = NULL, *oj, *arr, *pj;
	int rc;

	*out = NULL;
	rc = store_org_find(st, org_name, &o, e);
	if (!rc)
		rc = store_party_list(st, PARTY_TEAM, o.id, &teams, &n_teams, e);
	if (!rc)
		rc = store_party_list(st, PARTY_PROVIDER, o.id, &providers, &n_providers, e);
	if (!rc)
		rc = store_portfolio_list(st, o.id, &refs, &n_refs, e);
	if (rc)
		goto out;
	root = json_object();
	json_object_set_new(root, "format", json_string(ARCHIVE_FORMAT));
	json_object_set_new(root, "version", json_integer(ARCHIVE_VERSION));
	oj = json_object();
	json_object_set_new(oj, "name", json_string(o.name));
	json_object_set_new(oj, "parent", str_or_null(o.parent_name));
	json_object_set_new(oj, "created_at", str_or_null(o.created_at));
	json_object_set_new(root, "organization", oj);
	json_object_set_new(root, "teams", names_json(teams, n_teams));
	json_object_set_new(root, "providers", names_json(providers, n_providers));
	rc = links_json(st, o.id, &arr, e);
	if (rc)
		goto out;
	if (arr) /* absent when no provider is linked, as in archives made before links */
		json_object_set_new(root, "provider_links", arr);
	arr = json_array();
	json_object_set_new(root, "portfolios", arr);
	for (i = 0; i < n_refs; i++) {
		rc = export_portfolio(st, &refs[i], &pj, e);
		if (rc)
			goto out;
		json_array_append_new(arr, pj);
	}
out:
	if (rc)
		json_decref(root);
	else
		*out = root;
	portfolio_ref_list_free(refs, n_refs);
	party_list_free(teams, n_teams);
	party_list_free(providers, n_providers);
	org_release(&o);
	return rc;
}

/* ------------------------------------------------------------ import: write */

struct idmap {
	const char *name;
	long long id;
};

static int idmap_cmp(const void *a, const void *b)
{
	return strcmp(((const struct idmap *)a)->name, ((const struct idmap *)b)->name);
}

static long long idmap_find(const struct idmap *m, size_t n, const char *name)
{
	struct idmap key = {name, 0}, *hit;

	if (!name || !n)
		return 0;
	hit = bsearch(&key, m, n, sizeof(*m), idmap_cmp);
	return hit ? hit->id : 0;
}

struct counts {
	size_t entries, actions, cycles;
};

static int write_names(struct store *st, struct archive_ctx *c, enum party_kind k, long long org_id,
		       const json_t *arr, const char *key, struct idmap **out, size_t *n_out)
{
	size_t i, n = json_array_size(arr);
	char path[JPATH_MAX];
	int rc = 0;

	*out = xcalloc(n ? n : 1, sizeof(**out));
	*n_out = n;
	for (i = 0; i < n && !rc; i++) {
		(*out)[i].name = json_string_value(json_array_get(arr, i));
		rc = store_import_party(st, k, org_id, (*out)[i].name, &(*out)[i].id, c->e);
		if (rc) {
			archive_path_index(path, "", key, i);
			rc = archive_prefix(c, path, rc);
		}
	}
	qsort(*out, n, sizeof(**out), idmap_cmp);
	return rc;
}

static const char *jstr(const json_t *obj, const char *key)
{
	return json_string_value(json_object_get(obj, key));
}

static int write_portfolio(struct store *st, struct archive_ctx *c, long long org_id,
			   const json_t *j, const char *path, const struct idmap *teams,
			   size_t n_teams, const struct idmap *providers, size_t n_providers,
			   struct counts *cnt)
{
	const json_t *entries = json_object_get(j, "entries"),
		     *actions = json_object_get(j, "actions"),
		     *positions = json_object_get(j, "positions");
	const json_t *cycles = json_object_get(j, "cycles"), *v;
	char sub[JPATH_MAX];
	long long pid;
	size_t i;
	int rc;

	rc = store_import_portfolio(st, org_id, jstr(j, "framework"), jstr(j, "created_at"),
				    jstr(j, "next_evaluation"), &pid, c->e);
	if (rc)
		return archive_prefix(c, path, rc);
	for (i = 0; i < json_array_size(entries); i++) {
		struct entry en;
		if ((rc = progress_at(c->progress, ++c->done, c->total, c->e)))
			return rc;
		v = json_array_get(entries, i);
		archive_entry_from_json(v, &en);
		en.team_id = idmap_find(teams, n_teams, en.team);
		en.provider_id = idmap_find(providers, n_providers, en.provider);
		rc = store_import_entry(st, pid, &en, c->e);
		if (rc) {
			archive_path_index(sub, path, "entries", i);
			return archive_prefix(c, sub, rc);
		}
		cnt->entries++;
	}
	for (i = 0; i < json_array_size(positions); i++) {
		if ((rc = progress_at(c->progress, ++c->done, c->total, c->e)))
			return rc;
		v = json_array_get(positions, i);
		rc = store_position_import(
		    st, pid, jstr(v, "ref"), (int)json_integer_value(json_object_get(v, "skill")),
		    (int)json_integer_value(json_object_get(v, "information")), c->e);
		if (rc) {
			archive_path_index(sub, path, "positions", i);
			return archive_prefix(c, sub, rc);
		}
	}
	for (i = 0; i < json_array_size(actions); i++) {
		struct action a = {0};
		if ((rc = progress_at(c->progress, ++c->done, c->total, c->e)))
			return rc;
		v = json_array_get(actions, i);
		a.ref_id = (char *)jstr(v, "ref");
		a.title = (char *)jstr(v, "title");
		a.owner = (char *)jstr(v, "owner");
		a.due = (char *)jstr(v, "due");
		if (score_from_json(json_object_get(v, "target"), &a.target))
			a.target = SCORE_NONE;
		a.status = (char *)jstr(v, "status");
		a.created_at = (char *)jstr(v, "created_at");
		a.done_at = (char *)jstr(v, "done_at");
		rc = store_import_action(st, pid, &a, c->e);
		if (rc) {
			archive_path_index(sub, path, "actions", i);
			return archive_prefix(c, sub, rc);
		}
		cnt->actions++;
	}
	for (i = 0; i < json_array_size(cycles); i++) {
		struct cycle cy = {0};
		if ((rc = progress_at(c->progress, ++c->done, c->total, c->e)))
			return rc;
		v = json_array_get(cycles, i);
		cy.number = (int)json_integer_value(json_object_get(v, "number"));
		cy.opened_at = (char *)jstr(v, "opened_at");
		cy.closed_at = (char *)jstr(v, "closed_at");
		cy.approved_by = (char *)jstr(v, "approved_by");
		cy.answers_json = archive_canonical(json_object_get(v, "answers"));
		cy.snapshot_json = archive_canonical(json_object_get(v, "snapshot"));
		/* absent or null answers/snapshot are stored as NULL, not "null" */
		if (cy.answers_json && !strcmp(cy.answers_json, "null"))
			XFREE(&cy.answers_json);
		if (cy.snapshot_json && !strcmp(cy.snapshot_json, "null"))
			XFREE(&cy.snapshot_json);
		cy.snapshot_hash = (char *)jstr(v, "snapshot_hash");
		rc = store_import_cycle(st, pid, &cy, c->e);
		free(cy.answers_json);
		free(cy.snapshot_json);
		if (rc) {
			archive_path_index(sub, path, "cycles", i);
			return archive_prefix(c, sub, rc);
		}
		cnt->cycles++;
	}
	return 0;
}

/* The links of the archive's providers to organizations of this database (checked by
 * archive_check: each names one of providers, once), each with its sharing. */
static int write_links(struct store *st, struct archive_ctx *c, long long org_id,
		       const json_t *links, const struct idmap *providers, size_t n_providers)
{
	char path[JPATH_MAX];
	size_t i;
	int rc = 0;

	for (i = 0; !rc && i < json_array_size(links); i++) {
		const json_t *l = json_array_get(links, i);
		const char *name = jstr(l, "organization");
		struct org to = {0};
		long long pid = idmap_find(providers, n_providers, jstr(l, "provider"));

		archive_path_index(path, "", "provider_links", i);
		rc = store_org_find(st, name, &to, c->e);
		if (rc == ERR_NOT_FOUND) {
			char sub[JPATH_MAX];
			archive_path(sub, path, "organization");
			rc = archive_fail_code(c, rc, sub, MSG_E_IMPORT_LINKED_ORG, name,
					       jstr(l, "provider"));
		} else if (!rc) {
			rc = store_provider_link(st, org_id, pid, to.id, c->e);
			if (!rc && json_is_true(json_object_get(l, "shared")))
				rc = store_provider_share(st, org_id, pid, true, c->e);
			if (rc)
				rc = archive_prefix_in(c, path, rc);
		} else {
			rc = archive_prefix_in(c, path, rc);
		}
		org_release(&to);
	}
	return rc;
}

static int write_doc(struct store *st, struct archive_ctx *c, const json_t *doc)
{
	const json_t *org = json_object_get(doc, "organization");
	const json_t *portfolios = json_object_get(doc, "portfolios");
	struct idmap *teams = NULL, *providers = NULL;
	size_t n_teams = 0, n_providers = 0, i;
	struct counts cnt = {0, 0, 0};
	struct org o = {0}, parent = {0};
	char path[JPATH_MAX], subject[STORE_NAME_MAX + 32], *after = NULL;
	json_t *aj;
	long long org_id;
	int rc;

	o.name = (char *)jstr(org, "name");
	o.created_at = (char *)jstr(org, "created_at");
	if (jstr(org, "parent")) {
		rc = store_org_find(st, jstr(org, "parent"), &parent, c->e);
		if (rc) {
			if (rc == ERR_NOT_FOUND)
				err_fail(c->e, rc, NULL, MSG_E_IMPORT_PARENT, jstr(org, "parent"));
			rc = archive_prefix(c, "organization.parent", rc);
			goto out;
		}
		o.parent_id = parent.id;
	}
	rc = store_import_org(st, &o, &org_id, c->e);
	if (rc) {
		rc = archive_prefix(c, "", rc);
		goto out;
	}
	rc = write_names(st, c, PARTY_TEAM, org_id, json_object_get(doc, "teams"), "teams", &teams,
			 &n_teams);
	if (!rc)
		rc = write_names(st, c, PARTY_PROVIDER, org_id, json_object_get(doc, "providers"),
				 "providers", &providers, &n_providers);
	if (!rc)
		rc = write_links(st, c, org_id, json_object_get(doc, "provider_links"), providers,
				 n_providers);
	for (i = 0; i < json_array_size(portfolios); i++) {
		const json_t *pj = json_array_get(portfolios, i);
		c->total += json_array_size(json_object_get(pj, "entries")) +
			    json_array_size(json_object_get(pj, "positions")) +
			    json_array_size(json_object_get(pj, "actions")) +
			    json_array_size(json_object_get(pj, "cycles"));
	}
	for (i = 0; !rc && i < json_array_size(portfolios); i++) {
		archive_path_index(path, "", "portfolios", i);
		rc = write_portfolio(st, c, org_id, json_array_get(portfolios, i), path, teams,
				     n_teams, providers, n_providers, &cnt);
	}
	if (rc)
		goto out;
	aj = json_object();
	json_object_set_new(aj, "source", json_string(c->src));
	json_object_set_new(aj, "teams", json_integer((json_int_t)n_teams));
	json_object_set_new(aj, "providers", json_integer((json_int_t)n_providers));
	json_object_set_new(aj, "portfolios",
			    json_integer((json_int_t)json_array_size(portfolios)));
	json_object_set_new(aj, "entries", json_integer((json_int_t)cnt.entries));
	json_object_set_new(aj, "actions", json_integer((json_int_t)cnt.actions));
	json_object_set_new(aj, "cycles", json_integer((json_int_t)cnt.cycles));
	after = json_dumps(aj, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(aj);
	snprintf(subject, sizeof(subject), "organization '%s'", o.name);
	rc = store_audit(st, org_id, "import", subject, NULL, after, c->e);
out:
	free(after);
	free(teams);
	free(providers);
	org_release(&parent);
	return rc;
}

static int import_doc(struct store *st, const json_t *doc, const char *source_name,
		      struct progress_watch *p, struct err *e)
{
	struct archive_ctx c = {
	    .src = source_name && *source_name ? source_name : "archive", .e = e, .progress = p};
	int rc;

	rc = archive_check(&c, doc);
	if (rc)
		goto out;
	rc = db_begin(st->db, e);
	if (rc)
		goto out;
	rc = write_doc(st, &c, doc);
	if (!rc) /* stopped after the last row: nothing is committed either */
		rc = progress_at(NULL, 0, 0, e);
	if (rc)
		db_rollback(st->db);
	else
		rc = db_commit(st->db, e);
out:
	free(c.teams);
	free(c.providers);
	return rc;
}

int archive_import(struct store *st, const json_t *doc, const char *source_name, struct err *e)
{
	return import_doc(st, doc, source_name, NULL, e);
}

int archive_import_file(struct store *st, const char *path, struct progress_watch *p, struct err *e)
{
	json_error_t jerr;
	json_t *doc;
	char *data = NULL;
	size_t len = 0;
	int rc;

	rc = file_read_all(path, ARCHIVE_MAX_BYTES, &data, &len, e);
	if (rc == ERR_TOO_LARGE)
		return err_fail(e, rc, NULL, MSG_E_ARCHIVE_TOO_LARGE, path,
				(size_t)(ARCHIVE_MAX_BYTES >> 20));
	if (rc)
		return rc;
	doc = json_loadb(data, len, JSON_REJECT_DUPLICATES, &jerr);
	free(data);
	if (!doc) {
		err_fail(e, ERR_INVALID, NULL, MSG_E_JSON_SYNTAX, jerr.text);
		err_prefix(e, "%s:%d:%d", path, jerr.line, jerr.column);
		return ERR_INVALID;
	}
	rc = import_doc(st, doc, path, p, e);
	json_decref(doc);
	return rc;
}
