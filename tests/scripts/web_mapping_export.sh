#!/bin/bash
# The coverage page links each mapping set of the portfolio's framework to its download,
# GET /mappings/{source}/{target}.yaml: the same CISO Assistant library as
# `cdcf mapping export`, for any signed-in user; unknown sets answer 404, and a caller
# who is not signed in is sent to the login.
set -u
CDCF=$1
. "$(dirname "$0")/lib/web_env.sh"

c init >/dev/null && c org add Acme >/dev/null && c portfolio new Acme x1060-2021 >/dev/null ||
	fail "set-up"
echo 'vic-password-123' | c user add vic --password-stdin >/dev/null && c user grant vic Acme viewer >/dev/null ||
	fail "user"
# a user of no organization may download too: mappings belong to none
echo 'nemo-password-123' | c user add nemo --password-stdin >/dev/null || fail "user nemo"
c mapping export x1060-2021 first-csirt-2.1 -o "$W/cli.yaml" 2>/dev/null || fail "cli export"

serve_start
V="$W/vic.jar"
login "$V" vic vic-password-123
ACME=$(get "$V" /orgs | grep -o 'href="/o/[0-9]*">Acme<' | grep -o '[0-9]\+')
[ -n "$ACME" ] || fail "/orgs does not list Acme"
page=$(get "$V" "/o/$ACME/p/x1060-2021/coverage")
echo "$page" | grep -q 'href="/mappings/x1060-2021/first-csirt-2.1.yaml"' ||
	fail "the coverage page does not link the X.1060 -> FIRST CSIRT mapping"
echo "$page" | grep -q 'href="/mappings/first-csirt-2.1/first-psirt-1.1.yaml"' &&
	fail "the coverage page links a mapping that does not relate X.1060"

curl -s -b "$V" -D "$W/headers" -o "$W/web.yaml" -w '%{http_code}' "$U/mappings/x1060-2021/first-csirt-2.1.yaml" >"$W/status"
[ "$(status)" = 200 ] || fail "download: $(status)"
cmp -s "$W/cli.yaml" "$W/web.yaml" || fail "the download differs from cdcf mapping export"
grep -qi '^content-type: application/yaml' "$W/headers" || fail "content type: $(grep -i '^content-type' "$W/headers")"
grep -qi '^content-disposition: attachment; filename="cdcf-mapping-x1060-2021-first-csirt-2.1.yaml"' "$W/headers" ||
	fail "content disposition: $(grep -i '^content-disposition' "$W/headers")"

N="$W/nemo.jar"
login "$N" nemo nemo-password-123
get "$N" /mappings/first-csirt-2.1/first-psirt-1.1.yaml >/dev/null
[ "$(status)" = 200 ] || fail "a user of no organization: $(status)"
grep -q '^ref_id: map-first-csirt-2.1-first-psirt-1.1$' "$W/body" || fail "the PSIRT mapping's ref_id"

for p in /mappings/first-csirt-2.1/x1060-2021.yaml /mappings/x1060-2021/nosuch.yaml \
	/mappings/x1060-2021/first-csirt-2.1 /mappings/x1060-2021/first-csirt-2.1.yml; do
	get "$V" "$p" >/dev/null
	[ "$(status)" = 404 ] || fail "$p: $(status), not 404"
done
curl -s -o /dev/null -w '%{http_code}' "$U/mappings/x1060-2021/first-csirt-2.1.yaml" >"$W/status"
[ "$(status)" = 303 ] || fail "not signed in: $(status), not 303 to the login"
echo "web_mapping_export: ok"
