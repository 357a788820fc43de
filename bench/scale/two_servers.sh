#!/bin/bash
# Does a second server add throughput? The portfolio page and the API GET of one organization
# of a PostgreSQL database, loaded with wrk through nginx (round robin, as in docs/deploy.md)
# in front of one `cdcf serve` and then of two. Called by bench/scale/run.sh for its largest
# size with BACKENDS including pg; measures and prints only.
#
#   bench/scale/two_servers.sh CDCF DB_URL PASSWORD     (user "one": an editor of Org 000001)
#   DURATION=5s CONNECTIONS=32 THREADS=2 NGINX_WORKERS=1
set -eu
CDCF=$1 DB=$2 PW=$3
cd "$(dirname "$0")/../.."
. bench/lib.sh
. bench/lib_http.sh
ensure_pkgs wrk:wrk nginx:nginx-light curl:curl
DURATION=${DURATION:-5s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
NGINX_WORKERS=${NGINX_WORKERS:-1}
F=x1060-2021
W=$(mktemp -d -t cdcf-two.XXXXXX)
chmod 755 "$W"
pids=() NGINX_PID=
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
	[ -n "$NGINX_PID" ] && kill -QUIT "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null
	rm -rf "$W"
}
trap cleanup EXIT

ports=()
for k in 1 2; do
	p=$(free_port)
	"$CDCF" --db "$DB" serve --listen "127.0.0.1:$p" --trust-proxy >"$W/serve$k.log" 2>&1 &
	pids+=($!)
	ports+=("$p")
	wait_http "http://127.0.0.1:$p/healthz" || { cat "$W/serve$k.log" >&2; exit 1; }
done

# nginx in front of the first server only, then of both
balancer() { # ports...
	local port conf=$W/nginx/nginx.conf
	[ -n "$NGINX_PID" ] && kill -QUIT "$NGINX_PID" && wait "$NGINX_PID" 2>/dev/null
	mkdir -p "$W/nginx/tmp"
	port=$(free_port)
	{
		echo "worker_processes $NGINX_WORKERS; daemon off; pid $W/nginx/nginx.pid;"
		echo "error_log $W/nginx/error.log warn; events { worker_connections 1024; }"
		echo "http { access_log off; client_body_temp_path $W/nginx/tmp/body;"
		echo "proxy_temp_path $W/nginx/tmp/proxy; fastcgi_temp_path $W/nginx/tmp/fastcgi;"
		echo "uwsgi_temp_path $W/nginx/tmp/uwsgi; scgi_temp_path $W/nginx/tmp/scgi;"
		echo "upstream cdcf { keepalive 64;"
		for p in "$@"; do echo "server 127.0.0.1:$p;"; done
		echo "} server { listen 127.0.0.1:$port; location / { proxy_pass http://cdcf;"
		echo "proxy_http_version 1.1; proxy_set_header Connection \"\"; proxy_set_header Host \$host;"
		echo "proxy_set_header X-Forwarded-For \$remote_addr; } } }"
	} >"$conf"
	nginx -e "$W/nginx/error.log" -p "$W/nginx" -c "$conf" &
	NGINX_PID=$!
	N=http://127.0.0.1:$port
	wait_http "$N/healthz" || { cat "$W/nginx/error.log" >&2; exit 1; }
}

balancer "${ports[0]}"
sign_in_one "$N" "$PW"
page=/o/$org/p/$F/portfolio
api=/api/v1/orgs/$org/portfolios/$F
declare -A RPS P50 P99 ERRS REST PEAK
wrk_load one-page "${pids[0]}" "$N$page" "$cookie"
wrk_load one-api "${pids[0]}" "$N$api" "$cookie"
balancer "${ports[@]}"
wrk_load two-page "${pids[0]}" "$N$page" "$cookie"
wrk_load two-api "${pids[0]}" "$N$api" "$cookie"

echo "one server and two behind nginx (round robin), one PostgreSQL: wrk -t$THREADS -c$CONNECTIONS -d$DURATION,"
echo "nginx $NGINX_WORKERS worker(s), everything on this machine's $(nproc) cores"
printf '| %-34s | %9s | %8s | %7s | %7s | %6s |\n' target "req/s" "x one" "p50 ms" "p99 ms" errors
echo "|------------------------------------|-----------|----------|---------|---------|--------|"
row() { # name label reference
	awk -v l="$2" -v r="${RPS[$1]}" -v ref="${RPS[$3]}" -v a="${P50[$1]}" -v b="${P99[$1]}" -v e="${ERRS[$1]}" 'BEGIN {
		printf "| %-34s | %9.0f | %8.2f | %7.2f | %7.2f | %6d |\n", l, r, r / ref, a, b, e }'
}
row one-page "portfolio page, one server" one-page
row two-page "portfolio page, two servers" one-page
row one-api "API GET portfolio, one server" one-api
row two-api "API GET portfolio, two servers" one-api
