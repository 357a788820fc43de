#!/usr/bin/env bash
# What durability costs: acknowledged entry updates per second through the API
# (cdcf serve, synchronous=FULL in WAL mode: every answered change is synced to
# disk before the answer), beside the sqlite3 shell committing the same kind of
# one-row transaction on a copy of the same database with synchronous=NORMAL and
# synchronous=FULL. The shell figures are the floor and the price of the sync
# itself on this disk; the cdcf figure adds HTTP, JSON, the rules and the audit
# event. Measures and prints; asserts nothing.
#   bench/durability/run.sh            # ~1 min
# Knobs: DURATION=10 (seconds of API load) CLIENTS=8 SHELL_TX=2000
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib.sh
ensure_pkgs sqlite3:sqlite3 python3:python3 curl:curl
build_cdcf
DURATION=${DURATION:-10} CLIENTS=${CLIENTS:-8} SHELL_TX=${SHELL_TX:-2000}
W=$(mktemp -d /tmp/cdcf-bench-dur.XXXXXX)
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	[ -n "${BENCH_KEEP:-}" ] || rm -rf "$W"
}
trap cleanup EXIT
DB=$W/bench.db
c() { "$CDCF" --db "$DB" "$@"; }
FW=x1060-2021
c init >/dev/null
c org add O >/dev/null
c team add O T >/dev/null
c portfolio new O $FW --preset full-cdc >/dev/null
REFS=$(c report O $FW --format json | python3 -c 'import json,sys; print(" ".join(e["ref"] for e in json.load(sys.stdin)["entries"]))')
for r in $REFS; do c assign O $FW "$r" --insource T >/dev/null; done
printf 'Bench-Passw0rd-2026\n' | CDCF_ARGON2=min c user add --admin bench --password-stdin >/dev/null
TOK=$(c token create bench bench 2>/dev/null | tail -1)
cp "$DB" "$W/shell-normal.db"
cp "$DB" "$W/shell-full.db"

machine_info
echo "disk:    $(df -h "$W" | awk 'NR==2 {print $1, $2}') ($W)"
echo

# the sqlite3 shell: SHELL_TX one-row UPDATE transactions, one commit each
shell_run() { # DB SYNC -> transactions per second
	local db=$1 sync=$2 t0 t1
	{
		echo "PRAGMA journal_mode=WAL; PRAGMA synchronous=$sync;"
		for i in $(seq 1 "$SHELL_TX"); do
			echo "UPDATE entries SET note='n$i', version=version+1 WHERE id=(SELECT min(id) FROM entries);"
		done
	} >"$W/tx.sql"
	t0=$(date +%s.%N)
	sqlite3 "$db" <"$W/tx.sql" >/dev/null
	t1=$(date +%s.%N)
	python3 -c "print('%.0f' % ($SHELL_TX / ($t1 - $t0)))"
}
echo "sqlite3 shell, $SHELL_TX one-row transactions (sqlite3 $(sqlite3 --version | cut -d' ' -f1)):"
echo "  synchronous=NORMAL  $(shell_run "$W/shell-normal.db" NORMAL) tx/s"
echo "  synchronous=FULL    $(shell_run "$W/shell-full.db" FULL) tx/s"

PORT=$(free_port)
c serve --listen "127.0.0.1:$PORT" >/dev/null 2>"$W/serve.log" &
pid=$!
up=
for _ in $(seq 300); do
	curl -s -o /dev/null "http://127.0.0.1:$PORT/login" && up=1 && break
	sleep 0.1
done
[ -n "$up" ] || { echo "bench: cdcf serve did not start:" >&2; cat "$W/serve.log" >&2; exit 1; }
python3 - "$PORT" "$TOK" "$DURATION" "$CLIENTS" "$REFS" <<'PY'
import http.client, json, sys, threading, time
port, tok, dur, clients, refs = int(sys.argv[1]), sys.argv[2], float(sys.argv[3]), int(sys.argv[4]), sys.argv[5].split()
E = "/api/v1/orgs/1/portfolios/x1060-2021/entries/"
lat, codes, lock = [], {}, threading.Lock()
def worker(k):
    h = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    hd = {"Authorization": "Bearer " + tok}
    mine = refs[k::clients]; i = 0; end = time.time() + dur
    while time.time() < end:
        ref = mine[i % len(mine)]; i += 1
        h.request("GET", E + ref, headers=hd); r = h.getresponse(); r.read(); et = r.getheader("ETag")
        t0 = time.time()
        h.request("PATCH", E + ref, body=json.dumps({"note": "w%d-%d" % (k, i)}),
                  headers=dict(hd, **{"If-Match": et, "Content-Type": "application/json"}))
        r = h.getresponse(); r.read()
        with lock:
            lat.append(time.time() - t0); codes[r.status] = codes.get(r.status, 0) + 1
ts = [threading.Thread(target=worker, args=(k,)) for k in range(clients)]
t0 = time.time(); [t.start() for t in ts]; [t.join() for t in ts]; el = time.time() - t0
lat.sort(); ok = codes.get(200, 0)
print("cdcf serve, %d clients for %.0f s, GET then PATCH with If-Match (synchronous=FULL):" % (clients, dur))
print("  %.0f acknowledged updates/s, PATCH p50 %.1f ms, p99 %.1f ms, answers %s"
      % (ok / el, 1e3 * lat[len(lat) // 2], 1e3 * lat[int(len(lat) * 0.99)], dict(sorted(codes.items()))))
PY
echo "integrity: $(sqlite3 "$DB" 'PRAGMA integrity_check')"
