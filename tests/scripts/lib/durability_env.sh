# Shared by the durability script tests (durability_*.sh), whose checks are
# Python (lib/durability.py): skip without python3 or the sqlite3 shell, a
# work directory W removed on exit, and the environment the Python side
# expects. Source it with the cdcf binary as CDCF.

for tool in python3 sqlite3; do
	command -v "$tool" >/dev/null 2>&1 || { echo "SKIP: $tool is not installed"; exit 77; }
done
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
export PYTHONDONTWRITEBYTECODE=1 CDCF_ARGON2=min PYTHONPATH="$(dirname "${BASH_SOURCE[0]}")"
