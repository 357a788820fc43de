#!/bin/sh
# Build demo.db: an organization whose X.1060 portfolio holds the seed's example
# (A-1 Basic / in-house "AB department" / 3->5; B-1 Standard / outsourced
# "Z-MSSP" / 2->4; C-1 Advanced / unassigned / 1->2) inside a wider portfolio
# with a year of history: two closed evaluation cycles and the open third one.
# The history is dated with CDCF_NOW (the clock cdcf records), then the
# report of the open cycle is printed.
#   scripts/demo.sh PATH/TO/cdcf [DB]
set -eu
CDCF=${1:?usage: demo.sh CDCF [DB]}
DB=${2:-demo.db}
O="Example Corp"
F=x1060-2021
c() { "$CDCF" --db "$DB" "$@" >/dev/null; }
s() { c score "$O" $F "$1" --side "$2" --current "$3" --target "$4"; }
answers=$(mktemp)
trap 'rm -f "$answers"' EXIT

rm -f "$DB" "$DB-wal" "$DB-shm"

# ---- cycle 1: the first build, autumn 2025 ----
export CDCF_NOW=2025-10-01T09:00:00Z
c init
c org add "Example Group"
c org add "$O" --parent "Example Group"
for t in "AB department" "Security governance office" "IT operations" "CSIRT"; do c team add "$O" "$t"; done
for p in "Z-MSSP" "Forensics Partner Ltd" "Example Group IT"; do c provider add "$O" "$p"; done
c portfolio new "$O" $F --preset full-cdc
c select "$O" $F A-1 --level basic
c select "$O" $F B-1 --level standard
c select "$O" $F C-1 --level advanced

# profile: management stays in-house, monitoring outsourced, deep analysis split
for r in A-1 A-2 A-3 A-4 A-5 A-6 A-7 A-9 A-10 A-11; do c assign "$O" $F $r --insource "Security governance office"; done
c assign "$O" $F A-12 --hybrid "Security governance office" "Example Group IT"
for r in B-1 B-2 B-3 B-4; do c assign "$O" $F $r --outsource "Z-MSSP"; done
c assign "$O" $F C-4 --outsource "Forensics Partner Ltd"
for r in D-1 D-2 D-3 D-4 D-5; do c assign "$O" $F $r --insource CSIRT; done
for r in E-2 E-3 E-4; do c assign "$O" $F $r --insource "IT operations"; done

s A-1 insource 1 5; s A-2 insource 2 4; s A-3 insource 2 4; s A-4 insource 2 4
s A-5 insource 1 3; s A-6 insource 1 3; s A-7 insource 2 3; s A-9 insource 1 4
s A-10 insource 2 3; s A-11 insource 1 3; s A-12 insource 2 4; s A-12 outsource 3 4
s B-1 outsource 1 4; s B-2 outsource 2 4; s B-3 outsource 2 4; s B-4 outsource 1 3
s C-1 insource 1 2; s C-4 outsource 2 4
s D-1 insource 2 5; s D-2 insource 2 4; s D-3 insource 1 4; s D-4 insource 1 3; s D-5 insource 1 3
s E-2 insource 2 4; s E-3 insource 1 4; s E-4 insource 2 4

c action add "$O" $F B-1 "Agree a monthly service review with Z-MSSP" --owner "AB department" --due 2026-03-31 --target 2
c action add "$O" $F D-3 "Adopt an incident classification scheme" --owner CSIRT --due 2026-03-31 --target 2

export CDCF_NOW=2025-10-20T09:00:00Z
cat >"$answers" <<'JSON'
{"catalogue": {"appropriate": "Yes for a first build; category H stays optional until the insider-risk programme starts.",
               "environment": "No change in the business; ransomware remains the main threat."},
 "profile": {"assignments": "Monitoring stays with Z-MSSP; malware analysis to be shared with Forensics Partner."},
 "portfolio": {"scores": "First self-assessment: most services 1-2.",
               "targets": "Targets agreed with the CISO for the next two years."}}
JSON
c evaluate "$O" $F --answers "$answers" --approved-by "CISO Taro Yamada"

# ---- cycle 2: spring 2026 ----
export CDCF_NOW=2026-04-10T09:00:00Z
c action done "$O" $F 1
c action done "$O" $F 2
c assign "$O" $F C-2 --hybrid CSIRT "Forensics Partner Ltd"
s C-2 insource 1 3; s C-2 outsource 3 4
s A-1 insource 2 5; s A-9 insource 2 4; s B-1 outsource 2 4; s B-4 outsource 2 3
s D-1 insource 3 5; s D-3 insource 2 4; s E-3 insource 2 4
c select "$O" $F E-3 --level basic

export CDCF_NOW=2026-04-28T09:00:00Z
cat >"$answers" <<'JSON'
{"catalogue": {"appropriate": "Yes; E-3 vulnerability assessment raised to basic.",
               "environment": "New supplier-security law applies from 2026: supplier checks under A-12."},
 "profile": {"assignments": "Bring A-1 risk management under the AB department next cycle."},
 "portfolio": {"scores": "Monitoring and incident handling improved by one step.",
               "targets": "Unchanged."}}
JSON
c evaluate "$O" $F --answers "$answers" --approved-by "CISO Taro Yamada"

# ---- cycle 3 (open): autumn 2026, the seed's example as it stands today ----
export CDCF_NOW=2026-11-02T09:00:00Z
c assign "$O" $F A-1 --insource "AB department"
c assign "$O" $F C-1 --unassigned
s A-1 insource 3 5; s A-5 insource 2 3; s D-4 insource 2 3
c action add "$O" $F A-1 "Document the risk management procedure and have the CISO approve it" --owner "AB department" --due 2027-03-31 --target 5
c action add "$O" $F C-1 "Decide who provides forensic analysis (in-house or partner)" --owner "Security governance office" --due 2027-01-31
c action add "$O" $F D-4 "Write containment runbooks for ransomware" --owner CSIRT --due 2027-02-28 --target 3
unset CDCF_NOW

"$CDCF" --db "$DB" report "$O" $F
echo
echo "demo database: $DB  (try: $CDCF --db $DB status \"$O\" $F)"
