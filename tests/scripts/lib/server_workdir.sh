# Shared by the script tests that start `cdcf serve`: a work directory W and
# an exit trap that stops the server (SERVER_PID, once set), fails the test
# when a server still answers on $PORT afterwards (SERVER_PID unset, or not the
# server itself: start it as "$CDCF" serve ... &, never through a shell
# function, whose $! is a subshell) or when a sanitizer build reported memory
# errors in $W/serve.log, and removes W. Source it before anything writes to W.
# It also gives new_db, db_dump and db_sql (test_db.sh): the database on either engine.

W=$(mktemp -d)
SERVER_PID=
cleanup() {
	local rc=$? bad=
	if [ -n "$SERVER_PID" ]; then
		kill "$SERVER_PID" 2>/dev/null
		wait "$SERVER_PID" 2>/dev/null
	fi
	# also when SERVER_PID was never set: the server would outlive the test
	if [ -n "${PORT:-}" ] && (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
		echo "FAIL: a server still listens on port $PORT after the test stopped '${SERVER_PID}'"
		bad=1
	fi
	# a sanitizer build reports memory errors and leaks in the server's log
	if grep -qE 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$W/serve.log" 2>/dev/null; then
		echo "FAIL: the server reported memory errors:"
		grep -A30 -E 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$W/serve.log" | head -n 60
		bad=1
	fi
	rm -rf "$W"
	[ -n "$bad" ] && exit 1
	exit $rc
}
trap cleanup EXIT
. "$(dirname "${BASH_SOURCE[0]}")/test_db.sh"
