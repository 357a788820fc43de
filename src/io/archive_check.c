/*
 * archive_check.c - validation of a whole archive document before anything
 * is written: types, spellings, ranges, references and cycle consistency,
 * each message naming the source and the JSON path. Entries and actions
 * meet their framework and the rules every other way in applies (the same
 * core/rules.h functions select, assign, score, evidence and action call),
 * so an archive holds nothing those could not have stored. Typed field
 * access is archive_field.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/position.h"
#include "core/rules.h"
#include "core/snapshot.h"
#include "io/archive_int.h"
#include "io/catalog.h"
#include "util/date.h"
#include "util/xalloc.h"

static int str_ptr_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int has_name(const char **names, size_t n, const char *s)
{
	return n && bsearch(&s, names, n, sizeof(*names), str_ptr_cmp) != NULL;
}

/* teams / providers: unique names; their sorted list goes to *out. */
static int check_names(struct archive_ctx *c, const json_t *arr, const char *key,
		       enum party_kind kind, const char ***out, size_t *n_out)
{
	struct archive_keyed *k = NULL;
	const struct store_what *what = kind == PARTY_TEAM ? STORE_WHAT(MSG_N_TEAM_NAME, NULL)
							   : STORE_WHAT(MSG_N_PROVIDER_NAME, NULL);
	char path[JPATH_MAX];
	const json_t *v;
	size_t i, n = arr ? json_array_size(arr) : 0, dup;
	int rc = 0;

	*out = xcalloc(n ? n : 1, sizeof(**out));
	*n_out = n;
	k = xcalloc(n ? n : 1, sizeof(*k));
	for (i = 0; i < n; i++) {
		v = json_array_get(arr, i);
		archive_path_index(path, "", key, i);
		if (!json_is_string(v)) {
			rc = archive_fail(c, path, MSG_E_EXPECTED_GOT, ERR_WORD(MSG_W_A_STRING),
					  ERR_WORD(archive_json_kind(v)));
			goto out;
		}
		if (strlen(json_string_value(v)) != json_string_length(v)) {
			rc = archive_fail(c, path, MSG_E_NUL_CHARS);
			goto out;
		}
		rc = store_check_name_as(what, json_string_value(v), c->e);
		if (rc) {
			rc = archive_prefix(c, path, rc);
			goto out;
		}
		k[i].s = (*out)[i] = json_string_value(v);
		k[i].i = i;
	}
	dup = archive_first_duplicate(k, n);
	if (dup < n) {
		archive_path_index(path, "", key, k[dup].i);
		rc = archive_fail(c, path, MSG_E_DUPLICATE_NAMED,
				  ERR_WORD(kind == PARTY_TEAM ? MSG_N_TEAM : MSG_N_PROVIDER),
				  k[dup].s);
		goto out;
	}
	qsort(*out, n, sizeof(**out), str_ptr_cmp);
out:
	free(k);
	return rc;
}

/* "expected an object, got X" at path. */
static int expected_object(struct archive_ctx *c, const char *path, const json_t *j)
{
	return archive_fail(c, path, MSG_E_EXPECTED_GOT, ERR_WORD(MSG_W_AN_OBJECT),
			    ERR_WORD(archive_json_kind(j)));
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

	rc = archive_member(c, obj, path, key, AK_OBJECT, AF_NULLABLE, &v);
	if (rc || !v)
		return rc;
	archive_path(sub, path, key);
	rc = archive_only_keys(c, v, sub, keys);
	if (!rc)
		rc = archive_member_score(c, v, sub, "current", &score);
	if (!rc)
		rc = archive_member_score(c, v, sub, "target", &score);
	return rc;
}

/* A recorded time at obj.key: "YYYY-MM-DDTHH:MM:SSZ", a real instant
 * (datetime_valid); *out is NULL when absent or null and allowed by flags. */
static int check_time(struct archive_ctx *c, const json_t *obj, const char *path, const char *key,
		      int flags, const char **out)
{
	char sub[JPATH_MAX], shown[41];
	int rc = archive_member_str(c, obj, path, key, flags, out);

	if (rc || !*out || datetime_valid(*out))
		return rc;
	archive_path(sub, path, key);
	snprintf(shown, sizeof(shown), "%s", *out);
	return archive_fail(c, sub, MSG_E_BAD_TIME, shown, DATETIME_YEAR_MIN, DATETIME_YEAR_MAX);
}

/* Prefix an error a rule reported with path.key; returns rc. */
static int rule_at(struct archive_ctx *c, const char *path, const char *key, int rc)
{
	char sub[JPATH_MAX];

	if (rc >= 0)
		return 0;
	archive_path(sub, path, key);
	return archive_prefix(c, sub, rc);
}

/* The rules of the way in that would have stored en: service or custom
 * service (select, service add), parties (assign), scores (score), links
 * (evidence) and the version. p holds the framework and the entries before. */
static int check_entry_rules(struct archive_ctx *c, const struct portfolio *p,
			     const struct entry *en, const char *path)
{
	static const char *const side_key[SIDE_COUNT] = {"insource", "outsource"};
	static const char *const which_key[2] = {"current", "target"};
	const char *ref = en->ref_id;
	char sub[JPATH_MAX], text[16];
	int rc, s, w, score;

	if (en->custom) {
		rc = rule_at(c, path, "ref", rule_custom_ref(ref, c->e));
		if (!rc)
			rc = rule_at(c, path, "ref", rule_custom_unique(p, ref, c->e));
		if (!rc)
			rc = rule_at(c, path, "custom.name_en",
				     rule_custom_name(ref, en->custom_name_en, c->e));
		if (!rc)
			rc = rule_at(c, path, "custom.category",
				     rule_custom_category(p->fw, en->custom_category, c->e));
	} else {
		rc = rule_at(c, path, "ref", rule_service(p->fw, ref, c->e));
	}
	if (!rc)
		rc = rule_at(c, path, "level", rule_level(p->fw, ref, en->level, c->e));
	if (!rc && !en->custom)
		rc = rule_at(c, path, "level", rule_part_selected(p, ref, en->level, c->e));
	if (!rc && en->assignment != ASSIGN_UNASSIGNED)
		rc = rule_at(c, path, "assignment", rule_assignable(en, c->e));
	if (!rc)
		rc = rule_at(c, path, "team", rule_team(ref, en->assignment, en->team, c->e));
	if (!rc)
		rc = rule_at(c, path, "provider",
			     rule_provider(ref, en->assignment, en->provider, c->e));
	for (s = 0; !rc && s < SIDE_COUNT; s++) {
		archive_path(sub, path, side_key[s]);
		for (w = 0; !rc && w < 2; w++) {
			score = w ? en->score[s].target : en->score[s].current;
			if (score == SCORE_NONE)
				continue;
			rc = rule_at(c, sub, which_key[w],
				     rule_side(en, s, rule_score_str(score, text), c->e));
			if (!rc)
				rc = rule_at(c, sub, which_key[w],
					     rule_score(p->fw, s, ref, which_key[w], score, c->e));
			if (!rc && !w)
				rc = rule_at(c, sub, which_key[w],
					     rule_unassigned_current(p->fw, en, s, score, c->e));
		}
	}
	if (!rc)
		rc = rule_at(c, path, "evidence", rule_evidence(ref, en->evidence, c->e));
	if (!rc)
		rc = rule_at(c, path, "version", rule_version(ref, en->version, c->e));
	return rc;
}

static int check_entry(struct archive_ctx *c, struct portfolio *p, const json_t *j,
		       const char *path)
{
	static const char *const keys[] = {"ref",      "level",	   "assignment", "team",
					   "provider", "insource", "outsource",	 "note",
					   "evidence", "version",  "custom",	 NULL};
	static const char *const custom_keys[] = {"name_en", "name_ja", "category", NULL};
	const char *ref, *level, *assign, *team, *provider, *s;
	const json_t *v, *custom;
	struct entry en, *added;
	char sub[JPATH_MAX];
	int rc;

	if (!json_is_object(j))
		return expected_object(c, path, j);
	rc = archive_only_keys(c, j, path, keys);
	if (!rc)
		rc = archive_member_name(c, j, path, "ref", AF_REQUIRED, &ref);
	if (!rc)
		rc = archive_member_str(c, j, path, "level", AF_REQUIRED, &level);
	if (!rc)
		rc = archive_member_str(c, j, path, "assignment", AF_REQUIRED, &assign);
	if (!rc)
		rc = archive_member_str(c, j, path, "team", AF_NULLABLE, &team);
	if (!rc)
		rc = archive_member_str(c, j, path, "provider", AF_NULLABLE, &provider);
	if (rc)
		return rc;
	archive_path(sub, path, "level");
	if (level_parse(level) < 0)
		return archive_fail(c, sub, MSG_E_UNKNOWN_LEVEL, level);
	archive_path(sub, path, "assignment");
	if (assignment_parse(assign) < 0)
		return archive_fail(c, sub, MSG_E_UNKNOWN_ASSIGNMENT, assign);
	archive_path(sub, path, "team");
	if (team && !has_name(c->teams, c->n_teams, team))
		return archive_fail(c, sub, MSG_E_ARCHIVE_UNKNOWN_TEAM, team);
	archive_path(sub, path, "provider");
	if (provider && !has_name(c->providers, c->n_providers, provider))
		return archive_fail(c, sub, MSG_E_ARCHIVE_UNKNOWN_PROVIDER, provider);
	rc = check_pair(c, j, path, "insource");
	if (!rc)
		rc = check_pair(c, j, path, "outsource");
	if (!rc)
		rc = archive_member_str(c, j, path, "note", AF_NULLABLE, &s);
	if (!rc)
		rc = archive_member_str(c, j, path, "evidence", AF_NULLABLE, &s);
	if (!rc)
		rc = archive_member(c, j, path, "version", AK_INT, AF_OPTIONAL, &v);
	if (!rc)
		rc = archive_member(c, j, path, "custom", AK_OBJECT, AF_OPTIONAL, &custom);
	if (rc)
		return rc;
	if (custom) {
		archive_path(sub, path, "custom");
		rc = archive_only_keys(c, custom, sub, custom_keys);
		if (!rc)
			rc = archive_member_str(c, custom, sub, "name_en", AF_REQUIRED, &s);
		if (!rc)
			rc = archive_member_str(c, custom, sub, "name_ja", AF_NULLABLE, &s);
		if (!rc)
			rc = archive_member_str(c, custom, sub, "category", AF_NULLABLE, &s);
		if (rc)
			return rc;
	}
	archive_entry_from_json(j, &en);
	en.assessment = framework_ref_assessment(p->fw, en.custom ? "" : en.ref_id);
	rc = check_entry_rules(c, p, &en, path);
	if (rc)
		return rc;
	rc = store_entry_check(&en, c->e);
	if (rc)
		return archive_prefix_in(c, path, rc);
	/* what the actions and later entries are checked against */
	added = portfolio_add_entry(p, en.ref_id);
	added->level = en.level;
	added->assignment = en.assignment;
	added->custom = en.custom;
	added->assessment = en.assessment;
	return 0;
}

static int check_action(struct archive_ctx *c, const struct portfolio *p, const json_t *j,
			const char *path)
{
	static const char *const keys[] = {"ref",    "title",	   "owner",   "due", "target",
					   "status", "created_at", "done_at", NULL};
	const char *ref, *s, *title, *due, *status, *done_at;
	struct entry *en;
	char sub[JPATH_MAX];
	int rc, score;

	if (!json_is_object(j))
		return expected_object(c, path, j);
	rc = archive_only_keys(c, j, path, keys);
	if (!rc)
		rc = archive_member_name(c, j, path, "ref", AF_REQUIRED, &ref);
	if (!rc)
		rc = archive_member_str(c, j, path, "title", AF_REQUIRED, &title);
	if (!rc)
		rc = archive_member_name(c, j, path, "owner", AF_NULLABLE, &s);
	if (!rc)
		rc = archive_member_str(c, j, path, "due", AF_NULLABLE, &due);
	if (!rc)
		rc = archive_member_score(c, j, path, "target", &score);
	if (!rc)
		rc = archive_member_str(c, j, path, "status", AF_REQUIRED, &status);
	if (!rc)
		rc = check_time(c, j, path, "created_at", AF_REQUIRED, &s);
	if (!rc)
		rc = check_time(c, j, path, "done_at", AF_NULLABLE, &done_at);
	if (rc)
		return rc;
	/* the rules of 'action add' and 'action done' */
	rc = rule_at(c, path, "ref", rule_entry(p, ref, &en, c->e));
	if (!rc)
		rc = rule_at(c, path, "title", rule_action_title(ref, title, c->e));
	if (!rc)
		rc = rule_at(c, path, "title",
			     store_check_text_as(STORE_WHAT(MSG_N_TITLE, "title"), title,
						 STORE_TEXT_MAX, c->e));
	if (!rc)
		rc = rule_at(c, path, "due",
			     store_check_date_as(STORE_WHAT(MSG_N_DUE_DATE, "due"), due, c->e));
	if (!rc)
		rc = rule_at(
		    c, path, "target",
		    rule_score(p->fw, rule_action_side(en), ref, "action target", score, c->e));
	if (!rc)
		rc = rule_at(c, path, "status", rule_action_status(status, c->e));
	if (rc)
		return rc;
	archive_path(sub, path, "done_at");
	if (!strcmp(status, "done") && !done_at)
		return archive_fail(c, sub, MSG_E_DONE_NO_TIME);
	if (strcmp(status, "done") && done_at)
		return archive_fail(c, sub, MSG_E_OPEN_WITH_TIME, done_at);
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
		return expected_object(c, path, j);
	rc = archive_only_keys(c, j, path, keys);
	if (!rc)
		rc = archive_member(c, j, path, "number", AK_INT, AF_REQUIRED, &number);
	if (!rc)
		rc = check_time(c, j, path, "opened_at", AF_REQUIRED, &s);
	if (!rc)
		rc = check_time(c, j, path, "closed_at", AF_NULLABLE, &closed);
	if (!rc)
		rc = archive_member_name(c, j, path, "approved_by", AF_NULLABLE, &s);
	if (!rc)
		rc = archive_member(c, j, path, "answers", AK_ANY, AF_OPTIONAL, &answers);
	if (!rc)
		rc = archive_member(c, j, path, "snapshot", AK_ANY, AF_OPTIONAL, &snap);
	if (!rc)
		rc = archive_member_str(c, j, path, "snapshot_hash", AF_NULLABLE, &hash);
	if (rc)
		return rc;
	archive_path(sub, path, "number");
	if (json_integer_value(number) != (json_int_t)index + 1)
		return archive_fail(c, sub, MSG_E_CYCLE_NUMBERING, index + 1,
				    (long long)json_integer_value(number));
	if (last) {
		if (closed)
			return archive_fail(c, path, MSG_E_LAST_CYCLE_OPEN);
		if (answers || snap || hash)
			return archive_fail(c, path, MSG_E_OPEN_CYCLE_EMPTY);
		return 0;
	}
	if (!closed)
		return archive_fail(c, path, MSG_E_ONLY_LAST_OPEN);
	if (!snap || !hash)
		return archive_fail(c, path, MSG_E_CLOSED_NEEDS_SNAPSHOT);
	text = archive_canonical(answers);
	archive_path(sub, path, "answers");
	rc = store_check_text_as(STORE_WHAT(MSG_N_ANSWERS, "answers"), text, STORE_TEXT_MAX, c->e);
	free(text);
	if (rc)
		return archive_prefix(c, sub, rc);
	text = archive_canonical(snap);
	archive_path(sub, path, "snapshot");
	if (!text)
		return archive_fail(c, sub, MSG_E_CANNOT_SERIALISE);
	if (strlen(text) > STORE_SNAPSHOT_MAX) {
		free(text);
		return archive_fail_code(c, ERR_TOO_LARGE, sub, MSG_E_SNAPSHOT_LONGER,
					 STORE_SNAPSHOT_MAX);
	}
	store_sha256_hex(text, strlen(text), digest);
	free(text);
	archive_path(sub, path, "snapshot_hash");
	if (strcmp(digest, hash))
		return archive_fail(c, sub, MSG_E_HASH_MISMATCH, digest);
	return 0;
}

/* The shipped framework fw_id into p, which the portfolio's entries and
 * actions are checked against (p->org_name for messages). */
static int check_framework(struct archive_ctx *c, const char *fw_id, const char *path,
			   struct portfolio *p)
{
	char sub[JPATH_MAX];
	int rc;

	archive_path(sub, path, "framework");
	p->fw = catalog_get(fw_id);
	if (!p->fw) {
		rc = catalog_registry_init(c->e); /* a shipped catalogue that does not load */
		if (rc)
			return archive_prefix(c, sub, rc);
		return archive_fail_code(c, ERR_NOT_FOUND, sub, MSG_E_UNKNOWN_FRAMEWORK, fw_id);
	}
	p->framework_id = xstrdup(fw_id);
	p->org_name = xstrdup(c->org_name ? c->org_name : "");
	return 0;
}

/* One axis of a position: an integer 0..100, by the rule of 'cdcf quadrant'. */
static int check_axis(struct archive_ctx *c, const json_t *j, const char *path, const char *ref,
		      const char *key)
{
	const json_t *v;
	char text[32];
	int rc, out;

	rc = archive_member(c, j, path, key, AK_INT, AF_REQUIRED, &v);
	if (rc)
		return rc;
	snprintf(text, sizeof(text), "%lld", (long long)json_integer_value(v));
	return rule_at(c, path, key, position_axis(text, ref, key, &out, c->e));
}

/* The organization's own quadrant positions: each of a service of the portfolio, once. */
static int check_positions(struct archive_ctx *c, const struct portfolio *p,
			   const json_t *positions, const char *path)
{
	static const char *const keys[] = {"ref", "skill", "information", NULL};
	size_t i, n = json_array_size(positions), dup;
	struct archive_keyed *refs = xcalloc(n ? n : 1, sizeof(*refs));
	char sub[JPATH_MAX];
	struct entry *en;
	const char *ref;
	int rc = 0;

	for (i = 0; !rc && i < n; i++) {
		const json_t *v = json_array_get(positions, i);
		archive_path_index(sub, path, "positions", i);
		if (!json_is_object(v)) {
			rc = expected_object(c, sub, v);
			break;
		}
		rc = archive_only_keys(c, v, sub, keys);
		if (!rc)
			rc = archive_member_name(c, v, sub, "ref", AF_REQUIRED, &ref);
		if (!rc)
			rc = rule_at(c, sub, "ref", rule_entry(p, ref, &en, c->e));
		if (!rc)
			rc = check_axis(c, v, sub, ref, "skill");
		if (!rc)
			rc = check_axis(c, v, sub, ref, "information");
		refs[i].s = rc ? "" : ref;
		refs[i].i = i;
	}
	if (!rc && (dup = archive_first_duplicate(refs, n)) < n) {
		archive_path_index(sub, path, "positions", refs[dup].i);
		rc = archive_fail(c, sub, MSG_E_DUPLICATE_REF, refs[dup].s);
	}
	free(refs);
	return rc;
}

static int check_portfolio(struct archive_ctx *c, const json_t *j, const char *path)
{
	static const char *const keys[] = {"framework",	      "created_at", "cycle",
					   "next_evaluation", "entries",    "actions",
					   "cycles",	      "positions",  NULL};
	const json_t *cycle, *entries, *actions, *cycles, *positions, *v;
	struct archive_keyed *refs = NULL;
	struct portfolio p;
	const char *fw_id, *s, *next;
	char sub[JPATH_MAX], shown[41];
	size_t i, n, dup;
	int rc;

	if (!json_is_object(j))
		return expected_object(c, path, j);
	portfolio_init(&p);
	rc = archive_only_keys(c, j, path, keys);
	if (!rc)
		rc = archive_member_name(c, j, path, "framework", AF_REQUIRED, &fw_id);
	if (!rc)
		rc = check_framework(c, fw_id, path, &p);
	if (!rc)
		rc = check_time(c, j, path, "created_at", AF_REQUIRED, &s);
	if (!rc)
		rc = archive_member(c, j, path, "cycle", AK_INT, AF_REQUIRED, &cycle);
	if (!rc)
		rc = archive_member_str(c, j, path, "next_evaluation", AF_NULLABLE, &next);
	if (!rc && next && !date_valid(next)) {
		archive_path(sub, path, "next_evaluation");
		snprintf(shown, sizeof(shown), "%s", next);
		rc = archive_fail(c, sub, MSG_E_NOT_A_DATE, shown);
	}
	if (!rc)
		rc = archive_member(c, j, path, "entries", AK_ARRAY, AF_OPTIONAL, &entries);
	if (!rc)
		rc = archive_member(c, j, path, "actions", AK_ARRAY, AF_OPTIONAL, &actions);
	if (!rc)
		rc = archive_member(c, j, path, "cycles", AK_ARRAY, AF_REQUIRED, &cycles);
	if (!rc)
		rc = archive_member(c, j, path, "positions", AK_ARRAY, AF_OPTIONAL, &positions);
	if (rc)
		goto out;
	n = json_array_size(entries);
	refs = xcalloc(n ? n : 1, sizeof(*refs));
	for (i = 0; i < n && !rc; i++) {
		v = json_array_get(entries, i);
		archive_path_index(sub, path, "entries", i);
		rc = check_entry(c, &p, v, sub);
		refs[i].s = rc ? "" : json_string_value(json_object_get(v, "ref"));
		refs[i].i = i;
	}
	if (!rc && (dup = archive_first_duplicate(refs, n)) < n) {
		archive_path_index(sub, path, "entries", refs[dup].i);
		rc = archive_fail(c, sub, MSG_E_DUPLICATE_REF, refs[dup].s);
	}
	free(refs);
	rc = rc ? rc : check_positions(c, &p, positions, path);
	for (i = 0; !rc && i < json_array_size(actions); i++) {
		archive_path_index(sub, path, "actions", i);
		rc = check_action(c, &p, json_array_get(actions, i), sub);
	}
	n = json_array_size(cycles);
	if (!rc && !n) {
		archive_path(sub, path, "cycles");
		rc = archive_fail(c, sub, MSG_E_NO_OPEN_CYCLE_IN_ARCHIVE);
	}
	for (i = 0; !rc && i < n; i++) {
		archive_path_index(sub, path, "cycles", i);
		rc = check_cycle(c, json_array_get(cycles, i), sub, i, i + 1 == n);
	}
	archive_path(sub, path, "cycle");
	if (!rc && json_integer_value(cycle) != (json_int_t)n)
		rc = archive_fail(c, sub, MSG_E_CYCLE_COUNT, (long long)json_integer_value(cycle),
				  n);
out:
	portfolio_release(&p);
	return rc;
}

/* provider_links: objects {provider, organization, shared}, each provider one of providers
 * and linked once, never to the archive's own organization. */
static int check_links(struct archive_ctx *c, const json_t *arr)
{
	static const char *const keys[] = {"provider", "organization", "shared", NULL};
	struct archive_keyed *k;
	char path[JPATH_MAX], sub[JPATH_MAX];
	size_t i, n = json_array_size(arr), dup;
	int rc = 0;

	k = xcalloc(n ? n : 1, sizeof(*k));
	for (i = 0; !rc && i < n; i++) {
		const json_t *l = json_array_get(arr, i), *shared = NULL;
		const char *provider = NULL, *org = NULL;
		archive_path_index(path, "", "provider_links", i);
		if (!json_is_object(l)) {
			rc = archive_fail(c, path, MSG_E_EXPECTED_GOT, ERR_WORD(MSG_W_AN_OBJECT),
					  ERR_WORD(archive_json_kind(l)));
			break;
		}
		rc = archive_only_keys(c, l, path, keys);
		if (!rc)
			rc = archive_member_name(c, l, path, "provider", AF_REQUIRED, &provider);
		if (!rc)
			rc = archive_member_name(c, l, path, "organization", AF_REQUIRED, &org);
		if (!rc)
			rc = archive_member(c, l, path, "shared", AK_ANY, AF_REQUIRED, &shared);
		if (rc)
			break;
		if (!json_is_boolean(shared)) {
			archive_path(sub, path, "shared");
			rc = archive_fail(c, sub, MSG_E_EXPECTED_GOT, ERR_WORD(MSG_W_A_BOOLEAN),
					  ERR_WORD(archive_json_kind(shared)));
		} else if (!has_name(c->providers, c->n_providers, provider)) {
			archive_path(sub, path, "provider");
			rc = archive_fail(c, sub, MSG_E_ARCHIVE_UNKNOWN_PROVIDER, provider);
		} else if (!strcmp(org, c->org_name)) {
			archive_path(sub, path, "organization");
			rc = archive_fail(c, sub, MSG_E_PROVIDER_LINK_SELF);
		}
		k[i].s = provider;
		k[i].i = i;
	}
	if (!rc && (dup = archive_first_duplicate(k, n)) < n) {
		archive_path_index(path, "", "provider_links", k[dup].i);
		rc = archive_fail(c, path, MSG_E_DUPLICATE_NAMED, ERR_WORD(MSG_N_PROVIDER),
				  k[dup].s);
	}
	free(k);
	return rc;
}

int archive_check(struct archive_ctx *c, const json_t *doc)
{
	static const char *const keys[] = {"format",	"version",	  "organization", "teams",
					   "providers", "provider_links", "portfolios",	  NULL};
	static const char *const org_keys[] = {"name", "parent", "created_at", NULL};
	const json_t *version, *org, *teams, *providers, *links, *portfolios, *p;
	struct archive_keyed *fws = NULL;
	const char *format, *s;
	char path[JPATH_MAX];
	size_t i, n, dup;
	int rc;

	if (!json_is_object(doc))
		return archive_fail(c, "", MSG_E_ARCHIVE_NOT_OBJECT,
				    ERR_WORD(archive_json_kind(doc)));
	rc = archive_member_str(c, doc, "", "format", AF_REQUIRED, &format);
	if (!rc && strcmp(format, ARCHIVE_FORMAT))
		rc = archive_fail(c, "format", MSG_E_EXPECTED_TEXT_GOT, ARCHIVE_FORMAT, format);
	if (!rc)
		rc = archive_member(c, doc, "", "version", AK_INT, AF_REQUIRED, &version);
	if (!rc && json_integer_value(version) != ARCHIVE_VERSION)
		rc = archive_fail(c, "version", MSG_E_ARCHIVE_VERSION,
				  (long long)json_integer_value(version), ARCHIVE_VERSION);
	if (!rc)
		rc = archive_only_keys(c, doc, "", keys);
	if (!rc)
		rc = archive_member(c, doc, "", "organization", AK_OBJECT, AF_REQUIRED, &org);
	if (!rc)
		rc = archive_only_keys(c, org, "organization", org_keys);
	if (!rc)
		rc = archive_member_name(c, org, "organization", "name", AF_REQUIRED, &c->org_name);
	if (!rc)
		rc = archive_member_name(c, org, "organization", "parent", AF_NULLABLE, &s);
	if (!rc)
		rc = check_time(c, org, "organization", "created_at", AF_REQUIRED, &s);
	if (!rc)
		rc = archive_member(c, doc, "", "teams", AK_ARRAY, AF_OPTIONAL, &teams);
	if (!rc)
		rc = archive_member(c, doc, "", "providers", AK_ARRAY, AF_OPTIONAL, &providers);
	if (!rc)
		rc = archive_member(c, doc, "", "provider_links", AK_ARRAY, AF_OPTIONAL, &links);
	if (!rc)
		rc = archive_member(c, doc, "", "portfolios", AK_ARRAY, AF_OPTIONAL, &portfolios);
	if (!rc)
		rc = check_names(c, teams, "teams", PARTY_TEAM, &c->teams, &c->n_teams);
	if (!rc)
		rc = check_names(c, providers, "providers", PARTY_PROVIDER, &c->providers,
				 &c->n_providers);
	if (!rc)
		rc = check_links(c, links);
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
	if (!rc && (dup = archive_first_duplicate(fws, n)) < n) {
		archive_path_index(path, "", "portfolios", fws[dup].i);
		rc = archive_fail(c, path, MSG_E_SECOND_PORTFOLIO, fws[dup].s);
	}
	free(fws);
	return rc;
}
