#!/bin/bash
# Every OSCAL document cdcf writes validates against NIST's JSON schemas
# (../shared/reference/oscal, read in place) with ajv-cli 5 + ajv-formats 2 (npm,
# installed once into a cache directory): the catalog of every shipped framework, the
# assessment results and the POA&M of an assessed portfolio with an open action, and of a
# portfolio with nothing selected. The same data gives the same files (UUIDs v5); the
# cdcf props carry level, assignment, provider and scores.
set -u
CDCF=$1
REF="${CDCF_SHARED:-}/reference/oscal"
[ -f "$REF/oscal_catalog_schema.json" ] || { echo "SKIP: $REF is absent (the shared reference files are not here)"; exit 77; }
command -v npx >/dev/null 2>&1 || { echo "SKIP: node/npm is not installed"; exit 77; }
AJV="${XDG_CACHE_HOME:-$HOME/.cache}/cdcf-tests/ajv"
if [ ! -x "$AJV/node_modules/.bin/ajv" ]; then
  mkdir -p "$AJV" && (cd "$AJV" && npm install --silent --no-audit --no-fund ajv-cli@5 ajv-formats@2 >/dev/null 2>&1) \
    || { echo "SKIP: npm could not install ajv-cli@5 and ajv-formats@2"; exit 77; }
fi
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
export CDCF_NOW=2026-04-01T09:00:00Z
fail() { echo "FAIL: $*"; exit 1; }
. "$(dirname "$0")/lib/test_db.sh"
D=$(new_db t.db) || fail "no database"
c() { "$CDCF" --db "$D" "$@"; }
valid() { # SCHEMA FILE
  out=$(cd "$AJV" && npx ajv validate --spec=draft7 -c ajv-formats -s "$REF/$1" -d "$2" 2>&1) \
    || fail "$2 does not validate against $1: $out"
}

O="Example Corp"; F=x1060-2021
c init >/dev/null && c org add "$O" >/dev/null && c team add "$O" "AB department" >/dev/null \
  && c provider add "$O" "Z-MSSP" >/dev/null && c portfolio new "$O" $F >/dev/null || fail "setup"
c select "$O" $F A-1 A-2 --level basic >/dev/null && c select "$O" $F B-1 --level standard >/dev/null || fail select
c assign "$O" $F A-1 --insource "AB department" >/dev/null && c assign "$O" $F B-1 --outsource "Z-MSSP" >/dev/null || fail assign
c score "$O" $F A-1 --side insource --current 3 --target 5 >/dev/null || fail score
c score "$O" $F B-1 --side outsource --current 2 --target 4 >/dev/null || fail score
c action add "$O" $F A-1 "Write the risk register" --owner alice --due 2026-06-30 >/dev/null || fail action
# cycle 1 closed as it stands; in cycle 2 A-1 improves
cat > "$W/answers.json" <<'JSON'
{"catalogue": {"appropriate": "yes", "environment": "same"}, "profile": {"assignments": "keep"},
 "portfolio": {"scores": "first", "targets": "agreed"}}
JSON
c evaluate "$O" $F --answers "$W/answers.json" --approved-by CISO >/dev/null || fail "evaluate"
c score "$O" $F A-1 --side insource --current 4 --target 5 >/dev/null || fail "score in cycle 2"
c portfolio new "$O" first-csirt-2.1 >/dev/null || fail "empty portfolio"

for f in x1060-2021 x1060-2026 first-csirt-2.1 first-psirt-1.1 sim3-v1; do
  c framework export $f --format oscal -o "$W/cat-$f.json" 2>/dev/null || fail "catalog export $f"
  valid oscal_catalog_schema.json "$W/cat-$f.json"
done
c framework export $F --format oscal -o "$W/again.json" 2>/dev/null && cmp -s "$W/cat-$F.json" "$W/again.json" \
  || fail "catalog export is not deterministic"
for fmt in ar poam; do
  schema=oscal_assessment-results_schema.json; [ $fmt = poam ] && schema=oscal_poam_schema.json
  c export "$O" --format oscal-$fmt --framework $F -o "$W/$fmt.json" 2>/dev/null || fail "$fmt export"
  valid $schema "$W/$fmt.json"
  c export "$O" --format oscal-$fmt --framework $F -o "$W/$fmt-2.json" 2>/dev/null && cmp -s "$W/$fmt.json" "$W/$fmt-2.json" \
    || fail "$fmt export is not deterministic"
  c export "$O" --format oscal-$fmt --framework first-csirt-2.1 -o "$W/$fmt-empty.json" 2>/dev/null || fail "$fmt export of an empty portfolio"
  valid $schema "$W/$fmt-empty.json"
done

# the facts as cdcf props
p() { jq -r --arg ref "$2" --arg name "$3" '.. | objects | select(has("props")) | select(any(.props[]; .name == "label" and .value == $ref)) | .props[] | select(.ns == "urn:cdcf:ns:oscal" and .name == $name) | .value' "$W/$1" | head -1; }
[ "$(p ar.json B-1 provider)" = "Z-MSSP" ] || fail "AR provider of B-1: $(p ar.json B-1 provider)"
[ "$(p ar.json B-1 level)" = "standard" ] || fail "AR level of B-1"
# one result per cycle: cycle 1 closed (as frozen: A-1 at 3), cycle 2 open (A-1 at 4)
[ "$(jq -c '[."assessment-results".results[] | [.title, has("end")]]' "$W/ar.json")" = '[["Cycle 1",true],["Cycle 2",false]]' ] \
  || fail "AR results: $(jq -c '[."assessment-results".results[].title]' "$W/ar.json")"
jq '."assessment-results".results[0]' "$W/ar.json" > "$W/r1.json"
jq '."assessment-results".results[1]' "$W/ar.json" > "$W/r2.json"
[ "$(p r1.json A-1 insource-current)" = "3" ] && [ "$(p r1.json A-1 insource-target)" = "5" ] || fail "AR cycle 1 scores of A-1"
[ "$(p r1.json A-1 gap)" = "2" ] || fail "AR cycle 1 gap of A-1"
[ "$(p r2.json A-1 insource-current)" = "4" ] && [ "$(p r2.json A-1 gap)" = "1" ] || fail "AR cycle 2 scores of A-1"
[ "$(jq '[.findings[] | select(.target.status.state == "not-satisfied")] | length' "$W/r2.json")" = 3 ] \
  || fail "AR findings: A-1 and B-1 below target, A-2 not assessed"
[ "$(jq '[."assessment-results".results[] | (.observations[], .findings[]) | .uuid] | (length == (unique | length))' "$W/ar.json")" = true ] \
  || fail "AR uuids are not unique"
[ "$(jq '[."plan-of-action-and-milestones"."poam-items"[].props[] | select(.name == "item-kind") | .value] | join(",")' -r "$W/poam.json")" = "gap,gap,action" ] \
  || fail "POA&M items: two gaps then the action"
[ "$(p poam.json A-1 owner)" = "alice" ] || fail "POA&M action owner"
out=$(c export "$O" --format oscal-ar -o "$W/x.json" 2>&1) && fail "oscal-ar without --framework accepted"
echo "$out" | grep -q -- "--framework" || fail "message: $out"
echo "ok"
