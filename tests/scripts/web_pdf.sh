#!/bin/bash
# The PDF download of the report page: offered when chromium is installed, a
# PDF (media type, attachment name .pdf, %PDF-) printed in the page's language;
# without chromium the page says why there is none and the download answers
# with the bilingual message.
set -u
CDCF=$1
. "$(dirname "$0")/lib/web_env.sh"
command -v chromium >/dev/null 2>&1 || { echo "SKIP: chromium is not installed"; exit 77; }
mkdir "$W/tmp" && export TMPDIR="$W/tmp"

c init >/dev/null && c org add Acme >/dev/null && c team add Acme SOC >/dev/null &&
	c portfolio new Acme $FW >/dev/null || fail "set-up"
c select Acme $FW A-1 A-2 --level basic >/dev/null && c assign Acme $FW A-1 --insource SOC >/dev/null &&
	c score Acme $FW A-1 --side insource --current 2 --target 4 >/dev/null || fail "portfolio"
echo 'vic-password-123' | c user add vic --password-stdin >/dev/null && c user grant vic Acme viewer >/dev/null ||
	fail "user"

serve_start
V="$W/vic.jar"
login "$V" vic vic-password-123
ACME=$(get "$V" /orgs | grep -o 'href="/o/[0-9]*">Acme<' | grep -o '[0-9]\+')
[ -n "$ACME" ] || fail "/orgs does not list Acme"
PF="/o/$ACME/p/$FW"
get "$V" "$PF/report?lang=en" | grep -q "href=\"$PF/download/pdf\"" || fail "no PDF download on the report page"
hdr=$(curl -s -b "$V" -D - -o "$W/r.pdf" "$U$PF/download/pdf" | tr -d '\r')
echo "$hdr" | grep -q '^HTTP/1.1 200' || fail "download/pdf: $(echo "$hdr" | head -1)"
echo "$hdr" | grep -qi '^content-type: application/pdf' || fail "download/pdf: not application/pdf"
echo "$hdr" | grep -qi '^content-disposition: attachment; filename="cdcf-Acme-x1060-2021-cycle1.pdf"' ||
	fail "download/pdf: $(echo "$hdr" | grep -i disposition)"
[ "$(head -c 5 "$W/r.pdf")" = "%PDF-" ] || fail "download/pdf: not a PDF"
if command -v pdftotext >/dev/null 2>&1; then
	get "$V" "$PF/report?lang=ja" >/dev/null
	curl -s -b "$V" -o "$W/r.ja.pdf" "$U$PF/download/pdf"
	pdftotext "$W/r.ja.pdf" - | grep -q "サービスポートフォリオ" || fail "download/pdf: not in Japanese"
fi
[ -z "$(ls -A "$TMPDIR")" ] || fail "a temporary directory was left behind"
serve_stop

# without chromium on the server's PATH (exec: SERVER_PID stays the server)
printf '#!/bin/sh\nPATH=/nonexistent exec "%s" "$@"\n' "$CDCF" >"$W/cdcf-no-chromium"
chmod +x "$W/cdcf-no-chromium"
CDCF="$W/cdcf-no-chromium" serve_start
get "$V" "$PF/report?lang=en" | grep -q "not available on this server" || fail "no note on the missing PDF"
get "$V" "$PF/download/pdf" >"$W/no.html"
[ "$(status)" = 400 ] || fail "download/pdf without chromium answered $(status), want 400"
grep -q "chromium is not installed" "$W/no.html" || fail "download/pdf without chromium: $(head -c 300 "$W/no.html")"
echo "web_pdf: ok"
