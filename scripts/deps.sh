#!/bin/sh
# Install the Debian packages cdcf needs, only those missing.
# One list, used by `make deps`, `make demo`, `make check` and CI.
# Usage: scripts/deps.sh
# clang and libclang-rt-14-dev build the libFuzzer targets (tests/fuzz/); python3
# drives the durability and sign-in tests; LibreOffice (libreoffice-calc-nogui)
# is the real spreadsheet the workbook tests open and save cdcf's workbooks with.
# (node >= 20 and npm, for the browser tests, come with the machine image; the
# benchmarks in bench/ install their own tools.)
set -eu

PACKAGES="build-essential cmake ninja-build pkg-config clang-format
libmicrohttpd-dev libjansson-dev libyaml-dev libsqlite3-dev libsodium-dev libcmocka-dev
libpq-dev postgresql nginx
libxlsxwriter-dev zlib1g-dev libbrotli-dev
libminizip-dev libexpat1-dev
jq sqlite3 curl ca-certificates openssl procps python3
clang libclang-rt-14-dev
chromium fonts-noto-cjk poppler-utils
libreoffice-calc-nogui"

missing=""
for p in $PACKAGES; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

SUDO=""
if [ "$(id -u)" != 0 ]; then
	SUDO="sudo"
fi
echo "deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# a package's maintainer script must not start a system service (postgresql and nginx
# would): a temporary policy-rc.d denies that while installing, unless one exists already
policy_made=""
if [ ! -e /usr/sbin/policy-rc.d ]; then
	printf '#!/bin/sh\nexit 101\n' | $SUDO tee /usr/sbin/policy-rc.d >/dev/null
	$SUDO chmod 755 /usr/sbin/policy-rc.d
	policy_made=1
fi
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
if [ -n "$policy_made" ]; then
	$SUDO rm -f /usr/sbin/policy-rc.d
fi
