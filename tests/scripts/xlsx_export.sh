#!/bin/bash
# The portfolio workbook (`cdcf report --format xlsx`, the report page's
# download), read back with python3's zipfile (tests/scripts/lib/xlsx_dump.py):
#   - the six sheets of docs/formats.md in order; the Portfolio rows carry the
#     same refs, levels, assignments, teams, providers, scores and notes as the
#     machine CSV, in the chosen language's words; a note that looks like a
#     formula stays text; the version column is hidden and the header frozen;
#   - drop-downs for level, assignment, team, provider and the scores; the
#     team list holds the organization's teams, also one no entry uses;
#   - About: organization, framework id, format version; History: a closed
#     cycle;
#   - the same data gives the same bytes (again, in another time zone, on
#     stdout); a terminal is refused; the web download is the same file with
#     the workbook's media type and an .xlsx name.
set -u
CDCF=$1
for tool in curl python3; do
	command -v "$tool" >/dev/null 2>&1 || { echo "SKIP: $tool is not installed"; exit 77; }
done
. "$(dirname "${BASH_SOURCE[0]}")/lib/server_workdir.sh"
DUMP="$(dirname "${BASH_SOURCE[0]}")/lib/xlsx_dump.py"
CDCF_DB=$(new_db c.db) || { echo "FAIL: no database"; exit 1; }
export CDCF_DB CDCF_ARGON2=min CDCF_NOW=2026-04-01T09:00:00Z
FW=x1060-2021
fail() { echo "FAIL: $*"; [ -s "$W/serve.log" ] && tail -n 20 "$W/serve.log"; exit 1; }
c() { "$CDCF" "$@"; }

c init >/dev/null || fail init
c org add "Example Corp" >/dev/null && c team add "Example Corp" "AB department" >/dev/null &&
	c team add "Example Corp" "Idle team" >/dev/null &&
	c provider add "Example Corp" Z-MSSP >/dev/null &&
	c portfolio new "Example Corp" $FW >/dev/null || fail "set-up"
c select "Example Corp" $FW A-1 A-2 A-3 --level basic >/dev/null &&
	c select "Example Corp" $FW B-1 --level standard >/dev/null &&
	c select "Example Corp" $FW C-1 --level not_required >/dev/null || fail select
c assign "Example Corp" $FW A-1 --insource "AB department" >/dev/null &&
	c assign "Example Corp" $FW A-2 --outsource Z-MSSP >/dev/null &&
	c assign "Example Corp" $FW A-3 --hybrid "AB department" Z-MSSP >/dev/null || fail assign
c score "Example Corp" $FW A-1 --side insource --current 2 --target 4 \
	--note '=HYPERLINK("http://x")' >/dev/null &&
	c score "Example Corp" $FW A-2 --side outsource --current 3 --target 5 >/dev/null &&
	c score "Example Corp" $FW A-3 --side insource --current n/a --target n/a >/dev/null &&
	c score "Example Corp" $FW A-3 --side outsource --current 1 --target 3 \
		--note "@risk" >/dev/null || fail score
c action add "Example Corp" $FW A-1 "Publish the playbook" --owner "SOC lead" --due 2026-03-01 \
	--target 4 >/dev/null || fail "action add"

# ---- the CLI ----
c report "Example Corp" $FW --format xlsx --lang en -o "$W/en.xlsx" || fail "xlsx en"
c report "Example Corp" $FW --format xlsx --lang ja -o "$W/ja.xlsx" || fail "xlsx ja"
c report "Example Corp" $FW --format csv -o "$W/machine.csv" || fail "csv"
sleep 1 # a clock in the file would now differ
TZ=Asia/Tokyo c report "Example Corp" $FW --format xlsx --lang en -o "$W/again.xlsx" ||
	fail "xlsx again"
c report "Example Corp" $FW --format xlsx --lang en >"$W/stdout.xlsx" || fail "xlsx to a pipe"
cmp -s "$W/en.xlsx" "$W/again.xlsx" || fail "the same data gave other bytes"
cmp -s "$W/en.xlsx" "$W/stdout.xlsx" || fail "stdout differs from -o"
cmp -s "$W/en.xlsx" "$W/ja.xlsx" && fail "English and Japanese workbooks are the same"
TMPDIR="$W/missing" c report "Example Corp" $FW --format xlsx -o "$W/no.xlsx" 2>"$W/tmp.err" &&
	fail "the workbook was written without a temporary directory"
grep -q "no temporary file could be made in '$W/missing' (TMPDIR)" "$W/tmp.err" ||
	fail "no temporary directory: $(cat "$W/tmp.err")"
[ -e "$W/no.xlsx" ] && fail "a failed export left a file"
if command -v script >/dev/null 2>&1; then
	script -qec "$CDCF report 'Example Corp' $FW --format xlsx" /dev/null >"$W/tty.out" 2>&1 &&
		fail "the workbook was written to a terminal"
	grep -q 'binary files: give -o FILE' "$W/tty.out" || fail "terminal refusal: $(cat "$W/tty.out")"
fi

python3 - "$DUMP" "$W" <<'PY' || fail "the workbook is not the portfolio"
import csv, subprocess, sys
dump, W = sys.argv[1], sys.argv[2]
bad = []
def check(ok, what):
    if not ok:
        bad.append(what)
def sheets(path):
    out = subprocess.run([sys.executable, dump, path], check=True, capture_output=True,
                         text=True).stdout
    book, name = {}, None
    for line in out.split("\n"):
        if line.startswith("== "):
            name = line[3:]
            book[name] = []
        elif name and line != "":
            book[name].append(line.split("\t"))
    return book
def meta(path):
    return subprocess.run([sys.executable, dump, path, "--meta"], check=True,
                          capture_output=True, text=True).stdout
words = {
    "en": {"basic": "Basic", "standard": "Standard", "not_required": "Not required",
           "insource": "In-house", "outsource": "Outsourced", "hybrid": "Hybrid",
           "unassigned": "Unassigned"},
    "ja": {"basic": "ベーシック", "standard": "スタンダード", "not_required": "不要",
           "insource": "インソース", "outsource": "アウトソース", "hybrid": "ハイブリッド",
           "unassigned": "未割り当て"},
}
heads = {
    "en": ["Ref", "Service", "Category", "Recommendation level", "Assignment", "Team",
           "Provider", "In-house current", "In-house target", "Outsourced current",
           "Outsourced target", "Note", "Version"],
    "ja": ["番号", "サービス", "カテゴリ", "推奨レベル", "割り当て", "チーム", "委託先",
           "インソース 現状", "インソース あるべき姿", "アウトソース 現状",
           "アウトソース あるべき姿", "メモ", "版"],
}
machine = list(csv.DictReader(open(W + "/machine.csv", encoding="utf-8", newline="")))
def raw(text):
    # the CSV neutralises a formula-like text with a ' ; the workbook keeps it
    # as it is, in a text cell
    return text[1:] if text[:1] == "'" and text[1:2] in "=+-@" else text
for lang in ("en", "ja"):
    book = sheets(W + "/" + lang + ".xlsx")
    check(list(book) == ["Portfolio", "Gaps", "Summary", "Actions", "History", "About"],
          f"{lang}: sheets {list(book)}")
    rows = book["Portfolio"]
    check(rows[0] == heads[lang], f"{lang}: headings {rows[0]}")
    check(len(rows) - 1 == len(machine), f"{lang}: {len(rows) - 1} rows, CSV {len(machine)}")
    for got, want in zip(rows[1:], machine):
        got = got + [""] * (13 - len(got))
        exp = [want["ref"], want["name"] if lang == "en" else got[1], got[2],
               words[lang][want["level"]], words[lang][want["assignment"]], want["team"],
               want["provider"], want["insource_current"], want["insource_target"],
               want["outsource_current"], want["outsource_target"], raw(want["note"]), got[12]]
        check(got == exp, f"{lang}: row {got} != {exp}")
        check(got[12].isdigit() and int(got[12]) >= 1, f"{lang}: version {got[12]}")
    about = {r[0]: r[1] for r in book["About"] if len(r) > 1}
    check(book["About"][0][1] == "Example Corp", f"{lang}: About B1 {book['About'][0]}")
    check(book["About"][1][1] == "x1060-2021", f"{lang}: About B2 {book['About'][1]}")
    check(book["About"][2][1] == "cdcf-workbook 1", f"{lang}: About B3 {book['About'][2]}")
    check([r[3] for r in book["About"][1:3]] == ["AB department", "Idle team"],
          f"{lang}: About teams {book['About']}")
    check(book["Actions"][1][:4] == ["A-1", "Publish the playbook", "SOC lead", "2026-03-01"],
          f"{lang}: Actions {book['Actions']}")
    check(book["Actions"][1][6] == ("yes" if lang == "en" else "はい"),
          f"{lang}: the action is overdue: {book['Actions'][1]}")
    check([r[1] for r in book["Gaps"][1:]] == ["A-1", "A-2", "A-3"],
          f"{lang}: Gaps {book['Gaps']}")
    m = meta(W + "/" + lang + ".xlsx")
    for want in ["hidden 13 13", "frozen A2 frozen", "validation D2:D6 list",
                 "validation E2:E6 list", 'validation F2:F6 list "AB department,Idle team"',
                 'validation G2:G6 list "Z-MSSP"',
                 'validation H2:H6 list "1,2,3,4,5,n/a"', "validation K2:K6 list",
                 "chart xl/charts/chart1.xml"]:
        check(want in m, f"{lang}: no '{want}' in\n{m}")
    lvl = "Not required,Basic,Standard,Advanced,Optional" if lang == "en" else \
        "不要,ベーシック,スタンダード,アドバンスド,オプション"
    check(f'validation D2:D6 list "{lvl}"' in m, f"{lang}: level list in\n{m}")
# never a formula: the raw sheet has no <f> element
import zipfile
z = zipfile.ZipFile(W + "/en.xlsx")
check(b"<f>" not in z.read("xl/worksheets/sheet1.xml"), "a formula in Portfolio")
for b in bad:
    print(b)
sys.exit(1 if bad else 0)
PY

# ---- the web download ----
echo 'xlsx-password-1' | c user add --admin admin --password-stdin >/dev/null 2>&1 ||
	fail "user add"
PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$CDCF" serve --listen "127.0.0.1:$PORT" >"$W/serve.out" 2>"$W/serve.log" &
SERVER_PID=$!
U="http://127.0.0.1:$PORT"
for _ in $(seq 100); do curl -fs -o /dev/null "$U/healthz" && break; sleep 0.1; done
curl -fs -o /dev/null "$U/healthz" || fail "server did not start"
J="$W/jar"
tok=$(curl -s -c "$J" -b "$J" "$U/login" | grep -o 'name="csrf" value="[^"]*"' | head -1 |
	sed 's/.*value="//; s/"$//')
code=$(curl -s -o /dev/null -w '%{http_code}' -c "$J" -b "$J" --data-urlencode name=admin \
	--data-urlencode password=xlsx-password-1 --data-urlencode "csrf=$tok" "$U/login")
[ "$code" = 303 ] || fail "sign-in gave $code"
ORG=$(curl -s -b "$J" "$U/orgs" | grep -o 'href="/o/[0-9]*">Example Corp<' | grep -o '[0-9]\+')
[ -n "$ORG" ] || fail "/orgs does not list the organization"
PF="/o/$ORG/p/$FW"
curl -fs -b "$J" "$U$PF/report?lang=en" -o "$W/page.html" || fail "report page"
grep -q "href=\"$PF/download/xlsx\"" "$W/page.html" || fail "the report page has no workbook download"
grep -q 'Excel workbook' "$W/page.html" || fail "the workbook download has no label"
curl -fs -b "$J" -D "$W/dl.hdr" -o "$W/dl.xlsx" "$U$PF/download/xlsx?lang=en" || fail "download"
grep -qi '^content-type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' \
	"$W/dl.hdr" || fail "download type: $(grep -i '^content-type' "$W/dl.hdr")"
grep -qi '^content-disposition: attachment; filename="cdcf-Example_Corp-x1060-2021-cycle1\.xlsx"' \
	"$W/dl.hdr" || fail "download name: $(grep -i '^content-disposition' "$W/dl.hdr")"
cmp -s "$W/dl.xlsx" "$W/en.xlsx" || fail "the download differs from cdcf report --format xlsx"
curl -fs -b "$J" -o "$W/dl-ja.xlsx" "$U$PF/download/xlsx?lang=ja" || fail "download ja"
cmp -s "$W/dl-ja.xlsx" "$W/ja.xlsx" || fail "the Japanese download differs from --lang ja"

# ---- a closed cycle: History lists it ----
answers='{"catalogue":{"appropriate":"yes","environment":"yes"},"profile":{"assignments":"keep"},"portfolio":{"scores":"up","targets":"same"}}'
c evaluate "Example Corp" $FW --answers <(echo "$answers") --approved-by CISO >/dev/null ||
	fail evaluate
c report "Example Corp" $FW --format xlsx --lang en -o "$W/cycle2.xlsx" || fail "xlsx cycle 2"
python3 "$DUMP" "$W/cycle2.xlsx" | sed -n '/^== History/,/^== About/p' >"$W/history.txt"
grep -q "^1	2026-04-01	" "$W/history.txt" || fail "History lacks cycle 1: $(cat "$W/history.txt")"
echo "xlsx export: ok"
