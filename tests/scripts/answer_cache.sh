#!/bin/bash
# The answer cache of `cdcf serve`: a signed-in page asked again while nothing changed
# is the same bytes, given from the cache (the access log says "cached"), and a 304 to
# its ETag; any change — through the pages, by another process (the CLI), or by a
# tool writing the database — gives the new page at once (SQLite: any write to the
# file, by its data version; PostgreSQL: a write outside cdcf raises the one-row
# table generation in its transaction, the documented rule there); a user never gets
# another user's page, nor a signed-out session a page at all; the API reads are kept
# per token; `--cache 0` keeps nothing.
set -u
CDCF=$1
. "$(dirname "$0")/lib/web_env.sh"

c init >/dev/null && c org add Acme >/dev/null && c org add Bravo >/dev/null &&
	c team add Acme SOC >/dev/null && c portfolio new Acme $FW --preset full-cdc >/dev/null &&
	c assign Acme $FW A-1 --insource SOC >/dev/null &&
	c score Acme $FW A-1 --current 2 --target 4 >/dev/null || fail "set-up"
echo 'ann-password-123' | c user add ann --password-stdin >/dev/null && c user grant ann Acme editor >/dev/null &&
	echo 'bob-password-123' | c user add bob --password-stdin >/dev/null && c user grant bob Acme viewer >/dev/null &&
	echo 'cat-password-123' | c user add cat --password-stdin >/dev/null && c user grant cat Bravo viewer >/dev/null ||
	fail "users"
ACME=$(db_sql "SELECT id FROM organizations WHERE name = 'Acme'")
P="/o/$ACME/p/$FW/portfolio"

serve_start
A="$W/ann.jar" B="$W/bob.jar" C="$W/cat.jar"
login "$A" ann ann-password-123
login "$B" bob bob-password-123
login "$C" cat cat-password-123
hits() { grep -c " GET $P 200 .* cached" "$W/serve.log"; }
# The key holds the minute: a pair of requests that must meet in the cache starts with at
# least 15 s of its minute left, or the second one is rightly built anew
same_minute() {
	local s
	s=$(date +%-S)
	[ "$s" -lt 45 ] || sleep $((61 - s))
}

# the same page twice: the same bytes, the second from the cache
same_minute
get "$A" "$P" >"$W/a1.html"
[ "$(status)" = 200 ] || fail "portfolio page: $(status)"
[ "$(hits)" = 0 ] || fail "the first answer came from the cache"
get "$A" "$P" >"$W/a2.html"
cmp -s "$W/a1.html" "$W/a2.html" || fail "the page asked again differs"
[ "$(hits)" = 1 ] || fail "the page asked again was built anew ($(hits) cached)"
grep -q 'Current 2 → Target 4' "$W/a1.html" || fail "the page lacks A-1's scores"

# its ETag from the cache: 304, no body
etag=$(curl -s -b "$A" -D - -o /dev/null "$U$P" | tr -d '\r' | sed -n 's/^[Ee][Tt]ag: //p')
[ -n "$etag" ] || fail "no ETag"
code=$(curl -s -b "$A" -H "If-None-Match: $etag" -o "$W/nm" -w '%{http_code}' "$U$P")
[ "$code" = 304 ] && [ ! -s "$W/nm" ] || fail "If-None-Match from the cache: $code, $(wc -c <"$W/nm") bytes"
# compressed is another answer, kept too: the same page once inflated
curl -s -b "$A" -H 'Accept-Encoding: gzip' "$U$P" | gunzip >"$W/a3.html" 2>/dev/null
cmp -s "$W/a1.html" "$W/a3.html" || fail "the gzip answer is another page"

# another user: their own page (a viewer has no form), never ann's
get "$B" "$P" >"$W/b1.html"
cmp -s "$W/a1.html" "$W/b1.html" && fail "bob got ann's page"
grep -q "$(csrf_of <"$W/a1.html")" "$W/b1.html" && fail "bob's page holds ann's CSRF token"
get "$C" "$P" >/dev/null
[ "$(status)" = 404 ] || fail "cat (not a member) got $(status) for Acme's portfolio"

# a change by another process: seen at once
c score Acme $FW A-1 --current 3 >/dev/null || fail "score by the CLI"
get "$A" "$P" | grep -q 'Current 3 → Target 4' || fail "the CLI's change is not on the page"
get "$B" "$P" | grep -q 'Current 3 → Target 4' || fail "the CLI's change is not on bob's page"
# a write by another tool to the database: seen at once too. SQLite notices any write to
# the file; on PostgreSQL a write outside cdcf raises the generation in the same transaction
if is_pg; then
	db_sql "BEGIN; UPDATE entries SET in_target = 5 WHERE ref_id = 'A-1';
		UPDATE generation SET n = n + 1; COMMIT" >/dev/null || fail "psql update"
else
	db_sql "UPDATE entries SET in_target = 5 WHERE ref_id = 'A-1'" || fail "sqlite3 update"
fi
get "$A" "$P" | grep -q 'Current 3 → Target 5' || fail "a write by another tool is not on the page"
# a change through the pages (ann's save), then bob's page
WEB_GET_KEEPS_CSRF=1 get "$A" "$P" >"$W/form.html"
mapfile -t hidden < <(grep -o '<input type="hidden" name="[a-z_]*:A-1" value="[^"]*"' "$W/form.html" |
	sed 's/.*name="\([^"]*\)" value="\([^"]*\)"/\1=\2/')
st=$(post "$A" "$P" "${hidden[@]}" "cur_insource:A-1=1" "tgt_insource:A-1=5")
case "$st" in 200 | 303) ;; *) fail "save: $st" ;; esac
get "$B" "$P" | grep -q 'Current 1 → Target 5' || fail "ann's save is not on bob's page"

# signed out: the session's cached pages are gone with it
WEB_GET_KEEPS_CSRF=1 get "$B" "$P" >/dev/null
get "$B" "$P" >/dev/null
post "$B" /logout >/dev/null
code=$(curl -s -b "$B" -o /dev/null -w '%{http_code}' "$U$P")
[ "$code" = 303 ] || fail "a signed-out session got $code for the page (want 303 to /login)"

# the API: kept per token, a change seen
tok=$(c token create ann cache-test 2>/dev/null | grep -oE '[A-Za-z0-9_.~+/=-]{20,}' | tail -1)
[ -n "$tok" ] || fail "no API token"
api="/api/v1/orgs/$ACME/portfolios/$FW"
same_minute
curl -s -H "Authorization: Bearer $tok" "$U$api" >"$W/j1" && curl -s -H "Authorization: Bearer $tok" "$U$api" >"$W/j2"
cmp -s "$W/j1" "$W/j2" || fail "the API read asked again differs"
grep -c " GET $api 200 .* cached" "$W/serve.log" | grep -qx 1 || fail "the API read asked again was not cached"
c score Acme $FW A-1 --current 4 >/dev/null
curl -s -H "Authorization: Bearer $tok" "$U$api" | grep -q '"current": *4' || fail "the API read misses the change"
serve_stop

# --cache 0: nothing kept
"$CDCF" serve --listen "127.0.0.1:$PORT" --cache 0 >"$W/serve.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 100); do curl -s -o /dev/null "$U/healthz" && break; sleep 0.1; done
get "$A" "$P" >/dev/null && get "$A" "$P" >/dev/null
[ "$(status)" = 200 ] || fail "page with --cache 0: $(status)"
[ "$(hits)" = 0 ] || fail "--cache 0 kept an answer"
echo "ok: answer cache"
