#!/bin/bash
# cdcf db copy FROM TO and cdcf db migrate (store_backup.c): a copy holds every
# row of every table (the sqlite3 dump of the copy is the source's), taken as
# one snapshot while another process writes (its kept figures match its
# entries); it writes only into a new or empty database, from a database at
# this cdcf's schema; db migrate says from which schema to which.
set -u
CDCF=$1
W=$(mktemp -d)
trap 'touch "$W/stop"; wait; rm -rf "$W"' EXIT
export CDCF_NOW=2026-04-01T09:00:00Z CDCF_ARGON2=min CDCF_LANG=en
fail() { echo "FAIL: $*"; exit 1; }
command -v sqlite3 >/dev/null || { echo "SKIP: sqlite3 missing"; exit 77; }
D=$W/d.db
c() { "$CDCF" --db "$D" "$@"; }

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

out=$("$CDCF" db copy "$D" "$W/c.db" 2>&1) || fail "db copy: $out"
echo "$out" | grep -q "copied [0-9]* rows from" || fail "db copy says nothing: $out"
[ -e "$W/c.db.tmp" ] && fail "the copy left its temporary file"
sqlite3 "$D" .dump >"$W/d.sql" && sqlite3 "$W/c.db" .dump >"$W/c.sql" || fail "dump"
diff "$W/d.sql" "$W/c.sql" >/dev/null || fail "the copy differs: $(diff "$W/d.sql" "$W/c.sql" | head -5)"
"$CDCF" --db "$W/c.db" db stats --check >/dev/null 2>&1 || fail "the copy's kept figures differ"
"$CDCF" --db "$W/c.db" survey results Sector --format json | grep -q '"responses": 2' || fail "the copy's survey"

# while another process writes: one snapshot
( i=0; while [ ! -f "$W/stop" ]; do
	c score "Example Corp" x1060-2021 A-1 --side insource --current $((i % 5 + 1)) --target 5 >/dev/null 2>&1
	i=$((i + 1)); done ) &
sleep 0.3
"$CDCF" db copy "$D" "$W/live.db" >/dev/null 2>&1 || fail "db copy while another process writes"
touch "$W/stop"
wait
"$CDCF" --db "$W/live.db" db stats --check >/dev/null 2>&1 || fail "the copy taken during writes is not one snapshot"

# refusals: a database with data, a source at another schema, not a database
before=$(sha256sum <"$W/c.db")
out=$("$CDCF" db copy "$D" "$W/c.db" 2>&1); rc=$?
[ $rc = 1 ] && echo "$out" | grep -q "is not empty" || fail "copy over data: exit $rc, $out"
[ "$(sha256sum <"$W/c.db")" = "$before" ] || fail "a refused copy changed the database"
v=$(sqlite3 "$W/c.db" "SELECT value FROM meta WHERE key = 'schema_version'")
# what the schema before looked like: no table generation
sqlite3 "$W/c.db" "DROP TABLE generation; UPDATE meta SET value = '$((v - 1))' WHERE key = 'schema_version'"
out=$("$CDCF" db copy "$W/c.db" "$W/old.db" 2>&1); rc=$?
[ $rc = 1 ] && echo "$out" | grep -q "migrate it first" || fail "copy of an older schema: exit $rc, $out"
[ -e "$W/old.db" ] && fail "a refused copy made a database"
out=$("$CDCF" --db "$W/c.db" db migrate 2>&1) || fail "db migrate: $out"
echo "$out" | grep -q "from schema $((v - 1)) to $v" || fail "db migrate says: $out"
out=$("$CDCF" --db "$W/c.db" db migrate 2>&1) || fail "db migrate again: $out"
echo "$out" | grep -q "nothing to migrate" || fail "db migrate of a current database says: $out"
[ "$(sqlite3 "$W/c.db" "SELECT n FROM generation")" = 0 ] || fail "the migration made no generation"
"$CDCF" --db "$W/c.db" db stats --check >/dev/null 2>&1 || fail "kept figures after the migration"
echo "text" >"$W/junk.db"
out=$("$CDCF" db copy "$W/junk.db" "$W/j.db" 2>&1); rc=$?
[ $rc = 1 ] && [ ! -e "$W/j.db" ] || fail "copy of a text file: exit $rc, $out"
echo "db copy: ok"
