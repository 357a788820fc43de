#!/bin/bash
# The workbook's sheet Actions imported back with its Portfolio: the report's workbook with
# the Actions cells edited (python zipfile, as a spreadsheet program saves inline strings):
# the dry run lists each action input that changes and stores nothing; the import applies
# them through the calls of the actions page in the one transaction; a refused value is
# named by its cell (Actions!E2) and leaves the database as it was, and so does a sheet
# whose rows no longer match the actions (a row deleted).
set -u
CDCF=$1
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
. "$(dirname "$0")/lib/test_db.sh"
CDCF_DB=$(new_db cdcf.db) || { echo "FAIL: no database" >&2; exit 1; }
export CDCF_DB CDCF_NOW="2026-04-01T09:00:00Z" CDCF_LANG=en USER=tester
fail() { echo "FAIL: $*" >&2; exit 1; }
c() { "$CDCF" "$@"; }
O="Example Corp" F=x1060-2021
. "$(dirname "$0")/../case-lib/report-org.sh" 2>/dev/null
c action add "$O" $F A-2 "Second on A-2" --due 2026-03-01 >/dev/null || fail "action 2"
c action add "$O" $F A-11 "Renew the contract" >/dev/null || fail "action 3"
c report "$O" $F --format xlsx -o "$W/book.xlsx" 2>/dev/null || fail "workbook"
# rows of the sheet Actions: 2 A-2 "Publish the playbook" (SOC lead, 2026-06-30, 4),
# 3 A-2 "Second on A-2" (due 2026-03-01), 4 A-11 "Renew the contract"

# edit FILE OUT CELL=TEXT... | -ROW: cells of the sheet Actions set to inline strings; -ROW
# deletes the row
edit() {
	python3 - "$@" <<'PY' || fail "cannot edit the workbook"
import re, sys, zipfile
from xml.sax.saxutils import escape
src, out, *edits = sys.argv[1:]
def col(ref):
    return re.match(r"[A-Z]+", ref).group(0)
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
    book = zin.read("xl/workbook.xml").decode()
    rid = re.search(r'<sheet name="Actions" sheetId="\d+" r:id="(rId\d+)"', book).group(1)
    rels = zin.read("xl/_rels/workbook.xml.rels").decode()
    part = "xl/" + re.search(r'Id="%s"[^>]*Target="([^"]+)"' % rid, rels).group(1)
    for item in zin.infolist():
        data = zin.read(item.filename)
        if item.filename == part:
            text = data.decode()
            for e in edits:
                if e.startswith("-"):
                    text, n = re.subn(r'<row r="%s"[^>]*>.*?</row>' % e[1:], "", text)
                    assert n == 1, e
                    continue
                ref, value = e.split("=", 1)
                cell = '<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, escape(value))
                text, n = re.subn(r'<c r="%s"[^>]*?(/>|>.*?</c>)' % ref, cell, text)
                if n == 0:  # an empty cell: inserted in its row, in column order
                    row = re.search(r"\d+", ref).group(0)
                    m = re.search(r'(<row r="%s"[^>]*>)(.*?)(</row>)' % row, text)
                    cells = re.findall(r'<c r="[A-Z]+\d+".*?(?:/>|</c>)', m.group(2)) + [cell]
                    cells.sort(key=lambda s: (len(col(s[6:])), col(s[6:])))
                    text = text[:m.start(2)] + "".join(cells) + text[m.end(2):]
            data = text.encode()
        zout.writestr(item, data)
PY
}
digest() { db_dump | sha256sum; }
actions() { c action list "$O" $F --status all --json | jq -c '.[] | [.id, .ref, .title, .owner, .due, .target, .status]'; }

# the workbook as exported: nothing to change
out=$(c import "$W/book.xlsx" --dry-run 2>&1) || fail "unedited workbook: $out"
echo "$out" | grep -qi "no changes" || fail "unedited workbook lists changes: $out"

edit "$W/book.xlsx" "$W/edited.xlsx" "C2=CISO" "B3=Second, renamed" "F3=done" "D4=2026-05-15" "E4=3"
before=$(digest)
out=$(c import "$W/edited.xlsx" --dry-run 2>&1) || fail "dry run: $out"
for want in "A-2 action.owner: 'SOC lead' -> 'CISO'" "A-2 action.title: 'Second on A-2' -> 'Second, renamed'" \
	"A-2 action.status: 'open' -> 'done'" "A-11 action.due: '' -> '2026-05-15'" "A-11 action.target: '' -> '3'"; do
	echo "$out" | grep -qF "$want" || fail "the dry run does not list '$want': $out"
done
[ "$before" = "$(digest)" ] || fail "the dry run stored something"
out=$(c import "$W/edited.xlsx" 2>&1) || fail "import: $out"
got=$(actions)
want='[1,"A-2","Publish the playbook","CISO","2026-06-30",4,"open"]
[2,"A-2","Second, renamed",null,"2026-03-01",null,"done"]
[3,"A-11","Renew the contract",null,"2026-05-15",3,"open"]'
[ "$got" = "$want" ] || fail "actions after the import: $got"
# the same file again changes nothing
out=$(c import "$W/edited.xlsx" --dry-run 2>&1) || fail "again: $out"
echo "$out" | grep -qi "no changes" || fail "the same file again lists changes: $out"

# words in Japanese: the status reopened, the owner cleared
edit "$W/edited.xlsx" "$W/ja.xlsx" "F3=未完了" "C2="
out=$(c import "$W/ja.xlsx" 2>&1) || fail "japanese words: $out"
[ "$(c action list "$O" $F --status all --json | jq -c '[.[0].owner, .[1].status]')" = '[null,"open"]' ] ||
	fail "after the Japanese words: $(actions)"

# refusals: the cell named, nothing stored (a good edit in the same file included)
before=$(digest)
edit "$W/book.xlsx" "$W/bad-target.xlsx" "C2=Someone" "E2=9"
out=$(c import "$W/bad-target.xlsx" 2>&1) && fail "a target of 9 was accepted"
echo "$out" | grep -q "Actions!E2 (target='9')" || fail "the refusal does not name Actions!E2: $out"
edit "$W/book.xlsx" "$W/bad-due.xlsx" "D3=2026-02-30"
out=$(c import "$W/bad-due.xlsx" 2>&1) && fail "2026-02-30 was accepted"
echo "$out" | grep -q "Actions!D3 (due='2026-02-30')" || fail "the refusal does not name Actions!D3: $out"
edit "$W/book.xlsx" "$W/no-title.xlsx" "B4="
out=$(c import "$W/no-title.xlsx" 2>&1) && fail "an empty title was accepted"
echo "$out" | grep -q "Actions!B4" || fail "the refusal does not name Actions!B4: $out"
edit "$W/book.xlsx" "$W/bad-status.xlsx" "F2=finished"
out=$(c import "$W/bad-status.xlsx" 2>&1) && fail "status 'finished' was accepted"
echo "$out" | grep -q "Actions!F2 (status='finished')" || fail "the refusal does not name Actions!F2: $out"
edit "$W/book.xlsx" "$W/row-gone.xlsx" "-3" "C2=Someone"
out=$(c import "$W/row-gone.xlsx" 2>&1) && fail "a sheet without the second A-2 row was accepted"
echo "$out" | grep -q "Actions!A2 (ref='A-2')" || fail "the refusal does not name Actions!A2: $out"
echo "$out" | grep -q "2 improvement actions and the sheet 1 rows" || fail "the refusal does not say why: $out"
edit "$W/book.xlsx" "$W/heading.xlsx" "H1=priority"
out=$(c import "$W/heading.xlsx" 2>&1) && fail "an unknown heading was accepted"
echo "$out" | grep -q "Actions!H1" || fail "the refusal does not name Actions!H1: $out"
# the ceiling: more rows than ACTIONS_IMPORT_ROWS_MAX (20000) are refused before anything is read
python3 - "$W/book.xlsx" "$W/many.xlsx" <<'PY' || fail "cannot write the large workbook"
import re, sys, zipfile
src, out = sys.argv[1:]
rows = "".join('<row r="%d"><c r="A%d" t="inlineStr"><is><t>A-2</t></is></c></row>' % (r, r)
               for r in range(2, 20003))
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
    for item in zin.infolist():
        data = zin.read(item.filename)
        if item.filename == "xl/worksheets/sheet4.xml":
            text = data.decode()
            text = re.sub(r'(<row r="1"[^>]*>.*?</row>).*?</sheetData>', lambda m: m.group(1) + rows + "</sheetData>", text)
            data = text.encode()
        zout.writestr(item, data)
PY
out=$(c import "$W/many.xlsx" 2>&1) && fail "20001 action rows were accepted"
echo "$out" | grep -q "Actions: more than 20000 actions" || fail "the ceiling's refusal: $out"
[ "$before" = "$(digest)" ] || fail "a refused workbook changed the database"
echo "xlsx_actions_import: ok"
