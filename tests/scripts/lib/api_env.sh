# Shared by the API script tests (api.sh, openapi_conformance.sh): a fresh
# database with two organizations and users of every role, API tokens, and
# `cdcf serve` on a free loopback port. Source it with CDCF set to the
# binary; it sets W (work dir), BASE (server URL), the tokens, ORG_A/ORG_B
# (organization ids), and stops the server on exit.
#   alice: editor of A        vic: viewer of A       ann: assessor of A, team T1
#   bob:   editor of B        admin: site administrator
# A's x1060-2021 portfolio has A-1 (T1), A-2 (T2) in-house and A-3 outsourced.

for tool in curl jq; do
	command -v "$tool" >/dev/null 2>&1 || { echo "SKIP: $tool is not installed"; exit 77; }
done

. "$(dirname "${BASH_SOURCE[0]}")/server_workdir.sh"
CDCF_DB=$(new_db c.db) || { echo "FAIL: no database"; exit 1; }
export CDCF_DB CDCF_ARGON2=min CDCF_NOW=2026-04-01T09:00:00Z
FW=x1060-2021

fail() { echo "FAIL: $*"; [ -s "$W/serve.log" ] && tail -n 20 "$W/serve.log"; exit 1; }
c() { "$CDCF" "$@"; }

c init >/dev/null || fail "init"
c org add A >/dev/null && c org add B >/dev/null || fail "org add"
for t in T1 T2; do c team add A "$t" >/dev/null || fail "team add $t"; done
c provider add A MSSP >/dev/null || fail "provider add"
c portfolio new A "$FW" >/dev/null && c portfolio new B "$FW" >/dev/null || fail "portfolio new"
c select A "$FW" A-1 A-2 A-3 --level basic >/dev/null || fail "select"
c assign A "$FW" A-1 --insource T1 >/dev/null || fail "assign A-1"
c assign A "$FW" A-2 --insource T2 >/dev/null || fail "assign A-2"
c assign A "$FW" A-3 --outsource MSSP >/dev/null 2>&1 || fail "assign A-3"
echo 'correct horse battery staple' | c user add --admin admin --password-stdin >/dev/null 2>&1 ||
	fail "user add admin"
for u in alice vic ann bob; do
	echo 'correct horse battery staple' | c user add "$u" --password-stdin >/dev/null 2>&1 ||
		fail "user add $u"
done
c user grant alice A editor >/dev/null || fail "grant alice"
c user grant vic A viewer >/dev/null || fail "grant vic"
c user grant ann A assessor --team T1 >/dev/null || fail "grant ann"
c user grant bob B editor >/dev/null || fail "grant bob"
token() { c token create "$1" "$2" 2>/dev/null; }
TOK_ALICE=$(token alice t1) && TOK_VIC=$(token vic t1) && TOK_ANN=$(token ann t1) &&
	TOK_ADMIN=$(token admin t1) && TOK_BOB=$(token bob t1) || fail "token create"
[ ${#TOK_ALICE} -ge 40 ] || fail "token create printed '$TOK_ALICE'"

free_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' \
		2>/dev/null || echo $((20000 + $$ % 30000))
}
PORT=$(free_port)
# the binary itself, not the function c: $! must be the server, so the exit trap stops it
"$CDCF" serve --listen "127.0.0.1:$PORT" >"$W/serve.out" 2>"$W/serve.log" &
SERVER_PID=$!
BASE="http://127.0.0.1:$PORT"
i=0
until curl -fs "$BASE/healthz" >/dev/null 2>&1; do
	i=$((i + 1))
	[ $i -lt 100 ] || fail "server did not start"
	kill -0 "$SERVER_PID" 2>/dev/null || fail "server exited"
	sleep 0.1
done

# Organization ids, as the admin sees them.
ORG_A=$(curl -fs -H "Authorization: Bearer $TOK_ADMIN" "$BASE/api/v1/orgs" |
	jq -r '.items[] | select(.name == "A") | .id')
ORG_B=$(curl -fs -H "Authorization: Bearer $TOK_ADMIN" "$BASE/api/v1/orgs" |
	jq -r '.items[] | select(.name == "B") | .id')
[ -n "$ORG_A" ] && [ -n "$ORG_B" ] || fail "cannot list organizations"
