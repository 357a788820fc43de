#!/bin/bash
# A survey answered in a workbook: the Excel template by link over HTTP,
# filled (cells edited as a spreadsheet saves them) and uploaded with the
# link's pre-session CSRF token; the answers stored; a bad value refused
# naming the cell with nothing changed; an invited organization's editor
# downloads its pre-filled workbook and uploads it; LibreOffice opens the
# template (its services listed) and a workbook it saved is read back; the
# command line writes (--format xlsx, Japanese) and imports the same workbook.
set -u
CDCF=$1
. "$(dirname "$0")/lib/web_env.sh"
command -v python3 >/dev/null 2>&1 || { echo "SKIP: python3 is not installed"; exit 77; }
FILL="$(dirname "$0")/lib/xlsx_fill.py"

c init >/dev/null && c org add Acme >/dev/null || fail "set-up"
echo 'ed-password-1234' | c user add ed --password-stdin >/dev/null && c user grant ed Acme editor >/dev/null ||
	fail "editor"
echo 'vi-password-1234' | c user add vi --password-stdin >/dev/null && c user grant vi Acme viewer >/dev/null ||
	fail "viewer"
c survey new Wb2026 --framework $FW --services A-1,A-2,B-1 --min-group 1 >/dev/null || fail "survey new"
c survey invite Wb2026 Acme >/dev/null || fail "invite"
T=$(c survey link Wb2026 --count 1 | grep -o '[0-9a-f]\{48\}')
[ -n "$T" ] || fail "no link"
SV=$(db_sql "SELECT id FROM surveys WHERE name = 'Wb2026'")

serve_start
R="$W/resp.jar"
page=$(curl -s -c "$R" -b "$R" "$U/s/$T?lang=en")
echo "$page" | grep -q "href=\"/s/$T/answers.xlsx\"" || fail "the link's page does not offer the workbook"
echo "$page" | grep -q "action=\"/s/$T/upload\"" || fail "the link's page has no upload form"
tok=$(echo "$page" | csrf_of)
[ -n "$tok" ] || fail "no CSRF token"
[ "$(echo "$page" | grep -o 'name="csrf" value="[^"]*"' | sort -u | wc -l)" = 1 ] ||
	fail "the page's two forms carry different CSRF tokens"

# the template, empty, in English
code=$(curl -s -D "$W/h" -o "$W/t.xlsx" -w '%{http_code}' -b "$R" "$U/s/$T/answers.xlsx?lang=en")
[ "$code" = 200 ] || fail "template: $code"
grep -qi '^content-type: application/vnd.openxmlformats' "$W/h" || fail "template content type"
grep -qi '^referrer-policy: no-referrer' "$W/h" || fail "template without Referrer-Policy"
grep -qi '^cache-control: private, no-store' "$W/h" || fail "template may be cached"
grep -q "$T" "$W/serve.log" && fail "a token reached the log"
python3 - "$W/t.xlsx" <<'PY' || fail "the template's sheets"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
wb = z.read("xl/workbook.xml").decode()
assert 'name="Answers"' in wb and 'name="About"' in wb, wb
s = z.read("xl/sharedStrings.xml").decode()
for w in ("A-1", "A-2", "B-1", "Implemented", "Wb2026", "cdcf-survey 1"):
    assert w in s, w
sh = z.read("xl/worksheets/sheet1.xml").decode()
assert "<dataValidation" in sh and "<sheetProtection" in sh, "no drop-downs or protection"
assert '"Standard,' in sh or 'Standard,' in sh, "no level drop-down"
PY

# filled as a spreadsheet saves it: words as labels, a number cell, a note
python3 "$FILL" "$W/t.xlsx" "$W/f.xlsx" Answers D2=yes E2=Standard F2=Outsourced G2=3 H2="from the workbook" \
	D3=no D4=はい F4=インソース G4=4 || fail "fill"
code=$(curl -s -o "$W/r.html" -D "$W/h" -w '%{http_code}' -c "$R" -b "$R" "$U/s/$T/upload" \
	-F "csrf=$tok" -F "file=@$W/f.xlsx")
[ "$code" = 303 ] || fail "upload: $code $(grep -o 'role="alert".*' "$W/r.html" | head -c 300)"
got=$(db_sql "SELECT ref || ':' || implemented || ':' || coalesce(level, '') || ':' || coalesce(assignment, '') || ':' ||
	coalesce(CAST(current_score AS TEXT), '') FROM survey_answers ORDER BY ref" | tr '\n' ' ')
[ "$got" = "A-1:1:standard:outsource:3 A-2:0::: B-1:1::insource:4 " ] || fail "stored answers: $got"
c survey status Wb2026 --json | python3 -c 'import json,sys; d=json.load(sys.stdin); assert d["links_used"] == 1, d' ||
	fail "status does not count the link's response"
c survey results Wb2026 --format csv | grep -q '^service,A-1' || fail "results"

# without the CSRF token: refused
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$R" "$U/s/$T/upload" -F "file=@$W/f.xlsx")
[ "$code" = 403 ] || fail "an upload without the CSRF token: $code"
# a bad value: refused naming the cell and the value, nothing changed
answers() { db_sql "SELECT response_id || ref || implemented || coalesce(CAST(current_score AS TEXT), '')
	FROM survey_answers ORDER BY response_id, ref" | tr '\n' ','; }
before=$(answers)
[ -n "$before" ] || fail "no answers stored"
python3 "$FILL" "$W/t.xlsx" "$W/bad.xlsx" Answers D2=yes D3=yes F3=insource G3=9 || fail "fill bad"
code=$(curl -s -o "$W/r.html" -w '%{http_code}' -c "$R" -b "$R" "$U/s/$T/upload?lang=en" -F "csrf=$tok" \
	-F "file=@$W/bad.xlsx;filename=bad.xlsx")
[ "$code" = 400 ] || fail "a bad score answered $code"
grep -q 'Answers!G3' "$W/r.html" && grep -q "must be 1-5" "$W/r.html" || fail "the refusal does not name the cell: $(grep -o 'role="alert".\{0,300\}' "$W/r.html")"
grep -q "action=\"/s/$T/upload\"" "$W/r.html" || fail "the refusal does not show the upload form again"
python3 "$FILL" "$W/t.xlsx" "$W/bad2.xlsx" Answers D2=perhaps || fail "fill bad2"
code=$(curl -s -o "$W/r.html" -w '%{http_code}' -c "$R" -b "$R" "$U/s/$T/upload?lang=ja" \
	-F "csrf=$tok" -F "file=@$W/bad2.xlsx;filename=bad2.xlsx")
[ "$code" = 400 ] || fail "a bad word answered $code"
grep -q 'Answers!D2' "$W/r.html" && grep -q 'perhaps' "$W/r.html" && grep -q '実施の有無' "$W/r.html" ||
	fail "the Japanese refusal does not name the cell"
after=$(answers)
[ "$before" = "$after" ] || fail "a refused workbook changed the answers: $before -> $after"
# not a workbook, and no file
printf 'not a zip' >"$W/junk.xlsx"
code=$(curl -s -o "$W/r.html" -w '%{http_code}' -c "$R" -b "$R" "$U/s/$T/upload" -F "csrf=$tok" -F "file=@$W/junk.xlsx")
[ "$code" = 400 ] || fail "a file that is no workbook answered $code"
code=$(curl -s -o "$W/r.html" -w '%{http_code}' -c "$R" -b "$R" "$U/s/$T/upload" -F "csrf=$tok")
[ "$code" = 400 ] || fail "an upload without a file answered $code"

# revising: the template comes pre-filled, in Japanese
curl -s -o "$W/ja.xlsx" -H 'Accept-Language: ja' -b "$R" "$U/s/$T/answers.xlsx" || fail "pre-filled template"
python3 - "$W/ja.xlsx" <<'PY' || fail "the pre-filled template"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
s = z.read("xl/sharedStrings.xml").decode()
for w in ("はい", "いいえ", "スタンダード", "アウトソース", "from the workbook", "実施"):
    assert w in s, w
PY
code=$(curl -s -o /dev/null -w '%{http_code}' "$U/s/0123456789abcdef0123456789abcdef0123456789abcdef/answers.xlsx")
[ "$code" = 404 ] || fail "an unknown token's workbook answered $code"

# an invited organization's editor; a viewer downloads but cannot upload
ACME=$(db_sql "SELECT id FROM organizations WHERE name = 'Acme'")
E="$W/ed.jar"
login "$E" ed ed-password-1234
WEB_GET_KEEPS_CSRF=1 get "$E" "/o/$ACME/surveys/$SV" | grep -q "action=\"/o/$ACME/surveys/$SV/upload\"" ||
	fail "the organization's form has no upload form"
curl -s -o "$W/o.xlsx" -b "$E" "$U/o/$ACME/surveys/$SV/answers.xlsx" || fail "organization template"
python3 "$FILL" "$W/o.xlsx" "$W/of.xlsx" Answers D2=yes E2=basic F2=hybrid G2=2 || fail "fill org"
ecsrf=$(WEB_GET_KEEPS_CSRF=1 get "$E" "/o/$ACME/surveys/$SV" | csrf_of)
code=$(curl -s -o "$W/r.html" -w '%{http_code}' -b "$E" "$U/o/$ACME/surveys/$SV/upload" -F "csrf=$ecsrf" -F "file=@$W/of.xlsx")
[ "$code" = 303 ] || fail "organization upload: $code"
[ "$(db_sql "SELECT a.level || a.assignment || a.current_score FROM survey_answers a JOIN survey_responses r ON r.id = a.response_id WHERE r.org_id = $ACME")" = basichybrid2 ] ||
	fail "the organization's answers"
V="$W/vi.jar"
login "$V" vi vi-password-1234
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$V" "$U/o/$ACME/surveys/$SV/answers.xlsx")
[ "$code" = 200 ] || fail "a viewer's download: $code"
vcsrf=$(WEB_GET_KEEPS_CSRF=1 get "$V" "/o/$ACME/surveys/$SV" | csrf_of)
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$V" "$U/o/$ACME/surveys/$SV/upload" -F "csrf=$vcsrf" -F "file=@$W/of.xlsx")
[ "$code" = 403 ] || fail "a viewer uploaded: $code"
serve_stop

# the command line: the template in Japanese for the organization, pre-filled, imported again
c survey template Wb2026 --format xlsx --lang ja --org Acme -o "$W/cli.xlsx" >/dev/null || fail "cli template"
c survey import Wb2026 --org Acme "$W/cli.xlsx" | grep -q 'saved 1 answers' || fail "cli import of the pre-filled template"
c survey template Wb2026 --format ods -o "$W/x" 2>&1 | grep -q 'csv or xlsx' || fail "a bad --format"
python3 "$FILL" "$W/cli.xlsx" "$W/clibad.xlsx" Answers F3=hybrid D3=いいえ || fail "fill cli bad"
c survey import Wb2026 --org Acme "$W/clibad.xlsx" 2>&1 | grep -q "clibad.xlsx: Answers!F3" || fail "cli refusal without the cell"

# LibreOffice opens the template and lists the services; a workbook it saved is read back
if command -v soffice >/dev/null 2>&1; then
	mkdir -p "$W/lo" "$W/lo2"
	# 44,34,76: comma, double quote, UTF-8; the first sheet (Answers)
	soffice -env:UserInstallation="file://$W/profile" --headless \
		--convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1' --outdir "$W/lo" \
		"$W/cli.xlsx" >"$W/soffice.log" 2>&1 || fail "soffice: $(cat "$W/soffice.log")"
	tr -d '"' <"$W/lo/cli.csv" >"$W/lo/plain.csv"
	grep -q '^A-1,' "$W/lo/plain.csv" && grep -q '^B-1,' "$W/lo/plain.csv" ||
		fail "LibreOffice does not show the services: $(cat "$W/lo/cli.csv")"
	grep -q '^A-1,.*,はい,ベーシック,ハイブリッド,2' "$W/lo/plain.csv" ||
		fail "LibreOffice does not show the answers: $(cat "$W/lo/cli.csv")"
	soffice -env:UserInstallation="file://$W/profile" --headless --convert-to xlsx --outdir "$W/lo2" \
		"$W/cli.xlsx" >"$W/soffice.log" 2>&1 || fail "soffice to xlsx: $(cat "$W/soffice.log")"
	c survey import Wb2026 --org Acme "$W/lo2/cli.xlsx" | grep -q 'saved 1 answers' ||
		fail "a workbook LibreOffice saved is not read back"
else
	echo "note: soffice not installed, LibreOffice part skipped"
fi
echo "ok: the Excel template by link and by organization, uploads, refusals naming the cell, LibreOffice"
