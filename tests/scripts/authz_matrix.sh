#!/bin/bash
# The authorization matrix: every route of `cdcf serve --routes` and every
# operation of /api/v1/openapi.json against tests/authz/matrix.tsv, then
# every cell of the matrix (route x principal x own/other organization)
# requested for real from a running server. A route or an operation without
# a row, or a row without a route, fails the test.
#
# The database: organizations Alpha and Bravo with the same content (teams
# T1 and T2, provider MSSP, an x1060-2021 portfolio with A-1 in-house T1, A-2
# in-house T2, A-3 outsourced, A-4 hybrid (T1 and MSSP), one improvement action, two closed cycles),
# and Charlie. The principals: viewer, assessor (team T1), editor and admin
# of Alpha; a site administrator; nonmember (editor of Charlie only);
# anonymous. Their own organization is Alpha, the other one Bravo. Two more
# users are only targets: target (viewer of Alpha and Bravo) and bystander
# (no organization, one API token).
set -u
CDCF=$1
HERE=$(cd "$(dirname "$0")" && pwd)
for tool in curl python3; do
	command -v "$tool" >/dev/null 2>&1 || { echo "SKIP: $tool is not installed"; exit 77; }
done
. "$HERE/lib/server_workdir.sh"
CDCF_DB=$(new_db c.db) || { echo "FAIL: no database"; exit 1; }
export CDCF_DB CDCF_ARGON2=min CDCF_NOW=2026-04-01T09:00:00Z
unset CDCF_LANG
FW=x1060-2021
PW='correct horse battery staple'
fail() { echo "FAIL: $*"; [ -s "$W/serve.log" ] && tail -n 20 "$W/serve.log"; exit 1; }
c() { "$CDCF" "$@" >/dev/null 2>"$W/err" || fail "cdcf $*: $(cat "$W/err")"; }

# ---- the database ----
c init
cat >"$W/answers.json" <<'EOF'
{"catalogue": {"appropriate": "yes", "environment": "same"}, "profile": {"assignments": "ok"},
 "portfolio": {"scores": "first", "targets": "agreed"}}
EOF
for o in Alpha Bravo; do
	c org add "$o"
	c team add "$o" T1
	c team add "$o" T2
	c provider add "$o" MSSP
	c portfolio new "$o" "$FW"
	c select "$o" "$FW" A-1 A-2 A-3 A-4 --level basic
	c assign "$o" "$FW" A-1 --insource T1
	c assign "$o" "$FW" A-2 --insource T2
	c assign "$o" "$FW" A-3 --outsource MSSP
	c assign "$o" "$FW" A-4 --hybrid T1 MSSP
	c score "$o" "$FW" A-1 --side insource --current 3 --target 5
	c score "$o" "$FW" A-2 --side insource --current 2 --target 4
	c action add "$o" "$FW" A-1 "$o: document the procedure" --owner CISO --target 5
	c evaluate "$o" "$FW" --answers "$W/answers.json" --approved-by CISO
	c evaluate "$o" "$FW" --answers "$W/answers.json" --approved-by CISO --next 2026-09-30
done
c org add Charlie
# Charlie is a client of Alpha: its provider MSSP is linked to Alpha and shared (the
# provider's view: Alpha's members see Charlie's outsourced A-3 on /o/Alpha/clients only)
c provider add Charlie MSSP
c portfolio new Charlie "$FW"
c select Charlie "$FW" A-3 --level basic
c assign Charlie "$FW" A-3 --outsource MSSP
c score Charlie "$FW" A-3 --current 2 --target 4
c provider link Charlie MSSP Alpha
c provider share Charlie MSSP on
echo "$PW" | c user add --admin siteadmin --password-stdin
for u in viewer assessor editor admin nonmember target bystander; do
	echo "$PW" | c user add "$u" --password-stdin
done
c user grant viewer Alpha viewer
c user grant assessor Alpha assessor --team T1
c user grant editor Alpha editor
c user grant admin Alpha admin
c user grant nonmember Charlie editor
c user grant target Alpha viewer
c user grant target Bravo viewer
for u in viewer assessor editor admin siteadmin nonmember bystander; do
	tok=$("$CDCF" token create "$u" authz 2>/dev/null) || fail "token create $u"
	printf '%s\t%s\n' "$u" "$tok" >>"$W/tokens.tsv"
done
BYSTANDER_TOKEN=$("$CDCF" token list bystander --json |
	python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["id"])') ||
	fail "token list bystander"

# ---- the server ----
"$CDCF" serve --listen 127.0.0.1:0 --threads 8 >"$W/serve.out" 2>"$W/serve.log" &
SERVER_PID=$!
up=
for i in $(seq 200); do
	PORT=$(sed -n 's|.*listening on http://127\.0\.0\.1:\([0-9]*\)/.*|\1|p' "$W/serve.log" 2>/dev/null)
	if [ -n "$PORT" ] && curl -sf "http://127.0.0.1:$PORT/healthz" >/dev/null; then
		up=1
		break
	fi
	kill -0 "$SERVER_PID" 2>/dev/null || fail "the server exited"
	sleep 0.05
done
[ -n "$up" ] || fail "the server did not start"

"$CDCF" serve --routes >"$W/routes.tsv" || fail "serve --routes"
# bounded: the matrix takes seconds (a few more under sanitizers)
timeout 300 python3 "$HERE/../authz/authz_matrix.py" --base "http://127.0.0.1:$PORT" \
	--routes "$W/routes.tsv" --matrix "$HERE/../authz/matrix.tsv" \
	--tokens "$W/tokens.tsv" --password "$PW" --framework "$FW" \
	--bystander-token-id "$BYSTANDER_TOKEN" ${AUTHZ_SHOW:+--show} ||
	fail "the authorization matrix does not hold"
