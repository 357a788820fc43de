#!/bin/bash
# Scale benchmark: the same pages at 10 ... 100,000 organizations.
#
# One seed organization is built through the CLI (a full X.1060 portfolio,
# 56 services assigned in turn to a team, a provider or both and scored, open
# actions, a closed cycle), then copied N times by clone.py into a fresh
# database for each size; user "all" is a viewer of every organization, "one"
# an editor of the first, "root" a site administrator; "Org 000001" is the
# parent of GROUP subsidiaries. For each size, `cdcf serve` is started on it
# and every target is fetched REQUESTS times over one keep-alive connection
# (after WARMUP fetches); p50 and p99 are printed with the server's peak RSS.
# At the largest size, the portfolio page and the API GET are also loaded with
# wrk against nginx serving the same bytes, with and without gzip, with the
# answer cache and without it (bench/scale/versus_nginx.sh).
#
# With BACKENDS="sqlite pg" every size is also copied into a PostgreSQL database of a server
# of the benchmark's own (tests/pg/server.sh, PostgreSQL's durable defaults), the copy timed
# (`cdcf db copy` of the whole installation), and the same pages and the survey are measured
# on it; at the largest size bench/scale/two_servers.sh loads the portfolio page and the API
# GET through nginx on one and on two servers.
#
# Knobs: SIZES="10 1000 10000 100000" REQUESTS=50 WARMUP=3 GROUP=1000 BACKENDS=sqlite CDCF=...
# Nothing here asserts a speed: it measures and prints (bench/README.md).
set -eu
cd "$(dirname "$0")/../.."
. bench/lib.sh
build_cdcf
CDCF=${CDCF:-$PWD/build-bench/cdcf}
ensure_pkgs python3:python3 sqlite3:sqlite3 wrk:wrk nginx:nginx-light
SIZES=${SIZES:-"10 1000 10000 100000"}
REQUESTS=${REQUESTS:-50}
WARMUP=${WARMUP:-3}
GROUP=${GROUP:-1000}
BACKENDS=${BACKENDS:-sqlite}
W=$(mktemp -d -t cdcf-scale.XXXXXX)
chmod 755 "$W" # a PostgreSQL server of the benchmark's own runs as the user postgres
trap 'jobs -p | xargs -r kill 2>/dev/null; [ -d "$W/pg" ] && bash tests/pg/server.sh stop "$W/pg"; rm -rf "$W"' EXIT
case " $BACKENDS " in *" pg "*)
	ensure_pkgs psql:postgresql-client
	PG_DURABLE=1 bash tests/pg/server.sh start "$W/pg" ;;
esac
pgdb() { # the database of size $1 copied from the SQLite one into a new database of the
	# PostgreSQL server, once: its URL left in $W/pgdb$1, the copy's time printed
	[ -f "$W/pgdb$1" ] || {
		local url t0 t1
		url=$(bash tests/pg/server.sh newdb "$W/pg")
		t0=$(date +%s.%N)
		"$CDCF" db copy "$W/n$1.db" "$url" >"$W/copy.log" 2>&1 || { cat "$W/copy.log" >&2; exit 1; }
		t1=$(date +%s.%N)
		echo "$url" >"$W/pgdb$1"
		printf "%s organizations on PostgreSQL: cdcf db copy of the whole database (%s) in %s s\n" "$1" \
			"$(sed 's/^copied //' "$W/copy.log")" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')"
	}
}
export CDCF_ARGON2=min
PW='Scale-Passw0rd-2026'
F=x1060-2021

# ---- the seed ----
s="$W/seed.db"
c() { "$CDCF" --db "$s" "$@"; }
c init >/dev/null
c org add Seed >/dev/null && c team add Seed SOC >/dev/null && c team add Seed CERT >/dev/null &&
	c provider add Seed MSSP >/dev/null && c portfolio new Seed $F --preset full-cdc >/dev/null
i=0
for r in $(c report Seed $F --format csv | tail -n +2 | cut -d, -f1); do
	case $((i % 3)) in
	0) c assign Seed $F "$r" --insource SOC >/dev/null 2>&1 &&
		c score Seed $F "$r" --side insource --current $((i % 5 + 1)) --target 4 >/dev/null 2>&1 ;;
	1) c assign Seed $F "$r" --outsource MSSP >/dev/null 2>&1 &&
		c score Seed $F "$r" --side outsource --current $((i % 4 + 1)) --target 4 >/dev/null 2>&1 ;;
	2) c assign Seed $F "$r" --hybrid CERT MSSP >/dev/null 2>&1 &&
		c score Seed $F "$r" --side insource --current 2 --target 3 >/dev/null 2>&1 ;;
	esac
	i=$((i + 1))
done
for k in 1 2 3 4 5; do c action add Seed $F A-$k "Improve A-$k" --due 2026-0$k-15 --target 4 >/dev/null 2>&1 || true; done
c evaluate Seed $F --close >/dev/null 2>&1 || true
for u in root all one; do
	if [ $u = root ]; then echo "$PW" | c user add $u --admin --password-stdin >/dev/null
	else echo "$PW" | c user add $u --password-stdin >/dev/null; fi
done

printf '== cdcf at scale (bench/scale/run.sh) ==\n'
printf 'machine: %s cores, %s, %s\n' "$(nproc)" "$(awk '/MemTotal/ {printf "%.1f GiB memory", $2 / 1048576}' /proc/meminfo)" "$(uname -sr)"
printf 'cdcf:    %s\n' "$CDCF"
printf 'load:    %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'each:    %s requests after %s warm-up, one keep-alive connection; group of %s subsidiaries\n\n' "$REQUESTS" "$WARMUP" "$GROUP"

for n in $SIZES; do
	db="$W/n$n.db"
	cp "$s" "$db"
	g=$GROUP; [ "$g" -ge "$n" ] && g=$((n - 1))
	t0=$(date +%s.%N)
	python3 bench/scale/clone.py "$db" Seed "$n" --member all --member-of-first one --group "$g"
	"$CDCF" --db "$db" db stats --rebuild >/dev/null # the copies' kept figures, made once
	t1=$(date +%s.%N)
	printf "%s organizations: database %s MiB, made in %s s\n" "$n" "$(($(stat -c %s "$db") >> 20))" "$(awk -v a="$t0" -v b="$t1" "BEGIN { printf \"%.1f\", b - a }")"
	for backend in $BACKENDS; do
		if [ "$backend" = pg ]; then
			pgdb "$n"
			url=$(cat "$W/pgdb$n")
			printf '%s organizations, PostgreSQL:\n' "$n"
			python3 bench/scale/measure.py "$CDCF" "$url" "$PW" "$REQUESTS" "$WARMUP"
			echo
			if [ "$n" = "${SIZES##* }" ]; then # the largest: one server and two behind nginx
				bash bench/scale/two_servers.sh "$CDCF" "$url" "$PW"
				echo
			fi
			continue
		fi
		[ "$BACKENDS" != sqlite ] && printf '%s organizations, SQLite:\n' "$n"
		python3 bench/scale/measure.py "$CDCF" "$db" "$PW" "$REQUESTS" "$WARMUP"
		echo
		if [ "$n" = "${SIZES##* }" ]; then # the largest: the portfolio page and API against nginx
			bash bench/scale/versus_nginx.sh "$CDCF" "$db" "$PW"
			echo
		fi
	done
done
# surveys: every organization invited and answering every service (bench/scale/survey.py)
for n in $SIZES; do
	for backend in $BACKENDS; do
		db="$W/n$n.db"
		[ "$backend" = pg ] && db=$(cat "$W/pgdb$n")
		printf '%s organizations, survey (%s):\n' "$n" "$backend"
		python3 bench/scale/survey.py "$CDCF" "$db" "$PW" "$REQUESTS" "$WARMUP"
		echo
	done
done
