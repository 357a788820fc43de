# Shared by the script tests that drive the pages of `cdcf serve` with curl, as
# a browser without JavaScript would (form_reload.sh, assessor_offers.sh,
# web_build.sh, web_manage.sh, web_everyday.sh). Source it with CDCF set to
# the binary. It skips the test (77) without curl, gives a work directory W
# whose exit trap stops the server and checks it (server_workdir.sh), pins the
# database (CDCF_DB: new_db, on either engine), the password hashing (CDCF_ARGON2=min) and the clock
# (CDCF_NOW: "today" is 2026-04-01), and defines:
#   fail MSG                      the test fails, with the end of the server's log
#   c ARGS...                     the command line (a test may define its own)
#   FW                            the framework of the tests' portfolios
#   serve_start                   `cdcf serve` on a free loopback port (PORT,
#                                 SERVER_PID), once /healthz answers; U is its URL
#   serve_stop                    stops it (the exit trap still checks the port)
#   csrf_of <PAGE                 the value of the page's first hidden csrf input
#   login JAR NAME PASSWORD       a browser session in the cookie jar JAR
#   get JAR PATH                  the body on stdout, the status in $W/status
#                                 (status prints it); with WEB_GET_KEEPS_CSRF=1
#                                 the page's CSRF token is kept in JAR.csrf
#   post JAR PATH field=value...  the form with the token of JAR.csrf; prints
#                                 the status, the body is in $W/post.html, the
#                                 headers in $W/post.hdr, a redirect's Location
#                                 in $W/post.loc (loc prints it)
# Sourced after api_env.sh, it keeps that file's work directory and server
# (U is its BASE).

command -v curl >/dev/null || { echo "SKIP: curl is not installed"; exit 77; }

# api_env.sh has already made the work directory and its exit trap
declare -F cleanup >/dev/null || . "$(dirname "${BASH_SOURCE[0]}")/server_workdir.sh"
# after api_env.sh: its database
[ -n "${BASE:-}" ] || CDCF_DB=$(new_db c.db) || { echo "FAIL: no database"; exit 1; }
export CDCF_DB CDCF_ARGON2=min CDCF_NOW=2026-04-01T09:00:00Z
U=${BASE:-}

fail() {
	echo "FAIL: $*"
	[ -f "$W/serve.log" ] && tail -5 "$W/serve.log"
	exit 1
}
c() { "$CDCF" "$@"; }
# shellcheck disable=SC2034 # used by the tests that source this file
FW=x1060-2021

serve_start() {
	local i=0
	PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' \
		2>/dev/null) || PORT=$((20000 + RANDOM % 20000))
	# the binary itself: $! must be the server, so the exit trap stops it
	"$CDCF" serve --listen "127.0.0.1:$PORT" >"$W/serve.log" 2>&1 &
	SERVER_PID=$!
	U="http://127.0.0.1:$PORT"
	until curl -s -o /dev/null "$U/healthz"; do
		i=$((i + 1))
		[ $i -lt 100 ] || fail "server did not start"
		kill -0 "$SERVER_PID" 2>/dev/null || fail "server exited"
		sleep 0.1
	done
}
serve_stop() {
	kill "$SERVER_PID" 2>/dev/null
	wait "$SERVER_PID" 2>/dev/null
}

csrf_of() { grep -o 'name="csrf" value="[^"]*"' | head -1 | sed 's/.*value="//; s/"$//'; }
login() {
	local tok code
	tok=$(curl -s -c "$1" -b "$1" "$U/login" | csrf_of)
	[ -n "$tok" ] || fail "no CSRF token on /login"
	code=$(curl -s -o /dev/null -w '%{http_code}' -c "$1" -b "$1" --data-urlencode "name=$2" \
		--data-urlencode "password=$3" --data-urlencode "csrf=$tok" --data-urlencode "next=/" \
		"$U/login")
	[ "$code" = 303 ] || fail "login as $2 gave $code"
}
get() {
	curl -s -b "$1" -c "$1" -o "$W/body" -w '%{http_code}' "$U$2" >"$W/status"
	if [ "${WEB_GET_KEEPS_CSRF:-}" = 1 ]; then
		csrf_of <"$W/body" >"$1.csrf.new"
		[ -s "$1.csrf.new" ] && mv "$1.csrf.new" "$1.csrf"
	fi
	cat "$W/body"
}
status() { cat "$W/status"; }
post() {
	local jar=$1 path=$2 kv
	shift 2
	local args=()
	for kv in "$@"; do args+=(--data-urlencode "$kv"); done
	curl -s -b "$jar" -c "$jar" -o "$W/post.html" -w '%{http_code}' -D "$W/post.hdr" "${args[@]}" \
		--data-urlencode "csrf=$(cat "$jar.csrf")" "$U$path"
	tr -d '\r' <"$W/post.hdr" | sed -n 's/^[Ll]ocation: //p' >"$W/post.loc"
}
loc() { cat "$W/post.loc"; }
