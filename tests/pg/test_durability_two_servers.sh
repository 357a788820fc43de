#!/bin/bash
# tests/scripts/durability_two_servers.sh on PostgreSQL: two servers, one database of the
# tests' server (CDCF_TEST_PG), updates through both under If-Match, both killed -9; no
# acknowledged update lost. $1: the cdcf binary.
set -u
[ -n "${CDCF_TEST_PG:-}" ] || { echo "FAIL: CDCF_TEST_PG is not set (ctest sets it)"; exit 1; }
exec bash "$(dirname "$0")/../scripts/durability_two_servers.sh" "$1"
