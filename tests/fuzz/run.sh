#!/bin/bash
# Build the libFuzzer targets with clang (CDCF_FUZZ=ON, in their own build
# directory) and run each for a bounded time; fail when one finds a crash, a
# leak, a sanitizer report, a timeout or a broken property.
#
#   tests/fuzz/run.sh BUILD_DIR SECONDS [TARGET...]     (TARGET: archive, form, ...)
#
# Each target starts from its committed seeds (tests/fuzz/corpus/<target>/,
# never written to) plus what earlier runs found (BUILD_DIR/fuzz-corpus/<target>/,
# where new inputs go). A failing input is kept as
# BUILD_DIR/fuzz-artifacts/<target>-crash-*; replay it with
# BUILD_DIR/fuzz_<target> FILE. FUZZ_JOBS targets run at once (default: the
# number of CPUs); per input at most FUZZ_TIMEOUT seconds (default 10) and
# FUZZ_RSS_MB of memory (default 2048). The last lines printed are the
# executions per target, the figures docs/fuzzing.md records.
set -u
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
build=${1:?usage: run.sh BUILD_DIR SECONDS [TARGET...]}
secs=${2:?usage: run.sh BUILD_DIR SECONDS [TARGET...]}
shift 2
jobs=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 2)}
timeout=${FUZZ_TIMEOUT:-10}
rss=${FUZZ_RSS_MB:-2048}

if ! command -v clang >/dev/null; then
	echo "run.sh: clang is needed for the fuzz targets (scripts/deps.sh installs it)" >&2
	exit 2
fi
if [ ! -f "$build/CMakeCache.txt" ]; then
	CC=clang cmake -S "$src" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Debug \
		-DCMAKE_C_FLAGS=-O1 -DCDCF_FUZZ=ON >/dev/null || exit 2
fi
cmake --build "$build" --target fuzzers || exit 2

if [ $# -eq 0 ]; then
	for f in "$here"/fuzz_*.c; do
		t=$(basename "$f" .c)
		set -- "$@" "${t#fuzz_}"
	done
fi
mkdir -p "$build/fuzz-artifacts" "$build/fuzz-logs"

run_one() {
	local t=$1 dict=()
	mkdir -p "$build/fuzz-corpus/$t"
	[ -f "$here/$t.dict" ] && dict=("-dict=$here/$t.dict")
	"$build/fuzz_$t" -max_total_time="$secs" -timeout="$timeout" -rss_limit_mb="$rss" \
		-print_final_stats=1 "${dict[@]}" \
		-artifact_prefix="$build/fuzz-artifacts/$t-" \
		"$build/fuzz-corpus/$t" "$here/corpus/$t" >"$build/fuzz-logs/$t.log" 2>&1
}

declare -A pid_of
for t in "$@"; do
	if [ ! -x "$build/fuzz_$t" ]; then
		echo "run.sh: no fuzz target '$t'" >&2
		exit 2
	fi
	while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do
		wait -n
	done
	echo "fuzz: $t for ${secs}s"
	run_one "$t" &
	pid_of[$t]=$!
done

failed=0
for t in "$@"; do
	wait "${pid_of[$t]}"
	rc=$?
	log="$build/fuzz-logs/$t.log"
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
	if [ "$rc" -eq 0 ]; then
		printf 'fuzz: %-10s ok      %10s executions in %ss (%s edges)\n' "$t" "${execs:-?}" \
			"$secs" "${cov#cov: }"
	else
		failed=1
		printf 'fuzz: %-10s FAILED  (exit %s) after %s executions; log %s\n' "$t" "$rc" \
			"${execs:-?}" "$log"
		grep -E '^(==[0-9]+==ERROR|SUMMARY|fuzz: .*property failed)|Test unit written' "$log" \
			| sed 's/^/    /' | head -5
	fi
done
exit $failed
