#!/bin/bash
# The build pages of `cdcf serve` (catalogue, profile, portfolio, report and
# downloads), driven with curl as a browser without JavaScript would:
# Japanese words, presets, bulk level changes, filters, custom services,
# assignments with the management-type warning and the quadrant chart,
# scoring with the rubric's criteria, one form per page (several rows in one
# POST, only changed rows applied, a stale or bad row refusing the whole
# save), portfolio filters, hostile text rendered inert, roles (viewer
# read-only and 403, assessor only its team's services), downloads, CSRF and
# oversized fields.
set -u
CDCF=$1
command -v jq >/dev/null || { echo "jq is missing: web_build skipped"; exit 77; }
. "$(dirname "$0")/lib/web_env.sh"
XS='<script>alert(1)</script>'
XI='"><img src=x onerror=alert(1)>'

# ---- set-up with the CLI ----
c init >/dev/null || fail init
c org add Acme >/dev/null && c org add Other >/dev/null || fail "org add"
c team add Acme SOC >/dev/null || fail "team add SOC"
c team add Acme "$XS" >/dev/null || fail "team add (hostile name)"
c provider add Acme MSSP >/dev/null || fail "provider add"
c portfolio new Acme $FW >/dev/null || fail "portfolio new"
c portfolio new Other $FW >/dev/null || fail "portfolio new Other"
echo 'admin-password-1' | c user add --admin admin --password-stdin >/dev/null || fail "user add admin"
echo 'vic-password-123' | c user add vic --password-stdin >/dev/null || fail "user add vic"
echo 'ann-password-123' | c user add ann --password-stdin >/dev/null || fail "user add ann"
c user grant vic Acme viewer >/dev/null || fail "grant viewer"
c user grant ann Acme assessor --team SOC >/dev/null || fail "grant assessor"
# the stored portfolio, as the CLI reports it
entry() { c report Acme $FW --format json | jq -r --arg r "$1" ".entries[] | select(.ref==\$r) | $2"; }

# ---- server ----
serve_start
# signin JAR NAME PASSWORD: login, keeping the session's CSRF token in JAR.csrf
signin() {
	login "$@"
	curl -s -b "$1" -c "$1" "$U/account" | csrf_of >"$1.csrf"
	[ -s "$1.csrf" ] || fail "no CSRF token for $2 on /account"
}
location() { grep -i '^location:' "$W/post.hdr" | tr -d '\r' | sed 's/^[^:]*: *//'; }
# the hidden version field of REF's row on a page (catalogue: version:REF)
version_of() { grep -o "name=\"$1\" value=\"[0-9]*\"" | head -1 | grep -o '[0-9]*"$' | tr -d '"'; }
form_version() { version_of "version:$2" <"$1"; } # PAGE-HTML REF
# the hidden fields of REF's row on a page (version:REF, was_...:REF) as
# name=value lines, the way a browser sends them back
hidden_of() { # PAGE-HTML REF
	grep -o "<input type=\"hidden\" name=\"[a-z_]*:$2\" value=\"[^\"]*\"" "$1" |
		sed 's/.*name="\([^"]*\)" value="\([^"]*\)"/\1=\2/; s/&lt;/</g; s/&gt;/>/g; s/&quot;/"/g; s/&#39;/'"'"'/g; s/&amp;/\&/g'
}
detail() { grep -o 'class="detail" lang="en">[^<]*' "$W/post.html" | head -3; }

A="$W/admin.jar" V="$W/vic.jar" N="$W/ann.jar"
signin "$A" admin admin-password-1
signin "$V" vic vic-password-123
signin "$N" ann ann-password-123
get "$A" /orgs >"$W/orgs.html"
ACME=$(grep -o 'href="/o/[0-9]*">Acme<' "$W/orgs.html" | grep -o '[0-9]\+')
OTHER=$(grep -o 'href="/o/[0-9]*">Other<' "$W/orgs.html" | grep -o '[0-9]\+')
[ -n "$ACME" ] && [ -n "$OTHER" ] || fail "/orgs does not list Acme and Other"
PF="/o/$ACME/p/$FW"

# ---- 1. catalogue ----
p=$(get "$A" "$PF/catalogue")
[ "$(status)" = 200 ] || fail "catalogue gave $(status)"
echo "$p" | grep -q 'Service catalogue' || fail "catalogue has no title"
echo "$p" | grep -q 'name="preset" value="first-steps"' || fail "empty catalogue offers no preset"
echo "$p" | grep -q '<label for="lv-A-1"' || fail "level select of A-1 has no label"
echo "$p" | grep -q 'aria-current="page"' || fail "tab bar marks no current tab"
j=$(get "$A" "$PF/catalogue?lang=ja")
for w in サービスカタログ 推奨レベル 未選択 スタータープリセット 独自サービスを追加; do
	echo "$j" | grep -q "$w" || fail "Japanese catalogue lacks '$w'"
done
get "$A" "$PF/catalogue?lang=en" >/dev/null
code=$(post "$A" "$PF/catalogue" action=preset preset=first-steps)
[ "$code" = 303 ] || fail "apply preset gave $code"
location | grep -q 'catalogue?done=preset' || fail "preset redirect went to '$(location)'"
[ "$(entry A-1 .level)" = basic ] || fail "preset did not select A-1 at basic"
n_preset=$(c report Acme $FW --format json | jq '.entries | length')
[ "$n_preset" -gt 3 ] || fail "preset selected only $n_preset services"
code=$(post "$A" "$PF/catalogue" action=preset preset=first-steps)
[ "$code" = 409 ] || fail "a preset over a filled catalogue gave $code, not 409"

# bulk levels: only changed rows are sent, grouped per level
p=$(get "$A" "$PF/catalogue")
echo "$p" | grep -q 'name="preset"' && fail "a filled catalogue still offers presets"
v3=$(echo "$p" | version_of "version:A-3")
w3=$(entry A-3 .level)
[ -n "$v3" ] || fail "no version for A-3 on the catalogue page"
code=$(post "$A" "$PF/catalogue" action=levels "level:A-3=advanced" "was:A-3=$w3" \
	"version:A-3=$v3" "level:I-1=standard" "was:I-1=optional" \
	"level:A-1=basic" "was:A-1=basic" "version:A-1=999")
[ "$code" = 303 ] || fail "saving levels gave $code: $(grep -o 'class="detail">[^<]*' "$W/post.html")"
location | grep -q '#s-A-3' || fail "levels redirect has no anchor to the row: '$(location)'"
[ "$(entry A-3 .level)" = advanced ] || fail "A-3 not advanced after the bulk save"
[ "$(entry I-1 .level)" = standard ] || fail "I-1 not standard after the bulk save"
# a stale row: the whole save fails and the newer value stays
code=$(post "$A" "$PF/catalogue" action=levels "level:A-3=standard" "was:A-3=$w3" \
	"version:A-3=$v3" "level:I-1=advanced" "was:I-1=standard")
[ "$code" = 409 ] || fail "a stale catalogue row gave $code, not 409"
grep -q 'Advanced' "$W/post.html" || fail "409 page does not show the current level"
[ "$(entry A-3 .level)" = advanced ] || fail "stale save overwrote A-3"
[ "$(entry I-1 .level)" = standard ] || fail "a failed bulk save applied part of it"
# a service in the catalogue cannot go back to "not selected"
code=$(post "$A" "$PF/catalogue" action=levels "level:I-1=" "was:I-1=standard")
[ "$code" = 400 ] || fail "deselecting gave $code, not 400"
[ "$(entry I-1 .level)" = standard ] || fail "deselect changed I-1"
# selecting a service that is not in the catalogue yet (another, empty portfolio)
code=$(post "$A" "/o/$OTHER/p/$FW/catalogue" action=levels "level:B-1=basic" "was:B-1=" "version:B-1=0")
[ "$code" = 303 ] || fail "selecting B-1 in Other gave $code"
[ "$(c report Other $FW --format json | jq -r '.entries[] | select(.ref=="B-1") | .level')" = basic ] ||
	fail "B-1 not selected in Other"
# search and filter, server-side, with counts per level
f=$(get "$A" "$PF/catalogue?q=risk")
echo "$f" | grep -q 'id="s-A-1"' || fail "search 'risk' misses A-1"
echo "$f" | grep -q 'id="s-I-1"' && fail "search 'risk' shows I-1"
f=$(get "$A" "$PF/catalogue?level=optional")
echo "$f" | grep -q 'id="s-I-5"' || fail "level filter misses I-5"
echo "$f" | grep -q 'id="s-A-3"' && fail "level filter 'optional' shows the advanced A-3"
f=$(get "$A" "/o/$OTHER/p/$FW/catalogue?level=none")
echo "$f" | grep -q 'id="s-A-1"' || fail "filter 'not selected' misses A-1 in Other"
echo "$f" | grep -q 'id="s-B-1"' && fail "filter 'not selected' shows the selected B-1"
get "$A" "$PF/catalogue?status=provisional" >/dev/null
[ "$(status)" = 200 ] || fail "provisional filter gave $(status)"
echo "$p" | grep -q 'class="level-counts"' || fail "no counts per level"
# custom service with hostile names
code=$(post "$A" "$PF/catalogue" action=custom ref=A-X1 "name_en=$XI" "name_ja=$XS" category=A clevel=basic)
[ "$code" = 303 ] || fail "custom service gave $code"
[ "$(entry A-X1 .custom)" = true ] || fail "custom service not stored"
code=$(post "$A" "$PF/catalogue" action=custom "ref=bad ref" name_en=X category=A clevel=basic)
[ "$code" = 400 ] || fail "a bad custom ref gave $code, not 400"
grep -q 'value="X"' "$W/post.html" || fail "the custom form lost the input after an error"

# ---- 2. profile: one form for the whole table ----
pp=$(get "$A" "$PF/profile")
[ "$(status)" = 200 ] || fail "profile gave $(status)"
echo "$pp" >"$W/profile.html"
[ "$(grep -c "method=\"post\" action=\"$PF/profile\"" "$W/profile.html")" = 1 ] ||
	fail "the profile page is not one form"
echo "$pp" | grep -q 'data-dirty-warn' || fail "the profile form does not warn about unsaved changes"
thead=$(tr '\n' ' ' <"$W/profile.html" | grep -o 'class="profile cards"><thead>.*</thead>' | sed 's,</thead>.*,,')
row1=$(tr '\n' ' ' <"$W/profile.html" | grep -o '<tr id="s-A-1".*' | sed 's,</tr>.*,,')
[ "$(echo "$thead" | grep -o '<th scope="col"' | wc -l)" = "$(echo "$row1" | grep -o '<td ' | wc -l)" ] ||
	fail "profile table: $(echo "$thead" | grep -o '<th scope="col"' | wc -l) column heads for $(echo "$row1" | grep -o '<td ' | wc -l) cells"
for sel in as-A-1 tm-A-1 pv-A-1; do
	grep -q "<label for=\"$sel\"" "$W/profile.html" || fail "profile control $sel has no label"
done
v1=$(form_version "$W/profile.html" A-1)
v2=$(form_version "$W/profile.html" A-2)
v4=$(form_version "$W/profile.html" A-4)
[ -n "$v1" ] && [ -n "$v2" ] && [ -n "$v4" ] || fail "no per-row version on the profile page"
mapfile -t h1 < <(hidden_of "$W/profile.html" A-1)
mapfile -t h2 < <(hidden_of "$W/profile.html" A-2)
mapfile -t h4 < <(hidden_of "$W/profile.html" A-4)
[ "${#h1[@]}" = 4 ] || fail "A-1's row carries ${#h1[@]} hidden fields, not version and 3 was_ values"
# several rows in one POST; an unchanged row is not applied, even with a wrong version
code=$(post "$A" "$PF/profile" "${h1[@]}" assignment:A-1=insource team:A-1=SOC provider:A-1= \
	"${h2[@]}" assignment:A-2=outsource team:A-2= provider:A-2=MSSP \
	assignment:A-4=unassigned was_assignment:A-4=unassigned version:A-4=999)
[ "$code" = 303 ] || fail "saving two assignments gave $code: $(detail)"
location | grep -q 'profile?done=saved&n=2&warn=mgmt#s-A-1' || fail "profile redirect went to '$(location)'"
[ "$(entry A-1 .assignment)/$(entry A-1 .team)" = insource/SOC ] || fail "A-1 not in-house SOC"
[ "$(entry A-2 .assignment)/$(entry A-2 .provider)" = outsource/MSSP ] || fail "A-2 not outsourced to MSSP"
get "$A" "$(location | sed 's/#.*//')" | grep -q 'Saved 2 changes' || fail "no 'Saved 2 changes' after the save"
get "$A" "$PF/profile?done=saved&n=2&lang=ja" | grep -q '2 件の変更を保存しました' || fail "no Japanese saved notice"
get "$A" "$PF/profile?lang=en" >/dev/null
# a stale row refuses the whole save: nothing applied, current value shown, other edits kept
code=$(post "$A" "$PF/profile" "${h2[@]}" assignment:A-2=insource team:A-2=SOC provider:A-2= \
	"${h4[@]}" assignment:A-4=insource team:A-4=SOC provider:A-4=)
[ "$code" = 409 ] || fail "a stale profile row gave $code, not 409"
grep -q 'MSSP' "$W/post.html" || fail "409 profile page does not show the current provider"
grep -q 'id="err-A-2"' "$W/post.html" || fail "409 profile page does not mark the stale row"
[ "$(entry A-2 .assignment)" = outsource ] || fail "stale profile form overwrote A-2"
[ "$(entry A-4 .assignment)" = unassigned ] || fail "a refused profile save applied A-4"
tr '\n' ' ' <"$W/post.html" | grep -o 'id="as-A-4".*' | sed 's,</select>.*,,' | grep -q 'value="insource" selected' ||
	fail "409 profile page lost the user's edit of A-4"
# bad input: 400 naming the service in words from the message tables, nothing applied
code=$(post "$A" "$PF/profile" "${h4[@]}" assignment:A-4=outsource team:A-4= provider:A-4= \
	"${h1[@]}" assignment:A-1=unassigned team:A-1= provider:A-1=)
[ "$code" = 400 ] || fail "outsourcing without a provider gave $code, not 400"
grep -q 'href="#s-A-4"' "$W/post.html" || fail "400 profile page does not name A-4"
grep -q 'choose the provider' "$W/post.html" || fail "400 profile page lacks the localised message"
grep -q "needs a provider" "$W/post.html" || fail "400 profile page lacks the technical detail"
[ "$(entry A-1 .assignment)" = insource ] || fail "a refused profile save applied A-1"
get "$A" "$PF/profile?lang=ja" >/dev/null
post "$A" "$PF/profile" "${h4[@]}" assignment:A-4=insource team:A-4= provider:A-4= >/dev/null
grep -q 'インソースとハイブリッドにはチームが必要です' "$W/post.html" || fail "no Japanese message for a missing team"
get "$A" "$PF/profile?lang=en" >/dev/null
code=$(post "$A" "$PF/profile" "${h4[@]}" assignment:A-4=insource "team:A-4=$XS" provider:A-4=)
[ "$code" = 303 ] || fail "assign A-4 to the hostile team gave $code: $(detail)"
code=$(post "$A" "$PF/profile" "${h4[@]}" assignment:A-4=insource team:A-4=Nobody provider:A-4=)
[ "$code" = 409 ] || fail "a second save of the same form gave $code, not 409"
# an organization without teams or providers says so and points to its settings
op=$(get "$A" "/o/$OTHER/p/$FW/profile")
echo "$op" | grep -q 'This organization has no teams or providers yet' || fail "no notice about missing teams"
echo "$op" | grep -q "href=\"/o/$OTHER/settings\"" || fail "the notice does not link to the settings"
echo "$op" | grep -q 'No teams yet' || fail "the team cell does not say there are no teams"
pp=$(get "$A" "$PF/profile")
echo "$pp" | grep -q 'class="chart quadrant"' || fail "profile has no quadrant chart"
echo "$pp" | grep -q 'class="quadrant-data"' || fail "quadrant has no text alternative"
echo "$pp" | grep -q 'Management-type service fully outsourced' || fail "no management-type warning"
echo "$pp" | grep -q 'Placed at the centre' || fail "custom service not noted at the centre"
get "$A" "$PF/profile?lang=ja" | grep -q '調達の象限' || fail "Japanese profile lacks 調達の象限"
get "$A" "$PF/profile?lang=ja" | grep -q 'サービスプロファイル' || fail "Japanese profile lacks its title"
get "$A" "$PF/profile?lang=en" >/dev/null

# ---- 3. portfolio: one form for every card, filters ----
get "$A" "$PF/portfolio" >"$W/pf.html"
[ "$(status)" = 200 ] || fail "portfolio gave $(status)"
grep -q '3 — Not documented' "$W/pf.html" || grep -q '3 — ' "$W/pf.html" ||
	fail "score choices do not read the rubric's criteria"
grep -q '<label for="cur_insource-A-1">' "$W/pf.html" || fail "current score select has no label"
# an unassigned service is not being done: its current score offers only 1 or n/a, its target any
UN=$(c report Acme $FW --format json | jq -r '[.entries[] | select(.assignment == "unassigned")][0].ref')
[ -n "$UN" ] && [ "$UN" != null ] || fail "no unassigned service in the portfolio"
opts() { tr '\n' ' ' <"$W/pf.html" | grep -o "name=\"$1\"[^>]*>.*" | sed 's,</select>.*,,' |
	grep -o 'value="[^"]*"' | tr '\n' ' '; }
[ "$(opts "cur_insource:$UN")" = 'value="" value="1" value="n/a" ' ] ||
	fail "unassigned $UN's current score offers: $(opts "cur_insource:$UN")"
[ "$(opts "tgt_insource:$UN")" = 'value="" value="5" value="4" value="3" value="2" value="1" value="n/a" ' ] ||
	fail "unassigned $UN's target offers: $(opts "tgt_insource:$UN")"
[ "$(grep -c "method=\"post\" action=\"$PF/portfolio\"" "$W/pf.html")" = 1 ] ||
	fail "the portfolio page is not one form"
grep -q 'data-dirty-warn' "$W/pf.html" || fail "the portfolio form does not warn about unsaved changes"
s1=$(form_version "$W/pf.html" A-1)
[ -n "$s1" ] || fail "no version for A-1 on the portfolio page"
mapfile -t p1 < <(hidden_of "$W/pf.html" A-1)
mapfile -t p2 < <(hidden_of "$W/pf.html" A-2)
# several cards in one POST
code=$(post "$A" "$PF/portfolio" "${p1[@]}" cur_insource:A-1=3 tgt_insource:A-1=5 \
	"note:A-1=$XS $XI" "evidence:A-1=https://example.org/runbook" \
	"${p2[@]}" cur_outsource:A-2=2 tgt_outsource:A-2=4 note:A-2= evidence:A-2=)
[ "$code" = 303 ] || fail "scoring A-1 and A-2 gave $code: $(detail)"
location | grep -q 'portfolio?done=saved&n=2#s-A-1' || fail "score redirect went to '$(location)'"
[ "$(entry A-1 .insource.current)/$(entry A-1 .insource.target)" = 3/5 ] || fail "A-1 not 3/5"
[ "$(entry A-2 .outsource.current)/$(entry A-2 .outsource.target)" = 2/4 ] || fail "A-2 not 2/4"
get "$A" "$(location | sed 's/#.*//')" | grep -q 'Saved 2 changes' || fail "no 'Saved 2 changes' after scoring"
get "$A" "$PF/portfolio" >"$W/pf2.html"
grep -q 'href="https://example.org/runbook"' "$W/pf2.html" || fail "A-1's evidence not stored"
mapfile -t q1 < <(hidden_of "$W/pf2.html" A-1)
mapfile -t q2 < <(hidden_of "$W/pf2.html" A-2)
# the form sent back untouched changes nothing (textareas come back with CR LF)
code=$(post "$A" "$PF/portfolio" "${q1[@]}" cur_insource:A-1=3 tgt_insource:A-1=5 \
	"note:A-1=$XS $XI" "evidence:A-1=https://example.org/runbook"$'\r\n' "${q2[@]}")
[ "$code" = 303 ] && location | grep -q 'done=nochange' || fail "an untouched form saved something: $code $(location)"
# a stale card refuses the whole save: nothing applied, current score shown, other edits kept
code=$(post "$A" "$PF/portfolio" "${p1[@]}" cur_insource:A-1=1 tgt_insource:A-1=2 note:A-1=old \
	"${q2[@]}" cur_outsource:A-2=3)
[ "$code" = 409 ] || fail "a stale score form gave $code, not 409"
grep -q 'A-1' "$W/post.html" && grep -q 'Current 3' "$W/post.html" ||
	fail "409 portfolio page does not show the current score"
[ "$(entry A-1 .insource.current)" = 3 ] || fail "stale score overwrote A-1"
[ "$(entry A-2 .outsource.current)" = 2 ] || fail "a refused score save applied A-2"
tr '\n' ' ' <"$W/post.html" | grep -o 'id="cur_outsource-A-2".*' | sed 's,</select>.*,,' |
	grep -q 'value="3" selected' || fail "409 portfolio page lost the user's edit of A-2"
# bad input: 400 naming the service, localised, with the technical detail second
code=$(post "$A" "$PF/portfolio" "${q1[@]}" cur_insource:A-1=7 "${q2[@]}" cur_outsource:A-2=3)
[ "$code" = 400 ] || fail "score 7 gave $code, not 400"
grep -q "choose one of the rubric" "$W/post.html" || fail "400 portfolio page lacks the localised message"
detail | grep -q "must be 1-5" || fail "400 portfolio page lacks the technical detail"
[ "$(entry A-2 .outsource.current)" = 2 ] || fail "a refused score save applied A-2"
get "$A" "$PF/portfolio?lang=ja" >/dev/null
post "$A" "$PF/portfolio" "${q1[@]}" cur_insource:A-1=7 >/dev/null
grep -q 'スコアの基準にある値を選んでください' "$W/post.html" || fail "no Japanese message for a bad score"
get "$A" "$PF/portfolio?lang=en" >/dev/null
code=$(post "$A" "$PF/portfolio" "${q1[@]}" "evidence:A-1=javascript:alert(1)")
[ "$code" = 400 ] || fail "a javascript: evidence link gave $code, not 400"
big=$(head -c 30000 /dev/zero | tr '\0' 'x')
code=$(post "$A" "$PF/portfolio" "${q1[@]}" "note:A-1=$big")
[ "$code" = 413 ] || [ "$code" = 400 ] || fail "an oversized note gave $code"
huge=$(head -c 1100000 /dev/zero | tr '\0' 'x')
code=$(printf 'note=%s' "$huge" | curl -s -o /dev/null -w '%{http_code}' -b "$A" --data-binary @- "$U$PF/portfolio")
[ "$code" = 413 ] || fail "a body over the ceiling gave $code, not 413"
# filters: category, not yet scored, assignment, team; kept across the save
f=$(get "$A" "$PF/portfolio?cat=A")
echo "$f" | grep -q 'id="s-A-1"' || fail "category filter A misses A-1"
echo "$f" | grep -o 'id="s-[A-Z]*-' | grep -qv 'id="s-A-' && fail "category filter A shows another category"
echo "$f" | grep -q 'name="f_cat" value="A"' || fail "the form does not carry the filter"
f=$(get "$A" "$PF/portfolio?todo=1")
echo "$f" | grep -q 'id="s-A-1"' && fail "'not yet scored' shows the scored A-1"
echo "$f" | grep -q 'id="s-A-4"' || fail "'not yet scored' misses A-4"
f=$(get "$A" "$PF/portfolio?assignment=outsource")
echo "$f" | grep -q 'id="s-A-2"' || fail "assignment filter misses A-2"
echo "$f" | grep -q 'id="s-A-1"' && fail "assignment filter 'outsource' shows A-1"
f=$(get "$A" "$PF/portfolio?team=SOC")
echo "$f" | grep -q 'id="s-A-1"' || fail "team filter misses A-1"
echo "$f" | grep -q 'id="s-A-2"' && fail "team filter 'SOC' shows A-2"
get "$A" "$PF/portfolio?cat=A&todo=1" >"$W/pf3.html"
mapfile -t r4 < <(hidden_of "$W/pf3.html" A-4)
code=$(post "$A" "$PF/portfolio" f_cat=A f_todo=1 "${r4[@]}" cur_insource:A-4=2)
[ "$code" = 303 ] || fail "saving a filtered view gave $code: $(detail)"
location | grep -q 'done=saved&n=1&cat=A&todo=1#s-A-4' || fail "the save lost the filter: '$(location)'"
get "$A" "$PF/portfolio?lang=ja" | grep -q 'あるべき姿' || fail "Japanese portfolio lacks あるべき姿"
get "$A" "$PF/portfolio?lang=en" >/dev/null

# ---- report and downloads ----
r=$(get "$A" "$PF/report")
[ "$(status)" = 200 ] || fail "report gave $(status)"
for k in 'class="portfolio cards"' 'id="gaps"' 'id="radar"' 'id="heatmap"' '<svg'; do
	echo "$r" | grep -q "$k" || fail "report page lacks $k"
done
echo "$r" | grep -q 'In-house (SOC)' || fail "report table lacks the team name"
[ "$(echo "$r" | grep -o '<table' | wc -l)" -ge 5 ] || fail "charts lack their text alternatives"
for f in text:text/plain md:text/markdown csv:text/csv json:application/json html:text/html \
	csv-excel:text/csv; do
	fmt=${f%%:*} mime=${f#*:}
	curl -s -b "$A" -D "$W/dl.hdr" -o "$W/dl.out" "$U$PF/download/$fmt"
	grep -qi "^content-type: $mime" "$W/dl.hdr" || fail "download $fmt has $(grep -i '^content-type' "$W/dl.hdr")"
	grep -qi '^content-disposition: attachment; filename="cdcf-Acme-x1060-2021-cycle1[.-]' "$W/dl.hdr" ||
		fail "download $fmt has no ASCII attachment filename"
	[ -s "$W/dl.out" ] || fail "download $fmt is empty"
done
curl -s -b "$A" "$U$PF/download/json" | jq -e '.entries | length > 0' >/dev/null || fail "JSON download is not the report"
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$A" "$U$PF/download/docx")
[ "$code" = 404 ] || fail "unknown format gave $code"
# the machine CSV stays as it was; the CSV for spreadsheets has a BOM, CRLF, the page's language
echo "$r" | grep -q '/download/csv-excel"' || fail "report page lacks the CSV for spreadsheets"
echo "$r" | grep -q 'CSV for spreadsheets (Excel)' || fail "report page lacks the Excel CSV's label"
curl -s -b "$A" "$U$PF/download/csv" | head -c 4 | grep -q '^ref,' || fail "machine CSV does not start with ref,"
curl -s -b "$A" -D "$W/xl.hdr" -o "$W/xl.csv" "$U$PF/download/csv-excel"
grep -qi 'filename="cdcf-Acme-x1060-2021-cycle1-excel\.csv"' "$W/xl.hdr" || fail "Excel CSV's file name"
[ "$(head -c 3 "$W/xl.csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "Excel CSV lacks its BOM"
head -n 1 "$W/xl.csv" | grep -q "Ref,Service,.*$(printf '\r')\$" || fail "Excel CSV heading is not English with CRLF"
j=$(get "$A" "$PF/report?lang=ja")
echo "$j" | grep -q 'ダウンロード' || fail "Japanese report lacks ダウンロード"
echo "$j" | grep -q 'CSV（表計算ソフト・Excel用）' || fail "Japanese report lacks the Excel CSV's label"
curl -s -b "$A" "$U$PF/download/csv-excel" | head -n 1 | grep -q '^.\{1,3\}番号,サービス,' ||
	fail "Excel CSV is not in the page's language (Japanese)"
get "$A" "$PF/report?lang=en" >/dev/null

# ---- hostile text is inert on every page ----
for page in catalogue profile portfolio report; do
	h=$(get "$A" "$PF/$page")
	echo "$h" | grep -qF "$XS" && fail "$page renders a raw <script>"
	echo "$h" | grep -qF "$XI" && fail "$page renders a raw <img onerror>"
	echo "$h" | grep -qF '<img src=x' && fail "$page renders an injected <img>"
done
get "$A" "$PF/profile" | grep -qF '&lt;script&gt;alert(1)&lt;/script&gt;' || fail "team name not shown escaped"
get "$A" "$PF/catalogue" | grep -qF '&quot;&gt;&lt;img src=x onerror=alert(1)&gt;' || fail "custom name not shown escaped"
get "$A" "$PF/portfolio" | grep -qF '&lt;script&gt;alert(1)&lt;/script&gt;' || fail "note not shown escaped"

# ---- roles ----
for page in catalogue profile portfolio report; do
	h=$(get "$V" "$PF/$page")
	[ "$(status)" = 200 ] || fail "viewer GET $page gave $(status)"
	echo "$h" | grep -Eq 'name="(level:|assignment:|team:|provider:|cur_|tgt_|note:|evidence:|version:)' &&
		fail "viewer gets edit controls on $page"
	echo "$h" | grep -q 'method="post" action="/o/' && fail "viewer gets a form on $page"
done
code=$(post "$V" "$PF/catalogue" action=levels "level:A-3=basic" "was:A-3=advanced")
[ "$code" = 403 ] || fail "viewer POST catalogue gave $code, not 403"
code=$(post "$V" "$PF/portfolio" version:A-1=1 cur_insource:A-1=1)
[ "$code" = 403 ] || fail "viewer POST portfolio gave $code, not 403"
[ "$(entry A-3 .level)" = advanced ] || fail "viewer changed the catalogue"
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$V" "$U/o/$OTHER/p/$FW/catalogue")
[ "$code" = 404 ] || fail "non-member got $code for another organization, not 404"
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$A" "$U/o/$ACME/p/no-such-fw/catalogue")
[ "$code" = 404 ] || fail "unknown framework gave $code, not 404"
get "$N" "$PF/portfolio" >"$W/ann.html"
form_version "$W/ann.html" A-1 | grep -q . || fail "assessor cannot score its team's A-1"
form_version "$W/ann.html" A-2 | grep -q . && fail "assessor gets controls for A-2 (not its team)"
grep -q 'name="cur_outsource:A-2"' "$W/ann.html" && fail "assessor gets a score select for A-2"
[ "$(grep -c "method=\"post\" action=\"$PF/portfolio\"" "$W/ann.html")" = 1 ] ||
	fail "the assessor's portfolio page is not one form"
mapfile -t n1 < <(hidden_of "$W/ann.html" A-1)
v=$(form_version "$W/pf.html" A-2)
# one change to another team's service refuses the whole save
code=$(post "$N" "$PF/portfolio" "${n1[@]}" cur_insource:A-1=4 tgt_insource:A-1=5 \
	"version:A-2=${v:-1}" cur_outsource:A-2=1)
[ "$code" = 403 ] || fail "assessor scoring another team's service gave $code, not 403"
[ "$(entry A-1 .insource.current)" = 3 ] || fail "a refused assessor save applied A-1"
[ "$(entry A-2 .outsource.current)" = 2 ] || fail "assessor changed A-2"
code=$(post "$N" "$PF/portfolio" "${n1[@]}" cur_insource:A-1=4 tgt_insource:A-1=5)
[ "$code" = 303 ] || fail "assessor scoring its team's service gave $code: $(detail)"
[ "$(entry A-1 .insource.current)" = 4 ] || fail "assessor's score not stored"
# a hybrid service of its team: the assessor scores the in-house side only
c assign Acme $FW A-1 --hybrid SOC MSSP >/dev/null || fail "assign hybrid"
get "$N" "$PF/portfolio" >"$W/ann.html"
grep -q 'name="cur_insource:A-1"' "$W/ann.html" || fail "assessor lost the in-house side of hybrid A-1"
grep -q 'name="cur_outsource:A-1"' "$W/ann.html" && fail "assessor gets the provider's side of A-1"
mapfile -t n1 < <(hidden_of "$W/ann.html" A-1)
code=$(post "$N" "$PF/portfolio" "${n1[@]}" cur_outsource:A-1=2 tgt_outsource:A-1=4)
[ "$code" = 403 ] || fail "assessor scoring the provider's side of hybrid A-1 gave $code, not 403"
[ "$(entry A-1 .outsource.current)" = null ] || fail "a refused assessor save scored the provider's side"
code=$(post "$N" "$PF/portfolio" "${n1[@]}" cur_insource:A-1=3)
[ "$code" = 303 ] || fail "assessor scoring the in-house side of hybrid A-1 gave $code: $(detail)"
[ "$(entry A-1 .insource.current)" = 3 ] || fail "assessor's in-house score of hybrid A-1 not stored"
c assign Acme $FW A-1 --insource SOC >/dev/null || fail "assign back in-house"
code=$(post "$N" "$PF/profile" version:A-1=1 assignment:A-1=unassigned was_assignment:A-1=insource)
[ "$code" = 403 ] || fail "assessor POST profile gave $code, not 403"

# ---- CSRF ----
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$A" --data-urlencode "action=preset" \
	--data-urlencode "preset=first-steps" "$U$PF/catalogue")
[ "$code" = 403 ] || fail "POST without CSRF gave $code, not 403"

serve_stop
# the figures kept for the lists match every portfolio recomputed from its entries
c db stats >/dev/null || fail "kept figures differ from the entries: $(c db stats 2>&1 | head -3)"
echo "web_build: ok"
