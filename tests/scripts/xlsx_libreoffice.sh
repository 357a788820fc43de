#!/bin/bash
# A real spreadsheet opens the portfolio workbook: LibreOffice (headless)
# converts `cdcf report --format xlsx` to CSV, and its Portfolio values (every
# column: ref, name, category, level and assignment words, team, provider, the
# four scores, note, version) equal the ones cdcf wrote; it also saves the
# workbook again as XLSX, and that file still holds the same Portfolio; cdcf
# imports the workbook LibreOffice saved (no changes), and a score edited in
# it imports as that one change. scripts/deps.sh installs LibreOffice
# (libreoffice-calc-nogui); skipped (77) only where it could not.
set -u
CDCF=$1
command -v soffice >/dev/null 2>&1 ||
	{ echo "SKIP: soffice (LibreOffice) is not installed: apt-get install libreoffice-calc"; exit 77; }
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 is not installed"; exit 77; }
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
DUMP="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib/xlsx_dump.py"
. "$(dirname "$0")/lib/test_db.sh"
CDCF_DB=$(new_db c.db) || { echo "FAIL: no database"; exit 1; }
export CDCF_DB CDCF_NOW=2026-04-01T09:00:00Z
FW=x1060-2021
fail() { echo "FAIL: $*"; exit 1; }
c() { "$CDCF" "$@"; }

c init >/dev/null || fail init
c org add Acme >/dev/null && c team add Acme SOC >/dev/null && c provider add Acme MSSP >/dev/null &&
	c portfolio new Acme $FW >/dev/null || fail "set-up"
c select Acme $FW A-1 A-2 A-3 --level basic >/dev/null &&
	c select Acme $FW B-1 --level advanced >/dev/null || fail select
c assign Acme $FW A-1 --insource SOC >/dev/null && c assign Acme $FW A-2 --outsource MSSP >/dev/null &&
	c assign Acme $FW A-3 --hybrid SOC MSSP >/dev/null || fail assign
c score Acme $FW A-1 --side insource --current 2 --target 4 --note '=1+2, "quoted"' >/dev/null &&
	c score Acme $FW A-2 --side outsource --current 3 --target 5 >/dev/null &&
	c score Acme $FW A-3 --side insource --current n/a --target 3 --note 'メモ' >/dev/null || fail score

for lang in en ja; do
	c report Acme $FW --format xlsx --lang $lang -o "$W/$lang.xlsx" || fail "xlsx $lang"
	mkdir -p "$W/csv-$lang" "$W/xlsx-$lang"
	# 44,34,76: comma, double quote, UTF-8; the first sheet (Portfolio)
	soffice -env:UserInstallation="file://$W/profile" --headless \
		--convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1' --outdir "$W/csv-$lang" \
		"$W/$lang.xlsx" >"$W/soffice.log" 2>&1 || fail "soffice to csv: $(cat "$W/soffice.log")"
	[ -s "$W/csv-$lang/$lang.csv" ] || fail "soffice wrote no CSV: $(cat "$W/soffice.log")"
	soffice -env:UserInstallation="file://$W/profile" --headless --convert-to xlsx \
		--outdir "$W/xlsx-$lang" "$W/$lang.xlsx" >"$W/soffice.log" 2>&1 ||
		fail "soffice to xlsx: $(cat "$W/soffice.log")"
	[ -s "$W/xlsx-$lang/$lang.xlsx" ] || fail "soffice wrote no XLSX: $(cat "$W/soffice.log")"
	python3 - "$DUMP" "$W" "$lang" <<'PY' || fail "LibreOffice reads other values ($lang)"
import csv, io, subprocess, sys
dump, W, lang = sys.argv[1:4]
def portfolio(path):
    out = subprocess.run([sys.executable, dump, path], check=True, capture_output=True,
                         text=True).stdout
    rows, on = [], False
    for line in out.split("\n"):
        if line.startswith("== "):
            on = line == "== Portfolio"
        elif on and line:
            rows.append(line.split("\t"))
    return rows
def pad(rows):
    return [(r + [""] * 13)[:13] for r in rows if any(r)]
ours = pad(portfolio(f"{W}/{lang}.xlsx"))
lo_csv = pad(list(csv.reader(open(f"{W}/csv-{lang}/{lang}.csv", encoding="utf-8", newline=""))))
lo_xlsx = pad(portfolio(f"{W}/xlsx-{lang}/{lang}.xlsx"))
bad = 0
for name, theirs in (("csv", lo_csv), ("xlsx", lo_xlsx)):
    if len(theirs) != len(ours):
        print(f"{name}: {len(theirs)} rows, cdcf wrote {len(ours)}")
        bad = 1
    for a, b in zip(ours, theirs):
        if a != b:
            print(f"{name}: {b} != {a}")
            bad = 1
if len(ours) != 5 or ours[1][11] != '=1+2, "quoted"':
    print("unexpected workbook:", ours)
    bad = 1
sys.exit(bad)
PY
	# the workbook as LibreOffice saved it imports: unchanged, then one score edited in it
	out=$(c import "$W/xlsx-$lang/$lang.xlsx" --dry-run 2>&1) || fail "LibreOffice's workbook refused: $out"
	[ "$out" = "no changes" ] || fail "LibreOffice's unchanged workbook imports as: $out"
	python3 - "$W/xlsx-$lang/$lang.xlsx" "$W/edited-$lang.xlsx" <<'PY' || fail "cannot edit H2 ($lang)"
import re, sys, zipfile
src, dst = sys.argv[1:3]
zin, zout = zipfile.ZipFile(src), zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED)
done = False
for item in zin.infolist():
    data = zin.read(item.filename)
    if item.filename == "xl/worksheets/sheet1.xml":
        data, n = re.subn(rb'(<c r="H2"[^>]*><v>)2(</v>)', rb"\g<1>3\g<2>", data)
        done = n == 1
    zout.writestr(item, data)
zout.close()
sys.exit(0 if done else 1)
PY
	out=$(c import "$W/edited-$lang.xlsx" 2>&1) || fail "the edited workbook was refused: $out"
	echo "$out" | grep -q "^A-1 insource.current: '2' -> '3'" || fail "the edit did not import: $out"
	c score Acme $FW A-1 --side insource --current 2 >/dev/null || fail "score back"
done
echo "LibreOffice reads the workbook: ok"
