#!/bin/bash
# Hostile files given to 'cdcf import' (a workbook or a CSV portfolio) are each
# refused with exit 1 within a few seconds, saying which file and part or line,
# and the database is left exactly as it was: a workbook whose sheet part
# inflates to 300 MB of 'a', a part whose zip headers understate its size, a
# DOCTYPE with nested entities (billion laughs) or an external entity, a zip
# that is not one or holds 10,001 files, a CSV of a million rows, invalid UTF-8.
set -u
CDCF=$1
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
export CDCF_NOW=2026-04-01T09:00:00Z
fail() { echo "FAIL: $*"; exit 1; }
command -v python3 >/dev/null || { echo "python3 missing: skipped"; exit 77; }
. "$(dirname "$0")/lib/test_db.sh"
CDCF_DB=$(new_db t.db) || fail "no database"
c() { "$CDCF" --db "$CDCF_DB" "$@"; }
O=Acme F=x1060-2021
c init >/dev/null && c org add $O >/dev/null && c team add $O SOC >/dev/null &&
	c portfolio new $O $F >/dev/null && c select $O $F A-1 --level basic >/dev/null ||
	fail "setup"

python3 - "$W" <<'PY' || fail "making the hostile files"
import sys, zipfile, struct
w = sys.argv[1]
ns = ('xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
wb = ('<?xml version="1.0"?><workbook %s><sheets><sheet name="Portfolio" sheetId="1"/>'
      '</sheets></workbook>' % ns)

def book(name, sheet):
    z = zipfile.ZipFile(w + "/" + name, "w", zipfile.ZIP_DEFLATED)
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
    z.writestr("xl/workbook.xml", wb)
    z.writestr("xl/worksheets/sheet1.xml", sheet)
    z.close()

book("bomb.xlsx", b"<" + b"a" * 300000000)
book("laughs.xlsx", '<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaaaaaaaa">'
     + "".join('<!ENTITY %s "%s">' % (chr(98 + i), ("&%s;" % chr(97 + i)) * 10) for i in range(8))
     + ']><worksheet><sheetData><row><c t="inlineStr"><is><t>&i;</t></is></c></row>'
       '</sheetData></worksheet>')
book("external.xlsx", '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
     '<worksheet><sheetData><row><c t="inlineStr"><is><t>&x;</t></is></c></row>'
     '</sheetData></worksheet>')
# 60 MB of 'a' (under the part ceiling) whose headers say 1000 bytes
book("liar.xlsx", b"<worksheet>" + b"a" * 60000000)
data = bytearray(open(w + "/liar.xlsx", "rb").read())
i = 0
while True:
    i = data.find(b"xl/worksheets/sheet1.xml", i + 1)
    if i < 0:
        break
    if data[i - 30:i - 26] == b"PK\x03\x04":
        data[i - 8:i - 4] = struct.pack("<I", 1000)
    if data[i - 46:i - 42] == b"PK\x01\x02":
        data[i - 22:i - 18] = struct.pack("<I", 1000)
open(w + "/liar.xlsx", "wb").write(bytes(data))
z = zipfile.ZipFile(w + "/many.xlsx", "w", zipfile.ZIP_STORED)
for n in range(10001):
    z.writestr("p%d" % n, "")
z.close()
open(w + "/notzip.xlsx", "wb").write(b"PK\x03\x04 but nothing else")
with open(w + "/million.csv", "w") as f:
    f.write("ref,level\n")
    for n in range(1000000):
        f.write("R-%d,basic\n" % n)
open(w + "/utf8.csv", "wb").write(b"ref,note\nA-1,caf\xc3\x28\n")
PY

before=$(db_dump | sha256sum)
# refused FILE WANT [ARGS...]: exit 1 within 10 s, the message says WANT
refused() {
	f=$1 want=$2
	shift 2
	start=$(date +%s)
	out=$(timeout 10 "$CDCF" --db "$CDCF_DB" import "$W/$f" "$@" 2>&1)
	rc=$?
	secs=$(($(date +%s) - start))
	[ $rc = 1 ] || fail "$f gave exit $rc: $out"
	[ $secs -le 10 ] || fail "$f took ${secs}s"
	echo "$out" | grep -qF "$want" || fail "$f: '$out' does not say '$want'"
	echo "refused $f in ${secs}s: $out" | head -1
}
refused bomb.xlsx "bomb.xlsx: xl/worksheets/sheet1.xml: the part is larger than 64 MiB"
refused bomb.xlsx "the part is larger than 64 MiB" --org $O --framework $F --dry-run
refused laughs.xlsx "laughs.xlsx: xl/worksheets/sheet1.xml: a document type declaration"
refused external.xlsx "external.xlsx: xl/worksheets/sheet1.xml: a document type declaration"
refused liar.xlsx "liar.xlsx: xl/worksheets/sheet1.xml: the part cannot be read"
refused notzip.xlsx "notzip.xlsx: not a workbook"
refused many.xlsx "many.xlsx: more than 10000 files in the zip"
refused million.csv "million.csv:200002:1: more than 200000 rows after the heading" --org $O --framework $F
refused utf8.csv "utf8.csv:2:2: the text is not valid UTF-8" --org $O --framework $F
[ "$before" = "$(db_dump | sha256sum)" ] || fail "the database changed"
echo "ok: hostile workbooks and CSV files refused, database unchanged"
