#!/bin/bash
# Everyday management through the pages and the API, as a browser without
# JavaScript and a script would: a child organization added from its
# parent's overview (site administrators only; a taken name refused in the
# form, in both languages); a service taken out of the catalogue (the page's
# form with its confirmation, DELETE of the entry; refused while an open
# action refers to it, its values kept in the audit log); the audit log
# filtered by person, subject and days, paginated with the filter kept, and
# downloaded as a CSV for spreadsheets (BOM, headings in the page's language,
# formulas neutralised). The clock is pinned: "today" is 2026-04-01.
set -u
CDCF=$1
. "$(dirname "$0")/lib/api_env.sh"
. "$(dirname "$0")/lib/web_env.sh"
# get remembers each page's CSRF token in JAR.csrf, for the next post
WEB_GET_KEEPS_CSRF=1
PW='correct horse battery staple'
api() { curl -s -o "$W/api.json" -w '%{http_code}' -H "Authorization: Bearer $1" "${@:2}"; }

AD="$W/admin.jar"
AL="$W/alice.jar"
login "$AD" admin "$PW"
login "$AL" alice "$PW"

# ---- a child organization from its parent's page ----
p=$(get "$AD" "/o/$ORG_A")
echo "$p" | grep -q 'Add a child organization' || fail "a site admin sees no child form on A"
echo "$p" | grep -q "action=\"/o/$ORG_A/children#new-child\"" || fail "the child form does not post to A"
p=$(get "$AL" "/o/$ORG_A")
echo "$p" | grep -q 'Add a child organization' && fail "an editor of A is offered the child form"
code=$(post "$AL" "/o/$ORG_A/children" name=Sneaky)
[ "$code" = 403 ] || fail "an editor adding a child organization got $code"
c org list | grep -q Sneaky && fail "an editor's child organization was created"
get "$AD" "/o/$ORG_A" >/dev/null
code=$(post "$AD" "/o/$ORG_A/children" name=A-East)
[ "$code" = 303 ] || fail "adding a child organization gave $code"
grep -q 'done=org' "$W/post.loc" || fail "no confirmation after adding a child: $(cat "$W/post.loc")"
c org list | grep -q "A-East.*A" || fail "A-East is not under A: $(c org list)"
p=$(get "$AD" "/o/$ORG_A")
echo "$p" | grep -q '>A-East</a>' || fail "A's page does not list its child"
# a taken name: refused in the form, the name kept, in the page's language
code=$(post "$AD" "/o/$ORG_A/children" name=B)
[ "$code" = 409 ] || fail "a taken child name gave $code"
grep -q 'An organization called &quot;B&quot; already exists' "$W/post.html" ||
	grep -q 'An organization called "B" already exists' "$W/post.html" ||
	fail "the taken name is not explained: $(grep -o 'notice error.\{0,200\}' "$W/post.html")"
grep -q 'id="child-name"[^>]*value="B"' "$W/post.html" || grep -q 'value="B"[^>]*id="child-name"' "$W/post.html" ||
	fail "the refused name is not kept in the form"
code=$(curl -s -o "$W/post.html" -w '%{http_code}' -b "$AD" -c "$AD" -H 'Accept-Language: ja' \
	--data-urlencode name=B --data-urlencode "csrf=$(cat "$AD.csrf")" "$BASE/o/$ORG_A/children?lang=ja")
[ "$code" = 409 ] || fail "a taken child name (ja) gave $code"
grep -q '組織はすでにあります' "$W/post.html" || fail "the refusal is not in Japanese"
get "$AD" "/o/$ORG_A?lang=en" >/dev/null
# no CSRF token: refused, nothing created
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$AD" --data-urlencode name=NoToken "$BASE/o/$ORG_A/children")
[ "$code" = 403 ] || fail "a child form without CSRF token gave $code"
c org list | grep -q NoToken && fail "a child organization was created without a CSRF token"

# ---- taking a service out of the catalogue: the page ----
c score A "$FW" A-1 --side insource --current 2 --target 4 >/dev/null || fail "score A-1"
c action add A "$FW" A-1 "Write the runbook" >/dev/null || fail "action add"
CAT="/o/$ORG_A/p/$FW/catalogue"
p=$(get "$AL" "$CAT")
echo "$p" | grep -q 'Take a service out of the catalogue' || fail "no remove form on the catalogue"
echo "$p" | grep -q 'name="confirm"' || fail "the remove form has no confirmation"
p=$(get "$AD" "$CAT")
login "$W/vic.jar" vic "$PW"
get "$W/vic.jar" "$CAT" | grep -q 'Take a service out of the catalogue' && fail "a viewer is offered the remove form"
get "$AL" "$CAT" >/dev/null
# without the confirmation: nothing changes
code=$(post "$AL" "$CAT" action=remove ref=A-2)
[ "$code" = 400 ] || fail "remove without confirmation gave $code"
grep -q 'Tick the confirmation' "$W/post.html" || fail "unconfirmed remove is not explained"
c status A "$FW" --json | jq -e '.' >/dev/null
c report A "$FW" --format json | jq -e '.entries[] | select(.ref == "A-2")' >/dev/null ||
	fail "A-2 left the catalogue without confirmation"
# an open action: refused, naming it
code=$(post "$AL" "$CAT" action=remove ref=A-1 confirm=yes)
[ "$code" = 409 ] || fail "removing a service with an open action gave $code"
grep -q "still has open improvement actions: 1 (#1)" "$W/post.html" || fail "the open action is not named"
# confirmed: out, with a confirmation
code=$(post "$AL" "$CAT" action=remove ref=A-2 confirm=yes)
[ "$code" = 303 ] || fail "remove gave $code"
grep -q 'done=removed' "$W/post.loc" || fail "no confirmation after remove: $(cat "$W/post.loc")"
get "$AL" "$(cat "$W/post.loc")" | grep -q 'Took the service out of the catalogue' ||
	fail "the confirmation is not shown"
c report A "$FW" --format json | jq -e '.entries[] | select(.ref == "A-2")' >/dev/null &&
	fail "A-2 is still in the catalogue"

# a PSIRT catalogue: its operational foundation (readiness, in scope by default) is
# marked not applicable, never taken out, so the form does not offer it
c portfolio new A first-psirt-1.1 >/dev/null || fail "psirt portfolio"
c select A first-psirt-1.1 1.1 --level basic >/dev/null || fail "psirt select"
get "$AL" "/o/$ORG_A/p/first-psirt-1.1/catalogue" | sed -n '/id="rm-ref"/,/<\/select>/p' >"$W/rm.html"
grep -q 'value="1.1"' "$W/rm.html" || fail "the PSIRT service 1.1 is not offered for removal"
grep -q 'value="OF' "$W/rm.html" && fail "a readiness component is offered for removal"
code=$(post "$AL" "/o/$ORG_A/p/first-psirt-1.1/catalogue" action=remove ref=OF.II.A confirm=yes)
[ "$code" = 400 ] || fail "removing a readiness component gave $code"
grep -q 'mark it not applicable' "$W/post.html" || fail "the readiness refusal is not explained"

# ---- the API: DELETE of the entry ----
E="$BASE/api/v1/orgs/$ORG_A/portfolios/$FW/entries"
code=$(api "$TOK_VIC" -X DELETE "$E/A-3")
[ "$code" = 403 ] || fail "a viewer's DELETE gave $code"
code=$(api "$TOK_ALICE" -X DELETE "$E/A-1")
[ "$code" = 409 ] || fail "DELETE of a service with an open action gave $code"
jq -e '.error.field == "ref"' "$W/api.json" >/dev/null || fail "the 409 does not name ref: $(cat "$W/api.json")"
code=$(api "$TOK_ALICE" -X DELETE -H 'If-Match: "v99"' "$E/A-3")
[ "$code" = 409 ] || fail "DELETE with a stale If-Match gave $code"
v=$(curl -s -H "Authorization: Bearer $TOK_ALICE" "$E/A-3" | jq -r .version)
code=$(api "$TOK_ALICE" -X DELETE -H "If-Match: \"v$v\"" "$E/A-3")
[ "$code" = 200 ] || fail "DELETE gave $code: $(cat "$W/api.json")"
jq -e '.ref == "A-3" and .assignment == "outsource"' "$W/api.json" >/dev/null ||
	fail "DELETE does not answer the entry as it was: $(cat "$W/api.json")"
code=$(api "$TOK_ALICE" -X DELETE "$E/A-3")
[ "$code" = 404 ] || fail "a second DELETE gave $code"

# ---- the audit log: filters, pages, CSV ----
AU="/o/$ORG_A/audit"
p=$(get "$AD" "$AU")
[ "$(status)" = 200 ] || fail "audit page gave $(status)"
echo "$p" | grep -q 'name="user"' && echo "$p" | grep -q 'name="subject"' &&
	echo "$p" | grep -q 'name="since"' && echo "$p" | grep -q 'name="until"' ||
	fail "the audit page has no filter form"
echo "$p" | grep -q '<option value="alice">alice</option>' || fail "alice is not offered as a person"
echo "$p" | grep -q 'Service removed' || fail "the removal is not in the log"
p=$(get "$AD" "$AU?user=alice")
echo "$p" | grep -q '<option value="alice" selected' || fail "the person filter is not kept"
n=$(echo "$p" | grep -c '<td data-label="Who" class="who">alice</td>')
[ "$n" -ge 2 ] || fail "alice's events are not listed ($n)"
echo "$p" | grep -q '<td data-label="Who">cli</td>' && fail "the person filter lets others through"
p=$(get "$AD" "$AU?subject=a-2")
echo "$p" | grep -q "&#39;A-2&#39; in" || fail "the subject filter finds nothing for A-2"
echo "$p" | grep -q "&#39;A-3&#39; in" && fail "the subject filter lets A-3 through"
# the removal keeps the values the service had
echo "$p" | grep -q 'Service removed' || fail "A-2's removal is not found by subject"
p=$(get "$AD" "$AU?subject=%27A-3%27&user=alice")
echo "$p" | grep -q 'Outsourced' || fail "A-3's removal does not show its assignment: $p"
p=$(get "$AD" "$AU?since=2026-04-02")
echo "$p" | grep -q 'No events match this filter.' || fail "a day after every event still matches"
p=$(get "$AD" "$AU?since=2026-04-01&until=2026-04-01")
echo "$p" | grep -q 'Service removed' || fail "the day of the events does not match"
p=$(get "$AD" "$AU?since=2026-02-30")
[ "$(status)" = 400 ] || fail "a bad day gave $(status)"
echo "$p" | grep -q "from date &#39;2026-02-30&#39; is not a valid date\|from date '2026-02-30' is not a valid date" ||
	fail "the bad day is not explained: $(echo "$p" | grep -o 'notice error.\{0,200\}')"
# pages keep the filter: 60 events by cli on A-1's notes, 50 a page
for i in $(seq 60); do echo "note $i"; done | while read -r t; do
	c score A "$FW" A-1 --side insource --note "$t" >/dev/null || exit 1
done || fail "notes"
p=$(get "$AD" "$AU?subject=A-1&user=cli")
echo "$p" | grep -q "href=\"/o/$ORG_A/audit?user=cli&amp;subject=A-1&amp;page=2\"" ||
	fail "the next page does not keep the filter: $(echo "$p" | grep -o '<nav class="pagination".*</nav>')"
p=$(get "$AD" "$AU?subject=A-1&user=cli&page=2")
echo "$p" | grep -q '<td data-label="Who">alice</td>' && fail "page 2 drops the filter"
echo "$p" | grep -q 'Newer' || fail "page 2 has no way back"
# the CSV of the filtered log
echo "$p" | grep -q "href=\"/o/$ORG_A/audit.csv?user=cli&amp;subject=A-1\"" || fail "no CSV link with the filter"
code=$(curl -s -b "$AD" -o "$W/audit.csv" -D "$W/csv.hdr" -w '%{http_code}' "$BASE/o/$ORG_A/audit.csv?subject=A-&lang=ja")
[ "$code" = 200 ] || fail "CSV gave $code"
grep -qi '^content-type: text/csv; charset=utf-8' "$W/csv.hdr" || fail "CSV content type: $(cat "$W/csv.hdr")"
grep -qi '^content-disposition: attachment' "$W/csv.hdr" || fail "the CSV is not a download"
head -c 3 "$W/audit.csv" | od -An -tx1 | grep -q 'ef bb bf' || fail "the CSV has no BOM"
head -1 "$W/audit.csv" | grep -q '日時,実行者,操作,対象,項目,変更前,変更後' ||
	fail "CSV headings are not in Japanese: $(head -1 "$W/audit.csv")"
grep -q 'サービスを削除' "$W/audit.csv" || fail "CSV events are not in Japanese words"
grep -q 'entry.delete\|"before_json"\|T09:00:00Z' "$W/audit.csv" && fail "CSV shows codes, JSON or ISO times"
[ "$(grep -c 'note' "$W/audit.csv")" -ge 60 ] || fail "the CSV is not the whole filtered log"
grep -q "'A-3'" "$W/audit.csv" || fail "the CSV misses A-3"
code=$(curl -s -b "$AD" -o /dev/null -w '%{http_code}' "$BASE/o/$ORG_A/audit.csv?user=alice&subject=Z-9")
[ "$code" = 200 ] || fail "an empty CSV gave $code"
# a note that a spreadsheet would read as a formula is neutralised
c score A "$FW" A-1 --side insource --note '=HYPERLINK("http://x")' >/dev/null || fail "formula note"
curl -s -b "$AD" "$BASE/o/$ORG_A/audit.csv?subject=A-1" >"$W/audit.csv"
grep -q "\"'=HYPERLINK(\"\"http://x\"\")\"" "$W/audit.csv" ||
	fail "a formula is not neutralised: $(grep HYPERLINK "$W/audit.csv")"
code=$(curl -s -b "$AD" -o /dev/null -w '%{http_code}' "$BASE/o/$ORG_A/audit.csv?until=nope")
[ "$code" = 400 ] || fail "a CSV with a bad day gave $code"
# the API reads the log with the same filter
code=$(api "$TOK_ADMIN" "$BASE/api/v1/orgs/$ORG_A/audit?user=alice&subject=A-3&per_page=50")
[ "$code" = 200 ] || fail "the filtered API audit gave $code"
jq -e '.total == 1 and .items[0].action == "entry.delete" and .items[0].before.ref == "A-3"' "$W/api.json" >/dev/null ||
	fail "the API filter: $(cat "$W/api.json")"
code=$(api "$TOK_ADMIN" "$BASE/api/v1/orgs/$ORG_A/audit?until=2026-13-01")
[ "$code" = 422 ] && jq -e '.error.field == "until"' "$W/api.json" >/dev/null ||
	fail "a bad day in the API filter gave $code: $(cat "$W/api.json")"
# only the organization's administrators read it
code=$(curl -s -b "$AL" -o /dev/null -w '%{http_code}' "$BASE/o/$ORG_A/audit.csv")
[ "$code" = 403 ] || fail "an editor's CSV gave $code"
# a done action of a removed service stays on the actions page, as history
c action done A "$FW" 1 >/dev/null || fail "action done"
c service remove A "$FW" A-1 >/dev/null || fail "service remove A-1"
p=$(get "$AL" "/o/$ORG_A/p/$FW/actions?status=all")
[ "$(status)" = 200 ] || fail "the actions page after a removal gave $(status)"
echo "$p" | grep -q 'Write the runbook' || fail "the done action of a removed service is gone"
[ -n "${KEEP_CSV:-}" ] && cp "$W/audit.csv" "$KEEP_CSV"
# the figures kept for the lists match every portfolio recomputed from its entries
c db stats >/dev/null || fail "kept figures differ from the entries: $(c db stats 2>&1 | head -3)"
echo "web_everyday: ok"
