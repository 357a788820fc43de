#!/bin/bash
# Accounts of the web application, end to end over HTTP: sign-in (errors,
# throttling, cookie flags, next=), CSRF on forms and cookie-authenticated
# API calls, Bearer tokens from the CLI, organization roles (404 for
# non-members), logout, password change ending other sessions, the one-time
# setup link on a fresh database, demo mode, and a clean exit on SIGTERM.
set -u
CDCF=$1
command -v curl >/dev/null || { echo "skip: curl is not installed"; exit 77; }
W=$(mktemp -d)
PID=
PORT=
cleanup() {
	[ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
	rm -rf "$W"
}
trap cleanup EXIT
. "$(dirname "$0")/lib/test_db.sh"
CDCF_DB=$(new_db c.db) && SDB=$(new_db s.db) && DEMODB=$(new_db demo-new.db) ||
	{ echo "FAIL: no database"; exit 1; }
export CDCF_DB CDCF_ARGON2=min
unset CDCF_NOW CDCF_LANG
LOG=$W/log
fail() {
	echo "FAIL: $*"
	[ -f "$W/body" ] && head -c 1500 "$W/body" | sed 's/^/  body: /'
	[ -f "$LOG" ] && tail -n 20 "$LOG" | sed 's/^/  log: /'
	exit 1
}
c() { "$CDCF" "$@"; }

# start DB [extra serve args]: serve on a free port, wait for /healthz
start() {
	local db=$1 i
	shift
	: >"$LOG"
	"$CDCF" --db "$db" serve --listen 127.0.0.1:0 --threads 4 "$@" 2>"$LOG" &
	PID=$!
	for i in $(seq 200); do
		PORT=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$LOG")
		if [ -n "$PORT" ] && curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null; then
			return 0
		fi
		sleep 0.05
	done
	fail "server did not start"
}

# stop: SIGTERM, and the server must exit 0
stop() {
	local rc
	kill -TERM "$PID"
	wait "$PID"
	rc=$?
	PID=
	[ $rc = 0 ] || fail "server exited with $rc after SIGTERM"
	grep -q "cdcf: stopped" "$LOG" || fail "no 'stopped' line"
}

# req JAR METHOD PATH [curl args]: prints the status; body in $W/body, headers in $W/hdr
req() {
	local jar=$1 m=$2 p=$3
	shift 3
	curl -s -o "$W/body" -D "$W/hdr" -w '%{http_code}' -b "$jar" -c "$jar" -X "$m" "$@" \
		"http://127.0.0.1:$PORT$p"
}
csrf() { sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$W/body" | head -n 1; }
header() { tr -d '\r' <"$W/hdr" | grep -i "^$1:" | head -n 1; }
body_has() { grep -q -- "$1" "$W/body"; }

# login JAR NAME PASSWORD [NEXT]: fetch the form, post it; prints the status
login() {
	local s t
	s=$(req "$1" GET /login)
	[ "$s" = 200 ] || fail "GET /login: $s"
	t=$(csrf)
	[ -n "$t" ] || fail "login form without a csrf field"
	req "$1" POST /login --data-urlencode "csrf=$t" --data-urlencode "name=$2" \
		--data-urlencode "password=$3" --data-urlencode "next=${4:-/}"
}

# ---- accounts from the CLI ----
c init >/dev/null || fail init
printf 'alice-password-1\n' | c user add --admin alice --password-stdin >/dev/null || fail "user add alice"
printf 'bob-password-12\n' | c user add bob >/dev/null || fail "user add bob (stdin not a tty)"
printf 'carol-password-1\n' | c user add carol >/dev/null || fail "user add carol"
printf 'short\n' | c user add dave --password-stdin >/dev/null 2>&1
[ $? = 1 ] || fail "a short password was accepted"
printf 'bob-password-12\n' | c user add bob >/dev/null 2>&1
[ $? = 1 ] || fail "a duplicate user was accepted"
c org add Acme >/dev/null && c org add Beta >/dev/null || fail "org add"
c team add Acme SOC >/dev/null || fail "team add"
c user grant bob Acme viewer >/dev/null || fail "grant viewer"
c user grant carol Acme assessor --team SOC >/dev/null || fail "grant assessor with team"
c user grant bob Acme chief >/dev/null 2>&1
[ $? = 1 ] || fail "an unknown role was accepted"
[ "$(c user list --json | jq -r '.[] | select(.name=="bob") | .memberships[0].role')" = viewer ] ||
	fail "user list does not show bob's role"
[ "$(c user list --json | jq -r '.[] | select(.name=="carol") | .memberships[0].team')" = SOC ] ||
	fail "user list does not show carol's team"
TOKEN=$(c token create alice ci 2>/dev/null)
[ ${#TOKEN} = 43 ] || fail "token create printed '$TOKEN'"
[ "$(c token list alice --json | jq -r '.[0].name')" = ci ] || fail "token list"
c token list alice --json | grep -q "$TOKEN" && fail "token list shows the token itself"
hashes=$(db_sql 'SELECT token_hash FROM api_tokens') && [ -n "$hashes" ] || fail "no token hashes to look at"
echo "$hashes" | grep -q "$TOKEN" && fail "the database holds the token in clear"

start "$CDCF_DB"
A=$W/alice.jar B=$W/bob.jar X=$W/anon.jar

# ---- the login page ----
s=$(req "$X" GET /login)
[ "$s" = 200 ] || fail "GET /login: $s"
header Content-Security-Policy | grep -q "default-src 'self'" || fail "no CSP header on /login"
body_has 'name="password"' || fail "login form has no password field"
s=$(req "$X" GET "/login?lang=ja")
body_has 'ログイン' || fail "login page not in Japanese with ?lang=ja"
rm -f "$X"

# ---- wrong passwords, then throttling (per account) ----
for i in 1 2 3 4 5; do
	s=$(login "$X" carol "wrong-password-$i")
	[ "$s" = 401 ] || fail "wrong password $i: status $s"
	body_has "Wrong user name or password" || fail "wrong password $i: no error shown"
done
s=$(login "$X" carol carol-password-1)
[ "$s" = 429 ] || fail "6th attempt (right password) after 5 failures: $s, want 429"
body_has "Too many failed sign-ins" || fail "429 without a clear message"
# Retry-After: until the oldest of the five leaves the 15-minute window
ra=$(header Retry-After | tr -dc 0-9)
[ -n "$ra" ] && [ "$ra" -ge 850 ] && [ "$ra" -le 900 ] || fail "429 with Retry-After '$ra', want 850-900"
s=$(login "$X" nobody-here "whatever-password")
[ "$s" = 401 ] || fail "unknown user: $s"
body_has "Wrong user name or password" || fail "unknown user: a different message"
s=$(req "$X" POST /login --data-urlencode "name=alice" --data-urlencode "password=alice-password-1")
[ "$s" = 403 ] || fail "login POST without the form's csrf token: $s, want 403"

# ---- the right password ----
s=$(login "$A" alice alice-password-1 /account)
[ "$s" = 303 ] || fail "right password: $s"
header Location | grep -q ' /account$' || fail "next= not followed: $(header Location)"
sc=$(header Set-Cookie | grep cdcf_session) || fail "no session cookie"
echo "$sc" | grep -q HttpOnly || fail "session cookie not HttpOnly: $sc"
echo "$sc" | grep -q 'SameSite=Lax' || fail "session cookie not SameSite=Lax: $sc"
SESSION=$(echo "$sc" | sed 's/.*cdcf_session=\([^;]*\).*/\1/')
[ ${#SESSION} = 43 ] || fail "session token '$SESSION'"
hashes=$(db_sql 'SELECT token_hash FROM sessions') && [ -n "$hashes" ] || fail "no session hashes to look at"
echo "$hashes" | grep -q "$SESSION" && fail "the database holds the session token in clear"
s=$(login "$W/evil.jar" alice alice-password-1 //evil.example/x)
header Location | grep -q ' /$' || fail "off-site next= followed: $(header Location)"

s=$(req "$A" GET /)
[ "$s" = 200 ] || fail "GET / signed in: $s"
s=$(req "$A" GET /account)
[ "$s" = 200 ] || fail "GET /account: $s"
body_has alice || fail "account page does not name the user"
T=$(csrf)
[ ${#T} = 43 ] || fail "account page csrf '$T'"

# ---- CSRF ----
s=$(req "$A" POST /account/tokens --data-urlencode "token-name=web")
[ "$s" = 403 ] || fail "POST without csrf: $s, want 403"
body_has "security token" || fail "403 without a clear message"
s=$(req "$A" POST /account/tokens --data-urlencode "csrf=AAAA$T" --data-urlencode "token-name=web")
[ "$s" = 403 ] || fail "POST with a wrong csrf: $s, want 403"
s=$(req "$A" POST /account/tokens --data-urlencode "csrf=$T" --data-urlencode "token-name=web")
[ "$s" = 200 ] || fail "create token from the account page: $s"
WEBTOKEN=$(sed -n 's/.*<code class="token">\([^<]*\)<.*/\1/p' "$W/body")
[ ${#WEBTOKEN} = 43 ] || fail "new token not shown once: '$WEBTOKEN'"
s=$(req "$A" GET /account)
body_has "$WEBTOKEN" && fail "the token is shown again"
[ "$(c token list alice --json | jq length)" = 2 ] || fail "web token not stored"

# ---- the API: 401 without credentials, Bearer tokens, CSRF header with cookies ----
s=$(req "$X" GET /api/v1/no-such-thing)
[ "$s" = 401 ] || fail "API without auth: $s, want 401"
header WWW-Authenticate | grep -q Bearer || fail "401 without WWW-Authenticate"
s=$(req "$X" GET /api/v1/no-such-thing -H "Authorization: Bearer $TOKEN")
[ "$s" != 401 ] || fail "API with a CLI token: 401"
s=$(req "$X" GET /api/v1/no-such-thing -H "Authorization: Bearer $WEBTOKEN")
[ "$s" != 401 ] || fail "API with a web token: 401"
s=$(req "$X" GET /api/v1/no-such-thing -H "Authorization: Bearer AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
[ "$s" = 401 ] || fail "API with an unknown token: $s"
s=$(req "$X" POST /api/v1/no-such-thing -H "Authorization: Bearer $TOKEN" -d '{}')
[ "$s" != 401 ] && [ "$s" != 403 ] || fail "Bearer POST needs no CSRF header: $s"
s=$(req "$A" POST /api/v1/no-such-thing -H 'Content-Type: application/json' -d '{}')
[ "$s" = 403 ] || fail "cookie POST to the API without X-CSRF-Token: $s, want 403"
s=$(req "$A" POST /api/v1/no-such-thing -H "X-CSRF-Token: $T" -H 'Content-Type: application/json' -d '{}')
[ "$s" != 403 ] && [ "$s" != 401 ] || fail "cookie POST with X-CSRF-Token: $s"
s=$(req "$X" GET /account -H "Authorization: Bearer $TOKEN")
[ "$s" = 303 ] || fail "a Bearer token signed in a page: $s"
[ -n "$(c token list alice --json | jq -r '.[0].last_used_at // empty')" ] || fail "token last use not recorded"
c token revoke alice 1 >/dev/null || fail "token revoke"
s=$(req "$X" GET /api/v1/no-such-thing -H "Authorization: Bearer $TOKEN")
[ "$s" = 401 ] || fail "revoked token still works: $s"

# ---- roles: a viewer sees its organization, and 404 for the others ----
s=$(login "$B" bob bob-password-12)
[ "$s" = 303 ] || fail "bob login: $s"
s=$(req "$B" GET /o/2)
[ "$s" = 404 ] || fail "viewer of Acme opening Beta: $s, want 404"
s=$(req "$B" GET /o/999)
[ "$s" = 404 ] || fail "unknown organization: $s"
s=$(req "$B" GET /o/1)
[ "$s" = 200 ] || fail "viewer opening its own organization: $s"
s=$(req "$A" GET /o/2)
[ "$s" = 200 ] || fail "site admin opening Beta: $s"
c user revoke bob Acme >/dev/null || fail "user revoke"
s=$(req "$B" GET /o/1)
[ "$s" = 404 ] || fail "after revoke: $s, want 404"

# ---- language preference ----
s=$(req "$B" GET /account)
T=$(csrf)
s=$(req "$B" POST /account/lang --data-urlencode "csrf=$T" --data-urlencode "lang=ja")
[ "$s" = 303 ] || fail "set language: $s"
s=$(req "$B" GET /account)
body_has '<html lang="ja">' || fail "user's language not applied"
[ "$(c user list --json | jq -r '.[] | select(.name=="bob") | .lang')" = ja ] || fail "language not stored"

# ---- logout ends the session for good ----
s=$(req "$B" GET /account)
T=$(csrf)
BOBCOOKIE=$(grep cdcf_session "$B" | awk '{print $7}')
s=$(req "$B" POST /logout --data-urlencode "csrf=$T")
[ "$s" = 303 ] || fail "logout: $s"
header Set-Cookie | grep -q 'cdcf_session=;' || fail "logout does not clear the cookie"
s=$(curl -s -o /dev/null -w '%{http_code}' -b "cdcf_session=$BOBCOOKIE" "http://127.0.0.1:$PORT/account")
[ "$s" = 303 ] || fail "old session cookie still works after logout: $s"

# ---- password change: current password required, other sessions end ----
s=$(login "$W/alice2.jar" alice alice-password-1)
[ "$s" = 303 ] || fail "second alice session: $s"
s=$(req "$A" GET /account)
T=$(csrf)
s=$(req "$A" POST /account/password --data-urlencode "csrf=$T" --data-urlencode "current=wrong-one-here" \
	--data-urlencode "password=alice-password-2" --data-urlencode "password2=alice-password-2")
[ "$s" = 400 ] || fail "password change with a wrong current password: $s"
s=$(req "$A" POST /account/password --data-urlencode "csrf=$T" --data-urlencode "current=alice-password-1" \
	--data-urlencode "password=alice-password-2" --data-urlencode "password2=alice-password-X")
[ "$s" = 400 ] || fail "password change with differing passwords: $s"
s=$(req "$A" POST /account/password --data-urlencode "csrf=$T" --data-urlencode "current=alice-password-1" \
	--data-urlencode "password=alice-password-2" --data-urlencode "password2=alice-password-2")
[ "$s" = 303 ] || fail "password change: $s"
s=$(req "$A" GET /account)
[ "$s" = 200 ] || fail "the changing session was ended: $s"
s=$(req "$W/alice2.jar" GET /account)
[ "$s" = 303 ] || fail "other session survived the password change: $s"
s=$(login "$W/alice3.jar" alice alice-password-2)
[ "$s" = 303 ] || fail "login with the new password: $s"

stop

# ---- first run: the one-time setup link ----
c --db "$SDB" init >/dev/null || fail "init of the second database"
start "$SDB"
LINK=$(sed -n 's|.*no user yet: open \(http://[^ ]*\) to create the first administrator.*|\1|p' "$LOG")
[ -n "$LINK" ] || fail "no setup link printed"
SETUP=${LINK#http://127.0.0.1:$PORT}
S=$W/setup.jar
s=$(req "$S" GET "/setup/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
[ "$s" = 404 ] || fail "wrong setup token: $s"
s=$(req "$S" GET "$SETUP")
[ "$s" = 200 ] || fail "GET setup link: $s"
T=$(csrf)
s=$(req "$S" POST "$SETUP" --data-urlencode "csrf=$T" --data-urlencode "name=root" \
	--data-urlencode "password=root-password-1" --data-urlencode "password2=root-password-2")
[ "$s" = 400 ] || fail "setup with differing passwords: $s"
s=$(req "$S" POST "$SETUP" --data-urlencode "csrf=$T" --data-urlencode "name=root" \
	--data-urlencode "password=root-password-1" --data-urlencode "password2=root-password-1")
[ "$s" = 303 ] || fail "setup POST: $s"
header Set-Cookie | grep -q cdcf_session || fail "setup does not sign the administrator in"
header Location | grep -q ' /$' || fail "the first administrator does not land on the dashboard: $(header Location)"
s=$(req "$S" GET /account)
[ "$s" = 200 ] || fail "new administrator's session: $s"
s=$(req "$W/other.jar" GET "$SETUP")
[ "$s" = 404 ] || fail "setup link works twice: $s"
[ "$(c --db "$SDB" user list --json | jq -r '.[0] | "\(.name) \(.admin)"')" = "root true" ] ||
	fail "setup did not create an administrator"
# the token appears once in the log (the printed link), never in access-log lines
TOKEN=${SETUP#/setup/}
[ "$(grep -c -- "$TOKEN" "$LOG")" = 1 ] || fail "the setup token is in the access log"
grep -q ' GET /setup/{token} 200 ' "$LOG" || fail "setup requests not logged by their pattern"
stop

# ---- demo mode on a new database: its sign-in line, no setup link as well ----
start "$DEMODB" --demo
grep -q "sign in as 'demo' with password 'demo-password'" "$LOG" || fail "demo login not printed on a new database"
grep -q "setup/" "$LOG" && fail "demo mode also printed a setup link"
s=$(login "$W/demo-new.jar" demo demo-password)
[ "$s" = 303 ] || fail "demo login on a new database: $s"
stop
# without --demo the same database still offers the setup link (no site administrator)
start "$DEMODB"
grep -q "setup/" "$LOG" || fail "no setup link without --demo"
stop

# ---- demo mode: only with --demo ----
start "$SDB"
grep -q "demo" "$LOG" && fail "demo user without --demo"
grep -q "setup/" "$LOG" && fail "setup link printed although an administrator exists"
stop
c --db "$SDB" org add Demo-Org >/dev/null
start "$SDB" --demo
grep -q "sign in as 'demo' with password 'demo-password'" "$LOG" || fail "demo login not printed"
s=$(login "$W/demo.jar" demo demo-password)
[ "$s" = 303 ] || fail "demo login: $s"
[ "$(c --db "$SDB" user list --json | jq -r '.[] | select(.name=="demo") | .memberships[0].role')" = admin ] ||
	fail "demo is not an administrator of the organization"
stop

echo "web_auth: ok"
