#!/bin/bash
# The portfolio page and the API GET of one organization of a large database, loaded with
# wrk against nginx serving the very same bytes as static files (bench/lib_http.sh), plain
# and gzip-compressed, with the answer cache (the default) and without it (--cache 0).
# Called by bench/scale/run.sh for its largest size; measures and prints only.
#
#   bench/scale/versus_nginx.sh CDCF DB PASSWORD     (user "one": an editor of Org 000001)
#   DURATION=5s CONNECTIONS=32 THREADS=2 NGINX_WORKERS=2
set -eu
CDCF=$1 DB=$2 PW=$3
cd "$(dirname "$0")/../.."
. bench/lib.sh
. bench/lib_http.sh
ensure_pkgs wrk:wrk nginx:nginx-light curl:curl
DURATION=${DURATION:-5s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
NGINX_WORKERS=${NGINX_WORKERS:-$(nproc)}
F=x1060-2021
W=$(mktemp -d -t cdcf-versus.XXXXXX)
cdcf_pid= NGINX_PID=
cleanup() {
	[ -n "$cdcf_pid" ] && kill "$cdcf_pid" 2>/dev/null && wait "$cdcf_pid" 2>/dev/null
	[ -n "$NGINX_PID" ] && kill -QUIT "$NGINX_PID" 2>/dev/null && wait "$NGINX_PID" 2>/dev/null
	rm -rf "$W"
}
trap cleanup EXIT

serve() { # extra serve options: start cdcf on a free port, C its URL
	local port
	port=$(free_port)
	"$CDCF" --db "$DB" serve --listen "127.0.0.1:$port" "$@" >"$W/serve.log" 2>&1 &
	cdcf_pid=$!
	C=http://127.0.0.1:$port
	wait_http "$C/healthz" || { cat "$W/serve.log" >&2; exit 1; }
}
stop() { kill "$cdcf_pid" && wait "$cdcf_pid" 2>/dev/null; cdcf_pid=; }

serve
sign_in_one "$C" "$PW"
token=$("$CDCF" --db "$DB" token create one "versus-nginx-$$" 2>/dev/null | grep -oE '[A-Za-z0-9_.~+/=-]{20,}' | tail -n 1)
auth="Authorization: Bearer $token"
page=/o/$org/p/$F/portfolio
api=/api/v1/orgs/$org/portfolios/$F
gz="Accept-Encoding: gzip"
mkdir -p "$W/nginx/www"
curl -s -f -H "$cookie" -o "$W/nginx/www/page.html" "$C$page"
curl -s -f -H "$cookie" -H "$gz" -o "$W/nginx/www/page.gz" "$C$page"
curl -s -f -H "$auth" -o "$W/nginx/www/api.json" "$C$api"
curl -s -f -H "$auth" -H "$gz" -o "$W/nginx/www/api.gz" "$C$api"
nginx_serve
N=$NGINX_URL
declare -A RPS P50 P99 ERRS REST PEAK
wrk_load nginx-page "$NGINX_PID" "$N/page.html"
wrk_load nginx-page-gz "$NGINX_PID" "$N/page.gz"
wrk_load nginx-api "$NGINX_PID" "$N/api.json"
wrk_load nginx-api-gz "$NGINX_PID" "$N/api.gz"
wrk_load cdcf-page "$cdcf_pid" "$C$page" "$cookie"
wrk_load cdcf-page-gz "$cdcf_pid" "$C$page" "$cookie" "$gz"
wrk_load cdcf-api "$cdcf_pid" "$C$api" "$auth"
wrk_load cdcf-api-gz "$cdcf_pid" "$C$api" "$auth" "$gz"
stop
serve --cache 0
wrk_load nocache-page "$cdcf_pid" "$C$page" "$cookie"
wrk_load nocache-page-gz "$cdcf_pid" "$C$page" "$cookie" "$gz"
wrk_load nocache-api "$cdcf_pid" "$C$api" "$auth"
stop

echo "cdcf serve vs nginx serving the same bytes: wrk -t$THREADS -c$CONNECTIONS -d$DURATION, nginx $NGINX_WORKERS workers;"
echo "page $(stat -c %s "$W/nginx/www/page.html") B ($(stat -c %s "$W/nginx/www/page.gz") B gzip), API $(stat -c %s "$W/nginx/www/api.json") B ($(stat -c %s "$W/nginx/www/api.gz") B gzip)"
printf '| %-34s | %9s | %8s | %7s | %7s | %6s |\n' target "req/s" "x nginx" "p50 ms" "p99 ms" errors
echo "|------------------------------------|-----------|----------|---------|---------|--------|"
row() { # name label reference
	awk -v l="$2" -v r="${RPS[$1]}" -v ref="${RPS[$3]}" -v a="${P50[$1]}" -v b="${P99[$1]}" -v e="${ERRS[$1]}" 'BEGIN {
		printf "| %-34s | %9.0f | %8.3f | %7.2f | %7.2f | %6d |\n", l, r, r / ref, a, b, e }'
}
row nginx-page "nginx: page bytes" nginx-page
row cdcf-page "cdcf portfolio page" nginx-page
row nocache-page "cdcf portfolio page, --cache 0" nginx-page
row nginx-page-gz "nginx: page bytes, gzip" nginx-page-gz
row cdcf-page-gz "cdcf portfolio page, gzip" nginx-page-gz
row nocache-page-gz "cdcf page, gzip, --cache 0" nginx-page-gz
row nginx-api "nginx: API bytes" nginx-api
row cdcf-api "cdcf API GET" nginx-api
row nocache-api "cdcf API GET, --cache 0" nginx-api
row nginx-api-gz "nginx: API bytes, gzip" nginx-api-gz
row cdcf-api-gz "cdcf API GET, gzip" nginx-api-gz
