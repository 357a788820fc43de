#!/bin/bash
# The evaluation cycle from the command line: evaluate freezes a snapshot with
# a hash, opens the next cycle; diff shows what changed; the closed snapshot
# does not change when the portfolio changes afterwards.
set -u
CDCF=$1
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
. "$(dirname "$0")/lib/test_db.sh"
fail() { echo "FAIL: $*"; exit 1; }
CDCF_DB=$(new_db c.db) || fail "no database"
export CDCF_DB CDCF_NOW=2026-04-01T09:00:00Z
c() { "$CDCF" "$@"; }
c init >/dev/null
c org add Acme >/dev/null && c team add Acme SOC >/dev/null
c portfolio new Acme first-csirt-2.1 >/dev/null || fail "csirt portfolio"
c select Acme first-csirt-2.1 5.1 5.2 6.1 --level basic >/dev/null || fail select
c assign Acme first-csirt-2.1 5.1 --insource SOC >/dev/null || fail assign
c score Acme first-csirt-2.1 5.1 --side insource --current 2 --target 4 >/dev/null || fail score
cat > "$W/ans.json" <<'JSON'
{"catalogue": {"appropriate": "yes", "environment": "no change"},
 "profile": {"assignments": "keep"},
 "portfolio": {"scores": "first assessment", "targets": "agreed"}}
JSON
c evaluate Acme first-csirt-2.1 --answers "$W/ans.json" --approved-by CISO >/dev/null || fail evaluate
h1=$(c cycles Acme first-csirt-2.1 --json | jq -r '.[0].snapshot_hash')
[ ${#h1} = 64 ] || fail "no snapshot hash: $h1"
[ "$(c cycles Acme first-csirt-2.1 --json | jq -r '.[0].approved_by')" = CISO ] || fail "approver not recorded"
[ "$(c cycles Acme first-csirt-2.1 --json | jq -r '.[0].answers.profile.assignments')" = keep ] || fail "answers not recorded"
[ "$(c cycles Acme first-csirt-2.1 --json | jq 'length')" = 2 ] || fail "next cycle not opened"
c score Acme first-csirt-2.1 5.1 --side insource --current 3 >/dev/null
c select Acme first-csirt-2.1 6.1 --level not_required >/dev/null
d=$(c diff Acme first-csirt-2.1 1 2 --json)
[ "$(echo "$d" | jq '[.[] | select(.ref=="5.1" and .field=="insource.current" and .before=="2" and .after=="3")] | length')" = 1 ] || fail "diff misses the score change: $d"
[ "$(echo "$d" | jq '[.[] | select(.ref=="6.1" and .change=="level" and .after=="not_required")] | length')" = 1 ] || fail "diff misses the level change: $d"
h1b=$(c cycles Acme first-csirt-2.1 --json | jq -r '.[0].snapshot_hash')
[ "$h1" = "$h1b" ] || fail "closed snapshot changed"
[ "$(c diff Acme first-csirt-2.1 1 1 --json | jq length)" = 0 ] || fail "a cycle differs from itself"
c diff Acme first-csirt-2.1 1 7 >/dev/null 2>&1; [ $? = 1 ] || fail "unknown cycle not exit 1"
# the figures kept for the lists match every portfolio recomputed from its entries
c db stats >/dev/null || fail "kept figures differ from the entries: $(c db stats 2>&1 | head -3)"
echo "cycle: ok"
