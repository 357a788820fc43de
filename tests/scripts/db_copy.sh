#!/bin/bash
# cdcf db copy FROM TO and cdcf db migrate (store_backup.c): a copy holds every
# row of every table (the dump of the copy is the source's), taken as
# one snapshot while another process writes (its kept figures match its
# entries); it writes only into a new or empty database, from a database at
# this cdcf's schema; db migrate says from which schema to which.
# With CDCF_TEST_PG the databases are PostgreSQL ones (a copy PostgreSQL -> PostgreSQL),
# and the copy also goes PostgreSQL -> file -> PostgreSQL -> file: the two files' sqlite3
# dumps are the same, and so are the rows of the two PostgreSQL databases.
set -u
CDCF=$1
W=$(mktemp -d)
trap 'touch "$W/stop"; wait; rm -rf "$W"' EXIT
export CDCF_NOW=2026-04-01T09:00:00Z CDCF_ARGON2=min CDCF_LANG=en
fail() { echo "FAIL: $*"; exit 1; }
command -v sqlite3 >/dev/null || { echo "SKIP: sqlite3 missing"; exit 77; }
. "$(dirname "$0")/lib/test_db.sh"
D=$(new_db d.db) && C=$(new_db c.db) && LIVE=$(new_db live.db) && OLD=$(new_db old.db) &&
	J=$(new_db j.db) || fail "no database"
c() { "$CDCF" --db "$D" "$@"; }
# the rows of database $1, in a stable text: on PostgreSQL its dump in sorted lines (a copy
# need not store the rows in the source's physical order), without the data's generation
# (schema.c, migration 18: a counter every writing transaction raises, the copy's own too)
rows() {
	if CDCF_DB=$1 is_pg; then
		CDCF_DB=$1 db_dump 2>/dev/null | grep -v '^INSERT INTO public\.generation ' | sort
	else
		CDCF_DB=$1 db_dump
	fi
}
# what a refused copy must not change: the file's bytes, or every row (the generation too)
digest() { if CDCF_DB=$1 is_pg; then CDCF_DB=$1 db_dump 2>/dev/null | sha256sum; else sha256sum <"$1"; fi; }
# a refused copy made no database: no file, or (PostgreSQL) the new database still has no table
no_database() {
	if CDCF_DB=$1 is_pg; then
		[ "$(CDCF_DB=$1 db_sql "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")" = 0 ]
	else
		[ ! -e "$1" ]
	fi
}

sh "${CDCF_SOURCE:?}/scripts/demo.sh" "$CDCF" "$D" >/dev/null || fail "demo database"
# something in every kind of table: a group, a survey answered, a linked provider, users
c org add "Example Sub" --parent "Example Corp" >/dev/null && c org add "Z Security" >/dev/null &&
	c provider link "Example Corp" Z-MSSP "Z Security" >/dev/null || fail "orgs"
c survey new Sector --framework x1060-2021 --services A-1,B-1 >/dev/null &&
	c survey invite Sector "Example Corp" "Example Sub" >/dev/null || fail "survey"
printf 'organization,ref,implemented,level,assignment,current,note\nExample Corp,A-1,yes,basic,insource,3,\nExample Sub,B-1,no,,,,\n' >"$W/answers.csv"
c survey import Sector "$W/answers.csv" >/dev/null || fail "survey answers"
echo 'Copy-Passw0rd-2026' | c user add root --admin --password-stdin >/dev/null || fail "user"
c token create root copy >/dev/null || fail "token"

out=$("$CDCF" db copy "$D" "$C" 2>&1) || fail "db copy: $out"
echo "$out" | grep -q "copied [0-9]* rows from" || fail "db copy says nothing: $out"
# a file copy is written beside its target, then renamed
if ! CDCF_DB=$C is_pg; then [ -e "$C.tmp" ] && fail "the copy left its temporary file"; fi
rows "$D" >"$W/d.sql" && rows "$C" >"$W/c.sql" && [ -s "$W/d.sql" ] || fail "dump"
diff "$W/d.sql" "$W/c.sql" >/dev/null || fail "the copy differs: $(diff "$W/d.sql" "$W/c.sql" | head -5)"
"$CDCF" --db "$C" db stats --check >/dev/null 2>&1 || fail "the copy's kept figures differ"
"$CDCF" --db "$C" survey results Sector --format json | grep -q '"responses": 2' || fail "the copy's survey"

# between the engines: PostgreSQL -> file -> PostgreSQL -> file holds the same rows
if CDCF_DB=$D is_pg; then
	P2=$(new_db p2.db) || fail "no database"
	out=$("$CDCF" db copy "$D" "$W/f1.db" 2>&1) || fail "db copy to a file: $out"
	[ -e "$W/f1.db.tmp" ] && fail "the copy to a file left its temporary file"
	out=$("$CDCF" db copy "$W/f1.db" "$P2" 2>&1) || fail "db copy from a file: $out"
	out=$("$CDCF" db copy "$P2" "$W/f2.db" 2>&1) || fail "db copy to a file again: $out"
	# (each copy into PostgreSQL raised the generation it carried)
	sqlite3 "$W/f1.db" .dump | grep -v '^INSERT INTO generation ' >"$W/f1.sql" &&
		sqlite3 "$W/f2.db" .dump | grep -v '^INSERT INTO generation ' >"$W/f2.sql" && [ -s "$W/f1.sql" ] ||
		fail "dump of the files"
	diff "$W/f1.sql" "$W/f2.sql" >/dev/null ||
		fail "the files differ: $(diff "$W/f1.sql" "$W/f2.sql" | head -5)"
	rows "$P2" >"$W/p2.sql" || fail "dump of the copy back"
	diff "$W/d.sql" "$W/p2.sql" >/dev/null ||
		fail "file -> PostgreSQL differs from the source: $(diff "$W/d.sql" "$W/p2.sql" | head -5)"
	for db in "$W/f1.db" "$P2"; do
		"$CDCF" --db "$db" db stats --check >/dev/null 2>&1 || fail "the kept figures of $db differ"
		"$CDCF" --db "$db" survey results Sector --format json | grep -q '"responses": 2' ||
			fail "the survey of $db"
	done
fi

# while another process writes: one snapshot
( i=0; while [ ! -f "$W/stop" ]; do
	c score "Example Corp" x1060-2021 A-1 --side insource --current $((i % 5 + 1)) --target 5 >/dev/null 2>&1
	i=$((i + 1)); done ) &
sleep 0.3
"$CDCF" db copy "$D" "$LIVE" >/dev/null 2>&1 || fail "db copy while another process writes"
touch "$W/stop"
wait
"$CDCF" --db "$LIVE" db stats --check >/dev/null 2>&1 || fail "the copy taken during writes is not one snapshot"

# refusals: a database with data, a source at another schema, not a database
before=$(digest "$C")
out=$("$CDCF" db copy "$D" "$C" 2>&1); rc=$?
[ $rc = 1 ] && echo "$out" | grep -q "is not empty" || fail "copy over data: exit $rc, $out"
[ "$(digest "$C")" = "$before" ] || fail "a refused copy changed the database"
v=$(CDCF_DB=$C db_sql "SELECT value FROM meta WHERE key = 'schema_version'")
[ -n "$v" ] || fail "no schema version"
# what the schema before looked like: on PostgreSQL the answers' foreign key, not the triggers
# that check them by statement (on SQLite the schema before is the same)
before_sql="UPDATE meta SET value = '$((v - 1))' WHERE key = 'schema_version'"
CDCF_DB=$C is_pg && before_sql="DROP FUNCTION survey_answers_check, survey_responses_delete,
	survey_responses_renumber, survey_responses_truncate CASCADE; ALTER TABLE survey_answers ADD
	FOREIGN KEY (response_id) REFERENCES survey_responses (id) ON DELETE CASCADE DEFERRABLE; $before_sql"
CDCF_DB=$C db_sql "$before_sql" || fail "making the schema before"
out=$("$CDCF" db copy "$C" "$OLD" 2>&1); rc=$?
[ $rc = 1 ] && echo "$out" | grep -q "migrate it first" || fail "copy of an older schema: exit $rc, $out"
no_database "$OLD" || fail "a refused copy made a database"
out=$("$CDCF" --db "$C" db migrate 2>&1) || fail "db migrate: $out"
echo "$out" | grep -q "from schema $((v - 1)) to $v" || fail "db migrate says: $out"
out=$("$CDCF" --db "$C" db migrate 2>&1) || fail "db migrate again: $out"
echo "$out" | grep -q "nothing to migrate" || fail "db migrate of a current database says: $out"
if CDCF_DB=$C is_pg; then
	[ "$(CDCF_DB=$C db_sql "SELECT COUNT(*) FROM pg_constraint WHERE conrelid =
		'survey_answers'::regclass AND contype = 'f'")" = 0 ] || fail "the migration kept the answers' key"
	[ "$(CDCF_DB=$C db_sql "SELECT COUNT(*) FROM pg_trigger WHERE NOT tgisinternal AND tgname LIKE
		'survey\_%'")" = 5 ] || fail "the migration made not the answers' triggers"
fi
"$CDCF" --db "$C" survey results Sector --format json | grep -q '"responses": 2' || fail "the survey after the migration"
"$CDCF" --db "$C" db stats --check >/dev/null 2>&1 || fail "kept figures after the migration"
echo "text" >"$W/junk.db"
out=$("$CDCF" db copy "$W/junk.db" "$J" 2>&1); rc=$?
[ $rc = 1 ] && no_database "$J" || fail "copy of a text file: exit $rc, $out"
echo "db copy: ok"
