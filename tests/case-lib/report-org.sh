# A portfolio every report case shares: 12 basic services (A-1..A-12), 57 score points to
# cover (13 covered: a progress that truncation and rounding tell apart), every assignment
# kind, an unassigned service that kept scores from a hybrid past, a note, an action.
c() { "$CDCF" "$@"; }
c init >/dev/null
c org add "Example Corp" >/dev/null
c team add "Example Corp" "AB department" >/dev/null
c provider add "Example Corp" "Z-MSSP" >/dev/null
c portfolio new "Example Corp" x1060-2021 >/dev/null
c select "Example Corp" x1060-2021 A-1 A-2 A-3 A-4 A-5 A-6 A-7 A-8 A-9 A-10 A-11 A-12 --level basic >/dev/null
c select "Example Corp" x1060-2021 B-1 B-2 --level standard >/dev/null
c select "Example Corp" x1060-2021 C-1 --level advanced >/dev/null
for r in A-2 A-3 A-4 A-5 A-6 A-7 A-8 A-9 A-10; do c assign "Example Corp" x1060-2021 $r --insource "AB department" >/dev/null; done
c assign "Example Corp" x1060-2021 A-11 --outsource Z-MSSP >/dev/null
c assign "Example Corp" x1060-2021 A-12 --hybrid "AB department" Z-MSSP >/dev/null
c assign "Example Corp" x1060-2021 B-1 --insource "AB department" >/dev/null
c assign "Example Corp" x1060-2021 A-1 --hybrid "AB department" Z-MSSP >/dev/null
c score "Example Corp" x1060-2021 A-1 --side insource --current 1 --target 2 >/dev/null
c score "Example Corp" x1060-2021 A-1 --side outsource --current 5 --target 5 >/dev/null
c assign "Example Corp" x1060-2021 A-1 --unassigned >/dev/null
c score "Example Corp" x1060-2021 A-2 --side insource --current 2 --target 4 --note "playbook in review" >/dev/null
c score "Example Corp" x1060-2021 A-3 --side insource --current 3 --target 3 >/dev/null
c score "Example Corp" x1060-2021 A-4 --side insource --current na --target na >/dev/null
c score "Example Corp" x1060-2021 A-11 --side outsource --current 2 --target 4 >/dev/null
c score "Example Corp" x1060-2021 A-12 --side insource --current 1 --target 3 >/dev/null
c score "Example Corp" x1060-2021 A-12 --side outsource --current 4 --target 4 >/dev/null
c score "Example Corp" x1060-2021 B-1 --side insource --current 1 --target 5 >/dev/null
c action add "Example Corp" x1060-2021 A-2 "Publish the playbook" --owner "SOC lead" --due 2026-06-30 --target 4 >/dev/null
