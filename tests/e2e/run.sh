#!/usr/bin/env bash
# Browser end-to-end test of the web application (ctest: e2e/cycle, label e2e).
#
#   tests/e2e/run.sh CDCF_BINARY BUILD_DIR
#
# A temporary database with one site administrator made through the CLI, then
# `cdcf serve` on a free loopback port, then tests/e2e/cycle.test.mjs run by
# node's test runner twice: in English, then in Japanese. Each run signs in,
# creates an organization, builds an X.1060 portfolio (catalogue, profile,
# portfolio), adds an action, evaluates, closes the cycle and downloads the
# HTML report; then every main page on a phone (390 px) and at a desk: no
# sideways scrolling, no violation axe-core finds. Then group_survey.test.mjs:
# the group view of a seeded group and a survey answered through an outside
# link on a phone. Screenshots of every step
# and of every page: BUILD_DIR/e2e-screenshots/<lang>/{phone,desk}-PAGE.png.
# With CDCF_TEST_PG (a server of tests/pg/server.sh; ctest e2e/cycle-pg) the database is a
# new PostgreSQL database of that server, the screenshots in BUILD_DIR/e2e-screenshots-pg/.
#
# Needs Debian's chromium and node (>= 20) with npm; exits 77 (skipped) when
# one is missing. playwright-core and axe-core come from package-lock.json
# (`npm ci`); playwright-core drives /usr/bin/chromium and never downloads a
# browser; axe-core checks every main page for accessibility violations.
set -u

if [ $# -ne 2 ]; then
	echo "usage: $0 CDCF_BINARY BUILD_DIR" >&2
	exit 2
fi
CDCF=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
BUILD_DIR=$(mkdir -p "$2" && cd "$2" && pwd)
ROOT=$(cd "$(dirname "$0")/../.." && pwd)

skip() {
	echo "SKIP e2e: $*" >&2
	exit 77
}

[ -x "$CDCF" ] || { echo "e2e: no cdcf binary at $CDCF" >&2; exit 2; }
command -v node >/dev/null 2>&1 || skip "node is not installed (CI installs it with the machine image)"
command -v npm >/dev/null 2>&1 || skip "npm is not installed"
CHROMIUM=${CDCF_E2E_CHROMIUM:-$(command -v chromium || true)}
[ -n "$CHROMIUM" ] && [ -x "$CHROMIUM" ] ||
	skip "Debian's chromium is not installed (scripts/deps.sh installs it: apt-get install chromium fonts-noto-cjk)"
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
[ "$node_major" -ge 20 ] 2>/dev/null || skip "node $(node --version 2>/dev/null) is too old, playwright-core needs >= 20"

if [ ! -f "$ROOT/node_modules/playwright-core/package.json" ] ||
	[ ! -f "$ROOT/node_modules/axe-core/axe.min.js" ]; then
	echo "e2e: installing playwright-core and axe-core from package-lock.json (npm ci)"
	if ! (cd "$ROOT" && npm ci --no-audit --no-fund); then
		echo "e2e: npm ci failed in $ROOT" >&2
		exit 1
	fi
fi

WORK=$(mktemp -d "${TMPDIR:-/tmp}/cdcf-e2e.XXXXXX")
DB=$WORK/e2e.db
SHOTS=$BUILD_DIR/e2e-screenshots
if [ -n "${CDCF_TEST_PG:-}" ]; then # a new database of the tests' PostgreSQL server
	DB=$("$ROOT/tests/pg/server.sh" newdb "$CDCF_TEST_PG") || { echo "e2e: no PostgreSQL database" >&2; exit 1; }
	SHOTS=$BUILD_DIR/e2e-screenshots-pg
fi
LOG=$WORK/serve.log
SERVER_PID=
SERVER_STATUS=0

stop_server() {
	if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
		kill -TERM "$SERVER_PID" 2>/dev/null
		for _ in $(seq 50); do
			kill -0 "$SERVER_PID" 2>/dev/null || break
			sleep 0.1
		done
		if kill -0 "$SERVER_PID" 2>/dev/null; then
			echo "e2e: cdcf serve ignored SIGTERM for 5 s, killing it" >&2
			kill -KILL "$SERVER_PID" 2>/dev/null
		fi
		wait "$SERVER_PID" 2>/dev/null
		SERVER_STATUS=$?
	fi
	SERVER_PID=
}
cleanup() {
	stop_server
	rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Cheap password hashing for the test; the server verifies with the same costs.
export CDCF_ARGON2=min
E2E_USER=e2e-admin
E2E_PASSWORD="e2e: correct horse battery staple"

if ! "$CDCF" --db "$DB" init >"$WORK/init.log" 2>&1; then
	echo "e2e: cdcf init failed:" >&2
	cat "$WORK/init.log" >&2
	exit 1
fi
if ! printf '%s\n' "$E2E_PASSWORD" |
	"$CDCF" --db "$DB" user add --admin "$E2E_USER" --password-stdin >"$WORK/user.log" 2>&1; then
	echo "e2e: cdcf user add failed:" >&2
	cat "$WORK/user.log" >&2
	exit 1
fi

# the group of tests/e2e/group_survey.test.mjs: what the web UI does not make (organizations
# under a parent, scored portfolios), with a user who administers the parent; made after the
# first run of cycle.test.mjs, which starts on an empty site
E2E_GROUP_USER=e2e-group-admin
seed_group() {
	local i
	c() { "$CDCF" --db "$DB" "$@"; }
	c org add "E2E Group" && c team add "E2E Group" SOC || return 1
	for i in $(seq -w 1 55); do c org add "E2E Sub $i" --parent "E2E Group" || return 1; done
	c org add "E2E Sub 01 East" --parent "E2E Sub 01" || return 1
	for i in "E2E Group:2" "E2E Sub 01:4" "E2E Sub 01 East:1" "E2E Sub 55:3"; do
		c portfolio new "${i%:*}" x1060-2021 --preset full-cdc &&
			{ [ "${i%:*}" = "E2E Group" ] || c team add "${i%:*}" SOC; } &&
			c assign "${i%:*}" x1060-2021 A-1 --insource SOC &&
			c score "${i%:*}" x1060-2021 A-1 --current "${i#*:}" --target 4 || return 1
	done
	printf '%s\n' "$E2E_PASSWORD" | c user add "$E2E_GROUP_USER" --password-stdin &&
		c user grant "$E2E_GROUP_USER" "E2E Group" admin
}

free_port() {
	node -e 'const s = require("net").createServer();
s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

healthy() {
	node -e 'fetch(process.argv[1]).then(r => process.exit(r.ok ? 0 : 1), () => process.exit(1))' \
		"$1/healthz"
}

# A free port can be taken between asking and listening: try a few.
BASE_URL=
for _ in 1 2 3; do
	PORT=$(free_port) || { echo "e2e: cannot find a free port" >&2; exit 1; }
	: >"$LOG"
	"$CDCF" --db "$DB" serve --listen "127.0.0.1:$PORT" >>"$LOG" 2>&1 &
	SERVER_PID=$!
	for _ in $(seq 100); do
		kill -0 "$SERVER_PID" 2>/dev/null || break
		if healthy "http://127.0.0.1:$PORT"; then
			BASE_URL="http://127.0.0.1:$PORT"
			break
		fi
		sleep 0.1
	done
	[ -n "$BASE_URL" ] && break
	stop_server
done
if [ -z "$BASE_URL" ]; then
	echo "e2e: cdcf serve did not answer /healthz; its log:" >&2
	cat "$LOG" >&2
	exit 1
fi
SERVER_STATUS=0 # an earlier attempt's killed server does not count
echo "e2e: cdcf serve at $BASE_URL (pid $SERVER_PID), database $DB"

export E2E_BASE_URL=$BASE_URL E2E_USER E2E_PASSWORD E2E_CHROMIUM=$CHROMIUM E2E_GROUP_USER
status=0
for lang in en ja; do
	rm -rf "${SHOTS:?}/$lang"
	mkdir -p "$SHOTS/$lang"
	echo "e2e: ---- LANG_UNDER_TEST=$lang ----"
	# the spec reporter for people, the TAP summary (# pass / # fail) for CI
	if ! (cd "$ROOT" && LANG_UNDER_TEST=$lang E2E_SHOTS=$SHOTS/$lang \
		node --test --test-reporter=spec --test-reporter-destination=stdout \
		--test-reporter=tap --test-reporter-destination="$WORK/tap-$lang.txt" \
		tests/e2e/cycle.test.mjs); then
		status=1
	fi
	# a group and a survey end to end (the same server; the names carry the language)
	if [ ! -f "$WORK/seed.log" ]; then # once, through the CLI beside the server
		if ! seed_group >"$WORK/seed.log" 2>&1; then
			echo "e2e: seeding the group failed:" >&2
			cat "$WORK/seed.log" >&2
			exit 1
		fi
	fi
	if ! (cd "$ROOT" && LANG_UNDER_TEST=$lang E2E_SHOTS=$SHOTS/$lang \
		node --test --test-reporter=spec --test-reporter-destination=stdout \
		--test-reporter=tap --test-reporter-destination="$WORK/tap-group-$lang.txt" \
		tests/e2e/group_survey.test.mjs); then
		status=1
	fi
	grep -E '^# (tests|pass|fail)' "$WORK/tap-group-$lang.txt" || true
	echo "e2e: summary ($lang):"
	grep -E '^# (tests|pass|fail|skipped|todo|cancelled|duration_ms)' "$WORK/tap-$lang.txt" ||
		echo "e2e: node wrote no TAP summary" >&2
	if ! kill -0 "$SERVER_PID" 2>/dev/null; then
		echo "e2e: cdcf serve died during the $lang run; its log:" >&2
		cat "$LOG" >&2
		exit 1
	fi
done

# a clean stop on SIGTERM (under ASan this is also where leaks are reported)
stop_server
if [ "$SERVER_STATUS" -ne 0 ]; then
	echo "e2e: cdcf serve exited with status $SERVER_STATUS after SIGTERM" >&2
	status=1
fi
echo "e2e: screenshots in $SHOTS"
if [ "$status" -ne 0 ]; then
	echo "e2e: FAILED; the last lines of the server log:" >&2
	tail -n 40 "$LOG" >&2
fi
exit "$status"
