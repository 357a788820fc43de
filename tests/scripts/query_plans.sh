#!/bin/bash
# Every query of the everyday paths stays on an index. With CDCF_QUERY_PLAN set,
# the store explains each statement it prepares and logs the full table scans
# (src/store/query_plan.c); this walks the pages, the API and the per-
# organization commands of a database with several organizations, as a site
# administrator and as the member of one, and refuses any scan of a table that
# grows with the number of organizations (everything but the catalogue-sized
# tables below). A scan there makes a page cost more with every organization.
# On PostgreSQL the same paths are walked and must answer, but their plans are not
# checked: the plan log is SQLite's (EXPLAIN QUERY PLAN in its driver), and
# PostgreSQL's planner weighs costs, so on a test database of a few rows it reads
# small tables whole where an index serves them on a large one (auto_explain with
# sequential scans priced out still showed such plans, e.g. entries in the group
# view): its plans here would say nothing about the indexes. Both schemas index the
# same columns.
set -u
CDCF=$1
. "$(dirname "$0")/lib/web_env.sh"
# tables whose size does not grow with organizations: settings, the schema, imported catalogues,
# the group view's subtree and its page (store_group.c), its ancestors and children
# (store_group_counts.c), CTEs as large as the group, and
# organization_count, one row (the kept number of organizations)
ALLOWED='^(meta|sqlite_master|sqlite_schema|imported_frameworks|imported_mappings|group_subtree|group_page|group_up|group_children|organization_count)$'
# statements allowed to scan, with the reason: run once when `cdcf serve` starts (the
# start-up banner counts the accounts and looks for an administrator)
ONCE='^(SELECT COUNT\(\*\) FROM users|SELECT id, name, password_hash, is_admin, lang, disabled, created_at FROM users ORDER BY name)$'
PW='Plan-Passw0rd-2026'

c init >/dev/null || fail "init"
for o in Alpha Beta Gamma Delta; do
	c org add "$o" >/dev/null && c team add "$o" SOC >/dev/null && c provider add "$o" MSSP >/dev/null &&
		c portfolio new "$o" "$FW" --preset full-cdc >/dev/null || fail "organization $o"
done
c org add "Alpha East" --parent Alpha >/dev/null || fail "child"
c assign Alpha "$FW" A-1 --insource SOC >/dev/null && c assign Alpha "$FW" A-2 --outsource MSSP >/dev/null &&
	c score Alpha "$FW" A-1 --side insource --current 2 --target 4 >/dev/null &&
	c score Alpha "$FW" A-2 --side outsource --current 1 --target 3 >/dev/null || fail "portfolio"
c action add Alpha "$FW" A-1 "Write the runbook" --due 2026-05-01 --target 3 >/dev/null || fail "action"
c evaluate Alpha "$FW" --close >/dev/null 2>&1 || true
echo "$PW" | c user add root --admin --password-stdin >/dev/null && echo "$PW" | c user add mia --password-stdin >/dev/null &&
	c user grant mia Alpha admin >/dev/null || fail "users"
export CDCF_QUERY_PLAN="$W/plans.log" # from here on: the paths measured
for cmd in "report Alpha $FW" "report Alpha $FW --format json" "export Alpha -o $W/a.json" "status Alpha $FW" \
	"group Alpha $FW --format json"; do
	# shellcheck disable=SC2086 # the words of the command
	c $cmd >/dev/null 2>&1 || fail "cdcf $cmd"
done

serve_start
ALPHA=$(get "$W/probe.jar" /orgs >/dev/null; login "$W/probe.jar" root "$PW"; get "$W/probe.jar" /orgs | grep -o 'href="/o/[0-9]*">Alpha<' | grep -o '[0-9]\+') && [ -n "$ALPHA" ] ||
	fail "no id for Alpha"
PF="/o/$ALPHA/p/$FW"
for who in root mia; do
	J="$W/$who.jar"
	login "$J" "$who" "$PW"
	for path in / /orgs "/orgs?q=Al" "/o/$ALPHA" "$PF/catalogue" "$PF/profile" "$PF/portfolio" "$PF/report" \
		"$PF/actions" "$PF/evaluation" "$PF/cycles" "$PF/quadrant" "$PF/coverage" "/o/$ALPHA/settings" \
		"/o/$ALPHA/audit" /my/actions /account "/o/$ALPHA/group/$FW"; do
		get "$J" "$path" >/dev/null
		[ "$(status)" = 200 ] || fail "$who $path answered $(status)"
	done
done
for who in root mia; do
	tok=$(c token create "$who" plan 2>/dev/null) || fail "token for $who"
	for path in /api/v1/me /api/v1/orgs "/api/v1/orgs/$ALPHA" "/api/v1/orgs/$ALPHA/portfolios/$FW" \
		"/api/v1/orgs/$ALPHA/portfolios/$FW/entries/A-1" "/api/v1/orgs/$ALPHA/portfolios/$FW/report" \
		"/api/v1/orgs/$ALPHA/portfolios/$FW/gaps" "/api/v1/orgs/$ALPHA/portfolios/$FW/actions" \
		"/api/v1/orgs/$ALPHA/portfolios/$FW/cycles" "/api/v1/orgs/$ALPHA/audit"; do
		code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $tok" "$U$path")
		[ "$code" = 200 ] || fail "$who $path answered $code"
	done
done
# surveys: the commands, the coordinator's pages, an organization's form and a link's
c survey new Plan --framework "$FW" --services A-1,A-2 --min-group 1 >/dev/null &&
	c survey invite Plan Alpha Beta >/dev/null || fail "survey"
stok=$(c survey link Plan --count 1 2>/dev/null | sed 's,.*/s/,,')
c survey answer Plan --org Alpha A-1 --implemented yes --level basic --assignment insource --current 3 >/dev/null &&
	c survey answer Plan --link "$stok" A-1 --implemented no >/dev/null || fail "survey answers"
for cmd in "survey status Plan" "survey results Plan --format json" "survey results Plan --org Alpha" "survey list"; do
	# shellcheck disable=SC2086 # the words of the command
	c $cmd >/dev/null 2>&1 || fail "cdcf $cmd"
done
SID=$(db_sql "SELECT id FROM surveys WHERE name = 'Plan'")
for path in /surveys "/surveys/$SID" "/surveys/$SID/results.csv" "/surveys/$SID/results.json" \
	"/o/$ALPHA/surveys/$SID"; do
	get "$W/root.jar" "$path" >/dev/null
	[ "$(status)" = 200 ] || fail "root $path answered $(status)"
done
code=$(curl -s -o /dev/null -w '%{http_code}' "$U/s/$stok")
[ "$code" = 200 ] || fail "/s/TOKEN answered $code"
# the provider's view: Alpha links its MSSP to Beta and shares; Beta's pages and command
c provider link Alpha MSSP Beta >/dev/null && c provider share Alpha MSSP on >/dev/null &&
	c provider clients Beta --format json >/dev/null || fail "provider link"
BETA=$(db_sql "SELECT id FROM organizations WHERE name = 'Beta'")
for path in "/o/$BETA/clients" "/o/$BETA/clients?after=1.1.1" "/o/$BETA/clients/csv" "/o/$BETA" \
	"/o/$ALPHA/settings"; do
	get "$W/root.jar" "$path" >/dev/null
	[ "$(status)" = 200 ] || fail "root $path answered $(status)"
done
ptok=$(c token create root plan-provider 2>/dev/null) || fail "token for root"
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $ptok" "$U/api/v1/orgs/$BETA/clients")
[ "$code" = 200 ] || fail "/api/v1/orgs/$BETA/clients answered $code"
if is_pg; then # the plans: on SQLite only (above)
	echo "query_plans: ok (PostgreSQL: every path answers; plans are checked on SQLite)"
	exit 0
fi
touch "$W/plans.log"
awk -F'\t' '{ print $1 "\t" $3 }' "$W/plans.log" | sort -u | while IFS=$'\t' read -r t sql; do
	printf '%s\n' "$sql" | grep -Eq "$ONCE" || printf '%s\n' "$t"
done | sort -u >"$W/scanned"
bad=$(grep -Ev "$ALLOWED" "$W/scanned")
if [ -n "$bad" ]; then
	echo "FAIL: full scans of tables that grow with organizations:"
	for t in $bad; do
		echo "== $t"
		awk -F'\t' -v t="$t" '$1 == t { print "   " $2 ": " $3 }' "$W/plans.log" | sort -u | head -20
	done
	exit 1
fi
echo "query_plans: ok"
