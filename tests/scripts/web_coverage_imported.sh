#!/bin/bash
# The coverage page picks up a mapping set imported into the database (cdcf mapping
# import) like a shipped one: offered in the form, and applied per service.
set -u
CDCF=$1
. "$(dirname "$0")/lib/web_env.sh"

cat >"$W/map.yaml" <<'YAML'
urn: urn:example:risk:library:map-x1060-2021-first-psirt-1.1
ref_id: map-x1060-2021-first-psirt-1.1
name: Example mapping from X.1060 to FIRST PSIRT
objects:
  requirement_mapping_set:
    urn: urn:example:risk:requirement_mapping_set:x1060-2021-to-first-psirt-1.1
    ref_id: map-x1060-2021-first-psirt-1.1
    source_framework_urn: urn:cdcf:risk:framework:x1060-2021
    target_framework_urn: urn:cdcf:risk:framework:first-psirt-1.1
    requirement_mappings:
    - source_requirement_urn: urn:cdcf:risk:req_node:x1060-2021:b-1
      target_requirement_urn: urn:cdcf:risk:req_node:first-psirt-1.1:1.1
      relationship: equal
      rationale: example
YAML
c init >/dev/null && c org add Acme >/dev/null && c team add Acme SOC >/dev/null &&
	c portfolio new Acme x1060-2021 >/dev/null || fail "set-up"
c mapping import "$W/map.yaml" >/dev/null || fail "mapping import"
c select Acme x1060-2021 B-1 --level basic >/dev/null && c assign Acme x1060-2021 B-1 --insource SOC >/dev/null &&
	c score Acme x1060-2021 B-1 --side insource --current 3 --target 3 >/dev/null || fail "portfolio"
echo 'vic-password-123' | c user add vic --password-stdin >/dev/null && c user grant vic Acme viewer >/dev/null ||
	fail "user"

serve_start
V="$W/vic.jar"
login "$V" vic vic-password-123
ACME=$(get "$V" /orgs | grep -o 'href="/o/[0-9]*">Acme<' | grep -o '[0-9]\+')
[ -n "$ACME" ] || fail "/orgs does not list Acme"
PF="/o/$ACME/p/x1060-2021"
get "$V" "$PF/coverage" | grep -q '<option value="first-psirt-1.1"' || fail "the form does not offer the imported mapping's first-psirt-1.1"
page=$(get "$V" "$PF/coverage?against=first-psirt-1.1")
[ "$(status)" = 200 ] || fail "coverage of first-psirt-1.1: $(status)"
echo "$page" | tr -d '\n' | grep -q '<tr class="covered"><th scope="row"><span class="ref">1.1</span>' ||
	fail "1.1 is not covered by B-1 met through the imported mapping"
echo "web_coverage_imported: ok"
