#!/usr/bin/env bash
# A PostgreSQL server of the tests' own, on a free loopback port in a folder of the build:
#   tests/pg/server.sh start DIR   initdb (as the user "postgres" when run as root: the server
#                                  refuses root) and start; DIR/url holds
#                                  postgres://cdcf@127.0.0.1:PORT, the superuser cdcf, trust
#                                  authentication on loopback only
#   tests/pg/server.sh stop DIR    stop it and remove DIR
#   tests/pg/server.sh newdb DIR   print the URL of a new empty database on it
# Debian's postgresql package (scripts/deps.sh) provides the server. For the tests it does not
# sync to disk (fsync=off); PG_DURABLE=1 (the benchmarks) keeps PostgreSQL's defaults.
set -euo pipefail
cmd=${1:?usage: server.sh start|stop|newdb DIR}
dir=${2:?usage: server.sh start|stop|newdb DIR}
dir=$(realpath -m "$dir") # the server runs in its data folder: a relative DIR would not hold
PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -x "${PGBIN:-}/initdb" ] || { echo "server.sh: no PostgreSQL server (scripts/deps.sh installs postgresql)" >&2; exit 1; }
as_owner() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "$cmd" in
start)
	"$0" stop "$dir" 2>/dev/null || true
	mkdir -p "$dir/data"
	[ "$(id -u)" = 0 ] && chown -R postgres "$dir" && chmod 755 "$dir"
	nosync=--no-sync fsync="-c fsync=off"
	[ "${PG_DURABLE:-}" = 1 ] && nosync= fsync=
	as_owner "$PGBIN/initdb" -D "$dir/data" -A trust -U cdcf $nosync -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
		{ cat "$dir/initdb.log" >&2; exit 1; }
	for try in 1 2 3 4 5; do
		port=$((20000 + RANDOM % 30000))
		if as_owner "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 30 start \
			-o "-p $port -k $dir -c listen_addresses=127.0.0.1 $fsync -c max_connections=200" >/dev/null; then
			echo "postgres://cdcf@127.0.0.1:$port" >"$dir/url"
			echo "$port" >"$dir/port"
			exit 0
		fi
	done
	cat "$dir/server.log" >&2
	exit 1
	;;
stop)
	[ -d "$dir/data" ] && as_owner "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
	rm -rf "$dir"
	;;
newdb)
	port=$(cat "$dir/port")
	name="t_$$_${RANDOM}${RANDOM}"
	"$PGBIN/createdb" -h 127.0.0.1 -p "$port" -U cdcf "$name"
	echo "$(cat "$dir/url")/$name"
	;;
*)
	echo "usage: server.sh start|stop|newdb DIR" >&2
	exit 2
	;;
esac
