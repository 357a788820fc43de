#!/bin/bash
# Long lists of organizations, one page at a time: the dashboard shows 20
# organizations and links to the next page (after the last name seen), /orgs
# 50, both filter by the start of the name; a member sees only their own, with
# their role; the API list gives its total across pages. The parent of a new
# organization is typed, not picked from a list of every organization.
set -u
CDCF=$1
. "$(dirname "$0")/lib/web_env.sh"
PW='Many-Passw0rd-2026'

c init >/dev/null || fail "init"
for i in $(seq -w 1 65); do c org add "Org $i" >/dev/null || fail "org $i"; done
c portfolio new "Org 01" "$FW" >/dev/null || fail "portfolio"
echo "$PW" | c user add root --admin --password-stdin >/dev/null && echo "$PW" | c user add mia --password-stdin >/dev/null &&
	c user grant mia "Org 07" editor >/dev/null && c user grant mia "Org 31" viewer >/dev/null || fail "users"
serve_start
R="$W/root.jar" M="$W/mia.jar"
login "$R" root "$PW"
login "$M" mia "$PW"

sections() { grep -c '<section class="org">'; }
p=$(get "$R" /)
[ "$(echo "$p" | sections)" = 20 ] || fail "the dashboard's first page has $(echo "$p" | sections) organizations, not 20"
echo "$p" | grep -q '>Org 20</a>' || fail "Org 20 is not on the first page"
echo "$p" | grep -q '>Org 21</a>' && fail "Org 21 is on the first page"
echo "$p" | grep -q 'Organizations 65' || fail "the dashboard does not give the total"
next=$(echo "$p" | grep -o 'href="/?after=[^"]*" rel="next"' | sed 's/href="//; s/" rel.*//; s/&amp;/\&/g')
[ "$next" = "/?after=Org%2020" ] || fail "next page link is '$next'"
p=$(get "$R" "$next")
echo "$p" | grep -q '>Org 21</a>' || fail "the second page does not start at Org 21"
[ "$(echo "$p" | sections)" = 20 ] || fail "second page: $(echo "$p" | sections) organizations"
echo "$p" | grep -q 'rel="first"' || fail "the second page has no link to the first"
p=$(get "$R" "/?after=Org%2060")
[ "$(echo "$p" | sections)" = 5 ] || fail "last page: $(echo "$p" | sections) organizations"
echo "$p" | grep -q 'rel="next"' && fail "the last page links to a next one"
p=$(get "$R" "/?q=Org%204")
[ "$(echo "$p" | sections)" = 10 ] || fail "names starting 'Org 4': $(echo "$p" | sections), not 10"
echo "$p" | grep -q 'value="Org 4"' || fail "the search field does not keep the filter"
p=$(get "$R" "/?q=Nobody")
echo "$p" | grep -q 'No organization you can see' || fail "an empty search says nothing"
p=$(get "$R" "/?lang=ja")
echo "$p" | grep -q '次のページ' || fail "the pager is not in Japanese"
get "$R" "/?lang=en" >/dev/null

# a member: their two organizations, no pager, their roles
p=$(get "$M" /)
[ "$(echo "$p" | sections)" = 2 ] || fail "mia sees $(echo "$p" | sections) organizations"
echo "$p" | grep -q 'rel="next"' && fail "mia's dashboard has a pager"
echo "$p" | grep -q '>Org 07</a> <span class="badge">Editor' || fail "mia's role in Org 07 is not shown"

# /orgs: 50 a page
p=$(get "$R" /orgs)
[ "$(echo "$p" | grep -c '<tr><td data-label="Organization"><a')" = 50 ] || fail "/orgs lists $(echo "$p" | grep -c '<tr><td data-label="Organization"><a') rows"
echo "$p" | grep -q 'rel="next"' || fail "/orgs has no next page"
echo "$p" | grep -q '<select[^>]*name="parent"' && fail "the parent is still a list of every organization"
echo "$p" | grep -q 'id="org-parent"' || fail "/orgs has no parent field"
p=$(get "$R" "/orgs?after=Org%2050")
[ "$(echo "$p" | grep -c '<tr><td data-label="Organization"><a')" = 15 ] || fail "/orgs page 2 lists the wrong rows"
p=$(get "$M" /orgs)
[ "$(echo "$p" | grep -c '<tr><td data-label="Organization"><a')" = 2 ] || fail "mia's /orgs lists other organizations"

# the API: the total across pages, a page in SQL
tok=$(c token create mia t 2>/dev/null) && rtok=$(c token create root t 2>/dev/null) || fail "tokens"
curl -s -D "$W/h" -o "$W/a.json" -H "Authorization: Bearer $rtok" "$U/api/v1/orgs?per_page=10&page=7" >/dev/null
python3 - "$W/a.json" <<'PY' || fail "API page 7 of root"
import json, sys
d = json.load(open(sys.argv[1]))
items = d["items"] if isinstance(d, dict) else d
assert [o["name"] for o in items] == ["Org 61", "Org 62", "Org 63", "Org 64", "Org 65"], items
PY
grep -qi '^x-total-count: 65' "$W/h" || grep -q '"total": *65' "$W/a.json" || fail "the API does not give the total: $(cat "$W/h")"
curl -s -o "$W/m.json" -H "Authorization: Bearer $tok" "$U/api/v1/orgs" >/dev/null
python3 - "$W/m.json" <<'PY' || fail "API list of mia"
import json, sys
d = json.load(open(sys.argv[1]))
items = d["items"] if isinstance(d, dict) else d
assert [(o["name"], o["role"]) for o in items] == [("Org 07", "editor"), ("Org 31", "viewer")], items
PY
echo "web_many_orgs: ok"
