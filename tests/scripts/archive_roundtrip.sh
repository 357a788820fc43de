#!/bin/sh
# export -> import into an empty database -> export gives an identical file,
# across all three build phases, actions, custom services and two cycles; a
# truncated or malformed archive is refused with exit 1 and changes nothing.
set -u
CDCF=$1
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
export CDCF_NOW=2026-04-01T09:00:00Z
fail() { echo "FAIL: $*"; exit 1; }

sh "${CDCF_SOURCE:?}/scripts/demo.sh" "$CDCF" "$W/demo.db" >/dev/null || fail "demo script"
c() { "$CDCF" --db "$W/demo.db" "$@"; }
c service add "Example Corp" x1060-2021 A-90 "Supplier security review" --name-ja "委託先セキュリティ確認" --category A >/dev/null || fail "custom service"
c portfolio schedule "Example Corp" x1060-2021 2027-04-30 >/dev/null || fail "schedule"
c export "Example Corp" -o "$W/a.json" 2>/dev/null || fail "export"
c export "Example Group" -o "$W/g.json" 2>/dev/null || fail "export parent"

# the child needs its parent first
"$CDCF" --db "$W/rt.db" init >/dev/null
out=$("$CDCF" --db "$W/rt.db" import "$W/a.json" 2>&1); rc=$?
[ $rc = 1 ] || fail "import without the parent organization gave exit $rc"
echo "$out" | grep -q "Example Group" || fail "missing-parent message does not name the parent: $out"
"$CDCF" --db "$W/rt.db" import "$W/g.json" >/dev/null || fail "import parent"
"$CDCF" --db "$W/rt.db" import "$W/a.json" >/dev/null || fail "import"
"$CDCF" --db "$W/rt.db" export "Example Corp" -o "$W/b.json" 2>/dev/null || fail "re-export"
cmp "$W/a.json" "$W/b.json" || fail "export -> import -> export differs"
grep -q '"snapshot_hash"' "$W/a.json" || fail "archive lacks the closed cycle"
grep -q 'A-90' "$W/a.json" || fail "archive lacks the custom service"
grep -q '"next_evaluation": "2027-04-30"' "$W/a.json" || fail "archive lacks the planned evaluation"
"$CDCF" --db "$W/rt.db" status "Example Corp" x1060-2021 --json | grep -q '"next_evaluation": "2027-04-30"' ||
	fail "the imported portfolio lost its planned evaluation"

# importing the same organization again is refused and changes nothing
before=$(sqlite3 "$W/rt.db" .dump | sha256sum)
"$CDCF" --db "$W/rt.db" import "$W/a.json" >/dev/null 2>&1; rc=$?
[ $rc = 1 ] || fail "second import gave exit $rc"

# truncated, malformed and wrong-typed archives
head -c 300 "$W/a.json" > "$W/trunc.json"
out=$("$CDCF" --db "$W/rt.db" import "$W/trunc.json" 2>&1); rc=$?
[ $rc = 1 ] || fail "truncated import gave exit $rc"
echo "$out" | grep -q "trunc.json" || fail "truncated-import message does not name the file: $out"
sed 's/"level": "basic"/"level": "urgent"/' "$W/a.json" | sed 's/"Example Corp"/"Other Corp"/' > "$W/badlevel.json"
out=$("$CDCF" --db "$W/rt.db" import "$W/badlevel.json" 2>&1); rc=$?
[ $rc = 1 ] || fail "bad level import gave exit $rc"
echo "$out" | grep -q "urgent" || fail "bad-level message does not name the value: $out"
sed 's/"next_evaluation": "2027-04-30"/"next_evaluation": "2027-02-29"/' "$W/a.json" | sed 's/"Example Corp"/"Other Corp"/' > "$W/baddate.json"
out=$("$CDCF" --db "$W/rt.db" import "$W/baddate.json" 2>&1); rc=$?
[ $rc = 1 ] || fail "bad next_evaluation import gave exit $rc"
echo "$out" | grep -q "portfolios\[[0-9]*\]\.next_evaluation: '2027-02-29' is not a valid date" ||
	fail "bad-date message does not name the JSON path: $out"
echo '[1, 2' > "$W/broken.json"
"$CDCF" --db "$W/rt.db" import "$W/broken.json" >/dev/null 2>&1; [ $? = 1 ] || fail "broken json not exit 1"
after=$(sqlite3 "$W/rt.db" .dump | sha256sum)
[ "$before" = "$after" ] || fail "refused imports changed the database"
echo "archive round trip: ok"
