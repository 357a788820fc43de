#!/bin/bash
# The OpenAPI document against the server's real answers: structure, then
# every operation's real JSON responses validated against the schemas the
# document declares (openapi_conformance.js, plain node, no packages).
set -u
CDCF=$1 && export CDCF
command -v node >/dev/null 2>&1 || { echo "SKIP: node is not installed"; exit 77; }
. "$(dirname "$0")/lib/api_env.sh"
export BASE FW ORG_A ORG_B TOK_ALICE TOK_VIC TOK_ANN TOK_ADMIN TOK_BOB
node "$(dirname "$0")/openapi_conformance.js" || fail "the document and the answers differ"
