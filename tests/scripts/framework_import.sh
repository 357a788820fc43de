#!/bin/bash
# cdcf framework import: a CISO Assistant library without cdcf keys (NIST CSF 2.0, read in
# place from ../shared/reference/ciso-assistant) becomes a framework of this database that
# portfolios use, listed as imported, after the database is opened again; its library
# exports back as the same text. Refused, with the database untouched: the same library
# again, a shipped framework's id, a YAML alias bomb, an oversized file, a file that is not
# a library. An OSCAL catalog that cdcf wrote imports as the same tree of nodes.
set -u
CDCF=$1
REF="${CDCF_SHARED:-}/reference/ciso-assistant/nist-csf-2.0.yaml"
[ -f "$REF" ] || { echo "SKIP: $REF is absent (the shared reference files are not here)"; exit 77; }
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
export CDCF_NOW=2026-04-01T09:00:00Z
fail() { echo "FAIL: $*"; exit 1; }
. "$(dirname "$0")/lib/test_db.sh"
CDCF_DB=$(new_db t.db) || fail "no database"
c() { "$CDCF" --db "$CDCF_DB" "$@"; }
digest() { db_dump | sha256sum; }

c init >/dev/null && c org add Acme >/dev/null && c team add Acme SOC >/dev/null || fail "setup"
out=$(c framework import "$REF") || fail "import: $out"
echo "$out" | grep -q "as framework 'nist-csf-2.0'" || fail "import says: $out"
c framework list | grep -q '^nist-csf-2.0 .*(imported)$' || fail "list does not mark it imported"
[ "$(c framework list --json | jq '[.[] | select(.imported)] | map(.id)' -c)" = '["nist-csf-2.0"]' ] \
  || fail "list --json imported flags"
n=$(c framework show nist-csf-2.0 --json | jq '.nodes | length')
[ "$n" -ge 100 ] || fail "imported CSF has $n nodes"
# a portfolio on it, in a later command (the registry is loaded from the database)
c portfolio new Acme nist-csf-2.0 >/dev/null || fail "portfolio on the imported framework"
c select Acme nist-csf-2.0 GV.OC-01 --level basic >/dev/null || fail "select"
c assign Acme nist-csf-2.0 GV.OC-01 --insource SOC >/dev/null || fail "assign"
c score Acme nist-csf-2.0 GV.OC-01 --side insource --current 2 --target 4 >/dev/null || fail "score"
c status Acme nist-csf-2.0 >/dev/null || fail "status"
# the stored library is what was read
c framework export nist-csf-2.0 --format ciso-yaml -o "$W/csf.yaml" 2>/dev/null || fail "ciso-yaml export"
cmp -s "$REF" "$W/csf.yaml" || fail "exported library differs from the imported file"
c framework export x1060-2021 --format ciso-yaml -o "$W/x.yaml" 2>/dev/null || fail "shipped ciso-yaml export"
cmp -s "${CDCF_SOURCE:?}/catalogs/x1060-2021.yaml" "$W/x.yaml" || fail "shipped library export differs"

before=$(digest)
refuse() { # WHAT FILE EXPECTED-TEXT
  out=$(timeout 10 "$CDCF" --db "$CDCF_DB" framework import "$2" 2>&1); rc=$?
  [ $rc = 1 ] || fail "$1 gave exit $rc: $out"
  echo "$out" | grep -q "$3" || fail "$1 message: $out"
  [ "$(digest)" = "$before" ] || fail "$1 changed the database"
}
refuse "same library again" "$REF" "framework 'nist-csf-2.0' is already imported"
refuse "shipped id" "${CDCF_SOURCE}/catalogs/first-csirt-2.1.yaml" "is a framework shipped with cdcf"
prev=a; printf 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' > "$W/bomb.yaml"
for k in b c d e f g h i; do printf '%s: &%s [*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s]\n' $k $k $prev $prev $prev $prev $prev $prev $prev $prev $prev >> "$W/bomb.yaml"; prev=$k; done
refuse "alias bomb" "$W/bomb.yaml" "anchors and aliases are refused"
head -c 9000000 /dev/zero | tr '\0' 'a' > "$W/big.yaml"
refuse "oversized file" "$W/big.yaml" "too large for a framework library"
printf 'urn: x\nname: y\n' > "$W/nolib.yaml"
refuse "not a library" "$W/nolib.yaml" "nolib.yaml"
MAP="$(dirname "$REF")/map-nist-csf-1.1-nist-csf-2.0.yaml"
[ -f "$MAP" ] && refuse "mapping library" "$MAP" "this is a mapping library"
printf '{"catalog": {"uuid": "x"}}' > "$W/bad.json"
refuse "not an OSCAL catalog" "$W/bad.json" "not an OSCAL catalog"
out=$(CDCF_LANG=ja c framework import "$REF" 2>&1)
echo "$out" | grep -q "取り込み済み" || fail "Japanese message: $out"

# a second third-party library beside the first
OLD="$(dirname "$REF")/nist-csf-1.1.yaml"
if [ -f "$OLD" ]; then
  c framework import "$OLD" >/dev/null || fail "CSF 1.1 import"
  [ "$(c framework list --json | jq '[.[] | select(.imported)] | length')" = 2 ] || fail "two imported"
fi

# OSCAL catalog -> framework: cdcf's own export, under another id, gives the same nodes
c framework export first-csirt-2.1 --format oscal -o "$W/cat.json" 2>/dev/null || fail "oscal export"
jq '(.catalog.metadata.props[] | select(.name == "framework-id") | .value) = "csirt-copy"' \
  "$W/cat.json" > "$W/copy.json"
c framework import "$W/copy.json" >/dev/null || fail "OSCAL catalog import"
nodes() { c framework show "$1" --json | jq -c '.nodes | map({ref_id, kind, parent, status, assessable, name})'; }
[ "$(nodes first-csirt-2.1)" = "$(nodes csirt-copy)" ] || fail "OSCAL round trip changed the nodes"
# without cdcf props: the id comes from the uuid
jq 'del(.catalog.metadata.props)' "$W/cat.json" > "$W/anon.json"
out=$(c framework import "$W/anon.json") || fail "plain OSCAL catalog import: $out"
echo "$out" | grep -q "as framework 'oscal-" || fail "plain OSCAL id: $out"
# a framework read from OSCAL has no library text: its CISO Assistant library is rebuilt, and
# reads back (under another id) as the same nodes
c framework export csirt-copy --format ciso-yaml -o "$W/rebuilt.yaml" 2>/dev/null || fail "rebuilt library"
sed 's/csirt-copy/csirt-again/g' "$W/rebuilt.yaml" > "$W/again.yaml"
c framework import "$W/again.yaml" >/dev/null || fail "rebuilt library import"
[ "$(nodes csirt-copy)" = "$(nodes csirt-again)" ] || fail "rebuilt library changed the nodes"

# a stored library that no longer reads (a later, stricter reader) is left out with its
# reason; the database and the other frameworks still work
db_sql "UPDATE imported_frameworks SET body = 'urn: [' WHERE id = 'csirt-again'" || fail "breaking the stored library"
c org list >/dev/null || fail "a broken stored library stops other commands"
out=$(c framework list 2>&1) || fail "list with a broken stored library"
echo "$out" | grep -q "error: .*csirt-again\|error: .*again.yaml" || fail "list does not say why: $out"
echo "$out" | grep -q '^nist-csf-2.0 ' || fail "list lost the others: $out"
c status Acme nist-csf-2.0 >/dev/null || fail "status with a broken stored library"
echo "ok"
