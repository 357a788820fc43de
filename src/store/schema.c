/*
 * schema.c - migrations as an ordered array of SQL scripts.
 *
 * Migration i (from 0) brings the schema from version i to i + 1; the
 * version is kept in meta('schema_version'), next to meta('application') =
 * 'cdcf', which is how store_open recognises its own databases. The scripts
 * are portable SQL (SQLite and PostgreSQL); the token ID_PK stands for the
 * driver's auto-increment primary key column, WITHOUT_ROWID after a table for its
 * storage in primary-key order where the engine offers it.
 *
 * Encodings: timestamps are TEXT "YYYY-MM-DDTHH:MM:SSZ", calendar dates (an
 * action's due date, a planned evaluation) TEXT "YYYY-MM-DD"; levels, assignments,
 * statuses and roles are their lower-case names; a score column is NULL when
 * not assessed, -2 for n/a (SCORE_NA) and 0..100 otherwise.
 */
#include "store/schema.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "util/buf.h"
#include "util/xalloc.h"

#define SCORE_COL(c) c " INTEGER CHECK (" c " = -2 OR " c " BETWEEN 0 AND 100)"

/* Migration 10's tables of kept figures, and 11's of kept counts (each engine keeps them by
 * its own triggers, below and in pg_migrations) */
#define STATS_TABLES                                                                               \
	"CREATE TABLE portfolio_stats (\n"                                                         \
	"	portfolio_id BIGINT PRIMARY KEY REFERENCES portfolios (id) ON DELETE CASCADE,\n"         \
	"	cat_total INTEGER NOT NULL, cat_done INTEGER NOT NULL,\n"                                \
	"	prof_total INTEGER NOT NULL, prof_done INTEGER NOT NULL,\n"                              \
	"	pf_total INTEGER NOT NULL, pf_done INTEGER NOT NULL,\n"                                  \
	"	n_selected INTEGER NOT NULL, n_assessed INTEGER NOT NULL,\n"                             \
	"	current_micro BIGINT, target_micro BIGINT,\n"                                            \
	"	n_gaps INTEGER NOT NULL, gaps_not_required INTEGER NOT NULL,\n"                          \
	"	gaps_basic INTEGER NOT NULL, gaps_standard INTEGER NOT NULL,\n"                          \
	"	gaps_advanced INTEGER NOT NULL, gaps_optional INTEGER NOT NULL,\n"                       \
	"	gaps_in_scope INTEGER NOT NULL\n"                                                        \
	");\n"                                                                                     \
	"CREATE TABLE stats_dirty (portfolio_id BIGINT PRIMARY KEY);\n"

#define COUNT_TABLES                                                                               \
	"CREATE TABLE organization_count (n BIGINT NOT NULL);\n"                                   \
	"INSERT INTO organization_count (n) SELECT COUNT(*) FROM organizations;\n"                 \
	"CREATE TABLE member_counts (\n"                                                           \
	"	user_id BIGINT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,\n"                   \
	"	n BIGINT NOT NULL\n"                                                                     \
	");\n"                                                                                     \
	"INSERT INTO member_counts (user_id, n) SELECT user_id, COUNT(*) FROM memberships "        \
	"GROUP BY user_id;\n"

static const char *const migrations[] = {
    /* 1: the domain */
    "CREATE TABLE meta (\n"
    "	key TEXT PRIMARY KEY,\n"
    "	value TEXT NOT NULL\n"
    ");\n"
    "INSERT INTO meta (key, value) VALUES ('application', 'cdcf');\n"
    "CREATE TABLE organizations (\n"
    "	id ID_PK,\n"
    "	name TEXT NOT NULL UNIQUE,\n"
    "	parent_id BIGINT REFERENCES organizations (id),\n"
    "	created_at TEXT NOT NULL\n"
    ");\n"
    "CREATE INDEX organizations_parent ON organizations (parent_id);\n"
    "CREATE TABLE teams (\n"
    "	id ID_PK,\n"
    "	org_id BIGINT NOT NULL REFERENCES organizations (id),\n"
    "	name TEXT NOT NULL,\n"
    "	UNIQUE (org_id, name)\n"
    ");\n"
    "CREATE TABLE providers (\n"
    "	id ID_PK,\n"
    "	org_id BIGINT NOT NULL REFERENCES organizations (id),\n"
    "	name TEXT NOT NULL,\n"
    "	UNIQUE (org_id, name)\n"
    ");\n"
    "CREATE TABLE portfolios (\n"
    "	id ID_PK,\n"
    "	org_id BIGINT NOT NULL REFERENCES organizations (id),\n"
    "	framework_id TEXT NOT NULL,\n"
    "	created_at TEXT NOT NULL,\n"
    "	UNIQUE (org_id, framework_id)\n"
    ");\n"
    "CREATE TABLE cycles (\n"
    "	id ID_PK,\n"
    "	portfolio_id BIGINT NOT NULL REFERENCES portfolios (id),\n"
    "	number INTEGER NOT NULL CHECK (number >= 1),\n"
    "	opened_at TEXT NOT NULL,\n"
    "	closed_at TEXT,\n"
    "	approved_by TEXT,\n"
    "	answers_json TEXT,\n"
    "	snapshot_json TEXT,\n"
    "	snapshot_hash TEXT,\n"
    "	UNIQUE (portfolio_id, number)\n"
    ");\n"
    "CREATE TABLE entries (\n"
    "	id ID_PK,\n"
    "	portfolio_id BIGINT NOT NULL REFERENCES portfolios (id),\n"
    "	ref_id TEXT NOT NULL,\n"
    "	level TEXT NOT NULL CHECK (level IN\n"
    "		('not_required', 'basic', 'standard', 'advanced', 'optional')),\n"
    "	assignment TEXT NOT NULL CHECK (assignment IN\n"
    "		('unassigned', 'insource', 'outsource', 'hybrid')),\n"
    "	team_id BIGINT REFERENCES teams (id),\n"
    "	provider_id BIGINT REFERENCES providers (id),\n"
    "	" SCORE_COL(
	"in_current") ",\n"
		      "	" SCORE_COL(
			  "in_target") ",\n"
				       "	" SCORE_COL(
					   "out_current") ",\n"
							  "	" SCORE_COL(
							      "out_target") ",\n"
									    "	note TEXT,\n"
									    "	evidence TEXT,\n"
									    "	version BIGINT NOT "
									    "NULL DEFAULT 1,\n"
									    "	custom INTEGER NOT "
									    "NULL DEFAULT 0 CHECK "
									    "(custom IN (0, 1)),\n"
									    "	custom_name_en "
									    "TEXT,\n"
									    "	custom_name_ja "
									    "TEXT,\n"
									    "	custom_category "
									    "TEXT,\n"
									    "	UNIQUE "
									    "(portfolio_id, "
									    "ref_id)\n"
									    ");\n"
									    "CREATE INDEX "
									    "entries_team ON "
									    "entries (team_id);\n"
									    "CREATE INDEX "
									    "entries_provider ON "
									    "entries "
									    "(provider_id);\n"
									    "CREATE TABLE actions "
									    "(\n"
									    "	id ID_PK,\n"
									    "	portfolio_id "
									    "BIGINT NOT NULL "
									    "REFERENCES portfolios "
									    "(id),\n"
									    "	ref_id TEXT NOT "
									    "NULL,\n"
									    "	title TEXT NOT "
									    "NULL,\n"
									    "	owner TEXT,\n"
									    "	due TEXT,\n"
									    "	" SCORE_COL(
										"target") ",\n"
											  "	sta"
											  "tus "
											  "TEXT "
											  "NOT "
											  "NULL "
											  "CHECK "
											  "(status "
											  "IN "
											  "('open',"
											  " 'done')"
											  "),\n"
											  "	cre"
											  "ated_at "
											  "TEXT "
											  "NOT "
											  "NULL,\n"
											  "	don"
											  "e_at "
											  "TEXT\n"
											  ");\n"
											  "CREATE "
											  "INDEX "
											  "actions_"
											  "portfoli"
											  "o ON "
											  "actions "
											  "(portfol"
											  "io_id, "
											  "status);"
											  "\n"
											  "CREATE "
											  "TABLE "
											  "audit_"
											  "events "
											  "(\n"
											  "	id "
											  "ID_PK,\n"
											  "	at "
											  "TEXT "
											  "NOT "
											  "NULL,\n"
											  "	act"
											  "or TEXT "
											  "NOT "
											  "NULL,\n"
											  "	org"
											  "_id "
											  "BIGINT,"
											  "\n"
											  "	act"
											  "ion "
											  "TEXT "
											  "NOT "
											  "NULL,\n"
											  "	sub"
											  "ject "
											  "TEXT "
											  "NOT "
											  "NULL,\n"
											  "	bef"
											  "ore_"
											  "json "
											  "TEXT,\n"
											  "	aft"
											  "er_json "
											  "TEXT\n"
											  ");\n"
											  "CREATE "
											  "INDEX "
											  "audit_"
											  "events_"
											  "org ON "
											  "audit_"
											  "events "
											  "(org_id,"
											  " id);\n",

    /* 2: the web application's users, roles, sessions and tokens */
    "CREATE TABLE users (\n"
    "	id ID_PK,\n"
    "	name TEXT NOT NULL UNIQUE,\n"
    "	password_hash TEXT,\n"
    "	is_admin INTEGER NOT NULL DEFAULT 0 CHECK (is_admin IN (0, 1)),\n"
    "	lang TEXT NOT NULL DEFAULT 'en',\n"
    "	created_at TEXT NOT NULL,\n"
    "	disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1))\n"
    ");\n"
    "CREATE TABLE memberships (\n"
    "	user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,\n"
    "	org_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,\n"
    "	role TEXT NOT NULL CHECK (role IN ('admin', 'editor', 'assessor', 'viewer')),\n"
    "	team_id BIGINT REFERENCES teams (id),\n"
    "	PRIMARY KEY (user_id, org_id)\n"
    ");\n"
    "CREATE INDEX memberships_org ON memberships (org_id);\n"
    "CREATE TABLE sessions (\n"
    "	id ID_PK,\n"
    "	token_hash TEXT NOT NULL UNIQUE,\n"
    "	user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,\n"
    "	csrf_secret TEXT NOT NULL,\n"
    "	created_at TEXT NOT NULL,\n"
    "	last_seen_at TEXT NOT NULL,\n"
    "	expires_at TEXT NOT NULL\n"
    ");\n"
    "CREATE INDEX sessions_user ON sessions (user_id);\n"
    "CREATE INDEX sessions_expires ON sessions (expires_at);\n"
    "CREATE TABLE api_tokens (\n"
    "	id ID_PK,\n"
    "	user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,\n"
    "	name TEXT NOT NULL,\n"
    "	token_hash TEXT NOT NULL UNIQUE,\n"
    "	created_at TEXT NOT NULL,\n"
    "	last_used_at TEXT\n"
    ");\n"
    "CREATE INDEX api_tokens_user ON api_tokens (user_id);\n"
    "CREATE TABLE login_attempts (\n"
    "	key TEXT NOT NULL,\n"
    "	at TEXT NOT NULL\n"
    ");\n"
    "CREATE INDEX login_attempts_key ON login_attempts (key, at);\n",

    /* 3: the planned date of a portfolio's next evaluation (YYYY-MM-DD, NULL: not planned) */
    "ALTER TABLE portfolios ADD COLUMN next_evaluation TEXT;\n",

    /* 4: sign-in attempts behind the throttle (web/signin.c): one row per attempt let
     * through to the password check, a failure (ok = 0) until it succeeds (ok = 1) */
    "CREATE TABLE signin_attempts (\n"
    "	id ID_PK,\n"
    "	account TEXT NOT NULL,\n"
    "	addr TEXT NOT NULL,\n"
    "	at TEXT NOT NULL,\n"
    "	ok INTEGER NOT NULL DEFAULT 0 CHECK (ok IN (0, 1))\n"
    ");\n"
    "CREATE INDEX signin_attempts_account ON signin_attempts (account, at);\n"
    "CREATE INDEX signin_attempts_addr ON signin_attempts (addr, at);\n"
    "CREATE INDEX signin_attempts_age ON signin_attempts (ok, at);\n",

    /* clang-format off */
    /* 5: the level 'in_scope' of readiness components and maturity parameters
     * (core/framework.h, enum assessment): the entries table again, its CHECK
     * widened, its rows copied as they are */
    "CREATE TABLE entries_v5 (\n"
    "	id ID_PK,\n"
    "	portfolio_id BIGINT NOT NULL REFERENCES portfolios (id),\n"
    "	ref_id TEXT NOT NULL,\n"
    "	level TEXT NOT NULL CHECK (level IN\n"
    "		('not_required', 'basic', 'standard', 'advanced', 'optional', 'in_scope')),\n"
    "	assignment TEXT NOT NULL CHECK (assignment IN\n"
    "		('unassigned', 'insource', 'outsource', 'hybrid')),\n"
    "	team_id BIGINT REFERENCES teams (id),\n"
    "	provider_id BIGINT REFERENCES providers (id),\n"
    "	" SCORE_COL("in_current") ",\n"
    "	" SCORE_COL("in_target") ",\n"
    "	" SCORE_COL("out_current") ",\n"
    "	" SCORE_COL("out_target") ",\n"
    "	note TEXT,\n"
    "	evidence TEXT,\n"
    "	version BIGINT NOT NULL DEFAULT 1,\n"
    "	custom INTEGER NOT NULL DEFAULT 0 CHECK (custom IN (0, 1)),\n"
    "	custom_name_en TEXT,\n"
    "	custom_name_ja TEXT,\n"
    "	custom_category TEXT,\n"
    "	UNIQUE (portfolio_id, ref_id)\n"
    ");\n"
    "INSERT INTO entries_v5 (id, portfolio_id, ref_id, level, assignment, team_id,\n"
    "	provider_id, in_current, in_target, out_current, out_target, note, evidence,\n"
    "	version, custom, custom_name_en, custom_name_ja, custom_category)\n"
    "SELECT id, portfolio_id, ref_id, level, assignment, team_id,\n"
    "	provider_id, in_current, in_target, out_current, out_target, note, evidence,\n"
    "	version, custom, custom_name_en, custom_name_ja, custom_category FROM entries;\n"
    "DROP TABLE entries;\n"
    "ALTER TABLE entries_v5 RENAME TO entries;\n"
    "CREATE INDEX entries_team ON entries (team_id);\n"
    "CREATE INDEX entries_provider ON entries (provider_id);\n",
    /* clang-format on */

    /* 6: an organization's own position of a service on the procurement quadrant (0..100
     * on both axes), replacing the catalogue's for that portfolio (store_position.c) */
    "CREATE TABLE positions (\n"
    "	portfolio_id BIGINT NOT NULL REFERENCES portfolios (id) ON DELETE CASCADE,\n"
    "	ref_id TEXT NOT NULL,\n"
    "	skill INTEGER NOT NULL CHECK (skill BETWEEN 0 AND 100),\n"
    "	info INTEGER NOT NULL CHECK (info BETWEEN 0 AND 100),\n"
    "	PRIMARY KEY (portfolio_id, ref_id)\n"
    ");\n",

    /* 7: frameworks imported into this database (store_framework.c): the library text as
     * read (format 'ciso-yaml': a CISO Assistant library; 'oscal-json': an OSCAL catalog) */
    "CREATE TABLE imported_frameworks (\n"
    "	id TEXT PRIMARY KEY,\n"
    "	format TEXT NOT NULL CHECK (format IN ('ciso-yaml', 'oscal-json')),\n"
    "	source TEXT NOT NULL,\n"
    "	body TEXT NOT NULL,\n"
    "	sha256 TEXT NOT NULL,\n"
    "	imported_at TEXT NOT NULL\n"
    ");\n",

    /* 8: mapping sets imported into this database (store_mapping.c): the library text as
     * read, keyed by the library urn and the two framework ids it relates */
    "CREATE TABLE imported_mappings (\n"
    "	id ID_PK,\n"
    "	urn TEXT NOT NULL,\n"
    "	source_fw TEXT NOT NULL,\n"
    "	target_fw TEXT NOT NULL,\n"
    "	source TEXT NOT NULL,\n"
    "	body TEXT NOT NULL,\n"
    "	sha256 TEXT NOT NULL,\n"
    "	imported_at TEXT NOT NULL,\n"
    "	UNIQUE (urn, source_fw, target_fw)\n"
    ");\n",

    /* 9: indexes for the lists that must cost the same at ten organizations and at a
     * hundred thousand: a person's open actions across organizations (/my/actions), the
     * sign-in attempts pruned by age, the memberships of a team (checked when it goes) */
    "CREATE INDEX actions_owner ON actions (owner, status);\n"
    "CREATE INDEX login_attempts_at ON login_attempts (at);\n"
    "CREATE INDEX memberships_team ON memberships (team_id);\n",

    /* 10: the figures of each portfolio kept for lists of many organizations
     * (store_stats.c), and the portfolios whose entries changed since, marked by
     * triggers so that every path that writes an entry is seen; the existing
     * portfolios are marked, their figures made at the next commit */
    STATS_TABLES
    "CREATE TRIGGER entries_mark_insert AFTER INSERT ON entries BEGIN\n"
    "	INSERT OR IGNORE INTO stats_dirty (portfolio_id) VALUES (NEW.portfolio_id);\n"
    "END;\n"
    "CREATE TRIGGER entries_mark_update AFTER UPDATE ON entries BEGIN\n"
    "	INSERT OR IGNORE INTO stats_dirty (portfolio_id) VALUES (NEW.portfolio_id);\n"
    "END;\n"
    "CREATE TRIGGER entries_mark_delete AFTER DELETE ON entries BEGIN\n"
    "	INSERT OR IGNORE INTO stats_dirty (portfolio_id) VALUES (OLD.portfolio_id);\n"
    "END;\n"
    "CREATE TRIGGER portfolios_mark_insert AFTER INSERT ON portfolios BEGIN\n"
    "	INSERT OR IGNORE INTO stats_dirty (portfolio_id) VALUES (NEW.id);\n"
    "END;\n"
    "INSERT INTO stats_dirty (portfolio_id) SELECT id FROM portfolios;\n",

    /* 11: the number of organizations and of each user's memberships, kept by triggers, so
     * that a list's total costs the same at ten organizations and at a hundred thousand
     * (store_org_page.c) */
    COUNT_TABLES "CREATE TRIGGER organizations_count_insert AFTER INSERT ON organizations BEGIN\n"
		 "	UPDATE organization_count SET n = n + 1;\n"
		 "END;\n"
		 "CREATE TRIGGER organizations_count_delete AFTER DELETE ON organizations BEGIN\n"
		 "	UPDATE organization_count SET n = n - 1;\n"
		 "END;\n"
		 "CREATE TRIGGER memberships_count_insert AFTER INSERT ON memberships BEGIN\n"
		 "	INSERT INTO member_counts (user_id, n) VALUES (NEW.user_id, 1)\n"
		 "	ON CONFLICT (user_id) DO UPDATE SET n = n + 1;\n"
		 "END;\n"
		 "CREATE TRIGGER memberships_count_delete AFTER DELETE ON memberships BEGIN\n"
		 "	UPDATE member_counts SET n = n - 1 WHERE user_id = OLD.user_id;\n"
		 "END;\n",

    /* 12: surveys across organizations (store_survey.c): a campaign on a framework's
     * services (services: a JSON list of refs, NULL for every service), the organizations
     * invited, the outside links (only a token's BLAKE2b hash is kept), one response per
     * invited organization or per link, and its answers per service */
    "CREATE TABLE surveys (\n"
    "	id ID_PK,\n"
    "	name TEXT NOT NULL UNIQUE,\n"
    "	framework_id TEXT NOT NULL,\n"
    "	services TEXT,\n"
    "	deadline TEXT,\n"
    "	min_group INTEGER NOT NULL DEFAULT 5 CHECK (min_group >= 1),\n"
    "	created_by TEXT NOT NULL,\n"
    "	created_at TEXT NOT NULL,\n"
    "	closed_at TEXT\n"
    ");\n"
    "CREATE TABLE survey_invites (\n"
    "	survey_id BIGINT NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,\n"
    "	org_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,\n"
    "	invited_at TEXT NOT NULL,\n"
    "	PRIMARY KEY (survey_id, org_id)\n"
    ");\n"
    "CREATE INDEX survey_invites_org ON survey_invites (org_id);\n"
    "CREATE TABLE survey_tokens (\n"
    "	id ID_PK,\n"
    "	survey_id BIGINT NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,\n"
    "	token_hash TEXT NOT NULL UNIQUE,\n"
    "	label TEXT,\n"
    "	response_id BIGINT,\n"
    "	created_at TEXT NOT NULL\n"
    ");\n"
    "CREATE INDEX survey_tokens_survey ON survey_tokens (survey_id);\n"
    "CREATE TABLE survey_responses (\n"
    "	id ID_PK,\n"
    "	survey_id BIGINT NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,\n"
    "	org_id BIGINT REFERENCES organizations (id) ON DELETE SET NULL,\n"
    "	token_id BIGINT REFERENCES survey_tokens (id) ON DELETE SET NULL,\n"
    "	respondent TEXT,\n"
    "	respondent_org TEXT,\n"
    "	submitted_at TEXT NOT NULL,\n"
    "	updated_at TEXT NOT NULL,\n"
    "	version BIGINT NOT NULL DEFAULT 1,\n"
    "	UNIQUE (survey_id, org_id),\n"
    "	UNIQUE (token_id)\n"
    ");\n"
    "CREATE INDEX survey_responses_org ON survey_responses (org_id);\n"
    "CREATE TABLE survey_answers (\n"
    "	response_id BIGINT NOT NULL REFERENCES survey_responses (id) ON DELETE CASCADE,\n"
    "	ref TEXT NOT NULL,\n"
    "	implemented INTEGER NOT NULL CHECK (implemented IN (0, 1)),\n"
    "	level TEXT,\n"
    "	assignment TEXT CHECK (assignment IN ('insource', 'outsource', 'hybrid')),\n"
    "	current_score INTEGER,\n"
    "	note TEXT,\n"
    "	PRIMARY KEY (response_id, ref)\n"
    ");\n",

    /* 13: survey figures kept as answers change (store_survey_agg.c): per asked service
     * its figures and its counts per level, assignment and score, per category and
     * overall ('') the responses answering. agg_kept is 0 for surveys made before (the
     * category of a service is the framework's, unknown to SQL): their figures are
     * rebuilt from the answers by the first answer written or `cdcf survey stats NAME
     * --rebuild`, and computed from the answers until then */
    "ALTER TABLE surveys ADD COLUMN agg_kept INTEGER NOT NULL DEFAULT 0;\n"
    "CREATE TABLE survey_agg (\n"
    "	survey_id BIGINT NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,\n"
    "	ref TEXT NOT NULL,\n"
    "	category TEXT,\n"
    "	answers BIGINT NOT NULL DEFAULT 0,\n"
    "	implemented BIGINT NOT NULL DEFAULT 0,\n"
    "	scored BIGINT NOT NULL DEFAULT 0,\n"
    "	na BIGINT NOT NULL DEFAULT 0,\n"
    "	score_sum BIGINT NOT NULL DEFAULT 0,\n"
    "	PRIMARY KEY (survey_id, ref)\n"
    ");\n"
    "CREATE TABLE survey_agg_counts (\n"
    "	survey_id BIGINT NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,\n"
    "	ref TEXT NOT NULL,\n"
    "	kind TEXT NOT NULL CHECK (kind IN ('level', 'assignment', 'score')),\n"
    "	value TEXT NOT NULL,\n"
    "	n BIGINT NOT NULL DEFAULT 0,\n"
    "	PRIMARY KEY (survey_id, ref, kind, value)\n"
    ");\n"
    "CREATE TABLE survey_agg_groups (\n"
    "	survey_id BIGINT NOT NULL REFERENCES surveys (id) ON DELETE CASCADE,\n"
    "	grp TEXT NOT NULL,\n"
    "	responses BIGINT NOT NULL DEFAULT 0,\n"
    "	PRIMARY KEY (survey_id, grp)\n"
    ");\n",

    /* 14: a client's provider linked to the provider's organization in cdcf, and whether
     * the client shares with it the outsourced side of the services it provides
     * (store_provider_link.c); one link per provider, gone with either side. Searched from
     * the provider organization's side through provider_links_org. */
    "CREATE TABLE provider_links (\n"
    "	provider_id BIGINT PRIMARY KEY REFERENCES providers (id) ON DELETE CASCADE,\n"
    "	client_org_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,\n"
    "	provider_org_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,\n"
    "	shared INTEGER NOT NULL DEFAULT 0 CHECK (shared IN (0, 1)),\n"
    "	linked_by TEXT NOT NULL,\n"
    "	linked_at TEXT NOT NULL,\n"
    "	shared_by TEXT,\n"
    "	shared_at TEXT\n"
    ");\n"
    "CREATE INDEX provider_links_org ON provider_links (provider_org_id, shared, client_org_id, "
    "provider_id);\n"
    "CREATE INDEX provider_links_client ON provider_links (client_org_id);\n",

    /* 15: survey answers kept in the order of their key (response, service) alone, one
     * b-tree where there were two, and the assignment checked by comparisons rather than
     * an IN list (which SQLite builds a temporary table for at every row written): a bulk
     * import of a national survey writes millions of them; a survey's responses in the
     * order of their id, so that its answers are read in key order without sorting them */
    "CREATE TABLE survey_answers_v15 (\n"
    "	response_id BIGINT NOT NULL REFERENCES survey_responses (id) ON DELETE CASCADE,\n"
    "	ref TEXT NOT NULL,\n"
    "	implemented INTEGER NOT NULL CHECK (implemented = 0 OR implemented = 1),\n"
    "	level TEXT,\n"
    "	assignment TEXT CHECK (assignment = 'insource' OR assignment = 'outsource' OR "
    "assignment = 'hybrid'),\n"
    "	current_score INTEGER,\n"
    "	note TEXT,\n"
    "	PRIMARY KEY (response_id, ref)\n"
    ")WITHOUT_ROWID;\n"
    "INSERT INTO survey_answers_v15 (response_id, ref, implemented, level, assignment, "
    "current_score, note) SELECT response_id, ref, implemented, level, assignment, "
    "current_score, note FROM survey_answers;\n"
    "DROP TABLE survey_answers;\n"
    "ALTER TABLE survey_answers_v15 RENAME TO survey_answers;\n"
    "CREATE INDEX survey_responses_survey ON survey_responses (survey_id, id);\n",

    /* 16: the group view's figures kept (store_group_counts.c): for every organization with
     * a child, the entries of its whole subtree counted by framework and score tuple (a
     * score not assessed is -1 here, n/a -2, so that every tuple is a key), made here
     * from the entries once and kept as entries and the tree change */
    "CREATE TABLE group_counts (\n"
    "	root_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,\n"
    "	framework_id TEXT NOT NULL,\n"
    "	ref TEXT NOT NULL,\n"
    "	level TEXT NOT NULL,\n"
    "	assignment TEXT NOT NULL,\n"
    "	in_current INTEGER NOT NULL,\n"
    "	in_target INTEGER NOT NULL,\n"
    "	out_current INTEGER NOT NULL,\n"
    "	out_target INTEGER NOT NULL,\n"
    "	custom INTEGER NOT NULL,\n"
    "	n BIGINT NOT NULL,\n"
    "	PRIMARY KEY (root_id, framework_id, ref, level, assignment, in_current, in_target,\n"
    "		out_current, out_target, custom)\n"
    ")WITHOUT_ROWID;\n"
    "WITH RECURSIVE group_roots(id) AS (SELECT DISTINCT parent_id FROM organizations WHERE "
    "parent_id IS NOT NULL), group_tree(org_id, root_id, depth) AS (SELECT id, id, 0 FROM "
    "group_roots UNION ALL SELECT o.id, group_tree.root_id, group_tree.depth + 1 FROM "
    "organizations o JOIN group_tree ON o.parent_id = group_tree.org_id WHERE "
    "group_tree.depth < 64) INSERT INTO group_counts (root_id, framework_id, ref, level, "
    "assignment, in_current, in_target, out_current, out_target, custom, n) SELECT "
    "group_tree.root_id, p.framework_id, e.ref_id, e.level, e.assignment, "
    "COALESCE(e.in_current, -1), COALESCE(e.in_target, -1), COALESCE(e.out_current, -1), "
    "COALESCE(e.out_target, -1), e.custom, COUNT(*) FROM group_tree JOIN portfolios p ON "
    "p.org_id = group_tree.org_id JOIN entries e ON e.portfolio_id = p.id GROUP BY "
    "group_tree.root_id, p.framework_id, e.ref_id, e.level, e.assignment, e.in_current, "
    "e.in_target, e.out_current, e.out_target, e.custom;\n",

    /* 17: a portfolio's figures marked stale by the store as it writes its entries, once
     * per portfolio and transaction (store_entry.c, mark_stale), not by a trigger on
     * every row: a trigger on each updated entry cost a statement journal and a write of
     * stats_dirty per row, and every engine spells triggers its own way */
    "DROP TRIGGER IF EXISTS entries_mark_insert;\n"
    "DROP TRIGGER IF EXISTS entries_mark_update;\n"
    "DROP TRIGGER IF EXISTS entries_mark_delete;\n",

    /* 18: the data's generation where the engine tells none itself (PostgreSQL): one number,
     * raised by every transaction that writes, read by every server to know whether the
     * answers it keeps are still right (db_pg.c); SQLite's data version does it there */
    "CREATE TABLE generation (n BIGINT NOT NULL);\n"
    "INSERT INTO generation (n) VALUES (0);\n",

    /* 19: on PostgreSQL, an answer's response checked once per statement (below); SQLite
     * keeps its foreign key, checked in its own process at no such cost */
    "SELECT 1;\n",
};

#define N_MIGRATIONS ((int)(sizeof(migrations) / sizeof(migrations[0])))

/* The migrations PostgreSQL needs in its own words: triggers are functions there, and the
 * store marks entries' portfolios stale itself (migration 17), so none is made for them. */
static const char *const pg_migrations[] = {
    [9] = /* 10 */
    STATS_TABLES
    "CREATE FUNCTION portfolios_mark_insert() RETURNS trigger LANGUAGE plpgsql AS $$\n"
    "BEGIN\n"
    "	INSERT INTO stats_dirty (portfolio_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;\n"
    "	RETURN NULL;\n"
    "END $$;\n"
    "CREATE TRIGGER portfolios_mark_insert AFTER INSERT ON portfolios FOR EACH ROW\n"
    "	EXECUTE FUNCTION portfolios_mark_insert();\n"
    "INSERT INTO stats_dirty (portfolio_id) SELECT id FROM portfolios;\n",
    [10] = /* 11 */
    COUNT_TABLES
    "CREATE FUNCTION organizations_count() RETURNS trigger LANGUAGE plpgsql AS $$\n"
    "BEGIN\n"
    "	UPDATE organization_count SET n = n + CASE TG_OP WHEN 'INSERT' THEN 1 ELSE -1 END;\n"
    "	RETURN NULL;\n"
    "END $$;\n"
    "CREATE TRIGGER organizations_count AFTER INSERT OR DELETE ON organizations FOR EACH ROW\n"
    "	EXECUTE FUNCTION organizations_count();\n"
    "CREATE FUNCTION memberships_count() RETURNS trigger LANGUAGE plpgsql AS $$\n"
    "BEGIN\n"
    "	IF TG_OP = 'INSERT' THEN\n"
    "		INSERT INTO member_counts (user_id, n) VALUES (NEW.user_id, 1)\n"
    "		ON CONFLICT (user_id) DO UPDATE SET n = member_counts.n + 1;\n"
    "	ELSE\n"
    "		UPDATE member_counts SET n = n - 1 WHERE user_id = OLD.user_id;\n"
    "	END IF;\n"
    "	RETURN NULL;\n"
    "END $$;\n"
    "CREATE TRIGGER memberships_count AFTER INSERT OR DELETE ON memberships FOR EACH ROW\n"
    "	EXECUTE FUNCTION memberships_count();\n",
    [16] = /* 17: PostgreSQL never had the entries' triggers */
    "SELECT 1;\n",
    [18] = /* 19: the answers' tie to their response checked by statement, not by row.
	    * A foreign key checks each inserted row with a query of its own, most of the time
	    * of a survey's bulk import (5.6 million answers); these triggers keep the same rule
	    * with one query per statement: every response an answer names exists (and is
	    * locked against deletion until the transaction ends, as the key did; a response
	    * this transaction wrote is locked already, or unseen by others, and is not
	    * locked again: a lock writes the row, which cost more than the check), deleting a
	    * response deletes its answers, a response with answers keeps its id, and emptying
	    * survey_responses is refused while answers remain. */
    "DO $$\n"
    "DECLARE c TEXT;\n"
    "BEGIN\n"
    "	FOR c IN SELECT conname FROM pg_constraint WHERE conrelid = "
    "'survey_answers'::regclass AND contype = 'f' LOOP\n"
    "		EXECUTE format('ALTER TABLE survey_answers DROP CONSTRAINT %I', c);\n"
    "	END LOOP;\n"
    "END $$;\n"
    "CREATE FUNCTION survey_answers_check() RETURNS trigger LANGUAGE plpgsql AS $$\n"
    "DECLARE missing BIGINT;\n"
    "BEGIN\n"
    "	PERFORM 1 FROM survey_responses WHERE id IN (SELECT response_id FROM answers) AND\n"
    "		xmin <> pg_current_xact_id()::xid FOR KEY SHARE;\n"
    "	SELECT n.response_id INTO missing FROM (SELECT DISTINCT response_id FROM answers) n\n"
    "	WHERE NOT EXISTS (SELECT 1 FROM survey_responses r WHERE r.id = n.response_id)\n"
    "	LIMIT 1;\n"
    "	IF FOUND THEN\n"
    "		RAISE foreign_key_violation USING MESSAGE = format(\n"
    "			'survey_answers: response %s does not exist', missing);\n"
    "	END IF;\n"
    "	RETURN NULL;\n"
    "END $$;\n"
    "CREATE TRIGGER survey_answers_insert AFTER INSERT ON survey_answers REFERENCING NEW TABLE "
    "AS answers FOR EACH STATEMENT EXECUTE FUNCTION survey_answers_check();\n"
    "CREATE TRIGGER survey_answers_update AFTER UPDATE ON survey_answers REFERENCING NEW TABLE "
    "AS answers FOR EACH STATEMENT EXECUTE FUNCTION survey_answers_check();\n"
    "CREATE FUNCTION survey_responses_delete() RETURNS trigger LANGUAGE plpgsql AS $$\n"
    "BEGIN\n"
    "	DELETE FROM survey_answers WHERE response_id IN (SELECT id FROM gone);\n"
    "	RETURN NULL;\n"
    "END $$;\n"
    "CREATE TRIGGER survey_responses_delete AFTER DELETE ON survey_responses REFERENCING OLD "
    "TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION survey_responses_delete();\n"
    "CREATE FUNCTION survey_responses_renumber() RETURNS trigger LANGUAGE plpgsql AS $$\n"
    "BEGIN\n"
    "	IF EXISTS (SELECT 1 FROM survey_answers WHERE response_id = OLD.id) THEN\n"
    "		RAISE foreign_key_violation USING MESSAGE = format(\n"
    "			'survey_responses: response %s has answers', OLD.id);\n"
    "	END IF;\n"
    "	RETURN NEW;\n"
    "END $$;\n"
    "CREATE TRIGGER survey_responses_renumber BEFORE UPDATE OF id ON survey_responses FOR EACH "
    "ROW WHEN (OLD.id IS DISTINCT FROM NEW.id) EXECUTE FUNCTION survey_responses_renumber();\n"
    "CREATE FUNCTION survey_responses_truncate() RETURNS trigger LANGUAGE plpgsql AS $$\n"
    "BEGIN\n"
    "	IF EXISTS (SELECT 1 FROM survey_answers) THEN\n"
    "		RAISE foreign_key_violation USING MESSAGE =\n"
    "			'survey_responses: emptied while survey_answers is not';\n"
    "	END IF;\n"
    "	RETURN NULL;\n"
    "END $$;\n"
    "CREATE TRIGGER survey_responses_truncate AFTER TRUNCATE ON survey_responses FOR EACH "
    "STATEMENT EXECUTE FUNCTION survey_responses_truncate();\n",
};

/* Migration i's text for db's engine. */
static const char *migration_text(struct db *db, int i)
{
	if (!strcmp(db->drv->name, "postgresql") &&
	    (size_t)i < sizeof(pg_migrations) / sizeof(pg_migrations[0]) && pg_migrations[i])
		return pg_migrations[i];
	return migrations[i];
}

_Static_assert(sizeof(migrations) / sizeof(migrations[0]) == STORE_SCHEMA_VERSION,
	       "STORE_SCHEMA_VERSION must equal the number of migrations");

static int not_cdcf(const char *path, struct err *e)
{
	return err_fail(e, ERR_INVALID, NULL, MSG_E_NOT_CDCF_DB, path);
}

/* meta(key) into *out (new string) or NULL when the row is missing. */
static int meta_get(struct db *db, const char *key, char **out, struct err *e)
{
	struct db_stmt *s = NULL;
	const char *v;
	int rc;

	*out = NULL;
	rc = db_run(db, &s, e, "SELECT value FROM meta WHERE key = ?", "s", key);
	if (rc < 0)
		return rc;
	if (rc == DB_ROW) {
		v = db_column_text(s, 0);
		*out = xstrdup(v);
	}
	db_finalize(s);
	return rc < 0 ? rc : 0;
}

/* Parse a stored schema version; -1 when damaged. */
static int parse_version(const char *s)
{
	char *end;
	long v;

	if (!s || s[0] < '0' || s[0] > '9')
		return -1;
	v = strtol(s, &end, 10);
	if (*end || v < 1 || v > 1000000)
		return -1;
	return (int)v;
}

int schema_inspect(struct db *db, const char *path, int *version, struct err *e)
{
	char *app = NULL, *ver = NULL;
	int rc;

	*version = 0;
	rc = db_has_table(db, NULL, e);
	if (rc == ERR_INVALID)
		return not_cdcf(path, e);
	if (rc <= 0)
		return rc;
	rc = db_has_table(db, "meta", e);
	if (rc < 0)
		return rc;
	if (rc == 0)
		return not_cdcf(path, e);
	rc = meta_get(db, "application", &app, e);
	if (rc)
		goto out;
	if (!app || strcmp(app, "cdcf")) {
		rc = not_cdcf(path, e);
		goto out;
	}
	rc = meta_get(db, "schema_version", &ver, e);
	if (rc)
		goto out;
	*version = parse_version(ver);
	if (*version < 0)
		rc = err_fail(e, ERR_INVALID, NULL, MSG_E_DB_DAMAGED_VERSION, path, ver ? ver : "");
out:
	free(app);
	free(ver);
	return rc;
}

static int expand_tokens(struct db *db, const char *sql, struct buf *b, struct err *e);

/* The end of the foreign key whose "REFERENCES " starts at p: past "table (column)" and
 * an ON DELETE action, if any. */
static const char *fk_end(const char *p)
{
	static const char *const actions[] = {" ON DELETE CASCADE", " ON DELETE SET NULL"};
	const char *close = strchr(p, ')');
	size_t i;

	if (!close)
		return p + strlen(p);
	p = close + 1;
	for (i = 0; i < sizeof(actions) / sizeof(actions[0]); i++)
		if (!strncmp(p, actions[i], strlen(actions[i])))
			return p + strlen(actions[i]);
	return p;
}

/* sql with the driver's words after each foreign key (db_driver.fk_suffix), into b. */
static int add_fk_suffix(struct db *db, const char *sql, struct buf *b, struct err *e)
{
	const char *p = sql, *hit;

	while ((hit = strstr(p, "REFERENCES "))) {
		const char *end = fk_end(hit);
		if (buf_add(b, p, (size_t)(end - p)) || buf_addstr(b, db->drv->fk_suffix))
			return err_fail(e, ERR_TOO_LARGE, NULL, MSG_E_MIGRATION_TOO_LARGE);
		p = end;
	}
	if (buf_addstr(b, p))
		return err_fail(e, ERR_TOO_LARGE, NULL, MSG_E_MIGRATION_TOO_LARGE);
	return 0;
}

/* The migration text with the tokens ID_PK and WITHOUT_ROWID replaced by the driver's
 * words for them, and its words after each foreign key. */
static int expand(struct db *db, const char *sql, struct buf *b, struct err *e)
{
	struct buf t;
	int rc;

	if (!db->drv->fk_suffix)
		return expand_tokens(db, sql, b, e);
	buf_init(&t, 0);
	rc = expand_tokens(db, sql, &t, e);
	if (!rc)
		rc = add_fk_suffix(db, t.data ? t.data : "", b, e);
	buf_release(&t);
	return rc;
}

static int expand_tokens(struct db *db, const char *sql, struct buf *b, struct err *e)
{
	const struct {
		const char *token, *words;
	} tokens[] = {{"ID_PK", db->drv->id_pk}, {"WITHOUT_ROWID", db->drv->without_rowid}};
	const char *p = sql;

	for (;;) {
		const char *hit = NULL;
		size_t i, t = 0;
		for (i = 0; i < sizeof(tokens) / sizeof(tokens[0]); i++) {
			const char *at = strstr(p, tokens[i].token);
			if (at && (!hit || at < hit)) {
				hit = at;
				t = i;
			}
		}
		if (!hit)
			break;
		if (buf_add(b, p, (size_t)(hit - p)) ||
		    buf_addstr(b, tokens[t].words ? tokens[t].words : ""))
			return err_fail(e, ERR_TOO_LARGE, NULL, MSG_E_MIGRATION_TOO_LARGE);
		p = hit + strlen(tokens[t].token);
	}
	if (buf_addstr(b, p))
		return err_fail(e, ERR_TOO_LARGE, NULL, MSG_E_MIGRATION_TOO_LARGE);
	return 0;
}

int schema_migrate(struct db *db, struct err *e)
{
	struct buf b;
	char *ver = NULL, num[16];
	int rc, version = 0, i;

	rc = db_begin(db, e);
	if (rc)
		return rc;
	buf_init(&b, 0);
	/* read again inside the write transaction: another process may have migrated */
	rc = db_has_table(db, "meta", e);
	if (rc < 0)
		goto out;
	if (rc) {
		rc = meta_get(db, "schema_version", &ver, e);
		if (rc)
			goto out;
		version = ver ? parse_version(ver) : 0;
		if (version < 0) {
			rc = err_fail(e, ERR_INVALID, NULL, MSG_E_DAMAGED_VERSION, ver);
			goto out;
		}
	}
	rc = 0;
	if (version >= N_MIGRATIONS)
		goto out;
	for (i = version; i < N_MIGRATIONS; i++) {
		buf_reset(&b);
		rc = expand(db, migration_text(db, i), &b, e);
		if (!rc)
			rc = db_exec(db, b.data, e);
		if (rc) {
			err_prefix(e, "migration to schema version %d failed", i + 1);
			goto out;
		}
	}
	snprintf(num, sizeof(num), "%d", N_MIGRATIONS);
	rc = db_run(db, NULL, e,
		    "INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
		    "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
		    "s", num);
	if (rc > 0)
		rc = 0;
out:
	if (rc)
		db_rollback(db);
	else
		rc = db_commit(db, e);
	free(ver);
	buf_release(&b);
	return rc;
}
