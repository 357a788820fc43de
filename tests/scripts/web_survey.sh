#!/bin/bash
# Surveys on the web: the coordinator makes a survey, invites an organization
# and makes links; an outside respondent answers by link without an account
# (a pre-session CSRF token, as /login), revises, is refused a bad score with
# the service named, and sees the aggregate only from the minimum group on; a
# token reaches its own response only; a member of an invited organization
# answers on the organization's page; the results export as CSV and JSON.
set -u
CDCF=$1
. "$(dirname "$0")/lib/web_env.sh"

c init >/dev/null && c org add Acme >/dev/null && c org add Other >/dev/null || fail "set-up"
echo 'ada-password-123' | c user add --admin ada --password-stdin >/dev/null || fail "admin"
echo 'ed-password-1234' | c user add ed --password-stdin >/dev/null && c user grant ed Acme editor >/dev/null ||
	fail "editor"
echo 'ot-password-1234' | c user add ot --password-stdin >/dev/null && c user grant ot Other editor >/dev/null ||
	fail "other"

serve_start
A="$W/ada.jar"
login "$A" ada ada-password-123
get "$A" / | grep -q '<a href="/surveys">Surveys</a>' || fail "the menu does not link to the surveys"
WEB_GET_KEEPS_CSRF=1 get "$A" /surveys >/dev/null
[ "$(status)" = 200 ] || fail "/surveys: $(status)"
[ "$(post "$A" /surveys name=Web2026 framework=$FW services=A-1,A-2 min_group=2 deadline=2026-06-30)" = 303 ] ||
	fail "new survey: $(cat "$W/post.html" | head -3)"
SV=$(loc | grep -o '[0-9]\+$')
[ -n "$SV" ] || fail "no survey id"
WEB_GET_KEEPS_CSRF=1 get "$A" "/surveys/$SV" | grep -q 'Web2026' || fail "survey page"
[ "$(post "$A" "/surveys/$SV/invite" orgs=Acme)" = 303 ] || fail "invite"
[ "$(post "$A" "/surveys/$SV/links" count=2)" = 200 ] || fail "links"
grep -o '/s/[0-9a-f]\{48\}' "$W/post.html" | sed 's,/s/,,' >"$W/tokens"
[ "$(wc -l <"$W/tokens")" = 2 ] || fail "two links expected"
T1=$(sed -n 1p "$W/tokens")
T2=$(sed -n 2p "$W/tokens")
grep -q "$T1" "$W/serve.log" && fail "a token reached the log"

# an outside respondent: no account, the pre-session cookie's CSRF token
R="$W/resp.jar"
page=$(curl -s -c "$R" -b "$R" "$U/s/$T1?lang=en")
echo "$page" | grep -q 'name="impl:A-1"' || fail "no form on the link's page"
echo "$page" | grep -q 'in-house 1-5' || fail "the current score's scale is not shown"
tok=$(echo "$page" | csrf_of)
[ -n "$tok" ] || fail "no CSRF token on the link's page"
code=$(curl -s -o "$W/r.html" -w '%{http_code}' -c "$R" -b "$R" "$U/s/$T1" --data-urlencode "csrf=$tok" \
	--data-urlencode "impl:A-1=yes" --data-urlencode "level:A-1=basic" --data-urlencode "asg:A-1=insource" \
	--data-urlencode "cur:A-1=3" --data-urlencode "respondent=Ann")
[ "$code" = 200 ] || fail "answer by link: $code"
grep -q "fewer than 2 responses" "$W/r.html" || fail "the aggregate is not suppressed below k"
# without the CSRF token: refused
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$R" "$U/s/$T1" --data-urlencode "impl:A-1=no")
[ "$code" = 403 ] || fail "an answer without the CSRF token: $code"
# a bad score: refused, the service named, nothing saved
code=$(curl -s -o "$W/r.html" -w '%{http_code}' -c "$R" -b "$R" "$U/s/$T1" --data-urlencode "csrf=$tok" \
	--data-urlencode "impl:A-1=yes" --data-urlencode "asg:A-1=insource" --data-urlencode "cur:A-1=9")
[ "$code" = 400 ] || fail "a bad score answered $code"
grep -q "A-1" "$W/r.html" && grep -q "must be 1-5" "$W/r.html" || fail "the refusal does not name the service"
[ "$(db_sql "SELECT current_score FROM survey_answers")" = 3 ] || fail "the refused answer changed the stored one"
# revise
code=$(curl -s -o "$W/r.html" -w '%{http_code}' -c "$R" -b "$R" "$U/s/$T1" --data-urlencode "csrf=$tok" \
	--data-urlencode "impl:A-1=yes" --data-urlencode "asg:A-1=outsource" --data-urlencode "cur:A-1=4")
[ "$code" = 200 ] || fail "revise: $code"
[ "$(db_sql "SELECT assignment || current_score FROM survey_answers")" = outsource4 ] || fail "not revised"
# the second link has its own, empty response
page=$(curl -s -c "$R" -b "$R" "$U/s/$T2")
echo "$page" | grep -q 'value="4"' && fail "the second token shows the first one's answers"
code=$(curl -s -o /dev/null -w '%{http_code}' "$U/s/0123456789abcdef0123456789abcdef0123456789abcdef")
[ "$code" = 404 ] || fail "an unknown token answered $code"
# Japanese
curl -s -H 'Accept-Language: ja' "$U/s/$T2" | grep -q '実施していますか' || fail "no Japanese form"

# a member of the invited organization answers on its page; another organization cannot
E="$W/ed.jar"
login "$E" ed ed-password-1234
ACME=$(db_sql "SELECT id FROM organizations WHERE name = 'Acme'")
OTHER=$(db_sql "SELECT id FROM organizations WHERE name = 'Other'")
get "$E" /surveys | grep -q "href=\"/o/$ACME/surveys/$SV\"" || fail "/surveys does not lead the member to the survey"
WEB_GET_KEEPS_CSRF=1 get "$E" "/o/$ACME/surveys/$SV" | grep -q 'name="impl:A-1"' || fail "member form: $(status)"
[ "$(post "$E" "/o/$ACME/surveys/$SV" impl:A-1=yes level:A-1=standard asg:A-1=hybrid cur:A-1=2)" = 200 ] ||
	fail "member answer"
grep -q 'Your answers are saved' "$W/post.html" || fail "no saved notice"
grep -q 'fewer than' "$W/post.html" && fail "still suppressed with 2 responses"
O="$W/ot.jar"
login "$O" ot ot-password-1234
get "$O" "/o/$OTHER/surveys/$SV" >/dev/null
[ "$(status)" = 404 ] || fail "an organization not invited sees the survey: $(status)"
get "$O" "/surveys/$SV" >/dev/null
[ "$(status)" = 404 ] || fail "a user who is not the coordinator sees the survey: $(status)"

# the coordinator's results and exports
get "$A" "/surveys/$SV" | grep -q 'A-1' || fail "results"
get "$A" "/surveys/$SV/results.csv" | grep -q '^service,A-1' || fail "CSV export"
get "$A" "/surveys/$SV/results.json" | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["responses"] == 2' ||
	fail "JSON export"
curl -s -b "$A" -o "$W/r.xlsx" "$U/surveys/$SV/results.xlsx" && python3 -c '
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
assert "A-1" in z.read("xl/sharedStrings.xml").decode()' "$W/r.xlsx" || fail "XLSX export"
# closing ends answering
WEB_GET_KEEPS_CSRF=1 get "$A" "/surveys/$SV" >/dev/null
[ "$(post "$A" "/surveys/$SV/close")" = 303 ] || fail "close"
curl -s "$U/s/$T1" | grep -q 'no longer takes answers' || fail "a closed survey still shows its form"
# 60 invited organizations: the coordinator's page lists them 50 a page, by name
i=10; while [ $i -lt 70 ]; do c org add "Org $i" >/dev/null || fail "org $i"; i=$((i + 1)); done
c survey new Paged --framework $FW --services A-1 >/dev/null || fail "survey Paged"
i=10; while [ $i -lt 70 ]; do echo "Org $i"; i=$((i + 1)); done | tr '\n' '\0' |
	xargs -0 "$CDCF" survey invite Paged >/dev/null || fail "invite 60"
PG=$(db_sql "SELECT id FROM surveys WHERE name = 'Paged'")
get "$A" "/surveys/$PG" >"$W/p1.html"
grep -q 'Org 59' "$W/p1.html" && ! grep -q 'Org 60' "$W/p1.html" || fail "first page of invites"
grep -q 'Invited 60' "$W/p1.html" || fail "the total of invites"
grep -q "href=\"/surveys/$PG?after=Org%2059\" rel=\"next\"" "$W/p1.html" || fail "next page link"
get "$A" "/surveys/$PG?after=Org%2059" >"$W/p2.html"
grep -q 'Org 60' "$W/p2.html" && grep -q 'Org 69' "$W/p2.html" && ! grep -q 'Org 59<' "$W/p2.html" ||
	fail "second page of invites"
grep -q 'rel="first"' "$W/p2.html" && ! grep -q 'rel="next"' "$W/p2.html" || fail "last page links"
echo "ok: survey by link and by organization, revisions, refusals, suppression, exports, paged invites"
