#!/bin/bash
# Frameworks and mapping libraries of the installation, imported by site
# administrators through /admin/frameworks and /admin/mappings, and seen by a
# running server whoever imported them:
#  - cdcf framework/mapping import --dry-run says what the file holds and
#    writes nothing; cdcf framework/mapping import beside the running server:
#    the server offers the framework (API, new portfolio form) and lists the
#    mapping without a restart, and requests reading the registry while
#    frameworks are imported all answer;
#  - an upload is a dry run (what it would import, nothing saved), the
#    confirm imports it (303 back with a notice, listed, the CLI sees it);
#  - refused, the database untouched: a file that is not a library (the
#    refusal names the file), the same framework again, a mapping naming an
#    unknown framework, an oversized upload, a form without CSRF token, in
#    both languages; a user who is not a site administrator gets 403.
set -u
CDCF=$1
. "$(dirname "$0")/lib/api_env.sh"
. "$(dirname "$0")/lib/web_env.sh"
if is_pg; then tools="psql pg_dump"; else tools=sqlite3; fi
for tool in $tools; do command -v "$tool" >/dev/null || { echo "SKIP: $tool is not installed"; exit 77; }; done
WEB_GET_KEEPS_CSRF=1
PW='correct horse battery staple'
AD="$W/admin.jar"
AL="$W/alice.jar"
login "$AD" admin "$PW"
login "$AL" alice "$PW"
# every row of the database, on either engine; a dump that fails never equals another
digest() {
	db_dump >"$W/dump" 2>"$W/dump.err"
	if [ -s "$W/dump" ]; then sha256sum <"$W/dump"; else echo "no dump ($BASHPID): $(cat "$W/dump.err")"; fi
}

# lib ID FILE: a small CISO Assistant framework library with one category, two services
lib() {
	cat >"$2" <<YAML
urn: urn:example:risk:library:$1
name: Small framework $1
objects:
  framework:
    urn: urn:example:risk:framework:$1
    ref_id: $1
    name: Small framework $1
    requirement_nodes:
    - urn: urn:example:risk:req_node:$1:C
      ref_id: C
      name: A category
      assessable: false
    - urn: urn:example:risk:req_node:$1:C-1
      ref_id: C-1
      parent_urn: urn:example:risk:req_node:$1:C
      name: First service
      assessable: true
    - urn: urn:example:risk:req_node:$1:C-2
      ref_id: C-2
      parent_urn: urn:example:risk:req_node:$1:C
      name: Second service
      assessable: true
YAML
}
lib small-a "$W/a.yaml"
lib small-b "$W/b.yaml"
# up JAR PATH FILE [LANG]: the multipart upload with the jar's token; status printed, page in $W/up.html
up() {
	curl -s -b "$1" -c "$1" -o "$W/up.html" -D "$W/up.hdr" -w '%{http_code}' \
		-F "csrf=$(cat "$1.csrf")" -F "file=@$3" "$U$2${4:+?lang=$4}"
}
# confirm JAR PATH NAME: the confirm form of $W/up.html sent back; status printed
confirm() {
	local tok data
	tok=$(csrf_of <"$W/up.html")
	data=$(grep -o 'name="data" value="[^"]*"' "$W/up.html" | sed 's/.*value="//; s/"$//')
	[ -n "$data" ] || fail "no confirm form: $(grep -o 'notice.\{0,300\}' "$W/up.html")"
	curl -s -b "$1" -c "$1" -o /dev/null -D "$W/conf.hdr" -w '%{http_code}' \
		--data-urlencode "csrf=$tok" --data-urlencode "filename=$3" \
		--data-urlencode "data=$data" --data-urlencode confirm=1 "$U$2"
}

# ---- the pages, their links, who may see them ----
p=$(get "$AD" /admin/frameworks)
[ "$(status)" = 200 ] || fail "/admin/frameworks gave $(status)"
echo "$p" | grep -q 'enctype="multipart/form-data"' || fail "no upload form"
echo "$p" | tr -d '\n' | grep -q '<td data-label="ID" class="ref">x1060-2021</td><td data-label="Origin">shipped</td>' ||
	fail "x1060-2021 is not listed as shipped"
echo "$p" | grep -q 'href="/admin/mappings"' || fail "no link to the mappings"
get "$AD" /admin/users | grep -q 'href="/admin/frameworks"' || fail "the users page does not link the frameworks"
get "$AD" "/admin/frameworks?lang=ja" | grep -q '取り込む' || fail "the frameworks page is not in Japanese"
get "$AD" "/admin/mappings?lang=ja" | grep -q '対応先フレームワーク' || fail "the mappings page is not in Japanese"
get "$AD" "/admin/frameworks?lang=en" >/dev/null
p=$(get "$AD" /admin/mappings)
[ "$(status)" = 200 ] || fail "/admin/mappings gave $(status)"
echo "$p" | grep -q '<td data-label="Mapped pairs" class="num">42</td>' || fail "the shipped X.1060 -> CSIRT set is not listed"
get "$AL" /admin/frameworks >/dev/null
[ "$(status)" = 403 ] || fail "an editor got $(status) on /admin/frameworks"
get "$AL" /admin/mappings >/dev/null
[ "$(status)" = 403 ] || fail "an editor got $(status) on /admin/mappings"
get "$AL" /account >/dev/null # alice's token
before=$(digest)
[ "$(up "$AL" /admin/frameworks "$W/a.yaml")" = 403 ] || fail "an editor's upload was not refused"
[ "$(digest)" = "$before" ] || fail "an editor's upload changed the database"

# ---- the command line beside the running server ----
out=$(c framework import --dry-run "$W/a.yaml") || fail "dry run: $out"
echo "$out" | grep -q "would be imported as framework 'small-a' (ciso-yaml): 1 categories, 2 services" ||
	fail "dry run says: $out"
[ "$(digest)" = "$before" ] || fail "the dry run changed the database"
curl -s -H "Authorization: Bearer $TOK_ADMIN" "$U/api/v1/frameworks" | grep -q '"small-a"' &&
	fail "the API lists small-a before it is imported"
c framework import "$W/a.yaml" >/dev/null || fail "CLI import"
curl -s -H "Authorization: Bearer $TOK_ADMIN" "$U/api/v1/frameworks" | grep -q '"small-a"' ||
	fail "the running server does not offer the framework the CLI imported"
get "$AL" "/o/$ORG_A" | grep -q '<option value="small-a"' ||
	fail "the new portfolio form does not offer small-a"
get "$AD" /admin/frameworks | tr -d '\n' | grep -q '<td data-label="ID" class="ref">small-a</td><td data-label="Origin">imported</td>' ||
	fail "/admin/frameworks does not list small-a as imported"

# ---- upload: a dry run, then the confirm imports ----
get "$AD" /admin/frameworks >/dev/null
before=$(digest)
code=$(up "$AD" /admin/frameworks "$W/b.yaml")
[ "$code" = 200 ] || fail "the upload gave $code: $(grep -o 'notice.\{0,300\}' "$W/up.html")"
tr -d '\n' <"$W/up.html" | grep -q "What &#39;b.yaml&#39; would import" || fail "the dry run is not shown"
tr -d '\n' <"$W/up.html" | grep -q '<th scope="row">Services</th><td>2</td>' || fail "the services are not counted"
[ "$(digest)" = "$before" ] || fail "the upload changed the database"
code=$(confirm "$AD" /admin/frameworks b.yaml)
[ "$code" = 303 ] || fail "the confirm gave $code"
grep -qi '^location: /admin/frameworks?done=imported&id=small-b' "$W/conf.hdr" ||
	fail "the confirm goes to $(grep -i location "$W/conf.hdr")"
get "$AD" "/admin/frameworks?done=imported&id=small-b" | grep -q "Framework &#39;small-b&#39; imported\|Framework 'small-b' imported" ||
	fail "no notice after the import"
c framework list | grep -q '^small-b .*(imported)$' || fail "the CLI does not list small-b"
db_sql "SELECT action, actor FROM audit_events WHERE action = 'framework.import'" | grep -q '|admin$' ||
	fail "the web import is not audited as admin's: $(db_sql "SELECT action, actor FROM audit_events WHERE action LIKE 'framework%'")"

# ---- refused: the database untouched ----
get "$AD" /admin/frameworks >/dev/null
before=$(digest)
printf 'urn: x\nname: y\n' >"$W/nolib.yaml"
code=$(up "$AD" /admin/frameworks "$W/nolib.yaml")
[ "$code" = 400 ] || fail "a file that is not a library gave $code"
grep -q 'nothing was saved' "$W/up.html" || fail "the refusal does not say nothing was saved"
grep -q 'nolib.yaml' "$W/up.html" || fail "the refusal does not name the file: $(grep -o 'notice.\{0,300\}' "$W/up.html")"
grep -q 'name="data"' "$W/up.html" && fail "a refused file is offered to confirm"
code=$(up "$AD" /admin/frameworks "$W/b.yaml")
[ "$code" = 409 ] || fail "the same framework again gave $code"
grep -q "framework &#39;small-b&#39; is already imported\|framework 'small-b' is already imported" "$W/up.html" ||
	fail "the conflict is not explained: $(grep -o 'notice.\{0,300\}' "$W/up.html")"
code=$(up "$AD" /admin/frameworks "$W/b.yaml" ja)
[ "$code" = 409 ] || fail "the same framework again (ja) gave $code"
grep -q '取り込み済み' "$W/up.html" || fail "the refusal is not in Japanese"
get "$AD" "/admin/frameworks?lang=en" >/dev/null
head -c 700000 /dev/zero | tr '\0' 'a' >"$W/big.yaml"
code=$(up "$AD" /admin/frameworks "$W/big.yaml")
[ "$code" = 413 ] || fail "an oversized upload gave $code"
code=$(curl -s -b "$AD" -o /dev/null -w '%{http_code}' -F "file=@$W/a.yaml" "$U/admin/frameworks")
[ "$code" = 403 ] || fail "an upload without CSRF token gave $code"
[ "$(digest)" = "$before" ] || fail "a refused upload changed the database"

# ---- mappings: X.1060 -> small-b ----
cat >"$W/map.yaml" <<'YAML'
urn: urn:example:risk:library:map-x1060-small-b
ref_id: map-x1060-small-b
name: Example mapping from X.1060 to small-b
objects:
  requirement_mapping_set:
    urn: urn:example:risk:requirement_mapping_set:x1060-small-b
    ref_id: map-x1060-small-b
    source_framework_urn: urn:cdcf:risk:framework:x1060-2021
    target_framework_urn: urn:example:risk:framework:small-b
    requirement_mappings:
    - source_requirement_urn: urn:cdcf:risk:req_node:x1060-2021:b-1
      target_requirement_urn: urn:example:risk:req_node:small-b:C-1
      relationship: equal
      rationale: example
YAML
sed 's/small-b/small-z/g' "$W/map.yaml" >"$W/map-unknown.yaml"
get "$AD" /admin/mappings >/dev/null
before=$(digest)
code=$(up "$AD" /admin/mappings "$W/map-unknown.yaml")
[ "$code" = 400 ] || fail "a mapping to an unknown framework gave $code"
grep -q 'small-z' "$W/up.html" || fail "the refusal does not name the framework"
code=$(up "$AD" /admin/mappings "$W/a.yaml")
[ "$code" = 400 ] || fail "a framework library uploaded as a mapping gave $code"
[ "$(digest)" = "$before" ] || fail "a refused mapping changed the database"
code=$(up "$AD" /admin/mappings "$W/map.yaml")
[ "$code" = 200 ] || fail "the mapping upload gave $code: $(grep -o 'notice.\{0,300\}' "$W/up.html")"
tr -d '\n' <"$W/up.html" | grep -q '<th scope="row">Mapped pairs</th><td>1</td>' || fail "the pairs are not counted"
[ "$(digest)" = "$before" ] || fail "the mapping upload changed the database"
code=$(confirm "$AD" /admin/mappings map.yaml)
[ "$code" = 303 ] || fail "the mapping confirm gave $code"
get "$AD" /admin/mappings | tr -d '\n' |
	grep -q 'map-x1060-small-b</th><td data-label="Source framework">x1060-2021</td><td data-label="Target framework">small-b</td>' ||
	fail "the imported mapping is not listed"
c mapping list | grep -q 'small-b' || fail "the CLI does not list the mapping"
c mapping import --dry-run "$W/map.yaml" >/dev/null 2>&1 && fail "the CLI dry run accepts a mapping already imported"
# a mapping imported by the CLI beside the running server: listed without a restart
sed 's/small-b/small-a/g' "$W/map.yaml" >"$W/map-a.yaml"
get "$AD" /admin/mappings | grep -q 'map-x1060-small-a' && fail "map-x1060-small-a is listed before it is imported"
out=$(c mapping import --dry-run "$W/map-a.yaml") || fail "mapping dry run: $out"
echo "$out" | grep -q "would be imported: mapping from 'x1060-2021' to 'small-a', 1 pairs" || fail "mapping dry run says: $out"
c mapping import "$W/map-a.yaml" >/dev/null || fail "CLI mapping import"
get "$AD" /admin/mappings | grep -q 'map-x1060-small-a' || fail "the running server does not list the mapping the CLI imported"
# several imports while requests keep reading the registry: every request answers, every
# framework is offered once
readers=()
for k in 1 2 3 4; do
	( for _ in $(seq 40); do
		curl -s -o /dev/null -w '%{http_code}\n' -H "Authorization: Bearer $TOK_ADMIN" "$U/api/v1/frameworks"
	done >"$W/readers.$k" ) &
	readers+=($!)
done
for k in 1 2 3 4 5; do
	lib "many-$k" "$W/many-$k.yaml"
	c framework import "$W/many-$k.yaml" >/dev/null || fail "import many-$k"
done
wait "${readers[@]}" # not the server
[ "$(cat "$W"/readers.* | sort -u)" = 200 ] || fail "requests during the imports: $(cat "$W"/readers.* | sort | uniq -c)"
ids=$(curl -s -H "Authorization: Bearer $TOK_ADMIN" "$U/api/v1/frameworks" | jq -r '.frameworks[].id' | grep '^many-' | sort)
[ "$ids" = "$(printf 'many-%s\n' 1 2 3 4 5)" ] || fail "the server offers: $ids"
echo "web_admin_import: ok"
