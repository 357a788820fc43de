#!/usr/bin/env bash
# HTTP benchmark: wrk against 'cdcf serve' (the logged-in portfolio page and one API GET)
# and, in the same run, nginx serving the very same bytes as static files, as the reference.
# Prints requests/s, the ratio to nginx, p50/p99 latency and the resident memory of each
# server at rest and under load. Everything talks to 127.0.0.1 only, every load is bounded
# (wrk -d), and both servers are stopped at the end. Measures and prints only.
#
#   bench/http/run.sh                     (from the project root)
#   DURATION=10s CONNECTIONS=32 THREADS=2 NGINX_WORKERS=2 SERVE_ARGS= CDCF=build-bench/cdcf BENCH_KEEP=1
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib.sh
. bench/lib_http.sh

DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-32}
THREADS=${THREADS:-2}
NGINX_WORKERS=${NGINX_WORKERS:-$(nproc)}
SERVE_ARGS=${SERVE_ARGS:-}
F=x1060-2021
ORG="Example Corp"

ensure_pkgs wrk:wrk nginx:nginx-light curl:curl sqlite3:sqlite3
build_cdcf

W=$(mktemp -d /tmp/cdcf-bench-http.XXXXXX)
cdcf_pid=
nginx_pid=
cleanup() {
	[ -n "$cdcf_pid" ] && kill "$cdcf_pid" 2>/dev/null && wait "$cdcf_pid" 2>/dev/null
	[ -n "$nginx_pid" ] && kill -QUIT "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null
	if [ -n "${BENCH_KEEP:-}" ]; then echo "bench: keeping $W" >&2; else rm -rf "$W"; fi
}
trap cleanup EXIT
DB=$W/bench.db
die() { echo "bench: $*" >&2; exit 1; }

# --- cdcf: demo database, an admin user, an API token, the server ----------------------------
scripts/demo.sh "$CDCF" "$DB" >/dev/null 2>&1
password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
# CDCF_ARGON2=min: the cheapest password hash, only to save time here (login is not measured)
printf '%s\n' "$password" | CDCF_ARGON2=min "$CDCF" --db "$DB" user add --admin bench --password-stdin >/dev/null ||
	die "'cdcf user add' failed"
token=$("$CDCF" --db "$DB" token create bench bench-token 2>/dev/null | grep -oE '[A-Za-z0-9_.~+/=-]{20,}' | tail -n 1 || true)
org_id=$(sqlite3 "$DB" "select id from organizations where name = '$ORG'")

cport=$(free_port)
# shellcheck disable=SC2086
"$CDCF" --db "$DB" serve --listen "127.0.0.1:$cport" $SERVE_ARGS >"$W/serve.log" 2>&1 &
cdcf_pid=$!
C=http://127.0.0.1:$cport
wait_http "$C/healthz" || { cat "$W/serve.log" >&2; die "cdcf serve did not come up"; }
sleep 0.5
rss_cdcf_boot=$(rss_kb "$cdcf_pid")

page_path=/o/$org_id/p/$F/portfolio
api_path=/api/v1/orgs/$org_id/portfolios/$F
api_hdr="Authorization: Bearer $token"
mkdir -p "$W/nginx/www" "$W/nginx/tmp"
# fetch FILE HEADER URL: the status; the body in FILE (what wrk will get, checked once first)
fetch() { curl -s -o "$1" -w '%{http_code}' -H "$2" "$3"; }
missing=()

# Sign in as a browser would: GET /login gives the pre-session cookie and the form's CSRF
# token; POST /login with name, password and csrf gives the session cookie.
signin() {
	local form_cookie csrf
	curl -s -D "$W/login-get.h" -o "$W/login.html" "$C/login"
	form_cookie=$(grep -i '^set-cookie:' "$W/login-get.h" | sed -n 's/^[^:]*: *\([^;]*\).*/\1/p' | tr -d '\r' | paste -sd ';' | sed 's/;/; /g')
	csrf=$(grep -o '<input[^>]*name="csrf"[^>]*>' "$W/login.html" | head -n 1 | sed -n 's/.*value="\([^"]*\)".*/\1/p')
	[ -n "$csrf" ] || { missing+=("portfolio page: no csrf field on GET /login"); return 1; }
	curl -s -D "$W/login-post.h" -o /dev/null -H "Cookie: $form_cookie" \
		--data-urlencode "name=bench" --data-urlencode "password=$password" --data-urlencode "csrf=$csrf" \
		"$C/login"
	session=$(grep -i '^set-cookie: *cdcf_session=' "$W/login-post.h" | sed -n 's/^[^:]*: *\([^;]*\).*/\1/p' | tr -d '\r')
	[ -n "$session" ] || { missing+=("portfolio page: POST /login gave no cdcf_session cookie ($(head -n 1 "$W/login-post.h" | tr -d '\r'))"); return 1; }
}
page_ok=
session=
if signin; then
	page_hdr="Cookie: $session"
	st=$(fetch "$W/nginx/www/portfolio.html" "$page_hdr" "$C$page_path")
	if [ "$st" = 200 ]; then page_ok=1; else missing+=("portfolio page: GET $page_path answered $st"); fi
fi
api_ok=
if [ -z "$token" ]; then
	missing+=("API GET: no token from 'cdcf token create'")
else
	st=$(fetch "$W/nginx/www/api.json" "$api_hdr" "$C$api_path")
	if [ "$st" = 200 ]; then api_ok=1; else missing+=("API GET: GET $api_path answered $st"); fi
fi
[ -n "$page_ok$api_ok" ] || { printf 'bench: %s\n' "${missing[@]}" >&2; die "nothing to measure"; }
hwm_cdcf_ready=$(hwm_kb "$cdcf_pid")

# --- nginx: the same bytes as static files, foreground, temp prefix, random port -------------
nginx_serve || exit 1
nginx_pid=$NGINX_PID
N=$NGINX_URL
for f in portfolio.html api.json; do
	[ -f "$W/nginx/www/$f" ] || continue
	cmp -s <(curl -s "$N/$f") "$W/nginx/www/$f" || die "nginx serves other bytes for $f"
done

# --- memory -------------------------------------------------------------------------------------
declare -A RPS P50 P99 ERRS REST PEAK BYTES
load() { wrk_load "$@" || die "wrk failed"; }

rest_cdcf_start=$(rss_kb "$cdcf_pid")
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
if [ -n "$page_ok" ]; then
	load nginx-page "$nginx_pid" "$N/portfolio.html"
	load cdcf-page "$cdcf_pid" "$C$page_path" "$page_hdr"
fi
if [ -n "$api_ok" ]; then
	load nginx-api "$nginx_pid" "$N/api.json"
	load cdcf-api "$cdcf_pid" "$C$api_path" "$api_hdr"
fi
sleep 1
rest_cdcf_after=$(rss_kb "$cdcf_pid")
hwm_cdcf=$(hwm_kb "$cdcf_pid")
BYTES[page]=$(stat -c %s "$W/nginx/www/portfolio.html" 2>/dev/null || echo -)
BYTES[api]=$(stat -c %s "$W/nginx/www/api.json" 2>/dev/null || echo -)

# --- print -------------------------------------------------------------------------------------
echo "== cdcf serve vs nginx static, same bytes (bench/http/run.sh) =="
machine_info
echo "tools:   $(wrk -v 2>&1 | head -n 1 | cut -d' ' -f1-2), $(nginx -v 2>&1 | sed 's/.*: //') ($NGINX_WORKERS workers)," \
	"$(dpkg-query -W -f='libmicrohttpd ${Version}' 'libmicrohttpd12*' 2>/dev/null | head -n 1)"
echo "threads: cdcf serve ${SERVE_ARGS:-default threads (2 x nproc)}; load average before the run: $load_before"
echo "load:    wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency, each target in turn, on the same 2 cores as the servers"
echo "bodies:  portfolio page ${BYTES[page]} B (GET $page_path, session cookie)," \
	"API ${BYTES[api]} B (GET $api_path, bearer token)"
echo
printf '| %-28s | %10s | %9s | %8s | %8s | %6s | %12s | %12s |\n' target "req/s" "x nginx" "p50 ms" "p99 ms" "errors" "RSS rest MiB" "RSS load MiB"
echo "|------------------------------|------------|-----------|----------|----------|--------|--------------|--------------|"
row() { # name label reference
	awk -v l="$2" -v r="${RPS[$1]}" -v ref="${RPS[$3]}" -v a="${P50[$1]}" -v b="${P99[$1]}" -v e="${ERRS[$1]}" \
		-v rest="${REST[$1]}" -v peak="${PEAK[$1]}" 'BEGIN {
		printf "| %-28s | %10.0f | %9.3f | %8.2f | %8.2f | %6d | %12.1f | %12.1f |\n", l, r, r/ref, a, b, e, rest/1024, peak/1024 }'
}
if [ -n "$page_ok" ]; then
	row nginx-page "nginx static (page bytes)" nginx-page
	row cdcf-page "cdcf portfolio page" nginx-page
fi
if [ -n "$api_ok" ]; then
	row nginx-api "nginx static (API bytes)" nginx-api
	row cdcf-api "cdcf API GET" nginx-api
fi
[ ${#missing[@]} -eq 0 ] || printf 'not measured: %s\n' "${missing[@]}"
echo
awk -v b="$rss_cdcf_boot" -v s="$rest_cdcf_start" -v a="$rest_cdcf_after" -v r="$hwm_cdcf_ready" -v h="$hwm_cdcf" 'BEGIN {
	printf "cdcf serve RSS: %.1f MiB after start, %.1f MiB after login and the first GETs (peak so far %.1f MiB),", b/1024, s/1024, r/1024
	printf " %.1f MiB idle after the loads; peak over the run (VmHWM) %.1f MiB\n", a/1024, h/1024 }'
echo "RSS rest = just before that target's load; RSS load = highest 0.2 s sample during it (nginx: master + workers)."
echo "errors = non-2xx answers + socket errors reported by wrk."
