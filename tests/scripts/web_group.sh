#!/bin/bash
# The group view page: a viewer of a parent organization sees its subsidiaries at
# any depth side by side (heat map, roll-ups, spread, who provides what), with the
# same figures as `cdcf group`, downloads in CSV, JSON and XLSX, links from the
# organization page and the portfolio tabs; a member of a subsidiary only does not
# see the parent's view.
set -u
CDCF=$1
. "$(dirname "$0")/lib/web_env.sh"

c init >/dev/null && c org add "Org 1" >/dev/null && c org add "Sub A" --parent "Org 1" >/dev/null &&
	c org add "Sub B" --parent "Org 1" >/dev/null && c org add "Sub A-1" --parent "Sub A" >/dev/null ||
	fail "set-up"
for o in "Sub A" "Sub B" "Sub A-1"; do
	c portfolio new "$o" $FW --preset full-cdc >/dev/null || fail "portfolio of $o"
done
c team add "Sub A" SOC >/dev/null && c provider add "Sub B" "Z-MSSP" >/dev/null &&
	c assign "Sub A" $FW A-1 --insource SOC >/dev/null &&
	c score "Sub A" $FW A-1 --current 2 --target 4 >/dev/null &&
	c assign "Sub B" $FW A-1 --outsource "Z-MSSP" >/dev/null &&
	c score "Sub B" $FW A-1 --current 4 --target 4 >/dev/null 2>&1 || fail "scores"
echo 'vic-password-123' | c user add vic --password-stdin >/dev/null && c user grant vic "Org 1" viewer >/dev/null ||
	fail "user vic"
echo 'sue-password-123' | c user add sue --password-stdin >/dev/null && c user grant sue "Sub A" viewer >/dev/null ||
	fail "user sue"

serve_start
V="$W/vic.jar"
login "$V" vic vic-password-123
ORG1=$(get "$V" /orgs | grep -o 'href="/o/[0-9]*">Org 1<' | grep -o '[0-9]\+' | head -1)
[ -n "$ORG1" ] || fail "/orgs does not list Org 1"
G="/o/$ORG1/group/$FW"

get "$V" "/o/$ORG1" | grep -q "href=\"$G\"" || fail "no link to the group view on the organization page"
get "$V" "$G?lang=en" >"$W/group.html"; page=$(cat "$W/group.html")
[ "$(status)" = 200 ] || fail "group page: $(status)"
for want in "Sub A" "Sub B" "Sub A-1" "Z-MSSP" 'class="table-wrap"' 'class="legend"'; do
	echo "$page" | grep -q "$want" || fail "the group page lacks $want"
done
# Sub A's A-1 is 2 of 1..5: the lower third; Sub B's is 4: the upper one
echo "$page" | grep -q '<td class="heat heat-low" title="Sub A × A-1">2</td>' || fail "Sub A's A-1 cell"
echo "$page" | grep -q '<td class="heat heat-high" title="Sub B × A-1">4</td>' || fail "Sub B's A-1 cell"
# the spread of A-1: 2 assessed, min 2, median 3, max 4, as the CLI
echo "$page" | tr -d '\n' | grep -q 'A-1 Risk management</th><td class="num">2</td><td class="num">2</td><td class="num">3</td><td class="num">4</td>' ||
	fail "the spread of A-1"
[ "$(c group "Org 1" $FW --format json | jq -r '.services[0].spread.median')" = 3 ] || fail "the CLI's median"
page=$(get "$V" "$G?by=gap&lang=en")
echo "$page" | grep -q '<td class="heat heat-low" title="Sub A × A-1">2</td>' || fail "Sub A's gap of 2"
echo "$page" | grep -q '<td class="heat heat-high" title="Sub B × A-1">0</td>' || fail "Sub B's gap of 0"
get "$V" "$G?lang=ja" | grep -q 'グループビュー' || fail "no Japanese group page"

get "$V" "$G/download/json" | jq -e '.organizations | map(.name) | index("Sub A-1")' >/dev/null ||
	fail "the JSON download lacks Sub A-1"
get "$V" "$G/download/csv" | grep -q '^Sub B,Org 1,1,A,A-1,Risk management,basic,outsource,,Z-MSSP,4,4,0,high' ||
	fail "the CSV download lacks Sub B's A-1"
curl -s -b "$V" -D - -o /dev/null "$U$G/download/csv?by=gap" | grep -qi "filename=\"cdcf-group-$ORG1-gap.csv\"" ||
	fail "the download of the gaps is not named so"
get "$V" "$G/download/xlsx" | head -c 2 | grep -q PK || fail "the XLSX download is not a workbook"
get "$V" "$G/download/pdf" >/dev/null
[ "$(status)" = 404 ] || fail "unknown format: $(status), want 404"
get "$V" "/o/$ORG1/group/nosuch" >/dev/null
[ "$(status)" = 404 ] || fail "unknown framework: $(status), want 404"

# 60 more subsidiaries (Sub C01 .. Sub C60, one scored 1): the page shows 50 by name, the
# next page the rest, and the spread of A-1 is still the whole group's (3 assessed, min 1)
for i in $(seq -w 1 60); do c org add "Sub C$i" --parent "Org 1" >/dev/null || fail "Sub C$i"; done
c portfolio new "Sub C60" $FW --preset full-cdc >/dev/null && c team add "Sub C60" SOC >/dev/null &&
	c assign "Sub C60" $FW A-1 --insource SOC >/dev/null &&
	c score "Sub C60" $FW A-1 --current 1 --target 4 >/dev/null || fail "Sub C60's score"
page=$(get "$V" "$G?lang=en")
echo "$page" | grep -q 'Organizations in the group 64 · Showing 1–50' || fail "the first page's count"
echo "$page" | grep -q 'Sub C46' || fail "the first page lacks Sub C46"
echo "$page" | grep -q 'Sub C47' && fail "the first page shows Sub C47"
echo "$page" | grep -q 'rel="first"' && fail "the first page links to itself"
next=$(echo "$page" | grep -o 'href="[^"]*" rel="next"' | head -1 | sed 's/^href="//; s/" rel="next"$//; s/&amp;/\&/g')
[ "$next" = "$G?after=Sub%20C46" ] || fail "the next page's link: $next"
echo "$page" | tr -d '\n' | grep -q 'A-1 Risk management</th><td class="num">3</td><td class="num">1</td><td class="num">2</td><td class="num">4</td>' ||
	fail "the spread of A-1 on the first page is not the whole group's"
page=$(get "$V" "$next&lang=en")
echo "$page" | grep -q 'Showing 51–64' || fail "the second page's range"
echo "$page" | grep -q '<td class="heat heat-low" title="Sub C60 × A-1">1</td>' || fail "Sub C60's cell on page 2"
echo "$page" | grep -q 'title="Sub A × A-1"' && fail "page 2 shows Sub A"
echo "$page" | grep -q 'rel="first"' || fail "page 2 has no link to the first page"
echo "$page" | grep -q 'rel="next"' && fail "the last page links to a next one"
echo "$page" | tr -d '\n' | grep -q 'A-1 Risk management</th><td class="num">3</td><td class="num">1</td><td class="num">2</td><td class="num">4</td>' ||
	fail "the spread of A-1 on page 2 is not the whole group's"
get "$V" "$G/download/csv" >"$W/all.csv"
grep -q '^Sub A-1,Sub A,' "$W/all.csv" && grep -q '^Sub C60,Org 1,1,A,A-1,' "$W/all.csv" ||
	fail "the CSV download is not the whole group"

# sue is a member of Sub A only: its group (Sub A, Sub A-1), not the parent's
S="$W/sue.jar"
login "$S" sue sue-password-123
SUBA=$(get "$S" /orgs | grep -o 'href="/o/[0-9]*">Sub A<' | grep -o '[0-9]\+' | head -1)
[ -n "$SUBA" ] || fail "/orgs does not list Sub A for sue"
get "$S" "$G" >/dev/null
[ "$(status)" = 404 ] || fail "sue sees Org 1's group: $(status)"
page=$(get "$S" "/o/$SUBA/group/$FW?lang=en")
[ "$(status)" = 200 ] || fail "Sub A's group: $(status)"
echo "$page" | grep -q "Sub A-1" || fail "Sub A's group lacks Sub A-1"
echo "$page" | grep -q "Sub B" && fail "Sub A's group shows Sub B"
get "$S" "/o/$SUBA/p/$FW/portfolio" | grep -q "href=\"/o/$SUBA/group/$FW\"" ||
	fail "no group tab on Sub A's portfolio"
echo "web_group: ok"
