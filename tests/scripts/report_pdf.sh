#!/bin/bash
# The PDF report: `cdcf report --format pdf` in English and Japanese, printed by
# headless Chromium. Without chromium the command refuses with a message naming
# the package (exit 1). With chromium and poppler-utils: the file is a PDF
# (%PDF-), it has at least two pages, pdftotext finds the headings in the
# chosen language (Japanese text really rendered, not tofu) and the service
# IDs, and every page converts to PNG (kept under build/pdf-pages/{en,ja}/ for
# a person to look at; CDCF_PDF_PAGES overrides the place).
set -u
CDCF=$1
W=$(mktemp -d)
trap '[ -n "${CDCF_KEEP:-}" ] || rm -rf "$W"' EXIT
mkdir "$W/tmp" && export TMPDIR="$W/tmp" # report_pdf makes its temporary directory here
. "$(dirname "$0")/lib/test_db.sh"
CDCF_DB=$(new_db c.db) || { echo "FAIL: no database"; exit 1; }
export CDCF_DB CDCF_NOW=2026-04-01T09:00:00Z USER=tester
FW=x1060-2021
fail() { echo "FAIL: $*"; exit 1; }
c() { "$CDCF" "$@"; }

c init >/dev/null && c org add "Example Corp" >/dev/null && c team add "Example Corp" SOC >/dev/null &&
	c provider add "Example Corp" MSSP >/dev/null && c portfolio new "Example Corp" $FW >/dev/null ||
	fail "set-up"
c select "Example Corp" $FW A-1 A-2 A-3 A-4 A-5 A-6 A-7 A-8 A-9 A-10 A-11 A-12 --level basic \
	>/dev/null && c select "Example Corp" $FW B-1 B-2 B-3 B-4 --level standard >/dev/null &&
	c select "Example Corp" $FW C-1 C-2 D-1 E-1 --level advanced >/dev/null || fail select
for r in A-1 A-2 A-3 A-4 A-5 A-6 A-7 A-8 A-9 B-1 B-2 C-1 D-1; do
	c assign "Example Corp" $FW $r --insource SOC >/dev/null || fail "assign $r"
done
for r in A-10 A-11 A-12 B-3 B-4 C-2 E-1; do
	c assign "Example Corp" $FW $r --outsource MSSP >/dev/null 2>&1 || fail "assign $r"
done
score_all() { # current offset
	i=0
	for r in A-1 A-2 A-3 A-4 A-5 A-6 A-7 A-8 A-9 B-1 B-2 C-1 D-1; do
		cur=$(((i + $1) % 4 + 1)); i=$((i + 1))
		c score "Example Corp" $FW $r --side insource --current $cur --target 4 >/dev/null ||
			fail "score $r"
	done
	for r in A-10 A-11 A-12 B-3 B-4 C-2 E-1; do
		cur=$(((i + $1) % 3 + 2)); i=$((i + 1))
		c score "Example Corp" $FW $r --side outsource --current $cur --target 5 >/dev/null ||
			fail "score $r"
	done
}
answers='{"catalogue":{"appropriate":"yes","environment":"yes"},"profile":{"assignments":"keep"},"portfolio":{"scores":"up","targets":"same"}}'
score_all 0
c evaluate "Example Corp" $FW --answers <(echo "$answers") --approved-by CISO >/dev/null || fail "evaluate 1"
score_all 1
c evaluate "Example Corp" $FW --answers <(echo "$answers") --approved-by CISO >/dev/null || fail "evaluate 2"
score_all 2
c action add "Example Corp" $FW A-2 "Publish the incident playbook" --owner "SOC lead" \
	--due 2026-01-31 --target 4 >/dev/null || fail "action"

# ---- without chromium: a clear refusal, in both languages ----
out=$(PATH=/nonexistent "$CDCF" report "Example Corp" $FW --format pdf -o "$W/x.pdf" 2>&1)
rc=$?
[ $rc -eq 1 ] || fail "no chromium: exit $rc, want 1"
echo "$out" | grep -q "chromium is not installed" && echo "$out" | grep -q "'chromium'" ||
	fail "no chromium: message: $out"
[ ! -e "$W/x.pdf" ] || fail "no chromium: a file was written"
out=$(PATH=/nonexistent CDCF_LANG=ja "$CDCF" report "Example Corp" $FW --format pdf -o "$W/x.pdf" 2>&1)
echo "$out" | grep -q "chromium がインストールされていません" || fail "no chromium (ja): $out"

# a chromium that prints nothing: refused, no file written
mkdir -p "$W/fake" && printf '#!/bin/sh\nexit 3\n' >"$W/fake/chromium" && chmod +x "$W/fake/chromium"
out=$(PATH="$W/fake:$PATH" "$CDCF" report "Example Corp" $FW --format pdf -o "$W/x.pdf" 2>&1)
rc=$?
[ $rc -eq 1 ] && echo "$out" | grep -q "chromium printed no PDF (exit status 3)" ||
	fail "fake chromium: exit $rc: $out"
[ ! -e "$W/x.pdf" ] || fail "fake chromium: a file was written"
[ -z "$(ls -A "$TMPDIR")" ] || fail "a temporary directory was left behind"

for tool in chromium pdftoppm pdftotext pdfinfo; do
	command -v "$tool" >/dev/null 2>&1 || { echo "SKIP: $tool is not installed"; exit 77; }
done
pages_dir=${CDCF_PDF_PAGES:-$(cd "$(dirname "$CDCF")" && pwd)/pdf-pages}

for lang in en ja; do
	pdf="$W/report.$lang.pdf"
	c report "Example Corp" $FW --format pdf --lang $lang -o "$pdf" || fail "report pdf ($lang)"
	[ "$(head -c 5 "$pdf")" = "%PDF-" ] || fail "$lang: not a PDF"
	pages=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
	[ "${pages:-0}" -ge 2 ] || fail "$lang: $pages page(s), want at least 2"
	pdfinfo "$pdf" | grep -q "^Page size:.*(A4)" || fail "$lang: not A4: $(pdfinfo "$pdf" | grep size)"
	pdftotext -layout "$pdf" "$W/text.$lang" || fail "$lang: pdftotext"
	grep -q "A-12" "$W/text.$lang" || fail "$lang: no service A-12 in the text"
	grep -q "Example Corp" "$W/text.$lang" || fail "$lang: no organization name"
	if [ $lang = ja ]; then
		want=$(CDCF_LANG=ja c report "Example Corp" $FW --format html | grep -o '<h1>[^<]*' | sed 's/<h1>//')
		grep -q "$want" "$W/text.ja" || fail "ja: heading '$want' not in the PDF text"
		grep -q "ポートフォリオ" "$W/text.ja" || fail "ja: no Japanese word in the PDF text"
	else
		grep -q "At a glance" "$W/text.en" || fail "en: no 'At a glance' in the PDF text"
	fi
	# the portfolio table's heading row repeats on every page it spans
	rm -rf "${pages_dir:?}/$lang" && mkdir -p "$pages_dir/$lang" || fail "mkdir $pages_dir/$lang"
	pdftoppm -r 60 -png "$pdf" "$pages_dir/$lang/page" || fail "$lang: pdftoppm"
	n=$(ls "$pages_dir/$lang"/page-*.png | wc -l)
	[ "$n" -eq "$pages" ] || fail "$lang: $n PNG pages for $pages PDF pages"
	[ -z "$(ls -A "$TMPDIR")" ] || fail "$lang: a temporary directory was left behind"
	echo "$lang: $pages pages, $pages_dir/$lang"
done
echo "report_pdf: ok"
