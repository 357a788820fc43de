#!/bin/bash
# A database that stays locked is never an error: while another process holds
# the write lock longer than the busy timeout (5 s), a change through the API
# is answered 503 with Retry-After (nothing changed, send it again), never
# 500, and a CLI write says the database is busy (exit 2); once the lock is
# released the same request succeeds. Reads go on during the lock (WAL on SQLite).
# (The same on both engines; only the lock is taken another way:)
# The other process: the sqlite3 shell in BEGIN IMMEDIATE on SQLite; on PostgreSQL a
# psql session holding the advisory lock every cdcf write transaction takes
# (pg_advisory_xact_lock(1667523430); the wait is lock_timeout, 5 s; reads take no lock).
set -u
CDCF=$1
case "${CDCF_TEST_PG:-}" in
"") tool=sqlite3 ;;
*) tool=psql ;;
esac
command -v $tool >/dev/null 2>&1 || { echo "SKIP: $tool is not installed"; exit 77; }
. "$(dirname "$0")/lib/api_env.sh"
P=/api/v1/orgs/$ORG_A/portfolios/$FW

req() { # METHOD PATH [BODY [HEADER...]] -> status; body in $W/body, headers in $W/hdr
	local m=$1 path=$2 body=${3:-} args=(-H "Authorization: Bearer $TOK_ALICE")
	shift 3 2>/dev/null || shift $#
	[ -n "$body" ] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
	for h in "$@"; do args+=(-H "$h"); done
	curl -s -m 30 -o "$W/body" -D "$W/hdr" -w '%{http_code}' -X "$m" "${args[@]}" "$BASE$path"
}
header() { grep -i "^$1:" "$W/hdr" | head -n 1 | sed 's/^[^:]*: *//' | tr -d '\r'; }

[ "$(req GET "$P/entries/A-1")" = 200 ] || fail "GET A-1: $(cat "$W/body")"
ETAG=$(header ETag)

# another process takes the write lock for 9 s
if is_pg; then
	psql -X -q -d "$CDCF_DB" -c "BEGIN; SELECT pg_advisory_xact_lock(1667523430); SELECT pg_sleep(9); ROLLBACK;" \
		>/dev/null &
	LOCKER=$!
	i=0 # until the session holds it
	until [ "$(db_sql "SELECT COUNT(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database
		WHERE d.datname = current_database() AND l.locktype = 'advisory' AND l.objid = 1667523430 AND l.granted")" = 1 ]; do
		i=$((i + 1))
		[ $i -lt 50 ] || fail "psql did not take the write lock"
		sleep 0.1
	done
else
	(
		echo "BEGIN IMMEDIATE;"
		echo "UPDATE meta SET value = value WHERE 0;"
		sleep 9
		echo "ROLLBACK;"
	) | sqlite3 "$CDCF_DB" &
	LOCKER=$!
	sleep 0.5
fi

"$CDCF" org add "Busy Corp" >"$W/cli.out" 2>&1 &
CLI=$!
t0=$(date +%s.%N)
st=$(req PATCH "$P/entries/A-1" '{"note": "during the lock"}' "If-Match: $ETAG")
t1=$(date +%s.%N)
[ "$st" = 503 ] || fail "PATCH during another process's write lock answered $st, not 503: $(cat "$W/body")"
[ "$(header Retry-After)" = 1 ] || fail "503 without Retry-After: 1 ($(header Retry-After))"
[ "$(jq -r .error.status "$W/body")" = 503 ] || fail "503 is not a JSON error: $(cat "$W/body")"
waited=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
st=$(req GET "$P/entries/A-1")
[ "$st" = 200 ] || fail "a read during the lock answered $st"
wait "$CLI"
rc=$?
out=$(cat "$W/cli.out")
[ $rc = 2 ] || fail "CLI write during the lock gave exit $rc: $out"
echo "$out" | grep -q "is busy" || fail "CLI write during the lock: $out"
[ "$(db_sql "SELECT COUNT(*) FROM organizations WHERE name = 'Busy Corp'")" = 0 ] ||
	fail "the busy CLI write added its organization"

wait "$LOCKER"
st=$(req PATCH "$P/entries/A-1" '{"note": "after the lock"}' "If-Match: $ETAG")
[ "$st" = 200 ] || fail "the same PATCH after the lock answered $st: $(cat "$W/body")"
[ "$(jq -r .note "$W/body")" = "after the lock" ] || fail "after the lock: $(cat "$W/body")"
grep -q '" 500 ' "$W/serve.log" && fail "the server answered 500: $(grep '" 500 ' "$W/serve.log")"
echo "ok: PATCH under another process's write lock: 503 with Retry-After after ${waited}s" \
	"(busy timeout), reads served, CLI exit 2; the same PATCH after the lock: 200"
