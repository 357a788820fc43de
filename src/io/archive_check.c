/*
 * archive_check.c - validation of a whole archive document before anything
 * is written: types, spellings, ranges, references and cycle consistency,
 * each message naming the source and the JSON path.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/snapshot.h"
#include "io/archive_int.h"
#include "util/xalloc.h"

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int fail_at(struct archive_ctx *c, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail_at(struct archive_ctx *c, const char *path, const char *fmt, ...)
{
	char msg[ERR_MSG_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (*path)
		return err_set(c->e, ERR_INVALID, "%s: %s: %s", c->src, path, msg);
	return err_set(c->e, ERR_INVALID, "%s: %s", c->src, msg);
}

/* Put source and path in front of an error another module reported. */
int archive_prefix(struct archive_ctx *c, const char *path, int rc)
{
	if (c->e && *path)
		err_prefix(c->e, "%s: %s", c->src, path);
	else if (c->e)
		err_prefix(c->e, "%s", c->src);
	return rc;
}

/* base.key and base.key[i]; a path past JPATH_MAX is cut short (messages only). */
void archive_path(char *dst, const char *base, const char *key)
{
	if (snprintf(dst, JPATH_MAX, "%s%s%s", base, *base ? "." : "", key) >= JPATH_MAX)
		dst[JPATH_MAX - 1] = '\0';
}

void archive_path_index(char *dst, const char *base, const char *key, size_t i)
{
	if (snprintf(dst, JPATH_MAX, "%s%s%s[%zu]", base, *base && *key ? "." : "", key, i) >=
	    JPATH_MAX)
		dst[JPATH_MAX - 1] = '\0';
}

enum kind { K_STRING, K_INT, K_OBJECT, K_ARRAY, K_ANY };
enum { OPTIONAL = 0, REQUIRED = 1, NULLABLE = 2 };

static const char *kind_name(enum kind k)
{
	static const char *const names[] = {"a string", "an integer", "an object", "an array",
					    "a value"};
	return names[k];
}

static const char *json_kind(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return "an object";
	case JSON_ARRAY:
		return "an array";
	case JSON_STRING:
		return "a string";
	case JSON_INTEGER:
		return "an integer";
	case JSON_REAL:
		return "a number with a fraction";
	case JSON_TRUE:
	case JSON_FALSE:
		return "a boolean";
	default:
		return "null";
	}
}

static int kind_ok(enum kind k, const json_t *v)
{
	switch (k) {
	case K_STRING:
		return json_is_string(v);
	case K_INT:
		return json_is_integer(v);
	case K_OBJECT:
		return json_is_object(v);
	case K_ARRAY:
		return json_is_array(v);
	default:
		return 1;
	}
}

/*
 * Field key of obj into *out: NULL when absent, or when null and NULLABLE.
 * A REQUIRED field must be present; null only passes with NULLABLE.
 */
static int member(struct archive_ctx *c, const json_t *obj, const char *path, const char *key,
		  enum kind k, int flags, const json_t **out)
{
	const json_t *v = json_object_get(obj, key);
	char sub[JPATH_MAX];

	*out = NULL;
	archive_path(sub, path, key);
	if (!v) {
		if (flags & REQUIRED)
			return fail_at(c, path, "missing field '%s'", key);
		return 0;
	}
	if (json_is_null(v)) {
		if ((flags & NULLABLE) || k == K_ANY)
			return 0;
		return fail_at(c, sub, "expected %s, got null", kind_name(k));
	}
	if (!kind_ok(k, v))
		return fail_at(c, sub, "expected %s, got %s", kind_name(k), json_kind(v));
	if (k == K_STRING && strlen(json_string_value(v)) != json_string_length(v))
		return fail_at(c, sub, "must not contain NUL characters");
	*out = v;
	return 0;
}

static int member_str(struct archive_ctx *c, const json_t *obj, const char *path, const char *key,
		      int flags, const char **out)
{
	const json_t *v;
	int rc = member(c, obj, path, key, K_STRING, flags, &v);

	*out = v ? json_string_value(v) : NULL;
	return rc;
}

/* A name-like string field, checked as the store would. */
static int member_name(struct archive_ctx *c, const json_t *obj, const char *path, const char *key,
		       int flags, const char **out)
{
	char sub[JPATH_MAX];
	int rc = member_str(c, obj, path, key, flags, out);

	if (rc || !*out)
		return rc;
	archive_path(sub, path, key);
	rc = store_check_name(key, *out, c->e);
	return rc ? archive_prefix(c, sub, rc) : 0;
}

static int member_score(struct archive_ctx *c, const json_t *obj, const char *path, const char *key,
			int *out)
{
	const json_t *v = json_object_get(obj, key);
	char sub[JPATH_MAX];

	if (!score_from_json(v, out))
		return 0;
	archive_path(sub, path, key);
	return fail_at(c, sub, "expected a score: an integer 0-100, \"n/a\" or null");
}

static int only_keys(struct archive_ctx *c, const json_t *obj, const char *path,
		     const char *const *keys)
{
	const char *k;
	json_t *v;
	size_t i;

	json_object_foreach ((json_t *)obj, k, v) {
		for (i = 0; keys[i]; i++)
			if (!strcmp(keys[i], k))
				break;
		if (!keys[i])
			return fail_at(c, path, "unknown field '%s'", k);
	}
	return 0;
}

/* Sorted (string, index) pairs, to find duplicates and look names up. */
struct keyed {
	const char *s;
	size_t i;
};

static int keyed_cmp(const void *pa, const void *pb)
{
	const struct keyed *a = pa, *b = pb;
	int c = strcmp(a->s, b->s);

	return c ? c : (a->i < b->i ? -1 : a->i > b->i);
}

/* The first (by position) element of k[0..n) whose string repeats an earlier one, or n. */
static size_t first_duplicate(struct keyed *k, size_t n)
{
	size_t i, dup = n;

	qsort(k, n, sizeof(*k), keyed_cmp);
	for (i = 1; i < n; i++)
		if (!strcmp(k[i].s, k[i - 1].s) && (dup == n || k[i].i < k[dup].i))
			dup = i;
	return dup;
}

static int str_ptr_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int has_name(const char **names, size_t n, const char *s)
{
	return n && bsearch(&s, names, n, sizeof(*names), str_ptr_cmp) != NULL;
}

/* teams / providers: unique names; their sorted list goes to *out. */
static int check_names(struct archive_ctx *c, const json_t *arr, const char *key, const char *word,
		       const char ***out, size_t *n_out)
{
	struct keyed *k = NULL;
	char path[JPATH_MAX], what[32];
	const json_t *v;
	size_t i, n = arr ? json_array_size(arr) : 0, dup;
	int rc = 0;

	*out = xcalloc(n ? n : 1, sizeof(**out));
	*n_out = n;
	k = xcalloc(n ? n : 1, sizeof(*k));
	snprintf(what, sizeof(what), "%s name", word);
	for (i = 0; i < n; i++) {
		v = json_array_get(arr, i);
		archive_path_index(path, "", key, i);
		if (!json_is_string(v)) {
			rc = fail_at(c, path, "expected a string, got %s", json_kind(v));
			goto out;
		}
		if (strlen(json_string_value(v)) != json_string_length(v)) {
			rc = fail_at(c, path, "must not contain NUL characters");
			goto out;
		}
		rc = store_check_name(what, json_string_value(v), c->e);
		if (rc) {
			rc = archive_prefix(c, path, rc);
			goto out;
		}
		k[i].s = (*out)[i] = json_string_value(v);
		k[i].i = i;
	}
	dup = first_duplicate(k, n);
	if (dup < n) {
		archive_path_index(path, "", key, k[dup].i);
		rc = fail_at(c, path, "duplicate %s '%s'", word, k[dup].s);
		goto out;
	}
	qsort(*out, n, sizeof(**out), str_ptr_cmp);
out:
	free(k);
	return rc;
}

/* Fill en from a validated entry object (strings borrowed from the JSON). */
void archive_entry_from_json(const json_t *j, struct entry *en)
{
	static const char *const side_key[SIDE_COUNT] = {"insource", "outsource"};
	const json_t *custom = json_object_get(j, "custom"), *v;
	int s;

	memset(en, 0, sizeof(*en));
	en->ref_id = (char *)json_string_value(json_object_get(j, "ref"));
	en->level = (enum level)level_parse(json_string_value(json_object_get(j, "level")));
	en->assignment =
	    (enum assignment)assignment_parse(json_string_value(json_object_get(j, "assignment")));
	en->team = (char *)json_string_value(json_object_get(j, "team"));
	en->provider = (char *)json_string_value(json_object_get(j, "provider"));
	for (s = 0; s < SIDE_COUNT; s++) {
		v = json_object_get(j, side_key[s]);
		if (score_from_json(json_object_get(v, "current"), &en->score[s].current))
			en->score[s].current = SCORE_NONE;
		if (score_from_json(json_object_get(v, "target"), &en->score[s].target))
			en->score[s].target = SCORE_NONE;
	}
	en->note = (char *)json_string_value(json_object_get(j, "note"));
	en->evidence = (char *)json_string_value(json_object_get(j, "evidence"));
	v = json_object_get(j, "version");
	en->version = json_is_integer(v) ? json_integer_value(v) : 1;
	if (json_is_object(custom)) {
		en->custom = 1;
		en->custom_name_en = (char *)json_string_value(json_object_get(custom, "name_en"));
		en->custom_name_ja = (char *)json_string_value(json_object_get(custom, "name_ja"));
		en->custom_category =
		    (char *)json_string_value(json_object_get(custom, "category"));
	}
}

static int check_pair(struct archive_ctx *c, const json_t *obj, const char *path, const char *key)
{
	static const char *const keys[] = {"current", "target", NULL};
	const json_t *v;
	char sub[JPATH_MAX];
	int rc, score;

	rc = member(c, obj, path, key, K_OBJECT, NULLABLE, &v);
	if (rc || !v)
		return rc;
	archive_path(sub, path, key);
	rc = only_keys(c, v, sub, keys);
	if (!rc)
		rc = member_score(c, v, sub, "current", &score);
	if (!rc)
		rc = member_score(c, v, sub, "target", &score);
	return rc;
}

static int check_entry(struct archive_ctx *c, const json_t *j, const char *path)
{
	static const char *const keys[] = {"ref",      "level",	   "assignment", "team",
					   "provider", "insource", "outsource",	 "note",
					   "evidence", "version",  "custom",	 NULL};
	static const char *const custom_keys[] = {"name_en", "name_ja", "category", NULL};
	const char *ref, *level, *assign, *team, *provider, *s;
	const json_t *v, *custom;
	struct entry en;
	char sub[JPATH_MAX];
	int rc;

	if (!json_is_object(j))
		return fail_at(c, path, "expected an object, got %s", json_kind(j));
	rc = only_keys(c, j, path, keys);
	if (!rc)
		rc = member_name(c, j, path, "ref", REQUIRED, &ref);
	if (!rc)
		rc = member_str(c, j, path, "level", REQUIRED, &level);
	if (!rc)
		rc = member_str(c, j, path, "assignment", REQUIRED, &assign);
	if (!rc)
		rc = member_str(c, j, path, "team", NULLABLE, &team);
	if (!rc)
		rc = member_str(c, j, path, "provider", NULLABLE, &provider);
	if (rc)
		return rc;
	archive_path(sub, path, "level");
	if (level_parse(level) < 0)
		return fail_at(c, sub, "unknown level '%s'", level);
	archive_path(sub, path, "assignment");
	if (assignment_parse(assign) < 0)
		return fail_at(c, sub, "unknown assignment '%s'", assign);
	archive_path(sub, path, "team");
	if (team && !has_name(c->teams, c->n_teams, team))
		return fail_at(c, sub, "unknown team '%s' (not in teams)", team);
	archive_path(sub, path, "provider");
	if (provider && !has_name(c->providers, c->n_providers, provider))
		return fail_at(c, sub, "unknown provider '%s' (not in providers)", provider);
	rc = check_pair(c, j, path, "insource");
	if (!rc)
		rc = check_pair(c, j, path, "outsource");
	if (!rc)
		rc = member_str(c, j, path, "note", NULLABLE, &s);
	if (!rc)
		rc = member_str(c, j, path, "evidence", NULLABLE, &s);
	if (!rc)
		rc = member(c, j, path, "version", K_INT, OPTIONAL, &v);
	if (rc)
		return rc;
	archive_path(sub, path, "version");
	if (v && json_integer_value(v) < 1)
		return fail_at(c, sub, "must be 1 or more, got %lld",
			       (long long)json_integer_value(v));
	rc = member(c, j, path, "custom", K_OBJECT, OPTIONAL, &custom);
	if (rc)
		return rc;
	if (custom) {
		archive_path(sub, path, "custom");
		rc = only_keys(c, custom, sub, custom_keys);
		if (!rc)
			rc = member_str(c, custom, sub, "name_en", REQUIRED, &s);
		if (!rc)
			rc = member_str(c, custom, sub, "name_ja", NULLABLE, &s);
		if (!rc)
			rc = member_str(c, custom, sub, "category", NULLABLE, &s);
		if (rc)
			return rc;
	}
	archive_entry_from_json(j, &en);
	rc = store_entry_check(&en, c->e);
	return rc ? archive_prefix(c, path, rc) : 0;
}

static int valid_date(const char *s)
{
	int i, month, day;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !is_digit(s[i]))
			return 0;
	month = (s[5] - '0') * 10 + (s[6] - '0');
	day = (s[8] - '0') * 10 + (s[9] - '0');
	return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

static int check_action(struct archive_ctx *c, const json_t *j, const char *path)
{
	static const char *const keys[] = {"ref",    "title",	   "owner",   "due", "target",
					   "status", "created_at", "done_at", NULL};
	const char *s, *title, *due, *status;
	char sub[JPATH_MAX];
	int rc, score;

	if (!json_is_object(j))
		return fail_at(c, path, "expected an object, got %s", json_kind(j));
	rc = only_keys(c, j, path, keys);
	if (!rc)
		rc = member_name(c, j, path, "ref", REQUIRED, &s);
	if (!rc)
		rc = member_str(c, j, path, "title", REQUIRED, &title);
	if (!rc)
		rc = member_name(c, j, path, "owner", NULLABLE, &s);
	if (!rc)
		rc = member_str(c, j, path, "due", NULLABLE, &due);
	if (!rc)
		rc = member_score(c, j, path, "target", &score);
	if (!rc)
		rc = member_str(c, j, path, "status", REQUIRED, &status);
	if (!rc)
		rc = member_name(c, j, path, "created_at", REQUIRED, &s);
	if (!rc)
		rc = member_name(c, j, path, "done_at", NULLABLE, &s);
	if (rc)
		return rc;
	archive_path(sub, path, "title");
	if (!*title)
		return fail_at(c, sub, "must not be empty");
	rc = store_check_text("title", title, STORE_TEXT_MAX, c->e);
	if (rc)
		return archive_prefix(c, sub, rc);
	archive_path(sub, path, "due");
	if (due && !valid_date(due))
		return fail_at(c, sub, "expected a date YYYY-MM-DD, got '%s'", due);
	archive_path(sub, path, "status");
	if (strcmp(status, "open") && strcmp(status, "done"))
		return fail_at(c, sub, "unknown status '%s' (open, done)", status);
	return 0;
}

/* Canonical text of a stored JSON value (answers, snapshot); NULL for null. */
char *archive_canonical(const json_t *v)
{
	return v ? json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY) : NULL;
}

static int check_cycle(struct archive_ctx *c, const json_t *j, const char *path, size_t index,
		       int last)
{
	static const char *const keys[] = {"number",  "opened_at", "closed_at",	    "approved_by",
					   "answers", "snapshot",  "snapshot_hash", NULL};
	const json_t *number, *answers, *snap;
	const char *s, *closed, *hash;
	char sub[JPATH_MAX], digest[65], *text = NULL;
	int rc;

	if (!json_is_object(j))
		return fail_at(c, path, "expected an object, got %s", json_kind(j));
	rc = only_keys(c, j, path, keys);
	if (!rc)
		rc = member(c, j, path, "number", K_INT, REQUIRED, &number);
	if (!rc)
		rc = member_name(c, j, path, "opened_at", REQUIRED, &s);
	if (!rc)
		rc = member_name(c, j, path, "closed_at", NULLABLE, &closed);
	if (!rc)
		rc = member_name(c, j, path, "approved_by", NULLABLE, &s);
	if (!rc)
		rc = member(c, j, path, "answers", K_ANY, OPTIONAL, &answers);
	if (!rc)
		rc = member(c, j, path, "snapshot", K_ANY, OPTIONAL, &snap);
	if (!rc)
		rc = member_str(c, j, path, "snapshot_hash", NULLABLE, &hash);
	if (rc)
		return rc;
	archive_path(sub, path, "number");
	if (json_integer_value(number) != (json_int_t)index + 1)
		return fail_at(c, sub, "expected %zu, got %lld: cycles are numbered 1, 2, 3, ...",
			       index + 1, (long long)json_integer_value(number));
	if (last) {
		if (closed)
			return fail_at(c, path,
				       "the last cycle must be the open one (closed_at null)");
		if (answers || snap || hash)
			return fail_at(c, path,
				       "the open cycle has no answers, snapshot or hash yet");
		return 0;
	}
	if (!closed)
		return fail_at(c, path, "only the last cycle may be open; closed_at is missing");
	if (!snap || !hash)
		return fail_at(c, path, "a closed cycle needs its snapshot and snapshot_hash");
	text = archive_canonical(answers);
	archive_path(sub, path, "answers");
	rc = store_check_text("answers", text, STORE_TEXT_MAX, c->e);
	free(text);
	if (rc)
		return archive_prefix(c, sub, rc);
	text = archive_canonical(snap);
	archive_path(sub, path, "snapshot");
	if (!text)
		return fail_at(c, sub, "cannot be serialised");
	if (strlen(text) > STORE_SNAPSHOT_MAX) {
		free(text);
		return err_set(c->e, ERR_TOO_LARGE, "%s: %s: snapshot is longer than %zu bytes",
			       c->src, sub, STORE_SNAPSHOT_MAX);
	}
	store_sha256_hex(text, strlen(text), digest);
	free(text);
	archive_path(sub, path, "snapshot_hash");
	if (strcmp(digest, hash))
		return fail_at(c, sub, "does not match the snapshot (sha256 %s)", digest);
	return 0;
}

static int check_portfolio(struct archive_ctx *c, const json_t *j, const char *path)
{
	static const char *const keys[] = {"framework", "created_at", "cycle", "entries",
					   "actions",	"cycles",     NULL};
	const json_t *cycle, *entries, *actions, *cycles, *v;
	struct keyed *refs = NULL;
	const char *s;
	char sub[JPATH_MAX];
	size_t i, n, dup;
	int rc;

	if (!json_is_object(j))
		return fail_at(c, path, "expected an object, got %s", json_kind(j));
	rc = only_keys(c, j, path, keys);
	if (!rc)
		rc = member_name(c, j, path, "framework", REQUIRED, &s);
	if (!rc)
		rc = member_name(c, j, path, "created_at", REQUIRED, &s);
	if (!rc)
		rc = member(c, j, path, "cycle", K_INT, REQUIRED, &cycle);
	if (!rc)
		rc = member(c, j, path, "entries", K_ARRAY, OPTIONAL, &entries);
	if (!rc)
		rc = member(c, j, path, "actions", K_ARRAY, OPTIONAL, &actions);
	if (!rc)
		rc = member(c, j, path, "cycles", K_ARRAY, REQUIRED, &cycles);
	if (rc)
		return rc;
	n = json_array_size(entries);
	refs = xcalloc(n ? n : 1, sizeof(*refs));
	for (i = 0; i < n && !rc; i++) {
		v = json_array_get(entries, i);
		archive_path_index(sub, path, "entries", i);
		rc = check_entry(c, v, sub);
		refs[i].s = rc ? "" : json_string_value(json_object_get(v, "ref"));
		refs[i].i = i;
	}
	if (!rc && (dup = first_duplicate(refs, n)) < n) {
		archive_path_index(sub, path, "entries", refs[dup].i);
		rc = fail_at(c, sub, "duplicate ref '%s'", refs[dup].s);
	}
	free(refs);
	for (i = 0; !rc && i < json_array_size(actions); i++) {
		archive_path_index(sub, path, "actions", i);
		rc = check_action(c, json_array_get(actions, i), sub);
	}
	n = json_array_size(cycles);
	if (!rc && !n) {
		archive_path(sub, path, "cycles");
		rc = fail_at(c, sub, "a portfolio has at least its open cycle");
	}
	for (i = 0; !rc && i < n; i++) {
		archive_path_index(sub, path, "cycles", i);
		rc = check_cycle(c, json_array_get(cycles, i), sub, i, i + 1 == n);
	}
	if (rc)
		return rc;
	archive_path(sub, path, "cycle");
	if (json_integer_value(cycle) != (json_int_t)n)
		return fail_at(c, sub, "is %lld but the open cycle is %zu",
			       (long long)json_integer_value(cycle), n);
	return 0;
}

int archive_check(struct archive_ctx *c, const json_t *doc)
{
	static const char *const keys[] = {
	    "format", "version", "organization", "teams", "providers", "portfolios", NULL};
	static const char *const org_keys[] = {"name", "parent", "created_at", NULL};
	const json_t *version, *org, *teams, *providers, *portfolios, *p;
	struct keyed *fws = NULL;
	const char *format, *s;
	char path[JPATH_MAX];
	size_t i, n, dup;
	int rc;

	if (!json_is_object(doc))
		return fail_at(c, "", "an archive is a JSON object, got %s", json_kind(doc));
	rc = member_str(c, doc, "", "format", REQUIRED, &format);
	if (!rc && strcmp(format, ARCHIVE_FORMAT))
		rc = fail_at(c, "format", "expected '%s', got '%s'", ARCHIVE_FORMAT, format);
	if (!rc)
		rc = member(c, doc, "", "version", K_INT, REQUIRED, &version);
	if (!rc && json_integer_value(version) != ARCHIVE_VERSION)
		rc = fail_at(c, "version", "unsupported archive version %lld (this cdcf reads %d)",
			     (long long)json_integer_value(version), ARCHIVE_VERSION);
	if (!rc)
		rc = only_keys(c, doc, "", keys);
	if (!rc)
		rc = member(c, doc, "", "organization", K_OBJECT, REQUIRED, &org);
	if (!rc)
		rc = only_keys(c, org, "organization", org_keys);
	if (!rc)
		rc = member_name(c, org, "organization", "name", REQUIRED, &s);
	if (!rc)
		rc = member_name(c, org, "organization", "parent", NULLABLE, &s);
	if (!rc)
		rc = member_name(c, org, "organization", "created_at", REQUIRED, &s);
	if (!rc)
		rc = member(c, doc, "", "teams", K_ARRAY, OPTIONAL, &teams);
	if (!rc)
		rc = member(c, doc, "", "providers", K_ARRAY, OPTIONAL, &providers);
	if (!rc)
		rc = member(c, doc, "", "portfolios", K_ARRAY, OPTIONAL, &portfolios);
	if (!rc)
		rc = check_names(c, teams, "teams", "team", &c->teams, &c->n_teams);
	if (!rc)
		rc = check_names(c, providers, "providers", "provider", &c->providers,
				 &c->n_providers);
	if (rc)
		return rc;
	n = json_array_size(portfolios);
	fws = xcalloc(n ? n : 1, sizeof(*fws));
	for (i = 0; i < n && !rc; i++) {
		p = json_array_get(portfolios, i);
		archive_path_index(path, "", "portfolios", i);
		rc = check_portfolio(c, p, path);
		fws[i].s = rc ? "" : json_string_value(json_object_get(p, "framework"));
		fws[i].i = i;
	}
	if (!rc && (dup = first_duplicate(fws, n)) < n) {
		archive_path_index(path, "", "portfolios", fws[dup].i);
		rc = fail_at(c, path, "a second portfolio for '%s'", fws[dup].s);
	}
	free(fws);
	return rc;
}
