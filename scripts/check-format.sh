#!/bin/sh
# Fail when a C file differs from .clang-format.
set -eu
files=$(git ls-files 'src/*.c' 'src/*.h' 'tests/*.c' 'tools/*.c' 2>/dev/null || find src tests tools -name '*.[ch]')
# shellcheck disable=SC2086
clang-format --dry-run -Werror $files
echo "format: ok ($(echo "$files" | wc -w) files)"
