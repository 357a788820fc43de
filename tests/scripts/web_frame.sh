#!/bin/bash
# The frame around every page: the signed-in user's menu (links, account,
# a sign-out form that carries the CSRF token), and language links that keep
# the page's query (filters, ?next=) while switching language.
CDCF=$1
. "${CDCF_SOURCE:?}/tests/scripts/lib/api_env.sh"

page() { curl -s -b "$W/jar" -c "$W/jar" -o "$W/page.html" -w '%{http_code}' "$@"; }

# anonymous: the login page keeps ?next= in both language links
[ "$(page "$BASE/login?next=%2Fo%2F$ORG_A&lang=ja")" = 200 ] || fail "GET /login"
grep -q "href=\"?next=%2Fo%2F$ORG_A&amp;lang=en\"" "$W/page.html" ||
	fail "English link drops ?next=: $(grep -o 'href="?[^"]*"' "$W/page.html")"
grep -q "href=\"?next=%2Fo%2F$ORG_A&amp;lang=ja\" hreflang=\"ja\" lang=\"ja\" aria-current=\"true\"" \
	"$W/page.html" || fail "Japanese link not marked current"
grep -q 'class="signout"' "$W/page.html" && fail "anonymous page shows a sign-out form"

# sign in as alice
t=$(sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$W/page.html" | head -1)
[ -n "$t" ] || fail "no csrf field on the login page"
s=$(page -X POST --data-urlencode "csrf=$t" --data-urlencode "name=alice" \
	--data-urlencode "password=correct horse battery staple" --data-urlencode "next=/" "$BASE/login")
[ "$s" = 303 ] || fail "login gave $s"

[ "$(page "$BASE/o/$ORG_A?lang=en")" = 200 ] || fail "GET /o/$ORG_A"
grep -q '<nav class="user"' "$W/page.html" || fail "no user menu"
grep -q 'href="/account"[^>]*>alice<' "$W/page.html" || fail "user menu does not name alice"
grep -q 'href="/my/actions"' "$W/page.html" || fail "no link to my actions"
grep -q 'href="/admin/users"' "$W/page.html" && fail "a non-administrator sees the users link"
form=$(tr '\n' ' ' <"$W/page.html" | grep -o '<form method="post" action="/logout" class="signout">[^/]*' | head -1)
echo "$form" | grep -q 'name="csrf" value="[^"]\+"' || fail "sign-out form without a CSRF token: $form"

# signing out through the header form ends the session
t=$(echo "$form" | sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p')
[ "$(page -X POST --data-urlencode "csrf=$t" "$BASE/logout")" = 303 ] || fail "logout"
[ "$(page "$BASE/o/$ORG_A")" = 303 ] || fail "the session still works after signing out"
echo "web frame: ok"
