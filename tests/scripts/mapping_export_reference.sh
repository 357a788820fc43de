#!/bin/bash
# A third-party CISO Assistant mapping library (NIST CSF 1.1 -> 2.0, read in place from
# ../shared/reference/ciso-assistant) imported, exported by cdcf mapping export and imported
# into a fresh database: the same 185 pairs, the library's own urns kept (its urn, the
# frameworks', every requirement's), and exported again, the same file.
set -u
CDCF=$1
R="${CDCF_SHARED:-}/reference/ciso-assistant"
[ -f "$R/map-nist-csf-1.1-nist-csf-2.0.yaml" ] || { echo "SKIP: $R is absent (the shared reference files are not here)"; exit 77; }
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
export CDCF_NOW="2026-04-01T09:00:00Z" CDCF_LANG=en USER=tester
fail() { echo "FAIL: $*" >&2; exit 1; }
c() { "$CDCF" "$@"; }
. "$(dirname "$0")/lib/test_db.sh"
ONE=$(new_db one.db) && TWO=$(new_db two.db) || fail "no database"
setup() {
	CDCF_DB=$1 c init >/dev/null &&
		CDCF_DB=$1 c framework import "$R/nist-csf-1.1.yaml" >/dev/null &&
		CDCF_DB=$1 c framework import "$R/nist-csf-2.0.yaml" >/dev/null || fail "set-up of $1"
}
setup "$ONE"
CDCF_DB="$ONE" c mapping import "$R/map-nist-csf-1.1-nist-csf-2.0.yaml" >/dev/null || fail "import of the reference"
CDCF_DB="$ONE" c mapping export nist-csf-1.1 nist-csf-2.0 -o "$W/a.yaml" 2>/dev/null || fail "export"
grep -q '^urn: urn:intuitem:risk:library:map-nist-csf-1.1-nist-csf-2.0$' "$W/a.yaml" || fail "the library urn"
grep -q 'source_framework_urn: urn:intuitem:risk:framework:nist-csf-1.1$' "$W/a.yaml" || fail "the source framework urn"
# every requirement pair of the reference, in its order, with its relationship
pairs() { grep -E '^\s*-? *(source_requirement_urn|target_requirement_urn|relationship):' "$1" | sed 's/^[ -]*//'; }
[ "$(pairs "$R/map-nist-csf-1.1-nist-csf-2.0.yaml")" = "$(pairs "$W/a.yaml")" ] ||
	fail "the exported rows differ from the reference's"
setup "$TWO"
out=$(CDCF_DB="$TWO" c mapping import "$W/a.yaml" 2>&1) || fail "import of the export: $out"
echo "$out" | grep -q "185 pairs" || fail "pairs: $out"
CDCF_DB="$TWO" c mapping export nist-csf-1.1 nist-csf-2.0 >"$W/b.yaml" || fail "export again"
cmp -s "$W/a.yaml" "$W/b.yaml" || fail "exported again, the file differs"
echo "mapping_export_reference: ok"
