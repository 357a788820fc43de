#!/bin/bash
# A server outlives a restart of its PostgreSQL: while the database is away every answer is
# 503 with Retry-After (never 500), and once it is back the next requests are answered from
# new connections; an update acknowledged before the restart is there after it. A server of
# this test's own (tests/pg/server.sh), restarted with pg_ctl. $1: the cdcf binary.
set -u
CDCF=$1
fail() { echo "FAIL: $*"; exit 1; }
W=$(mktemp -d)
chmod 755 "$W" # the server runs as the user postgres when the tests run as root
PGS="$(dirname "$0")/server.sh"
cleanup() { [ -n "${SP:-}" ] && { kill -9 "$SP"; wait "$SP"; } 2>/dev/null; bash "$PGS" stop "$W/pg"; rm -rf "$W"; }
trap cleanup EXIT
bash "$PGS" start "$W/pg" || fail "no PostgreSQL server"
DB=$(bash "$PGS" newdb "$W/pg") || fail "createdb"
c() { "$CDCF" --db "$DB" "$@"; }
c init >/dev/null && c org add O >/dev/null && c portfolio new O x1060-2021 --preset full-cdc >/dev/null || fail "setup"
echo "Reconnect-Passw0rd-26" | c user add --admin admin --password-stdin >/dev/null || fail "user add"
TOKEN=$(c token create admin t | awk '{print $NF}' | tail -1)
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$CDCF" --db "$DB" serve --listen 127.0.0.1:$PORT 2>"$W/serve.log" &
SP=$!
get() { curl -s -o "$W/body" -D "$W/head" -w '%{http_code}' -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT$1"; }
for _ in $(seq 1 300); do [ "$(get /healthz)" = 200 ] && break; sleep 0.1; done
[ "$(get /healthz)" = 200 ] || fail "the server did not start: $(cat "$W/serve.log")"
[ "$(get /api/v1/orgs)" = 200 ] || fail "GET /api/v1/orgs before the restart: $(cat "$W/body")"
E=/api/v1/orgs/1/portfolios/x1060-2021/entries/A-1
[ "$(get $E)" = 200 ] || fail "GET the entry"
etag=$(grep -i '^etag:' "$W/head" | tr -d '\r' | cut -d' ' -f2)
st=$(curl -s -o /dev/null -w '%{http_code}' -X PATCH -H "Authorization: Bearer $TOKEN" -H "If-Match: $etag" \
	-H 'Content-Type: application/json' -d '{"note": "before the restart"}' "http://127.0.0.1:$PORT$E")
[ "$st" = 200 ] || fail "PATCH before the restart answered $st"

# the database goes away: answers are 503 with Retry-After, never 500
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
as_owner "$PGBIN/pg_ctl" -D "$W/pg/data" -m fast -w stop >/dev/null || fail "stop PostgreSQL"
down=$(get /api/v1/orgs)
[ "$down" = 503 ] || fail "with the database stopped GET /api/v1/orgs answered $down: $(cat "$W/body")"
grep -qi '^retry-after:' "$W/head" || fail "503 without Retry-After"
r=$(get /readyz)
[ "$r" = 503 ] || fail "/readyz with the database stopped answered $r"
[ "$(get /healthz)" = 200 ] || fail "/healthz (the process) answered otherwise while the database is away"
as_owner "$PGBIN/pg_ctl" -D "$W/pg/data" -l "$W/pg/server.log" -w start \
	-o "-p $(cat "$W/pg/port") -k $W/pg -c listen_addresses=127.0.0.1" >/dev/null || fail "start PostgreSQL"

# back: answered again, the acknowledged update kept; at most one 503 on the way
codes=""
for _ in 1 2 3; do codes="$codes $(get /api/v1/orgs)"; done
case "$codes" in *500*) fail "after the restart: answers$codes" ;; esac
[ "${codes##* }" = 200 ] || fail "after the restart the server still answers$codes: $(cat "$W/body")"
[ "$(get $E)" = 200 ] && grep -q '"before the restart"' "$W/body" || fail "the update before the restart is gone: $(cat "$W/body")"
[ "$(get /readyz)" = 200 ] || fail "/readyz after the restart"
echo "reconnect: 503 with Retry-After while PostgreSQL was stopped; after its restart:$codes; the update before it kept"
