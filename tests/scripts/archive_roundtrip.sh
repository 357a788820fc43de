#!/bin/bash
# export -> import into an empty database -> export gives an identical file,
# across all three build phases, actions, custom services and two cycles; a
# truncated or malformed archive is refused with exit 1 and changes nothing.
set -u
CDCF=$1
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
export CDCF_NOW=2026-04-01T09:00:00Z
fail() { echo "FAIL: $*"; exit 1; }
. "$(dirname "$0")/lib/test_db.sh"
DEMO=$(new_db demo.db) && RT=$(new_db rt.db) || fail "no database"

sh "${CDCF_SOURCE:?}/scripts/demo.sh" "$CDCF" "$DEMO" >/dev/null || fail "demo script"
c() { "$CDCF" --db "$DEMO" "$@"; }
c service add "Example Corp" x1060-2021 A-90 "Supplier security review" --name-ja "委託先セキュリティ確認" --category A >/dev/null || fail "custom service"
c portfolio schedule "Example Corp" x1060-2021 2027-04-30 >/dev/null || fail "schedule"
# the parent with a portfolio of its own: its group's figures count its entries too
c portfolio new "Example Group" x1060-2021 --preset full-cdc >/dev/null || fail "parent portfolio"
# two providers linked to provider organizations in cdcf, one of them shared
c org add "Z Security Ltd" >/dev/null && c org add "Forensics Inc" >/dev/null || fail "provider orgs"
c provider link "Example Corp" Z-MSSP "Z Security Ltd" >/dev/null || fail "link"
c provider share "Example Corp" Z-MSSP on >/dev/null || fail "share"
c provider link "Example Corp" "Forensics Partner Ltd" "Forensics Inc" >/dev/null || fail "link 2"
c export "Example Corp" -o "$W/a.json" 2>/dev/null || fail "export"
c export "Example Group" -o "$W/g.json" 2>/dev/null || fail "export parent"
c export "Z Security Ltd" -o "$W/z.json" 2>/dev/null || fail "export provider org"
c export "Forensics Inc" -o "$W/f.json" 2>/dev/null || fail "export provider org 2"
grep -q '"provider_links"' "$W/a.json" || fail "archive lacks the provider links"
grep -q '"provider_links"' "$W/g.json" && fail "an archive without links carries provider_links"

# the child needs its parent first
"$CDCF" --db "$RT" init >/dev/null
out=$("$CDCF" --db "$RT" import "$W/a.json" 2>&1); rc=$?
[ $rc = 1 ] || fail "import without the parent organization gave exit $rc"
echo "$out" | grep -q "Example Group" || fail "missing-parent message does not name the parent: $out"
"$CDCF" --db "$RT" import "$W/g.json" >/dev/null || fail "import parent"
# ... and the organizations its providers are linked to
"$CDCF" --db "$RT" import "$W/z.json" >/dev/null || fail "import provider org"
out=$("$CDCF" --db "$RT" import "$W/a.json" 2>&1); rc=$?
[ $rc = 1 ] || fail "import without a linked organization gave exit $rc"
echo "$out" | grep -q "provider_links\[0\]\.organization: unknown organization 'Forensics Inc'" ||
	fail "missing-linked-organization message does not name the path and organization: $out"
"$CDCF" --db "$RT" org list | grep -q "Example Corp" && fail "a refused import left the organization"
"$CDCF" --db "$RT" import "$W/f.json" >/dev/null || fail "import provider org 2"
"$CDCF" --db "$RT" import "$W/a.json" >/dev/null || fail "import"
"$CDCF" --db "$RT" provider clients "Z Security Ltd" | grep -q "Example Corp" ||
	fail "the shared link did not come back: the provider sees no client"
"$CDCF" --db "$RT" provider clients "Forensics Inc" | grep -q "Example Corp" &&
	fail "the link that was not shared came back shared"
"$CDCF" --db "$RT" export "Example Corp" -o "$W/b.json" 2>/dev/null || fail "re-export"
cmp "$W/a.json" "$W/b.json" || fail "export -> import -> export differs"
"$CDCF" --db "$RT" db stats --check >/dev/null 2>&1 ||
	fail "the kept figures (portfolios, surveys, groups) differ after the imports: $("$CDCF" --db "$RT" db stats --check 2>&1)"
grep -q '"snapshot_hash"' "$W/a.json" || fail "archive lacks the closed cycle"
grep -q 'A-90' "$W/a.json" || fail "archive lacks the custom service"
grep -q '"next_evaluation": "2027-04-30"' "$W/a.json" || fail "archive lacks the planned evaluation"
"$CDCF" --db "$RT" status "Example Corp" x1060-2021 --json | grep -q '"next_evaluation": "2027-04-30"' ||
	fail "the imported portfolio lost its planned evaluation"

# importing the same organization again is refused and changes nothing
before=$(CDCF_DB=$RT db_dump | sha256sum)
"$CDCF" --db "$RT" import "$W/a.json" >/dev/null 2>&1; rc=$?
[ $rc = 1 ] || fail "second import gave exit $rc"

# truncated, malformed and wrong-typed archives
head -c 300 "$W/a.json" > "$W/trunc.json"
out=$("$CDCF" --db "$RT" import "$W/trunc.json" 2>&1); rc=$?
[ $rc = 1 ] || fail "truncated import gave exit $rc"
echo "$out" | grep -q "trunc.json" || fail "truncated-import message does not name the file: $out"
sed 's/"level": "basic"/"level": "urgent"/' "$W/a.json" | sed 's/"Example Corp"/"Other Corp"/' > "$W/badlevel.json"
out=$("$CDCF" --db "$RT" import "$W/badlevel.json" 2>&1); rc=$?
[ $rc = 1 ] || fail "bad level import gave exit $rc"
echo "$out" | grep -q "urgent" || fail "bad-level message does not name the value: $out"
sed 's/"next_evaluation": "2027-04-30"/"next_evaluation": "2027-02-29"/' "$W/a.json" | sed 's/"Example Corp"/"Other Corp"/' > "$W/baddate.json"
out=$("$CDCF" --db "$RT" import "$W/baddate.json" 2>&1); rc=$?
[ $rc = 1 ] || fail "bad next_evaluation import gave exit $rc"
echo "$out" | grep -q "portfolios\[[0-9]*\]\.next_evaluation: '2027-02-29' is not a valid date" ||
	fail "bad-date message does not name the JSON path: $out"
awk '/"provider_links"/ { links = 1 } links && !done && /"provider": "Z-MSSP"/ { sub(/"Z-MSSP"/, "\"Nobody\""); done = 1 } { print }' "$W/a.json" |
	sed 's/"Example Corp"/"Other Corp"/' > "$W/badlink.json"
grep -q '"Nobody"' "$W/badlink.json" || fail "badlink.json was not made"
out=$("$CDCF" --db "$RT" import "$W/badlink.json" 2>&1); rc=$?
[ $rc = 1 ] || fail "link of an unknown provider gave exit $rc"
echo "$out" | grep -q "provider_links\[[0-9]\]\.provider: unknown provider 'Nobody'" ||
	fail "unknown-provider link message does not name the path: $out"
sed 's/"shared": true/"shared": "yes"/' "$W/a.json" | sed 's/"Example Corp"/"Other Corp"/' > "$W/badshared.json"
out=$("$CDCF" --db "$RT" import "$W/badshared.json" 2>&1); rc=$?
[ $rc = 1 ] || fail "a link shared \"yes\" gave exit $rc"
echo "$out" | grep -q "provider_links\[1\]\.shared: expected a boolean, got a string" ||
	fail "wrong-typed shared message does not name the path: $out"
echo '[1, 2' > "$W/broken.json"
"$CDCF" --db "$RT" import "$W/broken.json" >/dev/null 2>&1; [ $? = 1 ] || fail "broken json not exit 1"
after=$(CDCF_DB=$RT db_dump | sha256sum)
[ "$before" = "$after" ] || fail "refused imports changed the database"
echo "archive round trip: ok"
