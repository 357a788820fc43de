#!/bin/bash
# An assessor is offered only what it may do: on every page it can open, the
# only forms that change something are its account's, signing out and the
# scores of its team's services (the in-house side); no link invites it to plan
# the next evaluation, start a portfolio or do a build step that is an
# editor's. A site administrator on the same pages is offered those (so the
# checks can fail).
set -u
CDCF=$1
. "$(dirname "$0")/lib/web_env.sh"
c() { "$CDCF" "$@" >/dev/null 2>&1 || fail "cdcf $*"; }
PF=/o/1/p/$FW

c init
echo 'admin-password-1' | c user add --admin admin --password-stdin
echo 'asr-password-123' | c user add asr --password-stdin
c org add Acme
c org add Empty
c team add Acme T1
c team add Acme T2
c provider add Acme MSSP
c portfolio new Acme $FW
c select Acme $FW A-1 A-2 A-3 A-4 --level basic
c assign Acme $FW A-1 --insource T1
c assign Acme $FW A-2 --insource T2
c assign Acme $FW A-3 --hybrid T1 MSSP
c action add Acme $FW A-1 "Write the runbook"
c user grant asr Acme assessor --team T1
c user grant asr Empty assessor

serve_start
ASR="$W/asr.jar"
ADM="$W/admin.jar"
login "$ASR" asr asr-password-123
login "$ADM" admin admin-password-1

PAGES="/ /orgs /o/1 /o/2 $PF/catalogue $PF/profile $PF/portfolio $PF/report $PF/actions $PF/evaluation
$PF/cycles /o/1/settings /my/actions"
all_asr=
for p in $PAGES; do
	body=$(curl -s -b "$ASR" "$U$p")
	all_asr+=$body
	# every form that changes something (method post) and where it goes
	for action in $(echo "$body" | grep -o '<form method="post" action="[^"]*"' | sed 's/.*action="//; s/"$//'); do
		case $action in
		/logout | /account/* | "$PF/portfolio") ;;
		*) fail "$p offers the assessor a form it may not send: $action" ;;
		esac
	done
done
all_adm=
for p in $PAGES; do all_adm+=$(curl -s -b "$ADM" "$U$p"); done

# planning the next evaluation is an administrator's
grep -q 'evaluation#schedule' <<<"$all_adm" || fail "the administrator is not offered to plan the evaluation"
grep -q 'evaluation#schedule' <<<"$all_asr" && fail "the assessor is offered to plan the evaluation"
# the next step of Acme is the profile (A-4 is not assigned): an editor's work
grep -q "<a href=\"$PF/profile\">2. Service profile" <<<"$all_adm" || fail "the administrator's next step is not a link"
grep -q 'class="next-step"><strong>Next</strong>: 2. Service profile' <<<"$all_asr" ||
	fail "the assessor's next step is not said in words"
# starting a portfolio is an editor's: Empty has none (its heading links it, the offer too)
[ "$(curl -s -b "$ADM" "$U/" | grep -o 'href="/o/2"' | wc -l)" = 2 ] ||
	fail "the administrator is not offered to start a portfolio in Empty"
[ "$(curl -s -b "$ASR" "$U/" | grep -o 'href="/o/2"' | wc -l)" = 1 ] ||
	fail "the assessor is offered to start a portfolio in Empty"
# the scores: the in-house side of its team's services only
sc=$(curl -s -b "$ASR" "$U$PF/portfolio")
for f in cur_insource:A-1 tgt_insource:A-1 cur_insource:A-3 note:A-1; do
	grep -q "name=\"$f\"" <<<"$sc" || fail "the assessor cannot score $f"
done
for f in cur_insource:A-2 cur_outsource:A-3 note:A-2; do
	grep -q "name=\"$f\"" <<<"$sc" && fail "the assessor is offered $f, which it may not score"
done
echo "ok: the assessor is offered only what it may do"
