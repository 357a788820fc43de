#!/bin/sh
# Golden CLI case driver: tests/cases/<name>/cmd is a shell script that runs
# "$CDCF" (the binary under test) in a fresh temporary directory with a fixed
# clock; its standard output, followed by the exit code of each command where
# the script prints it, must equal tests/cases/<name>/expected byte for byte.
# The script runs in English (CDCF_LANG=en). When the case also has
# expected.ja, it runs a second time, from a fresh directory, in Japanese
# (CDCF_LANG=ja) and must equal expected.ja: the same refusals, said in the
# other language.
#   run_case.sh CDCF_BINARY CASE_DIR
# Set CDCF_UPDATE_GOLDEN=1 to rewrite expected (and expected.ja, when the case
# has one) from the actual output.
set -u
bin=$1
dir=$(cd "$2" && pwd)
status=0

# run_in LANG EXPECTED_FILE: run the case in LANG, compare with EXPECTED_FILE
run_in() {
	work=$(mktemp -d)
	cp -R "$dir"/. "$work"/
	(
		cd "$work" || exit 2
		CDCF="$bin" CDCF_DB="$work/case.db" CDCF_NOW="2026-04-01T09:00:00Z" CDCF_LANG="$1" \
			USER=tester sh ./cmd >actual 2>actual.err
	)
	rc=$?
	if [ "${CDCF_UPDATE_GOLDEN:-}" = 1 ]; then
		cp "$work/actual" "$dir/$2"
		echo "updated $dir/$2"
	elif [ $rc -ne 0 ]; then
		echo "case script exited $rc ($1)"; cat "$work/actual.err"; status=1
	elif ! diff -u "$work/$2" "$work/actual"; then
		echo "--- stderr ($1):"; cat "$work/actual.err"; status=1
	fi
	rm -rf "$work"
}

run_in en expected
if [ -f "$dir/expected.ja" ]; then
	run_in ja expected.ja
fi
[ $status -eq 0 ] && [ "${CDCF_UPDATE_GOLDEN:-}" != 1 ] && echo "case $(basename "$dir"): ok"
exit $status
