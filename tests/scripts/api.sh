#!/bin/bash
# The REST API end to end against `cdcf serve`: every route answers, refuses
# bad input with 400/422 naming the field, enforces roles (403) and tenant
# isolation (404), optimistic locking (428/409), body ceilings (413), keeps
# stored strings verbatim in JSON, and paginates.
set -u
CDCF=$1 && export CDCF
. "$(dirname "$0")/lib/api_env.sh"

A=/api/v1/orgs/$ORG_A
B=/api/v1/orgs/$ORG_B
P=$A/portfolios/$FW

# req METHOD PATH TOKEN [BODY [HEADER...]]: status on stdout; body in $W/body,
# response headers in $W/hdr. TOKEN "-" sends no Authorization.
req() {
	local m=$1 path=$2 tok=$3 body=${4-} args=()
	shift 3
	[ $# -gt 0 ] && shift
	[ "$tok" != - ] && args+=(-H "Authorization: Bearer $tok")
	[ -n "$body" ] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
	for h in "$@"; do args+=(-H "$h"); done
	curl -s -o "$W/body" -D "$W/hdr" -w '%{http_code}' -X "$m" "${args[@]}" "$BASE$path"
}
# expect STATUS METHOD PATH TOKEN [BODY [HEADER...]]
expect() {
	local want=$1 got
	shift
	got=$(req "$@")
	[ "$got" = "$want" ] || fail "$1 $2: status $got, expected $want: $(head -c 400 "$W/body")"
	if [ "$want" != 304 ] && [ "$1" != HEAD ]; then
		grep -qi '^content-type: application/json' "$W/hdr" ||
			fail "$1 $2: not application/json: $(grep -i '^content-type' "$W/hdr")"
	fi
	if [ "$want" -ge 400 ]; then
		[ "$(jq -r '.error.status' "$W/body")" = "$want" ] ||
			fail "$1 $2: error object without status $want: $(cat "$W/body")"
		jq -e '.error.code | strings' "$W/body" >/dev/null &&
			jq -e '.error.message | strings' "$W/body" >/dev/null ||
			fail "$1 $2: error object without code or message: $(cat "$W/body")"
	fi
}
# invalid FIELD METHOD PATH TOKEN BODY [HEADER...]: 422 naming FIELD
invalid() {
	local field=$1
	shift
	expect 422 "$@"
	[ "$(jq -r '.error.field' "$W/body")" = "$field" ] ||
		fail "$1 $2: 422 names field '$(jq -r '.error.field' "$W/body")', expected '$field'"
}
j() { jq -r "$@" "$W/body"; }
header() { grep -i "^$1:" "$W/hdr" | head -n 1 | sed 's/^[^:]*: *//' | tr -d '\r'; }

# ---- meta, and 401 for every route that needs a caller ----
expect 200 GET /healthz -
expect 200 GET /api/v1/openapi.json -
[ "$(j .openapi)" = 3.0.3 ] || fail "openapi version"
for route in "GET /api/v1/me" "GET /api/v1/frameworks" "GET /api/v1/frameworks/$FW" \
	"GET /api/v1/orgs" "POST /api/v1/orgs" "GET $A" "POST $A/teams" "POST $A/providers" \
	"GET $A/audit" "GET $A/export" "POST $A/portfolios" "GET $P" "GET $P/entries/A-1" \
	"PATCH $P/entries/A-1" "POST $P/services" "GET $P/report" "GET $P/gaps" \
	"GET $P/actions" "POST $P/actions" "PATCH $P/actions/1" "GET $P/cycles" \
	"POST $P/evaluate" "GET $P/cycles/1/diff/1" "PUT $P/schedule"; do
	set -- $route
	expect 401 "$1" "$2" - '{}'
	[ -n "$(header WWW-Authenticate)" ] || fail "$route: 401 without WWW-Authenticate"
done
expect 401 GET /api/v1/me not-a-real-token
expect 404 GET /api/v1/no/such/endpoint "$TOK_ALICE"

# ---- me, frameworks ----
expect 200 GET /api/v1/me "$TOK_ALICE"
[ "$(j .user.name)" = alice ] && [ "$(j .auth)" = token ] || fail "me: $(cat "$W/body")"
[ "$(j '.memberships[] | select(.org == "A") | .role')" = editor ] || fail "me: memberships"
expect 200 GET /api/v1/frameworks "$TOK_VIC"
[ "$(j "[.frameworks[] | select(.id == \"$FW\")] | length")" = 1 ] || fail "frameworks: no $FW"
expect 200 GET /api/v1/frameworks/$FW "$TOK_VIC"
[ "$(j '.nodes[] | select(.ref_id == "A-1") | .parent')" = A ] || fail "framework: nodes"
j -e '.rubrics.insource.points | length > 0' >/dev/null || fail "framework: rubrics"
j -e '.presets | type == "array"' >/dev/null || fail "framework: presets"
expect 404 GET /api/v1/frameworks/no-such-fw "$TOK_VIC"

# ---- organizations, pagination ----
expect 200 GET /api/v1/orgs "$TOK_ALICE"
[ "$(j '.total') $(j '.items[0].name') $(j '.items[0].role')" = "1 A editor" ] ||
	fail "alice sees other organizations: $(cat "$W/body")"
expect 200 GET "/api/v1/orgs?per_page=1" "$TOK_ADMIN"
[ "$(j '.items | length') $(j .total) $(j .page) $(j .per_page)" = "1 2 1 1" ] ||
	fail "orgs page 1: $(cat "$W/body")"
header Link | grep -q 'page=2&per_page=1>; rel="next"' || fail "no next link: $(header Link)"
header Link | grep -q 'rel="last"' || fail "no last link"
[ "$(header X-Total-Count)" = 2 ] || fail "X-Total-Count"
expect 200 GET "/api/v1/orgs?per_page=1&page=2" "$TOK_ADMIN"
header Link | grep -q 'rel="prev"' || fail "no prev link"
header Link | grep -q 'rel="next"' && fail "next link on the last page"
expect 200 GET "/api/v1/orgs?per_page=1&page=9" "$TOK_ADMIN"
[ "$(j '.items | length')" = 0 ] || fail "page past the end has items"
expect 200 GET "/api/v1/orgs?per_page=200" "$TOK_ADMIN"
for bad in page=0 page=-1 page=x per_page=0 per_page=201 per_page=1.5 "per_page="; do
	expect 400 GET "/api/v1/orgs?$bad" "$TOK_ADMIN"
done

expect 403 POST /api/v1/orgs "$TOK_ALICE" '{"name": "C"}'
expect 201 POST /api/v1/orgs "$TOK_ADMIN" '{"name": "C", "parent": "A"}'
[ "$(j .name) $(j .parent)" = "C A" ] || fail "org create: $(cat "$W/body")"
header Location | grep -q "^/api/v1/orgs/$(j .id)\$" || fail "org create: Location"
expect 409 POST /api/v1/orgs "$TOK_ADMIN" '{"name": "C"}'
invalid name POST /api/v1/orgs "$TOK_ADMIN" '{"name": ""}'
invalid name POST /api/v1/orgs "$TOK_ADMIN" '{"name": 5}'
invalid parent POST /api/v1/orgs "$TOK_ADMIN" '{"name": "D", "parent": "Nope"}'
invalid colour POST /api/v1/orgs "$TOK_ADMIN" '{"name": "D", "colour": "red"}'

expect 200 GET "$A" "$TOK_VIC"
[ "$(j '[.teams[].name] | join(",")') $(j '.providers[0].name') $(j '.portfolios[0].framework')" = \
	"T1,T2 MSSP $FW" ] || fail "org: $(cat "$W/body")"
expect 404 GET "$B" "$TOK_ALICE"
expect 404 GET /api/v1/orgs/99999 "$TOK_ALICE"
expect 404 GET /api/v1/orgs/x "$TOK_ALICE"

for kind in teams providers; do
	expect 403 POST "$A/$kind" "$TOK_ALICE" '{"name": "New"}'
	expect 404 POST "$B/$kind" "$TOK_ALICE" '{"name": "New"}'
	expect 201 POST "$A/$kind" "$TOK_ADMIN" '{"name": "New"}'
	[ "$(j .name)" = New ] || fail "$kind create"
	expect 409 POST "$A/$kind" "$TOK_ADMIN" '{"name": "New"}'
	invalid name POST "$A/$kind" "$TOK_ADMIN" '{"name": ""}'
done

# ---- portfolios ----
expect 200 GET "$P" "$TOK_VIC"
[ "$(j '[.entries[].ref] | join(",")')" = A-1,A-2,A-3 ] || fail "portfolio: $(cat "$W/body")"
[ "$(j '.progress.profile.done')" = 3 ] || fail "portfolio: progress"
j -e '.entries[0].version | numbers' >/dev/null || fail "portfolio: no version per entry"
[ "$(j .next_evaluation)" = null ] || fail "portfolio: next_evaluation before planning: $(j .next_evaluation)"

# ---- the planned next evaluation (admin) ----
expect 403 PUT "$P/schedule" "$TOK_ALICE" '{"next_evaluation": "2026-09-07"}'
expect 404 PUT "$B/portfolios/$FW/schedule" "$TOK_ALICE" '{"next_evaluation": "2026-09-07"}'
invalid next_evaluation PUT "$P/schedule" "$TOK_ADMIN" '{"next_evaluation": "2026-02-30"}'
j .error.message | grep -q "not a valid date" || fail "schedule: bad date message: $(cat "$W/body")"
invalid next_evaluation PUT "$P/schedule" "$TOK_ADMIN" '{"next_evaluation": 20260907}'
invalid next_evaluation PUT "$P/schedule" "$TOK_ADMIN" '{}'
invalid when PUT "$P/schedule" "$TOK_ADMIN" '{"next_evaluation": null, "when": "soon"}'
expect 400 PUT "$P/schedule" "$TOK_ADMIN" '{"next_evaluation": '
expect 200 PUT "$P/schedule" "$TOK_ADMIN" '{"next_evaluation": "2026-09-07"}'
[ "$(j .next_evaluation)" = 2026-09-07 ] || fail "schedule: $(cat "$W/body")"
expect 200 GET "$P" "$TOK_VIC"
[ "$(j .next_evaluation)" = 2026-09-07 ] || fail "portfolio: next_evaluation after planning"
expect 200 GET "$A" "$TOK_VIC"
[ "$(j '.portfolios[] | select(.framework == "'$FW'") | .next_evaluation')" = 2026-09-07 ] ||
	fail "organization: next_evaluation of the portfolio"
expect 200 PUT "$P/schedule" "$TOK_ADMIN" '{"next_evaluation": null}'
[ "$(j .next_evaluation)" = null ] || fail "schedule null: $(cat "$W/body")"
[ "$(c status A "$FW" --json | jq -r .next_evaluation)" = null ] || fail "schedule null did not clear"
expect 404 GET "$B/portfolios/$FW" "$TOK_ALICE"
expect 404 GET "$A/portfolios/no-such-fw" "$TOK_ALICE"
expect 403 POST "$A/portfolios" "$TOK_VIC" '{"framework": "first-csirt-2.1"}'
expect 201 POST "$A/portfolios" "$TOK_ALICE" '{"framework": "first-csirt-2.1"}'
[ "$(j .framework) $(j .cycle)" = "first-csirt-2.1 1" ] || fail "portfolio create"
expect 409 POST "$A/portfolios" "$TOK_ALICE" '{"framework": "first-csirt-2.1"}'
invalid framework POST "$A/portfolios" "$TOK_ALICE" '{"framework": "nope"}'
invalid framework POST "$A/portfolios" "$TOK_ALICE" '{}'

# ---- one entry: ETag, If-Match, roles ----
expect 200 GET "$P/entries/A-1" "$TOK_VIC"
ETAG=$(header ETag)
[ "$ETAG" = "\"v$(j .version)\"" ] || fail "entry ETag '$ETAG' for version $(j .version)"
expect 304 GET "$P/entries/A-1" "$TOK_VIC" "" "If-None-Match: $ETAG"
expect 404 GET "$P/entries/A-4" "$TOK_VIC"
[ "$(j .error.code)" = not_in_catalogue ] || fail "unselected service: $(cat "$W/body")"
expect 404 GET "$P/entries/Z-99" "$TOK_VIC"
expect 404 GET "$B/portfolios/$FW/entries/A-1" "$TOK_ALICE"

expect 428 PATCH "$P/entries/A-1" "$TOK_ALICE" '{"insource": {"current": 2}}'
expect 403 PATCH "$P/entries/A-1" "$TOK_VIC" '{"insource": {"current": 2}}' "If-Match: $ETAG"
expect 404 PATCH "$B/portfolios/$FW/entries/A-1" "$TOK_ALICE" '{"note": "x"}' "If-Match: $ETAG"
invalid insource.current PATCH "$P/entries/A-1" "$TOK_ALICE" '{"insource": {"current": 7}}' \
	"If-Match: $ETAG"
[ "$(j .error.message)" = "current score for 'A-1' must be 1-5 or n/a, got '7'" ] ||
	fail "422 message: $(j .error.message)"
invalid insource.target PATCH "$P/entries/A-1" "$TOK_ALICE" '{"insource": {"target": "lots"}}' \
	"If-Match: $ETAG"
invalid outsource.current PATCH "$P/entries/A-1" "$TOK_ALICE" '{"outsource": {"current": 3}}' \
	"If-Match: $ETAG"
invalid level PATCH "$P/entries/A-1" "$TOK_ALICE" '{"level": "urgent"}' "If-Match: $ETAG"
invalid team PATCH "$P/entries/A-1" "$TOK_ALICE" '{"team": "Nope"}' "If-Match: $ETAG"
invalid evidence PATCH "$P/entries/A-1" "$TOK_ALICE" '{"evidence": "ftp://x"}' "If-Match: $ETAG"
invalid colour PATCH "$P/entries/A-1" "$TOK_ALICE" '{"colour": 1}' "If-Match: $ETAG"
# all or nothing: the level change is rolled back with the refused score
invalid insource.current PATCH "$P/entries/A-1" "$TOK_ALICE" \
	'{"level": "advanced", "insource": {"current": 9}}' "If-Match: $ETAG"
expect 200 GET "$P/entries/A-1" "$TOK_VIC"
[ "$(j .level) $(header ETag)" = "basic $ETAG" ] || fail "a refused PATCH changed the entry"

XSS='<script>alert("x")</script><img src=x onerror=alert(1)>'
BODY=$(jq -nc --arg n "$XSS" '{insource: {current: 2, target: 4}, note: $n}')
expect 200 PATCH "$P/entries/A-1" "$TOK_ALICE" "$BODY" "If-Match: $ETAG"
NEW=$(header ETag)
[ "$NEW" != "$ETAG" ] && [ "$NEW" = "\"v$(j .version)\"" ] || fail "PATCH ETag $NEW"
[ "$(j .insource.current) $(j .insource.target)" = "2 4" ] || fail "PATCH scores"
[ "$(j .note)" = "$XSS" ] || fail "note not verbatim: $(j .note)"
expect 200 GET "$P/entries/A-1" "$TOK_VIC"
[ "$(j .note)" = "$XSS" ] || fail "stored note not verbatim"
grep -qi '^content-type: application/json' "$W/hdr" || fail "entry not JSON"
expect 409 PATCH "$P/entries/A-1" "$TOK_ALICE" '{"note": "late"}' "If-Match: $ETAG"
[ "$(j .error.current.ref) $(j .error.current.version)" = "A-1 ${NEW//[!0-9]/}" ] ||
	fail "409 without the current entry: $(cat "$W/body")"
expect 200 PATCH "$P/entries/A-1" "$TOK_ALICE" '{"note": null, "evidence": "https://example.org/e"}' \
	"If-Match: $NEW"
[ "$(j .note) $(j .evidence)" = "null https://example.org/e" ] || fail "note reset / evidence"
# only the strong ETag proves which version was seen: "*", weak and empty get 428
for im in '*' "W/$(header ETag)" '' 'v1' '"v1", *'; do
	expect 428 PATCH "$P/entries/A-1" "$TOK_ALICE" '{"note": "blind"}' "If-Match: $im"
	[ "$(j .error.code)" = if_match_required ] || fail "If-Match '$im': $(cat "$W/body")"
done
expect 200 GET "$P/entries/A-1" "$TOK_ALICE"
[ "$(j .note)" = null ] || fail "a refused If-Match changed the note: $(cat "$W/body")"
expect 200 PATCH "$P/entries/A-1" "$TOK_ALICE" '{"insource": {"target": "n/a"}}' \
	"If-Match: \"v0\", $(header ETag)"
[ "$(j .insource.target)" = n/a ] || fail "n/a target"

# assessor of T1: scores A-1 (T1), not A-2 (T2), never the level
expect 200 GET "$P/entries/A-1" "$TOK_ANN"
expect 200 PATCH "$P/entries/A-1" "$TOK_ANN" '{"insource": {"current": 3, "target": 5}}' \
	"If-Match: $(header ETag)"
expect 200 GET "$P/entries/A-2" "$TOK_ANN"
expect 403 PATCH "$P/entries/A-2" "$TOK_ANN" '{"insource": {"current": 3}}' \
	"If-Match: $(header ETag)"
expect 200 GET "$P/entries/A-1" "$TOK_ANN"
expect 403 PATCH "$P/entries/A-1" "$TOK_ANN" '{"level": "advanced"}' "If-Match: $(header ETag)"
# hybrid A-1 (T1 + MSSP): the assessor of T1 scores the in-house side, never the provider's
expect 200 GET "$P/entries/A-1" "$TOK_ALICE"
expect 200 PATCH "$P/entries/A-1" "$TOK_ALICE" '{"assignment": "hybrid", "provider": "MSSP"}' \
	"If-Match: $(header ETag)"
ETAG_H=$(header ETag)
expect 403 PATCH "$P/entries/A-1" "$TOK_ANN" '{"outsource": {"current": 2}}' "If-Match: $ETAG_H"
expect 200 PATCH "$P/entries/A-1" "$TOK_ANN" '{"insource": {"current": 3}}' "If-Match: $ETAG_H"
[ "$(j .outsource.current) $(j .insource.current)" = "null 3" ] || fail "hybrid side: $(cat "$W/body")"
expect 200 PATCH "$P/entries/A-1" "$TOK_ALICE" '{"assignment": "insource", "provider": null}' \
	"If-Match: $(header ETag)"

# a service not in the catalogue yet has version 0
expect 409 PATCH "$P/entries/A-4" "$TOK_ALICE" '{"level": "standard"}' 'If-Match: "v3"'
[ "$(j .error.current)" = null ] || fail "409 for a missing entry: current"
expect 200 PATCH "$P/entries/A-4" "$TOK_ALICE" \
	'{"level": "standard", "assignment": "hybrid", "team": "T2", "provider": "MSSP"}' 'If-Match: "v0"'
[ "$(j .level) $(j .assignment) $(j .team) $(j .provider)" = "standard hybrid T2 MSSP" ] ||
	fail "select + assign: $(cat "$W/body")"
expect 200 PATCH "$P/entries/A-4" "$TOK_ALICE" '{"provider": "New"}' "If-Match: $(header ETag)"
[ "$(j .assignment) $(j .team) $(j .provider)" = "hybrid T2 New" ] || fail "merge of provider"
invalid assignment PATCH "$P/entries/A-4" "$TOK_ALICE" '{"assignment": "both"}' \
	"If-Match: $(header ETag)"

# malformed and oversized bodies
expect 400 PATCH "$P/entries/A-1" "$TOK_ALICE" '{"note": "x",}' 'If-Match: "v1"'
[ "$(j .error.code)" = malformed_json ] && j -e '.error.line == 1 and .error.column > 0' >/dev/null ||
	fail "malformed JSON without its position: $(cat "$W/body")"
expect 400 PATCH "$P/entries/A-1" "$TOK_ALICE" '[1, 2]' 'If-Match: "v1"'
expect 400 POST "$A/portfolios" "$TOK_ALICE" '{"framework": "x", "framework": "y"}'
DEEP="{\"ref\": $(printf '%.0s[' $(seq 40))$(printf '%.0s]' $(seq 40))}"
expect 400 POST "$P/actions" "$TOK_ALICE" "$DEEP"
[ "$(j .error.code)" = too_deep ] || fail "deep body: $(cat "$W/body")"
head -c $((2 * 1024 * 1024)) /dev/zero | tr '\0' 'a' >"$W/big"
got=$(curl -s -o "$W/body" -w '%{http_code}' -X PATCH -H "Authorization: Bearer $TOK_ALICE" \
	-H 'If-Match: "v1"' -H 'Content-Type: application/json' --data-binary @"$W/big" \
	"$BASE$P/entries/A-1")
[ "$got" = 413 ] || fail "2 MiB body: $got"
[ "$(j .error.status)" = 413 ] || fail "413 is not a JSON error: $(head -c 200 "$W/body")"

# ---- custom services ----
expect 403 POST "$P/services" "$TOK_VIC" '{"ref": "X-1", "name_en": "Mine", "category": "A"}'
expect 201 POST "$P/services" "$TOK_ALICE" \
	'{"ref": "X-1", "name_en": "Mine", "name_ja": "独自", "category": "A", "level": "optional"}'
[ "$(j .ref) $(j .custom.category) $(j .level) $(header ETag)" = 'X-1 A optional "v1"' ] ||
	fail "service create: $(cat "$W/body")"
expect 409 POST "$P/services" "$TOK_ALICE" '{"ref": "X-1", "name_en": "Mine", "category": "A"}'
invalid category POST "$P/services" "$TOK_ALICE" '{"ref": "X-2", "name_en": "M", "category": "Q"}'
invalid ref POST "$P/services" "$TOK_ALICE" '{"ref": "X 2", "name_en": "M", "category": "A"}'
invalid name_en POST "$P/services" "$TOK_ALICE" '{"ref": "X-2", "category": "A"}'
invalid level POST "$P/services" "$TOK_ALICE" '{"ref": "X-2", "name_en": "M", "category": "A", "level": "x"}'

# ---- report and gaps ----
expect 200 GET "$P/report" "$TOK_VIC"
[ "$(j .report_version) $(j .organization) $(j .lang)" = "1 A en" ] || fail "report"
# the same full model as the report page's download: the summary counts the actions
[ "$(j '.summary.actions | type')" = object ] || fail "the API report's summary has no actions: $(j .summary)"
expect 200 GET "$P/report?lang=ja" "$TOK_VIC"
[ "$(j .lang)" = ja ] || fail "report lang"
expect 400 GET "$P/report?lang=xx" "$TOK_VIC"
expect 404 GET "$B/portfolios/$FW/report" "$TOK_ALICE"
expect 200 GET "$P/gaps" "$TOK_VIC"
[ "$(j '.gaps[0].ref') $(j '.gaps[0].gap') $(j '.gaps[0].rank')" = "A-1 2 1" ] ||
	fail "gaps: $(cat "$W/body")"

# ---- actions ----
expect 403 POST "$P/actions" "$TOK_VIC" '{"ref": "A-1", "title": "Fix"}'
expect 201 POST "$P/actions" "$TOK_ALICE" \
	'{"ref": "A-1", "title": "Fix <b>it</b>", "owner": "alice", "due": "2026-05-01", "target": 4}'
ACT=$(j .id)
[ "$(j .title) $(j .status) $(j .target)" = "Fix <b>it</b> open 4" ] || fail "action create"
expect 201 POST "$P/actions" "$TOK_ALICE" '{"ref": "A-2", "title": "Second"}'
invalid due POST "$P/actions" "$TOK_ALICE" '{"ref": "A-1", "title": "T", "due": "May"}'
invalid title POST "$P/actions" "$TOK_ALICE" '{"ref": "A-1"}'
invalid target POST "$P/actions" "$TOK_ALICE" '{"ref": "A-1", "title": "T", "target": 9}'
invalid ref POST "$P/actions" "$TOK_ALICE" '{"ref": "Z-9", "title": "T"}'
expect 200 GET "$P/actions?per_page=1" "$TOK_VIC"
[ "$(j .total) $(j '.items | length')" = "2 1" ] || fail "actions page"
header Link | grep -q 'rel="next"' || fail "actions: no next link"
expect 200 GET "$P/actions?status=done" "$TOK_VIC"
[ "$(j .total)" = 0 ] || fail "actions status filter"
expect 400 GET "$P/actions?status=late" "$TOK_VIC"
expect 400 GET "$P/actions?per_page=500" "$TOK_VIC"
expect 403 PATCH "$P/actions/$ACT" "$TOK_VIC" '{"status": "done"}'
expect 200 PATCH "$P/actions/$ACT" "$TOK_ALICE" '{"status": "done"}'
[ "$(j .status)" = done ] || fail "action done"
expect 200 GET "$P/actions?status=done" "$TOK_VIC"
[ "$(j .total) $(j '.items[0].id')" = "1 $ACT" ] || fail "done action not listed"
invalid status PATCH "$P/actions/$ACT" "$TOK_ALICE" '{"status": "later"}'
expect 404 PATCH "$P/actions/99999" "$TOK_ALICE" '{"status": "done"}'
expect 404 PATCH "$P/actions/x" "$TOK_ALICE" '{"status": "done"}'

# ---- cycles, evaluation, diff ----
expect 200 GET "$P/cycles" "$TOK_VIC"
[ "$(j '.cycles | length') $(j .open_cycle) $(j '.cycles[0].open')" = "1 1 true" ] || fail "cycles"
ANS='{"catalogue": {"appropriate": "yes", "environment": "same"}, "profile": {"assignments": "ok"}, "portfolio": {"scores": "first", "targets": "agreed"}}'
expect 403 POST "$P/evaluate" "$TOK_ALICE" "{\"answers\": $ANS}"
invalid answers POST "$P/evaluate" "$TOK_ADMIN" '{"answers": {"catalogue": {}}}'
invalid answers POST "$P/evaluate" "$TOK_ADMIN" '{"answers": "yes"}'
invalid next_evaluation POST "$P/evaluate" "$TOK_ADMIN" "{\"answers\": $ANS, \"next_evaluation\": \"2027-13-01\"}"
expect 200 GET "$P/cycles" "$TOK_VIC"
[ "$(j '.cycles | length')" = 1 ] || fail "a refused evaluation closed the cycle"
expect 201 POST "$P/evaluate" "$TOK_ADMIN" "{\"answers\": $ANS, \"approved_by\": \"CISO\", \"next_evaluation\": \"2027-04-30\"}"
[ "$(j .number) $(j .open) $(j .approved_by) $(j '.snapshot_hash | length')" = "1 false CISO 64" ] ||
	fail "evaluate: $(cat "$W/body")"
expect 200 GET "$P" "$TOK_VIC"
[ "$(j .cycle) $(j .next_evaluation)" = "2 2027-04-30" ] || fail "evaluate did not plan the next evaluation"
expect 200 GET "$P/entries/A-1" "$TOK_ALICE"
expect 200 PATCH "$P/entries/A-1" "$TOK_ALICE" '{"insource": {"current": 4}}' "If-Match: $(header ETag)"
expect 200 GET "$P/cycles/1/diff/2" "$TOK_VIC"
[ "$(j '[.changes[] | select(.ref == "A-1" and .field == "insource.current")] | length')" = 1 ] ||
	fail "diff: $(cat "$W/body")"
expect 404 GET "$P/cycles/1/diff/99" "$TOK_VIC"
expect 400 GET "$P/cycles/0/diff/1" "$TOK_VIC"

# ---- audit and export (admin) ----
expect 403 GET "$A/audit" "$TOK_ALICE"
expect 404 GET "$B/audit" "$TOK_ALICE"
expect 200 GET "$A/audit?per_page=2" "$TOK_ADMIN"
[ "$(j '.items | length')" = 2 ] && j -e '.total > 2' >/dev/null || fail "audit page"
header Link | grep -q 'rel="next"' || fail "audit: no next link"
j -e '.items[0].actor | strings' >/dev/null || fail "audit: actor"
expect 200 GET "$A/audit?per_page=200" "$TOK_ADMIN"
[ "$(j '[.items[] | select(.actor == "alice")] | length > 0')" = true ] ||
	fail "API changes are not audited as their user"
expect 403 GET "$A/export" "$TOK_ALICE"
expect 200 GET "$A/export" "$TOK_ADMIN"
[ "$(j .format) $(j .organization.name)" = "cdcf-archive A" ] || fail "export"
header Content-Disposition | grep -q attachment || fail "export: Content-Disposition"

# ---- a session cookie needs X-CSRF-Token for changes; a token does not ----
JAR=$W/jar
curl -s -c "$JAR" -b "$JAR" -o "$W/login.html" "$BASE/login"
CSRF=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$W/login.html" | head -n 1)
curl -s -c "$JAR" -b "$JAR" -o /dev/null --data-urlencode name=alice \
	--data-urlencode 'password=correct horse battery staple' --data-urlencode "csrf=$CSRF" \
	"$BASE/login"
got=$(curl -s -b "$JAR" -o "$W/body" -w '%{http_code}' "$BASE/api/v1/me")
[ "$got" = 200 ] && [ "$(j .auth)" = session ] || fail "session sign-in: $got $(cat "$W/body")"
SCSRF=$(j .csrf_token)
got=$(curl -s -b "$JAR" -o "$W/body" -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
	--data '{"ref": "A-1", "title": "via session"}' "$BASE$P/actions")
[ "$got" = 403 ] && [ "$(j .error.code)" = csrf_failed ] || fail "session POST without CSRF: $got"
got=$(curl -s -b "$JAR" -o "$W/body" -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
	-H "X-CSRF-Token: $SCSRF" --data '{"ref": "A-1", "title": "via session"}' "$BASE$P/actions")
[ "$got" = 201 ] || fail "session POST with CSRF: $got $(cat "$W/body")"

# the figures kept for the lists match every portfolio recomputed from its entries
c db stats >/dev/null || fail "kept figures differ from the entries: $(c db stats 2>&1 | head -3)"
echo "api: ok"
