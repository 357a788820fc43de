#!/bin/bash
# The management, evaluation and administration pages of `cdcf serve`, driven
# with curl as a browser without JavaScript would: the empty organization
# list, dashboard and overview with each portfolio's next step, starting a
# portfolio (presets grouped by framework), improvement actions (rubric
# criteria as target choices), evaluation (close a cycle; a missing answer
# changes nothing; an unfinished cycle needs a second confirmation), cycles
# and diff, the planned next evaluation (form, dashboard, overdue), settings,
# confirmations after each change, refusals worded for the user, audit log,
# export, roles (viewer 403, non-member 404), CSRF, escaping of hostile text,
# Japanese. The clock is pinned (CDCF_NOW): "today" is 2026-04-01.
set -u
CDCF=$1
command -v jq >/dev/null || { echo "jq is missing: web_manage skipped"; exit 77; }
. "$(dirname "$0")/lib/web_env.sh"

# ---- an empty site: the first organization ----
c init >/dev/null || fail init
echo 'admin-password-1' | c user add --admin admin --password-stdin >/dev/null || fail "user add admin"

# ---- server ----
serve_start

A="$W/admin.jar"
B="$W/bob.jar"
login "$A" admin admin-password-1
e=$(get "$A" /orgs)
csrf_of <<<"$e" >"$A.csrf"
[ -s "$A.csrf" ] || fail "no CSRF token on /orgs for the site admin"
echo "$e" | grep -q '<table' && fail "/orgs without organizations shows a table"
echo "$e" | grep -q 'href="#new-org"' || fail "/orgs without organizations does not point at the form"
echo "$e" | grep -q 'id="new-org"' || fail "/orgs has no create form to point at"
echo "$e" | grep -q 'under Organizations' && fail "/orgs sends the user to where they are"
echo "$e" | grep -q 'id="org-parent"' && fail "the first organization is offered a parent"
get "$A" / | grep -q 'href="/orgs#new-org"' || fail "empty dashboard does not lead to the create form"

# ---- set-up with the CLI ----
c org add Acme >/dev/null && c org add Other >/dev/null || fail "org add"
c org add "Acme Sub" --parent Acme >/dev/null || fail "org add --parent"
c team add Acme SOC >/dev/null && c provider add Acme MSSP >/dev/null || fail "team/provider add"
c portfolio new Acme $FW --preset first-steps >/dev/null || fail "portfolio new"
c assign Acme $FW A-1 --insource SOC >/dev/null || fail assign
c score Acme $FW A-1 --side insource --current 2 --target 4 >/dev/null || fail score
echo 'bob-password-12' | c user add bob --password-stdin >/dev/null || fail "user add bob"
c user grant bob Acme viewer >/dev/null || fail "user grant"
ACME=$(c org list --json | jq -r '.[] | select(.name=="Acme") | .id // empty')

get "$A" /orgs >"$W/orgs.html"
[ -n "$ACME" ] || ACME=$(grep -o 'href="/o/[0-9]*">Acme<' "$W/orgs.html" | grep -o '[0-9]\+')
OTHER=$(grep -o 'href="/o/[0-9]*">Other<' "$W/orgs.html" | grep -o '[0-9]\+')
[ -n "$ACME" ] && [ -n "$OTHER" ] || fail "/orgs does not list Acme and Other"
PF="/o/$ACME/p/$FW"

# ---- dashboard ----
d=$(get "$A" /)
[ "$(status)" = 200 ] || fail "dashboard gave $(status)"
echo "$d" | grep -q '>Acme</a>' || fail "dashboard does not list Acme"
echo "$d" | grep -q '<progress' || fail "dashboard shows no progress bars"
echo "$d" | grep -q 'Service catalogue' || fail "dashboard lacks the catalogue phase"
echo "$d" | grep -q '2 → 4' || fail "dashboard lacks overall current → target 2 → 4"
o=$(get "$A" "/o/$ACME")
[ "$(status)" = 200 ] || fail "org overview gave $(status)"
echo "$o" | grep -q 'Acme Sub' || fail "overview does not list the child organization"
# next step: A-1 is assigned, the preset's other services are not
echo "$o" | grep -q "<h3><a href=\"$PF/profile\">" || fail "card title does not lead to the unfinished profile"
echo "$o" | grep -q 'class="next-step"' || fail "overview shows no next step"
echo "$o" | grep -Eq "href=\"$PF/profile\">2\. Service profile — assign [0-9]+ services" ||
	fail "next step does not name the profile and how many services to assign"

# ---- start a portfolio: presets by framework ----
ov=$(get "$A" "/o/$OTHER")
[ "$(echo "$ov" | grep -o '<optgroup label=' | wc -l)" -ge 2 ] || fail "presets are not grouped by framework"
echo "$ov" | grep -q "href=\"/o/$OTHER?fw=$FW#new-portfolio\"" || fail "no link to one framework's presets"
ov=$(get "$A" "/o/$OTHER?fw=$FW")
[ "$(echo "$ov" | grep -o '<optgroup label=' | wc -l)" = 1 ] || fail "?fw= still offers other frameworks' presets"
echo "$ov" | grep -q "<option value=\"$FW\" selected" || fail "?fw= does not choose the framework"
code=$(post "$A" "/o/$OTHER/portfolios" framework=first-csirt-2.1 preset=first-steps)
[ "$code" = 400 ] || fail "a preset of another framework gave $code, not 400"
grep -q 'is not one of the presets of' "$W/post.html" || fail "wrong preset not explained"
grep -o '<optgroup label=' "$W/post.html" && fail "the refused form offers presets first-csirt-2.1 does not have"
[ "$(c portfolio list Other --json | jq length)" = 0 ] || fail "a refused portfolio was created"
code=$(post "$A" "/o/$OTHER/portfolios" framework=first-csirt-2.1 preset=)
[ "$code" = 303 ] || fail "portfolio new gave $code"
[ "$(loc)" = "/o/$OTHER/p/first-csirt-2.1/catalogue" ] || fail "new portfolio leads to $(loc), not step 1"
code=$(post "$A" "/o/$OTHER/portfolios" framework=first-csirt-2.1)
[ "$code" = 409 ] || fail "a second portfolio for one framework gave $code, not 409"
ov=$(get "$A" "/o/$OTHER")
echo "$ov" | grep -q '<h3><a href="/o/'"$OTHER"'/p/first-csirt-2.1/catalogue">' || fail "new portfolio's card does not lead to step 1"
echo "$ov" | grep -q '1. Service catalogue — select' || fail "new portfolio's next step is not the catalogue"
REF=$(c framework show first-csirt-2.1 --json | jq -r '[.nodes[] | select(.assessable) | .ref_id][0]')
c select Other first-csirt-2.1 "$REF" --level basic >/dev/null || fail "select $REF of first-csirt-2.1"
ov=$(get "$A" "/o/$OTHER")
echo "$ov" | grep -q "href=\"/o/$OTHER/settings\">2. Service profile — add teams and providers in Settings first" ||
	fail "the next step does not send an organization without teams to Settings"
# one service left: said in the singular
c team add Other Crew >/dev/null || fail "team add Crew"
get "$A" "/o/$OTHER" | grep -q '2. Service profile — assign 1 service to a team or provider<' ||
	fail "the next step of one unassigned service is not in the singular"
c assign Other first-csirt-2.1 "$REF" --insource Crew >/dev/null || fail "assign $REF of first-csirt-2.1"
get "$A" "/o/$OTHER" | grep -q '3. Service portfolio — score 1 service<' ||
	fail "the next step of one unscored service is not in the singular"
# SIM3: 44 parameters in scope from the start, never assigned: the next step is scoring,
# and the profile says why there is nothing to assign (no "no services selected")
c org add Maturity >/dev/null && c portfolio new Maturity sim3-v1 >/dev/null || fail "sim3 portfolio"
MAT=$(get "$A" /orgs | grep -o 'href="/o/[0-9]*">Maturity<' | head -1 | tr -dc 0-9)
get "$A" "/o/$MAT" | grep -q '3. Service portfolio — score 44 services<' ||
	fail "a new SIM3 portfolio's next step is not scoring its 44 parameters"
p=$(get "$A" "/o/$MAT/p/sim3-v1/profile")
echo "$p" | grep -q 'never assigned to a team or provider' || fail "the SIM3 profile does not say parameters are never assigned"
echo "$p" | grep -q 'No services are selected yet' && fail "the SIM3 profile says nothing is selected"
echo "$p" | grep -q 'aria-labelledby="quadrant"' && fail "the SIM3 profile shows an empty quadrant"

# ---- actions ----
XT='<script>alert(1)</script>'
code=$(post "$A" "$PF/actions" service=A-1 "title=$XT" owner=admin due=2000-01-02 target=4)
[ "$code" = 303 ] || fail "action add gave $code: $(grep -o 'notice error[^<]*<' "$W/post.html")"
[ "$(loc)" = "$PF/actions?done=action" ] || fail "action add leads to $(loc)"
get "$A" "$(loc)" | grep -q 'class="notice ok" role="status">Added the improvement action.' ||
	fail "no confirmation after adding an action"
get "$A" "$PF/actions?done=%3Cb%3Ehi" | grep -q 'notice ok' && fail "an unknown ?done= shows a notice"
code=$(post "$A" "$PF/actions" service=A-1 "title=Write the runbook" owner=admin due=2999-12-31)
[ "$code" = 303 ] || fail "second action add gave $code"
code=$(post "$A" "$PF/actions" service=A-1 title= owner=admin)
[ "$code" = 400 ] || fail "action without a title gave $code, not 400"
code=$(post "$A" "$PF/actions" service=A-1 title=Late due=31/12/2030)
[ "$code" = 400 ] || fail "a malformed due date gave $code, not 400"
# one message, the refusal's own, in the page's language: no English second line
grep -q 'role="alert"><p>due date &#39;31/12/2030&#39;' "$W/post.html" ||
	fail "a refused action is not explained by its message"
grep -q 'class="detail"' "$W/post.html" && fail "a refused action shows a second message"
get "$A" "$PF/actions?lang=ja" >/dev/null
post "$A" "$PF/actions" service=A-1 title=Late due=31/12/2030 >/dev/null
grep -q 'role="alert"><p>[^<]*31/12/2030' "$W/post.html" || fail "no Japanese message for a refused action"
grep -q 'due date' "$W/post.html" && fail "the Japanese page shows the English message"
get "$A" "$PF/actions?lang=en" >/dev/null
p=$(get "$A" "$PF/actions")
echo "$p" | grep -q 'Format YYYY-MM-DD' && fail "the due date still claims a format the date picker does not show"
echo "$p" | grep -Eq '<option value="4">4 — [^<]{8,}</option>' || fail "target score offers no rubric criteria"
echo "$p" | grep -q '<optgroup' && fail "target groups by side while every service uses the in-house rubric"
echo "$p" | grep -q '>Open<' || fail "action status is not capitalised"
echo "$p" | grep -q 'Write the runbook' || fail "actions page does not list the action"
echo "$p" | grep -q 'class="overdue"' || fail "overdue action not highlighted"
# the dashboard's glance counts it as the report model does
get "$A" / | grep -q "<strong class=\"overdue\">1 overdue of [0-9]* open</strong>" ||
	fail "the dashboard's glance does not count the overdue action"
ID=$(echo "$p" | grep -o '/actions/[0-9]*/status' | head -1 | grep -o '[0-9]\+')
code=$(post "$A" "$PF/actions/$ID/status" status=done)
[ "$code" = 303 ] || fail "mark done gave $code"
[ "$(c action list Acme $FW --status done --json | jq length)" = 1 ] || fail "action not done in the store"
[ "$(loc)" = "$PF/actions?done=action-done" ] || fail "mark done leads to $(loc)"
p=$(get "$A" "$(loc)")
echo "$p" | grep -q 'Reopen' || fail "done action offers no reopen"
echo "$p" | grep -q 'Marked the action done.' || fail "no confirmation after marking an action done"
echo "$p" | grep -q '>Done <span' || fail "done status is not capitalised"
c assign Acme $FW B-1 --outsource MSSP >/dev/null || fail "assign B-1 outsourced"
p=$(get "$A" "$PF/actions")
[ "$(echo "$p" | grep -o '<optgroup label="[^"]*"' | sort -u | wc -l)" = 2 ] ||
	fail "target does not offer both rubrics when services use both sides"
code=$(post "$A" "$PF/actions" service=B-1 title= target=3)
grep -q '<optgroup' "$W/post.html" && fail "with the service chosen, target still offers both rubrics"
c assign Acme $FW B-1 --unassigned >/dev/null || fail "unassign B-1"
m=$(get "$A" /my/actions)
echo "$m" | grep -q 'Write the runbook' || fail "/my/actions misses the user's open action"
# edit (owner from the members' list or typed) and delete, on an action of their own
post "$A" "$PF/actions" service=A-1 "title=Edited then deleted" >/dev/null
ID=$(c action list Acme $FW --json | jq '[.[].id] | max')
p=$(get "$A" "$PF/actions")
echo "$p" | grep -q '<datalist id="action-owners"><option value="bob">' || fail "no list of members for the owner"
echo "$p" | grep -q "action=\"$PF/actions/$ID/edit\"" || fail "an action has no edit form"
echo "$p" | grep -q 'list="action-owners"' || fail "the owner input does not offer the members"
code=$(post "$A" "$PF/actions/$ID/edit" "title=Write and test the runbook" "owner=Outside auditor" due=2030-01-31 target=3)
[ "$code" = 303 ] || fail "action edit gave $code"
[ "$(loc)" = "$PF/actions?done=action-edited" ] || fail "action edit leads to $(loc)"
[ "$(c action list Acme $FW --json | jq -r ".[] | select(.id == $ID) | .owner + \"|\" + .title + \"|\" + .due")" = "Outside auditor|Write and test the runbook|2030-01-31" ] ||
	fail "the edit is not stored"
code=$(post "$A" "$PF/actions/$ID/edit" title= owner=admin)
[ "$code" = 400 ] || fail "action edit without a title gave $code, not 400"
grep -q 'notice error' "$W/post.html" || fail "a refused edit shows no error notice"
grep -q '<details open="open">' "$W/post.html" || fail "a refused edit does not show its form again"
[ "$(c action list Acme $FW --json | jq -r ".[] | select(.id == $ID) | .owner")" = "Outside auditor" ] ||
	fail "a refused edit changed the action"
get "$A" "$PF/actions?lang=ja" >/dev/null
post "$A" "$PF/actions/$ID/edit" title=T due=31/12/2030 >/dev/null
grep -q 'role="alert"><p>[^<]*31/12/2030' "$W/post.html" || fail "no Japanese message for a refused edit"
get "$A" "$PF/actions?lang=en" >/dev/null
n=$(c action list Acme $FW --json | jq length)
code=$(post "$A" "$PF/actions/$ID/delete")
[ "$code" = 303 ] || fail "action delete gave $code"
[ "$(loc)" = "$PF/actions?done=action-deleted" ] || fail "action delete leads to $(loc)"
[ "$(c action list Acme $FW --json | jq length)" = $((n - 1)) ] || fail "the action was not deleted"
code=$(post "$A" "$PF/actions/$ID/delete")
[ "$code" = 404 ] || fail "deleting a deleted action gave $code, not 404"

# an empty catalogue is not "complete" at 0/0: there is nothing to evaluate
c portfolio new Other $FW >/dev/null || fail "portfolio new Other"
ev=$(get "$A" "/o/$OTHER/p/$FW/evaluation")
echo "$ev" | grep -q 'id="catalogue-empty"><p>Nothing is selected in the catalogue' ||
	fail "the evaluation of an empty catalogue does not say it is empty"
echo "$ev" | grep -q 'Every selected service is assigned and scored' &&
	fail "the evaluation of an empty catalogue says it is complete"
echo "$ev" | grep -q 'Close the cycle and start the next' &&
	fail "the evaluation of an empty catalogue offers to close the cycle"

# ---- the planned next evaluation ----
d=$(get "$A" /)
echo "$d" | grep -q '<dt>Next evaluation</dt><dd><span class="not-planned">not planned</span> · <a href="'"$PF"'/evaluation#schedule">Plan it</a></dd>' ||
	fail "dashboard does not say the next evaluation is not planned, with a link to plan it"
ev=$(get "$A" "$PF/evaluation")
echo "$ev" | grep -q '<h2 id="schedule">Next evaluation</h2>' || fail "evaluation page has no schedule section"
echo "$ev" | grep -q "<form method=\"post\" action=\"$PF/evaluation/schedule\"" ||
	fail "evaluation page has no schedule form"
echo "$ev" | grep -q '<input type="date" id="next-evaluation" name="next_evaluation"' ||
	fail "schedule form has no date field"
echo "$ev" | grep -q 'id="close-next-evaluation" name="next_evaluation"' ||
	fail "the close-cycle form has no next evaluation field"
code=$(post "$A" "$PF/evaluation/schedule" next_evaluation=2026-02-30)
[ "$code" = 400 ] || fail "a date that does not exist gave $code, not 400"
grep -q '<p>Enter a date that exists, as YYYY-MM-DD' "$W/post.html" || fail "a bad planned date is not explained"
grep -q 'class="detail"' "$W/post.html" && fail "a bad planned date shows a second message"
grep -q 'id="next-evaluation" name="next_evaluation" value="2026-02-30" aria-describedby="next-evaluation-hint" aria-invalid="true"' "$W/post.html" ||
	fail "the refused date is not kept and marked"
[ "$(c status Acme $FW --json | jq -r .next_evaluation)" = null ] || fail "a refused date was stored"
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$A" --data-urlencode "next_evaluation=2026-09-07" \
	"$U$PF/evaluation/schedule")
[ "$code" = 403 ] || fail "schedule without CSRF gave $code, not 403"
code=$(post "$A" "$PF/evaluation/schedule" next_evaluation=2026-09-07)
[ "$code" = 303 ] || fail "schedule gave $code"
[ "$(loc)" = "$PF/evaluation?done=scheduled" ] || fail "schedule leads to $(loc)"
ev=$(get "$A" "$(loc)")
echo "$ev" | grep -q 'role="status">Saved the planned date of the next evaluation.' ||
	fail "no confirmation after planning the next evaluation"
echo "$ev" | grep -q 'name="clear" value="yes"' || fail "a planned date cannot be cleared"
[ "$(c status Acme $FW --json | jq -r .next_evaluation)" = 2026-09-07 ] || fail "the planned date was not stored"
want='<dt>Next evaluation</dt><dd><time datetime="2026-09-07">2026-09-07</time> (in 159 days)</dd>'
get "$A" / | grep -qF "$want" || fail "dashboard does not show the planned date and the days to it"
get "$A" "/o/$ACME" | grep -qF "$want" || fail "organization overview does not show the planned date"
code=$(post "$A" "$PF/evaluation/schedule" next_evaluation=2026-03-25)
[ "$code" = 303 ] || fail "schedule in the past gave $code"
get "$A" / | grep -qF '<dd><strong class="overdue"><time datetime="2026-03-25">2026-03-25</time> (overdue by 7 days)</strong></dd>' ||
	fail "an overdue evaluation is not highlighted with its days"
code=$(post "$A" "$PF/evaluation/schedule" next_evaluation=2026-03-25 clear=yes)
[ "$code" = 303 ] && [ "$(loc)" = "$PF/evaluation?done=unscheduled" ] || fail "clearing gave $code, $(loc)"
get "$A" "$(loc)" | grep -q 'role="status">The next evaluation is not planned any more.' ||
	fail "no confirmation after clearing the planned date"
[ "$(c status Acme $FW --json | jq -r .next_evaluation)" = null ] || fail "the planned date was not cleared"
c portfolio schedule Acme $FW 2026-05-01 >/dev/null || fail "cli schedule"

# ---- evaluation ----
XA='"><svg onload=alert(1)>'
before=$(c cycles Acme $FW --json)
code=$(post "$A" "$PF/evaluation" "catalogue.appropriate=yes" "catalogue.environment=" \
	"profile.assignments=keep" "portfolio.scores=better" "portfolio.targets=same" \
	approved_by=CISO confirm=yes)
[ "$code" = 400 ] || fail "a missing answer gave $code, not 400"
grep -q 'aria-invalid="true"' "$W/post.html" || fail "the missing answer is not marked"
[ "$(c cycles Acme $FW --json)" = "$before" ] || fail "a refused evaluation changed the cycles"
code=$(post "$A" "$PF/evaluation" "catalogue.appropriate=yes" "catalogue.environment=still fits" \
	"profile.assignments=keep" "portfolio.scores=$XA" "portfolio.targets=same" \
	approved_by=CISO)
[ "$code" = 400 ] || fail "evaluation without the confirmation gave $code, not 400"
ev=$(get "$A" "$PF/evaluation")
echo "$ev" | grep -q '<progress' || fail "evaluation page shows no build progress"
echo "$ev" | grep -q 'class="notice warn" id="incomplete-warning"' || fail "an unfinished cycle is not pointed out"
N=$(echo "$ev" | grep -o 'id="incomplete" name="incomplete" value="[0-9]*"' | grep -o '[0-9]*"$' | tr -d '"')
[ -n "$N" ] && [ "$N" -gt 0 ] || fail "no confirmation to close an unfinished cycle"
echo "$ev" | grep -q "Close although $N selected services are not assigned or not scored" ||
	fail "the extra confirmation does not name how many services"
answers=("catalogue.appropriate=yes" "catalogue.environment=still fits" "profile.assignments=keep"
	"portfolio.scores=$XA" "portfolio.targets=same" approved_by=CISO confirm=yes)
code=$(post "$A" "$PF/evaluation" "${answers[@]}")
[ "$code" = 400 ] || fail "closing an unfinished cycle without the extra confirmation gave $code"
grep -q 'id="incomplete" name="incomplete" value="'"$N"'" required="required" aria-invalid="true" aria-describedby="incomplete-warning"' "$W/post.html" ||
	fail "the missing extra confirmation is not marked"
code=$(post "$A" "$PF/evaluation" "${answers[@]}" incomplete=$((N + 1)))
[ "$code" = 400 ] || fail "a confirmation for another count gave $code, not 400"
[ "$(c cycles Acme $FW --json)" = "$before" ] || fail "a refused evaluation changed the cycles"
code=$(post "$A" "$PF/evaluation" "${answers[@]}" incomplete=$N next_evaluation=2027-02-29)
[ "$code" = 400 ] || fail "closing with a next evaluation that does not exist gave $code, not 400"
grep -q 'id="close-next-evaluation" name="next_evaluation" value="2027-02-29" aria-describedby="close-next-evaluation-hint" aria-invalid="true"' "$W/post.html" ||
	fail "the refused next evaluation of the close form is not kept and marked"
[ "$(c cycles Acme $FW --json)" = "$before" ] || fail "a refused evaluation changed the cycles"
[ "$(c status Acme $FW --json | jq -r .next_evaluation)" = 2026-05-01 ] || fail "a refused evaluation changed the plan"
code=$(post "$A" "$PF/evaluation" "${answers[@]}" incomplete=$N next_evaluation=2027-04-30)
[ "$code" = 303 ] || fail "evaluation gave $code"
[ "$(c status Acme $FW --json | jq -r .next_evaluation)" = 2027-04-30 ] ||
	fail "closing the cycle did not plan the next evaluation"
[ "$(loc)" = "$PF/cycles?done=closed" ] || fail "closing leads to $(loc)"
get "$A" "$(loc)" | grep -q 'role="status">Cycle 1 closed; cycle 2 is open.' ||
	fail "no confirmation after closing the cycle"
cy=$(c cycles Acme $FW --json)
[ "$(echo "$cy" | jq -r '.[0].closed_at != null')" = true ] || fail "cycle 1 not closed: $cy"
[ "$(echo "$cy" | jq -r '.[0].approved_by')" = CISO ] || fail "approver not recorded"
[ "$(echo "$cy" | jq -r '.[0].answers.profile.assignments')" = keep ] || fail "answers not recorded"
[ "$(echo "$cy" | jq -r '.[0].answers.portfolio.scores')" = "$XA" ] || fail "answer text changed"
[ "$(echo "$cy" | jq length)" = 2 ] || fail "cycle 2 not opened"
c score Acme $FW A-1 --side insource --current 3 >/dev/null || fail "score after evaluation"
cp=$(get "$A" "$PF/cycles")
if command -v python3 >/dev/null; then
	echo "$cp" | python3 -c '
import re, sys, xml.dom.minidom
svgs = re.findall(r"<svg.*?</svg>", sys.stdin.read(), re.S)
assert svgs, "no svg"
for s in svgs:
    xml.dom.minidom.parseString(s)
' || fail "the trend chart is not well-formed SVG"
fi
[ "$(status)" = 200 ] || fail "cycles page gave $(status)"
echo "$cp" | grep -q '<th scope="row" data-label="Cycle">1</th>' || fail "cycles page lacks cycle 1"
echo "$cp" | grep -q '<th scope="row" data-label="Cycle">2</th>' || fail "cycles page lacks cycle 2"
echo "$cp" | grep -q '<svg' || fail "cycles page has no trend chart"
echo "$cp" | grep -q 'Figures behind the chart' || fail "trend chart has no table"
echo "$cp" | grep -Eq '<time datetime="[0-9T:-]+Z">[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2} UTC</time>' ||
	fail "cycle dates are not readable"
echo "$cp" | grep -q 'class="fingerprint" title="Fingerprint of the frozen portfolio' ||
	fail "the snapshot hash is not explained"
echo "$cp" | grep -q 'Snapshot hash' && fail "the snapshot hash is still a bare column"
echo "$cp" | grep -q '<details><summary>Answers' && fail "answers are still a folded box in the table"
echo "$cp" | grep -q '<h3 id="answers-1">Cycle 1</h3>' || fail "answers of cycle 1 have no heading"
echo "$cp" | grep -q '<a href="#answers-1">' || fail "the cycles table does not link the answers"
echo "$cp" | grep -q '<dt>[^<]*</dt><dd>keep</dd>' || fail "answers are not a definition list"
df=$(get "$A" "$PF/cycles/1/diff/2")
[ "$(status)" = 200 ] || fail "diff page gave $(status)"
echo "$df" | grep -q 'In-house score' || fail "diff page misses the score change"
get "$A" "$PF/cycles/1/diff/9" >/dev/null
[ "$(status)" = 404 ] || fail "diff with an unknown cycle gave $(status), not 404"
ev=$(get "$A" "$PF/evaluation")
echo "$ev" | grep -q 'In-house score' || fail "evaluation page shows no diff against cycle 1"

# ---- settings and users ----
XN='<img src=x onerror=alert(1)>'
code=$(post "$A" "/o/$ACME/settings/teams" "team_name=$XN")
[ "$code" = 303 ] || fail "team add gave $code"
get "$A" "$(loc)" | grep -q 'role="status">Added the team.' || fail "no confirmation after adding a team"
code=$(post "$A" "/o/$ACME/settings/providers" "provider_name=CERT Partner")
[ "$code" = 303 ] || fail "provider add gave $code"
get "$A" "$(loc)" | grep -q 'role="status">Added the provider.' || fail "no confirmation after adding a provider"
code=$(post "$A" "/o/$ACME/settings/teams" "team_name=SOC")
[ "$code" = 409 ] || fail "duplicate team gave $code, not 409"
grep -q '<p>This organization already has a team called &quot;SOC&quot;.</p>' "$W/post.html" ||
	fail "a duplicate team is not explained in words"
grep -q 'class="detail"' "$W/post.html" && fail "a duplicate team shows a second message"
code=$(post "$A" /orgs name=Acme)
[ "$code" = 409 ] || fail "duplicate organization gave $code, not 409"
grep -q 'An organization called &quot;Acme&quot; already exists' "$W/post.html" ||
	fail "a duplicate organization is not explained in words"
code=$(post "$A" /orgs name=Acme2)
[ "$code" = 303 ] || fail "organization add gave $code"
ACME2=$(loc | sed -n 's|^/o/\([0-9]*\).*|\1|p')
get "$A" "$(loc)" | grep -q 'role="status">Created the organization.' ||
	fail "no confirmation after creating an organization"
code=$(post "$A" /admin/users name=carol password=carol-password-1)
[ "$code" = 303 ] || fail "user create gave $code"
get "$A" "$(loc)" | grep -q 'role="status">Created the user.' || fail "no confirmation after creating a user"
code=$(post "$A" /admin/users name=carol password=carol-password-2)
[ "$code" = 409 ] || fail "duplicate user gave $code, not 409"
grep -q 'A user called &quot;carol&quot; already exists.' "$W/post.html" || fail "a duplicate user is not explained"
code=$(post "$A" /admin/users name=dave password=short)
[ "$code" = 400 ] || fail "short password gave $code, not 400"
code=$(post "$A" "/o/$ACME/settings/members" user=nobody role=editor team=)
[ "$code" = 400 ] || fail "grant to an unknown user gave $code, not 400"
grep -q 'There is no user called &quot;nobody&quot;' "$W/post.html" || fail "an unknown user is not explained"
code=$(post "$A" "/o/$ACME/settings/members" user=carol role=editor team=)
[ "$code" = 303 ] || fail "grant gave $code"
get "$A" "$(loc)" | grep -q "role=\"status\">Saved the member&#39;s role." || fail "no confirmation after granting a role"
c user list --json | jq -e '.[] | select(.name=="carol") | .memberships[] | select(.org=="Acme" and .role=="editor")' >/dev/null ||
	fail "carol is not an editor of Acme"
s=$(get "$A" "/o/$ACME/settings")
echo "$s" | grep -q 'carol' || fail "settings do not list the new member"
echo "$s" | grep -q "class=\"button\" href=\"$PF/profile\"" || fail "settings do not lead back to the portfolio"
# rename and delete: a team, a provider, an organization; a delete that would orphan is refused
echo "$s" | grep -q "action=\"/o/$ACME/settings/providers/CERT%20Partner/rename\"" ||
	fail "settings offer no rename of a provider"
echo "$s" | grep -q '>New name for CERT Partner</label>' || fail "a rename field does not name its provider"
echo "$s" | grep -q 'aria-label="Delete CERT Partner"' || fail "a delete button does not name its provider"
code=$(post "$A" "/o/$ACME/settings/providers/CERT%20Partner/rename" "name=CERT Partner Ltd")
[ "$code" = 303 ] || fail "provider rename gave $code"
get "$A" "$(loc)" | grep -q 'role="status">Renamed.' || fail "no confirmation after a rename"
c provider list Acme | grep -qx 'CERT Partner Ltd' || fail "the provider was not renamed"
code=$(post "$A" "/o/$ACME/settings/providers/CERT%20Partner%20Ltd/rename" "name=MSSP")
[ "$code" = 409 ] || fail "rename to a taken name gave $code, not 409"
grep -q 'This organization already has a provider called &quot;MSSP&quot;.' "$W/post.html" ||
	fail "a rename to a taken name is not explained in words"
code=$(post "$A" "/o/$ACME/settings/teams/SOC/delete")
[ "$code" = 409 ] || fail "delete of a team in use gave $code, not 409"
grep -q "team &#39;SOC&#39; in &#39;Acme&#39; is still in use: services 1 (A-1)" "$W/post.html" ||
	fail "a refused delete does not say what still refers to the team"
c team list Acme | grep -qx SOC || fail "a refused delete removed the team"
code=$(post "$A" "/o/$ACME/settings/providers/CERT%20Partner%20Ltd/delete")
[ "$code" = 303 ] || fail "provider delete gave $code"
get "$A" "$(loc)" | grep -q 'role="status">Deleted.' || fail "no confirmation after a delete"
c provider list Acme | grep -q 'CERT Partner' && fail "the provider was not deleted"
code=$(post "$A" "/o/$ACME2/settings/rename" "name=Acme Two")
[ "$code" = 303 ] || fail "organization rename gave $code"
c org list | grep -qx 'Acme Two' || fail "the organization was not renamed"
code=$(post "$A" "/o/$ACME/settings/delete")
[ "$code" = 409 ] || fail "delete of an organization in use gave $code, not 409"
grep -q 'the organization is still in use: portfolios 1' "$W/post.html" ||
	fail "a refused organization delete does not say why"
code=$(post "$A" "/o/$ACME2/settings/delete")
[ "$code" = 303 ] || fail "organization delete gave $code: $(grep -o 'still in use[^<]*' "$W/post.html")"
get "$A" "$(loc)" | grep -q 'role="status">Deleted the organization.' ||
	fail "no confirmation after deleting an organization"
c org list | grep -q 'Acme Two' && fail "the organization was not deleted"

# ---- audit log ----
au=$(get "$A" "/o/$ACME/audit")
[ "$(status)" = 200 ] || fail "audit log gave $(status)"
echo "$au" | grep -q '>admin</td>' || fail "audit log does not name the user"
echo "$au" | grep -q 'Write the runbook' || fail "audit log misses the action"
# in people's words: what happened and which fields changed, never codes, JSON or ISO times
echo "$au" | grep -q '>Service changed<' || fail "audit log does not say 'Service changed'"
echo "$au" | grep -q '<th scope="row">In-house score — Current</th>' ||
	fail "audit log does not name a changed score in words"
for lang in en ja; do
	get "$A" "/o/$ACME/audit?lang=$lang" | grep -Eo '\{&quot;|\{"|entry\.update|membership\.set|action\.add|[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}' |
		head -3 | grep . && fail "the audit log ($lang) shows raw JSON, event codes or ISO times"
done
get "$A" "/o/$ACME/audit?lang=ja" | grep -q '>サービスを変更<' || fail "the Japanese audit log does not say サービスを変更"
get "$A" "/o/$ACME/audit?page=2" >/dev/null
[ "$(status)" = 200 ] || fail "audit page 2 gave $(status)"

# ---- export ----
curl -s -b "$A" "$U/o/$ACME/export.json" >"$W/web.json"
c export Acme >"$W/cli.json" || fail "cli export"
cmp -s "$W/web.json" "$W/cli.json" || fail "export.json differs from 'cdcf export'"

# ---- escaping on every page ----
for path in / "/o/$ACME" "$PF/actions" /my/actions "$PF/evaluation" "$PF/cycles" \
	"/o/$ACME/settings" "/o/$ACME/audit" /admin/users; do
	body=$(get "$A" "$path")
	for bad in '<script>alert' '<img src=x' '<svg onload'; do
		case "$body" in *"$bad"*) fail "unescaped '$bad' on $path" ;; esac
	done
done
get "$A" "$PF/actions" | grep -q '&lt;script&gt;alert(1)&lt;/script&gt;' || fail "action title not shown escaped"
get "$A" "/o/$ACME/settings" | grep -q '&lt;img src=x' || fail "team name not shown escaped"
get "$A" "$PF/cycles" | grep -q '&quot;&gt;&lt;svg onload' || fail "answer not shown escaped"

# ---- CSRF ----
code=$(curl -s -o /dev/null -w '%{http_code}' -b "$A" --data-urlencode "team_name=NoToken" \
	"$U/o/$ACME/settings/teams")
[ "$code" = 403 ] || fail "POST without CSRF gave $code, not 403"
c team list Acme | grep -q NoToken && fail "POST without CSRF changed data"

# ---- viewer and non-member ----
login "$B" bob bob-password-12
get "$B" "/o/$ACME" >"$W/bob.html"
[ "$(status)" = 200 ] || fail "viewer cannot see the org: $(status)"
csrf_of <"$W/bob.html" >"$B.csrf"
if [ ! -s "$B.csrf" ]; then get "$B" /account | csrf_of >"$B.csrf"; fi
[ -s "$B.csrf" ] || fail "no CSRF token for bob"
get "$B" / | grep -q '>Acme</a>' || fail "bob's dashboard does not list Acme"
get "$B" / | grep -q '>Other</a>' && fail "bob's dashboard lists an org he is not in"
code=$(post "$B" "$PF/actions" service=A-1 title=nope)
[ "$code" = 403 ] || fail "viewer action add gave $code, not 403"
code=$(post "$B" "$PF/actions/$ID/status" status=open)
[ "$code" = 403 ] || fail "viewer status change gave $code, not 403"
code=$(post "$B" "$PF/evaluation" "catalogue.appropriate=x" confirm=yes)
[ "$code" = 403 ] || fail "viewer evaluation gave $code, not 403"
code=$(post "$B" "/o/$ACME/settings/teams" team_name=nope)
[ "$code" = 403 ] || fail "viewer team add gave $code, not 403"
code=$(post "$B" "$PF/evaluation/schedule" next_evaluation=2030-01-01)
[ "$code" = 403 ] || fail "viewer schedule gave $code, not 403"
[ "$(c status Acme $FW --json | jq -r .next_evaluation)" = 2027-04-30 ] || fail "a viewer changed the plan"
bv=$(get "$B" "$PF/evaluation")
echo "$bv" | grep -q 'evaluation/schedule' && fail "a viewer is offered the schedule form"
echo "$bv" | grep -q 'Only administrators of this organization can plan the next evaluation.' ||
	fail "a viewer is not told who plans the next evaluation"
echo "$bv" | grep -qF '<time datetime="2027-04-30">2027-04-30</time> (in 394 days)' ||
	fail "a viewer does not see the planned date"
code=$(post "$B" /admin/users name=eve password=eve-password-1)
[ "$code" = 403 ] || fail "non-admin user create gave $code, not 403"
get "$B" "/o/$OTHER" >/dev/null
[ "$(status)" = 404 ] || fail "non-member org gave $(status), not 404"
get "$B" "/o/$OTHER/p/$FW/actions" >/dev/null
[ "$(status)" = 404 ] || fail "non-member actions gave $(status), not 404"
code=$(post "$B" "/o/$OTHER/settings/teams" team_name=nope)
[ "$code" = 404 ] || fail "non-member POST gave $code, not 404"
get "$B" "/o/$ACME/export.json" >/dev/null
[ "$(status)" = 403 ] || fail "viewer export gave $(status), not 403"

# ---- Japanese ----
get "$A" "$PF/actions?lang=ja" | grep -q '改善アクション' || fail "actions page not in Japanese"
get "$A" "$PF/evaluation" | grep -q '承認者' || fail "evaluation page not in Japanese"
get "$A" "/o/$ACME/audit" | grep -q '監査ログ' || fail "audit log not in Japanese"
get "$A" / | grep -q 'ダッシュボード' || fail "dashboard not in Japanese"
get "$A" / | grep -qF '<dt>次回評価予定日</dt><dd><time datetime="2027-04-30">2027-04-30</time>（あと 394 日）</dd>' ||
	fail "the next evaluation is not shown in Japanese"
code=$(post "$A" "/o/$ACME/settings/teams" "team_name=SOC")
grep -q 'この組織には「SOC」というチームがすでにあります。' "$W/post.html" || fail "duplicate team not explained in Japanese"
get "$A" "$PF/cycles?done=closed" | grep -q 'サイクル 1 を締めました。サイクル 2 を開始しました。' ||
	fail "closing confirmation not in Japanese"
get "$A" "$PF/actions" | grep -q '>完了 <span' || fail "action status not in Japanese"

serve_stop
# sanitizer builds report memory errors and leaks when the server ends
grep -E 'AddressSanitizer|LeakSanitizer|runtime error' "$W/serve.log" && fail "sanitizer report from the server"
# the figures kept for the lists match every portfolio recomputed from its entries
c db stats >/dev/null || fail "kept figures differ from the entries: $(c db stats 2>&1 | head -3)"
echo "web_manage: ok"
