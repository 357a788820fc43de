#!/bin/bash
# The provider's view on the web: a client's administrator links a provider to the
# provider's organization and shares with it (an editor may not); a member of the
# provider organization then reads /o/{org}/clients (page and CSV): the services
# outsourced or hybrid to it with the outsourced-side scores and note, never the
# client's in-house scores or other services, and nothing of the client's own pages;
# nothing before sharing, nothing after the client stops.
set -u
CDCF=$1
. "$(dirname "$0")/lib/web_env.sh"
if is_pg; then tool=psql; else tool=sqlite3; fi
command -v $tool >/dev/null || { echo "SKIP: $tool is not installed"; exit 77; }
export WEB_GET_KEEPS_CSRF=1

c init >/dev/null && c org add Acme >/dev/null && c org add "Secure MSSP" >/dev/null &&
	c provider add Acme "MSSP One" >/dev/null && c team add Acme SOC >/dev/null &&
	c portfolio new Acme "$FW" --preset full-cdc >/dev/null || fail "set-up"
c assign Acme "$FW" A-1 --outsource "MSSP One" >/dev/null &&
	c score Acme "$FW" A-1 --current 2 --target 4 --note "quarterly review with the MSSP" >/dev/null &&
	c assign Acme "$FW" A-2 --hybrid SOC "MSSP One" >/dev/null &&
	c score Acme "$FW" A-2 --side insource --current 5 --target 5 >/dev/null &&
	c score Acme "$FW" A-2 --side outsource --current 1 --target 3 >/dev/null &&
	c assign Acme "$FW" A-3 --insource SOC >/dev/null &&
	c score Acme "$FW" A-3 --current 4 --target 4 --note "in-house secret" >/dev/null 2>&1 || fail "scores"
for u in ada:admin:Acme ed:editor:Acme pat:viewer:"Secure MSSP"; do
	IFS=: read -r name role org <<<"$u"
	echo "$name-password-123" | c user add "$name" --password-stdin >/dev/null &&
		c user grant "$name" "$org" "$role" >/dev/null || fail "user $name"
done
ACME=$(db_sql "SELECT id FROM organizations WHERE name = 'Acme'")
MSSP=$(db_sql "SELECT id FROM organizations WHERE name = 'Secure MSSP'")

[ -n "$ACME" ] && [ -n "$MSSP" ] || fail "no organization ids"
serve_start
A="$W/ada.jar" E="$W/ed.jar" P="$W/pat.jar"
login "$A" ada ada-password-123
login "$E" ed ed-password-123
login "$P" pat pat-password-123
LINK="/o/$ACME/settings/providers/MSSP%20One"

# the settings list the provider with its forms for the administrator only
get "$A" "/o/$ACME/settings?lang=en" | grep -q "action=\"$LINK/link\"" || fail "no link form for ada"
get "$E" "/o/$ACME/settings?lang=en" | grep -q "$LINK/link" && fail "an editor sees the link form"
[ "$(post "$E" "$LINK/link" organization="Secure MSSP")" = 403 ] || fail "an editor may link"
[ "$(post "$A" "$LINK/link" organization="No Such Org")" = 400 ] || fail "an unknown organization is not refused"
[ "$(post "$A" "$LINK/link" organization="Secure MSSP")" = 303 ] || fail "ada cannot link"
get "$A" "/o/$ACME/settings?lang=en" | grep -q "Secure MSSP" || fail "the link is not shown"

# linked, not shared: nothing yet
get "$P" "/o/$MSSP/clients?lang=en" >"$W/clients.html"
[ "$(status)" = 200 ] || fail "clients page: $(status)"
grep -q "No client shares" "$W/clients.html" || fail "rows before sharing"
get "$P" "/o/$MSSP?lang=en" | grep -q "/o/$MSSP/clients" && fail "a link to clients before sharing"

[ "$(post "$E" "$LINK/share" share=on)" = 403 ] || fail "an editor may share"
[ "$(post "$A" "$LINK/share" share=on)" = 303 ] || fail "ada cannot share"
get "$P" "/o/$MSSP?lang=en" | grep -q "href=\"/o/$MSSP/clients\"" || fail "no link to clients on the organization page"
get "$P" "/o/$MSSP/clients?lang=en" >"$W/clients.html"
for want in Acme "A-1" "A-2" "quarterly review with the MSSP"; do
	grep -q "$want" "$W/clients.html" || fail "the clients page lacks $want"
done
for unwanted in "A-3" "in-house secret"; do
	grep -q "$unwanted" "$W/clients.html" && fail "the clients page shows $unwanted"
done
# A-2 is hybrid: its outsourced side (1 -> 3) only, never the in-house 5
tr -d '\n' <"$W/clients.html" | grep -o 'A-2 [^<]*</td>.*' | head -c 400 | grep -q '>1</td>.*>3</td>' ||
	fail "A-2's outsourced scores"
tr -d '\n' <"$W/clients.html" | grep -o 'A-2 [^<]*</td>.*</tr>' | sed 's,</tr>.*,,' | grep -q '>5<' &&
	fail "A-2's in-house score is shown"
get "$P" "/o/$MSSP/clients?lang=ja" | grep -q '顧客' || fail "no Japanese clients page"
get "$P" "/o/$MSSP/clients/csv" >"$W/clients.csv"
[ "$(status)" = 200 ] || fail "CSV: $(status)"
grep -q '^Acme,MSSP One,x1060-2021,A-1,.*,outsource,2,4,quarterly review with the MSSP' "$W/clients.csv" ||
	fail "the CSV row of A-1"
grep -q 'A-3' "$W/clients.csv" && fail "the CSV shows A-3"
get "$P" "/o/$MSSP/clients?after=x.y" >/dev/null
[ "$(status)" = 400 ] || fail "a bad cursor answered $(status)"
# the provider sees nothing of the client's own pages
for path in "/o/$ACME" "/o/$ACME/p/$FW/portfolio" "/o/$ACME/settings" "/o/$ACME/clients"; do
	get "$P" "$path" >/dev/null
	[ "$(status)" = 404 ] || fail "pat $path answered $(status)"
done

# stop sharing: nothing again; unlink
[ "$(post "$A" "$LINK/share" share=off)" = 303 ] || fail "ada cannot stop sharing"
get "$P" "/o/$MSSP/clients?lang=en" | grep -q "A-1" && fail "rows after sharing stopped"
[ "$(post "$A" "$LINK/unlink")" = 303 ] || fail "ada cannot unlink"
[ "$(post "$A" "$LINK/unlink")" = 400 ] || fail "unlinking twice is not refused"
[ "$(c audit Acme | grep -c "provider 'MSSP One' of 'Acme'")" = 4 ] || fail "the audit events"
echo "ok"
