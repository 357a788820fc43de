#!/usr/bin/env bash
# Exchange formats benchmark, in one run on one database of N_ORGS organizations' X.1060
# portfolios (each made from a generated JSON archive read by `cdcf import`):
#  1. `cdcf report --format xlsx` vs bench/formats/bare_xlsx.c (libxlsxwriter writing the same
#     number of cells bare), for one ordinary portfolio and for a big one;
#  2. `cdcf import FILE.csv` (--dry-run, and applying) vs the sqlite3 shell's `.import` of the
#     same file into an equivalent table of the same database: per file (a big portfolio, and
#     an ordinary one), for the N_ORGS organizations' files one after the other, and for all
#     their rows in one file with a column organization, in one cdcf process (the goal row);
#  3. the peak RSS of each import (CSV and XLSX, dry run and apply) for a small and a 10x file,
#     and of the one file of every organization's rows.
# Measures and prints only; nothing is asserted. Not part of `make check`.
#
#   bench/formats/run.sh                  (from the project root)
#   N_ORGS=1000 BIG_ROWS=5000 MIN_RUNS=10 CDCF=build-bench/cdcf BENCH_KEEP=1
set -euo pipefail
cd "$(dirname "$0")/../.."
. bench/lib.sh

N_ORGS=${N_ORGS:-1000}     # organizations in the database, each with an X.1060 portfolio
BIG_ROWS=${BIG_ROWS:-5000} # custom services of "Big Corp" (its CSV has this many rows and more)
MIN_RUNS=${MIN_RUNS:-10}
F=x1060-2021

ensure_pkgs hyperfine:hyperfine sqlite3:sqlite3 unzip:unzip cc:gcc
[ -x /usr/bin/time ] || ensure_pkgs /usr/bin/time:time
[ -e /usr/include/xlsxwriter.h ] || ensure_pkgs /usr/include/xlsxwriter.h:libxlsxwriter-dev
build_cdcf

W=$(mktemp -d /tmp/cdcf-bench-formats.XXXXXX)
if [ -n "${BENCH_KEEP:-}" ]; then
	echo "bench: keeping $W" >&2
else
	trap 'rm -rf "$W"' EXIT
fi
DB=$W/base.db
RUN=$W/run.db # each timed run starts from a copy of DB (hyperfine --prepare)
cc -O2 -o "$W/bare_xlsx" bench/formats/bare_xlsx.c -lxlsxwriter

# --- the data ------------------------------------------------------------------------------
# archive ORG NCUSTOM SEED: a cdcf archive of ORG with every X.1060 service selected, assigned
# in turn to its team or provider and scored, plus NCUSTOM custom services under category A.
mapfile -t refs < <("$CDCF" framework show $F | awk '$1 ~ /^[A-I]-[0-9]+$/ {print $1}')
archive() {
	printf '%s\n' "${refs[@]}" | awk -v org="$1" -v ncustom="$2" -v seed="$3" '
	function side(c, t) { return "{\"current\": " c ", \"target\": " t "}" }
	function entry(ref, n, custom,   lv, a) {
		lv = (n % 3 == 0) ? "basic" : (n % 3 == 1) ? "standard" : "advanced"
		a = (n % 2) ? "\"assignment\": \"insource\", \"team\": \"SOC\", \"provider\": null, \"insource\": " \
			side((n + seed) % 4 + 1, 5) ", \"outsource\": " side("null", "null") \
			: "\"assignment\": \"outsource\", \"team\": null, \"provider\": \"MSSP\", \"insource\": " \
			side("null", "null") ", \"outsource\": " side((n + seed) % 3 + 1, 4)
		printf "%s{\"ref\": \"%s\", \"level\": \"%s\", %s, \"note\": \"review %d\", \"evidence\": null, \"version\": 1%s}", \
			(n > 1 ? ",\n" : ""), ref, lv, a, n, custom
	}
	{ refs[++nr] = $1 }
	END {
		printf "{\"format\": \"cdcf-archive\", \"version\": 1, \"organization\": {\"name\": \"%s\", \"parent\": null, \"created_at\": \"2026-01-05T09:00:00Z\"},\n", org
		printf "\"teams\": [\"SOC\"], \"providers\": [\"MSSP\"], \"portfolios\": [{\"framework\": \"x1060-2021\", \"created_at\": \"2026-01-05T09:00:00Z\", \"cycle\": 1, \"next_evaluation\": null, \"entries\": [\n"
		for (i = 1; i <= nr; i++) entry(refs[i], i, "")
		for (j = 1; j <= ncustom; j++)
			entry(sprintf("Z-%d", j), nr + j, sprintf(", \"custom\": {\"name_en\": \"Custom service %d\", \"name_ja\": null, \"category\": \"A\"}", j))
		printf "],\n\"actions\": [], \"cycles\": [{\"number\": 1, \"opened_at\": \"2026-01-05T09:00:00Z\", \"closed_at\": null, \"approved_by\": null, \"answers\": null, \"snapshot\": null, \"snapshot_hash\": null}]}]}\n"
	}'
}
c() { "$CDCF" --db "$DB" "$@" >/dev/null; }

t0=$(date +%s)
echo "bench: building the database of $N_ORGS organizations in $W ..." >&2
c init
SMALL_ROWS=$(( (BIG_ROWS + ${#refs[@]}) / 10 - ${#refs[@]} )) # a tenth of Big Corp's rows
[ "$SMALL_ROWS" -ge 0 ] || { echo "bench: BIG_ROWS must be at least $((9 * ${#refs[@]}))" >&2; exit 1; }
archive "Big Corp" "$BIG_ROWS" 0 >"$W/big.json" && c import "$W/big.json"
archive "Small Corp" "$SMALL_ROWS" 0 >"$W/small.json" && c import "$W/small.json"
for i in $(seq -f '%04g' 1 $((N_ORGS - 2))); do
	archive "Org $i" 0 $((10#$i)) >"$W/org.json"
	c import "$W/org.json"
done
t1=$(date +%s)

# The files to import: each portfolio's machine CSV (`report --format csv`) with every
# in-house current score moved by one (so applying changes every in-house entry), and the
# workbooks of Big Corp and Small Corp edited the same way through the CSV (the XLSX import
# reads the workbook the export wrote; unchanged, its dry run lists nothing).
bump() { awk -F, -v OFS=, 'NR > 1 && $5 == "insource" && $8 != "" { $8 = ($8 % 5) + 1 } { print }'; }
"$CDCF" --db "$DB" report "Big Corp" $F --format csv | bump >"$W/big.csv"
"$CDCF" --db "$DB" report "Small Corp" $F --format csv | bump >"$W/small.csv"
"$CDCF" --db "$DB" report "Org 0001" $F --format csv | bump >"$W/one.csv"
"$CDCF" --db "$DB" report "Big Corp" $F --format xlsx -o "$W/big.xlsx"
"$CDCF" --db "$DB" report "Small Corp" $F --format xlsx -o "$W/small.xlsx"
"$CDCF" --db "$DB" report "Org 0001" $F --format xlsx -o "$W/one.xlsx"
mkdir -p "$W/orgs"
for i in $(seq -f '%04g' 1 $((N_ORGS - 2))); do
	"$CDCF" --db "$DB" report "Org $i" $F --format csv | bump >"$W/orgs/$i.csv"
done
cat "$W"/orgs/*.csv | awk 'NR == 1 || !/^ref,/' >"$W/all.csv" # one heading, every org's rows
# the same rows in one file, each with its organization (the column organization)
for f in "$W"/orgs/*.csv; do
	i=$(basename "$f" .csv)
	awk -v org="Org $i" -v first="$([ "$i" = 0001 ] && echo 1)" \
		'NR == 1 { if (first) print "organization," $0; next } { print org "," $0 }' "$f"
done >"$W/all_orgs.csv"
t2=$(date +%s)

# The equivalent table: the CSV's columns, in the same database file.
cols=$(head -1 "$W/big.csv")
sqlite3 "$DB" "CREATE TABLE csv_rows ($(echo "$cols" | sed 's/,/ TEXT, /g') TEXT)"
sqlite3 "$DB" "CREATE TABLE csv_all_rows (organization TEXT, $(echo "$cols" | sed 's/,/ TEXT, /g') TEXT)"
rows() { echo $(($(wc -l <"$1") - 1)); }

# cells COUNT of a workbook: every <c> element of every sheet
cells() { unzip -p "$1" 'xl/worksheets/*.xml' | grep -o '<c ' | wc -l; }
big_cells=$(cells "$W/big.xlsx")
one_cells=$(cells "$W/one.xlsx")
# bare: the same number of cells as 16 columns (the portfolio sheet's width), rounded up
big_bare_rows=$(( (big_cells + 15) / 16 ))
one_bare_rows=$(( (one_cells + 15) / 16 ))

# --- measure -------------------------------------------------------------------------------
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
prep="cp $DB $RUN"
imp() { echo "$CDCF --db $RUN import $1 --org \"$2\" --framework $F $3"; }
names=(
	"xlsx export: Org 0001"            "bare libxlsxwriter: same cells as Org 0001"
	"xlsx export: Big Corp"            "bare libxlsxwriter: same cells as Big Corp"
	"csv import --dry-run: Big Corp"   "csv import apply: Big Corp"   "sqlite3 .import: Big Corp"
	"csv import --dry-run: Org 0001"   "csv import apply: Org 0001"   "sqlite3 .import: Org 0001"
	"csv import --dry-run: all orgs"   "csv import apply: all orgs"   "sqlite3 .import: all orgs"
)
cmds=(
	"$CDCF --db $RUN report \"Org 0001\" $F --format xlsx -o $W/out1.xlsx"
	"$W/bare_xlsx $W/bare1.xlsx $one_bare_rows 16"
	"$CDCF --db $RUN report \"Big Corp\" $F --format xlsx -o $W/outb.xlsx"
	"$W/bare_xlsx $W/bareb.xlsx $big_bare_rows 16"
	"$(imp "$W/big.csv" "Big Corp" --dry-run)"
	"$(imp "$W/big.csv" "Big Corp" "")"
	"sqlite3 -batch $RUN \".import --csv --skip 1 $W/big.csv csv_rows\""
	"$(imp "$W/one.csv" "Org 0001" --dry-run)"
	"$(imp "$W/one.csv" "Org 0001" "")"
	"sqlite3 -batch $RUN \".import --csv --skip 1 $W/one.csv csv_rows\""
	"$CDCF --db $RUN import $W/all_orgs.csv --framework $F --dry-run"
	"$CDCF --db $RUN import $W/all_orgs.csv --framework $F"
	"sqlite3 -batch $RUN \".import --csv --skip 1 $W/all_orgs.csv csv_all_rows\""
)
hf_args=()
for i in "${!cmds[@]}"; do hf_args+=(-n "${names[$i]}" "${cmds[$i]}"); done
hyperfine -N --style basic --warmup 2 --min-runs "$MIN_RUNS" --prepare "$prep" \
	--export-csv "$W/hf.csv" "${hf_args[@]}" >"$W/hf.log" 2>&1 || { cat "$W/hf.log" >&2; exit 1; }

# Every organization's file one after the other (N_ORGS - 2 processes) against the sqlite3
# shell importing the same files one by one, and importing all their rows in one go.
seq_time() { # seconds taken by the command lines on stdin, run one after another
	local s e
	cp "$DB" "$RUN"
	s=$(date +%s.%N)
	bash -e
	e=$(date +%s.%N)
	awk -v s="$s" -v e="$e" 'BEGIN { printf "%.2f", e - s }'
}
n_files=$((N_ORGS - 2))
t_many_dry=$(for f in "$W"/orgs/*.csv; do i=$(basename "$f" .csv); echo "$(imp "$f" "Org $i" --dry-run) >/dev/null"; done | seq_time)
t_many_apply=$(for f in "$W"/orgs/*.csv; do i=$(basename "$f" .csv); echo "$(imp "$f" "Org $i" "") >/dev/null"; done | seq_time)
t_many_sqlite=$(for f in "$W"/orgs/*.csv; do echo "sqlite3 -batch $RUN \".import --csv --skip 1 $f csv_rows\""; done | seq_time)
t_all_sqlite=$(echo "sqlite3 -batch $RUN \".import --csv --skip 1 $W/all.csv csv_rows\"" | seq_time)

# Peak RSS of each import, small file and the 10x one.
peak() { # peak RSS in MiB of one run of the command line $1 on a fresh copy of the database
	cp "$DB" "$RUN"
	eval "/usr/bin/time -v $1" >/dev/null 2>"$W/time.txt" || true
	awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2/1024}' "$W/time.txt"
}
mem_rows=()
for kind in csv xlsx; do
	for mode in --dry-run ""; do
		s=$(peak "$(imp "$W/small.$kind" "Small Corp" "$mode")")
		b=$(peak "$(imp "$W/big.$kind" "Big Corp" "$mode")")
		mem_rows+=("$kind import ${mode:-apply}|$(stat -c %s "$W/small.$kind")|$s|$(stat -c %s "$W/big.$kind")|$b")
	done
done
for mode in --dry-run ""; do
	a=$(peak "$CDCF --db $RUN import $W/all_orgs.csv --framework $F $mode")
	mem_rows+=("csv all orgs ${mode:-apply}|$(stat -c %s "$W/one.csv")|-|$(stat -c %s "$W/all_orgs.csv")|$a")
done
s=$(peak "sqlite3 -batch $RUN \".import --csv --skip 1 $W/small.csv csv_rows\"")
b=$(peak "sqlite3 -batch $RUN \".import --csv --skip 1 $W/big.csv csv_rows\"")
mem_rows+=("sqlite3 .import (csv)|$(stat -c %s "$W/small.csv")|$s|$(stat -c %s "$W/big.csv")|$b")

# --- print ---------------------------------------------------------------------------------
mean() { awk -F, -v n="$1" 'NR > 1 { gsub(/"/, "", $1); if ($1 == n) printf "%.2f", $2 * 1000 }' "$W/hf.csv"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2fx", a / b }'; }
echo "== cdcf exchange formats (bench/formats/run.sh) =="
machine_info
echo "load:    load average before measuring: $load_before"
echo "tools:   $(hyperfine --version), $(sqlite3 -version | cut -d' ' -f1-2 | sed 's/^/sqlite3 /'), libxlsxwriter $(dpkg-query -W -f '${Version}' libxlsxwriter-dev 2>/dev/null || echo '?')"
echo "data:    $(sqlite3 "$DB" 'select count(*) from organizations') organizations," \
	"$(sqlite3 "$DB" 'select count(*) from entries') entries; database $(( $(stat -c %s "$DB") / 1024 )) KiB;" \
	"built in $((t1 - t0)) s, files written in $((t2 - t1)) s"
echo "         Big Corp: ${#refs[@]} X.1060 + $BIG_ROWS custom services; Small Corp: ${#refs[@]} + $SMALL_ROWS; Org NNNN: ${#refs[@]}"
echo "files:   big.csv $(rows "$W/big.csv") rows $(stat -c %s "$W/big.csv") B, one.csv $(rows "$W/one.csv") rows," \
	"all.csv $(rows "$W/all.csv") rows, all_orgs.csv (with organization) $(rows "$W/all_orgs.csv") rows $(stat -c %s "$W/all_orgs.csv") B; big.xlsx $big_cells cells $(stat -c %s "$W/big.xlsx") B, one.xlsx $one_cells cells"
echo
printf '| %-44s | %9s | %6s | %8s |\n' command "mean ms" "sd ms" ratio
printf '|%s|-----------|--------|----------|\n' "$(printf -- '-%.0s' {1..46})"
while IFS=, read -r name m sd _rest; do
	name=${name//\"/}
	case $name in
	"xlsx export: Org 0001") r=$(ratio "$(mean "$name")" "$(mean "bare libxlsxwriter: same cells as Org 0001")") ;;
	"xlsx export: Big Corp") r=$(ratio "$(mean "$name")" "$(mean "bare libxlsxwriter: same cells as Big Corp")") ;;
	"sqlite3"*|"bare"*) r="" ;;
	*"Big Corp") r=$(ratio "$(mean "$name")" "$(mean "sqlite3 .import: Big Corp")") ;;
	*"Org 0001") r=$(ratio "$(mean "$name")" "$(mean "sqlite3 .import: Org 0001")") ;;
	*"all orgs") r=$(ratio "$(mean "$name")" "$(mean "sqlite3 .import: all orgs")") ;;
	*) r="" ;;
	esac
	awk -v n="$name" -v m="$m" -v s="$sd" -v r="$r" 'BEGIN { printf "| %-44s | %9.2f | %6.2f | %8s |\n", n, m * 1000, s * 1000, r }'
done < <(tail -n +2 "$W/hf.csv")
echo
echo "ratio: xlsx export over bare libxlsxwriter writing the same number of cells (16 columns);"
echo "       csv import over the sqlite3 shell's .import of the same file into a table of its columns;"
echo "       all orgs: every organization's rows in one file (column organization), one process."
echo "hyperfine -N --warmup 2 --min-runs $MIN_RUNS, each run on a fresh copy of the database (--prepare cp)."
echo
echo "$n_files organizations' CSV files ($(rows "$W/all.csv") rows), one after the other:"
echo "| cdcf import --dry-run, one process per file | ${t_many_dry} s | $(ratio "$t_many_dry" "$t_many_sqlite") |"
echo "| cdcf import (apply), one process per file   | ${t_many_apply} s | $(ratio "$t_many_apply" "$t_many_sqlite") |"
echo "| sqlite3 .import, one process per file        | ${t_many_sqlite} s | 1.00x |"
echo "| sqlite3 .import of all the rows at once      | ${t_all_sqlite} s | |"
echo
echo "peak RSS (/usr/bin/time -v, one run each; csv all orgs: one.csv's size for scale, all_orgs.csv):"
printf '| %-26s | %12s | %8s | %12s | %8s |\n' import "small B" "MiB" "10x B" "MiB"
printf '|%s|--------------|----------|--------------|----------|\n' "$(printf -- '-%.0s' {1..28})"
for row in "${mem_rows[@]}"; do
	IFS='|' read -r n sb sm bb bm <<<"$row"
	printf '| %-26s | %12s | %8s | %12s | %8s |\n' "$n" "$sb" "$sm" "$bb" "$bm"
done
