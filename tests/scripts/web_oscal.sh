#!/bin/bash
# The OSCAL downloads of the report's portfolio from `cdcf serve`
# (/o/{org}/p/{fw}/oscal/assessment-results and /poam): the same documents as
# `cdcf export --format oscal-ar|oscal-poam` (the clock is pinned), a JSON
# attachment; a viewer of the organization may download them, an unknown kind
# is 404. Also a framework imported into the database before the server
# started is usable there: its portfolio's downloads answer too.
set -u
CDCF=$1
. "$(dirname "$0")/lib/api_env.sh"
. "$(dirname "$0")/lib/web_env.sh"
PW='correct horse battery staple'
VI="$W/vic.jar"
login "$VI" vic "$PW"

for kind in assessment-results poam; do
	get "$VI" "/o/$ORG_A/p/$FW/oscal/$kind" >"$W/web-$kind.json"
	[ "$(status)" = 200 ] || fail "$kind download gave $(status)"
	fmt=oscal-ar; [ $kind = poam ] && fmt=oscal-poam
	c export A --format $fmt --framework "$FW" -o "$W/cli-$kind.json" 2>/dev/null || fail "cli $fmt"
	cmp -s <(jq -S . "$W/web-$kind.json") <(jq -S . "$W/cli-$kind.json") \
		|| fail "$kind download differs from the CLI's export"
done
hdr=$(curl -s -D - -o /dev/null -b "$VI" "$U/o/$ORG_A/p/$FW/oscal/poam")
echo "$hdr" | grep -qi '^content-type: application/json' || fail "POA&M is not JSON: $hdr"
echo "$hdr" | grep -qi "^content-disposition: attachment; filename=\"cdcf-oscal-poam-$FW-cycle1.json\"" \
	|| fail "POA&M disposition: $hdr"
get "$VI" "/o/$ORG_A/p/$FW/oscal/nonsense" >/dev/null
[ "$(status)" = 404 ] || fail "unknown OSCAL kind gave $(status)"

# a framework imported before the server starts: its portfolios work in the pages
cat >"$W/small.yaml" <<'YAML'
urn: urn:example:risk:library:small-fw
name: Small framework
objects:
  framework:
    urn: urn:example:risk:framework:small-fw
    ref_id: SMALL
    name: Small framework
    requirement_nodes:
    - {urn: "urn:example:n:C", ref_id: C, name: A category, assessable: false}
    - {urn: "urn:example:n:C-1", ref_id: C-1, parent_urn: "urn:example:n:C", name: First service, assessable: true}
YAML
c framework import "$W/small.yaml" >/dev/null || fail "framework import"
c portfolio new A small-fw >/dev/null && c select A small-fw C-1 --level basic >/dev/null || fail "small-fw portfolio"
serve_stop
serve_start # vic's session is in the database: still signed in
get "$VI" "/o/$ORG_A/p/small-fw/portfolio" | grep -q 'First service' || fail "the imported framework's portfolio page: $(status)"
get "$VI" "/o/$ORG_A/p/small-fw/oscal/assessment-results" >"$W/small-ar.json"
[ "$(status)" = 200 ] || fail "imported framework's download gave $(status)"
[ "$(jq -r '."assessment-results".results[0]."reviewed-controls"."control-selections"[0]."include-controls"[0]."control-id"' "$W/small-ar.json")" = C-1 ] \
	|| fail "imported framework's results: $(head -c 300 "$W/small-ar.json")"
echo "ok"
