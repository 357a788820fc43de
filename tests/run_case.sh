#!/bin/sh
# Golden CLI case driver: tests/cases/<name>/cmd is a shell script that runs
# "$CDCF" (the binary under test) in a fresh temporary directory with a fixed
# clock; its standard output, followed by the exit code of each command where
# the script prints it, must equal tests/cases/<name>/expected byte for byte.
#   run_case.sh CDCF_BINARY CASE_DIR
# Set CDCF_UPDATE_GOLDEN=1 to rewrite expected from the actual output.
set -u
bin=$1
dir=$(cd "$2" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -R "$dir"/. "$work"/
cd "$work" || exit 2
CDCF="$bin" CDCF_DB="$work/case.db" CDCF_NOW="2026-04-01T09:00:00Z" CDCF_LANG="" USER=tester \
	sh ./cmd >actual 2>actual.err
rc=$?
if [ "${CDCF_UPDATE_GOLDEN:-}" = 1 ]; then
	cp actual "$dir/expected"
	echo "updated $dir/expected"
	exit 0
fi
if [ $rc -ne 0 ]; then
	echo "case script exited $rc"; cat actual.err; exit 1
fi
if ! diff -u expected actual; then
	echo "--- stderr:"; cat actual.err
	exit 1
fi
echo "case $(basename "$dir"): ok"
