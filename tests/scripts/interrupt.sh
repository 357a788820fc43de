#!/bin/bash
# A long command stopped by SIGINT or SIGTERM (util/progress.h) leaves
# nothing behind: `cdcf import` of a CSV file with many organizations' rows,
# interrupted, exits 130 with "interrupted: nothing was changed" (and the
# Japanese message) and the database is exactly as before (sha256 of its
# rows: db_dump, on either engine); an archive import, a bulk import of survey responses
# and `cdcf db stats --rebuild` likewise; `cdcf export -o FILE`
# interrupted leaves no FILE. The import is held at its first write by a
# write lock another connection keeps (SQLite's busy wait, 5 s; on PostgreSQL the
# advisory lock every cdcf transaction begins with, lock_timeout 5 s), so the
# signal arrives while the operation is under way, whatever the machine's speed.
# On a terminal (a pty from script(1)) the import draws its progress bar;
# in a pipe nothing is drawn.
set -u
CDCF=$1
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
. "$(dirname "$0")/lib/test_db.sh"
CDCF_DB=$(new_db t.db) && NEW_DB=$(new_db new.db) || fail "no database"
export CDCF_NOW=2026-04-01T09:00:00Z CDCF_DB CDCF_LANG=en
if is_pg; then
	command -v psql >/dev/null || { echo "psql missing"; exit 77; }
else
	command -v sqlite3 >/dev/null || { echo "sqlite3 missing"; exit 77; }
fi
c() { "$CDCF" "$@"; }
F=x1060-2021
ORGS=30

c init >/dev/null || fail init
c framework show $F | awk '$1 ~ /^[A-Z]-[0-9]+$/ {print $1}' >"$W/refs"
[ "$(wc -l <"$W/refs")" -gt 40 ] || fail "services of $F"
for i in $(seq 1 $ORGS); do
	c org add "Org $i" >/dev/null && c portfolio new "Org $i" $F >/dev/null || fail "org $i"
done
{
	echo organization,framework,ref,level,note
	for i in $(seq 1 $ORGS); do
		while read -r r; do echo "Org $i,$F,$r,basic,checked $r"; done <"$W/refs"
	done
} >"$W/all.csv"
c export "Org 1" -o "$W/org1.json" 2>/dev/null || fail "export"
before=$(db_dump | sha256sum)

# run "$@" while another connection holds the write lock; SIGNAL it once it has opened
# the database (on PostgreSQL: once it waits for the lock), then let go of the lock;
# prints the exit status, then stderr
held() {
	python3 - "$CDCF_DB" "$@" <<'PY'
import os, signal, sqlite3, subprocess, sys, time
db, sig, cmd = sys.argv[1], getattr(signal, sys.argv[2]), sys.argv[3:]
PG = db.startswith(("postgres://", "postgresql://"))
WRITE_LOCK = 1667523430 # the advisory lock every cdcf transaction takes on PostgreSQL (db_pg.c)
def psql(sql):
    return subprocess.run(["psql", "-X", "-q", "-At", "-d", db, "-c", sql], capture_output=True,
                          text=True, check=True).stdout.strip()
def advisory(granted):
    return int(psql("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = %d "
                    "AND granted = %s AND database = (SELECT oid FROM pg_database "
                    "WHERE datname = current_database())" % (WRITE_LOCK, granted)))
if PG:
    # a psql session takes the writers' lock and keeps it until told to let go
    lock = subprocess.Popen(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", db],
                            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
    lock.stdin.write("SELECT pg_advisory_lock(%d);\n" % WRITE_LOCK)
    lock.stdin.flush()
    deadline = time.time() + 30
    while advisory("true") == 0:
        if lock.poll() is not None or time.time() > deadline:
            sys.exit("the write lock could not be taken")
        time.sleep(0.02)
else:
    lock = sqlite3.connect(db, isolation_level=None, timeout=10)
    lock.execute("BEGIN IMMEDIATE")
p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
# the command catches the signals before it opens the database: wait until it has
# opened it (it then waits on the lock), whatever the machine's speed
real = os.path.realpath(db)
def opened():
    if PG:
        return advisory("false") > 0
    try:
        return any(os.path.realpath(os.path.join("/proc/%d/fd" % p.pid, fd)) == real
                   for fd in os.listdir("/proc/%d/fd" % p.pid))
    except OSError:
        return False
deadline = time.time() + 30
while not opened() and p.poll() is None and time.time() < deadline:
    time.sleep(0.02)
time.sleep(0.3)
p.send_signal(sig)
time.sleep(0.3)
if PG:
    lock.stdin.write("SELECT pg_advisory_unlock(%d);\n" % WRITE_LOCK)
    lock.stdin.close()
    lock.wait(timeout=30)
else:
    lock.execute("ROLLBACK")
_, err = p.communicate(timeout=60)
print(p.returncode)
sys.stdout.write(err.decode())
PY
}

out=$(held SIGINT "$CDCF" import "$W/all.csv")
[ "$(echo "$out" | head -1)" = 130 ] || fail "import: exit $out"
echo "$out" | grep -q "interrupted: nothing was changed" || fail "import message: $out"
[ "$before" = "$(db_dump | sha256sum)" ] || fail "import changed the database"

out=$(CDCF_LANG=ja held SIGTERM "$CDCF" import "$W/all.csv")
[ "$(echo "$out" | head -1)" = 130 ] || fail "import (SIGTERM): exit $out"
echo "$out" | grep -q "中断しました: 何も変更していません" || fail "Japanese message: $out"
[ "$before" = "$(db_dump | sha256sum)" ] || fail "import (ja) changed the database"

# cdcf db stats --rebuild
out=$(held SIGINT "$CDCF" db stats --rebuild)
[ "$(echo "$out" | head -1)" = 130 ] || fail "db stats --rebuild: exit $out"
echo "$out" | grep -q "interrupted: nothing was changed" || fail "rebuild message: $out"
[ "$before" = "$(db_dump | sha256sum)" ] || fail "rebuild changed the database"

# a bulk import of survey responses
orgs=()
for i in $(seq 1 $ORGS); do orgs+=("Org $i"); done
c survey new S --framework $F >/dev/null && c survey invite S "${orgs[@]}" >/dev/null || fail "survey"
{
	echo organization,ref,implemented,level,assignment,current
	for i in $(seq 1 $ORGS); do
		while read -r r; do echo "Org $i,$r,yes,basic,insource,"; done <"$W/refs"
	done
} >"$W/answers.csv"
c survey import S "$W/answers.csv" --dry-run >/dev/null || fail "the survey answers do not check: $(c survey import S "$W/answers.csv" --dry-run 2>&1 | head -3)"
surveyed=$(db_dump | sha256sum)
out=$(held SIGINT "$CDCF" survey import S "$W/answers.csv")
[ "$(echo "$out" | head -1)" = 130 ] || fail "survey import: exit $out"
echo "$out" | grep -q "interrupted: nothing was changed" || fail "survey import message: $out"
[ "$surveyed" = "$(db_dump | sha256sum)" ] || fail "survey import changed the database"

# an archive, into a new database
c --db "$NEW_DB" init >/dev/null || fail "init of the new database"
mid=$(CDCF_DB=$NEW_DB db_dump | sha256sum)
out=$(CDCF_DB=$NEW_DB held SIGINT "$CDCF" import "$W/org1.json")
[ "$(echo "$out" | head -1)" = 130 ] || fail "archive import: exit $out"
echo "$out" | grep -q "interrupted: nothing was changed" || fail "archive message: $out"
[ "$mid" = "$(CDCF_DB=$NEW_DB db_dump | sha256sum)" ] || fail "archive import changed the database"
c --db "$NEW_DB" import "$W/org1.json" >/dev/null || fail "archive import after the interrupted one"

# export -o: the file is written whole or not at all (here its temporary file is a
# FIFO nobody reads, so the export waits on it when the signal comes)
mkfifo "$W/out.json.tmp"
"$CDCF" export "Org 1" -o "$W/out.json" 2>"$W/err" &
pid=$!
sleep 1
kill -INT $pid
wait $pid
rc=$?
[ $rc = 130 ] || fail "export: exit $rc $(cat "$W/err")"
grep -q "interrupted: nothing was changed" "$W/err" || fail "export message: $(cat "$W/err")"
[ ! -e "$W/out.json" ] || fail "export left $W/out.json"

# the bar: on a terminal, and never in a pipe
sed -i 's/,basic,/,standard,/' "$W/all.csv"
c import "$W/all.csv" 2>"$W/pipe" >/dev/null || fail "import in a pipe"
[ ! -s "$W/pipe" ] || fail "output on stderr in a pipe: $(od -c "$W/pipe" | head -3)"
if command -v script >/dev/null; then
	sed -i 's/,standard,/,advanced,/' "$W/all.csv"
	script -qec "\"$CDCF\" import \"$W/all.csv\" >/dev/null" /dev/null >"$W/tty" || fail "import on a terminal"
	grep -q '%' "$W/tty" && grep -q '\[#*-*\]' "$W/tty" || fail "no bar on a terminal: $(od -c "$W/tty" | head)"
	grep -q "$(printf '\r\033\\[K')" "$W/tty" || fail "the bar was not cleared"
else
	echo "script(1) missing: the bar on a terminal is not tested"
fi
echo ok
