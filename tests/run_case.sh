#!/bin/sh
# Golden CLI case driver: tests/cases/<name>/cmd is a shell script that runs
# "$CDCF" (the binary under test) in a fresh temporary directory with a fixed
# clock; its standard output, followed by the exit code of each command where
# the script prints it, must equal tests/cases/<name>/expected byte for byte.
# Every case runs twice, each time from a fresh directory: in English
# (CDCF_LANG=en) against expected, and in Japanese (CDCF_LANG=ja) against
# expected.ja: the same results and refusals, said in the other language.
# Setup shared by several cases lives in tests/case-lib/ ($CDCF_CASE_LIB).
#   run_case.sh CDCF_BINARY CASE_DIR
# Set CDCF_UPDATE_GOLDEN=1 to rewrite expected and expected.ja from the
# actual output.
# With CDCF_TEST_PG=DIR (a server of tests/pg/server.sh) the case runs on a new
# PostgreSQL database of that server instead of a file, against the same expected
# output (its URL read as WORK/case.db). A case about database files themselves
# says so in a file sqlite-only, and has nothing to run on PostgreSQL.
set -u
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
dir=$(cd "$2" && pwd)
lib=$(cd "$(dirname "$0")/case-lib" && pwd)
status=0

# run_in LANG EXPECTED_FILE: run the case in LANG, compare with EXPECTED_FILE
run_in() {
	work=$(mktemp -d)
	cp -R "$dir"/. "$work"/
	db="$work/case.db"
	if [ -n "${CDCF_TEST_PG:-}" ]; then
		db=$("$(dirname "$0")/pg/server.sh" newdb "$CDCF_TEST_PG") || exit 2
	fi
	(
		cd "$work" || exit 2
		CDCF="$bin" CDCF_DB="$db" CDCF_NOW="2026-04-01T09:00:00Z" CDCF_LANG="$1" \
			CDCF_CASE_LIB="$lib" USER=tester sh ./cmd >actual 2>actual.err
	)
	rc=$?
	if [ -n "${CDCF_TEST_PG:-}" ]; then
		sed -i "s#$db#WORK/case.db#g" "$work/actual"
	fi
	if [ "${CDCF_UPDATE_GOLDEN:-}" = 1 ]; then
		cp "$work/actual" "$dir/$2"
		echo "updated $dir/$2"
	elif [ ! -f "$dir/$2" ]; then
		echo "no $2 in $dir (CDCF_UPDATE_GOLDEN=1 writes it; read it before committing)"; status=1
	elif [ $rc -ne 0 ]; then
		echo "case script exited $rc ($1)"; cat "$work/actual.err"; status=1
	elif ! diff -u "$work/$2" "$work/actual"; then
		echo "--- stderr ($1):"; cat "$work/actual.err"; status=1
	fi
	rm -rf "$work"
}

if [ -n "${CDCF_TEST_PG:-}" ] && [ -f "$dir/sqlite-only" ]; then
	echo "case $(basename "$dir"): on SQLite files only ($(cat "$dir/sqlite-only")): nothing to run on PostgreSQL"
	exit 0
fi
run_in en expected
run_in ja expected.ja
[ $status -eq 0 ] && [ "${CDCF_UPDATE_GOLDEN:-}" != 1 ] && echo "case $(basename "$dir"): ok"
exit $status
