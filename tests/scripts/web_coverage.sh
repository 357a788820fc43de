#!/bin/bash
# The coverage page: a viewer chooses a framework a shipped mapping relates to
# the portfolio's, and sees per service covered / partly / not covered with the
# mapped services behind it, as `cdcf coverage` reports them.
set -u
CDCF=$1
. "$(dirname "$0")/lib/web_env.sh"

c init >/dev/null && c org add Acme >/dev/null && c team add Acme SOC >/dev/null &&
	c portfolio new Acme $FW >/dev/null || fail "set-up"
c select Acme $FW B-1 D-1 --level basic >/dev/null && c assign Acme $FW B-1 --insource SOC >/dev/null &&
	c assign Acme $FW D-1 --insource SOC >/dev/null &&
	c score Acme $FW B-1 --side insource --current 3 --target 3 >/dev/null &&
	c score Acme $FW D-1 --side insource --current 2 --target 4 >/dev/null || fail "portfolio"
echo 'vic-password-123' | c user add vic --password-stdin >/dev/null && c user grant vic Acme viewer >/dev/null ||
	fail "user"

serve_start
V="$W/vic.jar"
login "$V" vic vic-password-123
ACME=$(get "$V" /orgs | grep -o 'href="/o/[0-9]*">Acme<' | grep -o '[0-9]\+')
[ -n "$ACME" ] || fail "/orgs does not list Acme"
PF="/o/$ACME/p/$FW"

get "$V" "$PF/report?lang=en" | grep -q "href=\"$PF/coverage\"" || fail "no link to the coverage page on the report page"
page=$(get "$V" "$PF/coverage")
[ "$(status)" = 200 ] || fail "coverage page: $(status)"
echo "$page" | grep -q '<option value="first-csirt-2.1"' || fail "the form does not offer first-csirt-2.1"
echo "$page" | grep -q 'class="coverage"' && fail "a table before a framework was chosen"

page=$(get "$V" "$PF/coverage?against=first-csirt-2.1")
[ "$(status)" = 200 ] || fail "coverage of first-csirt-2.1: $(status)"
echo "$page" | tr -d '\n' | grep -q '<tr class="covered"><th scope="row"><span class="ref">5.1</span> Monitoring and detection</th><td[^>]*>covered</td>' ||
	fail "5.1 is not covered by B-1 met"
echo "$page" | tr -d '\n' | grep -q '<tr class="partly_covered"><th scope="row"><span class="ref">6.1</span>' ||
	fail "6.1 is not partly covered by D-1 below target"
echo "$page" | grep -q 'D-1</span> Incident report acceptance: equal, below target (2 → 4)' ||
	fail "6.1 does not name D-1, its relationship, state and figures"
# the same counts as the CLI
want=$(c coverage Acme $FW --against first-csirt-2.1 --json | jq -r '.totals.covered')
echo "$page" | grep -q "<li>covered: <strong>$want</strong></li>" || fail "covered count is not the CLI's $want"

get "$V" "$PF/coverage?against=first-csirt-2.1&lang=ja" | grep -q 'カバー' || fail "no Japanese coverage page"
get "$V" "$PF/coverage?against=sim3-v1&lang=en" >/dev/null
[ "$(status)" = 404 ] || fail "no mapping: $(status), want 404"
get "$V" "$PF/coverage?against=nosuch" >/dev/null
[ "$(status)" = 404 ] || fail "unknown framework: $(status), want 404"
echo "web_coverage: ok"
