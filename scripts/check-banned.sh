#!/bin/sh
# Reject calls STYLE.md bans in src/ (sprintf strcpy strcat gets atoi strtok system popen).
set -eu
if grep -rnE '\b(sprintf|vsprintf|strcpy|strcat|gets|atoi|strtok|system|popen)[[:space:]]*\(' src; then
	echo "banned calls found in src/ (see STYLE.md)" >&2
	exit 1
fi
echo "banned calls: none"
