#!/bin/bash
# cdcf backup and cdcf restore (store_backup.c): a backup taken while a server
# runs and another process writes is one consistent snapshot (its kept
# figures match its entries); restored into a new database it exports the
# same archives as the database it was taken from; a restore never writes over
# data, refuses what is not a cdcf database, and /readyz says whether the
# server's database is current. On both engines: the backup is an SQLite file
# either way (PostgreSQL's rows copied in one snapshot), restored into a new
# database of the engine under test; a backup over the live database is refused
# by its file on SQLite (PostgreSQL's is no file: the backup fails, nothing changes).
set -u
CDCF=$1
. "$(dirname "$0")/lib/web_env.sh"

sh "${CDCF_SOURCE:?}/scripts/demo.sh" "$CDCF" "$CDCF_DB" >/dev/null || fail "demo database"
c org add "Example Sub" --parent "Example Corp" >/dev/null || fail "a subsidiary"
# every row of the database DB (default: $CDCF_DB) into FILE, never empty (pg_dump's warnings
# about the foreign keys between organizations aside)
dump_to() { # FILE [DB]
	CDCF_DB=${2:-$CDCF_DB} db_dump >"$1" 2>"$1.err"
	[ -s "$1" ] || fail "cannot dump ${2:-$CDCF_DB}: $(cat "$1.err")"
}
orgs() { c org list --json | grep -o '"name": "[^"]*"' | cut -d'"' -f4; }
exports() { # DB DIR: every organization's archive
	mkdir -p "$2"
	orgs | while read -r o; do
		"$CDCF" --db "$1" export "$o" -o "$2/$o.json" 2>/dev/null || echo "export of $o from $1 failed"
	done
}

serve_start
# a writer in another process for the whole backup: scores going up and down
( i=0; while [ ! -f "$W/stop" ]; do
	c score "Example Corp" "$FW" A-1 --side insource --current $((i % 5 + 1)) --target 5 >/dev/null 2>&1
	i=$((i + 1)); done ) &
writer=$!
sleep 0.3
c backup -o "$W/live.backup" >"$W/backup.out" 2>&1 || { cat "$W/backup.out"; fail "backup while a server runs and another process writes"; }
grep -q "backed up" "$W/backup.out" || fail "backup says nothing: $(cat "$W/backup.out")"
touch "$W/stop"
wait "$writer"
[ -f "$W/live.backup.tmp" ] && fail "the backup left its temporary file"
# PostgreSQL: the rows are copied into an SQLite file beside it first
[ -e "$W/live.backup.rows" ] && fail "the backup left its copy of the rows"
[ -f "$W/live.backup-wal" ] && fail "the backup is not a file of its own (a WAL beside it)"
"$CDCF" --db "$W/live.backup" db stats --check >/dev/null 2>&1 ||
	fail "the live backup is not one snapshot: $("$CDCF" --db "$W/live.backup" db stats --check 2>&1)"

# with the writer stopped: backup, restore into a new database, the same archives
c backup -o "$W/b.backup" >/dev/null || fail "backup"
R=$(new_db r.db) || fail "no database to restore into"
out=$("$CDCF" --db "$R" restore "$W/b.backup" 2>&1) || fail "restore: $out"
echo "$out" | grep -q "restored" || fail "restore says nothing: $out"
exports "$CDCF_DB" "$W/src" >"$W/ex.err"
exports "$R" "$W/dst" >>"$W/ex.err"
[ -s "$W/ex.err" ] && fail "$(cat "$W/ex.err")"
[ "$(ls "$W/src" | wc -l)" -ge 3 ] || fail "too few organizations exported: $(ls "$W/src")"
diff -r "$W/src" "$W/dst" >/dev/null || fail "the restored database exports other archives"
for t in organizations entries audit_events group_counts users; do
	a=$(db_sql "SELECT COUNT(*) FROM $t") b=$(CDCF_DB=$R db_sql "SELECT COUNT(*) FROM $t")
	[ -n "$a" ] && [ "$a" = "$b" ] || fail "$t: '$a' rows, restored '$b'"
done
"$CDCF" --db "$R" db stats --check >/dev/null 2>&1 || fail "the restored figures differ from its entries"

# a restore writes over nothing, and reads only cdcf databases
dump_to "$W/r.before" "$R"
out=$("$CDCF" --db "$R" restore "$W/b.backup" 2>&1); rc=$?
[ $rc = 1 ] || fail "restore over a database with data gave exit $rc"
echo "$out" | grep -q "is not empty" || fail "no reason given: $out"
dump_to "$W/r.after" "$R"
cmp -s "$W/r.before" "$W/r.after" || fail "a refused restore changed the database"
# into an empty file (an SQLite database whatever the engine under test)
: >"$W/empty.db"
"$CDCF" --db "$W/empty.db" restore "$W/b.backup" >/dev/null || fail "restore into an empty file"
echo "not a database" >"$W/junk.backup"
out=$("$CDCF" --db "$W/j.db" restore "$W/junk.backup" 2>&1); rc=$?
[ $rc = 1 ] || fail "restore of a text file gave exit $rc"
[ -e "$W/j.db" ] && fail "a refused restore made a database"
out=$("$CDCF" --db "$W/j.db" restore "$W/missing.backup" 2>&1); rc=$?
[ $rc = 1 ] && echo "$out" | grep -q "missing.backup" || fail "restore of a missing file: exit $rc, $out"
if is_pg; then
	# a new PostgreSQL database: the refused restores leave it without a table
	J=$(new_db j.db) || fail "no database"
	for from in junk missing; do
		out=$("$CDCF" --db "$J" restore "$W/$from.backup" 2>&1); rc=$?
		[ $rc = 1 ] || fail "restore of $from.backup into PostgreSQL gave exit $rc: $out"
	done
	[ "$(CDCF_DB=$J db_sql "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'")" = 0 ] ||
		fail "a refused restore made tables in PostgreSQL"
fi
dump_to "$W/live.before"
if is_pg; then
	# the live database is no file on PostgreSQL: a backup "over" it fails and writes nothing
	out=$(c backup -o "$CDCF_DB" 2>&1); rc=$?
	[ $rc = 1 ] || fail "a backup over the live database ($CDCF_DB): exit $rc, $out"
else
	ln -s "$CDCF_DB" "$W/link.db"
	for target in "$CDCF_DB" "$W/link.db" "$CDCF_DB-wal"; do
		out=$(c backup -o "$target" 2>&1); rc=$?
		[ $rc = 1 ] && echo "$out" | grep -q "is the database cdcf is using" ||
			fail "a backup over the live database ($target): exit $rc, $out"
	done
fi
dump_to "$W/live.after"
cmp -s "$W/live.before" "$W/live.after" || fail "the live database changed"
out=$(c backup 2>&1); rc=$?
[ $rc = 1 ] && echo "$out" | grep -q "usage: cdcf backup -o FILE" || fail "backup without -o: exit $rc, $out"

# /readyz: ready on a current database; 503 with Retry-After when its schema is not this cdcf's
code=$(curl -s -o "$W/ready.json" -w '%{http_code}' "$U/readyz")
[ "$code" = 200 ] && grep -q '"status": *"ready"' "$W/ready.json" || fail "/readyz: $code $(cat "$W/ready.json")"
v=$(db_sql "SELECT value FROM meta WHERE key = 'schema_version'")
[ -n "$v" ] || fail "no schema version in meta"
db_sql "UPDATE meta SET value = '$((v + 1))' WHERE key = 'schema_version'" >/dev/null
code=$(curl -s -D "$W/ready.hdr" -o "$W/ready.json" -w '%{http_code}' "$U/readyz")
db_sql "UPDATE meta SET value = '$v' WHERE key = 'schema_version'" >/dev/null
[ "$code" = 503 ] || fail "/readyz on a newer schema answered $code"
grep -qi '^retry-after:' "$W/ready.hdr" || fail "/readyz 503 without Retry-After"
grep -q '"needs"' "$W/ready.json" || fail "/readyz 503 body: $(cat "$W/ready.json")"
code=$(curl -s -o /dev/null -w '%{http_code}' "$U/readyz")
[ "$code" = 200 ] || fail "/readyz did not come back: $code"
serve_stop
echo "backup and restore: ok"
