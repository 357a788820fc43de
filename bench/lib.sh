# shellcheck shell=bash
# Shared helpers for bench/*/run.sh (sourced by bash, not run).
# The bench scripts only measure and print; nothing here asserts a speed.

# ensure_pkgs CMD:PACKAGE ...: install the Debian packages whose command is missing.
# A package's maintainer script must not start a system service (nginx would):
# while installing, a temporary policy-rc.d denies that, unless one already exists.
ensure_pkgs() {
	missing=
	for pair in "$@"; do
		cmd=${pair%%:*}
		pkg=${pair#*:}
		command -v "$cmd" >/dev/null 2>&1 || missing="$missing $pkg"
	done
	[ -z "$missing" ] && return 0
	echo "bench: installing$missing" >&2
	policy_made=
	if [ ! -e /usr/sbin/policy-rc.d ]; then
		printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
		chmod 755 /usr/sbin/policy-rc.d
		policy_made=1
	fi
	# shellcheck disable=SC2086
	if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null; then
		apt-get update -qq >/dev/null
		# shellcheck disable=SC2086
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
	fi
	[ -n "$policy_made" ] && rm -f /usr/sbin/policy-rc.d
	return 0
}

# build_cdcf: a Release build in build-bench/ (its own build directory), unless $CDCF is set.
build_cdcf() {
	if [ -n "${CDCF:-}" ]; then
		[ -x "$CDCF" ] || { echo "bench: CDCF=$CDCF is not executable" >&2; exit 1; }
		return 0
	fi
	ensure_pkgs cmake:cmake ninja:ninja-build
	cmake -S . -B build-bench -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
	cmake --build build-bench --target cdcf >/dev/null
	CDCF=$PWD/build-bench/cdcf
}

# rss_kb PID: resident set size of a running process in KiB.
rss_kb() {
	awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo "?"
}

# hwm_kb PID: peak resident set size (high-water mark) of a running process in KiB.
hwm_kb() {
	awk '/^VmHWM:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo "?"
}

# free_port: a random TCP port in 20000-59999 that nothing listens on at 127.0.0.1 (bash).
free_port() {
	local p
	for _ in $(seq 1 50); do
		p=$(( (RANDOM * 32768 + RANDOM) % 40000 + 20000 ))
		if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
			echo "$p"
			return 0
		fi
	done
	echo "bench: no free port found" >&2
	return 1
}

# machine_info: one block describing the machine and the tools' versions.
machine_info() {
	echo "machine: $(nproc) cores, $(awk '/^MemTotal:/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo) memory, $(uname -sr)"
	echo "cpu:     $(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
	echo "cdcf:    $CDCF ($(grep -s '^CMAKE_BUILD_TYPE:' "$(dirname "$CDCF")/CMakeCache.txt" | cut -d= -f2 || echo '?') build)"
}
