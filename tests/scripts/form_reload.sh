#!/bin/bash
# A failed form stays on a URL that can be reloaded: every form of `cdcf serve`
# is posted with something wrong in it (the page shows the form again with
# the error, at the URL it was posted to), then that URL is asked for with
# GET, as a reload, the history or a bookmark would: the answer is the page
# (200) or a redirect to a page that answers 200, never "405 This action is
# not available here".
set -u
CDCF=$1
. "$(dirname "$0")/lib/web_env.sh"
c() { "$CDCF" "$@" >/dev/null || fail "cdcf $*"; }

c init
echo 'admin-password-1' | c user add --admin admin --password-stdin
echo 'bob-password-12' | c user add bob --password-stdin
c org add Acme
c org add Spare
c org add "Spare child" --parent Spare
c team add Acme T1
c provider add Acme MSSP
c portfolio new Acme $FW
c select Acme $FW A-1 A-2 --level basic
c assign Acme $FW A-1 --insource T1
c assign Acme $FW A-2 --outsource MSSP 2>/dev/null
c action add Acme $FW A-1 "Write the runbook"

serve_start
J="$W/admin.jar"
login "$J" admin admin-password-1
CSRF=$(curl -s -b "$J" -c "$J" "$U/account" | csrf_of)
[ -n "$CSRF" ] || fail "no CSRF token on /account"
org_id() { curl -s -b "$J" "$U/orgs" | grep -o "href=\"/o/[0-9]*\">$1<" | head -1 | sed 's|href="/o/||; s|".*||'; }
O=$(org_id Acme)
S=$(org_id Spare)
[ -n "$O" ] && [ -n "$S" ] || fail "organization ids not found on /orgs"
ACTION=$(curl -s -b "$J" "$U/o/$O/p/$FW/actions" | grep -o "/actions/[0-9]*/edit" | head -1 | tr -dc 0-9)
[ -n "$ACTION" ] || fail "the action's id is not on the actions page"
BOB=$(curl -s -b "$J" "$U/admin/users" | grep -o 'action="/admin/users/[0-9]*"' | head -1 | tr -dc 0-9)
[ -n "$BOB" ] || fail "no user form on /admin/users"

# try PATH field=value...: post the form, then GET the same URL (redirects followed)
n=0
try() {
	local path=$1 args=() kv post get
	shift
	for kv in "$@"; do args+=(--data-urlencode "$kv"); done
	post=$(curl -s -b "$J" -c "$J" -o "$W/post.html" -w '%{http_code}' "${args[@]}" \
		--data-urlencode "csrf=$CSRF" "$U$path")
	case $post in
	4??) ;;
	*) fail "POST $path with a mistake answered $post, not a refusal" ;;
	esac
	grep -q '<form' "$W/post.html" || fail "POST $path: the refusal shows no form"
	get=$(curl -s -L -b "$J" -c "$J" -o "$W/get.html" -w '%{http_code} %{url_effective}' "$U$path")
	[ "${get%% *}" = 200 ] || fail "GET $path (a reload after the failed form) answered $get"
	grep -q 'not available here' "$W/get.html" && fail "GET $path: \"not available here\""
	n=$((n + 1))
}

try /account/password current=wrong password=new-password-22 password2=new-password-22
try /account/lang lang=xx
try /account/tokens token-name=
try /o/$O/portfolios framework=no-such-framework
try /o/$O/settings/teams name=
try /o/$O/settings/teams/T1/rename name=
try /o/$O/settings/teams/T1/delete
try /o/$O/settings/providers name=
try /o/$O/settings/providers/MSSP/rename name=
try /o/$O/settings/providers/MSSP/delete
try /o/$O/settings/rename name=
try /o/$S/settings/delete
try /o/$O/settings/members user=nobody-here role=viewer
try /o/$O/p/$FW/actions/$ACTION/status status=bogus
try /o/$O/p/$FW/actions/$ACTION/edit title=
try /o/$O/p/$FW/evaluation/schedule next_evaluation=2026-02-30
try /o/$O/p/$FW/actions service=A-1 title=
try /orgs name=
try /admin/users name= password=x
try /admin/users/$BOB do=bogus
echo "ok: $n failed forms reload as their page"
