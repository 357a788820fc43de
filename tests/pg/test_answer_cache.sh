#!/bin/bash
# The answer cache across servers on one PostgreSQL database: a read asked again of a server
# while nothing changed comes from its cache (its access log says "cached"); a change made
# through the other server (or by the CLI) gives the new answer at once on the first: every
# writing transaction raises the database's generation, which each server reads.
# $1: the cdcf binary; CDCF_TEST_PG: the tests' PostgreSQL server.
set -u
CDCF=$1
[ -n "${CDCF_TEST_PG:-}" ] || { echo "FAIL: CDCF_TEST_PG is not set (ctest sets it)"; exit 1; }
. "$(dirname "$0")/../scripts/lib/durability_env.sh"

python3 - "$CDCF" "$W" <<'PY'
import json, re, time
from durability import FW, REFS, Server, fail, main


def cached(server, path, want=0):
    """The answers to GET path the server's access log says came from its cache (waiting a
    while for at least want: a line is written once the answer is sent)."""
    for _ in range(100):
        with open(server.log, errors="replace") as f:
            n = sum(1 for l in f if (" GET %s 200 " % path) in l and "cached" in l)
        if n >= want:
            return n
        time.sleep(0.05)
    return n


def run(env):
    env.setup(refs=REFS[:2])
    s1, s2 = Server(env, "serve1"), Server(env, "serve2")
    P = "/api/v1/orgs/%d/portfolios/%s" % (env.org, FW)
    for i in range(5):
        # the same read again: from the cache (a connection of the server's pool that has
        # not yet seen the current generation answers it anew once: a few tries)
        before = cached(s1, P)
        for _ in range(5):
            st, _, a, _ = s1.req("GET", P)
            st2, _, b, _ = s1.req("GET", P)
            if st != 200 or st2 != 200 or a != b:
                fail("the same read twice on one server: %d, %d, same bytes: %s"
                     % (st, st2, a == b))
            if cached(s1, P, before + 1) > before:
                break
        else:
            fail("no read asked again came from the cache")
        note = "through the other server %d" % i
        st, etag, _ = s2.get_entry("A-1")
        st, _, _ = s2.patch_note("A-1", etag, note)
        if st != 200:
            fail("PATCH through the second server answered %d" % st)
        st, _, c, _ = s1.req("GET", P)
        if note not in c.decode():
            fail("the first server answered what it kept before the change on the second")
    env.cli("score", "O", FW, "A-2", "--side", "insource", "--current", "3", "--target", "4")
    st, _, c, _ = s1.req("GET", P)
    entry = [e for e in json.loads(c)["entries"] if e["ref"] == "A-2"][0]
    if entry["insource"]["current"] != 3:
        fail("the first server answered what it kept before a change by the CLI: %s" % entry)
    print("answer cache on PostgreSQL: reads again from the cache, every change through the other "
          "server or the CLI seen at once (%d cached answers)" % cached(s1, P))
    return True


main(run)
PY
