#!/bin/bash
# A workbook edited outside cdcf, imported through the page: the report's
# workbook downloaded with the CLI, a score edited in it (python zipfile),
# uploaded (multipart): the change is listed, nothing stored yet; confirmed:
# applied, 303 to the portfolio with the saved notice. A refused file (a
# level word cdcf does not know) lists the refusal with its cell, in both
# languages; an oversized upload, a form without CSRF token, a workbook of
# another organization and a viewer are refused, the database untouched.
set -u
CDCF=$1
. "$(dirname "$0")/lib/api_env.sh"
. "$(dirname "$0")/lib/web_env.sh"
WEB_GET_KEEPS_CSRF=1
PW='correct horse battery staple'
AL="$W/alice.jar"
VI="$W/vic.jar"
login "$AL" alice "$PW"
login "$VI" vic "$PW"
IMP="/o/$ORG_A/p/$FW/import"

# edit FILE OUT CELL XML: the cell CELL of the sheet Portfolio replaced by XML
edit() {
	python3 - "$@" <<'PY' || fail "cannot edit the workbook"
import re, sys, zipfile
src, out, cell, xml = sys.argv[1:5]
with zipfile.ZipFile(src) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
    for item in zin.infolist():
        data = zin.read(item.filename)
        if item.filename == "xl/worksheets/sheet1.xml":
            text, n = re.subn(r'<c r="%s"[^>]*?(/>|>.*?</c>)' % cell, xml, data.decode())
            assert n == 1, n
            data = text.encode()
        zout.writestr(item, data)
PY
}
# upload JAR FILE [LANG]: the multipart form with the jar's token; status printed, page in $W/up.html
upload() {
	curl -s -b "$1" -c "$1" -o "$W/up.html" -D "$W/up.hdr" -w '%{http_code}' \
		-H "Accept-Language: ${3:-en}" -F "csrf=$(cat "$1.csrf")" -F "file=@$2" "$U$IMP${3:+?lang=$3}"
}

c score A "$FW" A-1 --side insource --current 2 --target 4 >/dev/null || fail "score A-1"
c report A "$FW" --format xlsx -o "$W/a.xlsx" >/dev/null || fail "report xlsx"
edit "$W/a.xlsx" "$W/edited.xlsx" H2 '<c r="H2" s="2"><v>3</v></c>'

# ---- the page and its link ----
p=$(get "$AL" "/o/$ORG_A/p/$FW/report")
echo "$p" | grep -q "href=\"$IMP\"" || fail "the report does not link to the import page"
get "$VI" "/o/$ORG_A/p/$FW/report" | grep -q "href=\"$IMP\"" && fail "a viewer is offered the import"
p=$(get "$AL" "$IMP")
[ "$(status)" = 200 ] || fail "the import page gave $(status)"
echo "$p" | grep -q 'enctype="multipart/form-data"' || fail "the form does not upload files"
echo "$p" | grep -q 'type="file"' || fail "no file input"
p=$(get "$AL" "$IMP?lang=ja")
echo "$p" | grep -q '編集したワークブック' || fail "the import page is not in Japanese"
get "$AL" "$IMP?lang=en" >/dev/null

# ---- upload: the change listed, nothing stored ----
before=$(c report A "$FW" --format csv | md5sum)
code=$(upload "$AL" "$W/edited.xlsx")
[ "$code" = 200 ] || fail "the upload gave $code: $(grep -o 'notice.\{0,300\}' "$W/up.html")"
grep -q 'In-house current' "$W/up.html" || fail "the changed field is not named"
tr -d '\n' <"$W/up.html" | grep -q 'A-1.*<td[^>]*>2</td><td[^>]*>3</td>' ||
	fail "the change 2 -> 3 of A-1 is not listed: $(grep -o '<table class="import-changes".*' "$W/up.html" | head -c 600)"
grep -q 'name="data"' "$W/up.html" || fail "no confirm form"
[ "$(c report A "$FW" --format csv | md5sum)" = "$before" ] || fail "the upload changed the database"

# ---- confirm: applied, 303 to the portfolio ----
tok=$(csrf_of <"$W/up.html")
data=$(grep -o 'name="data" value="[^"]*"' "$W/up.html" | sed 's/.*value="//; s/"$//')
code=$(curl -s -b "$AL" -c "$AL" -o /dev/null -D "$W/conf.hdr" -w '%{http_code}' \
	--data-urlencode "csrf=$tok" --data-urlencode "filename=edited.xlsx" \
	--data-urlencode "data=$data" --data-urlencode confirm=1 "$U$IMP")
[ "$code" = 303 ] || fail "the confirm gave $code"
grep -qi "^location: /o/$ORG_A/p/$FW/portfolio?done=saved&n=1" "$W/conf.hdr" ||
	fail "the confirm does not go to the portfolio: $(grep -i location "$W/conf.hdr")"
[ "$(c report A "$FW" --format csv | md5sum)" != "$before" ] || fail "the confirm applied nothing"
get "$AL" "/o/$ORG_A/p/$FW/portfolio?done=saved&n=1" | grep -q 'Saved 1 change' ||
	fail "no saved notice on the portfolio"
# the same confirm again: the versions in the file are stale now, refused
code=$(curl -s -b "$AL" -c "$AL" -o "$W/again.html" -w '%{http_code}' \
	--data-urlencode "csrf=$tok" --data-urlencode "filename=edited.xlsx" \
	--data-urlencode "data=$data" --data-urlencode confirm=1 "$U$IMP")
[ "$code" = 303 ] || [ "$code" = 409 ] || fail "confirming twice gave $code"

# ---- a refused file: its cell named, in both languages ----
# the first workbook again, with A-1 edited since it was written: a conflict
edit "$W/a.xlsx" "$W/stale.xlsx" H2 '<c r="H2" s="2"><v>1</v></c>'
code=$(upload "$AL" "$W/stale.xlsx")
[ "$code" = 409 ] || fail "a workbook older than the stored A-1 gave $code"
c report A "$FW" --format xlsx -o "$W/a2.xlsx" >/dev/null || fail "report xlsx again"
edit "$W/a2.xlsx" "$W/bad.xlsx" D2 '<c r="D2" s="2" t="inlineStr"><is><t>Superb</t></is></c>'
after=$(c report A "$FW" --format csv | md5sum)
code=$(upload "$AL" "$W/bad.xlsx")
[ "$code" = 400 ] || fail "a bad level word gave $code"
grep -q 'Nothing was changed' "$W/up.html" || fail "the refusal is not explained"
grep -q 'Portfolio!D2' "$W/up.html" || fail "the refusal does not name its cell: $(grep -o '<ul>.\{0,400\}' "$W/up.html")"
grep -q 'Superb' "$W/up.html" || fail "the refusal does not show the value"
code=$(upload "$AL" "$W/bad.xlsx" ja)
[ "$code" = 400 ] || fail "a bad level word (ja) gave $code"
grep -q '何も変更されていません' "$W/up.html" || fail "the refusal is not in Japanese"
grep -q 'Portfolio!D2' "$W/up.html" || fail "the Japanese refusal does not name its cell"
get "$AL" "$IMP?lang=en" >/dev/null
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$AL" "$U$IMP")
[ "$code" = 200 ] || fail "the URL of a refused form does not reload: $code"

# ---- refusals: too large, no file, not a workbook, no CSRF token, another org, a viewer ----
head -c 2000000 /dev/urandom >"$W/big.xlsx"
code=$(upload "$AL" "$W/big.xlsx")
[ "$code" = 413 ] || fail "a 2 MB upload gave $code"
head -c 700000 /dev/zero | tr '\0' 'x' >"$W/mid.csv"
code=$(upload "$AL" "$W/mid.csv")
[ "$code" = 413 ] || fail "an upload past the import's ceiling gave $code"
grep -q 'larger than 640 KiB' "$W/up.html" || fail "the size refusal is not explained"
printf 'hello' >"$W/x.txt"
code=$(upload "$AL" "$W/x.txt")
[ "$code" = 400 ] || fail "a text file gave $code"
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$AL" -F "file=@$W/edited.xlsx" "$U$IMP")
[ "$code" = 403 ] || fail "an upload without CSRF token gave $code"
c report B "$FW" --format xlsx -o "$W/b.xlsx" >/dev/null || fail "report B"
code=$(upload "$AL" "$W/b.xlsx")
[ "$code" = 400 ] || fail "a workbook of B uploaded to A gave $code"
grep -q "for the organization" "$W/up.html" || fail "the other organization is not explained"
get "$VI" "$IMP" >/dev/null
[ "$(status)" = 403 ] || [ "$(status)" = 404 ] || fail "a viewer's import page gave $(status)"
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$VI" -F "csrf=$(cat "$AL.csrf")" \
	-F "file=@$W/edited.xlsx" "$U$IMP")
[ "$code" = 403 ] || [ "$code" = 404 ] || fail "a viewer's upload gave $code"
[ "$(c report A "$FW" --format csv | md5sum)" = "$after" ] || fail "a refused upload changed the database"
# the figures kept for the lists match every portfolio recomputed from its entries
c db stats >/dev/null || fail "kept figures differ from the entries: $(c db stats 2>&1 | head -3)"
echo OK
