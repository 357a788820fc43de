#!/bin/sh
# Build demo.db: an organization whose X.1060 portfolio holds the seed's example
# (A-1 Basic / in-house "AB department" / 3->5; B-1 Standard / outsourced
# "Z-MSSP" / 2->4; C-1 Advanced / unassigned / 1->2) inside a wider portfolio
# with one closed evaluation cycle and an open second one, then print the report.
#   scripts/demo.sh PATH/TO/cdcf [DB]
set -eu
CDCF=${1:?usage: demo.sh CDCF [DB]}
DB=${2:-demo.db}
O="Example Corp"
F=x1060-2021
c() { "$CDCF" --db "$DB" "$@" >/dev/null; }

rm -f "$DB" "$DB-wal" "$DB-shm"
c init
c org add "Example Group"
c org add "$O" --parent "Example Group"
for t in "AB department" "Security governance office" "IT operations" "CSIRT"; do c team add "$O" "$t"; done
for p in "Z-MSSP" "Forensics Partner Ltd" "Example Group IT"; do c provider add "$O" "$p"; done
c portfolio new "$O" $F --preset full-cdc

# profile: management stays in-house, monitoring outsourced, deep analysis split
for r in A-1 A-2 A-3 A-4 A-5 A-6 A-7 A-9 A-10 A-11; do c assign "$O" $F $r --insource "Security governance office"; done
c assign "$O" $F A-12 --outsource "Example Group IT"
for r in B-2 B-3 B-4; do c assign "$O" $F $r --outsource "Z-MSSP"; done
c assign "$O" $F C-2 --hybrid CSIRT "Forensics Partner Ltd"
c assign "$O" $F C-4 --outsource "Forensics Partner Ltd"
for r in D-1 D-2 D-3 D-4 D-5; do c assign "$O" $F $r --insource CSIRT; done
for r in E-2 E-3 E-4; do c assign "$O" $F $r --insource "IT operations"; done

# the seed's three rows
c select "$O" $F A-1 --level basic
c select "$O" $F B-1 --level standard
c select "$O" $F C-1 --level advanced
c assign "$O" $F A-1 --insource "AB department"
c assign "$O" $F B-1 --outsource "Z-MSSP"
c assign "$O" $F C-1 --unassigned

# cycle 1 scores
s() { c score "$O" $F "$1" --side "$2" --current "$3" --target "$4"; }
s A-1 insource 2 5; s A-2 insource 2 4; s A-3 insource 3 4; s A-4 insource 2 4
s A-5 insource 1 3; s A-6 insource 1 3; s A-7 insource 2 3; s A-9 insource 2 4
s A-10 insource 2 3; s A-11 insource 1 3; s A-12 outsource 3 4
s B-1 outsource 2 4; s B-2 outsource 3 4; s B-3 outsource 2 4; s B-4 outsource 2 3
s C-1 insource 1 2; s C-2 insource 1 3; s C-2 outsource 3 4; s C-4 outsource 2 4
s D-1 insource 3 5; s D-2 insource 2 4; s D-3 insource 2 4; s D-4 insource 1 3; s D-5 insource 2 3
s E-2 insource 2 4; s E-3 insource 2 4; s E-4 insource 3 4

c action add "$O" $F A-1 "Document the risk management procedure and have the CISO approve it" --owner "Security governance office" --due 2026-06-30 --target 5
c action add "$O" $F B-1 "Agree monthly service review with Z-MSSP" --owner "AB department" --due 2026-05-31 --target 4
c action add "$O" $F D-4 "Write containment runbooks for ransomware" --owner CSIRT --due 2026-09-30 --target 3

answers=$(mktemp)
trap 'rm -f "$answers"' EXIT
cat >"$answers" <<'JSON'
{"catalogue": {"appropriate": "Yes; category H stays optional until the insider-risk programme starts.",
               "environment": "New supplier-security law: raise E-3 vulnerability assessment next cycle."},
 "profile": {"assignments": "Keep monitoring with Z-MSSP; bring A-1 risk management under the AB department."},
 "portfolio": {"scores": "First full self-assessment: most services 1-3.",
               "targets": "Targets agreed with the CISO for the next two years."}}
JSON
c evaluate "$O" $F --answers "$answers" --approved-by "CISO Taro Yamada"

# cycle 2: the seed's example as it stands today
s A-1 insource 3 5
s A-5 insource 2 3
s D-4 insource 2 3
c action done "$O" $F 3

"$CDCF" --db "$DB" report "$O" $F
echo
echo "demo database: $DB  (try: $CDCF --db $DB status \"$O\" $F)"
