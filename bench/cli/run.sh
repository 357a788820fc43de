#!/usr/bin/env bash
# CLI benchmark: 'cdcf report' (text, html) and 'cdcf export' on a big organization in a
# database of N_ORGS organizations, side by side with the sqlite3 shell reading the same
# rows from the same database file; hyperfine for the times, /usr/bin/time -v for peak RSS.
# Measures and prints only; nothing is asserted.
#
#   bench/cli/run.sh                      (from the project root)
#   N_ORGS=1000 BIG_ACTIONS=1000 BIG_CYCLES=24 MIN_RUNS=30 CDCF=build-bench/cdcf BENCH_KEEP=1
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib.sh

N_ORGS=${N_ORGS:-1000}          # organizations in the database, all told
BIG_TEAMS=${BIG_TEAMS:-40}
BIG_PROVIDERS=${BIG_PROVIDERS:-20}
BIG_ACTIONS=${BIG_ACTIONS:-1000}
BIG_CYCLES=${BIG_CYCLES:-24}    # closed evaluation cycles, each with a frozen snapshot
MIN_RUNS=${MIN_RUNS:-30}
F=x1060-2021
BIG="Big Corp"

ensure_pkgs hyperfine:hyperfine sqlite3:sqlite3
[ -x /usr/bin/time ] || ensure_pkgs /usr/bin/time:time
build_cdcf

W=$(mktemp -d /tmp/cdcf-bench-cli.XXXXXX)
if [ -n "${BENCH_KEEP:-}" ]; then
	echo "bench: keeping $W" >&2
else
	trap 'rm -rf "$W"' EXIT
fi
DB=$W/bench.db
c() { "$CDCF" --db "$DB" "$@" >/dev/null 2>&1; }

# --- the data ------------------------------------------------------------------------------
t0=$(date +%s)
echo "bench: building the database in $W ..." >&2
scripts/demo.sh "$CDCF" "$DB" >/dev/null 2>&1       # Example Group, Example Corp

# Big Corp, built through the CLI: every X.1060 service assigned and scored on both sides
# where it applies, BIG_ACTIONS improvement actions, BIG_CYCLES closed evaluation cycles.
c org add "$BIG" --parent "Example Group"
for i in $(seq -w 1 "$BIG_TEAMS"); do c team add "$BIG" "Team $i"; done
for i in $(seq -w 1 "$BIG_PROVIDERS"); do c provider add "$BIG" "Provider $i"; done
c portfolio new "$BIG" $F --preset full-cdc
big_id=$(sqlite3 "$DB" "select id from organizations where name = '$BIG'")
mapfile -t refs < <(sqlite3 "$DB" "select e.ref_id from entries e join portfolios p on p.id = e.portfolio_id
	where p.org_id = $big_id and p.framework_id = '$F' order by e.id")
n=0
for r in "${refs[@]}"; do
	n=$((n + 1))
	team=$(printf 'Team %02d' $(( (n - 1) % BIG_TEAMS + 1 )))
	prov=$(printf 'Provider %02d' $(( (n - 1) % BIG_PROVIDERS + 1 )))
	case $((n % 3)) in
	0) c assign "$BIG" $F "$r" --insource "$team"
	   c score "$BIG" $F "$r" --side insource --current $((n % 4 + 1)) --target 5 ;;
	1) c assign "$BIG" $F "$r" --outsource "$prov"
	   c score "$BIG" $F "$r" --side outsource --current $((n % 3 + 1)) --target 4 ;;
	2) c assign "$BIG" $F "$r" --hybrid "$team" "$prov"
	   c score "$BIG" $F "$r" --side insource --current $((n % 3 + 1)) --target 4
	   c score "$BIG" $F "$r" --side outsource --current $((n % 4 + 1)) --target 5 ;;
	esac
done
answers=$W/answers.json
cat >"$answers" <<'JSON'
{"catalogue": {"appropriate": "Yes.", "environment": "No change this cycle."},
 "profile": {"assignments": "Keep the current split between teams and providers."},
 "portfolio": {"scores": "Monthly self-assessment.", "targets": "Unchanged."}}
JSON
for k in $(seq 1 "$BIG_CYCLES"); do
	r=${refs[$((k % ${#refs[@]}))]}
	c score "$BIG" $F "$r" --side insource --current $((k % 5)) --target 5 --note "cycle $k review" ||
		c score "$BIG" $F "$r" --side outsource --current $((k % 5)) --target 5 --note "cycle $k review" || true
	c evaluate "$BIG" $F --answers "$answers" --approved-by "CISO"
done
for i in $(seq 1 "$BIG_ACTIONS"); do
	r=${refs[$((i % ${#refs[@]}))]}
	c action add "$BIG" $F "$r" "Improvement action $i for $r" --owner "Team $(printf %02d $(( i % BIG_TEAMS + 1 )))" \
		--due "2027-$(printf %02d $(( i % 12 + 1 )))-28" --target 4
done

# The other organizations: the demo's Example Corp exported once and imported under new names.
"$CDCF" --db "$DB" export "Example Corp" -o "$W/template.json" >/dev/null 2>&1
rest=$((N_ORGS - 3))
for i in $(seq 1 "$rest"); do
	name=$(printf 'Org %04d' "$i")
	sed "s/\"name\": \"Example Corp\"/\"name\": \"$name\"/" "$W/template.json" >"$W/org.json"
	c import "$W/org.json"
done
t1=$(date +%s)

# --- the comparable sqlite3 queries ---------------------------------------------------------
# join: what a report reads (the org's portfolio rows with team and provider names)
cat >"$W/join.sql" <<SQL
SELECT e.ref_id, e.level, e.assignment, t.name, pr.name,
       e.in_current, e.in_target, e.out_current, e.out_target, e.note
FROM organizations o
JOIN portfolios p ON p.org_id = o.id AND p.framework_id = '$F'
JOIN entries e ON e.portfolio_id = p.id
LEFT JOIN teams t ON t.id = e.team_id
LEFT JOIN providers pr ON pr.id = e.provider_id
WHERE o.name = '$BIG'
ORDER BY e.ref_id;
SQL
# dump: what an export reads (entries, actions, cycles with snapshots), as JSON
cat >"$W/dump.sql" <<SQL
.mode json
SELECT e.*, t.name AS team, pr.name AS provider FROM organizations o
JOIN portfolios p ON p.org_id = o.id JOIN entries e ON e.portfolio_id = p.id
LEFT JOIN teams t ON t.id = e.team_id LEFT JOIN providers pr ON pr.id = e.provider_id
WHERE o.name = '$BIG' ORDER BY p.framework_id, e.ref_id;
SELECT a.* FROM organizations o JOIN portfolios p ON p.org_id = o.id
JOIN actions a ON a.portfolio_id = p.id WHERE o.name = '$BIG' ORDER BY a.id;
SELECT c.* FROM organizations o JOIN portfolios p ON p.org_id = o.id
JOIN cycles c ON c.portfolio_id = p.id WHERE o.name = '$BIG' ORDER BY c.number;
SQL

# --- measure -------------------------------------------------------------------------------
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
names=("cdcf framework list (start-up)" "cdcf report (text)" "cdcf report --format html" "cdcf export" "sqlite3 join (report rows)" "sqlite3 dump (export rows as json)")
cmds=(
	"$CDCF --db $DB framework list"
	"$CDCF --db $DB report \"$BIG\" $F"
	"$CDCF --db $DB report \"$BIG\" $F --format html"
	"$CDCF --db $DB export \"$BIG\" -o $W/export.json"
	"sqlite3 -batch $DB \".read $W/join.sql\""
	"sqlite3 -batch $DB \".read $W/dump.sql\""
)
hf_args=()
for i in "${!cmds[@]}"; do hf_args+=(-n "${names[$i]}" "${cmds[$i]}"); done
hyperfine -N --style basic --warmup 3 --min-runs "$MIN_RUNS" --export-csv "$W/hf.csv" "${hf_args[@]}" >"$W/hf.log" 2>&1 ||
	{ cat "$W/hf.log" >&2; exit 1; }

peak=()
for cmd in "${cmds[@]}"; do
	eval "/usr/bin/time -v $cmd" >/dev/null 2>"$W/time.txt" || true
	peak+=("$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2/1024}' "$W/time.txt")")
done

# sizes of what was produced, for the record
"$CDCF" --db "$DB" report "$BIG" $F >"$W/report.txt" 2>/dev/null
"$CDCF" --db "$DB" report "$BIG" $F --format html >"$W/report.html" 2>/dev/null
sqlite3 -batch "$DB" ".read $W/join.sql" >"$W/join.out"
sqlite3 -batch "$DB" ".read $W/dump.sql" >"$W/dump.out"

# --- print ---------------------------------------------------------------------------------
echo "== cdcf CLI vs sqlite3 shell (bench/cli/run.sh) =="
machine_info
echo "load:    load average before measuring: $load_before"
echo "tools:   $(hyperfine --version), $(sqlite3 -version | cut -d' ' -f1-2 | sed 's/^/sqlite3 /')"
echo "data:    $(sqlite3 "$DB" 'select count(*) from organizations') organizations," \
	"$(sqlite3 "$DB" 'select count(*) from entries') entries," \
	"$(sqlite3 "$DB" 'select count(*) from actions') actions," \
	"$(sqlite3 "$DB" 'select count(*) from cycles') cycles; database $(( $(stat -c %s "$DB") / 1024 )) KiB; built in $((t1 - t0)) s"
echo "         '$BIG': ${#refs[@]} services, $BIG_TEAMS teams, $BIG_PROVIDERS providers," \
	"$BIG_ACTIONS actions, $BIG_CYCLES closed cycles"
echo "outputs: report text $(stat -c %s "$W/report.txt") B, html $(stat -c %s "$W/report.html") B," \
	"export $(stat -c %s "$W/export.json") B; sqlite3 join $(stat -c %s "$W/join.out") B, dump $(stat -c %s "$W/dump.out") B"
echo
printf '| %-34s | %8s | %6s | %8s | %8s | %10s | %12s |\n' command "mean ms" "sd ms" "min ms" "max ms" "x sqlite3" "peak RSS MiB"
printf '|%s|----------|--------|----------|----------|------------|--------------|\n' "$(printf -- '-%.0s' {1..36})"
join_mean=$(awk -F, 'NR > 1 && $1 ~ /^sqlite3 join/ {print $2}' "$W/hf.csv")
dump_mean=$(awk -F, 'NR > 1 && $1 ~ /^sqlite3 dump/ {print $2}' "$W/hf.csv")
i=0
while IFS=, read -r name mean sd _median _user _sys min max; do
	# the report rows compare with the join, the export with the dump
	case $name in *export*|*dump*) ref=$dump_mean ;; *) ref=$join_mean ;; esac
	awk -v n="$name" -v m="$mean" -v s="$sd" -v lo="$min" -v hi="$max" -v r="$ref" -v p="${peak[$i]}" 'BEGIN {
		printf "| %-34s | %8.2f | %6.2f | %8.2f | %8.2f | %9.1fx | %12s |\n", n, m*1000, s*1000, lo*1000, hi*1000, m/r, p }'
	i=$((i + 1))
done < <(tail -n +2 "$W/hf.csv" | sed 's/^"\([^"]*\)"/\1/')
echo
echo "x sqlite3: mean time over the sqlite3 shell's (report rows vs join, export and dump vs dump)."
echo "framework list: no database rows, the fixed cost of starting cdcf and loading its catalogues."
echo "hyperfine -N --warmup 3 --min-runs $MIN_RUNS; peak RSS from /usr/bin/time -v, one run each."
